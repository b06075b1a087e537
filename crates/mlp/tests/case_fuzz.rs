//! Fuzzing the case parser ("the page never dies", issue 10): [`parse_case`] reads whatever a
//! student pastes or a link carries, so on any text and any JSON value it must return a case or
//! a [`CaseError`], never panic; and a case it accepts must be one the maths can walk.
//!
//! Beside the mutations of one fixed case in `case_errors.rs`, this file draws cases of random
//! shapes and compares acceptance with an independent reading of the format ([`oracle`]), applies
//! each kind of single mistake to random valid cases, and tries the pathological inputs (5000-deep
//! nesting, huge sizes, 5000-character texts).

use mlp::{backward_with, export_case, forward_with, parse_case, Case, CaseError, Mistake, Mistakes};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// The keys of a case, and a few others, so random objects often hit the real fields.
const KEYS: [&str; 16] = ["d", "d_h", "m", "lambda", "l11", "l22", "params", "x", "y", "W1", "b1", "W2", "b2", "forward", "", "é"];

/// A JSON number as a student, a spreadsheet or a fuzzer might write it: small integers, any
/// i64/u64 (beyond 2^53 too), fractions, negatives, ±1e300, subnormals and -0.
fn any_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        (-3i64..10).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-10.0..10.0f64).prop_map(Value::from),
        prop::sample::select(vec![
            0.0,
            -0.0,
            0.5,
            2.0,
            -1.5,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN,
            5e-324,
            9_007_199_254_740_993.0,
            1.8446744073709552e19,
        ])
        .prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
    ]
}

/// A random JSON value of every type, nested a little, with the case's keys in its objects.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any_number(),
        "\\PC{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
            prop::collection::vec((prop::sample::select(KEYS.to_vec()), inner), 0..5)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

/// `rows` rows of `cols` numbers.
fn matrix(rows: usize, cols: usize) -> impl Strategy<Value = Value> {
    prop::collection::vec(prop::collection::vec(any_number(), cols), rows)
        .prop_map(|rows| Value::Array(rows.into_iter().map(Value::Array).collect()))
}

/// What a field of a case may hold in a random case: random JSON, numbers, rows of numbers
/// (often ragged), or a whole number.
fn shaped_field() -> impl Strategy<Value = Value> {
    prop_oneof![
        any_json(),
        prop::collection::vec(any_number(), 0..5).prop_map(Value::Array),
        (0..5usize, 0..5usize).prop_flat_map(|(r, c)| matrix(r, c)),
        prop::collection::vec(prop::collection::vec(any_number(), 0..4).prop_map(Value::Array), 0..4)
            .prop_map(Value::Array),
        (0u64..6).prop_map(Value::from),
    ]
}

/// An object with each of `keys` present (with a value from `field`) or absent.
fn object_of(keys: &'static [&'static str], field: BoxedStrategy<Value>) -> impl Strategy<Value = Value> {
    prop::collection::vec(prop::option::weighted(0.85, field), keys.len()).prop_map(move |values| {
        let map: Map<String, Value> =
            keys.iter().zip(values).filter_map(|(k, v)| v.map(|v| ((*k).to_owned(), v))).collect();
        Value::Object(map)
    })
}

/// A JSON object with the case's keys present with random shapes and types, `params` usually an
/// object with `W1`, `b1`, `W2`, `b2` of random shapes.
fn case_like() -> impl Strategy<Value = Value> {
    let params = prop_oneof![
        4 => object_of(&["W1", "b1", "W2", "b2"], shaped_field().boxed()),
        1 => any_json(),
    ];
    (object_of(&["d", "d_h", "m", "lambda", "l11", "l21", "x", "y"], shaped_field().boxed()), prop::option::weighted(0.9, params))
        .prop_map(|(mut root, params)| {
            if let (Value::Object(o), Some(p)) = (&mut root, params) {
                o.insert("params".into(), p);
            }
            root
        })
}

