//! The diagnosis: each quantity the student gave is compared with the correct value, then with
//! its step applied to the student's own earlier values, then with that step under each known
//! mistake (one at a time, then in pairs). The student's values flow forward: a step is computed
//! from what the student wrote for the steps it reads (the correct values where they gave none).

use std::collections::BTreeMap;

use nalgebra::{DMatrix, DVector};

use super::answers::Answers;
use super::given::Fit;
use super::quantity::{Dims, Quantity};
use crate::backward::step;
use crate::backward::backward;
use crate::forward::{forward, log_sum_exp, rect, softmax};
use crate::mistakes::{wrong, Mistake, Mistakes};
use crate::params::ShapeError;

/// What the page says of one quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// It agrees with the correct value (to the digits written).
    Right,
    /// It is not the correct value, but the step's formula applied to the student's own earlier
    /// values gives it: the error came from an earlier step.
    RightGivenYours,
    /// Neither.
    Wrong,
    /// The student gave no value.
    NotGiven,
}

/// The shape the student wrote when it is not the expected one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShapeMismatch {
    /// (rows, columns) expected (a vector is one column).
    pub expected: (usize, usize),
    /// (rows, columns) written (a flat list is one row).
    pub given: (usize, usize),
    /// The given shape is the transpose of the expected one.
    pub transposed: bool,
}

/// The diagnosis of one quantity.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged {
    pub quantity: Quantity,
    pub verdict: Verdict,
    /// The correct value (a vector as one column).
    pub expected: DMatrix<f64>,
    /// The student's value in the expected layout (transposed back when written transposed);
    /// `None` when not given or of another shape.
    pub given: Option<DMatrix<f64>>,
    /// The step applied to the student's own earlier values, without mistakes.
    pub from_yours: DMatrix<f64>,
    /// Entries (row, column) that disagree with the correct value.
    pub wrong_entries: Vec<(usize, usize)>,
    /// The largest |given − correct| (∞ when a non-number meets a number; 0 when not compared).
    pub max_abs_error: f64,
    /// The smallest sets of known mistakes that give the student's value from their own earlier
    /// values (empty when none does, or when the value is not wrong).
    pub explained_by: Vec<Mistakes>,
    /// When the shape written is not the expected one.
    pub shape: Option<ShapeMismatch>,
}

/// The diagnosis of a student's answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnosis {
    /// Every quantity, in the order of the walk (the ones not given say so).
    pub judged: Vec<Judged>,
}

impl Diagnosis {
    /// The first wrong quantity in the order of the walk.
    pub fn first_wrong(&self) -> Option<&Judged> {
        self.judged.iter().find(|j| j.verdict == Verdict::Wrong)
    }

    /// The judgement of `q`.
    pub fn get(&self, q: Quantity) -> Option<&Judged> {
        self.judged.iter().find(|j| j.quantity == q)
    }

    /// Every mistake that explains some wrong value (the first explanation of each), in the
    /// order of [`Mistake::ALL`].
    pub fn mistakes(&self) -> Mistakes {
        self.judged.iter().filter_map(|j| j.explained_by.first()).flat_map(|m| m.iter()).collect()
    }

    /// How many quantities were given.
    pub fn given(&self) -> usize {
        self.judged.iter().filter(|j| j.verdict != Verdict::NotGiven).count()
    }
}

