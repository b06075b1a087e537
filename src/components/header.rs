//! Title, tagline, the presenter tools and the FR/EN switch.

use super::app::LangSignal;
use super::presenter_tools::HeaderTools;
use crate::i18n::{t, Msg};
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |msg| move || t(lang.get(), msg);
    view! {
        <header class="header">
            <div>
                <h1>{text(Msg::AppTitle)}</h1>
                <p class="tagline">{text(Msg::Tagline)}</p>
            </div>
            <div class="header-end">
            <HeaderTools />
            <button
                id="lang-switch"
                class="lang-switch"
                type="button"
                lang=move || lang.get().other().code()
                aria-label=text(Msg::SwitchLanguageLabel)
                on:click=move |_| lang.update(|l| *l = l.other())
            >
                {text(Msg::SwitchLanguage)}
            </button>
            </div>
        </header>
    }
}
