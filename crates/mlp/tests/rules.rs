//! The update rules of step (f): each lowers a convex quadratic from anywhere, the trainer's
//! path through the kernel's gradient agrees with the minibatch form, and momentum, Nesterov and
//! Adam train the two moons.

mod fixture;

use mlp::batch::{batch_backward, batch_forward};
use mlp::train::StepKernel;
use mlp::{Mistakes, Params, Penalty, RuleState, Shape, TrainConfig, UpdateRule};
use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;

/// f(θ) = ½ Σ aᵢ (θᵢ − cᵢ)², with aᵢ > 0: convex, its gradient aᵢ (θᵢ − cᵢ).
fn quadratic(theta: &Params, a: &[f64], c: &[f64]) -> (f64, Params) {
    let flat: Vec<f64> = [theta.w1.as_slice(), theta.b1.as_slice(), theta.w2.as_slice(), theta.b2.as_slice()].concat();
    let value = flat.iter().zip(a).zip(c).map(|((t, a), c)| 0.5 * a * (t - c).powi(2)).sum();
    let grad: Vec<f64> = flat.iter().zip(a).zip(c).map(|((t, a), c)| a * (t - c)).collect();
    let shape = theta.shape();
    let (n1, nb1, n2) = (shape.d_h * shape.d, shape.d_h, shape.m * shape.d_h);
    let g = Params {
        w1: DMatrix::from_column_slice(shape.d_h, shape.d, &grad[..n1]),
        b1: DVector::from_column_slice(&grad[n1..n1 + nb1]),
        w2: DMatrix::from_column_slice(shape.m, shape.d_h, &grad[n1 + nb1..n1 + nb1 + n2]),
        b2: DVector::from_column_slice(&grad[n1 + nb1 + n2..]),
    };
    (value, g)
}

fn rule() -> impl Strategy<Value = UpdateRule> {
    prop_oneof![
        Just(UpdateRule::Sgd),
        (0.0..0.95f64).prop_map(|beta| UpdateRule::Momentum { beta }),
        (0.0..0.95f64).prop_map(|beta| UpdateRule::Nesterov { beta }),
        (0.5..0.95f64, 0.9..0.9999f64).prop_map(|(beta1, beta2)| UpdateRule::Adam { beta1, beta2, epsilon: 1e-8 }),
    ]
}

proptest! {
    /// From any θ, a run of steps with a small η ends lower than it started, and the first
    /// step already lowers f (for momentum and Adam the first step is along −g too).
    #[test]
    fn every_rule_lowers_a_convex_quadratic(
        rule in rule(),
        theta in prop::collection::vec(-3.0..3.0f64, 9),
        a in prop::collection::vec(0.5..2.0f64, 9),
        c in prop::collection::vec(-1.0..1.0f64, 9),
    ) {
        let shape = Shape::new(1, 2, 2).unwrap(); // 2 + 2 + 4 + 2 = 10 parameters
        let mut theta_p = Params::zeros(shape);
        let values: Vec<f64> = theta.iter().copied().chain([0.5]).collect();
        theta_p.w1.as_mut_slice().copy_from_slice(&values[..2]);
        theta_p.b1.as_mut_slice().copy_from_slice(&values[2..4]);
        theta_p.w2.as_mut_slice().copy_from_slice(&values[4..8]);
        theta_p.b2.as_mut_slice().copy_from_slice(&values[8..10]);
        let (a, c): (Vec<f64>, Vec<f64>) = (a.iter().copied().chain([1.0]).collect(), c.iter().copied().chain([0.0]).collect());
        let (start, _) = quadratic(&theta_p, &a, &c);
        prop_assume!(start > 1e-6);
        let mut state = RuleState::default();
        let eta = 0.01;
        let (_, g) = quadratic(&theta_p, &a, &c);
        state.apply(rule, &mut theta_p, &g, eta, Penalty::NONE, Mistakes::NONE);
        let (first, _) = quadratic(&theta_p, &a, &c);
        prop_assert!(first < start, "{rule:?}: {start} → {first} after one step");
        for _ in 0..200 {
            let (_, g) = quadratic(&theta_p, &a, &c);
            state.apply(rule, &mut theta_p, &g, eta, Penalty::NONE, Mistakes::NONE);
        }
        let (end, _) = quadratic(&theta_p, &a, &c);
        prop_assert!(end < first, "{rule:?}: {first} → {end} after 200 more steps");
    }

    /// The kernel's minibatch gradient (the rules' input) is the minibatch form's, without the
    /// penalty.
    #[test]
    fn the_kernels_gradient_is_the_minibatch_gradient(seed in any::<u64>(), d_h in 1usize..12, k in 1usize..10) {
        let trainer = fixture::moons_trainer_with(seed, 40, d_h, fixture::MOONS_CONFIG);
        let (params, set) = (trainer.params().clone(), trainer.train_set());
        let (xs, ys) = (&set.xs, &set.ys);
        let rows: Vec<usize> = (0..k).map(|i| (i * 7 + 3) % ys.len()).collect();
        let mut kernel = StepKernel::new(params.shape());
        kernel.load(&params);
        let mut grads = Params::zeros(params.shape());
        let loss = kernel.gradient(xs, ys, &rows, &mut grads);
        let batch = DMatrix::from_fn(k, xs.ncols(), |i, l| xs[(rows[i], l)]);
        let labels: Vec<usize> = rows.iter().map(|&r| ys[r]).collect();
        let fwd = batch_forward(&params, &batch, &labels).unwrap();
        let (plain, _) = batch_backward(&params, &fwd, &batch, &labels, Penalty::NONE);
        prop_assert!((loss - fwd.loss).abs() < 1e-12);
        for (g, w) in [(&grads.w1, &plain.w1), (&grads.w2, &plain.w2)] {
            prop_assert!((g - w).amax() < 1e-12);
        }
        prop_assert!((&grads.b1 - &plain.b1).amax() < 1e-12 && (&grads.b2 - &plain.b2).amax() < 1e-12);
    }
}

