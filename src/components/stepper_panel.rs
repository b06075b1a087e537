//! The backprop stepper panel: the example, the navigation (buttons, keys ← → Home End, the
//! URL's `step` parameter), the current step (or a whole phase) and the network diagram.

use super::app::LangSignal;
use super::case_panel::CasePanel;
use super::example_chooser::ExampleChooser;
use super::grad_check::GradCheckPanel;
use super::mistakes_panel::MistakesPanel;
use super::shortcuts::{on_shortcut, Shortcut};
use super::step_card::StepCard;
use crate::i18n::stepper::StepperMsg;
use crate::i18n::t;
use crate::i18n::lab::walked_network;
use crate::settings::Settings;
use crate::stepper::diagram::NetworkDiagram;
use crate::stepper::quantity::Quantity;
use crate::stepper::selection::{Cell, Selection};
use super::table_views::FocusedUnit;
use crate::stepper::{Example, ExampleSource, Phase, Step, Walk};
use crate::url;
use deck::Deck;
use super::homework_marks::HomeworkMarks;
use leptos::prelude::*;
use mlp::{Case, Data, Mistakes, Params, Part};
use nalgebra::DVector;

/// What the stepper shows: one step, or every step of a phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepView {
    One(Step),
    WholeForward,
    WholeBackward,
}

impl StepView {
    /// The `step` URL parameter: a step key, `forward` or `backward`.
    pub fn key(self) -> &'static str {
        match self {
            StepView::One(step) => step.key(),
            StepView::WholeForward => "forward",
            StepView::WholeBackward => "backward",
        }
    }

    pub fn from_key(key: &str) -> Option<StepView> {
        match key.trim().to_ascii_lowercase().as_str() {
            "forward" => Some(StepView::WholeForward),
            "backward" => Some(StepView::WholeBackward),
            other => Step::from_key(other).map(StepView::One),
        }
    }

    /// The step the diagram and the arrow keys start from.
    fn anchor(self) -> Step {
        match self {
            StepView::One(step) => step,
            StepView::WholeForward => Step::end_of_forward(),
            StepView::WholeBackward => Step::end_of_backward(),
        }
    }
}

/// What the walk is about: the network's current parameters and the chosen example, or a
/// loaded case (which brings its own parameters, x, y and λ).
pub struct WalkInputs<'a> {
    pub params: Option<Params>,
    pub settings: &'a Settings,
    pub data: &'a Data,
    pub source: &'a ExampleSource,
    pub case: Option<&'a Case>,
    pub mistakes: Mistakes,
}

/// The walk of the chosen example (or of the loaded case).
pub fn make_walk(inputs: WalkInputs<'_>) -> Option<Walk> {
    let WalkInputs { params, settings, data, source, case, mistakes } = inputs;
    let (eta, rule) = (settings.eta, settings.rule);
    if let Some(case) = case {
        let Case { params, x, y, penalty } = case.clone();
        return Walk::new(Example { params, x, y, penalty, rule, eta, mistakes }).ok();
    }
    let params = params?;
    let (x, y) = match source {
        ExampleSource::Train(i) => data.example(Part::Train, *i, settings.features)?,
        ExampleSource::Valid(i) => data.example(Part::Valid, *i, settings.features)?,
        ExampleSource::Test(i) => data.example(Part::Test, *i, settings.features)?,
        ExampleSource::Typed { x, y } => (x.clone(), *y),
    };
    let example = Example { params, x: DVector::from_vec(x), y, penalty: settings.penalty, rule, eta, mistakes };
    Walk::new(example).ok()
}

mod deck;

