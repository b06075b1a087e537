//! Texts of presenter mode: the header's tools, the keyboard-shortcut help, the focused-view
//! dialog and the names of the parts a link can hide.

use super::{t, Lang};
use crate::presenter::{Group, Part};

crate::messages! {
    pub enum PresenterMsg {
        Presenter => ("Presenter mode", "Mode présentation"),
        PresenterHelp => (
            "Larger type and thicker lines, for a projector.",
            "Texte plus grand et traits plus épais, pour un projecteur."
        ),
        FocusedView => ("Focused view…", "Vue ciblée…"),
        FocusedViewHeading => ("Focused view: what the page shows", "Vue ciblée : ce que la page montre"),
        FocusedViewIntro => (
            "Untick what the class should not see. The page changes at once, and the link below opens it exactly like this (with the current settings).",
            "Décochez ce que la classe ne doit pas voir. La page change tout de suite, et le lien ci-dessous l'ouvre exactement ainsi (avec les réglages actuels)."
        ),
        ShowEverything => ("Show everything", "Tout afficher"),
        OnlyStepper => ("Only the stepper", "Seulement le pas à pas"),
        OnlyRegions => ("Only d_h and the decision regions", "Seulement d_h et les régions de décision"),
        Presets => ("Ready-made views", "Vues toutes prêtes"),
        Close => ("Close", "Fermer"),
        ShortcutsButton => ("Keyboard shortcuts (?)", "Raccourcis clavier (?)"),
        ShortcutsHeading => ("Keyboard shortcuts", "Raccourcis clavier"),
        ShortcutsIntro => (
            "They work anywhere on the page, except while typing in a field, and also when the control they stand for is hidden.",
            "Ils marchent partout dans la page, sauf pendant la saisie dans un champ, même quand le bouton correspondant est masqué."
        ),
        KeyColumn => ("Key", "Touche"),
        ActionColumn => ("Action", "Action"),
        TrainingKeys => ("Training", "Entraînement"),
        StepperKeys => ("Backprop stepper", "Rétropropagation pas à pas"),
        PageKeys => ("Page", "Page"),
        KeyPlayPause => ("Play or pause training", "Lancer ou mettre en pause l'entraînement"),
        KeyStep => ("Train one minibatch", "Entraîner un minibatch"),
        KeyEpoch => ("Train one epoch", "Entraîner une époque"),
        KeyReset => ("Reset the network to its initial weights", "Remettre le réseau à ses poids initiaux"),
        KeyNext => ("Next equation", "Équation suivante"),
        KeyPrev => ("Previous equation", "Équation précédente"),
        KeyFirst => ("First equation", "Première équation"),
        KeyLast => ("Last equation", "Dernière équation"),
        KeyForward => ("The whole forward pass", "Toute la propagation avant"),
        KeyBackward => ("The whole backward pass", "Toute la rétropropagation"),
        KeyPresenter => ("Presenter mode on or off", "Activer ou désactiver le mode présentation"),
        KeyFocused => ("Focused view (what is hidden)", "Vue ciblée (ce qui est masqué)"),
        KeyLanguage => ("Français / English", "English / Français"),
        KeyHelp => ("This help", "Cette aide"),
        EnterKey => ("Enter", "Entrée"),
        KeyHandBack => (
            "In a field or a menu: done, the keys work on the page again (a menu chosen with the mouse gives them back by itself)",
            "Dans un champ ou un menu : terminé, les touches agissent de nouveau sur la page (un menu choisi à la souris les rend de lui-même)"
        ),
        KeyClose => ("Close a dialog", "Fermer une fenêtre"),
        Space => ("Space", "Espace"),
        Home => ("Home", "Début"),
        End => ("End", "Fin"),
        Or => ("or", "ou"),
        LinkLabel => ("Link to this view", "Lien vers cette vue"),
        CopyLink => ("Copy link", "Copier le lien"),
        Copied => ("Copied.", "Copié."),
        SelectAndCopy => ("Select the link and press Ctrl+C.", "Sélectionnez le lien et faites Ctrl+C."),
        UnknownParts => (
            "This link asks to hide parts the page does not have; they were ignored:",
            "Ce lien demande de masquer des parties que la page n'a pas ; elles ont été ignorées :"
        ),
        UnknownLayout => (
            "This link asks for a layout the page does not have, so it shows the whole page:",
            "Ce lien demande une disposition que la page n'a pas ; elle montre donc la page entière :"
        ),
        Dismiss => ("Dismiss", "Fermer"),
        LayoutLabel => ("Layout", "Disposition"),
        LayoutAll => ("Whole page", "Page entière"),
        LayoutLab => ("Lab", "Labo"),
        LayoutStep => ("Step", "Étape"),
        LayoutCheck => ("Check", "Vérif."),
        KeyLayoutAll => ("Whole page: every panel, one under the other", "Page entière : tous les panneaux, l'un sous l'autre"),
        KeyLayoutLab => (
            "Lab on one screen: decision regions, player, status and curves",
            "Labo sur un écran : régions de décision, lecteur, état et courbes"
        ),
        KeyLayoutStep => (
            "Step on one screen: the step's card and the network diagram",
            "Étape sur un écran : la fiche de l'étape et le schéma du réseau"
        ),
        KeyLayoutCheck => (
            "Check on one screen: the gradient check's verdict and worst entries",
            "Vérification sur un écran : le verdict du contrôle des gradients et ses pires entrées"
        ),
        SettingsDrawer => ("Settings", "Réglages"),
        SettingsDrawerHelp => ("Show or hide the settings", "Afficher ou masquer les réglages"),
        GroupPanels => ("Panels", "Panneaux"),
        GroupFields => ("Settings", "Réglages"),
        GroupPlayer => ("Player", "Lecteur"),
        GroupStepper => ("Stepper", "Pas à pas"),
    }
    same: [ActionColumn, PageKeys]
}

