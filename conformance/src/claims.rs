//! Claims the chapters make that no worked case shows on its own: a
//! rollback still applies the queued tags, a tagged `fetch` is cached only
//! with `revalidate`, and the organisation's tag reaches every invoice.

use cache_engine::app::CacheMode;
use cache_engine::race::{self, RaceOptions};
use cache_engine::script::{Actor, Context, Op, Scenario};
use cache_engine::tags::{invoice_tags, org_tags};

use crate::cases::{Case, case};

fn visit(path: &str) -> Op {
    Op::Visit { path: path.into() }
}

fn update(tag: String) -> Op {
    Op::UpdateTag { tag, context: None }
}

/// The practice cases' app, with `actors` run in order.
fn invoicing(title: &str, actors: Vec<Actor>) -> Scenario {
    let mut scenario = cache_engine::cases::practice_display_name_action();
    scenario.title = title.into();
    scenario.actors = actors;
    scenario.schedule = Vec::new();
    scenario
}

pub fn all() -> Vec<Case> {
    let invoice = "/invoices/inv_1";
    let rollback = invoicing(
        "a rolled-back transaction still applies the queued tags",
        vec![
            Actor::new(
                "ada",
                Context::Action,
                vec![
                    Op::Begin,
                    Op::Write {
                        row: "invoice:inv_1".into(),
                        value: "€120 unpaid".into(),
                    },
                    update(invoice_tags::record("acme", "inv_1")),
                    Op::Rollback,
                    Op::Respond,
                ],
            ),
            Actor::new("visitor", Context::Client, vec![visit(invoice)]),
        ],
    );
    let org_tag = invoicing(
        "the organisation's tag reaches an invoice's entry too",
        vec![
            Actor::new(
                "ada",
                Context::Action,
                vec![
                    Op::Write {
                        row: "invoice:inv_1".into(),
                        value: "€120 unpaid".into(),
                    },
                    update(org_tags::all("acme")),
                    Op::Respond,
                ],
            ),
            Actor::new("visitor", Context::Client, vec![visit(invoice)]),
        ],
    );
    let mut cases = vec![
        case("rollback_applies_queued_tags".into(), rollback),
        case("org_tag_reaches_invoices".into(), org_tag),
    ];
    for (name, revalidate) in [("with_revalidate", Some(3600)), ("tags_only", None)] {
        let mut scenario = race::checkout_race(&RaceOptions::default());
        scenario.title = format!(
            "the entitlement as a tagged fetch, {}",
            name.replace('_', " ")
        );
        if let Some(read) = scenario
            .app_mut()
            .reads
            .iter_mut()
            .find(|r| r.key == "entitlement")
        {
            read.cache = CacheMode::Fetch { revalidate };
        }
        scenario.actors = vec![Actor::new(
            "reader",
            Context::Client,
            vec![visit("/checkout/success"), visit("/checkout/success")],
        )];
        scenario.schedule = Vec::new();
        cases.push(case(format!("fetch_{name}"), scenario));
    }
    cases
}
