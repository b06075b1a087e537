//! Texts of the exports: the "Save image (PNG)" buttons and what the images say (title line,
//! settings line, class legend), and the stepper's LaTeX and Markdown snippets (their buttons
//! and their headings).
//!
//! The course's notation (n, m, d, d_h, λ, η, K) is the same in both languages; numbers on the
//! images take a decimal comma in French, as the page does.

use super::{dataset_name, t, Lang};
use crate::settings::Settings;
use crate::url_state::number_text;

crate::messages! {
    /// The exports' fixed texts.
    pub enum ExportMsg {
        SaveImage => ("Save image (PNG)", "Enregistrer l'image (PNG)"),
        SaveRegionsLabel => ("Save image (PNG) of the decision regions", "Enregistrer l'image (PNG) des régions de décision"),
        SaveCurvesLabel => ("Save image (PNG) of the training curves", "Enregistrer l'image (PNG) des courbes d'entraînement"),
        ImageReady => ("Image saved; if the download did not start, use this link:", "Image enregistrée ; si le téléchargement n'a pas commencé, utilisez ce lien :"),
        ImageFailed => (
            "The image could not be made in this browser: take a screenshot instead.",
            "L'image n'a pas pu être créée dans ce navigateur : faites plutôt une capture d'écran."
        ),
        RegionsTitle => ("decision regions", "régions de décision"),
        CurvesTitle => ("training curves", "courbes d'apprentissage"),
        Epoch => ("epoch", "époque"),
        Noise => ("noise", "bruit"),
        Seed => ("seed", "graine"),
        Features => ("features", "caractéristiques"),
        Split => ("training/validation/test", "entraînement/validation/test"),
        Init => ("re-initializations", "réinitialisations"),
        SnippetGroup => ("This step as a snippet", "Cette étape en extrait"),
        Latex => ("LaTeX", "LaTeX"),
        Markdown => ("Markdown", "Markdown"),
        LatexLabel => (
            "This step in LaTeX, with its numbers (compiles with the amsmath package alone)",
            "Cette étape en LaTeX, avec ses nombres (compile avec le seul paquet amsmath)"
        ),
        MarkdownLabel => (
            "This step in Markdown, with its numbers as tables (formulas between $$)",
            "Cette étape en Markdown, avec ses nombres en tableaux (formules entre $$)"
        ),
        Copy => ("Copy", "Copier"),
        Copied => ("Copied.", "Copié."),
        CopyFailed => ("Could not copy: select the text and copy it.", "Impossible de copier : sélectionnez le texte et copiez-le."),
        Download => ("Download", "Télécharger"),
        DownloadFailed => ("The download failed: copy the text instead.", "Le téléchargement a échoué : copiez plutôt le texte."),
        Hide => ("Hide", "Masquer"),
        // Headings inside the snippets.
        WithNumbers => ("With the numbers", "Avec les nombres"),
        Example => ("Example", "Exemple"),
        Shapes => ("Shapes", "Dimensions"),
        Shape => ("shape", "dimensions"),
        Altered => (
            "These numbers come from a mistake switched on, not from the equation:",
            "Ces nombres viennent d'une erreur activée, pas de l'équation :"
        ),
        Numbers => ("Numbers", "Nombres"),
        Reads => ("reads", "lit"),
        Writes => ("writes", "écrit"),
        Generated => ("Made by Backprop Lab", "Produit par Backprop Lab"),
        NeedsAmsmath => ("needs only \\usepackage{amsmath}", "ne demande que \\usepackage{amsmath}"),
        Precision => (
            "numbers rounded as the stepper shows them",
            "nombres arrondis comme le pas à pas les affiche"
        ),
    }
    same: [Latex, Markdown]
}

/// Which plot an image shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    Regions,
    Curves,
}

