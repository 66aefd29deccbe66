//! The book, built and tested with mdBook as a library and our preprocessor
//! in-process (so no `cargo run` per build).

use std::path::Path;

use anyhow::Context;
use mdbook_driver::MDBook;
use mdbook_fresh_reads::{FreshReads, OnError};

/// Loads the book with our preprocessor in place of book.toml's command.
pub fn load(root: &Path, on_error: OnError) -> anyhow::Result<MDBook> {
    let mut book = MDBook::load(root).context("cannot load the book")?;
    // Same name as the `[preprocessor.fresh-reads]` table: this replaces the
    // `cargo run` command there, in the same place in the order.
    book.with_preprocessor(FreshReads { on_error });
    Ok(book)
}

pub fn build(root: &Path, on_error: OnError) -> anyhow::Result<()> {
    load(root, on_error)?
        .build()
        .context("the book did not build")?;
    eprintln!("built the book into {}", root.join("book").display());
    Ok(())
}

/// `mdbook test`: runs the chapters' Rust samples with rustdoc, linking the
/// crates in `deps` (see [`crate::test::sample_deps`]).
pub fn test(root: &Path, deps: &Path) -> anyhow::Result<()> {
    let deps = deps
        .to_str()
        .context("the deps folder's path is not UTF-8")?;
    load(root, OnError::Fail)?
        .test(vec![deps])
        .context("a chapter's Rust sample failed")
}
