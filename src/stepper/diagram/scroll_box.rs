//! A box that scrolls its content (a wide table, the diagram on a phone) and that keyboard users
//! can reach: WCAG 2.1.1 asks that what scrolls with a finger or a wheel scrolls from the
//! keyboard too. Used by the diagram, the stepper's tables and equations, and the gradient
//! check's tables.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// An element, seen through `checkVisibility` only.
    type Checked;

    /// `element.checkVisibility(options)`: false for an element the page does not render,
    /// including content skipped by `content-visibility: auto` (the stepper off screen).
    #[wasm_bindgen(method, js_name = checkVisibility)]
    fn check_visibility(this: &Checked, options: &JsValue) -> bool;
}

type ScrollBox = NodeRef<leptos::html::Div>;

thread_local! {
    /// The boxes to measure at the next check, and whether that check is scheduled.
    static PENDING: RefCell<Vec<ScrollBox>> = const { RefCell::new(Vec::new()) };
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
    /// Boxes not rendered at their last check (off screen in the stepper): measuring them
    /// would make the browser lay out what `content-visibility` skips. They are measured
    /// again after the page scrolls.
    static DEFERRED: RefCell<Vec<ScrollBox>> = const { RefCell::new(Vec::new()) };
    static SCROLL_WATCHED: Cell<bool> = const { Cell::new(false) };
}

/// Makes `scroll_box` a Tab stop, named after the table it holds, while its content overflows
/// it, and only then: a box that scrolls must scroll from the keyboard too (WCAG 2.1.1), and
/// tables that fit add no stop. Measured after each change `changes` tracks, and on resize.
pub fn focusable_while_scrolling(scroll_box: ScrollBox, changes: impl Fn() + 'static) {
    Effect::new(move |_| {
        changes();
        schedule(scroll_box);
    });
    let handle = window_event_listener(leptos::ev::resize, move |_| schedule(scroll_box));
    on_cleanup(move || handle.remove());
    if !SCROLL_WATCHED.with(|w| w.replace(true)) {
        // For the life of the page: scrolling brings deferred boxes on screen.
        let on_scroll = window_event_listener(leptos::ev::scroll, |_| recheck_deferred());
        std::mem::forget(on_scroll);
    }
}

/// Measures again, at the next check, the boxes left unmeasured because the page did not
/// render them: after a card built ahead of time (out of the page) is put on screen.
pub fn recheck_deferred() {
    let deferred = DEFERRED.with(|d| std::mem::take(&mut *d.borrow_mut()));
    for scroll_box in deferred {
        schedule(scroll_box);
    }
}

/// Queues `scroll_box` for the next check, which runs once the next frame has been painted:
/// the layout the browser made for that frame then answers every box's measurement, so the
/// check forces no layout of its own, and all boxes are measured before any is changed.
fn schedule(scroll_box: ScrollBox) {
    PENDING.with(|pending| pending.borrow_mut().push(scroll_box));
    if !SCHEDULED.with(|s| s.replace(true)) {
        request_animation_frame(|| set_timeout(check_all, std::time::Duration::ZERO));
    }
}

/// Measures every queued box, then updates those whose state changed.
fn check_all() {
    SCHEDULED.with(|s| s.set(false));
    let boxes = PENDING.with(|pending| std::mem::take(&mut *pending.borrow_mut()));
    let options = web_sys::js_sys::Object::new();
    let _ = web_sys::js_sys::Reflect::set(&options, &"contentVisibilityAuto".into(), &JsValue::TRUE);
    // A box may have been removed (and its reference disposed) since it was queued; one the
    // page does not render now waits for a scroll.
    let rendered = |b: &ScrollBox| {
        let Some(element) = b.try_get_untracked().flatten() else { return None };
        if element.unchecked_ref::<Checked>().check_visibility(&options) {
            Some(element)
        } else {
            // Until it is measured, a Tab stop: a keyboard user who reaches it scrolls it on
            // screen (and it is measured then); a box that scrolls is never left without one.
            // Setting attributes lays nothing out.
            mark(&element, true);
            DEFERRED.with(|d| d.borrow_mut().push(*b));
            None
        }
    };
    let measured: Vec<(web_sys::HtmlDivElement, bool)> = boxes
        .iter()
        .filter_map(rendered)
        .map(|element| {
            let scrolls = element.scroll_width() > element.client_width() + 1
                || element.scroll_height() > element.client_height() + 1;
            (element, scrolls)
        })
        .collect();
    for (element, scrolls) in measured {
        mark(&element, scrolls);
    }
}

/// Gives a box that scrolls its Tab stop, group role and name; takes them from one that fits.
fn mark(element: &web_sys::HtmlDivElement, scrolls: bool) {
    if !scrolls {
        if element.has_attribute("tabindex") {
            for name in ["tabindex", "role", "aria-label"] {
                let _ = element.remove_attribute(name);
            }
        }
        return;
    }
    // The content's own name: the first aria-label inside (a table, the diagram's SVG), else
    // a table caption's text, else an equation's label ("Matrix form").
    let named = element.query_selector("[aria-label]").ok().flatten();
    let text_of = |css: &str| {
        let found = element.query_selector(css).ok().flatten();
        found.and_then(|c| c.text_content()).map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let label = named.and_then(|n| n.get_attribute("aria-label")).or_else(|| text_of("caption")).or_else(|| text_of(".eq-label"));
    // Attributes are written only when they change.
    let set = |name: &str, value: &str| {
        if element.get_attribute(name).as_deref() != Some(value) {
            let _ = element.set_attribute(name, value);
        }
    };
    set("tabindex", "0");
    set("role", "group");
    if let Some(label) = label {
        set("aria-label", &label);
    }
}
