//! Browser tests of the sorting widget: the remove-a-member fan-out exercise
//! on the "Picking the right invalidation call" page, in headless Chromium.

use course_tests::book_dir;
use course_tests::browser::js_string;
use course_tests::page::{Book, Session, copy_of_book};
use serde_json::Value;

const PAGE: &str = "picking-the-call/server-actions.html";
const WIDGET: &str = "#fr-sorting-remove-member";

/// The items by their index in the exercise file, and their right zone
/// (1: Must fire, 2: Leave alone).
const INVOICE_LIST: usize = 0;
const ORG_ALL: usize = 1;
const ADMIN_USER: usize = 2;
const REMOVED_USER: usize = 3;
const INVOICE_RECORD: usize = 4;
const RIGHT: [(usize, usize); 5] = [
    (INVOICE_LIST, 2),
    (ORG_ALL, 1),
    (ADMIN_USER, 2),
    (REMOVED_USER, 1),
    (INVOICE_RECORD, 2),
];
/// The common slip: the admin's own tags fired too.
const SLIP: [(usize, usize); 5] = [
    (INVOICE_LIST, 2),
    (ORG_ALL, 1),
    (ADMIN_USER, 1),
    (REMOVED_USER, 1),
    (INVOICE_RECORD, 2),
];

fn open(book: impl Into<Book>, widget: &str) -> Session {
    let mut page = Session::open(book, PAGE);
    mounted(&mut page, widget);
    page
}

fn mounted(page: &mut Session, widget: &str) {
    page.browser
        .wait_for(
            &format!(
                "document.querySelector({}) !== null",
                js_string(&format!("{widget} .fr-live .fr-sorting"))
            ),
            "the sorting widget",
        )
        .unwrap();
}

fn item(widget: &str, item: usize) -> String {
    format!("{widget} .fr-live [data-fr-item=\"{item}\"]")
}

fn zone(widget: &str, zone: usize) -> String {
    format!("{widget} .fr-live [data-fr-drop=\"{zone}\"] .fr-zone-label")
}

