//! The browser side: the cases as functions exported to JavaScript (`web/index.html` calls
//! them), and the canvas the repaints are put on, as the page puts them.
//!
//! `run_benchmarks` runs everything in one call (the page is unresponsive meanwhile, ≈ 30 s);
//! the bench page instead calls `bench_case_count` / `bench_run_case` one case at a time,
//! yielding to the browser in between so WebDriver can poll it, then `bench_results`.

use crate::cases::{cases, MapSize};
use crate::results::ComputeResults;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

thread_local! {
    static RESULTS: RefCell<ComputeResults> = RefCell::new(ComputeResults::new("wasm"));
}

/// Runs every case and returns the figures as JSON ([`ComputeResults`]).
#[wasm_bindgen]
pub fn run_benchmarks() -> String {
    for i in 0..bench_case_count() {
        bench_run_case(i);
    }
    bench_results()
}

/// The number of cases.
#[wasm_bindgen]
pub fn bench_case_count() -> usize {
    cases().len()
}

/// The name of case `i`, for the progress line.
#[wasm_bindgen]
pub fn bench_case_name(i: usize) -> String {
    cases().get(i).map(|c| c.name()).unwrap_or_default()
}

/// Runs case `i` and keeps its figures for [`bench_results`].
#[wasm_bindgen]
pub fn bench_run_case(i: usize) {
    let Some(case) = cases().get(i).copied() else { return };
    let mut canvas = Canvas::default();
    let mut put = |rgba: &[u8], size: &MapSize| canvas.put(rgba, size);
    RESULTS.with_borrow_mut(|results| crate::run_case(&case, results, Some(&mut put)));
}

/// The figures of the cases run so far, as JSON.
#[wasm_bindgen]
pub fn bench_results() -> String {
    RESULTS.with_borrow(|results| serde_json::to_string(results).expect("figures serialize"))
}

/// A canvas in the document, made on first use at the size an image asks for.
#[derive(Default)]
struct Canvas {
    current: Option<(u32, HtmlCanvasElement, CanvasRenderingContext2d)>,
}

impl Drop for Canvas {
    fn drop(&mut self) {
        if let Some((_, canvas, _)) = self.current.take() {
            canvas.remove();
        }
    }
}

impl Canvas {
    /// What `src/components/region_layer.rs` does with a repaint: a white background over the
    /// whole canvas, then the image in one `putImageData` at the plot area's offset.
    fn put(&mut self, rgba: &[u8], size: &MapSize) {
        let (_, _, context) = self.for_size(size.canvas);
        let side = f64::from(size.canvas);
        context.set_fill_style_str("#ffffff");
        context.fill_rect(0.0, 0.0, side, side);
        let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), size.width, size.height)
            .expect("an ImageData of the image's size");
        context
            .put_image_data(&image, f64::from(size.left), f64::from(size.top))
            .expect("putImageData");
    }

    fn for_size(&mut self, side: u32) -> &(u32, HtmlCanvasElement, CanvasRenderingContext2d) {
        if self.current.as_ref().is_none_or(|(s, _, _)| *s != side) {
            if let Some((_, old, _)) = self.current.take() {
                old.remove();
            }
            let document = web_sys::window().and_then(|w| w.document()).expect("a document");
            let canvas: HtmlCanvasElement =
                document.create_element("canvas").expect("a canvas").dyn_into().expect("a canvas element");
            canvas.set_width(side);
            canvas.set_height(side);
            canvas.set_id("bench-canvas");
            document.body().expect("a body").append_child(&canvas).expect("append the canvas");
            let context = canvas
                .get_context("2d")
                .ok()
                .flatten()
                .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
                .expect("a 2d context");
            self.current = Some((side, canvas, context));
        }
        self.current.as_ref().expect("just made")
    }
}
