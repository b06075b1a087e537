//! The SGD steps (f): take the next minibatch B of the epoch's order, compute
//! `g = ∇_θ [(1/|B|) Σ_B L + λ(ΣW1² + ΣW2²)]` in the workspace, then `θ ← θ − η g`
//! (or, with mistakes switched on, the mistaken gradient and update; see [`super::mistaken`]).
//!
//! After each step the loss and θ are checked for divergence (see [`Divergence`]); at the end
//! of an epoch the three sets are evaluated, the record is appended, the full training-set
//! gradient norm is computed for the stopping test, the order is reshuffled, and a network whose
//! hidden units are all dead is reported.

use rand::seq::SliceRandom;

use super::mistaken::mistaken_gradient;
use super::{Divergence, EpochRecord, Trainer, HISTORY_CHUNK, HISTORY_LIMIT, LOSS_LIMIT, PARAM_LIMIT};
use crate::mistakes::Mistake;
use crate::params::Params;
use crate::rule::UpdateRule;

impl Trainer {
    /// One step on the next single example (K = 1, whatever the configured K). Returns that
    /// example's loss L(x, y) before the step.
    pub fn step_example(&mut self) -> Result<f64, Divergence> {
        let result = self.step(1);
        self.store_kernel();
        result
    }

    /// One step on the next K examples of the epoch's order (fewer at the end of an epoch).
    /// Returns the minibatch's mean loss before the step.
    pub fn step_minibatch(&mut self) -> Result<f64, Divergence> {
        let result = self.step(self.config.batch_size);
        self.store_kernel();
        result
    }

    /// Size of the next [`step_minibatch`](Self::step_minibatch): `min(K, examples left in
    /// the epoch)`.
    pub fn next_batch_len(&self) -> usize {
        self.config.batch_size.min(self.order.len() - self.cursor)
    }

    /// Steps on minibatches until the epoch in progress ends; returns its record.
    pub fn run_epoch(&mut self) -> Result<&EpochRecord, Divergence> {
        let target = self.epoch + 1;
        let mut result = Ok(());
        while self.epoch < target && result.is_ok() {
            result = self.step(self.config.batch_size).map(|_| ());
        }
        self.store_kernel();
        result?;
        // The history always holds at least record 0, pushed by `new`.
        Ok(self.history.last().expect("history starts with record 0"))
    }

    /// Steps on minibatches until at least `n` examples have been used (`n` = 0: none), for a
    /// player with a time budget. Returns how many examples were used (≥ n by less than K).
    pub fn train_examples(&mut self, n: usize) -> Result<usize, Divergence> {
        let mut done = 0;
        let mut result = Ok(());
        while done < n && result.is_ok() {
            let k = self.next_batch_len();
            result = self.step(self.config.batch_size).map(|_| ());
            done += k;
        }
        self.store_kernel();
        result.map(|()| done)
    }

    /// The step itself on `min(k, left)` examples; `k ≥ 1` and `cursor < order.len()` hold.
    /// Leaves the new θ in the kernel: the public callers store it into `params`.
    fn step(&mut self, k: usize) -> Result<f64, Divergence> {
        if let Some(divergence) = &self.diverged {
            return Err(divergence.clone());
        }
        if self.mistakes.alters_gradient() || self.config.rule != UpdateRule::Sgd {
            self.store_kernel();
        }
        let end = self.cursor + k.min(self.order.len() - self.cursor);
        let rows = &self.order[self.cursor..end];
        let (xs, ys, penalty) = (&self.train.xs, &self.train.ys, self.config.penalty);
        let (loss, max_abs) = if self.mistakes.alters_gradient() {
            let (mistakes, set) = (self.mistakes, &self.train);
            let loss =
                mistaken_gradient(&self.params, set, rows, penalty, mistakes, &mut self.grads);
            if loss.is_finite() {
                // (f) θ ← θ − η ∇_θ R̃ (+ with gradient ascent) by the rule; a NaN loss is not
                // applied, so θ stays inspectable.
                let (rule, eta) = (self.config.rule, self.config.eta);
                self.rule_state.apply(rule, &mut self.params, &self.grads, eta, penalty, self.mistakes);
            }
            self.kernel_in_sync = false;
            (loss, self.params.max_abs())
        } else if self.config.rule != UpdateRule::Sgd {
            // Momentum, Nesterov, Adam: the kernel's minibatch gradient, the penalty's terms,
            // then the rule on θ as `Params` holds it (the kernel takes θ back at the next step).
            if !self.kernel_in_sync {
                self.kernel.load(&self.params);
            }
            let loss = self.kernel.gradient(xs, ys, rows, &mut self.grads);
            if loss.is_finite() {
                penalty.add_gradient(&self.params, &mut self.grads);
                let (rule, eta) = (self.config.rule, self.config.eta);
                self.rule_state.apply(rule, &mut self.params, &self.grads, eta, penalty, self.mistakes);
            }
            self.kernel_in_sync = false;
            (loss, self.params.max_abs())
        } else {
            if !self.kernel_in_sync {
                self.kernel.load(&self.params);
                self.kernel_in_sync = true;
            }
            let ascent = self.mistakes.contains(Mistake::GradientAscent);
            let eta = if ascent { -self.config.eta } else { self.config.eta };
            let outcome = self.kernel.step(xs, ys, rows, eta, penalty);
            self.kernel_ahead = true;
            (outcome.loss, outcome.max_abs)
        };
        self.examples_seen += rows.len();
        self.cursor = end;
        self.step_in_epoch += 1;
        if let Err(divergence) = self.check_divergence(loss, max_abs) {
            self.record_divergence();
            if self.cursor == self.order.len() {
                // The epoch's last step diverged: training stopped inside the epoch, which is
                // not recorded; it starts over, in a fresh order, once new parameters are set.
                self.new_order();
            }
            return Err(divergence);
        }
        if self.cursor == self.order.len() {
            self.store_kernel();
            self.end_epoch()?;
        }
        Ok(loss)
    }

