//! Class colours and markers.
//!
//! The colours are the Okabe–Ito palette, chosen to stay distinguishable for the common forms
//! of colour blindness; each class also has its own marker shape, so the plot still reads in
//! grey scale or on a washed-out classroom projector.

/// Up to this many classes get a colour of their own (the digits' ten).
pub const MAX_CLASSES: usize = 10;

const RGB: [(u8, u8, u8); MAX_CLASSES] = [
    (0, 114, 178),   // blue
    (213, 94, 0),    // vermillion
    (0, 158, 115),   // bluish green
    (230, 159, 0),   // orange
    (204, 121, 167), // reddish purple
    (86, 180, 233),  // sky blue
    (240, 228, 66),  // yellow
    (0, 0, 0),       // black
    // Beyond Okabe–Ito's eight, the two colours farthest from them (and from each other) for
    // every viewer of the check below: found by a search over a 16-step RGB grid.
    (136, 34, 238),  // violet
    (102, 51, 17),   // dark brown
];

/// The shape a class's points are drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Triangle,
    Square,
    Cross,
    Diamond,
}

impl Marker {
    /// The same shape as a text symbol, for legends.
    pub fn symbol(self) -> &'static str {
        match self {
            Marker::Circle => "●",
            Marker::Triangle => "▲",
            Marker::Square => "■",
            Marker::Cross => "✕",
            Marker::Diamond => "◆",
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
    [Marker::Circle, Marker::Triangle, Marker::Square, Marker::Cross, Marker::Diamond][class % 5]
}

/// The colours of 8×8 images (the digits, what a hidden unit looks for, a saliency map).
pub mod images {
    /// RGBA of a grey-scale image whose values are in [0, 1] (0 white, 1 black ink).
    pub fn ink_rgba(values: &[f64]) -> Vec<u8> {
        values
            .iter()
            .flat_map(|&v| {
                let level = (255.0 * (1.0 - v.clamp(0.0, 1.0))).round() as u8;
                [level, level, level, 255]
            })
            .collect()
    }

    /// The two ends of the diverging scale, as the stepper's tables tint their entries: positive
    /// blue, negative vermillion (Okabe–Ito), white at 0.
    const POSITIVE: [f64; 3] = [0.0, 114.0, 178.0];
    const NEGATIVE: [f64; 3] = [213.0, 94.0, 0.0];

    /// RGBA of signed values on a diverging scale: 0 white, +scale full blue, −scale full
    /// vermillion (beyond: the same). A zero or non-finite scale gives white.
    pub fn diverging_rgba(values: &[f64], scale: f64) -> Vec<u8> {
        values
            .iter()
            .flat_map(|&v| {
                let t = if scale > 0.0 && scale.is_finite() && v.is_finite() { (v / scale).clamp(-1.0, 1.0) } else { 0.0 };
                let end = if t < 0.0 { NEGATIVE } else { POSITIVE };
                let mix = |c: f64| (255.0 + (c - 255.0) * t.abs()).round() as u8;
                [mix(end[0]), mix(end[1]), mix(end[2]), 255]
            })
            .collect()
    }

    /// The largest |value|, the diverging scale that shows all of them.
    pub fn largest_magnitude(values: &[f64]) -> f64 {
        values.iter().filter(|v| v.is_finite()).fold(0.0, |max, v| max.max(v.abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::images::*;
    use super::*;

    #[test]
    fn images_map_ink_and_signs_to_colours() {
        assert_eq!(ink_rgba(&[0.0, 1.0, 0.5]), [255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255]);
        let rgba = diverging_rgba(&[0.0, -2.0, 2.0, 1.0], 2.0);
        assert_eq!(&rgba[..4], [255, 255, 255, 255]);
        assert_eq!(&rgba[4..8], [213, 94, 0, 255]);
        assert_eq!(&rgba[8..12], [0, 114, 178, 255]);
        assert_eq!(&rgba[12..16], [128, 185, 217, 255]);
        assert_eq!(diverging_rgba(&[1.0], 0.0), [255, 255, 255, 255]);
        assert_eq!(largest_magnitude(&[0.5, -3.0, f64::NAN]), 3.0);
    }

    #[test]
    fn ten_classes_have_ten_distinct_colours() {
        let mut colours: Vec<_> = (0..MAX_CLASSES).map(class_rgb).collect();
        colours.dedup();
        assert_eq!(colours.len(), MAX_CLASSES);
        assert_eq!(class_css(0), "#0072b2");
        assert_eq!(class_rgb(MAX_CLASSES), class_rgb(0));
    }

    /// Colour-vision deficiency as a linear map on linear RGB (Machado, Oliveira and Fernandes
    /// 2009, severity 1: a full dichromat).
    const PROTAN: [[f64; 3]; 3] = [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]];
    const DEUTAN: [[f64; 3]; 3] = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]];
    const TRITAN: [[f64; 3]; 3] = [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]];
    const NORMAL: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

    /// CIELAB (D65) of `rgb` as seen through `vision`.
    fn seen(rgb: (u8, u8, u8), vision: &[[f64; 3]; 3]) -> [f64; 3] {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        let l = [linear(rgb.0), linear(rgb.1), linear(rgb.2)];
        let [r, g, b] = vision.map(|row| (row[0] * l[0] + row[1] * l[1] + row[2] * l[2]).clamp(0.0, 1.0));
        let xyz = [
            (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
            0.2126 * r + 0.7152 * g + 0.0722 * b,
            (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
        ];
        let f = xyz.map(|t| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 });
        [116.0 * f[1] - 16.0, 500.0 * (f[0] - f[1]), 200.0 * (f[1] - f[2])]
    }

    /// The CIE76 colour difference ΔE between classes `a` and `b` through `vision`.
    fn delta_e(a: usize, b: usize, vision: &[[f64; 3]; 3]) -> f64 {
        let (p, q) = (seen(class_rgb(a), vision), seen(class_rgb(b), vision));
        ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
    }

    #[test]
    fn classes_stay_apart_for_colour_blind_viewers() {
        // ΔE ≈ 2 is a just-noticeable difference; Okabe–Ito keeps every pair of its eight at
        // ΔE ≥ 16 for protanopes, deuteranopes and tritanopes, the two added colours keep ΔE ≥ 34
        // from them and from each other, and the pairs that share a marker are ΔE ≥ 20 apart,
        // so shape and colour together always tell two of the ten classes apart.
        for (name, vision) in [("normal", NORMAL), ("protan", PROTAN), ("deutan", DEUTAN), ("tritan", TRITAN)] {
            for a in 0..MAX_CLASSES {
                for b in a + 1..MAX_CLASSES {
                    let de = delta_e(a, b, &vision);
                    assert!(de >= 15.0, "{name}: classes {a} and {b} are ΔE {de:.1} apart");
                    if class_marker(a) == class_marker(b) {
                        assert!(de >= 20.0, "{name}: classes {a} and {b} share a marker and are ΔE {de:.1} apart");
                    }
                }
            }
        }
    }

    #[test]
    fn neighbouring_classes_differ_in_shape_too() {
        for class in 0..MAX_CLASSES - 1 {
            assert_ne!(class_marker(class), class_marker(class + 1));
        }
    }
}
