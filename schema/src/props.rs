use serde::{Deserialize, Serialize};

use crate::Exercise;

/// What the preprocessor writes into a placeholder's JSON island and the
/// widgets read back.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WidgetProps {
    /// The exercise's stable id, unique across the book.
    pub id: String,
    /// A hash of the exercise's content: saved progress is keyed by it, so
    /// editing an exercise discards answers given to its old version.
    pub version: String,
    pub exercise: Exercise,
}

impl WidgetProps {
    /// The localStorage key of this exercise's saved progress.
    pub fn storage_key(&self) -> String {
        format!("fresh-reads:{}:{}", self.id, self.version)
    }
}
