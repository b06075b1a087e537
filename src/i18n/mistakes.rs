//! Texts of the common-mistakes panel: each mistake's title, the numpy line a student wrote and
//! the correct one, and why the first is wrong and how it shows.
//!
//! The numpy lines use the course's variable names, as the step cards do (`grad_oa`, `hs`,
//! `lam`, …); they are code, so the same in both languages.

use mlp::Mistake;

crate::messages! {
    /// The mistakes panel's texts.
    pub enum MistakesMsg {
        Heading => ("Common mistakes", "Erreurs fréquentes"),
        Intro => (
            "Switch one on: the walk, the gradient check and training then use the mistaken computation. Each one comes from real homework.",
            "Activez-en une : le parcours, la vérification du gradient et l'entraînement utilisent alors le calcul erroné. Chacune vient de vrais devoirs."
        ),
        Alters => ("alters", "modifie"),
        WrongLine => ("Mistaken line", "Ligne erronée"),
        RightLine => ("Correct line", "Ligne correcte"),
        AllOff => ("Switch all off", "Tout désactiver"),
        TitleAscent => ("Gradient ascent in the update", "Montée de gradient dans la mise à jour"),
        TitleOuter => ("Element-wise product instead of an outer product", "Produit terme à terme au lieu d'un produit extérieur"),
        TitleMatVec => (
            "Element-wise product instead of a matrix–vector product",
            "Produit terme à terme au lieu d'un produit matrice–vecteur"
        ),
        TitleRelu => ("ReLU backward keeps the positive gradients", "Dérivée de la ReLU : garder les gradients positifs"),
        TitleInput => ("A stray factor xⱼ in ∂L/∂x", "Un facteur xⱼ de trop dans ∂L/∂x"),
        TitleFactorTwo => ("Missing factor 2 in the weight decay", "Facteur 2 oublié dans la pénalité"),
        TitleBiases => ("Penalizing the biases", "Pénaliser les biais"),
        TitleSoftmax => ("Softmax without the max-shift", "Softmax sans soustraire le maximum"),
        TitleTransposed => ("The weight gradient transposed", "Le gradient des poids transposé"),
        TitleSign => ("The output gradient with the wrong sign", "Le gradient de sortie avec le mauvais signe"),
        TitleWrongClass => ("The one-hot vector of the wrong class", "Le vecteur one-hot de la mauvaise classe"),
        TitlePreActivation => ("The pre-activation instead of the unit's output in (j)", "La pré-activation au lieu de la sortie de l'unité en (j)"),
        TitleNoPenalty => ("No penalty term in (r)", "Pas de terme de pénalité en (r)"),
        TitleReluAtZero => ("ReLU derivative 1 at 0", "Dérivée de la ReLU égale à 1 en 0"),
        TitleNoUpdate => ("The update never applied", "La mise à jour jamais appliquée"),
        WhyAscent => (
            "θ ← θ + η∇R̃ climbs the objective instead of descending it. Every gradient is right, so the gradient check still passes: the gradient is right, the update goes the wrong way — see the update line, where R̃ goes up, and the training loss, which grows.",
            "θ ← θ + η∇R̃ fait monter l'objectif au lieu de le faire descendre. Chaque gradient est juste, donc la vérification du gradient réussit encore : le gradient est bon, c'est la mise à jour qui va dans le mauvais sens — voyez la ligne « Mise à jour (f) », où R̃ augmente, et la perte d'entraînement, qui croît."
        ),
        WhyOuter => (
            "On 1-D arrays, * multiplies entry by entry (and .T does nothing): only the entries k = j of the outer product survive, the rest of ∂L/∂W⁽²⁾ and ∂L/∂W⁽¹⁾ is 0 (and numpy broadcasts or raises when the lengths differ). Look for the zeros off the diagonal in (j) and (p): the W⁽¹⁾ and W⁽²⁾ groups fail.",
            "Sur des tableaux 1-D, * multiplie terme à terme (et .T ne fait rien) : seules les composantes k = j du produit extérieur subsistent, le reste de ∂L/∂W⁽²⁾ et de ∂L/∂W⁽¹⁾ vaut 0 (et numpy diffuse ou lève une erreur quand les longueurs diffèrent). Repérez les zéros hors de la diagonale en (j) et (p) : les groupes W⁽¹⁾ et W⁽²⁾ échouent."
        ),
        WhyMatVec => (
            "W2.T * grad_oa multiplies entry by entry instead of summing over k: ∂L/∂hˢⱼ keeps only the term k = j, W⁽²⁾ⱼⱼ ∂L/∂oᵃⱼ (and 0 for j ≥ m). Everything computed from it is wrong too — (n), (p), (q): the W⁽¹⁾, b⁽¹⁾ and x groups fail, while W⁽²⁾ and b⁽²⁾ still pass.",
            "W2.T * grad_oa multiplie terme à terme au lieu de sommer sur k : ∂L/∂hˢⱼ ne garde que le terme k = j, W⁽²⁾ⱼⱼ ∂L/∂oᵃⱼ (et 0 pour j ≥ m). Tout ce qui en découle est faux aussi — (n), (p), (q) : les groupes W⁽¹⁾, b⁽¹⁾ et x échouent, alors que W⁽²⁾ et b⁽²⁾ réussissent encore."
        ),
        WhyRelu => (
            "(g + |g|)/2 keeps the positive gradients, whatever the unit; but the ReLU's derivative depends on the unit's pre-activation: 1 where hᵃⱼ > 0, 0 elsewhere. An inactive unit lets a positive gradient through, an active unit blocks a negative one. The W⁽¹⁾, b⁽¹⁾ and x groups fail.",
            "(g + |g|)/2 garde les gradients positifs, quelle que soit l'unité ; or la dérivée de la ReLU dépend de la pré-activation de l'unité : 1 là où hᵃⱼ > 0, 0 ailleurs. Une unité inactive laisse passer un gradient positif, une unité active bloque un gradient négatif. Les groupes W⁽¹⁾, b⁽¹⁾ et x échouent."
        ),
        WhyInput => (
            "∂L/∂xⱼ = Σₖ ∂L/∂hᵃₖ W⁽¹⁾ₖⱼ has no xⱼ in it: xⱼ multiplies W⁽¹⁾ in hᵃ, but the derivative with respect to xⱼ removes it. Only the x group of the check fails; training is not affected, since the update does not use ∂L/∂x.",
            "∂L/∂xⱼ = Σₖ ∂L/∂hᵃₖ W⁽¹⁾ₖⱼ ne contient pas xⱼ : xⱼ multiplie W⁽¹⁾ dans hᵃ, mais la dérivée par rapport à xⱼ le fait disparaître. Seul le groupe x de la vérification échoue ; l'entraînement n'est pas touché, puisque la mise à jour n'utilise pas ∂L/∂x."
        ),
        WhyFactorTwo => (
            "The derivative of λW² is 2λW, not λW: the W⁽¹⁾ and W⁽²⁾ groups fail (the ratio falls to 0.5 where ∂L/∂W = 0). With λ = 0 the mistake is invisible; raise λ to see it clearly.",
            "La dérivée de λW² est 2λW, pas λW : les groupes W⁽¹⁾ et W⁽²⁾ échouent (le rapport tombe à 0,5 là où ∂L/∂W = 0). Avec λ = 0, l'erreur est invisible ; augmentez λ pour bien la voir."
        ),
        WhyBiases => (
            "R̃ penalizes the weights only, so ∂R̃/∂b = ∂L/∂b. Adding 2λb makes the b⁽¹⁾ and b⁽²⁾ groups fail — but only once the biases are not 0: on a freshly initialized network (biases 0) nothing changes, so train a few steps or load a case first (and λ > 0).",
            "R̃ ne pénalise que les poids, donc ∂R̃/∂b = ∂L/∂b. Ajouter 2λb fait échouer les groupes b⁽¹⁾ et b⁽²⁾ — mais seulement quand les biais ne sont pas nuls : sur un réseau fraîchement initialisé (biais à 0), rien ne change ; entraînez d'abord quelques pas ou chargez un cas (avec λ > 0)."
        ),
        WhySoftmax => (
            "The same in exact arithmetic, not in floating point: exp overflows to ∞ for a logit above ≈ 709.8 (∞/∞ = NaN) and underflows to 0 below ≈ −745 (0/0 = NaN when every logit does). Identical for ordinary logits; try the large-logits case to see NaN: walk a typed example with a huge x, such as 10000, 10000.",
            "Identique en arithmétique exacte, pas en virgule flottante : exp déborde vers ∞ pour un logit au-delà de ≈ 709,8 (∞/∞ = NaN) et s'annule en deçà de ≈ −745 (0/0 = NaN quand tous les logits s'annulent). Identique pour des logits ordinaires ; essayez de très grands logits pour voir apparaître NaN : parcourez un exemple saisi avec un x énorme, comme 10000, 10000."
        ),
        WhyTransposed => (
            "∂L/∂W⁽²⁾ has the shape of W⁽²⁾, m × d_h: row k is output k, column j is hidden unit j, so ∂L/∂W⁽²⁾ = ∂L/∂oᵃ (hˢ)ᵀ. np.outer(hs, grad_oa) gives the transpose. numpy refuses W2 - eta * grad_W2 unless the matrix is square, so the switch acts only when m = d_h (for ∂L/∂W⁽¹⁾, when d_h = d): then every entry sits in the other's place.",
            "∂L/∂W⁽²⁾ a la forme de W⁽²⁾, m × d_h : la ligne k est la sortie k, la colonne j l'unité cachée j, donc ∂L/∂W⁽²⁾ = ∂L/∂oᵃ (hˢ)ᵀ. np.outer(hs, grad_oa) en donne la transposée. numpy refuse W2 - eta * grad_W2 sauf si la matrice est carrée : l'interrupteur n'agit donc que si m = d_h (pour ∂L/∂W⁽¹⁾, si d_h = d) ; chaque composante est alors à la place d'une autre."
        ),
        WhySign => (
            "L = −log oˢ_y, so ∂L/∂oᵃ = oˢ − onehot(y): the true class's entry is negative (raising its logit lowers the loss), the others positive. onehot(y) − oˢ is −∂L/∂oᵃ: every gradient after it changes sign, and training climbs the loss.",
            "L = −log oˢ_y, donc ∂L/∂oᵃ = oˢ − onehot(y) : la composante de la vraie classe est négative (monter son logit fait baisser la perte), les autres positives. onehot(y) − oˢ vaut −∂L/∂oᵃ : tous les gradients suivants changent de signe et l'entraînement fait monter la perte."
        ),
        WhyWrongClass => (
            "The 1 of the one-hot vector goes at the true class y, counted from 0. An off-by-one label (classes counted from 1, or y ± 1) or the predicted class puts it elsewhere: the network is then taught another class. The switch uses (y + 1) mod m.",
            "Le 1 du vecteur one-hot se place à la vraie classe y, comptée à partir de 0. Une étiquette décalée d'un (classes comptées à partir de 1, ou y ± 1) ou la classe prédite le met ailleurs : on apprend alors au réseau une autre classe. L'interrupteur utilise (y + 1) mod m."
        ),
        WhyPreActivation => (
            "oᵃ = W⁽²⁾hˢ + b⁽²⁾: W⁽²⁾ multiplies the units' outputs hˢ, so ∂L/∂W⁽²⁾ₖⱼ = ∂L/∂oᵃₖ hˢⱼ. hᵃ and hˢ agree for active units; for an inactive unit hˢⱼ = 0, so its column of ∂L/∂W⁽²⁾ must be 0, not ∂L/∂oᵃ hᵃⱼ.",
            "oᵃ = W⁽²⁾hˢ + b⁽²⁾ : W⁽²⁾ multiplie les sorties hˢ des unités, donc ∂L/∂W⁽²⁾ₖⱼ = ∂L/∂oᵃₖ hˢⱼ. hᵃ et hˢ coïncident pour les unités actives ; pour une unité inactive hˢⱼ = 0, sa colonne de ∂L/∂W⁽²⁾ doit donc être nulle, pas ∂L/∂oᵃ hᵃⱼ."
        ),
        WhyNoPenalty => (
            "R̃ = R̂ + λ(ΣW⁽¹⁾² + ΣW⁽²⁾²), so its gradient has the term 2λW for each weight matrix. Left out, (r) is the gradient of L alone, and λ does nothing in training. With λ = 0 both agree.",
            "R̃ = R̂ + λ(ΣW⁽¹⁾² + ΣW⁽²⁾²), son gradient contient donc le terme 2λW pour chaque matrice de poids. Sans lui, (r) est le gradient de L seul et λ n'a aucun effet sur l'entraînement. Avec λ = 0, les deux coïncident."
        ),
        WhyReluAtZero => (
            "The course takes rect′(0) = 0: ha > 0, not ha >= 0. The two differ only for a unit whose hᵃ is exactly 0 (for example x = 0 with a zero bias), where ≥ lets the gradient through.",
            "Le cours prend rect′(0) = 0 : ha > 0, pas ha >= 0. Les deux ne diffèrent que pour une unité dont hᵃ vaut exactement 0 (par exemple x = 0 avec un biais nul), où ≥ laisse passer le gradient."
        ),
        WhyNoUpdate => (
            "The new values are computed but never assigned (W1 - eta * grad_W1 without W1 = or -=): θ stays where it is and the loss never moves, though every gradient is right.",
            "Les nouvelles valeurs sont calculées mais jamais affectées (W1 - eta * grad_W1 sans W1 = ni -=) : θ ne bouge pas et la perte non plus, alors que chaque gradient est juste."
        ),
    }
    same: []
}

