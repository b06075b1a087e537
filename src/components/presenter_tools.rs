//! Presenter mode in the page: the state a link gave ([`crate::presenter::View`]), kept on the
//! root element's classes and in the URL; the header's buttons (presenter mode, focused view,
//! shortcuts); the focused-view dialog, where a teacher ticks off what the class should not
//! see and copies the link; and the notice about `hide` keys the page does not know.

use super::app::LangSignal;
use super::case_panel::browser::copy_through_field;
use super::shortcuts::Dialog;
use crate::i18n::presenter::{group_name, part_name, PresenterMsg};
use crate::i18n::t;
use crate::presenter::{Group, Layout, Part, Unknown, View, HIDE_PARAM, LAYOUT_PARAM, PRESENT_PARAM};
use crate::url;
use leptos::prelude::*;

/// The presenter state, shared through context.
#[derive(Clone, Copy)]
pub struct Presenter {
    pub view: RwSignal<View>,
    /// What the link asked for that the page does not have, until dismissed.
    pub unknown: RwSignal<Unknown>,
    /// Whether the settings drawer is open (the layouts other than the long page keep the
    /// settings in a drawer).
    pub drawer: RwSignal<bool>,
}

/// Which modal dialog is open, shared through context (the keyboard opens them too).
#[derive(Clone, Copy)]
pub struct Dialogs {
    pub help: RwSignal<bool>,
    pub focused: RwSignal<bool>,
}

/// Reads the link's `present` and `hide`, provides [`Presenter`] and [`Dialogs`] as context,
/// and keeps the root element's classes and the URL equal to the view.
pub fn provide_presenter() -> (Presenter, Dialogs) {
    let (view, unknown) = View::from_params(
        url::query_param(PRESENT_PARAM).as_deref(),
        url::query_param(HIDE_PARAM).as_deref(),
        url::query_param(LAYOUT_PARAM).as_deref(),
    );
    let presenter = Presenter { view: RwSignal::new(view), unknown: RwSignal::new(unknown), drawer: RwSignal::new(false) };
    let dialogs = Dialogs { help: RwSignal::new(false), focused: RwSignal::new(false) };
    provide_context(presenter);
    provide_context(dialogs);
    Effect::new(move |_| {
        let drawer = presenter.drawer.get();
        presenter.view.with(|view| {
            let mut classes = view.classes();
            if drawer && view.layout != Layout::All {
                classes.push("settings-open".to_owned());
            }
            set_root_classes(&classes);
            match view.present {
                true => url::set_query_param(PRESENT_PARAM, "1"),
                false => url::remove_query_param(PRESENT_PARAM),
            }
            match view.hide_param() {
                Some(keys) => url::set_query_param(HIDE_PARAM, &keys),
                None => url::remove_query_param(HIDE_PARAM),
            }
            match view.layout_param() {
                Some(key) => url::set_query_param(LAYOUT_PARAM, key),
                None => url::remove_query_param(LAYOUT_PARAM),
            }
        })
    });
    (presenter, dialogs)
}

/// [`crate::presenter::CANVAS_ZOOM`] in presenter mode, else 1: how much larger the canvases
/// draw their text and lines, on top of the screen's pixel ratio. 1 where no presenter state is provided (tests that
/// mount one component).
pub fn canvas_zoom() -> Signal<f64> {
    let presenter = use_context::<Presenter>();
    Signal::derive(move || match presenter {
        Some(p) if p.view.with(|v| v.present) => crate::presenter::CANVAS_ZOOM,
        _ => 1.0,
    })
}

/// Replaces the presenter classes of `<html>` (`present`, `layout-*`, `settings-open`,
/// `hide-*`) with `classes`.
fn set_root_classes(classes: &[String]) {
    let Some(root) = document().document_element() else { return };
    let list = root.class_list();
    let old: Vec<String> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter(|c| c == "present" || c == "settings-open" || c.starts_with("hide-") || c.starts_with("layout-"))
        .collect();
    for class in old {
        let _ = list.remove_1(&class);
    }
    for class in classes {
        let _ = list.add_1(class);
    }
}

