//! Decide, then reveal.

use course_schema::ScenarioExercise;

use super::{ExerciseKind, Problem, Step, block, inline, letter, require_text};

impl ExerciseKind for ScenarioExercise {
    fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let options = &self.options;
        problems.extend(require_text(&self.prompt, &[Step::Key("prompt")], "prompt"));
        if !(2..=4).contains(&options.len()) {
            problems.push(Problem::at(
                &[Step::Key("options")],
                format!(
                    "a scenario needs two to four options, this one has {}",
                    options.len()
                ),
            ));
        }
        let correct: Vec<usize> = (0..options.len()).filter(|&i| options[i].correct).collect();
        match correct.as_slice() {
            [] if !options.is_empty() => problems.push(Problem::at(
                &[Step::Key("options")],
                "no option has `correct = true`: exactly one must",
            )),
            [_, second, ..] => problems.push(Problem::at(
                &[Step::Key("options"), Step::Index(*second)],
                format!(
                    "{} options have `correct = true`: exactly one must",
                    correct.len()
                ),
            )),
            _ => {}
        }
        for (index, option) in options.iter().enumerate() {
            let at = [Step::Key("options"), Step::Index(index)];
            problems.extend(require_text(&option.text, &at, "text"));
            problems.extend(require_text(&option.why, &at, "why"));
        }
        problems
    }

    fn render_markdown(&mut self) {
        block(&mut self.prompt);
        for option in &mut self.options {
            inline(&mut option.text);
            block(&mut option.why);
        }
    }

    fn fallback(&self) -> String {
        let options: String = self
            .options
            .iter()
            .map(|option| format!("<li>{}</li>", option.text.0))
            .collect();
        let reasons: String = self
            .options
            .iter()
            .enumerate()
            .map(|(index, option)| {
                let verdict = if option.correct {
                    "right"
                } else {
                    "not this one"
                };
                format!(
                    "<li><strong>{}, {verdict}:</strong> {}</li>",
                    letter(index),
                    option.why.0
                )
            })
            .collect();
        format!(
            "<div class=\"fr-prompt\">{}</div><ol class=\"fr-options\" type=\"A\">{options}</ol>\
             <details class=\"fr-answer\"><summary>Answer</summary><ul>{reasons}</ul></details>",
            self.prompt.0
        )
    }
}
