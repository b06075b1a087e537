//! The student's wrong entries, outlined in the step tables with their value beside the correct
//! one: from the diagnosis of "Check my answers" and from a card's "Your value" box. Marks
//! belong to the case they were computed for; a table shows them only while that case is walked.

use std::sync::Arc;

use crate::components::case_panel::checker::Item;
use crate::components::case_panel::link::case_of;
use crate::stepper::quantity::Quantity as WalkQuantity;
use crate::stepper::Walk;
use leptos::prelude::*;
use mlp::homework::{Quantity, Verdict};
use mlp::{Case, Mistakes};

/// Given to the stepper's cards as a context.
#[derive(Clone, Copy)]
pub struct HomeworkMarks {
    pub marks: RwSignal<Option<Arc<Marks>>>,
    /// The mistake switches, for a card's "switch this mistake on".
    pub mistakes: RwSignal<Mistakes>,
}

/// Wrong entries of one case: ((table, row, column), the student's value), sorted by cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Marks {
    pub case: Case,
    cells: Vec<(Cell, f64)>,
}

/// A table's entry: (the table's place in the enum, row, column).
type Cell = (u8, usize, usize);

fn cell(q: WalkQuantity, r: usize, c: usize) -> Cell {
    (q as u8, r, c)
}

impl Marks {
    /// The wrong entries of `items` (the wrong ones of the same shape as the correct value).
    fn entries(items: &[Item]) -> impl Iterator<Item = (Cell, f64)> + '_ {
        items
            .iter()
            .filter(|i| i.verdict == Verdict::Wrong)
            .filter_map(|i| Some((walk_quantity(i.quantity), i)).filter(|_| i.given.is_some()))
            .flat_map(|(q, i)| {
                i.wrong_entries.iter().filter_map(move |&(r, c)| Some((cell(q, r, c), *i.given.as_ref()?.get((r, c))?)))
            })
    }

    /// Marks of a whole diagnosis.
    pub fn of(case: Case, items: &[Item]) -> Marks {
        Marks::sorted(case, Marks::entries(items).collect())
    }

    /// `previous` (when of the same case) with the marks of `quantity` replaced by `items`'.
    pub fn replace(previous: Option<&Marks>, case: Case, quantity: Quantity, items: &[Item]) -> Marks {
        let q = walk_quantity(quantity);
        let mut cells: Vec<_> = previous
            .filter(|p| p.case == case)
            .map(|p| p.cells.iter().copied().filter(|(k, _)| k.0 != q as u8).collect())
            .unwrap_or_default();
        cells.extend(Marks::entries(items));
        Marks::sorted(case, cells)
    }

    fn sorted(case: Case, mut cells: Vec<(Cell, f64)>) -> Marks {
        cells.sort_by_key(|(k, _)| *k);
        Marks { case, cells }
    }

    /// The student's value at (row, column) of `q`, when that entry is wrong.
    pub fn given_at(&self, q: WalkQuantity, r: usize, c: usize) -> Option<f64> {
        let key = cell(q, r, c);
        self.cells.binary_search_by_key(&key, |(k, _)| *k).ok().and_then(|i| self.cells.get(i)).map(|(_, v)| *v)
    }
}

/// The marks that apply to `walk` (none when another case or network is walked).
pub fn marks_for(walk: &Walk) -> Option<Arc<Marks>> {
    let h = use_context::<HomeworkMarks>()?;
    let marks = h.marks.get()?;
    (marks.case == case_of(walk)).then_some(marks)
}

/// The walk's table of a homework quantity.
pub fn walk_quantity(q: Quantity) -> WalkQuantity {
    use Quantity as H;
    use WalkQuantity as W;
    match q {
        H::HiddenActivation => W::HiddenActivation,
        H::HiddenOutput => W::HiddenOutput,
        H::OutputActivation => W::OutputActivation,
        H::Softmax => W::Softmax,
        H::Loss | H::RegularizedLoss => W::Loss,
        H::GradOutputActivation => W::GradOutputActivation,
        H::GradW2 => W::GradW2,
        H::GradB2 => W::GradB2,
        H::GradHiddenOutput => W::GradHiddenOutput,
        H::GradHiddenActivation => W::GradHiddenActivation,
        H::GradW1 => W::GradW1,
        H::GradB1 => W::GradB1,
        H::GradInput => W::GradX,
        H::RegW1 => W::RegW1,
        H::RegB1 => W::RegB1,
        H::RegW2 => W::RegW2,
        H::RegB2 => W::RegB2,
        H::NewW1 => W::NewW1,
        H::NewB1 => W::NewB1,
        H::NewW2 => W::NewW2,
        H::NewB2 => W::NewB2,
    }
}

/// The homework quantity a card's result table holds, when a student can give it alone
/// (not R̃, which has no table, nor the update, which needs η).
pub fn homework_quantity(q: WalkQuantity) -> Option<Quantity> {
    Quantity::ALL
        .into_iter()
        .filter(|h| !matches!(h, Quantity::RegularizedLoss) && h.path().0 != "updated_params")
        .find(|&h| walk_quantity(h) == q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_quantity_a_card_writes_maps_back() {
        for q in Quantity::ALL {
            if let Some(back) = homework_quantity(walk_quantity(q)) {
                assert_eq!(walk_quantity(back), walk_quantity(q));
            }
        }
        assert_eq!(homework_quantity(WalkQuantity::GradW2), Some(Quantity::GradW2));
        assert_eq!(homework_quantity(WalkQuantity::Loss), Some(Quantity::Loss));
        assert_eq!(homework_quantity(WalkQuantity::NewW1), None);
        assert_eq!(homework_quantity(WalkQuantity::X), None);
    }
}
