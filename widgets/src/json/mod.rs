//! JSON in the bundle, read (`value`) and written (`write`) by code of our
//! own, small because it is generic over as little as possible. Both leave
//! floats out: nothing the widgets keep has a fraction, and printing one
//! would compile Rust's float printer into the bundle.

mod value;
mod write;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = value::read(text).map_err(|error| error.to_string())?;
    T::deserialize(value).map_err(|error| error.to_string())
}

pub fn stringify<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    write::write(value).map_err(|error| error.to_string())
}
