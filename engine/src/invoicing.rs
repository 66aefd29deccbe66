//! The course's invoicing app in miniature, and the playground that drives it.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::app::{App, CacheMode, Mode, PathKind, Read, Route};
use crate::event::Event;
use crate::profile::Expiry;
use crate::script::{Actor, Context, Op, Scenario};
use crate::snapshot::Snapshot;
use crate::state::State;
use crate::stepper::{Step, Stepper};
use crate::tags::{invoice_tags, org_tags, user_tags};

/// The organisation.
pub const ORG: &str = "acme";
/// The revalidation endpoint's secret, as the job sends it.
pub const SECRET: &str = "s3cret";

/// What the reader can toggle about the app itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// `next dev` or `next start`.
    pub mode: Mode,
    /// A read fetched with `cache: 'no-store'` (a read key such as `"summary"`).
    pub no_store: Option<String>,
    /// The `(marketing)` pages call `cookies()` (under `<Suspense>`), so
    /// their request-time part renders per request.
    pub marketing_uses_cookies: bool,
    /// The invoice list read carries a hand-typed `org:acme:invoice` tag
    /// instead of `invoiceTags.list(orgId)`.
    pub mistyped_list_tag: bool,
    /// `REVALIDATION_SECRET` is set on the host.
    pub secret_on_host: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mode: Mode::Production,
            no_store: None,
            marketing_uses_cookies: false,
            mistyped_list_tag: false,
            secret_on_host: true,
        }
    }
}

/// The app: invoices, members, entitlement, summary, user pages, the
/// `(marketing)` pages with their footer, and a map page.
pub fn app(options: &Options) -> App {
    let rows = [
        ("invoice:inv_1", "€100 unpaid"),
        ("invoice:inv_1:lines", "1 × design"),
        ("invoice:inv_2", "€250 paid"),
        ("invoice:inv_2:lines", "2 × hosting"),
        ("org:acme:member:u_ada", "Ada (admin)"),
        ("org:acme:member:u_carol", "Carol (admin)"),
        ("org:acme:plan", "Pro"),
        ("org:acme:summary", "2 invoices, €350"),
        ("user:u_ada:name", "Ada"),
        ("user:u_carol:name", "Carol"),
        ("site:footer", "© Acme Invoicing"),
        ("site:pricing", "Pro €20/month"),
        ("maps:pin", "52.52,13.40"),
    ];
    let list_tag = if options.mistyped_list_tag {
        "org:acme:invoice".to_string()
    } else {
        invoice_tags::list(ORG)
    };
    let org = org_tags::all(ORG);
    let mut reads = vec![
        Read::new(
            "invoice-list",
            &["invoice:inv_1", "invoice:inv_2"],
            &[list_tag],
        ),
        Read::new(
            "members",
            &["org:acme:member:u_ada", "org:acme:member:u_carol"],
            std::slice::from_ref(&org),
        ),
        Read::new(
            "entitlement",
            &["org:acme:plan"],
            std::slice::from_ref(&org),
        ),
        Read::new("summary", &["org:acme:summary"], std::slice::from_ref(&org)),
        // The CMS reads behind the `(marketing)` pages: `'use cache'` with no
        // entity tag, so only their path reaches them.
        Read::new("footer", &["site:footer"], &[]),
        Read::new("pricing", &["site:pricing"], &[]),
        Read::new("map-pin", &["maps:pin"], &[]).cached(CacheMode::NoStore),
    ];
    for id in ["inv_1", "inv_2"] {
        let (row, lines) = (format!("invoice:{id}"), format!("invoice:{id}:lines"));
        // `getInvoice` is generous: its record tag and the org's tag.
        reads.push(Read::new(
            &format!("invoice-detail:{id}"),
            &[&row, &lines],
            &[invoice_tags::record(ORG, id), org.clone()],
        ));
    }
    for user in ["u_ada", "u_carol"] {
        let tag = [user_tags::all(user)];
        reads.push(Read::new(
            &format!("my-orgs:{user}"),
            &[&format!("org:acme:member:{user}")],
            &tag,
        ));
        reads.push(Read::new(
            &format!("profile:{user}"),
            &[&format!("user:{user}:name")],
            &tag,
        ));
    }
    if let Some(read) = reads
        .iter_mut()
        .find(|read| Some(&read.key) == options.no_store.as_ref())
    {
        read.cache = CacheMode::NoStore;
    }
    let route = |pattern: &str, reads: &[&str], dynamic: bool| Route {
        pattern: pattern.into(),
        reads: reads.iter().map(|read| read.to_string()).collect(),
        dynamic,
    };
    let marketing_dynamic = options.marketing_uses_cookies;
    App {
        mode: options.mode,
        rows: rows
            .iter()
            .map(|(row, value)| (row.to_string(), value.to_string()))
            .collect(),
        reads,
        routes: vec![
            route("/invoices", &["invoice-list"], true),
            route("/invoices/[id]", &["invoice-detail:[id]"], true),
            route("/members", &["members"], true),
            route("/dashboard", &["summary", "entitlement"], true),
            route("/users/[id]", &["profile:[id]", "my-orgs:[id]"], true),
            route("/checkout/success", &["entitlement"], true),
            route("/map", &["map-pin"], true),
            route(
                "/(marketing)/pricing",
                &["pricing", "footer"],
                marketing_dynamic,
            ),
            route("/(marketing)/about", &["footer"], marketing_dynamic),
        ],
        warm: [
            "/invoices",
            "/invoices/inv_1",
            "/invoices/inv_2",
            "/members",
            "/dashboard",
            "/users/u_ada",
            "/users/u_carol",
            "/pricing",
            "/about",
        ]
        .map(String::from)
        .to_vec(),
        revalidation_secret: options.secret_on_host.then(|| SECRET.to_string()),
    }
}

