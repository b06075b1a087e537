//! Every string the user sees, in English and French.
//!
//! The course is taught in both languages, so each message is declared once with its two
//! texts side by side: a message without its French (or English) text does not compile.
//! Messages with values in them (error messages, counts) are built by the functions in
//! [`errors`] and [`format`], which take the language too. The course's notation (d, d_h, m,
//! λ, W⁽¹⁾, …) is the same in both languages.

pub mod a11y;
pub mod diagram;
mod errors;
mod format;
pub mod lab;
pub mod step_title;
pub mod check;
pub mod crash;
pub mod mistakes;
pub mod case;
pub mod homework;
pub mod stepper;
pub mod url_state;
pub mod curves;
pub mod offline;
pub mod presenter;
pub mod exports;
pub mod data;
pub mod csv;
pub mod penalty;
pub mod rule;
pub mod pins;

pub use errors::{data_error, dataset_error, feature_error, field_error, point_error, typed_error};
pub use format::{class_name, dataset_name, exact, fixed, in_notation, list_separator, localize, number, percent, plain, split_summary};

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The BCP 47 code, as used in `<html lang>` and in the `lang` URL parameter.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Parses `en`/`fr` (case-insensitive); `None` for anything else.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The language to start in for a browser whose preferred language is `tag`
    /// (`navigator.language`, e.g. `fr-CA`): French for any `fr*`, English otherwise.
    pub fn from_browser(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// The other language, for the FR/EN switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Fr,
            Lang::Fr => Lang::En,
        }
    }
}

/// A fixed user-visible text with its English and French versions.
pub trait Message: Copy {
    /// The (English, French) texts.
    fn texts(self) -> (&'static str, &'static str);
}

