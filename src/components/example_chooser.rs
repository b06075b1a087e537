//! Which example the stepper walks: a training example (random, by number, or picked on the
//! data plot), or one typed by hand.

use super::app::LangSignal;
use crate::i18n::stepper::StepperMsg;
use crate::i18n::{class_name, t, typed_error};
use crate::settings::Settings;
use crate::i18n::{fixed, list_separator};
use crate::stepper::typed::{parse_typed, TypedError};
use crate::stepper::ExampleSource;
use leptos::prelude::*;
use mlp::{Data, Part};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;

#[component]
pub fn ExampleChooser(
    settings: RwSignal<Settings>,
    shown: Memo<Data>,
    source: RwSignal<ExampleSource>,
    /// A loaded case, walked instead of the network: its example is the one shown, and the
    /// choices of a training or typed example wait until the walk is the network's again.
    case: RwSignal<Option<mlp::Case>>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    // Random picks are reproducible from the seed, like everything else.
    let rng = StoredValue::new(Pcg64::seed_from_u64(settings.get_untracked().seed));
    let random = move |_| {
        let n = shown.with_untracked(|d| d.len(Part::Train));
        if n > 0 {
            let mut i = 0;
            rng.update_value(|r| i = r.random_range(0..n));
            source.set(ExampleSource::Train(i));
        }
    };
    let case_example = move || {
        case.with(|c| {
            let c = c.as_ref()?;
            let lang = lang.get();
            let xs: Vec<String> = c.x.iter().map(|v| fixed(lang, *v)).collect();
            Some(format!(
                "{} x = ({}), y = {} ({})",
                t(lang, StepperMsg::CaseExample),
                xs.join(list_separator(lang)),
                c.y,
                class_name(lang, c.y)
            ))
        })
    };
    let current = move || {
        if let Some(line) = case_example() {
            return Some(line);
        }
        source.with(|src| match src {
            ExampleSource::Train(i) => shown.with(|data| match data {
                Data::Plane(split) => {
                    let (p, y) = (split.train.points.get(*i)?, split.train.labels.get(*i)?);
                    let lang = lang.get();
                    Some(format!(
                        "{} {i}: (x₁, x₂) = ({}{}{}), y = {y} ({})",
                        t(lang, StepperMsg::ExampleIndex),
                        fixed(lang, p[0]),
                        list_separator(lang),
                        fixed(lang, p[1]),
                        class_name(lang, *y)
                    ))
                }
                Data::Table(split) => image_line(lang.get(), StepperMsg::ExampleIndex, *i, split.train.labels.get(*i)?),
            }),
            ExampleSource::Valid(i) => {
                let y = shown.with(|data| data.labels(Part::Valid).get(*i).copied())?;
                image_line(lang.get(), StepperMsg::ValidExampleIndex, *i, &y)
            }
            ExampleSource::Test(i) => {
                let y = shown.with(|data| data.labels(Part::Test).get(*i).copied())?;
                image_line(lang.get(), StepperMsg::TestExampleIndex, *i, &y)
            }
            ExampleSource::Typed { x, y } => {
                let lang = lang.get();
                let xs: Vec<String> = x.iter().map(|v| fixed(lang, *v)).collect();
                Some(format!("x = ({}), y = {y}", xs.join(list_separator(lang))))
            }
        })
    };
    view! {
        <div class="example-chooser">
            <h3>{text(StepperMsg::ExampleHeading)}</h3>
            <p class="current-example" id="current-example">{current}</p>
            <div class="example-choices" hidden=move || case.with(Option::is_some)>
            <div class="example-actions">
                // The one-screen layouts show the short label (the long page the long one).
                <button type="button" id="random-example" on:click=random>
                    <span class="label-long">{text(StepperMsg::RandomExample)}</span>
                    <span class="label-short">{text(StepperMsg::RandomShort)}</span>
                </button>
                <small>{move || {
                    let hint = if shown.with(|d| d.plane().is_some()) { StepperMsg::PickHint } else { StepperMsg::PickImageHint };
                    t(lang.get(), hint)
                }}</small>
            </div>
            // Typing 64 pixels is no way to choose a digit: the gallery picks them.
            <Show when=move || shown.with(|d| d.plane().is_some())>
                <TypedExample settings=settings source=source />
            </Show>
            </div>
        </div>
    }
}

/// "Test example #4: an 8×8 image, y = 3 (class 3)".
fn image_line(lang: crate::i18n::Lang, which: StepperMsg, i: usize, y: &usize) -> Option<String> {
    Some(format!("{} {i}: {}, y = {y} ({})", t(lang, which), t(lang, StepperMsg::ImageOfDigit), class_name(lang, *y)))
}

/// x and y typed by hand, checked against the network's d and m.
#[component]
fn TypedExample(settings: RwSignal<Settings>, source: RwSignal<ExampleSource>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    let x_text = RwSignal::new("0.5, -0.25".to_string());
    let y_text = RwSignal::new("0".to_string());
    let error = RwSignal::new(None::<TypedError>);
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (d, m) = settings.with_untracked(|s| (s.d(), s.m));
        match parse_typed(&x_text.get_untracked(), &y_text.get_untracked(), d, m) {
            Ok((x, y)) => {
                error.set(None);
                source.set(ExampleSource::Typed { x, y });
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="typed-example" on:submit=apply>
            <div class="field">
                <label for="typed-x">{text(StepperMsg::TypedX)}</label>
                <input id="typed-x" type="text" autocomplete="off" spellcheck="false" prop:value=x_text
                    on:input=move |ev| x_text.set(event_target_value(&ev))
                    aria-describedby="typed-error" />
            </div>
            <div class="field narrow">
                <label for="typed-y">{text(StepperMsg::TypedY)}</label>
                <input id="typed-y" type="text" inputmode="numeric" autocomplete="off" prop:value=y_text
                    on:input=move |ev| y_text.set(event_target_value(&ev))
                    aria-describedby="typed-error" />
            </div>
            <button type="submit" id="use-typed">{text(StepperMsg::UseTyped)}</button>
            <p class="field-error" id="typed-error" aria-live="polite">
                {move || error.get().map(|e| typed_error(lang.get(), &e))}
            </p>
        </form>
    }
}
