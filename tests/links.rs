//! End-to-end tests of links: every setting lives in the page URL, so a copied link reproduces
//! the same form, data and initial weights, and a broken link says which value it ignored.
//! Through the page, in headless Chromium.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::webdriver::Browser;
use support::{coloured_pixels, open, severe_console_entries};

/// A teacher's link: spirals with four arms, a wider network, three input features.
const TEACHER: &str = "data=spirals&m=4&dh=16&lambda=0.0005&eta=0.05&seed=7&features=x1,x2,x1x2\
                       &n=300&train=0.6&valid=0.2";

/// The `value` of the element with id `id`, or "" when there is none (yet).
fn value(b: &Browser, id: &str) -> String {
    let v = b.exec("const e = document.getElementById(arguments[0]); return e ? e.value : ''", vec![Value::from(id)]);
    v.as_str().unwrap_or("").to_string()
}

fn checked(b: &Browser, id: &str) -> bool {
    b.exec("return document.getElementById(arguments[0]).checked", vec![Value::from(id)]) == true
}

fn search(b: &Browser) -> String {
    b.search()
}

/// The link's parameters as the page decodes them, e.g. `features` = "x1,x2".
fn param(b: &Browser, name: &str) -> String {
    let v = Value::from(b.query_param(name));
    v.as_str().unwrap_or("").to_string()
}

/// The full-precision entries of W⁽¹⁾ in the stepper (on step a), once they are shown.
fn w1(b: &Browser) -> Vec<f64> {
    b.wait_for(20, "the W1 table", |b| {
        let script = "return [...document.querySelectorAll(\"figure[data-quantity='W1'] td\")]
            .map(td => Number(td.dataset.value))";
        let values: Vec<f64> = serde_json::from_value(b.exec(script, vec![])).unwrap_or_default();
        (!values.is_empty()).then_some(values)
    })
}

fn plot_image(b: &Browser) -> String {
    b.exec("return document.getElementById('data-plot').toDataURL()", vec![]).as_str().unwrap_or("").to_string()
}

/// Opens `url` in the running browser and waits until the app has drawn its data.
fn load(b: &Browser, url: &str) {
    b.goto(url);
    b.wait_for(20, "the data plot to be drawn", |b| (coloured_pixels(b) > 500).then_some(()));
}

/// The notices on screen, as (parameter, text) pairs.
fn notices(b: &Browser) -> Vec<(String, String)> {
    let script = "return [...document.querySelectorAll('#url-notices .url-notice')]
        .map(li => [li.dataset.param, li.textContent])";
    serde_json::from_value(b.exec(script, vec![])).unwrap_or_default()
}

