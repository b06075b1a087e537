//! The input check of (q): ∂L/∂x_j against `(L(x + ε e_j) − L(x − ε e_j)) / (2ε)`, with the
//! correct forward pass. The penalty λ(ΣW1² + ΣW2²) does not depend on x, so ∂R̃/∂x = ∂L/∂x.

use nalgebra::DVector;

use super::{EntryCheck, Group, GroupCheck};
use crate::forward::forward;
use crate::params::{Params, ShapeError};

/// Checks `grad_x` (meant to be ∂L/∂x, d entries) entry by entry. `params`, `x` and `y` have
/// been checked by the caller; `grad_x` of the wrong length is an error.
pub(super) fn check_input(
    params: &Params,
    x: &DVector<f64>,
    y: usize,
    epsilon: f64,
    grad_x: &DVector<f64>,
) -> Result<GroupCheck, ShapeError> {
    if grad_x.len() != x.len() {
        return Err(ShapeError::length("backprop x", x.len(), grad_x.len()));
    }
    let loss = |x: &DVector<f64>| forward(params, x, y).map_or(f64::NAN, |f| f.loss);
    let value = loss(x); // L at the unperturbed x: sets the noise floor
    let mut probe = x.clone();
    let entries = (0..x.len())
        .map(|j| {
            probe[j] = x[j] + epsilon;
            let plus = loss(&probe);
            probe[j] = x[j] - epsilon;
            let minus = loss(&probe);
            probe[j] = x[j];
            let finite_diff = (plus - minus) / (2.0 * epsilon);
            EntryCheck::with_objective(j, 0, grad_x[j], finite_diff, value)
        })
        .collect();
    Ok(GroupCheck::new(Group::X, entries))
}
