//! The saved images ("Save image (PNG)"): a plot as the page shows it, with a title line and the
//! settings of the run above it and, for the decision regions, the class legend below it, so
//! that a slide or a handout says what it shows.
//!
//! Sizes are in CSS pixels, multiplied by the figure's scale (2: twice the page's size, sharp
//! on a projector). The page composes the image on a canvas that is never added to the page
//! (`src/components/data_plot/save_image.rs`); the drawing here is generic over the backend.

use super::curves::{draw_curves, CurveStyle};
use super::scatter::{draw_scatter, ScatterStyle};
use crate::palette::{class_marker, class_rgb, Marker};
use mlp::{EpochRecord, Split};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Device pixels per CSS pixel of a saved image, whatever the screen's.
pub const FIGURE_SCALE: f64 = 2.0;
/// Padding around the texts, in CSS pixels.
const PAD: f64 = 12.0;
const TITLE_PX: f64 = 17.0;
const TEXT_PX: f64 = 12.5;
/// Line height, in font sizes.
const LINE: f64 = 1.35;
/// Grey of the settings line and the legend's note.
const MUTED: RGBColor = RGBColor(80, 86, 94);

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// The title line and the settings, already cut into lines that fit the image's width.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub title: String,
    pub lines: Vec<String>,
}

impl Header {
    /// Cuts `items` (joined with " · ") into lines at most `width` device pixels wide, measured
    /// in the settings' font on `area`'s backend.
    pub fn fit<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, title: String, items: &[String], width: u32, scale: f64) -> Header {
        let font = TextStyle::from(text_font(scale));
        let measure = |text: &str| area.estimate_text_size(text, &font).map_or(text.chars().count() as f64 * TEXT_PX * scale * 0.6, |(w, _)| f64::from(w));
        let lines = wrap(items, f64::from(width) - 2.0 * PAD * scale, measure);
        Header { title, lines }
    }

    /// Height of the header in device pixels.
    pub fn height(&self, scale: f64) -> u32 {
        let css = PAD + TITLE_PX * LINE + self.lines.len() as f64 * TEXT_PX * LINE + PAD * 0.5;
        (css * scale).round() as u32
    }
}

/// `items` joined with " · " into lines no wider than `max_width` by `measure`; an item wider
/// than the line gets a line of its own.
pub fn wrap(items: &[String], max_width: f64, measure: impl Fn(&str) -> f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for item in items {
        match lines.last_mut() {
            Some(line) if measure(&format!("{line} · {item}")) <= max_width => {
                line.push_str(" · ");
                line.push_str(item);
            }
            _ => lines.push(item.clone()),
        }
    }
    lines
}

fn title_font(scale: f64) -> FontDesc<'static> {
    // The enum, not "sans-serif": see `super::curves::finish`.
    (FontFamily::SansSerif, TITLE_PX * scale, FontStyle::Bold).into_font()
}

fn text_font(scale: f64) -> FontDesc<'static> {
    (FontFamily::SansSerif, TEXT_PX * scale).into_font()
}

/// Draws the title and the settings lines, from the top left of `area`.
pub fn draw_header<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, header: &Header, scale: f64) -> DrawResult<DB> {
    let px = |css: f64| (css * scale).round() as i32;
    let top_left = Pos::new(HPos::Left, VPos::Top);
    let title = title_font(scale).color(&BLACK).pos(top_left);
    area.draw(&Text::new(header.title.clone(), (px(PAD), px(PAD)), title))?;
    let text = text_font(scale).color(&MUTED).pos(top_left);
    for (i, line) in header.lines.iter().enumerate() {
        let y = PAD + TITLE_PX * LINE + i as f64 * TEXT_PX * LINE;
        area.draw(&Text::new(line.clone(), (px(PAD), px(y)), text.clone()))?;
    }
    Ok(())
}

/// Classes per row of the class legend in an image `width` device pixels wide.
fn per_row(width: u32, scale: f64) -> usize {
    ((f64::from(width) / scale - 2.0 * PAD) / 120.0).floor().max(1.0) as usize
}

/// Height of the class legend for `m` classes, in device pixels: rows of classes, then the note.
pub fn legend_height(m: usize, width: u32, scale: f64) -> u32 {
    let rows = m.div_ceil(per_row(width, scale)).max(1);
    ((PAD * 0.5 + (rows as f64 + 1.0) * TEXT_PX * LINE * 1.2 + PAD) * scale).round() as u32
}

