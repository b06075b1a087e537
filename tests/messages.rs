//! Messages that never mislead, and training a class can follow, through the page in headless
//! Chromium: the lab says when mistakes are on and the divergence message names them; a
//! divergence is recorded, so the curves and the status line show the blow-up; a loaded case's
//! example is the one on the example line; the best epoch survives a long run's thinned
//! history; the teaching pace; Enter, Esc and a menu choice give the keys back to the page.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::webdriver::{Browser, ARROW_RIGHT, ENTER, ESCAPE};
use support::{current_step, open, severe_console_entries};

const CASES: &str = include_str!("../crates/mlp/tests/fixtures/cases.json");

fn attr(b: &Browser, id: &str, name: &str) -> String {
    let script = "const e = document.getElementById(arguments[0]); return e ? (e.getAttribute(arguments[1]) || '') : ''";
    b.exec(script, vec![Value::from(id), Value::from(name)]).as_str().unwrap_or("").to_string()
}

fn status_number(b: &Browser, name: &str) -> f64 {
    attr(b, "training-status", name).parse().unwrap_or(f64::NAN)
}

fn status(b: &Browser) -> String {
    attr(b, "training-status", "data-status")
}

/// The history of the run's JSON export: (epoch, training loss) of each record.
fn exported_history(b: &Browser) -> Vec<(u64, f64)> {
    b.click(&b.find("#export-run"));
    let json = b.exec("return document.getElementById('run-json').value", vec![]);
    let run: Value = serde_json::from_str(json.as_str().unwrap_or("")).expect("the exported run is JSON");
    let history = run["history"].as_array().expect("a history").clone();
    history.iter().map(|r| (r["epoch"].as_u64().unwrap_or(0), r["train"]["loss"].as_f64().unwrap_or(f64::NAN))).collect()
}

/// Whether the element is rendered (not hidden by the layout or a `hidden` attribute).
fn shown(b: &Browser, css: &str) -> bool {
    let script = "const e = document.querySelector(arguments[0]); return !!e && e.checkVisibility()";
    b.exec(script, vec![Value::from(css)]) == Value::Bool(true)
}

#[test]
fn the_lab_says_which_mistakes_are_on_and_a_divergence_names_them() {
    for (lang, title, cause) in [
        ("en", "Gradient ascent in the update", "they are the likely cause"),
        ("fr", "Montée de gradient dans la mise à jour", "elles en sont la cause probable"),
    ] {
        let (_server, b) = open(&format!("lang={lang}&mistakes=ascent&eta=0.5"));
        assert!(b.text("#lab-mistakes").contains(title), "{lang}: {}", b.text("#lab-mistakes"));
        assert!(shown(&b, "#plot-mistakes"), "{lang}: the badge on the plot");
        b.click(&b.find("#play-pause"));
        b.wait_for(30, "the divergence", |b| (status(b) == "diverged").then_some(()));
        let message = b.text("#divergence");
        assert!(message.contains(title) && message.contains(cause), "{lang}: {message}");
        b.screenshot(&format!("messages-mistake-divergence-{lang}"));
        // One click switches them off: the banner, the badge and the link's key go.
        b.click(&b.find("#lab-mistakes-off"));
        b.wait_for(5, "the mistakes off", |b| (b.try_find("#lab-mistakes").is_none()).then_some(()));
        assert!(!shown(&b, "#plot-mistakes"));
        assert!(!b.search().contains("mistakes="), "{}", b.search());
        assert!(severe_console_entries(&b).is_empty());
    }
    // Without mistakes, neither the banner nor the check's "with the mistakes switched on".
    let (_server, b) = open("lang=en");
    assert!(b.try_find("#lab-mistakes").is_none() && b.try_find("#plot-mistakes").is_none());
    let compared = b.text("#check-compared");
    assert!(!compared.contains("mistakes"), "{compared}");
}

