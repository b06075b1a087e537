//! The SGD step of the trainer's hot path: one example at a time, in a layout where every inner
//! loop runs over the d_h hidden units of one contiguous vector.
//!
//! For each example x of the minibatch B (|B| = K), with `y` its class:
//!
//! ```text
//! h_a = b1 + Σ_l x_l W1[:, l]          (a)   d axpys of length d_h
//! h_s = max(0, h_a)                    (a)
//! o_a_k = b2_k + W2ᵀ[:, k] · h_s        (b)   m dots of length d_h
//! g_k = softmax(o_a)_k − 1{k = y}      (c),(d),(g)   max-shifted
//! ∂b2 += g,  ∂W2ᵀ[:, k] += g_k h_s      (j)
//! g_h = (Σ_k g_k W2ᵀ[:, k]) ⊙ 1{h_a > 0}   (l),(n)   rect'(0) = 0
//! ∂b1 += g_h,  ∂W1[:, l] += x_l g_h     (p)
//! ```
//!
//! then one update of every parameter, (r) and (f) fused:
//! `W ← W − η (∂W / K + λ₁ sign(W) + 2λ₂ W)`, `b ← b − η ∂b / K` (`+` for gradient ascent), with
//! each layer's λ₁, λ₂ of [`Penalty`], sign(0) = 0, and the L1 term's proximal step of
//! [`crate::sgd`] (a weight stops at 0 rather than crossing it).
//!
//! The kernel keeps its own copy of θ: W1 column-major `[d_h x d]` (column l = the weights of
//! input l, as nalgebra stores W1) and W2 *transposed*, `[d_h x m]` column-major, so that (b)
//! and (l) read contiguous columns instead of rows strided by m. [`StepKernel::load`] and
//! [`StepKernel::store`] copy θ in and out. The result is the minibatch gradient of
//! [`crate::batch`] up to rounding (the sums run in another order); the tests compare them.
//!
//! Nothing here allocates after [`StepKernel::new`].

use nalgebra::DMatrix;

use crate::lanes::{axpy, dot, pair, pair_mut, F2};
use crate::params::{Params, Shape};
use crate::penalty::{sign, LayerPenalty, Penalty};
use crate::sgd::soft_threshold;

/// θ in the kernel's layout, the gradient accumulators and the per-example scratch vectors.
#[derive(Clone, Debug)]
pub struct StepKernel {
    d_h: usize,
    /// d_h rounded up to even: every hidden-unit vector has this length, so that the loops run
    /// over whole pairs of lanes. The extra unit has zero weights and bias: h_a = 0, rect'(0) = 0,
    /// so its gradient is 0 and its weights stay 0.
    hp: usize,
    m: usize,
    /// W1, column-major `[hp x d]`: `w1[l·hp + j]` = W1_jl.
    w1: Vec<f64>,
    b1: Vec<f64>,
    /// W2ᵀ, column-major `[hp x m]`: `w2t[k·hp + j]` = W2_kj.
    w2t: Vec<f64>,
    b2: Vec<f64>,
    /// Σ over the minibatch of ∂L/∂θ, same layouts.
    gw1: Vec<f64>,
    gb1: Vec<f64>,
    gw2t: Vec<f64>,
    gb2: Vec<f64>,
    /// One example's x (d), h_a, h_s, g_h (d_h) and o_a then g (m).
    x: Vec<f64>,
    h_a: Vec<f64>,
    h_s: Vec<f64>,
    g_h: Vec<f64>,
    o: Vec<f64>,
}

/// What one minibatch step did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepOutcome {
    /// Mean loss (1/K) Σ L(x, y) of the minibatch before the update (NaN if it was not finite,
    /// in which case θ was left unchanged).
    pub loss: f64,
    /// max |θ_i| after the update; NaN if some θ_i is NaN or ±∞.
    pub max_abs: f64,
}

