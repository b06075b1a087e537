//! Texts of the training-curves panel: the charts' titles, axes and legend, the note on mean
//! losses and mean gradients (exercise (e)–(f)), the best validation epoch, the table of the
//! current epoch and the run export.
//!
//! Numbers are written with a decimal point in English and a decimal comma in French.

use super::{number, t, Lang};

crate::messages! {
    /// The training-curves panel's fixed texts.
    pub enum CurvesMsg {
        Heading => ("Training curves", "Courbes d'apprentissage"),
        LossTitle => ("Mean loss per epoch", "Perte moyenne par époque"),
        ErrorTitle => ("Classification error per epoch", "Erreur de classification par époque"),
        EpochAxis => ("epoch", "époque"),
        EpochAxisLog => ("epoch (log scale)", "époque (échelle log.)"),
        EpochAxisLast => ("epoch (the last 500)", "époque (les 500 dernières)"),
        XAxisLabel => ("Epochs", "Époques"),
        XAxisAuto => ("automatic", "automatique"),
        XAxisLinear => ("all, linear", "toutes, linéaire"),
        XAxisLog => ("all, logarithmic", "toutes, logarithmique"),
        XAxisLast => ("the last 500", "les 500 dernières"),
        XAxisHelp => (
            "Automatic: linear up to 500 epochs, then logarithmic, so that a long run still shows its descent. A logarithmic axis starts at epoch 1: epoch 0 (before training) cannot be placed on it.",
            "Automatique : linéaire jusqu'à 500 époques, puis logarithmique, pour qu'un long entraînement montre encore sa descente. Un axe logarithmique commence à l'époque 1 : l'époque 0 (avant l'entraînement) ne peut pas y être placée."
        ),
        MeanLoss => ("mean loss", "perte moyenne"),
        ErrorPercent => ("error (%)", "erreur (%)"),
        Train => ("training", "entraînement"),
        Valid => ("validation", "validation"),
        Test => ("test", "test"),
        Objective => ("training + penalty Ω", "entraînement + pénalité Ω"),
        Penalty => ("penalty Ω", "pénalité Ω"),
        NormW1 => ("‖W⁽¹⁾‖", "‖W⁽¹⁾‖"),
        NormW2 => ("‖W⁽²⁾‖", "‖W⁽²⁾‖"),
        ZeroW1 => ("W⁽¹⁾ at 0", "W⁽¹⁾ à 0"),
        ZeroW2 => ("W⁽²⁾ at 0", "W⁽²⁾ à 0"),
        WeightsHeading => ("The weights", "Les poids"),
        NormsTitle => ("Size of the weights ‖W‖ = √(Σ W²)", "Taille des poids ‖W‖ = √(Σ W²)"),
        ZerosTitle => ("Weights at 0 (%)", "Poids à 0 (%)"),
        NormAxis => ("norm", "norme"),
        ZerosAxis => ("at 0 (%)", "à 0 (%)"),
        NormsChartLabel => (
            "Chart of the norms of W⁽¹⁾ and W⁽²⁾ per epoch: what the penalty shrinks",
            "Graphique des normes de W⁽¹⁾ et W⁽²⁾ par époque : ce que la pénalité réduit"
        ),
        ZerosChartLabel => (
            "Chart of the percentage of the weights of W⁽¹⁾ and of W⁽²⁾ within 1e-6 of 0, per epoch: what an L1 term drives up",
            "Graphique du pourcentage des poids de W⁽¹⁾ et de W⁽²⁾ à moins de 1e-6 de 0, par époque : ce qu'un terme L1 fait monter"
        ),
        WeightsNote => (
            "What the penalty does to the weights. L2 (λ, or λ₁₂ and λ₂₂) shrinks every weight in proportion to its size: ‖W‖ falls, but weights seldom reach 0. L1 (λ₁₁, λ₂₁) pulls every weight toward 0 by the same amount, and a weight whose data pull is weaker stops at exactly 0: the share at 0 rises. A weight counts as at 0 within 1e-6.",
            "Ce que la pénalité fait aux poids. L2 (λ, ou λ₁₂ et λ₂₂) réduit chaque poids en proportion de sa taille : ‖W‖ baisse, mais les poids atteignent rarement 0. L1 (λ₁₁, λ₂₁) tire chaque poids vers 0 de la même quantité, et un poids que les données tirent moins fort s'arrête exactement en 0 : la part à 0 monte. Un poids compte comme nul à 1e-6 près."
        ),
        BestLine => ("best validation epoch", "meilleure époque (validation)"),
        LossChartLabel => (
            "Chart of the mean loss per epoch on the training, validation and test sets; the numbers of the last epoch are in the table below",
            "Graphique de la perte moyenne par époque sur les ensembles d'entraînement, de validation et de test ; les valeurs de la dernière époque sont dans le tableau ci-dessous"
        ),
        ErrorChartLabel => (
            "Chart of the classification error per epoch on the training, validation and test sets; the numbers of the last epoch are in the table below",
            "Graphique de l'erreur de classification par époque sur les ensembles d'entraînement, de validation et de test ; les valeurs de la dernière époque sont dans le tableau ci-dessous"
        ),
        LogScale => ("Log scale", "Échelle logarithmique"),
        MeanNote => (
            "The curves show MEAN losses, (1/n) Σ L(x, y) over each set, and each step of SGD follows the MEAN gradient of its minibatch of K examples, so the learning rate η does not depend on K. The dotted curve is the penalty Ω alone (λ(Σ W⁽¹⁾² + Σ W⁽²⁾²), or the four terms of the full penalty), and the dashed one the training loss plus Ω: the objective that SGD decreases. The grey vertical line marks the best validation epoch.",
            "Les courbes montrent des pertes MOYENNES, (1/n) Σ L(x, y) sur chaque ensemble, et chaque pas de SGD suit le gradient MOYEN de son minibatch de K exemples : le taux d'apprentissage η ne dépend donc pas de K. La courbe pointillée est la pénalité Ω seule (λ(Σ W⁽¹⁾² + Σ W⁽²⁾²), ou les quatre termes de la pénalité complète), et celle en tirets la perte d'entraînement plus Ω : l'objectif que SGD fait baisser. La ligne verticale grise marque la meilleure époque de validation."
        ),
        Empty => (
            "No training history yet: start training and the curves will appear here.",
            "Aucun historique d'entraînement pour l'instant : lancez l'entraînement et les courbes apparaîtront ici."
        ),
        NoValid => (
            "No validation set, so no best epoch: give the validation set a share of the points.",
            "Pas d'ensemble de validation, donc pas de meilleure époque : attribuez-lui une part des points."
        ),
        NotYet => (
            "No best validation epoch yet: it is chosen once an epoch of training has ended.",
            "Pas encore de meilleure époque de validation : elle est choisie dès qu'une époque d'entraînement est terminée."
        ),
        Set => ("set", "ensemble"),
        ObjectiveColumn => ("objective (loss + penalty)", "objectif (perte + pénalité)"),
        EmptySet => ("empty set", "ensemble vide"),
        ExportHeading => ("Export the run", "Exportation de l'entraînement"),
        Export => ("Export run", "Exporter l'entraînement"),
        ExportLabel => (
            "The run as JSON: the settings and, for each epoch, the three sets' statistics",
            "L'entraînement en JSON : les réglages et, pour chaque époque, les statistiques des trois ensembles"
        ),
        ExportHelp => (
            "Losses and objectives are means over each set; errors are fractions between 0 and 1; null marks an empty set.",
            "Les pertes et les objectifs sont des moyennes sur chaque ensemble ; les erreurs sont des fractions entre 0 et 1 ; null marque un ensemble vide."
        ),
        Download => ("Download backprop-run.json", "Télécharger backprop-run.json"),
        DownloadFailed => (
            "The download failed: copy the text above instead.",
            "Le téléchargement a échoué : copiez plutôt le texte ci-dessus."
        ),
    }
    same: [Valid, Test, NormW1, NormW2]
}

