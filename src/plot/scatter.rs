//! The data set as a scatter plot in the (x₁, x₂) plane.
//!
//! Training points are filled, validation and test points hollow; each class has its colour
//! and marker from [`crate::palette`]. The window is the fixed square
//! [−VIEW, VIEW]² that every generator fits in, so switching data sets never rescales the axes.

use super::axis::Axis;
use crate::palette::{class_marker, class_rgb, Marker};
use mlp::dataset::VIEW;
use mlp::{Dataset, Split};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The plot's layout in CSS pixels: margin around everything, then room for the tick labels
/// below (x) and to the left (y). [`data_at`] inverts it for clicks.
const MARGIN: f64 = 12.0;
const X_LABEL_AREA: f64 = 34.0;
const Y_LABEL_AREA: f64 = 54.0;

/// The (x₁, x₂) point under CSS pixel (`px`, `py`) of a square plot `side` CSS pixels wide, or
/// `None` outside the plotting area.
pub fn data_at(px: f64, py: f64, side: f64) -> Option<[f64; 2]> {
    let (left, right) = (MARGIN + Y_LABEL_AREA, side - MARGIN);
    let (top, bottom) = (MARGIN, side - MARGIN - X_LABEL_AREA);
    if !(left..=right).contains(&px) || !(top..=bottom).contains(&py) || right <= left || bottom <= top {
        return None;
    }
    let x1 = -VIEW + 2.0 * VIEW * (px - left) / (right - left);
    let x2 = VIEW - 2.0 * VIEW * (py - top) / (bottom - top);
    Some([x1, x2])
}

/// The plotting area of a square plot `side` device pixels wide drawn at `scale` device
/// pixels per CSS pixel, as (left, top, width, height) in device pixels: where the decision
/// regions go under the axes.
pub fn plot_area(side: u32, scale: f64) -> (u32, u32, u32, u32) {
    let px = |css: f64| (css * scale).round() as u32;
    let (left, top) = (px(MARGIN) + px(Y_LABEL_AREA), px(MARGIN));
    let right = side.saturating_sub(px(MARGIN));
    let bottom = side.saturating_sub(px(MARGIN) + px(X_LABEL_AREA));
    (left, top, right.saturating_sub(left), bottom.saturating_sub(top))
}

/// A plot's window and axis names, when it is not the plane's [−VIEW, VIEW]² in (x₁, x₂).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub x: (f64, f64),
    pub y: (f64, f64),
    pub names: (&'static str, &'static str),
}

impl Window {
    /// The smallest window holding `points` with a twentieth of room on each side (a unit
    /// square around a single point).
    pub fn around(points: &[[f64; 2]], names: (&'static str, &'static str)) -> Window {
        let range = |k: usize| {
            let (lo, hi) = points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| (lo.min(p[k]), hi.max(p[k])));
            if !(lo.is_finite() && hi.is_finite()) {
                return (-1.0, 1.0);
            }
            let pad = if hi - lo < 1e-9 { 0.5 } else { (hi - lo) / 20.0 };
            (lo - pad, hi + pad)
        };
        Window { x: range(0), y: range(1), names }
    }
}