#[component]
pub fn StepperPanel(
    settings: RwSignal<Settings>,
    shown: Memo<Data>,
    /// The network's current parameters (published a few times a second while training).
    #[prop(into)]
    params: Signal<Option<Params>>,
    source: RwSignal<ExampleSource>,
    /// A case loaded from JSON or a link; walked instead of the network while set.
    case: RwSignal<Option<Case>>,
    mistakes: RwSignal<Mistakes>,
    /// Kept equal to whether the panel is on screen, if given.
    #[prop(optional)]
    on_screen: Option<RwSignal<bool>>,
    /// The epoch and the examples seen of `params`' network, said above the walk when given.
    #[prop(optional, into)]
    network_at: Option<Signal<(usize, usize)>>,
) -> impl IntoView {
    let section = NodeRef::<leptos::html::Section>::new();
    if let Some(on_screen) = on_screen {
        super::visibility::track_visibility(section, on_screen);
    }
    let lang = expect_context::<LangSignal>();
    let start = url::query_param("step").and_then(|k| StepView::from_key(&k)).unwrap_or(StepView::One(Step::first()));
    let view_state = RwSignal::new(start);
    let selection = RwSignal::new(None::<Selection>);
    let current = Memo::new(move |_| {
        let (params, mistakes) = (params.get(), mistakes.get());
        settings.with(|settings| {
            shown.with(|data| {
                source.with(|source| {
                    case.with(|case| make_walk(WalkInputs { params, settings, data, source, case: case.as_ref(), mistakes }))
                })
            })
        })
    });
    let walk = match on_screen {
        Some(on_screen) => deferred_off_screen(current, on_screen),
        None => current,
    };
    // A network of another shape (new d, d_h or m, a case) clears the clicked cell: it
    // belonged to the previous network. (Reading it checks the shape anyway.)
    let walk_shape = Memo::new(move |_| walk.with(|w| w.as_ref().map(|w| w.example.params.shape())));
    Effect::new(move |_| {
        let shape = walk_shape.get();
        if selection.with_untracked(|s| s.is_some_and(|s| Some(s.shape()) != shape)) {
            selection.set(None);
        }
    });
    // The example follows the data and the network: a picked index past the end of a smaller
    // training set, or a typed x of another d (or a y that is no longer a class), goes back
    // to training example 0 rather than leaving the stepper empty.
    Effect::new(move |_| {
        let (d, m) = settings.with(|s| (s.d(), s.m));
        let (n, n_valid, n_test) = shown.with(|data| (data.len(Part::Train), data.len(Part::Valid), data.len(Part::Test)));
        let stale = source.with_untracked(|source| match source {
            ExampleSource::Train(i) => *i >= n && n > 0,
            ExampleSource::Valid(i) => *i >= n_valid,
            ExampleSource::Test(i) => *i >= n_test,
            ExampleSource::Typed { x, y } => x.len() != d || *y >= m,
        });
        if stale {
            source.set(ExampleSource::default());
        }
    });
    // Going somewhere clears the clicked cell, which belonged to the previous step.
    let go = move |to: StepView| {
        selection.set(None);
        view_state.set(to);
    };
    Effect::new(move |_| url::set_query_param("step", view_state.get().key()));
    // From the homework's diagnosis: the step, brought into view.
    let open_step = Callback::new(move |step: Step| {
        go(StepView::One(step));
        if let Some(section) = section.get_untracked() {
            section.scroll_into_view();
        }
    });
    // A hidden unit picked among the lab's images of W⁽¹⁾: its pre-activation hᵃ_j at (a), its
    // entry selected (the card shows its formula with the numbers), brought into view.
    if let Some(FocusedUnit(unit)) = use_context::<FocusedUnit>() {
        Effect::new(move |_| {
            let Some(j) = unit.get() else { return };
            go(StepView::One(Step::HiddenActivation));
            let cell = Cell { quantity: Quantity::HiddenActivation, row: j, col: 0 };
            selection.set(walk.with_untracked(|w| w.as_ref().and_then(|w| Selection::new(w, cell))));
            if let Some(section) = section.get_untracked() {
                section.scroll_into_view();
            }
        });
    }
    install_keys(view_state, go);
    let diagram_step = Signal::derive(move || view_state.get().anchor());
    provide_context(HomeworkMarks { marks: RwSignal::new(None), mistakes });
    let card_holder = NodeRef::<leptos::html::Div>::new();
    Deck::install(walk, selection, view_state, card_holder);
    // In a one-screen layout the card and the tools scroll in their own boxes when they do not
    // fit: such a box is then a Tab stop, so that it scrolls from the keyboard too.
    let tools = NodeRef::<leptos::html::Div>::new();
    let presenter = use_context::<super::presenter_tools::Presenter>();
    for scroll_box in [card_holder, tools] {
        crate::stepper::diagram::focusable_while_scrolling(scroll_box, move || {
            walk.track();
            view_state.track();
            if let Some(p) = presenter {
                p.view.track();
            }
        });
    }
    let no_walk = move || {
        walk.with(|w| w.is_none()).then(|| view! { <p class="field-error">{move || t(lang.get(), StepperMsg::NoWalk)}</p> })
    };
    view! {
        <section class="panel stepper" id="stepper" aria-labelledby="stepper-heading" node_ref=section>
            <h2 id="stepper-heading">{move || t(lang.get(), StepperMsg::Heading)}</h2>
            <p class="intro">{move || t(lang.get(), StepperMsg::Intro)}</p>
            <CaseBanner case=case />
            {network_at.map(|at| view! { <WalkedNetwork at=at case=case /> })}
            <ExampleChooser settings=settings shown=shown source=source case=case />
            <StepNav view_state=view_state go=go />
            {no_walk}
            <div class="stepper-body">
                <div class="stepper-main" node_ref=card_holder></div>
                <aside class="stepper-diagram"><NetworkDiagram walk=walk step=diagram_step on_screen=on_screen /></aside>
            </div>
            <div class="stepper-tools" node_ref=tools>
                <GradCheckPanel walk=walk />
                <MistakesPanel mistakes=mistakes />
                <CasePanel case=case walk=walk mistakes=mistakes open=open_step />
            </div>
        </section>
    }
}

