//! Errors for bad shapes and bad values, worded so a student can act on them: each message says
//! which field is wrong, what was expected and what was found.

use crate::penalty::Coefficient;
use std::fmt;

/// Why a shape, a parameter or an input was rejected.
#[derive(Clone, Debug, PartialEq)]
pub enum ShapeError {
    /// `d` or `d_h` is 0.
    ZeroDimension {
        /// `"d"` or `"d_h"`.
        name: &'static str,
    },
    /// Fewer than 2 classes: a softmax over one class is constant.
    TooFewClasses {
        /// The number of classes found.
        m: usize,
    },
    /// `d`, `d_h` or `m` is beyond its limit ([`super::MAX_D`], [`super::MAX_D_H`],
    /// [`super::MAX_M`]).
    TooLarge {
        /// `"d"`, `"d_h"` or `"m"`.
        name: &'static str,
        /// The size asked for.
        found: usize,
        /// The largest size allowed.
        max: usize,
    },
    /// A vector has the wrong length.
    Length {
        /// The vector, e.g. `"x"` or `"b1"`.
        what: &'static str,
        /// The length the network's shape requires.
        expected: usize,
        /// The length found.
        found: usize,
    },
    /// A matrix has the wrong `(rows, columns)`.
    Matrix {
        /// The matrix, e.g. `"W2"`.
        what: &'static str,
        /// The shape required.
        expected: (usize, usize),
        /// The shape found.
        found: (usize, usize),
    },
    /// A matrix given as rows has no rows, or its first row is empty.
    Empty {
        /// `"W1"` or `"W2"`.
        field: &'static str,
    },
    /// A matrix given as rows has rows of different lengths.
    Ragged {
        /// `"W1"` or `"W2"`.
        field: &'static str,
        /// The first row whose length differs from row 0.
        row: usize,
        /// The length of row 0.
        expected: usize,
        /// The length of `row`.
        found: usize,
    },
    /// A value is NaN or ±∞.
    NonFinite {
        /// The field, e.g. `"W1"` or `"x"`.
        field: &'static str,
        /// Row (or index, for a vector).
        row: usize,
        /// Column, for a matrix.
        col: Option<usize>,
    },
    /// A label `y ≥ m`.
    LabelOutOfRange {
        /// The label found.
        y: usize,
        /// The number of classes.
        m: usize,
    },
    /// An example index (a minibatch row) beyond the data set.
    IndexOutOfRange {
        /// The index found.
        index: usize,
        /// The number of examples.
        len: usize,
    },
    /// The finite-difference step ε is not a positive finite number.
    InvalidEpsilon {
        /// The step found.
        epsilon: f64,
    },
    /// A coefficient of the penalty is negative, NaN or infinite.
    InvalidPenalty {
        /// Which one.
        coefficient: Coefficient,
        /// The value found.
        value: f64,
    },
    /// The learning rate η of a check step is not a positive finite number.
    InvalidEta {
        /// The η found.
        eta: f64,
    },
}

impl ShapeError {
    pub(crate) fn length(what: &'static str, expected: usize, found: usize) -> ShapeError {
        ShapeError::Length {
            what,
            expected,
            found,
        }
    }

    pub(crate) fn matrix(
        what: &'static str,
        expected: (usize, usize),
        found: (usize, usize),
    ) -> ShapeError {
        ShapeError::Matrix {
            what,
            expected,
            found,
        }
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ShapeError::ZeroDimension { name } => {
                let meaning = meaning(name);
                write!(f, "{name} ({meaning}) must be at least 1, found 0")
            }
            ShapeError::TooLarge { name, found, max } => {
                let meaning = meaning(name);
                write!(
                    f,
                    "{name} ({meaning}) is {found}, more than the largest allowed, {max}"
                )
            }
            ShapeError::TooFewClasses { m } => {
                write!(f, "m (number of classes) must be at least 2, found {m}")
            }
            ShapeError::Length {
                what,
                expected,
                found,
            } => {
                write!(f, "{what} has {found} values, expected {expected}")
            }
            ShapeError::Matrix {
                what,
                expected,
                found,
            } => write!(
                f,
                "{what} is {} x {}, expected {} x {}",
                found.0, found.1, expected.0, expected.1
            ),
            ShapeError::Empty { field } => {
                write!(
                    f,
                    "{field} is empty: it needs at least one row and one column"
                )
            }
            ShapeError::Ragged {
                field,
                row,
                expected,
                found,
            } => {
                write!(
                    f,
                    "{field} row {row} has {found} values, expected {expected}"
                )
            }
            ShapeError::NonFinite {
                field,
                row,
                col: Some(col),
            } => {
                write!(
                    f,
                    "{field}[{row}][{col}] is NaN or infinite; every value must be finite"
                )
            }
            ShapeError::NonFinite {
                field,
                row,
                col: None,
            } => {
                write!(
                    f,
                    "{field}[{row}] is NaN or infinite; every value must be finite"
                )
            }
            ShapeError::LabelOutOfRange { y, m } => write!(
                f,
                "label y = {y} is out of range: with m = {m} classes y must be in 0..={}",
                m.saturating_sub(1)
            ),
            ShapeError::IndexOutOfRange { index, len } => {
                write!(
                    f,
                    "example index {index} is out of range: the set has {len} examples"
                )
            }
            ShapeError::InvalidEpsilon { epsilon } => write!(
                f,
                "the finite-difference step epsilon = {epsilon} must be positive and finite \
                 (try 1e-5)"
            ),
            ShapeError::InvalidPenalty { coefficient, value } => write!(
                f,
                "the penalty coefficient {} = {value} must be 0 or a positive finite number \
                 (try 0.0001)",
                coefficient.key()
            ),
            ShapeError::InvalidEta { eta } => write!(
                f,
                "the learning rate eta = {eta} must be a positive finite number (try 0.001)"
            ),
        }
    }
}

/// What the size called `name` counts.
fn meaning(name: &str) -> &'static str {
    match name {
        "d" => "number of inputs",
        "d_h" => "number of hidden units",
        _ => "number of classes",
    }
}

impl std::error::Error for ShapeError {}
