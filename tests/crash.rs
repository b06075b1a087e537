//! The page never dies silently: a panic in wasm shows a banner that says so in the page's
//! language and reloads with the settings of the link; a clicked cell or a picked example never
//! outlives the network it belongs to.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::webdriver::Browser;
use support::{open, severe_console_entries};

/// Whether the crash banner is on the page and shown.
fn banner_shown(b: &Browser) -> bool {
    let v = b.exec(
        "const e = document.getElementById('crash-banner');
         return !!e && e.getBoundingClientRect().height > 0 && getComputedStyle(e).display !== 'none'",
        vec![],
    );
    v.as_bool().unwrap_or(false)
}

/// Makes the page's wasm panic, as a bug would: from a task, not from the test's own script.
fn panic_now(b: &Browser) {
    let available = b.exec("return typeof (window.wasmBindings || {}).panicForTest === 'function'", vec![]);
    assert_eq!(available, Value::Bool(true), "the build exports panicForTest");
    b.exec("setTimeout(() => window.wasmBindings.panicForTest())", vec![]);
    b.wait_for(10, "the crash banner", |b| banner_shown(b).then_some(()));
}

fn attr(b: &Browser, css: &str, name: &str) -> String {
    let v = b.exec("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null", vec![Value::from(css), Value::from(name)]);
    v.as_str().unwrap_or("").to_string()
}

fn value(b: &Browser, css: &str) -> String {
    b.exec("return document.querySelector(arguments[0]).value", vec![Value::from(css)]).as_str().unwrap_or("").to_string()
}

#[test]
fn a_panic_shows_a_banner_that_reloads_with_the_settings_kept() {
    let (server, browser) = open("lang=en&dh=5&lambda=0.01&data=spirals&m=3");
    assert!(!banner_shown(&browser), "no banner on a healthy page");
    // Training plays when it happens: the player must stop with the page, not wake it every frame.
    browser.click(&browser.find("#play-pause"));
    panic_now(&browser);

    // What it says, where it is, what it offers.
    let text = browser.text("#crash-banner .crash-message");
    assert_eq!(text, "Something went wrong and the page stopped. Reload — your settings are kept in the link.");
    assert_eq!(attr(&browser, "#crash-banner", "role"), "alert");
    assert_eq!(browser.text("#crash-reload"), "Reload");
    let details = browser.exec("return document.getElementById('crash-details').textContent", vec![]);
    assert!(details.as_str().unwrap_or("").contains("panicForTest") || details.as_str().unwrap_or("").contains("panicked"), "{details}");
    // The rest of the page is inert: the dead app cannot be clicked into looking alive.
    let inert = browser.exec("return document.getElementById('lab').closest('[inert]') !== null", vec![]);
    assert_eq!(inert, Value::Bool(true), "the app is made inert");
    let in_view = browser.exec("const r = document.getElementById('crash-banner').getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight", vec![]);
    assert_eq!(in_view, Value::Bool(true), "the banner is on screen");
    let shot = browser.screenshot("crash-banner-en");
    assert!(shot.exists());
    // The panic is on the console, for a bug report (and only the panic).
    let severe = severe_console_entries(&browser);
    assert!(severe.iter().any(|m| m.contains("panic")), "{severe:?}");
    // The player stopped with the page (the reactive system may still run after a panic that
    // held no borrow, so the status line would show more training if it went on).
    let seen = |b: &Browser| b.exec("return document.getElementById('training-status').dataset.examplesSeen", vec![]);
    let at_panic = seen(&browser);
    std::thread::sleep(std::time::Duration::from_secs(1));
    assert_eq!(seen(&browser), at_panic, "training stopped at the panic");
    let later = severe_console_entries(&browser);
    assert!(later.is_empty(), "nothing runs in the dead page after the panic: {later:?}");

    // Reload keeps the link's settings, and the page is alive again.
    let href = attr(&browser, "#crash-reload", "href");
    assert!(href.contains("dh=5") && href.contains("lambda=0.01") && href.contains("data=spirals"), "{href}");
    browser.click(&browser.find("#crash-reload"));
    browser.wait_for(20, "the page to come back", |b| (!banner_shown(b) && support::coloured_pixels(b) > 500).then_some(()));
    assert_eq!(value(&browser, "#field-d_h"), "5");
    assert_eq!(value(&browser, "#field-lambda"), "0.01");
    assert_eq!(value(&browser, "#field-dataset"), "spirals");
    let inert = browser.exec("return document.querySelector('[inert]') === null", vec![]);
    assert_eq!(inert, Value::Bool(true), "nothing is inert after the reload");

    // "Start over" keeps only the language.
    panic_now(&browser);
    let fresh = attr(&browser, "#crash-start-over", "href");
    assert!(fresh.ends_with("?lang=en") && !fresh.contains("dh="), "{fresh}");
    drop(server);
}