/// A valid case of a random shape (d, d_h ≤ 5, 2 ≤ m ≤ 5), with `d`, `d_h`, `m` each declared
/// or not, as JSON.
fn valid_case() -> impl Strategy<Value = Value> {
    (1..=5usize, 1..=5usize, 2..=5usize)
        .prop_flat_map(|(d, d_h, m)| {
            let vector = |n| prop::collection::vec(any_number(), n).prop_map(Value::Array);
            (
                (matrix(d_h, d), vector(d_h), matrix(m, d_h), vector(m)),
                vector(d),
                0..m,
                prop_oneof![(0.0..10.0f64).prop_map(Value::from), Just(Value::from(0)), Just(Value::from(1e300))],
                any::<[bool; 3]>(),
                Just((d, d_h, m)),
            )
        })
        .prop_map(|((w1, b1, w2, b2), x, y, lambda, declare, (d, d_h, m))| {
            let mut o = Map::new();
            for ((key, size), on) in [("d", d), ("d_h", d_h), ("m", m)].into_iter().zip(declare) {
                if on {
                    o.insert(key.into(), Value::from(size));
                }
            }
            let params: Map<String, Value> =
                [("W1", w1), ("b1", b1), ("W2", w2), ("b2", b2)].map(|(k, v)| (k.to_owned(), v)).into_iter().collect();
            o.insert("lambda".into(), lambda);
            o.insert("params".into(), Value::Object(params));
            o.insert("x".into(), x);
            o.insert("y".into(), Value::from(y));
            Value::Object(o)
        })
}

/// An independent reading of the format of the module docs of `mlp::case`: whether `v` is a
/// valid case. Written from the docs, not from the parser, so the two can disagree.
fn oracle(v: &Value) -> bool {
    let whole = |v: &Value| v.as_f64().filter(|f| *f >= 0.0 && f.fract() == 0.0);
    let numbers = |v: &Value| v.as_array()?.iter().map(Value::as_f64).collect::<Option<Vec<f64>>>();
    let rows = |v: &Value| v.as_array()?.iter().map(numbers).collect::<Option<Vec<Vec<f64>>>>();
    let read = || -> Option<bool> {
        let root = v.as_object()?;
        let mut declared = [None; 3];
        for (i, (key, min)) in [("d", 1.0), ("d_h", 1.0), ("m", 2.0)].into_iter().enumerate() {
            if let Some(value) = root.get(key) {
                declared[i] = Some(whole(value).filter(|&n| n >= min)?);
            }
        }
        // the penalty: at least one of the five keys, each a number ≥ 0
        let coefficients: Vec<&Value> = ["lambda", "l11", "l12", "l21", "l22"].iter().filter_map(|k| root.get(*k)).collect();
        let penalty_ok = !coefficients.is_empty()
            && coefficients.iter().map(|v| v.as_f64()).collect::<Option<Vec<f64>>>()?.iter().all(|&c| c >= 0.0);
        let params = root.get("params")?.as_object()?;
        let (w1, b1) = (rows(params.get("W1")?)?, numbers(params.get("b1")?)?);
        let (w2, b2) = (rows(params.get("W2")?)?, numbers(params.get("b2")?)?);
        let x = numbers(root.get("x")?)?;
        let y = whole(root.get("y")?)?;
        let (d_h, d, m) = (w1.len(), w1.first().map_or(0, Vec::len), w2.len());
        let sizes_agree = [d, d_h, m].iter().zip(declared).all(|(&n, declared)| declared.is_none_or(|k| k == n as f64));
        Some(
            penalty_ok
                && sizes_agree
                && d >= 1
                && d_h >= 1
                && m >= 2
                && w1.iter().all(|row| row.len() == d)
                && b1.len() == d_h
                && w2.iter().all(|row| row.len() == d_h)
                && b2.len() == m
                && x.len() == d
                && y < m as f64,
        )
    };
    read().unwrap_or(false)
}

/// The mistakes switched on by the bits of `bits`.
fn mistakes(bits: u16) -> Mistakes {
    Mistake::ALL.into_iter().enumerate().filter(|(i, _)| bits >> i & 1 == 1).map(|(_, m)| m).collect()
}

