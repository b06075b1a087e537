//! The root component: state, context and layout.

use super::data_plot::DataPlot;
use super::header::Header;
use super::presenter_tools::{provide_presenter, FocusedViewDialog, PresenterNotice};
use super::shortcuts::{hand_back_keys, on_shortcut, HelpDialog, Shortcut};
use super::lab_panel::LabPanel;
use super::settings_panel::SettingsPanel;
use super::stepper_panel::StepperPanel;
use super::url_notices::UrlNotices;
use crate::data::{fetch_digits, initial_params, make_data, Asset, DataKey, OwnFile};
use crate::i18n::{t, Lang, Msg};
use crate::lab::{self, Edits, Lab, Status, StepSize};
use crate::settings::Settings;
use crate::stepper::ExampleSource;
use crate::url;
use crate::url_state;
use leptos::prelude::*;
use mlp::{Case, Data, DatasetKind, Mistakes};
use std::sync::Arc;

/// The interface language, shared by every component through context.
pub type LangSignal = RwSignal<Lang>;

/// The language to start in: the `lang` URL parameter, else the browser's language.
fn initial_lang() -> Lang {
    url::query_param("lang")
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_else(|| Lang::from_browser(&url::browser_language()))
}

/// The mistakes switched on by the `mistakes` URL parameter (unknown keys are ignored).
fn initial_mistakes() -> Mistakes {
    let keys = url::query_param("mistakes").unwrap_or_default();
    keys.split(',').filter_map(|key| Mistakes::parse_keys(key).ok()).fold(Mistakes::NONE, |all, one| {
        one.iter().fold(all, |all, mistake| all.with(mistake, true))
    })
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let lang: LangSignal = RwSignal::new(initial_lang());
    provide_context(lang);
    let (presenter, dialogs) = provide_presenter();
    // The settings come from the link; the values it gave that could not be used are listed.
    let (from_link, link_notices) = url_state::read_page();
    let settings: RwSignal<Settings> = RwSignal::new(from_link);
    let url_notices = RwSignal::new(link_notices);
    // The URL follows the settings, so that "copy link" reproduces them.
    Effect::new(move |_| settings.with(url_state::write_page));

    // Only the settings the data depends on: changing d_h or λ does not regenerate it.
    let key = Memo::new(move |_| settings.with(DataKey::of));
    // The digits' file, fetched the first time they are chosen (again after a failure).
    let digits = RwSignal::new(Asset::Absent);
    Effect::new(move |_| {
        let wanted = key.with(|k| k.kind == DatasetKind::Digits);
        if wanted && digits.with_untracked(|a| matches!(a, Asset::Absent | Asset::Failed(_))) {
            digits.set(Asset::Loading);
            leptos::task::spawn_local(async move {
                digits.set(match fetch_digits().await {
                    Ok(table) => Asset::Ready(Arc::new(table)),
                    Err(error) => Asset::Failed(error),
                });
            });
        }
    });
    // The student's CSV file, once one was opened (the settings name it by its hash).
    let own = RwSignal::new(None::<OwnFile>);
    let data = Memo::new(move |_| digits.with(|asset| own.with(|file| make_data(key.get(), asset, file.as_ref()))));
    // What the plot and legend show: the data, or while the settings are invalid (or the
    // digits on their way) the last valid data (the form says what is wrong).
    let shown = Memo::new(move |previous: Option<&Data>| match data.get() {
        Ok(data) => data,
        Err(_) => previous.cloned().unwrap_or_default(),
    });
    // The network: initialized from the seed for the current shape (d, d_h, m).
    let shape = Memo::new(move |_| settings.with(|s| s.shape().map(|shape| (shape, s.seed, s.init))));
    // Weights loaded from a file replace the seeded ones while they fit the network's shape;
    // "re-initialize" forgets them.
    let loaded = RwSignal::new(None::<mlp::Params>);
    let params = Memo::new(move |_| {
        let (shape, seed, init) = shape.get()?;
        let fits = loaded.with(|l| l.as_ref().filter(|p| p.shape() == shape).cloned());
        Some(fits.unwrap_or_else(|| initial_params(shape, seed, init)))
    });
    Effect::new(move |previous: Option<u64>| {
        let init = settings.with(|s| s.init);
        if previous.is_some_and(|p| p != init) {
            loaded.set(None);
        }
        init
    });
    // A network of another shape: the loaded weights cannot be its, and are forgotten.
    Effect::new(move |_| {
        let shape = shape.with(|s| s.map(|(shape, _, _)| shape));
        if loaded.with_untracked(|l| l.as_ref().is_some_and(|p| Some(p.shape()) != shape)) {
            loaded.set(None);
        }
    });
    let source = RwSignal::new(ExampleSource::default());
    // The stepper draws x, ∂L/∂x and oˢ as pictures while the inputs are the digits' images.
    let images = Memo::new(move |_| settings.with(|s| s.dataset == DatasetKind::Digits));
    provide_context(super::table_views::ImageInputs(images));
    provide_context(super::table_views::FocusedUnit(RwSignal::new(None)));
    let case = RwSignal::new(None::<Case>);
    let mistakes = RwSignal::new(initial_mistakes());
    // The training lab: the trainer follows the data (with the clicked edits) and the settings.
    let from_link = url::query_param("edits").and_then(|text| Edits::from_link(&text, key.get_untracked()));
    let edits = RwSignal::new(from_link.unwrap_or_default());
    // The clicked points travel in the link too.
    Effect::new(move |_| {
        let current = edits.with(|e| (e.key == Some(key.get())).then(|| e.to_link()).filter(|l| !l.is_empty()));
        match current {
            Some(link) => url::set_query_param("edits", &link),
            None => url::remove_query_param("edits"),
        }
    });
    let (lab, trained_on) = lab::connect(lab::Inputs { settings, key, shown, initial: params, mistakes, edits });
    // The pinned runs (and those of the link, retrained), for the lab, the plot and the curves.
    super::pins_panel::Pins::provide(lab, settings, mistakes, loaded, trained_on);
    // The update rule's state at the stepper's network, for step (f)'s tables.
    provide_context(super::rule_state::LiveRuleState(lab.rule_state));
    // The stepper scrolled back into view while training: show it the current network.
    Effect::new(move |_| {
        if lab.stepper_on_screen.get() {
            lab.catch_up_slow();
        }
    });
    Effect::new(move |_| match mistakes.get() {
        none if none.is_empty() => url::remove_query_param("mistakes"),
        some => url::set_query_param("mistakes", &some.to_keys()),
    });

    // Enter or Esc in a field or a menu gives the keys back to the page.
    hand_back_keys();
    // The keys of the player and of the page (the stepper listens to its own).
    on_shortcut(move |shortcut| match shortcut {
        Shortcut::PlayPause => {
            toggle_play(&lab);
            true
        }
        Shortcut::Step => {
            lab.step(StepSize::Minibatch);
            true
        }
        Shortcut::Epoch => {
            lab.step(StepSize::Epoch);
            true
        }
        Shortcut::Reset => {
            lab.reset();
            true
        }
        Shortcut::Presenter => {
            presenter.view.update(|v| v.present = !v.present);
            true
        }
        Shortcut::FocusedView => {
            dialogs.focused.set(true);
            true
        }
        Shortcut::Layout(layout) => {
            presenter.view.update(|v| v.layout = layout);
            true
        }
        Shortcut::Language => {
            lang.update(|l| *l = l.other());
            true
        }
        Shortcut::Help => {
            dialogs.help.update(|open| *open = !*open);
            true
        }
        _ => false,
    });

    // The outside world follows the language: <html lang>, the title, the URL.
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        document().set_title(t(lang, Msg::AppTitle));
        url::set_query_param("lang", lang.code());
    });

    view! {
        <Header />
        <PresenterNotice />
        <UrlNotices notices=url_notices />
        <main class="layout">
            <SettingsPanel settings=settings data=data own=own />
            <DataPlot settings=settings data=data trained_on=trained_on source=source params=lab.current edits=edits key=key
                epoch=Signal::derive(move || lab.history.with(|h| h.last().map_or(0, |r| r.epoch))) lab=lab mistakes=mistakes />
            <LabPanel lab=lab settings=settings mistakes=mistakes loaded=loaded />
            <StepperPanel settings=settings shown=trained_on params=lab.current_slow source=source case=case mistakes=mistakes on_screen=lab.stepper_on_screen
                network_at=lab.slow_at />
        </main>
        <footer class="footer">{move || t(lang.get(), Msg::Footer)}</footer>
        <HelpDialog />
        <FocusedViewDialog />
    }
}

/// Play when paused (or stopped), pause when playing: the player's first button, and Space.
pub fn toggle_play(lab: &Lab) {
    if lab.status.get_untracked() == Status::Playing {
        lab.pause()
    } else {
        lab.play()
    }
}
