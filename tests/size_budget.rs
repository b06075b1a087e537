//! The first download stays within its budget (`tools/size-budget.env`): index.html and every
//! file it names, each as `gzip -9 -n` compresses it, summed. Prints the files and their sizes.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The budget in bytes, read from its one file.
fn budget() -> u64 {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/size-budget.env");
    let text = std::fs::read_to_string(&file).expect("tools/size-budget.env");
    text.lines()
        .find_map(|line| line.trim().strip_prefix("FIRST_LOAD_GZIP_BYTES="))
        .and_then(|v| v.trim().parse().ok())
        .expect("FIRST_LOAD_GZIP_BYTES=<bytes> in tools/size-budget.env")
}

/// The size of `bytes` after `gzip -9 -n`.
fn gzip_size(bytes: &[u8]) -> u64 {
    let mut child = Command::new("gzip").args(["-9", "-n", "-c"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("gzip");
    let mut stdin = child.stdin.take().expect("gzip's stdin");
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("gzip's output");
    writer.join().expect("feed gzip").expect("write to gzip");
    output.stdout.len() as u64
}

/// The local files index.html names: `href=…` and `from '…'` / `'./…'` targets, in order, once
/// each, in folders too (wasm-bindgen's `snippets/`, which the page's JS imports at once).
fn named_files(html: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (start, _) in html.match_indices("./") {
        let rest = &html[start + 2..];
        let end = rest.find(|c: char| c == '\'' || c == '"' || c == '>' || c.is_whitespace()).unwrap_or(rest.len());
        let name = &rest[..end];
        if !name.is_empty() && name.contains('.') && !name.contains("..") && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

#[test]
fn the_first_load_stays_within_its_budget() {
    let dist = support::dist_dir();
    let html = std::fs::read_to_string(dist.join("index.html")).expect("dist/index.html: build first");
    let names = named_files(&html);
    assert!(names.iter().any(|n| n.ends_with("_bg.wasm")), "index.html names the wasm: {names:?}");
    assert!(names.iter().any(|n| n.ends_with(".css")), "and the style sheets: {names:?}");
    let mut total = gzip_size(html.as_bytes());
    println!("{:<48} {:>9} {:>9}", "file", "bytes", "gzip");
    println!("{:<48} {:>9} {:>9}", "index.html", html.len(), total);
    for name in &names {
        let bytes = std::fs::read(dist.join(name)).unwrap_or_else(|e| panic!("{name}, named by index.html: {e}"));
        let gzip = gzip_size(&bytes);
        println!("{name:<48} {:>9} {gzip:>9}", bytes.len());
        total += gzip;
    }
    // The digits ship in dist/ for the page to fetch when they are chosen, not in the first load.
    assert!(dist.join("digits.bin").is_file(), "dist/digits.bin");
    assert!(!names.iter().any(|n| n.contains("digits")), "the first load carries no data set: {names:?}");
    let budget = budget();
    println!("first load: {total} bytes gzip ({:.1} KB), budget {budget} ({:.1} KB)", total as f64 / 1000.0, budget as f64 / 1000.0);
    assert!(total <= budget, "the first load is {total} bytes gzip, over its budget of {budget} (tools/size-budget.env)");
}

#[test]
fn the_file_list_is_what_the_html_names() {
    let html = "<link href=./a-1.css rel=stylesheet><script type=module>import init from './b-2.js';\
                init({ module_or_path: './b-2_bg.wasm' });</script><link href=./b-2.js rel=modulepreload>\
                <link href=./snippets/b-3/inline0.js rel=modulepreload><link href=\"./c.svg\" rel=icon>";
    assert_eq!(named_files(html), vec!["a-1.css", "b-2.js", "b-2_bg.wasm", "snippets/b-3/inline0.js", "c.svg"]);
}
