//! The serde types of exercises, shared by the preprocessor (which reads them
//! from `exercises/*.toml`) and the widgets (which read them from the JSON
//! island the preprocessor writes into the page).
//!
//! One set of types on both sides means the page can never carry props that
//! the widgets cannot read: a change here changes both ends at once.

mod exercise;
mod props;

pub use exercise::{Exercise, Kind, Rich, ScenarioExercise, ScenarioOption};
pub use props::WidgetProps;
