//! One step of the walk: its title and letter, the equation in matrix and scalar form, the
//! shapes, the numpy line, the operands and the result as tables, and the formula of the
//! result entry the student clicked; and the step as a LaTeX or Markdown snippet.

use super::app::LangSignal;
use super::matrix_view::{MatrixView, Role};
use super::your_value::YourValue;
use crate::i18n::stepper::{step_title, StepperMsg};
use crate::i18n::t;
use crate::mathml::math;
use crate::i18n::mistakes::{mistake_title, mistake_why, wrong_numpy};
use crate::stepper::content::{matrix_form, mistakes_altering, numpy, operands, scalar_form};
use crate::i18n::fixed;
use crate::i18n::penalty::PenaltyMsg;
use crate::i18n::rule::RuleMsg;
use mlp::{Penalty, UpdateRule};
use crate::stepper::formula::{formula, reads, Cells};
use crate::stepper::quantity::Quantity;
use crate::stepper::selection::{Cell, Selection};
use crate::stepper::{Step, Walk};
use leptos::prelude::*;
use picture::{has_picture, QuantityPicture};
use snippet_box::SnippetBox;

mod picture;
mod snippet_box;

#[component]
pub fn StepCard(step: Step, walk: Memo<Option<Walk>>, selection: RwSignal<Option<Selection>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let (reads_q, writes_q) = operands(step);
    // The clicked cell, read only while it belongs to the walk's network (see `Selection`) and
    // to this step's results: the phase views show several cards that share one selection.
    let clicked = Memo::new(move |_| {
        let selection = selection.get()?;
        let cell = walk.with(|w| w.as_ref().and_then(|w| selection.cell(w)))?;
        writes_q.contains(&cell.quantity).then_some(cell)
    });
    let operand_views = reads_q
        .iter()
        .map(|&q| {
            let highlight = Signal::derive(move || operand_cells(step, q, clicked.get()));
            view! {
                <MatrixView quantity=q walk=walk role=Role::Read highlight=highlight selected=Signal::stored(None) />
                {pictured(step, q).then(|| view! { <QuantityPicture quantity=q walk=walk /> })}
            }
        })
        .collect::<Vec<_>>();
    let result_views = writes_q
        .iter()
        .map(|&q| {
            let highlight = Signal::derive(move || match clicked.get() {
                Some(cell) if cell.quantity == q => Cells::One(cell.row, cell.col),
                Some(_) => Cells::None,
                None => Cells::All,
            });
            let selected = Signal::derive(move || clicked.get().filter(|s| s.quantity == q).map(|s| (s.row, s.col)));
            let on_select = Callback::new(move |(row, col)| {
                let cell = Cell { quantity: q, row, col };
                let fresh = walk.with_untracked(|w| w.as_ref().and_then(|w| Selection::new(w, cell)));
                selection.set(fresh);
            });
            view! {
                <MatrixView quantity=q walk=walk role=Role::Write highlight=highlight selected=selected on_select=on_select />
                {pictured(step, q).then(|| view! { <QuantityPicture quantity=q walk=walk /> })}
            }
        })
        .collect::<Vec<_>>();
    // The penalty the walk was computed with: (r) and (f) are written for it.
    let penalty = Memo::new(move |_| walk.with(|w| w.as_ref().map_or(Penalty::NONE, |w| w.example.penalty)));
    // Step (f) of a rule other than SGD: its own equations.
    let rule = Memo::new(move |_| walk.with(|w| w.as_ref().map_or(UpdateRule::Sgd, |w| w.example.rule)));
    let rule_forms = move || (step == Step::Update).then(|| crate::stepper::content::rule_forms(rule.get())).flatten();
    // One displayed equation per line (a rule's update has several).
    let lines = |equations: Vec<String>| equations.into_iter().map(|e| view! { <div inner_html=math(true, &e)></div> }).collect_view();
    let matrix = move || lines(rule_forms().map_or_else(|| vec![matrix_form(step, &penalty.get())], |f| f.0));
    let scalar = move || lines(rule_forms().map_or_else(|| vec![scalar_form(step, &penalty.get())], |f| f.1));
    let numpy_lines = move || rule_forms().map_or_else(|| numpy(step, &penalty.get()), |f| f.2);
    let note = move || {
        let p = penalty.get();
        let msg = match step {
            Step::RegW1 if p.w1.l1 > 0.0 => PenaltyMsg::SignNote,
            Step::RegW2 if p.w2.l1 > 0.0 => PenaltyMsg::SignNote,
            Step::Update if p.has_l1() && rule.get() == UpdateRule::Sgd => PenaltyMsg::ProximalNote,
            _ => return None,
        };
        Some(view! { <p class="penalty-note">{move || t(lang.get(), msg)}</p> })
    };
    let rule_note = move || {
        (step == Step::Update && rule.get() != UpdateRule::Sgd)
            .then(|| view! { <p class="rule-note" id="rule-first-step">{move || t(lang.get(), RuleMsg::FirstStepNote)}</p> })
    };
    // A long equation (the full penalty's (r), any on a phone) scrolls in its box.
    let (matrix_box, scalar_box) = (NodeRef::<leptos::html::Div>::new(), NodeRef::<leptos::html::Div>::new());
    for scroll_box in [matrix_box, scalar_box] {
        crate::stepper::diagram::focusable_while_scrolling(scroll_box, move || {
            penalty.track();
            rule.track();
            lang.track();
        });
    }
    let instantiated = move || {
        let cell = clicked.get()?;
        let more = t(lang.get(), StepperMsg::MoreTerms);
        let lang = lang.get();
        walk.with(|w| w.as_ref().and_then(|w| formula(w, step, cell, more)).map(|f| crate::mathml::localized(lang, &math(true, &f))))
    };
    view! {
        <article class="step-card" id=format!("step-{}", step.key()) data-step=step.key()>
            <h3>
                <span class="letter">"(" {step.letter()} ")"</span> " "
                {move || t(lang.get(), step_title(step))}
            </h3>
            <div class="equations" class:stacked=move || rule_forms().is_some()>
                <div class="equation" node_ref=matrix_box>
                    <span class="eq-label">{move || t(lang.get(), StepperMsg::MatrixForm)}</span>
                    {matrix}
                </div>
                <div class="equation" node_ref=scalar_box>
                    <span class="eq-label">{move || t(lang.get(), StepperMsg::ScalarForm)}</span>
                    {scalar}
                    {(step != Step::Update).then(|| view! { <p class="index-note">{move || t(lang.get(), StepperMsg::IndexLetters)}</p> })}
                </div>
            </div>
            <div class="numpy">
                <span class="eq-label">{move || t(lang.get(), StepperMsg::Numpy)}</span>
                <pre><code>{numpy_lines}</code></pre>
            </div>
            {note}
            {rule_note}
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
            <YourValue step=step walk=walk />
            <p class="hint">{move || t(lang.get(), StepperMsg::ClickACell)}</p>
            <div class="formula" aria-live="polite" inner_html=instantiated></div>
            {(step == Step::Update).then(|| view! { <UpdateOutcome walk=walk /> })}
            {(step == Step::Update).then(|| view! { <super::rule_state::RuleStateView rule=rule /> })}
            <SnippetBox step=step walk=walk />
        </article>
    }
}

/// Whether `step` draws `q` as a picture beside its table: x where the walk starts (a), oˢ
/// where it is computed (c), ∂L/∂x where it is computed (q) — once each.
fn pictured(step: Step, q: Quantity) -> bool {
    has_picture(q) && matches!((step, q), (Step::HiddenActivation, Quantity::X) | (Step::Softmax, Quantity::Softmax) | (Step::GradInput, Quantity::GradX))
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
fn operand_cells(step: Step, q: Quantity, clicked: Option<Cell>) -> Cells {
    let Some(Cell { quantity: result, row, col }) = clicked else { return Cells::All };
    reads(step, result, row, col)
        .into_iter()
        .find(|(read, _)| *read == q)
        .map(|(_, cells)| cells)
        .unwrap_or(Cells::None)
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
                    {t(lang, StepperMsg::LossBefore)} ": " <strong>{fixed(lang, before)}</strong> " → "
                    {t(lang, StepperMsg::LossAfter)} ": " <strong>{fixed(lang, after)}</strong> ". "
                    {t(lang, verdict)}
                </p>
            })
        })
    };
    view! { {line} }
}
