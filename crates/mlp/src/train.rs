//! The SGD trainer of exercise (f): `θ ← θ − η ∇_θ R̃` on minibatches of K examples, until
//! `η ‖∇_θ R̃‖ < ε` ([`Trainer::converged`]) or the student stops it.
//!
//! Each step follows the *mean* gradient of its minibatch B,
//! `∇ [(1/|B|) Σ_B L(x, y) + λ(ΣW1² + ΣW2²)]`, so η does not depend on K. An epoch visits the
//! training set once in an order shuffled by an RNG seeded from [`TrainConfig::seed`]; the
//! last minibatch of an epoch may be shorter. At the end of each epoch the three sets are
//! evaluated and an [`EpochRecord`] is appended to the history (record 0 = before training; a
//! long run thins it, see [`HISTORY_LIMIT`]),
//! with the number of dead hidden units; the gradient of the whole training objective
//! `(1/n) Σ L + λ(ΣW1² + ΣW2²)` is computed for the stopping test (f), not that of the last
//! minibatch, which is noisy and never small with K < n. The same pass gives the training loss
//! and error of the record, so this costs one extra backward pass over the training set per
//! epoch (about a quarter more time per epoch for two moons, d_h = 32, K = 10).
//!
//! **Stopping.** A step returns a [`Divergence`] instead of its loss when the loss or θ turn
//! NaN or run away ([`LOSS_LIMIT`], [`PARAM_LIMIT`]), or, from the step that ends an epoch, when
//! every hidden unit is dead on the training set ([`Divergence::DeadNetwork`]). An epoch whose
//! last step diverges is not recorded; after [`Trainer::set_params`] it starts over.
//!
//! **No allocation after warm-up.** All buffers (the minibatch [`Workspace`], the gradient,
//! the shuffled order) are allocated by [`Trainer::new`]. Steps, end-of-epoch evaluations and
//! reshuffles then allocate nothing on the heap, with two documented exceptions: the history
//! grows by [`HISTORY_CHUNK`] records whenever it is full (once every 1024 epochs), and
//! [`Trainer::set_batch_size`] grows the workspace once for a larger K.
//!
//! **Mistakes.** [`Trainer::set_mistakes`] switches on some of the course's common mistakes
//! (see [`crate::mistakes`]). A mistake that alters the gradient makes each step average
//! [`crate::forward_with`] / [`crate::backward_with`] over the minibatch's examples one by one
//! (this path allocates); gradient ascent alone keeps the workspace's gradient, which is right,
//! and only flips the update ([`crate::sgd_update`]). The history is always evaluated with the
//! correct forward pass, so it shows what the mistaken steps do to the true loss.

mod config;
mod examples;
mod kernel;
mod mistaken;
mod record;
mod step;

pub use config::{TrainConfig, TrainError};
pub use examples::Examples;
pub use record::{Divergence, EpochRecord, SetStats, WeightStats, LOSS_LIMIT, PARAM_LIMIT, ZERO_WEIGHT};

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_pcg::Pcg64;

use crate::batch::{Workspace, MAX_BLOCK};
pub use kernel::{StepKernel, StepOutcome};
use crate::dataset::{Data, Split, Table};
use crate::features::FeatureSet;
use crate::mistakes::Mistakes;
use crate::params::{Params, Shape};
use crate::penalty::Penalty;
use crate::rule::{RuleState, UpdateRule};

/// Records reserved at a time for the history, so that pushing one rarely allocates.
pub const HISTORY_CHUNK: usize = 1024;
/// The history holds fewer records than this. A run that reaches it keeps every other record
/// (the epochs that are multiples of 2, then of 4, …, [`Trainer::record_every`]) and from then
/// on evaluates and records only those epochs: the page trains thousands of epochs a second,
/// and an hour of it must not fill the memory nor slow the curves down. Deterministic: which
/// epochs are kept depends only on the number of epochs.
pub const HISTORY_LIMIT: usize = 20_000;
/// Smallest workspace block: evaluation goes through the workspace in blocks of this many
/// examples even when K is small.
const EVAL_BLOCK: usize = 256;

