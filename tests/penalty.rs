//! The homework's full penalty in the page: the per-layer control and its link keys, step (r)
//! with both terms, and an L1-heavy run that leaves most of W⁽¹⁾ at exactly 0.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::webdriver::Browser;
use support::{go_to, location_query, open, rendered, severe_console_entries, status_number, table_values};

fn value(b: &Browser, id: &str) -> String {
    let v = b.exec("return document.getElementById(arguments[0]).value", vec![Value::from(id)]);
    v.as_str().unwrap_or("").to_string()
}

/// Where the curve of `colour` ends on the chart `id`: the mean position, as fractions of the
/// canvas's width and height (0 = left, top), of its pixels in the rightmost tenth it reaches.
fn curve_end(b: &Browser, id: &str, (r, g, bl): (u8, u8, u8)) -> (f64, f64) {
    let script = "const [id, r, g, b] = arguments;
        const c = document.getElementById(id);
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const hits = [];
        for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) {
            const i = 4 * (y * c.width + x);
            if (Math.abs(d[i] - r) < 30 && Math.abs(d[i + 1] - g) < 30 && Math.abs(d[i + 2] - b) < 30) hits.push([x, y]);
        }
        if (hits.length === 0) return [0, 1];
        const right = Math.max(...hits.map(h => h[0]));
        const end = hits.filter(h => h[0] > right - c.width / 10);
        const mean = k => end.reduce((s, h) => s + h[k], 0) / end.length;
        return [mean(0) / c.width, mean(1) / c.height];";
    let v = b.exec(script, vec![Value::from(id), Value::from(r), Value::from(g), Value::from(bl)]);
    let pair: Vec<f64> = serde_json::from_value(v).unwrap_or_default();
    (pair.first().copied().unwrap_or(0.0), pair.get(1).copied().unwrap_or(1.0))
}

