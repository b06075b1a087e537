//! The data set as a scatter plot on a canvas, with its legend and the network's size.

use super::app::LangSignal;
use crate::i18n::{class_name, split_summary, t, Msg};
use crate::palette::{class_css, class_marker};
use crate::plot::scatter::{draw_scatter, ScatterStyle};
use crate::settings::Settings;
use leptos::html::Canvas;
use leptos::prelude::*;
use mlp::{DatasetError, Split};
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

/// The plot's size in CSS pixels; the canvas has this many device pixels per CSS pixel more.
const PLOT_CSS_PX: f64 = 480.0;

#[component]
pub fn DataPlot(
    settings: RwSignal<Settings>,
    data: Memo<Result<Split, DatasetError>>,
    /// The data, or the last valid data while the settings are invalid.
    shown: Memo<Split>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let canvas = NodeRef::<Canvas>::new();

    // Redraw whenever the shown data changes.
    Effect::new(move |_| {
        let Some(element) = canvas.get() else { return };
        shown.with(|split| paint(&element, split));
    });

    let summary = move || {
        data.with(|d| match d {
            Ok(s) => split_summary(lang.get(), s.train.len(), s.valid.len(), s.test.len()),
            Err(_) => t(lang.get(), Msg::KeptPrevious).to_string(),
        })
    };
    view! {
        <section class="panel plot-panel" aria-labelledby="plot-heading">
            <h2 id="plot-heading">{move || t(lang.get(), Msg::PlotHeading)}</h2>
            <canvas id="data-plot" class="plot" node_ref=canvas role="img"
                aria-label=move || t(lang.get(), Msg::CanvasLabel) />
            <Legend shown=shown />
            <p class="caption">{move || t(lang.get(), Msg::PlotCaption)}</p>
            <p class="summary" id="split-summary">{summary}</p>
            <NetworkSize settings=settings />
        </section>
    }
}

/// Sizes the canvas for the screen's pixel ratio and draws the scatter on it.
fn paint(element: &web_sys::HtmlCanvasElement, split: &Split) {
    let scale = window().device_pixel_ratio().clamp(1.0, 4.0);
    let side = (PLOT_CSS_PX * scale).round() as u32;
    if element.width() != side {
        element.set_width(side);
        element.set_height(side);
    }
    let Some(backend) = CanvasBackend::with_canvas_object(element.clone()) else { return };
    let root = backend.into_drawing_area();
    if let Err(error) = draw_scatter(&root, split, ScatterStyle { scale }) {
        leptos::logging::warn!("the data plot could not be drawn: {error:?}");
    }
}

/// One entry per class: its marker in its colour, its name and its number of training points.
#[component]
fn Legend(shown: Memo<Split>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let entries = move || {
        shown.with(|split| {
            let counts = split.train.class_counts();
            counts
                .into_iter()
                .enumerate()
                .map(|(class, count)| {
                    view! {
                        <li>
                            <span class="marker" style:color=class_css(class) aria-hidden="true">
                                {class_marker(class).symbol()}
                            </span>
                            {class_name(lang.get(), class)} " (" {count} ")"
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! { <ul class="legend" id="legend">{entries}</ul> }
}

/// "d = 2 · d_h = 8 · m = 2 → n_θ = 50", exercise (e).
#[component]
fn NetworkSize(settings: RwSignal<Settings>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let line = move || {
        settings.with(|s| {
            let (d, d_h, m) = (s.features.d(), s.d_h, s.m);
            let n_theta = s.shape().map(|shape| shape.n_params()).unwrap_or(0);
            format!("d = {d} · d_h = {d_h} · m = {m} → n_θ = {n_theta}")
        })
    };
    view! {
        <p class="network-size" id="network-size">
            <span>{line}</span> " " <small>"(" {move || t(lang.get(), Msg::ParamCount)} ")"</small>
        </p>
    }
}
