//! Data-set generation: sizes, balance, reproducibility, ranges and the error messages a student
//! sees. Shapes at noise 0: `shapes.rs`; splits and hand-edited sets: `split.rs`; input
//! features: `features.rs`.

use mlp::dataset::{generators, DatasetError, MAX_POINTS, VIEW};
use mlp::DatasetKind;
use proptest::prelude::*;
use rand::SeedableRng;
use rand_pcg::Pcg64;

fn rng(seed: u64) -> Pcg64 {
    Pcg64::seed_from_u64(seed)
}

/// Every generated kind with every allowed number of classes.
fn every_kind_and_classes() -> impl Iterator<Item = (DatasetKind, usize)> {
    DatasetKind::GENERATED.into_iter().flat_map(|kind| {
        let (lo, hi) = kind.classes_range();
        (lo..=hi).map(move |m| (kind, m))
    })
}

#[test]
fn every_kind_has_n_points_in_balanced_classes() {
    for (kind, m) in every_kind_and_classes() {
        let n = 203; // not a multiple of most m: the remainder must be spread
        let data = kind.generate(n, 0.1, m, &mut rng(1)).unwrap();
        assert_eq!(data.len(), n, "{kind:?} m={m}");
        assert_eq!(data.labels.len(), n);
        assert_eq!(data.classes, m);
        assert!(
            data.labels.iter().all(|&y| y < m),
            "{kind:?} m={m}: label ≥ m"
        );
        let counts = data.class_counts();
        assert_eq!(counts.iter().sum::<usize>(), n);
        let (lo, hi) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
        assert!(hi - lo <= 1, "{kind:?} m={m}: unbalanced {counts:?}");
    }
}

#[test]
fn at_least_eight_classes_where_the_shape_allows() {
    for kind in [
        DatasetKind::Circles,
        DatasetKind::Spirals,
        DatasetKind::Blobs,
    ] {
        assert!(kind.classes_range().1 >= 8, "{kind:?}");
    }
    assert_eq!(DatasetKind::Moons.classes_range(), (2, 2));
    assert_eq!(DatasetKind::Xor.classes_range(), (2, 2));
}

#[test]
fn same_seed_same_data_other_seed_other_data() {
    for (kind, m) in every_kind_and_classes() {
        let a = kind.generate(100, 0.1, m, &mut rng(7)).unwrap();
        let b = kind.generate(100, 0.1, m, &mut rng(7)).unwrap();
        let c = kind.generate(100, 0.1, m, &mut rng(8)).unwrap();
        assert_eq!(a, b, "{kind:?} m={m}: same seed differs");
        assert_ne!(
            a.points, c.points,
            "{kind:?} m={m}: other seed gives the same points"
        );
    }
}

#[test]
fn noiseless_points_lie_in_the_square_of_side_four() {
    for (kind, m) in every_kind_and_classes() {
        let data = kind.generate(500, 0.0, m, &mut rng(3)).unwrap();
        for p in &data.points {
            assert!(
                p.iter().all(|v| v.abs() <= 2.0 + 1e-12 && v.abs() < VIEW),
                "{kind:?} m={m}: {p:?} outside [-2, 2]²"
            );
        }
    }
}

#[test]
fn moons_fill_the_square_horizontally() {
    // The sklearn shape spans x1 ∈ [-1, 2], x2 ∈ [-0.5, 1]; scaled by 4/3 and centred.
    let data = DatasetKind::Moons
        .generate(2000, 0.0, 2, &mut rng(5))
        .unwrap();
    let (lo, hi) = data.bounds();
    assert!(lo[0] < -1.95 && hi[0] > 1.95, "{lo:?} {hi:?}");
    assert!(
        lo[1] >= -1.0 - 1e-12 && hi[1] <= 1.0 + 1e-12,
        "{lo:?} {hi:?}"
    );
}

#[test]
fn wrong_number_of_classes_says_what_to_choose() {
    let err = DatasetKind::Moons
        .generate(100, 0.1, 3, &mut rng(0))
        .unwrap_err();
    assert_eq!(
        err,
        DatasetError::Classes {
            kind: DatasetKind::Moons,
            classes: 3
        }
    );
    let text = err.to_string();
    assert!(text.contains("two moons has exactly 2 classes"), "{text}");
    assert!(text.contains("m = 2") && text.contains("spirals"), "{text}");

    let text = DatasetKind::Spirals
        .generate(100, 0.1, 11, &mut rng(0))
        .unwrap_err()
        .to_string();
    assert!(
        text.contains("between 2 and 10") && text.contains("not 11"),
        "{text}"
    );
    for kind in DatasetKind::GENERATED.into_iter() {
        assert!(
            kind.generate(100, 0.1, 1, &mut rng(0)).is_err(),
            "{kind:?} with m = 1"
        );
        assert!(
            kind.generate(100, 0.1, 0, &mut rng(0)).is_err(),
            "{kind:?} with m = 0"
        );
    }
}