/// A network being trained by SGD on a split data set. See the [module docs](self).
#[derive(Clone, Debug)]
pub struct Trainer {
    params: Params,
    config: TrainConfig,
    /// The input features of points (`None` when the examples are a table's rows).
    features: Option<FeatureSet>,
    train: Examples,
    valid: Examples,
    test: Examples,
    /// This epoch's visiting order of the training rows; `order[cursor..]` is still to come.
    order: Vec<usize>,
    /// 0..n, the training rows in order: the "minibatch" of the full gradient.
    all_rows: Vec<usize>,
    cursor: usize,
    /// Shuffles `order` at the start of each epoch; seeded from `config.seed`.
    rng: Pcg64,
    workspace: Workspace,
    /// The SGD steps' own copy of θ and buffers (see `kernel.rs`).
    kernel: StepKernel,
    /// The kernel holds the θ of `params` (false after θ was set or changed elsewhere).
    kernel_in_sync: bool,
    /// The kernel has stepped since θ was last copied into `params`.
    kernel_ahead: bool,
    /// Scratch gradient (same shapes as θ): ∇_θ R̃ of the last minibatch, and after each epoch
    /// end that of the whole training set.
    grads: Params,
    /// What the update rule remembers (momentum's v, Adam's m, s and t): reset with θ.
    rule_state: RuleState,
    /// Completed epochs.
    epoch: usize,
    /// Steps taken in the epoch in progress.
    step_in_epoch: usize,
    examples_seen: usize,
    history: Vec<EpochRecord>,
    /// ‖∇_θ R̃‖ over the whole training set at the end of the last completed epoch.
    grad_norm: Option<f64>,
    /// Whether each epoch end computes the full gradient for `grad_norm` (on by default).
    stopping_test: bool,
    /// Only epochs that are multiples of this are evaluated and recorded (1, then 2, 4, … once
    /// the history reaches HISTORY_LIMIT records).
    record_every: usize,
    /// An epoch whose record thinning keeps (the page's best validation epoch), whatever
    /// `record_every` becomes.
    kept: Option<usize>,
    diverged: Option<Divergence>,
    /// The history's last record is the network as it diverged (see [`Trainer::history`]).
    divergence_recorded: bool,
    /// The common mistakes switched on for the steps (none by default).
    mistakes: Mistakes,
}

impl Trainer {
    /// A trainer for `params` on `split`, whose points go through `features` (d must match).
    ///
    /// Errors: invalid `config`, inconsistent or non-finite `params`, `features.d() ≠ d`, a
    /// label ≥ m or a non-finite point in any set, an empty training set. Evaluates the
    /// initial network as history record 0.
    pub fn new(
        params: Params,
        config: TrainConfig,
        features: FeatureSet,
        split: &Split,
    ) -> Result<Trainer, TrainError> {
        config.validate()?;
        let shape = checked_shape(&params)?;
        if features.d() != shape.d {
            return Err(TrainError::FeatureCount {
                features: features.d(),
                d: shape.d,
            });
        }
        let train = Examples::new("training", &split.train, features, &params)?;
        let valid = Examples::new("validation", &split.valid, features, &params)?;
        let test = Examples::new("test", &split.test, features, &params)?;
        Trainer::build(params, config, Some(features), [train, valid, test])
    }

    /// A trainer for `params` on the rows of `split` (their dimension must be d). Errors as
    /// [`new`](Self::new)'s.
    pub fn from_table(params: Params, config: TrainConfig, split: &Split<Table>) -> Result<Trainer, TrainError> {
        config.validate()?;
        checked_shape(&params)?;
        let train = Examples::from_table("training", &split.train, &params)?;
        let valid = Examples::from_table("validation", &split.valid, &params)?;
        let test = Examples::from_table("test", &split.test, &params)?;
        Trainer::build(params, config, None, [train, valid, test])
    }

    /// A trainer for `params` on `data`: its points through `features`, or its rows.
    pub fn on_data(params: Params, config: TrainConfig, features: FeatureSet, data: &Data) -> Result<Trainer, TrainError> {
        match data {
            Data::Plane(split) => Trainer::new(params, config, features, split),
            Data::Table(split) => Trainer::from_table(params, config, split),
        }
    }

    /// The trainer of checked `params` and sets.
    fn build(
        params: Params,
        config: TrainConfig,
        features: Option<FeatureSet>,
        [train, valid, test]: [Examples; 3],
    ) -> Result<Trainer, TrainError> {
        let shape = params.shape();
        if train.is_empty() {
            return Err(TrainError::EmptyTrainingSet);
        }
        let mut rng = Pcg64::seed_from_u64(config.seed);
        let all_rows: Vec<usize> = (0..train.len()).collect();
        let mut order = all_rows.clone();
        order.shuffle(&mut rng);
        let capacity = block_capacity(config.batch_size, train.len());
        let mut trainer = Trainer {
            workspace: Workspace::new(shape, capacity),
            kernel: StepKernel::new(shape),
            kernel_in_sync: false,
            kernel_ahead: false,
            grads: Params::zeros(shape),
            rule_state: RuleState::default(),
            params,
            config,
            features,
            train,
            valid,
            test,
            order,
            all_rows,
            cursor: 0,
            rng,
            epoch: 0,
            step_in_epoch: 0,
            examples_seen: 0,
            history: Vec::with_capacity(HISTORY_CHUNK),
            grad_norm: None,
            stopping_test: true,
            record_every: 1,
            kept: None,
            diverged: None,
            divergence_recorded: false,
            mistakes: Mistakes::NONE,
        };
        let initial = trainer.evaluate();
        trainer.history.push(initial);
        Ok(trainer)
    }

