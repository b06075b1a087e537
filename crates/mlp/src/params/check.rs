//! Building [`Params`] from parts or from rows (the layout of the reference JSON and of numpy),
//! with every shape and value checked, so a bad input is an error naming the field and position.

use nalgebra::{DMatrix, DVector};

use super::{Params, Shape, ShapeError};

impl Params {
    /// Assembles parameters, checking that the shapes agree (`W1` `[d_h x d]`, `b1` `d_h`,
    /// `W2` `[m x d_h]`, `b2` `m`, with d, d_h and m within the limits of [`Shape::new`]) and that
    /// every value is finite.
    pub fn from_parts(
        w1: DMatrix<f64>,
        b1: DVector<f64>,
        w2: DMatrix<f64>,
        b2: DVector<f64>,
    ) -> Result<Params, ShapeError> {
        let params = Params { w1, b1, w2, b2 };
        params.check_shape()?;
        params.check_finite()?;
        Ok(params)
    }

    /// Builds parameters from matrices given as arrays of rows (the layout of the reference JSON
    /// and of numpy): `w1[j][k]` = W1_jk. Ragged or empty matrices and non-finite values are
    /// reported with the field and position, e.g. "W2 row 1 has 3 values, expected 2".
    pub fn from_rows(
        w1: &[Vec<f64>],
        b1: &[f64],
        w2: &[Vec<f64>],
        b2: &[f64],
    ) -> Result<Params, ShapeError> {
        Params::from_parts(
            matrix_from_rows("W1", w1)?,
            DVector::from_column_slice(b1),
            matrix_from_rows("W2", w2)?,
            DVector::from_column_slice(b2),
        )
    }

    /// Checks that the four fields have consistent shapes (the fields are public, so a value built
    /// by hand may not) and returns that shape.
    pub fn check_shape(&self) -> Result<Shape, ShapeError> {
        let shape = Shape::new(self.w1.ncols(), self.w1.nrows(), self.w2.nrows())?;
        if self.b1.len() != shape.d_h {
            return Err(ShapeError::length("b1", shape.d_h, self.b1.len()));
        }
        if self.w2.ncols() != shape.d_h {
            let found = (self.w2.nrows(), self.w2.ncols());
            return Err(ShapeError::matrix("W2", (shape.m, shape.d_h), found));
        }
        if self.b2.len() != shape.m {
            return Err(ShapeError::length("b2", shape.m, self.b2.len()));
        }
        Ok(shape)
    }

    fn check_finite(&self) -> Result<(), ShapeError> {
        check_matrix_finite("W1", &self.w1)?;
        check_vector_finite("b1", &self.b1)?;
        check_matrix_finite("W2", &self.w2)?;
        check_vector_finite("b2", &self.b2)
    }
}

/// A matrix from its rows; every row must have as many values as the first.
fn matrix_from_rows(field: &'static str, rows: &[Vec<f64>]) -> Result<DMatrix<f64>, ShapeError> {
    let ncols = rows.first().map_or(0, Vec::len);
    if ncols == 0 {
        return Err(ShapeError::Empty { field });
    }
    for (row, values) in rows.iter().enumerate() {
        if values.len() != ncols {
            return Err(ShapeError::Ragged {
                field,
                row,
                expected: ncols,
                found: values.len(),
            });
        }
    }
    Ok(DMatrix::from_fn(rows.len(), ncols, |j, k| rows[j][k]))
}

fn check_matrix_finite(field: &'static str, w: &DMatrix<f64>) -> Result<(), ShapeError> {
    for j in 0..w.nrows() {
        for k in 0..w.ncols() {
            if !w[(j, k)].is_finite() {
                return Err(ShapeError::NonFinite {
                    field,
                    row: j,
                    col: Some(k),
                });
            }
        }
    }
    Ok(())
}

pub(crate) fn check_vector_finite(field: &'static str, v: &DVector<f64>) -> Result<(), ShapeError> {
    match v.iter().position(|x| !x.is_finite()) {
        Some(row) => Err(ShapeError::NonFinite {
            field,
            row,
            col: None,
        }),
        None => Ok(()),
    }
}
