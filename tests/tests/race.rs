//! Browser tests of the checkout-race stepper: every value the reader sees
//! is compared with what the engine computes natively for the same options.
//! Run by `cargo xtask test`.

use cache_engine::prelude::*;
use cache_engine::race::{Fires, RaceOptions};
use course_tests::book_dir;
use course_tests::browser::js_string;
use course_tests::page::Session;

const PAGE: &str = "picking-the-call/checkout-race.html";
const RACE: &str = "#fr-checkout-race";

fn open() -> Session {
    let mut page = Session::open(book_dir(), PAGE);
    wait_mounted(&mut page);
    page
}

fn wait_mounted(page: &mut Session) {
    page.browser
        .wait_for(
            &format!("document.querySelector('{RACE}[data-mounted] .fr-live > .fr-race') !== null"),
            "the race stepper to mount",
        )
        .unwrap();
}

fn text(page: &mut Session, part: &str) -> String {
    let text = page.browser.text(&format!("{RACE} {part}")).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn counter(page: &mut Session) -> String {
    text(page, ".fr-counter")
}

/// What the engine says the success page shows after each step.
fn expected_pages(run: &Stepper) -> Vec<String> {
    run.steps()
        .iter()
        .map(|step| match step.snapshot.pages.get("browser") {
            Some(page) => page.value("entitlement").unwrap_or("nothing").to_string(),
            None => "not open yet".to_string(),
        })
        .collect()
}

fn cache_state(page: &mut Session) -> String {
    page.browser
        .eval(&format!(
            "document.querySelector('{RACE} .fr-lane[data-lane=cache] .fr-entry').dataset.state"
        ))
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// Changes a what-if control as a select or a number field reports it.
fn set_control(page: &mut Session, name: &str, value: &str) {
    page.browser
        .eval(&format!(
            "(() => {{ const c = document.querySelector('{RACE} [name={name}]'); c.value = {}; \
             c.dispatchEvent(new Event('change', {{ bubbles: true }})); }})()",
            js_string(value)
        ))
        .unwrap();
}

fn scrub_to(page: &mut Session, step: usize) {
    page.browser
        .eval(&format!(
            "(() => {{ const s = document.querySelector('{RACE} .fr-scrub'); s.value = '{step}'; \
             s.dispatchEvent(new Event('input', {{ bubbles: true }})); }})()"
        ))
        .unwrap();
}

fn log_lines(page: &mut Session) -> Vec<String> {
    let value = page
        .browser
        .eval(&format!(
            "[...document.querySelectorAll('{RACE} .fr-race-log .fr-log code')].map(c => c.textContent)"
        ))
        .unwrap();
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line.as_str().unwrap().to_string())
        .collect()
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn the_default_race_steps_by_pointer_as_the_engine_runs_it() {
    let mut page = open();
    let run = race::checkout_race(&RaceOptions::default()).run();
    let steps = run.steps();
    let pages = expected_pages(&run);
    let count = steps.len();
    assert_eq!(counter(&mut page), format!("1 / {count}"));

    let mut browser_values = Vec::new();
    for (index, step) in steps.iter().enumerate() {
        if index > 0 {
            page.browser.click(&format!("{RACE} .fr-next")).unwrap();
        }
        assert_eq!(counter(&mut page), format!("{} / {count}", index + 1));
        let shown = text(&mut page, ".fr-lane[data-lane=browser] .fr-lane-value");
        assert!(
            shown.starts_with(&pages[index]),
            "step {index}: page shows {shown:?}, the engine says {:?}",
            pages[index]
        );
        if step.actor == "browser" {
            browser_values.push(pages[index].clone());
        }
        assert_eq!(text(&mut page, ".fr-caption-text"), step.caption);
        let entry = step.snapshot.entry("entitlement").unwrap();
        let state = serde_json::to_value(entry.state).unwrap();
        assert_eq!(
            cache_state(&mut page),
            state.as_str().unwrap(),
            "step {index}"
        );
        let lines: Vec<String> = step
            .events
            .iter()
            .map(|event| serde_json::to_string(event).unwrap())
            .collect();
        assert_eq!(log_lines(&mut page), lines, "step {index}");
        if step.caption.contains("was stale") {
            page.screenshot(Some(RACE), "race-stale-light.png");
        }
    }
    // The engine's own test: Free, Free, Free, then Pro on the third refresh.
    assert_eq!(browser_values, ["Free", "Free", "Free", "Pro"]);
    assert!(
        text(&mut page, ".fr-race-end").contains("Pro after 3 refreshes"),
        "{}",
        text(&mut page, ".fr-race-end")
    );
    let webhook = steps
        .iter()
        .position(|step| {
            step.events
                .iter()
                .any(|event| matches!(event, Event::Invalidate { matched: 1, .. }))
        })
        .unwrap();
    scrub_to(&mut page, webhook);
    assert!(
        log_lines(&mut page)
            .iter()
            .any(|line| line.contains("\"event\":\"invalidate\"") && line.contains("\"matched\":1")),
        "{:?}",
        log_lines(&mut page)
    );

    // { expire: 0 }: Pro one refresh earlier.
    set_control(&mut page, "fires", "expire-now");
    let expire = race::checkout_race(&RaceOptions {
        fires: Fires::ExpireNow,
        ..Default::default()
    })
    .run();
    assert_eq!(race::shown_after(&expire), Some(PollEnd::Shown(2)));
    let count = expire.steps().len();
    assert_eq!(counter(&mut page), format!("1 / {count}"));
    page.browser.tap(&format!("{RACE} .fr-next")).unwrap();
    assert_eq!(
        counter(&mut page),
        format!("2 / {count}"),
        "a tap steps too"
    );
    scrub_to(&mut page, count - 1);
    let last = expected_pages(&expire).pop().unwrap();
    assert!(text(&mut page, ".fr-lane[data-lane=browser] .fr-lane-value").starts_with(&last));
    assert!(text(&mut page, ".fr-race-end").contains("Pro after 2 refreshes"));

    // updateTag in a route handler: the error line, and the page gives up.
    set_control(&mut page, "fires", "update-tag");
    let thrown = race::checkout_race(&RaceOptions {
        fires: Fires::UpdateTag,
        ..Default::default()
    })
    .run();
    let at = thrown
        .steps()
        .iter()
        .position(|step| step.events.iter().any(|e| matches!(e, Event::Error { .. })))
        .unwrap();
    scrub_to(&mut page, at);
    let error = text(&mut page, ".fr-log-error");
    assert!(
        error.contains(
            &texts::UPDATE_TAG_OUTSIDE_ACTION
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")[..60]
        ),
        "{error}"
    );
    assert!(text(&mut page, ".fr-race-end").contains("gave up after 10 refreshes"));
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn the_keyboard_steps_without_turning_the_page_and_the_state_survives_a_reload() {
    let mut page = open();
    let url = page.browser.eval("location.href").unwrap();
    let count = race::checkout_race(&RaceOptions::default())
        .run()
        .steps()
        .len();
    page.browser
        .eval(&format!(
            "document.querySelector('{RACE} .fr-race-stage').focus()"
        ))
        .unwrap();
    page.browser.press("ArrowRight").unwrap();
    page.browser.press("ArrowRight").unwrap();
    assert_eq!(counter(&mut page), format!("3 / {count}"));
    page.browser.press("ArrowLeft").unwrap();
    assert_eq!(counter(&mut page), format!("2 / {count}"));
    page.browser.press("End").unwrap();
    assert_eq!(counter(&mut page), format!("{count} / {count}"));
    page.browser.press("Home").unwrap();
    assert_eq!(counter(&mut page), format!("1 / {count}"));
    assert_eq!(
        page.browser.eval("location.href").unwrap(),
        url,
        "mdBook's arrows did not turn the page"
    );
    let status = text(&mut page, ".fr-status");
    assert!(
        status.starts_with(&format!("Step 1 of {count}")),
        "{status}"
    );

    // Tab to Next and press Enter; then Play runs to the end by itself.
    page.browser
        .eval(&format!(
            "document.querySelector('{RACE} .fr-previous').focus()"
        ))
        .unwrap();
    page.browser.press("Tab").unwrap();
    assert_eq!(page.browser.focused().unwrap(), "button[button] Next");
    page.browser.press("Enter").unwrap();
    assert_eq!(counter(&mut page), format!("2 / {count}"));

    // Pause stops the step already scheduled: nothing moves after it.
    page.browser.click(&format!("{RACE} .fr-play")).unwrap();
    page.browser
        .wait_for(
            &format!("document.querySelector('{RACE} .fr-counter').innerText.startsWith('3 /')"),
            "Play to take one step",
        )
        .unwrap();
    page.browser.click(&format!("{RACE} .fr-play")).unwrap();
    let paused = counter(&mut page);
    page.browser
        .eval("new Promise(done => setTimeout(done, 2000))")
        .unwrap();
    assert_eq!(counter(&mut page), paused, "a step came after Pause");
    assert_eq!(text(&mut page, ".fr-play"), "Play");

    page.browser.click(&format!("{RACE} .fr-play")).unwrap();
    page.browser
        .wait_for(
            &format!(
                "document.querySelector('{RACE} .fr-counter').innerText.startsWith('{count} /') && \
                 document.querySelector('{RACE} .fr-play').innerText === 'Play'"
            ),
            "Play to reach the last step and stop",
        )
        .unwrap();

    // What-ifs and the step are saved.
    set_control(&mut page, "interval", "5");
    let slow = race::checkout_race(&RaceOptions {
        poll_every: 5,
        ..Default::default()
    })
    .run();
    scrub_to(&mut page, 4);
    page.browser.reload().unwrap();
    wait_mounted(&mut page);
    assert_eq!(counter(&mut page), format!("5 / {}", slow.steps().len()));
    let interval = page
        .browser
        .eval(&format!(
            "document.querySelector('{RACE} [name=interval]').value"
        ))
        .unwrap();
    assert_eq!(interval, "5");
    assert_eq!(text(&mut page, ".fr-caption-text"), slow.steps()[4].caption);

    // Corrupt saved state starts fresh.
    page.browser
        .eval("Object.keys(localStorage).filter(k => k.includes('checkout-race')).forEach(k => localStorage.setItem(k, '{\"options\": 3}'))")
        .unwrap();
    page.browser.reload().unwrap();
    wait_mounted(&mut page);
    assert_eq!(counter(&mut page), format!("1 / {count}"));
    page.browser.use_theme("coal").unwrap();
    wait_mounted(&mut page);
    page.browser.click(&format!("{RACE} .fr-next")).unwrap();
    page.browser.click(&format!("{RACE} .fr-next")).unwrap();
    page.screenshot(Some(RACE), "race-coal.png");
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn every_interleaving_matches_the_native_explorer_and_rows_load_their_schedule() {
    let mut page = open();
    let scenario = race::checkout_race(&RaceOptions::default());
    let summary = explore(&scenario);
    page.browser.click(&format!("{RACE} .fr-explore")).unwrap();
    assert_eq!(
        text(&mut page, ".fr-interleavings"),
        summary.interleavings.to_string()
    );
    let rows = page
        .browser
        .eval(&format!("[...document.querySelectorAll('{RACE} .fr-outcomes tbody tr')].map(r => Number(r.dataset.count))"))
        .unwrap();
    let counts: Vec<u64> = summary.outcomes.iter().map(|group| group.count).collect();
    assert_eq!(rows, serde_json::json!(counts));
    let millis = page
        .browser
        .eval(&format!(
            "document.querySelector('{RACE} .fr-explorer').dataset.millis"
        ))
        .unwrap();
    println!(
        "explorer in the page: {} ms ({} interleavings)",
        millis.as_str().unwrap(),
        summary.interleavings
    );
    // Timed once more from the page's own clock around a click.
    let timed = page
        .browser
        .eval(&format!(
            "(() => {{ const b = document.querySelector('{RACE} .fr-explore'); const t = performance.now(); \
             b.click(); return performance.now() - t; }})()"
        ))
        .unwrap();
    println!(
        "explorer click handled in {:.1} ms (performance.now)",
        timed.as_f64().unwrap()
    );
    page.screenshot(Some(RACE), "race-explorer-light.png");
    let violations = course_tests::axe::serious_violations(&mut page.browser).unwrap();
    assert!(
        violations.is_empty(),
        "axe with the explorer open: {violations:#?}"
    );

    for (index, group) in summary.outcomes.iter().enumerate() {
        page.browser
            .click(&format!(
                "{RACE} .fr-outcomes tbody tr:nth-child({}) .fr-load",
                index + 1
            ))
            .unwrap();
        let replay = race::checkout_race(&RaceOptions::default()).run_schedule(&group.schedule);
        let count = replay.steps().len();
        assert_eq!(counter(&mut page), format!("1 / {count}"), "row {index}");
        // The table is written anew with this row's Load pressed; focus goes
        // to the stepper, whose arrow keys step through the loaded run.
        assert_eq!(
            page.browser
                .eval(&format!(
                    "[document.activeElement === document.querySelector('{RACE} .fr-race-stage'), \
                     [...document.querySelectorAll('{RACE} .fr-load')].findIndex(b => b.getAttribute('aria-pressed') === 'true')]"
                ))
                .unwrap(),
            serde_json::json!([true, index]),
            "row {index}"
        );
        scrub_to(&mut page, count - 1);
        let last = expected_pages(&replay).pop().unwrap();
        assert!(
            text(&mut page, ".fr-lane[data-lane=browser] .fr-lane-value").starts_with(&last),
            "row {index}"
        );
        let end = text(&mut page, ".fr-race-end");
        let plural = |n: u32| if n == 1 { "refresh" } else { "refreshes" };
        let words = match race::shown_after(&replay) {
            Some(PollEnd::Shown(n)) => format!("Pro after {n} {}", plural(n)),
            Some(PollEnd::GaveUp(n)) => format!("gave up after {n} {}", plural(n)),
            None => "never polled".into(),
        };
        assert!(end.contains(&words), "row {index}: {end} vs {words}");
        assert_eq!(race::shown_after(&replay), group.outcome.polls["browser"]);
    }
    page.assert_clean();
}
