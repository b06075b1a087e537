//! Drawing the two charts on their canvases, at most once per animation frame.
//!
//! Training publishes a new history many times a second; drawing on every change would draw
//! frames nobody sees. A change only asks for a frame (once: while one is pending, further
//! changes ride along), and the frame draws what the signals hold *then*, at most ten times a
//! second.

use super::best::Best;
use crate::components::app::LangSignal;
use crate::i18n::curves::{legend_names, CurvesMsg};
use crate::i18n::{t, Lang};
use crate::plot::curves::{draw_curves, CurveStyle, EpochAxis, Metric};
use leptos::html::Canvas;
use leptos::prelude::*;
use mlp::EpochRecord;
use plotters::prelude::IntoDrawingArea;
use crate::plot::canvas::Canvas as ChartCanvas;

/// Each chart's largest size in CSS pixels on the long page (and its aspect ratio there). A
/// chart is drawn at the size its box has on screen (a layout may give it another), with this
/// many device pixels per CSS pixel more; this size is the fallback when it has no box yet.
pub const CHART_CSS_PX: (f64, f64) = (520.0, 300.0);

/// Everything a pair of charts is drawn from: the loss and the error, or the weights' norms and
/// their share at 0.
#[derive(Clone, Copy)]
pub struct Charts {
    /// The two canvases, and what each shows with its y-axis label.
    pub canvases: [(NodeRef<Canvas>, Metric, CurvesMsg); 2],
    pub history: Signal<Vec<EpochRecord>>,
    /// Logarithmic y axis on the loss chart.
    pub log_scale: RwSignal<bool>,
    pub best: Memo<Option<Best>>,
    pub lang: LangSignal,
    /// The presenter's canvas zoom (1 outside presenter mode).
    pub zoom: Signal<f64>,
    /// Notified when a chart's box changes size (a layout, a window resized).
    pub resized: Trigger,
    /// How the epochs are laid along the x axis.
    pub x_axis: RwSignal<XAxisChoice>,
    /// Draw the charts compact: no legend in each (the page shows one for both) and no axis
    /// titles (the one-screen lab layout).
    pub compact: Signal<bool>,
    /// The pinned runs, overlaid (none where the page has no pins).
    pub pins: Option<crate::components::pins_panel::Pins>,
}

/// The window of recent epochs [`XAxisChoice::Last`] shows.
pub const LAST_EPOCHS: usize = 500;

/// The epoch axis a student chooses (the `xaxis` link parameter).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum XAxisChoice {
    /// Linear up to [`LAST_EPOCHS`] epochs, then logarithmic.
    #[default]
    Auto,
    Linear,
    Log,
    /// The last [`LAST_EPOCHS`] epochs.
    Last,
}

impl XAxisChoice {
    pub const ALL: [XAxisChoice; 4] = [XAxisChoice::Auto, XAxisChoice::Linear, XAxisChoice::Log, XAxisChoice::Last];

    /// The link's value.
    pub fn key(self) -> &'static str {
        match self {
            XAxisChoice::Auto => "auto",
            XAxisChoice::Linear => "linear",
            XAxisChoice::Log => "log",
            XAxisChoice::Last => "last",
        }
    }

    pub fn from_key(key: &str) -> Option<XAxisChoice> {
        let key = key.trim().to_ascii_lowercase();
        XAxisChoice::ALL.into_iter().find(|c| c.key() == key)
    }

    pub fn name(self) -> CurvesMsg {
        match self {
            XAxisChoice::Auto => CurvesMsg::XAxisAuto,
            XAxisChoice::Linear => CurvesMsg::XAxisLinear,
            XAxisChoice::Log => CurvesMsg::XAxisLog,
            XAxisChoice::Last => CurvesMsg::XAxisLast,
        }
    }

    /// The axis for a history whose last epoch is `last_epoch`.
    pub fn axis(self, last_epoch: usize) -> EpochAxis {
        match self {
            XAxisChoice::Auto if last_epoch > LAST_EPOCHS => EpochAxis::Log,
            XAxisChoice::Auto | XAxisChoice::Linear => EpochAxis::Linear,
            XAxisChoice::Log => EpochAxis::Log,
            XAxisChoice::Last => EpochAxis::Last(LAST_EPOCHS),
        }
    }
}

