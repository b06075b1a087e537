//! The common mistakes of the course, as switches a student can turn on to watch the walk, the
//! gradient check and training break. Each one is a line that real students wrote for this very
//! homework; the correct line is given beside it.
//!
//! | switch | key | letters | mistaken formula | correct formula |
//! |---|---|---|---|---|
//! | [`Mistake::GradientAscent`] | `ascent` | (f) | `θ ← θ + η ∇R̃` | `θ ← θ − η ∇R̃` |
//! | [`Mistake::ElementwiseOuter`] | `outer` | (j), (p) | `∂L/∂W2_kj = ∂L/∂o_a_k · h_s_k` if k = j, else 0 | `∂L/∂o_a_k · h_s_j` |
//! | [`Mistake::ElementwiseMatVec`] | `matvec` | (l) | `∂L/∂h_s_j = W2_jj · ∂L/∂o_a_j` (j < min(m, d_h)), else 0 | `Σ_k ∂L/∂o_a_k · W2_kj` |
//! | [`Mistake::ReluPositiveGrad`] | `relu` | (n) | `∂L/∂h_a_j = (g_j + \|g_j\|)/2`, g = ∂L/∂h_s | `g_j · 1{h_a_j > 0}` |
//! | [`Mistake::StrayInputFactor`] | `input` | (q) | `∂L/∂x_j = x_j · Σ_k ∂L/∂h_a_k W1_kj` | `Σ_k ∂L/∂h_a_k W1_kj` |
//! | [`Mistake::MissingFactorTwo`] | `factor2` | (r) | `∂R̃/∂W = ∂L/∂W + λW` | `+ 2λW` |
//! | [`Mistake::PenalizedBiases`] | `biases` | (r) | `∂R̃/∂b = ∂L/∂b + 2λb` | `∂L/∂b` (biases are not penalised) |
//! | [`Mistake::UnshiftedSoftmax`] | `softmax` | (c), (d) | `o_s = exp(o_a) / Σ exp(o_a)`, `L = −ln o_s_y` | subtract max(o_a) first |
//! | [`Mistake::Transposed`] | `transpose` | (j), (p) | `∂L/∂W2 = h_s ∂L/∂o_aᵀ` (square only, see below) | `∂L/∂o_a h_sᵀ` |
//! | [`Mistake::SignSwapped`] | `sign` | (g) | `∂L/∂o_a = onehot(y) − o_s` | `o_s − onehot(y)` |
//! | [`Mistake::WrongClass`] | `wrongclass` | (g) | `o_s − onehot((y + 1) mod m)` | `o_s − onehot(y)` |
//! | [`Mistake::PreActivation`] | `hsforha` | (j) | `∂L/∂W2 = ∂L/∂o_a h_aᵀ` | `∂L/∂o_a h_sᵀ` |
//! | [`Mistake::NoPenalty`] | `noreg` | (r) | `∂R̃/∂W = ∂L/∂W` | `+ 2λW` |
//! | [`Mistake::ReluAtZero`] | `relu_ge` | (n) | `∂L/∂h_a_j = g_j · 1{h_a_j ≥ 0}` | `1{h_a_j > 0}` |
//! | [`Mistake::NoUpdate`] | `noupdate` | (f) | `θ ← θ` | `θ ← θ − η ∇R̃` |
//!
//! Precisely:
//!
//! - **Element-wise instead of outer product (j), (p).** numpy's `grad_oa * hs` on 1-D arrays
//!   multiplies *entry by entry*, pairing only matching indices (and broadcasts or raises when
//!   m ≠ d_h). The switch keeps exactly that: only the diagonal of the outer product survives,
//!   `∂L/∂W2_kj = ∂L/∂o_a_k · h_s_k` if k = j and 0 otherwise; likewise
//!   `∂L/∂W1_kj = ∂L/∂h_a_k · x_k` if k = j and 0 otherwise.
//! - **Element-wise instead of matrix–vector product (l).** In numpy, `W2.T * grad_oa`
//!   broadcasts the m-vector along the rows of the `[d_h x m]` matrix `W2.T`: the result is the
//!   `[d_h x m]` matrix of the products `W2_kj · ∂L/∂o_a_k`, every term of Σ_k, but *not summed*
//!   (and shapes only line up by accident later on). The switch simplifies this to a vector of
//!   the right length by keeping the diagonal k = j of that matrix:
//!   `∂L/∂h_s_j = W2_jj · ∂L/∂o_a_j` for j < min(m, d_h), and 0 otherwise. Both drop the
//!   other terms of the sum, which is what the gradient check catches.
//! - **ReLU backward on positive gradients (n).** `(grad_hs + |grad_hs|) / 2` keeps the *positive
//!   gradients* instead of the gradients of the *active units* (h_a > 0).
//! - **Stray input factor (q).** `∂L/∂x_j = x_j · Σ_k ∂L/∂h_a_k W1_kj`. ∂L/∂x is not used by
//!   the update, so training is unaffected; only the input check of the gradient check sees it.
//! - **Factor 2 and biases (r).** The regularized gradients are
//!   `∂L/∂W + c λ W` for W1 and W2, and `∂L/∂b + c λ b` for b1 and b2 when the biases are
//!   penalised, where c = 1 with [`Mistake::MissingFactorTwo`] and c = 2 otherwise. Both
//!   switches may be on together.
//! - **Softmax without the max-shift (c), (d).** `o_s = exp(o_a) / Σ exp(o_a)` and
//!   `L = −ln(o_s_y)`, literally. For ordinary logits this is the correct result (up to
//!   rounding). Well before anything overflows, a true class whose probability underflows to 0
//!   (logits a few hundred apart) gives `L = −ln 0 = ∞`, while the shifted log-sum-exp gives
//!   the finite loss; the gradients, computed from o_s, are then still right. A logit above
//!   ≈ 709.78 overflows exp to ∞ and Σ exp to ∞: the overflowing classes get o_s_k = ∞/∞ = NaN
//!   and the others o_s_k = finite/∞ = 0. The loss is then NaN if y is an overflowing class and
//!   `−ln 0 = ∞` otherwise. Among the gradients, ∂L/∂o_a (and so ∂L/∂b2 and the rows of ∂L/∂W2)
//!   is NaN for the overflowing classes; ∂L/∂h_s = W2ᵀ ∂L/∂o_a sums over them, so it is NaN,
//!   and so are ∂L/∂h_a, ∂L/∂W1 and ∂L/∂b1 for the *active* hidden units, while inactive units
//!   still get 0 (rect' = 0 selects, it does not multiply). The gradient check fails on those
//!   NaN entries.
//! - **Transposed result (j), (p).** `np.outer(hs, grad_oa)` writes ∂L/∂W2 as a `[d_h x m]`
//!   matrix. numpy then refuses `W2 - eta * grad_W2` unless m = d_h, so the mistake only goes
//!   unnoticed when the matrix is square: the switch transposes ∂L/∂W2 when m = d_h and
//!   ∂L/∂W1 when d_h = d, and changes nothing otherwise (the diagnosis of a student's values,
//!   [`crate::homework`], also recognises the transposed shape).
//! - **Sign and class of (g).** `onehot(y) − o_s` is minus the gradient; `onehot` of the wrong
//!   class (the switch takes (y + 1) mod m, an off-by-one label; the diagnosis also tries
//!   (y − 1) mod m and the predicted class).
//! - **h_a for h_s (j).** The pre-activation where the unit's output belongs: identical for
//!   active units, wrong (negative instead of 0) for inactive ones.
//! - **No penalty (r).** The regularized gradient left equal to ∂L/∂W (as if λ = 0).
//! - **ReLU derivative 1 at 0 (n).** `grad_hs * (ha >= 0)`: differs only for a unit with
//!   h_a = 0 exactly (the course takes rect'(0) = 0).
//! - **No update (f).** θ stays where it is (the update computed but never assigned).
//! - **Gradient ascent (f).** Only the update changes sign; every gradient is right, so the
//!   gradient check passes and [`crate::gradcheck::update_check`] shows R̃ going up instead.
//!
//! [`Mistakes`] is a set of switches; the default is the empty set, the correct network.
//! [`crate::forward_with`], [`crate::backward_with`], [`crate::sgd_update`] and
//! [`crate::Trainer::set_mistakes`] take it; the plain functions are the empty set.

