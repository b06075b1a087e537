//! Every parser of user input, on arbitrary text ("the page never dies", issue 10).
//!
//! A link, a pasted case and a typed number are untrusted: each parser must return a value or a
//! message, whatever it is given, and a value it returns must be one the page can use. Each
//! property below checks both: no panic on random and near-valid input, and what was accepted
//! is within its rule (and reads back the same when written again). The case format itself is
//! fuzzed in `crates/mlp/tests/case_fuzz.rs`; here a parsed case is also walked by the stepper.
//!
//! Not reachable from here: `components::stepper_panel::StepView::from_key` (a private module;
//! it only adds `forward`/`backward` to [`Step::from_key`], tested below) and
//! `components::case_panel::link::decode` (fuzzed by its own unit tests in that file).
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::base64url;
use backprop_lab::data::{initial_params, make_split, DataKey};
use backprop_lab::i18n::{self, Lang};
use backprop_lab::lab::{Edit, Edits};
use backprop_lab::presenter::{Layout, Part, View};
use backprop_lab::settings::*;
use backprop_lab::stepper::typed::{parse_point, parse_typed};
use backprop_lab::stepper::{Example, Step, Walk};
use backprop_lab::url_state::{keys, number_text, settings_from_pairs, settings_to_pairs};
use base64::Engine;
use mlp::dataset::VIEW;
use mlp::{parse_case, DatasetKind, Feature, FeatureSet, Mistake, Mistakes, Shape, TrainConfig, Trainer};
use proptest::prelude::*;
use std::collections::BTreeMap;
use serde_json::json;

// ── Strategies ────────────────────────────────────────────────────────────────────────────────

/// Numbers as people and links write them, and the ways they go wrong: special words, unicode
/// digits, decimal commas, thousands separators, overflow, the bounds of every rule and just
/// past them.
const SPECIAL_NUMBERS: &[&str] = &[
    "NaN", "nan", "-NaN", "inf", "-inf", "+inf", "infinity", "Infinity", "1e309", "-1e309", "1e-400", "-0", "-0.0",
    "+0", "0x10", "1_000", "١٢", "٣٫٥", "１２", "1.", ".5", ".", "-", "+", "e5", "1e", "4294967295", "4294967296",
    "4294967295.5", "18446744073709551616", "0.05", "0.049", "0.95", "0.96", "1", "0", "10", "9", "5000", "5001",
    "256", "257", "1000", "1001", "0.000001", "0.0000009", "100", "100.0000001", "1,5", "1,000", "1.000,5", " 8 ",
    "\u{a0}8", "8\u{200b}", "2e0", "0.7", "0.3", "0.15", "0.85",
];

/// Any text: printable, anything at all (controls, lone combining marks), or made of the
/// characters the parsers split and read.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{0,30}", ".{0,30}", "[ \t,;.\\-+0-9a-zé١]{0,30}"]
}

/// A long text (up to 5000 characters): `any_text` repeated, as generating 5000 random
/// characters per case would cost most of this file's time.
fn long_text() -> impl Strategy<Value = String> {
    (any_text(), 1000..=5000usize).prop_map(|(text, n)| text.chars().cycle().take(n).collect())
}

/// Text that looks like a number, or nearly.
fn number_ish() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ ]?[-+]?[0-9]{0,12}([.,][0-9]{0,8})?([eE][-+]?[0-9]{1,3})?[ ]?",
        prop::sample::select(SPECIAL_NUMBERS).prop_map(String::from),
        any::<f64>().prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| format!("{v:e}")),
        any::<i64>().prop_map(|v| v.to_string()),
        any::<u64>().prop_map(|v| v.to_string()),
        (-20.0..6000.0f64).prop_map(|v| v.to_string()),
        (-20i64..6000).prop_map(|v| v.to_string()),
        (-0.5..1.5f64).prop_map(|v| v.to_string().replace('.', ",")),
    ]
}

/// `key` as someone might type it: some letters upper-case, spaces around, per `bits`.
fn vary(key: &str, bits: u32) -> String {
    let cased: String = key
        .chars()
        .enumerate()
        .map(|(i, c)| if bits >> (i % 24) & 1 == 1 { c.to_ascii_uppercase() } else { c })
        .collect();
    let pad = |bit: u32| if bits >> bit & 1 == 1 { " " } else { "" };
    format!("{}{cased}{}", pad(30), pad(31))
}

