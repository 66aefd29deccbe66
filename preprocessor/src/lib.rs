//! The Fresh Reads mdBook preprocessor.
//!
//! It replaces each `{{#exercise <id>}}` directive (outside code) with a
//! widget placeholder: a JSON island of [`course_schema::WidgetProps`] for the
//! Wasm widgets, and static fallback HTML that reads well without JavaScript
//! and in print.

mod catalog;
mod directive;
mod error;
mod kinds;
mod load;
mod markdown;
mod placeholder;
mod progress;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::Result;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

pub use catalog::Catalog;
use catalog::Refusal;
pub use error::ExerciseError;
pub use load::load;

/// The preprocessor's name: the `[preprocessor.fresh-reads]` table in `book.toml`.
pub const NAME: &str = "fresh-reads";

/// What to do with an exercise that cannot be placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OnError {
    /// Fail the build: what `cargo xtask build` and CI want.
    #[default]
    Fail,
    /// Put an error card where the widget would be and go on: what an author
    /// running `cargo xtask serve` wants, so one typo does not blank the book.
    Card,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct FreshReads {
    pub on_error: OnError,
}

impl Preprocessor for FreshReads {
    fn name(&self) -> &str {
        NAME
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let catalog = Catalog::scan(&ctx.root, Path::new("exercises"))?;
        // Where each exercise is placed: the chapter, line and column.
        let mut placed: BTreeMap<String, (PathBuf, usize, usize)> = BTreeMap::new();
        let mut failures = Vec::new();
        let mut chapters = Vec::new();
        book.for_each_mut(|item| {
            let BookItem::Chapter(chapter) = item else {
                return;
            };
            let Some(source) = &chapter.source_path else {
                return;
            };
            let chapter_file = ctx.config.book.src.join(source);
            let mut listed = progress::Chapter::new(&chapter.name, source);
            let mut broken = Vec::new();
            let (content, refused) = directive::expand(&chapter.content, |site| {
                let html = catalog.placeholder(site.id).map_err(|refusal| match refusal {
                    Refusal::NoFile(why) => why,
                    Refusal::Broken(errors) => {
                        broken.push((site.line, site.column));
                        errors
                    }
                })?;
                let here = (chapter_file.clone(), site.line, site.column);
                if let Some((file, line, column)) = placed.get(site.id) {
                    return Err(format!(
                        "exercise `{}` is already placed at {}:{line}:{column}; an exercise may appear once in the book",
                        site.id,
                        file.display()
                    ));
                }
                placed.insert(site.id.to_string(), here);
                if let Some(Ok(props)) = catalog.props(site.id) {
                    listed.add(props);
                }
                Ok(html)
            });
            chapter.content = content;
            chapters.push(listed);
            // A broken file's errors are reported once, at the file, below.
            failures.extend(
                refused
                    .into_iter()
                    .filter(|r| !broken.contains(&(r.line, r.column)))
                    .map(|r| {
                        format!(
                            "{}:{}:{}: `{}`: {}",
                            chapter_file.display(),
                            r.line,
                            r.column,
                            r.directive,
                            r.why
                        )
                    }),
            );
        });
        // Every placement is known now: each chapter gets the index, and the
        // progress page its list. `for_each_mut` visits a chapter after its
        // sub-chapters; the reader meets them in the book's order.
        let order: Vec<&Path> = book
            .iter()
            .filter_map(|item| match item {
                BookItem::Chapter(chapter) => chapter.source_path.as_deref(),
                _ => None,
            })
            .collect();
        chapters.sort_by_key(|chapter| order.iter().position(|path| *path == chapter.source));
        let index = progress::index(&chapters);
        let list = progress::list(&chapters);
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item {
                if let Some(content) = progress::place_list(&chapter.content, &list) {
                    chapter.content = content;
                }
                chapter.content.push_str(&index);
            }
        });
        failures.extend(catalog.errors().map(ToString::to_string));
        let unplaced: Vec<String> = catalog.unplaced(&placed).map(|e| e.to_string()).collect();
        match self.on_error {
            OnError::Fail => failures.extend(unplaced),
            OnError::Card => {
                for warning in unplaced {
                    eprintln!("fresh-reads: warning: {warning}");
                }
            }
        }
        if failures.is_empty() {
            return Ok(book);
        }
        let report = failures.join("\n");
        match self.on_error {
            OnError::Fail => Err(anyhow::anyhow!("{report}")),
            OnError::Card => {
                eprintln!("fresh-reads: {report}");
                Ok(book)
            }
        }
    }
}
