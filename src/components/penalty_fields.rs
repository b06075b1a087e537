//! The penalty's control: the course's single weight decay λ by default, and, behind "Per
//! layer: L1 and L2", the homework's four coefficients λ₁₁, λ₁₂, λ₂₁, λ₂₂ (each with λ's rule).
//!
//! The box is open while the student keeps it open or the penalty is not a single weight decay
//! (a link with `l11`, …), so coefficients in force are never hidden. Closing it goes back to
//! one λ, λ₁₂'s value, for both layers and without L1.

use super::app::LangSignal;
use super::field::{FieldLabel, NumberField};
use crate::i18n::penalty::{coefficient_label, PenaltyMsg};
use crate::i18n::{t, Msg};
use crate::settings::{Settings, LAMBDA_RULE};
use leptos::prelude::*;
use mlp::{Coefficient, Penalty};

#[component]
pub fn PenaltyFields(settings: RwSignal<Settings>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let opened = RwSignal::new(false);
    let full = Memo::new(move |_| settings.with(|s| s.penalty.as_weight_decay().is_none()));
    let per_layer = move || opened.get() || full.get();
    let on_toggle = move |ev| {
        let on = event_target_checked(&ev);
        opened.set(on);
        if !on {
            settings.update(|s| s.penalty = Penalty::weight_decay(s.penalty.w1.l2));
        }
    };
    let lambda = Signal::from(Memo::new(move |_| settings.with(|s| s.penalty.as_weight_decay().unwrap_or(s.penalty.w1.l2))));
    let set_lambda = Callback::new(move |v| settings.update(|s| s.penalty = Penalty::weight_decay(v)));
    let coefficient = |c: Coefficient, id: &'static str, label: fn(crate::i18n::Lang) -> String| {
        let value = Signal::from(Memo::new(move |_| settings.with(|s| s.penalty.get(c))));
        let on_valid = Callback::new(move |v| settings.update(|s| s.penalty.set(c, v)));
        view! { <NumberField id=id label=FieldLabel::Text(label) rule=LAMBDA_RULE value=value on_valid=on_valid /> }
    };
    view! {
        <div hidden=per_layer>
            <NumberField id="field-lambda" label=Msg::Lambda help=Msg::LambdaHelp rule=LAMBDA_RULE
                value=lambda on_valid=set_lambda />
        </div>
        <label class="check per-layer">
            <input type="checkbox" id="penalty-per-layer" prop:checked=per_layer on:change=on_toggle />
            {move || t(lang.get(), PenaltyMsg::PerLayer)}
        </label>
        <div class="penalty-coefficients" id="penalty-coefficients" hidden=move || !per_layer()>
            <small class="help">{move || t(lang.get(), PenaltyMsg::PerLayerHelp)}</small>
            {coefficient(Coefficient::L11, "field-l11", |lang| coefficient_label(lang, Coefficient::L11))}
            {coefficient(Coefficient::L12, "field-l12", |lang| coefficient_label(lang, Coefficient::L12))}
            {coefficient(Coefficient::L21, "field-l21", |lang| coefficient_label(lang, Coefficient::L21))}
            {coefficient(Coefficient::L22, "field-l22", |lang| coefficient_label(lang, Coefficient::L22))}
        </div>
    }
}
