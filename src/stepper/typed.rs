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
    let x = parse_numbers(x_text).map_err(|position| TypedError::XNotANumber { position })?;
    if x.len() != d {
        return Err(TypedError::XCount { expected: d, found: x.len() });
    }
    match y_text.trim().parse::<usize>() {
        Ok(y) if y < m => Ok((x, y)),
        _ => Err(TypedError::YNotAClass { m }),
    }
}

/// The finite numbers of `text`, separated by commas, semicolons or spaces; the 0-based
/// position of the first part that is not one.
fn parse_numbers(text: &str) -> Result<Vec<f64>, usize> {
    parts(text)
        .enumerate()
        .map(|(position, part)| part.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or(position))
        .collect()
}

/// The parts of `text` between commas, semicolons and spaces.
fn parts(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', ';', ' ', '\t']).filter(|p| !p.is_empty())
}

/// Why a typed point of the plot was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum PointError {
    /// A point is two numbers (x₁, x₂).
    Count { found: usize },
    /// The value at this 0-based position is not a finite number.
    NotANumber { position: usize },
    /// The point is outside the plot, [−view, view]².
    Outside { view: f64 },
}

/// Parses a point of the plot typed as "x₁, x₂" (commas, semicolons or spaces between), inside
/// [−`view`, `view`]².
pub fn parse_point(text: &str, view: f64) -> Result<[f64; 2], PointError> {
    let found = parts(text).count();
    if found != 2 {
        return Err(PointError::Count { found });
    }
    let numbers = parse_numbers(text).map_err(|position| PointError::NotANumber { position })?;
    let &[x1, x2] = numbers.as_slice() else { return Err(PointError::Count { found }) };
    if x1.abs() > view || x2.abs() > view {
        return Err(PointError::Outside { view });
    }
    Ok([x1, x2])
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

    #[test]
    fn points_are_two_numbers_inside_the_plot() {
        assert_eq!(parse_point(" 0.5; -1 ", 2.5), Ok([0.5, -1.0]));
        assert_eq!(parse_point("-2.5 2.5", 2.5), Ok([-2.5, 2.5]));
        assert_eq!(parse_point("1", 2.5), Err(PointError::Count { found: 1 }));
        assert_eq!(parse_point("", 2.5), Err(PointError::Count { found: 0 }));
        assert_eq!(parse_point("1, 2, 3", 2.5), Err(PointError::Count { found: 3 }));
        assert_eq!(parse_point("1, NaN", 2.5), Err(PointError::NotANumber { position: 1 }));
        assert_eq!(parse_point("3, 0", 2.5), Err(PointError::Outside { view: 2.5 }));
    }
}
