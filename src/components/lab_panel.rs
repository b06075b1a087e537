//! The player: play/pause, one example / minibatch / epoch, reset, new data, re-initialize,
//! the speed, early stopping, and a status line that says what training is doing — or why it
//! stopped and what to change.

use super::app::LangSignal;
use super::weights_tools::WeightsTools;
use crate::i18n::lab::{divergence_message, divergence_with_mistakes, stopped_at_best, LabMsg};
use crate::i18n::mistakes::mistake_title;
use super::case_panel::browser::copy_through_field;
use super::curves_panel::CurvesPanel;
use super::presenter_tools::Presenter;
use crate::i18n::presenter::PresenterMsg;
use crate::i18n::{number, percent, t};
use crate::lab::{now_ms, Lab, Runner, Status, StepSize};
use crate::settings::Settings;
use engine::Speed;
use leptos::prelude::*;
use mlp::{Divergence, Mistakes};

/// The paces the menu offers: the two of the buttons beside Play, and set rates in epochs per
/// second.
const SPEEDS: [Speed; 7] = [
    Speed::Teaching,
    Speed::PerSecond(1.0),
    Speed::PerSecond(5.0),
    Speed::PerSecond(20.0),
    Speed::PerSecond(100.0),
    Speed::PerSecond(500.0),
    Speed::Fastest,
];

/// The training section: the player and, under it, the curves.
#[component]
pub fn LabPanel(
    lab: Lab,
    settings: RwSignal<Settings>,
    mistakes: RwSignal<Mistakes>,
    /// Weights loaded from a file (see [`WeightsTools`]).
    loaded: RwSignal<Option<mlp::Params>>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    view! {
        <section class="panel lab-panel" id="lab" aria-labelledby="lab-heading">
            <div class="lab-head">
                <h2 id="lab-heading">{move || t(lang.get(), LabMsg::Heading)}</h2>
                <SettingsDrawerToggle />
            </div>
            <Player lab=lab settings=settings mistakes=mistakes />
            <CopyLink />
            <WeightsTools settings=settings current=lab.current loaded=loaded />
            <super::pins_panel::PinsPanel />
            <CurvesPanel history=Signal::from(lab.history) settings=settings best=Signal::from(lab.best_epoch)
                network=Signal::from(lab.current_views)
                diverged=Signal::derive(move || lab.status.with(|s| matches!(s, Status::Diverged(Divergence::NonFinite { .. } | Divergence::Exploding { .. })))) />
        </section>
    }
}

/// The settings drawer's button, shown in the one-screen layouts (the long page has the
/// settings as a column). Esc closes the drawer too.
#[component]
fn SettingsDrawerToggle() -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let presenter = use_context::<Presenter>()?;
    let open = presenter.drawer;
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            close_settings_drawer(open);
        }
    });
    on_cleanup(move || handle.remove());
    Some(view! {
        <button type="button" class="settings-toggle" id="settings-toggle" aria-controls="settings"
            aria-expanded=move || open.get().to_string() title=move || t(lang.get(), PresenterMsg::SettingsDrawerHelp)
            on:click=move |_| open.update(|o| *o = !*o)>
            "⚙ " {move || t(lang.get(), PresenterMsg::SettingsDrawer)}
        </button>
    })
}

/// Closes the settings drawer; the focus, if it was in the drawer (now out of sight), goes back
/// to the button that opens it.
pub fn close_settings_drawer(open: RwSignal<bool>) {
    open.set(false);
    let document = document();
    let inside = document.active_element().is_some_and(|e| e.closest("#settings").ok().flatten().is_some());
    if inside {
        if let Some(toggle) = document.get_element_by_id("settings-toggle") {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(toggle).focus();
        }
    }
}

/// The mistakes switched on, by their titles, joined for a sentence.
fn mistake_names(lang: crate::i18n::Lang, mistakes: Mistakes) -> String {
    mistakes.iter().map(|m| t(lang, mistake_title(m))).collect::<Vec<_>>().join(crate::i18n::list_separator(lang))
}

/// While any mistake is switched on, the lab says so above its status, names them, and offers
/// to switch them off: training then computes what the mistaken code computes.
#[component]
fn MistakesOn(mistakes: RwSignal<Mistakes>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    move || {
        let on = mistakes.get();
        (!on.is_empty()).then(|| {
            view! {
                <p class="lab-mistakes" id="lab-mistakes" role="status">
                    <span class="lab-mistakes-mark" aria-hidden="true">"⚠"</span> " "
                    {move || t(lang.get(), LabMsg::MistakesOnTraining)} " "
                    <strong>{move || mistake_names(lang.get(), on)}</strong> " "
                    <button type="button" id="lab-mistakes-off" on:click=move |_| mistakes.set(Mistakes::NONE)>
                        {move || t(lang.get(), LabMsg::MistakesOffButton)}
                    </button>
                </p>
            }
        })
    }
}

