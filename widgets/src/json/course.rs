//! The exercises' props, read as the preprocessor's serde_json writes them
//! (the schema's serde attributes: `deny_unknown_fields`, `default`, the
//! externally tagged `Exercise`). The engine types in a preset are read
//! beside the widget that runs them: `race::model`, `playground::model`.

use course_schema::{
    Bucket, Choice, DecisionExercise, DecisionNode, Exercise, OrderingExercise, OrderingStep,
    PlaygroundExercise, RaceExercise, Rich, ScenarioExercise, ScenarioOption, Slot,
    SortingExercise, SortingItem, WalkthroughExercise, WalkthroughStep, WidgetProps,
};

use super::read::{Error, FromJson, Object, json_struct, refuse, unknown, variant};
use super::value::Value;

json_struct!(WidgetProps {
    id,
    version,
    exercise
});

impl FromJson for Exercise {
    fn from_json(value: Value) -> Result<Self, Error> {
        let (kind, content) = variant(value)?;
        let exercise = match kind.as_str() {
            "ordering" => FromJson::from_json(content).map(Exercise::Ordering),
            "sorting" => FromJson::from_json(content).map(Exercise::Sorting),
            "decision" => FromJson::from_json(content).map(Exercise::Decision),
            "scenario" => FromJson::from_json(content).map(Exercise::Scenario),
            "walkthrough" => FromJson::from_json(content).map(Exercise::Walkthrough),
            "race" => FromJson::from_json(content).map(Exercise::Race),
            "playground" => FromJson::from_json(content).map(Exercise::Playground),
            _ => return Err(unknown("kind of exercise", &kind)),
        };
        exercise.map_err(|error| error.in_field(&kind))
    }
}

impl FromJson for Rich {
    fn from_json(value: Value) -> Result<Self, Error> {
        String::from_json(value).map(Rich)
    }
}

json_struct!(OrderingExercise { prompt, answer, seed = 0, steps });

impl FromJson for Slot {
    fn from_json(value: Value) -> Result<Self, Error> {
        match value {
            Value::Text(id) => Ok(Slot::One(id)),
            array @ Value::Array(_) => FromJson::from_json(array).map(Slot::Group),
            other => Err(refuse(&other, "a step id or a list of step ids")),
        }
    }
}

json_struct!(OrderingStep { id, text, why });

json_struct!(SortingExercise { prompt, seed = 0, buckets, items });

json_struct!(Bucket { label, items });

json_struct!(SortingItem { id, text, why });

json_struct!(DecisionExercise {
    prompt,
    start,
    nodes
});

json_struct!(DecisionNode { id, question, choices = Vec::new(), answer, why });

json_struct!(Choice { label, next });

json_struct!(ScenarioExercise { prompt, options });

json_struct!(ScenarioOption { text, correct = false, why });

json_struct!(WalkthroughExercise {
    prompt,
    language,
    code,
    steps
});

json_struct!(WalkthroughStep { lines, caption });

json_struct!(RaceExercise { prompt, options = Default::default() });

impl FromJson for PlaygroundExercise {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        // The schema's serde defaults, which a preset leaves out.
        let defaults = PlaygroundExercise::new(Rich::default());
        let exercise = PlaygroundExercise {
            prompt: object.field("prompt")?,
            mode: object.field_or("mode", defaults.mode)?,
            no_store: object.field("no_store")?,
            marketing_uses_cookies: object
                .field_or("marketing_uses_cookies", defaults.marketing_uses_cookies)?,
            mistyped_list_tag: object.field_or("mistyped_list_tag", defaults.mistyped_list_tag)?,
            secret_on_host: object.field_or("secret_on_host", defaults.secret_on_host)?,
            write_after_return: object
                .field_or("write_after_return", defaults.write_after_return)?,
            redirect_before_invalidate: object.field_or(
                "redirect_before_invalidate",
                defaults.redirect_before_invalidate,
            )?,
            mutation: object.field_or("mutation", defaults.mutation)?,
        };
        object.end(exercise)
    }
}
