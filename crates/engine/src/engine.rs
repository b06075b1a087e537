//! [`Engine`]: the trainer, played for a time budget at a chosen speed, with early stopping,
//! divergence, and the decision map of its current network. See the [crate docs](crate).

use crate::pace::{Pace, Speed};
use crate::protocol::{Command, HistoryUpdate, Snapshot};
use mlp::map::DecisionMap;
use mlp::{Data, Divergence, EpochRecord, FeatureSet, Mistakes, Params, TrainConfig, Trainer};

/// How many epochs without a better validation loss end training when "stop at best
/// validation" is on.
pub const PATIENCE: usize = 25;

/// What the player is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Paused,
    Playing,
    /// Training stopped by itself: divergence (NaN/∞, exploding loss, dead network).
    Diverged(Divergence),
    /// Stopped at the best validation epoch (early stopping); the best weights are restored.
    StoppedAtBest { epoch: usize },
}

/// How much one click of the step buttons trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepSize {
    Example,
    Minibatch,
    Epoch,
    /// Whole minibatches until at least this many examples were used, as playing trains them
    /// (so a run retrained in one go or in parts is the run that was played).
    Examples(usize),
}

/// Everything a trainer is built from.
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    pub params: Params,
    pub config: TrainConfig,
    /// The input features of points (unused for a table's rows).
    pub features: FeatureSet,
    pub data: Data,
    pub mistakes: Mistakes,
}

/// The decision map the page shows: its size in pixels and its colours (entry
/// `class · LEVELS + level`, see [`mlp::map`]).
#[derive(Clone, Debug, PartialEq)]
pub struct MapSpec {
    pub width: usize,
    pub height: usize,
    pub palette: Vec<[u8; 4]>,
}

/// The trainer and everything about playing it. See the [crate docs](crate).
pub struct Engine {
    trainer: Option<Trainer>,
    /// The best validation loss so far: (epoch, loss, parameters then).
    best: Option<(usize, f64, Params)>,
    stop_at_best: bool,
    status: Status,
    /// Epochs per second; 0 = as fast as possible.
    speed: Speed,
    pace: Pace,
    map: Option<MapSpec>,
    /// The map's buffers, kept while they fit its size, the features and the shape.
    painter: Option<DecisionMap>,
    /// The network changed since the map was last painted.
    map_dirty: bool,
    /// The history records the last snapshot carried.
    sent: Sent,
    /// The last slice trained all the pace asked of it, before its time budget ran out.
    caught_up: bool,
}

