//! Browser tests of the cache playground: what the reader sees after each
//! action is compared with the engine's own `Playground` driven natively
//! through the same actions. Run by `cargo xtask test`.

use cache_engine::invoicing::{Options, Tail};
use cache_engine::prelude::*;
use course_tests::book_dir;
use course_tests::page::Session;
use course_tests::playground::{entry_state, log_texts, on_screen, select, visit, wait_mounted};

const PAGE: &str = "simulator.html";
const ID: &str = "playground";
const DETAIL: &str = "invoice-detail:inv_1";

fn open() -> Session {
    let mut page = Session::open(book_dir(), PAGE);
    wait_mounted(&mut page, ID);
    page
}

/// The report's reads as `read outcome value` rows.
fn report_reads(page: &mut Session) -> Vec<String> {
    let value = page
        .browser
        .eval(&format!(
            "[...document.querySelectorAll('#fr-{ID} .fr-reads tbody tr')].map(r => [...r.cells].map(c => c.textContent).join(' | '))"
        ))
        .unwrap();
    serde_json::from_value(value).unwrap()
}

fn engine_reads(report: &invoicing::Report) -> Vec<String> {
    report
        .reads()
        .into_iter()
        .map(|event| match event {
            Event::Read {
                actor,
                read,
                outcome,
                value,
            } => {
                let word = match outcome {
                    ReadOutcome::Hit => "hit",
                    ReadOutcome::Stale => "stale served",
                    ReadOutcome::Miss => "miss",
                    ReadOutcome::Expired => "expired, recomputed",
                    ReadOutcome::Uncached => "not cached",
                };
                format!("{actor} | {read} | {word} | {value}")
            }
            _ => unreachable!(),
        })
        .collect()
}

