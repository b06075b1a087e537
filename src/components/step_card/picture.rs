//! A step's quantity drawn as what it means, beside its table, when the inputs are the 8×8
//! digits: x as its image (step (a)), ∂L/∂x as a saliency image (step (q)), and oˢ as a bar
//! chart over the classes (step (c)).

use super::super::app::LangSignal;
use super::super::table_views::{ImageInputs, Pixels};
use crate::i18n::data::DataMsg;
use crate::i18n::{in_notation, number, t};
use crate::stepper::format::Notation;
use crate::palette::images::{diverging_rgba, ink_rgba, largest_magnitude};
use crate::stepper::quantity::Quantity;
use crate::stepper::Walk;
use leptos::prelude::*;
use mlp::dataset::digits::PIXELS;

/// Whether `quantity` has a picture: x, ∂L/∂x and oˢ do.
pub fn has_picture(quantity: Quantity) -> bool {
    matches!(quantity, Quantity::X | Quantity::GradX | Quantity::Softmax)
}

/// The picture of `quantity` in `walk`, while the inputs are images (nothing otherwise).
#[component]
pub fn QuantityPicture(quantity: Quantity, walk: Memo<Option<Walk>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let images = use_context::<ImageInputs>().map(|ImageInputs(on)| on);
    // The values, while they are an image's: 64 of them (a loaded case of another d has none).
    let values = Memo::new(move |_| {
        if !images.is_some_and(|on| on.get()) {
            return None;
        }
        walk.with(|w| w.as_ref().map(|w| quantity.value(w).iter().copied().collect::<Vec<f64>>()))
            .filter(|v| quantity == Quantity::Softmax || v.len() == PIXELS)
    });
    move || {
        let shown = values.with(Option::is_some);
        shown.then(|| match quantity {
            Quantity::Softmax => view! { <SoftmaxBars values=values walk=walk /> }.into_any(),
            _ => {
                let scale = Memo::new(move |_| values.with(|v| v.as_deref().map_or(0.0, largest_magnitude)));
                let rgba = Signal::derive(move || {
                    values.with(|v| match (quantity, v) {
                        (Quantity::X, Some(v)) => ink_rgba(v),
                        (_, Some(v)) => diverging_rgba(v, scale.get()),
                        _ => Vec::new(),
                    })
                });
                let caption = move || {
                    let lang = lang.get();
                    match quantity {
                        Quantity::X => t(lang, DataMsg::XPicture).to_owned(),
                        _ => format!("{} ±{}", t(lang, DataMsg::GradXPicture), number(lang, scale.get(), 3)),
                    }
                };
                view! {
                    <figure class="quantity-picture" id=format!("picture-{}", quantity.key())>
                        <Pixels rgba=rgba />
                        <figcaption>{caption}</figcaption>
                    </figure>
                }
                .into_any()
            }
        })
    }
}

/// oˢ as one bar per class, the true class y and the predicted one marked.
#[component]
fn SoftmaxBars(values: Memo<Option<Vec<f64>>>, walk: Memo<Option<Walk>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let y = Memo::new(move |_| walk.with(|w| w.as_ref().map(|w| w.example.y)));
    let bars = move || {
        let lang = lang.get();
        values.with(|v| {
            let v = v.as_deref().unwrap_or_default();
            // One notation for all the bars, as for the table beside them.
            let notation = Notation::of(v.iter().copied());
            let best = v.iter().enumerate().fold(None, |best: Option<(usize, f64)>, (k, &p)| match best {
                Some((_, q)) if q >= p => best,
                _ => Some((k, p)),
            });
            v.iter()
                .enumerate()
                .map(|(k, &p)| {
                    let truth = y.get() == Some(k);
                    let guess = best.map(|b| b.0) == Some(k);
                    let width = format!("{:.2}%", 100.0 * p.clamp(0.0, 1.0));
                    let mark = match (truth, guess) {
                        (true, true) => " ← y = ŷ".to_owned(),
                        (true, false) => " ← y".to_owned(),
                        (false, true) => " ← ŷ".to_owned(),
                        _ => String::new(),
                    };
                    view! {
                        <li class:truth=truth class:guess=guess>
                            <span class="class-k">{k}</span>
                            <span class="bar-track"><span class="bar" style:width=width></span></span>
                            <span class="bar-value">{in_notation(lang, notation, p)} {mark}</span>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <figure class="quantity-picture softmax-bars" id="picture-softmax">
            <ol class="bars" start="0">{bars}</ol>
            <figcaption>{move || t(lang.get(), DataMsg::SoftmaxPicture)}</figcaption>
        </figure>
    }
}
