//! The diagram as plain data: the units, edges and markers of one step, with their places,
//! values and roles. [`super::layout`] fills it from a walk; [`super::svg`] draws it.

use super::touch::{Flow, Matrix, Role};
use crate::stepper::quantity::Quantity;
use crate::stepper::Step;

/// A column of units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    Input,
    Hidden,
    Output,
}

impl Layer {
    /// Left to right.
    pub const ALL: [Layer; 3] = [Layer::Input, Layer::Hidden, Layer::Output];

    /// 0, 1 or 2, left to right.
    pub fn column(self) -> usize {
        match self {
            Layer::Input => 0,
            Layer::Hidden => 1,
            Layer::Output => 2,
        }
    }
}

/// A column's heading and extent.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub layer: Layer,
    pub x: f64,
    /// Number of units of the layer: d, d_h or m.
    pub units: usize,
    /// What its units print at this step (`None`: not computed yet).
    pub quantity: Option<Quantity>,
    pub role: Role,
    /// Centre of the first and last row.
    pub first_y: f64,
    pub last_y: f64,
}

/// One unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub layer: Layer,
    /// Index in its layer, from 0 (j for x_j, and k = y for the true class).
    pub index: usize,
    pub x: f64,
    pub y: f64,
    /// The value of its column's quantity, e.g. h^s_j or ∂L/∂o^a_k.
    pub value: Option<f64>,
    /// |value| relative to the largest in its column, in [0, 1]: how strongly it is tinted.
    pub tint: f64,
    pub role: Role,
    /// A hidden unit with h^a ≤ 0, once h^s is known: rect lets nothing through.
    pub inactive: bool,
    /// An inactive unit at (n): its gradient ∂L/∂h^a is blocked (zero).
    pub blocked: bool,
    /// The output of the true class y.
    pub target: bool,
}

/// One weight, drawn from unit `from` to unit `to` (indices into [`Diagram::nodes`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub matrix: Matrix,
    pub from: usize,
    pub to: usize,
    /// Its entry (row, col) in the matrix: (k, j) for unit j → unit k.
    pub entry: (usize, usize),
    pub weight: f64,
    /// The gradient computed so far, ∂L/∂W or ∂R̃/∂W, in the backward pass and the update.
    pub grad: Option<(Quantity, f64)>,
    /// The value it is drawn from at this step (sign → colour, magnitude → width).
    pub value: f64,
    /// Stroke width, [`super::layout::MIN_WIDTH`] to [`super::layout::MAX_WIDTH`].
    pub width: f64,
    pub role: Role,
}

/// The "… N more" marker of a collapsed layer.
#[derive(Clone, Debug, PartialEq)]
pub struct Collapsed {
    pub layer: Layer,
    /// Number of units not drawn.
    pub count: usize,
    pub x: f64,
    pub y: f64,
}

/// The edges of the units not drawn, summarized as one quadrilateral from a marker to a
/// neighbouring column.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub matrix: Matrix,
    pub role: Role,
    pub points: [(f64, f64); 4],
}

/// Everything the drawing needs for one step.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    pub step: Step,
    pub flow: Flow,
    pub width: f64,
    pub height: f64,
    pub columns: Vec<Column>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub collapsed: Vec<Collapsed>,
    pub bands: Vec<Band>,
    /// What the W⁽¹⁾ and W⁽²⁾ edges are drawn from, and how the step uses them.
    pub edge_quantities: [Quantity; 2],
    pub weight_roles: [Role; 2],
    /// L, shown at (d) only.
    pub loss: Option<f64>,
}

impl Diagram {
    /// d, d_h and m.
    pub fn sizes(&self) -> [usize; 3] {
        [0, 1, 2].map(|c| self.columns.get(c).map_or(0, |col| col.units))
    }
}
