//! Milliseconds from a monotonic clock: `std::time::Instant` natively, `performance.now()` in
//! the browser (the clock the page's own frame budget uses). Chromium rounds
//! `performance.now()` to 0.1 ms on a page that is not cross-origin isolated, so every figure
//! measured with it covers at least a few milliseconds (see [`crate::map`]).

/// Milliseconds since an arbitrary origin fixed for the process (or page).
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// Milliseconds since the page loaded (`performance.now()`).
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).expect("performance.now() in a page")
}
