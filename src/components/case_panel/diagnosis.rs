//! The diagnosis on screen: the first wrong step, then each value the student gave with its
//! verdict; a wrong value with the mistake that explains it (why, the line written and the
//! correct one, a switch that turns it on) or, when none does, the entries that differ.

use super::check::Checked;
use crate::components::app::LangSignal;
use crate::i18n::homework::{explained_intro, max_error, quantity_label, shape_text, verdict_mark, verdict_text, HomeworkMsg};
use crate::i18n::mistakes::{mistake_title, mistake_why, right_numpy, wrong_numpy};
use crate::i18n::{number, t, Lang};
use crate::stepper::Step;
use leptos::prelude::*;
use super::checker::Item;
use mlp::homework::{verdict_key, Verdict};
use mlp::Mistakes;

/// At most this many differing entries are listed for an unexplained value.
const SHOWN_ENTRIES: usize = 6;

#[component]
pub fn DiagnosisView(checked: Memo<Option<Checked>>, mistakes: RwSignal<Mistakes>, open: Callback<Step>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    move || {
        let lang = lang.get();
        checked.with(|c| {
            let c = c.as_ref()?;
            let d = &c.diagnosis;
            let not_given = d.items.len() - d.given();
            let summary = match d.first_wrong() {
                Some(j) => {
                    let step = Step::from_key(j.quantity.step_key()).unwrap_or(Step::first());
                    view! {
                        <p class="homework-summary wrong" id="homework-summary" data-first-wrong=j.quantity.step_key()>
                            <strong>{t(lang, HomeworkMsg::FirstWrong)}</strong> " " {quantity_label(lang, j.quantity)} " "
                            <button type="button" id="homework-open-first" on:click=move |_| open.run(step)>{t(lang, HomeworkMsg::OpenStep)}</button>
                        </p>
                    }
                    .into_any()
                }
                None => view! { <p class="homework-summary right" id="homework-summary">"✓ " {t(lang, HomeworkMsg::AllRight)}</p> }.into_any(),
            };
            let rows: Vec<_> = d.items.iter().filter(|j| j.verdict != Verdict::NotGiven).map(|j| row(lang, j, mistakes, open)).collect();
            Some(view! {
                <div class="homework-result" id="homework-result" aria-live="polite">
                    {summary}
                    <ol class="homework-steps">{rows}</ol>
                    {(not_given > 0).then(|| view! { <p class="help">{format!("{not_given} ")} {t(lang, HomeworkMsg::NotGivenCount)}</p> })}
                </div>
            })
        })
    }
}

fn row(lang: Lang, j: &Item, mistakes: RwSignal<Mistakes>, open: Callback<Step>) -> impl IntoView {
    let step = Step::from_key(j.quantity.step_key()).unwrap_or(Step::first());
    let key = verdict_key(j.verdict);
    let error = (j.verdict != Verdict::Right && j.given.is_some()).then(|| view! { <span class="hw-error">{max_error(lang, j.max_abs_error)}</span> });
    let details = (j.verdict == Verdict::Wrong).then(|| wrong_details(lang, j, mistakes, open, step));
    view! {
        <li class=format!("hw-row hw-{key}") data-quantity=j.quantity.dotted() data-verdict=key>
            <span class="hw-mark" aria-hidden="true">{verdict_mark(j.verdict)}</span>
            " " <span class="hw-name">{quantity_label(lang, j.quantity)}</span>
            " " <span class="hw-verdict">{t(lang, verdict_text(j.verdict))}</span>
            " " {error} " "
            <button type="button" class="hw-open" data-step=j.quantity.step_key() on:click=move |_| open.run(step)>{t(lang, HomeworkMsg::OpenStep)}</button>
            {details}
        </li>
    }
}

fn wrong_details(lang: Lang, j: &Item, mistakes: RwSignal<Mistakes>, open: Callback<Step>, step: Step) -> impl IntoView {
    let shape = j.shape.map(|s| view! { <p class="hw-shape">{shape_text(lang, s.expected, s.given, s.transposed)}</p> });
    let explained = Some(j.explained_by).filter(|m| !m.is_empty()).map(|set| {
        let items: Vec<_> = set
            .iter()
            .map(|m| {
                view! {
                    <li class="hw-mistake" data-mistake=m.key()>
                        <strong>{t(lang, mistake_title(m))}</strong>
                        <p><em>{t(lang, HomeworkMsg::Why)}</em> " " {t(lang, mistake_why(m))}</p>
                        <div class="mistake-lines">
                            <span class="eq-label wrong">{t(lang, HomeworkMsg::YourLine)}</span>
                            <pre class="code wrong">{wrong_numpy(m)}</pre>
                            <span class="eq-label right">{t(lang, HomeworkMsg::RightLine)}</span>
                            <pre class="code right">{right_numpy(m)}</pre>
                        </div>
                    </li>
                }
            })
            .collect();
        let on = move || mistakes.with(|m| set.iter().all(|one| m.contains(one)));
        let switch = move |_| {
            mistakes.update(|m| *m = set.iter().fold(*m, |m, one| m.with(one, true)));
            open.run(step);
        };
        view! {
            <div class="hw-explained">
                <p>{explained_intro(lang, j.quantity)}</p>
                <ul>{items}</ul>
                <button type="button" class="hw-switch" data-mistakes=set.to_keys() disabled=on on:click=switch>
                    {move || t(lang, if on() { HomeworkMsg::SwitchedOn } else { HomeworkMsg::SwitchOn })}
                </button>
            </div>
        }
    });
    let unexplained = (j.explained_by.is_empty() && j.shape.is_none()).then(|| {
        let entries: Vec<_> = j
            .wrong_entries
            .iter()
            .take(SHOWN_ENTRIES)
            .map(|&(r, c)| {
                let at = if j.expected.ncols() == 1 { format!("[{r}]") } else { format!("[{r}, {c}]") };
                let yours = j.given.as_ref().and_then(|g| g.get((r, c)).copied()).unwrap_or(f64::NAN);
                let expected = j.expected.get((r, c)).copied().unwrap_or(f64::NAN);
                view! {
                    <li class="hw-entry" data-entry=at.clone()>
                        <code>{at.clone()}</code> ": " {t(lang, HomeworkMsg::Yours)} " " {number(lang, yours, 6)} ", "
                        {t(lang, HomeworkMsg::Expected)} " " {number(lang, expected, 6)}
                    </li>
                }
            })
            .collect();
        let more = j.wrong_entries.len().saturating_sub(SHOWN_ENTRIES);
        view! {
            <div class="hw-unexplained">
                <p>{t(lang, HomeworkMsg::NoMistakeExplains)}</p>
                <ul>{entries}</ul>
                {(more > 0).then(|| view! { <p class="help">{format!("… +{more}")}</p> })}
            </div>
        }
    });
    view! { {shape} {explained} {unexplained} }
}
