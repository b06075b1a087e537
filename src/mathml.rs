//! A small MathML writer: equations are typeset by the browser itself (MathML Core), with no
//! script or font fetched from anywhere.
//!
//! Every function returns markup as a `String`; the course's symbols (W⁽¹⁾, h^a, o^s, ∂L/∂…)
//! have their own helpers so each equation reads close to the course's notation.

/// `<math>` around `content`; `block` centres it on its own line.
pub fn math(block: bool, content: &str) -> String {
    let display = if block { "block" } else { "inline" };
    format!("<math display=\"{display}\">{content}</math>")
}

/// An identifier (italic for a single letter, upright otherwise, as MathML does).
pub fn mi(name: &str) -> String {
    format!("<mi>{}</mi>", escape(name))
}

/// An identifier forced upright (function names: rect, softmax, log, max).
pub fn mi_upright(name: &str) -> String {
    format!("<mi mathvariant=\"normal\">{}</mi>", escape(name))
}

pub fn mn(number: &str) -> String {
    format!("<mn>{}</mn>", escape(number))
}

pub fn mo(op: &str) -> String {
    format!("<mo>{}</mo>", escape(op))
}

/// A grouped row of parts.
pub fn row(parts: &[String]) -> String {
    format!("<mrow>{}</mrow>", parts.concat())
}

pub fn sup(base: &str, exponent: &str) -> String {
    format!("<msup>{base}{exponent}</msup>")
}

pub fn sub(base: &str, index: &str) -> String {
    format!("<msub>{base}{index}</msub>")
}

pub fn subsup(base: &str, index: &str, exponent: &str) -> String {
    format!("<msubsup>{base}{index}{exponent}</msubsup>")
}

pub fn frac(numerator: &str, denominator: &str) -> String {
    format!("<mfrac>{numerator}{denominator}</mfrac>")
}

/// `accent` over `base`, as in m̂.
pub fn over(base: &str, accent: &str) -> String {
    format!("<mover accent=\"true\">{base}{accent}</mover>")
}

/// √ of `content`.
pub fn sqrt(content: &str) -> String {
    format!("<msqrt>{content}</msqrt>")
}

/// `under` written below an operator, as in Σ with its index.
pub fn under(op: &str, below: &str) -> String {
    format!("<munder>{op}{below}</munder>")
}

/// Text inside an equation.
pub fn text(words: &str) -> String {
    format!("<mtext>{}</mtext>", escape(words))
}

/// `( content )` with stretchy fences.
pub fn paren(content: &str) -> String {
    row(&[mo("("), content.to_string(), mo(")")])
}

/// `markup` with its numbers (`<mn>` elements) in `lang`'s notation: a decimal comma in French.
/// Formulas are built in the machine's notation (as LaTeX snippets are) and localized when
/// shown.
pub fn localized(lang: crate::i18n::Lang, markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut rest = markup;
    while let Some(start) = rest.find("<mn>") {
        let (before, from) = rest.split_at(start + "<mn>".len());
        out.push_str(before);
        let end = from.find("</mn>").unwrap_or(from.len());
        out.push_str(&crate::i18n::localize(lang, &from[..end]));
        rest = &from[end..];
    }
    out.push_str(rest);
    out
}

/// A number as the stepper prints it (see [`crate::stepper::format::number`]), negative
/// numbers with a proper minus sign.
pub fn num(value: f64) -> String {
    let text = crate::stepper::format::number(value);
    match text.strip_prefix('-') {
        Some(rest) => row(&[mo("−"), mn(rest)]),
        None => mn(&text),
    }
}

// ----- The course's symbols -----

/// W⁽ˡ⁾ for layer `layer` (1 or 2).
pub fn w(layer: u8) -> String {
    sup(&mi("W"), &paren(&mn(&layer.to_string())))
}

/// b⁽ˡ⁾.
pub fn b(layer: u8) -> String {
    sup(&mi("b"), &paren(&mn(&layer.to_string())))
}

/// `letter` with superscript `kind`: h^a, h^s, o^a, o^s.
pub fn act(letter: &str, kind: &str) -> String {
    sup(&mi(letter), &mi(kind))
}

/// `letter^kind` with index `index`: h^a_j.
pub fn act_at(letter: &str, kind: &str, index: &str) -> String {
    subsup(&mi(letter), &mi(index), &mi(kind))
}

/// W⁽ˡ⁾ with two indices: W⁽²⁾_kj.
pub fn w_at(layer: u8, i: &str, j: &str) -> String {
    subsup(&mi("W"), &row(&[mi(i), mi(j)]), &paren(&mn(&layer.to_string())))
}

/// b⁽ˡ⁾ with an index.
pub fn b_at(layer: u8, i: &str) -> String {
    subsup(&mi("b"), &mi(i), &paren(&mn(&layer.to_string())))
}

/// ∂`num`/∂`den` as a fraction.
pub fn partial(num: &str, den: &str) -> String {
    frac(&row(&[mo("∂"), num.to_string()]), &row(&[mo("∂"), den.to_string()]))
}

/// ∂L/∂`den`.
pub fn dl(den: &str) -> String {
    partial(&mi("L"), den)
}

/// `accent` set over `base`, as an accent (close above it, not an exponent).
pub fn accent_over(base: &str, accent: &str) -> String {
    format!("<mover accent=\"true\">{base}{accent}</mover>")
}

/// R̃, the regularized risk: R with a tilde above it.
pub fn tilde_r() -> String {
    accent_over(&mi("R"), "<mo stretchy=\"false\">~</mo>")
}

/// ∂R̃/∂`den` (the regularized risk).
pub fn dr(den: &str) -> String {
    partial(&tilde_r(), den)
}

/// `m` transposed.
pub fn transpose(m: &str) -> String {
    sup(m, &mi("T"))
}

/// Escapes the characters that are special in markup.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_symbols_have_the_expected_structure() {
        assert_eq!(w(1), "<msup><mi>W</mi><mrow><mo>(</mo><mn>1</mn><mo>)</mo></mrow></msup>");
        assert_eq!(act("h", "a"), "<msup><mi>h</mi><mi>a</mi></msup>");
        assert!(dl(&act("o", "a")).starts_with("<mfrac><mrow><mo>∂</mo><mi>L</mi></mrow>"));
        assert_eq!(mo("<"), "<mo>&lt;</mo>");
        // The tilde is an accent over R, not an exponent beside it.
        assert_eq!(tilde_r(), "<mover accent=\"true\"><mi>R</mi><mo stretchy=\"false\">~</mo></mover>");
        assert!(dr(&w(1)).contains(&tilde_r()) && !dr(&w(1)).contains("<msup><mi>R</mi>"));
    }

    #[test]
    fn negative_numbers_get_a_minus_sign_operator() {
        assert_eq!(num(-0.5), "<mrow><mo>−</mo><mn>0.5000</mn></mrow>");
        assert_eq!(num(2.0), "<mn>2.0000</mn>");
    }

    #[test]
    fn localized_formulas_write_their_numbers_in_the_language_and_nothing_else() {
        use crate::i18n::Lang;
        let f = row(&[num(-0.5), mo("."), mi("x.y"), num(2.0)]);
        assert_eq!(localized(Lang::En, &f), f);
        assert_eq!(
            localized(Lang::Fr, &f),
            "<mrow><mrow><mo>−</mo><mn>0,5000</mn></mrow><mo>.</mo><mi>x.y</mi><mn>2,0000</mn></mrow>"
        );
        assert_eq!(localized(Lang::Fr, "<mn>1.5"), "<mn>1,5", "an unclosed element ends the text");
    }
}
