//! A student's own CSV file: its bytes hashed (SHA-256, what a link carries instead of the
//! file), decoded as text and read as a labelled table with a chosen label column. Nothing of
//! it leaves the page.

use std::sync::Arc;

use mlp::dataset::csv::{self, CsvData, CsvError};
use sha2::{Digest, Sha256};

/// A file the student opened, read with one label column.
#[derive(Clone, Debug)]
pub struct OwnFile {
    /// Its name, as the browser gave it.
    pub name: String,
    pub sha256: [u8; 32],
    /// Its text, kept to read it again with another label column.
    pub text: Arc<str>,
    /// Whether its bytes were not UTF-8 and were read as Latin-1 (a spreadsheet's export).
    pub latin1: bool,
    pub data: Arc<CsvData>,
}

impl PartialEq for OwnFile {
    /// The same file read the same way (the data are never changed once read).
    fn eq(&self, other: &OwnFile) -> bool {
        self.sha256 == other.sha256 && Arc::ptr_eq(&self.data, &other.data)
    }
}

impl OwnFile {
    /// Reads the file `name` of `bytes` with its labels in `label` (from 0; `None`: the last).
    pub fn read(name: &str, bytes: &[u8], label: Option<usize>) -> Result<OwnFile, CsvError> {
        let (text, latin1) = decode(bytes);
        let data = csv::parse(&text, label)?;
        Ok(OwnFile { name: name.to_owned(), sha256: sha256(bytes), text: text.into(), latin1, data: Arc::new(data) })
    }

    /// The same file read with its labels in column `label` (from 0).
    pub fn with_label(&self, label: usize) -> Result<OwnFile, CsvError> {
        let data = csv::parse(&self.text, Some(label))?;
        Ok(OwnFile { data: Arc::new(data), ..self.clone() })
    }
}

/// The SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// A hash as 64 lowercase hexadecimal digits, as a link writes it.
pub fn hex(sha256: &[u8; 32]) -> String {
    sha256.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The hash written as 64 hexadecimal digits (either case), if `text` is one.
pub fn parse_hex(text: &str) -> Option<[u8; 32]> {
    let text = text.as_bytes();
    if text.len() != 64 {
        return None;
    }
    let mut out = [0; 32];
    for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(out)
}

/// The file's text: UTF-8 when it is, else Latin-1 (each byte one character), which is what a
/// spreadsheet saves on many systems; the flag says which.
fn decode(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), false),
        Err(_) => (bytes.iter().map(|&b| char::from(b)).collect(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_sha256_and_its_hex_reads_back() {
        // FIPS 180-2's example "abc".
        let abc = sha256(b"abc");
        assert_eq!(hex(&abc), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(parse_hex(&hex(&abc)), Some(abc));
        assert_eq!(parse_hex(&hex(&abc).to_uppercase()), Some(abc));
        assert_eq!(parse_hex("ba78"), None);
        assert_eq!(parse_hex(&"g".repeat(64)), None);
        assert_eq!(parse_hex(&"é".repeat(32)), None, "64 bytes that are not 64 digits");
    }

    #[test]
    fn a_file_reads_with_another_label_column_and_latin1_is_understood() {
        let bytes = b"a;b;nom\n1,5;2;chat\n3;4;chien\n5;6;b\xe9b\xe9\n";
        let file = OwnFile::read("animaux.csv", bytes, None).expect("a file of three classes");
        assert!(file.latin1);
        assert_eq!(file.data.class_names, ["chat", "chien", "bébé"]);
        assert_eq!(file.data.table.values, [1.5, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(file.sha256, sha256(bytes));
        // Column b as labels: the names become inputs, and are no numbers.
        let other = file.with_label(1);
        assert!(matches!(other, Err(CsvError::NotANumber { .. })), "{other:?}");
        let first = file.with_label(0);
        assert!(matches!(first, Err(CsvError::NotANumber { .. })), "{first:?}");
        assert_ne!(file, OwnFile::read("animaux.csv", bytes, None).expect("again"), "read again: other data");
        assert_eq!(file, file.clone());
    }
}
