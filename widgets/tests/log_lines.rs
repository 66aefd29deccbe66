//! The bundle writes the engine's events with code of its own
//! (`json::ToJson`); the course's log lines are what serde_json writes for
//! the engine's `Event`. Every event of every scenario the course runs, and
//! one of each kind with and without its optional fields, must come out the
//! same both ways.

use std::collections::BTreeSet;

use cache_engine::cases::{self, JobCall};
use cache_engine::invoicing::{Options, Tail};
use cache_engine::prelude::*;
use cache_engine::race::{Arrival, Fires, RaceOptions};
use fresh_reads_widgets::json;

/// Every event the engine logs in the course's scenarios.
fn scenario_events() -> Vec<Event> {
    let mut scenarios = vec![
        cases::edit_invoice(true),
        cases::edit_invoice(false),
        cases::demote_member(),
        cases::stripe_webhook(true),
        cases::stripe_webhook(false),
        cases::practice_display_name_action(),
        cases::practice_display_name_webhook(),
        cases::practice_maps_widget(),
        cases::practice_footer(),
        cases::write_after_return(),
        cases::redirect_before_invalidate(),
        cases::ordering_exercise(&cases::ORDERING_CORRECT),
        cases::ordering_exercise(&cases::ORDERING_TRAP),
        cases::ordering_exercise(&cases::REDIRECT_FIRST),
    ];
    for call in [
        JobCall::Direct,
        JobCall::Endpoint,
        JobCall::EndpointWithoutSecretOnHost,
    ] {
        scenarios.push(cases::nightly_job(call));
    }
    for arrival in [
        Arrival::BeforeRedirect,
        Arrival::AfterPolls(0),
        Arrival::AfterPolls(2),
        Arrival::Never,
    ] {
        for fires in [
            Fires::Max,
            Fires::ExpireNow,
            Fires::UpdateTag,
            Fires::Nothing,
        ] {
            scenarios.push(race::checkout_race(&RaceOptions {
                arrival,
                fires,
                ..RaceOptions::default()
            }));
        }
    }
    let mut events: Vec<Event> = scenarios
        .into_iter()
        .flat_map(|scenario| {
            scenario
                .run()
                .log()
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
        .collect();
    for options in [
        Options::default(),
        Options {
            mode: Mode::Development,
            no_store: Some("summary".into()),
            marketing_uses_cookies: true,
            mistyped_list_tag: true,
            secret_on_host: false,
        },
    ] {
        let mut playground = Playground::new(&options);
        for site in Mutation::ALL {
            for tail in [
                Tail::default(),
                Tail {
                    calls: Some(Vec::new()),
                    write_after_return: true,
                    redirect_before_invalidate: true,
                },
            ] {
                let report = playground.perform(site, tail);
                events.extend(report.steps.into_iter().flat_map(|step| step.events));
            }
        }
        let report = playground.visit("ada", "/invoices");
        events.extend(report.steps.into_iter().flat_map(|step| step.events));
    }
    events
}

/// One event of each kind, optional fields both filled and empty, and text
/// that needs escaping.
fn one_of_each() -> Vec<Event> {
    let text = |s: &str| s.to_string();
    vec![
        Event::Write {
            actor: text("ada"),
            row: text("invoice:\"inv_1\""),
            value: Some(text("paid\n")),
            in_transaction: true,
        },
        Event::Write {
            actor: text("ada"),
            row: text("member:u_carol"),
            value: None,
            in_transaction: false,
        },
        Event::Queued {
            call: Call::UpdateTag,
            tag: Some(text("org:acme")),
            path: None,
            profile: None,
            source: text("ada"),
        },
        Event::Invalidate {
            call: Call::RevalidatePath,
            tag: None,
            path: Some(text("/invoices/[id]")),
            profile: None,
            source: text("edit-invoice"),
            matched: 0,
        },
        Event::Invalidate {
            call: Call::RevalidateTag,
            tag: Some(text("org:acme:plan")),
            path: None,
            profile: Some(text("{ expire: 0 }")),
            source: text("webhook"),
            matched: 2,
        },
        Event::Rollback {
            actor: text("ada"),
            rows: vec![text("a"), text("b")],
        },
        Event::Skipped {
            actor: text("ada"),
            op: text("updateTag('x')"),
        },
        Event::Respond {
            actor: text("server"),
            status: 401,
        },
        Event::Clock { now: 86_400 },
        Event::GaveUp {
            actor: text("browser"),
            polls: 10,
        },
        Event::Warning {
            source: text("job"),
            kind: WarningKind::DynamicPathWithoutType,
            message: text("tab\there"),
        },
    ]
}

#[test]
fn every_event_is_written_as_serde_json_writes_it() {
    let mut kinds = BTreeSet::new();
    for event in scenario_events().iter().chain(&one_of_each()) {
        let expected = serde_json::to_string(event).unwrap();
        assert_eq!(json::stringify(event), expected);
        let value: serde_json::Value = serde_json::from_str(&expected).unwrap();
        kinds.insert(value["event"].as_str().unwrap().to_string());
    }
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "begin",
            "clock",
            "commit",
            "error",
            "gave-up",
            "invalidate",
            "poll-stopped",
            "queued",
            "read",
            "recompute",
            "redirect",
            "render",
            "respond",
            "rollback",
            "skipped",
            "warning",
            "write",
        ],
        "an event kind no case covers"
    );
}
