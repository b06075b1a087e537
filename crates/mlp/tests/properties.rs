//! Property tests: random shapes (d, d_h, m up to 20), parameters and inputs.
//!
//! Backprop equals finite differences; softmax is a probability vector and shift-invariant; the
//! loss is ≥ 0; the minibatch gradient is the mean of one-example gradients; the workspace agrees
//! with the matrix form; a small SGD step lowers the objective; bad inputs are errors, not panics.

use mlp::{LayerPenalty, Penalty};
use mlp::batch::{batch_backward, batch_forward, Workspace};
use mlp::forward::{log_sum_exp, softmax};
use mlp::gradcheck::{gradient_check, Group, DEFAULT_EPSILON};
use mlp::{backward, forward, Params, Shape, ShapeError};
use nalgebra::{DMatrix, DVector};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use rand::SeedableRng;
use rand_pcg::Pcg64;

/// |a − b| ≤ 1e-9·max(|a|, |b|) + 1e-12, entry by entry.
fn assert_params_close(got: &Params, want: &Params, what: &str) -> Result<(), TestCaseError> {
    let names = ["W1", "b1", "W2", "b2"];
    let fields = |p: &Params| {
        [
            p.w1.as_slice().to_vec(),
            p.b1.as_slice().to_vec(),
            p.w2.as_slice().to_vec(),
            p.b2.as_slice().to_vec(),
        ]
    };
    for ((name, g), w) in names.iter().zip(fields(got)).zip(fields(want)) {
        prop_assert_eq!(g.len(), w.len(), "{} {}: length", what, name);
        for (i, (a, b)) in g.iter().zip(&w).enumerate() {
            let ok = (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) + 1e-12;
            prop_assert!(
                ok,
                "{} {} (column-major index {}): {:e} vs {:e}",
                what,
                name,
                i,
                a,
                b
            );
        }
    }
    Ok(())
}

fn shape() -> impl Strategy<Value = Shape> {
    (1..=20usize, 1..=20usize, 2..=20usize).prop_map(|(d, d_h, m)| Shape { d, d_h, m })
}

/// Weights up to twice the initialization bound 1/√n_c, biases in [−1, 1]: realistic logits.
/// A weight in [−a, a], exactly 0 one time in four: the L1 term's corner.
fn weight(a: f64) -> impl Strategy<Value = f64> {
    prop_oneof![3 => -a..=a, 1 => Just(0.0)]
}

/// The four coefficients of Ω, each 0 one time in three, else in [0, 0.1).
fn penalty() -> impl Strategy<Value = Penalty> {
    let c = || prop_oneof![1 => Just(0.0), 2 => 0.0..0.1];
    (c(), c(), c(), c()).prop_map(|(l11, l12, l21, l22)| Penalty {
        w1: LayerPenalty { l1: l11, l2: l12 },
        w2: LayerPenalty { l1: l21, l2: l22 },
    })
}

fn params_for(s: Shape) -> impl Strategy<Value = Params> {
    let a1 = 2.0 / (s.d as f64).sqrt();
    let a2 = 2.0 / (s.d_h as f64).sqrt();
    let b = -1.0..=1.0;
    (
        vec(weight(a1), s.d_h * s.d),
        vec(b.clone(), s.d_h),
        vec(weight(a2), s.m * s.d_h),
        vec(b, s.m),
    )
        .prop_map(move |(w1, b1, w2, b2)| Params {
            w1: DMatrix::from_vec(s.d_h, s.d, w1),
            b1: DVector::from_vec(b1),
            w2: DMatrix::from_vec(s.m, s.d_h, w2),
            b2: DVector::from_vec(b2),
        })
}

/// A network, one example (x in [−3, 3]^d, y) and Ω.
fn one_example() -> impl Strategy<Value = (Params, DVector<f64>, usize, Penalty)> {
    shape().prop_flat_map(|s| {
        (
            params_for(s),
            vec(-3.0..3.0, s.d).prop_map(DVector::from_vec),
            0..s.m,
            penalty(),
        )
    })
}

/// A network, a set xs `[n x d]` with labels ys (n in 1..=12), and Ω.
fn data_set() -> impl Strategy<Value = (Params, DMatrix<f64>, Vec<usize>, Penalty)> {
    (shape(), 1..=12usize).prop_flat_map(|(s, n)| {
        let xs = vec(-3.0..3.0, n * s.d).prop_map(move |v| DMatrix::from_row_slice(n, s.d, &v));
        (params_for(s), xs, vec(0..s.m, n), penalty())
    })
}

/// Rows `rows` of xs, as a new matrix.
fn select_rows(xs: &DMatrix<f64>, rows: &[usize]) -> DMatrix<f64> {
    DMatrix::from_fn(rows.len(), xs.ncols(), |i, l| xs[(rows[i], l)])
}

