//! A value as the student wrote it: its numbers, how many digits each was written with, and its
//! layout; read from JSON (numbers keep their source text) or from what numpy printed.

use nalgebra::DMatrix;

use super::quantity::Dims;
use crate::json::Value;

/// How the student laid the value out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One number.
    Scalar,
    /// A flat list of numbers.
    Vector,
    /// A list of rows.
    Rows,
}

/// A value given by the student. Entries are row-major; a non-number (`null`, `nan`, `inf`) is
/// NaN, and its half unit is 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Given {
    pub layout: Layout,
    pub rows: usize,
    pub cols: usize,
    pub values: Vec<f64>,
    /// Half a unit of the last digit written, per entry: `0.1235` → 5e-5; 0 for a whole number
    /// (`0`, `2.`), which is taken as exact.
    pub half_units: Vec<f64>,
}

/// How the given value fits the expected layout.
#[derive(Clone, Debug, PartialEq)]
pub enum Fit {
    /// The same shape (a vector may be written as one row or one column).
    Same(DMatrix<f64>, DMatrix<f64>),
    /// The transpose of the expected matrix's shape (not square).
    Transposed(DMatrix<f64>, DMatrix<f64>),
    /// Another shape.
    Other,
}

/// Numbers written with at least this many significant digits are at full precision.
pub(super) const FULL_PRECISION: usize = 10;

impl Given {
    /// A value with one number at full precision was printed at full precision: its short
    /// numbers (`0.0`, `0.5`, as Python's repr writes them) are then exact too, not rounded.
    pub(super) fn full_precision_if_any(mut self, texts: &[&str]) -> Given {
        if texts.iter().any(|t| significant_digits(t) >= FULL_PRECISION) {
            self.half_units.iter_mut().for_each(|u| *u = 0.0);
        }
        self
    }

    /// (rows, columns) as written, a flat list being one row.
    pub fn written_shape(&self) -> (usize, usize) {
        match self.layout {
            Layout::Vector => (1, self.values.len()),
            _ => (self.rows, self.cols),
        }
    }

    /// The values and half units as matrices of the `expected` layout (a vector as one
    /// column), when they fit it.
    pub fn fit(&self, expected: Dims) -> Fit {
        let (rows, _) = expected.rows_cols();
        let n = self.values.len();
        let matrices = |r: usize, c: usize| {
            (
                DMatrix::from_row_slice(r, c, &self.values),
                DMatrix::from_row_slice(r, c, &self.half_units),
            )
        };
        match expected {
            Dims::Scalar | Dims::Vector(_) => {
                let flat = self.layout != Layout::Rows || self.rows == 1 || self.cols == 1;
                if flat && n == rows {
                    let (v, u) = matrices(n, 1);
                    Fit::Same(v, u)
                } else {
                    Fit::Other
                }
            }
            Dims::Matrix(..) if self.layout != Layout::Rows => Fit::Other,
            Dims::Matrix(r, c) if (self.rows, self.cols) == (r, c) => {
                let (v, u) = matrices(r, c);
                Fit::Same(v, u)
            }
            Dims::Matrix(r, c) if (self.rows, self.cols) == (c, r) => {
                let (v, u) = matrices(c, r);
                Fit::Transposed(v.transpose(), u.transpose())
            }
            Dims::Matrix(..) => Fit::Other,
        }
    }
}

/// Half a unit of the last digit of a number's text: `0.1235` → 5e-5, `1.25e-03` → 5e-6,
/// `1e-3` → 5e-4. A whole number (`0`, `-2`, numpy's `2.`) is exact: 0.
pub fn half_unit(text: &str) -> f64 {
    let text = text.trim().trim_start_matches(['-', '+']);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i32>().ok()),
        None => (text, None),
    };
    let fraction = mantissa.split_once(['.', ',']).map_or(0, |(_, f)| f.len());
    match (fraction, exponent) {
        (0, None) => 0.0,
        (f, e) => 0.5 * 10f64.powi(e.unwrap_or(0).saturating_sub(f.min(400) as i32)),
    }
}

/// The significant digits of a number's text (`-0.00125e3` → 3).
pub(super) fn significant_digits(text: &str) -> usize {
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').len()
}

/// Why a JSON value is not a number, a list of numbers or a list of rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShapeProblem {
    /// A string, a boolean or an object where a number or list belongs (at this row/column).
    NotNumbers { row: Option<usize>, col: Option<usize> },
    /// Rows of different lengths.
    Ragged { row: usize, expected: usize, found: usize },
    /// Lists inside rows.
    TooDeep { row: usize },
}

/// Reads a JSON value (`source` is the text it was read from, for the digits).
pub fn from_json(value: &Value, source: &str) -> Result<Given, ShapeProblem> {
    let texts: Vec<&str> = numbers_in(value).filter_map(|n| source.get(n.text.clone())).collect();
    read_json(value, source).map(|g| g.full_precision_if_any(&texts))
}

