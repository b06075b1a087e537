//! The update rule of step (f), with g = ∇_θ R̃ of the minibatch (the mean gradient, penalty
//! included) and η the learning rate:
//!
//! ```text
//! SGD (the course's)     θ ← θ − η g                      (the L1 term as a step that stops at 0,
//!                                                           see crate::sgd)
//! momentum (β)           v ← β v + g;   θ ← θ − η v
//! Nesterov momentum (β)  v ← β v + g;   θ ← θ − η (g + β v)
//! Adam (β₁, β₂, ε)       m ← β₁ m + (1 − β₁) g;   s ← β₂ s + (1 − β₂) g²;   t ← t + 1
//!                        m̂ = m / (1 − β₁ᵗ);   ŝ = s / (1 − β₂ᵗ);   θ ← θ − η m̂ / (√ŝ + ε)
//! ```
//!
//! The state (v, or m and s, and t) starts at 0 and belongs to the weights it was gathered on:
//! it is reset with them ([`RuleState::reset`]: a reset, a new shape, new data, a
//! re-initialization, weights loaded or restored) and when the rule changes; a change of η, β,
//! β₁, β₂ or ε keeps it. The rules other than SGD take the L1 term's subgradient λ₁ sign(W)
//! inside g, as written above: their weights hop around 0 instead of stopping there. With
//! [`Mistake::GradientAscent`] every rule moves θ the other way; with [`Mistake::NoUpdate`]
//! neither θ nor the state moves.

use crate::mistakes::{Mistake, Mistakes};
use crate::params::Params;
use crate::penalty::Penalty;
use crate::sgd::sgd_update;

/// How step (f) moves θ along the gradient.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum UpdateRule {
    /// Plain stochastic gradient descent, the course's.
    #[default]
    Sgd,
    /// Heavy-ball momentum with coefficient β ∈ [0, 1).
    Momentum { beta: f64 },
    /// Nesterov momentum with coefficient β ∈ [0, 1).
    Nesterov { beta: f64 },
    /// Adam with β₁, β₂ ∈ [0, 1) and ε > 0.
    Adam { beta1: f64, beta2: f64, epsilon: f64 },
}

/// A coefficient of a rule that is out of its range, with the value found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RuleError {
    /// β (momentum, Nesterov) or β₁ (Adam) not in [0, 1).
    Beta(f64),
    /// β₂ not in [0, 1).
    Beta2(f64),
    /// ε not a positive finite number.
    Epsilon(f64),
}

impl UpdateRule {
    /// Momentum and Nesterov's usual β.
    pub const BETA: f64 = 0.9;
    /// Adam's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    pub const ADAM: UpdateRule = UpdateRule::Adam { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
    /// The four rules with their default coefficients.
    pub const ALL: [UpdateRule; 4] = [
        UpdateRule::Sgd,
        UpdateRule::Momentum { beta: UpdateRule::BETA },
        UpdateRule::Nesterov { beta: UpdateRule::BETA },
        UpdateRule::ADAM,
    ];

    /// The rule's key in a link: `sgd`, `momentum`, `nesterov`, `adam`.
    pub fn key(self) -> &'static str {
        match self {
            UpdateRule::Sgd => "sgd",
            UpdateRule::Momentum { .. } => "momentum",
            UpdateRule::Nesterov { .. } => "nesterov",
            UpdateRule::Adam { .. } => "adam",
        }
    }

    /// The rule of key `key`, with its default coefficients.
    pub fn from_key(key: &str) -> Option<UpdateRule> {
        let key = key.trim().to_ascii_lowercase();
        UpdateRule::ALL.into_iter().find(|r| r.key() == key)
    }

    /// Whether the two are the same rule, whatever their coefficients.
    pub fn same_kind(self, other: UpdateRule) -> bool {
        self.key() == other.key()
    }

    /// Checks the coefficients' ranges.
    pub fn validate(self) -> Result<(), RuleError> {
        let unit = |b: f64| (0.0..1.0).contains(&b);
        match self {
            UpdateRule::Sgd => Ok(()),
            UpdateRule::Momentum { beta } | UpdateRule::Nesterov { beta } if !unit(beta) => Err(RuleError::Beta(beta)),
            UpdateRule::Momentum { .. } | UpdateRule::Nesterov { .. } => Ok(()),
            UpdateRule::Adam { beta1, .. } if !unit(beta1) => Err(RuleError::Beta(beta1)),
            UpdateRule::Adam { beta2, .. } if !unit(beta2) => Err(RuleError::Beta2(beta2)),
            UpdateRule::Adam { epsilon, .. } if !(epsilon > 0.0 && epsilon.is_finite()) => Err(RuleError::Epsilon(epsilon)),
            UpdateRule::Adam { .. } => Ok(()),
        }
    }
}

