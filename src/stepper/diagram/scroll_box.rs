//! A box that scrolls its content (a wide table, the diagram on a phone) and that keyboard users
//! can reach: WCAG 2.1.1 asks that what scrolls with a finger or a wheel scrolls from the
//! keyboard too. Used by the diagram, the stepper's tables and the gradient check's tables.

use leptos::prelude::*;

/// Makes `scroll_box` a Tab stop, named after the table it holds, while its content overflows
/// it, and only then: a box that scrolls must scroll from the keyboard too (WCAG 2.1.1), and
/// tables that fit add no stop. Measured after each change `changes` tracks, and on resize.
pub fn focusable_while_scrolling(scroll_box: NodeRef<leptos::html::Div>, changes: impl Fn() + 'static) {
    let check = move || {
        // Runs a frame later: the box may have been removed (and its reference disposed) since.
        let Some(element) = scroll_box.try_get_untracked().flatten() else { return };
        let scrolls = element.scroll_width() > element.client_width() + 1
            || element.scroll_height() > element.client_height() + 1;
        if !scrolls {
            if element.has_attribute("tabindex") {
                for name in ["tabindex", "role", "aria-label"] {
                    let _ = element.remove_attribute(name);
                }
            }
            return;
        }
        // The content's own name: the first aria-label inside (a table, the diagram's SVG), else
        // a table caption's text.
        let named = element.query_selector("[aria-label]").ok().flatten();
        let label = named.and_then(|n| n.get_attribute("aria-label")).or_else(|| {
            let caption = element.query_selector("caption").ok().flatten();
            caption.and_then(|c| c.text_content()).map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
        });
        // Attributes are written only when they change: each write invalidates the layout the
        // next box's measurement would reuse.
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
    };
    Effect::new(move |_| {
        changes();
        request_animation_frame(check);
    });
    let handle = window_event_listener(leptos::ev::resize, move |_| check());
    on_cleanup(move || handle.remove());
}

