//! What a scenario from outside (a file) must satisfy before it runs: every
//! name it uses exists, and its numbers stay inside what the clock, the
//! stepper and the explorer can handle. Scenarios the engine builds itself
//! satisfy it by construction (tests check that they do).

use std::fmt;

use crate::app::CacheMode;
use crate::profile::{Expiry, Profile, Times};
use crate::race::MAX_REFRESHES;
use crate::script::{Op, Scenario};

/// The longest time a scenario may name, in seconds (ten years): far past
/// every `cacheLife` profile, and far from the end of the clock.
pub const MAX_SECONDS: u64 = 315_360_000;
/// The most actors in a scenario: each one multiplies the interleavings.
pub const MAX_ACTORS: usize = 8;
/// The most steps in a scenario, all actors together, a poll counting as
/// many steps as its give-up limit: a run is at most this long.
pub const MAX_STEPS: usize = 400;

/// One step of a path into a scenario file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    Key(&'static str),
    Index(usize),
}

/// A problem in a scenario: where (`actors[1].steps[0].every`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: Vec<Segment>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (at, segment) in self.path.iter().enumerate() {
            match segment {
                Segment::Key(key) if at == 0 => write!(f, "{key}")?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        write!(f, ": {}", self.message)
    }
}

use Segment::{Index, Key};

impl Scenario {
    /// Everything wrong with this scenario, each with its place; empty when
    /// it may run and be explored.
    ///
    /// ```
    /// # use cache_engine::prelude::*;
    /// let mut scenario = race::checkout_race(&Default::default());
    /// assert!(scenario.problems().is_empty());
    /// scenario.schedule.push("stripe".into());
    /// assert_eq!(
    ///     scenario.problems()[0].to_string(),
    ///     "schedule[5]: `stripe` is not an actor: expected one of `browser`, `webhook`"
    /// );
    /// ```
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut at = |path: &[Segment], message: String| {
            problems.push(Problem {
                path: path.to_vec(),
                message,
            });
        };
        let names: Vec<String> = self
            .actors
            .iter()
            .map(|actor| format!("`{}`", actor.name))
            .collect();
        if self.actors.len() > MAX_ACTORS {
            at(
                &[Key("actors")],
                format!(
                    "{} actors: at most {MAX_ACTORS}, as each one multiplies the interleavings to explore",
                    self.actors.len()
                ),
            );
        }
        for (index, actor) in self.actors.iter().enumerate() {
            if self.actors[..index].iter().any(|a| a.name == actor.name) {
                at(
                    &[Key("actors"), Index(index), Key("name")],
                    format!("two actors are named `{}`", actor.name),
                );
            }
        }
        for (index, name) in self.schedule.iter().enumerate() {
            if self.actor(name).is_none() {
                at(
                    &[Key("schedule"), Index(index)],
                    format!(
                        "`{name}` is not an actor: expected one of {}",
                        names.join(", ")
                    ),
                );
            }
        }
        let written: Vec<&str> = self
            .actors
            .iter()
            .flat_map(|actor| &actor.steps)
            .filter_map(|op| match op {
                Op::Write { row, .. } => Some(row.as_str()),
                _ => None,
            })
            .collect();
        let app = &self.app;
        for (index, read) in app.reads.iter().enumerate() {
            for (row_at, row) in read.rows.iter().enumerate() {
                if !app.rows.contains_key(row) && !written.contains(&row.as_str()) {
                    at(
                        &[
                            Key("app"),
                            Key("reads"),
                            Index(index),
                            Key("rows"),
                            Index(row_at),
                        ],
                        format!("row `{row}` is neither in `app.rows` nor written by any step"),
                    );
                }
            }
            let path = [Key("app"), Key("reads"), Index(index), Key("cache")];
            match read.cache {
                CacheMode::UseCache {
                    profile: Profile::Custom(times),
                } => check_times(&times, &path, &mut at),
                CacheMode::Fetch {
                    revalidate: Some(seconds),
                } => check_seconds(seconds, "revalidate", &path, &mut at),
                _ => {}
            }
        }
        for (index, route) in app.routes.iter().enumerate() {
            for (read_at, key) in route.reads.iter().enumerate() {
                // A key with a `[param]` is filled from the URL: checked
                // below, at each path visited.
                if !key.contains('[') && app.read(key).is_none() {
                    at(
                        &[
                            Key("app"),
                            Key("routes"),
                            Index(index),
                            Key("reads"),
                            Index(read_at),
                        ],
                        format!("`{key}` is not a read of the app: {}", known_reads(self)),
                    );
                }
            }
        }
        for (index, path) in app.warm.iter().enumerate() {
            if let Some(message) = path_problem(self, path) {
                at(&[Key("app"), Key("warm"), Index(index)], message);
            }
        }
        let mut steps = 0usize;
        for (actor_at, actor) in self.actors.iter().enumerate() {
            for (step_at, op) in actor.steps.iter().enumerate() {
                let path = [Key("actors"), Index(actor_at), Key("steps"), Index(step_at)];
                steps = steps.saturating_add(1);
                match op {
                    Op::Visit { path: url } | Op::Redirect { path: url } => {
                        if let Some(message) = path_problem(self, url) {
                            at(&path, message);
                        }
                    }
                    Op::Poll {
                        every,
                        give_up_after,
                        ..
                    } => {
                        steps = steps.saturating_add(*give_up_after as usize);
                        check_seconds(*every, "every", &path, &mut at);
                        if !(1..=MAX_REFRESHES).contains(give_up_after) {
                            at(
                                &path,
                                format!(
                                    "`give_up_after` is {give_up_after}: from 1 to {MAX_REFRESHES} refreshes"
                                ),
                            );
                        }
                    }
                    Op::Wait { seconds } => check_seconds(*seconds, "seconds", &path, &mut at),
                    Op::RevalidateTag {
                        profile: Some(Expiry::Inline { expire }),
                        ..
                    } => check_seconds(*expire, "expire", &path, &mut at),
                    _ => {}
                }
            }
        }
        if steps > MAX_STEPS {
            at(
                &[Key("actors")],
                format!(
                    "{steps} steps in all (a poll counts as its refreshes): at most {MAX_STEPS}"
                ),
            );
        }
        problems
    }
}

