//! "Save image (PNG)": a plot composed, with its title and settings, on a canvas that is never
//! added to the page ([`crate::plot::figure`]), and saved through a link `<a download>` to its
//! PNG as a `data:` URL. Nothing leaves the page: the image is made and saved in the browser.
//!
//! The link stays beside the button once made, for a browser that blocked the automatic
//! download; the canvas is dropped with the click that made it.

use crate::components::app::LangSignal;
use crate::i18n::exports::{figure_title, settings_items, ExportMsg, Figure};
use crate::i18n::{class_name, t, Lang, Msg};
use crate::plot::canvas::Canvas as ChartCanvas;
use crate::plot::figure::{draw_regions_figure, legend_height, regions_origin, Header, FIGURE_SCALE};
use crate::plot::regions::Regions;
use crate::plot::scatter::plot_area;
use crate::settings::Settings;
use leptos::html::A;
use leptos::prelude::*;
use mlp::{Params, Split};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// The button, and once an image is made, the link to it. `make` composes the image and returns
/// its PNG as a `data:` URL, or `None` if the browser could not.
#[component]
pub fn SaveImage(
    /// The button's id; the link's is `{id}-link`.
    id: &'static str,
    /// The button's accessible name: which image it saves.
    label: ExportMsg,
    file_name: &'static str,
    make: Callback<(), Option<String>>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    let url = RwSignal::new(None::<String>);
    let failed = RwSignal::new(false);
    let link = NodeRef::<A>::new();
    let save = move |_| {
        let made = make.run(());
        failed.set(made.is_none());
        if let Some(made) = made {
            // The link gets its address now, not at the next render, so that it can be clicked.
            if let Some(anchor) = link.get_untracked() {
                anchor.set_href(&made);
                anchor.click();
            }
            url.set(Some(made));
        }
    };
    view! {
        <div class="save-image">
            <button type="button" id=id aria-label=text(label) on:click=save>{text(ExportMsg::SaveImage)}</button>
            <span class="save-image-ready" role="status" hidden=move || url.with(Option::is_none)>
                {text(ExportMsg::ImageReady)} " "
                <a id=format!("{id}-link") node_ref=link download=file_name href=move || url.get().unwrap_or_default()>
                    {file_name}
                </a>
            </span>
            {move || failed.get().then(|| view! { <span class="save-image-failed" role="status">{text(ExportMsg::ImageFailed)}</span> })}
        </div>
    }
}

/// A canvas of `width` × `height` that is not in the page.
pub fn offscreen(width: u32, height: u32) -> Option<HtmlCanvasElement> {
    let canvas = document().create_element("canvas").ok()?.dyn_into::<HtmlCanvasElement>().ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    Some(canvas)
}

/// The canvas's 2D context.
pub fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// Paints the whole canvas white: a PNG with a transparent background shows black or checkered
/// in some viewers.
pub fn fill_white(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    let context = context_2d(canvas)?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
    Some(context)
}

/// The header for an image `width` device pixels wide: the title line, and the settings cut
/// into lines measured in the canvas's font.
pub fn fit_header(canvas: &HtmlCanvasElement, lang: Lang, figure: Figure, epoch: Option<usize>, settings: &Settings, width: u32) -> Option<Header> {
    let root = ChartCanvas::new(canvas)?.into_drawing_area();
    Some(Header::fit(&root, figure_title(lang, figure, epoch), &settings_items(lang, settings), width, FIGURE_SCALE))
}

/// What the decision-region image shows.
pub struct RegionsImage<'a> {
    pub lang: Lang,
    pub settings: &'a Settings,
    pub split: &'a Split,
    /// The stepper's example, ringed as on the page.
    pub picked: Option<[f64; 2]>,
    pub params: Option<&'a Params>,
    pub epoch: Option<usize>,
    /// The plot's side in CSS pixels on the page; the image has it at [`FIGURE_SCALE`].
    pub side_css: f64,
}

/// The decision-region image as a PNG `data:` URL: title and settings, the regions with the
/// axes and points, and the class legend.
pub fn regions_png(image: RegionsImage<'_>) -> Option<String> {
    let RegionsImage { lang, settings, split, picked, params, epoch, side_css } = image;
    let side = (side_css * FIGURE_SCALE).round() as u32;
    let canvas = offscreen(side, 1)?;
    let header = fit_header(&canvas, lang, Figure::Regions, epoch, settings, side)?;
    let top = regions_origin(&header);
    let m = split.train.classes.max(settings.m);
    canvas.set_height(top + side + legend_height(m, side, FIGURE_SCALE));
    let context = fill_white(&canvas)?;
    if let Some(params) = params.filter(|p| p.shape().d == settings.features.d()) {
        let (left, plot_top, width, height) = plot_area(side, FIGURE_SCALE);
        let mut regions = Regions::new(width as usize, height as usize, settings.features, params.shape());
        let pixels = ImageData::new_with_u8_clamped_array_and_sh(Clamped(regions.paint(params)), width, height).ok()?;
        context.put_image_data(&pixels, f64::from(left), f64::from(top + plot_top)).ok()?;
    }
    let counts = split.train.class_counts();
    let labels: Vec<String> = (0..m).map(|class| format!("{} ({})", class_name(lang, class), counts.get(class).copied().unwrap_or(0))).collect();
    let root = ChartCanvas::new(&canvas)?.into_drawing_area();
    draw_regions_figure(&root, &header, split, picked, side, (&labels, t(lang, Msg::PlotCaption)), lang == Lang::Fr).ok()?;
    canvas.to_data_url_with_type("image/png").ok()
}
