//! End-to-end tests of a student's own CSV file, through the built page in headless Chromium:
//! the file opens from the picker or a drop, the page says what it detected and which classes it
//! made, trains on it (a table of 4 or 13 inputs, or points of the plane for 2), refuses broken
//! files naming the line and column with the previous data kept, and a link carries the file's
//! SHA-256 and asks for the file.

mod support;

use backprop_lab::data::own::{hex, sha256};
use serde_json::Value;
use support::webdriver::Browser;
use support::{coloured_pixels, open, severe_console_entries};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("the fixture")
}

/// Chooses a file named `name` holding `text` in the "Open a CSV file" picker.
fn open_file(b: &Browser, name: &str, text: &str) {
    support::choose_file(b, "open-csv", name, text);
}

/// Drags a file named `name` holding `text` over the page's plot, as from a file manager
/// (then [`drop_it`] drops it).
fn drag_file(b: &Browser, name: &str, text: &str) {
    b.exec(
        "const [name, text] = arguments;
         window.__files = new DataTransfer();
         window.__files.items.add(new File([text], name, { type: 'text/csv' }));
         const over = new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: window.__files });
         document.getElementById('data-plot').dispatchEvent(over);",
        vec![Value::from(name), Value::from(text)],
    );
}

fn drop_it(b: &Browser) {
    b.exec(
        "const drop = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: window.__files });
         document.getElementById('data-plot').dispatchEvent(drop);",
        vec![],
    );
}

fn veil_shown(b: &Browser) -> bool {
    b.exec("return !document.getElementById('drop-veil').hidden", vec![]).as_bool().unwrap_or(false)
}

/// The status line's text once it names `name`.
fn status_of(b: &Browser, name: &str) -> String {
    b.wait_for(10, name, |b| b.try_text("#csv-status").filter(|t| t.contains(name)))
}

fn choose_csv(b: &Browser) {
    b.click(&b.find("#field-dataset option[value='csv']"));
    let shown = "return document.getElementById('csv-tools').hidden === false";
    b.wait_for(5, "the CSV tools", |b| b.exec(shown, vec![]).as_bool().filter(|&s| s).map(|_| ()));
}

fn train_epochs(b: &Browser, epochs: u64) {
    for _ in 0..epochs {
        b.click(&b.find("#step-epoch"));
    }
    b.wait_for(20, "the epochs", |b| {
        let epoch = b.exec("return +document.getElementById('training-status').dataset.epoch", vec![]);
        (epoch.as_u64() >= Some(epochs)).then_some(())
    });
}

/// The number of cells of the confusion matrix, and the errors its summary states.
fn matrix(b: &Browser) -> (u64, String) {
    let cells = b.exec("return document.querySelectorAll('#confusion button.cell').length", vec![]).as_u64().unwrap_or(0);
    (cells, b.try_text("#confusion-summary").unwrap_or_default())
}

#[test]
fn a_csv_file_opens_says_what_it_found_and_trains() {
    let (_server, b) = open("lang=en&dh=8&eta=0.1");
    choose_csv(&b);
    assert!(b.text("#data-error").contains("Open a CSV file to train on it"), "{}", b.text("#data-error"));
    let iris = fixture("iris.csv");
    open_file(&b, "iris.csv", &iris);
    assert_eq!(status_of(&b, "iris.csv"), "✓ iris.csv: 150 rows, 4 inputs, 3 classes.");
    assert_eq!(b.text("#csv-format"), "Detected: comma-separated, decimal point, a header line.");
    let legend = b.text("#csv-classes");
    for class in ["0: setosa (50)", "1: versicolor (50)", "2: virginica (50)"] {
        assert!(legend.contains(class), "{legend}");
    }
    let label = b.exec("return document.getElementById('csv-label').value", vec![]);
    assert_eq!(label, Value::from("4"), "the last column holds the labels");
    assert!(b.text("#pixels-d").contains("(d = 4)"), "{}", b.text("#pixels-d"));
    // The link names the file by its hash, and how it is read.
    let hash = hex(&sha256(iris.as_bytes()));
    b.wait_for(5, "the link", |b| (b.query_param("file") == hash).then_some(()));
    assert_eq!((b.query_param("data"), b.query_param("inputs"), b.query_param("label")), ("csv".into(), "4".into(), "5".into()));
    assert_eq!((b.query_param("std"), b.query_param("m")), ("1".into(), "3".into()));
    // Standardized: each input's training mean and deviation are shown, 4 rows.
    let rows = b.exec("return document.querySelectorAll('#csv-statistics tbody tr').length", vec![]);
    assert_eq!(rows, Value::from(4));
    // A table: the confusion matrix replaces the plane; 3 × 3 cells of the test set (23 rows).
    b.wait_for(10, "the 3 × 3 matrix", |b| (matrix(b).0 == 9).then_some(()));
    train_epochs(&b, 30);
    let summary = b.wait_for(10, "a trained network", |b| {
        let (_, summary) = matrix(b);
        let errors: u64 = summary.split(':').nth(1)?.split('/').next()?.trim().parse().ok()?;
        (errors <= 3).then_some(summary)
    });
    assert!(summary.contains("/ 22") || summary.contains("/ 23"), "{summary}");
    b.screenshot("csv-iris");
    // To the moons (m = 2) and back: the file is still open, and m is its 3 classes again.
    b.click(&b.find("#field-dataset option[value='moons']"));
    b.wait_for(10, "the moons", |b| (coloured_pixels(b) > 500 && b.query_param("m") == "2").then_some(()));
    assert!(b.query_param("file").is_empty(), "the file's keys leave the link with it");
    b.click(&b.find("#field-dataset option[value='csv']"));
    b.wait_for(10, "the iris again", |b| (matrix(b).0 == 9 && b.query_param("m") == "3").then_some(()));
    assert_eq!(b.query_param("file"), hash);
    assert!(severe_console_entries(&b).is_empty(), "{:?}", severe_console_entries(&b));
}

