//! Texts of the "check my homework" panel, and why a pasted case was refused.
//!
//! [`case_error`] turns every [`CaseError`] into a sentence that says what is wrong and where
//! (field path, row, expected and found); the problems of the JSON syntax itself are worded in
//! [`json`]. Field paths (`params.W2`, `x[1]`) are the JSON's own, so they read the same in both
//! languages; rows and columns count from 0, as in numpy.

mod json;

use super::Lang;
use mlp::case::{Expected, JsonType, Place};
use mlp::CaseError;

crate::messages! {
    /// The panel's fixed texts.
    pub enum CaseMsg {
        Heading => ("Check my homework", "Vérifier mon devoir"),
        Intro => (
            "Paste a case of your homework (the network θ, one example x, y and λ): the stepper walks it, so you can compare each value of (a)–(r) with yours.",
            "Collez un cas de votre devoir (le réseau θ, un exemple x, y et λ) : le pas à pas le parcourt, et vous pouvez comparer chaque valeur de (a)–(r) avec les vôtres."
        ),
        LoadHeading => ("Load a case", "Charger un cas"),
        InputLabel => ("Case in JSON", "Cas en JSON"),
        InputHelp => (
            "Keys d, d_h, m, lambda, params {W1, b1, W2, b2}, x, y; other keys are ignored. A matrix is a list of rows, as in numpy.",
            "Clés d, d_h, m, lambda, params {W1, b1, W2, b2}, x, y ; les autres clés sont ignorées. Une matrice est une liste de lignes, comme dans numpy."
        ),
        Load => ("Load this case", "Charger ce cas"),
        Unload => ("Back to the network", "Revenir au réseau"),
        Empty => ("Paste a case in JSON first.", "Collez d'abord un cas en JSON."),
        Loaded => ("Loaded:", "Cas chargé :"),
        LoadedNote => (
            "The stepper walks this case; the network's settings are unchanged.",
            "Le pas à pas parcourt ce cas ; les réglages du réseau sont inchangés."
        ),
        KeptPrevious => (
            "Nothing was loaded: the stepper still walks the previous example.",
            "Rien n'a été chargé : le pas à pas parcourt toujours l'exemple précédent."
        ),
        ExportHeading => ("This walk in JSON", "Ce parcours en JSON"),
        ExportHelp => (
            "Every value of the current walk at full precision: the forward pass, the gradients of L and the regularized gradients.",
            "Toutes les valeurs du parcours actuel en pleine précision : la propagation avant, les gradients de L et les gradients régularisés."
        ),
        ExportLabel => ("Current walk in JSON", "Parcours actuel en JSON"),
        WithMistakes => (
            "Computed with the common mistakes switched on: these are the mistaken values.",
            "Calculé avec les erreurs courantes activées : ce sont les valeurs erronées."
        ),
        NoWalk => ("No walk to export yet.", "Aucun parcours à exporter pour l'instant."),
        Copy => ("Copy", "Copier"),
        Copied => ("Copied", "Copié"),
        CopyFailed => (
            "Could not copy: select the text and press Ctrl+C.",
            "Copie impossible : sélectionnez le texte et faites Ctrl+C."
        ),
        Download => ("Download", "Télécharger"),
        DownloadFailed => ("The browser refused the download.", "Le navigateur a refusé le téléchargement."),
        CopyLink => ("Copy link", "Copier le lien"),
        LinkLabel => ("Link to this case", "Lien vers ce cas"),
        LinkHelp => (
            "Opens the page on the same network, example and λ; the values are recomputed.",
            "Ouvre la page sur le même réseau, le même exemple et le même λ ; les valeurs sont recalculées."
        ),
        NoLink => (
            "No link: the parameters contain NaN or ∞, which JSON cannot hold.",
            "Pas de lien : les paramètres contiennent NaN ou ∞, que JSON ne peut pas représenter."
        ),
        LinkRefused => ("This link's case could not be opened.", "Le cas de ce lien n'a pas pu être ouvert."),
        LinkEmpty => ("Its case parameter is empty.", "Son paramètre case est vide."),
        LinkNotBase64 => (
            "Its case parameter is not URL-safe base64: it was probably cut or altered when copied.",
            "Son paramètre case n'est pas du base64 pour URL : il a sans doute été tronqué ou modifié lors de la copie."
        ),
        LinkNotText => (
            "Its case parameter does not decode to UTF-8 text.",
            "Son paramètre case ne se décode pas en texte UTF-8."
        ),
        LinkFallback => ("The stepper walks the network instead.", "Le pas à pas parcourt le réseau à la place."),
        Dismiss => ("Dismiss", "Fermer"),
    }
    same: []
}

