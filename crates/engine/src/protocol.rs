//! The messages between the page and the engine, and their encoding as one flat list of
//! numbers (a `Float64Array` between threads).
//!
//! Numbers cross as they are: an f64 is one entry, a count or an index is an entry holding a
//! whole number (exact below 2⁵³), a u64 seed is two entries of 32 bits, a flag is 0 or 1. A
//! history record crosses bit for bit. Decoding checks every count against what is left and
//! every whole number, and returns a [`DecodeError`] instead of panicking, so a malformed
//! message (a bug, or a page and a worker of two different builds) is reported, not fatal.
//!
//! A message starts with its kind ([`Message`]): the page sends [`Message::Commands`], the
//! engine answers each with one [`Message::Snapshot`]; the worker says [`Message::Ready`] once
//! it can take commands, and [`Message::Failed`] if it cannot go on.

use crate::engine::{MapSpec, Setup, Status, StepSize};
use crate::pace::Speed;
use mlp::{RuleState, Coefficient, Data, Dataset, Divergence, EpochRecord, FeatureSet, Mistakes, Params, Penalty, SetStats, Shape, Split, Table, TrainConfig, UpdateRule, WeightStats};
use nalgebra::{DMatrix, DVector};
use std::fmt;

/// What the page asks of the engine. They are applied in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A new trainer (new data, shape or initial weights): epoch 0.
    Rebuild(Box<Setup>),
    /// η, λ, K and the mistakes, without interrupting training.
    Configure { config: TrainConfig, mistakes: Mistakes },
    /// Epochs per second (0 = as fast as possible).
    Speed(Speed),
    /// Stop and restore the best weights after [`crate::PATIENCE`] epochs without a better
    /// validation loss.
    StopAtBest(bool),
    Play,
    Pause,
    Step(StepSize),
    RestoreBest,
    /// The decision map to paint with each snapshot, or none.
    Map(Option<MapSpec>),
}

/// What the engine says back: the state of the trainer at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub status: Status,
    /// Completed epochs (the history may record only some of them, see `mlp::train`).
    pub epoch: usize,
    pub examples_seen: usize,
    /// The epoch of the best validation loss so far.
    pub best_epoch: Option<usize>,
    /// The network; `None` when there is no trainer (e.g. an empty training set).
    pub params: Option<Params>,
    pub history: HistoryUpdate,
    /// The size of the decision map that comes with this snapshot (its pixels travel beside
    /// the numbers), if one does.
    pub map: Option<(usize, usize)>,
    /// The update rule's state (momentum's v, Adam's m, s and t), when the rule keeps one.
    pub rule_state: Option<RuleState>,
}

/// The history records the page does not have yet.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryUpdate {
    /// The records replace the page's history (a new trainer, or one that thinned its history)
    /// instead of extending it.
    pub replace: bool,
    pub records: Vec<EpochRecord>,
}

/// One message between the page and the engine.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    Commands(Vec<Command>),
    Snapshot(Box<Snapshot>),
    Ready,
    Failed,
}

/// Why a list of numbers is not a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// What was being read.
    pub what: &'static str,
    /// Where, as an index into the list.
    pub at: usize,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed message: bad {} at entry {}", self.what, self.at)
    }
}

impl std::error::Error for DecodeError {}

const COMMANDS: u32 = 1;
const SNAPSHOT: u32 = 2;
const READY: u32 = 3;
const FAILED: u32 = 4;

impl Message {
    /// The message as numbers, appended to `out`.
    pub fn encode(&self, out: &mut Vec<f64>) {
        match self {
            Message::Commands(commands) => encode_commands(commands, out),
            reply => encode_reply(reply, out),
        }
    }

    pub fn to_numbers(&self) -> Vec<f64> {
        let mut out = Vec::new();
        self.encode(&mut out);
        out
    }

