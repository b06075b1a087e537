//! The notices about a link's values that were not used: shown at the top of the page until
//! dismissed, in the current language, so a student who opens a broken link knows which
//! parameter was ignored and what the page uses instead.

use super::app::LangSignal;
use crate::i18n::t;
use crate::i18n::url_state::{url_notice, UrlMsg};
use crate::url_state::UrlNotice;
use leptos::prelude::*;

/// The list of `notices` (nothing at all when it is empty) with a button that clears it.
#[component]
pub fn UrlNotices(notices: RwSignal<Vec<UrlNotice>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |msg| move || t(lang.get(), msg);
    let items = move || {
        notices.with(|all| {
            all.iter()
                .map(|notice| {
                    let notice = notice.clone();
                    let param = notice.param;
                    view! {
                        <p class="url-notice" role="status" data-param=param>
                            {move || url_notice(lang.get(), &notice)}
                        </p>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <Show when=move || notices.with(|all| !all.is_empty())>
            <section id="url-notices" class="url-notices" aria-labelledby="url-notices-heading">
                <div class="url-notices-head">
                    <h2 id="url-notices-heading">{text(UrlMsg::Heading)}</h2>
                    <button
                        id="url-notices-dismiss"
                        type="button"
                        aria-label=text(UrlMsg::DismissLabel)
                        on:click=move |_| notices.set(Vec::new())
                    >
                        {text(UrlMsg::Dismiss)}
                    </button>
                </div>
                // Paragraphs, not list items: each notice is a status message of its own, and
                // a list may hold only items.
                <div class="url-notice-list">{items}</div>
            </section>
        </Show>
    }
}
