//! The data set the page shows, made from the settings: the generator of the chosen kind (or
//! the digits' file, fetched the first time they are chosen, or the student's own CSV file),
//! seeded by the settings' seed, then split into training, validation and test sets.

mod fetch;
pub mod own;
pub mod projection;

pub use fetch::fetch_digits;
pub use own::OwnFile;

use std::sync::Arc;

use mlp::dataset::digits::DigitsError;
use crate::settings::FileSettings;
use mlp::dataset::Standardization;
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
    /// The student's file and how it is read (the default for every other set).
    pub file: FileSettings,
}

impl DataKey {
    /// The data settings of `s`; a file's only while the file is the data set.
    pub fn of(s: &crate::settings::Settings) -> DataKey {
        DataKey {
            kind: s.dataset,
            n: s.n,
            noise: s.noise,
            classes: s.m,
            seed: s.seed,
            train_frac: s.train_frac,
            valid_frac: s.valid_frac,
            file: if s.dataset == DatasetKind::Csv { s.file } else { FileSettings::default() },
        }
    }
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
    /// "Your own CSV file" is chosen and the page has not got it: none was opened yet, or the
    /// link names one by its hash (`Some`) that is not open.
    NeedFile(Option<[u8; 32]>),
    /// A class of the file has no row in the training set (too few rows of it, or too small a
    /// training fraction): the network could not learn it.
    NoTrainingExample { class: String, rows: usize },
}

/// The data of `key`: generated, or for the digits split from their table once `digits` has
/// it, or for a CSV file split from `file` when it is the one the settings name. The same key
/// (and table) always gives the same split, with the same RNG draws as a generated set's split.
pub fn make_data(key: DataKey, digits: &Asset, file: Option<&OwnFile>) -> Result<Data, DataError> {
    if key.kind.is_generated() {
        return make_split(key).map(Data::Plane).map_err(DataError::Dataset);
    }
    let (lo, hi) = key.kind.classes_range();
    if !(lo..=hi).contains(&key.classes) {
        return Err(DataError::Dataset(DatasetError::Classes { kind: key.kind, classes: key.classes }));
    }
    if key.kind == DatasetKind::Csv {
        return match file.filter(|f| key.file.sha256 == Some(f.sha256)) {
            Some(file) => split_file(key, file),
            None => Err(DataError::NeedFile(key.file.sha256)),
        };
    }
    match digits {
        Asset::Ready(table) => split_table(key, table).map(Data::Table),
        Asset::Absent | Asset::Loading => Err(DataError::Loading),
        Asset::Failed(error) => Err(DataError::Load(error.clone())),
    }
}

/// A table split as a generated set is (the same RNG draws from the seed).
fn split_table(key: DataKey, table: &Table) -> Result<Split<Table>, DataError> {
    let mut rng = Pcg64::seed_from_u64(key.seed);
    table.split(key.train_frac, key.valid_frac, &mut rng).map_err(DataError::Dataset)
}

/// A file's table split, refused when a class has no training row, standardized when the
/// settings say so, and as 2-D points when it has two inputs.
fn split_file(key: DataKey, file: &OwnFile) -> Result<Data, DataError> {
    let table = &file.data.table;
    if table.classes != key.classes {
        return Err(DataError::Dataset(DatasetError::Classes { kind: key.kind, classes: key.classes }));
    }
    let split = split_table(key, table)?;
    if let Some(class) = split.train.class_counts().iter().position(|&count| count == 0) {
        let name = file.data.class_names.get(class).cloned().unwrap_or_else(|| class.to_string());
        return Err(DataError::NoTrainingExample { class: name, rows: table.class_counts()[class] });
    }
    let split = if key.file.standardize { Standardization::split(&split).0 } else { split };
    Ok(match split.train.dim {
        2 => Data::Plane(split.map(|part| part.points().unwrap_or_default())),
        _ => Data::Table(split),
    })
}

