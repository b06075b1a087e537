//! The page's settings: one struct, with each field's range and default, and the parsing of
//! what a student types into a number box.
//!
//! A value that fails its rule never reaches the settings: the field shows why (through
//! [`crate::i18n::field_error`]) and the last valid value stays in force.

use engine::Speed;
use mlp::{DatasetKind, FeatureSet, Penalty, Shape, UpdateRule};

/// Everything the page is drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub dataset: DatasetKind,
    /// Number of points n, split into training, validation and test sets.
    pub n: usize,
    /// Standard deviation of the Gaussian noise added to each coordinate.
    pub noise: f64,
    pub seed: u64,
    /// Number of classes m (the softmax width).
    pub m: usize,
    /// The input features; their count is d.
    pub features: FeatureSet,
    pub d_h: usize,
    /// The penalty Ω of (r): the course's weight decay λ by default, or the homework's four
    /// coefficients (λ₁₁, λ₁₂ on W⁽¹⁾, λ₂₁, λ₂₂ on W⁽²⁾).
    pub penalty: Penalty,
    /// Learning rate η of the update (f).
    pub eta: f64,
    /// The update rule of (f): plain SGD (the course's, the default), momentum, Nesterov or
    /// Adam, with its coefficients.
    pub rule: UpdateRule,
    /// Fractions of the points in the training and validation sets; the rest is the test set.
    pub train_frac: f64,
    pub valid_frac: f64,
    /// Minibatch size K (1 = plain SGD); the step uses the mean gradient of the minibatch.
    pub batch_size: usize,
    /// How many times the weights were re-initialized: mixed into the weights' seed, so
    /// "re-initialize" gives new weights that a link still reproduces.
    pub init: u64,
    /// How fast Play trains: the teaching pace (the default: a class sees the first epochs
    /// one by one, then the run speeds up), a set number of epochs per second, or as fast as
    /// the machine allows.
    pub speed: Speed,
    /// What the settings say of a student's own CSV file (used while `dataset` is
    /// [`DatasetKind::Csv`]).
    pub file: FileSettings,
}

/// A student's CSV file as the settings (and so a link) describe it: which file, how it is
/// read. The file itself never leaves the page; a link carries its SHA-256, and opening the
/// link asks for the file and says whether it is the same one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FileSettings {
    /// SHA-256 of the file's bytes; `None` before any file was opened.
    pub sha256: Option<[u8; 32]>,
    /// Its number of input columns (every column but the label's).
    pub inputs: usize,
    /// The column of the labels, from 0 (`None`: the last).
    pub label: Option<usize>,
    /// Whether the inputs are standardized (z-scores from the training split).
    pub standardize: bool,
}

impl Default for FileSettings {
    fn default() -> Self {
        FileSettings { sha256: None, inputs: 2, label: None, standardize: true }
    }
}

impl Default for Settings {
    /// The course's setting: two moons, two inputs, two classes.
    fn default() -> Self {
        Settings {
            dataset: DatasetKind::Moons,
            n: 200,
            noise: 0.1,
            seed: 1,
            m: 2,
            features: FeatureSet::default(),
            d_h: 8,
            penalty: Penalty::weight_decay(1e-3),
            eta: 0.1,
            rule: UpdateRule::Sgd,
            train_frac: 0.7,
            valid_frac: 0.15,
            batch_size: 10,
            init: 0,
            speed: Speed::Teaching,
            file: FileSettings::default(),
        }
    }
}

impl Settings {
    /// The input dimension d: the data set's own (the digits' 64 pixels, a file's columns),
    /// else the number of input features (of 2-D points, a file of two inputs included).
    pub fn d(&self) -> usize {
        match self.dataset {
            DatasetKind::Csv if self.file.inputs != 2 => self.file.inputs,
            kind => kind.fixed_dim().unwrap_or_else(|| self.features.d()),
        }
    }

    /// Whether the data are 2-D points (generated, or a file of two inputs): the plot, the
    /// features and the clicks are theirs.
    pub fn is_plane(&self) -> bool {
        match self.dataset {
            DatasetKind::Csv => self.file.inputs == 2,
            kind => kind.is_generated(),
        }
    }

    /// The network's shape (d, d_h, m), or `None` while it is not a valid one.
    pub fn shape(&self) -> Option<Shape> {
        Shape::new(self.d(), self.d_h, self.m).ok()
    }
}

/// Why a typed value was refused. Bounds are kept as text so they print as written in the rule.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldError {
    Empty,
    NotANumber,
    NotAnInteger,
    BelowMin(&'static str),
    AboveMax(&'static str),
}

/// The rule a number box enforces: an inclusive range, and whether only integers are allowed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumRule {
    pub min: f64,
    pub max: f64,
    /// The bounds as shown to the user.
    pub min_text: &'static str,
    pub max_text: &'static str,
    pub integer: bool,
}

impl NumRule {
    /// Parses `text` (a French decimal comma is accepted) and checks it against the rule.
    pub fn parse(&self, text: &str) -> Result<f64, FieldError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(FieldError::Empty);
        }
        let value: f64 = text.replace(',', ".").parse().map_err(|_| FieldError::NotANumber)?;
        if !value.is_finite() {
            return Err(FieldError::NotANumber);
        }
        if self.integer && value.fract() != 0.0 {
            return Err(FieldError::NotAnInteger);
        }
        if value < self.min {
            return Err(FieldError::BelowMin(self.min_text));
        }
        if value > self.max {
            return Err(FieldError::AboveMax(self.max_text));
        }
        Ok(value)
    }
}

