//! Writing a case with everything computed, in the order a student reads the homework (sizes,
//! θ, example, forward, gradients), through [`Pretty`], whose numbers are the shortest text that
//! reads back to the same f64.

use nalgebra::{DMatrix, DVector};

use super::Case;
use crate::backward::{backward_with, Gradients};
use crate::forward::forward_with;
use crate::json::Pretty;
use crate::mistakes::{Mistake, Mistakes};
use crate::params::{Params, ShapeError};
use crate::penalty::Coefficient;

pub(super) fn export(case: &Case, mistakes: Mistakes) -> Result<String, ShapeError> {
    let Case {
        params,
        x,
        y,
        penalty,
    } = case;
    let fwd = forward_with(params, x, *y, mistakes)?; // checks every shape
    let g = backward_with(params, &fwd, x, *y, *penalty, mistakes);
    let shape = params.shape();
    let mut doc = Pretty::new();
    doc.whole("d", shape.d).whole("d_h", shape.d_h).whole("m", shape.m);
    match penalty.as_weight_decay() {
        Some(lambda) => {
            doc.number("lambda", lambda);
        }
        None => {
            for c in Coefficient::ALL {
                doc.number(c.key(), penalty.get(c));
            }
        }
    }
    layers(doc.open("params"), params).close();
    doc.numbers("x", vector(x)).whole("y", *y);
    // (a)–(d), and R̃ = L + Ω with the true penalty, whatever the mistakes.
    doc.open("forward")
        .numbers("h_a", vector(&fwd.h_a))
        .numbers("h_s", vector(&fwd.h_s))
        .numbers("o_a", vector(&fwd.o_a))
        .numbers("o_s", vector(&fwd.o_s))
        .number("loss", fwd.loss)
        .number("regularized_loss", fwd.loss + penalty.value(params))
        .close();
    gradients(doc.open("gradients"), &g).close();
    layers(doc.open("regularized_gradients"), &g.regularized()).close();
    if !mistakes.is_empty() {
        doc.texts("mistakes", mistakes.iter().map(Mistake::key));
    }
    Ok(doc.finish())
}

/// θ alone, with its sizes: the `d`, `d_h`, `m` and `params` of a case.
pub(super) fn export_params(params: &Params) -> String {
    let shape = params.shape();
    let mut doc = Pretty::new();
    doc.whole("d", shape.d).whole("d_h", shape.d_h).whole("m", shape.m);
    layers(doc.open("params"), params).close();
    doc.finish()
}

/// (g)–(q), gradients of L alone.
fn gradients<'d>(doc: &'d mut Pretty, g: &Gradients) -> &'d mut Pretty {
    doc.numbers("o_a", vector(&g.o_a))
        .rows("W2", rows(&g.w2))
        .numbers("b2", vector(&g.b2))
        .numbers("h_s", vector(&g.h_s))
        .numbers("h_a", vector(&g.h_a))
        .rows("W1", rows(&g.w1))
        .numbers("b1", vector(&g.b1))
        .numbers("x", vector(&g.x))
}

fn vector(v: &DVector<f64>) -> impl Iterator<Item = f64> + '_ {
    v.iter().copied()
}

/// Arrays of rows (numpy's layout).
fn rows(m: &DMatrix<f64>) -> impl Iterator<Item = impl Iterator<Item = f64> + '_> + '_ {
    m.row_iter().map(|row| row.iter().copied().collect::<Vec<_>>().into_iter())
}

/// W1, b1, W2, b2 (θ or a gradient with respect to θ).
fn layers<'d>(doc: &'d mut Pretty, p: &Params) -> &'d mut Pretty {
    doc.rows("W1", rows(&p.w1)).numbers("b1", vector(&p.b1)).rows("W2", rows(&p.w2)).numbers("b2", vector(&p.b2))
}
