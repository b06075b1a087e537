//! The keyboard shortcuts: one table of what each key does, read by the listeners of the
//! parts that act on them (the player, the stepper, the header's tools) and by the help
//! dialog that lists them ("?"), so the help cannot drift from what the keys do.
//!
//! A shortcut never fires while the focus is in a text field, a menu or a radio group (their
//! own keys win), nor with Ctrl, Alt or Meta held (the browser's keys win). Space keeps its
//! usual meaning on a focused button, link or checkbox. Enter or Esc in a field or a menu, and
//! a menu choice made with the mouse, hand the keys back to the page (see [`hand_back_keys`]).

use super::app::LangSignal;
use super::presenter_tools::Dialogs;
use crate::i18n::presenter::PresenterMsg;
use crate::i18n::{t, Lang};
use crate::presenter::Layout;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Everything a key can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    PlayPause,
    Step,
    Epoch,
    Reset,
    NextEquation,
    PrevEquation,
    FirstEquation,
    LastEquation,
    WholeForward,
    WholeBackward,
    Presenter,
    FocusedView,
    /// Show a [`Layout`](crate::presenter::Layout) (keys 0–3).
    Layout(crate::presenter::Layout),
    Language,
    Help,
}

/// Which part of the page acts on a shortcut, and how the help groups them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Training,
    Stepper,
    Page,
}

impl Shortcut {
    pub const ALL: [Shortcut; 18] = [
        Shortcut::PlayPause,
        Shortcut::Step,
        Shortcut::Epoch,
        Shortcut::Reset,
        Shortcut::NextEquation,
        Shortcut::PrevEquation,
        Shortcut::FirstEquation,
        Shortcut::LastEquation,
        Shortcut::WholeForward,
        Shortcut::WholeBackward,
        Shortcut::Presenter,
        Shortcut::FocusedView,
        Shortcut::Layout(Layout::All),
        Shortcut::Layout(Layout::Lab),
        Shortcut::Layout(Layout::Step),
        Shortcut::Layout(Layout::Check),
        Shortcut::Language,
        Shortcut::Help,
    ];

    /// The values of `KeyboardEvent.key` that trigger it (letters in lower case; the upper
    /// case is accepted too).
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Shortcut::PlayPause => &[" ", "k"],
            Shortcut::Step => &["s"],
            Shortcut::Epoch => &["e"],
            Shortcut::Reset => &["r"],
            Shortcut::NextEquation => &["ArrowRight", "n"],
            Shortcut::PrevEquation => &["ArrowLeft", "p"],
            Shortcut::FirstEquation => &["Home"],
            Shortcut::LastEquation => &["End"],
            Shortcut::WholeForward => &["f"],
            Shortcut::WholeBackward => &["b"],
            Shortcut::Presenter => &["m"],
            Shortcut::FocusedView => &["v"],
            Shortcut::Layout(Layout::All) => &["0"],
            Shortcut::Layout(Layout::Lab) => &["1"],
            Shortcut::Layout(Layout::Step) => &["2"],
            Shortcut::Layout(Layout::Check) => &["3"],
            Shortcut::Language => &["l"],
            Shortcut::Help => &["?"],
        }
    }

    pub fn section(self) -> Section {
        match self {
            Shortcut::PlayPause | Shortcut::Step | Shortcut::Epoch | Shortcut::Reset => Section::Training,
            Shortcut::NextEquation
            | Shortcut::PrevEquation
            | Shortcut::FirstEquation
            | Shortcut::LastEquation
            | Shortcut::WholeForward
            | Shortcut::WholeBackward => Section::Stepper,
            Shortcut::Presenter | Shortcut::FocusedView | Shortcut::Layout(_) | Shortcut::Language | Shortcut::Help => Section::Page,
        }
    }

    pub fn description(self) -> PresenterMsg {
        match self {
            Shortcut::PlayPause => PresenterMsg::KeyPlayPause,
            Shortcut::Step => PresenterMsg::KeyStep,
            Shortcut::Epoch => PresenterMsg::KeyEpoch,
            Shortcut::Reset => PresenterMsg::KeyReset,
            Shortcut::NextEquation => PresenterMsg::KeyNext,
            Shortcut::PrevEquation => PresenterMsg::KeyPrev,
            Shortcut::FirstEquation => PresenterMsg::KeyFirst,
            Shortcut::LastEquation => PresenterMsg::KeyLast,
            Shortcut::WholeForward => PresenterMsg::KeyForward,
            Shortcut::WholeBackward => PresenterMsg::KeyBackward,
            Shortcut::Presenter => PresenterMsg::KeyPresenter,
            Shortcut::FocusedView => PresenterMsg::KeyFocused,
            Shortcut::Layout(Layout::All) => PresenterMsg::KeyLayoutAll,
            Shortcut::Layout(Layout::Lab) => PresenterMsg::KeyLayoutLab,
            Shortcut::Layout(Layout::Step) => PresenterMsg::KeyLayoutStep,
            Shortcut::Layout(Layout::Check) => PresenterMsg::KeyLayoutCheck,
            Shortcut::Language => PresenterMsg::KeyLanguage,
            Shortcut::Help => PresenterMsg::KeyHelp,
        }
    }

    /// The shortcut of a key press (`key` as `KeyboardEvent.key` gives it), if any.
    pub fn from_key(key: &str) -> Option<Shortcut> {
        let key = if key.chars().count() == 1 { key.to_lowercase() } else { key.to_owned() };
        Shortcut::ALL.into_iter().find(|s| s.keys().contains(&key.as_str()))
    }
}

