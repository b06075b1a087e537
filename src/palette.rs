//! Class colours and markers.
//!
//! The colours are the Okabe–Ito palette, chosen to stay distinguishable for the common forms
//! of colour blindness; each class also has its own marker shape, so the plot still reads in
//! grey scale or on a washed-out classroom projector.

/// Up to this many classes get a colour of their own.
pub const MAX_CLASSES: usize = 8;

const RGB: [(u8, u8, u8); MAX_CLASSES] = [
    (0, 114, 178),   // blue
    (213, 94, 0),    // vermillion
    (0, 158, 115),   // bluish green
    (230, 159, 0),   // orange
    (204, 121, 167), // reddish purple
    (86, 180, 233),  // sky blue
    (240, 228, 66),  // yellow
    (0, 0, 0),       // black
];

/// The shape a class's points are drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Triangle,
    Square,
    Cross,
}

impl Marker {
    /// The same shape as a text symbol, for legends.
    pub fn symbol(self) -> &'static str {
        match self {
            Marker::Circle => "●",
            Marker::Triangle => "▲",
            Marker::Square => "■",
            Marker::Cross => "✕",
        }
    }
}

/// The colour of class `class` as (r, g, b); classes beyond the palette wrap around.
pub fn class_rgb(class: usize) -> (u8, u8, u8) {
    RGB[class % MAX_CLASSES]
}

/// The colour of class `class` as a CSS `#rrggbb` string.
pub fn class_css(class: usize) -> String {
    let (r, g, b) = class_rgb(class);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The marker of class `class`.
pub fn class_marker(class: usize) -> Marker {
    [Marker::Circle, Marker::Triangle, Marker::Square, Marker::Cross][class % 4]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_classes_have_eight_distinct_colours() {
        let mut colours: Vec<_> = (0..MAX_CLASSES).map(class_rgb).collect();
        colours.dedup();
        assert_eq!(colours.len(), MAX_CLASSES);
        assert_eq!(class_css(0), "#0072b2");
        assert_eq!(class_rgb(MAX_CLASSES), class_rgb(0));
    }

    #[test]
    fn neighbouring_classes_differ_in_shape_too() {
        for class in 0..MAX_CLASSES - 1 {
            assert_ne!(class_marker(class), class_marker(class + 1));
        }
    }
}
