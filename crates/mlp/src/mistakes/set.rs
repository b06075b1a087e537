//! [`Mistakes`]: a set of [`Mistake`] switches, stored as a bitset, written in URLs as a
//! comma-separated list of keys (`"outer,relu"`; the empty string is the empty set).

use super::Mistake;

/// A set of [`Mistake`]s switched on. The default, the empty set, is the correct network.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Mistakes(u16);

impl Mistakes {
    /// No mistake: the correct network.
    pub const NONE: Mistakes = Mistakes(0);

    /// Whether `mistake` is switched on.
    pub fn contains(self, mistake: Mistake) -> bool {
        self.0 & mistake.bit() != 0
    }

    /// This set with `mistake` switched on (`on = true`) or off.
    #[must_use]
    pub fn with(self, mistake: Mistake, on: bool) -> Mistakes {
        if on {
            Mistakes(self.0 | mistake.bit())
        } else {
            Mistakes(self.0 & !mistake.bit())
        }
    }

    /// The mistakes switched on, in the order of [`Mistake::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Mistake> {
        Mistake::ALL.into_iter().filter(move |&m| self.contains(m))
    }

    /// The set as a bitset, for messages between threads; [`from_bits`](Self::from_bits) reads
    /// it back.
    pub fn bits(self) -> u16 {
        self.0
    }

    /// The set of a bitset written by [`bits`](Self::bits); `None` when a bit names no mistake.
    pub fn from_bits(bits: u16) -> Option<Mistakes> {
        let known = Mistake::ALL.iter().fold(0, |all, m| all | m.bit());
        (bits & !known == 0).then_some(Mistakes(bits))
    }

    /// Whether no mistake is switched on.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether some mistake changes a value of the forward or backward pass (any mistake but
    /// [`Mistake::GradientAscent`]).
    pub fn alters_gradient(self) -> bool {
        self.iter().any(Mistake::alters_gradient)
    }

    /// The keys of the mistakes switched on, comma-separated in the order of [`Mistake::ALL`]
    /// (`""` for none), e.g. `"outer,relu"`.
    pub fn to_keys(self) -> String {
        self.iter().map(Mistake::key).collect::<Vec<_>>().join(",")
    }

    /// Parses a comma-separated list of keys, as written by [`to_keys`](Self::to_keys). Spaces
    /// around a key and empty items are ignored, so `""` is the empty set and `"outer, relu,"` is
    /// accepted; repeated keys are harmless. An unknown key is returned as the error.
    pub fn parse_keys(keys: &str) -> Result<Mistakes, String> {
        let mut set = Mistakes::NONE;
        for key in keys.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            let mistake = Mistake::from_key(key).ok_or_else(|| key.to_string())?;
            set = set.with(mistake, true);
        }
        Ok(set)
    }
}

impl From<Mistake> for Mistakes {
    fn from(mistake: Mistake) -> Mistakes {
        Mistakes::NONE.with(mistake, true)
    }
}

impl FromIterator<Mistake> for Mistakes {
    fn from_iter<I: IntoIterator<Item = Mistake>>(iter: I) -> Mistakes {
        iter.into_iter()
            .fold(Mistakes::NONE, |set, m| set.with(m, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_contains_and_iter() {
        let set = Mistakes::default()
            .with(Mistake::ReluPositiveGrad, true)
            .with(Mistake::ElementwiseOuter, true);
        assert!(set.contains(Mistake::ElementwiseOuter) && !set.contains(Mistake::GradientAscent));
        let on: Vec<Mistake> = set.iter().collect();
        assert_eq!(on, [Mistake::ElementwiseOuter, Mistake::ReluPositiveGrad]);
        assert_eq!(set.to_keys(), "outer,relu");
        let off = set.with(Mistake::ElementwiseOuter, false);
        assert_eq!(off, Mistakes::from(Mistake::ReluPositiveGrad));
        assert!(off.with(Mistake::ReluPositiveGrad, false).is_empty());
    }

    #[test]
    fn parse_keys_accepts_what_to_keys_writes() {
        let all: Mistakes = Mistake::ALL.into_iter().collect();
        assert_eq!(Mistakes::parse_keys(&all.to_keys()), Ok(all));
        assert_eq!(Mistakes::parse_keys(""), Ok(Mistakes::NONE));
        assert_eq!(
            Mistakes::parse_keys(" relu , ascent,"),
            Ok(Mistakes::from_iter([
                Mistake::GradientAscent,
                Mistake::ReluPositiveGrad
            ]))
        );
        assert_eq!(Mistakes::parse_keys("relu,bogus"), Err("bogus".to_string()));
        assert!(!Mistakes::from(Mistake::GradientAscent).alters_gradient());
        assert!(all.alters_gradient());
    }
}
