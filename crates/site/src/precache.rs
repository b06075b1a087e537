//! The service worker's build data: the list of files it precaches and the version that names
//! its cache. `assets/sw.js` holds one line `const BUILD = {…};`, which is replaced here with
//! this build's data.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The start of the line of `sw.js` that receives the build data.
pub const BUILD_LINE: &str = "const BUILD = ";

/// The name of the service worker's script, beside the page.
pub const WORKER: &str = "sw.js";

/// The site's files under `root`, as sorted `/`-separated paths relative to it, directories
/// walked (wasm-bindgen puts inline JS snippets under `snippets/`).
pub fn files(root: &Path) -> std::io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut pending: Vec<PathBuf> = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(root) {
                let parts: Vec<_> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The version: the first 16 hex digits of a SHA-256 over every file's path and content (in
/// path order), so any change to any file, the worker's own code included, gives a new cache.
pub fn version(entries: &[(String, Vec<u8>)]) -> String {
    let mut hasher = Sha256::new();
    for (path, content) in entries {
        hasher.update((path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        hasher.update((content.len() as u64).to_le_bytes());
        hasher.update(content);
    }
    hasher.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The URL of `path` relative to the page's folder: `./` + the path, with every byte outside
/// the unreserved set (and `/`) percent-encoded.
pub fn relative_url(path: &str) -> String {
    let mut url = String::from("./");
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// `sw.js` with its build line replaced by `version` and `urls` (a JSON object). `None` when
/// the script has no such line, or more than one.
pub fn fill_worker(script: &str, version: &str, urls: &[String]) -> Option<String> {
    let mut lines = script.split_inclusive('\n');
    let matching = script.split_inclusive('\n').filter(|line| line.starts_with(BUILD_LINE)).count();
    if matching != 1 {
        return None;
    }
    let list: Vec<String> = urls.iter().map(|u| json_string(u)).collect();
    let build = format!("{BUILD_LINE}{{\"version\":{},\"files\":[{}]}};", json_string(version), list.join(","));
    let mut out = String::with_capacity(script.len() + build.len());
    for line in lines.by_ref() {
        if line.starts_with(BUILD_LINE) {
            out.push_str(&build);
            out.push_str(if line.ends_with("\r\n") { "\r\n" } else if line.ends_with('\n') { "\n" } else { "" });
        } else {
            out.push_str(line);
        }
    }
    Some(out)
}

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_line_is_replaced_and_nothing_else() {
        let script = "// header\nconst BUILD = {\"version\":\"unbuilt\",\"files\":[]};\nconst X = 1;\n";
        let filled = fill_worker(script, "0123", &["./a.js".into(), "./b c.css".into()]).unwrap();
        assert_eq!(filled, "// header\nconst BUILD = {\"version\":\"0123\",\"files\":[\"./a.js\",\"./b c.css\"]};\nconst X = 1;\n");
        assert_eq!(fill_worker("const X = 1;\n", "v", &[]), None);
        assert_eq!(fill_worker("const BUILD = 1;\nconst BUILD = 2;\n", "v", &[]), None);
    }

    #[test]
    fn urls_are_relative_and_encoded() {
        assert_eq!(relative_url("main-88e1.css"), "./main-88e1.css");
        assert_eq!(relative_url("snippets/a b/inline0.js"), "./snippets/a%20b/inline0.js");
        assert_eq!(relative_url("é\"?#"), "./%C3%A9%22%3F%23");
    }

    #[test]
    fn the_version_follows_every_byte_and_every_name() {
        let a = vec![("a".to_string(), b"1".to_vec()), ("b".to_string(), b"2".to_vec())];
        let renamed = vec![("a".to_string(), b"1".to_vec()), ("c".to_string(), b"2".to_vec())];
        let edited = vec![("a".to_string(), b"1".to_vec()), ("b".to_string(), b"3".to_vec())];
        let moved = vec![("a".to_string(), b"12".to_vec()), ("b".to_string(), b"".to_vec())];
        assert_eq!(version(&a).len(), 16);
        assert_eq!(version(&a), version(&a.clone()));
        for other in [renamed, edited, moved] {
            assert_ne!(version(&a), version(&other));
        }
    }
}
