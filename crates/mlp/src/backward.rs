//! The backward pass for one example, exercises (g)–(r): the chain rule applied step by step,
//! from the loss back to the input.
//!
//! ```text
//! (g),(h) ∂L/∂o_a = o_s − onehot_m(y)
//! (i),(j) ∂L/∂W2  = ∂L/∂o_a h_sᵀ            [m x d_h]     ∂L/∂b2 = ∂L/∂o_a
//! (k),(l) ∂L/∂h_s = W2ᵀ ∂L/∂o_a              d_h
//! (m),(n) ∂L/∂h_a = ∂L/∂h_s ⊙ 1{h_a > 0}     d_h           (rect'(0) is taken as 0)
//! (o),(p) ∂L/∂W1  = ∂L/∂h_a xᵀ               [d_h x d]     ∂L/∂b1 = ∂L/∂h_a
//! (q)     ∂L/∂x   = W1ᵀ ∂L/∂h_a              d
//! (r)     ∂R̃/∂W1  = ∂L/∂W1 + λ₁₁ sign(W1) + 2λ₁₂ W1, the same for W2 with λ₂₁, λ₂₂;
//!         biases are not penalised; sign(0) = 0 (see [`crate::penalty`])
//! ```
//!
//! [`backward_with`] is the same pass with some of the course's common mistakes switched on
//! (see [`crate::mistakes`]); [`backward`] is it with none.

use nalgebra::{DMatrix, DVector};

pub mod step;

use crate::forward::Forward;
use crate::mistakes::Mistakes;
use crate::params::Params;
use crate::penalty::Penalty;

/// One gradient per step of the course, named after the quantity it differentiates.
///
/// All fields except the `*_reg` ones are gradients of the loss L alone; (r) is kept
/// separately so the app can show both. [`Gradients::regularized`] gathers ∂R̃/∂θ.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradients {
    /// (g),(h) ∂L/∂o_a = o_s − onehot(y). // m
    pub o_a: DVector<f64>,
    /// (i),(j) ∂L/∂W2 = ∂L/∂o_a h_sᵀ. // [m x d_h]
    pub w2: DMatrix<f64>,
    /// (i),(j) ∂L/∂b2 = ∂L/∂o_a. // m
    pub b2: DVector<f64>,
    /// (k),(l) ∂L/∂h_s = W2ᵀ ∂L/∂o_a. // d_h
    pub h_s: DVector<f64>,
    /// (m),(n) ∂L/∂h_a = ∂L/∂h_s ⊙ 1{h_a > 0}. // d_h
    pub h_a: DVector<f64>,
    /// (o),(p) ∂L/∂W1 = ∂L/∂h_a xᵀ. // [d_h x d]
    pub w1: DMatrix<f64>,
    /// (o),(p) ∂L/∂b1 = ∂L/∂h_a. // d_h
    pub b1: DVector<f64>,
    /// (q) ∂L/∂x = W1ᵀ ∂L/∂h_a. // d
    pub x: DVector<f64>,
    /// (r) ∂R̃/∂W1 = ∂L/∂W1 + λ₁₁ sign(W1) + 2λ₁₂ W1. // [d_h x d]
    pub w1_reg: DMatrix<f64>,
    /// (r) ∂R̃/∂b1 = ∂L/∂b1: biases are not penalised (equal to `b1` unless
    /// [`crate::Mistake::PenalizedBiases`] is on). // d_h
    pub b1_reg: DVector<f64>,
    /// (r) ∂R̃/∂W2 = ∂L/∂W2 + λ₂₁ sign(W2) + 2λ₂₂ W2. // [m x d_h]
    pub w2_reg: DMatrix<f64>,
    /// (r) ∂R̃/∂b2 = ∂L/∂b2 (equal to `b2` unless [`crate::Mistake::PenalizedBiases`] is on). // m
    pub b2_reg: DVector<f64>,
}

/// Runs (g)–(r) for one example, reusing the values `fwd` cached by
/// [`forward(params, x, y)`](crate::forward()), with the penalty Ω of `penalty`. The same as
/// [`backward_with`] with no mistake.
///
/// # Panics
/// If `fwd`, `x` or `y` do not belong to `params` (`y ≥ m`, or mismatched lengths). Calling
/// `forward` first with the same arguments checks all of them and returns a [`crate::ShapeError`]
/// instead, so user input never reaches this panic.
pub fn backward(
    params: &Params,
    fwd: &Forward,
    x: &DVector<f64>,
    y: usize,
    penalty: Penalty,
) -> Gradients {
    backward_with(params, fwd, x, y, penalty, Mistakes::NONE)
}

