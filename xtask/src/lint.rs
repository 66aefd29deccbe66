//! The bundle's size rules that clippy cannot see, checked on the module
//! itself: what rustc linked, named by the function names it leaves in the
//! module before wasm-bindgen strips them. Clippy (`widgets/lints/clippy.toml`)
//! refuses what it can in the source; a float printed through `format!`,
//! substring search or serde code reached through a dependency only shows
//! here.

use std::fs;
use std::path::Path;

use anyhow::{Context, bail};
use wasmparser::{KnownCustom, Name, Parser, Payload};

/// Code that costs kilobytes for what it does in the bundle: where it comes
/// from, what it costs, and the way the widgets do without it. Only what
/// Yew and the other dependencies never link themselves: Yew's scheduler
/// keeps a `BTreeMap` and something below it links Unicode's printable
/// tables, so those two cannot be judged by name here (clippy refuses
/// `BTreeMap` in our code).
const COSTLY: &[(&str, &str)] = &[
    (
        "core::fmt::float::",
        "a float printed (format!, Display or Debug of an f32/f64): Rust's float printer, about 10 KB gzip; print whole numbers, or let JavaScript format",
    ),
    (
        "core::str::pattern::StrSearcher",
        "substring search (str::find, contains, replace or split with a &str pattern): scan for a char or bytes instead",
    ),
    (
        "core::slice::sort::",
        "a slice sort: about 2 KB gzip per element type; insert in order instead",
    ),
    (
        "yew::html::classes::Classes",
        "Yew's Classes (classes! or class={expr}): a hashed set; use a literal class and data-state",
    ),
    (
        "serde::",
        "serde code: the widgets read and write JSON through json::FromJson and ToJson",
    ),
];

/// The rules, on the module cargo built for the bundle.
pub fn check(wasm: &Path) -> anyhow::Result<()> {
    let bytes = fs::read(wasm).with_context(|| format!("cannot read {}", wasm.display()))?;
    let found = costly(&function_names(&bytes)?);
    if !found.is_empty() {
        let mut report = String::new();
        for (symbol, why) in &found {
            report.push_str(&format!("\n  {why}\n    e.g. {symbol}"));
        }
        bail!(
            "the bundle links code ARCHITECTURE.md rules out ({}):{report}",
            wasm.display()
        );
    }
    Ok(())
}

/// Every function's name, demangled without its hash.
fn function_names(wasm: &[u8]) -> anyhow::Result<Vec<String>> {
    let mut names = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        if let Payload::CustomSection(section) = payload?
            && let KnownCustom::Name(reader) = section.as_known()
        {
            for subsection in reader {
                if let Name::Function(map) = subsection? {
                    for naming in map {
                        names.push(format!("{:#}", rustc_demangle::demangle(naming?.name)));
                    }
                }
            }
        }
    }
    if names.is_empty() {
        bail!(
            "the module has no function names to check: build it with symbols (strip = \"debuginfo\")"
        );
    }
    Ok(names)
}

/// The first function found for each costly construct, with why it is out.
fn costly(names: &[String]) -> Vec<(String, &'static str)> {
    COSTLY
        .iter()
        .filter_map(|(marker, why)| {
            let symbol = names.iter().find(|name| name.contains(marker))?;
            Some((symbol.clone(), *why))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::costly;

    #[test]
    fn a_float_printer_is_found_and_explained() {
        let names = [
            "fresh_reads_widgets::live::Live::view",
            "core::fmt::float::float_to_decimal_common_shortest",
            "core::fmt::float::<impl core::fmt::Display for f64>::fmt",
        ]
        .map(String::from);
        let found = costly(&names);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, names[1]);
        assert!(found[0].1.starts_with("a float printed"), "{}", found[0].1);
        assert!(costly(&names[..1]).is_empty());
    }
}
