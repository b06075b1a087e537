//! One group of the gradient check as a table: index, g_bp, g_fd, relative error, the course's
//! ratio g_bp / g_fd (0.99–1.01) and the entry's result. A group of at most
//! [`SMALL_GROUP`] entries shows them all; a larger one shows its worst entry and how many
//! entries were checked and failed.

use super::report::{failing, index, ratio, shown_entries, Ratio, SMALL_GROUP};
use super::verdict::pass_attr;
use super::LangSignal;
use crate::stepper::diagram::focusable_while_scrolling;
use crate::i18n::check::{pass_word, worst_of, CheckMsg};
use crate::i18n::t;
use crate::mathml::{b, math, mi, w};
use crate::stepper::format::{full, number};
use leptos::prelude::*;
use mlp::gradcheck::{EntryCheck, Group, GroupCheck};
use mlp::Shape;

/// What the ratio column shows for an entry without a ratio.
const DASH: &str = "—";

/// The group's symbol in the course's notation: W⁽¹⁾, b⁽¹⁾, W⁽²⁾, b⁽²⁾, x.
fn symbol(group: Group) -> String {
    match group {
        Group::W1 => w(1),
        Group::B1 => b(1),
        Group::W2 => w(2),
        Group::B2 => b(2),
        Group::X => mi("x"),
    }
}

/// "d_h × d = 8 × 2", "m = 2": the group's dimensions, named as in the course.
fn dims(group: Group, shape: Shape) -> String {
    let Shape { d, d_h, m } = shape;
    match group {
        Group::W1 => format!("d_h × d = {d_h} × {d}"),
        Group::B1 => format!("d_h = {d_h}"),
        Group::W2 => format!("m × d_h = {m} × {d_h}"),
        Group::B2 => format!("m = {m}"),
        Group::X => format!("d = {d}"),
    }
}

#[component]
pub fn GroupTable(check: GroupCheck, shape: Shape) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    let group = check.group;
    let passes = check.passes;
    let rows = shown_entries(&check)
        .into_iter()
        .map(|e| view! { <EntryRow group=group entry=e.clone() /> })
        .collect_view();
    let (total, fails) = (check.entries.len(), failing(&check));
    let worst = (total > SMALL_GROUP)
        .then(|| view! { <span class="worst-of">{move || worst_of(lang.get(), total, fails)}</span> });
    let input_note =
        (group == Group::X).then(|| view! { <span class="group-note">{text(CheckMsg::InputCaption)}</span> });
    let id = format!("check-group-{}", group.name());
    // On a phone the table is wider than the screen and scrolls in its box.
    let scroll_box = NodeRef::<leptos::html::Div>::new();
    focusable_while_scrolling(scroll_box, move || lang.track());
    view! {
        <div class="check-group" class:fail=!passes id=id data-pass=pass_attr(passes) node_ref=scroll_box>
            <table class="check-table">
                <caption>
                    <span class="group-symbol" inner_html=math(false, &symbol(group))></span>
                    <span class="shape">{dims(group, shape)}</span>
                    <span class="group-verdict" class:pass=passes class:fail=!passes>
                        {move || pass_word(lang.get(), passes)}
                    </span>
                    {worst}
                    {input_note}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{text(CheckMsg::Index)}</th>
                        <th scope="col">{text(CheckMsg::Backprop)}</th>
                        <th scope="col">{text(CheckMsg::FiniteDiff)}</th>
                        <th scope="col">{text(CheckMsg::RelError)}</th>
                        <th scope="col" class="ratio-head">
                            {text(CheckMsg::Ratio)} <span class="criterion">{text(CheckMsg::Criterion)}</span>
                        </th>
                        <th scope="col">{text(CheckMsg::Result)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// One entry: its index heads the row; NaN and ∞ print as such, a missing ratio as "—".
#[component]
fn EntryRow(group: Group, entry: EntryCheck) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let passes = entry.passes();
    let ratio = ratio(&entry);
    let ratio_text = match ratio {
        Ratio::Value(r) => number(r),
        Ratio::BothZero | Ratio::ZeroFiniteDiff | Ratio::NotFinite => DASH.to_string(),
    };
    let dash = ratio_text == DASH;
    let value = |v: f64| view! { <td data-value=full(v) title=full(v)>{number(v)}</td> };
    let id = format!("check-{}-{}-{}", group.name(), entry.row, entry.col);
    view! {
        <tr id=id class:fail=!passes data-pass=pass_attr(passes)>
            <th scope="row">{index(group, &entry)}</th>
            {value(entry.backprop)}
            {value(entry.finite_diff)}
            {value(entry.rel_error)}
            <td class="ratio" class:in-range=ratio.in_range() class:dash=dash>{ratio_text}</td>
            <td class="result" class:pass=passes class:fail=!passes>{move || pass_word(lang.get(), passes)}</td>
        </tr>
    }
}

/// What "—" in the ratio column means.
#[component]
pub fn DashNote() -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    view! { <p class="check-note" id="check-dash-note">{move || t(lang.get(), CheckMsg::DashNote)}</p> }
}
