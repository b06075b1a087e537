//! The training lab as the page sees it: signals (parameters, history, status) filled from the
//! [`engine`]'s snapshots, and methods that send it commands.
//!
//! The engine runs in a Web Worker ([`worker`]): the page only sends commands and draws what
//! comes back, so training and the decision map never take the main thread's time. Commands
//! sent before the worker is ready wait in a queue; if it cannot start (no module workers, a
//! file missing, an error, no answer within [`worker::START_TIMEOUT_MS`]) the same engine runs
//! on the main thread instead ([`Driver::Local`]), driven by a `requestAnimationFrame` loop
//! that trains for a time [`Budget`] each frame, and the status line says so.
//!
//! Both paths give the page the same snapshots, at most one per frame while training, and the
//! same history bit for bit (the engine and its inputs are the same; see the engine's tests).

mod budget;
mod connect;
mod edits;
pub mod local;
mod regions;
pub mod worker;

pub use budget::{Budget, FRAME_BUDGET_MS};
pub use connect::{config as train_config, connect, Inputs};
pub use edits::{round_for_link, Edit, Edits};
pub use engine::{new_trainer as page_trainer, Setup, Status, StepSize, PATIENCE};
pub use regions::MapTarget;

use engine::{Command, Snapshot};
use local::Local;
use js_sys::Uint8ClampedArray;
use leptos::prelude::*;
use mlp::{EpochRecord, Params};

/// While training, the stepper's copy of the parameters is refreshed at most this often: its
/// tables and formulas take tens of milliseconds of layout to redraw, and numbers that change
/// faster cannot be read anyway.
pub const SLOW_PUBLICATION_MS: f64 = 500.0;
/// How often the views of a table's network (predictions, confusion matrix, W⁽¹⁾ images) are
/// refreshed while training: four times a second, so they move without costing frames.
pub const VIEWS_PUBLICATION_MS: f64 = 250.0;

/// Where the engine runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Runner {
    /// The worker is loading; commands wait for it.
    Starting,
    /// In the Web Worker.
    Worker,
    /// On the page's main thread, because the worker could not start or stopped (why, in
    /// English, for the console and the tests).
    MainThread(String),
    /// Nowhere: neither the worker nor the page could load the engine's module (why, in
    /// English). The stepper, which needs no trainer, still works.
    Unavailable(String),
}

/// Why a run is not its settings trained from epoch 0 (see [`Lab::edited`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunEdit {
    /// η, the penalty, K, the rule or the mistakes changed after training began.
    Settings,
    /// The best validation weights were put back (by hand, or by "stop at best").
    BestRestored,
    /// A step of one example while K > 1 (playing and the other steps take whole minibatches).
    ExampleSteps,
}

/// The engine behind the lab.
enum Driver {
    /// The worker, and the commands not sent yet (all of them until it is ready).
    Worker {
        link: worker::Link,
        ready: bool,
        queued: Vec<Command>,
        /// A message is on its way and its snapshot has not come back: the next waits.
        in_flight: bool,
        /// The in-flight message carried commands (its snapshot then refreshes everything).
        answering_commands: bool,
        /// The last decision map's buffer, given back to the worker with the next message.
        spare: Option<Uint8ClampedArray>,
    },
    /// The worker could not start: the engine's module is being imported into the page, and
    /// the commands wait for it.
    Loading { queued: Vec<Command> },
    /// The engine's module on the page's main thread, trained from animation frames.
    Local { local: Local, budget: Budget },
}

