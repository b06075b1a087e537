//! The whole check as one call, text in and JSON out, for the page's lazily imported module (the
//! diagnosis code then stays out of the page's first load): [`check_text`] for pasted answers,
//! [`check_value`] for one value as numpy printed it. The answer is the diagnosis export, with the
//! correct and the given values of each quantity given, or `{"format", "error": {…}}` saying why
//! nothing was checked, in terms the page turns back into [`AnswersError`] and [`TextProblem`]
//! ([`read_error`]) to word them in its language.

use std::fmt::Write;

use super::answers::{parse_answers, Answers, AnswersError};
use super::diagnose::diagnose;
use super::export::{export_with_values, FORMAT};
use super::given::ShapeProblem;
use super::quantity::Quantity;
use super::text::{parse_values, TextProblem};
use crate::case::parse_case;
use crate::json::{push_string, Value};

/// Why a check gave no diagnosis.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckError {
    /// The answers (or the case) cannot be read.
    Answers(AnswersError),
    /// One value's text cannot be read.
    Text(TextProblem),
    /// No value was given.
    NothingGiven,
    /// A quantity key the diagnosis does not know (`check_value`).
    UnknownQuantity,
    /// Read back by [`read_error`]: the case was refused; [`crate::parse_case`] on the same text
    /// says why (the answer does not carry the case's error).
    CaseRefused,
}

/// Checks pasted answers: the diagnosis export with values, or the error.
pub fn check_text(text: &str) -> String {
    answer(parse_answers(text).map_err(CheckError::Answers))
}

/// Checks one value, written as numpy prints it, for the quantity `dotted` (`"gradients.W2"`) of
/// the case `case_json`.
pub fn check_value(case_json: &str, dotted: &str, value_text: &str) -> String {
    let answers = (|| {
        let case = parse_case(case_json).map_err(|e| CheckError::Answers(AnswersError::Case(e)))?;
        let quantity = dotted
            .split_once('.')
            .and_then(|(s, k)| Quantity::from_path(s, k))
            .filter(|q| q.path().0 != "updated_params")
            .ok_or(CheckError::UnknownQuantity)?;
        let given = parse_values(value_text, quantity.dims(case.shape()).len()).map_err(CheckError::Text)?;
        Ok(Answers { case, eta: None, given: vec![(quantity, given)] })
    })();
    answer(answers)
}

fn answer(answers: Result<Answers, CheckError>) -> String {
    let result = answers.and_then(|a| {
        if a.given.is_empty() {
            return Err(CheckError::NothingGiven);
        }
        // A case that was read always fits together.
        diagnose(&a).map_err(|_| CheckError::NothingGiven)
    });
    match result {
        Ok(d) => export_with_values(&d),
        Err(e) => {
            let mut out = format!("{{\"format\": \"{FORMAT}\", \"error\": ");
            write_error(&mut out, &e);
            out.push('}');
            out
        }
    }
}

