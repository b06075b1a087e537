//! If the page stops on an error anyway, the student sees it and loses nothing.
//!
//! A panic in WebAssembly stops the module for good (the release build aborts on panic): the
//! page would keep its last picture and answer nothing, and in front of a class nobody could
//! tell. So the panic hook, besides the console message, puts a banner at the top of the page
//! that says the page stopped and offers to reload it. Every setting is in the link (the page
//! writes them into the URL as they change), so the reload brings the state back.
//!
//! The banner is built with plain DOM calls, not through the reactive system, which is dead
//! by then; its Reload button is a link to the page's own address, which needs no script. An
//! error that stops the module without a Rust panic (a WebAssembly trap) reaches the window's
//! `error` event, which shows the same banner.

use crate::i18n::crash::CrashMsg;
use crate::i18n::{t, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use std::sync::atomic::{AtomicBool, Ordering};
use web_sys::{Document, Element};

/// The banner's id (the tests look for it).
pub const BANNER_ID: &str = "crash-banner";

/// Set by the first panic or trap: the page's own loops (the training player) check it and
/// stop, so a dead module is not woken every frame.
static CRASHED: AtomicBool = AtomicBool::new(false);

/// Whether the module has panicked or trapped.
pub fn crashed() -> bool {
    CRASHED.load(Ordering::Relaxed)
}

/// Installs the panic hook and the listener for WebAssembly traps. Call once, first thing.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        CRASHED.store(true, Ordering::Relaxed);
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
    listen_for_traps();
}

/// Shows the banner with `details` (the panic message), once: a second error adds nothing.
/// Never panics itself; if the document cannot be reached, there is nothing to show.
pub fn show(details: &str) {
    CRASHED.store(true, Ordering::Relaxed);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.get_element_by_id(BANNER_ID).is_some() {
        return;
    }
    let _ = build(&document, details);
}

fn build(document: &Document, details: &str) -> Option<()> {
    let lang = page_lang(document);
    let add = |parent: &Element, tag: &str, attrs: &[(&str, &str)], text: Option<&str>| {
        let e = element(document, tag, attrs, text)?;
        parent.append_child(&e).ok()?;
        Some(e)
    };
    let banner = element(document, "div", &[("id", BANNER_ID), ("class", "crash-banner"), ("role", "alert")], None)?;
    add(&banner, "p", &[("class", "crash-message")], Some(t(lang, CrashMsg::Stopped)))?;
    let actions = add(&banner, "p", &[("class", "crash-actions")], None)?;
    // Links, not buttons with handlers: they work without the stopped module. The address
    // carries every setting; the second link drops them, should a setting be the trouble.
    let href = crate::url::current_href();
    let reload = add(&actions, "a", &[("id", "crash-reload"), ("class", "crash-button"), ("href", &href)], Some(t(lang, CrashMsg::Reload)))?;
    let fresh = href.split(['?', '#']).next().unwrap_or_default().to_owned() + "?lang=" + lang.code();
    add(&actions, "a", &[("id", "crash-start-over"), ("href", &fresh)], Some(t(lang, CrashMsg::StartOver)))?;
    let more = add(&banner, "details", &[("class", "crash-details")], None)?;
    add(&more, "summary", &[], Some(t(lang, CrashMsg::Details)))?;
    add(&more, "pre", &[("id", "crash-details")], Some(details))?;
    let body = document.body()?;
    // The rest of the page no longer answers: say so by greying it, and keep focus and
    // clicks off it.
    let children = body.children();
    for i in 0..children.length() {
        if let Some(part) = children.item(i) {
            let _ = part.set_attribute("inert", "");
        }
    }
    body.insert_before(&banner, body.first_child().as_ref()).ok()?;
    if let Some(root) = document.document_element() {
        let _ = root.class_list().add_1("crashed");
    }
    let _ = reload.dyn_ref::<web_sys::HtmlElement>().map(|r| r.focus());
    Some(())
}

/// `<tag attr…>text</tag>`.
fn element(document: &Document, tag: &str, attrs: &[(&str, &str)], text: Option<&str>) -> Option<Element> {
    let e = document.create_element(tag).ok()?;
    for (name, value) in attrs {
        e.set_attribute(name, value).ok()?;
    }
    if let Some(text) = text {
        e.set_text_content(Some(text));
    }
    Some(e)
}

/// The page's language as `<html lang>` says (the app keeps it current), else the link's.
fn page_lang(document: &Document) -> Lang {
    document
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .or_else(|| crate::url::query_param("lang").and_then(|code| Lang::from_code(&code)))
        .unwrap_or_default()
}

/// Shows the banner when the module traps without a Rust panic (an uncaught
/// `WebAssembly.RuntimeError` in an event handler, an animation frame or a promise).
fn listen_for_traps() {
    let Some(window) = web_sys::window() else { return };
    let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(|event: web_sys::ErrorEvent| {
        if is_trap(&event.error()) {
            show(&event.message());
        }
    });
    let on_rejection = Closure::<dyn Fn(web_sys::PromiseRejectionEvent)>::new(|event: web_sys::PromiseRejectionEvent| {
        let reason = event.reason();
        if is_trap(&reason) {
            show(&String::from(js_sys::Object::from(reason).to_string()));
        }
    });
    let _ = window.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("unhandledrejection", on_rejection.as_ref().unchecked_ref());
    // The listeners live as long as the page.
    on_error.forget();
    on_rejection.forget();
}

fn is_trap(error: &JsValue) -> bool {
    error.is_instance_of::<js_sys::WebAssembly::RuntimeError>()
}

/// Panics on purpose, for the end-to-end test of the banner (`tests/crash.rs`), which calls it
/// from the page's script as a broken control would. A user can only reach it from the
/// browser's developer console, where anything can be broken anyway.
#[wasm_bindgen(js_name = panicForTest)]
pub fn panic_for_test() {
    panic!("a panic on purpose, to test the crash banner");
}