    /// The current parameters θ.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Replaces θ (same shape, finite values), e.g. after a divergence, and accepts steps again.
    /// The history, counters and epoch order are kept; build a new trainer to start over. The
    /// update rule's state (momentum, Adam's moments) is reset: it belonged to the old θ.
    /// [`grad_norm`](Self::grad_norm) is forgotten (it was the old θ's) until the next epoch end.
    pub fn set_params(&mut self, params: Params) -> Result<(), TrainError> {
        let shape = checked_shape(&params)?;
        let expected = self.params.shape();
        if shape != expected {
            return Err(TrainError::ShapeChanged {
                expected,
                found: shape,
            });
        }
        self.params = params;
        self.rule_state.reset();
        self.kernel_in_sync = false;
        self.kernel_ahead = false;
        if std::mem::take(&mut self.divergence_recorded) {
            // The diverged network's record goes with it: the epoch it interrupted starts over.
            self.history.pop();
        }
        self.diverged = None;
        self.grad_norm = None;
        Ok(())
    }

    /// The hyper-parameters in force.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// Changes η from the next step on, without resetting anything.
    pub fn set_eta(&mut self, eta: f64) -> Result<(), TrainError> {
        TrainConfig { eta, ..self.config }.validate()?;
        self.config.eta = eta;
        Ok(())
    }

    /// Changes the penalty Ω from the next step on, without resetting anything.
    pub fn set_penalty(&mut self, penalty: Penalty) -> Result<(), TrainError> {
        TrainConfig {
            penalty,
            ..self.config
        }
        .validate()?;
        self.config.penalty = penalty;
        Ok(())
    }

    /// Changes the update rule from the next step on. Another rule starts from a fresh state;
    /// new coefficients of the same rule keep it (as a new η does).
    pub fn set_rule(&mut self, rule: UpdateRule) -> Result<(), TrainError> {
        TrainConfig { rule, ..self.config }.validate()?;
        if !rule.same_kind(self.config.rule) {
            self.rule_state.reset();
        }
        self.config.rule = rule;
        Ok(())
    }

    /// The update rule's state (momentum's velocity, Adam's moments and step count).
    pub fn rule_state(&self) -> &RuleState {
        &self.rule_state
    }

    /// Changes K from the next minibatch on, without resetting anything. A K larger than any
    /// before (up to the training-set size) reallocates the workspace once.
    pub fn set_batch_size(&mut self, batch_size: usize) -> Result<(), TrainError> {
        TrainConfig {
            batch_size,
            ..self.config
        }
        .validate()?;
        self.config.batch_size = batch_size;
        let capacity = block_capacity(batch_size, self.train.len());
        if capacity > self.workspace.capacity() {
            self.workspace = Workspace::new(self.params.shape(), capacity);
        }
        Ok(())
    }

    /// The input features the sets' points were transformed with (`None` for a table's rows).
    pub fn features(&self) -> Option<FeatureSet> {
        self.features
    }

    /// The training set, transformed: `xs` `[n x d]`, `ys`.
    pub fn train_set(&self) -> &Examples {
        &self.train
    }

    /// The validation set, transformed (may be empty).
    pub fn valid_set(&self) -> &Examples {
        &self.valid
    }

    /// The test set, transformed (may be empty).
    pub fn test_set(&self) -> &Examples {
        &self.test
    }

    /// The training rows still to visit in this epoch, in order: the next step uses the first
    /// `min(K, len)` of them.
    pub fn upcoming(&self) -> &[usize] {
        &self.order[self.cursor..]
    }

    /// Completed epochs.
    pub fn epoch(&self) -> usize {
        self.epoch
    }

    /// Training examples used in steps so far (counting repeats over epochs).
    pub fn examples_seen(&self) -> usize {
        self.examples_seen
    }

    /// One record per completed epoch, starting with record 0 (before training); past
    /// [`HISTORY_LIMIT`] records, one per [`record_every`](Self::record_every) epochs (and the
    /// epoch [`keep_record`](Self::keep_record) names). After a loss or weight explosion
    /// ([`Divergence::NonFinite`], [`Divergence::Exploding`]) one more record ends it: the
    /// network as it diverged, labelled with the epoch in progress, so a plot of the history
    /// shows the blow-up even in the first epoch. [`set_params`](Self::set_params) removes it.
    pub fn history(&self) -> &[EpochRecord] {
        &self.history
    }

