//! Presenter mode and hide flags: what a link asks the page to look like when it is projected.
//!
//! `present=1` switches to larger type and thicker lines; `hide=settings,curves,…` hides parts
//! of the page, so that a teacher can share a focused view ("only the stepper", "only d_h and
//! the decision regions"). Both are classes on the root element (`present`, `hide-<key>`);
//! `style/presenter.css` maps each [`Part`] to its elements, so hiding needs nothing from the
//! components and survives their re-rendering. Hidden parts still answer the keyboard
//! shortcuts: a teacher can hide the player and still start training with Space.

/// The `present` URL parameter (`1` = presenter mode).
pub const PRESENT_PARAM: &str = "present";
/// The `hide` URL parameter: comma-separated [`Part::key`]s.
pub const HIDE_PARAM: &str = "hide";
/// The `view` URL parameter: a [`Layout::key`].
pub const LAYOUT_PARAM: &str = "view";

/// How the page lays out its parts. `All` is the long page (every panel, one under the
/// other); each other layout fits one screen (1280×720 and up) with what one moment of a
/// lesson needs. On a phone the page is always the long one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Layout {
    #[default]
    All,
    /// The decision regions as large as the height allows, the player, the status and the
    /// curves side by side; the settings in a drawer.
    Lab,
    /// The current step card and the network diagram, with one row of step buttons.
    Step,
    /// The gradient check's verdict and its worst entries.
    Check,
}

impl Layout {
    /// In the order the header's buttons and the keys 0–3 give them.
    pub const ALL: [Layout; 4] = [Layout::All, Layout::Lab, Layout::Step, Layout::Check];

    pub fn key(self) -> &'static str {
        match self {
            Layout::All => "all",
            Layout::Lab => "lab",
            Layout::Step => "step",
            Layout::Check => "check",
        }
    }

    pub fn from_key(key: &str) -> Option<Layout> {
        let key = key.trim().to_ascii_lowercase();
        Layout::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The class the root element carries in this layout (`All` has none).
    pub fn class(self) -> Option<String> {
        (self != Layout::All).then(|| format!("layout-{}", self.key()))
    }
}

/// How much larger the canvases draw their text, lines, marks and margins in presenter mode,
/// on canvases of the same size.
pub const CANVAS_ZOOM: f64 = 1.3;

/// How [`Part`]s are grouped in the "focused view" dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Whole panels and sections of the page.
    Panels,
    /// The settings' fields, one by one.
    Fields,
    /// The player's controls.
    Player,
    /// The parts of the stepper.
    Stepper,
}

impl Group {
    pub const ALL: [Group; 4] = [Group::Panels, Group::Fields, Group::Player, Group::Stepper];
}

macro_rules! parts {
    ($($name:ident => $key:literal, $group:ident;)+) => {
        /// A part of the page a link can hide. The key is what the `hide` parameter lists;
        /// keys are stable (links in course notes depend on them).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Part { $($name),+ }

        impl Part {
            /// Every part, in the order the dialog lists them and links write them.
            pub const ALL: &'static [Part] = &[$(Part::$name),+];

            pub fn key(self) -> &'static str {
                match self { $(Part::$name => $key),+ }
            }

            pub fn group(self) -> Group {
                match self { $(Part::$name => Group::$group),+ }
            }
        }
    };
}

parts! {
    Header => "header", Panels;
    Settings => "settings", Panels;
    DataSettings => "data-settings", Panels;
    NetworkSettings => "network-settings", Panels;
    Plot => "plot", Panels;
    ClickTools => "clicks", Panels;
    Lab => "lab", Panels;
    Curves => "curves", Panels;
    RunLink => "link", Panels;
    Stepper => "stepper", Panels;
    Footer => "footer", Panels;
    Dataset => "data", Fields;
    Points => "n", Fields;
    Noise => "noise", Fields;
    Seed => "seed", Fields;
    Classes => "m", Fields;
    TrainFraction => "train", Fields;
    ValidFraction => "valid", Fields;
    Features => "features", Fields;
    HiddenUnits => "dh", Fields;
    Lambda => "lambda", Fields;
    LearningRate => "eta", Fields;
    BatchSize => "k", Fields;
    PlayButton => "play", Player;
    StepButtons => "steps", Player;
    ResetButton => "reset", Player;
    NewDataButtons => "new-data", Player;
    Speed => "speed", Player;
    EarlyStopping => "early-stop", Player;
    Status => "status", Player;
    Example => "example", Stepper;
    Navigation => "nav", Stepper;
    Diagram => "diagram", Stepper;
    Check => "check", Stepper;
    Mistakes => "mistakes", Stepper;
    Case => "case", Stepper;
}

impl Part {
    pub fn from_key(key: &str) -> Option<Part> {
        let key = key.trim().to_ascii_lowercase();
        Part::ALL.iter().copied().find(|part| part.key() == key)
    }

    /// The class the root element carries while this part is hidden.
    pub fn class(self) -> String {
        format!("hide-{}", self.key())
    }
}

/// What a link asks for: presenter mode, the hidden parts, and the keys of `hide` that name
/// no part (the page says it ignored them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    pub present: bool,
    /// Sorted, without repeats.
    pub hidden: Vec<Part>,
    pub layout: Layout,
}

/// What a link asked for that the page does not have, to be reported (and ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unknown {
    /// Keys of `hide` that name no part, as written.
    pub parts: Vec<String>,
    /// A `view` that names no layout, as written.
    pub layout: Option<String>,
}

impl Unknown {
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty() && self.layout.is_none()
    }
}

