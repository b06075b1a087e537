//! The data set as a scatter plot on a canvas, with its legend and the network's size.

use super::app::LangSignal;
use crate::i18n::{class_name, split_summary, t, Msg};
use crate::palette::{class_css, class_marker};
use crate::plot::scatter::{data_at, draw_scatter, ScatterStyle};
use crate::stepper::ExampleSource;
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
    /// The stepper's example: ringed on the plot, and set by clicking a training point.
    source: RwSignal<ExampleSource>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let canvas = NodeRef::<Canvas>::new();

    // Redraw whenever the shown data or the picked example changes.
    Effect::new(move |_| {
        let Some(element) = canvas.get() else { return };
        let picked = source.with(|s| match s {
            ExampleSource::Train(i) => shown.with(|split| split.train.points.get(*i).copied()),
            ExampleSource::Typed { .. } => None,
        });
        shown.with(|split| paint(&element, split, picked));
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(element) = canvas.get_untracked() else { return };
        let width = f64::from(element.client_width().max(1));
        let to_plot = PLOT_CSS_PX / width;
        let Some(p) = data_at(f64::from(ev.offset_x()) * to_plot, f64::from(ev.offset_y()) * to_plot, PLOT_CSS_PX) else {
            return;
        };
        if let Some(index) = shown.with_untracked(|split| nearest(&split.train.points, p, PICK_RADIUS)) {
            source.set(ExampleSource::Train(index));
        }
    };

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
                aria-label=move || t(lang.get(), Msg::CanvasLabel) on:click=on_click />
            <Legend shown=shown />
            <p class="caption">{move || t(lang.get(), Msg::PlotCaption)}</p>
            <p class="summary" id="split-summary">{summary}</p>
            <NetworkSize settings=settings />
        </section>
    }
}

/// A click picks the nearest training point within this distance (plot units).
const PICK_RADIUS: f64 = 0.3;

/// The index of the point of `points` nearest to `p`, if within `radius`.
fn nearest(points: &[[f64; 2]], p: [f64; 2], radius: f64) -> Option<usize> {
    let distance = |q: &[f64; 2]| (q[0] - p[0]).hypot(q[1] - p[1]);
    points
        .iter()
        .enumerate()
        .map(|(i, q)| (i, distance(q)))
        .filter(|(_, d)| *d <= radius)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Sizes the canvas for the screen's pixel ratio and draws the scatter on it.
fn paint(element: &web_sys::HtmlCanvasElement, split: &Split, picked: Option<[f64; 2]>) {
    let scale = window().device_pixel_ratio().clamp(1.0, 4.0);
    let side = (PLOT_CSS_PX * scale).round() as u32;
    if element.width() != side {
        element.set_width(side);
        element.set_height(side);
    }
    let Some(backend) = CanvasBackend::with_canvas_object(element.clone()) else { return };
    let root = backend.into_drawing_area();
    if let Err(error) = draw_scatter(&root, split, ScatterStyle { scale, picked }) {
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
