//! Texts of "Check my answers": the verdicts, the quantities' names, the explanations and why a
//! paste was refused. Quantity names use the course's notation, the same in both languages.

use super::{number, Lang};
use crate::i18n::case::case_error;
use crate::components::case_panel::checker::Failure;
use mlp::homework::{AnswersError, CheckError, Quantity, ShapeProblem, TextProblem, Verdict};

crate::messages! {
    /// The fixed texts.
    pub enum HomeworkMsg {
        Heading => ("Check my answers", "Vérifier mes réponses"),
        Intro => (
            "Paste the case with your own values under the keys of the export (forward, gradients, regularized_gradients, and eta with updated_params for (f)); leave out what you did not compute. Each step gets a verdict, and a wrong value is matched against the known mistakes. Nothing leaves the page.",
            "Collez le cas avec vos propres valeurs sous les clés de l'export (forward, gradients, regularized_gradients, et eta avec updated_params pour (f)) ; omettez ce que vous n'avez pas calculé. Chaque étape reçoit un verdict, et une valeur fausse est comparée aux erreurs connues. Rien ne quitte la page."
        ),
        InputLabel => ("Your answers in JSON", "Vos réponses en JSON"),
        InputHelp => (
            "Rounded numbers are fine: a value agrees within half a unit of the last digit you wrote. A vector may be a flat list, a row or a column; null stands for NaN.",
            "Les nombres arrondis conviennent : une valeur concorde à une demi-unité près du dernier chiffre écrit. Un vecteur peut être une liste, une ligne ou une colonne ; null représente NaN."
        ),
        Check => ("Check my answers", "Vérifier mes réponses"),
        Empty => ("Paste your answers in JSON first.", "Collez d'abord vos réponses en JSON."),
        NothingGiven => (
            "No value of yours was found: put them under forward, gradients, regularized_gradients or updated_params, with the keys of the export.",
            "Aucune de vos valeurs n'a été trouvée : placez-les sous forward, gradients, regularized_gradients ou updated_params, avec les clés de l'export."
        ),
        KeptPrevious => ("Nothing was checked: the previous diagnosis stays.", "Rien n'a été vérifié : le diagnostic précédent reste."),
        FirstWrong => ("First wrong step:", "Première étape fausse :"),
        AllRight => ("Every value you gave is right.", "Toutes les valeurs données sont justes."),
        OpenStep => ("Open this step", "Ouvrir cette étape"),
        VerdictRight => ("right", "juste"),
        VerdictWrong => ("wrong", "faux"),
        VerdictYours => ("right given your earlier values", "juste d'après vos valeurs précédentes"),
        VerdictNotGiven => ("not given", "non donné"),
        NoMistakeExplains => (
            "No known mistake explains it. Entries that differ:",
            "Aucune erreur connue ne l'explique. Composantes qui diffèrent :"
        ),
        Yours => ("yours", "la vôtre"),
        Expected => ("expected", "attendue"),
        Why => ("Why:", "Pourquoi :"),
        SwitchOn => ("Switch this mistake on", "Activer cette erreur"),
        SwitchedOn => ("Switched on: the walk now shows it", "Activée : le parcours la montre"),
        YourLine => ("Your line", "Votre ligne"),
        RightLine => ("Correct line", "Ligne correcte"),
        ExportHeading => ("The diagnosis", "Le diagnostic"),
        ExportLabel => ("Diagnosis in JSON", "Diagnostic en JSON"),
        DownloadJson => ("Download JSON", "Télécharger le JSON"),
        DownloadReport => ("Download a report (Markdown)", "Télécharger un rapport (Markdown)"),
        LinkLabel => ("Link to this diagnosis", "Lien vers ce diagnostic"),
        LinkHelp => (
            "Opens the page on this case with these answers checked: a teaching assistant can send it to a student.",
            "Ouvre la page sur ce cas avec ces réponses vérifiées : un auxiliaire d'enseignement peut l'envoyer à un étudiant."
        ),
        LinkRefused => ("This link's answers could not be checked.", "Les réponses de ce lien n'ont pas pu être vérifiées."),
        LinkBroken => (
            "Its homework parameter is not URL-safe base64 text: it was probably cut or altered when copied.",
            "Son paramètre homework n'est pas du texte en base64 pour URL : il a sans doute été tronqué ou modifié lors de la copie."
        ),
        Dismiss => ("Dismiss", "Fermer"),
        Report => ("Backprop Lab: diagnosis of a homework", "Backprop Lab : diagnostic d'un devoir"),
        CorrectValues => ("Correct values", "Valeurs correctes"),
        Case => ("Case", "Cas"),
        Step => ("Step", "Étape"),
        Value => ("Value", "Valeur"),
        Verdict => ("Verdict", "Verdict"),
        MaxError => ("largest difference", "plus grand écart"),
        Explanation => ("Explanation", "Explication"),
        NotGivenCount => ("values not given", "valeurs non données"),
        CardLabel => ("Your value", "Votre valeur"),
        CardHelp => (
            "Paste what numpy printed (array([[…]]), a list, or numbers separated by spaces; a decimal comma works).",
            "Collez ce que numpy a affiché (array([[…]]), une liste, ou des nombres séparés par des espaces ; la virgule décimale fonctionne)."
        ),
        CardCheck => ("Compare", "Comparer"),
        Checking => ("Checking…", "Vérification…"),
        NotFinite => (
            "This network holds NaN or ∞: its values cannot be compared.",
            "Ce réseau contient NaN ou ∞ : ses valeurs ne peuvent pas être comparées."
        ),
        CaseRefused => ("The case was refused: load it above to see why.", "Le cas a été refusé : chargez-le ci-dessus pour savoir pourquoi."),
        Unavailable => ("The checker could not be loaded:", "Le vérificateur n'a pas pu être chargé :"),
        UnknownQuantity => ("This step has no value to compare.", "Cette étape n'a pas de valeur à comparer."),
    }
    same: [Verdict]
}

