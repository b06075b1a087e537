//! End-to-end tests of "Check my answers", through the page in headless Chromium: a student's
//! values computed with the seed report's mistakes, rounded to 4 decimals, pasted as JSON or
//! opened from a `homework=` link, get the first wrong step, the verdicts and the mistakes that
//! explain them, in English and French; a mistake is switched on from its explanation; bad
//! pastes and links are refused in words and the previous diagnosis stays.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::fmt::Write;

use base64::Engine;
use mlp::homework::{diagnose, parse_answers};
use mlp::{backward_with, forward_with, Mistake, Mistakes, Params};
use nalgebra::{DMatrix, DVector};
use serde_json::Value;
use support::webdriver::Browser;
use support::{current_step, open, severe_console_entries};

/// A case of the homework's shape (d = 2, d_h = 3, m = 2), with an inactive unit, gradients of
/// both signs and biases that are not 0, so the seed report's mistakes (and most others) show.
fn case() -> (Params, DVector<f64>, usize, f64) {
    let params = Params::from_rows(
        &[vec![0.5, -0.3], vec![-0.8, 0.4], vec![0.2, 0.9]],
        &[0.1, -0.2, 0.05],
        &[vec![0.7, -0.4, 0.3], vec![-0.6, 0.5, 0.8]],
        &[0.05, -0.05],
    )
    .unwrap();
    (params, DVector::from_column_slice(&[1.0, 0.5]), 0, 0.05)
}

fn list(out: &mut String, values: impl Iterator<Item = f64>, digits: Option<usize>) {
    let items: Vec<String> = values
        .map(|v| match digits {
            Some(d) => format!("{v:.d$}"),
            None => format!("{v:?}"),
        })
        .collect();
    let _ = write!(out, "[{}]", items.join(", "));
}

fn rows(out: &mut String, m: &DMatrix<f64>, digits: Option<usize>) {
    out.push('[');
    for (i, row) in m.row_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        list(out, row.iter().copied(), digits);
    }
    out.push(']');
}

/// The case and the gradients a student computed with `mistakes`, to 4 decimals.
fn answers(mistakes: Mistakes) -> String {
    let (p, x, y, lambda) = case();
    let fwd = forward_with(&p, &x, y, mistakes).unwrap();
    let g = backward_with(&p, &fwd, &x, y, mlp::Penalty::weight_decay(lambda), mistakes);
    let mut out = format!("{{\"lambda\": {lambda:?}, \"y\": {y}, \"x\": ");
    list(&mut out, x.iter().copied(), None);
    out.push_str(", \"params\": {\"W1\": ");
    rows(&mut out, &p.w1, None);
    out.push_str(", \"b1\": ");
    list(&mut out, p.b1.iter().copied(), None);
    out.push_str(", \"W2\": ");
    rows(&mut out, &p.w2, None);
    out.push_str(", \"b2\": ");
    list(&mut out, p.b2.iter().copied(), None);
    out.push_str("},\n \"forward\": {\"h_a\": ");
    list(&mut out, fwd.h_a.iter().copied(), Some(4));
    out.push_str(", \"o_s\": ");
    list(&mut out, fwd.o_s.iter().copied(), Some(4));
    out.push_str("},\n \"gradients\": {\"o_a\": ");
    list(&mut out, g.o_a.iter().copied(), Some(4));
    out.push_str(", \"W2\": ");
    rows(&mut out, &g.w2, Some(4));
    out.push_str(", \"h_s\": ");
    list(&mut out, g.h_s.iter().copied(), Some(4));
    out.push_str(", \"h_a\": ");
    list(&mut out, g.h_a.iter().copied(), Some(4));
    out.push_str(", \"W1\": ");
    rows(&mut out, &g.w1, Some(4));
    out.push_str(", \"x\": ");
    list(&mut out, g.x.iter().copied(), Some(4));
    out.push_str("},\n \"regularized_gradients\": {\"W1\": ");
    rows(&mut out, &g.w1_reg, Some(4));
    out.push_str(", \"b1\": ");
    list(&mut out, g.b1_reg.iter().copied(), Some(4));
    out.push_str(", \"W2\": ");
    rows(&mut out, &g.w2_reg, Some(4));
    out.push_str(", \"b2\": ");
    list(&mut out, g.b2_reg.iter().copied(), Some(4));
    let mut updated = p.clone();
    mlp::sgd_update(&mut updated, &g.regularized(), 0.5, mlp::Penalty::NONE, mistakes);
    out.push_str("},\n \"eta\": 0.5, \"updated_params\": {\"W1\": ");
    rows(&mut out, &updated.w1, Some(4));
    out.push_str(", \"b2\": ");
    list(&mut out, updated.b2.iter().copied(), Some(4));
    out.push_str("}}");
    out
}

