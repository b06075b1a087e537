//! The finite-difference gradient check of the walked example.

use crate::stepper::Walk;
use leptos::prelude::*;

#[component]
pub fn GradCheckPanel(walk: Memo<Option<Walk>>) -> impl IntoView {
    let _ = walk;
}