/// The charts are redrawn at most this often: ten times a second is smooth for curves, and
/// while training at full speed it leaves the frames to the training and the decision regions.
const MIN_INTERVAL_MS: f64 = 100.0;

impl Charts {
    /// Redraws both charts whenever what they show changes, at most once per
    /// [`MIN_INTERVAL_MS`] and one chart per animation frame (each takes a few milliseconds of
    /// a frame that also shows the decision regions: together they made frames late); a frame
    /// still pending when the panel unmounts is cancelled.
    pub fn redraw_on_change(self) {
        let pending = StoredValue::new(None::<AnimationFrameRequestHandle>);
        let last = StoredValue::new(f64::NEG_INFINITY);
        // The charts not drawn since the last change: [loss, error].
        let stale = StoredValue::new([false; 2]);
        Effect::new(move |_| {
            self.track();
            stale.set_value([true; 2]);
            if pending.with_value(Option::is_none) {
                self.request_frame(pending, last, stale);
            }
        });
        on_cleanup(move || {
            if let Some(Some(frame)) = pending.try_get_value() {
                frame.cancel();
            }
        });
    }

    /// Asks for an animation frame that draws the next stale chart, or asks again if the last
    /// round of drawing began less than [`MIN_INTERVAL_MS`] ago.
    fn request_frame(self, pending: StoredValue<Option<AnimationFrameRequestHandle>>, last: StoredValue<f64>, stale: StoredValue<[bool; 2]>) {
        let frame = request_animation_frame_with_handle(move || {
            let now = crate::lab::now_ms();
            // The panel may have unmounted since: then there is nothing left to draw.
            let (Some(previous), Some(charts)) = (last.try_get_value(), stale.try_get_value()) else { return };
            let second = charts == [false, true];
            if !second && now - previous < MIN_INTERVAL_MS {
                self.request_frame(pending, last, stale);
                return;
            }
            let which = usize::from(second);
            if !second {
                last.set_value(now);
            }
            stale.update_value(|s| s[which] = false);
            self.paint(which);
            if stale.with_value(|s| s.contains(&true)) {
                self.request_frame(pending, last, stale);
            } else {
                let _ = pending.try_set_value(None);
            }
        });
        let _ = pending.try_set_value(frame.ok());
    }

    /// Subscribes the running effect to everything a frame reads.
    fn track(&self) {
        self.canvases.iter().for_each(|(canvas, _, _)| canvas.track());
        self.history.track();
        self.log_scale.track();
        self.best.track();
        self.lang.track();
        self.zoom.track();
        self.resized.track();
        self.x_axis.track();
        self.compact.track();
        if let Some(pins) = self.pins {
            pins.track();
        }
    }

    /// Draws chart `which` (0 or 1) from the signals' current values (nothing if the panel is
    /// gone).
    fn paint(&self, which: usize) {
        let (Some(lang), Some(log_scale), Some(best)) =
            (self.lang.try_get_untracked(), self.log_scale.try_get_untracked(), self.best.try_get_untracked())
        else {
            return;
        };
        let best_epoch = best.map(|b| b.epoch);
        let last_epoch = self.history.try_with_untracked(|h| h.last().map_or(0, |r| r.epoch)).unwrap_or(0);
        let axis = self.x_axis.try_get_untracked().unwrap_or_default().axis(last_epoch);
        let compact = self.compact.try_get_untracked().unwrap_or(false);
        for (canvas, metric, y_label) in self.canvases.into_iter().skip(which).take(1) {
            let Some(Some(element)) = canvas.try_get_untracked() else { continue };
            let zoom = self.zoom.try_get_untracked().unwrap_or(1.0);
            let ratio = window().device_pixel_ratio().clamp(1.0, 4.0);
            let draw = |list: &[crate::pins::Pin]| {
                let mut style = curve_style(lang, (metric, y_label), log_scale, ratio * zoom, best_epoch, axis);
                style.compact = compact;
                style.pins = self.pins.map(|p| p.overlays(lang, list)).unwrap_or_default();
                self.history.try_with_untracked(|history| paint(&element, history, &style, ratio));
            };
            match self.pins {
                Some(pins) => {
                    pins.list.try_with_untracked(|list| draw(list));
                }
                None => draw(&[]),
            }
        }
    }
}

