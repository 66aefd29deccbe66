//! Everything that changes as a scenario runs, and how one step changes it.

use crate::map::Map;

use serde::{Deserialize, Serialize};

use crate::calls::{self, Caller, Pending, Thrown};
use crate::event::{Event, RenderCause};
use crate::profile::Expiry;
use crate::script::{Context, Op, Scenario};
use crate::texts;
use crate::world::{RenderSite, World};

/// The revalidation endpoint, as it shows in the log.
const ENDPOINT: &str = "revalidate-endpoint";

/// What a page shows: the value of each read it rendered.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PageView {
    /// The URL.
    pub path: String,
    /// `(read key, value)` in render order.
    pub values: Vec<(String, String)>,
    /// A message on the page (a give-up notice, a 404).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

impl PageView {
    /// Whether any read on the page shows `text`.
    pub fn shows(&self, text: &str) -> bool {
        self.values.iter().any(|(_, value)| value == text)
    }

    /// The value of one read on the page.
    pub fn value(&self, read: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(key, _)| key == read)
            .map(|(_, value)| value.as_str())
    }
}

/// How a poll ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PollEnd {
    /// The page showed the awaited value after this many refreshes.
    Shown(u32),
    /// The page gave up after this many refreshes.
    GaveUp(u32),
}

/// One actor's progress.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ActorState {
    /// The next step of its script.
    pub cursor: usize,
    /// Refreshes made by the current poll.
    pub polls: u32,
    /// How its last poll ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poll_end: Option<PollEnd>,
    /// What its browser shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageView>,
    /// Writes of its open transaction; `None` value is a removal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction: Option<Map<String, Option<String>>>,
    /// The current action asked for a fresh render in its response.
    pub revalidates_page: bool,
    /// Invalidations the current request queued, applied when it ends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<Pending>,
}

/// The whole state of a run.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct State {
    /// The server.
    pub world: World,
    /// The actors, in the scenario's order.
    pub actors: Vec<ActorState>,
}

impl State {
    /// The start of `scenario`, with its warm paths rendered.
    pub fn new(scenario: &Scenario, log: &mut Vec<Event>) -> State {
        let mut state = State {
            world: World::new(&scenario.app),
            actors: vec![ActorState::default(); scenario.actors.len()],
        };
        for path in &scenario.app.warm {
            state.render_for(scenario, None, path, RenderCause::Warm, log);
        }
        state
    }

    /// Whether the actor has steps left.
    pub fn enabled(&self, scenario: &Scenario, actor: usize) -> bool {
        self.actors[actor].cursor < scenario.actors[actor].steps.len()
    }

    /// Whether every actor is done.
    pub fn done(&self, scenario: &Scenario) -> bool {
        (0..self.actors.len()).all(|actor| !self.enabled(scenario, actor))
    }

