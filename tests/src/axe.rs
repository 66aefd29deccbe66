//! Accessibility audits with axe-core, from npm (`tests/package.json`,
//! installed by `cargo xtask test` with `npm ci`), injected into the page
//! over CDP: nothing is fetched by the page, so the tests' no-foreign-request
//! check still holds.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use serde::Deserialize;

use crate::browser::Browser;

/// `tests/node_modules/axe-core/axe.min.js`.
pub fn script_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js")
}

/// One rule broken on the page, with every element that breaks it.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Violation {
    /// The rule, e.g. `color-contrast`.
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    /// What the rule asks for, in a sentence.
    pub help: String,
    pub nodes: Vec<Node>,
}

/// An element that breaks a rule.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Node {
    /// A CSS selector for the element (joined across frames and shadow roots).
    pub target: String,
    /// axe's summary of what is wrong and how to fix it.
    pub summary: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ({}): {}", self.id, self.impact, self.help)?;
        const SHOWN: usize = 4;
        for node in self.nodes.iter().take(SHOWN) {
            let summary = node
                .summary
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            writeln!(f, "    at `{}`: {summary}", node.target)?;
        }
        if self.nodes.len() > SHOWN {
            writeln!(f, "    and {} more elements", self.nodes.len() - SHOWN)?;
        }
        Ok(())
    }
}

/// Loads axe-core into the page unless it is there already (a navigation
/// or reload drops it).
pub fn inject(browser: &mut Browser) -> anyhow::Result<()> {
    if browser.eval("typeof window.axe === 'object'")? == true {
        return Ok(());
    }
    let path = script_path();
    let source = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {}: run `npm ci` in tests/ (`cargo xtask test` does)",
            path.display()
        )
    })?;
    browser.eval(&format!("{source}\n;typeof window.axe"))?;
    if browser.eval("typeof window.axe === 'object'")? != true {
        bail!("axe-core did not load into the page");
    }
    Ok(())
}

/// Every violation of serious or critical impact on the whole page, as it
/// is now (so call it once the widgets have mounted).
pub fn serious_violations(browser: &mut Browser) -> anyhow::Result<Vec<Violation>> {
    Ok(audit(browser)?
        .into_iter()
        .filter(|violation| matches!(violation.impact.as_str(), "serious" | "critical"))
        .collect())
}

/// Every violation axe-core finds on the whole page, of any impact.
pub fn audit(browser: &mut Browser) -> anyhow::Result<Vec<Violation>> {
    inject(browser)?;
    let result = browser.eval_patiently(
        "axe.run(document, { resultTypes: ['violations'] }).then(results => \
           results.violations.map(v => ({ \
             id: v.id, impact: v.impact || 'unknown', help: v.help, \
             nodes: v.nodes.map(n => ({ \
               target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' | '), \
               summary: n.failureSummary || '' })) })))",
        Duration::from_secs(120),
    )?;
    serde_json::from_value(result).context("axe-core's results did not have the expected shape")
}
