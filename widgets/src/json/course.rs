//! The exercises' props, read as the preprocessor's serde_json writes them
//! (the schema's serde attributes: `deny_unknown_fields`, `default`, the
//! externally tagged `Exercise`). The engine types in a preset are read
//! beside the widget that runs them: `race::model`, `playground::model`.

use course_schema::{
    Bucket, Choice, DecisionExercise, DecisionNode, Exercise, OrderingExercise, OrderingStep,
    PlaygroundExercise, RaceExercise, Rich, ScenarioExercise, ScenarioOption, Slot,
    SortingExercise, SortingItem, WalkthroughExercise, WalkthroughStep, WidgetProps,
};

use super::read::{Error, FromJson, Object, refuse, unknown, variant};
use super::value::Value;

impl FromJson for WidgetProps {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let props = WidgetProps {
            id: object.field("id")?,
            version: object.field("version")?,
            exercise: object.field("exercise")?,
        };
        object.end(props)
    }
}

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

impl FromJson for OrderingExercise {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let exercise = OrderingExercise {
            prompt: object.field("prompt")?,
            answer: object.field("answer")?,
            seed: object.field_or("seed", 0)?,
            steps: object.field("steps")?,
        };
        object.end(exercise)
    }
}

impl FromJson for Slot {
    fn from_json(value: Value) -> Result<Self, Error> {
        match value {
            Value::Text(id) => Ok(Slot::One(id)),
            array @ Value::Array(_) => FromJson::from_json(array).map(Slot::Group),
            other => Err(refuse(&other, "a step id or a list of step ids")),
        }
    }
}

impl FromJson for OrderingStep {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let step = OrderingStep {
            id: object.field("id")?,
            text: object.field("text")?,
            why: object.field("why")?,
        };
        object.end(step)
    }
}

impl FromJson for SortingExercise {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let exercise = SortingExercise {
            prompt: object.field("prompt")?,
            seed: object.field_or("seed", 0)?,
            buckets: object.field("buckets")?,
            items: object.field("items")?,
        };
        object.end(exercise)
    }
}

impl FromJson for Bucket {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let bucket = Bucket {
            label: object.field("label")?,
            items: object.field("items")?,
        };
        object.end(bucket)
    }
}

impl FromJson for SortingItem {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let item = SortingItem {
            id: object.field("id")?,
            text: object.field("text")?,
            why: object.field("why")?,
        };
        object.end(item)
    }
}

impl FromJson for DecisionExercise {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let exercise = DecisionExercise {
            prompt: object.field("prompt")?,
            start: object.field("start")?,
            nodes: object.field("nodes")?,
        };
        object.end(exercise)
    }
}

impl FromJson for DecisionNode {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let node = DecisionNode {
            id: object.field("id")?,
            question: object.field("question")?,
            choices: object.field_or("choices", Vec::new())?,
            answer: object.field("answer")?,
            why: object.field("why")?,
        };
        object.end(node)
    }
}

impl FromJson for Choice {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let choice = Choice {
            label: object.field("label")?,
            next: object.field("next")?,
        };
        object.end(choice)
    }
}

impl FromJson for ScenarioExercise {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let exercise = ScenarioExercise {
            prompt: object.field("prompt")?,
            options: object.field("options")?,
        };
        object.end(exercise)
    }
}

impl FromJson for ScenarioOption {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let option = ScenarioOption {
            text: object.field("text")?,
            correct: object.field_or("correct", false)?,
            why: object.field("why")?,
        };
        object.end(option)
    }
}

impl FromJson for WalkthroughExercise {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let exercise = WalkthroughExercise {
            prompt: object.field("prompt")?,
            language: object.field("language")?,
            code: object.field("code")?,
            steps: object.field("steps")?,
        };
        object.end(exercise)
    }
}

impl FromJson for WalkthroughStep {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let step = WalkthroughStep {
            lines: object.field("lines")?,
            caption: object.field("caption")?,
        };
        object.end(step)
    }
}

impl FromJson for RaceExercise {
    fn from_json(value: Value) -> Result<Self, Error> {
        let mut object = Object::new(value)?;
        let exercise = RaceExercise {
            prompt: object.field("prompt")?,
            options: object.field_or("options", Default::default())?,
        };
        object.end(exercise)
    }
}

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
            invalidate_before_commit: object.field_or(
                "invalidate_before_commit",
                defaults.invalidate_before_commit,
            )?,
            redirect_before_invalidate: object.field_or(
                "redirect_before_invalidate",
                defaults.redirect_before_invalidate,
            )?,
            mutation: object.field_or("mutation", defaults.mutation)?,
        };
        object.end(exercise)
    }
}
