//! The mistaken formulas themselves, each beside the numpy line a student wrote. The forward
//! and backward passes call them in place of the correct line when the switch is on.

use nalgebra::{DMatrix, DVector};

/// (j), (p) `grad * v` entry by entry instead of `np.outer(grad, v)`: only matching indices are
/// paired, so `out_kj = u_k · v_k` if k = j and 0 otherwise. // [len u x len v]
pub(crate) fn diagonal_outer(u: &DVector<f64>, v: &DVector<f64>) -> DMatrix<f64> {
    DMatrix::from_fn(
        u.len(),
        v.len(),
        |k, j| if k == j { u[k] * v[k] } else { 0.0 },
    )
}

/// (l) `W2.T * grad_oa` instead of `W2.T @ grad_oa`. numpy broadcasts it to the `[d_h x m]`
/// matrix of the terms W2_kj · g_k and skips the sum over k; as a simplification that keeps a
/// d_h-vector, only that matrix's diagonal is kept: `out_j = W2_jj · g_j` for
/// j < min(m, d_h), 0 otherwise. // d_h
pub(crate) fn diagonal_tr_mul(w2: &DMatrix<f64>, g: &DVector<f64>) -> DVector<f64> {
    DVector::from_fn(w2.ncols(), |j, _| {
        if j < w2.nrows() {
            w2[(j, j)] * g[j]
        } else {
            0.0
        }
    })
}

/// (n) `(grad_hs + np.abs(grad_hs)) / 2` instead of `grad_hs * (ha > 0)`: keeps the positive
/// gradients, whichever units are active. // d_h
pub(crate) fn positive_part(g: &DVector<f64>) -> DVector<f64> {
    g.map(|g| (g + g.abs()) / 2.0)
}

/// (q) `x * (W1.T @ grad_ha)`: the correct sum `grad_x` multiplied entry by entry by a stray
/// `x_j`. // d
pub(crate) fn stray_input_factor(x: &DVector<f64>, grad_x: DVector<f64>) -> DVector<f64> {
    grad_x.component_mul(x)
}

/// (c), (d) `os = np.exp(oa) / np.exp(oa).sum()` and `loss = -np.log(os[y])`, without the
/// max-shift: exp overflows to ∞ for a logit above ≈ 709.78, giving o_s_k = ∞/∞ = NaN for the
/// overflowing classes and 0 for the others; L is NaN if y overflows and ∞ otherwise, as it is
/// whenever the true class's probability underflows to 0.
pub(crate) fn unshifted_softmax(o_a: &DVector<f64>, y: usize) -> (DVector<f64>, f64) {
    let exp = o_a.map(f64::exp);
    let o_s = &exp / exp.sum();
    let loss = -o_s[y].ln();
    (o_s, loss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagonal_forms_keep_only_matching_indices() {
        let u = DVector::from_column_slice(&[1.0, 2.0, 3.0]);
        let v = DVector::from_column_slice(&[10.0, 20.0]);
        // [1·10, 0; 0, 2·20; 0, 0]
        let want = DMatrix::from_row_slice(3, 2, &[10.0, 0.0, 0.0, 40.0, 0.0, 0.0]);
        assert_eq!(diagonal_outer(&u, &v), want);
        // W2 [2 x 3]: out_j = W2_jj g_j for j < 2, out_2 = 0
        let w2 = DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        let g = DVector::from_column_slice(&[7.0, 8.0]);
        assert_eq!(diagonal_tr_mul(&w2, &g).as_slice(), &[7.0, 40.0, 0.0]);
    }

    #[test]
    fn unshifted_softmax_overflows_only_for_huge_logits() {
        let (o_s, loss) = unshifted_softmax(&DVector::from_column_slice(&[0.0, 0.0]), 0);
        assert_eq!((o_s[0], loss), (0.5, 2f64.ln()));
        let (o_s, loss) = unshifted_softmax(&DVector::from_column_slice(&[1000.0, 0.0]), 0);
        assert!(o_s[0].is_nan() && o_s[1] == 0.0 && loss.is_nan()); // ∞/∞, 1/∞
                                                                    // y is not the overflowing class: o_s_1 = 1/∞ = 0, L = −ln 0 = ∞ (not NaN)
        let (_, loss) = unshifted_softmax(&DVector::from_column_slice(&[1000.0, 0.0]), 1);
        assert_eq!(loss, f64::INFINITY);
        let (_, loss) = unshifted_softmax(&DVector::from_column_slice(&[300.0, -500.0]), 1);
        assert_eq!(loss, f64::INFINITY); // e^-500 / e^300 underflows to 0
    }
}