/// The labels and options of one chart: `metric` with its y-axis label, in `lang`, at `scale`
/// device pixels per CSS pixel (the page's, or a saved image's).
pub fn curve_style<'a>(
    lang: Lang,
    (metric, y_label): (Metric, CurvesMsg),
    log_scale: bool,
    scale: f64,
    best_epoch: Option<usize>,
    epoch_axis: EpochAxis,
) -> CurveStyle<'a> {
    let x_label = match epoch_axis {
        EpochAxis::Linear => CurvesMsg::EpochAxis,
        EpochAxis::Log => CurvesMsg::EpochAxisLog,
        EpochAxis::Last(_) => CurvesMsg::EpochAxisLast,
    };
    CurveStyle {
        metric,
        log_scale,
        scale,
        x_label: t(lang, x_label),
        epoch_axis,
        compact: false,
        y_label: t(lang, y_label),
        names: legend_names(lang),
        best_epoch,
        best_name: t(lang, CurvesMsg::BestLine),
        decimal_comma: lang == Lang::Fr,
        pins: Vec::new(),
    }
}

/// Sizes `element` to its box on screen at the screen's pixel `ratio` ([`CHART_CSS_PX`] while
/// it has no box) and draws the chart of `history` on it (its text and lines at
/// `style.scale`, larger than `ratio` in presenter mode). An empty history is not drawn: the
/// panel shows a placeholder instead.
fn paint(element: &web_sys::HtmlCanvasElement, history: &[EpochRecord], style: &CurveStyle<'_>, ratio: f64) {
    if history.is_empty() {
        return;
    }
    let (css_width, css_height) = match (element.client_width(), element.client_height()) {
        (w, h) if w > 40 && h > 40 => (f64::from(w), f64::from(h)),
        _ => CHART_CSS_PX,
    };
    let (width, height) = ((css_width * ratio).round() as u32, (css_height * ratio).round() as u32);
    if element.width() != width || element.height() != height {
        element.set_width(width);
        element.set_height(height);
    }
    let Some(backend) = ChartCanvas::new(element) else { return };
    let root = backend.into_drawing_area();
    if let Err(error) = draw_curves(&root, history, style) {
        leptos::logging::warn!("the training curves could not be drawn: {error:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_automatic_axis_turns_logarithmic_after_the_window_and_keys_read_back() {
        assert_eq!(XAxisChoice::Auto.axis(LAST_EPOCHS), EpochAxis::Linear);
        assert_eq!(XAxisChoice::Auto.axis(LAST_EPOCHS + 1), EpochAxis::Log);
        assert_eq!(XAxisChoice::Linear.axis(100_000), EpochAxis::Linear);
        assert_eq!(XAxisChoice::Log.axis(3), EpochAxis::Log);
        assert_eq!(XAxisChoice::Last.axis(3), EpochAxis::Last(LAST_EPOCHS));
        for choice in XAxisChoice::ALL {
            assert_eq!(XAxisChoice::from_key(choice.key()), Some(choice));
        }
        assert_eq!(XAxisChoice::from_key(" LOG "), Some(XAxisChoice::Log));
        assert_eq!(XAxisChoice::from_key("nope"), None);
    }
}
