//! An example typed by hand: x as d comma- or space-separated numbers, y as a class index.

/// Why a typed example was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypedError {
    /// x needs d numbers.
    XCount { expected: usize, found: usize },
    /// The value at this 0-based position is not a finite number.
    XNotANumber { position: usize },
    /// y is not an integer in 0..m.
    YNotAClass { m: usize },
}

/// Parses x (d numbers separated by commas, semicolons or spaces) and y (0..m).
pub fn parse_typed(x_text: &str, y_text: &str, d: usize, m: usize) -> Result<(Vec<f64>, usize), TypedError> {
    let parts: Vec<&str> = x_text.split([',', ';', ' ', '\t']).filter(|p| !p.is_empty()).collect();
    let mut x = Vec::with_capacity(parts.len());
    for (position, part) in parts.iter().enumerate() {
        match part.parse::<f64>() {
            Ok(v) if v.is_finite() => x.push(v),
            _ => return Err(TypedError::XNotANumber { position }),
        }
    }
    if x.len() != d {
        return Err(TypedError::XCount { expected: d, found: x.len() });
    }
    match y_text.trim().parse::<usize>() {
        Ok(y) if y < m => Ok((x, y)),
        _ => Err(TypedError::YNotAClass { m }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_d_numbers_and_a_class() {
        assert_eq!(parse_typed("0.5, -1", "1", 2, 2), Ok((vec![0.5, -1.0], 1)));
        assert_eq!(parse_typed("0.5 -1 2", "0", 3, 2), Ok((vec![0.5, -1.0, 2.0], 0)));
    }

    #[test]
    fn says_what_is_wrong() {
        assert_eq!(parse_typed("1, 2, 3", "0", 2, 2), Err(TypedError::XCount { expected: 2, found: 3 }));
        assert_eq!(parse_typed("1, deux", "0", 2, 2), Err(TypedError::XNotANumber { position: 1 }));
        assert_eq!(parse_typed("1, inf", "0", 2, 2), Err(TypedError::XNotANumber { position: 1 }));
        assert_eq!(parse_typed("1, 2", "2", 2, 2), Err(TypedError::YNotAClass { m: 2 }));
        assert_eq!(parse_typed("1, 2", "-1", 2, 2), Err(TypedError::YNotAClass { m: 2 }));
    }
}
