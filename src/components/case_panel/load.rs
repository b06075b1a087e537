//! Loading a case: the JSON box, the button, and what came of it — the loaded case's sizes,
//! or why the text was refused (the walk then stays as it was).

use crate::components::app::LangSignal;
use crate::i18n::case::{case_error, CaseMsg};
use crate::i18n::{t, Lang};
use leptos::prelude::*;
use mlp::{parse_case, Case, CaseError};

/// Why the Load button loaded nothing.
#[derive(Clone, Debug, PartialEq)]
enum LoadError {
    /// The box is empty.
    Empty,
    /// The text is not a valid case.
    Case(CaseError),
}

fn load_error(lang: Lang, error: &LoadError) -> String {
    match error {
        LoadError::Empty => t(lang, CaseMsg::Empty).to_string(),
        LoadError::Case(e) => case_error(lang, e),
    }
}

/// Reads `json` as a case; never panics, whatever was pasted.
fn read(json: &str) -> Result<Case, LoadError> {
    if json.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    parse_case(json).map_err(LoadError::Case)
}

#[component]
pub fn LoadCase(case: RwSignal<Option<Case>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    let input = RwSignal::new(String::new());
    let error = RwSignal::new(None::<LoadError>);
    let load = move |_| match input.with_untracked(|json| read(json)) {
        Ok(loaded) => {
            error.set(None);
            case.set(Some(loaded));
            // The walk of the case is the stepper's card, far above this box: bring it into view.
            if let Some(stepper) = document().get_element_by_id("stepper") {
                stepper.scroll_into_view();
            }
        }
        Err(e) => error.set(Some(e)),
    };
    let unload = move |_| {
        error.set(None);
        case.set(None);
    };
    let failed = move || error.with(Option::is_some);
    let unload_button = move || {
        case.with(Option::is_some).then(|| {
            view! { <button type="button" id="unload-case" on:click=unload>{text(CaseMsg::Unload)}</button> }
        })
    };
    view! {
        <div class="case-load">
            <h4>{text(CaseMsg::LoadHeading)}</h4>
            <label for="case-input" class="case-label">{text(CaseMsg::InputLabel)}</label>
            <textarea id="case-input" class="case-json" rows="9" spellcheck="false" autocomplete="off"
                aria-describedby="case-input-help case-error" aria-invalid=move || failed().then_some("true")
                prop:value=input on:input=move |ev| input.set(event_target_value(&ev))></textarea>
            <small id="case-input-help" class="help">{text(CaseMsg::InputHelp)}</small>
            <div class="case-actions">
                <button type="button" id="load-case" class="primary" on:click=load>{text(CaseMsg::Load)}</button>
                {unload_button}
            </div>
            <LoadOutcome case=case error=error />
        </div>
    }
}

/// Why the last paste was refused, or which case is loaded.
#[component]
fn LoadOutcome(case: RwSignal<Option<Case>>, error: RwSignal<Option<LoadError>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let failed = move || error.with(Option::is_some);
    let error_text = move || error.with(|e| e.as_ref().map(|e| load_error(lang.get(), e)));
    let kept = move || failed().then(|| view! { <span class="case-kept">" " {move || t(lang.get(), CaseMsg::KeptPrevious)}</span> });
    let loaded = move || {
        let shape = case.with(|c| c.as_ref().map(Case::shape)).filter(|_| !failed())?;
        let lang = lang.get();
        Some(view! {
            <span class="case-loaded" id="case-loaded">
                <strong>{t(lang, CaseMsg::Loaded)} {format!(" d = {}, d_h = {}, m = {}", shape.d, shape.d_h, shape.m)}</strong>
                ". " {t(lang, CaseMsg::LoadedNote)}
            </span>
        })
    };
    view! {
        <p id="case-error" class="case-error" role="alert">{error_text} {kept}</p>
        <p class="case-status" role="status">{loaded}</p>
    }
}
