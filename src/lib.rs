//! Backprop Lab: watch a one-hidden-layer softmax network learn, and step through its forward
//! and backward pass. This crate is the web page (Leptos, client-side rendering); the network
//! itself lives in the pure `mlp` crate.

pub mod base64url;
pub mod components;
pub mod crash;
pub mod data;
pub mod i18n;
pub mod idle;
pub mod lab;
pub mod mathml;
pub mod offline;
pub mod palette;
pub mod pins;
pub mod plot;
pub mod presenter;
pub mod settings;
pub mod stepper;
pub mod url;
pub mod url_state;

pub use components::App;

/// Installs the panic hook (a panic names its cause in the console instead of "unreachable",
/// and a banner offers to reload the page: see [`crash`]), mounts the app on `<body>` and, once
/// the page has loaded, registers the service worker that keeps it working offline.
pub fn start() {
    crash::install();
    leptos::mount::mount_to_body(App);
    offline::register_when_loaded();
}

/// The size of the page's wasm memory in bytes, for the long-session test and the benchmarks
/// (`tests/long_session.rs`). A wasm memory only grows, so this is its high-water mark.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    let pages = core::arch::wasm32::memory_size(0);
    #[cfg(not(target_arch = "wasm32"))]
    let pages = 0;
    (pages * 65536) as f64
}
