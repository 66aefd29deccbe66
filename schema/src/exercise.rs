use serde::{Deserialize, Serialize};

use crate::{
    DecisionExercise, OrderingExercise, PlaygroundExercise, RaceExercise, ScenarioExercise,
    SortingExercise, WalkthroughExercise,
};

/// Text that is Markdown in an exercise file and sanitised HTML in the page.
///
/// The preprocessor renders every `Rich` field at build time, so the Wasm
/// bundle carries no Markdown parser and an exercise file cannot put a script
/// into the page.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Rich(pub String);

/// The kinds of exercise, as written in an exercise file's `kind` key.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Ordering,
    Sorting,
    Decision,
    Scenario,
    Walkthrough,
    Race,
    Playground,
}

impl Kind {
    pub const ALL: &[Kind] = &[
        Kind::Ordering,
        Kind::Sorting,
        Kind::Decision,
        Kind::Scenario,
        Kind::Walkthrough,
        Kind::Race,
        Kind::Playground,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Ordering => "ordering",
            Kind::Sorting => "sorting",
            Kind::Decision => "decision",
            Kind::Scenario => "scenario",
            Kind::Walkthrough => "walkthrough",
            Kind::Race => "race",
            Kind::Playground => "playground",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|kind| kind.name() == name)
    }
}

/// An exercise of any kind, as the page carries it: `{"<kind>": {fields}}`.
///
/// Externally tagged on purpose: serde reads an internally tagged enum by
/// buffering it first, which costs kilobytes of Wasm for every kind. A file
/// puts `kind` beside the fields instead ([`ExerciseFile`]); the preprocessor
/// reads `kind` first and then the kind's own type, so errors in those fields
/// keep their line and column.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum Exercise {
    Ordering(OrderingExercise),
    Sorting(SortingExercise),
    Decision(DecisionExercise),
    Scenario(ScenarioExercise),
    Walkthrough(WalkthroughExercise),
    Race(RaceExercise),
    Playground(PlaygroundExercise),
}

/// The shape of an exercise file, `kind` beside the kind's fields: only for
/// its JSON Schema (`cargo xtask schema`), never deserialised.
#[cfg(feature = "json-schema")]
#[derive(schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ExerciseFile {
    Ordering(OrderingExercise),
    Sorting(SortingExercise),
    Decision(DecisionExercise),
    Scenario(ScenarioExercise),
    Walkthrough(WalkthroughExercise),
    Race(RaceExercise),
    Playground(PlaygroundExercise),
}

impl Exercise {
    pub fn kind(&self) -> Kind {
        match self {
            Exercise::Ordering(_) => Kind::Ordering,
            Exercise::Sorting(_) => Kind::Sorting,
            Exercise::Decision(_) => Kind::Decision,
            Exercise::Scenario(_) => Kind::Scenario,
            Exercise::Walkthrough(_) => Kind::Walkthrough,
            Exercise::Race(_) => Kind::Race,
            Exercise::Playground(_) => Kind::Playground,
        }
    }
}
