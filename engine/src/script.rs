//! Scenarios as data: the app, the actors and their scripts.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::app::{App, PathKind};
use crate::profile::Expiry;
use crate::texts::Quoted;

/// Where code runs, which decides what the invalidation calls may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Context {
    /// A Server Action: every call allowed; `updateTag` gives read-your-writes.
    Action,
    /// A route handler (a webhook, the revalidation endpoint).
    RouteHandler,
    /// A background job in its own process: no request context.
    Job,
    /// A server component while it renders.
    Render,
    /// Browser code.
    Client,
}

/// A method other than `POST`, sent to the revalidation endpoint, which
/// exports only `POST`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// What a browser, a link checker or a misconfigured cron service sends.
    Get,
    /// A CORS preflight.
    Options,
}

impl Method {
    /// The method as sent.
    pub fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Options => "OPTIONS",
        }
    }

    /// Next.js answers it without running the handler: `405` to a method
    /// the route does not export, and `204` with an `Allow` header to
    /// `OPTIONS`, which it answers itself unless the route exports it.
    pub fn status(self) -> u16 {
        match self {
            Method::Get => 405,
            Method::Options => 204,
        }
    }
}

/// One step of an actor's script.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Op {
    /// Navigate the actor's browser to a URL.
    Visit {
        /// The URL path.
        path: String,
    },
    /// `router.refresh()`: re-render the current route through the cache.
    Refresh,
    /// Reload the current page with `cache-control: no-cache` (a hard
    /// reload, or DevTools' "Disable cache"): under `next dev` its reads
    /// recompute; `next start` ignores the header.
    HardReload,
    /// Wait `every` seconds and refresh, until the page shows `until` or
    /// `give_up_after` refreshes were made. Each refresh is one step.
    Poll {
        /// The value the page waits for.
        until: String,
        /// Seconds between refreshes.
        every: u64,
        /// The give-up limit.
        give_up_after: u32,
    },
    /// Open a database transaction.
    Begin,
    /// Write a row (inside the open transaction, if any).
    Write {
        /// The row.
        row: String,
        /// Its new value.
        value: String,
    },
    /// Remove a row.
    Delete {
        /// The row.
        row: String,
    },
    /// Commit the open transaction.
    Commit,
    /// Roll the open transaction back.
    Rollback,
    /// `updateTag(tag)`.
    UpdateTag {
        /// The tag.
        tag: String,
        /// Run in another context than the actor's.
        #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
        context: Option<Context>,
    },
    /// `revalidateTag(tag, profile)`; no profile is the deprecated one-argument form.
    RevalidateTag {
        /// The tag.
        tag: String,
        /// The second argument.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        profile: Option<Expiry>,
        /// Run in another context than the actor's.
        #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
        context: Option<Context>,
    },
    /// `revalidatePath(path, type?)`.
    RevalidatePath {
        /// A URL or a route pattern.
        path: String,
        /// `'page'` or `'layout'`.
        #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
        kind: Option<PathKind>,
        /// Run in another context than the actor's.
        #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
        context: Option<Context>,
    },
    /// `redirect(path)`: render the target in this response; nothing after runs.
    Redirect {
        /// Where to.
        path: String,
    },
    /// The request returns: an action's response, a handler's `200`.
    Respond,
    /// Virtual time passes.
    Wait {
        /// Seconds.
        seconds: u64,
    },
    /// POST to the app's revalidation route handler, which checks the secret
    /// and calls `revalidateTag(tag, 'max')`.
    PostRevalidate {
        /// The tag to revalidate.
        tag: String,
        /// The secret the caller sends.
        secret: String,
    },
    /// Send another method than `POST` to the revalidation endpoint.
    RequestRevalidate {
        /// The method.
        method: Method,
    },
}

impl Op {
    /// Steps that happen in the browser rather than inside a server request.
    pub fn is_client(&self) -> bool {
        matches!(
            self,
            Op::Visit { .. } | Op::Refresh | Op::HardReload | Op::Poll { .. } | Op::Wait { .. }
        )
    }

