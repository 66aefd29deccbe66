//! A panic in the bundle, forced in the page: every widget on it becomes an
//! error card saying what happened, and no control is left that does
//! nothing when clicked.

use course_tests::book_dir;
use course_tests::page::Session;

/// Mounts one more placeholder carrying the attribute that makes `mount`
/// panic (`data-fr-test-panic`, which the preprocessor never writes), the
/// way the loader mounts the others; returns what the call threw.
const FORCE_PANIC: &str = "(async () => {
    const root = typeof path_to_root === 'string' ? path_to_root : '';
    const bundle = await import(new URL(root + 'wasm/fresh_reads_widgets.js', document.baseURI).href);
    const placeholder = document.createElement('div');
    placeholder.className = 'fr-widget';
    placeholder.setAttribute('data-fr-test-panic', '');
    document.querySelector('main').append(placeholder);
    try {
        bundle.mount(placeholder);
        return 'no panic';
    } catch (error) {
        return String(error);
    }
})()";

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn a_panic_turns_every_widget_on_the_page_into_an_error_card() {
    let mut page = Session::open(book_dir(), "picking-the-call/practice.html");
    page.wait_for_widgets(4);
    let controls = "document.querySelectorAll('.fr-widget[data-mounted] .fr-live button, \
                    .fr-widget[data-mounted] .fr-live input').length";
    assert_ne!(page.eval_string(controls), "0", "the widgets have controls");

    let thrown = page.eval_string(FORCE_PANIC);
    assert!(
        thrown.contains("unreachable"),
        "the instance trapped: {thrown}"
    );

    let cards = page.eval_string(
        "JSON.stringify([...document.querySelectorAll('.fr-widget[data-mounted]')]
            .map(w => w.querySelector(':scope > .fr-live > .fr-error[role=alert]')?.textContent ?? 'no card'))",
    );
    let cards: Vec<String> = serde_json::from_str(&cards).unwrap();
    assert_eq!(cards.len(), 4, "{cards:?}");
    for card in &cards {
        assert!(
            card.starts_with("The exercises on this page stopped working; reload the page")
                && card.contains("a panic forced by a test (at widgets/src/lib.rs:"),
            "{card}"
        );
    }
    assert_eq!(page.eval_string(controls), "0", "no dead control is left");
    page.screenshot(None, "panic-cards-light.png");
    page.assert_clean();
}
