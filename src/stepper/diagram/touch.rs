//! What each step of the walk shows on the diagram and what it touches: which quantity each
//! column of units prints, which quantity the edges of W⁽¹⁾ and W⁽²⁾ are drawn from, and
//! which parts the step reads or writes.
//!
//! This is the one table that ties the course's equations to the picture; the rest of the
//! diagram is geometry. For example (l) `∂L/∂h^s = W⁽²⁾ᵀ ∂L/∂o^a` reads the outputs' ∂L/∂o^a
//! and the weights W⁽²⁾, and writes the hidden units' ∂L/∂h^s.

use crate::stepper::quantity::Quantity;
use crate::stepper::{Phase, Step};

/// How a step uses a part of the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Not used by this step.
    Idle,
    /// An operand of this step's equation.
    Read,
    /// Computed by this step.
    Written,
    /// The one value the step is about (o^s_y in (d)).
    Focus,
}

/// The two weight matrices; every edge belongs to one of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matrix {
    /// W⁽¹⁾ [d_h x d]: input j → hidden k is entry (k, j).
    W1,
    /// W⁽²⁾ [m x d_h]: hidden j → output k is entry (k, j).
    W2,
}

impl Matrix {
    /// 0 for W⁽¹⁾, 1 for W⁽²⁾: the index in [`Touch::edges`] and [`Touch::weights`].
    pub fn index(self) -> usize {
        match self {
            Matrix::W1 => 0,
            Matrix::W2 => 1,
        }
    }

    /// The weights themselves.
    pub fn weights(self) -> Quantity {
        match self {
            Matrix::W1 => Quantity::W1,
            Matrix::W2 => Quantity::W2,
        }
    }

    /// The gradient of this matrix already computed at `step`, if any: ∂L/∂W from (j) or (p)
    /// on, ∂R̃/∂W = ∂L/∂W + 2λW from (r) on.
    pub fn known_grad(self, step: Step) -> Option<Quantity> {
        let (grad, reg) = match self {
            Matrix::W1 => ((Step::GradW1, Quantity::GradW1), (Step::RegW1, Quantity::RegW1)),
            Matrix::W2 => ((Step::GradW2, Quantity::GradW2), (Step::RegW2, Quantity::RegW2)),
        };
        [reg, grad].into_iter().find(|(from, _)| step.index() >= from.index()).map(|(_, q)| q)
    }
}

/// What one step shows and touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Touch {
    /// What the input, hidden and output columns print (`None`: not computed yet).
    pub shows: [Option<Quantity>; 3],
    /// How the step uses the input, hidden and output columns.
    pub units: [Role; 3],
    /// What the W⁽¹⁾ and W⁽²⁾ edges are drawn from.
    pub edges: [Quantity; 2],
    /// How the step uses the W⁽¹⁾ and W⁽²⁾ edges.
    pub weights: [Role; 2],
}

/// What `step` shows and touches: one line per step, in walk order.
#[rustfmt::skip]
pub fn touch(step: Step) -> Touch {
    use Quantity as Q;
    use Role::{Idle as I, Read as R, Written as W};
    let [x, ha, hs, oa, os] =
        [Q::X, Q::HiddenActivation, Q::HiddenOutput, Q::OutputActivation, Q::Softmax].map(Some);
    let [g_oa, g_hs, g_ha, g_x] =
        [Q::GradOutputActivation, Q::GradHiddenOutput, Q::GradHiddenActivation, Q::GradX].map(Some);
    let [g_b2, g_b1, new_b1, new_b2] = [Q::GradB2, Q::GradB1, Q::NewB1, Q::NewB2].map(Some);
    let (shows, units, weights) = match step {
        //                                 shows x, h, o         units      W⁽¹⁾ W⁽²⁾
        // (a)–(d): the values appear column by column, left to right.
        Step::HiddenActivation =>     ([x, ha, None],        [R, W, I], [R, I]),
        Step::HiddenOutput =>         ([x, hs, None],        [I, W, I], [I, I]),
        Step::OutputActivation =>     ([x, hs, oa],          [I, R, W], [I, R]),
        Step::Softmax =>              ([x, hs, os],          [I, I, W], [I, I]),
        // (d) reads o^s_y above all: the layout makes y's unit the focus.
        Step::Loss =>                 ([x, hs, os],          [I, I, R], [I, I]),
        // (g)–(r): the gradients replace the values, right to left.
        Step::GradOutputActivation => ([x, hs, g_oa],        [I, I, W], [I, I]),
        Step::GradW2 =>               ([x, hs, g_oa],        [I, R, R], [I, W]),
        Step::GradB2 =>               ([x, hs, g_b2],        [I, I, W], [I, I]),
        Step::GradHiddenOutput =>     ([x, g_hs, g_oa],      [I, W, R], [I, R]),
        Step::GradHiddenActivation => ([x, g_ha, g_oa],      [I, W, I], [I, I]),
        Step::GradW1 =>               ([x, g_ha, g_oa],      [R, R, I], [W, I]),
        Step::GradB1 =>               ([x, g_b1, g_oa],      [I, W, I], [I, I]),
        Step::GradInput =>            ([g_x, g_ha, g_oa],    [W, R, I], [R, I]),
        Step::RegW1 =>                ([g_x, g_ha, g_oa],    [I, I, I], [W, I]),
        Step::RegW2 =>                ([g_x, g_ha, g_oa],    [I, I, I], [I, W]),
        // (f): every parameter changes; the units print their new biases.
        Step::Update =>               ([x, new_b1, new_b2],  [I, W, W], [W, W]),
    };
    Touch { shows, units, edges: [Matrix::W1, Matrix::W2].map(|m| edge_quantity(step, m)), weights }
}

/// Edges are drawn from a gradient only at the step that computes it, and from the new
/// weights at (f); otherwise from the weights themselves.
fn edge_quantity(step: Step, matrix: Matrix) -> Quantity {
    use Quantity as Q;
    match (step, matrix) {
        (Step::GradW1, Matrix::W1) => Q::GradW1,
        (Step::GradW2, Matrix::W2) => Q::GradW2,
        (Step::RegW1, Matrix::W1) => Q::RegW1,
        (Step::RegW2, Matrix::W2) => Q::RegW2,
        (Step::Update, Matrix::W1) => Q::NewW1,
        (Step::Update, Matrix::W2) => Q::NewW2,
        _ => matrix.weights(),
    }
}

/// Which way values move at a step.
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
