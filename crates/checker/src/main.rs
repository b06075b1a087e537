//! "Check my answers" for the page: the homework diagnosis ([`mlp::homework`]) in its own module,
//! which the page imports the first time a student checks answers (see the page's
//! `components/case_panel/checker.rs`), so its code is neither in the page's first load nor in
//! the training worker. Text in, JSON out (the diagnosis export with values, or an error).

use wasm_bindgen::prelude::*;

/// Nothing to start: the page calls the functions below.
fn main() {}

/// Diagnoses pasted answers (see [`mlp::homework::check_text`]).
#[wasm_bindgen]
pub fn check_homework(text: &str) -> String {
    mlp::homework::check_text(text)
}

/// Diagnoses one value as numpy printed it, for the quantity `dotted` of the case `case_json`
/// (see [`mlp::homework::check_value`]).
#[wasm_bindgen]
pub fn check_homework_value(case_json: &str, dotted: &str, value_text: &str) -> String {
    mlp::homework::check_value(case_json, dotted, value_text)
}
