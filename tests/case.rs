//! End-to-end tests of "check my homework", through the page in headless Chromium: every
//! reference case pasted and walked step by step against values computed independently by
//! automatic differentiation; bad pastes and bad links refused in words; the export, the
//! download and the link.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use base64::Engine;
use serde_json::Value;
use support::webdriver::{Browser, ARROW_RIGHT};
use support::{current_step, go_to, open, severe_console_entries};

/// The reference cases (computed with automatic differentiation in float64): the seed's, with a
/// weight decay `lambda`, and the full penalty's, with `l11` … `l22` and weights at exactly 0
/// (tools/penalty-cases.py).
const CASES: [&str; 2] = [
    include_str!("../crates/mlp/tests/fixtures/cases.json"),
    include_str!("../crates/mlp/tests/fixtures/penalty_cases.json"),
];

/// Each step of the walk and what it computes: (step key, quantity key, path in a case).
const CHECKED: [(&str, &str, &str); 16] = [
    ("a", "h_a", "forward.h_a"),
    ("a2", "h_s", "forward.h_s"),
    ("b", "o_a", "forward.o_a"),
    ("c", "o_s", "forward.o_s"),
    ("d", "loss", "forward.loss"),
    ("g", "grad_o_a", "gradients.o_a"),
    ("j", "grad_W2", "gradients.W2"),
    ("j2", "grad_b2", "gradients.b2"),
    ("l", "grad_h_s", "gradients.h_s"),
    ("n", "grad_h_a", "gradients.h_a"),
    ("p", "grad_W1", "gradients.W1"),
    ("p2", "grad_b1", "gradients.b1"),
    ("q", "grad_x", "gradients.x"),
    ("r", "reg_W1", "regularized_gradients.W1"),
    ("r2", "reg_W2", "regularized_gradients.W2"),
    ("f", "", ""),
];

fn cases() -> Vec<Value> {
    CASES
        .iter()
        .flat_map(|text| {
            let all: Value = serde_json::from_str(text).expect("the fixture is JSON");
            all["cases"].as_array().expect("a list of cases").clone()
        })
        .collect()
}

/// The penalty keys a case holds (`lambda`, `l11`, …).
const PENALTY_KEYS: [&str; 5] = ["lambda", "l11", "l12", "l21", "l22"];

/// `case` at a dotted `path`, as a table: a matrix by rows, a vector as a column, a number 1 × 1.
fn reference(case: &Value, path: &str) -> Vec<Vec<f64>> {
    let value = path.split('.').fold(case, |v, key| &v[key]);
    let num = |v: &Value| v.as_f64().unwrap_or_else(|| panic!("{path}: {v} is not a number"));
    match value {
        Value::Number(_) => vec![vec![num(value)]],
        Value::Array(items) if items.first().is_some_and(Value::is_array) => {
            items.iter().map(|row| row.as_array().expect("a row").iter().map(num).collect()).collect()
        }
        Value::Array(items) => items.iter().map(|v| vec![num(v)]).collect(),
        other => panic!("{path}: {other}"),
    }
}

/// How a table holding `values` writes `v` (src/stepper/format.rs `Notation`): one notation
/// per table, four decimals when its largest finite magnitude is in [1e-3, 1e4), scientific
/// otherwise; zero as "0".
fn in_table(values: &[Vec<f64>], v: f64) -> String {
    let largest = values.iter().flatten().filter(|x| x.is_finite()).fold(0.0_f64, |m, x| m.max(x.abs()));
    if v == 0.0 {
        "0".into()
    } else if largest == 0.0 || (1e-3..1e4).contains(&largest) {
        format!("{v:.4}")
    } else {
        format!("{v:.3e}")
    }
}

/// A number as the stepper prints it alone (src/stepper/format.rs `number`).
fn shown(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if (1e-3..1e4).contains(&v.abs()) {
        format!("{v:.4}")
    } else {
        format!("{v:.3e}")
    }
}

/// Equal to 1e-9, relative.
fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// Pastes `text` into the case box (setting its value and firing `input`, as a paste does)
/// and clicks "Load this case".
fn paste_and_load(b: &Browser, text: &str) {
    let script = "const t = document.getElementById('case-input');
        t.value = arguments[0];
        t.dispatchEvent(new Event('input', { bubbles: true }));";
    b.exec(script, vec![Value::from(text)]);
    b.click(&b.find("#load-case"));
}

