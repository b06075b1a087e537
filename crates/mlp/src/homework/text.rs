//! Reading what numpy (or a student) printed for one quantity: `array([[ 0.1234, -0.5 ]])`,
//! `[0.1, 0.2]`, `tensor([…], dtype=torch.float64)`, numbers separated by spaces, commas or
//! semicolons, with or without brackets, one row per line or per inner bracket; `nan` and `inf`
//! are read as not-a-number. A decimal comma (`0,25`) is read as one when that is unambiguous:
//! the text has no `.`, and reading commas as decimal points gives the expected number of
//! entries while reading them as separators does not.

use super::given::{half_unit, significant_digits, Given, Layout, FULL_PRECISION};

/// At most this many numbers in one box.
pub const MAX_NUMBERS: usize = 100_000;

/// Why a text is not a list of numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// No number in the text.
    Empty,
    /// A character that belongs to no number, at this character position (from 1).
    Unexpected { ch: char, at: usize },
    /// A word that is not a number.
    NotANumber { text: String },
    /// Rows of different lengths.
    Ragged { row: usize, expected: usize, found: usize },
    /// Brackets nested more than two deep, or not balanced.
    Brackets,
    /// More than [`MAX_NUMBERS`] numbers.
    TooMany,
}

/// Reads the numbers of `text`; `expected` entries decide between a decimal comma and a
/// separator when the text could be either.
pub fn parse_values(text: &str, expected: usize) -> Result<Given, TextProblem> {
    let body = unwrap(text);
    let comma_decimal = !body.contains('.') && has_digit_comma_digit(body);
    if comma_decimal {
        let as_decimal = read(body, true);
        let as_separator = read(body, false);
        return match (as_decimal, as_separator) {
            (Ok(d), Ok(s)) if s.values.len() == expected && d.values.len() != expected => Ok(s),
            (Ok(d), _) => Ok(d),
            (Err(_), Ok(s)) => Ok(s),
            (Err(e), Err(_)) => Err(e),
        };
    }
    read(body, false)
}

/// The text inside `array(…)`, `tensor(…)`: from the first `[` to the last `]`, or without a
/// leading `name(` and its `)` when there is no bracket.
fn unwrap(text: &str) -> &str {
    let text = text.trim();
    if let (Some(open), Some(close)) = (text.find('['), text.rfind(']')) {
        if open < close {
            return &text[open..=close];
        }
    }
    match text.find('(') {
        Some(open) if text[..open].chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_') => {
            let inner = &text[open + 1..];
            let inner = inner.strip_suffix(')').unwrap_or(inner);
            inner.split(", dtype").next().unwrap_or(inner)
        }
        _ => text,
    }
}

fn has_digit_comma_digit(text: &str) -> bool {
    let b = text.as_bytes();
    (1..b.len().saturating_sub(1)).any(|i| b[i] == b',' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit())
}

fn read(text: &str, comma_decimal: bool) -> Result<Given, TextProblem> {
    let mut rows: Vec<Vec<(f64, f64)>> = vec![vec![]];
    let mut depth = 0usize;
    let mut max_depth = 0usize;
    let mut count = 0usize;
    let mut chars = text.char_indices().peekable();
    let mut position = 0usize;
    let mut full_precision = false;
    while let Some((i, c)) = chars.next() {
        position += 1;
        match c {
            '[' => {
                depth += 1;
                max_depth = max_depth.max(depth);
                if depth > 2 {
                    return Err(TextProblem::Brackets);
                }
            }
            ']' => {
                depth = depth.checked_sub(1).ok_or(TextProblem::Brackets)?;
                if depth == 1 {
                    rows.push(vec![]);
                }
            }
            '\n' | ';' if depth == 0 => rows.push(vec![]),
            ',' if !comma_decimal => {}
            c if c.is_whitespace() || c == ',' || c == ';' => {}
            c if c.is_ascii_digit() || matches!(c, '-' | '+' | '.') || c.is_ascii_alphabetic() => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, n)) = chars.peek() {
                    let part_of_number = n.is_ascii_alphanumeric()
                        || matches!(n, '.' | '+' | '-')
                        || (comma_decimal && n == ',' && text[j + 1..].starts_with(|d: char| d.is_ascii_digit()));
                    if !part_of_number {
                        break;
                    }
                    end = j + n.len_utf8();
                    chars.next();
                    position += 1;
                }
                let word = &text[i..end];
                full_precision |= significant_digits(word) >= FULL_PRECISION;
                count += 1;
                if count > MAX_NUMBERS {
                    return Err(TextProblem::TooMany);
                }
                let entry = number(word, comma_decimal).ok_or_else(|| TextProblem::NotANumber { text: word.chars().take(40).collect() })?;
                if let Some(row) = rows.last_mut() {
                    row.push(entry);
                }
            }
            c => return Err(TextProblem::Unexpected { ch: c, at: position }),
        }
    }
    if depth != 0 {
        return Err(TextProblem::Brackets);
    }
    rows.retain(|r| !r.is_empty());
    let cols = rows.first().map_or(0, Vec::len);
    if cols == 0 {
        return Err(TextProblem::Empty);
    }
    if let Some((row, r)) = rows.iter().enumerate().find(|(_, r)| r.len() != cols) {
        return Err(TextProblem::Ragged { row, expected: cols, found: r.len() });
    }
    let layout = match (rows.len(), max_depth) {
        (1, 0) if cols == 1 => Layout::Scalar,
        (1, 0 | 1) => Layout::Vector,
        _ => Layout::Rows,
    };
    let (values, mut half_units): (Vec<f64>, Vec<f64>) = rows.into_iter().flatten().unzip();
    if full_precision {
        half_units.iter_mut().for_each(|u| *u = 0.0);
    }
    let n_rows = if layout == Layout::Rows { count / cols } else { 1 };
    Ok(Given { layout, rows: n_rows, cols, values, half_units })
}