/// The mistake's title, e.g. "Penalizing the biases".
pub fn mistake_title(m: Mistake) -> MistakesMsg {
    match m {
        Mistake::GradientAscent => MistakesMsg::TitleAscent,
        Mistake::ElementwiseOuter => MistakesMsg::TitleOuter,
        Mistake::ElementwiseMatVec => MistakesMsg::TitleMatVec,
        Mistake::ReluPositiveGrad => MistakesMsg::TitleRelu,
        Mistake::StrayInputFactor => MistakesMsg::TitleInput,
        Mistake::MissingFactorTwo => MistakesMsg::TitleFactorTwo,
        Mistake::PenalizedBiases => MistakesMsg::TitleBiases,
        Mistake::UnshiftedSoftmax => MistakesMsg::TitleSoftmax,
        Mistake::Transposed => MistakesMsg::TitleTransposed,
        Mistake::SignSwapped => MistakesMsg::TitleSign,
        Mistake::WrongClass => MistakesMsg::TitleWrongClass,
        Mistake::PreActivation => MistakesMsg::TitlePreActivation,
        Mistake::NoPenalty => MistakesMsg::TitleNoPenalty,
        Mistake::ReluAtZero => MistakesMsg::TitleReluAtZero,
        Mistake::NoUpdate => MistakesMsg::TitleNoUpdate,
    }
}