/// `en` or `fr`.
fn pick<T>(lang: Lang, en: T, fr: T) -> T {
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

/// Why a pasted case (or a link's case) was refused: what is wrong, and where.
pub fn case_error(lang: Lang, error: &CaseError) -> String {
    match error {
        CaseError::Json { line, column, problem } => {
            let what = json::problem(lang, *problem);
            pick(lang, format!("Not valid JSON (line {line}, column {column}): {what}."), format!("JSON invalide (ligne {line}, colonne {column}) : {what}."))
        }
        CaseError::NumberOutOfRange { line, column } => pick(
            lang,
            format!("Not valid JSON (line {line}, column {column}): a number is too large for a 64-bit float (at most about 1.8e308)."),
            format!("JSON invalide (ligne {line}, colonne {column}) : un nombre est trop grand pour un flottant 64 bits (au plus environ 1,8e308)."),
        ),
        CaseError::Missing { field } => {
            let meaning = field_meaning(lang, field);
            pick(lang, format!("The field {field} is missing ({meaning})."), format!("Le champ {field} est absent ({meaning})."))
        }
        CaseError::WrongType { place, expected, found } => wrong_type(lang, place, *expected, *found),
        CaseError::NotWhole { field, found } => not_whole(lang, field, *found),
        CaseError::TooSmall { field, found, min, declared } => too_small(lang, field, *found, *min, *declared),
        CaseError::DeclaredMismatch { field, declared, actual } => {
            let counted = counted(lang, field, *actual);
            pick(
                lang,
                format!("The case declares {field} = {declared}, but {counted}: correct {field} or remove it."),
                format!("Le cas déclare {field} = {declared}, mais {counted} : corrigez {field} ou retirez-le."),
            )
        }
        CaseError::RowLength { field, row, expected, found, dim } => {
            let what = pick(lang, format!("Row {row} of {field} (counting from 0)"), format!("La ligne {row} de {field} (en comptant à partir de 0)"));
            wrong_length(lang, &what, *expected, *found, dim)
        }
        CaseError::Length { field, expected, found, dim } => wrong_length(lang, field, *expected, *found, dim),
        CaseError::LabelOutOfRange { y, m } => {
            let last = m.saturating_sub(1);
            pick(
                lang,
                format!("y = {y} is not a class: with m = {m} classes, y must be between 0 and {last}."),
                format!("y = {y} n'est pas une classe : avec m = {m} classes, y doit être entre 0 et {last}."),
            )
        }
        CaseError::Penalty { key, found } => pick(
            lang,
            format!("{key} = {found} is negative; a penalty coefficient must be 0 or more."),
            format!("{key} = {found} est négatif ; un coefficient de la pénalité doit être positif ou nul."),
        ),
    }
}

/// "y = 1.5 is not a whole number; …" or "y = -1 is negative; …".
fn not_whole(lang: Lang, field: &str, found: f64) -> String {
    if found < 0.0 {
        pick(lang, format!("{field} = {found} is negative; it must be a whole number 0, 1, 2, …"), format!("{field} = {found} est négatif ; ce doit être un entier 0, 1, 2, …"))
    } else {
        pick(lang, format!("{field} = {found} is not a whole number; it must be 0, 1, 2, …"), format!("{field} = {found} n'est pas un entier ; ce doit être 0, 1, 2, …"))
    }
}

/// "x has 3 values; it needs d = 2 (the length of the rows of params.W1)."
fn wrong_length(lang: Lang, what: &str, expected: usize, found: usize, dim: &str) -> String {
    let (values, source) = (values(lang, found), dim_source(lang, dim));
    pick(lang, format!("{what} has {values}; it needs {dim} = {expected} ({source})."), format!("{what} a {values} ; il en faut {dim} = {expected} ({source})."))
}

/// "x[1] must be a number, but it is a string. Remove the quotes around the number."
fn wrong_type(lang: Lang, place: &Place, expected: Expected, found: JsonType) -> String {
    let (expected_text, found_text) = (expected_name(lang, expected), json_type_name(lang, found));
    let mut text = if place.field.is_empty() {
        pick(lang, format!("The case must be {expected_text}, but it is {found_text}."), format!("Le cas doit être {expected_text}, mais c'est {found_text}."))
    } else {
        pick(lang, format!("{place} must be {expected_text}, but it is {found_text}."), format!("{place} doit être {expected_text}, mais c'est {found_text}."))
    };
    if found == JsonType::String && matches!(expected, Expected::Number | Expected::WholeNumber) {
        text.push_str(pick(lang, " Remove the quotes around the number.", " Retirez les guillemets autour du nombre."));
    }
    text
}

/// "params.W1 has 0 rows, so d_h = 0; it must be at least 1." or "m = 1; it must be at least 2 (…)."
fn too_small(lang: Lang, field: &str, found: u64, min: u64, declared: bool) -> String {
    let start = if declared {
        format!("{field} = {found}")
    } else {
        let counted = counted(lang, field, usize::try_from(found).unwrap_or(usize::MAX));
        pick(lang, format!("{counted}, so {field} = {found}"), format!("{counted}, donc {field} = {found}"))
    };
    let why = match field {
        "m" => pick(lang, " (a softmax over one class is constant)", " (un softmax sur une seule classe est constant)"),
        _ => "",
    };
    pick(lang, format!("{start}; it must be at least {min}{why}."), format!("{start} ; il faut au moins {min}{why}."))
}

/// Where a size is counted: "params.W1 has 3 rows" (d_h), "row 0 of params.W1 has 2 values"
/// (d), "params.W2 has 2 rows" (m).
fn counted(lang: Lang, field: &str, n: usize) -> String {
    let rows = pick(lang, if n == 1 { "row" } else { "rows" }, if n <= 1 { "ligne" } else { "lignes" });
    match field {
        "d" => pick(lang, format!("row 0 of params.W1 has {}", values(lang, n)), format!("la ligne 0 de params.W1 a {}", values(lang, n))),
        "d_h" => pick(lang, format!("params.W1 has {n} {rows}"), format!("params.W1 a {n} {rows}")),
        _ => pick(lang, format!("params.W2 has {n} {rows}"), format!("params.W2 a {n} {rows}")),
    }
}

/// "1 value", "3 values" / "1 valeur", "3 valeurs" (French keeps 0 and 1 singular).
fn values(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "1 value".into(),
        Lang::En => format!("{n} values"),
        Lang::Fr if n <= 1 => format!("{n} valeur"),
        Lang::Fr => format!("{n} valeurs"),
    }
}

