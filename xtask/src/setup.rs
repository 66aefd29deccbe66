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

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}
