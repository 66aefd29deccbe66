//! Put steps in order; groups of interchangeable steps.

use std::collections::BTreeMap;

use course_schema::{OrderingExercise, Slot};

use super::{ExerciseKind, Problem, Step, block, require_text};

impl ExerciseKind for OrderingExercise {
    fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        problems.extend(require_text(&self.prompt, &[Step::Key("prompt")], "prompt"));
        if self.steps.len() < 2 {
            problems.push(Problem::at(
                &[Step::Key("steps")],
                "an ordering exercise needs at least two steps",
            ));
        }
        let mut declared = BTreeMap::new();
        for (index, step) in self.steps.iter().enumerate() {
            let at = [Step::Key("steps"), Step::Index(index)];
            if declared.insert(step.id.as_str(), index).is_some() {
                problems.push(Problem::at(
                    &at,
                    format!("two steps have the id `{}`", step.id),
                ));
            }
            problems.extend(require_text(&step.text, &at, "text"));
            problems.extend(require_text(&step.why, &at, "why"));
        }
        let mut placed = BTreeMap::new();
        for (index, slot) in self.answer.iter().enumerate() {
            let at = [Step::Key("answer"), Step::Index(index)];
            let ids = match slot {
                Slot::One(id) => std::slice::from_ref(id),
                Slot::Group(ids) if ids.len() < 2 => {
                    problems.push(Problem::at(&at, "a group needs at least two steps"));
                    ids.as_slice()
                }
                Slot::Group(ids) => ids.as_slice(),
            };
            for id in ids {
                if !declared.contains_key(id.as_str()) {
                    problems.push(Problem::at(
                        &at,
                        format!("the answer names `{id}`, which is not a step"),
                    ));
                } else if placed.insert(id.as_str(), index).is_some() {
                    problems.push(Problem::at(&at, format!("the answer names `{id}` twice")));
                }
            }
        }
        if self.answer.is_empty() {
            problems.push(Problem::at(&[Step::Key("answer")], "`answer` is empty"));
        }
        for (id, index) in &declared {
            if !placed.contains_key(id) {
                problems.push(Problem::at(
                    &[Step::Key("steps"), Step::Index(*index)],
                    format!("step `{id}` is missing from `answer`"),
                ));
            }
        }
        problems
    }

    fn render_markdown(&mut self) {
        block(&mut self.prompt);
        for step in &mut self.steps {
            block(&mut step.text);
            block(&mut step.why);
        }
    }

    fn fallback(&self) -> String {
        let text = |id: &str| {
            self.steps
                .iter()
                .find(|step| step.id == id)
                .map(|step| (step.text.0.as_str(), step.why.0.as_str()))
                .unwrap_or_default()
        };
        let steps: String = self
            .steps
            .iter()
            .map(|step| format!("<li>{}</li>", step.text.0))
            .collect();
        let answer: String = self
            .answer
            .iter()
            .map(|slot| match slot {
                Slot::One(id) => {
                    let (text, why) = text(id);
                    format!("<li>{text}{why}</li>")
                }
                Slot::Group(ids) => {
                    let inner: String = ids
                        .iter()
                        .map(|id| {
                            let (text, why) = text(id);
                            format!("<li>{text}{why}</li>")
                        })
                        .collect();
                    format!("<li>In either order:<ul>{inner}</ul></li>")
                }
            })
            .collect();
        format!(
            "<div class=\"fr-prompt\">{}</div><ul class=\"fr-steps\">{steps}</ul>\
             <details class=\"fr-answer\"><summary>Answer</summary><ol>{answer}</ol></details>",
            self.prompt.0
        )
    }
}
