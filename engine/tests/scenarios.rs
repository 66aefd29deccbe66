//! Every shipped scenario file: it says what its builder says, and it ends
//! the way the course teaches.

use std::path::Path;

use cache_engine::prelude::*;
use race::{Arrival, Fires, RaceOptions};

fn load(name: &str) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let scenario: Scenario =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let problems = scenario.problems();
    assert!(problems.is_empty(), "{}: {problems:?}", path.display());
    scenario
}

fn shipped() -> Vec<(&'static str, Scenario)> {
    let d = RaceOptions::default();
    let r = |o: RaceOptions| race::checkout_race(&o);
    vec![
        ("checkout_race", r(d)),
        (
            "checkout_race_expire_now",
            r(RaceOptions {
                fires: Fires::ExpireNow,
                ..d
            }),
        ),
        (
            "checkout_race_webhook_first",
            r(RaceOptions {
                arrival: Arrival::BeforeRedirect,
                ..d
            }),
        ),
        (
            "checkout_race_webhook_never",
            r(RaceOptions {
                arrival: Arrival::Never,
                ..d
            }),
        ),
        (
            "checkout_race_update_tag",
            r(RaceOptions {
                fires: Fires::UpdateTag,
                ..d
            }),
        ),
        (
            "checkout_race_forgot",
            r(RaceOptions {
                fires: Fires::Nothing,
                ..d
            }),
        ),
        ("worked_1_edit_invoice", cases::edit_invoice(true)),
        ("worked_1_fan_out_missed", cases::edit_invoice(false)),
        ("worked_2_demote_member", cases::demote_member()),
        ("worked_3_stripe_webhook", cases::stripe_webhook(true)),
        ("worked_3_forgot", cases::stripe_webhook(false)),
        (
            "worked_4_nightly_job",
            cases::nightly_job(cases::JobCall::Endpoint),
        ),
        (
            "worked_4_job_direct",
            cases::nightly_job(cases::JobCall::Direct),
        ),
        (
            "worked_4_secret_missing",
            cases::nightly_job(cases::JobCall::EndpointWithoutSecretOnHost),
        ),
        (
            "practice_1_display_name_action",
            cases::practice_display_name_action(),
        ),
        (
            "practice_2_display_name_webhook",
            cases::practice_display_name_webhook(),
        ),
        ("practice_3_maps_widget", cases::practice_maps_widget()),
        ("practice_4_footer", cases::practice_footer()),
        (
            "ordering_correct",
            cases::ordering_exercise(&cases::ORDERING_CORRECT),
        ),
        (
            "ordering_trap",
            cases::ordering_exercise(&cases::ORDERING_TRAP),
        ),
        (
            "ordering_invalidate_before_commit",
            cases::invalidate_before_commit(),
        ),
        ("ordering_write_after_return", cases::write_after_return()),
        (
            "ordering_redirect_first",
            cases::redirect_before_invalidate(),
        ),
    ]
}

