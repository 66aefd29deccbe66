//! Browser tests of the decision-tree widget ("Which invalidation call?"),
//! on the built book in headless Chromium. Run by `cargo xtask test`.

use course_tests::book_dir;
use course_tests::page::{Book, Session, copy_of_book};
use serde_json::Value;

const PAGE: &str = "picking-the-call/index.html";
const TREE: &str = "#fr-which-call";

/// Opens the page and waits until the trees named by `ids` are mounted.
fn open(book: impl Into<Book>, trees: &[&str]) -> Session {
    let mut page = Session::open(book, PAGE);
    wait_mounted(&mut page, trees);
    page
}

fn wait_mounted(page: &mut Session, trees: &[&str]) {
    for tree in trees {
        page.browser
            .wait_for(
                &format!("document.querySelector('{tree}[data-mounted] .fr-live > .fr-decision') !== null"),
                &format!("{tree} to mount"),
            )
            .unwrap();
    }
}

fn text(page: &mut Session, selector: &str) -> String {
    page.browser.text(selector).unwrap()
}

fn question(page: &mut Session, tree: &str) -> String {
    text(page, &format!("{tree} .fr-question"))
}

fn status(page: &mut Session, tree: &str) -> String {
    text(page, &format!("{tree} .fr-status"))
}

fn crumbs(page: &mut Session, tree: &str) -> Vec<String> {
    let value = page
        .browser
        .eval(&format!(
            "[...document.querySelectorAll('{tree} .fr-crumb')].map(c => c.innerText.replace(/\\s+/g, ' ').trim())"
        ))
        .unwrap();
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|crumb| crumb.as_str().unwrap().to_string())
        .collect()
}

fn choice(tree: &str, n: usize) -> String {
    format!("{tree} .fr-choices li:nth-child({n}) .fr-choice")
}

fn button(tree: &str, name: &str) -> String {
    let index = match name {
        "Back" => 1,
        "Start over" => 2,
        _ => 3,
    };
    format!("{tree} .fr-actions .fr-button:nth-child({index})")
}