/// A message as it appears inside a JSON log line.
fn json_text(message: &str) -> String {
    let quoted = serde_json::to_string(message).unwrap();
    quoted[1..quoted.len() - 1].to_string()
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn webhook_then_two_visits_is_stale_then_paid_with_undo_and_redo() {
    let mut page = open();
    let mut engine = Playground::new(&Options::default());
    let starting = engine.snapshot();
    assert_eq!(
        entry_state(&mut page, ID, "/invoices/inv_1", DETAIL),
        "fresh",
        "the warm cache"
    );
    assert_eq!(
        page.eval_string("document.querySelector('#fr-playground-site').value"),
        "stripe-webhook",
        "the exercise file's preset site"
    );
    assert!(starting.entry(DETAIL).is_some());

    page.browser.click(&format!("#fr-{ID} .fr-fire")).unwrap();
    let fired = engine.perform(Mutation::StripeWebhook, Tail::default());
    // One log of everything that happened, in order...
    let lines: Vec<String> = fired
        .steps
        .iter()
        .flat_map(|step| &step.events)
        .map(|event| serde_json::to_string(event).unwrap())
        .collect();
    assert_eq!(log_texts(&mut page, ID, None), lines);
    // ...with the invalidations marked.
    let invalidations: Vec<String> = fired
        .invalidations()
        .iter()
        .map(|event| serde_json::to_string(event).unwrap())
        .collect();
    assert_eq!(
        log_texts(&mut page, ID, Some("fr-log-invalidate")),
        invalidations
    );
    assert_eq!(report_reads(&mut page), engine_reads(&fired));
    let state = serde_json::to_value(engine.snapshot().entry(DETAIL).unwrap().state).unwrap();
    assert_eq!(
        entry_state(&mut page, ID, "/invoices/inv_1", DETAIL),
        state.as_str().unwrap()
    );

    visit(&mut page, ID, "/invoices/inv_1");
    let first = engine.visit("carol", "/invoices/inv_1");
    assert_eq!(report_reads(&mut page), engine_reads(&first));
    let stale = engine.snapshot().pages["carol"]
        .value(DETAIL)
        .unwrap()
        .to_string();
    assert_eq!(stale, "€100 unpaid · 1 × design");
    assert_eq!(on_screen(&mut page, ID, "/invoices/inv_1", DETAIL), stale);
    page.screenshot(Some("#fr-playground"), "playground-stale-light.png");

    page.browser
        .tap(&format!(
            "#fr-{ID} .fr-page[data-path=\"/invoices/inv_1\"] .fr-visit"
        ))
        .unwrap();
    let second = engine.visit("carol", "/invoices/inv_1");
    assert_eq!(report_reads(&mut page), engine_reads(&second));
    let paid = engine.snapshot().pages["carol"]
        .value(DETAIL)
        .unwrap()
        .to_string();
    assert_eq!(paid, "€100 paid · 1 × design");
    assert_eq!(on_screen(&mut page, ID, "/invoices/inv_1", DETAIL), paid);

    // Undo by pointer, Redo by keyboard.
    page.browser.click(&format!("#fr-{ID} .fr-undo")).unwrap();
    assert!(engine.undo());
    assert_eq!(
        on_screen(&mut page, ID, "/invoices/inv_1", DETAIL),
        engine.snapshot().pages["carol"].value(DETAIL).unwrap()
    );
    page.browser
        .eval(&format!(
            "document.querySelector('#fr-{ID} .fr-undo').focus()"
        ))
        .unwrap();
    page.browser.press("Tab").unwrap();
    assert_eq!(page.browser.focused().unwrap(), "button[button] Redo");
    page.browser.press("Enter").unwrap();
    assert!(engine.redo());
    assert_eq!(on_screen(&mut page, ID, "/invoices/inv_1", DETAIL), paid);
    let status = page.eval_string(&format!(
        "document.querySelector('#fr-{ID} .fr-status').textContent"
    ));
    assert!(
        status.starts_with("Redone: carol visited /invoices/inv_1"),
        "{status}"
    );

    // Saved and replayed through the engine on reload.
    page.browser.reload().unwrap();
    wait_mounted(&mut page, ID);
    assert_eq!(on_screen(&mut page, ID, "/invoices/inv_1", DETAIL), paid);
    assert_eq!(
        page.eval_string(&format!(
            "document.querySelector('#fr-{ID} .fr-playground').dataset.actions"
        )),
        "3"
    );
    page.browser.click(&format!("#fr-{ID} .fr-reset")).unwrap();
    assert_eq!(on_screen(&mut page, ID, "/invoices/inv_1", DETAIL), "");
    page.assert_clean();
}

#[test]
#[ignore = "needs the built book and Chromium: run `cargo xtask test`"]
fn chosen_calls_and_toggles_show_the_engine_errors_and_warnings() {
    let mut page = open();
    // updateTag from the webhook's route handler throws.
    select(&mut page, ID, "calls", "update-tag");
    let tag = invoice_tags::record("acme", "inv_1");
    page.browser
        .click(&format!("#fr-{ID} .fr-targets label:nth-child(2)"))
        .unwrap();
    page.browser.click(&format!("#fr-{ID} .fr-fire")).unwrap();
    let mut engine = Playground::new(&Options::default());
    let thrown = engine.perform(
        Mutation::StripeWebhook,
        Tail {
            calls: Some(vec![Op::UpdateTag { tag, context: None }]),
            ..Tail::default()
        },
    );
    let error = page.eval_string(&format!(
        "document.querySelector('#fr-{ID} .fr-log-error code').textContent"
    ));
    let expected = serde_json::to_string(
        thrown
            .steps
            .iter()
            .flat_map(|step| &step.events)
            .find(|event| matches!(event, Event::Error { .. }))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(error, expected);
    assert!(
        error.contains(&texts::UPDATE_TAG_OUTSIDE_ACTION[..40]),
        "{error}"
    );
    page.screenshot(Some("#fr-playground"), "playground-error-light.png");
    let violations = course_tests::axe::serious_violations(&mut page.browser).unwrap();
    assert!(
        violations.is_empty(),
        "axe with an error shown: {violations:#?}"
    );

    // The nightly job calling revalidateTag itself has no request context.
    select(&mut page, ID, "site", "nightly-job-direct");
    select(&mut page, ID, "calls", "recommended");
    page.browser.click(&format!("#fr-{ID} .fr-fire")).unwrap();
    let direct = engine.perform(Mutation::NightlyJobDirect, Tail::default());
    let error = page.eval_string(&format!(
        "document.querySelector('#fr-{ID} .fr-log-error code').textContent"
    ));
    assert!(error.contains(&json_text(direct.errors()[0])), "{error}");

    // A mistyped tag: the toggle restarts the app, the edit's tag matches nothing.
    page.browser
        .click(&format!("#fr-{ID} label[for=fr-playground-mistyped]"))
        .unwrap();
    select(&mut page, ID, "site", "edit-invoice");
    page.browser.click(&format!("#fr-{ID} .fr-fire")).unwrap();
    let mut mistyped = Playground::new(&Options {
        mistyped_list_tag: true,
        ..Options::default()
    });
    let edit = mistyped.perform(Mutation::EditInvoice, Tail::default());
    let warning = page.eval_string(&format!(
        "document.querySelector('#fr-{ID} .fr-log-warning code').textContent"
    ));
    assert!(
        warning.contains(&json_text(edit.warnings()[0])),
        "{warning}"
    );
    let list = mistyped.visit("carol", "/invoices");
    visit(&mut page, ID, "/invoices");
    assert_eq!(
        on_screen(&mut page, ID, "/invoices", "invoice-list"),
        list.steps.last().unwrap().snapshot.pages["carol"]
            .value("invoice-list")
            .unwrap()
    );

    // Invalidating before the commit re-caches the old invoice.
    page.browser.click(&format!("#fr-{ID} .fr-reset")).unwrap();
    page.browser
        .click(&format!("#fr-{ID} label[for=fr-playground-mistyped]"))
        .unwrap();
    page.browser
        .click(&format!("#fr-{ID} label[for=fr-playground-after-return]"))
        .unwrap();
    page.browser.click(&format!("#fr-{ID} .fr-fire")).unwrap();
    let mut before = Playground::new(&Options::default());
    let report = before.perform(
        Mutation::EditInvoice,
        Tail {
            write_after_return: true,
            ..Tail::default()
        },
    );
    assert_eq!(report_reads(&mut page), engine_reads(&report));
    page.browser.use_theme("coal").unwrap();
    wait_mounted(&mut page, ID);
    page.screenshot(Some("#fr-playground"), "playground-coal.png");
    page.assert_clean();
}
