//! The pins' link: what differs is written, read back to the same settings; a bad pin is left
//! out with its reason and the others kept; nothing panics, whatever the text.

use super::*;
use mlp::{Mistake, Penalty, UpdateRule};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;

fn spec(edit: impl FnOnce(&mut Settings), examples: usize) -> PinSpec {
    let mut settings = Settings::default();
    edit(&mut settings);
    PinSpec { settings, mistakes: Mistakes::NONE, examples }
}

#[test]
fn a_pin_writes_only_the_groups_that_differ_and_reads_back_the_same() {
    let page = Settings::default();
    let pin = spec(|s| s.penalty = Penalty::weight_decay(0.01), 2800);
    assert_eq!(encode(&pin, &page, Mistakes::NONE), "lambda:0.01;at:2800");
    let adam = spec(|s| (s.rule, s.d_h) = (UpdateRule::ADAM, 32), 140);
    let text = encode(&adam, &page, Mistakes::NONE);
    assert_eq!(text, "dh:32;rule:adam;beta:0.9;beta2:0.999;eps:1e-8;at:140");
    let (read, problems) = decode(&format!("{}|{text}", encode(&pin, &page, Mistakes::NONE)), &page, Mistakes::NONE);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(read, vec![pin, adam]);
}

#[test]
fn groups_replace_the_pages_whole_penalty_and_rule() {
    // The page has four coefficients and Adam; the pin one λ and plain SGD.
    let mut page = Settings::default();
    page.penalty.w1.l1 = 0.05;
    page.rule = UpdateRule::ADAM;
    let pin = spec(|_| {}, 10);
    let text = encode(&pin, &page, Mistakes::NONE);
    assert_eq!(text, "lambda:0.001;rule:sgd;at:10");
    let (read, problems) = decode(&text, &page, Mistakes::NONE);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(read, vec![pin.clone()]);
    // and the other way round
    let pinned = PinSpec { settings: page.clone(), ..pin };
    let text = encode(&pinned, &Settings::default(), Mistakes::NONE);
    assert!(text.starts_with("l11:0.05;l12:0.001;l21:0;l22:0.001;rule:adam;"), "{text}");
    assert_eq!(decode(&text, &Settings::default(), Mistakes::NONE).0, vec![pinned]);
}

#[test]
fn mistakes_that_differ_travel_with_the_pin() {
    let page = Settings::default();
    let on = Mistakes::NONE.with(Mistake::ALL[0], true);
    let pin = PinSpec { mistakes: on, ..spec(|_| {}, 5) };
    let text = encode(&pin, &page, Mistakes::NONE);
    assert_eq!(text, format!("mistakes:{};at:5", on.to_keys()));
    assert_eq!(decode(&text, &page, Mistakes::NONE).0, vec![pin.clone()]);
    // a page with the mistake on, a pin without: an empty list
    let clean = PinSpec { mistakes: Mistakes::NONE, ..pin };
    let text = encode(&clean, &page, on);
    assert_eq!(text, "mistakes:;at:5");
    assert_eq!(decode(&text, &page, on).0, vec![clean]);
}

#[test]
fn a_bad_pin_is_left_out_with_its_reason_and_the_others_kept() {
    let page = Settings::default();
    let (read, problems) = decode("lambda:0.01;at:10|n:500;at:10|eta:-1;at:10|lambda:0.1|at:0|at:x|nokey;at:3|mistakes:nope;at:2", &page, Mistakes::NONE);
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].settings.penalty, Penalty::weight_decay(0.01));
    let kinds: Vec<(usize, &str)> = problems
        .iter()
        .map(|(i, p)| {
            let kind = match p {
                PinProblem::Key(_) => "key",
                PinProblem::Examples(_) => "examples",
                PinProblem::Mistakes(_) => "mistakes",
                PinProblem::Setting(_) => "setting",
                PinProblem::TooMany => "too many",
            };
            (*i, kind)
        })
        .collect();
    assert_eq!(kinds, [(1, "key"), (2, "setting"), (3, "examples"), (4, "examples"), (5, "examples"), (6, "key"), (7, "mistakes")]);
    let five = vec!["at:1"; 5].join("|");
    let (read, problems) = decode(&five, &page, Mistakes::NONE);
    assert_eq!((read.len(), problems), (MAX_PINS, vec![(4, PinProblem::TooMany)]));
}

#[test]
fn only_runs_that_are_their_settings_go_into_the_link() {
    let page = Settings::default();
    let ready = PinRun::Ready { history: Vec::new(), params: crate::data::initial_params(page.shape().unwrap(), 1, 0) };
    let pin = |origin, run| Pin { letter: 'A', spec: spec(|s| s.eta = 0.5, 7), origin, run };
    let pins = [
        pin(Origin::Settings, ready.clone()),
        pin(Origin::EditedSettings, ready.clone()),
        pin(Origin::LoadedWeights, ready.clone()),
        pin(Origin::BestRestored, ready),
        pin(Origin::Settings, PinRun::Failed),
        pin(Origin::Settings, PinRun::Training { done: 3 }),
    ];
    assert_eq!(encode_all(&pins, &page, Mistakes::NONE).as_deref(), Some("eta:0.5;at:7|eta:0.5;at:7"));
    assert_eq!(encode_all(&pins[1..5], &page, Mistakes::NONE), None);
}

#[test]
fn random_text_never_panics_and_what_is_read_is_valid() {
    let mut rng = Pcg64::seed_from_u64(16);
    let alphabet: Vec<char> = "abdehiklmnprstuz0123456789.-:;|,e+ ".chars().collect();
    let keys = ["lambda", "l11", "eta", "dh", "k", "rule", "beta", "at", "features", "mistakes", "init", "eps"];
    for _ in 0..3000 {
        let text: String = if rng.random_bool(0.5) {
            (0..rng.random_range(0..40)).map(|_| alphabet[rng.random_range(0..alphabet.len())]).collect()
        } else {
            (0..rng.random_range(1..6))
                .map(|_| format!("{}:{}", keys[rng.random_range(0..keys.len())], rng.random_range(-5.0..200.0_f64).round() / 4.0))
                .collect::<Vec<_>>()
                .join(";")
        };
        let (read, problems) = decode(&text, &Settings::default(), Mistakes::NONE);
        assert!(read.len() <= MAX_PINS);
        let parts = text.split('|').filter(|p| !p.trim().is_empty()).count();
        assert_eq!(read.len() + problems.len(), parts, "each pin is read or said why not: {text}");
        for pin in &read {
            assert!(pin.settings.shape().is_some() && (1..=MAX_EXAMPLES).contains(&pin.examples), "{text}");
        }
    }
}
