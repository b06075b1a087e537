//! The charts' numbers as text: the best validation epoch, and the latest epoch's loss,
//! objective and error on each set as a table, which screen readers (and tests) can read where
//! a canvas shows only pixels.

use super::best::Best;
use crate::components::app::LangSignal;
use crate::i18n::curves::{best_epoch, dead_units, table_caption, CurvesMsg};
use crate::i18n::{number, percent};
use crate::i18n::{t, Lang};
use leptos::prelude::*;
use mlp::{EpochRecord, SetStats};

/// "Best validation loss 0.123 at epoch 42", or why there is none: no validation set, or none
/// chosen yet (a trainer picks its best epoch once an epoch has ended). Nothing while the
/// history is empty (the panel's placeholder says so).
#[component]
pub fn BestEpoch(history: Signal<Vec<EpochRecord>>, best: Memo<Option<Best>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    // `Some(true)`: the latest record has a validation set; `None`: no record.
    let has_valid = Memo::new(move |_| history.with(|h| h.last().map(|r| r.valid.is_some())));
    let text = move || match (has_valid.get(), best.get()) {
        (None, _) => String::new(),
        (Some(_), Some(b)) => best_epoch(lang.get(), b.loss, b.epoch),
        (Some(true), None) => t(lang.get(), CurvesMsg::NotYet).to_owned(),
        (Some(false), None) => t(lang.get(), CurvesMsg::NoValid).to_owned(),
    };
    let class = move || if best.with(Option::is_some) { "best-epoch" } else { "best-epoch none" };
    view! { <p id="best-epoch" class=class>{text}</p> }
}

/// The three sets' numbers at one epoch, as the table shows them.
#[derive(Clone, Debug, PartialEq)]
struct Latest {
    epoch: usize,
    sets: [Option<SetStats>; 3],
    dead_units: usize,
}

/// The latest epoch's numbers: rows training, validation, test; columns mean loss, objective,
/// error (%). Hidden while the history is empty.
#[component]
pub fn LatestTable(
    history: Signal<Vec<EpochRecord>>,
    /// The last record is the network as training diverged (in the middle of its epoch).
    diverged: Signal<bool>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let latest = Memo::new(move |_| {
        history.with(|h| {
            h.last().map(|r| Latest { epoch: r.epoch, sets: [Some(r.train), r.valid, r.test], dead_units: r.dead_units })
        })
    });
    let head = move |m| move || t(lang.get(), m);
    let rows = move || {
        let lang = lang.get();
        latest.with(|l| {
            l.as_ref().map(|l| SETS.iter().zip(l.sets).map(|(&set, stats)| row(lang, set, stats)).collect::<Vec<_>>())
        })
    };
    let caption = move || latest.with(|l| l.as_ref().map(|l| table_caption(lang.get(), l.epoch, diverged.get())));
    let dead = move || latest.with(|l| l.as_ref().map(|l| dead_units(lang.get(), l.dead_units)));
    // On a phone the table may scroll sideways in its box, which is then a Tab stop.
    // (Measured when it appears and on a resize or a new language, not at every epoch.)
    let scroll_box = NodeRef::<leptos::html::Div>::new();
    let shown = Memo::new(move |_| latest.with(Option::is_some));
    crate::stepper::diagram::focusable_while_scrolling(scroll_box, move || {
        shown.track();
        lang.track();
    });
    view! {
        <div class="curves-numbers" node_ref=scroll_box hidden=move || latest.with(Option::is_none)>
            <table id="curves-table" class="curves-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{head(CurvesMsg::Set)}</th>
                        <th scope="col">{head(CurvesMsg::MeanLoss)}</th>
                        <th scope="col">{head(CurvesMsg::ObjectiveColumn)}</th>
                        <th scope="col">{head(CurvesMsg::ErrorPercent)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p id="dead-units" class="dead-units">{dead}</p>
        </div>
    }
}

/// The table's rows: each set's name, and its key (as in the run export) for `data-set`.
const SETS: [(CurvesMsg, &str); 3] = [(CurvesMsg::Train, "train"), (CurvesMsg::Valid, "valid"), (CurvesMsg::Test, "test")];

/// One set's row: four significant digits for the losses, one decimal for the error in %.
fn row(lang: Lang, (name, set): (CurvesMsg, &'static str), stats: Option<SetStats>) -> impl IntoView {
    let cells = match stats {
        Some(s) => view! {
            <td class="loss">{number(lang, s.loss, 4)}</td>
            <td class="objective">{number(lang, s.objective, 4)}</td>
            <td class="error">{percent(lang, s.error)}</td>
        }
        .into_any(),
        None => view! { <td class="empty-set" colspan="3">{t(lang, CurvesMsg::EmptySet)}</td> }.into_any(),
    };
    view! {
        <tr data-set=set>
            <th scope="row">{t(lang, name)}</th>
            {cells}
        </tr>
    }
}
