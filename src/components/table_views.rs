//! The views that replace the 2-D plot when the data are a table (the 8×8 digits): the
//! confusion matrix of a chosen set, a gallery of its images with their true and predicted
//! classes, and each hidden unit's weights W⁽¹⁾_j drawn as an image. They follow the network
//! four times a second while it trains ([`crate::lab::VIEWS_PUBLICATION_MS`]).

mod model;
mod projection;


pub use model::{Confusion, Filter};
use crate::palette::images::{diverging_rgba, ink_rgba, largest_magnitude};
use crate::palette::{class_css, class_marker};

use super::app::LangSignal;
use super::data_plot::save_image::context_2d;
use crate::i18n::data::DataMsg;
use crate::i18n::{class_name, percent, t};
use crate::stepper::ExampleSource;
use leptos::html::Canvas;
use leptos::prelude::*;
use mlp::dataset::digits::SIDE;
use mlp::{Data, Params, Part, Table};
use model::{matching, page_range, predict, PAGE};
use wasm_bindgen::Clamped;
use web_sys::ImageData;

/// Whether the inputs are 8×8 images (the digits), for the stepper's pictures of x, ∂L/∂x and
/// oˢ; provided by the app.
#[derive(Clone, Copy)]
pub struct ImageInputs(pub Memo<bool>);

/// The hidden unit a student picked among the lab's images of W⁽¹⁾: the stepper opens its
/// pre-activation hᵃ_j at (a) and its diagram marks it; provided by the app.
#[derive(Clone, Copy)]
pub struct FocusedUnit(pub RwSignal<Option<usize>>);

/// The views of a table's network.
#[component]
pub fn TableViews(
    /// The data trained on (the views show nothing unless they are a table).
    data: Memo<Data>,
    /// The network, refreshed a few times a second while training.
    #[prop(into)]
    params: Signal<Option<Params>>,
    /// The stepper's example: a click on an image walks it.
    source: RwSignal<ExampleSource>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let part = RwSignal::new(Part::Test);
    let filter = RwSignal::new(Filter::All);
    let page = RwSignal::new(0_usize);
    // A new set, or new data, starts the gallery over.
    Effect::new(move |_| {
        part.track();
        data.track();
        filter.set(Filter::All);
        page.set(0);
    });
    let set = Memo::new(move |_| data.with(|d| d.table().map(|split| split.part(part.get()).clone())).unwrap_or_default());
    let predicted = Memo::new(move |_| params.with(|p| p.as_ref().map(|p| set.with(|table| predict(p, table)))).unwrap_or_default());
    let confusion = Memo::new(move |_| {
        set.with(|table| predicted.with(|guess| Confusion::new(table.classes, &table.labels[..table.len()], guess)))
    });
    let listed = Memo::new(move |_| {
        let filter = filter.get();
        set.with(|table| predicted.with(|guess| matching(&table.labels[..table.len()], guess, filter)))
    });
    let on_pick = Callback::new(move |i: usize| {
        source.set(match part.get_untracked() {
            Part::Train => ExampleSource::Train(i),
            Part::Valid => ExampleSource::Valid(i),
            Part::Test => ExampleSource::Test(i),
        });
        if let Some(stepper) = document().get_element_by_id("stepper") {
            stepper.scroll_into_view();
        }
    });
    let text = move |m| move || t(lang.get(), m);
    // The digits' rows are images; a file's rows are drawn as points of a projection instead.
    let images = use_context::<ImageInputs>().map_or(Signal::stored(false), |ImageInputs(images)| images.into());
    view! {
        <div class="table-views" id="table-views">
            <div class="table-views-row">
                <section class="confusion-view" aria-labelledby="confusion-heading">
                    <h3 id="confusion-heading">{text(DataMsg::ConfusionHeading)}</h3>
                    <PartChoice part=part />
                    <ConfusionTable confusion=confusion filter=filter page=page />
                </section>
                <section class="gallery-view" aria-labelledby="gallery-heading">
                    <h3 id="gallery-heading">{text(DataMsg::GalleryHeading)}</h3>
                    <GalleryFilter filter=filter page=page />
                    <Gallery set=set predicted=predicted listed=listed page=page part=part on_pick=on_pick images=images />
                </section>
            </div>
            <div hidden=move || !images.get()>
                <HiddenUnits params=params />
            </div>
            <Show when=move || !images.get()>
                <projection::ProjectionView data=data />
            </Show>
        </div>
    }
}

