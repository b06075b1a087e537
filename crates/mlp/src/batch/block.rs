//! The arithmetic of the minibatch form (see [`crate::batch`]) on preallocated buffers: one
//! block of at most `cap` examples at a time, with no allocation.
//!
//! Every per-example matrix is stored column-major with `cap` rows (`[cap x d]`, `[cap x d_h]`,
//! `[cap x m]`), of which the first `len` are used. Column j is then the contiguous slice
//! `buf[j·cap .. j·cap + len]`, and each inner loop of the matrix form runs down one such column:
//! `H_a[:, j] += W1_jl · X[:, l]`, `∂W2_kj = G_oa[:, k] · H_s[:, j]`, … (long, unit-stride loops
//! that the compiler vectorizes).

use nalgebra::DMatrix;

use crate::forward::rect;
pub(super) use crate::lanes::axpy;
use crate::lanes::{dot, pair, pair_mut, F2};
use crate::params::{Params, Shape, ShapeError};

/// Buffers for one block of examples.
#[derive(Clone, Debug)]
pub(super) struct Block {
    /// Rows per buffer (the workspace's capacity).
    pub(super) cap: usize,
    /// The examples X. // [cap x d]
    x: Vec<f64>,
    /// Their labels.
    y: Vec<usize>,
    /// H_a. // [cap x d_h]
    h_a: Vec<f64>,
    /// H_s. // [cap x d_h]
    h_s: Vec<f64>,
    /// O_a, overwritten in place by exp(O_a − max), then O_s, then G_oa. // [cap x m]
    pub(super) o: Vec<f64>,
    /// G_hs, then G_ha in place. // [cap x d_h]
    g_h: Vec<f64>,
    /// max_k O_a[i, k] per row, and the class where it is reached (first on ties).
    row_max: Vec<f64>,
    pub(super) row_arg: Vec<usize>,
    /// Σ_k exp(O_a[i, k] − max) per row.
    row_sum: Vec<f64>,
    /// Per hidden unit: active (h_a_j > 0) on some row seen by [`Block::mark_active`]. // d_h
    active: Vec<bool>,
}

impl Block {
    pub(super) fn new(shape: Shape, cap: usize) -> Block {
        Block {
            cap,
            x: vec![0.0; cap * shape.d],
            y: vec![0; cap],
            h_a: vec![0.0; cap * shape.d_h],
            h_s: vec![0.0; cap * shape.d_h],
            o: vec![0.0; cap * shape.m],
            g_h: vec![0.0; cap * shape.d_h],
            row_max: vec![0.0; cap],
            row_arg: vec![0; cap],
            row_sum: vec![0.0; cap],
            active: vec![false; shape.d_h],
        }
    }

    /// Copies the examples `rows` of `xs` `[n x d]` (and their labels) into the block.
    pub(super) fn gather_rows(
        &mut self,
        xs: &DMatrix<f64>,
        ys: &[usize],
        m: usize,
        rows: &[usize],
    ) -> Result<(), ShapeError> {
        let n = xs.nrows();
        for (slot, &r) in self.y.iter_mut().zip(rows) {
            if r >= n {
                return Err(ShapeError::IndexOutOfRange { index: r, len: n });
            }
            *slot = label(ys[r], m)?;
        }
        for (l, src) in xs.as_slice().chunks_exact(n.max(1)).enumerate() {
            for (dst, &r) in col_mut(&mut self.x, self.cap, l, rows.len())
                .iter_mut()
                .zip(rows)
            {
                *dst = src[r];
            }
        }
        Ok(())
    }

    /// Copies the `len` consecutive examples from row `start` of `xs` into the block, with their
    /// labels if given (class 0 otherwise, for prediction).
    pub(super) fn gather_range(
        &mut self,
        xs: &DMatrix<f64>,
        ys: Option<&[usize]>,
        m: usize,
        start: usize,
        len: usize,
    ) -> Result<(), ShapeError> {
        let n = xs.nrows();
        match ys {
            Some(ys) => {
                for (slot, &y) in self.y.iter_mut().zip(&ys[start..start + len]) {
                    *slot = label(y, m)?;
                }
            }
            None => self.y[..len].fill(0),
        }
        for (l, src) in xs.as_slice().chunks_exact(n.max(1)).enumerate() {
            col_mut(&mut self.x, self.cap, l, len).copy_from_slice(&src[start..start + len]);
        }
        Ok(())
    }

