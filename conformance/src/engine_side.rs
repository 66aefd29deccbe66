//! The engine's run of a scenario, one schedule entry at a time, in the
//! terms of [`Observation`].

use cache_engine::event::{Event, ReadOutcome, WarningKind};
use cache_engine::script::Scenario;
use cache_engine::stepper::Stepper;

use crate::observe::{Answer, Observation, Seen};

/// One schedule entry: the actor, its step as code, and what it showed.
pub struct EngineStep {
    pub actor: String,
    pub action: String,
    pub observation: Observation,
}

fn observe(events: &[Event], into: &mut Observation) {
    for event in events {
        match event {
            Event::Read {
                read,
                outcome,
                value,
                ..
            } => into.reads.push(Seen {
                read: read.clone(),
                answer: match outcome {
                    ReadOutcome::Hit => Answer::Hit,
                    ReadOutcome::Stale => Answer::Stale,
                    ReadOutcome::Miss | ReadOutcome::Expired | ReadOutcome::Uncached => {
                        Answer::Computed
                    }
                },
                value: value.clone(),
            }),
            Event::Error { message, .. } => into.errors.push(message.clone()),
            Event::Respond { status, .. } => into.statuses.push(*status),
            // Only the warnings Next.js logs itself; the model's own
            // (an invalidation that reached nothing) have no counterpart.
            Event::Warning { kind, message, .. } if *kind != WarningKind::ZeroMatched => {
                into.warnings.push(message.clone());
            }
            _ => {}
        }
    }
}

/// Run `scenario` through its schedule, then each actor to its end, as
/// [`Stepper::run_schedule`] does. The warm-up is left out: the real app's
/// static pages were prerendered by `next build` instead.
pub fn run(scenario: &Scenario) -> Vec<EngineStep> {
    let mut stepper = Stepper::new(scenario.clone());
    let mut out = Vec::new();
    let mut schedule = scenario.default_schedule().into_iter();
    loop {
        let actor = match schedule.next() {
            Some(actor) => actor,
            None => match stepper.enabled().first() {
                Some(&actor) => actor,
                None => break,
            },
        };
        if !stepper.state().enabled(scenario, actor) {
            continue;
        }
        let name = scenario.actors[actor].name.clone();
        let steps = stepper.step(actor);
        let mut observation = Observation::default();
        for step in steps {
            observe(&step.events, &mut observation);
        }
        out.push(EngineStep {
            action: steps.first().map(|s| s.action.clone()).unwrap_or_default(),
            actor: name,
            observation,
        });
    }
    out
}
