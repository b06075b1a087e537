//! The data set as a scatter plot in the (x₁, x₂) plane.
//!
//! Training points are filled, validation and test points hollow; each class has its colour
//! and marker from [`crate::palette`]. The window is the fixed square
//! [−VIEW, VIEW]² that every generator fits in, so switching data sets never rescales the axes.

use crate::palette::{class_marker, class_rgb, Marker};
use mlp::dataset::VIEW;
use mlp::{Dataset, Split};
use plotters::coord::Shift;
use plotters::prelude::*;

/// What the plot needs besides the data.
#[derive(Clone, Copy, Debug)]
pub struct ScatterStyle {
    /// Device pixels per CSS pixel: sizes below are in CSS pixels and scaled by this.
    pub scale: f64,
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draws axes and the three sets of `split` on `root`.
pub fn draw_scatter<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    split: &Split,
    style: ScatterStyle,
) -> DrawResult<DB> {
    let px = |css: f64| (css * style.scale).round() as u32;
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(root)
        .margin(px(12.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(54.0))
        .build_cartesian_2d(-VIEW..VIEW, -VIEW..VIEW)?;
    let label_font = ("sans-serif", 13.0 * style.scale).into_font();
    chart
        .configure_mesh()
        .x_desc("x₁")
        .y_desc("x₂")
        .label_style(label_font.clone())
        .axis_desc_style(label_font)
        .light_line_style(RGBColor(238, 238, 238))
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()?;
    let radius = px(3.5).max(2) as i32;
    let thin = px(1.5).max(1);
    for set in [&split.valid, &split.test] {
        draw_points(&mut chart, set, radius, ShapeStyle::from(BLACK).stroke_width(thin), false)?;
    }
    draw_points(&mut chart, &split.train, radius, ShapeStyle::from(BLACK).filled(), true)?;
    root.present()
}

type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>;

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
        }?;
    }
    Ok(())
}
