//! The update of gradient descent (f): `θ ← θ − η ∇_θ R̃`, step by step against the gradient.
//! With [`Mistake::GradientAscent`] switched on the sign is flipped, `θ ← θ + η ∇_θ R̃`, and
//! every step climbs R̃ instead; with [`Mistake::NoUpdate`] θ stays where it is.
//!
//! **The L1 term takes a proximal step.** A layer with λ₁ > 0 updates its weights as
//!
//! ```text
//! u = W − η (∂R̃/∂W − λ₁ sign(W))        the step of everything but the L1 term
//! W ← S(u, ηλ₁),   S(u, t) = sign(u) · max(|u| − t, 0)        soft thresholding
//! ```
//!
//! which is `W − η ∂R̃/∂W` whenever that step does not reach 0, and otherwise stops at 0: a weight
//! the L1 term would carry across 0 lands exactly on 0, and a weight at 0 stays there while the
//! rest of its gradient is smaller than λ₁. Plain subgradient steps `W − η λ₁ sign(W)` never
//! make a weight exactly 0: they hop around it by about ηλ₁ at every step, and the sparsity L1
//! is known for would never show. Without L1 (the course's λ, the default) this is exactly
//! `θ ← θ − η ∇_θ R̃`. Gradient ascent, and [`Mistake::NoPenalty`] (whose gradient has no L1
//! term to take apart), use the plain step.

use crate::mistakes::{Mistake, Mistakes};
use crate::params::Params;
use crate::penalty::{sign, LayerPenalty, Penalty};

/// One update (f) of `params` along `grads` (∂R̃/∂θ computed with `penalty`, same shapes):
/// `θ ← θ − η ∇` with the L1 term's proximal step (module docs), or `θ + η ∇` with
/// [`Mistake::GradientAscent`], or nothing with [`Mistake::NoUpdate`]. The other mistakes do not
/// concern the update. Allocates nothing.
///
/// # Panics
/// If `grads` does not have the shape of `params` (a programming error: a gradient computed
/// for `params` always has it).
pub fn sgd_update(params: &mut Params, grads: &Params, eta: f64, penalty: Penalty, mistakes: Mistakes) {
    if mistakes.contains(Mistake::NoUpdate) {
        return;
    }
    if mistakes.contains(Mistake::GradientAscent) {
        return params.axpy(eta, grads);
    }
    let proximal = !mistakes.contains(Mistake::NoPenalty);
    for (w, g, layer) in [
        (params.w1.as_mut_slice(), grads.w1.as_slice(), penalty.w1),
        (params.w2.as_mut_slice(), grads.w2.as_slice(), penalty.w2),
    ] {
        if proximal && layer.l1 > 0.0 {
            proximal_step(w, g, eta, layer);
        } else {
            assert_eq!(w.len(), g.len(), "a gradient of another shape");
            for (w, g) in w.iter_mut().zip(g) {
                *w -= eta * g;
            }
        }
    }
    params.b1.axpy(-eta, &grads.b1, 1.0);
    params.b2.axpy(-eta, &grads.b2, 1.0);
}

/// `w ← S(w − η (g − λ₁ sign(w)), ηλ₁)` entry by entry, `g` holding ∂R̃/∂W with its L1 term.
fn proximal_step(w: &mut [f64], g: &[f64], eta: f64, layer: LayerPenalty) {
    assert_eq!(w.len(), g.len(), "a gradient of another shape");
    for (w, &g) in w.iter_mut().zip(g) {
        let u = *w - eta * (g - layer.l1 * sign(*w));
        *w = soft_threshold(u, eta * layer.l1);
    }
}

/// S(u, t) = sign(u) · max(|u| − t, 0): u moved by t toward 0, stopping at 0.
pub fn soft_threshold(u: f64, t: f64) -> f64 {
    sign(u) * (u.abs() - t).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Shape;

    #[test]
    fn descent_subtracts_and_ascent_adds() {
        let shape = Shape::new(1, 1, 2).unwrap();
        let mut grads = Params::zeros(shape);
        grads.fill(2.0);
        let mut down = Params::zeros(shape);
        sgd_update(&mut down, &grads, 0.25, Penalty::NONE, Mistakes::NONE); // 0 − 0.25·2
        assert_eq!(down.max_abs(), 0.5);
        assert_eq!(down.b2[1], -0.5);
        let mut up = Params::zeros(shape);
        sgd_update(&mut up, &grads, 0.25, Penalty::NONE, Mistake::GradientAscent.into()); // 0 + 0.25·2
        assert_eq!(up.b2[1], 0.5);
        sgd_update(&mut up, &grads, 0.25, Penalty::NONE, Mistake::NoUpdate.into());
        assert_eq!(up.b2[1], 0.5);
    }

    #[test]
    fn the_l1_step_stops_at_zero() {
        // W1 = (0.3, 0.01, 0, −0.02), λ₁₁ = 0.5, η = 0.1: ηλ₁ = 0.05. ∂L/∂W1 = (0, 0, 0.2, −1).
        let p = |w: [f64; 4]| Params::from_rows(&[w.to_vec()], &[0.0], &[vec![0.0], vec![0.0]], &[0.0, 0.0]).unwrap();
        let mut params = p([0.3, 0.01, 0.0, -0.02]);
        let mut pen = Penalty::NONE;
        pen.w1.l1 = 0.5;
        // ∂R̃/∂W1 = ∂L/∂W1 + λ₁ sign(W1) = (0.5, 0.5, 0.2, −1.5)
        let grads = p([0.5, 0.5, 0.2, -1.5]);
        sgd_update(&mut params, &grads, 0.1, pen, Mistakes::NONE);
        // 0.3 − 0.05 = 0.25 (the plain step); 0.01 would cross 0: stops there; 0 with a pull of
        // 0.2 < λ₁ stays at 0; −0.02 + 0.1 = 0.08, then 0.05 back toward 0: 0.03.
        let w = params.w1.as_slice();
        assert!((w[0] - 0.25).abs() < 1e-15 && (w[3] - 0.03).abs() < 1e-15, "{w:?}");
        assert_eq!((w[1], w[2]), (0.0, 0.0));
        // without L1 it is the plain step
        let mut plain = p([0.3, 0.01, 0.0, -0.02]);
        sgd_update(&mut plain, &grads, 0.1, Penalty::NONE, Mistakes::NONE);
        assert!((plain.w1[(0, 1)] - (0.01 - 0.05)).abs() < 1e-15);
    }
}