    /// Run the actor's next step. Background recomputes it queues are left
    /// for [`State::recompute_next`].
    pub fn step(&mut self, scenario: &Scenario, actor: usize, log: &mut Vec<Event>) {
        let script = &scenario.actors[actor];
        let op = &script.steps[self.actors[actor].cursor];
        let name = script.name.as_str();
        let mut advance = true;
        let result = match op {
            Op::Visit { path } => {
                self.render_for(scenario, Some(actor), path, RenderCause::Visit, log);
                Ok(())
            }
            Op::Refresh => {
                self.refresh(scenario, actor, log);
                Ok(())
            }
            Op::HardReload => {
                if let Some(path) = self.actors[actor].page.as_ref().map(|p| p.path.clone()) {
                    self.render_for(scenario, Some(actor), &path, RenderCause::HardReload, log);
                }
                Ok(())
            }
            Op::Poll {
                until,
                every,
                give_up_after,
            } => {
                self.wait(*every, log);
                self.refresh(scenario, actor, log);
                let me = &mut self.actors[actor];
                me.polls += 1;
                let polls = me.polls;
                let shown = me.page.as_ref().is_some_and(|page| page.shows(until));
                if shown || polls >= *give_up_after {
                    me.polls = 0;
                    if shown {
                        me.poll_end = Some(PollEnd::Shown(polls));
                        log.push(Event::PollStopped {
                            actor: name.into(),
                            polls,
                        });
                    } else {
                        me.poll_end = Some(PollEnd::GaveUp(polls));
                        if let Some(page) = &mut me.page {
                            page.notice = Some(format!(
                                "Still activating after {polls} checks. It can take a few minutes; contact support if it does not change."
                            ));
                        }
                        log.push(Event::GaveUp {
                            actor: name.into(),
                            polls,
                        });
                    }
                } else {
                    advance = false;
                }
                Ok(())
            }
            Op::Wait { seconds } => {
                self.wait(*seconds, log);
                Ok(())
            }
            Op::Begin => {
                self.actors[actor].transaction = Some(Map::new());
                log.push(Event::Begin { actor: name.into() });
                Ok(())
            }
            Op::Write { row, value } => {
                self.write(actor, name, row, Some(value.clone()), log);
                Ok(())
            }
            Op::Delete { row } => {
                self.write(actor, name, row, None, log);
                Ok(())
            }
            Op::Commit => {
                let writes = self.actors[actor].transaction.take().unwrap_or_default();
                for (row, value) in &writes {
                    self.apply(row, value.clone());
                }
                log.push(Event::Commit {
                    actor: name.into(),
                    rows: writes.into_keys().collect(),
                });
                Ok(())
            }
            Op::Rollback => {
                self.rollback(actor, name, log);
                Ok(())
            }
            Op::UpdateTag { tag, context } => {
                let caller = self.caller(scenario, actor, *context);
                let result = calls::update_tag(&caller, tag, log);
                self.note(actor, result)
            }
            Op::RevalidateTag {
                tag,
                profile,
                context,
            } => {
                let caller = self.caller(scenario, actor, *context);
                let result = calls::revalidate_tag(&caller, tag, *profile, log);
                self.note(actor, result)
            }
            Op::RevalidatePath {
                path,
                kind,
                context,
            } => {
                let caller = self.caller(scenario, actor, *context);
                let result = calls::revalidate_path(&caller, path, *kind, log);
                self.note(actor, result)
            }
            Op::Redirect { path } => {
                log.push(Event::Redirect {
                    actor: name.into(),
                    path: path.clone(),
                });
                // The redirect's render carries the queued tags: a page
                // rendered per request recomputes what they reach, while a
                // prerendered page is served as it is.
                let pending = std::mem::take(&mut self.actors[actor].pending);
                let revalidated: Vec<String> = pending.iter().map(|p| p.target.clone()).collect();
                for queued in &pending {
                    calls::apply(&mut self.world, queued, log);
                }
                self.render_with(
                    scenario,
                    Some(actor),
                    path,
                    RenderCause::Redirect,
                    &revalidated,
                    log,
                );
                self.actors[actor].revalidates_page = false;
                Err(Thrown)
            }
            Op::Respond => {
                self.respond(scenario, actor, log);
                Ok(())
            }
            Op::PostRevalidate { tag, secret } => {
                self.post_revalidate(scenario, actor, tag, secret, log);
                Ok(())
            }
            Op::RequestRevalidate { method } => {
                log.push(Event::Respond {
                    actor: ENDPOINT.into(),
                    status: method.status(),
                });
                Ok(())
            }
        };
        if advance {
            self.actors[actor].cursor += 1;
        }
        if result.is_err() {
            let threw = !matches!(op, Op::Redirect { .. });
            self.end_request(scenario, actor, threw, log);
        } else if matches!(script.context, Context::Action | Context::RouteHandler)
            && !op.is_client()
            && op != &Op::Respond
            && self.request_over(scenario, actor)
        {
            // A script that stops without `respond` still returns.
            self.respond(scenario, actor, log);
        }
    }