    /// Copies θ from the kernel into `params` if the kernel has stepped since the last copy.
    fn store_kernel(&mut self) {
        if self.kernel_ahead {
            self.kernel.store(&mut self.params);
            self.kernel_ahead = false;
        }
    }

    /// Flags the step as diverged if the loss or θ is non-finite or beyond the limits.
    fn check_divergence(&mut self, loss: f64, max_abs: f64) -> Result<(), Divergence> {
        let epoch = self.epoch + 1;
        let divergence = if !loss.is_finite() || !max_abs.is_finite() {
            Divergence::NonFinite {
                epoch,
                step: self.step_in_epoch,
            }
        } else if loss > LOSS_LIMIT || max_abs > PARAM_LIMIT {
            Divergence::Exploding { epoch, loss }
        } else {
            return Ok(());
        };
        self.diverged = Some(divergence.clone());
        Err(divergence)
    }

    /// Appends the record of the network as it diverged, labelled with the epoch in progress
    /// (its losses may be huge or not finite: that is what it records).
    fn record_divergence(&mut self) {
        self.store_kernel();
        let mut record = self.evaluate();
        record.epoch = self.epoch + 1;
        self.history.push(record);
        self.divergence_recorded = true;
    }

    /// Evaluates the three sets, appends the record, computes the full gradient norm and starts
    /// the next epoch; then reports a dead network.
    fn end_epoch(&mut self) -> Result<(), Divergence> {
        self.epoch += 1;
        if self.epoch % self.record_every != 0 {
            // A long run keeps every `record_every`-th epoch only (see HISTORY_LIMIT): the
            // others are not evaluated at all.
            self.new_order();
            return Ok(());
        }
        // (f) stops on η‖∇_θ R̃‖ with R̃ the training objective: its gradient over every row,
        // whose pass also gives the training loss and error of the record (as `evaluate` would).
        let (xs, ys) = (&self.train.xs, &self.train.ys);
        let (rows, grads, penalty) = (&self.all_rows, &mut self.grads, self.config.penalty);
        let (loss, error) = if self.stopping_test {
            let (loss, error) =
                self.workspace
                    .gradient_and_error(&self.params, xs, ys, rows, penalty, grads);
            self.grad_norm = Some(norm(&self.grads));
            (loss, error)
        } else {
            self.workspace.evaluate(&self.params, xs, ys)
        };
        let record = self.record(loss, error);
        let dead = record.dead_units == self.params.shape().d_h;
        if self.history.len() == self.history.capacity() {
            // The only allocation of the training loop: once every HISTORY_CHUNK epochs.
            self.history.reserve(HISTORY_CHUNK);
        }
        self.history.push(record);
        if self.history.len() >= HISTORY_LIMIT {
            // Half the resolution, for the whole run: keep the epochs that are multiples of
            // twice the stride (epoch 0 among them), and from now on evaluate only those.
            self.record_every *= 2;
            let (every, kept) = (self.record_every, self.kept);
            self.history.retain(|r| r.epoch % every == 0 || Some(r.epoch) == kept);
        }
        self.new_order();
        if dead {
            let divergence = Divergence::DeadNetwork { epoch: self.epoch };
            self.diverged = Some(divergence.clone());
            return Err(divergence);
        }
        Ok(())
    }

    /// Reshuffles the training rows for the next epoch and rewinds to its first step.
    fn new_order(&mut self) {
        self.order.shuffle(&mut self.rng);
        self.cursor = 0;
        self.step_in_epoch = 0;
    }
}

/// ‖g‖ = √(ΣW1² + Σb1² + ΣW2² + Σb2²), over all n_θ parameters.
fn norm(g: &Params) -> f64 {
    (g.w1.norm_squared() + g.b1.norm_squared() + g.w2.norm_squared() + g.b2.norm_squared()).sqrt()
}
