//! The settings form: data (kind, n, noise, seed, m) and network (features → d, d_h, the
//! penalty, η, K).

use super::app::LangSignal;
use super::csv_tools::CsvTools;
use super::field::NumberField;
use super::penalty_fields::PenaltyFields;
use super::rule_fields::RuleFields;
use crate::data::{DataError, OwnFile};
use crate::i18n::data::DataMsg;
use crate::i18n::{data_error, dataset_name, feature_error, t, Msg};
use crate::settings::{
    Settings, BATCH_RULE, D_H_RULE, ETA_RULE, M_RULE, NOISE_RULE, N_RULE, SEED_RULE, TRAIN_FRAC_RULE,
    VALID_FRAC_RULE,
};
use leptos::prelude::*;
use mlp::features::FeatureError;
use mlp::{Data, DatasetKind, Feature};

#[component]
pub fn SettingsPanel(
    settings: RwSignal<Settings>,
    data: Memo<Result<Data, DataError>>,
    /// The student's CSV file, once one was opened.
    own: RwSignal<Option<OwnFile>>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    // What each box shows: its setting, whoever changed it.
    let get = move |read: fn(&Settings) -> f64| Signal::from(Memo::new(move |_| settings.with(read)));
    // Each valid value goes straight into the settings.
    let set = move |apply: fn(&mut Settings, f64)| Callback::new(move |v| settings.update(|s| apply(s, v)));
    let data_error = move || data.with(|d| d.as_ref().err().map(|e| data_error(lang.get(), e)));
    // A set read from a file has its own points and inputs: no n or noise to choose, and no
    // input features unless its inputs are 2-D points; its number of classes is its own.
    let read = move || settings.with(|s| !s.dataset.is_generated());
    let digits = move || settings.with(|s| s.dataset == DatasetKind::Digits);
    let csv = move || settings.with(|s| s.dataset == DatasetKind::Csv);
    let plane = move || settings.with(Settings::is_plane);
    view! {
        <form class="panel settings" id="settings" on:submit=|ev| ev.prevent_default()>
            <SettingsDrawerClose />
            <fieldset>
                <legend>{move || t(lang.get(), Msg::DataHeading)}</legend>
                <DatasetSelect settings=settings />
                <p class="help data-about" id="data-about" hidden=move || !digits()>
                    {move || t(lang.get(), DataMsg::DigitsAbout)}
                </p>
                <CsvTools settings=settings own=own />
                <div class="generated-only" hidden=read>
                <NumberField id="field-n" label=Msg::Points rule=N_RULE value=get(|s| s.n as f64)
                    on_valid=set(|s, v| s.n = v as usize) />
                <NumberField id="field-noise" label=Msg::Noise help=Msg::NoiseHelp rule=NOISE_RULE
                    value=get(|s| s.noise) on_valid=set(|s, v| s.noise = v) />
                </div>
                <NumberField id="field-seed" label=Msg::Seed help=Msg::SeedHelp rule=SEED_RULE
                    value=get(|s| s.seed as f64) on_valid=set(|s, v| s.seed = v as u64) />
                <div hidden=csv>
                <NumberField id="field-m" label=Msg::Classes rule=M_RULE value=get(|s| s.m as f64)
                    on_valid=set(|s, v| s.m = v as usize) />
                </div>
                <NumberField id="field-train" label=Msg::TrainFraction rule=TRAIN_FRAC_RULE
                    value=get(|s| s.train_frac) on_valid=set(|s, v| s.train_frac = v) />
                <NumberField id="field-valid" label=Msg::ValidFraction help=Msg::FractionHelp rule=VALID_FRAC_RULE
                    value=get(|s| s.valid_frac) on_valid=set(|s, v| s.valid_frac = v) />
                <p class="field-error" id="data-error" aria-live="polite">{data_error}</p>
            </fieldset>
            <fieldset>
                <legend>{move || t(lang.get(), Msg::NetworkHeading)}</legend>
                <div class="generated-only" hidden=move || !plane()>
                    <FeatureChecks settings=settings />
                </div>
                <p class="help" id="pixels-d" hidden=move || plane()>
                    {move || t(lang.get(), if digits() { DataMsg::Pixels } else { DataMsg::FileInputs })}
                    " (d = " {move || settings.with(Settings::d)} ")"
                </p>
                <NumberField id="field-d_h" label=Msg::HiddenUnits rule=D_H_RULE value=get(|s| s.d_h as f64)
                    on_valid=set(|s, v| s.d_h = v as usize) />
                <PenaltyFields settings=settings />
                <NumberField id="field-eta" label=Msg::LearningRate help=Msg::LearningRateHelp rule=ETA_RULE
                    value=get(|s| s.eta) on_valid=set(|s, v| s.eta = v) />
                <RuleFields settings=settings />
                <NumberField id="field-k" label=Msg::BatchSize help=Msg::BatchHelp rule=BATCH_RULE
                    value=get(|s| s.batch_size as f64) on_valid=set(|s, v| s.batch_size = v as usize) />
            </fieldset>
        </form>
    }
}

