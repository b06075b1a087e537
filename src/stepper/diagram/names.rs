//! How the diagram writes the quantities it shows, in plain text (SVG `<text>` has no
//! MathML): `hᵃ`, `∂L/∂W⁽¹⁾`, "new b⁽¹⁾", … through the diagram's translation table. The
//! stepper's tables take their accessible names from here too.

use crate::i18n::diagram::DiagramMsg;
use crate::i18n::{t, Lang};
use crate::stepper::quantity::Quantity;

/// The message naming `quantity`.
fn message(quantity: Quantity) -> DiagramMsg {
    use DiagramMsg as M;
    use Quantity as Q;
    match quantity {
        Q::X => M::X,
        Q::HiddenActivation => M::HA,
        Q::HiddenOutput => M::HS,
        Q::OutputActivation => M::OA,
        Q::Softmax => M::OS,
        Q::GradOutputActivation => M::GradOA,
        Q::GradB2 => M::GradB2,
        Q::GradHiddenOutput => M::GradHS,
        Q::GradHiddenActivation => M::GradHA,
        Q::GradB1 => M::GradB1,
        Q::GradX => M::GradX,
        Q::NewB1 => M::NewB1,
        Q::NewB2 => M::NewB2,
        Q::W1 => M::W1,
        Q::W2 => M::W2,
        Q::GradW1 => M::GradW1,
        Q::GradW2 => M::GradW2,
        Q::RegW1 => M::RegW1,
        Q::RegW2 => M::RegW2,
        Q::NewW1 => M::NewW1,
        Q::NewW2 => M::NewW2,
        Q::Loss => M::Loss,
        Q::B1 => M::B1,
        Q::B2 => M::B2,
        Q::OneHot => M::OneHot,
        Q::ReluMask => M::ReluMask,
        Q::RegB1 => M::RegB1,
        Q::RegB2 => M::RegB2,
    }
}

/// `quantity` in plain text in `lang`, as the diagram prints it (and as the stepper's tables
/// are named for screen readers).
pub fn name(lang: Lang, quantity: Quantity) -> &'static str {
    t(lang, message(quantity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_quantities_have_plain_names() {
        assert_eq!(name(Lang::En, Quantity::HiddenActivation), "hᵃ");
        assert_eq!(name(Lang::Fr, Quantity::RegW2), "∂R̃/∂W⁽²⁾");
        assert_eq!(name(Lang::Fr, Quantity::NewB1), "nouveau b⁽¹⁾");
        assert_eq!(name(Lang::En, Quantity::OneHot), "onehotₘ(y)");
    }
}
