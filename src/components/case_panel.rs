//! "Check my homework": load a worked case from pasted JSON or from a link, and export the
//! current walk (every value of (a)–(r) at full precision) to compare with one's own.
//!
//! A loaded case replaces the network in the stepper (`case` is `Some`); the network's settings
//! are untouched, and "Back to the network" returns to them. A link's `case` parameter is read
//! once, when the panel mounts: the page opens on the teacher's case, or says why it cannot.

pub(crate) mod browser;
mod check;
pub mod checker;
mod copy;
mod diagnosis;
mod export;
pub(crate) mod link;
mod load;
mod report;

use super::app::LangSignal;
use crate::i18n::case::{case_error, CaseMsg};
use crate::i18n::{t, Lang};
use crate::stepper::Walk;
use crate::url;
use export::ExportCase;
use leptos::prelude::*;
use link::LinkError;
use check::CheckAnswers;
use load::LoadCase;
use mlp::{Case, Mistakes};
use crate::stepper::Step;

#[component]
pub fn CasePanel(
    case: RwSignal<Option<Case>>,
    walk: Memo<Option<Walk>>,
    mistakes: RwSignal<Mistakes>,
    /// Opens the walk at a step (and brings it into view).
    open: Callback<Step>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let notice = RwSignal::new(open_link(case));
    forget_link_when_case_changes(case);
    view! {
        <section class="case-panel" id="case-panel" aria-labelledby="case-heading">
            <h3 id="case-heading">{move || t(lang.get(), CaseMsg::Heading)}</h3>
            <p class="case-intro">{move || t(lang.get(), CaseMsg::Intro)}</p>
            <LinkNotice notice=notice />
            <div class="case-columns">
                <LoadCase case=case />
                <ExportCase walk=walk />
            </div>
            <CheckAnswers case=case mistakes=mistakes open=open />
        </section>
    }
}

/// Loads the case of the page's `case` parameter, if there is one: done once, at mount, so a
/// teacher's link opens on its example. Returns why it could not be loaded.
fn open_link(case: RwSignal<Option<Case>>) -> Option<LinkError> {
    let param = url::query_param("case")?;
    match link::decode(&param) {
        Ok(loaded) => {
            case.set(Some(loaded));
            None
        }
        Err(e) => Some(e),
    }
}

/// Once the student leaves the link's case (another case, or back to the network), the
/// address bar stops carrying it, so a reload shows what they see now.
fn forget_link_when_case_changes(case: RwSignal<Option<Case>>) {
    Effect::new(move |first_run: Option<()>| {
        case.track();
        if first_run.is_some() {
            crate::url::remove_query_param("case");
        }
    });
}

/// Why the link's case could not be opened, in words.
fn link_problem(lang: Lang, error: &LinkError) -> String {
    match error {
        LinkError::Empty => t(lang, CaseMsg::LinkEmpty).to_string(),
        LinkError::NotBase64 => t(lang, CaseMsg::LinkNotBase64).to_string(),
        LinkError::NotText => t(lang, CaseMsg::LinkNotText).to_string(),
        LinkError::Case(e) => case_error(lang, e),
    }
}

/// A notice over the page when the link's case could not be opened; the network is walked.
#[component]
fn LinkNotice(notice: RwSignal<Option<LinkError>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    move || {
        let problem = notice.with(|n| n.as_ref().map(|e| link_problem(lang.get(), e)))?;
        let lang = lang.get();
        Some(view! {
            <div class="case-link-notice" id="case-link-notice" role="alert">
                <p>
                    <strong>{t(lang, CaseMsg::LinkRefused)}</strong> " " {problem} " " {t(lang, CaseMsg::LinkFallback)}
                </p>
                <button type="button" id="dismiss-case-notice" on:click=move |_| notice.set(None)>
                    {t(lang, CaseMsg::Dismiss)}
                </button>
            </div>
        })
    }
}
