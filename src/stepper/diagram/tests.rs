//! Native tests of the diagram's layout and markup.

use super::*;
use crate::i18n::Lang;
use crate::stepper::quantity::Quantity;
use crate::stepper::{Example, Step, Walk};
use mlp::{Params, Shape};
use nalgebra::DVector;
use rand::SeedableRng;
use rand_pcg::Pcg64;

/// A walk through a random d-d_h-m network, x_j = sin(j + 1), y = m − 1.
fn random_walk(d: usize, d_h: usize, m: usize) -> Walk {
    let shape = Shape::new(d, d_h, m).unwrap();
    let params = Params::init(shape, &mut Pcg64::seed_from_u64(1));
    let x = DVector::from_fn(d, |j, _| (j as f64 + 1.0).sin());
    Walk::new(Example { params, x, y: m - 1, penalty: mlp::Penalty::weight_decay(0.01), rule: mlp::UpdateRule::Sgd, eta: 0.1, mistakes: mlp::Mistakes::NONE }).unwrap()
}

/// A 2-3-2 network whose hidden unit 1 is inactive: x = (1, 2), so
/// h^a = W⁽¹⁾x = (1·1, −1·1, 1·2) = (1, −1, 2); y = 1.
fn small_walk() -> Walk {
    let params = Params::from_rows(
        &[vec![1.0, 0.0], vec![-1.0, 0.0], vec![0.0, 1.0]],
        &[0.0, 0.0, 0.0],
        &[vec![1.0, -1.0, 0.5], vec![-0.5, 1.0, 1.0]],
        &[0.0, 0.0],
    )
    .unwrap();
    let x = DVector::from_vec(vec![1.0, 2.0]);
    Walk::new(Example { params, x, y: 1, penalty: mlp::Penalty::weight_decay(0.01), rule: mlp::UpdateRule::Sgd, eta: 0.1, mistakes: mlp::Mistakes::NONE }).unwrap()
}

fn nodes_of(diagram: &Diagram, layer: Layer) -> Vec<&Node> {
    diagram.nodes.iter().filter(|n| n.layer == layer).collect()
}

fn edges_of(diagram: &Diagram, matrix: Matrix) -> Vec<&Edge> {
    diagram.edges.iter().filter(|e| e.matrix == matrix).collect()
}

/// Elements in SVG markup: every `<` that opens a tag.
fn element_count(svg: &str) -> usize {
    svg.as_bytes().windows(2).filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic()).count()
}

#[test]
fn small_layers_show_every_unit_and_large_ones_collapse() {
    assert_eq!(rows(16).len(), 16);
    assert!(rows(16).iter().all(|r| matches!(r, Row::Unit(_))));
    let big = rows(256);
    assert_eq!(big.len(), 16);
    assert_eq!(big[11], Row::Unit(11));
    // 256 − 12 − 3 = 241 units are summarized; the last three are 253, 254, 255.
    assert_eq!(big[12], Row::More(241));
    assert_eq!(&big[13..], &[Row::Unit(253), Row::Unit(254), Row::Unit(255)]);
}

#[test]
fn hidden_activation_reads_w1_and_x_and_writes_h_a() {
    let walk = small_walk();
    let diagram = layout(&walk, Step::HiddenActivation);
    assert_eq!((diagram.nodes.len(), diagram.edges.len()), (2 + 3 + 2, 2 * 3 + 3 * 2));
    assert!(nodes_of(&diagram, Layer::Input).iter().all(|n| n.role == Role::Read));
    let hidden = nodes_of(&diagram, Layer::Hidden);
    assert!(hidden.iter().all(|n| n.role == Role::Written && !n.inactive));
    let h_a: Vec<f64> = hidden.iter().filter_map(|n| n.value).collect();
    assert_eq!(h_a, vec![1.0, -1.0, 2.0]);
    // The outputs are not computed yet.
    assert!(nodes_of(&diagram, Layer::Output)
        .iter()
        .all(|n| n.value.is_none() && n.role == Role::Idle));
    assert!(edges_of(&diagram, Matrix::W1)
        .iter()
        .all(|e| e.role == Role::Read && e.grad.is_none()));
    assert!(edges_of(&diagram, Matrix::W2).iter().all(|e| e.role == Role::Idle));
    assert_eq!(diagram.flow, Flow::Forward);
}