proptest! {
    #[test]
    fn backprop_matches_finite_differences((params, x, y, penalty) in one_example()) {
        let h_a = forward(&params, &x, y).unwrap().h_a;
        let check = gradient_check(&params, &x, y, penalty, DEFAULT_EPSILON).unwrap();
        for group in &check.groups {
            for e in &group.entries {
                // W1 row j and b1_j move h_a_j by at most ε·3: skip units near their kink.
                let hidden = matches!(group.group, Group::W1 | Group::B1);
                if hidden && h_a[e.row].abs() < 1e-4 {
                    continue;
                }
                prop_assert!(e.passes(), "{}[{}][{}]: {:?}", group.group.name(), e.row, e.col, e);
            }
        }
        // (q) ∂L/∂x: moving x_j by ε moves every h_a_k by up to ε·|W1_kj|; skip near-kinks.
        let input = check.input.expect("gradient_check checks the input");
        if h_a.iter().all(|a| a.abs() >= 1e-4) {
            prop_assert!(input.passes, "x: {:?}", input.entries[input.worst]);
        }
    }

    #[test]
    fn batch_gradient_is_the_mean_of_one_example_gradients((params, xs, ys, penalty) in data_set()) {
        let fwd = batch_forward(&params, &xs, &ys).unwrap();
        let (plain, regularized) = batch_backward(&params, &fwd, &xs, &ys, penalty);
        let mut mean = Params::zeros(params.shape());
        let mut mean_loss = 0.0;
        let k = ys.len() as f64;
        for (i, &y) in ys.iter().enumerate() {
            let x = xs.row(i).transpose();
            let f = forward(&params, &x, y).unwrap();
            mean.axpy(1.0 / k, &backward(&params, &f, &x, y, penalty).params());
            mean_loss += f.loss / k;
        }
        prop_assert!((fwd.loss - mean_loss).abs() <= 1e-9 * mean_loss.abs() + 1e-12);
        assert_params_close(&plain, &mean, "batch vs mean of one-example")?;
        // (r) is added once to the mean, not K times.
        penalty.add_gradient(&params, &mut mean);
        assert_params_close(&regularized, &mean, "regularized")?;
    }

    #[test]
    fn workspace_agrees_with_the_matrix_form(
        (params, xs, ys, penalty) in data_set(),
        picks in vec(any::<Index>(), 0..=20),
        capacity in 1..=8usize,
    ) {
        // A minibatch of rows of the set (repeats allowed), processed in blocks of `capacity`.
        let rows: Vec<usize> = picks.iter().map(|p| p.index(ys.len())).collect();
        let mut ws = Workspace::new(params.shape(), capacity);
        let mut grads = Params::zeros(Shape { d: 1, d_h: 1, m: 2 }); // wrong shape: resized
        let loss = ws.gradient(&params, &xs, &ys, &rows, penalty, &mut grads);
        if rows.is_empty() {
            prop_assert_eq!(loss, 0.0);
        } else {
            let batch_ys: Vec<usize> = rows.iter().map(|&r| ys[r]).collect();
            let batch_xs = select_rows(&xs, &rows);
            let fwd = batch_forward(&params, &batch_xs, &batch_ys).unwrap();
            let (_, regularized) = batch_backward(&params, &fwd, &batch_xs, &batch_ys, penalty);
            prop_assert!((loss - fwd.loss).abs() <= 1e-9 * fwd.loss.abs() + 1e-12);
            assert_params_close(&grads, &regularized, "workspace vs batch_backward")?;
        }

        // evaluate and predict_into over the whole set
        let whole = batch_forward(&params, &xs, &ys).unwrap();
        let (mean_loss, error_rate) = ws.evaluate(&params, &xs, &ys);
        prop_assert!((mean_loss - whole.loss).abs() <= 1e-9 * whole.loss.abs() + 1e-12);
        let mut o_s = DMatrix::zeros(0, 0);
        ws.predict_into(&params, &xs, &mut o_s);
        prop_assert!((&o_s - &whole.o_s).amax() <= 1e-12);
        let wrong = (0..ys.len()).filter(|&i| whole.o_a.row(i).transpose().argmax().0 != ys[i]);
        prop_assert_eq!(error_rate, wrong.count() as f64 / ys.len() as f64);
        // classify_into: argmax o_a per row, the classes evaluate's error rate counts
        let mut classes = vec![usize::MAX; 3];
        ws.classify_into(&params, &xs, &mut classes);
        let expected: Vec<usize> = (0..ys.len()).map(|i| whole.o_a.row(i).transpose().argmax().0).collect();
        prop_assert_eq!(&classes, &expected);
        let misclassified = classes.iter().zip(&ys).filter(|(c, y)| c != y).count();
        prop_assert_eq!(error_rate, misclassified as f64 / ys.len() as f64);
    }

    #[test]
    fn a_small_sgd_step_lowers_the_objective((params, xs, ys, penalty) in data_set()) {
        // Objective of the minibatch: (1/K) Σ L + Ω. At a weight exactly 0 under an L1 term the
        // subgradient (sign(0) = 0) need not be a descent direction: those penalties drop L1.
        let mut penalty = penalty;
        if params.w1.iter().chain(params.w2.iter()).any(|&w| w == 0.0) {
            penalty.w1.l1 = 0.0;
            penalty.w2.l1 = 0.0;
        }
        let objective = |p: &Params| batch_forward(p, &xs, &ys).unwrap().loss + penalty.value(p);
        let fwd = batch_forward(&params, &xs, &ys).unwrap();
        let (_, grads) = batch_backward(&params, &fwd, &xs, &ys, penalty);
        let norm2: f64 = [&grads.w1, &grads.w2].iter().map(|w| w.norm_squared()).sum::<f64>()
            + grads.b1.norm_squared() + grads.b2.norm_squared();
        prop_assume!(norm2 > 1e-8, "gradient too small for the decrease to beat rounding");
        let eta = 1e-4;
        let mut stepped = params.clone();
        stepped.axpy(-eta, &grads); // (f) θ ← θ − η ∇R̃
        // The first-order argument needs no ReLU to switch between θ and θ − η∇.
        let after = batch_forward(&stepped, &xs, &ys).unwrap();
        let pattern = |h: &DMatrix<f64>| h.map(|v| v > 0.0);
        prop_assume!(pattern(&fwd.h_a) == pattern(&after.h_a));
        prop_assert!(objective(&stepped) < objective(&params), "η = {}, ‖∇‖² = {:e}", eta, norm2);
    }
}

