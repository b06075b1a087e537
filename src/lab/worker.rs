//! The link to the engine's Web Worker (`crates/worker`): starting it, posting commands,
//! taking its snapshots, and noticing when it cannot go on.
//!
//! The worker is a module worker loaded from [`SCRIPT`] (next to the page, so the site works
//! from any folder; `worker-src 'self'` in the page's policy). Each message is `[numbers,
//! pixels]` (see the worker's docs); both parts are transferred, never copied twice.

use super::local::describe;
use super::{Lab, Runner};
use engine::protocol::{decode_reply, encode_commands, Message};
use engine::Command;
use js_sys::{Array, Float64Array, Uint8ClampedArray};
use leptos::prelude::{GetUntracked};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The worker's script, relative to the page.
pub const SCRIPT: &str = "./worker.js";
/// A worker that has not said it is ready after this long is given up for the main thread.
pub const START_TIMEOUT_MS: i32 = 10_000;

/// The running worker.
pub struct Link {
    worker: Worker,
}

impl Link {
    /// Starts the worker; its messages go to `lab`. The error says why it could not start.
    pub fn start(lab: Lab) -> Result<Link, String> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(SCRIPT, &options).map_err(|e| format!("no worker: {}", describe(&e)))?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| receive(lab, &event));
        // A script that fails to load fires a plain `Event` (no message); an error thrown in the
        // worker, an `ErrorEvent`: the message is read only where there is one.
        let on_error = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            event.prevent_default();
            let message = js_sys::Reflect::get(&event, &"message".into()).ok().and_then(|m| m.as_string()).filter(|m| !m.is_empty());
            let what = message.unwrap_or_else(|| "the worker's script or module did not load".to_string());
            lab.fall_back(format!("worker error: {what}"));
        });
        let on_message_error = Closure::<dyn FnMut()>::new(move || lab.fall_back("a message from the worker could not be read".into()));
        let on_timeout = Closure::<dyn FnMut()>::new(move || {
            if lab.runner.get_untracked() == Runner::Starting {
                lab.fall_back(format!("the worker did not start within {} s", START_TIMEOUT_MS / 1000));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_message_error.as_ref().unchecked_ref()));
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.as_ref().unchecked_ref(), START_TIMEOUT_MS);
        }
        // They live as long as the page (one worker per page; a stopped worker sends nothing).
        on_message.forget();
        on_error.forget();
        on_message_error.forget();
        on_timeout.forget();
        Ok(Link { worker })
    }

    /// Posts `commands`, giving back `spare` (the last map's buffer) for the next map.
    pub fn post(&self, commands: Vec<Command>, spare: Option<Uint8ClampedArray>) -> Result<(), String> {
        let mut encoded = Vec::new();
        encode_commands(&commands, &mut encoded);
        let numbers = Float64Array::from(encoded.as_slice());
        let transfer = Array::of1(&numbers.buffer());
        let pixels = match spare {
            Some(pixels) => {
                transfer.push(&pixels.buffer());
                JsValue::from(pixels)
            }
            None => JsValue::UNDEFINED,
        };
        self.worker
            .post_message_with_transfer(&Array::of2(&numbers, &pixels), &transfer)
            .map_err(|e| format!("the worker took no message: {}", describe(&e)))
    }

    pub fn stop(self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// A message from the worker.
fn receive(lab: Lab, event: &MessageEvent) {
    let parts = Array::from(&event.data());
    let Ok(numbers) = parts.get(0).dyn_into::<Float64Array>() else {
        return lab.fall_back("a message from the worker without numbers".into());
    };
    let pixels = parts.get(1).dyn_into::<Uint8ClampedArray>().ok();
    match decode_reply(&numbers.to_vec()) {
        Ok(Message::Ready) => lab.worker_ready(),
        Ok(Message::Snapshot(snapshot)) => lab.worker_snapshot(*snapshot, pixels),
        Ok(Message::Failed) => lab.fall_back("the worker failed".into()),
        Ok(Message::Commands(_)) => lab.fall_back("the worker sent commands".into()),
        Err(error) => lab.fall_back(format!("from the worker: {error}")),
    }
}
