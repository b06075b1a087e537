//! Where the decision regions are drawn: the region canvas's plot area, and its colours. The
//! engine paints the map (in the worker, or in its module imported into the page); this puts it
//! on the canvas in one `putImageData`.

use crate::plot::regions::palette;
use engine::MapSpec;
use mlp::dataset::MAX_CLASSES;
use js_sys::Uint8ClampedArray;
use web_sys::{CanvasRenderingContext2d, ImageData};

/// The region canvas's plot area, in device pixels.
pub struct MapTarget {
    context: CanvasRenderingContext2d,
    left: u32,
    top: u32,
    width: u32,
    height: u32,
}

impl MapTarget {
    /// The plot area (`left`, `top`, `width`, `height`) of a canvas's 2-D context.
    pub fn new(context: CanvasRenderingContext2d, [left, top, width, height]: [u32; 4]) -> MapTarget {
        MapTarget { context, left, top, width, height }
    }

    /// What the engine needs to paint for this target: its size, and the colours of every
    /// class a data set can have (so a change of m needs no new palette).
    pub fn spec(&self) -> MapSpec {
        MapSpec { width: self.width as usize, height: self.height as usize, palette: palette(MAX_CLASSES) }
    }

    /// Draws a map from the engine; false when it is of another size (sent before a resize).
    pub fn put_js(&self, pixels: &Uint8ClampedArray, width: usize, height: usize) -> bool {
        let fits = (width, height) == (self.width as usize, self.height as usize) && pixels.length() as usize == width * height * 4;
        let image = fits.then(|| ImageData::new_with_js_u8_clamped_array_and_sh(pixels, self.width, self.height).ok()).flatten();
        let Some(image) = image else { return false };
        // A refused paint (a lost context) leaves the previous image.
        let _ = self.context.put_image_data(&image, f64::from(self.left), f64::from(self.top));
        true
    }

    /// No network: a plain background.
    pub fn clear(&self) {
        self.context.set_fill_style_str("#ffffff");
        self.context.fill_rect(f64::from(self.left), f64::from(self.top), f64::from(self.width), f64::from(self.height));
    }
}
