//! Pinned runs on the page (see [`crate::pins`]): "Pin this run", the list of pins with what
//! differs from the current run and their final errors, their decision regions beside the
//! current run's ([`PinnedPlots`]), and the pins of a link retrained in a worker of their own
//! with a progress bar.

use super::app::LangSignal;
use crate::data::initial_params;
use crate::i18n::pins::{difference_text, origin_note, problem_text, PinsMsg};
use crate::i18n::{percent, t, Lang};
use crate::lab::{train_config, Lab, Runner, Setup, Status, StepSize};
use crate::pins::{decode, encode_all, Origin, Pin, PinProblem, PinRun, PinSpec, LETTERS, MAX_PINS, PINS_PARAM};
use crate::plot::curves::pin_colour;
use crate::settings::Settings;
use leptos::prelude::*;
use mlp::{Data, Mistakes, Params, Part};

mod plots;
pub use plots::PinnedPlots;

/// A pin from a link is retrained this many examples per message to its worker: a few
/// milliseconds of training, so its progress bar moves.
const RETRAIN_CHUNK: usize = 20_000;
/// A retraining whose worker has not answered for this many polls (of 4 ms or more) has failed.
const RETRAIN_PATIENCE: u32 = 5_000;

/// The pinned runs and what pinning reads, shared through context.
#[derive(Clone, Copy)]
pub struct Pins {
    pub list: RwSignal<Vec<Pin>>,
    /// The data changed and the pins were unpinned: the notice shows until the next pin.
    pub unpinned: RwSignal<bool>,
    /// The pins of the link that were left out, and why.
    pub problems: RwSignal<Vec<(usize, PinProblem)>>,
    /// The data the pins trained on.
    data: StoredValue<Option<Data>>,
    /// Whether the pins of the link are being retrained.
    retraining: StoredValue<bool>,
    lab: Lab,
    settings: RwSignal<Settings>,
    mistakes: RwSignal<Mistakes>,
    loaded: RwSignal<Option<Params>>,
    trained_on: Memo<Data>,
}

impl Pins {
    /// The pins of the page: those of the link (retrained once the data are there), kept in the
    /// link as they change, unpinned when the data change.
    pub fn provide(lab: Lab, settings: RwSignal<Settings>, mistakes: RwSignal<Mistakes>, loaded: RwSignal<Option<Params>>, trained_on: Memo<Data>) -> Pins {
        let (specs, problems) = match crate::url::query_param(PINS_PARAM) {
            Some(text) => settings.with_untracked(|s| decode(&text, s, mistakes.get_untracked())),
            None => (Vec::new(), Vec::new()),
        };
        let list = specs
            .into_iter()
            .zip(LETTERS)
            .map(|(spec, letter)| Pin { letter, spec, origin: Origin::Settings, run: PinRun::Training { done: 0 } })
            .collect();
        let pins = Pins {
            list: RwSignal::new(list),
            unpinned: RwSignal::new(false),
            problems: RwSignal::new(problems),
            data: StoredValue::new(None),
            retraining: StoredValue::new(false),
            lab,
            settings,
            mistakes,
            loaded,
            trained_on,
        };
        provide_context(pins);
        // The owner of the retraining labs: the page's, which lasts (an effect's is cleaned up
        // each time it runs again).
        let owner = Owner::current();
        // The link follows the pins (and the settings they are written against).
        Effect::new(move |_| {
            let value = pins.list.with(|l| settings.with(|s| encode_all(l, s, mistakes.get())));
            match value {
                Some(value) => crate::url::set_query_param(PINS_PARAM, &value),
                None => crate::url::remove_query_param(PINS_PARAM),
            }
        });
        // Other data: the pins, trained on the previous data, are unpinned.
        Effect::new(move |_| {
            let changed = trained_on.with(|now| pins.data.with_value(|pinned| pinned.as_ref().is_some_and(|p| p != now)));
            if changed {
                pins.data.set_value(None);
                pins.list.set(Vec::new());
                pins.unpinned.set(true);
            }
        });
        // The pins of the link are retrained once the page's data are there.
        Effect::new(move |_| {
            let waiting = pins.list.with(|l| l.iter().any(|p| matches!(p.run, PinRun::Training { .. })));
            let ready = trained_on.with(|d| d.len(Part::Train) > 0 && settings.with(|s| d.dim(s.features) == s.d()));
            if waiting && ready && !pins.retraining.get_value() {
                pins.retraining.set_value(true);
                let data = trained_on.get_untracked();
                pins.data.set_value(Some(data.clone()));
                leptos::task::spawn_local(retrain_all(pins, data, owner.clone()));
            }
        });
        pins
    }

