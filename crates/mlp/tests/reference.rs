//! Agreement with an independent reference: `fixtures/cases.json` (a copy of
//! `shared/reference/cases.json`) holds parameters, one example and every forward value and
//! gradient of math.md, computed by automatic differentiation in f64. Every case must match to
//! 1e-9 relative, through the one-example form, the matrix form with K = 1 and the workspace.

use mlp::batch::{batch_backward, batch_forward, Workspace};
use mlp::gradcheck::{gradient_check, DEFAULT_EPSILON};
use mlp::{backward, forward, Params};
use nalgebra::DMatrix;
mod fixture;

use fixture::{cases, RawParams};

/// Collects every mismatch so one run reports all of them, each with case, field and index.
#[derive(Default)]
struct Mismatches(Vec<String>);

impl Mismatches {
    fn scalar(&mut self, case: &str, field: &str, got: f64, want: f64) {
        // |a − b| ≤ 1e-9·max(|a|, |b|) + 1e-12 (false for NaN)
        let close = (got - want).abs() <= 1e-9 * got.abs().max(want.abs()) + 1e-12;
        if !close {
            self.0
                .push(format!("{case}: {field}: got {got:e}, expected {want:e}"));
        }
    }

    fn vector(&mut self, case: &str, field: &str, got: &[f64], want: &[f64]) {
        if got.len() != want.len() {
            let (g, w) = (got.len(), want.len());
            self.0
                .push(format!("{case}: {field}: {g} values, expected {w}"));
            return;
        }
        for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
            self.scalar(case, &format!("{field}[{i}]"), g, w);
        }
    }

    fn matrix(&mut self, case: &str, field: &str, got: &DMatrix<f64>, want: &[Vec<f64>]) {
        let want_shape = (want.len(), want.first().map_or(0, Vec::len));
        if got.shape() != want_shape {
            let msg = format!(
                "{case}: {field}: shape {:?}, expected {want_shape:?}",
                got.shape()
            );
            self.0.push(msg);
            return;
        }
        for (r, row) in want.iter().enumerate() {
            for (c, &w) in row.iter().enumerate() {
                self.scalar(case, &format!("{field}[{r}][{c}]"), got[(r, c)], w);
            }
        }
    }

    fn params(&mut self, case: &str, what: &str, got: &Params, want: &RawParams) {
        self.matrix(case, &format!("{what} W1"), &got.w1, &want.w1);
        self.vector(case, &format!("{what} b1"), got.b1.as_slice(), &want.b1);
        self.matrix(case, &format!("{what} W2"), &got.w2, &want.w2);
        self.vector(case, &format!("{what} b2"), got.b2.as_slice(), &want.b2);
    }

    fn assert_none(self) {
        assert!(
            self.0.is_empty(),
            "{} mismatches:\n{}",
            self.0.len(),
            self.0.join("\n")
        );
    }
}

/// Row `i` of a matrix as a Vec.
fn row(m: &DMatrix<f64>, i: usize) -> Vec<f64> {
    m.row(i).iter().copied().collect()
}

#[test]
fn forward_matches_reference() {
    let mut bad = Mismatches::default();
    for case in cases() {
        let (name, params) = (case.name(), case.params());
        let f = forward(&params, &case.x(), case.y).unwrap_or_else(|e| panic!("{name}: {e}"));
        let want = &case.forward;
        bad.vector(&name, "h_a", f.h_a.as_slice(), &want.h_a);
        bad.vector(&name, "h_s", f.h_s.as_slice(), &want.h_s);
        bad.vector(&name, "o_a", f.o_a.as_slice(), &want.o_a);
        bad.vector(&name, "o_s", f.o_s.as_slice(), &want.o_s);
        bad.scalar(&name, "loss", f.loss, want.loss);
        let regularized = f.loss + case.penalty().value(&params);
        bad.scalar(
            &name,
            "regularized_loss",
            regularized,
            want.regularized_loss,
        );
    }
    bad.assert_none();
}

#[test]
fn gradients_match_reference() {
    let mut bad = Mismatches::default();
    for case in cases() {
        let (name, params, x) = (case.name(), case.params(), case.x());
        let f = forward(&params, &x, case.y).unwrap_or_else(|e| panic!("{name}: {e}"));
        let g = backward(&params, &f, &x, case.y, case.penalty());
        let want = &case.gradients;
        bad.vector(&name, "grad o_a", g.o_a.as_slice(), &want.o_a);
        bad.matrix(&name, "grad W2", &g.w2, &want.w2);
        bad.vector(&name, "grad b2", g.b2.as_slice(), &want.b2);
        bad.vector(&name, "grad h_s", g.h_s.as_slice(), &want.h_s);
        bad.vector(&name, "grad h_a", g.h_a.as_slice(), &want.h_a);
        bad.matrix(&name, "grad W1", &g.w1, &want.w1);
        bad.vector(&name, "grad b1", g.b1.as_slice(), &want.b1);
        bad.vector(&name, "grad x", g.x.as_slice(), &want.x);
        bad.params(
            &name,
            "regularized",
            &g.regularized(),
            &case.regularized_gradients,
        );
    }
    bad.assert_none();
}

