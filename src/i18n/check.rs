//! Texts of the gradient-check panel: backprop against centred differences of the true
//! objective R̃ = L + λ(ΣW⁽¹⁾² + ΣW⁽²⁾²), and the update check of step (f).

use super::{t, Lang};

crate::messages! {
    /// The gradient-check panel's fixed texts.
    pub enum CheckMsg {
        Heading => ("Gradient check", "Vérification du gradient"),
        Compared => (
            "Backprop's gradient against centred differences (R̃(θ + εeᵢ) − R̃(θ − εeᵢ)) / 2ε of the true objective",
            "Gradient de la rétropropagation comparé aux différences centrées (R̃(θ + εeᵢ) − R̃(θ − εeᵢ)) / 2ε du vrai objectif"
        ),
        ComparedWithMistakes => (
            "Backprop's gradient, computed with the mistakes switched on, against centred differences (R̃(θ + εeᵢ) − R̃(θ − εeᵢ)) / 2ε of the true objective",
            "Gradient de la rétropropagation, calculé avec les erreurs activées, comparé aux différences centrées (R̃(θ + εeᵢ) − R̃(θ − εeᵢ)) / 2ε du vrai objectif"
        ),
        Pass => ("✓ Pass:", "✓ Réussite :"),
        Fail => ("✗ Fail:", "✗ Échec :"),
        VerdictPass => (
            "backprop agrees with the finite differences.",
            "la rétropropagation concorde avec les différences finies."
        ),
        VerdictFail => (
            "backprop disagrees with the finite differences.",
            "la rétropropagation ne concorde pas avec les différences finies."
        ),
        EntryPass => ("✓ pass", "✓ réussi"),
        EntryFail => ("✗ fail", "✗ échec"),
        Index => ("index", "indice"),
        Backprop => ("g_bp (backprop)", "g_bp (rétroprop.)"),
        FiniteDiff => ("g_fd (centred diff.)", "g_fd (diff. centrées)"),
        RelError => ("relative error", "erreur relative"),
        Ratio => ("ratio g_bp / g_fd", "rapport g_bp / g_fd"),
        Criterion => ("course: 0.99–1.01", "cours : 0,99–1,01"),
        Result => ("result", "résultat"),
        WorstEntries => ("The worst entries of all groups, worst first", "Les pires composantes de tous les groupes, la pire d'abord"),
        InputCaption => (
            "∂L/∂x of (q), against differences of L in x (the penalty does not depend on x)",
            "∂L/∂x de (q), comparé aux différences de L en x (la pénalité ne dépend pas de x)"
        ),
        UpdateLabel => ("Update (f)", "Mise à jour (f)"),
        WentDown => ("the objective went down.", "l'objectif a baissé."),
        WentUp => (
            "the objective did not go down: the step goes the wrong way (or η is too large).",
            "l'objectif n'a pas baissé : le pas va dans le mauvais sens (ou η est trop grand)."
        ),
        WentNaN => (
            "the objective after the step is not a number: the update used NaN or ∞ values.",
            "l'objectif après le pas n'est pas un nombre : la mise à jour a utilisé des valeurs NaN ou ∞."
        ),
        PassRule => (
            "An entry passes when g_bp / g_fd lies in 0.99–1.01 (the course's criterion), or its relative error |g_fd − g_bp| / (|g_fd| + |g_bp|) is below 1e-6, or |g_fd − g_bp| ≤ 1e-8 (the rounding noise of the difference). NaN and ∞ always fail.",
            "Une composante réussit quand g_bp / g_fd est compris entre 0,99 et 1,01 (le critère du cours), ou que son erreur relative |g_fd − g_bp| / (|g_fd| + |g_bp|) est sous 1e-6, ou que |g_fd − g_bp| ≤ 1e-8 (le bruit d'arrondi de la différence). NaN et ∞ échouent toujours."
        ),
        DashNote => (
            "“—” in the ratio column: no ratio, because both values are 0 (0/0: e.g. a weight of a dead ReLU unit, hᵃⱼ ≤ 0, whose gradient is blocked; the entry passes), or g_fd alone is 0, or a value is NaN or ∞ (the entry fails).",
            "« — » dans la colonne du rapport : pas de rapport, car les deux valeurs sont nulles (0/0 : p. ex. un poids d'une unité ReLU morte, hᵃⱼ ≤ 0, dont le gradient est bloqué ; la composante réussit), ou g_fd seul est nul, ou une valeur vaut NaN ou ∞ (la composante échoue)."
        ),
        NotRun => ("not run yet for this example.", "pas encore exécutée pour cet exemple."),
        NotRunWord => ("… Waiting:", "… En attente :"),
        RunCheck => ("Run the check", "Lancer la vérification"),
        Running => ("Checking…", "Vérification en cours…"),
        NoExample => ("No example to check.", "Aucun exemple à vérifier."),
        AtKink => ("at the L1 kink", "au coude de L1"),
        CannotRun => (
            "The check cannot run: the parameters or the example are not finite numbers (did training diverge?).",
            "La vérification ne peut pas s'exécuter : les paramètres ou l'exemple ne sont pas des nombres finis (l'entraînement a-t-il divergé ?)."
        ),
    }
    same: []
}

