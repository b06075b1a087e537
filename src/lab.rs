//! The training lab's engine: the SGD trainer of the math crate, driven by a
//! `requestAnimationFrame` player that trains for a time budget each frame, then publishes one
//! snapshot (parameters, history, status) to the page's signals.
//!
//! The trainer is state outside the reactive graph (it changes thousands of times a second);
//! the page only sees what is published, at most once per frame.

mod budget;
mod connect;
mod edits;

pub use budget::{Budget, Pace, FRAME_BUDGET_MS};
pub use connect::{connect, Inputs};
pub use edits::{round_for_link, Edit, Edits};

use mlp::{Divergence, EpochRecord, FeatureSet, Mistakes, Params, Split, TrainConfig, Trainer};
use leptos::prelude::*;

/// What the player is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Paused,
    Playing,
    /// Training stopped by itself: divergence (NaN/∞, exploding loss, dead network).
    Diverged(Divergence),
    /// Stopped at the best validation epoch (early stopping); the best weights are restored.
    StoppedAtBest { epoch: usize },
}

/// While training, the stepper's copy of the parameters is refreshed at most this often: its
/// tables and formulas take tens of milliseconds of layout to redraw, and numbers that change
/// faster cannot be read anyway.
pub const SLOW_PUBLICATION_MS: f64 = 500.0;

/// How many epochs without a better validation loss end training when "stop at best
/// validation" is on.
pub const PATIENCE: usize = 25;

/// The trainer and what the page sees of it.
#[derive(Clone, Copy)]
pub struct Lab {
    trainer: StoredValue<Option<Trainer>>,
    /// The best validation loss so far: (epoch, loss, parameters then).
    best: StoredValue<Option<(usize, f64, Params)>>,
    /// The network's current parameters, published every frame while training.
    pub current: RwSignal<Option<Params>>,
    /// The same, published at most every [`SLOW_PUBLICATION_MS`] while the stepper is on screen
    /// (for its heavy views).
    pub current_slow: RwSignal<Option<Params>>,
    /// Every epoch so far (epoch 0 = before training); republished when an epoch ends.
    pub history: RwSignal<Vec<EpochRecord>>,
    pub status: RwSignal<Status>,
    pub examples_seen: RwSignal<usize>,
    /// The epoch of the best validation loss, if there is a validation set.
    pub best_epoch: RwSignal<Option<usize>>,
    /// Stop and restore the best weights after [`PATIENCE`] epochs without improvement.
    pub stop_at_best: RwSignal<bool>,
    /// Incremented by "reset": the trainer is rebuilt from the initial weights.
    pub resets: RwSignal<u64>,
    /// Whether the stepper (the reader of `current_slow`) is on screen: while it is not,
    /// training does not refresh it, and it catches up when it comes back.
    pub stepper_on_screen: RwSignal<bool>,
    /// When `current_slow` was last published (ms since the page loaded).
    last_slow: StoredValue<f64>,
    /// Training speed in epochs per second (0 = as fast as possible) and its carry.
    speed: StoredValue<f64>,
    pace: StoredValue<Pace>,
    budget: StoredValue<Budget>,
    /// Which play this is: a frame scheduled by an earlier play (before a pause, a reset, a
    /// divergence) sees a newer number and ends, so two loops never train at once.
    run: StoredValue<u64>,
}

/// Everything a trainer is built from.
pub struct Setup<'a> {
    pub params: Params,
    pub config: TrainConfig,
    pub features: FeatureSet,
    pub split: &'a Split,
    pub mistakes: Mistakes,
}

impl Lab {
    pub fn new() -> Lab {
        Lab {
            trainer: StoredValue::new(None),
            best: StoredValue::new(None),
            current: RwSignal::new(None),
            current_slow: RwSignal::new(None),
            history: RwSignal::new(Vec::new()),
            status: RwSignal::new(Status::Paused),
            examples_seen: RwSignal::new(0),
            best_epoch: RwSignal::new(None),
            stop_at_best: RwSignal::new(false),
            resets: RwSignal::new(0),
            stepper_on_screen: RwSignal::new(true),
            last_slow: StoredValue::new(f64::NEG_INFINITY),
            speed: StoredValue::new(0.0),
            pace: StoredValue::new(Pace::default()),
            budget: StoredValue::new(Budget::default()),
            run: StoredValue::new(0),
        }
    }

    /// Sets the training speed in epochs per second (0 = as fast as possible).
    pub fn set_speed(&self, epochs_per_second: f64) {
        self.speed.set_value(epochs_per_second);
    }

    /// Starts over from `setup` (new data, new shape, new weights): epoch 0. A playing player
    /// keeps playing; a diverged one is paused.
    pub fn rebuild(&self, setup: Setup<'_>) {
        self.trainer.set_value(page_trainer(setup));
        self.best.set_value(None);
        self.best_epoch.set(None);
        if !matches!(self.status.get_untracked(), Status::Playing) {
            self.status.set(Status::Paused);
        }
        self.publish(true);
    }

