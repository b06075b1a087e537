//! The course's common mistakes as switches: with none, the passes are exactly the correct ones;
//! each mistake computes its formula; the gradient check (or, for gradient ascent, the update
//! check) catches each one on the reference cases. Training with them: `mistakes_train.rs`.

use mlp::Penalty;
use mlp::gradcheck::{
    gradient_check_with, update_check, Group, DEFAULT_EPSILON, DEFAULT_UPDATE_ETA,
};
use mlp::{backward, backward_with, forward, forward_with, Mistake, Mistakes, Params};
use nalgebra::{DMatrix, DVector};
mod fixture;

use fixture::{cases, Case};

fn case(seed: u64) -> Case {
    cases().into_iter().find(|c| c.seed == seed).unwrap()
}

fn one(m: Mistake) -> Mistakes {
    Mistakes::from(m)
}

#[test]
fn without_mistakes_the_passes_are_exactly_the_correct_ones() {
    for case in cases() {
        let (params, x, y) = (case.params(), case.x(), case.y);
        let fwd = forward(&params, &x, y).unwrap();
        assert_eq!(forward_with(&params, &x, y, Mistakes::NONE).unwrap(), fwd);
        let g = backward(&params, &fwd, &x, y, case.penalty());
        let g_with = backward_with(&params, &fwd, &x, y, case.penalty(), Mistakes::default());
        assert_eq!(g_with, g, "case {}", case.seed);
        // Only the softmax mistake touches the forward pass.
        for m in Mistake::ALL
            .into_iter()
            .filter(|&m| m != Mistake::UnshiftedSoftmax)
        {
            assert_eq!(forward_with(&params, &x, y, one(m)).unwrap(), fwd, "{m:?}");
        }
    }
}

/// d = 2, d_h = 3, m = 2, chosen so every number is a short binary fraction:
/// W1 = [0 0; 0 1; 1 −1], b1 = (1, 0, 0), x = (1, 2) → h_a = (1, 2, −1), h_s = (1, 2, 0).
/// W2 = [1 1 −3; 2 ½ 4], b2 = (1, 1) → o_a = (1 + 2 + 1, 2 + 1 + 1) = (4, 4), o_s = (½, ½).
/// y = 0 → ∂L/∂o_a = o_s − onehot(0) = (−½, ½). λ = ½.
fn by_hand() -> (Params, DVector<f64>, usize, f64) {
    let params = Params::from_rows(
        &[vec![0.0, 0.0], vec![0.0, 1.0], vec![1.0, -1.0]],
        &[1.0, 0.0, 0.0],
        &[vec![1.0, 1.0, -3.0], vec![2.0, 0.5, 4.0]],
        &[1.0, 1.0],
    )
    .unwrap();
    (params, DVector::from_column_slice(&[1.0, 2.0]), 0, 0.5)
}

fn grads_by_hand(mistakes: Mistakes) -> mlp::Gradients {
    let (params, x, y, lambda) = by_hand();
    let fwd = forward_with(&params, &x, y, mistakes).unwrap();
    backward_with(&params, &fwd, &x, y, Penalty::weight_decay(lambda), mistakes)
}

fn rows(r: usize, c: usize, v: &[f64]) -> DMatrix<f64> {
    DMatrix::from_row_slice(r, c, v)
}

