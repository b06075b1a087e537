//! A worked case as JSON, for the "check my homework" panel: a student pastes the network, the
//! example and penalty of their own homework, and gets back every value of (a)–(r) to compare with.
//!
//! **Input** ([`parse_case`]): one JSON object, the same as each entry of the reference
//! `cases.json` (extra keys such as `forward` or `seed` are ignored):
//!
//! ```text
//! { "d": 2, "d_h": 3, "m": 2, "lambda": 0.01,
//!   "params": { "W1": [[…], …],   // d_h rows of d numbers (numpy layout: W1[j][k] = W1_jk)
//!               "b1": […],        // d_h numbers
//!               "W2": [[…], …],   // m rows of d_h numbers
//!               "b2": […] },      // m numbers
//!   "x": […],                     // d numbers
//!   "y": 1 }                      // class in 0..m−1
//! ```
//!
//! The sizes are read from the arrays: d_h = rows of W1, d = length of W1's row 0, m = rows of
//! W2. `d`, `d_h` and `m` may be omitted; when given they must agree with those. Every other
//! array must then fit (d ≥ 1, d_h ≥ 1, m ≥ 2). `params`, `x` and `y` are required, and the
//! penalty: `lambda` (the weight decay λ ≥ 0: λ₁₂ = λ₂₂ = λ) and/or the homework's four
//! coefficients `l11`, `l12`, `l21`, `l22` (λ₁₁ Σ|W1| + λ₁₂ ΣW1² + λ₂₁ Σ|W2| + λ₂₂ ΣW2², each
//! ≥ 0): each of them given replaces what `lambda` set, the others not given are 0. At least one
//! of the five keys must be there. Whole numbers may be written `2` or `2.0`. The checks run in this order, and the
//! first problem found is reported as a [`CaseError`] naming the field, row and column.
//!
//! **Output** ([`export_case`]): the case with everything computed, as pretty-printed JSON:
//! `d, d_h, m`, the penalty (`lambda` for a weight decay, else `l11, l12, l21, l22`),
//! `params {W1, b1, W2, b2}, x, y`, then `forward {h_a, h_s, o_a, o_s, loss, regularized_loss}`
//! with `regularized_loss = L + Ω`, `gradients {o_a, W2, b2, h_s, h_a, W1, b1, x}` (of L
//! alone) and `regularized_gradients {W1, b1, W2, b2}` (∂R̃/∂θ), and `mistakes` (their keys) only
//! when some are switched on. Matrices are arrays of rows. Numbers are written in the shortest
//! form that reads back to the same f64, so an exported case parses back bit for bit. JSON has no
//! NaN or ∞: a non-finite value (only possible with a mistake on, e.g. an overflowing softmax)
//! is written as `null`.

mod error;
mod export;
mod parse;
mod place;

pub use error::CaseError;
pub use place::{Expected, JsonType, Place};

use nalgebra::DVector;

use crate::mistakes::Mistakes;
use crate::params::{Params, Shape, ShapeError};
use crate::penalty::Penalty;

/// One worked example of the homework: a network θ, one example (x, y) and the penalty Ω.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// θ = (W1, b1, W2, b2).
    pub params: Params,
    /// The input x. // d
    pub x: DVector<f64>,
    /// Its class, in 0..m.
    pub y: usize,
    /// The penalty Ω of (r).
    pub penalty: Penalty,
}

impl Case {
    /// The network's sizes d, d_h, m (read from `params`).
    pub fn shape(&self) -> Shape {
        self.params.shape()
    }
}

/// Reads a case from JSON (see the [module docs](self) for the format and the order of the
/// checks). Never panics: any text gives a case or a [`CaseError`].
pub fn parse_case(json: &str) -> Result<Case, CaseError> {
    parse::parse(json)
}

/// Reads the weights θ of a case's text — a file of weights ([`export_params`]) or a whole
/// case, whose other fields are then not read — with the checks of [`parse_case`] on `d`,
/// `d_h`, `m` and `params`. Never panics.
pub fn parse_params(json: &str) -> Result<Params, CaseError> {
    parse::parse_params(json)
}

/// θ as JSON: the `d`, `d_h`, `m` and `params` of the case format, which [`parse_params`] and
/// (with `lambda`, `x` and `y` added) [`parse_case`] read back exactly.
pub fn export_params(params: &Params) -> String {
    export::export_params(params)
}

/// Writes `case` with its forward pass, gradients and regularized gradients, computed with
/// `mistakes` switched on (none for the correct values), as pretty-printed JSON (see the
/// [module docs](self)).
///
/// Errors when the fields of `case` do not fit together (as [`crate::forward()`]); a case from
/// [`parse_case`] always fits.
pub fn export_case(case: &Case, mistakes: Mistakes) -> Result<String, ShapeError> {
    export::export(case, mistakes)
}
