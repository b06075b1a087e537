//! The update check of (f): does one step with a small η lower the objective?
//!
//! ```text
//! θ' = θ − η ∇_θ R̃        then compare R̃(θ') with R̃(θ)
//! ```
//!
//! To first order R̃(θ') = R̃(θ) − η ‖∇R̃‖², so a right gradient followed downhill lowers R̃ for
//! a small enough η. Gradient ascent (`θ + η ∇`) has a right gradient, so the gradient check
//! passes; this check is the one it fails: R̃ goes *up*.

use nalgebra::DVector;

use super::{check_penalty, objective};
use crate::backward::backward_with;
use crate::forward::forward_with;
use crate::mistakes::Mistakes;
use crate::params::{Params, ShapeError};
use crate::penalty::Penalty;
use crate::rule::{RuleState, UpdateRule};

/// A step size for [`update_check`]: small enough for the first-order argument on ordinary
/// examples, large enough for the change of R̃ to stand well above rounding.
pub const DEFAULT_UPDATE_ETA: f64 = 1e-3;

/// R̃ on one example before and after one update.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UpdateCheck {
    /// R̃(θ) = L(x, y) + Ω(θ), with the correct forward pass.
    pub loss_before: f64,
    /// R̃(θ') after one update θ' = θ ∓ η ∇ computed with the mistakes, judged by the correct R̃.
    pub loss_after: f64,
    /// `loss_after < loss_before`, strictly: an unchanged R̃ is no decrease (false when either
    /// is NaN, and when the step moved R̃ by less than rounding, e.g. a gradient that is exactly
    /// 0).
    pub decreased: bool,
}

impl UpdateCheck {
    /// Whether the step lowered R̃, as a step of gradient descent must: the same as `decreased`.
    pub fn passes(&self) -> bool {
        self.decreased
    }
}

/// One update of θ on the example (x, y) with learning rate `eta` (e.g.
/// [`DEFAULT_UPDATE_ETA`]), the gradient of [`backward_with`] and the update of
/// [`crate::sgd_update`], both with `mistakes`; R̃ is always the correct one.
///
/// Errors when `x` or `y` do not fit `params` (as [`crate::forward()`]), when a coefficient of
/// `penalty` is negative or not finite, or when `eta` is not a positive finite number. `params` itself is not
/// changed.
pub fn update_check(
    params: &Params,
    x: &DVector<f64>,
    y: usize,
    penalty: Penalty,
    eta: f64,
    mistakes: Mistakes,
) -> Result<UpdateCheck, ShapeError> {
    rule_update_check(params, x, y, penalty, (UpdateRule::Sgd, eta), mistakes)
}

/// [`update_check`] with the first step of `rule` (its state at 0: momentum's first step is
/// SGD's, Nesterov's `θ − η(1 + β) g`, Adam's `θ − η g / (|g| + ε)` entry by entry).
pub fn rule_update_check(
    params: &Params,
    x: &DVector<f64>,
    y: usize,
    penalty: Penalty,
    (rule, eta): (UpdateRule, f64),
    mistakes: Mistakes,
) -> Result<UpdateCheck, ShapeError> {
    check_penalty(penalty)?;
    if !(eta > 0.0 && eta.is_finite()) {
        return Err(ShapeError::InvalidEta { eta });
    }
    let fwd = forward_with(params, x, y, mistakes)?;
    let grads = backward_with(params, &fwd, x, y, penalty, mistakes).regularized();
    let mut stepped = params.clone();
    RuleState::default().apply(rule, &mut stepped, &grads, eta, penalty, mistakes);
    let loss_before = objective(params, x, y, penalty);
    let loss_after = objective(&stepped, x, y, penalty);
    Ok(UpdateCheck {
        loss_before,
        loss_after,
        decreased: loss_after < loss_before,
    })
}
