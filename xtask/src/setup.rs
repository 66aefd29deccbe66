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

/// A step that fails on a full disk fails deep inside rustc, npm or Chromium
/// with a message about something else; this names the cause.
pub fn low_disk(target: &Path) -> Option<String> {
    let dir = target.ancestors().find(|dir| dir.exists())?;
    disk_note(free_bytes(dir)?, dir)
}

/// `df -P`'s fourth column: kilobytes available to us.
fn free_bytes(dir: &Path) -> Option<u64> {
    let out = Command::new("df").arg("-Pk").arg(dir).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let kb: u64 = text
        .lines()
        .nth(1)?
        .split_whitespace()
        .nth(3)?
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// Below this, a cold build cannot finish: it writes about 3.6 GB to target/.
const ENOUGH_DISK: u64 = 2 << 30;

fn disk_note(free: u64, dir: &Path) -> Option<String> {
    (free < ENOUGH_DISK).then(|| {
        format!(
            "only {} MB free on the disk that holds {}: a cold `cargo xtask test` writes about 4 GB there",
            free >> 20,
            dir.display()
        )
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_on_a_full_disk_says_so() {
        let dir = Path::new("/check/target");
        let note = disk_note(786 << 20, dir).unwrap();
        assert!(note.starts_with("only 786 MB free on the disk that holds /check/target"));
        assert_eq!(disk_note(ENOUGH_DISK, dir), None);
        // The real disk is read: `df` is there and its columns parse.
        assert!(free_bytes(Path::new("/")).is_some_and(|free| free > 0));
    }
}
