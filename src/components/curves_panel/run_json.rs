//! A training run as a JSON document (format [`FORMAT`]): the settings, with the keys and
//! values a link carries, one entry per epoch of the history, and the pinned runs beside it.
//!
//! ```text
//! { "format": "backprop-lab-run/2",
//!   "settings": { "data": "moons", "n": 200, …, "speed": "teach" },
//!   "history": [ { "epoch": 0, "train": { "loss": …, "objective": …, "error": … },
//!                  "valid": { … } | null, "test": { … } | null, "dead_units": 0 }, … ],
//!   "runs": [ { "pin": "A", "settings": { … }, "mistakes": "", "examples": 2800,
//!               "in_link": true, "history": [ … ] }, … ] }
//! ```
//!
//! Format 1 had no `runs`; a reader of format 2 reads a format 1 document as one with no pinned
//! runs (the page exports runs and loads none).
//!
//! After a divergence the last record is the network as it diverged, labelled with the epoch it
//! interrupted (its losses may be huge, or null when not finite).
//!
//! Losses and objectives are means over their set; errors are fractions in [0, 1]. Numbers are
//! written in Rust's shortest round-trip form, so reading them back gives the same bits; a
//! value that is not finite (JSON has no NaN) is written `null`.
//!
//! The document is written here line by line, with the math crate's JSON numbers and strings
//! ([`mlp::json`]); the tests parse it with serde_json, an independent reader.

use crate::pins::Pin;
use crate::settings::Settings;
use crate::url_state::{settings_to_pairs, DATA, FEATURES};
use mlp::{json, EpochRecord, SetStats};

/// The value of the document's `format` field; a change of layout gets a new number.
pub const FORMAT: &str = "backprop-lab-run/2";

/// The JSON document of a run: `settings` as the page's link writes them, `history`, and the
/// pinned runs `pins`. One epoch per line, so a long run stays readable and diffs well.
pub fn run_json(settings: &Settings, history: &[EpochRecord], pins: &[Pin]) -> String {
    let records: usize = history.len() + pins.iter().map(|p| p.history().len()).sum::<usize>();
    let mut out = String::with_capacity(512 + 200 * records);
    out.push_str("{\n  \"format\": ");
    out.push_str(&json_string(FORMAT));
    out.push_str(",\n  \"settings\": ");
    out.push_str(&settings_json(settings));
    out.push_str(",\n  \"history\": ");
    push_history(&mut out, history, "  ");
    out.push_str(",\n  \"runs\": [");
    for (i, pin) in pins.iter().enumerate() {
        out.push_str(if i == 0 { "\n    {" } else { ",\n    {" });
        out.push_str(&format!(
            "\"pin\": {}, \"settings\": {}, \"mistakes\": {}, \"examples\": {}, \"in_link\": {},\n      \"history\": ",
            json_string(&pin.letter.to_string()),
            settings_json(&pin.spec.settings),
            json_string(&pin.spec.mistakes.to_keys()),
            pin.spec.examples,
            pin.in_link()
        ));
        push_history(&mut out, pin.history(), "      ");
        out.push('}');
    }
    out.push_str(if pins.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
    out
}

/// A history as a JSON array, one record a line, indented by `indent` (its closing bracket's).
fn push_history(out: &mut String, history: &[EpochRecord], indent: &str) {
    out.push('[');
    for (i, record) in history.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(indent);
        out.push_str("  ");
        out.push_str(&record_json(record));
    }
    if !history.is_empty() {
        out.push('\n');
        out.push_str(indent);
    }
    out.push(']');
}

/// The settings as one JSON object, in the link's order and with its keys: the data set, the
/// features and the teaching pace (`"speed": "teach"`) are strings, every other value a number.
fn settings_json(settings: &Settings) -> String {
    let fields: Vec<String> = settings_to_pairs(settings)
        .into_iter()
        .map(|(key, value)| {
            let text = key == DATA || key == FEATURES || value.parse::<f64>().is_err();
            let value = if text { json_string(&value) } else { json_raw_number(&value) };
            format!("{}: {value}", json_string(key))
        })
        .collect();
    format!("{{{}}}", fields.join(", "))
}

/// One epoch's record.
fn record_json(record: &EpochRecord) -> String {
    format!(
        "{{\"epoch\": {}, \"train\": {}, \"valid\": {}, \"test\": {}, \"dead_units\": {}}}",
        record.epoch,
        stats_json(Some(&record.train)),
        stats_json(record.valid.as_ref()),
        stats_json(record.test.as_ref()),
        record.dead_units
    )
}

/// One set's statistics, or `null` for an empty set.
fn stats_json(stats: Option<&SetStats>) -> String {
    match stats {
        Some(s) => format!(
            "{{\"loss\": {}, \"objective\": {}, \"error\": {}}}",
            json_number(s.loss),
            json_number(s.objective),
            json_number(s.error)
        ),
        None => "null".to_owned(),
    }
}

/// A finite number in its shortest round-trip form; `null` otherwise.
fn json_number(value: f64) -> String {
    let mut out = String::new();
    json::push_number(&mut out, value);
    out
}

/// A number already written as text (by the link), kept when it is a finite number, `null`
/// otherwise: a link's text is never pasted into the document unchecked.
fn json_raw_number(text: &str) -> String {
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && is_json_number(text) => text.to_owned(),
        Ok(value) => json_number(value),
        Err(_) => "null".to_owned(),
    }
}

/// Whether `text` is a JSON number and nothing else (JSON's grammar is stricter than Rust's
/// parser: no leading `+`, no `.5`, no `5.`, no leading zeros).
fn is_json_number(text: &str) -> bool {
    text.trim() == text && matches!(json::parse(text), Ok(json::Value::Number(_)))
}

/// `text` as a JSON string: quotes, backslashes and control characters escaped.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    json::push_string(&mut out, text);
    out
}

#[cfg(test)]
mod tests;
