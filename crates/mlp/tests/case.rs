//! A worked case as JSON: every reference case parses (extra keys ignored) and exports its
//! reference values; export then parse gives back the same bits. Bad input: `case_errors.rs`.

use mlp::{export_case, export_params, parse_case, parse_params, Case, CaseError, Coefficient, Mistake, Mistakes, Params, Penalty};
use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;
use serde_json::{json, Value};

mod fixture;

use fixture::{finite, json_cases, valid_input};

/// `got` and `want` agree: same structure, numbers within 1e-9 relative (+1e-12 absolute).
fn assert_close(got: &Value, want: &Value, path: &str) {
    match (got, want) {
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap(), w.as_f64().unwrap());
            let close = (g - w).abs() <= 1e-9 * g.abs().max(w.abs()) + 1e-12;
            assert!(close, "{path}: {g:e} vs {w:e}");
        }
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "{path}: length");
            for (i, (g, w)) in g.iter().zip(w).enumerate() {
                assert_close(g, w, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(g), Value::Object(w)) => {
            for (key, w) in w {
                let g = g.get(key).unwrap_or_else(|| panic!("{path}.{key} missing"));
                assert_close(g, w, &format!("{path}.{key}"));
            }
        }
        _ => panic!("{path}: {got} vs {want}"),
    }
}

#[test]
fn every_reference_case_parses_and_exports_its_reference_values() {
    for entry in json_cases() {
        // The whole entry, with its extra keys (seed, note, forward, …), is accepted.
        let case = parse_case(&entry.to_string()).unwrap_or_else(|e| panic!("{entry}: {e}"));
        assert_eq!(case.y as u64, entry["y"].as_u64().unwrap());
        // `lambda` sets λ₁₂ = λ₂₂, the four keys (the full penalty's cases) set their own
        let mut expected = Penalty::weight_decay(entry["lambda"].as_f64().unwrap_or(0.0));
        for c in Coefficient::ALL {
            if let Some(v) = entry[c.key()].as_f64() {
                expected.set(c, v);
            }
        }
        assert_eq!(case.penalty, expected);
        assert_eq!(case.x[0], entry["x"][0].as_f64().unwrap());
        assert_eq!(
            case.params.w2[(1, 0)],
            entry["params"]["W2"][1][0].as_f64().unwrap()
        );

        let exported: Value = serde_json::from_str(&export_case(&case, Mistakes::NONE).unwrap())
            .expect("the export is valid JSON");
        let seed = &entry["seed"];
        for key in ["d", "d_h", "m", "y", "params", "x"] {
            assert_eq!(exported[key], entry[key], "case {seed}: {key}");
        }
        // a weight decay is written `lambda`, any other penalty as its four coefficients
        match expected.as_weight_decay() {
            Some(lambda) => assert_eq!(exported["lambda"], json!(lambda), "case {seed}"),
            None => {
                assert!(exported.get("lambda").is_none(), "case {seed}");
                for c in Coefficient::ALL {
                    assert_eq!(exported[c.key()], json!(expected.get(c)), "case {seed}: {}", c.key());
                }
            }
        }
        for key in ["forward", "gradients", "regularized_gradients"] {
            assert_close(&exported[key], &entry[key], &format!("case {seed}: {key}"));
        }
        assert!(exported.get("mistakes").is_none());
    }
}

#[test]
fn sizes_may_be_omitted_and_whole_numbers_written_as_floats() {
    let mut v = valid_input();
    let full = parse_case(&v.to_string()).unwrap();
    for key in ["d", "d_h", "m"] {
        v.as_object_mut().unwrap().remove(key);
    }
    assert_eq!(parse_case(&v.to_string()).unwrap(), full);
    v["y"] = json!(0.0);
    v["m"] = json!(2.0);
    assert_eq!(parse_case(&v.to_string()).unwrap(), full);
}

#[test]
fn export_with_mistakes_lists_them_and_writes_non_finite_values_as_null() {
    let mut entry = json_cases().swap_remove(6); // logits in the hundreds
    for v in entry["params"]["W2"].as_array_mut().unwrap() {
        for w in v.as_array_mut().unwrap() {
            *w = json!(w.as_f64().unwrap() * 4.0); // the largest logit passes 709: e^o_a = ∞
        }
    }
    let case = parse_case(&entry.to_string()).unwrap();
    let mistakes = Mistakes::from(Mistake::UnshiftedSoftmax).with(Mistake::ElementwiseOuter, true);
    let text = export_case(&case, mistakes).unwrap();
    let exported: Value = serde_json::from_str(&text).expect("valid JSON despite NaN and ∞");
    assert_eq!(exported["mistakes"], json!(["outer", "softmax"]));
    assert!(exported["forward"]["o_s"]
        .as_array()
        .unwrap()
        .contains(&Value::Null));
    assert_eq!(exported["forward"]["loss"], Value::Null); // −ln 0 = ∞
    assert!(exported["params"]["W1"][0][0].is_number());
    // Without the softmax mistake the same network exports finite values only.
    let right = export_case(&case, Mistake::ElementwiseOuter.into()).unwrap();
    assert!(!right.contains("null"));
    // Fields that do not fit together are an error, not a panic.
    let bad = Case {
        y: 7,
        ..case.clone()
    };
    assert!(export_case(&bad, Mistakes::NONE).is_err());
}

