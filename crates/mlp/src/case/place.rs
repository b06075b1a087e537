//! The vocabulary of [`super::CaseError`]: where a value sits in the case ([`Place`]), what kind
//! of JSON value was found there ([`JsonType`]) and what kind was required ([`Expected`]).

use std::fmt;

/// Where a value sits in the case: a field path such as `"params.W2"` (`""` for the whole
/// case), with the row and column of an entry when the problem is one entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// The field path: `"d"`, `"d_h"`, `"m"`, `"lambda"`, `"params"`, `"params.W1"`,
    /// `"params.b1"`, `"params.W2"`, `"params.b2"`, `"x"`, `"y"`, or `""` for the case itself.
    pub field: &'static str,
    /// Index in an array (the row of a matrix).
    pub row: Option<usize>,
    /// Index in a row of a matrix.
    pub col: Option<usize>,
}

impl Place {
    /// A whole field.
    pub(super) fn field(field: &'static str) -> Place {
        Place {
            field,
            row: None,
            col: None,
        }
    }

    /// Entry `row` of an array field.
    pub(super) fn at(self, row: usize) -> Place {
        Place {
            row: Some(row),
            ..self
        }
    }

    /// Entry `[row][col]` of a matrix field.
    pub(super) fn at2(self, row: usize, col: usize) -> Place {
        Place {
            row: Some(row),
            col: Some(col),
            ..self
        }
    }
}

impl fmt::Display for Place {
    /// `params.W1[1][0]`, `x[2]`, `lambda`, or `the case`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            return f.write_str("the case");
        }
        f.write_str(self.field)?;
        for index in [self.row, self.col].into_iter().flatten() {
            write!(f, "[{index}]")?;
        }
        Ok(())
    }
}

/// The kind of JSON value that was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    /// `null`
    Null,
    /// `true` or `false`
    Bool,
    /// a number
    Number,
    /// a string
    String,
    /// an array `[…]`
    Array,
    /// an object `{…}`
    Object,
}

impl JsonType {
    pub(super) fn of(value: &crate::json::Value) -> JsonType {
        use crate::json::Value;
        match value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Bool,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }
}

impl fmt::Display for JsonType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JsonType::Null => "null",
            JsonType::Bool => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        })
    }
}

/// The kind of JSON value a place requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// An object `{…}` (the case, `params`).
    Object,
    /// A number (`lambda`, an entry of a vector or matrix).
    Number,
    /// A whole number 0, 1, 2, … (`d`, `d_h`, `m`, `y`).
    WholeNumber,
    /// An array of numbers (`b1`, `b2`, `x`, a row of a matrix).
    Numbers,
    /// An array of rows, each an array of numbers (`W1`, `W2`).
    Rows,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Object => "an object",
            Expected::Number => "a number",
            Expected::WholeNumber => "a whole number",
            Expected::Numbers => "an array of numbers",
            Expected::Rows => "an array of rows, each an array of numbers",
        })
    }
}
