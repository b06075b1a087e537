//! Bad cases: each kind of problem gives its own [`CaseError`] variant, with a message naming the
//! field, row and column; and no text, random or a mutated valid case, makes the parser panic.

use mlp::case::{CaseError, Expected, JsonType, Place};
use mlp::parse_case;
use proptest::prelude::*;
use serde_json::{json, Value};

mod fixture;

use fixture::{finite, valid_input};

/// The error for `valid_input()` changed by `edit`.
fn error_after(edit: impl FnOnce(&mut Value)) -> CaseError {
    let mut v = valid_input();
    edit(&mut v);
    parse_case(&v.to_string()).unwrap_err()
}

fn remove(v: &mut Value, key: &str) {
    v.as_object_mut().unwrap().remove(key);
}

#[test]
fn malformed_json_gives_line_and_column() {
    let err = parse_case("{\n  \"x\": [1, 2,,]\n}").unwrap_err();
    let CaseError::Json {
        line,
        column,
        problem,
    } = err
    else {
        panic!("{err:?}")
    };
    assert_eq!((line, column), (2, 14)); // the second comma
    assert_eq!(problem, mlp::json::Syntax::ExpectedValue);
    assert!(
        err.to_string()
            .starts_with("invalid JSON at line 2, column 14: "),
        "{err}"
    );
    assert!(matches!(
        parse_case(""),
        Err(CaseError::Json { line: 1, .. })
    ));
    let err = parse_case("{\"lambda\": 1e400}").unwrap_err();
    assert_eq!(
        err,
        CaseError::NumberOutOfRange {
            line: 1,
            column: 16
        }
    );
    assert!(err.to_string().contains("number out of range"));
}

#[test]
fn missing_fields_and_wrong_types_name_the_place() {
    let err = error_after(|v| remove(&mut v["params"], "b2"));
    assert_eq!(err, CaseError::Missing { field: "params.b2" });
    assert_eq!(err.to_string(), "missing field params.b2");
    assert_eq!(
        error_after(|v| remove(v, "lambda")),
        CaseError::Missing { field: "lambda" }
    );

    let err = error_after(|v| v["x"] = json!("1, 2"));
    let place = Place {
        field: "x",
        row: None,
        col: None,
    };
    let want = CaseError::WrongType {
        place,
        expected: Expected::Numbers,
        found: JsonType::String,
    };
    assert_eq!(err, want);
    assert_eq!(
        err.to_string(),
        "x must be an array of numbers, found a string"
    );

    let err = error_after(|v| v["params"]["W1"][1][0] = json!(null));
    assert_eq!(
        err.to_string(),
        "params.W1[1][0] must be a number, found null"
    );
    let err = error_after(|v| v["params"]["W2"][1] = json!(3));
    assert_eq!(
        err.to_string(),
        "params.W2[1] must be an array of numbers, found a number"
    );
    let err = error_after(|v| v["params"]["W2"] = json!([1, 2]));
    assert_eq!(
        err.to_string(),
        "params.W2[0] must be an array of numbers, found a number"
    );
    let err = error_after(|v| v["params"] = json!([]));
    assert_eq!(err.to_string(), "params must be an object, found an array");
    let err = error_after(|v| v["y"] = json!("0"));
    assert_eq!(err.to_string(), "y must be a whole number, found a string");
    assert_eq!(
        parse_case("[1]").unwrap_err().to_string(),
        "the case must be an object, found an array"
    );
}

#[test]
fn sizes_that_disagree_name_the_array_and_the_size() {
    // valid_input(): d = 2, d_h = 3, m = 2
    let err = error_after(|v| v["params"]["W2"][1] = json!([1.0, 2.0]));
    let want = CaseError::RowLength {
        field: "params.W2",
        row: 1,
        expected: 3,
        found: 2,
        dim: "d_h",
    };
    assert_eq!(err, want);
    assert_eq!(
        err.to_string(),
        "params.W2 row 1 has 2 values, expected d_h = 3"
    );
    let err = error_after(|v| v["x"] = json!([1.0, 2.0, 3.0]));
    assert_eq!(err.to_string(), "x has 3 values, expected d = 2");
    let err = error_after(|v| v["params"]["b1"] = json!([0.0]));
    assert_eq!(err.to_string(), "params.b1 has 1 values, expected d_h = 3");
    let err = error_after(|v| v["params"]["W1"][2] = json!([1.0]));
    assert_eq!(
        err.to_string(),
        "params.W1 row 2 has 1 values, expected d = 2"
    );

    let err = error_after(|v| v["d"] = json!(3));
    assert_eq!(
        err,
        CaseError::DeclaredMismatch {
            field: "d",
            declared: 3,
            actual: 2
        }
    );
    assert_eq!(
        err.to_string(),
        "the case declares d = 3, but params.W1 row 0 has 2 values"
    );
    let err = error_after(|v| v["d_h"] = json!(2));
    assert_eq!(
        err.to_string(),
        "the case declares d_h = 2, but params.W1 has 3 rows"
    );
    let err = error_after(|v| v["m"] = json!(3));
    assert_eq!(
        err.to_string(),
        "the case declares m = 3, but params.W2 has 2 rows"
    );
}

