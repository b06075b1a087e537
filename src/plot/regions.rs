//! Decision regions: the network evaluated at every pixel of the plot area, each pixel painted
//! in the colour of its most probable class, faded towards white where the network is unsure.
//!
//! The evaluation is the math crate's [`DecisionMap`] (separable first layer, eight pixels at a
//! time in f32 lanes, allocation-free); this module only chooses the colours: a table of
//! [`LEVELS`] shades per class, built once, which the map indexes per pixel. The page hands the
//! RGBA buffer to `putImageData` in one call.

use crate::palette::class_rgb;
use mlp::map::{DecisionMap, LEVELS};
use mlp::{FeatureSet, Params, Shape};

/// Opacity of the class colour at full confidence; the least confident pixels get `FLOOR`.
const STRENGTH: f64 = 0.62;
const FLOOR: f64 = 0.08;

/// The buffers of one decision-region image and its colour table.
pub struct Regions {
    map: DecisionMap,
    palette: Vec<[u8; 4]>,
}

impl Regions {
    /// Buffers for a `width` × `height` image of the plane [−VIEW, VIEW]², for a network of
    /// `shape` whose inputs are `features`.
    pub fn new(width: usize, height: usize, features: FeatureSet, shape: Shape) -> Regions {
        Regions { map: DecisionMap::new(width, height, features, shape), palette: palette(shape.m) }
    }

    /// Whether these buffers fit an image of this size, features and shape.
    pub fn fits(&self, width: usize, height: usize, features: FeatureSet, shape: Shape) -> bool {
        self.map.fits(width, height, features, shape)
    }

    pub fn width(&self) -> usize {
        self.map.width()
    }

    pub fn height(&self) -> usize {
        self.map.height()
    }

    /// Evaluates `params` at every pixel and returns the RGBA image, row by row from the top.
    pub fn paint(&mut self, params: &Params) -> &[u8] {
        self.map.paint(params, &self.palette)
    }
}

/// The plane point at the centre of pixel (`px`, `py`): x₁ grows to the right, x₂ upwards.
pub fn pixel_to_plane(px: usize, py: usize, width: usize, height: usize) -> [f64; 2] {
    DecisionMap::pixel_to_plane(px, py, width, height)
}

/// For each of the `m` classes, its colour at each confidence level (0 = chance, last =
/// certain): `FLOOR` to `STRENGTH` of the class colour over white.
pub fn palette(m: usize) -> Vec<[u8; 4]> {
    let mut table = Vec::with_capacity(m * LEVELS);
    for class in 0..m {
        let (r, g, b) = class_rgb(class);
        for level in 0..LEVELS {
            let sure = level as f64 / (LEVELS - 1) as f64;
            let alpha = FLOOR + (STRENGTH - FLOOR) * sure;
            table.push([blend(r, alpha), blend(g, alpha), blend(b, alpha), 255]);
        }
    }
    table
}

/// A colour channel mixed with white: `alpha` of the colour, the rest white.
fn blend(channel: u8, alpha: f64) -> u8 {
    (255.0 - alpha * (255.0 - f64::from(channel))).round() as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use mlp::dataset::VIEW;
    use nalgebra::{DMatrix, DVector};

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
