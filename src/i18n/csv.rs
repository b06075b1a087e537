//! Texts of a student's own CSV file: opening it, what was detected, its classes, its
//! standardization, and why a file was refused (naming the line and column, as an editor
//! counts them).

use super::{t, Lang};
use mlp::dataset::csv::{CsvError, Format, Separator, MAX_INPUTS, MAX_ROWS};
use mlp::dataset::MAX_CLASSES;

crate::messages! {
    pub enum CsvMsg {
        Dataset => ("your own CSV file", "votre propre fichier CSV"),
        Open => ("Open a CSV file…", "Ouvrir un fichier CSV…"),
        DropHint => (
            "or drop one anywhere on the page. It is read here and never leaves the page.",
            "ou déposez-en un n'importe où sur la page. Il est lu ici et ne quitte jamais la page."
        ),
        DropHere => ("Drop the CSV file to open it", "Déposez le fichier CSV pour l'ouvrir"),
        Rules => (
            "One row per example; the inputs are numbers (decimal point, or decimal comma with ; or tab), the labels numbers or words (at most 10 classes); a header line is optional. At most 20 000 rows and 256 inputs.",
            "Une ligne par exemple ; les entrées sont des nombres (point décimal, ou virgule décimale avec ; ou tabulation), les étiquettes des nombres ou des mots (10 classes au plus) ; une ligne d'en-tête est facultative. Au plus 20 000 lignes et 256 entrées."
        ),
        NoFile => (
            "Open a CSV file to train on it: the previous data stay until then.",
            "Ouvrez un fichier CSV pour vous entraîner dessus : les données précédentes restent d'ici là."
        ),
        LinkFile => (
            "This link is a run on a CSV file of its author's, which it does not carry. Open that file to train as the link says; its SHA-256 will tell whether it is the same one:",
            "Ce lien décrit un entraînement sur un fichier CSV de son auteur, qu'il ne contient pas. Ouvrez ce fichier pour vous entraîner comme le dit le lien ; son SHA-256 dira si c'est le même :"
        ),
        SameFile => (
            "It is the link's file (same SHA-256).",
            "C'est le fichier du lien (même SHA-256)."
        ),
        OtherFile => (
            "It is not the link's file (its SHA-256 differs): the run will not be the link's. The link now names this file.",
            "Ce n'est pas le fichier du lien (son SHA-256 diffère) : l'entraînement ne sera pas celui du lien. Le lien désigne maintenant ce fichier."
        ),
        Rows => ("rows", "lignes"),
        Inputs => ("inputs", "entrées"),
        Classes => ("classes", "classes"),
        Detected => ("Detected:", "Détecté :"),
        Comma => ("comma-separated", "séparé par des virgules"),
        Semicolon => ("semicolon-separated", "séparé par des points-virgules"),
        Tab => ("tab-separated", "séparé par des tabulations"),
        DecimalPoint => ("decimal point", "point décimal"),
        DecimalComma => ("decimal comma", "virgule décimale"),
        Header => ("a header line", "une ligne d'en-tête"),
        NoHeader => ("no header line", "pas de ligne d'en-tête"),
        Latin1 => ("read as Latin-1 (not UTF-8)", "lu en Latin-1 (pas en UTF-8)"),
        LabelColumn => ("Labels in column", "Étiquettes dans la colonne"),
        Legend => ("Classes (numbered in order of first appearance; digit labels keep their value)", "Classes (numérotées dans l'ordre d'apparition ; les étiquettes chiffres gardent leur valeur)"),
        Standardize => ("Standardize the inputs", "Standardiser les entrées"),
        StandardizeHelp => (
            "z = (x − mean) / standard deviation, each input's mean and deviation taken on the training set only; the stepper shows z.",
            "z = (x − moyenne) / écart type, la moyenne et l'écart type de chaque entrée pris sur l'ensemble d'entraînement seul ; le pas à pas montre z."
        ),
        RawInputs => (
            "The inputs are used as the file has them.",
            "Les entrées sont utilisées telles que le fichier les donne."
        ),
        Column => ("Column", "Colonne"),
        Mean => ("mean", "moyenne"),
        Deviation => ("deviation", "écart type"),
        Kept => ("The previous data stay.", "Les données précédentes restent."),
        Unreadable => ("the file could not be read.", "le fichier n'a pas pu être lu."),
        Plane => (
            "Two inputs: drawn in the plane as x₁ and x₂, with the decision regions, the input features and the clicks.",
            "Deux entrées : dessinées dans le plan comme x₁ et x₂, avec les régions de décision, les caractéristiques d'entrée et les clics."
        ),
        ProjectionHeading => ("The rows on their first two principal components", "Les lignes sur leurs deux premières composantes principales"),
        ProjectionCaption => (
            "Each row projected on the two directions along which the training rows vary most (computed here, on the inputs the network gets). Filled: training rows; hollow: validation and test rows. Share of the variance along",
            "Chaque ligne projetée sur les deux directions où les lignes d'entraînement varient le plus (calculées ici, sur les entrées que reçoit le réseau). Pleins : lignes d'entraînement ; creux : validation et test. Part de la variance selon"
        ),
        NoRegions => (
            "No decision regions here: with more than two inputs they live in d dimensions, and a flat slice through the other inputs' means would draw a boundary the points do not lie on. The confusion matrix says what the network gets right.",
            "Pas de régions de décision ici : avec plus de deux entrées elles vivent en d dimensions, et une tranche plane par la moyenne des autres entrées tracerait une frontière sur laquelle les points ne sont pas. La matrice de confusion dit ce que le réseau réussit."
        ),
    }
    same: [Classes]
}

