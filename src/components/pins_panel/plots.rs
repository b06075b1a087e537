//! The pinned runs' decision regions: each pin's network painted under the points, on a canvas
//! of the current plot's size, with what differs and its final error as the caption.

use super::{final_error, Pins};
use crate::components::app::LangSignal;
use crate::i18n::pins::{difference_text, PinsMsg};
use crate::i18n::{t, Lang};
use crate::plot::curves::pin_colour;
use leptos::prelude::*;
use mlp::Params;

/// The pinned runs' decision regions, each beside the current run's plot at its size, with the
/// same points.
#[component]
pub fn PinnedPlots(
    /// The data's points (the pins trained on them).
    shown: Memo<mlp::Split>,
    /// The plot's canvas size and scale.
    geometry: Memo<crate::components::region_layer::Geometry>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let pins = use_context::<Pins>();
    let ready = Memo::new(move |_| {
        pins.map(|p| p.list.with(|l| l.iter().filter(|pin| pin.params().is_some()).map(|pin| pin.letter).collect::<Vec<_>>())).unwrap_or_default()
    });
    view! {
        <div class="pinned-plots" id="pinned-plots" hidden=move || ready.with(Vec::is_empty)>
            {move || ready.get().into_iter().map(|letter| view! { <PinnedPlot letter=letter shown=shown geometry=geometry lang=lang /> }).collect_view()}
        </div>
    }
}

/// One pin's plot: its regions under the points, and its caption.
#[component]
fn PinnedPlot(letter: char, shown: Memo<mlp::Split>, geometry: Memo<crate::components::region_layer::Geometry>, lang: LangSignal) -> impl IntoView {
    let pins = expect_context::<Pins>();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let pin = Memo::new(move |_| pins.list.with(|l| l.iter().find(|p| p.letter == letter).cloned()));
    Effect::new(move |_| {
        let Some(element) = canvas.get() else { return };
        let geometry = geometry.get();
        let comma = lang.get() == Lang::Fr;
        pin.with(|pin| {
            let Some((pin, params)) = pin.as_ref().and_then(|p| Some((p, p.params()?))) else { return };
            shown.with(|split| paint_pinned(&element, params, pin.spec.settings.features, split, geometry, comma));
        });
    });
    let caption = move || {
        let lang = lang.get();
        pin.with(|pin| {
            pin.as_ref().map(|pin| {
                let differs = pins.settings.with(|s| difference_text(lang, &pin.spec, s, pins.mistakes.get()));
                format!("{letter}: {differs}. {}", final_error(lang, pin).unwrap_or_default())
            })
        })
    };
    let label = move || format!("{} {letter}", t(lang.get(), PinsMsg::RegionsLabel));
    let (r, g, b) = { let c = pin_colour(letter); (c.0, c.1, c.2) };
    view! {
        <figure class="pinned-plot" data-pin=letter.to_string() style:border-color=format!("rgb({r}, {g}, {b})")>
            <canvas class="plot" node_ref=canvas role="img" aria-label=label
                width=geometry.get_untracked().side height=geometry.get_untracked().side />
            <figcaption>{caption}</figcaption>
        </figure>
    }
}

/// Paints a pin's decision regions and the points on `element`.
fn paint_pinned(element: &web_sys::HtmlCanvasElement, params: &Params, features: mlp::FeatureSet, split: &mlp::Split, geometry: crate::components::region_layer::Geometry, decimal_comma: bool) {
    use crate::plot::canvas::Canvas as ChartCanvas;
    use crate::plot::regions::Regions;
    use crate::plot::scatter::{draw_scatter, plot_area, ScatterStyle};
    use plotters::prelude::IntoDrawingArea;
    if element.width() != geometry.side {
        element.set_width(geometry.side);
        element.set_height(geometry.side);
    }
    let Some(context) = crate::components::data_plot::save_image::fill_white(element) else { return };
    if params.shape().d == features.d() {
        let (left, top, width, height) = plot_area(geometry.side, geometry.scale);
        let mut regions = Regions::new(width as usize, height as usize, features, params.shape());
        let pixels = web_sys::ImageData::new_with_u8_clamped_array_and_sh(wasm_bindgen::Clamped(regions.paint(params)), width, height);
        if let Ok(pixels) = pixels {
            let _ = context.put_image_data(&pixels, f64::from(left), f64::from(top));
        }
    }
    let Some(backend) = ChartCanvas::new(element) else { return };
    let root = backend.into_drawing_area();
    if let Err(error) = draw_scatter(&root, split, ScatterStyle { scale: geometry.scale, picked: None, decimal_comma, window: None }) {
        leptos::logging::warn!("a pinned run's plot could not be drawn: {error:?}");
    }
}