/// Why the mistake is wrong, and what to look for on the page.
pub fn mistake_why(m: Mistake) -> MistakesMsg {
    match m {
        Mistake::GradientAscent => MistakesMsg::WhyAscent,
        Mistake::ElementwiseOuter => MistakesMsg::WhyOuter,
        Mistake::ElementwiseMatVec => MistakesMsg::WhyMatVec,
        Mistake::ReluPositiveGrad => MistakesMsg::WhyRelu,
        Mistake::StrayInputFactor => MistakesMsg::WhyInput,
        Mistake::MissingFactorTwo => MistakesMsg::WhyFactorTwo,
        Mistake::PenalizedBiases => MistakesMsg::WhyBiases,
        Mistake::UnshiftedSoftmax => MistakesMsg::WhySoftmax,
        Mistake::Transposed => MistakesMsg::WhyTransposed,
        Mistake::SignSwapped => MistakesMsg::WhySign,
        Mistake::WrongClass => MistakesMsg::WhyWrongClass,
        Mistake::PreActivation => MistakesMsg::WhyPreActivation,
        Mistake::NoPenalty => MistakesMsg::WhyNoPenalty,
        Mistake::ReluAtZero => MistakesMsg::WhyReluAtZero,
        Mistake::NoUpdate => MistakesMsg::WhyNoUpdate,
    }
}

