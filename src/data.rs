//! The data set the page shows, made from the settings: the generator of the chosen kind,
//! seeded by the settings' seed, then split into training, validation and test sets.

use mlp::{DatasetError, DatasetKind, Params, Shape, Split};
use rand::SeedableRng;
use rand_pcg::Pcg64;

/// The settings that determine the data (and nothing else), so that changing d_h or λ does
/// not regenerate it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DataKey {
    pub kind: DatasetKind,
    pub n: usize,
    pub noise: f64,
    pub classes: usize,
    pub seed: u64,
    pub train_frac: f64,
    pub valid_frac: f64,
}

/// Generates and splits the data set; the same key always gives the same split.
pub fn make_split(key: DataKey) -> Result<Split, DatasetError> {
    let mut rng = Pcg64::seed_from_u64(key.seed);
    let data = key.kind.generate(key.n, key.noise, key.classes, &mut rng)?;
    data.split(key.train_frac, key.valid_frac, &mut rng)
}

/// Mixed into the seed for the weights, so that data and weights come from different streams
/// of the same seed.
const WEIGHTS_STREAM: u64 = 0x5745_4947_4854_5321;

/// The network's initial parameters for `shape`, from the settings' seed (biases 0, weights
/// uniform in ±1/√n_c as the course says).
/// `init` counts re-initializations: each gives other weights from the same seed.
pub fn initial_params(shape: Shape, seed: u64, init: u64) -> Params {
    let stream = seed ^ WEIGHTS_STREAM ^ init.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    Params::init(shape, &mut Pcg64::seed_from_u64(stream))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u64) -> DataKey {
        DataKey { kind: DatasetKind::Moons, n: 200, noise: 0.1, classes: 2, seed, train_frac: 0.7, valid_frac: 0.15 }
    }

    #[test]
    fn same_key_same_split_and_fractions_respected() {
        let a = make_split(key(7)).expect("moons with 2 classes");
        assert_eq!(a, make_split(key(7)).expect("moons with 2 classes"));
        assert_ne!(a, make_split(key(8)).expect("moons with 2 classes"));
        assert_eq!(a.train.len() + a.valid.len() + a.test.len(), 200);
        assert_eq!(a.train.len(), 140);
        assert_eq!(a.valid.len(), 30);
    }

    #[test]
    fn moons_refuse_three_classes() {
        let error = make_split(DataKey { classes: 3, ..key(1) }).expect_err("moons have 2 classes");
        assert!(matches!(error, DatasetError::Classes { classes: 3, .. }));
    }
}
