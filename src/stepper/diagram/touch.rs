//! What each step of the walk shows on the diagram and what it touches: which quantity each
//! column of units prints, which quantity the edges of W⁽¹⁾ and W⁽²⁾ are drawn from, and
//! which parts the step reads or writes.
//!
//! This is the one table that ties the course's equations to the picture; everything else in
//! the diagram is geometry. For example (l) `∂L/∂hˢ = W⁽²⁾ᵀ ∂L/∂oᵃ` reads the outputs' ∂L/∂oᵃ
//! and the weights W⁽²⁾ and writes the hidden units' ∂L/∂hˢ.

use crate::stepper::{Phase, Step, Walk};
use nalgebra::{DMatrix, DVector};

/// How a step uses a part of the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Not used by this step.
    Idle,
    /// An input of this step's equation.
    Read,
    /// Computed by this step.
    Written,
    /// The one value the step is about (o^s_y in (d)).
    Focus,
}

impl Role {
    /// Read, written or in focus.
    pub fn is_active(self) -> bool {
        self != Role::Idle
    }
}

/// The quantity a column of units prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    X,
    HA,
    HS,
    OA,
    OS,
    GradOA,
    GradB2,
    GradHS,
    GradHA,
    GradB1,
    GradX,
    /// b⁽¹⁾ after the update (f).
    NewB1,
    /// b⁽²⁾ after the update (f).
    NewB2,
}

impl Quantity {
    /// Its values in `walk`, one per unit of its column.
    pub fn values(self, walk: &Walk) -> &DVector<f64> {
        let (fwd, grads) = (&walk.fwd, &walk.grads);
        match self {
            Quantity::X => &walk.example.x,
            Quantity::HA => &fwd.h_a,
            Quantity::HS => &fwd.h_s,
            Quantity::OA => &fwd.o_a,
            Quantity::OS => &fwd.o_s,
            Quantity::GradOA => &grads.o_a,
            Quantity::GradB2 => &grads.b2,
            Quantity::GradHS => &grads.h_s,
            Quantity::GradHA => &grads.h_a,
            Quantity::GradB1 => &grads.b1,
            Quantity::GradX => &grads.x,
            Quantity::NewB1 => &walk.updated.b1,
            Quantity::NewB2 => &walk.updated.b2,
        }
    }
}

/// The quantity the edges of one weight matrix are drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeQuantity {
    /// The weight W.
    Weight,
    /// ∂L/∂W, (j) or (p).
    Grad,
    /// ∂R̃/∂W = ∂L/∂W + 2λW, (r).
    RegGrad,
    /// W − η ∂R̃/∂W, after the update (f).
    Updated,
}

/// The two weight matrices; an edge belongs to one of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matrix {
    /// W⁽¹⁾ [d_h x d]: input j → hidden k is entry (k, j).
    W1,
    /// W⁽²⁾ [m x d_h]: hidden j → output k is entry (k, j).
    W2,
}

impl Matrix {
    /// The values of `quantity` for this matrix in `walk`.
    pub fn values(self, quantity: EdgeQuantity, walk: &Walk) -> &DMatrix<f64> {
        let (params, grads, updated) = (&walk.example.params, &walk.grads, &walk.updated);
        match (self, quantity) {
            (Matrix::W1, EdgeQuantity::Weight) => &params.w1,
            (Matrix::W1, EdgeQuantity::Grad) => &grads.w1,
            (Matrix::W1, EdgeQuantity::RegGrad) => &grads.w1_reg,
            (Matrix::W1, EdgeQuantity::Updated) => &updated.w1,
            (Matrix::W2, EdgeQuantity::Weight) => &params.w2,
            (Matrix::W2, EdgeQuantity::Grad) => &grads.w2,
            (Matrix::W2, EdgeQuantity::RegGrad) => &grads.w2_reg,
            (Matrix::W2, EdgeQuantity::Updated) => &updated.w2,
        }
    }

    /// The gradient of this matrix already computed at `step`, if any: ∂L/∂W from (j)/(p)
    /// on, ∂R̃/∂W from (r) on.
    pub fn known_grad(self, step: Step) -> Option<EdgeQuantity> {
        let (grad, reg) = match self {
            Matrix::W1 => (Step::GradW1, Step::RegW1),
            Matrix::W2 => (Step::GradW2, Step::RegW2),
        };
        if step.index() >= reg.index() {
            Some(EdgeQuantity::RegGrad)
        } else if step.index() >= grad.index() {
            Some(EdgeQuantity::Grad)
        } else {
            None
        }
    }
}

