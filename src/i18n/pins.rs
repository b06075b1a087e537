//! Texts of the pinned runs: the buttons, what differs from the current run, why a pin is not in
//! the link, and its retraining.

use super::penalty::penalty_text;
use super::rule::rule_text;
use super::{plain, Lang};
use crate::pins::{differences, Origin, PinProblem, PinSpec};
use crate::settings::Settings;
use mlp::Mistakes;

crate::messages! {
    pub enum PinsMsg {
        Heading => ("Pinned runs", "Entraînements épinglés"),
        Pin => ("Pin this run", "Épingler cet entraînement"),
        PinHelp => (
            "Keeps this run (its settings, curves and weights) to compare with the next ones: change a setting, train again, and see both. Up to 4 runs.",
            "Garde cet entraînement (ses réglages, ses courbes et ses poids) pour le comparer aux suivants : changez un réglage, entraînez de nouveau et voyez les deux. Jusqu'à 4 entraînements."
        ),
        Full => ("Four runs are pinned: unpin one to pin this run.", "Quatre entraînements sont épinglés : désépinglez-en un pour épingler celui-ci."),
        NothingYet => ("Train the network first: a run is pinned once it has trained.", "Entraînez d'abord le réseau : un entraînement s'épingle une fois entraîné."),
        Unpin => ("Unpin", "Désépingler"),
        UnpinAll => ("Unpin all", "Tout désépingler"),
        Current => ("current run", "entraînement en cours"),
        Same => ("same settings", "mêmes réglages"),
        Versus => ("vs", "contre"),
        TrainingError => ("training error", "erreur d'entraînement"),
        Retraining => ("retraining from the link…", "réentraînement depuis le lien…"),
        RetrainFailed => (
            "could not be retrained: its settings give no training set here, or it diverged before its end.",
            "n'a pas pu être réentraîné : ses réglages ne donnent pas d'ensemble d'entraînement ici, ou il a divergé avant sa fin."
        ),
        Unpinned => (
            "The data changed: the pinned runs, trained on the previous data, were unpinned.",
            "Les données ont changé : les entraînements épinglés, faits sur les données précédentes, ont été désépinglés."
        ),
        NotInLinkSettings => (
            "not in the link: a setting changed while it trained, so its settings alone would not give this run again.",
            "absent du lien : un réglage a changé pendant l'entraînement, ses réglages seuls ne redonneraient pas cet entraînement."
        ),
        NotInLinkWeights => (
            "not in the link: it started from weights loaded from a file.",
            "absent du lien : il est parti de poids chargés depuis un fichier."
        ),
        NotInLinkBest => (
            "not in the link: its best validation weights were put back.",
            "absent du lien : ses meilleurs poids de validation ont été remis."
        ),
        NotInLinkExampleSteps => (
            "not in the link: it took steps of one example while K > 1, which its settings alone do not say.",
            "absent du lien : il a fait des pas d'un exemple avec K > 1, ce que ses réglages seuls ne disent pas."
        ),
        RegionsLabel => ("Decision regions of pinned run", "Régions de décision de l'entraînement épinglé"),
        LinkProblems => ("Some pinned runs of this link could not be used", "Certains entraînements épinglés de ce lien n'ont pas pu être utilisés"),
        Features => ("features", "caractéristiques"),
        InitialWeights => ("initial weights no.", "poids initiaux n°"),
        Mistakes => ("mistakes", "erreurs"),
        NoMistakes => ("no mistakes", "sans erreurs"),
    }
    same: []
}

/// One group of settings as a summary writes it: "λ = 0.01", "Adam (β₁ = 0.9, …)", "d_h = 32".
fn group_text(lang: Lang, group: usize, s: &Settings, mistakes: Mistakes) -> String {
    let t = |m| super::t(lang, m);
    match group {
        0 => format!("{} = {}", t(PinsMsg::Features), s.features.to_keys()),
        1 => format!("d_h = {}", s.d_h),
        2 => penalty_text(lang, &s.penalty),
        3 => format!("η = {}", plain(lang, s.eta)),
        4 => format!("K = {}", s.batch_size),
        5 => format!("{} {}", t(PinsMsg::InitialWeights), s.init),
        6 => rule_text(lang, s.rule),
        _ if mistakes.is_empty() => t(PinsMsg::NoMistakes).to_owned(),
        _ => format!("{}: {}", t(PinsMsg::Mistakes), mistakes.to_keys()),
    }
}

