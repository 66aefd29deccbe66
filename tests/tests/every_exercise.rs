//! Every exercise of the course done to the end twice: by keyboard alone
//! (Tab, arrows, Space and Enter, starting from the text just before the
//! widget), and by touch on a 390 × 844 phone. After each, nothing inside
//! the widgets may reach past the text column or the screen, and the phone
//! run leaves a screenshot of each kind under `target/screenshots/`.

use course_tests::book_dir;
use course_tests::layout::past_the_column;
use course_tests::page::Session;
use serde_json::Value;

#[derive(Clone, Copy, PartialEq)]
enum Hands {
    Keyboard,
    Touch,
}

/// The widgets of the page: (element id, kind, exercise as JSON).
fn widgets(page: &mut Session) -> Vec<(String, String, Value)> {
    let found = page
        .browser
        .eval(
            "[...document.querySelectorAll('.fr-widget[data-widget]')].map(w => \
             [w.id, w.dataset.widget, Object.values(JSON.parse(w.querySelector('script').textContent).exercise)[0]])",
        )
        .unwrap();
    serde_json::from_value(found).unwrap()
}

fn eval(page: &mut Session, expression: &str) -> String {
    page.eval_string(expression)
}

fn press(page: &mut Session, key: &str, times: usize) {
    for _ in 0..times {
        page.browser.press(key).unwrap();
    }
}

/// Tabs on until the focused element matches `test` (a JS expression on
/// `e`), at most `limit` times.
fn tab_until(page: &mut Session, test: &str, limit: usize) {
    for _ in 0..limit {
        let hit = page
            .browser
            .eval(&format!(
                "(() => {{ const e = document.activeElement; return !!e && ({test}); }})()"
            ))
            .unwrap();
        if hit == true {
            return;
        }
        page.browser.press("Tab").unwrap();
    }
    panic!(
        "Tab never reached `{test}`; focus is on {}",
        page.browser.focused().unwrap()
    );
}

fn focused_item(page: &mut Session) -> usize {
    eval(page, "document.activeElement.dataset.frItem ?? 'none'")
        .parse()
        .unwrap_or_else(|_| panic!("focus left the items: {}", page.browser.focused().unwrap()))
}

fn scenario(page: &mut Session, w: &str, exercise: &Value, hands: Hands) {
    let right = exercise["options"]
        .as_array()
        .unwrap()
        .iter()
        .position(|option| option["correct"] == true)
        .unwrap();
    match hands {
        Hands::Keyboard => {
            page.tab_into(&format!("{w} .fr-live .fr-prompt"));
            if right == 0 {
                press(page, " ", 1);
            } else {
                press(page, "ArrowDown", right);
            }
            press(page, "Tab", 1);
            assert_eq!(
                page.browser.focused().unwrap(),
                "button[button] Check",
                "{w}"
            );
            press(page, "Enter", 1);
        }
        Hands::Touch => {
            page.browser
                .tap(&format!("{w} .fr-option:nth-child({}) label", right + 1))
                .unwrap();
            page.browser.tap(&format!("{w} .fr-primary")).unwrap();
        }
    }
    assert_eq!(page.result(w), "correct", "{w}");
}

