//! The settings as a link carries them: every setting is one query parameter with a short,
//! stable key, so "copy link" reproduces the same data, the same initial weights and the
//! same training trajectory.
//!
//! A URL is untrusted input. Each value is checked with its field's own rule (the
//! [`NumRule`]s of [`crate::settings`], the data set and feature keys of `mlp`); a value that
//! fails keeps the default and yields a [`UrlNotice`] naming the parameter, which the page
//! shows. Nothing here panics, whatever the query. Parameters of other parts of the page
//! (`lang`, `step`, `mistakes`, `case`) and unknown ones are left alone.
//!
//! Numbers are written in Rust's shortest round-trip form, so reading a written link gives
//! back the settings bit for bit: `settings_from_pairs(settings_to_pairs(s)) == (s, [])`.

use crate::settings::{
    FieldError, NumRule, Settings, BATCH_RULE, BETA2_RULE, BETA_RULE, EPSILON_RULE, D_H_RULE, ETA_RULE, INIT_RULE, LAMBDA_RULE, M_RULE, NOISE_RULE,
    N_RULE, SEED_RULE, SPEED_RULE, TRAIN_FRAC_RULE, VALID_FRAC_RULE,
};
use mlp::{Coefficient, DatasetKind, FeatureError, FeatureSet, Penalty, UpdateRule};

/// The key of the data set parameter (a [`DatasetKind::key`]).
pub const DATA: &str = "data";
/// The key of the input features parameter (comma-separated [`mlp::Feature::key`]s).
pub const FEATURES: &str = "features";
/// The key of the number of classes m, checked against the data set.
pub const M: &str = "m";
/// The key of the training fraction; with the validation fraction, its sum is checked.
pub const TRAIN: &str = "train";
/// The key of the validation fraction.
pub const VALID: &str = "valid";
/// The key of the player's pace: `teach` (the teaching pace), `0` (as fast as possible) or a
/// number of epochs per second.
pub const SPEED: &str = "speed";

/// The key of a CSV file's SHA-256 (64 hexadecimal digits); with `inputs`, `label` and
/// `std`, written only while the data set is the student's file.
pub const FILE: &str = "file";
/// The key of the file's label column, counted from 1 as the page shows it.
pub const LABEL: &str = "label";
/// The key of the file's standardization switch: `1` (on) or `0`.
pub const STANDARDIZE: &str = "std";
/// The key of the file's number of input columns.
pub const INPUTS: &str = "inputs";
/// The keys of a CSV file's settings.
pub const FILE_KEYS: [&str; 4] = [FILE, INPUTS, LABEL, STANDARDIZE];

/// The key of the update rule of (f): `sgd`, `momentum`, `nesterov` or `adam`.
pub const RULE: &str = "rule";
/// The keys of the rule's coefficients: β (momentum, Nesterov; Adam's β₁), Adam's β₂ and ε;
/// written only for a rule that has them.
pub const RULE_KEYS: [&str; 3] = ["beta", "beta2", "eps"];

/// The key of the weight decay λ (λ₁₂ = λ₂₂ = λ, no L1), written when the penalty is one.
pub const LAMBDA: &str = "lambda";
/// The keys of the penalty's four coefficients ([`Coefficient::key`]), written instead of
/// `lambda` when the penalty is not a single weight decay; read after `lambda`, each replacing
/// its own coefficient.
pub const PENALTY_KEYS: [&str; 4] = ["l11", "l12", "l21", "l22"];

/// A file's number of inputs, as [`mlp::dataset::csv::MAX_INPUTS`] allows.
const INPUTS_RULE: NumRule = NumRule { min: 1.0, max: 256.0, min_text: "1", max_text: "256", integer: true };
/// A label column, from 1: one more than the most inputs.
const LABEL_RULE: NumRule = NumRule { min: 1.0, max: 257.0, min_text: "1", max_text: "257", integer: true };

/// `train + valid` may exceed 1 by this much, as `mlp`'s split allows (rounding in the sum).
const SPLIT_SUM_TOLERANCE: f64 = 1e-9;

