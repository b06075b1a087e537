//! One step of the walk as text for handouts and exam keys: a LaTeX snippet (the equation in the
//! course's notation, then the same equation with the walk's numbers as `pmatrix`es, the
//! example and the shapes; it needs only `amsmath`) or a Markdown snippet (a heading, the
//! equation between `$$`, and each quantity's numbers as a table with row and column headers).
//!
//! Numbers are printed as the step card prints them ([`super::format::number`]); headings are in
//! the page's language, the notation is the course's in both.

use super::content::{mistakes_altering, operands};
use super::format::{number, Notation};
use super::quantity::{Dim, Quantity as Q};
use super::{Step, Walk};
use crate::i18n::exports::ExportMsg;
use crate::i18n::mistakes::mistake_title;
use crate::i18n::stepper::step_title;
use crate::i18n::{t, Lang};
use crate::url_state::number_text;
use mlp::{Penalty, UpdateRule};
use nalgebra::DMatrix;

/// The two snippet formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Latex,
    Markdown,
}

impl Format {
    /// The downloaded file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Latex => "tex",
            Format::Markdown => "md",
        }
    }

    /// The downloaded file's MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Latex => "application/x-tex",
            Format::Markdown => "text/markdown",
        }
    }
}

/// The name of the downloaded file: `backprop-step-j2.tex`.
pub fn file_name(step: Step, format: Format) -> String {
    format!("backprop-step-{}.{}", step.key(), format.extension())
}

/// One piece of an equation: written as a symbol in the equation, as numbers in its
/// instantiated copy.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Term {
    /// A quantity: its symbol, or its numbers.
    Q(Q),
    /// A quantity transposed: `(x)^⊤`, or its numbers as the transposed matrix.
    T(Q),
    /// LaTeX written the same way in both copies.
    Op(&'static str),
    /// 2λ of the layer's L2 term: the symbol (λ, or λ₁₂ / λ₂₂ with the full penalty), or
    /// `2 · 0.001`.
    TwoLambda(u8),
    /// λ₁₁ sign(W⁽¹⁾) (or layer 2's): the symbols, or the coefficient times the signs.
    L1Sign(u8),
    /// ηλ₁₁ (or layer 2's), the threshold of the L1 step: the symbols, or their values.
    EtaL1(u8),
    /// η: the symbol, or its value.
    Eta,
    /// o^s_y: the symbol, or the probability of the true class.
    SoftmaxAtY,
}

/// `lhs = rhs`: the left side is one quantity.
struct Equation {
    lhs: Q,
    /// `=`, or `\leftarrow` for the update.
    relation: &'static str,
    rhs: Vec<Term>,
}

fn eq(lhs: Q, rhs: Vec<Term>) -> Equation {
    Equation { lhs, relation: "=", rhs }
}

