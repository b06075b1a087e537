//! Whether an element is on screen, from an `IntersectionObserver` (no layout is forced to
//! find out). The stepper uses it so that training does not refresh tables nobody sees.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry};

/// Keeps `on_screen` equal to whether the element of `node` intersects the viewport, from the
/// moment it is mounted; the observer is disconnected when the owner is cleaned up. Where the
/// browser has no `IntersectionObserver`, `on_screen` stays as it is.
pub fn track_visibility<E>(node: NodeRef<E>, on_screen: RwSignal<bool>)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let observer = StoredValue::new_local(None::<(IntersectionObserver, Closure<dyn FnMut(web_sys::js_sys::Array)>)>);
    Effect::new(move |_| {
        let Some(element) = node.get() else { return };
        let Ok(element) = element.dyn_into::<web_sys::Element>() else { return };
        let callback = Closure::<dyn FnMut(web_sys::js_sys::Array)>::new(move |entries: web_sys::js_sys::Array| {
            // The last entry is the element's latest state.
            if let Some(entry) = entries.iter().last().and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok()) {
                on_screen.set(entry.is_intersecting());
            }
        });
        let Ok(watcher) = IntersectionObserver::new(callback.as_ref().unchecked_ref()) else { return };
        watcher.observe(&element);
        // A rerun replaces the observer: the old one is disconnected before its callback is
        // dropped, so it never calls a freed closure.
        observer.update_value(|o| {
            if let Some((old, _)) = o.take() {
                old.disconnect();
            }
            *o = Some((watcher, callback));
        });
    });
    on_cleanup(move || {
        observer.try_with_value(|o| o.as_ref().map(|(watcher, _)| watcher.disconnect()));
    });
}