/// "Best validation loss 0.123 at epoch 42".
pub fn best_epoch(lang: Lang, loss: f64, epoch: usize) -> String {
    let loss = number(lang, loss, 3);
    match lang {
        Lang::En => format!("Best validation loss {loss} at epoch {epoch}"),
        Lang::Fr => format!("Meilleure perte de validation : {loss} à l'époque {epoch}"),
    }
}

/// The table's caption: "Epoch 42 (the latest)".
pub fn table_caption(lang: Lang, epoch: usize, diverged: bool) -> String {
    match (lang, diverged) {
        (Lang::En, false) => format!("Epoch {epoch} (the latest)"),
        (Lang::Fr, false) => format!("Époque {epoch} (la dernière)"),
        (Lang::En, true) => format!("Epoch {epoch}, where training diverged (the network as it blew up)"),
        (Lang::Fr, true) => format!("Époque {epoch}, où l'entraînement a divergé (le réseau tel qu'il a explosé)"),
    }
}

/// "Dead hidden units (never active on the training set): 2".
pub fn dead_units(lang: Lang, count: usize) -> String {
    match lang {
        Lang::En => format!("Dead hidden units (never active on the training set): {count}"),
        Lang::Fr => format!("Unités cachées mortes (jamais actives sur l'ensemble d'entraînement) : {count}"),
    }
}

