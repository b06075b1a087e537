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
