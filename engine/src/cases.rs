//! The course's worked cases, practice cases and ordering bugs, as scenarios
//! on the invoicing app.

use crate::app::PathKind;
use crate::invoicing::{self, ORG, Options, SECRET};
use crate::profile::Expiry;
use crate::script::{Actor, Context, Op, Scenario};
use crate::tags::{invoice_tags, org_tags, user_tags};

fn visit(path: &str) -> Op {
    Op::Visit { path: path.into() }
}
fn write(row: &str, value: &str) -> Op {
    Op::Write {
        row: row.into(),
        value: value.into(),
    }
}
fn update(tag: String) -> Op {
    Op::UpdateTag { tag, context: None }
}
fn revalidate(tag: String) -> Op {
    Op::RevalidateTag {
        tag,
        profile: Some(Expiry::MAX),
        context: None,
    }
}
fn redirect(path: &str) -> Op {
    Op::Redirect { path: path.into() }
}

fn scenario(title: &str, options: &Options, actors: Vec<Actor>, schedule: &[&str]) -> Scenario {
    Scenario {
        title: title.into(),
        app: invoicing::app(options).into(),
        actors,
        schedule: schedule.iter().map(|name| name.to_string()).collect(),
    }
}

/// Worked case 1: Ada edits an invoice amount; both reads get `updateTag`
/// after the write, the action redirects her to the invoice, then she opens
/// the list.
///
/// ```
/// # use cache_engine::prelude::*;
/// let run = cases::edit_invoice(true).run();
/// assert_eq!(run.page("ada").unwrap().value("invoice-list"), Some("€120 unpaid · €250 paid"));
/// // Firing only the tag of the page she lands on leaves the list stale.
/// let run = cases::edit_invoice(false).run();
/// assert_eq!(run.page("ada").unwrap().value("invoice-list"), Some("€100 unpaid · €250 paid"));
/// ```
pub fn edit_invoice(fan_out: bool) -> Scenario {
    let mut steps = vec![
        visit("/invoices/inv_1"),
        write("invoice:inv_1", "€120 unpaid"),
    ];
    if fan_out {
        steps.push(update(invoice_tags::list(ORG)));
    }
    steps.extend([
        update(invoice_tags::record(ORG, "inv_1")),
        redirect("/invoices/inv_1"),
        visit("/invoices"),
    ]);
    let title = if fan_out {
        "Worked case 1: a user edits an invoice amount"
    } else {
        "Worked case 1, fan-out missed: only the tag of the page she lands on fires"
    };
    scenario(
        title,
        &Options::default(),
        vec![Actor::new("ada", Context::Action, steps)],
        &[],
    )
}

/// Worked case 2: Ada demotes Carol; `updateTag` both the org and Carol's tag.
pub fn demote_member() -> Scenario {
    let admin = Actor::new(
        "ada",
        Context::Action,
        vec![
            visit("/members"),
            write("org:acme:member:u_carol", "Carol (member)"),
            update(org_tags::all(ORG)),
            update(user_tags::all("u_carol")),
            Op::Respond,
        ],
    );
    let carol = Actor::new("carol", Context::Client, vec![visit("/users/u_carol")]);
    scenario(
        "Worked case 2: an admin demotes a member",
        &Options::default(),
        vec![admin, carol],
        &[],
    )
}

/// Worked case 3: Stripe's webhook marks an invoice paid; the customer's
/// first visit is served stale once. With `invalidate: false` the webhook
/// forgets, and the invoice says unpaid for good.
pub fn stripe_webhook(invalidate: bool) -> Scenario {
    let mut steps = vec![write("invoice:inv_1", "€100 paid")];
    if invalidate {
        steps.push(revalidate(invoice_tags::record(ORG, "inv_1")));
        steps.push(revalidate(invoice_tags::list(ORG)));
    }
    steps.push(Op::Respond);
    let webhook = Actor::new("stripe-webhook", Context::RouteHandler, steps);
    let carol = Actor::new(
        "carol",
        Context::Client,
        vec![visit("/invoices/inv_1"), visit("/invoices/inv_1")],
    );
    let title = if invalidate {
        "Worked case 3: a Stripe webhook marks an invoice paid"
    } else {
        "Worked case 3, invalidation forgotten"
    };
    scenario(title, &Options::default(), vec![webhook, carol], &[])
}

/// How the nightly job of worked case 4 asks for invalidation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobCall {
    /// `revalidateTag` from the job's own process: throws the invariant error.
    Direct,
    /// POST to the app's revalidation route handler with the secret.
    Endpoint,
    /// POST, but `REVALIDATION_SECRET` is not set on the host: 401.
    EndpointWithoutSecretOnHost,
}

