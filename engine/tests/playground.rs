//! The playground's toggles, each with the effect a reader should see.

use cache_engine::prelude::*;
use invoicing::{Options, Tail};

fn page(report: &invoicing::Report, actor: &str, read: &str) -> String {
    let last = report.steps.last().unwrap();
    last.snapshot.pages[actor]
        .value(read)
        .unwrap_or_default()
        .to_string()
}

#[test]
fn recommended_tails_leave_nothing_stale_for_good() {
    for mutation in Mutation::ALL {
        if mutation == Mutation::NightlyJobDirect {
            continue;
        }
        let mut playground = Playground::new(&Options::default());
        let report = playground.perform(mutation, Tail::default());
        assert!(
            report.errors().is_empty(),
            "{mutation:?}: {:?}",
            report.errors()
        );
        let state = report.steps.last().unwrap();
        let app = playground.app();
        let stale: Vec<&str> = state
            .snapshot
            .entries
            .iter()
            .filter(|e| {
                e.state == EntryState::Fresh
                    && app.read(&e.read).unwrap().value(&state.snapshot.rows) != e.value
            })
            .map(|e| e.read.as_str())
            .collect();
        assert!(stale.is_empty(), "{mutation:?} leaves {stale:?}");
    }
}

#[test]
fn the_job_calling_revalidate_tag_itself_throws_the_invariant() {
    let mut playground = Playground::new(&Options::default());
    let report = playground.perform(Mutation::NightlyJobDirect, Tail::default());
    assert_eq!(
        report.errors(),
        ["Invariant: static generation store missing in revalidateTag(\"org:acme\")"]
    );
}

#[test]
fn handing_the_write_to_a_queue_lets_a_read_re_cache_the_old_invoice_for_good() {
    let mut playground = Playground::new(&Options::default());
    let tail = Tail {
        write_after_return: true,
        ..Tail::default()
    };
    let report = playground.perform(Mutation::EditInvoice, tail);
    assert_eq!(
        page(&report, "visitor", "invoice-detail:inv_1"),
        "€100 unpaid · 1 × design"
    );
    let later = playground.visit("carol", "/invoices/inv_1");
    assert_eq!(
        page(&later, "carol", "invoice-detail:inv_1"),
        "€100 unpaid · 1 × design"
    );
}

#[test]
fn redirecting_before_invalidating_shows_the_editor_old_data() {
    let mut playground = Playground::new(&Options::default());
    let tail = Tail {
        redirect_before_invalidate: true,
        ..Tail::default()
    };
    let report = playground.perform(Mutation::EditInvoice, tail);
    assert_eq!(
        page(&report, "ada", "invoice-detail:inv_1"),
        "€100 unpaid · 1 × design"
    );
    assert!(report.invalidations().is_empty());
}

#[test]
fn a_mistyped_tag_matches_nothing_and_the_list_stays_old() {
    let mut playground = Playground::new(&Options {
        mistyped_list_tag: true,
        ..Options::default()
    });
    let report = playground.perform(Mutation::EditInvoice, Tail::default());
    assert_eq!(
        report.warnings(),
        ["no cached entry carries \"org:acme:invoices\": nothing was invalidated"]
    );
    let list = playground.visit("carol", "/invoices");
    assert_eq!(
        page(&list, "carol", "invoice-list"),
        "€100 unpaid · €250 paid"
    );
}

#[test]
fn development_mode_caches_as_production_does_so_a_forgotten_invalidation_shows() {
    let forgot = Tail {
        calls: Some(Vec::new()),
        ..Tail::default()
    };
    for mode in [Mode::Development, Mode::Production] {
        let mut playground = Playground::new(&Options {
            mode,
            ..Options::default()
        });
        playground.perform(Mutation::StripeWebhook, forgot.clone());
        assert_eq!(
            page(
                &playground.visit("carol", "/invoices/inv_1"),
                "carol",
                "invoice-detail:inv_1"
            ),
            "€100 unpaid · 1 × design",
            "{mode:?}"
        );
    }
}

#[test]
fn cookies_on_the_marketing_pages_leave_the_cached_footer_cached() {
    let mut playground = Playground::new(&Options {
        marketing_uses_cookies: true,
        ..Options::default()
    });
    let report = playground.visit("visitor", "/about");
    assert!(report.reads().iter().all(|e| matches!(
        e,
        Event::Read {
            outcome: ReadOutcome::Hit,
            ..
        }
    )));
    let change = playground.perform(Mutation::FooterChange, Tail::default());
    assert!(matches!(
        change.invalidations()[0],
        Event::Invalidate { matched: 2, .. }
    ));
}

#[test]
fn a_no_store_read_is_always_fetched_and_never_matched() {
    let mut playground = Playground::new(&Options {
        no_store: Some("summary".into()),
        ..Options::default()
    });
    let report = playground.perform(Mutation::NightlyJob, Tail::default());
    // Members, entitlement and the two invoice details (getInvoice carries
    // the org tag); not the summary, which has no entry.
    assert!(matches!(
        report.invalidations()[0],
        Event::Invalidate { matched: 4, .. }
    ));
    let dashboard = playground.visit("ada", "/dashboard");
    assert_eq!(
        page(&dashboard, "ada", "summary"),
        "2 invoices, €350, 1 overdue"
    );
}

#[test]
fn undo_and_redo_restore_earlier_states() {
    let mut playground = Playground::new(&Options::default());
    let start = playground.snapshot();
    playground.perform(Mutation::DemoteMember, Tail::default());
    let after = playground.snapshot();
    assert!(playground.undo());
    assert_eq!(playground.snapshot(), start);
    assert!(playground.redo());
    assert_eq!(playground.snapshot(), after);
    assert!(!playground.redo());
}
