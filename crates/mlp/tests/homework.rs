//! The diagnosis of a student's own values ("check my homework"): values produced by the math
//! crate with each known mistake on (and with pairs of them), rounded as a student prints them
//! or at full precision, are diagnosed with the right first wrong step and the mistake; correct
//! values are all right; a slip in one entry is wrong, unexplained, and the steps computed from
//! it are "right given your values"; hostile text is refused with a reason.

use mlp::Penalty;
use std::fmt::Write;

use mlp::backward::step;
use mlp::homework::{check_text, check_value, diagnose, parse_answers, parse_values, Diagnosis, Dims, Quantity, Verdict};
use mlp::json;
use mlp::{backward_with, forward_with, sgd_update, Case, Mistake, Mistakes, Params};
use nalgebra::{DMatrix, DVector};
mod fixture;

const ETA: f64 = 0.1;

/// The reference cases, and seeded random ones with biases and λ > 0 (some with square weight
/// matrices, one with a unit exactly at h_a = 0).
fn all_cases() -> Vec<Case> {
    let mut cases: Vec<Case> = fixture::cases()
        .iter()
        .map(|c| Case { params: c.params(), x: c.x(), y: c.y, penalty: c.penalty() })
        .collect();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    };
    for (d, d_h, m) in [(2, 3, 2), (2, 2, 2), (3, 3, 3), (2, 4, 3), (3, 2, 2), (4, 4, 4), (2, 5, 3)] {
        for y in 0..m.min(2) {
            let rows = |r: usize, c: usize, next: &mut dyn FnMut() -> f64| (0..r).map(|_| (0..c).map(|_| next()).collect()).collect::<Vec<Vec<f64>>>();
            let w1 = rows(d_h, d, &mut next);
            let b1: Vec<f64> = (0..d_h).map(|_| next() * 0.5).collect();
            let w2 = rows(m, d_h, &mut next);
            let b2: Vec<f64> = (0..m).map(|_| next() * 0.5).collect();
            let x: Vec<f64> = (0..d).map(|_| next() * 2.0).collect();
            let params = Params::from_rows(&w1, &b1, &w2, &b2).unwrap();
            cases.push(Case { params, x: DVector::from_vec(x), y, penalty: Penalty::weight_decay(0.05) });
        }
    }
    // x = 0 and b1 = (0, 0.5, −0.5): the first unit sits exactly at the kink.
    let params = Params::from_rows(
        &[vec![0.3, -0.7], vec![0.9, 0.2], vec![-0.4, 0.6]],
        &[0.0, 0.5, -0.5],
        &[vec![0.8, -0.6, 0.1], vec![-0.5, 0.7, 0.4]],
        &[0.1, -0.1],
    )
    .unwrap();
    cases.push(Case { params, x: DVector::zeros(2), y: 1, penalty: Penalty::weight_decay(0.05) });
    // Logits far beyond ±709: the softmax without its shift overflows.
    let params = Params::from_rows(&[vec![1.0, 1.0], vec![-1.0, 0.5]], &[0.0, 0.0], &[vec![1.0, 0.0], vec![0.0, 0.0]], &[0.0, 0.0]).unwrap();
    cases.push(Case { params, x: DVector::from_column_slice(&[500.0, 500.0]), y: 1, penalty: Penalty::weight_decay(0.01) });
    cases
}

