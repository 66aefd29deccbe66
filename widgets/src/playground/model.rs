//! The playground's state: the preset toggles and the actions performed,
//! replayed through the engine's `Playground`. No Yew.

use std::rc::Rc;

use cache_engine::app::PathKind;
use cache_engine::caption::plural;
use cache_engine::invoicing::{ORG, Options, Report, Tail};
use cache_engine::prelude::*;
use course_schema::PlaygroundExercise;

use crate::json::{
    Error, Fields, FromJson, Object, ToJson, Value, Writer, json_saved, named, unknown, variant,
};

/// The toggles: the app's (which restart the playground) and the tail's.
#[derive(Clone, PartialEq, Debug)]
pub struct Toggles {
    pub development: bool,
    pub no_store: Option<String>,
    pub cookies: bool,
    pub mistyped: bool,
    pub secret_on_host: bool,
    pub after_return: bool,
    pub redirect_first: bool,
}

json_saved!(Toggles {
    development,
    no_store,
    cookies,
    mistyped,
    secret_on_host,
    after_return,
    redirect_first
});

impl Toggles {
    pub fn of(preset: &PlaygroundExercise) -> Toggles {
        Toggles {
            development: preset.mode == Mode::Development,
            no_store: preset.no_store.clone(),
            cookies: preset.marketing_uses_cookies,
            mistyped: preset.mistyped_list_tag,
            secret_on_host: preset.secret_on_host,
            after_return: preset.write_after_return,
            redirect_first: preset.redirect_before_invalidate,
        }
    }

    pub fn options(&self) -> Options {
        Options {
            mode: if self.development {
                Mode::Development
            } else {
                Mode::Production
            },
            no_store: self.no_store.clone(),
            marketing_uses_cookies: self.cookies,
            mistyped_list_tag: self.mistyped,
            secret_on_host: self.secret_on_host,
        }
    }
}

/// Which invalidation calls a site fires.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CallKind {
    Recommended,
    UpdateTag,
    RevalidateMax,
    RevalidateNow,
    RevalidatePath,
    Nothing,
}

impl FromJson for CallKind {
    fn from_json(value: Value) -> Result<Self, Error> {
        named(value, "kind of call", &CallKind::ALL, CallKind::key)
    }
}

impl ToJson for CallKind {
    fn to_json(&self, out: &mut Writer) {
        out.text(self.key());
    }
}

impl CallKind {
    pub const ALL: [CallKind; 6] = [
        CallKind::Recommended,
        CallKind::UpdateTag,
        CallKind::RevalidateMax,
        CallKind::RevalidateNow,
        CallKind::RevalidatePath,
        CallKind::Nothing,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CallKind::Recommended => "recommended",
            CallKind::UpdateTag => "update-tag",
            CallKind::RevalidateMax => "revalidate-max",
            CallKind::RevalidateNow => "revalidate-now",
            CallKind::RevalidatePath => "revalidate-path",
            CallKind::Nothing => "nothing",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CallKind::Recommended => "the course's recommended tail",
            CallKind::UpdateTag => "updateTag(tag)",
            CallKind::RevalidateMax => "revalidateTag(tag, 'max')",
            CallKind::RevalidateNow => "revalidateTag(tag, { expire: 0 })",
            CallKind::RevalidatePath => "revalidatePath(path)",
            CallKind::Nothing => "nothing",
        }
    }

    pub fn from_key(key: &str) -> Option<CallKind> {
        CallKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// Whether the calls take tags (else paths, or nothing to choose).
    pub fn takes_tags(self) -> bool {
        matches!(
            self,
            CallKind::UpdateTag | CallKind::RevalidateMax | CallKind::RevalidateNow
        )
    }
}

/// The tags a reader may pick, from the course's tag helpers.
pub fn tags() -> [String; 4] {
    [
        invoice_tags::list(ORG),
        invoice_tags::record(ORG, "inv_1"),
        org_tags::all(ORG),
        user_tags::all("u_carol"),
    ]
}

/// The paths a reader may pick for `revalidatePath`, with their `type`.
pub const PATHS: [(&str, Option<PathKind>); 5] = [
    ("/invoices", None),
    ("/invoices/[id]", Some(PathKind::Page)),
    ("/members", None),
    ("/dashboard", None),
    ("/(marketing)", Some(PathKind::Layout)),
];

