//! `cargo xtask conformance`: the engine against real Next.js. The harness
//! is its own crate (`conformance/`), with the Next.js app it drives.

use std::path::Path;

use crate::command::cargo;

/// Run the harness, writing its report to `report`; fails on any
/// disagreement, after stopping every server it started.
pub fn run(root: &Path, report: &Path, extra: &[&str]) -> anyhow::Result<()> {
    let report = report.to_string_lossy();
    let mut args = vec![
        "run",
        "--quiet",
        "--package",
        "conformance",
        "--",
        "--report",
        &report,
    ];
    args.extend_from_slice(extra);
    cargo(root, &args)
}