/// Declares a message enum, its `ALL` list, its [`Message`] impl and a test that every
/// message has both texts, from one list of `Name => ("English", "Français")` lines.
/// Each feature declares its own enum in its own file (`src/i18n/*.rs`), so features do not
/// edit one shared table. Messages listed after `same:` are allowed to read the same in both
/// languages (names, notation).
#[macro_export]
macro_rules! messages {
    (
        $(#[$meta:meta])* pub enum $enum:ident { $($name:ident => ($en:expr, $fr:expr)),+ $(,)? }
        same: [$($same:ident),* $(,)?]
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $enum { $($name),+ }

        impl $enum {
            /// Every message, for the completeness test.
            pub const ALL: &'static [$enum] = &[$($enum::$name),+];
            /// Messages that read the same in both languages on purpose.
            pub const SAME_IN_BOTH: &'static [$enum] = &[$($enum::$same),*];
        }

        impl $crate::i18n::Message for $enum {
            fn texts(self) -> (&'static str, &'static str) {
                match self { $($enum::$name => ($en, $fr)),+ }
            }
        }

        #[cfg(test)]
        #[test]
        fn every_message_has_both_texts_and_french_is_not_a_copy() {
            $crate::i18n::check_complete($enum::ALL, $enum::SAME_IN_BOTH);
        }
    };
}

messages! {
    /// The page's general texts.
    pub enum Msg {
        AppTitle => ("Backprop Lab", "Backprop Lab"),
        Tagline => (
            "A one-hidden-layer softmax network, as in IFT3395/IFT6390 Devoir 2.",
            "Un réseau de neurones à une couche cachée et sortie softmax, comme dans le devoir 2 d'IFT3395/IFT6390."
        ),
        SwitchLanguage => ("Français", "English"),
        SwitchLanguageLabel => ("Passer en français", "Switch to English"),
        DataHeading => ("Data", "Données"),
        NetworkHeading => ("Network", "Réseau"),
        PlotHeading => ("Data set", "Ensemble de données"),
        Dataset => ("Data set", "Ensemble de données"),
        DatasetMoons => ("Two moons", "Deux lunes"),
        DatasetCircles => ("Concentric circles", "Cercles concentriques"),
        DatasetXor => ("XOR", "OU exclusif (XOR)"),
        DatasetSpirals => ("Spirals", "Spirales"),
        DatasetBlobs => ("Gaussian blobs", "Nuages gaussiens"),
        DatasetDigits => ("Handwritten digits (8×8)", "Chiffres manuscrits (8×8)"),
        Points => ("Number of points n", "Nombre de points n"),
        Noise => ("Noise", "Bruit"),
        NoiseHelp => ("standard deviation added to each coordinate", "écart type ajouté à chaque coordonnée"),
        Seed => ("Seed", "Graine"),
        SeedHelp => ("same seed, same data and same initial weights", "même graine, mêmes données et mêmes poids initiaux"),
        Classes => ("Classes m", "Classes m"),
        Features => ("Input features", "Caractéristiques d'entrée"),
        HiddenUnits => ("Hidden units d_h", "Unités cachées d_h"),
        Lambda => ("Weight decay λ", "Pénalité λ (weight decay)"),
        LambdaHelp => (
            "R̃ = R̂ + λ(Σ W⁽¹⁾² + Σ W⁽²⁾²); biases are not penalized",
            "R̃ = R̂ + λ(Σ W⁽¹⁾² + Σ W⁽²⁾²) ; les biais ne sont pas pénalisés"
        ),
        LearningRate => ("Learning rate η", "Taux d'apprentissage η"),
        LearningRateHelp => (
            "θ ← θ − η ∇R̃, with the mean gradient of a minibatch, so η does not depend on K",
            "θ ← θ − η ∇R̃, avec le gradient moyen du minibatch : η ne dépend donc pas de K"
        ),
        BatchSize => ("Minibatch size K", "Taille du minibatch K"),
        BatchHelp => ("1 = plain SGD, one example per step", "1 = SGD simple, un exemple par pas"),
        TrainFraction => ("Training fraction", "Fraction d'entraînement"),
        ValidFraction => ("Validation fraction", "Fraction de validation"),
        FractionHelp => ("the rest of the points is the test set", "le reste des points forme l'ensemble de test"),
        ParamCount => ("parameters n_θ = d_h·d + d_h + m·d_h + m", "paramètres n_θ = d_h·d + d_h + m·d_h + m"),
        Train => ("training", "entraînement"),
        Valid => ("validation", "validation"),
        Test => ("test", "test"),
        Class => ("class", "classe"),
        PlotCaption => (
            "Filled marks: training set; hollow marks: validation and test sets.",
            "Marques pleines : ensemble d'entraînement ; marques creuses : validation et test."
        ),
        KeptPrevious => ("The plot keeps the last valid data set.", "Le graphique garde le dernier ensemble valide."),
        CanvasLabel => ("Scatter plot of the data set in the (x1, x2) plane", "Nuage de points de l'ensemble de données dans le plan (x1, x2)"),
        Footer => (
            "Everything runs in your browser; nothing is sent anywhere.",
            "Tout s'exécute dans votre navigateur ; rien n'est envoyé nulle part."
        ),
    }
    same: [AppTitle, Classes, Valid, Test]
}

/// The text of `msg` in `lang`.
pub fn t(lang: Lang, msg: impl Message) -> &'static str {
    let (en, fr) = msg.texts();
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

/// Fails when a message lacks a text, or its French is a copy of its English without being
/// listed in `same`. Called by the test each `messages!` table generates.
#[cfg(test)]
pub fn check_complete<M: Message + PartialEq + std::fmt::Debug>(all: &[M], same: &[M]) {
    for &msg in all {
        let (en, fr) = msg.texts();
        assert!(!en.trim().is_empty(), "{msg:?} has no English text");
        assert!(!fr.trim().is_empty(), "{msg:?} has no French text");
        if !same.contains(&msg) {
            assert_ne!(en, fr, "{msg:?}: the French text is the English one");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_round_trip_and_browser_tags_map() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
        assert_eq!(Lang::from_code("FR"), Some(Lang::Fr));
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_browser("fr-CA"), Lang::Fr);
        assert_eq!(Lang::from_browser("en-US"), Lang::En);
        assert_eq!(Lang::from_browser(""), Lang::En);
    }
}
