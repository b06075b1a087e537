//! The finite-difference gradient check: does backprop compute the derivative of the objective?
//!
//! For every scalar parameter θ_i, the centred difference of R̃ = L(x, y) + Ω(θ) (the penalty of
//! [`crate::penalty`])
//!
//! ```text
//! g_fd_i = (R̃(θ + ε e_i) − R̃(θ − ε e_i)) / (2ε)        (error O(ε²), ε ≈ 1e-5 in f64)
//! ```
//!
//! is compared with the backprop value g_bp_i through the relative error
//! `|g_fd − g_bp| / max(1e-12, |g_fd| + |g_bp|)` and the course's ratio `g_bp / g_fd`.
//!
//! **When an entry passes** ([`EntryCheck::passes`]), any one of:
//! 1. both are (near) zero, `|g_fd| + |g_bp| < 1e-12`: e.g. a weight into a dead ReLU unit,
//!    where 0 = 0 and the ratio 0/0 does not exist;
//! 2. the course's criterion: `g_bp / g_fd` lies in [0.99, 1.01];
//! 3. `rel_error < 1e-6`, what a correct f64 implementation reaches;
//! 4. `|g_fd − g_bp| ≤ 1e-8 · max(1, |R̃|)`, the noise floor of the centred difference: R̃ is
//!    only known to about 1e-16·|R̃|, so g_fd carries an error near 1e-16·|R̃|/ε ≈ 1e-11·|R̃|.
//!    For gradients that small the ratio is noise; the floor scales with R̃ (a loss of 1000 is
//!    1000 times noisier in absolute terms) and keeps a factor 1000 of margin. The common
//!    mistakes of the course give errors of the size of the gradient itself, far above it.
//!
//! The relative error is reported exactly as math.md writes it,
//! `|g_fd − g_bp| / max(1e-12, |g_fd| + |g_bp|)` (0 when both are 0), and the ratio whenever
//! g_fd ≠ 0; the "both zero" rule lives in `passes` only.
//!
//! A NaN or infinite value on either side always **fails**: its entry reports
//! `rel_error = ∞` and `ratio = None`, so one NaN (e.g. from a softmax without the max-shift)
//! shows up as an infinite [`GradCheck::max_rel_error`] rather than hiding behind a NaN.
//!
//! Expect failures only where a hidden unit sits within ε of its kink (h_a_j ≈ 0): there R̃ is
//! not differentiable and the two sides of the difference see different slopes.
//!
//! **The L1 kink.** With an L1 coefficient λ₁ > 0 on a layer, R̃ has a corner at every weight
//! w = 0 of that layer. For |w| < ε the centred difference of λ₁|w| is λ₁·w/ε (the secant across
//! the corner), not the slope λ₁ sign(w) that backprop uses (sign(0) = 0: at w = 0 both are 0).
//! Such an entry is reported [`EntryCheck::at_kink`], and its g_fd is the difference with that
//! secant replaced by the slope, `g_fd − λ₁ (|w+ε| − |w−ε|)/(2ε) + λ₁ sign(w)`: the rest of
//! the objective is still differenced and compared with the same rule, so a wrong ∂L/∂w or a
//! missing L2 term still fails there.
//!
//! **The input x (q).** ∂L/∂x is not a parameter, but (q) asks for it, so when the whole
//! [`Gradients`] is given ([`gradient_check`], [`gradient_check_with`], [`check_gradients`]) it is
//! checked too, against centred differences of L in each x_j (the penalty does not depend on
//! x), with the same pass rule. It is reported apart from the parameters, in
//! [`GradCheck::input`], as a [`GroupCheck`] of group [`Group::X`].
//!
//! **The judge.** The finite differences always use the *correct* R̃ (shifted softmax, biases
//! not penalised), whatever mistakes produced the gradient under test: the check says whether a
//! gradient is the derivative of the true objective. [`update_check`] covers the one mistake
//! with a right gradient, gradient ascent, by looking at R̃ before and after one step.

