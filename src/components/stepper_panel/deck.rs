//! The stepper's cards, built ahead of time. Building a step card is most of a step's answer
//! (at d_h = 64, about 8 of its 10 ms: Leptos creates every table cell, the equations' MathML
//! is parsed, the numbers are formatted), while putting a built card on screen is one DOM move.
//! So the panel keeps, besides the card it shows, the cards of the steps just before and after
//! it, built out of the page while the page is idle: "next", "previous" and the arrow keys then
//! show a card that already exists. A jump to another step builds its card at once, as before.
//!
//! Only the shown card follows the walk (a card follows it from the moment it is shown, so it
//! never shows another network than the panel's). A kept card holds the walk it was built on,
//! costs nothing while the network changes, and is thrown away when it does: one built on an
//! older walk would redraw every table when shown, a rebuild's cost. New ones are built once
//! the walk has been still for [`QUIET`] (not while training publishes a network every half
//! second), in a task after the answer's frame is painted.

use super::{phase_cards, StepView};
use crate::components::step_card::StepCard;
use crate::idle::after_next_paint;
use crate::stepper::diagram::recheck_deferred;
use crate::stepper::selection::Selection;
use crate::stepper::{Phase, Walk};
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How long the walk must stay unchanged before the neighbours' cards are built: longer than
/// the stepper's publication interval while training, which would throw each one away.
const QUIET: Duration = Duration::from_millis(crate::lab::SLOW_PUBLICATION_MS as u64 + 200);

/// One card, in the page or kept out of it.
struct Card {
    view: StepView,
    /// True while the card is shown: it then follows the panel's walk.
    live: RwSignal<bool>,
    /// The walk the card shows.
    walk: Memo<Option<Walk>>,
    /// The element holding the card, moved into the panel to show it.
    slot: web_sys::HtmlElement,
    // Dropped in this order: the view leaves its slot, then its reactive owner is disposed.
    _mounted: UnmountHandle<AnyViewState>,
    _owner: Owner,
}

impl Card {
    /// Whether the card was built on (or follows) `walk`'s current value: shown, it would not
    /// redraw its tables.
    fn shows(&self, walk: Memo<Option<Walk>>) -> bool {
        self.walk.try_with_untracked(|mine| walk.with_untracked(|now| mine == now)).unwrap_or(false)
    }
}

/// The shown card and the kept ones.
pub struct Deck {
    /// The panel's owner: each card's owner is its child, so cards find the page's context.
    owner: Owner,
    walk: Memo<Option<Walk>>,
    selection: RwSignal<Option<Selection>>,
    /// The element the shown card goes into.
    holder: NodeRef<leptos::html::Div>,
    shown: RefCell<Option<Card>>,
    kept: RefCell<Vec<Card>>,
    /// Cards no longer needed, dropped after the next paint rather than during an answer.
    retired: RefCell<Vec<Card>>,
    /// Bumped by each show and each change of the walk: a scheduled build of an older
    /// generation does nothing.
    generation: Cell<u64>,
}

impl Deck {
    /// A deck for the panel being built (call from its component), showing `view_state` in
    /// `holder`.
    pub fn install(
        walk: Memo<Option<Walk>>,
        selection: RwSignal<Option<Selection>>,
        view_state: RwSignal<StepView>,
        holder: NodeRef<leptos::html::Div>,
    ) {
        let Some(owner) = Owner::current() else { return };
        let deck = Rc::new(Deck {
            owner,
            walk,
            selection,
            holder,
            shown: RefCell::new(None),
            kept: RefCell::new(Vec::new()),
            retired: RefCell::new(Vec::new()),
            generation: Cell::new(0),
        });
        let on_show = deck.clone();
        Effect::new(move |_| {
            let view = view_state.get();
            on_show.show(view);
        });
        Effect::new(move |_| {
            walk.track();
            deck.walk_changed();
        });
    }

