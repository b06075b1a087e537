//! Texts of the link notices: a value of the page URL that was not used, why, and what the
//! page uses instead.
//!
//! Parameter keys and values are quoted as the link writes them (with a decimal point in both
//! languages, as in the address bar), so a reader can find them in the URL.

use super::{dataset_name, Lang};
use crate::settings::FieldError;
use crate::url_state::{number_text, UrlNotice, UrlProblem};
use mlp::{DatasetKind, Feature, FeatureError};

crate::messages! {
    /// The notice list's fixed texts.
    pub enum UrlMsg {
        Heading => (
            "Some values in this link could not be used",
            "Certaines valeurs de ce lien n'ont pas pu être utilisées"
        ),
        Dismiss => ("Dismiss", "Masquer"),
        DismissLabel => ("Dismiss the notices about the link", "Masquer les avis sur le lien"),
    }
    same: []
}

/// Values longer than this are cut in a notice: a link can hold anything.
const MAX_SHOWN_CHARS: usize = 40;

/// The sentence for `notice`, e.g. "The link's value for “dh” (0) was not used: it must be
/// at least 1. Using the default, 8."
pub fn url_notice(lang: Lang, notice: &UrlNotice) -> String {
    let param = notice.param;
    // A number the link gave is shown in the language's notation; other text as written.
    let value = match notice.value.trim().parse::<f64>() {
        Ok(_) => super::localize(lang, &shown_value(&notice.value)),
        Err(_) => shown_value(&notice.value),
    };
    let reason = reason(lang, &notice.problem);
    let used = &super::localize(lang, &notice.used);
    let instead = match (lang, &notice.problem) {
        (Lang::En, UrlProblem::Classes(_)) => format!("Using the data set's minimum, {used}."),
        (Lang::Fr, UrlProblem::Classes(_)) => format!("Valeur utilisée : {used}, le minimum de cet ensemble."),
        (Lang::En, UrlProblem::Hash) => "The file you open will not be compared with the link's.".into(),
        (Lang::Fr, UrlProblem::Hash) => "Le fichier que vous ouvrirez ne sera pas comparé à celui du lien.".into(),
        (Lang::En, _) if used.is_empty() => "The file's own value will be used.".into(),
        (Lang::Fr, _) if used.is_empty() => "La valeur du fichier sera utilisée.".into(),
        (Lang::En, _) => format!("Using the default, {used}."),
        (Lang::Fr, _) => format!("Valeur par défaut utilisée : {used}."),
    };
    match lang {
        Lang::En => format!("The link's value for “{param}”{value} was not used: {reason}. {instead}"),
        Lang::Fr => format!("La valeur du lien pour « {param} »{value} n'a pas été retenue : {reason}. {instead}"),
    }
}

/// " (value)", cut to [`MAX_SHOWN_CHARS`], or "" for an empty value.
fn shown_value(value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    let mut shown: String = value.chars().take(MAX_SHOWN_CHARS).collect();
    if value.chars().nth(MAX_SHOWN_CHARS).is_some() {
        shown.push('…');
    }
    format!(" ({shown})")
}

fn reason(lang: Lang, problem: &UrlProblem) -> String {
    match problem {
        UrlProblem::Number(error) => number_reason(lang, error),
        UrlProblem::UnknownDataset => {
            let known = DatasetKind::ALL.map(DatasetKind::key).join(", ");
            match lang {
                Lang::En => format!("no data set has this name (known: {known})"),
                Lang::Fr => format!("aucun ensemble de données ne porte ce nom (noms connus : {known})"),
            }
        }
        UrlProblem::Features(error) => features_reason(lang, error),
        UrlProblem::Hash => match lang {
            Lang::En => "a file's SHA-256 is 64 hexadecimal digits".into(),
            Lang::Fr => "le SHA-256 d'un fichier s'écrit en 64 chiffres hexadécimaux".into(),
        },
        UrlProblem::UnknownRule => match lang {
            Lang::En => "no update rule has this name (known: sgd, momentum, nesterov, adam)".into(),
            Lang::Fr => "aucune règle de mise à jour ne porte ce nom (noms connus : sgd, momentum, nesterov, adam)".into(),
        },
        UrlProblem::Switch => match lang {
            Lang::En => "it must be 1 (on) or 0 (off)".into(),
            Lang::Fr => "elle doit valoir 1 (activé) ou 0 (désactivé)".into(),
        },
        UrlProblem::Classes(kind) => classes_reason(lang, *kind),
        UrlProblem::SplitOverOne { train, valid } => {
            let (train, valid) = (super::localize(lang, &number_text(*train)), super::localize(lang, &number_text(*valid)));
            match lang {
                Lang::En => format!(
                    "the training and validation fractions add up to more than 1 ({train} + {valid}); both fall back"
                ),
                Lang::Fr => format!(
                    "les fractions d'entraînement et de validation font plus de 1 au total ({train} + {valid}) ; \
                     les deux reprennent leur valeur par défaut"
                ),
            }
        }
    }
}

