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
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Rich(pub String);

/// The one list of exercise kinds: each kind's variant, its name in files and
/// pages, and its type. [`Kind`], [`Exercise`] and `ExerciseFile` are
/// generated from it here, and crates that dispatch on every kind (the
/// preprocessor's rules, the widgets' bodies) generate their dispatch from it
/// too, with `course_schema::for_each_kind!(their_macro)`: `their_macro` is
/// called with the list. Adding a kind is a line here; ARCHITECTURE.md lists
/// what the compiler then asks for.
#[macro_export]
macro_rules! for_each_kind {
    ($callback:ident) => {
        $callback! {
            Ordering("ordering") => OrderingExercise,
            Sorting("sorting") => SortingExercise,
            Decision("decision") => DecisionExercise,
            Scenario("scenario") => ScenarioExercise,
            Walkthrough("walkthrough") => WalkthroughExercise,
            Race("race") => RaceExercise,
            Playground("playground") => PlaygroundExercise,
        }
    };
}

macro_rules! define_kinds {
    ($($variant:ident($name:literal) => $type:ident,)*) => {
        /// The kinds of exercise, as written in an exercise file's `kind` key.
        #[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Kind {
            $(#[serde(rename = $name)] $variant,)*
        }

        impl Kind {
            pub const ALL: &[Kind] = &[$(Kind::$variant),*];

            pub fn name(self) -> &'static str {
                match self {
                    $(Kind::$variant => $name,)*
                }
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
        #[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
        #[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
        pub enum Exercise {
            $(#[serde(rename = $name)] $variant($type),)*
        }

        /// The shape of an exercise file, `kind` beside the kind's fields: only for
        /// its JSON Schema (`cargo xtask schema`), never deserialised.
        #[cfg(feature = "json-schema")]
        #[derive(schemars::JsonSchema)]
        #[serde(tag = "kind")]
        pub enum ExerciseFile {
            $(#[serde(rename = $name)] $variant($type),)*
        }

        impl Exercise {
            pub fn kind(&self) -> Kind {
                match self {
                    $(Exercise::$variant(_) => Kind::$variant,)*
                }
            }
        }
    };
}

for_each_kind!(define_kinds);

impl Kind {
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|kind| kind.name() == name)
    }
}
