//! The title of each step of the walk.

use crate::stepper::Step;

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
