//! The JSON syntax errors of a pasted case ([`mlp::json::Syntax`]), in words a student can act on.

use super::{pick, Lang};
use mlp::json::Syntax;

/// Every problem, for the test that each is worded in both languages.
#[cfg(test)]
pub(super) const ALL: [Syntax; 19] = [
    Syntax::EndInValue, Syntax::EndInArray, Syntax::EndInObject, Syntax::EndInString, Syntax::ExpectedValue,
    Syntax::UnknownWord, Syntax::ExpectedColon, Syntax::ExpectedCommaOrBracket, Syntax::ExpectedCommaOrBrace,
    Syntax::KeyMustBeString, Syntax::TrailingComma, Syntax::TrailingCharacters, Syntax::InvalidNumber,
    Syntax::NumberOutOfRange, Syntax::InvalidEscape, Syntax::ShortHexEscape, Syntax::LoneSurrogate,
    Syntax::ControlCharacter, Syntax::TooDeep,
];

/// What is wrong; no final period.
pub(super) fn problem(lang: Lang, problem: Syntax) -> &'static str {
    let (en, fr) = match problem {
        Syntax::EndInValue => (
            "the text ends too early: a value, a key or a closing `]` or `}` is missing",
            "le texte s'arrête trop tôt : il manque une valeur, une clé, ou un `]` ou une `}` fermants",
        ),
        Syntax::EndInArray => ("the text ends inside a list: a closing `]` is missing", "le texte s'arrête au milieu d'une liste : il manque un crochet fermant `]`"),
        Syntax::EndInObject => ("the text ends inside an object: a closing `}` is missing", "le texte s'arrête au milieu d'un objet : il manque une accolade fermante `}`"),
        Syntax::EndInString => ("the text ends inside a string: a closing `\"` is missing", "le texte s'arrête au milieu d'une chaîne : il manque le guillemet fermant `\"`"),
        Syntax::ExpectedColon => ("a colon `:` is expected after the key", "il faut un deux-points `:` après la clé"),
        Syntax::ExpectedCommaOrBracket => ("a comma `,` or a closing `]` is expected", "il faut une virgule `,` ou un crochet fermant `]`"),
        Syntax::ExpectedCommaOrBrace => ("a comma `,` or a closing `}` is expected", "il faut une virgule `,` ou une accolade fermante `}`"),
        Syntax::UnknownWord => ("unknown word: the only words JSON knows are true, false and null", "mot inconnu : JSON ne connaît que les mots true, false et null"),
        Syntax::ExpectedValue => (
            "a value is expected here: a number, a \"string\", an array […] or an object {…} (NaN and Infinity are not JSON)",
            "une valeur est attendue ici : un nombre, une \"chaîne\", un tableau […] ou un objet {…} (NaN et Infinity ne sont pas du JSON)",
        ),
        Syntax::InvalidEscape => ("invalid escape `\\…` in a string", "séquence d'échappement `\\…` invalide dans une chaîne"),
        Syntax::InvalidNumber => (
            "invalid number (JSON writes 0.5, -2, 1e-3: no leading +, no bare . or trailing .)",
            "nombre invalide (JSON écrit 0.5, -2, 1e-3 : pas de + initial, de . seul ni de . final)",
        ),
        Syntax::NumberOutOfRange => (
            "a number is too large for a 64-bit float (at most about 1.8e308)",
            "un nombre est trop grand pour un flottant 64 bits (au plus environ 1.8e308)",
        ),
        Syntax::ShortHexEscape => ("a `\\u` escape needs four hex digits", "un échappement `\\u` demande quatre chiffres hexadécimaux"),
        Syntax::ControlCharacter => (
            "a control character (such as a line break) inside a string",
            "un caractère de contrôle (comme un saut de ligne) dans une chaîne",
        ),
        Syntax::KeyMustBeString => ("a key must be a string in double quotes", "une clé doit être une chaîne entre guillemets droits"),
        Syntax::LoneSurrogate => ("a lone surrogate in a `\\u` escape", "un demi-caractère (surrogate) isolé dans un échappement `\\u`"),
        Syntax::TrailingComma => ("a comma before a closing `]` or `}`", "une virgule de trop avant un `]` ou une `}` fermante"),
        Syntax::TrailingCharacters => ("more text after the end of the case (paste one object only)", "du texte après la fin du cas (collez un seul objet)"),
        Syntax::TooDeep => ("nested too deeply (more than 128 levels)", "imbrication trop profonde (plus de 128 niveaux)"),
    };
    pick(lang, en, fr)
}
