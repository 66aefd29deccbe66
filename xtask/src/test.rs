//! `cargo xtask test`: every check CI makes, set-up included.

use std::path::{Path, PathBuf};
use std::process::Command;

use mdbook_fresh_reads::OnError;

use crate::command::{self, cargo};
use crate::setup::{self, WASM_TARGET};
use crate::{book, bundle, conformance};

pub fn run(root: &Path) -> anyhow::Result<()> {
    setup::wasm_target()?;
    setup::chromium()?;
    setup::axe(root)?;
    cargo(root, &["fmt", "--all", "--", "--check"])?;
    cargo(
        root,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    // Every crate in the bundle, its library code only, with the bundle's
    // size rules (widgets/lints/clippy.toml).
    command::run_with(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args([
                "clippy",
                "--package",
                "fresh-reads-widgets",
                "--package",
                "cache-engine",
                "--package",
                "course-schema",
                "--package",
                "fresh-json",
                "--lib",
                "--target",
                WASM_TARGET,
                "--",
                "-D",
                "warnings",
            ])
            .env("CLIPPY_CONF_DIR", root.join("widgets").join("lints"))
            .current_dir(root),
    )?;
    cargo(root, &["test", "--workspace"])?;
    bundle::build(root)?;
    book::build(root, OnError::Fail)?;
    eprintln!("$ mdbook test (the chapters' Rust samples)");
    book::test(root, &sample_deps(root)?)?;
    let cargo_bin = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let browser = command::run_with(
        Command::new(cargo_bin)
            .args([
                "test",
                "--package",
                "course-tests",
                "--tests",
                "--",
                "--ignored",
            ])
            .env("FRESH_READS_BOOK", root.join("book"))
            .current_dir(root),
    );
    browser?;
    // Last, as the slowest: the engine against real Next.js. Its report goes
    // under target/, leaving the book's copy to `cargo xtask conformance`.
    let report = root.join("target/conformance-report.md");
    conformance::run(root, &report, &[])
}

/// The crates the chapters' samples link, built alone into their own target
/// folder: rustdoc's `-L` must find exactly one build of each (E0464).
pub fn sample_deps(root: &Path) -> anyhow::Result<PathBuf> {
    let target = root.join("target").join("samples");
    let target_arg = target.to_str().unwrap_or("target/samples");
    cargo(
        root,
        &[
            "build",
            "--package",
            "cache-engine",
            "--target-dir",
            target_arg,
        ],
    )?;
    Ok(target.join("debug").join("deps"))
}
