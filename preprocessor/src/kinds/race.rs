//! The checkout-race stepper: its preset is the engine's what-ifs, and its
//! fallback is the preset's run, computed here with the engine.

use cache_engine::prelude::*;
use cache_engine::race::Arrival;
use course_schema::RaceExercise;

use super::{ExerciseKind, Problem, Step, block, require_text};
use crate::placeholder::escape;

impl ExerciseKind for RaceExercise {
    fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        problems.extend(require_text(&self.prompt, &[Step::Key("prompt")], "prompt"));
        let options = &self.options;
        if options.poll_every == 0 {
            problems.push(Problem::at(
                &[Step::Key("options"), Step::Key("poll_every")],
                "`poll_every` is 0: the success page must wait at least one second between refreshes",
            ));
        }
        if options.give_up_after == 0 {
            problems.push(Problem::at(
                &[Step::Key("options"), Step::Key("give_up_after")],
                "`give_up_after` is 0: the success page must refresh at least once before it gives up",
            ));
        }
        if options.poll_every > race::MAX_POLL_EVERY {
            problems.push(Problem::at(
                &[Step::Key("options"), Step::Key("poll_every")],
                format!(
                    "`poll_every` is {}: at most {} seconds, the most the stepper's control offers",
                    options.poll_every,
                    race::MAX_POLL_EVERY
                ),
            ));
        }
        if options.give_up_after > race::MAX_REFRESHES {
            problems.push(Problem::at(
                &[Step::Key("options"), Step::Key("give_up_after")],
                format!(
                    "`give_up_after` is {}: at most {} refreshes, the most the stepper's control offers",
                    options.give_up_after,
                    race::MAX_REFRESHES
                ),
            ));
        }
        if let Arrival::AfterPolls(polls) = options.arrival
            && polls > race::MAX_REFRESHES
        {
            problems.push(Problem::at(
                &[Step::Key("options"), Step::Key("arrival")],
                format!(
                    "the webhook arrives after {polls} refreshes: at most {}, the most the stepper's control offers",
                    race::MAX_REFRESHES
                ),
            ));
        }
        problems
    }

    fn render_markdown(&mut self) {
        block(&mut self.prompt);
    }

    fn fallback(&self) -> String {
        let run = race::checkout_race(&self.options).run();
        let steps = run.steps();
        let rows: String = steps
            .iter()
            .enumerate()
            .map(|(index, step)| {
                let page = step
                    .snapshot
                    .pages
                    .get("browser")
                    .map(|page| {
                        let values: Vec<&str> = page
                            .values
                            .iter()
                            .map(|(_, value)| value.as_str())
                            .collect();
                        let mut shown = values.join(", ");
                        if let Some(notice) = &page.notice {
                            shown.push_str(" — ");
                            shown.push_str(notice);
                        }
                        shown
                    })
                    .unwrap_or_else(|| "(not open yet)".into());
                format!(
                    "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                    index + 1,
                    escape(&step.actor),
                    escape(&step.action),
                    escape(&step.caption),
                    escape(&page)
                )
            })
            .collect();
        let ending = match race::shown_after(&run) {
            Some(PollEnd::Shown(polls)) => format!("The page shows Pro after {polls} refreshes."),
            Some(PollEnd::GaveUp(polls)) => {
                format!("The page gives up after {polls} refreshes, still saying Free.")
            }
            None => "The page never polls.".into(),
        };
        format!(
            "<div class=\"fr-prompt\">{}</div>\
             <table class=\"fr-race-table\"><caption>The checkout race, step by step</caption>\
             <thead><tr><th scope=\"col\">#</th><th scope=\"col\">Who</th><th scope=\"col\">Action</th>\
             <th scope=\"col\">What happened</th><th scope=\"col\">The success page shows</th></tr></thead>\
             <tbody>{rows}</tbody></table><p>{}</p>",
            self.prompt.0,
            escape(&ending)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cache_engine::race::RaceOptions;
    use course_schema::Rich;

    fn exercise(options: RaceOptions) -> RaceExercise {
        RaceExercise {
            prompt: Rich("<p>Step through it.</p>".into()),
            options,
        }
    }

    #[test]
    fn zero_interval_or_limit_is_refused_with_a_reason() {
        let bad = exercise(RaceOptions {
            poll_every: 0,
            give_up_after: 0,
            ..RaceOptions::default()
        });
        let messages: Vec<String> = bad.problems().into_iter().map(|p| p.message).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("`poll_every` is 0"), "{messages:?}");
        assert!(
            messages[1].starts_with("`give_up_after` is 0"),
            "{messages:?}"
        );
        assert!(exercise(RaceOptions::default()).problems().is_empty());
    }

    #[test]
    fn fallback_lists_every_step_of_the_engine_run() {
        let html = exercise(RaceOptions::default()).fallback();
        let run = race::checkout_race(&RaceOptions::default()).run();
        assert_eq!(
            html.matches("<tr><td>").count(),
            run.steps().len(),
            "{html}"
        );
        assert!(html.contains("a refresh expires nothing, so entitlement was served from its entry: the page shows Free"));
        assert!(
            html.contains("The page shows Pro after 3 refreshes."),
            "{html}"
        );
    }
}