#[test]
fn correct_values_by_hand() {
    let g = grads_by_hand(Mistakes::NONE);
    assert_eq!(g.o_a.as_slice(), &[-0.5, 0.5]);
    // ∂L/∂W2 = ∂L/∂o_a h_sᵀ = (−½, ½)(1, 2, 0)ᵀ
    assert_eq!(g.w2, rows(2, 3, &[-0.5, -1.0, 0.0, 0.5, 1.0, 0.0]));
    // ∂L/∂h_s = W2ᵀ(−½, ½) = (−½ + 1, −½ + ¼, 3/2 + 2) = (½, −¼, 7/2)
    assert_eq!(g.h_s.as_slice(), &[0.5, -0.25, 3.5]);
    // unit 2 is inactive (h_a_2 = −1): ∂L/∂h_a = (½, −¼, 0)
    assert_eq!(g.h_a.as_slice(), &[0.5, -0.25, 0.0]);
    // ∂L/∂W1 = ∂L/∂h_a xᵀ with x = (1, 2)
    assert_eq!(g.w1, rows(3, 2, &[0.5, 1.0, -0.25, -0.5, 0.0, 0.0]));
    // ∂L/∂x = W1ᵀ ∂L/∂h_a = (0·½ + 0·(−¼) + 1·0, 0·½ + 1·(−¼) − 1·0) = (0, −¼)
    assert_eq!(g.x.as_slice(), &[0.0, -0.25]);
    // (r) + 2λW = + W with λ = ½; biases unchanged
    assert_eq!(g.w1_reg, &g.w1 + by_hand().0.w1);
    assert_eq!((&g.b1_reg, &g.b2_reg), (&g.b1, &g.b2));
}

#[test]
fn elementwise_outer_keeps_the_diagonal() {
    let g = grads_by_hand(one(Mistake::ElementwiseOuter));
    // (j) ∂L/∂W2_kj = ∂L/∂o_a_k · h_s_k if k = j: (−½·1, ½·2) on the diagonal, 0 elsewhere
    assert_eq!(g.w2, rows(2, 3, &[-0.5, 0.0, 0.0, 0.0, 1.0, 0.0]));
    // (p) ∂L/∂W1_kj = ∂L/∂h_a_k · x_k if k = j: (½·1, −¼·2), row 2 (k = 2 ≥ d) all 0
    assert_eq!(g.w1, rows(3, 2, &[0.5, 0.0, 0.0, -0.5, 0.0, 0.0]));
    // nothing else changes
    assert_eq!(g.h_s, grads_by_hand(Mistakes::NONE).h_s);
}

#[test]
fn elementwise_mat_vec_keeps_the_k_equals_j_term() {
    let g = grads_by_hand(one(Mistake::ElementwiseMatVec));
    // (l) ∂L/∂h_s_j = W2_jj ∂L/∂o_a_j: (1·(−½), ½·½), and 0 for j = 2 ≥ m
    assert_eq!(g.h_s.as_slice(), &[-0.5, 0.25, 0.0]);
    // then (n) as usual: units 0 and 1 are active
    assert_eq!(g.h_a.as_slice(), &[-0.5, 0.25, 0.0]);
}

#[test]
fn relu_positive_grad_keeps_positive_gradients_not_active_units() {
    let g = grads_by_hand(one(Mistake::ReluPositiveGrad));
    // (n) (g + |g|)/2 with g = (½, −¼, 7/2): (½, 0, 7/2). The correct (½, −¼, 0) keeps the
    // active units 0 and 1 instead: unit 1's negative gradient is lost, and the inactive unit 2
    // gets a gradient.
    assert_eq!(g.h_a.as_slice(), &[0.5, 0.0, 3.5]);
    assert_eq!(g.b1, g.h_a);
}

#[test]
fn stray_input_factor_multiplies_by_x() {
    let g = grads_by_hand(one(Mistake::StrayInputFactor));
    // (q) x_j · Σ_k ∂L/∂h_a_k W1_kj = (1·0, 2·(−¼))
    assert_eq!(g.x.as_slice(), &[0.0, -0.5]);
    assert_eq!(g.w1, grads_by_hand(Mistakes::NONE).w1); // θ's gradient is untouched
}