#[test]
fn bad_noise_is_refused() {
    for noise in [-0.1, 1.5, f64::NAN, f64::INFINITY] {
        let err = DatasetKind::Blobs
            .generate(100, noise, 3, &mut rng(0))
            .unwrap_err();
        assert!(
            matches!(err, DatasetError::Noise { .. }),
            "{noise}: {err:?}"
        );
        assert!(err.to_string().contains("between 0 and 1"), "{err}");
    }
    assert!(DatasetKind::Blobs
        .generate(100, 1.0, 3, &mut rng(0))
        .is_ok());
}

#[test]
fn too_few_or_too_many_points_are_refused() {
    let err = DatasetKind::Circles
        .generate(3, 0.1, 4, &mut rng(0))
        .unwrap_err();
    assert_eq!(err, DatasetError::TooFewPoints { n: 3, classes: 4 });
    assert!(err.to_string().contains("at least 4 points"), "{err}");
    let err = DatasetKind::Moons
        .generate(0, 0.1, 2, &mut rng(0))
        .unwrap_err();
    assert!(matches!(err, DatasetError::TooFewPoints { .. }));

    let err = DatasetKind::Moons
        .generate(MAX_POINTS + 1, 0.1, 2, &mut rng(0))
        .unwrap_err();
    assert_eq!(err, DatasetError::TooManyPoints { n: MAX_POINTS + 1 });
    assert!(err.to_string().contains("at most 10000"), "{err}");
    let data = DatasetKind::Moons
        .generate(MAX_POINTS, 0.1, 2, &mut rng(0))
        .unwrap();
    assert_eq!(data.len(), MAX_POINTS);
}

#[test]
fn gaussian_has_mean_zero_and_variance_one() {
    let mut r = rng(11);
    let z: Vec<f64> = (0..40_000).map(|_| generators::gaussian(&mut r)).collect();
    let mean = z.iter().sum::<f64>() / z.len() as f64;
    let var = z.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / z.len() as f64;
    // Standard errors: 0.005 for the mean, about 0.007 for the variance.
    assert!(mean.abs() < 0.025, "mean {mean}");
    assert!((var - 1.0).abs() < 0.04, "variance {var}");
}

#[test]
fn kinds_round_trip_through_their_keys() {
    for kind in DatasetKind::ALL {
        assert_eq!(DatasetKind::from_key(kind.key()), Some(kind));
    }
    assert_eq!(DatasetKind::from_key("moon"), None);
}

#[test]
fn the_digits_are_read_not_generated() {
    let kind = DatasetKind::Digits;
    assert!(!kind.is_generated() && kind.fixed_dim() == Some(64) && kind.classes_range() == (10, 10));
    let err = kind.generate(100, 0.1, 10, &mut rng(0)).unwrap_err();
    assert_eq!(err, DatasetError::NotGenerated { kind });
    assert!(DatasetKind::GENERATED.iter().all(|k| k.fixed_dim().is_none()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any form input gives either a data set of the asked size or an error, never a panic.
    #[test]
    fn generate_never_panics(
        kind in 0usize..DatasetKind::ALL.len(),
        n in prop_oneof![0usize..300, Just(MAX_POINTS + 1), Just(usize::MAX)],
        noise in prop_oneof![-2.0f64..3.0, Just(f64::NAN), Just(f64::NEG_INFINITY)],
        classes in prop_oneof![0usize..12, Just(usize::MAX)],
        seed in any::<u64>(),
    ) {
        let kind = DatasetKind::ALL[kind];
        let generated = kind.generate(n, noise, classes, &mut rng(seed));
        prop_assert_eq!(generated.is_ok() || kind.is_generated(), kind.is_generated());
        if let Ok(data) = generated {
            prop_assert_eq!(data.len(), n);
            prop_assert!(data.points.iter().flatten().all(|v| v.is_finite()));
        }
    }
}
