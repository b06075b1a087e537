//! Texts of the network diagram.

crate::messages! {
    pub enum DiagramMsg {
        Title => ("Network", "Réseau"),
    }
    same: []
}
