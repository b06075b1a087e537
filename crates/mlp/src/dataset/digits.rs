//! The 8×8 handwritten digits (UCI "Optical Recognition of Handwritten Digits", the copy
//! scikit-learn ships as `load_digits`): 1 797 images of 8×8 pixels with values 0–16, 10
//! classes. The page fetches them from a file of its own the first time they are chosen.
//!
//! **The file** (`digits.bin`): one record of 65 bytes per image, in scikit-learn's order —
//! the 64 pixels row by row from the top left, each 0..=16 (the number of ink pixels in a 4×4
//! block of the 32×32 scan), then the digit 0..=9.
//!
//! **The inputs** are the pixels divided by 16, so x ∈ [0, 1]⁶⁴ (white 0, full ink 1).

use std::fmt;

use super::Table;

/// Side of an image, in pixels.
pub const SIDE: usize = 8;
/// Inputs per image (d).
pub const PIXELS: usize = SIDE * SIDE;
/// Number of classes (the digits 0 to 9).
pub const CLASSES: usize = 10;
/// Images in the file.
pub const IMAGES: usize = 1797;
/// Largest pixel value in the file (white 0, full ink 16).
pub const MAX_PIXEL: u8 = 16;
/// Bytes per image in the file: the pixels, then the label.
pub const RECORD: usize = PIXELS + 1;
/// The file's name, beside the page.
pub const FILE: &str = "digits.bin";

/// Why the bytes are not the digits' file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DigitsError {
    /// The file does not hold [`IMAGES`] records of [`RECORD`] bytes.
    Length {
        /// The bytes received.
        len: usize,
    },
    /// A pixel above [`MAX_PIXEL`].
    Pixel {
        /// Image number, from 0.
        image: usize,
        /// The value read.
        value: u8,
    },
    /// A label that is not a digit.
    Label {
        /// Image number, from 0.
        image: usize,
        /// The value read.
        value: u8,
    },
}

impl fmt::Display for DigitsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DigitsError::Length { len } => write!(
                f,
                "the digits file has {len} bytes instead of {} ({IMAGES} images of {RECORD} bytes)",
                IMAGES * RECORD
            ),
            DigitsError::Pixel { image, value } => {
                write!(f, "image {image} of the digits file has a pixel of {value} (at most {MAX_PIXEL})")
            }
            DigitsError::Label { image, value } => {
                write!(f, "image {image} of the digits file has the label {value} (a digit 0–9)")
            }
        }
    }
}

impl std::error::Error for DigitsError {}

/// The digits as a table of 64 inputs in [0, 1] and 10 classes, from the file's bytes.
pub fn parse(bytes: &[u8]) -> Result<Table, DigitsError> {
    if bytes.len() != IMAGES * RECORD {
        return Err(DigitsError::Length { len: bytes.len() });
    }
    let mut values = Vec::with_capacity(IMAGES * PIXELS);
    let mut labels = Vec::with_capacity(IMAGES);
    for (image, record) in bytes.chunks_exact(RECORD).enumerate() {
        let (pixels, label) = record.split_at(PIXELS);
        if let Some(&value) = pixels.iter().find(|&&p| p > MAX_PIXEL) {
            return Err(DigitsError::Pixel { image, value });
        }
        let value = label[0];
        if usize::from(value) >= CLASSES {
            return Err(DigitsError::Label { image, value });
        }
        values.extend(pixels.iter().map(|&p| f64::from(p) / f64::from(MAX_PIXEL)));
        labels.push(usize::from(value));
    }
    Ok(Table { dim: PIXELS, values, labels, classes: CLASSES })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(images: usize) -> Vec<u8> {
        (0..images).flat_map(|i| (0..PIXELS).map(move |p| ((i + p) % 17) as u8).chain([(i % 10) as u8])).collect()
    }

    #[test]
    fn reads_pixels_over_16_and_labels() {
        let table = parse(&file(IMAGES)).expect("a well-formed file");
        assert_eq!((table.len(), table.dim, table.classes), (IMAGES, PIXELS, CLASSES));
        assert_eq!(table.row(1).map(|r| r[0]), Some(1.0 / 16.0));
        assert_eq!(table.row(16).map(|r| r[0]), Some(1.0));
        assert_eq!(table.labels[13], 3);
    }

    #[test]
    fn refuses_a_damaged_file() {
        assert_eq!(parse(&file(3)), Err(DigitsError::Length { len: 3 * RECORD }));
        let mut bytes = file(IMAGES);
        bytes[2 * RECORD + 5] = 17;
        assert_eq!(parse(&bytes), Err(DigitsError::Pixel { image: 2, value: 17 }));
        let mut bytes = file(IMAGES);
        bytes[4 * RECORD + PIXELS] = 10;
        assert_eq!(parse(&bytes), Err(DigitsError::Label { image: 4, value: 10 }));
    }
}
