use super::*;
use crate::i18n::mistakes::mistake_title;
use crate::stepper::Example;
use mlp::{Mistake, Mistakes, Params};
use nalgebra::{DMatrix, DVector};

/// d = 2, d_h = 3, m = 2, with negative weights and one unit that the example switches off.
fn walk_with(x: [f64; 2], mistakes: Mistakes) -> Walk {
    let w1 = DMatrix::from_row_slice(3, 2, &[0.5, -0.25, -1.0, 0.75, 0.2, 0.3]);
    let b1 = DVector::from_vec(vec![0.1, -0.2, 0.0]);
    let w2 = DMatrix::from_row_slice(2, 3, &[1.0, -0.5, 0.25, -0.75, 0.6, 0.4]);
    let b2 = DVector::from_vec(vec![0.05, -0.05]);
    let params = Params::from_parts(w1, b1, w2, b2).expect("valid shapes");
    let example = Example { params, x: DVector::from_vec(x.to_vec()), y: 1, penalty: mlp::Penalty::weight_decay(0.001), rule: mlp::UpdateRule::Sgd, eta: 0.1, mistakes };
    Walk::new(example).expect("the example fits")
}

fn walk() -> Walk {
    walk_with([0.8, -1.5], Mistakes::NONE)
}

/// The body of the n-th `pmatrix` of `latex`.
fn pmatrix(latex: &str, n: usize) -> &str {
    let start = latex.match_indices("\\begin{pmatrix}").nth(n).expect("a pmatrix").0 + "\\begin{pmatrix}".len();
    let end = start + latex[start..].find("\\end{pmatrix}").expect("closed");
    &latex[start..end]
}

#[test]
fn the_latex_of_j_has_the_equation_and_the_walk_s_numbers() {
    let w = walk();
    let latex = latex(&w, Step::GradW2, Lang::En);
    assert!(latex.contains("\\noindent\\textbf{(j) Gradient of the output weights}"), "{latex}");
    // The course's notation first …
    assert!(latex.contains("\\frac{\\partial L}{\\partial W^{(2)}} &= \\frac{\\partial L}{\\partial \\mathbf{o}^a} (\\mathbf{h}^s)^\\top"), "{latex}");
    // … then the numbers: ∂L/∂W2 (m × d_h = 2 × 3), ∂L/∂o^a (2), then (h^s)ᵀ as one row.
    let grad = Q::GradW2.value(&w);
    let rows: Vec<String> = (0..2).map(|k| (0..3).map(|j| latex_number(grad[(k, j)])).collect::<Vec<_>>().join(" & ")).collect();
    assert_eq!(pmatrix(&latex, 0).trim(), rows.join(" \\\\ "));
    let h_s: Vec<String> = w.fwd.h_s.iter().map(|&v| latex_number(v)).collect();
    assert_eq!(pmatrix(&latex, 2).trim(), h_s.join(" & "), "h^s transposed is one row");
    assert!(latex.contains("$m \\times d_h = 2 \\times 3$"), "shapes: {latex}");
    assert!(latex.contains("$\\mathbf{x} = (0.8000, -1.5000)^\\top$, $y = 1$, $\\lambda = 0.001$, $\\eta = 0.1$"), "{latex}");
    assert!(!latex.contains("MaxMatrixCols"), "three columns fit");
}

#[test]
fn a_d_h_by_d_matrix_gives_d_h_rows_of_d_numbers() {
    let w = walk();
    let latex = latex(&w, Step::HiddenActivation, Lang::En);
    // Numbers: h^a = W1 x + b1, so the second pmatrix is W1 (the first is h^a).
    let w1 = pmatrix(&latex, 1);
    let rows: Vec<&str> = w1.split("\\\\").collect();
    assert_eq!(rows.len(), 3, "d_h rows: {w1}");
    assert!(rows.iter().all(|r| r.split('&').count() == 2), "d numbers each: {w1}");
    assert!(w1.contains("-0.2500") && w1.contains("-1.0000"), "negative numbers keep their sign: {w1}");
    let markdown = markdown(&w, Step::HiddenActivation, Lang::En);
    let table_start = markdown.find("$W^{(1)}$").expect("W1's table");
    let table: Vec<&str> = markdown[table_start..].lines().skip(2).take_while(|l| l.starts_with('|')).collect();
    assert_eq!(table[0], "|  | 0 | 1 |");
    assert_eq!(table[1], "|---|---:|---:|");
    assert_eq!(&table[2..], ["| **0** | 0.5000 | -0.2500 |", "| **1** | -1.0000 | 0.7500 |", "| **2** | 0.2000 | 0.3000 |"]);
}

