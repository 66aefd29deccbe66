use serde::{Deserialize, Serialize};

use crate::Exercise;

/// What the preprocessor writes into a placeholder's JSON island and the
/// widgets read back.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct WidgetProps {
    /// The exercise's stable id, unique across the book.
    pub id: String,
    /// A hash of the exercise's content: saved progress is keyed by it, so
    /// editing an exercise discards answers given to its old version.
    pub version: String,
    pub exercise: Exercise,
}

/// The localStorage key of an exercise's saved progress: its id, and its
/// content's version, so that an edited exercise forgets answers given to
/// its old form. The widgets save under it and the browser tests read it.
pub fn storage_key(id: &str, version: &str) -> String {
    format!("fresh-reads:{id}:{version}")
}
