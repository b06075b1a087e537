//! Rows of more than two inputs drawn as points: their projection on the first two principal
//! components of the training rows ([`crate::data::projection`]), coloured by class, the
//! training rows filled and the others hollow. No decision regions: they live in d dimensions,
//! and a flat slice (the other inputs at their means) would draw a boundary the points do not
//! lie on — the caption says so.

use crate::components::app::LangSignal;
use crate::data::projection::Projection;
use crate::i18n::csv::CsvMsg;
use crate::i18n::{percent, t, Lang};
use crate::plot::canvas::Canvas as ChartCanvas;
use crate::plot::scatter::{draw_scatter, ScatterStyle, Window};
use leptos::html::Canvas;
use leptos::prelude::*;
use mlp::{Data, Split};
use plotters::prelude::IntoDrawingArea;

/// The canvas's width and height in CSS pixels.
const SIDE_CSS_PX: f64 = 360.0;

#[component]
pub fn ProjectionView(data: Memo<Data>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let projection = Memo::new(move |_| data.with(|d| d.table().and_then(|split| Projection::of(&split.train))));
    let points = Memo::new(move |_| {
        projection.with(|p| p.as_ref().and_then(|p| data.with(|d| d.table().map(|split| split.map(|part| p.apply(part))))))
    });
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let Some(element) = canvas.get() else { return };
        let comma = lang.get() == Lang::Fr;
        points.with(|split| {
            if let Some(split) = split {
                paint(&element, split, comma);
            }
        });
    });
    let caption = move || {
        let lang = lang.get();
        let shares = projection.with(|p| p.as_ref().map(|p| p.explained)).unwrap_or_default();
        format!(
            "{} c₁: {}, c₂: {}. {}",
            t(lang, CsvMsg::ProjectionCaption),
            percent(lang, shares[0]),
            percent(lang, shares[1]),
            t(lang, CsvMsg::NoRegions)
        )
    };
    view! {
        <section class="projection-view" aria-labelledby="projection-heading" hidden=move || points.with(Option::is_none)>
            <h3 id="projection-heading">{move || t(lang.get(), CsvMsg::ProjectionHeading)}</h3>
            <canvas id="projection" class="projection" node_ref=canvas role="img"
                aria-label=move || t(lang.get(), CsvMsg::ProjectionHeading)></canvas>
            <p class="caption" id="projection-caption">{caption}</p>
        </section>
    }
}

/// Draws the projected sets, the canvas sized for the screen's pixel ratio.
fn paint(element: &web_sys::HtmlCanvasElement, split: &Split, decimal_comma: bool) {
    let ratio = window().device_pixel_ratio().clamp(1.0, 4.0);
    let side = (SIDE_CSS_PX * ratio).round() as u32;
    // Setting the size clears the canvas too.
    element.set_width(side);
    element.set_height(side);
    let Some(backend) = ChartCanvas::new(element) else { return };
    let root = backend.into_drawing_area();
    let all: Vec<[f64; 2]> = [&split.train, &split.valid, &split.test].iter().flat_map(|set| set.points.iter().copied()).collect();
    let window = Window::around(&all, ("c₁", "c₂"));
    let style = ScatterStyle { scale: ratio, picked: None, decimal_comma, window: Some(window) };
    if let Err(error) = draw_scatter(&root, split, style) {
        leptos::logging::warn!("the projection could not be drawn: {error:?}");
    }
}
