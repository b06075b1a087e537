//! How long to train in one animation frame when the engine runs on the main thread (no
//! worker): a frame never trains for more than [`FRAME_BUDGET_MS`], so the page keeps
//! answering while it trains. (How many examples a speed asks for is the engine's `Pace`.)

/// Milliseconds of training per frame at most, leaving the rest of a 60 Hz frame (16.7 ms)
/// for painting and for the student's typing. [`Budget`] lowers it when frames run late.
/// (Measured on the shipped page, moons 2-8-2: 9 ms trained 15 % more but let 5 % of the frames
/// run late, on the frames that also redraw the curves; 7 ms none.)
pub const FRAME_BUDGET_MS: f64 = 7.0;
const MIN_BUDGET_MS: f64 = 1.5;
/// At most this share of the display's frame interval goes to training (a 120 Hz screen has
/// 8.3 ms frames).
const MAX_SHARE: f64 = 0.42;
/// A frame is late when it comes this much later than the display's frame interval.
const LATE_FACTOR: f64 = 1.4;

/// The training time per frame, adapted to how long frames really take: when painting the
/// regions and curves leaves less room (a large network, a slow machine), training takes
/// less, so that frames stay at the display's rate and typing does not lag.
///
/// The display's frame interval is the median of the last frames' intervals. A late frame
/// cuts the budget by a third and remembers the budget that was too much (the ceiling); a
/// timely one adds a quarter millisecond, or a fiftieth near the ceiling, so the budget settles
/// just under what fits instead of overrunning every few frames. The ceiling rises slowly
/// again, for when the page gets lighter (a smaller network, the stepper scrolled away).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Budget {
    ms: f64,
    ceiling: f64,
    /// The last frame intervals (a ring), whose median is the display's frame interval: a
    /// late frame or an early callback now and then does not move it.
    recent: [f64; RECENT],
    next_slot: usize,
}

const RECENT: usize = 15;

impl Default for Budget {
    fn default() -> Self {
        Budget { ms: FRAME_BUDGET_MS, ceiling: FRAME_BUDGET_MS, recent: [1000.0 / 60.0; RECENT], next_slot: 0 }
    }
}

impl Budget {
    /// The display's frame interval: the median of the recent intervals.
    fn interval(&self) -> f64 {
        let mut sorted = self.recent;
        sorted.sort_by(f64::total_cmp);
        sorted[RECENT / 2]
    }

    /// The budget for the next frame, after a frame that came `dt_ms` after the previous one.
    pub fn next(&mut self, dt_ms: f64) -> f64 {
        if dt_ms.is_finite() && dt_ms > 0.0 {
            self.recent[self.next_slot] = dt_ms.min(MAX_FRAME_MS);
            self.next_slot = (self.next_slot + 1) % RECENT;
        }
        let interval = self.interval();
        let most = (MAX_SHARE * interval).clamp(MIN_BUDGET_MS, FRAME_BUDGET_MS);
        if dt_ms > LATE_FACTOR * interval {
            self.ceiling = self.ms;
            self.ms *= 0.67;
        } else {
            self.ms += if self.ms < 0.9 * self.ceiling { 0.25 } else { 0.02 };
            self.ceiling = (self.ceiling + 0.01).min(most);
        }
        self.ms = self.ms.clamp(MIN_BUDGET_MS, most);
        self.ms
    }
}

/// A frame longer than this (a background tab, a debugger pause) counts as this long, so a
/// slow frame does not turn into a burst of training.
const MAX_FRAME_MS: f64 = 100.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_frames_shrink_the_budget_and_timely_ones_restore_it() {
        let mut budget = Budget::default();
        let mut after_late = Vec::new();
        for _ in 0..6 {
            for _ in 0..12 {
                budget.next(16.7);
            }
            after_late.push(budget.next(40.0));
        }
        assert!(after_late.windows(2).all(|w| w[1] < w[0]), "{after_late:?}");
        assert!(after_late[5] < 0.8 * after_late[0], "{after_late:?}");
        for _ in 0..3000 {
            budget.next(16.7);
        }
        assert_eq!(budget.next(16.7), FRAME_BUDGET_MS);
    }

    #[test]
    fn a_slow_display_is_not_a_late_one() {
        // 30 Hz: once the intervals say so, 33 ms frames are on time.
        let mut budget = Budget::default();
        for _ in 0..1000 {
            budget.next(33.3);
        }
        assert_eq!(budget.next(33.3), FRAME_BUDGET_MS);
    }

    #[test]
    fn the_budget_settles_under_what_fits_in_a_frame() {
        // A page whose frames take 8 ms besides training, on a 60 Hz display: a frame is late
        // (two vsyncs, 33.3 ms) when training takes more than 8.7 ms of it.
        let mut budget = Budget::default();
        let mut dt = 16.7;
        let mut late = 0;
        for frame in 0..2000 {
            let ms = budget.next(dt);
            dt = if ms + 8.0 > 16.7 { 33.3 } else { 16.7 };
            if frame >= 1000 && dt > 20.0 {
                late += 1;
            }
        }
        assert!(late <= 30, "{late} late frames in 1000: more than 3 %");
        assert!(budget.next(16.7) > 6.0, "most of the room is used: {budget:?}");
    }

    #[test]
    fn a_faster_display_gets_a_smaller_budget() {
        let mut budget = Budget::default();
        for _ in 0..500 {
            budget.next(8.33);
        }
        let ms = budget.next(8.33);
        assert!(ms <= MAX_SHARE * 8.34 && ms > 3.0, "{ms}");
    }
}
