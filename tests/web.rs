//! In-page tests: the app mounted in a real headless Chromium page by wasm-bindgen-test,
//! driven through DOM events, asserting on what the page shows.
#![cfg(target_arch = "wasm32")]

use backprop_lab::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh app in its own container, in English, and lets it render. (Tests share one
/// page, and the app keeps its language in the URL, so each test sets it first.)
async fn mount() -> HtmlElement {
    let window = web_sys::window().expect("a window");
    let path = window.location().pathname().expect("a path");
    let history = window.history().expect("history");
    // English, first step, no mistakes: tests share one page and its URL. The previous app's
    // changes not written yet (the page writes its URL when idle) are written first, so they
    // cannot land after this reset.
    backprop_lab::url::flush();
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}?lang=en&step=a"))).expect("set the URL");
    let document = window.document().expect("a document");
    let container: HtmlElement = document.create_element("div").expect("div").unchecked_into();
    document.body().expect("body").append_child(&container).expect("append");
    leptos::mount::mount_to(container.clone(), App).forget();
    leptos::task::tick().await;
    container
}

fn text(root: &HtmlElement, css: &str) -> String {
    root.query_selector(css)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_else(|| panic!("no element {css}"))
}

/// Types `value` into the input `css` as a user would: set the value, fire `input`.
async fn type_into(root: &HtmlElement, css: &str, value: &str) {
    let input: HtmlInputElement = root.query_selector(css).ok().flatten().expect(css).unchecked_into();
    input.set_value(value);
    input.dispatch_event(&Event::new("input").expect("event")).expect("dispatch");
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn shows_the_course_network_size() {
    let root = mount().await;
    // n_θ = d_h·d + d_h + m·d_h + m = 16 + 8 + 16 + 2
    assert!(text(&root, "#network-size span").ends_with("n_θ = 42"));
    type_into(&root, "#field-d_h", "10").await;
    // 20 + 10 + 20 + 2
    assert!(text(&root, "#network-size span").ends_with("n_θ = 52"));
}

#[wasm_bindgen_test]
async fn refuses_text_in_a_number_box_with_a_message() {
    let root = mount().await;
    type_into(&root, "#field-lambda", "beaucoup").await;
    assert!(text(&root, "#field-lambda-error").starts_with("Not a number"));
    type_into(&root, "#field-d_h", "0").await;
    assert_eq!(text(&root, "#field-d_h-error"), "Must be at least 1.");
    assert!(text(&root, "#network-size span").contains("d_h = 8"), "the last valid d_h stays");
    type_into(&root, "#field-d_h", "2.5").await;
    assert_eq!(text(&root, "#field-d_h-error"), "Enter a whole number.");
}

#[wasm_bindgen_test]
async fn the_language_switch_translates_the_form() {
    let root = mount().await;
    let button: HtmlElement = root.query_selector("#lang-switch").ok().flatten().expect("switch").unchecked_into();
    assert_eq!(text(&root, "label[for='field-noise']"), "Noise");
    button.click();
    leptos::task::tick().await;
    assert_eq!(text(&root, "label[for='field-noise']"), "Bruit");
    assert_eq!(text(&root, "#lang-switch"), "English");
}

#[wasm_bindgen_test]
async fn draws_the_data_on_the_canvas() {
    let root = mount().await;
    leptos::task::tick().await;
    let canvas: web_sys::HtmlCanvasElement =
        root.query_selector("#data-plot").ok().flatten().expect("canvas").unchecked_into();
    assert!(canvas.width() >= 480, "the canvas is sized for the plot");
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok().flatten().expect("2d context").unchecked_into();
    let pixels = context
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .expect("image data")
        .data();
    // Blue (class 0) and vermillion (class 1) points are both on the plot.
    let has = |(r, g, b): (u8, u8, u8)| pixels.chunks(4).any(|p| p[0] == r && p[1] == g && p[2] == b);
    assert!(has(backprop_lab::palette::class_rgb(0)), "no class-0 colour on the canvas");
    assert!(has(backprop_lab::palette::class_rgb(1)), "no class-1 colour on the canvas");
}

fn step_on_screen(root: &HtmlElement) -> String {
    root.query_selector(".step-card")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("data-step"))
        .unwrap_or_default()
}

fn click(root: &HtmlElement, css: &str) {
    let button: HtmlElement = root.query_selector(css).ok().flatten().expect(css).unchecked_into();
    button.click();
}

#[wasm_bindgen_test]
async fn the_stepper_walks_forward_and_back() {
    let root = mount().await;
    assert_eq!(step_on_screen(&root), "a");
    click(&root, "#step-next");
    leptos::task::tick().await;
    assert_eq!(step_on_screen(&root), "a2");
    click(&root, "#step-last");
    leptos::task::tick().await;
    assert_eq!(step_on_screen(&root), "f");
    // The update step says whether the objective went down on this example.
    assert!(text(&root, "#update-outcome").contains('→'));
    click(&root, "#whole-backward");
    leptos::task::tick().await;
    let cards = root.query_selector_all(".step-card").expect("cards").length();
    assert_eq!(cards, 10, "(g) to (r): ten backward steps");
}