    /// Reads a message written by [`Message::encode`]; every entry must be used.
    pub fn decode(numbers: &[f64]) -> Result<Message, DecodeError> {
        match numbers.first() {
            Some(&kind) if kind == f64::from(COMMANDS) => decode_commands(numbers).map(Message::Commands),
            _ => decode_reply(numbers),
        }
    }
}

// The page writes commands and reads replies, the worker the other way round: each half is
// its own function, so that each module links only the half it uses.

/// Writes [`Message::Commands`] of `commands` to `out`.
pub fn encode_commands(commands: &[Command], out: &mut Vec<f64>) {
    let mut w = Writer(out);
    w.whole(COMMANDS);
    w.count(commands.len());
    commands.iter().for_each(|c| w.command(c));
}

/// Writes a message of the engine (a snapshot, ready, failed) to `out`; commands write
/// nothing.
pub fn encode_reply(message: &Message, out: &mut Vec<f64>) {
    let mut w = Writer(out);
    match message {
        Message::Snapshot(snapshot) => {
            w.whole(SNAPSHOT);
            w.snapshot(snapshot);
        }
        Message::Ready => w.whole(READY),
        Message::Failed => w.whole(FAILED),
        Message::Commands(_) => {}
    }
}

/// Reads [`Message::Commands`]; any other message is an error.
pub fn decode_commands(numbers: &[f64]) -> Result<Vec<Command>, DecodeError> {
    let mut r = Reader { data: numbers, at: 0 };
    if r.whole::<u32>("message kind")? != COMMANDS {
        return Err(DecodeError { what: "message kind", at: 0 });
    }
    let n = r.count("command count", 1)?;
    let commands = (0..n).map(|_| r.command()).collect::<Result<_, _>>()?;
    r.end().map(|()| commands)
}

/// Reads a message of the engine: a snapshot, ready or failed; commands are an error.
pub fn decode_reply(numbers: &[f64]) -> Result<Message, DecodeError> {
    let mut r = Reader { data: numbers, at: 0 };
    let message = match r.whole::<u32>("message kind")? {
        SNAPSHOT => Message::Snapshot(Box::new(r.snapshot()?)),
        READY => Message::Ready,
        FAILED => Message::Failed,
        _ => return Err(DecodeError { what: "message kind", at: 0 }),
    };
    r.end().map(|()| message)
}

struct Writer<'a>(&'a mut Vec<f64>);

