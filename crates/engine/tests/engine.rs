//! The engine played as the page plays it: commands, slices of training, snapshots.

use engine::protocol::Message;
use engine::{Command, Engine, MapSpec, Setup, Snapshot, Speed, Status, StepSize};
use mlp::{DatasetKind, EpochRecord, FeatureSet, Mistakes, Params, Shape, TrainConfig};
use rand::SeedableRng;
use rand_pcg::Pcg64;
use std::cell::Cell;

fn setup(d_h: usize, eta: f64) -> Setup {
    let mut rng = Pcg64::seed_from_u64(7);
    let split = DatasetKind::Moons.generate(200, 0.1, 2, &mut rng).expect("data").split(0.7, 0.15, &mut rng).expect("split");
    let params = Params::init(Shape::new(2, d_h, 2).expect("shape"), &mut rng);
    Setup {
        params,
        config: TrainConfig { eta, batch_size: 5, penalty: mlp::Penalty::weight_decay(1e-4), rule: mlp::UpdateRule::Sgd, seed: 7 },
        features: FeatureSet::default(),
        data: mlp::Data::Plane(split),
        mistakes: Mistakes::NONE,
    }
}

/// A clock that moves by `tick` ms each time it is read: "training" takes a known time.
fn fake_clock(tick: f64) -> impl Fn() -> f64 {
    let now = Cell::new(0.0);
    move || {
        now.set(now.get() + tick);
        now.get()
    }
}

/// The page's copy of the history, kept from snapshots as the page keeps it.
fn follow(history: &mut Vec<EpochRecord>, snapshot: &Snapshot) {
    if snapshot.history.replace {
        history.clear();
    }
    history.extend(snapshot.history.records.iter().cloned());
}

/// Plays until `epochs` epochs, in slices of `budget` ms, snapshotting after every slice
/// (through the encoding, as the worker does); returns the page's history.
fn play(epochs: usize, budget: f64) -> Vec<EpochRecord> {
    let mut engine = Engine::new();
    engine.apply(Command::Rebuild(Box::new(setup(8, 0.2))));
    engine.apply(Command::Play);
    let clock = fake_clock(1.0);
    let mut history = Vec::new();
    while history.last().is_none_or(|r: &EpochRecord| r.epoch < epochs) {
        engine.train(16.0, budget, &clock);
        let Message::Snapshot(s) = Message::decode(&Message::Snapshot(Box::new(engine.snapshot())).to_numbers()).expect("decodes") else {
            panic!("not a snapshot")
        };
        follow(&mut history, &s);
    }
    engine.apply(Command::Pause);
    let s = engine.snapshot();
    follow(&mut history, &s);
    history
}

#[test]
fn the_history_does_not_depend_on_how_training_is_sliced() {
    let (short, long) = (play(30, 2.0), play(30, 50.0));
    let n = short.len().min(long.len());
    assert!(n >= 31, "{n}");
    assert_eq!(short[..n], long[..n]);
    // Each record once, in order, from epoch 0.
    assert!(short.iter().enumerate().all(|(i, r)| r.epoch == i), "{:?}", short.iter().map(|r| r.epoch).collect::<Vec<_>>());
}

#[test]
fn steps_and_rebuilds_replace_or_extend_the_history() {
    let mut engine = Engine::new();
    engine.apply(Command::Rebuild(Box::new(setup(4, 0.2))));
    let first = engine.snapshot();
    assert!(first.history.replace && first.history.records.len() == 1, "record 0");
    engine.apply(Command::Step(StepSize::Epoch));
    let second = engine.snapshot();
    assert!(!second.history.replace);
    assert_eq!(second.history.records.iter().map(|r| r.epoch).collect::<Vec<_>>(), [1]);
    assert!(engine.snapshot().history.records.is_empty(), "nothing new");
    engine.apply(Command::Step(StepSize::Example));
    assert_eq!(engine.snapshot().examples_seen, 141);
    engine.apply(Command::Rebuild(Box::new(setup(4, 0.2))));
    let rebuilt = engine.snapshot();
    assert!(rebuilt.history.replace && rebuilt.history.records.len() == 1 && rebuilt.examples_seen == 0);
    assert_eq!(rebuilt.params, Some(setup(4, 0.2).params));
}

#[test]
fn a_divergence_stops_playing_and_play_does_not_restart_it() {
    let mut engine = Engine::new();
    engine.apply(Command::Rebuild(Box::new(setup(8, 500.0))));
    engine.apply(Command::Play);
    let clock = fake_clock(0.001);
    for _ in 0..100 {
        if !engine.train(16.0, 5.0, &clock) {
            break;
        }
    }
    assert!(matches!(engine.status(), Status::Diverged(_)), "{:?}", engine.status());
    engine.apply(Command::Play);
    assert!(matches!(engine.snapshot().status, Status::Diverged(_)));
    // A rebuild (the page's reset) clears it.
    engine.apply(Command::Rebuild(Box::new(setup(8, 0.2))));
    assert_eq!(engine.snapshot().status, Status::Paused);
}

#[test]
fn a_set_speed_trains_that_many_epochs_a_second() {
    let mut engine = Engine::new();
    engine.apply(Command::Rebuild(Box::new(setup(4, 0.2))));
    engine.apply(Command::Speed(Speed::PerSecond(5.0)));
    engine.apply(Command::Play);
    let clock = fake_clock(0.0001);
    // Two seconds of 60 Hz slices.
    for _ in 0..120 {
        engine.train(1000.0 / 60.0, 10.0, &clock);
    }
    let epoch = engine.trainer().map(|t| t.epoch()).unwrap_or(0);
    assert!((9..=10).contains(&epoch), "{epoch}");
}