fn numbers_in(value: &Value) -> Box<dyn Iterator<Item = &crate::json::Number> + '_> {
    match value {
        Value::Number(n) => Box::new(std::iter::once(n)),
        Value::Array(items) => Box::new(items.iter().flat_map(numbers_in)),
        _ => Box::new(std::iter::empty()),
    }
}

fn read_json(value: &Value, source: &str) -> Result<Given, ShapeProblem> {
    let entry = |v: &Value, row: Option<usize>, col: Option<usize>| -> Result<(f64, f64), ShapeProblem> {
        match v {
            Value::Null => Ok((f64::NAN, 0.0)),
            Value::Number(n) => Ok((n.value, source.get(n.text.clone()).map_or(0.0, half_unit))),
            _ => Err(ShapeProblem::NotNumbers { row, col }),
        }
    };
    let items = match value {
        Value::Array(items) => items,
        other => {
            let (v, u) = entry(other, None, None)?;
            return Ok(Given { layout: Layout::Scalar, rows: 1, cols: 1, values: vec![v], half_units: vec![u] });
        }
    };
    let nested = items.iter().any(|i| matches!(i, Value::Array(_)));
    let mut given = Given { layout: Layout::Vector, rows: 1, cols: items.len(), values: vec![], half_units: vec![] };
    if !nested {
        for (k, item) in items.iter().enumerate() {
            let (v, u) = entry(item, None, Some(k))?;
            given.values.push(v);
            given.half_units.push(u);
        }
        return Ok(given);
    }
    given.layout = Layout::Rows;
    given.rows = items.len();
    given.cols = items.first().and_then(Value::as_array).map_or(0, <[Value]>::len);
    for (j, row) in items.iter().enumerate() {
        let Value::Array(row) = row else {
            return Err(ShapeProblem::NotNumbers { row: Some(j), col: None });
        };
        if row.len() != given.cols {
            return Err(ShapeProblem::Ragged { row: j, expected: given.cols, found: row.len() });
        }
        for (k, item) in row.iter().enumerate() {
            if matches!(item, Value::Array(_)) {
                return Err(ShapeProblem::TooDeep { row: j });
            }
            let (v, u) = entry(item, Some(j), Some(k))?;
            given.values.push(v);
            given.half_units.push(u);
        }
    }
    Ok(given)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn half_units_count_the_digits_written() {
        assert_eq!(half_unit("0.1235"), 0.5e-4);
        assert_eq!(half_unit("-0.12350"), 0.5e-5);
        assert_eq!(half_unit("1.25e-03"), 0.5e-5);
        assert_eq!(half_unit("1e-3"), 0.5e-3);
        assert_eq!(half_unit("2."), 0.0);
        assert_eq!(half_unit("0"), 0.0);
        assert_eq!(half_unit("0,25"), 0.5e-2);
        assert!((half_unit("4.004E+2") - 0.05).abs() < 1e-12, "400.4: a unit of 0.1");
        assert_eq!(significant_digits("-0.00125e3"), 3);
        assert_eq!(significant_digits("0.12345678901234568"), 17);
        let text = "[0.0, 0.5, 0.12345678901234568]";
        let g = from_json(&json::parse(text).unwrap(), text).unwrap();
        assert_eq!(g.half_units, [0.0; 3], "printed at full precision: 0.0 and 0.5 are exact");
    }

    #[test]
    fn json_values_keep_their_layout_and_digits() {
        let text = r#"[[0.5, -0.25, null], [1, 2.0, 3e-2]]"#;
        let g = from_json(&json::parse(text).unwrap(), text).unwrap();
        assert_eq!((g.layout, g.rows, g.cols), (Layout::Rows, 2, 3));
        assert!(g.values[2].is_nan());
        assert_eq!(g.half_units, [0.05, 0.005, 0.0, 0.0, 0.05, 0.005]);
        assert!(matches!(g.fit(Dims::Matrix(2, 3)), Fit::Same(..)));
        assert!(matches!(g.fit(Dims::Matrix(3, 2)), Fit::Transposed(..)));
        assert_eq!(g.fit(Dims::Vector(6)), Fit::Other);
        let column = r#"[[1], [2]]"#;
        let g = from_json(&json::parse(column).unwrap(), column).unwrap();
        assert!(matches!(g.fit(Dims::Vector(2)), Fit::Same(..)));
        for (bad, problem) in [
            (r#"[[1, 2], [3]]"#, ShapeProblem::Ragged { row: 1, expected: 2, found: 1 }),
            (r#"[1, "2"]"#, ShapeProblem::NotNumbers { row: None, col: Some(1) }),
            (r#"[[1, [2]]]"#, ShapeProblem::TooDeep { row: 0 }),
            (r#"[[1], 2]"#, ShapeProblem::NotNumbers { row: Some(1), col: None }),
            (r#"{"a": 1}"#, ShapeProblem::NotNumbers { row: None, col: None }),
        ] {
            assert_eq!(from_json(&json::parse(bad).unwrap(), bad), Err(problem), "{bad}");
        }
    }
}