/// A table of the step card: each cell's text and full-precision `data-value`, row by row.
fn cells(b: &Browser, key: &str) -> Vec<Vec<(String, f64)>> {
    let script = "const f = document.querySelector(`.step-card figure[data-quantity='${arguments[0]}']`);
        if (!f) return null;
        return [...f.querySelectorAll('tbody tr')].map(r => [...r.querySelectorAll('td')]
            .map(td => [td.textContent.trim(), Number(td.dataset.value)]));";
    let v = b.exec(script, vec![Value::from(key)]);
    serde_json::from_value(v).unwrap_or_else(|e| panic!("no table {key} on step {}: {e}", current_step(b)))
}

/// Checks the table `key` against `expected`: the text at the displayed precision, the
/// `data-value` to 1e-9 relative.
fn check_table(b: &Browser, what: &str, key: &str, expected: &[Vec<f64>]) {
    let got = cells(b, key);
    assert_eq!(got.len(), expected.len(), "{what}: rows of {key}");
    for (r, (got_row, want_row)) in got.iter().zip(expected).enumerate() {
        assert_eq!(got_row.len(), want_row.len(), "{what}: columns of {key} row {r}");
        for (c, ((text, value), want)) in got_row.iter().zip(want_row).enumerate() {
            assert_eq!(*text, in_table(expected, *want), "{what}: {key}[{r}][{c}] shown");
            assert!(close(*value, *want), "{what}: {key}[{r}][{c}] = {value}, reference {want}");
        }
    }
}

/// Every number of `got` equals `want`'s to 1e-9 relative, and they have the same shape.
fn check_json(what: &str, got: &Value, want: &Value) {
    match (got, want) {
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap_or(f64::NAN), w.as_f64().unwrap_or(f64::NAN));
            assert!(close(g, w), "{what}: {g}, reference {w}");
        }
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "{what}: length");
            for (i, (g, w)) in g.iter().zip(w).enumerate() {
                check_json(&format!("{what}[{i}]"), g, w);
            }
        }
        (Value::Object(g), Value::Object(w)) => {
            for (key, w) in w {
                check_json(&format!("{what}.{key}"), g.get(key).unwrap_or(&Value::Null), w);
            }
        }
        _ => panic!("{what}: {got} instead of {want}"),
    }
}

/// The exported walk, parsed.
fn export(b: &Browser) -> Value {
    let text = b.exec("return document.getElementById('case-export').value", vec![]);
    serde_json::from_str(text.as_str().unwrap_or("")).expect("the export is JSON")
}

/// Waits until the loaded case is the one of `case` (its x is on step (a)).
fn wait_loaded(b: &Browser, case: &Value) {
    let (d, d_h, m) = (&case["d"], &case["d_h"], &case["m"]);
    let summary = format!("Loaded: d = {d}, d_h = {d_h}, m = {m}");
    b.wait_for(5, &summary, |b| b.text(".case-status").contains(&summary).then_some(()));
}

