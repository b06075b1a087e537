//! Texts assembled from values: names of data sets and classes, set sizes, and every number
//! the page shows. Numbers are written one way per language: a decimal point in English, a
//! decimal comma in French, in tables, formulas, the diagram, the curves and the status lines
//! alike. What is copied or exported (JSON, numpy, LaTeX, links) keeps the machine's point:
//! those texts are made by [`crate::stepper::format`] and never pass through here.

use super::{t, Lang, Msg};
use mlp::DatasetKind;

/// The name of a data set, as in the data set menu.
pub fn dataset_name(lang: Lang, kind: DatasetKind) -> &'static str {
    let msg = match kind {
        DatasetKind::Moons => Msg::DatasetMoons,
        DatasetKind::Circles => Msg::DatasetCircles,
        DatasetKind::Xor => Msg::DatasetXor,
        DatasetKind::Spirals => Msg::DatasetSpirals,
        DatasetKind::Blobs => Msg::DatasetBlobs,
        DatasetKind::Digits => Msg::DatasetDigits,
        DatasetKind::Csv => return t(lang, super::csv::CsvMsg::Dataset),
    };
    t(lang, msg)
}

/// "class 0", "classe 0": classes are numbered from 0, as y is in the course's numpy code.
pub fn class_name(lang: Lang, class: usize) -> String {
    format!("{} {class}", t(lang, Msg::Class))
}

/// "140 training · 30 validation · 30 test".
pub fn split_summary(lang: Lang, train: usize, valid: usize, test: usize) -> String {
    format!(
        "{train} {} · {valid} {} · {test} {}",
        t(lang, Msg::Train),
        t(lang, Msg::Valid),
        t(lang, Msg::Test)
    )
}

/// `text` (a number or a text holding numbers, written with decimal points) as `lang` writes
/// numbers: the points become commas in French.
pub fn localize(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => text.to_owned(),
        Lang::Fr => text.replace('.', ","),
    }
}

/// `value` as the stepper's tables, formulas and checks show it (four decimals, or scientific
/// notation for the very small and the very large; see [`crate::stepper::format::number`]),
/// in `lang`'s notation.
pub fn fixed(lang: Lang, value: f64) -> String {
    localize(lang, &crate::stepper::format::number(value))
}

/// `value` as a table whose numbers are written in `notation` shows it, in `lang`'s notation.
pub fn in_notation(lang: Lang, notation: crate::stepper::format::Notation, value: f64) -> String {
    localize(lang, &notation.write(value))
}

/// `value` at full precision (a cell's tooltip), in `lang`'s notation.
pub fn exact(lang: Lang, value: f64) -> String {
    localize(lang, &crate::stepper::format::full(value))
}

/// `value` as written in a setting (`0.1`, `20`), in `lang`'s notation.
pub fn plain(lang: Lang, value: f64) -> String {
    localize(lang, &format!("{value}"))
}

/// What separates the numbers of a list: a comma in English, a semicolon in French (where
/// the comma is the decimal mark): "(−1.96, 0.08)", "(−1,96 ; 0,08)".
pub fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        Lang::Fr => " ; ",
    }
}

/// `value` with `significant` significant digits (at least one), in scientific notation when
/// it is below 10⁻⁴ or from 10⁶ on; "NaN" or "∞" when it is not finite. Decimal comma in
/// French.
pub fn number(lang: Lang, value: f64, significant: usize) -> String {
    if !value.is_finite() {
        return if value.is_nan() { "NaN".into() } else if value > 0.0 { "∞".into() } else { "−∞".into() };
    }
    let significant = significant.max(1);
    let text = if value == 0.0 {
        "0".to_owned()
    } else if value.abs() < 1e-4 || value.abs() >= 1e6 {
        format!("{value:.*e}", significant - 1)
    } else {
        let magnitude = value.abs().log10().floor() as i64;
        let decimals = (significant as i64 - 1 - magnitude).max(0) as usize;
        format!("{value:.decimals$}")
    };
    localize(lang, &text)
}

/// An error rate (a fraction) as a percentage with one decimal, without the % sign: "12.5".
pub fn percent(lang: Lang, fraction: f64) -> String {
    if !fraction.is_finite() {
        return number(lang, fraction, 1);
    }
    localize(lang, &format!("{:.1}", fraction * 100.0))
}
