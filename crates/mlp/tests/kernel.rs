//! The trainer's SGD kernel ([`mlp::train::StepKernel`]) against the matrix form of
//! [`mlp::batch`]: one step is `θ − η (mean gradient + 2λW)` on random shapes, including odd d_h
//! (padded lanes) and class counts beyond the unrolled 2..=8 (9, 10: the loop form); its loss is the minibatch's mean
//! loss; bad rows are refused without touching θ; the bound it reports is max |θ_i|.

use mlp::batch::{batch_backward, batch_forward};
use mlp::train::StepKernel;
use mlp::{sgd_update, LayerPenalty, Mistake, Mistakes, Params, Penalty, Shape};
use nalgebra::DMatrix;
use proptest::prelude::*;
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;

/// A random network of `shape` and a set of `n` examples for it.
fn setup(shape: Shape, n: usize, seed: u64) -> (Params, DMatrix<f64>, Vec<usize>) {
    let mut rng = Pcg64::seed_from_u64(seed);
    let mut params = Params::init(shape, &mut rng);
    // Non-zero biases, so that (p)'s ∂b1 and the penalty's "biases are not penalised" count.
    for b in params.b1.iter_mut().chain(params.b2.iter_mut()) {
        *b = rng.random_range(-0.5..0.5);
    }
    let xs = DMatrix::from_fn(n, shape.d, |_, _| rng.random_range(-2.0..2.0));
    let ys = (0..n).map(|_| rng.random_range(0..shape.m)).collect();
    (params, xs, ys)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-11 * a.abs().max(b.abs()) + 1e-13
}

fn fields(p: &Params) -> [&[f64]; 4] {
    [p.w1.as_slice(), p.b1.as_slice(), p.w2.as_slice(), p.b2.as_slice()]
}