#[test]
fn the_teaching_pace_plays_the_first_epochs_slowly_and_every_speed_crosses_the_protocol() {
    let mut engine = Engine::new();
    engine.apply(Command::Rebuild(Box::new(setup(4, 0.2))));
    let speeds = vec![Command::Speed(Speed::PerSecond(2.5)), Command::Speed(Speed::Fastest), Command::Speed(Speed::Teaching)];
    let Ok(Message::Commands(back)) = Message::decode(&Message::Commands(speeds.clone()).to_numbers()) else {
        panic!("the speeds do not decode")
    };
    assert_eq!(back, speeds);
    for command in back {
        engine.apply(command);
    }
    assert_eq!(engine.speed(), Speed::Teaching);
    engine.apply(Command::Play);
    let clock = fake_clock(0.0001);
    // One second at 60 Hz: two epochs, whatever the machine could do.
    for _ in 0..60 {
        engine.train(1000.0 / 60.0, 10.0, &clock);
    }
    let epoch = engine.trainer().map(|t| t.epoch()).unwrap_or(0);
    assert!((1..=2).contains(&epoch), "{epoch}");
    assert!(engine.caught_up(), "a slow pace leaves time to sleep between slices");
    // As fast as possible, a slice uses its whole budget: no sleep.
    engine.apply(Command::Speed(Speed::Fastest));
    engine.train(1000.0 / 60.0, 10.0, &clock);
    assert!(!engine.caught_up());
}

#[test]
fn early_stopping_restores_the_best_weights() {
    let mut engine = Engine::new();
    let mut s = setup(16, 0.5);
    s.config.batch_size = 1;
    engine.apply(Command::Rebuild(Box::new(s)));
    engine.apply(Command::StopAtBest(true));
    engine.apply(Command::Play);
    let clock = fake_clock(0.01);
    let mut rounds = 0;
    while engine.train(16.0, 10.0, &clock) && rounds < 20_000 {
        rounds += 1;
    }
    let Status::StoppedAtBest { epoch } = engine.status().clone() else { panic!("{:?}", engine.status()) };
    let snapshot = engine.snapshot();
    assert_eq!(snapshot.best_epoch, Some(epoch));
    let last = snapshot.history.records.last().expect("records");
    assert!(last.epoch >= epoch + engine::PATIENCE, "{} {epoch}", last.epoch);
}

#[test]
fn the_map_is_painted_when_asked_and_only_when_the_network_changed() {
    let mut engine = Engine::new();
    engine.apply(Command::Rebuild(Box::new(setup(4, 0.2))));
    assert!(engine.paint_map().is_none(), "no map asked for");
    let palette = (0..2 * mlp::map::LEVELS).map(|i| [(i % 256) as u8, 0, 0, 255]).collect();
    engine.apply(Command::Map(Some(MapSpec { width: 30, height: 20, palette })));
    let (w, h, rgba) = engine.paint_map().expect("a map");
    assert_eq!((w, h, rgba.len()), (30, 20, 30 * 20 * 4));
    assert!(rgba.chunks(4).all(|p| p[3] == 255), "every pixel painted");
    assert!(engine.paint_map().is_none(), "nothing changed");
    engine.apply(Command::Step(StepSize::Minibatch));
    assert!(engine.paint_map().is_some());
    engine.apply(Command::Map(None));
    assert!(engine.paint_map().is_none());
}

/// A pinned run opened from a link is retrained by `Step(Examples(n))` messages: however the
/// count is cut into messages, the history and the weights are the played run's, bit for bit.
#[test]
fn training_a_count_of_examples_gives_the_played_run_bit_for_bit() {
    let mut played = Engine::new();
    played.apply(Command::Rebuild(Box::new(setup(8, 0.2))));
    played.apply(Command::Play);
    let clock = fake_clock(1.0);
    while played.trainer().is_some_and(|t| t.epoch() < 23) {
        played.train(16.0, 3.0, &clock);
    }
    played.apply(Command::Pause);
    let (seen, history, params) = {
        let t = played.trainer().expect("trainer");
        (t.examples_seen(), t.history().to_vec(), t.params().clone())
    };
    assert!(seen % 5 == 0 && seen > 23 * 140, "played to a minibatch's end: {seen}");
    for parts in [vec![seen], vec![1000, seen - 1000], vec![7; seen.div_ceil(7)]] {
        let mut retrained = Engine::new();
        retrained.apply(Command::Rebuild(Box::new(setup(8, 0.2))));
        let mut left = seen;
        for part in parts {
            let n = part.min(left);
            let before = retrained.trainer().map_or(0, |t| t.examples_seen());
            retrained.apply(Command::Step(StepSize::Examples(n)));
            left -= retrained.trainer().map_or(0, |t| t.examples_seen()) - before;
            if left == 0 {
                break;
            }
        }
        let t = retrained.trainer().expect("trainer");
        assert_eq!(t.examples_seen(), seen);
        assert_eq!(t.history(), &history[..]);
        assert_eq!(t.params(), &params);
        assert_eq!(retrained.status(), &Status::Paused);
    }
}
