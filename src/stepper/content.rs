//! What each step shows besides its numbers: the equation in matrix and scalar form (MathML,
//! in the course's notation), the correct numpy line, and which quantities it reads and writes.

use super::quantity::Quantity as Q;
use super::steps::Step;
use mlp::{Mistake, Mistakes, Penalty, UpdateRule};
use crate::mathml::{act, act_at, b, b_at, dl, dr, frac, mi, mn, mo, row, sub, tilde_r, transpose, under, w, w_at};

/// The quantities a step reads (operands) and writes (results), in display order.
pub fn operands(step: Step) -> (&'static [Q], &'static [Q]) {
    match step {
        Step::HiddenActivation => (&[Q::W1, Q::X, Q::B1], &[Q::HiddenActivation]),
        Step::HiddenOutput => (&[Q::HiddenActivation], &[Q::HiddenOutput]),
        Step::OutputActivation => (&[Q::W2, Q::HiddenOutput, Q::B2], &[Q::OutputActivation]),
        Step::Softmax => (&[Q::OutputActivation], &[Q::Softmax]),
        Step::Loss => (&[Q::Softmax], &[Q::Loss]),
        Step::GradOutputActivation => (&[Q::Softmax, Q::OneHot], &[Q::GradOutputActivation]),
        Step::GradW2 => (&[Q::GradOutputActivation, Q::HiddenOutput], &[Q::GradW2]),
        Step::GradB2 => (&[Q::GradOutputActivation], &[Q::GradB2]),
        Step::GradHiddenOutput => (&[Q::W2, Q::GradOutputActivation], &[Q::GradHiddenOutput]),
        Step::GradHiddenActivation => (&[Q::GradHiddenOutput, Q::ReluMask], &[Q::GradHiddenActivation]),
        Step::GradW1 => (&[Q::GradHiddenActivation, Q::X], &[Q::GradW1]),
        Step::GradB1 => (&[Q::GradHiddenActivation], &[Q::GradB1]),
        Step::GradInput => (&[Q::W1, Q::GradHiddenActivation], &[Q::GradX]),
        Step::RegW1 => (&[Q::GradW1, Q::W1], &[Q::RegW1]),
        Step::RegW2 => (&[Q::GradW2, Q::W2], &[Q::RegW2]),
        Step::Update => (&[Q::RegW1, Q::RegB1, Q::RegW2, Q::RegB2], &[Q::NewW1, Q::NewB1, Q::NewW2, Q::NewB2]),
    }
}

/// The steps a mistake changes.
pub fn steps_altered_by(mistake: Mistake) -> &'static [Step] {
    match mistake {
        Mistake::GradientAscent => &[Step::Update],
        Mistake::ElementwiseOuter => &[Step::GradW2, Step::GradW1],
        Mistake::ElementwiseMatVec => &[Step::GradHiddenOutput],
        Mistake::ReluPositiveGrad => &[Step::GradHiddenActivation],
        Mistake::StrayInputFactor => &[Step::GradInput],
        Mistake::MissingFactorTwo => &[Step::RegW1, Step::RegW2],
        Mistake::PenalizedBiases => &[Step::Update],
        Mistake::UnshiftedSoftmax => &[Step::Softmax, Step::Loss],
        Mistake::Transposed => &[Step::GradW2, Step::GradW1],
        Mistake::SignSwapped | Mistake::WrongClass => &[Step::GradOutputActivation],
        Mistake::PreActivation => &[Step::GradW2],
        Mistake::NoPenalty => &[Step::RegW1, Step::RegW2],
        Mistake::ReluAtZero => &[Step::GradHiddenActivation],
        Mistake::NoUpdate => &[Step::Update],
    }
}

/// The mistakes switched on that change `step`.
pub fn mistakes_altering(step: Step, mistakes: Mistakes) -> Vec<Mistake> {
    mistakes.iter().filter(|m| steps_altered_by(*m).contains(&step)).collect()
}