/// The data set menu.
#[component]
fn DatasetSelect(settings: RwSignal<Settings>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let options = DatasetKind::ALL.map(|kind| {
        view! {
            <option value=kind.key() selected=move || settings.with(|s| s.dataset == kind)>
                {move || dataset_name(lang.get(), kind)}
            </option>
        }
    });
    // m follows into the new set's range (the digits have 10 classes, the moons 2).
    let on_change = move |ev| {
        if let Some(kind) = DatasetKind::from_key(&event_target_value(&ev)) {
            settings.update(|s| {
                s.dataset = kind;
                let (lo, hi) = kind.classes_range();
                s.m = s.m.clamp(lo, hi);
            });
        }
    };
    view! {
        <div class="field">
            <label for="field-dataset">{move || t(lang.get(), Msg::Dataset)}</label>
            <select id="field-dataset" on:change=on_change>{options}</select>
        </div>
    }
}

/// One checkbox per input feature; the count of checked ones is d. Unchecking the last one is
/// refused with a message (the network needs d ≥ 1).
#[component]
fn FeatureChecks(settings: RwSignal<Settings>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let error = RwSignal::new(None::<FeatureError>);
    let d = move || settings.with(|s| s.features.d());
    let boxes = Feature::ALL.map(|feature| {
        let on_change = move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            match settings.with_untracked(|s| s.features.with(feature, on)) {
                Ok(features) => {
                    error.set(None);
                    settings.update(|s| s.features = features);
                }
                Err(refused) => {
                    // Put the box back as it was: the settings did not change.
                    event_target::<web_sys::HtmlInputElement>(&ev).set_checked(!on);
                    error.set(Some(refused));
                }
            }
        };
        view! {
            <label class="check">
                <input type="checkbox" id=format!("feature-{}", feature.key())
                    prop:checked=move || settings.with(|s| s.features.contains(feature))
                    on:change=on_change />
                {feature.label()}
            </label>
        }
    });
    view! {
        <div class="field" role="group" aria-labelledby="features-label">
            <span class="label" id="features-label">
                {move || t(lang.get(), Msg::Features)} " (d = " {d} ")"
            </span>
            <div class="checks">{boxes}</div>
            <p class="field-error" id="features-error" aria-live="polite">
                {move || error.get().map(|e| feature_error(lang.get(), &e))}
            </p>
        </div>
    }
}

/// In a one-screen layout the settings are a drawer: its "close" button (hidden on the long
/// page, where the settings are a column).
#[component]
fn SettingsDrawerClose() -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let presenter = use_context::<super::presenter_tools::Presenter>();
    presenter.map(|presenter| {
        view! {
            <button type="button" class="drawer-close" id="settings-close"
                on:click=move |_| super::lab_panel::close_settings_drawer(presenter.drawer)>
                "× " {move || t(lang.get(), crate::i18n::presenter::PresenterMsg::Close)}
            </button>
        }
    })
}
