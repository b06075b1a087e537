//! In-page tests of the training-curves panel, mounted alone in headless Chromium with a
//! synthetic history: the charts are drawn (their pixels are read back), the best epoch, the
//! table and the export say what the history holds, and an empty history shows a placeholder.
#![cfg(target_arch = "wasm32")]

use backprop_lab::components::CurvesPanel;
use backprop_lab::i18n::Lang;
use backprop_lab::plot::curves::SET_COLOURS;
use backprop_lab::settings::Settings;
use leptos::prelude::*;
use mlp::{EpochRecord, SetStats};
use std::cell::RefCell;
use std::rc::Rc;
use std::task::{Poll, Waker};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::js_sys::{Array, Reflect, JSON};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Epoch e: training loss 1/(1+e), objective + 0.05, error 0.2/(1+e); the validation loss is
/// lowest, 0.123, at epoch 30; the test set is `with_test` only.
fn history(epochs: usize, with_test: bool) -> Vec<EpochRecord> {
    (0..epochs)
        .map(|e| {
            let x = e as f64;
            let train = SetStats { loss: 1.0 / (1.0 + x), objective: 1.0 / (1.0 + x) + 0.05, error: 0.2 / (1.0 + x) };
            let v = 0.123 + 0.0005 * (x - 30.0).powi(2);
            let valid = SetStats { loss: v, objective: v + 0.05, error: 0.1 };
            let test = SetStats { loss: v + 0.01, objective: v + 0.06, error: 0.15 };
            // The weights: ‖W⁽¹⁾‖ falls from 3 to 1, ‖W⁽²⁾‖ rises; W⁽¹⁾'s share at 0 climbs to 80 %.
            let weights = mlp::WeightStats { penalty: 0.05, norm_w1: 1.0 + 2.0 / (1.0 + x), norm_w2: 1.0 + x / 50.0, zero_w1: 0.8 * x / (x + 5.0), zero_w2: 0.0 };
            EpochRecord { epoch: e, train, valid: Some(valid), test: with_test.then_some(test), dead_units: 2, weights }
        })
        .collect()
}

/// The panel mounted in its own container, with its signals.
struct Mounted {
    root: HtmlElement,
    history: RwSignal<Vec<EpochRecord>>,
    lang: RwSignal<Lang>,
}

/// Mounts the panel alone, in English, on `records`, with `best` if given, and lets it draw.
async fn mount(records: Vec<EpochRecord>, best: Option<RwSignal<Option<usize>>>) -> Mounted {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let root: HtmlElement = document.create_element("div").expect("div").unchecked_into();
    document.body().expect("body").append_child(&root).expect("append");
    let history = RwSignal::new(records);
    let lang = RwSignal::new(Lang::En);
    let settings = RwSignal::new(Settings::default());
    leptos::mount::mount_to(root.clone(), move || {
        provide_context(lang);
        match best {
            Some(best) => view! { <CurvesPanel history=history.into() settings=settings best=best.into() /> }.into_any(),
            None => view! { <CurvesPanel history=history.into() settings=settings /> }.into_any(),
        }
    })
    .forget();
    settle().await;
    Mounted { root, history, lang }
}

/// Lets effects run, then waits two animation frames: the charts draw in the next frame.
/// Lets the effects run and the charts draw: they draw in an animation frame, at most every
/// 100 ms (`MIN_INTERVAL_MS` of the chart module), so this waits frames for 120 ms, then two more.
async fn settle() {
    leptos::task::tick().await;
    let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    let start = now();
    while now() - start < 120.0 {
        next_frame().await;
    }
    next_frame().await;
    next_frame().await;
}

