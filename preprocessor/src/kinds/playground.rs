//! The cache playground: its preset is the app's toggles and the tail's
//! order; its fallback lists the preset and the cache it starts from.

use cache_engine::prelude::*;
use course_schema::PlaygroundExercise;

use super::{ExerciseKind, Problem, Step, block, require_text};
use crate::placeholder::escape;

impl ExerciseKind for PlaygroundExercise {
    fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        problems.extend(require_text(&self.prompt, &[Step::Key("prompt")], "prompt"));
        if let Some(read) = &self.no_store {
            let app = invoicing::app(&invoicing::Options::default());
            if app.read(read).is_none() {
                let known: Vec<&str> = app.reads.iter().map(|read| read.key.as_str()).collect();
                problems.push(Problem::at(
                    &[Step::Key("no_store")],
                    format!(
                        "`no_store` names `{read}`, which the app does not read; one of: {}",
                        known.join(", ")
                    ),
                ));
            }
        }
        if self.write_after_return && self.redirect_before_invalidate {
            problems.push(Problem::at(
                &[Step::Key("redirect_before_invalidate")],
                "`redirect_before_invalidate` has no effect with `write_after_return`: set one of them",
            ));
        }
        problems
    }

    fn render_markdown(&mut self) {
        block(&mut self.prompt);
    }

    fn fallback(&self) -> String {
        let on = |flag: bool| if flag { "yes" } else { "no" };
        let mode = match self.mode {
            Mode::Development => "development (next dev)",
            Mode::Production => "production (next start)",
        };
        let preset = [
            ("Mode", mode.to_string()),
            (
                "A no-store read",
                self.no_store.clone().unwrap_or_else(|| "none".into()),
            ),
            (
                "Marketing pages call cookies()",
                on(self.marketing_uses_cookies).into(),
            ),
            ("Mistyped list tag", on(self.mistyped_list_tag).into()),
            (
                "REVALIDATION_SECRET set on the host",
                on(self.secret_on_host).into(),
            ),
            (
                "The write commits after the action returns",
                on(self.write_after_return).into(),
            ),
            (
                "Redirect before invalidating",
                on(self.redirect_before_invalidate).into(),
            ),
        ];
        let preset: String = preset
            .iter()
            .map(|(what, value)| format!("<li>{what}: {}</li>", escape(value)))
            .collect();
        let playground = Playground::new(&self.app_options());
        let snapshot = playground.snapshot();
        let entries: String = snapshot
            .entries
            .iter()
            .map(|entry| {
                format!(
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                    escape(&entry.read),
                    escape(&entry.value),
                    escape(&entry.tags.join(", "))
                )
            })
            .collect();
        format!(
            "<div class=\"fr-prompt\">{}</div><p>The playground starts with:</p><ul>{preset}</ul>\
             <table class=\"fr-playground-table\"><caption>The warm cache</caption>\
             <thead><tr><th scope=\"col\">Read</th><th scope=\"col\">Value</th><th scope=\"col\">Tags</th></tr></thead>\
             <tbody>{entries}</tbody></table>\
             <p>With JavaScript on, you can visit pages and fire each mutation site here.</p>",
            self.prompt.0
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use course_schema::Rich;

    fn exercise() -> PlaygroundExercise {
        PlaygroundExercise {
            prompt: Rich("<p>Play.</p>".into()),
            mode: Mode::Production,
            no_store: None,
            marketing_uses_cookies: false,
            mistyped_list_tag: false,
            secret_on_host: true,
            write_after_return: false,
            redirect_before_invalidate: false,
            mutation: Mutation::EditInvoice,
        }
    }

    #[test]
    fn an_unknown_no_store_read_is_refused() {
        assert!(exercise().problems().is_empty());
        let bad = PlaygroundExercise {
            no_store: Some("sumary".into()),
            ..exercise()
        };
        let problems = bad.problems();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("`sumary`"));
    }

    #[test]
    fn fallback_shows_the_warm_cache() {
        let html = exercise().fallback();
        assert!(html.contains("€100 unpaid · 1 × design"), "{html}");
        assert!(html.contains("Mode: production"), "{html}");
    }
}
