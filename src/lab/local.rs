//! The engine on the page's own thread, for a browser that cannot start the worker: the
//! worker's own module (`crates/worker`, its [`PageEngine`]) imported into the page, so that
//! the page's module carries no trainer and no decision map of its own. It speaks the worker's
//! messages: encoded commands in, `[numbers, pixels]` answers out.
//!
//! The module is imported from [`MODULE`], next to the page; it loads its wasm from beside
//! itself. A trap inside it (a bug) comes back as an error, never as a dead page.

use engine::protocol::{decode_reply, encode_commands, Message};
use engine::{Command, Snapshot};
use js_sys::{Array, Float64Array, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's JS module, relative to the page.
pub const MODULE: &str = "./backprop-lab-worker.js";

#[wasm_bindgen(inline_js = "export function load_page_engine(url) {
  return import(url).then(async (module) => { await module.default(); return new module.PageEngine(); });
}")]
extern "C" {
    /// Imports the worker's module at `url`, starts it, and makes its engine.
    #[wasm_bindgen(catch)]
    fn load_page_engine(url: &str) -> Result<js_sys::Promise, JsValue>;

    /// The worker module's `PageEngine`.
    pub type PageEngine;

    #[wasm_bindgen(method, catch)]
    fn apply(this: &PageEngine, numbers: &[f64]) -> Result<bool, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn train(this: &PageEngine, elapsed_ms: f64, budget_ms: f64) -> Result<bool, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn answer(this: &PageEngine, spare: Option<Uint8ClampedArray>) -> Result<Array, JsValue>;
}

/// The engine on the page, ready.
pub struct Local {
    engine: PageEngine,
    /// The last map's buffer, for the next map.
    pub spare: Option<Uint8ClampedArray>,
}

impl Local {
    /// Imports the worker's module and makes its engine; the error says why it could not.
    pub async fn load() -> Result<Local, String> {
        let url = web_sys::Url::new_with_base(MODULE, &page_url()).map_err(|e| describe(&e))?.href();
        let promise = load_page_engine(&url).map_err(|e| describe(&e))?;
        let engine = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|e| describe(&e))?;
        Ok(Local { engine: engine.unchecked_into(), spare: None })
    }

    /// Applies `commands`.
    pub fn apply(&self, commands: &[Command]) -> Result<(), String> {
        let mut encoded = Vec::new();
        encode_commands(commands, &mut encoded);
        match self.engine.apply(&encoded) {
            Ok(true) => Ok(()),
            Ok(false) => Err("the engine could not read the page's commands".into()),
            Err(e) => Err(describe(&e)),
        }
    }

    /// Trains for at most `budget_ms`; whether it is still playing.
    pub fn train(&self, elapsed_ms: f64, budget_ms: f64) -> Result<bool, String> {
        self.engine.train(elapsed_ms, budget_ms).map_err(|e| describe(&e))
    }

    /// The engine's snapshot, with the decision map's pixels when the network changed.
    pub fn answer(&mut self) -> Result<(Snapshot, Option<Uint8ClampedArray>), String> {
        let parts = self.engine.answer(self.spare.take()).map_err(|e| describe(&e))?;
        let numbers = parts.get(0).dyn_into::<Float64Array>().map_err(|_| "an answer without numbers".to_string())?;
        let pixels = parts.get(1).dyn_into::<Uint8ClampedArray>().ok();
        match decode_reply(&numbers.to_vec()) {
            Ok(Message::Snapshot(snapshot)) => Ok((*snapshot, pixels)),
            Ok(_) => Err("the engine answered with something else than a snapshot".into()),
            Err(error) => Err(error.to_string()),
        }
    }
}

/// The page's address (the base for the module's).
pub fn page_url() -> String {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default()
}

/// A JS error, in words.
pub fn describe(error: &JsValue) -> String {
    error.as_string().or_else(|| js_sys::Error::try_from(error.clone()).ok().map(|e| String::from(e.message()))).unwrap_or_else(|| format!("{error:?}"))
}
