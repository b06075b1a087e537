//! The canvas backend the page draws its charts with: plotters' `CanvasBackend`, except that
//! text is measured with the canvas's own `measureText`.
//!
//! plotters measures a label by appending a `<span>` to the page and reading its size, which
//! forces the browser to lay out the whole page (MathML, tables, …) once per label: tens of
//! layouts per chart, enough to make a frame late while training. `measureText` asks the
//! canvas's font engine and touches no layout.

use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The canvas backend's error type (plotters-canvas does not export its name).
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;

/// [`CanvasBackend`] with text measured and drawn by the canvas (see the module docs).
pub struct Canvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// The font last given to the context: setting `font` makes the browser parse the CSS font
    /// again, so it is only set when it changes.
    font: std::cell::RefCell<String>,
}

impl Canvas {
    /// The backend drawing on `canvas`, or `None` if it has no 2D context.
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Canvas> {
        let context = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
        Some(Canvas { inner: CanvasBackend::with_canvas_object(canvas.clone())?, context, font: Default::default() })
    }

    /// Gives the context the font of `style`, if it does not have it already.
    fn use_font<S: BackendTextStyle>(&self, style: &S) {
        let font = css_font(style);
        let mut current = self.font.borrow_mut();
        if *current != font {
            self.context.set_font(&font);
            *current = font;
        }
    }
}

impl DrawingBackend for Canvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.fill_polygon(vert, style)
    }

    /// `fillText` at `pos`, aligned as the style's anchor says, turned by its transform.
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), DrawingErrorKind<CanvasError>> {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        let turns = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 0.25,
            FontTransform::Rotate180 => 0.5,
            FontTransform::Rotate270 => 0.75,
        };
        let context = &self.context;
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        if turns != 0.0 {
            context.save();
            // A failed transform leaves the text unturned: not worth losing the chart for.
            let _ = context.translate(x, y);
            let _ = context.rotate(turns * std::f64::consts::TAU);
            (x, y) = (0.0, 0.0);
        }
        context.set_text_baseline(match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        context.set_text_align(match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        });
        let (r, g, b) = colour.rgb;
        context.set_fill_style_str(&format!("rgba({r},{g},{b},{})", colour.alpha));
        self.use_font(style);
        // fillText throws only for non-finite coordinates, which integers are not; the error
        // type of plotters-canvas cannot be built outside it anyway.
        let _ = context.fill_text(text, x, y);
        if turns != 0.0 {
            context.restore();
            // `restore` brings back the font saved before: forget what was set since.
            self.font.borrow_mut().clear();
        }
        Ok(())
    }

    /// Width from `measureText` in the style's font; height from the font size (what plotters'
    /// own measure gives for one line of text, near enough to place labels).
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        self.use_font(style);
        let width = self.context.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
        Ok((width.ceil() as u32, (style.size() * 1.2).ceil() as u32))
    }
}

/// The CSS font of a plotters text style, as the canvas backend sets it before drawing.
pub fn css_font<S: BackendTextStyle>(style: &S) -> String {
    format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str())
}