/// What the page has of the history: how many records, and the last one (to tell a history
/// that went on from one that was rebuilt or thinned).
#[derive(Default)]
struct Sent {
    len: usize,
    last: Option<EpochRecord>,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    pub fn new() -> Engine {
        Engine {
            trainer: None,
            best: None,
            stop_at_best: false,
            status: Status::Paused,
            speed: Speed::Fastest,
            pace: Pace::default(),
            map: None,
            painter: None,
            map_dirty: true,
            sent: Sent::default(),
            caught_up: false,
        }
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    /// The pace the player trains at.
    pub fn speed(&self) -> Speed {
        self.speed
    }

    /// Whether the last [`train`](Self::train) slice did all its pace asked for within its
    /// budget: a worker may then sleep before the next one. At full speed, or at a teaching
    /// pace grown faster than the machine, it never is, and training goes on without a pause.
    pub fn caught_up(&self) -> bool {
        self.caught_up
    }

    pub fn trainer(&self) -> Option<&Trainer> {
        self.trainer.as_ref()
    }

    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Rebuild(setup) => self.rebuild(*setup),
            Command::Configure { config, mistakes } => self.configure(config, mistakes),
            Command::Speed(speed) => self.speed = speed,
            Command::StopAtBest(on) => self.stop_at_best = on,
            Command::Play => self.play(),
            Command::Pause => self.pause(),
            Command::Step(size) => self.step(size),
            Command::RestoreBest => self.restore_best(),
            Command::Map(spec) => {
                self.map = spec;
                self.map_dirty = true;
            }
        }
    }

    /// Starts over from `setup` (new data, new shape, new weights): epoch 0. A playing player
    /// keeps playing; a diverged or stopped one is paused.
    fn rebuild(&mut self, setup: Setup) {
        self.trainer = new_trainer(setup);
        self.best = None;
        if self.status != Status::Playing {
            self.status = Status::Paused;
        }
        self.sent = Sent::default();
        self.map_dirty = true;
    }

    /// η, the penalty, K and the mistakes: the same trainer goes on with them.
    fn configure(&mut self, config: TrainConfig, mistakes: Mistakes) {
        if let Some(t) = self.trainer.as_mut() {
            // An invalid value (the page's settings refuse them first) keeps the previous one.
            let _ = (t.set_eta(config.eta), t.set_penalty(config.penalty), t.set_batch_size(config.batch_size), t.set_rule(config.rule));
            t.set_mistakes(mistakes);
        }
    }

    fn play(&mut self) {
        // A divergence stays until a reset: its message says what to change.
        if !matches!(self.status, Status::Diverged(_)) {
            self.status = Status::Playing;
        }
    }

    fn pause(&mut self) {
        if self.status == Status::Playing {
            self.status = Status::Paused;
        }
    }

    /// One example, one minibatch, one epoch or a number of examples, then pause.
    fn step(&mut self, size: StepSize) {
        self.pause();
        let Some(t) = self.trainer.as_mut() else { return };
        let outcome = match size {
            StepSize::Example => t.step_example().map(|_| ()),
            StepSize::Minibatch => t.step_minibatch().map(|_| ()),
            StepSize::Epoch => t.run_epoch().map(|_| ()),
            StepSize::Examples(n) => return self.train_count(n),
        };
        self.map_dirty = true;
        match outcome {
            Err(divergence) => self.status = Status::Diverged(divergence),
            Ok(()) => self.track_best(),
        }
    }

    /// Trains `n` examples (to the end of the minibatch that reaches them) in the chunks
    /// [`train`](Self::train) uses, keeping the best epoch at each epoch's end as it does.
    fn train_count(&mut self, n: usize) {
        let mut left = n;
        while left > 0 {
            let Some(done) = self.train_chunk(left) else { return };
            left = left.saturating_sub(done);
        }
    }

    /// One chunk of at most `n` examples (whole minibatches, see `Trainer::train_examples`),
    /// the best epoch kept when an epoch ended in it; how many examples it used, or `None` when
    /// nothing more trains (no trainer or no example, or a divergence, now the status). Small
    /// chunks keep a player's time check frequent, and an epoch end is noticed within one.
    fn train_chunk(&mut self, n: usize) -> Option<usize> {
        let t = self.trainer.as_mut()?;
        let (epoch, chunk) = (t.epoch(), 64.max(t.train_set().len() / 8));
        let trained = t.train_examples(chunk.min(n));
        let ended = t.epoch() != epoch;
        self.map_dirty = true;
        match trained {
            Ok(0) => None,
            Ok(done) => {
                if ended {
                    self.track_best();
                }
                Some(done)
            }
            Err(divergence) => {
                self.status = Status::Diverged(divergence);
                None
            }
        }
    }

    /// Puts the best-validation weights back (the trainer goes on from them).
    fn restore_best(&mut self) {
        let (Some((_, _, params)), Some(t)) = (self.best.as_ref(), self.trainer.as_mut()) else { return };
        let _ = t.set_params(params.clone());
        self.map_dirty = true;
    }

    /// Keeps the parameters of the lowest validation loss; with "stop at best validation" on,
    /// stops [`PATIENCE`] epochs after it and restores them.
    fn track_best(&mut self) {
        let Some(t) = self.trainer.as_ref() else { return };
        let Some((epoch, loss)) = t.history().last().and_then(|r| Some((r.epoch, r.valid.as_ref()?.loss))) else {
            return;
        };
        let better = self.best.as_ref().is_none_or(|(_, best, _)| loss < *best);
        if better && loss.is_finite() {
            match self.best.as_mut() {
                // In place: a better epoch comes often early in training.
                Some(best) => {
                    (best.0, best.1) = (epoch, loss);
                    best.2.copy_from(t.params());
                }
                None => self.best = Some((epoch, loss, t.params().clone())),
            }
            // Its record stays when a long run's history is thinned: the curves mark it.
            if let Some(t) = self.trainer.as_mut() {
                t.keep_record(Some(epoch));
            }
        } else if let Some((best, _, _)) = self.best {
            if self.stop_at_best && epoch >= best + PATIENCE {
                self.restore_best();
                self.status = Status::StoppedAtBest { epoch: best };
            }
        }
    }

    /// Trains while playing: as many examples as the speed asks for in a slice that came
    /// `dt_ms` after the previous one, for at most `budget_ms` of `clock` (milliseconds).
    /// Returns whether it is still playing.
    pub fn train(&mut self, dt_ms: f64, budget_ms: f64, clock: &dyn Fn() -> f64) -> bool {
        self.caught_up = false;
        if self.status != Status::Playing {
            return false;
        }
        let Some((n_train, epoch)) = self.trainer.as_ref().map(|t| (t.train_set().len(), t.epoch())) else { return true };
        let start = clock();
        let mut left = self.pace.take(self.speed.epochs_per_second(epoch), n_train, dt_ms);
        while left > 0 && clock() - start < budget_ms {
            let Some(n) = self.train_chunk(left) else { break };
            if n > left {
                self.pace.overshoot(n - left);
            }
            left = left.saturating_sub(n);
            if self.status != Status::Playing {
                break;
            }
        }
        self.caught_up = left == 0;
        self.status == Status::Playing
    }

    /// What the page shows now: the status, the parameters, the history records it does not
    /// have yet (or all of them, when the history was rebuilt or thinned), the best epoch.
    pub fn snapshot(&mut self) -> Snapshot {
        let Some(t) = self.trainer.as_ref() else {
            self.sent = Sent::default();
            return Snapshot {
                status: self.status.clone(),
                epoch: 0,
                examples_seen: 0,
                best_epoch: None,
                params: None,
                history: HistoryUpdate { replace: true, records: Vec::new() },
                map: None,
                rule_state: None,
            };
        };
        let all = t.history();
        let continues = self.sent.len > 0 && self.sent.len <= all.len() && all.get(self.sent.len - 1) == self.sent.last.as_ref();
        let history = match continues {
            true => HistoryUpdate { replace: false, records: all[self.sent.len..].to_vec() },
            false => HistoryUpdate { replace: true, records: all.to_vec() },
        };
        self.sent = Sent { len: all.len(), last: all.last().cloned() };
        Snapshot {
            status: self.status.clone(),
            epoch: t.epoch(),
            examples_seen: t.examples_seen(),
            best_epoch: self.best.as_ref().map(|b| b.0),
            params: Some(t.params().clone()),
            history,
            map: None,
            rule_state: (t.config().rule != mlp::UpdateRule::Sgd).then(|| t.rule_state().clone()),
        }
    }

    /// The decision map of the current network, when the page asked for one and the network
    /// changed since it was last painted: (width, height, RGBA pixels row by row from the top).
    pub fn paint_map(&mut self) -> Option<(usize, usize, &[u8])> {
        let (spec, t) = (self.map.as_ref()?, self.trainer.as_ref()?);
        if !self.map_dirty {
            return None;
        }
        // Only points have a plane to paint.
        let (features, shape) = (t.features()?, t.params().shape());
        let fits = self.painter.as_ref().is_some_and(|p| p.fits(spec.width, spec.height, features, shape));
        if !fits {
            self.painter = Some(DecisionMap::new(spec.width, spec.height, features, shape));
        }
        let painter = self.painter.as_mut()?;
        self.map_dirty = false;
        Some((spec.width, spec.height, painter.paint(t.params(), &spec.palette)))
    }
}

/// The trainer the page trains, built from `setup` (`None` when the setup cannot train, e.g. an
/// empty training set: the page then says so). The benchmarks build theirs here too.
pub fn new_trainer(setup: Setup) -> Option<Trainer> {
    let Setup { params, config, features, data, mistakes } = setup;
    let mut trainer = Trainer::on_data(params, config, features, &data).ok()?;
    trainer.set_mistakes(mistakes);
    // The page does not show the stopping test η‖∇R̃‖ < ε: its full gradient at every epoch
    // end would cost a third of the training time.
    trainer.set_stopping_test(false);
    Some(trainer)
}
