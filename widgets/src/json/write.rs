//! Values written as JSON text, the counterpart of `value`.
//!
//! What the widgets write (saved state, event log lines) has strings,
//! booleans, whole numbers, options, lists, maps, structs and enums; a float
//! is refused rather than printed, which keeps Rust's float printer out of
//! the bundle. Enums are externally tagged, as serde_json writes them, so
//! `value` reads back what this writes.

use std::fmt::Write;

use serde::ser::{self, Serialize};

use super::read::Error;

pub fn write<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut writer = Writer(String::new());
    value.serialize(&mut writer)?;
    Ok(writer.0)
}

struct Writer(String);

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Error::new(message.to_string())
    }
}

impl Writer {
    fn text(&mut self, text: &str) {
        self.0.push('"');
        for c in text.chars() {
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                '\n' => self.0.push_str("\\n"),
                '\r' => self.0.push_str("\\r"),
                '\t' => self.0.push_str("\\t"),
                c if u32::from(c) < 0x20 => {
                    let _ = write!(self.0, "\\u{:04x}", u32::from(c));
                }
                c => self.0.push(c),
            }
        }
        self.0.push('"');
    }

    fn number(&mut self, number: impl std::fmt::Display) -> Result<(), Error> {
        let _ = write!(self.0, "{number}");
        Ok(())
    }

    /// `{"variant":` before an enum variant's content.
    fn tag(&mut self, variant: &str) {
        self.0.push('{');
        self.text(variant);
        self.0.push(':');
    }

    /// Opens an array or object whose items follow; `close` ends it.
    fn open(&mut self, bracket: char, close: &'static str) -> Compound<'_> {
        self.0.push(bracket);
        Compound {
            writer: self,
            first: true,
            close,
        }
    }
}

/// A list, an object or a tagged variant being written: whether an item has
/// been written yet (for commas) and what closes it.
pub struct Compound<'a> {
    writer: &'a mut Writer,
    first: bool,
    close: &'static str,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.writer.0.push(',');
        }
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.writer)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.comma();
        self.writer.text(key);
        self.writer.0.push(':');
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        self.writer.0.push_str(self.close);
        Ok(())
    }
}

/// Whole numbers of every width, written in decimal.
macro_rules! numbers {
    ($($method:ident: $type:ty),*) => {$(
        fn $method(self, value: $type) -> Result<(), Error> {
            self.number(value)
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.0.push_str(if value { "true" } else { "false" });
        Ok(())
    }

    numbers! {
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64
    }

    fn serialize_f32(self, _value: f32) -> Result<(), Error> {
        Err(Error::new(
            "a fraction, where only whole numbers are written",
        ))
    }

    fn serialize_f64(self, _value: f64) -> Result<(), Error> {
        Err(Error::new(
            "a fraction, where only whole numbers are written",
        ))
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.text(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        self.text(value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        let mut list = self.serialize_seq(Some(value.len()))?;
        for byte in value {
            list.item(byte)?;
        }
        Compound::end(list)
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.0.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.text(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.tag(variant);
        value.serialize(&mut *self)?;
        self.0.push('}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open('[', "]"))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.tag(variant);
        Ok(self.open('[', "]}"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open('{', "}"))
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.tag(variant);
        Ok(self.open('{', "}}"))
    }
}

/// The list-like compounds: each item is a value after a comma.
macro_rules! items {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.item(value)
            }

            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The struct-like compounds: each field is a key and a value.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }

            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;

    /// Keys are written as they serialize; JSON needs them to be strings,
    /// which every map the widgets write has.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.item(key)?;
        self.writer.0.push(':');
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::write;

    #[derive(Serialize)]
    enum Shape {
        Dot,
        Circle(u32),
        Pair(i8, i8),
        Rect { w: u8, h: u8 },
    }

    #[derive(Serialize)]
    struct Drawing {
        name: String,
        note: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        hidden: Option<u8>,
        shapes: Vec<Shape>,
        offset: (i64, u64),
        labels: BTreeMap<String, bool>,
        initial: char,
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let drawing = Drawing {
            name: "a \"quoted\" \\ name\n\u{1}é😀\t\r".into(),
            note: None,
            hidden: None,
            shapes: vec![
                Shape::Dot,
                Shape::Circle(3),
                Shape::Pair(-1, 2),
                Shape::Rect { w: 2, h: 255 },
            ],
            offset: (i64::MIN, u64::MAX),
            labels: BTreeMap::from([("b".into(), true), ("a".into(), false)]),
            initial: 'x',
        };
        assert_eq!(
            write(&drawing).unwrap(),
            serde_json::to_string(&drawing).unwrap()
        );
    }

    #[test]
    fn refuses_fractions() {
        assert_eq!(
            write(&[1.5]).unwrap_err().to_string(),
            "a fraction, where only whole numbers are written"
        );
    }
}
