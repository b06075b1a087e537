//! One step of the walk: its title and letter, the equation in matrix and scalar form, the
//! shapes, the numpy line, the operands and the result as tables, and the formula of the
//! result entry the student clicked; and the step as a LaTeX or Markdown snippet.

use super::app::LangSignal;
use super::matrix_view::{MatrixView, Role};
use crate::i18n::stepper::{step_title, StepperMsg};
use crate::i18n::t;
use crate::mathml::math;
use crate::i18n::mistakes::{mistake_title, mistake_why, wrong_numpy};
use crate::stepper::content::{matrix_form, mistakes_altering, numpy, operands, scalar_form};
use crate::stepper::format::number;
use crate::stepper::formula::{formula, reads, Cells};
use crate::stepper::quantity::Quantity;
use crate::stepper::{Step, Walk};
use leptos::prelude::*;
use snippet_box::SnippetBox;

mod snippet_box;

/// The result entry the student clicked: which result, which cell.
pub type Selection = Option<(Quantity, usize, usize)>;

#[component]
pub fn StepCard(step: Step, walk: Memo<Option<Walk>>, selection: RwSignal<Selection>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let (reads_q, writes_q) = operands(step);
    let operand_views = reads_q
        .iter()
        .map(|&q| {
            let highlight = Signal::derive(move || operand_cells(step, q, selection.get()));
            view! { <MatrixView quantity=q walk=walk role=Role::Read highlight=highlight selected=Signal::stored(None) /> }
        })
        .collect::<Vec<_>>();
    let result_views = writes_q
        .iter()
        .map(|&q| {
            let highlight = Signal::derive(move || match selection.get() {
                Some((sq, r, c)) if sq == q => Cells::One(r, c),
                Some(_) => Cells::One(usize::MAX, usize::MAX),
                None => Cells::All,
            });
            let selected = Signal::derive(move || selection.get().filter(|s| s.0 == q).map(|s| (s.1, s.2)));
            let on_select = Callback::new(move |(r, c)| selection.set(Some((q, r, c))));
            view! { <MatrixView quantity=q walk=walk role=Role::Write highlight=highlight selected=selected on_select=on_select /> }
        })
        .collect::<Vec<_>>();
    let instantiated = move || {
        let (q, r, c) = selection.get()?;
        let more = t(lang.get(), StepperMsg::MoreTerms);
        walk.with(|w| w.as_ref().map(|w| math(true, &formula(w, step, q, r, c, more))))
    };
    view! {
        <article class="step-card" id=format!("step-{}", step.key()) data-step=step.key()>
            <h3>
                <span class="letter">"(" {step.letter()} ")"</span> " "
                {move || t(lang.get(), step_title(step))}
            </h3>
            <div class="equations">
                <div class="equation">
                    <span class="eq-label">{move || t(lang.get(), StepperMsg::MatrixForm)}</span>
                    <div inner_html=math(true, &matrix_form(step))></div>
                </div>
                <div class="equation">
                    <span class="eq-label">{move || t(lang.get(), StepperMsg::ScalarForm)}</span>
                    <div inner_html=math(true, &scalar_form(step))></div>
                </div>
            </div>
            <div class="numpy">
                <span class="eq-label">{move || t(lang.get(), StepperMsg::Numpy)}</span>
                <pre><code>{numpy(step)}</code></pre>
            </div>
            <Altered step=step walk=walk />
            <div class="operands">
                <div class="side reads">
                    <span class="side-label">{move || t(lang.get(), StepperMsg::Reads)}</span>
                    {operand_views}
                </div>
                <div class="arrow" aria-hidden="true">"→"</div>
                <div class="side writes">
                    <span class="side-label">{move || t(lang.get(), StepperMsg::Writes)}</span>
                    {result_views}
                </div>
            </div>
            <p class="hint">{move || t(lang.get(), StepperMsg::ClickACell)}</p>
            <div class="formula" aria-live="polite" inner_html=instantiated></div>
            {(step == Step::Update).then(|| view! { <UpdateOutcome walk=walk /> })}
            <SnippetBox step=step walk=walk />
        </article>
    }
}

/// While a mistake switch changes this step: which one, the line that now runs, and why it is
/// wrong. The numbers below are then the mistaken ones.
#[component]
fn Altered(step: Step, walk: Memo<Option<Walk>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    move || {
        let altering = walk.with(|w| w.as_ref().map(|w| mistakes_altering(step, w.example.mistakes)))?;
        (!altering.is_empty()).then(|| {
            let lang = lang.get();
            let items = altering
                .into_iter()
                .map(|m| {
                    view! {
                        <li>
                            <strong>{t(lang, mistake_title(m))}</strong>
                            <pre><code>{wrong_numpy(m)}</code></pre>
                            <span>{t(lang, mistake_why(m))}</span>
                        </li>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                <div class="altered" role="note" id=format!("altered-{}", step.key())>
                    <p class="altered-title">{t(lang, StepperMsg::Altered)}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// The operand cells to highlight: all of them, or those the selected result entry reads.
fn operand_cells(step: Step, q: Quantity, selection: Selection) -> Cells {
    let Some((result, r, c)) = selection else { return Cells::All };
    reads(step, result, r, c)
        .into_iter()
        .find(|(read, _)| *read == q)
        .map(|(_, cells)| cells)
        .unwrap_or(Cells::One(usize::MAX, usize::MAX))
}

/// The objective on this example before and after the update, and whether it went down.
#[component]
fn UpdateOutcome(walk: Memo<Option<Walk>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let line = move || {
        walk.with(|w| {
            let w = w.as_ref()?;
            let (before, after) = (w.objective(), w.objective_after());
            let down = after < before;
            let verdict = if down { StepperMsg::LossWentDown } else { StepperMsg::LossWentUp };
            let lang = lang.get();
            Some(view! {
                <p class="update-outcome" class:went-up=!down id="update-outcome">
                    {t(lang, StepperMsg::LossBefore)} ": " <strong>{number(before)}</strong> " → "
                    {t(lang, StepperMsg::LossAfter)} ": " <strong>{number(after)}</strong> ". "
                    {t(lang, verdict)}
                </p>
            })
        })
    };
    view! { {line} }
}
