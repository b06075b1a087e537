//! JSON, read and written by hand: a case is small, and a general-purpose library costs the page
//! more code than the two walks below.
//!
//! **Reading** ([`parse`]) follows RFC 8259 strictly (no comments, no trailing comma, no NaN) and
//! keeps, for every number, the place of its text in the source ([`Number::text`]): a student's
//! `0.1235` and `0.12350` are the same f64 but say different things about the digits they
//! printed. An object keeps its keys in order; [`Value::get`] takes the last of a repeated key.
//! A syntax error says what is wrong ([`Syntax`]) and where: line and column from 1, the column
//! counted in characters, at the offending character (at the last character when the text ends
//! too early). Nesting deeper than [`MAX_DEPTH`] is refused rather than risking the stack.
//!
//! **Writing** ([`Pretty`]): an indented document whose numbers are the shortest text that reads
//! back to the same f64, arrays of numbers on one line and arrays of rows one row per line, the
//! way numpy prints a matrix.

mod read;
mod write;

#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Range;

pub use read::parse;
pub use write::{push_number, push_string, Pretty};

/// Arrays and objects nested deeper than this are refused ([`Syntax::TooDeep`]).
pub const MAX_DEPTH: usize = 128;

/// A JSON number: its value, and where its text sits in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    /// The value, correctly rounded to the nearest f64 (always finite: a text beyond the f64
    /// range is a [`Syntax::NumberOutOfRange`] error).
    pub value: f64,
    /// The byte range of the number's text in the source given to [`parse`].
    pub text: Range<usize>,
}

impl Number {
    /// The value as a whole number when the text is one (digits only, no sign, fraction or
    /// exponent), exactly, saturating at `u64::MAX`.
    pub fn as_u64(&self, source: &str) -> Option<u64> {
        let text = source.get(self.text.clone())?;
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(text.parse::<u64>().unwrap_or(u64::MAX))
    }
}

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string, unescaped.
    String(String),
    /// `[…]`
    Array(Vec<Value>),
    /// `{…}`: the members in the order written (a repeated key is kept twice).
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The member `key` of an object (the last one when the key is repeated); `None` for a
    /// missing key or a value that is not an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The members of an object.
    pub fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The items of an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The number, when the value is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The value of a number.
    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().map(|n| n.value)
    }
}

/// What is wrong with a text that is not JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// The text is empty, or ends where a value should start.
    EndInValue,
    /// The text ends inside an array: `]` is missing.
    EndInArray,
    /// The text ends inside an object: `}` is missing.
    EndInObject,
    /// The text ends inside a string: the closing `"` is missing.
    EndInString,
    /// No value can start with this character (`NaN`, `Infinity`, `'text'`, a stray `]`).
    ExpectedValue,
    /// A word that is not `true`, `false` or `null`.
    UnknownWord,
    /// A key is not followed by `:`.
    ExpectedColon,
    /// An array item is not followed by `,` or `]`.
    ExpectedCommaOrBracket,
    /// An object member is not followed by `,` or `}`.
    ExpectedCommaOrBrace,
    /// An object key that is not a string in double quotes.
    KeyMustBeString,
    /// A comma right before `]` or `}`.
    TrailingComma,
    /// Text after the end of the value.
    TrailingCharacters,
    /// A number not written as JSON writes them (`1.`, `.5`, `01`, `+1`, `1e`).
    InvalidNumber,
    /// A number beyond the f64 range (`1e400`).
    NumberOutOfRange,
    /// An unknown escape `\q` in a string.
    InvalidEscape,
    /// A `\u` escape with fewer than four hex digits.
    ShortHexEscape,
    /// A `\u` escape of half a UTF-16 pair, alone.
    LoneSurrogate,
    /// A control character (a line break, a tab) inside a string.
    ControlCharacter,
    /// More than [`MAX_DEPTH`] arrays and objects inside each other.
    TooDeep,
}

impl fmt::Display for Syntax {
    /// In English, no final period: "a comma `,` or a closing `]` is expected".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Syntax::EndInValue => "the text ends where a value should be",
            Syntax::EndInArray => "the text ends inside an array: a closing `]` is missing",
            Syntax::EndInObject => "the text ends inside an object: a closing `}` is missing",
            Syntax::EndInString => "the text ends inside a string: a closing `\"` is missing",
            Syntax::ExpectedValue => "a value is expected here",
            Syntax::UnknownWord => "unknown word: JSON knows only true, false and null",
            Syntax::ExpectedColon => "a colon `:` is expected after the key",
            Syntax::ExpectedCommaOrBracket => "a comma `,` or a closing `]` is expected",
            Syntax::ExpectedCommaOrBrace => "a comma `,` or a closing `}` is expected",
            Syntax::KeyMustBeString => "a key must be a string in double quotes",
            Syntax::TrailingComma => "a comma before a closing `]` or `}`",
            Syntax::TrailingCharacters => "more text after the end of the value",
            Syntax::InvalidNumber => "invalid number",
            Syntax::NumberOutOfRange => "number out of range (too large for a 64-bit float)",
            Syntax::InvalidEscape => "invalid escape `\\…` in a string",
            Syntax::ShortHexEscape => "a `\\u` escape needs four hex digits",
            Syntax::LoneSurrogate => "a lone surrogate in a `\\u` escape",
            Syntax::ControlCharacter => "a control character (such as a line break) inside a string",
            Syntax::TooDeep => "nested too deeply",
        })
    }
}

/// Why [`parse`] refused a text, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong.
    pub problem: Syntax,
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1 (0 for an empty text).
    pub column: usize,
}