/// The trainer and what the page sees of it.
#[derive(Clone, Copy)]
pub struct Lab {
    driver: StoredValue<Option<Driver>, LocalStorage>,
    /// The last of each command that sets state, to set up a main-thread engine like the worker
    /// if the worker stops after starting.
    replay: StoredValue<Vec<Command>, LocalStorage>,
    /// The decision-region canvas, when the plot is on the page.
    map: StoredValue<Option<MapTarget>, LocalStorage>,
    pub runner: RwSignal<Runner>,
    /// Whether a snapshot has come since the page loaded (until then the signals below hold
    /// nothing yet, and the status line says the trainer is starting).
    pub answered: RwSignal<bool>,
    /// The network's current parameters, published every frame while training.
    pub current: RwSignal<Option<Params>>,
    /// The same, published at most every [`SLOW_PUBLICATION_MS`] while the stepper is on screen
    /// (for its heavy views).
    pub current_slow: RwSignal<Option<Params>>,
    /// The same, published at most every [`VIEWS_PUBLICATION_MS`] (for the views of a table's
    /// network above the stepper).
    pub current_views: RwSignal<Option<Params>>,
    /// Every epoch so far (epoch 0 = before training), extended as epochs end.
    pub history: RwSignal<Vec<EpochRecord>>,
    pub status: RwSignal<Status>,
    pub examples_seen: RwSignal<usize>,
    /// The epoch of the best validation loss, if there is a validation set.
    pub best_epoch: RwSignal<Option<usize>>,
    /// Stop and restore the best weights after [`PATIENCE`] epochs without improvement.
    pub stop_at_best: RwSignal<bool>,
    /// Incremented by "reset": the trainer is rebuilt from the initial weights.
    pub resets: RwSignal<u64>,
    /// Whether the stepper (the reader of `current_slow`) is on screen: while it is not,
    /// training does not refresh it, and it catches up when it comes back.
    pub stepper_on_screen: RwSignal<bool>,
    /// The update rule's state (v; m, s and t) at `current_slow`'s moment, when the rule keeps one.
    pub rule_state: RwSignal<Option<mlp::RuleState>>,
    /// The latest snapshot's rule state, published with the next slow copy.
    latest_rule: StoredValue<Option<mlp::RuleState>>,
    /// The epoch and the examples seen of `current_slow`'s network (what the stepper says it
    /// walks).
    pub slow_at: RwSignal<(usize, usize)>,
    /// What made the current run other than its settings trained from epoch 0 (a setting
    /// changed after training began, the best weights put back): a pinned run's link retrains it
    /// from its settings, which would not give the same run. Cleared by each new trainer.
    pub edited: RwSignal<Option<RunEdit>>,
    /// The minibatch size K last configured.
    batch_size: StoredValue<usize>,
    /// When `current_slow` was last published (ms since the page loaded).
    last_slow: StoredValue<f64>,
    last_views: StoredValue<f64>,
    /// The epoch and the examples seen of `current`.
    current_at: StoredValue<(usize, usize)>,
    /// Which play this is: a frame scheduled by an earlier play (before a pause, a reset, a
    /// divergence) sees a newer number and ends, so two loops never run at once.
    run: StoredValue<u64>,
}

impl Lab {
    /// A lab whose engine starts in a Web Worker (or on the main thread if it cannot).
    pub fn new() -> Lab {
        let lab = Lab {
            driver: StoredValue::new_local(None),
            replay: StoredValue::new_local(Vec::new()),
            map: StoredValue::new_local(None),
            runner: RwSignal::new(Runner::Starting),
            answered: RwSignal::new(false),
            current: RwSignal::new(None),
            current_slow: RwSignal::new(None),
            current_views: RwSignal::new(None),
            history: RwSignal::new(Vec::new()),
            status: RwSignal::new(Status::Paused),
            examples_seen: RwSignal::new(0),
            best_epoch: RwSignal::new(None),
            stop_at_best: RwSignal::new(false),
            resets: RwSignal::new(0),
            stepper_on_screen: RwSignal::new(true),
            slow_at: RwSignal::new((0, 0)),
            edited: RwSignal::new(None),
            rule_state: RwSignal::new(None),
            latest_rule: StoredValue::new(None),
            batch_size: StoredValue::new(1),
            current_at: StoredValue::new((0, 0)),
            last_slow: StoredValue::new(f64::NEG_INFINITY),
            last_views: StoredValue::new(f64::NEG_INFINITY),
            run: StoredValue::new(0),
        };
        match worker::Link::start(lab) {
            Ok(link) => lab.driver.set_value(Some(Driver::Worker {
                link,
                ready: false,
                queued: Vec::new(),
                in_flight: false,
                answering_commands: false,
                spare: None,
            })),
            Err(why) => lab.fall_back(why),
        }
        Effect::new(move |_| {
            let on = lab.stop_at_best.get();
            lab.send(Command::StopAtBest(on));
        });
        lab
    }

