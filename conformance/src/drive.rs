//! The real server's run of a scenario: each client step is a request, each
//! run of server steps is one Server Action or Route Handler request whose
//! steps wait at the stub's gates until the schedule reaches them.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use cache_engine::script::{Context, Method, Op, Scenario};

use crate::http::{self, Response};
use crate::next::Server;
use crate::observe::{Answer, Observation, Seen, warnings_in};
use crate::stub::Stub;

/// One schedule entry on the real server.
pub struct NextStep {
    pub actor: String,
    pub observation: Observation,
}

struct Inflight {
    end: usize,
    handle: JoinHandle<Result<Response>>,
}

#[derive(Default)]
struct ActorRun {
    cursor: usize,
    page: Option<String>,
    polls: u32,
    inflight: Option<Inflight>,
}

/// A marker the app renders for each read: key, value, generation.
fn markers(body: &str) -> Vec<(String, String, u64)> {
    let mut found: Vec<(String, String, u64)> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("{{FR|") {
        rest = &rest[start + 5..];
        let Some(end) = rest.find("}}") else { break };
        let mut parts = rest[..end].rsplitn(2, '|');
        let generation = parts.next().and_then(|g| g.parse().ok());
        let (read, value) = parts
            .next()
            .and_then(|head| head.split_once('|'))
            .unwrap_or_default();
        if let Some(generation) = generation
            && !found.iter().any(|(r, _, _)| r == read)
        {
            found.push((read.into(), value.into(), generation));
        }
        rest = &rest[end..];
    }
    found
}

/// The route's RSC payload, as the client router fetches it: with no router
/// state the cache-busting `_rsc` parameter Next.js expects is empty.
fn rsc(port: u16, path: &str) -> Result<Response> {
    let separator = if path.contains('?') { '&' } else { '?' };
    http::request(
        port,
        "GET",
        &format!("{path}{separator}_rsc"),
        &[("RSC", "1")],
        "",
    )
}

/// Where a call to `next/cache` outside a request runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Runtime {
    /// A job's own Node.js process.
    Node,
    /// Browser code.
    Browser,
}

/// The real server, a scenario, and where each actor is.
pub struct Driver<'a> {
    pub scenario: &'a Scenario,
    pub stub: &'a Stub,
    pub port: u16,
    server: &'a Server,
    /// How much of the server's output earlier steps have looked at.
    output_read: usize,
    pub action_id: String,
    pub app_dir: &'a Path,
    actors: Vec<ActorRun>,
}

