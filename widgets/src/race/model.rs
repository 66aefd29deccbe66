//! The stepper's state and everything it derives from the engine: no Yew.

use cache_engine::prelude::*;
use cache_engine::race::{Arrival, Fires, MAX_POLL_EVERY, MAX_REFRESHES, PLAN_ROW, RaceOptions};
use cache_engine::stepper::SERVER;

use crate::json::json_saved;

/// The cached read the race is about.
pub const READ: &str = "entitlement";

/// What the reader chose, as saved between visits.
#[derive(Clone, PartialEq, Debug)]
pub struct Saved {
    pub options: RaceOptions,
    /// The current step, from 0.
    pub step: usize,
    /// An interleaving loaded from the explorer, as actor indices.
    pub schedule: Option<Vec<usize>>,
}

json_saved!(Saved {
    options,
    step,
    schedule
});

impl Saved {
    pub fn new(options: RaceOptions) -> Saved {
        Saved {
            options,
            step: 0,
            schedule: None,
        }
    }

    /// Whether saved options are ones the engine may run: the engine's
    /// limits, which the preprocessor and the controls use too.
    pub fn usable(&self) -> bool {
        self.options.within_limits()
            && self
                .schedule
                .as_ref()
                .is_none_or(|s| s.iter().all(|&a| a < 2))
    }
}

/// A run: every step the engine made, and how the poll ended.
#[derive(Clone, PartialEq, Debug)]
pub struct Run {
    pub steps: Vec<Step>,
    pub end: Option<PollEnd>,
    /// The reads left stale with no recompute coming, at the end.
    pub stale_for_good: Vec<String>,
}

/// Runs the race with `options`, on its default schedule or on `schedule`.
pub fn run(options: &RaceOptions, schedule: Option<&[usize]>) -> Run {
    let scenario = race::checkout_race(options);
    let run = match schedule {
        Some(schedule) => scenario.run_schedule(schedule),
        None => scenario.run(),
    };
    Run {
        end: race::shown_after(&run),
        stale_for_good: run.state().world.stale_for_good(&run.scenario().app),
        steps: run.into_steps(),
    }
}

/// The lanes, left to right.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lane {
    Browser,
    Webhook,
    Cache,
    Database,
}

impl Lane {
    pub const ALL: [Lane; 4] = [Lane::Browser, Lane::Webhook, Lane::Cache, Lane::Database];

    pub fn title(self) -> &'static str {
        match self {
            Lane::Browser => "Browser: the success page",
            Lane::Webhook => "Stripe webhook",
            Lane::Cache => "Cached entitlement read",
            Lane::Database => "Database row",
        }
    }

    /// Its `data-lane`, for CSS and tests.
    pub fn key(self) -> &'static str {
        match self {
            Lane::Browser => "browser",
            Lane::Webhook => "webhook",
            Lane::Cache => "cache",
            Lane::Database => "database",
        }
    }

    /// The lane in which a step happened.
    pub fn of(step: &Step) -> Lane {
        match step.actor.as_str() {
            "browser" => Lane::Browser,
            "webhook" => Lane::Webhook,
            SERVER => Lane::Cache,
            _ => Lane::Database,
        }
    }
}

/// What the success page shows after a step: its value, or why there is none.
pub fn page_shows(step: &Step) -> String {
    match step.snapshot.pages.get("browser") {
        Some(page) => {
            let mut shown = page.value(READ).unwrap_or("nothing").to_string();
            if let Some(notice) = &page.notice {
                shown.push_str(" — ");
                shown.push_str(notice);
            }
            shown
        }
        None => "not open yet".into(),
    }
}

/// The plan row after a step, with an uncommitted write if one is open.
pub fn row(step: &Step) -> String {
    let committed = step
        .snapshot
        .rows
        .get(PLAN_ROW)
        .map_or("missing", String::as_str);
    let pending = step
        .snapshot
        .transactions
        .values()
        .find_map(|writes| writes.get(PLAN_ROW).cloned().flatten());
    match pending {
        Some(value) => format!("{committed} (uncommitted: {value})"),
        None => committed.to_string(),
    }
}

/// What the webhook has done by `upto`: its last action, or that it has not come.
pub fn webhook_status(steps: &[Step], upto: usize) -> String {
    steps[..=upto.min(steps.len().saturating_sub(1))]
        .iter()
        .rev()
        .find(|step| step.actor == "webhook")
        .map_or_else(|| "not arrived yet".into(), |step| step.action.clone())
}

