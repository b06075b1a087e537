//! Texts of the network diagram: headings, legend, tooltips, and the notation it prints
//! (the same in both languages, but kept here so every visible string has one home).

use super::{t, Lang};

crate::messages! {
    pub enum DiagramMsg {
        Title => ("Network", "Réseau"),
        Empty => (
            "The diagram appears once the settings describe a valid network and example.",
            "Le schéma apparaît dès que les réglages décrivent un réseau et un exemple valides."
        ),
        InputLayer => ("inputs", "entrées"),
        HiddenLayer => ("hidden units (ReLU)", "unités cachées (ReLU)"),
        OutputLayer => ("outputs (softmax)", "sorties (softmax)"),
        NotYet => ("not computed yet", "pas encore calculé"),
        LegendLabel => ("Legend of the network diagram", "Légende du schéma du réseau"),
        Positive => ("positive", "positif"),
        Negative => ("negative", "négatif"),
        WidthNote => ("line width ∝ |value|", "épaisseur ∝ |valeur|"),
        ForwardFlow => ("forward pass: left to right", "propagation avant : de gauche à droite"),
        BackwardFlow => ("backward pass: right to left", "rétropropagation : de droite à gauche"),
        ReadNote => ("read by this step", "lu par cette étape"),
        WrittenNote => ("computed by this step", "calculé par cette étape"),
        InactiveNote => ("inactive unit: hᵃ ≤ 0", "unité inactive : hᵃ ≤ 0"),
        BlockedNote => ("its gradient is blocked: ∂L/∂hᵃ = 0", "son gradient est bloqué : ∂L/∂hᵃ = 0"),
        TargetNote => ("true class y", "vraie classe y"),
        BandNote => (
            "their edges are summarized by the shaded bands",
            "leurs arêtes sont résumées par les bandes ombrées"
        ),
        NewB1 => ("new b⁽¹⁾", "nouveau b⁽¹⁾"),
        NewB2 => ("new b⁽²⁾", "nouveau b⁽²⁾"),
        NewW1 => ("new W⁽¹⁾", "nouveau W⁽¹⁾"),
        NewW2 => ("new W⁽²⁾", "nouveau W⁽²⁾"),
        X => ("x", "x"),
        HA => ("hᵃ", "hᵃ"),
        HS => ("hˢ", "hˢ"),
        OA => ("oᵃ", "oᵃ"),
        OS => ("oˢ", "oˢ"),
        GradOA => ("∂L/∂oᵃ", "∂L/∂oᵃ"),
        GradB2 => ("∂L/∂b⁽²⁾", "∂L/∂b⁽²⁾"),
        GradHS => ("∂L/∂hˢ", "∂L/∂hˢ"),
        GradHA => ("∂L/∂hᵃ", "∂L/∂hᵃ"),
        GradB1 => ("∂L/∂b⁽¹⁾", "∂L/∂b⁽¹⁾"),
        GradX => ("∂L/∂x", "∂L/∂x"),
        W1 => ("W⁽¹⁾", "W⁽¹⁾"),
        W2 => ("W⁽²⁾", "W⁽²⁾"),
        GradW1 => ("∂L/∂W⁽¹⁾", "∂L/∂W⁽¹⁾"),
        GradW2 => ("∂L/∂W⁽²⁾", "∂L/∂W⁽²⁾"),
        RegW1 => ("∂R̃/∂W⁽¹⁾", "∂R̃/∂W⁽¹⁾"),
        RegW2 => ("∂R̃/∂W⁽²⁾", "∂R̃/∂W⁽²⁾"),
        Loss => ("L(x, y)", "L(x, y)"),
        B1 => ("b⁽¹⁾", "b⁽¹⁾"),
        B2 => ("b⁽²⁾", "b⁽²⁾"),
        OneHot => ("onehotₘ(y)", "onehotₘ(y)"),
        ReluMask => ("𝟙{hᵃ > 0}", "𝟙{hᵃ > 0}"),
        RegB1 => ("∂R̃/∂b⁽¹⁾", "∂R̃/∂b⁽¹⁾"),
        RegB2 => ("∂R̃/∂b⁽²⁾", "∂R̃/∂b⁽²⁾"),
        YTag => ("y", "y"),
    }
    same: [YTag, X, HA, HS, OA, OS, GradOA, GradB2, GradHS, GradHA, GradB1, GradX, W1, W2, GradW1, GradW2, RegW1, RegW2, Loss, B1, B2, OneHot, ReluMask, RegB1, RegB2]
}

/// The marker of a collapsed layer: "… 241 more hidden units". `column` is 0 (inputs),
/// 1 (hidden units) or 2 (outputs); `count` is at least 2.
pub fn more_units(lang: Lang, column: usize, count: usize) -> String {
    let noun = match (lang, column) {
        (Lang::En, 0) => "inputs",
        (Lang::En, 1) => "hidden units",
        (Lang::En, _) => "outputs",
        (Lang::Fr, 0) => "entrées",
        (Lang::Fr, 1) => "unités cachées",
        (Lang::Fr, _) => "sorties",
    };
    match lang {
        Lang::En => format!("… {count} more {noun}"),
        Lang::Fr => format!("… {count} autres {noun}"),
    }
}

/// The diagram's accessible name: its sizes and step, and what the highlight means.
pub fn aria_label(lang: Lang, letter: &str, [d, d_h, m]: [usize; 3]) -> String {
    match lang {
        Lang::En => format!(
            "Network diagram at step ({letter}): d = {d} inputs, d_h = {d_h} hidden units, m = {m} outputs; \
             what this step reads and computes is highlighted."
        ),
        Lang::Fr => format!(
            "Schéma du réseau à l'étape ({letter}) : d = {d} entrées, d_h = {d_h} unités cachées, m = {m} sorties ; \
             ce que cette étape lit et calcule est mis en évidence."
        ),
    }
}

/// "hidden units (ReLU)" and the like: the heading of column 0, 1 or 2.
pub fn layer_name(lang: Lang, column: usize) -> &'static str {
    let msg = match column {
        0 => DiagramMsg::InputLayer,
        1 => DiagramMsg::HiddenLayer,
        _ => DiagramMsg::OutputLayer,
    };
    t(lang, msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_sizes_are_in_the_sentence() {
        assert_eq!(more_units(Lang::En, 1, 241), "… 241 more hidden units");
        assert_eq!(more_units(Lang::Fr, 1, 241), "… 241 autres unités cachées");
        let label = aria_label(Lang::Fr, "p", [7, 256, 8]);
        assert!(label.contains("(p)") && label.contains("d_h = 256") && label.contains("m = 8"));
        assert_ne!(layer_name(Lang::En, 2), layer_name(Lang::Fr, 2));
    }
}
