//! Reading a case: the text goes through [`json::parse`] first, then this walk checks every
//! field itself, so each error names its exact place (a derived deserializer would only say
//! "invalid type" with a byte position). The order of the checks is that of the module docs.

use nalgebra::{DMatrix, DVector};

use super::error::CaseError;
use super::place::{Expected, JsonType, Place};
use super::Case;
use crate::json::{self, SyntaxError, Syntax, Value};
use crate::params::Params;
use crate::penalty::{Coefficient, Penalty};

/// An object's members.
type Object = [(String, Value)];

/// The sizes declared by the optional fields `d`, `d_h`, `m`.
struct Declared {
    d: Option<u64>,
    d_h: Option<u64>,
    m: Option<u64>,
}

/// The arrays of θ, as read (rows of numbers), before their sizes are checked.
struct RawParams {
    w1: Vec<Vec<f64>>,
    b1: Vec<f64>,
    w2: Vec<Vec<f64>>,
    b2: Vec<f64>,
}

pub(super) fn parse(json: &str) -> Result<Case, CaseError> {
    let value = json::parse(json).map_err(json_error)?;
    let root = object(&value, Place::field(""))?;
    let declared = Declared {
        d: optional_size(root, "d", 1, json)?,
        d_h: optional_size(root, "d_h", 1, json)?,
        m: optional_size(root, "m", 2, json)?,
    };
    let penalty = penalty(root)?;
    let raw = raw_params(required(root, "params", "params")?)?;
    let x = numbers(required(root, "x", "x")?, Place::field("x"))?;
    let y = whole(required(root, "y", "y")?, "y", json)?;

    let params = checked_params(raw, &declared)?;
    let shape = params.shape();
    check_length("x", &x, shape.d, "d")?;
    let y = match usize::try_from(y) {
        Ok(y) if y < shape.m => y,
        _ => return Err(CaseError::LabelOutOfRange { y, m: shape.m }),
    };
    Ok(Case { params, x: DVector::from_vec(x), y, penalty })
}

/// The penalty: `lambda` sets λ₁₂ = λ₂₂, then each of `l11`, `l12`, `l21`, `l22` given sets its
/// own coefficient. Missing when none of the five is there.
fn penalty(root: &Object) -> Result<Penalty, CaseError> {
    let coefficient = |key: &'static str| -> Result<Option<f64>, CaseError> {
        let Some(value) = member(root, key) else {
            return Ok(None);
        };
        let found = number(value, Place::field(key))?;
        if found < 0.0 {
            return Err(CaseError::Penalty { key, found });
        }
        Ok(Some(found))
    };
    let lambda = coefficient("lambda")?;
    let mut penalty = Penalty::weight_decay(lambda.unwrap_or(0.0));
    let mut any = lambda.is_some();
    for c in Coefficient::ALL {
        if let Some(value) = coefficient(c.key())? {
            penalty.set(c, value);
            any = true;
        }
    }
    if any {
        Ok(penalty)
    } else {
        Err(CaseError::Missing { field: "lambda" })
    }
}

/// θ from its arrays, once their sizes agree with each other and with the declared ones.
fn checked_params(raw: RawParams, declared: &Declared) -> Result<Params, CaseError> {
    let (d, d_h, m) = sizes(&raw, declared)?;
    check_rows("params.W1", &raw.w1, d, "d")?;
    check_length("params.b1", &raw.b1, d_h, "d_h")?;
    check_rows("params.W2", &raw.w2, d_h, "d_h")?;
    check_length("params.b2", &raw.b2, m, "m")?;
    Ok(Params {
        w1: matrix(&raw.w1, d),
        b1: DVector::from_vec(raw.b1),
        w2: matrix(&raw.w2, d_h),
        b2: DVector::from_vec(raw.b2),
    })
}

/// Reads only θ (and the optional sizes) from a case's text: a file of weights, or a whole case
/// (its other fields are ignored). The same checks as [`parse`] on what it reads.
pub(super) fn parse_params(json: &str) -> Result<Params, CaseError> {
    let value = json::parse(json).map_err(json_error)?;
    let root = object(&value, Place::field(""))?;
    let declared = Declared {
        d: optional_size(root, "d", 1, json)?,
        d_h: optional_size(root, "d_h", 1, json)?,
        m: optional_size(root, "m", 2, json)?,
    };
    checked_params(raw_params(required(root, "params", "params")?)?, &declared)
}

/// The reader's error: a number beyond the f64 range has its own message.
fn json_error(e: SyntaxError) -> CaseError {
    let SyntaxError { problem, line, column } = e;
    match problem {
        Syntax::NumberOutOfRange => CaseError::NumberOutOfRange { line, column },
        problem => CaseError::Json { line, column, problem },
    }
}

/// The member `key` (the last one when it is repeated, as every JSON reader of Python does).
fn member<'a>(obj: &'a Object, key: &str) -> Option<&'a Value> {
    obj.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn required<'a>(obj: &'a Object, key: &str, field: &'static str) -> Result<&'a Value, CaseError> {
    member(obj, key).ok_or(CaseError::Missing { field })
}

