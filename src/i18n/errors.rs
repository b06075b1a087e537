//! Error messages in both languages: each one says what is wrong and what to do instead.
//!
//! The math crate's errors carry the values involved; here they become sentences. The
//! crate's own `Display` (English) is for logs and tests; the page always speaks through
//! these functions.

use super::csv::{no_training_example, CsvMsg};
use super::data::DataMsg;
use super::{dataset_name, t, Lang};
use crate::data::{DataError, LoadError};
use mlp::dataset::digits::DigitsError;
use crate::settings::FieldError;
use crate::stepper::typed::{PointError, TypedError};
use mlp::dataset::{MAX_NOISE, MAX_POINTS};
use mlp::features::FeatureError;
use mlp::{DatasetError, DatasetKind};

/// The message under a number box whose text was refused.
pub fn field_error(lang: Lang, error: &FieldError) -> String {
    match (lang, error) {
        (Lang::En, FieldError::Empty) => "Enter a value.".into(),
        (Lang::Fr, FieldError::Empty) => "Entrez une valeur.".into(),
        (Lang::En, FieldError::NotANumber) => "Not a number: enter digits, e.g. 0.01 or 1e-3.".into(),
        (Lang::Fr, FieldError::NotANumber) => {
            "Ce n'est pas un nombre : entrez des chiffres, p. ex. 0,01 ou 1e-3.".into()
        }
        (Lang::En, FieldError::NotAnInteger) => "Enter a whole number.".into(),
        (Lang::Fr, FieldError::NotAnInteger) => "Entrez un nombre entier.".into(),
        (Lang::En, FieldError::BelowMin(min)) => format!("Must be at least {min}."),
        (Lang::Fr, FieldError::BelowMin(min)) => format!("Doit valoir au moins {min}."),
        (Lang::En, FieldError::AboveMax(max)) => format!("Must be at most {max}."),
        (Lang::Fr, FieldError::AboveMax(max)) => format!("Doit valoir au plus {max}."),
    }
}

/// Why the settings give no data to train on (the digits on their way included).
pub fn data_error(lang: Lang, error: &DataError) -> String {
    match error {
        DataError::Dataset(error) => dataset_error(lang, error),
        DataError::Loading => t(lang, DataMsg::DigitsLoading).to_owned(),
        DataError::Load(LoadError::Fetch(status)) => {
            let status = status.map(|code| format!(" (HTTP {code})")).unwrap_or_default();
            format!("{}{status} {}", t(lang, DataMsg::DigitsFetchFailed), t(lang, DataMsg::DigitsRetry))
        }
        DataError::Load(LoadError::Damaged(error)) => {
            let (image, what) = match *error {
                DigitsError::Length { len } => (None, format!("{len} B")),
                DigitsError::Pixel { image, value } | DigitsError::Label { image, value } => (Some(image), value.to_string()),
            };
            let at = image.map(|i| format!(" ({} {i}: {what})", t(lang, DataMsg::Image))).unwrap_or_else(|| format!(" ({what})"));
            format!("{}{at} {}", t(lang, DataMsg::DigitsDamaged), t(lang, DataMsg::DigitsRetry))
        }
        DataError::NeedFile(None) => t(lang, CsvMsg::NoFile).to_owned(),
        DataError::NeedFile(Some(sha256)) => format!("{} {}", t(lang, CsvMsg::LinkFile), crate::data::own::hex(sha256)),
        DataError::NoTrainingExample { class, rows } => no_training_example(lang, class, *rows),
    }
}

/// Why a data set could not be made from the settings.
pub fn dataset_error(lang: Lang, error: &DatasetError) -> String {
    match *error {
        DatasetError::NotGenerated { .. } => t(lang, DataMsg::DigitsLoading).to_owned(),
        DatasetError::Classes { kind, classes } => classes_error(lang, kind, classes),
        DatasetError::TooFewPoints { n, classes } => match lang {
            Lang::En => format!("{n} points cannot fill {classes} classes: choose at least {classes} points or fewer classes."),
            Lang::Fr => format!("{n} points ne peuvent pas remplir {classes} classes : choisissez au moins {classes} points ou moins de classes."),
        },
        DatasetError::TooManyPoints { n } => match lang {
            Lang::En => format!("{n} points is too many: choose at most {MAX_POINTS}."),
            Lang::Fr => format!("{n} points, c'est trop : choisissez-en au plus {MAX_POINTS}."),
        },
        DatasetError::Noise { .. } => match lang {
            Lang::En => format!("The noise must be between 0 and {MAX_NOISE}."),
            Lang::Fr => format!("Le bruit doit être compris entre 0 et {MAX_NOISE}."),
        },
        DatasetError::SplitFractions { .. } => match lang {
            Lang::En => "The training and validation fractions must each be between 0 and 1 and add up to at most 1.".into(),
            Lang::Fr => "Les fractions d'entraînement et de validation doivent être entre 0 et 1, et leur somme au plus 1.".into(),
        },
        DatasetError::EmptyTrainingSet { .. } => match lang {
            Lang::En => "The training set would be empty: add points or raise the training fraction.".into(),
            Lang::Fr => "L'ensemble d'entraînement serait vide : ajoutez des points ou augmentez la fraction d'entraînement.".into(),
        },
    }
}

