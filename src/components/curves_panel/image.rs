//! The training curves as a saved image: the title line with the epoch, the settings, and the
//! two charts side by side with their titles and legends, as the panel shows them (same scale,
//! same best epoch), at [`FIGURE_SCALE`].

use super::chart::{curve_style, CHART_CSS_PX};
use crate::components::data_plot::save_image::{fill_white, fit_header, offscreen};
use crate::i18n::curves::CurvesMsg;
use crate::i18n::exports::Figure;
use crate::i18n::{t, Lang};
use crate::plot::canvas::Canvas as ChartCanvas;
use crate::plot::curves::{EpochAxis, Metric};
use crate::plot::figure::{curves_size, draw_curves_figure, FIGURE_SCALE};
use crate::settings::Settings;
use mlp::EpochRecord;
use plotters::prelude::IntoDrawingArea;

/// What the curves image shows.
pub struct CurvesImage<'a> {
    pub lang: Lang,
    pub settings: &'a Settings,
    pub history: &'a [EpochRecord],
    pub log_scale: bool,
    pub best_epoch: Option<usize>,
    /// The epoch axis, as the panel shows it.
    pub epoch_axis: EpochAxis,
    /// The pinned runs, overlaid as on the page.
    pub pins: Vec<crate::plot::curves::Overlay<'a>>,
}

/// The curves image as a PNG `data:` URL; `None` without a history or if the browser could
/// not make it.
pub fn curves_png(image: CurvesImage<'_>) -> Option<String> {
    let CurvesImage { lang, settings, history, log_scale, best_epoch, epoch_axis, pins } = image;
    let epoch = history.last()?.epoch;
    let (width, _) = curves_size(CHART_CSS_PX, 0);
    let canvas = offscreen(width, 1)?;
    let header = fit_header(&canvas, lang, Figure::Curves, Some(epoch), settings, width)?;
    let (_, height) = curves_size(CHART_CSS_PX, header.height(FIGURE_SCALE));
    canvas.set_height(height);
    fill_white(&canvas)?;
    let mut loss = curve_style(lang, (Metric::Loss, CurvesMsg::MeanLoss), log_scale, FIGURE_SCALE, best_epoch, epoch_axis);
    let mut error = curve_style(lang, (Metric::Error, CurvesMsg::ErrorPercent), false, FIGURE_SCALE, best_epoch, epoch_axis);
    (loss.pins, error.pins) = (pins.clone(), pins);
    let charts = [(t(lang, CurvesMsg::LossTitle), &loss), (t(lang, CurvesMsg::ErrorTitle), &error)];
    let root = ChartCanvas::new(&canvas)?.into_drawing_area();
    draw_curves_figure(&root, &header, history, charts).ok()?;
    canvas.to_data_url_with_type("image/png").ok()
}