    /// The step as a line of code, for labels and the log.
    pub fn code(&self) -> String {
        match self {
            Op::Visit { path } => format!("visit {path}"),
            Op::Refresh => "router.refresh()".into(),
            Op::HardReload => "reload with cache-control: no-cache".into(),
            Op::Poll { every, .. } => format!("wait {every} s, router.refresh()"),
            Op::Begin => "begin transaction".into(),
            Op::Write { row, value } => format!("write {row} = {value}"),
            Op::Delete { row } => format!("delete {row}"),
            Op::Commit => "commit".into(),
            Op::Rollback => "rollback".into(),
            Op::UpdateTag { tag, .. } => format!("updateTag({})", Quoted(tag)),
            Op::RevalidateTag { tag, profile, .. } => match profile {
                Some(profile) => format!("revalidateTag({}, {})", Quoted(tag), profile.code()),
                None => format!("revalidateTag({})", Quoted(tag)),
            },
            Op::RevalidatePath { path, kind, .. } => match kind {
                Some(kind) => format!("revalidatePath({}, '{}')", Quoted(path), kind.name()),
                None => format!("revalidatePath({})", Quoted(path)),
            },
            Op::Redirect { path } => format!("redirect({})", Quoted(path)),
            Op::Respond => "return".into(),
            Op::Wait { seconds } => format!("wait {seconds} s"),
            Op::PostRevalidate { tag, .. } => {
                format!("POST /api/revalidate {{ tag: {} }}", Quoted(tag))
            }
            Op::RequestRevalidate { method } => format!("{} /api/revalidate", method.name()),
        }
    }
}

/// A person's browser or a server process, with its script.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Shown in the log as `actor` or `source`.
    pub name: String,
    /// Where its server steps run.
    pub context: Context,
    /// What it does, in order.
    #[serde(default)]
    pub steps: Vec<Op>,
}

impl Actor {
    /// An actor with a script.
    pub fn new(name: &str, context: Context, steps: Vec<Op>) -> Actor {
        Actor {
            name: name.into(),
            context,
            steps,
        }
    }
}

/// A scenario: an app, its actors, and an optional default schedule.
///
/// On disk it is TOML:
///
/// ```toml
/// title = "Practice 2: an identity provider pushes a new display name"
/// [app.rows]
/// "user:u_carol:name" = "Carol"
/// [[app.reads]]
/// key = "profile"
/// rows = ["user:u_carol:name"]
/// tags = ["user:u_carol"]
/// [[app.routes]]
/// pattern = "/settings"
/// reads = ["profile"]
/// [[actors]]
/// name = "idp-webhook"
/// context = "route-handler"
/// steps = [
///   { op = "write", row = "user:u_carol:name", value = "Caz" },
///   { op = "revalidate-tag", tag = "user:u_carol", profile = "max" },
/// ]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// A one-line title.
    #[serde(default)]
    pub title: String,
    /// The app; shared, because runs of one app (the playground's, one per
    /// action) differ only in their actors.
    pub app: Rc<App>,
    /// The actors.
    pub actors: Vec<Actor>,
    /// Actor names in the order their steps run; missing means each actor's
    /// whole script in turn.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedule: Vec<String>,
}

impl Scenario {
    /// `actors` on `app`, untitled, each actor's whole script in turn.
    ///
    /// ```
    /// # use cache_engine::prelude::*;
    /// let app = invoicing::app(&invoicing::Options::default());
    /// let visit = Op::Visit { path: "/invoices".into() };
    /// let reader = Actor::new("visitor", Context::Client, vec![visit]);
    /// let run = Scenario::new(app, vec![reader]).run();
    /// assert_eq!(
    ///     run.page("visitor").unwrap().value("invoice-list"),
    ///     Some("€100 unpaid · €250 paid")
    /// );
    /// ```
    pub fn new(app: impl Into<Rc<App>>, actors: Vec<Actor>) -> Scenario {
        Scenario {
            title: String::new(),
            app: app.into(),
            actors,
            schedule: Vec::new(),
        }
    }

    /// The app, to change before a run; a copy if another scenario shares it.
    pub fn app_mut(&mut self) -> &mut App {
        Rc::make_mut(&mut self.app)
    }

    /// The index of the actor with this name.
    pub fn actor(&self, name: &str) -> Option<usize> {
        self.actors.iter().position(|actor| actor.name == name)
    }

    /// The default schedule as actor indices.
    pub fn default_schedule(&self) -> Vec<usize> {
        if self.schedule.is_empty() {
            return (0..self.actors.len())
                .flat_map(|i| vec![i; self.actors[i].steps.len()])
                .collect();
        }
        self.schedule
            .iter()
            .filter_map(|name| self.actor(name))
            .collect()
    }
}
