//! What a fresh machine lacks, installed by the commands that need it.

use std::path::Path;
use std::process::Command;

use anyhow::bail;

use crate::command;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// rust-toolchain.toml names the target, but rustup does not fetch it when
/// auto-install is off (as on these machines); `target add` is a no-op when
/// it is there.
pub fn wasm_target() -> anyhow::Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|out| {
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .any(|line| line == WASM_TARGET)
        })
        .unwrap_or(false);
    if installed {
        return Ok(());
    }
    command::run(Path::new("."), "rustup", &["target", "add", WASM_TARGET])
}

/// Debian's Chromium, for the browser tests. Installed with apt-get when we
/// are root; otherwise the exact command to run is the error.
pub fn chromium() -> anyhow::Result<()> {
    const PACKAGES: [&str; 2] = ["chromium", "fonts-dejavu-core"];
    if Path::new(course_tests::browser::CHROMIUM).exists() {
        return Ok(());
    }
    if !is_root() {
        bail!(
            "the browser tests need Debian's Chromium: run `sudo apt-get update && sudo apt-get install -y {}`",
            PACKAGES.join(" ")
        );
    }
    let env = [("DEBIAN_FRONTEND", "noninteractive")];
    command::run_with(Command::new("apt-get").arg("update").envs(env))?;
    command::run_with(
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(PACKAGES)
            .envs(env),
    )
}

/// axe-core for the accessibility audit (tests/tests/a11y.rs), from npm at
/// the version `tests/package-lock.json` pins, into `tests/node_modules`.
/// `npm ci` runs only when that version is not already installed.
pub fn axe(root: &Path) -> anyhow::Result<()> {
    let dir = root.join("tests");
    let read = |path: &str| -> serde_json::Value {
        std::fs::read_to_string(dir.join(path))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    };
    let wanted = &read("package-lock.json")["packages"]["node_modules/axe-core"]["version"];
    let installed = &read("node_modules/axe-core/package.json")["version"];
    if wanted.is_string() && wanted == installed && course_tests::axe::script_path().exists() {
        return Ok(());
    }
    if Command::new("npm").arg("--version").output().is_err() {
        bail!(
            "the accessibility audit needs npm (for axe-core): install Node.js, e.g. `sudo apt-get install -y npm`"
        );
    }
    command::run(&dir, "npm", &["ci", "--no-audit", "--no-fund"])
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}
