//! Training curves: per epoch, the mean loss (data term, the penalty Ω and the regularized
//! objective) or the classification error, on the training, validation and test sets, with the
//! epoch of the best validation loss marked; and the weights' size, ‖W⁽¹⁾‖ and ‖W⁽²⁾‖, and the
//! fraction of each layer's weights at 0.

use super::axis::Axis;
use mlp::{EpochRecord, SetStats};
use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::prelude::*;

/// Which quantity a chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Mean L (solid), the penalty Ω (dotted) and mean L + Ω (dashed, training set only).
    Loss,
    /// Fraction misclassified.
    Error,
    /// ‖W⁽¹⁾‖ and ‖W⁽²⁾‖.
    Norms,
    /// Fraction of W⁽¹⁾'s and of W⁽²⁾'s entries at 0.
    Zeros,
}

impl Metric {
    /// The curves of this chart, in drawing (and legend) order.
    pub fn curves(self) -> &'static [Curve] {
        match self {
            Metric::Loss => &[Curve::Train, Curve::Valid, Curve::Test, Curve::Objective, Curve::Penalty],
            Metric::Error => &[Curve::Train, Curve::Valid, Curve::Test],
            Metric::Norms => &[Curve::NormW1, Curve::NormW2],
            Metric::Zeros => &[Curve::ZeroW1, Curve::ZeroW2],
        }
    }

    /// Whether the values are fractions shown in percent.
    fn percent(self) -> bool {
        matches!(self, Metric::Error | Metric::Zeros)
    }
}

/// One curve a chart can draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    /// The training set's loss (or error).
    Train,
    Valid,
    Test,
    /// The training set's mean loss plus Ω.
    Objective,
    /// Ω alone.
    Penalty,
    NormW1,
    NormW2,
    ZeroW1,
    ZeroW2,
}

/// How a curve's line is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    Solid,
    Dashed,
    Dotted,
}

/// The vermillion of Okabe–Ito: the penalty, and W⁽²⁾ (4:1 on white, as a line needs 3:1).
pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);

impl Curve {
    /// Every curve, in the order of [`CurveStyle::names`].
    pub const ALL: [Curve; 9] = [
        Curve::Train,
        Curve::Valid,
        Curve::Test,
        Curve::Objective,
        Curve::Penalty,
        Curve::NormW1,
        Curve::NormW2,
        Curve::ZeroW1,
        Curve::ZeroW2,
    ];

    /// The sets keep their colours; the objective is the training set's, dashed; the penalty
    /// vermillion, dotted; W⁽¹⁾ blue and solid, W⁽²⁾ vermillion and dashed (told apart without
    /// colour too; on their own charts, whose legend names them).
    pub fn colour(self) -> RGBColor {
        match self {
            Curve::Train | Curve::Objective => SET_COLOURS[0],
            Curve::Valid => SET_COLOURS[1],
            Curve::Test => SET_COLOURS[2],
            Curve::Penalty | Curve::NormW2 | Curve::ZeroW2 => VERMILLION,
            Curve::NormW1 | Curve::ZeroW1 => SET_COLOURS[0],
        }
    }

    pub fn line(self) -> Line {
        match self {
            Curve::Objective | Curve::NormW2 | Curve::ZeroW2 => Line::Dashed,
            Curve::Penalty => Line::Dotted,
            _ => Line::Solid,
        }
    }

    /// The key of the curve in the page (`data-curve`, the legend's entries).
    pub fn key(self) -> &'static str {
        match self {
            Curve::Train => "train",
            Curve::Valid => "valid",
            Curve::Test => "test",
            Curve::Objective => "objective",
            Curve::Penalty => "penalty",
            Curve::NormW1 => "norm-w1",
            Curve::NormW2 => "norm-w2",
            Curve::ZeroW1 => "zero-w1",
            Curve::ZeroW2 => "zero-w2",
        }
    }

    /// The curve's value at a record of `metric`'s chart.
    fn value(self, r: &EpochRecord, metric: Metric) -> Option<f64> {
        let set = |s: Option<&SetStats>| s.map(|s| value(s, metric));
        match self {
            Curve::Train => set(Some(&r.train)),
            Curve::Valid => set(r.valid.as_ref()),
            Curve::Test => set(r.test.as_ref()),
            Curve::Objective => Some(r.train.objective),
            Curve::Penalty => Some(r.weights.penalty),
            Curve::NormW1 => Some(r.weights.norm_w1),
            Curve::NormW2 => Some(r.weights.norm_w2),
            Curve::ZeroW1 => Some(r.weights.zero_w1),
            Curve::ZeroW2 => Some(r.weights.zero_w2),
        }
    }
}