#[test]
fn regularizer_mistakes() {
    let (params, ..) = by_hand();
    let right = grads_by_hand(Mistakes::NONE);
    // (r) + λW = + ½W instead of + W
    let g = grads_by_hand(one(Mistake::MissingFactorTwo));
    assert_eq!(g.w2_reg, &right.w2 + &params.w2 * 0.5);
    assert_eq!(g.b2_reg, right.b2);
    // biases penalised: + 2λb = + b. b1 = (1, 0, 0): (½ + 1, −¼, 0); b2 = (1, 1): (½, 3/2)
    let g = grads_by_hand(one(Mistake::PenalizedBiases));
    assert_eq!(g.b1_reg.as_slice(), &[1.5, -0.25, 0.0]);
    assert_eq!(g.b2_reg.as_slice(), &[0.5, 1.5]);
    assert_eq!(g.w1_reg, right.w1_reg);
    assert_eq!(g.regularized().b2, g.b2_reg);
    // both: + λb = + ½b → b2: (−½ + ½, ½ + ½)
    let both = one(Mistake::PenalizedBiases).with(Mistake::MissingFactorTwo, true);
    assert_eq!(grads_by_hand(both).b2_reg.as_slice(), &[0.0, 1.0]);
}

#[test]
fn unshifted_softmax_is_right_for_small_logits_and_overflows_for_large_ones() {
    // o_a = (4, 4): e⁴ / (2e⁴) = ½ exactly, L = ln 2 either way.
    let (params, x, y, _) = by_hand();
    let f = forward_with(&params, &x, y, one(Mistake::UnshiftedSoftmax)).unwrap();
    assert_eq!((f.o_s[0], f.loss), (0.5, 2f64.ln()));

    // Case 7: logits (66, 238, −807) and y = 2. e^238 is still finite, but o_s_2 = e^−807 / e^238
    // underflows to 0: L = −ln 0 = ∞ instead of 1045.13.
    let c = case(7);
    let bad = forward_with(&c.params(), &c.x(), c.y, one(Mistake::UnshiftedSoftmax)).unwrap();
    assert_eq!(bad.loss, f64::INFINITY);
    assert!((forward(&c.params(), &c.x(), c.y).unwrap().loss - 1045.129349230201).abs() < 1e-9);
    // Logits × 4 ≈ (265, 953, −3228): e^953 = ∞, so o_s_1 = ∞/∞ = NaN, o_s_2 = 0/∞ = 0 and
    // L = −ln 0 = ∞.
    let (params, x) = (huge_logits(), c.x());
    let bad = forward_with(&params, &x, c.y, one(Mistake::UnshiftedSoftmax)).unwrap();
    assert!(bad.o_s[1].is_nan() && bad.o_s[2] == 0.0);
    assert_eq!(bad.loss, f64::INFINITY);
    assert!(forward(&params, &x, c.y).unwrap().loss.is_finite());
}

/// Case 7 with W2 and b2 multiplied by 4, so the largest logit (≈ 953) overflows exp.
fn huge_logits() -> Params {
    let mut params = case(7).params();
    params.w2 *= 4.0;
    params.b2 *= 4.0;
    params
}

/// The groups (W1, b1, W2, b2, x) that pass the gradient check of `mistakes` on `case`.
fn passing_groups(params: &Params, case: &Case, mistakes: Mistakes) -> Vec<(Group, bool)> {
    let check = gradient_check_with(
        params,
        &case.x(),
        case.y,
        case.penalty(),
        DEFAULT_EPSILON,
        mistakes,
    )
    .unwrap();
    assert!(!check.max_rel_error().is_nan());
    check.all_groups().map(|g| (g.group, g.passes)).collect()
}

