//! Each step of the backward pass as a function of its own inputs, so the same line computes the
//! network's gradients ([`super::backward_with`]) and, in [`crate::homework`], a step from the
//! values a student wrote for the steps before it. Every function takes the mistakes switched on
//! and applies those of its step.
//!
//! The inputs must fit one network (the lengths of the passes): callers check the shapes first.

use nalgebra::{DMatrix, DVector};

use crate::mistakes::{wrong, Mistake, Mistakes};
use crate::penalty::LayerPenalty;

/// (g),(h) ∂L/∂o_a = o_s − onehot(y), with [`Mistake::WrongClass`] and [`Mistake::SignSwapped`].
/// // m
pub fn output_activation(o_s: &DVector<f64>, y: usize, mistakes: Mistakes) -> DVector<f64> {
    let class = if mistakes.contains(Mistake::WrongClass) {
        (y + 1) % o_s.len().max(1)
    } else {
        y
    };
    output_activation_for(o_s, class, mistakes.contains(Mistake::SignSwapped))
}

/// o_s − onehot(class), or its negative when `swapped`. // m
pub fn output_activation_for(o_s: &DVector<f64>, class: usize, swapped: bool) -> DVector<f64> {
    let mut g = o_s.clone();
    if let Some(v) = g.get_mut(class) {
        *v -= 1.0;
    }
    if swapped {
        -g
    } else {
        g
    }
}

/// (i),(j) ∂L/∂W2 = ∂L/∂o_a h_sᵀ, an outer product (not element-wise), with
/// [`Mistake::PreActivation`] (h_a for h_s), [`Mistake::ElementwiseOuter`] and
/// [`Mistake::Transposed`]. // [m x d_h]
pub fn weights2(o_a: &DVector<f64>, h_s: &DVector<f64>, h_a: &DVector<f64>, mistakes: Mistakes) -> DMatrix<f64> {
    let v = if mistakes.contains(Mistake::PreActivation) { h_a } else { h_s };
    outer(o_a, v, mistakes)
}

/// (k),(l) ∂L/∂h_s_j = Σ_k ∂L/∂o_a_k · W2_kj, a matrix–vector product, with
/// [`Mistake::ElementwiseMatVec`]. // d_h
pub fn hidden_output(w2: &DMatrix<f64>, o_a: &DVector<f64>, mistakes: Mistakes) -> DVector<f64> {
    if mistakes.contains(Mistake::ElementwiseMatVec) {
        wrong::diagonal_tr_mul(w2, o_a)
    } else {
        w2.tr_mul(o_a) // [d_h x m]·m
    }
}

/// (m),(n) ∂L/∂h_a = ∂L/∂h_s ⊙ 1{h_a > 0}: the gradient flows through *active* units only, and
/// rect'(0) is taken as 0; with [`Mistake::ReluPositiveGrad`] and [`Mistake::ReluAtZero`]. // d_h
pub fn hidden_activation(h_s: &DVector<f64>, h_a: &DVector<f64>, mistakes: Mistakes) -> DVector<f64> {
    if mistakes.contains(Mistake::ReluPositiveGrad) {
        wrong::positive_part(h_s)
    } else if mistakes.contains(Mistake::ReluAtZero) {
        h_s.zip_map(h_a, |g, a| if a >= 0.0 { g } else { 0.0 })
    } else {
        h_s.zip_map(h_a, |g, a| if a > 0.0 { g } else { 0.0 })
    }
}

/// (o),(p) ∂L/∂W1 = ∂L/∂h_a xᵀ, with [`Mistake::ElementwiseOuter`] and [`Mistake::Transposed`].
/// // [d_h x d]
pub fn weights1(h_a: &DVector<f64>, x: &DVector<f64>, mistakes: Mistakes) -> DMatrix<f64> {
    outer(h_a, x, mistakes)
}

/// u vᵀ, or its diagonal with [`Mistake::ElementwiseOuter`], transposed with
/// [`Mistake::Transposed`] when it is square. // [len u x len v]
fn outer(u: &DVector<f64>, v: &DVector<f64>, mistakes: Mistakes) -> DMatrix<f64> {
    let product = if mistakes.contains(Mistake::ElementwiseOuter) {
        wrong::diagonal_outer(u, v)
    } else {
        u * v.transpose() // [n x 1]·[1 x k]
    };
    if mistakes.contains(Mistake::Transposed) && product.is_square() {
        product.transpose()
    } else {
        product
    }
}

/// (q) ∂L/∂x_j = Σ_k ∂L/∂h_a_k · W1_kj, with [`Mistake::StrayInputFactor`]. // d
pub fn input(w1: &DMatrix<f64>, h_a: &DVector<f64>, x: &DVector<f64>, mistakes: Mistakes) -> DVector<f64> {
    let grad = w1.tr_mul(h_a); // [d x d_h]·d_h
    if mistakes.contains(Mistake::StrayInputFactor) {
        wrong::stray_input_factor(x, grad)
    } else {
        grad
    }
}

/// (r) ∂R̃/∂W = ∂L/∂W + λ₁ sign(W) + 2λ₂W (the derivative of λ₁Σ|W| + λ₂ΣW², sign(0) = 0),
/// with [`Mistake::MissingFactorTwo`] (`+ λ₂W`) and [`Mistake::NoPenalty`] (`∂L/∂W`).
/// // shape of W
pub fn penalized_weights(grad: &DMatrix<f64>, w: &DMatrix<f64>, layer: LayerPenalty, mistakes: Mistakes) -> DMatrix<f64> {
    if mistakes.contains(Mistake::NoPenalty) {
        grad.clone()
    } else {
        layer.penalised(grad, w, penalty_factor(mistakes))
    }
}

/// (r) ∂R̃/∂b = ∂L/∂b: biases are not penalised, unless [`Mistake::PenalizedBiases`] adds the
/// layer's `λ₁ sign(b) + cλ₂b` (c = 2, or 1 with [`Mistake::MissingFactorTwo`]). // shape of b
pub fn penalized_biases(grad: &DVector<f64>, b: &DVector<f64>, layer: LayerPenalty, mistakes: Mistakes) -> DVector<f64> {
    if mistakes.contains(Mistake::PenalizedBiases) && !mistakes.contains(Mistake::NoPenalty) {
        grad.zip_map(b, |g, v| g + layer.slope(v, penalty_factor(mistakes)))
    } else {
        grad.clone()
    }
}

/// The c of `+ cλ₂W` in (r): 2, the derivative of λ₂W², or 1 with [`Mistake::MissingFactorTwo`].
fn penalty_factor(mistakes: Mistakes) -> f64 {
    if mistakes.contains(Mistake::MissingFactorTwo) {
        1.0
    } else {
        2.0
    }
}
