//! End-to-end: the built `dist/` served under a sub-path, driven in headless Chromium through
//! the page as a student would use it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::server::MOUNT;
use support::webdriver::Browser;
use support::{open, severe_console_entries};

fn plot_image(b: &Browser) -> String {
    b.exec("return document.getElementById('data-plot').toDataURL()", vec![])
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn page_loads_from_a_sub_path_without_errors_or_foreign_requests() {
    let (server, browser) = open("lang=en");
    assert_eq!(browser.text("h1"), "Backprop Lab");
    assert_eq!(browser.text("#network-size span"), "d = 2 · d_h = 8 · m = 2 → n_θ = 42");
    assert_eq!(browser.text("#split-summary"), "140 training · 30 validation · 30 test");
    let errors = severe_console_entries(&browser);
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    // Every resource the page loaded came from the page's own origin…
    let origin = server.origin.clone();
    let foreign: Value = browser.exec(
        "return performance.getEntriesByType('resource').map(e => e.name)
            .filter(n => !n.startsWith(arguments[0]))",
        vec![Value::from(origin)],
    );
    assert_eq!(foreign, Value::Array(vec![]), "requests to other origins");
    // …and from under the sub-path, which only relative URLs allow.
    let requests = server.requests();
    assert!(requests.iter().any(|p| p.ends_with(".wasm")), "no wasm fetched: {requests:?}");
    assert!(requests.iter().all(|p| p.starts_with(MOUNT)), "requests outside {MOUNT}: {requests:?}");
    browser.screenshot("first-page-en");
}

#[test]
fn changing_the_data_set_redraws_the_canvas() {
    let (_server, browser) = open("lang=en");
    let moons = plot_image(&browser);
    browser.click(&browser.find("#field-dataset option[value='spirals']"));
    browser.wait_for(10, "the plot to change", |b| (plot_image(b) != moons).then_some(()));
    // Four arms: m = 4 is accepted on spirals and the legend grows to four classes.
    browser.type_into(&browser.find("#field-m"), "4");
    browser.wait_for(10, "four legend entries", |b| {
        (b.exec("return document.querySelectorAll('#legend li').length", vec![]) == Value::from(4)).then_some(())
    });
    browser.screenshot("spirals-4-classes");
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn switching_to_french_changes_the_labels_and_the_url() {
    let (_server, browser) = open("lang=en");
    assert_eq!(browser.text("label[for='field-d_h']"), "Hidden units d_h");
    browser.click(&browser.find("#lang-switch"));
    browser.wait_for(5, "French labels", |b| (b.text("label[for='field-d_h']") == "Unités cachées d_h").then_some(()));
    assert_eq!(browser.text("#split-summary"), "140 entraînement · 30 validation · 30 test");
    assert_eq!(browser.exec("return document.documentElement.lang", vec![]), Value::from("fr"));
    let url = Value::from(browser.search());
    assert!(url.as_str().unwrap_or("").contains("lang=fr"), "URL: {url}");
    browser.screenshot("first-page-fr");
    // The language survives a reload through the URL.
    browser.exec("location.reload()", vec![]);
    browser.wait_for(20, "French after reload", |b| {
        let label = b.exec("const l = document.querySelector(\"label[for='field-d_h']\"); return l ? l.textContent : ''", vec![]);
        (label == Value::from("Unités cachées d_h")).then_some(())
    });
}

#[test]
fn invalid_values_show_a_message_next_to_the_field_and_keep_the_page_working() {
    let (_server, browser) = open("lang=en");
    let d_h = browser.find("#field-d_h");
    browser.type_into(&d_h, "0");
    assert_eq!(browser.text("#field-d_h-error"), "Must be at least 1.");
    assert_eq!(browser.exec("return document.getElementById('field-d_h').getAttribute('aria-invalid')", vec![]), Value::from("true"));
    // The last valid value stays in force.
    assert!(browser.text("#network-size span").contains("d_h = 8"));
    browser.type_into(&browser.find("#field-lambda"), "-1");
    assert_eq!(browser.text("#field-lambda-error"), "Must be at least 0.");
    browser.type_into(&browser.find("#field-noise"), "abc");
    assert!(browser.text("#field-noise-error").starts_with("Not a number"));
    // Moons cannot make three classes: the message names the data sets that can.
    browser.type_into(&browser.find("#field-m"), "3");
    let message = browser.text("#data-error");
    assert!(message.starts_with("Two moons allows m = 2 classes, not 3."), "{message}");
    browser.screenshot("invalid-values");
    // Fixing the values clears the messages and the page answers again.
    browser.type_into(&d_h, "16");
    browser.type_into(&browser.find("#field-m"), "2");
    assert_eq!(browser.text("#field-d_h-error"), "");
    assert_eq!(browser.text("#data-error"), "");
    assert!(browser.text("#network-size span").contains("d_h = 16"));
    // In French the same mistake is explained in French.
    browser.click(&browser.find("#lang-switch"));
    browser.type_into(&d_h, "0");
    assert_eq!(browser.text("#field-d_h-error"), "Doit valoir au moins 1.");
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn the_last_input_feature_cannot_be_unchecked() {
    let (_server, browser) = open("lang=en");
    browser.click(&browser.find("#feature-x1x2"));
    assert!(browser.text("#network-size span").starts_with("d = 3"));
    browser.click(&browser.find("#feature-x1"));
    browser.click(&browser.find("#feature-x2"));
    browser.click(&browser.find("#feature-x1x2"));
    assert_eq!(browser.text("#features-error"), "Choose at least one input feature (d ≥ 1).");
    let checked = browser.exec("return document.getElementById('feature-x1x2').checked", vec![]);
    assert_eq!(checked, Value::from(true), "the last feature box must stay checked");
    assert!(browser.text("#network-size span").starts_with("d = 1"));
}