/// The step's equations in matrix form (the update has one per parameter), for `penalty`:
/// the full penalty adds the L1 terms to (r), and a layer with an L1 term updates its weights
/// with the step that stops at 0, `S(u, ηλ₁)` (see `mlp::sgd`).
fn equations(step: Step, penalty: &Penalty, rule: UpdateRule) -> Vec<Equation> {
    use Term::{Op, Q as S, T};
    let full = penalty.as_weight_decay().is_none();
    let reg = |lhs: Q, grad: Q, weight: Q, layer: u8| {
        let l1 = if full { vec![Term::L1Sign(layer), Op("+")] } else { Vec::new() };
        eq(lhs, [vec![S(grad), Op("+")], l1, vec![Term::TwoLambda(layer), S(weight)]].concat())
    };
    let update = |new: Q, old: Q, grad: Q| {
        // Another rule than SGD: its first step, from its state at 0, as a function of θ and g.
        let first_step = match rule {
            UpdateRule::Sgd => None,
            UpdateRule::Momentum { .. } => Some("\\operatorname{momentum}\\big("),
            UpdateRule::Nesterov { .. } => Some("\\operatorname{nesterov}\\big("),
            UpdateRule::Adam { .. } => Some("\\operatorname{adam}_{t=1}\\big("),
        };
        if let Some(name) = first_step {
            return eq(new, vec![Op(name), S(old), Op(","), S(grad), Op("\\big)")]);
        }
        let layer = match new {
            Q::NewW1 if penalty.w1.l1 > 0.0 => 1,
            Q::NewW2 if penalty.w2.l1 > 0.0 => 2,
            _ => return eq(new, vec![S(old), Op("-"), Term::Eta, S(grad)]),
        };
        let rhs = vec![
            Op("S\\big("), S(old), Op("-"), Term::Eta, Op("\\big("), S(grad), Op("-"), Term::L1Sign(layer), Op("\\big),"),
            Term::EtaL1(layer), Op("\\big)"),
        ];
        eq(new, rhs)
    };
    match step {
        Step::HiddenActivation => vec![eq(Q::HiddenActivation, vec![S(Q::W1), S(Q::X), Op("+"), S(Q::B1)])],
        Step::HiddenOutput => vec![eq(Q::HiddenOutput, vec![Op("\\max\\left(0,"), S(Q::HiddenActivation), Op("\\right)")])],
        Step::OutputActivation => vec![eq(Q::OutputActivation, vec![S(Q::W2), S(Q::HiddenOutput), Op("+"), S(Q::B2)])],
        Step::Softmax => vec![eq(Q::Softmax, vec![Op("\\operatorname{softmax}\\left("), S(Q::OutputActivation), Op("\\right)")])],
        Step::Loss => vec![eq(Q::Loss, vec![Op("-\\log"), Term::SoftmaxAtY])],
        Step::GradOutputActivation => vec![eq(Q::GradOutputActivation, vec![S(Q::Softmax), Op("-"), S(Q::OneHot)])],
        Step::GradW2 => vec![eq(Q::GradW2, vec![S(Q::GradOutputActivation), T(Q::HiddenOutput)])],
        Step::GradB2 => vec![eq(Q::GradB2, vec![S(Q::GradOutputActivation)])],
        Step::GradHiddenOutput => vec![eq(Q::GradHiddenOutput, vec![T(Q::W2), S(Q::GradOutputActivation)])],
        Step::GradHiddenActivation => {
            vec![eq(Q::GradHiddenActivation, vec![S(Q::GradHiddenOutput), Op("\\odot"), S(Q::ReluMask)])]
        }
        Step::GradW1 => vec![eq(Q::GradW1, vec![S(Q::GradHiddenActivation), T(Q::X)])],
        Step::GradB1 => vec![eq(Q::GradB1, vec![S(Q::GradHiddenActivation)])],
        Step::GradInput => vec![eq(Q::GradX, vec![T(Q::W1), S(Q::GradHiddenActivation)])],
        Step::RegW1 => vec![reg(Q::RegW1, Q::GradW1, Q::W1, 1)],
        Step::RegW2 => vec![reg(Q::RegW2, Q::GradW2, Q::W2, 2)],
        Step::Update => [(Q::NewW1, Q::W1, Q::RegW1), (Q::NewB1, Q::B1, Q::RegB1), (Q::NewW2, Q::W2, Q::RegW2), (Q::NewB2, Q::B2, Q::RegB2)]
            .into_iter()
            .map(|(new, old, grad)| update(new, old, grad))
            .collect(),
    }
}

/// The course's general form, where it says more than the matrix form written with the
/// quantities (the ReLU as rect, the update over all of θ).
fn general(step: Step) -> Option<&'static str> {
    match step {
        Step::HiddenOutput => Some("\\mathbf{h}^s = \\operatorname{rect}(\\mathbf{h}^a) = \\max(0, \\mathbf{h}^a)"),
        Step::Loss => Some("L(\\mathbf{x}, y) = -\\log o^s_y(\\mathbf{x}) = -o^a_y + \\log \\sum_k \\exp(o^a_k)"),
        Step::Update => Some("\\theta \\leftarrow \\theta - \\eta \\nabla_\\theta \\tilde{R}"),
        _ => None,
    }
}