/// The quantity in the course's notation, e.g. "∂L/∂W⁽²⁾" or "W⁽¹⁾ after (f)".
pub fn quantity_name(lang: Lang, q: Quantity) -> String {
    use Quantity as Q;
    let after = |w: &str| match lang {
        Lang::En => format!("{w} after (f)"),
        Lang::Fr => format!("{w} après (f)"),
    };
    match q {
        Q::HiddenActivation => "hᵃ".into(),
        Q::HiddenOutput => "hˢ".into(),
        Q::OutputActivation => "oᵃ".into(),
        Q::Softmax => "oˢ".into(),
        Q::Loss => "L".into(),
        Q::GradOutputActivation => "∂L/∂oᵃ".into(),
        Q::GradW2 => "∂L/∂W⁽²⁾".into(),
        Q::GradB2 => "∂L/∂b⁽²⁾".into(),
        Q::GradHiddenOutput => "∂L/∂hˢ".into(),
        Q::GradHiddenActivation => "∂L/∂hᵃ".into(),
        Q::GradW1 => "∂L/∂W⁽¹⁾".into(),
        Q::GradB1 => "∂L/∂b⁽¹⁾".into(),
        Q::GradInput => "∂L/∂x".into(),
        Q::RegularizedLoss => "R̃".into(),
        Q::RegW1 => "∂R̃/∂W⁽¹⁾".into(),
        Q::RegB1 => "∂R̃/∂b⁽¹⁾".into(),
        Q::RegW2 => "∂R̃/∂W⁽²⁾".into(),
        Q::RegB2 => "∂R̃/∂b⁽²⁾".into(),
        Q::NewW1 => after("W⁽¹⁾"),
        Q::NewB1 => after("b⁽¹⁾"),
        Q::NewW2 => after("W⁽²⁾"),
        Q::NewB2 => after("b⁽²⁾"),
    }
}

/// "(j) ∂L/∂W⁽²⁾".
pub fn quantity_label(lang: Lang, q: Quantity) -> String {
    format!("({}) {}", q.letter(), quantity_name(lang, q))
}

pub fn verdict_text(v: Verdict) -> HomeworkMsg {
    match v {
        Verdict::Right => HomeworkMsg::VerdictRight,
        Verdict::Wrong => HomeworkMsg::VerdictWrong,
        Verdict::RightGivenYours => HomeworkMsg::VerdictYours,
        Verdict::NotGiven => HomeworkMsg::VerdictNotGiven,
    }
}

/// ✓, ✗, ≈ or –.
pub fn verdict_mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Right => "✓",
        Verdict::Wrong => "✗",
        Verdict::RightGivenYours => "↳",
        Verdict::NotGiven => "–",
    }
}

