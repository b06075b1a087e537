//! The network diagram of the stepper: the d inputs, d_h hidden units and m outputs of the
//! walk's network as an SVG, with what the current step reads and computes highlighted.
//!
//! Forward steps (a)–(d) light up left to right: W⁽¹⁾ and x, then h^a, h^s (inactive units,
//! h^a ≤ 0, greyed), W⁽²⁾, o^a, o^s and the loss at y's output. Backward steps (g)–(r) run
//! right to left and print gradients: ∂L/∂o^a on the outputs, ∂L/∂W⁽²⁾ on the edges,
//! ∂L/∂h^s and ∂L/∂h^a on the hidden units (blocked at inactive ones), ∂L/∂W⁽¹⁾ and ∂L/∂x.
//! The update (f) shows the new weights and biases. Edge colour is the sign of what they
//! show, edge width its magnitude relative to the largest in the same matrix.
//!
//! [`layout`] is pure data, [`render`] turns it into markup; the component only connects them
//! to the walk, the step and the language.

mod layout;
mod model;
mod names;
mod scroll_box;
mod svg;
#[cfg(test)]
mod tests;
mod touch;

pub use layout::{layout, rows, Row, MAX_DRAWN};
pub use model::{Band, Collapsed, Column, Diagram, Edge, Layer, Node};
pub use names::name;
pub use scroll_box::{focusable_while_scrolling, recheck_deferred};
pub use svg::{render, SVG_ID};
pub use touch::{touch, Flow, Matrix, Role, Touch};

use crate::i18n::diagram::DiagramMsg;
use crate::i18n::{t, Lang};
use crate::stepper::{Step, Walk};
use leptos::prelude::*;

/// The diagram of `walk`'s network at `step`, with its legend; a short message while there
/// is no walk. The markup is rebuilt only when the walk, the step or the language changes.
#[component]
pub fn NetworkDiagram(
    /// The example walked through the network (`None` while the settings are invalid).
    walk: Memo<Option<Walk>>,
    /// The step whose reads and writes are highlighted.
    step: Signal<Step>,
    /// Whether the stepper is on screen (the dashes wait for it); always, when not given.
    #[prop(default = None)]
    on_screen: Option<RwSignal<bool>>,
) -> impl IntoView {
    let lang = page_lang();
    // Counts the walk's changes: a markup drawn ahead is used only for the walk it was drawn on.
    let walk_version = Memo::new(move |previous: Option<&u64>| {
        walk.track();
        previous.map_or(0, |v| v.wrapping_add(1))
    });
    let ahead = StoredValue::new(Vec::<Ahead>::new());
    let markup = Memo::new(move |_| {
        let (step, lang, version) = (step.get(), lang.get(), walk_version.get());
        let drawn = ahead.try_update_value(|a| a.iter().position(|d| d.is(step, lang, version)).map(|i| a.swap_remove(i).markup));
        match drawn.flatten() {
            Some(markup) => Some(markup),
            None => walk.with(|walk| walk.as_ref().map(|walk| render(&layout(walk, step), lang))),
        }
    });
    // Once the markup of a new step is painted, the markups of the steps before and after it are
    // drawn, so that "next" and "previous" only hand the browser a string. (Not after a change of
    // the walk alone: while training publishes a network every half second, nobody steps.)
    Effect::new(move |previous: Option<Step>| {
        markup.track();
        let at = (step.get_untracked(), lang.get_untracked(), walk_version.get_untracked());
        if previous != Some(at.0) {
            crate::idle::after_next_paint(move || draw_ahead(walk, step, lang, walk_version, ahead, at));
        }
        at.0
    });
    // The hidden unit picked among the lab's images of W⁽¹⁾ wears a ring (when it is drawn: a
    // large layer shows only some of its units).
    let focused = use_context::<crate::components::FocusedUnit>();
    Effect::new(move |_| {
        markup.track();
        let unit = focused.and_then(|f| f.0.get());
        let Some(svg) = document().get_element_by_id(SVG_ID) else { return };
        if let Ok(Some(previous)) = svg.query_selector(".unit.focused") {
            let _ = previous.class_list().remove_1("focused");
        }
        if let Some(j) = unit {
            if let Ok(Some(node)) = svg.query_selector(&format!("[data-unit='h{j}']")) {
                let _ = node.class_list().add_1("focused");
            }
        }
    });
    // The dashes run when a step shows its edges (and when the diagram first appears), not each
    // time training publishes a network: new markup restarts them, and restarted every half
    // second they restyled every edge in every frame (50 ms a frame at d = 13, d_h = 32 on the
    // bench's machine, with the stepper off screen). Off screen they wait: they run when the
    // stepper comes into view.
    let flowing = Memo::new(move |previous: Option<&(Step, u64, bool)>| {
        let (now, version) = (step.get(), walk_version.get());
        let on = match previous {
            None => true,
            Some(&(before, _, _)) if before != now => true,
            Some(&(_, v, _)) if v != version => false,
            Some(&(_, _, on)) => on,
        };
        (now, version, on)
    });
    let text = move |msg| move || t(lang.get(), msg);
    // On a phone the drawing keeps a readable size and scrolls sideways in its box.
    let scroll_box = NodeRef::<leptos::html::Div>::new();
    focusable_while_scrolling(scroll_box, move || markup.track());
    view! {
        <figure class="diagram">
            <figcaption class="diagram-title">{text(DiagramMsg::Title)}</figcaption>
            <Show
                when=move || markup.with(Option::is_some)
                fallback=move || view! { <p class="diagram-empty">{text(DiagramMsg::Empty)}</p> }
            >
                <div class="diagram-svg" class:flowing=move || flowing.with(|f| f.2) && on_screen.is_none_or(|s| s.get()) node_ref=scroll_box inner_html=move || markup.get().unwrap_or_default()></div>
            </Show>
            <DiagramLegend />
        </figure>
    }
}