/// One of `keys`, varied, or a near miss (a key with a letter dropped or added), or junk.
fn key_like(keys: Vec<&'static str>) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (prop::sample::select(keys.clone()), any::<u32>()).prop_map(|(k, bits)| vary(k, bits)),
        1 => prop::sample::select(keys).prop_map(|k| format!("{k}s")),
        1 => "[a-z0-9\\- ]{0,8}",
        1 => any_text(),
    ]
}

/// A comma-separated list of `key_like` items, with empty items and spaces.
fn list_like(keys: Vec<&'static str>) -> impl Strategy<Value = String> {
    prop::collection::vec(key_like(keys), 0..7).prop_map(|items| items.join(","))
}

/// The non-empty items of a comma-separated list, as the list parsers read them.
fn items(list: &str) -> Vec<&str> {
    list.split(',').map(str::trim).filter(|k| !k.is_empty()).collect()
}

/// The mistakes switched on by the bits of `bits`.
fn mistakes_of(bits: u16) -> Mistakes {
    Mistake::ALL.into_iter().enumerate().filter(|(i, _)| bits >> i & 1 == 1).map(|(_, m)| m).collect()
}

/// `message` is a message: not empty, in both languages.
fn is_message(message: impl Fn(Lang) -> String) -> bool {
    Lang::ALL.iter().all(|&lang| !message(lang).trim().is_empty())
}

// ── Number fields ─────────────────────────────────────────────────────────────────────────────

/// Every number field's rule, by its link key.
const RULES: [(&str, NumRule); 16] = [
    ("n", N_RULE),
    ("noise", NOISE_RULE),
    ("seed", SEED_RULE),
    ("m", M_RULE),
    ("train", TRAIN_FRAC_RULE),
    ("valid", VALID_FRAC_RULE),
    ("dh", D_H_RULE),
    ("lambda", LAMBDA_RULE),
    ("l11", LAMBDA_RULE),
    ("l12", LAMBDA_RULE),
    ("l21", LAMBDA_RULE),
    ("l22", LAMBDA_RULE),
    ("eta", ETA_RULE),
    ("k", BATCH_RULE),
    ("init", INIT_RULE),
    ("speed", SPEED_RULE),
];

/// Whether `v` is a value `rule` allows.
fn within(rule: &NumRule, v: f64) -> bool {
    v.is_finite() && rule.min <= v && v <= rule.max && (!rule.integer || v.fract() == 0.0)
}

