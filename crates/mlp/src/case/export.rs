//! Writing a case with everything computed. The layout is plain structs in the order a student
//! reads the homework (sizes, θ, example, forward, gradients), serialized by serde_json, whose
//! float printing is the shortest text that reads back to the same f64.

use nalgebra::{DMatrix, DVector};
use serde::Serialize;

use super::Case;
use crate::backward::{backward_with, Gradients};
use crate::forward::{forward_with, Forward};
use crate::mistakes::{Mistake, Mistakes};
use crate::params::{Params, ShapeError};

/// A number, or `null` when it is NaN or ±∞ (JSON has neither).
type Num = Option<f64>;

#[derive(Serialize)]
struct Export {
    d: usize,
    d_h: usize,
    m: usize,
    lambda: Num,
    params: Layers,
    x: Vec<Num>,
    y: usize,
    forward: ForwardValues,
    gradients: GradientValues,
    regularized_gradients: Layers,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mistakes: Vec<&'static str>,
}

/// W1, b1, W2, b2 (θ or a gradient with respect to θ).
#[derive(Serialize)]
struct Layers {
    #[serde(rename = "W1")]
    w1: Vec<Vec<Num>>,
    b1: Vec<Num>,
    #[serde(rename = "W2")]
    w2: Vec<Vec<Num>>,
    b2: Vec<Num>,
}

/// (a)–(d) and R̃.
#[derive(Serialize)]
struct ForwardValues {
    h_a: Vec<Num>,
    h_s: Vec<Num>,
    o_a: Vec<Num>,
    o_s: Vec<Num>,
    loss: Num,
    regularized_loss: Num,
}

/// (g)–(q), gradients of L alone.
#[derive(Serialize)]
struct GradientValues {
    o_a: Vec<Num>,
    #[serde(rename = "W2")]
    w2: Vec<Vec<Num>>,
    b2: Vec<Num>,
    h_s: Vec<Num>,
    h_a: Vec<Num>,
    #[serde(rename = "W1")]
    w1: Vec<Vec<Num>>,
    b1: Vec<Num>,
    x: Vec<Num>,
}

pub(super) fn export(case: &Case, mistakes: Mistakes) -> Result<String, ShapeError> {
    let Case {
        params,
        x,
        y,
        lambda,
    } = case;
    let fwd = forward_with(params, x, *y, mistakes)?; // checks every shape
    let g = backward_with(params, &fwd, x, *y, *lambda, mistakes);
    let shape = params.shape();
    let export = Export {
        d: shape.d,
        d_h: shape.d_h,
        m: shape.m,
        lambda: num(*lambda),
        params: layers(params),
        x: vector(x),
        y: *y,
        forward: forward_values(&fwd, params.penalty(*lambda)),
        gradients: gradient_values(&g),
        regularized_gradients: layers(&g.regularized()),
        mistakes: mistakes.iter().map(Mistake::key).collect(),
    };
    // Plain structs of numbers and strings always serialize; the fallback is unreachable.
    Ok(serde_json::to_string_pretty(&export).unwrap_or_default())
}

/// (a)–(d), and R̃ = L + λ(ΣW1² + ΣW2²) with the true penalty, whatever the mistakes.
fn forward_values(fwd: &Forward, penalty: f64) -> ForwardValues {
    ForwardValues {
        h_a: vector(&fwd.h_a),
        h_s: vector(&fwd.h_s),
        o_a: vector(&fwd.o_a),
        o_s: vector(&fwd.o_s),
        loss: num(fwd.loss),
        regularized_loss: num(fwd.loss + penalty),
    }
}

fn gradient_values(g: &Gradients) -> GradientValues {
    GradientValues {
        o_a: vector(&g.o_a),
        w2: matrix(&g.w2),
        b2: vector(&g.b2),
        h_s: vector(&g.h_s),
        h_a: vector(&g.h_a),
        w1: matrix(&g.w1),
        b1: vector(&g.b1),
        x: vector(&g.x),
    }
}

fn num(v: f64) -> Num {
    v.is_finite().then_some(v)
}

fn vector(v: &DVector<f64>) -> Vec<Num> {
    v.iter().copied().map(num).collect()
}

/// Arrays of rows (numpy's layout).
fn matrix(m: &DMatrix<f64>) -> Vec<Vec<Num>> {
    m.row_iter()
        .map(|row| row.iter().copied().map(num).collect())
        .collect()
}

fn layers(p: &Params) -> Layers {
    Layers {
        w1: matrix(&p.w1),
        b1: vector(&p.b1),
        w2: matrix(&p.w2),
        b2: vector(&p.b2),
    }
}
