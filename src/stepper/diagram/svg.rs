//! The laid-out diagram as SVG markup, built as one string: a few hundred elements are set
//! with one `innerHTML` instead of one DOM call each, and native tests can read the result.
//!
//! Colours, highlights and the flow animation come from classes styled in
//! `style/diagram.css` (`pos`/`neg` for the sign, `idle`/`read`/`written`/`focus` for the
//! role); only what depends on a value is written inline: edge widths and node tints.
//! Every text is ours, and still escaped.

use std::fmt::Write;

use super::layout::{MORE_WIDTH, RADIUS};
use super::model::{Band, Collapsed, Diagram, Edge, Layer, Node};
use super::names::name;
use crate::i18n;
use super::touch::{Flow, Role};
use crate::i18n::diagram::{aria_label, layer_name, more_units, DiagramMsg};
use crate::i18n::{t, Lang};
use crate::i18n::fixed;
use crate::stepper::quantity::Quantity;

/// The id of the `<svg>` element.
pub const SVG_ID: &str = "network-diagram";

/// The whole `<svg>` element for `diagram`, its texts in `lang`.
pub fn render(diagram: &Diagram, lang: Lang) -> String {
    let mut out =
        String::with_capacity(160 * (diagram.edges.len() + 3 * diagram.nodes.len()) + 2048);
    let (w, h) = (diagram.width, diagram.height);
    let flow = match diagram.flow {
        Flow::Forward => "forward",
        Flow::Backward => "backward",
        Flow::Update => "update",
    };
    let label = aria_label(lang, diagram.step.letter(), diagram.sizes());
    let _ = write!(
        out,
        r#"<svg id="{SVG_ID}" class="{flow}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{}" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" data-step="{}">"#,
        esc(&label),
        diagram.step.key()
    );
    headings(&mut out, diagram, lang);
    diagram.bands.iter().for_each(|band| band_markup(&mut out, band));
    out.push_str(r#"<g class="edges">"#);
    diagram.edges.iter().for_each(|edge| edge_markup(&mut out, diagram, edge, lang));
    out.push_str(r#"</g><g class="units">"#);
    for node in &diagram.nodes {
        let quantity = diagram.columns.get(node.layer.column()).and_then(|c| c.quantity);
        node_markup(&mut out, node, quantity, lang);
    }
    out.push_str("</g>");
    diagram.collapsed.iter().for_each(|more| more_markup(&mut out, more, lang));
    if let (Some(loss), Some(column)) = (diagram.loss, diagram.columns.get(2)) {
        let text = format!("{} = {}", t(lang, DiagramMsg::Loss), i18n::number(lang, loss, 3));
        text_at(&mut out, (column.x, column.last_y + 2.6 * RADIUS), "loss", &text);
    }
    out.push_str("</svg>");
    out
}

/// Layer names and quantities above the columns; between them, what the edges show and
/// which way the step goes.
fn headings(out: &mut String, diagram: &Diagram, lang: Lang) {
    for (c, column) in diagram.columns.iter().enumerate() {
        text_at(out, (column.x, 18.0), "heading layer", layer_name(lang, c));
        let (class, text) = match column.quantity {
            Some(q) => (format!("heading quantity {}", role_class(column.role)), name(lang, q)),
            None => ("heading quantity not-yet".to_string(), t(lang, DiagramMsg::NotYet)),
        };
        text_at(out, (column.x, 38.0), &class, text);
    }
    for (i, pair) in diagram.columns.windows(2).enumerate() {
        let (Some(&quantity), Some(&role)) =
            (diagram.edge_quantities.get(i), diagram.weight_roles.get(i))
        else {
            continue;
        };
        let q = name(lang, quantity);
        let text = match diagram.flow {
            Flow::Forward => format!("{q} →"),
            Flow::Backward => format!("← {q}"),
            Flow::Update => q.to_string(),
        };
        let class = format!("heading matrix {}", role_class(role));
        text_at(out, ((pair[0].x + pair[1].x) / 2.0, 56.0), &class, &text);
    }
}

/// One edge: a line from the right of one circle to the left of the next, with its entry
/// and values as a tooltip.
fn edge_markup(out: &mut String, diagram: &Diagram, edge: &Edge, lang: Lang) {
    let (Some(a), Some(b)) = (diagram.nodes.get(edge.from), diagram.nodes.get(edge.to)) else {
        return;
    };
    let (k, j) = edge.entry;
    let weights = name(lang, edge.matrix.weights());
    let mut title = format!("{weights}[{k}, {j}] = {}", fixed(lang, edge.weight));
    if let Some((q, g)) = edge.grad {
        let _ = write!(title, " · {}[{k}, {j}] = {}", name(lang, q), fixed(lang, g));
    }
    let shown = diagram.edge_quantities[edge.matrix.index()];
    if matches!(shown, Quantity::NewW1 | Quantity::NewW2) {
        let _ = write!(title, " · {}[{k}, {j}] = {}", name(lang, shown), fixed(lang, edge.value));
    }
    let _ = write!(
        out,
        r#"<line class="edge {} {}" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke-width="{:.2}"><title>{}</title></line>"#,
        sign_class(edge.value),
        role_class(edge.role),
        a.x + RADIUS,
        a.y,
        b.x - RADIUS,
        b.y,
        edge.width,
        esc(&title)
    );
}

/// One unit: its circle (tinted by sign and magnitude), its index inside, its value beside.
fn node_markup(out: &mut String, node: &Node, quantity: Option<Quantity>, lang: Lang) {
    let (x, y) = (node.x, node.y);
    let mut class =
        format!("unit {} {}", sign_class(node.value.unwrap_or(0.0)), role_class(node.role));
    for (flag, name) in
        [(node.inactive, " inactive"), (node.blocked, " blocked"), (node.target, " target")]
    {
        if flag {
            class.push_str(name);
        }
    }
    let prefix = ["x", "h", "o"][node.layer.column()];
    let _ = write!(out, r#"<g class="{class}" data-unit="{prefix}{}">"#, node.index);
    let _ = write!(out, "<title>{}</title>", esc(&node_title(node, quantity, lang)));
    if node.target {
        let _ = write!(
            out,
            r#"<circle class="ring" cx="{x:.1}" cy="{y:.1}" r="{:.1}"/>"#,
            RADIUS + 4.0
        );
    }
    let opacity = if node.value.is_some() { 0.1 + 0.8 * node.tint } else { 0.0 };
    let _ = write!(
        out,
        r#"<circle cx="{x:.1}" cy="{y:.1}" r="{RADIUS:.1}" fill-opacity="{opacity:.2}"/>"#
    );
    // Three-digit indices (d_h ≥ 100) need a smaller font to fit in the circle.
    let index_class = if node.index >= 100 { "index long" } else { "index" };
    text_at(out, (x, y), index_class, &node.index.to_string());
    if node.blocked {
        let r = RADIUS * 0.8;
        let _ = write!(
            out,
            r#"<line class="block" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/>"#,
            x - r,
            y + r,
            x + r,
            y - r
        );
    }
    if let Some(value) = node.value {
        let gap = RADIUS + if node.target { 9.0 } else { 5.0 };
        let (vx, anchor) =
            if node.layer == Layer::Input { (x - gap, "end") } else { (x + gap, "start") };
        let text = esc(&i18n::number(lang, value, 3));
        let tag = if node.target {
            format!(r#"<tspan class="y-tag" dx="6">{}</tspan>"#, esc(t(lang, DiagramMsg::YTag)))
        } else {
            String::new()
        };
        let _ = write!(
            out,
            r#"<text class="value {anchor}" x="{vx:.1}" y="{y:.1}" dy="0.35em">{text}{tag}</text>"#
        );
    }
    out.push_str("</g>");
}

/// "hᵃ[3] = 0.1234 · inactive unit: hᵃ ≤ 0".
fn node_title(node: &Node, quantity: Option<Quantity>, lang: Lang) -> String {
    let c = node.layer.column();
    let mut title = match (quantity, node.value) {
        (Some(q), Some(v)) => format!("{}[{}] = {}", name(lang, q), node.index, fixed(lang, v)),
        _ => format!("{} {}: {}", layer_name(lang, c), node.index, t(lang, DiagramMsg::NotYet)),
    };
    let notes = [
        (node.inactive, DiagramMsg::InactiveNote),
        (node.blocked, DiagramMsg::BlockedNote),
        (node.target, DiagramMsg::TargetNote),
    ];
    for (_, msg) in notes.iter().filter(|(on, _)| *on) {
        let _ = write!(title, " · {}", t(lang, *msg));
    }
    title
}

/// The "… N more" marker: a pill over the tips of its bands.
fn more_markup(out: &mut String, more: &Collapsed, lang: Lang) {
    let text = more_units(lang, more.layer.column(), more.count);
    let title = format!("{text}: {}", t(lang, DiagramMsg::BandNote));
    let (x, y) = (more.x - MORE_WIDTH / 2.0, more.y - 11.0);
    let _ = write!(
        out,
        r#"<g class="more"><title>{}</title><rect x="{x:.1}" y="{y:.1}" width="{MORE_WIDTH:.0}" height="22" rx="11"/>"#,
        esc(&title)
    );
    text_at(out, (more.x, more.y), "more-text", &text);
    out.push_str("</g>");
}

/// The summarized edges of the units not drawn.
fn band_markup(out: &mut String, band: &Band) {
    let points: Vec<String> = band.points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
    let _ = write!(
        out,
        r#"<polygon class="band {}" points="{}"/>"#,
        role_class(band.role),
        points.join(" ")
    );
}

/// A `<text>` centred vertically on `y`; its class sets the anchor and style.
fn text_at(out: &mut String, (x, y): (f64, f64), class: &str, text: &str) {
    let _ = write!(
        out,
        r#"<text class="{class}" x="{x:.1}" y="{y:.1}" dy="0.35em">{}</text>"#,
        esc(text)
    );
}

fn sign_class(value: f64) -> &'static str {
    if value > 0.0 {
        "pos"
    } else if value < 0.0 {
        "neg"
    } else {
        "zero"
    }
}

fn role_class(role: Role) -> &'static str {
    match role {
        Role::Idle => "idle",
        Role::Read => "read",
        Role::Written => "written",
        Role::Focus => "focus",
    }
}

/// `text` safe inside an element or a double-quoted attribute.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}