#[test]
fn momentum_nesterov_and_adam_train_the_moons() {
    for (rule, eta) in [
        (UpdateRule::Momentum { beta: 0.9 }, 0.02),
        (UpdateRule::Nesterov { beta: 0.9 }, 0.02),
        (UpdateRule::ADAM, 0.01),
    ] {
        let config = TrainConfig { eta, rule, ..fixture::MOONS_CONFIG };
        let mut trainer = fixture::moons_trainer_with(3, 200, 16, config);
        for _ in 0..300 {
            trainer.run_epoch().unwrap_or_else(|d| panic!("{rule:?} diverged: {d}"));
        }
        let error = trainer.history().last().unwrap().train.error;
        assert!(error < 0.05, "{rule:?}: training error {error}");
        assert!(trainer.rule_state().t > 0, "{rule:?} kept its state");
    }
}

#[test]
fn the_state_is_reset_with_the_weights_and_with_another_rule() {
    let config = TrainConfig { rule: UpdateRule::ADAM, eta: 0.01, ..fixture::MOONS_CONFIG };
    let mut trainer = fixture::moons_trainer_with(5, 100, 8, config);
    trainer.run_epoch().unwrap();
    let t = trainer.rule_state().t;
    assert!(t > 0);
    // new coefficients of the same rule: the state goes on
    trainer.set_rule(UpdateRule::Adam { beta1: 0.8, beta2: 0.99, epsilon: 1e-7 }).unwrap();
    assert_eq!(trainer.rule_state().t, t);
    // another rule: from 0
    trainer.set_rule(UpdateRule::Momentum { beta: 0.5 }).unwrap();
    assert_eq!(trainer.rule_state().t, 0);
    trainer.run_epoch().unwrap();
    assert!(trainer.rule_state().first.is_some());
    // new weights: from 0
    let params = trainer.params().clone();
    trainer.set_params(params).unwrap();
    assert_eq!(*trainer.rule_state(), RuleState::default());
    // a coefficient out of range is refused, the rule kept
    assert!(trainer.set_rule(UpdateRule::Momentum { beta: 1.0 }).is_err());
    assert_eq!(trainer.config().rule, UpdateRule::Momentum { beta: 0.5 });
}

#[test]
fn a_run_with_a_rule_reproduces_bit_for_bit() {
    let config = TrainConfig { rule: UpdateRule::Nesterov { beta: 0.9 }, eta: 0.02, ..fixture::MOONS_CONFIG };
    let run = || {
        let mut trainer = fixture::moons_trainer_with(9, 120, 8, config);
        for _ in 0..20 {
            trainer.run_epoch().unwrap();
        }
        trainer.params().clone()
    };
    assert_eq!(run(), run());
}
