//! The decision map: the network evaluated at the centre of every pixel of a `width × height`
//! image of the plane `[−VIEW, VIEW]²`, each pixel given the colour of its most probable class
//! at its confidence, through a palette.
//!
//! It is the page's densest computation (160 000 forward passes for a 400 × 400 map, every
//! animation frame while training), so it is organized for speed:
//!
//! * **Separable first layer.** Each input feature depends on x₁ alone (x₁, x₁², sin x₁), on x₂
//!   alone (x₂, x₂², sin x₂), or is the product x₁x₂. So
//!   `h_a_j = [b1_j + Σ_{x₂ features} W1_jl f_l(x₂)] + Σ_{x₁ features} W1_jl f_l(x₁) + W1_jp x₁ x₂`:
//!   the first bracket is computed once per image row, the x₁ sum once per image column, and a
//!   pixel costs one addition per hidden unit (two with the product feature), whatever d is.
//! * **Eight pixels at a time**, in f32 lanes ([`crate::lanes::F4`]), the m output sums kept in
//!   registers (m = 2..=8 unrolled).
//! * **f32.** The map only chooses a colour: f32 sums differ from the f64 forward pass by about
//!   1e-6 relative, which changes the class only where two classes are that close to a tie (the
//!   tests check the classes against the f64 forward pass away from ties).
//! * **Confidence by table.** The winning probability `p = 1 / Σ_k exp(o_a_k − max)` takes
//!   exp(−t) from a table in steps of 1/256 (relative error < 0.2 %, less than one of the
//!   [`LEVELS`] colour levels).
//!
//! Everything is allocated by [`DecisionMap::new`]; [`DecisionMap::paint`] allocates nothing.

use crate::dataset::VIEW;
use crate::features::{Feature, FeatureSet};
use crate::lanes::F4;
use crate::params::{Params, Shape};

/// Confidence levels per class in a palette: entry `class · LEVELS + level` is the colour of
/// `class` at confidence `level / (LEVELS − 1)`, where confidence is the winning probability
/// rescaled from chance (1/m → 0) to certainty (1 → 1).
pub const LEVELS: usize = 256;
/// Pixels per inner block: two lanes of four.
const BLOCK: usize = 8;
/// exp(−t) is tabulated for t = i / EXP_STEPS, i < EXP_TABLE (t < 16; beyond, 0).
const EXP_STEPS: f32 = 256.0;
const EXP_TABLE: usize = 16 * 256;

/// How a feature of the point (x₁, x₂) enters the separable first layer.
#[derive(Clone, Copy)]
enum Part {
    OfX1,
    OfX2,
    Product,
}

fn part(feature: Feature) -> Part {
    match feature {
        Feature::X1 | Feature::X1Sq | Feature::SinX1 => Part::OfX1,
        Feature::X2 | Feature::X2Sq | Feature::SinX2 => Part::OfX2,
        Feature::X1X2 => Part::Product,
    }
}

/// The buffers of one decision map. See the [module docs](self).
#[derive(Clone, Debug)]
pub struct DecisionMap {
    width: usize,
    height: usize,
    features: FeatureSet,
    shape: Shape,
    /// `width` rounded up to a whole number of blocks.
    wp: usize,
    /// Per input feature l: its index in x, and its values at the column centres (`wp`, the
    /// padding repeats the last column) or at the row centres (`height`).
    x1_features: Vec<(usize, Vec<f64>)>,
    x2_features: Vec<(usize, Vec<f64>)>,
    /// The index of x₁x₂ in x, if chosen, and x₁ at the column centres.
    product: Option<usize>,
    x1: Vec<f64>,
    x2: Vec<f64>,
    /// Per repaint, `[d_h x wp]` row-major: Σ_{x₁ features l} W1_jl f_l(x₁) per column.
    col: Vec<f32>,
    /// `[d_h x wp]`: W1_jp x₁ per column (empty without the product feature).
    prod: Vec<f32>,
    /// Per image row, `d_h`: b1_j + Σ_{x₂ features l} W1_jl f_l(x₂).
    row: Vec<f32>,
    /// W2 row-major `[m x d_h]` and b2, in f32.
    w2: Vec<f32>,
    b2: Vec<f32>,
    /// The logits of one block, `[m x BLOCK]` (for m beyond the unrolled ones).
    logits: Vec<f32>,
    exp_table: Vec<f32>,
    rgba: Vec<u8>,
}