/// The seed report's mistakes: element-wise products in (j) and (p), `(g + |g|)/2` in (n), a
/// stray x_j in (q), and an update that climbs in (f).
fn seed_report() -> Mistakes {
    [Mistake::ElementwiseOuter, Mistake::ReluPositiveGrad, Mistake::StrayInputFactor, Mistake::GradientAscent].into_iter().collect()
}

fn paste_and_check(b: &Browser, text: &str) {
    let script = "const t = document.getElementById('homework-input');
        t.value = arguments[0];
        t.dispatchEvent(new Event('input', { bubbles: true }));";
    b.exec(script, vec![Value::from(text)]);
    b.click(&b.find("#check-homework"));
}

/// (verdict, mistakes named) of the row of `quantity` ("gradients.W2").
fn row(b: &Browser, quantity: &str) -> (String, Vec<String>) {
    let script = "const r = document.querySelector(`.hw-row[data-quantity='${arguments[0]}']`);
        if (!r) return null;
        return [r.dataset.verdict, [...r.querySelectorAll('.hw-mistake')].map(m => m.dataset.mistake)];";
    serde_json::from_value(b.exec(script, vec![Value::from(quantity)])).unwrap_or_else(|e| panic!("no row {quantity}: {e}"))
}

fn wait_summary(b: &Browser) -> String {
    b.wait_for(20, "the diagnosis", |b| {
        let v = b.exec("const s = document.getElementById('homework-summary'); return s ? s.textContent : null", vec![]);
        v.as_str().map(str::to_string)
    })
}