/// The colours of the pinned runs A–D (after Paul Tol's purple, wine, olive and indigo: apart
/// from the sets' colours and the grey of the text, 3:1 or more on white), their curves dashed.
pub const PIN_COLOURS: [RGBColor; 4] = [RGBColor(170, 68, 153), RGBColor(136, 34, 85), RGBColor(119, 119, 0), RGBColor(51, 34, 136)];

/// The colour of pinned run `letter` (A–D).
pub fn pin_colour(letter: char) -> RGBColor {
    let index = (letter as usize).saturating_sub('A' as usize);
    PIN_COLOURS[index.min(PIN_COLOURS.len() - 1)]
}

/// A pinned run drawn over the current one: its history and its legend name.
#[derive(Clone, Debug)]
pub struct Overlay<'a> {
    pub letter: char,
    pub history: &'a [EpochRecord],
    /// "A: λ = 0.01 vs 0.001".
    pub name: String,
}

/// A curve's points, (epoch, value).
pub type Points = Vec<(f64, f64)>;

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
    /// Legend names of the curves, in the order of [`Curve::ALL`].
    pub names: [&'a str; 9],
    /// The epoch of the best validation loss, marked by a vertical line.
    pub best_epoch: Option<usize>,
    /// Legend name of the best-epoch line.
    pub best_name: &'a str,
    /// Tick labels with a decimal comma (French) instead of a point.
    pub decimal_comma: bool,
    /// How the epochs are laid along the x axis.
    pub epoch_axis: EpochAxis,
    /// A chart for a small box: no legend (the page shows one for both charts) and no axis
    /// titles (its caption names them).
    pub compact: bool,
    /// Pinned runs, each drawn as one dashed curve in its colour: the chart's first curve
    /// (the training set's loss or error, ‖W⁽¹⁾‖, W⁽¹⁾'s share at 0).
    pub pins: Vec<Overlay<'a>>,
}

/// How a chart lays the epochs along its x axis. A long run squeezes its descent into the first
/// pixels of a linear axis; a logarithmic one keeps it in sight, and a window shows the recent
/// epochs at full width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EpochAxis {
    /// Every epoch, evenly spaced.
    Linear,
    /// Every epoch from 1 on a logarithmic axis (epoch 0, before training, cannot be placed).
    Log,
    /// The last this many epochs, evenly spaced.
    Last(usize),
}

/// Colours of the three sets: the Okabe–Ito blue, orange and bluish green.
pub const SET_COLOURS: [RGBColor; 3] = [RGBColor(0, 114, 178), RGBColor(230, 159, 0), RGBColor(0, 158, 115)];
/// Colour of the best-epoch marker: a neutral dark grey, so it is not mistaken for a curve.
pub const BEST_COLOUR: RGBColor = RGBColor(90, 90, 90);
/// Font size of the labels and the legend, in CSS pixels.
const FONT_PX: f64 = 12.0;
/// A curve with more points than this is thinned to this many before drawing: a chart is a few
/// hundred pixels wide, and a canvas line costs one call into JavaScript per point.
pub const MAX_POINTS: usize = 1200;

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// The value a set's curve plots.
fn value(stats: &SetStats, metric: Metric) -> f64 {
    match metric {
        Metric::Error => stats.error,
        _ => stats.loss,
    }
}

/// Each curve of `metric`'s chart as (epoch, value) points, in [`Metric::curves`] order.
/// Non-finite values are left out.
pub fn series(history: &[EpochRecord], metric: Metric) -> Vec<(Curve, Points)> {
    let points = |curve: Curve| -> Points {
        history
            .iter()
            .filter_map(|r| curve.value(r, metric).filter(|v| v.is_finite()).map(|v| (r.epoch as f64, v)))
            .collect()
    };
    metric.curves().iter().map(|&curve| (curve, points(curve))).collect()
}

