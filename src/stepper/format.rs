//! How the stepper prints numbers: four decimals for ordinary magnitudes, scientific notation
//! for the very small and the very large, and words for what is not a number. Every cell also
//! carries the full f64 (in `data-value` and its tooltip), so nothing is lost by rounding.

/// `value` as shown in a cell or a formula: `0.0975`, `-1.2500`, `3.142e-6`, `1.000e5`, `NaN`.
pub fn number(value: f64) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "∞".into() } else { "-∞".into() };
    }
    let magnitude = value.abs();
    if value == 0.0 {
        "0".into()
    } else if (1e-3..1e4).contains(&magnitude) {
        format!("{value:.4}")
    } else {
        format!("{value:.3e}")
    }
}

/// How every number of one table is written, so a column never mixes `4.004e-4` and `0.0237`:
/// four decimals when the table's largest finite magnitude is at least 10⁻³ and below 10⁴,
/// scientific notation otherwise. An entry much smaller than the largest then reads `0.0000`
/// or `-0.0000` (its sign kept; the tooltip has the full value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notation {
    Fixed,
    Scientific,
}

impl Notation {
    /// The notation of a table holding `values`.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Notation {
        let largest = values.into_iter().filter(|v| v.is_finite()).fold(0.0_f64, |m, v| m.max(v.abs()));
        if largest == 0.0 || (1e-3..1e4).contains(&largest) {
            Notation::Fixed
        } else {
            Notation::Scientific
        }
    }

    /// `value` in this notation: `0` for zero, words for what is not a number, as [`number`].
    pub fn write(self, value: f64) -> String {
        if value == 0.0 || !value.is_finite() {
            return number(value);
        }
        match self {
            Notation::Fixed => format!("{value:.4}"),
            Notation::Scientific => format!("{value:.3e}"),
        }
    }
}

/// The full-precision form, as in the exported JSON.
pub fn full(value: f64) -> String {
    format!("{value:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magnitudes_choose_their_notation() {
        assert_eq!(number(0.09746523707175869), "0.0975");
        assert_eq!(number(-0.17983309042558615), "-0.1798");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(3.14159e-6), "3.142e-6");
        assert_eq!(number(123456.0), "1.235e5");
        assert_eq!(number(f64::NAN), "NaN");
        assert_eq!(number(f64::NEG_INFINITY), "-∞");
        assert_eq!(full(0.1), "0.1");
    }

    #[test]
    fn a_table_has_one_notation() {
        let mixed = [0.0237, 4.004e-4, -2.5e-7, 0.0, f64::NAN];
        let fixed = Notation::of(mixed);
        assert_eq!(fixed, Notation::Fixed);
        let shown: Vec<String> = mixed.iter().map(|&v| fixed.write(v)).collect();
        assert_eq!(shown, ["0.0237", "0.0004", "-0.0000", "0", "NaN"]);
        let small = Notation::of([4.004e-4, -2.5e-7]);
        assert_eq!((small, small.write(4.004e-4), small.write(-2.5e-7)), (Notation::Scientific, "4.004e-4".into(), "-2.500e-7".into()));
        let large = Notation::of([12346.0, 0.5]);
        assert_eq!((large.write(12346.0), large.write(0.5)), ("1.235e4".into(), "5.000e-1".into()));
        assert_eq!(Notation::of([f64::INFINITY]), Notation::Fixed, "no finite value: the default");
    }
}
