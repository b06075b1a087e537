//! Pinned runs in the page: two runs with different λ side by side (their curves overlaid, two
//! decision-region plots, both final errors), a link with pins that retrains both bit for bit,
//! its progress bar, and what unpins them.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::webdriver::Browser;
use support::{location_query, open, severe_console_entries, status_number};

/// Plays until the status says `epochs` epochs or more, then pauses.
fn train_to(b: &Browser, epochs: f64) {
    b.click(&b.find("#play-pause"));
    b.wait_for(60, "the epochs", |b| (status_number(b, "data-epoch") >= epochs).then_some(()));
    b.click(&b.find("#play-pause"));
    b.wait_for(10, "the pause", |b| b.try_find("#play-pause[aria-pressed='false']").map(|_| ()));
}

/// Each pin's letter, state and exact final numbers, in the list's order.
fn pins(b: &Browser) -> Vec<[String; 5]> {
    let script = "return [...document.querySelectorAll('#pin-list li.pin')].map(li =>
        [li.dataset.pin, li.dataset.state, li.dataset.finalLoss || '', li.dataset.weights || '', li.dataset.examples]);";
    serde_json::from_value(b.exec(script, vec![])).unwrap_or_default()
}

/// How many pixels of the canvas `css` are within 25 of `colour` in each channel.
fn pixels_of(b: &Browser, css: &str, (r, g, bl): (u8, u8, u8)) -> u64 {
    let script = "const [css, r, g, b] = arguments;
        const c = document.querySelector(css);
        if (!c || c.width === 0) return 0;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4)
            if (Math.abs(d[i] - r) < 25 && Math.abs(d[i + 1] - g) < 25 && Math.abs(d[i + 2] - b) < 25) n++;
        return n;";
    b.exec(script, vec![Value::from(css), Value::from(r), Value::from(g), Value::from(bl)]).as_u64().unwrap_or(0)
}

/// The colours of pins A and B on the charts (see `PIN_COLOURS`).
const PIN_A: (u8, u8, u8) = (170, 68, 153);
const PIN_B: (u8, u8, u8) = (136, 34, 85);

/// Pins a run at λ = 0 and one at λ = 0.01, then trains a third; returns the page.
fn two_pins() -> (support::server::Server, Browser) {
    let (server, b) = open("lang=en&lambda=0&dh=16&eta=0.2&speed=40");
    assert!(b.try_find("#pin-run[disabled]").is_some(), "nothing to pin before training");
    train_to(&b, 40.0);
    b.click(&b.find("#pin-run"));
    b.wait_for(10, "pin A", |b| (pins(b).len() == 1).then_some(()));
    b.wait_for(10, "a new run from epoch 0", |b| (status_number(b, "data-epoch") == 0.0).then_some(()));
    b.type_into(&b.find("#field-lambda"), "0.01");
    b.wait_for(5, "λ in the link", |b| location_query(b).contains("lambda=0.01").then_some(()));
    train_to(&b, 40.0);
    b.click(&b.find("#pin-run"));
    b.wait_for(10, "pin B", |b| (pins(b).len() == 2).then_some(()));
    b.type_into(&b.find("#field-lambda"), "0.001");
    b.wait_for(5, "λ in the link", |b| location_query(b).contains("lambda=0.001").then_some(()));
    train_to(&b, 10.0);
    (server, b)
}

