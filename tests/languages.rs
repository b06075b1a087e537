//! Both languages are complete: the page is walked through the same states in English and in
//! French (first page, dialogs, training, both passes of the stepper, the check, a mistake,
//! error messages of fields, pastes and links, a divergence), and every text it shows —
//! text, accessible names, titles, the document title — is collected. A text that reads the
//! same in both languages is a string that skipped the translation module; an English word
//! in the French page (or a French one in the English page) is half a translation. Code,
//! formulas and keys are the course's notation and are left out. And the French page writes
//! every number with a decimal comma (formulas and the diagram included; code and exports keep
//! the machine's point).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use support::server::Server;
use support::webdriver::{Browser, ESCAPE};
use support::{coloured_pixels, dist_dir};

/// Texts allowed to read the same in both languages: names, the course's words and notation.
const SAME_IN_BOTH: &[&str] = &[
    "Backprop Lab", "XOR", "Pause", "Classes m", "validation", "test", "Action", "Page", "LaTeX", "Markdown",
    // the update rules' names: French courses say "momentum" and "Adam" too
    "Adam", "momentum",
];

/// The course's function names: a text whose only words are these is notation.
const NOTATION: &[&str] = &["onehot", "softmax", "rect", "relu", "sin", "numpy", "log", "exp", "max"];

fn notation_only(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 3).all(|w| NOTATION.contains(&w.to_lowercase().as_str()))
}

/// A file name (`backprop-run.json`): the same in every language.
fn file_name(text: &str) -> bool {
    let Some((stem, ext)) = text.rsplit_once('.') else { return false };
    ["png", "json", "tex", "md"].contains(&ext) && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// English words that have no business in the French page.
const ENGLISH: &[&str] = &[
    "the", "and", "with", "of", "is", "are", "this", "that", "from", "which", "when", "training", "weights",
    "hidden", "click", "step", "copy", "load", "show", "press", "lower", "check",
];
/// French words that have no business in the English page.
const FRENCH: &[&str] = &[
    "le", "la", "les", "des", "du", "une", "avec", "est", "pour", "dans", "sur", "et", "aux", "sont", "cette", "pas",
    "entraînement", "poids", "étape", "cliquez",
];

/// Every text of the page as a person or a screen reader meets it, outside code and formulas.
const COLLECT: &str = r#"
const out = new Set();
const add = s => { s = (s || '').replace(/\s+/g, ' ').trim(); if (s) out.add(s); };
const notation = 'script, style, textarea, pre, code, kbd, math, svg text, [data-notation]';
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (parent && !parent.closest(notation)) add(node.textContent);
}
for (const e of document.querySelectorAll('p, li, label, button, h1, h2, h3, h4, legend, option, small, figcaption, caption, summary, th, dt, dd')) {
    if (!e.closest(notation) && !e.querySelector(notation)) add(e.textContent);
}
for (const e of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) add(e.getAttribute(a));
}
add(document.title);
// Numbers written with a decimal point, formulas and the diagram included (code, numpy lines
// and the exports stay in the machine's notation): marked, for the French page's check.
const machine = 'script, style, textarea, pre, code, kbd, [data-notation]';
const decimal = /\d\.\d/;
const numbers = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (numbers.nextNode()) {
    const node = numbers.currentNode, parent = node.parentElement;
    if (parent && !parent.closest(machine) && decimal.test(node.textContent)) out.add(DECIMAL + node.textContent.trim());
}
for (const e of document.querySelectorAll('[title]')) {
    if (!e.closest(machine) && decimal.test(e.getAttribute('title'))) out.add(DECIMAL + e.getAttribute('title'));
}
return [...out];
"#;

/// The mark of a collected text that writes a number with a decimal point.
const DECIMAL: &str = "⟨decimal point⟩ ";

/// The page's texts now.
fn texts(b: &Browser) -> BTreeSet<String> {
    let v = b.exec(&format!("const DECIMAL = {DECIMAL:?};\n{COLLECT}"), vec![]);
    serde_json::from_value::<Vec<String>>(v).unwrap_or_default().into_iter().collect()
}

fn load(b: &Browser, server: &Server, query: &str) {
    b.goto(&server.page(query));
    b.wait_for(20, "the data plot to be drawn", |b| (coloured_pixels(b) > 500).then_some(()));
}

fn attr(b: &Browser, id: &str, name: &str) -> String {
    let script = "const e = document.getElementById(arguments[0]); return e ? (e.getAttribute(arguments[1]) || '') : ''";
    b.exec(script, vec![Value::from(id), Value::from(name)]).as_str().unwrap_or("").to_string()
}

