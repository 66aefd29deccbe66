//! JSON for the Wasm bundle, parsed (`value`), read into types (`read`) and
//! written (`write`) by code of our own, small because it is generic over as
//! little as possible. All of it leaves floats out: nothing the widgets keep
//! has a fraction, and printing one would compile Rust's float printer into
//! the bundle.
//!
//! The course's types (`course-schema`, `cache-engine`) derive [`FromJson`]
//! and [`ToJson`] behind their `json` feature: the derive reads their
//! `#[serde(...)]` attributes, so what the widgets read and write is what
//! serde_json writes and reads, with nothing to keep in step by hand.

mod read;
mod value;
mod write;

pub use fresh_json_derive::{FromJson, ToJson};
pub use read::{
    Error, FromJson, Object, is_object, is_variant, named, no_variant_fits, refuse, unit, unknown,
    unknown_variant, variant,
};
pub use value::Value;
pub use write::{Entries, Fields, ToJson, Writer};

pub fn parse<T: FromJson>(text: &str) -> Result<T, Error> {
    T::from_json(value::read(text)?)
}

pub fn stringify(value: &dyn ToJson) -> String {
    write::write(value)
}
