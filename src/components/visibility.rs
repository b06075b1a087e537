//! Whether an element is on screen, from an `IntersectionObserver` (no layout is forced to
//! find out), and when its size changes, from a `ResizeObserver`. The stepper uses the first
//! so that training does not refresh tables nobody sees; the charts use the second to draw at
//! the size a layout gives them.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, ResizeObserver};

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

/// Notifies `resized` whenever the box of one of `nodes`' elements changes size (and once when
/// they are first observed), from the moment they are mounted; the observer is disconnected
/// when the owner is cleaned up. Where the browser has no `ResizeObserver`, nothing happens.
pub fn track_resize<E>(nodes: [NodeRef<E>; 2], resized: Trigger)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let observer = StoredValue::new_local(None::<(ResizeObserver, Closure<dyn FnMut(web_sys::js_sys::Array)>)>);
    Effect::new(move |_| {
        let elements: Vec<web_sys::Element> =
            nodes.iter().filter_map(|n| n.get()).filter_map(|e| e.dyn_into::<web_sys::Element>().ok()).collect();
        if elements.is_empty() {
            return;
        }
        let callback = Closure::<dyn FnMut(web_sys::js_sys::Array)>::new(move |_: web_sys::js_sys::Array| resized.notify());
        let Ok(watcher) = ResizeObserver::new(callback.as_ref().unchecked_ref()) else { return };
        for element in &elements {
            watcher.observe(element);
        }
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