#[test]
fn rect_greys_inactive_units_and_n_blocks_their_gradient() {
    let walk = small_walk();
    let inactive = |step| -> Vec<bool> {
        nodes_of(&layout(&walk, step), Layer::Hidden).iter().map(|n| n.inactive).collect()
    };
    assert_eq!(inactive(Step::HiddenOutput), vec![false, true, false]);
    let n = layout(&walk, Step::GradHiddenActivation);
    let blocked: Vec<bool> = nodes_of(&n, Layer::Hidden).iter().map(|n| n.blocked).collect();
    assert_eq!(blocked, vec![false, true, false]);
    // ∂L/∂h^a_1 = ∂L/∂h^s_1 · 1{h^a_1 > 0} = 0.
    assert_eq!(nodes_of(&n, Layer::Hidden)[1].value, Some(0.0));
    assert!(nodes_of(&layout(&walk, Step::GradHiddenOutput), Layer::Hidden)
        .iter()
        .all(|n| !n.blocked));
}

#[test]
fn the_loss_step_focuses_on_the_true_class() {
    let walk = small_walk();
    let diagram = layout(&walk, Step::Loss);
    let outputs = nodes_of(&diagram, Layer::Output);
    assert_eq!((outputs[1].role, outputs[1].target), (Role::Focus, true));
    assert_eq!((outputs[0].role, outputs[0].target), (Role::Read, false));
    assert_eq!(diagram.loss, Some(walk.fwd.loss));
    assert_eq!(layout(&walk, Step::Softmax).loss, None);
}

#[test]
fn backward_edges_are_drawn_from_the_gradient_their_step_computes() {
    let walk = random_walk(3, 5, 4);
    let j = layout(&walk, Step::GradW2);
    assert_eq!(j.flow, Flow::Backward);
    for edge in edges_of(&j, Matrix::W2) {
        let g = walk.grads.w2[edge.entry];
        assert_eq!(
            (edge.value, edge.grad, edge.role),
            (g, Some((Quantity::GradW2, g)), Role::Written)
        );
    }
    assert!(edges_of(&j, Matrix::W1).iter().all(|e| e.grad.is_none() && e.value == e.weight));
    let p = layout(&walk, Step::GradW1);
    assert!(edges_of(&p, Matrix::W1)
        .iter()
        .all(|e| e.value == walk.grads.w1[e.entry] && e.role == Role::Written));
    // At (l) the edges are read as weights again; ∂L/∂W⁽²⁾ stays in the tooltip.
    let l = layout(&walk, Step::GradHiddenOutput);
    assert!(edges_of(&l, Matrix::W2)
        .iter()
        .all(|e| e.value == e.weight && e.role == Role::Read && e.grad.is_some()));
    let r = layout(&walk, Step::RegW1);
    assert!(edges_of(&r, Matrix::W1)
        .iter()
        .all(|e| e.grad == Some((Quantity::RegW1, walk.grads.w1_reg[e.entry]))));
    let f = layout(&walk, Step::Update);
    assert!(f.edges.iter().all(|e| e.role == Role::Written));
    assert!(edges_of(&f, Matrix::W2).iter().all(|e| e.value == walk.updated.w2[e.entry]));
}

#[test]
fn widths_grow_with_magnitude_up_to_the_largest_of_the_matrix() {
    let walk = random_walk(4, 6, 3);
    for step in Step::ALL {
        let diagram = layout(&walk, step);
        for matrix in [Matrix::W1, Matrix::W2] {
            let edges = edges_of(&diagram, matrix);
            assert!(edges.iter().all(|e| (0.5..=5.0).contains(&e.width)), "{step:?}");
            let widest = edges.iter().max_by(|a, b| a.value.abs().total_cmp(&b.value.abs()));
            let widest = widest.map_or(0.0, |e| e.width);
            assert!(
                (widest - 5.0).abs() < 1e-9 || edges.iter().all(|e| e.value == 0.0),
                "{step:?} {matrix:?}"
            );
        }
    }
}

