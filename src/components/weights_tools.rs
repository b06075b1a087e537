//! "Export weights" and "Load weights": the network's θ as the case format's `params` (with
//! `d`, `d_h`, `m`), saved to a file and read back. Loaded weights become the network the lab
//! trains from (Reset comes back to them, Re-initialize forgets them) and the stepper walks.

use super::app::LangSignal;
use super::case_panel::browser::download_json;
use crate::i18n::case::case_error;
use crate::i18n::data::DataMsg;
use crate::i18n::t;
use crate::settings::Settings;
use leptos::prelude::*;
use mlp::{export_params, parse_params, Params, Shape};
use wasm_bindgen_futures::JsFuture;

/// The file "Export weights" saves.
pub const WEIGHTS_FILE: &str = "backprop-weights.json";

/// What became of the last file chosen.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Loaded { name: String, shape: Shape },
    /// The file is not weights (the case format's message) or not readable.
    Refused { name: String, why: String },
    /// Weights of another network than the settings'.
    OtherShape { name: String, found: Shape, expected: Shape },
}

/// The network's shape as "d = 64, d_h = 32, m = 10".
fn shape_text(shape: Shape) -> String {
    format!("d = {}, d_h = {}, m = {}", shape.d, shape.d_h, shape.m)
}

#[component]
pub fn WeightsTools(
    settings: RwSignal<Settings>,
    /// The network being trained (what "Export weights" saves).
    #[prop(into)]
    current: Signal<Option<Params>>,
    /// Weights loaded from a file, the network's starting point while they fit its shape.
    loaded: RwSignal<Option<Params>>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let outcome = RwSignal::new(None::<Outcome>);
    let export = move |_| {
        if let Some(params) = current.get_untracked() {
            let _ = download_json(&export_params(&params), WEIGHTS_FILE);
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        // The same file chosen again must be read again.
        input.set_value("");
        let name = file.name();
        let expected = settings.with_untracked(Settings::shape);
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            let lang = lang.get_untracked();
            let result = match text {
                None => Outcome::Refused { name, why: t(lang, DataMsg::UnreadableFile).to_owned() },
                Some(text) => match parse_params(&text) {
                    Err(error) => Outcome::Refused { name, why: case_error(lang, &error) },
                    Ok(params) => match expected {
                        Some(expected) if params.shape() == expected => {
                            loaded.set(Some(params));
                            Outcome::Loaded { name, shape: expected }
                        }
                        Some(expected) => Outcome::OtherShape { name, found: params.shape(), expected },
                        None => Outcome::Refused { name, why: t(lang, DataMsg::NoNetwork).to_owned() },
                    },
                },
            };
            outcome.set(Some(result));
        });
    };
    // Loaded weights forgotten (Re-initialize, another shape): the message about them goes too.
    Effect::new(move |_| {
        if loaded.with(Option::is_none) && outcome.with_untracked(|o| matches!(o, Some(Outcome::Loaded { .. }))) {
            outcome.set(None);
        }
    });
    let message = move || {
        let lang = lang.get();
        outcome.get().map(|o| match o {
            Outcome::Loaded { name, shape } => {
                format!("✓ {name}: {} ({}). {}", t(lang, DataMsg::WeightsLoaded), shape_text(shape), t(lang, DataMsg::WeightsLoadedHow))
            }
            Outcome::Refused { name, why } => format!("{name}: {why} {}", t(lang, DataMsg::WeightsKept)),
            Outcome::OtherShape { name, found, expected } => format!(
                "{name}: {} {} {} {}. {}",
                t(lang, DataMsg::WeightsOfShape),
                shape_text(found),
                t(lang, DataMsg::NetworkHasShape),
                shape_text(expected),
                t(lang, DataMsg::WeightsOtherShape)
            ),
        })
    };
    let picker = NodeRef::<leptos::html::Input>::new();
    let choose = move |_| {
        if let Some(input) = picker.get_untracked() {
            input.click();
        }
    };
    let failed = move || outcome.with(|o| matches!(o, Some(Outcome::Refused { .. } | Outcome::OtherShape { .. })));
    view! {
        <div class="weights-tools" id="weights-tools">
            <button type="button" id="export-weights" disabled=move || current.with(Option::is_none) on:click=export>
                {move || t(lang.get(), DataMsg::ExportWeights)}
            </button>
            <button type="button" id="load-weights-button" on:click=choose>{move || t(lang.get(), DataMsg::LoadWeights)}</button>
            // The browser's file picker, opened by the button (its own control is not shown).
            <input type="file" id="load-weights" hidden accept=".json,application/json" node_ref=picker on:change=on_file />
            <p class="weights-status" id="weights-status" role="status" class:field-error=failed>{message}</p>
        </div>
    }
}
