//! The figures of one run of the compute cases, as JSON between the browser and the driver.

use serde::{Deserialize, Serialize};

/// Every compute figure of one target (`"native"` or `"wasm"`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ComputeResults {
    pub target: String,
    /// The SGD steps alone (`crate::steps`): the training compute.
    pub steps: Vec<TrainResult>,
    /// The page's trainer, steps and per-epoch evaluation (`crate::train`).
    pub training: Vec<TrainResult>,
    pub map: Vec<MapResult>,
}

impl ComputeResults {
    pub fn new(target: &str) -> ComputeResults {
        ComputeResults { target: target.to_string(), ..ComputeResults::default() }
    }

    pub fn steps(&self, d_h: usize, k: usize) -> Option<&TrainResult> {
        self.steps.iter().find(|t| (t.d_h, t.k) == (d_h, k))
    }

    pub fn training(&self, d_h: usize, k: usize) -> Option<&TrainResult> {
        self.training.iter().find(|t| (t.d_h, t.k) == (d_h, k))
    }

    pub fn map(&self, d_h: usize, label: &str) -> Option<&MapResult> {
        self.map.iter().find(|m| m.d_h == d_h && m.label == label)
    }
}

/// Training throughput of one network and minibatch size: of the trainer, or of the SGD steps
/// alone.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TrainResult {
    pub d_h: usize,
    pub k: usize,
    /// Examples between two reads of the clock: per `train_examples` call (the page's chunk)
    /// for the trainer; whole epochs, at least `steps::CHECK_EXAMPLES`, for the SGD steps.
    pub chunk: usize,
    /// The best of `runs`, in examples per second.
    pub examples_per_s: f64,
    /// Examples per second of each timed run.
    pub runs: Vec<f64>,
    /// Length of each timed run, ms.
    pub run_ms: f64,
    /// Epochs completed in the timed runs (for the trainer, each one ends with the evaluation
    /// of the three sets).
    pub epochs: usize,
    /// Times the network diverged and was rebuilt from its initial weights (0 expected).
    pub divergences: usize,
}

/// One decision-region repaint: milliseconds, the median of `samples`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MapResult {
    pub d_h: usize,
    pub label: String,
    pub width: u32,
    pub height: u32,
    /// `Regions::paint` alone: the batched forward pass and the RGBA buffer.
    pub compute_ms: f64,
    /// In the browser: `paint` plus what the page does with the image (white background,
    /// `new ImageData`, `putImageData` on a canvas in the document). `None` natively.
    pub total_ms: Option<f64>,
    /// Number of timed samples behind each median.
    pub samples: usize,
    /// Repaints per timed sample (small images are timed in batches: see `map`).
    pub repaints_per_sample: usize,
}