    /// Sets the pace Play trains at.
    pub fn set_speed(&self, speed: engine::Speed) {
        self.send(Command::Speed(speed));
    }

    /// Starts over from `setup` (new data, new shape, new weights): epoch 0. A playing player
    /// keeps playing; a diverged one is paused.
    pub fn rebuild(&self, setup: Setup) {
        if !matches!(self.status.get_untracked(), Status::Playing) {
            self.status.set(Status::Paused);
        }
        // The network is these weights now: the stepper walks them at once, without waiting
        // for the engine's answer (which says the same, or that there is no training set).
        copy_params_into(&setup.params, self.current);
        copy_params_into(&setup.params, self.current_views);
        self.current_at.set_value((0, 0));
        self.latest_rule.set_value(None);
        self.publish_slow(&setup.params, (0, 0));
        if self.edited.get_untracked().is_some() {
            self.edited.set(None);
        }
        self.send(Command::Rebuild(Box::new(setup)));
    }

    /// Applies η, λ, K and the mistakes without interrupting training.
    pub fn configure(&self, config: mlp::TrainConfig, mistakes: mlp::Mistakes) {
        if self.examples_seen.get_untracked() > 0 && self.edited.get_untracked().is_none() {
            self.edited.set(Some(RunEdit::Settings));
        }
        self.batch_size.set_value(config.batch_size);
        self.send(Command::Configure { config, mistakes });
    }

    /// Starts over from the initial weights (clears a divergence).
    pub fn reset(&self) {
        self.status.set(Status::Paused);
        self.send(Command::Pause);
        self.resets.update(|r| *r += 1);
    }

    pub fn play(&self) {
        if matches!(self.runner.get_untracked(), Runner::Unavailable(_)) {
            return; // the status line says training cannot run
        }
        if matches!(self.status.get_untracked(), Status::Playing | Status::Diverged(_)) {
            return; // a divergence's message says what to change; "reset" clears it
        }
        self.status.set(Status::Playing);
        self.send(Command::Play);
        self.run.update_value(|r| *r += 1);
        self.schedule(self.run.get_value(), now_ms());
    }

    pub fn pause(&self) {
        if self.status.get_untracked() == Status::Playing {
            self.status.set(Status::Paused);
        }
        self.send(Command::Pause);
    }

    /// One example, one minibatch or one epoch, then pause.
    pub fn step(&self, what: StepSize) {
        if what == StepSize::Example && self.batch_size.get_value() > 1 && self.edited.get_untracked().is_none() {
            self.edited.set(Some(RunEdit::ExampleSteps));
        }
        if self.status.get_untracked() == Status::Playing {
            self.status.set(Status::Paused);
        }
        self.send(Command::Step(what));
    }

    /// Puts the best-validation weights back (the trainer goes on from them).
    pub fn restore_best(&self) {
        self.edited.set(Some(RunEdit::BestRestored));
        self.send(Command::RestoreBest);
    }

    /// Where the decision regions go (`None`: nowhere); the engine paints them with each
    /// snapshot from now on.
    pub fn set_map(&self, target: Option<MapTarget>) {
        let spec = target.as_ref().map(MapTarget::spec);
        self.map.set_value(target);
        self.send(Command::Map(spec));
    }

    /// Stops the engine for good (a lab made for one job, e.g. retraining a pinned run): the
    /// worker is terminated, and commands sent later go nowhere.
    pub fn shut_down(&self) {
        self.run.update_value(|r| *r += 1);
        self.runner.set(Runner::Unavailable("shut down".into()));
        if let Some(Some(Driver::Worker { link, .. })) = self.driver.try_update_value(Option::take) {
            link.stop();
        }
    }

