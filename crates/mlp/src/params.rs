//! The parameters θ = (W1, b1, W2, b2) of the network and their shapes.
//!
//! `W1` is `[d_h x d]`, `b1` has `d_h` entries, `W2` is `[m x d_h]`, `b2` has `m` entries, so
//! there are n_θ = d_h·d + d_h + m·d_h + m scalar parameters (exercise (e)). A gradient with
//! respect to θ has exactly the same shapes, so it is also a [`Params`] value: an SGD step is
//! `params.axpy(-eta, &grads)`.
//!
//! Initialization (f): biases 0, weights uniform in [−1/√n_c, 1/√n_c] where n_c is the number of
//! inputs of the layer (d for W1, d_h for W2). The penalty (r) is λ(Σ W1² + Σ W2²): biases are not
//! penalised.

mod check;
mod error;
mod shape;

pub(crate) use check::check_vector_finite;
pub use error::ShapeError;
pub use shape::{Shape, MAX_D, MAX_D_H, MAX_M};

use nalgebra::{DMatrix, DVector};
use rand::{Rng, RngExt};

/// θ = (W1, b1, W2, b2). Also used for gradients ∂/∂θ, which have the same shapes.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Input → hidden weights W^(1). // [d_h x d]
    pub w1: DMatrix<f64>,
    /// Hidden biases b^(1). // d_h
    pub b1: DVector<f64>,
    /// Hidden → output weights W^(2). // [m x d_h]
    pub w2: DMatrix<f64>,
    /// Output biases b^(2). // m
    pub b2: DVector<f64>,
}

impl Params {
    /// The course's initialization (f): biases 0, `W1` uniform in [−1/√d, 1/√d], `W2` uniform in
    /// [−1/√d_h, 1/√d_h]. Entries are drawn row by row, W1 first then W2, so a seeded RNG
    /// (e.g. `Pcg64::seed_from_u64`) always gives the same network.
    pub fn init<R: Rng + ?Sized>(shape: Shape, rng: &mut R) -> Params {
        let mut params = Params::zeros(shape);
        fill_uniform(&mut params.w1, 1.0 / (shape.d as f64).sqrt(), rng);
        fill_uniform(&mut params.w2, 1.0 / (shape.d_h as f64).sqrt(), rng);
        params
    }

    /// All parameters 0 (also the starting value of a gradient accumulator).
    pub fn zeros(shape: Shape) -> Params {
        Params {
            w1: DMatrix::zeros(shape.d_h, shape.d),
            b1: DVector::zeros(shape.d_h),
            w2: DMatrix::zeros(shape.m, shape.d_h),
            b2: DVector::zeros(shape.m),
        }
    }

    /// The shape read from `W1` (`d_h x d`) and `W2` (`m x d_h`). Use [`Params::check_shape`] to
    /// also verify that the four fields agree.
    pub fn shape(&self) -> Shape {
        Shape {
            d: self.w1.ncols(),
            d_h: self.w1.nrows(),
            m: self.w2.nrows(),
        }
    }

    /// True when every field has exactly the sizes given by `shape`.
    pub fn has_shape(&self, shape: Shape) -> bool {
        self.w1.shape() == (shape.d_h, shape.d)
            && self.b1.len() == shape.d_h
            && self.w2.shape() == (shape.m, shape.d_h)
            && self.b2.len() == shape.m
    }

    /// Makes `self` a copy of `other`, in place when the shapes agree (no allocation), by a
    /// fresh clone otherwise.
    pub fn copy_from(&mut self, other: &Params) {
        if self.has_shape(other.shape()) {
            self.w1.copy_from(&other.w1);
            self.b1.copy_from(&other.b1);
            self.w2.copy_from(&other.w2);
            self.b2.copy_from(&other.b2);
        } else {
            *self = other.clone();
        }
    }

    /// True when no parameter is NaN or ±∞ (training has not diverged).
    pub fn is_finite(&self) -> bool {
        self.slices()
            .iter()
            .all(|s| s.iter().all(|v| v.is_finite()))
    }

    /// `self += alpha · g`, field by field, without allocating. An SGD step (f) is
    /// `params.axpy(-eta, &grads)`. `g` must have the same shape as `self`.
    ///
    /// # Panics
    /// If the shapes differ (a programming error, not a user input).
    pub fn axpy(&mut self, alpha: f64, g: &Params) {
        assert!(g.has_shape(self.shape()), "Params::axpy: shapes differ");
        for (dst, src) in self.slices_mut().into_iter().zip(g.slices()) {
            for (a, b) in dst.iter_mut().zip(src) {
                *a += alpha * b;
            }
        }
    }