/// What every accepted case must be: consistent shapes (W1 d_h×d, b1 d_h, W2 m×d_h, b2 m, x d,
/// y < m, d ≥ 1, d_h ≥ 1, m ≥ 2, λ ≥ 0), the numbers of `json` in their places, and a case the
/// forward and backward passes and the export take, whatever mistakes are on.
fn check_accepted(case: &Case, json: &Value, bits: u16) -> Result<(), TestCaseError> {
    let (w1, b1, w2, b2) = (&case.params.w1, &case.params.b1, &case.params.w2, &case.params.b2);
    let (d, d_h, m) = (w1.ncols(), w1.nrows(), w2.nrows());
    prop_assert!(d >= 1 && d_h >= 1 && m >= 2, "{d} {d_h} {m}");
    prop_assert_eq!(b1.len(), d_h);
    prop_assert_eq!(w2.ncols(), d_h);
    prop_assert_eq!(b2.len(), m);
    prop_assert_eq!(case.x.len(), d);
    prop_assert!(case.y < m);
    prop_assert!(case.penalty.invalid().is_none());
    let p = &json["params"];
    let at = |v: &Value| v.as_f64().map(f64::to_bits);
    for j in 0..d_h {
        for k in 0..d {
            prop_assert_eq!(Some(w1[(j, k)].to_bits()), at(&p["W1"][j][k]), "W1[{}][{}]", j, k);
        }
    }
    for i in 0..m {
        for j in 0..d_h {
            prop_assert_eq!(Some(w2[(i, j)].to_bits()), at(&p["W2"][i][j]), "W2[{}][{}]", i, j);
        }
    }
    prop_assert!(b1.iter().enumerate().all(|(j, v)| Some(v.to_bits()) == at(&p["b1"][j])));
    prop_assert!(b2.iter().enumerate().all(|(i, v)| Some(v.to_bits()) == at(&p["b2"][i])));
    prop_assert!(case.x.iter().enumerate().all(|(k, v)| Some(v.to_bits()) == at(&json["x"][k])));
    let on = mistakes(bits);
    let fwd = forward_with(&case.params, &case.x, case.y, on);
    prop_assert!(fwd.is_ok(), "{:?}", fwd.err());
    if let Ok(fwd) = fwd {
        let _ = backward_with(&case.params, &fwd, &case.x, case.y, case.penalty, on);
    }
    let exported = export_case(case, on);
    prop_assert!(exported.is_ok(), "{:?}", exported.err());
    // The export (the page's "save" of a case), whatever it computed, reads back as the case.
    let back = parse_case(&exported.unwrap_or_default());
    prop_assert_eq!(back.as_ref(), Ok(case));
    Ok(())
}

/// The parser's verdict on `json`, and the same checks as the oracle's: a refusal has a message.
fn check(json: &Value, bits: u16) -> Result<(), TestCaseError> {
    let text = json.to_string();
    let result = parse_case(&text);
    prop_assert_eq!(result.is_ok(), oracle(json), "{} → {:?}", text, result);
    match &result {
        Ok(case) => check_accepted(case, json, bits)?,
        Err(e) => prop_assert!(!e.to_string().is_empty()),
    }
    Ok(())
}

/// Every node of `v` as a JSON pointer (`""` for the root).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| pointers(x, format!("{at}/{k}"), out)),
        _ => {}
    }
    out.push(at);
}

/// One mistake in an otherwise valid case, each of a kind a student makes.
#[derive(Clone, Copy, Debug)]
enum Mutation {
    /// A row of W1 one number longer.
    LongW1Row,
    /// A row of W2 one number shorter.
    ShortW2Row,
    /// y = m: the classes are numbered from 0.
    LabelIsM,
    /// y = −1.
    NegativeLabel,
    /// y = 0.5.
    FractionalLabel,
    /// d declared one more than W1's rows are long.
    DeclaredD,
    /// d_h declared huge (beyond u64 too).
    HugeDh(f64),
    /// m declared as 1.
    OneClass,
    /// λ < 0.
    NegativeLambda,
    /// x one number short.
    ShortX,
    /// b2 with one number too many.
    LongB2,
    /// A number written as a string.
    StringNumber,
}

