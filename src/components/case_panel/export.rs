//! The current walk as JSON (every value at full precision, as `mlp::export_case` writes it),
//! with Copy and Download, and a link that opens the page on the same case.

use super::browser::{download_json, page_link};
use super::copy::{Copier, Target};
use super::link::{case_of, encode};
use crate::components::app::LangSignal;
use crate::i18n::case::CaseMsg;
use crate::i18n::t;
use crate::stepper::Walk;
use leptos::prelude::*;
use mlp::export_case;

/// The name of the downloaded file.
const FILE_NAME: &str = "backprop-case.json";

#[component]
pub fn ExportCase(walk: Memo<Option<Walk>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    // A walk always fits its network, so the export cannot fail; "" only without a walk.
    let export = Memo::new(move |_| {
        walk.with(|w| w.as_ref().and_then(|w| export_case(&case_of(w), w.example.mistakes).ok())).unwrap_or_default()
    });
    let copier = Copier::new();
    let download_failed = RwSignal::new(false);
    let download = move |_| download_failed.set(export.with_untracked(|json| download_json(json, FILE_NAME)).is_err());
    let no_walk = move || walk.with(Option::is_none);
    let with_mistakes = move || walk.with(|w| w.as_ref().is_some_and(|w| !w.example.mistakes.is_empty()));
    view! {
        <div class="case-export">
            <h4>{text(CaseMsg::ExportHeading)}</h4>
            <label for="case-export" class="case-label">{text(CaseMsg::ExportLabel)}</label>
            <textarea id="case-export" class="case-json" rows="9" readonly spellcheck="false"
                aria-describedby="case-export-help" prop:value=export></textarea>
            <small id="case-export-help" class="help">{text(CaseMsg::ExportHelp)}</small>
            {move || with_mistakes().then(|| view! { <p class="case-note" id="case-mistakes">{text(CaseMsg::WithMistakes)}</p> })}
            {move || no_walk().then(|| view! { <p class="case-note">{text(CaseMsg::NoWalk)}</p> })}
            <div class="case-actions">
                <button type="button" id="copy-case" disabled=no_walk
                    on:click=move |_| copier.copy(Target::Export, export.get_untracked())>{text(CaseMsg::Copy)}</button>
                <button type="button" id="download-case" disabled=no_walk on:click=download>{text(CaseMsg::Download)}</button>
                <CopyOutcome copier=copier target=Target::Export />
                {move || download_failed.get().then(|| view! { <span class="case-failed" role="status">{text(CaseMsg::DownloadFailed)}</span> })}
            </div>
            <CaseLink walk=walk copier=copier />
        </div>
    }
}

/// "Copied" or "Could not copy…" next to the button that copied.
#[component]
fn CopyOutcome(copier: Copier, target: Target) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let id = match target {
        Target::Export => "copy-case-status",
        Target::Link => "copy-link-status",
    };
    let outcome = move || {
        copier.outcome(target).map(|copied| {
            let (class, msg) = if copied { ("case-copied", CaseMsg::Copied) } else { ("case-failed", CaseMsg::CopyFailed) };
            view! { <span class=class>{if copied { "✓ " } else { "" }} {t(lang.get(), msg)}</span> }
        })
    };
    view! { <span id=id role="status" class="case-outcome">{outcome}</span> }
}

/// The link to this page with the walk's case in its `case` parameter, and "Copy link".
#[component]
fn CaseLink(walk: Memo<Option<Walk>>, copier: Copier) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    // The other URL parameters (step, mistakes) are read when the link is made: "Copy link"
    // makes it again, so the copied link is the page as it is now.
    let refresh = Trigger::new();
    let link = Memo::new(move |_| {
        refresh.track();
        let code = lang.get().code();
        walk.with(|w| w.as_ref().and_then(|w| encode(&case_of(w))).and_then(|param| page_link(&param, code)))
    });
    let copy_link = move |_| {
        refresh.notify();
        if let Some(link) = link.get_untracked() {
            copier.copy(Target::Link, link);
        }
    };
    let no_link = move || walk.with(Option::is_some) && link.with(Option::is_none);
    view! {
        <div class="case-link">
            <label for="case-link" class="case-label">{text(CaseMsg::LinkLabel)}</label>
            <div class="case-link-row">
                <input type="text" id="case-link" readonly spellcheck="false" aria-describedby="case-link-help"
                    prop:value=move || link.get().unwrap_or_default() />
                <button type="button" id="copy-case-link" disabled=move || link.with(Option::is_none) on:click=copy_link>
                    {text(CaseMsg::CopyLink)}
                </button>
            </div>
            <CopyOutcome copier=copier target=Target::Link />
            <small id="case-link-help" class="help">{text(CaseMsg::LinkHelp)}</small>
            {move || no_link().then(|| view! { <p class="case-failed">{text(CaseMsg::NoLink)}</p> })}
        </div>
    }
}