/// Which set the matrix and the gallery are about.
#[component]
fn PartChoice(part: RwSignal<Part>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let options = [(Part::Test, "test", DataMsg::TestSet), (Part::Valid, "valid", DataMsg::ValidSet), (Part::Train, "train", DataMsg::TrainSet)];
    let choices = options.map(|(value, key, label)| {
        view! { <option value=key selected=move || part.get() == value>{move || t(lang.get(), label)}</option> }
    });
    let on_change = move |ev| {
        let chosen = options.iter().find(|(_, key, _)| *key == event_target_value(&ev)).map(|(value, _, _)| *value);
        if let Some(value) = chosen {
            part.set(value);
        }
    };
    view! {
        <div class="field inline">
            <label for="confusion-set">{move || t(lang.get(), DataMsg::SetChoice)}</label>
            <select id="confusion-set" on:change=on_change>{choices}</select>
        </div>
    }
}

/// The matrix: one row per true class, one column per predicted class; a cell is a button that
/// lists its examples in the gallery.
#[component]
fn ConfusionTable(confusion: Memo<Confusion>, filter: RwSignal<Filter>, page: RwSignal<usize>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    // The rows are built once per number of classes; each cell then follows its own count.
    let classes = Memo::new(move |_| confusion.with(Confusion::classes));
    let m = move || classes.get();
    let header = move || {
        (0..m()).map(|guess| view! { <th scope="col">{guess}</th> }).collect::<Vec<_>>()
    };
    let rows = move || {
        (0..m())
            .map(|truth| {
                let cells = (0..m())
                    .map(|guess| {
                        let count = move || confusion.with(|c| c.count(truth, guess));
                        let share = move || confusion.with(|c| c.count(truth, guess) as f64 / c.row_total(truth).max(1) as f64);
                        let cell = Filter::Cell { truth, guess };
                        let label = move || {
                            let lang = lang.get();
                            format!("{}: {}, {} {guess}", count(), class_name(lang, truth), t(lang, DataMsg::PredictedAs))
                        };
                        view! {
                            <td class:diagonal=truth == guess class:chosen=move || filter.get() == cell
                                style:--share=move || format!("{:.3}", share())>
                                <button type="button" class="cell" data-truth=truth data-guess=guess aria-label=label
                                    aria-pressed=move || (filter.get() == cell).to_string()
                                    on:click=move |_| {
                                        filter.set(cell);
                                        page.set(0);
                                    }>
                                    {count}
                                </button>
                            </td>
                        }
                    })
                    .collect::<Vec<_>>();
                view! { <tr><th scope="row">{truth}</th>{cells}</tr> }
            })
            .collect::<Vec<_>>()
    };
    // On a phone the matrix scrolls sideways in its box, which is then a Tab stop.
    let scroll_box = NodeRef::<leptos::html::Div>::new();
    crate::stepper::diagram::focusable_while_scrolling(scroll_box, move || lang.track());
    let summary = move || {
        let lang = lang.get();
        confusion.with(|c| {
            let rate = c.errors() as f64 / c.total().max(1) as f64;
            format!("{} {} / {} ({} %)", t(lang, DataMsg::Misclassified), c.errors(), c.total(), percent(lang, rate))
        })
    };
    view! {
        <div class="confusion-scroll" node_ref=scroll_box>
            <table class="confusion" id="confusion">
                <caption>{move || t(lang.get(), DataMsg::ConfusionCaption)}</caption>
                <thead><tr><th scope="col" class="corner">{move || t(lang.get(), DataMsg::TruthGuess)}</th>{header}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="confusion-summary" id="confusion-summary">{summary}</p>
    }
}

