//! The accessibility audit: axe-core on every page of the built book, in all
//! five of mdBook's themes, once the widgets have mounted, and again on the
//! practice page after the reader has answered. Readers meet the whole page,
//! so mdBook's own chrome is audited too, not only the widgets; what stock
//! mdBook gets wrong is fixed in `theme/mdbook-fixes.{css,js}`.
//!
//! Run by `cargo xtask test` (which installs axe-core with `npm ci`); on their
//! own these tests are ignored, since they need `book/` and Chromium.

use std::path::Path;

use course_tests::axe::{self, Violation};
use course_tests::book_dir;
use course_tests::browser::Browser;
use course_tests::page::Session;

const THEMES: [&str; 5] = ["light", "rust", "coal", "navy", "ayu"];

/// Every page a reader can open: the built book's HTML files (chapters,
/// `print.html`, the 404 page). Not `toc.html`: mdBook shows it only inside
/// an iframe, as the table of contents for readers without JavaScript, so it
/// is not a page (it has no `<title>`, which axe would report as
/// `document-title`, serious, were it opened on its own).
fn pages(book: &Path) -> Vec<String> {
    fn walk(dir: &Path, prefix: &str, pages: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if path.is_dir() {
                // Assets, not pages.
                if !matches!(
                    name.as_str(),
                    "css" | "fonts" | "theme" | "wasm" | "FontAwesome"
                ) {
                    walk(&path, &format!("{prefix}{name}/"), pages);
                }
            } else if name.ends_with(".html") && name != "toc.html" {
                pages.push(format!("{prefix}{name}"));
            }
        }
    }
    let mut pages = Vec::new();
    walk(book, "", &mut pages);
    pages.sort();
    pages
}

/// Waits until every widget placeholder holds its widget or an error card.
fn wait_for_widgets(browser: &mut Browser) {
    browser
        .wait_for(
            "[...document.querySelectorAll('.fr-widget[data-widget]')]\
             .every(w => w.querySelector('.fr-live > *, .fr-error'))",
            "every widget to mount",
        )
        .unwrap();
}

fn report(found: &[(String, Vec<Violation>)]) -> String {
    found
        .iter()
        .map(|(place, violations)| {
            let listed: String = violations.iter().map(|v| format!("  {v}")).collect();
            format!("{place}:\n{listed}")
        })
        .collect()
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn every_page_in_every_theme_has_no_serious_or_critical_violation() {
    let book = book_dir();
    let pages = pages(&book);
    assert!(
        pages.iter().any(|page| page == "print.html") && pages.len() >= 4,
        "the built book's pages: {pages:?}"
    );
    let mut session = Session::open(book, "index.html");
    let mut found = Vec::new();
    for theme in THEMES {
        // What mdBook's theme menu stores; every page read from here on
        // applies it.
        session
            .browser
            .eval(&format!("localStorage.setItem('mdbook-theme', '{theme}')"))
            .unwrap();
        for page in &pages {
            let url = session.server.url(page);
            session.browser.goto(&url).unwrap();
            session
                .browser
                .wait_for(
                    &format!("document.documentElement.classList.contains('{theme}')"),
                    "the theme",
                )
                .unwrap();
            wait_for_widgets(&mut session.browser);
            if matches!(theme, "light" | "coal") && page != "print.html" {
                // The top of every chapter, for a person to look at.
                let name = format!("chapter-{}-{theme}.png", page.replace(['/', '.'], "-"));
                session.screenshot(None, &name);
            }
            let violations = axe::serious_violations(&mut session.browser).unwrap();
            if !violations.is_empty() {
                found.push((format!("{page} in {theme}"), violations));
            }
        }
    }
    assert!(
        found.is_empty(),
        "serious or critical accessibility violations:\n{}",
        report(&found)
    );
    session.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn answered_widgets_have_no_serious_or_critical_violation() {
    let mut session = Session::open(book_dir(), "picking-the-call/practice.html");
    let mut found = Vec::new();
    let url = session.server.url("picking-the-call/practice.html");
    for theme in THEMES {
        session
            .browser
            .eval(&format!(
                "localStorage.clear(); localStorage.setItem('mdbook-theme', '{theme}')"
            ))
            .unwrap();
        session.browser.goto(&url).unwrap();
        wait_for_widgets(&mut session.browser);
        // One scenario answered wrongly, one rightly, one revealed, one
        // chosen but not checked: every state a reader leaves behind.
        let browser = &mut session.browser;
        let widgets = browser
            .eval("[...document.querySelectorAll('.fr-widget[data-widget=scenario]')].map(w => '#' + w.id)")
            .unwrap();
        let widgets: Vec<String> = serde_json::from_value(widgets).unwrap();
        assert!(
            widgets.len() >= 3,
            "the practice page's scenarios: {widgets:?}"
        );
        for (at, widget) in widgets.iter().enumerate() {
            let option = if at % 2 == 0 { 2 } else { 1 };
            browser
                .click(&format!("{widget} .fr-option:nth-child({option}) label"))
                .unwrap();
            if at < 2 {
                browser.click(&format!("{widget} .fr-primary")).unwrap();
                browser
                    .wait_for(
                        &format!("document.querySelector('{widget} [data-result]') !== null"),
                        "the verdict",
                    )
                    .unwrap();
            }
        }
        // The third: after Check, show the answer when the widget offers it.
        let third = &widgets[2];
        browser.click(&format!("{third} .fr-primary")).unwrap();
        browser
            .eval(&format!(
                "[...document.querySelectorAll('{third} button')]\
                 .find(b => /show answer|reveal/i.test(b.innerText))?.click(); true"
            ))
            .unwrap();
        let violations = axe::serious_violations(browser).unwrap();
        if !violations.is_empty() {
            found.push((format!("practice.html, answered, in {theme}"), violations));
        }
    }
    assert!(
        found.is_empty(),
        "serious or critical accessibility violations:\n{}",
        report(&found)
    );
    session.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn the_sidebar_toggle_is_a_button_a_keyboard_can_use() {
    let mut session = Session::open(book_dir(), "index.html");
    let browser = &mut session.browser;
    let toggle = "document.getElementById('mdbook-sidebar-toggle')";
    assert_eq!(
        browser.eval(&format!("{toggle}.tagName")).unwrap(),
        "BUTTON"
    );
    let expanded = format!("{toggle}.getAttribute('aria-expanded')");
    assert_eq!(
        browser.eval(&expanded).unwrap(),
        "true",
        "wide window: open"
    );
    browser.eval(&format!("{toggle}.focus()")).unwrap();
    browser.press("Enter").unwrap();
    browser
        .wait_for(
            &format!("{expanded} === 'false' && !document.documentElement.classList.contains('sidebar-visible')"),
            "the sidebar to close",
        )
        .unwrap();
    browser.press(" ").unwrap();
    browser
        .wait_for(
            &format!("{expanded} === 'true' && document.documentElement.classList.contains('sidebar-visible')"),
            "the sidebar to open",
        )
        .unwrap();
    // Click where the button is once the page has finished sliding over.
    browser
        .wait_for(
            "document.getAnimations().length === 0",
            "the sidebar to settle",
        )
        .unwrap();
    browser.click("#mdbook-sidebar-toggle").unwrap();
    browser
        .wait_for(&format!("{expanded} === 'false'"), "a click to close it")
        .unwrap();
    session.assert_clean();
}
