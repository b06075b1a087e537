//! Links: known examples, the round trip of every valid setting, and random queries (a
//! seeded generator plays proptest's part: the app crate's tests use only its own
//! dependencies).

use super::*;
use mlp::Feature;
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;

fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn read(query: &str) -> (Settings, Vec<UrlNotice>) {
    settings_from_pairs(&pairs(query))
}

fn owned(pairs: Vec<(&'static str, String)>) -> Vec<(String, String)> {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// Every field within its rule, and the cross-field checks hold.
fn assert_valid(s: &Settings) {
    for param in DATA_NUMBERS.iter().chain(&NETWORK_NUMBERS) {
        let text = number_text((param.get)(s));
        assert!(param.rule.parse(&text).is_ok(), "{} = {text} in {s:?}", param.key);
    }
    assert!(s.train_frac + s.valid_frac <= 1.0 + SPLIT_SUM_TOLERANCE, "{s:?}");
    let (lo, hi) = s.dataset.classes_range();
    assert!((lo..=hi).contains(&s.m), "{s:?}");
    assert!(s.features.d() >= 1);
    assert_eq!(s.penalty.invalid(), None, "{s:?}");
}

#[test]
fn the_update_rule_is_written_with_the_coefficients_it_has() {
    let (s, notices) = read("rule=adam&beta=0.8&eps=1e-7&beta2=0.99");
    assert_eq!((s.rule, notices), (mlp::UpdateRule::Adam { beta1: 0.8, beta2: 0.99, epsilon: 1e-7 }, vec![]));
    let query: Vec<String> = settings_to_pairs(&s).iter().map(|(k, v)| format!("{k}={v}")).collect();
    assert!(query.join("&").contains("&init=0&rule=adam&beta=0.8&beta2=0.99&eps=1e-7&speed="), "{query:?}");
    // momentum has β only: Adam's keys are ignored
    let (s, notices) = read("rule=Momentum&beta=0.5&beta2=0.3");
    assert_eq!((s.rule, notices), (mlp::UpdateRule::Momentum { beta: 0.5 }, vec![]));
    // an unknown rule or a β of 1 keeps the default, with a notice
    let (s, notices) = read("rule=rmsprop&beta=1");
    assert_eq!(s.rule, mlp::UpdateRule::Sgd);
    assert_eq!(notices.iter().map(|n| n.param).collect::<Vec<_>>(), ["rule"]);
    let (s, notices) = read("rule=nesterov&beta=1");
    assert_eq!((s.rule, notices[0].param, notices[0].used.as_str()), (mlp::UpdateRule::Nesterov { beta: 0.9 }, "beta", "0.9"));
}

#[test]
fn the_full_penalty_is_written_as_its_four_coefficients_and_lambda_still_reads() {
    // `lambda` alone: the course's weight decay
    let (s, notices) = read("lambda=0.01");
    assert_eq!((s.penalty, notices), (mlp::Penalty::weight_decay(0.01), vec![]));
    // the four keys replace what `lambda` set, one by one
    let (s, notices) = read("lambda=0.01&l11=0.05&l22=0");
    assert_eq!(notices, []);
    assert_eq!((s.penalty.w1.l1, s.penalty.w1.l2, s.penalty.w2.l1, s.penalty.w2.l2), (0.05, 0.01, 0.0, 0.0));
    let query: Vec<String> = settings_to_pairs(&s).iter().map(|(k, v)| format!("{k}={v}")).collect();
    let query = query.join("&");
    assert!(query.contains("&dh=8&l11=0.05&l12=0.01&l21=0&l22=0&eta=0.1") && !query.contains("lambda"), "{query}");
    // a bad coefficient keeps the previous one, with a notice naming it
    let (s, notices) = read("l21=-1&l12=abc");
    assert_eq!(s.penalty, Settings::default().penalty);
    let params: Vec<&str> = notices.iter().map(|n| n.param).collect();
    assert_eq!(params, ["l12", "l21"]);
    assert_eq!(notices[1].used, "0");
}

#[test]
fn a_teachers_link_sets_what_it_says_and_nothing_else() {
    let (s, notices) = read("data=spirals&m=4&dh=16&lambda=0.0005&eta=0.05&seed=7&features=x1,x2,x1x2&lang=fr&step=a");
    assert_eq!(notices, []);
    let expected = Settings {
        dataset: DatasetKind::Spirals,
        m: 4,
        d_h: 16,
        penalty: mlp::Penalty::weight_decay(0.0005),
        eta: 0.05,
        seed: 7,
        features: FeatureSet::new(&[Feature::X1, Feature::X2, Feature::X1X2]).unwrap_or_default(),
        ..Settings::default()
    };
    assert_eq!(s, expected);
    assert_eq!(read(""), (Settings::default(), vec![]));
    assert_eq!(read("utm_source=mail&mistakes=relu&case=eyJk"), (Settings::default(), vec![]));
}

#[test]
fn the_defaults_are_written_in_full_with_short_keys() {
    let query: Vec<String> = settings_to_pairs(&Settings::default()).iter().map(|(k, v)| format!("{k}={v}")).collect();
    assert_eq!(
        query.join("&"),
        "data=moons&n=200&noise=0.1&seed=1&m=2&train=0.7&valid=0.15&features=x1,x2\
         &dh=8&lambda=0.001&eta=0.1&k=10&init=0&rule=sgd&speed=teach"
    );
    assert_eq!(keys().len(), 15);
}

#[test]
fn a_file_run_is_written_with_its_hash_and_read_back() {
    let hash = [0xab; 32];
    let s = Settings {
        dataset: DatasetKind::Csv,
        m: 3,
        file: crate::settings::FileSettings { sha256: Some(hash), inputs: 13, label: Some(13), standardize: false },
        ..Settings::default()
    };
    let written = settings_to_pairs(&s);
    let tail: Vec<String> = written.iter().skip(15).map(|(k, v)| format!("{k}={v}")).collect();
    assert_eq!(tail.join("&"), format!("file={}&inputs=13&label=14&std=0", "ab".repeat(32)));
    assert_eq!(settings_from_pairs(&owned(written)), (s.clone(), vec![]));
    assert_eq!(s.d(), 13);
    // Another data set: no file keys written, and those of a link are not read.
    let moons = Settings { dataset: DatasetKind::Moons, ..s };
    assert_eq!(settings_to_pairs(&moons).len(), 15);
    let (read_moons, notices) = read(&format!("data=moons&file={}&inputs=13", "ab".repeat(32)));
    assert_eq!((read_moons.file, notices), (crate::settings::FileSettings::default(), vec![]));
    // Two inputs: the plane, with its features.
    let (plane, _) = read("data=csv&inputs=2&features=x1,x2,x1x2");
    assert!(plane.is_plane());
    assert_eq!(plane.d(), 3);
}

#[test]
fn numbers_print_short_and_parse_back_bit_exactly() {
    assert_eq!(number_text(200.0), "200");
    assert_eq!(number_text(0.0005), "0.0005");
    assert_eq!(number_text(1e-6), "1e-6");
    assert_eq!(number_text(4_294_967_295.0), "4294967295");
    for v in [0.1, 1.0 / 3.0, 1e-300, 5e-324, 0.7 + 0.1, -0.0, 99.99999999999999] {
        let back: f64 = number_text(v).parse().unwrap_or(f64::NAN);
        assert_eq!(back.to_bits(), v.to_bits(), "{v:?} → {}", number_text(v));
    }
}

#[test]
fn a_refused_value_keeps_the_default_and_says_why() {
    let notice = |param, value: &str, problem, used: &str| UrlNotice {
        param,
        value: value.to_owned(),
        problem,
        used: used.to_owned(),
    };
    let (s, notices) = read("dh=0&eta=abc&k=2.5&seed=&noise=2");
    assert_eq!(s, Settings::default());
    assert_eq!(
        notices,
        [
            notice("noise", "2", UrlProblem::Number(FieldError::AboveMax("1")), "0.1"),
            notice("seed", "", UrlProblem::Number(FieldError::Empty), "1"),
            notice("dh", "0", UrlProblem::Number(FieldError::BelowMin("1")), "8"),
            notice("eta", "abc", UrlProblem::Number(FieldError::NotANumber), "0.1"),
            notice("k", "2.5", UrlProblem::Number(FieldError::NotAnInteger), "10"),
        ]
    );
    let (s, notices) = read("data=nope&features=x1,x3");
    assert_eq!(s, Settings::default());
    assert_eq!(
        notices,
        [
            notice("data", "nope", UrlProblem::UnknownDataset, "moons"),
            notice("features", "x1,x3", UrlProblem::Features(FeatureError::UnknownKey("x3".into())), "x1,x2"),
        ]
    );
    assert_eq!(read("features=,").1[0].problem, UrlProblem::Features(FeatureError::Empty));
    // Lenient where nothing is ambiguous: case and spaces of a data set key, a decimal comma.
    assert_eq!(read("data= Spirals&lambda=0,01").1, []);
}

#[test]
fn classes_the_data_set_cannot_make_fall_back_to_its_minimum() {
    let (s, notices) = read("m=5&data=moons");
    assert_eq!((s.dataset, s.m), (DatasetKind::Moons, 2));
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].param, "m");
    assert_eq!(notices[0].problem, UrlProblem::Classes(DatasetKind::Moons));
    assert_eq!(notices[0].used, "2");
    // An unknown data set falls back to moons, and then m = 5 cannot stay either.
    let (s, notices) = read("data=nope&m=5");
    assert_eq!(s.m, 2);
    assert_eq!(notices.iter().map(|n| n.param).collect::<Vec<_>>(), ["data", "m"]);
    assert_eq!(read("data=blobs&m=8").1, []);
}