/// All / misclassified, and the chosen cell when there is one.
#[component]
fn GalleryFilter(filter: RwSignal<Filter>, page: RwSignal<usize>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let choose = move |f: Filter| {
        move |_| {
            filter.set(f);
            page.set(0);
        }
    };
    let cell = move || match filter.get() {
        Filter::Cell { truth, guess } => {
            let lang = lang.get();
            Some(format!("{}, {} {guess}", class_name(lang, truth), t(lang, DataMsg::PredictedAs)))
        }
        _ => None,
    };
    view! {
        <div class="gallery-filter" role="group" aria-label=move || t(lang.get(), DataMsg::GalleryShows)>
            <button type="button" id="gallery-all" aria-pressed=move || (filter.get() == Filter::All).to_string()
                on:click=choose(Filter::All)>{move || t(lang.get(), DataMsg::ShowAll)}</button>
            <button type="button" id="gallery-wrong" aria-pressed=move || (filter.get() == Filter::Wrong).to_string()
                on:click=choose(Filter::Wrong)>{move || t(lang.get(), DataMsg::ShowWrong)}</button>
            <span class="gallery-cell" id="gallery-cell" hidden=move || cell().is_none()>{cell}</span>
        </div>
    }
}

/// A page of images, each with its true and predicted class; a click walks it in the stepper.
#[component]
fn Gallery(
    set: Memo<Table>,
    predicted: Memo<Vec<usize>>,
    listed: Memo<Vec<usize>>,
    page: RwSignal<usize>,
    part: RwSignal<Part>,
    on_pick: Callback<usize>,
    /// Whether the rows are images (else each is shown by its class's marker).
    images: Signal<bool>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let n = move || listed.with(Vec::len);
    let range = move || page_range(n(), page.get());
    let shown = move || listed.with(|all| all[range()].to_vec());
    let item = move |i: usize| {
        let truth = set.with_untracked(|s| s.labels.get(i).copied().unwrap_or(0));
        let guess = move || predicted.with(|p| p.get(i).copied());
        let wrong = move || guess().is_some_and(|g| g != truth);
        let picture = if images.get_untracked() {
            let pixels = set.with_untracked(|s| s.row(i).map(ink_rgba).unwrap_or_default());
            view! { <Pixels rgba=Signal::stored(pixels) /> }.into_any()
        } else {
            let marker = class_marker(truth).symbol();
            view! { <span class="row-marker" style:color=class_css(truth) aria-hidden="true">{marker}</span> }.into_any()
        };
        let label = move || {
            let lang = lang.get();
            let which = match part.get_untracked() {
                Part::Train => DataMsg::TrainExample,
                Part::Valid => DataMsg::ValidExample,
                Part::Test => DataMsg::TestExample,
            };
            let shown = guess().map_or("–".to_owned(), |g| g.to_string());
            let guess = guess().map(|g| format!(", {} {g}", t(lang, DataMsg::PredictedAs))).unwrap_or_default();
            let mark = if wrong() { format!(" ({})", t(lang, DataMsg::Wrong)) } else { String::new() };
            // Starts with what the button shows ("9 → 8"), as its accessible name must.
            let colon = if lang == crate::i18n::Lang::Fr { " :" } else { ":" };
            format!("{truth} → {shown}{colon} {} {i}, {}{guess}{mark}", t(lang, which), class_name(lang, truth))
        };
        view! {
            <li>
                <button type="button" class="digit" class:wrong=wrong data-index=i aria-label=label title=label
                    on:click=move |_| on_pick.run(i)>
                    {picture}
                    <span class="digit-labels" aria-hidden="true">
                        <span class="truth">{truth}</span>
                        " → "
                        <span class="guess">{move || guess().map_or("–".to_owned(), |g| g.to_string())}</span>
                    </span>
                </button>
            </li>
        }
    };
    let pages = move || n().div_ceil(PAGE).max(1);
    let position = move || {
        let lang = lang.get();
        let r = range();
        if r.is_empty() {
            t(lang, DataMsg::NoneListed).to_owned()
        } else {
            format!("{}–{} / {}", r.start + 1, r.end, n())
        }
    };
    view! {
        <div class="gallery-pager">
            <button type="button" id="gallery-previous" disabled=move || page.get().min(pages() - 1) == 0
                on:click=move |_| page.update(|p| *p = (*p).min(pages() - 1).saturating_sub(1))>
                "← " {move || t(lang.get(), DataMsg::Previous)}
            </button>
            <span id="gallery-position" aria-live="polite">{position}</span>
            <button type="button" id="gallery-next" disabled=move || { page.get() + 1 >= pages() }
                on:click=move |_| page.update(|p| *p = (*p + 1).min(pages() - 1))>
                {move || t(lang.get(), DataMsg::Next)} " →"
            </button>
        </div>
        <ul class="gallery" id="gallery">
            // Built again for other rows (a new set, new data): an item keeps its row's picture.
            {move || {
                set.track();
                images.track();
                view! { <For each=shown key=move |i| (part.get_untracked(), *i) children=item /> }
            }}
        </ul>
    }
}