/// How a key is written in the help: `Space` in words, arrows as arrows, letters in capitals.
pub fn key_label(lang: Lang, key: &str) -> String {
    match key {
        " " => t(lang, PresenterMsg::Space).to_owned(),
        "ArrowRight" => "→".to_owned(),
        "ArrowLeft" => "←".to_owned(),
        "Home" => t(lang, PresenterMsg::Home).to_owned(),
        "End" => t(lang, PresenterMsg::End).to_owned(),
        other => other.to_uppercase(),
    }
}

/// Calls `act` with each shortcut pressed on the page (see the module's rules); a shortcut
/// `act` returns `true` for is taken (the browser's default for the key is prevented).
/// The listener goes when the calling component does.
pub fn on_shortcut(act: impl Fn(Shortcut) -> bool + 'static) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.default_prevented() {
            return;
        }
        let Some(shortcut) = Shortcut::from_key(&ev.key()) else { return };
        if focus_owns_key(&ev, shortcut) || (dialog_open() && shortcut != Shortcut::Help) {
            return;
        }
        if act(shortcut) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
}

/// Whether the focused element needs this key itself: any key in a text field, menu or radio
/// group; Space on a button, link, checkbox or summary.
fn focus_owns_key(ev: &leptos::ev::KeyboardEvent, shortcut: Shortcut) -> bool {
    let Some(element) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return false };
    let tag = element.tag_name();
    if matches!(tag.as_str(), "TEXTAREA" | "SELECT") || element.has_attribute("contenteditable") {
        return true;
    }
    if tag == "INPUT" {
        let kind = element.get_attribute("type").unwrap_or_default().to_ascii_lowercase();
        // A checkbox only needs Space; text, numbers and radio groups need every key.
        return kind != "checkbox" || shortcut == Shortcut::PlayPause;
    }
    shortcut == Shortcut::PlayPause && (matches!(tag.as_str(), "BUTTON" | "A" | "SUMMARY") || element.has_attribute("role"))
}

/// Gives the keys back to the page when the student is done with a field or a menu: Enter
/// (after the field has applied it) or Esc in a text field or a menu, and a menu choice made
/// with the mouse, take the focus out of it, so that → then steps the stepper rather than
/// changing the data set. The browser keeps its place for Tab: the next Tab goes on from the
/// field. A menu changed with the arrow keys keeps the focus (the arrows are its own keys);
/// Enter or Esc then ends it. Text areas keep Enter for new lines; dialogs keep Esc.
pub fn hand_back_keys() {
    let pointer = StoredValue::new(false);
    let pointing = window_event_listener(leptos::ev::pointerdown, move |_| pointer.set_value(true));
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        pointer.set_value(false);
        let done = match ev.key().as_str() {
            "Enter" => true,
            "Escape" => !dialog_open(),
            _ => false,
        };
        // Not while an input method composes (its Enter commits the composition).
        if done && !ev.is_composing() && !ev.ctrl_key() && !ev.alt_key() && !ev.meta_key() {
            if let Some(field) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()).filter(|e| keeps_keys(e)) {
                // After the event: the field's own Enter (a form's submit) happens first.
                set_timeout(move || drop(field.blur()), std::time::Duration::ZERO);
            }
        }
    });
    let chosen = window_event_listener(leptos::ev::change, move |ev| {
        let select = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok());
        // In a dialog the focus stays: the dialog keeps the keys until it closes.
        if let Some(select) = select.filter(|_| pointer.get_value() && !dialog_open()) {
            set_timeout(move || drop(select.blur()), std::time::Duration::ZERO);
        }
    });
    on_cleanup(move || {
        pointing.remove();
        keys.remove();
        chosen.remove();
    });
}