#[test]
fn the_seed_report_s_mistakes_are_found_named_and_switched_on() {
    let text = answers(seed_report());
    // What the math crate says of these values (its own tests check it against the mistakes).
    let expected = diagnose(&parse_answers(&text).unwrap()).unwrap();
    assert_eq!(expected.first_wrong().map(|j| j.quantity.step_key()), Some("j"));
    assert_eq!(expected.mistakes(), seed_report());

    let (_server, browser) = open("lang=en&step=a");
    paste_and_check(&browser, &text);
    let summary = wait_summary(&browser);
    assert!(summary.contains("First wrong step: (j) ∂L/∂W⁽²⁾"), "{summary}");
    assert_eq!(browser.exec("return document.getElementById('homework-summary').dataset.firstWrong", vec![]), "j");
    browser.wait_for(5, "the walk at (j)", |b| (current_step(b) == "j").then_some(()));
    assert!(browser.text(".case-banner").contains("d = 2, d_h = 3, m = 2"), "the case is walked");
    for (quantity, verdict, mistake) in [
        ("forward.h_a", "right", None),
        ("gradients.o_a", "right", None),
        ("gradients.W2", "wrong", Some("outer")),
        ("gradients.h_s", "right", None),
        ("gradients.h_a", "wrong", Some("relu")),
        ("gradients.W1", "wrong", Some("outer")),
        ("gradients.x", "wrong", Some("input")),
        ("regularized_gradients.W1", "right_given_yours", None),
        ("updated_params.W1", "wrong", Some("ascent")),
    ] {
        let (got, named) = row(&browser, quantity);
        let judged = expected.judged.iter().find(|j| j.quantity.dotted() == quantity).unwrap();
        assert_eq!(got, mlp::homework::verdict_key(judged.verdict), "{quantity}");
        assert_eq!(got, verdict, "{quantity}");
        assert_eq!(named.first().map(String::as_str), mistake, "{quantity}: {named:?}");
    }
    // The wrong entries are outlined in the step's table, the student's value beside.
    let marked = browser.wait_for(5, "outlined entries", |b| {
        let n = b.exec("return document.querySelectorAll(\".step-card figure[data-quantity='grad_W2'] td.hw-marked\").length", vec![]);
        n.as_u64().filter(|n| *n > 0)
    });
    let w2 = expected.judged.iter().find(|j| j.quantity.dotted() == "gradients.W2").unwrap();
    assert_eq!(marked as usize, w2.wrong_entries.len());
    let explanation = browser.text(".hw-row[data-quantity='gradients.W2'] .hw-explained");
    assert!(explanation.contains("Your ∂L/∂W⁽²⁾ is what this mistake gives"), "{explanation}");
    assert!(explanation.contains("grad_W2 = grad_oa * hs.T"), "{explanation}");
    // The export says the same.
    let export: Value = serde_json::from_str(browser.exec("return document.getElementById('homework-export').value", vec![]).as_str().unwrap_or("")).unwrap();
    assert_eq!(export["format"], "backprop-lab-diagnosis/1");
    assert_eq!(export["first_wrong"], "j");
    assert_eq!(export["mistakes"], serde_json::json!(["ascent", "outer", "relu", "input"]));
    assert_eq!(export["quantities"]["gradients.W2"]["explained_by"], serde_json::json!(["outer"]));
    browser.exec("document.getElementById('homework').scrollIntoView({ block: 'start' })", vec![]);
    browser.screenshot("homework-diagnosis");

    // Switching the mistake on from its explanation: the walk shows it, at its step.
    browser.click(&browser.find(".hw-row[data-quantity='gradients.h_a'] .hw-switch"));
    browser.wait_for(5, "mistakes=relu in the address", |b| b.query_param("mistakes").contains("relu").then_some(()));
    browser.wait_for(5, "the walk at (n)", |b| (current_step(b) == "n").then_some(()));
    let button = browser.text(".hw-row[data-quantity='gradients.h_a'] .hw-switch");
    assert!(button.contains("Switched on"), "{button}");

    // In French.
    browser.click(&browser.find("#lang-switch"));
    let summary = browser.wait_for(5, "French", |b| {
        let s = b.text("#homework-summary");
        s.contains("Première étape fausse").then_some(s)
    });
    assert!(summary.contains("(j) ∂L/∂W⁽²⁾"), "{summary}");
    let verdict = browser.text(".hw-row[data-quantity='gradients.W2'] .hw-verdict");
    assert_eq!(verdict, "faux");
    browser.exec("document.getElementById('homework').scrollIntoView({ block: 'start' })", vec![]);
    browser.screenshot("homework-diagnosis-fr");
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn correct_rounded_values_are_all_right_and_a_bad_paste_keeps_the_diagnosis() {
    let (_server, browser) = open("lang=en");
    paste_and_check(&browser, &answers(Mistakes::NONE));
    let summary = wait_summary(&browser);
    assert!(summary.contains("Every value you gave is right."), "{summary}");
    let verdicts = browser.exec("return [...document.querySelectorAll('.hw-row')].map(r => r.dataset.verdict)", vec![]);
    assert_eq!(verdicts.as_array().map(Vec::len), Some(14));
    assert!(verdicts.as_array().unwrap().iter().all(|v| v == "right"), "{verdicts}");

    // A network too large to check: 2 000 hidden units of 64 inputs (260 000 parameters).
    let row = format!("[{}]", vec!["0"; 64].join(","));
    let big = format!(
        r#"{{"lambda": 0, "y": 0, "x": [{}], "params": {{"W1": [{}], "b1": [{}], "W2": [[{}], [{}]], "b2": [0, 0]}}, "forward": {{"loss": 1}}}}"#,
        vec!["0"; 64].join(","),
        vec![row.as_str(); 2000].join(","),
        vec!["0"; 2000].join(","),
        vec!["0"; 2000].join(","),
        vec!["0"; 2000].join(","),
    );
    for (bad, says) in [
        (big.as_str(), "at most 100000 can be checked"),
        ("", "Paste your answers in JSON first."),
        ("{", "Not valid JSON"),
        (r#"{"lambda": 0}"#, "The field params is missing"),
        (&answers(Mistakes::NONE).replace("\"forward\": {", "\"forward\": {\"o_a\": \"0.5\", "), "forward.o_a: it must be a number"),
        (&answers(Mistakes::NONE).replace("\"gradients\": {", "\"gradients\": {\"b2\": [[[0]]], "), "gradients.b2: row 0 holds lists"),
    ] {
        paste_and_check(&browser, bad);
        let error = browser.wait_for(5, &format!("the error of {bad:.40}"), |b| {
            let e = b.text("#homework-error");
            (!e.is_empty()).then_some(e)
        });
        assert!(error.contains(says), "{bad:?}: {error}");
        assert!(error.contains("the previous diagnosis stays"), "{error}");
        assert!(browser.text("#homework-summary").contains("Every value you gave is right."));
    }
    // Back to the network: the diagnosis belonged to the case, it goes.
    browser.click(&browser.find("#back-to-network"));
    browser.wait_for(5, "no diagnosis", |b| b.exec("return document.getElementById('homework-result')", vec![]).is_null().then_some(()));
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn a_homework_link_opens_the_diagnosis_and_a_broken_one_says_why() {
    let text = answers(Mistake::ElementwiseOuter.into());
    let param = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text.as_bytes());
    let (server, browser) = open(&format!("lang=en&homework={param}"));
    let summary = wait_summary(&browser);
    assert!(summary.contains("(j) ∂L/∂W⁽²⁾"), "{summary}");
    browser.wait_for(5, "the walk at (j)", |b| (current_step(b) == "j").then_some(()));
    assert_eq!(row(&browser, "gradients.W2").1, ["outer"]);
    // The page's own link to the diagnosis opens the same.
    let link = browser.exec("return document.getElementById('homework-link').value", vec![]);
    let link = link.as_str().unwrap_or_default().to_string();
    assert!(link.contains("homework=") && !link.contains("case="), "{link}");
    browser.goto(&link);
    assert!(wait_summary(&browser).contains("(j) ∂L/∂W⁽²⁾"));

    for query in ["homework=not*base64", &format!("homework={}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b"{\"lambda\": 0"))] {
        browser.goto(&server.page(&format!("lang=en&{query}")));
        let notice = browser.wait_for(20, "the notice", |b| {
            let v = b.exec("const n = document.getElementById('homework-link-notice'); return n ? n.textContent : null", vec![]);
            v.as_str().map(str::to_string)
        });
        assert!(notice.starts_with("This link's answers could not be checked."), "{notice}");
        assert!(browser.exec("return document.getElementById('homework-result')", vec![]).is_null());
    }
    browser.click(&browser.find("#dismiss-homework-notice"));
    assert!(severe_console_entries(&browser).is_empty());
}

/// The case's input only, as a `case=` link parameter.
fn case_param() -> String {
    let text = answers(Mistakes::NONE);
    let input = text.split(",\n \"forward\"").next().unwrap_or_default().to_string() + "}";
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(input.as_bytes())
}

/// ∂L/∂W⁽²⁾ with `mistakes`, as numpy prints it (4 decimals), or with decimal commas.
fn printed_w2(mistakes: Mistakes, french: bool) -> String {
    let (p, x, y, lambda) = case();
    let fwd = forward_with(&p, &x, y, mistakes).unwrap();
    let g = backward_with(&p, &fwd, &x, y, mlp::Penalty::weight_decay(lambda), mistakes);
    let rows: Vec<String> = g.w2.row_iter().map(|r| r.iter().map(|v| format!("{v:.4}")).collect::<Vec<_>>().join(if french { " " } else { ", " })).collect();
    if french {
        rows.join("\n").replace('.', ",")
    } else {
        format!("array([[{}]])", rows.join("],\n       ["))
    }
}

fn compare_on_card(b: &Browser, text: &str) -> String {
    let script = "const t = document.getElementById('your-input-j');
        t.value = arguments[0];
        t.dispatchEvent(new Event('input', { bubbles: true }));";
    b.exec(script, vec![Value::from(text)]);
    let before = b.text("#your-result-j");
    b.click(&b.find("#your-check-j"));
    // Each comparison below answers differently from the one before.
    b.wait_for(10, "the card's answer", |b| {
        let t = b.text("#your-result-j");
        (!t.is_empty() && t != before).then_some(t)
    })
}

#[test]
fn a_card_compares_what_numpy_printed_and_outlines_the_wrong_entries() {
    let (_server, browser) = open(&format!("lang=en&step=j&case={}", case_param()));
    browser.wait_for(10, "the case at (j)", |b| (current_step(b) == "j" && b.text(".case-banner").contains("d_h = 3")).then_some(()));
    browser.click(&browser.find("#your-value-j"));
    let answer = compare_on_card(&browser, &printed_w2(Mistake::ElementwiseOuter.into(), false));
    assert!(answer.contains("wrong"), "{answer}");
    assert!(answer.contains("Element-wise product instead of an outer product"), "{answer}");
    let marked = browser.exec("return document.querySelectorAll(\".step-card figure[data-quantity='grad_W2'] td.hw-marked\").length", vec![]);
    assert!(marked.as_u64().unwrap_or(0) > 0, "{marked}");
    browser.screenshot("homework-card");
    // The right values with decimal commas, one row per line: right, and the outline goes.
    let answer = compare_on_card(&browser, &printed_w2(Mistakes::NONE, true));
    assert!(answer.contains("right"), "{answer}");
    let marked = browser.exec("return document.querySelectorAll('td.hw-marked').length", vec![]);
    assert_eq!(marked, 0);
    // Garbage: a reason, no diagnosis.
    for (bad, says) in [("1 @ 2", "Unexpected character “@”"), ("", "No number found."), ("[[1, 2], [3]]", "Row 1 has 1 numbers")] {
        let answer = compare_on_card(&browser, bad);
        assert!(answer.contains(says), "{bad:?}: {answer}");
    }
    let answer = compare_on_card(&browser, "[0.1, 0.2, 0.3]");
    assert!(answer.contains("Expected shape 2 × 3, given 1 × 3."), "{answer}");
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn a_link_names_the_first_wrong_step_and_the_mistake_of_each_step() {
    use Mistake::*;
    let (server, browser) = open("lang=en");
    // One mistake per step of the walk that has one, values rounded to 4 decimals.
    for (mistake, step, quantity) in [
        (SignSwapped, "g", "gradients.o_a"),
        (WrongClass, "g", "gradients.o_a"),
        (ElementwiseOuter, "j", "gradients.W2"),
        (PreActivation, "j", "gradients.W2"),
        (ElementwiseMatVec, "l", "gradients.h_s"),
        (ReluPositiveGrad, "n", "gradients.h_a"),
        (StrayInputFactor, "q", "gradients.x"),
        (MissingFactorTwo, "r", "regularized_gradients.W1"),
        (NoPenalty, "r", "regularized_gradients.W1"),
        (PenalizedBiases, "r", "regularized_gradients.b1"),
        (GradientAscent, "f", "updated_params.W1"),
        (NoUpdate, "f", "updated_params.W1"),
    ] {
        let text = answers(mistake.into());
        let param = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text.as_bytes());
        browser.goto(&server.page(&format!("lang=en&homework={param}")));
        let summary = wait_summary(&browser);
        let first = browser.exec("return document.getElementById('homework-summary').dataset.firstWrong", vec![]);
        assert_eq!(first, step, "{mistake:?}: {summary}");
        let (verdict, named) = row(&browser, quantity);
        assert_eq!(verdict, "wrong", "{mistake:?}");
        assert!(named.iter().any(|k| k == mistake.key()), "{mistake:?}: {named:?}");
        browser.wait_for(5, "the walk at its step", |b| (current_step(b) == step).then_some(()));
    }
    assert!(severe_console_entries(&browser).is_empty());
}
