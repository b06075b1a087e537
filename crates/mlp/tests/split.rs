//! Splitting a data set into training, validation and test sets, and editing a set by hand.

use mlp::dataset::{DatasetError, LabelError, MAX_CLASSES, VIEW};
use mlp::{Dataset, DatasetKind};
use proptest::prelude::*;
use rand::SeedableRng;
use rand_pcg::Pcg64;

fn rng(seed: u64) -> Pcg64 {
    Pcg64::seed_from_u64(seed)
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
    data.push([1.0, 1.0], 0).unwrap();
    data.push([-1.0, 0.5], 2).unwrap();
    data.push([0.2, -1.5], 1).unwrap();
    assert_eq!(data.classes, 3);
    assert_eq!(data.class_counts(), vec![1, 1, 1]);
    assert_eq!(data.bounds(), ([-1.0, -1.5], [1.0, 1.0]));
    assert_eq!(data.remove_nearest([-0.9, 0.4]), Some(1));
    assert_eq!(data.labels, vec![0, 1]);
    assert_eq!(data.points, vec![[1.0, 1.0], [0.2, -1.5]]);
    assert_eq!(data.class_counts(), vec![1, 1, 0]);
}

#[test]
fn a_class_beyond_the_largest_is_refused() {
    let mut data = Dataset::default();
    data.push([0.0, 0.0], MAX_CLASSES - 1).unwrap();
    for label in [MAX_CLASSES, 1000, usize::MAX] {
        let err = data.push([1.0, 1.0], label).unwrap_err();
        assert_eq!(
            err,
            LabelError {
                label,
                max_classes: MAX_CLASSES
            }
        );
    }
    assert_eq!(
        data.push([1.0, 1.0], 10).unwrap_err().to_string(),
        "class 10 is out of range: a data set has at most 10 classes, numbered 0 to 9"
    );
    // Nothing was added, and the counts stay small.
    assert_eq!((data.len(), data.classes), (1, MAX_CLASSES));
    assert_eq!(data.class_counts(), [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    // `classes` set by hand cannot make class_counts allocate a huge vector either.
    data.classes = usize::MAX;
    assert_eq!(data.class_counts().len(), MAX_CLASSES);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

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
