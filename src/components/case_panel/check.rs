//! "Check my answers": the student's own values for a case, pasted as JSON or opened from a
//! link's `homework` parameter (URL-safe base64 of the same JSON), diagnosed by
//! [`mlp::homework`]. Checking loads the case into the stepper and opens the walk at the first
//! wrong step; a refused paste says why and keeps the previous diagnosis.
//!
//! A diagnosis belongs to its case: it is shown only while that case is the one walked, so
//! going back to the network (or loading another case) cannot leave a stale diagnosis on
//! screen.

use std::sync::Arc;

use super::browser::{download_json, download_text, page_link_with};
use super::checker::{check_text, Diagnosed, Failure};
use super::diagnosis::DiagnosisView;
use super::report::markdown;
use crate::base64url;
use crate::components::homework_marks::{HomeworkMarks, Marks};
use crate::components::app::LangSignal;
use crate::i18n::case::case_error;
use crate::i18n::homework::{check_failure, too_large, too_long, HomeworkMsg};
use crate::i18n::{t, Lang};
use crate::stepper::Step;
use crate::url;
use leptos::prelude::*;
use mlp::{parse_case, Case, CaseError, Mistakes};

/// Texts longer than this are refused before they are read (a homework is a few kilobytes).
const MAX_CHARS: usize = 2_000_000;
/// Networks with more parameters than this are refused (their tables would not be read).
const MAX_PARAMS: usize = 100_000;

/// A diagnosis and what it was made from.
#[derive(Clone, Debug)]
pub struct Checked {
    pub case: Case,
    pub diagnosis: Arc<Diagnosed>,
    /// The JSON the student gave, for the link.
    pub source: Arc<str>,
}

impl PartialEq for Checked {
    fn eq(&self, other: &Checked) -> bool {
        Arc::ptr_eq(&self.diagnosis, &other.diagnosis)
    }
}

/// Why nothing was checked.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckError {
    Empty,
    TooLong,
    /// A network with more parameters than [`MAX_PARAMS`].
    TooLarge(usize),
    /// The case itself, read by the page.
    Case(CaseError),
    /// What the checker said.
    Checker(Failure),
    /// The link's parameter is not base64 of UTF-8 text.
    Link,
}

fn check_error(lang: Lang, e: &CheckError) -> String {
    match e {
        CheckError::Empty => t(lang, HomeworkMsg::Empty).into(),
        CheckError::TooLong => too_long(lang, MAX_CHARS),
        CheckError::TooLarge(n) => too_large(lang, *n, MAX_PARAMS),
        CheckError::Case(e) => case_error(lang, e),
        CheckError::Checker(f) => check_failure(lang, f),
        CheckError::Link => t(lang, HomeworkMsg::LinkBroken).into(),
    }
}

/// Reads and diagnoses `text`; never panics, whatever was pasted. The case is read here (its
/// messages are the page's); the rest by the checker's module.
pub async fn check(text: String) -> Result<Checked, CheckError> {
    if text.trim().is_empty() {
        return Err(CheckError::Empty);
    }
    if text.len() > MAX_CHARS {
        return Err(CheckError::TooLong);
    }
    let case = parse_case(&text).map_err(CheckError::Case)?;
    let n = case.shape().n_params();
    if n > MAX_PARAMS {
        return Err(CheckError::TooLarge(n));
    }
    let diagnosis = check_text(&text).await.map_err(CheckError::Checker)?;
    Ok(Checked { case, diagnosis: Arc::new(diagnosis), source: Arc::from(text) })
}

/// The answers' text of a link's `homework` parameter.
fn decode(param: &str) -> Result<String, CheckError> {
    let bytes = base64url::decode(param.trim()).ok_or(CheckError::Link)?;
    String::from_utf8(bytes).map_err(|_| CheckError::Link)
}

/// The step where the walk opens: the first wrong one, or (a) when all are right.
fn opening_step(checked: &Checked) -> Step {
    checked.diagnosis.first_wrong().and_then(|j| Step::from_key(j.quantity.step_key())).unwrap_or(Step::first())
}