#[test]
fn the_markdown_has_a_heading_the_formula_and_tables() {
    let w = walk();
    let markdown = markdown(&w, Step::OutputActivation, Lang::En);
    assert!(markdown.starts_with("## (b) Output pre-activation\n"), "{markdown}");
    assert!(markdown.contains("$$\\mathbf{o}^a = W^{(2)} \\mathbf{h}^s + \\mathbf{b}^{(2)}$$"), "{markdown}");
    assert!(markdown.contains("### Numbers"));
    assert!(markdown.contains("$W^{(2)}$ (reads; shape: $m \\times d_h = 2 \\times 3$)"), "{markdown}");
    assert!(markdown.contains(&format!("| **0** | {} |", number(w.fwd.o_a[0]))), "o^a's first entry: {markdown}");
}

#[test]
fn french_headings_keep_the_notation() {
    let w = walk();
    let (en, fr) = (markdown(&w, Step::GradW2, Lang::En), markdown(&w, Step::GradW2, Lang::Fr));
    assert!(fr.starts_with("## (j) Gradient des poids de sortie\n"), "{fr}");
    assert!(fr.contains("**Exemple\u{a0}:**"), "{fr}");
    assert!(fr.contains("### Nombres") && fr.contains("lit; dimensions"), "{fr}");
    let formula = |text: &str| text.lines().find(|l| l.starts_with("$$")).map(str::to_owned);
    assert_eq!(formula(&en), formula(&fr), "the same notation in both languages");
    let latex_fr = latex(&w, Step::GradW2, Lang::Fr);
    assert!(latex_fr.contains("Avec les nombres") && latex_fr.contains("Dimensions"), "{latex_fr}");
    assert!(latex_fr.contains("\\frac{\\partial L}{\\partial W^{(2)}}"));
}

#[test]
fn non_finite_values_are_written_not_lost() {
    assert_eq!(latex_number(f64::NAN), "\\text{NaN}");
    assert_eq!(latex_number(f64::INFINITY), "\\infty");
    assert_eq!(latex_number(f64::NEG_INFINITY), "-\\infty");
    assert_eq!(latex_number(-3.14159e-6), "-3.142\\times 10^{-6}");
    assert_eq!(latex_number(123456.0), "1.235\\times 10^{5}");
    assert_eq!(latex_number(-0.17983309), "-0.1798");
    // Logits of about 1100 without the max-shift overflow: exp gives ∞, the softmax ∞/∞ = NaN.
    // Every step still writes its snippet, and from the softmax on NaN or ∞ is in it.
    let w = walk_with([1500.0, -1500.0], Mistakes::NONE.with(Mistake::UnshiftedSoftmax, true));
    for step in Step::ALL {
        let (latex, markdown) = (latex(&w, step, Lang::En), markdown(&w, step, Lang::En));
        if step.index() >= Step::Softmax.index() && step != Step::RegW1 {
            assert!(latex.contains("\\text{NaN}") || latex.contains("\\infty"), "{step:?}: {latex}");
            assert!(markdown.contains("| NaN") || markdown.contains("∞"), "{step:?}: {markdown}");
        }
    }
}

