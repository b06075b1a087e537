//! A vector or matrix of the walk as a table: row and column headers (0-based indices, as in
//! numpy), each cell with its value tinted by sign and magnitude, the cells the current step
//! reads or writes highlighted. Result cells are buttons: clicking one shows its formula.
//!
//! For screen readers the table is named by its quantity and shape ("W⁽¹⁾, d_h × d = 8 × 2")
//! and each header says what its index counts ("hidden unit 3", "input 0"; "value" for the one
//! column of a vector), so a cell is announced as e.g. "hidden unit 3, input 0, 0.1234".
//!
//! Tables longer or wider than [`FOLD`] show their first rows/columns and a "show all" button,
//! so a 256-unit layer stays readable and cheap to draw.

use std::sync::Arc;

use super::app::LangSignal;
use super::homework_marks::{marks_for, Marks};
use crate::i18n::homework::HomeworkMsg;
use crate::i18n::a11y::{dim_word, header_text};
use crate::i18n::stepper::StepperMsg;
use crate::i18n::{t, Lang};
use crate::mathml::math;
use crate::stepper::format::full;
use crate::i18n::{exact, in_notation};
use crate::stepper::format::Notation;
use crate::stepper::formula::Cells;
use crate::stepper::quantity::{Dim, Quantity};
use crate::stepper::diagram::{focusable_while_scrolling, name};
use crate::stepper::Walk;
use leptos::prelude::*;
use nalgebra::DMatrix;

/// Rows (and columns) shown before folding.
pub const FOLD: usize = 16;

/// Whether the table is read or written by the step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Read,
    Write,
}

#[component]
pub fn MatrixView(
    quantity: Quantity,
    walk: Memo<Option<Walk>>,
    role: Role,
    /// The cells to highlight.
    #[prop(into)]
    highlight: Signal<Cells>,
    /// The selected result cell, if this is a result.
    #[prop(into)]
    selected: Signal<Option<(usize, usize)>>,
    /// Called with (row, col) when a result cell is clicked; `None` for operands.
    #[prop(optional)]
    on_select: Option<Callback<(usize, usize)>>,
) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    let expanded = RwSignal::new(false);
    let shape = move || {
        walk.with(|w| w.as_ref().map(|w| quantity.value(w).shape())).map(|(r, c)| shape_text(quantity, r, c))
    };
    let table = move || {
        let matrix = walk.with(|w| w.as_ref().map(|w| quantity.value(w)))?;
        let lang = lang.get();
        let marks = walk.with(|w| w.as_ref().and_then(marks_for));
        let cells = CellsView { quantity, highlight: highlight.get(), selected: selected.get(), role, on_select, lang, marks };
        Some(cells.table(&matrix, expanded.get()))
    };
    let folded = move || {
        let (rows, cols) = walk.with(|w| w.as_ref().map(|w| quantity.value(w).shape()))?;
        let hidden = rows.saturating_sub(FOLD).max(cols.saturating_sub(FOLD));
        (hidden > 0 && !expanded.get()).then(|| {
            view! {
                <button type="button" class="show-all" on:click=move |_| expanded.set(true)>
                    {move || t(lang.get(), StepperMsg::ShowAll)} " (" {rows} " × " {cols} ")"
                </button>
            }
        })
    };
    let scroll_box = NodeRef::<leptos::html::Div>::new();
    focusable_while_scrolling(scroll_box, move || {
        walk.track();
        expanded.track();
        lang.track();
    });
    let role_class = match role {
        Role::Read => "matrix read-role",
        Role::Write => "matrix write-role",
    };
    view! {
        <figure class=role_class data-quantity=quantity.key()>
            <figcaption>
                <span inner_html=math(false, &quantity.symbol())></span>
                <span class="shape">{shape}</span>
            </figcaption>
            <div class="matrix-scroll" node_ref=scroll_box>{table}</div>
            {folded}
            {(quantity == Quantity::Softmax).then(|| view! { <SumNote walk=walk /> })}
        </figure>
    }
}

/// Under oˢ: the sum of its entries, and that each is rounded, so a shown column adding up to
/// 0,9999 does not look like a softmax that fails to sum to 1.
#[component]
fn SumNote(walk: Memo<Option<Walk>>) -> impl IntoView {
    let lang = expect_context::<LangSignal>();
    move || {
        let sum: f64 = walk.with(|w| w.as_ref().map(|w| Quantity::Softmax.value(w).iter().sum()))?;
        let lang = lang.get();
        Some(view! { <p class="table-note sum-note">{crate::i18n::stepper::softmax_sum(lang, &crate::i18n::fixed(lang, sum))}</p> })
    }
}

/// "d_h × d = 8 × 2", "m = 3".
fn shape_text(quantity: Quantity, rows: usize, cols: usize) -> String {
    match quantity.dims() {
        (Dim::One, Dim::One) => "1 × 1".into(),
        (r, Dim::One) => format!("{} = {rows}", r.name()),
        (r, c) => format!("{} × {} = {rows} × {cols}", r.name(), c.name()),
    }
}