#[test]
fn broken_files_are_refused_by_line_and_column_and_the_data_stay() {
    let (_server, b) = open("lang=en");
    let cases = [
        ("broken_empty.csv", "The file is empty."),
        ("broken_header_only.csv", "The file has a header line and no data row."),
        ("broken_one_column.csv", "The file has one column"),
        ("broken_ragged.csv", "Line 3 has 2 fields where the first line has 3."),
        ("broken_not_a_number.csv", "Line 3, column 2: \"abc\" is not a number"),
        ("broken_infinite.csv", "Line 1, column 2: \"inf\" is not a number"),
        ("broken_empty_label.csv", "Line 2 has no label."),
        ("broken_one_class.csv", "Every row has the label \"a\""),
        ("broken_eleven_classes.csv", "The labels make 11 classes: at most 10"),
    ];
    choose_csv(&b);
    for (name, expected) in cases {
        open_file(&b, name, &fixture(name));
        let status = status_of(&b, name);
        assert!(status.contains(expected) && status.ends_with("The previous data stay."), "{name}: {status}");
        assert!(b.query_param("file").is_empty(), "{name}: no file adopted");
    }
    // A good file, then a broken one: the good one stays, its link too.
    open_file(&b, "header.csv", &fixture("header.csv"));
    status_of(&b, "header.csv");
    let hash = b.wait_for(5, "the file in the link", |b| Some(b.query_param("file")).filter(|h| !h.is_empty()));
    open_file(&b, "broken_ragged.csv", &fixture("broken_ragged.csv"));
    status_of(&b, "broken_ragged.csv");
    assert_eq!(b.query_param("file"), hash);
    assert!(b.text("#csv-classes").contains("2: 2"), "{}", b.text("#csv-classes"));
    // In French, the same refusal in French.
    b.click(&b.find("#lang-switch"));
    open_file(&b, "broken_not_a_number.csv", &fixture("broken_not_a_number.csv"));
    let status = b.wait_for(10, "the French message", |b| b.try_text("#csv-status").filter(|t| t.contains("Ligne 3")));
    assert!(status.contains("« abc » n'est pas un nombre") && status.ends_with("Les données précédentes restent."), "{status}");
    assert!(severe_console_entries(&b).is_empty(), "{:?}", severe_console_entries(&b));
}

#[test]
fn a_link_asks_for_its_file_and_says_whether_it_is_the_same() {
    let iris = fixture("iris.csv");
    let hash = hex(&sha256(iris.as_bytes()));
    let server = support::server::Server::start(support::dist_dir());
    let b = Browser::start();
    b.goto(&server.page(&format!("lang=en&data=csv&file={hash}&inputs=4&label=5&std=1&m=3&dh=6&speed=0")));
    let error = b.wait_for(20, "the request for the file", |b| b.try_text("#data-error").filter(|t| t.contains("SHA-256")));
    assert!(error.contains(&hash), "{error}");
    assert!(b.text("#data-error").contains("This link is a run on a CSV file"), "{error}");
    open_file(&b, "my-iris.csv", &iris);
    assert_eq!(status_of(&b, "my-iris.csv"), "✓ my-iris.csv: 150 rows, 4 inputs, 3 classes. It is the link's file (same SHA-256).");
    assert_eq!(b.query_param("dh"), "6");
    b.wait_for(10, "the matrix", |b| (matrix(b).0 == 9).then_some(()));

    // Another file for the same link: said, and the link now names it.
    b.goto(&server.page(&format!("lang=en&data=csv&file={hash}&inputs=4&label=5&std=1&m=3&speed=0")));
    b.wait_for(20, "the request for the file", |b| b.try_text("#data-error").filter(|t| t.contains("SHA-256")));
    let mut changed = iris.clone();
    changed.push_str("5.0,3.3,1.4,0.2,setosa\n");
    open_file(&b, "iris-plus.csv", &changed);
    let status = status_of(&b, "iris-plus.csv");
    assert!(status.contains("151 rows") && status.contains("It is not the link's file"), "{status}");
    b.wait_for(5, "the new hash", |b| (b.query_param("file") == hex(&sha256(changed.as_bytes()))).then_some(()));
}