/// The value of the setting whose link key is `key`.
fn field(s: &Settings, key: &str) -> f64 {
    match key {
        "n" => s.n as f64,
        "noise" => s.noise,
        "seed" => s.seed as f64,
        "m" => s.m as f64,
        "train" => s.train_frac,
        "valid" => s.valid_frac,
        "dh" => s.d_h as f64,
        "lambda" => s.penalty.as_weight_decay().unwrap_or(s.penalty.w1.l2),
        "l11" => s.penalty.w1.l1,
        "l12" => s.penalty.w1.l2,
        "l21" => s.penalty.w2.l1,
        "l22" => s.penalty.w2.l2,
        "eta" => s.eta,
        "k" => s.batch_size as f64,
        "init" => s.init as f64,
        "speed" => s.speed.epochs_per_second(0),
        other => panic!("no number field {other}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever is typed, a rule returns a value within its range (finite, integral for integer
    /// fields) or a reason that can be shown.
    #[test]
    fn a_number_rule_accepts_only_its_range(rule in 0..RULES.len(), text in prop_oneof![number_ish(), any_text()]) {
        let (key, rule) = RULES[rule];
        match rule.parse(&text) {
            Ok(v) => prop_assert!(within(&rule, v), "{key}: {text:?} → {v}"),
            Err(e) => prop_assert!(is_message(|lang| i18n::field_error(lang, &e))),
        }
    }

    /// Every value of the range, as the link writes it (and with a decimal comma), is accepted
    /// as itself; a value just outside is refused with the bound it passed.
    #[test]
    fn a_number_rule_accepts_every_value_of_its_range(rule in 0..RULES.len(), t in 0.0..=1.0f64, past in 1e-9..10.0f64) {
        let (key, rule) = RULES[rule];
        let mut v = rule.min + t * (rule.max - rule.min);
        if rule.integer {
            v = v.round();
        }
        prop_assert_eq!(rule.parse(&number_text(v)), Ok(v), "{}", key);
        prop_assert_eq!(rule.parse(&format!(" {} ", v.to_string().replace('.', ","))), Ok(v), "{}", key);
        // A step past `bound` that shows in an f64; whole for integer fields, so that the value
        // is refused for its range and not as a fraction.
        let step = |bound: f64| {
            let step = past.max(bound.abs() * 1e-9);
            if rule.integer { step.ceil() } else { step }
        };
        let below = rule.min - step(rule.min);
        prop_assert_eq!(rule.parse(&number_text(below)), Err(FieldError::BelowMin(rule.min_text)), "{}", key);
        let above = rule.max + step(rule.max);
        prop_assert_eq!(rule.parse(&number_text(above)), Err(FieldError::AboveMax(rule.max_text)), "{}", key);
    }
}

// ── The URL's settings ────────────────────────────────────────────────────────────────────────

/// A link's query pairs: the settings' keys (varied a little) and others, with numbers, data
/// set names, feature lists or junk as values, repeated keys allowed.
fn url_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    let mut all_keys = keys();
    all_keys.extend(["lang", "step", "case", "edits", "mistakes", "present", "hide"]);
    let key = prop_oneof![
        6 => prop::sample::select(all_keys).prop_map(String::from),
        1 => prop::sample::select(vec!["N", "DH", " n", "n ", "", "m\u{0}"]).prop_map(String::from),
        1 => any_text(),
    ];
    let datasets: Vec<&'static str> = DatasetKind::ALL.iter().map(|k| k.key()).collect();
    let features: Vec<&'static str> = Feature::ALL.iter().map(|f| f.key()).collect();
    let value = prop_oneof![
        4 => number_ish(),
        1 => any_text(),
        1 => key_like(datasets),
        1 => list_like(features),
    ];
    prop::collection::vec((key, value), 0..24)
}

/// `pairs` with only the first value of each key.
fn first_of_each(pairs: &[(String, String)]) -> Vec<(String, String)> {
    let mut seen = std::collections::HashSet::new();
    pairs.iter().filter(|(k, _)| seen.insert(k.clone())).cloned().collect()
}

/// Settings the page can use: each number within its field's rule, m allowed by the data set,
/// train + valid ≤ 1, at least one feature.
fn check_valid(s: &Settings) -> Result<(), TestCaseError> {
    for (key, rule) in RULES {
        prop_assert!(within(&rule, field(s, key)), "{key} = {} in {s:?}", field(s, key));
    }
    let (lo, hi) = s.dataset.classes_range();
    prop_assert!((lo..=hi).contains(&s.m), "m = {} for {:?}", s.m, s.dataset);
    prop_assert!(s.train_frac + s.valid_frac <= 1.0 + 1e-9, "{} + {}", s.train_frac, s.valid_frac);
    prop_assert!((1..=Feature::ALL.len()).contains(&s.features.d()));
    prop_assert!(s.shape().is_some());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    /// Whatever the query, the settings are valid, read back the same once written, only the
    /// first of repeated keys counts, a valid value is used, and each refused one is named.
    #[test]
    fn any_query_gives_valid_settings_that_survive_their_link(pairs in url_pairs()) {
        let (s, notices) = settings_from_pairs(&pairs);
        check_valid(&s)?;
        let written: Vec<(String, String)> = settings_to_pairs(&s).into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        prop_assert_eq!(settings_from_pairs(&written), (s.clone(), vec![]));
        prop_assert_eq!(settings_from_pairs(&first_of_each(&pairs)), (s.clone(), notices.clone()));
        let first = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        // Fields that depend on no other: a value their rule accepts is the value used.
        for (key, rule) in RULES.iter().filter(|(k, _)| !["m", "train", "valid"].contains(k)) {
            if let Some(Ok(v)) = first(key).map(|text| rule.parse(text)) {
                prop_assert_eq!(field(&s, key), v, "{}", key);
            }
        }
        if let Some(kind) = first("data").and_then(|t| DatasetKind::from_key(&t.trim().to_ascii_lowercase())) {
            prop_assert_eq!(s.dataset, kind);
        }
        if let Some(Ok(features)) = first("features").map(FeatureSet::parse_keys) {
            prop_assert_eq!(s.features, features);
        }
        for notice in &notices {
            prop_assert_eq!(first(notice.param), Some(notice.value.as_str()), "{:?}", notice);
            prop_assert!(is_message(|lang| i18n::url_state::url_notice(lang, notice)));
        }
    }
}

// ── Presenter flags, step, mistakes and language ──────────────────────────────────────────────

/// The `hide` keys of every part.
fn part_keys() -> Vec<&'static str> {
    Part::ALL.iter().map(|p| p.key()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `present`, `hide` and `view` of any link: the hidden parts are sorted without repeats,
    /// every item of `hide` is either a part or reported unknown (in order), a `view` is a
    /// layout or reported unknown (and the long page shown), and the view reads back.
    #[test]
    fn presenter_flags_of_any_link_read_back(
        present in prop::option::of(prop_oneof![key_like(vec!["1", "true", "yes", "on", "", "0", "no"]), any_text()]),
        hide in prop::option::of(prop_oneof![list_like(part_keys()), any_text()]),
        layout in prop::option::of(prop_oneof![key_like(Layout::ALL.iter().map(|l| l.key()).collect()), any_text()]),
    ) {
        let (view, unknown) = View::from_params(present.as_deref(), hide.as_deref(), layout.as_deref());
        let given = layout.as_deref().map(str::trim).filter(|l| !l.is_empty());
        match given.map(Layout::from_key) {
            None => prop_assert!(view.layout == Layout::All && unknown.layout.is_none()),
            Some(Some(known)) => prop_assert!(view.layout == known && unknown.layout.is_none()),
            Some(None) => prop_assert!(view.layout == Layout::All && unknown.layout.as_deref() == given),
        }
        let normal = present.as_deref().map(|p| p.trim().to_ascii_lowercase());
        prop_assert_eq!(view.present, matches!(normal.as_deref(), Some("1" | "true" | "yes" | "on" | "")));
        prop_assert!(view.hidden.windows(2).all(|w| w[0] < w[1]), "{:?}", view.hidden);
        let listed = items(hide.as_deref().unwrap_or(""));
        let expected_unknown: Vec<String> =
            listed.iter().filter(|k| Part::from_key(k).is_none()).map(|k| k.to_string()).collect();
        prop_assert_eq!(&unknown.parts, &expected_unknown);
        for key in &listed {
            if let Some(part) = Part::from_key(key) {
                prop_assert!(view.is_hidden(part));
            }
        }
        prop_assert_eq!(view.hidden.len(), {
            let mut parts: Vec<Part> = listed.iter().filter_map(|k| Part::from_key(k)).collect();
            parts.sort();
            parts.dedup();
            parts.len()
        });
        let back = View::from_params(view.present.then_some("1"), view.hide_param().as_deref(), view.layout_param());
        prop_assert_eq!(back, (view, Default::default()));
    }

    /// A part, a step and a language are found only by their key (any case, spaces around).
    #[test]
    fn keys_name_exactly_their_part_step_or_language(
        part in key_like(part_keys()),
        step in key_like(Step::ALL.iter().map(|s| s.key()).collect()),
        lang in key_like(vec!["en", "fr"]),
    ) {
        let normal = |text: &str| text.trim().to_ascii_lowercase();
        match Part::from_key(&part) {
            Some(found) => prop_assert_eq!(found.key(), normal(&part)),
            None => prop_assert!(Part::ALL.iter().all(|p| p.key() != normal(&part))),
        }
        match Step::from_key(&step) {
            Some(found) => prop_assert_eq!(found.key(), normal(&step)),
            None => prop_assert!(Step::ALL.iter().all(|s| s.key() != normal(&step))),
        }
        match Lang::from_code(&lang) {
            Some(found) => prop_assert_eq!(found.code(), normal(&lang)),
            None => prop_assert!(!["en", "fr"].contains(&normal(&lang).as_str())),
        }
    }

    /// A mistakes list: all its items known gives exactly those mistakes (and reads back from
    /// what it writes); otherwise the error is the first unknown item.
    #[test]
    fn a_mistakes_list_is_its_keys_or_its_first_unknown_one(
        list in prop_oneof![list_like(Mistake::ALL.iter().map(|m| m.key()).collect()), any_text()],
    ) {
        let listed = items(&list);
        match Mistakes::parse_keys(&list) {
            Ok(set) => {
                let named: Option<Mistakes> = listed.iter().map(|k| Mistake::from_key(k)).collect();
                prop_assert_eq!(Some(set), named);
                prop_assert_eq!(Mistakes::parse_keys(&set.to_keys()), Ok(set));
            }
            Err(key) => {
                let first_unknown = listed.iter().find(|k| Mistake::from_key(k).is_none());
                prop_assert_eq!(Some(&key.as_str()), first_unknown);
            }
        }
    }
}

// ── The clicked points (`edits`) ──────────────────────────────────────────────────────────────

/// The data a link's edits apply to: any data set, a few dozen points, any allowed m.
fn data_key() -> impl Strategy<Value = DataKey> {
    (prop::sample::select(DatasetKind::ALL.to_vec()), 10..60usize, 0.0..0.3f64, any::<u64>(), 0.3..0.9f64, 0.0..0.1f64)
        .prop_flat_map(|(kind, n, noise, seed, train_frac, valid_frac)| {
            let (lo, hi) = kind.classes_range();
            (lo..=hi).prop_map(move |classes| DataKey { kind, n, noise, classes, seed, train_frac, valid_frac, file: Default::default() })
        })
}

/// A coordinate as a click writes it (4 decimals, inside the plot), or any number-like text.
fn coordinate() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (-VIEW..=VIEW).prop_map(|v| backprop_lab::lab::round_for_link(v).to_string()),
        1 => number_ish(),
    ]
}

