//! JSON in the bundle: props and saved state are read by a small parser of
//! our own (`value`), written through the browser's `JSON.stringify`.

mod value;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = value::read(text).map_err(|error| error.to_string())?;
    T::deserialize(value).map_err(|error| error.to_string())
}

pub fn stringify<T: Serialize>(value: &T) -> Result<String, String> {
    // JSON-compatible: maps as plain objects, which `JSON.stringify` keeps.
    let value = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| error.to_string())?;
    let text = js_sys::JSON::stringify(&value).map_err(|error| describe(&error))?;
    Ok(text.into())
}

fn describe(error: &wasm_bindgen::JsValue) -> String {
    js_sys::Error::from(error.clone()).message().into()
}
