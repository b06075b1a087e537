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

use super::app::LangSignal;
use crate::i18n::a11y::{dim_word, header_text};
use crate::i18n::stepper::StepperMsg;
use crate::i18n::{t, Lang};
use crate::mathml::math;
use crate::stepper::format::{full, number};
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
    // The values, compared with the previous ones: a new walk that leaves this quantity as it
    // was (a change of λ leaves the forward pass alone) costs this table nothing.
    let values = Memo::new(move |_| walk.with(|w| w.as_ref().map(|w| quantity.value(w))));
    // The table's cells are built again only for another shape, fold or language; new values
    // update the cells in place (text, tint, attributes), highlights and the selection too.
    let layout = Memo::new(move |_| values.with(|v| v.as_ref().map(DMatrix::shape)));
    let scale = Memo::new(move |_| {
        values.with(|v| v.as_ref().map_or(0.0, |m| m.iter().filter(|v| v.is_finite()).fold(0.0_f64, |s, v| s.max(v.abs()))))
    });
    let shape = move || layout.get().map(|(r, c)| shape_text(quantity, r, c));
    let table = move || {
        let (rows, cols) = layout.get()?;
        let cells = CellsView { quantity, values, scale, highlight, selected, role, on_select, lang: lang.get() };
        Some(cells.table(rows, cols, expanded.get()))
    };
    let folded = move || {
        let (rows, cols) = layout.get()?;
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
        layout.track();
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
        </figure>
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

/// What a table needs to draw its cells.
struct CellsView {
    quantity: Quantity,
    values: Memo<Option<DMatrix<f64>>>,
    /// The largest finite magnitude of the table (the tint's full strength).
    scale: Memo<f64>,
    highlight: Signal<Cells>,
    selected: Signal<Option<(usize, usize)>>,
    role: Role,
    on_select: Option<Callback<(usize, usize)>>,
    /// The language of the headers a screen reader speaks.
    lang: Lang,
}

impl CellsView {
    fn table(&self, rows: usize, cols: usize, expanded: bool) -> impl IntoView {
        let show_rows = if expanded { rows } else { rows.min(FOLD) };
        let show_cols = if expanded { cols } else { cols.min(FOLD) };
        let (row_dim, col_dim) = self.quantity.dims();
        // The visible header is the index; a screen reader hears "hidden unit 3" instead.
        let head = |dim: Dim, i: usize| {
            view! { <span aria-hidden="true">{i}</span><span class="visually-hidden">{header_text(self.lang, dim, i)}</span> }
        };
        let header: Vec<_> = (0..show_cols).map(|c| view! { <th scope="col">{head(col_dim, c)}</th> }).collect();
        let body: Vec<_> = (0..show_rows)
            .map(|r| {
                let cells: Vec<_> = (0..show_cols).map(|c| self.cell(r, c)).collect();
                view! { <tr><th scope="row">{head(row_dim, r)}</th>{cells}</tr> }
            })
            .collect();
        let label = format!("{}, {}", name(self.lang, self.quantity), shape_text(self.quantity, rows, cols));
        view! {
            <table class="cells" aria-label=label>
                <thead><tr><th scope="col" class="corner"><span class="visually-hidden">{dim_word(self.lang, row_dim)}</span></th>{header}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
    }

    /// Cell (`r`, `c`), whose value, tint, highlight and selection follow the signals. A cell
    /// outside the values (for the moment between a new shape and the new table) is blank.
    fn cell(&self, r: usize, c: usize) -> impl IntoView + use<> {
        let (values, scale, highlight, selected, role) = (self.values, self.scale, self.highlight, self.selected, self.role);
        let value = move || values.with(|m| m.as_ref().and_then(|m| m.get((r, c)).copied()));
        let class = move || match (highlight.with(|h| h.contains(r, c)), role) {
            (true, Role::Read) => "cell read",
            (true, Role::Write) => "cell write",
            (false, _) => "cell",
        };
        let is_selected = move || selected.with(|s| *s == Some((r, c)));
        let style = move || value().map(|v| tint(v, scale.get())).unwrap_or_default();
        let shown = move || value().map(number).unwrap_or_default();
        let exact = move || value().map(full).unwrap_or_default();
        let id = format!("cell-{}-{r}-{c}", self.quantity.key());
        match self.on_select {
            Some(select) => view! {
                <td class=class class:selected=is_selected style:background=style data-value=exact>
                    <button type="button" id=id title=exact aria-pressed=move || if is_selected() { "true" } else { "false" }
                        on:click=move |_| select.run((r, c))>{shown}</button>
                </td>
            }
            .into_any(),
            None => view! { <td class=class id=id style:background=style data-value=exact title=exact>{shown}</td> }.into_any(),
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