impl StepKernel {
    pub fn new(shape: Shape) -> StepKernel {
        let Shape { d, d_h, m } = shape;
        let hp = d_h + d_h % 2;
        StepKernel {
            d_h,
            hp,
            m,
            w1: vec![0.0; hp * d],
            b1: vec![0.0; hp],
            w2t: vec![0.0; hp * m],
            b2: vec![0.0; m],
            gw1: vec![0.0; hp * d],
            gb1: vec![0.0; hp],
            gw2t: vec![0.0; hp * m],
            gb2: vec![0.0; m],
            x: vec![0.0; d],
            h_a: vec![0.0; hp],
            h_s: vec![0.0; hp],
            g_h: vec![0.0; hp],
            o: vec![0.0; m],
        }
    }

    /// Copies θ in; parameters of another shape make the kernel adopt it (reallocating).
    pub fn load(&mut self, params: &Params) {
        if !params.has_shape(self.shape()) {
            *self = StepKernel::new(params.shape());
        }
        let (d_h, hp) = (self.d_h, self.hp);
        for (dst, src) in self.w1.chunks_exact_mut(hp).zip(params.w1.as_slice().chunks_exact(d_h)) {
            dst[..d_h].copy_from_slice(src);
        }
        self.b1[..d_h].copy_from_slice(params.b1.as_slice());
        self.b2.copy_from_slice(params.b2.as_slice());
        for (k, column) in self.w2t.chunks_exact_mut(hp).enumerate() {
            for (j, w) in column[..d_h].iter_mut().enumerate() {
                *w = params.w2[(k, j)];
            }
        }
    }

    /// The network shape the kernel holds.
    pub fn shape(&self) -> Shape {
        Shape { d: self.x.len(), d_h: self.d_h, m: self.m }
    }

    /// Copies θ out into `params`, reshaped (reallocating) if it is not of the kernel's shape.
    pub fn store(&self, params: &mut Params) {
        if !params.has_shape(self.shape()) {
            *params = Params::zeros(self.shape());
        }
        let (d_h, hp) = (self.d_h, self.hp);
        for (dst, src) in params.w1.as_mut_slice().chunks_exact_mut(d_h).zip(self.w1.chunks_exact(hp)) {
            dst.copy_from_slice(&src[..d_h]);
        }
        params.b1.as_mut_slice().copy_from_slice(&self.b1[..d_h]);
        params.b2.as_mut_slice().copy_from_slice(&self.b2);
        for (k, column) in self.w2t.chunks_exact(hp).enumerate() {
            for (j, &w) in column[..d_h].iter().enumerate() {
                params.w2[(k, j)] = w;
            }
        }
    }

    /// One SGD step on the minibatch `rows` of the set (`xs` `[n x d]`, labels `ys`):
    /// accumulates the gradient, then, if the mean loss is finite, updates θ with step `eta`
    /// (negative for gradient ascent) and penalty `penalty`. Data that does not fit (`xs` without
    /// d columns, a row index ≥ n, a label ≥ m) gives a NaN loss and leaves θ unchanged (the
    /// gradient accumulators are then partial: they are only scratch).
    pub fn step(
        &mut self,
        xs: &DMatrix<f64>,
        ys: &[usize],
        rows: &[usize],
        eta: f64,
        penalty: Penalty,
    ) -> StepOutcome {
        let loss = self.accumulate(xs, ys, rows);
        if !loss.is_finite() {
            return StepOutcome { loss: f64::NAN, max_abs: self.max_abs() };
        }
        let k = rows.len().max(1) as f64;
        // W ← W − η (∂W/K + λ₁ sign(W) + 2λ₂W) = (1 − 2ηλ₂) W − (η/K) ∂W − ηλ₁ sign(W);
        // b ← b − (η/K) ∂b
        let rate = eta / k;
        let mut bound = Bound::default();
        update_weights(&mut self.w1, &self.gw1, penalty.w1, eta, rate, &mut bound);
        update_weights(&mut self.w2t, &self.gw2t, penalty.w2, eta, rate, &mut bound);
        update(&mut self.b1, &self.gb1, 1.0, rate, &mut bound);
        update(&mut self.b2, &self.gb2, 1.0, rate, &mut bound);
        StepOutcome { loss, max_abs: bound.max_abs() }
    }

