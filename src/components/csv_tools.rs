//! "Open a CSV file" (or drop one on the page): the student's own data. The file is read in
//! the page; the settings (and so the link) keep its SHA-256, its label column and whether its
//! inputs are standardized. Shown: what was detected, the label column to choose, the classes
//! with their names, the standardization with its numbers. A refused file or label column
//! says why (line and column) and the previous data stay.

use super::app::LangSignal;
use crate::data::{file_standardization, DataKey, OwnFile};
use crate::i18n::csv::{csv_error, format_text, outside_view, CsvMsg};
use crate::i18n::{number, t, Lang};
use crate::palette::{class_css, class_marker};
use crate::settings::{FileSettings, Settings};
use leptos::prelude::*;
use mlp::dataset::VIEW;
use mlp::DatasetKind;
use wasm_bindgen_futures::JsFuture;

/// What became of the last file or label column chosen.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// Read; `link` says whether a link was waiting for a file, and whether this is its file.
    Opened { name: String, link: Option<bool> },
    Refused { name: String, why: Refusal },
}

#[derive(Clone, Debug, PartialEq)]
enum Refusal {
    Csv(mlp::dataset::csv::CsvError),
    Unreadable,
}

#[component]
pub fn CsvTools(settings: RwSignal<Settings>, own: RwSignal<Option<OwnFile>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let outcome = RwSignal::new(None::<Outcome>);
    let dragging = RwSignal::new(false);
    // Reads a chosen or dropped file and, when it is a table, makes it the data set.
    let open = move |file: web_sys::File| {
        let name = file.name();
        leptos::task::spawn_local(async move {
            let bytes = JsFuture::from(file.array_buffer()).await.ok().map(|b| js_sys::Uint8Array::new(&b).to_vec());
            let Some(bytes) = bytes else {
                outcome.set(Some(Outcome::Refused { name, why: Refusal::Unreadable }));
                return;
            };
            // A link waiting for its file names the label column to read it with.
            let waiting = settings.with_untracked(|s| (s.dataset == DatasetKind::Csv).then_some(s.file))
                .filter(|f| own.with_untracked(|o| o.as_ref().is_none_or(|o| Some(o.sha256) != f.sha256)) && f.sha256.is_some());
            match OwnFile::read(&name, &bytes, waiting.and_then(|f| f.label)) {
                Ok(file) => {
                    let link = waiting.map(|f| f.sha256 == Some(file.sha256));
                    adopt(settings, own, file);
                    outcome.set(Some(Outcome::Opened { name, link }));
                }
                Err(error) => outcome.set(Some(Outcome::Refused { name, why: Refusal::Csv(error) })),
            }
        });
    };
    let picker = NodeRef::<leptos::html::Input>::new();
    let on_file = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let file = input.files().and_then(|files| files.get(0));
        // The same file chosen again must be read again.
        input.set_value("");
        if let Some(file) = file {
            open(file);
        }
    };
    // A file dropped anywhere on the page opens too.
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if carries_files(&ev) {
            ev.prevent_default();
            dragging.set(true);
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        dragging.set(false);
        let file = ev.data_transfer().and_then(|d| d.files()).and_then(|files| files.get(0));
        if let Some(file) = file {
            ev.prevent_default();
            open(file);
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
    let chosen = move || settings.with(|s| s.dataset == DatasetKind::Csv);
    // The file the data are made of (the one the settings name).
    let current = Memo::new(move |_| {
        let sha = settings.with(|s| (s.dataset == DatasetKind::Csv).then_some(s.file.sha256).flatten());
        own.with(|o| o.clone().filter(|f| Some(f.sha256) == sha))
    });
    // m is the file's number of classes, whatever changed it (a link, another data set's m).
    Effect::new(move |_| {
        let m = settings.with(|s| s.m);
        if let Some(classes) = current.with(|f| f.as_ref().map(|f| f.data.table.classes)).filter(|&c| c != m) {
            settings.update(|s| s.m = classes);
        }
    });
    let message = move || {
        let lang = lang.get();
        outcome.get().map(|o| match o {
            Outcome::Opened { name, link } => {
                let summary = current.with(|f| f.as_ref().map(|f| summary(lang, f))).unwrap_or_default();
                let link = match link {
                    Some(true) => format!(" {}", t(lang, CsvMsg::SameFile)),
                    Some(false) => format!(" {}", t(lang, CsvMsg::OtherFile)),
                    None => String::new(),
                };
                format!("✓ {name}{} {summary}.{link}", colon(lang))
            }
            Outcome::Refused { name, why } => {
                let why = match why {
                    Refusal::Csv(error) => csv_error(lang, &error),
                    Refusal::Unreadable => t(lang, CsvMsg::Unreadable).to_owned(),
                };
                format!("{name}{} {why} {}", colon(lang), t(lang, CsvMsg::Kept))
            }
        })
    };
    let refused = move || outcome.with(|o| matches!(o, Some(Outcome::Refused { .. })));
    let choose = move |_| {
        if let Some(input) = picker.get_untracked() {
            input.click();
        }
    };
    view! {
        <div class="csv-tools" id="csv-tools" hidden=move || !chosen()>
            <button type="button" id="open-csv-button" on:click=choose>{move || t(lang.get(), CsvMsg::Open)}</button>
            " " <span class="help">{move || t(lang.get(), CsvMsg::DropHint)}</span>
            // The browser's file picker, opened by the button (its own control is not shown).
            <input type="file" id="open-csv" hidden accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
                node_ref=picker on:change=on_file />
            <p class="help">{move || t(lang.get(), CsvMsg::Rules)}</p>
            <p class="csv-status" id="csv-status" role="status" class:field-error=refused>{message}</p>
            {move || current.get().map(|file| view! { <FileDetails settings=settings own=own file=file outcome=outcome /> })}
        </div>
        <div class="drop-veil" id="drop-veil" hidden=move || !dragging.get() aria-hidden="true">
            <p>{move || t(lang.get(), CsvMsg::DropHere)}</p>
        </div>
    }
}

/// The file becomes the data set: its hash, inputs, label column and classes go into the
/// settings (m is the file's number of classes).
fn adopt(settings: RwSignal<Settings>, own: RwSignal<Option<OwnFile>>, file: OwnFile) {
    let table = &file.data.table;
    let (inputs, classes, label, sha256) = (table.dim, table.classes, file.data.label_column, file.sha256);
    own.set(Some(file));
    settings.update(|s| {
        s.dataset = DatasetKind::Csv;
        s.file = FileSettings { sha256: Some(sha256), inputs, label: Some(label), standardize: s.file.standardize };
        s.m = classes;
    });
}

/// ":" in English, " :" in French (a space before the colon).
fn colon(lang: Lang) -> &'static str {
    if lang == Lang::Fr { " :" } else { ":" }
}

