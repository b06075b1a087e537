//! When training goes wrong the trainer says so and stops: NaN (with θ left as it was), a loss
//! beyond `LOSS_LIMIT`, weights beyond `PARAM_LIMIT`, and a network whose hidden units are all
//! dead; then it refuses steps until it gets new parameters.

use mlp::Penalty;
use mlp::train::{LOSS_LIMIT, PARAM_LIMIT};
use mlp::{forward, Divergence, Mistake, Params, TrainConfig, Trainer};

mod fixture;

use fixture::{moons, moons_trainer, MOONS_CONFIG};

/// A trainer of `moons_trainer(seed, config)` restarted from `edit`ed initial parameters.
fn trainer_with(seed: u64, config: TrainConfig, edit: impl FnOnce(&mut Params)) -> Trainer {
    let mut trainer = moons_trainer(seed, config);
    let mut params = moons(seed).2;
    edit(&mut params);
    trainer.set_params(params).unwrap();
    trainer
}

/// Every hidden unit dead on any input: W1 = 0 and b1 = −1 give h_a = −1 everywhere.
fn kill_every_unit(p: &mut Params) {
    p.w1.fill(0.0);
    p.b1.fill(-1.0);
}

#[test]
fn huge_learning_rate_is_reported_and_training_stays_stopped() {
    // With this seed the weights blow up in epoch 1.
    let eta_50 = TrainConfig {
        eta: 50.0,
        ..MOONS_CONFIG
    };
    let mut trainer = moons_trainer(2, eta_50);
    let error = (0..100)
        .find_map(|_| trainer.run_epoch().err())
        .expect("η = 50 must diverge");
    assert!(
        error.to_string().contains("Lower the learning rate η"),
        "{error}"
    );
    assert_eq!(trainer.divergence(), Some(&error));
    // The history ends with the network as it blew up, labelled with the epoch in progress,
    // so a plot shows the explosion; new parameters remove that record.
    let (Divergence::Exploding { epoch, .. } | Divergence::NonFinite { epoch, .. }) = error.clone() else {
        panic!("{error:?}")
    };
    let history = trainer.history().to_vec();
    let last = history.last().unwrap();
    assert_eq!((last.epoch, history.len()), (epoch, epoch + 1), "records 0 … epoch − 1, then the divergence");
    assert!(!(last.train.loss < 100.0 * history[0].train.loss), "the blow-up: {} after {}", last.train.loss, history[0].train.loss);
    let frozen = trainer.params().clone();
    assert_eq!(trainer.step_example(), Err(error.clone()));
    assert_eq!(trainer.step_minibatch(), Err(error.clone()));
    assert_eq!(trainer.run_epoch().err(), Some(error.clone()));
    assert_eq!(trainer.train_examples(100), Err(error));
    assert_eq!(trainer.params(), &frozen);
    assert_eq!(trainer.history(), &history[..], "refused steps record nothing");

    // New parameters and a sane η: training resumes.
    trainer.set_eta(0.1).unwrap();
    trainer.set_params(moons(2).2).unwrap();
    assert_eq!(trainer.history(), &history[..history.len() - 1]);
    assert_eq!(trainer.divergence(), None);
    assert!(trainer.run_epoch().unwrap().train.loss.is_finite());
}

#[test]
fn nan_from_an_unshifted_softmax_stops_training_and_leaves_theta_alone() {
    // W2 × 2000 puts some logits in the thousands: without the max-shift exp overflows,
    // o_s = ∞/∞ = NaN, and the loss of a (full) batch holding such an example is NaN or ∞.
    // The step must not apply that gradient.
    let full_batch = TrainConfig {
        batch_size: 1000,
        ..MOONS_CONFIG
    };
    let mut trainer = trainer_with(3, full_batch, |p| p.w2 *= 2000.0);
    trainer.set_mistakes(Mistake::UnshiftedSoftmax.into());
    let before = trainer.params().clone();
    let error = trainer.step_minibatch().unwrap_err();
    assert_eq!(error, Divergence::NonFinite { epoch: 1, step: 1 });
    assert!(error.to_string().contains("NaN or infinite"), "{error}");
    assert_eq!(trainer.params(), &before);
    assert!(trainer.params().is_finite());
    assert_eq!(trainer.step_example(), Err(error));

    // That full-batch step was also the last of epoch 1, which therefore never closed. With new
    // parameters the next step starts the epoch over on all 160 examples, not on none.
    trainer.set_params(moons(3).2).unwrap();
    trainer.set_mistakes(mlp::Mistakes::NONE);
    assert_eq!(trainer.next_batch_len(), 160);
    let loss = trainer.step_minibatch().unwrap();
    assert!(loss > 0.1, "{loss}");
    assert_eq!((trainer.examples_seen(), trainer.epoch()), (320, 1));
}

#[test]
fn a_huge_loss_with_moderate_weights_is_caught_by_the_loss_limit() {
    // b2 = (1e5, −1e5): every class-1 example has L = 2e5, far beyond LOSS_LIMIT, while every
    // |θ_i| ≤ 1e5 < PARAM_LIMIT and each step moves b2 by at most η: only LOSS_LIMIT sees it.
    let mut trainer = trainer_with(4, MOONS_CONFIG, |p| {
        p.b2[0] = 1e5;
        p.b2[1] = -1e5;
    });
    let error = (0..16)
        .find_map(|_| trainer.step_minibatch().err())
        .expect("a minibatch with a class-1 example must trip LOSS_LIMIT");
    let Divergence::Exploding { epoch: 1, loss } = error else {
        panic!("{error:?}");
    };
    assert!(loss > LOSS_LIMIT, "{loss}");
    assert!(trainer.params().max_abs() < PARAM_LIMIT);
}