#[test]
fn fractions_over_one_both_fall_back_with_a_notice_per_given_value() {
    let (s, notices) = read("train=0.9&valid=0.5");
    assert_eq!((s.train_frac, s.valid_frac), (0.7, 0.15));
    let problem = UrlProblem::SplitOverOne { train: 0.9, valid: 0.5 };
    assert_eq!(notices.iter().map(|n| (n.param, n.used.as_str())).collect::<Vec<_>>(), [("train", "0.7"), ("valid", "0.15")]);
    assert!(notices.iter().all(|n| n.problem == problem));
    // Only the value the link gave is named; a refused value has its own notice already.
    let (s, notices) = read("train=0.9&valid=x");
    assert_eq!((s.train_frac, s.valid_frac), (0.7, 0.15));
    assert_eq!(notices.iter().map(|n| n.param).collect::<Vec<_>>(), ["valid", "train"]);
    assert_eq!(read("train=0.7&valid=0.3").1, [], "a sum of exactly 1 leaves an empty test set");
}

#[test]
fn the_first_of_repeated_keys_counts() {
    assert_eq!(read("dh=4&dh=0").0.d_h, 4);
}

/// A random setting within every rule, with values at the bounds and of every magnitude.
fn random_settings(rng: &mut Pcg64) -> Settings {
    let dataset = DatasetKind::ALL[rng.random_range(0..DatasetKind::ALL.len())];
    let mut s = Settings { dataset, ..Settings::default() };
    for param in DATA_NUMBERS.iter().chain(&NETWORK_NUMBERS) {
        let NumRule { min, max, integer, .. } = param.rule;
        let v = match rng.random_range(0..5) {
            0 => min,
            1 => max,
            2 => min + (max - min) * 10f64.powf(-rng.random_range(0.0..300.0)),
            _ => rng.random_range(min..=max),
        };
        (param.set)(&mut s, if integer { v.round() } else { v });
    }
    let (lo, hi) = s.dataset.classes_range();
    s.m = rng.random_range(lo..=hi);
    if s.train_frac + s.valid_frac > 1.0 {
        s.valid_frac = (1.0 - s.train_frac).max(0.0);
    }
    let chosen: Vec<Feature> = Feature::ALL.into_iter().filter(|_| rng.random_bool(0.4)).collect();
    s.features = FeatureSet::new(&chosen).unwrap_or_default();
    // half the time the full penalty, some coefficients 0
    if rng.random_bool(0.5) {
        for c in mlp::Coefficient::ALL {
            let v = if rng.random_bool(0.3) { 0.0 } else { rng.random_range(0.0..=10.0) };
            s.penalty.set(c, v);
        }
    }
    s
}

