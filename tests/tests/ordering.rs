//! Browser tests of the ordering widget: the transaction exercise on the
//! "Picking the right invalidation call" page, in real headless Chromium.

use course_tests::book_dir;
use course_tests::browser::js_string;
use course_tests::page::{Book, Session, copy_of_book};
use serde_json::Value;

const PAGE: &str = "picking-the-call/ordering.html";
const WIDGET: &str = "#fr-ordering-transaction";

/// The right order, by the start of each step's text; the two `updateTag`
/// steps may swap.
const SOLVED: [&str; 5] = [
    "Inside one database transaction",
    "The transaction commits",
    "updateTag(invoiceTags.list",
    "updateTag(invoiceTags.record",
    "redirect(",
];
const SOLVED_SWAPPED: [&str; 5] = [
    "Inside one database transaction",
    "The transaction commits",
    "updateTag(invoiceTags.record",
    "updateTag(invoiceTags.list",
    "redirect(",
];
/// The trap: an `updateTag` before the commit.
const TRAP: [&str; 5] = [
    "Inside one database transaction",
    "updateTag(invoiceTags.list",
    "The transaction commits",
    "updateTag(invoiceTags.record",
    "redirect(",
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
                js_string(&format!("{widget} .fr-live .fr-ordering"))
            ),
            "the ordering widget",
        )
        .unwrap();
}

/// The steps' texts in the order shown.
fn order(page: &mut Session, widget: &str) -> Vec<String> {
    let value = page
        .browser
        .eval(&format!(
            "[...document.querySelectorAll({})].map(e => e.innerText.trim())",
            js_string(&format!("{widget} .fr-step .fr-step-text"))
        ))
        .unwrap();
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|text| text.as_str().unwrap().to_string())
        .collect()
}

fn position(page: &mut Session, widget: &str, step: &str) -> usize {
    order(page, widget)
        .iter()
        .position(|text| text.starts_with(step))
        .unwrap_or_else(|| panic!("no step starts with {step}"))
}

fn step(widget: &str, position: usize) -> String {
    format!("{widget} .fr-step:nth-child({})", position + 1)
}

/// The position of the focused step, if a step has the focus.
fn focused_step(page: &mut Session) -> Option<usize> {
    page.browser
        .eval("document.activeElement?.dataset.frDrop ?? null")
        .unwrap()
        .as_str()
        .and_then(|at| at.parse().ok())
}

fn status(page: &mut Session, widget: &str) -> String {
    page.browser.text(&format!("{widget} .fr-status")).unwrap()
}

fn matches(order: &[String], target: &[&str]) -> bool {
    order.len() == target.len() && order.iter().zip(target).all(|(a, b)| a.starts_with(b))
}

/// Puts the steps in `target` order from the top down, moving each one up
/// to its place with `mover(page, from, to)`.
fn arrange(
    page: &mut Session,
    widget: &str,
    target: &[&str],
    mut mover: impl FnMut(&mut Session, usize, usize),
) {
    for (to, text) in target.iter().enumerate() {
        let from = position(page, widget, text);
        if from != to {
            mover(page, from, to);
            assert_eq!(
                position(page, widget, text),
                to,
                "{text} moved from {from} to {to}: {:?}",
                order(page, widget)
            );
        }
    }
    assert!(
        matches(&order(page, widget), target),
        "{:?}",
        order(page, widget)
    );
}