#[component]
pub fn CheckAnswers(case: RwSignal<Option<Case>>, mistakes: RwSignal<Mistakes>, open: Callback<Step>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    let input = RwSignal::new(String::new());
    let error = RwSignal::new(None::<CheckError>);
    let checked = RwSignal::new(None::<Checked>);
    let marks = use_context::<HomeworkMarks>();
    let apply = move |result: Checked| {
        let step = opening_step(&result);
        if let Some(h) = marks {
            h.marks.try_set(Some(Arc::new(Marks::of(result.case.clone(), &result.diagnosis.items))));
        }
        case.set(Some(result.case.clone()));
        checked.set(Some(result));
        error.set(None);
        open.run(step);
    };
    // Checks run in the checker's module, asynchronously: only the last one started counts.
    let runs = StoredValue::new(0_u64);
    let busy = RwSignal::new(false);
    let link_error = RwSignal::new(None::<CheckError>);
    let start = move |text: String, from_link: bool| {
        let run = runs.try_update_value(|n| {
            *n += 1;
            *n
        });
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = check(text).await;
            if runs.try_get_value() != run {
                return;
            }
            busy.try_set(false);
            match result {
                Ok(result) => apply(result),
                Err(e) if from_link => drop(link_error.try_set(Some(e))),
                Err(e) => drop(error.try_set(Some(e))),
            }
        });
    };
    // A link's answers, once, at mount.
    if let Some(param) = url::query_param("homework") {
        match decode(&param) {
            Ok(text) => {
                input.set(text.clone());
                start(text, true);
            }
            Err(e) => link_error.set(Some(e)),
        }
    }
    let shown = Memo::new(move |_| checked.with(|c| c.clone().filter(|c| case.with(|k| k.as_ref() == Some(&c.case)))));
    // Once the student leaves the diagnosed case, the address stops carrying its answers.
    Effect::new(move |was_shown: Option<bool>| {
        let now = shown.with(Option::is_some);
        if was_shown == Some(true) && !now {
            url::remove_query_param("homework");
        }
        now
    });
    let run = move |_| start(input.get_untracked(), false);
    let failed = move || error.with(Option::is_some);
    let error_text = move || {
        error.with(|e| e.as_ref().map(|e| format!("{} {}", check_error(lang.get(), e), t(lang.get(), HomeworkMsg::KeptPrevious))))
    };
    let link_notice = move || {
        let problem = link_error.with(|e| e.as_ref().map(|e| check_error(lang.get(), e)))?;
        Some(view! {
            <div class="case-link-notice" id="homework-link-notice" role="alert">
                <p><strong>{text(HomeworkMsg::LinkRefused)}</strong> " " {problem}</p>
                <button type="button" id="dismiss-homework-notice" on:click=move |_| link_error.set(None)>{text(HomeworkMsg::Dismiss)}</button>
            </div>
        })
    };
    view! {
        <div class="homework" id="homework">
            <h4>{text(HomeworkMsg::Heading)}</h4>
            <p class="case-intro">{text(HomeworkMsg::Intro)}</p>
            {link_notice}
            <label for="homework-input" class="case-label">{text(HomeworkMsg::InputLabel)}</label>
            <textarea id="homework-input" class="case-json" rows="8" spellcheck="false" autocomplete="off"
                aria-describedby="homework-input-help homework-error" aria-invalid=move || failed().then_some("true")
                prop:value=input on:input=move |ev| input.set(event_target_value(&ev))></textarea>
            <small id="homework-input-help" class="help">{text(HomeworkMsg::InputHelp)}</small>
            <div class="case-actions">
                <button type="button" id="check-homework" class="primary" on:click=run>{text(HomeworkMsg::Check)}</button>
                {move || busy.get().then(|| view! { <span class="case-note" id="homework-busy" role="status">{text(HomeworkMsg::Checking)}</span> })}
            </div>
            <p id="homework-error" class="case-error" role="alert">{error_text}</p>
            <DiagnosisView checked=shown mistakes=mistakes open=open />
            <DiagnosisExport checked=shown />
        </div>
    }
}

/// The diagnosis as JSON (a read-only box and a download), as a Markdown report, and as a link.
#[component]
fn DiagnosisExport(checked: Memo<Option<Checked>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    let json = Memo::new(move |_| checked.with(|c| c.as_ref().map(|c| c.diagnosis.export.clone())).unwrap_or_default());
    let link = Memo::new(move |_| {
        let code = lang.get().code();
        checked.with(|c| c.as_ref().and_then(|c| page_link_with("homework", &base64url::encode(c.source.as_bytes()), "case", code)))
    });
    let failed = RwSignal::new(false);
    let download = move |_| failed.set(json.with_untracked(|j| download_json(j, "backprop-diagnosis.json")).is_err());
    let report = move |_| {
        let lang = lang.get_untracked();
        let text = checked.with_untracked(|c| c.as_ref().map(|c| markdown(lang, c)));
        if let Some(text) = text {
            failed.set(download_text(&text, "backprop-diagnosis.md", "text/markdown").is_err());
        }
    };
    move || {
        checked.with(Option::is_some).then(|| {
            view! {
                <div class="homework-export">
                    <h5>{text(HomeworkMsg::ExportHeading)}</h5>
                    <label for="homework-export" class="case-label">{text(HomeworkMsg::ExportLabel)}</label>
                    <textarea id="homework-export" class="case-json" rows="6" readonly spellcheck="false" prop:value=json></textarea>
                    <div class="case-actions">
                        <button type="button" id="homework-download" on:click=download>{text(HomeworkMsg::DownloadJson)}</button>
                        <button type="button" id="homework-report" on:click=report>{text(HomeworkMsg::DownloadReport)}</button>
                        {move || failed.get().then(|| view! { <span class="case-failed" role="status">{move || t(lang.get(), crate::i18n::case::CaseMsg::DownloadFailed)}</span> })}
                    </div>
                    <label for="homework-link" class="case-label">{text(HomeworkMsg::LinkLabel)}</label>
                    <input type="text" id="homework-link" readonly spellcheck="false" aria-describedby="homework-link-help"
                        prop:value=move || link.get().unwrap_or_default() />
                    <small id="homework-link-help" class="help">{text(HomeworkMsg::LinkHelp)}</small>
                </div>
            }
        })
    }
}
