//! Training with the course's common mistakes switched on: each step's gradient is the mean of
//! the one-example gradients of [`backward_with`] over the minibatch B,
//! `g = (1/|B|) Σ_B ∂R̃/∂θ (x, y)` with the mistaken formulas (the penalty term is the same for
//! every example, so this is `(1/|B|) Σ_B ∂L/∂θ` plus the (mistaken) penalty gradient once).
//!
//! This path allocates (one x and one [`crate::Gradients`] per example): it is for showing what
//! a mistake does, not for speed. Without mistakes the trainer never comes here.

use super::{Examples, Trainer};
use crate::backward::backward_with;
use crate::forward::forward_with;
use crate::mistakes::Mistakes;
use crate::params::Params;
use crate::penalty::Penalty;

impl Trainer {
    /// Switches the common mistakes `mistakes` on for the next steps (the empty set switches
    /// them all off), without resetting anything. The history stays the correct evaluation.
    pub fn set_mistakes(&mut self, mistakes: Mistakes) {
        self.mistakes = mistakes;
    }

    /// The common mistakes switched on (none by default).
    pub fn mistakes(&self) -> Mistakes {
        self.mistakes
    }
}

/// Writes into `grads` (shape of `params`) the mean over `rows` of the regularized one-example
/// gradients computed with `mistakes`, and returns the mean loss of [`forward_with`] (the loss
/// the mistaken code would print, NaN or ∞ when its softmax overflows). A row beyond the set
/// gives NaN and `grads` all 0 (the trainer's rows are always in range).
pub(super) fn mistaken_gradient(
    params: &Params,
    set: &Examples,
    rows: &[usize],
    penalty: Penalty,
    mistakes: Mistakes,
    grads: &mut Params,
) -> f64 {
    grads.fill(0.0);
    let k = rows.len() as f64;
    let mut loss = 0.0;
    for &r in rows {
        let Some(&y) = set.ys.get(r).filter(|_| r < set.xs.nrows()) else {
            grads.fill(0.0);
            return f64::NAN;
        };
        let x = set.xs.row(r).transpose();
        let Ok(fwd) = forward_with(params, &x, y, mistakes) else {
            grads.fill(0.0);
            return f64::NAN;
        };
        let g = backward_with(params, &fwd, &x, y, penalty, mistakes);
        grads.axpy(1.0 / k, &g.regularized());
        loss += fwd.loss;
    }
    if rows.is_empty() {
        0.0
    } else {
        loss / k
    }
}
