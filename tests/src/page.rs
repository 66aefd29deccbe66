//! A page of the built book open in a fresh browser, with the checks every
//! browser test makes.

use std::ops::Deref;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::book_dir;
use crate::browser::Browser;
use crate::server::Server;

/// A page opened in a fresh browser, with the server that serves it.
pub struct Session {
    pub browser: Browser,
    pub server: Server,
    /// Kept until the session ends: a copy is removed when it is dropped.
    _book: Book,
}

impl Session {
    pub fn open(book: impl Into<Book>, page: &str) -> Session {
        let book = book.into();
        let server = Server::start(book.to_path_buf(), 0, None).expect("server");
        let mut browser = Browser::launch().expect("Chromium");
        browser.goto(&server.url(page)).expect("page");
        Session {
            browser,
            server,
            _book: book,
        }
    }

    pub fn wait_for_widgets(&mut self, count: usize) {
        self.browser
            .wait_for(
                &format!("document.querySelectorAll('.fr-widget[data-mounted] .fr-live > *').length === {count}"),
                &format!("{count} mounted widgets"),
            )
            .unwrap();
    }

    /// What a reader would notice going wrong anywhere on the page: a
    /// console error, or a request leaving the machine.
    pub fn assert_clean(&mut self) {
        let errors = self.browser.console_errors().unwrap();
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        let origin = self.server.origin();
        let foreign: Vec<String> = self
            .browser
            .requests()
            .unwrap()
            .into_iter()
            .filter(|url| {
                !url.starts_with(&origin) && !url.starts_with("data:") && !url.starts_with("about:")
            })
            .collect();
        assert!(foreign.is_empty(), "requests to other hosts: {foreign:#?}");
    }

    /// Focus as a reader Tabbing into `selector` would have it: on the
    /// element itself, then Tab to its first focusable part.
    pub fn tab_into(&mut self, selector: &str) {
        self.browser
            .eval(&format!(
                "(() => {{ const e = document.querySelector({}); e.setAttribute('tabindex', '-1'); e.focus(); }})()",
                crate::browser::js_string(selector)
            ))
            .unwrap();
        self.browser.press("Tab").unwrap();
    }

    pub fn screenshot(&mut self, selector: Option<&str>, name: &str) {
        let path = screenshot_dir().join(name);
        self.browser.screenshot(selector, &path).unwrap();
    }

    /// The value of `expression` in the page, as a string (JSON for
    /// anything but a string).
    pub fn eval_string(&mut self, expression: &str) -> String {
        let value = self.browser.eval(expression).unwrap();
        value
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| value.to_string())
    }

    /// The localStorage key the widget at `widget` (a selector) saves its
    /// progress under, from the props in its placeholder.
    pub fn storage_key(&mut self, widget: &str) -> String {
        let props = self
            .browser
            .eval(&format!(
                "JSON.parse(document.querySelector({}).textContent)",
                crate::browser::js_string(&format!("{widget} script"))
            ))
            .unwrap();
        course_schema::storage_key(
            props["id"].as_str().unwrap(),
            props["version"].as_str().unwrap(),
        )
    }

    /// The `data-result` a widget's root carries after Check, or `none`.
    pub fn result(&mut self, widget: &str) -> String {
        let value = self
            .browser
            .eval(&format!(
                "document.querySelector('{widget} .fr-live [data-result]')?.dataset.result ?? 'none'"
            ))
            .unwrap();
        value.as_str().unwrap_or_default().to_string()
    }
}

pub fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots")
}

/// The book a session serves: the built one, or a copy that a test may
/// break, removed from the disk when it is dropped.
pub enum Book {
    Built(PathBuf),
    Copy(TempDir),
}

impl From<PathBuf> for Book {
    fn from(dir: PathBuf) -> Book {
        Book::Built(dir)
    }
}

impl Deref for Book {
    type Target = Path;

    fn deref(&self) -> &Path {
        match self {
            Book::Built(dir) => dir,
            Book::Copy(copy) => copy.path(),
        }
    }
}

/// A copy of the built book that a test may break without touching others.
pub fn copy_of_book(name: &str) -> Book {
    let copy = tempfile::Builder::new()
        .prefix(&format!("fresh-reads-{name}-"))
        .tempdir()
        .expect("a scratch folder");
    copy_dir(&book_dir(), copy.path());
    Book::Copy(copy)
}

/// A copy of the built book in which `page` has its first `from` replaced
/// by `to` (which must be there).
pub fn edited_book(name: &str, page: &str, from: &str, to: &str) -> Book {
    let book = copy_of_book(name);
    let page_file = book.join(page);
    let html = std::fs::read_to_string(&page_file).unwrap();
    assert!(html.contains(from), "{page} has no `{from}`");
    std::fs::write(&page_file, html.replacen(from, to, 1)).unwrap();
    book
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}