/// Diagnoses `answers` (see the [module docs](self)). Errors only when the case does not fit
/// together, which a case from [`super::parse_answers`] always does.
pub fn diagnose(answers: &Answers) -> Result<Diagnosis, ShapeError> {
    let case = &answers.case;
    let (p, x, y, penalty) = (&case.params, &case.x, case.y, case.penalty);
    let fwd = forward(p, x, y)?;
    let g = backward(p, &fwd, x, y, penalty);
    let eta = answers.eta.unwrap_or(0.0);
    let reg = g.regularized();
    let col = |v: &DVector<f64>| DMatrix::from_column_slice(v.len(), 1, v.as_slice());
    let mut correct: BTreeMap<Quantity, DMatrix<f64>> = BTreeMap::new();
    {
        use Quantity as Q;
        let scalar = |v: f64| DMatrix::from_element(1, 1, v);
        for (q, v) in [
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
            (Q::RegularizedLoss, scalar(fwd.loss + penalty.value(p))),
            (Q::RegW1, reg.w1.clone()),
            (Q::RegB1, col(&reg.b1)),
            (Q::RegW2, reg.w2.clone()),
            (Q::RegB2, col(&reg.b2)),
            // (f) as the homework writes it, θ − η ∇R̃ (the trainer's L1 step that stops at 0, and
            // the other update rules, are the page's, not the homework's formula)
            (Q::NewW1, &p.w1 - &reg.w1 * eta),
            (Q::NewB1, col(&(&p.b1 - &reg.b1 * eta))),
            (Q::NewW2, &p.w2 - &reg.w2 * eta),
            (Q::NewB2, col(&(&p.b2 - &reg.b2 * eta))),
        ] {
            correct.insert(q, v);
        }
    }
    let mut own = Own { values: correct.clone(), half: BTreeMap::new(), given: Vec::new() };
    let exact_zero: Vec<bool> = fwd.h_a.iter().map(|&a| a == 0.0).collect();
    let mut judged = Vec::with_capacity(Quantity::ALL.len());
    for q in Quantity::ALL {
        let expected = correct.get(&q).cloned().unwrap_or_else(|| DMatrix::zeros(0, 0));
        let dims = q.dims(case.shape());
        let step = Step { answers, own: &own, exact_zero: &exact_zero };
        let from_yours = step.compute(q, Mistakes::NONE, None);
        let bound = step.bound(q);
        let unknown = answers.eta.is_none() && q.path().0 == "updated_params";
        let mut j = Judged {
            quantity: q,
            verdict: Verdict::NotGiven,
            expected,
            given: None,
            from_yours,
            wrong_entries: vec![],
            max_abs_error: 0.0,
            explained_by: vec![],
            shape: None,
        };
        if let (Some(given), false) = (answers.get(q), unknown) {
            let transposed = match given.fit(dims) {
                Fit::Same(v, u) => Some((v, u, false)),
                Fit::Transposed(v, u) => Some((v, u, true)),
                Fit::Other => None,
            };
            let (rows, cols) = dims.rows_cols();
            let written = given.written_shape();
            match transposed {
                None => {
                    j.verdict = Verdict::Wrong;
                    j.shape = Some(ShapeMismatch {
                        expected: (rows, cols),
                        given: written,
                        transposed: matches!(dims, Dims::Matrix(..)) && written == (cols, rows),
                    });
                }
                Some((v, u, was_transposed)) => {
                    let agree = |target: &DMatrix<f64>| agreement(&v, &u, target, &bound);
                    let (wrong_entries, max_abs_error) = differences(&v, &u, &j.expected, &bound);
                    j.wrong_entries = wrong_entries;
                    j.max_abs_error = max_abs_error;
                    j.verdict = if was_transposed {
                        Verdict::Wrong
                    } else if j.wrong_entries.is_empty() {
                        Verdict::Right
                    } else if agree(&j.from_yours) {
                        Verdict::RightGivenYours
                    } else {
                        Verdict::Wrong
                    };
                    if j.verdict == Verdict::Wrong {
                        j.explained_by = step.explain(q, &agree, was_transposed);
                        if was_transposed {
                            j.shape = Some(ShapeMismatch { expected: (rows, cols), given: written, transposed: true });
                        }
                    }
                    if !was_transposed {
                        own.values.insert(q, v.clone());
                        own.half.insert(q, u);
                        own.given.push(q);
                    }
                    j.given = Some(v);
                }
            }
        }
        judged.push(j);
    }
    Ok(Diagnosis { judged })
}

/// The values the next steps read: the student's where given (in the expected shape), the
/// correct ones elsewhere; and the half units of the student's.
struct Own {
    values: BTreeMap<Quantity, DMatrix<f64>>,
    half: BTreeMap<Quantity, DMatrix<f64>>,
    given: Vec<Quantity>,
}

struct Step<'a> {
    answers: &'a Answers,
    own: &'a Own,
    /// Which hidden units have h_a exactly 0 (rect'(0) = 0 is then known, however h_a was
    /// rounded).
    exact_zero: &'a [bool],
}