    /// Applies η, λ, K and the mistakes without interrupting training.
    pub fn configure(&self, config: TrainConfig, mistakes: Mistakes) {
        self.trainer.update_value(|t| {
            if let Some(t) = t {
                // Invalid values never reach here: the settings refuse them first.
                let _ = (t.set_eta(config.eta), t.set_lambda(config.lambda), t.set_batch_size(config.batch_size));
                t.set_mistakes(mistakes);
            }
        });
    }

    /// Starts over from the initial weights (clears a divergence).
    pub fn reset(&self) {
        self.status.set(Status::Paused);
        self.resets.update(|r| *r += 1);
    }

    pub fn play(&self) {
        if self.status.get_untracked() == Status::Playing {
            return;
        }
        if matches!(self.status.get_untracked(), Status::Diverged(_)) {
            return; // the message says what to change; "reset" clears it
        }
        self.status.set(Status::Playing);
        self.run.update_value(|r| *r += 1);
        self.schedule(self.run.get_value(), now_ms());
    }

    pub fn pause(&self) {
        if self.status.get_untracked() == Status::Playing {
            self.status.set(Status::Paused);
        }
        self.publish(true);
    }

    /// One example, one minibatch or one epoch, then pause.
    pub fn step(&self, what: StepSize) {
        self.pause();
        let outcome = self.with_trainer(|t| match what {
            StepSize::Example => t.step_example().map(|_| ()),
            StepSize::Minibatch => t.step_minibatch().map(|_| ()),
            StepSize::Epoch => t.run_epoch().map(|_| ()),
        });
        self.after_training(outcome);
        self.publish(true);
    }

    /// Puts the best-validation weights back (the trainer goes on from them).
    pub fn restore_best(&self) {
        let Some((_, _, params)) = self.best.get_value() else { return };
        self.trainer.update_value(|t| {
            if let Some(t) = t {
                let _ = t.set_params(params);
            }
        });
        self.publish(true);
    }

    fn with_trainer<R>(&self, f: impl FnOnce(&mut Trainer) -> Result<R, Divergence>) -> Option<Result<R, Divergence>> {
        let mut out = None;
        self.trainer.update_value(|t| out = t.as_mut().map(f));
        out
    }

    /// Records a divergence (and stops), or follows the best validation epoch.
    fn after_training<R>(&self, outcome: Option<Result<R, Divergence>>) {
        if let Some(Err(divergence)) = outcome {
            self.status.set(Status::Diverged(divergence));
            return;
        }
        self.track_best();
    }

    /// Keeps the parameters of the lowest validation loss; with "stop at best validation" on,
    /// stops [`PATIENCE`] epochs after it and restores them.
    fn track_best(&self) {
        let Some((epoch, loss)) = self.trainer.with_value(|t| {
            let record = t.as_ref()?.history().last()?;
            Some((record.epoch, record.valid.as_ref()?.loss))
        }) else {
            return;
        };
        let better = self.best.with_value(|b| b.as_ref().is_none_or(|(_, best, _)| loss < *best));
        if better && loss.is_finite() {
            self.best.update_value(|best| match best {
                // In place: a better epoch comes often early in training.
                Some(best) => {
                    (best.0, best.1) = (epoch, loss);
                    self.trainer.with_value(|t| t.as_ref().map(|t| best.2.copy_from(t.params())));
                }
                None => *best = self.trainer.with_value(|t| t.as_ref().map(|t| (epoch, loss, t.params().clone()))),
            });
            self.best_epoch.set(Some(epoch));
        } else if let Some(best) = self.best_epoch.get_untracked() {
            if self.stop_at_best.get_untracked() && epoch >= best + PATIENCE {
                self.restore_best();
                self.status.set(Status::StoppedAtBest { epoch: best });
            }
        }
    }

    /// Publishes the trainer's state to the signals: parameters always, the new history records
    /// when an epoch ended, the slow copy when `force` or enough time has passed. Nothing is
    /// cloned whole: the parameters are copied into the signals' buffers and the history grows
    /// by its new records, so a frame costs the same after an hour of training.
    fn publish(&self, force: bool) {
        // The epoch of the trainer's last record (a long run records only some epochs).
        let latest = |t: &Trainer| t.history().last().map_or(0, |r| r.epoch);
        let Some((epoch, seen)) = self.trainer.with_value(|t| t.as_ref().map(|t| (latest(t), t.examples_seen()))) else {
            self.current.set(None);
            self.current_slow.set(None);
            self.history.set(Vec::new());
            return;
        };
        let published = self.history.with_untracked(|h| h.last().map(|r| r.epoch));
        if published != Some(epoch) {
            let changed = self.trainer.with_value(|t| {
                let Some(t) = t.as_ref() else { return false };
                let all = t.history();
                // After a rebuild the trainer's history is shorter, or starts elsewhere; after
                // it thinned itself it is shorter too.
                let continues = published.is_some_and(|e| e < epoch) && self.history.with_untracked(|h| h.len() <= all.len() && h.first() == all.first());
                self.history.update_untracked(|h| {
                    if continues {
                        h.extend_from_slice(all.get(h.len()..).unwrap_or_default());
                    } else {
                        h.clear();
                        h.extend_from_slice(all);
                    }
                });
                true
            });
            if changed {
                self.history.notify();
            }
        }
        self.examples_seen.set(seen);
        let now = now_ms();
        let due = now - self.last_slow.get_value() > SLOW_PUBLICATION_MS && self.stepper_on_screen.get_untracked();
        if force || due {
            self.last_slow.set_value(now);
            self.copy_params_into(self.current_slow);
        }
        self.copy_params_into(self.current);
    }