/// Why a value in the link was not used.
#[derive(Clone, Debug, PartialEq)]
pub enum UrlProblem {
    /// The number was refused by its field's rule.
    Number(FieldError),
    /// No data set has this key.
    UnknownDataset,
    /// The feature list is empty or names an unknown feature.
    Features(FeatureError),
    /// This data set does not allow that many classes; its minimum is used instead.
    Classes(DatasetKind),
    /// The training and validation fractions (`train`, `valid`) add up to more than 1; both
    /// fractions fall back to their defaults.
    SplitOverOne { train: f64, valid: f64 },
    /// `file` is not 64 hexadecimal digits.
    Hash,
    /// `std` is neither 1 nor 0.
    Switch,
    /// No update rule has this key.
    UnknownRule,
}

/// A value of the link that was not used, and what was used instead.
#[derive(Clone, Debug, PartialEq)]
pub struct UrlNotice {
    /// The parameter's key, as in the link (`dh`, `eta`, …).
    pub param: &'static str,
    /// The value found in the link, as it was written.
    pub value: String,
    pub problem: UrlProblem,
    /// The value used instead, as a link writes it.
    pub used: String,
}

/// One numeric setting: its key in the link, its field's rule and its place in [`Settings`].
struct NumParam {
    key: &'static str,
    rule: NumRule,
    get: fn(&Settings) -> f64,
    /// Stores a value that passed `rule` (so integer casts are exact).
    set: fn(&mut Settings, f64),
}

/// The numbers of the data fieldset, in the order a link writes them (after `data`).
const DATA_NUMBERS: [NumParam; 6] = [
    NumParam { key: "n", rule: N_RULE, get: |s| s.n as f64, set: |s, v| s.n = v as usize },
    NumParam { key: "noise", rule: NOISE_RULE, get: |s| s.noise, set: |s, v| s.noise = v },
    NumParam { key: "seed", rule: SEED_RULE, get: |s| s.seed as f64, set: |s, v| s.seed = v as u64 },
    NumParam { key: M, rule: M_RULE, get: |s| s.m as f64, set: |s, v| s.m = v as usize },
    NumParam { key: TRAIN, rule: TRAIN_FRAC_RULE, get: |s| s.train_frac, set: |s, v| s.train_frac = v },
    NumParam { key: VALID, rule: VALID_FRAC_RULE, get: |s| s.valid_frac, set: |s, v| s.valid_frac = v },
];

/// The numbers of the network and its training, in the order a link writes them (after
/// `features`).
const NETWORK_NUMBERS: [NumParam; 5] = [
    NumParam { key: "dh", rule: D_H_RULE, get: |s| s.d_h as f64, set: |s, v| s.d_h = v as usize },
    NumParam { key: LAMBDA, rule: LAMBDA_RULE, get: weight_decay, set: |s, v| s.penalty = Penalty::weight_decay(v) },
    NumParam { key: "eta", rule: ETA_RULE, get: |s| s.eta, set: |s, v| s.eta = v },
    NumParam { key: "k", rule: BATCH_RULE, get: |s| s.batch_size as f64, set: |s, v| s.batch_size = v as usize },
    NumParam { key: "init", rule: INIT_RULE, get: |s| s.init as f64, set: |s, v| s.init = v as u64 },
];

/// Every settings key, in the order [`settings_to_pairs`] writes them.
pub fn keys() -> Vec<&'static str> {
    settings_to_pairs(&Settings::default()).into_iter().map(|(key, _)| key).collect()
}

/// The settings a link's query `pairs` describe (the first of repeated keys counts), and a
/// notice for each value that was not used. Never panics.
pub fn settings_from_pairs(pairs: &[(String, String)]) -> (Settings, Vec<UrlNotice>) {
    let find = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let mut s = Settings::default();
    let mut notices = Vec::new();
    if let Some(text) = find(DATA) {
        read_dataset(&mut s, text, &mut notices);
    }
    if let Some(text) = find(FEATURES) {
        read_features(&mut s, text, &mut notices);
    }
    for param in DATA_NUMBERS.iter().chain(&NETWORK_NUMBERS) {
        if let Some(text) = find(param.key) {
            read_number(&mut s, param, text, &mut notices);
        }
    }
    read_penalty(&mut s, &find, &mut notices);
    read_rule(&mut s, &find, &mut notices);
    if let Some(text) = find(SPEED) {
        read_speed(&mut s, text, &mut notices);
    }
    if s.dataset == DatasetKind::Csv {
        read_file(&mut s, &find, &mut notices);
    }
    check_split(&mut s, &find, &mut notices);
    check_classes(&mut s, &find, &mut notices);
    (s, notices)
}

