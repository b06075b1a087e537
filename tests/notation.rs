//! The course's notation on the page: every step's equations, and the formula of a clicked
//! entry with its numbers, for a small reference case, in English and in French.
//!
//! The MathML of the page is read back as linear text (`h^a_j = ∑_i W^(1)_ji x_i + b^(1)_j`)
//! and compared with the course's equations written the same way: one index letter per role
//! in every step (i an input, j a hidden unit, k a class; y the true class), R̃ an accent.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use base64::Engine;
use serde_json::Value;
use support::webdriver::Browser;
use support::{go_to, open, severe_console_entries};

const CASES: &str = include_str!("../crates/mlp/tests/fixtures/cases.json");

/// Reads MathML back as linear text: `base_sub`, `base^sup`, `(num)/(den)`, an accent after
/// its base. Spaces are not significant (compare with
/// [`squeeze`]).
const LINEAR: &str = "
    const lin = (n) => {
        const k = [...n.children].map(lin);
        const wrap = (s) => s.replace(/\\s+/g, '');
        switch (n.localName) {
            case 'mi': case 'mn': case 'mo': case 'mtext': return n.textContent;
            case 'msub': case 'munder': return `${k[0]}_${wrap(k[1])}`;
            case 'msup': return `${k[0]}^${wrap(k[1])}`;
            case 'msubsup': return `${k[0]}^${wrap(k[2])}_${wrap(k[1])}`;
            case 'mover': return `${k[0]}${k[1]}`;
            case 'mfrac': return `(${k[0]})/(${k[1]})`;
            default: return k.join(' ');
        }
    };";

/// `text` without its whitespace.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

/// The step keys and their equations, matrix form then one entry, as the course writes them.
const EQUATIONS: [(&str, &str, &str); 16] = [
    ("a", "h^a = W^(1) x + b^(1)", "h^a_j = ∑_i W^(1)_ji x_i + b^(1)_j"),
    ("a2", "h^s = rect(h^a) = max(0, h^a)", "h^s_j = max(0, h^a_j)"),
    ("b", "o^a = W^(2) h^s + b^(2)", "o^a_k = ∑_j W^(2)_kj h^s_j + b^(2)_k"),
    ("c", "o^s = softmax(o^a)", "o^s_k = (exp(o^a_k − max o^a))/(∑_k′ exp(o^a_k′ − max o^a))"),
    ("d", "L = −log(o^s_y)", "L = −o^a_y + log(∑_k exp(o^a_k))"),
    ("g", "(∂L)/(∂o^a) = o^s − onehot_m(y)", "(∂L)/(∂o^a_k) = o^s_k − 𝟙{k = y}"),
    ("j", "(∂L)/(∂W^(2)) = (∂L)/(∂o^a) (h^s)^T", "(∂L)/(∂W^(2)_kj) = (∂L)/(∂o^a_k) h^s_j"),
    ("j2", "(∂L)/(∂b^(2)) = (∂L)/(∂o^a)", "(∂L)/(∂b^(2)_k) = (∂L)/(∂o^a_k)"),
    ("l", "(∂L)/(∂h^s) = W^(2)^T (∂L)/(∂o^a)", "(∂L)/(∂h^s_j) = ∑_k (∂L)/(∂o^a_k) W^(2)_kj"),
    ("n", "(∂L)/(∂h^a) = (∂L)/(∂h^s) ⊙ 𝟙{h^a > 0}", "(∂L)/(∂h^a_j) = (∂L)/(∂h^s_j) · 𝟙{h^a_j > 0}"),
    ("p", "(∂L)/(∂W^(1)) = (∂L)/(∂h^a) x^T", "(∂L)/(∂W^(1)_ji) = (∂L)/(∂h^a_j) x_i"),
    ("p2", "(∂L)/(∂b^(1)) = (∂L)/(∂h^a)", "(∂L)/(∂b^(1)_j) = (∂L)/(∂h^a_j)"),
    ("q", "(∂L)/(∂x) = W^(1)^T (∂L)/(∂h^a)", "(∂L)/(∂x_i) = ∑_j (∂L)/(∂h^a_j) W^(1)_ji"),
    ("r", "(∂R~)/(∂W^(1)) = (∂L)/(∂W^(1)) + 2 λ W^(1)", "(∂R~)/(∂W^(1)_ji) = (∂L)/(∂W^(1)_ji) + 2 λ W^(1)_ji"),
    ("r2", "(∂R~)/(∂W^(2)) = (∂L)/(∂W^(2)) + 2 λ W^(2)", "(∂R~)/(∂W^(2)_kj) = (∂L)/(∂W^(2)_kj) + 2 λ W^(2)_kj"),
    ("f", "θ ← θ − η ∇_θ R~", "θ ← θ − η (∂R~)/(∂θ)"),
];

