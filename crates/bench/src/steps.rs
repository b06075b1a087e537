//! Training compute alone: examples per second of the SGD steps, without the evaluation the
//! trainer does at the end of every epoch.
//!
//! The steps are those of `mlp::train::StepKernel`, the kernel `Trainer` steps with (see
//! `crates/mlp/src/train/step.rs`), on the page trainer's own data and weights (see
//! [`page_trainer`]): its training set `xs` `[n x d]`, `ys`, its initial θ, η and λ of the
//! settings. Each epoch, as in the trainer, the rows `0..n` are shuffled (Pcg64 seeded with the
//! settings' seed, as the trainer's) and stepped through in minibatches of K (the last one
//! shorter when K does not divide n), each step checked for divergence as the trainer checks it.
//! A diverged network is reloaded from the initial θ and counted (0 expected).
//!
//! The clock is read after whole epochs only, about every [`CHECK_EXAMPLES`] examples, so its
//! reads (a call into JavaScript in the browser) stay out of the figure. Timing as in
//! [`crate::train`]: warm-up of [`WARM_UP_MS`], then the **best** of [`RUNS`] runs of at least
//! [`RUN_MS`].

use crate::cases::page_settings;
use crate::clock::now_ms;
use crate::results::TrainResult;
use crate::train::{page_trainer, RUNS, RUN_MS, WARM_UP_MS};
use mlp::train::{Examples, StepKernel, LOSS_LIMIT, PARAM_LIMIT};
use mlp::Params;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_pcg::Pcg64;
use std::hint::black_box;

/// Examples between two reads of the clock, at least (whole epochs are run between reads).
pub const CHECK_EXAMPLES: usize = 4096;

/// Measures the SGD steps of a 2-`d_h`-2 network with minibatches of `k`.
pub fn run(d_h: usize, k: usize) -> TrainResult {
    let settings = page_settings(d_h, k);
    let trainer = page_trainer(&settings);
    let set = trainer.train_set();
    let n = set.len();
    let mut steps = Steps {
        set,
        initial: trainer.params(),
        kernel: StepKernel::new(trainer.params().shape()),
        order: (0..n).collect(),
        rng: Pcg64::seed_from_u64(settings.seed),
        k: k.max(1),
        eta: settings.eta,
        penalty: settings.penalty,
        epochs_per_check: CHECK_EXAMPLES.div_ceil(n.max(1)),
        epochs: 0,
        divergences: 0,
    };
    steps.kernel.load(steps.initial);
    steps.run_for(WARM_UP_MS);
    steps.epochs = 0;
    let runs: Vec<f64> = (0..RUNS)
        .map(|_| {
            let (examples, ms) = steps.run_for(RUN_MS);
            examples as f64 / ms * 1000.0
        })
        .collect();
    black_box(&steps.kernel);
    TrainResult {
        d_h,
        k,
        chunk: steps.epochs_per_check * n,
        examples_per_s: runs.iter().copied().fold(0.0, f64::max),
        runs,
        run_ms: RUN_MS,
        epochs: steps.epochs,
        divergences: steps.divergences,
    }
}

/// The state of the measured loop: the trainer's data, the kernel and the epoch's order.
struct Steps<'a> {
    set: &'a Examples,
    initial: &'a Params,
    kernel: StepKernel,
    order: Vec<usize>,
    rng: Pcg64,
    k: usize,
    eta: f64,
    penalty: mlp::Penalty,
    epochs_per_check: usize,
    epochs: usize,
    divergences: usize,
}

impl Steps<'_> {
    /// Runs whole epochs until `ms` have passed; returns the examples stepped on and the exact
    /// time.
    fn run_for(&mut self, ms: f64) -> (usize, f64) {
        let start = now_ms();
        let mut examples = 0;
        loop {
            for _ in 0..self.epochs_per_check {
                examples += self.epoch();
            }
            let elapsed = now_ms() - start;
            if elapsed >= ms {
                return (examples, elapsed);
            }
        }
    }

    /// One epoch: a new order, then its minibatches; returns the examples stepped on.
    fn epoch(&mut self) -> usize {
        self.order.shuffle(&mut self.rng);
        for rows in self.order.chunks(self.k) {
            let outcome = self.kernel.step(&self.set.xs, &self.set.ys, rows, self.eta, self.penalty);
            // The trainer's divergence test (`check_divergence` in mlp's train/step.rs).
            let (loss, max_abs) = (outcome.loss, outcome.max_abs);
            if !loss.is_finite() || !max_abs.is_finite() || loss > LOSS_LIMIT || max_abs > PARAM_LIMIT {
                self.divergences += 1;
                self.kernel.load(self.initial);
            }
        }
        self.epochs += 1;
        self.order.len()
    }
}
