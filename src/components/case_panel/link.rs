//! The `case` parameter of a link: a case's input only (d, d_h, m, lambda, params, x, y — not
//! the computed values, which the page recomputes) as compact JSON in URL-safe base64
//! ([`crate::base64url`]), so a teacher's link opens the page on a worked example.
//!
//! Numbers are written with Rust's shortest round-trip form (`{:?}`: `0.1`, `-2.5e-7`), which
//! is valid JSON and reads back to the same f64, so a link reproduces the walk bit for bit.

use crate::base64url;
use crate::stepper::Walk;
use mlp::{parse_case, Case, CaseError, Coefficient, Penalty};
use nalgebra::DMatrix;

/// Why a link's `case` parameter could not be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// `case=` with nothing after it.
    Empty,
    /// Not URL-safe base64 (cut short, or altered on the way).
    NotBase64,
    /// The bytes are not UTF-8 text.
    NotText,
    /// The text is not a valid case.
    Case(CaseError),
}

/// The case a walk is about: its parameters, example and penalty.
pub fn case_of(walk: &Walk) -> Case {
    let example = &walk.example;
    Case { params: example.params.clone(), x: example.x.clone(), y: example.y, penalty: example.penalty }
}

/// The input of `case` as compact JSON; `None` when a value is NaN or ±∞ (JSON has neither).
pub fn input_json(case: &Case) -> Option<String> {
    let shape = case.shape();
    let params = &case.params;
    Some(format!(
        r#"{{"d":{},"d_h":{},"m":{},{},"params":{{"W1":{},"b1":{},"W2":{},"b2":{}}},"x":{},"y":{}}}"#,
        shape.d,
        shape.d_h,
        shape.m,
        penalty_json(&case.penalty)?,
        rows(&params.w1)?,
        list(params.b1.iter().copied())?,
        rows(&params.w2)?,
        list(params.b2.iter().copied())?,
        list(case.x.iter().copied())?,
        case.y,
    ))
}

