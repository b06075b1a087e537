//! Texts of the training lab: the plot's click tools, the player and its messages.

use super::Lang;
use mlp::Divergence;

crate::messages! {
    pub enum LabMsg {
        Heading => ("Training", "Entraînement"),
        ClickDoes => ("A click on the plot", "Un clic sur le graphique"),
        ClickAdd => ("adds a point of", "ajoute un point de la"),
        AddClass => ("Class of the added points", "Classe des points ajoutés"),
        ClickRemove => ("removes the nearest point", "retire le point le plus proche"),
        ClickPick => ("picks the stepper's example", "choisit l'exemple du pas à pas"),
        ClearPoints => ("Clear all points", "Effacer tous les points"),
        ShiftRemoves => ("Shift-click always removes.", "Maj-clic retire toujours."),
        AtPoint => ("Or at the point (x₁, x₂)", "Ou au point (x₁, x₂)"),
        AtPointApply => ("Apply", "Appliquer"),
        AtPointHelp => (
            "Does what a click does (add, remove or pick) at the typed point, without the mouse.",
            "Fait ce que fait un clic (ajouter, retirer ou choisir) au point saisi, sans la souris."
        ),
        Play => ("Play", "Lancer"),
        Pause => ("Pause", "Pause"),
        OneExample => ("One example", "Un exemple"),
        OneMinibatch => ("One minibatch", "Un minibatch"),
        OneEpoch => ("One epoch", "Une époque"),
        Reset => ("Reset", "Recommencer"),
        NewData => ("New data", "Nouvelles données"),
        Reinitialize => ("Re-initialize weights", "Réinitialiser les poids"),
        Speed => ("Speed", "Vitesse"),
        MistakesOnTraining => (
            "Training with mistakes switched on:",
            "Entraînement avec des erreurs activées :"
        ),
        MistakesOffButton => ("Switch them off", "Les désactiver"),
        PlotMistakesBadge => ("⚠ Trained with mistakes on", "⚠ Entraîné avec des erreurs activées"),
        Fastest => ("as fast as possible", "aussi vite que possible"),
        EpochsPerSecond => ("epochs/s", "époques/s"),
        TeachingPace => ("Teaching pace", "Rythme de cours"),
        TeachingPaceOption => ("teaching pace", "rythme de cours"),
        TeachingPaceHelp => (
            "2 epochs a second at first, so the class sees the regions move epoch by epoch; then each doubling of the epochs takes 2 s (epoch 100 after about 11 s, 10 000 after about 24 s).",
            "2 époques par seconde au début, pour que la classe voie les régions bouger époque par époque ; puis chaque doublement du nombre d'époques prend 2 s (époque 100 après environ 11 s, 10 000 après environ 24 s)."
        ),
        FastPace => ("As fast as possible", "Aussi vite que possible"),
        StopAtBest => ("Stop at best validation", "Arrêter au meilleur score de validation"),
        RestoreBest => ("Restore best weights", "Restaurer les meilleurs poids"),
        Epoch => ("epoch", "époque"),
        ExamplesSeen => ("examples seen", "exemples vus"),
        TrainLoss => ("training loss", "perte d'entraînement"),
        TrainError => ("training error", "erreur d'entraînement"),
        Rate => ("examples/s", "exemples/s"),
        Paused => ("Paused.", "En pause."),
        Playing => ("Training…", "Entraînement en cours…"),
        CopyLink => ("Copy link", "Copier le lien"),
        RunLinkLabel => ("Link to this run", "Lien vers cet entraînement"),
        LinkCopied => (
            "Copied: this link reproduces the same data, initial weights and training.",
            "Copié : ce lien reproduit les mêmes données, les mêmes poids initiaux et le même entraînement."
        ),
        LinkSelectAndCopy => ("Select the link and press Ctrl+C.", "Sélectionnez le lien et faites Ctrl+C."),
        RegionsCaption => (
            "Background: the class the network predicts at each point, paler where it is less sure (max oˢ).",
            "Fond : la classe que le réseau prédit en chaque point, plus pâle là où il est moins sûr (max oˢ)."
        ),
        Starting => ("Starting the trainer…", "Démarrage de l'entraîneur…"),
        MainThread => (
            "Training runs on the page's own thread: the background worker could not start, so the page may answer more slowly while it trains.",
            "L'entraînement tourne dans le fil de la page : le travailleur d'arrière-plan n'a pas pu démarrer, la page peut donc répondre plus lentement pendant l'entraînement."
        ),
        Unavailable => (
            "Training cannot run: this browser could not load the trainer. The stepper and the gradient check still work; reload the page to try again.",
            "L'entraînement ne peut pas tourner : ce navigateur n'a pas pu charger l'entraîneur. Le pas à pas et la vérification du gradient fonctionnent toujours ; rechargez la page pour réessayer."
        ),
        NoTrainingSet => ("No training point: add points by clicking the plot, or choose new data.", "Aucun point d'entraînement : ajoutez des points en cliquant sur le graphique, ou choisissez de nouvelles données."),
    }
    same: [Pause]
}