/// At most about `max` of `points`, keeping the shape: the points are cut into `max / 2` runs
/// of consecutive epochs and each run keeps its lowest and highest point, in epoch order, so
/// spikes (a divergence, a noisy epoch) survive the thinning.
pub fn thin(points: &[(f64, f64)], max: usize) -> Vec<(f64, f64)> {
    let runs = (max / 2).max(1);
    if points.len() <= max.max(2) {
        return points.to_vec();
    }
    let run_len = points.len().div_ceil(runs);
    let mut out = Vec::with_capacity(2 * runs + 1);
    for run in points.chunks(run_len) {
        push_extremes(run, &mut out);
    }
    end_on_last(points, out)
}

/// Pushes the lowest and the highest point of `run` (one if they are the same), in epoch order.
fn push_extremes(run: &[(f64, f64)], out: &mut Vec<(f64, f64)>) {
    let lowest = run.iter().enumerate().min_by(|a, b| a.1 .1.total_cmp(&b.1 .1)).map_or(0, |(i, _)| i);
    let highest = run.iter().enumerate().max_by(|a, b| a.1 .1.total_cmp(&b.1 .1)).map_or(0, |(i, _)| i);
    let (first, second) = (lowest.min(highest), lowest.max(highest));
    out.extend(run.get(first));
    if second != first {
        out.extend(run.get(second));
    }
}

/// `out`, ending on the last point of `points`: the last epoch is where the eye looks.
fn end_on_last(points: &[(f64, f64)], mut out: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    if let (Some(&last), Some(&shown)) = (points.last(), out.last()) {
        if shown != last {
            out.push(last);
        }
    }
    out
}

/// Like [`thin`], for a logarithmic epoch axis: runs of equal width in log(epoch), not in
/// number of points, so that the first epochs (most of the axis) keep their detail. Points at
/// epochs below 1 are left out (they cannot be placed).
pub fn thin_log(points: &[(f64, f64)], max: usize) -> Vec<(f64, f64)> {
    let points: Vec<(f64, f64)> = points.iter().copied().filter(|p| p.0 >= 1.0).collect();
    let runs = (max / 2).max(1);
    let (Some(first), Some(last)) = (points.first(), points.last()) else { return points };
    if points.len() <= max.max(2) || last.0 <= first.0 {
        return points;
    }
    let (lo, span) = (first.0.ln(), last.0.ln() - first.0.ln());
    let run_of = |x: f64| (((x.ln() - lo) / span * runs as f64) as usize).min(runs - 1);
    let mut out = Vec::with_capacity(2 * runs + 1);
    for run in points.chunk_by(|a, b| run_of(a.0) == run_of(b.0)) {
        push_extremes(run, &mut out);
    }
    end_on_last(&points, out)
}

/// The y range of the curves, padded; for a log axis, positive.
fn y_range(curves: &[(Curve, Points)], metric: Metric, log_scale: bool) -> (f64, f64) {
    let values = curves.iter().flat_map(|(_, points)| points).map(|p| p.1);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    match (metric.percent(), log_scale) {
        (true, _) => (0.0, hi.clamp(0.05, 1.0) * 1.05),
        (false, true) => {
            let lo = if lo.is_finite() && lo > 0.0 { lo } else { 1e-3 };
            // Down to the power of ten below the lowest value, so that, with the top at least
            // ten times higher, the axis always has two labelled powers of ten.
            let decade = 10f64.powf(lo.log10().floor());
            ((lo / 1.5).min(decade), hi.max(lo * 10.0) * 1.5)
        }
        (false, false) => (0.0, if hi.is_finite() && hi > 0.0 { hi * 1.05 } else { 1.0 }),
    }
}

/// A tick label: at most four significant digits, trailing zeros dropped (`0.25`, `3`, `1e-5`).
pub fn tick(v: f64, decimal_comma: bool) -> String {
    let text = if v == 0.0 || !v.is_finite() {
        format!("{v}")
    } else if v.abs() < 1e-3 || v.abs() >= 1e5 {
        format!("{v:.0e}")
    } else {
        let decimals = (3 - v.abs().log10().floor() as i64).max(0) as usize;
        let fixed = format!("{v:.decimals$}");
        if fixed.contains('.') { fixed.trim_end_matches('0').trim_end_matches('.').to_owned() } else { fixed }
    };
    if decimal_comma { text.replace('.', ",") } else { text }
}