/// The penalty's members: `"lambda":λ` for a weight decay, else the four coefficients.
fn penalty_json(penalty: &Penalty) -> Option<String> {
    match penalty.as_weight_decay() {
        Some(lambda) => Some(format!(r#""lambda":{}"#, number(lambda)?)),
        None => Coefficient::ALL
            .iter()
            .map(|&c| number(penalty.get(c)).map(|v| format!(r#""{}":{v}"#, c.key())))
            .collect::<Option<Vec<_>>>()
            .map(|members| members.join(",")),
    }
}

/// The `case` parameter for `case`; `None` when it has a non-finite value.
pub fn encode(case: &Case) -> Option<String> {
    input_json(case).map(|json| base64url::encode(json.as_bytes()))
}

/// The case a link's `case` parameter holds. Never panics, whatever the parameter.
pub fn decode(param: &str) -> Result<Case, LinkError> {
    if param.trim().is_empty() {
        return Err(LinkError::Empty);
    }
    let bytes = base64url::decode(param).ok_or(LinkError::NotBase64)?;
    let text = String::from_utf8(bytes).map_err(|_| LinkError::NotText)?;
    parse_case(&text).map_err(LinkError::Case)
}

fn number(value: f64) -> Option<String> {
    value.is_finite().then(|| format!("{value:?}"))
}

fn list(values: impl Iterator<Item = f64>) -> Option<String> {
    let items: Vec<String> = values.map(number).collect::<Option<_>>()?;
    Some(format!("[{}]", items.join(",")))
}

/// Arrays of rows, numpy's layout. // [rows x cols]
fn rows(matrix: &DMatrix<f64>) -> Option<String> {
    let rows: Vec<String> = matrix.row_iter().map(|row| list(row.iter().copied())).collect::<Option<_>>()?;
    Some(format!("[{}]", rows.join(",")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mlp::Params;
    use nalgebra::DVector;

    fn case(lambda: f64) -> Case {
        case_with(Penalty::weight_decay(lambda))
    }

    fn case_with(penalty: Penalty) -> Case {
        let params = Params {
            w1: DMatrix::from_row_slice(3, 2, &[0.1, -2.5e-7, 1e300, 3.0, -0.0, 1.0 / 3.0]), // [d_h x d]
            b1: DVector::from_vec(vec![0.0, 1e-320, -7.25]),
            w2: DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, f64::MIN_POSITIVE]), // [m x d_h]
            b2: DVector::from_vec(vec![0.5, -0.5]),
        };
        Case { params, x: DVector::from_vec(vec![std::f64::consts::PI, -1e-9]), y: 1, penalty }
    }

    #[test]
    fn a_case_survives_the_link_bit_for_bit() {
        let case = case(0.01);
        let param = encode(&case).expect("finite");
        assert!(param.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        let back = decode(&param).expect("reads back");
        assert_eq!(back, case);
        assert_eq!(back.params.w1[(2, 0)].to_bits(), (-0.0f64).to_bits(), "the sign of zero too");
        // the full penalty: its four coefficients, in place of `lambda`
        let mut full = Penalty::weight_decay(0.001);
        full.set(Coefficient::L21, 0.25);
        let back = decode(&encode(&case_with(full)).expect("finite")).expect("reads back");
        assert_eq!(back.penalty, full);
        let json = input_json(&case_with(full)).expect("finite");
        assert!(json.contains(r#""m":2,"l11":0.0,"l12":0.001,"l21":0.25,"l22":0.001,"params""#), "{json}");
    }

    #[test]
    fn the_link_holds_only_the_input() {
        let json = input_json(&case(0.0)).expect("finite");
        assert!(json.starts_with(r#"{"d":2,"d_h":3,"m":2,"lambda":0.0,"params":{"W1":[[0.1,-2.5e-7],"#), "{json}");
        assert!(json.ends_with(r#""x":[3.141592653589793,-1e-9],"y":1}"#), "{json}");
        assert!(!json.contains("forward") && !json.contains(' '));
    }

    #[test]
    fn a_non_finite_value_gives_no_link() {
        let mut case = case(0.0);
        case.params.b2[1] = f64::NAN;
        assert_eq!(encode(&case), None);
    }

    #[test]
    fn bad_parameters_say_what_is_wrong_and_never_panic() {
        assert_eq!(decode(""), Err(LinkError::Empty));
        assert_eq!(decode("abc$"), Err(LinkError::NotBase64));
        assert_eq!(decode("abcde"), Err(LinkError::NotBase64));
        assert_eq!(decode(&base64url::encode(&[0xff, 0xfe])), Err(LinkError::NotText));
        assert!(matches!(decode(&base64url::encode(b"{\"y\": 7")), Err(LinkError::Case(CaseError::Json { .. }))));
        // Every byte string, cut anywhere: an error or a case, never a panic.
        let good = encode(&case(0.1)).expect("finite");
        for end in 0..good.len() {
            let _ = decode(&good[..end]);
        }
        for seed in 0u32..2000 {
            let bytes: Vec<u8> = (0..(seed % 97)).map(|i| (seed.wrapping_mul(2654435761).rotate_left(i) & 0xff) as u8).collect();
            let _ = decode(&base64url::encode(&bytes));
            let _ = decode(&String::from_utf8_lossy(&bytes));
        }
    }

    /// Property tests of [`decode`] ("the page never dies"): native only, as proptest is a
    /// native dev-dependency. The case format itself is fuzzed in `crates/mlp/tests/case_fuzz.rs`.
    #[cfg(not(target_arch = "wasm32"))]
    mod fuzz {
        use super::*;
        use crate::stepper::Example;
        use mlp::Mistakes;
        use proptest::prelude::*;

        /// A case of a random shape (d, d_h ≤ 4, 2 ≤ m ≤ 4) with any finite numbers.
        fn any_case() -> impl Strategy<Value = Case> {
            let number = || prop_oneof![-3.0..3.0f64, any::<f64>(), Just(-0.0), Just(5e-324)];
            (1..=4usize, 1..=4usize, 2..=4usize).prop_flat_map(move |(d, d_h, m)| {
                let values = move |n| prop::collection::vec(number(), n);
                (values(d_h * d), values(d_h), values(m * d_h), values(m), values(d), 0..m, 0.0..10.0f64).prop_map(
                    move |(w1, b1, w2, b2, x, y, lambda)| Case {
                        params: Params {
                            w1: DMatrix::from_row_slice(d_h, d, &w1), // [d_h x d]
                            b1: DVector::from_vec(b1),
                            w2: DMatrix::from_row_slice(m, d_h, &w2), // [m x d_h]
                            b2: DVector::from_vec(b2),
                        },
                        x: DVector::from_vec(x),
                        y,
                        penalty: Penalty::weight_decay(lambda),
                    },
                )
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Any parameter: a case the stepper can walk, or an error that matches the text.
            #[test]
            fn any_parameter_gives_a_walkable_case_or_an_error(param in prop_oneof!["\\PC{0,80}", "[A-Za-z0-9_=+/-]{0,120}"]) {
                match decode(&param) {
                    Ok(case) => {
                        let Case { params, x, y, penalty } = case;
                        let example = Example { params, x, y, penalty, rule: mlp::UpdateRule::Sgd, eta: 0.1, mistakes: Mistakes::NONE };
                        prop_assert!(Walk::new(example).is_ok());
                    }
                    Err(LinkError::Empty) => prop_assert!(param.trim().is_empty()),
                    Err(LinkError::NotBase64) => prop_assert!(base64url::decode(&param).is_none()),
                    Err(_) => prop_assert!(base64url::decode(&param).is_some()),
                }
            }

            /// A case's link reads back bit for bit; cut anywhere short, it is refused.
            #[test]
            fn a_link_reads_back_and_a_cut_one_is_refused(case in any_case(), cut in any::<prop::sample::Index>()) {
                let param = encode(&case).expect("finite");
                let back = decode(&param);
                prop_assert_eq!(back.as_ref(), Ok(&case));
                let end = cut.index(param.len());
                prop_assert!(decode(&param[..end]).is_err(), "cut at {} of {}", end, param.len());
            }

            /// Random bytes in the link: refused as not text, or read as text (a case or why not).
            #[test]
            fn random_bytes_are_not_text_or_are_read(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
                let text = std::str::from_utf8(&bytes);
                match decode(&base64url::encode(&bytes)) {
                    Err(LinkError::Empty) => prop_assert!(bytes.is_empty()),
                    Err(LinkError::NotBase64) => prop_assert!(false, "its own encoding is base64"),
                    Err(LinkError::NotText) => prop_assert!(text.is_err()),
                    Err(LinkError::Case(e)) => prop_assert_eq!(text.map(parse_case), Ok(Err(e))),
                    Ok(case) => prop_assert_eq!(text.map(parse_case), Ok(Ok(case))),
                }
            }
        }
    }
}
