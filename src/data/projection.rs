//! The first two principal components of a table's inputs, computed on its training rows: how
//! the page draws rows of more than two inputs as points (the projection of each row on the
//! two directions along which the training rows vary most).

use mlp::{Dataset, Table};
use nalgebra::{DMatrix, SymmetricEigen};

/// The projection on two principal directions.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    /// The training rows' mean, subtracted before projecting.
    pub mean: Vec<f64>,
    /// The two unit directions, largest variance first; each one's largest entry is positive
    /// (an eigenvector's sign is arbitrary: this keeps the picture from flipping).
    pub axes: [Vec<f64>; 2],
    /// The share of the total variance along each direction, in [0, 1].
    pub explained: [f64; 2],
}

impl Projection {
    /// The principal directions of `train`'s rows; `None` with fewer than two inputs or rows.
    pub fn of(train: &Table) -> Option<Projection> {
        let (n, d) = (train.len(), train.dim);
        if d < 2 || n < 2 {
            return None;
        }
        let rows = DMatrix::from_row_slice(n, d, &train.values[..n * d]);
        let mean: Vec<f64> = (0..d).map(|c| rows.column(c).mean()).collect();
        let centred = DMatrix::from_fn(n, d, |i, c| rows[(i, c)] - mean[c]);
        let covariance = centred.transpose() * &centred / n as f64;
        let eigen = SymmetricEigen::new(covariance);
        let mut order: Vec<usize> = (0..d).collect();
        order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]));
        let total: f64 = eigen.eigenvalues.iter().map(|v| v.max(0.0)).sum();
        let axis = |k: usize| {
            let column: Vec<f64> = eigen.eigenvectors.column(order[k]).iter().copied().collect();
            let largest = column.iter().copied().fold(0.0_f64, |a, v| if v.abs() > a.abs() { v } else { a });
            column.iter().map(|v| if largest < 0.0 { -v } else { *v }).collect::<Vec<f64>>()
        };
        let share = |k: usize| if total > 0.0 { eigen.eigenvalues[order[k]].max(0.0) / total } else { 0.0 };
        Some(Projection { mean, axes: [axis(0), axis(1)], explained: [share(0), share(1)] })
    }

    /// `table`'s rows as points (c₁, c₂), with their labels.
    pub fn apply(&self, table: &Table) -> Dataset {
        let project = |row: &[f64], axis: &[f64]| row.iter().zip(&self.mean).zip(axis).map(|((x, m), a)| (x - m) * a).sum();
        let points = (0..table.len())
            .filter_map(|i| table.row(i))
            .map(|row| [project(row, &self.axes[0]), project(row, &self.axes[1])])
            .collect();
        Dataset { points, labels: table.labels[..table.len()].to_vec(), classes: table.classes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_direction_is_the_one_the_rows_spread_along() {
        // Rows along (1, 1, 0)/√2 with spread 10, a little along (0, 0, 1), none along (1, −1, 0).
        let mut values = Vec::new();
        for i in 0..21 {
            let t = (i as f64 - 10.0) * 1.0;
            let z = if i % 2 == 0 { 0.5 } else { -0.5 };
            values.extend_from_slice(&[3.0 + t, -1.0 + t, 2.0 + z]);
        }
        let table = Table { dim: 3, labels: vec![0; 21], values, classes: 2 };
        let p = Projection::of(&table).expect("3 inputs");
        let s = std::f64::consts::FRAC_1_SQRT_2;
        for (a, b) in p.axes[0].iter().zip([s, s, 0.0]) {
            assert!((a - b).abs() < 1e-9, "{:?}", p.axes);
        }
        for (a, b) in p.axes[1].iter().zip([0.0, 0.0, 1.0]) {
            assert!((a - b).abs() < 1e-9, "{:?}", p.axes);
        }
        assert!((p.mean[0] - 3.0).abs() < 1e-12 && (p.mean[1] + 1.0).abs() < 1e-12);
        // Variances 2·var(t) = 2·36.67 and 0.25 (n = 21, population).
        let var_t: f64 = (0..21).map(|i| ((i as f64 - 10.0)).powi(2)).sum::<f64>() / 21.0;
        let z_var = 0.25 - (0.5 / 21.0_f64).powi(2);
        let total = 2.0 * var_t + z_var;
        assert!((p.explained[0] - 2.0 * var_t / total).abs() < 1e-9 && (p.explained[1] - z_var / total).abs() < 1e-9, "{:?}", p.explained);
        let points = p.apply(&table);
        assert_eq!(points.len(), 21);
        // The first row: t = −10, so c₁ = −10·√2, c₂ = z minus its mean.
        assert!((points.points[0][0] + 10.0 * 2.0_f64.sqrt()).abs() < 1e-9, "{:?}", points.points[0]);
        assert!((points.points[0][1] - (0.5 - 0.5 / 21.0)).abs() < 1e-9, "{:?}", points.points[0]);
        let mean_c1: f64 = points.points.iter().map(|p| p[0]).sum::<f64>() / 21.0;
        assert!(mean_c1.abs() < 1e-9);
    }

    #[test]
    fn too_few_inputs_or_rows_have_no_projection() {
        assert_eq!(Projection::of(&Table { dim: 1, values: vec![1.0, 2.0], labels: vec![0, 1], classes: 2 }), None);
        assert_eq!(Projection::of(&Table { dim: 3, values: vec![1.0, 2.0, 3.0], labels: vec![0], classes: 2 }), None);
    }
}
