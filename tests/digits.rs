//! End-to-end tests of the 8×8 handwritten digits, through the built page in headless
//! Chromium: the file is fetched only when they are chosen, and once; the network trains them
//! to the target; the confusion matrix counts what the network predicts; a cell lists
//! its examples; an image becomes the stepper's example; the hidden units' images move.

mod support;

use std::sync::Arc;
use std::time::Instant;

use backprop_lab::data::{make_data, Asset, DataKey};
use mlp::{DatasetKind, Params, Table};
use nalgebra::{DMatrix, DVector};
use serde_json::Value;
use support::webdriver::Browser;
use support::{open, server, wait_for_trainer};

/// How many times the page has fetched the digits' file (its own requests, not the service
/// worker's precaching).
fn fetches(b: &Browser) -> u64 {
    let script = "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/digits.bin')).length";
    b.exec(script, vec![]).as_u64().unwrap_or(0)
}

/// Chooses the digits in the data set menu and waits for their gallery.
fn choose_digits(b: &Browser) {
    b.click(&b.find("#field-dataset option[value='digits']"));
    b.wait_for(20, "the digits' gallery", |b| b.try_find("#gallery button.digit").map(|_| ()));
}

/// The page at `query` (the digits, full speed), once its gallery and its trainer are up.
fn open_digits(query: &str) -> (server::Server, Browser) {
    let server = server::Server::start(support::dist_dir());
    let browser = Browser::start();
    browser.goto(&server.page(&format!("data=digits&speed=0&{query}")));
    browser.wait_for(20, "the digits' gallery", |b| b.try_find("#gallery button.digit").map(|_| ()));
    wait_for_trainer(&browser);
    (server, browser)
}

/// The number of elements `css` selects.
fn count(b: &Browser, css: &str) -> u64 {
    b.exec("return document.querySelectorAll(arguments[0]).length", vec![Value::from(css)]).as_u64().unwrap_or(0)
}

/// The test error the confusion matrix's summary states, as a fraction.
fn shown_test_error(b: &Browser) -> Option<f64> {
    let text = b.try_text("#confusion-summary")?;
    let (errors, total) = text.split(':').nth(1)?.split('(').next()?.split_once('/')?;
    Some(errors.trim().parse::<f64>().ok()? / total.trim().parse::<f64>().ok()?)
}

/// The matrix the page shows: counts[truth][guess].
fn shown_matrix(b: &Browser) -> Vec<Vec<usize>> {
    let script = "const m = [...Array(10)].map(() => Array(10).fill(-1));
        for (const c of document.querySelectorAll('#confusion button.cell'))
            m[+c.dataset.truth][+c.dataset.guess] = +c.textContent;
        return m";
    serde_json::from_value(b.exec(script, vec![])).expect("a 10 × 10 matrix")
}

/// The digits' test set as the page splits it with these settings (seed 1, 70/15/15).
fn test_set() -> Table {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/digits.bin")).expect("the digits' file");
    let table = mlp::dataset::digits::parse(&bytes).expect("the digits");
    let key = DataKey { kind: DatasetKind::Digits, n: 200, noise: 0.1, classes: 10, seed: 1, train_frac: 0.7, valid_frac: 0.15, file: Default::default() };
    let data = make_data(key, &Asset::Ready(Arc::new(table)), None).expect("the split");
    data.table().expect("a table").test.clone()
}

/// The parameters of the stepper's exported case.
fn exported_params(b: &Browser) -> Params {
    let text = b.exec("return document.getElementById('case-export').value", vec![]);
    let case: Value = serde_json::from_str(text.as_str().unwrap_or("")).expect("the case export is JSON");
    let matrix = |v: &Value| {
        let rows: Vec<Vec<f64>> = serde_json::from_value(v.clone()).expect("a matrix");
        DMatrix::from_fn(rows.len(), rows[0].len(), |i, j| rows[i][j])
    };
    let vector = |v: &Value| DVector::from_vec(serde_json::from_value(v.clone()).expect("a vector"));
    let p = &case["params"];
    Params { w1: matrix(&p["W1"]), b1: vector(&p["b1"]), w2: matrix(&p["W2"]), b2: vector(&p["b2"]) }
}