fn check(page: &mut Session, widget: &str) {
    page.browser.click(&format!("{widget} .fr-check")).unwrap();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn solved_correctly_and_incorrectly_by_mouse_drag() {
    let mut page = open(book_dir(), WIDGET);
    let start = order(&mut page, WIDGET);
    assert!(!matches(&start, &SOLVED) && !matches(&start, &SOLVED_SWAPPED));

    let drag = |page: &mut Session, from: usize, to: usize| {
        page.browser
            .drag(
                &format!("{} .fr-handle", step(WIDGET, from)),
                &step(WIDGET, to),
            )
            .unwrap();
    };
    arrange(&mut page, WIDGET, &TRAP, drag);
    let said = status(&mut page, WIDGET);
    assert!(said.contains("dropped at position"), "{said}");
    assert!(
        focused_step(&mut page).is_some(),
        "the dropped step keeps the focus: {}",
        page.browser.focused().unwrap()
    );
    check(&mut page, WIDGET);
    assert_eq!(page.result(WIDGET), "incorrect");
    assert_eq!(
        status(&mut page, WIDGET),
        "Check: 3 of 5 in place. The marks and reasons are under each step."
    );
    let marks = page
        .browser
        .text(&format!("{} .fr-why", step(WIDGET, 1)))
        .unwrap();
    assert!(
        marks.starts_with("✗ Out of place:") || marks.starts_with("Out of place:"),
        "{marks}"
    );
    assert!(
        marks.contains("before the commit") || marks.contains("commit"),
        "{marks}"
    );
    page.screenshot(Some(WIDGET), "ordering-incorrect-light.png");

    page.browser.click(&format!("{WIDGET} .fr-try")).unwrap();
    assert_eq!(page.result(WIDGET), "none");
    arrange(&mut page, WIDGET, &SOLVED_SWAPPED, drag);
    check(&mut page, WIDGET);
    assert_eq!(page.result(WIDGET), "correct", "the group's other order");
    assert_eq!(
        status(&mut page, WIDGET),
        "Check: 5 of 5 in place. Correct, well done."
    );
    page.screenshot(Some(WIDGET), "ordering-correct-light.png");
    page.browser.use_theme("coal").unwrap();
    mounted(&mut page, WIDGET);
    assert_eq!(page.result(WIDGET), "correct", "restored after a reload");
    page.screenshot(Some(WIDGET), "ordering-correct-coal.png");
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn solved_by_touch_drag() {
    let mut page = open(book_dir(), WIDGET);
    arrange(&mut page, WIDGET, &SOLVED, |page, from, to| {
        page.browser
            .touch_drag(
                &format!("{} .fr-handle", step(WIDGET, from)),
                &step(WIDGET, to),
            )
            .unwrap();
    });
    check(&mut page, WIDGET);
    assert_eq!(page.result(WIDGET), "correct");
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn solved_by_keyboard_alone_without_turning_the_page() {
    let mut page = open(book_dir(), WIDGET);
    let url = page.browser.eval("location.href").unwrap();
    // Start where a reader tabbing through the page would: just before it.
    page.browser
        .eval(&format!(
            "(() => {{ const p = document.querySelector({}); p.setAttribute('tabindex', '-1'); p.focus(); }})()",
            js_string(&format!("{WIDGET} .fr-live .fr-prompt"))
        ))
        .unwrap();
    page.browser.press("Tab").unwrap();
    assert_eq!(focused_step(&mut page), Some(0));

    let mut focused_at = 0;
    let mut first_lift = true;
    for (to, text) in TRAP.iter().enumerate() {
        let from = position(&mut page, WIDGET, text);
        // The list is one Tab stop: the arrow keys go from step to step.
        while focused_at != from {
            if focused_at < from {
                page.browser.press("ArrowDown").unwrap();
                focused_at += 1;
            } else {
                page.browser.press("ArrowUp").unwrap();
                focused_at -= 1;
            }
            assert_eq!(focused_step(&mut page), Some(focused_at));
        }
        if from == to {
            continue;
        }
        page.browser.press(" ").unwrap();
        let said = status(&mut page, WIDGET);
        assert!(
            said.starts_with(&format!("Step '{text}"))
                && said.contains(&format!("lifted, position {} of 5", from + 1)),
            "{said}"
        );
        if first_lift {
            first_lift = false;
            page.screenshot(Some(WIDGET), "ordering-lifted-light.png");
            // Escape puts it back where it was.
            page.browser.press("ArrowUp").unwrap();
            page.browser.press("Escape").unwrap();
            assert_eq!(position(&mut page, WIDGET, text), from);
            assert!(
                status(&mut page, WIDGET).contains(&format!("put back at position {}", from + 1))
            );
            page.browser.press("Enter").unwrap();
        }
        for _ in to..from {
            page.browser.press("ArrowUp").unwrap();
        }
        page.browser.press("ArrowRight").unwrap();
        page.browser.press("ArrowLeft").unwrap();
        let said = status(&mut page, WIDGET);
        assert!(
            said.contains(&format!("moved to position {} of 5", to + 1)),
            "{said}"
        );
        page.browser.press(" ").unwrap();
        assert!(
            status(&mut page, WIDGET).contains(&format!("dropped at position {}", to + 1)),
            "{}",
            status(&mut page, WIDGET)
        );
        assert_eq!(
            focused_step(&mut page),
            Some(to),
            "focus stays on the moved step"
        );
        focused_at = to;
    }
    assert!(matches(&order(&mut page, WIDGET), &TRAP));
    assert_eq!(
        page.browser.eval("location.href").unwrap(),
        url,
        "arrow keys on a lifted step do not turn the page"
    );
    for _ in 0..20 {
        if page.browser.focused().unwrap() == "button[button] Check" {
            break;
        }
        page.browser.press("Tab").unwrap();
    }
    page.browser.press("Enter").unwrap();
    assert_eq!(page.result(WIDGET), "incorrect");
    assert_eq!(
        page.browser
            .eval("document.activeElement.classList.contains('fr-status')")
            .unwrap(),
        true
    );
    // Try again is the first button; Enter on it then fix the trap.
    page.browser.click(&format!("{WIDGET} .fr-try")).unwrap();
    assert_eq!(focused_step(&mut page), Some(0));
    page.browser.press("ArrowDown").unwrap();
    assert_eq!(focused_step(&mut page), Some(1));
    page.browser.press("Enter").unwrap();
    page.browser.press("ArrowDown").unwrap();
    page.browser.press("Enter").unwrap();
    assert!(
        matches(&order(&mut page, WIDGET), &SOLVED_SWAPPED)
            || matches(&order(&mut page, WIDGET), &SOLVED),
        "{:?}",
        order(&mut page, WIDGET)
    );
    check(&mut page, WIDGET);
    assert_eq!(page.result(WIDGET), "correct");
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn solved_by_the_move_buttons_then_restored_and_reset() {
    let mut page = open(book_dir(), WIDGET);
    let start = order(&mut page, WIDGET);
    let key = page.storage_key(WIDGET);
    arrange(&mut page, WIDGET, &TRAP, |page, from, to| {
        for at in (to + 1..=from).rev() {
            page.browser
                .click(&format!("{} .fr-up", step(WIDGET, at)))
                .unwrap();
        }
        let said = status(page, WIDGET);
        assert!(
            said.contains(&format!("moved to position {} of 5", to + 1)),
            "{said}"
        );
        assert!(
            page.browser
                .focused()
                .unwrap()
                .starts_with("button[button]"),
            "focus stays on the button: {}",
            page.browser.focused().unwrap()
        );
    });
    page.browser.reload().unwrap();
    mounted(&mut page, WIDGET);
    assert!(
        matches(&order(&mut page, WIDGET), &TRAP),
        "restored after a reload"
    );
    check(&mut page, WIDGET);
    assert_eq!(page.result(WIDGET), "incorrect");
    page.browser.click(&format!("{WIDGET} .fr-show")).unwrap();
    assert!(matches(&order(&mut page, WIDGET), &SOLVED));
    assert_eq!(page.result(WIDGET), "none", "showing is not checking");
    assert!(status(&mut page, WIDGET).starts_with("Answer shown"));

    page.browser.click(&format!("{WIDGET} .fr-reset")).unwrap();
    assert_eq!(
        order(&mut page, WIDGET),
        start,
        "back to the starting order"
    );
    assert_eq!(
        page.browser
            .eval(&format!("localStorage.getItem({})", js_string(&key)))
            .unwrap(),
        Value::Null,
        "Reset forgets the saved progress"
    );
    page.browser.reload().unwrap();
    mounted(&mut page, WIDGET);
    assert_eq!(order(&mut page, WIDGET), start);
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn corrupt_or_stale_progress_starts_fresh() {
    let mut page = open(book_dir(), WIDGET);
    let start = order(&mut page, WIDGET);
    let key = page.storage_key(WIDGET);
    for bad in [
        "{\"order\": [\"write\"",
        "{\"order\": [\"write\", \"commit\", \"nope\", \"list-tag\", \"redirect\"], \"phase\": \"checked\"}",
        "{\"order\": [\"write\", \"commit\"], \"phase\": \"checked\"}",
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
        assert_eq!(order(&mut page, WIDGET), start, "{bad}");
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
fn two_ordering_widgets_on_one_page_do_not_interfere() {
    let book = copy_of_book("two-orderings");
    let file = book.join(PAGE);
    let html = std::fs::read_to_string(&file).unwrap();
    // The placeholder, up to the next heading, again under another id.
    let start = html
        .find("<div class=\"fr-widget\" id=\"fr-ordering-transaction\"")
        .expect("the placeholder");
    let end = start + html[start..].find("<h2").expect("a heading after it");
    let twin = html[start..end].replace("ordering-transaction", "ordering-twin");
    std::fs::write(&file, format!("{}{twin}{}", &html[..end], &html[end..])).unwrap();

    let mut page = open(book, WIDGET);
    let other = "#fr-ordering-twin";
    mounted(&mut page, other);
    let other_start = order(&mut page, other);
    page.browser
        .click(&format!("{} .fr-up", step(WIDGET, 1)))
        .unwrap();
    page.browser
        .drag(&format!("{} .fr-handle", step(WIDGET, 4)), &step(WIDGET, 0))
        .unwrap();
    check(&mut page, WIDGET);
    assert_ne!(page.result(WIDGET), "none");
    assert_eq!(page.result(other), "none");
    assert_eq!(order(&mut page, other), other_start);
    assert!(status(&mut page, other).is_empty());

    page.browser.reload().unwrap();
    mounted(&mut page, other);
    assert_ne!(page.result(WIDGET), "none");
    assert_eq!(page.result(other), "none", "each has its own storage key");
    page.assert_clean();
}