mod set;
pub(crate) mod wrong;

pub use set::Mistakes;

/// One of the course's common mistakes (see the [module docs](self) for each formula).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mistake {
    /// (f) `θ ← θ + η ∇R̃` instead of `θ − η ∇R̃`.
    GradientAscent,
    /// (j), (p) `grad_oa * hs` (entry by entry) instead of the outer product.
    ElementwiseOuter,
    /// (l) `W2.T * grad_oa` (broadcast, unsummed) instead of `W2ᵀ · grad_oa`; kept as its
    /// diagonal k = j (see the module docs).
    ElementwiseMatVec,
    /// (n) `(g + |g|)/2` instead of `g ⊙ 1{h_a > 0}`.
    ReluPositiveGrad,
    /// (q) an extra `x_j` inside the sum: `Σ_k ∂L/∂h_a_k W1_kj x_j`.
    StrayInputFactor,
    /// (r) `+ λW` instead of `+ 2λW`.
    MissingFactorTwo,
    /// (r) the biases penalised too: `+ 2λb`.
    PenalizedBiases,
    /// (c), (d) `exp(o_a) / Σ exp(o_a)` without subtracting the max; `L = −ln(o_s_y)`.
    UnshiftedSoftmax,
    /// (j), (p) the gradient of a weight matrix transposed, `np.outer(hs, grad_oa)` (acts on a
    /// square matrix only, see the module docs).
    Transposed,
    /// (g) `onehot(y) − o_s` instead of `o_s − onehot(y)`.
    SignSwapped,
    /// (g) the one-hot vector of the wrong class, (y + 1) mod m.
    WrongClass,
    /// (j) h_a where h_s belongs: `∂L/∂o_a h_aᵀ`.
    PreActivation,
    /// (r) no penalty term: `∂R̃/∂W = ∂L/∂W`.
    NoPenalty,
    /// (n) `1{h_a ≥ 0}` instead of `1{h_a > 0}`.
    ReluAtZero,
    /// (f) θ left unchanged.
    NoUpdate,
}

