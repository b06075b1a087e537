//! Offline after the first visit: registers the service worker `sw.js`, which the build puts
//! beside the page (`assets/sw.js`, filled in by `crates/site`), once the page has loaded.
//!
//! The script's URL is relative (`./sw.js`), so the worker's scope is the folder the page is
//! served from, whatever that folder is: each published folder (a pinned version too) gets its
//! own worker and caches. Where there are no service workers (a plain-http page that is not
//! localhost, an old browser) or the registration is refused, the page works as before,
//! online only; the console says why, and nothing else happens.

use crate::i18n::offline::OfflineMsg;
use crate::i18n::{t, Lang};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::js_sys::Promise;

/// The worker's script, relative to the page.
pub const WORKER_URL: &str = "./sw.js";

#[wasm_bindgen]
extern "C" {
    /// `navigator.serviceWorker` (web-sys has it behind a feature this crate does not enable;
    /// registering is all the page needs).
    type ServiceWorkerContainer;

    /// `navigator`, seen through its `serviceWorker` property only.
    type NavigatorWorkers;

    /// `navigator.serviceWorker`: missing where the browser has no service workers or the page
    /// is not a secure context.
    #[wasm_bindgen(method, getter, js_name = serviceWorker)]
    fn service_worker(this: &NavigatorWorkers) -> Option<ServiceWorkerContainer>;

    /// `register(url)`: a promise of the registration. Throws where registering is forbidden.
    #[wasm_bindgen(method, catch)]
    fn register(this: &ServiceWorkerContainer, url: &str) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_namespace = console, js_name = info)]
    fn console_info(message: &str);

    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    fn console_warn(message: &str, error: &JsValue);
}

/// Registers the service worker once the page has loaded (so that its install, which
/// downloads every file of the site once more into its cache, does not compete with the first
/// render), or now if it has loaded already.
pub fn register_when_loaded() {
    let Some(window) = web_sys::window() else { return };
    let loaded = window.document().is_some_and(|d| d.ready_state() == "complete");
    if loaded {
        register_worker();
        return;
    }
    let on_load = Closure::once_into_js(register_worker);
    if window.add_event_listener_with_callback("load", on_load.unchecked_ref()).is_err() {
        register_worker();
    }
}

/// Registers `./sw.js`; a refusal is logged, never raised.
fn register_worker() {
    let Some(window) = web_sys::window() else { return };
    let Some(container) = window.navigator().unchecked_into::<NavigatorWorkers>().service_worker() else {
        console_info(t(page_lang(), OfflineMsg::Unsupported));
        return;
    };
    let refused = |error: JsValue| console_warn(t(page_lang(), OfflineMsg::RegistrationFailed), &error);
    match container.register(WORKER_URL) {
        Ok(promise) => {
            let on_error = Closure::once(refused);
            let _ = promise.catch(&on_error);
            // The promise settles once; the callback lives until then (a few bytes, once).
            on_error.forget();
        }
        Err(error) => refused(error),
    }
}

/// The page's language, from `<html lang>` (which the app keeps up to date).
fn page_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|root| Lang::from_code(&root.get_attribute("lang").unwrap_or_default()))
        .unwrap_or_default()
}