/// A quantity in the course's notation, in LaTeX.
pub fn latex_symbol(q: Q) -> &'static str {
    match q {
        Q::X => "\\mathbf{x}",
        Q::OneHot => "\\operatorname{onehot}_m(y)",
        Q::W1 => "W^{(1)}",
        Q::B1 => "\\mathbf{b}^{(1)}",
        Q::HiddenActivation => "\\mathbf{h}^a",
        Q::HiddenOutput => "\\mathbf{h}^s",
        Q::ReluMask => "\\mathbf{1}\\{\\mathbf{h}^a > 0\\}",
        Q::W2 => "W^{(2)}",
        Q::B2 => "\\mathbf{b}^{(2)}",
        Q::OutputActivation => "\\mathbf{o}^a",
        Q::Softmax => "\\mathbf{o}^s",
        Q::Loss => "L",
        Q::GradOutputActivation => "\\frac{\\partial L}{\\partial \\mathbf{o}^a}",
        Q::GradW2 => "\\frac{\\partial L}{\\partial W^{(2)}}",
        Q::GradB2 => "\\frac{\\partial L}{\\partial \\mathbf{b}^{(2)}}",
        Q::GradHiddenOutput => "\\frac{\\partial L}{\\partial \\mathbf{h}^s}",
        Q::GradHiddenActivation => "\\frac{\\partial L}{\\partial \\mathbf{h}^a}",
        Q::GradW1 => "\\frac{\\partial L}{\\partial W^{(1)}}",
        Q::GradB1 => "\\frac{\\partial L}{\\partial \\mathbf{b}^{(1)}}",
        Q::GradX => "\\frac{\\partial L}{\\partial \\mathbf{x}}",
        Q::RegW1 => "\\frac{\\partial \\tilde{R}}{\\partial W^{(1)}}",
        Q::RegW2 => "\\frac{\\partial \\tilde{R}}{\\partial W^{(2)}}",
        Q::RegB1 => "\\frac{\\partial \\tilde{R}}{\\partial \\mathbf{b}^{(1)}}",
        Q::RegB2 => "\\frac{\\partial \\tilde{R}}{\\partial \\mathbf{b}^{(2)}}",
        Q::NewW1 => "W^{(1)\\prime}",
        Q::NewB1 => "\\mathbf{b}^{(1)\\prime}",
        Q::NewW2 => "W^{(2)\\prime}",
        Q::NewB2 => "\\mathbf{b}^{(2)\\prime}",
    }
}

/// A number as the card shows it alone, in LaTeX math: `-0.1798`, `3.142\times 10^{-6}`,
/// `\infty`, `\text{NaN}`.
pub fn latex_number(value: f64) -> String {
    latex_in(Notation::of([value]), value)
}

/// A number of a table written in `notation` (as the card writes that table), in LaTeX math.
fn latex_in(notation: Notation, value: f64) -> String {
    let shown = notation.write(value);
    if value.is_nan() {
        return "\\text{NaN}".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "\\infty".into() } else { "-\\infty".into() };
    }
    match shown.split_once('e') {
        Some((mantissa, exponent)) => format!("{mantissa}\\times 10^{{{exponent}}}"),
        None => shown,
    }
}

/// A matrix as a `pmatrix` (a 1 × 1 one as its number alone).
fn latex_matrix(m: &DMatrix<f64>) -> String {
    if let (1, 1) = m.shape() {
        return m.iter().next().map_or_else(String::new, |&v| latex_number(v));
    }
    let notation = Notation::of(m.iter().copied());
    let rows: Vec<String> = m.row_iter().map(|row| row.iter().map(|&v| latex_in(notation, v)).collect::<Vec<_>>().join(" & ")).collect();
    format!("\\begin{{pmatrix}} {} \\end{{pmatrix}}", rows.join(" \\\\ "))
}

