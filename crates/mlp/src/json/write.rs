//! The writer: an indented object, member by member.

use std::fmt::Write;

/// An indented JSON object written member by member: `{`, one member per line indented by two
/// spaces per level, `}` when [`Pretty::finish`] or [`Pretty::close`] is called.
///
/// Numbers are the shortest text that reads back to the same f64 (`0.1`, `-2.5e-7`, `3.0`);
/// NaN and ±∞, which JSON lacks, are written `null`. Arrays of numbers go on one line; a matrix
/// (an array of rows) has one row per line.
pub struct Pretty {
    out: String,
    /// Whether the object being written has a member yet, per open level.
    open: Vec<bool>,
}

impl Default for Pretty {
    fn default() -> Self {
        Pretty::new()
    }
}

impl Pretty {
    /// A document with its outer object opened.
    pub fn new() -> Pretty {
        Pretty { out: String::from("{"), open: vec![false] }
    }

    /// Starts the member `key`: the comma before it, its line and indentation, `"key": `.
    fn key(&mut self, key: &str) {
        if let Some(has_member) = self.open.last_mut() {
            if *has_member {
                self.out.push(',');
            }
            *has_member = true;
        }
        self.newline(self.open.len());
        push_string(&mut self.out, key);
        self.out.push_str(": ");
    }

    fn newline(&mut self, level: usize) {
        self.out.push('\n');
        for _ in 0..level {
            self.out.push_str("  ");
        }
    }

    /// `"key": 12`
    pub fn whole(&mut self, key: &str, value: usize) -> &mut Self {
        self.key(key);
        let _ = write!(self.out, "{value}");
        self
    }

    /// `"key": 0.25`
    pub fn number(&mut self, key: &str, value: f64) -> &mut Self {
        self.key(key);
        push_number(&mut self.out, value);
        self
    }

    /// `"key": "text"`
    pub fn text(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key);
        push_string(&mut self.out, value);
        self
    }

    /// `"key": ` then `json` as it is (already JSON: `null`, `[[0, 1]]`).
    pub fn raw(&mut self, key: &str, json: &str) -> &mut Self {
        self.key(key);
        self.out.push_str(json);
        self
    }

    /// `"key": ["a", "b"]`
    pub fn texts<'s>(&mut self, key: &str, values: impl IntoIterator<Item = &'s str>) -> &mut Self {
        self.key(key);
        push_list(&mut self.out, values, push_string);
        self
    }

    /// `"key": [0.1, -0.2]`
    pub fn numbers(&mut self, key: &str, values: impl IntoIterator<Item = f64>) -> &mut Self {
        self.key(key);
        self.row(values);
        self
    }

    /// `"key": [` then one row of numbers per line, then `]`.
    pub fn rows<R: IntoIterator<Item = f64>>(&mut self, key: &str, rows: impl IntoIterator<Item = R>) -> &mut Self {
        self.key(key);
        self.out.push('[');
        let level = self.open.len() + 1;
        let mut any = false;
        for row in rows {
            if any {
                self.out.push(',');
            }
            any = true;
            self.newline(level);
            self.row(row);
        }
        if any {
            self.newline(level - 1);
        }
        self.out.push(']');
        self
    }

    fn row(&mut self, values: impl IntoIterator<Item = f64>) {
        push_list(&mut self.out, values, push_number);
    }

    /// `"key": {` — the members that follow go into this object until [`Pretty::close`].
    pub fn open(&mut self, key: &str) -> &mut Self {
        self.key(key);
        self.out.push('{');
        self.open.push(false);
        self
    }

    /// Closes the object opened last.
    pub fn close(&mut self) -> &mut Self {
        if let Some(had_members) = self.open.pop() {
            if had_members {
                self.newline(self.open.len());
            }
            self.out.push('}');
        }
        self
    }

    /// The text, with every object still open closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

/// `[a, b, c]`, each item written by `push`.
fn push_list<T>(out: &mut String, items: impl IntoIterator<Item = T>, push: impl Fn(&mut String, T)) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push(out, item);
    }
    out.push(']');
}

/// The shortest text that reads back to `value` (Rust's `{:?}` of an f64 is JSON for every
/// finite value: `0.1`, `1e-7`, `3.0`); `null` for NaN and ±∞.
pub fn push_number(out: &mut String, value: f64) {
    if value.is_finite() {
        let _ = write!(out, "{value:?}");
    } else {
        out.push_str("null");
    }
}

/// `"text"` with `"`, `\` and control characters escaped.
pub fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
