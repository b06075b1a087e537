//! The scalar formula of one entry of a step's result, instantiated with the walk's numbers:
//! `∂L/∂W⁽²⁾[1,3] = ∂L/∂o^a[1] · h^s[3] = 0.1200 × 0.8000 = 0.0960`, or for a sum, the sum
//! written out term by term. Indices are 0-based, as in numpy and as y is.
//!
//! Which operand entries the formula reads is also said here, so the page can highlight them.

use super::quantity::Quantity as Q;
use super::selection::Cell;
use super::steps::Step;
use super::walk::Walk;
use super::content::penalty_terms;
use crate::mathml::{mi, mn, mo, num, row};
use mlp::penalty::sign;
use mlp::{Mistake, Penalty, UpdateRule};
use nalgebra::{DMatrix, DVector};

/// Sums longer than this are shown with their first terms and "+ … (n more terms)".
const MAX_TERMS: usize = 8;

/// A set of cells of one quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cells {
    /// No cell.
    None,
    All,
    Row(usize),
    Col(usize),
    One(usize, usize),
}

impl Cells {
    pub fn contains(self, r: usize, c: usize) -> bool {
        match self {
            Cells::None => false,
            Cells::All => true,
            Cells::Row(row) => row == r,
            Cells::Col(col) => col == c,
            Cells::One(row, col) => row == r && col == c,
        }
    }
}

/// The operand cells that entry (`r`, `c`) of `result` reads.
pub fn reads(step: Step, result: Q, r: usize, c: usize) -> Vec<(Q, Cells)> {
    use Cells::{All, One};
    let v = |q, i| (q, One(i, 0));
    match step {
        Step::HiddenActivation => vec![(Q::W1, Cells::Row(r)), (Q::X, All), v(Q::B1, r)],
        Step::HiddenOutput => vec![v(Q::HiddenActivation, r)],
        Step::OutputActivation => vec![(Q::W2, Cells::Row(r)), (Q::HiddenOutput, All), v(Q::B2, r)],
        Step::Softmax => vec![(Q::OutputActivation, All)],
        Step::Loss => vec![(Q::Softmax, All)],
        Step::GradOutputActivation => vec![v(Q::Softmax, r), v(Q::OneHot, r)],
        Step::GradW2 => vec![v(Q::GradOutputActivation, r), v(Q::HiddenOutput, c)],
        Step::GradB2 => vec![v(Q::GradOutputActivation, r)],
        Step::GradHiddenOutput => vec![(Q::W2, Cells::Col(r)), (Q::GradOutputActivation, All)],
        Step::GradHiddenActivation => vec![v(Q::GradHiddenOutput, r), v(Q::ReluMask, r)],
        Step::GradW1 => vec![v(Q::GradHiddenActivation, r), v(Q::X, c)],
        Step::GradB1 => vec![v(Q::GradHiddenActivation, r)],
        Step::GradInput => vec![(Q::W1, Cells::Col(r)), (Q::GradHiddenActivation, All)],
        Step::RegW1 => vec![(Q::GradW1, One(r, c)), (Q::W1, One(r, c))],
        Step::RegW2 => vec![(Q::GradW2, One(r, c)), (Q::W2, One(r, c))],
        Step::Update => {
            let gradient = match result {
                Q::NewW1 => Q::RegW1,
                Q::NewB1 => Q::RegB1,
                Q::NewW2 => Q::RegW2,
                _ => Q::RegB2,
            };
            vec![(gradient, One(r, c))]
        }
    }
}

/// `name[i]` or `name[i,j]` in a formula.
fn entry(name: &str, index: &[usize]) -> String {
    let list: Vec<String> = index.iter().map(|i| i.to_string()).collect();
    row(&[name.to_string(), mo("["), mn(&list.join(",")), mo("]")])
}

/// `a × b` with both numbers.
fn times(a: f64, b: f64) -> String {
    row(&[num(a), mo("×"), num(b)])
}

/// Σ written out: the first terms `a_t × b_t`, "+ … (n more)" when longer.
fn written_sum(pairs: &[(f64, f64)], more_terms: &str) -> String {
    let mut parts = Vec::new();
    for (t, &(a, b)) in pairs.iter().take(MAX_TERMS).enumerate() {
        if t > 0 {
            parts.push(mo("+"));
        }
        parts.push(times(a, b));
    }
    if pairs.len() > MAX_TERMS {
        parts.push(mo("+"));
        parts.push(crate::mathml::text(&format!("… ({} {more_terms})", pairs.len() - MAX_TERMS)));
    }
    row(&parts)
}