/// Where d, d_h or m is read from, so the student knows which array to fix.
fn dim_source(lang: Lang, dim: &str) -> &'static str {
    match dim {
        "d" => pick(lang, "the length of the rows of params.W1", "la longueur des lignes de params.W1"),
        "d_h" => pick(lang, "the number of rows of params.W1", "le nombre de lignes de params.W1"),
        _ => pick(lang, "the number of rows of params.W2", "le nombre de lignes de params.W2"),
    }
}

/// What a required field holds.
fn field_meaning(lang: Lang, field: &str) -> &'static str {
    match field {
        "lambda" => pick(lang, "the penalty weight λ ≥ 0", "le poids λ ≥ 0 de la pénalité"),
        "params" => pick(lang, "the object {W1, b1, W2, b2}", "l'objet {W1, b1, W2, b2}"),
        "params.W1" => pick(lang, "d_h rows of d numbers", "d_h lignes de d nombres"),
        "params.b1" => pick(lang, "d_h numbers", "d_h nombres"),
        "params.W2" => pick(lang, "m rows of d_h numbers", "m lignes de d_h nombres"),
        "params.b2" => pick(lang, "m numbers", "m nombres"),
        "x" => pick(lang, "the input: d numbers", "l'entrée : d nombres"),
        "y" => pick(lang, "the class, from 0 to m − 1", "la classe, de 0 à m − 1"),
        _ => pick(lang, "required", "obligatoire"),
    }
}

fn expected_name(lang: Lang, expected: Expected) -> &'static str {
    match expected {
        Expected::Object => pick(lang, "an object {…}", "un objet {…}"),
        Expected::Number => pick(lang, "a number", "un nombre"),
        Expected::WholeNumber => pick(lang, "a whole number 0, 1, 2, …", "un entier 0, 1, 2, …"),
        Expected::Numbers => pick(lang, "an array of numbers […]", "un tableau de nombres […]"),
        Expected::Rows => pick(lang, "an array of rows, each an array of numbers", "un tableau de lignes, chacune un tableau de nombres"),
    }
}

fn json_type_name(lang: Lang, found: JsonType) -> &'static str {
    match found {
        JsonType::Null => "null",
        JsonType::Bool => pick(lang, "a boolean", "un booléen"),
        JsonType::Number => pick(lang, "a number", "un nombre"),
        JsonType::String => pick(lang, "a string", "une chaîne de caractères"),
        JsonType::Array => pick(lang, "an array", "un tableau"),
        JsonType::Object => pick(lang, "an object", "un objet"),
    }
}

#[cfg(test)]
mod tests;