proptest! {
    #[test]
    fn softmax_is_a_shift_invariant_distribution(
        v in vec(-50.0..50.0, 2..=20),
        c in -1000.0..1000.0,
    ) {
        let o_a = DVector::from_vec(v.clone());
        let o_s = softmax(&o_a);
        prop_assert!((o_s.sum() - 1.0).abs() < 1e-12);
        prop_assert!(o_s.iter().all(|&p| p > 0.0 && p <= 1.0));
        let shifted = softmax(&o_a.add_scalar(c));
        prop_assert!((&shifted - &o_s).amax() <= 1e-9 * o_s.amax());
        // log Σ exp(v + c) = c + log Σ exp(v)
        let lse = log_sum_exp(&v);
        let v_shifted: Vec<f64> = v.iter().map(|x| x + c).collect();
        let lse_shifted = log_sum_exp(&v_shifted);
        prop_assert!((lse_shifted - (lse + c)).abs() <= 1e-9 * (lse + c).abs().max(1.0));
    }

    #[test]
    fn loss_is_nonnegative_and_is_minus_log_o_s_y((params, x, y, _lambda) in one_example()) {
        let f = forward(&params, &x, y).unwrap();
        prop_assert!(f.loss >= 0.0 && f.loss.is_finite());
        // L = −log o_s_y (exactly, up to rounding, when o_s_y does not underflow)
        prop_assert!((f.loss + f.o_s[y].ln()).abs() <= 1e-9 * f.loss.max(1.0));
    }

    #[test]
    fn init_is_deterministic_per_seed(s in shape(), seed in any::<u64>()) {
        let a = Params::init(s, &mut Pcg64::seed_from_u64(seed));
        let b = Params::init(s, &mut Pcg64::seed_from_u64(seed));
        prop_assert_eq!(&a, &b);
        let c = Params::init(s, &mut Pcg64::seed_from_u64(seed ^ 1));
        prop_assert_ne!(&a, &c);
        let bound1 = 1.0 / (s.d as f64).sqrt();
        let bound2 = 1.0 / (s.d_h as f64).sqrt();
        prop_assert!(a.w1.amax() <= bound1 && a.w2.amax() <= bound2);
        prop_assert!(a.b1.iter().chain(a.b2.iter()).all(|&b| b == 0.0));
        prop_assert_eq!(a.check_shape(), Ok(s));
    }

    #[test]
    fn from_parts_accepts_exactly_the_consistent_shapes(
        dims in (0..=3usize, 0..=3usize, 0..=3usize, 0..=3usize, 0..=3usize, 0..=3usize),
    ) {
        let (d_h, d, b1, m, w2_cols, b2) = dims;
        let result = Params::from_parts(
            DMatrix::zeros(d_h, d),
            DVector::zeros(b1),
            DMatrix::zeros(m, w2_cols),
            DVector::zeros(b2),
        );
        let consistent = d >= 1 && d_h >= 1 && m >= 2 && b1 == d_h && w2_cols == d_h && b2 == m;
        match result {
            Ok(p) => prop_assert!(consistent, "accepted {:?}", p.shape()),
            Err(e) => prop_assert!(!consistent && !e.to_string().is_empty()),
        }
    }

    #[test]
    fn bad_examples_are_errors_with_a_useful_message(
        (params, x, _y, _l) in one_example(),
        extra in 1..=3usize,
        bad_y in 0..40usize,
    ) {
        let s = params.shape();
        let long = DVector::from_fn(s.d + extra, |i, _| i as f64);
        let err = forward(&params, &long, 0).unwrap_err();
        let want = ShapeError::Length { what: "x", expected: s.d, found: s.d + extra };
        prop_assert_eq!(err.clone(), want);
        prop_assert!(err.to_string().starts_with("x has"));
        match forward(&params, &x, bad_y) {
            Ok(_) => prop_assert!(bad_y < s.m),
            Err(e) => {
                let expected = format!("y = {} is out of range", bad_y);
                prop_assert!(bad_y >= s.m && e.to_string().contains(&expected), "{}", e);
            }
        }
        let mut nan_x = x.clone();
        nan_x[s.d - 1] = f64::NAN;
        let err = forward(&params, &nan_x, 0).unwrap_err();
        let want = format!("x[{}] is NaN or infinite; every value must be finite", s.d - 1);
        prop_assert_eq!(err.to_string(), want);
    }
}

