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
use crate::i18n::{exact, fixed, in_notation};
use crate::stepper::format::{full, Notation};
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
    let shown = shown_entries(&check);
    let columns = Columns::of(shown.iter().copied());
    let rows = shown.into_iter().map(|e| view! { <EntryRow group=group entry=e.clone() columns=columns /> }).collect_view();
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
                <EntryHead />
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// How many entries the one-screen check layout lists: the worst of all groups.
pub const WORST_SHOWN: usize = 8;

/// The [`WORST_SHOWN`] worst entries of all groups, worst first: failing entries first, then
/// by relative error, largest first.
pub fn worst_entries(groups: &[GroupCheck]) -> Vec<(Group, &EntryCheck)> {
    let mut all: Vec<(Group, &EntryCheck)> = groups.iter().flat_map(|g| g.entries.iter().map(move |e| (g.group, e))).collect();
    all.sort_by(|(_, a), (_, b)| a.passes().cmp(&b.passes()).then(b.rel_error.total_cmp(&a.rel_error)));
    all.truncate(WORST_SHOWN);
    all
}

/// The check on one screen (the check layout shows it instead of the group tables): each
/// group's verdict on one line, then one table of the worst entries of all groups.
#[component]
pub fn WorstTable(groups: Vec<GroupCheck>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    let verdicts = groups
        .iter()
        .map(|g| {
            let passes = g.passes;
            view! {
                <li class="group-verdict" class:pass=passes class:fail=!passes data-group=g.group.name()>
                    <span inner_html=math(false, &symbol(g.group))></span> " " {move || pass_word(lang.get(), passes)}
                </li>
            }
        })
        .collect_view();
    let worst = worst_entries(&groups);
    let columns = Columns::of(worst.iter().map(|(_, e)| *e));
    let rows = worst
        .into_iter()
        .map(|(group, e)| view! { <EntryRow group=group entry=e.clone() columns=columns named=true /> })
        .collect_view();
    view! {
        <div class="check-worst" id="check-worst">
            <ul class="group-verdicts">{verdicts}</ul>
            <table class="check-table">
                <caption>{text(CheckMsg::WorstEntries)}</caption>
                <EntryHead />
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// How a table writes its numbers: g_bp and g_fd in one notation (they are compared side by
/// side), the relative errors in theirs; never a column mixing `4.004e-4` and `0.0237`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Columns {
    gradients: Notation,
    errors: Notation,
}

impl Columns {
    fn of<'a>(entries: impl Iterator<Item = &'a EntryCheck> + Clone) -> Columns {
        Columns {
            gradients: Notation::of(entries.clone().flat_map(|e| [e.backprop, e.finite_diff])),
            errors: Notation::of(entries.map(|e| e.rel_error)),
        }
    }
}

/// The column headings of a table of entries.
#[component]
fn EntryHead() -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let text = move |m| move || t(lang.get(), m);
    view! {
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
    }
}

/// One entry: its index heads the row (after its group's symbol when `named`, in a table of
/// several groups); NaN and ∞ print as such, a missing ratio as "—".
#[component]
fn EntryRow(group: Group, entry: EntryCheck, columns: Columns, #[prop(optional)] named: bool) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let passes = entry.passes();
    let ratio = ratio(&entry);
    let ratio_text = move || match ratio {
        Ratio::Value(r) => fixed(lang.get(), r),
        Ratio::BothZero | Ratio::ZeroFiniteDiff | Ratio::NotFinite => DASH.to_string(),
    };
    let dash = !matches!(ratio, Ratio::Value(_));
    // Shown in the language's notation; `data-value` keeps the machine's, for scripts.
    let value = move |v: f64, notation: Notation| {
        view! { <td data-value=full(v) title=move || exact(lang.get(), v)>{move || in_notation(lang.get(), notation, v)}</td> }
    };
    // A row of the worst table repeats one of a group table: only the latter has the id.
    let id = (!named).then(|| format!("check-{}-{}-{}", group.name(), entry.row, entry.col));
    let symbol = named.then(|| view! { <span inner_html=math(false, &symbol(group))></span> " " });
    view! {
        <tr id=id class:fail=!passes data-pass=pass_attr(passes) data-kink=entry.at_kink.then_some("true")>
            <th scope="row">{symbol}{index(group, &entry)}</th>
            {value(entry.backprop, columns.gradients)}
            {value(entry.finite_diff, columns.gradients)}
            {value(entry.rel_error, columns.errors)}
            <td class="ratio" class:in-range=ratio.in_range() class:dash=dash>{ratio_text}</td>
            <td class="result" class:pass=passes class:fail=!passes>
                {move || pass_word(lang.get(), passes)}
                {entry.at_kink.then(|| view! { <span class="kink">" · " {move || t(lang.get(), CheckMsg::AtKink)}</span> })}
            </td>
        </tr>
    }
}

/// What "—" in the ratio column means.
#[component]
pub fn DashNote() -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    view! { <p class="check-note" id="check-dash-note">{move || t(lang.get(), CheckMsg::DashNote)}</p> }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(group: Group, entries: Vec<EntryCheck>) -> GroupCheck {
        GroupCheck { group, entries, max_rel_error: 0.0, worst: 0, passes: true }
    }

    #[test]
    fn the_worst_entries_are_the_failing_then_the_largest_errors_of_all_groups() {
        let w1 = group(Group::W1, (0..6).map(|i| EntryCheck::new(i, 0, 1.0, 1.0 + f64::from(i as u8) * 1e-6)).collect());
        let b2 = group(Group::B2, vec![EntryCheck::new(0, 0, 3.0, 1.0), EntryCheck::new(1, 0, 1.0, 1.0)]);
        let x = group(Group::X, vec![EntryCheck::new(0, 0, 1.0, 1.002), EntryCheck::new(1, 0, 1.0, 1.0)]);
        let groups = [w1, b2, x];
        let worst = worst_entries(&groups);
        assert_eq!(worst.len(), WORST_SHOWN);
        let keys: Vec<(Group, usize)> = worst.iter().map(|(g, e)| (*g, e.row)).collect();
        // The failing b⁽²⁾[0] first, then x[0] (2e-3 relative), then W⁽¹⁾ from its largest error down.
        assert_eq!(&keys[..5], &[(Group::B2, 0), (Group::X, 0), (Group::W1, 5), (Group::W1, 4), (Group::W1, 3)]);
        assert!(!worst[0].1.passes() && worst[1..].iter().all(|(_, e)| e.passes()));
    }
}
