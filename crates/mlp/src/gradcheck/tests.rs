//! Unit tests of the gradient check: the pass rule, the input check, mistaken gradients and
//! bad inputs.

use super::*;
use crate::backward::backward;

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
    let check = gradient_check(&params, &x, 1, 0.0, DEFAULT_EPSILON).unwrap();
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
    let mut wrong = backward(&params, &fwd, &x, 0, lambda).params();
    wrong.w1 += &params.w1 * lambda;
    wrong.w2 += &params.w2 * lambda;
    let check = check_against(&params, &x, 0, lambda, DEFAULT_EPSILON, &wrong).unwrap();
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
    let check = gradient_check(&params, &x, 1, 0.1, DEFAULT_EPSILON).unwrap();
    let input = check.input.as_ref().expect("gradient_check checks x");
    assert_eq!((input.group, input.entries.len()), (Group::X, 2));
    assert!(input.passes && check.passes());
    assert_eq!(check.all_groups().count(), 5);
    // check_against gets ∂R̃/∂θ only: no input check
    let fwd = forward(&params, &x, 1).unwrap();
    let mut grads = backward(&params, &fwd, &x, 1, 0.1);
    let theta_only = check_against(&params, &x, 1, 0.1, 1e-5, &grads.regularized()).unwrap();
    assert_eq!(theta_only.input, None);
    // a wrong ∂L/∂x fails the input check only
    grads.x[0] *= 2.0;
    let check = check_gradients(&params, &x, 1, 0.1, 1e-5, &grads).unwrap();
    assert!(check.groups.iter().all(|g| g.passes));
    assert!(!check.passes() && !check.input.unwrap().passes);
    grads.x = DVector::zeros(3);
    let err = check_gradients(&params, &x, 1, 0.1, 1e-5, &grads).unwrap_err();
    assert_eq!(err.to_string(), "backprop x has 3 values, expected 2");
}

#[test]
fn bad_inputs_are_errors() {
    let (params, x) = setup();
    let err = gradient_check(&params, &x, 0, 0.0, 0.0).unwrap_err();
    assert_eq!(err, ShapeError::InvalidEpsilon { epsilon: 0.0 });
    assert!(gradient_check(&params, &x, 2, 0.0, 1e-5).is_err());
    let mut nan = params.clone();
    nan.b2[1] = f64::NAN;
    let err = gradient_check(&nan, &x, 0, 0.0, 1e-5).unwrap_err();
    assert_eq!(
        err.to_string(),
        "b2[1] is NaN or infinite; every value must be finite"
    );
    let small = Params::zeros(Shape::new(2, 3, 2).unwrap());
    let err = check_against(&params, &x, 0, 0.0, 1e-5, &small).unwrap_err();
    assert_eq!(err.to_string(), "backprop W1 is 3 x 2, expected 2 x 2");
}