#[test]
fn every_valid_setting_survives_a_round_trip_bit_for_bit() {
    let mut rng = Pcg64::seed_from_u64(3395);
    for _ in 0..20_000 {
        let s = random_settings(&mut rng);
        assert_valid(&s);
        let (back, notices) = settings_from_pairs(&owned(settings_to_pairs(&s)));
        assert_eq!(notices, [], "{s:?}");
        assert_eq!(back, s);
        for c in mlp::Coefficient::ALL {
            assert_eq!(back.penalty.get(c).to_bits(), s.penalty.get(c).to_bits());
        }
        assert_eq!(back.eta.to_bits(), s.eta.to_bits());
    }
}

/// A random value: pieces of numbers, keys, junk and non-ASCII text, glued together.
fn random_value(rng: &mut Pcg64) -> String {
    const PIECES: [&str; 24] = [
        "0", "1", "7", "0.5", ".", ",", "-", "+", "e", "E", "-300", "1e400", "NaN", "inf", " ", "x1", "x1x2",
        "spirals", "Moons", "é", "🦀", "\u{0}", "%", "99999999999999999999",
    ];
    let len = rng.random_range(0..6);
    (0..len).map(|_| PIECES[rng.random_range(0..PIECES.len())]).collect()
}

#[test]
fn random_queries_never_panic_and_always_give_valid_settings() {
    let mut rng = Pcg64::seed_from_u64(6390);
    let mut known = keys();
    known.extend(["lang", "step", "case", "mistakes", "", "DH", "zz"]);
    known.extend(PENALTY_KEYS);
    for _ in 0..20_000 {
        let query: Vec<(String, String)> = (0..rng.random_range(0..20))
            .map(|_| (known[rng.random_range(0..known.len())].to_owned(), random_value(&mut rng)))
            .collect();
        let (s, notices) = settings_from_pairs(&query);
        assert_valid(&s);
        for notice in &notices {
            assert!(query.iter().any(|(k, v)| k == notice.param && *v == notice.value), "{notice:?} in {query:?}");
        }
        // What the page then writes reads back as it is, without a notice.
        assert_eq!(settings_from_pairs(&owned(settings_to_pairs(&s))), (s, vec![]));
    }
}