    /// Keeps the record of `epoch` when the history is thinned (the best validation epoch
    /// a page marks on its curves), instead of only the multiples of the new stride.
    pub fn keep_record(&mut self, epoch: Option<usize>) {
        self.kept = epoch;
    }

    /// The stride of the history: 1 (every epoch) until it reaches [`HISTORY_LIMIT`] records,
    /// then 2, 4, …: only the epochs that are multiples of it are evaluated and recorded.
    pub fn record_every(&self) -> usize {
        self.record_every
    }

    /// ‖∇_θ R̃‖ (Euclidean norm over all n_θ parameters) of the whole training objective
    /// `R̃ = (1/n) Σ_i L(x_i, y_i) + λ(ΣW1² + ΣW2²)`, computed at the end of the last completed
    /// epoch; `None` before the first epoch ends (and after [`set_params`](Self::set_params)).
    ///
    /// This is the gradient of (f)'s stopping test, not the last minibatch's: with K < n that
    /// one is noisy and stays large even at the minimum.
    pub fn grad_norm(&self) -> Option<f64> {
        self.grad_norm
    }

    /// Switches the full-gradient computation of each epoch end on (the default) or off. Off,
    /// an epoch end only evaluates the three sets, about half the work of an epoch on two
    /// moons: a player that does not show the stopping test trains twice as fast.
    /// [`grad_norm`](Self::grad_norm) is then `None` (and [`converged`](Self::converged)
    /// false) until an epoch ends with it on again.
    pub fn set_stopping_test(&mut self, on: bool) {
        self.stopping_test = on;
        if !on {
            self.grad_norm = None;
        }
    }

    /// The course's stopping test (f), `η ‖∇_θ R̃‖ < ε` (strictly), with the current η and
    /// [`grad_norm`](Self::grad_norm); false while that is `None`.
    pub fn converged(&self, epsilon: f64) -> bool {
        self.grad_norm
            .is_some_and(|norm| self.config.eta * norm < epsilon)
    }

    /// The divergence that stopped training, if any (cleared by [`set_params`](Self::set_params)).
    pub fn divergence(&self) -> Option<&Divergence> {
        self.diverged.as_ref()
    }

    /// Statistics of the current θ on the three sets, and its dead hidden units on the training
    /// set, labelled with the completed epochs; not added to the history. Allocates nothing.
    pub fn evaluate(&mut self) -> EpochRecord {
        let (loss, error) = self
            .workspace
            .evaluate(&self.params, &self.train.xs, &self.train.ys);
        self.record(loss, error)
    }

    /// The record of the current θ with the training set's `(loss, error)` just computed by the
    /// workspace (whose pass also saw the dead units): adds the objective and the other two sets.
    fn record(&mut self, loss: f64, error: f64) -> EpochRecord {
        // The training set was the workspace's last pass (`evaluate` or the full gradient).
        let dead_units = self.workspace.dead_units_seen();
        let (ws, params) = (&mut self.workspace, &self.params);
        let weights = WeightStats::of(params, &self.config.penalty);
        let penalty = weights.penalty;
        let train = SetStats {
            loss,
            objective: loss + penalty,
            error,
        };
        let mut stats = |set: &Examples| {
            let (loss, error) = ws.evaluate(params, &set.xs, &set.ys);
            SetStats {
                loss,
                objective: loss + penalty,
                error,
            }
        };
        let valid = (!self.valid.is_empty()).then(|| stats(&self.valid));
        let test = (!self.test.is_empty()).then(|| stats(&self.test));
        EpochRecord {
            epoch: self.epoch,
            train,
            valid,
            test,
            dead_units,
            weights,
        }
    }
}

/// The shape of `params`, checked for consistency and finite values.
fn checked_shape(params: &Params) -> Result<Shape, TrainError> {
    let shape = params.check_shape().map_err(TrainError::Params)?;
    if !params.is_finite() {
        return Err(TrainError::NonFiniteParams);
    }
    Ok(shape)
}

/// Workspace block size: a whole minibatch of K (at most n) examples, and at least
/// [`EVAL_BLOCK`] so evaluation runs in large blocks; at most [`MAX_BLOCK`], what a workspace
/// holds.
fn block_capacity(batch_size: usize, n_train: usize) -> usize {
    batch_size.min(n_train).clamp(EVAL_BLOCK, MAX_BLOCK)
}
