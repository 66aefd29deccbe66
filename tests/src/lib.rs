//! The browser-test harness: a static server for the built book (the
//! `static-server` crate, which `cargo xtask serve` uses too) and a
//! headless Chromium driven over the DevTools protocol.

pub mod axe;
pub mod browser;
pub mod layout;
pub mod page;
pub mod playground;

pub use static_server as server;

use std::path::PathBuf;

/// The book's pages that hold widgets, and how many each holds.
pub const WIDGET_PAGES: [(&str, usize); 11] = [
    ("introduction.html", 1),
    ("read-side.html", 1),
    ("picking-the-call/index.html", 1),
    ("picking-the-call/server-actions.html", 2),
    ("picking-the-call/webhooks-and-jobs.html", 2),
    ("picking-the-call/checkout-race.html", 1),
    ("picking-the-call/ordering.html", 3),
    ("picking-the-call/practice.html", 4),
    ("simulator.html", 1),
    ("production.html", 4),
    ("production/diagnose.html", 7),
];

/// The built book the browser tests read: `$FRESH_READS_BOOK`, or `book/`
/// at the workspace root (where `cargo xtask build` puts it).
pub fn book_dir() -> PathBuf {
    std::env::var_os("FRESH_READS_BOOK")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../book"))
}
