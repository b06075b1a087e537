//! The diagnosis as a Markdown report a student can attach to the homework: the case, each step
//! with its verdict and explanation, and the correct values.

use std::fmt::Write;

use super::check::Checked;
use crate::i18n::homework::{max_error, quantity_label, shape_text, verdict_text, HomeworkMsg};
use crate::i18n::mistakes::{mistake_title, mistake_why, right_numpy, wrong_numpy};
use crate::i18n::{t, Lang};
use mlp::homework::Verdict;
use nalgebra::DMatrix;

pub fn markdown(lang: Lang, checked: &Checked) -> String {
    let d = &checked.diagnosis;
    let case = &checked.case;
    let shape = case.shape();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", t(lang, HomeworkMsg::Report));
    let _ = writeln!(
        out,
        "{}: d = {}, d_h = {}, m = {}, {}, y = {}\n",
        t(lang, HomeworkMsg::Case),
        shape.d,
        shape.d_h,
        shape.m,
        crate::i18n::penalty::penalty_text(lang, &case.penalty),
        case.y
    );
    match d.first_wrong() {
        Some(j) => {
            let _ = writeln!(out, "**{}** {}\n", t(lang, HomeworkMsg::FirstWrong), quantity_label(lang, j.quantity));
        }
        None => {
            let _ = writeln!(out, "**{}**\n", t(lang, HomeworkMsg::AllRight));
        }
    }
    let _ = writeln!(out, "| {} | {} | {} |", t(lang, HomeworkMsg::Value), t(lang, HomeworkMsg::Verdict), t(lang, HomeworkMsg::Explanation));
    out.push_str("|---|---|---|\n");
    for j in d.items.iter().filter(|j| j.verdict != Verdict::NotGiven) {
        let explained: Vec<&str> = j.explained_by.iter().map(|m| t(lang, mistake_title(m))).collect();
        let detail = match (j.verdict, j.shape) {
            (Verdict::Wrong, Some(s)) => format!("{} {}", shape_text(lang, s.expected, s.given, s.transposed), explained.join("; ")),
            (Verdict::Wrong, None) if explained.is_empty() => format!("{} ({})", t(lang, HomeworkMsg::NoMistakeExplains).trim_end_matches(':'), max_error(lang, j.max_abs_error)),
            (Verdict::Wrong, None) => explained.join("; "),
            _ => String::new(),
        };
        let _ = writeln!(out, "| {} | {} | {} |", quantity_label(lang, j.quantity), t(lang, verdict_text(j.verdict)), detail);
    }
    for j in d.items.iter().filter(|j| j.verdict == Verdict::Wrong) {
        let _ = writeln!(out, "\n## {} — {}\n", quantity_label(lang, j.quantity), t(lang, verdict_text(j.verdict)));
        {
            for m in j.explained_by.iter() {
                let _ = writeln!(out, "**{}**. {} {}\n", t(lang, mistake_title(m)), t(lang, HomeworkMsg::Why), t(lang, mistake_why(m)));
                let _ = writeln!(out, "```python\n# {}\n{}\n# {}\n{}\n```\n", t(lang, HomeworkMsg::YourLine), wrong_numpy(m), t(lang, HomeworkMsg::RightLine), right_numpy(m));
            }
        }
        let _ = writeln!(out, "{}:\n\n```\n{}\n```", t(lang, HomeworkMsg::CorrectValues), matrix(&j.expected));
    }
    out
}

/// Rows of numbers at full precision, numpy's layout (a vector on one line).
fn matrix(m: &DMatrix<f64>) -> String {
    let row = |values: Vec<f64>| format!("[{}]", values.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(", "));
    if m.ncols() == 1 {
        return row(m.iter().copied().collect());
    }
    let rows: Vec<String> = m.row_iter().map(|r| row(r.iter().copied().collect())).collect();
    format!("[{}]", rows.join(",\n "))
}