fn number_reason(lang: Lang, error: &FieldError) -> String {
    match (lang, error) {
        (Lang::En, FieldError::Empty) => "it is empty".into(),
        (Lang::Fr, FieldError::Empty) => "elle est vide".into(),
        (Lang::En, FieldError::NotANumber) => "it is not a number".into(),
        (Lang::Fr, FieldError::NotANumber) => "ce n'est pas un nombre".into(),
        (Lang::En, FieldError::NotAnInteger) => "it must be a whole number".into(),
        (Lang::Fr, FieldError::NotAnInteger) => "ce doit être un nombre entier".into(),
        (Lang::En, FieldError::BelowMin(min)) => format!("it must be at least {min}"),
        (Lang::Fr, FieldError::BelowMin(min)) => format!("elle doit valoir au moins {min}"),
        (Lang::En, FieldError::AboveMax(max)) => format!("it must be at most {max}"),
        (Lang::Fr, FieldError::AboveMax(max)) => format!("elle doit valoir au plus {max}"),
    }
}

fn features_reason(lang: Lang, error: &FeatureError) -> String {
    let known = Feature::ALL.map(Feature::key).join(", ");
    match (lang, error) {
        (Lang::En, FeatureError::Empty) => "it names no input feature, and the network needs d ≥ 1".into(),
        (Lang::Fr, FeatureError::Empty) => {
            "elle ne nomme aucune caractéristique d'entrée, or le réseau demande d ≥ 1".into()
        }
        (Lang::En, FeatureError::UnknownKey(key)) => {
            format!("“{}” is not an input feature (known: {known})", shown(key))
        }
        (Lang::Fr, FeatureError::UnknownKey(key)) => {
            format!("« {} » n'est pas une caractéristique d'entrée (noms connus : {known})", shown(key))
        }
    }
}

/// `key` cut like a value, without the parentheses.
fn shown(key: &str) -> String {
    let shown = shown_value(key);
    shown.trim_start_matches(" (").trim_end_matches(')').to_owned()
}

fn classes_reason(lang: Lang, kind: DatasetKind) -> String {
    let name = dataset_name(lang, kind);
    let (lo, hi) = kind.classes_range();
    match (lang, lo == hi) {
        (Lang::En, true) => format!("the “{name}” data set has exactly m = {lo} classes"),
        (Lang::Fr, true) => format!("l'ensemble « {name} » n'a que m = {lo} classes"),
        (Lang::En, false) => format!("the “{name}” data set has m = {lo} to {hi} classes"),
        (Lang::Fr, false) => format!("l'ensemble « {name} » a entre m = {lo} et {hi} classes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::settings_from_pairs;

    fn notices(query: &[(&str, &str)]) -> Vec<UrlNotice> {
        let pairs: Vec<(String, String)> = query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        settings_from_pairs(&pairs).1
    }

    #[test]
    fn a_refused_number_names_the_parameter_the_reason_and_the_default() {
        let notice = &notices(&[("dh", "0")])[0];
        assert_eq!(
            url_notice(Lang::En, notice),
            "The link's value for “dh” (0) was not used: it must be at least 1. Using the default, 8."
        );
        assert_eq!(
            url_notice(Lang::Fr, notice),
            "La valeur du lien pour « dh » (0) n'a pas été retenue : elle doit valoir au moins 1. \
             Valeur par défaut utilisée : 8."
        );
    }

    #[test]
    fn every_kind_of_problem_reads_in_both_languages() {
        let all = notices(&[("data", "nope"), ("features", "x9"), ("eta", ""), ("train", "0.9"), ("valid", "0.5")]);
        let en: Vec<String> = all.iter().map(|n| url_notice(Lang::En, n)).collect();
        assert!(en[0].contains("no data set has this name (known: moons, circles, xor, spirals, blobs, digits, csv)"), "{en:?}");
        assert!(en[1].contains("“x9” is not an input feature"), "{en:?}");
        assert!(en[2].starts_with("The link's value for “eta” was not used: it is empty."), "{en:?}");
        assert!(en[3].contains("more than 1 (0.9 + 0.5)") && en[3].ends_with("Using the default, 0.7."), "{en:?}");
        let fr = url_notice(Lang::Fr, &notices(&[("data", "moons"), ("m", "5")])[0]);
        assert_eq!(
            fr,
            "La valeur du lien pour « m » (5) n'a pas été retenue : l'ensemble « Deux lunes » n'a que m = 2 classes. \
             Valeur utilisée : 2, le minimum de cet ensemble."
        );
    }

    #[test]
    fn a_file_link_with_a_bad_hash_or_switch_says_so() {
        let all = notices(&[("data", "csv"), ("file", "abc"), ("label", "0"), ("std", "yes")]);
        let en: Vec<String> = all.iter().map(|n| url_notice(Lang::En, n)).collect();
        assert_eq!(
            en[0],
            "The link's value for “file” (abc) was not used: a file's SHA-256 is 64 hexadecimal digits. \
             The file you open will not be compared with the link's."
        );
        assert_eq!(
            en[1],
            "The link's value for “label” (0) was not used: it must be at least 1. The file's own value will be used."
        );
        assert!(en[2].contains("it must be 1 (on) or 0 (off). Using the default, 1."), "{en:?}");
        let fr = url_notice(Lang::Fr, &all[0]);
        assert!(fr.contains("64 chiffres hexadécimaux"), "{fr}");
    }

    #[test]
    fn a_long_value_is_cut() {
        let long = "9".repeat(1000);
        let text = url_notice(Lang::En, &notices(&[("n", &long)])[0]);
        assert!(text.contains(&format!("({}…)", "9".repeat(MAX_SHOWN_CHARS))), "{text}");
        assert!(text.len() < 200);
    }
}
