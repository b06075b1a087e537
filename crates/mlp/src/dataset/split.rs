//! Random split of a data set into training, validation and test sets.
//!
//! The points are shuffled with the given RNG, then the first `round(train · n)` go to the
//! training set, the next `round(valid · n)` (at most what is left) to the validation set, and
//! the rest to the test set.

use rand::seq::SliceRandom;
use rand::Rng;

use super::{Dataset, DatasetError};

/// A data set cut in three disjoint parts; all three keep the original `classes`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Split {
    /// Examples the gradient is computed on.
    pub train: Dataset,
    /// Examples used to choose hyper-parameters (may be empty).
    pub valid: Dataset,
    /// Examples held out for the final error (may be empty).
    pub test: Dataset,
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
        let unit = 0.0..=1.0;
        if !unit.contains(&train) || !unit.contains(&valid) || train + valid > 1.0 + SUM_TOLERANCE {
            return Err(DatasetError::SplitFractions { train, valid });
        }
        // A hand-built set may have more points than labels: unlabelled points are left out.
        let n = self.points.len().min(self.labels.len());
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
            train: self.subset(train_rows),
            valid: self.subset(valid_rows),
            test: self.subset(test_rows),
        })
    }

    /// The points at `rows`, in that order, with the same number of classes.
    fn subset(&self, rows: &[usize]) -> Dataset {
        Dataset {
            points: rows.iter().map(|&i| self.points[i]).collect(),
            labels: rows.iter().map(|&i| self.labels[i]).collect(),
            classes: self.classes,
        }
    }
}
