//! Input features: keys, subsets, errors, and the transform of points into the network's x.

use mlp::features::FeatureError;
use mlp::{Feature, FeatureSet};

#[test]
fn features_round_trip_through_their_keys() {
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
