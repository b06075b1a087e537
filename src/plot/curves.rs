//! Training curves: per epoch, the mean loss (data term, and the regularized objective) or the
//! classification error, on the training, validation and test sets, with the epoch of the best
//! validation loss marked.

use mlp::{EpochRecord, SetStats};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Which quantity a chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Mean L (solid) and mean L + penalty (dashed, training set only).
    Loss,
    /// Fraction misclassified.
    Error,
}

/// Labels and options of a chart, in the page's language.
#[derive(Clone, Debug)]
pub struct CurveStyle<'a> {
    pub metric: Metric,
    /// Logarithmic y axis (loss only).
    pub log_scale: bool,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    pub x_label: &'a str,
    pub y_label: &'a str,
    /// Legend names of the training, validation and test curves and of the objective.
    pub names: [&'a str; 4],
    /// The epoch of the best validation loss, marked by a vertical line.
    pub best_epoch: Option<usize>,
}

/// Colours of the three sets: the Okabe–Ito blue, orange and bluish green.
const SET_COLOURS: [RGBColor; 3] = [RGBColor(0, 114, 178), RGBColor(230, 159, 0), RGBColor(0, 158, 115)];

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// The value a curve plots for one set.
fn value(stats: &SetStats, metric: Metric) -> f64 {
    match metric {
        Metric::Loss => stats.loss,
        Metric::Error => stats.error,
    }
}

/// Each curve as (epoch, value) points: training, validation, test, then the training
/// objective (loss only). Non-finite values are left out.
pub fn series(history: &[EpochRecord], metric: Metric) -> [Vec<(f64, f64)>; 4] {
    let points = |pick: &dyn Fn(&EpochRecord) -> Option<f64>| -> Vec<(f64, f64)> {
        history
            .iter()
            .filter_map(|r| pick(r).filter(|v| v.is_finite()).map(|v| (r.epoch as f64, v)))
            .collect()
    };
    [
        points(&|r| Some(value(&r.train, metric))),
        points(&|r| r.valid.as_ref().map(|s| value(s, metric))),
        points(&|r| r.test.as_ref().map(|s| value(s, metric))),
        match metric {
            Metric::Loss => points(&|r| Some(r.train.objective)),
            Metric::Error => Vec::new(),
        },
    ]
}

/// The y range of the curves, padded; for a log axis, positive.
fn y_range(curves: &[Vec<(f64, f64)>; 4], metric: Metric, log_scale: bool) -> (f64, f64) {
    let values = curves.iter().flatten().map(|p| p.1);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    match (metric, log_scale) {
        (Metric::Error, _) => (0.0, hi.max(0.05).min(1.0) * 1.05),
        (Metric::Loss, true) => {
            let lo = if lo.is_finite() && lo > 0.0 { lo } else { 1e-3 };
            (lo / 1.5, hi.max(lo * 10.0) * 1.5)
        }
        (Metric::Loss, false) => (0.0, if hi.is_finite() && hi > 0.0 { hi * 1.05 } else { 1.0 }),
    }
}

/// Draws the chart of `history` on `root`.
pub fn draw_curves<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    history: &[EpochRecord],
    style: &CurveStyle<'_>,
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let px = |css: f64| (css * style.scale).round() as u32;
    let curves = series(history, style.metric);
    let last_epoch = history.last().map(|r| r.epoch).unwrap_or(0).max(1) as f64;
    let (lo, hi) = y_range(&curves, style.metric, style.log_scale && style.metric == Metric::Loss);
    let font = ("sans-serif", 12.0 * style.scale).into_font();
    let mut builder = ChartBuilder::on(root);
    builder.margin(px(10.0)).x_label_area_size(px(34.0)).y_label_area_size(px(52.0));
    if style.log_scale && style.metric == Metric::Loss {
        let mut chart = builder.build_cartesian_2d(0.0..last_epoch, (lo..hi).log_scale())?;
        chart.configure_mesh().x_desc(style.x_label).y_desc(style.y_label).label_style(font.clone()).draw()?;
        plot_series(&mut chart, &curves, style, px)?;
        legend(&mut chart, font, px)
    } else {
        let mut chart = builder.build_cartesian_2d(0.0..last_epoch, lo..hi)?;
        chart.configure_mesh().x_desc(style.x_label).y_desc(style.y_label).label_style(font.clone()).draw()?;
        plot_series(&mut chart, &curves, style, px)?;
        legend(&mut chart, font, px)
    }
}