/// `term` as a symbol (`numbers` false) or with the walk's numbers.
fn latex_term(term: Term, walk: &Walk, numbers: bool) -> String {
    match (term, numbers) {
        (Term::Q(q), false) => latex_symbol(q).into(),
        (Term::Q(q), true) => latex_matrix(&q.value(walk)),
        (Term::T(q), false) => format!("({})^\\top", latex_symbol(q)),
        (Term::T(q), true) => latex_matrix(&q.value(walk).transpose()),
        (Term::Op(op), _) => op.into(),
        (Term::TwoLambda(_), false) if walk.example.penalty.as_weight_decay().is_some() => "2\\lambda".into(),
        (Term::TwoLambda(layer), false) => format!("2\\lambda_{{{layer}2}}"),
        (Term::TwoLambda(layer), true) => format!("2 \\cdot {} \\cdot", latex_exact(walk.example.penalty.layer(layer.into()).l2)),
        (Term::L1Sign(layer), false) => format!("\\lambda_{{{layer}1}} \\operatorname{{sign}}\\big({}\\big)", latex_symbol(weight_of(layer))),
        (Term::L1Sign(layer), true) => {
            let signs = weight_of(layer).value(walk).map(mlp::penalty::sign);
            format!("{} \\cdot {}", latex_exact(walk.example.penalty.layer(layer.into()).l1), latex_matrix(&signs))
        }
        (Term::EtaL1(layer), false) => format!("\\eta\\lambda_{{{layer}1}}"),
        (Term::EtaL1(layer), true) => {
            format!("{} \\cdot {}", latex_exact(walk.example.eta), latex_exact(walk.example.penalty.layer(layer.into()).l1))
        }
        (Term::Eta, false) => "\\eta".into(),
        (Term::Eta, true) => format!("{} \\cdot", latex_exact(walk.example.eta)),
        (Term::SoftmaxAtY, false) => "o^s_y".into(),
        (Term::SoftmaxAtY, true) => walk.fwd.o_s.get(walk.example.y).map_or("\\text{NaN}".into(), |&v| latex_number(v)),
    }
}

/// A setting (λ, η) in its shortest exact form, in LaTeX math.
fn latex_exact(value: f64) -> String {
    if !value.is_finite() {
        return latex_number(value);
    }
    let text = number_text(value);
    match text.split_once('e') {
        Some((mantissa, exponent)) => format!("{mantissa}\\times 10^{{{exponent}}}"),
        None => text,
    }
}

/// One `align*` line: `lhs &= rhs`.
fn latex_line(equation: &Equation, walk: &Walk, numbers: bool) -> String {
    let lhs = latex_term(Term::Q(equation.lhs), walk, numbers);
    let rhs: Vec<String> = equation.rhs.iter().map(|&term| latex_term(term, walk, numbers)).collect();
    format!("  {lhs} &{} {}", equation.relation, rhs.join(" "))
}

/// Text for a LaTeX paragraph: the characters LaTeX treats specially escaped, and the
/// notation's Unicode (⁽¹⁾, xⱼ, λ, …) written as LaTeX.
pub fn latex_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // A run of superscript (true) or subscript (false) characters, written as one group.
    let mut script: Option<(bool, String)> = None;
    let flush = |out: &mut String, script: &mut Option<(bool, String)>| {
        if let Some((sup, chars)) = script.take() {
            let command = if sup { "textsuperscript" } else { "textsubscript" };
            out.push_str(&format!("\\{command}{{{chars}}}"));
        }
    };
    for c in text.chars() {
        if let Some((sup, plain)) = script_of(c) {
            match &mut script {
                Some((kind, chars)) if *kind == sup => chars.push(plain),
                _ => {
                    flush(&mut out, &mut script);
                    script = Some((sup, plain.to_string()));
                }
            }
            continue;
        }
        flush(&mut out, &mut script);
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '$' | '&' | '#' | '%' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str("\\textasciicircum{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            'λ' => out.push_str("$\\lambda$"),
            'η' => out.push_str("$\\eta$"),
            'θ' => out.push_str("$\\theta$"),
            '∇' => out.push_str("$\\nabla$"),
            '∂' => out.push_str("$\\partial$"),
            '⊙' => out.push_str("$\\odot$"),
            'Σ' | '∑' => out.push_str("$\\Sigma$"),
            '×' => out.push_str("$\\times$"),
            '→' => out.push_str("$\\rightarrow$"),
            '←' => out.push_str("$\\leftarrow$"),
            '−' => out.push_str("$-$"),
            '·' => out.push_str("$\\cdot$"),
            '\u{0303}' => {} // the combining tilde of R̃: the R stays, plain
            c => out.push(c),
        }
    }
    flush(&mut out, &mut script);
    out
}

