//! `#[derive(FromJson, ToJson)]`: `fresh-json`'s impls for a type, read off
//! the same `#[serde(...)]` attributes serde's derives read, so the widgets
//! read and write a type exactly as serde_json does and no impl is kept in
//! step with its type by hand.
//!
//! It knows the attributes the course's types use: on a container
//! `rename_all`, `tag`, `untagged`, `transparent`, `default` and
//! `deny_unknown_fields`; on a field `rename`, `default`, `default = "…"`
//! and `skip_serializing_if`; on a variant `rename`. Any other serde
//! attribute is a compile error here, not a silent difference.

mod attrs;
mod read;
mod write;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

#[proc_macro_derive(FromJson, attributes(serde))]
pub fn derive_from_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    read::derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

#[proc_macro_derive(ToJson, attributes(serde))]
pub fn derive_to_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    write::derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
