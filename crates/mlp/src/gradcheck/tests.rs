//! Unit tests of the gradient check: the pass rule, the input check, mistaken gradients and
//! bad inputs.

use super::*;
use crate::backward::backward;
use crate::penalty::Penalty;

/// d = 2, d_h = 2, m = 2; hidden unit 1 is dead (h_a_1 = −1.05 < 0) for x = (1, 0.5).
fn setup() -> (Params, DVector<f64>) {
    let params = Params::from_rows(
        &[vec![0.5, -0.3], vec![0.2, -0.1]],
        &[0.1, -1.2],
        &[vec![0.7, 0.4], vec![-0.6, 0.9]],
        &[0.05, -0.05],
    )
    .unwrap();
    (params, DVector::from_column_slice(&[1.0, 0.5]))
}

#[test]
fn correct_backprop_passes_and_dead_unit_is_both_zero() {
    let (params, x) = setup();
    let check = gradient_check(&params, &x, 1, Penalty::weight_decay(0.0), DEFAULT_EPSILON).unwrap();
    assert!(check.passes(), "{check:?}");
    assert!(check.max_rel_error() < 1e-7);
    // W1 row 1 feeds the dead unit: ∂L/∂W1_1j = ∂L/∂h_a_1 · x_j = 0, and R̃ does not move.
    let w1 = &check.groups[0];
    assert_eq!(w1.group.name(), "W1");
    for e in w1.entries.iter().filter(|e| e.row == 1) {
        assert_eq!(
            (e.backprop, e.finite_diff, e.rel_error, e.ratio),
            (0.0, 0.0, 0.0, None)
        );
    }
}

#[test]
fn forgetting_the_factor_two_in_r_fails_on_weights_only() {
    // Common mistake 6: ∂R̃/∂W = ∂L/∂W + λW instead of + 2λW.
    let (params, x) = setup();
    let lambda = 0.1;
    let fwd = forward(&params, &x, 0).unwrap();
    let mut wrong = backward(&params, &fwd, &x, 0, Penalty::weight_decay(lambda)).params();
    wrong.w1 += &params.w1 * lambda;
    wrong.w2 += &params.w2 * lambda;
    let check = check_against(&params, &x, 0, Penalty::weight_decay(lambda), DEFAULT_EPSILON, &wrong).unwrap();
    let passes: Vec<bool> = check.groups.iter().map(|g| g.passes).collect();
    assert_eq!(passes, [false, true, false, true]); // W1, b1, W2, b2
    assert!(check.max_rel_error() > 1e-3);
}

#[test]
fn entry_rules() {
    // ratio 1.005 is inside the course's [0.99, 1.01]
    assert!(EntryCheck::new(0, 0, 1.005, 1.0).passes());
    assert!(!EntryCheck::new(0, 0, 1.02, 1.0).passes());
    // opposite signs: ratio −1
    assert!(!EntryCheck::new(0, 0, -0.5, 0.5).passes());
    // below the noise floor: the ratio (2) is meaningless
    assert!(EntryCheck::new(0, 0, 2e-10, 1e-10).passes());
    // g_fd = 0 exactly but g_bp clearly not: no ratio, relative error 1
    let e = EntryCheck::new(0, 0, 0.3, 0.0);
    assert_eq!((e.ratio, e.rel_error, e.passes()), (None, 1.0, false));
    // just outside [0.99, 1.01], relative error 0.01: fails
    assert!(!EntryCheck::new(0, 0, 0.98, 1.0).passes());
    // ratio 2, relative error 1/3, |g_fd − g_bp| = 1e-7 above the floor 1e-8: fails
    assert!(!EntryCheck::new(0, 0, 2e-7, 1e-7).passes());
}

#[test]
fn rel_error_and_ratio_are_reported_as_math_md_writes_them() {
    // |g_fd − g_bp| / max(1e-12, |g_fd| + |g_bp|) = 2e-13 / 1e-12 = 0.2, ratio 3: reported as is,
    // and the entry passes only by the "both zero" rule (|g_fd| + |g_bp| < 1e-12).
    let e = EntryCheck::new(0, 0, 3e-13, 1e-13);
    assert!((e.rel_error - 0.2).abs() < 1e-12, "{}", e.rel_error);
    assert!((e.ratio.unwrap() - 3.0).abs() < 1e-12);
    assert!(e.passes());
    // exactly 0 = 0: relative error 0, no ratio (0/0), passes
    let zero = EntryCheck::new(0, 0, 0.0, 0.0);
    assert_eq!(
        (zero.rel_error, zero.ratio, zero.passes()),
        (0.0, None, true)
    );
    // an ordinary entry: |1.5 − 1| / 2.5 = 0.2
    let e = EntryCheck::new(0, 0, 1.5, 1.0);
    assert_eq!((e.rel_error, e.ratio), (0.2, Some(1.5)));
}