/// `BLESS=1 cargo test -p cache-engine --test scenarios` writes every file
/// from its builder, after a change to the builders.
#[test]
fn every_file_matches_its_builder_and_every_file_is_shipped() {
    let shipped = shipped();
    if std::env::var_os("BLESS").is_some() {
        for (name, built) in &shipped {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("scenarios")
                .join(format!("{name}.toml"));
            std::fs::write(&path, toml::to_string(built).unwrap()).unwrap();
        }
    }
    for (name, built) in &shipped {
        assert_eq!(&load(name), built, "{name}.toml differs from its builder");
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let files = std::fs::read_dir(dir).unwrap().count();
    assert_eq!(files, shipped.len(), "a scenario file has no test");
}

/// The values the page showed at each of the browser's renders.
fn browser_values(run: &Stepper) -> Vec<String> {
    run.log()
        .into_iter()
        .filter_map(|event| match event {
            Event::Read { actor, value, .. } if actor == "browser" => Some(value.clone()),
            _ => None,
        })
        .collect()
}

fn page(run: &Stepper, actor: &str, read: &str) -> String {
    run.page(actor)
        .and_then(|page| page.value(read))
        .unwrap_or_default()
        .to_string()
}

fn errors(run: &Stepper) -> Vec<String> {
    run.log()
        .into_iter()
        .filter_map(|event| match event {
            Event::Error { message, .. } => Some(message.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn race_with_max_needs_one_more_refresh_than_the_four_step_story() {
    let run = load("checkout_race").run();
    // Redirect, refresh before the webhook, first refresh after it (stale), then Pro.
    assert_eq!(browser_values(&run), ["Free", "Free", "Free", "Pro"]);
    assert_eq!(race::shown_after(&run), Some(PollEnd::Shown(3)));
    let captions: Vec<&str> = run.steps().iter().map(|s| s.caption.as_str()).collect();
    assert!(captions.contains(
        &"t=2 s; refresh re-rendered; a refresh expires nothing, so entitlement was served from its entry: the page shows Free"
    ));
    assert!(captions.contains(&"t=4 s; refresh re-rendered; the read of entitlement was stale, so the page got the old value Free and a recompute was queued"));
}

#[test]
fn race_with_expire_zero_shows_pro_on_the_first_refresh_after_the_webhook() {
    let run = load("checkout_race_expire_now").run();
    assert_eq!(browser_values(&run), ["Free", "Free", "Pro"]);
}

#[test]
fn race_with_the_webhook_first_still_shows_free_on_the_redirect_under_max() {
    let run = load("checkout_race_webhook_first").run();
    assert_eq!(browser_values(&run), ["Free", "Pro"]);
}

#[test]
fn race_without_a_webhook_gives_up_with_a_message() {
    let run = load("checkout_race_webhook_never").run();
    assert_eq!(race::shown_after(&run), Some(PollEnd::GaveUp(10)));
    assert!(
        run.page("browser")
            .unwrap()
            .notice
            .as_deref()
            .unwrap()
            .starts_with("Still activating after 10 checks")
    );
    assert_eq!(run.snapshot().clock, 20);
}

#[test]
fn race_where_the_webhook_tries_update_tag_throws_and_stays_free_for_good() {
    let run = load("checkout_race_update_tag").run();
    assert_eq!(errors(&run), [texts::UPDATE_TAG_OUTSIDE_ACTION]);
    assert_eq!(race::shown_after(&run), Some(PollEnd::GaveUp(10)));
    assert_eq!(
        run.state().world.stale_for_good(&run.scenario().app),
        ["entitlement"]
    );
}

#[test]
fn race_where_the_webhook_forgets_stays_free_for_good() {
    let run = load("checkout_race_forgot").run();
    assert_eq!(race::shown_after(&run), Some(PollEnd::GaveUp(10)));
    assert!(
        explore(&load("checkout_race_forgot"))
            .outcomes
            .iter()
            .all(|g| !g.outcome.stale_for_good.is_empty())
    );
}

#[test]
fn race_explorer_covers_every_interleaving_and_none_stays_stale() {
    let summary = explore(&load("checkout_race"));
    assert_eq!(summary.interleavings, 364);
    assert!(!summary.any_stale_for_good());
    let ends = summary.poll_ends("browser");
    // Shown after 1 refresh only when the webhook lands before the redirect.
    assert_eq!(ends[&Some(PollEnd::Shown(1))], 1);
    assert!(ends.contains_key(&Some(PollEnd::GaveUp(10))));
    for group in &summary.outcomes {
        let replayed = load("checkout_race").run_schedule(&group.schedule);
        assert_eq!(race::shown_after(&replayed), group.outcome.polls["browser"]);
    }
}

#[test]
fn explorer_lists_the_most_common_outcomes_first_and_ties_in_their_own_order() {
    for name in [
        "checkout_race",
        "checkout_race_expire_now",
        "ordering_correct",
        "ordering_trap",
        "ordering_write_after_return",
    ] {
        let outcomes = explore(&load(name)).outcomes;
        for pair in outcomes.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert!(
                a.count > b.count || (a.count == b.count && a.outcome < b.outcome),
                "{name}: {} then {}",
                a.count,
                b.count
            );
        }
    }
}

#[test]
fn poll_interval_changes_the_time_not_the_number_of_refreshes() {
    let slow = race::checkout_race(&RaceOptions {
        poll_every: 5,
        ..Default::default()
    })
    .run();
    assert_eq!(race::shown_after(&slow), Some(PollEnd::Shown(3)));
    assert_eq!(slow.snapshot().clock, 15);
}

#[test]
fn worked_1_both_tags_give_the_editor_the_invoice_and_the_list_fresh() {
    let run = load("worked_1_edit_invoice").run();
    assert_eq!(page(&run, "ada", "invoice-list"), "€120 unpaid · €250 paid");
    // Only the tag of the page she lands on: the invoice is right, the list is not.
    let missed = load("worked_1_fan_out_missed").run();
    let redirect = missed.log().into_iter().find_map(|e| match e {
        Event::Read {
            actor, read, value, ..
        } if actor == "ada" && read == "invoice-detail:inv_1" && value.starts_with("€120") => {
            Some(value.clone())
        }
        _ => None,
    });
    assert_eq!(redirect.as_deref(), Some("€120 unpaid · 1 × design"));
    assert_eq!(
        page(&missed, "ada", "invoice-list"),
        "€100 unpaid · €250 paid"
    );
}

#[test]
fn worked_2_demotion_reaches_the_admin_and_the_sleeping_member() {
    let run = load("worked_2_demote_member").run();
    assert_eq!(page(&run, "ada", "members"), "Ada (admin) · Carol (member)");
    assert_eq!(page(&run, "carol", "my-orgs:u_carol"), "Carol (member)");
}

#[test]
fn worked_3_paid_shows_after_one_stale_visit_and_never_without_invalidation() {
    let run = load("worked_3_stripe_webhook").run();
    let carol: Vec<String> = run
        .log()
        .into_iter()
        .filter_map(|e| match e {
            Event::Read { actor, value, .. } if actor == "carol" => Some(value.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        carol,
        ["€100 unpaid · 1 × design", "€100 paid · 1 × design"]
    );
    let forgot = load("worked_3_forgot").run();
    assert_eq!(
        page(&forgot, "carol", "invoice-detail:inv_1"),
        "€100 unpaid · 1 × design"
    );
}

#[test]
fn worked_4_the_job_goes_through_the_endpoint_not_revalidate_tag_directly() {
    let direct = load("worked_4_job_direct").run();
    assert_eq!(
        errors(&direct),
        ["Invariant: static generation store missing in revalidateTag(\"org:acme\")"]
    );
    assert_eq!(page(&direct, "ada", "summary"), "2 invoices, €350");
    let fixed = load("worked_4_nightly_job").run();
    assert!(errors(&fixed).is_empty());
    assert_eq!(
        page(&fixed, "ada", "summary"),
        "2 invoices, €350, 1 overdue"
    );
    let missing = load("worked_4_secret_missing").run();
    assert_eq!(errors(&missing), [texts::UNAUTHORIZED]);
}

#[test]
fn practice_1_action_response_shows_the_new_name_at_once() {
    let run = load("practice_1_display_name_action").run();
    assert_eq!(page(&run, "carol", "profile:u_carol"), "Caz");
}

#[test]
fn practice_2_webhook_serves_the_old_name_once() {
    let run = load("practice_2_display_name_webhook").run();
    let first = run
        .steps()
        .into_iter()
        .find(|s| s.actor == "carol")
        .unwrap();
    assert_eq!(
        first.snapshot.pages["carol"].value("profile:u_carol"),
        Some("Carol")
    );
    assert_eq!(page(&run, "carol", "profile:u_carol"), "Caz");
}

#[test]
fn practice_3_refresh_is_enough_for_an_uncached_dynamic_page() {
    let run = load("practice_3_maps_widget").run();
    assert_eq!(page(&run, "ada", "map-pin"), "48.85,2.35");
    assert!(
        !run.log()
            .iter()
            .any(|e| matches!(e, Event::Invalidate { .. }))
    );
}

#[test]
fn practice_4_footer_changes_on_every_marketing_page() {
    let run = load("practice_4_footer").run();
    assert_eq!(
        page(&run, "visitor", "footer"),
        "© Acme Invoicing · new address"
    );
    assert!(run.log().iter().any(|e| matches!(e, Event::Read { read, outcome: ReadOutcome::Expired, actor, .. } if read == "footer" && actor == "visitor")));
}

#[test]
fn ordering_files_teach_the_two_bugs() {
    assert!(!explore(&load("ordering_correct")).any_stale_for_good());
    assert!(explore(&load("ordering_trap")).any_stale_for_good());
    // Invalidating inside the transaction is safe in Next.js 16: the calls
    // are applied when the action returns, after the commit.
    let before_commit = load("ordering_invalidate_before_commit").run();
    assert!(
        before_commit
            .state()
            .world
            .stale_for_good(&before_commit.scenario().app)
            .is_empty()
    );
    let visits: Vec<String> = before_commit
        .log()
        .into_iter()
        .filter_map(|event| match event {
            Event::Read {
                actor, read, value, ..
            } if actor == "visitor" && read == "invoice-detail:inv_1" => Some(value.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        visits,
        [
            "€100 unpaid · 1 × design",
            "€120 unpaid · 1 × design, 1 × review"
        ]
    );
    // What does go wrong: a write that lands after the action returned.
    let after_return = load("ordering_write_after_return").run();
    assert_eq!(
        after_return
            .state()
            .world
            .stale_for_good(&after_return.scenario().app),
        ["invoice-detail:inv_1"]
    );
    let redirect_first = load("ordering_redirect_first").run();
    assert_eq!(
        page(&redirect_first, "ada", "invoice-detail:inv_1"),
        "€100 unpaid · 1 × design"
    );
}