fn assert_same(got: &Params, want: &Params) -> Result<(), TestCaseError> {
    for (g, w) in fields(got).iter().zip(fields(want)) {
        prop_assert_eq!(g.len(), w.len());
        for (a, b) in g.iter().zip(w.iter()) {
            prop_assert!(close(*a, *b), "{:e} vs {:e}", a, b);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn one_step_is_theta_minus_eta_times_the_mean_regularized_gradient(
        d in 1usize..=7, d_h in 1usize..=19, m in 2usize..=10, k in 1usize..=12,
        eta in 0.001f64..2.0,
        l in prop::array::uniform4(prop_oneof![Just(0.0), 0.0f64..0.1]),
        ascent in any::<bool>(), seed in any::<u64>(),
    ) {
        // the full penalty Ω, each coefficient 0 or not (L1: sign(W), sign(0) = 0)
        let lambda = Penalty { w1: LayerPenalty { l1: l[0], l2: l[1] }, w2: LayerPenalty { l1: l[2], l2: l[3] } };
        let shape = Shape::new(d, d_h, m).unwrap();
        let (params, xs, ys) = setup(shape, 15, seed);
        // A minibatch of k rows taken from the set in a scrambled order, with a repeat.
        let rows: Vec<usize> = (0..k).map(|i| (i * 7 + 3) % 15).collect();
        let batch = DMatrix::from_fn(k, d, |i, l| xs[(rows[i], l)]);
        let labels: Vec<usize> = rows.iter().map(|&r| ys[r]).collect();
        let fwd = batch_forward(&params, &batch, &labels).unwrap();
        let (_, regularized) = batch_backward(&params, &fwd, &batch, &labels, lambda);
        let mut expected = params.clone();
        let ascent_on = if ascent { Mistakes::from(Mistake::GradientAscent) } else { Mistakes::NONE };
        sgd_update(&mut expected, &regularized, eta, lambda, ascent_on);

        let mut kernel = StepKernel::new(shape);
        kernel.load(&params);
        let outcome = kernel.step(&xs, &ys, &rows, if ascent { -eta } else { eta }, lambda);
        let mut got = Params::zeros(shape);
        kernel.store(&mut got);
        prop_assert!(close(outcome.loss, fwd.loss), "loss {} vs {}", outcome.loss, fwd.loss);
        assert_same(&got, &expected)?;
        prop_assert_eq!(outcome.max_abs, got.max_abs());
    }

    #[test]
    fn load_then_store_gives_the_same_parameters(
        d in 1usize..=7, d_h in 1usize..=19, m in 2usize..=10, seed in any::<u64>(),
    ) {
        let shape = Shape::new(d, d_h, m).unwrap();
        let (params, _, _) = setup(shape, 1, seed);
        let mut kernel = StepKernel::new(Shape::new(1, 1, 2).unwrap()); // adopts the shape
        kernel.load(&params);
        prop_assert_eq!(kernel.shape(), shape);
        let mut out = Params::zeros(Shape::new(2, 2, 2).unwrap()); // reshaped on store
        kernel.store(&mut out);
        prop_assert_eq!(out, params);
    }
}

#[test]
fn bad_rows_or_labels_give_nan_and_leave_theta_alone() {
    let shape = Shape::new(2, 3, 2).unwrap();
    let (params, xs, mut ys) = setup(shape, 5, 1);
    let mut kernel = StepKernel::new(shape);
    kernel.load(&params);
    let mut after = Params::zeros(shape);
    for rows in [vec![0, 5], vec![9]] {
        let outcome = kernel.step(&xs, &ys, &rows, 0.5, Penalty::weight_decay(0.0));
        assert!(outcome.loss.is_nan(), "{rows:?}");
        assert_eq!(outcome.max_abs, params.max_abs());
    }
    ys[2] = 2; // a label ≥ m
    assert!(kernel.step(&xs, &ys, &[2], 0.5, Penalty::weight_decay(0.0)).loss.is_nan());
    assert!(kernel.step(&xs, &ys[..4], &[0], 0.5, Penalty::weight_decay(0.0)).loss.is_nan(), "ys too short");
    assert!(kernel.step(&DMatrix::zeros(5, 3), &ys, &[0], 0.5, Penalty::weight_decay(0.0)).loss.is_nan(), "d = 3");
    kernel.store(&mut after);
    assert_eq!(after, params);
}

#[test]
fn an_overflowing_step_reports_a_nan_bound() {
    // Weights near f64::MAX: one step with a large η turns some of them infinite.
    let shape = Shape::new(2, 4, 3).unwrap();
    let (mut params, xs, ys) = setup(shape, 6, 2);
    params.w2.fill(1e300);
    let mut kernel = StepKernel::new(shape);
    kernel.load(&params);
    let outcome = kernel.step(&xs, &ys, &[0, 1, 2], 1e10, Penalty::weight_decay(1e10));
    let mut after = Params::zeros(shape);
    kernel.store(&mut after);
    if outcome.loss.is_finite() {
        assert!(!after.is_finite());
        assert!(outcome.max_abs.is_nan(), "{}", outcome.max_abs);
    } else {
        assert_eq!(after, params, "a non-finite loss is not applied");
    }
}

#[test]
fn long_minibatches_fold_the_product_of_sums_before_it_overflows() {
    // 1000 examples whose Σ_k exp(o_a_k − max) is m = 8 each: 8^1000 overflows f64 unless the
    // kernel takes the log along the way. All weights 0: o_a = 0, L = log 8 for every example.
    let shape = Shape::new(1, 2, 8).unwrap();
    let xs = DMatrix::zeros(1000, 1);
    let ys: Vec<usize> = (0..1000).map(|i| i % 8).collect();
    let rows: Vec<usize> = (0..1000).collect();
    let mut kernel = StepKernel::new(shape);
    kernel.load(&Params::zeros(shape));
    let outcome = kernel.step(&xs, &ys, &rows, 0.1, Penalty::weight_decay(0.0));
    assert!((outcome.loss - 8f64.ln()).abs() < 1e-12, "{}", outcome.loss);
}

#[test]
fn odd_d_h_follows_the_matrix_form_over_many_steps() {
    // d_h = 3 runs in 4 lanes inside the kernel: a padding unit that leaked into o_a or into θ
    // would pull the two trajectories apart.
    let shape = Shape::new(2, 3, 3).unwrap();
    let (params, xs, ys) = setup(shape, 40, 9);
    let mut kernel = StepKernel::new(shape);
    kernel.load(&params);
    let mut reference = params.clone();
    let mut rng = Pcg64::seed_from_u64(4);
    for _ in 0..300 {
        let rows: Vec<usize> = (0..5).map(|_| rng.random_range(0..40)).collect();
        assert!(kernel.step(&xs, &ys, &rows, 0.2, Penalty::weight_decay(1e-3)).loss.is_finite());
        let batch = DMatrix::from_fn(5, 2, |i, l| xs[(rows[i], l)]);
        let labels: Vec<usize> = rows.iter().map(|&r| ys[r]).collect();
        let fwd = batch_forward(&reference, &batch, &labels).unwrap();
        let (_, g) = batch_backward(&reference, &fwd, &batch, &labels, Penalty::weight_decay(1e-3));
        reference.axpy(-0.2, &g);
    }
    let mut after = Params::zeros(shape);
    kernel.store(&mut after);
    assert_ne!(after, params);
    for (a, b) in fields(&after).iter().zip(fields(&reference)) {
        for (x, y) in a.iter().zip(b.iter()) {
            assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0), "{x} vs {y}");
        }
    }
}
