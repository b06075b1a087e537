//! The minibatch (matrix) form: K examples at once, one per row of X `[K x d]`.
//!
//! ```text
//! H_a = X W1ᵀ + 1 b1ᵀ      H_s = max(0, H_a)           [K x d_h]
//! O_a = H_s W2ᵀ + 1 b2ᵀ    O_s = softmax of each row    [K x m]
//! loss = (1/K) Σ_i L(x_i, y_i)
//! G_oa = (O_s − Y_onehot) / K                          [K x m]
//! ∂/∂W2 = G_oaᵀ H_s        ∂/∂b2 = column sums of G_oa
//! G_ha = (G_oa W2) ⊙ 1{H_a > 0}                        [K x d_h]
//! ∂/∂W1 = G_haᵀ X          ∂/∂b1 = column sums of G_ha
//! then + ∂Ω/∂W1, + ∂Ω/∂W2 (λ₁ sign(W) + 2λ₂W; biases are not penalised)
//! ```
//!
//! The gradient is the *mean* over the K examples, so the learning rate does not depend on K;
//! with K = 1 it is exactly the one-example gradient of [`crate::backward()`].
//!
//! Two implementations: [`batch_forward`] / [`batch_backward`] read like the equations above
//! (and allocate), and [`Workspace`] computes the same thing in preallocated buffers, without
//! any heap allocation per call, for the trainer's hot path.

mod block;
mod workspace;

pub use workspace::{Workspace, MAX_BLOCK};

use nalgebra::{DMatrix, DVector};

use crate::forward::{log_sum_exp, rect, softmax};
use crate::params::{Params, Shape, ShapeError};
use crate::penalty::Penalty;

/// The forward pass of a minibatch: row i holds the values of example i.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchForward {
    /// H_a = X W1ᵀ + 1 b1ᵀ. // [K x d_h]
    pub h_a: DMatrix<f64>,
    /// H_s = max(0, H_a). // [K x d_h]
    pub h_s: DMatrix<f64>,
    /// O_a = H_s W2ᵀ + 1 b2ᵀ. // [K x m]
    pub o_a: DMatrix<f64>,
    /// O_s = softmax of each row of O_a (max-shifted). // [K x m]
    pub o_s: DMatrix<f64>,
    /// Mean loss (1/K) Σ_i L(x_i, y_i), without the penalty.
    pub loss: f64,
}

/// Checks a data set against the parameters: `params` consistent, `xs` `[n x d]` with finite
/// values, one label per row, every label `< m`. Returns the parameters' shape.
pub fn check_set(params: &Params, xs: &DMatrix<f64>, ys: &[usize]) -> Result<Shape, ShapeError> {
    let shape = params.check_shape()?;
    if xs.ncols() != shape.d {
        return Err(ShapeError::matrix("xs", (xs.nrows(), shape.d), xs.shape()));
    }
    if ys.len() != xs.nrows() {
        return Err(ShapeError::length("ys", xs.nrows(), ys.len()));
    }
    if let Some(&y) = ys.iter().find(|&&y| y >= shape.m) {
        return Err(ShapeError::LabelOutOfRange { y, m: shape.m });
    }
    for i in 0..xs.nrows() {
        if let Some(col) = xs.row(i).iter().position(|v| !v.is_finite()) {
            return Err(ShapeError::NonFinite {
                field: "xs",
                row: i,
                col: Some(col),
            });
        }
    }
    Ok(shape)
}

/// The forward pass of a minibatch `xs` `[K x d]` (one example per row) with labels `ys`
/// (length K, K ≥ 1), written as the matrix equations.
pub fn batch_forward(
    params: &Params,
    xs: &DMatrix<f64>,
    ys: &[usize],
) -> Result<BatchForward, ShapeError> {
    check_set(params, xs, ys)?;
    if ys.is_empty() {
        return Err(ShapeError::Empty { field: "xs" });
    }
    let h_a = add_to_rows(xs * params.w1.transpose(), &params.b1); // [K x d] [d x d_h]
    let h_s = h_a.map(rect);
    let o_a = add_to_rows(&h_s * params.w2.transpose(), &params.b2); // [K x d_h] [d_h x m]

    let mut o_s = o_a.clone();
    let mut loss = 0.0;
    for (i, &y) in ys.iter().enumerate() {
        let row: DVector<f64> = o_a.row(i).transpose();
        o_s.set_row(i, &softmax(&row).transpose());
        loss += log_sum_exp(row.as_slice()) - row[y]; // L = −o_a_y + log Σ exp(o_a), shifted
    }
    loss /= ys.len() as f64;
    Ok(BatchForward {
        h_a,
        h_s,
        o_a,
        o_s,
        loss,
    })
}