/// `case` with `mutation` applied.
fn mutate(mut case: Value, mutation: Mutation) -> Value {
    let (d, d_h, m) = (case["x"].as_array().map_or(0, Vec::len), case["params"]["b1"].as_array().map_or(0, Vec::len), case["params"]["b2"].as_array().map_or(0, Vec::len));
    let push = |v: &mut Value| v.as_array_mut().into_iter().for_each(|a| a.push(Value::from(1.5)));
    let pop = |v: &mut Value| v.as_array_mut().into_iter().for_each(|a| drop(a.pop()));
    match mutation {
        Mutation::LongW1Row => push(&mut case["params"]["W1"][d_h - 1]),
        Mutation::ShortW2Row => pop(&mut case["params"]["W2"][m / 2]),
        Mutation::LabelIsM => case["y"] = Value::from(m),
        Mutation::NegativeLabel => case["y"] = Value::from(-1),
        Mutation::FractionalLabel => case["y"] = Value::from(0.5),
        Mutation::DeclaredD => case["d"] = Value::from(d + 1),
        Mutation::HugeDh(n) => case["d_h"] = Value::from(n),
        Mutation::OneClass => case["m"] = Value::from(1),
        Mutation::NegativeLambda => case["lambda"] = Value::from(-1e-3),
        Mutation::ShortX => pop(&mut case["x"]),
        Mutation::LongB2 => push(&mut case["params"]["b2"]),
        Mutation::StringNumber => case["params"]["b1"][0] = Value::from("0.5"),
    }
    case
}

/// Any [`Mutation`], huge d_h of several sizes.
fn any_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::LongW1Row),
        Just(Mutation::ShortW2Row),
        Just(Mutation::LabelIsM),
        Just(Mutation::NegativeLabel),
        Just(Mutation::FractionalLabel),
        Just(Mutation::DeclaredD),
        prop::sample::select(vec![1e6, 4_294_967_296.0, 1.8446744073709552e19, 1e300]).prop_map(Mutation::HugeDh),
        Just(Mutation::OneClass),
        Just(Mutation::NegativeLambda),
        Just(Mutation::ShortX),
        Just(Mutation::LongB2),
        Just(Mutation::StringNumber),
    ]
}