/// One part of an `edits` link: an add, a remove or a clear as a click writes them, with
/// classes up to 10 (the menu stops at m − 1 ≤ 7), or a near miss.
fn edit_part() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (coordinate(), coordinate(), prop_oneof![6 => (0..10usize).prop_map(|c| c.to_string()), 1 => number_ish()])
            .prop_map(|(x1, x2, class)| format!("a{x1},{x2},{class}")),
        3 => (coordinate(), coordinate()).prop_map(|(x1, x2)| format!("r{x1},{x2}")),
        1 => Just("c".to_owned()),
        1 => prop::sample::select(vec![
            "a1,2", "a1,2,3,4", "c3", "r1", "x1,2", "A0.5,1,1", "", "a,,", "aNaN,0,1", "a1e309,0,1", "rinf,0",
            "a0.5,-1,99999999999999999999", "a0.5,-1,-1", "a0.5,-1,+1", "a 0.5,1,1", "a1e200,1e200,0", "r-1e300,0",
            "é", "aé,1,1", "a\u{0}",
        ]).prop_map(String::from),
        1 => any_text(),
    ]
}

/// One part of an `edits` link as the page writes it (any class of the menu's largest, 0..8).
fn clicked_part() -> impl Strategy<Value = String> {
    let place = || (-VIEW..=VIEW).prop_map(backprop_lab::lab::round_for_link);
    prop_oneof![
        3 => (place(), place(), 0..8usize).prop_map(|(x1, x2, class)| format!("a{x1},{x2},{class}")),
        2 => (place(), place()).prop_map(|(x1, x2)| format!("r{x1},{x2}")),
        1 => Just("c".to_owned()),
    ]
}