#[test]
fn matrix_form_with_one_row_equals_one_example_form() {
    let mut bad = Mismatches::default();
    for case in cases() {
        let (name, params, x) = (case.name(), case.params(), case.x());
        let xs = DMatrix::from_row_slice(1, case.d, &case.x); // K = 1
        let bf = batch_forward(&params, &xs, &[case.y]).unwrap_or_else(|e| panic!("{name}: {e}"));
        let f = forward(&params, &x, case.y).unwrap_or_else(|e| panic!("{name}: {e}"));
        bad.vector(&name, "batch H_a row 0", &row(&bf.h_a, 0), f.h_a.as_slice());
        bad.vector(&name, "batch H_s row 0", &row(&bf.h_s, 0), f.h_s.as_slice());
        bad.vector(&name, "batch O_a row 0", &row(&bf.o_a, 0), f.o_a.as_slice());
        bad.vector(&name, "batch O_s row 0", &row(&bf.o_s, 0), f.o_s.as_slice());
        bad.scalar(&name, "batch loss", bf.loss, f.loss);

        let (plain, regularized) = batch_backward(&params, &bf, &xs, &[case.y], case.penalty());
        let g = backward(&params, &f, &x, case.y, case.penalty());
        bad.params(&name, "batch", &plain, &raw(&g.params()));
        bad.params(
            &name,
            "batch regularized",
            &regularized,
            &case.regularized_gradients,
        );
    }
    bad.assert_none();
}

#[test]
fn workspace_with_one_row_equals_backward_regularized() {
    let mut bad = Mismatches::default();
    for case in cases() {
        let (name, params, x) = (case.name(), case.params(), case.x());
        let shape = params.shape();
        let g = backward(
            &params,
            &forward(&params, &x, case.y).unwrap(),
            &x,
            case.y,
            case.penalty(),
        );
        // The example sits in row 1 of a 2-row set, to exercise the row selection.
        let xs = DMatrix::from_fn(2, case.d, |i, l| if i == 1 { case.x[l] } else { 9.0 });
        let ys = [0, case.y];
        let mut ws = Workspace::new(shape, 4);
        let mut grads = Params::zeros(shape);
        let loss = ws.gradient(&params, &xs, &ys, &[1], case.penalty(), &mut grads);
        bad.scalar(&name, "workspace loss", loss, case.forward.loss);
        bad.params(&name, "workspace", &grads, &raw(&g.regularized()));

        let one = xs.rows(1, 1).into_owned();
        let (mean_loss, _) = ws.evaluate(&params, &one, &[case.y]);
        bad.scalar(
            &name,
            "workspace evaluate loss",
            mean_loss,
            case.forward.loss,
        );
        let mut o_s = DMatrix::zeros(1, case.m);
        ws.predict_into(&params, &one, &mut o_s);
        bad.vector(
            &name,
            "workspace predict o_s",
            &row(&o_s, 0),
            &case.forward.o_s,
        );
    }
    bad.assert_none();
}

#[test]
fn gradient_check_passes_on_every_case() {
    let mut failures = Vec::new();
    for case in cases() {
        let (name, params) = (case.name(), case.params());
        let check = gradient_check(&params, &case.x(), case.y, case.penalty(), DEFAULT_EPSILON)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        for group in check.groups.iter().filter(|g| !g.passes) {
            let e = &group.entries[group.worst];
            failures.push(format!(
                "{name}: {}[{}][{}]: backprop {:e}, finite difference {:e}, rel. error {:e}",
                group.group.name(),
                e.row,
                e.col,
                e.backprop,
                e.finite_diff,
                e.rel_error
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "gradient check failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn large_logits_case_is_present_and_finite() {
    let cases = cases();
    let big = cases
        .iter()
        .find(|c| c.forward.o_a.iter().any(|v| v.abs() > 500.0));
    let case = big.expect("the fixtures include a case with logits in the hundreds");
    let f = forward(&case.params(), &case.x(), case.y).unwrap();
    assert!(
        f.loss.is_finite() && f.o_s.iter().all(|p| p.is_finite()),
        "{}",
        case.name()
    );
}

/// A Params value in the fixtures' row layout, to compare two computed gradients.
fn raw(p: &Params) -> RawParams {
    let rows = |m: &DMatrix<f64>| (0..m.nrows()).map(|i| row(m, i)).collect();
    RawParams {
        w1: rows(&p.w1),
        b1: p.b1.as_slice().to_vec(),
        w2: rows(&p.w2),
        b2: p.b2.as_slice().to_vec(),
    }
}