/// The correct numpy line(s) for the step, with the course's variable names; (r) and (f) as
/// the penalty makes them (the course's `lam`, or the four coefficients).
pub fn numpy(step: Step, penalty: &Penalty) -> &'static str {
    let full = penalty.as_weight_decay().is_none();
    match step {
        Step::RegW1 if full => "grad_W1 += l11 * np.sign(W1) + 2 * l12 * W1",
        Step::RegW2 if full => "grad_W2 += l21 * np.sign(W2) + 2 * l22 * W2",
        Step::Update if penalty.has_l1() => {
            "# the L1 term as a step that stops at 0 (soft thresholding)
             u = W1 - eta * (grad_W1 - l11 * np.sign(W1))
             W1 = np.sign(u) * np.maximum(np.abs(u) - eta * l11, 0)
             b1 -= eta * grad_b1
             u = W2 - eta * (grad_W2 - l21 * np.sign(W2))
             W2 = np.sign(u) * np.maximum(np.abs(u) - eta * l21, 0)
             b2 -= eta * grad_b2"
        }
        Step::HiddenActivation => "ha = W1 @ x + b1",
        Step::HiddenOutput => "hs = np.maximum(0, ha)",
        Step::OutputActivation => "oa = W2 @ hs + b2",
        Step::Softmax => "e = np.exp(oa - oa.max())\nos = e / e.sum()",
        Step::Loss => "loss = -oa[y] + oa.max() + np.log(np.exp(oa - oa.max()).sum())",
        Step::GradOutputActivation => "grad_oa = os.copy()\ngrad_oa[y] -= 1",
        Step::GradW2 => "grad_W2 = np.outer(grad_oa, hs)",
        Step::GradB2 => "grad_b2 = grad_oa",
        Step::GradHiddenOutput => "grad_hs = W2.T @ grad_oa",
        Step::GradHiddenActivation => "grad_ha = grad_hs * (ha > 0)",
        Step::GradW1 => "grad_W1 = np.outer(grad_ha, x)",
        Step::GradB1 => "grad_b1 = grad_ha",
        Step::GradInput => "grad_x = W1.T @ grad_ha",
        Step::RegW1 => "grad_W1 += 2 * lam * W1",
        Step::RegW2 => "grad_W2 += 2 * lam * W2",
        Step::Update => "W1 -= eta * grad_W1\nb1 -= eta * grad_b1\nW2 -= eta * grad_W2\nb2 -= eta * grad_b2",
    }
}

/// The penalty's terms of (r) after ∂L/∂W, for `layer`'s weight `weight` (a matrix or an
/// entry): the course's `+ 2λW` for a weight decay, else both terms with the homework's
/// coefficients, `+ λ₁₁ sign(W⁽¹⁾) + 2λ₁₂ W⁽¹⁾`.
pub fn penalty_terms(layer: u8, penalty: &Penalty, weight: &str) -> Vec<String> {
    if penalty.as_weight_decay().is_some() {
        return vec![mo("+"), mn("2"), mi("λ"), weight.to_owned()];
    }
    let lambda = |kind: u8| sub(&mi("λ"), &mn(&format!("{layer}{kind}")));
    vec![mo("+"), lambda(1), fun("sign", weight), mo("+"), mn("2"), lambda(2), weight.to_owned()]
}

