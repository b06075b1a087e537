//! Reading a student's answers: the case (read by [`crate::parse_case`], with its messages),
//! then each value the student gave under the keys of the case export, and `eta` for (f).

use super::given::{from_json, Given, ShapeProblem};
use super::quantity::Quantity;
use crate::case::{parse_case, Case, CaseError};
use crate::json::{self, Value};

/// The case and the values a student gave for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Answers {
    pub case: Case,
    /// The learning rate of (f), when given.
    pub eta: Option<f64>,
    /// The values given, in the order of [`Quantity::ALL`].
    pub given: Vec<(Quantity, Given)>,
}

impl Answers {
    /// The value given for `q`, if any.
    pub fn get(&self, q: Quantity) -> Option<&Given> {
        self.given.iter().find(|(k, _)| *k == q).map(|(_, g)| g)
    }
}

/// Why a student's answers cannot be read.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswersError {
    /// The case itself (θ, x, y, λ) is refused, or the text is not JSON.
    Case(CaseError),
    /// `forward`, `gradients`, `regularized_gradients` or `updated_params` is not an object.
    NotAnObject { section: &'static str },
    /// A value is not a number, a list of numbers or a list of rows.
    Value { quantity: Quantity, problem: ShapeProblem },
    /// `eta` is not a number > 0.
    Eta,
    /// `updated_params` is given without `eta`.
    EtaMissing,
}

/// Reads the answers (see [`super`] for the format). Never panics.
pub fn parse_answers(text: &str) -> Result<Answers, AnswersError> {
    let case = parse_case(text).map_err(AnswersError::Case)?;
    // The case parsed, so the text is JSON and its root an object.
    let root = json::parse(text).map_err(|_| AnswersError::NotAnObject { section: "" })?;
    let eta = match root.get("eta") {
        None => None,
        Some(v) => match v.as_f64() {
            Some(eta) if eta > 0.0 => Some(eta),
            _ => return Err(AnswersError::Eta),
        },
    };
    let mut given = Vec::new();
    for section in ["forward", "gradients", "regularized_gradients", "updated_params"] {
        let Some(object) = root.get(section) else { continue };
        if object.as_object().is_none() {
            return Err(AnswersError::NotAnObject { section });
        }
        for q in Quantity::ALL.into_iter().filter(|q| q.path().0 == section) {
            if let Some(value) = object.get(q.path().1) {
                let g = from_json(value, text).map_err(|problem| AnswersError::Value { quantity: q, problem })?;
                given.push((q, g));
            }
        }
    }
    if eta.is_none() && given.iter().any(|(q, _)| q.path().0 == "updated_params") {
        return Err(AnswersError::EtaMissing);
    }
    given.sort_by_key(|(q, _)| *q);
    Ok(Answers { case, eta, given })
}

/// Whether a JSON value is an object holding at least one given value: the case panel's box takes
/// answers only then, and a plain case otherwise.
pub fn has_answers(value: &Value) -> bool {
    ["forward", "gradients", "regularized_gradients", "updated_params"].iter().any(|s| value.get(s).is_some())
}