/// The mistaken numpy line(s), one line per altered step: the outer-product mistake spans (j)
/// and (p), so it has two lines (`\n`-separated), as do the two weight-decay lines of (r).
pub fn wrong_numpy(m: Mistake) -> &'static str {
    match m {
        Mistake::GradientAscent => "W1 += eta * grad_W1",
        Mistake::ElementwiseOuter => "grad_W2 = grad_oa * hs.T\ngrad_W1 = grad_ha * x.T",
        Mistake::ElementwiseMatVec => "grad_hs = W2.T * grad_oa",
        Mistake::ReluPositiveGrad => "grad_ha = (grad_hs + np.abs(grad_hs)) / 2",
        Mistake::StrayInputFactor => "grad_x = x * (W1.T @ grad_ha)",
        Mistake::MissingFactorTwo => "grad_W1 += lam * W1\ngrad_W2 += lam * W2",
        Mistake::PenalizedBiases => "grad_b1 += 2 * lam * b1\ngrad_b2 += 2 * lam * b2",
        Mistake::UnshiftedSoftmax => "os = np.exp(oa) / np.exp(oa).sum()\nloss = -np.log(os[y])",
        Mistake::Transposed => "grad_W2 = np.outer(hs, grad_oa)\ngrad_W1 = np.outer(x, grad_ha)",
        Mistake::SignSwapped => "grad_oa = onehot - os",
        Mistake::WrongClass => "grad_oa = os - np.eye(m)[(y + 1) % m]",
        Mistake::PreActivation => "grad_W2 = np.outer(grad_oa, ha)",
        Mistake::NoPenalty => "grad_W1 = grad_W1    # no 2 * lam * W1\ngrad_W2 = grad_W2",
        Mistake::ReluAtZero => "grad_ha = grad_hs * (ha >= 0)",
        Mistake::NoUpdate => "W1 - eta * grad_W1",
    }
}