#[test]
fn sizes_too_small() {
    let too_small = |field, found, min, declared| CaseError::TooSmall {
        field,
        found,
        min,
        declared,
    };
    assert_eq!(
        error_after(|v| v["d"] = json!(0)),
        too_small("d", 0, 1, true)
    );
    assert_eq!(
        error_after(|v| v["d_h"] = json!(0)),
        too_small("d_h", 0, 1, true)
    );
    let err = error_after(|v| v["m"] = json!(1));
    assert_eq!(err, too_small("m", 1, 2, true));
    assert!(
        err.to_string().starts_with("m = 1; m must be at least 2"),
        "{err}"
    );
    // counted in the arrays when not declared
    let err = error_after(|v| {
        remove(v, "m");
        v["params"]["W2"] = json!([[1.0, 2.0, 3.0]]);
    });
    assert_eq!(err, too_small("m", 1, 2, false));
    assert!(
        err.to_string()
            .starts_with("params.W2 has 1 rows, so m = 1;"),
        "{err}"
    );
    let err = error_after(|v| {
        remove(v, "d_h");
        v["params"]["W1"] = json!([]);
    });
    assert_eq!(err, too_small("d_h", 0, 1, false));
}

#[test]
fn bad_labels_and_lambdas() {
    let err = error_after(|v| v["y"] = json!(3));
    assert_eq!(err, CaseError::LabelOutOfRange { y: 3, m: 2 });
    assert_eq!(err.to_string(), "y = 3, but classes are 0..m−1 = 0..1");
    let err = error_after(|v| v["y"] = json!(-1));
    assert_eq!(
        err,
        CaseError::NotWhole {
            field: "y",
            found: -1.0
        }
    );
    assert!(err.to_string().contains("negative"), "{err}");
    let err = error_after(|v| v["y"] = json!(0.5));
    assert_eq!(
        err.to_string(),
        "y = 0.5 is not a whole number; it must be 0, 1, 2, …"
    );
    let err = error_after(|v| v["y"] = json!(1e30));
    assert!(
        matches!(err, CaseError::LabelOutOfRange { m: 2, .. }),
        "{err:?}"
    );
    let err = error_after(|v| v["d"] = json!(1.5));
    assert_eq!(
        err,
        CaseError::NotWhole {
            field: "d",
            found: 1.5
        }
    );

    let err = error_after(|v| v["lambda"] = json!(-0.1));
    assert_eq!(err, CaseError::Penalty { key: "lambda", found: -0.1 });
    assert!(
        err.to_string().starts_with("lambda = -0.1 is negative"),
        "{err}"
    );
    let err = error_after(|v| v["l21"] = json!(-2));
    assert_eq!(err, CaseError::Penalty { key: "l21", found: -2.0 });
    // without `lambda`, one of the four coefficients is enough; none at all is missing `lambda`
    let mut v = valid_input();
    remove(&mut v, "lambda");
    v["l11"] = json!(0.5);
    let case = parse_case(&v.to_string()).unwrap();
    assert_eq!((case.penalty.w1.l1, case.penalty.w1.l2, case.penalty.w2.l2), (0.5, 0.0, 0.0));
    let err = error_after(|v| v["lambda"] = json!(true));
    assert_eq!(err.to_string(), "lambda must be a number, found a boolean");
}

/// A random JSON value, nested a little.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        finite().prop_map(Value::from),
        (-3i64..5).prop_map(Value::from),
        "[a-z0-9 ]{0,6}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::vec(("[a-zA-Z_12]{1,3}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Every node of `v` as a JSON pointer ("" for the root).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out)),
        Value::Object(o) => o
            .iter()
            .for_each(|(k, x)| pointers(x, format!("{at}/{k}"), out)),
        _ => {}
    }
    out.push(at);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}", json_ish in "[\\[\\]{}\",:0-9.eE+-a-z ]{0,200}") {
        let _ = parse_case(&text);
        let _ = parse_case(&json_ish);
    }

    #[test]
    fn mutated_cases_never_panic(
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
        delete in any::<bool>(),
        cut in any::<prop::sample::Index>(),
        len in 0..20usize,
        insert in "\\PC{0,5}",
    ) {
        // A node replaced by (or emptied to) random JSON, or a key deleted.
        let mut v = valid_input();
        let mut all = Vec::new();
        pointers(&v, String::new(), &mut all);
        let at = pick.get(&all).clone();
        if delete && !at.is_empty() {
            let (parent, key) = at.rsplit_once('/').unwrap();
            if let Some(Value::Object(o)) = v.pointer_mut(parent) {
                o.remove(key);
            }
        } else if let Some(node) = v.pointer_mut(&at) {
            *node = replacement;
        }
        let result = parse_case(&v.to_string());
        if let Err(e) = &result {
            prop_assert!(!e.to_string().is_empty());
        }
        // Text cut and spliced anywhere (on a char boundary).
        let text = serde_json::to_string_pretty(&valid_input()).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let start = cut.index(chars.len());
        let end = (start + len).min(chars.len());
        let spliced: String = chars[..start].iter().chain(insert.chars().collect::<Vec<_>>().iter())
            .chain(&chars[end..]).collect();
        let _ = parse_case(&spliced);
    }
}
