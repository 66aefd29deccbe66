//! The Wasm bundle: every widget and the engine, in one module and its glue.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use wasm_bindgen_cli_support::Bindgen;

use crate::setup::WASM_TARGET;
use crate::{command, layout};

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

pub fn build(root: &Path) -> anyhow::Result<()> {
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
    let wasm = target_dir(root)
        .join(WASM_TARGET)
        .join(PROFILE)
        .join(format!("{STEM}.wasm"));
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
    lay_out(&out_dir(root).join(format!("{STEM}_bg.wasm")))
}

fn lay_out(path: &Path) -> anyhow::Result<()> {
    let bound = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let laid = layout::for_gzip(&bound)
        .with_context(|| format!("cannot lay out {} for gzip", path.display()))?;
    eprintln!(
        "Laid out {} functions for gzip ({} were copies, merged): {} bytes raw, from {}",
        laid.functions,
        laid.merged,
        laid.bytes.len(),
        bound.len()
    );
    fs::write(path, &laid.bytes).with_context(|| format!("cannot write {}", path.display()))
}
