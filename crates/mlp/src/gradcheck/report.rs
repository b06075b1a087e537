//! The report of a gradient check: one [`EntryCheck`] per scalar parameter (or input), gathered
//! in a [`GroupCheck`] per parameter group and a [`GradCheck`] overall, with the pass rule of
//! [`crate::gradcheck`] (both zero, or ratio in [0.99, 1.01], or relative error < 1e-6, or
//! absolute difference ≤ 1e-8·max(1, |R̃|); a non-finite value always fails).

use crate::params::{Params, Shape};

/// The course's criterion: the ratio g_bp / g_fd lies in [RATIO_MIN, RATIO_MAX].
pub const RATIO_MIN: f64 = 0.99;
/// See [`RATIO_MIN`].
pub const RATIO_MAX: f64 = 1.01;
/// Relative error a correct f64 implementation stays below (away from kinks).
pub const REL_TOLERANCE: f64 = 1e-6;
/// Absolute difference below which g_fd and g_bp are indistinguishable when |R̃| ≤ 1: the noise
/// floor of the centred difference. It scales with the objective: the floor of an entry is
/// `ABS_TOLERANCE · max(1, |R̃|)` (see [`EntryCheck::with_objective`] and the module
/// documentation of [`crate::gradcheck`]).
pub const ABS_TOLERANCE: f64 = 1e-8;
/// |g_fd| + |g_bp| below this counts as "both zero"; also the floor of the relative error's
/// denominator, as in math.md.
const BOTH_ZERO: f64 = 1e-12;

/// A parameter group, checked and reported separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    /// W1 `[d_h x d]`.
    W1,
    /// b1 (d_h).
    B1,
    /// W2 `[m x d_h]`.
    W2,
    /// b2 (m).
    B2,
    /// The input x (d), for (q). Not a parameter: it is not in [`Group::ALL`] and is reported in
    /// [`GradCheck::input`].
    X,
}

impl Group {
    /// The four groups in the order of θ = (W1, b1, W2, b2).
    pub const ALL: [Group; 4] = [Group::W1, Group::B1, Group::W2, Group::B2];

    /// The course's name: "W1", "b1", "W2" or "b2".
    pub fn name(self) -> &'static str {
        match self {
            Group::W1 => "W1",
            Group::B1 => "b1",
            Group::W2 => "W2",
            Group::B2 => "b2",
            Group::X => "x",
        }
    }

    /// (rows, columns) of this group for `shape`; biases and x have one column.
    pub fn dims(self, shape: Shape) -> (usize, usize) {
        match self {
            Group::W1 => (shape.d_h, shape.d),
            Group::B1 => (shape.d_h, 1),
            Group::W2 => (shape.m, shape.d_h),
            Group::B2 => (shape.m, 1),
            Group::X => (shape.d, 1),
        }
    }

    /// The value at (row, col) of this group in `p` (col is 0 for biases). [`Group::X`] is not
    /// part of θ: NaN.
    pub fn value(self, p: &Params, row: usize, col: usize) -> f64 {
        match self {
            Group::W1 => p.w1[(row, col)],
            Group::B1 => p.b1[row],
            Group::W2 => p.w2[(row, col)],
            Group::B2 => p.b2[row],
            Group::X => f64::NAN,
        }
    }

    /// The entry (row, col) of this group in `p`, to perturb it; `None` for [`Group::X`].
    pub(super) fn entry(self, p: &mut Params, row: usize, col: usize) -> Option<&mut f64> {
        match self {
            Group::W1 => Some(&mut p.w1[(row, col)]),
            Group::B1 => Some(&mut p.b1[row]),
            Group::W2 => Some(&mut p.w2[(row, col)]),
            Group::B2 => Some(&mut p.b2[row]),
            Group::X => None,
        }
    }
}

/// The comparison for one scalar parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryCheck {
    /// Row of the entry in its group.
    pub row: usize,
    /// Column of the entry (0 for a bias).
    pub col: usize,
    /// g_bp, the gradient being checked.
    pub backprop: f64,
    /// g_fd, the centred finite difference.
    pub finite_diff: f64,
    /// |g_fd − g_bp| / max(1e-12, |g_fd| + |g_bp|), exactly math.md's formula (0 when both are
    /// 0); `∞` when either is NaN or infinite. Never NaN.
    pub rel_error: f64,
    /// g_bp / g_fd; `None` when g_fd = 0 (including both 0) or when either is NaN or infinite.
    /// Never NaN.
    pub ratio: Option<f64>,
    /// The absolute noise floor of this entry, `ABS_TOLERANCE · max(1, |R̃|)` for the objective
    /// R̃ that was differenced: a difference |g_fd − g_bp| up to it passes.
    pub abs_tolerance: f64,
    /// A weight within ε of 0 under an L1 term: R̃ has a corner there, and `finite_diff` is the
    /// centred difference with the L1 term's secant replaced by its slope λ₁ sign(w) (see
    /// [`crate::gradcheck`]). False for every entry when no L1 coefficient is set.
    pub at_kink: bool,
}

impl EntryCheck {
    /// Compares `backprop` with `finite_diff` for the entry (row, col), with the noise floor of
    /// an objective |R̃| ≤ 1 ([`ABS_TOLERANCE`]). The same as
    /// [`with_objective`](Self::with_objective) with R̃ = 1.
    pub fn new(row: usize, col: usize, backprop: f64, finite_diff: f64) -> EntryCheck {
        EntryCheck::with_objective(row, col, backprop, finite_diff, 1.0)
    }

