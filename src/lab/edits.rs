//! Points the teacher adds or removes by clicking the plot, replayed on top of the generated
//! data set: the edits are kept as a list, so the data shown is always "the generated split,
//! then these edits", and new data (another key) starts with none.

use crate::data::DataKey;
use mlp::dataset::VIEW;
use mlp::{Dataset, Split};

/// One change to the data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Edit {
    /// A training point of this class at this place.
    Add([f64; 2], usize),
    /// The point nearest to this place, whichever set it is in.
    Remove([f64; 2]),
    /// Every point of every set.
    Clear,
}

/// The edits of the data set generated from `key`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edits {
    pub key: Option<DataKey>,
    pub list: Vec<Edit>,
}

impl Edits {
    /// Adds `edit`, forgetting edits made to other data.
    pub fn push(&mut self, key: DataKey, edit: Edit) {
        if self.key != Some(key) {
            self.key = Some(key);
            self.list.clear();
        }
        self.list.push(edit);
    }

    /// `split` with the edits applied, if they were made to the data of `key`.
    pub fn apply(&self, key: DataKey, split: &Split) -> Split {
        let mut out = split.clone();
        if self.key != Some(key) {
            return out;
        }
        for edit in &self.list {
            match *edit {
                // The class menu offers 0..m, but a link can say any class up to 7: one the
                // data set does not have is skipped (the trainer would refuse the whole split).
                Edit::Add(p, class) if class < key.classes => {
                    let _ = out.train.push(p, class);
                }
                Edit::Add(..) => {}
                Edit::Remove(p) => remove_nearest(&mut out, p),
                Edit::Clear => {
                    for set in [&mut out.train, &mut out.valid, &mut out.test] {
                        set.points.clear();
                        set.labels.clear();
                    }
                }
            }
        }
        out
    }
}

/// Clicked coordinates are rounded to this many decimals, so that the link (which carries
/// them as text) reproduces the data exactly.
const DECIMALS: i32 = 4;

/// `v` rounded as the link writes it.
pub fn round_for_link(v: f64) -> f64 {
    let scale = 10f64.powi(DECIMALS);
    (v * scale).round() / scale
}

impl Edit {
    /// The edit as it appears in the `edits` URL parameter: `a1.25,-0.5,2` (add x₁, x₂,
    /// class), `r0.1,0.2` (remove near), `c` (clear).
    fn to_link(self) -> String {
        match self {
            Edit::Add([x1, x2], class) => format!("a{x1},{x2},{class}"),
            Edit::Remove([x1, x2]) => format!("r{x1},{x2}"),
            Edit::Clear => "c".into(),
        }
    }

    fn from_link(text: &str) -> Option<Edit> {
        // Only a place on the plot, [−VIEW, VIEW]², as a click or a typed point gives: a far
        // point (1e200) would make its squared features infinite and the trainer refuse the data.
        let number = |s: &str| s.parse::<f64>().ok().filter(|v| v.abs() <= VIEW);
        let (kind, rest) = text.split_at_checked(1)?;
        let parts: Vec<&str> = rest.split(',').collect();
        match (kind, parts.as_slice()) {
            ("a", [x1, x2, class]) => Some(Edit::Add([number(x1)?, number(x2)?], class.parse().ok().filter(|k| *k < 8)?)),
            ("r", [x1, x2]) => Some(Edit::Remove([number(x1)?, number(x2)?])),
            ("c", [""]) => Some(Edit::Clear),
            _ => None,
        }
    }
}

impl Edits {
    /// The `edits` URL parameter: the edits separated by `;` (empty when there are none).
    pub fn to_link(&self) -> String {
        self.list.iter().map(|e| e.to_link()).collect::<Vec<_>>().join(";")
    }

    /// The edits of a link, for the data of `key`; `None` when any part is malformed (a point
    /// off the plot included).
    pub fn from_link(text: &str, key: DataKey) -> Option<Edits> {
        let list = text.split(';').filter(|p| !p.is_empty()).map(Edit::from_link).collect::<Option<Vec<_>>>()?;
        Some(Edits { key: Some(key), list })
    }
}