#[test]
fn a_file_of_two_inputs_is_drawn_in_the_plane_and_a_dropped_file_opens() {
    let (_server, b) = open("lang=en");
    let mut text = String::from("x;y;kind\n");
    for i in 0..60 {
        let angle = i as f64 * 0.3;
        let radius = if i % 2 == 0 { 1.0 } else { 3.0 };
        text.push_str(&format!("{:.3};{:.3};{}\n", radius * angle.cos(), radius * angle.sin(), ["inner", "outer"][i % 2]).replace('.', ","));
    }
    drag_file(&b, "rings.csv", &text);
    b.wait_for(5, "the veil while a file is over the page", |b| veil_shown(b).then_some(()));
    drop_it(&b);
    assert_eq!(status_of(&b, "rings.csv"), "✓ rings.csv: 60 rows, 2 inputs, 2 classes.");
    assert_eq!(b.text("#csv-format"), "Detected: semicolon-separated, decimal comma, a header line.");
    assert!(!veil_shown(&b), "the veil goes with the drop");
    // Points of the plane: the plot, the features, no confusion matrix.
    b.wait_for(10, "the points", |b| (coloured_pixels(b) > 500).then_some(()));
    assert!(b.exec("return document.getElementById('table-views')?.offsetParent == null", vec![]).as_bool().unwrap_or(false));
    b.click(&b.find("#feature-x1x2"));
    b.wait_for(5, "d = 3", |b| b.try_text("#features-label").filter(|t| t.contains("d = 3")));
    assert_eq!(b.query_param("features"), "x1,x2,x1x2");
    // Raw inputs: the radius 3 ring leaves the plot's square, and the page says so.
    b.click(&b.find("#csv-standardize"));
    let outside = b.wait_for(5, "the warning", |b| b.try_text("#csv-outside").filter(|t| !t.is_empty()));
    assert!(outside.contains("points lie outside the plot's square"), "{outside}");
    assert_eq!(b.query_param("std"), "0");
    assert!(b.text("#csv-standardize-help").contains("as the file has them"));
}

#[test]
fn the_label_column_can_be_chosen_and_a_class_without_training_rows_is_named() {
    let (_server, b) = open("lang=en");
    choose_csv(&b);
    let wine = fixture("wine.csv");
    open_file(&b, "wine.csv", &wine);
    assert_eq!(status_of(&b, "wine.csv"), "✓ wine.csv: 178 rows, 13 inputs, 3 classes.");
    assert_eq!(b.text("#csv-format"), "Detected: semicolon-separated, decimal comma, a header line.");
    // 13 inputs: the rows drawn on two principal components, with the variance they explain.
    let caption = b.wait_for(10, "the projection", |b| b.try_text("#projection-caption").filter(|t| t.contains("c₁")));
    assert!(caption.contains("No decision regions here"), "{caption}");
    let marked = b.exec("return document.querySelectorAll('#gallery button.digit .row-marker').length", vec![]).as_u64();
    assert_eq!(marked, Some(26), "the 26 test rows, each by its class's marker");
    b.screenshot("csv-wine");
    // Alcohol as the label: too many classes; the menu goes back to the cultivar.
    b.click(&b.find("#csv-label option[value='0']"));
    let status = status_of(&b, "The labels make");
    assert!(status.contains("is the label column the right one?"), "{status}");
    let label = b.exec("return document.getElementById('csv-label').value", vec![]);
    assert_eq!(label, Value::from("13"));
    assert_eq!(b.query_param("label"), "14");
    // A class that the training set misses: one row of "rare" among 40.
    let mut text = String::new();
    for i in 0..40 {
        text.push_str(&format!("{i},{},{}\n", i % 5, if i == 33 { "rare" } else { ["a", "b"][i % 2] }));
    }
    open_file(&b, "rare.csv", &text);
    status_of(&b, "rare.csv");
    let field = b.find("#field-train");
    b.type_into(&field, "0.05");
    let error = b.wait_for(5, "the missing class", |b| b.try_text("#data-error").filter(|t| t.contains("no example in the training set")));
    assert!(error.contains("Class \""), "{error}");
}