    /// The mean gradient of L over the minibatch `rows`, without the penalty, into `grads`
    /// (W1, b1, W2, b2 as [`Params`] lays them), θ unchanged: the update rules other than SGD
    /// ([`crate::rule`]) take it from here. Returns the minibatch's mean loss (NaN, and `grads`
    /// unspecified, for data that does not fit).
    pub fn gradient(&mut self, xs: &DMatrix<f64>, ys: &[usize], rows: &[usize], grads: &mut Params) -> f64 {
        let loss = self.accumulate(xs, ys, rows);
        if !loss.is_finite() {
            return f64::NAN;
        }
        let shape = Shape { d: self.x.len(), d_h: self.d_h, m: self.m };
        if !grads.has_shape(shape) {
            *grads = Params::zeros(shape);
        }
        let (d_h, hp, k) = (self.d_h, self.hp, rows.len().max(1) as f64);
        for (dst, src) in grads.w1.as_mut_slice().chunks_exact_mut(d_h).zip(self.gw1.chunks_exact(hp)) {
            dst.iter_mut().zip(src).for_each(|(d, s)| *d = s / k);
        }
        grads.b1.iter_mut().zip(&self.gb1).for_each(|(d, s)| *d = s / k);
        grads.b2.iter_mut().zip(&self.gb2).for_each(|(d, s)| *d = s / k);
        for (c, column) in self.gw2t.chunks_exact(hp).enumerate() {
            for (j, &g) in column[..d_h].iter().enumerate() {
                grads.w2[(c, j)] = g / k;
            }
        }
        loss
    }

    /// Forward and backward passes of the minibatch `rows`: the sums of ∂L/∂θ into the
    /// accumulators, and the mean loss returned (NaN for data that does not fit: `xs` without
    /// d columns, a row index ≥ n, a label ≥ m).
    fn accumulate(&mut self, xs: &DMatrix<f64>, ys: &[usize], rows: &[usize]) -> f64 {
        for g in [&mut self.gw1, &mut self.gb1, &mut self.gw2t, &mut self.gb2] {
            g.fill(0.0);
        }
        let n = xs.nrows();
        if xs.ncols() != self.x.len() || ys.len() != n || self.x.is_empty() || self.o.is_empty() {
            return f64::NAN;
        }
        let xs = xs.as_slice();
        // Σ L = Σ log Σ_k exp(..) + Σ (max − o_a_y) = log Π Σ_k exp(..) + …: one log per
        // minibatch instead of one per example. Each Σ_k is in [1, m], so the product is
        // folded into the log before it can overflow.
        let (mut log_sum, mut product, mut shift) = (0.0, 1.0, 0.0);
        for &r in rows {
            if r >= n || ys[r] >= self.m {
                return f64::NAN;
            }
            for (l, x) in self.x.iter_mut().enumerate() {
                *x = xs[l * n + r];
            }
            let (sum, y_gap) = self.example(ys[r]);
            shift += y_gap;
            product *= sum;
            if product > 1e250 {
                log_sum += product.ln();
                product = 1.0;
            }
        }
        let k = rows.len().max(1) as f64;
        (log_sum + product.ln() + shift) / k
    }

    /// Forward and backward pass of the example in `self.x` with class `y`: adds ∂L/∂θ to the
    /// accumulators and returns `(Σ_k exp(o_a_k − max), max − o_a_y)`, whose
    /// `log(first) + second` is L(x, y).
    fn example(&mut self, y: usize) -> (f64, f64) {
        self.hidden();
        self.output();
        let loss = self.output_gradient(y);
        // The hidden layer's backward pass with the m classes unrolled, for the data sets'
        // class counts; any other m takes the loop form.
        match self.m {
            2 => self.hidden_gradient::<2>(),
            3 => self.hidden_gradient::<3>(),
            4 => self.hidden_gradient::<4>(),
            5 => self.hidden_gradient::<5>(),
            6 => self.hidden_gradient::<6>(),
            7 => self.hidden_gradient::<7>(),
            8 => self.hidden_gradient::<8>(),
            _ => self.hidden_gradient_any_m(),
        }
        // (p) ∂W1[:, l] += x_l g_ha
        for (&x_l, gw1_l) in self.x.iter().zip(self.gw1.chunks_exact_mut(self.hp)) {
            axpy(x_l, &self.g_h, gw1_l);
        }
        loss
    }

