//! The named values a step reads or writes (x, W⁽¹⁾, h^a, ∂L/∂o^a, …): how each is written in
//! the course's notation, its shape in terms of d, d_h, m, and its numbers in a walk.

use super::walk::Walk;
use crate::mathml::{act, b, dl, dr, mi, mo, row, sub, sup, w};
use nalgebra::{DMatrix, DVector};

/// A value shown as a labelled vector or matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantity {
    X,
    /// onehot_m(y)
    OneHot,
    W1,
    B1,
    HiddenActivation,
    HiddenOutput,
    /// 1{h^a > 0}, the ReLU's derivative
    ReluMask,
    W2,
    B2,
    OutputActivation,
    Softmax,
    Loss,
    GradOutputActivation,
    GradW2,
    GradB2,
    GradHiddenOutput,
    GradHiddenActivation,
    GradW1,
    GradB1,
    GradX,
    RegW1,
    RegW2,
    RegB1,
    RegB2,
    NewW1,
    NewB1,
    NewW2,
    NewB2,
}

/// A dimension of the network, named as in the course.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    One,
    D,
    DH,
    M,
}

impl Dim {
    pub fn name(self) -> &'static str {
        match self {
            Dim::One => "1",
            Dim::D => "d",
            Dim::DH => "d_h",
            Dim::M => "m",
        }
    }

    /// The index letter the equations use along this dimension: i over the inputs, j over
    /// the hidden units, k over the classes (in every step, forward and backward alike).
    pub fn letter(self) -> Option<&'static str> {
        match self {
            Dim::One => None,
            Dim::D => Some("i"),
            Dim::DH => Some("j"),
            Dim::M => Some("k"),
        }
    }
}

impl Quantity {
    /// Rows and columns in terms of d, d_h, m (a vector is a column).
    pub fn dims(self) -> (Dim, Dim) {
        use Quantity as Q;
        match self {
            Q::X | Q::GradX => (Dim::D, Dim::One),
            Q::W1 | Q::GradW1 | Q::RegW1 | Q::NewW1 => (Dim::DH, Dim::D),
            Q::W2 | Q::GradW2 | Q::RegW2 | Q::NewW2 => (Dim::M, Dim::DH),
            Q::B1 | Q::HiddenActivation | Q::HiddenOutput | Q::ReluMask => (Dim::DH, Dim::One),
            Q::GradHiddenOutput | Q::GradHiddenActivation | Q::GradB1 | Q::RegB1 | Q::NewB1 => (Dim::DH, Dim::One),
            Q::OneHot | Q::B2 | Q::OutputActivation | Q::Softmax => (Dim::M, Dim::One),
            Q::GradOutputActivation | Q::GradB2 | Q::RegB2 | Q::NewB2 => (Dim::M, Dim::One),
            Q::Loss => (Dim::One, Dim::One),
        }
    }

    /// The symbol, as MathML content (without the `<math>` element).
    pub fn symbol(self) -> String {
        use Quantity as Q;
        let new = |s: String| sup(&s, &mo("′"));
        match self {
            Q::X => mi("x"),
            Q::OneHot => row(&[sub(&mi("onehot"), &mi("m")), mo("("), mi("y"), mo(")")]),
            Q::W1 => w(1),
            Q::B1 => b(1),
            Q::HiddenActivation => act("h", "a"),
            Q::HiddenOutput => act("h", "s"),
            Q::ReluMask => row(&[mi("𝟙"), mo("{"), act("h", "a"), mo(">"), mi("0"), mo("}")]),
            Q::W2 => w(2),
            Q::B2 => b(2),
            Q::OutputActivation => act("o", "a"),
            Q::Softmax => act("o", "s"),
            Q::Loss => mi("L"),
            Q::GradOutputActivation => dl(&act("o", "a")),
            Q::GradW2 => dl(&w(2)),
            Q::GradB2 => dl(&b(2)),
            Q::GradHiddenOutput => dl(&act("h", "s")),
            Q::GradHiddenActivation => dl(&act("h", "a")),
            Q::GradW1 => dl(&w(1)),
            Q::GradB1 => dl(&b(1)),
            Q::GradX => dl(&mi("x")),
            Q::RegW1 => dr(&w(1)),
            Q::RegW2 => dr(&w(2)),
            Q::RegB1 => dr(&b(1)),
            Q::RegB2 => dr(&b(2)),
            Q::NewW1 => new(w(1)),
            Q::NewB1 => new(b(1)),
            Q::NewW2 => new(w(2)),
            Q::NewB2 => new(b(2)),
        }
    }