#[test]
fn the_absolute_floor_scales_with_the_objective() {
    // g_bp = 2e-6, g_fd = 1e-6: ratio 2, relative error 1/3, difference 1e-6.
    // With |R̃| ≤ 1 the floor is 1e-8: fails. With R̃ = 1000 g_fd is 1000 times noisier and the
    // floor is 1e-5: passes.
    assert!(!EntryCheck::with_objective(0, 0, 2e-6, 1e-6, 0.5).passes());
    let big = EntryCheck::with_objective(0, 0, 2e-6, 1e-6, -1000.0);
    assert_eq!(big.abs_tolerance, 1e-5);
    assert!(big.passes());
    assert!(!EntryCheck::with_objective(0, 0, 2e-6, 1e-6, f64::INFINITY).passes());
    assert_eq!(EntryCheck::new(0, 0, 1.0, 1.0).abs_tolerance, ABS_TOLERANCE);

    // The check records R̃(θ) = L + λ(ΣW1² + ΣW2²) and gives every entry the floor of that R̃.
    let (params, x) = setup();
    let check = gradient_check(&params, &x, 1, Penalty::weight_decay(0.1), DEFAULT_EPSILON).unwrap();
    let r_tilde = forward(&params, &x, 1).unwrap().loss + Penalty::weight_decay(0.1).value(&params);
    assert_eq!(check.objective, r_tilde);
    let floor = ABS_TOLERANCE * r_tilde.abs().max(1.0);
    let entries = check.groups.iter().flat_map(|g| &g.entries);
    assert!(entries.clone().all(|e| e.abs_tolerance == floor));
}

#[test]
fn update_check_needs_a_strict_decrease() {
    // b2 = (800, 0), y = 0, x = 0 and b1 = 0 (h_s = 0): o_s = (1, 0) exactly, since e^−800
    // underflows, so ∂L/∂o_a = o_s − onehot(0) = 0 and, with λ = 0, the whole gradient is 0.
    // The step leaves θ and R̃ = 0 unchanged: equal is no decrease.
    let params = Params::from_rows(
        &[vec![0.5, -0.3], vec![0.2, -0.1]],
        &[0.0, 0.0],
        &[vec![0.7, 0.4], vec![-0.6, 0.9]],
        &[800.0, 0.0],
    )
    .unwrap();
    let x = DVector::zeros(2);
    let check = update_check(&params, &x, 0, Penalty::weight_decay(0.0), 0.1, Mistakes::NONE).unwrap();
    assert_eq!((check.loss_before, check.loss_after), (0.0, 0.0));
    assert!(!check.decreased && !check.passes());
    // A real step does decrease R̃.
    let (params, x) = setup();
    assert!(update_check(&params, &x, 0, Penalty::weight_decay(0.01), 1e-3, Mistakes::NONE)
        .unwrap()
        .passes());
}

#[test]
fn non_finite_entries_fail_with_an_infinite_error() {
    for (bp, fd) in [(f64::NAN, 1.0), (1.0, f64::INFINITY), (f64::NAN, f64::NAN)] {
        let e = EntryCheck::new(0, 0, bp, fd);
        assert_eq!(
            (e.rel_error, e.ratio, e.passes()),
            (f64::INFINITY, None, false)
        );
    }
    let group = GroupCheck::new(
        Group::B2,
        vec![
            EntryCheck::new(0, 0, 1.0, 1.0),
            EntryCheck::new(1, 0, f64::NAN, 1.0),
        ],
    );
    assert_eq!(
        (group.max_rel_error, group.worst, group.passes),
        (f64::INFINITY, 1, false)
    );
}

#[test]
fn the_input_is_checked_when_the_whole_gradient_is_given() {
    // ∂L/∂x (q) is checked against centred differences in x, apart from θ's groups.
    let (params, x) = setup();
    let check = gradient_check(&params, &x, 1, Penalty::weight_decay(0.1), DEFAULT_EPSILON).unwrap();
    let input = check.input.as_ref().expect("gradient_check checks x");
    assert_eq!((input.group, input.entries.len()), (Group::X, 2));
    assert!(input.passes && check.passes());
    assert_eq!(check.all_groups().count(), 5);
    // check_against gets ∂R̃/∂θ only: no input check
    let fwd = forward(&params, &x, 1).unwrap();
    let mut grads = backward(&params, &fwd, &x, 1, Penalty::weight_decay(0.1));
    let theta_only = check_against(&params, &x, 1, Penalty::weight_decay(0.1), 1e-5, &grads.regularized()).unwrap();
    assert_eq!(theta_only.input, None);
    // a wrong ∂L/∂x fails the input check only
    grads.x[0] *= 2.0;
    let check = check_gradients(&params, &x, 1, Penalty::weight_decay(0.1), 1e-5, &grads).unwrap();
    assert!(check.groups.iter().all(|g| g.passes));
    assert!(!check.passes() && !check.input.unwrap().passes);
    grads.x = DVector::zeros(3);
    let err = check_gradients(&params, &x, 1, Penalty::weight_decay(0.1), 1e-5, &grads).unwrap_err();
    assert_eq!(err.to_string(), "backprop x has 3 values, expected 2");
}

