//! Pinned runs: up to [`MAX_PINS`] finished (or paused) runs kept beside the current one, so that
//! a student sees what a setting does by comparing two runs on the same data: their curves
//! overlaid, their decision regions side by side, their final errors.
//!
//! A pin keeps the settings that trained it, its history and its final weights. The link carries
//! the pins' settings, not their weights (parameter [`PINS_PARAM`]): opening it retrains each
//! pin from its settings, which gives the same run bit for bit (the trainer is seeded). So a pin
//! goes into the link only when its run *is* its settings trained from epoch 0 (see
//! [`Origin`]); the page says why another is left out.
//!
//! In the link, a pin is the training settings that differ from the page's, by group, as
//! `key:value` pairs joined by `;`, then `at:` the number of examples it trained on; pins are
//! joined by `|`. For example `pins=lambda:0.01;at:2800|rule:adam;beta:0.9;beta2:0.999;eps:1e-8;at:2800`.
//! Every value is checked by the same rules as the page's own link ([`settings_from_pairs`]).
//!
//! Pins compare runs on the same data: they belong to the data they trained on, and a change of
//! data (data set, points, split, classes, clicked points) unpins them, with a notice.

use crate::settings::Settings;
use crate::url_state::{settings_from_pairs, settings_to_pairs, UrlNotice};
use mlp::{EpochRecord, Mistakes, Params};

/// The most runs a page keeps pinned.
pub const MAX_PINS: usize = 4;
/// The pins' names, in order.
pub const LETTERS: [char; MAX_PINS] = ['A', 'B', 'C', 'D'];
/// The link's parameter of the pins.
pub const PINS_PARAM: &str = "pins";
/// The most examples a pin of a link may ask to retrain (a long run of the digits).
pub const MAX_EXAMPLES: usize = 50_000_000;
/// The key of a pin's number of examples in the link.
const AT: &str = "at";
/// The key of a pin's mistakes in the link (the page's own parameter is `mistakes` too).
const MISTAKES: &str = "mistakes";

/// The settings a pin may differ in from the page: what the network is and how it trains, in
/// groups that are written whole (the penalty is `lambda` or its four coefficients, the rule its
/// name and coefficients). The data and the pace are the page's.
pub const GROUPS: [&[&str]; 7] = [
    &["features"],
    &["dh"],
    &["lambda", "l11", "l12", "l21", "l22"],
    &["eta"],
    &["k"],
    &["init"],
    &["rule", "beta", "beta2", "eps"],
];

/// What trains a pinned run: its settings (the page's data with its own network and training
/// settings), its mistakes and how many examples it trained on.
#[derive(Clone, Debug, PartialEq)]
pub struct PinSpec {
    pub settings: Settings,
    pub mistakes: Mistakes,
    pub examples: usize,
}

/// Whether a run is its settings trained from epoch 0 (and so can be retrained from a link).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Yes: trained from its seeded initial weights with its settings throughout.
    Settings,
    /// Its weights were loaded from a file.
    LoadedWeights,
    /// A setting changed after training began.
    EditedSettings,
    /// The best validation weights were put back.
    BestRestored,
    /// It took steps of one example while K > 1.
    ExampleSteps,
}

impl Origin {
    /// The origin of the lab's current run: `loaded` when its initial weights came from a file.
    pub fn of(edited: Option<crate::lab::RunEdit>, loaded: bool) -> Origin {
        use crate::lab::RunEdit;
        match (loaded, edited) {
            (true, _) => Origin::LoadedWeights,
            (false, None) => Origin::Settings,
            (false, Some(RunEdit::Settings)) => Origin::EditedSettings,
            (false, Some(RunEdit::BestRestored)) => Origin::BestRestored,
            (false, Some(RunEdit::ExampleSteps)) => Origin::ExampleSteps,
        }
    }
}

/// A pinned run.
#[derive(Clone, Debug, PartialEq)]
pub struct Pin {
    /// Its name, one of [`LETTERS`], kept while it is pinned.
    pub letter: char,
    pub spec: PinSpec,
    pub origin: Origin,
    pub run: PinRun,
}

/// A pin's run: trained, or being retrained from a link.
#[derive(Clone, Debug, PartialEq)]
pub enum PinRun {
    /// Being retrained: the examples trained so far.
    Training { done: usize },
    Ready { history: Vec<EpochRecord>, params: Params },
    /// It could not be retrained (its settings give no network or no training set here, or
    /// its worker stopped answering); the page says so.
    Failed,
}

impl Pin {
    /// The pin's history, once trained.
    pub fn history(&self) -> &[EpochRecord] {
        match &self.run {
            PinRun::Ready { history, .. } => history,
            _ => &[],
        }
    }

    pub fn params(&self) -> Option<&Params> {
        match &self.run {
            PinRun::Ready { params, .. } => Some(params),
            _ => None,
        }
    }

    /// The last record of its history.
    pub fn last(&self) -> Option<&EpochRecord> {
        self.history().last()
    }

    /// Whether the link carries it.
    pub fn in_link(&self) -> bool {
        self.origin == Origin::Settings && !matches!(self.run, PinRun::Failed)
    }
}

