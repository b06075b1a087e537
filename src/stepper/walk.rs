//! One example walked through the network: every value the stepper shows, computed once by
//! the math crate from the network's current parameters.

use mlp::{backward_with, forward, forward_with, Forward, Gradients, Mistakes, Params, Penalty, RuleState, ShapeError, UpdateRule};
use nalgebra::DVector;

/// Where the walked example comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum ExampleSource {
    /// The training example with this index.
    Train(usize),
    /// The validation example with this index (picked in the digits' gallery).
    Valid(usize),
    /// The test example with this index (picked in the digits' gallery).
    Test(usize),
    /// An example typed by hand: x (d numbers) and y.
    Typed { x: Vec<f64>, y: usize },
}

impl Default for ExampleSource {
    fn default() -> Self {
        ExampleSource::Train(0)
    }
}

/// The example and the network the walk is about.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    pub params: Params,
    /// One input, of length d.
    pub x: DVector<f64>,
    /// Its class, in 0..m.
    pub y: usize,
    /// The penalty Ω of (r).
    pub penalty: Penalty,
    /// The update rule of (f); the walk takes its first step, from its state at 0.
    pub rule: UpdateRule,
    /// The learning rate of the update step (f).
    pub eta: f64,
    /// The common mistakes switched on: the walk computes what the mistaken code computes.
    pub mistakes: Mistakes,
}

/// Every value of the walk: forward (a)–(d), backward (g)–(r) and one update (f).
#[derive(Clone, Debug, PartialEq)]
pub struct Walk {
    pub example: Example,
    pub fwd: Forward,
    /// Ω(θ), the penalty of (r), before the update.
    pub omega: f64,
    pub grads: Gradients,
    /// ∇_θ R̃, the gradient the update uses: (r) for the weights, (j), (p) for the biases.
    pub regularized: Params,
    /// θ − η ∇_θ R̃ (with the L1 term's proximal step, [`mlp::sgd`]): the parameters after the
    /// update (f).
    pub updated: Params,
    /// L on this example with the updated parameters.
    pub loss_after: f64,
}

impl Walk {
    /// Computes the whole walk; fails only when the example does not fit the network.
    /// With mistakes on, the forward, backward and update steps are the mistaken ones; the
    /// loss after the update is always the true one, which is how the mistake shows.
    pub fn new(example: Example) -> Result<Walk, ShapeError> {
        let Example { params, x, y, penalty, rule, eta, mistakes } = &example;
        let fwd = forward_with(params, x, *y, *mistakes)?;
        let grads = backward_with(params, &fwd, x, *y, *penalty, *mistakes);
        let regularized = grads.regularized();
        let mut updated = params.clone();
        // (f) by the rule, from its state at 0: the first step of a run with this rule.
        RuleState::default().apply(*rule, &mut updated, &regularized, *eta, *penalty, *mistakes);
        let loss_after = forward(&updated, x, *y)?.loss;
        let omega = penalty.value(params);
        Ok(Walk { fwd, omega, grads, regularized, updated, loss_after, example })
    }

    /// The true regularized objective on this example before the update: L + Ω.
    pub fn objective(&self) -> f64 {
        let Example { params, x, y, .. } = &self.example;
        forward(params, x, *y).map(|f| f.loss).unwrap_or(f64::NAN) + self.omega
    }

    /// The regularized objective after the update.
    pub fn objective_after(&self) -> f64 {
        self.loss_after + self.example.penalty.value(&self.updated)
    }
}
