//! The best validation epoch: the record with the lowest mean validation loss, the usual
//! early-stopping choice (the weights of that epoch generalize best as far as the validation
//! set can tell).

use mlp::EpochRecord;

/// An epoch and its mean validation loss.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Best {
    pub epoch: usize,
    /// Mean loss (1/n) Σ L over the validation set.
    pub loss: f64,
}

/// The record with the lowest finite validation loss (the earliest on a tie); `None` without a
/// validation set or before the first record.
pub fn best_validation(history: &[EpochRecord]) -> Option<Best> {
    history
        .iter()
        .filter_map(|r| r.valid.map(|v| Best { epoch: r.epoch, loss: v.loss }))
        .filter(|b| b.loss.is_finite())
        // `min_by` keeps the first of equal minima: the earliest epoch wins a tie.
        .min_by(|a, b| a.loss.total_cmp(&b.loss))
}

/// The validation loss of `epoch`, as a [`Best`], when the history has that epoch with a
/// validation set: how a best epoch chosen elsewhere (the trainer's) is shown.
pub fn at_epoch(history: &[EpochRecord], epoch: usize) -> Option<Best> {
    // Records are in epoch order, one per epoch from 0: look where it should be first.
    let guess = history.get(epoch).filter(|r| r.epoch == epoch);
    let record = guess.or_else(|| history.iter().find(|r| r.epoch == epoch))?;
    record.valid.map(|v| Best { epoch, loss: v.loss })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mlp::SetStats;

    fn record(epoch: usize, valid_loss: Option<f64>) -> EpochRecord {
        let stats = |loss| SetStats { loss, objective: loss, error: 0.0 };
        EpochRecord { epoch, train: stats(1.0), valid: valid_loss.map(stats), test: None, dead_units: 0, weights: mlp::WeightStats::default() }
    }

    #[test]
    fn the_lowest_finite_validation_loss_wins_and_ties_go_to_the_earliest() {
        let losses = [0.9, 0.4, f64::NAN, 0.3, 0.5, 0.3];
        let history: Vec<_> = losses.iter().enumerate().map(|(e, &l)| record(e, Some(l))).collect();
        assert_eq!(best_validation(&history), Some(Best { epoch: 3, loss: 0.3 }));
        assert_eq!(best_validation(&[]), None);
        assert_eq!(best_validation(&[record(0, None), record(1, None)]), None, "no validation set");
    }

    #[test]
    fn a_given_epoch_is_looked_up_even_when_records_do_not_start_at_zero() {
        let history = vec![record(5, Some(0.7)), record(6, Some(0.2)), record(7, None)];
        assert_eq!(at_epoch(&history, 6), Some(Best { epoch: 6, loss: 0.2 }));
        assert_eq!(at_epoch(&history, 7), None, "no validation set at that epoch");
        assert_eq!(at_epoch(&history, 9), None, "not in the history");
    }
}