/// Draws the chart of `history` on `root`: epochs on x (whole numbers), the metric on y (the
/// error in percent), one curve per set, the best epoch as a grey vertical line, a legend.
pub fn draw_curves<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    history: &[EpochRecord],
    style: &CurveStyle<'_>,
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let px = |css: f64| (css * style.scale).round() as u32;
    let log_scale = style.log_scale && style.metric == Metric::Loss;
    let mut curves = series(history, style.metric);
    if log_scale {
        // log(0) is −∞: a loss that rounds to 0 cannot be placed on a log axis.
        curves.iter_mut().for_each(|(_, c)| c.retain(|p| p.1 > 0.0));
    }
    let mut overlays: Vec<(char, Points)> = style
        .pins
        .iter()
        .map(|pin| (pin.letter, series(pin.history, style.metric).into_iter().next().map(|(_, p)| p).unwrap_or_default()))
        .collect();
    if log_scale {
        overlays.iter_mut().for_each(|(_, c)| c.retain(|p| p.1 > 0.0));
    }
    let pinned_last = style.pins.iter().filter_map(|p| p.history.last()).map(|r| r.epoch).max().unwrap_or(0);
    let last_epoch = history.last().map_or(0, |r| r.epoch).max(pinned_last) as f64;
    let first_epoch = match style.epoch_axis {
        EpochAxis::Linear => history.first().map_or(0, |r| r.epoch) as f64,
        EpochAxis::Log => 1.0,
        EpochAxis::Last(n) => (last_epoch - n as f64).max(history.first().map_or(0, |r| r.epoch) as f64),
    };
    // Only the epochs on the axis (the y range follows what is shown), thinned along it.
    let curves: Vec<(Curve, Points)> = curves
        .into_iter()
        .map(|(curve, mut c)| {
            c.retain(|p| p.0 >= first_epoch);
            (curve, if style.epoch_axis == EpochAxis::Log { thin_log(&c, MAX_POINTS) } else { thin(&c, MAX_POINTS) })
        })
        .collect();
    let thin_along = |mut c: Points| {
        c.retain(|p| p.0 >= first_epoch);
        if style.epoch_axis == EpochAxis::Log { thin_log(&c, MAX_POINTS) } else { thin(&c, MAX_POINTS) }
    };
    let overlays: Vec<(char, Points)> = overlays.into_iter().map(|(letter, c)| (letter, thin_along(c))).collect();
    let x_range = first_epoch..last_epoch.max(first_epoch + 1.0);
    // The y range holds the pinned curves too (as the first curve's, which they are).
    let first = style.metric.curves()[0];
    let all: Vec<(Curve, Points)> = curves.iter().cloned().chain(overlays.iter().map(|(_, c)| (first, c.clone()))).collect();
    let (lo, hi) = y_range(&all, style.metric, log_scale);
    let mut builder = ChartBuilder::on(root);
    let titles = if style.compact { 0.0 } else { 1.0 };
    builder.margin(px(10.0)).x_label_area_size(px(18.0 + 16.0 * titles)).y_label_area_size(px(38.0 + 14.0 * titles));
    // One axis type for both axes and scales: one copy of plotters' chart code (see `super::axis`).
    let x_axis = if style.epoch_axis == EpochAxis::Log { Axis::log(x_range) } else { Axis::linear(x_range) };
    let y_axis = if log_scale { Axis::log(lo..hi) } else { Axis::linear(lo..hi) };
    let mut chart = builder.build_cartesian_2d(x_axis, y_axis)?;
    // As many y labels as the height holds (a short chart in a one-screen layout), up to 10.
    let height = f64::from(root.dim_in_pixel().1) / style.scale;
    let y_labels = (height / 32.0).clamp(3.0, 10.0) as usize;
    finish(&mut chart, (&curves, &overlays), style, px, y_labels)
}