/// For a Unicode superscript or subscript: whether it is a superscript, and its plain
/// character (`⁽` → (true, `(`), `ⱼ` → (false, `j`)).
fn script_of(c: char) -> Option<(bool, char)> {
    const SUPERSCRIPTS: [(char, char); 12] = [
        ('⁽', '('), ('⁾', ')'), ('⁰', '0'), ('¹', '1'), ('²', '2'), ('³', '3'),
        ('⁴', '4'), ('⁵', '5'), ('⁶', '6'), ('⁷', '7'), ('⁸', '8'), ('⁹', '9'),
    ];
    const SUBSCRIPTS: [(char, char); 13] = [
        ('₀', '0'), ('₁', '1'), ('₂', '2'), ('₃', '3'), ('₄', '4'), ('₅', '5'), ('₆', '6'),
        ('₇', '7'), ('₈', '8'), ('₉', '9'), ('ᵢ', 'i'), ('ⱼ', 'j'), ('ₖ', 'k'),
    ];
    let find = |table: &[(char, char)]| table.iter().find(|(u, _)| *u == c).map(|(_, p)| *p);
    find(&SUPERSCRIPTS).map(|p| (true, p)).or_else(|| find(&SUBSCRIPTS).map(|p| (false, p)))
}

/// The distinct quantities the step reads and writes, in display order.
fn quantities(step: Step) -> Vec<Q> {
    let (reads, writes) = operands(step);
    reads.iter().chain(writes).copied().collect()
}

/// "d_h × d = 8 × 2" in LaTeX math (`m = 2` for a vector, `1 \times 1` for the loss).
fn latex_shape(q: Q, walk: &Walk) -> String {
    let (rows, cols) = q.value(walk).shape();
    match q.dims() {
        (Dim::One, Dim::One) => "1 \\times 1".into(),
        (r, Dim::One) => format!("{} = {rows}", r.name()),
        (r, c) => format!("{} \\times {} = {rows} \\times {cols}", r.name(), c.name()),
    }
}

/// The penalty as the example line writes it: `$\lambda = 0.001$`, or its four coefficients
/// `$\lambda_{11} = 0.05$, …`.
fn latex_penalty(penalty: &Penalty) -> String {
    match penalty.as_weight_decay() {
        Some(lambda) => format!("$\\lambda = {}$", latex_exact(lambda)),
        None => mlp::Coefficient::ALL
            .iter()
            .map(|&c| format!("$\\lambda_{{{}}} = {}$", &c.key()[1..], latex_exact(penalty.get(c))))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The weights of `layer`: W⁽¹⁾ or W⁽²⁾.
fn weight_of(layer: u8) -> Q {
    if layer == 1 {
        Q::W1
    } else {
        Q::W2
    }
}

/// The example: x (as the card prints it), y, λ and η.
fn latex_example(walk: &Walk) -> String {
    let x: Vec<String> = walk.example.x.iter().map(|&v| latex_number(v)).collect();
    format!(
        "$\\mathbf{{x}} = ({})^\\top$, $y = {}$, {}, $\\eta = {}$",
        x.join(", "),
        walk.example.y,
        latex_penalty(&walk.example.penalty),
        latex_exact(walk.example.eta)
    )
}

/// A colon after a word: French puts a (non-breaking) space before it.
fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ":",
        Lang::Fr => "\u{a0}:",
    }
}

/// The step's title line, with its exercise letter.
fn title(step: Step, lang: Lang) -> String {
    format!("({}) {}", step.letter(), t(lang, step_title(step)))
}

/// The mistakes switched on that change this step's numbers, if any, as one sentence.
fn altered_note(step: Step, walk: &Walk, lang: Lang) -> Option<String> {
    let altering = mistakes_altering(step, walk.example.mistakes);
    (!altering.is_empty()).then(|| {
        let names: Vec<&str> = altering.iter().map(|&m| t(lang, mistake_title(m))).collect();
        format!("{} {}", t(lang, ExportMsg::Altered), names.join("; "))
    })
}

