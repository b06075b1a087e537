//! The backprop stepper: one example walked through exercises (a)–(r) and the update (f),
//! one equation at a time, with every value on screen.

pub mod content;
pub mod diagram;
pub mod format;
pub mod formula;
pub mod quantity;
pub mod selection;
pub mod snippet;
pub mod steps;
pub mod typed;
pub mod walk;

pub use steps::{Phase, Step};
pub use walk::{Example, ExampleSource, Walk};
