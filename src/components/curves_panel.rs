//! Training curves (exercises (e)–(f)): per epoch, the mean loss and the classification error on
//! the training, validation and test sets, with the best validation epoch marked; the latest
//! epoch's numbers as a table; and the run exported as JSON.
//!
//! The curves are mean losses `R̂/n = (1/n) Σ L(x, y)`, and a step follows the mean gradient of
//! its minibatch, so η does not depend on K: the panel says so beside the charts.

mod best;
mod chart;
mod export;
mod image;
mod numbers;
mod run_json;
mod weights;

use best::{at_epoch, best_validation};
use crate::components::app::LangSignal;
use crate::i18n::curves::CurvesMsg;
use crate::i18n::exports::ExportMsg;
use crate::i18n::t;
use crate::settings::Settings;
use chart::{Charts, XAxisChoice, CHART_CSS_PX};
use crate::presenter::Layout;
use crate::components::data_plot::save_image::SaveImage;
use export::ExportRun;
use image::{curves_png, CurvesImage};
use leptos::html::Canvas;
use leptos::prelude::*;
use mlp::EpochRecord;
use numbers::{BestEpoch, LatestTable};
use crate::plot::curves::Metric;
use weights::WeightCharts;

/// The panel. `history` holds one record per epoch (record 0 = before training); `settings`
/// go into the export; `best`, if given, is the epoch to mark as best (e.g. the one whose
/// weights the trainer kept), otherwise the epoch of the lowest validation loss is marked;
/// `diverged`, if given, says that the last record is the network as training diverged.
#[component]
pub fn CurvesPanel(
    history: Signal<Vec<EpochRecord>>,
    settings: RwSignal<Settings>,
    #[prop(optional)] best: Option<Signal<Option<usize>>>,
    #[prop(optional)] diverged: Option<Signal<bool>>,
    /// The network, for the weights' histograms (a few times a second while training).
    #[prop(optional)]
    network: Option<Signal<Option<mlp::Params>>>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let diverged = diverged.unwrap_or(Signal::stored(false));
    let best = Memo::new(move |_| match best {
        Some(given) => given.get().and_then(|epoch| history.with(|h| at_epoch(h, epoch))),
        None => history.with(|h| best_validation(h)),
    });
    let empty = Memo::new(move |_| history.with(Vec::is_empty));
    let log_scale = RwSignal::new(false);
    let (loss, error) = (NodeRef::<Canvas>::new(), NodeRef::<Canvas>::new());
    let zoom = crate::components::presenter_tools::canvas_zoom();
    let resized = Trigger::new();
    crate::components::visibility::track_resize([loss, error], resized);
    // The epoch axis: from the link (`xaxis`), kept in it.
    let x_axis = RwSignal::new(crate::url::query_param(X_AXIS_PARAM).and_then(|k| XAxisChoice::from_key(&k)).unwrap_or_default());
    Effect::new(move |_| match x_axis.get() {
        XAxisChoice::Auto => crate::url::remove_query_param(X_AXIS_PARAM),
        other => crate::url::set_query_param(X_AXIS_PARAM, other.key()),
    });
    // The lab layout shows one legend for both charts, under them; the long page one in each.
    let presenter = use_context::<crate::components::presenter_tools::Presenter>();
    let compact = Signal::derive(move || presenter.is_some_and(|p| p.view.with(|v| v.layout == Layout::Lab)));
    let canvases = [(loss, Metric::Loss, CurvesMsg::MeanLoss), (error, Metric::Error, CurvesMsg::ErrorPercent)];
    let pins = use_context::<crate::components::pins_panel::Pins>();
    let charts = Charts { canvases, history, log_scale, best, lang, zoom, resized, x_axis, compact, pins };
    charts.redraw_on_change();
    let text = move |m| move || t(lang.get(), m);
    // "Save image": both charts as shown, with the title, the epoch and the settings.
    let save = Callback::new(move |()| {
        let best_epoch = best.get_untracked().map(|b| b.epoch);
        let lang = lang.get_untracked();
        let draw = |list: &[crate::pins::Pin]| {
            let pins = pins.map(|p| p.overlays(lang, list)).unwrap_or_default();
            settings.with_untracked(|settings| {
                history.with_untracked(|history| {
                    let last_epoch = history.last().map_or(0, |r| r.epoch);
                    let epoch_axis = x_axis.get_untracked().axis(last_epoch);
                    curves_png(CurvesImage { lang, settings, history, log_scale: log_scale.get_untracked(), best_epoch, epoch_axis, pins })
                })
            })
        };
        match pins {
            Some(p) => p.list.with_untracked(|list| draw(list)),
            None => draw(&[]),
        }
    });
    view! {
        <section class="curves-panel" id="curves-panel" aria-labelledby="curves-heading">
            <h3 id="curves-heading">{text(CurvesMsg::Heading)}</h3>
            <p class="curves-note" id="curves-note">{text(CurvesMsg::MeanNote)}</p>
            <p class="curves-empty" id="curves-empty" role="status" hidden=move || !empty.get()>
                {text(CurvesMsg::Empty)}
            </p>
            <div class="curves-charts" hidden=empty>
                <figure class="curve-figure">
                    <figcaption>
                        <span class="curve-title">{text(CurvesMsg::LossTitle)}</span>
                        <label class="curves-x-axis" title=text(CurvesMsg::XAxisHelp)>
                            {text(CurvesMsg::XAxisLabel)} " "
                            <select id="curves-x-axis" aria-describedby="curves-x-axis-help" on:change=move |ev| {
                                if let Some(choice) = XAxisChoice::from_key(&event_target_value(&ev)) {
                                    x_axis.set(choice);
                                }
                            }>
                                {XAxisChoice::ALL.map(|choice| view! {
                                    <option value=choice.key() selected=move || x_axis.get() == choice>{text(choice.name())}</option>
                                })}
                            </select>
                        </label>
                        <label class="check curves-log">
                            <input type="checkbox" id="curves-log" prop:checked=log_scale
                                on:change=move |ev| log_scale.set(event_target_checked(&ev)) />
                            {text(CurvesMsg::LogScale)}
                        </label>
                    </figcaption>
                    <ChartCanvas id="curve-loss" node_ref=loss label=CurvesMsg::LossChartLabel />
                </figure>
                <figure class="curve-figure">
                    <figcaption><span class="curve-title">{text(CurvesMsg::ErrorTitle)}</span></figcaption>
                    <ChartCanvas id="curve-error" node_ref=error label=CurvesMsg::ErrorChartLabel />
                </figure>
            </div>
            <CurvesLegend hidden=empty />
            <p class="help curves-x-axis-help" id="curves-x-axis-help" hidden=empty>{text(CurvesMsg::XAxisHelp)}</p>
            <div class="curves-save" hidden=empty>
                <SaveImage id="save-curves" label=ExportMsg::SaveCurvesLabel file_name="backprop-curves.png" make=save />
            </div>
            <WeightCharts charts=charts hidden=empty params=network />
            <BestEpoch history=history best=best />
            <LatestTable history=history diverged=diverged />
            <ExportRun history=history settings=settings />
        </section>
    }
}