/// The words for an arrival, a fires choice, and a poll's end.
pub fn fires_code(fires: Fires) -> &'static str {
    match fires {
        Fires::Max => "revalidateTag(tag, 'max')",
        Fires::ExpireNow => "revalidateTag(tag, { expire: 0 })",
        Fires::UpdateTag => "updateTag(tag)",
        Fires::Nothing => "nothing",
    }
}

pub fn end_words(end: Option<PollEnd>) -> String {
    match end {
        Some(PollEnd::Shown(polls)) => format!("Pro after {polls} {}", refreshes(polls)),
        Some(PollEnd::GaveUp(polls)) => format!("gave up after {polls} {}", refreshes(polls)),
        None => "never polled".into(),
    }
}

fn refreshes(count: u32) -> &'static str {
    if count == 1 { "refresh" } else { "refreshes" }
}

/// One row of the explorer's table.
#[derive(Clone, PartialEq, Debug)]
pub struct OutcomeRow {
    pub count: u64,
    pub end: Option<PollEnd>,
    pub page: String,
    pub converges: bool,
    pub stale_for_good: Vec<String>,
    pub schedule: Vec<usize>,
}

impl OutcomeRow {
    /// Whether `run` ended as this row's outcome: how the poll ended, what
    /// the page shows and what is stale for good.
    pub fn is(&self, run: &Run) -> bool {
        let page = run
            .steps
            .last()
            .and_then(|step| step.snapshot.pages.get("browser"));
        self.end == run.end
            && page.and_then(|page| page.value(READ)) == Some(self.page.as_str())
            && self.stale_for_good == run.stale_for_good
    }

    /// Whether and when the page shows Pro: while polling, only on a later
    /// visit (the poll gave up first, but nothing is stale for good), or
    /// never.
    pub fn reaches_pro(&self) -> &'static str {
        match (self.converges, self.stale_for_good.is_empty()) {
            (true, _) => "yes, while polling",
            (false, true) => "not while polling; on a later visit",
            (false, false) => "never",
        }
    }
}

/// The explorer's summary, as table rows.
pub fn outcome_rows(exploration: &Exploration) -> Vec<OutcomeRow> {
    exploration
        .outcomes
        .iter()
        .map(|group| {
            let end = group.outcome.polls.get("browser").copied().flatten();
            OutcomeRow {
                count: group.count,
                end,
                page: group
                    .outcome
                    .pages
                    .get("browser")
                    .cloned()
                    .unwrap_or_default(),
                converges: matches!(end, Some(PollEnd::Shown(_)))
                    && group.outcome.stale_for_good.is_empty(),
                stale_for_good: group.outcome.stale_for_good.clone(),
                schedule: group.schedule.clone(),
            }
        })
        .collect()
}

/// The arrival as the control's two parts: a kind and a number of polls.
pub fn arrival_kind(arrival: Arrival) -> &'static str {
    match arrival {
        Arrival::BeforeRedirect => "before-redirect",
        Arrival::AfterPolls(_) => "after-polls",
        Arrival::Never => "never",
    }
}

pub fn fires_key(fires: Fires) -> &'static str {
    match fires {
        Fires::Max => "max",
        Fires::ExpireNow => "expire-now",
        Fires::UpdateTag => "update-tag",
        Fires::Nothing => "nothing",
    }
}

pub const FIRES: [Fires; 4] = Fires::ALL;

/// A what-if change from a control.
#[derive(Clone, Debug, PartialEq)]
pub enum WhatIf {
    Arrival(String),
    Polls(String),
    Fires(String),
    Interval(String),
    Limit(String),
}