#[test]
fn every_reference_case_is_walked_to_the_reference_values() {
    let (_server, browser) = open("lang=en");
    for case in cases() {
        let what = format!("case seed {}", case["seed"]);
        paste_and_load(&browser, &case.to_string());
        wait_loaded(&browser, &case);
        assert_eq!(browser.text("#case-error"), "", "{what}");
        for (step, key, path) in CHECKED {
            go_to(&browser, step);
            if !key.is_empty() {
                check_table(&browser, &what, key, &reference(&case, path));
            }
            if step == "a" {
                // The case's own numbers, read back exactly.
                for (key, path) in [("W1", "params.W1"), ("b1", "params.b1"), ("x", "x")] {
                    check_table(&browser, &what, key, &reference(&case, path));
                }
            }
        }
        let exported = export(&browser);
        for part in ["forward", "gradients", "regularized_gradients", "params", "x"] {
            check_json(&format!("{what}: {part}"), &exported[part], &case[part]);
        }
        assert_eq!(exported["y"], case["y"], "{what}");
        let full = case.get("l11").is_some();
        if full {
            // the four coefficients come back as they were given (a weight decay as `lambda`)
            let weight_decay = case["l11"] == 0.0 && case["l21"] == 0.0 && case["l12"] == case["l22"];
            if weight_decay {
                assert_eq!(exported["lambda"], case["l12"], "{what}");
            } else {
                for key in &PENALTY_KEYS[1..] {
                    assert_eq!(exported[*key], case[*key], "{what}: {key}");
                }
            }
            // (r) writes both terms, and the L1 note says sign(0) = 0
            go_to(&browser, "r");
            let card = browser.text("#step-r");
            if !weight_decay {
                assert!(card.contains("sign"), "{what}: {card}");
            }
            if case["l11"].as_f64().unwrap_or(0.0) > 0.0 {
                assert!(card.contains("sign(0) = 0"), "{what}: {card}");
            }
            // weights at exactly 0 under L1: reported at the kink (the verdict counts them), and
            // the check passes
            let has_zero = |layer: &str| {
                let rows = case["params"][layer].as_array().expect("rows");
                rows.iter().flat_map(|r| r.as_array().expect("a row").clone()).any(|v| v == 0.0)
            };
            let l1 = |key: &str| case[key].as_f64().unwrap_or(0.0) > 0.0;
            if (has_zero("W1") && l1("l11")) || (has_zero("W2") && l1("l21")) {
                browser.wait_for(5, "the kink in the verdict", |b| b.text("#check-verdict").contains("at the kink of |w|").then_some(()));
            }
            let pass = browser.exec("return document.getElementById('check-verdict').dataset.pass", vec![]);
            assert_eq!(pass.as_str(), Some("true"), "{what}: {}", browser.text("#check-verdict"));
        }
        for key in PENALTY_KEYS {
            if let Some(v) = case.get(key).filter(|_| !full) {
                assert_eq!(&exported[key], v, "{what}: {key}");
            }
        }
    }
    assert!(severe_console_entries(&browser).is_empty());
}

/// The case of seed `seed`.
fn case_with_seed(seed: u64) -> Value {
    cases().into_iter().find(|c| c["seed"] == seed).expect("a case with this seed")
}

/// The loss shown on step (d).
fn loss_on_screen(b: &Browser) -> String {
    go_to(b, "d");
    b.text("#cell-loss-0-0")
}

