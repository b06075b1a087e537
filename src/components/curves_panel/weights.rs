//! What the penalty does to the weights: per epoch, ‖W⁽¹⁾‖ and ‖W⁽²⁾‖, and the share of each
//! layer's weights at 0 (two charts drawn like the loss and the error); and, live while
//! training, a histogram of each layer's weights, the ones at exactly 0 (within 1e-6) apart.

use super::chart::Charts;
use super::ChartCanvas;
use crate::components::app::LangSignal;
use crate::i18n::curves::{histogram_caption, CurvesMsg};
use crate::i18n::t;
use crate::plot::curves::Metric;
use leptos::html::Canvas;
use leptos::prelude::*;
use mlp::train::ZERO_WEIGHT;
use mlp::Params;

/// The two charts of the weights, beside the loss and the error (the same history, epoch axis,
/// best epoch and language), and the histograms of the network `params` when given.
#[component]
pub fn WeightCharts(charts: Charts, hidden: Memo<bool>, params: Option<Signal<Option<Params>>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    let (norms, zeros) = (NodeRef::<Canvas>::new(), NodeRef::<Canvas>::new());
    crate::components::visibility::track_resize([norms, zeros], charts.resized);
    let canvases = [(norms, Metric::Norms, CurvesMsg::NormAxis), (zeros, Metric::Zeros, CurvesMsg::ZerosAxis)];
    // No log scale here: a norm and a share are read on a linear axis.
    Charts { canvases, log_scale: RwSignal::new(false), ..charts }.redraw_on_change();
    let histograms = params.map(|params| {
        view! {
            <div class="weight-histograms" id="weight-histograms">
                <LayerHistogram layer=1 params=params />
                <LayerHistogram layer=2 params=params />
            </div>
        }
    });
    view! {
        <div class="weights-section" id="weights-section" hidden=hidden>
            <h4 class="weights-heading">{text(CurvesMsg::WeightsHeading)}</h4>
            <p class="help weights-note">{text(CurvesMsg::WeightsNote)}</p>
            <div class="curves-charts">
                <figure class="curve-figure">
                    <figcaption><span class="curve-title">{text(CurvesMsg::NormsTitle)}</span></figcaption>
                    <ChartCanvas id="curve-norms" node_ref=norms label=CurvesMsg::NormsChartLabel />
                </figure>
                <figure class="curve-figure">
                    <figcaption><span class="curve-title">{text(CurvesMsg::ZerosTitle)}</span></figcaption>
                    <ChartCanvas id="curve-zeros" node_ref=zeros label=CurvesMsg::ZerosChartLabel />
                </figure>
            </div>
            {histograms}
        </div>
    }
}

/// Bins of a histogram of one layer's weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Histogram {
    /// Weights per bin over [−`reach`, `reach`], the ones at 0 left out.
    pub counts: Vec<usize>,
    /// Weights within [`ZERO_WEIGHT`] of 0.
    pub zeros: usize,
    /// The largest |w|: the bins cover [−reach, reach].
    pub reach: f64,
    /// All the weights.
    pub total: usize,
}

/// Bars of the histogram: an odd number, so that one is centred on 0.
pub const BINS: usize = 21;

impl Histogram {
    /// The histogram of `weights` in [`BINS`] bins; NaN and ±∞ are left out of the bins (a
    /// diverged network's), as are the weights at 0, counted apart.
    pub fn of(weights: &[f64]) -> Histogram {
        let finite = weights.iter().copied().filter(|w| w.is_finite());
        let reach = finite.clone().fold(0.0_f64, |m, w| m.max(w.abs())).max(ZERO_WEIGHT);
        let mut counts = vec![0; BINS];
        let mut zeros = 0;
        for w in finite {
            if w.abs() <= ZERO_WEIGHT {
                zeros += 1;
                continue;
            }
            let bin = ((w + reach) / (2.0 * reach) * BINS as f64).floor() as usize;
            counts[bin.min(BINS - 1)] += 1;
        }
        Histogram { counts, zeros, reach, total: weights.len() }
    }
}

/// Width and height of a histogram's drawing, in its own units.
const VIEW: (f64, f64) = (210.0, 64.0);

/// One layer's histogram, redrawn with `params` (published a few times a second).
#[component]
fn LayerHistogram(layer: u8, params: Signal<Option<Params>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let histogram = Memo::new(move |_| {
        params.with(|p| p.as_ref().map(|p| Histogram::of(if layer == 1 { p.w1.as_slice() } else { p.w2.as_slice() })))
    });
    let bars = move || {
        let Some(h) = histogram.get() else { return Vec::new() };
        let tallest = h.counts.iter().enumerate().map(|(i, &c)| c + if i == BINS / 2 { h.zeros } else { 0 }).max().unwrap_or(0).max(1);
        let (width, height) = (VIEW.0 / BINS as f64, VIEW.1 - 4.0);
        let scale = |n: usize| height * n as f64 / tallest as f64;
        let mut rects: Vec<(f64, f64, f64, &'static str)> = Vec::new();
        for (i, &count) in h.counts.iter().enumerate() {
            let zeros = if i == BINS / 2 { h.zeros } else { 0 };
            let x = i as f64 * width;
            rects.push((x, scale(count), scale(count + zeros), "bar"));
            if zeros > 0 {
                rects.push((x, scale(zeros), scale(zeros), "bar zero"));
            }
        }
        rects
            .into_iter()
            .filter(|&(_, h, _, _)| h > 0.0)
            .map(|(x, h, top, class)| {
                // a zero bar stacks on the small weights of the centre bin
                let y = if class == "bar" { VIEW.1 - top } else { VIEW.1 - h };
                view! { <rect class=class x=x + 0.5 y=y width=width - 1.0 height=h /> }
            })
            .collect::<Vec<_>>()
    };
    let caption = move || histogram.get().map(|h| histogram_caption(lang.get(), layer, (h.total, h.zeros), h.reach));
    let id = format!("histogram-w{layer}");
    view! {
        <figure class="weight-histogram" id=id.clone() data-zeros=move || histogram.get().map(|h| h.zeros)>
            <svg viewBox=format!("0 0 {} {}", VIEW.0, VIEW.1) role="img" aria-label=caption preserveAspectRatio="none">
                {bars}
                <line class="axis" x1="0" y1=VIEW.1 x2=VIEW.0 y2=VIEW.1 />
            </svg>
            <figcaption>{caption}</figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_fall_in_their_bins_and_the_zeros_apart() {
        // reach 1: bins of width 2/21; −1 in the first, 1 in the last, 0.01 in the centre
        let h = Histogram::of(&[-1.0, 1.0, 0.01, 0.0, 5e-7, -0.0, f64::NAN]);
        assert_eq!((h.reach, h.zeros, h.total), (1.0, 3, 7));
        assert_eq!((h.counts[0], h.counts[BINS - 1], h.counts[BINS / 2]), (1, 1, 1));
        assert_eq!(h.counts.iter().sum::<usize>(), 3, "NaN and the zeros are not in the bins");
        let all_zero = Histogram::of(&[0.0; 4]);
        assert_eq!((all_zero.zeros, all_zero.counts.iter().sum::<usize>()), (4, 0));
        let caption = histogram_caption(crate::i18n::Lang::Fr, 2, (h.total, h.zeros), h.reach);
        assert!(caption.starts_with("W⁽²⁾ : 7 poids de -1,0000 à 1,0000 ; 3 à 0"), "{caption}");
    }
}
