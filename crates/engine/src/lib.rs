//! Backprop Lab's training engine, wherever it runs: in the page's Web Worker (the
//! `backprop-lab-worker` module), or on the page's main thread when no worker can start.
//!
//! * [`Engine`]: the SGD trainer of the math crate played for a time budget at a chosen speed,
//!   with early stopping and divergence, and the decision map of its current network.
//! * [`protocol`]: the [`Command`]s the page sends and the [`Snapshot`]s it gets back, and
//!   their encoding as flat lists of numbers (a `Float64Array` between threads: no text, no
//!   rounding, so a history crosses bit for bit).
//!
//! The page never shares memory with the engine: it sends commands and reads snapshots, the
//! same way on both paths, so what it shows is always the network of a definite moment.

mod engine;
mod pace;
pub mod protocol;

pub use engine::{new_trainer, Engine, MapSpec, Setup, Status, StepSize, PATIENCE};
pub use pace::{Pace, Speed, TEACHING_DOUBLING_S, TEACHING_KEY, TEACHING_START};
pub use protocol::{Command, HistoryUpdate, Snapshot};
