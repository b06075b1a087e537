//! What each data set looks like: at noise 0 every point lies exactly on its class's curve or
//! region, and the noise adds a blur of standard deviation `noise` on both axes.

use std::f64::consts::{PI, TAU};

use mlp::dataset::generators::spiral_turns;
use mlp::{Dataset, DatasetKind};
use rand::SeedableRng;
use rand_pcg::Pcg64;

fn clean(kind: DatasetKind, m: usize) -> Dataset {
    kind.generate(600, 0.0, m, &mut Pcg64::seed_from_u64(m as u64))
        .unwrap()
}

/// The points of class `k`, with it.
fn by_class(data: &Dataset) -> impl Iterator<Item = ([f64; 2], usize)> + '_ {
    data.points.iter().copied().zip(data.labels.iter().copied())
}

/// |a − b| as angles, in [0, π].
fn angle_gap(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(TAU);
    d.min(TAU - d)
}

#[test]
fn circles_lie_on_radius_two_k_plus_one_over_m() {
    for m in 2..=8 {
        for ([x1, x2], k) in by_class(&clean(DatasetKind::Circles, m)) {
            let radius = 2.0 * (k + 1) as f64 / m as f64;
            assert!((x1.hypot(x2) - radius).abs() < 1e-12, "m={m} k={k}");
        }
    }
}

#[test]
fn blobs_lie_within_their_radius_of_their_centre() {
    for m in 2..=8 {
        for ([x1, x2], k) in by_class(&clean(DatasetKind::Blobs, m)) {
            // centre k on the circle of radius 1.4, at angle 2πk/m + π/4
            let angle = TAU * k as f64 / m as f64 + PI / 4.0;
            let (c1, c2) = (1.4 * angle.cos(), 1.4 * angle.sin());
            assert!((x1 - c1).hypot(x2 - c2) <= 0.4 + 1e-12, "m={m} k={k}");
        }
    }
}

#[test]
fn xor_classes_are_the_signs_of_x1_times_x2() {
    for ([x1, x2], k) in by_class(&clean(DatasetKind::Xor, 2)) {
        // class 0: x1·x2 > 0, class 1: x1·x2 < 0, both at least 0.1 from the axes
        assert_eq!(x1 * x2 > 0.0, k == 0, "{x1} {x2} {k}");
        assert!(x1.abs() >= 0.1 && x2.abs() >= 0.1);
    }
}

#[test]
fn spiral_arms_turn_with_the_radius() {
    for m in 2..=8 {
        let turns = spiral_turns(m);
        let data = clean(DatasetKind::Spirals, m);
        for ([x1, x2], k) in by_class(&data) {
            // radius 2t, angle 2π(k/m + turns·t)
            let t = x1.hypot(x2) / 2.0;
            assert!(t <= 1.0 + 1e-12);
            if t > 1e-6 {
                let want = TAU * (k as f64 / m as f64 + turns * t);
                let gap = angle_gap(x2.atan2(x1), want);
                assert!(gap < 1e-9, "m={m} k={k} t={t}: off by {gap}");
            }
        }
        // t = √u: the points are uniform over the swept area, so about 1/4 of them lie
        // within radius 1 (t < ½), not 1/2 as with t uniform.
        let inner = data
            .points
            .iter()
            .filter(|p| p[0].hypot(p[1]) < 1.0)
            .count();
        let share = inner as f64 / data.len() as f64;
        assert!((0.18..0.32).contains(&share), "m={m}: {share}");
    }
    // The course's 1.5 turns for 2 arms; fewer for more arms, so neighbours stay apart.
    assert_eq!(spiral_turns(2), 1.5);
    assert!((2..=8).all(|m| 2.0 / (spiral_turns(m) * m as f64) >= 2.0 / 3.0 - 1e-12));
}

#[test]
fn moons_are_two_scaled_half_circles() {
    // Undo the centring and the 4/3 scaling: u = x1·¾ + ½, v = x2·¾ + ¼ is sklearn's shape.
    for ([x1, x2], k) in by_class(&clean(DatasetKind::Moons, 2)) {
        let (u, v) = (x1 * 0.75 + 0.5, x2 * 0.75 + 0.25);
        if k == 0 {
            // upper moon: (cos t, sin t), t ∈ [0, π]
            assert!((u.hypot(v) - 1.0).abs() < 1e-12 && v >= -1e-12, "{u} {v}");
        } else {
            // lower moon: (1 − cos t, ½ − sin t)
            assert!(((u - 1.0).hypot(v - 0.5) - 1.0).abs() < 1e-12, "{u} {v}");
            assert!(v <= 0.5 + 1e-12);
        }
    }
}

#[test]
fn noise_has_standard_deviation_noise_on_both_axes() {
    // One seed draws the same clean points at every noise level (the Gaussian draws are made
    // even at noise 0), so noisy − clean is exactly noise · z on each axis.
    let noise = 0.3;
    for kind in DatasetKind::GENERATED {
        let m = kind.classes_range().0;
        let draw = |noise| kind.generate(5000, noise, m, &mut Pcg64::seed_from_u64(4));
        let (clean, noisy) = (draw(0.0).unwrap(), draw(noise).unwrap());
        for axis in 0..2 {
            let d: Vec<f64> = (noisy.points.iter().zip(&clean.points))
                .map(|(p, q)| p[axis] - q[axis])
                .collect();
            let mean = d.iter().sum::<f64>() / d.len() as f64;
            let sd = (d.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / d.len() as f64).sqrt();
            // standard errors: 0.3/√5000 ≈ 0.004 for the mean, ≈ 0.003 for the std-dev
            assert!(mean.abs() < 0.02, "{kind:?} axis {axis}: mean {mean}");
            assert!((sd - noise).abs() < 0.02, "{kind:?} axis {axis}: sd {sd}");
        }
    }
}
