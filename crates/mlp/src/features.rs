//! Input features, as in TensorFlow Playground: each 2-D point `p = (x1, x2)` is mapped to the
//! network's input `x ∈ ℝ^d` by the chosen features, in the fixed order of [`Feature::ALL`].
//!
//! `x = (f(p) for f in ALL if f is chosen)`, so `d` = number of chosen features. The same
//! transform is used for the data set and for the decision plane, which is why both go through
//! [`FeatureSet::apply`] / [`FeatureSet::matrix`].

use std::fmt;

use nalgebra::DMatrix;

/// One input feature computed from a point `p = (x1, x2)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    /// `x1`
    X1,
    /// `x2`
    X2,
    /// `x1²`
    X1Sq,
    /// `x2²`
    X2Sq,
    /// `x1·x2`
    X1X2,
    /// `sin(x1)`
    SinX1,
    /// `sin(x2)`
    SinX2,
}

impl Feature {
    /// Every feature, in the order they appear in the input vector `x`.
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Sq,
        Feature::X2Sq,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// Short key used in URLs and settings, e.g. `"x1sq"`.
    pub fn key(self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Sq => "x1sq",
            Feature::X2Sq => "x2sq",
            Feature::X1X2 => "x1x2",
            Feature::SinX1 => "sinx1",
            Feature::SinX2 => "sinx2",
        }
    }

    /// Human-readable label for the UI, e.g. `"x₁²"`.
    pub fn label(self) -> &'static str {
        match self {
            Feature::X1 => "x₁",
            Feature::X2 => "x₂",
            Feature::X1Sq => "x₁²",
            Feature::X2Sq => "x₂²",
            Feature::X1X2 => "x₁x₂",
            Feature::SinX1 => "sin(x₁)",
            Feature::SinX2 => "sin(x₂)",
        }
    }

    /// The feature whose [`key`](Self::key) is `key` (exact match), if any.
    pub fn from_key(key: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The feature's value at the point `p = [x1, x2]`.
    pub fn eval(self, p: [f64; 2]) -> f64 {
        let [x1, x2] = p;
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Sq => x1 * x1,
            Feature::X2Sq => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => x1.sin(),
            Feature::SinX2 => x2.sin(),
        }
    }

    /// Bit of this feature in a [`FeatureSet`]: its position in [`Feature::ALL`].
    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// Why a feature set could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeatureError {
    /// No feature chosen: the network would have no input (d = 0).
    Empty,
    /// A key in a feature list is not one of [`Feature::key`].
    UnknownKey(String),
}

impl fmt::Display for FeatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeatureError::Empty => write!(f, "choose at least one input feature"),
            FeatureError::UnknownKey(key) => {
                write!(f, "unknown input feature \"{key}\"; known features are ")?;
                for (i, feature) in Feature::ALL.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}{}", feature.key())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for FeatureError {}

/// A non-empty set of input features; `d()` of them make up `x`, in [`Feature::ALL`] order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FeatureSet(u8);

impl Default for FeatureSet {
    /// The plain coordinates `{x1, x2}` (d = 2), as in the course.
    fn default() -> Self {
        FeatureSet(Feature::X1.bit() | Feature::X2.bit())
    }
}

impl FeatureSet {
    /// The set of `features` (duplicates are ignored); an empty list is an error.
    pub fn new(features: &[Feature]) -> Result<FeatureSet, FeatureError> {
        let bits = features.iter().fold(0, |bits, f| bits | f.bit());
        if bits == 0 {
            return Err(FeatureError::Empty);
        }
        Ok(FeatureSet(bits))
    }

    /// Whether `feature` is in the set.
    pub fn contains(&self, feature: Feature) -> bool {
        self.0 & feature.bit() != 0
    }

    /// This set with `feature` switched on or off; switching off the last one is an error.
    pub fn with(&self, feature: Feature, on: bool) -> Result<FeatureSet, FeatureError> {
        let bits = if on {
            self.0 | feature.bit()
        } else {
            self.0 & !feature.bit()
        };
        if bits == 0 {
            return Err(FeatureError::Empty);
        }
        Ok(FeatureSet(bits))
    }

    /// The chosen features, in input order.
    pub fn iter(&self) -> impl Iterator<Item = Feature> + '_ {
        Feature::ALL.into_iter().filter(|f| self.contains(*f))
    }

    /// Input dimension `d` = number of chosen features.
    pub fn d(&self) -> usize {
        self.0.count_ones() as usize
    }

    /// Writes the input `x` of point `p` into `out[..d]` (no allocation).
    ///
    /// `out` must hold exactly `d()` values; extra entries are left untouched.
    pub fn apply(&self, p: [f64; 2], out: &mut [f64]) {
        debug_assert_eq!(out.len(), self.d(), "apply: out must have d entries");
        for (slot, feature) in out.iter_mut().zip(self.iter()) {
            *slot = feature.eval(p);
        }
    }

    /// The inputs of all `points`, one per row: `[n x d]`. Row `i` equals `apply(points[i])`.
    pub fn matrix(&self, points: &[[f64; 2]]) -> DMatrix<f64> {
        let d = self.d();
        let mut xs = DMatrix::zeros(points.len(), d); // [n x d]
        for (i, p) in points.iter().enumerate() {
            for (j, feature) in self.iter().enumerate() {
                xs[(i, j)] = feature.eval(*p);
            }
        }
        xs
    }

    /// The set as a bitset (bit i = [`Feature::ALL`]`[i]`), for messages between threads;
    /// [`from_bits`](Self::from_bits) reads it back.
    pub fn bits(&self) -> u8 {
        self.0
    }

    /// The set of a bitset written by [`bits`](Self::bits); `None` when it is empty or names
    /// no feature of [`Feature::ALL`].
    pub fn from_bits(bits: u8) -> Option<FeatureSet> {
        let known = Feature::ALL.iter().fold(0, |all, f| all | f.bit());
        (bits != 0 && bits & !known == 0).then_some(FeatureSet(bits))
    }

    /// Comma-separated keys, e.g. `"x1,x2"`; [`parse_keys`](Self::parse_keys) reads it back.
    pub fn to_keys(&self) -> String {
        self.iter().map(Feature::key).collect::<Vec<_>>().join(",")
    }

    /// Parses comma-separated keys (spaces around keys allowed, order irrelevant).
    pub fn parse_keys(keys: &str) -> Result<FeatureSet, FeatureError> {
        let mut bits = 0;
        for key in keys.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            let feature =
                Feature::from_key(key).ok_or_else(|| FeatureError::UnknownKey(key.to_owned()))?;
            bits |= feature.bit();
        }
        if bits == 0 {
            return Err(FeatureError::Empty);
        }
        Ok(FeatureSet(bits))
    }
}
