//! The bundle's size budget, checked by `cargo xtask test`: every reader of
//! a page with widgets downloads the bundle, and one costly construct adds
//! kilobytes that no other test would notice. It compares bytes, so it is
//! as stable as the build.

use std::fs;
use std::path::Path;

use anyhow::{Context, bail};

use crate::bundle;

/// Wasm and glue together, gzip at its best: what mdbook-quiz ships.
pub const BUDGET: usize = 168_000;

/// The shipped bundle's gzip size, module and glue.
pub struct Shipped {
    pub wasm: usize,
    pub glue: usize,
}

impl Shipped {
    pub fn read(root: &Path) -> anyhow::Result<Shipped> {
        let gzip = |name: String| -> anyhow::Result<usize> {
            let path = bundle::out_dir(root).join(&name);
            let bytes = fs::read(&path).with_context(|| format!("no {}", path.display()))?;
            Ok(bundle::gzip_len(&bytes))
        };
        Ok(Shipped {
            wasm: gzip(format!("{}_bg.wasm", bundle::STEM))?,
            glue: gzip(format!("{}.js", bundle::STEM))?,
        })
    }

    pub fn total(&self) -> usize {
        self.wasm + self.glue
    }
}

pub fn check(root: &Path) -> anyhow::Result<()> {
    let shipped = Shipped::read(root)?;
    within(&shipped)?;
    eprintln!(
        "bundle: {} gzip, {} under the {} budget",
        kb(shipped.total()),
        kb(BUDGET - shipped.total()),
        kb(BUDGET)
    );
    Ok(())
}

fn within(shipped: &Shipped) -> anyhow::Result<()> {
    let total = shipped.total();
    if total > BUDGET {
        bail!(
            "the bundle is {} gzip (wasm {}, glue {}): {} over the {} budget. \
             ARCHITECTURE.md says which constructs cost kilobytes; `cargo xtask bench` prints the sizes",
            kb(total),
            kb(shipped.wasm),
            kb(shipped.glue),
            kb(total - BUDGET),
            kb(BUDGET)
        );
    }
    Ok(())
}

/// Bytes as kilobytes with three decimals, whole numbers only: xtask may
/// print floats, but a figure to the byte reads as well.
pub fn kb(bytes: usize) -> String {
    format!("{}.{:03} KB", bytes / 1000, bytes % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_over_budget_fails_with_its_size_and_the_excess() {
        let error = within(&Shipped {
            wasm: 165_000,
            glue: 4_500,
        })
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "the bundle is 169.500 KB gzip (wasm 165.000 KB, glue 4.500 KB): 1.500 KB over the 168.000 KB budget. \
             ARCHITECTURE.md says which constructs cost kilobytes; `cargo xtask bench` prints the sizes"
        );
        assert!(
            within(&Shipped {
                wasm: 163_000,
                glue: 4_999
            })
            .is_ok()
        );
    }
}
