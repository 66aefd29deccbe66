//! The serde attributes of a type, its fields and its variants.

use syn::{Attribute, LitStr, Path};

/// How an enum is laid out in JSON, as serde names it.
pub enum Tagging {
    External,
    Internal(String),
    Untagged,
}

pub struct Container {
    pub rename_all: Option<String>,
    pub tagging: Tagging,
    pub transparent: bool,
    pub default: bool,
    pub deny_unknown_fields: bool,
}

pub struct Field {
    pub rename: Option<String>,
    pub default: Option<Default>,
    pub skip_serializing_if: Option<Path>,
}

pub enum Default {
    Trait,
    Function(Path),
}

pub struct Variant {
    pub rename: Option<String>,
}

fn string(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<String> {
    let value: LitStr = meta.value()?.parse()?;
    Ok(value.value())
}

fn path(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<Path> {
    let value: LitStr = meta.value()?.parse()?;
    value.parse()
}

/// Calls `each` on every item of every `#[serde(...)]` among `attrs`.
fn each_serde(
    attrs: &[Attribute],
    mut each: impl FnMut(&syn::meta::ParseNestedMeta<'_>, String) -> syn::Result<()>,
) -> syn::Result<()> {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let name = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            each(&meta, name)
        })?;
    }
    Ok(())
}

fn unknown(meta: &syn::meta::ParseNestedMeta<'_>, name: &str, on: &str) -> syn::Error {
    meta.error(format!(
        "fresh-json-derive does not know serde's `{name}` on {on}: teach it (json/derive) so the widgets read and write what serde does"
    ))
}

/// The serde attributes of the type `input` derives for, which may not be
/// generic.
pub fn of_type(input: &syn::DeriveInput) -> syn::Result<Container> {
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "fresh-json-derive derives for types without generics",
        ));
    }
    container(&input.attrs)
}

fn container(attrs: &[Attribute]) -> syn::Result<Container> {
    let mut container = Container {
        rename_all: None,
        tagging: Tagging::External,
        transparent: false,
        default: false,
        deny_unknown_fields: false,
    };
    each_serde(attrs, |meta, name| {
        match name.as_str() {
            "rename_all" => container.rename_all = Some(string(meta)?),
            "tag" => container.tagging = Tagging::Internal(string(meta)?),
            "untagged" => container.tagging = Tagging::Untagged,
            "transparent" => container.transparent = true,
            "default" if meta.input.is_empty() || meta.input.peek(syn::Token![,]) => {
                container.default = true;
            }
            "deny_unknown_fields" => container.deny_unknown_fields = true,
            _ => return Err(unknown(meta, &name, "a type")),
        }
        Ok(())
    })?;
    Ok(container)
}

pub fn field(attrs: &[Attribute]) -> syn::Result<Field> {
    let mut field = Field {
        rename: None,
        default: None,
        skip_serializing_if: None,
    };
    each_serde(attrs, |meta, name| {
        match name.as_str() {
            "rename" => field.rename = Some(string(meta)?),
            "default" if meta.input.peek(syn::Token![=]) => {
                field.default = Some(Default::Function(path(meta)?));
            }
            "default" => field.default = Some(Default::Trait),
            "skip_serializing_if" => field.skip_serializing_if = Some(path(meta)?),
            _ => return Err(unknown(meta, &name, "a field")),
        }
        Ok(())
    })?;
    Ok(field)
}

pub fn variant(attrs: &[Attribute]) -> syn::Result<Variant> {
    let mut variant = Variant { rename: None };
    each_serde(attrs, |meta, name| {
        match name.as_str() {
            "rename" => variant.rename = Some(string(meta)?),
            _ => return Err(unknown(meta, &name, "a variant")),
        }
        Ok(())
    })?;
    Ok(variant)
}

/// A variant's name under `rule` (serde's `rename_all`, from PascalCase).
pub fn variant_name(name: &str, rule: Option<&str>) -> Result<String, String> {
    let words = pascal_words(name);
    apply(&words, rule, name)
}

/// A field's name under `rule` (serde's `rename_all`, from snake_case).
pub fn field_name(name: &str, rule: Option<&str>) -> Result<String, String> {
    let words: Vec<String> = name.split('_').map(str::to_string).collect();
    apply(&words, rule, name)
}

fn pascal_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for c in name.chars() {
        if c.is_uppercase() || words.is_empty() {
            words.push(c.to_lowercase().collect());
        } else if let Some(word) = words.last_mut() {
            word.push(c);
        }
    }
    words
}

fn apply(words: &[String], rule: Option<&str>, name: &str) -> Result<String, String> {
    let capital = |word: &String| {
        let mut chars = word.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        })
    };
    Ok(match rule {
        None => name.to_string(),
        Some("lowercase") => words.concat(),
        Some("UPPERCASE") => words.concat().to_uppercase(),
        Some("snake_case") => words.join("_"),
        Some("SCREAMING_SNAKE_CASE") => words.join("_").to_uppercase(),
        Some("kebab-case") => words.join("-"),
        Some("SCREAMING-KEBAB-CASE") => words.join("-").to_uppercase(),
        Some("PascalCase") => words.iter().map(capital).collect(),
        Some("camelCase") => {
            let mut out = words.first().cloned().unwrap_or_default();
            out.extend(words.iter().skip(1).map(capital));
            out
        }
        Some(other) => return Err(format!("unknown rename_all rule `{other}`")),
    })
}

#[cfg(test)]
mod tests {
    use super::{field_name, variant_name};

    #[test]
    fn names_follow_serde_rename_rules() {
        let variant = |rule| variant_name("DynamicPathWithoutType", Some(rule)).unwrap();
        assert_eq!(variant("kebab-case"), "dynamic-path-without-type");
        assert_eq!(variant("lowercase"), "dynamicpathwithouttype");
        assert_eq!(variant("snake_case"), "dynamic_path_without_type");
        assert_eq!(variant("camelCase"), "dynamicPathWithoutType");
        assert_eq!(variant("SCREAMING_SNAKE_CASE"), "DYNAMIC_PATH_WITHOUT_TYPE");
        assert_eq!(variant_name("Hit", None).unwrap(), "Hit");
        assert_eq!(
            field_name("in_transaction", Some("camelCase")).unwrap(),
            "inTransaction"
        );
        assert_eq!(
            field_name("in_transaction", Some("kebab-case")).unwrap(),
            "in-transaction"
        );
    }
}
