//! What a UI shows at one step: clock, rows, cache, queue, pages.

use crate::map::Map;

use serde::{Deserialize, Serialize};

use crate::script::Scenario;
use crate::state::{PageView, State};
use crate::world::EntryState;

/// One cache entry as a UI shows it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EntryView {
    /// The read's key.
    pub read: String,
    /// The cached value.
    pub value: String,
    /// Fresh, stale or expired at this step's clock.
    pub state: EntryState,
    /// Its explicit tags.
    pub tags: Vec<String>,
}

/// The whole visible state after a step.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Snapshot {
    /// Virtual seconds.
    pub clock: u64,
    /// Committed rows.
    pub rows: Map<String, String>,
    /// The data cache.
    pub entries: Vec<EntryView>,
    /// Reads waiting for their background recompute.
    pub pending: Vec<String>,
    /// What each actor's browser shows, by actor name.
    pub pages: Map<String, PageView>,
    /// Uncommitted writes by actor name; `None` is a removal.
    pub transactions: Map<String, Map<String, Option<String>>>,
}

impl Snapshot {
    /// The snapshot of `state`.
    pub fn of(scenario: &Scenario, state: &State) -> Snapshot {
        let world = &state.world;
        let named = |i: usize| scenario.actors[i].name.clone();
        Snapshot {
            clock: world.clock,
            rows: world.rows.clone(),
            entries: world
                .entries
                .iter()
                .map(|(read, entry)| EntryView {
                    read: read.clone(),
                    value: entry.value.clone(),
                    state: entry.state(world.clock),
                    tags: entry.tags.clone(),
                })
                .collect(),
            pending: world.pending.clone(),
            pages: state
                .actors
                .iter()
                .enumerate()
                .filter_map(|(i, actor)| Some((named(i), actor.page.clone()?)))
                .collect(),
            transactions: state
                .actors
                .iter()
                .enumerate()
                .filter_map(|(i, actor)| Some((named(i), actor.transaction.clone()?)))
                .collect(),
        }
    }

    /// The cache entry of one read.
    pub fn entry(&self, read: &str) -> Option<&EntryView> {
        self.entries.iter().find(|entry| entry.read == read)
    }
}
