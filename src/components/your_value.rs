//! "Your value" on a step card: the student pastes what numpy printed for the step's result, and
//! the card says whether it is right; a wrong value is matched against the known mistakes (the
//! checker's module, imported on first use), and its wrong entries are outlined in the table.

use std::sync::Arc;

use super::app::LangSignal;
use super::case_panel::checker::{check_value, Item};
use super::case_panel::link::{case_of, input_json};
use super::homework_marks::{homework_quantity, HomeworkMarks, Marks};
use crate::i18n::homework::{check_failure, explained_intro, max_error, shape_text, verdict_mark, verdict_text, HomeworkMsg};
use crate::i18n::mistakes::{mistake_title, mistake_why};
use crate::i18n::t;
use crate::stepper::content::operands;
use crate::stepper::{Step, Walk};
use leptos::prelude::*;
use mlp::homework::Verdict;
use mlp::Case;

/// The outcome of a comparison, and the case it was made on.
#[derive(Clone, Debug, PartialEq)]
struct Compared {
    case: Case,
    outcome: Result<Item, String>,
}

#[component]
pub fn YourValue(step: Step, walk: Memo<Option<Walk>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let quantity = operands(step).1.first().copied().and_then(homework_quantity);
    let quantity = quantity?;
    let key = step.key();
    let open = RwSignal::new(false);
    let input = RwSignal::new(String::new());
    let compared = RwSignal::new(None::<Arc<Compared>>);
    let runs = StoredValue::new(0_u64);
    let marks = use_context::<HomeworkMarks>();
    let compare = move |_| {
        let Some(case) = walk.with_untracked(|w| w.as_ref().map(case_of)) else { return };
        let text = input.get_untracked();
        let lang_now = lang.get_untracked();
        let run = runs.try_update_value(|n| {
            *n += 1;
            *n
        });
        leptos::task::spawn_local(async move {
            let outcome = match input_json(&case) {
                Some(json) => check_value(&json, &quantity.dotted(), &text).await.map_err(|f| check_failure(lang_now, &f)),
                // A network with NaN or ∞ in it cannot be written as a case.
                None => Err(t(lang_now, HomeworkMsg::NotFinite).to_string()),
            };
            if runs.try_get_value() != run {
                return;
            }
            let outcome = outcome.and_then(|d| d.get(quantity).cloned().ok_or_else(|| t(lang_now, HomeworkMsg::UnknownQuantity).to_string()));
            if let (Some(h), Ok(item)) = (marks, &outcome) {
                let next = h.marks.with_untracked(|m| Marks::replace(m.as_deref(), case.clone(), quantity, std::slice::from_ref(item)));
                h.marks.try_set(Some(Arc::new(next)));
            }
            compared.try_set(Some(Arc::new(Compared { case, outcome })));
        });
    };
    // Shown only while the same case is walked.
    let current = move || {
        let c = compared.get()?;
        walk.with(|w| w.as_ref().is_some_and(|w| case_of(w) == c.case)).then_some(c)
    };
    let result = move || {
        let c = current()?;
        let lang = lang.get();
        Some(match &c.outcome {
            Err(message) => view! { <p class="case-error" role="alert">{message.clone()}</p> }.into_any(),
            Ok(item) => {
                let error = (item.verdict == Verdict::Wrong && item.given.is_some()).then(|| max_error(lang, item.max_abs_error));
                let shape = item.shape.map(|s| shape_text(lang, s.expected, s.given, s.transposed));
                let why: Vec<_> = item
                    .explained_by
                    .iter()
                    .map(|m| view! { <li data-mistake=m.key()><strong>{t(lang, mistake_title(m))}</strong> " " {t(lang, mistake_why(m))}</li> })
                    .collect();
                let explained = (!item.explained_by.is_empty()).then(|| {
                    let set = item.explained_by;
                    let switch = marks.map(|h| {
                        view! {
                            <button type="button" class="hw-switch" data-mistakes=set.to_keys()
                                on:click=move |_| h.mistakes.update(|m| *m = set.iter().fold(*m, |m, one| m.with(one, true)))>
                                {t(lang, HomeworkMsg::SwitchOn)}
                            </button>
                        }
                    });
                    view! { <p>{explained_intro(lang, item.quantity)}</p> <ul>{why}</ul> {switch} }
                });
                let unexplained = (item.verdict == Verdict::Wrong && item.explained_by.is_empty() && item.shape.is_none())
                    .then(|| view! { <p>{t(lang, HomeworkMsg::NoMistakeExplains).trim_end_matches([':', ' '])} "."</p> });
                view! {
                    <p class=format!("your-verdict hw-{}", mlp::homework::verdict_key(item.verdict)) data-verdict=mlp::homework::verdict_key(item.verdict)>
                        <span class="hw-mark" aria-hidden="true">{verdict_mark(item.verdict)}</span> " "
                        {t(lang, verdict_text(item.verdict))} " " {error}
                    </p>
                    {shape.map(|s| view! { <p class="hw-shape">{s}</p> })}
                    {explained}
                    {unexplained}
                }
                .into_any()
            }
        })
    };
    Some(view! {
        <div class="your-value">
            <button type="button" id=format!("your-value-{key}") aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=format!("your-box-{key}") on:click=move |_| open.update(|o| *o = !*o)>
                {move || t(lang.get(), HomeworkMsg::CardLabel)} "…"
            </button>
            <div class="your-box" id=format!("your-box-{key}") hidden=move || !open.get()>
                <label for=format!("your-input-{key}") class="case-label">{move || t(lang.get(), HomeworkMsg::CardLabel)}</label>
                <textarea id=format!("your-input-{key}") class="case-json" rows="3" spellcheck="false" autocomplete="off"
                    aria-describedby=format!("your-help-{key}") prop:value=input on:input=move |ev| input.set(event_target_value(&ev))></textarea>
                <small id=format!("your-help-{key}") class="help">{move || t(lang.get(), HomeworkMsg::CardHelp)}</small>
                <div class="case-actions">
                    <button type="button" id=format!("your-check-{key}") on:click=compare>{move || t(lang.get(), HomeworkMsg::CardCheck)}</button>
                </div>
                <div class="your-result" id=format!("your-result-{key}") aria-live="polite">{result}</div>
            </div>
        </div>
    })
}