/// The correct numpy line(s), matching [`wrong_numpy`] line by line.
pub fn right_numpy(m: Mistake) -> &'static str {
    match m {
        Mistake::GradientAscent => "W1 -= eta * grad_W1",
        Mistake::ElementwiseOuter => "grad_W2 = np.outer(grad_oa, hs)\ngrad_W1 = np.outer(grad_ha, x)",
        Mistake::ElementwiseMatVec => "grad_hs = W2.T @ grad_oa",
        Mistake::ReluPositiveGrad => "grad_ha = grad_hs * (ha > 0)",
        Mistake::StrayInputFactor => "grad_x = W1.T @ grad_ha",
        Mistake::MissingFactorTwo => "grad_W1 += 2 * lam * W1\ngrad_W2 += 2 * lam * W2",
        Mistake::PenalizedBiases => "grad_b1 = grad_ha    # no penalty on biases\ngrad_b2 = grad_oa",
        Mistake::Transposed => "grad_W2 = np.outer(grad_oa, hs)\ngrad_W1 = np.outer(grad_ha, x)",
        Mistake::SignSwapped => "grad_oa = os - onehot",
        Mistake::WrongClass => "grad_oa = os - np.eye(m)[y]",
        Mistake::PreActivation => "grad_W2 = np.outer(grad_oa, hs)",
        Mistake::NoPenalty => "grad_W1 += 2 * lam * W1\ngrad_W2 += 2 * lam * W2",
        Mistake::ReluAtZero => "grad_ha = grad_hs * (ha > 0)",
        Mistake::NoUpdate => "W1 -= eta * grad_W1",
        Mistake::UnshiftedSoftmax => {
            "e = np.exp(oa - oa.max())\nos = e / e.sum()\nloss = -oa[y] + oa.max() + np.log(e.sum())"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{t, Lang};

    #[test]
    fn every_mistake_has_its_own_title_explanation_and_two_different_lines() {
        for (i, &m) in Mistake::ALL.iter().enumerate() {
            assert_ne!(wrong_numpy(m), right_numpy(m), "{m:?}");
            for &other in &Mistake::ALL[..i] {
                assert_ne!(mistake_title(m), mistake_title(other));
                assert_ne!(mistake_why(m), mistake_why(other));
            }
        }
        assert_eq!(wrong_numpy(Mistake::ElementwiseMatVec), "grad_hs = W2.T * grad_oa");
        assert!(t(Lang::En, mistake_why(Mistake::GradientAscent)).contains("still passes"));
        assert!(t(Lang::Fr, mistake_why(Mistake::UnshiftedSoftmax)).contains("NaN"));
    }
}
