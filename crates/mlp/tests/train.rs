//! The SGD trainer (f): reproducibility, learning two moons, the exact one-example step, the
//! epoch's order, the stopping test, changing hyper-parameters mid-training and the thinning
//! of a long history. Divergence:
//! `divergence.rs`.

use mlp::Penalty;
use mlp::batch::{batch_backward, batch_forward};
use mlp::train::{Examples, TrainError, HISTORY_LIMIT};
use mlp::{
    backward, forward, Dataset, DatasetKind, Feature, FeatureSet, Params, Shape, Split,
    TrainConfig, Trainer,
};
use rand::SeedableRng;
use rand_pcg::Pcg64;

mod fixture;

use fixture::{moons, moons_trainer, MOONS_CONFIG};

/// Example `i` of a transformed set as a column vector x (d).
fn example(set: &Examples, i: usize) -> (nalgebra::DVector<f64>, usize) {
    (set.xs.row(i).transpose(), set.ys[i])
}

#[test]
fn same_seed_reproduces_everything_bit_for_bit() {
    let (data_a, _, params_a) = moons(42);
    let (data_b, _, params_b) = moons(42);
    assert_eq!(data_a, data_b);
    assert_eq!(params_a, params_b);
    let mut a = moons_trainer(42, MOONS_CONFIG);
    let mut b = moons_trainer(42, MOONS_CONFIG);
    for _ in 0..20 {
        a.run_epoch().unwrap();
        b.run_epoch().unwrap();
    }
    let bits = |t: &Trainer| serde_json::to_string(t.history()).unwrap();
    assert_eq!(bits(&a), bits(&b));
    assert_eq!(a.params(), b.params());

    let (data_c, _, params_c) = moons(43);
    assert_ne!(data_a, data_c);
    assert_ne!(params_a, params_c);
    let mut c = moons_trainer(43, MOONS_CONFIG);
    for _ in 0..20 {
        c.run_epoch().unwrap();
    }
    assert_ne!(a.history(), c.history());
}

#[test]
fn learns_two_moons() {
    let mut trainer = moons_trainer(1, MOONS_CONFIG);
    for _ in 0..300 {
        trainer.run_epoch().unwrap();
    }
    let history = trainer.history();
    assert_eq!(history.len(), 301);
    let (first, last) = (&history[0], &history[300]);
    assert_eq!(last.epoch, 300);
    assert!(
        last.train.error < 0.1,
        "train error {} after 300 epochs",
        last.train.error
    );
    assert!(
        last.train.loss < 0.5 * first.train.loss,
        "{} → {}",
        first.train.loss,
        last.train.loss
    );
    assert!(last.train.objective > last.train.loss); // + λ(ΣW1² + ΣW2²)
    assert!(last.valid.is_some() && last.test.is_some());
    assert_eq!(trainer.examples_seen(), 300 * 160);
}

#[test]
fn one_example_step_is_theta_minus_eta_times_backward() {
    let config = TrainConfig {
        eta: 0.3,
        penalty: Penalty::weight_decay(0.01),
        ..MOONS_CONFIG
    };
    let mut trainer = moons_trainer(5, config);
    for _ in 0..7 {
        trainer.step_example().unwrap(); // away from the initial point
    }
    let i = trainer.upcoming()[0];
    let (x, y) = example(trainer.train_set(), i);
    let before = trainer.params().clone();
    let fwd = forward(&before, &x, y).unwrap();
    // θ − η ∂R̃/∂θ with ∂R̃/∂W = ∂L/∂W + 2λW (r)
    let mut expected = before.clone();
    expected.axpy(-0.3, &backward(&before, &fwd, &x, y, Penalty::weight_decay(0.01)).regularized());

    let loss = trainer.step_example().unwrap();
    assert!(
        (loss - fwd.loss).abs() <= 1e-13 * fwd.loss.abs().max(1.0),
        "{loss} vs {}",
        fwd.loss
    );
    let got = trainer.params();
    // Same formula, summed in a different order by the workspace: rounding only.
    let close = |a: &nalgebra::DMatrix<f64>, b: &nalgebra::DMatrix<f64>| (a - b).amax() <= 1e-13;
    assert!(
        close(&got.w1, &expected.w1),
        "W1 {} vs {}",
        got.w1,
        expected.w1
    );
    assert!((&got.b1 - &expected.b1).amax() <= 1e-13);
    assert!(close(&got.w2, &expected.w2));
    assert!((&got.b2 - &expected.b2).amax() <= 1e-13);
    assert_eq!(trainer.examples_seen(), 8);
}

