//! The reader: one pass over the bytes, recursive descent bounded by [`MAX_DEPTH`].

use super::{Number, Syntax, SyntaxError, Value, MAX_DEPTH};

/// Reads one JSON value, with nothing but whitespace around it.
pub fn parse(source: &str) -> Result<Value, SyntaxError> {
    let mut reader = Reader { bytes: source.as_bytes(), source, at: 0 };
    reader.skip_space();
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.at < reader.bytes.len() {
        return Err(reader.error_here(Syntax::TrailingCharacters));
    }
    Ok(value)
}

struct Reader<'a> {
    bytes: &'a [u8],
    source: &'a str,
    /// The next byte to read.
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// The error at byte `at` (its character's line and column).
    fn error_at(&self, at: usize, problem: Syntax) -> SyntaxError {
        let before = self.source.get(..at.min(self.source.len())).unwrap_or(self.source);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        SyntaxError {
            problem,
            line: 1 + before.matches('\n').count(),
            column: 1 + before[line_start..].chars().count(),
        }
    }

    /// At the next character, or at the last one when the text has ended.
    fn error_here(&self, problem: Syntax) -> SyntaxError {
        if self.at < self.bytes.len() {
            self.error_at(self.at, problem)
        } else {
            self.error_at_end(problem)
        }
    }

    /// At the text's last character (line 1, column 0 for an empty text).
    fn error_at_end(&self, problem: Syntax) -> SyntaxError {
        match self.source.char_indices().next_back() {
            Some((last, _)) => self.error_at(last, problem),
            None => SyntaxError { problem, line: 1, column: 0 },
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        match self.peek() {
            None => Err(self.error_at_end(Syntax::EndInValue)),
            Some(b'[') => self.array(depth + 1),
            Some(b'{') => self.object(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b'a'..=b'z') => self.word(),
            Some(_) => Err(self.error_here(Syntax::ExpectedValue)),
        }
    }

    fn word(&mut self) -> Result<Value, SyntaxError> {
        let start = self.at;
        while let Some(b'a'..=b'z' | b'A'..=b'Z') = self.peek() {
            self.at += 1;
        }
        match &self.bytes[start..self.at] {
            b"true" => Ok(Value::Bool(true)),
            b"false" => Ok(Value::Bool(false)),
            b"null" => Ok(Value::Null),
            _ => Err(self.error_at(start, Syntax::UnknownWord)),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error_here(Syntax::TooDeep));
        }
        self.at += 1; // [
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_space();
            if self.peek() == Some(b']') && !items.is_empty() {
                return Err(self.error_here(Syntax::TrailingComma));
            }
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.error_at_end(Syntax::EndInArray)),
                Some(_) => return Err(self.error_here(Syntax::ExpectedCommaOrBracket)),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error_here(Syntax::TooDeep));
        }
        self.at += 1; // {
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_space();
            // The text ending where a key or a colon is due: what is missing is not a `}`.
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') if !members.is_empty() => return Err(self.error_here(Syntax::TrailingComma)),
                None => return Err(self.error_at_end(Syntax::EndInValue)),
                Some(_) => return Err(self.error_here(Syntax::KeyMustBeString)),
            }
            let key = self.string()?;
            self.skip_space();
            match self.peek() {
                Some(b':') => self.at += 1,
                None => return Err(self.error_at_end(Syntax::EndInValue)),
                Some(_) => return Err(self.error_here(Syntax::ExpectedColon)),
            }
            self.skip_space();
            let value = self.value(depth)?;
            members.push((key, value));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(members));
                }
                None => return Err(self.error_at_end(Syntax::EndInObject)),
                Some(_) => return Err(self.error_here(Syntax::ExpectedCommaOrBrace)),
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, then its value.
    fn number(&mut self) -> Result<Number, SyntaxError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error_here(Syntax::InvalidNumber)),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here(Syntax::InvalidNumber));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here(Syntax::InvalidNumber));
            }
            self.digits();
        }
        let text = start..self.at;
        // The grammar above is a subset of what Rust's parser reads, and Rust rounds correctly.
        let value = self.source[text.clone()].parse::<f64>().unwrap_or(f64::NAN);
        if !value.is_finite() {
            return Err(self.error_at(self.at - 1, Syntax::NumberOutOfRange));
        }
        Ok(Number { value, text })
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }

    /// A string from its opening quote, unescaped.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.at += 1; // "
        let mut text = String::new();
        loop {
            let run = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // Only ASCII bytes stop the run, so it ends on a character boundary.
            text.push_str(&self.source[run..self.at]);
            match self.peek() {
                None => return Err(self.error_at_end(Syntax::EndInString)),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(text);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = self.escape()?;
                    text.push(c);
                }
                Some(_) => return Err(self.error_here(Syntax::ControlCharacter)),
            }
        }
    }

    /// After a backslash: one escaped character.
    fn escape(&mut self) -> Result<char, SyntaxError> {
        let Some(b) = self.peek() else {
            return Err(self.error_at_end(Syntax::EndInString));
        };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return Err(self.error_at(self.at - 1, Syntax::InvalidEscape)),
        })
    }

    /// After `\u`: four hex digits, and a second `\uXXXX` when they are a leading surrogate.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                    return Err(self.error_here(Syntax::LoneSurrogate));
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error_at(self.at - 1, Syntax::LoneSurrogate));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error_at(self.at - 1, Syntax::LoneSurrogate)),
            _ => first,
        };
        // Every code outside the surrogates is a char.
        char::from_u32(code).ok_or_else(|| self.error_at(self.at - 1, Syntax::LoneSurrogate))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return Err(self.error_at_end(Syntax::EndInString)),
                Some(b) => (b as char).to_digit(16),
            };
            let Some(digit) = digit else {
                return Err(self.error_here(Syntax::ShortHexEscape));
            };
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }
}