    /// Compares `backprop` with `finite_diff` for the entry (row, col) of a check of the
    /// objective value `objective` (R̃ at the unperturbed θ, or L for the input check).
    ///
    /// R̃ is known to about 1e-16·|R̃|, so g_fd is noisy by about 1e-16·|R̃|/ε: the absolute floor
    /// grows with |R̃|. A non-finite `objective` gives the floor of |R̃| = 1 (its differences are
    /// NaN and fail anyway).
    pub fn with_objective(
        row: usize,
        col: usize,
        backprop: f64,
        finite_diff: f64,
        objective: f64,
    ) -> EntryCheck {
        let (rel_error, ratio) = if backprop.is_finite() && finite_diff.is_finite() {
            let scale = finite_diff.abs() + backprop.abs();
            let rel_error = (finite_diff - backprop).abs() / scale.max(BOTH_ZERO);
            (
                rel_error,
                (finite_diff != 0.0).then(|| backprop / finite_diff),
            )
        } else {
            (f64::INFINITY, None) // e.g. exp overflow in an unshifted softmax: always a failure
        };
        let scale = if objective.is_finite() {
            objective.abs().max(1.0)
        } else {
            1.0
        };
        EntryCheck {
            row,
            col,
            backprop,
            finite_diff,
            rel_error,
            ratio,
            abs_tolerance: ABS_TOLERANCE * scale,
            at_kink: false,
        }
    }

    /// The rule of the module documentation, any one of: both (near) zero
    /// (|g_fd| + |g_bp| < 1e-12, e.g. a weight into a dead ReLU unit), ratio in [0.99, 1.01],
    /// relative error < 1e-6, or |g_fd − g_bp| ≤ [`abs_tolerance`](Self::abs_tolerance). A NaN
    /// or infinite value on either side never passes.
    pub fn passes(&self) -> bool {
        self.is_finite()
            && (self.finite_diff.abs() + self.backprop.abs() < BOTH_ZERO
                || self
                    .ratio
                    .is_some_and(|r| (RATIO_MIN..=RATIO_MAX).contains(&r))
                || self.rel_error < REL_TOLERANCE
                || (self.finite_diff - self.backprop).abs() <= self.abs_tolerance)
    }

    /// Whether both g_bp and g_fd are finite numbers (not NaN, not ±∞).
    pub fn is_finite(&self) -> bool {
        self.backprop.is_finite() && self.finite_diff.is_finite()
    }
}

/// The check of one parameter group.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupCheck {
    /// Which group.
    pub group: Group,
    /// One entry per scalar parameter, row by row.
    pub entries: Vec<EntryCheck>,
    /// The largest relative error (∞ if any entry is not finite).
    pub max_rel_error: f64,
    /// Index in `entries` of that largest relative error.
    pub worst: usize,
    /// Every entry passes.
    pub passes: bool,
}

impl GroupCheck {
    pub(super) fn new(group: Group, entries: Vec<EntryCheck>) -> GroupCheck {
        let (worst, max_rel_error) = worst_of(entries.iter().map(|e| e.rel_error));
        let passes = entries.iter().all(EntryCheck::passes);
        GroupCheck {
            group,
            entries,
            max_rel_error,
            worst,
            passes,
        }
    }
}

/// The check of all four parameter groups, and of the input when its gradient was given.
#[derive(Clone, Debug, PartialEq)]
pub struct GradCheck {
    /// W1, b1, W2, b2 in that order.
    pub groups: Vec<GroupCheck>,
    /// ∂L/∂x of (q), group [`Group::X`]: `Some` when the check was given a whole
    /// [`crate::Gradients`] ([`super::gradient_check`], [`super::check_gradients`]), `None` for
    /// [`super::check_against`], which gets ∂R̃/∂θ only.
    pub input: Option<GroupCheck>,
    /// The step ε used.
    pub epsilon: f64,
    /// R̃(θ) = L(x, y) + Ω(θ) at the unperturbed θ: the value whose differences were
    /// taken, which sets the absolute noise floor of every entry.
    pub objective: f64,
}

impl GradCheck {
    /// Every entry of every group, and of the input check if any, passes.
    pub fn passes(&self) -> bool {
        self.all_groups().all(|g| g.passes)
    }

    /// The largest relative error over all groups and the input check (∞ if any entry is not
    /// finite).
    pub fn max_rel_error(&self) -> f64 {
        worst_of(self.all_groups().map(|g| g.max_rel_error)).1
    }

    /// The largest relative error among the entries whose gradient stands above the noise
    /// floor ([`EntryCheck::abs_tolerance`]) on either side, 0 when none does. An entry whose
    /// g_bp and g_fd are both within the noise (a blank pixel's weight: 0 against ±1e-12) has a
    /// relative error near 1 that is only rounding: a summary that reports it would alarm for
    /// nothing.
    pub fn max_rel_error_above_noise(&self) -> f64 {
        let above = self
            .all_groups()
            .flat_map(|g| &g.entries)
            .filter(|e| !(e.is_finite() && e.finite_diff.abs().max(e.backprop.abs()) <= e.abs_tolerance))
            .map(|e| e.rel_error);
        worst_of(above).1
    }

    /// How many entries sit at an L1 kink ([`EntryCheck::at_kink`]).
    pub fn kinks(&self) -> usize {
        self.all_groups().flat_map(|g| &g.entries).filter(|e| e.at_kink).count()
    }

    /// The parameter groups followed by the input check, if any.
    pub fn all_groups(&self) -> impl Iterator<Item = &GroupCheck> {
        self.groups.iter().chain(&self.input)
    }
}

/// (index, value) of the largest value; a NaN counts as the largest.
fn worst_of(values: impl Iterator<Item = f64>) -> (usize, f64) {
    let mut worst = (0, 0.0_f64);
    for (i, v) in values.enumerate() {
        if worst.1.is_nan() {
            break;
        }
        if v.is_nan() || v > worst.1 {
            worst = (i, v);
        }
    }
    worst
}
