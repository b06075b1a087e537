//! The homework checker, in its own module (`crates/checker`), imported the first time a
//! student checks answers so the diagnosis code is neither part of the page's first load nor of
//! the training worker; and its answer (the diagnosis export with values, see `mlp::homework`)
//! read back into what the panel shows.

use std::cell::RefCell;

use crate::lab::local::{describe, page_url};
use mlp::homework::{read_error, CheckError, Quantity, ShapeMismatch, Verdict};
use mlp::json::{self, Value};
use mlp::{Mistake, Mistakes};
use nalgebra::DMatrix;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(inline_js = "export function load_checker(url) {
  return import(url).then(async (module) => { await module.default(); return module; });
}")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn load_checker(url: &str) -> Result<js_sys::Promise, JsValue>;

    /// The checker's module, with its two check functions.
    #[derive(Clone)]
    type CheckerModule;

    #[wasm_bindgen(method, catch)]
    fn check_homework(this: &CheckerModule, text: &str) -> Result<String, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn check_homework_value(this: &CheckerModule, case_json: &str, dotted: &str, value_text: &str) -> Result<String, JsValue>;
}

/// The checker's JS module, relative to the page.
pub const MODULE: &str = "./backprop-lab-checker.js";

thread_local! {
    /// The module once imported.
    static MODULE_LOADED: RefCell<Option<CheckerModule>> = const { RefCell::new(None) };
}

async fn module() -> Result<CheckerModule, String> {
    if let Some(m) = MODULE_LOADED.with(|m| m.borrow().clone()) {
        return Ok(m);
    }
    let url = web_sys::Url::new_with_base(MODULE, &page_url()).map_err(|e| describe(&e))?.href();
    let promise = load_checker(&url).map_err(|e| describe(&e))?;
    let module: CheckerModule = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|e| describe(&e))?.unchecked_into();
    MODULE_LOADED.with(|m| *m.borrow_mut() = Some(module.clone()));
    Ok(module)
}

/// Why no diagnosis came back.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The checker said why (the answers or a value cannot be read).
    Check(CheckError),
    /// The checker could not be imported or failed (its message).
    Unavailable(String),
}

/// Diagnoses pasted answers.
pub async fn check_text(text: &str) -> Result<Diagnosed, Failure> {
    let answer = module().await.map_err(Failure::Unavailable)?.check_homework(text).map_err(|e| Failure::Unavailable(describe(&e)))?;
    read(&answer)
}

/// Diagnoses one value (numpy's printout) of the quantity `dotted` of the case `case_json`.
pub async fn check_value(case_json: &str, dotted: &str, text: &str) -> Result<Diagnosed, Failure> {
    let module = module().await.map_err(Failure::Unavailable)?;
    let answer = module.check_homework_value(case_json, dotted, text).map_err(|e| Failure::Unavailable(describe(&e)))?;
    read(&answer)
}

/// One quantity of the diagnosis, as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub quantity: Quantity,
    pub verdict: Verdict,
    pub max_abs_error: f64,
    pub wrong_entries: Vec<(usize, usize)>,
    /// The mistakes that explain a wrong value (empty when none does).
    pub explained_by: Mistakes,
    pub shape: Option<ShapeMismatch>,
    /// The correct value (a vector as one column); empty when not given.
    pub expected: DMatrix<f64>,
    pub given: Option<DMatrix<f64>>,
}

/// A diagnosis read back, and its export.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnosed {
    pub items: Vec<Item>,
    /// The diagnosis export as the checker wrote it.
    pub export: String,
}

impl Diagnosed {
    pub fn first_wrong(&self) -> Option<&Item> {
        self.items.iter().find(|i| i.verdict == Verdict::Wrong)
    }

    pub fn given(&self) -> usize {
        self.items.iter().filter(|i| i.verdict != Verdict::NotGiven).count()
    }

    pub fn get(&self, q: Quantity) -> Option<&Item> {
        self.items.iter().find(|i| i.quantity == q)
    }
}

/// Reads the checker's answer.
pub fn read(answer: &str) -> Result<Diagnosed, Failure> {
    let broken = || Failure::Unavailable("the checker's answer could not be read".into());
    let root = json::parse(answer).map_err(|_| broken())?;
    if root.get("error").is_some() {
        return Err(read_error(&root).map(Failure::Check).unwrap_or_else(broken));
    }
    let quantities = root.get("quantities").and_then(Value::as_object).ok_or_else(broken)?;
    let mut items = Vec::with_capacity(quantities.len());
    for (key, value) in quantities {
        let quantity = key.split_once('.').and_then(|(s, k)| Quantity::from_path(s, k)).ok_or_else(broken)?;
        items.push(item(quantity, value).ok_or_else(broken)?);
    }
    Ok(Diagnosed { items, export: answer.to_string() })
}

fn text(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        _ => None,
    }
}