#[test]
fn the_banner_speaks_the_page_s_language() {
    let (_server, browser) = open("lang=fr&dh=3");
    panic_now(&browser);
    assert_eq!(
        browser.text("#crash-banner .crash-message"),
        "Un problème est survenu et la page s'est arrêtée. Rechargez-la : vos réglages sont conservés dans le lien."
    );
    assert_eq!(browser.text("#crash-reload"), "Recharger");
    assert_eq!(browser.text("#crash-start-over"), "Recommencer avec les réglages par défaut");
    browser.screenshot("crash-banner-fr");
}

/// The formula under the cards, as text ("" when no cell is selected).
fn formulas(b: &Browser) -> Vec<(String, String)> {
    let v = b.exec(
        "return [...document.querySelectorAll('.step-card')].map(c => [c.dataset.step, (c.querySelector('.formula') || {}).textContent || ''])",
        vec![],
    );
    serde_json::from_value(v).expect("cards")
}

/// After each change of shape: no panic, the page answers, and no formula of a cell that is gone.
fn still_alive(b: &Browser, what: &str) {
    let severe = severe_console_entries(b);
    assert!(severe.is_empty(), "after {what}: {severe:?}");
    assert!(!banner_shown(b), "after {what}: the crash banner");
    // The page answers: the language switch still works both ways.
    let label = |b: &Browser| b.text("label[for='field-d_h']");
    let before = label(b);
    b.click(&b.find("#lang-switch"));
    b.wait_for(5, &format!("the page to answer after {what}"), |b| (label(b) != before).then_some(()));
    b.click(&b.find("#lang-switch"));
    b.wait_for(5, "the language back", |b| (label(b) == before).then_some(()));
}