impl DecisionMap {
    /// Buffers for a `width × height` image of the plane for a network of `shape` whose inputs
    /// are `features` (`features.d()` should be `shape.d`; otherwise [`paint`](Self::paint)
    /// paints nothing but transparent pixels).
    pub fn new(width: usize, height: usize, features: FeatureSet, shape: Shape) -> DecisionMap {
        let wp = width.div_ceil(BLOCK) * BLOCK;
        let x1: Vec<f64> = (0..wp).map(|px| centre(px.min(width.saturating_sub(1)), width, -1.0)).collect();
        let x2: Vec<f64> = (0..height).map(|py| centre(py, height, 1.0)).collect();
        let (mut x1_features, mut x2_features, mut product) = (Vec::new(), Vec::new(), None);
        for (l, feature) in features.iter().enumerate() {
            match part(feature) {
                Part::OfX1 => x1_features.push((l, x1.iter().map(|&v| feature.eval([v, 0.0])).collect())),
                Part::OfX2 => x2_features.push((l, x2.iter().map(|&v| feature.eval([0.0, v])).collect())),
                Part::Product => product = Some(l),
            }
        }
        let exp_table = (0..EXP_TABLE)
            .map(|i| if i + 1 < EXP_TABLE { (-(i as f64) / f64::from(EXP_STEPS)).exp() as f32 } else { 0.0 })
            .collect();
        let Shape { d_h, m, .. } = shape;
        DecisionMap {
            width,
            height,
            features,
            shape,
            wp,
            x1_features,
            x2_features,
            prod: if product.is_some() { vec![0.0; d_h * wp] } else { Vec::new() },
            product,
            x1,
            x2,
            col: vec![0.0; d_h * wp],
            row: vec![0.0; d_h],
            w2: vec![0.0; m * d_h],
            b2: vec![0.0; m],
            logits: vec![0.0; m * BLOCK],
            exp_table,
            rgba: vec![0; width * height * 4],
        }
    }