fn item(quantity: Quantity, v: &Value) -> Option<Item> {
    let verdict = match v.get("verdict").and_then(text)? {
        "right" => Verdict::Right,
        "right_given_yours" => Verdict::RightGivenYours,
        "wrong" => Verdict::Wrong,
        "not_given" => Verdict::NotGiven,
        _ => return None,
    };
    let index = |v: &Value| v.as_f64().filter(|x| *x >= 0.0).map(|x| x as usize);
    let wrong_entries = v
        .get("wrong_entries")
        .and_then(Value::as_array)
        .map(|all| all.iter().filter_map(|e| Some((index(e.as_array()?.first()?)?, index(e.as_array()?.get(1)?)?))).collect())
        .unwrap_or_default();
    let explained_by = v
        .get("explained_by")
        .and_then(Value::as_array)
        .map(|keys| keys.iter().filter_map(|k| text(k).and_then(Mistake::from_key)).collect())
        .unwrap_or_default();
    let pair = |k: &str| {
        let a = v.get(k)?.as_array()?;
        Some((index(a.first()?)?, index(a.get(1)?)?))
    };
    let shape = pair("expected_shape").zip(pair("given_shape")).map(|(expected, given)| ShapeMismatch {
        expected,
        given,
        transposed: expected == (given.1, given.0) && expected.0 != expected.1,
    });
    Some(Item {
        quantity,
        verdict,
        // JSON has no ∞: a non-number against a number is written null.
        max_abs_error: v.get("max_abs_error").map_or(0.0, |e| e.as_f64().unwrap_or(f64::INFINITY)),
        wrong_entries,
        explained_by,
        shape,
        expected: v.get("expected").and_then(matrix).unwrap_or_else(|| DMatrix::zeros(0, 0)),
        given: v.get("given").and_then(matrix),
    })
}

/// A number (1 × 1), a list (a column) or rows; `null` is NaN.
fn matrix(v: &Value) -> Option<DMatrix<f64>> {
    let number = |v: &Value| match v {
        Value::Null => Some(f64::NAN),
        other => other.as_f64(),
    };
    match v {
        Value::Array(items) if items.first().is_some_and(|i| i.as_array().is_some()) => {
            let rows: Vec<Vec<f64>> = items.iter().map(|r| r.as_array()?.iter().map(number).collect()).collect::<Option<_>>()?;
            let cols = rows.first().map_or(0, Vec::len);
            rows.iter().all(|r| r.len() == cols).then(|| DMatrix::from_fn(rows.len(), cols, |r, c| rows[r][c]))
        }
        Value::Array(items) => {
            let values: Vec<f64> = items.iter().map(number).collect::<Option<_>>()?;
            Some(DMatrix::from_column_slice(values.len(), 1, &values))
        }
        other => number(other).map(|x| DMatrix::from_element(1, 1, x)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checker_s_answer_reads_back() {
        let case = r#"{"lambda": 0.01, "y": 0, "x": [1.0, 0.5],
            "params": {"W1": [[0.5, -0.3], [-0.8, 0.4], [0.2, 0.9]], "b1": [0.1, -0.2, 0.05],
                       "W2": [[0.7, -0.4, 0.3], [-0.6, 0.5, 0.8]], "b2": [0.05, -0.05]}"#;
        // ∂L/∂W2 written transposed (3 × 2), and a wrong loss (the walk opens at (d)).
        let answers = format!(r#"{case}, "forward": {{"loss": 0.5397}}, "gradients": {{"W2": [[1, 2], [3, 4], [5, 6]]}}}}"#);
        let d = read(&mlp::homework::check_text(&answers)).expect("a diagnosis");
        assert_eq!(d.given(), 2);
        let w2 = d.get(Quantity::GradW2).expect("W2");
        assert_eq!(w2.verdict, Verdict::Wrong);
        let shape = w2.shape.expect("a shape");
        assert_eq!((shape.expected, shape.given, shape.transposed), ((2, 3), (3, 2), true));
        assert_eq!(w2.expected.shape(), (2, 3));
        assert_eq!(d.first_wrong().map(|i| i.quantity), Some(Quantity::Loss));
        let loss = d.get(Quantity::Loss).expect("loss");
        assert_eq!(loss.expected.shape(), (1, 1));
        assert_eq!(loss.given.as_ref().map(|g| g[0]), Some(0.5397));
        // Errors come back as the checker's.
        let e = read(&mlp::homework::check_text(&format!("{case}}}"))).unwrap_err();
        assert_eq!(e, Failure::Check(CheckError::NothingGiven));
        let e = read(&mlp::homework::check_text(&format!(r#"{case}, "gradients": {{"W2": [[1, 2], [3]]}}}}"#))).unwrap_err();
        assert!(matches!(e, Failure::Check(CheckError::Answers(mlp::homework::AnswersError::Value { .. }))), "{e:?}");
        let e = read(&mlp::homework::check_value(&format!("{case}}}"), "gradients.W2", "[1 2 @]")).unwrap_err();
        assert_eq!(e, Failure::Check(CheckError::Text(mlp::homework::TextProblem::Unexpected { ch: '@', at: 6 })));
        let ok = read(&mlp::homework::check_value(&format!("{case}}}"), "gradients.b2", "array([-0.417, 0.417])")).unwrap();
        assert_eq!(ok.get(Quantity::GradB2).map(|i| i.verdict), Some(Verdict::Right));
        assert!(read("{").is_err() && read("{\"error\": {\"kind\": \"bogus\"}}").is_err());
    }
}
