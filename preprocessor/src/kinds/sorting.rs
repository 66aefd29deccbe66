//! Sort items into buckets.

use std::collections::BTreeMap;

use course_schema::SortingExercise;

use super::{ExerciseKind, Problem, Step, block, inline, require_text};

impl ExerciseKind for SortingExercise {
    fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        problems.extend(require_text(&self.prompt, &[Step::Key("prompt")], "prompt"));
        if self.buckets.len() < 2 {
            problems.push(Problem::at(
                &[Step::Key("buckets")],
                "a sorting exercise needs at least two buckets",
            ));
        }
        if self.items.is_empty() {
            problems.push(Problem::at(&[Step::Key("items")], "`items` is empty"));
        }
        let mut declared = BTreeMap::new();
        for (index, item) in self.items.iter().enumerate() {
            let at = [Step::Key("items"), Step::Index(index)];
            if declared.insert(item.id.as_str(), index).is_some() {
                problems.push(Problem::at(
                    &at,
                    format!("two items have the id `{}`", item.id),
                ));
            }
            problems.extend(require_text(&item.text, &at, "text"));
            problems.extend(require_text(&item.why, &at, "why"));
        }
        let mut home: BTreeMap<&str, usize> = BTreeMap::new();
        for (index, bucket) in self.buckets.iter().enumerate() {
            let at = [Step::Key("buckets"), Step::Index(index)];
            problems.extend(require_text(&bucket.label, &at, "label"));
            for id in &bucket.items {
                if !declared.contains_key(id.as_str()) {
                    problems.push(Problem::at(
                        &at,
                        format!("bucket lists `{id}`, which is not an item"),
                    ));
                } else if let Some(first) = home.insert(id.as_str(), index) {
                    problems.push(Problem::at(
                        &at,
                        format!("item `{id}` is in two buckets (also bucket {})", first + 1),
                    ));
                }
            }
        }
        for (id, index) in &declared {
            if !home.contains_key(id) {
                problems.push(Problem::at(
                    &[Step::Key("items"), Step::Index(*index)],
                    format!("item `{id}` is in no bucket"),
                ));
            }
        }
        problems
    }

    fn render_markdown(&mut self) {
        block(&mut self.prompt);
        for bucket in &mut self.buckets {
            inline(&mut bucket.label);
        }
        for item in &mut self.items {
            inline(&mut item.text);
            block(&mut item.why);
        }
    }

    fn fallback(&self) -> String {
        let items: String = self
            .items
            .iter()
            .map(|item| format!("<li>{}</li>", item.text.0))
            .collect();
        let buckets: String = self
            .buckets
            .iter()
            .map(|bucket| {
                let inside: String = bucket
                    .items
                    .iter()
                    .filter_map(|id| self.items.iter().find(|item| &item.id == id))
                    .map(|item| format!("<li>{}{}</li>", item.text.0, item.why.0))
                    .collect();
                format!(
                    "<li><strong>{}</strong><ul>{inside}</ul></li>",
                    bucket.label.0
                )
            })
            .collect();
        format!(
            "<div class=\"fr-prompt\">{}</div><ul class=\"fr-items\">{items}</ul>\
             <details class=\"fr-answer\"><summary>Answer</summary><ul>{buckets}</ul></details>",
            self.prompt.0
        )
    }
}
