//! Texts assembled from values: names of data sets and classes, set sizes.

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
    match lang {
        Lang::En => text,
        Lang::Fr => text.replace('.', ","),
    }
}

/// An error rate (a fraction) as a percentage with one decimal, without the % sign: "12.5".
pub fn percent(lang: Lang, fraction: f64) -> String {
    if !fraction.is_finite() {
        return number(lang, fraction, 1);
    }
    let text = format!("{:.1}", fraction * 100.0);
    match lang {
        Lang::En => text,
        Lang::Fr => text.replace('.', ","),
    }
}