/// The backward pass of a minibatch, written as the matrix equations. Returns
/// `(mean ∂L/∂θ, mean ∂L/∂θ + ∂Ω/∂θ)`: the unregularized and regularized gradients.
///
/// # Panics
/// If `fwd` does not come from `batch_forward(params, xs, ys)`, which checks every shape and
/// label and returns an error instead.
pub fn batch_backward(
    params: &Params,
    fwd: &BatchForward,
    xs: &DMatrix<f64>,
    ys: &[usize],
    penalty: Penalty,
) -> (Params, Params) {
    let k = ys.len() as f64;
    // G_oa = (O_s − Y_onehot) / K, the mean of (g) over the rows
    let mut g_oa = fwd.o_s.clone(); // [K x m]
    for (i, &y) in ys.iter().enumerate() {
        g_oa[(i, y)] -= 1.0;
    }
    g_oa /= k;
    let w2 = g_oa.tr_mul(&fwd.h_s); // [m x K] [K x d_h]
    let b2 = g_oa.row_sum().transpose(); // column sums

    // G_ha = (G_oa W2) ⊙ 1{H_a > 0}, rect'(0) = 0
    let g_hs = &g_oa * &params.w2; // [K x m] [m x d_h]
    let g_ha = g_hs.zip_map(&fwd.h_a, |g, a| if a > 0.0 { g } else { 0.0 });
    let w1 = g_ha.tr_mul(xs); // [d_h x K] [K x d]
    let b1 = g_ha.row_sum().transpose();

    let grads = Params { w1, b1, w2, b2 };
    let mut regularized = grads.clone();
    // (r) + λ₁ sign(W) + 2λ₂W; biases are not penalised
    penalty.add_gradient(params, &mut regularized);
    (grads, regularized)
}

