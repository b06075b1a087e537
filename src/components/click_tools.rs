//! What a click on the plot does: add a point of the chosen class (the default, as in the
//! TensorFlow Playground and ConvNetJS demos), remove the nearest point, or pick a training
//! point as the stepper's example. Shift-click always removes.

use super::app::LangSignal;
use crate::i18n::lab::LabMsg;
use crate::i18n::{class_name, point_error, t};
use crate::stepper::typed::{parse_point, PointError};
use mlp::dataset::VIEW;
use crate::palette::{class_css, class_marker};
use leptos::prelude::*;

/// The plot's click mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClickMode {
    Add,
    Remove,
    Pick,
}

#[component]
pub fn ClickTools(
    mode: RwSignal<ClickMode>,
    /// The class new points get.
    class: RwSignal<usize>,
    /// The number of classes m.
    #[prop(into)]
    m: Signal<usize>,
    on_clear: Callback<()>,
    /// Does what a click does, at a point typed in plot coordinates (x₁, x₂).
    on_point: Callback<[f64; 2]>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |msg| move || t(lang.get(), msg);
    // The class chosen, read within 0..m: after m goes down, the menu and the swatch show the
    // class a click adds (the last one), not one that no longer exists.
    let chosen = move || class_within(class.get(), m.get());
    let radio = move |value: ClickMode, id: &'static str, label: LabMsg| {
        view! {
            <label class="mode">
                <input type="radio" name="click-mode" id=id prop:checked=move || mode.get() == value
                    on:change=move |_| mode.set(value) />
                {text(label)}
            </label>
        }
    };
    let classes = move || {
        (0..m.get())
            .map(|k| {
                let name = class_name(lang.get(), k);
                view! {
                    <option value=k.to_string() selected=move || chosen() == k>{name}</option>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <fieldset class="click-tools">
            <legend>{text(LabMsg::ClickDoes)}</legend>
            {radio(ClickMode::Add, "click-add", LabMsg::ClickAdd)}
            // The class's marker in its colour beside the menu; the menu's own text stays ink,
            // as some class colours are too light for text.
            <span class="class-swatch" aria-hidden="true" style:color=move || class_css(chosen())>
                {move || class_marker(chosen()).symbol()}
            </span>
            <select id="add-class" aria-label=text(LabMsg::AddClass)
                on:change=move |ev| {
                    if let Ok(k) = event_target_value(&ev).parse() {
                        class.set(k);
                    }
                }>{classes}</select>
            {radio(ClickMode::Remove, "click-remove", LabMsg::ClickRemove)}
            {radio(ClickMode::Pick, "click-pick", LabMsg::ClickPick)}
            <button type="button" id="clear-points" on:click=move |_| on_clear.run(())>{text(LabMsg::ClearPoints)}</button>
            <small class="hint">{text(LabMsg::ShiftRemoves)}</small>
            <TypedPoint on_point=on_point />
        </fieldset>
    }
}

/// The keyboard's way to click: a point typed as "x₁, x₂" and a button that applies the
/// click mode there. A refused point says why under the box.
#[component]
fn TypedPoint(on_point: Callback<[f64; 2]>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |msg| move || t(lang.get(), msg);
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<PointError>);
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match typed.with_untracked(|t| parse_point(t, VIEW)) {
            Ok(point) => {
                error.set(None);
                on_point.run(point);
            }
            Err(refused) => error.set(Some(refused)),
        }
    };
    view! {
        <form class="typed-point" on:submit=apply>
            <label for="click-at">{text(LabMsg::AtPoint)}</label>
            <input type="text" id="click-at" autocomplete="off" spellcheck="false" placeholder="0.5, -1"
                aria-describedby="click-at-help click-at-error" aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev)) />
            <button type="submit" id="click-at-apply">{text(LabMsg::AtPointApply)}</button>
            <small class="hint" id="click-at-help">{text(LabMsg::AtPointHelp)}</small>
            <p class="field-error" id="click-at-error" aria-live="polite">
                {move || error.get().map(|e| point_error(lang.get(), &e))}
            </p>
        </form>
    }
}

/// The class a click adds: the chosen one, or the last class when m went down below it.
pub fn class_within(chosen: usize, m: usize) -> usize {
    chosen.min(m.saturating_sub(1))
}
