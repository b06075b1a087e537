//! The quantities a student can give, under the keys of the case export, in the order of the
//! walk, each with its step, its shape and the mistakes that can change it.

use super::given::Layout;
use crate::mistakes::Mistake;
use crate::params::Shape;

/// One value of the homework a student can give (a number, a vector or a matrix).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Quantity {
    HiddenActivation,
    HiddenOutput,
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
    GradInput,
    RegularizedLoss,
    RegW1,
    RegB1,
    RegW2,
    RegB2,
    NewW1,
    NewB1,
    NewW2,
    NewB2,
}

/// How a quantity is laid out: a number, a vector or a matrix (rows × columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dims {
    Scalar,
    Vector(usize),
    Matrix(usize, usize),
}

impl Dims {
    /// (rows, columns), a vector being one column.
    pub fn rows_cols(self) -> (usize, usize) {
        match self {
            Dims::Scalar => (1, 1),
            Dims::Vector(n) => (n, 1),
            Dims::Matrix(r, c) => (r, c),
        }
    }

    /// The number of entries.
    pub fn len(self) -> usize {
        let (r, c) = self.rows_cols();
        r.saturating_mul(c)
    }

    /// Whether there is no entry.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

impl Quantity {
    /// Every quantity, in the order of the walk.
    pub const ALL: [Quantity; 22] = [
        Quantity::HiddenActivation,
        Quantity::HiddenOutput,
        Quantity::OutputActivation,
        Quantity::Softmax,
        Quantity::Loss,
        Quantity::GradOutputActivation,
        Quantity::GradW2,
        Quantity::GradB2,
        Quantity::GradHiddenOutput,
        Quantity::GradHiddenActivation,
        Quantity::GradW1,
        Quantity::GradB1,
        Quantity::GradInput,
        Quantity::RegularizedLoss,
        Quantity::RegW1,
        Quantity::RegB1,
        Quantity::RegW2,
        Quantity::RegB2,
        Quantity::NewW1,
        Quantity::NewB1,
        Quantity::NewW2,
        Quantity::NewB2,
    ];

    /// The object and key of the quantity in the case export, e.g. `("gradients", "W2")`.
    pub fn path(self) -> (&'static str, &'static str) {
        use Quantity as Q;
        match self {
            Q::HiddenActivation => ("forward", "h_a"),
            Q::HiddenOutput => ("forward", "h_s"),
            Q::OutputActivation => ("forward", "o_a"),
            Q::Softmax => ("forward", "o_s"),
            Q::Loss => ("forward", "loss"),
            Q::RegularizedLoss => ("forward", "regularized_loss"),
            Q::GradOutputActivation => ("gradients", "o_a"),
            Q::GradW2 => ("gradients", "W2"),
            Q::GradB2 => ("gradients", "b2"),
            Q::GradHiddenOutput => ("gradients", "h_s"),
            Q::GradHiddenActivation => ("gradients", "h_a"),
            Q::GradW1 => ("gradients", "W1"),
            Q::GradB1 => ("gradients", "b1"),
            Q::GradInput => ("gradients", "x"),
            Q::RegW1 => ("regularized_gradients", "W1"),
            Q::RegB1 => ("regularized_gradients", "b1"),
            Q::RegW2 => ("regularized_gradients", "W2"),
            Q::RegB2 => ("regularized_gradients", "b2"),
            Q::NewW1 => ("updated_params", "W1"),
            Q::NewB1 => ("updated_params", "b1"),
            Q::NewW2 => ("updated_params", "W2"),
            Q::NewB2 => ("updated_params", "b2"),
        }
    }

    /// `section.key`, e.g. `"gradients.W2"`.
    pub fn dotted(self) -> String {
        let (section, key) = self.path();
        format!("{section}.{key}")
    }