#[test]
fn a_divergence_in_the_first_epoch_shows_on_the_curves_and_in_the_status_line() {
    let (_server, b) = open("lang=en&eta=20");
    let before = status_number(&b, "data-train-loss");
    b.click(&b.find("#play-pause"));
    b.wait_for(30, "the divergence", |b| (status(b) == "diverged").then_some(()));
    // The status line reads the diverged network, not the last completed epoch.
    let loss = status_number(&b, "data-train-loss");
    assert!(!(loss < 100.0 * before), "the status line's loss {loss} (before: {before})");
    let line = b.text("#training-status");
    let epoch = status_number(&b, "data-epoch") as u64;
    assert!(line.starts_with(&format!("epoch {epoch} ·")), "{line}");
    assert!(!line.contains("examples/s"), "a stopped lab shows no rate: {line}");
    // The history, which the curves draw, ends with the blow-up.
    let history = exported_history(&b);
    let (last_epoch, last_loss) = *history.last().expect("records");
    assert_eq!(last_epoch, epoch, "{history:?}");
    assert!(last_epoch >= 1 && (last_loss == loss || (last_loss.is_nan() && loss.is_nan())), "{history:?}");
    let caption = b.text("#curves-table caption");
    assert_eq!(caption, format!("Epoch {epoch}, where training diverged (the network as it blew up)"));
    b.exec("document.getElementById('curves-panel').scrollIntoView()", vec![]);
    b.screenshot("messages-divergence-curves");
    // Reset starts over: the diverged record goes with the network.
    b.click(&b.find("#reset"));
    b.wait_for(10, "the reset", |b| (status(b) == "paused" && status_number(b, "data-epoch") == 0.0).then_some(()));
    assert_eq!(exported_history(&b).len(), 1);
}

#[test]
fn a_loaded_case_is_the_example_shown_and_comes_into_view() {
    let all: Value = serde_json::from_str(CASES).expect("the fixture is JSON");
    let case = all["cases"][2].clone(); // d = 2, d_h = 8, m = 3
    let (x, y) = (case["x"].as_array().expect("x").clone(), case["y"].as_u64().expect("y"));
    for lang in ["en", "fr"] {
        let (_server, b) = open(&format!("lang={lang}"));
        let script = "const t = document.getElementById('case-input');
            t.value = arguments[0];
            t.dispatchEvent(new Event('input', { bubbles: true }));
            t.scrollIntoView();";
        b.exec(script, vec![Value::from(case.to_string())]);
        b.click(&b.find("#load-case"));
        b.wait_for(10, "the case", |b| b.try_text("#case-banner").filter(|t| !t.is_empty()));
        let line = b.text("#current-example");
        let written = |v: &Value| {
            let text = format!("{:.4}", v.as_f64().unwrap_or(f64::NAN).abs());
            if lang == "fr" { text.replace('.', ",") } else { text }
        };
        for v in &x {
            assert!(line.contains(&written(v)), "{lang}: x = {v} in {line}");
        }
        assert!(line.contains(&format!("y = {y}")), "{lang}: {line}");
        assert!(!shown(&b, "#random-example") && !shown(&b, "#typed-x"), "{lang}: the choices of another example wait");
        // The stepper's top is on screen.
        let top = b.exec("return document.getElementById('stepper').getBoundingClientRect().top", vec![]);
        let height = b.exec("return window.innerHeight", vec![]);
        let (top, height) = (top.as_f64().unwrap_or(f64::NAN), height.as_f64().unwrap_or(0.0));
        assert!((-5.0..height / 2.0).contains(&top), "{lang}: the stepper at {top} px of {height}");
        b.screenshot(&format!("messages-loaded-case-{lang}"));
        // Back to the network: the training example again, and its choices.
        b.click(&b.find("#back-to-network"));
        b.wait_for(5, "the network's example", |b| b.text("#current-example").contains("(x₁, x₂)").then_some(()));
        assert!(shown(&b, "#random-example"));
    }
}

#[test]
fn the_best_epoch_survives_the_thinning_of_a_long_run() {
    let (_server, b) = open("lang=en");
    b.click(&b.find("#play-pause"));
    // The history keeps every epoch up to 20 000, then every other one, then every fourth.
    b.wait_for(120, "a long run", |b| (status_number(b, "data-epoch") >= 45_000.0).then_some(()));
    b.click(&b.find("#play-pause"));
    b.wait_for(10, "the pause", |b| (status(b) == "paused").then_some(()));
    let best = b.text("#best-epoch");
    let epoch: u64 = best.rsplit(' ').next().and_then(|e| e.parse().ok()).unwrap_or_else(|| panic!("no best epoch in {best:?}"));
    assert!(best.starts_with("Best validation loss"), "{best}");
    assert!(attr(&b, "restore-best", "disabled").is_empty() && b.try_find("#restore-best[disabled]").is_none());
    let history = exported_history(&b);
    let last = history.last().map_or(0, |r| r.0);
    assert!(history.iter().any(|r| r.0 == epoch), "the best epoch {epoch} is among the records");
    let thinned = history.len() < last as usize;
    assert!(thinned, "{} records for {last} epochs", history.len());
    println!("best epoch {epoch} ({}), {} records up to epoch {last}", if epoch % 4 == 0 { "a multiple of the stride" } else { "kept through the thinning" }, history.len());
}

