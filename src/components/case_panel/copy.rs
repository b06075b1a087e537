//! The panel's two copy buttons (the exported JSON, the link): the asynchronous Clipboard API
//! first, and where it is missing or refused, the text field selected and copied the old way.

use super::browser::{copy_through_field, write_clipboard, PromiseCallback};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;

/// What a copy button copies; each has its text field, used by the fallback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The exported walk, `#case-export`.
    Export,
    /// The link, `#case-link`.
    Link,
}

impl Target {
    fn field_id(self) -> &'static str {
        match self {
            Target::Export => "case-export",
            Target::Link => "case-link",
        }
    }
}

/// How a copy ended, shown next to its button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub target: Target,
    pub copied: bool,
}

/// Copies one text at a time. The two promise callbacks are made once and live as long as the
/// panel (no closure is leaked per click); `pending` tells them what was being copied.
#[derive(Clone, Copy)]
pub struct Copier {
    /// The last outcome; a success fades after a few seconds, a failure stays.
    pub status: RwSignal<Option<Outcome>>,
    pending: StoredValue<(Target, String)>,
    callbacks: StoredValue<(PromiseCallback, PromiseCallback), LocalStorage>,
}

impl Copier {
    /// Made in a component: the callbacks are dropped with it.
    pub fn new() -> Copier {
        let status = RwSignal::new(None);
        let pending = StoredValue::new((Target::Export, String::new()));
        let copied: PromiseCallback = Closure::new(move |_: JsValue| {
            if let Some(target) = pending.try_with_value(|(target, _)| *target) {
                show(status, Outcome { target, copied: true });
            }
        });
        let refused: PromiseCallback = Closure::new(move |_: JsValue| {
            if let Some((target, text)) = pending.try_get_value() {
                fall_back(status, target, &text);
            }
        });
        Copier { status, pending, callbacks: StoredValue::new_local((copied, refused)) }
    }

    /// Copies `text`, the content of `target`'s field.
    pub fn copy(self, target: Target, text: String) {
        self.status.set(None);
        self.pending.set_value((target, text.clone()));
        let started = self
            .callbacks
            .try_with_value(|(copied, refused)| write_clipboard(&text, copied, refused))
            .unwrap_or(false);
        if !started {
            fall_back(self.status, target, &text);
        }
    }

    /// The outcome for `target`, if the last copy was its.
    pub fn outcome(self, target: Target) -> Option<bool> {
        self.status.with(|s| s.filter(|o| o.target == target).map(|o| o.copied))
    }
}

fn fall_back(status: RwSignal<Option<Outcome>>, target: Target, text: &str) {
    show(status, Outcome { target, copied: copy_through_field(target.field_id(), text) });
}

fn show(status: RwSignal<Option<Outcome>>, outcome: Outcome) {
    status.set(Some(outcome));
    if outcome.copied {
        set_timeout(
            move || {
                if status.try_get_untracked().flatten() == Some(outcome) {
                    status.set(None);
                }
            },
            Duration::from_secs(4),
        );
    }
}
