//! Every interleaving of the actors' scripts, and what each one ends in.

use crate::map::Map;

use serde::{Deserialize, Serialize};

use crate::event::Event;
use crate::script::Scenario;
use crate::state::{PollEnd, State};

/// How one interleaving ends, as a reader would tell them apart.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Outcome {
    /// How each polling actor's poll ended (`None`: it never polled).
    pub polls: Map<String, Option<PollEnd>>,
    /// What each actor's page shows at the end, values joined by `, `.
    pub pages: Map<String, String>,
    /// Reads left served as valid with a value the rows contradict.
    pub stale_for_good: Vec<String>,
}

/// All interleavings that end the same way, and one to replay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeGroup {
    /// How they end.
    pub outcome: Outcome,
    /// How many interleavings end so.
    pub count: u64,
    /// The first one found, as actor indices: pass it to
    /// [`Scenario::run_schedule`] to watch it in the stepper.
    pub schedule: Vec<usize>,
}

/// The explorer's summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exploration {
    /// How many distinct interleavings exist.
    pub interleavings: u64,
    /// Their outcomes, most common first.
    pub outcomes: Vec<OutcomeGroup>,
}

impl Exploration {
    /// Whether any interleaving leaves an entry stale for good.
    pub fn any_stale_for_good(&self) -> bool {
        self.outcomes
            .iter()
            .any(|group| !group.outcome.stale_for_good.is_empty())
    }

    /// The poll ends reached by `actor` across all interleavings, with counts.
    pub fn poll_ends(&self, actor: &str) -> Map<Option<PollEnd>, u64> {
        let mut ends = Map::new();
        for group in &self.outcomes {
            let end = group.outcome.polls.get(actor).copied().flatten();
            *ends.get_or_insert_with(end, || 0) += group.count;
        }
        ends
    }
}

/// How many distinct states [`explore`] visits before it gives up: the
/// course's scenarios need a few hundred; a scenario past this would take
/// seconds and hundreds of megabytes.
pub const STATE_BUDGET: usize = 20_000;

/// The explorer gave up: the scenario has more states than its budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooManyStates {
    /// How many states it explored before giving up: the budget, and the
    /// few it was in the middle of.
    pub explored: usize,
}

impl std::fmt::Display for TooManyStates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "too many interleavings to enumerate: {} states explored, the budget is {STATE_BUDGET}; \
             use fewer actors or fewer steps",
            self.explored
        )
    }
}

impl std::error::Error for TooManyStates {}

/// Explore every interleaving of `scenario`'s actors. A background
/// recompute runs right after the step that queued it (the model assumes it
/// finishes before the next request), so it adds no interleavings.
///
/// Counts saturate at `u64::MAX`. Panics past [`STATE_BUDGET`]: the course's
/// scenarios and every race within its limits stay far below it, and a
/// scenario from a file goes through [`explore_within`].
///
/// ```
/// # use cache_engine::prelude::*;
/// let summary = explore(&race::checkout_race(&race::RaceOptions::default()));
/// assert!(!summary.any_stale_for_good());
/// // The page gets to Pro, unless the webhook lands after it gave up.
/// let ends = summary.poll_ends("browser");
/// assert!(ends.keys().all(|end| matches!(end, Some(PollEnd::Shown(_) | PollEnd::GaveUp(10)))));
/// // Replay one interleaving per outcome in the stepper.
/// let group = &summary.outcomes[0];
/// let run = race::checkout_race(&Default::default()).run_schedule(&group.schedule);
/// assert_eq!(race::shown_after(&run), group.outcome.polls["browser"]);
/// ```
pub fn explore(scenario: &Scenario) -> Exploration {
    explore_within(scenario, STATE_BUDGET).unwrap_or_else(|too_many| panic!("{too_many}"))
}

/// [`explore`], giving up after `budget` distinct states.
///
/// ```
/// # use cache_engine::prelude::*;
/// let race = race::checkout_race(&race::RaceOptions::default());
/// assert!(explore_within(&race, 5).unwrap_err().explored > 5);
/// assert!(explore_within(&race, cache_engine::explore::STATE_BUDGET).is_ok());
/// ```
pub fn explore_within(scenario: &Scenario, budget: usize) -> Result<Exploration, TooManyStates> {
    let mut scratch = Vec::new();
    let start = State::new(scenario, &mut scratch);
    let mut memo = Map::new();
    // Most common first, ties in outcome order: a stable insertion, as
    // there are only a handful, and the standard sort compiles kilobytes
    // of Wasm per element type (`cargo xtask test` refuses it).
    let mut outcomes: Vec<OutcomeGroup> = Vec::new();
    let walked = walk(scenario, start, &mut memo, &mut scratch, budget).ok_or(TooManyStates {
        explored: memo.len(),
    })?;
    for (outcome, (count, schedule)) in walked {
        let at = outcomes.partition_point(|group| group.count >= count);
        outcomes.insert(
            at,
            OutcomeGroup {
                outcome,
                count,
                schedule,
            },
        );
    }
    Ok(Exploration {
        interleavings: outcomes
            .iter()
            .fold(0, |sum: u64, group| sum.saturating_add(group.count)),
        outcomes,
    })
}

type Groups = Map<Outcome, (u64, Vec<usize>)>;

/// Outcomes reachable from `state`, each with its count and one schedule
/// suffix; `None` past `budget` states. Two schedules that reach the same
/// state share everything after it, so each state is explored once. It
/// recurses once per step of a run, which [`Scenario::problems`] bounds.
fn walk(
    scenario: &Scenario,
    state: State,
    memo: &mut Map<State, Groups>,
    scratch: &mut Vec<Event>,
    budget: usize,
) -> Option<Groups> {
    if let Some(groups) = memo.get(&state) {
        return Some(groups.clone());
    }
    if memo.len() >= budget {
        // Counted as explored, so the report says how far it got.
        memo.insert(state, Groups::new());
        return None;
    }
    let mut groups = Groups::new();
    let enabled: Vec<usize> = (0..scenario.actors.len())
        .filter(|&actor| state.enabled(scenario, actor))
        .collect();
    if enabled.is_empty() {
        groups.insert(outcome(scenario, &state), (1, Vec::new()));
    }
    for actor in enabled {
        let mut next = state.clone();
        scratch.clear();
        next.step(scenario, actor, scratch);
        while next.recompute_next(scenario, scratch) {}
        for (outcome, (count, suffix)) in walk(scenario, next, memo, scratch, budget)? {
            let slot = groups.get_or_insert_with(outcome, || {
                let mut schedule = vec![actor];
                schedule.extend(&suffix);
                (0, schedule)
            });
            slot.0 = slot.0.saturating_add(count);
        }
    }
    memo.insert(state, groups.clone());
    Some(groups)
}

fn outcome(scenario: &Scenario, state: &State) -> Outcome {
    let mut polls = Map::new();
    let mut pages = Map::new();
    for (script, actor) in scenario.actors.iter().zip(&state.actors) {
        if script
            .steps
            .iter()
            .any(|op| matches!(op, crate::script::Op::Poll { .. }))
        {
            polls.insert(script.name.clone(), actor.poll_end);
        }
        if let Some(page) = &actor.page {
            let values: Vec<&str> = page
                .values
                .iter()
                .map(|(_, value)| value.as_str())
                .collect();
            pages.insert(script.name.clone(), values.join(", "));
        }
    }
    Outcome {
        polls,
        pages,
        stale_for_good: state.world.stale_for_good(&scenario.app),
    }
}
