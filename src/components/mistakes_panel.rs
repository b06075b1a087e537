//! The course's common mistakes as switches. Each one shows its title, the exercise letters
//! it alters, the mistaken numpy line beside the correct one, and why it is wrong and how it
//! shows. Switching one on changes the shared `mistakes` set: the walk, the gradient check and
//! training then compute what the mistaken code computes. All are off by default (the `mistakes`
//! URL parameter may switch some on).

use super::app::LangSignal;
use crate::i18n::mistakes::{mistake_title, mistake_why, right_numpy, wrong_numpy, MistakesMsg};
use crate::i18n::t;
use leptos::prelude::*;
use mlp::{Mistake, Mistakes};

#[component]
pub fn MistakesPanel(mistakes: RwSignal<Mistakes>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    let switches = Mistake::ALL
        .into_iter()
        .map(|mistake| view! { <MistakeSwitch mistake=mistake mistakes=mistakes /> })
        .collect_view();
    let none_on = move || mistakes.with(|m| m.is_empty());
    view! {
        <section class="mistakes-panel" id="mistakes-panel" aria-labelledby="mistakes-heading">
            <div class="mistakes-head">
                <h3 id="mistakes-heading">{text(MistakesMsg::Heading)}</h3>
                <button type="button" id="mistakes-all-off" disabled=none_on
                    on:click=move |_| mistakes.set(Mistakes::NONE)>{text(MistakesMsg::AllOff)}</button>
            </div>
            <p class="intro">{text(MistakesMsg::Intro)}</p>
            <ul class="mistake-list">{switches}</ul>
        </section>
    }
}

/// One mistake: the switch with its title and letters, the two numpy lines, and the reason.
#[component]
fn MistakeSwitch(mistake: Mistake, mistakes: RwSignal<Mistakes>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    let id = format!("mistake-{}", mistake.key());
    let why_id = format!("{id}-why");
    let on = move || mistakes.with(|set| set.contains(mistake));
    let toggle = move |ev| {
        let checked = event_target_checked(&ev);
        mistakes.update(|set| *set = set.with(mistake, checked));
    };
    view! {
        <li class="mistake" class:on=on data-mistake=mistake.key()>
            <div class="mistake-switch">
                <input type="checkbox" role="switch" id=id.clone() prop:checked=on on:change=toggle
                    aria-describedby=why_id.clone() />
                <label for=id>
                    <span class="mistake-title">{text(mistake_title(mistake))}</span>
                    <span class="mistake-letters">{text(MistakesMsg::Alters)} " " {mistake.letters()}</span>
                </label>
            </div>
            <div class="mistake-code">
                <span class="eq-label wrong">{text(MistakesMsg::WrongLine)}</span>
                <pre class="wrong"><code>{wrong_numpy(mistake)}</code></pre>
                <span class="eq-label right">{text(MistakesMsg::RightLine)}</span>
                <pre class="right"><code>{right_numpy(mistake)}</code></pre>
            </div>
            <p class="mistake-why" id=why_id>{text(mistake_why(mistake))}</p>
        </li>
    }
}