/// Why training stopped by itself, and what to change.
pub fn divergence_message(lang: Lang, divergence: &Divergence, eta: f64) -> String {
    format!("{} {}", divergence_what(lang, divergence), divergence_advice(lang, divergence, eta))
}

/// What stopped training: "Training stopped: the loss exploded (…) at epoch 2."
fn divergence_what(lang: Lang, divergence: &Divergence) -> String {
    match (lang, divergence) {
        (Lang::En, Divergence::NonFinite { epoch, step }) => {
            format!("Training stopped: a loss or a weight became NaN or infinite at epoch {epoch}, step {step}.")
        }
        (Lang::Fr, Divergence::NonFinite { epoch, step }) => {
            format!("Entraînement arrêté : une perte ou un poids est devenu NaN ou infini à l'époque {epoch}, pas {step}.")
        }
        (Lang::En, Divergence::Exploding { epoch, loss }) => {
            format!("Training stopped: the loss exploded (mean minibatch loss {loss:.3e}) at epoch {epoch}.")
        }
        (Lang::Fr, Divergence::Exploding { epoch, loss }) => format!(
            "Entraînement arrêté : la perte a explosé (perte moyenne du minibatch {}) à l'époque {epoch}.",
            super::localize(lang, &format!("{loss:.3e}"))
        ),
        (Lang::En, Divergence::DeadNetwork { epoch }) => format!(
            "Training stopped: at epoch {epoch} every hidden unit is dead (hᵃ ≤ 0 on every training point), so no \
             gradient reaches W⁽¹⁾, b⁽¹⁾ or W⁽²⁾."
        ),
        (Lang::Fr, Divergence::DeadNetwork { epoch }) => format!(
            "Entraînement arrêté : à l'époque {epoch}, toutes les unités cachées sont mortes (hᵃ ≤ 0 pour chaque point \
             d'entraînement), donc aucun gradient n'atteint W⁽¹⁾, b⁽¹⁾ ni W⁽²⁾."
        ),
    }
}

/// What to change after a divergence, η written in `lang`'s notation.
fn divergence_advice(lang: Lang, divergence: &Divergence, eta: f64) -> String {
    let eta = super::plain(lang, eta);
    match (lang, divergence) {
        (Lang::En, Divergence::NonFinite { .. }) => format!("Lower the learning rate η (now {eta}) or λ, then press Reset."),
        (Lang::Fr, Divergence::NonFinite { .. }) => {
            format!("Baissez le taux d'apprentissage η (actuellement {eta}) ou λ, puis cliquez sur Recommencer.")
        }
        (Lang::En, Divergence::Exploding { .. }) => {
            format!("The steps are too large: lower the learning rate η (now {eta}), then press Reset.")
        }
        (Lang::Fr, Divergence::Exploding { .. }) => format!(
            "Les pas sont trop grands : baissez le taux d'apprentissage η (actuellement {eta}), puis cliquez sur Recommencer."
        ),
        (Lang::En, Divergence::DeadNetwork { .. }) => {
            format!("Lower η (now {eta}), re-initialize the weights or add hidden units.")
        }
        (Lang::Fr, Divergence::DeadNetwork { .. }) => {
            format!("Baissez η (actuellement {eta}), réinitialisez les poids ou ajoutez des unités cachées.")
        }
    }
}

/// A divergence while mistakes are switched on: what stopped, then the mistakes (`names`,
/// already joined) as the likely cause, and the usual advice only for after they are off.
pub fn divergence_with_mistakes(lang: Lang, divergence: &Divergence, eta: f64, names: &str) -> String {
    let (what, advice) = (divergence_what(lang, divergence), divergence_advice(lang, divergence, eta));
    match lang {
        Lang::En => format!(
            "{what} Mistakes are switched on ({names}): they are the likely cause. Switch them off, then press Reset. \
             If training still diverges without them: {advice}"
        ),
        Lang::Fr => format!(
            "{what} Des erreurs sont activées ({names}) : elles en sont la cause probable. Désactivez-les, puis cliquez \
             sur Recommencer. Si l'entraînement diverge encore sans elles : {advice}"
        ),
    }
}

/// "Stopped at the best validation epoch 42; its weights are restored."
pub fn stopped_at_best(lang: Lang, epoch: usize) -> String {
    match lang {
        Lang::En => format!("Stopped: the validation loss has not improved since epoch {epoch}; its weights are restored."),
        Lang::Fr => format!("Arrêt : la perte de validation ne s'améliore plus depuis l'époque {epoch} ; ses poids sont restaurés."),
    }
}

/// Which network the stepper walks: the lab's, as it was after `epoch` epochs and `seen`
/// examples (while training it is refreshed twice a second).
pub fn walked_network(lang: Lang, epoch: usize, seen: usize) -> String {
    match lang {
        Lang::En => format!("The network after epoch {epoch} ({seen} examples seen)."),
        Lang::Fr => format!("Le réseau après l'époque {epoch} ({seen} exemples vus)."),
    }
}
