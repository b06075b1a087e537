//! The steps of the walk, in the course's order: the forward pass (a)–(d), the backward pass
//! (g)–(r) and the update (f). Each step knows its exercise letter, its phase and the short
//! key that names it in the page URL (`?step=n`).

/// Which part of the walk a step belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    Forward,
    Backward,
    Update,
}

/// One equation of the walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// (a) h^a = W⁽¹⁾x + b⁽¹⁾
    HiddenActivation,
    /// (a) h^s = rect(h^a)
    HiddenOutput,
    /// (b) o^a = W⁽²⁾h^s + b⁽²⁾
    OutputActivation,
    /// (c) o^s = softmax(o^a)
    Softmax,
    /// (d) L = −log o^s_y
    Loss,
    /// (g) ∂L/∂o^a = o^s − onehot(y)
    GradOutputActivation,
    /// (j) ∂L/∂W⁽²⁾ = ∂L/∂o^a (h^s)ᵀ
    GradW2,
    /// (j) ∂L/∂b⁽²⁾ = ∂L/∂o^a
    GradB2,
    /// (l) ∂L/∂h^s = W⁽²⁾ᵀ ∂L/∂o^a
    GradHiddenOutput,
    /// (n) ∂L/∂h^a = ∂L/∂h^s ⊙ 1{h^a > 0}
    GradHiddenActivation,
    /// (p) ∂L/∂W⁽¹⁾ = ∂L/∂h^a xᵀ
    GradW1,
    /// (p) ∂L/∂b⁽¹⁾ = ∂L/∂h^a
    GradB1,
    /// (q) ∂L/∂x = W⁽¹⁾ᵀ ∂L/∂h^a
    GradInput,
    /// (r) ∂R̃/∂W⁽¹⁾ = ∂L/∂W⁽¹⁾ + 2λW⁽¹⁾
    RegW1,
    /// (r) ∂R̃/∂W⁽²⁾ = ∂L/∂W⁽²⁾ + 2λW⁽²⁾
    RegW2,
    /// (f) θ ← θ − η ∇_θ R̃
    Update,
}

impl Step {
    /// Every step, in walk order.
    pub const ALL: [Step; 16] = [
        Step::HiddenActivation,
        Step::HiddenOutput,
        Step::OutputActivation,
        Step::Softmax,
        Step::Loss,
        Step::GradOutputActivation,
        Step::GradW2,
        Step::GradB2,
        Step::GradHiddenOutput,
        Step::GradHiddenActivation,
        Step::GradW1,
        Step::GradB1,
        Step::GradInput,
        Step::RegW1,
        Step::RegW2,
        Step::Update,
    ];

    /// The course's exercise letter.
    pub fn letter(self) -> &'static str {
        match self {
            Step::HiddenActivation | Step::HiddenOutput => "a",
            Step::OutputActivation => "b",
            Step::Softmax => "c",
            Step::Loss => "d",
            Step::GradOutputActivation => "g",
            Step::GradW2 | Step::GradB2 => "j",
            Step::GradHiddenOutput => "l",
            Step::GradHiddenActivation => "n",
            Step::GradW1 | Step::GradB1 => "p",
            Step::GradInput => "q",
            Step::RegW1 | Step::RegW2 => "r",
            Step::Update => "f",
        }
    }

    /// What the step computes, in the course's notation, after its letter: what its button
    /// says ("(a) hᵃ", "(j) ∂b⁽²⁾"), so that the two steps of a letter differ at a glance. The
    /// same in both languages (symbols only).
    pub fn label(self) -> String {
        let what = match self {
            Step::HiddenActivation => "hᵃ",
            Step::HiddenOutput => "hˢ",
            Step::OutputActivation => "oᵃ",
            Step::Softmax => "oˢ",
            Step::Loss => "L",
            Step::GradOutputActivation => "∂oᵃ",
            Step::GradW2 => "∂W⁽²⁾",
            Step::GradB2 => "∂b⁽²⁾",
            Step::GradHiddenOutput => "∂hˢ",
            Step::GradHiddenActivation => "∂hᵃ",
            Step::GradW1 => "∂W⁽¹⁾",
            Step::GradB1 => "∂b⁽¹⁾",
            Step::GradInput => "∂x",
            Step::RegW1 => "∂R̃/∂W⁽¹⁾",
            Step::RegW2 => "∂R̃/∂W⁽²⁾",
            Step::Update => "θ ←",
        };
        format!("({}) {what}", self.letter())
    }

    /// The step's name in the URL. A letter alone names the first step with that letter, so a
    /// teacher can write `?step=n`; the second step of a letter has a suffix (`a2`, `j2`, …).
    pub fn key(self) -> &'static str {
        match self {
            Step::HiddenOutput => "a2",
            Step::GradB2 => "j2",
            Step::GradB1 => "p2",
            Step::RegW2 => "r2",
            other => other.letter(),
        }
    }

    /// The step named `key` in a URL (case-insensitive), if any.
    pub fn from_key(key: &str) -> Option<Step> {
        let key = key.trim().to_ascii_lowercase();
        Step::ALL.into_iter().find(|step| step.key() == key)
    }

    pub fn phase(self) -> Phase {
        match self.index() {
            0..=4 => Phase::Forward,
            15 => Phase::Update,
            _ => Phase::Backward,
        }
    }

    /// Position in [`Step::ALL`].
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|&s| s == self).unwrap_or(0)
    }

    pub fn next(self) -> Step {
        Step::ALL[(self.index() + 1).min(Step::ALL.len() - 1)]
    }

    pub fn prev(self) -> Step {
        Step::ALL[self.index().saturating_sub(1)]
    }

    pub fn first() -> Step {
        Step::ALL[0]
    }

    pub fn last() -> Step {
        Step::ALL[Step::ALL.len() - 1]
    }

    /// The last step of the forward pass ("whole forward" jumps here).
    pub fn end_of_forward() -> Step {
        Step::Loss
    }

    /// The last step of the backward pass ("whole backward" jumps here).
    pub fn end_of_backward() -> Step {
        Step::RegW2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_distinct_and_start_with_the_letter() {
        for (i, step) in Step::ALL.into_iter().enumerate() {
            let label = step.label();
            assert!(label.starts_with(&format!("({}) ", step.letter())), "{label}");
            assert!(Step::ALL[..i].iter().all(|other| other.label() != label), "{label} twice");
        }
    }

    #[test]
    fn keys_are_unique_and_round_trip() {
        for step in Step::ALL {
            assert_eq!(Step::from_key(step.key()), Some(step), "{step:?}");
        }
        assert_eq!(Step::from_key("N"), Some(Step::GradHiddenActivation));
        assert_eq!(Step::from_key("zz"), None);
    }

    #[test]
    fn navigation_stays_in_range_and_phases_are_in_order() {
        assert_eq!(Step::first().prev(), Step::first());
        assert_eq!(Step::last().next(), Step::last());
        assert_eq!(Step::Loss.next(), Step::GradOutputActivation);
        let phases: Vec<Phase> = Step::ALL.iter().map(|s| s.phase()).collect();
        assert_eq!(phases.iter().filter(|p| **p == Phase::Forward).count(), 5);
        assert_eq!(phases.last(), Some(&Phase::Update));
        assert_eq!(Step::end_of_backward().next(), Step::Update);
    }
}
