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

/// The built book the browser tests read: `$FRESH_READS_BOOK`, or `book/`
/// at the workspace root (where `cargo xtask build` puts it).
pub fn book_dir() -> PathBuf {
    std::env::var_os("FRESH_READS_BOOK")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../book"))
}