fn dialog_open(b: &Browser, id: &str) -> bool {
    b.exec("const d = document.getElementById(arguments[0]); return !!d && d.open", vec![Value::from(id)]) == true
}

/// Walks the page through every state in `lang` and returns the texts seen in each.
fn walk(lang: &str) -> BTreeMap<&'static str, BTreeSet<String>> {
    let server = Server::start(dist_dir());
    let b = Browser::start();
    let mut seen = BTreeMap::new();
    let base = format!("lang={lang}&k=10");

    load(&b, &server, &base);
    b.wait_for(10, "the check's verdict", |b| (!attr(b, "check-verdict", "data-pass").is_empty()).then_some(()));
    seen.insert("first page", texts(&b));

    b.exec("document.activeElement && document.activeElement.blur()", vec![]);
    b.press_key("?");
    b.wait_for(5, "the help", |b| dialog_open(b, "shortcuts-dialog").then_some(()));
    seen.insert("shortcut help", texts(&b));
    b.press_key(ESCAPE);
    b.click(&b.find("#focused-view-open"));
    b.wait_for(5, "the focused view", |b| dialog_open(b, "focused-view-dialog").then_some(()));
    seen.insert("focused view", texts(&b));
    b.press_key(ESCAPE);
    b.wait_for(5, "the dialog to close", |b| (!dialog_open(b, "focused-view-dialog")).then_some(()));

    b.click(&b.find("#step-epoch"));
    b.click(&b.find("#step-epoch"));
    b.wait_for(10, "two epochs", |b| (attr(b, "training-status", "data-epoch") == "2").then_some(()));
    b.click(&b.find("#copy-run-link"));
    seen.insert("after training", texts(&b));

    b.click(&b.find("#whole-forward"));
    seen.insert("forward pass", texts(&b));
    b.click(&b.find("#whole-backward"));
    seen.insert("backward pass", texts(&b));

    b.click(&b.find("#mistake-outer"));
    b.wait_for(10, "the check to fail", |b| (attr(b, "check-verdict", "data-pass") == "false").then_some(()));
    seen.insert("a mistake on", texts(&b));
    b.click(&b.find("#mistake-outer"));

    let paste = "const t = document.getElementById('case-input'); t.value = arguments[0];
        t.dispatchEvent(new Event('input', { bubbles: true }));";
    b.exec(paste, vec![Value::from(r#"{"d": 2,"#)]);
    b.click(&b.find("#load-case"));
    b.wait_for(5, "the paste's error", |b| (!b.text("#case-error").is_empty()).then_some(()));
    b.type_into(&b.find("#field-n"), "abc");
    b.type_into(&b.find("#field-d_h"), "0");
    b.type_into(&b.find("#typed-x"), "1, oops");
    b.click(&b.find("#use-typed"));
    seen.insert("error messages", texts(&b));

    // Check my answers: a value explained by a mistake, one no mistake explains, a shape that
    // does not fit, right ones; a card's box with a value and with garbage.
    b.exec(&paste.replace("case-input", "homework-input"), vec![Value::from(homework())]);
    b.click(&b.find("#check-homework"));
    b.wait_for(20, "the diagnosis", |b| b.try_text("#homework-summary").filter(|s| !s.is_empty()).map(|_| ()));
    b.click(&b.find("#your-value-g"));
    b.exec(&paste.replace("case-input", "your-input-g"), vec![Value::from("array([0.5, -0.5])")]);
    b.click(&b.find("#your-check-g"));
    b.wait_for(10, "the card's verdict", |b| (!b.text("#your-result-g").is_empty()).then_some(()));
    seen.insert("a diagnosis", texts(&b));
    b.exec(&paste.replace("case-input", "your-input-g"), vec![Value::from("1 @ 2")]);
    b.click(&b.find("#your-check-g"));
    b.wait_for(10, "the card's error", |b| b.text("#your-result-g").contains('@').then_some(()));
    b.exec(&paste.replace("case-input", "homework-input"), vec![Value::from(r#"{"lambda": 0}"#)]);
    b.click(&b.find("#check-homework"));
    b.wait_for(10, "the paste's error", |b| (!b.text("#homework-error").is_empty()).then_some(()));
    seen.insert("a diagnosis's errors", texts(&b));

    load(&b, &server, &format!("{base}&dh=abc&data=nope&train=0.9&valid=0.5&hide=bogus&case=garbage&mistakes=zzz&homework=garbage"));
    seen.insert("a broken link", texts(&b));

    // A CSV file of three inputs (short names, digit labels: nothing of the file is prose),
    // standardized and trained, then a refused one.
    load(&b, &server, &base);
    b.click(&b.find("#field-dataset option[value='csv']"));
    let mut csv = String::from("a,b,c,y\n");
    for i in 0..60 {
        csv.push_str(&format!("{},{},{},{}\n", i % 7, (i * 3) % 11, i % 5, i % 3));
    }
    support::choose_file(&b, "open-csv", "t.csv", &csv);
    b.wait_for(10, "the projection", |b| b.try_text("#projection-caption").filter(|t| !t.is_empty()).map(|_| ()));
    b.click(&b.find("#step-epoch"));
    seen.insert("a CSV file", texts(&b));
    support::choose_file(&b, "open-csv", "u.csv", "1,2,0\n3,x,1\n");
    b.wait_for(10, "the refusal", |b| b.try_text("#csv-status").filter(|t| t.contains("u.csv")).map(|_| ()));
    b.click(&b.find("#csv-standardize"));
    seen.insert("a refused CSV file", texts(&b));
    b.goto(&server.page(&format!("{base}&data=csv&file={}&inputs=3", "ab".repeat(32))));
    b.wait_for(20, "the request for the file", |b| b.try_text("#data-error").filter(|t| t.contains("SHA-256")).map(|_| ()));
    seen.insert("a link to a CSV file", texts(&b));

    // The full penalty: its four boxes, (r) with both terms and sign(0) = 0, (f)'s step that
    // stops at 0, and, once L1 has made weights exactly 0, the check's kink entries.
    load(&b, &server, &format!("{base}&l11=0.05&l22=0.002&speed=0"));
    b.click(&b.find("#play-pause"));
    b.wait_for(20, "some training", |b| (attr(b, "training-status", "data-epoch").parse::<u64>().unwrap_or(0) >= 100).then_some(()));
    b.click(&b.find("#play-pause"));
    support::go_to(&b, "r");
    b.wait_for(10, "a kink in the check", |b| b.try_text("#check-verdict").filter(|t| t.contains("L1")).map(|_| ()));
    seen.insert("the full penalty at (r)", texts(&b));
    support::go_to(&b, "f");
    seen.insert("the full penalty at (f)", texts(&b));
    // The update rules: Nesterov's and Adam's boxes, equations and first step.
    b.click(&b.find("#field-rule option[value='nesterov']"));
    b.wait_for(5, "Nesterov's (f)", |b| b.try_text("#step-f").filter(|t| t.contains("beta * v")).map(|_| ()));
    seen.insert("Nesterov at (f)", texts(&b));
    b.click(&b.find("#field-rule option[value='adam']"));
    b.wait_for(5, "Adam's (f)", |b| b.try_text("#step-f").filter(|t| t.contains("s_hat")).map(|_| ()));
    seen.insert("Adam at (f)", texts(&b));

    // Pinned runs: one retraining from the link (its progress), one left out (why), then the
    // current run pinned beside it.
    load(&b, &server, &format!("{base}&speed=0&dh=32&pins=eta:0.05;at:2000000|n:5;at:3"));
    b.wait_for(10, "a pin retraining", |b| b.try_find("#pin-list li.pin[data-state='training'] progress").map(|_| ()));
    seen.insert("a pin retraining from the link", texts(&b));
    b.wait_for(90, "the pin retrained", |b| b.try_find("#pin-list li.pin[data-state='ready']").map(|_| ()));
    b.click(&b.find("#play-pause"));
    b.wait_for(20, "some training", |b| (attr(b, "training-status", "data-epoch").parse::<u64>().unwrap_or(0) >= 5).then_some(()));
    b.click(&b.find("#play-pause"));
    b.click(&b.find("#pin-run"));
    b.wait_for(10, "two pins", |b| b.try_find("#pin-list li.pin[data-pin='B']").map(|_| ()));
    seen.insert("two pinned runs", texts(&b));

    load(&b, &server, &format!("{base}&eta=50"));
    b.click(&b.find("#play-pause"));
    b.wait_for(20, "the divergence", |b| (attr(b, "training-status", "data-status") == "diverged").then_some(()));
    seen.insert("divergence", texts(&b));
    seen
}

/// A case (d = 2, d_h = 3, m = 2, y = 0) with a student's values: h_a right, ∂L/∂o_a with the
/// sign swapped (explained), ∂L/∂b2 unexplained, ∂L/∂W2 written transposed with zeros.
fn homework() -> String {
    use mlp::{backward, forward, Params};
    use nalgebra::DVector;
    let params = Params::from_rows(
        &[vec![0.5, -0.3], vec![-0.8, 0.4], vec![0.2, 0.9]],
        &[0.1, -0.2, 0.05],
        &[vec![0.7, -0.4, 0.3], vec![-0.6, 0.5, 0.8]],
        &[0.05, -0.05],
    )
    .expect("a network");
    let x = DVector::from_column_slice(&[1.0, 0.5]);
    let fwd = forward(&params, &x, 0).expect("a forward pass");
    let g = backward(&params, &fwd, &x, 0, mlp::Penalty::weight_decay(0.01));
    let list = |v: &DVector<f64>| v.iter().map(|v| format!("{v:.4}")).collect::<Vec<_>>().join(", ");
    format!(
        r#"{{"lambda": 0.01, "y": 0, "x": [1.0, 0.5],
        "params": {{"W1": [[0.5, -0.3], [-0.8, 0.4], [0.2, 0.9]], "b1": [0.1, -0.2, 0.05],
                   "W2": [[0.7, -0.4, 0.3], [-0.6, 0.5, 0.8]], "b2": [0.05, -0.05]}},
        "forward": {{"h_a": [{}]}},
        "gradients": {{"o_a": [{}], "b2": [9, 9], "W2": [[0, 0], [0, 0], [0, 0.5]]}}}}"#,
        list(&fwd.h_a),
        list(&-&g.o_a)
    )
}

/// Whether `text` holds a word of three letters or more (so is prose, not a number or a
/// symbol).
fn has_word(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic()).any(|w| w.chars().count() >= 3)
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’')).filter(|w| !w.is_empty()).map(|w| w.to_lowercase())
}

#[test]
fn every_text_of_both_languages_is_translated() {
    let (en, fr) = std::thread::scope(|s| {
        let en = s.spawn(|| walk("en"));
        let fr = s.spawn(|| walk("fr"));
        (en.join().expect("the English walk"), fr.join().expect("the French walk"))
    });
    let mut problems = Vec::new();
    for (state, english) in &en {
        let french = &fr[state];
        assert!(english.len() > 20 && french.len() > 20, "{state}: too few texts collected ({}, {})", english.len(), french.len());
        for same in english.intersection(french).filter(|t| !t.starts_with(DECIMAL)) {
            if has_word(same) && !SAME_IN_BOTH.contains(&same.as_str()) && !file_name(same) && !notation_only(same) {
                problems.push(format!("{state}: the same in both languages: {same:?}"));
            }
        }
        for text in french.iter().filter_map(|t| t.strip_prefix(DECIMAL)) {
            problems.push(format!("{state}: a decimal point in the French page: {text:?}"));
        }
        for text in french.iter().filter(|t| !t.starts_with(DECIMAL)) {
            if let Some(word) = words(text).find(|w| ENGLISH.contains(&w.as_str())) {
                problems.push(format!("{state}: English word {word:?} in French text {text:?}"));
            }
        }
        for text in english.iter().filter(|t| !t.starts_with(DECIMAL)) {
            if let Some(word) = words(text).find(|w| FRENCH.contains(&w.as_str())) {
                problems.push(format!("{state}: French word {word:?} in English text {text:?}"));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{} untranslated texts:\n{}", problems.len(), problems.join("\n"));
}

/// Makes the browser prefer `languages` (its `navigator.language` and Accept-Language).
fn prefer_languages(b: &Browser, languages: &str) {
    let agent = b.exec("return navigator.userAgent", vec![]);
    let params = serde_json::json!({"userAgent": agent, "acceptLanguage": languages});
    b.cmd("POST", "/goog/cdp/execute", Some(serde_json::json!({"cmd": "Network.setUserAgentOverride", "params": params})));
}

fn page_lang(b: &Browser) -> String {
    b.exec("return document.documentElement.lang", vec![]).as_str().unwrap_or("").to_string()
}

#[test]
fn the_page_starts_in_the_browser_s_language_and_a_link_keeps_the_chosen_one() {
    let server = Server::start(dist_dir());
    let b = Browser::start();
    b.goto(&server.page(""));
    prefer_languages(&b, "fr-CA,fr;q=0.9");
    load(&b, &server, "");
    assert_eq!(page_lang(&b), "fr");
    assert_eq!(b.text("#play-pause"), "Lancer");
    // The switch is remembered in the link, which then wins over the browser.
    b.click(&b.find("#lang-switch"));
    b.wait_for(5, "English", |b| (page_lang(b) == "en").then_some(()));
    let link = b.href();
    assert!(link.contains("lang=en"), "{link}");
    b.goto(&link);
    b.wait_for(20, "the page", |b| (coloured_pixels(b) > 500).then_some(()));
    assert_eq!(page_lang(&b), "en");
    assert_eq!(b.text("#play-pause"), "Play");
    // An English (or any other) browser starts in English.
    prefer_languages(&b, "de-DE,de");
    load(&b, &server, "");
    assert_eq!(page_lang(&b), "en");
}
