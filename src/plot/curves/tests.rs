//! Tests of what the curves are drawn from: the series, their thinning and ranges, the tick
//! labels. The drawing itself is tested on a real canvas, in the browser (tests/web_curves.rs):
//! the crate has no native plotters backend (plotters' SVG and bitmap backends are features it
//! leaves off, and its mocked backend is private to plotters' own tests).

use super::*;

fn record(epoch: usize, loss: f64, error: f64, with_valid: bool) -> EpochRecord {
    let stats = SetStats { loss, objective: loss + 0.1, error };
    EpochRecord { epoch, train: stats, valid: with_valid.then_some(stats), test: None, dead_units: 0, weights: mlp::WeightStats::default() }
}

#[test]
fn series_follow_the_history_and_skip_what_is_missing_or_not_finite() {
    let history = vec![record(0, 0.7, 0.5, true), record(1, f64::NAN, 0.3, true), record(2, 0.2, 0.1, false)];
    let loss = series(&history, Metric::Loss);
    let keys: Vec<Curve> = loss.iter().map(|(c, _)| *c).collect();
    assert_eq!(keys, [Curve::Train, Curve::Valid, Curve::Test, Curve::Objective, Curve::Penalty]);
    let [(_, train), (_, valid), (_, test), (_, objective), (_, penalty)] = &loss[..] else { panic!("five curves") };
    assert_eq!(train, &vec![(0.0, 0.7), (2.0, 0.2)]);
    assert_eq!(valid, &vec![(0.0, 0.7)]);
    assert!(test.is_empty());
    assert_eq!(objective.len(), 2, "NaN + 0.1 is left out too");
    assert_eq!(penalty.len(), 3, "the penalty of every record");
    let error = series(&history, Metric::Error);
    assert_eq!(error.len(), 3, "no objective or penalty on the error chart");
    assert_eq!(error[0].1, vec![(0.0, 0.5), (1.0, 0.3), (2.0, 0.1)]);
    // the weights' charts read the records' weight statistics
    let mut sparse = history.clone();
    sparse[2].weights = mlp::WeightStats { penalty: 0.01, norm_w1: 2.0, norm_w2: 1.0, zero_w1: 0.75, zero_w2: 0.0 };
    let zeros = series(&sparse, Metric::Zeros);
    assert_eq!((zeros[0].0, zeros[0].1[2]), (Curve::ZeroW1, (2.0, 0.75)));
    assert_eq!(series(&sparse, Metric::Norms)[1].1[2], (2.0, 1.0));
    let (lo, hi) = y_range(&zeros, Metric::Zeros, false);
    assert!(lo == 0.0 && hi > 0.75 && hi <= 1.05, "{lo}..{hi}: a share, as the error");
}

#[test]
fn y_ranges_are_padded_and_positive_on_a_log_axis() {
    let history = vec![record(0, 0.5, 0.4, false), record(1, 0.05, 0.0, false)];
    let (lo, hi) = y_range(&series(&history, Metric::Loss), Metric::Loss, true);
    assert!(lo > 0.0 && lo <= 0.01 && hi > 0.6, "down to the power of ten below 0.05: {lo}");
    let falling = vec![record(0, 1.0, 0.4, false), record(1, 0.02, 0.0, false)];
    let (lo, hi) = y_range(&series(&falling, Metric::Loss), Metric::Loss, true);
    assert!(lo <= 0.01 && hi >= 1.5, "two labelled powers of ten, 0.01 and 1: {lo}..{hi}");
    let (lo, hi) = y_range(&series(&history, Metric::Error), Metric::Error, false);
    assert_eq!(lo, 0.0);
    assert!((0.4..=1.05).contains(&hi));
}

#[test]
fn thinning_keeps_short_curves_and_the_extremes_and_end_of_long_ones() {
    let short: Vec<(f64, f64)> = (0..10).map(|e| (e as f64, 1.0 / (1.0 + e as f64))).collect();
    assert_eq!(thin(&short, 100), short);
    // 10 000 epochs of a falling loss with one spike at epoch 5 001.
    let mut long: Vec<(f64, f64)> = (0..10_000).map(|e| (e as f64, 1.0 / (1.0 + e as f64))).collect();
    long[5001].1 = 9.0;
    let thinned = thin(&long, 400);
    assert!(thinned.len() <= 402, "{} points", thinned.len());
    assert!(thinned.contains(&(5001.0, 9.0)), "the spike survives");
    assert_eq!(thinned.first(), long.first(), "the start (highest of its run) survives");
    assert_eq!(thinned.last(), long.last(), "the curve ends on the last epoch");
    assert!(thinned.windows(2).all(|w| w[0].0 < w[1].0), "still in epoch order");
}

#[test]
fn ticks_are_short_and_follow_the_language() {
    assert_eq!(tick(0.25, false), "0.25");
    assert_eq!(tick(0.25, true), "0,25");
    assert_eq!(tick(3.0, false), "3");
    assert_eq!(tick(0.30000000000000004, false), "0.3");
    assert_eq!(tick(20.0, false), "20");
    assert_eq!(tick(1e-5, false), "1e-5");
    assert_eq!(tick(0.0, false), "0");
}

#[test]
fn thinning_for_a_log_axis_keeps_the_first_epochs_in_detail() {
    // 20 000 epochs of a loss that falls over the first hundred, then stays flat.
    let long: Vec<(f64, f64)> = (0..20_000).map(|e| (e as f64, 0.05 + 0.7 * (-(e as f64) / 30.0).exp())).collect();
    let thinned = thin_log(&long, 400);
    assert!(thinned.len() <= 402, "{} points", thinned.len());
    assert!(thinned.iter().all(|p| p.0 >= 1.0), "epoch 0 has no place on a log axis");
    assert_eq!(thinned.first(), Some(&long[1]));
    assert_eq!(thinned.last(), long.last());
    // The descent (epochs 1–100) is half the log axis of 1–20 000: about half the points.
    let descent = thinned.iter().filter(|p| p.0 <= 100.0).count();
    assert!(descent >= 60, "only {descent} points for the descent");
    assert!(thinned.windows(2).all(|w| w[0].0 < w[1].0), "still in epoch order");
    // Index-based thinning would have kept a handful of them.
    assert!(thin(&long, 400).iter().filter(|p| p.0 <= 100.0).count() < 10);
    let short: Vec<(f64, f64)> = (0..50).map(|e| (e as f64, 1.0)).collect();
    assert_eq!(thin_log(&short, 400), short[1..].to_vec());
}