    /// Sends `command` to the engine: at once when it can take it, else after the snapshot on
    /// its way (commands are never lost nor reordered).
    fn send(&self, command: Command) {
        self.remember(&command);
        let local = self.driver.try_update_value(|driver| match driver {
            Some(Driver::Worker { queued, .. } | Driver::Loading { queued }) => {
                queued.push(command);
                Ok(false)
            }
            Some(Driver::Local { local, .. }) => local.apply(&[command]).map(|()| true),
            None => Ok(false),
        });
        match local {
            Some(Ok(true)) => {
                self.publish_local(true);
            }
            Some(Err(why)) => self.unavailable(why),
            _ => self.flush(),
        }
    }

    /// Keeps the last command of each kind that sets state (see `replay`).
    fn remember(&self, command: &Command) {
        let kind = std::mem::discriminant(command);
        let lasting = matches!(command, Command::Rebuild(_) | Command::Configure { .. } | Command::Speed(_) | Command::StopAtBest(_) | Command::Map(_));
        if lasting {
            self.replay.update_value(|replay| {
                replay.retain(|c| std::mem::discriminant(c) != kind);
                replay.push(command.clone());
            });
        }
    }

    /// Posts the queued commands to the worker when it is ready and nothing is on its way.
    fn flush(&self) {
        self.flush_with(false);
    }

    /// As [`flush`](Self::flush); `poll` posts even with nothing queued (a frame asking for
    /// the latest snapshot while training).
    fn flush_with(&self, poll: bool) {
        let posted = self.driver.try_update_value(|driver| {
            let Some(Driver::Worker { link, ready: true, queued, in_flight: in_flight @ false, answering_commands, spare }) = driver else {
                return Ok(());
            };
            if queued.is_empty() && !poll {
                return Ok(());
            }
            *answering_commands = !queued.is_empty();
            *in_flight = true;
            link.post(std::mem::take(queued), spare.take())
        });
        if let Some(Err(why)) = posted {
            self.fall_back(why);
        }
    }

    /// The worker is ready: the queued commands go.
    fn worker_ready(&self) {
        self.driver.update_value(|driver| {
            if let Some(Driver::Worker { ready, .. }) = driver {
                *ready = true;
            }
        });
        self.runner.set(Runner::Worker);
        self.flush();
    }

    /// A snapshot from the worker, with the decision map's pixels when the network changed.
    fn worker_snapshot(&self, snapshot: Snapshot, pixels: Option<Uint8ClampedArray>) {
        let mut answered_commands = false;
        let mut nothing_queued = true;
        self.driver.update_value(|driver| {
            if let Some(Driver::Worker { in_flight, answering_commands, queued, .. }) = driver {
                *in_flight = false;
                answered_commands = *answering_commands;
                nothing_queued = queued.is_empty();
            }
        });
        if let (Some(pixels), Some((width, height))) = (pixels, snapshot.map) {
            let drawn = self.map.with_value(|target| target.as_ref().map(|t| t.put_js(&pixels, width, height)));
            if drawn == Some(true) || drawn.is_none() {
                self.driver.update_value(|driver| {
                    if let Some(Driver::Worker { spare, .. }) = driver {
                        *spare = Some(pixels);
                    }
                });
            }
        }
        self.apply(snapshot, answered_commands, nothing_queued);
        self.flush();
    }