/// Every value of the walk as the math crate computes it with `mistakes` on, in the order of
/// [`Quantity::ALL`].
fn walk(case: &Case, mistakes: Mistakes) -> Vec<(Quantity, DMatrix<f64>)> {
    use Quantity as Q;
    let (p, x, y, penalty) = (&case.params, &case.x, case.y, case.penalty);
    let fwd = forward_with(p, x, y, mistakes).unwrap();
    let g = backward_with(p, &fwd, x, y, penalty, mistakes);
    let mut updated = p.clone();
    // (f) as the homework writes it, θ − η ∇R̃: with no penalty given, the plain step (the
    // trainer's L1 proximal step is not the homework's formula).
    sgd_update(&mut updated, &g.regularized(), ETA, Penalty::NONE, mistakes);
    let col = |v: &DVector<f64>| DMatrix::from_column_slice(v.len(), 1, v.as_slice());
    let scalar = |v: f64| DMatrix::from_element(1, 1, v);
    let penalty = if mistakes.contains(Mistake::NoPenalty) { 0.0 } else { penalty.value(p) };
    vec![
        (Q::HiddenActivation, col(&fwd.h_a)),
        (Q::HiddenOutput, col(&fwd.h_s)),
        (Q::OutputActivation, col(&fwd.o_a)),
        (Q::Softmax, col(&fwd.o_s)),
        (Q::Loss, scalar(fwd.loss)),
        (Q::GradOutputActivation, col(&g.o_a)),
        (Q::GradW2, g.w2.clone()),
        (Q::GradB2, col(&g.b2)),
        (Q::GradHiddenOutput, col(&g.h_s)),
        (Q::GradHiddenActivation, col(&g.h_a)),
        (Q::GradW1, g.w1.clone()),
        (Q::GradB1, col(&g.b1)),
        (Q::GradInput, col(&g.x)),
        (Q::RegularizedLoss, scalar(fwd.loss + penalty)),
        (Q::RegW1, g.w1_reg.clone()),
        (Q::RegB1, col(&g.b1_reg)),
        (Q::RegW2, g.w2_reg.clone()),
        (Q::RegB2, col(&g.b2_reg)),
        (Q::NewW1, updated.w1.clone()),
        (Q::NewB1, col(&updated.b1)),
        (Q::NewW2, updated.w2.clone()),
        (Q::NewB2, col(&updated.b2)),
    ]
}

fn number(out: &mut String, v: f64, digits: Option<usize>) {
    match (v.is_finite(), digits) {
        (false, _) => out.push_str("null"),
        (true, Some(d)) => {
            let _ = write!(out, "{v:.d$}");
        }
        (true, None) => {
            let _ = write!(out, "{v:?}");
        }
    }
}

fn list(out: &mut String, values: impl Iterator<Item = f64>, digits: Option<usize>) {
    out.push('[');
    for (i, v) in values.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        number(out, v, digits);
    }
    out.push(']');
}

fn matrix(out: &mut String, m: &DMatrix<f64>, digits: Option<usize>, vector: bool) {
    if vector {
        return list(out, m.iter().copied(), digits);
    }
    out.push('[');
    for (i, row) in m.row_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        list(out, row.iter().copied(), digits);
    }
    out.push(']');
}

/// The answers JSON: the case at full precision, then `values` written with `digits` decimals
/// (all of them when `None`).
fn answers_json(case: &Case, values: &[(Quantity, DMatrix<f64>)], digits: Option<usize>) -> String {
    let mut out = String::from("{");
    let _ = write!(out, "{}, \"y\": {}, \"eta\": {ETA:?}, \"x\": ", penalty_keys(case.penalty), case.y);
    list(&mut out, case.x.iter().copied(), None);
    out.push_str(", \"params\": {\"W1\": ");
    matrix(&mut out, &case.params.w1, None, false);
    out.push_str(", \"b1\": ");
    list(&mut out, case.params.b1.iter().copied(), None);
    out.push_str(", \"W2\": ");
    matrix(&mut out, &case.params.w2, None, false);
    out.push_str(", \"b2\": ");
    list(&mut out, case.params.b2.iter().copied(), None);
    out.push('}');
    for section in ["forward", "gradients", "regularized_gradients", "updated_params"] {
        let _ = write!(out, ", \"{section}\": {{");
        let mut first = true;
        for (q, v) in values.iter().filter(|(q, _)| q.path().0 == section) {
            let _ = write!(out, "{}\"{}\": ", if first { "" } else { ", " }, q.path().1);
            first = false;
            let dims = q.dims(case.shape());
            let is_vector = matches!(dims, Dims::Vector(_));
            if dims == Dims::Scalar {
                number(&mut out, v[0], digits);
            } else {
                matrix(&mut out, v, digits, is_vector);
            }
        }
        out.push('}');
    }
    out.push('}');
    out
}

