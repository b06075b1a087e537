//! How the diagram writes the quantities it shows, in plain text (SVG `<text>` has no
//! MathML): `hᵃ`, `∂L/∂W⁽¹⁾`, "new b⁽¹⁾", … through the diagram's translation table.

use crate::i18n::diagram::DiagramMsg;
use crate::i18n::{t, Lang};
use crate::stepper::quantity::Quantity;

/// The message naming `quantity`, for those the diagram shows.
fn message(quantity: Quantity) -> Option<DiagramMsg> {
    use DiagramMsg as M;
    use Quantity as Q;
    Some(match quantity {
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
        Q::OneHot | Q::B1 | Q::B2 | Q::ReluMask | Q::RegB1 | Q::RegB2 => return None,
    })
}

/// `quantity` as the diagram prints it in `lang`; its code name (`b1`, …) for the few the
/// diagram never shows.
pub fn name(lang: Lang, quantity: Quantity) -> &'static str {
    message(quantity).map_or_else(|| quantity.key(), |msg| t(lang, msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_quantities_have_plain_names() {
        assert_eq!(name(Lang::En, Quantity::HiddenActivation), "hᵃ");
        assert_eq!(name(Lang::Fr, Quantity::RegW2), "∂R̃/∂W⁽²⁾");
        assert_eq!(name(Lang::Fr, Quantity::NewB1), "nouveau b⁽¹⁾");
        assert_eq!(name(Lang::En, Quantity::OneHot), "onehot");
    }
}