/// The zone each item is in, by item index.
fn zones(page: &mut Session, widget: &str) -> Vec<usize> {
    (0..5)
        .map(|index| {
            page.browser
                .eval(&format!(
                    "document.querySelector({}).closest('[data-fr-drop]').dataset.frDrop",
                    js_string(&item(widget, index))
                ))
                .unwrap()
                .as_str()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect()
}

fn sorted_as(page: &mut Session, widget: &str, target: &[(usize, usize)]) -> bool {
    let now = zones(page, widget);
    target.iter().all(|&(index, zone)| now[index] == zone)
}

fn status(page: &mut Session, widget: &str) -> String {
    page.browser.text(&format!("{widget} .fr-status")).unwrap()
}

fn focused_item(page: &mut Session) -> Option<usize> {
    page.browser
        .eval("document.activeElement?.dataset.frItem ?? null")
        .unwrap()
        .as_str()
        .and_then(|at| at.parse().ok())
}

fn check(page: &mut Session, widget: &str) {
    page.browser.click(&format!("{widget} .fr-check")).unwrap();
}

fn sort_by_drag(page: &mut Session, target: &[(usize, usize)], touch: bool) {
    for &(index, to) in target {
        if zones(page, WIDGET)[index] == to {
            continue;
        }
        let (handle, onto) = (
            format!("{} .fr-handle", item(WIDGET, index)),
            zone(WIDGET, to),
        );
        if touch {
            page.browser.touch_drag(&handle, &onto).unwrap();
        } else {
            page.browser.drag(&handle, &onto).unwrap();
        }
        assert_eq!(
            zones(page, WIDGET)[index],
            to,
            "item {index} dragged to zone {to}"
        );
        let said = status(page, WIDGET);
        assert!(said.contains("dropped in"), "{said}");
    }
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn sorted_correctly_and_incorrectly_by_mouse_drag() {
    let mut page = open(book_dir(), WIDGET);
    assert_eq!(
        zones(&mut page, WIDGET),
        vec![0; 5],
        "everything starts unsorted"
    );
    page.screenshot(Some(WIDGET), "sorting-fresh-light.png");
    sort_by_drag(&mut page, &SLIP, false);
    assert!(
        focused_item(&mut page).is_some(),
        "the dropped item keeps the focus"
    );
    check(&mut page, WIDGET);
    assert_eq!(page.result(WIDGET), "incorrect");
    assert_eq!(
        status(&mut page, WIDGET),
        "Check: 4 of 5 sorted correctly. The marks and reasons are under each item."
    );
    let why = page
        .browser
        .text(&format!("{} .fr-why", item(WIDGET, ADMIN_USER)))
        .unwrap();
    assert!(why.starts_with("Belongs in Leave alone:"), "{why}");
    page.screenshot(Some(WIDGET), "sorting-incorrect-light.png");

    page.browser.click(&format!("{WIDGET} .fr-try")).unwrap();
    sort_by_drag(&mut page, &RIGHT, false);
    check(&mut page, WIDGET);
    assert_eq!(page.result(WIDGET), "correct");
    assert_eq!(
        status(&mut page, WIDGET),
        "Check: 5 of 5 sorted correctly. Correct, well done."
    );
    page.screenshot(Some(WIDGET), "sorting-correct-light.png");
    page.browser.use_theme("coal").unwrap();
    mounted(&mut page, WIDGET);
    assert_eq!(page.result(WIDGET), "correct", "restored after a reload");
    page.screenshot(Some(WIDGET), "sorting-correct-coal.png");
    page.browser.click(&format!("{WIDGET} .fr-reset")).unwrap();
    page.screenshot(Some(WIDGET), "sorting-fresh-coal.png");
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn sorted_by_touch_drag() {
    let mut page = open(book_dir(), WIDGET);
    sort_by_drag(&mut page, &RIGHT, true);
    check(&mut page, WIDGET);
    assert_eq!(page.result(WIDGET), "correct");
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn sorted_by_keyboard_alone_without_turning_the_page() {
    let mut page = open(book_dir(), WIDGET);
    let url = page.browser.eval("location.href").unwrap();
    let mut first = true;
    for _ in 0..5 {
        // Tab in from just before the widget: the list is one Tab stop,
        // the item focused last; Home goes to the first item shown, the
        // first still unsorted.
        page.browser
            .eval(&format!(
                "(() => {{ const p = document.querySelector({}); p.setAttribute('tabindex', '-1'); p.focus(); }})()",
                js_string(&format!("{WIDGET} .fr-live .fr-prompt"))
            ))
            .unwrap();
        page.browser.press("Tab").unwrap();
        assert!(focused_item(&mut page).is_some(), "the list's Tab stop");
        page.browser.press("Home").unwrap();
        let index = focused_item(&mut page).expect("an item has the focus");
        let to = RIGHT.iter().find(|(i, _)| *i == index).unwrap().1;
        page.browser.press(" ").unwrap();
        let said = status(&mut page, WIDGET);
        assert!(said.contains("' lifted, in Unsorted."), "{said}");
        if first {
            first = false;
            page.browser.press("ArrowRight").unwrap();
            assert!(status(&mut page, WIDGET).ends_with("moved to Must fire."));
            page.screenshot(Some(WIDGET), "sorting-lifted-light.png");
            page.browser.press("Escape").unwrap();
            assert!(status(&mut page, WIDGET).ends_with("put back in Unsorted."));
            assert_eq!(zones(&mut page, WIDGET)[index], 0);
            assert_eq!(focused_item(&mut page), Some(index));
            page.browser.press("Enter").unwrap();
        }
        for _ in 0..to {
            page.browser.press("ArrowRight").unwrap();
        }
        page.browser.press("ArrowDown").unwrap();
        assert!(status(&mut page, WIDGET).ends_with("stays in Leave alone.") || to == 1);
        if to == 1 {
            page.browser.press("ArrowUp").unwrap();
        }
        page.browser.press(" ").unwrap();
        let said = status(&mut page, WIDGET);
        assert!(said.contains("dropped in"), "{said}");
        assert_eq!(zones(&mut page, WIDGET)[index], to);
        assert_eq!(
            focused_item(&mut page),
            Some(index),
            "focus stays on the item"
        );
    }
    assert!(sorted_as(&mut page, WIDGET, &RIGHT));
    assert_eq!(
        page.browser.eval("location.href").unwrap(),
        url,
        "arrow keys on a lifted item do not turn the page"
    );
    for _ in 0..30 {
        if page.browser.focused().unwrap() == "button[button] Check" {
            break;
        }
        page.browser.press("Tab").unwrap();
    }
    page.browser.press("Enter").unwrap();
    assert_eq!(page.result(WIDGET), "correct");
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn sorted_by_the_move_buttons_then_restored_and_reset() {
    let mut page = open(book_dir(), WIDGET);
    let key = page.storage_key(WIDGET);
    for &(index, to) in &SLIP {
        page.browser
            .click(&format!(
                "{} .fr-to[data-fr-to=\"{to}\"]",
                item(WIDGET, index)
            ))
            .unwrap();
        assert_eq!(
            focused_item(&mut page),
            Some(index),
            "focus follows the item"
        );
        let said = status(&mut page, WIDGET);
        assert!(
            said.ends_with(&format!(
                "moved to {}.",
                if to == 1 { "Must fire" } else { "Leave alone" }
            )),
            "{said}"
        );
    }
    assert!(sorted_as(&mut page, WIDGET, &SLIP));
    page.browser.reload().unwrap();
    mounted(&mut page, WIDGET);
    assert!(
        sorted_as(&mut page, WIDGET, &SLIP),
        "restored after a reload"
    );
    check(&mut page, WIDGET);
    assert_eq!(page.result(WIDGET), "incorrect");
    page.browser.click(&format!("{WIDGET} .fr-show")).unwrap();
    assert!(sorted_as(&mut page, WIDGET, &RIGHT));
    assert_eq!(page.result(WIDGET), "none", "showing is not checking");
    page.browser.click(&format!("{WIDGET} .fr-reset")).unwrap();
    assert_eq!(zones(&mut page, WIDGET), vec![0; 5]);
    assert_eq!(
        page.browser
            .eval(&format!("localStorage.getItem({})", js_string(&key)))
            .unwrap(),
        Value::Null
    );
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn corrupt_or_stale_progress_starts_fresh() {
    let mut page = open(book_dir(), WIDGET);
    let key = page.storage_key(WIDGET);
    for bad in [
        "not json",
        "{\"items\": [[\"org-all\", 0]], \"phase\": \"checked\"}",
        "{\"items\": [[\"org-all\", 9], [\"invoice-list\", null], [\"admin-user\", null], [\"removed-user\", null], [\"invoice-record\", null]], \"phase\": \"checked\"}",
    ] {
        page.browser
            .eval(&format!(
                "localStorage.setItem({}, {})",
                js_string(&key),
                js_string(bad)
            ))
            .unwrap();
        page.browser.reload().unwrap();
        mounted(&mut page, WIDGET);
        assert_eq!(zones(&mut page, WIDGET), vec![0; 5], "{bad}");
        assert_eq!(page.result(WIDGET), "none", "{bad}");
        assert_eq!(
            page.browser
                .eval(&format!("localStorage.getItem({})", js_string(&key)))
                .unwrap(),
            Value::Null,
            "{bad} is discarded"
        );
    }
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn two_sorting_widgets_on_one_page_do_not_interfere() {
    let book = copy_of_book("two-sortings");
    let file = book.join(PAGE);
    let html = std::fs::read_to_string(&file).unwrap();
    // The placeholder, up to what follows it, again under another id.
    let start = html
        .find("<div class=\"fr-widget\" id=\"fr-sorting-remove-member\"")
        .expect("the placeholder");
    let rest = &html[start..];
    let end = start
        + ["<h2", "</main>"]
            .iter()
            .filter_map(|m| rest.find(m))
            .min()
            .unwrap();
    let twin = html[start..end].replace("sorting-remove-member", "sorting-twin");
    std::fs::write(&file, format!("{}{twin}{}", &html[..end], &html[end..])).unwrap();

    let mut page = open(book, WIDGET);
    let other = "#fr-sorting-twin";
    mounted(&mut page, other);
    page.browser
        .click(&format!(
            "{} .fr-to[data-fr-to=\"1\"]",
            item(WIDGET, ORG_ALL)
        ))
        .unwrap();
    page.browser
        .drag(
            &format!("{} .fr-handle", item(WIDGET, ADMIN_USER)),
            &zone(WIDGET, 2),
        )
        .unwrap();
    check(&mut page, WIDGET);
    assert_eq!(page.result(WIDGET), "incorrect");
    assert_eq!(page.result(other), "none");
    assert_eq!(zones(&mut page, other), vec![0; 5]);
    assert!(status(&mut page, other).is_empty());
    page.browser.reload().unwrap();
    mounted(&mut page, other);
    assert_eq!(page.result(WIDGET), "incorrect");
    assert_eq!(page.result(other), "none", "each has its own storage key");
    page.assert_clean();
}
