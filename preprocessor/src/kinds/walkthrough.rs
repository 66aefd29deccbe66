//! Step through code, one highlighted range at a time.

use course_schema::{WalkthroughExercise, parse_lines};

use super::{ExerciseKind, Problem, Step, block, require_text};
use crate::placeholder::escape;

impl ExerciseKind for WalkthroughExercise {
    fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        problems.extend(require_text(&self.prompt, &[Step::Key("prompt")], "prompt"));
        if self.code.trim().is_empty() {
            problems.push(Problem::at(&[Step::Key("code")], "`code` is empty"));
        }
        let valid_language = !self.language.is_empty()
            && self
                .language
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '+');
        if !valid_language {
            problems.push(Problem::at(
                &[Step::Key("language")],
                "`language` must be a name such as `ts` or `rust`",
            ));
        }
        if self.steps.is_empty() {
            problems.push(Problem::at(&[Step::Key("steps")], "`steps` is empty"));
        }
        let lines = self.code.trim_end_matches('\n').lines().count();
        for (index, step) in self.steps.iter().enumerate() {
            let at = [Step::Key("steps"), Step::Index(index), Step::Key("lines")];
            match parse_lines(&step.lines) {
                Err(why) => problems.push(Problem::at(&at, why)),
                Ok(ranges) => {
                    if let Some(range) = ranges.iter().find(|range| range.last > lines) {
                        problems.push(Problem::at(
                            &at,
                            format!(
                                "{} outside the code, which has {}",
                                match (range.first, range.last) {
                                    (first, last) if first == last => format!("line {first} is"),
                                    (first, last) => format!("lines {first}-{last} are"),
                                },
                                match lines {
                                    1 => "1 line".to_string(),
                                    lines => format!("{lines} lines"),
                                }
                            ),
                        ));
                    }
                }
            }
            problems.extend(require_text(
                &step.caption,
                &[Step::Key("steps"), Step::Index(index)],
                "caption",
            ));
        }
        problems
    }

    fn render_markdown(&mut self) {
        block(&mut self.prompt);
        for step in &mut self.steps {
            block(&mut step.caption);
        }
    }

    fn fallback(&self) -> String {
        let steps: String = self
            .steps
            .iter()
            .map(|step| {
                format!(
                    "<li><strong>Lines {}:</strong> {}</li>",
                    escape(&step.lines),
                    step.caption.0
                )
            })
            .collect();
        format!(
            "<div class=\"fr-prompt\">{}</div><pre><code class=\"language-{}\">{}</code></pre><ol class=\"fr-steps\">{steps}</ol>",
            self.prompt.0,
            escape(&self.language),
            escape(self.code.trim_end_matches('\n'))
        )
    }
}