fn bits(case: &Case) -> Vec<u64> {
    let p = &case.params;
    let all = [
        p.w1.as_slice(),
        p.b1.as_slice(),
        p.w2.as_slice(),
        p.b2.as_slice(),
    ];
    let mut bits: Vec<u64> = all
        .iter()
        .flat_map(|s| s.iter().map(|v| v.to_bits()))
        .collect();
    bits.extend(case.x.iter().map(|v| v.to_bits()));
    bits.extend(Coefficient::ALL.map(|c| case.penalty.get(c).to_bits()));
    bits.push(case.y as u64);
    bits
}

#[test]
fn every_reference_case_round_trips_bit_for_bit() {
    for entry in json_cases() {
        let case = parse_case(&entry.to_string()).unwrap();
        let again = parse_case(&export_case(&case, Mistakes::NONE).unwrap()).unwrap();
        assert_eq!(bits(&again), bits(&case));
    }
}

fn any_case() -> impl Strategy<Value = Case> {
    (1..=4usize, 1..=4usize, 2..=4usize).prop_flat_map(|(d, d_h, m)| {
        let v = |n: usize| proptest::collection::vec(finite(), n);
        // a weight decay (written `lambda`) or four coefficients (written `l11` … `l22`)
        let penalty = prop_oneof![
            finite().prop_map(|l| Penalty::weight_decay(l.abs())),
            proptest::array::uniform4(finite()).prop_map(|l| {
                let mut p = Penalty::NONE;
                for (c, v) in Coefficient::ALL.into_iter().zip(l) {
                    p.set(c, v.abs());
                }
                p
            }),
        ];
        (v(d_h * d), v(d_h), v(m * d_h), v(m), v(d), 0..m, penalty).prop_map(
            move |(w1, b1, w2, b2, x, y, penalty)| Case {
                params: Params {
                    w1: DMatrix::from_vec(d_h, d, w1),
                    b1: DVector::from_vec(b1),
                    w2: DMatrix::from_vec(m, d_h, w2),
                    b2: DVector::from_vec(b2),
                },
                x: DVector::from_vec(x),
                y,
                penalty,
            },
        )
    })
}

proptest! {
    #[test]
    fn export_then_parse_gives_back_the_same_bits(case in any_case()) {
        let text = export_case(&case, Mistakes::NONE).unwrap();
        prop_assert!(serde_json::from_str::<Value>(&text).is_ok());
        let again = parse_case(&text).unwrap();
        prop_assert_eq!(bits(&again), bits(&case));
        // The weights alone: from the whole case, and from their own file.
        prop_assert_eq!(bits(&Case { params: parse_params(&text).unwrap(), ..case.clone() }), bits(&case));
        let weights = export_params(&case.params);
        let keys: Vec<String> = serde_json::from_str::<Value>(&weights).unwrap().as_object().unwrap().keys().cloned().collect();
        prop_assert_eq!(keys, ["d", "d_h", "m", "params"]);
        prop_assert_eq!(bits(&Case { params: parse_params(&weights).unwrap(), ..case }), bits(&again));
    }
}

#[test]
fn weights_are_checked_like_a_case_s() {
    let ok = r#"{"d": 1, "params": {"W1": [[1], [2]], "b1": [0, 0], "W2": [[1, 2], [3, 4]], "b2": [0, 1]}}"#;
    assert_eq!(parse_params(ok).unwrap().shape(), mlp::Shape { d: 1, d_h: 2, m: 2 });
    let wrong_d = ok.replace(r#""d": 1"#, r#""d": 3"#);
    assert!(parse_params(&wrong_d).unwrap_err().to_string().contains("d"), "{:?}", parse_params(&wrong_d));
    let ragged = ok.replace("[[1, 2], [3, 4]]", "[[1, 2], [3]]");
    assert!(parse_params(&ragged).is_err());
    assert!(matches!(parse_params(r#"{"lambda": 0}"#), Err(CaseError::Missing { field: "params" })));
    assert!(parse_params("not json").is_err());
}