/// Resolves at the next `requestAnimationFrame`.
async fn next_frame() {
    let state = Rc::new(RefCell::new((false, None::<Waker>)));
    let fired = Rc::clone(&state);
    request_animation_frame(move || {
        let mut s = fired.borrow_mut();
        s.0 = true;
        if let Some(waker) = s.1.take() {
            waker.wake();
        }
    });
    std::future::poll_fn(|cx| {
        let mut s = state.borrow_mut();
        if s.0 {
            Poll::Ready(())
        } else {
            s.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    })
    .await;
}

fn element<T: JsCast>(root: &HtmlElement, css: &str) -> T {
    root.query_selector(css).ok().flatten().unwrap_or_else(|| panic!("no element {css}")).unchecked_into()
}

fn text(root: &HtmlElement, css: &str) -> String {
    element::<HtmlElement>(root, css).text_content().unwrap_or_default().trim().to_owned()
}

fn hidden(root: &HtmlElement, css: &str) -> bool {
    element::<HtmlElement>(root, css).has_attribute("hidden")
}

/// The canvas's RGBA pixels.
fn pixels(root: &HtmlElement, css: &str) -> Vec<u8> {
    let canvas: HtmlCanvasElement = element(root, css);
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok().flatten().expect("a 2d context").unchecked_into();
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    context.get_image_data(0.0, 0.0, w, h).expect("image data").data().to_vec()
}

/// How many pixels are not (nearly) white.
fn inked(pixels: &[u8]) -> usize {
    pixels.chunks(4).filter(|p| p[0] < 250 || p[1] < 250 || p[2] < 250).count()
}

fn has_colour(pixels: &[u8], (r, g, b): (u8, u8, u8)) -> bool {
    pixels.chunks(4).any(|p| p[0] == r && p[1] == g && p[2] == b && p[3] == 255)
}

#[wasm_bindgen_test]
async fn both_charts_are_drawn_with_the_three_sets_colours() {
    let m = mount(history(50, true), None).await;
    for css in ["#curve-loss", "#curve-error"] {
        let data = pixels(&m.root, css);
        // Drawn at the size of its box on screen, at the screen's pixel ratio.
        let canvas: HtmlCanvasElement = element(&m.root, css);
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).clamp(1.0, 4.0);
        let expected = (f64::from(canvas.client_width()) * ratio).round() as u32;
        assert!(canvas.client_width() > 200 && canvas.width() == expected, "{css}: {} px for a box of {} CSS px", canvas.width(), canvas.client_width());
        assert!(data.len() >= 200 * 100 * 4, "{css} is sized for the chart");
        assert!(inked(&data) > 2000, "{css} has only {} non-white pixels", inked(&data));
        for colour in SET_COLOURS {
            assert!(has_colour(&data, (colour.0, colour.1, colour.2)), "{css} lacks the colour {colour:?}");
        }
    }
    assert!(!hidden(&m.root, ".curves-charts") && hidden(&m.root, "#curves-empty"));
}

#[wasm_bindgen_test]
async fn the_penalty_and_the_weights_are_drawn_with_their_colours() {
    let m = mount(history(50, false), None).await;
    let vermillion = (213, 94, 0);
    assert!(has_colour(&pixels(&m.root, "#curve-loss"), vermillion), "the penalty's dotted line");
    for css in ["#curve-norms", "#curve-zeros"] {
        let data = pixels(&m.root, css);
        assert!(inked(&data) > 2000, "{css} has only {} non-white pixels", inked(&data));
        let blue = SET_COLOURS[0];
        assert!(has_colour(&data, (blue.0, blue.1, blue.2)) && has_colour(&data, vermillion), "{css}: W⁽¹⁾ and W⁽²⁾");
    }
    assert!(text(&m.root, "#weights-section").contains("What the penalty does to the weights"));
    assert!(m.root.query_selector("#weight-histograms").ok().flatten().is_none(), "no network given: no histograms");
}

#[wasm_bindgen_test]
async fn the_best_validation_epoch_is_written_out() {
    let m = mount(history(50, true), None).await;
    assert_eq!(text(&m.root, "#best-epoch"), "Best validation loss 0.123 at epoch 30");
    m.lang.set(Lang::Fr);
    settle().await;
    assert_eq!(text(&m.root, "#best-epoch"), "Meilleure perte de validation : 0,123 à l'époque 30");
    assert_eq!(text(&m.root, "#curves-heading"), "Courbes d'apprentissage");
}

#[wasm_bindgen_test]
async fn a_best_epoch_given_by_the_trainer_wins() {
    let best = RwSignal::new(Some(10));
    let m = mount(history(50, true), Some(best)).await;
    // 0.123 + 0.0005 · (10 − 30)² = 0.323
    assert_eq!(text(&m.root, "#best-epoch"), "Best validation loss 0.323 at epoch 10");
    best.set(None);
    settle().await;
    assert!(text(&m.root, "#best-epoch").starts_with("No best validation epoch yet"), "{}", text(&m.root, "#best-epoch"));
    m.history.update(|h| h.iter_mut().for_each(|r| r.valid = None));
    settle().await;
    assert!(text(&m.root, "#best-epoch").starts_with("No validation set"), "{}", text(&m.root, "#best-epoch"));
}