    /// The worker cannot go on: the engine moves to the main thread, set up with the same
    /// commands (all of them if the worker never started; else the lasting ones, from epoch 0),
    /// once its module is imported into the page.
    fn fall_back(&self, why: String) {
        // A lab shut down stays so (see `shut_down`).
        if matches!(self.runner.get_untracked(), Runner::Unavailable(_)) {
            return;
        }
        // A second signal from the stopped worker: the move is under way (or done) already.
        if self.driver.with_value(|driver| matches!(driver, Some(Driver::Loading { .. } | Driver::Local { .. }))) {
            return;
        }
        leptos::logging::warn!("training on the main thread: {why}");
        let previous = self.driver.try_update_value(Option::take).flatten();
        let commands = match previous {
            Some(Driver::Worker { link, ready, queued, .. }) => {
                link.stop();
                match ready {
                    false => queued,
                    true => self.replay.get_value(),
                }
            }
            Some(Driver::Loading { .. } | Driver::Local { .. }) | None => self.replay.get_value(),
        };
        self.driver.set_value(Some(Driver::Loading { queued: commands }));
        self.runner.set(Runner::MainThread(why));
        let lab = *self;
        leptos::task::spawn_local(async move {
            match Local::load().await {
                Ok(local) => lab.start_local(local),
                Err(why) => lab.unavailable(format!("the engine's module did not load: {why}")),
            }
        });
    }

    /// The engine's module is on the page: the waiting commands go, and training goes on there
    /// if it was playing.
    fn start_local(&self, local: Local) {
        let queued = match self.driver.try_update_value(Option::take).flatten() {
            Some(Driver::Loading { queued }) => queued,
            _ => self.replay.get_value(),
        };
        if let Err(why) = local.apply(&queued) {
            return self.unavailable(why);
        }
        self.driver.set_value(Some(Driver::Local { local, budget: Budget::default() }));
        let playing = self.publish_local(true) == Some(Status::Playing);
        if !playing && self.status.get_untracked() == Status::Playing {
            self.status.set(Status::Paused);
        }
        if playing {
            self.run.update_value(|r| *r += 1);
            self.schedule(self.run.get_value(), now_ms());
        }
    }

    /// Neither the worker nor the page can run the engine: training stops, and says why.
    fn unavailable(&self, why: String) {
        leptos::logging::error!("training is unavailable: {why}");
        self.driver.set_value(None);
        self.run.update_value(|r| *r += 1);
        if self.status.get_untracked() == Status::Playing {
            self.status.set(Status::Paused);
        }
        self.runner.set(Runner::Unavailable(why));
    }

    /// The main-thread engine's snapshot and map, to the page; the status it gives.
    fn publish_local(&self, force: bool) -> Option<Status> {
        let answer = self.driver.try_update_value(|driver| match driver {
            Some(Driver::Local { local, .. }) => Some(local.answer()),
            _ => None,
        });
        let (snapshot, pixels) = match answer.flatten()? {
            Ok(answer) => answer,
            Err(why) => {
                self.unavailable(why);
                return None;
            }
        };
        if let (Some(pixels), Some((width, height))) = (pixels, snapshot.map) {
            let drawn = self.map.with_value(|target| target.as_ref().map(|t| t.put_js(&pixels, width, height)));
            if drawn != Some(false) {
                self.driver.update_value(|driver| {
                    if let Some(Driver::Local { local, .. }) = driver {
                        local.spare = Some(pixels);
                    }
                });
            }
        }
        let status = snapshot.status.clone();
        self.apply(snapshot, force, true);
        Some(status)
    }