/// Whether focus is on `selector`'s element.
fn focus_on(page: &mut Session, selector: &str) -> bool {
    page.browser
        .eval(&format!(
            "document.activeElement === document.querySelector('{selector}')"
        ))
        .unwrap()
        == Value::Bool(true)
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn walks_to_an_answer_by_pointer_with_breadcrumb_back_and_start_over() {
    let mut page = open(book_dir(), &[TREE]);
    assert!(question(&mut page, TREE).contains("Where does the mutation run?"));
    assert!(crumbs(&mut page, TREE).is_empty());
    assert_eq!(page.result(TREE), "none");
    assert_eq!(status(&mut page, TREE), "", "nothing announced on load");

    page.browser.click(&choice(TREE, 1)).unwrap();
    let asked = question(&mut page, TREE);
    assert!(
        asked.contains("Question 2") && asked.contains("You are in a Server Action."),
        "{asked}"
    );
    assert_eq!(
        crumbs(&mut page, TREE),
        ["Where does the mutation run? Your choice: In a Server Action"]
    );
    let said = status(&mut page, TREE);
    assert!(
        said.starts_with("Question 2: You are in a Server Action. Does a tag from lib/tags.ts"),
        "{said}"
    );
    assert!(
        focus_on(&mut page, &format!("{TREE} .fr-question")),
        "focus on the new question, not {}",
        page.browser.focused().unwrap()
    );
    shoot(&mut page, TREE, "decision-midway-light.png");

    page.browser.click(&choice(TREE, 1)).unwrap();
    assert_eq!(page.result(TREE), "answered");
    let answer = text(&mut page, &format!("{TREE} .fr-answer"));
    assert_eq!(
        answer,
        "Answer: updateTag(tag), once for each affected read"
    );
    let why = text(&mut page, &format!("{TREE} .fr-answer-why"));
    assert!(why.contains("read-your-writes"), "{why}");
    assert!(
        status(&mut page, TREE).starts_with("Answer: updateTag(tag), once for each affected read.")
    );
    assert!(focus_on(&mut page, &format!("{TREE} .fr-answer")));
    assert_eq!(crumbs(&mut page, TREE).len(), 2);
    assert!(crumbs(&mut page, TREE)[1].ends_with("Your choice: Yes, a tag names each of them"));
    shoot(&mut page, TREE, "decision-answered-light.png");

    page.browser.click(&button(TREE, "Back")).unwrap();
    assert_eq!(page.result(TREE), "none", "Back leaves the answer");
    assert!(question(&mut page, TREE).contains("You are in a Server Action."));
    assert!(status(&mut page, TREE).starts_with("Back one step. Question 2:"));
    assert!(focus_on(&mut page, &format!("{TREE} .fr-question")));
    assert_eq!(crumbs(&mut page, TREE).len(), 1);

    page.browser.click(&choice(TREE, 2)).unwrap();
    assert!(
        text(&mut page, &format!("{TREE} .fr-answer")).contains("revalidatePath(path)"),
        "the other branch"
    );
    page.browser.click(&button(TREE, "Start over")).unwrap();
    assert!(question(&mut page, TREE).contains("Question 1"));
    assert!(crumbs(&mut page, TREE).is_empty());
    assert!(
        status(&mut page, TREE)
            .starts_with("Started over. Question 1: Where does the mutation run?")
    );
    assert!(focus_on(&mut page, &format!("{TREE} .fr-question")));
    let disabled = page
        .browser
        .eval(&format!(
            "document.querySelector('{}').disabled",
            button(TREE, "Back")
        ))
        .unwrap();
    assert_eq!(disabled, Value::Bool(true), "nothing to go back to");
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn walks_to_an_answer_by_touch() {
    let mut page = open(book_dir(), &[TREE]);
    page.browser.tap(&choice(TREE, 2)).unwrap();
    assert!(question(&mut page, TREE).contains("You are in a route handler or a job."));
    page.browser.tap(&choice(TREE, 1)).unwrap();
    assert_eq!(page.result(TREE), "answered");
    assert_eq!(
        text(&mut page, &format!("{TREE} .fr-answer")),
        "Answer: revalidateTag(tag, 'max'), once for each affected read"
    );
    page.browser.tap(&button(TREE, "Back")).unwrap();
    page.browser.tap(&choice(TREE, 2)).unwrap();
    assert_eq!(
        text(&mut page, &format!("{TREE} .fr-answer")),
        "Answer: revalidatePath(path, type)"
    );
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn walks_to_an_answer_by_keyboard_alone() {
    let mut page = open(book_dir(), &[TREE]);
    let url = page.browser.eval("location.href").unwrap();
    // Start from the prompt, as a reader tabbing through the page would.
    page.browser
        .eval(&format!(
            "const p = document.querySelector('{TREE} .fr-live .fr-prompt'); p.setAttribute('tabindex', '-1'); p.focus()"
        ))
        .unwrap();
    page.browser.press("Tab").unwrap();
    assert_eq!(
        page.browser.focused().unwrap(),
        "button[button] In a Server Action"
    );
    page.browser.press("Tab").unwrap();
    page.browser.press("Tab").unwrap();
    assert!(
        page.browser
            .focused()
            .unwrap()
            .starts_with("button[button] In plain client code"),
        "{}",
        page.browser.focused().unwrap()
    );
    page.browser.press("Enter").unwrap();
    assert_eq!(page.result(TREE), "answered");
    assert_eq!(
        text(&mut page, &format!("{TREE} .fr-answer")),
        "Answer: router.refresh()"
    );
    assert!(focus_on(&mut page, &format!("{TREE} .fr-answer")));

    // From the answer, Tab reaches Back; Space goes back to the question.
    page.browser.press("Tab").unwrap();
    assert_eq!(page.browser.focused().unwrap(), "button[button] Back");
    page.browser.press(" ").unwrap();
    assert!(focus_on(&mut page, &format!("{TREE} .fr-question")));
    assert!(question(&mut page, TREE).contains("Question 1"));
    page.browser.press("Tab").unwrap();
    page.browser.press(" ").unwrap();
    assert!(focus_on(&mut page, &format!("{TREE} .fr-question")));
    page.browser.press("Tab").unwrap();
    page.browser.press("Tab").unwrap();
    assert_eq!(
        page.browser.focused().unwrap(),
        "button[button] No, only a URL path covers them"
    );
    page.browser.press("Enter").unwrap();
    assert_eq!(page.result(TREE), "answered");
    assert!(
        text(&mut page, &format!("{TREE} .fr-answer")).starts_with("Answer: revalidatePath(path)")
    );

    // The whole-tree toggle is a button with its state.
    page.browser
        .eval(&format!(
            "document.querySelector('{}').focus()",
            button(TREE, "Show whole tree")
        ))
        .unwrap();
    page.browser.press("Enter").unwrap();
    let expanded = page
        .browser
        .eval(&format!(
            "document.querySelector('{}').getAttribute('aria-expanded')",
            button(TREE, "Show whole tree")
        ))
        .unwrap();
    assert_eq!(expanded, "true");
    let figure = text(&mut page, &format!("{TREE} .fr-tree-figure"));
    for call in [
        "updateTag(tag)",
        "revalidatePath(path)",
        "revalidateTag(tag, 'max')",
        "revalidatePath(path, type)",
        "router.refresh()",
    ] {
        assert!(
            figure.contains(call),
            "{call} missing from the figure: {figure}"
        );
    }
    assert_eq!(
        page.browser
            .eval(&format!(
                "document.querySelectorAll('{TREE} [data-state~=on-path]').length"
            ))
            .unwrap(),
        2,
        "the path taken is marked"
    );
    assert_eq!(page.browser.eval("location.href").unwrap(), url);
    shoot(&mut page, TREE, "decision-whole-tree-light.png");
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn the_path_survives_a_reload_and_bad_saved_paths_start_fresh() {
    let mut page = open(book_dir(), &[TREE]);
    let key = page.storage_key(TREE);
    page.browser.click(&choice(TREE, 2)).unwrap();
    page.browser.click(&choice(TREE, 1)).unwrap();
    assert_eq!(page.result(TREE), "answered");
    page.browser.reload().unwrap();
    wait_mounted(&mut page, &[TREE]);
    assert_eq!(page.result(TREE), "answered", "restored after reload");
    assert_eq!(crumbs(&mut page, TREE).len(), 2);
    assert_eq!(status(&mut page, TREE), "", "a restore is not announced");

    page.browser.use_theme("coal").unwrap();
    wait_mounted(&mut page, &[TREE]);
    page.browser
        .click(&button(TREE, "Show whole tree"))
        .unwrap();
    shoot(&mut page, TREE, "decision-answered-coal.png");

    for bad in [
        "{\"steps\": [{\"node\": \"where\"",
        "{\"steps\": [{\"node\": \"gone\", \"choice\": 0}]}",
        "{\"steps\": [{\"node\": \"where\", \"choice\": 7}]}",
        "{\"steps\": [{\"node\": \"where\", \"choice\": 0}, {\"node\": \"server-tag\", \"choice\": 0}]}",
        "[1, 2, 3]",
    ] {
        page.browser
            .eval(&format!(
                "localStorage.setItem('{key}', {})",
                course_tests::browser::js_string(bad)
            ))
            .unwrap();
        page.browser.reload().unwrap();
        wait_mounted(&mut page, &[TREE]);
        assert_eq!(page.result(TREE), "none", "{bad}");
        assert!(question(&mut page, TREE).contains("Question 1"), "{bad}");
        assert_eq!(
            page.browser
                .eval(&format!("localStorage.getItem('{key}')"))
                .unwrap(),
            Value::Null,
            "{bad} is forgotten"
        );
    }
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn two_trees_on_one_page_keep_to_themselves() {
    let book = copy_of_book("two-trees");
    let file = book.join(PAGE);
    let html = std::fs::read_to_string(&file).unwrap();
    let start = html
        .find("<div class=\"fr-widget\" id=\"fr-which-call\"")
        .unwrap();
    let end = start + element_length(&html[start..]);
    let copy = html[start..end]
        .replace("id=\"fr-which-call\"", "id=\"fr-which-call-copy\"")
        .replace(
            "data-exercise=\"which-call\"",
            "data-exercise=\"which-call-copy\"",
        )
        .replace("{\"id\":\"which-call\"", "{\"id\":\"which-call-copy\"");
    let html = format!("{}{copy}{}", &html[..end], &html[end..]);
    std::fs::write(&file, html).unwrap();

    let other = "#fr-which-call-copy";
    let mut page = open(book, &[TREE, other]);
    page.browser.click(&choice(TREE, 1)).unwrap();
    page.browser.click(&choice(other, 3)).unwrap();
    assert!(question(&mut page, TREE).contains("You are in a Server Action."));
    assert_eq!(page.result(other), "answered");
    assert_eq!(page.result(TREE), "none");
    assert_eq!(crumbs(&mut page, TREE).len(), 1);
    assert!(
        crumbs(&mut page, other)[0]
            .ends_with("In plain client code, with no Server Action to hold the invalidation")
    );
    page.browser
        .click(&button(other, "Show whole tree"))
        .unwrap();
    // Each tree keeps its figure element, hidden while its toggle is off.
    let shown = |page: &mut Session, tree: &str| {
        page.browser
            .eval(&format!(
                "document.querySelectorAll('{tree} .fr-tree-figure:not([hidden])').length"
            ))
            .unwrap()
    };
    assert_eq!(shown(&mut page, other), 1);
    assert_eq!(shown(&mut page, TREE), 0);
    page.browser.click(&button(TREE, "Start over")).unwrap();
    assert_eq!(
        page.result(other),
        "answered",
        "Start over in one leaves the other"
    );

    page.browser.reload().unwrap();
    wait_mounted(&mut page, &[TREE, other]);
    assert_eq!(page.result(other), "answered");
    assert!(question(&mut page, TREE).contains("Question 1"));
    page.assert_clean();
}

/// The length of the `<div>` element `html` starts with, through its end tag
/// (the island escapes `<`, so only real tags count).
fn element_length(html: &str) -> usize {
    let mut depth = 0;
    let mut at = 0;
    loop {
        let open = html[at..].find("<div").map(|i| at + i);
        let close = html[at..].find("</div>").map(|i| at + i);
        match (open, close) {
            (Some(open), Some(close)) if open < close => {
                depth += 1;
                at = open + 4;
            }
            (_, Some(close)) => {
                depth -= 1;
                at = close + 6;
                if depth == 0 {
                    return at;
                }
            }
            _ => panic!("the placeholder does not end"),
        }
    }
}

/// axe-core's serious and critical findings inside `widget` only (the
/// page-wide audit is `a11y.rs`).
pub fn widget_violations(page: &mut Session, widget: &str) -> Vec<String> {
    course_tests::axe::inject(&mut page.browser).unwrap();
    let found = page
        .browser
        .eval(&format!(
            "axe.run(document.querySelector('{widget}'), {{ resultTypes: ['violations'] }}).then(r => \
             r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')\
             .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
        ))
        .unwrap();
    serde_json::from_value(found).unwrap()
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn an_answered_tree_with_its_figure_passes_axe_in_every_theme() {
    let mut page = open(book_dir(), &[TREE]);
    page.browser.click(&choice(TREE, 1)).unwrap();
    page.browser.click(&choice(TREE, 2)).unwrap();
    let mut found = Vec::new();
    for theme in ["light", "rust", "coal", "navy", "ayu"] {
        page.browser.use_theme(theme).unwrap();
        wait_mounted(&mut page, &[TREE]);
        page.browser
            .click(&button(TREE, "Show whole tree"))
            .unwrap();
        for violation in widget_violations(&mut page, TREE) {
            found.push(format!("{theme}: {violation}"));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
    page.assert_clean();
}

/// mdBook's sticky menu bar would cover the top of a tall widget in a shot.
fn shoot(page: &mut Session, tree: &str, name: &str) {
    page.browser
        .eval("document.getElementById('mdbook-menu-bar').style.visibility = 'hidden'")
        .unwrap();
    page.screenshot(Some(tree), name);
    page.browser
        .eval("document.getElementById('mdbook-menu-bar').style.visibility = ''")
        .unwrap();
}
