//! Texts of the penalty Ω: the per-layer control, the notes of steps (r) and (f) when an L1
//! term is on, and the penalty written out in a summary.

use super::{list_separator, plain, Lang};
use mlp::{Coefficient, Penalty};

crate::messages! {
    pub enum PenaltyMsg {
        PerLayer => ("Per layer: L1 and L2", "Par couche : L1 et L2"),
        PerLayerHelp => (
            "Ω = λ₁₁ Σ|W⁽¹⁾| + λ₁₂ Σ(W⁽¹⁾)² + λ₂₁ Σ|W⁽²⁾| + λ₂₂ Σ(W⁽²⁾)², the homework's penalty; biases are not penalized. Unchecked: the single λ, that is λ₁₂ = λ₂₂ = λ.",
            "Ω = λ₁₁ Σ|W⁽¹⁾| + λ₁₂ Σ(W⁽¹⁾)² + λ₂₁ Σ|W⁽²⁾| + λ₂₂ Σ(W⁽²⁾)², la pénalité du devoir ; les biais ne sont pas pénalisés. Décoché : le seul λ, c'est-à-dire λ₁₂ = λ₂₂ = λ."
        ),
        SignNote => (
            "sign(0) = 0: |w| has no derivative at 0, and 0 is a subgradient there (any slope between −λ and λ is one). A weight at exactly 0 feels no L1 pull in this gradient.",
            "sign(0) = 0 : |w| n'a pas de dérivée en 0, et 0 y est un sous-gradient (toute pente entre −λ et λ en est un). Un poids exactement nul ne subit aucune traction L1 dans ce gradient."
        ),
        ProximalNote => (
            "With an L1 term, the weights take it as a step that stops at 0 (soft thresholding): u = W − η(∂R̃/∂W − λ sign W), then W = sign(u)·max(|u| − ηλ, 0). A weight the step would carry across 0 lands on 0 and stays there while the data pull it less than λ: that is how L1 makes weights exactly 0. Plain steps W − η ∂R̃/∂W would hop around 0 forever. The biases and the L2 terms take the plain step.",
            "Avec un terme L1, les poids le prennent comme un pas qui s'arrête en 0 (seuillage doux) : u = W − η(∂R̃/∂W − λ sign W), puis W = sign(u)·max(|u| − ηλ, 0). Un poids que le pas ferait passer de l'autre côté de 0 s'arrête en 0 et y reste tant que les données le tirent moins que λ : c'est ainsi que L1 rend des poids exactement nuls. Des pas simples W − η ∂R̃/∂W sautilleraient autour de 0 sans fin. Les biais et les termes L2 prennent le pas simple."
        ),
        StopsAtZero => ("stops at 0", "s'arrête en 0"),
    }
    same: []
}

/// The label of a coefficient's box: "λ₁₁ (L1 on W⁽¹⁾)".
pub fn coefficient_label(lang: Lang, c: Coefficient) -> String {
    let kind = if matches!(c, Coefficient::L11 | Coefficient::L21) { "L1" } else { "L2" };
    let layer = if c.layer() == 1 { "W⁽¹⁾" } else { "W⁽²⁾" };
    match lang {
        Lang::En => format!("{} ({kind} on {layer})", c.symbol()),
        Lang::Fr => format!("{} ({kind} sur {layer})", c.symbol()),
    }
}

/// The penalty in a summary line: "λ = 0.001" for a weight decay, else its four coefficients.
pub fn penalty_text(lang: Lang, penalty: &Penalty) -> String {
    match penalty.as_weight_decay() {
        Some(lambda) => format!("λ = {}", plain(lang, lambda)),
        None => Coefficient::ALL
            .iter()
            .map(|&c| format!("{} = {}", c.symbol(), plain(lang, penalty.get(c))))
            .collect::<Vec<_>>()
            .join(list_separator(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weight_decay_reads_as_the_course_writes_it() {
        assert_eq!(penalty_text(Lang::Fr, &Penalty::weight_decay(0.001)), "λ = 0,001");
        let mut full = Penalty::weight_decay(0.001);
        full.w1.l1 = 0.05;
        assert_eq!(penalty_text(Lang::En, &full), "λ₁₁ = 0.05, λ₁₂ = 0.001, λ₂₁ = 0, λ₂₂ = 0.001");
        assert_eq!(coefficient_label(Lang::Fr, Coefficient::L21), "λ₂₁ (L1 sur W⁽²⁾)");
    }
}