#[test]
fn the_gradient_check_catches_every_gradient_mistake() {
    use Group::{B1, B2, W1, W2, X};
    use Mistake::*;
    // (mistake, reference case, whether W1, b1, W2, b2, x pass)
    let expected = [
        // seed 1: d = d_h = m = 2, off-diagonal entries of both outer products are lost
        (ElementwiseOuter, 1, [false, true, false, true, true]),
        // ∂L/∂h_s wrong → ∂L/∂h_a, W1, b1 and ∂L/∂x wrong
        (ElementwiseMatVec, 1, [false, false, true, true, false]),
        // seed 1: both units active with negative ∂L/∂h_s, which (g + |g|)/2 zeroes
        (ReluPositiveGrad, 1, [false, false, true, true, false]),
        // only ∂L/∂x: the input check fails, every parameter passes
        (StrayInputFactor, 1, [true, true, true, true, false]),
        // seed 3: λ = 0.1
        (MissingFactorTwo, 3, [false, true, false, true, true]),
        (PenalizedBiases, 3, [true, false, true, false, true]),
    ];
    for (mistake, seed, passes) in expected {
        let case = case(seed);
        let got = passing_groups(&case.params(), &case, one(mistake));
        let want: Vec<(Group, bool)> = [W1, B1, W2, B2, X].into_iter().zip(passes).collect();
        assert_eq!(got, want, "{mistake:?} on case {seed}");
    }
    // With no mistake every group of every case passes.
    for case in cases() {
        let got = passing_groups(&case.params(), &case, Mistakes::NONE);
        assert!(got.iter().all(|&(_, p)| p), "case {}: {got:?}", case.seed);
    }
}

#[test]
fn an_overflowing_softmax_fails_the_check_with_an_infinite_error() {
    let c = case(7);
    let mistakes = one(Mistake::UnshiftedSoftmax);
    // Case 7 itself: o_s is still finite, so are the gradients: the check passes.
    assert!(passing_groups(&c.params(), &c, mistakes)
        .iter()
        .all(|g| g.1));
    // Logits × 4: NaN gradients. A NaN entry fails, with rel_error ∞ and no ratio.
    let params = huge_logits();
    let check = gradient_check_with(&params, &c.x(), c.y, Penalty::NONE, DEFAULT_EPSILON, mistakes).unwrap();
    assert!(!check.passes());
    assert_eq!(check.max_rel_error(), f64::INFINITY);
    let nan = check.all_groups().flat_map(|g| &g.entries);
    let nan: Vec<_> = nan.filter(|e| e.backprop.is_nan()).collect();
    assert!(!nan.is_empty());
    assert!(nan
        .iter()
        .all(|e| !e.passes() && e.rel_error == f64::INFINITY && e.ratio.is_none()));
    // The correct pass on the same network passes.
    let right = gradient_check_with(&params, &c.x(), c.y, Penalty::NONE, DEFAULT_EPSILON, Mistakes::NONE);
    assert!(right.unwrap().passes());
}

#[test]
fn an_overflowing_softmax_spreads_nan_only_where_the_sums_reach() {
    // by_hand() with b2_0 = 1000: o_a = (1003, 4), e^1003 = ∞, so o_s = (∞/∞, e⁴/∞) = (NaN, 0).
    let (mut params, x, _, _) = by_hand();
    params.b2[0] = 1000.0;
    let mistakes = one(Mistake::UnshiftedSoftmax);
    let f = forward_with(&params, &x, 0, mistakes).unwrap();
    assert!(f.o_s[0].is_nan() && f.o_s[1] == 0.0 && f.loss.is_nan()); // y = 0 overflows
    let f = forward_with(&params, &x, 1, mistakes).unwrap();
    assert_eq!(f.loss, f64::INFINITY); // y = 1 does not: L = −ln 0 = ∞, not NaN
    let g = backward_with(&params, &f, &x, 1, Penalty::NONE, mistakes);
    // ∂L/∂o_a = (NaN, 0 − 1): class 1's row of ∂W2 is −h_sᵀ = (−1, −2, 0), class 0's is NaN
    assert!(g.b2[0].is_nan() && g.b2[1] == -1.0);
    assert_eq!(
        g.w2.row(1).iter().copied().collect::<Vec<_>>(),
        [-1.0, -2.0, 0.0]
    );
    assert!(g.w2.row(0).iter().all(|v| v.is_nan()));
    // ∂L/∂h_s = W2ᵀ ∂L/∂o_a sums over the NaN; rect' keeps the active units 0 and 1 (NaN) and
    // gives the inactive unit 2 an exact 0.
    assert!(g.h_s.iter().all(|v| v.is_nan()));
    assert!(g.b1[0].is_nan() && g.b1[1].is_nan() && g.b1[2] == 0.0);
    assert_eq!(g.w1.row(2).iter().copied().collect::<Vec<_>>(), [0.0, 0.0]);
}