/// The people and processes of the app, in a fixed order.
pub const ROSTER: [(&str, Context); 7] = [
    ("ada", Context::Action),
    ("carol", Context::Client),
    ("visitor", Context::Client),
    ("stripe-webhook", Context::RouteHandler),
    ("nightly-job", Context::Job),
    ("maps-service", Context::RouteHandler),
    // A queue worker: what a mutation hands off runs here, after the request.
    ("worker", Context::Job),
];

/// A mutation site of the app.
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum Mutation {
    /// Ada edits invoice `inv_1` and its line items (Server Action).
    EditInvoice,
    /// Ada demotes Carol from admin to member (Server Action).
    DemoteMember,
    /// Ada removes Carol from the org (Server Action).
    RemoveMember,
    /// Stripe reports `inv_1` paid (route handler).
    StripeWebhook,
    /// The nightly job rebuilds the summary and asks the revalidation endpoint.
    NightlyJob,
    /// The nightly job calls `revalidateTag` itself, from its own process.
    NightlyJobDirect,
    /// Ada changes the site footer (Server Action).
    FooterChange,
    /// A third-party maps widget saves a moved pin (plain client code).
    MapsWidgetSave,
}

impl Mutation {
    /// Every mutation site.
    pub const ALL: [Mutation; 8] = [
        Mutation::EditInvoice,
        Mutation::DemoteMember,
        Mutation::RemoveMember,
        Mutation::StripeWebhook,
        Mutation::NightlyJob,
        Mutation::NightlyJobDirect,
        Mutation::FooterChange,
        Mutation::MapsWidgetSave,
    ];

    /// Who runs it.
    pub fn actor(self) -> &'static str {
        match self {
            Mutation::EditInvoice
            | Mutation::DemoteMember
            | Mutation::RemoveMember
            | Mutation::FooterChange => "ada",
            Mutation::StripeWebhook => "stripe-webhook",
            Mutation::NightlyJob | Mutation::NightlyJobDirect => "nightly-job",
            Mutation::MapsWidgetSave => "maps-service",
        }
    }

    /// The page the acting person is on when it starts, if a person acts.
    pub fn page(self) -> Option<&'static str> {
        match self {
            Mutation::EditInvoice => Some("/invoices/inv_1"),
            Mutation::DemoteMember | Mutation::RemoveMember => Some("/members"),
            Mutation::FooterChange => Some("/about"),
            _ => None,
        }
    }

    /// The rows it writes (`None`: removed).
    pub fn writes(self) -> Vec<(&'static str, Option<&'static str>)> {
        match self {
            Mutation::EditInvoice => vec![
                ("invoice:inv_1", Some("€120 unpaid")),
                ("invoice:inv_1:lines", Some("1 × design, 1 × review")),
            ],
            Mutation::DemoteMember => vec![("org:acme:member:u_carol", Some("Carol (member)"))],
            Mutation::RemoveMember => vec![("org:acme:member:u_carol", None)],
            Mutation::StripeWebhook => vec![("invoice:inv_1", Some("€100 paid"))],
            Mutation::NightlyJob | Mutation::NightlyJobDirect => {
                vec![("org:acme:summary", Some("2 invoices, €350, 1 overdue"))]
            }
            Mutation::FooterChange => vec![("site:footer", Some("© Acme Invoicing · new address"))],
            Mutation::MapsWidgetSave => vec![("maps:pin", Some("48.85,2.35"))],
        }
    }

    /// The rows it changes, for [`App::must_fire`].
    pub fn changed_rows(self) -> Vec<String> {
        self.writes()
            .into_iter()
            .map(|(row, _)| row.to_string())
            .collect()
    }

    /// The course's recommended invalidation tail for this site.
    pub fn recommended(self) -> Vec<Op> {
        let update = |tag: String| Op::UpdateTag { tag, context: None };
        let revalidate = |tag: String| Op::RevalidateTag {
            tag,
            profile: Some(Expiry::MAX),
            context: None,
        };
        match self {
            Mutation::EditInvoice => vec![
                update(invoice_tags::list(ORG)),
                update(invoice_tags::record(ORG, "inv_1")),
            ],
            Mutation::DemoteMember | Mutation::RemoveMember => {
                vec![
                    update(org_tags::all(ORG)),
                    update(user_tags::all("u_carol")),
                ]
            }
            Mutation::StripeWebhook => vec![
                revalidate(invoice_tags::record(ORG, "inv_1")),
                revalidate(invoice_tags::list(ORG)),
            ],
            Mutation::NightlyJob => vec![Op::PostRevalidate {
                tag: org_tags::all(ORG),
                secret: SECRET.into(),
            }],
            Mutation::NightlyJobDirect => vec![revalidate(org_tags::all(ORG))],
            Mutation::FooterChange => vec![Op::RevalidatePath {
                path: "/(marketing)".into(),
                kind: Some(PathKind::Layout),
                context: None,
            }],
            Mutation::MapsWidgetSave => Vec::new(),
        }
    }
}

