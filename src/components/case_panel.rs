//! "Check my homework": load a worked case from JSON or a link, export the current one.

use crate::stepper::Walk;
use leptos::prelude::*;
use mlp::Case;

#[component]
pub fn CasePanel(case: RwSignal<Option<Case>>, walk: Memo<Option<Walk>>) -> impl IntoView {
    let _ = (case, walk);
}
