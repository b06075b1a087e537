//! The data sets the lab trains on. Most are 2-D points `p = (x1, x2)` with a class
//! `y ∈ 0..m`, drawn by a generator; the 8×8 digits ([`digits`]) are read from a file as a
//! [`Table`] of 64 inputs per image.
//!
//! Every generator has the same signature `fn(n, noise, classes, rng) -> Dataset` and
//! [`DatasetKind`] is the registry that dispatches to them. At noise 0 every data set lies in
//! about `[−2, 2]²`, so one plot window `[−VIEW, VIEW]²` fits all of them. `noise` is the
//! standard deviation of the Gaussian added to each coordinate, in those same units: 0.1 is a
//! little blur, 0.5 mixes neighbouring classes, 1 (the maximum) is mostly noise.

pub mod csv;
pub mod digits;
mod error;
pub mod generators;
mod split;
mod table;

use rand::Rng;
use serde::{Deserialize, Serialize};

pub use error::{DatasetError, LabelError};
pub use split::{split_rows, Rows, Split};
pub use table::{Data, Part, Standardization, Table};

/// Half-width of the plot window `[−VIEW, VIEW]²` that fits every data set.
pub const VIEW: f64 = 2.5;
/// Largest accepted noise (standard deviation, plot units).
pub const MAX_NOISE: f64 = 1.0;
/// Largest accepted number of points, to keep training interactive in the browser.
pub const MAX_POINTS: usize = 10_000;
/// Largest number of classes of a data set (labels `0..MAX_CLASSES`): the digits' ten, the most
/// a generator makes, and what [`Dataset::push`] accepts.
pub const MAX_CLASSES: usize = 10;

/// A labelled set of 2-D points; `labels[i] < classes` is the class of `points[i]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    /// The points `p = [x1, x2]`.
    pub points: Vec<[f64; 2]>,
    /// The class of each point, in `0..classes`.
    pub labels: Vec<usize>,
    /// Number of classes m (some may have no point).
    pub classes: usize,
}

impl Dataset {
    /// Number of points n.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether there is no point.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Adds point `p` of class `label` (e.g. a student's click); `classes` grows to cover it.
    ///
    /// A label ≥ [`MAX_CLASSES`] is refused (nothing is added), so `classes` stays at most
    /// [`MAX_CLASSES`] and [`class_counts`](Self::class_counts) stays small.
    pub fn push(&mut self, p: [f64; 2], label: usize) -> Result<(), LabelError> {
        if label >= MAX_CLASSES {
            return Err(LabelError {
                label,
                max_classes: MAX_CLASSES,
            });
        }
        self.points.push(p);
        self.labels.push(label);
        self.classes = self.classes.max(label + 1);
        Ok(())
    }

    /// Removes the point nearest to `p` (Euclidean) and returns the index it had, or `None`
    /// when the set is empty. Later points move down by one; `classes` is unchanged.
    pub fn remove_nearest(&mut self, p: [f64; 2]) -> Option<usize> {
        let distance = |q: &[f64; 2]| (q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2);
        let nearest = self
            .points
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| distance(a).total_cmp(&distance(b)))
            .map(|(i, _)| i)?;
        self.points.remove(nearest);
        self.labels.remove(nearest);
        Some(nearest)
    }

    /// Smallest box `(min, max)` holding every point; the plot window `[−VIEW, VIEW]²` when
    /// the set is empty.
    pub fn bounds(&self) -> ([f64; 2], [f64; 2]) {
        if self.is_empty() {
            return ([-VIEW, -VIEW], [VIEW, VIEW]);
        }
        let mut lo = [f64::INFINITY; 2];
        let mut hi = [f64::NEG_INFINITY; 2];
        for p in &self.points {
            for j in 0..2 {
                lo[j] = lo[j].min(p[j]);
                hi[j] = hi[j].max(p[j]);
            }
        }
        (lo, hi)
    }

    /// Number of points of each class, `[classes]`; labels beyond `classes` are not counted.
    /// The fields are public, so `classes` may have been set by hand: at most [`MAX_CLASSES`]
    /// counts are returned, whatever it says.
    pub fn class_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.classes.min(MAX_CLASSES)];
        for &y in &self.labels {
            if let Some(count) = counts.get_mut(y) {
                *count += 1;
            }
        }
        counts
    }
}

