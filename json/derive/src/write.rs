//! `ToJson`: what serde's `Serialize` derive would write, handed to
//! `fresh_json::Writer` as `(name, &dyn ToJson)` entries.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields};

use crate::attrs::{self, Container, Tagging};
use crate::read::{key, variant_key};

pub fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let container = attrs::of_type(input)?;
    let name = &input.ident;
    let body = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => {
                let bindings: Vec<_> = named.named.iter().map(|f| f.ident.clone()).collect();
                let entries = entries(&container, &named.named, None)?;
                quote! {
                    let #name { #(#bindings),* } = self;
                    out.entries(&[#(#entries),*]);
                }
            }
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                quote!(::fresh_json::ToJson::to_json(&self.0, out);)
            }
            _ => {
                return Err(syn::Error::new_spanned(
                    name,
                    "fresh-json-derive writes structs with named fields, newtypes and enums",
                ));
            }
        },
        Data::Enum(data) => {
            let plain = Container {
                rename_all: None,
                tagging: Tagging::External,
                transparent: false,
                default: false,
                deny_unknown_fields: false,
            };
            let mut arms = Vec::new();
            for variant in &data.variants {
                let key = variant_key(&container, variant)?;
                let ident = &variant.ident;
                let arm = match (&container.tagging, &variant.fields) {
                    (Tagging::External, Fields::Unit) => {
                        quote!(#name::#ident => out.text(#key),)
                    }
                    (Tagging::External, Fields::Unnamed(fields)) if fields.unnamed.len() == 1 => {
                        quote!(#name::#ident(inner) => out.variant(#key, inner),)
                    }
                    (Tagging::External, Fields::Named(named)) => {
                        let bindings: Vec<_> =
                            named.named.iter().map(|f| f.ident.clone()).collect();
                        let entries = entries(&plain, &named.named, None)?;
                        quote! {
                            #name::#ident { #(#bindings),* } => {
                                out.variant(#key, &::fresh_json::Entries(&[#(#entries),*]));
                            }
                        }
                    }
                    (Tagging::Internal(tag), Fields::Named(named)) => {
                        let bindings: Vec<_> =
                            named.named.iter().map(|f| f.ident.clone()).collect();
                        let entries = entries(&plain, &named.named, Some((tag, &key)))?;
                        quote! {
                            #name::#ident { #(#bindings),* } => out.entries(&[#(#entries),*]),
                        }
                    }
                    (Tagging::Internal(tag), Fields::Unit) => {
                        quote! {
                            #name::#ident => out.entries(&[Some((#tag, &#key))]),
                        }
                    }
                    (Tagging::Untagged, Fields::Unnamed(fields)) if fields.unnamed.len() == 1 => {
                        quote!(#name::#ident(inner) => ::fresh_json::ToJson::to_json(inner, out),)
                    }
                    (_, fields) => {
                        return Err(syn::Error::new_spanned(
                            fields,
                            "fresh-json-derive cannot write this variant with this enum's tagging",
                        ));
                    }
                };
                arms.push(arm);
            }
            quote! {
                match self {
                    #(#arms)*
                }
            }
        }
        Data::Union(_) => {
            return Err(syn::Error::new_spanned(
                name,
                "fresh-json-derive writes no unions",
            ));
        }
    };
    Ok(quote! {
        impl ::fresh_json::ToJson for #name {
            fn to_json(&self, out: &mut ::fresh_json::Writer) {
                #body
            }
        }
    })
}

/// One `Option<(name, &dyn ToJson)>` per field, bound by name; `None` when
/// serde's `skip_serializing_if` says so. `tag` is an internally tagged
/// variant's tag and name, written first.
fn entries(
    container: &Container,
    fields: &syn::punctuated::Punctuated<syn::Field, syn::token::Comma>,
    tag: Option<(&String, &String)>,
) -> syn::Result<Vec<TokenStream>> {
    let mut entries = Vec::new();
    if let Some((tag, name)) = tag {
        entries.push(quote!(Some((#tag, &#name as &dyn ::fresh_json::ToJson))));
    }
    for field in fields {
        let ident = field.ident.as_ref().expect("named");
        let key = key(container, ident, &field.attrs)?;
        let attrs = attrs::field(&field.attrs)?;
        let value = format_ident!("{}", ident);
        let entry = quote!(Some((#key, #value as &dyn ::fresh_json::ToJson)));
        entries.push(match attrs.skip_serializing_if {
            Some(skip) => quote!(if #skip(#value) { None } else { #entry }),
            None => entry,
        });
    }
    Ok(entries)
}
