//! The penalty of (r), the homework's elastic net per layer; biases are never penalised:
//!
//! ```text
//! Ω(θ) = λ₁₁ Σ|W1_ij| + λ₁₂ Σ W1_ij² + λ₂₁ Σ|W2_ij| + λ₂₂ Σ W2_ij²        R̃ = R̂ + Ω
//! ∂Ω/∂W1 = λ₁₁ sign(W1) + 2 λ₁₂ W1        ∂Ω/∂W2 = λ₂₁ sign(W2) + 2 λ₂₂ W2
//! ```
//!
//! with **sign(0) = 0**: |w| has no derivative at 0, and 0 is the subgradient every update
//! here takes there (a weight at exactly 0 stays there under the L1 term alone). The seed's
//! single weight decay λ is [`Penalty::weight_decay`]: λ₁₂ = λ₂₂ = λ, λ₁₁ = λ₂₁ = 0.

use nalgebra::DMatrix;

use crate::params::Params;

/// The L1 and L2 coefficients of one layer's weights: `l1 Σ|W| + l2 Σ W²`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LayerPenalty {
    /// The L1 coefficient (λ₁₁ for W1, λ₂₁ for W2).
    pub l1: f64,
    /// The L2 coefficient (λ₁₂ for W1, λ₂₂ for W2).
    pub l2: f64,
}

/// The four coefficients of Ω, by layer. `Default` is no penalty at all.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Penalty {
    /// λ₁₁ and λ₁₂, on W1.
    pub w1: LayerPenalty,
    /// λ₂₁ and λ₂₂, on W2.
    pub w2: LayerPenalty,
}

/// One of the four coefficients, named as the homework names them: λ₁₁ is layer 1's L1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Coefficient {
    /// λ₁₁: L1 on W1.
    L11,
    /// λ₁₂: L2 on W1.
    L12,
    /// λ₂₁: L1 on W2.
    L21,
    /// λ₂₂: L2 on W2.
    L22,
}

impl Coefficient {
    /// The four in the order of Ω.
    pub const ALL: [Coefficient; 4] = [Coefficient::L11, Coefficient::L12, Coefficient::L21, Coefficient::L22];

    /// The key of the case JSON and of the link: `"l11"`, `"l12"`, `"l21"`, `"l22"`.
    pub fn key(self) -> &'static str {
        match self {
            Coefficient::L11 => "l11",
            Coefficient::L12 => "l12",
            Coefficient::L21 => "l21",
            Coefficient::L22 => "l22",
        }
    }

    /// The homework's symbol: `"λ₁₁"`, …
    pub fn symbol(self) -> &'static str {
        match self {
            Coefficient::L11 => "λ₁₁",
            Coefficient::L12 => "λ₁₂",
            Coefficient::L21 => "λ₂₁",
            Coefficient::L22 => "λ₂₂",
        }
    }

    /// The layer it penalises: 1 or 2.
    pub fn layer(self) -> usize {
        match self {
            Coefficient::L11 | Coefficient::L12 => 1,
            Coefficient::L21 | Coefficient::L22 => 2,
        }
    }
}

/// sign(w) with **sign(0) = 0**, the subgradient of |w| taken at the kink (and 0 for NaN).
pub fn sign(w: f64) -> f64 {
    if w > 0.0 {
        1.0
    } else if w < 0.0 {
        -1.0
    } else {
        0.0
    }
}

impl LayerPenalty {
    /// `l1 Σ|w| + l2 Σ w²` over the entries of `w`.
    pub fn of(&self, w: &[f64]) -> f64 {
        let (abs, squares) = w.iter().fold((0.0, 0.0), |(a, s), &v| (a + v.abs(), s + v * v));
        self.l1 * abs + self.l2 * squares
    }

    /// The L1 term `l1 Σ|w|` and the L2 term `l2 Σ w²` apart, for a display of both.
    pub fn terms(&self, w: &[f64]) -> (f64, f64) {
        let (abs, squares) = w.iter().fold((0.0, 0.0), |(a, s), &v| (a + v.abs(), s + v * v));
        (self.l1 * abs, self.l2 * squares)
    }

    /// The (sub)gradient of the layer's term at one weight w: `l1 sign(w) + c l2 w`, where c is
    /// 2, the derivative of w² (1 reproduces the course's mistake of forgetting it).
    pub fn slope(&self, w: f64, c: f64) -> f64 {
        self.l1 * sign(w) + c * self.l2 * w
    }

    /// `grad + l1 sign(w) + 2 l2 w`, entry by entry (same shapes).
    pub fn add_gradient(&self, w: &[f64], grad: &mut [f64]) {
        if self.l1 == 0.0 && self.l2 == 0.0 {
            return;
        }
        for (g, &v) in grad.iter_mut().zip(w) {
            *g += self.slope(v, 2.0);
        }
    }

    /// `grad + l1 sign(w) + c l2 w` as a new matrix (the one-example form of (r)).
    pub fn penalised(&self, grad: &DMatrix<f64>, w: &DMatrix<f64>, c: f64) -> DMatrix<f64> {
        grad.zip_map(w, |g, v| g + self.slope(v, c))
    }

    /// Whether both coefficients are 0 or positive finite numbers.
    pub fn is_valid(&self) -> bool {
        [self.l1, self.l2].iter().all(|v| v.is_finite() && *v >= 0.0)
    }
}

impl Penalty {
    /// No penalty: R̃ = R̂.
    pub const NONE: Penalty = Penalty {
        w1: LayerPenalty { l1: 0.0, l2: 0.0 },
        w2: LayerPenalty { l1: 0.0, l2: 0.0 },
    };

