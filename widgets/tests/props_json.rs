//! The bundle reads JSON with code of its own (`json`), the preprocessor
//! writes props with serde_json: every exercise of the course must come back
//! from the page exactly as the build wrote it.

use std::path::{Path, PathBuf};

use fresh_reads_widgets::json;
use mdbook_fresh_reads::Catalog;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the widgets live in the workspace")
        .to_path_buf()
}

fn ids(dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("exercises/ is readable") {
        let path = entry.expect("exercises/ is readable").path();
        if path.is_dir() {
            ids(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            found.push(path.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
}

#[test]
fn every_exercise_reads_back_as_the_build_wrote_it() {
    let catalog = Catalog::scan(&root(), Path::new("exercises")).expect("exercises/ is readable");
    let mut found = Vec::new();
    ids(&root().join("exercises"), &mut found);
    assert!(found.len() >= 20, "only {} exercises found", found.len());
    for id in found {
        let props = match catalog.props(&id) {
            Some(Ok(props)) => props,
            other => panic!("exercise `{id}` does not load: {other:?}"),
        };
        let text = serde_json::to_string(props).unwrap();
        let read = json::parse(&text).unwrap_or_else(|error| panic!("`{id}`: {error}"));
        assert_eq!(*props, read, "`{id}` changed on its way through the page");
    }
}
