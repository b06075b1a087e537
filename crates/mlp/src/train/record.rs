//! What training reports: per-set statistics after each epoch, and why training stopped when it
//! diverged.

use std::fmt;

/// A mean minibatch loss above this means the logits of the true classes are thousands below
/// the others: training is exploding even if no value is infinite yet.
pub const LOSS_LIMIT: f64 = 1e4;
/// A parameter with |θ_i| above this means the weights are running away (e.g. η·2λ > 2 makes
/// the weight decay overshoot and grow the weights geometrically).
pub const PARAM_LIMIT: f64 = 1e6;

/// Loss, objective and error of the current network on one set.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct SetStats {
    /// Mean loss R̂/n = (1/n) Σ L(x_i, y_i).
    pub loss: f64,
    /// Mean loss plus the penalty: R̂/n + Ω(θ), the quantity SGD decreases.
    pub objective: f64,
    /// Fraction of misclassified examples (predicted class argmax_k o_s_k ≠ y).
    pub error: f64,
}

/// A weight counts as "at 0" within this: what the L1 term's step leaves is exactly 0, and
/// 1e-6 also counts weights a plain step left a hair away.
pub const ZERO_WEIGHT: f64 = 1e-6;

/// The size of the weights after an epoch: what the penalty acts on.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct WeightStats {
    /// Ω(θ), the penalty in force (`train.objective − train.loss`, without the rounding).
    pub penalty: f64,
    /// ‖W1‖, the Frobenius norm √(Σ W1²).
    pub norm_w1: f64,
    /// ‖W2‖.
    pub norm_w2: f64,
    /// The fraction of W1's entries within [`ZERO_WEIGHT`] of 0.
    pub zero_w1: f64,
    /// The same for W2.
    pub zero_w2: f64,
}

impl WeightStats {
    /// The statistics of `params` under `penalty`.
    pub fn of(params: &crate::Params, penalty: &crate::Penalty) -> WeightStats {
        let zeros = |w: &[f64]| w.iter().filter(|v| v.abs() <= ZERO_WEIGHT).count() as f64 / w.len().max(1) as f64;
        WeightStats {
            penalty: penalty.value(params),
            norm_w1: params.w1.norm(),
            norm_w2: params.w2.norm(),
            zero_w1: zeros(params.w1.as_slice()),
            zero_w2: zeros(params.w2.as_slice()),
        }
    }
}

/// The three sets' statistics after `epoch` passes over the training set (0 = before training).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct EpochRecord {
    /// Completed epochs when the record was taken.
    pub epoch: usize,
    /// Statistics on the training set.
    pub train: SetStats,
    /// Statistics on the validation set; `None` when it is empty.
    pub valid: Option<SetStats>,
    /// Statistics on the test set; `None` when it is empty.
    pub test: Option<SetStats>,
    /// Hidden units never active (h_a_j > 0) on any training example: "dead" units, which
    /// receive no gradient. All d_h dead stops training with [`Divergence::DeadNetwork`].
    pub dead_units: usize,
    /// The weights' size and sparsity.
    pub weights: WeightStats,
}

/// Why training stopped. The trainer keeps returning it until its parameters are replaced.
#[derive(Clone, Debug, PartialEq)]
pub enum Divergence {
    /// The loss or a parameter became NaN or ±∞.
    NonFinite {
        /// The epoch in progress (1 = the first).
        epoch: usize,
        /// The step within that epoch (1 = the first minibatch).
        step: usize,
    },
    /// The minibatch loss passed [`LOSS_LIMIT`] or a parameter passed [`PARAM_LIMIT`] in
    /// absolute value.
    Exploding {
        /// The epoch in progress (1 = the first).
        epoch: usize,
        /// The minibatch loss (mean L) of the step that tripped the limit.
        loss: f64,
    },
    /// At the end of `epoch`, every hidden unit was dead: h_a_j ≤ 0 for every training example
    /// and every j. No gradient then reaches W1, b1 or W2 (rect' = 0 there), so SGD can never
    /// revive them and only b2 still moves: the network is stuck predicting one class
    /// distribution everywhere. A too large η typically throws the biases b1 far below 0.
    DeadNetwork {
        /// The epoch that just ended (1 = the first).
        epoch: usize,
    },
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Divergence::NonFinite { epoch, step } => write!(
                f,
                "training diverged: the loss or the weights became NaN or infinite at step {step} \
                 of epoch {epoch}"
            )?,
            Divergence::Exploding { epoch, loss } => write!(
                f,
                "training is exploding in epoch {epoch} (minibatch loss {loss:.3e}, or weights \
                 beyond ±{PARAM_LIMIT:e})"
            )?,
            Divergence::DeadNetwork { epoch } => {
                return write!(
                    f,
                    "training stopped after epoch {epoch}: every hidden unit is dead (h_a ≤ 0 on \
                     every training example), so no gradient reaches W1, b1 or W2 and the network \
                     cannot learn any more. Lower the learning rate η, re-initialize the network, \
                     or use more hidden units"
                );
            }
        }
        write!(
            f,
            ". Lower the learning rate η (e.g. divide it by 10), or lower λ if η·λ is large, \
             then re-initialize the network"
        )
    }
}