#[component]
fn Player(lab: Lab, settings: RwSignal<Settings>, mistakes: RwSignal<Mistakes>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |msg| move || t(lang.get(), msg);
    let playing = move || lab.status.get() == Status::Playing;
    let toggle = move |_| super::app::toggle_play(&lab);
    // The menu's paces, and the link's own rate when it is not one of them (`speed=7`).
    let speed_options = move || {
        let current = settings.with(|s| s.speed);
        let mut offered = SPEEDS.to_vec();
        if !offered.contains(&current) {
            offered.insert(offered.len() - 1, current);
        }
        let lang = lang.get();
        offered
            .into_iter()
            .map(|v| {
                let label = match v {
                    Speed::Teaching => t(lang, LabMsg::TeachingPaceOption).to_string(),
                    Speed::Fastest => t(lang, LabMsg::Fastest).to_string(),
                    Speed::PerSecond(rate) => format!("{} {}", crate::i18n::plain(lang, rate), t(lang, LabMsg::EpochsPerSecond)),
                };
                view! { <option value=v.key() selected=v == current>{label}</option> }
            })
            .collect::<Vec<_>>()
    };
    let speed_is = move |v: Speed| move || settings.with(|s| s.speed == v).to_string();
    let set_speed = move |v: Speed| move |_| settings.update(|s| s.speed = v);
    view! {
        <div class="player" role="group" aria-label=text(LabMsg::Heading)>
            <button type="button" id="play-pause" class="primary" aria-pressed=move || playing().to_string() on:click=toggle>
                {move || if playing() { t(lang.get(), LabMsg::Pause) } else { t(lang.get(), LabMsg::Play) }}
            </button>
            // The pace, beside Play: the teaching pace and "as fast as possible" one click apart,
            // set rates in the menu.
            <div class="speed" role="group" aria-label=text(LabMsg::Speed)>
                <button type="button" id="pace-teach" class="pace" aria-pressed=speed_is(Speed::Teaching)
                    title=text(LabMsg::TeachingPaceHelp) on:click=set_speed(Speed::Teaching)>{text(LabMsg::TeachingPace)}</button>
                <button type="button" id="pace-fast" class="pace" aria-pressed=speed_is(Speed::Fastest)
                    on:click=set_speed(Speed::Fastest)>{text(LabMsg::FastPace)}</button>
                <label>
                    <span class="visually-hidden">{text(LabMsg::Speed)}</span>
                    <select id="speed" on:change=move |ev| {
                        let key = event_target_value(&ev);
                        let chosen = match key.as_str() {
                            engine::TEACHING_KEY => Some(Speed::Teaching),
                            rate => rate.parse::<f64>().ok().map(Speed::from_rate),
                        };
                        if let Some(v) = chosen {
                            settings.update(|s| s.speed = v);
                        }
                    }>{speed_options}</select>
                </label>
            </div>
            <button type="button" id="step-example" on:click=move |_| lab.step(StepSize::Example)>{text(LabMsg::OneExample)}</button>
            <button type="button" id="step-minibatch" on:click=move |_| lab.step(StepSize::Minibatch)>{text(LabMsg::OneMinibatch)}</button>
            <button type="button" id="step-epoch" on:click=move |_| lab.step(StepSize::Epoch)>{text(LabMsg::OneEpoch)}</button>
            <button type="button" id="reset" on:click=move |_| lab.reset()>{text(LabMsg::Reset)}</button>
            <button type="button" id="new-data" on:click=move |_| settings.update(|s| s.seed = s.seed.wrapping_add(1) % 4_294_967_296)>
                {text(LabMsg::NewData)}
            </button>
            <button type="button" id="reinit" on:click=move |_| settings.update(|s| s.init = s.init.wrapping_add(1) % 4_294_967_296)>
                {text(LabMsg::Reinitialize)}
            </button>
            <label class="check">
                <input type="checkbox" id="stop-at-best" prop:checked=move || lab.stop_at_best.get()
                    on:change=move |ev| lab.stop_at_best.set(event_target_checked(&ev)) />
                {text(LabMsg::StopAtBest)}
            </label>
            <button type="button" id="restore-best" disabled=move || lab.best_epoch.get().is_none()
                on:click=move |_| lab.restore_best()>{text(LabMsg::RestoreBest)}</button>
        </div>
        <MistakesOn mistakes=mistakes />
        <TrainingStatus lab=lab settings=settings mistakes=mistakes />
    }
}

/// "Copy link": the page's address, which carries every setting, the seed, the clicked points
/// and the stepper's step, so that it reproduces the same data, weights and trajectory.
#[component]
fn CopyLink() -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    // The address as it is now: it follows every change of the settings, step or view.
    let link = move || {
        crate::url::track_changes();
        crate::url::current_href()
    };
    let copied = RwSignal::new(None::<bool>);
    let copy = move |_| copied.set(Some(copy_through_field("run-link", &crate::url::current_href())));
    view! {
        <div class="copy-link">
            <button type="button" id="copy-run-link" on:click=copy>{move || t(lang.get(), LabMsg::CopyLink)}</button>
            <input type="text" id="run-link" readonly aria-label=move || t(lang.get(), LabMsg::RunLinkLabel) prop:value=link />
            <small aria-live="polite">
                {move || copied.get().map(|ok| t(lang.get(), if ok { LabMsg::LinkCopied } else { LabMsg::LinkSelectAndCopy }))}
            </small>
        </div>
    }
}