/// An `edits` link: parts as the page writes them, or with near misses among them, joined by
/// `;` (empty parts too), long ones now and then.
fn edits_link() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(clicked_part(), 0..8).prop_map(|parts| parts.join(";")),
        4 => prop::collection::vec(edit_part(), 0..6).prop_map(|parts| parts.join(";")),
        1 => (edit_part(), 100..1500usize).prop_map(|(part, n)| vec![part; n].join(";")),
        1 => any_text(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A parsed edits link writes itself back and names only places on the plot (classes below
    /// 8); applied to its data it keeps every label a class of the data set and every point
    /// finite, and the page can still train on it.
    #[test]
    fn edits_of_any_link_read_back_and_apply_to_trainable_data(
        text in edits_link(),
        key in data_key(),
        features in 1u8..128,
    ) {
        let Some(edits) = Edits::from_link(&text, key) else { return Ok(()) };
        prop_assert_eq!(edits.key, Some(key));
        prop_assert_eq!(Edits::from_link(&edits.to_link(), key), Some(edits.clone()));
        for edit in &edits.list {
            match *edit {
                Edit::Add(p, class) => prop_assert!(p.iter().all(|v| v.abs() <= VIEW) && class < 8, "{:?}", edit),
                Edit::Remove(p) => prop_assert!(p.iter().all(|v| v.abs() <= VIEW), "{:?}", edit),
                Edit::Clear => {}
            }
        }
        let Ok(split) = make_split(key) else { return Ok(()) };
        let edited = edits.apply(key, &split);
        for set in [&edited.train, &edited.valid, &edited.test] {
            prop_assert_eq!(set.points.len(), set.labels.len());
            prop_assert!(set.labels.iter().all(|&y| y < key.classes), "labels {:?}, m = {}", set.labels, key.classes);
            prop_assert!(set.points.iter().flatten().all(|v| v.is_finite()));
        }
        let adds = edits.list.iter().filter(|e| matches!(e, Edit::Add(..))).count();
        prop_assert!(edited.train.len() <= split.train.len() + adds);
        // Training restarts from these points whenever the link is opened: any features, any
        // data set, the trainer must accept them (unless every training point was removed).
        let features: FeatureSet = Feature::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| features >> i & 1 == 1)
            .fold(FeatureSet::default(), |set, (_, &f)| set.with(f, true).unwrap_or(set));
        if !edited.train.is_empty() {
            let shape = Shape::new(features.d(), 4, key.classes).expect("a valid shape");
            let config = TrainConfig { eta: 0.1, batch_size: 10, penalty: mlp::Penalty::weight_decay(1e-3), rule: mlp::UpdateRule::Sgd, seed: key.seed };
            let trainer = Trainer::new(initial_params(shape, key.seed, 0), config, features, &edited);
            prop_assert!(trainer.is_ok(), "{:?} on {text:?}", trainer.err());
        }
    }
}