/// What the reader did. Externally tagged: an internally tagged enum is
/// read by buffering, which costs kilobytes of Wasm.
#[derive(Clone, PartialEq, Debug)]
pub enum Action {
    Visit {
        who: String,
        path: String,
    },
    Fire {
        site: Mutation,
        calls: CallKind,
        targets: Vec<String>,
        after_return: bool,
        redirect_first: bool,
    },
}

impl FromJson for Action {
    fn from_json(value: Value) -> Result<Self, Error> {
        let (kind, content) = variant(value)?;
        let read = |mut object: Object| {
            let action = match kind.as_str() {
                "visit" => Action::Visit {
                    who: object.field("who")?,
                    path: object.field("path")?,
                },
                "fire" => Action::Fire {
                    site: object.field("site")?,
                    calls: object.field("calls")?,
                    targets: object.field_or("targets", Vec::new())?,
                    after_return: object.field("after_return")?,
                    redirect_first: object.field("redirect_first")?,
                },
                _ => return Err(unknown("action", &kind)),
            };
            object.end(action)
        };
        Object::new(content)
            .and_then(read)
            .map_err(|error| error.in_field(&kind))
    }
}

impl ToJson for Action {
    fn to_json(&self, out: &mut Writer) {
        match self {
            Action::Visit { who, path } => {
                out.variant("visit", &Fields(&[("who", who), ("path", path)]));
            }
            Action::Fire {
                site,
                calls,
                targets,
                after_return,
                redirect_first,
            } => out.variant(
                "fire",
                &Fields(&[
                    ("site", site),
                    ("calls", calls),
                    ("targets", targets),
                    ("after_return", after_return),
                    ("redirect_first", redirect_first),
                ]),
            ),
        }
    }
}

impl Action {
    /// The engine's tail for a `Fire`.
    pub fn tail(calls: CallKind, targets: &[String], before: bool, redirect: bool) -> Tail {
        let tag_op = |tag: &String| match calls {
            CallKind::UpdateTag => Op::UpdateTag {
                tag: tag.clone(),
                context: None,
            },
            CallKind::RevalidateNow => Op::RevalidateTag {
                tag: tag.clone(),
                profile: Some(cache_engine::profile::Expiry::NOW),
                context: None,
            },
            _ => Op::RevalidateTag {
                tag: tag.clone(),
                profile: Some(cache_engine::profile::Expiry::MAX),
                context: None,
            },
        };
        let calls = match calls {
            CallKind::Recommended => None,
            CallKind::Nothing => Some(Vec::new()),
            CallKind::RevalidatePath => Some(
                targets
                    .iter()
                    .filter_map(|path| {
                        let (path, kind) = PATHS.iter().find(|(known, _)| known == path)?;
                        Some(Op::RevalidatePath {
                            path: path.to_string(),
                            kind: *kind,
                            context: None,
                        })
                    })
                    .collect(),
            ),
            _ => Some(targets.iter().map(tag_op).collect()),
        };
        Tail {
            calls,
            write_after_return: before,
            redirect_before_invalidate: redirect,
        }
    }

    fn apply(&self, playground: &mut Playground) -> Report {
        match self {
            Action::Visit { who, path } => playground.visit(who, path),
            Action::Fire {
                site,
                calls,
                targets,
                after_return,
                redirect_first,
            } => playground.perform(
                *site,
                Action::tail(*calls, targets, *after_return, *redirect_first),
            ),
        }
    }

    /// Whether a saved action names only what exists.
    fn usable(&self) -> bool {
        match self {
            Action::Visit { who, path } => {
                PEOPLE.iter().any(|(name, _)| name == who)
                    && PAGES.iter().any(|page| page.path == path)
            }
            Action::Fire { targets, .. } => targets.len() <= 8,
        }
    }
}

/// Who the reader may visit as.
/// By name only: what each is in the org is in the members rows, which the
/// list reads (see `view::person_label`), so it cannot disagree with them.
pub const PEOPLE: [(&str, &str); 3] =
    [("carol", "Carol"), ("ada", "Ada"), ("visitor", "A visitor")];