impl Step<'_> {
    fn value(&self, q: Quantity) -> DMatrix<f64> {
        self.own.values.get(&q).cloned().unwrap_or_else(|| DMatrix::zeros(0, 0))
    }

    fn vector(&self, q: Quantity) -> DVector<f64> {
        let m = self.value(q);
        DVector::from_column_slice(m.as_slice())
    }

    /// Half units of the student's value of `q`, 0 where the value is the correct one.
    fn half(&self, q: Quantity) -> DMatrix<f64> {
        let v = self.value(q);
        self.own.half.get(&q).cloned().unwrap_or_else(|| DMatrix::zeros(v.nrows(), v.ncols()))
    }

    fn given(&self, q: Quantity) -> bool {
        self.own.given.contains(&q)
    }

    /// The step that computes `q`, applied to the current values with `mistakes`; `class` is the
    /// one-hot class of (g) when it is not y (variants of the wrong-class mistake).
    fn compute(&self, q: Quantity, mistakes: Mistakes, class: Option<usize>) -> DMatrix<f64> {
        use Quantity as Q;
        let case = &self.answers.case;
        let (p, x, y, penalty) = (&case.params, &case.x, case.y, case.penalty);
        let eta = self.answers.eta.unwrap_or(0.0);
        let col = |v: DVector<f64>| DMatrix::from_column_slice(v.len(), 1, v.as_slice());
        let scalar = |v: f64| DMatrix::from_element(1, 1, v);
        let update = |theta: DMatrix<f64>, grad: DMatrix<f64>| {
            if mistakes.contains(Mistake::NoUpdate) {
                theta
            } else if mistakes.contains(Mistake::GradientAscent) {
                theta + grad * eta
            } else {
                theta - grad * eta
            }
        };
        let v = |q| self.vector(q);
        match q {
            Q::HiddenActivation => col(&p.w1 * x + &p.b1),
            Q::HiddenOutput => col(v(Q::HiddenActivation).map(rect)),
            Q::OutputActivation => col(&p.w2 * v(Q::HiddenOutput) + &p.b2),
            Q::Softmax if mistakes.contains(Mistake::UnshiftedSoftmax) => {
                col(wrong::unshifted_softmax(&v(Q::OutputActivation), y).0)
            }
            Q::Softmax => col(softmax(&v(Q::OutputActivation))),
            // (d) the correct loss, −o_a_y + log Σ exp(o_a), from o_a; the mistake takes −ln o_s_y
            // literally (from the student's o_s when given).
            Q::Loss if mistakes.contains(Mistake::UnshiftedSoftmax) => {
                let o_s = if self.given(Q::Softmax) {
                    v(Q::Softmax)
                } else {
                    wrong::unshifted_softmax(&v(Q::OutputActivation), y).0
                };
                scalar(-o_s.get(y).copied().unwrap_or(f64::NAN).ln())
            }
            Q::Loss => {
                let o_a = v(Q::OutputActivation);
                scalar(log_sum_exp(o_a.as_slice()) - o_a.get(y).copied().unwrap_or(f64::NAN))
            }
            Q::RegularizedLoss if mistakes.contains(Mistake::NoPenalty) => self.value(Q::Loss),
            Q::RegularizedLoss => self.value(Q::Loss).add_scalar(penalty.value(p)),
            Q::GradOutputActivation => match class {
                Some(class) => col(step::output_activation_for(
                    &v(Q::Softmax),
                    class,
                    mistakes.contains(Mistake::SignSwapped),
                )),
                None => col(step::output_activation(&v(Q::Softmax), y, mistakes)),
            },
            Q::GradW2 => step::weights2(
                &v(Q::GradOutputActivation),
                &v(Q::HiddenOutput),
                &v(Q::HiddenActivation),
                mistakes,
            ),
            Q::GradB2 => self.value(Q::GradOutputActivation),
            Q::GradHiddenOutput => col(step::hidden_output(&p.w2, &v(Q::GradOutputActivation), mistakes)),
            Q::GradHiddenActivation => col(step::hidden_activation(
                &v(Q::GradHiddenOutput),
                &v(Q::HiddenActivation),
                mistakes,
            )),
            Q::GradW1 => step::weights1(&v(Q::GradHiddenActivation), x, mistakes),
            Q::GradB1 => self.value(Q::GradHiddenActivation),
            Q::GradInput => col(step::input(&p.w1, &v(Q::GradHiddenActivation), x, mistakes)),
            Q::RegW1 => step::penalized_weights(&self.value(Q::GradW1), &p.w1, penalty.w1, mistakes),
            Q::RegW2 => step::penalized_weights(&self.value(Q::GradW2), &p.w2, penalty.w2, mistakes),
            Q::RegB1 => col(step::penalized_biases(&v(Q::GradB1), &p.b1, penalty.w1, mistakes)),
            Q::RegB2 => col(step::penalized_biases(&v(Q::GradB2), &p.b2, penalty.w2, mistakes)),
            Q::NewW1 => update(p.w1.clone(), self.value(Q::RegW1)),
            Q::NewB1 => update(col(p.b1.clone()), self.value(Q::RegB1)),
            Q::NewW2 => update(p.w2.clone(), self.value(Q::RegW2)),
            Q::NewB2 => update(col(p.b2.clone()), self.value(Q::RegB2)),
        }
    }

    /// How far the step's result can move when the student's earlier values move by their half
    /// units (first order, per entry): rounding the inputs is not a mistake.
    fn bound(&self, q: Quantity) -> DMatrix<f64> {
        use Quantity as Q;
        let case = &self.answers.case;
        let (p, x, y) = (&case.params, &case.x, case.y);
        let eta = self.answers.eta.unwrap_or(0.0);
        let u = |q| self.half(q);
        let abs = |m: &DMatrix<f64>| m.abs();
        let x = DMatrix::from_column_slice(x.len(), 1, x.as_slice());
        match q {
            Q::HiddenActivation => DMatrix::zeros(p.b1.len(), 1),
            Q::HiddenOutput => u(Q::HiddenActivation),
            Q::OutputActivation => abs(&p.w2) * u(Q::HiddenOutput),
            Q::Softmax => {
                let o_s = self.compute(Q::Softmax, Mistakes::NONE, None);
                let uo = u(Q::OutputActivation);
                let mean = o_s.dot(&uo);
                o_s.zip_map(&uo, |s, e| s * (e + mean))
            }
            Q::Loss => {
                // From o_a, and the rounding of o_s for a student who took −ln of their own o_s_y.
                let o_s = self.compute(Q::Softmax, Mistakes::NONE, None);
                let uo = u(Q::OutputActivation);
                let from_o_a = uo.get(y).copied().unwrap_or(0.0) + o_s.dot(&uo);
                let from_o_s = if self.given(Q::Softmax) {
                    let (s, e) = (self.value(Q::Softmax), u(Q::Softmax));
                    match (e.get(y).copied().unwrap_or(0.0), s.get(y).copied().unwrap_or(1.0).abs()) {
                        (0.0, _) => 0.0,
                        (e, s) => e / s,
                    }
                } else {
                    0.0
                };
                DMatrix::from_element(1, 1, from_o_a + from_o_s)
            }
            Q::RegularizedLoss => u(Q::Loss),
            Q::GradOutputActivation => u(Q::Softmax),
            Q::GradW2 => {
                let (g, h) = (self.value(Q::GradOutputActivation), self.value(Q::HiddenOutput));
                u(Q::GradOutputActivation) * abs(&h).transpose() + abs(&g) * u(Q::HiddenOutput).transpose()
            }
            Q::GradB2 => u(Q::GradOutputActivation),
            Q::GradHiddenOutput => abs(&p.w2).transpose() * u(Q::GradOutputActivation),
            Q::GradHiddenActivation => {
                // A unit whose h_a is within its rounding of 0 could be on either side.
                let (h_a, uh) = (self.value(Q::HiddenActivation), u(Q::HiddenActivation));
                let (g, ug) = (self.value(Q::GradHiddenOutput), u(Q::GradHiddenOutput));
                DMatrix::from_fn(g.nrows(), 1, |j, _| {
                    let exact_zero = self.exact_zero.get(j).copied().unwrap_or(false);
                    let unsure = uh[j] > 0.0 && h_a[j].abs() <= uh[j] && !exact_zero;
                    if unsure {
                        g[j].abs() + ug[j]
                    } else if h_a[j] > 0.0 {
                        ug[j]
                    } else {
                        0.0
                    }
                })
            }
            Q::GradW1 => u(Q::GradHiddenActivation) * abs(&x).transpose(),
            Q::GradB1 => u(Q::GradHiddenActivation),
            Q::GradInput => abs(&p.w1).transpose() * u(Q::GradHiddenActivation),
            Q::RegW1 => u(Q::GradW1),
            Q::RegB1 => u(Q::GradB1),
            Q::RegW2 => u(Q::GradW2),
            Q::RegB2 => u(Q::GradB2),
            Q::NewW1 => u(Q::RegW1) * eta,
            Q::NewB1 => u(Q::RegB1) * eta,
            Q::NewW2 => u(Q::RegW2) * eta,
            Q::NewB2 => u(Q::RegB2) * eta,
        }
    }

    /// The smallest sets of mistakes whose step gives the student's value (`agree`); with
    /// `transposed`, the value was written transposed, which is itself the mistake
    /// [`Mistake::Transposed`] added to each set.
    fn explain(&self, q: Quantity, agree: &dyn Fn(&DMatrix<f64>) -> bool, transposed: bool) -> Vec<Mistakes> {
        let candidates: Vec<Mistake> = q
            .mistakes()
            .iter()
            .copied()
            .filter(|&m| !(transposed && m == Mistake::Transposed))
            .collect();
        let mut found: Vec<Mistakes> = Vec::new();
        let try_set = |set: Mistakes, class: Option<usize>, found: &mut Vec<Mistakes>| {
            let set_found = if transposed { set.with(Mistake::Transposed, true) } else { set };
            if !found.contains(&set_found) && agree(&self.compute(q, set, class)) {
                found.push(set_found);
            }
        };
        if transposed {
            try_set(Mistakes::NONE, None, &mut found);
            if !found.is_empty() {
                return found;
            }
        }
        if q == Quantity::GradOutputActivation {
            return self.explain_output(agree);
        }
        for &m in &candidates {
            try_set(m.into(), None, &mut found);
        }
        if found.is_empty() {
            for (i, &a) in candidates.iter().enumerate() {
                for &b in &candidates[i + 1..] {
                    try_set(Mistakes::from(a).with(b, true), None, &mut found);
                }
            }
        }
        found
    }

    /// (g): the sign, and the class of the one-hot vector: y ± 1 (mod m) and the predicted class.
    fn explain_output(&self, agree: &dyn Fn(&DMatrix<f64>) -> bool) -> Vec<Mistakes> {
        let case = &self.answers.case;
        let m = case.shape().m;
        let y = case.y;
        let o_s = self.vector(Quantity::Softmax);
        let predicted = o_s.iter().enumerate().fold((0, f64::NEG_INFINITY), |best, (k, &v)| if v > best.1 { (k, v) } else { best }).0;
        let classes = [y, (y + 1) % m, (y + m - 1) % m, predicted];
        let mut found = Vec::new();
        for (sign, size) in [(true, 1), (false, 1), (true, 2)] {
            for &class in &classes {
                let wrong_class = class != y;
                if usize::from(sign) + usize::from(wrong_class) != size {
                    continue;
                }
                let set = Mistakes::NONE.with(Mistake::SignSwapped, sign).with(Mistake::WrongClass, wrong_class);
                if !found.contains(&set) && agree(&self.compute(Quantity::GradOutputActivation, set, Some(class))) {
                    found.push(set);
                }
            }
            if size == 1 && !found.is_empty() {
                break;
            }
        }
        found
    }
}