/// Step (f) for a rule other than SGD: its equations in matrix form and for one scalar θ (MathML
/// content, one equation a line), and its numpy lines; `None` for SGD, which the other forms
/// write.
pub fn rule_forms(rule: UpdateRule) -> Option<(Vec<String>, Vec<String>, &'static str)> {
    let (g, g_scalar) = (row(&[sub(&mo("∇"), &mi("θ")), tilde_r()]), crate::mathml::partial(&tilde_r(), &mi("θ")));
    let sup = |base: &str, power: &str| crate::mathml::sup(base, &mn(power));
    let lines = |g: &str| -> Vec<String> {
        let arrow = mo("←");
        let velocity = row(&[mi("v"), arrow.clone(), mi("β"), mi("v"), mo("+"), g.to_owned()]);
        match rule {
            UpdateRule::Sgd => Vec::new(),
            UpdateRule::Momentum { .. } => vec![velocity, row(&[mi("θ"), arrow, mi("θ"), mo("−"), mi("η"), mi("v")])],
            UpdateRule::Nesterov { .. } => vec![
                velocity,
                row(&[mi("θ"), arrow, mi("θ"), mo("−"), mi("η"), mo("("), g.to_owned(), mo("+"), mi("β"), mi("v"), mo(")")]),
            ],
            UpdateRule::Adam { .. } => {
                let beta = |i: &str| sub(&mi("β"), &mn(i));
                let one_minus = |i: &str| row(&[mo("("), mn("1"), mo("−"), beta(i), mo(")")]);
                let hat = |name: &str| crate::mathml::over(&mi(name), &mo("^"));
                let unbiased = |name: &str, i: &str| {
                    let den = row(&[mn("1"), mo("−"), crate::mathml::sup(&beta(i), &mi("t"))]);
                    row(&[hat(name), mo("="), frac(&mi(name), &den)])
                };
                vec![
                    row(&[mi("m"), arrow.clone(), beta("1"), mi("m"), mo("+"), one_minus("1"), g.to_owned()]),
                    row(&[mi("s"), arrow.clone(), beta("2"), mi("s"), mo("+"), one_minus("2"), sup(&paren_plain(g), "2")]),
                    row(&[unbiased("m", "1"), mo(","), mspace(), unbiased("s", "2")]),
                    row(&[mi("θ"), arrow, mi("θ"), mo("−"), mi("η"), frac(&hat("m"), &row(&[crate::mathml::sqrt(&hat("s")), mo("+"), mi("ε")]))]),
                ]
            }
        }
    };
    let numpy = match rule {
        UpdateRule::Sgd => return None,
        UpdateRule::Momentum { .. } => "v = beta * v + grad   # for each of W1, b1, W2, b2
theta -= eta * v",
        UpdateRule::Nesterov { .. } => "v = beta * v + grad   # for each of W1, b1, W2, b2
theta -= eta * (grad + beta * v)",
        UpdateRule::Adam { .. } => {
            "t += 1
m = beta1 * m + (1 - beta1) * grad   # for each of W1, b1, W2, b2
s = beta2 * s + (1 - beta2) * grad**2
m_hat = m / (1 - beta1**t)
s_hat = s / (1 - beta2**t)
theta -= eta * m_hat / (np.sqrt(s_hat) + eps)"
        }
    };
    Some((lines(&g), lines(&g_scalar), numpy))
}

/// The equation in matrix (vector) form, as MathML content.
pub fn matrix_form(step: Step, penalty: &Penalty) -> String {
    let (ha, hs, oa, os) = (act("h", "a"), act("h", "s"), act("o", "a"), act("o", "s"));
    let eq = |lhs: String, rhs: Vec<String>| row(&[vec![lhs, mo("=")], rhs].concat());
    match step {
        Step::HiddenActivation => eq(ha, vec![w(1), mi("x"), mo("+"), b(1)]),
        Step::HiddenOutput => eq(hs.clone(), vec![fun("rect", &ha), mo("="), fun("max", &row(&[mn("0"), mo(","), ha]))]),
        Step::OutputActivation => eq(oa, vec![w(2), hs, mo("+"), b(2)]),
        Step::Softmax => eq(os, vec![fun("softmax", &oa)]),
        Step::Loss => eq(mi("L"), vec![mo("−"), fun("log", &sub(&os, &mi("y")))]),
        Step::GradOutputActivation => eq(dl(&oa), vec![os, mo("−"), fun_sub("onehot", "m", &mi("y"))]),
        Step::GradW2 => eq(dl(&w(2)), vec![dl(&oa), transpose(&paren_plain(&hs))]),
        Step::GradB2 => eq(dl(&b(2)), vec![dl(&oa)]),
        Step::GradHiddenOutput => eq(dl(&hs), vec![transpose(&w(2)), dl(&oa)]),
        Step::GradHiddenActivation => eq(dl(&ha), vec![dl(&hs), mo("⊙"), indicator(&row(&[ha, mo(">"), mn("0")]))]),
        Step::GradW1 => eq(dl(&w(1)), vec![dl(&ha), transpose(&mi("x"))]),
        Step::GradB1 => eq(dl(&b(1)), vec![dl(&ha)]),
        Step::GradInput => eq(dl(&mi("x")), vec![transpose(&w(1)), dl(&ha)]),
        Step::RegW1 => eq(dr(&w(1)), [vec![dl(&w(1))], penalty_terms(1, penalty, &w(1))].concat()),
        Step::RegW2 => eq(dr(&w(2)), [vec![dl(&w(2))], penalty_terms(2, penalty, &w(2))].concat()),
        Step::Update => row(&[mi("θ"), mo("←"), mi("θ"), mo("−"), mi("η"), sub(&mo("∇"), &mi("θ")), tilde_r()]),
    }
}

