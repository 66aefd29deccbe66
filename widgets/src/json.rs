//! JSON through the browser's own parser: `JSON.parse` and `JSON.stringify`
//! with serde-wasm-bindgen, rather than a JSON parser compiled into the bundle.

use serde::Serialize;
use serde::de::DeserializeOwned;

pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(|error| describe(&error))?;
    serde_wasm_bindgen::from_value(value).map_err(|error| error.to_string())
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
