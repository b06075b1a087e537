//! Why a pasted case was rejected. Every variant carries the data of its message (field path,
//! row and column, expected and found sizes), so the app can word it in any language; the
//! English [`Display`](std::fmt::Display) says what is wrong and where.

use std::fmt;

use super::place::{Expected, JsonType, Place};
use crate::json::Syntax;

/// Why [`super::parse_case`] rejected a text.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseError {
    /// The text is not valid JSON: what is wrong, at 1-based `line` and `column` (in characters).
    Json {
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem, from 1.
        column: usize,
        /// What is wrong, e.g. [`Syntax::ExpectedCommaOrBracket`].
        problem: Syntax,
    },
    /// A number too large for an f64 (e.g. `1e400`).
    NumberOutOfRange {
        /// Line of the number, from 1.
        line: usize,
        /// Column of the number's last character, from 1.
        column: usize,
    },
    /// A required field is absent.
    Missing {
        /// The field path, e.g. `"params.b2"`.
        field: &'static str,
    },
    /// A value of the wrong JSON type.
    WrongType {
        /// Where.
        place: Place,
        /// What is required there.
        expected: Expected,
        /// What was found.
        found: JsonType,
    },
    /// `d`, `d_h`, `m` or `y` is negative or has a fractional part.
    NotWhole {
        /// `"d"`, `"d_h"`, `"m"` or `"y"`.
        field: &'static str,
        /// The number found.
        found: f64,
    },
    /// `d` or `d_h` is 0, or `m` < 2 (a softmax over one class is constant).
    TooSmall {
        /// `"d"`, `"d_h"` or `"m"`.
        field: &'static str,
        /// The size found.
        found: u64,
        /// The smallest size allowed: 1 for d and d_h, 2 for m.
        min: u64,
        /// Whether the size was declared by the field itself (`true`) or counted in the arrays
        /// (`false`: rows of W1 for d_h, length of W1's row 0 for d, rows of W2 for m).
        declared: bool,
    },
    /// A declared `d`, `d_h` or `m` disagrees with the arrays.
    DeclaredMismatch {
        /// `"d"`, `"d_h"` or `"m"`.
        field: &'static str,
        /// The value of the field.
        declared: u64,
        /// The size of the arrays: length of W1's row 0 (d), rows of W1 (d_h), rows of W2 (m).
        actual: usize,
    },
    /// A row of `params.W1` or `params.W2` has the wrong length.
    RowLength {
        /// `"params.W1"` or `"params.W2"`.
        field: &'static str,
        /// The row, from 0.
        row: usize,
        /// The length required: d for W1, d_h for W2.
        expected: usize,
        /// The length found.
        found: usize,
        /// The size it should equal: `"d"` or `"d_h"`.
        dim: &'static str,
    },
    /// `params.b1`, `params.b2` or `x` has the wrong length.
    Length {
        /// `"params.b1"`, `"params.b2"` or `"x"`.
        field: &'static str,
        /// The length required.
        expected: usize,
        /// The length found.
        found: usize,
        /// The size it should equal: `"d_h"` (b1), `"m"` (b2) or `"d"` (x).
        dim: &'static str,
    },
    /// `y ≥ m`. (A whole number beyond 2⁶⁴ − 1 is reported as 2⁶⁴ − 1.)
    LabelOutOfRange {
        /// The label found.
        y: u64,
        /// The number of classes.
        m: usize,
    },
    /// A penalty coefficient (`lambda`, `l11`, `l12`, `l21` or `l22`) is negative (JSON numbers
    /// are always finite).
    Penalty {
        /// The key.
        key: &'static str,
        /// The value found.
        found: f64,
    },
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaseError::Json {
                line,
                column,
                problem,
            } => write!(f, "invalid JSON at line {line}, column {column}: {problem}"),
            CaseError::NumberOutOfRange { line, column } => write!(
                f,
                "invalid JSON at line {line}, column {column}: number out of range (too large \
                 for a 64-bit float)"
            ),
            CaseError::Missing { field } => write!(f, "missing field {field}"),
            CaseError::WrongType {
                place,
                expected,
                found,
            } => write!(f, "{place} must be {expected}, found {found}"),
            CaseError::NotWhole { field, found } if *found < 0.0 => write!(
                f,
                "{field} = {found} is negative; it must be a whole number 0, 1, 2, …"
            ),
            CaseError::NotWhole { field, found } => write!(
                f,
                "{field} = {found} is not a whole number; it must be 0, 1, 2, …"
            ),
            CaseError::TooSmall {
                field,
                found,
                min,
                declared,
            } => too_small(f, field, *found, *min, *declared),
            CaseError::DeclaredMismatch {
                field,
                declared,
                actual,
            } => write!(
                f,
                "the case declares {field} = {declared}, but {}",
                counted(field, *actual)
            ),
            CaseError::RowLength {
                field,
                row,
                expected,
                found,
                dim,
            } => write!(
                f,
                "{field} row {row} has {found} values, expected {dim} = {expected}"
            ),
            CaseError::Length {
                field,
                expected,
                found,
                dim,
            } => write!(f, "{field} has {found} values, expected {dim} = {expected}"),
            CaseError::LabelOutOfRange { y, m } => write!(
                f,
                "y = {y}, but classes are 0..m−1 = 0..{}",
                m.saturating_sub(1)
            ),
            CaseError::Penalty { key, found } => write!(
                f,
                "{key} = {found} is negative; a penalty coefficient must be 0 or more"
            ),
        }
    }
}

/// "params.W1 has 2 rows" (d_h), "params.W1 row 0 has 2 values" (d), "params.W2 has 2 rows" (m).
fn counted(field: &str, n: usize) -> String {
    match field {
        "d" => format!("params.W1 row 0 has {n} values"),
        "d_h" => format!("params.W1 has {n} rows"),
        _ => format!("params.W2 has {n} rows"),
    }
}

fn too_small(
    f: &mut fmt::Formatter<'_>,
    field: &str,
    found: u64,
    min: u64,
    declared: bool,
) -> fmt::Result {
    if !declared {
        let n = usize::try_from(found).unwrap_or(usize::MAX);
        write!(f, "{}, so {field} = {found}; ", counted(field, n))?;
    } else {
        write!(f, "{field} = {found}; ")?;
    }
    let why = if field == "m" {
        " (a softmax over one class is constant)"
    } else {
        ""
    };
    write!(f, "{field} must be at least {min}{why}")
}

impl std::error::Error for CaseError {}
