//! What is measured: the network sizes, the minibatch sizes and the image sizes, and the
//! page's settings for each, taken from the app's own code so they are the page's.

use backprop_lab::plot::scatter::plot_area;
use backprop_lab::settings::Settings;
use backprop_lab::url_state::settings_from_pairs;

/// Hidden-layer sizes d_h of the 2-d_h-2 networks measured.
pub const HIDDEN_SIZES: [usize; 3] = [8, 64, 256];
/// Minibatch sizes K of the training cases.
pub const MINIBATCH_SIZES: [usize; 3] = [1, 10, 100];

/// The data plot's side in CSS pixels (`PLOT_CSS_PX` of `src/components/data_plot.rs`, which
/// is private there): at a device-pixel ratio of 1 the canvases are this many pixels wide.
pub const PLOT_CSS_PX: u32 = 480;

/// One benchmark case.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Case {
    /// Throughput of the SGD steps alone (`mlp::train::StepKernel`, no per-epoch evaluation)
    /// of a 2-`d_h`-2 network with minibatches of `k`.
    Steps { d_h: usize, k: usize },
    /// Training throughput of the page's trainer (steps and per-epoch evaluation) of a
    /// 2-`d_h`-2 network with minibatches of `k`.
    Train { d_h: usize, k: usize },
    /// One decision-region repaint of a 2-`d_h`-2 network at `size`.
    Map { d_h: usize, size: MapSize },
}

impl Case {
    pub fn name(&self) -> String {
        match self {
            Case::Steps { d_h, k } => format!("SGD steps 2-{d_h}-2, K = {k}"),
            Case::Train { d_h, k } => format!("trainer 2-{d_h}-2, K = {k}"),
            Case::Map { d_h, size } => format!("map 2-{d_h}-2, {}", size.label),
        }
    }
}

/// An image of the decision regions: `width` × `height` pixels put at (`left`, `top`) on a
/// canvas `canvas` × `canvas` pixels (in the browser; natively only the image is computed).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapSize {
    pub label: &'static str,
    pub canvas: u32,
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
}

impl MapSize {
    /// A square image filling a canvas of its size.
    pub const fn square(label: &'static str, side: u32) -> MapSize {
        MapSize { label, canvas: side, left: 0, top: 0, width: side, height: side }
    }

    /// What the page paints at a device-pixel ratio of 1: the plot area of the 480-pixel
    /// canvas (inside the axes' margins and tick labels), put at its offset, as
    /// `src/components/region_layer.rs` does.
    pub fn full_canvas() -> MapSize {
        let (left, top, width, height) = plot_area(PLOT_CSS_PX, 1.0);
        MapSize { label: "full", canvas: PLOT_CSS_PX, left, top, width, height }
    }

    /// The three sizes measured: 100², 400² and the page's full plot area.
    pub fn all() -> [MapSize; 3] {
        [MapSize::square("100²", 100), MapSize::square("400²", 400), MapSize::full_canvas()]
    }
}

/// Every case, in the order they run: SGD steps, then the trainer (d_h, then K), then repaints
/// (d_h, then size).
pub fn cases() -> Vec<Case> {
    let sizes = || HIDDEN_SIZES.iter().flat_map(|&d_h| MINIBATCH_SIZES.iter().map(move |&k| (d_h, k)));
    let steps = sizes().map(|(d_h, k)| Case::Steps { d_h, k });
    let training = sizes().map(|(d_h, k)| Case::Train { d_h, k });
    let maps = HIDDEN_SIZES
        .iter()
        .flat_map(|&d_h| MapSize::all().into_iter().map(move |size| Case::Map { d_h, size }));
    steps.chain(training).chain(maps).collect()
}

/// The query string of the page for two moons with `d_h` hidden units and minibatches of `k`,
/// every other setting at its default (η, λ, n, noise, seed, split, features x1,x2), trained as
/// fast as possible (`speed=0`).
pub fn page_query(d_h: usize, k: usize) -> String {
    format!("data=moons&dh={d_h}&k={k}&speed=0")
}

/// The settings the page reads from [`page_query`]: parsed by the app's own URL reader.
pub fn page_settings(d_h: usize, k: usize) -> Settings {
    let pairs: Vec<(String, String)> = page_query(d_h, k)
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect();
    let (settings, notices) = settings_from_pairs(&pairs);
    assert!(notices.is_empty(), "the benchmark's link is refused by the page: {notices:?}");
    settings
}

/// A student's answers for "Check my answers" (table 7): the page's initial network for two
/// moons with `d_h` hidden units, its training example 0, λ of the settings, and every value of
/// the walk (the case export at full precision), computed with the outer-product mistake on and
/// without; then ∂L/∂W⁽²⁾ as numpy prints it (4 decimals), with and without the mistake.
pub fn homework_answers(d_h: usize) -> (String, String, [String; 2]) {
    let settings = page_settings(d_h, 10);
    let trainer = crate::train::page_trainer(&settings);
    let set = trainer.train_set();
    let x = set.xs.row(0).transpose();
    let y = set.ys.first().copied().unwrap_or(0);
    let case = mlp::Case { params: trainer.params().clone(), x: x.clone(), y, penalty: settings.penalty };
    let outer = mlp::Mistakes::from(mlp::Mistake::ElementwiseOuter);
    let printed = |mistakes: mlp::Mistakes| {
        let fwd = mlp::forward_with(&case.params, &x, y, mistakes).expect("the page's network fits its data");
        let g = mlp::backward_with(&case.params, &fwd, &x, y, case.penalty, mistakes);
        let rows: Vec<String> =
            g.w2.row_iter().map(|r| format!("[{}]", r.iter().map(|v| format!("{v:.4}")).collect::<Vec<_>>().join(", "))).collect();
        format!("array([{}])", rows.join(",\n       "))
    };
    (
        mlp::export_case(&case, outer).unwrap_or_default(),
        mlp::export_case(&case, mlp::Mistakes::NONE).unwrap_or_default(),
        [printed(outer), printed(mlp::Mistakes::NONE)],
    )
}