/// Whether a drag carries files (not text or a link being dragged within the page).
fn carries_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer().is_some_and(|d| d.types().iter().any(|t| t.as_string().as_deref() == Some("Files")))
}

/// "150 rows, 4 inputs, 3 classes".
fn summary(lang: Lang, file: &OwnFile) -> String {
    let table = &file.data.table;
    format!(
        "{} {}, {} {}, {} {}",
        table.len(),
        t(lang, CsvMsg::Rows),
        table.dim,
        t(lang, CsvMsg::Inputs),
        table.classes,
        t(lang, CsvMsg::Classes)
    )
}

/// What was detected, the label column, the classes and the standardization of the open file.
#[component]
fn FileDetails(
    settings: RwSignal<Settings>,
    own: RwSignal<Option<OwnFile>>,
    file: OwnFile,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let data = file.data.clone();
    let latin1 = file.latin1;
    let format = data.format;
    let label = data.label_column;
    let options: Vec<_> = data
        .columns
        .iter()
        .enumerate()
        .map(|(i, name)| view! { <option value=i.to_string() selected=i == label>{format!("{}: {name}", i + 1)}</option> })
        .collect();
    let on_label = move |ev: leptos::ev::Event| {
        let Ok(column) = event_target_value(&ev).parse::<usize>() else { return };
        let Some(file) = own.get_untracked() else { return };
        match file.with_label(column) {
            Ok(read) => {
                let name = read.name.clone();
                adopt(settings, own, read);
                outcome.set(Some(Outcome::Opened { name, link: None }));
            }
            Err(error) => {
                // The menu goes back to the column in force.
                event_target::<web_sys::HtmlSelectElement>(&ev).set_value(&label.to_string());
                outcome.set(Some(Outcome::Refused { name: file.name.clone(), why: Refusal::Csv(error) }));
            }
        }
    };
    let counts = data.table.class_counts();
    let classes: Vec<_> = data
        .class_names
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(class, (name, count))| {
            view! {
                <li>
                    <span class="marker" style:color=class_css(class) aria-hidden="true">{class_marker(class).symbol()}</span>
                    {format!(" {class}: {name} ({count})")}
                </li>
            }
        })
        .collect();
    let standardize = move || settings.with(|s| s.file.standardize);
    let on_standardize = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        settings.update(|s| s.file.standardize = on);
    };
    let columns = data.columns.clone();
    // Split again only when the data's settings change (not d_h or η).
    let key = Memo::new(move |_| settings.with(DataKey::of));
    let statistics = Memo::new(move |_| {
        let key = key.get();
        own.with(|o| o.as_ref().and_then(|f| file_standardization(key, f)))
    });
    let table = move || {
        let lang = lang.get();
        statistics.get().map(|z| {
            let inputs = columns.iter().enumerate().filter(|&(i, _)| i != label).map(|(_, name)| name);
            let rows: Vec<_> = inputs
                .zip(z.mean.iter().zip(&z.std))
                .map(|(name, (mean, std))| {
                    view! { <tr><th scope="row">{name.clone()}</th><td>{number(lang, *mean, 4)}</td><td>{number(lang, *std, 4)}</td></tr> }
                })
                .collect();
            view! {
                <div class="csv-statistics" id="csv-statistics" tabindex="0" role="region"
                    aria-label=t(lang, CsvMsg::Standardize)>
                    <table>
                        <thead><tr><th scope="col">{t(lang, CsvMsg::Column)}</th><th scope="col">{t(lang, CsvMsg::Mean)}</th>
                            <th scope="col">{t(lang, CsvMsg::Deviation)}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
    };
    let plane = data.table.dim == 2;
    // Raw inputs of a file of two columns may fall outside the plot's square.
    let outside = data.table.values.chunks_exact(2).filter(|p| p.iter().any(|v| v.abs() > VIEW)).count();
    let outside_shown = move || plane && outside > 0 && !standardize();
    view! {
        <p class="help" id="csv-format">{move || format!("{} {}.", t(lang.get(), CsvMsg::Detected), format_text(lang.get(), &format, latin1))}</p>
        <div class="field">
            <label for="csv-label">{move || t(lang.get(), CsvMsg::LabelColumn)}</label>
            <select id="csv-label" on:change=on_label>{options}</select>
        </div>
        <p class="label" id="csv-classes-label">{move || t(lang.get(), CsvMsg::Legend)}</p>
        <ul class="csv-classes" id="csv-classes" aria-labelledby="csv-classes-label">{classes}</ul>
        <label class="check">
            <input type="checkbox" id="csv-standardize" prop:checked=standardize on:change=on_standardize />
            {move || t(lang.get(), CsvMsg::Standardize)}
        </label>
        <p class="help" id="csv-standardize-help">
            {move || t(lang.get(), if standardize() { CsvMsg::StandardizeHelp } else { CsvMsg::RawInputs })}
        </p>
        {table}
        <p class="help" id="csv-plane" hidden=!plane>{move || t(lang.get(), CsvMsg::Plane)}</p>
        <p class="field-error" id="csv-outside" hidden=move || !outside_shown()>
            {move || outside_view(lang.get(), outside)}
        </p>
    }
}
