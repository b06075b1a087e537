//! Decision-region repaints: milliseconds per image of the page's `Regions::paint`.
//!
//! The network is the page's (see [`crate::train::page_trainer`], K = the default) after one
//! epoch of training, so its weights are not the initial ones. The buffers are made once by
//! `Regions::new` (the page keeps them while the size, features and shape stay), then each
//! repaint is `paint(&params)` and, when a `put` is given (in the browser), handing the image
//! to the canvas as the page does.
//!
//! Timing: [`WARM_UP`] repaints first; then repaints are timed in samples of `r` repaints,
//! with `r` chosen so a sample lasts about [`SAMPLE_MS`] (the browser's clock ticks in 0.1 ms);
//! at least [`MIN_SAMPLES`] samples and [`MIN_TOTAL_MS`] in all. The figure is the **median**
//! sample divided by `r`.

use crate::cases::{page_settings, MapSize};
use crate::clock::now_ms;
use crate::results::MapResult;
use crate::train::page_trainer;
use backprop_lab::plot::regions::Regions;
use std::hint::black_box;

pub const WARM_UP: usize = 3;
pub const SAMPLE_MS: f64 = 2.0;
pub const MIN_SAMPLES: usize = 10;
pub const MIN_TOTAL_MS: f64 = 300.0;
const MAX_SAMPLES: usize = 200;

/// What the browser does with each repainted image (RGBA rows from the top, and its size).
pub type Put<'a> = &'a mut dyn FnMut(&[u8], &MapSize);

/// Measures the repaint of a 2-`d_h`-2 network at `size`: the computation alone, and with
/// `put` when given.
pub fn run(d_h: usize, size: &MapSize, mut put: Option<Put<'_>>) -> MapResult {
    let settings = page_settings(d_h, backprop_lab::settings::Settings::default().batch_size);
    let mut trainer = page_trainer(&settings);
    trainer.run_epoch().expect("one epoch of the page's defaults does not diverge");
    let params = trainer.params().clone();
    let (w, h) = (size.width as usize, size.height as usize);
    let mut regions = Regions::new(w, h, settings.features, params.shape());

    let (compute_ms, samples, r) = median_ms(&mut || {
        black_box(regions.paint(black_box(&params)));
    });
    let total_ms = put.as_mut().map(|put| {
        median_ms(&mut || {
            let rgba = regions.paint(black_box(&params));
            put(rgba, size);
        })
        .0
    });
    MapResult {
        d_h,
        label: size.label.to_string(),
        width: size.width,
        height: size.height,
        compute_ms,
        total_ms,
        samples,
        repaints_per_sample: r,
    }
}

/// The median time of one call of `repaint` (see the module's doc), the number of samples and
/// the repaints per sample.
fn median_ms(repaint: &mut dyn FnMut()) -> (f64, usize, usize) {
    for _ in 0..WARM_UP {
        repaint();
    }
    let start = now_ms();
    repaint();
    let one = (now_ms() - start).max(0.01);
    let r = ((SAMPLE_MS / one).ceil() as usize).clamp(1, 1000);
    let mut samples = Vec::new();
    let begin = now_ms();
    while samples.len() < MIN_SAMPLES || (now_ms() - begin < MIN_TOTAL_MS && samples.len() < MAX_SAMPLES) {
        let start = now_ms();
        for _ in 0..r {
            repaint();
        }
        samples.push((now_ms() - start) / r as f64);
    }
    samples.sort_by(f64::total_cmp);
    (samples[samples.len() / 2], samples.len(), r)
}
