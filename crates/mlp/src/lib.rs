//! The network of IFT3395/IFT6390 *Devoir 2*: one hidden ReLU layer, a softmax output and the
//! negative log-likelihood loss, with its forward pass (a)–(d), its backward pass (g)–(r), the
//! minibatch (matrix) form, a finite-difference gradient check, an SGD trainer and the 2-D data
//! sets the lab trains on; the course's common mistakes as switches ([`mistakes`]), and a worked
//! case read from and written to JSON ([`case`]).
//!
//! Pure Rust on `nalgebra` (f64) and a seeded RNG: nothing here knows about the browser, so the
//! same code trains in the page and in `cargo test`.
//!
//! The hot paths have their own layouts: the trainer's SGD steps ([`train::StepKernel`]), the
//! evaluation blocks of [`batch::Workspace`] and the decision map ([`map::DecisionMap`]) run
//! their inner loops over two f64 or four f32 lanes (`lanes.rs`, WebAssembly `simd128` in the
//! page) and allocate nothing after they are built.

pub mod backward;
pub mod batch;
pub mod case;
pub mod dataset;
pub mod features;
pub mod forward;
pub mod gradcheck;
pub mod homework;
pub mod json;
mod lanes;
pub mod map;
pub mod mistakes;
pub mod params;
pub mod penalty;
pub mod rule;
pub mod sgd;
pub mod train;

pub use backward::{backward, backward_with, Gradients};
pub use case::{export_case, export_params, parse_case, parse_params, Case, CaseError};
pub use dataset::{Data, Dataset, DatasetError, DatasetKind, Part, Split, Table};
pub use features::{Feature, FeatureError, FeatureSet};
pub use forward::{forward, forward_with, Forward};
pub use gradcheck::{gradient_check, gradient_check_with, update_check, GradCheck, UpdateCheck};
pub use mistakes::{Mistake, Mistakes};
pub use params::{Params, Shape, ShapeError};
pub use penalty::{Coefficient, LayerPenalty, Penalty};
pub use rule::{RuleError, RuleState, UpdateRule};
pub use sgd::sgd_update;
pub use train::{Divergence, EpochRecord, SetStats, TrainConfig, TrainError, Trainer, WeightStats};
