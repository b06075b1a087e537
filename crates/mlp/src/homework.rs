//! "Check my homework": a student's own values for a case, diagnosed step by step — which step
//! is first wrong, and which of the course's known mistakes explains each wrong value.
//!
//! **Input** ([`parse_answers`]): a case (the format of [`crate::case`]) plus any of the values
//! the case export writes, under the same keys, and `eta` with `updated_params` for (f):
//!
//! ```text
//! { …the case: d, d_h, m, lambda, params, x, y…,
//!   "forward": { "h_a", "h_s", "o_a", "o_s", "loss", "regularized_loss" },
//!   "gradients": { "o_a", "W2", "b2", "h_s", "h_a", "W1", "b1", "x" },
//!   "regularized_gradients": { "W1", "b1", "W2", "b2" },
//!   "eta": 0.1, "updated_params": { "W1", "b1", "W2", "b2" } }
//! ```
//!
//! A key left out is "not given". A vector may be written flat, as one row or as one column; a
//! matrix as its rows; `null` stands for a value that is not a number (NaN or ±∞). The digits
//! count: a value agrees when it is within half a unit of the last digit written (`0.1235` is
//! ±5e-5), or 1e-6 relative at full precision; a whole number (`0`) is exact. When a step reads
//! values the student rounded, their rounding is allowed for too (to first order). One value as
//! numpy prints it (`array([[ 0.1, -0.5 ]])`, `0,25 0,5`) is read by [`parse_values`].
//!
//! **Diagnosis** ([`diagnose`]): each quantity, in the order of the walk, is
//! [`Verdict::Right`], [`Verdict::Wrong`], [`Verdict::RightGivenYours`] (the step's formula on
//! the student's own earlier values gives it: the error came from before) or
//! [`Verdict::NotGiven`]. A wrong value is recomputed from the student's earlier values with each
//! mistake of [`crate::mistakes`] that touches its step, one at a time and then in pairs; (g) also
//! tries the one-hot vector of y − 1 and of the predicted class. The smallest sets that give the
//! student's value are its explanation.
//!
//! **Export** ([`export_diagnosis`]): `{"format": "backprop-lab-diagnosis/1", "first_wrong"`
//! (a step key of the page's `step=` parameter, or null)`, "first_wrong_quantity", "quantities":
//! {"gradients.W2": {"step", "verdict", "max_abs_error", "wrong_entries": [[row, col], …],
//! "explained_by": [keys], "expected_shape"?, "given_shape"?}, …}, "mistakes": [keys]}`; verdicts
//! are `right`, `right_given_yours`, `wrong`, `not_given`. [`check_text`] and [`check_value`] do
//! the whole check, text in and this JSON out (with each given quantity's `expected` and `given`
//! values), for the page's lazily imported module.

mod answers;
mod diagnose;
mod export;
mod given;
mod quantity;
mod text;
mod transport;

#[cfg(test)]
mod tests;

pub use answers::{has_answers, parse_answers, Answers, AnswersError};
pub use diagnose::{diagnose, Diagnosis, Judged, ShapeMismatch, Verdict};
pub use export::{verdict_key, FORMAT};
pub use given::{half_unit, Given, Layout, ShapeProblem};
pub use quantity::{Dims, Quantity};
pub use text::{parse_values, TextProblem, MAX_NUMBERS};
pub use transport::{check_text, check_value, read_error, CheckError};

/// The diagnosis as JSON (see the [module docs](self)).
pub fn export_diagnosis(diagnosis: &Diagnosis) -> String {
    export::export(diagnosis)
}
