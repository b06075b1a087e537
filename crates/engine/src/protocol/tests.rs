use super::*;
use mlp::Mistake;

fn params(shape: Shape, value: impl Fn(usize) -> f64) -> Params {
    let mut p = Params::zeros(shape);
    for (i, v) in p.w1.iter_mut().chain(p.b1.iter_mut()).chain(p.w2.iter_mut()).chain(p.b2.iter_mut()).enumerate() {
        *v = value(i);
    }
    p
}

fn dataset(n: usize, classes: usize) -> Dataset {
    Dataset {
        points: (0..n).map(|i| [i as f64 * 0.1 - 1.0, (i as f64).sin()]).collect(),
        labels: (0..n).map(|i| i % classes).collect(),
        classes,
    }
}

fn record(epoch: usize, with_valid: bool) -> EpochRecord {
    let stats = |x: f64| SetStats { loss: x, objective: x + 1e-17, error: 0.1 + x };
    EpochRecord {
        epoch,
        train: stats(0.1 * epoch as f64 + std::f64::consts::PI),
        valid: with_valid.then(|| stats(f64::MIN_POSITIVE)),
        test: None,
        dead_units: epoch % 3,
        weights: mlp::WeightStats { penalty: 1e-300, norm_w1: epoch as f64, norm_w2: 2.5, zero_w1: 0.75, zero_w2: 1.0 / 3.0 },
    }
}

fn every_command() -> Vec<Command> {
    let shape = Shape::new(3, 5, 4).expect("shape");
    let setup = Setup {
        params: params(shape, |i| (i as f64 * 0.37).sin() / 3.0),
        config: TrainConfig { eta: 0.1, batch_size: 7, penalty: mlp::Penalty { w1: mlp::LayerPenalty { l1: 0.05, l2: 1e-300 }, w2: mlp::LayerPenalty { l1: 0.0, l2: 3.5 } }, rule: mlp::UpdateRule::Adam { beta1: 0.8, beta2: 0.99, epsilon: 1e-7 }, seed: u64::MAX - 12_345 },
        features: FeatureSet::parse_keys("x1,x2,x1x2").expect("features"),
        data: Data::Plane(Split { train: dataset(11, 4), valid: dataset(3, 4), test: Dataset::default() }),
        mistakes: Mistakes::NONE.with(Mistake::ALL[0], true).with(Mistake::ALL[Mistake::ALL.len() - 1], true),
    };
    let table = |n: usize| Table {
        dim: 3,
        values: (0..3 * n).map(|v| (v as f64 * 0.71).cos()).collect(),
        labels: (0..n).map(|i| i % 4).collect(),
        classes: 4,
    };
    let on_table = Setup {
        params: params(shape, |i| i as f64 / 8.0),
        data: Data::Table(Split { train: table(9), valid: table(0), test: table(2) }),
        ..setup.clone()
    };
    // A file's test set of no row, last in the message: its columns are still 3.
    let empty_test = Setup { data: Data::Table(Split { train: table(9), valid: table(2), test: table(0) }), ..on_table.clone() };
    let config = TrainConfig { eta: 2.5, batch_size: 1, penalty: mlp::Penalty::NONE, rule: mlp::UpdateRule::Nesterov { beta: 0.5 }, seed: 0 };
    vec![
        Command::Rebuild(Box::new(setup)),
        Command::Rebuild(Box::new(on_table)),
        Command::Rebuild(Box::new(empty_test)),
        Command::Configure { config, mistakes: Mistakes::NONE },
        Command::Speed(crate::Speed::Fastest),
        Command::Speed(crate::Speed::Teaching),
        Command::Speed(crate::Speed::PerSecond(17.5)),
        Command::StopAtBest(true),
        Command::StopAtBest(false),
        Command::Play,
        Command::Pause,
        Command::Step(StepSize::Example),
        Command::Step(StepSize::Minibatch),
        Command::Step(StepSize::Epoch),
        Command::Step(StepSize::Examples(2_800_000)),
        Command::RestoreBest,
        Command::Map(None),
        Command::Map(Some(MapSpec { width: 460, height: 431, palette: vec![[255, 0, 7, 255], [1, 2, 3, 4]] })),
    ]
}

