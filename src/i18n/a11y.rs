//! Texts only a screen reader speaks: the names of the stepper's tables and of their rows and
//! columns ("hidden unit 3", "input 0"), so a matrix reads as the course's quantities.

use super::{t, Lang};
use crate::stepper::quantity::Dim;

crate::messages! {
    pub enum A11yMsg {
        Input => ("input", "entrée"),
        HiddenUnit => ("hidden unit", "unité cachée"),
        Output => ("output", "sortie"),
        Value => ("value", "valeur"),
    }
    same: []
}

/// The word for one row (or column) along `dim`: "hidden unit" for d_h, "value" for the single
/// column of a vector.
pub fn dim_word(lang: Lang, dim: Dim) -> &'static str {
    let msg = match dim {
        Dim::D => A11yMsg::Input,
        Dim::DH => A11yMsg::HiddenUnit,
        Dim::M => A11yMsg::Output,
        Dim::One => A11yMsg::Value,
    };
    t(lang, msg)
}

/// The header of row (or column) `index` along `dim`, as read aloud: "hidden unit 3", or just
/// "value" for the one column of a vector.
pub fn header_text(lang: Lang, dim: Dim, index: usize) -> String {
    match dim {
        Dim::One => dim_word(lang, dim).to_string(),
        _ => format!("{} {index}", dim_word(lang, dim)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_the_unit_and_its_index() {
        assert_eq!(header_text(Lang::En, Dim::DH, 3), "hidden unit 3");
        assert_eq!(header_text(Lang::Fr, Dim::D, 0), "entrée 0");
        assert_eq!(header_text(Lang::Fr, Dim::One, 0), "valeur");
    }
}
