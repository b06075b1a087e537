//! Texts of the backprop stepper.

use crate::stepper::Step;

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
        KeysHint => ("Keys: ← → Home End", "Touches : ← → Début Fin"),
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
        ExampleIndex => ("Training example #", "Exemple d'entraînement n°"),
        PickHint => (
            "or click a point of the data plot",
            "ou cliquez sur un point du graphique des données"
        ),
        TypedX => ("x (d numbers, comma-separated)", "x (d nombres séparés par des virgules)"),
        TypedY => ("y (class)", "y (classe)"),
        UseTyped => ("Walk this example", "Parcourir cet exemple"),
        NoWalk => ("No example to walk: the settings are not valid yet.", "Aucun exemple à parcourir : les réglages ne sont pas encore valides."),
        CaseBanner => ("Walking the loaded case", "Parcours du cas chargé"),
        BackToNetwork => ("Back to the network", "Revenir au réseau"),
    }
    same: [Numpy]
}

crate::messages! {
    /// The title of each step.
    pub enum StepTitle {
        HiddenActivation => ("Hidden pre-activation", "Pré-activation cachée"),
        HiddenOutput => ("Hidden output (ReLU)", "Sortie cachée (ReLU)"),
        OutputActivation => ("Output pre-activation", "Pré-activation de sortie"),
        Softmax => ("Softmax", "Softmax (sortie)"),
        Loss => ("Loss: negative log-likelihood", "Perte : log-vraisemblance négative"),
        GradOutputActivation => ("Gradient at the output pre-activation", "Gradient à la pré-activation de sortie"),
        GradW2 => ("Gradient of the output weights", "Gradient des poids de sortie"),
        GradB2 => ("Gradient of the output biases", "Gradient des biais de sortie"),
        GradHiddenOutput => ("Gradient at the hidden outputs", "Gradient aux sorties cachées"),
        GradHiddenActivation => ("Gradient through the ReLU", "Gradient à travers la ReLU"),
        GradW1 => ("Gradient of the hidden weights", "Gradient des poids cachés"),
        GradB1 => ("Gradient of the hidden biases", "Gradient des biais cachés"),
        GradInput => ("Gradient with respect to the input", "Gradient par rapport à l'entrée"),
        RegW1 => ("Regularized gradient of W⁽¹⁾", "Gradient régularisé de W⁽¹⁾"),
        RegW2 => ("Regularized gradient of W⁽²⁾", "Gradient régularisé de W⁽²⁾"),
        Update => ("Gradient descent update", "Mise à jour par descente de gradient"),
    }
    same: []
}

/// The title of `step`.
pub fn step_title(step: Step) -> StepTitle {
    match step {
        Step::HiddenActivation => StepTitle::HiddenActivation,
        Step::HiddenOutput => StepTitle::HiddenOutput,
        Step::OutputActivation => StepTitle::OutputActivation,
        Step::Softmax => StepTitle::Softmax,
        Step::Loss => StepTitle::Loss,
        Step::GradOutputActivation => StepTitle::GradOutputActivation,
        Step::GradW2 => StepTitle::GradW2,
        Step::GradB2 => StepTitle::GradB2,
        Step::GradHiddenOutput => StepTitle::GradHiddenOutput,
        Step::GradHiddenActivation => StepTitle::GradHiddenActivation,
        Step::GradW1 => StepTitle::GradW1,
        Step::GradB1 => StepTitle::GradB1,
        Step::GradInput => StepTitle::GradInput,
        Step::RegW1 => StepTitle::RegW1,
        Step::RegW2 => StepTitle::RegW2,
        Step::Update => StepTitle::Update,
    }
}
