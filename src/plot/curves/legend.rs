//! The legend of a chart, put in the corner of the plot where it hides the least of the curves:
//! falling curves leave the upper right free, but a validation curve rising again at the end
//! (over-fitting, the very thing a student should see) would pass under it.

use super::{Curve, CurveStyle, DrawResult, Line, Points, FONT_PX};
use crate::plot::axis::Axis;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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
pub fn size(entries: &[(Sample, &str)], px: impl Fn(f64) -> u32) -> (i32, i32) {
    let longest = entries.iter().map(|(_, n)| n.chars().count()).max().unwrap_or(0);
    let width = 16.0 + 20.0 + 0.6 * FONT_PX * longest as f64 + 2.0 * MARGIN_PX;
    let height = 1.3 * FONT_PX * entries.len() as f64 + 12.0 + 2.0 * MARGIN_PX;
    (px(width) as i32, px(height) as i32)
}

/// The corner whose legend box covers the fewest points of the curves (the segments between
/// epochs sampled every few pixels), the first of [`CORNERS`] on a tie.
pub fn corner<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &ChartContext<'_, DB, Cartesian2d<Axis, Y>>,
    curves: &[(Curve, Points)],
    (w, h): (i32, i32),
) -> SeriesLabelPosition {
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let mut pixels = Vec::new();
    for (_, curve) in curves {
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

/// How an entry's sample is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sample {
    /// A solid line (a set's curve).
    Solid(RGBColor),
    /// A dashed line (the training objective, W⁽²⁾).
    Dashed(RGBColor),
    /// A dotted line (the penalty).
    Dotted(RGBColor),
    /// A short vertical stroke (the best-epoch line).
    Vertical(RGBColor),
}

/// The legend's entries, in drawing order: the curves that have points, then the best epoch.
pub fn entries<'s>(curves: &[(Curve, Points)], style: &'s CurveStyle<'s>) -> Vec<(Sample, &'s str)> {
    let mut entries: Vec<(Sample, &str)> = curves
        .iter()
        .filter(|(_, points)| !points.is_empty())
        .map(|&(curve, _)| {
            let colour = curve.colour();
            let sample = match curve.line() {
                Line::Solid => Sample::Solid(colour),
                Line::Dashed => Sample::Dashed(colour),
                Line::Dotted => Sample::Dotted(colour),
            };
            (sample, style.names[curve as usize])
        })
        .collect();
    if style.best_epoch.is_some() {
        entries.push((Sample::Vertical(super::BEST_COLOUR), style.best_name));
    }
    entries
}

/// Draws the legend box of `size` in `corner` of the plotting area: each entry's sample and
/// name on a nearly opaque white box. Drawn by hand rather than by plotters' series labels,
/// which measure every name through the page's layout (see `crate::plot::canvas`).
pub fn draw<'a, DB, X, Y>(
    chart: &ChartContext<'a, DB, Cartesian2d<X, Y>>,
    entries: &[(Sample, &str)],
    font: FontDesc<'_>,
    corner: SeriesLabelPosition,
    (w, h): (i32, i32),
    px: impl Fn(f64) -> u32,
) -> DrawResult<DB>
where
    DB: DrawingBackend + 'a,
    X: Ranged,
    Y: Ranged,
{
    let area = chart.plotting_area().strip_coord_spec();
    let (width, height) = area.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    let margin = px(MARGIN_PX) as i32;
    let (left, top) = match corner {
        SeriesLabelPosition::UpperLeft => (margin, margin),
        SeriesLabelPosition::LowerLeft => (margin, height - h),
        SeriesLabelPosition::LowerRight => (width - w, height - h),
        _ => (width - w, margin),
    };
    let (right, bottom) = (left + w - margin, top + h - margin);
    area.draw(&Rectangle::new([(left, top), (right, bottom)], WHITE.mix(0.85).filled()))?;
    area.draw(&Rectangle::new([(left, top), (right, bottom)], RGBColor(200, 200, 200)))?;
    let line = px(1.3 * FONT_PX) as i32;
    let (sample, gap, pad) = (px(16.0) as i32, px(6.0) as i32, px(6.0) as i32);
    let stroke = px(2.0).max(1);
    let text = font.color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (kind, name)) in entries.iter().enumerate() {
        let y = top + pad + line * i as i32 + line / 2;
        let x = left + pad;
        match *kind {
            Sample::Solid(colour) => area.draw(&PathElement::new([(x, y), (x + sample, y)], colour.stroke_width(stroke)))?,
            Sample::Dashed(colour) => {
                let half = sample / 2 - 1;
                area.draw(&PathElement::new([(x, y), (x + half - 1, y)], colour.stroke_width(stroke)))?;
                area.draw(&PathElement::new([(x + half + 2, y), (x + sample, y)], colour.stroke_width(stroke)))?;
            }
            Sample::Dotted(colour) => {
                for start in (0..sample).step_by((3 * stroke).max(3) as usize) {
                    let end = (start + stroke as i32).min(sample);
                    area.draw(&PathElement::new([(x + start, y), (x + end, y)], colour.stroke_width(stroke)))?;
                }
            }
            Sample::Vertical(colour) => {
                let (centre, reach) = (x + sample / 2, px(5.0) as i32);
                let mark = colour.stroke_width(px(1.5).max(1));
                area.draw(&PathElement::new([(centre, y - reach), (centre, y + reach)], mark))?;
            }
        }
        area.draw(&Text::new(name.to_string(), (x + sample + gap, y), text.clone()))?;
    }
    Ok(())
}