// ── The case link's base64 ────────────────────────────────────────────────────────────────────

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Bytes survive the link's base64, which is RFC 4648's URL-safe alphabet without padding;
    /// the standard alphabet with padding is read too.
    #[test]
    fn base64url_round_trips_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let coded = base64url::encode(&bytes);
        prop_assert_eq!(&coded, &base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes));
        prop_assert_eq!(base64url::decode(&coded), Some(bytes.clone()));
        let standard = base64::engine::general_purpose::STANDARD.encode(&bytes);
        prop_assert_eq!(base64url::decode(&standard), Some(bytes));
    }

    /// Any text decodes or is refused; a link cut short gives a prefix of its bytes (or nothing
    /// when the cut leaves a lone digit).
    #[test]
    fn base64url_reads_any_text_and_cut_links(text in prop_oneof![any_text(), "[A-Za-z0-9_=+/-]{0,60}"], bytes in prop::collection::vec(any::<u8>(), 0..120), cut in any::<prop::sample::Index>()) {
        if let Some(decoded) = base64url::decode(&text) {
            let digits = text.trim().trim_end_matches('=').len();
            prop_assert_eq!(decoded.len(), digits * 3 / 4);
        }
        let coded = base64url::encode(&bytes);
        let end = cut.index(coded.len() + 1);
        match base64url::decode(&coded[..end]) {
            Some(prefix) => prop_assert!(end % 4 != 1 && bytes.starts_with(&prefix) && prefix.len() == end * 3 / 4),
            None => prop_assert_eq!(end % 4, 1),
        }
    }
}

// ── A case, walked ────────────────────────────────────────────────────────────────────────────

/// A number of a case: ordinary, huge, tiny, negative zero.
fn case_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -3.0..3.0f64,
        1 => prop::sample::select(vec![0.0, -0.0, 1e300, -1e300, f64::MAX, 5e-324, 800.0, -800.0]),
        1 => any::<f64>(),
    ]
}

