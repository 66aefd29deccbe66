//! Values written as JSON text, the counterpart of `read`.
//!
//! What the widgets write is saved state and event log lines. Why not
//! serde's `Serialize`: its derive compiles, per type, a walk through a
//! generic serializer's dozen methods. Here a struct is a list of its fields
//! as `(name, &dyn ToJson)` pairs handed to one writer that is not generic.
//!
//! The layout is serde_json's, compact. Derived impls follow the type's
//! serde attributes; [`json_fields!`](crate::json_fields), for the widgets'
//! own saved state, leaves out a field that is `None`, which `read` takes as
//! `None` again. There are no floats: printing one would compile Rust's
//! float printer into the bundle.

use std::fmt::Write as _;

pub trait ToJson {
    fn to_json(&self, out: &mut Writer);

    /// Whether a field holding this value is left out of its object.
    fn absent(&self) -> bool {
        false
    }
}

pub struct Writer(String);

pub fn write(value: &dyn ToJson) -> String {
    let mut out = Writer(String::new());
    value.to_json(&mut out);
    out.0
}

impl Writer {
    pub fn text(&mut self, text: &str) {
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

    fn number(&mut self, number: u64) {
        let _ = write!(self.0, "{number}");
    }

    /// An object of `fields` in this order, but for those that are absent.
    pub fn object(&mut self, fields: &[(&str, &dyn ToJson)]) {
        self.members(
            &mut fields
                .iter()
                .filter(|(_, value)| !value.absent())
                .map(|(key, value)| (*key, *value)),
        );
    }

    /// An object of the fields given, in this order; `None` is a field
    /// serde skips (`skip_serializing_if`). What the derive writes.
    pub fn entries(&mut self, fields: &[Option<(&str, &dyn ToJson)>]) {
        self.members(&mut fields.iter().flatten().copied());
    }

    fn members<'a>(&mut self, fields: &mut dyn Iterator<Item = (&'a str, &'a dyn ToJson)>) {
        let mut comma = "";
        self.0.push('{');
        for (key, value) in fields {
            self.0.push_str(comma);
            comma = ",";
            self.text(key);
            self.0.push(':');
            value.to_json(self);
        }
        self.0.push('}');
    }

    /// An enum's variant with content: `{"name":content}`.
    pub fn variant(&mut self, name: &str, content: &dyn ToJson) {
        self.object(&[(name, content)]);
    }

    fn array(&mut self, items: &mut dyn Iterator<Item = &dyn ToJson>) {
        self.0.push('[');
        for (index, item) in items.enumerate() {
            if index > 0 {
                self.0.push(',');
            }
            item.to_json(self);
        }
        self.0.push(']');
    }
}

/// Fields written as an object: the content of a struct variant.
pub struct Fields<'a>(pub &'a [(&'a str, &'a dyn ToJson)]);

impl ToJson for Fields<'_> {
    fn to_json(&self, out: &mut Writer) {
        out.object(self.0);
    }
}

/// Entries written as an object, as [`Writer::entries`]: the content of a
/// derived struct variant.
pub struct Entries<'a>(pub &'a [Option<(&'a str, &'a dyn ToJson)>]);

impl ToJson for Entries<'_> {
    fn to_json(&self, out: &mut Writer) {
        out.entries(self.0);
    }
}

/// `ToJson` for a struct, as an object of the named fields in this order.
#[macro_export]
macro_rules! json_fields {
    ($type:ty { $($field:ident),* $(,)? }) => {
        impl $crate::ToJson for $type {
            fn to_json(&self, out: &mut $crate::Writer) {
                out.object(&[$((stringify!($field), &self.$field)),*]);
            }
        }
    };
}

impl ToJson for &str {
    fn to_json(&self, out: &mut Writer) {
        out.text(self);
    }
}

impl ToJson for String {
    fn to_json(&self, out: &mut Writer) {
        out.text(self);
    }
}

impl ToJson for bool {
    fn to_json(&self, out: &mut Writer) {
        out.0.push_str(if *self { "true" } else { "false" });
    }
}

/// Whole numbers, written in decimal.
macro_rules! numbers {
    ($($type:ty)*) => {$(
        impl ToJson for $type {
            fn to_json(&self, out: &mut Writer) {
                out.number(*self as u64);
            }
        }
    )*};
}

numbers! { u16 u32 u64 usize }

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self, out: &mut Writer) {
        match self {
            Some(value) => value.to_json(out),
            None => out.0.push_str("null"),
        }
    }

    fn absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self, out: &mut Writer) {
        out.array(&mut self.iter().map(|item| item as &dyn ToJson));
    }
}

impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn to_json(&self, out: &mut Writer) {
        out.array(&mut [&self.0 as &dyn ToJson, &self.1].into_iter());
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;

    #[derive(Serialize)]
    #[serde(rename_all = "kebab-case")]
    enum Shape {
        Dot,
        Circle(u32),
        Rect { w: u16, h: u16 },
    }

    impl ToJson for Shape {
        fn to_json(&self, out: &mut Writer) {
            match self {
                Shape::Dot => out.text("dot"),
                Shape::Circle(radius) => out.variant("circle", radius),
                Shape::Rect { w, h } => out.variant("rect", &Size { w: *w, h: *h }),
            }
        }
    }

    struct Size {
        w: u16,
        h: u16,
    }

    json_fields!(Size { w, h });

    #[derive(Serialize)]
    struct Drawing {
        name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        hidden: Option<u64>,
        shapes: Vec<Shape>,
        pins: Vec<(String, Option<usize>)>,
        shown: bool,
    }

    json_fields!(Drawing {
        name,
        note,
        hidden,
        shapes,
        pins,
        shown
    });

    #[test]
    fn writes_what_serde_json_writes() {
        let drawing = Drawing {
            name: "a \"quoted\" \\ name\n\u{1}é😀\t\r".into(),
            note: Some("n".into()),
            hidden: None,
            shapes: vec![Shape::Dot, Shape::Circle(3), Shape::Rect { w: 2, h: 255 }],
            pins: vec![("x".into(), Some(usize::MAX)), ("y".into(), None)],
            shown: true,
        };
        assert_eq!(write(&drawing), serde_json::to_string(&drawing).unwrap());
        assert_eq!(write(&Vec::<u32>::new()), "[]");
    }
}
