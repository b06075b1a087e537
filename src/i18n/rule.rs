//! Texts of the update rule of step (f): the menu, each rule's equations, its coefficients and
//! when its state starts over.

use super::Lang;
use mlp::UpdateRule;

crate::messages! {
    pub enum RuleMsg {
        Rule => ("Update rule (f)", "Règle de mise à jour (f)"),
        Sgd => ("SGD (the course's)", "SGD (celle du cours)"),
        Momentum => ("momentum", "momentum"),
        Nesterov => ("Nesterov momentum", "momentum de Nesterov"),
        Adam => ("Adam", "Adam"),
        SgdHelp => (
            "θ ← θ − η g, with g = ∇R̃ of the minibatch.",
            "θ ← θ − η g, avec g = ∇R̃ du minibatch."
        ),
        MomentumHelp => (
            "v ← β v + g; θ ← θ − η v. The velocity v starts at 0.",
            "v ← β v + g ; θ ← θ − η v. La vitesse v part de 0."
        ),
        NesterovHelp => (
            "v ← β v + g; θ ← θ − η (g + β v): the step looks ahead along v. v starts at 0.",
            "v ← β v + g ; θ ← θ − η (g + β v) : le pas anticipe le long de v. v part de 0."
        ),
        AdamHelp => (
            "m ← β₁ m + (1 − β₁) g; s ← β₂ s + (1 − β₂) g²; m̂ = m / (1 − β₁ᵗ), ŝ = s / (1 − β₂ᵗ); θ ← θ − η m̂ / (√ŝ + ε). m, s start at 0 and t counts the steps from 1.",
            "m ← β₁ m + (1 − β₁) g ; s ← β₂ s + (1 − β₂) g² ; m̂ = m / (1 − β₁ᵗ), ŝ = s / (1 − β₂ᵗ) ; θ ← θ − η m̂ / (√ŝ + ε). m et s partent de 0 et t compte les pas à partir de 1."
        ),
        ResetNote => (
            "The rule's state starts over at 0 with new weights (Reset, Re-initialize, another shape or data, weights loaded or restored) and with another rule; a new η or coefficient keeps it.",
            "L'état de la règle repart de 0 avec de nouveaux poids (Réinitialiser, Nouveaux poids, une autre forme ou d'autres données, des poids chargés ou restaurés) et avec une autre règle ; un nouveau η ou coefficient le conserve."
        ),
        FirstStepNote => (
            "The stepper takes the rule's first step on this example, from its state at 0 (v = 0; m = s = 0 and t = 1): momentum's first step is SGD's, Nesterov's is θ − η(1 + β)g, Adam's θ − η g / (|g| + ε) entry by entry. Training carries the state from step to step.",
            "Le pas à pas fait le premier pas de la règle sur cet exemple, à partir de son état à 0 (v = 0 ; m = s = 0 et t = 1) : le premier pas du momentum est celui de SGD, celui de Nesterov θ − η(1 + β)g, celui d'Adam θ − η g / (|g| + ε) composante par composante. L'entraînement garde l'état d'un pas à l'autre."
        ),
        StateHeading => ("The trainer's state now", "L'état de l'entraîneur maintenant"),
        StateHelp => (
            "What the rule remembers at the network the stepper walks: training's next step starts from it (the equations above start from 0, as the first step does). t counts the steps since the state was last reset.",
            "Ce que la règle a en mémoire pour le réseau que parcourt le pas à pas : le prochain pas de l'entraînement part de là (les équations ci-dessus partent de 0, comme le premier pas). t compte les pas depuis la dernière remise à 0."
        ),
        StateZero => ("until the first step.", "jusqu'au premier pas."),
        StateCut => (": the first 8 rows and columns", " : les 8 premières lignes et colonnes"),
        Beta => ("β", "β"),
        Beta1 => ("β₁", "β₁"),
        Beta2 => ("β₂", "β₂"),
        Epsilon => ("ε", "ε"),
    }
    same: [Momentum, Adam, Beta, Beta1, Beta2, Epsilon]
}

/// The rule's name in the menu.
pub fn rule_name(rule: UpdateRule) -> RuleMsg {
    match rule {
        UpdateRule::Sgd => RuleMsg::Sgd,
        UpdateRule::Momentum { .. } => RuleMsg::Momentum,
        UpdateRule::Nesterov { .. } => RuleMsg::Nesterov,
        UpdateRule::Adam { .. } => RuleMsg::Adam,
    }
}

/// The rule's equations.
pub fn rule_help(rule: UpdateRule) -> RuleMsg {
    match rule {
        UpdateRule::Sgd => RuleMsg::SgdHelp,
        UpdateRule::Momentum { .. } => RuleMsg::MomentumHelp,
        UpdateRule::Nesterov { .. } => RuleMsg::NesterovHelp,
        UpdateRule::Adam { .. } => RuleMsg::AdamHelp,
    }
}

/// "momentum (β = 0.9)": the rule and its coefficients, for summaries.
pub fn rule_text(lang: Lang, rule: UpdateRule) -> String {
    let name = super::t(lang, rule_name(rule));
    let v = |x: f64| super::plain(lang, x);
    match rule {
        UpdateRule::Sgd => name.to_owned(),
        UpdateRule::Momentum { beta } | UpdateRule::Nesterov { beta } => format!("{name} (β = {})", v(beta)),
        UpdateRule::Adam { beta1, beta2, epsilon } => format!("{name} (β₁ = {}, β₂ = {}, ε = {epsilon:e})", v(beta1), v(beta2)),
    }
}
