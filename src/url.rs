//! The page URL's query string: the state a link carries (settings, language, step, mistakes,
//! a case, clicked points).
//!
//! Reading tolerates anything (a missing or malformed parameter is `None`); writing uses
//! `history.replaceState`, so settings changes do not pile up in the back button.
//!
//! Writes are gathered and made once the page is idle (after the frame that shows a change is
//! painted; within 200 ms even on a busy page; in the next animation frame where the browser
//! has no `requestIdleCallback`): `replaceState` takes 2 to 8 ms in Chromium, which neither a
//! keystroke's answer nor its frame should wait for (it was a fifth of a λ change's work), and a
//! burst of changes makes one write. Every read through this module ([`query_param`],
//! [`current_href`], [`query_pairs`]) makes the pending write first, so the page never reads an
//! address older than its state (the crash banner's reload link, "Copy link" and the link
//! boxes included).

use leptos::prelude::{ArcTrigger, Notify, Track};
use std::cell::RefCell;
use web_sys::UrlSearchParams;

/// A change of one query parameter waiting for the next write.
enum Edit {
    Set(String, String),
    Remove(String),
}

impl Edit {
    fn name(&self) -> &str {
        match self {
            Edit::Set(name, _) | Edit::Remove(name) => name,
        }
    }
}

thread_local! {
    /// Notified after each change of the address bar, for the boxes that show the link.
    static CHANGED: ArcTrigger = ArcTrigger::new();
    /// The changes not written yet, at most one per parameter (the latest), in order.
    static PENDING: RefCell<Vec<Edit>> = const { RefCell::new(Vec::new()) };
}

/// The longest a change waits for an idle moment before it is written.
const IDLE_TIMEOUT_MS: u32 = 200;

/// Makes the calling reactive computation run again after each change of the page's URL
/// (the page changes it with `history.replaceState`, which fires no event).
pub fn track_changes() {
    CHANGED.with(|changed| changed.track());
}

/// The value of query parameter `name` in the current page URL.
pub fn query_param(name: &str) -> Option<String> {
    flush();
    let search = web_sys::window()?.location().search().ok()?;
    UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Sets query parameter `name` to `value` in the address bar, keeping the other parameters.
pub fn set_query_param(name: &str, value: &str) {
    queue(Edit::Set(name.to_owned(), value.to_owned()));
}

/// Removes query parameter `name` from the address bar, keeping the other parameters.
pub fn remove_query_param(name: &str) {
    queue(Edit::Remove(name.to_owned()));
}

/// Sets each `(name, value)` in the address bar, keeping the other parameters.
pub fn set_query_params(pairs: &[(&str, String)]) {
    for (name, value) in pairs {
        set_query_param(name, value);
    }
}

/// Adds `edit` to the pending write (replacing an earlier change of the same parameter), and
/// asks for the write when the page is idle if none is asked for yet.
fn queue(edit: Edit) {
    let first = PENDING.with(|pending| {
        let Ok(mut pending) = pending.try_borrow_mut() else { return false };
        let first = pending.is_empty();
        pending.retain(|e| e.name() != edit.name());
        pending.push(edit);
        first
    });
    if first {
        crate::idle::when_idle(IDLE_TIMEOUT_MS, flush);
    }
}

/// Writes the pending changes into the address bar now (one `replaceState`), if there are any.
pub fn flush() {
    let edits = PENDING.with(|pending| pending.try_borrow_mut().map(|mut p| std::mem::take(&mut *p)).unwrap_or_default());
    if edits.is_empty() {
        return;
    }
    edit_query(|params| {
        for edit in &edits {
            match edit {
                Edit::Set(name, value) => params.set(name, value),
                Edit::Remove(name) => params.delete(name),
            }
        }
    });
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
        // The crash banner asks for the address from the panic hook: a dead page's reactive
        // code is not woken (it may hold the locks the panic left).
        if !crate::crash::crashed() {
            CHANGED.with(|changed| changed.notify());
        }
    }
}

/// The page's address as it is now (with every parameter), or "" if unknown.
pub fn current_href() -> String {
    flush();
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
    flush();
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else { return Vec::new() };
    let Ok(params) = UrlSearchParams::new_with_str(&search) else { return Vec::new() };
    // Each entry is a [name, value] array of two strings.
    let pair = |entry: wasm_bindgen::JsValue| {
        let entry = entry.dyn_into::<Array>().ok()?;
        Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
    };
    params.entries().into_iter().filter_map(|entry| entry.ok().and_then(pair)).collect()
}