impl Writer<'_> {
    fn f64(&mut self, v: f64) {
        self.0.push(v);
    }

    fn whole(&mut self, v: impl Into<u64>) {
        self.0.push(v.into() as f64);
    }

    fn count(&mut self, n: usize) {
        self.0.push(n as f64);
    }

    fn flag(&mut self, on: bool) {
        self.0.push(if on { 1.0 } else { 0.0 });
    }

    fn u64(&mut self, v: u64) {
        self.whole(v >> 32);
        self.whole(v & 0xffff_ffff);
    }

    fn command(&mut self, command: &Command) {
        match command {
            Command::Rebuild(setup) => {
                self.whole(1u32);
                self.params(&setup.params);
                self.config(&setup.config);
                self.whole(setup.features.bits());
                match &setup.data {
                    Data::Plane(split) => {
                        self.whole(0u32);
                        for set in [&split.train, &split.valid, &split.test] {
                            self.dataset(set);
                        }
                    }
                    Data::Table(split) => {
                        self.whole(1u32);
                        for set in [&split.train, &split.valid, &split.test] {
                            self.table(set);
                        }
                    }
                }
                self.whole(setup.mistakes.bits());
            }
            Command::Configure { config, mistakes } => {
                self.whole(2u32);
                self.config(config);
                self.whole(mistakes.bits());
            }
            Command::Speed(speed) => {
                self.whole(3u32);
                let (kind, rate) = match speed {
                    Speed::Teaching => (0u32, 0.0),
                    Speed::Fastest => (1, 0.0),
                    Speed::PerSecond(rate) => (2, *rate),
                };
                self.whole(kind);
                self.f64(rate);
            }
            Command::StopAtBest(on) => {
                self.whole(4u32);
                self.flag(*on);
            }
            Command::Play => self.whole(5u32),
            Command::Pause => self.whole(6u32),
            Command::Step(size) => {
                self.whole(7u32);
                self.whole(match size {
                    StepSize::Example => 0u32,
                    StepSize::Minibatch => 1,
                    StepSize::Epoch => 2,
                    StepSize::Examples(_) => 3,
                });
                if let StepSize::Examples(n) = size {
                    self.count(*n);
                }
            }
            Command::RestoreBest => self.whole(8u32),
            Command::Map(spec) => {
                self.whole(9u32);
                self.flag(spec.is_some());
                if let Some(spec) = spec {
                    self.count(spec.width);
                    self.count(spec.height);
                    self.count(spec.palette.len());
                    for colour in &spec.palette {
                        self.whole(u32::from_be_bytes(*colour));
                    }
                }
            }
        }
    }

    fn config(&mut self, config: &TrainConfig) {
        self.f64(config.eta);
        self.count(config.batch_size);
        for c in Coefficient::ALL {
            self.f64(config.penalty.get(c));
        }
        let (kind, coefficients) = match config.rule {
            UpdateRule::Sgd => (0, [0.0; 3]),
            UpdateRule::Momentum { beta } => (1, [beta, 0.0, 0.0]),
            UpdateRule::Nesterov { beta } => (2, [beta, 0.0, 0.0]),
            UpdateRule::Adam { beta1, beta2, epsilon } => (3, [beta1, beta2, epsilon]),
        };
        self.count(kind);
        self.0.extend_from_slice(&coefficients);
        self.u64(config.seed);
    }

    fn params(&mut self, params: &Params) {
        let shape = params.shape();
        self.count(shape.d);
        self.count(shape.d_h);
        self.count(shape.m);
        // Column-major, as nalgebra stores them.
        for part in [params.w1.as_slice(), params.b1.as_slice(), params.w2.as_slice(), params.b2.as_slice()] {
            self.0.extend_from_slice(part);
        }
    }

    fn dataset(&mut self, set: &Dataset) {
        self.count(set.len());
        self.count(set.classes);
        for p in &set.points {
            self.0.extend_from_slice(p);
        }
        for &label in &set.labels {
            self.count(label);
        }
    }

    fn table(&mut self, set: &Table) {
        let n = set.len();
        self.count(n);
        self.count(set.dim);
        self.count(set.classes);
        self.0.extend_from_slice(&set.values[..n * set.dim]);
        for &label in &set.labels[..n] {
            self.count(label);
        }
    }

    fn snapshot(&mut self, s: &Snapshot) {
        self.status(&s.status);
        self.count(s.epoch);
        self.count(s.examples_seen);
        self.flag(s.best_epoch.is_some());
        self.count(s.best_epoch.unwrap_or(0));
        self.flag(s.params.is_some());
        if let Some(params) = &s.params {
            self.params(params);
        }
        self.flag(s.history.replace);
        self.count(s.history.records.len());
        for record in &s.history.records {
            self.record(record);
        }
        let (width, height) = s.map.unwrap_or((0, 0));
        self.flag(s.map.is_some());
        self.count(width);
        self.count(height);
        self.flag(s.rule_state.is_some());
        if let Some(state) = &s.rule_state {
            self.u64(state.t);
            for moment in [&state.first, &state.second] {
                self.flag(moment.is_some());
                if let Some(moment) = moment {
                    self.params(moment);
                }
            }
        }
    }

    fn status(&mut self, status: &Status) {
        match status {
            Status::Paused => self.whole(0u32),
            Status::Playing => self.whole(1u32),
            Status::Diverged(d) => {
                self.whole(2u32);
                match d {
                    Divergence::NonFinite { epoch, step } => {
                        self.whole(0u32);
                        self.count(*epoch);
                        self.count(*step);
                    }
                    Divergence::Exploding { epoch, loss } => {
                        self.whole(1u32);
                        self.count(*epoch);
                        self.f64(*loss);
                    }
                    Divergence::DeadNetwork { epoch } => {
                        self.whole(2u32);
                        self.count(*epoch);
                    }
                }
            }
            Status::StoppedAtBest { epoch } => {
                self.whole(3u32);
                self.count(*epoch);
            }
        }
    }

    fn record(&mut self, r: &EpochRecord) {
        self.count(r.epoch);
        self.stats(Some(&r.train));
        self.stats(r.valid.as_ref());
        self.stats(r.test.as_ref());
        self.count(r.dead_units);
        let w = &r.weights;
        self.0.extend_from_slice(&[w.penalty, w.norm_w1, w.norm_w2, w.zero_w1, w.zero_w2]);
    }

    fn stats(&mut self, stats: Option<&SetStats>) {
        self.flag(stats.is_some());
        let s = stats.copied().unwrap_or(SetStats { loss: 0.0, objective: 0.0, error: 0.0 });
        self.0.extend_from_slice(&[s.loss, s.objective, s.error]);
    }
}