    /// Whether these buffers are for an image of this size, features and shape.
    pub fn fits(&self, width: usize, height: usize, features: FeatureSet, shape: Shape) -> bool {
        (self.width, self.height, self.features, self.shape) == (width, height, features, shape)
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// The plane point at the centre of pixel (`px`, `py`): x₁ grows to the right, x₂ upwards.
    pub fn pixel_to_plane(px: usize, py: usize, width: usize, height: usize) -> [f64; 2] {
        [centre(px, width, -1.0), centre(py, height, 1.0)]
    }

    /// Evaluates `params` at every pixel and returns the RGBA image, row by row from the top:
    /// pixel colour = `palette[class · LEVELS + level]`. A missing palette entry, parameters
    /// that are not of the map's shape, or features that do not give d inputs leave the pixels
    /// transparent (all 0); non-finite outputs give class 0 at level 0.
    pub fn paint(&mut self, params: &Params, palette: &[[u8; 4]]) -> &[u8] {
        if !params.has_shape(self.shape) || self.features.d() != self.shape.d {
            self.rgba.fill(0);
            return &self.rgba;
        }
        self.prepare(params);
        for py in 0..self.height {
            self.prepare_row(params, py);
            let x2 = self.x2[py] as f32;
            for px in (0..self.wp).step_by(BLOCK) {
                match self.shape.m {
                    2 => self.block::<2>(px, x2),
                    3 => self.block::<3>(px, x2),
                    4 => self.block::<4>(px, x2),
                    5 => self.block::<5>(px, x2),
                    6 => self.block::<6>(px, x2),
                    7 => self.block::<7>(px, x2),
                    8 => self.block::<8>(px, x2),
                    _ => self.block_any_m(px, x2),
                }
                self.colour_block(py, px, palette);
            }
        }
        &self.rgba
    }

    /// The per-repaint tables: the x₁ part and the product part of every column, W2 and b2.
    fn prepare(&mut self, params: &Params) {
        let (d_h, wp) = (self.shape.d_h, self.wp);
        for j in 0..d_h {
            let col = &mut self.col[j * wp..(j + 1) * wp];
            col.fill(0.0);
            for (px, c) in col.iter_mut().enumerate() {
                let sum: f64 = self.x1_features.iter().map(|(l, values)| params.w1[(j, *l)] * values[px]).sum();
                *c = sum as f32;
            }
            if let Some(p) = self.product {
                let w = params.w1[(j, p)];
                for (c, &x1) in self.prod[j * wp..(j + 1) * wp].iter_mut().zip(&self.x1) {
                    *c = (w * x1) as f32;
                }
            }
        }
        for k in 0..self.shape.m {
            for j in 0..d_h {
                self.w2[k * d_h + j] = params.w2[(k, j)] as f32;
            }
            self.b2[k] = params.b2[k] as f32;
        }
    }

    /// The row part b1_j + Σ_{x₂ features} W1_jl f_l(x₂) of image row `py`.
    fn prepare_row(&mut self, params: &Params, py: usize) {
        for (j, r) in self.row.iter_mut().enumerate() {
            let sum: f64 = self.x2_features.iter().map(|(l, values)| params.w1[(j, *l)] * values[py]).sum();
            *r = (params.b1[j] + sum) as f32;
        }
    }

    /// The logits of the 8 pixels from column `px` of the current row, with M = m classes
    /// unrolled: written into `self.logits` (`[m x BLOCK]`).
    fn block<const M: usize>(&mut self, px: usize, x2: f32) {
        let (d_h, wp) = (self.shape.d_h, self.wp);
        let mut acc: [[F4; 2]; M] = std::array::from_fn(|k| [F4::splat(self.b2[k]); 2]);
        let x2 = F4::splat(x2);
        for j in 0..d_h {
            let r = F4::splat(self.row[j]);
            let c = &self.col[j * wp + px..][..BLOCK];
            let mut h = [F4::load(quad(c)).add(r), F4::load(quad(&c[4..])).add(r)];
            if self.product.is_some() {
                let p = &self.prod[j * wp + px..][..BLOCK];
                h[0] = h[0].add(F4::load(quad(p)).mul(x2));
                h[1] = h[1].add(F4::load(quad(&p[4..])).mul(x2));
            }
            let s = [h[0].rect(), h[1].rect()];
            for (k, a) in acc.iter_mut().enumerate() {
                let w = F4::splat(self.w2[k * d_h + j]);
                a[0] = a[0].add(w.mul(s[0]));
                a[1] = a[1].add(w.mul(s[1]));
            }
        }
        for (k, a) in acc.iter().enumerate() {
            let out = &mut self.logits[k * BLOCK..(k + 1) * BLOCK];
            out[..4].copy_from_slice(&a[0].lanes());
            out[4..].copy_from_slice(&a[1].lanes());
        }
    }

    /// [`block`](Self::block) for any m, class by class in `self.logits`.
    fn block_any_m(&mut self, px: usize, x2: f32) {
        let (d_h, wp, m) = (self.shape.d_h, self.wp, self.shape.m);
        for k in 0..m {
            self.logits[k * BLOCK..(k + 1) * BLOCK].fill(self.b2[k]);
        }
        let mut s = [0.0f32; BLOCK];
        for j in 0..d_h {
            for (i, s) in s.iter_mut().enumerate() {
                let mut h = self.col[j * wp + px + i] + self.row[j];
                if self.product.is_some() {
                    h += self.prod[j * wp + px + i] * x2;
                }
                *s = if h > 0.0 { h } else { 0.0 };
            }
            for k in 0..m {
                let w = self.w2[k * d_h + j];
                for (o, &s) in self.logits[k * BLOCK..(k + 1) * BLOCK].iter_mut().zip(&s) {
                    *o += w * s;
                }
            }
        }
    }

    /// Colours the pixels of the block from column `px` of row `py` (those inside the image)
    /// from their logits.
    fn colour_block(&mut self, py: usize, px: usize, palette: &[[u8; 4]]) {
        let m = self.shape.m;
        let chance = 1.0 / m as f32;
        let spread = if m > 1 { 1.0 - chance } else { 1.0 };
        let count = BLOCK.min(self.width - px);
        let start = (py * self.width + px) * 4;
        let pixels = self.rgba[start..start + count * 4].chunks_exact_mut(4);
        for (i, pixel) in pixels.enumerate() {
            let (mut max, mut arg) = (self.logits[i], 0);
            for k in 1..m {
                let o = self.logits[k * BLOCK + i];
                if o > max {
                    (max, arg) = (o, k);
                }
            }
            let mut sum = 1.0;
            for k in 0..m {
                if k != arg {
                    let t = (max - self.logits[k * BLOCK + i]) * EXP_STEPS + 0.5;
                    // A NaN t casts to 0 (exp 1); the finiteness test below catches it.
                    sum += self.exp_table[(t as usize).min(EXP_TABLE - 1)];
                }
            }
            let level = if max.is_finite() && sum.is_finite() {
                let sure = ((1.0 / sum - chance) / spread).clamp(0.0, 1.0);
                (sure * (LEVELS - 1) as f32 + 0.5) as usize
            } else {
                arg = 0;
                0
            };
            let colour = palette.get(arg * LEVELS + level).copied().unwrap_or([0; 4]);
            pixel.copy_from_slice(&colour);
        }
    }
}

/// The centre of pixel `i` of `n` along an axis of the plane: from −VIEW to VIEW when `dir` is
/// −1 (x₁, left to right), from VIEW to −VIEW when it is 1 (x₂, top to bottom).
fn centre(i: usize, n: usize, dir: f64) -> f64 {
    dir * VIEW - dir * 2.0 * VIEW * (i as f64 + 0.5) / n.max(1) as f64
}

/// `&s[..4]` as an array.
#[inline(always)]
fn quad(s: &[f32]) -> &[f32; 4] {
    s[..4].try_into().expect("four elements")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_pcg::Pcg64;

    /// A palette that writes (class, level) into the pixel, to read them back.
    fn coding_palette(m: usize) -> Vec<[u8; 4]> {
        (0..m * LEVELS).map(|i| [(i / LEVELS) as u8, (i % LEVELS) as u8, 7, 255]).collect()
    }

    /// The f64 forward pass at pixel (px, py): (class, confidence rescaled from chance, margin
    /// between the two largest logits).
    fn exact(params: &Params, features: FeatureSet, px: usize, py: usize, w: usize, h: usize) -> (usize, f64, f64) {
        let mut x = vec![0.0; features.d()];
        features.apply(DecisionMap::pixel_to_plane(px, py, w, h), &mut x);
        let fwd = crate::forward(params, &nalgebra::DVector::from_vec(x), 0).expect("shapes");
        let o = fwd.o_a.as_slice();
        let mut sorted = o.to_vec();
        sorted.sort_by(|a, b| b.total_cmp(a));
        let class = o.iter().position(|&v| v == sorted[0]).expect("a max");
        let m = o.len() as f64;
        let p = fwd.o_s[class];
        let sure = if m > 1.0 { ((p - 1.0 / m) / (1.0 - 1.0 / m)).clamp(0.0, 1.0) } else { 0.0 };
        let margin = if sorted.len() > 1 { sorted[0] - sorted[1] } else { f64::INFINITY };
        (class, sure, margin)
    }

    #[test]
    fn every_pixel_has_the_class_and_confidence_of_the_f64_forward_pass() {
        let mut rng = Pcg64::seed_from_u64(11);
        // Not a trivial test: many shades, and most classes of the 5-class maps appear.
        let mut levels_seen = std::collections::BTreeSet::new();
        let mut classes_seen = std::collections::BTreeSet::new();
        let sets = [
            FeatureSet::default(),
            FeatureSet::new(&Feature::ALL).expect("all"),
            FeatureSet::new(&[Feature::X1X2, Feature::SinX2]).expect("two"),
            FeatureSet::new(&[Feature::X1Sq]).expect("one"),
        ];
        for (case, &features) in sets.iter().enumerate() {
            for (m, d_h) in [(2, 8), (3, 5), (5, 17), (9, 4)] {
                let shape = Shape::new(features.d(), d_h, m).expect("shape");
                let mut params = Params::init(shape, &mut rng);
                for b in params.b1.iter_mut().chain(params.b2.iter_mut()) {
                    *b = rng.random_range(-1.0..1.0);
                }
                params.w2 *= 3.0; // confident regions as well as uncertain ones
                let (w, h) = (37, 23); // not whole blocks
                let mut map = DecisionMap::new(w, h, features, shape);
                let rgba = map.paint(&params, &coding_palette(m)).to_vec();
                for py in 0..h {
                    for px in 0..w {
                        let pixel = &rgba[(py * w + px) * 4..][..4];
                        let (class, sure, margin) = exact(&params, features, px, py, w, h);
                        let at = format!("features {case}, m = {m}, pixel ({px}, {py})");
                        assert_eq!((pixel[2], pixel[3]), (7, 255), "{at}");
                        if margin > 1e-4 {
                            assert_eq!(usize::from(pixel[0]), class, "{at}");
                        }
                        let level = f64::from(pixel[1]);
                        assert!((level - sure * 255.0).abs() <= 1.0, "{at}: level {level} for {sure}");
                        levels_seen.insert(pixel[1]);
                        if m == 5 {
                            classes_seen.insert(pixel[0]);
                        }
                    }
                }
            }
        }
        assert!(levels_seen.len() > 100, "shades: {levels_seen:?}");
        assert!(classes_seen.len() >= 4, "{classes_seen:?}");
    }

    #[test]
    fn bad_inputs_paint_transparent_or_class_zero() {
        let shape = Shape::new(2, 3, 2).expect("shape");
        let mut map = DecisionMap::new(10, 4, FeatureSet::default(), shape);
        let other = Params::zeros(Shape::new(2, 4, 2).expect("shape"));
        assert!(map.paint(&other, &coding_palette(2)).iter().all(|&b| b == 0));
        let mut nan = Params::zeros(shape);
        nan.b2[1] = f64::NAN;
        let rgba = map.paint(&nan, &coding_palette(2)).to_vec();
        assert!(rgba.chunks(4).all(|p| p == [0, 0, 7, 255]), "class 0, level 0");
        // A palette without the entry leaves the pixel transparent.
        assert!(map.paint(&Params::zeros(shape), &[]).iter().all(|&b| b == 0));
        let mut wrong = DecisionMap::new(4, 4, FeatureSet::new(&[Feature::X1]).expect("x1"), shape);
        assert!(wrong.paint(&Params::zeros(shape), &coding_palette(2)).iter().all(|&b| b == 0));
    }

    #[test]
    fn pixel_centres_cover_the_window_symmetrically() {
        let [x1, x2] = DecisionMap::pixel_to_plane(0, 0, 100, 100);
        assert!((x1 + VIEW - VIEW / 100.0).abs() < 1e-12, "{x1}");
        assert!((x2 - VIEW + VIEW / 100.0).abs() < 1e-12, "{x2}");
        let [x1, x2] = DecisionMap::pixel_to_plane(99, 99, 100, 100);
        assert!((x1 - VIEW + VIEW / 100.0).abs() < 1e-12 && (x2 + VIEW - VIEW / 100.0).abs() < 1e-12);
        let map = DecisionMap::new(7, 3, FeatureSet::default(), Shape::new(2, 1, 2).expect("shape"));
        assert!(map.fits(7, 3, FeatureSet::default(), Shape::new(2, 1, 2).expect("shape")));
        assert!(!map.fits(8, 3, FeatureSet::default(), Shape::new(2, 1, 2).expect("shape")));
        assert_eq!((map.width(), map.height()), (7, 3));
    }
}