/// What one step shows and touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Touch {
    /// Quantity printed by the input, hidden and output columns (`None`: not computed yet).
    pub shows: [Option<Quantity>; 3],
    /// Role of the input, hidden and output columns.
    pub units: [Role; 3],
    /// Quantity the W⁽¹⁾ and W⁽²⁾ edges are drawn from.
    pub edges: [EdgeQuantity; 2],
    /// Role of the W⁽¹⁾ and W⁽²⁾ edges.
    pub weights: [Role; 2],
}

/// What `step` shows and touches; see the table in the body.
#[rustfmt::skip]
pub fn touch(step: Step) -> Touch {
    use Quantity as Q;
    use Role::{Idle as I, Read as R, Written as W};
    let (shows, units, weights) = match step {
        // (a)–(d): values appear column by column, left to right.
        Step::HiddenActivation => ([Some(Q::X), Some(Q::HA), None], [R, W, I], [R, I]),
        Step::HiddenOutput => ([Some(Q::X), Some(Q::HS), None], [I, W, I], [I, I]),
        Step::OutputActivation => ([Some(Q::X), Some(Q::HS), Some(Q::OA)], [I, R, W], [I, R]),
        Step::Softmax => ([Some(Q::X), Some(Q::HS), Some(Q::OS)], [I, I, W], [I, I]),
        // (d) reads o^s_y above all: the layout marks y's unit as the focus.
        Step::Loss => ([Some(Q::X), Some(Q::HS), Some(Q::OS)], [I, I, R], [I, I]),
        // (g)–(r): gradients replace the values right to left.
        Step::GradOutputActivation => ([Some(Q::X), Some(Q::HS), Some(Q::GradOA)], [I, I, W], [I, I]),
        Step::GradW2 => ([Some(Q::X), Some(Q::HS), Some(Q::GradOA)], [I, R, R], [I, W]),
        Step::GradB2 => ([Some(Q::X), Some(Q::HS), Some(Q::GradB2)], [I, I, W], [I, I]),
        Step::GradHiddenOutput => ([Some(Q::X), Some(Q::GradHS), Some(Q::GradOA)], [I, W, R], [I, R]),
        Step::GradHiddenActivation => ([Some(Q::X), Some(Q::GradHA), Some(Q::GradOA)], [I, W, I], [I, I]),
        Step::GradW1 => ([Some(Q::X), Some(Q::GradHA), Some(Q::GradOA)], [R, R, I], [W, I]),
        Step::GradB1 => ([Some(Q::X), Some(Q::GradB1), Some(Q::GradOA)], [I, W, I], [I, I]),
        Step::GradInput => ([Some(Q::GradX), Some(Q::GradHA), Some(Q::GradOA)], [W, R, I], [R, I]),
        Step::RegW1 => ([Some(Q::GradX), Some(Q::GradHA), Some(Q::GradOA)], [I, I, I], [W, I]),
        Step::RegW2 => ([Some(Q::GradX), Some(Q::GradHA), Some(Q::GradOA)], [I, I, I], [I, W]),
        // (f): every parameter changes; units print their new biases.
        Step::Update => ([Some(Q::X), Some(Q::NewB1), Some(Q::NewB2)], [I, W, W], [W, W]),
    };
    Touch { shows, units, edges: [edge_quantity(step, Matrix::W1), edge_quantity(step, Matrix::W2)], weights }
}

/// Edges show a gradient only at the step that computes it, and the new weights at (f);
/// otherwise the weights themselves.
fn edge_quantity(step: Step, matrix: Matrix) -> EdgeQuantity {
    match (step, matrix) {
        (Step::GradW1, Matrix::W1) | (Step::GradW2, Matrix::W2) => EdgeQuantity::Grad,
        (Step::RegW1, Matrix::W1) | (Step::RegW2, Matrix::W2) => EdgeQuantity::RegGrad,
        (Step::Update, _) => EdgeQuantity::Updated,
        _ => EdgeQuantity::Weight,
    }
}

/// Which way values move at `step`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Forward pass: left to right.
    Forward,
    /// Backward pass: right to left.
    Backward,
    /// The update (f): every parameter changes in place.
    Update,
}

impl Flow {
    /// The flow of `step`'s phase.
    pub fn of(step: Step) -> Flow {
        match step.phase() {
            Phase::Forward => Flow::Forward,
            Phase::Backward => Flow::Backward,
            Phase::Update => Flow::Update,
        }
    }
}

/// Whether hidden units with h^a ≤ 0 are known to be inactive at `step`: from (a) h^s on.
pub fn shows_inactive(step: Step) -> bool {
    step.index() >= Step::HiddenOutput.index()
}