/// The instantiated formula of `cell` at `step`, as MathML content; `None` when the cell is
/// not inside its quantity in `walk` (every index below is then in range, and read with a
/// checked access anyway: a cell comes from a click, and a click must never panic). `more_terms`
/// is the translated word for the elided part of long sums ("more terms").
pub fn formula(walk: &Walk, step: Step, cell: Cell, more_terms: &str) -> Option<String> {
    let Cell { quantity: result, row: r, col: c } = cell;
    let (rows, cols) = result.shape_in(walk);
    if r >= rows || c >= cols || !super::content::operands(step).1.contains(&result) {
        return None;
    }
    let value = at(&result.value(walk), r, c);
    // L is a number: no index (an "L[0]" would read as the loss of class 0).
    let lhs = match result {
        Q::Loss => result.symbol(),
        _ => entry(&result.symbol(), &index_of(result, r, c)),
    };
    let (symbolic, numeric) = terms(walk, step, result, r, c, more_terms);
    Some(row(&[lhs, mo("="), symbolic, mo("="), numeric, mo("="), num(value)]))
}

/// Entry (`i`, `j`) of `m`, NaN outside it.
fn at(m: &DMatrix<f64>, i: usize, j: usize) -> f64 {
    m.get((i, j)).copied().unwrap_or(f64::NAN)
}

/// Entry `i` of `v`, NaN outside it.
fn at_v(v: &DVector<f64>, i: usize) -> f64 {
    v.get(i).copied().unwrap_or(f64::NAN)
}

fn index_of(q: Q, r: usize, c: usize) -> Vec<usize> {
    match q.dims().1 {
        super::quantity::Dim::One => vec![r],
        _ => vec![r, c],
    }
}

/// The right-hand side twice: with symbols, then with numbers.
fn terms(walk: &Walk, step: Step, result: Q, r: usize, c: usize, more: &str) -> (String, String) {
    let val = |q: Q, i: usize, j: usize| at(&q.value(walk), i, j);
    let sym = |q: Q, idx: &[usize]| entry(&q.symbol(), idx);
    let (params, x) = (&walk.example.params, &walk.example.x);
    let (penalty, eta) = (walk.example.penalty, walk.example.eta);
    match step {
        Step::HiddenActivation => {
            let pairs: Vec<(f64, f64)> = (0..x.len()).map(|i| (at(&params.w1, r, i), at_v(x, i))).collect();
            sum_plus("i", Q::W1, Q::X, r, &pairs, val(Q::B1, r, 0), Q::B1, more)
        }
        Step::OutputActivation => {
            let h_s = &walk.fwd.h_s;
            let pairs: Vec<(f64, f64)> = (0..h_s.len()).map(|j| (at(&params.w2, r, j), at_v(h_s, j))).collect();
            sum_plus("j", Q::W2, Q::HiddenOutput, r, &pairs, val(Q::B2, r, 0), Q::B2, more)
        }
        Step::HiddenOutput => (
            row(&[mi_max(), mo("("), mn("0"), mo(","), sym(Q::HiddenActivation, &[r]), mo(")")]),
            row(&[mi_max(), mo("("), mn("0"), mo(","), num(val(Q::HiddenActivation, r, 0)), mo(")")]),
        ),
        Step::Softmax => softmax_terms(walk, r),
        Step::Loss => {
            // −log(oˢ[y]) = −log(oˢ[2]): the letter of the course, then the example's class.
            let y = walk.example.y;
            let with_letter = row(&[mo("−"), log(&row(&[Q::Softmax.symbol(), mo("["), mi("y"), mo("]")]))]);
            let symbolic = row(&[with_letter, mo("="), mo("−"), log(&sym(Q::Softmax, &[y]))]);
            (symbolic, row(&[mo("−"), log(&num(at_v(&walk.fwd.o_s, y)))]))
        }
        Step::GradOutputActivation => (
            row(&[sym(Q::Softmax, &[r]), mo("−"), sym(Q::OneHot, &[r])]),
            row(&[num(val(Q::Softmax, r, 0)), mo("−"), num(val(Q::OneHot, r, 0))]),
        ),
        Step::GradW2 => product(sym(Q::GradOutputActivation, &[r]), sym(Q::HiddenOutput, &[c]), val(Q::GradOutputActivation, r, 0), val(Q::HiddenOutput, c, 0)),
        Step::GradW1 => product(sym(Q::GradHiddenActivation, &[r]), sym(Q::X, &[c]), val(Q::GradHiddenActivation, r, 0), val(Q::X, c, 0)),
        Step::GradHiddenActivation => product(sym(Q::GradHiddenOutput, &[r]), sym(Q::ReluMask, &[r]), val(Q::GradHiddenOutput, r, 0), val(Q::ReluMask, r, 0)),
        Step::GradB2 => copy(sym(Q::GradOutputActivation, &[r]), val(Q::GradOutputActivation, r, 0)),
        Step::GradB1 => copy(sym(Q::GradHiddenActivation, &[r]), val(Q::GradHiddenActivation, r, 0)),
        Step::GradHiddenOutput => {
            let g = &walk.grads.o_a;
            let pairs: Vec<(f64, f64)> = (0..g.len()).map(|k| (at_v(g, k), at(&params.w2, k, r))).collect();
            sum_terms("k", Q::GradOutputActivation, Q::W2, r, &pairs, more, true)
        }
        Step::GradInput => {
            let g = &walk.grads.h_a;
            let pairs: Vec<(f64, f64)> = (0..g.len()).map(|k| (at_v(g, k), at(&params.w1, k, r))).collect();
            sum_terms("j", Q::GradHiddenActivation, Q::W1, r, &pairs, more, true)
        }
        Step::RegW1 => regularized((Q::GradW1, Q::W1, 1), &penalty, r, c, val(Q::GradW1, r, c), val(Q::W1, r, c)),
        Step::RegW2 => regularized((Q::GradW2, Q::W2, 2), &penalty, r, c, val(Q::GradW2, r, c), val(Q::W2, r, c)),
        Step::Update => update_terms(walk, result, r, c, eta),
    }
}

