//! The data set as a scatter plot on a canvas, with its legend and the network's size.

use super::app::LangSignal;
use crate::i18n::{class_name, split_summary, t, Msg};
use crate::palette::{class_css, class_marker};
use super::click_tools::{class_within, ClickMode, ClickTools};
use super::region_layer::{Geometry, RegionLayer};
use crate::data::DataKey;
use crate::i18n::lab::LabMsg;
use crate::lab::{round_for_link, Edit, Edits, Lab};
use crate::plot::scatter::{data_at, draw_scatter, ScatterStyle};
use crate::stepper::ExampleSource;
use crate::settings::Settings;
use leptos::html::Canvas;
use leptos::prelude::*;
use super::table_views::TableViews;
use crate::data::DataError;
use mlp::{Data, Params, Part, Split};
use plotters::prelude::IntoDrawingArea;
use crate::plot::canvas::Canvas as ChartCanvas;
use save_image::{regions_png, RegionsImage, SaveImage};
use crate::i18n::exports::ExportMsg;

pub mod save_image;

/// The plot's size in CSS pixels; the canvas has this many device pixels per CSS pixel more.
const PLOT_CSS_PX: f64 = 480.0;

#[component]
pub fn DataPlot(
    settings: RwSignal<Settings>,
    data: Memo<Result<Data, DataError>>,
    /// The data trained on: the generated split (or the last valid one) with the clicked edits,
    /// or a table's rows.
    trained_on: Memo<Data>,
    /// The stepper's example: ringed on the plot, and set by clicking in "pick" mode.
    source: RwSignal<ExampleSource>,
    /// The network whose decision regions are painted under the points.
    #[prop(into)]
    params: Signal<Option<Params>>,
    /// Clicked points: added, removed, cleared.
    edits: RwSignal<Edits>,
    key: Memo<DataKey>,
    /// The epoch the network has trained to, for the saved image's title.
    #[prop(optional, into)]
    epoch: Option<Signal<usize>>,
    /// The training lab, whose engine paints the decision regions.
    lab: Lab,
    /// The mistakes switched on: while any is, a badge on the plot says the regions are the
    /// mistaken training's.
    mistakes: RwSignal<mlp::Mistakes>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    // The plot shows points; a table (the digits) has its own views instead.
    let shown = Memo::new(move |_| trained_on.with(|d| d.plane().cloned().unwrap_or_default()));
    let is_table = Memo::new(move |_| trained_on.with(|d| d.table().is_some()));
    let canvas = NodeRef::<Canvas>::new();
    let zoom = super::presenter_tools::canvas_zoom();
    let geometry = Memo::new(move |_| geometry(zoom.get()));
    let mode = RwSignal::new(ClickMode::Add);
    let add_class = RwSignal::new(0_usize);
    let m = Signal::derive(move || settings.with(|s| s.m));

    // Redraw the points whenever the data or the picked example changes.
    Effect::new(move |_| {
        let Some(element) = canvas.get() else { return };
        let picked = source.with(|s| match s {
            ExampleSource::Train(i) => shown.with(|split| split.train.points.get(*i).copied()),
            ExampleSource::Valid(_) | ExampleSource::Test(_) | ExampleSource::Typed { .. } => None,
        });
        let geometry = geometry.get();
        let comma = lang.get() == crate::i18n::Lang::Fr;
        shown.with(|split| paint(&element, split, picked, geometry, comma));
    });
    // What a click (or a typed point) does at (x1, x2) in the plot: add, remove or pick.
    let act_at = move |[x1, x2]: [f64; 2], remove: bool| {
        let p = [round_for_link(x1), round_for_link(x2)];
        let edit = match (remove, mode.get_untracked()) {
            (true, _) | (false, ClickMode::Remove) => Edit::Remove(p),
            (false, ClickMode::Add) => Edit::Add(p, class_within(add_class.get_untracked(), m.get_untracked())),
            (false, ClickMode::Pick) => {
                if let Some(index) = shown.with_untracked(|split| nearest(&split.train.points, p, PICK_RADIUS)) {
                    source.set(ExampleSource::Train(index));
                }
                return;
            }
        };
        edits.update(|e| e.push(key.get_untracked(), edit));
    };
    let typed_point = Callback::new(move |p| act_at(p, false));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(element) = canvas.get_untracked() else { return };
        // In the plot's CSS pixels at zoom 1 (where its margins have their nominal size).
        let zoom = geometry.get_untracked().scale / window().device_pixel_ratio().clamp(1.0, 4.0);
        let to_plot = PLOT_CSS_PX / f64::from(element.client_width().max(1)) / zoom;
        let (x, y) = (f64::from(ev.offset_x()) * to_plot, f64::from(ev.offset_y()) * to_plot);
        let Some([x1, x2]) = data_at(x, y, PLOT_CSS_PX / zoom) else { return };
        act_at([x1, x2], ev.shift_key());
    };
    // "Save image": the plot as shown, at twice its size, with its title and settings.
    let save = Callback::new(move |()| {
        let picked = source.with_untracked(|s| match s {
            ExampleSource::Train(i) => shown.with_untracked(|split| split.train.points.get(*i).copied()),
            ExampleSource::Valid(_) | ExampleSource::Test(_) | ExampleSource::Typed { .. } => None,
        });
        let epoch = epoch.map(|e| e.get_untracked());
        settings.with_untracked(|settings| {
            shown.with_untracked(|split| {
                params.with_untracked(|params| {
                    regions_png(RegionsImage {
                        lang: lang.get_untracked(),
                        settings,
                        split,
                        picked,
                        params: params.as_ref(),
                        epoch,
                        side_css: PLOT_CSS_PX,
                    })
                })
            })
        })
    });
    let clear = Callback::new(move |_| edits.update(|e| e.push(key.get_untracked(), Edit::Clear)));

    let summary = move || {
        let lang = lang.get();
        match data.with(|d| d.is_ok()) {
            true => trained_on.with(|d| split_summary(lang, d.len(Part::Train), d.len(Part::Valid), d.len(Part::Test))),
            false => t(lang, Msg::KeptPrevious).to_string(),
        }
    };
    view! {
        <section class="panel plot-panel" aria-labelledby="plot-heading">
            <h2 id="plot-heading">{move || t(lang.get(), Msg::PlotHeading)}</h2>
            {move || is_table.get().then(|| view! {
                <TableViews data=trained_on params=lab.current_views source=source />
            })}
            <div class="plane-only" hidden=is_table>
            <div class="plot-area">
                <div class="plot-stack">
                    <RegionLayer lab=lab geometry=geometry />
                    <canvas id="data-plot" class="plot layer" node_ref=canvas role="img"
                        width=geometry.get_untracked().side height=geometry.get_untracked().side
                        aria-label=move || t(lang.get(), Msg::CanvasLabel) on:click=on_click />
                    {move || (!mistakes.with(|m| m.is_empty())).then(|| view! {
                        <p class="plot-badge" id="plot-mistakes">{move || t(lang.get(), LabMsg::PlotMistakesBadge)}</p>
                    })}
                </div>
            </div>
            <super::pins_panel::PinnedPlots shown=shown geometry=geometry />
            <ClickTools mode=mode class=add_class m=m on_clear=clear on_point=typed_point />
            <SaveImage id="save-regions" label=ExportMsg::SaveRegionsLabel file_name="backprop-regions.png" make=save />
            <Legend shown=shown />
            <p class="caption">{move || t(lang.get(), Msg::PlotCaption)} " " {move || t(lang.get(), LabMsg::RegionsCaption)}</p>
            </div>
            <p class="summary" id="split-summary">{summary}</p>
            <NetworkSize settings=settings />
        </section>
    }
}