fn diagnosis(case: &Case, values: &[(Quantity, DMatrix<f64>)], digits: Option<usize>) -> Diagnosis {
    let text = answers_json(case, values, digits);
    let answers = parse_answers(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    assert_eq!(answers.given.len(), values.len());
    diagnose(&answers).unwrap()
}

/// The quantities whose value with `mistakes` differs from the one with `other` by more than
/// `by` somewhere (a non-number against a number counts).
fn visible(case: &Case, mistakes: Mistakes, other: Mistakes, by: f64) -> Vec<Quantity> {
    let right = walk(case, other);
    walk(case, mistakes)
        .into_iter()
        .zip(right)
        .filter(|((_, a), (_, b))| a.shape() != b.shape() || a.iter().zip(b.iter()).any(|(u, v)| !(u.is_finite() && v.is_finite() && (u - v).abs() <= by) && (u.is_finite() || v.is_finite())))
        .map(|((q, _), _)| q)
        .collect()
}

fn summary(d: &Diagnosis) -> String {
    d.judged
        .iter()
        .filter(|j| j.verdict != Verdict::NotGiven)
        .map(|j| format!("{}:{:?}{:?}", j.quantity.dotted(), j.verdict, j.explained_by.iter().map(|m| m.to_keys()).collect::<Vec<_>>()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks the diagnosis of the values computed with `mistakes` on a case where each of them is
/// visible at 4 decimals, rounded to 4 decimals and at full precision.
fn check_mistakes(mistakes: Mistakes) {
    check_mistakes_on(mistakes, true);
}

fn check_mistakes_on(mistakes: Mistakes, through_the_page: bool) {
    let cases = all_cases();
    // Each mistake shows: switching it off changes some value.
    let case = cases
        .iter()
        .find(|c| mistakes.iter().all(|m| !visible(c, mistakes, mistakes.with(m, false), 1e-3).is_empty()))
        .unwrap_or_else(|| panic!("no case shows each of {}", mistakes.to_keys()));
    let first_visible = visible(case, mistakes, Mistakes::NONE, 1e-3)[0];
    for digits in [Some(4), None] {
        let d = diagnosis(case, &walk(case, mistakes), digits);
        let context = format!("{} at {digits:?}:\n{}", mistakes.to_keys(), summary(&d));
        let first = d.first_wrong().unwrap_or_else(|| panic!("nothing wrong: {context}"));
        assert_eq!(first.quantity, first_visible, "{context}");
        assert!(first.explained_by.iter().any(|set| set.iter().all(|m| mistakes.contains(m))), "{context}");
        assert!(mistakes.iter().all(|m| d.mistakes().contains(m)), "{context}");
        for j in d.judged.iter().filter(|j| j.verdict == Verdict::Wrong) {
            assert!(!j.explained_by.is_empty(), "{:?} unexplained: {context}", j.quantity);
        }
        if through_the_page {
            through_the_page_s_calls(case, mistakes, first.quantity, digits, &context);
        }
    }
}

/// What the page does with the same values: the whole JSON through `check_text` (a paste or a
/// `homework=` link, which the page decodes to the same text), and the first wrong quantity alone,
/// as numpy prints it, through `check_value` (a card's box); the answers name the same step and
/// mistakes.
fn through_the_page_s_calls(case: &Case, mistakes: Mistakes, first: Quantity, digits: Option<usize>, context: &str) {
    let values = walk(case, mistakes);
    let answer = json::parse(&check_text(&answers_json(case, &values, digits))).expect("the answer is JSON");
    assert_eq!(answer.get("first_wrong").and_then(|v| match v { json::Value::String(s) => Some(s.as_str()), _ => None }), Some(first.step_key()), "{context}");
    let named: Vec<String> = match answer.get("mistakes").and_then(json::Value::as_array) {
        Some(keys) => keys.iter().filter_map(|k| match k { json::Value::String(s) => Some(s.clone()), _ => None }).collect(),
        None => vec![],
    };
    assert!(mistakes.iter().all(|m| named.iter().any(|k| k == m.key())), "{context}: {named:?}");
    // The card: only updated values need η, which a card does not take.
    if first.path().0 == "updated_params" || first == Quantity::RegularizedLoss {
        return;
    }
    let value = &values.iter().find(|(q, _)| *q == first).expect("a value").1;
    let printed = numpy(value, digits);
    let mut input = String::new();
    let _ = write!(input, "{{{}, \"y\": {}, \"x\": ", penalty_keys(case.penalty), case.y);
    list(&mut input, case.x.iter().copied(), None);
    input.push_str(", \"params\": {\"W1\": ");
    matrix(&mut input, &case.params.w1, None, false);
    input.push_str(", \"b1\": ");
    list(&mut input, case.params.b1.iter().copied(), None);
    input.push_str(", \"W2\": ");
    matrix(&mut input, &case.params.w2, None, false);
    input.push_str(", \"b2\": ");
    list(&mut input, case.params.b2.iter().copied(), None);
    input.push_str("}}");
    let card = json::parse(&check_value(&input, &first.dotted(), &printed)).expect("the answer is JSON");
    let item = card.get("quantities").and_then(|q| q.get(&first.dotted())).expect("the card's quantity");
    assert_eq!(item.get("verdict"), Some(&json::Value::String("wrong".into())), "{context}: {printed}");
    let explained: Vec<String> = match item.get("explained_by").and_then(json::Value::as_array) {
        Some(keys) => keys.iter().filter_map(|k| match k { json::Value::String(s) => Some(s.clone()), _ => None }).collect(),
        None => vec![],
    };
    assert!(!explained.is_empty() && explained.iter().all(|k| mistakes.iter().any(|m| m.key() == k)), "{context}: {printed} {explained:?}");
}

/// A value as numpy prints it: `array([…])` or `array([[…], […]])`, `nan` for a non-number.
fn numpy(m: &DMatrix<f64>, digits: Option<usize>) -> String {
    let one = |v: f64| match (v.is_finite(), digits) {
        (false, _) => "nan".to_string(),
        (true, Some(d)) => format!("{v:.d$}"),
        (true, None) => format!("{v:?}"),
    };
    let row = |r: Vec<f64>| format!("[{}]", r.into_iter().map(one).collect::<Vec<_>>().join(", "));
    if m.ncols() == 1 {
        return if m.len() == 1 { one(m[0]) } else { format!("array({})", row(m.iter().copied().collect())) };
    }
    let rows: Vec<String> = m.row_iter().map(|r| row(r.iter().copied().collect())).collect();
    format!("array([{}])", rows.join(",\n       "))
}

#[test]
fn every_mistake_is_found_where_it_first_shows_and_named() {
    for m in Mistake::ALL {
        check_mistakes(m.into());
    }
}

#[test]
fn twenty_pairs_of_mistakes_are_both_named() {
    use Mistake::*;
    let pairs = [
        (ElementwiseOuter, ReluPositiveGrad),
        (ElementwiseOuter, StrayInputFactor),
        (ReluPositiveGrad, StrayInputFactor),
        (ElementwiseOuter, GradientAscent),
        (ElementwiseMatVec, MissingFactorTwo),
        (ReluPositiveGrad, MissingFactorTwo),
        (MissingFactorTwo, PenalizedBiases),
        (SignSwapped, ElementwiseOuter),
        (WrongClass, ReluPositiveGrad),
        (SignSwapped, WrongClass),
        (PreActivation, ReluPositiveGrad),
        (NoPenalty, GradientAscent),
        (ElementwiseMatVec, StrayInputFactor),
        (ReluPositiveGrad, NoUpdate),
        (ElementwiseOuter, PenalizedBiases),
        (SignSwapped, MissingFactorTwo),
        (WrongClass, StrayInputFactor),
        (PreActivation, ElementwiseMatVec),
        (StrayInputFactor, GradientAscent),
        (Transposed, ReluPositiveGrad),
    ];
    for (a, b) in pairs {
        check_mistakes(Mistakes::from(a).with(b, true));
    }
}

#[test]
fn correct_values_rounded_to_four_decimals_are_all_right() {
    for case in all_cases() {
        for digits in [Some(4), Some(6), None] {
            let d = diagnosis(&case, &walk(&case, Mistakes::NONE), digits);
            let right = d.judged.iter().all(|j| j.verdict == Verdict::Right);
            assert!(right, "{digits:?} {:?}\n{}\n{:?}", case.x, summary(&d), d.get(Quantity::Loss));
            assert!(d.first_wrong().is_none() && d.mistakes().is_empty());
        }
    }
}

#[test]
fn a_slip_in_one_entry_is_wrong_unexplained_and_the_next_steps_follow_it() {
    let cases = all_cases();
    let mut checked = 0;
    for (n, case) in cases.iter().enumerate() {
        let mut values = walk(case, Mistakes::NONE);
        // A slip in ∂L/∂hˢ at an active unit, the later steps computed from it as a student would.
        let fwd = forward_with(&case.params, &case.x, case.y, Mistakes::NONE).unwrap();
        // (a unit whose W1 row is not all 0, else ∂L/∂x would not see the slip)
        let moves_x = |k: usize| case.params.w1.row(k).iter().any(|w| w.abs() > 1e-2);
        let Some(k) = (0..fwd.h_a.len()).rev().find(|&k| fwd.h_a[k] > 1e-3 && moves_x(k) && case.x.iter().any(|v| v.abs() > 1e-2)) else { continue };
        let slip = 0.25 + 0.125 * n as f64;
        let mut h_s = DVector::from_column_slice(values[8].1.as_slice());
        h_s[k] += slip;
        let h_a = step::hidden_activation(&h_s, &fwd.h_a, Mistakes::NONE);
        let w1 = step::weights1(&h_a, &case.x, Mistakes::NONE);
        let reg_w1 = step::penalized_weights(&w1, &case.params.w1, case.penalty.w1, Mistakes::NONE);
        let col = |v: &DVector<f64>| DMatrix::from_column_slice(v.len(), 1, v.as_slice());
        let mut new_w1 = case.params.w1.clone();
        new_w1 -= &reg_w1 * ETA;
        let new_b1 = col(&(&case.params.b1 - &h_a * ETA));
        for (q, v) in values.iter_mut() {
            *v = match q {
                Quantity::GradHiddenOutput => col(&h_s),
                Quantity::GradHiddenActivation | Quantity::GradB1 | Quantity::RegB1 => col(&h_a),
                Quantity::GradW1 => w1.clone(),
                Quantity::GradInput => col(&case.params.w1.tr_mul(&h_a)),
                Quantity::RegW1 => reg_w1.clone(),
                Quantity::NewW1 => new_w1.clone(),
                Quantity::NewB1 => new_b1.clone(),
                _ => v.clone(),
            };
        }
        let d = diagnosis(case, &values, Some(4));
        let context = summary(&d);
        let first = d.first_wrong().expect("the slip is wrong");
        assert_eq!(first.quantity, Quantity::GradHiddenOutput, "{context}");
        assert_eq!(first.wrong_entries, [(k, 0)], "{context}");
        assert!(first.explained_by.is_empty(), "{context}");
        assert!((first.max_abs_error - slip).abs() < 1e-4, "{context}");
        for q in [Quantity::GradHiddenActivation, Quantity::GradW1, Quantity::GradB1, Quantity::GradInput, Quantity::RegW1, Quantity::NewW1] {
            assert_eq!(d.get(q).map(|j| j.verdict), Some(Verdict::RightGivenYours), "{q:?}: {context}");
        }
        assert_eq!(d.judged.iter().filter(|j| j.verdict == Verdict::Wrong).count(), 1, "{context}");
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
}

#[test]
fn shapes_that_do_not_fit_say_so_and_a_transpose_is_recognised() {
    // Case seed 2: d = 2, d_h = 3, m = 2. ∂L/∂W2 written d_h × m (np.outer(hs, grad_oa)).
    let case = all_cases().swap_remove(1);
    let mut values = walk(&case, Mistakes::NONE);
    values[6].1 = values[6].1.transpose();
    values[10].1 = DMatrix::zeros(1, 6);
    values.truncate(12);
    let d = diagnosis(&case, &values, Some(4));
    let w2 = d.get(Quantity::GradW2).unwrap();
    assert_eq!(w2.verdict, Verdict::Wrong);
    let shape = w2.shape.expect("a shape mismatch");
    assert_eq!((shape.expected, shape.given, shape.transposed), ((2, 3), (3, 2), true));
    assert_eq!(w2.explained_by, [Mistakes::from(Mistake::Transposed)]);
    let w1 = d.get(Quantity::GradW1).unwrap();
    let shape = w1.shape.expect("a shape mismatch");
    assert_eq!((shape.expected, shape.given, shape.transposed), ((3, 2), (1, 6), false));
    assert_eq!(d.first_wrong().map(|j| j.quantity), Some(Quantity::GradW2));
    // Not given: never an error.
    assert_eq!(d.get(Quantity::NewW1).map(|j| j.verdict), Some(Verdict::NotGiven));
}

#[test]
fn the_numpy_box_reads_a_value_as_numpy_prints_it() {
    let case = all_cases().swap_remove(1);
    let values = walk(&case, Mistake::ElementwiseOuter.into());
    let w2 = &values[6].1;
    let printed = format!("array([[{:.4}, {:.4}, {:.4}],\n       [{:.4}, {:.4}, {:.4}]])", w2[(0, 0)], w2[(0, 1)], w2[(0, 2)], w2[(1, 0)], w2[(1, 1)], w2[(1, 2)]);
    let given = parse_values(&printed, 6).unwrap();
    assert_eq!((given.rows, given.cols), (2, 3));
    let french = printed.replace('.', ",").replace(", ", " ").replace("array(", "").replace(')', "");
    assert_eq!(parse_values(&french, 6).unwrap().values, given.values);
}

mod hostile {
    use super::*;
    use proptest::prelude::*;

    /// Case seed 2 with `section` holding `value` (any JSON text).
    fn with_value(section: &str, key: &str, value: &str) -> String {
        let case = all_cases().swap_remove(1);
        let text = answers_json(&case, &[], None);
        text.replace(&format!("\"{section}\": {{}}"), &format!("\"{section}\": {{\"{key}\": {value}}}"))
    }

    #[test]
    fn garbage_values_are_refused_with_a_reason_or_judged() {
        for value in ["\"0.5\"", "true", "{}", "[[1, 2], [3]]", "[[[1]]]", "[1, [2]]", "[\"a\"]"] {
            let text = with_value("gradients", "W2", value);
            assert!(parse_answers(&text).is_err(), "{value}: {text}");
        }
        for value in ["[]", "[[]]", "null", "0", "[null, null]", "1e308", "[[1e-320, -0.0, 0]]"] {
            let text = with_value("gradients", "W2", value);
            let answers = parse_answers(&text).unwrap_or_else(|e| panic!("{value}: {e:?}"));
            let d = diagnose(&answers).unwrap();
            assert_eq!(d.get(Quantity::GradW2).map(|j| j.verdict), Some(Verdict::Wrong), "{value}");
        }
        let no_eta = with_value("updated_params", "W1", "[[0, 0], [0, 0], [0, 0]]").replace("\"eta\": 0.1, ", "");
        assert_eq!(parse_answers(&no_eta).err(), Some(mlp::homework::AnswersError::EtaMissing), "{no_eta}");
        assert!(parse_answers(&with_value("forward", "loss", "0.5").replace("\"eta\": 0.1", "\"eta\": -1")).is_err());
        assert!(parse_answers(&answers_json(&all_cases()[1], &[], None).replace("\"forward\": {}", "\"forward\": 3")).is_err());
        // A million numbers in the box: refused, quickly.
        let many = "0.5 ".repeat(1_000_000);
        assert_eq!(parse_values(&many, 6), Err(mlp::homework::TextProblem::TooMany));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_text_in_the_numpy_box_is_read_or_refused(text in "\\PC{0,60}", expected in 0usize..8) {
            let _ = parse_values(&text, expected);
        }

        #[test]
        fn numpy_like_text_is_read_or_refused(text in "[\\[\\]0-9eE.,;+\\- \\nnaif()arytd=]{0,60}", expected in 0usize..8) {
            if let Ok(g) = parse_values(&text, expected) {
                prop_assert_eq!(g.values.len(), g.half_units.len());
                prop_assert_eq!(g.values.len(), if g.layout == mlp::homework::Layout::Rows { g.rows * g.cols } else { g.cols });
            }
        }

        #[test]
        fn any_value_in_any_section_is_refused_or_judged(
            section in prop::sample::select(vec!["forward", "gradients", "regularized_gradients", "updated_params"]),
            key in prop::sample::select(vec!["h_a", "o_s", "loss", "W1", "b2", "x", "o_a"]),
            value in "[\\[\\]0-9e.,\\- nul]{0,30}",
        ) {
            if let Ok(answers) = parse_answers(&with_value(section, key, &value)) {
                let d = diagnose(&answers);
                prop_assert!(d.is_ok());
            }
        }
    }
}

/// The penalty as the case JSON's keys: `"l11": …, "l12": …, "l21": …, "l22": …`.
fn penalty_keys(penalty: Penalty) -> String {
    let keys: Vec<String> = mlp::Coefficient::ALL.iter().map(|&c| format!("\"{}\": {:?}", c.key(), penalty.get(c))).collect();
    keys.join(", ")
}
