//! End-to-end tests of where training runs, in headless Chromium: in the Web Worker on a normal
//! page; on the page's own thread — said on the page, and giving the same numbers — when the
//! worker cannot start (its script missing or failing: the page imports the engine's module
//! itself); and nowhere, said on the page, when even the engine's module cannot load.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::server::Server;
use support::webdriver::{Browser, TempDir};
use support::{copy_dist, dist_dir, open, severe_console_entries, wait_for_trainer};

fn runner(b: &Browser) -> String {
    b.exec("return document.getElementById('training-status').dataset.runner", vec![]).as_str().unwrap_or("").to_string()
}

fn note(b: &Browser) -> String {
    b.exec("return document.getElementById('runner-note').textContent", vec![]).as_str().unwrap_or("").to_string()
}

fn epoch(b: &Browser) -> f64 {
    let v = b.exec("return Number(document.getElementById('training-status').dataset.epoch)", vec![]);
    v.as_f64().unwrap_or(f64::NAN)
}

/// The exported history after five "one epoch" clicks.
fn five_epochs(b: &Browser) -> Value {
    for _ in 0..5 {
        b.click(&b.find("#step-epoch"));
    }
    b.wait_for(10, "five epochs", |b| (epoch(b) == 5.0).then_some(()));
    b.click(&b.find("#export-run"));
    let json = b.exec("return document.getElementById('run-json').value", vec![]);
    let run: Value = serde_json::from_str(json.as_str().unwrap_or("")).expect("the exported run is JSON");
    run["history"].clone()
}

/// Plays until the epoch passes 50, then pauses.
fn play_a_little(b: &Browser) {
    b.click(&b.find("#play-pause"));
    b.wait_for(20, "training", |b| (epoch(b) > 50.0).then_some(()));
    b.click(&b.find("#play-pause"));
    b.wait_for(5, "paused", |b| {
        let s = b.exec("return document.getElementById('training-status').dataset.status", vec![]);
        (s == Value::from("paused")).then_some(())
    });
}

/// A copy of the built site with `file` removed (`replacement` None) or replaced, served at /lab/.
fn site_with(file: &str, replacement: Option<&str>) -> (TempDir, Server) {
    let copy = TempDir::new("site-without-worker");
    assert!(dist_dir().join(file).is_file(), "dist/ has {file}");
    copy_dist(&copy.0, &[file]);
    if let Some(text) = replacement {
        std::fs::write(copy.0.join(file), text).expect("write the replacement");
    }
    let server = Server::start_mounts(vec![("/lab/".to_string(), copy.0.clone())]);
    (copy, server)
}

fn site_without(missing: &str) -> (TempDir, Server) {
    site_with(missing, None)
}

#[test]
fn training_runs_in_the_worker() {
    let (_server, browser) = open("lang=en&seed=7&dh=12&eta=0.2&k=5");
    assert_eq!(runner(&browser), "worker");
    assert_eq!(note(&browser), "", "nothing to say when the worker runs");
    play_a_little(&browser);
    let seen = browser.exec("return Number(document.getElementById('training-status').dataset.examplesSeen)", vec![]);
    assert!(seen.as_f64().is_some_and(|n| n > 50.0 * 100.0), "{seen}");
    // Paused: the stepper walks the network of the epoch the status line shows, and says which.
    let walked = |b: &Browser| {
        let v = b.exec("const p = document.getElementById('walked-network'); return [Number(p.dataset.epoch), p.textContent]", vec![]);
        (v[0].as_f64().unwrap_or(f64::NAN), v[1].as_str().unwrap_or("").to_string())
    };
    // "Paused" shows at once; the worker's last snapshot (the epochs it trained before it got
    // the command) follows: wait until the page has it.
    let (walked_epoch, text) = browser.wait_for(5, "the stepper's network", |b| {
        let shown = epoch(b);
        Some(walked(b)).filter(|(e, _)| *e == shown)
    });
    let paused_at = walked_epoch;
    assert!(text.starts_with(&format!("The network after epoch {walked_epoch} (")), "{text}");
    let x_weight = |b: &Browser| b.exec("return document.getElementById('cell-W1-0-0').dataset.value", vec![]);
    let before = x_weight(&browser);
    browser.click(&browser.find("#step-epoch"));
    browser.wait_for(5, "one more epoch in the stepper", |b| (walked(b).0 == paused_at + 1.0).then_some(()));
    // The stepper is off screen: its tables follow 120 ms after a change.
    browser.wait_for(5, "the tables to show the new network", |b| (x_weight(b) != before).then_some(()));
}

