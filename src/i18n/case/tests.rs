//! Every way a pasted case can be wrong, worded in both languages.

use super::json::{problem, ALL};
use super::*;
use mlp::parse_case;

/// A valid case: d = 2, d_h = 3, m = 2.
const GOOD: &str = r#"{"lambda": 0.01, "params": {"W1": [[1, 2], [3, 4], [5, 6]], "b1": [0, 0, 0],
    "W2": [[1, 2, 3], [4, 5, 6]], "b2": [0, 0]}, "x": [1, 2], "y": 1}"#;

/// The error of `GOOD` with `from` replaced by `to`, in both languages.
fn both(from: &str, to: &str) -> (CaseError, String, String) {
    assert!(GOOD.contains(from), "{from}");
    let error = parse_case(&GOOD.replacen(from, to, 1)).expect_err(to);
    let (en, fr) = (case_error(Lang::En, &error), case_error(Lang::Fr, &error));
    assert_ne!(en, fr, "{error:?}");
    (error, en, fr)
}

#[test]
fn the_good_case_parses() {
    assert!(parse_case(GOOD).is_ok());
}

#[test]
fn a_json_syntax_error_gives_its_place_and_what_is_missing() {
    let error = parse_case(r#"{"d": 2,"#).expect_err("cut short");
    assert!(matches!(error, CaseError::Json { .. }), "{error:?}");
    let en = case_error(Lang::En, &error);
    assert!(en.starts_with("Not valid JSON (line 1, column 8): "), "{en}");
    assert!(case_error(Lang::Fr, &error).starts_with("JSON invalide (ligne 1, colonne 8) : "));
}

#[test]
fn a_number_out_of_range_says_so() {
    let (error, en, fr) = both("0.01", "1e400");
    assert!(matches!(error, CaseError::NumberOutOfRange { .. }), "{error:?}");
    assert!(en.contains("too large for a 64-bit float"), "{en}");
    assert!(fr.contains("trop grand"), "{fr}");
}

#[test]
fn each_structural_error_names_its_field() {
    // (replace, by, a word the English must contain, one the French must contain)
    let cases = [
        (r#""x": [1, 2], "#, "", "The field x is missing", "Le champ x est absent"),
        ("0.01", r#""0.01""#, "lambda must be a number, but it is a string. Remove the quotes", "lambda doit être un nombre, mais c'est une chaîne"),
        ("[[1, 2], [3, 4], [5, 6]]", "5", "params.W1 must be an array of rows", "params.W1 doit être un tableau de lignes"),
        ("[3, 4]", r#"[3, null]"#, "params.W1[1][1] must be a number, but it is null", "params.W1[1][1] doit être un nombre, mais c'est null"),
        (r#""y": 1"#, r#""y": 1.5"#, "y = 1.5 is not a whole number", "y = 1.5 n'est pas un entier"),
        (r#""y": 1"#, r#""y": -1"#, "y = -1 is negative", "y = -1 est négatif"),
        ("{\"lambda\"", "{\"m\": 1, \"lambda\"", "m = 1; it must be at least 2 (a softmax", "m = 1 ; il faut au moins 2"),
        ("[[1, 2, 3], [4, 5, 6]]", "[[1, 2, 3]]", "params.W2 has 1 row, so m = 1", "params.W2 a 1 ligne, donc m = 1"),
        ("{\"lambda\"", "{\"d\": 3, \"lambda\"", "declares d = 3, but row 0 of params.W1 has 2 values", "déclare d = 3, mais la ligne 0 de params.W1 a 2 valeurs"),
        ("[4, 5, 6]", "[4, 5]", "Row 1 of params.W2 (counting from 0) has 2 values; it needs d_h = 3", "La ligne 1 de params.W2"),
        (r#""b2": [0, 0]"#, r#""b2": [0]"#, "params.b2 has 1 value; it needs m = 2 (the number of rows of params.W2)", "params.b2 a 1 valeur ; il en faut m = 2"),
        (r#""x": [1, 2]"#, r#""x": [1, 2, 3]"#, "x has 3 values; it needs d = 2", "x a 3 valeurs ; il en faut d = 2"),
        (r#""y": 1"#, r#""y": 5"#, "y = 5 is not a class: with m = 2 classes, y must be between 0 and 1", "y = 5 n'est pas une classe"),
        ("0.01", "-0.5", "lambda = -0.5 is negative", "lambda = -0.5 est négatif"),
    ];
    for (from, to, en_part, fr_part) in cases {
        let (error, en, fr) = both(from, to);
        assert!(en.contains(en_part), "{error:?}: {en}");
        assert!(fr.contains(fr_part), "{error:?}: {fr}");
    }
}

#[test]
fn a_case_that_is_not_an_object_is_named_the_case() {
    let error = parse_case("[1, 2]").expect_err("an array");
    assert_eq!(case_error(Lang::En, &error), "The case must be an object {…}, but it is an array.");
    assert_eq!(case_error(Lang::Fr, &error), "Le cas doit être un objet {…}, mais c'est un tableau.");
}

#[test]
fn every_json_problem_is_worded_in_both_languages() {
    for syntax in ALL {
        let (en, fr) = (problem(Lang::En, syntax), problem(Lang::Fr, syntax));
        assert_ne!(en, fr, "{syntax:?}");
        assert!(!en.is_empty() && !fr.is_empty(), "{syntax:?}");
    }
    // Texts that hit each problem, worded with their place.
    let deep = "[".repeat(200);
    let inputs = [
        "[1, 2", r#"{"a": 1"#, "\"abc", "", r#"{"a" 1}"#, "[1 2]", r#"{"a": 1 "b": 2}"#, "[tru]", "[NaN]",
        "{a: 1}", r#""\x""#, "[-]", "\"a\u{1}b\"", "[1,]", "{} x", r#""\u12""#, r#""\ud800""#, deep.as_str(),
    ];
    for input in inputs {
        let error = parse_case(input).expect_err(input);
        assert!(matches!(error, CaseError::Json { .. }), "{input:?}: {error:?}");
        assert!(case_error(Lang::Fr, &error).starts_with("JSON invalide (ligne 1, colonne "), "{input:?}");
    }
}
