//! Decision regions: the network evaluated at every pixel of the plot area, each pixel painted
//! in the colour of its most probable class, faded towards white where the network is unsure.
//!
//! Dense images do not go through plotters (one JS call per pixel): the pixels are computed in
//! one batched forward pass (the matrix form, through `mlp::batch::Workspace`) into an RGBA
//! buffer that the page hands to `putImageData` in one call. Every buffer is allocated when the
//! size, the features or the network's shape change, never per repaint.

use crate::palette::class_rgb;
use mlp::batch::Workspace;
use mlp::dataset::VIEW;
use mlp::{FeatureSet, Params, Shape};
use nalgebra::DMatrix;

/// Examples per block of the batched forward pass.
const BLOCK: usize = 256;
/// Opacity of the class colour at full confidence; the least confident pixels get `FLOOR`.
const STRENGTH: f64 = 0.62;
const FLOOR: f64 = 0.08;

/// The buffers of one decision-region image.
pub struct Regions {
    width: usize,
    height: usize,
    features: FeatureSet,
    /// The features of every pixel centre, one row per pixel, row-major over the image. [n x d]
    xs: DMatrix<f64>,
    /// o^s of every pixel. [n x m]
    probs: DMatrix<f64>,
    ws: Workspace,
    rgba: Vec<u8>,
}

impl Regions {
    /// Buffers for a `width` × `height` image of the plane [−VIEW, VIEW]², for a network of
    /// `shape` whose inputs are `features`.
    pub fn new(width: usize, height: usize, features: FeatureSet, shape: Shape) -> Regions {
        let n = width * height;
        let mut xs = DMatrix::zeros(n, features.d());
        let mut row = vec![0.0; features.d()];
        for py in 0..height {
            for px in 0..width {
                features.apply(pixel_to_plane(px, py, width, height), &mut row);
                let i = py * width + px;
                for (j, v) in row.iter().enumerate() {
                    xs[(i, j)] = *v;
                }
            }
        }
        Regions {
            width,
            height,
            features,
            xs,
            probs: DMatrix::zeros(n, shape.m),
            ws: Workspace::new(shape, BLOCK),
            rgba: vec![255; n * 4],
        }
    }

    /// Whether these buffers fit an image of this size, features and shape.
    pub fn fits(&self, width: usize, height: usize, features: FeatureSet, shape: Shape) -> bool {
        (self.width, self.height, self.features) == (width, height, features)
            && self.ws.shape() == shape
            && self.probs.ncols() == shape.m
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// Evaluates `params` at every pixel and returns the RGBA image, row by row from the top.
    pub fn paint(&mut self, params: &Params) -> &[u8] {
        self.ws.predict_into(params, &self.xs, &mut self.probs);
        let m = self.probs.ncols();
        let chance = 1.0 / m as f64;
        for (i, pixel) in self.rgba.chunks_exact_mut(4).enumerate() {
            let (class, confidence) = argmax_row(&self.probs, i);
            let sure = ((confidence - chance) / (1.0 - chance)).clamp(0.0, 1.0);
            let alpha = FLOOR + (STRENGTH - FLOOR) * sure;
            let (r, g, b) = class_rgb(class);
            pixel[0] = blend(r, alpha);
            pixel[1] = blend(g, alpha);
            pixel[2] = blend(b, alpha);
            pixel[3] = 255;
        }
        &self.rgba
    }
}

/// The plane point at the centre of pixel (`px`, `py`): x₁ grows to the right, x₂ upwards.
pub fn pixel_to_plane(px: usize, py: usize, width: usize, height: usize) -> [f64; 2] {
    let x1 = -VIEW + 2.0 * VIEW * (px as f64 + 0.5) / width as f64;
    let x2 = VIEW - 2.0 * VIEW * (py as f64 + 0.5) / height as f64;
    [x1, x2]
}

/// The most probable class of row `i` and its probability (NaN rows give class 0, 0).
fn argmax_row(probs: &DMatrix<f64>, i: usize) -> (usize, f64) {
    let mut best = (0, f64::NEG_INFINITY);
    for k in 0..probs.ncols() {
        let p = probs[(i, k)];
        if p > best.1 {
            best = (k, p);
        }
    }
    if best.1.is_finite() { best } else { (0, 0.0) }
}

/// A colour channel mixed with white: `alpha` of the colour, the rest white.
fn blend(channel: u8, alpha: f64) -> u8 {
    (255.0 - alpha * (255.0 - f64::from(channel))).round() as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::DVector;

    /// A network that says class 0 where x₁ > 0 and class 1 where x₁ < 0, more surely
    /// further from the axis: h = (ReLU(x₁), ReLU(−x₁)), o^a = 4h.
    fn left_right() -> Params {
        let w1 = DMatrix::from_row_slice(2, 2, &[1.0, 0.0, -1.0, 0.0]);
        let w2 = DMatrix::from_row_slice(2, 2, &[4.0, 0.0, 0.0, 4.0]);
        Params::from_parts(w1, DVector::zeros(2), w2, DVector::zeros(2)).expect("valid shapes")
    }

    fn pixel(rgba: &[u8], width: usize, px: usize, py: usize) -> [u8; 3] {
        let i = (py * width + px) * 4;
        [rgba[i], rgba[i + 1], rgba[i + 2]]
    }

    #[test]
    fn each_side_takes_its_class_colour_and_fades_near_the_boundary() {
        let shape = Shape::new(2, 2, 2).expect("shape");
        let mut regions = Regions::new(40, 20, FeatureSet::default(), shape);
        let rgba = regions.paint(&left_right()).to_vec();
        let far_right = pixel(&rgba, 40, 39, 10);
        let far_left = pixel(&rgba, 40, 0, 10);
        // Class 0 is blue (0, 114, 178): blue dominates on the right; vermillion on the left.
        assert!(far_right[2] > far_right[0], "{far_right:?}");
        assert!(far_left[0] > far_left[2], "{far_left:?}");
        // Next to the boundary the network is unsure: nearly white.
        let near = pixel(&rgba, 40, 20, 10);
        assert!(near.iter().all(|&c| c > 200), "{near:?}");
        assert!(far_right[0] < 120, "confident far from it: {far_right:?}");
        assert_eq!(rgba.len(), 40 * 20 * 4);
    }

    #[test]
    fn pixel_centres_cover_the_window_symmetrically() {
        let [x1, x2] = pixel_to_plane(0, 0, 100, 100);
        assert!((x1 + VIEW - VIEW / 100.0).abs() < 1e-12);
        assert!((x2 - VIEW + VIEW / 100.0).abs() < 1e-12);
        let [x1, _] = pixel_to_plane(99, 99, 100, 100);
        assert!((x1 - VIEW + VIEW / 100.0).abs() < 1e-12);
    }

    #[test]
    fn buffers_are_kept_while_they_fit() {
        let shape = Shape::new(2, 4, 3).expect("shape");
        let regions = Regions::new(10, 10, FeatureSet::default(), shape);
        assert!(regions.fits(10, 10, FeatureSet::default(), shape));
        assert!(!regions.fits(11, 10, FeatureSet::default(), shape));
        assert!(!regions.fits(10, 10, FeatureSet::default(), Shape::new(2, 4, 2).expect("shape")));
    }
}
