//! A JSON text read into a tree, and the tree handed to serde.
//!
//! Why not serde-wasm-bindgen over `JSON.parse`: its `Deserializer` is
//! instantiated, large, for every struct it reads, and its errors format
//! serde's `Unexpected`, which keeps the float printer in the bundle. Here
//! the parser is not generic at all, the serde side forwards almost
//! everything to one small `deserialize_any`, and errors never format a
//! float. Numbers are integers: nothing the widgets read has a fraction.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use serde::forward_to_deserialize_any;

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

#[derive(Debug, PartialEq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }

    fn invalid_type(found: Unexpected, expected: &dyn de::Expected) -> Self {
        Error(format!("found {}, expected {expected}", describe(&found)))
    }

    fn invalid_value(found: Unexpected, expected: &dyn de::Expected) -> Self {
        Error(format!("found {}, expected {expected}", describe(&found)))
    }
}

/// `Unexpected` in words, without its own `Display`, which prints floats.
fn describe(found: &Unexpected) -> String {
    match found {
        Unexpected::Bool(value) => format!("{value}"),
        Unexpected::Unsigned(value) => format!("{value}"),
        Unexpected::Signed(value) => format!("{value}"),
        Unexpected::Str(text) => format!("{text:?}"),
        Unexpected::Unit => "null".into(),
        Unexpected::Seq => "an array".into(),
        Unexpected::Map => "an object".into(),
        _ => "another kind of value".into(),
    }
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
        Error(format!("{what} at byte {}", self.at))
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

impl Value {
    /// What a reader saw where it wanted something else, for its error.
    fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Value::Null => Unexpected::Unit,
            Value::Bool(value) => Unexpected::Bool(*value),
            Value::Unsigned(value) => Unexpected::Unsigned(*value),
            Value::Negative(value) => Unexpected::Signed(*value),
            Value::Text(text) => Unexpected::Str(text),
            Value::Array(_) => Unexpected::Seq,
            Value::Object(_) => Unexpected::Map,
        }
    }

    fn refuse(&self, expected: &dyn de::Expected) -> Error {
        de::Error::invalid_type(self.unexpected(), expected)
    }
}

/// Each typed read accepts one shape of value and calls one visitor method,
/// so the code instantiated per type read stays small; only
/// `deserialize_any` (hand-written impls, skipped fields) dispatches on all.
macro_rules! integers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self {
                Value::Unsigned(value) => visitor.visit_u64(value),
                Value::Negative(value) => visitor.visit_i64(value),
                other => Err(other.refuse(&visitor)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Value {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(value) => visitor.visit_bool(value),
            Value::Unsigned(value) => visitor.visit_u64(value),
            Value::Negative(value) => visitor.visit_i64(value),
            Value::Text(text) => visitor.visit_string(text),
            array @ Value::Array(_) => array.deserialize_seq(visitor),
            object @ Value::Object(_) => object.deserialize_map(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Bool(value) => visitor.visit_bool(value),
            other => Err(other.refuse(&visitor)),
        }
    }

    integers! { deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
    deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Text(text) => visitor.visit_string(text),
            other => Err(other.refuse(&visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Null => visitor.visit_unit(),
            other => Err(other.refuse(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Array(items) => {
                let mut items = de::value::SeqDeserializer::new(items.into_iter());
                let value = visitor.visit_seq(&mut items)?;
                items.end()?;
                Ok(value)
            }
            other => Err(other.refuse(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Object(fields) => {
                visitor.visit_map(de::value::MapDeserializer::new(fields.into_iter()))
            }
            other => Err(other.refuse(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Null => visitor.visit_none(),
            value => visitor.visit_some(value),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// Externally tagged: `"Unit"` or `{ "Variant": content }`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::Text(variant) => visitor.visit_enum(variant.into_deserializer()),
            Value::Object(mut fields) if fields.len() == 1 => {
                let (variant, content) = fields.remove(0);
                visitor.visit_enum(Variant { variant, content })
            }
            other => Err(other.refuse(&visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        i128 u128 f32 f64 char bytes byte_buf
    }
}

impl<'de> IntoDeserializer<'de, Error> for Value {
    type Deserializer = Value;

    fn into_deserializer(self) -> Value {
        self
    }
}

struct Variant {
    variant: String,
    content: Value,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = Value;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Value), Error> {
        let variant = seed.deserialize(Value::Text(self.variant))?;
        Ok((variant, self.content))
    }
}

impl<'de> de::VariantAccess<'de> for Value {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::{Value, read};
    use crate::json::parse;

    #[derive(Deserialize, Debug, PartialEq)]
    enum Shape {
        Dot,
        Circle(u32),
        Rect { w: u8, h: u8 },
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Drawing {
        name: String,
        #[serde(default)]
        note: Option<String>,
        shapes: Vec<Shape>,
        offset: (i64, i64),
        labels: BTreeMap<String, bool>,
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#" { "name" : "a \"quoted\" \\ name\n\u00e9\ud83d\ude00",
            "shapes": ["Dot", {"Circle": 3}, {"Rect": {"w": 2, "h": 255}}],
            "offset": [-9223372036854775808, 7],
            "labels": {"b": true, "a": false}, "extra": [null, {}] } "#;
        assert_eq!(
            parse::<Drawing>(text).unwrap(),
            serde_json::from_str::<Drawing>(text).unwrap()
        );
        assert_eq!(
            parse::<Drawing>(text).unwrap().name,
            "a \"quoted\" \\ name\né😀"
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
            assert_eq!(read(text).unwrap_err().0, message, "{text:?}");
        }
        assert_eq!(
            read("[[[[[]]]]]").unwrap(),
            Value::Array(vec![Value::Array(vec![Value::Array(vec![Value::Array(
                vec![Value::Array(vec![])]
            )])])])
        );
        let deep = "[".repeat(10_000);
        assert!(read(&deep).unwrap_err().0.starts_with("nested too deep"));
    }

    #[test]
    fn says_what_does_not_fit_the_type() {
        let error = |text: &str| parse::<Drawing>(text).unwrap_err();
        assert_eq!(error(r#"{"name": 1}"#), "found 1, expected a string");
        assert_eq!(
            error(r#"{"name": "n", "shapes": ["Square"]}"#),
            "unknown variant `Square`, expected one of `Dot`, `Circle`, `Rect`"
        );
        assert_eq!(
            error(r#"{"name": "n", "shapes": [{"Rect": {"w": 256, "h": 1}}]}"#),
            "found 256, expected u8"
        );
        assert_eq!(error(r#"{"name": "n"}"#), "missing field `shapes`");
    }
}