mod input;
mod report;
mod update;

pub use report::{
    EntryCheck, GradCheck, Group, GroupCheck, ABS_TOLERANCE, RATIO_MAX, RATIO_MIN, REL_TOLERANCE,
};
pub use update::{rule_update_check, update_check, UpdateCheck, DEFAULT_UPDATE_ETA};

use nalgebra::DVector;

use crate::backward::{backward_with, Gradients};
use crate::forward::{forward, forward_with};
use crate::mistakes::Mistakes;
use crate::params::{Params, Shape, ShapeError};
use crate::penalty::{sign, Penalty};

/// The default finite-difference step ε.
pub const DEFAULT_EPSILON: f64 = 1e-5;

/// Checks the regularized gradient of [`crate::backward()`] (`backward(..).regularized()`) and
/// its ∂L/∂x.
pub fn gradient_check(
    params: &Params,
    x: &DVector<f64>,
    y: usize,
    penalty: Penalty,
    epsilon: f64,
) -> Result<GradCheck, ShapeError> {
    gradient_check_with(params, x, y, penalty, epsilon, Mistakes::NONE)
}

/// Checks the gradients that [`forward_with`] and [`backward_with`] compute with `mistakes`
/// switched on, against the *correct* R̃: every mistake but gradient ascent makes it fail on a
/// suitable example (see [`crate::mistakes`]).
pub fn gradient_check_with(
    params: &Params,
    x: &DVector<f64>,
    y: usize,
    penalty: Penalty,
    epsilon: f64,
    mistakes: Mistakes,
) -> Result<GradCheck, ShapeError> {
    let fwd = forward_with(params, x, y, mistakes)?;
    let grads = backward_with(params, &fwd, x, y, penalty, mistakes);
    check_gradients(params, x, y, penalty, epsilon, &grads)
}

/// Checks a whole [`Gradients`]: its regularized gradient `grads.regularized()` as
/// [`check_against`] does, and its ∂L/∂x (`grads.x`) against centred differences of L in x,
/// reported in [`GradCheck::input`].
///
/// Errors as [`check_against`], and when `grads.x` does not have d entries.
pub fn check_gradients(
    params: &Params,
    x: &DVector<f64>,
    y: usize,
    penalty: Penalty,
    epsilon: f64,
    grads: &Gradients,
) -> Result<GradCheck, ShapeError> {
    let mut check = check_against(params, x, y, penalty, epsilon, &grads.regularized())?;
    check.input = Some(input::check_input(params, x, y, epsilon, &grads.x)?);
    Ok(check)
}

/// Checks a given gradient `backprop` (meant to be ∂R̃/∂θ, penalty included) against centred
/// differences of R̃ = L(x, y) + Ω(θ) on every scalar parameter. Passing a wrong
/// gradient (one of the course's common mistakes) shows which group fails. ∂L/∂x is not part of
/// `backprop`, so [`GradCheck::input`] is `None`.
///
/// Errors when `x`, `y` or `backprop` do not fit `params`, when a parameter is not finite, when
/// a coefficient of `penalty` is negative or not finite, or when `epsilon` is not positive and finite.
pub fn check_against(
    params: &Params,
    x: &DVector<f64>,
    y: usize,
    penalty: Penalty,
    epsilon: f64,
    backprop: &Params,
) -> Result<GradCheck, ShapeError> {
    check_penalty(penalty)?;
    if !(epsilon > 0.0 && epsilon.is_finite()) {
        return Err(ShapeError::InvalidEpsilon { epsilon });
    }
    forward(params, x, y)?; // checks the shapes, x and y
    let params = Params::from_parts(
        params.w1.clone(),
        params.b1.clone(),
        params.w2.clone(),
        params.b2.clone(),
    )?; // checks that θ is finite; this copy is the one we perturb
    check_same_shape(backprop, params.shape())?;

    let r_tilde = objective(&params, x, y, penalty);
    let mut probe = params;
    let groups = Group::ALL
        .iter()
        .map(|&group| {
            let at = |p: &Params| objective(p, x, y, penalty);
            let l1 = match group {
                Group::W1 => penalty.w1.l1,
                Group::W2 => penalty.w2.l1,
                _ => 0.0,
            };
            check_group(&mut probe, group, backprop, at, (r_tilde, epsilon, l1))
        })
        .collect();
    Ok(GradCheck {
        groups,
        input: None,
        epsilon,
        objective: r_tilde,
    })
}