#[test]
fn pinning_two_runs_with_different_lambda_overlays_their_curves_and_shows_two_region_plots() {
    let (_server, b) = two_pins();
    let list = pins(&b);
    assert_eq!(list.iter().map(|p| (p[0].as_str(), p[1].as_str())).collect::<Vec<_>>(), [("A", "ready"), ("B", "ready")]);
    // What differs, said against the current run (λ = 0.001).
    let texts = b.exec("return [...document.querySelectorAll('#pin-list .pin-differs')].map(e => e.textContent)", vec![]);
    assert_eq!(texts, serde_json::json!(["λ = 0 vs 0.001", "λ = 0.01 vs 0.001"]));
    // Both final errors, and the current run's.
    let compare = b.text("#pins-compare");
    assert!(compare.starts_with("A: ") && compare.contains(" · B: ") && compare.contains("current run: ") && compare.ends_with("(training error)"), "{compare}");
    // The curves: A and B dashed in their colours over the current run's, on the loss and the error charts.
    for chart in ["#curve-loss", "#curve-error"] {
        b.wait_for(5, "the pinned curves", |b| (pixels_of(b, chart, PIN_A) > 60 && pixels_of(b, chart, PIN_B) > 60).then_some(()));
    }
    // Two region plots beside the current one, of its size, with regions and points.
    let plots = b.exec(
        "const main = document.getElementById('data-plot').getBoundingClientRect();
        return [...document.querySelectorAll('#pinned-plots .pinned-plot canvas')].map(c => {
            const r = c.getBoundingClientRect();
            return [c.closest('figure').dataset.pin, Math.round(r.width - main.width), Math.round(r.height - main.height), c.width];
        });",
        vec![],
    );
    let side = b.exec("return document.getElementById('data-plot').width", vec![]);
    assert_eq!(plots, serde_json::json!([["A", 0, 0, side], ["B", 0, 0, side]]));
    for pin in ["A", "B"] {
        let css = format!("#pinned-plots .pinned-plot[data-pin='{pin}'] canvas");
        let blue = pixels_of(&b, &css, (0, 114, 178)) + pixels_of(&b, &css, (213, 94, 0));
        assert!(blue > 100, "pin {pin}'s plot has its points: {blue}");
    }
    assert!(b.text("#pinned-plots .pinned-plot[data-pin='A'] figcaption").starts_with("A: λ = 0 vs 0.001. training error "));
    // The link carries both pins, each with its λ (what differs from the page's).
    let query = location_query(&b);
    let pins_value = b.query_param("pins");
    assert!(pins_value.starts_with("lambda:0;at:") && pins_value.contains("|lambda:0.01;at:"), "{pins_value} in {query}");
    // The exported run carries both pinned runs, with their settings and histories.
    b.click(&b.find("#export-run"));
    let json = b.wait_for(5, "the run's JSON", |b| b.exec("return document.getElementById('run-json').value", vec![]).as_str().filter(|j| !j.is_empty()).map(str::to_owned));
    let doc: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(doc["format"], "backprop-lab-run/2");
    let runs = doc["runs"].as_array().expect("runs");
    assert_eq!(runs.iter().map(|r| (r["pin"].as_str(), r["settings"]["lambda"].as_f64())).collect::<Vec<_>>(), [(Some("A"), Some(0.0)), (Some("B"), Some(0.01))]);
    assert!(runs.iter().all(|r| r["history"].as_array().is_some_and(|h| h.len() > 40) && r["in_link"] == true));
    b.exec("document.getElementById('pinned-plots').scrollIntoView()", vec![]);
    b.screenshot("pins-region-plots");
    b.exec("document.getElementById('pins').scrollIntoView()", vec![]);
    b.screenshot("pins-list");
    assert!(severe_console_entries(&b).is_empty(), "{:?}", severe_console_entries(&b));
}

#[test]
fn a_link_with_pins_retrains_both_runs_bit_for_bit() {
    let (server, b) = two_pins();
    let pinned = pins(&b);
    assert!(pinned.iter().all(|p| !p[2].is_empty() && !p[3].is_empty()), "{pinned:?}");
    let href = b.href();
    drop(b);
    let again = Browser::start();
    again.goto(&href);
    again.wait_for(60, "both pins retrained", |b| {
        let list = pins(b);
        (list.len() == 2 && list.iter().all(|p| p[1] == "ready")).then_some(())
    });
    assert_eq!(pins(&again), pinned, "the same losses, weights and examples, bit for bit");
    assert!(again.try_find("#pins-link-problems").is_none());
    drop(server);
}

#[test]
fn a_long_pinned_run_shows_its_progress_and_a_bad_pin_says_why() {
    let (_server, b) = open("lang=en&dh=32&pins=eta:0.05;at:3000000|n:50;at:10|lambda:-1;at:5");
    b.wait_for(10, "the progress bar", |b| b.try_find("#pin-list li.pin[data-state='training'] progress").map(|_| ()));
    let problems = b.text("#pins-link-problems");
    assert!(problems.contains("2: “n” is not a setting a pin can change"), "{problems}");
    assert!(problems.contains("3: The link's value for “lambda” (-1) was not used"), "{problems}");
    b.exec("document.getElementById('pins').scrollIntoView()", vec![]);
    b.screenshot("pins-retraining");
    b.wait_for(90, "the retrained run", |b| (pins(b).first().map(|p| p[1].clone()).as_deref() == Some("ready")).then_some(()));
    let examples = pins(&b)[0][4].clone();
    assert_eq!(examples, "3000000");
    // The pin's epoch: 3,000,000 examples of 140 a epoch.
    assert!(b.text("#pin-list li.pin .pin-status").contains("(epoch 21428)"), "{}", b.text("#pin-list li.pin"));
}

#[test]
fn unpinning_and_new_data_remove_pins() {
    let (_server, b) = two_pins();
    b.click(&b.find("#pin-list li.pin[data-pin='A'] .unpin"));
    b.wait_for(5, "A unpinned", |b| (pins(b).iter().map(|p| p[0].clone()).collect::<Vec<_>>() == ["B"]).then_some(()));
    let left = b.query_param("pins");
    assert!(left.starts_with("lambda:0.01;at:") && !left.contains('|'), "A left the link too: {left}");
    // A new pin takes the free letter.
    train_to(&b, 3.0);
    b.click(&b.find("#pin-run"));
    b.wait_for(5, "pin A again", |b| (pins(b).iter().map(|p| p[0].clone()).collect::<Vec<_>>() == ["A", "B"]).then_some(()));
    assert!(b.try_find("#pins-unpinned[hidden]").is_some());
    // Other data: the pins, trained on the previous data, go, and the page says why.
    b.type_into(&b.find("#field-seed"), "2");
    b.wait_for(10, "the pins unpinned", |b| pins(b).is_empty().then_some(()));
    assert!(b.text("#pins-unpinned").starts_with("The data changed"));
    assert_eq!(b.query_param("pins"), "");
}