pub use part_names::PartMsg;

/// A module of its own: each `messages!` table brings its test, named the same.
mod part_names {
crate::messages! {
    /// The name of each part a link can hide, as the focused-view dialog lists it.
    pub enum PartMsg {
        Header => ("Title bar", "Barre de titre"),
        Settings => ("Settings column", "Colonne des réglages"),
        DataSettings => ("Data settings", "Réglages des données"),
        NetworkSettings => ("Network settings", "Réglages du réseau"),
        Plot => ("Data and decision regions", "Données et régions de décision"),
        ClickTools => ("Click tools of the plot", "Outils de clic du graphique"),
        Lab => ("Training panel", "Panneau d'entraînement"),
        Curves => ("Curves", "Courbes"),
        RunLink => ("Copy link", "Copier le lien"),
        Stepper => ("Backprop stepper", "Rétropropagation pas à pas"),
        Footer => ("Footer", "Pied de page"),
        Dataset => ("Data set", "Ensemble de données"),
        Points => ("Number of points n", "Nombre de points n"),
        Noise => ("Noise", "Bruit"),
        Seed => ("Seed", "Graine"),
        Classes => ("Classes m", "Classes m"),
        TrainFraction => ("Training fraction", "Fraction d'entraînement"),
        ValidFraction => ("Validation fraction", "Fraction de validation"),
        Features => ("Input features", "Caractéristiques d'entrée"),
        HiddenUnits => ("Hidden units d_h", "Unités cachées d_h"),
        Lambda => ("Weight decay λ", "Pénalité λ"),
        LearningRate => ("Learning rate η", "Taux d'apprentissage η"),
        BatchSize => ("Minibatch size K", "Taille du minibatch K"),
        PlayButton => ("Play / Pause", "Lancer / Pause"),
        StepButtons => ("One example / minibatch / epoch", "Un exemple / minibatch / époque"),
        ResetButton => ("Reset", "Recommencer"),
        NewDataButtons => ("New data, re-initialize", "Nouvelles données, réinitialiser"),
        Speed => ("Speed", "Vitesse"),
        EarlyStopping => ("Early stopping", "Arrêt précoce"),
        Status => ("Status line", "Ligne d'état"),
        Example => ("Example (x, y)", "Exemple (x, y)"),
        Navigation => ("Step buttons", "Boutons des étapes"),
        Diagram => ("Network diagram", "Schéma du réseau"),
        Check => ("Finite-difference check", "Vérification par différences finies"),
        Mistakes => ("Common mistakes", "Erreurs fréquentes"),
        Case => ("Case (JSON)", "Cas (JSON)"),
    }
    same: [Classes]
}
}

/// The name of `part` in `lang`.
pub fn part_name(lang: Lang, part: Part) -> &'static str {
    let msg = match part {
        Part::Header => PartMsg::Header,
        Part::Settings => PartMsg::Settings,
        Part::DataSettings => PartMsg::DataSettings,
        Part::NetworkSettings => PartMsg::NetworkSettings,
        Part::Plot => PartMsg::Plot,
        Part::ClickTools => PartMsg::ClickTools,
        Part::Lab => PartMsg::Lab,
        Part::Curves => PartMsg::Curves,
        Part::RunLink => PartMsg::RunLink,
        Part::Stepper => PartMsg::Stepper,
        Part::Footer => PartMsg::Footer,
        Part::Dataset => PartMsg::Dataset,
        Part::Points => PartMsg::Points,
        Part::Noise => PartMsg::Noise,
        Part::Seed => PartMsg::Seed,
        Part::Classes => PartMsg::Classes,
        Part::TrainFraction => PartMsg::TrainFraction,
        Part::ValidFraction => PartMsg::ValidFraction,
        Part::Features => PartMsg::Features,
        Part::HiddenUnits => PartMsg::HiddenUnits,
        Part::Lambda => PartMsg::Lambda,
        Part::LearningRate => PartMsg::LearningRate,
        Part::BatchSize => PartMsg::BatchSize,
        Part::PlayButton => PartMsg::PlayButton,
        Part::StepButtons => PartMsg::StepButtons,
        Part::ResetButton => PartMsg::ResetButton,
        Part::NewDataButtons => PartMsg::NewDataButtons,
        Part::Speed => PartMsg::Speed,
        Part::EarlyStopping => PartMsg::EarlyStopping,
        Part::Status => PartMsg::Status,
        Part::Example => PartMsg::Example,
        Part::Navigation => PartMsg::Navigation,
        Part::Diagram => PartMsg::Diagram,
        Part::Check => PartMsg::Check,
        Part::Mistakes => PartMsg::Mistakes,
        Part::Case => PartMsg::Case,
    };
    t(lang, msg)
}

/// The heading of `group` in the focused-view dialog.
pub fn group_name(lang: Lang, group: Group) -> &'static str {
    let msg = match group {
        Group::Panels => PresenterMsg::GroupPanels,
        Group::Fields => PresenterMsg::GroupFields,
        Group::Player => PresenterMsg::GroupPlayer,
        Group::Stepper => PresenterMsg::GroupStepper,
    };
    t(lang, msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_has_a_distinct_name_in_both_languages() {
        for lang in Lang::ALL {
            let names: Vec<_> = Part::ALL.iter().map(|&p| part_name(lang, p)).collect();
            for (i, name) in names.iter().enumerate() {
                assert!(!names[..i].contains(name), "{lang:?}: two parts are called {name}");
            }
        }
    }
}