#[test]
fn from_rows_names_the_field_and_position() {
    let ok_w1 = [vec![1.0, 2.0], vec![3.0, 4.0]];
    let ok_w2 = [vec![1.0, 2.0], vec![3.0, 4.0]];
    let message = |w1: &[Vec<f64>], b1: &[f64], w2: &[Vec<f64>], b2: &[f64]| {
        Params::from_rows(w1, b1, w2, b2).unwrap_err().to_string()
    };
    let ragged = [vec![1.0, 2.0], vec![3.0]];
    assert_eq!(
        message(&ragged, &[0.0; 2], &ok_w2, &[0.0; 2]),
        "W1 row 1 has 1 values, expected 2"
    );
    assert_eq!(
        message(&[], &[], &ok_w2, &[0.0; 2]),
        "W1 is empty: it needs at least one row and one column"
    );
    assert_eq!(
        message(&ok_w1, &[0.0; 3], &ok_w2, &[0.0; 2]),
        "b1 has 3 values, expected 2"
    );
    assert_eq!(
        message(&ok_w1, &[0.0; 2], &[vec![1.0, 2.0]], &[0.0]),
        "m (number of classes) must be at least 2, found 1"
    );
    let nan_w2 = [vec![1.0, 2.0], vec![3.0, f64::NAN]];
    assert_eq!(
        message(&ok_w1, &[0.0; 2], &nan_w2, &[0.0; 2]),
        "W2[1][1] is NaN or infinite; every value must be finite"
    );
    assert_eq!(
        message(&ok_w1, &[0.0; 2], &ok_w2, &[0.0; 3]),
        "b2 has 3 values, expected 2"
    );
}

#[test]
fn workspace_rejects_bad_data_without_panicking() {
    let shape = Shape::new(2, 3, 3).unwrap();
    let params = Params::init(shape, &mut Pcg64::seed_from_u64(1));
    let xs = DMatrix::from_row_slice(2, 2, &[0.5, -1.0, 1.5, 0.25]);
    let mut ws = Workspace::new(shape, 4);
    let mut grads = Params::zeros(shape);
    // label 3 ≥ m, row index 2 ≥ n, ys too short, xs with 3 columns
    assert!(ws
        .gradient(&params, &xs, &[0, 3], &[1], Penalty::weight_decay(0.0), &mut grads)
        .is_nan());
    assert_eq!(grads.max_abs(), 0.0);
    assert!(ws
        .gradient(&params, &xs, &[0, 1], &[2], Penalty::weight_decay(0.0), &mut grads)
        .is_nan());
    assert!(ws.evaluate(&params, &xs, &[0]).0.is_nan());
    let mut out = DMatrix::zeros(0, 0);
    ws.predict_into(&params, &DMatrix::zeros(2, 3), &mut out);
    assert!(out.shape() == (2, 3) && out.iter().all(|v| v.is_nan()));
    // empty set: (0, 0)
    assert_eq!(ws.evaluate(&params, &DMatrix::zeros(0, 2), &[]), (0.0, 0.0));
    // parameters of another shape: the workspace adopts it
    let bigger = Params::init(Shape::new(2, 5, 4).unwrap(), &mut Pcg64::seed_from_u64(2));
    let loss = ws.gradient(&bigger, &xs, &[0, 3], &[0, 1], Penalty::weight_decay(0.0), &mut grads);
    assert!(loss.is_finite() && grads.has_shape(bigger.shape()) && ws.shape() == bigger.shape());
}