    /// Publishes `current_slow` now if it is behind the trainer (the stepper came back on
    /// screen while training).
    pub fn catch_up_slow(&self) {
        let behind = self.trainer.with_value(|t| {
            t.as_ref().is_some_and(|t| self.current_slow.with_untracked(|p| p.as_ref() != Some(t.params())))
        });
        if behind {
            self.last_slow.set_value(now_ms());
            self.copy_params_into(self.current_slow);
        }
    }

    /// Copies the trainer's parameters into `signal`'s value, in place when it holds some of the
    /// same shape, and notifies its readers once the trainer is released (a notification only
    /// queues effects, but nothing is notified while a stored value is borrowed).
    fn copy_params_into(&self, signal: RwSignal<Option<Params>>) {
        let copied = self.trainer.with_value(|t| {
            let Some(t) = t.as_ref() else { return false };
            signal.update_untracked(|slot| match slot {
                Some(params) => params.copy_from(t.params()),
                None => *slot = Some(t.params().clone()),
            });
            true
        });
        if copied {
            signal.notify();
        }
    }

    /// One animation frame of training: as many examples as the speed asks for, within the
    /// frame's [`Budget`], then one publication and the next frame, for as long as play number
    /// `run` lasts. After a crash it stops first: the loop would otherwise wake a dead page's
    /// tasks every frame (see [`crate::crash`]).
    fn schedule(&self, run: u64, last: f64) {
        let lab = *self;
        request_animation_frame(move || {
            if crate::crash::crashed() || lab.run.get_value() != run || lab.status.get_untracked() != Status::Playing {
                return;
            }
            let now = now_ms();
            lab.train_frame(now - last);
            lab.publish(false);
            lab.schedule(run, now);
        });
    }

    /// Trains for one frame that came `dt_ms` after the previous one.
    fn train_frame(&self, dt_ms: f64) {
        let start = now_ms();
        let n_train = self.trainer.with_value(|t| t.as_ref().map_or(0, |t| t.train_set().len()));
        let speed = self.speed.get_value();
        let (mut left, mut budget_ms) = (0, FRAME_BUDGET_MS);
        self.pace.update_value(|p| left = p.take(speed, n_train, dt_ms));
        self.budget.update_value(|b| budget_ms = b.next(dt_ms));
        // Small chunks keep the time check frequent; an epoch end is noticed within a chunk.
        let chunk = 64.max(n_train / 8);
        while left > 0 && now_ms() - start < budget_ms {
            let epoch = self.epoch();
            match self.with_trainer(|t| t.train_examples(chunk.min(left))) {
                Some(Ok(n)) if n > 0 => {
                    if n > left {
                        self.pace.update_value(|p| p.overshoot(n - left));
                    }
                    left = left.saturating_sub(n);
                }
                Some(Err(divergence)) => {
                    self.status.set(Status::Diverged(divergence));
                    return;
                }
                _ => return,
            }
            if self.epoch() != epoch {
                self.track_best();
            }
            if self.status.get_untracked() != Status::Playing {
                return;
            }
        }
    }

    fn epoch(&self) -> usize {
        self.trainer.with_value(|t| t.as_ref().map_or(0, |t| t.epoch()))
    }
}

/// The trainer the page trains, built from `setup` (`None` when the setup cannot train, e.g. an
/// empty training set: the page then says so). The benchmarks build theirs here too.
pub fn page_trainer(setup: Setup<'_>) -> Option<Trainer> {
    let Setup { params, config, features, split, mistakes } = setup;
    let mut trainer = Trainer::new(params, config, features, split).ok()?;
    trainer.set_mistakes(mistakes);
    // The page does not show the stopping test η‖∇R̃‖ < ε: its full gradient at every epoch
    // end would cost a third of the training time.
    trainer.set_stopping_test(false);
    Some(trainer)
}

/// How much one click of the step buttons trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepSize {
    Example,
    Minibatch,
    Epoch,
}

/// Milliseconds since the page loaded (`performance.now()`), 0 where there is no clock.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}
