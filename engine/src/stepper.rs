//! Running a scenario one step at a time, with back and forward.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::caption::caption;
use crate::event::Event;
use crate::script::Scenario;
use crate::snapshot::Snapshot;
use crate::state::{PageView, State};

/// Who ran a step that no actor ran: the queued background recomputes.
pub const SERVER: &str = "server";

/// One step of a run: who did what, in words, as events, and the state after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The actor's name, or [`SERVER`] for a background recompute.
    pub actor: String,
    /// The step as code: `router.refresh()`, `revalidateTag("org:acme", 'max')`.
    pub action: String,
    /// A sentence built from the events.
    pub caption: String,
    /// What happened.
    pub events: Vec<Event>,
    /// The state after it.
    pub snapshot: Snapshot,
}

#[derive(Clone, Debug)]
struct Frame {
    state: State,
    steps: Vec<Step>,
}

/// A run you can step, rewind and replay: what the stepper and playground hold.
///
/// ```
/// # use cache_engine::prelude::*;
/// let mut run = Stepper::new(race::checkout_race(&race::RaceOptions::default()));
/// let browser = run.scenario().actor("browser").unwrap();
/// run.step(browser); // redirected to the success page
/// assert_eq!(run.page("browser").unwrap().value("entitlement"), Some("Free"));
/// run.back();
/// assert!(run.page("browser").is_none());
/// run.forward();
/// assert!(run.page("browser").is_some());
/// ```
#[derive(Clone, Debug)]
pub struct Stepper {
    scenario: Rc<Scenario>,
    frames: Vec<Frame>,
    at: usize,
}

impl Stepper {
    /// A run at its start (warm paths rendered, as step zero when there are any).
    pub fn new(scenario: Scenario) -> Stepper {
        let mut events = Vec::new();
        let state = State::new(&scenario, &mut events);
        let steps = if events.is_empty() {
            Vec::new()
        } else {
            vec![Step {
                actor: SERVER.into(),
                action: "warm the cache".into(),
                caption: caption(&events),
                snapshot: Snapshot::of(&scenario, &state),
                events,
            }]
        };
        Stepper {
            scenario: Rc::new(scenario),
            frames: vec![Frame { state, steps }],
            at: 0,
        }
    }

    /// A run of `scenario` starting from `state` (from an earlier run, or a
    /// snapshot the playground kept), with every actor's script from its start.
    pub fn resume(scenario: Scenario, mut state: State) -> Stepper {
        state
            .actors
            .resize(scenario.actors.len(), Default::default());
        for actor in &mut state.actors {
            actor.cursor = 0;
            actor.polls = 0;
        }
        Stepper {
            scenario: Rc::new(scenario),
            frames: vec![Frame {
                state,
                steps: Vec::new(),
            }],
            at: 0,
        }
    }

    /// The scenario being run.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The current state.
    pub fn state(&self) -> &State {
        &self.frames[self.at].state
    }

    /// Actors that still have steps.
    pub fn enabled(&self) -> Vec<usize> {
        (0..self.scenario.actors.len())
            .filter(|&actor| self.state().enabled(&self.scenario, actor))
            .collect()
    }

    /// Whether every actor is done.
    pub fn done(&self) -> bool {
        self.state().done(&self.scenario)
    }

    /// Run one step of `actor`, then each background recompute it queued as
    /// its own step. Returns the new steps (none if the actor was done).
    /// Anything stepped back over is forgotten.
    pub fn step(&mut self, actor: usize) -> &[Step] {
        self.frames.truncate(self.at + 1);
        let scenario = Rc::clone(&self.scenario);
        let mut state = self.state().clone();
        let mut steps = Vec::new();
        if state.enabled(&scenario, actor) {
            let script = &scenario.actors[actor];
            let action = script.steps[state.actors[actor].cursor].code();
            let mut events = Vec::new();
            state.step(&scenario, actor, &mut events);
            steps.push(make_step(&scenario, &state, &script.name, action, events));
            loop {
                let mut events = Vec::new();
                if !state.recompute_next(&scenario, &mut events) {
                    break;
                }
                steps.push(make_step(
                    &scenario,
                    &state,
                    SERVER,
                    "background recompute".into(),
                    events,
                ));
            }
        }
        self.frames.push(Frame { state, steps });
        self.at += 1;
        &self.frames[self.at].steps
    }

    /// Run the given actors' steps in order, then finish.
    pub fn run_schedule(mut self, schedule: &[usize]) -> Stepper {
        for &actor in schedule {
            self.step(actor);
        }
        self.finish()
    }

    /// Run the scenario's default schedule, then finish.
    pub fn run_default(self) -> Stepper {
        let schedule = self.scenario.default_schedule();
        self.run_schedule(&schedule)
    }

    /// Run whatever is left, each actor to its end in the scenario's order.
    pub fn finish(mut self) -> Stepper {
        while let Some(&actor) = self.enabled().first() {
            self.step(actor);
        }
        self
    }

    /// Undo the last [`Stepper::step`]; `false` at the start.
    pub fn back(&mut self) -> bool {
        let moved = self.at > 0;
        self.at = self.at.saturating_sub(1);
        moved
    }

    /// Redo what [`Stepper::back`] undid; `false` when there is nothing to redo.
    pub fn forward(&mut self) -> bool {
        let moved = self.at + 1 < self.frames.len();
        if moved {
            self.at += 1;
        }
        moved
    }

    /// Every step up to the current one.
    pub fn steps(&self) -> Vec<&Step> {
        self.frames[..=self.at]
            .iter()
            .flat_map(|frame| &frame.steps)
            .collect()
    }

    /// Every step up to the current one, handed over rather than copied.
    pub fn into_steps(mut self) -> Vec<Step> {
        self.frames.truncate(self.at + 1);
        self.frames
            .into_iter()
            .flat_map(|frame| frame.steps)
            .collect()
    }

    /// The whole event log up to the current step.
    pub fn log(&self) -> Vec<&Event> {
        self.steps()
            .into_iter()
            .flat_map(|step| &step.events)
            .collect()
    }

    /// The state now, as a UI shows it.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot::of(&self.scenario, self.state())
    }

    /// What an actor's browser shows now.
    pub fn page(&self, actor: &str) -> Option<&PageView> {
        let index = self.scenario.actor(actor)?;
        self.state().actors[index].page.as_ref()
    }
}

fn make_step(
    scenario: &Scenario,
    state: &State,
    actor: &str,
    action: String,
    events: Vec<Event>,
) -> Step {
    Step {
        actor: actor.into(),
        caption: caption(&events),
        snapshot: Snapshot::of(scenario, state),
        action,
        events,
    }
}

impl Scenario {
    /// Run the default schedule to the end.
    pub fn run(self) -> Stepper {
        Stepper::new(self).run_default()
    }

    /// Run these actors' steps in order (indices), then to the end.
    pub fn run_schedule(self, schedule: &[usize]) -> Stepper {
        Stepper::new(self).run_schedule(schedule)
    }
}