/// The standardization a file's data get under `key` (each input's training mean and
/// deviation), to be shown; `None` when it is off or the file cannot be split.
pub fn file_standardization(key: DataKey, file: &OwnFile) -> Option<Standardization> {
    let split = split_table(key, &file.data.table).ok()?;
    key.file.standardize.then(|| Standardization::of(&split.train))
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
        DataKey { kind: DatasetKind::Moons, n: 200, noise: 0.1, classes: 2, seed, train_frac: 0.7, valid_frac: 0.15, file: Default::default() }
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
        assert_eq!(make_data(digits, &Asset::Loading, None), Err(DataError::Loading));
        let ready = Asset::Ready(table);
        let data = make_data(digits, &ready, None).expect("the digits split");
        assert_eq!(data, make_data(digits, &ready, None).expect("again"));
        let split = data.table().expect("a table");
        assert_eq!((split.train.len(), split.valid.len(), split.test.len()), (1258, 270, 269));
        assert_eq!(split.train.dim, 64);
        let wrong = make_data(DataKey { classes: 3, ..digits }, &ready, None);
        assert!(matches!(wrong, Err(DataError::Dataset(DatasetError::Classes { classes: 3, .. }))));
    }

    fn fixture(name: &str) -> OwnFile {
        let path = format!("{}/tests/fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(path).expect("the fixture");
        OwnFile::read(name, &bytes, None).expect("a clean file")
    }

    fn csv_key(file: &OwnFile, standardize: bool) -> DataKey {
        let f = FileSettings { sha256: Some(file.sha256), inputs: file.data.table.dim, label: Some(file.data.label_column), standardize };
        DataKey { kind: DatasetKind::Csv, classes: file.data.table.classes, file: f, ..key(5) }
    }

    #[test]
    fn a_file_is_split_standardized_on_its_training_rows_and_asked_for_when_absent() {
        let wine = fixture("wine.csv");
        let key = csv_key(&wine, true);
        assert_eq!(make_data(key, &Asset::Absent, None), Err(DataError::NeedFile(Some(wine.sha256))));
        let iris = fixture("iris.csv");
        assert_eq!(make_data(key, &Asset::Absent, Some(&iris)), Err(DataError::NeedFile(Some(wine.sha256))), "another file");
        let data = make_data(key, &Asset::Absent, Some(&wine)).expect("the wine split");
        let split = data.table().expect("13 inputs make a table");
        assert_eq!((split.train.len(), split.valid.len(), split.test.len()), (125, 27, 26));
        // z-scores of the training rows: mean 0 and deviation 1 in every column; not the others'.
        let z = Standardization::of(&split.train);
        assert!(z.mean.iter().all(|m| m.abs() < 1e-12), "{:?}", z.mean);
        assert!(z.std.iter().all(|s| (s - 1.0).abs() < 1e-12), "{:?}", z.std);
        assert!(Standardization::of(&split.test).mean.iter().any(|m| m.abs() > 1e-3));
        // Off: the file's values as they are (proline is in the hundreds), the same rows.
        let raw = make_data(csv_key(&wine, false), &Asset::Absent, Some(&wine)).expect("raw");
        let raw = raw.table().expect("a table");
        assert_eq!(raw.train.labels, split.train.labels);
        let shown = file_standardization(key, &wine).expect("on");
        assert!(shown.mean[12] > 500.0, "proline's mean {}", shown.mean[12]);
        for (r, z_row) in (0..raw.train.len()).map(|i| (raw.train.row(i).unwrap(), split.train.row(i).unwrap())) {
            assert!((((r[12] - shown.mean[12]) / shown.std[12]) - z_row[12]).abs() < 1e-9);
        }
        assert_eq!(file_standardization(csv_key(&wine, false), &wine), None);
    }

    #[test]
    fn a_file_of_two_inputs_is_points_of_the_plane() {
        let file = fixture("strings.csv");
        let mut text = String::from("x,y,label\n");
        for i in 0..40 {
            text += &format!("{},{},{}\n", i as f64 / 10.0, (i % 7) as f64, ["a", "b"][i % 2]);
        }
        let file = OwnFile::read("plane.csv", text.as_bytes(), None).unwrap_or(file);
        let data = make_data(csv_key(&file, true), &Asset::Absent, Some(&file)).expect("a split");
        let plane = data.plane().expect("two inputs are points");
        assert_eq!(plane.train.len() + plane.valid.len() + plane.test.len(), 40);
        assert_eq!(plane.train.classes, 2);
        let mean: f64 = plane.train.points.iter().map(|p| p[0]).sum::<f64>() / plane.train.len() as f64;
        assert!(mean.abs() < 1e-12, "standardized x₁: {mean}");
    }

    #[test]
    fn a_class_without_training_rows_is_named() {
        // One "rare" row among 30: with 5 % of the rows for training, it is not among them.
        let mut text = String::new();
        for i in 0..30 {
            text += &format!("{i},{},{}\n", i * 2, if i == 17 { "rare" } else { ["a", "b"][i % 2] });
        }
        let file = OwnFile::read("rare.csv", text.as_bytes(), None).expect("three classes");
        let key = DataKey { train_frac: 0.05, valid_frac: 0.0, ..csv_key(&file, true) };
        let error = make_data(key, &Asset::Absent, Some(&file)).expect_err("a class has no training row");
        let missing = (0..3).map(|c| file.data.class_names[c].clone()).collect::<Vec<_>>();
        match error {
            DataError::NoTrainingExample { class, rows } => {
                assert!(missing.contains(&class));
                assert_eq!(rows, if class == "rare" { 1 } else { 15 - usize::from(class == "b") });
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn moons_refuse_three_classes() {
        let error = make_split(DataKey { classes: 3, ..key(1) }).expect_err("moons have 2 classes");
        assert!(matches!(error, DatasetError::Classes { classes: 3, .. }));
    }
}
