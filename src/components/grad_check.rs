//! The finite-difference gradient check of the walked example: does backprop (with the
//! mistakes switched on) compute the derivative of the true objective R̃ = L + Ω (the
//! penalty in force, see `mlp::penalty`)? Each entry is compared with
//! `(R̃(θ + εeᵢ) − R̃(θ − εeᵢ)) / 2ε`, per group W⁽¹⁾, b⁽¹⁾, W⁽²⁾, b⁽²⁾ and x; below, one
//! update (f) is checked to lower R̃, which is how gradient ascent shows.
//!
//! The check costs 2(n_θ + d) forward passes. Networks up to [`report::AUTO_MAX_PARAMS`]
//! parameters are checked whenever the walk changes; larger ones wait for the "Run the check"
//! button, so a 256-unit network does not freeze the page on every change.

mod group_table;
mod report;
mod verdict;

use super::app::LangSignal;
use crate::i18n::check::{on_demand_note, CheckMsg};
use crate::i18n::t;
use crate::stepper::Walk;
use mlp::Penalty;
use group_table::{DashNote, GroupTable, WorstTable};
use leptos::prelude::*;
use report::Report;
use std::time::Duration;
use verdict::{UpdateLine, VerdictLine};

/// What the panel shows for the current walk.
#[derive(Clone, Debug, PartialEq)]
enum State {
    /// No walk: the settings are not valid yet.
    NoWalk,
    /// A large network, not checked yet for this walk.
    Waiting { n_params: usize, d: usize },
    /// Both checks of this walk.
    Ready(Report),
    /// The check could not run (θ or x not finite).
    CannotRun,
}

#[component]
pub fn GradCheckPanel(walk: Memo<Option<Walk>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let (state, run) = check_state(walk);
    let body = move || match state.get() {
        State::NoWalk => view! { <p class="check-empty">{move || t(lang.get(), CheckMsg::NoExample)}</p> }.into_any(),
        State::CannotRun => view! { <p class="field-error">{move || t(lang.get(), CheckMsg::CannotRun)}</p> }.into_any(),
        State::Waiting { n_params, d } => view! { <OnDemand n_params=n_params d=d run=run /> }.into_any(),
        State::Ready(report) => view! { <Tables report=report /> }.into_any(),
    };
    let epsilon = format!("{:e}", mlp::gradcheck::DEFAULT_EPSILON);
    // "computed with the mistakes switched on" only while one is.
    let mistaken = Memo::new(move |_| walk.with(|w| w.as_ref().is_some_and(|w| !w.example.mistakes.is_empty())));
    let objective = move || walk.with(|w| penalty_formula(&w.as_ref().map_or(Penalty::NONE, |w| w.example.penalty)));
    let compared = move || t(lang.get(), if mistaken.get() { CheckMsg::ComparedWithMistakes } else { CheckMsg::Compared });
    view! {
        <section class="check-panel" id="check-panel" aria-labelledby="check-heading">
            <h3 id="check-heading">{move || t(lang.get(), CheckMsg::Heading)}</h3>
            <p class="check-compared">
                <span id="check-compared">{compared}</span>
                " R̃ = L + " {objective} ", "
                <span class="nowrap">"ε = " <span id="check-epsilon">{epsilon}</span></span>
            </p>
            <VerdictLine state=state />
            {body}
        </section>
    }
}

/// The penalty as the objective writes it: the course's `λ(ΣW⁽¹⁾² + ΣW⁽²⁾²)` for a weight
/// decay, else the homework's four terms.
fn penalty_formula(penalty: &Penalty) -> &'static str {
    if penalty.as_weight_decay().is_some() {
        "λ(ΣW⁽¹⁾² + ΣW⁽²⁾²)"
    } else {
        "λ₁₁Σ|W⁽¹⁾| + λ₁₂ΣW⁽¹⁾² + λ₂₁Σ|W⁽²⁾| + λ₂₂ΣW⁽²⁾²"
    }
}

/// What to show for the walk, recomputed when it changes, and the callback that asks for the
/// check of a large network.
fn check_state(walk: Memo<Option<Walk>>) -> (Memo<State>, Callback<()>) {
    // Each new walk gets a new number; a request to check a large network names the walk it
    // was made for, so a new walk waits for a new request.
    let generation = Memo::new(move |previous: Option<&u64>| {
        walk.track();
        previous.map_or(0, |g| g + 1)
    });
    let requested = RwSignal::new(None::<u64>);
    let state = Memo::new(move |_| {
        walk.with(|w| match w {
            None => State::NoWalk,
            Some(w) if !report::automatic(w) && requested.get() != Some(generation.get()) => {
                State::Waiting { n_params: report::n_params(w), d: w.example.x.len() }
            }
            Some(w) => Report::of(w).map_or(State::CannotRun, State::Ready),
        })
    });
    let run = Callback::new(move |()| requested.set(Some(generation.get_untracked())));
    (state, run)
}

/// The update line, one table per group, and the notes that explain them.
#[component]
fn Tables(report: Report) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let dash = report.shows_a_dash();
    let shape = report.shape;
    let tables = report
        .grads
        .all_groups()
        .map(|check| view! { <GroupTable check=check.clone() shape=shape /> })
        .collect_view();
    let groups: Vec<_> = report.grads.all_groups().cloned().collect();
    view! {
        <UpdateLine update=report.update eta=report.eta />
        <WorstTable groups=groups />
        <div class="check-groups">{tables}</div>
        <p class="check-note">{move || t(lang.get(), CheckMsg::PassRule)}</p>
        {dash.then(|| view! { <DashNote /> })}
    }
}

/// A large network: why the check waits, and the button that runs it. The button first shows
/// "Checking…" and lets the browser paint it, then runs the check.
#[component]
fn OnDemand(n_params: usize, d: usize, run: Callback<()>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let busy = RwSignal::new(false);
    let start = move |_| {
        busy.set(true);
        // A timeout set from an animation frame fires after that frame is painted.
        request_animation_frame(move || {
            set_timeout(
                move || {
                    run.run(());
                    busy.set(false);
                },
                Duration::ZERO,
            )
        });
    };
    let label = move || t(lang.get(), if busy.get() { CheckMsg::Running } else { CheckMsg::RunCheck });
    view! {
        <div class="check-on-demand">
            <p>{move || on_demand_note(lang.get(), n_params, d)}</p>
            <button type="button" id="run-check" on:click=start disabled=busy aria-busy=move || busy.get().to_string()>
                {label}
            </button>
        </div>
    }
}
