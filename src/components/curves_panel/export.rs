//! "Export run": the settings and the whole history as JSON ([`run_json`]), shown in a
//! read-only text box and offered as the file `backprop-run.json`.
//!
//! The document is built when the button is pressed, not on every epoch: a long run's JSON is
//! megabytes, and nobody reads it while it changes many times a second.

use super::run_json::run_json;
use crate::components::app::LangSignal;
use crate::components::case_panel::browser::download_json;
use crate::i18n::curves::{exported_at, CurvesMsg};
use crate::i18n::t;
use crate::settings::Settings;
use leptos::prelude::*;
use mlp::EpochRecord;

/// The name of the downloaded file.
const FILE_NAME: &str = "backprop-run.json";

/// A document and the history it was made from (last epoch, number of records).
#[derive(Clone, Debug, PartialEq)]
struct Exported {
    json: String,
    epoch: usize,
    records: usize,
}

/// "Export run" and "Download", and the exported document with the epoch it was made at.
#[component]
pub fn ExportRun(history: Signal<Vec<EpochRecord>>, settings: RwSignal<Settings>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    let exported = RwSignal::new(None::<Exported>);
    let pins = use_context::<crate::components::pins_panel::Pins>();
    let download_failed = RwSignal::new(false);
    let export = move |_| {
        let pinned = pins.map(|p| p.list.get_untracked()).unwrap_or_default();
        let json = settings.with_untracked(|s| history.with_untracked(|h| run_json(s, h, &pinned)));
        let (epoch, records) = history.with_untracked(|h| (h.last().map_or(0, |r| r.epoch), h.len()));
        exported.set(Some(Exported { json, epoch, records }));
        download_failed.set(false);
    };
    let download = move |_| {
        let failed = exported.with_untracked(|e| e.as_ref().map(|e| download_json(&e.json, FILE_NAME).is_err()));
        download_failed.set(failed.unwrap_or(false));
    };
    let json = move || exported.with(|e| e.as_ref().map(|e| e.json.clone()).unwrap_or_default());
    let note = move || exported.with(|e| e.as_ref().map(|e| exported_at(lang.get(), e.epoch, e.records)));
    let none = move || exported.with(Option::is_none);
    view! {
        <div class="curves-export">
            <h4>{text(CurvesMsg::ExportHeading)}</h4>
            <div class="curves-actions">
                <button type="button" id="export-run" on:click=export>{text(CurvesMsg::Export)}</button>
                <button type="button" id="download-run" disabled=none on:click=download>{text(CurvesMsg::Download)}</button>
                {move || {
                    download_failed.get().then(|| {
                        view! { <span class="curves-failed" role="status">{text(CurvesMsg::DownloadFailed)}</span> }
                    })
                }}
            </div>
            <div class="curves-json" hidden=none>
                <label for="run-json">{text(CurvesMsg::ExportLabel)}</label>
                <textarea id="run-json" rows="8" readonly spellcheck="false" aria-describedby="run-json-help"
                    prop:value=json></textarea>
                <small id="run-json-help" class="help">{text(CurvesMsg::ExportHelp)}</small>
                <p id="run-exported" class="curves-exported" role="status">{note}</p>
            </div>
        </div>
    }
}
