//! What the gradient-check panel shows, computed from a walk without any browser API: the
//! finite-difference check of the walk's gradients,
//!
//! ```text
//! g_fd_i = (R̃(θ + ε e_i) − R̃(θ − ε e_i)) / (2ε),   R̃ = L(x, y) + λ(ΣW1² + ΣW2²),   ε = 1e-5
//! ```
//!
//! (and of ∂L/∂x against differences of L in x), and the update check of step (f): R̃ before
//! and after θ ← θ − η∇R̃. Both judge with the *true* objective, whatever mistakes produced the
//! walk. Also how one entry is printed: its index, and its ratio g_bp / g_fd or why it has none.

use crate::stepper::{Example, Walk};
use mlp::gradcheck::{check_gradients, rule_update_check, EntryCheck, GradCheck, Group, GroupCheck, UpdateCheck};
use mlp::gradcheck::{DEFAULT_EPSILON, RATIO_MAX, RATIO_MIN};
use mlp::Shape;

/// Networks with at most this many parameters n_θ are checked as soon as the walk changes;
/// larger ones only when the student asks. The check costs 2(n_θ + d) forward passes, about
/// n_θ² operations. Measured natively (release, opt-level 3): 12 µs for the default 2-8-2
/// network (n_θ = 42), 4 ms for 7-128-8 (n_θ = 2056), 16 ms for 7-256-8 (n_θ = 4104). In the
/// page (size-optimized wasm, headless Chromium on a busy 2-core machine, best of 5, the
/// ~10 ms of one painted frame removed): 7–8 ms for 2-256-2 (n_θ = 1282), 15–18 ms for 7-128-8
/// and 45–95 ms for 7-256-8, so above this bound an automatic check would freeze the page for
/// about 50 ms or more at every change of the walk.
/// (`print_check_timings` in `tests/check.rs` prints the in-page figures for the networks above
/// this bound; build with the bound at 0 to time the smaller ones.)
pub const AUTO_MAX_PARAMS: usize = 2000;

/// Groups with at most this many entries are shown entry by entry; larger ones by their worst.
pub const SMALL_GROUP: usize = 16;

/// The two checks of one walk.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Backprop against centred differences, per group (W1, b1, W2, b2, then x).
    pub grads: GradCheck,
    /// R̃ before and after the walk's own update (its η and mistakes).
    pub update: UpdateCheck,
    /// The learning rate η of that update.
    pub eta: f64,
    /// The network's shape (d, d_h, m), for the groups' dimensions.
    pub shape: Shape,
}

impl Report {
    /// Checks `walk`: its gradients (`walk.grads`, computed with its mistakes) and its update.
    /// `None` when the check cannot run (a parameter or x that is not finite).
    pub fn of(walk: &Walk) -> Option<Report> {
        let Example { params, x, y, penalty, rule, eta, mistakes } = &walk.example;
        let grads = check_gradients(params, x, *y, *penalty, DEFAULT_EPSILON, &walk.grads).ok()?;
        let update = rule_update_check(params, x, *y, *penalty, (*rule, *eta), *mistakes).ok()?;
        Some(Report { grads, update, eta: *eta, shape: params.shape() })
    }

    /// Number of entries checked, over every group and x.
    pub fn total(&self) -> usize {
        self.grads.all_groups().map(|g| g.entries.len()).sum()
    }

    /// Number of entries that fail, over every group and x.
    pub fn failing(&self) -> usize {
        self.grads.all_groups().map(failing).sum()
    }

    /// The names of the groups that fail, e.g. `["W1", "b1", "x"]`.
    pub fn failing_groups(&self) -> Vec<&'static str> {
        self.grads.all_groups().filter(|g| !g.passes).map(|g| g.group.name()).collect()
    }

    /// Whether some entry on screen shows "—" for its ratio, so its note is needed.
    pub fn shows_a_dash(&self) -> bool {
        self.grads.all_groups().any(|g| shown_entries(g).iter().any(|e| !matches!(ratio(e), Ratio::Value(_))))
    }
}

/// Whether the walk is small enough to check on every change (see [`AUTO_MAX_PARAMS`]).
pub fn automatic(walk: &Walk) -> bool {
    n_params(walk) <= AUTO_MAX_PARAMS
}

/// n_θ of the walk's network.
pub fn n_params(walk: &Walk) -> usize {
    walk.example.params.shape().n_params()
}

/// Number of failing entries of a group.
pub fn failing(group: &GroupCheck) -> usize {
    group.entries.iter().filter(|e| !e.passes()).count()
}

/// The entries a group shows: all of them if it is small, else its worst one.
pub fn shown_entries(group: &GroupCheck) -> Vec<&EntryCheck> {
    if group.entries.len() <= SMALL_GROUP {
        group.entries.iter().collect()
    } else {
        group.entries.get(group.worst).into_iter().collect()
    }
}

/// The entry's index as numpy writes it: `[3, 1]` in a matrix, `[3]` in a vector.
pub fn index(group: Group, entry: &EntryCheck) -> String {
    match group {
        Group::W1 | Group::W2 => format!("[{}, {}]", entry.row, entry.col),
        Group::B1 | Group::B2 | Group::X => format!("[{}]", entry.row),
    }
}

/// The ratio g_bp / g_fd of an entry, or why it has none.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ratio {
    /// A number, inside or outside the course's 0.99–1.01.
    Value(f64),
    /// g_bp = g_fd = 0 (0/0), e.g. a weight of a dead ReLU unit: the entry passes.
    BothZero,
    /// g_fd = 0 but g_bp is not.
    ZeroFiniteDiff,
    /// A value is NaN or ∞: the entry fails.
    NotFinite,
}