fn case() -> Value {
    let all: Value = serde_json::from_str(CASES).expect("the fixture is JSON");
    // d = 2, d_h = 4, m = 3: every table is small and y = 2 is not 0.
    let case = all["cases"][6].clone();
    assert_eq!((case["d_h"].as_u64(), case["m"].as_u64(), case["y"].as_u64()), (Some(4), Some(3), Some(2)));
    case
}

fn open_case(lang: &str, step: &str) -> (support::server::Server, Browser) {
    let json = case().to_string();
    let param = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json.as_bytes());
    let (server, browser) = open(&format!("lang={lang}&step={step}&case={param}"));
    browser.wait_for(20, "the loaded case", |b| b.try_text("#case-banner").filter(|t| !t.is_empty()));
    (server, browser)
}

/// The linear text of every `math` element inside `css`, in document order.
fn linear(b: &Browser, css: &str) -> Vec<String> {
    let script = format!("{LINEAR} return [...document.querySelectorAll(arguments[0] + ' math')].map(lin);");
    let v = b.exec(&script, vec![Value::from(css)]);
    serde_json::from_value(v).unwrap_or_default()
}

/// A number as a formula writes it (src/stepper/format.rs `number`, a minus sign), in `lang`.
fn n(lang: &str, v: f64) -> String {
    let text = if v == 0.0 {
        "0".to_string()
    } else if (1e-3..1e4).contains(&v.abs()) {
        format!("{:.4}", v.abs())
    } else {
        format!("{:.3e}", v.abs())
    };
    let text = if lang == "fr" { text.replace('.', ",") } else { text };
    if v < 0.0 { format!("−{text}") } else { text }
}

/// `case` at a dotted path, as numbers (a vector) or rows (a matrix).
fn vector(case: &Value, path: &str) -> Vec<f64> {
    let v = path.split('.').fold(case, |v, key| &v[key]);
    v.as_array().unwrap_or_else(|| panic!("{path}")).iter().map(|x| x.as_f64().expect("a number")).collect()
}

fn matrix(case: &Value, path: &str) -> Vec<Vec<f64>> {
    let v = path.split('.').fold(case, |v, key| &v[key]);
    v.as_array().unwrap_or_else(|| panic!("{path}")).iter().map(|r| r.as_array().expect("a row").iter().map(|x| x.as_f64().expect("a number")).collect()).collect()
}

/// "a × b + c × d" as a formula writes a sum out.
fn written(lang: &str, pairs: &[(f64, f64)]) -> String {
    pairs.iter().map(|&(a, b)| format!("{} × {}", n(lang, a), n(lang, b))).collect::<Vec<_>>().join(" + ")
}