#[test]
fn every_step_has_a_row_in_the_touch_table_that_matches_the_course() {
    use Role::{Idle as I, Read as R, Written as W};
    assert_eq!(touch(Step::OutputActivation).weights, [I, R]);
    assert_eq!(touch(Step::GradHiddenOutput).units, [I, W, R]);
    assert_eq!(touch(Step::GradInput).units, [W, R, I]);
    assert_eq!(touch(Step::RegW2).weights, [I, W]);
    assert_eq!(touch(Step::Update).weights, [W, W]);
    // Every step computes something drawn on the network, except (d): L is printed below it.
    for step in Step::ALL.into_iter().filter(|&s| s != Step::Loss) {
        let touched = touch(step);
        let writes = touched.units.iter().chain(&touched.weights).filter(|r| **r == W).count();
        assert!(writes >= 1, "{step:?} writes nothing");
    }
}

#[test]
fn a_wide_network_stays_small_at_every_step() {
    for (d, d_h, m) in [(7, 256, 8), (16, 16, 16), (7, 4096, 8), (20, 300, 20)] {
        let walk = random_walk(d, d_h, m);
        for step in Step::ALL {
            let diagram = layout(&walk, step);
            assert!(
                diagram.nodes.len() <= 3 * MAX_DRAWN
                    && diagram.edges.len() <= 2 * MAX_DRAWN * MAX_DRAWN
            );
            let svg = render(&diagram, Lang::Fr);
            let elements = element_count(&svg);
            assert!(elements < 2000, "{d}-{d_h}-{m} at {step:?}: {elements} elements");
        }
    }
    let diagram = layout(&random_walk(7, 256, 8), Step::GradW1);
    // 7 inputs × 15 drawn hidden units, 15 × 8 outputs; one marker and one band per side.
    assert_eq!(diagram.edges.len(), 7 * 15 + 15 * 8);
    assert_eq!(diagram.collapsed.len(), 1);
    assert_eq!(diagram.collapsed[0].count, 241);
    assert_eq!(diagram.bands.len(), 2);
    assert_eq!(diagram.sizes(), [7, 256, 8]);
}

#[test]
fn the_markup_is_labelled_and_speaks_the_page_language() {
    let walk = random_walk(7, 256, 8);
    let en = render(&layout(&walk, Step::GradW1), Lang::En);
    let fr = render(&layout(&walk, Step::GradW1), Lang::Fr);
    assert!(en.starts_with(r#"<svg id="network-diagram""#) && en.ends_with("</svg>"));
    assert!(
        en.contains(r#"role="img""#) && en.contains("aria-label=\"Network diagram at step (p)")
    );
    assert!(en.contains("… 241 more hidden units") && fr.contains("… 241 autres unités cachées"));
    assert!(en.contains("∂L/∂W⁽¹⁾") && en.contains(r#"class="backward""#));
    // Apostrophes in French are escaped inside the attribute.
    assert!(fr.contains("l&#39;étape (p)"));
    let forward = render(&layout(&small_walk(), Step::HiddenActivation), Lang::En);
    assert!(forward.contains(r#"class="forward""#) && forward.contains("not computed yet"));
    assert!(!forward.contains("NaN"));
}

/// Writes a few diagrams to /tmp/diagram-*.svg with the page's stylesheet inlined, to look
/// at them: `cargo test -p backprop-lab --lib diagram::tests::write_previews -- --ignored`.
#[test]
#[ignore]
fn write_previews() {
    let style = include_str!("../../../style/diagram.css");
    let cases = [
        ("a", small_walk(), Step::HiddenActivation, Lang::En),
        ("a2", small_walk(), Step::HiddenOutput, Lang::En),
        ("d", small_walk(), Step::Loss, Lang::Fr),
        ("l", small_walk(), Step::GradHiddenOutput, Lang::En),
        ("n", small_walk(), Step::GradHiddenActivation, Lang::Fr),
        ("p", random_walk(7, 256, 8), Step::GradW1, Lang::En),
        ("f", random_walk(3, 8, 4), Step::Update, Lang::Fr),
    ];
    for (name, walk, step, lang) in cases {
        let svg = render(&layout(&walk, step), lang);
        let styled = svg.replacen('>', &format!("><style>{style}</style>"), 1);
        std::fs::write(format!("/tmp/diagram-{name}.svg"), styled).unwrap();
    }
}