    /// (a) h_a = b1 + Σ_l x_l W1[:, l], h_s = rect(h_a).
    fn hidden(&mut self) {
        let hp = self.hp;
        let (w1_0, w1_rest) = self.w1.split_at(hp);
        let x_0 = F2::splat(self.x[0]);
        for ((a, b), w) in self.h_a.chunks_exact_mut(2).zip(self.b1.chunks_exact(2)).zip(w1_0.chunks_exact(2)) {
            F2::load(pair(b)).add(x_0.mul(F2::load(pair(w)))).store(pair_mut(a));
        }
        for (&x_l, w1_l) in self.x[1..].iter().zip(w1_rest.chunks_exact(hp)) {
            axpy(x_l, w1_l, &mut self.h_a);
        }
        for (s, a) in self.h_s.chunks_exact_mut(2).zip(self.h_a.chunks_exact(2)) {
            F2::load(pair(a)).rect().store(pair_mut(s));
        }
    }

    /// (b) o_a = W2 h_s + b2, into `self.o`.
    fn output(&mut self) {
        let chunks = self.w2t.chunks_exact(self.hp);
        for ((o, w2_k), &b) in self.o.iter_mut().zip(chunks).zip(&self.b2) {
            *o = b + dot(w2_k, &self.h_s);
        }
    }

    /// (c),(d),(g) from o_a in `self.o`: the max-shifted softmax o_s = exp(o_a − max) / Σ (the
    /// largest term is exp(0) = 1 exactly), then g = o_s − onehot(y) in place, and ∂b2 += g.
    /// Returns `(Σ, max − o_a_y)`: L = log Σ + (max − o_a_y), the log being taken by the caller
    /// for several examples at once.
    fn output_gradient(&mut self, y: usize) -> (f64, f64) {
        let (mut max, mut arg) = (self.o[0], 0);
        for (k, &o) in self.o.iter().enumerate().skip(1) {
            if o > max {
                (max, arg) = (o, k);
            }
        }
        let o_y = self.o[y];
        let mut sum = 1.0;
        for (k, o) in self.o.iter_mut().enumerate() {
            if k != arg {
                *o = (*o - max).exp();
                sum += *o;
            }
        }
        self.o[arg] = 1.0;
        let inv = 1.0 / sum;
        for o in self.o.iter_mut() {
            *o *= inv;
        }
        self.o[y] -= 1.0;
        for (b, &g) in self.gb2.iter_mut().zip(&self.o) {
            *b += g;
        }
        (sum, max - o_y)
    }

    /// (j) ∂W2ᵀ[:, k] += g_k h_s, (l) g_hs = Σ_k g_k W2ᵀ[:, k], (n) g_ha = g_hs ⊙ 1{h_a > 0}
    /// (rect'(0) = 0) into `self.g_h`, and ∂b1 += g_ha: one pass over the hidden units, with
    /// the M = m classes unrolled so that the pass vectorizes.
    fn hidden_gradient<const M: usize>(&mut self) {
        let hp = self.hp;
        let g: [F2; M] = std::array::from_fn(|k| F2::splat(self.o[k]));
        let w2: [&[f64]; M] = std::array::from_fn(|k| &self.w2t[k * hp..][..hp]);
        let mut columns = self.gw2t.chunks_exact_mut(hp);
        let gw2: [&mut [f64]; M] = std::array::from_fn(|_| columns.next().unwrap_or_default());
        let (h_a, h_s) = (&self.h_a[..hp], &self.h_s[..hp]);
        let (g_h, gb1) = (&mut self.g_h[..hp], &mut self.gb1[..hp]);
        for j in (0..hp).step_by(2) {
            let s = F2::load(pair(&h_s[j..]));
            let mut g_hs = F2::splat(0.0);
            for k in 0..M {
                g_hs = g_hs.add(g[k].mul(F2::load(pair(&w2[k][j..]))));
                let dw = pair_mut(&mut gw2[k][j..]);
                F2::load(dw).add(g[k].mul(s)).store(dw);
            }
            let g_ha = g_hs.where_positive(F2::load(pair(&h_a[j..])));
            g_ha.store(pair_mut(&mut g_h[j..]));
            let db = pair_mut(&mut gb1[j..]);
            F2::load(db).add(g_ha).store(db);
        }
    }