/// [`backward`] with the common mistakes `mistakes` switched on, each replacing the line of its
/// exercise by the mistaken formula of [`crate::mistakes`]. `fwd` is meant to come from
/// [`forward_with`](crate::forward_with) with the same mistakes.
///
/// # Panics
/// As [`backward`]: only if `fwd`, `x` or `y` do not belong to `params`.
pub fn backward_with(
    params: &Params,
    fwd: &Forward,
    x: &DVector<f64>,
    y: usize,
    penalty: Penalty,
    mistakes: Mistakes,
) -> Gradients {
    let o_a = step::output_activation(&fwd.o_s, y, mistakes); // (g),(h)
    let w2 = step::weights2(&o_a, &fwd.h_s, &fwd.h_a, mistakes); // (i),(j)
    let b2 = o_a.clone();
    let h_s = step::hidden_output(&params.w2, &o_a, mistakes); // (k),(l)
    let h_a = step::hidden_activation(&h_s, &fwd.h_a, mistakes); // (m),(n)
    let w1 = step::weights1(&h_a, x, mistakes); // (o),(p)
    let b1 = h_a.clone();
    let x_grad = step::input(&params.w1, &h_a, x, mistakes); // (q)
    // (r) d/dW of λ₁ Σ|W| + λ₂ ΣW² is λ₁ sign(W) + 2λ₂W (the factor 2 matters); biases are not
    // penalised.
    Gradients {
        w1_reg: step::penalized_weights(&w1, &params.w1, penalty.w1, mistakes),
        b1_reg: step::penalized_biases(&b1, &params.b1, penalty.w1, mistakes),
        w2_reg: step::penalized_weights(&w2, &params.w2, penalty.w2, mistakes),
        b2_reg: step::penalized_biases(&b2, &params.b2, penalty.w2, mistakes),
        o_a,
        w2,
        b2,
        h_s,
        h_a,
        w1,
        b1,
        x: x_grad,
    }
}

impl Gradients {
    /// ∂L/∂θ, the unregularized gradient, as a [`Params`] value (W1, b1, W2, b2).
    pub fn params(&self) -> Params {
        Params {
            w1: self.w1.clone(),
            b1: self.b1.clone(),
            w2: self.w2.clone(),
            b2: self.b2.clone(),
        }
    }

    /// ∂R̃/∂θ = ∂L/∂θ + ∂Ω/∂θ (nothing on the biases), the gradient a step follows: the `*_reg`
    /// fields.
    pub fn regularized(&self) -> Params {
        Params {
            w1: self.w1_reg.clone(),
            b1: self.b1_reg.clone(),
            w2: self.w2_reg.clone(),
            b2: self.b2_reg.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forward::forward;

    fn tiny(b1: f64) -> Params {
        Params::from_rows(&[vec![2.0]], &[b1], &[vec![1.0], vec![-1.0]], &[0.0, 0.0]).unwrap()
    }

    #[test]
    fn tiny_network_by_hand() {
        // Forward (see forward.rs): h_a = h_s = 1, o_a = (1, −1), p = o_s_0 = 1 / (1 + e^-2).
        let params = tiny(-1.0);
        let x = DVector::from_column_slice(&[1.0]);
        let g = backward(&params, &forward(&params, &x, 0).unwrap(), &x, 0, Penalty::weight_decay(0.1));
        let p = 1.0 / (1.0 + (-2f64).exp());
        let close = |a: f64, b: f64| (a - b).abs() < 1e-15;
        // dL/do_a = o_s − onehot(0) = (p − 1, 1 − p)
        assert!(close(g.o_a[0], p - 1.0) && close(g.o_a[1], 1.0 - p));
        // dL/dW2 = dL/do_a · h_sᵀ with h_s = 1
        assert_eq!(g.w2.column(0), g.o_a.column(0));
        // dL/dh_s = W2ᵀ dL/do_a = 1·(p − 1) + (−1)·(1 − p) = 2(p − 1); h_a = 1 > 0 so dL/dh_a too
        assert!(close(g.h_s[0], 2.0 * (p - 1.0)) && close(g.h_a[0], g.h_s[0]));
        // dL/dW1 = dL/dh_a · x = 2(p − 1); dL/dx = W1ᵀ dL/dh_a = 2 · 2(p − 1)
        assert!(close(g.w1[(0, 0)], 2.0 * (p - 1.0)) && close(g.x[0], 4.0 * (p - 1.0)));
        // (r) + 2λW: W1 = 2 → + 0.4; W2 = (1, −1) → ± 0.2; biases unchanged
        assert!(close(g.w1_reg[(0, 0)], g.w1[(0, 0)] + 0.4));
        assert!(close(g.w2_reg[(1, 0)], g.w2[(1, 0)] - 0.2));
        // biases are not penalised: b1_reg = b1, b2_reg = b2
        assert_eq!((&g.b1_reg, &g.b2_reg), (&g.b1, &g.b2));
        assert_eq!(g.regularized().b2, g.b2);
    }

    #[test]
    fn dead_unit_and_kink_pass_no_gradient() {
        // b1 = −3: h_a = −1 (dead). b1 = −2: h_a = 0 exactly, and rect'(0) = 0.
        for b1 in [-3.0, -2.0] {
            let params = tiny(b1);
            let x = DVector::from_column_slice(&[1.0]);
            let g = backward(&params, &forward(&params, &x, 1).unwrap(), &x, 1, Penalty::NONE);
            assert_ne!(g.h_s[0], 0.0);
            assert_eq!(
                (g.h_a[0], g.w1[(0, 0)], g.b1[0], g.x[0]),
                (0.0, 0.0, 0.0, 0.0)
            );
        }
    }
}