/// argmax o_a of every row of `table` (the first on ties), by the course's forward pass.
fn predictions(params: &Params, table: &Table) -> Vec<usize> {
    (0..table.len())
        .map(|i| {
            let x = DVector::from_column_slice(table.row(i).expect("a row"));
            let forward = mlp::forward(params, &x, 0).expect("a forward pass");
            forward.o_a.argmax().0
        })
        .collect()
}

/// The pixels of the hidden units' images, one string per unit.
fn unit_pixels(b: &Browser) -> Vec<String> {
    let script = "return [...document.querySelectorAll('#hidden-units canvas')].map(c =>
        Array.from(c.getContext('2d').getImageData(0, 0, 8, 8).data).join(','))";
    serde_json::from_value(b.exec(script, vec![])).expect("pixel strings")
}

#[test]
fn choosing_the_digits_fetches_their_file_once_and_trains_them_to_the_target() {
    let (_server, browser) = open("lang=en");
    assert_eq!(fetches(&browser), 0, "the first load does not carry the digits");
    browser.type_into(&browser.find("#field-d_h"), "32");
    choose_digits(&browser);
    assert_eq!(fetches(&browser), 1);
    let size = browser.text("#network-size");
    assert!(size.contains("d = 64 · d_h = 32 · m = 10 → n_θ = 2410"), "{size}");
    assert_eq!(browser.exec("return document.getElementById('field-m').value", vec![]), Value::from("10"));
    assert_eq!(browser.text("#split-summary"), "1258 training · 270 validation · 269 test");
    assert!(browser.text("#data-about").contains("divided by 16"));
    assert_eq!(count(&browser, "#gallery button.digit"), 40);
    assert_eq!(count(&browser, "#confusion button.cell"), 100);
    browser.screenshot("digits-chosen");

    // η = 0.1, K = 10 (the defaults), d_h = 32: play, stop at the best validation epoch.
    browser.click(&browser.find("#stop-at-best"));
    browser.click(&browser.find("#play-pause"));
    let start = Instant::now();
    let reached = browser.wait_for(20, "test error ≤ 4 %", |b| {
        shown_test_error(b).filter(|&e| e <= 0.04).map(|e| (e, start.elapsed(), b.text("#training-status")))
    });
    eprintln!("digits, d_h = 32: test error {:.1} % after {:.1} s of play ({})", 100.0 * reached.0, reached.1.as_secs_f64(), reached.2);
    let stopped = browser.wait_for(60, "the stop at the best validation epoch", |b| {
        let message = b.text("#divergence");
        message.contains("has not improved since epoch").then_some(message)
    });
    let error = shown_test_error(&browser).expect("the test error");
    eprintln!(
        "digits, d_h = 32: {stopped} ({:.1} s of play, {}); test error then {:.1} %",
        start.elapsed().as_secs_f64(),
        browser.text("#training-status"),
        100.0 * error
    );
    assert!(error <= 0.04, "test error at the best validation epoch: {error}");

    // Away and back: the file is not fetched again.
    browser.click(&browser.find("#field-dataset option[value='moons']"));
    browser.wait_for(10, "the moons' plot", |b| (support::coloured_pixels(b) > 500).then_some(()));
    choose_digits(&browser);
    assert_eq!(fetches(&browser), 1, "the digits are kept once read");
    assert!(support::severe_console_entries(&browser).is_empty(), "{:?}", browser.console());
}