/// Whether a given entry agrees with a target entry: within half a unit of its last digit plus
/// what the earlier values' rounding allows (`bound`), or 1e-6 relative; two non-numbers agree.
fn entry_agrees(given: f64, half: f64, target: f64, bound: f64) -> bool {
    if !given.is_finite() || !target.is_finite() {
        return !given.is_finite() && !target.is_finite();
    }
    let bound = if bound.is_nan() { 0.0 } else { bound };
    let tolerance = half * (1.0 + 1e-9) + bound * 1.01 + 1e-6 * target.abs() + 1e-9;
    (given - target).abs() <= tolerance
}

fn agreement(given: &DMatrix<f64>, half: &DMatrix<f64>, target: &DMatrix<f64>, bound: &DMatrix<f64>) -> bool {
    given.shape() == target.shape()
        && (0..given.len()).all(|i| entry_agrees(given[i], half[i], target[i], bound.get(i).copied().unwrap_or(0.0)))
}

/// The entries that disagree with `target`, and the largest difference.
fn differences(
    given: &DMatrix<f64>,
    half: &DMatrix<f64>,
    target: &DMatrix<f64>,
    bound: &DMatrix<f64>,
) -> (Vec<(usize, usize)>, f64) {
    let mut wrong = Vec::new();
    let mut max = 0f64;
    for r in 0..given.nrows().min(target.nrows()) {
        for c in 0..given.ncols().min(target.ncols()) {
            let (g, t) = (given[(r, c)], target[(r, c)]);
            let b = bound.get((r, c)).copied().unwrap_or(0.0);
            if !entry_agrees(g, half[(r, c)], t, b) {
                wrong.push((r, c));
            }
            let diff = if g.is_finite() && t.is_finite() {
                (g - t).abs()
            } else if g.is_finite() != t.is_finite() {
                f64::INFINITY
            } else {
                0.0
            };
            max = max.max(diff);
        }
    }
    (wrong, max)
}
