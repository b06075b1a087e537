//! Transfer size: every file of `dist/`, raw and compressed with `gzip -9` (what a static host
//! that compresses would send), and whether the page's first load fetched it.

use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

#[derive(Clone, Debug, Serialize)]
pub struct File {
    pub name: String,
    /// `html`, `js`, `wasm`, `css`, or the file's extension.
    pub kind: String,
    pub raw: u64,
    pub gzip: u64,
    pub fetched: bool,
    /// The text of `index.html` (to tell which files it names); empty for the others.
    #[serde(skip)]
    pub text: String,
}

/// Every file of `dist` (sorted by name); `fetched` holds the request paths of a first load,
/// relative to the site's root (`""` is `index.html`).
pub fn measure(dist: &Path, fetched: &[String]) -> Vec<File> {
    let mut names = Vec::new();
    list(dist, "", &mut names);
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(dist.join(&name)).expect("read a file of dist/");
            let kind = name.rsplit('.').next().unwrap_or("").to_string();
            let was_fetched =
                fetched.iter().any(|f| f == &name || (f.is_empty() && name == "index.html"));
            let text = if name == "index.html" { String::from_utf8_lossy(&bytes).into_owned() } else { String::new() };
            File { raw: bytes.len() as u64, gzip: gzip_size(&bytes), kind, fetched: was_fetched, name, text }
        })
        .collect()
}

/// The files under `dir`, as paths relative to the site's root (`prefix`), folders included
/// (wasm-bindgen's `snippets/`).
fn list(dir: &Path, prefix: &str, names: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("read dist/").flatten() {
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        match entry.file_type() {
            Ok(t) if t.is_dir() => list(&entry.path(), &format!("{name}/"), names),
            Ok(t) if t.is_file() => names.push(name),
            _ => {}
        }
    }
}

/// Whether a file counts in the download target (HTML, JS, wasm, CSS).
pub fn counts_for_target(file: &File) -> bool {
    matches!(file.kind.as_str(), "html" | "js" | "wasm" | "css")
}

/// Size of `bytes` after `gzip -9 -n` (no name, no timestamp in the header).
fn gzip_size(bytes: &[u8]) -> u64 {
    let mut child = Command::new("gzip")
        .args(["-9", "-n", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run gzip");
    let mut stdin = child.stdin.take().expect("gzip's stdin");
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("gzip's output");
    writer.join().expect("feed gzip").expect("write to gzip");
    assert!(output.status.success(), "gzip failed");
    output.stdout.len() as u64
}