#[test]
fn minibatches_walk_the_shuffled_epoch_and_the_last_one_is_shorter() {
    let mut rng = Pcg64::seed_from_u64(3);
    let data = DatasetKind::Blobs.generate(23, 0.1, 3, &mut rng).unwrap();
    let split = Split {
        train: data,
        ..Split::default()
    };
    let params = Params::init(Shape::new(2, 4, 3).unwrap(), &mut rng);
    let mut trainer = Trainer::new(params, MOONS_CONFIG, FeatureSet::default(), &split).unwrap();
    assert_eq!(trainer.grad_norm(), None);
    let first_order = trainer.upcoming().to_vec();
    let mut order = first_order.clone();
    order.sort_unstable();
    assert_eq!(order, (0..23).collect::<Vec<_>>());
    for expected in [10, 10, 3] {
        assert_eq!(trainer.epoch(), 0);
        assert_eq!(trainer.grad_norm(), None); // only known at the end of an epoch
        assert_eq!(trainer.next_batch_len(), expected);
        trainer.step_minibatch().unwrap();
    }
    assert_eq!(
        (
            trainer.epoch(),
            trainer.examples_seen(),
            trainer.history().len()
        ),
        (1, 23, 2)
    );
    // Epoch 2 visits the same rows in a new order: the set is reshuffled at every epoch.
    let second_order = trainer.upcoming().to_vec();
    let mut order = second_order.clone();
    order.sort_unstable();
    assert_eq!(order, (0..23).collect::<Vec<_>>());
    assert_ne!(second_order, first_order);
    let record = trainer.history()[1].clone();
    assert_eq!((record.epoch, record.valid, record.test), (1, None, None));
    assert_eq!(trainer.evaluate(), record); // nothing changed since the end of the epoch
    assert!(trainer.grad_norm().unwrap() > 0.0);
    assert!(trainer.converged(1e9) && !trainer.converged(0.0));
    assert_eq!(trainer.train_examples(25).unwrap(), 33); // 10 + 10 + 3 (epoch 2 ends) + 10
    assert_eq!(trainer.train_examples(0).unwrap(), 0);
}

/// ‖∇R̃‖ of the whole training objective (1/n) Σ L + λ(ΣW1² + ΣW2²), from the matrix form.
fn full_gradient_norm(trainer: &Trainer) -> f64 {
    let (set, params) = (trainer.train_set(), trainer.params());
    let fwd = batch_forward(params, &set.xs, &set.ys).unwrap();
    let (_, g) = batch_backward(params, &fwd, &set.xs, &set.ys, trainer.config().penalty);
    let squares = g.w1.norm_squared() + g.b1.norm_squared();
    (squares + g.w2.norm_squared() + g.b2.norm_squared()).sqrt()
}

#[test]
fn the_stopping_test_uses_the_gradient_of_the_whole_training_set() {
    // (f) stops when η‖∇R̃‖ < ε, R̃ the training objective: not the last minibatch's gradient.
    let mut trainer = moons_trainer(7, MOONS_CONFIG);
    for _ in 0..3 {
        trainer.run_epoch().unwrap();
    }
    let norm = trainer.grad_norm().unwrap();
    let want = full_gradient_norm(&trainer);
    assert!((norm - want).abs() <= 1e-12 * want, "{norm} vs {want}");
    // converged(ε) ⇔ η‖∇R̃‖ < ε, strictly.
    let eta_norm = trainer.config().eta * norm;
    assert!(trainer.converged(eta_norm * (1.0 + 1e-9)));
    assert!(!trainer.converged(eta_norm * (1.0 - 1e-9)));
    assert!(!trainer.converged(eta_norm));
    // With a smaller η the same gradient passes a smaller ε.
    trainer.set_eta(0.01).unwrap();
    assert!(trainer.converged(eta_norm * 0.5));
    // New parameters: the old θ's gradient is forgotten until the next epoch end.
    trainer.set_params(moons(7).2).unwrap();
    assert_eq!(
        (trainer.grad_norm(), trainer.converged(f64::MAX)),
        (None, false)
    );
}