impl<'a> Driver<'a> {
    pub fn new(
        scenario: &'a Scenario,
        stub: &'a Stub,
        server: &'a Server,
        action_id: String,
        app_dir: &'a Path,
    ) -> Driver<'a> {
        Driver {
            scenario,
            stub,
            port: server.port,
            server,
            output_read: 0,
            action_id,
            app_dir,
            actors: scenario
                .actors
                .iter()
                .map(|_| ActorRun::default())
                .collect(),
        }
    }

    /// Let the server finish what it does after answering, as the engine
    /// does before its next step.
    fn settle(&self) {
        self.stub.settle(
            Duration::from_millis(150),
            Duration::from_secs(10),
            self.server.idle_probe(),
        );
    }

    fn enabled(&self, actor: usize) -> bool {
        self.actors[actor].cursor < self.scenario.actors[actor].steps.len()
    }

    /// Render the warm paths, as the engine does before a run.
    pub fn warm(&mut self) -> Result<()> {
        for path in &self.scenario.app.warm {
            http::request(self.port, "GET", path, &[], "")?;
            self.settle();
        }
        Ok(())
    }

    /// Follow the schedule, then run each actor to its end.
    pub fn run(&mut self) -> Result<Vec<NextStep>> {
        // What the server printed while starting and warming is no step's.
        self.output_read = self.server.output_since(0).1;
        let mut out = Vec::new();
        let mut schedule = self.scenario.default_schedule().into_iter();
        loop {
            let actor = match schedule.next() {
                Some(actor) => actor,
                None => match (0..self.actors.len()).find(|&a| self.enabled(a)) {
                    Some(actor) => actor,
                    None => break,
                },
            };
            if !self.enabled(actor) {
                continue;
            }
            let before: BTreeSet<u64> = self.stub.computed().iter().map(|c| c.generation).collect();
            let errors_before = self.stub.errors().len();
            let output_before = self.output_read;
            let mut observation = Observation::default();
            let shown = self.step(actor, &mut observation)?;
            self.settle();
            let computed: Vec<_> = self
                .stub
                .computed()
                .into_iter()
                .filter(|c| !before.contains(&c.generation))
                .collect();
            for (read, value, generation) in shown {
                let answer = if computed.iter().any(|c| c.generation == generation) {
                    Answer::Computed
                } else if computed.iter().any(|c| c.read == read) {
                    Answer::Stale
                } else {
                    Answer::Hit
                };
                observation.reads.push(Seen {
                    read,
                    answer,
                    value,
                });
            }
            observation.errors.extend(
                self.stub.errors()[errors_before..]
                    .iter()
                    .map(|(_, message)| message.clone()),
            );
            let (output, end) = self.server.output_since(output_before);
            self.output_read = end;
            observation.warnings.extend(warnings_in(&output));
            out.push(NextStep {
                actor: self.scenario.actors[actor].name.clone(),
                observation,
            });
        }
        Ok(out)
    }

    /// Run one step of `actor`; returns the reads its responses showed.
    fn step(
        &mut self,
        actor: usize,
        observation: &mut Observation,
    ) -> Result<Vec<(String, String, u64)>> {
        let script = &self.scenario.actors[actor];
        let cursor = self.actors[actor].cursor;
        let op = &script.steps[cursor];
        match op {
            Op::Visit { path } => {
                let response = http::request(self.port, "GET", path, &[], "")?;
                self.actors[actor].page = Some(path.clone());
                self.actors[actor].cursor += 1;
                Ok(markers(&response.body))
            }
            Op::Refresh => {
                let shown = self.refresh(actor)?;
                self.actors[actor].cursor += 1;
                Ok(shown)
            }
            Op::HardReload => {
                self.actors[actor].cursor += 1;
                let Some(path) = self.actors[actor].page.clone() else {
                    return Ok(Vec::new());
                };
                let headers = [("Cache-Control", "no-cache"), ("Pragma", "no-cache")];
                let response = http::request(self.port, "GET", &path, &headers, "")?;
                Ok(markers(&response.body))
            }
            Op::Poll {
                until,
                give_up_after,
                ..
            } => {
                let shown = self.refresh(actor)?;
                let me = &mut self.actors[actor];
                me.polls += 1;
                if shown.iter().any(|(_, value, _)| value == until) || me.polls >= *give_up_after {
                    me.polls = 0;
                    me.cursor += 1;
                }
                Ok(shown)
            }
            Op::Wait { .. } => {
                self.actors[actor].cursor += 1;
                Ok(Vec::new())
            }
            Op::PostRevalidate { tag, secret } => {
                let body = serde_json::json!({ "tag": tag, "secret": secret }).to_string();
                let response = http::request(
                    self.port,
                    "POST",
                    "/api/revalidate",
                    &[("Content-Type", "application/json")],
                    &body,
                )?;
                observation.statuses.push(response.status);
                if response.status != 200 {
                    observation.errors.push(response.body.trim().to_string());
                }
                self.actors[actor].cursor += 1;
                Ok(Vec::new())
            }
            Op::RequestRevalidate { method } => {
                let response = http::request(self.port, method.name(), "/api/revalidate", &[], "")?;
                observation.statuses.push(response.status);
                let allow = response.header("allow").unwrap_or_default();
                if *method == Method::Options && !allow.contains("POST") {
                    bail!(
                        "OPTIONS /api/revalidate: {} with Allow {allow:?}",
                        response.status
                    );
                }
                self.actors[actor].cursor += 1;
                Ok(Vec::new())
            }
            Op::UpdateTag {
                context: Some(Context::Render),
                ..
            }
            | Op::RevalidateTag {
                context: Some(Context::Render),
                ..
            }
            | Op::RevalidatePath {
                context: Some(Context::Render),
                ..
            } => {
                self.render_call(actor, op, observation)?;
                self.actors[actor].cursor += 1;
                Ok(Vec::new())
            }
            Op::UpdateTag { .. } | Op::RevalidateTag { .. } | Op::RevalidatePath { .. }
                if script.context == Context::Client =>
            {
                self.job_step(op, observation, Runtime::Browser)?;
                self.actors[actor].cursor += 1;
                Ok(Vec::new())
            }
            _ if script.context == Context::Job => {
                let threw = self.job_step(op, observation, Runtime::Node)?;
                let me = &mut self.actors[actor];
                me.cursor += 1;
                // A throw ends the job's run, as it ends a request.
                while threw
                    && script
                        .steps
                        .get(me.cursor)
                        .is_some_and(|op| !op.is_client())
                {
                    me.cursor += 1;
                }
                Ok(Vec::new())
            }
            _ => self.server_step(actor, observation),
        }
    }

    /// `router.refresh()`: the current route's RSC payload, rendered anew.
    fn refresh(&mut self, actor: usize) -> Result<Vec<(String, String, u64)>> {
        let Some(path) = self.actors[actor].page.clone() else {
            return Ok(Vec::new());
        };
        Ok(markers(&rsc(self.port, &path)?.body))
    }

    /// A call made while the actor's current page renders: the page runs it
    /// and shows what it threw.
    fn render_call(&self, actor: usize, op: &Op, observation: &mut Observation) -> Result<()> {
        let page = self.actors[actor]
            .page
            .clone()
            .context("a call during render needs a page to render")?;
        let target = format!(
            "{page}?__call={}",
            http::encode(&serde_json::to_string(op)?)
        );
        let body = http::request(self.port, "GET", &target, &[], "")?.body;
        let start = body
            .find("{{ERR|")
            .context("the page did not run the call")?
            + 6;
        let hex = &body[start..start + body[start..].find("}}").unwrap_or(0)];
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
            .collect();
        if !bytes.is_empty() {
            observation
                .errors
                .push(String::from_utf8_lossy(&bytes).into_owned());
        }
        Ok(())
    }

    /// A job's own process: writes go to the database, calls to `next/cache`
    /// run in a plain Node.js process with no Next.js server around them.
    /// In the browser's case, `next/cache` is loaded as a browser build
    /// loads it (`NEXT_RUNTIME` empty), stand-ins and all.
    fn job_step(&self, op: &Op, observation: &mut Observation, runtime: Runtime) -> Result<bool> {
        match op {
            Op::Write { row, value } => self.stub.write(row, Some(value)),
            Op::Delete { row } => self.stub.write(row, None),
            Op::UpdateTag { .. } | Op::RevalidateTag { .. } | Op::RevalidatePath { .. } => {
                let mut node = Command::new("node");
                if runtime == Runtime::Browser {
                    node.env("NEXT_RUNTIME", "");
                }
                let output = node
                    .arg("job.mjs")
                    .arg(serde_json::to_string(op)?)
                    .current_dir(self.app_dir)
                    .env("NEXT_TELEMETRY_DISABLED", "1")
                    .output()
                    .context("run job.mjs")?;
                let report: serde_json::Value = serde_json::from_slice(&output.stdout)
                    .with_context(|| {
                        format!(
                            "job.mjs printed no report: {}",
                            String::from_utf8_lossy(&output.stderr)
                        )
                    })?;
                // Next.js's warnings go to the job's own terminal.
                observation
                    .warnings
                    .extend(warnings_in(&String::from_utf8_lossy(&output.stderr)));
                if let Some(error) = report["error"].as_str() {
                    observation.errors.push(error.into());
                    return Ok(true);
                }
            }
            _ => {}
        }
        Ok(false)
    }

    /// One server step: start the request at the first step of a run of
    /// server steps, release the step's gate, and wait until the request
    /// reaches its next gate or answers.
    fn server_step(
        &mut self,
        actor: usize,
        observation: &mut Observation,
    ) -> Result<Vec<(String, String, u64)>> {
        let script = &self.scenario.actors[actor];
        let name = script.name.clone();
        let cursor = self.actors[actor].cursor;
        if self.actors[actor].inflight.is_none() {
            let end = (cursor..script.steps.len())
                .find(|&i| script.steps[i].is_client())
                .unwrap_or(script.steps.len());
            let handle = self.send(actor, cursor, end)?;
            self.actors[actor].inflight = Some(Inflight { end, handle });
        }
        self.stub.release(&name, cursor);
        let end = self.actors[actor]
            .inflight
            .as_ref()
            .map_or(cursor + 1, |f| f.end);
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let finished = self.actors[actor]
                .inflight
                .as_ref()
                .is_none_or(|f| f.handle.is_finished());
            if finished || (cursor + 1 < end && self.stub.is_waiting(&name, cursor + 1)) {
                break;
            }
            if Instant::now() > deadline {
                bail!("{name}'s request did not reach step {} in 60 s", cursor + 1);
            }
            thread::sleep(Duration::from_millis(5));
        }
        self.actors[actor].cursor += 1;
        let finished = self.actors[actor]
            .inflight
            .as_ref()
            .is_some_and(|f| f.handle.is_finished());
        if !finished {
            return Ok(Vec::new());
        }
        let Inflight { end, handle } = self.actors[actor].inflight.take().context("no request")?;
        self.actors[actor].cursor = end;
        let response = handle
            .join()
            .map_err(|_| anyhow::anyhow!("{name}'s request thread panicked"))??;
        if script.context != Context::Action {
            observation.statuses.push(response.status);
            return Ok(Vec::new());
        }
        let mut shown = markers(&response.body);
        if let Some(target) = response.header("x-action-redirect") {
            let path = target.split(';').next().unwrap_or(target).to_string();
            if shown.is_empty() {
                shown = markers(&rsc(self.port, &path)?.body);
            }
            self.actors[actor].page = Some(path);
        }
        Ok(shown)
    }

    fn send(&self, actor: usize, from: usize, to: usize) -> Result<JoinHandle<Result<Response>>> {
        let script = &self.scenario.actors[actor];
        let port = self.port;
        let name = script.name.clone();
        Ok(match script.context {
            Context::Action => {
                let page = self.actors[actor]
                    .page
                    .clone()
                    .unwrap_or_else(|| "/__no-page".into());
                let body = serde_json::json!([name, from, to]).to_string();
                let id = self.action_id.clone();
                thread::spawn(move || {
                    http::request(
                        port,
                        "POST",
                        &page,
                        &[
                            ("Next-Action", &id),
                            ("Accept", "text/x-component"),
                            ("Content-Type", "text/plain;charset=UTF-8"),
                        ],
                        &body,
                    )
                })
            }
            Context::RouteHandler => {
                let target = format!(
                    "/api/actor?actor={}&from={from}&to={to}",
                    http::encode(&name)
                );
                thread::spawn(move || http::request(port, "POST", &target, &[], ""))
            }
            other => {
                bail!("{name}: server steps in a {other:?} context are not run on the real server")
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::markers;

    #[test]
    fn finds_each_read_once_in_html_and_rsc() {
        let body = r#"c:[["$","p","entitlement",{"children":"{{FR|entitlement|Free|1000001}}"}]]
<p>{{FR|entitlement|Free|1000001}}</p><p>{{FR|footer|© Acme|7}}</p>"#;
        assert_eq!(
            markers(body),
            [
                ("entitlement".into(), "Free".into(), 1_000_001),
                ("footer".into(), "© Acme".into(), 7)
            ]
        );
    }
}