/// A number's value and half unit; `nan`, `inf` and `-inf` (any case) are NaN.
fn number(word: &str, comma_decimal: bool) -> Option<(f64, f64)> {
    let lower = word.to_ascii_lowercase();
    let bare = lower.trim_start_matches(['-', '+']);
    if matches!(bare, "nan" | "inf" | "infinity") {
        return Some((f64::NAN, 0.0));
    }
    let text = if comma_decimal { word.replace(',', ".") } else { word.to_string() };
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: f64 = text.parse().ok()?;
    value.is_finite().then(|| (value, half_unit(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, expected: usize) -> (Layout, usize, usize, Vec<f64>) {
        let g = parse_values(text, expected).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        (g.layout, g.rows, g.cols, g.values)
    }

    #[test]
    fn what_numpy_prints_is_read() {
        assert_eq!(values("array([[ 0.1234, -0.5 ]])", 2), (Layout::Rows, 1, 2, vec![0.1234, -0.5]));
        assert_eq!(values("[0.1, 0.2]", 2), (Layout::Vector, 1, 2, vec![0.1, 0.2]));
        assert_eq!(values("0.1 0.2\t-3", 3), (Layout::Vector, 1, 3, vec![0.1, 0.2, -3.0]));
        assert_eq!(values("[[1. 2.]\n [3. 4.]]", 4), (Layout::Rows, 2, 2, vec![1.0, 2.0, 3.0, 4.0]));
        assert_eq!(values("1 2\n3 4\n", 4), (Layout::Rows, 2, 2, vec![1.0, 2.0, 3.0, 4.0]));
        assert_eq!(values("array([1.e-10, 5.e-01])", 2).3, vec![1e-10, 0.5]);
        assert_eq!(values("tensor([0.25, 0.75], dtype=torch.float64)", 2).3, vec![0.25, 0.75]);
        assert_eq!(values("np.float64(0.6931)", 1), (Layout::Scalar, 1, 1, vec![0.6931]));
        assert!(values("[nan, -inf]", 2).3.iter().all(|v| v.is_nan()));
        let g = parse_values("[0.12, 3.5e-3]", 2).unwrap();
        assert_eq!(g.half_units, [0.005, 0.5e-4]);
    }

    #[test]
    fn a_decimal_comma_is_read_when_unambiguous() {
        assert_eq!(values("0,25 -0,5", 2).3, vec![0.25, -0.5]);
        assert_eq!(values("[0,25; -0,5]", 2).3, vec![0.25, -0.5]);
        // Two numbers expected: "1,5" is the list 1, 5; one expected: 1.5.
        assert_eq!(values("1,5", 2).3, vec![1.0, 5.0]);
        assert_eq!(values("1,5", 1).3, vec![1.5]);
        // A point anywhere: commas separate.
        assert_eq!(values("1,5, 0.5", 3).3, vec![1.0, 5.0, 0.5]);
        assert_eq!(parse_values("0,125", 1).unwrap().half_units, [0.0005]);
    }

    #[test]
    fn garbage_gets_a_reason() {
        assert_eq!(parse_values("", 1), Err(TextProblem::Empty));
        assert_eq!(parse_values("[]", 1), Err(TextProblem::Empty));
        assert_eq!(parse_values("[[1, 2], [3]]", 3), Err(TextProblem::Ragged { row: 1, expected: 2, found: 1 }));
        assert_eq!(parse_values("[[[1]]]", 1), Err(TextProblem::Brackets));
        assert_eq!(parse_values("[1, 2", 2), Err(TextProblem::Brackets));
        assert_eq!(parse_values("1 ] 2", 2), Err(TextProblem::Brackets));
        assert_eq!(parse_values("1 @ 2", 2), Err(TextProblem::Unexpected { ch: '@', at: 3 }));
        assert_eq!(parse_values("1 abc", 2), Err(TextProblem::NotANumber { text: "abc".into() }));
        assert_eq!(parse_values("1e999", 1), Err(TextProblem::NotANumber { text: "1e999".into() }));
        assert_eq!(parse_values("1 2e", 2), Err(TextProblem::NotANumber { text: "2e".into() }));
        let many = "1 ".repeat(MAX_NUMBERS + 1);
        assert_eq!(parse_values(&many, 3), Err(TextProblem::TooMany));
        for hostile in ["💥", "\u{0}", "[\u{202e}1]", "--1", "1..2", "NaNaN", "(", ")", "array(", "[[1]", "]]"] {
            assert!(parse_values(hostile, 1).is_err(), "{hostile:?}");
        }
    }
}