/// The `xaxis` link parameter: how the charts lay the epochs (see [`XAxisChoice`]).
pub const X_AXIS_PARAM: &str = "xaxis";

/// One legend for both charts, under them: what the lab layout shows instead of a legend in
/// each (short charts had their curves hidden by it). Hidden on the long page by its style.
#[component]
fn CurvesLegend(hidden: Memo<bool>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let entries = move || {
        let lang = lang.get();
        let names = crate::i18n::curves::legend_names(lang);
        Metric::Loss
            .curves()
            .iter()
            .map(|&curve| view! { <li data-set=curve.key()><span class="swatch" aria-hidden="true"></span>{names[curve as usize]}</li> })
            .chain(std::iter::once(view! {
                <li data-set="best"><span class="swatch" aria-hidden="true"></span>{t(lang, CurvesMsg::BestLine)}</li>
            }))
            .collect_view()
    };
    let pins = use_context::<crate::components::pins_panel::Pins>();
    let pinned = move || {
        let lang = lang.get();
        let pins = pins?;
        pins.track();
        let entries = pins.list.with(|list| pins.overlays(lang, list).into_iter().map(|o| (o.letter, o.name)).collect::<Vec<_>>());
        Some(
            entries
                .into_iter()
                .map(|(letter, name)| {
                    let c = crate::plot::curves::pin_colour(letter);
                    view! {
                        <li data-set=format!("pin-{letter}")>
                            <span class="swatch pin" aria-hidden="true" style:border-top-color=format!("rgb({}, {}, {})", c.0, c.1, c.2)></span>{name}
                        </li>
                    }
                })
                .collect_view(),
        )
    };
    view! { <ul class="curves-legend" id="curves-legend" hidden=hidden>{entries}{pinned}</ul> }
}

/// One chart's canvas, sized in CSS by its aspect ratio; its pixels are set when drawn.
#[component]
fn ChartCanvas(id: &'static str, node_ref: NodeRef<Canvas>, label: CurvesMsg) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let ratio = format!("{} / {}", CHART_CSS_PX.0, CHART_CSS_PX.1);
    view! {
        <canvas id=id class="curve-plot" node_ref=node_ref role="img" style:aspect-ratio=ratio
            style:max-width=format!("{}px", CHART_CSS_PX.0) aria-label=move || t(lang.get(), label) />
    }
}