    /// Puts the card of `view` on screen: a kept one built on the current walk, else a new one.
    fn show(self: &Rc<Self>, view: StepView) {
        if self.shown.borrow().as_ref().is_some_and(|c| c.view == view) {
            return;
        }
        self.generation.set(self.generation.get() + 1);
        let kept = {
            let mut kept = self.kept.borrow_mut();
            kept.iter().position(|c| c.view == view).map(|i| kept.swap_remove(i))
        };
        let card = match kept {
            Some(card) if card.shows(self.walk) => Some(card),
            stale => {
                self.retired.borrow_mut().extend(stale);
                self.build(view)
            }
        };
        let Some(card) = card else { return };
        card.live.set(true);
        if let Some(holder) = self.holder.get_untracked() {
            holder.replace_children_with_node_1(&card.slot);
        }
        if let Some(previous) = self.shown.replace(Some(card)) {
            previous.live.set(false);
            self.kept.borrow_mut().push(previous);
        }
        // Keep the neighbours only.
        let wanted = neighbours(view);
        let unwanted: Vec<Card> = {
            let mut kept = self.kept.borrow_mut();
            let (keep, drop): (Vec<Card>, Vec<Card>) = kept.drain(..).partition(|c| wanted.contains(&c.view));
            *kept = keep;
            drop
        };
        self.retired.borrow_mut().extend(unwanted);
        // The shown card's scrolling tables were measured out of the page (not rendered).
        recheck_deferred();
        self.prepare_after(Duration::ZERO);
    }

    /// The kept cards show an older walk: they go, and the new neighbours are built later.
    fn walk_changed(self: &Rc<Self>) {
        self.generation.set(self.generation.get() + 1);
        let stale: Vec<Card> = self.kept.borrow_mut().drain(..).collect();
        self.retired.borrow_mut().extend(stale);
        self.prepare_after(QUIET);
    }

    /// After `delay`, once the next frame has been painted, builds one missing neighbour of
    /// the shown card (then asks again for the next), unless the deck changed in between. (Not
    /// at an idle moment: while the student steps, or a key repeats, the browser gives none.)
    fn prepare_after(self: &Rc<Self>, delay: Duration) {
        let generation = self.generation.get();
        let deck: Weak<Deck> = Rc::downgrade(self);
        let after_paint = move || {
            after_next_paint(move || {
                if let Some(deck) = deck.upgrade() {
                    deck.prepare(generation);
                }
            })
        };
        if delay.is_zero() {
            after_paint();
        } else {
            set_timeout(after_paint, delay);
        }
    }

    fn prepare(self: &Rc<Self>, generation: u64) {
        self.retired.borrow_mut().clear();
        if generation != self.generation.get() {
            return;
        }
        let Some(view) = self.shown.borrow().as_ref().map(|c| c.view) else { return };
        let missing = neighbours(view).into_iter().find(|v| !self.kept.borrow().iter().any(|c| c.view == *v));
        let Some(missing) = missing else { return };
        if let Some(card) = self.build(missing) {
            self.kept.borrow_mut().push(card);
            self.prepare_after(Duration::ZERO);
        }
    }

    /// Builds the card of `view` out of the page, not live.
    fn build(&self, view: StepView) -> Option<Card> {
        let document = web_sys::window()?.document()?;
        let slot: web_sys::HtmlElement = document.create_element("div").ok()?.unchecked_into();
        slot.set_class_name("step-slot");
        let (walk, selection) = (self.walk, self.selection);
        let owner = self.owner.with(Owner::new);
        let (live, card_walk) = owner.with(|| {
            let live = RwSignal::new(false);
            let card_walk = Memo::new(move |_| if live.get() { walk.get() } else { walk.get_untracked() });
            (live, card_walk)
        });
        // Built as the panel's own children are: no reactive read here belongs to the caller.
        let mounted = untrack(|| {
            owner.with(|| {
                mount_to(slot.clone(), move || match view {
                    StepView::One(step) => view! { <StepCard step=step walk=card_walk selection=selection /> }.into_any(),
                    StepView::WholeForward => phase_cards(Phase::Forward, card_walk, selection).into_any(),
                    StepView::WholeBackward => phase_cards(Phase::Backward, card_walk, selection).into_any(),
                })
            })
        });
        Some(Card { view, live, walk: card_walk, slot, _mounted: mounted, _owner: owner })
    }
}

/// The views worth building ahead from `view`: the steps before and after it.
fn neighbours(view: StepView) -> Vec<StepView> {
    let StepView::One(step) = view else { return Vec::new() };
    [step.next(), step.prev()].into_iter().filter(|s| *s != step).map(StepView::One).collect()
}
