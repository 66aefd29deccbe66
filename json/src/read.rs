//! Typed reads from a parsed [`Value`], without serde.
//!
//! Why not serde's `Deserialize`: its derived visitors compile, per struct,
//! a field-name matcher, duplicate checks and a state machine, instantiated
//! again for every deserializer. That was the largest part of the bundle we
//! wrote ourselves. Here a struct is a list of `field` calls on an
//! [`Object`], and the work of finding, refusing and reporting fields is in
//! a few functions that are not generic at all.
//!
//! The course's types get their impls from `#[derive(FromJson)]`
//! (`fresh-json-derive`), which reads their `#[serde(...)]` attributes, so
//! they read what serde_json writes; the widgets' own saved state uses
//! [`json_struct!`](crate::json_struct).

use std::fmt;

use crate::value::Value;

#[derive(Debug, PartialEq)]
pub struct Error {
    /// Where, from the outermost value: `exercise.ordering.steps[2].why`.
    path: String,
    message: String,
}

impl Error {
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            path: String::new(),
            message: message.into(),
        }
    }

    /// The same error, seen from the object that holds it at `key`.
    pub fn in_field(self, key: &str) -> Error {
        self.within(key.to_string())
    }

    fn in_item(self, index: usize) -> Error {
        self.within(format!("[{index}]"))
    }

    /// `head` put before the path, with a dot when a field name follows.
    fn within(mut self, head: String) -> Error {
        let joint = if self.path.is_empty() || self.path.starts_with('[') {
            ""
        } else {
            "."
        };
        self.path = format!("{head}{joint}{}", self.path);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub trait FromJson: Sized {
    fn from_json(value: Value) -> Result<Self, Error>;

    /// Whether `value` has the shape this type reads (text, array, object,
    /// …), to pick the variant of an untagged enum without reading twice.
    fn fits(_value: &Value) -> bool {
        true
    }

    /// What a field of this type reads as when its key is missing; most
    /// types have no such value and the field is required.
    fn absent() -> Option<Self> {
        None
    }
}

/// `FromJson` for a struct read from an object by its field names, as
/// serde's derive with `deny_unknown_fields` reads it; `field = default`
/// is serde's `#[serde(default)]` for that field.
#[macro_export]
macro_rules! json_struct {
    ($type:ident { $($field:ident $(= $default:expr)?),* $(,)? }) => {
        impl $crate::FromJson for $type {
            fn from_json(value: $crate::Value) -> Result<Self, $crate::Error> {
                let mut object = $crate::Object::new(value)?;
                let read = $type {
                    $($field: $crate::json_struct!(@field object, $field $(, $default)?),)*
                };
                object.end(read)
            }
        }
    };
    (@field $object:ident, $field:ident) => {
        $object.field(stringify!($field))?
    };
    (@field $object:ident, $field:ident, $default:expr) => {
        $object.field_or(stringify!($field), $default)?
    };
}

/// `value`'s kind in words, for "expected …, found …".
fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(value) => value.to_string(),
        Value::Unsigned(value) => value.to_string(),
        Value::Negative(value) => value.to_string(),
        Value::Text(text) => format!("the text \"{text}\""),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

pub fn refuse(value: &Value, expected: &str) -> Error {
    Error::new(format!("expected {expected}, found {}", found(value)))
}

/// The fields of a JSON object being read into a struct. Every field the
/// struct knows is taken out by name; what is left at [`Object::end`] is a
/// field the struct does not have, refused as serde's `deny_unknown_fields`
/// would.
pub struct Object {
    fields: Vec<(String, Value)>,
}

impl Object {
    pub fn new(value: Value) -> Result<Object, Error> {
        match value {
            Value::Object(fields) => Ok(Object { fields }),
            other => Err(refuse(&other, "an object")),
        }
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        let at = self.fields.iter().position(|(name, _)| name == key)?;
        Some(self.fields.swap_remove(at).1)
    }

    /// The field `key`, required unless its type reads an absence.
    pub fn field<T: FromJson>(&mut self, key: &str) -> Result<T, Error> {
        match self.take(key) {
            Some(value) => T::from_json(value).map_err(|error| error.in_field(key)),
            None => T::absent().ok_or_else(|| Error::new(format!("missing field `{key}`"))),
        }
    }

    /// The field `key`, or `default` when it is missing (serde's `default`).
    pub fn field_or<T: FromJson>(&mut self, key: &str, default: T) -> Result<T, Error> {
        match self.take(key) {
            Some(value) => T::from_json(value).map_err(|error| error.in_field(key)),
            None => Ok(default),
        }
    }

    /// `value`, whatever fields were left unread (serde's default, without
    /// `deny_unknown_fields`).
    pub fn rest_ignored<T>(self, value: T) -> Result<T, Error> {
        Ok(value)
    }

    /// `value`, if every field was read.
    pub fn end<T>(self, value: T) -> Result<T, Error> {
        match self.fields.first() {
            None => Ok(value),
            Some((key, _)) => Err(Error::new(format!("unknown field `{key}`"))),
        }
    }
}

/// An enum's variant name and content, as serde writes an externally tagged
/// enum: `"name"` for a unit variant (content `null`), `{"name": content}`
/// for the others.
pub fn variant(value: Value) -> Result<(String, Value), Error> {
    match value {
        Value::Text(name) => Ok((name, Value::Null)),
        Value::Object(mut fields) if fields.len() == 1 => Ok(fields.remove(0)),
        other => Err(refuse(&other, "a variant name, or an object with one key")),
    }
}

/// The error for a variant name that `what` does not have.
pub fn unknown(what: &str, name: &str) -> Error {
    Error::new(format!("unknown {what} `{name}`"))
}

/// The error for a variant name not among `expected`, worded as serde's.
pub fn unknown_variant(name: &str, expected: &[&str]) -> Error {
    let mut message = format!("unknown variant `{name}`, expected ");
    for (index, variant) in expected.iter().enumerate() {
        let joint = match index {
            0 => "one of ",
            _ => ", ",
        };
        message.push_str(joint);
        message.push('`');
        message.push_str(variant);
        message.push('`');
    }
    Error::new(message)
}

/// A unit variant's content, which is nothing.
pub fn unit(content: Value) -> Result<(), Error> {
    match content {
        Value::Null => Ok(()),
        other => Err(refuse(&other, "no content")),
    }
}

/// The error for a value that fits none of an untagged enum's variants.
pub fn no_variant_fits(value: &Value, what: &str) -> Error {
    refuse(value, &format!("a {what}"))
}

/// The shapes an object-reading type fits.
pub fn is_object(value: &Value) -> bool {
    matches!(value, Value::Object(_))
}

/// The shapes an externally tagged enum fits: a name, or one key.
pub fn is_variant(value: &Value) -> bool {
    match value {
        Value::Text(_) => true,
        Value::Object(fields) => fields.len() == 1,
        _ => false,
    }
}

/// A unit variant, named by `key` among `all`.
pub fn named<T: Copy>(
    value: Value,
    what: &str,
    all: &[T],
    key: impl Fn(T) -> &'static str,
) -> Result<T, Error> {
    let name = String::from_json(value)?;
    all.iter()
        .copied()
        .find(|item| key(*item) == name)
        .ok_or_else(|| unknown(what, &name))
}

impl FromJson for String {
    fn from_json(value: Value) -> Result<String, Error> {
        match value {
            Value::Text(text) => Ok(text),
            other => Err(refuse(&other, "text")),
        }
    }

    fn fits(value: &Value) -> bool {
        matches!(value, Value::Text(_))
    }
}

impl FromJson for bool {
    fn from_json(value: Value) -> Result<bool, Error> {
        match value {
            Value::Bool(value) => Ok(value),
            other => Err(refuse(&other, "true or false")),
        }
    }

    fn fits(value: &Value) -> bool {
        matches!(value, Value::Bool(_))
    }
}

impl FromJson for u64 {
    fn from_json(value: Value) -> Result<u64, Error> {
        match value {
            Value::Unsigned(number) => Ok(number),
            other => Err(refuse(&other, "a whole number from 0")),
        }
    }

    fn fits(value: &Value) -> bool {
        matches!(value, Value::Unsigned(_))
    }
}

/// Narrower unsigned integers, through `u64`, refusing what does not fit.
macro_rules! narrow {
    ($($int:ty)*) => {$(
        impl FromJson for $int {
            fn from_json(value: Value) -> Result<$int, Error> {
                let wide = u64::from_json(value)?;
                <$int>::try_from(wide).map_err(|_| Error::new(format!("{wide} is too large")))
            }

            fn fits(value: &Value) -> bool {
                u64::fits(value)
            }
        }
    )*};
}

narrow! { u16 u32 usize }

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: Value) -> Result<Option<T>, Error> {
        match value {
            Value::Null => Ok(None),
            value => T::from_json(value).map(Some),
        }
    }

    fn absent() -> Option<Option<T>> {
        Some(None)
    }

    fn fits(value: &Value) -> bool {
        matches!(value, Value::Null) || T::fits(value)
    }
}