/// How long the panel waits, while off screen, after the last change of its walk before it
/// shows it: a burst of keystrokes in a settings field rebuilds the panel once, after the
/// field's answer is painted.
const OFF_SCREEN_DELAY: std::time::Duration = std::time::Duration::from_millis(120);

/// What the panel shows of `current`: the same at once while the panel is on screen; while it
/// is off screen, `current` as it is [`OFF_SCREEN_DELAY`] after its last change. Rebuilding
/// the tables, the diagram and the export of a walk nobody sees took most of a settings
/// change's answer (about 10 of 20 ms at d_h = 64); it now happens between frames.
fn deferred_off_screen(current: Memo<Option<Walk>>, on_screen: RwSignal<bool>) -> Memo<Option<Walk>> {
    let caught_up = Trigger::new();
    let changes = StoredValue::new(0_u64);
    // Off screen, each change (re)starts the delay; the last one to end shows the walk.
    Effect::new(move |_| {
        current.track();
        if on_screen.get_untracked() {
            return;
        }
        let change = changes.try_update_value(|n| {
            *n += 1;
            *n
        });
        set_timeout(
            move || {
                if change.is_some() && changes.try_get_value() == change {
                    caught_up.notify();
                }
            },
            OFF_SCREEN_DELAY,
        );
    });
    // On screen the memo follows `current`; off screen it reads it only when the delay ends
    // (or when the panel leaves the screen, when `current` is what it already shows).
    Memo::new(move |_| {
        caught_up.track();
        if on_screen.get() {
            current.get()
        } else {
            current.get_untracked()
        }
    })
}

/// Which network is walked: the lab's, after which epoch (hidden while a case is walked).
#[component]
fn WalkedNetwork(at: Signal<(usize, usize)>, case: RwSignal<Option<Case>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let line = move || {
        let (epoch, seen) = at.get();
        walked_network(lang.get(), epoch, seen)
    };
    view! {
        <p class="walked-network" id="walked-network" hidden=move || case.with(Option::is_some)
            data-epoch=move || at.get().0>{line}</p>
    }
}

/// While a loaded case is walked instead of the network: which one, and the way back.
#[component]
fn CaseBanner(case: RwSignal<Option<Case>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    move || {
        let shape = case.with(|c| c.as_ref().map(|c| c.params.shape()))?;
        Some(view! {
            <p class="case-banner" id="case-banner" role="status">
                {t(lang.get(), StepperMsg::CaseBanner)}
                {format!(" (d = {}, d_h = {}, m = {}). ", shape.d, shape.d_h, shape.m)}
                <button type="button" id="back-to-network" on:click=move |_| case.set(None)>
                    {t(lang.get(), StepperMsg::BackToNetwork)}
                </button>
            </p>
        })
    }
}

/// Every step of `phase`, one card each.
fn phase_cards(phase: Phase, walk: Memo<Option<Walk>>, selection: RwSignal<Option<Selection>>) -> impl IntoView {
    Step::ALL
        .into_iter()
        .filter(|s| s.phase() == phase)
        .map(|step| view! { <StepCard step=step walk=walk selection=selection /> })
        .collect::<Vec<_>>()
}