/// Whether `element` is a field or a menu that takes every key while focused (a text area
/// is not: Enter is a new line there).
fn keeps_keys(element: &web_sys::HtmlElement) -> bool {
    match element.tag_name().as_str() {
        "SELECT" => true,
        "INPUT" => {
            let kind = element.get_attribute("type").unwrap_or_default().to_ascii_lowercase();
            !matches!(kind.as_str(), "checkbox" | "radio" | "button" | "submit" | "reset" | "file")
        }
        _ => false,
    }
}

/// Whether a modal dialog (the help, the focused view) is open: only "?" and Esc act then.
fn dialog_open() -> bool {
    document().query_selector("dialog[open]").ok().flatten().is_some()
}

/// The "?" dialog: every shortcut, by section, with its keys.
#[component]
pub fn HelpDialog() -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let dialogs = expect_context::<Dialogs>();
    let text = move |msg| move || t(lang.get(), msg);
    let section = move |section: Section, heading: PresenterMsg| {
        let rows = Shortcut::ALL
            .into_iter()
            .filter(move |s| s.section() == section)
            .map(|shortcut| {
                let keys = move || {
                    let lang = lang.get();
                    shortcut
                        .keys()
                        .iter()
                        .enumerate()
                        .map(|(i, key)| {
                            let or = (i > 0).then(|| format!(" {} ", t(lang, PresenterMsg::Or)));
                            view! { {or} <kbd>{key_label(lang, key)}</kbd> }
                        })
                        .collect_view()
                };
                view! {
                    <tr data-shortcut=format!("{shortcut:?}")>
                        <th scope="row">{keys}</th>
                        <td>{text(shortcut.description())}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3>{text(heading)}</h3>
            <table class="shortcuts">
                <thead><tr>
                    <th scope="col">{text(PresenterMsg::KeyColumn)}</th>
                    <th scope="col">{text(PresenterMsg::ActionColumn)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    };
    view! {
        <Dialog id="shortcuts-dialog" open=dialogs.help heading=PresenterMsg::ShortcutsHeading>
            <p>{text(PresenterMsg::ShortcutsIntro)}</p>
            {section(Section::Training, PresenterMsg::TrainingKeys)}
            {section(Section::Stepper, PresenterMsg::StepperKeys)}
            {section(Section::Page, PresenterMsg::PageKeys)}
            <table class="shortcuts">
                <tbody>
                    <tr>
                        <th scope="row"><kbd>"Esc"</kbd></th>
                        <td>{text(PresenterMsg::KeyClose)}</td>
                    </tr>
                    <tr>
                        <th scope="row"><kbd>{text(PresenterMsg::EnterKey)}</kbd> " " {text(PresenterMsg::Or)} " " <kbd>"Esc"</kbd></th>
                        <td>{text(PresenterMsg::KeyHandBack)}</td>
                    </tr>
                </tbody>
            </table>
        </Dialog>
    }
}

/// A modal `<dialog>` shown while `open` is true: it traps the focus, Esc closes it (and
/// sets `open` back to false), and the focus returns where it was.
#[component]
pub fn Dialog(id: &'static str, open: RwSignal<bool>, heading: PresenterMsg, children: Children) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let node = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let want = open.get();
        let Some(dialog) = node.get() else { return };
        if want && !dialog.open() {
            // Fails only if the dialog is not in the document; then there is nothing to show.
            let _ = dialog.show_modal();
        } else if !want && dialog.open() {
            dialog.close();
        }
    });
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <dialog class="overlay" id=id node_ref=node aria-labelledby=labelled_by
            on:close=move |_| open.set(false)>
            <div class="dialog-head">
                <h2 id=heading_id>{move || t(lang.get(), heading)}</h2>
                <button type="button" class="dialog-close" on:click=move |_| open.set(false)>
                    {move || t(lang.get(), PresenterMsg::Close)}
                </button>
            </div>
            {children()}
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_does_two_things_and_every_key_reads_back() {
        for shortcut in Shortcut::ALL {
            for key in shortcut.keys() {
                assert_eq!(Shortcut::from_key(key), Some(shortcut), "{key:?}");
                let others = Shortcut::ALL.into_iter().filter(|&s| s != shortcut);
                assert!(others.clone().all(|other| !other.keys().contains(key)), "{key:?} is taken twice");
            }
        }
        assert_eq!(Shortcut::from_key("K"), Some(Shortcut::PlayPause));
        assert_eq!(Shortcut::from_key("x"), None);
        assert_eq!(Shortcut::from_key("Enter"), None);
    }

    #[test]
    fn keys_are_written_for_people() {
        assert_eq!(key_label(Lang::Fr, " "), "Espace");
        assert_eq!(key_label(Lang::En, "ArrowLeft"), "←");
        assert_eq!(key_label(Lang::En, "k"), "K");
        assert_eq!(key_label(Lang::Fr, "End"), "Fin");
    }
}