    /// Pins the current run (then starts the next one from the same initial weights), if it
    /// has trained and there is room.
    pub fn pin(&self) {
        let lab = self.lab;
        let (Some(params), examples) = (lab.current.get_untracked(), lab.examples_seen.get_untracked()) else { return };
        let free = self.list.with_untracked(|l| LETTERS.into_iter().find(|letter| l.iter().all(|p| p.letter != *letter)));
        let Some(letter) = free.filter(|_| examples > 0) else { return };
        let spec = PinSpec { settings: self.settings.get_untracked(), mistakes: self.mistakes.get_untracked(), examples };
        let origin = Origin::of(lab.edited.get_untracked(), self.loaded.with_untracked(Option::is_some));
        let run = PinRun::Ready { history: lab.history.get_untracked(), params };
        self.data.set_value(Some(self.trained_on.get_untracked()));
        self.unpinned.set(false);
        self.list.update(|l| {
            l.push(Pin { letter, spec, origin, run });
            l.sort_by_key(|p| p.letter);
        });
        lab.reset();
    }

    pub fn unpin(&self, letter: char) {
        self.list.update(|l| l.retain(|p| p.letter != letter));
        if self.list.with_untracked(Vec::is_empty) {
            self.data.set_value(None);
        }
    }

    /// The pinned runs of `list` (this context's, borrowed) as the charts overlay them, named by
    /// what differs from the current run.
    pub fn overlays<'l>(&self, lang: Lang, list: &'l [Pin]) -> Vec<crate::plot::curves::Overlay<'l>> {
        let (settings, mistakes) = (self.settings.get_untracked(), self.mistakes.get_untracked());
        list.iter()
            .filter(|pin| !pin.history().is_empty())
            .map(|pin| crate::plot::curves::Overlay {
                letter: pin.letter,
                history: pin.history(),
                name: format!("{}: {}", pin.letter, difference_text(lang, &pin.spec, &settings, mistakes)),
            })
            .collect()
    }

    /// Subscribes the running effect to what [`overlays`](Self::overlays) reads.
    pub fn track(&self) {
        self.list.track();
        self.settings.track();
        self.mistakes.track();
    }

    /// Whether pin `letter` is (still) waiting for its retraining.
    fn training(&self, letter: char) -> bool {
        self.list.with_untracked(|l| l.iter().any(|p| p.letter == letter && matches!(p.run, PinRun::Training { .. })))
    }

    /// Sets the run of pin `letter` if it is still being retrained.
    fn set_run(&self, letter: char, run: PinRun) {
        if self.training(letter) {
            self.list.update(|l| l.iter_mut().filter(|p| p.letter == letter).for_each(|p| p.run = run.clone()));
        }
    }
}

/// Retrains the link's pins one after the other.
async fn retrain_all(pins: Pins, data: Data, owner: Option<Owner>) {
    loop {
        let next = pins.list.with_untracked(|l| l.iter().find(|p| matches!(p.run, PinRun::Training { .. })).map(|p| (p.letter, p.spec.clone())));
        let Some((letter, spec)) = next else { break };
        let run = retrain(pins, letter, &spec, &data, owner.as_ref()).await;
        if let PinRun::Failed = run {
            leptos::logging::warn!("pinned run {letter} could not be retrained");
        }
        pins.set_run(letter, run);
    }
    pins.retraining.set_value(false);
}

/// Retrains one pin from its settings in a lab of its own (a second worker), `RETRAIN_CHUNK`
/// examples per message, to its number of examples.
async fn retrain(pins: Pins, letter: char, spec: &PinSpec, data: &Data, owner: Option<&Owner>) -> PinRun {
    let s = &spec.settings;
    let Some(shape) = s.shape().filter(|shape| data.dim(s.features) == shape.d && data.len(Part::Train) > 0) else {
        return PinRun::Failed;
    };
    let lab = match owner {
        Some(owner) => owner.with(Lab::new),
        None => Lab::new(),
    };
    let params = initial_params(shape, s.seed, s.init);
    lab.rebuild(Setup { params, config: train_config(s), features: s.features, data: data.clone(), mistakes: spec.mistakes });
    let run = drive(pins, letter, lab, spec.examples).await;
    lab.shut_down();
    run
}

