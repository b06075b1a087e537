//! The diagnosis as JSON (`backprop-lab-diagnosis/1`), for a student to keep or a teaching
//! assistant to read.

use std::fmt::Write;

use super::diagnose::{Diagnosis, Verdict};
use super::given::Layout;
use super::quantity::Quantity;
use crate::json::Pretty;
use nalgebra::DMatrix;
use crate::mistakes::Mistake;

/// The format's name and version, written as `"format"`.
pub const FORMAT: &str = "backprop-lab-diagnosis/1";

/// The verdict's key in the export: `right`, `right_given_yours`, `wrong`, `not_given`.
pub fn verdict_key(v: Verdict) -> &'static str {
    match v {
        Verdict::Right => "right",
        Verdict::RightGivenYours => "right_given_yours",
        Verdict::Wrong => "wrong",
        Verdict::NotGiven => "not_given",
    }
}

pub(super) fn export(diagnosis: &Diagnosis) -> String {
    write(diagnosis, false)
}

/// The export with each given quantity's correct values (`expected`) and the student's as read
/// (`given`, in the expected layout), for the page.
pub(super) fn export_with_values(diagnosis: &Diagnosis) -> String {
    write(diagnosis, true)
}

fn write(diagnosis: &Diagnosis, values: bool) -> String {
    let mut doc = Pretty::new();
    doc.text("format", FORMAT);
    match diagnosis.first_wrong() {
        Some(j) => doc.text("first_wrong", j.quantity.step_key()).text("first_wrong_quantity", &j.quantity.dotted()),
        None => doc.raw("first_wrong", "null").raw("first_wrong_quantity", "null"),
    };
    doc.open("quantities");
    for j in &diagnosis.judged {
        doc.open(&j.quantity.dotted()).text("step", j.quantity.step_key()).text("verdict", verdict_key(j.verdict));
        if j.verdict != Verdict::NotGiven {
            let mut entries = String::from("[");
            for (i, (r, c)) in j.wrong_entries.iter().enumerate() {
                let _ = write!(entries, "{}[{r}, {c}]", if i > 0 { ", " } else { "" });
            }
            entries.push(']');
            doc.number("max_abs_error", j.max_abs_error).raw("wrong_entries", &entries);
            let explained = j.explained_by.first().map(|m| m.iter().map(Mistake::key).collect::<Vec<_>>()).unwrap_or_default();
            doc.texts("explained_by", explained);
            if values {
                matrix(&mut doc, "expected", &j.expected, j.quantity);
                if let Some(given) = &j.given {
                    matrix(&mut doc, "given", given, j.quantity);
                }
            }
            if let Some(shape) = j.shape {
                doc.raw("expected_shape", &format!("[{}, {}]", shape.expected.0, shape.expected.1))
                    .raw("given_shape", &format!("[{}, {}]", shape.given.0, shape.given.1));
            }
        }
        doc.close();
    }
    doc.close();
    doc.texts("mistakes", diagnosis.mistakes().iter().map(Mistake::key));
    doc.finish()
}

/// A value in its layout: a number, a list, or rows.
fn matrix(doc: &mut Pretty, key: &str, m: &DMatrix<f64>, q: Quantity) {
    match q.layout() {
        Layout::Scalar => doc.number(key, m.get(0).copied().unwrap_or(f64::NAN)),
        Layout::Vector => doc.numbers(key, m.iter().copied()),
        Layout::Rows => doc.rows(key, m.row_iter().map(|r| r.iter().copied().collect::<Vec<_>>())),
    };
}