    /// The key of the walk's step that computes it (the page's `step=` parameter).
    pub fn step_key(self) -> &'static str {
        use Quantity as Q;
        match self {
            Q::HiddenActivation => "a",
            Q::HiddenOutput => "a2",
            Q::OutputActivation => "b",
            Q::Softmax => "c",
            Q::Loss => "d",
            Q::GradOutputActivation => "g",
            Q::GradW2 => "j",
            Q::GradB2 => "j2",
            Q::GradHiddenOutput => "l",
            Q::GradHiddenActivation => "n",
            Q::GradW1 => "p",
            Q::GradB1 => "p2",
            Q::GradInput => "q",
            Q::RegularizedLoss | Q::RegW1 | Q::RegB1 => "r",
            Q::RegW2 | Q::RegB2 => "r2",
            Q::NewW1 | Q::NewB1 | Q::NewW2 | Q::NewB2 => "f",
        }
    }

    /// The course's exercise letter, e.g. `"j"`.
    pub fn letter(self) -> &'static str {
        let key = self.step_key();
        key.get(..1).unwrap_or(key)
    }

    /// Its layout in a network of shape `s`.
    pub fn dims(self, s: Shape) -> Dims {
        use Quantity as Q;
        match self {
            Q::Loss | Q::RegularizedLoss => Dims::Scalar,
            Q::HiddenActivation
            | Q::HiddenOutput
            | Q::GradHiddenOutput
            | Q::GradHiddenActivation
            | Q::GradB1
            | Q::RegB1
            | Q::NewB1 => Dims::Vector(s.d_h),
            Q::OutputActivation | Q::Softmax | Q::GradOutputActivation | Q::GradB2 | Q::RegB2 | Q::NewB2 => {
                Dims::Vector(s.m)
            }
            Q::GradInput => Dims::Vector(s.d),
            Q::GradW2 | Q::RegW2 | Q::NewW2 => Dims::Matrix(s.m, s.d_h),
            Q::GradW1 | Q::RegW1 | Q::NewW1 => Dims::Matrix(s.d_h, s.d),
        }
    }

    /// Whether it is a number, a vector or a matrix.
    pub fn layout(self) -> Layout {
        match self.dims(Shape { d: 1, d_h: 1, m: 1 }) {
            Dims::Scalar => Layout::Scalar,
            Dims::Vector(_) => Layout::Vector,
            Dims::Matrix(..) => Layout::Rows,
        }
    }

    /// The mistakes that can change this quantity given the values before it.
    pub fn mistakes(self) -> &'static [Mistake] {
        use Quantity as Q;
        match self {
            Q::Softmax | Q::Loss => &[Mistake::UnshiftedSoftmax],
            Q::RegularizedLoss => &[Mistake::NoPenalty],
            Q::GradOutputActivation => &[Mistake::SignSwapped, Mistake::WrongClass],
            Q::GradW2 => &[Mistake::ElementwiseOuter, Mistake::Transposed, Mistake::PreActivation],
            Q::GradHiddenOutput => &[Mistake::ElementwiseMatVec],
            Q::GradHiddenActivation => &[Mistake::ReluPositiveGrad, Mistake::ReluAtZero],
            Q::GradW1 => &[Mistake::ElementwiseOuter, Mistake::Transposed],
            Q::GradInput => &[Mistake::StrayInputFactor],
            Q::RegW1 | Q::RegW2 => &[Mistake::MissingFactorTwo, Mistake::NoPenalty],
            Q::RegB1 | Q::RegB2 => &[Mistake::PenalizedBiases, Mistake::MissingFactorTwo],
            Q::NewW1 | Q::NewB1 | Q::NewW2 | Q::NewB2 => &[Mistake::GradientAscent, Mistake::NoUpdate],
            Q::HiddenActivation | Q::HiddenOutput | Q::OutputActivation | Q::GradB2 | Q::GradB1 => &[],
        }
    }

    /// The quantity written under `section.key`, if any.
    pub fn from_path(section: &str, key: &str) -> Option<Quantity> {
        Quantity::ALL.into_iter().find(|q| q.path() == (section, key))
    }
}