fn plot_series<'a, DB, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, Y>>,
    curves: &[Vec<(f64, f64)>; 4],
    style: &CurveStyle<'_>,
    px: impl Fn(f64) -> u32,
) -> DrawResult<DB>
where
    DB: DrawingBackend + 'a,
    Y: Ranged<ValueType = f64>,
{
    let width = px(2.0).max(1);
    for (i, points) in curves.iter().enumerate().filter(|(_, p)| !p.is_empty()) {
        let colour = SET_COLOURS[i % 3];
        let line = LineSeries::new(points.iter().copied(), colour.stroke_width(width));
        let series = if i == 3 {
            // The objective L + λ(ΣW²) of the training set, dashed.
            chart.draw_series(DashedLineSeries::new(points.iter().copied(), px(6.0) as i32, px(4.0) as i32, colour.stroke_width(width)))?
        } else {
            chart.draw_series(line)?
        };
        series.label(style.names[i]).legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], colour.stroke_width(2)));
    }
    if let Some(best) = style.best_epoch {
        let (y0, y1) = (chart.y_range().start, chart.y_range().end);
        let mark = ShapeStyle::from(RGBColor(120, 120, 120)).stroke_width(px(1.0).max(1));
        chart.draw_series(std::iter::once(PathElement::new([(best as f64, y0), (best as f64, y1)], mark)))?;
    }
    Ok(())
}

fn legend<'a, DB, X, Y>(chart: &mut ChartContext<'a, DB, Cartesian2d<X, Y>>, font: FontDesc<'_>, px: impl Fn(f64) -> u32) -> DrawResult<DB>
where
    DB: DrawingBackend + 'a,
    X: Ranged,
    Y: Ranged,
{
    chart
        .configure_series_labels()
        .label_font(font)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .position(SeriesLabelPosition::UpperRight)
        .margin(px(6.0))
        .draw()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(epoch: usize, loss: f64, error: f64, with_valid: bool) -> EpochRecord {
        let stats = SetStats { loss, objective: loss + 0.1, error };
        EpochRecord { epoch, train: stats, valid: with_valid.then_some(stats), test: None, dead_units: 0 }
    }

    #[test]
    fn series_follow_the_history_and_skip_what_is_missing_or_not_finite() {
        let history = vec![record(0, 0.7, 0.5, true), record(1, f64::NAN, 0.3, true), record(2, 0.2, 0.1, false)];
        let [train, valid, test, objective] = series(&history, Metric::Loss);
        assert_eq!(train, vec![(0.0, 0.7), (2.0, 0.2)]);
        assert_eq!(valid, vec![(0.0, 0.7)]);
        assert!(test.is_empty());
        assert_eq!(objective.len(), 2, "NaN + 0.1 is left out too");
        let [train, _, _, objective] = series(&history, Metric::Error);
        assert_eq!(train, vec![(0.0, 0.5), (1.0, 0.3), (2.0, 0.1)]);
        assert!(objective.is_empty());
    }

    #[test]
    fn y_ranges_are_padded_and_positive_on_a_log_axis() {
        let history = vec![record(0, 0.5, 0.4, false), record(1, 0.05, 0.0, false)];
        let (lo, hi) = y_range(&series(&history, Metric::Loss), Metric::Loss, true);
        assert!(lo > 0.0 && lo < 0.05 && hi > 0.6);
        let (lo, hi) = y_range(&series(&history, Metric::Error), Metric::Error, false);
        assert_eq!(lo, 0.0);
        assert!(hi >= 0.4 && hi <= 1.05);
    }
}