fn every_snapshot() -> Vec<Snapshot> {
    let shape = Shape::new(2, 3, 2).expect("shape");
    let statuses = [
        Status::Paused,
        Status::Playing,
        Status::Diverged(Divergence::NonFinite { epoch: 3, step: 9 }),
        Status::Diverged(Divergence::Exploding { epoch: 1, loss: 3.9e4 }),
        Status::Diverged(Divergence::DeadNetwork { epoch: 12 }),
        Status::StoppedAtBest { epoch: 40 },
    ];
    statuses
        .into_iter()
        .enumerate()
        .map(|(i, status)| Snapshot {
            status,
            epoch: 17 * i,
            examples_seen: 123_456_789 * i,
            best_epoch: (i % 2 == 0).then_some(i * 5),
            params: (i != 3).then(|| params(shape, |k| if k == 2 && i == 2 { f64::NAN } else { k as f64 - 0.5 })),
            history: HistoryUpdate { replace: i % 2 == 1, records: (0..i).map(|e| record(e, e % 2 == 0)).collect() },
            map: (i > 2).then_some((400, 300 + i)),
            rule_state: match i % 3 {
                0 => None,
                1 => Some(mlp::RuleState { first: Some(params(shape, |k| k as f64 * 0.25)), second: None, t: 7 }),
                _ => Some(mlp::RuleState {
                    first: Some(params(shape, |k| -(k as f64))),
                    second: Some(params(shape, |k| k as f64 * 1e-9)),
                    t: u64::from(u32::MAX) + 3,
                }),
            },
        })
        .collect()
}

/// Equality that sees NaN as equal to NaN and tells −0 from 0: bit for bit.
fn same_bits(a: &Message, b: &Message) -> bool {
    let (a, b) = (a.to_numbers(), b.to_numbers());
    a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits())
}

#[test]
fn every_message_goes_back_and_forth_bit_for_bit() {
    let mut messages = vec![Message::Ready, Message::Failed, Message::Commands(every_command()), Message::Commands(Vec::new())];
    // and each command alone, as the page sends most of them (a part of no row last in the
    // message once failed to read: its columns outnumbered the entries left)
    messages.extend(every_command().into_iter().map(|c| Message::Commands(vec![c])));
    messages.extend(every_snapshot().into_iter().map(|s| Message::Snapshot(Box::new(s))));
    for message in messages {
        let numbers = message.to_numbers();
        let back = Message::decode(&numbers).unwrap_or_else(|e| panic!("{e}: {message:?}"));
        assert!(same_bits(&message, &back), "{message:?}\n{back:?}");
        if !matches!(&message, Message::Snapshot(s) if s.params.as_ref().is_some_and(|p| !p.is_finite())) {
            assert_eq!(message, back);
        }
    }
}

#[test]
fn the_seed_keeps_all_64_bits() {
    let Message::Commands(commands) = Message::decode(&Message::Commands(every_command()).to_numbers()).expect("decodes") else {
        panic!("not commands");
    };
    let Command::Rebuild(setup) = &commands[0] else { panic!("not a rebuild") };
    assert_eq!(setup.config.seed, u64::MAX - 12_345);
}

#[test]
fn every_truncated_or_extended_message_is_an_error_not_a_panic() {
    let mut messages = vec![Message::Commands(every_command())];
    messages.extend(every_snapshot().into_iter().map(|s| Message::Snapshot(Box::new(s))));
    for message in messages {
        let numbers = message.to_numbers();
        for end in 0..numbers.len() {
            assert!(Message::decode(&numbers[..end]).is_err(), "a prefix of {end} entries decoded");
        }
        let mut longer = numbers.clone();
        longer.push(0.0);
        assert!(Message::decode(&longer).is_err());
    }
}

#[test]
fn nonsense_numbers_are_errors_not_panics() {
    // Each entry of a real message replaced by values a whole number or a flag cannot be.
    let numbers = Message::Commands(every_command()).to_numbers();
    let mut errors = 0;
    for i in 0..numbers.len() {
        for bad in [f64::NAN, -1.0, 0.5, 1e300, f64::INFINITY, 3.0] {
            let mut changed = numbers.clone();
            changed[i] = bad;
            errors += usize::from(Message::decode(&changed).is_err());
        }
    }
    assert!(errors > numbers.len(), "most changes are refused: {errors}");
    // Counts larger than the message cannot allocate: refused at once.
    assert!(Message::decode(&[1.0, 9e15]).is_err());
    assert!(Message::decode(&[2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4e15]).is_err());
}

#[test]
fn shapes_outside_the_limits_and_unknown_bits_are_refused() {
    let mut numbers = Vec::new();
    Writer(&mut numbers).whole(COMMANDS);
    Writer(&mut numbers).count(1);
    let rebuild = Message::Commands(every_command()[..1].to_vec()).to_numbers();
    // [kind, count, tag, d, d_h, m, …]: d = 0 is not a shape.
    let mut zero_d = rebuild.clone();
    zero_d[3] = 0.0;
    assert_eq!(Message::decode(&zero_d).map_err(|e| e.what), Err("shape"));
    assert!(FeatureSet::from_bits(0).is_none() && FeatureSet::from_bits(0x80).is_none());
    assert!(Mistakes::from_bits(u16::MAX).is_none());
    for set in ["x1", "x1,x2", "x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2"] {
        let set = FeatureSet::parse_keys(set).expect("keys");
        assert_eq!(FeatureSet::from_bits(set.bits()), Some(set));
    }
}
