//! Texts of the crash banner (`crate::crash`): what the page says if it stopped on an error.

crate::messages! {
    /// The banner shown when the page stopped.
    pub enum CrashMsg {
        Stopped => (
            "Something went wrong and the page stopped. Reload — your settings are kept in the link.",
            "Un problème est survenu et la page s'est arrêtée. Rechargez-la : vos réglages sont conservés dans le lien."
        ),
        Reload => ("Reload", "Recharger"),
        StartOver => ("Start over with the default settings", "Recommencer avec les réglages par défaut"),
        Details => ("Details (to copy into a bug report)", "Détails (à copier dans un rapport de bogue)"),
    }
    same: []
}
