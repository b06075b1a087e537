//! The legend of a chart, put in the corner of the plot where it hides the least of the curves:
//! falling curves leave the upper right free, but a validation curve rising again at the end
//! (over-fitting, the very thing a student should see) would pass under it.

use super::{CurveStyle, DrawResult, FONT_PX};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// Corners tried, in order of preference on a tie.
const CORNERS: [SeriesLabelPosition; 4] = [
    SeriesLabelPosition::UpperRight,
    SeriesLabelPosition::LowerLeft,
    SeriesLabelPosition::UpperLeft,
    SeriesLabelPosition::LowerRight,
];
/// Distance from the legend to the plot's edges, in CSS pixels.
const MARGIN_PX: f64 = 6.0;

/// The legend's approximate size in device pixels, margin included: its longest name at about
/// 0.6 em per character after a 16-pixel sample, one 1.3-em line per entry.
pub fn size(style: &CurveStyle<'_>, entries: usize, px: impl Fn(f64) -> u32) -> (i32, i32) {
    let longest = style.names.iter().chain([&style.best_name]).map(|n| n.chars().count()).max().unwrap_or(0);
    let width = 16.0 + 20.0 + 0.6 * FONT_PX * longest as f64 + 2.0 * MARGIN_PX;
    let height = 1.3 * FONT_PX * entries as f64 + 12.0 + 2.0 * MARGIN_PX;
    (px(width) as i32, px(height) as i32)
}

/// The corner whose legend box covers the fewest points of the curves (the segments between
/// epochs sampled every few pixels), the first of [`CORNERS`] on a tie.
pub fn corner<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &ChartContext<'_, DB, Cartesian2d<RangedCoordf64, Y>>,
    curves: &[Vec<(f64, f64)>; 4],
    (w, h): (i32, i32),
) -> SeriesLabelPosition {
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let mut pixels = Vec::new();
    for curve in curves {
        let points: Vec<(i32, i32)> = curve.iter().map(|p| chart.backend_coord(p)).collect();
        pixels.extend(points.first().copied());
        for pair in points.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            let steps = ((x1 - x0).abs().max((y1 - y0).abs()) / 3).max(1);
            pixels.extend((1..=steps).map(|i| (x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps)));
        }
    }
    let covered = |corner: &SeriesLabelPosition| {
        let (left, top) = match corner {
            SeriesLabelPosition::UpperLeft => (xs.start, ys.start),
            SeriesLabelPosition::LowerLeft => (xs.start, ys.end - h),
            SeriesLabelPosition::LowerRight => (xs.end - w, ys.end - h),
            _ => (xs.end - w, ys.start),
        };
        pixels.iter().filter(|(x, y)| (left..left + w).contains(x) && (top..top + h).contains(y)).count()
    };
    CORNERS.into_iter().min_by_key(covered).unwrap_or(SeriesLabelPosition::UpperRight)
}

/// Draws the legend in `corner`, on a nearly opaque white box.
pub fn draw<'a, DB, X, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    font: FontDesc<'_>,
    corner: SeriesLabelPosition,
    px: impl Fn(f64) -> u32,
) -> DrawResult<DB>
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
        .position(corner)
        .margin(px(MARGIN_PX))
        .draw()
}