/// The canvases' size: [`PLOT_CSS_PX`] CSS pixels at the screen's pixel ratio; their text,
/// lines, marks and margins drawn `zoom` times larger in presenter mode.
fn geometry(zoom: f64) -> Geometry {
    let ratio = window().device_pixel_ratio().clamp(1.0, 4.0);
    Geometry { side: (PLOT_CSS_PX * ratio).round() as u32, scale: ratio * zoom }
}

/// A click picks the nearest training point within this distance (plot units).
const PICK_RADIUS: f64 = 0.3;

/// The index of the point of `points` nearest to `p`, if within `radius`.
fn nearest(points: &[[f64; 2]], p: [f64; 2], radius: f64) -> Option<usize> {
    let distance = |q: &[f64; 2]| (q[0] - p[0]).hypot(q[1] - p[1]);
    points
        .iter()
        .enumerate()
        .map(|(i, q)| (i, distance(q)))
        .filter(|(_, d)| *d <= radius)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Draws the axes and the points on the transparent top canvas.
fn paint(element: &web_sys::HtmlCanvasElement, split: &Split, picked: Option<[f64; 2]>, geometry: Geometry, decimal_comma: bool) {
    if let Some(context) = element
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| wasm_bindgen::JsCast::dyn_into::<web_sys::CanvasRenderingContext2d>(c).ok())
    {
        if element.width() != geometry.side {
            // Presenter mode switched: a new size (which clears the canvas too).
            element.set_width(geometry.side);
            element.set_height(geometry.side);
        }
        let side = f64::from(geometry.side);
        context.clear_rect(0.0, 0.0, side, side);
    }
    let Some(backend) = ChartCanvas::new(element) else { return };
    let root = backend.into_drawing_area();
    if let Err(error) = draw_scatter(&root, split, ScatterStyle { scale: geometry.scale, picked, decimal_comma, window: None }) {
        leptos::logging::warn!("the data plot could not be drawn: {error:?}");
    }
}

/// One entry per class: its marker in its colour, its name and its number of training points.
#[component]
fn Legend(shown: Memo<Split>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let entries = move || {
        shown.with(|split| {
            let counts = split.train.class_counts();
            counts
                .into_iter()
                .enumerate()
                .map(|(class, count)| {
                    view! {
                        <li>
                            <span class="marker" style:color=class_css(class) aria-hidden="true">
                                {class_marker(class).symbol()}
                            </span>
                            {class_name(lang.get(), class)} " (" {count} ")"
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! { <ul class="legend" id="legend">{entries}</ul> }
}

/// "d = 2 · d_h = 8 · m = 2 → n_θ = 50", exercise (e).
#[component]
fn NetworkSize(settings: RwSignal<Settings>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let line = move || {
        settings.with(|s| {
            let (d, d_h, m) = (s.d(), s.d_h, s.m);
            let n_theta = s.shape().map(|shape| shape.n_params()).unwrap_or(0);
            format!("d = {d} · d_h = {d_h} · m = {m} → n_θ = {n_theta}")
        })
    };
    view! {
        <p class="network-size" id="network-size">
            <span>{line}</span> " " <small>"(" {move || t(lang.get(), Msg::ParamCount)} ")"</small>
        </p>
    }
}
