//! A student's own data from a CSV file: the format is detected (separator, decimal comma,
//! header row), one column holds the labels (the last by default), the others are the inputs.
//! Every refusal names the file's line and column, so the student can find it.
//!
//! **Detection.** The separator is a tab if the first line has one, else a semicolon if it has
//! one, else a comma. With a tab or semicolon separator, numbers may use a decimal comma
//! (`2,5`), detected when a field of the data reads that way. The first line is a header when
//! none of its input fields is a number while the second line's all are (or there is none).
//!
//! **Labels.** When every label is a whole number from 0 to 9, it is the class itself
//! (m = the largest + 1); otherwise labels are texts (or other numbers) and become classes
//! 0, 1, … in order of first appearance ([`CsvData::class_names`] keeps the texts).
//!
//! **Limits.** At most [`MAX_ROWS`] rows, [`MAX_INPUTS`] input columns and
//! [`super::MAX_CLASSES`] classes; at least one input column and two classes.

use std::fmt;

use super::{Table, MAX_CLASSES};

/// Most data rows a file may have.
pub const MAX_ROWS: usize = 20_000;
/// Most input columns (d) a file may have.
pub const MAX_INPUTS: usize = 256;

/// The field separator found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separator {
    Comma,
    Semicolon,
    Tab,
}

impl Separator {
    fn char(self) -> char {
        match self {
            Separator::Comma => ',',
            Separator::Semicolon => ';',
            Separator::Tab => '\t',
        }
    }
}

/// What was detected about the file, to be said to the student.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Format {
    pub separator: Separator,
    /// Numbers are written with a decimal comma (`2,5`).
    pub decimal_comma: bool,
    /// The first line names the columns.
    pub header: bool,
}

/// A file read as a labelled table.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvData {
    /// The inputs (every column but the label's) and the classes.
    pub table: Table,
    pub format: Format,
    /// The name of every column of the file, the label's included (from the header, or
    /// "column 1", … without one).
    pub columns: Vec<String>,
    /// The label column, from 0.
    pub label_column: usize,
    /// The label text of each class, in class order.
    pub class_names: Vec<String>,
}

/// Why a file was refused. Lines and columns count from 1, as an editor shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvError {
    /// No line with data.
    Empty,
    /// A header and nothing else.
    NoDataRow,
    /// Only one column: no input beside the labels.
    OneColumn,
    TooManyRows { rows: usize },
    TooManyInputs { inputs: usize },
    /// The chosen label column does not exist.
    LabelColumn { column: usize, columns: usize },
    /// A line with another number of fields than the first.
    Ragged { line: usize, found: usize, expected: usize },
    /// An input that is not a number (or is infinite or NaN).
    NotANumber { line: usize, column: usize, text: String },
    /// An empty label.
    EmptyLabel { line: usize },
    OneClass { label: String },
    TooManyClasses { classes: usize },
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::Empty => write!(f, "the file is empty"),
            CsvError::NoDataRow => write!(f, "the file has a header line but no data"),
            CsvError::OneColumn => write!(f, "the file has one column: there is no input beside the labels"),
            CsvError::TooManyRows { rows } => write!(f, "{rows} rows are too many: at most {MAX_ROWS}"),
            CsvError::TooManyInputs { inputs } => write!(f, "{inputs} input columns are too many: at most {MAX_INPUTS}"),
            CsvError::LabelColumn { column, columns } => {
                write!(f, "column {column} cannot hold the labels: the file has {columns} columns")
            }
            CsvError::Ragged { line, found, expected } => {
                write!(f, "line {line} has {found} fields where the first has {expected}")
            }
            CsvError::NotANumber { line, column, text } => {
                write!(f, "line {line}, column {column}: \"{text}\" is not a number")
            }
            CsvError::EmptyLabel { line } => write!(f, "line {line} has no label"),
            CsvError::OneClass { label } => write!(f, "every row has the label \"{label}\": a classifier needs two classes"),
            CsvError::TooManyClasses { classes } => {
                write!(f, "the labels make {classes} classes: at most {MAX_CLASSES}")
            }
        }
    }
}

impl std::error::Error for CsvError {}

