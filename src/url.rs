//! The page URL's query string: the state a link carries (settings, language, step, mistakes,
//! a case, clicked points).
//!
//! Reading tolerates anything (a missing or malformed parameter is `None`); writing uses
//! `history.replaceState`, so settings changes do not pile up in the back button.

use leptos::prelude::{ArcTrigger, Notify, Track};
use web_sys::UrlSearchParams;

thread_local! {
    /// Notified after each change of the address bar, for the boxes that show the link.
    static CHANGED: ArcTrigger = ArcTrigger::new();
}

/// Makes the calling reactive computation run again after each change of the page's URL
/// (the page changes it with `history.replaceState`, which fires no event).
pub fn track_changes() {
    CHANGED.with(|changed| changed.track());
}

/// The value of query parameter `name` in the current page URL.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Sets query parameter `name` to `value` in the address bar, keeping the other parameters.
pub fn set_query_param(name: &str, value: &str) {
    edit_query(|params| params.set(name, value));
}

/// Removes query parameter `name` from the address bar, keeping the other parameters.
pub fn remove_query_param(name: &str) {
    edit_query(|params| params.delete(name));
}

/// Applies `edit` to the address bar's query parameters with `history.replaceState`.
fn edit_query(edit: impl FnOnce(&UrlSearchParams)) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let (Ok(search), Ok(path)) = (location.search(), location.pathname()) else { return };
    let Ok(params) = UrlSearchParams::new_with_str(&search) else { return };
    edit(&params);
    let query = String::from(params.to_string());
    let hash = location.hash().unwrap_or_default();
    let url = if query.is_empty() { format!("{path}{hash}") } else { format!("{path}?{query}{hash}") };
    if url == format!("{path}{search}{hash}") {
        return;
    }
    if let Ok(history) = window.history() {
        // A refused replaceState (e.g. a sandboxed frame) only loses the link, not the page.
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        CHANGED.with(|changed| changed.notify());
    }
}

/// The page's address as it is now (with every parameter), or "" if unknown.
pub fn current_href() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// The browser's preferred language tag (`navigator.language`), or "" when unknown.
pub fn browser_language() -> String {
    web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default()
}

/// Every (name, value) pair of the current page URL's query, in order and decoded as the
/// browser decodes them (`+` is a space, `%2C` a comma); empty when there is no query.
pub fn query_pairs() -> Vec<(String, String)> {
    use wasm_bindgen::JsCast;
    use web_sys::js_sys::Array;
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else { return Vec::new() };
    let Ok(params) = UrlSearchParams::new_with_str(&search) else { return Vec::new() };
    // Each entry is a [name, value] array of two strings.
    let pair = |entry: wasm_bindgen::JsValue| {
        let entry = entry.dyn_into::<Array>().ok()?;
        Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
    };
    params.entries().into_iter().filter_map(|entry| entry.ok().and_then(pair)).collect()
}

/// Sets each `(name, value)` in the address bar with one `history.replaceState`, keeping the
/// other parameters.
pub fn set_query_params(pairs: &[(&str, String)]) {
    edit_query(|params| {
        for (name, value) in pairs {
            params.set(name, value);
        }
    });
}