/// A page of the miniature app.
pub struct Page {
    pub title: &'static str,
    pub path: &'static str,
    pub reads: &'static [&'static str],
}

pub const PAGES: [Page; 5] = [
    Page {
        title: "Invoices",
        path: "/invoices",
        reads: &["invoice-list"],
    },
    Page {
        title: "Invoice inv_1",
        path: "/invoices/inv_1",
        reads: &["invoice-detail:inv_1"],
    },
    Page {
        title: "Members",
        path: "/members",
        reads: &["members"],
    },
    Page {
        title: "Dashboard: entitlement and analytics",
        path: "/dashboard",
        reads: &["entitlement", "summary"],
    },
    Page {
        title: "About: the marketing footer",
        path: "/about",
        reads: &["footer"],
    },
];

/// A mutation site in words.
pub fn site_label(site: Mutation) -> &'static str {
    match site {
        Mutation::EditInvoice => "Ada edits invoice inv_1 (Server Action)",
        Mutation::DemoteMember => "Ada demotes Carol (Server Action)",
        Mutation::RemoveMember => "Ada removes Carol (Server Action)",
        Mutation::StripeWebhook => "Stripe reports inv_1 paid (webhook)",
        Mutation::NightlyJob => "Nightly job via the revalidation endpoint",
        Mutation::NightlyJobDirect => "Nightly job calls revalidateTag itself",
        Mutation::FooterChange => "Ada changes the footer (Server Action)",
        Mutation::MapsWidgetSave => "Maps widget saves a pin (client code)",
    }
}

pub fn site_key(site: Mutation) -> &'static str {
    match site {
        Mutation::EditInvoice => "edit-invoice",
        Mutation::DemoteMember => "demote-member",
        Mutation::RemoveMember => "remove-member",
        Mutation::StripeWebhook => "stripe-webhook",
        Mutation::NightlyJob => "nightly-job",
        Mutation::NightlyJobDirect => "nightly-job-direct",
        Mutation::FooterChange => "footer-change",
        Mutation::MapsWidgetSave => "maps-widget-save",
    }
}

/// What is saved: the toggles, the actions, and how many of them are done
/// (the rest were undone and may be redone).
#[derive(Clone, PartialEq, Debug)]
pub struct Saved {
    pub toggles: Toggles,
    pub actions: Vec<Action>,
    pub at: usize,
}

json_saved!(Saved {
    toggles,
    actions,
    at
});

/// The playground replayed from a [`Saved`], with each action's report.
#[derive(Clone)]
pub struct Session {
    pub saved: Saved,
    pub playground: Playground,
    /// Shared with the sessions before and after, which copy the rest.
    pub reports: Vec<Rc<Report>>,
}

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        self.saved == other.saved
    }
}

impl Session {
    pub fn new(toggles: Toggles) -> Session {
        Session {
            playground: Playground::new(&toggles.options()),
            saved: Saved {
                toggles,
                actions: Vec::new(),
                at: 0,
            },
            reports: Vec::new(),
        }
    }

    /// Replays saved actions; `None` if they do not fit.
    pub fn replay(saved: Saved) -> Option<Session> {
        if saved.at > saved.actions.len()
            || saved.actions.len() > 200
            || !saved.actions.iter().all(Action::usable)
        {
            return None;
        }
        let mut session = Session::new(saved.toggles.clone());
        for action in &saved.actions {
            session
                .reports
                .push(Rc::new(action.apply(&mut session.playground)));
        }
        for _ in saved.at..saved.actions.len() {
            session.playground.undo();
        }
        session.saved = saved;
        Some(session)
    }

    /// Does `action`, forgetting anything undone.
    pub fn perform(&mut self, action: Action) {
        let at = self.saved.at;
        self.saved.actions.truncate(at);
        self.reports.truncate(at);
        self.reports
            .push(Rc::new(action.apply(&mut self.playground)));
        self.saved.actions.push(action);
        self.saved.at += 1;
    }

    pub fn undo(&mut self) -> bool {
        let moved = self.playground.undo();
        if moved {
            self.saved.at -= 1;
        }
        moved
    }

    pub fn redo(&mut self) -> bool {
        let moved = self.playground.redo();
        if moved {
            self.saved.at += 1;
        }
        moved
    }