/// "epoch 12 · 1 680 examples seen · training loss 0.1234 · training error 3.6 % · 52 000
/// examples/s", or why training stopped.
#[component]
fn TrainingStatus(lab: Lab, settings: RwSignal<Settings>, mistakes: RwSignal<Mistakes>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    // Examples per second over the last second of play.
    let rate = StoredValue::new((0.0_f64, 0_usize, 0.0_f64));
    let per_second = move || {
        let seen = lab.examples_seen.get();
        let now = now_ms();
        let mut shown = 0.0;
        rate.update_value(|(t0, n0, last)| {
            if now - *t0 >= 1000.0 {
                *last = (seen.saturating_sub(*n0)) as f64 * 1000.0 / (now - *t0);
                (*t0, *n0) = (now, seen);
            }
            shown = *last;
        });
        shown
    };
    let line = move || {
        let lang = lang.get();
        let (epoch, loss, error) = lab.history.with(|h| {
            h.last().map(|r| (r.epoch, r.train.loss, r.train.error)).unwrap_or((0, f64::NAN, f64::NAN))
        });
        format!(
            "{} {epoch} · {} {} · {} {} · {} {} %",
            t(lang, LabMsg::Epoch),
            lab.examples_seen.get(),
            t(lang, LabMsg::ExamplesSeen),
            t(lang, LabMsg::TrainLoss),
            number(lang, loss, 4),
            t(lang, LabMsg::TrainError),
            percent(lang, error),
        )
    };
    let message = move || {
        let lang = lang.get();
        match lab.status.get() {
            Status::Diverged(d) => {
                let eta = settings.with_untracked(|s| s.eta);
                let on = mistakes.get();
                Some(match on.is_empty() {
                    true => divergence_message(lang, &d, eta),
                    false => divergence_with_mistakes(lang, &d, eta, &mistake_names(lang, on)),
                })
            }
            Status::StoppedAtBest { epoch } => Some(stopped_at_best(lang, epoch)),
            _ => None,
        }
    };
    // The numbers of the line, for tests and scripts: the last epoch's record.
    let last = move |pick: fn(&mlp::EpochRecord) -> f64| lab.history.with(|h| h.last().map(pick).unwrap_or(f64::NAN).to_string());
    let line_or_empty = move || match (lab.answered.get(), lab.current.with(|p| p.is_some())) {
        _ if matches!(lab.runner.get(), Runner::Unavailable(_)) => t(lang.get(), LabMsg::Unavailable).to_string(),
        (false, _) => t(lang.get(), LabMsg::Starting).to_string(),
        (true, true) => line(),
        (true, false) => t(lang.get(), LabMsg::NoTrainingSet).to_string(),
    };
    // The rate only while playing, once measured: a paused lab trains nothing, and
    // "0 examples/s" would read as a stalled one. Out of play it keeps its room, unseen, so the
    // line never changes length (and the page below never moves) when play starts or stops.
    let rate = move || {
        let available = lab.runner.with(|r| !matches!(r, Runner::Unavailable(_)));
        let shown = available && lab.answered.get() && lab.current.with(|p| p.is_some());
        shown.then(|| {
            let measured = (lab.status.get() == Status::Playing).then(per_second).filter(|r| *r > 0.0);
            let text = format!(" · {:.0} {}", measured.unwrap_or(0.0), t(lang.get(), LabMsg::Rate));
            view! { <span class="rate" class:idle=measured.is_none()>{text}</span> }
        })
    };
    let main_thread = move || matches!(lab.runner.get(), Runner::MainThread(_)).then(|| t(lang.get(), LabMsg::MainThread));
    view! {
        <p class="training-status" id="training-status" aria-live="polite"
            data-epoch=move || lab.history.with(|h| h.last().map_or(0, |r| r.epoch))
            data-examples-seen=move || lab.examples_seen.get()
            data-train-loss=move || last(|r| r.train.loss)
            data-train-error=move || last(|r| r.train.error)
            data-runner=move || match lab.runner.get() {
                Runner::Unavailable(_) => "unavailable",
                _ if !lab.answered.get() => "starting",
                Runner::Starting => "starting",
                Runner::Worker => "worker",
                Runner::MainThread(_) => "main-thread",
            }
            data-status=move || match lab.status.get() {
                Status::Paused => "paused",
                Status::Playing => "playing",
                Status::Diverged(_) => "diverged",
                Status::StoppedAtBest { .. } => "stopped",
            }>
            {line_or_empty}
            {rate}
        </p>
        <p class="divergence" id="divergence" role="alert">{message}</p>
        <p class="runner-note" id="runner-note" role="status">{main_thread}</p>
    }
}