/// The letters of the equations that index the table's rows and columns: "j\u{2009}╲\u{2009}i"
/// for W⁽¹⁾ (row j, column i), "k" for a vector of classes.
fn index_letters(rows: Dim, cols: Dim) -> String {
    match (rows.letter(), cols.letter()) {
        (Some(r), Some(c)) => format!("{r}\u{2009}╲\u{2009}{c}"),
        (Some(r), None) => r.to_string(),
        _ => String::new(),
    }
}

/// What a table needs to draw its cells.
struct CellsView {
    quantity: Quantity,
    highlight: Cells,
    selected: Option<(usize, usize)>,
    role: Role,
    on_select: Option<Callback<(usize, usize)>>,
    /// The language of the headers a screen reader speaks.
    lang: Lang,
    /// The student's wrong entries ("Check my answers"), outlined with their value.
    marks: Option<Arc<Marks>>,
}

impl CellsView {
    fn table(&self, matrix: &DMatrix<f64>, expanded: bool) -> impl IntoView {
        let (rows, cols) = matrix.shape();
        let show_rows = if expanded { rows } else { rows.min(FOLD) };
        let show_cols = if expanded { cols } else { cols.min(FOLD) };
        let scale = matrix.iter().filter(|v| v.is_finite()).fold(0.0_f64, |m, v| m.max(v.abs()));
        // One notation for the whole table (its folded part too), so a column reads evenly.
        let notation = Notation::of(matrix.iter().copied());
        let (row_dim, col_dim) = self.quantity.dims();
        // The visible header is the index; a screen reader hears "hidden unit 3" instead.
        let head = |dim: Dim, i: usize| {
            view! { <span aria-hidden="true">{i}</span><span class="visually-hidden">{header_text(self.lang, dim, i)}</span> }
        };
        let header: Vec<_> = (0..show_cols).map(|c| view! { <th scope="col">{head(col_dim, c)}</th> }).collect();
        let body: Vec<_> = (0..show_rows)
            .zip(matrix.row_iter())
            .map(|(r, values)| {
                let cells: Vec<_> = values.iter().take(show_cols).enumerate().map(|(c, &v)| self.cell(v, r, c, scale, notation)).collect();
                view! { <tr><th scope="row">{head(row_dim, r)}</th>{cells}</tr> }
            })
            .collect();
        let label = format!("{}, {}", name(self.lang, self.quantity), shape_text(self.quantity, rows, cols));
        view! {
            <table class="cells" aria-label=label>
                <thead><tr>
                    <th scope="col" class="corner">
                        <span aria-hidden="true" class="index-letters">{index_letters(row_dim, col_dim)}</span>
                        <span class="visually-hidden">{dim_word(self.lang, row_dim)}</span>
                    </th>
                    {header}
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
    }

    fn cell(&self, value: f64, r: usize, c: usize, scale: f64, notation: Notation) -> impl IntoView + use<> {
        let lit = self.highlight.contains(r, c);
        let class = match (lit, self.role) {
            (true, Role::Read) => "cell read",
            (true, Role::Write) => "cell write",
            (false, _) => "cell",
        };
        let selected = self.selected == Some((r, c));
        let style = tint(value, scale);
        let yours = self.marks.as_ref().and_then(|m| m.given_at(self.quantity, r, c));
        let lang = self.lang;
        // Shown in the language's notation; `data-value` keeps the machine's, for scripts.
        let (shown, machine) = (in_notation(lang, notation, value), full(value));
        let title = match yours {
            Some(y) => format!("{} {}, {} {}", t(lang, HomeworkMsg::Yours), exact(lang, y), t(lang, HomeworkMsg::Expected), exact(lang, value)),
            None => exact(lang, value),
        };
        // The student's value beside the correct one, in a wrong entry.
        let given = yours.map(|y| view! { <span class="hw-given">{in_notation(lang, notation, y)}</span> });
        let id = format!("cell-{}-{r}-{c}", self.quantity.key());
        match self.on_select {
            Some(select) => view! {
                <td class=class class:selected=selected class:hw-marked=yours.is_some() style:background=style data-value=machine>
                    <button type="button" id=id title=title aria-pressed=if selected { "true" } else { "false" }
                        on:click=move |_| select.run((r, c))>{shown}</button>
                    {given}
                </td>
            }
            .into_any(),
            None => view! {
                <td class=class class:hw-marked=yours.is_some() id=id style:background=style data-value=machine title=title>{shown} {given}</td>
            }
            .into_any(),
        }
    }
}

/// Background tint: blue for positive, vermillion for negative (the Okabe–Ito pair used for
/// signs everywhere), stronger for larger magnitudes relative to the table's largest. The
/// value of the cell's `background` property, set through the CSS object model (no `style`
/// attribute, which the page's Content-Security-Policy refuses).
fn tint(value: f64, scale: f64) -> String {
    if !value.is_finite() {
        return "repeating-linear-gradient(45deg, #eee, #eee 4px, #ddd 4px, #ddd 8px)".into();
    }
    if scale == 0.0 || value == 0.0 {
        return String::new();
    }
    let alpha = 0.08 + 0.47 * (value.abs() / scale).min(1.0);
    let (r, g, b) = if value > 0.0 { (0, 114, 178) } else { (213, 94, 0) };
    format!("rgba({r}, {g}, {b}, {alpha:.2})")
}