fn wrong_type(place: Place, expected: Expected, found: &Value) -> CaseError {
    CaseError::WrongType {
        place,
        expected,
        found: JsonType::of(found),
    }
}

fn object(value: &Value, place: Place) -> Result<&Object, CaseError> {
    value
        .as_object()
        .ok_or_else(|| wrong_type(place, Expected::Object, value))
}

fn number(value: &Value, place: Place) -> Result<f64, CaseError> {
    // as_f64 is Some for every JSON number (integers beyond 2^53 are rounded).
    value
        .as_f64()
        .ok_or_else(|| wrong_type(place, Expected::Number, value))
}

/// A whole number 0, 1, 2, …, written as an integer or as a float with no fractional part.
/// Values beyond u64::MAX saturate to it (they are out of range anyway).
fn whole(value: &Value, field: &'static str, source: &str) -> Result<u64, CaseError> {
    let Value::Number(n) = value else {
        return Err(wrong_type(
            Place::field(field),
            Expected::WholeNumber,
            value,
        ));
    };
    if let Some(u) = n.as_u64(source) {
        return Ok(u);
    }
    let found = n.value;
    if found >= 0.0 && found.fract() == 0.0 {
        Ok(found as u64) // saturating cast
    } else {
        Err(CaseError::NotWhole { field, found })
    }
}

/// `d`, `d_h` or `m` if present: a whole number ≥ `min`.
fn optional_size(obj: &Object, field: &'static str, min: u64, source: &str) -> Result<Option<u64>, CaseError> {
    let Some(value) = member(obj, field) else {
        return Ok(None);
    };
    let found = whole(value, field, source)?;
    if found < min {
        return Err(CaseError::TooSmall {
            field,
            found,
            min,
            declared: true,
        });
    }
    Ok(Some(found))
}

fn numbers(value: &Value, place: Place) -> Result<Vec<f64>, CaseError> {
    let array = value
        .as_array()
        .ok_or_else(|| wrong_type(place, Expected::Numbers, value))?;
    let at = |i: usize| match place.row {
        Some(row) => place.at2(row, i),
        None => place.at(i),
    };
    array
        .iter()
        .enumerate()
        .map(|(i, v)| number(v, at(i)))
        .collect()
}

fn rows(value: &Value, field: &'static str) -> Result<Vec<Vec<f64>>, CaseError> {
    let place = Place::field(field);
    let array = value
        .as_array()
        .ok_or_else(|| wrong_type(place, Expected::Rows, value))?;
    array
        .iter()
        .enumerate()
        .map(|(i, row)| numbers(row, place.at(i)))
        .collect()
}

fn raw_params(value: &Value) -> Result<RawParams, CaseError> {
    let params = object(value, Place::field("params"))?;
    Ok(RawParams {
        w1: rows(required(params, "W1", "params.W1")?, "params.W1")?,
        b1: numbers(
            required(params, "b1", "params.b1")?,
            Place::field("params.b1"),
        )?,
        w2: rows(required(params, "W2", "params.W2")?, "params.W2")?,
        b2: numbers(
            required(params, "b2", "params.b2")?,
            Place::field("params.b2"),
        )?,
    })
}

/// (d, d_h, m) counted in W1 and W2, checked against the declared values and the minimums.
fn sizes(raw: &RawParams, declared: &Declared) -> Result<(usize, usize, usize), CaseError> {
    let d_h = raw.w1.len();
    let d = raw.w1.first().map_or(0, Vec::len);
    let m = raw.w2.len();
    // d_h before d: with no row in W1, "d_h = 0" is the problem, not d.
    for (field, actual, declared, min) in [
        ("d_h", d_h, declared.d_h, 1),
        ("d", d, declared.d, 1),
        ("m", m, declared.m, 2),
    ] {
        match declared {
            Some(declared) if declared != actual as u64 => {
                return Err(CaseError::DeclaredMismatch {
                    field,
                    declared,
                    actual,
                })
            }
            _ if (actual as u64) < min => {
                return Err(CaseError::TooSmall {
                    field,
                    found: actual as u64,
                    min,
                    declared: false,
                })
            }
            _ => {}
        }
    }
    Ok((d, d_h, m))
}

fn check_rows(
    field: &'static str,
    rows: &[Vec<f64>],
    expected: usize,
    dim: &'static str,
) -> Result<(), CaseError> {
    match rows.iter().position(|r| r.len() != expected) {
        Some(row) => Err(CaseError::RowLength {
            field,
            row,
            expected,
            found: rows[row].len(),
            dim,
        }),
        None => Ok(()),
    }
}

fn check_length(
    field: &'static str,
    values: &[f64],
    expected: usize,
    dim: &'static str,
) -> Result<(), CaseError> {
    if values.len() == expected {
        Ok(())
    } else {
        Err(CaseError::Length {
            field,
            expected,
            found: values.len(),
            dim,
        })
    }
}

/// A matrix from rows already checked to have `ncols` values each.
fn matrix(rows: &[Vec<f64>], ncols: usize) -> DMatrix<f64> {
    DMatrix::from_fn(rows.len(), ncols, |j, k| rows[j][k])
}
