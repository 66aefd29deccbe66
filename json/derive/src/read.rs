//! `FromJson`: what serde's `Deserialize` derive would accept, read through
//! `fresh_json::Object` and `fresh_json::variant`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, Ident, Type};

use crate::attrs::{self, Container, Default, Tagging};

pub fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let container = attrs::of_type(input)?;
    let name = &input.ident;
    let (body, fits) = match &input.data {
        Data::Struct(data) => {
            let read = fields(&container, &quote!(#name), &data.fields, quote!(value))?;
            let fits = match &data.fields {
                Fields::Named(_) => quote!(::fresh_json::is_object(value)),
                Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                    let ty = &fields.unnamed[0].ty;
                    quote!(<#ty as ::fresh_json::FromJson>::fits(value))
                }
                _ => return Err(unsupported(input)),
            };
            (read, fits)
        }
        Data::Enum(data) => enumeration(&container, name, data)?,
        Data::Union(_) => return Err(unsupported(input)),
    };
    Ok(quote! {
        impl ::fresh_json::FromJson for #name {
            fn from_json(value: ::fresh_json::Value) -> ::core::result::Result<Self, ::fresh_json::Error> {
                #body
            }

            fn fits(value: &::fresh_json::Value) -> bool {
                #fits
            }
        }
    })
}

fn unsupported(input: &DeriveInput) -> syn::Error {
    syn::Error::new_spanned(
        &input.ident,
        "fresh-json-derive reads structs with named fields, newtypes and enums",
    )
}