/// The step as a LaTeX snippet (see the module docs).
pub fn latex(walk: &Walk, step: Step, lang: Lang) -> String {
    let text = |m| latex_text(t(lang, m));
    let equations = equations(step, &walk.example.penalty, walk.example.rule);
    let mut out = format!(
        "% {} — {}: {}.\n% {}.\n",
        t(lang, ExportMsg::Generated),
        latex_text(&title(step, lang)),
        t(lang, ExportMsg::NeedsAmsmath),
        t(lang, ExportMsg::Precision)
    );
    // pmatrix allows 10 columns unless told more.
    let widest = quantities(step).iter().map(|q| q.value(walk).shape()).map(|(r, c)| r.max(c)).max().unwrap_or(1);
    if widest > 10 {
        out.push_str(&format!("\\setcounter{{MaxMatrixCols}}{{{widest}}}\n"));
    }
    out.push_str(&format!("\\noindent\\textbf{{{}}}\n", latex_text(&title(step, lang))));
    if let Some(note) = altered_note(step, walk, lang) {
        out.push_str(&format!("\n\\noindent\\emph{{{}}}\n", latex_text(&note)));
    }
    let block = |numbers: bool| {
        let mut lines: Vec<String> = Vec::new();
        if let (false, Some(general)) = (numbers, general(step)) {
            lines.push(format!("  {}", general.replacen(" = ", " &= ", 1).replacen(" \\leftarrow ", " &\\leftarrow ", 1)));
        }
        lines.extend(equations.iter().map(|e| latex_line(e, walk, numbers)));
        format!("\\begin{{align*}}\n{}\n\\end{{align*}}\n", lines.join(" \\\\\n"))
    };
    out.push_str(&block(false));
    let colon = colon(lang);
    out.push_str(&format!("\\noindent {}{colon} {}\n", text(ExportMsg::Example), latex_example(walk)));
    out.push_str(&format!("\n\\noindent {}{colon}\n", text(ExportMsg::WithNumbers)));
    out.push_str(&block(true));
    let shapes: Vec<String> =
        quantities(step).iter().map(|&q| format!("${}$: ${}$", latex_symbol(q), latex_shape(q, walk))).collect();
    out.push_str(&format!("\\noindent {}{colon} {}.\n", text(ExportMsg::Shapes), shapes.join("; ")));
    out
}

/// A number as the card shows it alone, in Markdown.
fn markdown_number(value: f64) -> String {
    number(value)
}

/// A quantity's numbers as a Markdown table: column indices across, row indices down (0-based,
/// as in numpy and on the card).
fn markdown_table(m: &DMatrix<f64>) -> String {
    let cols = m.ncols();
    let header: Vec<String> = (0..cols).map(|c| c.to_string()).collect();
    let mut out = format!("|  | {} |\n|---|{}\n", header.join(" | "), "---:|".repeat(cols));
    let notation = Notation::of(m.iter().copied());
    for (r, row) in m.row_iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|&v| notation.write(v)).collect();
        out.push_str(&format!("| **{r}** | {} |\n", cells.join(" | ")));
    }
    out
}

/// The step as a Markdown snippet (see the module docs).
pub fn markdown(walk: &Walk, step: Step, lang: Lang) -> String {
    let mut out = format!("## {}\n\n", title(step, lang));
    if let Some(note) = altered_note(step, walk, lang) {
        out.push_str(&format!("> {note}\n\n"));
    }
    let mut formulas: Vec<String> = general(step).map(str::to_owned).into_iter().collect();
    formulas.extend(equations(step, &walk.example.penalty, walk.example.rule).iter().map(|e| latex_line(e, walk, false).trim().replacen(" &", " ", 1)));
    for formula in formulas {
        out.push_str(&format!("$${formula}$$\n\n"));
    }
    let x: Vec<String> = walk.example.x.iter().map(|&v| markdown_number(v)).collect();
    out.push_str(&format!(
        "**{}{}** $\\mathbf{{x}} = ({})^\\top$, $y = {}$, {}, $\\eta = {}$\n\n",
        t(lang, ExportMsg::Example),
        colon(lang),
        x.join(", "),
        walk.example.y,
        latex_penalty(&walk.example.penalty),
        latex_exact(walk.example.eta)
    ));
    out.push_str(&format!("### {}\n\n", t(lang, ExportMsg::Numbers)));
    let (reads, writes) = operands(step);
    for (side, list) in [(ExportMsg::Reads, reads), (ExportMsg::Writes, writes)] {
        for &q in list {
            out.push_str(&format!(
                "${}$ ({}; {}{} ${}$)\n\n",
                latex_symbol(q),
                t(lang, side),
                t(lang, ExportMsg::Shape),
                colon(lang),
                latex_shape(q, walk)
            ));
            out.push_str(&markdown_table(&q.value(walk)));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests;
