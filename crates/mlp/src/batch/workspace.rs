//! [`Workspace`]: the minibatch gradient, loss and predictions of [`crate::batch`] computed in
//! buffers allocated once, so a training step does no heap allocation.
//!
//! The equations are those of the matrix form (`G_oa = (O_s − Y_onehot)/K`, `∂W2 = G_oaᵀ H_s`,
//! …); the loops that carry them out live in `block.rs`.

use nalgebra::DMatrix;

use super::block::Block;
use crate::params::{Params, Shape, ShapeError};
use crate::penalty::Penalty;

/// Largest block: a workspace asked for more examples per block gets this many, and a longer
/// minibatch or set is processed block by block (with the same result up to rounding). It keeps
/// the buffers (`[capacity x d_h]` and the like) of a bounded size whatever the caller asks.
pub const MAX_BLOCK: usize = 1024;

/// Preallocated buffers for a network of a given [`Shape`] and up to `capacity` examples per
/// block.
///
/// After [`Workspace::new`], [`gradient`](Workspace::gradient),
/// [`evaluate`](Workspace::evaluate), [`predict_into`](Workspace::predict_into) and
/// [`dead_units`](Workspace::dead_units) allocate nothing, except in two documented cases: parameters of another shape (the workspace adopts
/// their shape, reallocating once), and an output buffer of the wrong size.
///
/// Invalid data (`xs` without d columns, `ys` of the wrong length, a label ≥ m, a row index
/// beyond the set) is a caller bug, not something to train on: these methods do not panic but
/// return NaN (see each method), and [`crate::batch::check_set`] says what is wrong. Non-finite
/// values in `xs` are not checked here (they make the loss NaN).
///
/// Speed: the buffers are column-major with one row per example, so every inner loop runs down
/// the examples of a block (long, contiguous, vectorized). Blocks of tens of examples are
/// fastest; with blocks of 1 (plain SGD) the many length-1 loops dominate (measured natively:
/// about 70 ns per example for d = 2, d_h = 16, m = 2 at K = 32, about 580 ns at K = 1).
#[derive(Clone, Debug)]
pub struct Workspace {
    shape: Shape,
    block: Block,
}

impl Workspace {
    /// Buffers for `shape` and blocks of `capacity` examples, clamped to `1..=MAX_BLOCK` (a
    /// larger minibatch is processed in blocks, with the same result).
    ///
    /// `shape` is meant to come from [`Shape::new`], whose limits keep the buffers small; a shape
    /// written by hand far beyond them may exhaust memory.
    pub fn new(shape: Shape, capacity: usize) -> Workspace {
        Workspace {
            shape,
            block: Block::new(shape, capacity.clamp(1, MAX_BLOCK)),
        }
    }

    /// The network shape the buffers are sized for.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// The number of examples processed per block.
    pub fn capacity(&self) -> usize {
        self.block.cap
    }

    /// The regularized mean gradient of the minibatch `rows` of the set (`xs` `[n x d]`, labels
    /// `ys`), written into `grads`:
    /// `grads = (1/K) Σ_{i ∈ rows} ∂L(x_i, y_i)/∂θ + ∂Ω/∂θ` (weights only) with K = `rows.len()`.
    ///
    /// Returns the mean data loss (1/K) Σ L(x_i, y_i) of the minibatch at `params`, without the
    /// penalty (the loss *before* the step that `grads` is for). An empty `rows` gives loss 0 and
    /// only the penalty gradient. Invalid data gives NaN and `grads` all 0. `grads` is resized
    /// (allocating) only if its shape is not that of `params`.
    pub fn gradient(
        &mut self,
        params: &Params,
        xs: &DMatrix<f64>,
        ys: &[usize],
        rows: &[usize],
        penalty: Penalty,
        grads: &mut Params,
    ) -> f64 {
        self.gradient_and_error(params, xs, ys, rows, penalty, grads)
            .0
    }