/// Reads `text` as a CSV file whose labels are in `label_column` (from 0; `None`: the last).
pub fn parse(text: &str, label_column: Option<usize>) -> Result<CsvData, CsvError> {
    // Lines with their numbers; blank lines (and a byte-order mark) are skipped.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim_end_matches('\r')))
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    let first = lines.first().ok_or(CsvError::Empty)?.1;
    let separator = if first.contains('\t') {
        Separator::Tab
    } else if first.contains(';') {
        Separator::Semicolon
    } else {
        Separator::Comma
    };
    let rows: Vec<(usize, Vec<&str>)> =
        lines.iter().map(|&(n, line)| (n, line.split(separator.char()).map(str::trim).map(unquote).collect())).collect();
    let columns = rows[0].1.len();
    if columns < 2 {
        return Err(CsvError::OneColumn);
    }
    let label = match label_column {
        None => columns - 1,
        Some(c) if c < columns => c,
        Some(c) => return Err(CsvError::LabelColumn { column: c + 1, columns }),
    };
    if let Some((line, fields)) = rows.iter().find(|(_, fields)| fields.len() != columns) {
        return Err(CsvError::Ragged { line: *line, found: fields.len(), expected: columns });
    }
    let decimal_comma = separator != Separator::Comma
        && rows.iter().any(|(_, fields)| fields.iter().enumerate().any(|(c, v)| c != label && is_decimal_comma(v)));
    let number = |text: &str| -> Option<f64> {
        let text = if decimal_comma { text.replace(',', ".") } else { text.to_owned() };
        text.parse::<f64>().ok().filter(|v| v.is_finite())
    };
    let inputs_numeric = |fields: &[&str]| fields.iter().enumerate().all(|(c, v)| c == label || number(v).is_some());
    let no_input_numeric = |fields: &[&str]| fields.iter().enumerate().all(|(c, v)| c == label || number(v).is_none());
    // Names over numbers (a lone line of names is a header with no data below it); a first
    // line with one bad number among numbers is data, refused at that number.
    let header = no_input_numeric(&rows[0].1) && rows.get(1).is_none_or(|(_, fields)| inputs_numeric(fields));
    let data = if header { &rows[1..] } else { &rows[..] };
    if data.is_empty() {
        return Err(CsvError::NoDataRow);
    }
    if data.len() > MAX_ROWS {
        return Err(CsvError::TooManyRows { rows: data.len() });
    }
    let dim = columns - 1;
    if dim > MAX_INPUTS {
        return Err(CsvError::TooManyInputs { inputs: dim });
    }
    let mut values = Vec::with_capacity(data.len() * dim);
    let mut labels = Vec::with_capacity(data.len());
    for (line, fields) in data {
        for (c, text) in fields.iter().enumerate() {
            if c == label {
                if text.is_empty() {
                    return Err(CsvError::EmptyLabel { line: *line });
                }
                labels.push(*text);
            } else {
                let value = number(text).ok_or_else(|| CsvError::NotANumber { line: *line, column: c + 1, text: (*text).to_owned() })?;
                values.push(value);
            }
        }
    }
    let (classes, class_names) = classes_of(&labels)?;
    let names = if header {
        rows[0].1.iter().map(|name| (*name).to_owned()).collect()
    } else {
        (1..=columns).map(|c| format!("column {c}")).collect()
    };
    Ok(CsvData {
        table: Table { dim, values, labels: classes, classes: class_names.len() },
        format: Format { separator, decimal_comma, header },
        columns: names,
        label_column: label,
        class_names,
    })
}

/// A field without the double quotes around it.
fn unquote(field: &str) -> &str {
    field.strip_prefix('"').and_then(|f| f.strip_suffix('"')).unwrap_or(field)
}

/// `-12,5`: digits, one comma, digits.
fn is_decimal_comma(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    match digits.split_once(',') {
        Some((whole, fraction)) => {
            !whole.is_empty() && !fraction.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) && fraction.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// Each label's class and each class's label: digits 0–9 are their own class, anything else
/// is numbered in order of first appearance.
fn classes_of(labels: &[&str]) -> Result<(Vec<usize>, Vec<String>), CsvError> {
    let digit = |l: &str| l.parse::<usize>().ok().filter(|&k| k < MAX_CLASSES && l.bytes().all(|b| b.is_ascii_digit()));
    let (classes, names): (Vec<usize>, Vec<String>) = if labels.iter().all(|l| digit(l).is_some()) {
        let classes: Vec<usize> = labels.iter().filter_map(|l| digit(l)).collect();
        let m = classes.iter().max().map_or(0, |k| k + 1);
        (classes, (0..m).map(|k| k.to_string()).collect())
    } else {
        let mut names: Vec<String> = Vec::new();
        let classes = labels
            .iter()
            .map(|l| match names.iter().position(|n| n == l) {
                Some(k) => k,
                None => {
                    names.push((*l).to_owned());
                    names.len() - 1
                }
            })
            .collect();
        (classes, names)
    };
    let distinct = {
        let mut seen = classes.clone();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    if names.len() > MAX_CLASSES {
        return Err(CsvError::TooManyClasses { classes: names.len() });
    }
    if distinct < 2 {
        return Err(CsvError::OneClass { label: labels.first().map_or(String::new(), |l| (*l).to_owned()) });
    }
    Ok((classes, names))
}