/// The formulas of a few entries, with the case's numbers: (step, cell id, formula).
fn formulas(lang: &str) -> Vec<(&'static str, &'static str, String)> {
    let c = case();
    let (x, w1, b1) = (vector(&c, "x"), matrix(&c, "params.W1"), vector(&c, "params.b1"));
    let (h_a, o_a, o_s) = (vector(&c, "forward.h_a"), vector(&c, "forward.o_a"), vector(&c, "forward.o_s"));
    let loss = c["forward"]["loss"].as_f64().expect("the loss");
    let (g_h_a, g_x, g_w1) = (vector(&c, "gradients.h_a"), vector(&c, "gradients.x"), matrix(&c, "gradients.W1"));
    let max = o_a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let den: f64 = o_a.iter().map(|v| (v - max).exp()).sum();
    let num = |v| n(lang, v);
    vec![
        ("a", "#cell-h_a-1-0", format!(
            "h^a[1] = ∑_i W^(1)[1,i] · x[i] + b^(1)[1] = {} + {} = {}",
            written(lang, &[(w1[1][0], x[0]), (w1[1][1], x[1])]), num(b1[1]), num(h_a[1])
        )),
        ("c", "#cell-o_s-2-0", format!(
            "o^s[2] = (exp(o^a[2] − max))/(∑_k′ exp(o^a[k′] − max)) = (exp({} − {}))/({}) = ({})/({}) = {}",
            num(o_a[2]), num(max), num(den), num((o_a[2] - max).exp()), num(den), num(o_s[2])
        )),
        ("d", "#cell-loss-0-0", format!("L = −log(o^s[y]) = −log(o^s[2]) = −log({}) = {}", num(o_s[2]), num(loss))),
        ("p", "#cell-grad_W1-1-0", format!(
            "(∂L)/(∂W^(1))[1,0] = (∂L)/(∂h^a)[1] · x[0] = {} × {} = {}",
            num(g_h_a[1]), num(x[0]), num(g_w1[1][0])
        )),
        ("q", "#cell-grad_x-0-0", {
            let pairs: Vec<(f64, f64)> = (0..4).map(|j| (g_h_a[j], w1[j][0])).collect();
            format!("(∂L)/(∂x)[0] = ∑_j (∂L)/(∂h^a)[j] · W^(1)[j,0] = {} = {}", written(lang, &pairs), num(g_x[0]))
        }),
        ("r", "#cell-reg_W1-0-1", format!(
            "(∂R~)/(∂W^(1))[0,1] = (∂L)/(∂W^(1))[0,1] + 2 λ W^(1)[0,1] = {} + 2 × 0 × {} = {}",
            num(g_w1[0][1]), num(w1[0][1]), num(g_w1[0][1])
        )),
    ]
}

#[test]
fn every_step_writes_the_course_s_equations_in_both_languages() {
    for lang in ["en", "fr"] {
        let (_server, browser) = open_case(lang, "a");
        for (key, matrix_form, one_entry) in EQUATIONS {
            go_to(&browser, key);
            let shown: Vec<String> = linear(&browser, ".step-card .equations").iter().map(|e| squeeze(e)).collect();
            assert_eq!(shown, vec![squeeze(matrix_form), squeeze(one_entry)], "{lang}: step ({key})");
            // The letters are said in words under every equation with an index.
            let note = browser.try_text(".step-card .index-note");
            assert_eq!(note.is_some(), key != "f", "{lang}: the index note of ({key})");
        }
        let note = {
            go_to(&browser, "a");
            browser.text(".step-card .index-note")
        };
        let words = if lang == "en" { ["i over the inputs", "j over the hidden units", "k over the classes"] } else { ["i parcourt les entrées", "j les unités cachées", "k les classes"] };
        assert!(words.iter().all(|w| note.contains(w)), "{lang}: {note}");
        assert!(severe_console_entries(&browser).is_empty());
    }
}

#[test]
fn a_clicked_entry_s_formula_uses_the_same_letters_and_the_case_s_numbers() {
    for lang in ["en", "fr"] {
        let (_server, browser) = open_case(lang, "a");
        for (step, cell, expected) in formulas(lang) {
            go_to(&browser, step);
            browser.click(&browser.find(cell));
            let shown = browser.wait_for(5, "the formula", |b| linear(b, ".step-card .formula").into_iter().next());
            assert_eq!(squeeze(&shown), squeeze(&expected), "{lang}: {cell}");
        }
        browser.screenshot(&format!("notation-formula-r-{lang}"));
    }
}

#[test]
fn a_table_writes_its_numbers_one_way_and_o_s_says_its_sum() {
    let (_server, browser) = open_case("fr", "c");
    let texts = browser.exec(
        "return [...document.querySelectorAll('.step-card td.cell')].map(td => td.textContent.trim())",
        vec![],
    );
    let texts: Vec<String> = serde_json::from_value(texts).expect("cell texts");
    assert!(!texts.is_empty());
    for t in &texts {
        assert!(t == "0" || t.contains(',') && !t.contains('e') && !t.contains('.'), "{t} in {texts:?}");
    }
    let note = browser.text(".step-card .sum-note");
    assert!(note.starts_with("Les composantes de oˢ ont pour somme 1,0000 ;"), "{note}");
    browser.screenshot("notation-softmax-fr");
}
