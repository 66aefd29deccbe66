//! The Wasm bundle: every widget and the engine, in one module and its glue.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use flate2::Compression;
use flate2::write::GzEncoder;
use wasm_bindgen_cli_support::Bindgen;

use crate::setup::WASM_TARGET;
use crate::{budget, command, layout, lint, names};

const CRATE: &str = "fresh-reads-widgets";
const PROFILE: &str = "wasm-release";
/// The bundle's stem: `<STEM>.js` and `<STEM>_bg.wasm`, as the loader expects.
pub const STEM: &str = "fresh_reads_widgets";

/// Where the bundle goes: under `src/`, which mdBook copies as it is, so the
/// stock `mdbook build` and `mdbook serve` find it too. Not committed.
pub fn out_dir(root: &Path) -> PathBuf {
    root.join("src").join("wasm")
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set (relative to the
/// workspace root, where cargo runs), else `target/`.
fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// The built bundle as the bench sees it: the module as wasm-bindgen left
/// it, and what the layout pass did to it.
pub struct Built {
    pub bound: Vec<u8>,
    pub tally: layout::Tally,
}

/// The module as rustc linked it, with its function names.
pub fn linked(root: &Path) -> PathBuf {
    target_dir(root)
        .join(WASM_TARGET)
        .join(PROFILE)
        .join(format!("{STEM}.wasm"))
}

pub fn build(root: &Path) -> anyhow::Result<Built> {
    command::cargo(
        root,
        &[
            "build",
            "--package",
            CRATE,
            "--target",
            WASM_TARGET,
            "--profile",
            PROFILE,
        ],
    )?;
    let wasm = linked(root);
    // Costly code is refused before anything else is spent on the module.
    lint::check(&wasm)?;
    // The library is pinned to the same version as the `wasm-bindgen` crate
    // in Cargo.lock, which is what bindgen's output must match.
    Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .typescript(false)
        // With the default (omitted) path the glue cannot find its .wasm.
        .omit_default_module_path(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(out_dir(root))
        .with_context(|| format!("wasm-bindgen could not process {}", wasm.display()))?;
    let built = finish(
        &out_dir(root).join(format!("{STEM}_bg.wasm")),
        &out_dir(root).join(format!("{STEM}.js")),
    )?;
    if Passes::from_env()?.all() {
        budget::check(root)?;
    } else {
        eprintln!("bundle: not held to its budget, some post-link passes are off ({PASSES_VAR})");
    }
    Ok(built)
}

/// The post-link passes `FRESH_READS_PASSES` leaves on: a comma-separated
/// list of `layout` and `names`, or `none`; both when unset. Switching one
/// off tells whether it miscompiles; what ships is built with both.
pub struct Passes {
    pub layout: bool,
    pub names: bool,
}

impl Passes {
    pub fn from_env() -> anyhow::Result<Passes> {
        let Ok(list) = std::env::var(PASSES_VAR) else {
            return Ok(Passes::ALL);
        };
        let mut passes = Passes {
            layout: false,
            names: false,
        };
        for pass in list.split(',').map(str::trim) {
            match pass {
                "layout" => passes.layout = true,
                "names" => passes.names = true,
                "none" | "" => {}
                other => anyhow::bail!(
                    "{PASSES_VAR}={list}: unknown pass `{other}` (the passes are `layout` and `names`, or `none`)"
                ),
            }
        }
        Ok(passes)
    }

    pub const ALL: Passes = Passes {
        layout: true,
        names: true,
    };

    pub fn all(&self) -> bool {
        self.layout && self.names
    }
}

pub const PASSES_VAR: &str = "FRESH_READS_PASSES";

/// What bindgen wrote, made smaller for the wire: the module laid out for
/// gzip, the glue compacted, and the names the two share shortened.
fn finish(wasm_path: &Path, glue_path: &Path) -> anyhow::Result<Built> {
    let passes = Passes::from_env()?;
    let bound =
        fs::read(wasm_path).with_context(|| format!("cannot read {}", wasm_path.display()))?;
    let glue = fs::read_to_string(glue_path)
        .with_context(|| format!("cannot read {}", glue_path.display()))?;
    let laid = if passes.layout {
        layout::for_gzip(&bound)
            .with_context(|| format!("cannot lay out {} for gzip", wasm_path.display()))?
    } else {
        layout::Laid::unchanged(&bound)
    };
    let glue = compact(&glue).unwrap_or(glue);
    // Which layout gzips smallest shifts even with the names, so each is
    // finished as it would ship and weighed.
    let mut smallest: Option<(usize, names::Shortened)> = None;
    for layout in &laid.layouts {
        let short = if passes.names {
            names::shorten(layout, &glue).with_context(|| {
                format!(
                    "cannot shorten the names {} and {} share",
                    wasm_path.display(),
                    glue_path.display()
                )
            })?
        } else {
            names::Shortened {
                wasm: layout.clone(),
                glue: glue.clone(),
            }
        };
        let size = gzip_len(&short.wasm);
        if smallest.as_ref().is_none_or(|(best, _)| size < *best) {
            smallest = Some((size, short));
        }
    }
    let (_, short) = smallest.context("the layout pass gave no layout")?;
    fs::write(wasm_path, &short.wasm)
        .with_context(|| format!("cannot write {}", wasm_path.display()))?;
    fs::write(glue_path, &short.glue)
        .with_context(|| format!("cannot write {}", glue_path.display()))?;
    Ok(Built {
        bound,
        tally: laid.tally,
    })
}

/// The size gzip at its best makes of `bytes`, as the bench reports it.
pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into memory cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(usize::MAX, |out| out.len())
}

/// The glue without its comment lines and indentation, which every reader
/// downloads and no one reads there. Only whole-line comments
/// go, and nothing changes at all if a template literal spans lines, where
/// such a line would be text.
fn compact(glue: &str) -> Option<String> {
    if glue.lines().any(|line| line.matches('`').count() % 2 == 1) {
        return None;
    }
    let mut kept = String::with_capacity(glue.len());
    let mut in_block = false;
    for line in glue.lines() {
        let code = line.trim_start();
        if in_block || code.starts_with("/*") {
            in_block = !line.contains("*/");
        } else if !code.starts_with("//") {
            kept.push_str(code);
            kept.push('\n');
        }
    }
    Some(kept)
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn comments_and_indentation_go_and_code_stays() {
        let glue = "/**\n * Mounts.\n */\nexport function mount(c) {\n    // why\n    return `${c}//`; /* kept */\n}\n";
        assert_eq!(
            compact(glue).unwrap(),
            "export function mount(c) {\nreturn `${c}//`; /* kept */\n}\n"
        );
    }

    #[test]
    fn a_template_literal_across_lines_leaves_the_glue_alone() {
        assert_eq!(compact("const t = `a\n// b\n`;\n"), None);
    }
}