/// A case's JSON of a random shape, valid or with one change (a size, a row, y, λ, a type).
fn case_json() -> impl Strategy<Value = String> {
    (1..=4usize, 1..=4usize, 2..=4usize)
        .prop_flat_map(|(d, d_h, m)| {
            let matrix = |r, c| prop::collection::vec(prop::collection::vec(case_number(), c), r);
            (
                (matrix(d_h, d), prop::collection::vec(case_number(), d_h), matrix(m, d_h), prop::collection::vec(case_number(), m)),
                prop::collection::vec(case_number(), d),
                0..m,
                prop_oneof![0.0..1.0f64, Just(1e300)],
                0..10usize,
            )
        })
        .prop_map(|((w1, b1, w2, b2), x, y, lambda, change)| {
            let (d, d_h, m) = (x.len(), b1.len(), b2.len());
            let mut case = json!({"d": d, "d_h": d_h, "m": m, "lambda": lambda,
                "params": {"W1": w1, "b1": b1, "W2": w2, "b2": b2}, "x": x, "y": y});
            match change {
                0 => case["y"] = json!(m),
                1 => case["d"] = json!(d + 1),
                2 => case["params"]["W2"][0] = json!([1.0]),
                3 => case["lambda"] = json!(-1),
                4 => case["x"] = json!("1, 2"),
                5 => case["d_h"] = json!(1e300),
                _ => {} // valid
            }
            case.to_string()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A case read from a paste or a link (through its base64) walks through the stepper: the
    /// walk is computed, whatever the numbers and mistakes; a refused one has a message.
    #[test]
    fn a_case_that_is_read_can_be_walked(json in case_json(), bits in any::<u16>(), eta in 1e-6..100.0f64) {
        let pasted = parse_case(&json);
        let linked = base64url::decode(&base64url::encode(json.as_bytes()))
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .map(|text| parse_case(&text));
        prop_assert_eq!(linked.as_ref(), Some(&pasted));
        match pasted {
            Ok(case) => {
                let m = case.params.w2.nrows();
                let example = Example { params: case.params, x: case.x, y: case.y, penalty: case.penalty, rule: mlp::UpdateRule::Sgd, eta, mistakes: mistakes_of(bits) };
                let walk = Walk::new(example);
                prop_assert!(walk.is_ok(), "{:?}", walk.err());
                if let Ok(walk) = walk {
                    prop_assert_eq!(walk.fwd.o_s.len(), m);
                }
            }
            Err(e) => prop_assert!(is_message(|lang| i18n::case::case_error(lang, &e))),
        }
    }
}

// ── Check my answers ──────────────────────────────────────────────────────────────────────────

/// A value as a student might write it under a key: numbers, rows, ragged rows, text, nothing.
fn answer_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[0.1, -0.2]".to_string()),
        Just("[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]".to_string()),
        Just("[[1, 2], [3]]".to_string()),
        Just("[[[1]]]".to_string()),
        Just("null".to_string()),
        Just("\"0.5\"".to_string()),
        Just("{}".to_string()),
        Just("[]".to_string()),
        Just("0.6931".to_string()),
        case_number().prop_map(|v| if v.is_finite() { format!("[{v:?}, {v:?}]") } else { "[1e999]".into() }),
    ]
}

