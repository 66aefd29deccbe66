//! A JSON text read into a tree, for `read` to take apart.
//!
//! The parser is not generic at all, so it is compiled once whatever the
//! widgets read. Numbers are integers: nothing the widgets read has a
//! fraction, and reading one would compile Rust's float parser into the
//! bundle.

use crate::read::Error;

/// Deeper than any props or saved state; keeps corrupt input off the stack.
const MAX_DEPTH: usize = 64;

#[derive(Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Unsigned(u64),
    Negative(i64),
    Text(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// Reads one JSON value, the whole of `text`.
pub fn read(text: &str) -> Result<Value, Error> {
    let mut reader = Reader {
        text: text.as_bytes(),
        at: 0,
    };
    let value = reader.value(0)?;
    reader.space();
    match reader.text.get(reader.at) {
        None => Ok(value),
        Some(_) => Err(reader.error("text after the value")),
    }
}

struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self, what: &str) -> Error {
        Error::new(format!("{what} at byte {}", self.at))
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.text.get(self.at) {
            self.at += 1;
        }
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.text.get(self.at).copied();
        self.at += 1;
        byte
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, Error> {
        if self.text[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("unknown word"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deep"));
        }
        self.space();
        match self.text.get(self.at) {
            Some(b'n') => self.word("null", Value::Null),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'"') => Ok(Value::Text(self.string()?)),
            Some(b'[') => {
                let mut items = Vec::new();
                if self.open(b']')? {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.close(b']')? {
                            break;
                        }
                    }
                }
                Ok(Value::Array(items))
            }
            Some(b'{') => {
                let mut fields = Vec::new();
                if self.open(b'}')? {
                    loop {
                        self.space();
                        if self.text.get(self.at) != Some(&b'"') {
                            return Err(self.error("expected a key"));
                        }
                        let key = self.string()?;
                        self.space();
                        if self.next() != Some(b':') {
                            return Err(self.error("expected ':'"));
                        }
                        fields.push((key, self.value(depth + 1)?));
                        if self.close(b'}')? {
                            break;
                        }
                    }
                }
                Ok(Value::Object(fields))
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
            None => Err(self.error("unexpected end")),
        }
    }

    /// Past the opening bracket: whether the array or object has items.
    fn open(&mut self, end: u8) -> Result<bool, Error> {
        self.at += 1;
        self.space();
        if self.text.get(self.at) == Some(&end) {
            self.at += 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// After an item: whether that was the last one.
    fn close(&mut self, end: u8) -> Result<bool, Error> {
        self.space();
        match self.next() {
            Some(b',') => Ok(false),
            Some(byte) if byte == end => Ok(true),
            _ => Err(self.error("expected ',' or a closing bracket")),
        }
    }

    fn number(&mut self) -> Result<Value, Error> {
        let negative = self.text[self.at] == b'-';
        if negative {
            self.at += 1;
        }
        let start = self.at;
        let mut magnitude: u64 = 0;
        while let Some(digit @ b'0'..=b'9') = self.text.get(self.at) {
            magnitude = magnitude
                .checked_mul(10)
                .and_then(|m| m.checked_add(u64::from(digit - b'0')))
                .ok_or_else(|| self.error("number too large"))?;
            self.at += 1;
        }
        if self.at == start {
            return Err(self.error("expected a digit"));
        }
        if let Some(b'.' | b'e' | b'E') = self.text.get(self.at) {
            return Err(self.error("a fraction where only whole numbers are read"));
        }
        if !negative {
            return Ok(Value::Unsigned(magnitude));
        }
        0i64.checked_sub_unsigned(magnitude)
            .map(Value::Negative)
            .ok_or_else(|| self.error("number too small"))
    }

    fn string(&mut self) -> Result<String, Error> {
        self.at += 1;
        let mut out = Vec::new();
        loop {
            match self.next() {
                Some(b'"') => break,
                Some(b'\\') => {
                    let escaped = match self.next() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode()?,
                        _ => return Err(self.error("unknown escape")),
                    };
                    out.extend_from_slice(escaped.encode_utf8(&mut [0; 4]).as_bytes());
                }
                Some(0..0x20) => return Err(self.error("control character in a string")),
                Some(byte) => out.push(byte),
                None => return Err(self.error("unterminated string")),
            }
        }
        // The input was a `str` and escapes add whole characters.
        String::from_utf8(out).map_err(|_| self.error("invalid UTF-8"))
    }

    /// `\uXXXX`, or a surrogate pair of two.
    fn unicode(&mut self) -> Result<char, Error> {
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if self.next() != Some(b'\\') || self.next() != Some(b'u') {
                return Err(self.error("lone surrogate"));
            }
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(self.error("lone surrogate"));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| self.error("lone surrogate"))
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .and_then(|digits| std::str::from_utf8(digits).ok())
            .and_then(|digits| u32::from_str_radix(digits, 16).ok())
            .ok_or_else(|| self.error("expected four hex digits"))?;
        self.at += 4;
        Ok(digits)
    }
}

#[cfg(test)]
mod tests {
    use super::{Value, read};

    #[test]
    fn reads_escapes_and_extremes() {
        let text = r#" { "name" : "a \"quoted\" \\ name\n\u00e9\ud83d\ude00",
            "numbers": [-9223372036854775808, 18446744073709551615, 0],
            "flags": [true, false, null], "empty": [{}, []] } "#;
        assert_eq!(
            read(text).unwrap(),
            Value::Object(vec![
                (
                    "name".into(),
                    Value::Text("a \"quoted\" \\ name\né😀".into())
                ),
                (
                    "numbers".into(),
                    Value::Array(vec![
                        Value::Negative(i64::MIN),
                        Value::Unsigned(u64::MAX),
                        Value::Unsigned(0)
                    ])
                ),
                (
                    "flags".into(),
                    Value::Array(vec![Value::Bool(true), Value::Bool(false), Value::Null])
                ),
                (
                    "empty".into(),
                    Value::Array(vec![Value::Object(vec![]), Value::Array(vec![])])
                ),
            ])
        );
    }

    #[test]
    fn refuses_malformed_text_with_where() {
        for (text, message) in [
            ("", "unexpected end at byte 0"),
            ("[1, 2", "expected ',' or a closing bracket at byte 6"),
            ("[1] x", "text after the value at byte 4"),
            ("{\"a\" 1}", "expected ':' at byte 6"),
            ("{1: 2}", "expected a key at byte 1"),
            ("\"ab", "unterminated string at byte 4"),
            ("\"\\x\"", "unknown escape at byte 3"),
            ("\"\\ud800\"", "lone surrogate at byte 8"),
            (
                "1.5",
                "a fraction where only whole numbers are read at byte 1",
            ),
            ("18446744073709551616", "number too large at byte 19"),
            ("-", "expected a digit at byte 1"),
            ("nul", "unknown word at byte 0"),
        ] {
            assert_eq!(read(text).unwrap_err().to_string(), message, "{text:?}");
        }
        assert_eq!(
            read("[[[[[]]]]]").unwrap(),
            Value::Array(vec![Value::Array(vec![Value::Array(vec![Value::Array(
                vec![Value::Array(vec![])]
            )])])])
        );
        let deep = "[".repeat(10_000);
        assert!(
            read(&deep)
                .unwrap_err()
                .to_string()
                .starts_with("nested too deep")
        );
    }
}