/// Worked case 4: the nightly job rebuilds the summary at 3 a.m.; the first
/// visitor in the morning sees yesterday's summary once.
pub fn nightly_job(call: JobCall) -> Scenario {
    let tag = org_tags::all(ORG);
    let invalidation = match call {
        JobCall::Direct => revalidate(tag),
        JobCall::Endpoint | JobCall::EndpointWithoutSecretOnHost => Op::PostRevalidate {
            tag,
            secret: SECRET.into(),
        },
    };
    let job = Actor::new(
        "nightly-job",
        Context::Job,
        vec![
            write("org:acme:summary", "2 invoices, €350, 1 overdue"),
            invalidation,
        ],
    );
    let ada = Actor::new(
        "ada",
        Context::Client,
        vec![
            Op::Wait { seconds: 18_000 },
            visit("/dashboard"),
            visit("/dashboard"),
        ],
    );
    let options = Options {
        secret_on_host: call != JobCall::EndpointWithoutSecretOnHost,
        ..Options::default()
    };
    let title = match call {
        JobCall::Direct => "Worked case 4, calling revalidateTag from the job's own process",
        JobCall::Endpoint => "Worked case 4: a nightly job rebuilds the summary",
        JobCall::EndpointWithoutSecretOnHost => "Worked case 4, secret missing on the host",
    };
    scenario(title, &options, vec![job, ada], &[])
}

/// Practice 1: Carol renames herself in a settings form (Server Action).
pub fn practice_display_name_action() -> Scenario {
    let carol = Actor::new(
        "carol",
        Context::Action,
        vec![
            visit("/users/u_carol"),
            write("user:u_carol:name", "Caz"),
            update(user_tags::all("u_carol")),
            Op::Respond,
        ],
    );
    scenario(
        "Practice 1: a display name edited in a settings form",
        &Options::default(),
        vec![carol],
        &[],
    )
}

/// Practice 2: an identity provider pushes the same change to a webhook.
pub fn practice_display_name_webhook() -> Scenario {
    let idp = Actor::new(
        "idp-webhook",
        Context::RouteHandler,
        vec![
            write("user:u_carol:name", "Caz"),
            revalidate(user_tags::all("u_carol")),
            Op::Respond,
        ],
    );
    let carol = Actor::new(
        "carol",
        Context::Client,
        vec![visit("/users/u_carol"), visit("/users/u_carol")],
    );
    scenario(
        "Practice 2: an identity provider pushes a display name",
        &Options::default(),
        vec![idp, carol],
        &[],
    )
}

/// Practice 3: a maps widget's `onSave` in plain client code; the page is
/// dynamic with no cached read, so `router.refresh()` is all it needs.
pub fn practice_maps_widget() -> Scenario {
    let browser = Actor::new("ada", Context::Client, vec![visit("/map"), Op::Refresh]);
    let service = Actor::new(
        "maps-service",
        Context::RouteHandler,
        vec![write("maps:pin", "48.85,2.35")],
    );
    scenario(
        "Practice 3: a maps widget saves a pin",
        &Options::default(),
        vec![browser, service],
        &["ada", "maps-service", "ada"],
    )
}

/// Practice 4: the footer row changes; every `(marketing)` page shows it.
pub fn practice_footer() -> Scenario {
    let ada = Actor::new(
        "ada",
        Context::Action,
        vec![
            write("site:footer", "© Acme Invoicing · new address"),
            Op::RevalidatePath {
                path: "/(marketing)".into(),
                kind: Some(PathKind::Layout),
                context: None,
            },
            Op::Respond,
        ],
    );
    let visitor = Actor::new(
        "visitor",
        Context::Client,
        vec![visit("/pricing"), visit("/about")],
    );
    scenario(
        "Practice 4: a site-wide footer changes",
        &Options::default(),
        vec![ada, visitor],
        &[],
    )
}

/// One step of the ordering exercise's action tail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TailStep {
    /// Begin a transaction and update the invoice and its line items.
    Update,
    /// The transaction commits.
    Commit,
    /// The transaction rolls back instead.
    Rollback,
    /// `updateTag(invoiceTags.list(orgId))`.
    UpdateListTag,
    /// `updateTag(invoiceTags.record(orgId, id))`.
    UpdateRecordTag,
    /// `redirect()` to the detail page.
    Redirect,
    /// Hand the update to a queue (or `after()`, or a promise nobody
    /// awaits): a worker writes the rows after the action has returned.
    HandOff,
}

/// The answer key's order.
pub const ORDERING_CORRECT: [TailStep; 5] = [
    TailStep::Update,
    TailStep::Commit,
    TailStep::UpdateListTag,
    TailStep::UpdateRecordTag,
    TailStep::Redirect,
];
/// The answer key with steps 3 and 4 swapped, which is just as correct.
pub const ORDERING_CORRECT_SWAPPED: [TailStep; 5] = [
    TailStep::Update,
    TailStep::Commit,
    TailStep::UpdateRecordTag,
    TailStep::UpdateListTag,
    TailStep::Redirect,
];
/// `updateTag` before the commit, inside the transaction: Next.js 16 applies
/// the calls when the action returns, after the commit, so this is as safe
/// as the answer key's order.
pub const INVALIDATE_INSIDE_TRANSACTION: [TailStep; 5] = [
    TailStep::Update,
    TailStep::UpdateListTag,
    TailStep::UpdateRecordTag,
    TailStep::Commit,
    TailStep::Redirect,
];
/// The trap: the update is handed to a queue, so the rows change after the
/// action returned and after its invalidations were applied.
pub const ORDERING_TRAP: [TailStep; 4] = [
    TailStep::HandOff,
    TailStep::UpdateListTag,
    TailStep::UpdateRecordTag,
    TailStep::Redirect,
];
/// The other bug: redirect before invalidating, so the calls never run.
pub const REDIRECT_FIRST: [TailStep; 5] = [
    TailStep::Update,
    TailStep::Commit,
    TailStep::Redirect,
    TailStep::UpdateListTag,
    TailStep::UpdateRecordTag,
];