#[test]
fn records_hold_loss_plus_penalty_and_the_dead_units() {
    let config = TrainConfig {
        penalty: Penalty::weight_decay(0.01),
        ..MOONS_CONFIG
    };
    let mut trainer = moons_trainer(8, config);
    let record = trainer.run_epoch().unwrap().clone();
    let penalty = Penalty::weight_decay(0.01).value(trainer.params());
    for stats in [Some(record.train), record.valid, record.test] {
        let stats = stats.unwrap();
        // objective = R̂/n + λ(ΣW1² + ΣW2²), the same two numbers added: exactly equal
        assert_eq!(stats.objective, stats.loss + penalty);
        assert!(stats.objective > stats.loss);
    }
    // A healthy network: every unit is active on some training example.
    assert_eq!(record.dead_units, 0);
    let json = serde_json::to_value(&record).unwrap();
    assert_eq!(json["dead_units"], 0);
}

#[test]
fn hyper_parameters_change_without_reset() {
    let mut trainer = moons_trainer(6, MOONS_CONFIG);
    for _ in 0..5 {
        trainer.run_epoch().unwrap();
    }
    let seen = trainer.examples_seen();
    trainer.set_eta(0.05).unwrap();
    trainer.set_penalty(Penalty::NONE).unwrap();
    trainer.set_batch_size(1000).unwrap(); // more than the 160 training examples: full batch
    assert_eq!(trainer.next_batch_len(), 160);
    trainer.run_epoch().unwrap();
    assert_eq!(trainer.epoch(), 6);
    assert_eq!(trainer.history().len(), 7);
    assert_eq!(trainer.examples_seen(), seen + 160);
    assert_eq!(
        trainer.config(),
        &TrainConfig {
            eta: 0.05,
            batch_size: 1000,
            penalty: Penalty::weight_decay(0.0),
            rule: mlp::UpdateRule::Sgd,
            seed: 6
        }
    );

    for eta in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(
            matches!(trainer.set_eta(eta), Err(TrainError::Eta(_))),
            "η = {eta}"
        );
    }
    assert!(trainer
        .set_eta(f64::NAN)
        .unwrap_err()
        .to_string()
        .contains("learning rate η"));
    assert_eq!(trainer.set_batch_size(0), Err(TrainError::BatchSize));
    let mut bad = Penalty::weight_decay(1e-3);
    bad.set(mlp::Coefficient::L11, -1e-3);
    assert_eq!(trainer.set_penalty(bad), Err(TrainError::Penalty(mlp::Coefficient::L11, -1e-3)));
    assert_eq!(trainer.config().eta, 0.05);
    assert_eq!(trainer.config().batch_size, 1000);
}

