//! The rules each kind of exercise must follow beyond its types.

use course_schema::{Exercise, ScenarioExercise};

use crate::load::{Problem, Step};

pub fn check(exercise: &Exercise) -> Vec<Problem> {
    match exercise {
        Exercise::Scenario(scenario) => scenario_rules(scenario),
    }
}

fn scenario_rules(scenario: &ScenarioExercise) -> Vec<Problem> {
    let mut problems = Vec::new();
    let options = &scenario.options;
    if scenario.prompt.0.trim().is_empty() {
        problems.push(problem(
            vec![Step::Key("prompt")],
            "`prompt` is empty: say what the reader decides",
        ));
    }
    if !(2..=4).contains(&options.len()) {
        problems.push(problem(
            vec![Step::Key("options")],
            format!(
                "a scenario needs two to four options, this one has {}",
                options.len()
            ),
        ));
    }
    let correct: Vec<usize> = options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.correct)
        .map(|(i, _)| i)
        .collect();
    match correct.as_slice() {
        [] => problems.push(problem(
            vec![Step::Key("options")],
            "no option has `correct = true`: exactly one must",
        )),
        [_] => {}
        [_, second, ..] => problems.push(problem(
            vec![Step::Key("options"), Step::Index(*second)],
            format!(
                "{} options have `correct = true`: exactly one must",
                correct.len()
            ),
        )),
    }
    for (index, option) in options.iter().enumerate() {
        if option.why.0.trim().is_empty() {
            problems.push(problem(
                vec![Step::Key("options"), Step::Index(index)],
                "`why` is empty: every option needs its reason",
            ));
        }
    }
    problems
}

fn problem(path: Vec<Step>, message: impl Into<String>) -> Problem {
    Problem {
        path,
        message: message.into(),
    }
}
