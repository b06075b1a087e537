//! Data sets whose inputs are read, not drawn: rows of `dim` numbers each (the 8×8 digits, a
//! student's file), and [`Data`], what a trainer trains on — 2-D points through the input
//! features, or such rows as they are.

use super::{Dataset, Split};
use crate::features::FeatureSet;

/// A labelled set of inputs of any dimension: row `i` is `values[i·dim .. (i+1)·dim]`, its
/// class `labels[i] < classes`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Number of inputs per row (the network's d).
    pub dim: usize,
    /// The rows one after the other. // [n · dim]
    pub values: Vec<f64>,
    /// The class of each row.
    pub labels: Vec<usize>,
    /// Number of classes m (some may have no row).
    pub classes: usize,
}

impl Table {
    /// Number of complete labelled rows n (a hand-built table's extra values or labels are not
    /// counted).
    pub fn len(&self) -> usize {
        let rows = self.values.len().checked_div(self.dim).unwrap_or(0);
        rows.min(self.labels.len())
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`, or `None` past the end.
    pub fn row(&self, i: usize) -> Option<&[f64]> {
        if i >= self.len() {
            return None;
        }
        self.values.get(i * self.dim..(i + 1) * self.dim)
    }

    /// Number of rows of each class, `[classes]`; labels beyond `classes` are not counted.
    pub fn class_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.classes];
        for &y in &self.labels[..self.len()] {
            if let Some(count) = counts.get_mut(y) {
                *count += 1;
            }
        }
        counts
    }

    /// The rows as 2-D points, when they have two inputs (a file of two columns and a label is
    /// drawn in the plane like a generated set).
    pub fn points(&self) -> Option<Dataset> {
        (self.dim == 2).then(|| Dataset {
            points: self.values.chunks_exact(2).map(|p| [p[0], p[1]]).collect(),
            labels: self.labels[..self.len()].to_vec(),
            classes: self.classes,
        })
    }
}

impl<D> Split<D> {
    /// Each part mapped by `f`.
    pub fn map<E>(&self, f: impl Fn(&D) -> E) -> Split<E> {
        Split { train: f(&self.train), valid: f(&self.valid), test: f(&self.test) }
    }
}

/// The z-scores of a split's inputs: each column's mean and standard deviation on the training
/// set, applied to all three sets (so nothing of the validation and test sets leaks into them).
#[derive(Clone, Debug, PartialEq)]
pub struct Standardization {
    /// Each column's training mean.
    pub mean: Vec<f64>,
    /// Each column's training standard deviation (population, 1/n); 1 for a constant column,
    /// which is then only centred.
    pub std: Vec<f64>,
}

impl Standardization {
    /// The means and deviations of `train`'s columns.
    pub fn of(train: &Table) -> Standardization {
        let (n, dim) = (train.len(), train.dim);
        let mut mean = vec![0.0; dim];
        let mut square = vec![0.0; dim];
        for i in 0..n {
            for (c, &v) in train.row(i).unwrap_or_default().iter().enumerate() {
                mean[c] += v;
                square[c] += v * v;
            }
        }
        let count = n.max(1) as f64;
        let std = mean
            .iter_mut()
            .zip(&square)
            .map(|(m, &sq)| {
                *m /= count;
                let deviation = (sq / count - *m * *m).max(0.0).sqrt();
                if deviation > 1e-12 { deviation } else { 1.0 }
            })
            .collect();
        Standardization { mean, std }
    }

    /// `table` with every value x of column c replaced by (x − mean_c) / std_c.
    pub fn apply(&self, table: &Table) -> Table {
        let mut out = table.clone();
        if table.dim == self.mean.len() {
            for row in out.values.chunks_exact_mut(table.dim.max(1)) {
                for ((v, m), s) in row.iter_mut().zip(&self.mean).zip(&self.std) {
                    *v = (*v - m) / s;
                }
            }
        }
        out
    }

    /// The split standardized with its training set's statistics, and those statistics.
    pub fn split(split: &Split<Table>) -> (Split<Table>, Standardization) {
        let z = Standardization::of(&split.train);
        let out = Split { train: z.apply(&split.train), valid: z.apply(&split.valid), test: z.apply(&split.test) };
        (out, z)
    }
}

/// What a network trains on, split three ways.
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    /// 2-D points (the generated sets and the points a student clicks); the network's input x
    /// is the chosen features of a point.
    Plane(Split),
    /// Rows of inputs (the digits, a file); x is a row as it is.
    Table(Split<Table>),
}

impl Default for Data {
    fn default() -> Data {
        Data::Plane(Split::default())
    }
}

/// One of the three parts of a split.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Train,
    Valid,
    Test,
}

impl Data {
    /// The 2-D points, when the data are points.
    pub fn plane(&self) -> Option<&Split> {
        match self {
            Data::Plane(split) => Some(split),
            Data::Table(_) => None,
        }
    }

    /// The rows, when the data are a table.
    pub fn table(&self) -> Option<&Split<Table>> {
        match self {
            Data::Plane(_) => None,
            Data::Table(split) => Some(split),
        }
    }

    /// The network's input dimension d: the number of `features` for points, of columns for a
    /// table.
    pub fn dim(&self, features: FeatureSet) -> usize {
        match self {
            Data::Plane(_) => features.d(),
            Data::Table(split) => split.train.dim,
        }
    }

    /// Number of classes m the data were made with.
    pub fn classes(&self) -> usize {
        match self {
            Data::Plane(split) => split.train.classes,
            Data::Table(split) => split.train.classes,
        }
    }

    /// Number of examples in `part`.
    pub fn len(&self, part: Part) -> usize {
        match self {
            Data::Plane(split) => split.part(part).len(),
            Data::Table(split) => split.part(part).len(),
        }
    }

    /// The input x (through `features` for points) and the class y of example `i` of `part`,
    /// or `None` past the end.
    pub fn example(&self, part: Part, i: usize, features: FeatureSet) -> Option<(Vec<f64>, usize)> {
        match self {
            Data::Plane(split) => {
                let set = split.part(part);
                let (point, y) = (set.points.get(i)?, set.labels.get(i)?);
                let mut x = vec![0.0; features.d()];
                features.apply(*point, &mut x);
                Some((x, *y))
            }
            Data::Table(split) => {
                let set = split.part(part);
                Some((set.row(i)?.to_vec(), *set.labels.get(i)?))
            }
        }
    }

    /// The classes of `part`'s examples, in order.
    pub fn labels(&self, part: Part) -> &[usize] {
        match self {
            Data::Plane(split) => &split.part(part).labels,
            Data::Table(split) => {
                let set = split.part(part);
                &set.labels[..set.len()]
            }
        }
    }
}

impl<D> Split<D> {
    /// The set of `part`.
    pub fn part(&self, part: Part) -> &D {
        match part {
            Part::Train => &self.train,
            Part::Valid => &self.valid,
            Part::Test => &self.test,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standardization_uses_the_training_set_only() {
        let table = |values: Vec<f64>| Table { dim: 2, labels: vec![0; values.len() / 2], values, classes: 2 };
        let split = Split { train: table(vec![1.0, 5.0, 3.0, 5.0]), valid: table(vec![2.0, 7.0]), test: table(vec![]) };
        let (z, stats) = Standardization::split(&split);
        assert_eq!(stats, Standardization { mean: vec![2.0, 5.0], std: vec![1.0, 1.0] });
        assert_eq!(z.train.values, [-1.0, 0.0, 1.0, 0.0]);
        assert_eq!(z.valid.values, [0.0, 2.0]);
        assert!(z.test.is_empty());
        let spread = Standardization::of(&table(vec![0.0, 0.0, 4.0, 0.0]));
        assert_eq!(spread.std, [2.0, 1.0]);
    }
}