/// What the plot needs besides the data.
#[derive(Clone, Copy, Debug)]
pub struct ScatterStyle {
    /// Device pixels per CSS pixel: sizes below are in CSS pixels and scaled by this.
    pub scale: f64,
    /// The example the stepper walks, ringed.
    pub picked: Option<[f64; 2]>,
    /// The axes' numbers with a decimal comma (French).
    pub decimal_comma: bool,
    /// `None`: the plane's square, in (x₁, x₂).
    pub window: Option<Window>,
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draws axes and the three sets of `split` on `root`, over a transparent background: the
/// decision regions show through from the canvas below.
pub fn draw_scatter<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    split: &Split,
    style: ScatterStyle,
) -> DrawResult<DB> {
    let px = |css: f64| (css * style.scale).round() as u32;
    let window = style.window.unwrap_or(Window { x: (-VIEW, VIEW), y: (-VIEW, VIEW), names: ("x₁", "x₂") });
    let mut chart = ChartBuilder::on(root)
        .margin(px(MARGIN))
        .x_label_area_size(px(X_LABEL_AREA))
        .y_label_area_size(px(Y_LABEL_AREA))
        .build_cartesian_2d(Axis::linear(window.x.0..window.x.1), Axis::linear(window.y.0..window.y.1))?;
    // The enum, not "sans-serif": see `super::curves::finish`.
    let label_font = (FontFamily::SansSerif, 13.0 * style.scale).into_font();
    let comma = style.decimal_comma;
    let tick = |v: &f64| super::curves::tick(*v, comma);
    chart
        .configure_mesh()
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .x_desc(window.names.0)
        .y_desc(window.names.1)
        .label_style(label_font.clone())
        .axis_desc_style(label_font)
        .light_line_style(RGBColor(120, 120, 120).mix(0.10))
        .bold_line_style(RGBColor(120, 120, 120).mix(0.25))
        .draw()?;
    let radius = px(3.5).max(2) as i32;
    let thin = px(1.5).max(1);
    for set in [&split.valid, &split.test] {
        draw_points(&mut chart, set, radius, ShapeStyle::from(BLACK).stroke_width(thin), false)?;
    }
    draw_points(&mut chart, &split.train, radius, ShapeStyle::from(BLACK).filled(), true)?;
    if let Some(p) = style.picked {
        let ring = ShapeStyle::from(BLACK).stroke_width(px(2.0).max(1));
        chart.draw_series(std::iter::once(EmptyElement::at((p[0], p[1])) + Circle::new((0, 0), radius * 3, ring)))?;
    }
    root.present()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicks_map_to_the_plot_window() {
        let side = 480.0;
        let [x1, x2] = data_at(MARGIN + Y_LABEL_AREA, MARGIN, side).expect("top-left corner");
        assert!((x1 + VIEW).abs() < 1e-12 && (x2 - VIEW).abs() < 1e-12);
        let [x1, x2] = data_at(side - MARGIN, side - MARGIN - X_LABEL_AREA, side).expect("bottom-right");
        assert!((x1 - VIEW).abs() < 1e-12 && (x2 + VIEW).abs() < 1e-12);
        assert_eq!(data_at(5.0, 5.0, side), None, "the margin is outside");
    }
}

type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// Draws one set, class by class, with each class's colour and marker; `base` gives the
/// fill/stroke and is recoloured per class. Markers are sized in pixels, centred on the point.
fn draw_points<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    set: &Dataset,
    r: i32,
    base: ShapeStyle,
    filled: bool,
) -> DrawResult<DB> {
    for class in 0..set.classes {
        let (red, green, blue) = class_rgb(class);
        let style = ShapeStyle { color: RGBColor(red, green, blue).to_rgba(), ..base };
        let points = set
            .points
            .iter()
            .zip(&set.labels)
            .filter(move |(_, &label)| label == class)
            .map(|(p, _)| EmptyElement::at((p[0], p[1])));
        // Crosses have no interior: draw them thicker for the "filled" set.
        let cross = if filled { style.stroke_width((r as u32 / 2).max(2)) } else { style };
        match class_marker(class) {
            Marker::Circle => chart.draw_series(points.map(|at| at + Circle::new((0, 0), r, style))),
            Marker::Triangle => chart.draw_series(points.map(|at| at + TriangleMarker::new((0, 0), r + 1, style))),
            Marker::Square => {
                chart.draw_series(points.map(|at| at + Rectangle::new([(-r + 1, -r + 1), (r - 1, r - 1)], style)))
            }
            Marker::Cross => chart.draw_series(points.map(|at| at + Cross::new((0, 0), r, cross))),
            Marker::Diamond if style.filled => chart.draw_series(points.map(|at| at + Polygon::new(diamond(r), style))),
            Marker::Diamond => chart.draw_series(points.map(|at| at + PathElement::new(closed(diamond(r)), style))),
        }?;
    }
    Ok(())
}

/// The corners of a diamond of half-diagonal `r + 1` around (0, 0) (as tall as a triangle).
pub fn diamond(r: i32) -> Vec<(i32, i32)> {
    let d = r + 1;
    vec![(0, -d), (d, 0), (0, d), (-d, 0)]
}

/// The outline through `corners` and back to the first.
fn closed(mut corners: Vec<(i32, i32)>) -> Vec<(i32, i32)> {
    corners.extend(corners.first().copied());
    corners
}
