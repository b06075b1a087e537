//! Errors of data-set generation and splitting, worded so a student knows which field to change.

use std::fmt;

use super::{DatasetKind, MAX_NOISE, MAX_POINTS};

/// Why [`Dataset::push`](super::Dataset::push) refused a point: its class is beyond the
/// largest a data set can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelError {
    /// The class asked for.
    pub label: usize,
    /// The number of classes a data set can have at most ([`super::MAX_CLASSES`]).
    pub max_classes: usize,
}

impl fmt::Display for LabelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let LabelError { label, max_classes } = *self;
        write!(
            f,
            "class {label} is out of range: a data set has at most {max_classes} classes, \
             numbered 0 to {}",
            max_classes.saturating_sub(1)
        )
    }
}

impl std::error::Error for LabelError {}

/// Why a data set could not be generated or split.
#[derive(Clone, Debug, PartialEq)]
pub enum DatasetError {
    /// The set is read from a file, not generated ([`DatasetKind::is_generated`]).
    NotGenerated {
        /// The data set asked for.
        kind: DatasetKind,
    },
    /// `classes` is outside [`DatasetKind::classes_range`].
    Classes {
        /// The data set asked for.
        kind: DatasetKind,
        /// The number of classes m asked for.
        classes: usize,
    },
    /// Fewer points than classes: some class would be empty.
    TooFewPoints {
        /// Points asked for.
        n: usize,
        /// Classes asked for.
        classes: usize,
    },
    /// More than [`MAX_POINTS`] points.
    TooManyPoints {
        /// Points asked for.
        n: usize,
    },
    /// Noise not a number in `0..=MAX_NOISE`.
    Noise {
        /// The noise asked for.
        noise: f64,
    },
    /// A split fraction outside `[0, 1]` (or NaN), or fractions summing to more than 1.
    SplitFractions {
        /// Training fraction.
        train: f64,
        /// Validation fraction.
        valid: f64,
    },
    /// The split would leave no training example.
    EmptyTrainingSet {
        /// Size of the data set being split.
        n: usize,
        /// Training fraction.
        train: f64,
    },
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DatasetError::NotGenerated { kind } => {
                write!(f, "{} are read from their file, not generated", kind.name())
            }
            DatasetError::Classes { kind, classes } => classes_message(f, kind, classes),
            DatasetError::TooFewPoints { n, classes } => write!(
                f,
                "{n} points cannot fill {classes} classes; choose at least {classes} points \
                 (one per class) or fewer classes"
            ),
            DatasetError::TooManyPoints { n } => write!(
                f,
                "{n} points are too many for the lab; choose at most {MAX_POINTS} points"
            ),
            DatasetError::Noise { noise } => write!(
                f,
                "noise must be a number between 0 and {MAX_NOISE} (standard deviation in plot \
                 units), got {noise}"
            ),
            DatasetError::SplitFractions { train, valid } => write!(
                f,
                "the training ({train}) and validation ({valid}) fractions must each lie in \
                 [0, 1] and add up to at most 1; the test set gets the rest"
            ),
            DatasetError::EmptyTrainingSet { n, train } => write!(
                f,
                "a training fraction of {train} of {n} points leaves no training example; \
                 raise the training fraction or add points"
            ),
        }
    }
}

/// "two moons has exactly 2 classes; choose m = 2 or another data set (…)".
fn classes_message(f: &mut fmt::Formatter<'_>, kind: DatasetKind, classes: usize) -> fmt::Result {
    let (lo, hi) = kind.classes_range();
    if lo == hi {
        write!(
            f,
            "{} has exactly {lo} classes, not {classes}; choose m = {lo} or another data set \
             (spirals, blobs and circles allow up to {})",
            kind.name(),
            DatasetKind::Blobs.classes_range().1
        )
    } else {
        write!(
            f,
            "{} needs between {lo} and {hi} classes, not {classes}; choose m in {lo}..={hi}",
            kind.name()
        )
    }
}

impl std::error::Error for DatasetError {}