/// The image's title line: "Backprop Lab — decision regions, epoch 12" (no epoch when it is
/// not known).
pub fn figure_title(lang: Lang, figure: Figure, epoch: Option<usize>) -> String {
    let what = t(lang, if figure == Figure::Regions { ExportMsg::RegionsTitle } else { ExportMsg::CurvesTitle });
    match epoch {
        Some(epoch) => format!("Backprop Lab — {what}, {} {epoch}", t(lang, ExportMsg::Epoch)),
        None => format!("Backprop Lab — {what}"),
    }
}

/// A setting's value in its shortest exact form (as the link writes it), with a decimal comma
/// in French.
fn value(lang: Lang, v: f64) -> String {
    let text = number_text(v);
    match lang {
        Lang::En => text,
        Lang::Fr => text.replace('.', ","),
    }
}

/// What defines the run, one item each, to be joined with " · " (and wrapped) on the image:
/// the data set, n, the noise, the seed, m, the split, the input features and d, d_h, λ, η, K
/// and the re-initializations (mixed into the weights' seed).
pub fn settings_items(lang: Lang, s: &Settings) -> Vec<String> {
    let features: Vec<&str> = s.features.iter().map(|f| f.label()).collect();
    let test = (1.0 - s.train_frac - s.valid_frac).max(0.0);
    // Two decimals at most: 0.7/0.15/0.15, not 0.15000000000000002.
    let fraction = |f: f64| value(lang, (f * 100.0).round() / 100.0);
    let colon = if lang == Lang::Fr { " :" } else { ":" };
    // A set read from a file has no n, noise or features to state: its inputs are its own.
    let generated = s.dataset.is_generated();
    let inputs = if generated {
        format!("{}{colon} {} (d = {})", t(lang, ExportMsg::Features), features.join(", "), s.d())
    } else {
        format!("{} (d = {})", t(lang, crate::i18n::data::DataMsg::Pixels), s.d())
    };
    let drawn = [format!("n = {}", s.n), format!("{} = {}", t(lang, ExportMsg::Noise), value(lang, s.noise))];
    std::iter::once(dataset_name(lang, s.dataset).to_owned())
        .chain(drawn.into_iter().filter(|_| generated))
        .chain([
            format!("{} = {}", t(lang, ExportMsg::Seed), s.seed),
            format!("m = {}", s.m),
            format!("{} = {}/{}/{}", t(lang, ExportMsg::Split), fraction(s.train_frac), fraction(s.valid_frac), fraction(test)),
            inputs,
            format!("d_h = {}", s.d_h),
            super::penalty::penalty_text(lang, &s.penalty),
            format!("η = {}", value(lang, s.eta)),
            format!("K = {}", s.batch_size),
            format!("{} = {}", t(lang, ExportMsg::Init), s.init),
        ])
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_plot_and_the_epoch() {
        assert_eq!(figure_title(Lang::En, Figure::Regions, Some(12)), "Backprop Lab — decision regions, epoch 12");
        assert_eq!(figure_title(Lang::Fr, Figure::Curves, Some(3)), "Backprop Lab — courbes d'apprentissage, époque 3");
        assert_eq!(figure_title(Lang::En, Figure::Curves, None), "Backprop Lab — training curves");
    }

    #[test]
    fn the_settings_line_uses_the_course_s_names() {
        let items = settings_items(Lang::En, &Settings::default());
        let line = items.join(" · ");
        assert_eq!(
            line,
            "Two moons · n = 200 · noise = 0.1 · seed = 1 · m = 2 · training/validation/test = 0.7/0.15/0.15 · \
             features: x₁, x₂ (d = 2) · d_h = 8 · λ = 0.001 · η = 0.1 · K = 10 · re-initializations = 0"
        );
        let french = settings_items(Lang::Fr, &Settings::default()).join(" · ");
        assert!(french.starts_with("Deux lunes · n = 200 · bruit = 0,1 · graine = 1"), "{french}");
        assert!(french.contains("λ = 0,001") && french.contains("d_h = 8"), "{french}");
    }
}