/// The header's buttons: presenter mode (a toggle), the focused view, the shortcuts. The
/// dialogs themselves are outside the header (see [`super::App`]), so that they still open
/// when a link hides the header.
#[component]
pub fn HeaderTools() -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let presenter = expect_context::<Presenter>();
    let dialogs = expect_context::<Dialogs>();
    let text = move |msg| move || t(lang.get(), msg);
    let present = move || presenter.view.with(|v| v.present);
    view! {
        <div class="header-tools">
            <LayoutSwitch />
            <button type="button" id="presenter-toggle" aria-pressed=move || present().to_string()
                title=text(PresenterMsg::PresenterHelp)
                on:click=move |_| presenter.view.update(|v| v.present = !v.present)>
                {text(PresenterMsg::Presenter)}
            </button>
            <button type="button" id="focused-view-open" aria-haspopup="dialog"
                on:click=move |_| dialogs.focused.set(true)>
                {text(PresenterMsg::FocusedView)}
            </button>
            <button type="button" id="shortcuts-open" aria-haspopup="dialog" aria-keyshortcuts="?"
                on:click=move |_| dialogs.help.set(true)>
                {text(PresenterMsg::ShortcutsButton)}
            </button>
        </div>
    }
}

/// The layouts as a row of toggle buttons ("Whole page · Lab · Step · Check"), each with its
/// key (0–3) in its tooltip.
#[component]
fn LayoutSwitch() -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let presenter = expect_context::<Presenter>();
    let buttons = Layout::ALL
        .into_iter()
        .enumerate()
        .map(|(key, layout)| {
            let on = move || presenter.view.with(|v| v.layout == layout);
            view! {
                <button type="button" id=format!("layout-{}", layout.key()) aria-pressed=move || on().to_string()
                    aria-keyshortcuts=key.to_string()
                    title=move || format!("{} ({key})", t(lang.get(), layout_help(layout)))
                    on:click=move |_| presenter.view.update(|v| v.layout = layout)>
                    {move || t(lang.get(), layout_name(layout))}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="layout-switch" role="group" aria-label=move || t(lang.get(), PresenterMsg::LayoutLabel)>
            {buttons}
        </div>
    }
}

/// The short name of `layout`, as its button says it.
pub fn layout_name(layout: Layout) -> PresenterMsg {
    match layout {
        Layout::All => PresenterMsg::LayoutAll,
        Layout::Lab => PresenterMsg::LayoutLab,
        Layout::Step => PresenterMsg::LayoutStep,
        Layout::Check => PresenterMsg::LayoutCheck,
    }
}

/// What `layout` shows, in a sentence.
fn layout_help(layout: Layout) -> PresenterMsg {
    match layout {
        Layout::All => PresenterMsg::KeyLayoutAll,
        Layout::Lab => PresenterMsg::KeyLayoutLab,
        Layout::Step => PresenterMsg::KeyLayoutStep,
        Layout::Check => PresenterMsg::KeyLayoutCheck,
    }
}

/// The parts a ready-made view hides.
const ONLY_STEPPER: &[Part] = &[Part::Header, Part::Settings, Part::Plot, Part::Lab, Part::Footer];
const ONLY_REGIONS: &[Part] = &[
    Part::Header,
    Part::DataSettings,
    Part::Features,
    Part::Lambda,
    Part::LearningRate,
    Part::BatchSize,
    Part::ClickTools,
    Part::Curves,
    Part::RunLink,
    Part::NewDataButtons,
    // The pace stays: a teacher changing d_h plays each network at a pace the class can follow.
    Part::EarlyStopping,
    Part::Stepper,
    Part::Footer,
];

/// The focused-view dialog: presenter mode, ready-made views, one checkbox per part (ticked =
/// shown), and the link that opens the page as it is now.
#[component]
pub fn FocusedViewDialog() -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let presenter = expect_context::<Presenter>();
    let dialogs = expect_context::<Dialogs>();
    let text = move |msg| move || t(lang.get(), msg);
    let view_state = presenter.view;
    let preset = move |hidden: &'static [Part]| {
        move |_| {
            view_state.update(|v| {
                v.hidden = hidden.to_vec();
                v.hidden.sort();
            })
        }
    };
    let groups = Group::ALL
        .into_iter()
        .map(|group| {
            let boxes = Part::ALL
                .iter()
                .copied()
                .filter(|p| p.group() == group)
                .map(|part| {
                    view! {
                        <label class="check">
                            <input type="checkbox" id=format!("show-{}", part.key()) data-part=part.key()
                                prop:checked=move || view_state.with(|v| !v.is_hidden(part))
                                on:change=move |ev| view_state.update(|v| v.set_hidden(part, !event_target_checked(&ev))) />
                            {move || part_name(lang.get(), part)}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="parts">
                    <legend>{move || group_name(lang.get(), group)}</legend>
                    {boxes}
                </fieldset>
            }
        })
        .collect_view();
    let link = move || {
        url::track_changes();
        url::current_href()
    };
    let copied = RwSignal::new(None::<bool>);
    let copy = move |_| copied.set(Some(copy_through_field("focused-link", &url::current_href())));
    view! {
        <Dialog id="focused-view-dialog" open=dialogs.focused heading=PresenterMsg::FocusedViewHeading>
            <p>{text(PresenterMsg::FocusedViewIntro)}</p>
            <label class="check">
                <input type="checkbox" id="present-check" prop:checked=move || view_state.with(|v| v.present)
                    on:change=move |ev| view_state.update(|v| v.present = event_target_checked(&ev)) />
                {text(PresenterMsg::Presenter)} " — " {text(PresenterMsg::PresenterHelp)}
            </label>
            <fieldset class="layout-choice">
                <legend>{text(PresenterMsg::LayoutLabel)}</legend>
                {Layout::ALL.into_iter().map(|layout| view! {
                    <label class="check">
                        <input type="radio" name="layout-choice" id=format!("layout-radio-{}", layout.key())
                            prop:checked=move || view_state.with(|v| v.layout == layout)
                            on:change=move |_| view_state.update(|v| v.layout = layout) />
                        {move || t(lang.get(), layout_help(layout))}
                    </label>
                }).collect_view()}
            </fieldset>
            <h3>{text(PresenterMsg::Presets)}</h3>
            <div class="dialog-actions">
                <button type="button" id="preset-all" on:click=preset(&[])>{text(PresenterMsg::ShowEverything)}</button>
                " "
                <button type="button" id="preset-stepper" on:click=preset(ONLY_STEPPER)>{text(PresenterMsg::OnlyStepper)}</button>
                " "
                <button type="button" id="preset-regions" on:click=preset(ONLY_REGIONS)>{text(PresenterMsg::OnlyRegions)}</button>
            </div>
            {groups}
            <div class="focused-link">
                <button type="button" id="focused-link-copy" on:click=copy>{text(PresenterMsg::CopyLink)}</button>
                <input type="text" id="focused-link" readonly aria-label=text(PresenterMsg::LinkLabel) prop:value=link />
                <small aria-live="polite">
                    {move || copied.get().map(|ok| t(lang.get(), if ok { PresenterMsg::Copied } else { PresenterMsg::SelectAndCopy }))}
                </small>
            </div>
        </Dialog>
    }
}

/// "This link asks to hide parts the page does not have: …", until dismissed.
#[component]
pub fn PresenterNotice() -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let presenter = expect_context::<Presenter>();
    move || {
        let unknown = presenter.unknown.get();
        if unknown.is_empty() {
            return None;
        }
        let lang = lang.get();
        let parts = (!unknown.parts.is_empty())
            .then(|| view! { <span>{t(lang, PresenterMsg::UnknownParts)} " " <code>{unknown.parts.join(", ")}</code> " "</span> });
        let layout = unknown.layout.map(|key| {
            let known = Layout::ALL.map(Layout::key).join(", ");
            view! { <span>{t(lang, PresenterMsg::UnknownLayout)} " " <code>{key}</code> " (" <code>{known}</code> "). "</span> }
        });
        Some(view! {
            <p class="presenter-notice" id="presenter-notice" role="status">
                {parts} {layout}
                <button type="button" id="presenter-notice-dismiss" on:click=move |_| presenter.unknown.set(Unknown::default())>
                    {t(lang, PresenterMsg::Dismiss)}
                </button>
            </p>
        })
    }
}