fn pick<T>(lang: Lang, en: T, fr: T) -> T {
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

/// "Your ∂L/∂W⁽²⁾ is what this mistake gives:" before the mistakes' titles.
pub fn explained_intro(lang: Lang, q: Quantity) -> String {
    let name = quantity_name(lang, q);
    pick(lang, format!("Your {name} is what this mistake gives:"), format!("Votre {name} est ce que donne cette erreur :"))
}

/// "Expected shape 2 × 3, given 3 × 2 (transposed?)."
pub fn shape_text(lang: Lang, expected: (usize, usize), given: (usize, usize), transposed: bool) -> String {
    let t = if transposed { pick(lang, " (transposed?)", " (transposée ?)") } else { "" };
    pick(
        lang,
        format!("Expected shape {} × {}, given {} × {}{t}.", expected.0, expected.1, given.0, given.1),
        format!("Forme attendue {} × {}, donnée {} × {}{t}.", expected.0, expected.1, given.0, given.1),
    )
}

/// "largest difference 0.0123".
pub fn max_error(lang: Lang, e: f64) -> String {
    let msg = super::t(lang, HomeworkMsg::MaxError);
    if e.is_infinite() {
        format!("{msg} ∞")
    } else {
        format!("{msg} {}", number(lang, e, 3))
    }
}

/// Why a paste of answers was refused.
pub fn answers_error(lang: Lang, e: &AnswersError) -> String {
    match e {
        AnswersError::Case(e) => case_error(lang, e),
        AnswersError::NotAnObject { section } => pick(
            lang,
            format!("{section} must be an object {{…}} of your values."),
            format!("{section} doit être un objet {{…}} de vos valeurs."),
        ),
        AnswersError::Value { quantity, problem } => {
            let place = quantity.dotted();
            let what = match problem {
                ShapeProblem::NotNumbers { row: Some(r), col: Some(c) } => {
                    pick(lang, format!("the entry [{r}][{c}] is not a number"), format!("la composante [{r}][{c}] n'est pas un nombre"))
                }
                ShapeProblem::NotNumbers { row: None, col: Some(c) } => {
                    pick(lang, format!("the entry [{c}] is not a number"), format!("la composante [{c}] n'est pas un nombre"))
                }
                ShapeProblem::NotNumbers { row: Some(r), col: None } => {
                    pick(lang, format!("row {r} is not a list of numbers"), format!("la ligne {r} n'est pas une liste de nombres"))
                }
                ShapeProblem::NotNumbers { .. } => pick(
                    lang,
                    "it must be a number, a list of numbers or a list of rows".into(),
                    "ce doit être un nombre, une liste de nombres ou une liste de lignes".into(),
                ),
                ShapeProblem::Ragged { row, expected, found } => pick(
                    lang,
                    format!("row {row} has {found} numbers, row 0 has {expected}"),
                    format!("la ligne {row} a {found} nombres, la ligne 0 en a {expected}"),
                ),
                ShapeProblem::TooDeep { row } => {
                    pick(lang, format!("row {row} holds lists: at most 2 dimensions"), format!("la ligne {row} contient des listes : 2 dimensions au plus"))
                }
            };
            format!("{place}: {what}.")
        }
        AnswersError::Eta => pick(lang, "eta must be a number > 0 (the learning rate η of (f)).".into(), "eta doit être un nombre > 0 (le pas η de (f)).".into()),
        AnswersError::EtaMissing => pick(
            lang,
            "updated_params needs eta, the learning rate η of (f).".into(),
            "updated_params demande eta, le pas η de (f).".into(),
        ),
    }
}

/// Why a pasted value (a card's box) was not read.
pub fn text_error(lang: Lang, e: &TextProblem) -> String {
    match e {
        TextProblem::Empty => pick(lang, "No number found.".into(), "Aucun nombre trouvé.".into()),
        TextProblem::Unexpected { ch, at } => pick(
            lang,
            format!("Unexpected character “{ch}” at position {at}."),
            format!("Caractère inattendu « {ch} » en position {at}."),
        ),
        TextProblem::NotANumber { text } => pick(lang, format!("“{text}” is not a number."), format!("« {text} » n'est pas un nombre.")),
        TextProblem::Ragged { row, expected, found } => pick(
            lang,
            format!("Row {row} has {found} numbers, row 0 has {expected}."),
            format!("La ligne {row} a {found} nombres, la ligne 0 en a {expected}."),
        ),
        TextProblem::Brackets => pick(
            lang,
            "The brackets do not match, or go deeper than a matrix.".into(),
            "Les crochets ne correspondent pas, ou vont plus loin qu'une matrice.".into(),
        ),
        TextProblem::TooMany => pick(
            lang,
            format!("More than {} numbers: paste one quantity at a time.", mlp::homework::MAX_NUMBERS),
            format!("Plus de {} nombres : collez une grandeur à la fois.", mlp::homework::MAX_NUMBERS),
        ),
    }
}

/// Why the checker gave no diagnosis.
pub fn check_failure(lang: Lang, f: &Failure) -> String {
    match f {
        Failure::Unavailable(why) => format!("{} {why}", super::t(lang, HomeworkMsg::Unavailable)),
        Failure::Check(CheckError::Answers(e)) => answers_error(lang, e),
        Failure::Check(CheckError::Text(e)) => text_error(lang, e),
        Failure::Check(CheckError::NothingGiven) => super::t(lang, HomeworkMsg::NothingGiven).into(),
        Failure::Check(CheckError::UnknownQuantity) => super::t(lang, HomeworkMsg::UnknownQuantity).into(),
        Failure::Check(CheckError::CaseRefused) => super::t(lang, HomeworkMsg::CaseRefused).into(),
    }
}

/// "More than 2000000 characters: …" when a paste is too long to read.
pub fn too_long(lang: Lang, max: usize) -> String {
    pick(
        lang,
        format!("More than {max} characters: paste one case and its values."),
        format!("Plus de {max} caractères : collez un seul cas et ses valeurs."),
    )
}

/// "This network has 260000 parameters; at most 100000 can be checked."
pub fn too_large(lang: Lang, n: usize, max: usize) -> String {
    pick(
        lang,
        format!("This network has {n} parameters; at most {max} can be checked."),
        format!("Ce réseau a {n} paramètres ; on peut en vérifier au plus {max}."),
    )
}
