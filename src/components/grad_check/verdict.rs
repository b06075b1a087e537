//! The overall verdict of the gradient check (✓ pass / ✗ fail, in colour and in words) and the
//! update line of step (f): R̃ before → after one step θ ← θ − η∇R̃, which must go down.

use super::{LangSignal, State};
use crate::i18n::check::{kink_detail, update_numbers, verdict_detail, CheckMsg};
use crate::i18n::t;
use crate::i18n::{fixed, plain};
use leptos::prelude::*;
use mlp::UpdateCheck;

/// "true" / "false", for `data-pass`.
pub(super) fn pass_attr(passes: bool) -> &'static str {
    if passes {
        "true"
    } else {
        "false"
    }
}

/// The verdict, kept on the page (a live region) while the state changes, so screen readers
/// announce the new verdict. `data-pass` is absent while nothing was checked.
#[component]
pub fn VerdictLine(state: Memo<State>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let passes = move || {
        state.with(|s| match s {
            State::Ready(report) => Some(report.grads.passes()),
            _ => None,
        })
    };
    let words = move || {
        let lang = lang.get();
        state.with(|s| match s {
            State::Ready(report) => {
                let ok = report.grads.passes();
                let (word, sentence) =
                    if ok { (CheckMsg::Pass, CheckMsg::VerdictPass) } else { (CheckMsg::Fail, CheckMsg::VerdictFail) };
                let max_rel = fixed(lang, report.grads.max_rel_error_above_noise());
                let detail = verdict_detail(lang, report.failing(), report.total(), &report.failing_groups(), &max_rel);
                let kinks = kink_detail(lang, report.grads.kinks());
                Some((t(lang, word), format!("{} {detail}{kinks}", t(lang, sentence))))
            }
            State::Waiting { .. } => Some((t(lang, CheckMsg::NotRunWord), t(lang, CheckMsg::NotRun).to_string())),
            State::NoWalk | State::CannotRun => None,
        })
    };
    view! {
        <p id="check-verdict" class="check-verdict" role="status"
            class:pass=move || passes() == Some(true) class:fail=move || passes() == Some(false)
            data-pass=move || passes().map(pass_attr)>
            {move || words().map(|(word, sentence)| view! { <strong class="verdict-word">{word}</strong> " " {sentence} })}
        </p>
    }
}

/// R̃ before and after the walk's update, and whether it went down.
#[component]
pub fn UpdateLine(update: UpdateCheck, eta: f64) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let ok = update.decreased;
    let numbers = move || {
        let lang = lang.get();
        update_numbers(lang, &plain(lang, eta), &fixed(lang, update.loss_before), &fixed(lang, update.loss_after))
    };
    let outcome = match (ok, update.loss_after.is_finite()) {
        (true, _) => CheckMsg::WentDown,
        (false, true) => CheckMsg::WentUp,
        (false, false) => CheckMsg::WentNaN,
    };
    let verdict = move || t(lang.get(), outcome);
    let word = move || t(lang.get(), if ok { CheckMsg::Pass } else { CheckMsg::Fail });
    view! {
        <p id="check-update" class="check-update" class:pass=ok class:fail=!ok data-pass=pass_attr(ok)>
            <strong class="verdict-word">{word}</strong> " "
            <span class="update-label">{move || t(lang.get(), CheckMsg::UpdateLabel)}</span> " "
            {numbers} " " {verdict}
        </p>
    }
}