/// The ordering exercise: Ada's action runs `order`, while a visitor reads
/// the detail and the list pages at any moment. Explore it to see whether
/// any interleaving leaves a read stale for good.
///
/// ```
/// # use cache_engine::prelude::*;
/// assert!(!explore(&cases::ordering_exercise(&cases::ORDERING_CORRECT)).any_stale_for_good());
/// assert!(!explore(&cases::ordering_exercise(&cases::ORDERING_CORRECT_SWAPPED)).any_stale_for_good());
/// assert!(!explore(&cases::ordering_exercise(&cases::INVALIDATE_INSIDE_TRANSACTION)).any_stale_for_good());
/// assert!(explore(&cases::ordering_exercise(&cases::ORDERING_TRAP)).any_stale_for_good());
/// ```
pub fn ordering_exercise(order: &[TailStep]) -> Scenario {
    let mut steps = Vec::new();
    let mut worker = None;
    for step in order {
        match step {
            TailStep::HandOff => {
                worker = Some(Actor::new(
                    "worker",
                    Context::Job,
                    vec![
                        write("invoice:inv_1", "€120 unpaid"),
                        write("invoice:inv_1:lines", "1 × design, 1 × review"),
                    ],
                ))
            }
            TailStep::Update => steps.extend([
                Op::Begin,
                write("invoice:inv_1", "€120 unpaid"),
                write("invoice:inv_1:lines", "1 × design, 1 × review"),
            ]),
            TailStep::Commit => steps.push(Op::Commit),
            TailStep::Rollback => steps.push(Op::Rollback),
            TailStep::UpdateListTag => steps.push(update(invoice_tags::list(ORG))),
            TailStep::UpdateRecordTag => steps.push(update(invoice_tags::record(ORG, "inv_1"))),
            TailStep::Redirect => steps.push(redirect("/invoices/inv_1")),
        }
    }
    let ada = Actor::new("ada", Context::Action, steps);
    let visitor = Actor::new(
        "visitor",
        Context::Client,
        vec![visit("/invoices/inv_1"), visit("/invoices")],
    );
    let actors = [ada, visitor].into_iter().chain(worker).collect();
    scenario(
        "Ordering exercise: an action edits an invoice and its line items",
        &Options::default(),
        actors,
        &[],
    )
}

/// Invalidating inside the transaction, with a read in between: the read
/// still gets the old value from the cache, because the calls are only
/// queued; they are applied when the action returns, after the commit, so
/// the next read is fresh.
///
/// ```
/// # use cache_engine::prelude::*;
/// let run = cases::invalidate_before_commit().run();
/// assert!(run.state().world.stale_for_good(&run.scenario().app).is_empty());
/// ```
pub fn invalidate_before_commit() -> Scenario {
    let order = [
        TailStep::Update,
        TailStep::UpdateListTag,
        TailStep::UpdateRecordTag,
        TailStep::Commit,
    ];
    let mut scenario = ordering_exercise(&order);
    scenario.title = "Invalidating inside the transaction, with a read in between".into();
    scenario.actors[1].steps.truncate(1);
    scenario.actors[1].steps.push(visit("/invoices/inv_1"));
    scenario.schedule = [
        "ada", "ada", "ada", "ada", "ada", "visitor", "ada", "visitor",
    ]
    .map(String::from)
    .to_vec();
    scenario
}

/// Ordering bug 1: the write commits after the action has returned (handed
/// to a queue). The invalidations were applied as the action returned, a
/// read in between re-caches the old rows, and nothing expires them again.
///
/// ```
/// # use cache_engine::prelude::*;
/// let run = cases::write_after_return().run();
/// assert_eq!(run.state().world.stale_for_good(&run.scenario().app), ["invoice-detail:inv_1"]);
/// ```
pub fn write_after_return() -> Scenario {
    let order = [
        TailStep::HandOff,
        TailStep::UpdateListTag,
        TailStep::UpdateRecordTag,
    ];
    let mut scenario = ordering_exercise(&order);
    scenario.title = "Ordering bug: the write commits after the action returned".into();
    scenario.actors[0].steps.push(Op::Respond);
    scenario.actors[1].steps.truncate(1);
    scenario.schedule = ["ada", "ada", "ada", "visitor", "worker", "worker"]
        .map(String::from)
        .to_vec();
    scenario
}

/// Ordering bug 2: `redirect()` before the invalidation calls.
pub fn redirect_before_invalidate() -> Scenario {
    let mut scenario = ordering_exercise(&REDIRECT_FIRST);
    scenario.title = "Ordering bug: redirecting before invalidating".into();
    scenario.actors.truncate(1);
    scenario
}