#[test]
fn the_per_layer_control_sets_the_four_coefficients_and_goes_back_to_one_lambda() {
    let (_server, browser) = open("lang=en");
    assert!(rendered(&browser, "field-lambda") && !rendered(&browser, "penalty-coefficients"));
    assert_eq!(value(&browser, "field-lambda"), "0.001");
    browser.click(&browser.find("#penalty-per-layer"));
    browser.wait_for(5, "the four boxes", |b| rendered(b, "penalty-coefficients").then_some(()));
    assert!(!rendered(&browser, "field-lambda"), "one control at a time");
    let values: Vec<String> = ["field-l11", "field-l12", "field-l21", "field-l22"].iter().map(|id| value(&browser, id)).collect();
    assert_eq!(values, ["0", "0.001", "0", "0.001"], "λ₁₂ = λ₂₂ = λ, no L1");
    assert!(browser.text("#penalty-coefficients").contains("λ₁₁ (L1 on W⁽¹⁾)"));
    // λ₁₁ = 0.05: the link writes the four coefficients in place of lambda
    browser.type_into(&browser.find("#field-l11"), "0.05");
    browser.wait_for(5, "l11 in the link", |b| location_query(b).contains("l11=0.05").then_some(()));
    let q = location_query(&browser);
    for pair in ["l11=0.05", "l12=0.001", "l21=0", "l22=0.001"] {
        assert!(q.contains(pair), "{pair} in {q}");
    }
    assert!(!q.contains("lambda="), "{q}");
    // step (r) writes both terms with the coefficients, and says sign(0) = 0
    go_to(&browser, "r");
    let card = browser.text("#step-r");
    assert!(card.contains("sign") && card.contains("sign(0) = 0"), "{card}");
    assert!(card.contains("l11 * np.sign(W1) + 2 * l12 * W1"), "{card}");
    browser.screenshot("penalty-step-r");
    // (f): the L1 step stops at 0, said with its numpy lines
    go_to(&browser, "f");
    let card = browser.text("#step-f");
    assert!(card.contains("soft thresholding") && card.contains("np.maximum(np.abs(u) - eta * l11, 0)"), "{card}");
    // unchecked: back to one λ (λ₁₂'s), written as lambda
    browser.click(&browser.find("#penalty-per-layer"));
    browser.wait_for(5, "lambda back in the link", |b| location_query(b).contains("lambda=0.001").then_some(()));
    assert!(!location_query(&browser).contains("l11="), "{}", location_query(&browser));
    assert!(rendered(&browser, "field-lambda") && !rendered(&browser, "penalty-coefficients"));
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn a_link_with_the_four_coefficients_opens_them_in_french_and_a_bad_one_is_said() {
    let (_server, browser) = open("lang=fr&l11=0,02&l22=0.002&l21=-3");
    browser.wait_for(5, "the four boxes", |b| rendered(b, "penalty-coefficients").then_some(()));
    let checked = browser.exec("return document.getElementById('penalty-per-layer').checked", vec![]);
    assert_eq!(checked.as_bool(), Some(true), "the box is open over coefficients it would hide");
    let values: Vec<String> = ["field-l11", "field-l12", "field-l21", "field-l22"].iter().map(|id| value(&browser, id)).collect();
    assert_eq!(values, ["0.02", "0.001", "0", "0.002"], "the boxes write numbers as links do");
    assert!(browser.text("#penalty-coefficients").contains("λ₂₁ (L1 sur W⁽²⁾)"));
    browser.exec("document.getElementById('penalty-coefficients').scrollIntoView()", vec![]);
    browser.screenshot("penalty-fields-fr");
    let notices = browser.text("#url-notices");
    assert!(notices.contains("l21"), "{notices}");
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn an_l1_heavy_run_ends_with_most_first_layer_weights_at_zero() {
    // λ₁₁ = 0.05 on 16 hidden units: the L1 step drives most of W⁽¹⁾ to exactly 0
    let (_server, browser) = open("lang=en&dh=16&l11=0.05&l12=0.0001&l21=0&l22=0.0001");
    browser.click(&browser.find("#play-pause"));
    browser.wait_for(30, "300 epochs", |b| (status_number(b, "data-epoch") >= 300.0).then_some(()));
    browser.click(&browser.find("#play-pause"));
    go_to(&browser, "a");
    let w1 = table_values(&browser, "W1");
    assert_eq!(w1.len(), 32, "W⁽¹⁾ is 16 × 2");
    let zeros = w1.iter().filter(|w| w.abs() <= 1e-6).count();
    assert!(zeros * 2 > w1.len(), "{zeros} of {} W⁽¹⁾ entries at 0: {w1:?}", w1.len());
    assert!(w1.iter().any(|w| w.abs() > 0.1), "the network still uses some weights: {w1:?}");
    browser.screenshot("penalty-l1-heavy");
    // the histogram of W⁽¹⁾ counts them at 0
    let zeros = browser.exec("return Number(document.getElementById('histogram-w1').dataset.zeros)", vec![]);
    assert_eq!(zeros.as_u64(), Some(w1.iter().filter(|w| w.abs() <= 1e-6).count() as u64));
    assert!(browser.text("#histogram-w1").contains(&format!("{zeros} at 0")), "{}", browser.text("#histogram-w1"));
    // the share at 0 drawn: W⁽¹⁾'s curve (blue) ends in the upper half of its chart
    let (share_x, share_y) = curve_end(&browser, "curve-zeros", (0, 114, 178));
    assert!(share_x > 0.7 && share_y < 0.5, "W⁽¹⁾'s share at 0 ends at ({share_x}, {share_y}) of the chart");
    // and its norm fell: W⁽¹⁾'s curve ends lower than it started
    browser.exec("document.getElementById('weights-section').scrollIntoView()", vec![]);
    browser.screenshot("penalty-weights-section");
    assert!(severe_console_entries(&browser).is_empty());
}
