//! What the panel asks of the browser: the clipboard, a download, and links to this page.
//! Each call reports failure instead of panicking: a refused clipboard or download only costs
//! the student a manual copy.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, HtmlTextAreaElement, Url};

#[wasm_bindgen]
extern "C" {
    /// The page's document, seen through `execCommand` only (web-sys puts that method on
    /// `HtmlDocument`, a feature this crate does not enable).
    type CommandDocument;

    /// `document.execCommand(command)`: the copy fallback where the asynchronous Clipboard API
    /// is missing or refused.
    #[wasm_bindgen(method, js_name = execCommand, catch)]
    fn exec_command(this: &CommandDocument, command: &str) -> Result<bool, JsValue>;
}

/// A callback for the clipboard's promise.
pub type PromiseCallback = Closure<dyn FnMut(JsValue)>;

/// Starts copying `text` with `navigator.clipboard.writeText`; `copied` or `refused` runs when
/// the browser answers. Returns `false` when there is no Clipboard API (an insecure page).
pub fn write_clipboard(text: &str, copied: &PromiseCallback, refused: &PromiseCallback) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let clipboard = window.navigator().clipboard();
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let _ = clipboard.write_text(text).then2(copied, refused);
    true
}

/// The old way: puts `text` in the text field `id`, selects it and copies the selection.
pub fn copy_through_field(id: &str, text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Some(field) = document.get_element_by_id(id) else { return false };
    if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(text);
        area.select();
    } else if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
        input.set_value(text);
        input.select();
    } else {
        return false;
    }
    document.unchecked_ref::<CommandDocument>().exec_command("copy").unwrap_or(false)
}

/// Saves `text` as the file `name` (JSON): see [`download_text`].
pub fn download_json(text: &str, name: &str) -> Result<(), JsValue> {
    download_text(text, name, "application/json")
}

/// Saves `text` as the file `name` of type `mime`: a Blob behind an object URL, clicked through
/// a temporary `<a download>`; the URL is revoked once the download has started.
pub fn download_text(text: &str, name: &str, mime: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or(JsValue::NULL)?;
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    // One string part: a JS array of strings is what the Blob constructor takes.
    let parts = JsValue::from(vec![text.to_string()]);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into().map_err(JsValue::from)?;
    anchor.set_href(&url);
    anchor.set_download(name);
    let body = document.body().ok_or(JsValue::NULL)?;
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    // Revoking at once can cancel the download in some browsers; a second later it has begun.
    leptos::prelude::set_timeout(move || drop(Url::revoke_object_url(&url)), std::time::Duration::from_secs(1));
    Ok(())
}

/// This page's address with `case` set to `param` and `lang` to `lang`, the other parameters
/// (step, mistakes, …) kept.
pub fn page_link(param: &str, lang: &str) -> Option<String> {
    page_link_with("case", param, "homework", lang)
}

/// This page's address with the parameter `name` set to `param`, `lang` to `lang` and `drop`
/// removed (a link holds a case or a homework, not both); the other parameters kept.
pub fn page_link_with(name: &str, param: &str, drop: &str, lang: &str) -> Option<String> {
    let url = Url::new(&crate::url::current_href()).ok()?;
    let query = url.search_params();
    query.set(name, param);
    query.delete(drop);
    query.set("lang", lang);
    // The URL's search parameters are live: setting them rewrites the URL.
    Some(url.href())
}
