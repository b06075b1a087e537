//! The decision regions, on a canvas under the data plot: repainted whenever the network's
//! parameters change (every animation frame while training), through one `putImageData` of
//! a buffer computed by [`crate::plot::regions::Regions`].

use crate::plot::regions::Regions;
use crate::plot::scatter::plot_area;
use leptos::html::Canvas;
use leptos::prelude::*;
use mlp::{FeatureSet, Params};
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// The canvas's side in device pixels and the device pixels per CSS pixel, shared with the
/// data plot drawn on top of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    pub side: u32,
    pub scale: f64,
}

#[component]
pub fn RegionLayer(
    /// The network to paint; `None` paints a plain background.
    #[prop(into)]
    params: Signal<Option<Params>>,
    #[prop(into)] features: Signal<FeatureSet>,
    geometry: Geometry,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    // Buffers survive repaints; they are rebuilt only for another size, features or shape.
    let regions = StoredValue::new_local(None::<Regions>);
    Effect::new(move |_| {
        let Some(element) = canvas.get() else { return };
        let features = features.get();
        params.with(|params| paint(&element, params.as_ref(), features, geometry, regions));
    });
    view! {
        <canvas id="regions" class="plot layer" node_ref=canvas aria-hidden="true"
            width=geometry.side height=geometry.side />
    }
}

fn paint(
    element: &HtmlCanvasElement,
    params: Option<&Params>,
    features: FeatureSet,
    geometry: Geometry,
    regions: StoredValue<Option<Regions>, LocalStorage>,
) {
    let Some(context) = element
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let side = f64::from(geometry.side);
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, side, side);
    let Some(params) = params else { return };
    let (left, top, width, height) = plot_area(geometry.side, geometry.scale);
    let shape = params.shape();
    regions.update_value(|slot| {
        let fits = slot.as_ref().is_some_and(|r| r.fits(width as usize, height as usize, features, shape));
        if !fits {
            *slot = Some(Regions::new(width as usize, height as usize, features, shape));
        }
        let Some(regions) = slot.as_mut() else { return };
        let rgba = regions.paint(params);
        if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), width, height) {
            // A refused paint (a lost context) leaves the white background.
            let _ = context.put_image_data(&image, f64::from(left), f64::from(top));
        }
    });
}
