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
}
