//! What the views of a table's network show, as plain data: each example's predicted class, the
//! confusion matrix, which examples the gallery lists and on which page.

use mlp::{Params, Table};
use nalgebra::DVector;

/// The class the network predicts for each row of `table`: argmax o_a by the stepper's own
/// forward pass (a)–(b), the first on ties (the classes the trainer's error rate counts);
/// empty when the network does not fit the table.
pub fn predict(params: &Params, table: &Table) -> Vec<usize> {
    if params.shape().d != table.dim {
        return Vec::new();
    }
    let mut x = DVector::zeros(table.dim);
    let mut classes = Vec::with_capacity(table.len());
    for i in 0..table.len() {
        let Some(row) = table.row(i) else { break };
        x.copy_from_slice(row);
        match mlp::forward(params, &x, 0) {
            Ok(forward) => classes.push(forward.o_a.argmax().0),
            Err(_) => return Vec::new(),
        }
    }
    classes
}

/// Counts of (true class, predicted class) pairs: row = the truth, column = the prediction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confusion {
    m: usize,
    counts: Vec<usize>,
}

impl Confusion {
    /// The matrix of `m` classes over examples whose classes are `labels` and predictions
    /// `predicted` (pairs with a class ≥ m are left out).
    pub fn new(m: usize, labels: &[usize], predicted: &[usize]) -> Confusion {
        let mut counts = vec![0; m * m];
        for (&truth, &guess) in labels.iter().zip(predicted) {
            if truth < m && guess < m {
                counts[truth * m + guess] += 1;
            }
        }
        Confusion { m, counts }
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.m
    }

    /// Examples of class `truth` predicted as `guess`.
    pub fn count(&self, truth: usize, guess: usize) -> usize {
        if truth < self.m && guess < self.m {
            self.counts[truth * self.m + guess]
        } else {
            0
        }
    }

    /// Examples of class `truth`.
    pub fn row_total(&self, truth: usize) -> usize {
        (0..self.m).map(|guess| self.count(truth, guess)).sum()
    }

    /// Examples counted.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Examples off the diagonal.
    pub fn errors(&self) -> usize {
        self.total() - (0..self.m).map(|k| self.count(k, k)).sum::<usize>()
    }
}

/// Which examples the gallery lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    /// The misclassified ones.
    Wrong,
    /// One cell of the confusion matrix.
    Cell { truth: usize, guess: usize },
}

/// The indices of the examples `filter` keeps, in order.
pub fn matching(labels: &[usize], predicted: &[usize], filter: Filter) -> Vec<usize> {
    let keep = |truth: usize, guess: Option<usize>| match filter {
        Filter::All => true,
        Filter::Wrong => guess.is_some_and(|g| g != truth),
        Filter::Cell { truth: t, guess: g } => truth == t && guess == Some(g),
    };
    labels.iter().enumerate().filter(|&(i, &truth)| keep(truth, predicted.get(i).copied())).map(|(i, _)| i).collect()
}

/// Images per page of the gallery.
pub const PAGE: usize = 40;

/// The page `page` of `n` items: its range, with the page clamped to the last one.
pub fn page_range(n: usize, page: usize) -> std::ops::Range<usize> {
    let pages = n.div_ceil(PAGE).max(1);
    let start = page.min(pages - 1) * PAGE;
    start..(start + PAGE).min(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mlp::Shape;

    #[test]
    fn the_confusion_matrix_counts_pairs_and_errors() {
        let labels = [0, 1, 2, 2, 1, 0];
        let predicted = [0, 2, 2, 1, 1, 0];
        let c = Confusion::new(3, &labels, &predicted);
        assert_eq!((c.count(0, 0), c.count(1, 2), c.count(2, 1), c.count(2, 2)), (2, 1, 1, 1));
        assert_eq!((c.total(), c.errors(), c.row_total(2)), (6, 2, 2));
        assert_eq!(c.count(5, 0), 0);
        assert_eq!(matching(&labels, &predicted, Filter::Wrong), [1, 3]);
        assert_eq!(matching(&labels, &predicted, Filter::Cell { truth: 0, guess: 0 }), [0, 5]);
        assert_eq!(matching(&labels, &predicted, Filter::All).len(), 6);
        // Without predictions yet, only "all" lists anything.
        assert!(matching(&labels, &[], Filter::Wrong).is_empty());
    }

    #[test]
    fn pages_cover_the_list_and_clamp() {
        assert_eq!(page_range(0, 0), 0..0);
        assert_eq!(page_range(95, 1), 40..80);
        assert_eq!(page_range(95, 2), 80..95);
        assert_eq!(page_range(95, 9), 80..95);
    }

    #[test]
    fn predictions_are_the_argmax_of_the_scores() {
        // W2 picks class 1 when x0 > x1 (h = relu(x)), class 0 otherwise.
        let mut params = Params::zeros(Shape::new(2, 2, 2).expect("shape"));
        params.w1[(0, 0)] = 1.0;
        params.w1[(1, 1)] = 1.0;
        params.w2[(1, 0)] = 1.0;
        params.w2[(0, 1)] = 1.0;
        let table = Table { dim: 2, values: vec![1.0, 0.0, 0.0, 1.0, 0.2, 0.9], labels: vec![1, 0, 1], classes: 2 };
        assert_eq!(predict(&params, &table), [1, 0, 0]);
        let other = Table { dim: 3, values: vec![0.0; 3], labels: vec![0], classes: 2 };
        assert!(predict(&params, &other).is_empty());
    }
}
