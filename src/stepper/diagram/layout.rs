//! Lays out the diagram of one step: where each unit and edge goes, which value it shows and
//! how the step uses it. No browser and no markup here, so it is tested natively.
//!
//! Three columns, left to right: the d inputs x, the d_h hidden units and the m outputs.
//! Edge i → j of W⁽¹⁾ is entry (j, i) of the [d_h x d] matrix, edge j → k of W⁽²⁾ entry (k, j)
//! of the [m x d_h] one (i an input, j a hidden unit, k a class, as in the equations).
//! A layer of more than [`MAX_DRAWN`] units shows its first twelve and last three units and a
//! "… N more" marker; the edges of the units not drawn become one faint band per neighbour,
//! so the drawing stays small for any d_h.

use super::model::{Band, Collapsed, Column, Diagram, Edge, Layer, Node};
use super::touch::{shows_inactive, touch, Flow, Matrix, Role, Touch};
use crate::stepper::{Step, Walk};

/// Width of the drawing, in viewBox units.
pub const WIDTH: f64 = 640.0;
/// Horizontal centre of the input, hidden and output columns.
const COLUMN_X: [f64; 3] = [120.0, 320.0, 520.0];
/// Room above the first row, for the column headings.
const TOP: f64 = 64.0;
/// Room below the last row, for the loss.
const BOTTOM: f64 = 36.0;
/// Radius of a unit's circle.
pub const RADIUS: f64 = 10.0;
/// A layer with more units than this is drawn collapsed.
pub const MAX_DRAWN: usize = 16;
/// Units drawn before and after the "… N more" marker of a collapsed layer.
const HEAD: usize = 12;
const TAIL: usize = 3;
/// Thinnest and thickest edge, for |value| = 0 and for the largest |value| of its matrix.
pub const MIN_WIDTH: f64 = 0.5;
pub const MAX_WIDTH: f64 = 5.0;
/// Width of the "… N more" marker.
pub const MORE_WIDTH: f64 = 170.0;

/// One row of a column: a unit (by its index in the layer) or the "… N more" marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Unit(usize),
    More(usize),
}

/// The rows a layer of `n` units is drawn with: all of them up to [`MAX_DRAWN`], else the
/// first twelve, a marker for the `n − 15` others and the last three.
pub fn rows(n: usize) -> Vec<Row> {
    if n <= MAX_DRAWN {
        return (0..n).map(Row::Unit).collect();
    }
    let head = (0..HEAD).map(Row::Unit);
    let tail = (n - TAIL..n).map(Row::Unit);
    head.chain([Row::More(n - HEAD - TAIL)]).chain(tail).collect()
}

/// Lays out the network of `walk` as step `step` shows it.
pub fn layout(walk: &Walk, step: Step) -> Diagram {
    let touched = touch(step);
    let sizes = [walk.example.x.len(), walk.fwd.h_a.len(), walk.fwd.o_a.len()];
    let layer_rows = sizes.map(rows);
    let max_rows = layer_rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let spacing = if max_rows <= 8 { 44.0 } else { 32.0 };
    let mut diagram = Diagram {
        step,
        flow: Flow::of(step),
        width: WIDTH,
        height: TOP + max_rows as f64 * spacing + BOTTOM,
        columns: Vec::new(),
        nodes: Vec::new(),
        edges: Vec::new(),
        collapsed: Vec::new(),
        bands: Vec::new(),
        edge_quantities: touched.edges,
        weight_roles: touched.weights,
        loss: (step == Step::Loss).then_some(walk.fwd.loss),
    };
    // Each column is centred on the tallest one.
    let drawn = Layer::ALL.map(|layer| {
        let rows = &layer_rows[layer.column()];
        let offset = (max_rows - rows.len()) as f64 * spacing / 2.0;
        let ys: Vec<f64> =
            (0..rows.len()).map(|i| TOP + offset + (i as f64 + 0.5) * spacing).collect();
        place_column(&mut diagram, walk, &touched, layer, rows, &ys)
    });
    let [inputs, hidden, outputs] = &drawn;
    add_edges(&mut diagram, walk, &touched, Matrix::W1, inputs, hidden);
    add_edges(&mut diagram, walk, &touched, Matrix::W2, hidden, outputs);
    add_bands(&mut diagram);
    diagram
}