fn classes_error(lang: Lang, kind: DatasetKind, classes: usize) -> String {
    let name = dataset_name(lang, kind);
    let (lo, hi) = kind.classes_range();
    let allowed = if lo == hi { lo.to_string() } else { format!("{lo}–{hi}") };
    let others = alternatives(lang, classes);
    match lang {
        Lang::En => format!("{name} allows m = {allowed} classes, not {classes}.{others}"),
        Lang::Fr => format!("{name} : m = {allowed} classes possibles, pas {classes}.{others}"),
    }
}

/// " Choose … for m = k" naming the data sets that do allow `classes`, if any.
fn alternatives(lang: Lang, classes: usize) -> String {
    let names: Vec<&str> = DatasetKind::ALL
        .iter()
        .filter(|kind| {
            let (lo, hi) = kind.classes_range();
            (lo..=hi).contains(&classes)
        })
        .map(|&kind| dataset_name(lang, kind))
        .collect();
    if names.is_empty() {
        return String::new();
    }
    let list = names.join(", ");
    match lang {
        Lang::En => format!(" For m = {classes}, choose: {list}."),
        Lang::Fr => format!(" Pour m = {classes}, choisissez : {list}."),
    }
}

/// Why a feature selection was refused.
pub fn feature_error(lang: Lang, error: &FeatureError) -> String {
    match (lang, error) {
        (Lang::En, FeatureError::Empty) => "Choose at least one input feature (d ≥ 1).".into(),
        (Lang::Fr, FeatureError::Empty) => "Choisissez au moins une caractéristique d'entrée (d ≥ 1).".into(),
        (Lang::En, FeatureError::UnknownKey(key)) => format!("Unknown input feature “{key}”."),
        (Lang::Fr, FeatureError::UnknownKey(key)) => format!("Caractéristique d'entrée inconnue « {key} »."),
    }
}

/// Why a typed example was refused.
pub fn typed_error(lang: Lang, error: &TypedError) -> String {
    match (lang, error) {
        (Lang::En, TypedError::XCount { expected, found }) => {
            format!("x needs d = {expected} numbers; {found} were given.")
        }
        (Lang::Fr, TypedError::XCount { expected, found }) => {
            format!("x demande d = {expected} nombres ; {found} ont été donnés.")
        }
        (Lang::En, TypedError::XNotANumber { position }) => {
            format!("x[{position}] is not a number.")
        }
        (Lang::Fr, TypedError::XNotANumber { position }) => {
            format!("x[{position}] n'est pas un nombre.")
        }
        (Lang::En, TypedError::YNotAClass { m }) => {
            format!("y must be a class: a whole number from 0 to {}.", m.saturating_sub(1))
        }
        (Lang::Fr, TypedError::YNotAClass { m }) => {
            format!("y doit être une classe : un entier de 0 à {}.", m.saturating_sub(1))
        }
    }
}

/// The message under the typed point of the plot's tools.
pub fn point_error(lang: Lang, error: &PointError) -> String {
    match (lang, error) {
        (Lang::En, PointError::Count { found }) => format!("A point is two numbers, x₁ and x₂; {found} were given."),
        (Lang::Fr, PointError::Count { found }) => format!("Un point, ce sont deux nombres, x₁ et x₂ ; {found} ont été donnés."),
        (Lang::En, PointError::NotANumber { position }) => format!("x{} is not a number.", subscript(*position)),
        (Lang::Fr, PointError::NotANumber { position }) => format!("x{} n'est pas un nombre.", subscript(*position)),
        (Lang::En, PointError::Outside { view }) => format!("The point is outside the plot: x₁ and x₂ go from −{view} to {view}."),
        (Lang::Fr, PointError::Outside { view }) => {
            format!("Le point est hors du graphique : x₁ et x₂ vont de −{} à {}.", french(*view), french(*view))
        }
    }
}

/// x₁ for position 0, x₂ for position 1 (a point has no third number).
fn subscript(position: usize) -> &'static str {
    if position == 0 { "₁" } else { "₂" }
}

/// A number with the French decimal comma.
fn french(v: f64) -> String {
    v.to_string().replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moons_with_three_classes_names_the_data_sets_that_allow_it() {
        let error = DatasetError::Classes { kind: DatasetKind::Moons, classes: 3 };
        let en = dataset_error(Lang::En, &error);
        assert!(en.starts_with("Two moons allows m = 2 classes, not 3."), "{en}");
        assert!(en.contains("Spirals") && en.contains("Gaussian blobs"), "{en}");
        assert!(!en.contains("XOR"), "{en}");
        let fr = dataset_error(Lang::Fr, &error);
        assert!(fr.starts_with("Deux lunes : m = 2 classes possibles, pas 3."), "{fr}");
        assert!(fr.contains("Spirales"), "{fr}");
    }

    #[test]
    fn field_errors_differ_by_language_and_carry_the_bound() {
        let error = FieldError::BelowMin("1");
        assert_eq!(field_error(Lang::En, &error), "Must be at least 1.");
        assert_eq!(field_error(Lang::Fr, &error), "Doit valoir au moins 1.");
    }
}
