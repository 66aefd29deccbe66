//! Browser tests of the walkthrough widget (the invoice action, one seam at a
//! time), on the built book in headless Chromium. Run by `cargo xtask test`.

use course_tests::book_dir;
use course_tests::browser::js_string;
use course_tests::page::{Book, Session, copy_of_book};
use serde_json::Value;

const PAGE: &str = "picking-the-call/server-actions.html";
const WALK: &str = "#fr-invoice-action-walkthrough";

fn open(book: impl Into<Book>, walks: &[&str]) -> Session {
    let mut page = Session::open(book, PAGE);
    wait_mounted(&mut page, walks);
    page
}

fn wait_mounted(page: &mut Session, walks: &[&str]) {
    for walk in walks {
        page.browser
            .wait_for(
                &format!(
                    "document.querySelector('{walk}[data-mounted] .fr-live > .fr-walkthrough') !== null"
                ),
                &format!("{walk} to mount"),
            )
            .unwrap();
    }
}

fn counter(page: &mut Session, walk: &str) -> String {
    page.browser.text(&format!("{walk} .fr-counter")).unwrap()
}

fn caption(page: &mut Session, walk: &str) -> String {
    page.browser
        .text(&format!("{walk} .fr-caption"))
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The numbers of the highlighted lines, as the page shows them.
fn highlighted(page: &mut Session, walk: &str) -> Vec<usize> {
    let value = page
        .browser
        .eval(&format!(
            "[...document.querySelectorAll('{walk} .fr-line')].flatMap((line, i) => \
             (line.dataset.state || '').split(' ').includes('on') && line.getAttribute('aria-current') === 'true' \
             && getComputedStyle(line).borderLeftStyle === 'solid' ? [i + 1] : [])"
        ))
        .unwrap();
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap() as usize)
        .collect()
}

/// Each step's lines, from the exercise in the page: "10-13, 16-19".
fn expected_lines(page: &mut Session, walk: &str) -> Vec<Vec<usize>> {
    let steps = page
        .browser
        .eval(&format!(
            "JSON.parse(document.querySelector('{walk} script').textContent).exercise.walkthrough.steps.map(s => s.lines)"
        ))
        .unwrap();
    steps
        .as_array()
        .unwrap()
        .iter()
        .map(|lines| {
            let mut numbers: Vec<usize> = lines
                .as_str()
                .unwrap()
                .split(',')
                .flat_map(|part| {
                    let part = part.trim();
                    let (a, b) = part.split_once('-').unwrap_or((part, part));
                    a.trim().parse::<usize>().unwrap()..=b.trim().parse::<usize>().unwrap()
                })
                .collect();
            numbers.sort_unstable();
            numbers
        })
        .collect()
}

fn nav(walk: &str, name: &str) -> String {
    let index = if name == "Previous" { 1 } else { 3 };
    format!("{walk} .fr-walk-nav > :nth-child({index})")
}