/// A CSV file's settings (read only when the data set is the file, as they are written).
fn read_file<'a>(s: &mut Settings, find: &impl Fn(&str) -> Option<&'a str>, notices: &mut Vec<UrlNotice>) {
    if let Some(text) = find(FILE) {
        match crate::data::own::parse_hex(text.trim()) {
            Some(hash) => s.file.sha256 = Some(hash),
            None => notices.push(UrlNotice { param: FILE, value: text.to_owned(), problem: UrlProblem::Hash, used: String::new() }),
        }
    }
    let numbers = [
        (INPUTS, INPUTS_RULE, s.file.inputs.to_string()),
        (LABEL, LABEL_RULE, s.file.label.map_or_else(String::new, |l| (l + 1).to_string())),
    ];
    for (key, rule, used) in numbers {
        let Some(text) = find(key) else { continue };
        match rule.parse(text) {
            Ok(v) if key == INPUTS => s.file.inputs = v as usize,
            Ok(v) => s.file.label = Some(v as usize - 1),
            Err(error) => notices.push(UrlNotice { param: key, value: text.to_owned(), problem: UrlProblem::Number(error), used }),
        }
    }
    if let Some(text) = find(STANDARDIZE) {
        match text.trim() {
            "1" => s.file.standardize = true,
            "0" => s.file.standardize = false,
            _ => notices.push(UrlNotice { param: STANDARDIZE, value: text.to_owned(), problem: UrlProblem::Switch, used: "1".into() }),
        }
    }
}

/// The query pairs that describe `s`: every setting, defaults included, so that a link keeps
/// meaning the same thing even if the defaults change.
pub fn settings_to_pairs(s: &Settings) -> Vec<(&'static str, String)> {
    let number = |param: &NumParam| (param.key, number_text((param.get)(s)));
    // `lambda` for a weight decay, else the four coefficients in its place
    let network = NETWORK_NUMBERS.iter().flat_map(|param| match (param.key, s.penalty.as_weight_decay()) {
        (LAMBDA, None) => Coefficient::ALL.iter().map(|&c| (c.key(), number_text(s.penalty.get(c)))).collect(),
        _ => vec![number(param)],
    });
    std::iter::once((DATA, s.dataset.key().to_owned()))
        .chain(DATA_NUMBERS.iter().map(number))
        .chain(std::iter::once((FEATURES, s.features.to_keys())))
        .chain(network)
        .chain(rule_pairs(s))
        .chain(std::iter::once((SPEED, s.speed.key())))
        .chain(file_pairs(s))
        .collect()
}

/// The λ a link writes and the λ field shows: the weight decay, or λ₁₂ when the penalty has
/// four coefficients.
fn weight_decay(s: &Settings) -> f64 {
    s.penalty.as_weight_decay().unwrap_or(s.penalty.w1.l2)
}

/// `l11`, `l12`, `l21`, `l22`, after `lambda`: each replaces its coefficient, with λ's rule.
fn read_penalty<'a>(s: &mut Settings, find: &impl Fn(&str) -> Option<&'a str>, notices: &mut Vec<UrlNotice>) {
    for c in Coefficient::ALL {
        let Some(text) = find(c.key()) else { continue };
        match LAMBDA_RULE.parse(text) {
            Ok(value) => s.penalty.set(c, value),
            Err(error) => notices.push(UrlNotice {
                param: c.key(),
                value: text.to_owned(),
                problem: UrlProblem::Number(error),
                used: number_text(s.penalty.get(c)),
            }),
        }
    }
}

