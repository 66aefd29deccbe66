//! `cargo xtask serve`: the book on 127.0.0.1, rebuilt when a source changes,
//! and open pages reload themselves after each rebuild.

use std::collections::BTreeMap;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, SystemTime};

use mdbook_fresh_reads::OnError;
use static_server::Server;

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
/// a broken exercise becomes an error card in its page. A panic while
/// building (a bug) is reported like a failure: the server goes on.
fn rebuild(root: &Path, with_bundle: bool) {
    let built = catch_unwind(AssertUnwindSafe(|| {
        if with_bundle {
            bundle::build(root)?;
        }
        book::build(root, OnError::Card)
    }));
    match built {
        Ok(Ok(())) => {}
        Ok(Err(error)) => eprintln!("error: {error:#}"),
        Err(_) => eprintln!("error: the build panicked (above); still serving the last good book"),
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

#[cfg(test)]
mod tests {
    use std::fs;

    use crate::book::tests::copy_of_sources;

    /// What `serve` does on a change: with an exercise that once panicked
    /// the engine (an overflowing race) and one that once overflowed the
    /// preprocessor's stack (a tree 8,000 questions deep), the book still
    /// builds, each shows an error card saying what to fix, and the other
    /// exercises are still widgets.
    #[test]
    fn serve_survives_an_overflowing_race_and_a_deep_tree() {
        let copy = copy_of_sources("serve-survives");
        let dir = copy.path();
        let race = "exercises/picking-the-call/checkout-race.toml";
        let text = fs::read_to_string(dir.join(race)).unwrap();
        // With the webhook never landing the page polls 50 times: 50 such
        // waits overflowed the engine's clock while rendering the fallback.
        let text = text
            .replace("arrival = { after-polls = 1 }", "arrival = \"never\"")
            .replace("poll_every = 2", "poll_every = 400000000000000000")
            .replace("give_up_after = 10", "give_up_after = 50");
        fs::write(dir.join(race), text).unwrap();
        let tree = "exercises/picking-the-call/which-call.toml";
        let mut deep = String::from("kind = \"decision\"\nprompt = \"Deep.\"\nstart = \"q0\"\n");
        for at in 0..8_000 {
            deep.push_str(&format!(
                "[[nodes]]\nid = \"q{at}\"\nquestion = \"Again?\"\nchoices = [{{ label = \"Yes\", next = \"q{}\" }}, {{ label = \"No\", next = \"end\" }}]\n",
                at + 1
            ));
        }
        deep.push_str("[[nodes]]\nid = \"q8000\"\nanswer = \"Done\"\nwhy = \"Deep.\"\n");
        deep.push_str("[[nodes]]\nid = \"end\"\nanswer = \"Stop\"\nwhy = \"Stopped.\"\n");
        fs::write(dir.join(tree), deep).unwrap();

        super::rebuild(dir, false);

        let page = fs::read_to_string(dir.join("book/picking-the-call/checkout-race.html"))
            .expect("the race's page was built");
        assert!(
            page.contains("fr-error")
                && page.contains("poll_every` is 400000000000000000: at most 60"),
            "no error card for the race"
        );
        let page = fs::read_to_string(dir.join("book/picking-the-call/index.html")).unwrap();
        assert!(
            page.contains("fr-error") && page.contains("at most 32, so that it fits the page"),
            "no error card for the tree"
        );
        let page = fs::read_to_string(dir.join("book/picking-the-call/practice.html")).unwrap();
        assert!(page.contains("data-exercise=\"practice-map-pin\""));
    }
}