    /// (a),(b): H_a = X W1ᵀ + 1 b1ᵀ, H_s = rect(H_a), O_a = H_s W2ᵀ + 1 b2ᵀ for `len` rows.
    /// Also marks the hidden units active (h_a > 0) on one of the rows (see
    /// [`Block::reset_active`]).
    pub(super) fn forward(&mut self, p: &Params, len: usize) {
        let (cap, shape) = (self.cap, p.shape());
        for j in 0..shape.d_h {
            self.hidden_activation(p, j, len);
            let h_a = col(&self.h_a, cap, j, len);
            self.active[j] |= rect_into(h_a, col_mut(&mut self.h_s, cap, j, len));
        }
        for k in 0..shape.m {
            let o_a = col_mut(&mut self.o, cap, k, len);
            o_a.fill(p.b2[k]);
            for j in 0..shape.d_h {
                axpy(p.w2[(k, j)], col(&self.h_s, cap, j, len), o_a);
            }
        }
    }

    /// (a) for hidden unit `j` alone: H_a[:, j] = X W1_j·ᵀ + b1_j for `len` rows.
    fn hidden_activation(&mut self, p: &Params, j: usize, len: usize) {
        let h_a = col_mut(&mut self.h_a, self.cap, j, len);
        h_a.fill(p.b1[j]);
        for l in 0..p.w1.ncols() {
            axpy(p.w1[(j, l)], col(&self.x, self.cap, l, len), h_a);
        }
    }

    /// Forgets which hidden units were seen active, before [`Block::mark_active`] or
    /// [`Block::forward`] run over a set.
    pub(super) fn reset_active(&mut self) {
        self.active.fill(false);
    }

    /// The hidden units not seen active since [`Block::reset_active`].
    pub(super) fn inactive(&self) -> usize {
        self.active.iter().filter(|&&on| !on).count()
    }

    /// Marks the hidden units active (h_a_j > 0) on some of the `len` gathered rows, computing
    /// H_a only for units not yet seen active. Returns the number of units still never active.
    pub(super) fn mark_active(&mut self, p: &Params, len: usize) -> usize {
        for j in 0..self.active.len() {
            if !self.active[j] {
                self.hidden_activation(p, j, len);
                self.active[j] = col(&self.h_a, self.cap, j, len).iter().any(|&a| a > 0.0);
            }
        }
        self.active.iter().filter(|&&on| !on).count()
    }

    /// (c),(d) up to the normalization: finds each row's max and argmax, replaces O_a by
    /// exp(O_a − max) (the max-shift: every exponent ≤ 0) and returns Σ_i L_i, where
    /// L_i = −(o_a_y − max) + log Σ_k exp(o_a_k − max).
    pub(super) fn shifted_exp(&mut self, m: usize, len: usize) -> f64 {
        let cap = self.cap;
        self.row_max[..len].copy_from_slice(col(&self.o, cap, 0, len));
        self.row_arg[..len].fill(0);
        for k in 1..m {
            let o_a = col(&self.o, cap, k, len);
            for ((max, arg), &v) in self.row_max.iter_mut().zip(&mut self.row_arg).zip(o_a) {
                if v > *max {
                    (*max, *arg) = (v, k);
                }
            }
        }
        // −(o_a_y − max) is read before O_a is overwritten.
        let mut loss = 0.0;
        for (i, &y) in self.y[..len].iter().enumerate() {
            loss -= self.o[y * cap + i] - self.row_max[i];
        }
        self.row_sum[..len].fill(0.0);
        for k in 0..m {
            let o = col_mut(&mut self.o, cap, k, len);
            for ((v, &max), sum) in o.iter_mut().zip(&self.row_max).zip(&mut self.row_sum) {
                *v = (*v - max).exp();
                *sum += *v;
            }
        }
        loss + self.row_sum[..len].iter().map(|s| s.ln()).sum::<f64>()
    }

