//! Texts of the backprop stepper.

crate::messages! {
    pub enum StepperMsg {
        Heading => ("Backprop stepper", "Pas à pas de la rétropropagation"),
        Intro => (
            "One example through the forward pass (a)–(d), the backward pass (g)–(r) and one update (f), with the network's current parameters.",
            "Un exemple à travers la propagation avant (a)–(d), la rétropropagation (g)–(r) et une mise à jour (f), avec les paramètres actuels du réseau."
        ),
        Forward => ("Forward", "Propagation avant"),
        Backward => ("Backward", "Rétropropagation"),
        UpdatePhase => ("Update", "Mise à jour"),
        First => ("First", "Début"),
        Previous => ("Previous", "Précédente"),
        Next => ("Next", "Suivante"),
        Last => ("Last", "Fin"),
        WholeForward => ("Whole forward", "Toute la propagation avant"),
        WholeBackward => ("Whole backward", "Toute la rétropropagation"),
        KeysHint => ("Keys: ← → Home End, F B for a whole pass, ? for all shortcuts", "Touches : ← → Début Fin, F B pour une passe entière, ? pour tous les raccourcis"),
        StepOf => ("Step", "Étape"),
        MatrixForm => ("Matrix form", "Forme matricielle"),
        ScalarForm => ("One entry", "Une composante"),
        Shapes => ("Shapes", "Dimensions"),
        Numpy => ("numpy", "numpy"),
        Reads => ("reads", "lit"),
        Writes => ("writes", "écrit"),
        ClickACell => (
            "Click any entry of the result to see its formula with the numbers.",
            "Cliquez sur une composante du résultat pour voir sa formule avec les nombres."
        ),
        MoreTerms => ("more terms", "termes de plus"),
        MoreRows => ("more rows", "lignes de plus"),
        ShowAll => ("Show all", "Tout afficher"),
        LossBefore => ("Objective R̃ on this example before the update", "Objectif R̃ sur cet exemple avant la mise à jour"),
        LossAfter => ("after", "après"),
        LossWentDown => ("The step lowered the objective.", "Le pas a fait baisser l'objectif."),
        LossWentUp => ("The step raised the objective: look at η or at the sign of the update.", "Le pas a fait monter l'objectif : vérifiez η ou le signe de la mise à jour."),
        ExampleHeading => ("Example", "Exemple"),
        RandomExample => ("Random training example", "Exemple d'entraînement au hasard"),
        RandomShort => ("Random", "Au hasard"),
        ExampleIndex => ("Training example #", "Exemple d'entraînement n°"),
        PickHint => (
            "or click a point of the data plot",
            "ou cliquez sur un point du graphique des données"
        ),
        TypedX => ("x (d numbers, comma-separated)", "x (d nombres séparés par des virgules)"),
        TypedY => ("y (class)", "y (classe)"),
        UseTyped => ("Walk this example", "Parcourir cet exemple"),
        NoWalk => ("No example to walk: the settings are not valid yet.", "Aucun exemple à parcourir : les réglages ne sont pas encore valides."),
        Altered => (
            "Altered by a mistake switch: the numbers of this step come from the mistaken line below, not from the equation above.",
            "Modifiée par une erreur activée : les nombres de cette étape viennent de la ligne erronée ci-dessous, pas de l'équation ci-dessus."
        ),
        CaseBanner => ("Walking the loaded case", "Parcours du cas chargé"),
        BackToNetwork => ("Back to the network", "Revenir au réseau"),
    }
    same: [Numpy]
}

pub use super::step_title::{step_title, StepTitle};
