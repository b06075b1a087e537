//! The result entry the student clicked in a step's table, whose formula the card shows.
//!
//! A cell index alone outlives the network it was clicked in: after d_h goes from 8 to 4, a
//! selected h^a[7] points past the end. So a [`Selection`] keeps the network's shape with the
//! cell, and the page reads it only through [`Selection::cell`], which returns `None` once the
//! walk has another shape or the cell no longer fits its quantity. A stale selection is
//! then simply no selection; there is no index to go wrong.

use super::quantity::Quantity;
use super::walk::Walk;
use mlp::Shape;

/// A clicked result cell, with the shape of the network it was clicked in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    cell: Cell,
    shape: Shape,
}

/// One entry of one quantity: `quantity[row, col]` (a vector has one column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    pub quantity: Quantity,
    pub row: usize,
    pub col: usize,
}

impl Selection {
    /// The selection of `cell` in `walk`, if the cell is inside its quantity there.
    pub fn new(walk: &Walk, cell: Cell) -> Option<Selection> {
        fits(walk, cell).then_some(Selection { cell, shape: walk.example.params.shape() })
    }

    /// The selected cell, if it still belongs to `walk`: the same network shape, and inside
    /// the quantity's current numbers.
    pub fn cell(&self, walk: &Walk) -> Option<Cell> {
        (walk.example.params.shape() == self.shape && fits(walk, self.cell)).then_some(self.cell)
    }

    /// The shape of the network the cell was clicked in.
    pub fn shape(&self) -> Shape {
        self.shape
    }
}

/// Whether `cell` indexes inside its quantity's numbers in `walk`.
fn fits(walk: &Walk, cell: Cell) -> bool {
    let (rows, cols) = cell.quantity.shape_in(walk);
    cell.row < rows && cell.col < cols
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stepper::Example;
    use mlp::Mistakes;
    use nalgebra::DVector;

    fn walk(d_h: usize) -> Walk {
        let shape = Shape::new(2, d_h, 3).unwrap();
        let params = crate::data::initial_params(shape, 7, 0);
        let example = Example { params, x: DVector::from_vec(vec![0.5, -1.0]), y: 2, penalty: mlp::Penalty::weight_decay(0.01), rule: mlp::UpdateRule::Sgd, eta: 0.1, mistakes: Mistakes::NONE };
        Walk::new(example).unwrap()
    }

    #[test]
    fn a_cell_outside_its_quantity_cannot_be_selected() {
        let w = walk(8);
        let inside = Cell { quantity: Quantity::HiddenActivation, row: 7, col: 0 };
        assert!(Selection::new(&w, inside).is_some());
        for (row, col) in [(8, 0), (0, 1), (usize::MAX, 0)] {
            assert_eq!(Selection::new(&w, Cell { quantity: Quantity::HiddenActivation, row, col }), None);
        }
        assert_eq!(Selection::new(&w, Cell { quantity: Quantity::Loss, row: 0, col: 1 }), None);
    }

    #[test]
    fn shapes_are_read_without_copying_the_numbers() {
        let w = walk(5);
        for step in crate::stepper::Step::ALL {
            let (reads, writes) = crate::stepper::content::operands(step);
            for q in reads.iter().chain(writes) {
                assert_eq!(q.shape_in(&w), q.value(&w).shape(), "{q:?}");
            }
        }
    }

    #[test]
    fn a_selection_is_gone_when_the_shape_changes() {
        let cell = Cell { quantity: Quantity::HiddenActivation, row: 7, col: 0 };
        let selection = Selection::new(&walk(8), cell).unwrap();
        assert_eq!(selection.cell(&walk(8)), Some(cell));
        // d_h = 4: h^a[7] does not exist any more.
        assert_eq!(selection.cell(&walk(4)), None);
        // d_h = 9: h^a[7] exists, but it is another network's unit; the selection is not carried over.
        assert_eq!(selection.cell(&walk(9)), None);
    }

    #[test]
    fn every_cell_of_every_quantity_at_every_step_gives_a_formula_only_for_that_steps_results() {
        // The phase views show several cards sharing one selection: a cell of one card's result
        // reaches the formula of every other card, and must neither panic nor mislead there.
        for w in [walk(1), walk(5)] {
            for step in crate::stepper::Step::ALL {
                let (_, writes) = crate::stepper::content::operands(step);
                for other in crate::stepper::Step::ALL {
                    let (reads, results) = crate::stepper::content::operands(other);
                    for &q in reads.iter().chain(results) {
                        let (rows, cols) = q.shape_in(&w);
                        for (row, col) in [(0, 0), (rows - 1, cols - 1), (rows, 0), (0, cols), (99, 99)] {
                            let cell = Cell { quantity: q, row, col };
                            let shown = crate::stepper::formula::formula(&w, step, cell, "more").is_some();
                            let expected = writes.contains(&q) && row < rows && col < cols;
                            assert_eq!(shown, expected, "{step:?} {cell:?}");
                        }
                    }
                }
            }
        }
    }

    /// A guard where clippy cannot help: `clippy::indexing_slicing` sees slices and arrays but
    /// not nalgebra's `m[(i, j)]`, which is how a clicked cell once crashed the page. The code
    /// that turns a click into numbers reads entries only through checked access (`get`,
    /// iterators): no `name[…]` indexing outside the tests.
    #[test]
    fn the_code_that_reads_a_clicked_cell_indexes_nothing_directly() {
        let sources = [
            ("stepper/formula.rs", include_str!("formula.rs")),
            ("stepper/selection.rs", include_str!("selection.rs")),
            ("components/step_card.rs", include_str!("../components/step_card.rs")),
            ("components/matrix_view.rs", include_str!("../components/matrix_view.rs")),
            ("components/stepper_panel.rs", include_str!("../components/stepper_panel.rs")),
        ];
        for (file, source) in sources {
            let code = source.split("#[cfg(test)]").next().unwrap_or(source);
            for (n, line) in code.lines().enumerate() {
                let line = line.split("//").next().unwrap_or(line);
                assert!(!indexes(line), "{file}:{}: direct indexing: {}", n + 1, line.trim());
            }
        }
        // And the scan sees what it looks for.
        assert!(indexes("let v = m[(r, c)];") && indexes("x.0[i]") && indexes("f()[0]"));
        assert!(!indexes("vec![1]") && !indexes("#[test]") && !indexes("&[Q]") && !indexes("m.get((r, c))"));
    }

    /// Whether a line of code indexes something: a `[` right after a name, `)` or `]`.
    fn indexes(line: &str) -> bool {
        let chars: Vec<char> = line.chars().collect();
        chars.windows(2).any(|w| w[1] == '[' && (w[0].is_alphanumeric() || "_)]".contains(w[0])))
    }
}