/// How a mutation is carried out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tail {
    /// The invalidation calls; `None` is the course's recommended tail.
    pub calls: Option<Vec<Op>>,
    /// Hand the writes to a queue: the action makes its calls and returns,
    /// a visitor reads the affected page, and then a worker writes the rows.
    pub write_after_return: bool,
    /// `redirect()` before the invalidation calls.
    pub redirect_before_invalidate: bool,
}

/// What one playground action did: its steps, and the lines a UI lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The steps, each with caption, events and snapshot.
    pub steps: Vec<Step>,
}

impl Report {
    fn events(&self) -> impl Iterator<Item = &Event> {
        self.steps.iter().flat_map(|step| &step.events)
    }
    /// Every read: hit, stale served, miss, expired or uncached.
    pub fn reads(&self) -> Vec<&Event> {
        self.events()
            .filter(|e| matches!(e, Event::Read { .. }))
            .collect()
    }
    /// The invalidate log lines, with their match counts.
    pub fn invalidations(&self) -> Vec<&Event> {
        self.events()
            .filter(|e| matches!(e, Event::Invalidate { .. }))
            .collect()
    }
    /// Warning texts.
    pub fn warnings(&self) -> Vec<&str> {
        self.events()
            .filter_map(|e| match e {
                Event::Warning { message, .. } => Some(message.as_str()),
                _ => None,
            })
            .collect()
    }
    /// Error texts.
    pub fn errors(&self) -> Vec<&str> {
        self.events()
            .filter_map(|e| match e {
                Event::Error { message, .. } => Some(message.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// The cache playground: perform mutations and visits on the invoicing app,
/// with undo and redo.
///
/// ```
/// # use cache_engine::prelude::*;
/// let mut playground = Playground::new(&invoicing::Options::default());
/// let report = playground.perform(Mutation::StripeWebhook, invoicing::Tail::default());
/// assert!(report.errors().is_empty());
/// // The customer's first visit is served the stale "unpaid" once...
/// let first = playground.visit("carol", "/invoices/inv_1");
/// assert_eq!(first.steps[0].snapshot.pages["carol"].value("invoice-detail:inv_1"), Some("€100 unpaid · 1 × design"));
/// // ...and the next one sees the payment.
/// let second = playground.visit("carol", "/invoices/inv_1");
/// assert_eq!(second.steps[0].snapshot.pages["carol"].value("invoice-detail:inv_1"), Some("€100 paid · 1 × design"));
/// playground.undo();
/// playground.undo();
/// assert_eq!(playground.snapshot().rows["invoice:inv_1"], "€100 paid");
/// ```
#[derive(Clone, Debug)]
pub struct Playground {
    app: Rc<App>,
    /// Shared with the copies a UI keeps for its own undo.
    history: Vec<Rc<State>>,
    at: usize,
}

impl Playground {
    /// The app with every page rendered once, so the cache is warm.
    pub fn new(options: &Options) -> Playground {
        let scenario = scenario(app(options).into(), Vec::new());
        let state = State::new(&scenario, &mut Vec::new());
        Playground {
            app: scenario.app,
            history: vec![Rc::new(state)],
            at: 0,
        }
    }

    /// Someone opens a page.
    pub fn visit(&mut self, who: &str, path: &str) -> Report {
        self.run(vec![(who, Op::Visit { path: path.into() })])
    }

    /// Carry out a mutation with the given tail.
    pub fn perform(&mut self, mutation: Mutation, tail: Tail) -> Report {
        self.run(fire(mutation, tail))
    }

    fn run(&mut self, ops: Vec<(&str, Op)>) -> Report {
        let (scenario, schedule) = script(self.app.clone(), ops);
        let mut stepper = Stepper::resume(scenario, State::clone(&self.history[self.at]));
        for actor in schedule {
            stepper.step(actor);
        }
        let stepper = stepper.finish();
        self.history.truncate(self.at + 1);
        self.history.push(Rc::new(stepper.state().clone()));
        self.at += 1;
        Report {
            steps: stepper.into_steps(),
        }
    }

    /// Undo the last action; `false` at the start.
    pub fn undo(&mut self) -> bool {
        let moved = self.at > 0;
        self.at = self.at.saturating_sub(1);
        moved
    }

    /// Redo an undone action; `false` when there is none.
    pub fn redo(&mut self) -> bool {
        let moved = self.at + 1 < self.history.len();
        if moved {
            self.at += 1;
        }
        moved
    }

    /// The state now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot::of(
            &scenario(self.app.clone(), Vec::new()),
            &self.history[self.at],
        )
    }

    /// The app being played with.
    pub fn app(&self) -> &App {
        &self.app
    }
}

/// The steps of a mutation carried out with `tail`, as (actor, step) in
/// the order they run: what the playground fires.
fn fire(mutation: Mutation, tail: Tail) -> Vec<(&'static str, Op)> {
    let who = mutation.actor();
    let mut ops: Vec<(&str, Op)> = Vec::new();
    if let Some(page) = mutation.page() {
        ops.push((who, Op::Visit { path: page.into() }));
    }
    let calls = tail.calls.unwrap_or_else(|| mutation.recommended());
    let calls: Vec<(&str, Op)> = calls.into_iter().map(|op| (who, op)).collect();
    let redirect = mutation
        .page()
        .map(|page| (who, Op::Redirect { path: page.into() }));
    let concurrent = mutation
        .page()
        .or(match mutation {
            Mutation::StripeWebhook => Some("/invoices/inv_1"),
            Mutation::NightlyJob | Mutation::NightlyJobDirect => Some("/dashboard"),
            _ => None,
        })
        .map(|page| ("visitor", Op::Visit { path: page.into() }));
    let writes: Vec<Op> = mutation
        .writes()
        .into_iter()
        .map(|(row, value)| match value {
            Some(value) => Op::Write {
                row: row.into(),
                value: value.into(),
            },
            None => Op::Delete { row: row.into() },
        })
        .collect();
    if tail.write_after_return {
        // The calls are applied as the action ends; the rows change later.
        ops.extend(calls);
        ops.extend(redirect);
        ops.push((who, Op::Respond));
        ops.extend(concurrent);
        ops.extend(writes.into_iter().map(|op| ("worker", op)));
        return ops;
    }
    ops.push((who, Op::Begin));
    ops.extend(writes.into_iter().map(|op| (who, op)));
    ops.push((who, Op::Commit));
    if tail.redirect_before_invalidate {
        ops.extend(redirect);
        ops.extend(calls);
    } else {
        ops.extend(calls);
        ops.extend(redirect);
    }
    if mutation == Mutation::MapsWidgetSave {
        ops.push((
            "visitor",
            Op::Visit {
                path: "/map".into(),
            },
        ));
    }
    ops.push((who, Op::Respond));
    if mutation == Mutation::MapsWidgetSave {
        ops.push(("visitor", Op::Refresh));
    }
    ops
}

/// A mutation fired on a fresh, warm app, as a scenario of its own: what the
/// playground runs when a reader first presses Fire on a preset.
pub fn fired(options: &Options, mutation: Mutation, tail: Tail) -> Scenario {
    let (mut scenario, schedule) = script(app(options).into(), fire(mutation, tail));
    scenario.title = format!("The playground: {mutation:?} fired");
    scenario.schedule = schedule
        .into_iter()
        .map(|actor| ROSTER[actor].0.to_string())
        .collect();
    scenario
}

fn script(app: Rc<App>, ops: Vec<(&str, Op)>) -> (Scenario, Vec<usize>) {
    let mut scripts: Vec<Vec<Op>> = ROSTER.iter().map(|_| Vec::new()).collect();
    let mut schedule = Vec::new();
    for (who, op) in ops {
        let actor = ROSTER
            .iter()
            .position(|(name, _)| *name == who)
            .unwrap_or(0);
        scripts[actor].push(op);
        schedule.push(actor);
    }
    (scenario(app, scripts), schedule)
}

fn scenario(app: Rc<App>, mut scripts: Vec<Vec<Op>>) -> Scenario {
    scripts.resize_with(ROSTER.len(), Vec::new);
    Scenario {
        title: "The invoicing app".into(),
        app,
        actors: ROSTER
            .iter()
            .zip(scripts)
            .map(|((name, context), steps)| Actor::new(name, *context, steps))
            .collect(),
        schedule: Vec::new(),
    }
}
