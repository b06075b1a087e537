//! [`Shape`]: the sizes d, d_h, m of the network, with the limits that keep every buffer and
//! count derived from them (n_θ, `[K x d_h]` blocks, …) far from overflowing `usize`.

use super::ShapeError;

/// Largest number of inputs d accepted by [`Shape::new`] (the lab has 7 features; a worked case
/// may have more).
pub const MAX_D: usize = 64;
/// Largest number of hidden units d_h accepted by [`Shape::new`] (the page offers up to 256).
pub const MAX_D_H: usize = 4096;
/// Largest number of classes m accepted by [`Shape::new`] (the data sets have at most 8).
pub const MAX_M: usize = 64;

/// The sizes of the network: `d` inputs, `d_h` hidden units, `m` classes.
///
/// Build it with [`Shape::new`], which checks the limits. The fields are public for reading and
/// destructuring; a value written by hand beyond the limits is not checked (n_θ then saturates,
/// and allocating a [`super::Params`] of that shape may fail).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shape {
    /// Number of inputs (length of x).
    pub d: usize,
    /// Number of hidden units.
    pub d_h: usize,
    /// Number of classes (outputs of the softmax).
    pub m: usize,
}

impl Shape {
    /// A valid shape: `1 ≤ d ≤ MAX_D`, `1 ≤ d_h ≤ MAX_D_H` and `2 ≤ m ≤ MAX_M` (a softmax over
    /// one class is constant). With these limits n_θ is below 2²⁰ and fits any `usize`.
    pub fn new(d: usize, d_h: usize, m: usize) -> Result<Shape, ShapeError> {
        if d == 0 {
            return Err(ShapeError::ZeroDimension { name: "d" });
        }
        if d_h == 0 {
            return Err(ShapeError::ZeroDimension { name: "d_h" });
        }
        if m < 2 {
            return Err(ShapeError::TooFewClasses { m });
        }
        for (name, found, max) in [("d", d, MAX_D), ("d_h", d_h, MAX_D_H), ("m", m, MAX_M)] {
            if found > max {
                return Err(ShapeError::TooLarge { name, found, max });
            }
        }
        Ok(Shape { d, d_h, m })
    }

    /// n_θ = d_h·d + d_h + m·d_h + m, the number of scalar parameters (exercise (e)).
    ///
    /// Computed with checked arithmetic: a shape written by hand so large that n_θ does not fit
    /// a `usize` gives `usize::MAX` instead of wrapping or panicking.
    pub fn n_params(&self) -> usize {
        self.checked_n_params().unwrap_or(usize::MAX)
    }

    /// n_θ, or `None` when it overflows `usize` (only for a shape written by hand).
    pub fn checked_n_params(&self) -> Option<usize> {
        let hidden = self.d_h.checked_mul(self.d)?.checked_add(self.d_h)?;
        let output = self.m.checked_mul(self.d_h)?.checked_add(self.m)?;
        hidden.checked_add(output)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n_params_counts_every_scalar() {
        // (e): d_h·d + d_h + m·d_h + m = 3·2 + 3 + 4·3 + 4 = 25
        let shape = Shape::new(2, 3, 4).unwrap();
        assert_eq!(shape.n_params(), 25);
        let largest = Shape::new(MAX_D, MAX_D_H, MAX_M).unwrap();
        assert_eq!(largest.n_params(), 4096 * 64 + 4096 + 64 * 4096 + 64);
    }

    #[test]
    fn sizes_beyond_the_limits_are_errors_not_panics() {
        let err = Shape::new(MAX_D + 1, 4, 2).unwrap_err();
        assert_eq!(
            err,
            ShapeError::TooLarge {
                name: "d",
                found: 65,
                max: 64
            }
        );
        assert_eq!(
            err.to_string(),
            "d (number of inputs) is 65, more than the largest allowed, 64"
        );
        assert!(matches!(
            Shape::new(2, usize::MAX, 2),
            Err(ShapeError::TooLarge { name: "d_h", .. })
        ));
        assert!(matches!(
            Shape::new(2, 4, MAX_M + 1),
            Err(ShapeError::TooLarge { name: "m", .. })
        ));
        // Written by hand, past every limit: n_θ saturates instead of overflowing.
        let huge = Shape {
            d: usize::MAX,
            d_h: usize::MAX,
            m: usize::MAX,
        };
        assert_eq!(
            (huge.checked_n_params(), huge.n_params()),
            (None, usize::MAX)
        );
    }
}