#[test]
fn bad_inputs_are_errors() {
    let (params, x) = setup();
    let err = gradient_check(&params, &x, 0, Penalty::weight_decay(0.0), 0.0).unwrap_err();
    assert_eq!(err, ShapeError::InvalidEpsilon { epsilon: 0.0 });
    for lambda in [-0.1, f64::NAN, f64::INFINITY] {
        let err = gradient_check(&params, &x, 0, Penalty::weight_decay(lambda), 1e-5).unwrap_err();
        assert!(matches!(err, ShapeError::InvalidPenalty { .. }), "{err:?}");
        let err = update_check(&params, &x, 0, Penalty::weight_decay(lambda), 1e-3, Mistakes::NONE).unwrap_err();
        assert!(matches!(err, ShapeError::InvalidPenalty { .. }), "{err:?}");
    }
    assert!(gradient_check(&params, &x, 0, Penalty::weight_decay(-1.0), 1e-5)
        .unwrap_err()
        .to_string()
        .contains("penalty coefficient l12 = -1"));
    for eta in [0.0, -1e-3, f64::NAN] {
        let err = update_check(&params, &x, 0, Penalty::weight_decay(0.0), eta, Mistakes::NONE).unwrap_err();
        assert!(matches!(err, ShapeError::InvalidEta { .. }), "{err:?}");
    }
    assert!(gradient_check(&params, &x, 2, Penalty::weight_decay(0.0), 1e-5).is_err());
    let mut nan = params.clone();
    nan.b2[1] = f64::NAN;
    let err = gradient_check(&nan, &x, 0, Penalty::weight_decay(0.0), 1e-5).unwrap_err();
    assert_eq!(
        err.to_string(),
        "b2[1] is NaN or infinite; every value must be finite"
    );
    let small = Params::zeros(Shape::new(2, 3, 2).unwrap());
    let err = check_against(&params, &x, 0, Penalty::weight_decay(0.0), 1e-5, &small).unwrap_err();
    assert_eq!(err.to_string(), "backprop W1 is 3 x 2, expected 2 x 2");
}

#[test]
fn weights_at_the_l1_kink_are_compared_with_the_slope_not_the_secant() {
    // W1 = [[0, 3e-6], …]: one weight exactly at 0, one within ε = 1e-5 of it, both of
    // layer 1 under λ₁₁ = 0.5. Their centred differences of λ₁₁|w| are 0 and 0.5·0.3 = 0.15
    // (the secant), while backprop takes λ₁₁ sign(w) = 0 and 0.5.
    let (mut params, x) = setup();
    params.w1[(0, 0)] = 0.0;
    params.w1[(0, 1)] = 3e-6;
    let mut penalty = Penalty::weight_decay(0.01);
    penalty.w1.l1 = 0.5;
    let check = gradient_check(&params, &x, 1, penalty, DEFAULT_EPSILON).unwrap();
    assert!(check.passes(), "{:?}", check.groups[0]);
    let w1 = &check.groups[0];
    assert!(w1.entries[0].at_kink && w1.entries[1].at_kink);
    assert_eq!(check.kinks(), 2, "only those two: the others are far from 0, W2 has no L1");
    // the secant was replaced: g_fd agrees with g_bp = ∂L/∂w + 0.5·sign(3e-6) + 0.02·3e-6
    let e = &w1.entries[1];
    assert!((e.finite_diff - e.backprop).abs() < 1e-8, "{e:?}");
    // a gradient without its L1 term still fails at the kink (the mistake "no penalty")
    let fwd = forward(&params, &x, 1).unwrap();
    let mut wrong = backward(&params, &fwd, &x, 1, penalty).regularized();
    wrong.w1[(0, 1)] -= 0.5;
    let check = check_against(&params, &x, 1, penalty, DEFAULT_EPSILON, &wrong).unwrap();
    assert!(!check.groups[0].entries[1].passes());
    // without L1 nothing is at a kink
    let plain = gradient_check(&params, &x, 1, Penalty::weight_decay(0.01), DEFAULT_EPSILON).unwrap();
    assert_eq!(plain.kinks(), 0);
}

#[test]
fn the_summary_error_leaves_out_entries_within_the_noise() {
    // A dead unit's weights have g_bp = 0 and g_fd ≈ ±1e-12: relative error near 1, but only
    // rounding. The summary reports the worst entry above the noise floor.
    let (params, x) = setup();
    let check = gradient_check(&params, &x, 1, Penalty::weight_decay(0.1), DEFAULT_EPSILON).unwrap();
    assert!(check.passes());
    assert!(check.max_rel_error_above_noise() < 1e-6, "{}", check.max_rel_error_above_noise());
    assert!(check.max_rel_error_above_noise() <= check.max_rel_error());
}