/// A diagram's markup drawn ahead of time, for one step, language and version of the walk.
struct Ahead {
    step: Step,
    lang: Lang,
    version: u64,
    markup: String,
}

impl Ahead {
    fn is(&self, step: Step, lang: Lang, version: u64) -> bool {
        (self.step, self.lang, self.version) == (step, lang, version)
    }
}

/// Draws the markups of the steps next to `at`'s, unless the diagram has moved on since.
fn draw_ahead(
    walk: Memo<Option<Walk>>,
    step: Signal<Step>,
    lang: RwSignal<Lang>,
    walk_version: Memo<u64>,
    ahead: StoredValue<Vec<Ahead>>,
    at: (Step, Lang, u64),
) {
    let now = (step.try_get_untracked(), lang.try_get_untracked(), walk_version.try_get_untracked());
    if now != (Some(at.0), Some(at.1), Some(at.2)) {
        return;
    }
    let (here, lang, version) = at;
    let drawn: Vec<Ahead> = [here.next(), here.prev()]
        .into_iter()
        .filter(|s| *s != here)
        .filter_map(|s| {
            let markup = walk.try_with_untracked(|w| w.as_ref().map(|w| render(&layout(w, s), lang))).flatten()?;
            Some(Ahead { step: s, lang, version, markup })
        })
        .collect();
    ahead.try_set_value(drawn);
}

/// The page's language from context; English if a test mounts the diagram alone.
fn page_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::default()))
}

/// What the colours, widths, arrows and rings mean.
#[component]
fn DiagramLegend() -> impl IntoView {
    let lang = page_lang();
    const ENTRIES: [(&str, DiagramMsg); 9] = [
        ("swatch-pos", DiagramMsg::Positive),
        ("swatch-neg", DiagramMsg::Negative),
        ("swatch-width", DiagramMsg::WidthNote),
        ("swatch-forward", DiagramMsg::ForwardFlow),
        ("swatch-backward", DiagramMsg::BackwardFlow),
        ("swatch-read", DiagramMsg::ReadNote),
        ("swatch-written", DiagramMsg::WrittenNote),
        ("swatch-inactive", DiagramMsg::InactiveNote),
        ("swatch-target", DiagramMsg::TargetNote),
    ];
    let items = ENTRIES
        .into_iter()
        .map(|(swatch, msg)| {
            view! {
                <li>
                    <span class=format!("swatch {swatch}") aria-hidden="true"></span>
                    {move || t(lang.get(), msg)}
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <ul class="diagram-legend" aria-label=move || t(lang.get(), DiagramMsg::LegendLabel)>
            {items}
        </ul>
    }
}