#[test]
fn latex_special_characters_are_escaped() {
    assert_eq!(latex_text("50% & $5 #1 {a_b} ~^\\"), "50\\% \\& \\$5 \\#1 \\{a\\_b\\} \\textasciitilde{}\\textasciicircum{}\\textbackslash{}");
    assert_eq!(latex_text("Regularized gradient of W⁽¹⁾"), "Regularized gradient of W\\textsuperscript{(1)}");
    assert_eq!(latex_text("A stray factor xⱼ in ∂L/∂x"), "A stray factor x\\textsubscript{j} in $\\partial$L/$\\partial$x");
    assert_eq!(latex_text("λ and η"), "$\\lambda$ and $\\eta$");
}

/// What pdfLaTeX reads without a package beyond amsmath: ASCII and the accented letters and
/// punctuation of French text (UTF-8 is LaTeX's input encoding since 2018).
fn plain_enough(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii() || "éèêëàâäçîïôöûùüÉÈÀÇ’«»—–…\u{a0}".contains(c))
}

#[test]
fn every_step_s_latex_is_balanced_and_uses_only_plain_characters() {
    let all = Mistake::ALL.iter().fold(Mistakes::NONE, |m, &one| m.with(one, true));
    for mistakes in [Mistakes::NONE, all] {
        let w = walk_with([0.8, -1.5], mistakes);
        for step in Step::ALL {
            for lang in Lang::ALL {
                let latex = latex(&w, step, lang);
                let body: String = latex.lines().filter(|l| !l.starts_with('%')).collect::<Vec<_>>().join("\n");
                assert!(plain_enough(&body), "{step:?} {lang:?}: {body}");
                let unescaped = body.replace("\\{", "").replace("\\}", "");
                assert_eq!(unescaped.matches('{').count(), unescaped.matches('}').count(), "{step:?}: {body}");
                assert_eq!(body.matches("\\begin{").count(), body.matches("\\end{").count(), "{step:?}");
                let lefts = body.matches("\\left").count() - body.matches("\\leftarrow").count();
                assert_eq!(lefts, body.matches("\\right").count() - body.matches("\\rightarrow").count(), "{step:?}");
                assert_eq!(body.matches('$').count() % 2, 0, "{step:?}: {body}");
                assert!(!markdown(&w, step, lang).is_empty());
            }
        }
    }
}

#[test]
fn a_mistake_that_alters_the_step_is_said() {
    let w = walk_with([0.8, -1.5], Mistakes::NONE.with(Mistake::ElementwiseOuter, true));
    let title = t(Lang::En, mistake_title(Mistake::ElementwiseOuter));
    assert!(markdown(&w, Step::GradW2, Lang::En).contains(title));
    assert!(latex(&w, Step::GradW2, Lang::En).contains(&latex_text(title)));
    assert!(!markdown(&w, Step::GradB2, Lang::En).contains(title), "(j2) is not altered");
}

#[test]
fn wide_matrices_raise_pmatrix_s_column_limit() {
    let (d_h, d) = (12, 2);
    let w1 = DMatrix::from_fn(d_h, d, |r, c| (r as f64 - c as f64) / 10.0);
    let w2 = DMatrix::from_fn(2, d_h, |r, c| (c as f64 - r as f64) / 20.0);
    let params = Params::from_parts(w1, DVector::zeros(d_h), w2, DVector::zeros(2)).expect("shapes");
    let example = Example { params, x: DVector::from_vec(vec![1.0, -1.0]), y: 0, penalty: mlp::Penalty::weight_decay(0.0), rule: mlp::UpdateRule::Sgd, eta: 0.5, mistakes: Mistakes::NONE };
    let w = Walk::new(example).expect("fits");
    let latex = latex(&w, Step::OutputActivation, Lang::En);
    assert!(latex.contains("\\setcounter{MaxMatrixCols}{12}"), "{latex}");
    assert_eq!(pmatrix(&latex, 1).split("\\\\").next().map(|row| row.split('&').count()), Some(12), "W2's rows have d_h numbers");
}

#[test]
fn file_names_say_the_step_and_the_format() {
    assert_eq!(file_name(Step::GradB2, Format::Latex), "backprop-step-j2.tex");
    assert_eq!(file_name(Step::Loss, Format::Markdown), "backprop-step-d.md");
}