/// The stepper's keys (see [`Shortcut`]): ← → (or N P) Home End move through the steps, F and
/// B show a whole phase.
fn install_keys(view_state: RwSignal<StepView>, go: impl Fn(StepView) + Copy + 'static) {
    on_shortcut(move |shortcut| {
        let here = view_state.get_untracked().anchor();
        let to = match shortcut {
            Shortcut::NextEquation => StepView::One(here.next()),
            Shortcut::PrevEquation => StepView::One(here.prev()),
            Shortcut::FirstEquation => StepView::One(Step::first()),
            Shortcut::LastEquation => StepView::One(Step::last()),
            Shortcut::WholeForward => StepView::WholeForward,
            Shortcut::WholeBackward => StepView::WholeBackward,
            _ => return false,
        };
        go(to);
        true
    });
}

/// The step buttons, grouped by phase, and first / previous / next / last / whole phase.
#[component]
fn StepNav(view_state: RwSignal<StepView>, go: impl Fn(StepView) + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let group = move |phase: Phase, label: StepperMsg| {
        let buttons = Step::ALL
            .into_iter()
            .filter(move |s| s.phase() == phase)
            .map(|step| {
                let current = move || view_state.get() == StepView::One(step);
                view! {
                    <button type="button" class="step-button" id=format!("goto-{}", step.key())
                        class:current=current aria-current=move || current().then_some("step")
                        title=move || t(lang.get(), crate::i18n::stepper::step_title(step))
                        aria-label=move || format!("{} {}", step.label(), t(lang.get(), crate::i18n::stepper::step_title(step)))
                        on:click=move |_| go(StepView::One(step))>
                        {step.label()}
                    </button>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <div class="step-group" role="group" aria-label=move || t(lang.get(), label)>
                <span class="group-label" aria-hidden="true">{move || t(lang.get(), label)}</span>
                <div class="group-buttons">{buttons}</div>
            </div>
        }
    };
    let here = move || view_state.get().anchor();
    let text = move |m| move || t(lang.get(), m);
    view! {
        <nav class="step-nav" aria-label=text(StepperMsg::StepOf)>
            <div class="step-groups">
                {group(Phase::Forward, StepperMsg::Forward)}
                {group(Phase::Backward, StepperMsg::Backward)}
                {group(Phase::Update, StepperMsg::UpdatePhase)}
            </div>
            <div class="step-moves">
                <button type="button" id="step-first" on:click=move |_| go(StepView::One(Step::first()))>"« " {text(StepperMsg::First)}</button>
                <button type="button" id="step-prev" aria-label=text(StepperMsg::Previous) on:click=move |_| go(StepView::One(here().prev()))>
                    "←" <span class="move-word">" " {text(StepperMsg::Previous)}</span>
                </button>
                <span class="position" id="step-position">
                    {move || match view_state.get() {
                        StepView::One(step) => format!("{} {} / {}", t(lang.get(), StepperMsg::StepOf), step.index() + 1, Step::ALL.len()),
                        StepView::WholeForward => t(lang.get(), StepperMsg::ForwardPass).to_string(),
                        StepView::WholeBackward => t(lang.get(), StepperMsg::BackwardPass).to_string(),
                    }}
                </span>
                <button type="button" id="step-next" aria-label=text(StepperMsg::Next) on:click=move |_| go(StepView::One(here().next()))>
                    <span class="move-word">{text(StepperMsg::Next)} " "</span> "→"
                </button>
                <button type="button" id="step-last" on:click=move |_| go(StepView::One(Step::last()))>{text(StepperMsg::Last)} " »"</button>
                <button type="button" id="whole-forward" class:current=move || view_state.get() == StepView::WholeForward
                    on:click=move |_| go(StepView::WholeForward)>{text(StepperMsg::WholeForward)}</button>
                <button type="button" id="whole-backward" class:current=move || view_state.get() == StepView::WholeBackward
                    on:click=move |_| go(StepView::WholeBackward)>{text(StepperMsg::WholeBackward)}</button>
                <small class="keys-hint">{text(StepperMsg::KeysHint)}</small>
            </div>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_views_round_trip_through_the_url() {
        for step in Step::ALL {
            assert_eq!(StepView::from_key(StepView::One(step).key()), Some(StepView::One(step)));
        }
        assert_eq!(StepView::from_key("forward"), Some(StepView::WholeForward));
        assert_eq!(StepView::from_key("BACKWARD"), Some(StepView::WholeBackward));
        assert_eq!(StepView::from_key("nope"), None);
    }
}
