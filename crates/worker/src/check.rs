//! "Check my answers" for the page: the homework diagnosis ([`mlp::homework`]) lives in this
//! module, which the page imports only when a student checks answers, so its code is not part
//! of the page's first load. Text in, JSON out (the diagnosis export with values, or an error).

use wasm_bindgen::prelude::*;

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
