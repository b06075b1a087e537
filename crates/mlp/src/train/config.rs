//! The hyper-parameters of SGD (f) and the errors a trainer can be built or reconfigured with.

use std::fmt;

use crate::params::{Shape, ShapeError};
use crate::penalty::{Coefficient, Penalty};
use crate::rule::{RuleError, UpdateRule};

/// Hyper-parameters of the SGD step `θ ← θ − η ∇_θ R̃` on minibatches of K examples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainConfig {
    /// Learning rate η > 0.
    pub eta: f64,
    /// Minibatch size K ≥ 1 (1 = plain SGD; K ≥ n = full-batch gradient descent). The gradient
    /// is the *mean* over the minibatch, so η does not depend on K.
    pub batch_size: usize,
    /// The penalty Ω of (r), each coefficient ≥ 0 (the seed's weight decay λ is
    /// [`Penalty::weight_decay`]).
    pub penalty: Penalty,
    /// The update rule of step (f): SGD (the course's), momentum, Nesterov or Adam.
    pub rule: UpdateRule,
    /// Seed of the RNG that shuffles the training set at every epoch.
    pub seed: u64,
}

impl Default for TrainConfig {
    /// η = 0.1, K = 10, weight decay λ = 1e-4, seed 0: trains two moons in a few hundred epochs.
    fn default() -> Self {
        TrainConfig {
            eta: 0.1,
            batch_size: 10,
            penalty: Penalty::weight_decay(1e-4),
            rule: UpdateRule::Sgd,
            seed: 0,
        }
    }
}

impl TrainConfig {
    /// Checks η > 0 finite, K ≥ 1 and each coefficient of Ω ≥ 0 finite.
    pub fn validate(&self) -> Result<(), TrainError> {
        if !(self.eta.is_finite() && self.eta > 0.0) {
            return Err(TrainError::Eta(self.eta));
        }
        if self.batch_size == 0 {
            return Err(TrainError::BatchSize);
        }
        if let Some((coefficient, value)) = self.penalty.invalid() {
            return Err(TrainError::Penalty(coefficient, value));
        }
        self.rule.validate().map_err(TrainError::Rule)?;
        Ok(())
    }
}

/// Why a [`Trainer`](super::Trainer) could not be built or reconfigured.
#[derive(Clone, Debug, PartialEq)]
pub enum TrainError {
    /// η is not a positive finite number.
    Eta(f64),
    /// K = 0.
    BatchSize,
    /// A coefficient of the penalty is negative, NaN or infinite.
    Penalty(Coefficient, f64),
    /// A coefficient of the update rule is out of its range.
    Rule(RuleError),
    /// The parameters' shapes are inconsistent.
    Params(ShapeError),
    /// A parameter is NaN or ±∞.
    NonFiniteParams,
    /// [`set_params`](super::Trainer::set_params) got a network of another shape.
    ShapeChanged {
        /// The trainer's shape.
        expected: Shape,
        /// The new parameters' shape.
        found: Shape,
    },
    /// The chosen input features give a different d than the network's.
    FeatureCount {
        /// d of the feature set.
        features: usize,
        /// d of the parameters (columns of W1).
        d: usize,
    },
    /// A label is not below the number m of outputs.
    Label {
        /// `"training"`, `"validation"` or `"test"`.
        set: &'static str,
        /// The offending label.
        label: usize,
        /// Number of outputs of the network.
        m: usize,
    },
    /// A data set does not fit the network (e.g. a point with a NaN coordinate).
    Data {
        /// `"training"`, `"validation"` or `"test"`.
        set: &'static str,
        /// What is wrong.
        error: ShapeError,
    },
    /// The training set has no example.
    EmptyTrainingSet,
}

impl fmt::Display for TrainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrainError::Eta(eta) => write!(
                f,
                "the learning rate η must be a positive number, got {eta}; try 0.1"
            ),
            TrainError::BatchSize => write!(
                f,
                "the minibatch size K must be at least 1 (1 = one example per step)"
            ),
            TrainError::Penalty(coefficient, value) => write!(
                f,
                "the penalty coefficient {} must be 0 or a positive number, got {value}; try 0.0001",
                coefficient.symbol()
            ),
            TrainError::Rule(RuleError::Beta(b)) => write!(f, "β must be at least 0 and below 1, got {b}; try 0.9"),
            TrainError::Rule(RuleError::Beta2(b)) => write!(f, "β₂ must be at least 0 and below 1, got {b}; try 0.999"),
            TrainError::Rule(RuleError::Epsilon(e)) => write!(f, "ε must be a positive number, got {e}; try 1e-8"),
            TrainError::Params(error) => write!(f, "invalid network parameters: {error}"),
            TrainError::NonFiniteParams => write!(
                f,
                "the network's parameters contain NaN or infinite values; re-initialize it"
            ),
            TrainError::ShapeChanged {
                expected: e,
                found: n,
            } => write!(
                f,
                "the new network has d = {}, d_h = {}, m = {} but the trainer's has d = {}, \
                 d_h = {}, m = {}; restart training to change the architecture",
                n.d, n.d_h, n.m, e.d, e.d_h, e.m
            ),
            TrainError::FeatureCount { features, d } => write!(
                f,
                "the {features} chosen input features do not match the network's d = {d} inputs; \
                 re-initialize the network after changing the features"
            ),
            TrainError::Label { set, label, m } => write!(
                f,
                "the {set} set has class {label} but the network has only m = {m} outputs; \
                 choose m = {} or more, or fewer classes",
                label + 1
            ),
            TrainError::Data { set, error } => write!(f, "the {set} set is unusable: {error}"),
            TrainError::EmptyTrainingSet => write!(
                f,
                "the training set is empty; add points or raise the training fraction"
            ),
        }
    }
}

impl std::error::Error for TrainError {}
