//! The page's Content-Security-Policy: nothing from another origin, ever.
//!
//! The policy travels inside the page as a `<meta http-equiv>`, so any static host serves it
//! without configuration. It names no host: `'self'` is whatever origin and folder the page
//! is served from. The one inline script, Trunk's module loader (written by Trunk at build
//! time), is allowed by the SHA-256 hash of its text, which is why this runs after the build.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy, with `'sha256-…'` sources (from [`hash_source`]) for the page's inline scripts.
///
/// - `script-src`: the page's own files, its hashed inline loader, and `'wasm-unsafe-eval'`,
///   which is what compiling the WebAssembly module needs (no JavaScript `eval`).
/// - `style-src 'self'`: the page's own style sheets; no `<style>` element and no `style="…"`
///   attribute. The page sets its computed styles (the matrix cells' tint, a chart's aspect
///   ratio) through the CSS object model (Leptos `style:property=`), which the policy allows.
/// - `img-src data: blob:`: the PNG exports and downloads are `data:`/`blob:` URLs.
/// - `worker-src 'self'`: the service worker (`sw.js`, beside the page).
/// - `object-src 'none'`, `base-uri 'self'`, `form-action 'self'`: no plugins, no `<base>`
///   pointing elsewhere, no form posting elsewhere.
pub fn policy(script_hashes: &[String]) -> String {
    let mut script_src = vec!["'self'".to_string(), "'wasm-unsafe-eval'".to_string()];
    script_src.extend(script_hashes.iter().cloned());
    [
        "default-src 'self'".to_string(),
        format!("script-src {}", script_src.join(" ")),
        "connect-src 'self'".to_string(),
        "img-src 'self' data: blob:".to_string(),
        "style-src 'self'".to_string(),
        "worker-src 'self'".to_string(),
        "object-src 'none'".to_string(),
        "base-uri 'self'".to_string(),
        "form-action 'self'".to_string(),
    ]
    .join("; ")
}

/// The CSP source that allows an inline script with this text: `'sha256-<base64>'`.
/// The hash is of the text as the browser sees it: the HTML parser has already turned every
/// CR LF and lone CR into LF.
pub fn hash_source(script_text: &str) -> String {
    let text = script_text.replace("\r\n", "\n").replace('\r', "\n");
    let digest = Sha256::digest(text.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// The `<meta>` element that carries `policy`. The policy holds no `"`, `<` or `&` (it is
/// made of keywords, quotes and base64), so it needs no escaping inside a quoted attribute.
pub fn meta(policy: &str) -> String {
    format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_of_a_known_text() {
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(hash_source("alert(1)"), "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
        assert_eq!(hash_source("a\r\nb\rc"), hash_source("a\nb\nc"));
    }

    #[test]
    fn the_policy_names_no_other_origin() {
        let policy = policy(&[hash_source("x")]);
        assert!(policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
        for word in policy.split([' ', ';']).filter(|w| !w.is_empty()) {
            let allowed = word.starts_with('\'') && word.ends_with('\'')
                || word.ends_with("-src")
                || word.ends_with("-attr")
                || ["data:", "blob:", "base-uri", "form-action"].contains(&word);
            assert!(allowed, "{word} in {policy}");
        }
        assert_eq!(meta("default-src 'self'"), "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">");
    }
}
