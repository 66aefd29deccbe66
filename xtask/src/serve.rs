//! `cargo xtask serve`: the book on 127.0.0.1, rebuilt when a source changes,
//! and open pages reload themselves after each rebuild.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, SystemTime};

use course_tests::server::Server;
use mdbook_fresh_reads::OnError;

use crate::{book, bundle, setup};

/// What the Wasm bundle is made from; a change here rebuilds it.
const BUNDLE_SOURCES: &[&str] = &["widgets", "schema", "engine"];
/// What the book is made from.
const BOOK_SOURCES: &[&str] = &["src", "exercises", "theme", "book.toml"];

pub fn run(root: &Path, port: u16) -> anyhow::Result<()> {
    setup::wasm_target()?;
    rebuild(root, true);
    let build = Arc::new(AtomicU64::new(0));
    let server = Server::start(root.join("book"), port, Some(Arc::clone(&build)))?;
    println!("Serving the course at {}", server.url("/"));
    println!(
        "Edit chapters, exercises, the theme or widget code: open pages reload after each rebuild."
    );
    let mut bundle_seen = stamps(root, BUNDLE_SOURCES);
    let mut book_seen = stamps(root, BOOK_SOURCES);
    loop {
        thread::sleep(Duration::from_millis(400));
        let (bundle_now, book_now) = (stamps(root, BUNDLE_SOURCES), stamps(root, BOOK_SOURCES));
        let bundle_changed = bundle_now != bundle_seen;
        if bundle_changed || book_now != book_seen {
            rebuild(root, bundle_changed);
            build.fetch_add(1, Ordering::SeqCst);
            (bundle_seen, book_seen) = (bundle_now, book_now);
        }
    }
}

/// A failed rebuild is reported and the last good book keeps being served;
/// a broken exercise becomes an error card in its page.
fn rebuild(root: &Path, with_bundle: bool) {
    if with_bundle && let Err(error) = bundle::build(root) {
        eprintln!("error: {error:#}");
        return;
    }
    if let Err(error) = book::build(root, OnError::Card) {
        eprintln!("error: {error:#}");
    }
}

/// Modification times of every file under `paths`, leaving out what the
/// build itself writes (the bundle under src/wasm).
fn stamps(root: &Path, paths: &[&str]) -> BTreeMap<PathBuf, SystemTime> {
    let mut found = BTreeMap::new();
    let generated = bundle::out_dir(root);
    let mut pending: Vec<PathBuf> = paths.iter().map(|path| root.join(path)).collect();
    while let Some(path) = pending.pop() {
        if path == generated {
            continue;
        }
        let Ok(meta) = fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if let Ok(entries) = fs::read_dir(&path) {
                pending.extend(entries.flatten().map(|entry| entry.path()));
            }
        } else if let Ok(modified) = meta.modified() {
            found.insert(path, modified);
        }
    }
    found
}
