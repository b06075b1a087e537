//! The decision regions, on a canvas under the data plot. The lab's engine paints them (in its
//! worker, or on the main thread) whenever the network changes, every frame while training;
//! this component gives it the canvas's plot area ([`MapTarget`]) and clears the margins.

use crate::lab::{Lab, MapTarget};
use crate::plot::scatter::plot_area;
use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

/// The canvas's side in device pixels and the device pixels per CSS pixel, shared with the
/// data plot drawn on top of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    pub side: u32,
    pub scale: f64,
}

#[component]
pub fn RegionLayer(lab: Lab, #[prop(into)] geometry: Signal<Geometry>) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let Some(element) = canvas.get() else { return };
        let geometry = geometry.get();
        if element.width() != geometry.side {
            // Presenter mode switched: a new size, which clears the canvas.
            element.set_width(geometry.side);
            element.set_height(geometry.side);
        }
        let Some(context) = element.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok()) else {
            return;
        };
        // The margins around the plot area stay white; the map covers the rest.
        let side = f64::from(geometry.side);
        context.set_fill_style_str("#ffffff");
        context.fill_rect(0.0, 0.0, side, side);
        let (left, top, width, height) = plot_area(geometry.side, geometry.scale);
        lab.set_map(Some(MapTarget::new(context, [left, top, width, height])));
    });
    on_cleanup(move || lab.set_map(None));
    view! {
        <canvas id="regions" class="plot layer" node_ref=canvas aria-hidden="true"
            width=geometry.get_untracked().side height=geometry.get_untracked().side />
    }
}