#[test]
fn the_views_count_and_show_what_the_network_predicts() {
    let (_server, browser) = open_digits("dh=16&lang=en");
    let before = unit_pixels(&browser);
    assert_eq!(before.len(), 16, "one image per hidden unit");
    browser.click(&browser.find("#play-pause"));
    browser.wait_for(20, "a few epochs", |b| b.text("#training-status").contains("epoch 3").then_some(()));
    browser.click(&browser.find("#play-pause"));
    browser.wait_for(5, "the units' images to move", |b| (unit_pixels(b) != before).then_some(()));

    // The matrix is the exported network's predictions on the test set, cell by cell.
    let test = test_set();
    let (matrix, expected) = browser.wait_for(10, "the matrix of the paused network", |b| {
        let guesses = predictions(&exported_params(b), &test);
        let mut expected = vec![vec![0; 10]; 10];
        for (&truth, &guess) in test.labels.iter().zip(&guesses) {
            expected[truth][guess] += 1;
        }
        let shown = shown_matrix(b);
        (shown == expected).then_some((shown, expected))
    });
    assert_eq!(matrix.iter().flatten().sum::<usize>(), 269);
    let errors: usize = (0..10).flat_map(|t| (0..10).map(move |g| (t, g))).filter(|(t, g)| t != g).map(|(t, g)| expected[t][g]).sum();
    assert!(browser.text("#confusion-summary").starts_with(&format!("Misclassified: {errors} / 269")));

    // A cell lists its examples, and only those.
    let (truth, guess) = (0..10)
        .flat_map(|t| (0..10).map(move |g| (t, g)))
        .filter(|&(t, g)| t != g && matrix[t][g] > 0)
        .max_by_key(|&(t, g)| matrix[t][g])
        .unwrap_or((0, 0));
    let count = matrix[truth][guess];
    browser.click(&browser.find(&format!("#confusion button[data-truth='{truth}'][data-guess='{guess}']")));
    browser.wait_for(5, "the cell's examples", |b| (b.text("#gallery-position") == format!("1–{count} / {count}")).then_some(()));
    let labels: Vec<String> = serde_json::from_value(browser.exec(
        "return [...document.querySelectorAll('#gallery button.digit')].map(e => e.getAttribute('aria-label'))",
        vec![],
    ))
    .expect("labels");
    assert_eq!(labels.len(), count);
    for label in &labels {
        assert!(label.contains(&format!("class {truth}, predicted {guess}")), "{label}");
    }
    browser.screenshot("digits-cell");

    // A hidden unit's image opens its pre-activation in the stepper, marked in the diagram.
    browser.click(&browser.find("#hidden-units li:nth-child(6) button"));
    browser.wait_for(5, "step (a) with hᵃ_5 selected", |b| {
        let ready = b.exec(
            "const svg = document.getElementById('network-diagram');
             return !!svg && svg.dataset.step === 'a' && !!svg.querySelector(\"[data-unit='h5'].focused\")
                 && document.querySelector('#step-a .formula').textContent.includes('5')",
            vec![],
        );
        ready.as_bool().filter(|r| *r)
    });
    assert_eq!(browser.exec("return document.querySelectorAll('#network-diagram .focused').length", vec![]), Value::from(1));
    browser.screenshot("digits-unit-in-stepper");

    // An image becomes the stepper's example: its pixels are x.
    let first = browser.find("#gallery button.digit");
    let index: usize = browser.exec("return +arguments[0].dataset.index", vec![browser.arg(&first)]).as_u64().expect("an index") as usize;
    browser.click(&first);
    let line = browser.wait_for(5, "the test example", |b| {
        let line = b.text("#current-example");
        line.starts_with(&format!("Test example # {index}:")).then_some(line)
    });
    assert!(line.ends_with(&format!("y = {truth} (class {truth})")), "{line}");
    let text = browser.exec("return document.getElementById('case-export').value", vec![]);
    let case: Value = serde_json::from_str(text.as_str().unwrap_or("")).expect("JSON");
    let x: Vec<f64> = serde_json::from_value(case["x"].clone()).expect("x");
    assert_eq!(x, test.row(index).expect("the row"));
    assert_eq!(case["y"], Value::from(truth));
}

/// The RGBA bytes of the canvas under `css`.
fn canvas_bytes(b: &Browser, css: &str) -> Vec<u8> {
    let script = "const c = document.querySelector(arguments[0] + ' canvas');
        return c ? Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data) : []";
    serde_json::from_value(b.exec(script, vec![Value::from(css)])).expect("bytes")
}

