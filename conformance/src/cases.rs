//! The scenarios the run covers: every file in `engine/scenarios/`.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use cache_engine::app::Mode;
use cache_engine::script::Scenario;

/// One scenario to run on both sides.
pub struct Case {
    pub name: String,
    pub scenario: Scenario,
    /// Run under `next dev` rather than `next start`.
    pub dev: bool,
}

impl Case {
    /// Cases with the same routes share one `next build`.
    pub fn build_key(&self) -> String {
        serde_json::to_string(&self.scenario.app.routes).unwrap_or_default()
    }

    pub fn file_name(&self) -> String {
        self.name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect()
    }
}

/// Every case, in a stable order.
pub fn all() -> Result<Vec<Case>> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/scenarios");
    let mut files: Vec<_> = fs::read_dir(&folder)
        .with_context(|| format!("read {}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path)?;
            let scenario: Scenario =
                toml::from_str(&text).with_context(|| format!("{}", path.display()))?;
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(Case {
                dev: scenario.app.mode == Mode::Development,
                name,
                scenario,
            })
        })
        .collect()
}