#[test]
fn bad_setups_are_refused_with_a_reason() {
    let (_, split, params) = moons(8);
    let all = FeatureSet::new(&Feature::ALL).unwrap();
    let err = Trainer::new(params.clone(), MOONS_CONFIG, all, &split).unwrap_err();
    assert_eq!(err, TrainError::FeatureCount { features: 7, d: 2 });
    assert!(err.to_string().contains("re-initialize"), "{err}");

    let bad = TrainConfig {
        batch_size: 0,
        ..MOONS_CONFIG
    };
    assert_eq!(
        Trainer::new(params.clone(), bad, FeatureSet::default(), &split).unwrap_err(),
        TrainError::BatchSize
    );

    let mut rng = Pcg64::seed_from_u64(0);
    let three = DatasetKind::Blobs.generate(30, 0.1, 3, &mut rng).unwrap();
    let three = three.split(0.5, 0.5, &mut rng).unwrap();
    let err = Trainer::new(params.clone(), MOONS_CONFIG, FeatureSet::default(), &three);
    let err = err.unwrap_err();
    assert!(
        matches!(err, TrainError::Label { label: 2, m: 2, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("choose m = 3"), "{err}");

    let empty = Split {
        train: Dataset::default(),
        ..split.clone()
    };
    let err = Trainer::new(params.clone(), MOONS_CONFIG, FeatureSet::default(), &empty);
    assert_eq!(err.unwrap_err(), TrainError::EmptyTrainingSet);

    let mut nan_point = split.clone();
    nan_point.valid.points[0] = [f64::NAN, 0.0];
    let err = Trainer::new(
        params.clone(),
        MOONS_CONFIG,
        FeatureSet::default(),
        &nan_point,
    );
    assert!(matches!(
        err.unwrap_err(),
        TrainError::Data {
            set: "validation",
            ..
        }
    ));

    let mut trainer = Trainer::new(params, MOONS_CONFIG, FeatureSet::default(), &split).unwrap();
    let other = Params::zeros(Shape::new(2, 8, 2).unwrap());
    assert!(matches!(
        trainer.set_params(other),
        Err(TrainError::ShapeChanged { .. })
    ));
}

/// A trainer whose epochs are one step (n = K = 4), so a long run is cheap; its split and
/// configuration.
fn one_step_epochs() -> (Trainer, Split, TrainConfig) {
    let mut rng = Pcg64::seed_from_u64(8);
    let data = DatasetKind::Moons.generate(4, 0.1, 2, &mut rng).unwrap();
    let split = Split { train: data, ..Split::default() };
    let params = Params::init(Shape::new(2, 2, 2).unwrap(), &mut rng);
    let config = TrainConfig { batch_size: 4, eta: 0.01, ..MOONS_CONFIG };
    let trainer = Trainer::new(params, config, FeatureSet::default(), &split).unwrap();
    (trainer, split, config)
}

#[test]
fn a_long_run_thins_its_history_to_every_other_epoch_and_so_on() {
    // 2.5 × HISTORY_LIMIT cheap epochs.
    let (mut trainer, split, config) = one_step_epochs();
    let epochs = HISTORY_LIMIT * 5 / 2;
    for _ in 0..epochs {
        trainer.run_epoch().unwrap();
    }
    assert_eq!(trainer.epoch(), epochs);
    let every = trainer.record_every();
    assert_eq!(every, 4, "thinned twice: at {HISTORY_LIMIT} and at 2 × {HISTORY_LIMIT} epochs");
    let history = trainer.history();
    assert!(history.len() < HISTORY_LIMIT);
    assert_eq!(history[0].epoch, 0);
    assert_eq!(history.last().unwrap().epoch, epochs / every * every);
    // Every multiple of the stride, in order, and nothing else.
    assert!(history.iter().enumerate().all(|(i, r)| r.epoch == i * every));
    // The kept records are those an unthinned run would have: same weights, same evaluation.
    let mut fresh = Trainer::new(
        Params::init(Shape::new(2, 2, 2).unwrap(), &mut Pcg64::seed_from_u64(99)),
        config,
        FeatureSet::default(),
        &split,
    )
    .unwrap();
    fresh.set_params(trainer.params().clone()).unwrap();
    assert_eq!(fresh.evaluate().train, history.last().unwrap().train);
}

#[test]
fn thinning_keeps_the_record_the_page_marks_as_best() {
    let (mut trainer, _, _) = one_step_epochs();
    // An odd epoch, which the first thinning (to the even epochs) would drop.
    let best = 12_101;
    for epoch in 1..=HISTORY_LIMIT * 5 / 2 {
        trainer.run_epoch().unwrap();
        if epoch == best {
            trainer.keep_record(Some(best));
        }
    }
    let history = trainer.history();
    assert_eq!(trainer.record_every(), 4);
    let kept: Vec<usize> = history.iter().map(|r| r.epoch).filter(|e| e % 4 != 0).collect();
    assert_eq!(kept, vec![best], "the best epoch, and only it, besides the multiples of 4");
    assert!(history.windows(2).all(|w| w[0].epoch < w[1].epoch), "still in epoch order");
}
