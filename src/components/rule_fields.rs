//! The update rule of (f): a menu of the four rules, the coefficients of the one chosen (β; or
//! Adam's β₁, β₂, ε), its equations and when its state starts over.

use super::app::LangSignal;
use super::field::{FieldLabel, NumberField};
use crate::i18n::rule::{rule_help, rule_name, RuleMsg};
use crate::i18n::{t, Lang};
use crate::settings::{NumRule, Settings, BETA2_RULE, BETA_RULE, EPSILON_RULE};
use crate::url_state::rule_coefficient;
use leptos::prelude::*;
use mlp::UpdateRule;

#[component]
pub fn RuleFields(settings: RwSignal<Settings>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let rule = Memo::new(move |_| settings.with(|s| s.rule));
    let options = UpdateRule::ALL.map(|r| {
        view! { <option value=r.key() selected=move || rule.get().same_kind(r)>{move || t(lang.get(), rule_name(r))}</option> }
    });
    // Another rule starts with its default coefficients.
    let on_change = move |ev| {
        if let Some(r) = UpdateRule::from_key(&event_target_value(&ev)) {
            settings.update(|s| s.rule = r);
        }
    };
    // One box per coefficient and rule: `beta` is β for momentum and Nesterov, β₁ for Adam.
    let coefficient = |key: &'static str, id: &'static str, label: fn(Lang) -> String, rule_of: NumRule, adam: bool| {
        let value = Signal::from(Memo::new(move |_| settings.with(|s| {
            let mut r = s.rule;
            rule_coefficient(&mut r, key).map_or(0.0, |v| *v)
        })));
        let on_valid = Callback::new(move |v| settings.update(|s| {
            if let Some(slot) = rule_coefficient(&mut s.rule, key) {
                *slot = v;
            }
        }));
        let has = move || {
            let mut r = rule.get();
            let is_adam = matches!(r, UpdateRule::Adam { .. });
            is_adam == adam && rule_coefficient(&mut r, key).is_some()
        };
        view! {
            <div hidden=move || !has()>
                <NumberField id=id label=FieldLabel::Text(label) rule=rule_of value=value on_valid=on_valid />
            </div>
        }
    };

    view! {
        <div class="field">
            <label for="field-rule">{move || t(lang.get(), RuleMsg::Rule)}</label>
            <select id="field-rule" on:change=on_change>{options}</select>
            <small class="help" id="rule-help">{move || t(lang.get(), rule_help(rule.get()))}</small>
        </div>
        {coefficient("beta", "field-beta", |lang| t(lang, RuleMsg::Beta).to_owned(), BETA_RULE, false)}
        {coefficient("beta", "field-beta1", |lang| t(lang, RuleMsg::Beta1).to_owned(), BETA_RULE, true)}
        {coefficient("beta2", "field-beta2", |lang| t(lang, RuleMsg::Beta2).to_owned(), BETA2_RULE, true)}
        {coefficient("eps", "field-eps", |lang| t(lang, RuleMsg::Epsilon).to_owned(), EPSILON_RULE, true)}
        <small class="help" id="rule-reset" hidden=move || rule.get() == UpdateRule::Sgd>
            {move || t(lang.get(), RuleMsg::ResetNote)}
        </small>
    }
}
