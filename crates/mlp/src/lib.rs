//! The network of IFT3395/IFT6390 *Devoir 2*: one hidden ReLU layer, a softmax output and the
//! negative log-likelihood loss, with its forward pass (a)–(d), its backward pass (g)–(r), the
//! minibatch (matrix) form, a finite-difference gradient check, an SGD trainer and the 2-D data
//! sets the lab trains on.
//!
//! Pure Rust on `nalgebra` (f64) and a seeded RNG: nothing here knows about the browser, so the
//! same code trains in the page and in `cargo test`.

pub mod backward;
pub mod batch;
pub mod dataset;
pub mod features;
pub mod forward;
pub mod gradcheck;
pub mod params;
pub mod train;

pub use backward::{backward, Gradients};
pub use dataset::{Dataset, DatasetError, DatasetKind, Split};
pub use features::{Feature, FeatureError, FeatureSet};
pub use forward::{forward, Forward};
pub use params::{Params, Shape, ShapeError};
pub use train::{Divergence, EpochRecord, SetStats, TrainConfig, TrainError, Trainer};
