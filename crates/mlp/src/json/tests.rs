use super::{parse, Pretty, Syntax, SyntaxError, Value, MAX_DEPTH};

fn error(text: &str) -> (Syntax, usize, usize) {
    let SyntaxError { problem, line, column } = parse(text).expect_err(text);
    (problem, line, column)
}

#[test]
fn reads_every_kind_of_value_and_keeps_the_numbers_text() {
    let text = r#" {"a": [1, -0.50, 2e3, 1E-2], "b": {"c": null, "d": true, "e": false}, "s": "x\"\\\/\n\u00e9\ud83d\ude00"} "#;
    let value = parse(text).unwrap();
    let a = value.get("a").and_then(Value::as_array).unwrap();
    let numbers: Vec<f64> = a.iter().filter_map(Value::as_f64).collect();
    assert_eq!(numbers, [1.0, -0.5, 2000.0, 0.01]);
    let texts: Vec<&str> = a.iter().filter_map(Value::as_number).map(|n| &text[n.text.clone()]).collect();
    assert_eq!(texts, ["1", "-0.50", "2e3", "1E-2"]);
    let b = value.get("b").unwrap();
    assert_eq!(b.get("c"), Some(&Value::Null));
    assert_eq!(b.get("d"), Some(&Value::Bool(true)));
    assert_eq!(b.get("e"), Some(&Value::Bool(false)));
    assert_eq!(value.get("s"), Some(&Value::String("x\"\\/\né😀".to_string())));
    assert_eq!(value.get("missing"), None);
    assert_eq!(parse("[]").unwrap(), Value::Array(vec![]));
    assert_eq!(parse("{}").unwrap(), Value::Object(vec![]));
}