const fn int_rule(min: f64, max: f64, min_text: &'static str, max_text: &'static str) -> NumRule {
    NumRule { min, max, min_text, max_text, integer: true }
}

const fn real_rule(min: f64, max: f64, min_text: &'static str, max_text: &'static str) -> NumRule {
    NumRule { min, max, min_text, max_text, integer: false }
}

pub const N_RULE: NumRule = int_rule(10.0, 5000.0, "10", "5000");
pub const NOISE_RULE: NumRule = real_rule(0.0, 1.0, "0", "1");
/// Seeds up to 2³² − 1 so that a seed survives a round trip through a URL and a spreadsheet.
pub const SEED_RULE: NumRule = int_rule(0.0, 4_294_967_295.0, "0", "4294967295");
pub const M_RULE: NumRule = int_rule(2.0, 10.0, "2", "10");
pub const D_H_RULE: NumRule = int_rule(1.0, 256.0, "1", "256");
pub const LAMBDA_RULE: NumRule = real_rule(0.0, 10.0, "0", "10");
/// η > 0; the upper bound is far past divergence, so a student can watch it happen.
pub const ETA_RULE: NumRule = real_rule(1e-6, 100.0, "0.000001", "100");
/// β of momentum and Nesterov, and Adam's β₁: at least 0 and below 1.
pub const BETA_RULE: NumRule = real_rule(0.0, 0.999, "0", "0.999");
/// Adam's β₂: at least 0 and below 1 (its default 0.999 and closer to 1).
pub const BETA2_RULE: NumRule = real_rule(0.0, 0.99999, "0", "0.99999");
/// Adam's ε: positive, small.
pub const EPSILON_RULE: NumRule = real_rule(1e-12, 1.0, "1e-12", "1");
/// At least one point in twenty trains; the validation set may be empty.
pub const TRAIN_FRAC_RULE: NumRule = real_rule(0.05, 1.0, "0.05", "1");
pub const VALID_FRAC_RULE: NumRule = real_rule(0.0, 0.95, "0", "0.95");
pub const BATCH_RULE: NumRule = int_rule(1.0, 1000.0, "1", "1000");
pub const INIT_RULE: NumRule = int_rule(0.0, 4_294_967_295.0, "0", "4294967295");
/// Epochs per second; 0 = as fast as possible.
pub const SPEED_RULE: NumRule = real_rule(0.0, 1000.0, "0", "1000");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_accept_their_range_and_say_why_they_refuse() {
        assert_eq!(D_H_RULE.parse(" 8 "), Ok(8.0));
        assert_eq!(D_H_RULE.parse("0"), Err(FieldError::BelowMin("1")));
        assert_eq!(D_H_RULE.parse("257"), Err(FieldError::AboveMax("256")));
        assert_eq!(D_H_RULE.parse("2.5"), Err(FieldError::NotAnInteger));
        assert_eq!(D_H_RULE.parse("eight"), Err(FieldError::NotANumber));
        assert_eq!(D_H_RULE.parse(""), Err(FieldError::Empty));
        assert_eq!(LAMBDA_RULE.parse("-0.1"), Err(FieldError::BelowMin("0")));
        assert_eq!(LAMBDA_RULE.parse("0,001"), Ok(0.001));
        assert_eq!(LAMBDA_RULE.parse("1e-4"), Ok(1e-4));
        assert_eq!(LAMBDA_RULE.parse("NaN"), Err(FieldError::NotANumber));
        assert_eq!(LAMBDA_RULE.parse("inf"), Err(FieldError::NotANumber));
        assert_eq!(SEED_RULE.parse("4294967295"), Ok(4_294_967_295.0));
    }

    #[test]
    fn defaults_are_within_their_rules() {
        let s = Settings::default();
        assert!(N_RULE.parse(&s.n.to_string()).is_ok());
        assert!(NOISE_RULE.parse(&s.noise.to_string()).is_ok());
        assert!(SEED_RULE.parse(&s.seed.to_string()).is_ok());
        assert!(M_RULE.parse(&s.m.to_string()).is_ok());
        assert!(D_H_RULE.parse(&s.d_h.to_string()).is_ok());
        assert!(mlp::Coefficient::ALL.iter().all(|&c| LAMBDA_RULE.parse(&s.penalty.get(c).to_string()).is_ok()));
        assert!(ETA_RULE.parse(&s.eta.to_string()).is_ok());
        assert!(TRAIN_FRAC_RULE.parse(&s.train_frac.to_string()).is_ok());
        assert!(VALID_FRAC_RULE.parse(&s.valid_frac.to_string()).is_ok());
        assert!(BATCH_RULE.parse(&s.batch_size.to_string()).is_ok());
        assert!(INIT_RULE.parse(&s.init.to_string()).is_ok());
        assert_eq!(s.speed, Speed::Teaching);
        assert_eq!(SPEED_RULE.parse("0"), Ok(0.0), "0 is as fast as possible");
        assert_eq!(ETA_RULE.parse("0"), Err(FieldError::BelowMin("0.000001")));
        assert_eq!(s.shape(), Shape::new(2, 8, 2).ok());
    }
}