/// Steps `lab` until it has trained `target` examples (or diverged), updating the pin's
/// progress; its history and weights then.
async fn drive(pins: Pins, letter: char, lab: Lab, target: usize) -> PinRun {
    let mut sent_at: Option<usize> = None;
    let mut idle = 0;
    loop {
        pause_ms(4).await;
        if !pins.training(letter) || matches!(lab.runner.get_untracked(), Runner::Unavailable(_)) {
            return PinRun::Failed;
        }
        if !lab.answered.get_untracked() {
            continue;
        }
        let seen = lab.examples_seen.get_untracked();
        let diverged = matches!(lab.status.get_untracked(), Status::Diverged(_));
        if sent_at == Some(seen) && !diverged {
            idle += 1;
            if idle > RETRAIN_PATIENCE {
                return PinRun::Failed;
            }
            continue;
        }
        pins.list.update(|l| {
            l.iter_mut().filter(|p| p.letter == letter).for_each(|p| {
                if let PinRun::Training { done } = &mut p.run {
                    *done = seen;
                }
            })
        });
        if seen >= target || diverged {
            break;
        }
        lab.step(StepSize::Examples((target - seen).min(RETRAIN_CHUNK)));
        (sent_at, idle) = (Some(seen), 0);
    }
    match lab.current.get_untracked() {
        Some(params) => PinRun::Ready { history: lab.history.get_untracked(), params },
        None => PinRun::Failed,
    }
}

/// Waits `ms` milliseconds (a timer: it goes on in a tab in the background, slower).
async fn pause_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A pin's final training error and epoch, as the list says them: "training error 3.2 % (epoch 120)".
fn final_error(lang: Lang, pin: &Pin) -> Option<String> {
    let last = pin.last()?;
    let epoch = match lang {
        Lang::En => format!("epoch {}", last.epoch),
        Lang::Fr => format!("époque {}", last.epoch),
    };
    Some(format!("{} {} % ({epoch})", t(lang, PinsMsg::TrainingError), percent(lang, last.train.error)))
}

/// A checksum of the weights' bits, for the tests to compare two runs exactly.
fn weights_checksum(params: &Params) -> String {
    let bits = params.w1.iter().chain(params.b1.iter()).chain(params.w2.iter()).chain(params.b2.iter());
    let sum = bits.fold(0xcbf2_9ce4_8422_2325_u64, |h, v| (h ^ v.to_bits()).wrapping_mul(0x0100_0000_01b3));
    format!("{sum:016x}")
}