    /// Sets every parameter to `v` (e.g. 0 before accumulating a gradient).
    pub fn fill(&mut self, v: f64) {
        for s in self.slices_mut() {
            s.fill(v);
        }
    }

    /// The largest |θ_i| over all four fields (0 for no parameters, NaN if any is NaN).
    pub fn max_abs(&self) -> f64 {
        let mut max = 0.0_f64;
        for v in self.slices().iter().flat_map(|s| s.iter()) {
            if v.is_nan() {
                return f64::NAN;
            }
            max = max.max(v.abs());
        }
        max
    }

    /// The four fields as flat column-major slices, in the order W1, b1, W2, b2.
    pub(crate) fn slices(&self) -> [&[f64]; 4] {
        [
            self.w1.as_slice(),
            self.b1.as_slice(),
            self.w2.as_slice(),
            self.b2.as_slice(),
        ]
    }

    pub(crate) fn slices_mut(&mut self) -> [&mut [f64]; 4] {
        [
            self.w1.as_mut_slice(),
            self.b1.as_mut_slice(),
            self.w2.as_mut_slice(),
            self.b2.as_mut_slice(),
        ]
    }
}

/// Fills `w` row by row with values uniform in [−bound, bound].
fn fill_uniform<R: Rng + ?Sized>(w: &mut DMatrix<f64>, bound: f64, rng: &mut R) {
    for j in 0..w.nrows() {
        for k in 0..w.ncols() {
            w[(j, k)] = rng.random_range(-bound..=bound);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_pcg::Pcg64;

    #[test]
    fn init_respects_bounds_and_zero_biases() {
        let shape = Shape::new(4, 9, 3).unwrap();
        let p = Params::init(shape, &mut Pcg64::seed_from_u64(7));
        assert!(p.w1.iter().all(|w| w.abs() <= 0.5)); // 1/√4
        assert!(p.w2.iter().all(|w| w.abs() <= 1.0 / 3.0)); // 1/√9
        assert!(p.b1.iter().chain(p.b2.iter()).all(|&b| b == 0.0));
        assert_eq!(p.check_shape(), Ok(shape));
    }

    #[test]
    fn init_fills_the_whole_interval_around_zero() {
        // A large layer: the draws must reach both ends of [−b, b] and average 0, with
        // b = 1/√d for W1 and b = 1/√d_h for W2 (not 1/d, not the other layer's n_c).
        let shape = Shape::new(16, 400, 10).unwrap();
        let p = Params::init(shape, &mut Pcg64::seed_from_u64(3));
        for (name, w, bound) in [("W1", &p.w1, 0.25), ("W2", &p.w2, 0.05)] {
            let (min, max) = (w.min(), w.max());
            assert!(
                min >= -bound && max <= bound,
                "{name}: {min} {max} vs ±{bound}"
            );
            assert!(
                min < -0.9 * bound && max > 0.9 * bound,
                "{name}: {min} {max}"
            );
            // The mean of N uniform draws has standard error b/√(3N): 5 of them is < 0.05 b.
            let mean = w.mean();
            assert!(mean.abs() < 0.05 * bound, "{name}: mean {mean}");
        }
    }

    #[test]
    fn penalty_ignores_biases() {
        // λ(ΣW1² + ΣW2²) = 0.5·(1 + 4 + 9 + 16) = 15; the biases (100) do not count
        let p = Params::from_rows(
            &[vec![1.0, 2.0]],
            &[100.0],
            &[vec![3.0], vec![4.0]],
            &[100.0, 100.0],
        )
        .unwrap();
        assert_eq!(crate::Penalty::weight_decay(0.5).value(&p), 15.0);
    }

    #[test]
    fn axpy_fill_and_max_abs() {
        let shape = Shape::new(2, 2, 2).unwrap();
        let mut p = Params::zeros(shape);
        let mut g = Params::zeros(shape);
        g.fill(2.0);
        p.axpy(-0.25, &g); // 0 − 0.25·2
        assert!(p.slices().iter().all(|s| s.iter().all(|&v| v == -0.5)));
        assert_eq!(p.max_abs(), 0.5);
    }

    #[test]
    fn from_rows_names_the_ragged_row() {
        let err = Params::from_rows(
            &[vec![1.0, 2.0], vec![3.0, 4.0]],
            &[0.0, 0.0],
            &[vec![1.0, 2.0], vec![1.0, 2.0, 3.0]],
            &[0.0, 0.0],
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "W2 row 1 has 3 values, expected 2");
    }
}