/// Reads `fields` of the struct or variant `path` from `value`.
fn fields(
    container: &Container,
    path: &TokenStream,
    fields: &Fields,
    value: TokenStream,
) -> syn::Result<TokenStream> {
    match fields {
        Fields::Named(named) => {
            let object = object_fields(container, path, named)?;
            Ok(quote! {
                let mut object = ::fresh_json::Object::new(#value)?;
                #object
            })
        }
        Fields::Unnamed(unnamed) if unnamed.unnamed.len() == 1 => {
            let ty = &unnamed.unnamed[0].ty;
            Ok(quote!(<#ty as ::fresh_json::FromJson>::from_json(#value).map(#path)))
        }
        Fields::Unit => Ok(quote!(::fresh_json::unit(#value).map(|()| #path))),
        Fields::Unnamed(_) => Err(syn::Error::new_spanned(
            fields,
            "fresh-json-derive reads one unnamed field at most",
        )),
    }
}

/// The struct `path` built from the fields of `object`, then `object`'s end.
fn object_fields(
    container: &Container,
    path: &TokenStream,
    named: &syn::FieldsNamed,
) -> syn::Result<TokenStream> {
    let mut reads = Vec::new();
    for field in &named.named {
        let ident = field.ident.as_ref().expect("named");
        let key = key(container, ident, &field.attrs)?;
        let attrs = attrs::field(&field.attrs)?;
        let read = match attrs.default {
            Some(Default::Trait) => {
                quote!(object.field_or(#key, ::core::default::Default::default())?)
            }
            Some(Default::Function(function)) => quote!(object.field_or(#key, #function())?),
            None if container.default => quote!(object.field_or(#key, defaults.#ident)?),
            None => quote!(object.field(#key)?),
        };
        reads.push(quote!(#ident: #read));
    }
    let defaults = container
        .default
        .then(|| quote!(let defaults: Self = ::core::default::Default::default();));
    let end = if container.deny_unknown_fields {
        quote!(object.end(read))
    } else {
        quote!(object.rest_ignored(read))
    };
    Ok(quote! {
        #defaults
        let read = #path { #(#reads,)* };
        #end
    })
}

pub fn key(container: &Container, ident: &Ident, attrs: &[syn::Attribute]) -> syn::Result<String> {
    let field = attrs::field(attrs)?;
    match field.rename {
        Some(name) => Ok(name),
        None => attrs::field_name(&ident.to_string(), container_rule(container))
            .map_err(|message| syn::Error::new_spanned(ident, message)),
    }
}

/// `rename_all` applies to a struct's fields, but to an enum's variants
/// only; `None` for fields of an enum's variants.
fn container_rule(container: &Container) -> Option<&str> {
    container.rename_all.as_deref()
}

pub fn variant_key(container: &Container, variant: &syn::Variant) -> syn::Result<String> {
    let attrs = attrs::variant(&variant.attrs)?;
    match attrs.rename {
        Some(name) => Ok(name),
        None => attrs::variant_name(&variant.ident.to_string(), container.rename_all.as_deref())
            .map_err(|message| syn::Error::new_spanned(&variant.ident, message)),
    }
}

/// An enum's variants have no `rename_all` of their own: the container's
/// renames the variants, not their fields.
fn variant_fields_container(container: &Container) -> Container {
    Container {
        rename_all: None,
        tagging: Tagging::External,
        transparent: false,
        default: false,
        deny_unknown_fields: container.deny_unknown_fields,
    }
}

fn enumeration(
    container: &Container,
    name: &Ident,
    data: &syn::DataEnum,
) -> syn::Result<(TokenStream, TokenStream)> {
    let inner = variant_fields_container(container);
    match &container.tagging {
        Tagging::External => {
            let mut arms = Vec::new();
            let mut keys = Vec::new();
            for variant in &data.variants {
                let key = variant_key(container, variant)?;
                let ident = &variant.ident;
                let read = fields(
                    &inner,
                    &quote!(#name::#ident),
                    &variant.fields,
                    quote!(content),
                )?;
                arms.push(quote!(#key => { #read }));
                keys.push(key);
            }
            let read = quote! {
                let (key, content) = ::fresh_json::variant(value)?;
                let read: ::core::result::Result<Self, ::fresh_json::Error> = match key.as_str() {
                    #(#arms)*
                    _ => return Err(::fresh_json::unknown_variant(&key, &[#(#keys),*])),
                };
                read.map_err(|error| error.in_field(&key))
            };
            Ok((read, quote!(::fresh_json::is_variant(value))))
        }
        Tagging::Internal(tag) => {
            let mut arms = Vec::new();
            let mut keys = Vec::new();
            for variant in &data.variants {
                let key = variant_key(container, variant)?;
                let ident = &variant.ident;
                let path = quote!(#name::#ident);
                let read = match &variant.fields {
                    Fields::Named(named) => object_fields(&inner, &path, named)?,
                    Fields::Unit => quote!(object.rest_ignored(#path)),
                    other => {
                        return Err(syn::Error::new_spanned(
                            other,
                            "fresh-json-derive reads internally tagged variants with named fields or none",
                        ));
                    }
                };
                arms.push(quote!(#key => { #read }));
                keys.push(key);
            }
            let read = quote! {
                let mut object = ::fresh_json::Object::new(value)?;
                let key: ::std::string::String = object.field(#tag)?;
                match key.as_str() {
                    #(#arms)*
                    _ => Err(::fresh_json::unknown_variant(&key, &[#(#keys),*]).in_field(#tag)),
                }
            };
            Ok((read, quote!(::fresh_json::is_object(value))))
        }
        Tagging::Untagged => {
            let mut tries = Vec::new();
            let mut fits = Vec::new();
            for variant in &data.variants {
                let ident = &variant.ident;
                let ty: &Type = match &variant.fields {
                    Fields::Unnamed(unnamed) if unnamed.unnamed.len() == 1 => {
                        &unnamed.unnamed[0].ty
                    }
                    other => {
                        return Err(syn::Error::new_spanned(
                            other,
                            "fresh-json-derive reads untagged variants of one unnamed field",
                        ));
                    }
                };
                tries.push(quote! {
                    if <#ty as ::fresh_json::FromJson>::fits(&value) {
                        return <#ty as ::fresh_json::FromJson>::from_json(value).map(#name::#ident);
                    }
                });
                fits.push(quote!(<#ty as ::fresh_json::FromJson>::fits(value)));
            }
            let what = format!("{name} (untagged: no variant has this shape)");
            let read = quote! {
                #(#tries)*
                Err(::fresh_json::no_variant_fits(&value, #what))
            };
            Ok((read, quote!(#(#fits)||*)))
        }
    }
}