/// Whether `error` is the one `mutation` should cause (the first check the mutated field fails).
fn expected_error(mutation: Mutation, error: &CaseError) -> bool {
    use CaseError::*;
    match mutation {
        // With one row, that row gives d: then a declared d, or x, disagrees.
        Mutation::LongW1Row => {
            matches!(error, RowLength { field: "params.W1", .. } | DeclaredMismatch { field: "d", .. } | Length { field: "x", .. })
        }
        Mutation::ShortW2Row => matches!(error, RowLength { field: "params.W2", .. }),
        Mutation::LabelIsM | Mutation::NegativeLabel => matches!(error, LabelOutOfRange { .. } | NotWhole { field: "y", .. }),
        Mutation::FractionalLabel => matches!(error, NotWhole { field: "y", .. }),
        Mutation::DeclaredD => matches!(error, DeclaredMismatch { field: "d", .. }),
        Mutation::HugeDh(_) => matches!(error, DeclaredMismatch { field: "d_h", .. }),
        Mutation::OneClass => matches!(error, TooSmall { field: "m", declared: true, .. }),
        Mutation::NegativeLambda => matches!(error, Penalty { .. }),
        Mutation::ShortX => matches!(error, Length { field: "x", .. }),
        Mutation::LongB2 => matches!(error, Length { field: "params.b2", .. }),
        Mutation::StringNumber => matches!(error, WrongType { .. }),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any text at all, short or 5000 characters, JSON-like or not: a case or an error.
    #[test]
    fn any_text_gives_a_case_or_an_error(
        text in prop_oneof!["\\PC{0,300}", ".{0,300}", "[\\[\\]{}\",:0-9.eE+-]{0,300}", "\\PC{5000}"],
    ) {
        match parse_case(&text) {
            Ok(case) => prop_assert!(case.y < case.params.w2.nrows()),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    /// Any JSON value, and any object with the case's keys holding random shapes and types: the
    /// parser accepts exactly what the format allows, and what it accepts is consistent.
    #[test]
    fn random_json_is_read_as_the_format_says(json in prop_oneof![1 => any_json(), 3 => case_like()], bits in any::<u16>()) {
        check(&json, bits)?;
    }

    /// Valid cases of random shapes and values are accepted as they are.
    #[test]
    fn valid_cases_of_any_shape_are_accepted(json in valid_case(), bits in any::<u16>()) {
        prop_assert!(oracle(&json));
        check(&json, bits)?;
    }

    /// A valid case with one mistake a student makes is refused, with the error that names it.
    #[test]
    fn one_mistake_is_refused_with_its_error(json in valid_case(), mutation in any_mutation()) {
        let mutated = mutate(json, mutation);
        prop_assert!(!oracle(&mutated), "{:?}", mutation);
        let result = parse_case(&mutated.to_string());
        prop_assert!(matches!(&result, Err(e) if expected_error(mutation, e)), "{:?}: {:?}", mutation, result);
    }

    /// Near-valid cases: a valid one with one node (anywhere in it: a field, a row, a number)
    /// replaced by random JSON or removed; the verdict agrees with the oracle either way.
    #[test]
    fn a_replaced_or_removed_node_is_judged_like_the_format(
        json in valid_case(),
        pick in any::<prop::sample::Index>(),
        replacement in prop::option::weighted(0.8, any_json()),
        bits in any::<u16>(),
    ) {
        let mut json = json;
        let mut all = Vec::new();
        pointers(&json, String::new(), &mut all);
        let pointer = pick.get(&all).clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap_or_default();
        match (replacement, json.pointer_mut(parent)) {
            (Some(value), _) if pointer.is_empty() => json = value,
            (Some(value), Some(Value::Object(o))) => { o.insert(key.to_owned(), value); }
            (Some(value), Some(Value::Array(a))) => a[key.parse::<usize>().unwrap_or(0)] = value,
            (None, Some(Value::Object(o))) => { o.remove(key); }
            (None, Some(Value::Array(a))) => { a.remove(key.parse::<usize>().unwrap_or(0)); }
            _ => {}
        }
        check(&json, bits)?;
    }
}

/// `depth` opening brackets around `inner`, then the closing ones.
fn nested(depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth))
}

/// 5000-deep nesting, wherever it is (the root, x, a row of W1, an unclosed one, objects): a
/// JSON error, not a stack overflow.
#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let valid = r#"{"lambda":0.1,"params":{"W1":[[1,2]],"b1":[0],"W2":[[1],[2]],"b2":[0,0]},"x":[1,2],"y":1}"#;
    assert!(parse_case(valid).is_ok());
    let deep = nested(5000, "1");
    let texts = [
        deep.clone(),
        valid.replace(r#""x":[1,2]"#, &format!(r#""x":{deep}"#)),
        valid.replace("[[1,2]]", &format!("[[1,{deep}]]")),
        valid.replace(r#""y":1"#, &format!(r#""y":{deep}"#)),
        "[".repeat(5000),
        r#"{"a":"#.repeat(5000),
        format!("{}1{}", r#"{"x":"#.repeat(5000), "}".repeat(5000)),
    ];
    for text in texts {
        match parse_case(&text) {
            Err(CaseError::Json { problem, .. }) => assert_eq!(problem, mlp::json::Syntax::TooDeep),
            other => panic!("{} chars: {other:?}", text.len()),
        }
    }
}

/// Huge sizes: declared d_h, d or m far beyond the arrays (or beyond u64) is a mismatch, found
/// without allocating anything of that size; and a large but real d_h (3000 rows) is read.
#[test]
fn huge_sizes_are_refused_and_large_real_ones_read() {
    let valid = r#"{"lambda":0.1,"params":{"W1":[[1,2]],"b1":[0],"W2":[[1],[2]],"b2":[0,0]},"x":[1,2],"y":1}"#;
    for size in ["1e15", "4294967296", "18446744073709551615", "18446744073709551616", "1e300"] {
        for key in ["d", "d_h", "m"] {
            let text = valid.replacen('{', &format!(r#"{{"{key}":{size},"#), 1);
            let result = parse_case(&text);
            assert!(matches!(result, Err(CaseError::DeclaredMismatch { field, .. }) if field == key), "{key}={size}: {result:?}");
        }
    }
    assert!(matches!(parse_case(&valid.replace(r#""y":1"#, r#""y":1e300"#)), Err(CaseError::LabelOutOfRange { .. })));
    let d_h = 3000;
    let json = serde_json::json!({
        "d_h": d_h, "lambda": 0.0,
        "params": {"W1": vec![vec![0.5; 2]; d_h], "b1": vec![0.0; d_h], "W2": vec![vec![0.01; d_h]; 2], "b2": [0.0, 0.0]},
        "x": [1.0, -1.0], "y": 0,
    });
    let case = parse_case(&json.to_string()).expect("a large valid case");
    assert_eq!(case.params.w1.shape(), (d_h, 2));
    assert!(export_case(&case, Mistakes::NONE).is_ok());
}