    /// Publishes a snapshot to the signals: the parameters, the new history records, the
    /// status (unless commands sent since will change it), the slow copy when `force` or
    /// enough time has passed. Nothing is cloned whole: the parameters are copied into the
    /// signals' buffers and the history grows by its new records, so a frame costs the same
    /// after an hour of training.
    fn apply(&self, snapshot: Snapshot, force: bool, status_is_current: bool) {
        let Snapshot { status, epoch, examples_seen, best_epoch, params, history, map: _, rule_state } = snapshot;
        self.latest_rule.set_value(rule_state);
        if !self.answered.get_untracked() {
            self.answered.set(true);
        }
        if status_is_current && self.status.get_untracked() != status {
            if matches!(status, Status::StoppedAtBest { .. }) {
                self.edited.set(Some(RunEdit::BestRestored));
            }
            self.status.set(status.clone());
        }
        if history.replace || !history.records.is_empty() {
            self.history.update(|h| {
                if history.replace {
                    h.clear();
                }
                h.extend(history.records);
            });
        }
        if self.examples_seen.get_untracked() != examples_seen {
            self.examples_seen.set(examples_seen);
        }
        if self.best_epoch.get_untracked() != best_epoch {
            self.best_epoch.set(best_epoch);
        }
        let Some(params) = params else {
            self.map.with_value(|t| t.as_ref().map(MapTarget::clear));
            self.current.set(None);
            self.current_slow.set(None);
            self.current_views.set(None);
            return;
        };
        let now = now_ms();
        let due = now - self.last_slow.get_value() > SLOW_PUBLICATION_MS && self.stepper_on_screen.get_untracked();
        self.current_at.set_value((epoch, examples_seen));
        if force || due || status != Status::Playing {
            self.last_slow.set_value(now);
            self.publish_slow(&params, (epoch, examples_seen));
        }
        if force || now - self.last_views.get_value() > VIEWS_PUBLICATION_MS || status != Status::Playing {
            self.last_views.set_value(now);
            copy_params_into(&params, self.current_views);
        }
        copy_params_into(&params, self.current);
    }

    /// Publishes `current_slow` now if it is behind the trainer (the stepper came back on
    /// screen while training).
    pub fn catch_up_slow(&self) {
        let behind = self.current.with_untracked(|now| self.current_slow.with_untracked(|slow| now != slow));
        if behind {
            self.last_slow.set_value(now_ms());
            if let Some(params) = self.current.get_untracked() {
                self.publish_slow(&params, self.current_at.get_value());
            }
        }
    }

    fn publish_slow(&self, params: &Params, at: (usize, usize)) {
        if self.slow_at.get_untracked() != at {
            self.slow_at.set(at);
        }
        let rule_state = self.latest_rule.get_value();
        if self.rule_state.with_untracked(|held| *held != rule_state) {
            self.rule_state.set(rule_state);
        }
        copy_params_into(params, self.current_slow);
    }

    /// One animation frame while playing, for as long as play number `run` lasts: on the main
    /// thread, training for the frame's budget, then one publication; with the worker, asking
    /// for its latest snapshot (unless one is on its way). After a crash it stops first: the loop
    /// would otherwise wake a dead page's tasks every frame (see [`crate::crash`]).
    fn schedule(&self, run: u64, last: f64) {
        let lab = *self;
        request_animation_frame(move || {
            if crate::crash::crashed() {
                // A dead page: the worker would train on for nobody.
                if let Some(Some(Driver::Worker { link, .. })) = lab.driver.try_update_value(Option::take) {
                    link.stop();
                }
                return;
            }
            if lab.run.get_value() != run || lab.status.get_untracked() != Status::Playing {
                return;
            }
            let now = now_ms();
            let local = lab.driver.try_update_value(|driver| match driver {
                Some(Driver::Local { local, budget }) => {
                    let budget_ms = budget.next(now - last);
                    Some(local.train(now - last, budget_ms))
                }
                _ => None,
            });
            match local.flatten() {
                Some(Ok(_)) => {
                    lab.publish_local(false);
                }
                Some(Err(why)) => return lab.unavailable(why),
                None => lab.flush_with(true),
            }
            lab.schedule(run, now);
        });
    }
}

impl Default for Lab {
    fn default() -> Self {
        Lab::new()
    }
}

/// Copies `params` into `signal`'s value, in place when it holds some of the same shape, and
/// notifies its readers; does nothing when it holds the same values (the worker's answer to a
/// command that left θ as it was, e.g. a new λ while paused: the stepper's walk and what reads
/// θ are not recomputed for nothing).
fn copy_params_into(params: &Params, signal: RwSignal<Option<Params>>) {
    if signal.with_untracked(|held| held.as_ref() == Some(params)) {
        return;
    }
    signal.update(|slot| match slot {
        Some(held) if held.shape() == params.shape() => held.copy_from(params),
        _ => *slot = Some(params.clone()),
    });
}

/// Milliseconds since the page loaded (`performance.now()`), 0 where there is no clock.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}
