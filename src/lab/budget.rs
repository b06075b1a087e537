//! How much to train in one animation frame.
//!
//! At a set speed (epochs per second) a frame trains `speed · n_train · dt` examples, the
//! fractions carried over so that 1 epoch/s really is one epoch a second. At full speed
//! ("as fast as possible") the frame's time budget is the only limit. Either way a frame never
//! trains for more than [`FRAME_BUDGET_MS`], so the page keeps answering while it trains.

/// Milliseconds of training per frame at most, leaving the rest of a 60 Hz frame (16.7 ms)
/// for painting and for the student's typing. [`Budget`] lowers it when frames run late.
pub const FRAME_BUDGET_MS: f64 = 9.0;
const MIN_BUDGET_MS: f64 = 1.5;
/// Frames further apart than this are late: the page is doing more than a frame's work.
const LATE_FRAME_MS: f64 = 20.0;

/// The training time per frame, adapted to how long frames really take: when painting the
/// regions and curves leaves less room (a large network, a slow machine), training takes
/// less, so that frames stay near 60 Hz and typing does not lag.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Budget {
    ms: f64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget { ms: FRAME_BUDGET_MS }
    }
}

impl Budget {
    /// The budget for the next frame, after a frame that came `dt_ms` after the previous one.
    pub fn next(&mut self, dt_ms: f64) -> f64 {
        self.ms = if dt_ms > LATE_FRAME_MS { self.ms * 0.8 } else { self.ms + 0.25 };
        self.ms = self.ms.clamp(MIN_BUDGET_MS, FRAME_BUDGET_MS);
        self.ms
    }
}

/// A frame longer than this (a background tab, a debugger pause) counts as this long, so a
/// slow frame does not turn into a burst of training.
const MAX_FRAME_MS: f64 = 100.0;

/// The examples one frame should train, and the fraction carried to the next frame.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pace {
    carry: f64,
}

impl Pace {
    /// Examples to train in a frame that came `dt_ms` after the previous one, at `speed`
    /// epochs per second (0 = as many as the time budget allows) on `n_train` examples.
    pub fn take(&mut self, speed: f64, n_train: usize, dt_ms: f64) -> usize {
        if !(speed > 0.0) || !speed.is_finite() {
            self.carry = 0.0;
            return usize::MAX;
        }
        let dt = dt_ms.clamp(0.0, MAX_FRAME_MS) / 1000.0;
        let wanted = speed * n_train as f64 * dt + self.carry;
        let whole = wanted.floor();
        self.carry = wanted - whole;
        whole as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_epoch_per_second_is_one_epoch_in_sixty_frames() {
        let mut pace = Pace::default();
        let total: usize = (0..60).map(|_| pace.take(1.0, 140, 1000.0 / 60.0)).sum();
        assert!((139..=140).contains(&total), "{total}");
    }

    #[test]
    fn late_frames_shrink_the_budget_and_timely_ones_restore_it() {
        let mut budget = Budget::default();
        let late: Vec<f64> = (0..20).map(|_| budget.next(33.0)).collect();
        assert!(late.windows(2).all(|w| w[1] <= w[0]) && late[19] == MIN_BUDGET_MS);
        for _ in 0..100 {
            budget.next(16.7);
        }
        assert_eq!(budget.next(16.7), FRAME_BUDGET_MS);
    }

    #[test]
    fn full_speed_is_limited_by_time_only_and_long_frames_are_capped() {
        let mut pace = Pace::default();
        assert_eq!(pace.take(0.0, 140, 16.0), usize::MAX);
        assert_eq!(pace.take(f64::NAN, 140, 16.0), usize::MAX);
        assert_eq!(pace.take(10.0, 100, 5000.0), 100, "a 5 s pause counts as 100 ms");
    }
}