    /// The name used in ids and in the exported JSON's spirit: `W1`, `h_a`, `grad_W2`, ….
    pub fn key(self) -> &'static str {
        use Quantity as Q;
        match self {
            Q::X => "x",
            Q::OneHot => "onehot",
            Q::W1 => "W1",
            Q::B1 => "b1",
            Q::HiddenActivation => "h_a",
            Q::HiddenOutput => "h_s",
            Q::ReluMask => "relu_mask",
            Q::W2 => "W2",
            Q::B2 => "b2",
            Q::OutputActivation => "o_a",
            Q::Softmax => "o_s",
            Q::Loss => "loss",
            Q::GradOutputActivation => "grad_o_a",
            Q::GradW2 => "grad_W2",
            Q::GradB2 => "grad_b2",
            Q::GradHiddenOutput => "grad_h_s",
            Q::GradHiddenActivation => "grad_h_a",
            Q::GradW1 => "grad_W1",
            Q::GradB1 => "grad_b1",
            Q::GradX => "grad_x",
            Q::RegW1 => "reg_W1",
            Q::RegW2 => "reg_W2",
            Q::RegB1 => "reg_b1",
            Q::RegB2 => "reg_b2",
            Q::NewW1 => "new_W1",
            Q::NewB1 => "new_b1",
            Q::NewW2 => "new_W2",
            Q::NewB2 => "new_b2",
        }
    }

    /// Its rows and columns in `walk` (a vector is one column), without copying its numbers.
    pub fn shape_in(self, walk: &Walk) -> (usize, usize) {
        let shape = walk.example.params.shape();
        let size = |dim: Dim| match dim {
            Dim::One => 1,
            Dim::D => shape.d,
            Dim::DH => shape.d_h,
            Dim::M => shape.m,
        };
        let (rows, cols) = self.dims();
        (size(rows), size(cols))
    }

    /// Its numbers in `walk`, as a matrix (a vector is one column).
    pub fn value(self, walk: &Walk) -> DMatrix<f64> {
        use Quantity as Q;
        let (ex, f, g) = (&walk.example, &walk.fwd, &walk.grads);
        let col = |v: &DVector<f64>| DMatrix::from_column_slice(v.len(), 1, v.as_slice());
        match self {
            Q::X => col(&ex.x),
            Q::OneHot => DMatrix::from_fn(f.o_s.len(), 1, |k, _| f64::from(u8::from(k == ex.y))),
            Q::W1 => ex.params.w1.clone(),
            Q::B1 => col(&ex.params.b1),
            Q::HiddenActivation => col(&f.h_a),
            Q::HiddenOutput => col(&f.h_s),
            Q::ReluMask => col(&f.h_a.map(|v| f64::from(u8::from(v > 0.0)))),
            Q::W2 => ex.params.w2.clone(),
            Q::B2 => col(&ex.params.b2),
            Q::OutputActivation => col(&f.o_a),
            Q::Softmax => col(&f.o_s),
            Q::Loss => DMatrix::from_element(1, 1, f.loss),
            Q::GradOutputActivation => col(&g.o_a),
            Q::GradW2 => g.w2.clone(),
            Q::GradB2 => col(&g.b2),
            Q::GradHiddenOutput => col(&g.h_s),
            Q::GradHiddenActivation => col(&g.h_a),
            Q::GradW1 => g.w1.clone(),
            Q::GradB1 => col(&g.b1),
            Q::GradX => col(&g.x),
            Q::RegW1 => g.w1_reg.clone(),
            Q::RegW2 => g.w2_reg.clone(),
            Q::RegB1 => col(&walk.regularized.b1),
            Q::RegB2 => col(&walk.regularized.b2),
            Q::NewW1 => walk.updated.w1.clone(),
            Q::NewB1 => col(&walk.updated.b1),
            Q::NewW2 => walk.updated.w2.clone(),
            Q::NewB2 => col(&walk.updated.b2),
        }
    }
}
