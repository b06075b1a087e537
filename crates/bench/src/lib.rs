//! Backprop Lab's compute benchmarks: the page's two hot paths, run by the same Rust code
//! natively and in the browser (wasm32, through `web/index.html`), so the two can be compared
//! side by side.
//!
//! - **SGD steps** ([`steps`]): the training compute alone, the minibatch steps of
//!   `mlp::train::StepKernel` (the kernel `Trainer` steps with) over shuffled epochs, without the
//!   evaluation of the three sets that ends each of the trainer's epochs; same data, network,
//!   η and λ as the trainer below.
//! - **Training** ([`train`]): `mlp::Trainer::train_examples` in the page's chunks, exactly
//!   what the page's animation-frame player calls (`src/lab.rs`, `train_frame`), end-of-epoch
//!   evaluation included, on the data and network the page builds from its link.
//! - **Decision-region repaint** ([`map`]): `backprop_lab::plot::regions::Regions::paint`, and
//!   in the browser also the `ImageData` + `putImageData` the page does with its result
//!   (`src/components/region_layer.rs`).
//!
//! Nothing here asserts anything about time: the driver (`src/main.rs`, run by
//! `scripts/bench`) prints the figures next to the project's targets.

pub mod cases;
pub mod clock;
pub mod map;
pub mod results;
pub mod steps;
pub mod train;

#[cfg(target_arch = "wasm32")]
mod web;

pub use cases::{cases, homework_answers, page_query, page_settings, Case, MapSize, HIDDEN_SIZES, MINIBATCH_SIZES};
pub use results::{ComputeResults, MapResult, TrainResult};

/// Runs case `case` and records its result in `results`. `put` receives each repainted image
/// (see [`map::run`]); `None` measures the computation alone.
pub fn run_case(case: &Case, results: &mut ComputeResults, put: Option<map::Put<'_>>) {
    match *case {
        Case::Steps { d_h, k } => results.steps.push(steps::run(d_h, k)),
        Case::Train { d_h, k } => results.training.push(train::run(d_h, k)),
        Case::Map { d_h, size } => results.map.push(map::run(d_h, &size, put)),
    }
}

/// Every case, natively (map repaints: the computation only; there is no canvas).
#[cfg(not(target_arch = "wasm32"))]
pub fn run_native(mut progress: impl FnMut(&Case)) -> ComputeResults {
    let mut results = ComputeResults::new("native");
    for case in cases() {
        progress(&case);
        run_case(&case, &mut results, None);
    }
    results
}
