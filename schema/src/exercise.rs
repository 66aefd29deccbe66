use serde::{Deserialize, Serialize};

/// Text that is Markdown in an exercise file and sanitised HTML in the page.
///
/// The preprocessor renders every `Rich` field at build time, so the Wasm
/// bundle carries no Markdown parser and an exercise file cannot put a script
/// into the page.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(transparent)]
pub struct Rich(pub String);

/// The kinds of exercise, as written in an exercise file's `kind` key.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Scenario,
}

impl Kind {
    pub const ALL: &[Kind] = &[Kind::Scenario];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Scenario => "scenario",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|kind| kind.name() == name)
    }
}

/// An exercise of any kind. In the page it is tagged by `kind`; in a file the
/// preprocessor reads `kind` first and then the kind's own fields, so that
/// errors in those fields keep their line and column.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Exercise {
    Scenario(ScenarioExercise),
}

impl Exercise {
    pub fn kind(&self) -> Kind {
        match self {
            Exercise::Scenario(_) => Kind::Scenario,
        }
    }
}

/// Decide, then reveal: a situation, two to four options, one right answer,
/// and a reason for every option.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScenarioExercise {
    /// The situation the reader decides on.
    pub prompt: Rich,
    pub options: Vec<ScenarioOption>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScenarioOption {
    pub text: Rich,
    #[serde(default)]
    pub correct: bool,
    /// Why this option is right or wrong, shown after Reveal.
    pub why: Rich,
}