    /// After [`Block::shifted_exp`]: how many of the `len` rows have argmax_k o_a_k ≠ y.
    pub(super) fn errors(&self, len: usize) -> usize {
        let (arg, y) = (&self.row_arg[..len], &self.y[..len]);
        arg.iter().zip(y).filter(|(a, y)| a != y).count()
    }

    /// (c): O_s = exp(O_a − max) / Σ_k exp(O_a_k − max), in place.
    pub(super) fn normalize(&mut self, m: usize, len: usize) {
        for k in 0..m {
            for (v, &sum) in col_mut(&mut self.o, self.cap, k, len)
                .iter_mut()
                .zip(&self.row_sum)
            {
                *v /= sum;
            }
        }
    }

    /// (g)–(p) for the block, after [`Block::normalize`]: adds its share of the mean gradient
    /// (the whole minibatch has `k_total` rows) to `grads`, which must have the shape of `p`.
    pub(super) fn backward(&mut self, p: &Params, len: usize, k_total: f64, grads: &mut Params) {
        let (cap, shape) = (self.cap, p.shape());
        // G_oa = (O_s − Y_onehot) / K, in place
        for (i, &y) in self.y[..len].iter().enumerate() {
            self.o[y * cap + i] -= 1.0;
        }
        for k in 0..shape.m {
            col_mut(&mut self.o, cap, k, len)
                .iter_mut()
                .for_each(|g| *g /= k_total);
        }
        // ∂W2 = G_oaᵀ H_s, ∂b2 = column sums of G_oa
        for k in 0..shape.m {
            let g_oa = col(&self.o, cap, k, len);
            grads.b2[k] += g_oa.iter().sum::<f64>();
            for j in 0..shape.d_h {
                grads.w2[(k, j)] += dot(g_oa, col(&self.h_s, cap, j, len));
            }
        }
        for j in 0..shape.d_h {
            // G_hs = G_oa W2, then G_ha = G_hs ⊙ 1{H_a > 0} (rect'(0) = 0)
            let g_h = col_mut(&mut self.g_h, cap, j, len);
            g_h.fill(0.0);
            for k in 0..shape.m {
                axpy(p.w2[(k, j)], col(&self.o, cap, k, len), g_h);
            }
            for (g, &a) in g_h.iter_mut().zip(col(&self.h_a, cap, j, len)) {
                *g = if a > 0.0 { *g } else { 0.0 };
            }
            // ∂W1 = G_haᵀ X, ∂b1 = column sums of G_ha
            grads.b1[j] += g_h.iter().sum::<f64>();
            for l in 0..shape.d {
                grads.w1[(j, l)] += dot(g_h, col(&self.x, cap, l, len));
            }
        }
    }
}

fn label(y: usize, m: usize) -> Result<usize, ShapeError> {
    if y < m {
        Ok(y)
    } else {
        Err(ShapeError::LabelOutOfRange { y, m })
    }
}

/// The first `len` entries of column `j` of a column-major buffer with `cap` rows.
fn col(buf: &[f64], cap: usize, j: usize, len: usize) -> &[f64] {
    &buf[j * cap..j * cap + len]
}

fn col_mut(buf: &mut [f64], cap: usize, j: usize, len: usize) -> &mut [f64] {
    &mut buf[j * cap..j * cap + len]
}

/// s = rect(a), element by element (`s` and `a` of the same length); returns whether some
/// a_i > 0.
fn rect_into(a: &[f64], s: &mut [f64]) -> bool {
    let even = a.len().min(s.len()) & !1;
    let mut max = F2::splat(0.0);
    for (s, a) in s[..even].chunks_exact_mut(2).zip(a[..even].chunks_exact(2)) {
        let v = F2::load(pair(a)).rect();
        v.store(pair_mut(s));
        max = max.max_with(v);
    }
    let [m0, m1] = max.lanes();
    let mut positive = m0 > 0.0 || m1 > 0.0;
    for (s, &a) in s[even..].iter_mut().zip(&a[even..]) {
        *s = rect(a);
        positive |= a > 0.0;
    }
    positive
}