    /// Whether the actor's server request has no step left.
    fn request_over(&self, scenario: &Scenario, actor: usize) -> bool {
        scenario.actors[actor]
            .steps
            .get(self.actors[actor].cursor)
            .is_none_or(Op::is_client)
    }

    /// Run the oldest queued background recompute; `false` when none is queued.
    pub fn recompute_next(&mut self, scenario: &Scenario, log: &mut Vec<Event>) -> bool {
        self.world.recompute_next(&scenario.app, log)
    }

    fn wait(&mut self, seconds: u64, log: &mut Vec<Event>) {
        if seconds > 0 {
            // Saturates: a scenario's times are checked at load, but the
            // clock must not wrap whatever a caller builds.
            self.world.clock = self.world.clock.saturating_add(seconds);
            log.push(Event::Clock {
                now: self.world.clock,
            });
        }
    }

    fn refresh(&mut self, scenario: &Scenario, actor: usize, log: &mut Vec<Event>) {
        if let Some(path) = self.actors[actor]
            .page
            .as_ref()
            .map(|page| page.path.clone())
        {
            self.render_for(scenario, Some(actor), &path, RenderCause::Refresh, log);
        }
    }

    fn write(
        &mut self,
        actor: usize,
        name: &str,
        row: &str,
        value: Option<String>,
        log: &mut Vec<Event>,
    ) {
        let in_transaction = match &mut self.actors[actor].transaction {
            Some(writes) => {
                writes.insert(row.into(), value.clone());
                true
            }
            None => {
                self.apply(row, value.clone());
                false
            }
        };
        log.push(Event::Write {
            actor: name.into(),
            row: row.into(),
            value,
            in_transaction,
        });
    }

    fn apply(&mut self, row: &str, value: Option<String>) {
        match value {
            Some(value) => self.world.rows.insert(row.into(), value),
            None => self.world.rows.remove(row),
        };
    }

    fn rollback(&mut self, actor: usize, name: &str, log: &mut Vec<Event>) {
        let writes = self.actors[actor].transaction.take().unwrap_or_default();
        log.push(Event::Rollback {
            actor: name.into(),
            rows: writes.into_keys().collect(),
        });
    }