#[test]
fn a_link_restores_the_form_and_the_data() {
    let (_server, browser) = open(&format!("lang=en&{TEACHER}"));
    assert_eq!(value(&browser, "field-dataset"), "spirals");
    for (id, expected) in [("field-m", "4"), ("field-d_h", "16"), ("field-lambda", "0.0005"), ("field-eta", "0.05"),
        ("field-seed", "7"), ("field-n", "300")]
    {
        assert_eq!(value(&browser, id), expected, "#{id}");
    }
    assert!(checked(&browser, "feature-x1x2") && checked(&browser, "feature-x1") && !checked(&browser, "feature-x1sq"));
    // n_θ = d_h·d + d_h + m·d_h + m = 16·3 + 16 + 4·16 + 4
    assert_eq!(browser.text("#network-size span"), "d = 3 · d_h = 16 · m = 4 → n_θ = 132");
    assert_eq!(browser.text("#split-summary"), "180 training · 60 validation · 60 test");
    let classes = browser.exec("return document.querySelectorAll('#legend li').length", vec![]);
    assert_eq!(classes, Value::from(4));
    assert!(notices(&browser).is_empty(), "a good link shows no notice");
    assert_eq!(browser.exec("return document.getElementById('url-notices')", vec![]), Value::Null);
    // The page writes every setting back, so the link it shows is complete.
    for key in ["data", "n", "noise", "seed", "m", "train", "valid", "features", "dh", "lambda", "eta", "k", "init", "speed"] {
        assert!(!param(&browser, key).is_empty(), "{key} missing from {}", search(&browser));
    }
    assert_eq!((param(&browser, "dh"), param(&browser, "features")), ("16".into(), "x1,x2,x1x2".into()));
    assert_eq!(param(&browser, "lang"), "en");
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn editing_the_form_updates_the_link_and_a_reload_restores_it() {
    let (_server, browser) = open("lang=en");
    browser.type_into(&browser.find("#field-d_h"), "12");
    browser.wait_for(5, "dh=12 in the URL", |b| (param(b, "dh") == "12").then_some(()));
    // A French decimal comma is written back with a point.
    browser.type_into(&browser.find("#field-lambda"), "0,002");
    browser.wait_for(5, "lambda=0.002 in the URL", |b| (param(b, "lambda") == "0.002").then_some(()));
    browser.click(&browser.find("#field-dataset option[value='circles']"));
    browser.type_into(&browser.find("#field-m"), "3");
    browser.click(&browser.find("#feature-sinx1"));
    browser.wait_for(5, "the URL to follow", |b| {
        (param(b, "data") == "circles" && param(b, "m") == "3" && param(b, "features") == "x1,x2,sinx1").then_some(())
    });
    // A refused value does not reach the link: the last valid one stays.
    browser.type_into(&browser.find("#field-eta"), "-1");
    assert_eq!(param(&browser, "eta"), "0.1");
    let summary = browser.text("#split-summary");
    browser.exec("location.reload()", vec![]);
    browser.wait_for(20, "the reloaded form", |b| (value(b, "field-d_h") == "12").then_some(()));
    assert_eq!(value(&browser, "field-lambda"), "0.002");
    assert_eq!(value(&browser, "field-dataset"), "circles");
    assert_eq!(value(&browser, "field-m"), "3");
    assert!(checked(&browser, "feature-sinx1"));
    assert_eq!(browser.text("#network-size span"), "d = 3 · d_h = 12 · m = 3 → n_θ = 87");
    assert_eq!(browser.text("#split-summary"), summary);
    assert!(notices(&browser).is_empty());
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn the_same_link_gives_the_same_data_and_initial_weights() {
    let (server, browser) = open(&format!("lang=en&step=a&{TEACHER}&init=3"));
    let (weights, image) = (w1(&browser), plot_image(&browser));
    assert_eq!(weights.len(), 16 * 3, "W1 is d_h × d");
    // The link the page shows (what "copy link" copies), opened again.
    let copied = browser.href();
    load(&browser, &copied);
    assert_eq!(w1(&browser), weights, "same link, same initial weights");
    assert_eq!(plot_image(&browser), image, "same link, same data");
    // The original link once more, then with another re-initialization count: other weights.
    load(&browser, &server.page(&format!("lang=en&step=a&{TEACHER}&init=3")));
    assert_eq!(w1(&browser), weights);
    load(&browser, &server.page(&format!("lang=en&step=a&{TEACHER}&init=4")));
    assert_ne!(w1(&browser), weights, "init changes the weights");
    assert_eq!(plot_image(&browser), image, "but not the data");
}

#[test]
fn each_bad_value_is_named_in_a_notice_and_its_default_is_used() {
    let (server, browser) = open("lang=en");
    // (link, parameter named, form field showing the default); the fractions have no field
    // here, the split summary shows them.
    let cases = [
        ("dh=0", "dh", Some(("field-d_h", "8"))),
        ("eta=abc", "eta", Some(("field-eta", "0.1"))),
        ("data=nope", "data", Some(("field-dataset", "moons"))),
        ("m=5&data=moons", "m", Some(("field-m", "2"))),
        ("train=0.9&valid=0.5", "train", None),
    ];
    for (query, name, field) in cases {
        load(&browser, &server.page(&format!("lang=en&{query}")));
        let shown = notices(&browser);
        let notice = shown.iter().find(|(p, _)| p == name).unwrap_or_else(|| panic!("{query}: no notice in {shown:?}"));
        assert!(notice.1.contains(&format!("“{name}”")), "{query}: {}", notice.1);
        if let Some((id, default)) = field {
            assert_eq!(value(&browser, id), default, "{query}");
        }
        // The page still works: the defaults are drawn, and the link now carries them.
        assert_eq!(browser.text("#network-size span"), "d = 2 · d_h = 8 · m = 2 → n_θ = 42", "{query}");
        assert_eq!(browser.text("#split-summary"), "140 training · 30 validation · 30 test", "{query}");
        assert_eq!(param(&browser, name), written_default(name), "{query}");
        assert!(severe_console_entries(&browser).is_empty(), "{query}");
    }
}

/// What the page writes for `name` with the default settings.
fn written_default(name: &str) -> &'static str {
    match name {
        "dh" => "8",
        "eta" => "0.1",
        "data" => "moons",
        "m" => "2",
        "train" => "0.7",
        _ => "",
    }
}

#[test]
fn the_notices_speak_the_page_s_language_and_can_be_dismissed() {
    let (_server, browser) = open("lang=en&dh=0&eta=abc&data=nope&m=5&train=0.9&valid=0.5");
    let shown = notices(&browser);
    let params: Vec<&str> = shown.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(params, ["data", "dh", "eta", "train", "valid", "m"]);
    assert_eq!(shown[1].1, "The link's value for “dh” (0) was not used: it must be at least 1. Using the default, 8.");
    let roles = browser.exec("return [...document.querySelectorAll('.url-notice')].every(li => li.role === 'status')", vec![]);
    assert_eq!(roles, Value::from(true));
    assert!(browser.screenshot("url-notices").exists());
    // The form works as usual under the notices.
    browser.type_into(&browser.find("#field-d_h"), "4");
    browser.wait_for(5, "dh=4 in the URL", |b| (param(b, "dh") == "4").then_some(()));
    browser.click(&browser.find("#lang-switch"));
    browser.wait_for(5, "French notices", |b| {
        let text = b.text("#url-notices .url-notice[data-param='dh']");
        (text == "La valeur du lien pour « dh » (0) n'a pas été retenue : elle doit valoir au moins 1. \
                   Valeur par défaut utilisée : 8.")
            .then_some(())
    });
    assert_eq!(browser.text("#url-notices-dismiss"), "Masquer");
    browser.exec("window.scrollTo(0, 0)", vec![]);
    browser.screenshot("url-notices-fr");
    browser.click(&browser.find("#url-notices-dismiss"));
    browser.wait_for(5, "the notices to go", |b| {
        (b.exec("return document.getElementById('url-notices')", vec![]) == Value::Null).then_some(())
    });
    assert!(severe_console_entries(&browser).is_empty());
}

/// The address bar is written once the page is idle, whatever the number of changes before
/// (`replaceState` takes milliseconds, which a keystroke's answer should not wait for), and
/// what reads the address from the page ("Copy link") sees every change at once.
#[test]
fn the_address_follows_a_burst_of_changes_in_one_write() {
    let (_server, browser) = open("lang=en");
    // Three keystrokes, each in its own task, right after a frame, then "Copy link" in a task
    // of its own, before the page is idle.
    let script = "const done = arguments[arguments.length - 1];
        const writes = [];
        const replace = history.replaceState.bind(history);
        history.replaceState = (state, title, url) => { writes.push(String(url)); replace(state, title, url); };
        const task = () => new Promise((r) => setTimeout(r, 0));
        const field = document.getElementById('field-lambda');
        requestAnimationFrame(async () => {
            for (const v of ['0.003', '0.004', '0.005']) {
                field.value = v;
                field.dispatchEvent(new Event('input', { bubbles: true }));
                await task();
            }
            document.getElementById('copy-run-link').click();
            const copied = document.getElementById('run-link').value;
            requestAnimationFrame(() => requestIdleCallback(() => {
                history.replaceState = replace;
                done([copied, writes, new URLSearchParams(location.search).get('lambda')]);
            }));
        });";
    let v = browser.exec_async(5, script, vec![]);
    let copied = v[0].as_str().unwrap_or("");
    assert!(copied.contains("lambda=0.005"), "\"Copy link\" copies the settings of now: {copied}");
    let writes = v[1].as_array().cloned().unwrap_or_default();
    // One write when idle: 1, or 2 should an idle moment fall between the keystrokes (one per
    // keystroke, 3, before).
    assert!((1..=2).contains(&writes.len()), "one write when idle, not one per keystroke: {writes:?}");
    assert!(writes.last().and_then(Value::as_str).is_some_and(|w| w.contains("lambda=0.005")), "{writes:?}");
    assert_eq!(v[2], "0.005", "the address has the last value once idle");
}