fn mi_max() -> String {
    crate::mathml::mi_upright("max")
}

fn log(arg: &str) -> String {
    row(&[crate::mathml::mi_upright("log"), mo("("), arg.to_string(), mo(")")])
}

fn product(a_sym: String, b_sym: String, a: f64, b: f64) -> (String, String) {
    (row(&[a_sym, mo("·"), b_sym]), times(a, b))
}

fn copy(sym: String, value: f64) -> (String, String) {
    (sym, num(value))
}

/// Σ_i A[r,i]·B[i] + bias[r] (forward steps (a) and (b)).
#[allow(clippy::too_many_arguments)]
fn sum_plus(index: &str, a: Q, b: Q, r: usize, pairs: &[(f64, f64)], bias: f64, bias_q: Q, more: &str) -> (String, String) {
    let (sum_sym, sum_num) = sum_terms(index, a, b, r, pairs, more, false);
    let bias_sym = entry(&bias_q.symbol(), &[r]);
    (row(&[sum_sym, mo("+"), bias_sym]), row(&[sum_num, mo("+"), num(bias)]))
}

/// Σ over `index` of A·B. `transposed`: A is indexed by the summed index alone and B by
/// [index, r] (backward steps (l) and (q)); otherwise A by [r, index] and B by [index].
fn sum_terms(index: &str, a: Q, b: Q, r: usize, pairs: &[(f64, f64)], more: &str, transposed: bool) -> (String, String) {
    let i = mi(index);
    let r = mn(&r.to_string());
    let (a_idx, b_idx) = if transposed {
        (i.clone(), row(&[i.clone(), mo(","), r]))
    } else {
        (row(&[r, mo(","), i.clone()]), i.clone())
    };
    let indexed = |q: Q, idx: String| row(&[q.symbol(), mo("["), idx, mo("]")]);
    let symbolic = row(&[crate::mathml::under(&mo("∑"), &i), indexed(a, a_idx), mo("·"), indexed(b, b_idx)]);
    (symbolic, written_sum(pairs, more))
}

/// o^s[k] = exp(o^a[k] − max) / Σ_k′ exp(o^a[k′] − max), with the numbers.
fn softmax_terms(walk: &Walk, k: usize) -> (String, String) {
    let o_a = &walk.fwd.o_a;
    let max = o_a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exp = |arg: String| row(&[crate::mathml::mi_upright("exp"), mo("("), arg, mo(")")]);
    let shifted = |v: f64| row(&[num(v), mo("−"), num(max)]);
    let o_a_k = at_v(o_a, k);
    let numerator = (o_a_k - max).exp();
    let denominator: f64 = o_a.iter().map(|v| (v - max).exp()).sum();
    let sym_num = exp(row(&[entry(&Q::OutputActivation.symbol(), &[k]), mo("−"), mi_max()]));
    let k_prime = mi("k′");
    let o_a_at = row(&[Q::OutputActivation.symbol(), mo("["), k_prime.clone(), mo("]")]);
    let sym_den = row(&[crate::mathml::under(&mo("∑"), &k_prime), exp(row(&[o_a_at, mo("−"), mi_max()]))]);
    (
        crate::mathml::frac(&sym_num, &sym_den),
        row(&[crate::mathml::frac(&exp(shifted(o_a_k)), &num(denominator)), mo("="), crate::mathml::frac(&num(numerator), &num(denominator))]),
    )
}

