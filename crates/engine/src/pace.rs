//! How many examples to train in one slice of time, at a set speed.
//!
//! At a set speed (epochs per second) a slice that comes `dt` after the previous one trains
//! `speed · n_train · dt` examples, the fractions carried over so that 1 epoch/s really is one
//! epoch a second. At full speed ("as fast as possible") the time budget is the only limit.

/// A slice that comes longer than this after the previous one (a background tab, a debugger
/// pause) counts as this long, so a pause does not turn into a burst of training.
pub const MAX_SLICE_GAP_MS: f64 = 100.0;

/// The examples one slice should train, and what is carried to the next: the fraction of an
/// example not yet trained, or (negative) the examples a whole minibatch trained past the
/// slice's share.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pace {
    carry: f64,
}

impl Pace {
    /// Examples to train in a slice that came `dt_ms` after the previous one, at `speed`
    /// epochs per second (0 = as many as the time budget allows) on `n_train` examples.
    pub fn take(&mut self, speed: f64, n_train: usize, dt_ms: f64) -> usize {
        if !(speed > 0.0) || !speed.is_finite() {
            self.carry = 0.0;
            return usize::MAX;
        }
        let dt = dt_ms.clamp(0.0, MAX_SLICE_GAP_MS) / 1000.0;
        let wanted = speed * n_train as f64 * dt + self.carry;
        if wanted < 1.0 {
            self.carry = wanted;
            return 0;
        }
        let whole = wanted.floor();
        self.carry = wanted - whole;
        whole as usize
    }

    /// The slice trained `extra` examples more than [`Pace::take`] gave it (a minibatch is
    /// trained whole): the next slices train that much less.
    pub fn overshoot(&mut self, extra: usize) {
        self.carry -= extra as f64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_minibatches_keep_the_asked_speed() {
        // 2 epochs/s of 140 examples at 60 slices/s is 4.67 examples a slice, but a
        // minibatch of 10 trains 10 at once: the slices after it train nothing until it is paid.
        let mut pace = Pace::default();
        let mut trained = 0;
        for _ in 0..600 {
            let left = pace.take(2.0, 140, 1000.0 / 60.0);
            if left > 0 {
                let n = left.div_ceil(10) * 10;
                pace.overshoot(n - left);
                trained += n;
            }
        }
        // Ten seconds: 2800 examples, give or take one minibatch.
        assert!((2790..=2810).contains(&trained), "{trained}");
    }

    #[test]
    fn one_epoch_per_second_is_one_epoch_in_sixty_slices() {
        let mut pace = Pace::default();
        let total: usize = (0..60).map(|_| pace.take(1.0, 140, 1000.0 / 60.0)).sum();
        assert!((139..=140).contains(&total), "{total}");
    }

    #[test]
    fn full_speed_is_limited_by_time_only_and_long_gaps_are_capped() {
        let mut pace = Pace::default();
        assert_eq!(pace.take(0.0, 140, 16.0), usize::MAX);
        assert_eq!(pace.take(f64::NAN, 140, 16.0), usize::MAX);
        assert_eq!(pace.take(10.0, 100, 5000.0), 100, "a 5 s pause counts as 100 ms");
    }
}
