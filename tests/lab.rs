//! End-to-end tests of the training lab, through the page in headless Chromium: play trains
//! and the regions move, divergence stops with a message, clicks edit the data, and the
//! trajectory is reproducible.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::webdriver::Browser;
use support::{open, severe_console_entries, status_number};

fn status(b: &Browser) -> String {
    let v = b.exec("return document.getElementById('training-status').dataset.status", vec![]);
    v.as_str().unwrap_or("").to_string()
}

fn regions_image(b: &Browser) -> String {
    b.exec("return document.getElementById('regions').toDataURL()", vec![]).as_str().unwrap_or("").to_string()
}

/// The number of training points, from "140 training · …".
fn training_count(b: &Browser) -> usize {
    b.text("#split-summary").split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(usize::MAX)
}

#[test]
fn playing_on_the_moons_lowers_the_loss_and_moves_the_regions() {
    let (_server, browser) = open("lang=en");
    let initial_loss = status_number(&browser, "data-train-loss");
    assert!(initial_loss.is_finite(), "epoch 0 is evaluated before training");
    let before = regions_image(&browser);
    browser.click(&browser.find("#play-pause"));
    assert_eq!(status(&browser), "playing");
    // The regions change between frames while training.
    browser.wait_for(5, "the regions to move", |b| (regions_image(b) != before).then_some(()));
    let moving = regions_image(&browser);
    browser.wait_for(5, "another frame", |b| (regions_image(b) != moving).then_some(()));
    // The training error falls below 10 %.
    browser.wait_for(30, "a training error below 10 %", |b| (status_number(b, "data-train-error") < 0.10).then_some(()));
    browser.screenshot("lab-moons-training");
    browser.exec("document.getElementById('lab').scrollIntoView()", vec![]);
    browser.screenshot("lab-moons-curves");
    browser.click(&browser.find("#play-pause"));
    assert_eq!(status(&browser), "paused");
    let loss = status_number(&browser, "data-train-loss");
    assert!(loss < initial_loss / 2.0, "loss {initial_loss} → {loss}");
    assert!(status_number(&browser, "data-epoch") >= 1.0);
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn a_huge_learning_rate_stops_training_with_a_message() {
    let (_server, browser) = open("lang=en");
    browser.type_into(&browser.find("#field-eta"), "50");
    browser.click(&browser.find("#play-pause"));
    browser.wait_for(20, "the divergence message", |b| (status(b) == "diverged").then_some(()));
    let message = browser.text("#divergence");
    assert!(message.starts_with("Training stopped"), "{message}");
    assert!(message.contains("η"), "the message says what to change: {message}");
    // The page still works: a sane η and a reset train again.
    browser.type_into(&browser.find("#field-eta"), "0.1");
    browser.click(&browser.find("#reset"));
    assert_eq!(browser.text("#divergence"), "");
    browser.click(&browser.find("#step-epoch"));
    // The epoch is trained in the worker: its snapshot comes back a moment later.
    browser.wait_for(10, "epoch 1", |b| (status_number(b, "data-epoch") == 1.0).then_some(()));
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn clicks_add_and_remove_points_and_clear_empties_the_plot() {
    let (_server, browser) = open("lang=en");
    let n = training_count(&browser);
    let plot = browser.find("#data-plot");
    browser.click_at(&plot, 40, -60);
    browser.wait_for(5, "one more training point", |b| (training_count(b) == n + 1).then_some(()));
    browser.click(&browser.find("#click-remove"));
    browser.click_at(&plot, 40, -60);
    browser.wait_for(5, "the point removed", |b| (training_count(b) == n).then_some(()));
    browser.click(&browser.find("#clear-points"));
    browser.wait_for(5, "no point", |b| (training_count(b) == 0).then_some(()));
    assert!(browser.text("#training-status").starts_with("No training point"));
}

/// Pixels of the regions canvas that have class `rgb`'s colour at full confidence.
fn confident_pixels(b: &Browser, rgb: (u8, u8, u8)) -> u64 {
    // Full confidence: 62 % of the class colour over white (src/plot/regions.rs).
    let blend = |c: u8| (255.0 - 0.62 * (255.0 - f64::from(c))).round();
    let script = "const c = document.getElementById('regions');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const [r, g, b] = arguments[0]; let n = 0;
        for (let i = 0; i < d.length; i += 4) {
            if (Math.abs(d[i] - r) <= 3 && Math.abs(d[i + 1] - g) <= 3 && Math.abs(d[i + 2] - b) <= 3) n++;
        }
        return n;";
    let target = Value::from(vec![blend(rgb.0), blend(rgb.1), blend(rgb.2)]);
    b.exec(script, vec![target]).as_u64().unwrap_or(0)
}

#[test]
fn three_blobs_give_three_region_colours() {
    let (_server, browser) = open("lang=en");
    browser.click(&browser.find("#field-dataset option[value='blobs']"));
    browser.type_into(&browser.find("#field-m"), "3");
    browser.wait_for(5, "three classes", |b| b.text("#legend").contains("class 2").then_some(()));
    for _ in 0..20 {
        browser.click(&browser.find("#step-epoch"));
    }
    browser.wait_for(10, "20 epochs", |b| (status_number(b, "data-epoch") == 20.0).then_some(()));
    for rgb in [(0, 114, 178), (213, 94, 0), (0, 158, 115)] {
        let n = confident_pixels(&browser, rgb);
        assert!(n > 500, "class colour {rgb:?}: {n} confident pixels");
    }
}

#[test]
fn four_spirals_mid_training_screenshot() {
    let (_server, browser) = open("lang=en");
    browser.click(&browser.find("#field-dataset option[value='spirals']"));
    browser.type_into(&browser.find("#field-m"), "4");
    browser.type_into(&browser.find("#field-d_h"), "32");
    browser.type_into(&browser.find("#field-eta"), "0.3");
    browser.click(&browser.find("#play-pause"));
    browser.wait_for(20, "some training", |b| (status_number(b, "data-epoch") >= 200.0).then_some(()));
    browser.screenshot("lab-spirals-4-training");
    browser.click(&browser.find("#play-pause"));
    assert!(status_number(&browser, "data-train-loss") < 1.3, "below ln 4 = 1.386: it learns");
}

#[test]
fn the_same_link_gives_the_same_trajectory() {
    let history = |query: &str| {
        let (_server, browser) = open(query);
        for _ in 0..5 {
            browser.click(&browser.find("#step-epoch"));
        }
        browser.wait_for(10, "5 epochs", |b| (status_number(b, "data-epoch") == 5.0).then_some(()));
        browser.click(&browser.find("#export-run"));
        let json = browser.exec("return document.getElementById('run-json').value", vec![]);
        serde_json::from_str::<Value>(json.as_str().unwrap_or("")).expect("the exported run is JSON")
    };
    let query = "lang=en&seed=7&dh=12&eta=0.2&k=5";
    let first = history(query);
    let epochs = first["history"].as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(epochs, 6, "epoch 0 and five epochs: {first}");
    assert!(first["history"][5]["train"]["loss"].as_f64().is_some_and(f64::is_finite));
    // Same link, same data, same initial weights, same shuffles: the same history, bit for bit.
    assert_eq!(first, history(query));
}

#[test]
fn the_copied_link_carries_the_clicked_points() {
    let (server, browser) = open("lang=en");
    let n = training_count(&browser);
    browser.click_at(&browser.find("#data-plot"), 60, 60);
    browser.wait_for(5, "one more point", |b| (training_count(b) == n + 1).then_some(()));
    browser.click(&browser.find("#copy-run-link"));
    let link = browser.exec("return document.getElementById('run-link').value", vec![]);
    let link = link.as_str().unwrap_or("").to_string();
    assert!(link.contains("edits=a"), "{link}");
    let query = link.split_once('?').map(|(_, q)| q.to_string()).unwrap_or_default();
    browser.goto(&server.page(&query));
    browser.wait_for(20, "the same points", |b| (training_count(b) == n + 1).then_some(()));
}

#[test]
fn the_link_box_follows_the_settings_without_pressing_copy() {
    let (_server, browser) = open("lang=en");
    let link = |b: &Browser| b.exec("return document.getElementById('run-link').value", vec![]).as_str().unwrap_or("").to_string();
    browser.wait_for(5, "the link", |b| link(b).contains("dh=8").then_some(()));
    browser.type_into(&browser.find("#field-d_h"), "12");
    browser.wait_for(5, "the new d_h in the link", |b| link(b).contains("dh=12").then_some(()));
    browser.click(&browser.find("#step-next"));
    browser.wait_for(5, "the step in the link", |b| link(b).contains("step=a2").then_some(()));
}

#[test]
fn a_typed_point_does_what_a_click_does_from_the_keyboard() {
    let (server, browser) = open("lang=en");
    let n = training_count(&browser);
    let field = browser.find("#click-at");
    browser.type_into(&field, "0.5, -1");
    browser.press_key(support::webdriver::ENTER);
    browser.wait_for(5, "one more point", |b| (training_count(b) == n + 1).then_some(()));
    let edits = browser.query_param("edits");
    assert_eq!(edits, "a0.5,-1,0", "the point is in the link as clicked points are");
    // Remove mode, then the same point: removed again.
    browser.click(&browser.find("#click-remove"));
    browser.click(&browser.find("#click-at-apply"));
    browser.wait_for(5, "the point removed", |b| (training_count(b) == n).then_some(()));
    // A point off the plot, or not a point, is refused with a message and changes nothing.
    for (typed, message) in [("3, 0", "outside the plot"), ("1", "two numbers"), ("1, abc", "x₂ is not a number")] {
        browser.type_into(&field, typed);
        browser.press_key(support::webdriver::ENTER);
        let shown = browser.wait_for(5, "the message", |b| Some(b.text("#click-at-error")).filter(|t| !t.is_empty()));
        assert!(shown.contains(message), "{typed}: {shown}");
        assert_eq!(training_count(&browser), n);
    }
    assert_eq!(browser.exec("return document.getElementById('click-at').getAttribute('aria-invalid')", vec![]), "true");
    browser.goto(&server.page("lang=fr"));
    browser.wait_for(20, "the page", |b| (support::coloured_pixels(b) > 500).then_some(()));
    browser.type_into(&browser.find("#click-at"), "9; 9");
    browser.click(&browser.find("#click-at-apply"));
    let shown = browser.wait_for(5, "the French message", |b| Some(b.text("#click-at-error")).filter(|t| !t.is_empty()));
    assert!(shown.contains("hors du graphique") && shown.contains("2,5"), "{shown}");
}

#[test]
fn play_pause_play_within_one_frame_trains_at_the_asked_speed_not_twice_it() {
    // 2 epochs per second of 140 training examples: 280 examples a second, whatever the frame rate.
    let (_server, browser) = open("lang=en&speed=2");
    let n = training_count(&browser) as f64;
    // Play, pause, play in one task: the first play's frame has not run yet when the second
    // play schedules its own.
    let start = browser.exec(
        "const b = document.getElementById('play-pause'); b.click(); b.click(); b.click(); return performance.now()",
        vec![],
    );
    std::thread::sleep(std::time::Duration::from_secs(4));
    let end = browser.exec(
        "const s = document.getElementById('training-status'); return [performance.now(), Number(s.dataset.examplesSeen)]",
        vec![],
    );
    let (start, end_ms, seen) = (start.as_f64().unwrap_or(0.0), end[0].as_f64().unwrap_or(0.0), end[1].as_f64().unwrap_or(0.0));
    let expected = 2.0 * n * (end_ms - start) / 1000.0;
    println!("{seen} examples seen in {:.2} s at 2 epochs/s of {n}: {:.2} × the speed", (end_ms - start) / 1000.0, seen / expected);
    assert!(seen > 0.0, "it trains");
    // One loop trains at most the asked pace (a slow machine trains less); two loops twice it.
    assert!(seen <= 1.3 * expected, "{seen} examples where the speed gives {expected:.0}: two training loops");
    assert_eq!(status(&browser), "playing");
}
