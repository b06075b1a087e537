//! The run document parses as JSON (serde_json, an independent reader), carries every setting
//! under the link's key and every epoch's numbers bit for bit.

use super::*;
use mlp::{DatasetKind, FeatureSet};
use serde_json::Value;

fn stats(loss: f64, error: f64) -> SetStats {
    // objective = loss + penalty; any penalty will do for the document.
    SetStats { loss, objective: loss + 0.01, error }
}

fn history() -> Vec<EpochRecord> {
    vec![
        EpochRecord { epoch: 0, train: stats(0.1 + 0.2, 0.5), valid: Some(stats(0.7, 0.55)), test: None, dead_units: 0, weights: mlp::WeightStats::default() },
        EpochRecord { epoch: 1, train: stats(1e-7, 0.0), valid: Some(stats(f64::NAN, 1.0)), test: Some(stats(0.25, 0.125)), dead_units: 3, weights: mlp::WeightStats::default() },
    ]
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

#[test]
fn the_document_has_its_format_settings_and_history() {
    let settings = Settings { dataset: DatasetKind::Spirals, penalty: mlp::Penalty::weight_decay(1e-4), ..Settings::default() };
    let doc = parse(&run_json(&settings, &history(), &[]));
    assert_eq!(doc["format"], "backprop-lab-run/2");
    assert_eq!(doc["runs"], serde_json::json!([]), "no pinned run");
    let s = &doc["settings"];
    let keys: Vec<&str> = s.as_object().expect("an object").keys().map(String::as_str).collect();
    let mut expected = ["data", "n", "noise", "seed", "m", "features", "dh", "lambda", "eta", "train", "valid", "k", "init", "rule", "speed"];
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sorted, expected, "every setting, under the key the URL uses");
    assert_eq!(s["data"], "spirals");
    assert_eq!(s["rule"], "sgd", "a word, as in the link");
    assert_eq!(s["features"], "x1,x2");
    assert_eq!((s["n"].as_u64(), s["dh"].as_u64(), s["k"].as_u64()), (Some(200), Some(8), Some(10)));
    assert_eq!((s["lambda"].as_f64(), s["eta"].as_f64(), s["train"].as_f64()), (Some(1e-4), Some(0.1), Some(0.7)));
    assert_eq!((s["seed"].as_u64(), s["init"].as_u64(), s["speed"].as_str()), (Some(1), Some(0), Some("teach")));
}

#[test]
fn epochs_keep_their_numbers_exactly_and_empty_sets_are_null() {
    let doc = parse(&run_json(&Settings::default(), &history(), &[]));
    let epochs = doc["history"].as_array().expect("an array");
    assert_eq!(epochs.len(), 2);
    let first = &epochs[0];
    assert_eq!(first["epoch"], 0);
    // 0.1 + 0.2 = 0.30000000000000004: every digit is needed to get the same f64 back.
    assert_eq!(first["train"]["loss"].as_f64(), Some(0.1 + 0.2), "shortest round-trip form");
    assert_eq!(first["train"]["objective"].as_f64(), Some(0.1 + 0.2 + 0.01));
    assert_eq!(first["valid"]["error"].as_f64(), Some(0.55));
    assert!(first["test"].is_null(), "no test set");
    let second = &epochs[1];
    assert_eq!(second["train"]["loss"].as_f64(), Some(1e-7));
    assert!(second["valid"]["loss"].is_null(), "NaN has no JSON form");
    assert_eq!(second["test"]["error"].as_f64(), Some(0.125), "errors are fractions, not percentages");
    assert_eq!(second["dead_units"], 3);
}

#[test]
fn an_empty_history_is_an_empty_array() {
    let doc = parse(&run_json(&Settings::default(), &[], &[]));
    assert_eq!(doc["history"].as_array().map(Vec::len), Some(0));
}

#[test]
fn strings_are_escaped() {
    let nasty = "a\"b\\c\nd\u{1}é";
    let parsed: String = serde_json::from_str(&json_string(nasty)).expect("a JSON string");
    assert_eq!(parsed, nasty);
}

#[test]
fn only_json_numbers_pass_through_from_link_text() {
    for ok in ["0", "200", "-1.5", "1e-7", "2.5E+3", "0.001"] {
        assert_eq!(json_raw_number(ok), ok);
    }
    assert_eq!(json_raw_number("+1"), "1.0", "re-written in JSON form");
    assert_eq!(json_raw_number(".5"), "0.5");
    assert_eq!(json_raw_number("007"), "7.0");
    assert_eq!(json_raw_number("inf"), "null");
    assert_eq!(json_raw_number("moons"), "null");
}

#[test]
fn features_are_written_as_the_link_writes_them() {
    let features = FeatureSet::parse_keys("x1,x2,x1x2").expect("known keys");
    let doc = parse(&run_json(&Settings { features, ..Settings::default() }, &[], &[]));
    assert_eq!(doc["settings"]["features"], "x1,x2,x1x2");
}

#[test]
fn pinned_runs_come_with_their_settings_and_histories() {
    use crate::pins::{Origin, Pin, PinRun, PinSpec};
    let params = crate::data::initial_params(Settings::default().shape().expect("shape"), 1, 0);
    let spec = |eta| PinSpec { settings: Settings { eta, ..Settings::default() }, mistakes: mlp::Mistakes::NONE, examples: 280 };
    let pins = [
        Pin { letter: 'A', spec: spec(0.5), origin: Origin::Settings, run: PinRun::Ready { history: history(), params } },
        Pin { letter: 'C', spec: spec(0.05), origin: Origin::EditedSettings, run: PinRun::Failed },
    ];
    let doc = parse(&run_json(&Settings::default(), &history(), &pins));
    let runs = doc["runs"].as_array().expect("an array");
    assert_eq!(runs.len(), 2);
    assert_eq!((runs[0]["pin"].as_str(), runs[0]["settings"]["eta"].as_f64()), (Some("A"), Some(0.5)));
    assert_eq!((runs[0]["examples"].as_u64(), runs[0]["in_link"].as_bool(), runs[0]["mistakes"].as_str()), (Some(280), Some(true), Some("")));
    assert_eq!(runs[0]["history"], doc["history"], "the same records, written the same way");
    assert_eq!((runs[1]["pin"].as_str(), runs[1]["in_link"].as_bool()), (Some("C"), Some(false)));
    assert_eq!(runs[1]["history"], serde_json::json!([]));
}