/// R̃ = L(x, y) + Ω(θ) with the correct forward pass. The inputs were checked, so `forward`
/// cannot fail here (NaN if it did).
pub(crate) fn objective(params: &Params, x: &DVector<f64>, y: usize, penalty: Penalty) -> f64 {
    forward(params, x, y).map_or(f64::NAN, |f| f.loss) + penalty.value(params)
}

/// Each coefficient of Ω must be 0 or a positive finite number.
pub(crate) fn check_penalty(penalty: Penalty) -> Result<(), ShapeError> {
    match penalty.invalid() {
        None => Ok(()),
        Some((coefficient, value)) => Err(ShapeError::InvalidPenalty { coefficient, value }),
    }
}

/// Centred differences of `r_tilde` on every entry of `group`, each restored afterwards.
/// `(value, epsilon, l1)`: R̃ at the unperturbed θ (it sets the noise floor), the step ε, and the
/// group's L1 coefficient (entries within ε of 0 are then at the kink, see the module docs).
fn check_group(
    probe: &mut Params,
    group: Group,
    backprop: &Params,
    r_tilde: impl Fn(&Params) -> f64,
    (value, epsilon, l1): (f64, f64, f64),
) -> GroupCheck {
    let (rows, cols) = group.dims(probe.shape());
    let mut entries = Vec::with_capacity(rows * cols);
    for row in 0..rows {
        for col in 0..cols {
            let theta = group.value(probe, row, col);
            let mut at = |v: f64| {
                if let Some(slot) = group.entry(probe, row, col) {
                    *slot = v;
                }
                r_tilde(probe)
            };
            let mut finite_diff = (at(theta + epsilon) - at(theta - epsilon)) / (2.0 * epsilon);
            if let Some(slot) = group.entry(probe, row, col) {
                *slot = theta;
            }
            let at_kink = l1 > 0.0 && theta.abs() < epsilon;
            if at_kink {
                // the secant of λ₁|w| across the corner, replaced by its slope at w
                let secant = l1 * ((theta + epsilon).abs() - (theta - epsilon).abs()) / (2.0 * epsilon);
                finite_diff += l1 * sign(theta) - secant;
            }
            let backprop = group.value(backprop, row, col);
            let mut entry = EntryCheck::with_objective(row, col, backprop, finite_diff, value);
            entry.at_kink = at_kink;
            entries.push(entry);
        }
    }
    GroupCheck::new(group, entries)
}

fn check_same_shape(backprop: &Params, shape: Shape) -> Result<(), ShapeError> {
    let found = (
        backprop.w1.shape(),
        backprop.b1.len(),
        backprop.w2.shape(),
        backprop.b2.len(),
    );
    if found.0 != (shape.d_h, shape.d) {
        return Err(ShapeError::matrix(
            "backprop W1",
            (shape.d_h, shape.d),
            found.0,
        ));
    }
    if found.1 != shape.d_h {
        return Err(ShapeError::length("backprop b1", shape.d_h, found.1));
    }
    if found.2 != (shape.m, shape.d_h) {
        return Err(ShapeError::matrix(
            "backprop W2",
            (shape.m, shape.d_h),
            found.2,
        ));
    }
    if found.3 != shape.m {
        return Err(ShapeError::length("backprop b2", shape.m, found.3));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
