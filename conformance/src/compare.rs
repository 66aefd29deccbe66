//! The two runs side by side, step by step.

use crate::drive::NextStep;
use crate::engine_side::EngineStep;
use crate::observe::Observation;

/// One row of the table.
pub struct Row {
    pub step: usize,
    pub actor: String,
    pub action: String,
    pub engine: Option<Observation>,
    pub next: Option<Observation>,
    /// Both sides ran the same actor at this step.
    pub same_actor: bool,
}

impl Row {
    pub fn agrees(&self) -> bool {
        self.same_actor && self.engine == self.next
    }
}

/// Pair the steps in order; a step only one side ran is a disagreement.
pub fn pair(engine: Vec<EngineStep>, next: Vec<NextStep>) -> Vec<Row> {
    let len = engine.len().max(next.len());
    let mut engine = engine.into_iter();
    let mut next = next.into_iter();
    (1..=len)
        .map(|step| {
            let e = engine.next();
            let n = next.next();
            let actor = e
                .as_ref()
                .map(|e| e.actor.clone())
                .or_else(|| n.as_ref().map(|n| n.actor.clone()))
                .unwrap_or_default();
            let same_actor = match (&e, &n) {
                (Some(e), Some(n)) => e.actor == n.actor,
                _ => false,
            };
            Row {
                same_actor,
                step,
                actor,
                action: e.as_ref().map(|e| e.action.clone()).unwrap_or_default(),
                engine: e.map(|e| e.observation),
                next: n.map(|n| n.observation),
            }
        })
        .collect()
}
