//! How many examples to train in one slice of time, at a set speed.
//!
//! At a set speed (epochs per second) a slice that comes `dt` after the previous one trains
//! `speed · n_train · dt` examples, the fractions carried over so that 1 epoch/s really is one
//! epoch a second. At full speed ("as fast as possible") the time budget is the only limit.

/// How fast the player trains.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Speed {
    /// The teaching pace: [`TEACHING_START`] epochs per second at first, so that a class sees
    /// the decision regions move epoch by epoch, then faster and faster, each doubling of the
    /// epoch count taking [`TEACHING_DOUBLING_S`] seconds: epoch 100 comes after about 11 s,
    /// epoch 10 000 after about 24 s, and a long run (spirals) still gets somewhere. On the
    /// curves' logarithmic epoch axis the run then moves at a steady pace.
    Teaching,
    /// As fast as the time budget allows.
    Fastest,
    /// A set number of epochs per second (positive and finite).
    PerSecond(f64),
}

/// The teaching pace's rate over its first epochs, in epochs per second.
pub const TEACHING_START: f64 = 2.0;
/// The seconds each doubling of the epoch count takes at the teaching pace, once past its
/// start.
pub const TEACHING_DOUBLING_S: f64 = 2.0;

impl Speed {
    /// The key of a link's `speed` parameter: `teach`, `0` (as fast as possible) or the
    /// epochs per second.
    pub fn key(self) -> String {
        match self {
            Speed::Teaching => TEACHING_KEY.to_owned(),
            Speed::Fastest => "0".to_owned(),
            Speed::PerSecond(rate) => {
                let text = format!("{rate:?}");
                text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
            }
        }
    }

    /// The speed of a rate in epochs per second: 0 (or anything not positive) is as fast as
    /// possible.
    pub fn from_rate(rate: f64) -> Speed {
        if rate > 0.0 && rate.is_finite() {
            Speed::PerSecond(rate)
        } else {
            Speed::Fastest
        }
    }

    /// The rate in epochs per second after `epoch` completed epochs; 0 = as fast as possible.
    pub fn epochs_per_second(self, epoch: usize) -> f64 {
        match self {
            Speed::Teaching => TEACHING_START.max(epoch as f64 * std::f64::consts::LN_2 / TEACHING_DOUBLING_S),
            Speed::Fastest => 0.0,
            Speed::PerSecond(rate) => rate,
        }
    }

}

/// The link's word for [`Speed::Teaching`].
pub const TEACHING_KEY: &str = "teach";

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
    fn the_teaching_pace_starts_slow_and_doubles_the_epochs_at_a_steady_rate() {
        assert_eq!(Speed::Teaching.epochs_per_second(0), TEACHING_START);
        assert_eq!(Speed::Teaching.epochs_per_second(3), TEACHING_START);
        // Simulate 60 slices a second on 100 examples: the epoch reached after t seconds.
        let (mut pace, n) = (Pace::default(), 100);
        let mut examples = 0_usize;
        let mut reached = Vec::new();
        for slice in 1..=60 * 30 {
            let rate = Speed::Teaching.epochs_per_second(examples / n);
            examples += pace.take(rate, n, 1000.0 / 60.0);
            if slice % (60 * 5) == 0 {
                reached.push(examples / n);
            }
        }
        // 5 s, 10 s, … 30 s: a few epochs first, then each 2 s doubles the count.
        assert!((6..=20).contains(&reached[0]), "{reached:?}");
        assert!((50..=200).contains(&reached[1]), "{reached:?}");
        for w in reached.windows(2).skip(1) {
            let ratio = w[1] as f64 / w[0] as f64;
            assert!((4.0..8.0).contains(&ratio), "5 s is 2.5 doublings: {reached:?}");
        }
    }

    #[test]
    fn a_speed_reads_back_from_its_key() {
        assert_eq!(Speed::Teaching.key(), "teach");
        assert_eq!(Speed::Fastest.key(), "0");
        assert_eq!(Speed::PerSecond(5.0).key(), "5");
        assert_eq!(Speed::PerSecond(100.0).key(), "100");
        assert_eq!(Speed::PerSecond(0.5).key(), "0.5");
        assert_eq!(Speed::from_rate(0.0), Speed::Fastest);
        assert_eq!(Speed::from_rate(20.0), Speed::PerSecond(20.0));
    }

    #[test]
    fn full_speed_is_limited_by_time_only_and_long_gaps_are_capped() {
        let mut pace = Pace::default();
        assert_eq!(pace.take(0.0, 140, 16.0), usize::MAX);
        assert_eq!(pace.take(f64::NAN, 140, 16.0), usize::MAX);
        assert_eq!(pace.take(10.0, 100, 5000.0), 100, "a 5 s pause counts as 100 ms");
    }
}