/// The rule (always) and its coefficients (those it has), after `init`.
fn rule_pairs(s: &Settings) -> Vec<(&'static str, String)> {
    let coefficients: Vec<f64> = match s.rule {
        UpdateRule::Sgd => vec![],
        UpdateRule::Momentum { beta } | UpdateRule::Nesterov { beta } => vec![beta],
        UpdateRule::Adam { beta1, beta2, epsilon } => vec![beta1, beta2, epsilon],
    };
    std::iter::once((RULE, s.rule.key().to_owned()))
        .chain(RULE_KEYS.iter().zip(coefficients).map(|(&key, v)| (key, number_text(v))))
        .collect()
}

/// `rule`, then the coefficients it has (`beta`, `beta2`, `eps`), each with its field's rule;
/// a coefficient of a rule that has none is ignored.
fn read_rule<'a>(s: &mut Settings, find: &impl Fn(&str) -> Option<&'a str>, notices: &mut Vec<UrlNotice>) {
    if let Some(text) = find(RULE) {
        match UpdateRule::from_key(text) {
            Some(rule) => s.rule = rule,
            None => notices.push(UrlNotice { param: RULE, value: text.to_owned(), problem: UrlProblem::UnknownRule, used: s.rule.key().to_owned() }),
        }
    }
    for (key, rule) in RULE_KEYS.into_iter().zip([BETA_RULE, BETA2_RULE, EPSILON_RULE]) {
        let Some(slot) = rule_coefficient(&mut s.rule, key) else { continue };
        let Some(text) = find(key) else { continue };
        match rule.parse(text) {
            Ok(v) => *slot = v,
            Err(error) => notices.push(UrlNotice { param: key, value: text.to_owned(), problem: UrlProblem::Number(error), used: number_text(*slot) }),
        }
    }
}

/// The coefficient of `rule` a key names (`beta`: β or β₁, `beta2`, `eps`), if it has it.
pub fn rule_coefficient<'r>(rule: &'r mut UpdateRule, key: &str) -> Option<&'r mut f64> {
    match (rule, key) {
        (UpdateRule::Momentum { beta } | UpdateRule::Nesterov { beta }, "beta") => Some(beta),
        (UpdateRule::Adam { beta1, .. }, "beta") => Some(beta1),
        (UpdateRule::Adam { beta2, .. }, "beta2") => Some(beta2),
        (UpdateRule::Adam { epsilon, .. }, "eps") => Some(epsilon),
        _ => None,
    }
}

/// A CSV file's settings, while the data set is the file (the hash once a file was opened).
fn file_pairs(s: &Settings) -> Vec<(&'static str, String)> {
    if s.dataset != DatasetKind::Csv {
        return Vec::new();
    }
    let f = &s.file;
    let hash = f.sha256.map(|h| (FILE, crate::data::own::hex(&h)));
    let label = f.label.map(|l| (LABEL, (l + 1).to_string()));
    let standardize = (STANDARDIZE, if f.standardize { "1" } else { "0" }.to_owned());
    hash.into_iter().chain([(INPUTS, f.inputs.to_string())]).chain(label).chain([standardize]).collect()
}

/// `v` in the shortest text that parses back to the same bits: `{:?}` (which switches to
/// exponent notation for very small or large values) without a trailing `.0`, so that
/// integers read as integers (`200`, not `200.0`).
pub fn number_text(v: f64) -> String {
    let text = format!("{v:?}");
    match text.strip_suffix(".0") {
        Some(integer) => integer.to_owned(),
        None => text,
    }
}

fn read_dataset(s: &mut Settings, text: &str, notices: &mut Vec<UrlNotice>) {
    match DatasetKind::from_key(&text.trim().to_ascii_lowercase()) {
        Some(kind) => s.dataset = kind,
        None => notices.push(UrlNotice {
            param: DATA,
            value: text.to_owned(),
            problem: UrlProblem::UnknownDataset,
            used: s.dataset.key().to_owned(),
        }),
    }
}

fn read_features(s: &mut Settings, text: &str, notices: &mut Vec<UrlNotice>) {
    match FeatureSet::parse_keys(text) {
        Ok(features) => s.features = features,
        Err(error) => notices.push(UrlNotice {
            param: FEATURES,
            value: text.to_owned(),
            problem: UrlProblem::Features(error),
            used: s.features.to_keys(),
        }),
    }
}