struct Reader<'a> {
    data: &'a [f64],
    at: usize,
}

impl Reader<'_> {
    /// Every entry must have been read.
    fn end(&self) -> Result<(), DecodeError> {
        match self.at == self.data.len() {
            true => Ok(()),
            false => Err(self.error("end of message")),
        }
    }

    fn error(&self, what: &'static str) -> DecodeError {
        DecodeError { what, at: self.at }
    }

    fn f64(&mut self, what: &'static str) -> Result<f64, DecodeError> {
        let v = *self.data.get(self.at).ok_or_else(|| self.error(what))?;
        self.at += 1;
        Ok(v)
    }

    fn slice(&mut self, n: usize, what: &'static str) -> Result<&[f64], DecodeError> {
        let end = self.at.checked_add(n).filter(|&end| end <= self.data.len()).ok_or_else(|| self.error(what))?;
        let slice = &self.data[self.at..end];
        self.at = end;
        Ok(slice)
    }

    /// A whole number that fits `T`.
    fn whole<T: TryFrom<u64>>(&mut self, what: &'static str) -> Result<T, DecodeError> {
        let v = self.f64(what)?;
        let whole = v >= 0.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_992.0;
        let value = if whole { T::try_from(v as u64).ok() } else { None };
        value.ok_or(DecodeError { what, at: self.at - 1 })
    }

    /// A count of items of `width` entries each, which must fit in what is left.
    fn count(&mut self, what: &'static str, width: usize) -> Result<usize, DecodeError> {
        let n: usize = self.whole(what)?;
        let fits = n.checked_mul(width).is_some_and(|len| len <= self.data.len() - self.at);
        fits.then_some(n).ok_or(DecodeError { what, at: self.at - 1 })
    }

    fn flag(&mut self, what: &'static str) -> Result<bool, DecodeError> {
        match self.whole::<u8>(what)? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(DecodeError { what, at: self.at - 1 }),
        }
    }

    fn u64(&mut self, what: &'static str) -> Result<u64, DecodeError> {
        let high: u32 = self.whole(what)?;
        let low: u32 = self.whole(what)?;
        Ok(u64::from(high) << 32 | u64::from(low))
    }

    fn command(&mut self) -> Result<Command, DecodeError> {
        let at = self.at;
        Ok(match self.whole::<u32>("command")? {
            1 => {
                let params = self.params()?;
                let config = self.config()?;
                let features = FeatureSet::from_bits(self.whole("features")?).ok_or(self.error("features"))?;
                let data = match self.whole::<u32>("data")? {
                    0 => Data::Plane(Split { train: self.dataset()?, valid: self.dataset()?, test: self.dataset()? }),
                    1 => Data::Table(Split { train: self.table()?, valid: self.table()?, test: self.table()? }),
                    _ => return Err(self.error("data")),
                };
                let mistakes = self.mistakes()?;
                Command::Rebuild(Box::new(Setup { params, config, features, data, mistakes }))
            }
            2 => Command::Configure { config: self.config()?, mistakes: self.mistakes()? },
            3 => {
                let (kind, rate) = (self.whole::<u32>("speed")?, self.f64("speed")?);
                Command::Speed(match kind {
                    0 => Speed::Teaching,
                    1 => Speed::Fastest,
                    2 if rate > 0.0 && rate.is_finite() => Speed::PerSecond(rate),
                    _ => return Err(self.error("speed")),
                })
            }
            4 => Command::StopAtBest(self.flag("stop at best")?),
            5 => Command::Play,
            6 => Command::Pause,
            7 => Command::Step(match self.whole::<u8>("step size")? {
                0 => StepSize::Example,
                1 => StepSize::Minibatch,
                2 => StepSize::Epoch,
                3 => StepSize::Examples(self.whole("examples")?),
                _ => return Err(self.error("step size")),
            }),
            8 => Command::RestoreBest,
            9 => Command::Map(match self.flag("map")? {
                false => None,
                true => {
                    let (width, height) = (self.whole("map width")?, self.whole("map height")?);
                    let n = self.count("palette", 1)?;
                    let palette = (0..n).map(|_| self.whole::<u32>("colour").map(u32::to_be_bytes)).collect::<Result<_, _>>()?;
                    Some(MapSpec { width, height, palette })
                }
            }),
            _ => return Err(DecodeError { what: "command", at }),
        })
    }

    fn mistakes(&mut self) -> Result<Mistakes, DecodeError> {
        Mistakes::from_bits(self.whole("mistakes")?).ok_or(self.error("mistakes"))
    }

    fn config(&mut self) -> Result<TrainConfig, DecodeError> {
        Ok(TrainConfig {
            eta: self.f64("η")?,
            batch_size: self.whole("K")?,
            penalty: self.penalty()?,
            rule: self.rule()?,
            seed: self.u64("seed")?,
        })
    }

    /// The rule: its index in [`UpdateRule::ALL`], then three coefficients (β or β₁, β₂, ε;
    /// 0 where the rule has none).
    fn rule(&mut self) -> Result<UpdateRule, DecodeError> {
        let kind = self.whole("update rule")?;
        let c = self.slice(3, "update rule")?;
        let (a, b, e) = (c[0], c[1], c[2]);
        Ok(match kind {
            0 => UpdateRule::Sgd,
            1 => UpdateRule::Momentum { beta: a },
            2 => UpdateRule::Nesterov { beta: a },
            3 => UpdateRule::Adam { beta1: a, beta2: b, epsilon: e },
            _ => return Err(self.error("update rule")),
        })
    }

    fn penalty(&mut self) -> Result<Penalty, DecodeError> {
        let mut penalty = Penalty::NONE;
        for c in Coefficient::ALL {
            penalty.set(c, self.f64(c.symbol())?);
        }
        Ok(penalty)
    }

    /// Parameters of a valid shape; their values may be anything (a diverged network's are
    /// not finite, and the page shows them as they are).
    fn params(&mut self) -> Result<Params, DecodeError> {
        let (d, d_h, m) = (self.whole("d")?, self.whole("d_h")?, self.whole("m")?);
        Shape::new(d, d_h, m).map_err(|_| self.error("shape"))?;
        Ok(Params {
            w1: DMatrix::from_column_slice(d_h, d, self.slice(d_h * d, "W1")?),
            b1: DVector::from_column_slice(self.slice(d_h, "b1")?),
            w2: DMatrix::from_column_slice(m, d_h, self.slice(m * d_h, "W2")?),
            b2: DVector::from_column_slice(self.slice(m, "b2")?),
        })
    }

    fn dataset(&mut self) -> Result<Dataset, DecodeError> {
        let n = self.count("point count", 3)?;
        let classes = self.whole("classes")?;
        let points = self.slice(2 * n, "points")?.chunks_exact(2).map(|p| [p[0], p[1]]).collect();
        let labels = (0..n).map(|_| self.whole("label")).collect::<Result<_, _>>()?;
        Ok(Dataset { points, labels, classes })
    }

    fn table(&mut self) -> Result<Table, DecodeError> {
        let n = self.count("row count", 1)?;
        // Not `count`: an empty part (a file's test set of no row) still has its d columns,
        // more than the entries left after it when it ends the message.
        let dim: usize = self.whole("columns")?;
        if dim == 0 || dim > 1 << 16 {
            return Err(self.error("columns"));
        }
        let classes = self.whole("classes")?;
        let len = n.checked_mul(dim).ok_or(self.error("rows"))?;
        let values = self.slice(len, "rows")?.to_vec();
        let labels = (0..n).map(|_| self.whole("label")).collect::<Result<_, _>>()?;
        Ok(Table { dim, values, labels, classes })
    }

    fn snapshot(&mut self) -> Result<Snapshot, DecodeError> {
        let status = self.status()?;
        let epoch = self.whole("epoch")?;
        let examples_seen = self.whole("examples seen")?;
        let has_best = self.flag("best epoch")?;
        let best: usize = self.whole("best epoch")?;
        let params = match self.flag("params")? {
            true => Some(self.params()?),
            false => None,
        };
        let replace = self.flag("history")?;
        let n = self.count("record count", RECORD_LEN)?;
        let records = (0..n).map(|_| self.record()).collect::<Result<_, _>>()?;
        let has_map = self.flag("map")?;
        let size = (self.whole("map width")?, self.whole("map height")?);
        let rule_state = match self.flag("rule state")? {
            false => None,
            true => {
                let t = self.u64("steps")?;
                let mut moment = || -> Result<Option<Params>, DecodeError> {
                    match self.flag("moment")? {
                        true => Ok(Some(self.params()?)),
                        false => Ok(None),
                    }
                };
                let (first, second) = (moment()?, moment()?);
                Some(RuleState { first, second, t })
            }
        };
        Ok(Snapshot {
            status,
            epoch,
            examples_seen,
            best_epoch: has_best.then_some(best),
            params,
            history: HistoryUpdate { replace, records },
            map: has_map.then_some(size),
            rule_state,
        })
    }

    fn status(&mut self) -> Result<Status, DecodeError> {
        Ok(match self.whole::<u8>("status")? {
            0 => Status::Paused,
            1 => Status::Playing,
            2 => Status::Diverged(match self.whole::<u8>("divergence")? {
                0 => Divergence::NonFinite { epoch: self.whole("epoch")?, step: self.whole("step")? },
                1 => Divergence::Exploding { epoch: self.whole("epoch")?, loss: self.f64("loss")? },
                2 => Divergence::DeadNetwork { epoch: self.whole("epoch")? },
                _ => return Err(self.error("divergence")),
            }),
            3 => Status::StoppedAtBest { epoch: self.whole("epoch")? },
            _ => return Err(self.error("status")),
        })
    }

    fn record(&mut self) -> Result<EpochRecord, DecodeError> {
        let epoch = self.whole("epoch")?;
        let train = self.stats()?.ok_or(self.error("training statistics"))?;
        let (valid, test, dead_units) = (self.stats()?, self.stats()?, self.whole("dead units")?);
        let w = self.slice(5, "weights")?;
        let weights = WeightStats { penalty: w[0], norm_w1: w[1], norm_w2: w[2], zero_w1: w[3], zero_w2: w[4] };
        Ok(EpochRecord { epoch, train, valid, test, dead_units, weights })
    }

    fn stats(&mut self) -> Result<Option<SetStats>, DecodeError> {
        let present = self.flag("statistics")?;
        let v = self.slice(3, "statistics")?;
        Ok(present.then_some(SetStats { loss: v[0], objective: v[1], error: v[2] }))
    }
}

/// Entries per history record: epoch, three sets of (flag, loss, objective, error), dead units,
/// the weights' five statistics.
const RECORD_LEN: usize = 19;

#[cfg(test)]
mod tests;