#[test]
fn the_teaching_pace_is_the_default_and_as_fast_as_possible_is_one_click_away() {
    let (_server, b) = open("lang=en&speed=teach");
    assert_eq!(attr(&b, "pace-teach", "aria-pressed"), "true");
    assert_eq!(attr(&b, "pace-fast", "aria-pressed"), "false");
    b.click(&b.find("#play-pause"));
    std::thread::sleep(std::time::Duration::from_secs(3));
    let slow = status_number(&b, "data-epoch");
    // 2 epochs a second at first: about 6 after 3 s (the page's start costs a little).
    assert!((2.0..=12.0).contains(&slow), "{slow} epochs after 3 s at the teaching pace");
    b.click(&b.find("#pace-fast"));
    b.wait_for(5, "the link", |b| (b.query_param("speed") == "0").then_some(()));
    assert_eq!(attr(&b, "pace-fast", "aria-pressed"), "true");
    std::thread::sleep(std::time::Duration::from_secs(2));
    let fast = status_number(&b, "data-epoch");
    assert!(fast > slow + 100.0, "{slow} → {fast} epochs as fast as possible");
    b.click(&b.find("#pace-teach"));
    b.wait_for(5, "the link", |b| (b.query_param("speed") == "teach").then_some(()));
    b.screenshot("messages-teaching-pace");
    // The default, without a speed in the link (`open` would ask for full speed).
    let server = support::server::Server::start(support::dist_dir());
    let b = Browser::start();
    b.goto(&server.page("lang=fr"));
    support::wait_for_trainer(&b);
    assert_eq!(attr(&b, "pace-teach", "aria-pressed"), "true");
    assert_eq!(b.text("#pace-teach"), "Rythme de cours");
}

#[test]
fn enter_esc_and_a_menu_choice_give_the_keys_back_to_the_page() {
    let (_server, b) = open("lang=en&step=a");
    let active_id = |b: &Browser| b.exec("return document.activeElement ? document.activeElement.id : ''", vec![]);
    // d_h typed, then Enter: the field applied it and the arrows step the stepper again.
    b.type_into(&b.find("#field-d_h"), "12");
    b.press_key(ENTER);
    b.wait_for(5, "the focus out of the field", |b| (active_id(b) != Value::from("field-d_h")).then_some(()));
    assert!(b.search().contains("dh=12"), "{}", b.search());
    b.press_key(ARROW_RIGHT);
    b.wait_for(5, "step (a) hˢ", |b| (current_step(b) == "a2").then_some(()));
    // Esc in a field does the same.
    b.click(&b.find("#field-lambda"));
    b.press_key(ESCAPE);
    b.wait_for(5, "the focus out of λ", |b| (active_id(b) != Value::from("field-lambda")).then_some(()));
    b.press_key(ARROW_RIGHT);
    b.wait_for(5, "step (b)", |b| (current_step(b) == "b").then_some(()));
    // A data set chosen with the mouse: → then moves the stepper, not the menu.
    b.click(&b.find("#field-dataset"));
    b.exec("const s = document.getElementById('field-dataset'); s.value = 'circles'; s.dispatchEvent(new Event('change', { bubbles: true }));", vec![]);
    b.wait_for(5, "the focus out of the menu", |b| (active_id(b) != Value::from("field-dataset")).then_some(()));
    b.press_key(ARROW_RIGHT);
    b.wait_for(5, "step (c)", |b| (current_step(b) == "c").then_some(()));
    assert_eq!(b.query_param("data"), "circles");
    // The help says so.
    b.press_key("?");
    b.wait_for(5, "the help", |b| b.try_text("#shortcuts-dialog").filter(|t| t.contains("the keys work on the page again")));
    assert!(severe_console_entries(&b).is_empty());
}