#[test]
fn a_refused_paste_says_what_and_where_and_keeps_the_walk() {
    let (_server, browser) = open("lang=en");
    let case = case_with_seed(2);
    paste_and_load(&browser, &case.to_string());
    wait_loaded(&browser, &case);
    let loss = loss_on_screen(&browser);
    assert_eq!(loss, shown(case["forward"]["loss"].as_f64().unwrap_or(f64::NAN)));

    let mut short_row = case.clone();
    short_row["params"]["W2"][1] = serde_json::json!([0.1, 0.2]);
    let mut far_label = case.clone();
    far_label["y"] = Value::from(7);
    let mut quoted = case.clone();
    quoted["lambda"] = Value::from("0.01");
    let bad = [
        (r#"{"d": 2,"#.to_string(), "Not valid JSON (line 1, column 8): the text ends too early"),
        (short_row.to_string(), "Row 1 of params.W2 (counting from 0) has 2 values; it needs d_h = 3"),
        (far_label.to_string(), "y = 7 is not a class: with m = 2 classes, y must be between 0 and 1."),
        (quoted.to_string(), "lambda must be a number, but it is a string."),
        ("   ".to_string(), "Paste a case in JSON first."),
    ];
    for (text, message) in &bad {
        paste_and_load(&browser, text);
        let shown_error = browser.text("#case-error");
        assert!(shown_error.contains(message), "{shown_error}");
        assert!(shown_error.contains("the stepper still walks the previous example"), "{shown_error}");
        assert_eq!(browser.exec("return document.getElementById('case-input').getAttribute('aria-invalid')", vec![]), "true");
        assert_eq!(loss_on_screen(&browser), loss, "the walk is the previous one");
    }
    // The message follows the language.
    paste_and_load(&browser, &quoted.to_string());
    browser.click(&browser.find("#lang-switch"));
    browser.wait_for(5, "French", |b| b.text("#case-error").contains("lambda doit être un nombre, mais c'est une chaîne").then_some(()));
    assert!(browser.text("#case-error").contains("Retirez les guillemets"));
    browser.click(&browser.find("#lang-switch"));
    // Stepping still works, by button and by key, on the previous case.
    go_to(&browser, "g");
    check_table(&browser, "after errors", "grad_o_a", &reference(&case, "gradients.o_a"));
    browser.click(&browser.find("#load-case")); // the focus on a button, not in a text field
    browser.press_key(ARROW_RIGHT);
    browser.wait_for(5, "step (j)", |b| (current_step(b) == "j").then_some(()));
    check_table(&browser, "after errors", "grad_W2", &reference(&case, "gradients.W2"));
    // A good paste clears the error.
    paste_and_load(&browser, &case_with_seed(1).to_string());
    wait_loaded(&browser, &case_with_seed(1));
    assert_eq!(browser.text("#case-error"), "");
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn nothing_pasted_can_break_the_page() {
    let (_server, browser) = open("lang=en");
    let before = loss_on_screen(&browser);
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let huge = format!(r#"{{"lambda": 0, "params": {{"W1": [[{}]]}}}}"#, vec!["1"; 20000].join(","));
    let garbage = [
        "null", "[]", "{}", "\"text\"", "{\"lambda\": 1e999}", "{\"lambda\": -0.0, \"params\": []}", "{\"d\": 1e300}",
        "{\"y\": 18446744073709551616, \"lambda\": 0}", "{\"params\": {\"W1\": [[]], \"b1\": [], \"W2\": [], \"b2\": []}, \"lambda\": 0, \"x\": [], \"y\": 0}",
        "\u{feff}{}", "{\"lambda\": NaN}", "🙂", &deep, &huge,
    ];
    for text in garbage {
        paste_and_load(&browser, text);
        assert!(!browser.text("#case-error").is_empty(), "{text:.60} was refused in words");
    }
    assert_eq!(loss_on_screen(&browser), before);
    assert!(severe_console_entries(&browser).is_empty());
}

/// The `case` parameter for `json`, as the app writes it.
fn param(json: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json.as_bytes())
}

#[test]
fn a_link_opens_its_case_and_a_broken_link_says_why() {
    let case = case_with_seed(3);
    let (server, browser) = open(&format!("lang=en&step=d&case={}", param(&case.to_string())));
    wait_loaded(&browser, &case);
    assert_eq!(current_step(&browser), "d");
    check_table(&browser, "link", "loss", &reference(&case, "forward.loss"));
    assert!(browser.exec("return document.getElementById('case-link-notice')", vec![]).is_null());

    for (query, problem) in [
        ("case=not*base64", "Its case parameter is not URL-safe base64"),
        ("case=", "Its case parameter is empty."),
        (&format!("case={}", param(r#"{"lambda": 0, "x": [1"#)), "Not valid JSON (line 1, column 21)"),
        (&format!("case={}", param(&case.to_string().replace("\"y\":2", "\"y\":9"))), "y = 9 is not a class"),
    ] {
        browser.goto(&server.page(&format!("lang=en&{query}")));
        let notice = browser.wait_for(20, "the notice", |b| {
            let v = b.exec("const n = document.getElementById('case-link-notice'); return n ? n.textContent : null", vec![]);
            v.as_str().map(str::to_string)
        });
        assert!(notice.starts_with("This link's case could not be opened."), "{notice}");
        assert!(notice.contains(problem), "{query}: {notice}");
        assert!(notice.contains("The stepper walks the network instead."), "{notice}");
        assert!(browser.text("#current-example").starts_with("Training example # 0"), "the network is walked");
        assert_eq!(browser.text(".case-status"), "");
    }
    browser.screenshot("case-link-notice");
    browser.click(&browser.find("#dismiss-case-notice"));
    assert!(browser.exec("return document.getElementById('case-link-notice')", vec![]).is_null());
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn the_walk_is_exported_copied_downloaded_and_linked() {
    let (server, browser) = open("lang=en&step=d");
    // The network's walk is exported too, and reads back as a case.
    let network = export(&browser);
    assert_eq!(network["d"], 2);
    assert!(network["forward"]["loss"].is_number(), "{network}");
    let case = case_with_seed(4);
    paste_and_load(&browser, &case.to_string());
    wait_loaded(&browser, &case);
    let exported = export(&browser);
    check_json("export", &exported["gradients"], &case["gradients"]);

    // Copy: the clipboard, or the selection and execCommand where it is refused.
    browser.click(&browser.find("#copy-case"));
    browser.wait_for(5, "Copied", |b| (b.text("#copy-case-status") == "✓ Copied").then_some(()));

    // Download: a JSON Blob named backprop-case.json, holding the export.
    browser.exec(
        "window.__download = null;
         // The Blob behind the object URL (the page's policy forbids fetching blob: URLs).
         const make = URL.createObjectURL;
         URL.createObjectURL = function (blob) { window.__blob = blob; return make.call(URL, blob); };
         HTMLAnchorElement.prototype.click = function () {
           const name = this.download, blob = window.__blob;
           blob.text().then(text => { window.__download = { name, type: blob.type, text }; });
         };",
        vec![],
    );
    browser.click(&browser.find("#download-case"));
    let download = browser.wait_for(5, "the download", |b| {
        let v = b.exec("return window.__download", vec![]);
        (!v.is_null()).then_some(v)
    });
    assert_eq!(download["name"], "backprop-case.json");
    assert_eq!(download["type"], "application/json");
    let text = download["text"].as_str().unwrap_or("");
    assert_eq!(serde_json::from_str::<Value>(text).expect("JSON"), exported);

    // The link: this page with the case's input only, which opens on the same walk.
    browser.click(&browser.find("#copy-case-link"));
    browser.wait_for(5, "link copied", |b| (b.text("#copy-link-status") == "✓ Copied").then_some(()));
    let link = browser.exec("return document.getElementById('case-link').value", vec![]);
    let link = link.as_str().unwrap_or("").to_string();
    assert!(link.starts_with(&server.page("")), "{link}");
    assert!(link.contains("step=d") && link.contains("lang=en"), "{link}");
    let param = link.split("case=").nth(1).unwrap_or("").split('&').next().unwrap_or("");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(param).expect("URL-safe base64");
    let input: Value = serde_json::from_slice(&bytes).expect("JSON");
    let keys: Vec<&String> = input.as_object().expect("an object").keys().collect();
    assert_eq!(keys.len(), 7, "only d, d_h, m, lambda, params, x, y: {keys:?}");
    for key in ["d", "d_h", "m", "lambda", "params", "x", "y"] {
        assert_eq!(input[key], case[key], "{key}");
    }
    browser.goto(&link);
    wait_loaded(&browser, &case);
    assert_eq!(export(&browser), exported, "the link reproduces the walk exactly");

    // Back to the network: the case leaves the panel and the address bar.
    browser.click(&browser.find("#unload-case"));
    browser.wait_for(5, "the network", |b| b.text("#current-example").starts_with("Training example # 0").then_some(()));
    let search = Value::from(browser.search());
    assert!(!search.as_str().unwrap_or("case=").contains("case="), "{search}");
    assert_eq!(export(&browser)["d"], 2);
    assert!(browser.exec("return document.getElementById('unload-case')", vec![]).is_null());
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn screenshot_of_the_panel() {
    let (_server, browser) = open("lang=en&step=p");
    let case = case_with_seed(2);
    paste_and_load(&browser, &serde_json::to_string_pretty(&case).unwrap_or_default());
    wait_loaded(&browser, &case);
    browser.exec("document.getElementById('case-panel').scrollIntoView({ block: 'start' })", vec![]);
    browser.screenshot("case-panel");
    let mut bad = case.clone();
    bad["params"]["W2"][1] = serde_json::json!([0.1, 0.2]);
    paste_and_load(&browser, &bad.to_string());
    browser.click(&browser.find("#lang-switch"));
    browser.wait_for(5, "French", |b| b.text("#case-heading").contains("Vérifier").then_some(()));
    browser.exec("document.getElementById('case-panel').scrollIntoView({ block: 'start' })", vec![]);
    browser.screenshot("case-panel-error-fr");
}

#[test]
fn with_a_mistake_on_the_export_says_so_and_holds_the_mistaken_values() {
    let case = case_with_seed(2); // λ = 0.01
    let (_server, browser) = open(&format!("lang=en&mistakes=factor2&case={}", param(&case.to_string())));
    wait_loaded(&browser, &case);
    assert!(browser.text("#case-mistakes").contains("mistaken values"));
    let exported = export(&browser);
    assert_eq!(exported["mistakes"], serde_json::json!(["factor2"]));
    // (r) without its factor 2: ∂L/∂W1 + λ W1 instead of + 2λ W1.
    let (g, w, right) = (&case["gradients"]["W1"][0][0], &case["params"]["W1"][0][0], &case["regularized_gradients"]["W1"][0][0]);
    let (g, w, right) = (g.as_f64().unwrap_or(f64::NAN), w.as_f64().unwrap_or(f64::NAN), right.as_f64().unwrap_or(f64::NAN));
    let mistaken = exported["regularized_gradients"]["W1"][0][0].as_f64().unwrap_or(f64::NAN);
    assert!(close(mistaken, g + 0.01 * w) && !close(mistaken, right), "{mistaken}");
}