#[wasm_bindgen_test]
async fn the_table_has_the_latest_epochs_numbers() {
    let m = mount(history(50, false), None).await;
    assert_eq!(text(&m.root, "#curves-table caption"), "Epoch 49 (the latest)");
    let cells = |set: &str| {
        ["th", "td.loss", "td.objective", "td.error"].map(|c| text(&m.root, &format!("#curves-table tr[data-set='{set}'] {c}")))
    };
    // 1/50 = 0.02, + 0.05 = 0.07, 0.2/50 = 0.4 %
    assert_eq!(cells("train"), ["training", "0.02000", "0.07000", "0.4"]);
    // 0.123 + 0.0005 · 19² = 0.3035
    assert_eq!(cells("valid"), ["validation", "0.3035", "0.3535", "10.0"]);
    assert_eq!(text(&m.root, "#curves-table tr[data-set='test'] td"), "empty set");
    assert!(text(&m.root, "#dead-units").ends_with(": 2"));
}

/// The pixel columns of the loss chart's left 60 % (the legend, in the upper right corner, has
/// a blue sample) where the training curve (its blue) is drawn in the chart's upper half:
/// where the descent is on screen.
fn descent_columns(root: &HtmlElement) -> usize {
    let canvas: HtmlCanvasElement = element(root, "#curve-loss");
    let (w, h) = (canvas.width() as usize, canvas.height() as usize);
    let data = pixels(root, "#curve-loss");
    let blue = SET_COLOURS[0];
    (0..w * 6 / 10)
        .filter(|&x| (0..h / 2).any(|y| {
            let p = &data[4 * (y * w + x)..4 * (y * w + x) + 3];
            (p[0], p[1], p[2]) == (blue.0, blue.1, blue.2)
        }))
        .count()
}

/// Chooses `key` in the epoch-axis menu, as a student does.
async fn choose_axis(root: &HtmlElement, key: &str) {
    let select: web_sys::HtmlSelectElement = element(root, "#curves-x-axis");
    select.set_value(key);
    select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    }).expect("an event")).expect("dispatched");
    settle().await;
}

#[wasm_bindgen_test]
async fn a_long_run_keeps_its_descent_in_sight_on_the_automatic_axis() {
    // 20 000 epochs of a loss that falls over its first hundred epochs, then stays flat.
    let records: Vec<EpochRecord> = (0..20_000)
        .map(|e| {
            let loss = 0.05 + 0.7 * (-(e as f64) / 30.0).exp();
            let stats = SetStats { loss, objective: loss + 0.01, error: loss / 4.0 };
            EpochRecord { epoch: e, train: stats, valid: Some(stats), test: None, dead_units: 0, weights: mlp::WeightStats::default() }
        })
        .collect();
    let m = mount(records, None).await;
    // The page's width for the chart (this test has no style sheet): it is drawn at that size.
    let canvas: HtmlElement = element(&m.root, "#curve-loss");
    canvas.style().set_property("width", "520px").expect("a width");
    settle().await;
    let auto = descent_columns(&m.root);
    assert!(text(&m.root, ".curve-figure figcaption").contains("Epochs"));
    choose_axis(&m.root, "linear").await;
    let linear = descent_columns(&m.root);
    let linear_pixels = pixels(&m.root, "#curve-loss");
    choose_axis(&m.root, "log").await;
    let log = descent_columns(&m.root);
    choose_axis(&m.root, "last").await;
    let last_pixels = pixels(&m.root, "#curve-loss");
    // On a linear axis of 20 000 epochs the descent is a pixel or two wide; on the automatic
    // (here logarithmic) axis it takes a good part of the chart; the last 500 epochs are
    // another chart again (their flat end, on its own scale).
    assert!(linear <= 4, "linear: {linear} columns");
    assert!(auto >= 60 && auto == log, "automatic: {auto} columns, logarithmic: {log}");
    assert!(last_pixels != linear_pixels, "the window of the last epochs draws the same chart");
}

#[wasm_bindgen_test]
async fn the_log_scale_redraws_the_loss_chart_only() {
    let m = mount(history(50, true), None).await;
    let (loss, error) = (pixels(&m.root, "#curve-loss"), pixels(&m.root, "#curve-error"));
    element::<HtmlElement>(&m.root, "#curves-log").click();
    settle().await;
    assert!(pixels(&m.root, "#curve-loss") != loss, "the loss chart did not change");
    assert!(pixels(&m.root, "#curve-error") == error, "the error chart has no log scale");
    element::<HtmlElement>(&m.root, "#curves-log").click();
    settle().await;
    assert!(pixels(&m.root, "#curve-loss") == loss, "back to the linear axis");
}