/// "comma-separated, decimal point, a header line" (and "read as Latin-1" when it was).
pub fn format_text(lang: Lang, format: &Format, latin1: bool) -> String {
    let separator = match format.separator {
        Separator::Comma => CsvMsg::Comma,
        Separator::Semicolon => CsvMsg::Semicolon,
        Separator::Tab => CsvMsg::Tab,
    };
    let decimal = if format.decimal_comma { CsvMsg::DecimalComma } else { CsvMsg::DecimalPoint };
    let header = if format.header { CsvMsg::Header } else { CsvMsg::NoHeader };
    let mut parts = vec![t(lang, separator), t(lang, decimal), t(lang, header)];
    if latin1 {
        parts.push(t(lang, CsvMsg::Latin1));
    }
    parts.join(", ")
}

/// Why a file was refused, and what to do.
pub fn csv_error(lang: Lang, error: &CsvError) -> String {
    let en = lang == Lang::En;
    match error {
        CsvError::Empty => pick(en, "The file is empty.", "Le fichier est vide."),
        CsvError::NoDataRow => pick(en, "The file has a header line and no data row.", "Le fichier a une ligne d'en-tête et aucune ligne de données."),
        CsvError::OneColumn => pick(
            en,
            "The file has one column: there is no input beside the labels (is its separator a comma, a semicolon or a tab?).",
            "Le fichier a une seule colonne : il n'y a pas d'entrée à côté des étiquettes (son séparateur est-il une virgule, un point-virgule ou une tabulation ?).",
        ),
        CsvError::TooManyRows { rows } => match lang {
            Lang::En => format!("The file has {rows} rows: at most {MAX_ROWS} are read. Keep a sample of it."),
            Lang::Fr => format!("Le fichier a {rows} lignes : au plus {MAX_ROWS} sont lues. Gardez-en un échantillon."),
        },
        CsvError::TooManyInputs { inputs } => match lang {
            Lang::En => format!("The file has {inputs} input columns: at most {MAX_INPUTS}."),
            Lang::Fr => format!("Le fichier a {inputs} colonnes d'entrée : au plus {MAX_INPUTS}."),
        },
        CsvError::LabelColumn { column, columns } => match lang {
            Lang::En => format!("Column {column} cannot hold the labels: the file has {columns} columns."),
            Lang::Fr => format!("La colonne {column} ne peut pas porter les étiquettes : le fichier a {columns} colonnes."),
        },
        CsvError::Ragged { line, found, expected } => match lang {
            Lang::En => format!("Line {line} has {found} fields where the first line has {expected}."),
            Lang::Fr => format!("La ligne {line} a {found} champs alors que la première en a {expected}."),
        },
        CsvError::NotANumber { line, column, text } => match lang {
            Lang::En => format!("Line {line}, column {column}: \"{text}\" is not a number (an input must be one; is the label in another column?)."),
            Lang::Fr => format!("Ligne {line}, colonne {column} : « {text} » n'est pas un nombre (une entrée doit en être un ; l'étiquette est-elle dans une autre colonne ?)."),
        },
        CsvError::EmptyLabel { line } => match lang {
            Lang::En => format!("Line {line} has no label."),
            Lang::Fr => format!("La ligne {line} n'a pas d'étiquette."),
        },
        CsvError::OneClass { label } => match lang {
            Lang::En => format!("Every row has the label \"{label}\": a classifier needs at least two classes."),
            Lang::Fr => format!("Toutes les lignes ont l'étiquette « {label} » : un classifieur a besoin d'au moins deux classes."),
        },
        CsvError::TooManyClasses { classes } => match lang {
            Lang::En => format!("The labels make {classes} classes: at most {MAX_CLASSES} (is the label column the right one?)."),
            Lang::Fr => format!("Les étiquettes forment {classes} classes : au plus {MAX_CLASSES} (la colonne des étiquettes est-elle la bonne ?)."),
        },
    }
}

/// A class with no row in the training set.
pub fn no_training_example(lang: Lang, class: &str, rows: usize) -> String {
    let s = if rows == 1 { "" } else { "s" };
    match lang {
        Lang::En => format!(
            "Class \"{class}\" has no example in the training set ({rows} row{s} in the whole file): raise the training fraction or add rows of it."
        ),
        Lang::Fr => format!(
            "La classe « {class} » n'a aucun exemple dans l'ensemble d'entraînement ({rows} ligne{s} dans tout le fichier) : augmentez la fraction d'entraînement ou ajoutez-en des lignes."
        ),
    }
}

/// "12 points lie outside the plot's square …" (one point lies).
pub fn outside_view(lang: Lang, points: usize) -> String {
    match (lang, points) {
        (Lang::En, 1) => "1 point lies outside the plot's square [−2.5, 2.5]²: switch the standardization on to see it.".into(),
        (Lang::Fr, 1) => "1 point est hors du carré du graphique [−2,5, 2,5]² : activez la standardisation pour le voir.".into(),
        (Lang::En, n) => format!("{n} points lie outside the plot's square [−2.5, 2.5]²: switch the standardization on to see them."),
        (Lang::Fr, n) => format!("{n} points sont hors du carré du graphique [−2,5, 2,5]² : activez la standardisation pour les voir."),
    }
}

fn pick(en: bool, english: &str, french: &str) -> String {
    if en { english } else { french }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_one_read_in_the_singular() {
        assert!(no_training_example(Lang::En, "rare", 1).contains("(1 row in the whole file)"));
        assert!(no_training_example(Lang::Fr, "rare", 3).contains("(3 lignes dans tout le fichier)"));
        assert!(outside_view(Lang::En, 1).starts_with("1 point lies"));
        assert!(outside_view(Lang::Fr, 12).starts_with("12 points sont"));
    }
}