    /// [`gradient`](Self::gradient), also returning the error rate over `rows` as
    /// [`evaluate`](Self::evaluate) counts it: `(mean loss, error rate)`, from the same pass.
    ///
    /// With `rows` = 0..n this is `evaluate`'s result, bit for bit (same blocks, same sums), plus
    /// the full gradient, for the price of one pass. An empty `rows` gives `(0.0, 0.0)`; invalid
    /// data `(NaN, NaN)`.
    pub fn gradient_and_error(
        &mut self,
        params: &Params,
        xs: &DMatrix<f64>,
        ys: &[usize],
        rows: &[usize],
        penalty: Penalty,
        grads: &mut Params,
    ) -> (f64, f64) {
        let Ok(shape) = self.prepare(params, xs, Some(ys)) else {
            grads.fill(0.0);
            return (f64::NAN, f64::NAN);
        };
        if grads.has_shape(shape) {
            grads.fill(0.0);
        } else {
            *grads = Params::zeros(shape);
        }
        let k_total = rows.len() as f64;
        self.block.reset_active();
        let (mut loss, mut errors) = (0.0, 0usize);
        for chunk in rows.chunks(self.block.cap) {
            if self.block.gather_rows(xs, ys, shape.m, chunk).is_err() {
                grads.fill(0.0);
                return (f64::NAN, f64::NAN);
            }
            loss += self.block_loss(params, chunk.len());
            errors += self.block.errors(chunk.len());
            self.block.normalize(shape.m, chunk.len());
            self.block.backward(params, chunk.len(), k_total, grads);
        }
        // (r) + λ₁ sign(W) + 2λ₂W for the weights; biases are not penalised.
        penalty.add_gradient(params, grads);
        if rows.is_empty() {
            (0.0, 0.0)
        } else {
            (loss / k_total, errors as f64 / k_total)
        }
    }

    /// `(mean loss, error rate)` over the whole set: (1/n) Σ L(x_i, y_i) without the penalty, and
    /// the fraction of examples whose predicted class argmax_k o_s_k (the first on ties; the
    /// same as argmax o_a, taken before the softmax so underflow cannot create ties) is not y_i.
    ///
    /// An empty set gives `(0.0, 0.0)`; invalid data gives `(NaN, NaN)`.
    pub fn evaluate(&mut self, params: &Params, xs: &DMatrix<f64>, ys: &[usize]) -> (f64, f64) {
        let Ok(shape) = self.prepare(params, xs, Some(ys)) else {
            return (f64::NAN, f64::NAN);
        };
        let n = xs.nrows();
        self.block.reset_active();
        if n == 0 {
            return (0.0, 0.0);
        }
        let (mut loss, mut errors) = (0.0, 0usize);
        for start in (0..n).step_by(self.block.cap) {
            let len = self.block.cap.min(n - start);
            if self
                .block
                .gather_range(xs, Some(ys), shape.m, start, len)
                .is_err()
            {
                return (f64::NAN, f64::NAN);
            }
            loss += self.block_loss(params, len);
            errors += self.block.errors(len);
        }
        (loss / n as f64, errors as f64 / n as f64)
    }

    /// The predicted class of every row of `xs` `[n x d]` into `out` (cleared first): argmax_k of
    /// o_a, the first on ties — the class [`evaluate`](Self::evaluate) counts as an error when
    /// it is not y. Empty when `xs` does not have d columns or `params` is inconsistent.
    pub fn classify_into(&mut self, params: &Params, xs: &DMatrix<f64>, out: &mut Vec<usize>) {
        out.clear();
        let Ok(shape) = self.prepare(params, xs, None) else {
            return;
        };
        let n = xs.nrows();
        for start in (0..n).step_by(self.block.cap) {
            let len = self.block.cap.min(n - start);
            if self.block.gather_range(xs, None, shape.m, start, len).is_err() {
                out.clear();
                return;
            }
            self.block_loss(params, len);
            out.extend_from_slice(&self.block.row_arg[..len]);
        }
    }

