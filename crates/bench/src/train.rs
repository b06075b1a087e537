//! Training throughput: examples per second of the page's hot path.
//!
//! The trainer is the page's for its link (see [`page_trainer`]). Then, as the page's player
//! does every frame, `Trainer::train_examples(chunk)` is called in a loop with a clock read
//! after each call; that includes the evaluation of the three sets at the end of every epoch.
//!
//! After a warm-up of [`WARM_UP_MS`], [`RUNS`] timed runs of at least [`RUN_MS`] each; the
//! reported figure is the **best** run (the least disturbed by the rest of the machine).

use crate::cases::page_settings;
use crate::clock::now_ms;
use crate::results::TrainResult;
use backprop_lab::data::{initial_params, make_split, DataKey};
use backprop_lab::lab::{self, Setup};
use backprop_lab::settings::Settings;
use mlp::{Mistakes, TrainConfig, Trainer};

pub const WARM_UP_MS: f64 = 200.0;
pub const RUN_MS: f64 = 500.0;
pub const RUNS: usize = 3;

/// Measures training of a 2-`d_h`-2 network with minibatches of `k`.
pub fn run(d_h: usize, k: usize) -> TrainResult {
    let settings = page_settings(d_h, k);
    let mut trainer = page_trainer(&settings);
    let chunk = page_chunk(trainer.train_set().len());
    let mut count = Counts::default();
    train_for(&settings, &mut trainer, chunk, WARM_UP_MS, &mut count);
    count.epochs = 0;
    let runs: Vec<f64> = (0..RUNS)
        .map(|_| {
            let (examples, ms) = train_for(&settings, &mut trainer, chunk, RUN_MS, &mut count);
            examples as f64 / ms * 1000.0
        })
        .collect();
    TrainResult {
        d_h,
        k,
        chunk,
        examples_per_s: runs.iter().copied().fold(0.0, f64::max),
        runs,
        run_ms: RUN_MS,
        epochs: count.epochs,
        divergences: count.divergences,
    }
}

/// The trainer the page builds for `settings`: the app's own `lab::page_trainer` (so any option
/// the page sets on its trainer is set here too), fed as `src/components/app.rs` and
/// `src/lab/connect.rs` feed it: the split of `data::make_split` for the settings' data key, the
/// weights of `data::initial_params`, η, K, λ and the seed of the settings, no mistakes, no
/// clicked points.
pub fn page_trainer(settings: &Settings) -> Trainer {
    let key = DataKey::of(settings);
    let split = make_split(key).expect("the page's default data set");
    let shape = settings.shape().expect("a valid shape");
    let setup = Setup {
        params: initial_params(shape, settings.seed, settings.init),
        // `lab::connect`'s `config`, which is private there.
        config: TrainConfig {
            eta: settings.eta,
            batch_size: settings.batch_size,
            penalty: settings.penalty,
            rule: settings.rule,
            seed: settings.seed,
        },
        features: settings.features,
        data: mlp::Data::Plane(split),
        mistakes: Mistakes::NONE,
    };
    lab::page_trainer(setup).expect("the page's settings give a trainer")
}

/// Examples per `train_examples` call in the page's player (`src/lab.rs`, `train_frame`):
/// small chunks keep its time check frequent.
pub fn page_chunk(n_train: usize) -> usize {
    64.max(n_train / 8)
}

/// Epochs completed and divergences met while training.
#[derive(Default)]
struct Counts {
    epochs: usize,
    divergences: usize,
}

/// Trains in chunks until `ms` have passed; returns the examples trained and the exact time.
/// A diverged network is rebuilt from its initial weights (and counted) so the loop goes on;
/// 0 divergences are expected with the page's defaults.
fn train_for(settings: &Settings, trainer: &mut Trainer, chunk: usize, ms: f64, count: &mut Counts) -> (usize, f64) {
    let start = now_ms();
    let mut examples = 0;
    loop {
        let epoch = trainer.epoch();
        match trainer.train_examples(chunk) {
            Ok(n) => {
                examples += n;
                count.epochs += trainer.epoch() - epoch;
            }
            Err(_) => {
                count.divergences += 1;
                *trainer = page_trainer(settings);
            }
        }
        let elapsed = now_ms() - start;
        if elapsed >= ms {
            return (examples, elapsed);
        }
    }
}
