//! Texts of the data read from files: the 8×8 digits and the views of a data set that is not
//! 2-D points.

crate::messages! {
    pub enum DataMsg {
        DigitsLoading => ("Loading the handwritten digits…", "Chargement des chiffres manuscrits…"),
        DigitsFetchFailed => (
            "The handwritten digits could not be loaded",
            "Les chiffres manuscrits n'ont pas pu être chargés"
        ),
        DigitsDamaged => (
            "The file of the handwritten digits is damaged",
            "Le fichier des chiffres manuscrits est endommagé"
        ),
        DigitsRetry => (
            "The previous data stay; choose the digits again to retry.",
            "Les données précédentes restent ; choisissez de nouveau les chiffres pour réessayer."
        ),
        Image => ("image", "image"),
        DigitsAbout => (
            "1 797 images of 8×8 pixels (UCI, the copy scikit-learn ships); each pixel, 0 to 16 in the file, is divided by 16: x ∈ [0, 1]⁶⁴, one input per pixel, row by row.",
            "1 797 images de 8×8 pixels (UCI, la copie fournie avec scikit-learn) ; chaque pixel, de 0 à 16 dans le fichier, est divisé par 16 : x ∈ [0, 1]⁶⁴, une entrée par pixel, ligne par ligne."
        ),
        Pixels => ("Inputs: the 64 pixels", "Entrées : les 64 pixels"),
        FileInputs => ("Inputs: the file's columns but the labels'", "Entrées : les colonnes du fichier sauf celle des étiquettes"),
        ConfusionHeading => ("Confusion matrix", "Matrice de confusion"),
        ConfusionCaption => (
            "Rows: the true class y; columns: the predicted class ŷ = argmax oˢ. Click a cell to list its examples in the gallery.",
            "Lignes : la vraie classe y ; colonnes : la classe prédite ŷ = argmax oˢ. Cliquez sur une case pour afficher ses exemples dans la galerie."
        ),
        TruthGuess => ("y ╲ ŷ", "y ╲ ŷ"),
        SetChoice => ("Set", "Ensemble"),
        TestSet => ("test", "test"),
        ValidSet => ("validation", "validation"),
        TrainSet => ("training", "entraînement"),
        PredictedAs => ("predicted", "prédit"),
        Misclassified => ("Misclassified:", "Mal classés :"),
        GalleryHeading => ("Examples", "Exemples"),
        GalleryShows => ("Examples shown", "Exemples affichés"),
        ShowAll => ("All", "Tous"),
        ShowWrong => ("Misclassified", "Mal classés"),
        NoneListed => ("No example here.", "Aucun exemple ici."),
        Previous => ("Previous", "Précédents"),
        Next => ("Next", "Suivants"),
        TrainExample => ("Training example #", "Exemple d'entraînement n°"),
        ValidExample => ("Validation example #", "Exemple de validation n°"),
        TestExample => ("Test example #", "Exemple de test n°"),
        Wrong => ("misclassified", "mal classé"),
        UnitsHeading => ("What each hidden unit looks for", "Ce que cherche chaque unité cachée"),
        UnitsHelp => (
            "Row j of W⁽¹⁾ drawn as an 8×8 image, tinted as the stepper's tables are: ink on a blue pixel (W⁽¹⁾_ji > 0) raises hᵃ_j, ink on a vermillion one (< 0) lowers it, white pixels do not matter. Click a unit to see it in the stepper.",
            "La ligne j de W⁽¹⁾ dessinée en image 8×8, teintée comme les tableaux du pas à pas : l'encre sur un pixel bleu (W⁽¹⁾_ji > 0) augmente hᵃ_j, sur un pixel vermillon (< 0) la diminue ; les pixels blancs ne comptent pas. Cliquez sur une unité pour la voir dans le pas à pas."
        ),
        UnitsScale => ("full colour at", "couleur pleine à"),
        ExportWeights => ("Export weights", "Exporter les poids"),
        LoadWeights => ("Load weights…", "Charger des poids…"),
        UnreadableFile => ("the file could not be read.", "le fichier n'a pas pu être lu."),
        NoNetwork => ("the settings are not valid yet, so there is no network to load into.", "les réglages ne sont pas encore valides : il n'y a pas de réseau où charger."),
        WeightsLoaded => ("weights loaded", "poids chargés"),
        WeightsLoadedHow => (
            "Training starts from them and the stepper walks them; Reset comes back to them, Re-initialize weights forgets them. The link does not carry them.",
            "L'entraînement part d'eux et le pas à pas les parcourt ; Recommencer y revient, Réinitialiser les poids les oublie. Le lien ne les contient pas."
        ),
        WeightsKept => ("The network's weights did not change.", "Les poids du réseau n'ont pas changé."),
        WeightsOfShape => ("these weights are for", "ces poids sont pour"),
        NetworkHasShape => ("but the network has", "mais le réseau a"),
        WeightsOtherShape => (
            "Choose the data set and d_h that match them, then load them again; the network's weights did not change.",
            "Choisissez l'ensemble de données et le d_h qui leur correspondent, puis chargez-les de nouveau ; les poids du réseau n'ont pas changé."
        ),
        ShowUnit => ("Show in the stepper the hidden unit j =", "Montrer dans le pas à pas l'unité cachée j ="),
        XPicture => ("x as the image it is (white 0, black 1)", "x, l'image qu'il est (blanc 0, noir 1)"),
        GradXPicture => (
            "∂L/∂x as an image: which pixels would change the loss. More ink on a blue pixel (> 0) raises L, on a vermillion one (< 0) lowers it; full colour at",
            "∂L/∂x en image : les pixels qui changeraient la perte. Plus d'encre sur un pixel bleu (> 0) augmente L, sur un pixel vermillon (< 0) la diminue ; couleur pleine à"
        ),
        SoftmaxPicture => (
            "oˢ: the probability of each class; y is the true class, ŷ = argmax oˢ the predicted one.",
            "oˢ : la probabilité de chaque classe ; y est la vraie classe, ŷ = argmax oˢ la classe prédite."
        ),
    }
    same: [Image, TruthGuess, TestSet, ValidSet]
}