/// A case's JSON with some of a student's values (and sometimes `eta` or a broken section).
fn answers_json() -> impl Strategy<Value = String> {
    let keys = vec![
        ("forward", "h_a"), ("forward", "o_s"), ("forward", "loss"), ("gradients", "o_a"), ("gradients", "W2"),
        ("gradients", "h_a"), ("gradients", "W1"), ("gradients", "x"), ("regularized_gradients", "b1"), ("updated_params", "W2"),
    ];
    (case_json(), prop::collection::vec((prop::sample::select(keys), answer_value()), 0..5), 0..6usize).prop_map(|(case, values, extra)| {
        let mut sections: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for ((section, key), value) in values {
            sections.entry(section).or_default().push(format!("\"{key}\": {value}"));
        }
        let mut text = case.trim_end_matches('}').to_string();
        for (section, members) in sections {
            text.push_str(&format!(", \"{section}\": {{{}}}", members.join(", ")));
        }
        match extra {
            0 => text.push_str(", \"eta\": 0.1"),
            1 => text.push_str(", \"eta\": -1"),
            2 => text.push_str(", \"gradients\": 3"),
            _ => {}
        }
        text + "}"
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any paste is diagnosed (every quantity judged) or refused with a message in both
    /// languages, and the page reads the checker's answer back either way.
    #[test]
    fn any_answers_are_diagnosed_or_refused_in_words(json in prop_oneof![3 => answers_json(), 1 => any_text()]) {
        use backprop_lab::components::case_panel::checker::{read, Failure};
        use mlp::homework::{AnswersError, CheckError};
        match read(&mlp::homework::check_text(&json)) {
            Ok(d) => prop_assert_eq!(d.items.len(), mlp::homework::Quantity::ALL.len()),
            Err(Failure::Check(CheckError::CaseRefused | CheckError::Answers(AnswersError::Case(_)))) => prop_assert!(parse_case(&json).is_err()),
            Err(Failure::Unavailable(why)) => prop_assert!(false, "the answer was not read: {}", why),
            Err(f) => prop_assert!(is_message(|lang| i18n::homework::check_failure(lang, &f))),
        }
    }

    /// Any text in a card's box is compared or refused with a message, for every quantity.
    #[test]
    fn any_text_in_a_card_s_box_is_compared_or_refused_in_words(
        text in prop_oneof![any_text(), "[\\[\\]0-9eE.,; \\-\\n]{0,40}", Just("array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])".to_string())],
        key in prop::sample::select(mlp::homework::Quantity::ALL.iter().map(|q| q.dotted()).collect::<Vec<_>>()),
    ) {
        use backprop_lab::components::case_panel::checker::{read, Failure};
        let case = r#"{"lambda": 0.01, "y": 1, "x": [0.5, -1.0],
            "params": {"W1": [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], "b1": [0.0, 0.1, -0.1],
                       "W2": [[0.2, -0.3, 0.1], [-0.4, 0.5, 0.2]], "b2": [0.05, -0.05]}}"#;
        match read(&mlp::homework::check_value(case, &key, &text)) {
            Ok(d) => prop_assert_eq!(d.given(), 1),
            Err(Failure::Unavailable(why)) => prop_assert!(false, "the answer was not read: {}", why),
            Err(f) => prop_assert!(is_message(|lang| i18n::homework::check_failure(lang, &f))),
        }
    }
}

// ── Typed examples and points ─────────────────────────────────────────────────────────────────

/// Separators the typed parsers split on, in the mixes people type.
const SEPARATORS: &[&str] = &[",", ";", " ", "\t", ", ", " ; ", ",,", "  "];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any typed x and y: accepted means d finite numbers and a class below m.
    #[test]
    fn a_typed_example_is_d_finite_numbers_and_a_class(
        x in prop_oneof![any_text(), prop::collection::vec(number_ish(), 0..9).prop_map(|v| v.join(",")), long_text()],
        y in prop_oneof![number_ish(), any_text()],
        d in 0..=300usize,
        m in 2..=8usize,
    ) {
        match parse_typed(&x, &y, d, m) {
            Ok((values, class)) => {
                prop_assert_eq!(values.len(), d);
                prop_assert!(values.iter().all(|v| v.is_finite()));
                prop_assert!(class < m);
            }
            Err(e) => prop_assert!(is_message(|lang| i18n::typed_error(lang, &e))),
        }
    }

    /// d numbers written with any separators, and a class, are read as themselves.
    #[test]
    fn a_typed_example_reads_what_was_written(
        values in prop::collection::vec(case_number(), 1..=7),
        seps in prop::collection::vec(prop::sample::select(SEPARATORS), 7),
        m in 2..=8usize,
        y in 0..8usize,
    ) {
        let text: String = values.iter().zip(&seps).map(|(v, sep)| format!("{v}{sep}")).collect();
        let y = y % m;
        let y_text = format!(" {y} ");
        prop_assert_eq!(parse_typed(&text, &y_text, values.len(), m), Ok((values.clone(), y)));
        prop_assert!(parse_typed(&text, &m.to_string(), values.len(), m).is_err());
        // One number too many is refused.
        let one_more = format!("{text} 1");
        prop_assert!(parse_typed(&one_more, "0", values.len(), m).is_err());
    }

    /// Any typed point: accepted means two finite numbers inside the plot; a point inside the
    /// plot, written with any separator, is read as itself.
    #[test]
    fn a_typed_point_is_inside_the_plot(
        text in prop_oneof![any_text(), (number_ish(), prop::sample::select(SEPARATORS), number_ish()).prop_map(|(a, s, b)| format!("{a}{s}{b}")), long_text()],
        view in prop_oneof![Just(VIEW), 0.1..100.0f64],
        inside in (-1.0..=1.0f64, -1.0..=1.0f64),
        sep in prop::sample::select(SEPARATORS),
    ) {
        match parse_point(&text, view) {
            Ok(p) => prop_assert!(p.iter().all(|v| v.is_finite() && v.abs() <= view), "{text:?} → {p:?}"),
            Err(e) => prop_assert!(is_message(|lang| i18n::point_error(lang, &e))),
        }
        let p = [inside.0 * view, inside.1 * view];
        let written = format!("{}{sep}{}", p[0], p[1]);
        prop_assert_eq!(parse_point(&written, view), Ok(p));
    }
}

/// 5000 numbers where d are expected, and 5000-character points: refused, with the count.
#[test]
fn five_thousand_numbers_are_refused_with_their_count() {
    let many = "1,".repeat(5000);
    assert_eq!(parse_typed(&many, "0", 7, 2), Err(backprop_lab::stepper::typed::TypedError::XCount { expected: 7, found: 5000 }));
    assert_eq!(parse_point(&many, VIEW), Err(backprop_lab::stepper::typed::PointError::Count { found: 5000 }));
    assert!(parse_typed(&"é".repeat(5000), "0", 2, 2).is_err());
}