impl Ratio {
    /// Whether the ratio lies in the course's interval [0.99, 1.01].
    pub fn in_range(self) -> bool {
        matches!(self, Ratio::Value(r) if (RATIO_MIN..=RATIO_MAX).contains(&r))
    }
}

/// The ratio of `entry`, never NaN.
pub fn ratio(entry: &EntryCheck) -> Ratio {
    match entry.ratio {
        Some(r) => Ratio::Value(r),
        None if !entry.is_finite() => Ratio::NotFinite,
        None if entry.finite_diff == 0.0 && entry.backprop != 0.0 => Ratio::ZeroFiniteDiff,
        None => Ratio::BothZero,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::initial_params;
    use crate::stepper::format::number;
    use mlp::{Mistake, Mistakes, Params};
    use nalgebra::DVector;

    /// The page's default network (2-8-2, seed 1) walking `x`, y = 0, with `mistakes`.
    fn walk(params: Params, x: &[f64], lambda: f64, mistakes: Mistakes) -> Walk {
        let x = DVector::from_column_slice(x);
        let example = Example { params, x, y: 0, penalty: mlp::Penalty::weight_decay(lambda), rule: mlp::UpdateRule::Sgd, eta: 0.1, mistakes };
        Walk::new(example).expect("the example fits the network")
    }

    fn default_params() -> Params {
        initial_params(Shape { d: 2, d_h: 8, m: 2 }, 1, 0)
    }

    #[test]
    fn the_correct_network_passes_both_checks() {
        let report = Report::of(&walk(default_params(), &[0.5, -0.25], 1e-3, Mistakes::NONE)).expect("finite");
        assert!(report.grads.passes() && report.update.decreased);
        assert_eq!((report.total(), report.failing()), (42 + 2, 0));
        assert!(report.failing_groups().is_empty());
    }

    #[test]
    fn every_mistake_fails_one_check_on_a_suitable_example() {
        // Penalised biases need biases that are not 0; the softmax needs logits past ±709.
        let mut biased = default_params();
        biased.b1.fill(0.5);
        biased.b2.fill(-0.5);
        // A transposed gradient needs a square weight matrix and rect'(0) a unit at h_a = 0: the
        // default network (d = 2, d_h = 3, m = 2) at this x has neither, and with b1 = 0.5 every
        // hidden unit is active (h_a = h_s), so these three change nothing here.
        let no_effect_here = [Mistake::Transposed, Mistake::ReluAtZero, Mistake::PreActivation];
        let active = walk(biased.clone(), &[0.5, -0.25], 1e-3, Mistakes::NONE);
        assert!(active.fwd.h_a.iter().all(|&a| a > 0.0));
        for mistake in Mistake::ALL {
            let x: &[f64] = if mistake == Mistake::UnshiftedSoftmax { &[1e4, 1e4] } else { &[0.5, -0.25] };
            let report = Report::of(&walk(biased.clone(), x, 1e-3, mistake.into())).expect("finite θ");
            let fails = !report.grads.passes() || !report.update.decreased;
            assert_eq!(fails, !no_effect_here.contains(&mistake), "{mistake:?}");
            let grads_fail = mistake.alters_gradient() && !no_effect_here.contains(&mistake);
            assert_eq!(report.grads.passes(), !grads_fail, "{mistake:?}");
        }
    }

    #[test]
    fn unshifted_softmax_on_huge_logits_shows_nan_and_fails() {
        let report = Report::of(&walk(default_params(), &[1e4, 1e4], 1e-3, Mistake::UnshiftedSoftmax.into()))
            .expect("θ is finite");
        let b2 = &report.grads.groups[3];
        assert!(!b2.passes && b2.entries.iter().all(|e| ratio(e) == Ratio::NotFinite));
        assert_eq!(number(b2.entries[0].backprop), "NaN");
        assert_eq!(number(b2.max_rel_error), "∞");
        assert!(report.shows_a_dash());
        // The same example without the mistake is fine: the shifted softmax stays finite.
        let right = Report::of(&walk(default_params(), &[1e4, 1e4], 1e-3, Mistakes::NONE)).expect("finite");
        assert!(right.grads.passes());
    }

    #[test]
    fn dead_units_have_no_ratio_and_pass() {
        // λ = 0: a dead unit's weights get exactly 0 from both sides (0/0).
        let report = Report::of(&walk(default_params(), &[0.5, -0.25], 0.0, Mistakes::NONE)).expect("finite");
        let w1 = &report.grads.groups[0];
        let dead: Vec<_> = w1.entries.iter().filter(|e| ratio(e) == Ratio::BothZero).collect();
        assert!(!dead.is_empty() && dead.iter().all(|e| e.passes()));
        assert!(!Ratio::BothZero.in_range() && Ratio::Value(1.005).in_range() && !Ratio::Value(0.5).in_range());
    }

    #[test]
    fn large_groups_show_their_worst_entry_and_large_networks_wait() {
        let small = walk(default_params(), &[0.5, -0.25], 1e-3, Mistakes::NONE);
        assert!(automatic(&small));
        let report = Report::of(&small).expect("finite");
        assert_eq!(shown_entries(&report.grads.groups[0]).len(), 16);
        assert_eq!(index(Group::W1, shown_entries(&report.grads.groups[0])[3]), "[1, 1]");
        assert_eq!(index(Group::X, &report.grads.input.as_ref().expect("x is checked").entries[1]), "[1]");
        let big = initial_params(Shape { d: 7, d_h: 256, m: 8 }, 1, 0);
        let big = walk(big, &[0.1; 7], 1e-3, Mistakes::NONE);
        assert_eq!(n_params(&big), 4104);
        assert!(!automatic(&big));
        let report = Report::of(&big).expect("finite");
        let w1 = &report.grads.groups[0];
        assert_eq!(shown_entries(w1), vec![&w1.entries[w1.worst]]);
    }
}