/// mdBook's sticky menu bar would cover the top of a tall widget in a shot.
fn shoot(page: &mut Session, walk: &str, name: &str) {
    page.browser
        .eval("document.getElementById('mdbook-menu-bar').style.visibility = 'hidden'")
        .unwrap();
    page.screenshot(Some(walk), name);
    page.browser
        .eval("document.getElementById('mdbook-menu-bar').style.visibility = ''")
        .unwrap();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn next_and_previous_by_pointer_highlight_each_steps_lines() {
    let mut page = open(book_dir(), &[WALK]);
    let expected = expected_lines(&mut page, WALK);
    let count = expected.len();
    assert_eq!(count, 7, "five seams, fan-out, and the fresh redirect");
    assert_eq!(counter(&mut page, WALK), "1 / 7");
    assert_eq!(highlighted(&mut page, WALK), expected[0]);
    assert_eq!(page.result(WALK), "none");
    let first = caption(&mut page, WALK);
    assert!(
        first.starts_with("Step 1 of 7: lines 10-13 and 16-19 Parse."),
        "{first}"
    );
    assert!(
        page.browser
            .eval(&format!(
                "document.querySelectorAll('{WALK} code .hljs-keyword').length > 5"
            ))
            .unwrap()
            == Value::Bool(true),
        "mdBook's highlight.js coloured the code"
    );
    let code = page
        .browser
        .eval(&format!(
            "[...document.querySelectorAll('{WALK} .fr-line-text')].map(l => l.textContent).join('\\n')"
        ))
        .unwrap();
    let source = page
        .browser
        .eval(&format!(
            "JSON.parse(document.querySelector('{WALK} script').textContent).exercise.walkthrough.code.trimEnd()"
        ))
        .unwrap();
    assert_eq!(code, source, "colouring kept the code exactly");
    shoot(&mut page, WALK, "walkthrough-step1-light.png");

    for (step, lines) in expected.iter().enumerate().skip(1) {
        page.browser.click(&nav(WALK, "Next")).unwrap();
        assert_eq!(counter(&mut page, WALK), format!("{} / {count}", step + 1));
        assert_eq!(&highlighted(&mut page, WALK), lines, "step {}", step + 1);
        let said = caption(&mut page, WALK);
        assert!(
            said.starts_with(&format!("Step {} of {count}: line", step + 1)),
            "{said}"
        );
    }
    assert_eq!(page.result(WALK), "complete");
    let last = caption(&mut page, WALK);
    assert!(
        last.starts_with("Step 7 of 7: lines 28-31 Where the editor lands, and what it shows."),
        "{last}"
    );
    page.browser.click(&nav(WALK, "Next")).unwrap();
    assert_eq!(counter(&mut page, WALK), "7 / 7", "no step after the last");
    assert_eq!(
        page.browser
            .eval(&format!(
                "document.querySelector('{}').getAttribute('aria-disabled')",
                nav(WALK, "Next")
            ))
            .unwrap(),
        "true"
    );
    shoot(&mut page, WALK, "walkthrough-last-light.png");

    page.browser.click(&nav(WALK, "Previous")).unwrap();
    assert_eq!(counter(&mut page, WALK), "6 / 7");
    assert_eq!(highlighted(&mut page, WALK), expected[5]);
    assert_eq!(page.result(WALK), "complete", "reaching the end is kept");
    page.browser
        .click(&format!("{WALK} .fr-steps li:nth-child(3) .fr-step"))
        .unwrap();
    assert_eq!(counter(&mut page, WALK), "3 / 7");
    assert_eq!(highlighted(&mut page, WALK), expected[2]);
    let current = page
        .browser
        .text(&format!("{WALK} .fr-step[aria-current='step']"))
        .unwrap();
    assert!(
        current.starts_with("3. Lines 23-26: ") && current.len() > "3. Lines 23-26: ".len(),
        "a step says what it shows, not only its lines: {current}"
    );
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn arrow_keys_step_through_without_turning_the_page() {
    let mut page = open(book_dir(), &[WALK]);
    let expected = expected_lines(&mut page, WALK);
    let url = page.browser.eval("location.href").unwrap();
    // Tab into the code from the prompt, as a reader would.
    page.browser
        .eval(&format!(
            "const p = document.querySelector('{WALK} .fr-live .fr-prompt'); p.setAttribute('tabindex', '-1'); p.focus()"
        ))
        .unwrap();
    page.browser.press("Tab").unwrap();
    assert_eq!(
        page.browser
            .eval("document.activeElement.classList.contains('fr-code')")
            .unwrap(),
        Value::Bool(true),
        "the code region takes focus: {}",
        page.browser.focused().unwrap()
    );
    page.browser.press("ArrowRight").unwrap();
    assert_eq!(counter(&mut page, WALK), "2 / 7");
    assert_eq!(highlighted(&mut page, WALK), expected[1]);
    let said = caption(&mut page, WALK);
    assert!(
        said.starts_with("Step 2 of 7: line 21 Authorise."),
        "{said}"
    );
    page.browser.press("ArrowRight").unwrap();
    page.browser.press("ArrowLeft").unwrap();
    assert_eq!(counter(&mut page, WALK), "2 / 7");
    page.browser.press("End").unwrap();
    assert_eq!(counter(&mut page, WALK), "7 / 7");
    assert_eq!(page.result(WALK), "complete");
    page.browser.press("ArrowRight").unwrap();
    assert_eq!(counter(&mut page, WALK), "7 / 7");
    page.browser.press("Home").unwrap();
    assert_eq!(counter(&mut page, WALK), "1 / 7");
    page.browser.press("ArrowLeft").unwrap();
    assert_eq!(counter(&mut page, WALK), "1 / 7");
    assert_eq!(
        page.browser.eval("location.href").unwrap(),
        url,
        "no page turn"
    );

    // From the buttons too; focus stays on the button at either end.
    page.browser.press("Tab").unwrap();
    assert_eq!(page.browser.focused().unwrap(), "button[button] Previous");
    page.browser.press("Tab").unwrap();
    assert_eq!(page.browser.focused().unwrap(), "button[button] Next");
    for _ in 0..8 {
        page.browser.press("Enter").unwrap();
    }
    assert_eq!(counter(&mut page, WALK), "7 / 7");
    assert_eq!(page.browser.focused().unwrap(), "button[button] Next");
    page.browser.press("ArrowLeft").unwrap();
    assert_eq!(counter(&mut page, WALK), "6 / 7");
    page.browser.press(" ").unwrap();
    assert_eq!(counter(&mut page, WALK), "7 / 7", "Space presses Next");
    page.browser.press("Shift+Tab").unwrap();
    page.browser.press("ArrowLeft").unwrap();
    assert_eq!(counter(&mut page, WALK), "6 / 7");
    assert_eq!(
        page.browser.eval("location.href").unwrap(),
        url,
        "no page turn"
    );

    // Outside the widget, the arrows turn the page as mdBook means them to.
    page.browser.eval("document.activeElement.blur()").unwrap();
    page.browser.press("ArrowRight").unwrap();
    page.browser
        .wait_for(
            &format!("location.href !== {}", js_string(url.as_str().unwrap())),
            "mdBook to turn the page",
        )
        .unwrap();
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn steps_by_touch() {
    let mut page = open(book_dir(), &[WALK]);
    page.browser.tap(&nav(WALK, "Next")).unwrap();
    page.browser.tap(&nav(WALK, "Next")).unwrap();
    assert_eq!(counter(&mut page, WALK), "3 / 7");
    page.browser.tap(&nav(WALK, "Previous")).unwrap();
    assert_eq!(counter(&mut page, WALK), "2 / 7");
    page.browser
        .tap(&format!("{WALK} .fr-steps li:nth-child(7) .fr-step"))
        .unwrap();
    assert_eq!(counter(&mut page, WALK), "7 / 7");
    assert_eq!(page.result(WALK), "complete");
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn the_step_survives_a_reload_and_bad_saved_steps_start_fresh() {
    let mut page = open(book_dir(), &[WALK]);
    let key = page.storage_key(WALK);
    let expected = expected_lines(&mut page, WALK);
    page.browser.click(&nav(WALK, "Next")).unwrap();
    page.browser.click(&nav(WALK, "Next")).unwrap();
    page.browser.click(&nav(WALK, "Next")).unwrap();
    page.browser.use_theme("coal").unwrap();
    wait_mounted(&mut page, &[WALK]);
    assert_eq!(counter(&mut page, WALK), "4 / 7", "restored after reload");
    assert_eq!(highlighted(&mut page, WALK), expected[3]);
    page.browser
        .wait_for(
            &format!("document.querySelectorAll('{WALK} code .hljs-keyword').length > 5"),
            "the colouring",
        )
        .unwrap();
    shoot(&mut page, WALK, "walkthrough-step4-coal.png");

    for bad in [
        "{\"step\": 3",
        "{\"step\": 99, \"complete\": false}",
        "{\"step\": -1, \"complete\": true}",
        "\"four\"",
    ] {
        page.browser
            .eval(&format!(
                "localStorage.setItem('{key}', {})",
                js_string(bad)
            ))
            .unwrap();
        page.browser.reload().unwrap();
        wait_mounted(&mut page, &[WALK]);
        assert_eq!(counter(&mut page, WALK), "1 / 7", "{bad}");
        assert_eq!(page.result(WALK), "none", "{bad}");
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
fn two_walkthroughs_on_one_page_keep_to_themselves() {
    let book = copy_of_book("two-walkthroughs");
    let file = book.join(PAGE);
    let html = std::fs::read_to_string(&file).unwrap();
    let start = html
        .find("<div class=\"fr-widget\" id=\"fr-invoice-action-walkthrough\"")
        .unwrap();
    let end = start + element_length(&html[start..]);
    let copy = html[start..end]
        .replace(
            "id=\"fr-invoice-action-walkthrough\"",
            "id=\"fr-invoice-action-walkthrough-copy\"",
        )
        .replace(
            "data-exercise=\"invoice-action-walkthrough\"",
            "data-exercise=\"invoice-action-walkthrough-copy\"",
        )
        .replace(
            "{\"id\":\"invoice-action-walkthrough\"",
            "{\"id\":\"invoice-action-walkthrough-copy\"",
        );
    std::fs::write(&file, format!("{}{copy}{}", &html[..end], &html[end..])).unwrap();

    let other = "#fr-invoice-action-walkthrough-copy";
    let mut page = open(book, &[WALK, other]);
    page.browser.click(&nav(WALK, "Next")).unwrap();
    page.browser
        .eval(&format!(
            "document.querySelector('{other} .fr-code').focus()"
        ))
        .unwrap();
    page.browser.press("End").unwrap();
    assert_eq!(counter(&mut page, WALK), "2 / 7");
    assert_eq!(counter(&mut page, other), "7 / 7");
    assert_eq!(page.result(WALK), "none");
    assert_eq!(page.result(other), "complete");
    page.browser.reload().unwrap();
    wait_mounted(&mut page, &[WALK, other]);
    assert_eq!(counter(&mut page, WALK), "2 / 7");
    assert_eq!(counter(&mut page, other), "7 / 7");
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

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn highlighted_code_passes_axe_in_every_theme() {
    let mut page = open(book_dir(), &[WALK]);
    let mut found = Vec::new();
    for theme in ["light", "rust", "coal", "navy", "ayu"] {
        page.browser.use_theme(theme).unwrap();
        wait_mounted(&mut page, &[WALK]);
        page.browser
            .wait_for(
                &format!("document.querySelectorAll('{WALK} code .hljs-keyword').length > 5"),
                "the colouring",
            )
            .unwrap();
        // Every step, so every highlighted line is checked against its band.
        for _ in 0..7 {
            course_tests::axe::inject(&mut page.browser).unwrap();
            let violations = page
                .browser
                .eval(&format!(
                    "axe.run(document.querySelector('{WALK}'), {{ resultTypes: ['violations'] }}).then(r => \
                     r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')\
                     .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
                ))
                .unwrap();
            let violations: Vec<String> = serde_json::from_value(violations).unwrap();
            let step = counter(&mut page, WALK);
            found.extend(
                violations
                    .into_iter()
                    .map(|v| format!("{theme}, {step}: {v}")),
            );
            page.browser.click(&nav(WALK, "Next")).unwrap();
        }
        page.browser
            .click(&format!("{WALK} .fr-steps li:nth-child(1) .fr-step"))
            .unwrap();
        if theme == "ayu" || theme == "rust" {
            shoot(&mut page, WALK, &format!("walkthrough-step1-{theme}.png"));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
    page.assert_clean();
}
