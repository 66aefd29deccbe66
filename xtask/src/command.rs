use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

/// Runs `program args…` in `dir`, echoing it first so a failing step in CI's
/// log says what ran.
pub fn run(dir: &Path, program: &str, args: &[&str]) -> anyhow::Result<()> {
    run_with(Command::new(program).args(args).current_dir(dir))
}

pub fn run_with(command: &mut Command) -> anyhow::Result<()> {
    let shown = format!("{command:?}").replace('"', "");
    eprintln!("$ {shown}");
    let status = command
        .status()
        .with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

pub fn cargo(dir: &Path, args: &[&str]) -> anyhow::Result<()> {
    run(
        dir,
        &std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()),
        args,
    )
}
