//! The decision regions, on a canvas under the data plot: repainted whenever the network's
//! parameters change (every animation frame while training), through one `putImageData` of
//! a buffer computed by [`crate::plot::regions::Regions`].

use crate::plot::regions::Regions;
use crate::plot::scatter::plot_area;
use leptos::html::Canvas;
use leptos::prelude::*;
use mlp::{FeatureSet, Params, Shape};
use wasm_bindgen::JsCast;
use web_sys::js_sys::{Reflect, Uint8ClampedArray};
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
    #[prop(into)] geometry: Signal<Geometry>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    // Buffers survive repaints; they are rebuilt only for another size, features or shape.
    let layer = StoredValue::new_local(None::<Layer>);
    Effect::new(move |_| {
        let Some(element) = canvas.get() else { return };
        let (features, geometry) = (features.get(), geometry.get());
        params.with(|params| paint(&element, params.as_ref(), features, geometry, layer));
    });
    view! {
        <canvas id="regions" class="plot layer" node_ref=canvas aria-hidden="true"
            width=geometry.get_untracked().side height=geometry.get_untracked().side />
    }
}

/// The map's buffers and the browser image they are copied into: one `ImageData` for the life
/// of the layer, so a repaint (every frame while training) makes no 600 KB of garbage for the
/// browser to collect.
struct Layer {
    regions: Regions,
    image: ImageData,
    /// The image's pixels, a view the map's RGBA bytes are copied into.
    pixels: Uint8ClampedArray,
}

impl Layer {
    fn new(width: u32, height: u32, features: FeatureSet, shape: Shape) -> Option<Layer> {
        let image = ImageData::new_with_sw(width, height).ok()?;
        let pixels = Reflect::get(&image, &"data".into()).ok()?.dyn_into::<Uint8ClampedArray>().ok()?;
        Some(Layer { regions: Regions::new(width as usize, height as usize, features, shape), image, pixels })
    }
}

fn paint(
    element: &HtmlCanvasElement,
    params: Option<&Params>,
    features: FeatureSet,
    geometry: Geometry,
    layer: StoredValue<Option<Layer>, LocalStorage>,
) {
    let Some(context) = element
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    if element.width() != geometry.side {
        // Presenter mode switched: a new size, which clears the canvas; the buffers follow.
        element.set_width(geometry.side);
        element.set_height(geometry.side);
        layer.set_value(None);
    }
    let side = f64::from(geometry.side);
    let white = || {
        context.set_fill_style_str("#ffffff");
        context.fill_rect(0.0, 0.0, side, side);
    };
    let Some(params) = params else { return white() };
    let (left, top, width, height) = plot_area(geometry.side, geometry.scale);
    let shape = params.shape();
    layer.update_value(|slot| {
        let fits = slot.as_ref().is_some_and(|l| l.regions.fits(width as usize, height as usize, features, shape));
        if !fits {
            // The margins around the plot area stay white; the image covers the rest.
            white();
            *slot = Layer::new(width, height, features, shape);
        }
        let Some(layer) = slot.as_mut() else { return };
        let rgba = layer.regions.paint(params);
        if rgba.len() == layer.pixels.length() as usize {
            layer.pixels.copy_from(rgba);
            // A refused paint (a lost context) leaves the white background.
            let _ = context.put_image_data(&layer.image, f64::from(left), f64::from(top));
        }
    });
}