/// "λ = 0.01 vs 0.001": what differs between a pin and the current run, each group with the
/// pin's value then the run's (a shared "name = " said once); "same settings" when nothing does.
pub fn difference_text(lang: Lang, pin: &PinSpec, settings: &Settings, mistakes: Mistakes) -> String {
    let versus = super::t(lang, PinsMsg::Versus);
    let parts: Vec<String> = differences(pin, settings, mistakes)
        .iter()
        .map(|d| {
            let pinned = group_text(lang, d.group, &pin.settings, pin.mistakes);
            let current = group_text(lang, d.group, settings, mistakes);
            match (pinned.split_once(" = "), current.split_once(" = ")) {
                (Some((a, va)), Some((b, vb))) if a == b && !va.contains(" = ") && !vb.contains(" = ") => format!("{a} = {va} {versus} {vb}"),
                _ => format!("{pinned} {versus} {current}"),
            }
        })
        .collect();
    match parts.is_empty() {
        true => super::t(lang, PinsMsg::Same).to_owned(),
        false => parts.join("; "),
    }
}

/// Why a pin is not in the link, if it is not.
pub fn origin_note(origin: Origin) -> Option<PinsMsg> {
    match origin {
        Origin::Settings => None,
        Origin::EditedSettings => Some(PinsMsg::NotInLinkSettings),
        Origin::LoadedWeights => Some(PinsMsg::NotInLinkWeights),
        Origin::BestRestored => Some(PinsMsg::NotInLinkBest),
        Origin::ExampleSteps => Some(PinsMsg::NotInLinkExampleSteps),
    }
}

/// Why pin number `index` (from 0) of a link was not used.
pub fn problem_text(lang: Lang, index: usize, problem: &PinProblem) -> String {
    let n = index + 1;
    let quoted = |v: &str| v.chars().take(40).collect::<String>();
    match (lang, problem) {
        (_, PinProblem::Setting(notice)) => format!("{n}: {}", super::url_state::url_notice(lang, notice)),
        (Lang::En, PinProblem::Key(k)) => format!("{n}: “{}” is not a setting a pin can change (key:value, of the network or its training).", quoted(k)),
        (Lang::Fr, PinProblem::Key(k)) => format!("{n} : « {} » n'est pas un réglage qu'un épinglé peut changer (clé:valeur, du réseau ou de l'entraînement).", quoted(k)),
        (Lang::En, PinProblem::Examples(v)) => format!("{n}: its number of examples “at:{}” must be a whole number from 1 to 50,000,000.", quoted(v)),
        (Lang::Fr, PinProblem::Examples(v)) => format!("{n} : son nombre d'exemples « at:{} » doit être un entier de 1 à 50 000 000.", quoted(v)),
        (Lang::En, PinProblem::Mistakes(v)) => format!("{n}: unknown mistakes “{}”.", quoted(v)),
        (Lang::Fr, PinProblem::Mistakes(v)) => format!("{n} : erreurs inconnues « {} ».", quoted(v)),
        (Lang::En, PinProblem::TooMany) => format!("{n}: at most 4 runs are pinned."),
        (Lang::Fr, PinProblem::TooMany) => format!("{n} : au plus 4 entraînements sont épinglés."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mlp::{Penalty, UpdateRule};

    #[test]
    fn the_difference_names_the_setting_once_and_both_values() {
        let page = Settings::default();
        let mut pin = PinSpec { settings: page.clone(), mistakes: Mistakes::NONE, examples: 1 };
        assert_eq!(difference_text(Lang::En, &pin, &page, Mistakes::NONE), "same settings");
        pin.settings.penalty = Penalty::weight_decay(0.01);
        assert_eq!(difference_text(Lang::En, &pin, &page, Mistakes::NONE), "λ = 0.01 vs 0.001");
        assert_eq!(difference_text(Lang::Fr, &pin, &page, Mistakes::NONE), "λ = 0,01 contre 0,001");
        pin.settings.rule = UpdateRule::ADAM;
        pin.settings.d_h = 32;
        assert_eq!(
            difference_text(Lang::En, &pin, &page, Mistakes::NONE),
            "d_h = 32 vs 8; λ = 0.01 vs 0.001; Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8) vs SGD (the course's)"
        );
    }
}
