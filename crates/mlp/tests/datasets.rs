//! Data sets, splits and input features: sizes, balance, reproducibility, ranges and the error
//! messages a student sees.

use mlp::dataset::{generators, DatasetError, MAX_POINTS, VIEW};
use mlp::features::FeatureError;
use mlp::{Dataset, DatasetKind, Feature, FeatureSet};
use proptest::prelude::*;
use rand::SeedableRng;
use rand_pcg::Pcg64;

fn rng(seed: u64) -> Pcg64 {
    Pcg64::seed_from_u64(seed)
}

/// Every kind with every allowed number of classes.
fn every_kind_and_classes() -> impl Iterator<Item = (DatasetKind, usize)> {
    DatasetKind::ALL.into_iter().flat_map(|kind| {
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
        .generate(100, 0.1, 9, &mut rng(0))
        .unwrap_err()
        .to_string();
    assert!(
        text.contains("between 2 and 8") && text.contains("not 9"),
        "{text}"
    );
    for kind in DatasetKind::ALL {
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

/// Points and labels as sortable keys, to compare data sets as multisets.
fn multiset(sets: &[&Dataset]) -> Vec<(u64, u64, usize)> {
    let mut keys: Vec<_> = sets
        .iter()
        .flat_map(|d| d.points.iter().zip(&d.labels))
        .map(|(p, &y)| (p[0].to_bits(), p[1].to_bits(), y))
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn split_sizes_and_disjoint_parts_that_rebuild_the_data() {
    let data = DatasetKind::Spirals
        .generate(101, 0.2, 3, &mut rng(2))
        .unwrap();
    let split = data.split(0.6, 0.2, &mut rng(9)).unwrap();
    assert_eq!(split.train.len(), 61); // round(60.6)
    assert_eq!(split.valid.len(), 20); // round(20.2)
    assert_eq!(split.test.len(), 20); // the rest
    assert_eq!(
        multiset(&[&split.train, &split.valid, &split.test]),
        multiset(&[&data])
    );
    assert!([&split.train, &split.valid, &split.test]
        .iter()
        .all(|d| d.classes == 3));
    // Shuffled: the training set is not simply the first points.
    assert_ne!(split.train.points[..], data.points[..61]);
    assert_eq!(split, data.split(0.6, 0.2, &mut rng(9)).unwrap());

    let all = data.split(1.0, 0.0, &mut rng(9)).unwrap();
    assert_eq!(
        (all.train.len(), all.valid.len(), all.test.len()),
        (101, 0, 0)
    );
    let halves = data.split(0.5, 0.5, &mut rng(9)).unwrap(); // round(50.5) twice is 102 > 101
    assert_eq!(
        (halves.train.len(), halves.valid.len(), halves.test.len()),
        (51, 50, 0)
    );
}

#[test]
fn bad_split_fractions_are_refused() {
    let data = DatasetKind::Moons
        .generate(50, 0.1, 2, &mut rng(2))
        .unwrap();
    for (train, valid) in [
        (-0.1, 0.1),
        (1.1, 0.0),
        (0.6, 0.5),
        (f64::NAN, 0.1),
        (0.5, f64::NAN),
    ] {
        let err = data.split(train, valid, &mut rng(0)).unwrap_err();
        assert!(
            matches!(err, DatasetError::SplitFractions { .. }),
            "{train} {valid}: {err:?}"
        );
        assert!(err.to_string().contains("add up to at most 1"), "{err}");
    }
    let err = data.split(0.0, 0.5, &mut rng(0)).unwrap_err();
    assert_eq!(err, DatasetError::EmptyTrainingSet { n: 50, train: 0.0 });
    assert!(
        err.to_string().contains("raise the training fraction"),
        "{err}"
    );
    assert!(Dataset::default().split(0.8, 0.1, &mut rng(0)).is_err());
    let mut unlabelled = data.clone();
    unlabelled.labels.pop();
    let split = unlabelled.split(1.0, 0.0, &mut rng(0)).unwrap(); // the unlabelled point is left out
    assert_eq!(
        (split.train.points.len(), split.train.labels.len()),
        (49, 49)
    );
}

#[test]
fn points_can_be_added_and_removed_by_hand() {
    let mut data = Dataset::default();
    assert_eq!(data.bounds(), ([-VIEW, -VIEW], [VIEW, VIEW]));
    assert_eq!(data.remove_nearest([0.0, 0.0]), None);
    data.push([1.0, 1.0], 0);
    data.push([-1.0, 0.5], 2);
    data.push([0.2, -1.5], 1);
    assert_eq!(data.classes, 3);
    assert_eq!(data.class_counts(), vec![1, 1, 1]);
    assert_eq!(data.bounds(), ([-1.0, -1.5], [1.0, 1.0]));
    assert_eq!(data.remove_nearest([-0.9, 0.4]), Some(1));
    assert_eq!(data.labels, vec![0, 1]);
    assert_eq!(data.points, vec![[1.0, 1.0], [0.2, -1.5]]);
    assert_eq!(data.class_counts(), vec![1, 1, 0]);
}

#[test]
fn kinds_and_features_round_trip_through_their_keys() {
    for kind in DatasetKind::ALL {
        assert_eq!(DatasetKind::from_key(kind.key()), Some(kind));
    }
    assert_eq!(DatasetKind::from_key("moon"), None);
    for f in Feature::ALL {
        assert_eq!(Feature::from_key(f.key()), Some(f));
    }
    assert_eq!(Feature::from_key("x3"), None);
}

#[test]
fn feature_sets_count_d_and_round_trip_every_subset() {
    let default = FeatureSet::default();
    assert_eq!(default.d(), 2);
    assert_eq!(default.to_keys(), "x1,x2");
    for mask in 1u32..(1 << Feature::ALL.len()) {
        let chosen: Vec<Feature> = Feature::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, f)| f)
            .collect();
        let set = FeatureSet::new(&chosen).unwrap();
        assert_eq!(set.d(), chosen.len());
        assert_eq!(set.iter().collect::<Vec<_>>(), chosen);
        assert_eq!(FeatureSet::parse_keys(&set.to_keys()), Ok(set));
    }
    let set = FeatureSet::parse_keys(" sinx2 , x1 ,x1").unwrap();
    assert_eq!(
        set.iter().collect::<Vec<_>>(),
        vec![Feature::X1, Feature::SinX2]
    );
}

#[test]
fn feature_errors_name_the_problem() {
    let err = FeatureSet::parse_keys("x1,x3").unwrap_err();
    assert_eq!(err, FeatureError::UnknownKey("x3".into()));
    assert!(
        err.to_string().contains("\"x3\"") && err.to_string().contains("sinx1"),
        "{err}"
    );
    for empty in [
        FeatureSet::new(&[]),
        FeatureSet::parse_keys(""),
        FeatureSet::parse_keys(" , "),
    ] {
        assert_eq!(
            empty.unwrap_err().to_string(),
            "choose at least one input feature"
        );
    }
    let x1 = FeatureSet::new(&[Feature::X1]).unwrap();
    assert_eq!(x1.with(Feature::X1, false), Err(FeatureError::Empty));
    let both = x1.with(Feature::X1X2, true).unwrap();
    assert!(both.contains(Feature::X1X2) && !both.contains(Feature::X2));
    assert_eq!(both.with(Feature::X1X2, false), Ok(x1));
}

#[test]
fn apply_and_matrix_agree() {
    let all = FeatureSet::new(&Feature::ALL).unwrap();
    let p = [0.5, -2.0];
    let mut x = [0.0; 7];
    all.apply(p, &mut x);
    // x1, x2, x1², x2², x1·x2, sin x1, sin x2
    assert_eq!(
        x,
        [0.5, -2.0, 0.25, 4.0, -1.0, 0.5f64.sin(), (-2.0f64).sin()]
    );

    let set = FeatureSet::parse_keys("x2,x1x2,sinx1").unwrap();
    let points = [[0.3, -1.2], [1.9, 0.4], [-2.0, 2.0]];
    let xs = set.matrix(&points); // [n x d]
    assert_eq!(xs.shape(), (3, 3));
    for (i, p) in points.iter().enumerate() {
        let mut row = [0.0; 3];
        set.apply(*p, &mut row);
        assert_eq!(xs.row(i).iter().copied().collect::<Vec<_>>(), row);
    }
    assert_eq!(set.matrix(&[]).shape(), (0, 3));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any form input gives either a data set of the asked size or an error, never a panic.
    #[test]
    fn generate_never_panics(
        kind in 0usize..5,
        n in prop_oneof![0usize..300, Just(MAX_POINTS + 1), Just(usize::MAX)],
        noise in prop_oneof![-2.0f64..3.0, Just(f64::NAN), Just(f64::NEG_INFINITY)],
        classes in prop_oneof![0usize..12, Just(usize::MAX)],
        seed in any::<u64>(),
    ) {
        let kind = DatasetKind::ALL[kind];
        if let Ok(data) = kind.generate(n, noise, classes, &mut rng(seed)) {
            prop_assert_eq!(data.len(), n);
            prop_assert!(data.points.iter().flatten().all(|v| v.is_finite()));
        }
    }

    /// Any fractions give a correct split or an error, never a panic.
    #[test]
    fn split_never_panics(train in -0.5f64..1.5, valid in -0.5f64..1.5, n in 2usize..60) {
        let data = DatasetKind::Xor.generate(n, 0.1, 2, &mut rng(1)).unwrap();
        if let Ok(split) = data.split(train, valid, &mut rng(2)) {
            prop_assert!(!split.train.is_empty());
            prop_assert_eq!(split.train.len() + split.valid.len() + split.test.len(), n);
        }
    }
}
