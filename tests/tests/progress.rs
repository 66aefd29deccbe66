//! The "Your progress" page and the sidebar's chapter marks
//! (`theme/progress.js`), from localStorage alone: states that follow what
//! the reader does in the widgets, Reset all, export and import as a file,
//! `print.html`, and storage that is corrupt or missing.

use course_tests::book_dir;
use course_tests::page::Session;

/// Each exercise's state on the progress page, by its key (`id:version`).
fn states(page: &mut Session) -> Vec<(String, String)> {
    serde_json::from_value(
        page.browser
            .eval(
                "[...document.querySelectorAll('.fr-progress .fr-progress-item')]\
                 .map(i => [i.dataset.key, i.querySelector('.fr-progress-state').textContent])",
            )
            .unwrap(),
    )
    .unwrap()
}

fn state_of(page: &mut Session, id: &str) -> String {
    states(page)
        .into_iter()
        .find(|(key, _)| key.starts_with(&course_schema::storage_key(id, "")))
        .unwrap_or_else(|| panic!("{id} is not listed"))
        .1
}

/// The sidebar links that carry the "done" mark, by their text.
fn marked(page: &mut Session) -> Vec<String> {
    serde_json::from_value(
        page.browser
            .eval(
                "[...document.querySelectorAll('#mdbook-sidebar a')].filter(a => a.querySelector('.fr-chapter-done'))\
                 .map(a => a.textContent.trim())",
            )
            .unwrap(),
    )
    .unwrap()
}

fn summary(page: &mut Session) -> String {
    page.browser.text(".fr-progress-summary").unwrap()
}