/// "Exported at epoch 42 (43 records). Export again to include later epochs."
pub fn exported_at(lang: Lang, epoch: usize, records: usize) -> String {
    match lang {
        Lang::En => format!("Exported at epoch {epoch} ({records} records). Export again to include later epochs."),
        Lang::Fr => format!(
            "Exporté à l'époque {epoch} ({records} enregistrements). Exportez de nouveau pour inclure les époques suivantes."
        ),
    }
}

/// The legend names of the training, validation and test curves and of the objective, in the
/// order `crate::plot::curves::CurveStyle::names` takes them.
/// A layer's histogram, in words: "W⁽¹⁾: 64 weights from −1.97 to 1.97; 59 at 0 (the
/// vermillion bar)".
pub fn histogram_caption(lang: Lang, layer: u8, (total, zeros): (usize, usize), reach: f64) -> String {
    let name = if layer == 1 { "W⁽¹⁾" } else { "W⁽²⁾" };
    let (lo, hi) = (super::fixed(lang, -reach), super::fixed(lang, reach));
    match lang {
        Lang::En => format!("{name}: {total} weights from {lo} to {hi}; {zeros} at 0 (the vermillion bar)"),
        Lang::Fr => format!("{name} : {total} poids de {lo} à {hi} ; {zeros} à 0 (la barre vermillon)"),
    }
}

/// The curves' names, in the order of `plot::curves::Curve::ALL`.
pub fn legend_names(lang: Lang) -> [&'static str; 9] {
    [
        CurvesMsg::Train,
        CurvesMsg::Valid,
        CurvesMsg::Test,
        CurvesMsg::Objective,
        CurvesMsg::Penalty,
        CurvesMsg::NormW1,
        CurvesMsg::NormW2,
        CurvesMsg::ZeroW1,
        CurvesMsg::ZeroW2,
    ]
    .map(|m| t(lang, m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::percent;

    #[test]
    fn numbers_keep_three_significant_digits_and_use_the_french_comma() {
        assert_eq!(number(Lang::En, 0.123456, 3), "0.123");
        assert_eq!(number(Lang::Fr, 0.123456, 3), "0,123");
        assert_eq!(number(Lang::En, 1.23456, 3), "1.23");
        assert_eq!(number(Lang::En, 0.0123456, 3), "0.0123");
        assert_eq!(number(Lang::En, 123.456, 3), "123");
        assert_eq!(number(Lang::En, 0.0, 3), "0");
        assert_eq!(number(Lang::En, 2.5e-7, 3), "2.50e-7");
        assert_eq!(number(Lang::En, f64::NAN, 3), "NaN");
        assert_eq!(number(Lang::En, f64::INFINITY, 3), "∞");
        // 0.0999 has magnitude -2: three digits after the leading 9 would round up to 0.100.
        assert_eq!(number(Lang::En, 0.0999, 3), "0.0999");
    }

    #[test]
    fn sentences_read_in_both_languages() {
        assert_eq!(best_epoch(Lang::En, 0.1234, 42), "Best validation loss 0.123 at epoch 42");
        assert_eq!(best_epoch(Lang::Fr, 0.1234, 42), "Meilleure perte de validation : 0,123 à l'époque 42");
        assert_eq!(percent(Lang::En, 0.125), "12.5");
        assert_eq!(percent(Lang::Fr, 0.125), "12,5");
        assert_eq!(legend_names(Lang::Fr)[0], "entraînement");
    }
}
