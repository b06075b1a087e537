//! The first two principal components of a table's inputs, computed on its training rows: how
//! the page draws rows of more than two inputs as points (the projection of each row on the
//! two directions along which the training rows vary most).

use mlp::{Dataset, Table};

/// Most power iterations per direction: enough for 1e-12 on well-separated variances; with
/// nearly equal ones the direction found is still in their plane, which is what the picture
/// needs.
const ITERATIONS: usize = 1000;

/// Most training rows the directions are computed from: the first ones of the (shuffled)
/// training set, so a file of 20 000 rows and 256 inputs costs the page a fraction of a second,
/// not seconds.
const MAX_ROWS: usize = 1000;

/// The unit eigenvector of the largest eigenvalue of the symmetric positive semi-definite
/// `matrix` (d × d, row by row), by power iteration, its largest entry positive; and that
/// eigenvalue.
fn top_direction(matrix: &[f64], d: usize) -> (Vec<f64>, f64) {
    let times = |v: &[f64]| -> Vec<f64> { (0..d).map(|a| matrix[a * d..(a + 1) * d].iter().zip(v).map(|(m, x)| m * x).sum()).collect() };
    let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
    // A start with a part along every direction (no eigenvector is orthogonal to it but by chance).
    let mut v: Vec<f64> = (0..d).map(|i| 1.0 + 0.37 * (i as f64 * 1.618).sin()).collect();
    let start = norm(&v);
    v.iter_mut().for_each(|x| *x /= start);
    let mut value = 0.0;
    for _ in 0..ITERATIONS {
        let next = times(&v);
        let length = norm(&next);
        if length < 1e-300 {
            break;
        }
        let next: Vec<f64> = next.iter().map(|x| x / length).collect();
        let change = next.iter().zip(&v).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        v = next;
        value = length;
        if change < 1e-13 {
            break;
        }
    }
    let largest = v.iter().copied().fold(0.0_f64, |a, x| if x.abs() > a.abs() { x } else { a });
    if largest < 0.0 {
        v.iter_mut().for_each(|x| *x = -*x);
    }
    (v, value)
}

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
    /// The principal directions of `train`'s rows (its first [`MAX_ROWS`]); `None` with fewer
    /// than two inputs or rows.
    pub fn of(train: &Table) -> Option<Projection> {
        let (n, d) = (train.len().min(MAX_ROWS), train.dim);
        if d < 2 || n < 2 {
            return None;
        }
        let rows = || (0..n).filter_map(|i| train.row(i));
        let mut mean = vec![0.0; d];
        for row in rows() {
            mean.iter_mut().zip(row).for_each(|(m, x)| *m += x / n as f64);
        }
        // The covariance matrix (population, 1/n), d × d row by row.
        let mut covariance = vec![0.0; d * d];
        for row in rows() {
            let centred: Vec<f64> = row.iter().zip(&mean).map(|(x, m)| x - m).collect();
            for (a, &ca) in centred.iter().enumerate() {
                for (b, &cb) in centred.iter().enumerate() {
                    covariance[a * d + b] += ca * cb / n as f64;
                }
            }
        }
        let total: f64 = (0..d).map(|a| covariance[a * d + a]).sum();
        let (first, variance_1) = top_direction(&covariance, d);
        // Deflated: the first direction's variance taken out, the next one is on top.
        for a in 0..d {
            for b in 0..d {
                covariance[a * d + b] -= variance_1 * first[a] * first[b];
            }
        }
        let (second, variance_2) = top_direction(&covariance, d);
        let share = |v: f64| if total > 0.0 { (v / total).clamp(0.0, 1.0) } else { 0.0 };
        Some(Projection { mean, axes: [first, second], explained: [share(variance_1), share(variance_2)] })
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
    fn the_directions_agree_with_a_full_eigendecomposition_on_the_wine_rows() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/csv/wine.csv");
        let text = std::fs::read_to_string(path).expect("the fixture");
        let table = mlp::dataset::csv::parse(&text, None).expect("wine").table;
        let table = mlp::dataset::Standardization::of(&table).apply(&table);
        let p = Projection::of(&table).expect("13 inputs");
        let (n, d) = (table.len(), table.dim);
        let rows = nalgebra::DMatrix::from_row_slice(n, d, &table.values);
        let centred = nalgebra::DMatrix::from_fn(n, d, |i, c| rows[(i, c)] - p.mean[c]);
        let eigen = nalgebra::SymmetricEigen::new(centred.transpose() * &centred / n as f64);
        let mut order: Vec<usize> = (0..d).collect();
        order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]));
        for k in 0..2 {
            let expected = eigen.eigenvectors.column(order[k]);
            let dot: f64 = expected.iter().zip(&p.axes[k]).map(|(a, b)| a * b).sum();
            assert!((dot.abs() - 1.0).abs() < 1e-9, "direction {k}: |cos| = {}", dot.abs());
            let share = eigen.eigenvalues[order[k]] / eigen.eigenvalues.sum();
            assert!((share - p.explained[k]).abs() < 1e-9, "share {k}: {share} vs {}", p.explained[k]);
        }
        // Wine's first two components of the z-scores: 36 % and 19 % of the variance.
        assert!((p.explained[0] - 0.362).abs() < 0.001 && (p.explained[1] - 0.192).abs() < 0.001, "{:?}", p.explained);
    }

    #[test]
    fn too_few_inputs_or_rows_have_no_projection() {
        assert_eq!(Projection::of(&Table { dim: 1, values: vec![1.0, 2.0], labels: vec![0, 1], classes: 2 }), None);
        assert_eq!(Projection::of(&Table { dim: 3, values: vec![1.0, 2.0, 3.0], labels: vec![0], classes: 2 }), None);
    }
}
