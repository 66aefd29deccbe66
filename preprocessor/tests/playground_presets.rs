//! Chapter C's playground presets: each one, loaded as the book loads it,
//! does in the engine what its prompt (and the chapter's prose around it)
//! tells the reader to try and to expect.

use std::path::Path;

use cache_engine::invoicing::{Options, Report, Tail};
use cache_engine::prelude::*;
use course_schema::{Exercise, PlaygroundExercise};
use mdbook_fresh_reads::Catalog;

fn preset(id: &str) -> PlaygroundExercise {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let catalog = Catalog::scan(root, Path::new("exercises")).unwrap();
    match catalog.props(id) {
        Some(Ok(props)) => match &props.exercise {
            Exercise::Playground(preset) => preset.clone(),
            other => panic!("`{id}` is a {:?} exercise", other.kind()),
        },
        other => panic!("`{id}` does not load: {other:?}"),
    }
}

/// What `who` sees of `read` after the report's last step.
fn shown(report: &Report, who: &str, read: &str) -> String {
    report.steps.last().unwrap().snapshot.pages[who]
        .value(read)
        .unwrap_or_default()
        .to_string()
}

/// How each read of a visit went: (read, outcome).
fn outcomes(report: &Report) -> Vec<(String, ReadOutcome)> {
    report
        .reads()
        .into_iter()
        .filter_map(|event| match event {
            Event::Read { read, outcome, .. } => Some((read.clone(), *outcome)),
            _ => None,
        })
        .collect()
}

fn outcome(report: &Report, read: &str) -> ReadOutcome {
    outcomes(report)
        .into_iter()
        .find(|(key, _)| key == read)
        .unwrap_or_else(|| panic!("no read of {read}"))
        .1
}

/// The `matched` count of each invalidate line.
fn matched(report: &Report) -> Vec<usize> {
    report
        .invalidations()
        .into_iter()
        .filter_map(|event| match event {
            Event::Invalidate { matched, .. } => Some(*matched),
            _ => None,
        })
        .collect()
}

fn nothing() -> Tail {
    Tail {
        calls: Some(Vec::new()),
        ..Tail::default()
    }
}

#[test]
fn dev_mode_caches_as_production_does_so_the_forgotten_invalidation_shows_in_both() {
    let preset = preset("playground-dev-mode");
    assert_eq!(preset.mode, Mode::Development);
    assert_eq!(preset.mutation, Mutation::StripeWebhook);
    for mode in [Mode::Development, Mode::Production] {
        let options = Options {
            mode,
            ..preset.app_options()
        };
        let mut playground = Playground::new(&options);
        playground.perform(preset.mutation, nothing());
        for _ in 0..2 {
            let visit = playground.visit("carol", "/invoices/inv_1");
            assert_eq!(
                shown(&visit, "carol", "invoice-detail:inv_1"),
                "€100 unpaid · 1 × design",
                "{mode:?}"
            );
            assert_eq!(outcome(&visit, "invoice-detail:inv_1"), ReadOutcome::Hit);
        }
    }
}

#[test]
fn a_no_store_summary_has_no_entry_and_is_fetched_on_every_visit() {
    let preset = preset("playground-no-store");
    assert_eq!(preset.no_store.as_deref(), Some("summary"));
    assert_eq!(preset.mutation, Mutation::NightlyJob);

    let mut playground = Playground::new(&preset.app_options());
    assert!(playground.snapshot().entry("summary").is_none());
    let job = playground.perform(preset.mutation, Tail::default());
    assert!(job.errors().is_empty());
    // Members, entitlement and the two invoice details, which carry the org tag too.
    assert_eq!(matched(&job), [4]);
    let after = job.steps.last().unwrap().snapshot.clone();
    let reached: Vec<&str> = after
        .entries
        .iter()
        .filter(|entry| entry.state != EntryState::Fresh)
        .map(|entry| entry.read.as_str())
        .collect();
    assert_eq!(
        reached,
        [
            "entitlement",
            "invoice-detail:inv_1",
            "invoice-detail:inv_2",
            "members"
        ]
    );
    for _ in 0..2 {
        let visit = playground.visit("ada", "/dashboard");
        assert_eq!(outcome(&visit, "summary"), ReadOutcome::Uncached);
        assert_eq!(
            shown(&visit, "ada", "summary"),
            "2 invoices, €350, 1 overdue"
        );
    }
    assert!(playground.snapshot().entry("summary").is_none());

    // The no-store box unticked: the summary has an entry, and the job reaches it.
    let options = Options {
        no_store: None,
        ..preset.app_options()
    };
    let mut playground = Playground::new(&options);
    assert!(playground.snapshot().entry("summary").is_some());
    let job = playground.perform(preset.mutation, Tail::default());
    assert_eq!(matched(&job), [5]);
    let summary = job.steps.last().unwrap().snapshot.entry("summary").cloned();
    assert_eq!(summary.map(|entry| entry.state), Some(EntryState::Stale));
}

