//! The bad-input corpus: every file in `tests/bad-exercises/` is an exercise
//! an author could plausibly write and must not get into the book. Each one
//! says on its first line what the author should be told:
//!
//! ```toml
//! # expect: 7:1: unknown field `wyh`, expected one of `text`, `correct`, `why`
//! ```
//!
//! (a file that is not text says it in a sibling `<name>.expect` file). Each
//! must fail to load, without a panic, and the first error must read exactly
//! so, position included.

use std::collections::BTreeSet;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use course_schema::Kind;

const CORPUS: &str = "tests/bad-exercises";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the preprocessor lives in the workspace")
        .to_path_buf()
}

/// Every exercise file of the corpus, relative to the workspace root.
fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join(CORPUS))
        .expect("the corpus folder")
        .map(|entry| entry.expect("a corpus entry").file_name())
        .map(|name| Path::new(CORPUS).join(name))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
}

/// The `line:column: message` a file expects.
fn expectation(file: &Path) -> String {
    let sidecar = root().join(file).with_extension("toml.expect");
    let text = match fs::read_to_string(&sidecar) {
        Ok(text) => text,
        Err(_) => fs::read_to_string(root().join(file)).unwrap_or_else(|error| {
            panic!(
                "{}: not UTF-8 ({error}): put its expectation in {}",
                file.display(),
                sidecar.display()
            )
        }),
    };
    let first = text.lines().next().unwrap_or_default();
    first
        .strip_prefix("# expect: ")
        .unwrap_or_else(|| {
            panic!(
                "{}: the first line must be `# expect: <line>:<column>: <message>`",
                file.display()
            )
        })
        .to_string()
}

#[test]
fn every_bad_file_fails_with_its_expected_message() {
    let root = root();
    let mut wrong = Vec::new();
    for file in corpus() {
        let expected = expectation(&file);
        let id = file.file_stem().unwrap().to_string_lossy().into_owned();
        let loaded = catch_unwind(AssertUnwindSafe(|| {
            mdbook_fresh_reads::load(&root, &file, &id)
        }));
        let actual = match loaded {
            Err(_) => "PANICKED".to_string(),
            Ok(Ok(_)) => "LOADED WITHOUT ERROR".to_string(),
            Ok(Err(errors)) => {
                let first = errors.first().expect("a failure carries an error");
                assert_eq!(first.file, file, "errors name the file they are about");
                match first.position {
                    Some((line, column)) => format!("{line}:{column}: {}", first.message),
                    None => format!("(no position): {}", first.message),
                }
            }
        };
        if actual != expected {
            wrong.push(format!(
                "{}\n  expected: {expected}\n  actual:   {actual}",
                file.display()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of the corpus's files did not fail as expected:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_corpus_is_large_and_covers_every_kind() {
    let files = corpus();
    assert!(
        files.len() >= 30,
        "the corpus has {} files; it should have at least 30",
        files.len()
    );
    let mut kinds = BTreeSet::new();
    for file in &files {
        let Ok(text) = fs::read_to_string(root().join(file)) else {
            continue;
        };
        for kind in Kind::ALL {
            if text
                .lines()
                .any(|line| line == format!("kind = \"{}\"", kind.name()))
            {
                kinds.insert(kind.name());
            }
        }
        // Kind-specific files are named after their kind, so the listing reads
        // as a coverage table.
        let name = file.file_name().unwrap().to_string_lossy();
        if let Some(kind) = Kind::ALL
            .iter()
            .find(|kind| name.starts_with(&format!("{}-", kind.name())))
        {
            assert!(
                text.contains(&format!("kind = \"{}\"", kind.name())),
                "{} is named after a kind it is not",
                file.display()
            );
        }
    }
    let missing: Vec<&str> = Kind::ALL
        .iter()
        .map(|kind| kind.name())
        .filter(|name| !kinds.contains(name))
        .collect();
    assert!(missing.is_empty(), "no bad file of kind {missing:?}");
    for kind in Kind::ALL {
        let named = files
            .iter()
            .filter(|file| {
                file.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("{}-", kind.name()))
            })
            .count();
        assert!(
            named >= 4,
            "only {named} bad files of kind `{}`; the kind's rules deserve at least 4",
            kind.name()
        );
    }
    assert!(
        files
            .iter()
            .any(|file| fs::read_to_string(root().join(file)).is_err()),
        "the corpus should hold a file that is not UTF-8"
    );
}
