//! The same engine on the page's own thread, for a browser that cannot start the worker: the
//! page imports this module itself (see the page's `lab/local.rs`) and drives a [`PageEngine`]
//! from its animation frames, with the messages of the worker (the same encoding, the same
//! `[numbers, pixels]` answers), so the page's module carries no trainer of its own.

use engine::protocol::{decode_commands, encode_reply, Message};
use engine::Engine;
use js_sys::{Array, Float64Array, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Performance;

/// The engine, driven by the page.
#[wasm_bindgen]
pub struct PageEngine {
    engine: Engine,
    performance: Option<Performance>,
}

impl Default for PageEngine {
    fn default() -> Self {
        PageEngine::new()
    }
}

#[wasm_bindgen]
impl PageEngine {
    #[wasm_bindgen(constructor)]
    pub fn new() -> PageEngine {
        let performance = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance")).ok().and_then(|p| p.dyn_into::<Performance>().ok());
        PageEngine { engine: Engine::new(), performance }
    }

    /// Applies encoded commands (the worker's message); `false` when they cannot be read.
    pub fn apply(&mut self, numbers: &[f64]) -> bool {
        match decode_commands(numbers) {
            Ok(commands) => {
                for command in commands {
                    self.engine.apply(command);
                }
                true
            }
            Err(_) => false,
        }
    }

    /// Trains for at most `budget_ms` (`elapsed_ms` since the last call paces a set speed);
    /// whether it is still playing.
    pub fn train(&mut self, elapsed_ms: f64, budget_ms: f64) -> bool {
        let performance = self.performance.clone();
        let clock = move || performance.as_ref().map_or_else(js_sys::Date::now, Performance::now);
        self.engine.train(elapsed_ms, budget_ms, &clock)
    }

    /// The worker's answer: `[numbers, pixels]`, the encoded snapshot and, when the network
    /// changed, the decision map's RGBA bytes, copied into `spare` (the last map's buffer)
    /// when it has their size.
    pub fn answer(&mut self, spare: Option<Uint8ClampedArray>) -> Array {
        let mut snapshot = self.engine.snapshot();
        let pixels = match self.engine.paint_map() {
            Some((width, height, rgba)) => {
                snapshot.map = Some((width, height));
                let buffer = spare.filter(|b| b.length() as usize == rgba.len()).unwrap_or_else(|| Uint8ClampedArray::new_with_length(rgba.len() as u32));
                buffer.copy_from(rgba);
                JsValue::from(buffer)
            }
            None => JsValue::UNDEFINED,
        };
        let mut encoded = Vec::new();
        encode_reply(&Message::Snapshot(Box::new(snapshot)), &mut encoded);
        Array::of2(&Float64Array::from(encoded.as_slice()), &pixels)
    }
}