/// The button, the list of pins and the comparison of final errors.
#[component]
pub fn PinsPanel() -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let pins = expect_context::<Pins>();
    let lab = pins.lab;
    let text = move |m| move || t(lang.get(), m);
    let full = Memo::new(move |_| pins.list.with(|l| l.len() >= MAX_PINS));
    let trained = Memo::new(move |_| lab.examples_seen.get() > 0 && lab.current.with(Option::is_some));
    let why_not = move || match (full.get(), trained.get()) {
        (true, _) => Some(t(lang.get(), PinsMsg::Full)),
        (false, false) => Some(t(lang.get(), PinsMsg::NothingYet)),
        (false, true) => None,
    };
    let rows = move || {
        let lang = lang.get();
        let (settings, mistakes) = (pins.settings.get(), pins.mistakes.get());
        pins.list.with(|list| {
            list.iter()
                .map(|pin| {
                    let letter = pin.letter;
                    let state = match &pin.run {
                        PinRun::Training { .. } => "training",
                        PinRun::Ready { .. } => "ready",
                        PinRun::Failed => "failed",
                    };
                    let differs = difference_text(lang, &pin.spec, &settings, mistakes);
                    // One row shape for every state: a text, and the progress bar while retraining.
                    let (status, progress) = match &pin.run {
                        PinRun::Training { done } => {
                            let share = (*done as f64 / pin.spec.examples as f64).clamp(0.0, 1.0);
                            (format!("{} {} %", t(lang, PinsMsg::Retraining), percent(lang, share)), Some(share))
                        }
                        PinRun::Failed => (t(lang, PinsMsg::RetrainFailed).to_owned(), None),
                        PinRun::Ready { .. } => (final_error(lang, pin).unwrap_or_default(), None),
                    };
                    let note = origin_note(pin.origin);
                    let last = pin.last();
                    let final_loss = last.map(|r| format!("{:?}", r.train.loss));
                    let final_error = last.map(|r| format!("{:?}", r.train.error));
                    let checksum = pin.params().map(weights_checksum);
                    let (r, g, b) = { let c = pin_colour(letter); (c.0, c.1, c.2) };
                    let unpin_label = format!("{} {letter}", t(lang, PinsMsg::Unpin));
                    view! {
                        <li class="pin" data-pin=letter.to_string() data-state=state data-final-loss=final_loss
                            data-final-error=final_error data-weights=checksum data-examples=pin.spec.examples>
                            <span class="pin-swatch" aria-hidden="true" style:border-color=format!("rgb({r}, {g}, {b})")></span>
                            <b class="pin-letter">{letter.to_string()}</b>
                            <span class="pin-differs">{differs}</span>
                            <span class="pin-status">{status}</span>
                            <progress hidden=progress.is_none() max="1" value=progress.unwrap_or(0.0)
                                aria-label=format!("{letter}: {}", t(lang, PinsMsg::Retraining))></progress>
                            <span class="pin-note" hidden=note.is_none()>{note.map(|m| t(lang, m))}</span>
                            <button type="button" class="unpin" aria-label=unpin_label on:click=move |_| pins.unpin(letter)>
                                {t(lang, PinsMsg::Unpin)}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    // "A: 12.5 % · B: 4 % · current run: 3 % (training error)".
    let compare = move || {
        let lang = lang.get();
        // French puts a space before the colon.
        let colon = if lang == Lang::Fr { " : " } else { ": " };
        let mut parts: Vec<String> = pins.list.with(|l| {
            l.iter().filter_map(|p| p.last().map(|r| format!("{}{colon}{} %", p.letter, percent(lang, r.train.error)))).collect()
        });
        if parts.is_empty() {
            return String::new();
        }
        if let Some(now) = lab.history.with(|h| h.last().map(|r| r.train.error)) {
            parts.push(format!("{}{colon}{} %", t(lang, PinsMsg::Current), percent(lang, now)));
        }
        format!("{} ({})", parts.join(" · "), t(lang, PinsMsg::TrainingError))
    };
    let problems = move || {
        let lang = lang.get();
        pins.problems.with(|p| {
            (!p.is_empty()).then(|| {
                let items = p.iter().map(|(i, problem)| view! { <li>{problem_text(lang, *i, problem)}</li> }).collect_view();
                view! {
                    <div class="pins-problems" id="pins-link-problems" role="status">
                        <p>{t(lang, PinsMsg::LinkProblems)}</p>
                        <ul>{items}</ul>
                    </div>
                }
            })
        })
    };
    view! {
        <section class="pins" id="pins" aria-labelledby="pins-heading">
            <h3 id="pins-heading">{text(PinsMsg::Heading)}</h3>
            <div class="pins-actions">
                <button type="button" id="pin-run" disabled=move || why_not().is_some() aria-describedby="pin-help"
                    on:click=move |_| pins.pin()>
                    {text(PinsMsg::Pin)}
                </button>
                <button type="button" id="unpin-all" hidden=move || pins.list.with(Vec::is_empty)
                    on:click=move |_| pins.list.with_untracked(|l| l.iter().map(|p| p.letter).collect::<Vec<_>>()).into_iter().for_each(|l| pins.unpin(l))>
                    {text(PinsMsg::UnpinAll)}
                </button>
            </div>
            <p class="help" id="pin-help">{move || why_not().unwrap_or_else(|| t(lang.get(), PinsMsg::PinHelp))}</p>
            <p class="pins-unpinned" id="pins-unpinned" role="status" hidden=move || !pins.unpinned.get()>{text(PinsMsg::Unpinned)}</p>
            <ul class="pin-list" id="pin-list">{rows}</ul>
            <p class="pins-compare" id="pins-compare" role="status">{compare}</p>
            {problems}
        </section>
    }
}