    /// The seed's weight decay λ(ΣW1² + ΣW2²): λ₁₂ = λ₂₂ = λ, no L1.
    pub const fn weight_decay(lambda: f64) -> Penalty {
        let layer = LayerPenalty { l1: 0.0, l2: lambda };
        Penalty { w1: layer, w2: layer }
    }

    /// `Some(λ)` when this is a single weight decay ([`Penalty::weight_decay`]), `None` when it
    /// needs the four coefficients.
    pub fn as_weight_decay(&self) -> Option<f64> {
        (self.w1.l1 == 0.0 && self.w2.l1 == 0.0 && self.w1.l2 == self.w2.l2).then_some(self.w1.l2)
    }

    /// One coefficient.
    pub fn get(&self, c: Coefficient) -> f64 {
        match c {
            Coefficient::L11 => self.w1.l1,
            Coefficient::L12 => self.w1.l2,
            Coefficient::L21 => self.w2.l1,
            Coefficient::L22 => self.w2.l2,
        }
    }

    /// Sets one coefficient.
    pub fn set(&mut self, c: Coefficient, value: f64) {
        let slot = match c {
            Coefficient::L11 => &mut self.w1.l1,
            Coefficient::L12 => &mut self.w1.l2,
            Coefficient::L21 => &mut self.w2.l1,
            Coefficient::L22 => &mut self.w2.l2,
        };
        *slot = value;
    }

    /// The layer's coefficients: 1 for W1, 2 for W2 (anything else: W2's).
    pub fn layer(&self, layer: usize) -> LayerPenalty {
        if layer == 1 {
            self.w1
        } else {
            self.w2
        }
    }

    /// The first coefficient that is negative, NaN or infinite, with its value.
    pub fn invalid(&self) -> Option<(Coefficient, f64)> {
        Coefficient::ALL
            .into_iter()
            .map(|c| (c, self.get(c)))
            .find(|(_, v)| !(v.is_finite() && *v >= 0.0))
    }

    /// Whether any L1 coefficient is positive (the objective then has kinks at W = 0).
    pub fn has_l1(&self) -> bool {
        self.w1.l1 > 0.0 || self.w2.l1 > 0.0
    }

    /// Ω(θ). Biases are not penalised.
    pub fn value(&self, params: &Params) -> f64 {
        self.w1.of(params.w1.as_slice()) + self.w2.of(params.w2.as_slice())
    }

    /// `grads.w1 += ∂Ω/∂W1`, `grads.w2 += ∂Ω/∂W2` (sign(0) = 0); biases untouched.
    pub fn add_gradient(&self, params: &Params, grads: &mut Params) {
        self.w1.add_gradient(params.w1.as_slice(), grads.w1.as_mut_slice());
        self.w2.add_gradient(params.w2.as_slice(), grads.w2.as_mut_slice());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_of_zero_is_zero() {
        assert_eq!([sign(-0.5), sign(0.0), sign(-0.0), sign(3.0), sign(f64::NAN)], [-1.0, 0.0, 0.0, 1.0, 0.0]);
    }

    #[test]
    fn by_hand() {
        // W1 = [[1, −2]], W2 = [[0], [3]]; λ₁₁ = 0.1, λ₁₂ = 0.01, λ₂₁ = 0.2, λ₂₂ = 0.5
        let p = Params::from_rows(&[vec![1.0, -2.0]], &[7.0], &[vec![0.0], vec![3.0]], &[9.0, 9.0]).unwrap();
        let pen = Penalty {
            w1: LayerPenalty { l1: 0.1, l2: 0.01 },
            w2: LayerPenalty { l1: 0.2, l2: 0.5 },
        };
        // Ω = 0.1·3 + 0.01·5 + 0.2·3 + 0.5·9 = 0.3 + 0.05 + 0.6 + 4.5 (biases 7, 9 not counted)
        assert!((pen.value(&p) - 5.45).abs() < 1e-15);
        assert_eq!(pen.w1.terms(p.w1.as_slice()), (0.1 * 3.0, 0.01 * 5.0));
        let mut g = Params::zeros(p.shape());
        pen.add_gradient(&p, &mut g);
        // ∂/∂W1 = 0.1·sign(W1) + 0.02 W1 = (0.12, −0.14); ∂/∂W2 = 0.2·sign + W2 = (0, 3.2)
        assert_eq!(g.w1.as_slice(), &[0.1 + 0.02, -0.1 - 0.04]);
        assert_eq!(g.w2.as_slice(), &[0.0, 0.2 + 3.0]);
        assert_eq!((g.b1[0], g.b2[1]), (0.0, 0.0));
    }

    #[test]
    fn weight_decay_is_the_seeds_lambda() {
        let pen = Penalty::weight_decay(0.25);
        assert_eq!(pen.as_weight_decay(), Some(0.25));
        assert_eq!((pen.get(Coefficient::L12), pen.get(Coefficient::L11)), (0.25, 0.0));
        let mut other = pen;
        other.set(Coefficient::L21, 0.1);
        assert_eq!(other.as_weight_decay(), None);
        assert_eq!(Penalty::NONE.as_weight_decay(), Some(0.0));
        let mut bad = Penalty::NONE;
        bad.set(Coefficient::L22, -1.0);
        assert_eq!(bad.invalid(), Some((Coefficient::L22, -1.0)));
        assert_eq!(pen.invalid(), None);
    }
}