/// Every row of W⁽¹⁾ as an 8×8 image: what raises (vermillion) and lowers (blue) the unit's
/// activation hᵃ_j, on one scale for all units.
#[component]
fn HiddenUnits(#[prop(into)] params: Signal<Option<Params>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let focused = use_context::<FocusedUnit>();
    let units = Memo::new(move |_| params.with(|p| p.as_ref().map_or(0, |p| p.shape().d_h)));
    let scale = Memo::new(move |_| params.with(|p| p.as_ref().map_or(0.0, |p| largest_magnitude(p.w1.as_slice()))));
    let unit = move |j: usize| {
        let rgba = Signal::derive(move || {
            params.with(|p| {
                p.as_ref()
                    .filter(|p| j < p.w1.nrows() && p.w1.ncols() == SIDE * SIDE)
                    .map(|p| diverging_rgba(&p.w1.row(j).iter().copied().collect::<Vec<_>>(), scale.get()))
                    .unwrap_or_default()
            })
        });
        let label = move || format!("{} {j}", t(lang.get(), DataMsg::ShowUnit));
        let pick = move |_| {
            if let Some(FocusedUnit(unit)) = focused {
                unit.set(Some(j));
            }
        };
        view! {
            <li class="hidden-unit" data-unit=j>
                <button type="button" class="unit-button" aria-label=label title=label on:click=pick
                    aria-pressed=move || focused.is_some_and(|FocusedUnit(u)| u.get() == Some(j)).to_string()>
                    <Pixels rgba=rgba />
                    <span class="unit-label">"j = " {j}</span>
                </button>
            </li>
        }
    };
    let legend = move || {
        let lang = lang.get();
        format!("{} ±{}", t(lang, DataMsg::UnitsScale), crate::i18n::number(lang, scale.get(), 3))
    };
    view! {
        <section class="hidden-units" aria-labelledby="units-heading">
            <h3 id="units-heading">{move || t(lang.get(), DataMsg::UnitsHeading)}</h3>
            <p class="help">{move || t(lang.get(), DataMsg::UnitsHelp)}</p>
            <ul class="unit-grid" id="hidden-units">
                <For each=move || 0..units.get() key=|j| *j children=unit />
            </ul>
            <p class="units-legend" id="units-legend">
                <span class="swatch negative" aria-hidden="true"></span> "−  "
                <span class="swatch zero" aria-hidden="true"></span> "0  "
                <span class="swatch positive" aria-hidden="true"></span> "+ · " {legend}
            </p>
        </section>
    }
}

/// An 8×8 image drawn from its RGBA bytes, shown enlarged with square pixels.
#[component]
pub fn Pixels(#[prop(into)] rgba: Signal<Vec<u8>>) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let Some(element) = canvas.get() else { return };
        rgba.with(|bytes| draw(&element, bytes));
    });
    let side = SIDE as u32;
    view! { <canvas class="pixels" width=side height=side node_ref=canvas aria-hidden="true"></canvas> }
}

/// Puts `rgba` (SIDE × SIDE pixels, row by row) on `canvas`; anything else is left undrawn.
fn draw(canvas: &web_sys::HtmlCanvasElement, rgba: &[u8]) {
    let side = SIDE as u32;
    if rgba.len() != SIDE * SIDE * 4 {
        return;
    }
    let Some(context) = context_2d(canvas) else { return };
    if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), side, side) {
        let _ = context.put_image_data(&image, 0.0, 0.0);
    }
}
