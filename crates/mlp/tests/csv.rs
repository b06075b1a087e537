//! A student's CSV file: the fixture files of `tests/fixtures/csv/` (clean ones, and broken ones
//! refused with the line and column to look at), the limits, and any text never panicking.

use mlp::dataset::csv::{parse, CsvError, Format, Separator, MAX_INPUTS, MAX_ROWS};
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    let path = format!("{}/../../tests/fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn clean_files_are_read_with_what_was_detected() {
    let clean = parse(&fixture("clean.csv"), None).expect("clean.csv");
    assert_eq!(clean.format, Format { separator: Separator::Comma, decimal_comma: false, header: false });
    assert_eq!((clean.table.dim, clean.table.len(), clean.table.classes), (2, 4, 2));
    assert_eq!(clean.table.row(1), Some(&[-1.0, 2.0][..]));
    assert_eq!(clean.table.labels, [0, 1, 1, 0]);
    assert_eq!(clean.columns, ["column 1", "column 2", "column 3"]);

    let header = parse(&fixture("header.csv"), None).expect("header.csv");
    assert!(header.format.header);
    assert_eq!(header.columns, ["x1", "x2", "class"]);
    assert_eq!((header.table.len(), header.table.classes, header.class_names.clone()), (3, 3, vec!["0".into(), "1".into(), "2".into()]));

    let strings = parse(&fixture("strings.csv"), None).expect("strings.csv");
    assert_eq!(strings.class_names, ["setosa", "versicolor", "virginica"]);
    assert_eq!(strings.table.labels, [0, 1, 2, 0]);
    assert_eq!(strings.table.row(0), Some(&[5.1, 3.5][..]));

    let french = parse(&fixture("semicolon_comma.csv"), None).expect("semicolon_comma.csv");
    assert_eq!(french.format, Format { separator: Separator::Semicolon, decimal_comma: true, header: true });
    assert_eq!(french.table.row(1), Some(&[0.95, 20.25][..]));
    assert_eq!(french.table.row(2), Some(&[1.8, 82.0][..]));
    assert_eq!(french.class_names, ["adulte", "enfant"]);

    let tabs = parse(&fixture("tabs.tsv"), None).expect("tabs.tsv");
    assert_eq!(tabs.format.separator, Separator::Tab);
    assert_eq!(tabs.class_names, ["yes", "no"]);

    let quoted = parse(&fixture("quoted.csv"), None).expect("quoted.csv");
    assert_eq!(quoted.table.row(3), Some(&[7.0, 8.0][..]));
}

#[test]
fn the_label_column_may_be_any() {
    // The first column as labels: the classes are 0.5, -1.0, … as texts, in order of appearance.
    let first = parse(&fixture("strings.csv"), Some(2)).expect("the last, named");
    assert_eq!(first.label_column, 2);
    let species_first = "species,a,b\nsetosa,1,2\nvirginica,3,4\n";
    let data = parse(species_first, Some(0)).expect("labels first");
    assert_eq!((data.label_column, data.table.row(1)), (0, Some(&[3.0, 4.0][..])));
    assert_eq!(data.columns, ["species", "a", "b"]);
    assert_eq!(parse(&fixture("clean.csv"), Some(3)), Err(CsvError::LabelColumn { column: 4, columns: 3 }));
}

#[test]
fn broken_files_are_refused_naming_the_line_and_column() {
    let cases: [(&str, CsvError); 9] = [
        ("broken_empty.csv", CsvError::Empty),
        ("broken_header_only.csv", CsvError::NoDataRow),
        ("broken_one_column.csv", CsvError::OneColumn),
        ("broken_ragged.csv", CsvError::Ragged { line: 3, found: 2, expected: 3 }),
        ("broken_not_a_number.csv", CsvError::NotANumber { line: 3, column: 2, text: "abc".into() }),
        ("broken_empty_label.csv", CsvError::EmptyLabel { line: 2 }),
        ("broken_one_class.csv", CsvError::OneClass { label: "a".into() }),
        ("broken_eleven_classes.csv", CsvError::TooManyClasses { classes: 11 }),
        ("broken_infinite.csv", CsvError::NotANumber { line: 1, column: 2, text: "inf".into() }),
    ];
    for (name, expected) in cases {
        assert_eq!(parse(&fixture(name), None), Err(expected.clone()), "{name}");
        assert!(!expected.to_string().is_empty());
    }
}

#[test]
fn the_limits_are_said() {
    let wide: String = (0..=MAX_INPUTS).map(|c| c.to_string()).collect::<Vec<_>>().join(",") + ",0\n";
    let wide = format!("{wide}{}", wide.replace(",0\n", ",1\n"));
    assert_eq!(parse(&wide, None), Err(CsvError::TooManyInputs { inputs: MAX_INPUTS + 1 }));
    let long: String = (0..=MAX_ROWS).map(|i| format!("{i},{}\n", i % 2)).collect();
    assert_eq!(parse(&long, None), Err(CsvError::TooManyRows { rows: MAX_ROWS + 1 }));
    let most: String = (0..MAX_ROWS).map(|i| format!("{i},{}\n", i % 2)).collect();
    assert_eq!(parse(&most, None).map(|d| d.table.len()), Ok(MAX_ROWS));
}

proptest! {
    /// Any text gives data or a refusal, never a panic; data always fit their own table.
    #[test]
    fn any_text_is_read_or_refused(text in "[0-9a-c,;\\t\\n\\r\". -]{0,200}", label in proptest::option::of(0usize..5)) {
        if let Ok(data) = parse(&text, label) {
            prop_assert_eq!(data.table.values.len(), data.table.len() * data.table.dim);
            prop_assert!(data.table.labels.iter().all(|&y| y < data.table.classes));
            prop_assert!(data.table.classes >= 2 && data.columns.len() == data.table.dim + 1);
        }
    }
}