#[wasm_bindgen_test]
async fn a_burst_of_updates_is_drawn_in_the_next_frame_as_its_last_one() {
    let m = mount(history(5, true), None).await;
    let before = pixels(&m.root, "#curve-loss");
    for epochs in 6..=40 {
        m.history.set(history(epochs, true));
        leptos::task::tick().await;
    }
    assert_eq!(text(&m.root, "#curves-table caption"), "Epoch 39 (the latest)", "the text follows at once");
    assert!(pixels(&m.root, "#curve-loss") == before, "the chart waits for the animation frame");
    settle().await;
    let burst = pixels(&m.root, "#curve-loss");
    assert!(burst != before && inked(&burst) > 2000);
    let fresh = mount(history(40, true), None).await;
    assert!(burst == pixels(&fresh.root, "#curve-loss"), "the chart shows the last history");
}

#[wasm_bindgen_test]
async fn the_export_is_json_with_the_settings_and_every_epoch() {
    let m = mount(history(50, true), None).await;
    assert!(hidden(&m.root, ".curves-json"), "nothing exported yet");
    element::<HtmlElement>(&m.root, "#export-run").click();
    leptos::task::tick().await;
    let json = element::<HtmlTextAreaElement>(&m.root, "#run-json").value();
    let doc = JSON::parse(&json).unwrap_or_else(|_| panic!("not JSON:\n{json}"));
    let get = |v: &wasm_bindgen::JsValue, key: &str| Reflect::get(v, &key.into()).expect(key);
    assert_eq!(get(&doc, "format").as_string().as_deref(), Some("backprop-lab-run/2"));
    let settings = get(&doc, "settings");
    assert_eq!(get(&settings, "data").as_string().as_deref(), Some("moons"));
    assert_eq!(get(&settings, "dh").as_f64(), Some(8.0));
    assert_eq!(get(&settings, "k").as_f64(), Some(10.0));
    let epochs = Array::from(&get(&doc, "history"));
    assert_eq!(epochs.length(), 50);
    let last = epochs.get(49);
    assert_eq!(get(&get(&last, "train"), "loss").as_f64(), Some(1.0 / 50.0), "full precision");
    assert_eq!(get(&get(&last, "valid"), "error").as_f64(), Some(0.1), "a fraction, not a percentage");
    assert_eq!(text(&m.root, "#run-exported"), "Exported at epoch 49 (50 records). Export again to include later epochs.");
    assert!(!element::<HtmlElement>(&m.root, "#download-run").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn an_empty_history_shows_a_placeholder_then_the_curves() {
    let m = mount(Vec::new(), None).await;
    assert!(!hidden(&m.root, "#curves-empty"));
    assert!(text(&m.root, "#curves-empty").starts_with("No training history yet"));
    assert!(hidden(&m.root, ".curves-charts") && hidden(&m.root, ".curves-numbers"));
    assert_eq!(text(&m.root, "#best-epoch"), "");
    m.history.set(history(3, true));
    settle().await;
    assert!(hidden(&m.root, "#curves-empty") && !hidden(&m.root, ".curves-charts"));
    assert!(has_colour(&pixels(&m.root, "#curve-loss"), (SET_COLOURS[0].0, SET_COLOURS[0].1, SET_COLOURS[0].2)));
}

/// Not a check: prints both charts as PNG data URLs, to look at them
/// (`… --test web_curves -- --include-ignored --nocapture print_the`, then decode the printed
/// URLs).
#[wasm_bindgen_test]
#[ignore]
async fn print_the_charts_as_png() {
    let m = mount(history(50, true), None).await;
    let print = |name: &str, css: &str| {
        let canvas: HtmlCanvasElement = element(&m.root, css);
        console_log!("CHART {name} {}", canvas.to_data_url().unwrap_or_default());
    };
    print("loss", "#curve-loss");
    print("error", "#curve-error");
    element::<HtmlElement>(&m.root, "#export-run").click();
    settle().await;
    console_log!("PANEL {}", m.root.inner_html().replace('\n', "\\n"));
    element::<HtmlElement>(&m.root, "#curves-log").click();
    m.lang.set(Lang::Fr);
    settle().await;
    print("loss-log-fr", "#curve-loss");
}