fn read_number(s: &mut Settings, param: &NumParam, text: &str, notices: &mut Vec<UrlNotice>) {
    match param.rule.parse(text) {
        Ok(value) => (param.set)(s, value),
        Err(error) => notices.push(UrlNotice {
            param: param.key,
            value: text.to_owned(),
            problem: UrlProblem::Number(error),
            used: number_text((param.get)(s)),
        }),
    }
}

/// The pace: `teach`, or a number of epochs per second checked by [`SPEED_RULE`] (0 = as fast
/// as possible).
fn read_speed(s: &mut Settings, text: &str, notices: &mut Vec<UrlNotice>) {
    if text == engine::TEACHING_KEY {
        s.speed = engine::Speed::Teaching;
        return;
    }
    match SPEED_RULE.parse(text) {
        Ok(rate) => s.speed = engine::Speed::from_rate(rate),
        Err(error) => notices.push(UrlNotice {
            param: SPEED,
            value: text.to_owned(),
            problem: UrlProblem::Number(error),
            used: s.speed.key(),
        }),
    }
}

/// Whether the value of `key` in use came from the link: it is there and was not refused.
fn taken_from_link<'a>(
    key: &str,
    find: &impl Fn(&str) -> Option<&'a str>,
    notices: &[UrlNotice],
) -> Option<&'a str> {
    find(key).filter(|_| !notices.iter().any(|notice| notice.param == key))
}

/// train + valid ≤ 1 (the test set gets the rest); otherwise both fractions fall back to
/// their defaults, with a notice for each one the link gave.
fn check_split<'a>(s: &mut Settings, find: &impl Fn(&str) -> Option<&'a str>, notices: &mut Vec<UrlNotice>) {
    let (train, valid) = (s.train_frac, s.valid_frac);
    if train + valid <= 1.0 + SPLIT_SUM_TOLERANCE {
        return;
    }
    let defaults = Settings::default();
    s.train_frac = defaults.train_frac;
    s.valid_frac = defaults.valid_frac;
    let given = [(TRAIN, defaults.train_frac), (VALID, defaults.valid_frac)]
        .map(|(key, used)| taken_from_link(key, find, notices).map(|text| (key, text.to_owned(), used)));
    for (param, value, used) in given.into_iter().flatten() {
        let problem = UrlProblem::SplitOverOne { train, valid };
        notices.push(UrlNotice { param, value, problem, used: number_text(used) });
    }
}

/// m must be a number of classes the data set can make; otherwise m falls back to the data
/// set's minimum (with a notice when the link gave m).
fn check_classes<'a>(s: &mut Settings, find: &impl Fn(&str) -> Option<&'a str>, notices: &mut Vec<UrlNotice>) {
    let (lo, hi) = s.dataset.classes_range();
    if (lo..=hi).contains(&s.m) {
        return;
    }
    if let Some(text) = taken_from_link(M, find, notices) {
        let value = text.to_owned();
        let problem = UrlProblem::Classes(s.dataset);
        notices.push(UrlNotice { param: M, value, problem, used: lo.to_string() });
    }
    s.m = lo;
}

/// The current page's settings and the notices about its URL.
pub fn read_page() -> (Settings, Vec<UrlNotice>) {
    settings_from_pairs(&crate::url::query_pairs())
}

/// Writes every setting of `s` into the address bar with one `history.replaceState`,
/// keeping the other parameters (`lang`, `step`, `mistakes`, `case`, …).
pub fn write_page(s: &Settings) {
    let pairs = settings_to_pairs(s);
    crate::url::set_query_params(&pairs);
    let written_elsewhere = FILE_KEYS.into_iter().chain(PENALTY_KEYS).chain([LAMBDA]).chain(RULE_KEYS);
    for key in written_elsewhere.filter(|key| pairs.iter().all(|(k, _)| k != key)) {
        crate::url::remove_query_param(key);
    }
}

#[cfg(test)]
mod tests;