/// The equation for one entry (scalar form), as MathML content.
pub fn scalar_form(step: Step, penalty: &Penalty) -> String {
    let at = act_at;
    let eq = |lhs: String, rhs: Vec<String>| row(&[vec![lhs, mo("=")], rhs].concat());
    let sum = |index: &str, body: Vec<String>| row(&[vec![under(&mo("∑"), &mi(index))], body].concat());
    match step {
        Step::HiddenActivation => eq(at("h", "a", "j"), vec![sum("i", vec![w_at(1, "j", "i"), sub(&mi("x"), &mi("i"))]), mo("+"), b_at(1, "j")]),
        Step::HiddenOutput => eq(at("h", "s", "j"), vec![fun("max", &row(&[mn("0"), mo(","), at("h", "a", "j")]))]),
        Step::OutputActivation => eq(at("o", "a", "k"), vec![sum("j", vec![w_at(2, "k", "j"), at("h", "s", "j")]), mo("+"), b_at(2, "k")]),
        Step::Softmax => eq(at("o", "s", "k"), vec![frac(&exp_shifted("k"), &sum("k′", vec![exp_shifted("k′")]))]),
        Step::Loss => eq(mi("L"), vec![mo("−"), at("o", "a", "y"), mo("+"), fun("log", &sum("k", vec![exp_of(&at("o", "a", "k"))]))]),
        Step::GradOutputActivation => eq(dl(&at("o", "a", "k")), vec![at("o", "s", "k"), mo("−"), indicator(&row(&[mi("k"), mo("="), mi("y")]))]),
        Step::GradW2 => eq(dl(&w_at(2, "k", "j")), vec![dl(&at("o", "a", "k")), at("h", "s", "j")]),
        Step::GradB2 => eq(dl(&b_at(2, "k")), vec![dl(&at("o", "a", "k"))]),
        Step::GradHiddenOutput => eq(dl(&at("h", "s", "j")), vec![sum("k", vec![dl(&at("o", "a", "k")), w_at(2, "k", "j")])]),
        Step::GradHiddenActivation => eq(dl(&at("h", "a", "j")), vec![dl(&at("h", "s", "j")), mo("·"), indicator(&row(&[at("h", "a", "j"), mo(">"), mn("0")]))]),
        Step::GradW1 => eq(dl(&w_at(1, "j", "i")), vec![dl(&at("h", "a", "j")), sub(&mi("x"), &mi("i"))]),
        Step::GradB1 => eq(dl(&b_at(1, "j")), vec![dl(&at("h", "a", "j"))]),
        Step::GradInput => eq(dl(&sub(&mi("x"), &mi("i"))), vec![sum("j", vec![dl(&at("h", "a", "j")), w_at(1, "j", "i")])]),
        Step::RegW1 => eq(dr(&w_at(1, "j", "i")), [vec![dl(&w_at(1, "j", "i"))], penalty_terms(1, penalty, &w_at(1, "j", "i"))].concat()),
        Step::RegW2 => eq(dr(&w_at(2, "k", "j")), [vec![dl(&w_at(2, "k", "j"))], penalty_terms(2, penalty, &w_at(2, "k", "j"))].concat()),
        // One scalar parameter θ (an entry of W⁽¹⁾, b⁽¹⁾, W⁽²⁾ or b⁽²⁾): no index letter, which
        // would clash with i, j, k.
        Step::Update => row(&[mi("θ"), mo("←"), mi("θ"), mo("−"), mi("η"), crate::mathml::partial(&tilde_r(), &mi("θ"))]),
    }
}