/// What a rule remembers between steps; empty (all 0) at the start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleState {
    /// v (momentum, Nesterov) or m, Adam's first moment; `None` until the first step.
    pub first: Option<Params>,
    /// s, Adam's second moment; `None` until Adam's first step.
    pub second: Option<Params>,
    /// Steps taken since the state was reset (Adam's t).
    pub t: u64,
}

impl RuleState {
    /// Back to 0: new weights, or another rule.
    pub fn reset(&mut self) {
        *self = RuleState::default();
    }

    /// One update (f) of `params` along `grads` (∂R̃/∂θ with `penalty`'s terms, same shapes)
    /// with `rule`, `eta` and `mistakes` (gradient ascent, no update; the others do not concern
    /// the update), advancing the state.
    ///
    /// A state of another shape than `params` (kept past a change of the network) starts over
    /// from 0 rather than step with stale moments.
    ///
    /// # Panics
    /// If `grads` does not have the shape of `params` (a gradient computed for `params` always
    /// has it).
    pub fn apply(&mut self, rule: UpdateRule, params: &mut Params, grads: &Params, eta: f64, penalty: Penalty, mistakes: Mistakes) {
        assert!(grads.has_shape(params.shape()), "a gradient of another shape");
        if mistakes.contains(Mistake::NoUpdate) {
            return;
        }
        let stale = |p: &Option<Params>| p.as_ref().is_some_and(|p| !p.has_shape(params.shape()));
        if stale(&self.first) || stale(&self.second) {
            self.reset();
        }
        let step = if mistakes.contains(Mistake::GradientAscent) { eta } else { -eta };
        let shape = params.shape();
        let zeros = || Params::zeros(shape);
        match rule {
            UpdateRule::Sgd => return sgd_update(params, grads, eta, penalty, mistakes),
            UpdateRule::Momentum { beta } | UpdateRule::Nesterov { beta } => {
                let nesterov = matches!(rule, UpdateRule::Nesterov { .. });
                let v = self.first.get_or_insert_with(zeros);
                for ((theta, v), g) in params.slices_mut().into_iter().zip(v.slices_mut()).zip(grads.slices()) {
                    for ((theta, v), &g) in theta.iter_mut().zip(v.iter_mut()).zip(g) {
                        *v = beta * *v + g;
                        *theta += step * if nesterov { g + beta * *v } else { *v };
                    }
                }
            }
            UpdateRule::Adam { beta1, beta2, epsilon } => {
                let t = self.t + 1;
                let (m, s) = (self.first.get_or_insert_with(zeros), self.second.get_or_insert_with(zeros));
                let (unbias1, unbias2) = (1.0 - beta1.powi(t.min(i32::MAX as u64) as i32), 1.0 - beta2.powi(t.min(i32::MAX as u64) as i32));
                let fields = params.slices_mut().into_iter().zip(m.slices_mut()).zip(s.slices_mut()).zip(grads.slices());
                for (((theta, m), s), g) in fields {
                    for (((theta, m), s), &g) in theta.iter_mut().zip(m.iter_mut()).zip(s.iter_mut()).zip(g) {
                        *m = beta1 * *m + (1.0 - beta1) * g;
                        *s = beta2 * *s + (1.0 - beta2) * g * g;
                        *theta += step * (*m / unbias1) / ((*s / unbias2).sqrt() + epsilon);
                    }
                }
            }
        }
        self.t += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Shape;

    fn one(v: f64) -> Params {
        let mut p = Params::zeros(Shape::new(1, 1, 2).unwrap());
        p.fill(v);
        p
    }

    #[test]
    fn adams_first_steps_by_hand() {
        // g = 0.5 at every step, η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8:
        // t = 1: m = 0.05, s = 0.00025; m̂ = 0.5, ŝ = 0.25; step = 0.1 · 0.5 / (0.5 + 1e-8)
        // t = 2: m = 0.095, s = 0.00049975; m̂ = 0.095 / 0.19 = 0.5, ŝ = 0.00049975 / 0.001999 = 0.25
        // so each step moves θ by 0.1 · 0.5 / (0.5 + 1e-8) = 0.09999999800000004
        let mut theta = one(1.0);
        let mut state = RuleState::default();
        let step = 0.1 * 0.5 / (0.5 + 1e-8);
        for t in 1..=2 {
            state.apply(UpdateRule::ADAM, &mut theta, &one(0.5), 0.1, Penalty::NONE, Mistakes::NONE);
            assert!((theta.b2[0] - (1.0 - step * t as f64)).abs() < 1e-15, "t = {t}: {}", theta.b2[0]);
        }
        assert_eq!(state.t, 2);
        let m = state.first.as_ref().unwrap().b2[0];
        assert!((m - 0.095).abs() < 1e-15, "{m}");
        // g = 0.5 then −0.5: m = 0.05 − 0.045 = 0.005 … the second step is much smaller
        let (mut theta, mut state) = (one(0.0), RuleState::default());
        state.apply(UpdateRule::ADAM, &mut theta, &one(0.5), 0.1, Penalty::NONE, Mistakes::NONE);
        state.apply(UpdateRule::ADAM, &mut theta, &one(-0.5), 0.1, Penalty::NONE, Mistakes::NONE);
        // m = 0.9·0.05 − 0.05 = −0.005, m̂ = −0.005 / 0.19; s = 0.0004995 + 0.00025 ≈ 0.00049975, ŝ = 0.25
        let second = 0.1 * (-0.005 / 0.19) / ((0.00049975f64 / 0.001999).sqrt() + 1e-8);
        assert!((theta.b2[0] - (-step - second)).abs() < 1e-12, "{}", theta.b2[0]);
    }

    #[test]
    fn momentum_and_nesterov_by_hand() {
        // g = 1 twice, β = 0.9, η = 0.1: v = 1 then 1.9
        let (mut theta, mut state) = (one(0.0), RuleState::default());
        let momentum = UpdateRule::Momentum { beta: 0.9 };
        state.apply(momentum, &mut theta, &one(1.0), 0.1, Penalty::NONE, Mistakes::NONE);
        state.apply(momentum, &mut theta, &one(1.0), 0.1, Penalty::NONE, Mistakes::NONE);
        assert!((theta.w1[(0, 0)] - -(0.1 + 0.19)).abs() < 1e-15);
        // Nesterov: θ −= η (g + βv): 0.1 (1 + 0.9) then 0.1 (1 + 0.9·1.9)
        let (mut theta, mut state) = (one(0.0), RuleState::default());
        let nesterov = UpdateRule::Nesterov { beta: 0.9 };
        state.apply(nesterov, &mut theta, &one(1.0), 0.1, Penalty::NONE, Mistakes::NONE);
        state.apply(nesterov, &mut theta, &one(1.0), 0.1, Penalty::NONE, Mistakes::NONE);
        assert!((theta.w1[(0, 0)] - -(0.19 + 0.1 * (1.0 + 0.9 * 1.9))).abs() < 1e-15);
        // gradient ascent goes the other way; no update moves nothing, not even the state
        let (mut up, mut state) = (one(0.0), RuleState::default());
        state.apply(momentum, &mut up, &one(1.0), 0.1, Penalty::NONE, Mistake::GradientAscent.into());
        assert!((up.w1[(0, 0)] - 0.1).abs() < 1e-15);
        state.apply(momentum, &mut up, &one(1.0), 0.1, Penalty::NONE, Mistake::NoUpdate.into());
        assert_eq!((state.t, up.w1[(0, 0)]), (1, 0.1));
        state.reset();
        assert_eq!(state, RuleState::default());
    }

    #[test]
    fn keys_and_ranges() {
        for rule in UpdateRule::ALL {
            assert_eq!(UpdateRule::from_key(rule.key()), Some(rule));
            assert_eq!(rule.validate(), Ok(()));
        }
        assert_eq!(UpdateRule::Momentum { beta: 1.0 }.validate(), Err(RuleError::Beta(1.0)));
        assert_eq!(UpdateRule::Adam { beta1: 0.9, beta2: -0.1, epsilon: 1e-8 }.validate(), Err(RuleError::Beta2(-0.1)));
        assert_eq!(UpdateRule::Adam { beta1: 0.9, beta2: 0.99, epsilon: 0.0 }.validate(), Err(RuleError::Epsilon(0.0)));
        assert!(UpdateRule::ADAM.same_kind(UpdateRule::Adam { beta1: 0.5, beta2: 0.5, epsilon: 1.0 }));
    }
}
