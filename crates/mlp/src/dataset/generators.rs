//! The generators behind [`DatasetKind`](super::DatasetKind): one function per data set, all with
//! the signature `fn(n, noise, classes, rng) -> Dataset`.
//!
//! Each draws its clean points inside about `[−2, 2]²`, then adds `noise · z` to both
//! coordinates with `z ~ N(0, 1)` (Box–Muller). Class `k` gets `n / classes` points, and the
//! first `n % classes` classes one more, so the classes are as balanced as possible.
//! The two Gaussian draws are made even at noise 0, so one seed gives the same clean points at
//! every noise level: moving the noise slider only blurs them.
//! The arguments are checked by [`DatasetKind::generate`](super::DatasetKind::generate).

use std::f64::consts::{PI, TAU};

use rand::{Rng, RngExt};

use super::Dataset;

/// Number of turns of each spiral arm from centre to rim, at most (see [`spiral_turns`]).
pub const SPIRAL_TURNS: f64 = 1.5;
/// Radius of the circle the blob centres sit on.
const BLOB_ORBIT: f64 = 1.4;
/// Radius of the disc each blob's clean points are drawn from.
const BLOB_RADIUS: f64 = 0.4;
/// Distance kept between clean XOR points and the axes, so noise 0 gives separable data.
const XOR_MARGIN: f64 = 0.1;

/// Two interleaved half circles (scikit-learn's `make_moons`), centred and scaled by 4/3 into
/// `x1 ∈ [−2, 2]`, `x2 ∈ [−1, 1]`. Class 0 is the upper moon, class 1 the lower one.
/// The angle along each moon is drawn uniformly (sklearn spaces it evenly).
pub fn moons<R: Rng + ?Sized>(n: usize, noise: f64, classes: usize, rng: &mut R) -> Dataset {
    const SCALE: f64 = 4.0 / 3.0;
    build(n, noise, classes, rng, |rng, k| {
        let t = rng.random_range(0.0..=PI);
        // sklearn: outer (cos t, sin t), inner (1 − cos t, 1/2 − sin t); centre (1/2, 1/4).
        let (x1, x2) = if k == 0 {
            (t.cos(), t.sin())
        } else {
            (1.0 - t.cos(), 0.5 - t.sin())
        };
        [(x1 - 0.5) * SCALE, (x2 - 0.25) * SCALE]
    })
}

/// Concentric rings: class `k` lies on the circle of radius `2 (k + 1) / classes`.
pub fn circles<R: Rng + ?Sized>(n: usize, noise: f64, classes: usize, rng: &mut R) -> Dataset {
    build(n, noise, classes, rng, |rng, k| {
        let radius = 2.0 * (k + 1) as f64 / classes as f64;
        let angle = rng.random_range(0.0..TAU);
        [radius * angle.cos(), radius * angle.sin()]
    })
}

/// XOR of the signs: class 0 where `x1·x2 > 0` (1st and 3rd quadrants), class 1 where
/// `x1·x2 < 0`; clean points are uniform in the quadrants, kept a little off the axes.
pub fn xor<R: Rng + ?Sized>(n: usize, noise: f64, classes: usize, rng: &mut R) -> Dataset {
    build(n, noise, classes, rng, |rng, k| {
        let a = rng.random_range(XOR_MARGIN..=2.0);
        let b = rng.random_range(XOR_MARGIN..=2.0);
        let s1 = if rng.random::<bool>() { 1.0 } else { -1.0 };
        let s2 = if k == 0 { s1 } else { -s1 };
        [s1 * a, s2 * b]
    })
}

/// `classes` interleaved spiral arms: arm `k` at fraction `t ∈ [0, 1]` has radius `2t` and angle
/// `2π (k / classes + turns · t)`, with `turns` = [`spiral_turns`]`(classes)`.
///
/// `t = √u` with `u` uniform, so the points are spread evenly over the area the arm sweeps
/// (`t` uniform would crowd half of them into the inner disc of radius 1, where the arms meet).
pub fn spirals<R: Rng + ?Sized>(n: usize, noise: f64, classes: usize, rng: &mut R) -> Dataset {
    let turns = spiral_turns(classes);
    build(n, noise, classes, rng, |rng, k| {
        let t = rng.random_range(0.0..=1.0_f64).sqrt();
        let angle = TAU * (k as f64 / classes as f64 + turns * t);
        [2.0 * t * angle.cos(), 2.0 * t * angle.sin()]
    })
}

/// Turns of each spiral arm from centre to rim for `classes` arms: [`SPIRAL_TURNS`] for 2 arms,
/// `3 / classes` for more.
///
/// Along a ray the `classes` arms cross it every `1 / turns` turns, i.e. every
/// `2 / (turns · classes)` in radius: with `turns ≤ 3 / classes` neighbouring arms stay at least
/// 2/3 apart (6 standard deviations at noise 0.1) however many there are, while 2 arms keep the
/// course's 1.5 turns.
pub fn spiral_turns(classes: usize) -> f64 {
    SPIRAL_TURNS.min(3.0 / classes.max(1) as f64)
}

/// `classes` blobs: centre `k` sits on a circle of radius 1.4 at angle `2πk / classes + π/4`;
/// clean points are uniform in a disc of radius 0.4 around it.
pub fn blobs<R: Rng + ?Sized>(n: usize, noise: f64, classes: usize, rng: &mut R) -> Dataset {
    build(n, noise, classes, rng, |rng, k| {
        let centre = TAU * k as f64 / classes as f64 + PI / 4.0;
        // sqrt of a uniform draw makes the density uniform over the disc's area.
        let r = BLOB_RADIUS * rng.random::<f64>().sqrt();
        let angle = rng.random_range(0.0..TAU);
        [
            BLOB_ORBIT * centre.cos() + r * angle.cos(),
            BLOB_ORBIT * centre.sin() + r * angle.sin(),
        ]
    })
}

/// Draws the balanced class sizes, asks `clean(rng, k)` for each clean point of class `k`, and
/// adds the Gaussian noise.
fn build<R, F>(n: usize, noise: f64, classes: usize, rng: &mut R, mut clean: F) -> Dataset
where
    R: Rng + ?Sized,
    F: FnMut(&mut R, usize) -> [f64; 2],
{
    if classes == 0 {
        return Dataset::default(); // no class to fill (generate rejects this before)
    }
    let mut data = Dataset {
        points: Vec::with_capacity(n),
        labels: Vec::with_capacity(n),
        classes,
    };
    for k in 0..classes {
        let size = n / classes + usize::from(k < n % classes);
        for _ in 0..size {
            let [x1, x2] = clean(rng, k);
            let p = [x1 + noise * gaussian(rng), x2 + noise * gaussian(rng)];
            data.points.push(p);
            data.labels.push(k);
        }
    }
    data
}

/// One standard normal draw by Box–Muller: `z = √(−2 ln u1) · cos(2π u2)`, `u1 ∈ (0, 1]`.
///
/// The companion value `sin(2π u2)` is discarded to keep the function stateless.
pub fn gaussian<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    let u1 = 1.0 - rng.random::<f64>(); // (0, 1]: ln u1 is finite
    let u2 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (TAU * u2).cos()
}