#[test]
fn without_the_worker_the_page_trains_on_its_own_thread_says_so_and_gives_the_same_numbers() {
    let query = "lang=en&seed=7&dh=12&eta=0.2&k=5";
    let (_server, browser) = open(query);
    let in_worker = five_epochs(&browser);
    assert_eq!(in_worker.as_array().map(Vec::len), Some(6));
    let regions = |b: &Browser| b.exec("return document.getElementById('regions').toDataURL()", vec![]).as_str().unwrap_or("").to_string();
    let worker_regions = regions(&browser);
    let blank = "const c = document.getElementById('regions'); const e = document.createElement('canvas');
        e.width = c.width; e.height = c.height; return c.toDataURL() === e.toDataURL();";
    assert_eq!(browser.exec(blank, vec![]), Value::from(false), "the worker painted the regions");
    // The worker's script missing (a 404), then a script that fails at once (a browser that
    // cannot run it): both times the page imports the engine's module itself and trains.
    let failing = "throw new Error('this worker cannot run here');";
    for (file, replacement, name) in [("worker.js", None, "missing"), ("worker.js", Some(failing), "failing")] {
        let (_copy, server) = site_with(file, replacement);
        let _ = browser.console(); // what earlier pages logged
        let start = std::time::Instant::now();
        browser.goto(&server.page(query));
        wait_for_trainer(&browser);
        // At once, from the worker's error event (not after the 10 s start timeout).
        let waited = start.elapsed().as_secs_f64();
        assert!(waited < 5.0, "the page fell back after {waited:.1} s with the worker's script {name}");
        assert_eq!(runner(&browser), "main-thread", "with the worker's script {name}");
        // Only the refused script itself is an error: no exception in the page's code.
        let errors: Vec<String> = severe_console_entries(&browser).into_iter().filter(|e| !e.contains("worker.js")).collect();
        assert!(errors.is_empty(), "with the worker's script {name}: {errors:?}");
        assert!(note(&browser).contains("could not start"), "{}", note(&browser));
        assert_eq!(five_epochs(&browser), in_worker, "the same history, bit for bit, with the worker's script {name}");
        // The same decision regions, painted by the same module on the page's thread.
        browser.wait_for(5, "the same regions", |b| (regions(b) == worker_regions).then_some(()));
        play_a_little(&browser);
        browser.screenshot(&format!("main-thread-worker-script-{name}"));
    }
    // In French too.
    let (_copy, server) = site_without("worker.js");
    browser.goto(&server.page("lang=fr"));
    wait_for_trainer(&browser);
    assert!(note(&browser).contains("n'a pas pu démarrer"), "{}", note(&browser));
}

#[test]
fn without_the_engine_s_module_training_says_it_cannot_run_and_the_stepper_still_works() {
    let (_copy, server) = site_without("backprop-lab-worker_bg.wasm");
    let browser = Browser::start();
    browser.goto(&server.page("lang=en&seed=7&dh=12"));
    wait_for_trainer(&browser);
    assert_eq!(runner(&browser), "unavailable");
    let status = || browser.exec("return document.getElementById('training-status').textContent", vec![]);
    assert!(status().as_str().is_some_and(|s| s.starts_with("Training cannot run")), "{}", status());
    // Play does nothing (and says nothing new); the page is alive; the stepper walks θ.
    browser.click(&browser.find("#play-pause"));
    let state = browser.exec("return document.getElementById('training-status').dataset.status", vec![]);
    assert_eq!(state, Value::from("paused"));
    assert!(status().as_str().is_some_and(|s| s.starts_with("Training cannot run")), "{}", status());
    let w = browser.exec("const c = document.getElementById('cell-W1-0-0'); return c ? Number(c.dataset.value) : null", vec![]);
    assert!(w.as_f64().is_some_and(f64::is_finite), "the stepper shows W1: {w}");
    assert_eq!(browser.exec("return !!document.getElementById('crash-banner')", vec![]), Value::from(false), "no crash");
    browser.screenshot("training-unavailable");
    browser.goto(&server.page("lang=fr&seed=7&dh=12"));
    wait_for_trainer(&browser);
    assert!(status().as_str().is_some_and(|s| s.starts_with("L'entraînement ne peut pas tourner")), "{}", status());
}