/// The pairs of `pairs` whose keys are in `group`, in their order.
fn group_pairs<'p>(pairs: &'p [(&'static str, String)], group: &[&str]) -> Vec<&'p (&'static str, String)> {
    pairs.iter().filter(|(key, _)| group.contains(key)).collect()
}

/// One setting that differs between a pin and the page: the pin's pairs of a group, and the
/// page's.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// The group's place in [`GROUPS`] ([`GROUPS`]`.len()` for the mistakes).
    pub group: usize,
    pub pinned: Vec<(&'static str, String)>,
    pub current: Vec<(&'static str, String)>,
}

/// What differs between `pin` and the page's settings and mistakes, group by group (the
/// mistakes last, with the key `mistakes`).
pub fn differences(pin: &PinSpec, settings: &Settings, mistakes: Mistakes) -> Vec<Difference> {
    let (a, b) = (settings_to_pairs(&pin.settings), settings_to_pairs(settings));
    let mut out: Vec<Difference> = GROUPS
        .iter()
        .enumerate()
        .filter_map(|(index, group)| {
            let (pinned, current) = (group_pairs(&a, group), group_pairs(&b, group));
            (pinned != current).then(|| Difference { group: index, pinned: pinned.into_iter().cloned().collect(), current: current.into_iter().cloned().collect() })
        })
        .collect();
    if pin.mistakes != mistakes {
        out.push(Difference { group: GROUPS.len(), pinned: vec![(MISTAKES, pin.mistakes.to_keys())], current: vec![(MISTAKES, mistakes.to_keys())] });
    }
    out
}

/// A pin as the link writes it (see the module's docs), against the page's settings and
/// mistakes.
pub fn encode(pin: &PinSpec, settings: &Settings, mistakes: Mistakes) -> String {
    let pairs = differences(pin, settings, mistakes).into_iter().flat_map(|d| d.pinned);
    let at = std::iter::once((AT, pin.examples.to_string()));
    pairs.chain(at).map(|(key, value)| format!("{key}:{value}")).collect::<Vec<_>>().join(";")
}

/// The link's value of the pins that go in it, or `None` when none does.
pub fn encode_all(pins: &[Pin], settings: &Settings, mistakes: Mistakes) -> Option<String> {
    let written: Vec<String> = pins.iter().filter(|p| p.in_link()).map(|p| encode(&p.spec, settings, mistakes)).collect();
    (!written.is_empty()).then(|| written.join("|"))
}

/// Why a pin of the link was left out.
#[derive(Clone, Debug, PartialEq)]
pub enum PinProblem {
    /// A pair is not `key:value`, or its key is not a pin's (e.g. a data setting).
    Key(String),
    /// `at` is missing, or not a whole number from 1 to [`MAX_EXAMPLES`].
    Examples(String),
    /// The mistakes' keys are unknown.
    Mistakes(String),
    /// A value was refused by its setting's rule.
    Setting(UrlNotice),
    /// More than [`MAX_PINS`] pins.
    TooMany,
}

/// The pins of the link's value `text`, each from the page's `settings` and `mistakes` with its
/// own pairs, and the problem of each pin left out (with its place in the link, from 0). Never
/// panics.
pub fn decode(text: &str, settings: &Settings, mistakes: Mistakes) -> (Vec<PinSpec>, Vec<(usize, PinProblem)>) {
    let mut specs = Vec::new();
    let mut problems = Vec::new();
    for (i, part) in text.split('|').filter(|p| !p.trim().is_empty()).enumerate() {
        if specs.len() == MAX_PINS {
            problems.push((i, PinProblem::TooMany));
            continue;
        }
        match decode_one(part, settings, mistakes) {
            Ok(spec) => specs.push(spec),
            Err(problem) => problems.push((i, problem)),
        }
    }
    (specs, problems)
}

/// One pin of the link.
fn decode_one(text: &str, settings: &Settings, mistakes: Mistakes) -> Result<PinSpec, PinProblem> {
    let mut pairs: Vec<(String, String)> = settings_to_pairs(settings).into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    let mut examples = None;
    let mut pin_mistakes = mistakes;
    // The groups the pin gives: the page's pairs of each are replaced by the pin's.
    let mut replaced: Vec<usize> = Vec::new();
    for pair in text.split(';').filter(|p| !p.trim().is_empty()) {
        let Some((key, value)) = pair.split_once(':') else { return Err(PinProblem::Key(pair.to_owned())) };
        let (key, value) = (key.trim(), value.trim());
        if key == AT {
            examples = value.parse::<usize>().ok().filter(|n| (1..=MAX_EXAMPLES).contains(n));
            if examples.is_none() {
                return Err(PinProblem::Examples(value.to_owned()));
            }
            continue;
        }
        if key == MISTAKES {
            pin_mistakes = Mistakes::parse_keys(value).map_err(|_| PinProblem::Mistakes(value.to_owned()))?;
            continue;
        }
        let Some(group) = GROUPS.iter().position(|g| g.contains(&key)) else { return Err(PinProblem::Key(key.to_owned())) };
        if !replaced.contains(&group) {
            replaced.push(group);
            pairs.retain(|(k, _)| !GROUPS[group].contains(&k.as_str()));
        }
        pairs.push((key.to_owned(), value.to_owned()));
    }
    let examples = examples.ok_or_else(|| PinProblem::Examples(String::new()))?;
    let (pinned, notices) = settings_from_pairs(&pairs);
    if let Some(notice) = notices.into_iter().next() {
        return Err(PinProblem::Setting(notice));
    }
    Ok(PinSpec { settings: pinned, mistakes: pin_mistakes, examples })
}

#[cfg(test)]
mod tests;
