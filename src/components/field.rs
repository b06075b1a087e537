//! A number box with its label, its rule and its error message.
//!
//! The box is a text input (not `type="number"`, which hides what was typed): the student's
//! text is kept as typed, parsed on every keystroke, and only a valid value reaches the
//! settings. An invalid one shows why next to the field, in the current language.
//!
//! The box mirrors its setting: when the setting changes from elsewhere ("New data", a link,
//! a shortcut), the box shows the new value, unless what is typed already means that value
//! (`0.10` stays `0.10`). An invalid text being typed is kept while the setting stays put.

use super::app::LangSignal;
use crate::i18n::{field_error, t, Lang, Msg};
use crate::settings::NumRule;
use crate::url_state::number_text;
use leptos::prelude::*;

/// A field's label: a message of the page, or a text built for the language.
#[derive(Clone, Copy)]
pub enum FieldLabel {
    Msg(Msg),
    Text(fn(Lang) -> String),
}

impl From<Msg> for FieldLabel {
    fn from(msg: Msg) -> Self {
        FieldLabel::Msg(msg)
    }
}

impl FieldLabel {
    fn text(self, lang: Lang) -> String {
        match self {
            FieldLabel::Msg(msg) => t(lang, msg).to_owned(),
            FieldLabel::Text(text) => text(lang),
        }
    }
}

#[component]
pub fn NumberField(
    /// The input's id; the error message's id is `{id}-error`.
    id: &'static str,
    #[prop(into)] label: FieldLabel,
    #[prop(optional)] help: Option<Msg>,
    rule: NumRule,
    /// The setting the box shows.
    #[prop(into)]
    value: Signal<f64>,
    /// Receives each valid value.
    on_valid: Callback<f64>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = RwSignal::new(number_text(value.get_untracked()));
    Effect::new(move |_| {
        let value = value.get();
        if rule.parse(&text.get_untracked()) != Ok(value) {
            text.set(number_text(value));
        }
    });
    let error = Memo::new(move |_| rule.parse(&text.get()).err());
    let error_id = format!("{id}-error");
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        if let Ok(value) = rule.parse(&typed) {
            on_valid.run(value);
        }
        text.set(typed);
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id>{move || label.text(lang.get())}</label>
            <input
                id=id
                type="text"
                inputmode=if rule.integer { "numeric" } else { "decimal" }
                autocomplete="off"
                spellcheck="false"
                prop:value=move || text.get()
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=error_id.clone()
                on:input=on_input
            />
            {help.map(|help| view! { <small class="help">{move || t(lang.get(), help)}</small> })}
            <p class="field-error" id=error_id aria-live="polite">
                {move || error.get().map(|e| field_error(lang.get(), &e))}
            </p>
        </div>
    }
}
