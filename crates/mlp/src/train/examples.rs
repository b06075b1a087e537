//! A data set as the network sees it: the inputs after the feature transform, one per row.

use nalgebra::DMatrix;

use super::TrainError;
use crate::batch::check_set;
use crate::dataset::{Dataset, Table};
use crate::features::FeatureSet;
use crate::params::Params;

/// Inputs `xs` `[n x d]` (row i = features of point i) and labels `ys` (n) of one set.
#[derive(Clone, Debug, PartialEq)]
pub struct Examples {
    /// One input x per row. // [n x d]
    pub xs: DMatrix<f64>,
    /// The class of each row, in `0..m`.
    pub ys: Vec<usize>,
}

impl Examples {
    /// Transforms `data` with `features` and checks it against `params`; `set` names the set
    /// in errors (`"training"`, …).
    pub(super) fn new(
        set: &'static str,
        data: &Dataset,
        features: FeatureSet,
        params: &Params,
    ) -> Result<Examples, TrainError> {
        let m = params.shape().m;
        if let Some(&label) = data.labels.iter().find(|&&y| y >= m) {
            return Err(TrainError::Label { set, label, m });
        }
        let examples = Examples {
            xs: features.matrix(&data.points),
            ys: data.labels.clone(),
        };
        // Lengths and finiteness of the points (the fields of a Dataset are public).
        check_set(params, &examples.xs, &examples.ys)
            .map_err(|error| TrainError::Data { set, error })?;
        Ok(examples)
    }

    /// The rows of `table` as they are, checked against `params`; `set` names the set in
    /// errors.
    pub(super) fn from_table(set: &'static str, table: &Table, params: &Params) -> Result<Examples, TrainError> {
        let m = params.shape().m;
        let n = table.len();
        if let Some(&label) = table.labels[..n].iter().find(|&&y| y >= m) {
            return Err(TrainError::Label { set, label, m });
        }
        let examples = Examples {
            xs: DMatrix::from_row_slice(n, table.dim, &table.values[..n * table.dim]),
            ys: table.labels[..n].to_vec(),
        };
        check_set(params, &examples.xs, &examples.ys).map_err(|error| TrainError::Data { set, error })?;
        Ok(examples)
    }

    /// Number of examples n.
    pub fn len(&self) -> usize {
        self.ys.len()
    }

    /// Whether the set has no example.
    pub fn is_empty(&self) -> bool {
        self.ys.is_empty()
    }
}