/// `a + 1 bᵀ`: adds the vector `b` to every row of `a`.
fn add_to_rows(mut a: DMatrix<f64>, b: &DVector<f64>) -> DMatrix<f64> {
    for mut row in a.row_iter_mut() {
        row += b.transpose();
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_examples_by_hand() {
        // W1 = I, b1 = 0, W2 = I, b2 = 0: H_s = max(0, X), O_a = H_s.
        // Row 0: x = (0, 0) → O_a = (0, 0), O_s = (½, ½), L = log 2 for either label.
        // Row 1: x = (1, −1) → H_a = (1, −1), H_s = (1, 0), O_a = (1, 0).
        let eye = DMatrix::<f64>::identity(2, 2);
        let params = Params::from_parts(
            eye.clone(),
            DVector::from_column_slice(&[0.0, 0.0]),
            eye,
            DVector::from_column_slice(&[0.0, 0.0]),
        )
        .unwrap();
        let xs = DMatrix::from_row_slice(2, 2, &[0.0, 0.0, 1.0, -1.0]);
        let fwd = batch_forward(&params, &xs, &[1, 0]).unwrap();
        assert_eq!(
            fwd.h_s,
            DMatrix::from_row_slice(2, 2, &[0.0, 0.0, 1.0, 0.0])
        );
        let p = 1.0 / (1.0 + (-1f64).exp()); // o_s_0 of row 1
        let mean_loss = (2f64.ln() - p.ln()) / 2.0;
        assert!((fwd.loss - mean_loss).abs() < 1e-15);
        // G_oa = (O_s − Y) / 2 = [½, −½; p − 1, 1 − p] / 2; ∂b2 = column sums
        let (grads, _) = batch_backward(&params, &fwd, &xs, &[1, 0], Penalty::weight_decay(0.0));
        assert!((grads.b2[0] - (0.5 + p - 1.0) / 2.0).abs() < 1e-15);
        assert!((grads.b2[0] + grads.b2[1]).abs() < 1e-15); // each row of O_s − Y sums to 0
    }

    #[test]
    fn units_exactly_at_the_kink_pass_no_gradient() {
        // b1 = 0 and W1 rows 0, 1 orthogonal to every x below, so h_a_0 = h_a_1 = 0 exactly on
        // every row (x = 0 puts unit 2 at 0 too). rect'(0) = 0: ∂W1 and ∂b1 of units 0 and 1
        // must be exactly 0 in all three forms, although ∂L/∂h_s is not 0 for them.
        let params = Params::from_rows(
            &[vec![1.0, -1.0], vec![2.0, -2.0], vec![0.5, 0.25]],
            &[0.0, 0.0, 0.0],
            &[vec![1.0, -2.0, 0.5], vec![-1.5, 1.0, 2.0]],
            &[0.1, -0.1],
        )
        .unwrap();
        let xs = DMatrix::from_row_slice(3, 2, &[0.0, 0.0, 1.0, 1.0, 3.0, 3.0]);
        let ys = [0, 1, 0];
        // The mean of the one-example gradients (backward.rs, whose kink test is separate).
        let mut mean = Params::zeros(params.shape());
        for (i, &y) in ys.iter().enumerate() {
            let x: DVector<f64> = xs.row(i).transpose();
            let fwd = crate::forward(&params, &x, y).unwrap();
            assert_eq!((fwd.h_a[0], fwd.h_a[1]), (0.0, 0.0));
            let g = crate::backward(&params, &fwd, &x, y, Penalty::NONE);
            assert!(g.h_s[0] != 0.0 && g.h_s[1] != 0.0);
            mean.axpy(1.0 / 3.0, &g.regularized());
        }
        let fwd = batch_forward(&params, &xs, &ys).unwrap();
        let (matrix_form, _) = batch_backward(&params, &fwd, &xs, &ys, Penalty::NONE);
        let mut workspace = Params::zeros(params.shape());
        Workspace::new(params.shape(), 2).gradient(
            &params,
            &xs,
            &ys,
            &[0, 1, 2],
            Penalty::weight_decay(0.0),
            &mut workspace,
        );
        for (form, g) in [
            ("backward", &mean),
            ("batch_backward", &matrix_form),
            ("Workspace", &workspace),
        ] {
            for j in 0..2 {
                let dead = (g.w1[(j, 0)], g.w1[(j, 1)], g.b1[j]);
                assert_eq!(dead, (0.0, 0.0, 0.0), "{form}: unit {j}");
            }
            assert!(g.b1[2] != 0.0, "{form}: unit 2 is active on rows 1 and 2");
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-15;
            assert!(
                g.w1.iter().zip(mean.w1.iter()).all(|(&a, &b)| close(a, b)),
                "{form}"
            );
            assert!(
                g.b1.iter().zip(mean.b1.iter()).all(|(&a, &b)| close(a, b)),
                "{form}"
            );
            assert!(
                g.w2.iter().zip(mean.w2.iter()).all(|(&a, &b)| close(a, b)),
                "{form}"
            );
        }
    }

    #[test]
    fn workspace_sizes_are_bounded_and_bad_data_is_an_error() {
        // Any capacity is clamped to 1..=MAX_BLOCK instead of overflowing `cap · d_h`.
        let shape = Shape::new(2, 3, 2).unwrap();
        assert_eq!(Workspace::new(shape, usize::MAX).capacity(), MAX_BLOCK);
        assert_eq!(Workspace::new(shape, 0).capacity(), 1);
        let mut ws = Workspace::new(shape, 4);
        let params = Params::zeros(shape);
        let err = ws.dead_units(&params, &DMatrix::zeros(5, 3)).unwrap_err();
        assert_eq!(err, ShapeError::matrix("xs", (5, 2), (5, 3)));
        // b1 = 0 and W1 = 0: h_a = 0 exactly, and rect'(0) = 0 makes every unit dead.
        assert_eq!(ws.dead_units(&params, &DMatrix::zeros(5, 2)), Ok(3));
        assert_eq!(ws.dead_units(&params, &DMatrix::zeros(0, 2)), Ok(3));
    }

    #[test]
    fn check_set_reports_the_problem() {
        let params = Params::zeros(Shape::new(2, 3, 2).unwrap());
        let xs = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, 2.0, f64::NAN]);
        let err = check_set(&params, &xs, &[0, 1]).unwrap_err();
        assert_eq!(
            err,
            ShapeError::NonFinite {
                field: "xs",
                row: 1,
                col: Some(1)
            }
        );
        let err = check_set(&params, &xs, &[0, 2]).unwrap_err();
        assert_eq!(err, ShapeError::LabelOutOfRange { y: 2, m: 2 });
        assert!(batch_forward(&params, &DMatrix::zeros(0, 2), &[]).is_err());
    }
}
