//! Step (f)'s live state: the update rule's memory (momentum's velocity v, Adam's moments m
//! and s and its step count t) as the trainer holds it at the network the stepper walks, as
//! tables. The card's equations take the rule's first step from a state at 0; these are the
//! numbers training's next step starts from.

use super::app::LangSignal;
use crate::i18n::rule::RuleMsg;
use crate::i18n::{number, t};
use leptos::prelude::*;
use mlp::{Params, RuleState};
use nalgebra::DMatrix;

/// The rule's state at the stepper's network, published with it by the lab; shared by context.
#[derive(Clone, Copy)]
pub struct LiveRuleState(pub RwSignal<Option<RuleState>>);

/// The most rows and columns a block's table shows (the rest is said, not shown).
const SHOWN: usize = 8;

/// The tables of the state, or nothing while the rule is plain SGD (it keeps none).
#[component]
pub fn RuleStateView(
    /// The rule the stepper walks (its moments' names: v, or Adam's m and s).
    rule: Memo<mlp::UpdateRule>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let state = use_context::<LiveRuleState>().map(|s| s.0);
    move || {
        let lang = lang.get();
        let state = state?.get()?;
        let adam = matches!(rule.get(), mlp::UpdateRule::Adam { .. });
        let moments: Vec<(&'static str, Option<Params>)> = match adam {
            true => vec![("m", state.first), ("s", state.second)],
            false => vec![("v", state.first)],
        };
        let tables = moments.into_iter().map(|(name, moment)| moment_view(lang, name, moment)).collect_view();
        Some(view! {
            <section class="rule-state" id="rule-state" data-t=state.t>
                <h4>{t(lang, RuleMsg::StateHeading)} " (t = " {state.t} ")"</h4>
                <p class="help">{t(lang, RuleMsg::StateHelp)}</p>
                {tables}
            </section>
        })
    }
}

/// One moment's four blocks, or the note that it is still 0.
fn moment_view(lang: crate::i18n::Lang, name: &'static str, moment: Option<Params>) -> impl IntoView {
    let Some(p) = moment else {
        return view! { <p class="rule-state-zero" data-moment=name>{format!("{name} = 0 ")} {t(lang, RuleMsg::StateZero)}</p> }.into_any();
    };
    let blocks = [
        ("W1", "W⁽¹⁾", p.w1.clone()),
        ("b1", "b⁽¹⁾", DMatrix::from_column_slice(p.b1.len(), 1, p.b1.as_slice())),
        ("W2", "W⁽²⁾", p.w2.clone()),
        ("b2", "b⁽²⁾", DMatrix::from_column_slice(p.b2.len(), 1, p.b2.as_slice())),
    ];
    let figures = blocks
        .into_iter()
        .map(|(key, symbol, m)| {
            let (rows, cols) = m.shape();
            let cut = rows > SHOWN || cols > SHOWN;
            let body = (0..rows.min(SHOWN))
                .map(|i| {
                    let cells = (0..cols.min(SHOWN))
                        .map(|j| {
                            let v = m[(i, j)];
                            view! { <td data-value=format!("{v:?}")>{number(lang, v, 3)}</td> }
                        })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            let caption = format!("{name} ({symbol}, {rows} × {cols}){}", if cut { t(lang, RuleMsg::StateCut) } else { "" });
            view! {
                <figure class="rule-state-block" data-moment=name data-block=key>
                    <figcaption>{caption}</figcaption>
                    <table><tbody>{body}</tbody></table>
                </figure>
            }
        })
        .collect_view();
    view! { <div class="rule-state-moment" data-moment=name>{figures}</div> }.into_any()
}
