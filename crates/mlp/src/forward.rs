//! The forward pass for one example (x, y), exercises (a)–(d):
//!
//! ```text
//! (a) h_a = W1 x + b1            h_s = rect(h_a) = max(0, h_a)
//! (b) o_a = W2 h_s + b2
//! (c) o_s = softmax(o_a)         o_s_k = exp(o_a_k) / Σ_i exp(o_a_i)
//! (d) L(x, y) = −log o_s_y = −o_a_y + log Σ_i exp(o_a_i)
//! ```
//!
//! [`forward`] returns every intermediate value in a [`Forward`] cache, which
//! [`crate::backward()`] consumes. Softmax and loss subtract max(o_a) first, so logits of ±1000
//! give finite results. [`forward_with`] can instead skip that shift, one of the course's common
//! mistakes (see [`crate::mistakes`]).

use nalgebra::DVector;

use crate::mistakes::{wrong, Mistake, Mistakes};
use crate::params::{check_vector_finite, Params, ShapeError};

/// Every value computed by the forward pass of one example; the input of [`crate::backward()`].
#[derive(Clone, Debug, PartialEq)]
pub struct Forward {
    /// (a) hidden activation h_a = W1 x + b1. // d_h
    pub h_a: DVector<f64>,
    /// (a) hidden output h_s = max(0, h_a). // d_h
    pub h_s: DVector<f64>,
    /// (b) output activation (logits) o_a = W2 h_s + b2. // m
    pub o_a: DVector<f64>,
    /// (c) softmax probabilities o_s: all > 0 (up to underflow), summing to 1. // m
    pub o_s: DVector<f64>,
    /// (d) L(x, y) = −log o_s_y, without the penalty of (r).
    pub loss: f64,
}

/// Runs (a)–(d) for one example `x` (length d) with class `y` (in 0..m).
///
/// Errors when the parameters' shapes disagree, `x` has the wrong length or a non-finite value,
/// or `y ≥ m`. Non-finite *parameters* are not rejected: a diverged network gives NaN values,
/// which is what the app should show. The same as [`forward_with`] with no mistake.
pub fn forward(params: &Params, x: &DVector<f64>, y: usize) -> Result<Forward, ShapeError> {
    forward_with(params, x, y, Mistakes::NONE)
}

/// [`forward`] with the common mistakes `mistakes` switched on. Of them only
/// [`Mistake::UnshiftedSoftmax`] changes the forward pass: (c) and (d) are then computed as
/// `exp(o_a) / Σ exp(o_a)` and `−ln(o_s_y)` literally, without the max-shift (see
/// [`crate::mistakes`]). Same errors as [`forward`].
pub fn forward_with(
    params: &Params,
    x: &DVector<f64>,
    y: usize,
    mistakes: Mistakes,
) -> Result<Forward, ShapeError> {
    let shape = params.check_shape()?;
    if x.len() != shape.d {
        return Err(ShapeError::length("x", shape.d, x.len()));
    }
    check_vector_finite("x", x)?;
    if y >= shape.m {
        return Err(ShapeError::LabelOutOfRange { y, m: shape.m });
    }

    let h_a = &params.w1 * x + &params.b1; // (a) [d_h x d]·d + d_h
    let h_s = h_a.map(rect); // (a)
    let o_a = &params.w2 * &h_s + &params.b2; // (b) [m x d_h]·d_h + m
    let (o_s, loss) = if mistakes.contains(Mistake::UnshiftedSoftmax) {
        wrong::unshifted_softmax(&o_a, y)
    } else {
        // (d) L = −o_a_y + log Σ exp(o_a), with the same shift as the softmax (c):
        //     L = −(o_a_y − max) + log Σ exp(o_a_i − max).
        let shift = max_of(o_a.as_slice());
        let loss = -(o_a[y] - shift) + log_sum_exp_shifted(o_a.as_slice(), shift);
        (softmax(&o_a), loss)
    };
    Ok(Forward {
        h_a,
        h_s,
        o_a,
        o_s,
        loss,
    })
}

/// rect(v) = max(0, v), the ReLU. A NaN passes through (so a diverged network shows NaN rather
/// than a silent 0), which `f64::max` would not do.
pub(crate) fn rect(v: f64) -> f64 {
    if v > 0.0 || v.is_nan() {
        v
    } else {
        0.0
    }
}