#[test]
fn the_readme_documents_every_parameter_with_its_range_and_default() {
    let readme = include_str!("../../README.md");
    let row = |key: &str| {
        let start = format!("| `{key}` |");
        readme.lines().find(|line| line.starts_with(&start)).unwrap_or_default().to_owned()
    };
    let defaults = settings_to_pairs(&Settings::default());
    for (key, default) in &defaults {
        assert!(row(key).contains(&format!("default `{default}`")), "README row for {key}: {}", row(key));
    }
    for param in DATA_NUMBERS.iter().chain(&NETWORK_NUMBERS) {
        let line = row(param.key);
        assert!(line.contains(param.rule.min_text) && line.contains(param.rule.max_text), "{line}");
    }
    let speed = row(SPEED);
    assert!(speed.contains(SPEED_RULE.min_text) && speed.contains(SPEED_RULE.max_text) && speed.contains("`teach`"), "{speed}");
}

#[test]
fn the_pace_is_a_word_or_a_rate() {
    use engine::Speed;
    let speed = |query: &str| read(query).0.speed;
    assert_eq!(speed(""), Speed::Teaching, "the teaching pace by default");
    assert_eq!(speed("speed=teach"), Speed::Teaching);
    assert_eq!(speed("speed=0"), Speed::Fastest);
    assert_eq!(speed("speed=20"), Speed::PerSecond(20.0));
    let (s, notices) = read("speed=fast");
    assert_eq!((s.speed, notices.len()), (Speed::Teaching, 1), "an unknown word keeps the default, said");
    assert_eq!(notices[0].used, "teach");
    for speed in [Speed::Teaching, Speed::Fastest, Speed::PerSecond(2.5)] {
        let s = Settings { speed, ..Settings::default() };
        let pairs: Vec<(String, String)> = settings_to_pairs(&s).into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        assert_eq!(settings_from_pairs(&pairs), (s, vec![]), "{speed:?} reads back");
    }
}