fn write_error(out: &mut String, e: &CheckError) {
    let opt = |v: Option<usize>| v.map_or("null".to_string(), |v| v.to_string());
    let _ = match e {
        CheckError::NothingGiven => write!(out, "{{\"kind\": \"nothing_given\"}}"),
        CheckError::UnknownQuantity => write!(out, "{{\"kind\": \"unknown_quantity\"}}"),
        CheckError::CaseRefused => write!(out, "{{\"kind\": \"case\"}}"),
        CheckError::Answers(AnswersError::Case(_)) => write!(out, "{{\"kind\": \"case\"}}"),
        CheckError::Answers(AnswersError::Eta) => write!(out, "{{\"kind\": \"eta\"}}"),
        CheckError::Answers(AnswersError::EtaMissing) => write!(out, "{{\"kind\": \"eta_missing\"}}"),
        CheckError::Answers(AnswersError::NotAnObject { section }) => {
            write!(out, "{{\"kind\": \"not_an_object\", \"section\": \"{section}\"}}")
        }
        CheckError::Answers(AnswersError::Value { quantity, problem }) => {
            let q = quantity.dotted();
            match problem {
                ShapeProblem::NotNumbers { row, col } => write!(
                    out,
                    "{{\"kind\": \"value\", \"quantity\": \"{q}\", \"problem\": \"not_numbers\", \"row\": {}, \"col\": {}}}",
                    opt(*row),
                    opt(*col)
                ),
                ShapeProblem::Ragged { row, expected, found } => write!(
                    out,
                    "{{\"kind\": \"value\", \"quantity\": \"{q}\", \"problem\": \"ragged\", \"row\": {row}, \"expected\": {expected}, \"found\": {found}}}"
                ),
                ShapeProblem::TooDeep { row } => {
                    write!(out, "{{\"kind\": \"value\", \"quantity\": \"{q}\", \"problem\": \"too_deep\", \"row\": {row}}}")
                }
            }
        }
        CheckError::Text(problem) => {
            out.push_str("{\"kind\": \"text\", ");
            match problem {
                TextProblem::Empty => out.push_str("\"problem\": \"empty\""),
                TextProblem::Brackets => out.push_str("\"problem\": \"brackets\""),
                TextProblem::TooMany => out.push_str("\"problem\": \"too_many\""),
                TextProblem::Unexpected { ch, at } => {
                    out.push_str("\"problem\": \"unexpected\", \"char\": ");
                    push_string(out, &ch.to_string());
                    let _ = write!(out, ", \"at\": {at}");
                }
                TextProblem::NotANumber { text } => {
                    out.push_str("\"problem\": \"not_a_number\", \"text\": ");
                    push_string(out, text);
                }
                TextProblem::Ragged { row, expected, found } => {
                    let _ = write!(out, "\"problem\": \"ragged\", \"row\": {row}, \"expected\": {expected}, \"found\": {found}");
                }
            }
            out.push('}');
            Ok(())
        }
    };
}

/// The error of an answer written by [`check_text`] or [`check_value`] (`root` is the answer read
/// as JSON); `None` when it holds a diagnosis, or an error this version does not know. A case
/// error comes back as [`CheckError::CaseRefused`]: the page gets the [`crate::CaseError`] again
/// from [`crate::parse_case`] on the same text.
pub fn read_error(root: &Value) -> Option<CheckError> {
    let e = root.get("error")?;
    let text = |k: &str| match e.get(k) {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let int = |k: &str| e.get(k).and_then(Value::as_f64).filter(|v| *v >= 0.0).map(|v| v as usize);
    let quantity = || text("quantity").split_once('.').and_then(|(s, k)| Quantity::from_path(s, k));
    let error = match text("kind").as_str() {
        "nothing_given" => CheckError::NothingGiven,
        "unknown_quantity" => CheckError::UnknownQuantity,
        "case" => CheckError::CaseRefused,
        "eta" => CheckError::Answers(AnswersError::Eta),
        "eta_missing" => CheckError::Answers(AnswersError::EtaMissing),
        "not_an_object" => {
            let section = ["forward", "gradients", "regularized_gradients", "updated_params"].into_iter().find(|s| *s == text("section"))?;
            CheckError::Answers(AnswersError::NotAnObject { section })
        }
        "value" => {
            let problem = match text("problem").as_str() {
                "not_numbers" => ShapeProblem::NotNumbers { row: int("row"), col: int("col") },
                "ragged" => ShapeProblem::Ragged { row: int("row")?, expected: int("expected")?, found: int("found")? },
                "too_deep" => ShapeProblem::TooDeep { row: int("row")? },
                _ => return None,
            };
            CheckError::Answers(AnswersError::Value { quantity: quantity()?, problem })
        }
        "text" => CheckError::Text(match text("problem").as_str() {
            "empty" => TextProblem::Empty,
            "brackets" => TextProblem::Brackets,
            "too_many" => TextProblem::TooMany,
            "unexpected" => TextProblem::Unexpected { ch: text("char").chars().next()?, at: int("at")? },
            "not_a_number" => TextProblem::NotANumber { text: text("text") },
            "ragged" => TextProblem::Ragged { row: int("row")?, expected: int("expected")?, found: int("found")? },
            _ => return None,
        }),
        _ => return None,
    };
    Some(error)
}