#[test]
fn the_last_of_a_repeated_key_wins() {
    let value = parse(r#"{"y": 1, "y": 2}"#).unwrap();
    assert_eq!(value.get("y").and_then(Value::as_f64), Some(2.0));
}

#[test]
fn numbers_round_correctly_and_whole_numbers_stay_exact() {
    let text = "[0.1, 2.2250738585072014e-308, 9007199254740993, 18446744073709551615, 1e30, 5e-324]";
    let value = parse(text).unwrap();
    let items = value.as_array().unwrap();
    assert_eq!(items[0].as_f64(), Some(0.1));
    assert_eq!(items[1].as_f64(), Some(f64::MIN_POSITIVE));
    assert_eq!(items[2].as_number().unwrap().as_u64(text), Some(9_007_199_254_740_993));
    assert_eq!(items[3].as_number().unwrap().as_u64(text), Some(u64::MAX));
    assert_eq!(items[4].as_number().unwrap().as_u64(text), None);
    assert_eq!(items[5].as_f64(), Some(5e-324));
    let beyond = "[99999999999999999999999]";
    let value = parse(beyond).unwrap();
    assert_eq!(value.as_array().unwrap()[0].as_number().unwrap().as_u64(beyond), Some(u64::MAX));
}

#[test]
fn syntax_errors_say_what_and_where() {
    assert_eq!(error(""), (Syntax::EndInValue, 1, 0));
    assert_eq!(error("   "), (Syntax::EndInValue, 1, 3));
    assert_eq!(error("{\n  \"x\": [1, 2,,]\n}"), (Syntax::ExpectedValue, 2, 14));
    assert_eq!(error("[1, 2,]"), (Syntax::TrailingComma, 1, 7));
    assert_eq!(error(r#"{"a": 1,}"#), (Syntax::TrailingComma, 1, 9));
    assert_eq!(error("[1 2]"), (Syntax::ExpectedCommaOrBracket, 1, 4));
    assert_eq!(error(r#"{"a": 1 "b": 2}"#), (Syntax::ExpectedCommaOrBrace, 1, 9));
    assert_eq!(error(r#"{"a" 1}"#), (Syntax::ExpectedColon, 1, 6));
    assert_eq!(error("{a: 1}"), (Syntax::KeyMustBeString, 1, 2));
    assert_eq!(error("[1, 2"), (Syntax::EndInArray, 1, 5));
    assert_eq!(error(r#"{"d": 2,"#), (Syntax::EndInValue, 1, 8));
    assert_eq!(error(r#"{"d": 2"#), (Syntax::EndInObject, 1, 7));
    assert_eq!(error(r#"{"d""#), (Syntax::EndInValue, 1, 4));
    assert_eq!(error(r#"{"d":"#), (Syntax::EndInValue, 1, 5));
    assert_eq!(error("[1,"), (Syntax::EndInValue, 1, 3));
    assert_eq!(error(r#"{"lambda": 0, "x": [1"#), (Syntax::EndInArray, 1, 21));
    assert_eq!(error(r#"["abc"#), (Syntax::EndInString, 1, 5));
    assert_eq!(error("[NaN]"), (Syntax::ExpectedValue, 1, 2));
    assert_eq!(error("[nul]"), (Syntax::UnknownWord, 1, 2));
    assert_eq!(error("[-Infinity]"), (Syntax::InvalidNumber, 1, 3));
    for bad in ["[1.]", "[.5]", "[+1]", "[1e]", "[1e+]", "[-]"] {
        assert!(matches!(error(bad).0, Syntax::InvalidNumber | Syntax::ExpectedValue), "{bad}");
    }
    assert_eq!(error("[01]"), (Syntax::ExpectedCommaOrBracket, 1, 3));
    assert_eq!(error(r#"{"lambda": 1e400}"#), (Syntax::NumberOutOfRange, 1, 16));
    assert_eq!(error(r#"["\q"]"#), (Syntax::InvalidEscape, 1, 4));
    assert_eq!(error(r#"["\u12"]"#), (Syntax::ShortHexEscape, 1, 7));
    assert_eq!(error(r#"["\ud83d"]"#), (Syntax::LoneSurrogate, 1, 9));
    assert_eq!(error(r#"["\ude00"]"#), (Syntax::LoneSurrogate, 1, 8));
    assert_eq!(error("[\"a\nb\"]"), (Syntax::ControlCharacter, 1, 4));
    assert_eq!(error("{} x"), (Syntax::TrailingCharacters, 1, 4));
    assert_eq!(error("é é"), (Syntax::ExpectedValue, 1, 1));
    assert_eq!(error("\"é\" é"), (Syntax::TrailingCharacters, 1, 5));
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
    let deep = "[".repeat(MAX_DEPTH + 1);
    assert_eq!(error(&deep).0, Syntax::TooDeep);
    assert_eq!(error(&"[".repeat(100_000)).0, Syntax::TooDeep);
}

#[test]
fn written_documents_read_back_to_the_same_values() {
    let mut doc = Pretty::new();
    doc.whole("d", 2).number("lambda", 0.1).open("params").rows("W1", [[0.1, -2.5e-7], [3.0, f64::NAN]])
        .numbers("b1", [1e300, -0.0]).rows("empty", Vec::<Vec<f64>>::new()).close()
        .texts("mistakes", ["a\"b", "c\\d\n"]).text("s", "\u{1}é");
    let text = doc.finish();
    let value = parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    assert_eq!(value.get("d").and_then(Value::as_f64), Some(2.0));
    assert_eq!(value.get("lambda").and_then(Value::as_f64), Some(0.1));
    let params = value.get("params").unwrap();
    let w1: Vec<Vec<Option<f64>>> = params.get("W1").and_then(Value::as_array).unwrap().iter()
        .map(|row| row.as_array().unwrap().iter().map(Value::as_f64).collect()).collect();
    assert_eq!(w1, [vec![Some(0.1), Some(-2.5e-7)], vec![Some(3.0), None]]);
    assert_eq!(params.get("empty"), Some(&Value::Array(vec![])));
    let texts: Vec<_> = value.get("mistakes").and_then(Value::as_array).unwrap().to_vec();
    assert_eq!(texts, [Value::String("a\"b".into()), Value::String("c\\d\n".into())]);
    assert_eq!(value.get("s"), Some(&Value::String("\u{1}é".into())));
    assert!(text.contains("\n  \"params\": {\n    \"W1\": [\n      [0.1, -2.5e-7],\n      [3.0, null]\n    ],"), "{text}");
    assert!(text.ends_with("\n}"), "{text}");
}
