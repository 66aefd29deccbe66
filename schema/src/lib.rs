//! The serde types of exercises, shared by the preprocessor (which reads them
//! from `exercises/*.toml`) and the widgets (which read them from the JSON
//! island the preprocessor writes into the page).
//!
//! One set of types on both sides means the page can never carry props that
//! the widgets cannot read: a change here changes both ends at once.

mod exercise;
mod kinds;
mod lines;
mod props;
mod simulator;

#[cfg(feature = "json-schema")]
pub use exercise::ExerciseFile;
pub use exercise::{Exercise, Kind, Rich};
pub use kinds::{
    Bucket, Choice, DecisionExercise, DecisionNode, OrderingExercise, OrderingStep,
    ScenarioExercise, ScenarioOption, Slot, SortingExercise, SortingItem, WalkthroughExercise,
    WalkthroughStep,
};
pub use lines::{LineRange, parse_lines};
pub use props::{WidgetProps, storage_key};
pub use simulator::{PlaygroundExercise, RaceExercise};