impl Mistake {
    /// Every mistake, in the order of the course's exercises (and of math.md's list).
    pub const ALL: [Mistake; 15] = [
        Mistake::GradientAscent,
        Mistake::ElementwiseOuter,
        Mistake::ElementwiseMatVec,
        Mistake::ReluPositiveGrad,
        Mistake::StrayInputFactor,
        Mistake::MissingFactorTwo,
        Mistake::PenalizedBiases,
        Mistake::UnshiftedSoftmax,
        Mistake::Transposed,
        Mistake::SignSwapped,
        Mistake::WrongClass,
        Mistake::PreActivation,
        Mistake::NoPenalty,
        Mistake::ReluAtZero,
        Mistake::NoUpdate,
    ];

    /// Stable short key for URLs and settings, e.g. `"outer"`.
    pub fn key(self) -> &'static str {
        match self {
            Mistake::GradientAscent => "ascent",
            Mistake::ElementwiseOuter => "outer",
            Mistake::ElementwiseMatVec => "matvec",
            Mistake::ReluPositiveGrad => "relu",
            Mistake::StrayInputFactor => "input",
            Mistake::MissingFactorTwo => "factor2",
            Mistake::PenalizedBiases => "biases",
            Mistake::UnshiftedSoftmax => "softmax",
            Mistake::Transposed => "transpose",
            Mistake::SignSwapped => "sign",
            Mistake::WrongClass => "wrongclass",
            Mistake::PreActivation => "hsforha",
            Mistake::NoPenalty => "noreg",
            Mistake::ReluAtZero => "relu_ge",
            Mistake::NoUpdate => "noupdate",
        }
    }

    /// The mistake with this [`key`](Self::key), if any (exact, case-sensitive match).
    pub fn from_key(key: &str) -> Option<Mistake> {
        Mistake::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The course's exercise letters whose result this mistake alters, e.g. `"(j), (p)"`.
    pub fn letters(self) -> &'static str {
        match self {
            Mistake::GradientAscent | Mistake::NoUpdate => "(f)",
            Mistake::ElementwiseOuter | Mistake::Transposed => "(j), (p)",
            Mistake::ElementwiseMatVec => "(l)",
            Mistake::ReluPositiveGrad | Mistake::ReluAtZero => "(n)",
            Mistake::StrayInputFactor => "(q)",
            Mistake::MissingFactorTwo | Mistake::PenalizedBiases | Mistake::NoPenalty => "(r)",
            Mistake::UnshiftedSoftmax => "(c), (d)",
            Mistake::SignSwapped | Mistake::WrongClass => "(g)",
            Mistake::PreActivation => "(j)",
        }
    }

    /// Whether the mistake changes a value of the forward or backward pass. Only
    /// [`Mistake::GradientAscent`] and [`Mistake::NoUpdate`] do not: they change the update alone.
    pub fn alters_gradient(self) -> bool {
        !matches!(self, Mistake::GradientAscent | Mistake::NoUpdate)
    }

    /// The bit of this mistake in [`Mistakes`].
    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_round_trip() {
        for (i, m) in Mistake::ALL.iter().enumerate() {
            assert_eq!(Mistake::from_key(m.key()), Some(*m));
            assert!(Mistake::ALL[..i].iter().all(|o| o.key() != m.key()));
            assert!(m.letters().starts_with('('));
        }
        assert_eq!(Mistake::from_key("Outer"), None);
        assert_eq!(Mistake::from_key(""), None);
    }
}
