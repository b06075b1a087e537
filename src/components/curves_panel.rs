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

use best::{at_epoch, best_validation};
use crate::components::app::LangSignal;
use crate::i18n::curves::CurvesMsg;
use crate::i18n::exports::ExportMsg;
use crate::i18n::t;
use crate::settings::Settings;
use chart::{Charts, CHART_CSS_PX};
use crate::components::data_plot::save_image::SaveImage;
use export::ExportRun;
use image::{curves_png, CurvesImage};
use leptos::html::Canvas;
use leptos::prelude::*;
use mlp::EpochRecord;
use numbers::{BestEpoch, LatestTable};

/// The panel. `history` holds one record per epoch (record 0 = before training); `settings`
/// go into the export; `best`, if given, is the epoch to mark as best (e.g. the one whose
/// weights the trainer kept), otherwise the epoch of the lowest validation loss is marked.
#[component]
pub fn CurvesPanel(
    history: Signal<Vec<EpochRecord>>,
    settings: RwSignal<Settings>,
    #[prop(optional)] best: Option<Signal<Option<usize>>>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
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
    Charts { loss, error, history, log_scale, best, lang, zoom, resized }.redraw_on_change();
    let text = move |m| move || t(lang.get(), m);
    // "Save image": both charts as shown, with the title, the epoch and the settings.
    let save = Callback::new(move |()| {
        let best_epoch = best.get_untracked().map(|b| b.epoch);
        settings.with_untracked(|settings| {
            history.with_untracked(|history| {
                curves_png(CurvesImage { lang: lang.get_untracked(), settings, history, log_scale: log_scale.get_untracked(), best_epoch })
            })
        })
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
            <div class="curves-save" hidden=empty>
                <SaveImage id="save-curves" label=ExportMsg::SaveCurvesLabel file_name="backprop-curves.png" make=save />
            </div>
            <BestEpoch history=history best=best />
            <LatestTable history=history />
            <ExportRun history=history settings=settings />
        </section>
    }
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