/// The options after a control changed; `None` when the input is not a
/// usable value (the control keeps its old value).
pub fn apply(options: RaceOptions, change: &WhatIf) -> Option<RaceOptions> {
    let polls = match options.arrival {
        Arrival::AfterPolls(polls) => polls,
        _ => 1,
    };
    let mut next = options;
    match change {
        WhatIf::Arrival(kind) => {
            next.arrival = match kind.as_str() {
                "before-redirect" => Arrival::BeforeRedirect,
                "after-polls" => Arrival::AfterPolls(polls),
                "never" => Arrival::Never,
                _ => return None,
            }
        }
        WhatIf::Polls(text) => {
            let polls: u32 = text.trim().parse().ok().filter(|&p| p <= MAX_REFRESHES)?;
            next.arrival = Arrival::AfterPolls(polls);
        }
        WhatIf::Fires(key) => {
            next.fires = *FIRES.iter().find(|fires| fires_key(**fires) == key)?;
        }
        WhatIf::Interval(text) => {
            next.poll_every = text
                .trim()
                .parse()
                .ok()
                .filter(|s| (1..=MAX_POLL_EVERY).contains(s))?;
        }
        WhatIf::Limit(text) => {
            next.give_up_after = text
                .trim()
                .parse()
                .ok()
                .filter(|n| (1..=MAX_REFRESHES).contains(n))?;
        }
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(run: &Run) -> Vec<String> {
        // The page's value at each browser render, as the engine's test counts them.
        let mut seen = Vec::new();
        for step in &run.steps {
            if step.actor == "browser" {
                seen.push(page_shows(step));
            }
        }
        seen
    }

    #[test]
    fn the_default_run_shows_free_three_times_then_pro() {
        let run = run(&RaceOptions::default(), None);
        assert_eq!(values(&run), ["Free", "Free", "Free", "Pro"]);
        assert_eq!(run.end, Some(PollEnd::Shown(3)));
        assert!(
            run.steps
                .iter()
                .any(|s| Lane::of(s) == Lane::Cache && s.actor == SERVER)
        );
    }

    #[test]
    fn what_ifs_parse_and_refuse_bad_input() {
        let d = RaceOptions::default();
        assert_eq!(apply(d, &WhatIf::Interval("0".into())), None);
        assert_eq!(apply(d, &WhatIf::Limit("x".into())), None);
        let never = apply(d, &WhatIf::Arrival("never".into())).unwrap();
        assert_eq!(never.arrival, Arrival::Never);
        let after = apply(never, &WhatIf::Arrival("after-polls".into())).unwrap();
        assert_eq!(after.arrival, Arrival::AfterPolls(1));
        let expire = apply(d, &WhatIf::Fires("expire-now".into())).unwrap();
        assert_eq!(values(&run(&expire, None)), ["Free", "Free", "Pro"]);
    }

    #[test]
    fn explorer_rows_replay_to_their_outcome() {
        let options = RaceOptions::default();
        let exploration = explore(&race::checkout_race(&options));
        let rows = outcome_rows(&exploration);
        assert_eq!(
            rows.iter().map(|r| r.count).sum::<u64>(),
            exploration.interleavings
        );
        for row in rows {
            assert_eq!(run(&options, Some(&row.schedule)).end, row.end);
        }
    }

    #[test]
    fn saved_state_outside_the_limits_is_not_used() {
        let mut saved = Saved::new(RaceOptions::default());
        assert!(saved.usable());
        saved.options.poll_every = 0;
        assert!(!saved.usable());
        let mut saved = Saved::new(RaceOptions::default());
        saved.schedule = Some(vec![0, 7]);
        assert!(!saved.usable());
    }

    /// A preset at each limit and one past it, built as the book builds
    /// it: what the build accepts, the widget keeps, and the controls can
    /// reach; what the build refuses is past them.
    #[test]
    fn the_build_and_the_widget_agree_on_every_limit() {
        let scratch = tempfile::tempdir().unwrap();
        let root = scratch.path();
        /// A field, how a number is written in it, and its limit.
        type Preset = (&'static str, fn(u64) -> String, u64);
        let presets: [Preset; 3] = [
            ("poll_every", |n| n.to_string(), MAX_POLL_EVERY),
            ("give_up_after", |n| n.to_string(), MAX_REFRESHES.into()),
            (
                "arrival",
                |n| format!("{{ after-polls = {n} }}"),
                MAX_REFRESHES.into(),
            ),
        ];
        for (field, write, limit) in presets {
            let (at_limit, past) = (write(limit), write(limit + 1));
            for (value, accepted) in [(at_limit, true), (past, false)] {
                let text =
                    format!("kind = \"race\"\nprompt = \"p\"\n[options]\n{field} = {value}\n");
                std::fs::write(root.join("race.toml"), &text).unwrap();
                let loaded =
                    mdbook_fresh_reads::load(root, std::path::Path::new("race.toml"), "race");
                assert_eq!(loaded.is_ok(), accepted, "{text}: {loaded:?}");
                let Ok(props) = loaded else { continue };
                let course_schema::Exercise::Race(race) = props.exercise else {
                    panic!("a race")
                };
                assert!(
                    Saved::new(race.options).usable(),
                    "{text}: the widget drops it"
                );
                let polls = match race.options.arrival {
                    Arrival::AfterPolls(polls) => polls,
                    _ => 0,
                };
                for change in [
                    WhatIf::Polls(polls.to_string()),
                    WhatIf::Interval(race.options.poll_every.to_string()),
                    WhatIf::Limit(race.options.give_up_after.to_string()),
                ] {
                    let reached = apply(RaceOptions::default(), &change);
                    assert!(reached.is_some(), "{text}: the controls cannot reach it");
                }
            }
        }
    }
}
