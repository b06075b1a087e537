//! The JSON syntax errors of a pasted case, in words a student can act on.
//!
//! [`mlp::CaseError::Json`] carries serde_json's own description ("EOF while parsing an
//! object", "expected `,` or `]`", …); each known one is reworded here in both languages. An
//! unknown description (a newer serde_json) is shown as it is.

use super::{pick, Lang};

/// The descriptions serde_json gives (its `ErrorCode`s that can occur when reading a value),
/// for the test that it still words them so.
#[cfg(test)]
pub(super) const KNOWN: [&str; 20] = [
    "EOF while parsing a list",
    "EOF while parsing an object",
    "EOF while parsing a string",
    "EOF while parsing a value",
    "expected `:`",
    "expected `,` or `]`",
    "expected `,` or `}`",
    "expected ident",
    "expected value",
    "expected `\"`",
    "invalid escape",
    "invalid number",
    "invalid unicode code point",
    "control character (\\u0000-\\u001F) found while parsing a string",
    "key must be a string",
    "lone leading surrogate in hex escape",
    "trailing comma",
    "trailing characters",
    "unexpected end of hex escape",
    "recursion limit exceeded",
];

/// serde_json's `message`, reworded; no final period.
pub(super) fn problem(lang: Lang, message: &str) -> String {
    let (en, fr) = match message {
        "EOF while parsing a list" => ("the text ends inside a list: a closing `]` is missing", "le texte s'arrête au milieu d'une liste : il manque un crochet fermant `]`"),
        "EOF while parsing an object" => ("the text ends inside an object: a closing `}` is missing", "le texte s'arrête au milieu d'un objet : il manque une accolade fermante `}`"),
        "EOF while parsing a string" => ("the text ends inside a string: a closing `\"` is missing", "le texte s'arrête au milieu d'une chaîne : il manque le guillemet fermant `\"`"),
        "EOF while parsing a value" => (
            "the text ends too early: a value, a key or a closing `]` or `}` is missing",
            "le texte s'arrête trop tôt : il manque une valeur, une clé, ou un `]` ou une `}` fermants",
        ),
        "expected `:`" => ("a colon `:` is expected after the key", "il faut un deux-points `:` après la clé"),
        "expected `,` or `]`" => ("a comma `,` or a closing `]` is expected", "il faut une virgule `,` ou un crochet fermant `]`"),
        "expected `,` or `}`" => ("a comma `,` or a closing `}` is expected", "il faut une virgule `,` ou une accolade fermante `}`"),
        "expected ident" => ("unknown word: the only words JSON knows are true, false and null", "mot inconnu : JSON ne connaît que les mots true, false et null"),
        "expected value" => (
            "a value is expected here: a number, a \"string\", an array […] or an object {…} (NaN and Infinity are not JSON)",
            "une valeur est attendue ici : un nombre, une \"chaîne\", un tableau […] ou un objet {…} (NaN et Infinity ne sont pas du JSON)",
        ),
        "expected `\"`" => ("a key in double quotes `\"` is expected", "une clé entre guillemets droits `\"` est attendue"),
        "invalid escape" => ("invalid escape `\\…` in a string", "séquence d'échappement `\\…` invalide dans une chaîne"),
        "invalid number" => ("invalid number", "nombre invalide"),
        "invalid unicode code point" => ("invalid Unicode code point in a `\\u` escape", "point de code Unicode invalide dans un échappement `\\u`"),
        "control character (\\u0000-\\u001F) found while parsing a string" => (
            "a control character (such as a line break) inside a string",
            "un caractère de contrôle (comme un saut de ligne) dans une chaîne",
        ),
        "key must be a string" => ("a key must be a string in double quotes", "une clé doit être une chaîne entre guillemets droits"),
        "lone leading surrogate in hex escape" => ("a lone surrogate in a `\\u` escape", "un demi-caractère (surrogate) isolé dans un échappement `\\u`"),
        "trailing comma" => ("a comma before a closing `]` or `}`", "une virgule de trop avant un `]` ou une `}` fermante"),
        "trailing characters" => ("more text after the end of the case (paste one object only)", "du texte après la fin du cas (collez un seul objet)"),
        "unexpected end of hex escape" => ("a `\\u` escape is cut short", "un échappement `\\u` incomplet"),
        "recursion limit exceeded" => ("nested too deeply (more than 128 levels)", "imbrication trop profonde (plus de 128 niveaux)"),
        other => return pick(lang, other.to_string(), format!("{other} (message de l'analyseur JSON)")),
    };
    pick(lang, en, fr).to_string()
}