#[test]
fn gradient_ascent_passes_the_gradient_check_but_not_the_update_check() {
    let ascent = one(Mistake::GradientAscent);
    for case in cases() {
        let (params, x) = (case.params(), case.x());
        assert!(passing_groups(&params, &case, ascent).iter().all(|g| g.1));
        let eta = DEFAULT_UPDATE_ETA;
        let right = update_check(&params, &x, case.y, case.penalty(), eta, Mistakes::NONE).unwrap();
        let wrong = update_check(&params, &x, case.y, case.penalty(), eta, ascent).unwrap();
        assert!(
            right.decreased && right.passes(),
            "case {}: {right:?}",
            case.seed
        );
        assert!(!wrong.decreased, "case {}: {wrong:?}", case.seed);
        assert!(wrong.loss_after > wrong.loss_before);
        assert_eq!(wrong.loss_before, right.loss_before);
    }
    let (params, x, ..) = by_hand();
    assert!(update_check(&params, &x, 5, Penalty::NONE, 1e-3, ascent).is_err()); // y ≥ m
}

#[test]
fn keys_round_trip_for_every_subset() {
    for bits in 0u32..(1 << Mistake::ALL.len()) {
        let set: Mistakes = Mistake::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .map(|(_, m)| m)
            .collect();
        assert_eq!(set.iter().count(), bits.count_ones() as usize);
        assert_eq!(Mistakes::parse_keys(&set.to_keys()), Ok(set));
    }
    let keys: Vec<&str> = Mistake::ALL.iter().map(|m| m.key()).collect();
    assert_eq!(
        keys,
        [
            "ascent", "outer", "matvec", "relu", "input", "factor2", "biases", "softmax", "transpose", "sign",
            "wrongclass", "hsforha", "noreg", "relu_ge", "noupdate"
        ]
    );
    assert_eq!(Mistakes::parse_keys("outer,nope"), Err("nope".into()));
    assert_eq!(Mistake::ElementwiseOuter.letters(), "(j), (p)");
}

#[test]
fn the_mistakes_of_the_diagnosis_compute_their_formulas_by_hand() {
    let right = grads_by_hand(Mistakes::NONE);
    // (g) onehot(y) − o_s = (½, −½); the class after y = 0 is 1: o_s − onehot(1) = (½, −½) too.
    for m in [Mistake::SignSwapped, Mistake::WrongClass] {
        let g = grads_by_hand(one(m));
        assert_eq!(g.o_a.as_slice(), &[0.5, -0.5], "{m:?}");
        assert_eq!(g.w2, -&right.w2, "{m:?}: everything after (g) follows");
    }
    // (j) with h_a = (1, 2, −1) for h_s = (1, 2, 0): the inactive unit's column is −∂L/∂o_a.
    let g = grads_by_hand(one(Mistake::PreActivation));
    assert_eq!(g.w2.column(2).as_slice(), &[0.5, -0.5]);
    assert_eq!(g.w2.columns(0, 2), right.w2.columns(0, 2));
    assert_eq!((&g.h_s, &g.w1), (&right.h_s, &right.w1), "(l) onwards do not use ∂L/∂W2");
    // (r) without the penalty.
    let g = grads_by_hand(one(Mistake::NoPenalty));
    assert_eq!((&g.w1_reg, &g.w2_reg), (&right.w1, &right.w2));
    // No unit at h_a = 0 and no square weight matrix (m = 2, d_h = 3, d = 2): nothing changes.
    for m in [Mistake::ReluAtZero, Mistake::Transposed, Mistake::NoUpdate] {
        assert_eq!(grads_by_hand(one(m)), right, "{m:?}");
    }
}

