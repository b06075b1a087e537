//! Numbers as the diagram prints them: three significant digits, and scientific notation
//! outside 0.001 ≤ |v| < 1000, so labels stay short beside a unit. The stepper's cells print
//! four decimals ([`crate::stepper::format::number`]); the signs and notation are the same.

/// `v` with three significant digits: `0.123`, `-12.3`, `1.23e-4`, `0`.
pub fn sig3(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "∞" } else { "-∞" }.to_string();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let a = v.abs();
    let mut e = a.log10().floor() as i32;
    // Rounding to three digits may carry into the next power of ten: 9.996 → 10.0.
    if (a / 10f64.powi(e - 2)).round() >= 1000.0 {
        e += 1;
    }
    let text = if (-3..=2).contains(&e) {
        let decimals = (2 - e).max(0) as usize;
        format!("{a:.decimals$}")
    } else {
        format!("{:.2}e{e}", a / 10f64.powi(e))
    };
    if v < 0.0 {
        format!("-{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::sig3;

    #[test]
    fn three_significant_digits() {
        assert_eq!(sig3(0.0), "0");
        assert_eq!(sig3(-0.0), "0");
        assert_eq!(sig3(0.123456), "0.123");
        assert_eq!(sig3(-12.345), "-12.3");
        assert_eq!(sig3(123.4), "123");
        assert_eq!(sig3(1.0), "1.00");
        assert_eq!(sig3(0.0012345), "0.00123");
        // 9.996 rounds up to the next power of ten: still three digits.
        assert_eq!(sig3(9.996), "10.0");
        assert_eq!(sig3(999.6), "1.00e3");
        assert_eq!(sig3(0.00012345), "1.23e-4");
        assert_eq!(sig3(-98765.0), "-9.88e4");
        assert_eq!(sig3(f64::NAN), "NaN");
        assert_eq!(sig3(f64::NEG_INFINITY), "-∞");
    }
}