    fn caller<'a>(
        &'a self,
        scenario: &'a Scenario,
        actor: usize,
        context: Option<Context>,
    ) -> Caller<'a> {
        let route = self.actors[actor]
            .page
            .as_ref()
            .and_then(|page| scenario.app.route_for(&page.path))
            .map_or("/", |(route, _)| route.pattern.as_str());
        let script = &scenario.actors[actor];
        Caller {
            context: context.unwrap_or(script.context),
            source: &script.name,
            route,
        }
    }

    fn note(&mut self, actor: usize, result: Result<Pending, Thrown>) -> Result<(), Thrown> {
        let pending = result?;
        let me = &mut self.actors[actor];
        me.revalidates_page |= pending.revalidates_page;
        me.pending.push(pending);
        Ok(())
    }

    /// The request ends: what it queued is applied now, in call order.
    fn apply_pending(&mut self, actor: usize, log: &mut Vec<Event>) {
        for pending in std::mem::take(&mut self.actors[actor].pending) {
            calls::apply(&mut self.world, &pending, log);
        }
    }

    fn respond(&mut self, scenario: &Scenario, actor: usize, log: &mut Vec<Event>) {
        let script = &scenario.actors[actor];
        let fresh_render = std::mem::take(&mut self.actors[actor].revalidates_page);
        self.apply_pending(actor, log);
        match script.context {
            Context::Action => {
                let current = self.actors[actor]
                    .page
                    .as_ref()
                    .map(|page| page.path.clone());
                if let (true, Some(path)) = (fresh_render, current) {
                    self.render_for(
                        scenario,
                        Some(actor),
                        &path,
                        RenderCause::ActionResponse,
                        log,
                    );
                }
            }
            // A job's own process answers nobody.
            Context::Job => {}
            _ => log.push(Event::Respond {
                actor: script.name.clone(),
                status: 200,
            }),
        }
    }

    fn post_revalidate(
        &mut self,
        scenario: &Scenario,
        actor: usize,
        tag: &str,
        secret: &str,
        log: &mut Vec<Event>,
    ) {
        let name = scenario.actors[actor].name.as_str();
        if scenario.app.revalidation_secret.as_deref() != Some(secret) {
            log.push(Event::Error {
                source: name.into(),
                message: texts::UNAUTHORIZED.into(),
            });
            log.push(Event::Respond {
                actor: ENDPOINT.into(),
                status: 401,
            });
            return;
        }
        let caller = Caller {
            context: Context::RouteHandler,
            source: ENDPOINT,
            route: "/api/revalidate",
        };
        let status = match calls::revalidate_tag(&caller, tag, Some(Expiry::MAX), log) {
            Ok(pending) => {
                calls::apply(&mut self.world, &pending, log);
                200
            }
            Err(Thrown) => 500,
        };
        log.push(Event::Respond {
            actor: ENDPOINT.into(),
            status,
        });
    }

    /// A throw or a `redirect()` ends the request: its remaining server
    /// steps never run, and an open transaction rolls back.
    fn end_request(
        &mut self,
        scenario: &Scenario,
        actor: usize,
        threw: bool,
        log: &mut Vec<Event>,
    ) {
        let script = &scenario.actors[actor];
        if self.actors[actor].transaction.is_some() {
            self.rollback(actor, &script.name, log);
        }
        // Next.js applies what the request queued in a `finally`: a throw
        // (or a rollback) still expires the tags.
        self.apply_pending(actor, log);
        self.actors[actor].revalidates_page = false;
        while let Some(op) = script.steps.get(self.actors[actor].cursor) {
            if op.is_client() {
                break;
            }
            log.push(Event::Skipped {
                actor: script.name.clone(),
                op: op.code(),
            });
            self.actors[actor].cursor += 1;
        }
        if threw && script.context == Context::RouteHandler {
            log.push(Event::Respond {
                actor: script.name.clone(),
                status: 500,
            });
        }
    }

    fn render_for(
        &mut self,
        scenario: &Scenario,
        actor: Option<usize>,
        path: &str,
        cause: RenderCause,
        log: &mut Vec<Event>,
    ) {
        self.render_with(scenario, actor, path, cause, &[], log);
    }

    /// Render `path`; on a page rendered per request, entries carrying one
    /// of `revalidated` are recomputed (a redirect's render after an action).
    fn render_with(
        &mut self,
        scenario: &Scenario,
        actor: Option<usize>,
        path: &str,
        cause: RenderCause,
        revalidated: &[String],
        log: &mut Vec<Event>,
    ) {
        let name = actor.map_or("warm-up", |a| scenario.actors[a].name.as_str());
        log.push(Event::Render {
            actor: name.into(),
            path: path.into(),
            cause,
        });
        let mut page = PageView {
            path: path.into(),
            ..PageView::default()
        };
        match scenario.app.route_for(path) {
            Some((route, reads)) => {
                let site = RenderSite {
                    route,
                    path,
                    actor: name,
                    revalidated: if route.dynamic { revalidated } else { &[] },
                    no_cache: cause == RenderCause::HardReload,
                };
                for key in reads {
                    let value = self.world.read(&scenario.app, &key, &site, log);
                    page.values.push((key, value));
                }
            }
            None => {
                log.push(Event::Error {
                    source: name.into(),
                    message: format!("404: no route matches {path}"),
                });
                page.notice = Some("404".into());
            }
        }
        if let Some(actor) = actor {
            self.actors[actor].page = Some(page);
        }
    }
}
