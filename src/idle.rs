//! Work for the moments the page has nothing else to do: after the frame that shows an answer
//! has been painted, before the next input.

use leptos::prelude::{request_animation_frame, set_timeout};
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Runs `work` once when the page is idle, and within `timeout_ms` even on a busy page (the
/// browser then runs it as soon as it can); in the next animation frame where the browser has
/// no `requestIdleCallback`.
pub fn when_idle(timeout_ms: u32, work: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let callback: web_sys::js_sys::Function = Closure::once_into_js(work).unchecked_into();
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(timeout_ms);
    if window.request_idle_callback_with_options(&callback, &options).is_err() {
        request_animation_frame(move || {
            let _ = callback.call0(&JsValue::NULL);
        });
    }
}

/// Runs `work` in a task after the next frame has been painted, behind the tasks that frame's
/// other callbacks queue: work prepared ahead (the stepper's next card, its diagram) waits for
/// the answer on screen and for whatever the page does right after it.
pub fn after_next_paint(work: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(move || set_timeout(work, Duration::ZERO), Duration::ZERO));
}