/// The answer's steps by index into `steps`, in one right order.
fn solved(exercise: &Value) -> Vec<usize> {
    let ids: Vec<&str> = exercise["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| step["id"].as_str().unwrap())
        .collect();
    let mut order = Vec::new();
    for slot in exercise["answer"].as_array().unwrap() {
        let members: Vec<&Value> = match slot.as_array() {
            Some(group) => group.iter().collect(),
            None => vec![slot],
        };
        for member in members {
            order.push(
                ids.iter()
                    .position(|id| Some(*id) == member.as_str())
                    .unwrap(),
            );
        }
    }
    order
}

fn position_of(page: &mut Session, w: &str, step: usize) -> usize {
    eval(
        page,
        &format!(
            "[...document.querySelectorAll('{w} [data-fr-item]')].findIndex(e => e.dataset.frItem === '{step}')"
        ),
    )
    .parse()
    .unwrap()
}

fn ordering(page: &mut Session, w: &str, exercise: &Value, hands: Hands) {
    let order = solved(exercise);
    if hands == Hands::Keyboard {
        page.tab_into(&format!("{w} .fr-live .fr-hint"));
    }
    for (target, &step) in order.iter().enumerate() {
        let at = position_of(page, w, step);
        match hands {
            Hands::Keyboard => {
                // Go to the step along the list, lift it, move it up, drop it.
                press(page, "Home", 1);
                press(page, "ArrowDown", at);
                assert_eq!(focused_item(page), step, "{w}");
                press(page, " ", 1);
                press(page, "ArrowUp", at - target);
                press(page, " ", 1);
            }
            Hands::Touch => {
                for _ in target..at {
                    page.browser
                        .tap(&format!("{w} [data-fr-item='{step}'] .fr-up"))
                        .unwrap();
                }
            }
        }
        assert_eq!(position_of(page, w, step), target, "{w}");
    }
    check(page, w, hands);
}

fn check(page: &mut Session, w: &str, hands: Hands) {
    match hands {
        Hands::Keyboard => {
            press(page, "Tab", 1);
            assert_eq!(
                page.browser.focused().unwrap(),
                "button[button] Check",
                "{w}"
            );
            press(page, "Enter", 1);
            assert!(
                eval(page, "document.activeElement.className") == "fr-status",
                "{w}: Check sends focus to the result"
            );
        }
        Hands::Touch => page.browser.tap(&format!("{w} .fr-check")).unwrap(),
    }
    assert_eq!(page.result(w), "correct", "{w}");
}

fn sorting(page: &mut Session, w: &str, exercise: &Value, hands: Hands) {
    let items: Vec<&str> = exercise["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap())
        .collect();
    let zone_of = |item: usize| -> usize {
        exercise["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .position(|bucket| {
                bucket["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|id| id.as_str() == Some(items[item]))
            })
            .unwrap()
            + 1
    };
    match hands {
        Hands::Keyboard => {
            page.tab_into(&format!("{w} .fr-live .fr-hint"));
            for _ in 0..items.len() {
                // The first unsorted item is first in the list: Home, lift,
                // arrows to its bucket, drop.
                press(page, "Home", 1);
                let item = focused_item(page);
                press(page, " ", 1);
                press(page, "ArrowRight", zone_of(item));
                press(page, " ", 1);
            }
        }
        Hands::Touch => {
            for item in 0..items.len() {
                page.browser
                    .tap(&format!(
                        "{w} [data-fr-item='{item}'] .fr-to[data-fr-to='{}']",
                        zone_of(item)
                    ))
                    .unwrap();
            }
        }
    }
    check(page, w, hands);
}

fn decision(page: &mut Session, w: &str, hands: Hands) {
    if hands == Hands::Keyboard {
        page.tab_into(&format!("{w} .fr-live .fr-prompt"));
    }
    for _ in 0..12 {
        if page.result(w) == "answered" {
            return;
        }
        match hands {
            Hands::Keyboard => {
                tab_until(page, "e.classList.contains('fr-choice')", 12);
                press(page, "Enter", 1);
            }
            Hands::Touch => page.browser.tap(&format!("{w} .fr-choice")).unwrap(),
        }
    }
    panic!("{w}: no answer after twelve choices");
}

fn walkthrough(page: &mut Session, w: &str, exercise: &Value, hands: Hands) {
    let steps = exercise["steps"].as_array().unwrap().len();
    match hands {
        Hands::Keyboard => {
            page.tab_into(&format!("{w} .fr-live .fr-prompt"));
            tab_until(page, "e.classList.contains('fr-code')", 3);
            press(page, "ArrowRight", steps);
        }
        Hands::Touch => {
            for _ in 1..steps {
                page.browser
                    .tap(&format!("{w} .fr-walk-nav .fr-primary"))
                    .unwrap();
            }
        }
    }
    assert_eq!(page.result(w), "complete", "{w}");
}

fn race(page: &mut Session, w: &str, hands: Hands) {
    let last = eval(
        page,
        &format!("document.querySelector('{w} .fr-race').dataset.steps"),
    )
    .parse::<usize>()
    .unwrap()
        - 1;
    match hands {
        Hands::Keyboard => {
            page.tab_into(&format!("{w} .fr-live .fr-what-if"));
            tab_until(page, "e.classList.contains('fr-race-stage')", 10);
            press(page, "End", 1);
        }
        Hands::Touch => {
            page.browser.tap(&format!("{w} .fr-next")).unwrap();
            page.browser
                .tap(&format!("{w} .fr-tl-step[data-step='{last}'] .fr-tl-row"))
                .unwrap();
        }
    }
    assert_eq!(
        eval(
            page,
            &format!("document.querySelector('{w} .fr-race').dataset.step")
        ),
        last.to_string(),
        "{w}"
    );
}

fn playground(page: &mut Session, w: &str, hands: Hands) {
    match hands {
        Hands::Keyboard => {
            page.tab_into(&format!("{w} .fr-live .fr-sites legend"));
            tab_until(page, "e.classList.contains('fr-fire')", 20);
            press(page, "Enter", 1);
        }
        Hands::Touch => page.browser.tap(&format!("{w} .fr-fire")).unwrap(),
    }
    assert_eq!(
        eval(
            page,
            &format!("document.querySelector('{w} .fr-playground').dataset.actions")
        ),
        "1",
        "{w}"
    );
}

fn every_exercise(hands: Hands) {
    let mut done = 0;
    let mut overflowing = Vec::new();
    let mut shot = Vec::new();
    for (path, count) in course_tests::WIDGET_PAGES {
        let mut page = Session::open(book_dir(), path);
        if hands == Hands::Touch {
            page.browser.phone(390, 844).unwrap();
        }
        page.wait_for_widgets(count);
        let url = page.browser.eval("location.href").unwrap();
        for (id, kind, exercise) in widgets(&mut page) {
            let w = format!("#{id}");
            match kind.as_str() {
                "scenario" => scenario(&mut page, &w, &exercise, hands),
                "ordering" => ordering(&mut page, &w, &exercise, hands),
                "sorting" => sorting(&mut page, &w, &exercise, hands),
                "decision" => decision(&mut page, &w, hands),
                "walkthrough" => walkthrough(&mut page, &w, &exercise, hands),
                "race" => race(&mut page, &w, hands),
                "playground" => playground(&mut page, &w, hands),
                other => panic!("no driver for a {other} widget"),
            }
            assert_eq!(
                page.browser.eval("location.href").unwrap(),
                url,
                "{w}: the page did not turn"
            );
            if hands == Hands::Touch && !shot.contains(&kind) {
                page.screenshot(Some(&w), &format!("phone-390-{kind}.png"));
                shot.push(kind);
            }
            done += 1;
        }
        overflowing.extend(past_the_column(&mut page.browser));
        page.assert_clean();
    }
    assert_eq!(done, 27, "every exercise placed in the book");
    if hands == Hands::Touch {
        assert_eq!(shot.len(), 7, "a phone screenshot of every kind: {shot:?}");
    }
    assert!(
        overflowing.is_empty(),
        "past the column:\n{}",
        overflowing.join("\n")
    );
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn every_exercise_by_keyboard_alone() {
    every_exercise(Hands::Keyboard);
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn every_exercise_by_touch_on_a_phone() {
    every_exercise(Hands::Touch);
}