/// The items of a JSON array, for collections read item by item.
fn items(value: Value) -> Result<Vec<Value>, Error> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(refuse(&other, "an array")),
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: Value) -> Result<Vec<T>, Error> {
        let mut read = Vec::new();
        for (index, item) in items(value)?.into_iter().enumerate() {
            read.push(T::from_json(item).map_err(|error| error.in_item(index))?);
        }
        Ok(read)
    }

    fn fits(value: &Value) -> bool {
        matches!(value, Value::Array(_))
    }
}

impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(value: Value) -> Result<(A, B), Error> {
        let mut items = items(value)?.into_iter();
        match (items.next(), items.next(), items.next()) {
            (Some(a), Some(b), None) => Ok((
                A::from_json(a).map_err(|error| error.in_item(0))?,
                B::from_json(b).map_err(|error| error.in_item(1))?,
            )),
            _ => Err(Error::new("expected an array of two")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    #[derive(Debug, PartialEq)]
    struct Pin {
        name: String,
        note: Option<String>,
        size: u32,
        tags: Vec<(String, Option<usize>)>,
    }

    impl FromJson for Pin {
        fn from_json(value: Value) -> Result<Pin, Error> {
            let mut object = Object::new(value)?;
            let pin = Pin {
                name: object.field("name")?,
                note: object.field("note")?,
                size: object.field_or("size", 1)?,
                tags: object.field("tags")?,
            };
            object.end(pin)
        }
    }

    #[test]
    fn reads_fields_by_name_whatever_their_order() {
        let pin: Pin =
            parse(r#"{"tags": [["a", 2], ["b", null]], "size": 7, "name": "p"}"#).unwrap();
        assert_eq!(
            pin,
            Pin {
                name: "p".into(),
                note: None,
                size: 7,
                tags: vec![("a".into(), Some(2)), ("b".into(), None)],
            }
        );
        let pin: Pin = parse(r#"{"name": "p", "note": "n", "tags": []}"#).unwrap();
        assert_eq!((pin.note.as_deref(), pin.size), (Some("n"), 1));
    }

    #[test]
    fn says_what_is_wrong_and_where() {
        let error = |text: &str| parse::<Pin>(text).unwrap_err().to_string();
        assert_eq!(error("[]"), "expected an object, found an array");
        assert_eq!(error(r#"{"name": "p"}"#), "missing field `tags`");
        assert_eq!(
            error(r#"{"name": "p", "tags": [], "colour": 1}"#),
            "unknown field `colour`"
        );
        assert_eq!(
            error(r#"{"name": 1, "tags": []}"#),
            "name: expected text, found 1"
        );
        assert_eq!(
            error(r#"{"name": "p", "tags": [["a", 1], ["b", -1]]}"#),
            "tags[1][1]: expected a whole number from 0, found -1"
        );
        assert_eq!(
            error(r#"{"name": "p", "size": 4294967296, "tags": []}"#),
            "size: 4294967296 is too large"
        );
        assert_eq!(
            error(r#"{"name": "p", "tags": [["a"]]}"#),
            "tags[0]: expected an array of two"
        );
    }

    #[test]
    fn reads_variants_as_serde_writes_them() {
        assert_eq!(
            variant(Value::Text("dot".into())).unwrap(),
            ("dot".into(), Value::Null)
        );
        let tagged = crate::value::read(r#"{"after": 2}"#).unwrap();
        assert_eq!(
            variant(tagged).unwrap(),
            ("after".into(), Value::Unsigned(2))
        );
        let two = crate::value::read(r#"{"a": 1, "b": 2}"#).unwrap();
        assert_eq!(
            variant(two).unwrap_err().to_string(),
            "expected a variant name, or an object with one key, found an object"
        );
    }
}
