//! The data set the page shows, made from the settings: the generator of the chosen kind (or
//! the digits' file, fetched the first time they are chosen), seeded by the settings' seed,
//! then split into training, validation and test sets.

mod fetch;

pub use fetch::fetch_digits;

use std::sync::Arc;

use mlp::dataset::digits::DigitsError;
use mlp::{Data, DatasetError, DatasetKind, Params, Shape, Split, Table};
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

/// A data set read from a file, as the page has it.
#[derive(Clone, Debug, Default)]
pub enum Asset {
    /// Not asked for yet.
    #[default]
    Absent,
    /// On its way.
    Loading,
    Ready(Arc<Table>),
    Failed(LoadError),
}

impl PartialEq for Asset {
    /// Two ready assets are the same when they are the same table (it is never changed).
    fn eq(&self, other: &Asset) -> bool {
        match (self, other) {
            (Asset::Ready(a), Asset::Ready(b)) => Arc::ptr_eq(a, b),
            (Asset::Failed(a), Asset::Failed(b)) => a == b,
            (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
        }
    }
}

/// Why a data file could not be had.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The network failed or the server answered with an error (its status, when it gave one).
    Fetch(Option<u16>),
    /// The bytes are not the file's.
    Damaged(DigitsError),
}

/// Why the settings give no data to train on.
#[derive(Clone, Debug, PartialEq)]
pub enum DataError {
    Dataset(DatasetError),
    /// The digits are being fetched.
    Loading,
    Load(LoadError),
}

/// The data of `key`: generated, or for the digits split from their table once `digits` has
/// it. The same key (and table) always gives the same split, with the same RNG draws as a
/// generated set's split.
pub fn make_data(key: DataKey, digits: &Asset) -> Result<Data, DataError> {
    if key.kind.is_generated() {
        return make_split(key).map(Data::Plane).map_err(DataError::Dataset);
    }
    let (lo, hi) = key.kind.classes_range();
    if !(lo..=hi).contains(&key.classes) {
        return Err(DataError::Dataset(DatasetError::Classes { kind: key.kind, classes: key.classes }));
    }
    match digits {
        Asset::Ready(table) => {
            let mut rng = Pcg64::seed_from_u64(key.seed);
            table.split(key.train_frac, key.valid_frac, &mut rng).map(Data::Table).map_err(DataError::Dataset)
        }
        Asset::Absent | Asset::Loading => Err(DataError::Loading),
        Asset::Failed(error) => Err(DataError::Load(error.clone())),
    }
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

    /// Σ of every pixel of the digits' file (0..16 each).
    const INK: u64 = 561_718;

    #[test]
    fn the_digits_split_like_a_generated_set_once_their_file_is_read() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/digits.bin")).expect("the digits' file");
        let table = Arc::new(mlp::dataset::digits::parse(&bytes).expect("the digits"));
        // scikit-learn's load_digits: its class counts and its total ink, so a changed file shows.
        assert_eq!(table.class_counts(), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
        let ink: u64 = bytes.chunks_exact(65).flat_map(|r| &r[..64]).map(|&p| u64::from(p)).sum();
        assert_eq!(ink, INK);
        let digits = DataKey { kind: DatasetKind::Digits, classes: 10, ..key(3) };
        assert_eq!(make_data(digits, &Asset::Loading), Err(DataError::Loading));
        let ready = Asset::Ready(table);
        let data = make_data(digits, &ready).expect("the digits split");
        assert_eq!(data, make_data(digits, &ready).expect("again"));
        let split = data.table().expect("a table");
        assert_eq!((split.train.len(), split.valid.len(), split.test.len()), (1258, 270, 269));
        assert_eq!(split.train.dim, 64);
        let wrong = make_data(DataKey { classes: 3, ..digits }, &ready);
        assert!(matches!(wrong, Err(DataError::Dataset(DatasetError::Classes { classes: 3, .. }))));
    }

    #[test]
    fn moons_refuse_three_classes() {
        let error = make_split(DataKey { classes: 3, ..key(1) }).expect_err("moons have 2 classes");
        assert!(matches!(error, DatasetError::Classes { classes: 3, .. }));
    }
}