/// (c) softmax(o_a)_k = exp(o_a_k − max) / Σ_i exp(o_a_i − max).
///
/// Subtracting max(o_a) changes nothing mathematically (the factor exp(−max) cancels) but keeps
/// every exponent ≤ 0, so nothing overflows: the largest term is exp(0) = 1 and the sum is ≥ 1.
pub fn softmax(o_a: &DVector<f64>) -> DVector<f64> {
    let shift = max_of(o_a.as_slice());
    let exp = o_a.map(|v| (v - shift).exp());
    let sum = exp.sum();
    exp / sum
}

/// log Σ_i exp(v_i), computed as max + log Σ_i exp(v_i − max) so it is finite for |v_i| ~ 1000.
/// Empty input gives −∞ (the log of an empty sum).
pub fn log_sum_exp(v: &[f64]) -> f64 {
    let shift = max_of(v);
    if shift.is_infinite() {
        return shift; // all −∞ (or empty), or some +∞: the shift trick does not apply
    }
    shift + log_sum_exp_shifted(v, shift)
}

/// log Σ_i exp(v_i − shift).
fn log_sum_exp_shifted(v: &[f64], shift: f64) -> f64 {
    v.iter().map(|&x| (x - shift).exp()).sum::<f64>().ln()
}

/// max_i v_i, propagating NaN (unlike `f64::max`); −∞ for an empty slice.
pub(crate) fn max_of(v: &[f64]) -> f64 {
    let mut max = f64::NEG_INFINITY;
    for &x in v {
        if x.is_nan() {
            return f64::NAN;
        }
        if x > max {
            max = x;
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_logits_give_uniform_softmax_and_log_m_loss() {
        // o_s_k = e^c / (m e^c) = 1/m, so L = log m
        let o_s = softmax(&DVector::from_column_slice(&[3.0, 3.0, 3.0, 3.0]));
        assert!(o_s.iter().all(|&p| (p - 0.25).abs() < 1e-15));
        assert!((log_sum_exp(&[3.0, 3.0, 3.0, 3.0]) - (3.0 + 4f64.ln())).abs() < 1e-14);
    }

    #[test]
    fn huge_logits_stay_finite() {
        // Without the shift exp(1000) = inf and inf/inf = NaN.
        let o_s = softmax(&DVector::from_column_slice(&[1000.0, 0.0, -1000.0]));
        assert_eq!(o_s[0], 1.0);
        assert!(o_s.iter().all(|p| p.is_finite()));
        // log(e^1000 + 1 + e^-1000) = 1000 + log(1 + e^-1000 + e^-2000) = 1000 in f64
        assert_eq!(log_sum_exp(&[1000.0, 0.0, -1000.0]), 1000.0);
        assert_eq!(log_sum_exp(&[]), f64::NEG_INFINITY);
        assert!(log_sum_exp(&[1.0, f64::NAN]).is_nan());
    }

    #[test]
    fn tiny_network_by_hand() {
        // h_a = 2·1 − 1 = 1, h_s = 1; o_a = (1·1 + 0, −1·1 + 0) = (1, −1)
        // o_s_0 = e / (e + 1/e) = 1 / (1 + e^-2); L(y = 0) = log(1 + e^-2)
        let params =
            Params::from_rows(&[vec![2.0]], &[-1.0], &[vec![1.0], vec![-1.0]], &[0.0, 0.0])
                .unwrap();
        let f = forward(&params, &DVector::from_column_slice(&[1.0]), 0).unwrap();
        assert_eq!(f.h_s, DVector::from_column_slice(&[1.0]));
        assert_eq!(f.o_a, DVector::from_column_slice(&[1.0, -1.0]));
        assert!((f.o_s[0] - 1.0 / (1.0 + (-2f64).exp())).abs() < 1e-15);
        assert!((f.loss - (1.0 + (-2f64).exp()).ln()).abs() < 1e-15);
    }

    #[test]
    fn rect_keeps_nan_and_zeroes_negatives() {
        assert_eq!(rect(-3.0), 0.0);
        assert_eq!(rect(0.0), 0.0);
        assert_eq!(rect(2.5), 2.5);
        assert!(rect(f64::NAN).is_nan());
    }
}
