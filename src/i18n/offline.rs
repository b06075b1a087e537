//! Texts of the offline support (`crate::offline`): the console notes written when the service
//! worker cannot be set up. The page itself never shows them: without a service worker it
//! works as before, online only.

crate::messages! {
    /// What the console says when offline use cannot be set up.
    pub enum OfflineMsg {
        Unsupported => (
            "Backprop Lab: offline use is off here: service workers need a page served over https or from localhost, in a browser that has them.",
            "Backprop Lab : l'usage hors ligne est désactivé ici : les service workers demandent une page servie en https ou depuis localhost, dans un navigateur qui les prend en charge."
        ),
        RegistrationFailed => (
            "Backprop Lab: offline use could not be set up (the service worker sw.js was refused); the page works online as usual.",
            "Backprop Lab : l'usage hors ligne n'a pas pu être mis en place (le service worker sw.js a été refusé) ; la page fonctionne en ligne comme d'habitude."
        ),
    }
    same: []
}