impl View {
    /// Reads the `present`, `hide` and `view` values of a link (any may be absent). Returns
    /// the view and what was not understood, as written. Never fails: anything that is not
    /// understood is left out and reported.
    pub fn from_params(present: Option<&str>, hide: Option<&str>, layout: Option<&str>) -> (View, Unknown) {
        let present = matches!(present.map(|p| p.trim().to_ascii_lowercase()).as_deref(), Some("1" | "true" | "yes" | "on" | ""));
        let mut hidden = Vec::new();
        let mut unknown = Vec::new();
        for key in hide.unwrap_or("").split(',').map(str::trim).filter(|k| !k.is_empty()) {
            match Part::from_key(key) {
                Some(part) => hidden.push(part),
                None => unknown.push(key.to_owned()),
            }
        }
        hidden.sort();
        hidden.dedup();
        let (layout, unknown_layout) = match layout.map(str::trim).filter(|l| !l.is_empty()) {
            None => (Layout::All, None),
            Some(key) => match Layout::from_key(key) {
                Some(layout) => (layout, None),
                None => (Layout::All, Some(key.to_owned())),
            },
        };
        (View { present, hidden, layout }, Unknown { parts: unknown, layout: unknown_layout })
    }

    /// The `view` parameter's value, or `None` for the long page.
    pub fn layout_param(&self) -> Option<&'static str> {
        (self.layout != Layout::All).then(|| self.layout.key())
    }

    /// The `hide` parameter's value, or `None` when nothing is hidden.
    pub fn hide_param(&self) -> Option<String> {
        (!self.hidden.is_empty()).then(|| self.hidden.iter().map(|p| p.key()).collect::<Vec<_>>().join(","))
    }

    pub fn is_hidden(&self, part: Part) -> bool {
        self.hidden.contains(&part)
    }

    /// Hides `part`, or shows it again.
    pub fn set_hidden(&mut self, part: Part, hide: bool) {
        self.hidden.retain(|&p| p != part);
        if hide {
            self.hidden.push(part);
            self.hidden.sort();
        }
    }

    /// The root element's classes for this view.
    pub fn classes(&self) -> Vec<String> {
        let present = self.present.then(|| "present".to_owned());
        present.into_iter().chain(self.layout.class()).chain(self.hidden.iter().map(|p| p.class())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_read_back() {
        for (i, part) in Part::ALL.iter().enumerate() {
            assert_eq!(Part::from_key(part.key()), Some(*part));
            assert!(Part::ALL[..i].iter().all(|other| other.key() != part.key()), "{part:?} repeats a key");
            assert!(part.key().chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{part:?}: key {}", part.key());
        }
        assert_eq!(Part::from_key(" Stepper "), Some(Part::Stepper));
        assert_eq!(Part::from_key("nope"), None);
    }

    #[test]
    fn links_are_read_leniently_and_unknown_keys_reported() {
        let (view, unknown) = View::from_params(Some("1"), Some("curves,settings,,bogus,settings, DH"), Some(" Step"));
        assert!(view.present);
        assert_eq!(view.hidden, vec![Part::Settings, Part::Curves, Part::HiddenUnits]);
        assert_eq!(view.layout, Layout::Step);
        assert_eq!(unknown, Unknown { parts: vec!["bogus".to_owned()], layout: None });
        assert_eq!(view.hide_param().as_deref(), Some("settings,curves,dh"));
        assert_eq!(view.layout_param(), Some("step"));
        assert_eq!(View::from_params(None, None, None), (View::default(), Unknown::default()));
        assert!(!View::from_params(Some("0"), None, None).0.present);
        assert!(!View::from_params(Some("no"), None, None).0.present);
        let (view, unknown) = View::from_params(None, None, Some("slides"));
        assert_eq!((view.layout, unknown.layout.as_deref()), (Layout::All, Some("slides")));
        assert!(!unknown.is_empty());
        assert_eq!(View::from_params(None, None, Some("all")).0.layout_param(), None);
        assert_eq!(View::default().hide_param(), None);
    }

    #[test]
    fn a_written_view_reads_back_the_same() {
        let mut view = View { present: true, hidden: vec![], layout: Layout::Lab };
        for part in [Part::Stepper, Part::Header, Part::Speed, Part::Header] {
            view.set_hidden(part, true);
        }
        view.set_hidden(Part::Speed, false);
        let (back, unknown) = View::from_params(Some("1"), view.hide_param().as_deref(), view.layout_param());
        assert_eq!(back, view);
        assert!(unknown.is_empty());
        assert_eq!(view.classes(), vec!["present", "layout-lab", "hide-header", "hide-stepper"]);
    }

    #[test]
    fn layout_keys_are_unique_and_read_back() {
        for layout in Layout::ALL {
            assert_eq!(Layout::from_key(layout.key()), Some(layout));
        }
        assert_eq!(Layout::from_key(" LAB "), Some(Layout::Lab));
        assert_eq!(Layout::from_key("nope"), None);
        assert_eq!(Layout::All.class(), None);
    }

    /// Each layout has its rules in `style/layouts.css`.
    #[test]
    fn every_layout_has_its_rules() {
        let css = include_str!("../style/layouts.css");
        for layout in Layout::ALL.into_iter().filter_map(Layout::class) {
            assert!(css.contains(&format!(".{layout} ")), "style/layouts.css has no rule for .{layout}");
        }
    }

    /// Each part is hidden by a rule of `style/presenter.css`; a part without one would be a
    /// checkbox that does nothing.
    #[test]
    fn every_part_has_a_hiding_rule() {
        let css = include_str!("../style/presenter.css");
        for part in Part::ALL {
            let class = format!(".{} ", part.class());
            assert!(css.contains(&class), "style/presenter.css has no rule for {class}");
        }
    }
}