    /// The probabilities o_s of every row of `xs` `[n x d]`, written into `out` `[n x m]` (row i
    /// = softmax of example i). `out` is resized (allocating) only if it is not `[n x m]`; if `xs`
    /// does not have d columns, or `params` is inconsistent, `out` is filled with NaN.
    pub fn predict_into(&mut self, params: &Params, xs: &DMatrix<f64>, out: &mut DMatrix<f64>) {
        let n = xs.nrows();
        let m = params.w2.nrows();
        if out.shape() != (n, m) {
            *out = DMatrix::zeros(n, m);
        }
        let Ok(shape) = self.prepare(params, xs, None) else {
            out.fill(f64::NAN);
            return;
        };
        for start in (0..n).step_by(self.block.cap) {
            let len = self.block.cap.min(n - start);
            if self
                .block
                .gather_range(xs, None, shape.m, start, len)
                .is_err()
            {
                out.fill(f64::NAN);
                return;
            }
            self.block_loss(params, len);
            self.block.normalize(shape.m, len);
            // out is column-major too: column k of the block lands in rows start..start + len.
            for (k, dst) in out.as_mut_slice().chunks_exact_mut(n).enumerate() {
                let cap = self.block.cap;
                dst[start..start + len].copy_from_slice(&self.block.o[k * cap..k * cap + len]);
            }
        }
    }

    /// The number of hidden units never active (h_a ≤ 0) on the examples of the last
    /// [`evaluate`](Self::evaluate) or [`gradient_and_error`](Self::gradient_and_error): what
    /// [`dead_units`](Self::dead_units) says of that set, without another pass over it.
    /// Meaningful only after a call that succeeded (not NaN); all d_h after an empty set.
    pub fn dead_units_seen(&self) -> usize {
        self.block.inactive()
    }

    /// The number of hidden units never active on `xs` `[n x d]`: units j with h_a_j ≤ 0 for
    /// every row (h_a = W1 x + b1). Such a "dead" unit passes no gradient back
    /// (rect'(h_a) = 0, and rect'(0) = 0), so SGD on that set can never revive it; when all d_h
    /// are dead, only b2 still learns. An empty `xs` has every unit dead.
    ///
    /// Stops looking at a unit as soon as it is seen active, so a healthy network costs a
    /// fraction of a forward pass. Allocates nothing (one d_h-sized buffer is part of the
    /// workspace). Errors when `params` is inconsistent or `xs` does not have d columns.
    pub fn dead_units(&mut self, params: &Params, xs: &DMatrix<f64>) -> Result<usize, ShapeError> {
        let shape = self.prepare(params, xs, None)?;
        let n = xs.nrows();
        self.block.reset_active();
        let mut dead = shape.d_h;
        for start in (0..n).step_by(self.block.cap) {
            let len = self.block.cap.min(n - start);
            self.block.gather_range(xs, None, shape.m, start, len)?;
            dead = self.block.mark_active(params, len);
            if dead == 0 {
                break;
            }
        }
        Ok(dead)
    }

    /// Checks `params` against the data and adopts the shape of `params` if it differs from the
    /// workspace's (the only case where the buffers are reallocated).
    fn prepare(
        &mut self,
        params: &Params,
        xs: &DMatrix<f64>,
        ys: Option<&[usize]>,
    ) -> Result<Shape, ShapeError> {
        let shape = params.check_shape()?;
        if shape != self.shape {
            *self = Workspace::new(shape, self.block.cap);
        }
        if xs.ncols() != shape.d {
            return Err(ShapeError::matrix("xs", (xs.nrows(), shape.d), xs.shape()));
        }
        match ys {
            Some(ys) if ys.len() != xs.nrows() => {
                Err(ShapeError::length("ys", xs.nrows(), ys.len()))
            }
            _ => Ok(shape),
        }
    }

    /// Forward pass of the gathered block up to exp(O_a − max); returns Σ_i L_i.
    fn block_loss(&mut self, params: &Params, len: usize) -> f64 {
        self.block.forward(params, len);
        self.block.shifted_exp(self.shape.m, len)
    }
}