/// Removes the point nearest to `p` among the three sets.
fn remove_nearest(split: &mut Split, p: [f64; 2]) {
    let distance = |set: &Dataset| {
        set.points.iter().map(|q| (q[0] - p[0]).hypot(q[1] - p[1])).fold(f64::INFINITY, f64::min)
    };
    let sets = [&mut split.train, &mut split.valid, &mut split.test];
    let nearest = sets.into_iter().min_by(|a, b| distance(a).total_cmp(&distance(b)));
    if let Some(set) = nearest {
        set.remove_nearest(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::make_split;
    use mlp::DatasetKind;

    fn key(seed: u64) -> DataKey {
        DataKey { kind: DatasetKind::Blobs, n: 60, noise: 0.1, classes: 3, seed, train_frac: 0.7, valid_frac: 0.15, file: Default::default() }
    }

    #[test]
    fn edits_replay_on_the_data_they_were_made_for() {
        let split = make_split(key(1)).expect("blobs");
        let mut edits = Edits::default();
        edits.push(key(1), Edit::Add([0.0, 0.0], 2));
        let edited = edits.apply(key(1), &split);
        assert_eq!(edited.train.len(), split.train.len() + 1);
        assert_eq!(edited.train.labels.last(), Some(&2));
        // Other data: no edits.
        assert_eq!(edits.apply(key(2), &split), split);
        // Removing where the point was added takes it away again.
        edits.push(key(1), Edit::Remove([0.0, 0.0]));
        assert_eq!(edits.apply(key(1), &split), split);
        edits.push(key(1), Edit::Clear);
        let cleared = edits.apply(key(1), &split);
        assert_eq!(cleared.train.len() + cleared.valid.len() + cleared.test.len(), 0);
        // A new data set forgets the old edits.
        edits.push(key(2), Edit::Add([1.0, 1.0], 0));
        assert_eq!(edits.list.len(), 1);
    }

    /// Found by `tests/parsers.rs`: `?data=moons&edits=a0,0,3` added a point of class 3 to two
    /// moons (m = 2), and the trainer then refused the whole data: the page could not train.
    #[test]
    fn a_linked_class_the_data_set_lacks_is_skipped() {
        let moons = DataKey { kind: DatasetKind::Moons, classes: 2, ..key(1) };
        let split = make_split(moons).expect("moons");
        let edits = Edits::from_link("a0,0,3;a0,0,1", moons).expect("well formed");
        let edited = edits.apply(moons, &split);
        assert_eq!(edited.train.len(), split.train.len() + 1);
        assert!(edited.train.labels.iter().all(|&y| y < 2));
    }

    /// Found by `tests/parsers.rs`: `?edits=a1e200,1e200,0` with the feature x1² gave an
    /// infinite input, and the trainer refused the whole data.
    #[test]
    fn a_linked_point_off_the_plot_is_refused() {
        assert_eq!(Edits::from_link("a1e200,1e200,0", key(1)), None);
        assert_eq!(Edits::from_link("r-2.6,0", key(1)), None);
        assert!(Edits::from_link("a2.5,-2.5,0;r-2.5,2.5", key(1)).is_some());
    }

    #[test]
    fn edits_travel_in_a_link() {
        let mut edits = Edits::default();
        for edit in [Edit::Add([round_for_link(0.123456), -1.5], 2), Edit::Remove([0.25, round_for_link(-2.0 / 3.0)]), Edit::Clear] {
            edits.push(key(1), edit);
        }
        let link = edits.to_link();
        assert_eq!(link, "a0.1235,-1.5,2;r0.25,-0.6667;c");
        assert_eq!(Edits::from_link(&link, key(1)), Some(edits));
        assert_eq!(Edits::from_link("", key(1)).map(|e| e.list.len()), Some(0));
        for bad in ["x1,2", "a1,2", "a1,2,9", "rNaN,0", "c3", "a1,2,3,4"] {
            assert_eq!(Edits::from_link(bad, key(1)), None, "{bad}");
        }
    }
}