#[test]
fn relu_at_zero_and_transposed_act_where_they_can() {
    // d = d_h = m = 2, x = 0 and b1 = (0, 1): h_a = (0, 1), the first unit sits at the kink.
    let params = Params::from_rows(
        &[vec![1.0, 2.0], vec![3.0, 4.0]],
        &[0.0, 1.0],
        &[vec![1.0, -1.0], vec![2.0, 0.5]],
        &[0.0, 0.0],
    )
    .unwrap();
    let x = DVector::from_column_slice(&[0.5, 0.0]);
    let x0 = DVector::from_column_slice(&[0.0, 0.0]);
    let fwd0 = forward(&params, &x0, 1).unwrap();
    assert_eq!(fwd0.h_a.as_slice(), &[0.0, 1.0]);
    let right = backward(&params, &fwd0, &x0, 1, Penalty::NONE);
    let at_zero = backward_with(&params, &fwd0, &x0, 1, Penalty::NONE, one(Mistake::ReluAtZero));
    assert_eq!(right.h_a[0], 0.0);
    assert_eq!(at_zero.h_a[0], right.h_s[0]);
    assert_ne!(at_zero.h_a[0], 0.0);
    // Square matrices: both weight gradients come out transposed.
    let fwd = forward(&params, &x, 1).unwrap();
    let right = backward(&params, &fwd, &x, 1, Penalty::weight_decay(0.1));
    let t = backward_with(&params, &fwd, &x, 1, Penalty::weight_decay(0.1), one(Mistake::Transposed));
    assert_eq!((t.w1.transpose(), t.w2.transpose()), (right.w1.clone(), right.w2.clone()));
    assert_ne!(t.w1, right.w1);
    assert_eq!(t.h_s, right.h_s);
}

#[test]
fn the_mistakes_of_r_still_fail_with_the_full_penalty() {
    // Each autodiff case of the full penalty with an L2 term on W1 (l12 > 0) or L1 (l11 > 0):
    // the three mistakes of (r) give a wrong ∂R̃/∂W1 (or ∂R̃/∂b1) and fail the check there.
    let mut checked = 0;
    for case in cases().into_iter().filter(|c| c.l11.is_some()) {
        let (params, penalty) = (case.params(), case.penalty());
        let layer1 = penalty.w1;
        let far_from_zero = params.w1.iter().any(|w| w.abs() > 1e-2);
        let fails = |mistake: Mistake, group: Group| {
            let groups = passing_groups(&params, &case, one(mistake));
            groups.iter().any(|&(g, passes)| g == group && !passes)
        };
        if layer1.l2 > 0.0 && far_from_zero {
            assert!(fails(Mistake::MissingFactorTwo, Group::W1), "case {}: + λ₁₂W instead of 2λ₁₂W", case.seed);
        }
        if (layer1.l1 > 0.0 || layer1.l2 > 0.0) && far_from_zero {
            assert!(fails(Mistake::NoPenalty, Group::W1), "case {}: no penalty", case.seed);
            checked += 1;
        }
        if (layer1.l1 > 0.0 || layer1.l2 > 0.0) && params.b1.iter().any(|b| b.abs() > 1e-2) {
            assert!(fails(Mistake::PenalizedBiases, Group::B1), "case {}: penalized biases", case.seed);
        }
        // and without a mistake every group passes, kinks included
        assert!(passing_groups(&params, &case, Mistakes::NONE).iter().all(|g| g.1), "case {}", case.seed);
    }
    assert!(checked >= 5, "{checked}");
}
