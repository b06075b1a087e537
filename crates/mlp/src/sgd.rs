//! The update of gradient descent (f): `θ ← θ − η ∇_θ R̃`, step by step against the gradient.
//! With [`Mistake::GradientAscent`] switched on the sign is flipped, `θ ← θ + η ∇_θ R̃`, and
//! every step climbs R̃ instead; with [`Mistake::NoUpdate`] θ stays where it is.

use crate::mistakes::{Mistake, Mistakes};
use crate::params::Params;

/// One update (f) of `params` along `grads` (∂R̃/∂θ, same shapes): `θ ← θ − η ∇`, or `θ + η ∇`
/// with [`Mistake::GradientAscent`], or nothing with [`Mistake::NoUpdate`]. The other mistakes
/// do not concern the update. Allocates nothing.
///
/// # Panics
/// If `grads` does not have the shape of `params` (a programming error: a gradient computed
/// for `params` always has it).
pub fn sgd_update(params: &mut Params, grads: &Params, eta: f64, mistakes: Mistakes) {
    if mistakes.contains(Mistake::NoUpdate) {
        return;
    }
    let direction = if mistakes.contains(Mistake::GradientAscent) {
        1.0
    } else {
        -1.0
    };
    params.axpy(direction * eta, grads);
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
        sgd_update(&mut down, &grads, 0.25, Mistakes::NONE); // 0 − 0.25·2
        assert_eq!(down.max_abs(), 0.5);
        assert_eq!(down.b2[1], -0.5);
        let mut up = Params::zeros(shape);
        sgd_update(&mut up, &grads, 0.25, Mistake::GradientAscent.into()); // 0 + 0.25·2
        assert_eq!(up.b2[1], 0.5);
        sgd_update(&mut up, &grads, 0.25, Mistake::NoUpdate.into());
        assert_eq!(up.b2[1], 0.5);
    }
}
