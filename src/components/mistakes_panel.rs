//! The common mistakes as switches.

use leptos::prelude::*;
use mlp::Mistakes;

#[component]
pub fn MistakesPanel(mistakes: RwSignal<Mistakes>) -> impl IntoView {
    let _ = mistakes;
}