#[test]
fn runaway_weights_with_a_small_loss_are_caught_by_the_parameter_limit() {
    // Every hidden unit dead (h_s = 0), η = 1, λ = 10: ∂R̃/∂W2 = 2λW2 alone, so each step
    // multiplies W2 by 1 − 2ηλ = −19, while o_a = b2 keeps the loss near log 2. |W2| passes
    // PARAM_LIMIT at step 6, long before the loss could matter: only PARAM_LIMIT sees it.
    let config = TrainConfig {
        eta: 1.0,
        penalty: Penalty::weight_decay(10.0),
        ..MOONS_CONFIG
    };
    let mut trainer = trainer_with(5, config, kill_every_unit);
    let error = (0..16)
        .find_map(|_| trainer.step_minibatch().err())
        .expect("W2 must run away within the first epoch");
    let Divergence::Exploding { epoch: 1, loss } = error else {
        panic!("{error:?}");
    };
    assert!(loss < LOSS_LIMIT, "{loss}");
    assert!(loss < 2.0, "{loss}: o_a = b2 alone, near log 2");
    assert!(trainer.params().max_abs() > PARAM_LIMIT);
    assert!(error.to_string().contains("lower λ"), "{error}");
}

#[test]
fn overshooting_weight_decay_is_exploding() {
    // Each step multiplies W by about (1 − 2ηλ) = −19: |W| passes PARAM_LIMIT within a few steps.
    let config = TrainConfig {
        eta: 1.0,
        penalty: Penalty::weight_decay(10.0),
        ..MOONS_CONFIG
    };
    let mut trainer = moons_trainer(4, config);
    let error = (0..50)
        .find_map(|_| trainer.step_minibatch().err())
        .expect("must explode");
    assert!(
        matches!(error, Divergence::Exploding { epoch: 1, .. }),
        "{error:?}"
    );
}

#[test]
fn a_dead_network_is_reported_at_the_end_of_the_epoch() {
    let mut trainer = trainer_with(6, MOONS_CONFIG, kill_every_unit);
    assert_eq!(trainer.evaluate().dead_units, 16);
    // The steps of the epoch go through; the one that ends it reports the dead network.
    for _ in 0..15 {
        trainer.step_minibatch().unwrap();
    }
    let error = trainer.step_minibatch().unwrap_err();
    assert_eq!(error, Divergence::DeadNetwork { epoch: 1 });
    let text = error.to_string();
    for advice in [
        "lower the learning rate η",
        "re-initialize",
        "more hidden units",
    ] {
        assert!(
            text.to_lowercase().contains(&advice.to_lowercase()),
            "{text}"
        );
    }
    // The epoch was recorded, with its dead units, and the trainer stays stopped.
    let last = trainer.history().last().unwrap();
    assert_eq!((last.epoch, last.dead_units), (1, 16));
    assert_eq!(trainer.run_epoch().err(), Some(error));
}

#[test]
fn dead_units_are_counted_on_the_training_set() {
    // Units 0..5 get b1 = −100: dead for every |x| ≤ 2. Units 5 and 6 get W1_j· = 0 and b1 = 0:
    // h_a = 0 exactly everywhere, at the kink, where rect'(0) = 0: dead too. The others are
    // checked by hand against the definition, "never h_a > 0".
    let mut trainer = trainer_with(7, MOONS_CONFIG, |p| {
        p.b1.rows_mut(0, 5).fill(-100.0);
        p.w1.rows_mut(5, 2).fill(0.0);
        p.b1.rows_mut(5, 2).fill(0.0);
    });
    let (params, set) = (trainer.params().clone(), trainer.train_set().clone());
    let active = |j: usize| {
        (0..set.len()).any(|i| {
            let x = set.xs.row(i).transpose();
            forward(&params, &x, set.ys[i]).unwrap().h_a[j] > 0.0
        })
    };
    let dead = (0..16).filter(|&j| !active(j)).count();
    assert!(dead >= 7);
    assert_eq!(trainer.evaluate().dead_units, dead);
    trainer.run_epoch().unwrap(); // not all dead: training goes on
}

#[test]
fn a_huge_learning_rate_always_ends_in_a_divergence() {
    // η = 50 on two moons either blows the weights up or throws every hidden unit below 0
    // (the loss then sticks at a constant); both must stop training. Seeds 10 and 20 are of the
    // second kind.
    let eta_50 = TrainConfig {
        eta: 50.0,
        ..MOONS_CONFIG
    };
    let mut dead = 0;
    for seed in 0..40 {
        let mut trainer = moons_trainer(seed, eta_50);
        let error = (0..50).find_map(|_| trainer.run_epoch().err());
        let error = error.unwrap_or_else(|| panic!("seed {seed}: still training after 50 epochs"));
        dead += usize::from(matches!(error, Divergence::DeadNetwork { .. }));
    }
    assert!(
        dead >= 1,
        "no seed died: the dead-network check is not exercised"
    );
}
