//! Random split of a data set into training, validation and test sets.
//!
//! The points are shuffled with the given RNG, then the first `round(train · n)` go to the
//! training set, the next `round(valid · n)` (at most what is left) to the validation set, and
//! the rest to the test set. The same rules cut a [`Dataset`] of 2-D points and a [`Table`] of
//! inputs of any dimension ([`Rows`]).

use rand::seq::SliceRandom;
use rand::Rng;

use super::{Dataset, DatasetError, Table};

/// A data set cut in three disjoint parts; all three keep the original `classes`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Split<D = Dataset> {
    /// Examples the gradient is computed on.
    pub train: D,
    /// Examples used to choose hyper-parameters (may be empty).
    pub valid: D,
    /// Examples held out for the final error (may be empty).
    pub test: D,
}

/// A labelled set that [`split_rows`] can cut: how many labelled rows it has, and the set of
/// some of them.
pub trait Rows: Sized {
    /// Number of rows that have a label (rows without one are left out of a split).
    fn labelled_rows(&self) -> usize;
    /// The rows at `rows`, in that order, with the same number of classes.
    fn subset(&self, rows: &[usize]) -> Self;
}

impl Rows for Dataset {
    fn labelled_rows(&self) -> usize {
        self.points.len().min(self.labels.len())
    }

    fn subset(&self, rows: &[usize]) -> Dataset {
        Dataset {
            points: rows.iter().map(|&i| self.points[i]).collect(),
            labels: rows.iter().map(|&i| self.labels[i]).collect(),
            classes: self.classes,
        }
    }
}

impl Rows for Table {
    fn labelled_rows(&self) -> usize {
        self.len()
    }

    fn subset(&self, rows: &[usize]) -> Table {
        let mut values = Vec::with_capacity(rows.len() * self.dim);
        for &i in rows {
            values.extend_from_slice(self.row(i).unwrap_or_default());
        }
        Table {
            dim: self.dim,
            values,
            labels: rows.iter().map(|&i| self.labels[i]).collect(),
            classes: self.classes,
        }
    }
}

/// Tolerance on `train + valid ≤ 1`, so that e.g. `0.7 + 0.2 + 0.1` splits are accepted.
const SUM_TOLERANCE: f64 = 1e-9;

impl Dataset {
    /// Splits into `train` and `valid` fractions of the points (each in `[0, 1]`, sum ≤ 1);
    /// the test set gets the rest. The training set must not be empty. Points beyond
    /// `labels.len()` (possible only in a set built by hand) are left out.
    pub fn split<R: Rng + ?Sized>(
        &self,
        train: f64,
        valid: f64,
        rng: &mut R,
    ) -> Result<Split, DatasetError> {
        split_rows(self, train, valid, rng)
    }
}

impl Table {
    /// Splits like [`Dataset::split`]: the same fractions, rules and RNG draws.
    pub fn split<R: Rng + ?Sized>(
        &self,
        train: f64,
        valid: f64,
        rng: &mut R,
    ) -> Result<Split<Table>, DatasetError> {
        split_rows(self, train, valid, rng)
    }
}

/// Shuffles the labelled rows of `set` and cuts them into `train` and `valid` fractions (each
/// in `[0, 1]`, sum ≤ 1), the test set getting the rest; the training set must not be empty.
pub fn split_rows<D: Rows, R: Rng + ?Sized>(
    set: &D,
    train: f64,
    valid: f64,
    rng: &mut R,
) -> Result<Split<D>, DatasetError> {
    let unit = 0.0..=1.0;
    if !unit.contains(&train) || !unit.contains(&valid) || train + valid > 1.0 + SUM_TOLERANCE {
        return Err(DatasetError::SplitFractions { train, valid });
    }
    // A hand-built set may have more points than labels: unlabelled points are left out.
    let n = set.labelled_rows();
    // Both products are finite and in [0, n], so the casts are exact after rounding.
    let n_train = ((train * n as f64).round() as usize).min(n);
    let n_valid = ((valid * n as f64).round() as usize).min(n - n_train);
    if n_train == 0 {
        return Err(DatasetError::EmptyTrainingSet { n, train });
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    let (train_rows, rest) = order.split_at(n_train);
    let (valid_rows, test_rows) = rest.split_at(n_valid);
    Ok(Split {
        train: set.subset(train_rows),
        valid: set.subset(valid_rows),
        test: set.subset(test_rows),
    })
}