#[test]
fn a_selected_cell_never_outlives_its_network() {
    let (_server, browser) = open("lang=en&step=a&dh=8");
    // h^a[7] of the 8-unit network.
    browser.click(&browser.find("#cell-h_a-7-0"));
    browser.wait_for(5, "the formula of h^a[7]", |b| (!formulas(b)[0].1.is_empty()).then_some(()));

    // d_h = 4: h^a[7] is gone; so is its formula.
    browser.type_into(&browser.find("#field-d_h"), "4");
    browser.wait_for(5, "the 4-unit network", |b| (b.exec("return document.querySelectorAll('#cell-h_a-3-0').length === 1 && !document.getElementById('cell-h_a-7-0')", vec![]) == Value::Bool(true)).then_some(()));
    assert_eq!(formulas(&browser)[0].1, "", "no formula of a cell that is gone");
    still_alive(&browser, "d_h 8 → 4 with h^a[7] selected");

    // d_h = 9: h^a[7] exists again, but of another network: the selection is not carried over.
    browser.click(&browser.find("#cell-h_a-3-0"));
    browser.wait_for(5, "the formula of h^a[3]", |b| (!formulas(b)[0].1.is_empty()).then_some(()));
    browser.type_into(&browser.find("#field-d_h"), "9");
    browser.wait_for(5, "the 9-unit network", |b| (b.exec("return !!document.getElementById('cell-h_a-8-0')", vec![]) == Value::Bool(true)).then_some(()));
    assert_eq!(formulas(&browser)[0].1, "");
    still_alive(&browser, "d_h 4 → 9");

    // A loaded case (d = 2, d_h = 3, m = 2) replaces the network under h^a[7].
    browser.click(&browser.find("#cell-h_a-7-0"));
    let cases: Value = serde_json::from_str(include_str!("../crates/mlp/tests/fixtures/cases.json")).expect("cases");
    let case = cases["cases"].as_array().expect("a list").iter().find(|c| c["d_h"] == 3).expect("a 3-unit case").clone();
    browser.exec(
        "const t = document.getElementById('case-input'); t.value = arguments[0]; t.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![Value::from(case.to_string())],
    );
    browser.click(&browser.find("#load-case"));
    browser.wait_for(5, "the case", |b| b.text(".case-status").contains("d_h = 3").then_some(()));
    assert_eq!(formulas(&browser)[0].1, "");
    still_alive(&browser, "a case loaded with h^a[7] selected");
    // And back: the case's h^a[2] is not the 9-unit network's.
    browser.click(&browser.find("#cell-h_a-2-0"));
    browser.wait_for(5, "the formula of the case's h^a[2]", |b| (!formulas(b)[0].1.is_empty()).then_some(()));
    browser.click(&browser.find("#unload-case"));
    browser.wait_for(5, "the 9-unit network back", |b| (b.exec("return !!document.getElementById('cell-h_a-8-0')", vec![]) == Value::Bool(true)).then_some(()));
    assert_eq!(formulas(&browser)[0].1, "");
    still_alive(&browser, "the case unloaded with its h^a[2] selected");

    // d changes (a feature more), with a cell of W1's product selected at step (a).
    browser.click(&browser.find("#cell-h_a-0-0"));
    browser.click(&browser.find("#feature-x1x2"));
    browser.wait_for(5, "d = 3", |b| (b.exec("return document.querySelectorAll(\".step-card figure[data-quantity='x'] tbody tr\").length", vec![]) == Value::from(3)).then_some(()));
    still_alive(&browser, "a feature added");

    // m changes: the softmax of a 2-class network, then 4 classes, at the backward phase where
    // every card shares one selection.
    let href = browser.href();
    let step = href.split(['?', '&']).find(|p| p.starts_with("step=")).unwrap_or("step=").to_string();
    browser.goto(&href.replacen(&step, "step=backward", 1));
    browser.wait_for(20, "the backward phase", |b| (formulas(b).len() > 3).then_some(()));
    browser.click(&browser.find("#cell-grad_o_a-1-0"));
    browser.wait_for(5, "the formula of ∂L/∂o^a[1]", |b| formulas(b).iter().any(|(_, f)| !f.is_empty()).then_some(()));
    // Only the card whose result was clicked writes a formula.
    let shown: Vec<String> = formulas(&browser).into_iter().filter(|(_, f)| !f.is_empty()).map(|(s, _)| s).collect();
    assert_eq!(shown, vec!["g".to_string()], "one formula, on the card of ∂L/∂o^a");
    browser.click(&browser.find("#field-dataset option[value='spirals']"));
    browser.type_into(&browser.find("#field-m"), "4");
    browser.wait_for(5, "m = 4", |b| (b.exec("return !!document.getElementById('cell-grad_o_a-3-0')", vec![]) == Value::Bool(true)).then_some(()));
    still_alive(&browser, "m 2 → 4 at the backward phase");
    browser.click(&browser.find("#cell-grad_o_a-3-0"));
    browser.type_into(&browser.find("#field-m"), "3");
    browser.wait_for(5, "m = 3", |b| (b.exec("return !document.getElementById('cell-grad_o_a-3-0')", vec![]) == Value::Bool(true)).then_some(()));
    assert!(formulas(&browser).iter().all(|(_, f)| f.is_empty()), "no formula of o^a[3] in a 3-class network");
    still_alive(&browser, "m 4 → 3 with ∂L/∂o^a[3] selected");
}

#[test]
fn a_picked_example_and_the_seed_field_follow_new_data() {
    let (_server, browser) = open("lang=en&n=200&seed=1");
    // The last training example of 200 × 0.7 = 140.
    browser.click(&browser.find("#random-example"));
    let picked = browser.text("#current-example");
    assert!(picked.starts_with("Training example #"), "{picked}");
    // Fewer points: an index past the new training set falls back to example 0.
    browser.type_into(&browser.find("#field-n"), "10");
    browser.wait_for(5, "the example to fit the new set", |b| {
        let t = b.text("#current-example");
        let index: usize = t.trim_start_matches("Training example # ").split(':').next()?.trim().parse().ok()?;
        (index < 7).then_some(())
    });
    still_alive(&browser, "n 200 → 10 with an example picked");

    // New data draws a new seed: the field shows it, and it is the link's.
    let seed = value(&browser, "#field-seed");
    browser.click(&browser.find("#new-data"));
    browser.wait_for(5, "the new seed in its field", |b| (value(b, "#field-seed") != seed).then_some(()));
    let shown = value(&browser, "#field-seed");
    let search = browser.search();
    assert!(search.contains(&format!("seed={shown}")), "field {shown}, link {search}");
    still_alive(&browser, "new data");
}