/// Adds one column's heading, units and marker; returns (unit, node index) of its units.
fn place_column(
    diagram: &mut Diagram,
    walk: &Walk,
    touched: &Touch,
    layer: Layer,
    rows: &[Row],
    ys: &[f64],
) -> Vec<(usize, usize)> {
    let c = layer.column();
    let x = COLUMN_X[c];
    let values = touched.shows[c].map(|q| q.value(walk));
    let scale = values.as_ref().map_or(0.0, |v| max_abs(v.iter()));
    diagram.columns.push(Column {
        layer,
        x,
        units: rows.iter().map(|row| if let Row::More(n) = row { *n } else { 1 }).sum(),
        quantity: touched.shows[c],
        role: touched.units[c],
        first_y: ys.first().copied().unwrap_or(TOP),
        last_y: ys.last().copied().unwrap_or(TOP),
    });
    let mut drawn = Vec::new();
    for (row, &y) in rows.iter().zip(ys) {
        match *row {
            Row::Unit(unit) => {
                let value = values.as_ref().and_then(|v| v.get((unit, 0)).copied());
                let mut node = unit_node(walk, diagram.step, layer, unit, touched.units[c]);
                (node.x, node.y, node.value) = (x, y, value);
                node.tint = value.map_or(0.0, |v| relative(v, scale));
                drawn.push((unit, diagram.nodes.len()));
                diagram.nodes.push(node);
            }
            Row::More(count) => diagram.collapsed.push(Collapsed { layer, count, x, y }),
        }
    }
    drawn
}

/// Unit `unit` of `layer`, which the step uses as `role`, before it is placed and given its
/// value.
fn unit_node(walk: &Walk, step: Step, layer: Layer, unit: usize, role: Role) -> Node {
    // 1{h^a > 0} is 0 at h^a = 0 (and for NaN): such a unit is inactive.
    let active = walk.fwd.h_a.get(unit).is_some_and(|&h_a| h_a > 0.0);
    let inactive = layer == Layer::Hidden && shows_inactive(step) && !active;
    let target = layer == Layer::Output && unit == walk.example.y;
    Node {
        layer,
        index: unit,
        x: 0.0,
        y: 0.0,
        value: None,
        tint: 0.0,
        role: if target && step == Step::Loss { Role::Focus } else { role },
        inactive,
        blocked: inactive && step == Step::GradHiddenActivation,
        target,
    }
}

/// Adds the edges of `matrix` between the drawn units `from` and `to`.
fn add_edges(
    diagram: &mut Diagram,
    walk: &Walk,
    touched: &Touch,
    matrix: Matrix,
    from: &[(usize, usize)],
    to: &[(usize, usize)],
) {
    let m = matrix.index();
    let values = touched.edges[m].value(walk);
    let weights = matrix.weights().value(walk);
    let known = matrix.known_grad(diagram.step).map(|q| (q, q.value(walk)));
    // Widths are relative to the whole matrix, units not drawn included.
    let scale = max_abs(values.iter());
    for &(j, from) in from {
        for &(k, to) in to {
            let value = values.get((k, j)).copied().unwrap_or(0.0);
            diagram.edges.push(Edge {
                matrix,
                from,
                to,
                entry: (k, j),
                weight: weights.get((k, j)).copied().unwrap_or(0.0),
                grad: known.as_ref().and_then(|(q, g)| g.get((k, j)).map(|&g| (*q, g))),
                value,
                width: MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * relative(value, scale),
                role: touched.weights[m],
            });
        }
    }
}

/// One band from each "… N more" marker to each neighbouring column.
fn add_bands(diagram: &mut Diagram) {
    let mut bands = Vec::new();
    for more in &diagram.collapsed {
        for &(other, matrix) in neighbours(more.layer) {
            let Some(column) = diagram.columns.get(other) else {
                continue;
            };
            // The band ends on the side of the neighbour's circles that faces the marker.
            let side = if column.x < more.x { RADIUS } else { -RADIUS };
            bands.push(Band {
                matrix,
                role: diagram.weight_roles[matrix.index()],
                points: [
                    (column.x + side, column.first_y),
                    (column.x + side, column.last_y),
                    (more.x, more.y + 6.0),
                    (more.x, more.y - 6.0),
                ],
            });
        }
    }
    diagram.bands = bands;
}

/// The columns next to `layer`, with the matrix whose edges join them.
fn neighbours(layer: Layer) -> &'static [(usize, Matrix)] {
    match layer {
        Layer::Input => &[(1, Matrix::W1)],
        Layer::Hidden => &[(0, Matrix::W1), (2, Matrix::W2)],
        Layer::Output => &[(1, Matrix::W2)],
    }
}

/// The largest finite |v|, 0 if there is none.
fn max_abs<'a>(values: impl Iterator<Item = &'a f64>) -> f64 {
    values.filter(|v| v.is_finite()).fold(0.0, |max, v| max.max(v.abs()))
}

/// |v| / scale in [0, 1]; 0 when the scale is 0 or v is not finite.
fn relative(v: f64, scale: f64) -> f64 {
    if scale > 0.0 && v.is_finite() {
        (v.abs() / scale).clamp(0.0, 1.0)
    } else {
        0.0
    }
}
