//! Training with the course's common mistakes switched on: gradient ascent makes the loss rise
//! until the divergence detection stops it; the ReLU mistake trains to a worse network; mistakes
//! that leave ∂R̃/∂θ alone train like the correct network; a mistaken step reports its
//! minibatch's mean loss.

use mlp::{forward_with, Divergence, Mistake, Mistakes, Trainer};
use nalgebra::DMatrix;

mod fixture;

use fixture::{moons_trainer, MOONS_CONFIG};

fn one(m: Mistake) -> Mistakes {
    Mistakes::from(m)
}

/// Two moons (n = 200, noise 0.1), d_h = 16, seed 1, trained `epochs` epochs with `mistakes`.
fn train_moons(mistakes: Mistakes, epochs: usize) -> (Trainer, Option<Divergence>) {
    let mut trainer = moons_trainer(1, MOONS_CONFIG);
    trainer.set_mistakes(mistakes);
    assert_eq!(trainer.mistakes(), mistakes);
    let stopped = (0..epochs).find_map(|_| trainer.run_epoch().err());
    (trainer, stopped)
}

#[test]
fn gradient_ascent_makes_the_loss_rise() {
    let (right, stopped) = train_moons(Mistakes::NONE, 100);
    assert!(stopped.is_none());
    let (last, first) = (right.history().last().unwrap(), &right.history()[0]);
    assert!(last.train.loss < first.train.loss && last.train.error < 0.2);

    let (wrong, stopped) = train_moons(one(Mistake::GradientAscent), 100);
    let history = wrong.history();
    let (first, last) = (&history[0], history.last().unwrap());
    assert!(
        stopped.is_some() || last.train.loss > 10.0 * first.train.loss,
        "{stopped:?}: loss {} → {}",
        first.train.loss,
        last.train.loss
    );
    assert!(last.train.error > 0.4, "error {}", last.train.error);
}

#[test]
fn relu_positive_grad_trains_differently() {
    let (right, _) = train_moons(Mistakes::NONE, 50);
    let (wrong, _) = train_moons(one(Mistake::ReluPositiveGrad), 50);
    let (a, b) = (right.history(), wrong.history());
    assert_eq!(a[0], b[0]); // same start
    assert!(b.iter().all(|r| r.train.loss.is_finite()));
    // Units that should learn get no gradient and dead ones do: the loss stalls well above the
    // correct network's (about 0.48 vs 0.07 with this seed).
    let (right, wrong) = (a[50].train.loss, b[50].train.loss);
    assert!(wrong > 2.0 * right, "losses {right} vs {wrong}");
}

#[test]
fn mistakes_that_do_not_touch_the_parameter_gradient_train_like_the_correct_network() {
    // ∂L/∂x (q) is not used by the update, and two moons' logits are far from overflowing:
    // these go through the per-example path but give the workspace's result up to rounding.
    let (right, _) = train_moons(Mistakes::NONE, 5);
    for m in [Mistake::StrayInputFactor, Mistake::UnshiftedSoftmax] {
        let (other, _) = train_moons(one(m), 5);
        let (a, b) = (right.params(), other.params());
        let close = |x: &DMatrix<f64>, y: &DMatrix<f64>| (x - y).amax() < 1e-10;
        assert!(close(&a.w1, &b.w1) && close(&a.w2, &b.w2), "{m:?}");
        assert!((&a.b1 - &b.b1).amax() < 1e-10 && (&a.b2 - &b.b2).amax() < 1e-10);
    }
    // Switching the mistakes off again uses the exact path.
    let (mut t, _) = train_moons(one(Mistake::ElementwiseOuter), 1);
    t.set_mistakes(Mistakes::NONE);
    assert!(t.run_epoch().is_ok() && t.mistakes().is_empty());
}

#[test]
fn a_mistaken_step_returns_the_mean_loss_of_its_minibatch() {
    // The per-example path averages forward_with's losses over the K rows, like the workspace.
    let mistakes = one(Mistake::ElementwiseOuter);
    let (mut trainer, _) = train_moons(mistakes, 1);
    let rows = trainer.upcoming()[..10].to_vec();
    let (set, params) = (trainer.train_set(), trainer.params());
    let losses: Vec<f64> = rows
        .iter()
        .map(|&i| {
            let x = set.xs.row(i).transpose();
            forward_with(params, &x, set.ys[i], mistakes).unwrap().loss
        })
        .collect();
    let mean = losses.iter().sum::<f64>() / 10.0;
    let loss = trainer.step_minibatch().unwrap();
    assert!((loss - mean).abs() <= 1e-14 * mean, "{loss} vs mean {mean}");
}
