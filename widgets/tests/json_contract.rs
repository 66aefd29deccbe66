//! The contract between the bundle's JSON and serde's, for arbitrary values
//! of every type the widgets read or write and every variant of each: what
//! `fresh-json`'s derived impls write is what serde_json writes, and each
//! side reads back what the other wrote. `props_json.rs` and `log_lines.rs`
//! hold the course's own data to the same; this holds the rest of the
//! value space (`Mutation::RemoveMember`, every `Fires`, empty and odd
//! strings, …).

use std::fmt::Debug;

use cache_engine::app::Mode;
use cache_engine::event::{Call, Event, ReadOutcome, RenderCause, WarningKind};
use cache_engine::invoicing::Mutation;
use cache_engine::race::{Arrival, Fires, RaceOptions};
use course_schema::{
    Bucket, Choice, DecisionExercise, DecisionNode, Exercise, OrderingExercise, OrderingStep,
    PlaygroundExercise, RaceExercise, Rich, ScenarioExercise, ScenarioOption, Slot,
    SortingExercise, SortingItem, WalkthroughExercise, WalkthroughStep, WidgetProps,
};
use fresh_reads_widgets::json::{self, FromJson, ToJson};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Both directions for one value, with what differs in the failure.
fn agrees<T>(value: &T) -> Result<(), TestCaseError>
where
    T: ToJson + FromJson + Serialize + DeserializeOwned + PartialEq + Debug,
{
    let ours = json::stringify(value);
    let theirs = serde_json::to_string(value).expect("serde_json writes every value");
    prop_assert_eq!(&ours, &theirs, "written differently");
    let read: T = json::parse(&theirs).map_err(|error| {
        TestCaseError::fail(format!("fresh-json cannot read {theirs}: {error}"))
    })?;
    prop_assert_eq!(&read, value, "fresh-json read back something else");
    let read: T = serde_json::from_str(&ours)
        .map_err(|error| TestCaseError::fail(format!("serde_json cannot read {ours}: {error}")))?;
    prop_assert_eq!(&read, value, "serde_json read back something else");
    Ok(())
}

macro_rules! contract {
    ($($test:ident: $type:ty,)*) => {
        proptest! {
            // Small collections, many cases: the contract is in the shapes
            // (every variant, absent and present options, odd text), not in
            // long lists.
            #![proptest_config(ProptestConfig {
                cases: 64,
                max_default_size_range: 4,
                ..ProptestConfig::default()
            })]
            $(
                #[test]
                fn $test(value in any::<$type>()) {
                    agrees(&value)?;
                }
            )*
        }
    };
}

contract! {
    widget_props: WidgetProps,
    exercise: Exercise,
    rich: Rich,
    ordering: OrderingExercise,
    ordering_step: OrderingStep,
    slot: Slot,
    sorting: SortingExercise,
    bucket: Bucket,
    sorting_item: SortingItem,
    decision: DecisionExercise,
    decision_node: DecisionNode,
    choice: Choice,
    scenario: ScenarioExercise,
    scenario_option: ScenarioOption,
    walkthrough: WalkthroughExercise,
    walkthrough_step: WalkthroughStep,
    race: RaceExercise,
    race_options: RaceOptions,
    arrival: Arrival,
    fires: Fires,
    playground: PlaygroundExercise,
    mutation: Mutation,
    mode: Mode,
    event: Event,
    read_outcome: ReadOutcome,
    render_cause: RenderCause,
    warning_kind: WarningKind,
    call: Call,
}
