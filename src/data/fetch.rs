//! Fetching a data file that ships beside the page (`dist/`): asked for only when its data set
//! is chosen, so the first load does not carry it; the service worker precaches it, so it also
//! opens offline.

use super::LoadError;
use mlp::dataset::digits;
use mlp::Table;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The digits, fetched from their file beside the page (a relative URL: the site works from
/// any sub-path) and read.
pub async fn fetch_digits() -> Result<Table, LoadError> {
    let bytes = fetch_bytes(digits::FILE).await?;
    digits::parse(&bytes).map_err(LoadError::Damaged)
}

/// The bytes at `url`, relative to the page.
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let window = web_sys::window().ok_or(LoadError::Fetch(None))?;
    let answer = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| LoadError::Fetch(None))?;
    let response: web_sys::Response = answer.dyn_into().map_err(|_| LoadError::Fetch(None))?;
    if !response.ok() {
        return Err(LoadError::Fetch(Some(response.status())));
    }
    let buffer = response.array_buffer().map_err(|_| LoadError::Fetch(None))?;
    let buffer = JsFuture::from(buffer).await.map_err(|_| LoadError::Fetch(None))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