/// The class legend: each class's marker in its colour and its `labels` entry ("class 0 (70)"),
/// then `note` (what filled and hollow marks are).
pub fn draw_class_legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, labels: &[String], note: &str, scale: f64) -> DrawResult<DB> {
    let px = |css: f64| (css * scale).round() as i32;
    let (width, _) = area.dim_in_pixel();
    let columns = per_row(width, scale);
    let row_height = TEXT_PX * LINE * 1.2;
    let text = text_font(scale).color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
    let r = px(4.5);
    for (class, label) in labels.iter().enumerate() {
        let (row, column) = (class / columns, class % columns);
        let (x, y) = (px(PAD + 120.0 * column as f64), px(PAD * 0.5 + row_height * (row as f64 + 0.5)));
        let (red, green, blue) = class_rgb(class);
        let style = RGBColor(red, green, blue).filled();
        let centre = (x + r, y);
        match class_marker(class) {
            Marker::Circle => area.draw(&Circle::new(centre, r, style))?,
            Marker::Triangle => area.draw(&TriangleMarker::new(centre, r + 1, style))?,
            Marker::Square => area.draw(&Rectangle::new([(x + 1, y - r + 1), (x + 2 * r - 1, y + r - 1)], style))?,
            Marker::Cross => area.draw(&Cross::new(centre, r, RGBColor(red, green, blue).stroke_width(px(2.0).max(2) as u32)))?,
            Marker::Diamond => {
                let corners = super::scatter::diamond(r).into_iter().map(|(dx, dy)| (centre.0 + dx, centre.1 + dy)).collect::<Vec<_>>();
                area.draw(&Polygon::new(corners, style))?
            }
        }
        area.draw(&Text::new(label.clone(), (x + 2 * r + px(6.0), y), text.clone()))?;
    }
    let rows = labels.len().div_ceil(columns).max(1);
    let muted = text_font(scale).color(&MUTED).pos(Pos::new(HPos::Left, VPos::Center));
    area.draw(&Text::new(note.to_owned(), (px(PAD), px(PAD * 0.5 + row_height * (rows as f64 + 0.5))), muted))
}

/// Everything of the decision-region image but the regions themselves (painted beforehand,
/// pixel by pixel, under [`regions_origin`]): the header, the axes and points, the legend.
/// `root` is the whole image: `header` on top, then the square plot of `side` device pixels,
/// then the legend.
pub fn draw_regions_figure<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    header: &Header,
    split: &Split,
    picked: Option<[f64; 2]>,
    side: u32,
    (labels, note): (&[String], &str),
    decimal_comma: bool,
) -> DrawResult<DB> {
    let scale = FIGURE_SCALE;
    let (top, rest) = root.split_vertically(header.height(scale));
    let (plot, legend) = rest.split_vertically(side);
    draw_header(&top, header, scale)?;
    draw_scatter(&plot, split, ScatterStyle { scale, picked, decimal_comma, window: None })?;
    draw_class_legend(&legend, labels, note, scale)?;
    root.present()
}

/// Where the square plot starts in the decision-region image: below the header.
pub fn regions_origin(header: &Header) -> u32 {
    header.height(FIGURE_SCALE)
}

/// The two charts of the curves image side by side, each `chart` device pixels (width, height)
/// under its title, below the header.
pub fn draw_curves_figure<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    header: &Header,
    history: &[EpochRecord],
    charts: [(&str, &CurveStyle<'_>); 2],
) -> DrawResult<DB> {
    let scale = FIGURE_SCALE;
    let px = |css: f64| (css * scale).round() as u32;
    let (top, rest) = root.split_vertically(header.height(scale));
    draw_header(&top, header, scale)?;
    let (width, _) = rest.dim_in_pixel();
    let (left, right) = rest.split_horizontally(width / 2);
    for (area, (title, style)) in [left, right].iter().zip(charts) {
        let area = area.margin(0, px(PAD), px(PAD), px(PAD));
        let (caption, chart) = area.split_vertically(px(TITLE_PX * LINE));
        let font = (FontFamily::SansSerif, 14.0 * scale, FontStyle::Bold).into_font().color(&BLACK);
        caption.draw(&Text::new(title.to_owned(), (0, 0), font.pos(Pos::new(HPos::Left, VPos::Top))))?;
        draw_curves(&chart, history, style)?;
    }
    root.present()
}

/// The size of the curves image for charts of `chart` CSS pixels and a header of `header`
/// device pixels: two charts side by side with their titles, in device pixels.
pub fn curves_size(chart: (f64, f64), header: u32) -> (u32, u32) {
    let px = |css: f64| (css * FIGURE_SCALE).round() as u32;
    (2 * (px(chart.0) + 2 * px(PAD)), header + px(TITLE_PX * LINE) + px(chart.1) + px(PAD))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_wrap_at_the_separators_and_never_lose_an_item() {
        let items: Vec<String> = ["Two moons", "n = 200", "noise = 0.1", "seed = 1", "m = 2"].map(String::from).to_vec();
        let by_chars = |text: &str| text.chars().count() as f64;
        assert_eq!(wrap(&items, 1000.0, by_chars), vec!["Two moons · n = 200 · noise = 0.1 · seed = 1 · m = 2"]);
        let lines = wrap(&items, 24.0, by_chars);
        assert_eq!(lines, vec!["Two moons · n = 200", "noise = 0.1 · seed = 1", "m = 2"]);
        assert_eq!(wrap(&items, 3.0, by_chars).len(), 5, "too narrow: one item a line");
        assert!(wrap(&[], 100.0, by_chars).is_empty());
    }

    #[test]
    fn the_header_and_the_legend_grow_with_their_lines() {
        let one = Header { title: "t".into(), lines: vec!["a".into()] };
        let two = Header { title: "t".into(), lines: vec!["a".into(), "b".into()] };
        assert!(two.height(2.0) > one.height(2.0));
        // 480 CSS pixels hold 3 classes a row: 8 classes take 3 rows, 2 take 1.
        assert_eq!(per_row(960, 2.0), 3);
        assert!(legend_height(8, 960, 2.0) > legend_height(2, 960, 2.0));
        assert_eq!(legend_height(2, 960, 2.0), legend_height(3, 960, 2.0));
    }

    #[test]
    fn the_curves_image_holds_both_charts_at_twice_their_size() {
        let (width, height) = curves_size((520.0, 300.0), 100);
        assert_eq!(width, 2 * (1040 + 48));
        assert!(height > 100 + 600);
    }
}