#[test]
fn the_stepper_draws_x_its_gradient_and_the_softmax() {
    let (_server, browser) = open_digits("dh=16&lang=en&step=a");
    browser.click(&browser.find("#play-pause"));
    browser.wait_for(20, "a few epochs", |b| b.text("#training-status").contains("epoch 2").then_some(()));
    browser.click(&browser.find("#play-pause"));
    browser.exec("document.getElementById('stepper').scrollIntoView()", vec![]);
    // A test image from the gallery, so the example is not the default one.
    browser.click(&browser.find("#gallery li:nth-child(3) button.digit"));
    browser.wait_for(5, "the test example", |b| b.text("#current-example").starts_with("Test example # 2:").then_some(()));
    let case = browser.wait_for(5, "the paused network's case", |b| {
        let text = b.exec("return document.getElementById('case-export').value", vec![]);
        serde_json::from_str::<Value>(text.as_str().unwrap_or("")).ok()
    });
    let vector = |v: &Value| -> Vec<f64> { serde_json::from_value(v.clone()).expect("a vector") };
    let x = vector(&case["x"]);
    assert_eq!(canvas_bytes(&browser, "#picture-x"), backprop_lab::palette::images::ink_rgba(&x));
    // (q): ∂L/∂x as the exported gradient's diverging image, on its own scale.
    support::go_to(&browser, "q");
    let g = vector(&case["gradients"]["x"]);
    let scale = backprop_lab::palette::images::largest_magnitude(&g);
    assert!(scale > 0.0);
    let expected = backprop_lab::palette::images::diverging_rgba(&g, scale);
    browser.wait_for(5, "the saliency image", |b| (canvas_bytes(b, "#picture-grad_x") == expected).then_some(()));
    browser.exec("document.getElementById('picture-grad_x').scrollIntoView({block: 'center'})", vec![]);
    browser.screenshot("digits-saliency");
    // (c): one bar per class, the true one marked, the widths the probabilities.
    support::go_to(&browser, "c");
    let bars: Vec<(String, bool)> = serde_json::from_value(browser.exec(
        "return [...document.querySelectorAll('#picture-softmax li')].map(li => [li.querySelector('.bar').style.width, li.classList.contains('truth')])",
        vec![],
    ))
    .expect("bars");
    let o_s = vector(&case["forward"]["o_s"]);
    assert_eq!(bars.len(), 10);
    for (k, (width, truth)) in bars.iter().enumerate() {
        let percent: f64 = width.trim_end_matches('%').parse().expect("a width in %");
        assert!((percent - 100.0 * o_s[k]).abs() <= 0.005 + 1e-9, "class {k}: {width} for {}", o_s[k]);
        assert_eq!(*truth, Value::from(k) == case["y"], "class {k}");
    }
}

#[test]
fn the_views_speak_french() {
    let (_server, browser) = open_digits("lang=fr&dh=8");
    assert_eq!(browser.text("#confusion-heading"), "Matrice de confusion");
    assert!(browser.text("#confusion-summary").starts_with("Mal classés :"));
    assert!(browser.text("#data-about").contains("divisé par 16"));
    let label = browser.accessible_name(&browser.find("#gallery button.digit"));
    assert!(label.contains(" : Exemple de test n° 0, classe "), "{label}");
    browser.set_window_size(1280, 900);
    browser.screenshot("digits-fr");
}