fn answer_the_warm_up(page: &mut Session) {
    page.browser
        .click("#fr-warm-up-refresh .fr-option:nth-child(2) label")
        .unwrap();
    page.browser
        .click("#fr-warm-up-refresh .fr-primary")
        .unwrap();
    assert_eq!(page.result("#fr-warm-up-refresh"), "correct");
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn the_progress_page_lists_every_placed_exercise_by_chapter_from_the_build() {
    let mut page = Session::open(book_dir(), "progress.html");
    let listed = states(&mut page);
    // Every placeholder of every chapter, as print.html holds them all.
    page.browser.goto(&page.server.url("print.html")).unwrap();
    let placed: Vec<(String, String)> = serde_json::from_value(
        page.browser
            .eval(
                "[...document.querySelectorAll('.fr-widget[data-widget]')].map(w => { \
                 const p = JSON.parse(w.querySelector('script').textContent); return [p.id, p.version]; })",
            )
            .unwrap(),
    )
    .unwrap();
    let placed: Vec<String> = placed
        .iter()
        .map(|(id, version)| course_schema::storage_key(id, version))
        .collect();
    let keys: Vec<String> = listed.iter().map(|(key, _)| key.clone()).collect();
    assert_eq!(
        keys, placed,
        "the list is the book's placements, in book order"
    );
    assert!(
        listed.iter().all(|(_, state)| state == "not started"),
        "{listed:?}"
    );
    assert_eq!(
        page.eval_string("document.querySelectorAll('.fr-progress').length"),
        "1",
        "print.html has the list too"
    );
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn states_and_sidebar_marks_follow_the_reader_and_survive_export_reset_and_import() {
    let scratch = tempfile::Builder::new()
        .prefix("fresh-reads-downloads-")
        .tempdir()
        .unwrap();
    let downloads = scratch.path();

    let mut page = Session::open(book_dir(), "introduction.html");
    page.wait_for_widgets(1);
    assert!(marked(&mut page).is_empty());
    answer_the_warm_up(&mut page);
    // The introduction's one exercise is done: its chapter is marked at once.
    page.browser
        .wait_for(
            "[...document.querySelectorAll('#mdbook-sidebar a')].some(a => a.querySelector('.fr-chapter-done'))",
            "the sidebar mark",
        )
        .unwrap();
    let marks = marked(&mut page);
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert!(marks[0].contains("Introduction"), "{marks:?}");

    // Tried: an ordering moved by keyboard but not checked.
    page.browser
        .goto(&page.server.url("picking-the-call/ordering.html"))
        .unwrap();
    page.wait_for_widgets(3);
    page.browser
        .eval("document.querySelector('#fr-ordering-transaction [data-fr-item]').focus()")
        .unwrap();
    for key in [" ", "ArrowDown", " "] {
        page.browser.press(key).unwrap();
    }
    page.browser
        .goto(&page.server.url("progress.html"))
        .unwrap();
    assert_eq!(state_of(&mut page, "warm-up-refresh"), "done");
    assert_eq!(state_of(&mut page, "ordering-transaction"), "tried");
    assert_eq!(state_of(&mut page, "which-call"), "not started");
    let total = states(&mut page).len();
    assert_eq!(
        summary(&mut page),
        format!(
            "1 of {total} exercises done, 1 tried, {} not started.",
            total - 2
        )
    );
    assert_eq!(
        marked(&mut page).len(),
        1,
        "the sidebar marks on this page too"
    );
    page.screenshot(None, "progress-light.png");

    // Export to a file.
    page.browser.download_to(downloads).unwrap();
    page.browser.click(".fr-export").unwrap();
    let file = downloads.join("fresh-reads-progress.json");
    let start = std::time::Instant::now();
    while !file.exists() && start.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("the exported file")).unwrap();
    assert_eq!(exported["format"], "fresh-reads-progress");
    let saved = exported["saved"].as_object().unwrap();
    assert!(
        saved
            .keys()
            .any(|key| key.starts_with("fresh-reads:warm-up-refresh:") && key.ends_with(":done")),
        "{saved:?}"
    );

    // Reset all asks first, then forgets everything.
    page.browser.click(".fr-reset-all").unwrap();
    assert_eq!(page.browser.focused().unwrap(), "button[button] Keep them");
    page.browser.press("Enter").unwrap();
    assert_eq!(
        state_of(&mut page, "warm-up-refresh"),
        "done",
        "Keep them keeps them"
    );
    page.browser.click(".fr-reset-all").unwrap();
    page.browser.click(".fr-reset-yes").unwrap();
    assert!(
        states(&mut page)
            .iter()
            .all(|(_, state)| state == "not started")
    );
    assert!(
        marked(&mut page).is_empty(),
        "the mark goes with the progress"
    );
    assert!(summary(&mut page).starts_with("Every answer is forgotten."));

    // A file that is not ours changes nothing; ours brings it all back.
    let bad = downloads.join("not-progress.json");
    std::fs::write(&bad, "{\"format\": \"something else\"}").unwrap();
    page.browser.choose_file(".fr-import", &bad).unwrap();
    page.browser
        .wait_for(
            "document.querySelector('.fr-progress-summary').textContent.startsWith('That file is not')",
            "the refusal",
        )
        .unwrap();
    assert!(
        states(&mut page)
            .iter()
            .all(|(_, state)| state == "not started")
    );
    page.browser.choose_file(".fr-import", &file).unwrap();
    page.browser
        .wait_for(
            "document.querySelector('.fr-progress-summary').textContent.startsWith('Imported')",
            "the import",
        )
        .unwrap();
    assert_eq!(state_of(&mut page, "warm-up-refresh"), "done");
    assert_eq!(state_of(&mut page, "ordering-transaction"), "tried");
    assert_eq!(marked(&mut page).len(), 1);
    page.browser.use_theme("coal").unwrap();
    page.screenshot(None, "progress-coal.png");
    // print.html: the same marks and states, from the same storage.
    page.browser.goto(&page.server.url("print.html")).unwrap();
    assert_eq!(state_of(&mut page, "warm-up-refresh"), "done");
    assert_eq!(marked(&mut page).len(), 1);
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn corrupt_or_missing_storage_shows_no_progress_and_breaks_nothing() {
    let mut page = Session::open(book_dir(), "progress.html");
    let total = states(&mut page).len();
    // Corrupt: values that are not what the widgets write.
    page.browser
        .eval(
            "localStorage.setItem('fresh-reads:warm-up-refresh:x:done', '{'); \
             localStorage.setItem('fresh-reads:nonsense', '\\u0000');",
        )
        .unwrap();
    page.browser.reload().unwrap();
    assert!(
        states(&mut page)
            .iter()
            .all(|(_, state)| state == "not started")
    );
    assert_eq!(
        summary(&mut page),
        format!("0 of {total} exercises done, 0 tried, {total} not started.")
    );
    page.assert_clean();

    // Missing: storage that throws on every use, as a blocked one does.
    let mut page = Session::open(book_dir(), "index.html");
    page.browser
        .before_scripts(
            "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });",
        )
        .unwrap();
    for path in ["progress.html", "introduction.html", "print.html"] {
        page.browser.goto(&page.server.url(path)).unwrap();
        if path == "introduction.html" {
            page.wait_for_widgets(1);
            answer_the_warm_up(&mut page);
            assert!(marked(&mut page).is_empty());
        } else {
            assert!(
                states(&mut page)
                    .iter()
                    .all(|(_, state)| state == "not started")
            );
            assert!(
                summary(&mut page).starts_with("This browser is not keeping progress"),
                "{}",
                summary(&mut page)
            );
        }
    }
    page.assert_clean();
}

/// An exercise whose file changed has a new version: its done mark under
/// the old one is read by nothing and is forgotten on the next page; the
/// current mark, and the keys of exercises the book no longer has, stay.
#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn a_done_mark_under_an_old_version_is_forgotten_and_nothing_else() {
    let mut page = Session::open(book_dir(), "introduction.html");
    page.wait_for_widgets(1);
    answer_the_warm_up(&mut page);
    let old = course_schema::storage_key("warm-up-refresh", "0123456789abcdef");
    let gone = course_schema::storage_key("an-exercise-since-removed", "v1");
    page.browser
        .eval(&format!(
            "localStorage.setItem('{old}:done', '1'); localStorage.setItem('{gone}:done', '1'); true"
        ))
        .unwrap();
    page.browser
        .goto(&page.server.url("progress.html"))
        .unwrap();
    let current = states(&mut page)
        .into_iter()
        .find(|(key, _)| key.starts_with(&course_schema::storage_key("warm-up-refresh", "")))
        .unwrap();
    assert_eq!(current.1, "done");
    let kept: Vec<String> = serde_json::from_value(
        page.browser
            .eval("Object.keys(localStorage).filter(k => k.endsWith(':done')).sort()")
            .unwrap(),
    )
    .unwrap();
    let mut expected = vec![format!("{gone}:done"), format!("{}:done", current.0)];
    expected.sort();
    assert_eq!(kept, expected);
    page.assert_clean();
}