/// `name(arg)` with an upright function name.
fn fun(name: &str, arg: &str) -> String {
    row(&[crate::mathml::mi_upright(name), mo("("), arg.to_string(), mo(")")])
}

/// `name_index(arg)`, e.g. onehot_m(y).
fn fun_sub(name: &str, index: &str, arg: &str) -> String {
    row(&[sub(&crate::mathml::mi_upright(name), &mi(index)), mo("("), arg.to_string(), mo(")")])
}

/// Some room between two equations on a line.
fn mspace() -> String {
    "<mspace width=\"1em\"></mspace>".to_owned()
}

fn paren_plain(content: &str) -> String {
    row(&[mo("("), content.to_string(), mo(")")])
}

/// 𝟙{condition}.
fn indicator(condition: &str) -> String {
    row(&[mi("𝟙"), mo("{"), condition.to_string(), mo("}")])
}

/// exp(o^a_i − max o^a).
fn exp_shifted(i: &str) -> String {
    exp_of(&row(&[act_at("o", "a", i), mo("−"), crate::mathml::mi_upright("max"), act("o", "a")]))
}

fn exp_of(arg: &str) -> String {
    fun("exp", arg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_has_an_equation_a_numpy_line_and_a_result() {
        let mut full = Penalty::weight_decay(0.01);
        full.w1.l1 = 0.05;
        for penalty in [Penalty::weight_decay(0.01), full] {
            for step in Step::ALL {
                assert!(matrix_form(step, &penalty).starts_with("<mrow>"), "{step:?}");
                assert!(scalar_form(step, &penalty).contains("<mo>=</mo>") || step == Step::Update, "{step:?}");
                assert!(!numpy(step, &penalty).is_empty());
                assert!(!operands(step).1.is_empty(), "{step:?} writes nothing");
            }
        }
    }

    #[test]
    fn the_full_penalty_shows_both_terms_with_its_coefficients() {
        // the course's λ: `+ 2λW`, no sign
        let course = matrix_form(Step::RegW1, &Penalty::weight_decay(0.01));
        assert!(course.contains("<mi>λ</mi>") && !course.contains("sign"), "{course}");
        let mut full = Penalty::weight_decay(0.01);
        full.w2.l1 = 0.2;
        for (step, layer) in [(Step::RegW1, "1"), (Step::RegW2, "2")] {
            let form = matrix_form(step, &full);
            assert!(form.contains("sign") && form.contains(&format!("<mn>{layer}1</mn>")) && form.contains(&format!("<mn>{layer}2</mn>")), "{form}");
        }
        assert!(numpy(Step::RegW2, &full).contains("l21 * np.sign(W2) + 2 * l22 * W2"));
        assert!(numpy(Step::Update, &full).contains("np.maximum(np.abs(u) - eta * l21, 0)"));
        assert_eq!(numpy(Step::Update, &Penalty::weight_decay(0.01)), numpy(Step::Update, &Penalty::NONE));
    }

    #[test]
    fn every_mistake_alters_a_step() {
        for mistake in Mistake::ALL {
            let all = Mistakes::NONE.with(mistake, true);
            let altered: Vec<Step> = Step::ALL.into_iter().filter(|s| !mistakes_altering(*s, all).is_empty()).collect();
            assert_eq!(altered, steps_altered_by(mistake), "{mistake:?}");
        }
        assert!(mistakes_altering(Step::GradW2, Mistakes::NONE).is_empty());
    }

    #[test]
    fn backward_steps_read_what_earlier_steps_wrote() {
        // Each operand is an input, a parameter, or the result of an earlier step.
        let given = [Q::X, Q::OneHot, Q::W1, Q::B1, Q::W2, Q::B2, Q::ReluMask, Q::RegB1, Q::RegB2];
        let mut known: Vec<Q> = given.to_vec();
        for step in Step::ALL {
            let (reads, writes) = operands(step);
            for q in reads {
                assert!(known.contains(q), "{step:?} reads {q:?} before it is computed");
            }
            known.extend_from_slice(writes);
        }
    }
}