    /// [`hidden_gradient`](Self::hidden_gradient) for any m, class by class.
    fn hidden_gradient_any_m(&mut self) {
        let hp = self.hp;
        self.g_h.fill(0.0);
        for (k, &g) in self.o.iter().enumerate() {
            axpy(g, &self.h_s, &mut self.gw2t[k * hp..(k + 1) * hp]);
            axpy(g, &self.w2t[k * hp..(k + 1) * hp], &mut self.g_h);
        }
        for ((g, &a), b) in self.g_h.iter_mut().zip(&self.h_a).zip(&mut self.gb1) {
            // rect'(a) = 1 only for a > 0 (0 at the kink, and for NaN)
            *g = if a > 0.0 { *g } else { 0.0 };
            *b += *g;
        }
    }

    /// max |θ_i|, NaN if some θ_i is NaN.
    fn max_abs(&self) -> f64 {
        let all = [&self.w1, &self.b1, &self.w2t, &self.b2];
        let mut max = 0.0_f64;
        for v in all.into_iter().flatten() {
            if v.is_nan() {
                return f64::NAN;
            }
            max = max.max(v.abs());
        }
        max
    }
}

/// max |θ_i| over the parameters seen, kept per lane (independent comparisons, where one
/// running `f64::max` would be a chain), and whether one was NaN or ±∞.
struct Bound {
    max: F2,
    /// Σ θ_i · 0: 0 unless some θ_i is NaN or ±∞ (∞ · 0 = NaN).
    zero: F2,
}

impl Default for Bound {
    fn default() -> Self {
        Bound { max: F2::splat(0.0), zero: F2::splat(0.0) }
    }
}

impl Bound {
    #[inline(always)]
    fn note(&mut self, v: F2) {
        self.max = self.max.max_with(v.abs());
        self.zero = self.zero.add(v.mul(F2::splat(0.0)));
    }

    fn max_abs(&self) -> f64 {
        let ([z0, z1], [m0, m1]) = (self.zero.lanes(), self.max.lanes());
        if z0 + z1 == 0.0 {
            m0.max(m1)
        } else {
            f64::NAN
        }
    }
}

/// θ ← shrink · θ − rate · g over one parameter vector, noting the new values in `bound`.
#[inline(always)]
/// A layer's weights: `u = (1 − 2ηλ₂) θ − rate·g`, then the L1 term's proximal step
/// `θ ← S(u, ηλ₁)` of [`crate::sgd`] (for gradient ascent, η < 0, the plain `u − ηλ₁ sign(θ)`);
/// without L1 the paired loop of [`update`].
fn update_weights(theta: &mut [f64], g: &[f64], layer: LayerPenalty, eta: f64, rate: f64, bound: &mut Bound) {
    let shrink = 1.0 - 2.0 * eta * layer.l2;
    if layer.l1 == 0.0 {
        return update(theta, g, shrink, rate, bound);
    }
    let pull = eta * layer.l1;
    for (t, &g) in theta.iter_mut().zip(g) {
        let u = shrink * *t - rate * g;
        *t = if pull > 0.0 { soft_threshold(u, pull) } else { u - pull * sign(*t) };
        bound.note(F2::splat(*t));
    }
}

fn update(theta: &mut [f64], g: &[f64], shrink: f64, rate: f64, bound: &mut Bound) {
    let (shrink2, rate2) = (F2::splat(shrink), F2::splat(rate));
    let even = theta.len().min(g.len()) & !1;
    let (t_pairs, t_tail) = theta.split_at_mut(even);
    let (g_pairs, g_tail) = g.split_at(even);
    for (t, g) in t_pairs.chunks_exact_mut(2).zip(g_pairs.chunks_exact(2)) {
        let t = pair_mut(t);
        let v = shrink2.mul(F2::load(t)).sub(rate2.mul(F2::load(pair(g))));
        v.store(t);
        bound.note(v);
    }
    for (t, &g) in t_tail.iter_mut().zip(g_tail) {
        *t = shrink * *t - rate * g;
        bound.note(F2::splat(*t));
    }
}