#[test]
fn cookies_do_not_uncache_the_footer_so_revalidate_path_reaches_it_either_way() {
    let preset = preset("playground-cookies");
    assert!(preset.marketing_uses_cookies);
    assert_eq!(preset.mutation, Mutation::FooterChange);
    for cookies in [true, false] {
        let options = Options {
            marketing_uses_cookies: cookies,
            ..preset.app_options()
        };
        let mut playground = Playground::new(&options);
        let about = playground.visit("visitor", "/about");
        assert_eq!(
            outcome(&about, "footer"),
            ReadOutcome::Hit,
            "cookies: {cookies}"
        );
        let change = playground.perform(preset.mutation, Tail::default());
        assert_eq!(matched(&change), [2], "cookies: {cookies}");
    }
}

#[test]
fn a_mistyped_list_tag_is_reached_by_nothing() {
    let preset = preset("playground-mistyped-tag");
    assert!(preset.mistyped_list_tag);
    assert_eq!(preset.mutation, Mutation::EditInvoice);

    let mut playground = Playground::new(&preset.app_options());
    let list = playground.snapshot();
    assert_eq!(
        list.entry("invoice-list").unwrap().tags,
        ["org:acme:invoice"]
    );
    let edit = playground.perform(preset.mutation, Tail::default());
    assert_eq!(
        edit.warnings(),
        ["no cached entry carries \"org:acme:invoices\": nothing was invalidated"]
    );
    assert_eq!(
        shown(&edit, "ada", "invoice-detail:inv_1"),
        "€120 unpaid · 1 × design, 1 × review"
    );
    let visit = playground.visit("carol", "/invoices");
    assert_eq!(outcome(&visit, "invoice-list"), ReadOutcome::Hit);
    assert_eq!(
        shown(&visit, "carol", "invoice-list"),
        "€100 unpaid · €250 paid"
    );
}

#[test]
fn a_missing_secret_answers_401_and_the_dashboard_keeps_yesterday() {
    let preset = preset("playground-secret-missing");
    assert!(!preset.secret_on_host);
    assert_eq!(preset.mutation, Mutation::NightlyJob);

    let mut playground = Playground::new(&preset.app_options());
    let job = playground.perform(preset.mutation, Tail::default());
    assert_eq!(job.errors(), [texts::UNAUTHORIZED]);
    assert!(job.invalidations().is_empty());
    assert!(
        job.steps
            .iter()
            .flat_map(|step| &step.events)
            .any(|event| matches!(
                event,
                Event::Respond { actor, status: 401 } if actor == "revalidate-endpoint"
            ))
    );
    for _ in 0..2 {
        let visit = playground.visit("ada", "/dashboard");
        assert_eq!(outcome(&visit, "summary"), ReadOutcome::Hit);
        assert_eq!(shown(&visit, "ada", "summary"), "2 invoices, €350");
    }

    let direct = playground.perform(Mutation::NightlyJobDirect, Tail::default());
    assert_eq!(
        direct.errors(),
        ["Invariant: static generation store missing in revalidateTag(\"org:acme\")"]
    );
}
