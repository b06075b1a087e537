//! End-to-end tests of "Export weights" and "Load weights", through the built page in headless
//! Chromium: the file holds the trained network; loaded back into a fresh page it is the
//! network the stepper walks and the lab trains from; bad files and other shapes are refused
//! with a message and the network stays.

mod support;

use serde_json::Value;
use support::webdriver::Browser;
use support::{open, severe_console_entries};

/// Catches the next download: its file name and text.
fn catch_download(b: &Browser) {
    b.exec(
        "window.__download = null;
         const make = URL.createObjectURL;
         URL.createObjectURL = function (blob) { window.__blob = blob; return make.call(URL, blob); };
         HTMLAnchorElement.prototype.click = function () {
           const name = this.download, blob = window.__blob;
           blob.text().then(text => { window.__download = { name, text }; });
         };",
        vec![],
    );
}

fn caught(b: &Browser) -> (String, String) {
    let v = b.wait_for(5, "the download", |b| Some(b.exec("return window.__download", vec![])).filter(|v| !v.is_null()));
    (v["name"].as_str().unwrap_or("").to_owned(), v["text"].as_str().unwrap_or("").to_owned())
}

/// Chooses a file named `name` holding `text` in the "Load weights" picker.
fn load_file(b: &Browser, name: &str, text: &str) {
    support::choose_file(b, "load-weights", name, text);
}

fn status(b: &Browser) -> String {
    b.text("#weights-status")
}

/// The stepper's case export (the network it walks).
fn walked(b: &Browser) -> Value {
    let text = b.exec("return document.getElementById('case-export').value", vec![]);
    serde_json::from_str(text.as_str().unwrap_or("")).expect("the case export is JSON")
}

fn train_epochs(b: &Browser, epochs: u64) {
    b.click(&b.find("#step-epoch"));
    for _ in 1..epochs {
        b.click(&b.find("#step-epoch"));
    }
    b.wait_for(10, "the epochs", |b| {
        let epoch = b.exec("return +document.getElementById('training-status').dataset.epoch", vec![]);
        (epoch.as_u64() == Some(epochs)).then_some(())
    });
}

#[test]
fn exported_weights_load_back_as_the_network_to_walk_and_train() {
    let (_server, browser) = open("lang=en&dh=5");
    train_epochs(&browser, 4);
    catch_download(&browser);
    browser.click(&browser.find("#export-weights"));
    let (name, text) = caught(&browser);
    assert_eq!(name, "backprop-weights.json");
    let weights: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!((weights["d"].as_u64(), weights["d_h"].as_u64(), weights["m"].as_u64()), (Some(2), Some(5), Some(2)));
    // They are the trained network: the one the stepper walks after training.
    browser.wait_for(5, "the stepper on the trained network", |b| (walked(b)["params"] == weights["params"]).then_some(()));

    // A fresh page: other weights until the file is loaded.
    let (_server2, fresh) = open("lang=en&dh=5");
    assert_ne!(walked(&fresh)["params"], weights["params"]);
    load_file(&fresh, "mine.json", &text);
    fresh.wait_for(5, "the loaded weights", |b| status(b).starts_with("✓ mine.json: weights loaded (d = 2, d_h = 5, m = 2)").then_some(()));
    fresh.wait_for(5, "the stepper on the loaded weights", |b| (walked(b)["params"] == weights["params"]).then_some(()));
    fresh.exec("document.getElementById('weights-tools').scrollIntoView({block: 'center'})", vec![]);
    fresh.screenshot("weights-loaded");
    // Training starts from them: its first record is the loaded network's.
    let before = fresh.exec("return +document.getElementById('training-status').dataset.trainLoss", vec![]).as_f64().unwrap_or(f64::NAN);
    let original = browser.exec("return +document.getElementById('training-status').dataset.trainLoss", vec![]).as_f64().unwrap_or(f64::NAN);
    assert!((before - original).abs() < 1e-12, "the loaded network's loss {before} is the trained one's {original}");
    train_epochs(&fresh, 1);
    // Reset comes back to them; re-initialize forgets them.
    fresh.click(&fresh.find("#reset"));
    fresh.wait_for(5, "reset to the loaded weights", |b| (walked(b)["params"] == weights["params"]).then_some(()));
    fresh.click(&fresh.find("#reinit"));
    fresh.wait_for(5, "new seeded weights", |b| (walked(b)["params"] != weights["params"]).then_some(()));
    assert_eq!(status(&fresh), "");
    assert!(severe_console_entries(&fresh).is_empty());
}

#[test]
fn bad_files_and_other_shapes_are_refused_with_a_message() {
    let (_server, browser) = open("lang=en&dh=5");
    let network = walked(&browser)["params"].clone();
    let cases = [
        ("broken.json", "{\"params\": [1, 2", "Not valid JSON"),
        ("empty.json", "", "Not valid JSON"),
        ("case.json", "{\"lambda\": 0}", "params"),
        (
            "ragged.json",
            r#"{"params": {"W1": [[1, 2], [3]], "b1": [0, 0], "W2": [[1, 2], [3, 4]], "b2": [0, 0]}}"#,
            "W1",
        ),
    ];
    for (name, text, says) in cases {
        load_file(&browser, name, text);
        let shown = browser.wait_for(5, name, |b| Some(status(b)).filter(|s| s.starts_with(&format!("{name}:"))));
        assert!(shown.contains(says) && shown.ends_with("The network's weights did not change."), "{name}: {shown}");
        let class = browser.exec("return document.getElementById('weights-status').className", vec![]);
        assert!(class.as_str().unwrap_or("").contains("field-error"), "{name}");
        assert_eq!(walked(&browser)["params"], network, "{name}");
    }
    // Weights of a 2-3-2 network for a 2-5-2 one: the sizes are named.
    let other = r#"{"params": {"W1": [[1, 2], [3, 4], [5, 6]], "b1": [0, 0, 0], "W2": [[1, 2, 3], [4, 5, 6]], "b2": [0, 0]}}"#;
    load_file(&browser, "small.json", other);
    let shown = browser.wait_for(5, "the shapes", |b| Some(status(b)).filter(|s| s.starts_with("small.json:")));
    assert!(shown.contains("these weights are for d = 2, d_h = 3, m = 2 but the network has d = 2, d_h = 5, m = 2"), "{shown}");
    assert_eq!(walked(&browser)["params"], network);
    // In French too.
    browser.click(&browser.find("#lang-switch"));
    load_file(&browser, "small.json", other);
    browser.wait_for(5, "the French message", |b| {
        status(b).contains("ces poids sont pour d = 2, d_h = 3, m = 2 mais le réseau a d = 2, d_h = 5, m = 2").then_some(())
    });
    browser.exec("document.getElementById('weights-tools').scrollIntoView({block: 'center'})", vec![]);
    browser.screenshot("weights-other-shape-fr");
    assert!(severe_console_entries(&browser).is_empty());
}