    /// The report of the last action done.
    pub fn last(&self) -> Option<(&Action, &Report)> {
        let at = self.saved.at.checked_sub(1)?;
        Some((&self.saved.actions[at], &self.reports[at]))
    }
}

/// An action and its report, in words for the live region.
pub fn describe(action: &Action, report: &Report) -> String {
    let what = match action {
        Action::Visit { who, path } => {
            let reads: Vec<String> = report
                .reads()
                .into_iter()
                .filter_map(|event| match event {
                    Event::Read { read, outcome, .. } => {
                        Some(format!("{read} {}", crate::sim::outcome_word(*outcome)))
                    }
                    _ => None,
                })
                .collect();
            format!("{who} visited {path}: {}", reads.join(", "))
        }
        Action::Fire { site, .. } => site_label(*site).to_string(),
    };
    format!(
        "{what}. {}, {}, {}.",
        plural(report.invalidations().len(), "invalidation"),
        plural(report.warnings().len(), "warning"),
        plural(report.errors().len(), "error")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toggles() -> Toggles {
        Toggles {
            development: false,
            no_store: None,
            cookies: false,
            mistyped: false,
            secret_on_host: true,
            after_return: false,
            redirect_first: false,
        }
    }

    fn fire(site: Mutation) -> Action {
        Action::Fire {
            site,
            calls: CallKind::Recommended,
            targets: Vec::new(),
            after_return: false,
            redirect_first: false,
        }
    }

    fn visit(who: &str, path: &str) -> Action {
        Action::Visit {
            who: who.into(),
            path: path.into(),
        }
    }

    fn detail(session: &Session, who: &str) -> String {
        session.playground.snapshot().pages[who]
            .value("invoice-detail:inv_1")
            .unwrap()
            .to_string()
    }

    #[test]
    fn webhook_then_two_visits_is_stale_then_paid_and_replays_the_same() {
        let mut session = Session::new(toggles());
        session.perform(fire(Mutation::StripeWebhook));
        session.perform(visit("carol", "/invoices/inv_1"));
        assert_eq!(detail(&session, "carol"), "€100 unpaid · 1 × design");
        session.perform(visit("carol", "/invoices/inv_1"));
        assert_eq!(detail(&session, "carol"), "€100 paid · 1 × design");
        let replayed = Session::replay(session.saved.clone()).unwrap();
        assert_eq!(
            replayed.playground.snapshot(),
            session.playground.snapshot()
        );
        assert!(session.undo());
        assert_eq!(detail(&session, "carol"), "€100 unpaid · 1 × design");
        let replayed = Session::replay(session.saved.clone()).unwrap();
        assert_eq!(
            replayed.playground.snapshot(),
            session.playground.snapshot()
        );
        assert!(session.redo());
        assert_eq!(detail(&session, "carol"), "€100 paid · 1 × design");
        assert!(!session.redo());
    }

    #[test]
    fn chosen_calls_reach_the_engine() {
        let mut session = Session::new(toggles());
        session.perform(Action::Fire {
            site: Mutation::StripeWebhook,
            calls: CallKind::UpdateTag,
            targets: vec![invoice_tags::record(ORG, "inv_1")],
            after_return: false,
            redirect_first: false,
        });
        let (action, report) = session.last().unwrap();
        assert_eq!(report.errors(), [texts::UPDATE_TAG_OUTSIDE_ACTION]);
        assert_eq!(
            describe(action, report),
            "Stripe reports inv_1 paid (webhook). 0 invalidations, 0 warnings, 1 error."
        );
        let tail = Action::tail(
            CallKind::RevalidatePath,
            &["/(marketing)".into()],
            false,
            false,
        );
        assert_eq!(
            tail.calls,
            Some(vec![Op::RevalidatePath {
                path: "/(marketing)".into(),
                kind: Some(PathKind::Layout),
                context: None
            }])
        );
    }

    #[test]
    fn saved_actions_that_do_not_fit_start_fresh() {
        let saved = Saved {
            toggles: toggles(),
            actions: vec![visit("mallory", "/invoices")],
            at: 1,
        };
        assert!(Session::replay(saved).is_none());
        let saved = Saved {
            toggles: toggles(),
            actions: Vec::new(),
            at: 3,
        };
        assert!(Session::replay(saved).is_none());
    }
}