/// The mesh with its labels, the curves, the best-epoch line and the legend.
fn finish<'a, DB, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<Axis, Y>>,
    (curves, overlays): (&[(Curve, Points)], &[(char, Points)]),
    style: &CurveStyle<'_>,
    px: impl Fn(f64) -> u32 + Copy,
    y_labels: usize,
) -> DrawResult<DB>
where
    DB: DrawingBackend + 'a,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    // The family as plotters' enum, not the string "sans-serif": parsing a family name calls
    // `str::to_lowercase`, whose Unicode case tables cost the page 17 KB of wasm (8 KB gzipped).
    let font = (FontFamily::SansSerif, FONT_PX * style.scale).into_font();
    let comma = style.decimal_comma;
    // Epochs are whole numbers: no more labels than epochs, none between two.
    let epochs = (chart.x_range().end - chart.x_range().start).round() as usize + 1;
    let x_tick = |x: &f64| format!("{x:.0}");
    let y_tick = |y: &f64| tick(if style.metric.percent() { y * 100.0 } else { *y }, comma);
    let mut mesh = chart.configure_mesh();
    if !style.compact {
        mesh.x_desc(style.x_label).y_desc(style.y_label);
    }
    mesh.x_labels(epochs.min(10))
        .y_labels(y_labels)
        .x_label_formatter(&x_tick)
        .y_label_formatter(&y_tick)
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        // A light grid only at the labels: the curves and the best-epoch line stand out.
        .bold_line_style(BLACK.mix(0.1))
        .light_line_style(TRANSPARENT)
        .draw()?;
    // The best epoch, when it is on the axis (a window of recent epochs may have left it).
    if let Some(best) = style.best_epoch.filter(|&b| b as f64 >= chart.x_range().start) {
        best_line(chart, best, px)?;
    }
    // The pinned runs first: the current run's curves stay on top.
    for (letter, points) in overlays.iter().filter(|(_, p)| !p.is_empty()) {
        let colour = pin_colour(*letter).stroke_width(px(2.0).max(1));
        chart.draw_series(DashedLineSeries::new(points.iter().copied(), px(9.0) as i32, px(4.0) as i32, colour))?;
    }
    plot_series(chart, curves, px)?;
    if style.compact {
        return Ok(());
    }
    let mut entries = legend::entries(curves, style);
    for (pin, (_, points)) in style.pins.iter().zip(overlays) {
        if !points.is_empty() {
            entries.push((legend::Sample::Dashed(pin_colour(pin.letter)), pin.name.as_str()));
        }
    }
    let size = legend::size(&entries, px);
    let shown: Vec<(Curve, Points)> = curves.iter().cloned().chain(overlays.iter().map(|(_, c)| (Curve::Train, c.clone()))).collect();
    let corner = legend::corner(chart, &shown, size);
    legend::draw(chart, &entries, font, corner, size, px)
}

/// The best epoch as a vertical line across the chart, drawn first so the curves stay on top.
fn best_line<'a, DB, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<Axis, Y>>,
    best: usize,
    px: impl Fn(f64) -> u32,
) -> DrawResult<DB>
where
    DB: DrawingBackend + 'a,
    Y: Ranged<ValueType = f64>,
{
    let (y0, y1) = (chart.y_range().start, chart.y_range().end);
    let mark = ShapeStyle::from(BEST_COLOUR).stroke_width(px(1.5).max(1));
    chart.draw_series(std::iter::once(PathElement::new([(best as f64, y0), (best as f64, y1)], mark)))?;
    Ok(())
}

/// The curves, each with its colour and line (see [`Curve::line`]).
fn plot_series<'a, DB, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<Axis, Y>>,
    curves: &[(Curve, Points)],
    px: impl Fn(f64) -> u32,
) -> DrawResult<DB>
where
    DB: DrawingBackend + 'a,
    Y: Ranged<ValueType = f64>,
{
    let width = px(2.0).max(1);
    for (curve, points) in curves.iter().filter(|(_, p)| !p.is_empty()) {
        let colour = curve.colour().stroke_width(width);
        let (dash, gap) = match curve.line() {
            Line::Solid => {
                chart.draw_series(LineSeries::new(points.iter().copied(), colour))?;
                continue;
            }
            Line::Dashed => (px(6.0), px(4.0)),
            Line::Dotted => (px(2.0), px(3.0)),
        };
        chart.draw_series(DashedLineSeries::new(points.iter().copied(), dash as i32, gap as i32, colour))?;
    }
    Ok(())
}

mod legend;

#[cfg(test)]
mod tests;