/// "44 entries checked; largest relative error 3.1e-10." or "9 of 44 entries fail (W1, b1, x);
/// largest relative error 1.0000."
pub fn verdict_detail(lang: Lang, failing: usize, total: usize, failing_groups: &[&str], max_rel: &str) -> String {
    let groups = failing_groups.join(", ");
    match (lang, failing) {
        (Lang::En, 0) => format!("{total} entries checked; largest relative error {max_rel}."),
        (Lang::Fr, 0) => format!("{total} composantes vérifiées ; plus grande erreur relative {max_rel}."),
        (Lang::En, _) => format!("{failing} of {total} entries fail ({groups}); largest relative error {max_rel}."),
        (Lang::Fr, _) => {
            format!("{failing} composantes sur {total} échouent ({groups}) ; plus grande erreur relative {max_rel}.")
        }
    }
}

/// What the verdict adds when entries sit at an L1 kink: "3 entries are weights within ε of 0
/// under an L1 term (at the kink): …".
pub fn kink_detail(lang: Lang, kinks: usize) -> String {
    match (lang, kinks) {
        (_, 0) => String::new(),
        (Lang::En, 1) => " 1 entry is a weight within ε of 0 under an L1 term, at the kink of |w|: its g_fd takes the slope λ sign(w) there (sign(0) = 0) instead of the secant across the corner; the rest of R̃ is differenced as usual.".into(),
        (Lang::En, k) => format!(" {k} entries are weights within ε of 0 under an L1 term, at the kink of |w|: their g_fd takes the slope λ sign(w) there (sign(0) = 0) instead of the secant across the corner; the rest of R̃ is differenced as usual."),
        (Lang::Fr, 1) => " 1 composante est un poids à moins de ε de 0 sous un terme L1, au coude de |w| : son g_fd y prend la pente λ sign(w) (sign(0) = 0) au lieu de la sécante à travers le coin ; le reste de R̃ est différencié comme d'habitude.".into(),
        (Lang::Fr, k) => format!(" {k} composantes sont des poids à moins de ε de 0 sous un terme L1, au coude de |w| : leur g_fd y prend la pente λ sign(w) (sign(0) = 0) au lieu de la sécante à travers le coin ; le reste de R̃ est différencié comme d'habitude."),
    }
}

/// The caption line of a large group, shown by its worst entry: "worst of 1792 entries checked;
/// 0 fail".
pub fn worst_of(lang: Lang, total: usize, failing: usize) -> String {
    match lang {
        Lang::En => format!("worst of {total} entries checked; {failing} fail"),
        Lang::Fr => format!("la pire de {total} composantes vérifiées ; {failing} en échec"),
    }
}

/// Why a large network is checked on demand: its n_θ and the forward passes the check costs.
pub fn on_demand_note(lang: Lang, n_params: usize, d: usize) -> String {
    let passes = 2 * (n_params + d);
    match lang {
        Lang::En => format!(
            "This network has n_θ = {n_params} parameters: the check needs {passes} forward passes (two per parameter and per input), so it runs only when asked."
        ),
        Lang::Fr => format!(
            "Ce réseau a n_θ = {n_params} paramètres : la vérification demande {passes} propagations avant (deux par paramètre et par entrée) ; elle ne s'exécute donc que sur demande."
        ),
    }
}

/// "with η = 0.1: R̃ before → after the step: 0.6931 → 0.6912;": the update line's numbers.
pub fn update_numbers(lang: Lang, eta: &str, before: &str, after: &str) -> String {
    match lang {
        Lang::En => format!("with η = {eta}: R̃ before → after the step: {before} → {after};"),
        Lang::Fr => format!("avec η = {eta} : R̃ avant → après le pas : {before} → {after} ;"),
    }
}

/// The pass/fail word of an entry or a group.
pub fn pass_word(lang: Lang, passes: bool) -> &'static str {
    t(lang, if passes { CheckMsg::EntryPass } else { CheckMsg::EntryFail })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_with_values_read_well_in_both_languages() {
        assert_eq!(verdict_detail(Lang::En, 0, 44, &[], "3.1e-10"), "44 entries checked; largest relative error 3.1e-10.");
        assert_eq!(
            verdict_detail(Lang::Fr, 9, 44, &["W1", "x"], "1.0000"),
            "9 composantes sur 44 échouent (W1, x) ; plus grande erreur relative 1.0000."
        );
        assert!(on_demand_note(Lang::En, 4104, 7).contains("8222 forward passes"));
        assert_eq!(pass_word(Lang::Fr, false), "✗ échec");
    }
}
