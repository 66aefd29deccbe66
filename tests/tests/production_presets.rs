//! Browser tests of the production chapter's playground presets: each opens on its
//! preset, and what the chapter tells the reader to try shows what the
//! engine shows. Run by `cargo xtask test`.

use cache_engine::invoicing::{Options, Tail};
use cache_engine::prelude::*;
use course_tests::book_dir;
use course_tests::page::Session;
use course_tests::playground::{
    checked, fire, log_texts, on_screen, person, select, visit, wait_mounted,
};

const DETAIL: &str = "invoice-detail:inv_1";

fn open(page: &str, ids: &[&str]) -> Session {
    let mut session = Session::open(book_dir(), page);
    for id in ids {
        wait_mounted(&mut session, id);
    }
    session
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn production_page_presets_show_their_failures() {
    let ids = [
        "playground-dev-mode",
        "playground-no-store",
        "playground-cookies",
        "playground-secret-missing",
    ];
    let mut page = open("production.html", &ids);

    // Development mode: ordinary reloads are served from the cache, so the
    // forgotten invalidation shows under next dev...
    let id = "playground-dev-mode";
    assert!(checked(&mut page, id, "dev"));
    select(&mut page, id, "calls", "nothing");
    fire(&mut page, id);
    person(&mut page, id, "carol");
    visit(&mut page, id, "/invoices/inv_1");
    let mut dev = Playground::new(&Options {
        mode: Mode::Development,
        ..Options::default()
    });
    let nothing = Tail {
        calls: Some(Vec::new()),
        ..Tail::default()
    };
    dev.perform(Mutation::StripeWebhook, nothing);
    let seen = dev.visit("carol", "/invoices/inv_1");
    let unpaid = seen.steps[0].snapshot.pages["carol"].value(DETAIL).unwrap();
    assert_eq!(unpaid, "€100 unpaid · 1 × design");
    assert_eq!(on_screen(&mut page, id, "/invoices/inv_1", DETAIL), unpaid);
    // ...as it does in production.
    page.browser
        .click(&format!("#fr-{id} label[for=fr-{id}-dev]"))
        .unwrap();
    assert!(!checked(&mut page, id, "dev"));
    select(&mut page, id, "calls", "nothing");
    fire(&mut page, id);
    visit(&mut page, id, "/invoices/inv_1");
    visit(&mut page, id, "/invoices/inv_1");
    assert_eq!(
        on_screen(&mut page, id, "/invoices/inv_1", DETAIL),
        "€100 unpaid · 1 × design"
    );

    // no-store: the job's invalidation reaches four entries, not the summary.
    let id = "playground-no-store";
    assert!(checked(&mut page, id, "no-store"));
    fire(&mut page, id);
    let lines = log_texts(&mut page, id, None);
    assert!(
        lines.iter().any(|line| line.contains("\"matched\":4")),
        "{lines:?}"
    );
    person(&mut page, id, "ada");
    visit(&mut page, id, "/dashboard");
    assert_eq!(
        on_screen(&mut page, id, "/dashboard", "summary"),
        "2 invoices, €350, 1 overdue"
    );

    // cookies() under Suspense: the 'use cache' reads keep their entries, and
    // revalidatePath reaches both, without a warning.
    let id = "playground-cookies";
    assert!(checked(&mut page, id, "cookies"));
    fire(&mut page, id);
    assert!(log_texts(&mut page, id, Some("fr-log-warning")).is_empty());
    let lines = log_texts(&mut page, id, None);
    assert!(
        lines.iter().any(|line| line.contains("\"matched\":2")),
        "{lines:?}"
    );

    // The secret missing on the host: a 401.
    let id = "playground-secret-missing";
    fire(&mut page, id);
    let errors = log_texts(&mut page, id, Some("fr-log-error"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains(texts::UNAUTHORIZED), "{errors:?}");
    person(&mut page, id, "ada");
    visit(&mut page, id, "/dashboard");
    assert_eq!(
        on_screen(&mut page, id, "/dashboard", "summary"),
        "2 invoices, €350"
    );

    // The fix: the secret set on the host. The playground starts again, the
    // job's POST is accepted, and the dashboard is stale once, then fresh.
    page.browser.click(&format!("#fr-{id}-secret")).unwrap();
    assert!(checked(&mut page, id, "secret"));
    fire(&mut page, id);
    assert!(log_texts(&mut page, id, Some("fr-log-error")).is_empty());
    let mut engine = Playground::new(&Options::default());
    engine.perform(Mutation::NightlyJob, Tail::default());
    for _ in 0..2 {
        engine.visit("ada", "/dashboard");
        visit(&mut page, id, "/dashboard");
        let expected = engine.snapshot().pages["ada"]
            .value("summary")
            .unwrap()
            .to_string();
        assert_eq!(on_screen(&mut page, id, "/dashboard", "summary"), expected);
    }
    assert_ne!(
        on_screen(&mut page, id, "/dashboard", "summary"),
        "2 invoices, €350",
        "the job's summary reaches the dashboard on the second visit"
    );
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn diagnose_page_mistyped_tag_preset_leaves_the_list_old() {
    let id = "playground-mistyped-tag";
    let mut page = open("production/diagnose.html", &[id]);
    assert!(checked(&mut page, id, "mistyped"));
    fire(&mut page, id);
    let warnings = log_texts(&mut page, id, Some("fr-log-warning"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("org:acme:invoices"), "{warnings:?}");
    person(&mut page, id, "carol");
    visit(&mut page, id, "/invoices");
    assert_eq!(
        on_screen(&mut page, id, "/invoices", "invoice-list"),
        "€100 unpaid · €250 paid"
    );
    page.assert_clean();
}