/// ∂R̃/∂W[r,c] = ∂L/∂W[r,c] + 2λW[r,c], or with the full penalty
/// ∂L/∂W[r,c] + λ₁ sign(W[r,c]) + 2λ₂W[r,c] (sign(0) = 0), for `layer`'s `(grad, weight)`.
fn regularized((grad, weight, layer): (Q, Q, u8), penalty: &Penalty, r: usize, c: usize, g: f64, w: f64) -> (String, String) {
    let idx = [r, c];
    let symbols = [vec![entry(&grad.symbol(), &idx)], penalty_terms(layer, penalty, &entry(&weight.symbol(), &idx))].concat();
    let l = penalty.layer(usize::from(layer));
    let numbers = match penalty.as_weight_decay() {
        Some(lambda) => vec![num(g), mo("+"), mn("2"), mo("×"), num(lambda), mo("×"), num(w)],
        None => {
            let l1 = [num(l.l1), mo("×"), num(sign(w))];
            [vec![num(g), mo("+")], l1.to_vec(), vec![mo("+"), mn("2"), mo("×"), num(l.l2), mo("×"), num(w)]].concat()
        }
    };
    (row(&symbols), row(&numbers))
}

/// θ′[r,c] = θ[r,c] − η ∂R̃/∂θ[r,c].
fn update_terms(walk: &Walk, result: Q, r: usize, c: usize, eta: f64) -> (String, String) {
    let (before, gradient) = match result {
        Q::NewW1 => (Q::W1, Q::RegW1),
        Q::NewB1 => (Q::B1, Q::RegB1),
        Q::NewW2 => (Q::W2, Q::RegW2),
        _ => (Q::B2, Q::RegB2),
    };
    let idx = index_of(result, r, c);
    let val = |q: Q| at(&q.value(walk), r, c);
    // A weight under an L1 term takes the step that stops at 0 (mlp::sgd): S(u, ηλ₁).
    let l1 = match result {
        Q::NewW1 => walk.example.penalty.w1.l1,
        Q::NewW2 => walk.example.penalty.w2.l1,
        _ => 0.0,
    };
    let plain = walk.example.mistakes.contains(Mistake::GradientAscent) || walk.example.mistakes.contains(Mistake::NoPenalty);
    // The first step of Nesterov and Adam from their state at 0 (momentum's is SGD's).
    let (theta, g, sym_g) = (val(before), val(gradient), entry(&gradient.symbol(), &idx));
    let sym_theta = entry(&before.symbol(), &idx);
    match walk.example.rule {
        UpdateRule::Nesterov { beta } => {
            let factor = [mo("("), mn("1"), mo("+"), mi("β"), mo(")")];
            let symbols = row(&[vec![sym_theta, mo("−"), mi("η")], factor.to_vec(), vec![sym_g]].concat());
            let numbers = row(&[num(theta), mo("−"), num(eta), mo("×"), mo("("), mn("1"), mo("+"), num(beta), mo(")"), mo("×"), num(g)]);
            return (symbols, numbers);
        }
        UpdateRule::Adam { epsilon, .. } => {
            let den = |g: String| row(&[mo("|"), g, mo("|"), mo("+"), mi("ε")]);
            let symbols = row(&[sym_theta, mo("−"), mi("η"), crate::mathml::frac(&sym_g, &den(sym_g.clone()))]);
            let den_num = row(&[mo("|"), num(g), mo("|"), mo("+"), num(epsilon)]);
            let numbers = row(&[num(theta), mo("−"), num(eta), mo("×"), crate::mathml::frac(&num(g), &den_num)]);
            return (symbols, numbers);
        }
        UpdateRule::Sgd | UpdateRule::Momentum { .. } => {}
    }
    if l1 > 0.0 && !plain && walk.example.rule == UpdateRule::Sgd {
        let (theta, g) = (val(before), val(gradient));
        let lambda = mi("λ");
        let s = |args: &[String]| row(&[vec![crate::mathml::mi_upright("S"), mo("(")], args.to_vec(), vec![mo(")")]].concat());
        let symbols = s(&[
            entry(&before.symbol(), &idx), mo("−"), mi("η"), mo("("), entry(&gradient.symbol(), &idx), mo("−"), lambda.clone(),
            crate::mathml::mi_upright("sign"), entry(&before.symbol(), &idx), mo(")"), mo(","), mi("η"), lambda,
        ]);
        let numbers = s(&[
            num(theta), mo("−"), num(eta), mo("×"), mo("("), num(g), mo("−"), num(l1), mo("×"), num(sign(theta)), mo(")"),
            mo(","), num(eta), mo("×"), num(l1),
        ]);
        return (symbols, numbers);
    }
    (
        row(&[entry(&before.symbol(), &idx), mo("−"), mi("η"), entry(&gradient.symbol(), &idx)]),
        row(&[num(val(before)), mo("−"), num(eta), mo("×"), num(val(gradient))]),
    )
}