/// The data sets on offer; the enum is the registry (`generate` dispatches to a generator).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DatasetKind {
    /// Two interleaved half circles (the course's data set), exactly 2 classes.
    Moons,
    /// Concentric rings, 2 to 8 classes.
    Circles,
    /// Signs of `x1·x2`, exactly 2 classes.
    Xor,
    /// Interleaved spiral arms, 2 to 8 classes.
    Spirals,
    /// Round clusters around a circle, 2 to 10 classes.
    Blobs,
    /// The 8×8 handwritten digits, 10 classes, d = 64: read from their file ([`digits`]), not
    /// generated.
    Digits,
    /// A student's own CSV file ([`csv`]): its inputs, labels and classes are the file's.
    Csv,
}

impl DatasetKind {
    /// Every data set, in menu order.
    pub const ALL: [DatasetKind; 7] = [
        DatasetKind::Moons,
        DatasetKind::Circles,
        DatasetKind::Xor,
        DatasetKind::Spirals,
        DatasetKind::Blobs,
        DatasetKind::Digits,
        DatasetKind::Csv,
    ];

    /// The sets a generator draws (every one but the digits).
    pub const GENERATED: [DatasetKind; 5] = [
        DatasetKind::Moons,
        DatasetKind::Circles,
        DatasetKind::Xor,
        DatasetKind::Spirals,
        DatasetKind::Blobs,
    ];

    /// Short key used in URLs and settings, e.g. `"moons"`.
    pub fn key(self) -> &'static str {
        match self {
            DatasetKind::Moons => "moons",
            DatasetKind::Circles => "circles",
            DatasetKind::Xor => "xor",
            DatasetKind::Spirals => "spirals",
            DatasetKind::Blobs => "blobs",
            DatasetKind::Digits => "digits",
            DatasetKind::Csv => "csv",
        }
    }

    /// The data set whose [`key`](Self::key) is `key`, if any.
    pub fn from_key(key: &str) -> Option<DatasetKind> {
        DatasetKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// Name shown to students, e.g. `"two moons"`.
    pub fn name(self) -> &'static str {
        match self {
            DatasetKind::Moons => "two moons",
            DatasetKind::Circles => "circles",
            DatasetKind::Xor => "XOR",
            DatasetKind::Spirals => "spirals",
            DatasetKind::Blobs => "blobs",
            DatasetKind::Digits => "handwritten digits",
            DatasetKind::Csv => "your own CSV file",
        }
    }

    /// Whether the set is drawn by a generator (2-D points, n and noise chosen); the digits
    /// and a CSV file are read from their file.
    pub fn is_generated(self) -> bool {
        DatasetKind::GENERATED.contains(&self)
    }

    /// The input dimension of a set that is not 2-D points (the digits' 64 pixels); `None` for
    /// the generated sets, whose d is the number of input features, and for a CSV file, whose d
    /// is its own.
    pub fn fixed_dim(self) -> Option<usize> {
        (self == DatasetKind::Digits).then_some(digits::PIXELS)
    }

    /// Smallest and largest number of classes m this data set can have (both inclusive).
    pub fn classes_range(self) -> (usize, usize) {
        match self {
            DatasetKind::Moons | DatasetKind::Xor => (2, 2),
            DatasetKind::Circles | DatasetKind::Spirals | DatasetKind::Blobs => (2, MAX_CLASSES),
            DatasetKind::Digits => (digits::CLASSES, digits::CLASSES),
            DatasetKind::Csv => (2, MAX_CLASSES),
        }
    }

    /// `n` points of `classes` balanced classes, with Gaussian `noise` (std-dev, plot units).
    ///
    /// Errors, checked in this order: a set that is not generated (the digits), `classes`
    /// outside [`classes_range`](Self::classes_range), `noise` not in `0..=MAX_NOISE`,
    /// `n > MAX_POINTS`, `n < classes`.
    pub fn generate<R: Rng + ?Sized>(
        self,
        n: usize,
        noise: f64,
        classes: usize,
        rng: &mut R,
    ) -> Result<Dataset, DatasetError> {
        let generator = match self {
            DatasetKind::Moons => generators::moons,
            DatasetKind::Circles => generators::circles,
            DatasetKind::Xor => generators::xor,
            DatasetKind::Spirals => generators::spirals,
            DatasetKind::Blobs => generators::blobs,
            DatasetKind::Digits | DatasetKind::Csv => return Err(DatasetError::NotGenerated { kind: self }),
        };
        let (lo, hi) = self.classes_range();
        if !(lo..=hi).contains(&classes) {
            return Err(DatasetError::Classes {
                kind: self,
                classes,
            });
        }
        if !(0.0..=MAX_NOISE).contains(&noise) {
            return Err(DatasetError::Noise { noise }); // NaN fails `contains` too
        }
        if n > MAX_POINTS {
            return Err(DatasetError::TooManyPoints { n });
        }
        if n < classes {
            return Err(DatasetError::TooFewPoints { n, classes });
        }
        Ok(generator(n, noise, classes, rng))
    }
}