fn known_reads(scenario: &Scenario) -> String {
    let keys: Vec<String> = scenario
        .app
        .reads
        .iter()
        .map(|read| format!("`{}`", read.key))
        .collect();
    if keys.is_empty() {
        "it has none".into()
    } else {
        format!("expected one of {}", keys.join(", "))
    }
}

/// Why visiting `url` cannot render: no route matches, or one of the reads
/// its route fills in does not exist.
fn path_problem(scenario: &Scenario, url: &str) -> Option<String> {
    let Some((route, reads)) = scenario.app.route_for(url) else {
        let patterns: Vec<String> = scenario
            .app
            .routes
            .iter()
            .map(|route| format!("`{}`", route.pattern))
            .collect();
        return Some(format!(
            "no route matches `{url}`: the app's routes are {}",
            if patterns.is_empty() {
                "none".into()
            } else {
                patterns.join(", ")
            }
        ));
    };
    let missing = reads.iter().find(|key| scenario.app.read(key).is_none())?;
    Some(format!(
        "`{url}` renders `{}`, which reads `{missing}`, not a read of the app: {}",
        route.pattern,
        known_reads(scenario)
    ))
}

fn check_seconds(
    seconds: u64,
    what: &str,
    path: &[Segment],
    at: &mut impl FnMut(&[Segment], String),
) {
    if seconds > MAX_SECONDS {
        at(
            path,
            format!("`{what}` is {seconds} seconds: at most {MAX_SECONDS} (ten years)"),
        );
    }
}

fn check_times(times: &Times, path: &[Segment], at: &mut impl FnMut(&[Segment], String)) {
    check_seconds(times.stale, "stale", path, at);
    if let Some(seconds) = times.revalidate {
        check_seconds(seconds, "revalidate", path, at);
    }
    if let Some(seconds) = times.expire {
        check_seconds(seconds, "expire", path, at);
    }
}
