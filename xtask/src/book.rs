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

#[cfg(test)]
pub(crate) mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;

    /// A copy of the book's sources (not the built book, not the bundle)
    /// that a test may break.
    pub(crate) fn copy_of_sources(name: &str) -> tempfile::TempDir {
        let root = crate::workspace_root();
        let copy = tempfile::Builder::new()
            .prefix(&format!("fresh-reads-book-{name}-"))
            .tempdir()
            .unwrap();
        let dir = copy.path();
        fs::copy(root.join("book.toml"), dir.join("book.toml")).unwrap();
        for sub in ["src", "exercises", "theme"] {
            copy_dir(&root.join(sub), &dir.join(sub));
        }
        copy
    }

    fn copy_dir(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                // The Wasm bundle is a build output, not a source.
                if entry.file_name() != "wasm" {
                    copy_dir(&path, &to.join(entry.file_name()));
                }
            } else {
                fs::copy(&path, to.join(entry.file_name())).unwrap();
            }
        }
    }

    #[test]
    fn a_broken_exercise_fails_the_build_and_is_a_card_when_serving() {
        let copy = copy_of_sources("broken");
        let dir = copy.path();
        let file = "exercises/picking-the-call/practice-map-pin.toml";
        let text = fs::read_to_string(dir.join(file)).unwrap();
        // A typo an author makes: `wyh` for `why` in the first option.
        let broken = text.replacen("\nwhy = ", "\nwyh = ", 1);
        assert_ne!(broken, text);
        fs::write(dir.join(file), &broken).unwrap();
        let line = broken[..broken.find("\nwyh = ").unwrap()].lines().count() + 1;
        let expected = format!(
            "{file}:{line}:1: unknown field `wyh`, expected one of `text`, `correct`, `why`"
        );

        let error = build(dir, OnError::Fail).unwrap_err();
        let report = format!("{error:#}");
        assert!(report.contains(&expected), "{report}");

        build(dir, OnError::Card).unwrap();
        let page = fs::read_to_string(dir.join("book/picking-the-call/practice.html")).unwrap();
        let card = page
            .split("<div class=\"fr-error\"")
            .nth(1)
            .expect("an error card in the page")
            .split("</div>")
            .next()
            .unwrap();
        assert!(card.contains(&expected), "{card}");
        assert!(!page.contains("data-exercise=\"practice-map-pin\""));
        for other in [
            "practice-settings-form",
            "practice-identity-webhook",
            "practice-marketing-footer",
        ] {
            let widget = page
                .split(&format!("data-exercise=\"{other}\""))
                .nth(1)
                .unwrap_or_else(|| panic!("no placeholder for {other}"));
            let widget = widget.split("data-exercise=").next().unwrap();
            assert!(
                widget.contains("<script type=\"application/json\">")
                    && widget.contains(&format!("\"id\":\"{other}\"")),
                "{other}'s placeholder lost its props: {widget}"
            );
        }
    }
}
