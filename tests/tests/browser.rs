//! Browser tests: the built book, served from 127.0.0.1, in real headless
//! Chromium. Run by `cargo xtask test`, which builds the book first; on their
//! own they are ignored, since they need `book/` and Chromium.

use course_tests::book_dir;
use course_tests::browser::Browser;
use course_tests::page::{Session, edited_book};
use course_tests::server::Server;

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn a_widget_on_a_nested_page_mounts_and_checks_answers_by_pointer() {
    let mut page = Session::open(book_dir(), "picking-the-call/practice.html");
    page.wait_for_widgets(4);
    let widget = "#fr-practice-settings-form";

    page.browser
        .click(&format!("{widget} .fr-option:nth-child(2) label"))
        .unwrap();
    page.browser
        .click(&format!("{widget} .fr-primary"))
        .unwrap();
    assert_eq!(page.result(widget), "incorrect");
    let status = page.browser.text(&format!("{widget} .fr-status")).unwrap();
    assert!(
        status.starts_with("Not quite: option B is not the right one;"),
        "{status}"
    );
    let why = page
        .browser
        .text(&format!("{widget} .fr-option:nth-child(2) .fr-why"))
        .unwrap();
    assert!(
        why.contains("Not this one (your choice)")
            && why.contains("sends no new render of the page back"),
        "{why}"
    );
    assert_eq!(
        page.eval_string(&format!(
            "document.querySelectorAll('{widget} .fr-why').length"
        )),
        "1",
        "a wrong Check reveals only the reader's own option: Try again comes first"
    );
    assert_eq!(
        page.browser
            .text(&format!("{widget} .fr-actions button"))
            .unwrap(),
        "Try again"
    );
    page.screenshot(Some(widget), "scenario-incorrect-light.png");

    page.browser.click(&format!("{widget} .fr-reset")).unwrap();
    assert_eq!(page.result(widget), "none", "Reset clears the result");
    page.browser
        .tap(&format!("{widget} .fr-option:nth-child(1) label"))
        .unwrap();
    page.browser.tap(&format!("{widget} .fr-primary")).unwrap();
    assert_eq!(page.result(widget), "correct", "a tap works like a click");
    let status = page.browser.text(&format!("{widget} .fr-status")).unwrap();
    assert!(
        status.starts_with("Correct: option A is right."),
        "{status}"
    );
    assert_eq!(
        page.result("#fr-practice-identity-webhook"),
        "none",
        "the other widgets are untouched"
    );
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn a_widget_on_a_top_level_page_works_by_keyboard_alone() {
    let mut page = Session::open(book_dir(), "introduction.html");
    page.wait_for_widgets(1);
    let url = page.browser.eval("location.href").unwrap();
    page.browser
        .eval("document.querySelector('#fr-warm-up-refresh').scrollIntoView()")
        .unwrap();
    // Focus the first option the way a reader would: Tab from just before it.
    page.browser
        .eval("document.querySelector('#fr-warm-up-refresh .fr-live .fr-prompt').setAttribute('tabindex', '-1'); document.querySelector('#fr-warm-up-refresh .fr-live .fr-prompt').focus()")
        .unwrap();
    page.browser.press("Tab").unwrap();
    assert!(
        page.browser.focused().unwrap().starts_with("input[radio]"),
        "{}",
        page.browser.focused().unwrap()
    );
    page.browser.press("ArrowDown").unwrap();
    page.browser.press("Tab").unwrap();
    assert_eq!(page.browser.focused().unwrap(), "button[button] Check");
    page.browser.press("Enter").unwrap();
    assert_eq!(page.result("#fr-warm-up-refresh"), "correct");
    assert_eq!(
        page.browser.eval("location.href").unwrap(),
        url,
        "arrow keys in a widget do not turn the page"
    );
    let status = page.browser.text("#fr-warm-up-refresh .fr-status").unwrap();
    assert!(
        status.starts_with("Correct: option B is right."),
        "{status}"
    );
    assert_eq!(
        page.browser
            .eval("document.activeElement.classList.contains('fr-status')")
            .unwrap(),
        true,
        "focus moves to the verdict, not to the page body"
    );
    page.screenshot(Some("#fr-warm-up-refresh"), "scenario-correct-light.png");
    page.browser.use_theme("coal").unwrap();
    page.wait_for_widgets(1);
    assert_eq!(
        page.result("#fr-warm-up-refresh"),
        "correct",
        "the answer survives a reload"
    );
    page.screenshot(Some("#fr-warm-up-refresh"), "scenario-correct-coal.png");
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn corrupt_saved_progress_is_discarded() {
    let mut page = Session::open(book_dir(), "introduction.html");
    page.wait_for_widgets(1);
    let key = page.storage_key("#fr-warm-up-refresh");
    page.browser
        .eval(&format!(
            "localStorage.setItem('{key}', '{{\"choice\": \"not a number\"')"
        ))
        .unwrap();
    page.browser.reload().unwrap();
    page.wait_for_widgets(1);
    assert_eq!(page.result("#fr-warm-up-refresh"), "none");
    assert_eq!(
        page.browser
            .eval(&format!("localStorage.getItem('{key}')"))
            .unwrap(),
        serde_json::Value::Null
    );
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn the_print_page_mounts_every_widget() {
    let mut page = Session::open(book_dir(), "print.html");
    let placeholders = page
        .browser
        .eval("document.querySelectorAll('.fr-widget').length")
        .unwrap()
        .as_u64()
        .unwrap() as usize;
    assert!(
        placeholders >= 5,
        "the book's exercises are on the print page"
    );
    page.wait_for_widgets(placeholders);
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn a_page_without_widgets_never_fetches_the_bundle() {
    let mut page = Session::open(book_dir(), "reference.html");
    page.browser
        .wait_for(
            "document.querySelector('table') !== null",
            "the reference table",
        )
        .unwrap();
    let requested = page.server.requests();
    assert!(
        requested.iter().any(|path| path.ends_with(".js")),
        "the page's scripts were served: {requested:?}"
    );
    assert!(
        !requested.iter().any(|path| path.contains("/wasm/")),
        "bundle fetched: {requested:?}"
    );
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn a_widget_with_bad_props_shows_an_error_card_and_the_others_still_work() {
    let book = edited_book(
        "bad-props",
        "picking-the-call/practice.html",
        "<script type=\"application/json\">{\"id\":\"practice-settings-form\"",
        "<script type=\"application/json\">{\"id\":7",
    );

    let card = |page: &mut Session| {
        page.wait_for_widgets(4);
        let card = page
            .browser
            .text("#fr-practice-settings-form .fr-error")
            .unwrap();
        assert!(card.contains("This exercise could not be shown."), "{card}");
        assert!(card.contains("props do not parse"), "{card}");
    };
    let mut page = Session::open(book, "picking-the-call/practice.html");
    card(&mut page);
    page.browser
        .click("#fr-practice-identity-webhook .fr-option:nth-child(2) label")
        .unwrap();
    page.browser
        .click("#fr-practice-identity-webhook .fr-primary")
        .unwrap();
    assert_eq!(page.result("#fr-practice-identity-webhook"), "correct");
    page.screenshot(Some("#fr-practice-settings-form"), "error-card-light.png");
    page.browser.use_theme("coal").unwrap();
    card(&mut page);
    page.screenshot(Some("#fr-practice-settings-form"), "error-card-coal.png");
    page.assert_clean();
}

/// The browser suites once left hundreds of Chromium profiles and scratch
/// folders in /tmp, and a CI machine ran out of disk: a browser that has
/// shown the widgets leaves its folder as it found it once dropped.
#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn a_closed_browser_leaves_no_files_behind() {
    let scratch = tempfile::tempdir().unwrap();
    let server = Server::start(book_dir(), 0, None).unwrap();
    let mut browser = Browser::launch_in(scratch.path()).unwrap();
    browser
        .goto(&server.url("picking-the-call/practice.html"))
        .unwrap();
    browser
        .wait_for(
            "document.querySelectorAll('.fr-widget[data-mounted]').length === 4",
            "the widgets to mount",
        )
        .unwrap();
    let listed = || -> Vec<String> {
        std::fs::read_dir(scratch.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert!(!listed().is_empty(), "Chromium wrote nothing to its folder");
    drop(browser);
    assert_eq!(listed(), Vec::<String>::new());
}
