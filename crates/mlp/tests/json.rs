//! The hand-written JSON reader against an independent one (serde_json, a test dependency only):
//! on valid documents and on documents broken anywhere, both accept the same texts and read the
//! same values; and what the writer writes, serde_json reads back to the same numbers.

use mlp::json::{self, Pretty, Value};
use proptest::prelude::*;
use serde_json::Value as Theirs;
use std::collections::BTreeSet;

/// Whether our value and serde_json's are the same JSON value.
fn same(ours: &Value, theirs: &Theirs) -> bool {
    match (ours, theirs) {
        (Value::Null, Theirs::Null) => true,
        (Value::Bool(a), Theirs::Bool(b)) => a == b,
        (Value::Number(a), Theirs::Number(b)) => b.as_f64().is_some_and(|b| b.to_bits() == a.value.to_bits()),
        (Value::String(a), Theirs::String(b)) => a == b,
        (Value::Array(a), Theirs::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b)),
        (Value::Object(a), Theirs::Object(b)) => {
            let keys: BTreeSet<&str> = a.iter().map(|(k, _)| k.as_str()).collect();
            keys.len() == b.len() && b.iter().all(|(k, v)| ours.get(k).is_some_and(|o| same(o, v)))
        }
        _ => false,
    }
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()).prop_map(|v| format!("{v:?}")),
        any::<i64>().prop_map(|v| v.to_string()),
        any::<u64>().prop_map(|v| v.to_string()),
        "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,25})?([eE][+-]?[0-9]{1,3})?",
    ]
}

fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 éλ_]{0,8}".prop_map(|s| format!("\"{s}\"")),
        Just(r#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#.to_string()),
    ]
}

fn document() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![number(), string(), Just("true".into()), Just("false".into()), Just("null".into())];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|items| format!("[{}]", items.join(", "))),
            prop::collection::vec((string(), inner), 0..6).prop_map(|members| {
                let members: Vec<String> = members.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("{{\n  {}\n}}", members.join(",\n  "))
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn valid_documents_read_as_serde_json_reads_them(text in document()) {
        let theirs: Result<Theirs, _> = serde_json::from_str(&text);
        let ours = json::parse(&text);
        match (&ours, &theirs) {
            (Ok(o), Ok(t)) => prop_assert!(same(o, t), "{text}\nours {o:?}\ntheirs {t:?}"),
            (Err(o), Err(t)) => prop_assert!(o.problem == json::Syntax::NumberOutOfRange && t.to_string().contains("out of range"), "{text}: {o:?} / {t}"),
            _ => prop_assert!(false, "{text}\nours {ours:?}\ntheirs {theirs:?}"),
        }
    }

    #[test]
    fn broken_documents_are_refused_as_serde_json_refuses_them(
        text in document(), at in any::<prop::sample::Index>(), cut in 0usize..4, insert in "[\\[\\]{},:\" a0.eE+\\-\\\\]{0,3}",
    ) {
        let chars: Vec<char> = text.chars().collect();
        let start = at.index(chars.len() + 1);
        let end = (start + cut).min(chars.len());
        let broken: String = chars[..start].iter().copied().chain(insert.chars()).chain(chars[end..].iter().copied()).collect();
        let theirs: Result<Theirs, _> = serde_json::from_str(&broken);
        let ours = json::parse(&broken);
        match (&ours, &theirs) {
            (Ok(o), Ok(t)) => prop_assert!(same(o, t), "{broken}"),
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "{broken:?}\nours {ours:?}\ntheirs {theirs:?}"),
        }
    }

    #[test]
    fn written_numbers_read_back_exactly(rows in prop::collection::vec(prop::collection::vec(any::<f64>(), 0..5), 0..5)) {
        let mut doc = Pretty::new();
        doc.rows("W", rows.iter().map(|r| r.iter().copied())).numbers("b", rows.iter().flatten().copied());
        let text = doc.finish();
        let theirs: Theirs = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let flat: Vec<Option<f64>> = theirs["b"].as_array().unwrap().iter().map(Theirs::as_f64).collect();
        let want: Vec<Option<f64>> = rows.iter().flatten().map(|v| v.is_finite().then_some(*v)).collect();
        prop_assert_eq!(flat.len(), want.len());
        for (got, want) in flat.iter().zip(&want) {
            prop_assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits));
        }
        let ours = json::parse(&text).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert!(same(&ours, &theirs));
    }
}
