//! The page URL's query string: the state a link carries (for now the language).
//!
//! Reading tolerates anything (a missing or malformed parameter is `None`); writing uses
//! `history.replaceState`, so settings changes do not pile up in the back button.

use web_sys::UrlSearchParams;

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
    }
}

/// The browser's preferred language tag (`navigator.language`), or "" when unknown.
pub fn browser_language() -> String {
    web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default()
}
