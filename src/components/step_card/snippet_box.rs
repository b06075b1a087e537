//! "LaTeX" and "Markdown": the step as a snippet with its numbers ([`crate::stepper::snippet`]),
//! in a read-only text box with Copy and Download, for handouts and exam keys.
//!
//! The text is made only while the box is open, and again when the walk or the language
//! changes: a closed box costs nothing while the network trains.

use crate::components::app::LangSignal;
use crate::components::case_panel::browser::{copy_through_field, download_text};
use crate::i18n::exports::ExportMsg;
use crate::i18n::t;
use crate::stepper::snippet::{file_name, latex, markdown, Format};
use crate::stepper::{Step, Walk};
use leptos::prelude::*;

#[component]
pub fn SnippetBox(step: Step, walk: Memo<Option<Walk>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    let open = RwSignal::new(None::<Format>);
    // How the last Copy or Download ended: copied, or the message of what failed.
    let outcome = RwSignal::new(None::<Result<(), ExportMsg>>);
    let snippet = Memo::new(move |_| {
        let format = open.get()?;
        let lang = lang.get();
        walk.with(|w| {
            w.as_ref().map(|w| match format {
                Format::Latex => latex(w, step, lang),
                Format::Markdown => markdown(w, step, lang),
            })
        })
    });
    let key = step.key();
    let field = format!("snippet-{key}");
    let choose = move |format: Format| {
        outcome.set(None);
        open.update(|o| *o = if *o == Some(format) { None } else { Some(format) });
    };
    let field_for_copy = field.clone();
    let copy = move |_| {
        let Some(text) = snippet.get_untracked() else { return };
        let copied = copy_through_field(&field_for_copy, &text);
        outcome.set(Some(if copied { Ok(()) } else { Err(ExportMsg::CopyFailed) }));
    };
    let download = move |_| {
        let (Some(text), Some(format)) = (snippet.get_untracked(), open.get_untracked()) else { return };
        if download_text(&text, &file_name(step, format), format.mime()).is_err() {
            outcome.set(Some(Err(ExportMsg::DownloadFailed)));
        }
    };
    let pressed = move |format| move || (open.get() == Some(format)).to_string();
    let label = move || match open.get() {
        Some(Format::Markdown) => t(lang.get(), ExportMsg::MarkdownLabel),
        _ => t(lang.get(), ExportMsg::LatexLabel),
    };
    let status = move || {
        outcome.get().map(|result| match result {
            Ok(()) => view! { <span class="snippet-done">"✓ " {t(lang.get(), ExportMsg::Copied)}</span> }.into_any(),
            Err(msg) => view! { <span class="snippet-failed">{t(lang.get(), msg)}</span> }.into_any(),
        })
    };
    view! {
        <div class="snippet" role="group" aria-label=text(ExportMsg::SnippetGroup)>
            <div class="snippet-actions">
                <span class="eq-label">{text(ExportMsg::SnippetGroup)}</span>
                <button type="button" id=format!("snippet-latex-{key}") aria-pressed=pressed(Format::Latex)
                    aria-controls=field.clone() on:click=move |_| choose(Format::Latex)>{text(ExportMsg::Latex)}</button>
                <button type="button" id=format!("snippet-markdown-{key}") aria-pressed=pressed(Format::Markdown)
                    aria-controls=field.clone() on:click=move |_| choose(Format::Markdown)>{text(ExportMsg::Markdown)}</button>
            </div>
            <div class="snippet-box" hidden=move || open.with(Option::is_none)>
                <label for=field.clone()>{label}</label>
                <textarea id=field.clone() rows="10" readonly spellcheck="false" data-format=move || open.get().map(Format::extension)
                    prop:value=move || snippet.get().unwrap_or_default()></textarea>
                <div class="snippet-actions">
                    <button type="button" id=format!("snippet-copy-{key}") on:click=copy>{text(ExportMsg::Copy)}</button>
                    <button type="button" id=format!("snippet-download-{key}") on:click=download>
                        {text(ExportMsg::Download)} " " {move || open.get().map(|f| file_name(step, f))}
                    </button>
                    <button type="button" class="snippet-hide" on:click=move |_| open.set(None)>{text(ExportMsg::Hide)}</button>
                    <span role="status" id=format!("snippet-status-{key}")>{status}</span>
                </div>
            </div>
        </div>
    }
}
