//! The HTML a directive becomes: one line, so that Markdown takes it as a
//! single HTML block whatever the fallback contains.

use course_schema::WidgetProps;

/// A placeholder the loader mounts a widget on, with static fallback content
/// for readers without JavaScript and for print.
pub fn placeholder(props: &WidgetProps) -> String {
    let json = serde_json::to_string(props).expect("widget props always serialise");
    // `<` escaped keeps `</script>` or `<!--` in a prompt from ending the island.
    let json = json.replace('<', "\\u003c");
    let id = escape(&props.id);
    let fallback = one_line(&crate::kinds::fallback(&props.exercise));
    format!(
        "\n\n<div class=\"fr-widget\" id=\"fr-{id}\" data-widget=\"{kind}\" data-exercise=\"{id}\">\
         <script type=\"application/json\">{json}</script>\
         <div class=\"fr-fallback\">{fallback}</div></div>\n\n",
        kind = props.exercise.kind().name(),
    )
}

/// A box that says what is wrong, in place of a widget that could not be made.
pub fn error_card(message: &str) -> String {
    format!(
        "\n\n<div class=\"fr-error\" role=\"alert\"><strong>This exercise could not be built.</strong> <code>{}</code></div>\n\n",
        one_line(&escape(message))
    )
}

/// Newlines become character references: the same text in `<pre>`, mere
/// white space elsewhere, and never a blank line that would end the block.
fn one_line(html: &str) -> String {
    html.replace('\n', "&#10;")
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use course_schema::{Exercise, Rich, ScenarioExercise, ScenarioOption};

    fn props(prompt: &str) -> WidgetProps {
        WidgetProps {
            id: "demo".into(),
            version: "v1".into(),
            exercise: Exercise::Scenario(ScenarioExercise {
                prompt: Rich(prompt.into()),
                options: vec![
                    ScenarioOption {
                        text: Rich("<code>updateTag</code>".into()),
                        correct: true,
                        why: Rich("In an action.".into()),
                    },
                    ScenarioOption {
                        text: Rich("<code>router.refresh()</code>".into()),
                        correct: false,
                        why: Rich("It invalidates nothing.".into()),
                    },
                ],
            }),
        }
    }

    #[test]
    fn placeholder_is_one_html_block_whose_island_reads_back() {
        let props = props("<pre><code>a\n\nb</code></pre>\n<p>Then </script><!-- x</p>");
        let html = placeholder(&props);
        let block = html.trim();
        assert!(!block.contains('\n'), "{html}");
        let start = block.find("application/json\">").unwrap() + "application/json\">".len();
        let end = block.find("</script>").unwrap();
        let back: WidgetProps = serde_json::from_str(&block[start..end]).unwrap();
        assert_eq!(back, props);
    }

    #[test]
    fn fallback_shows_the_options_and_a_closed_answer() {
        let html = placeholder(&props("<p>Pick</p>"));
        assert!(
            html.contains("<ol class=\"fr-options\" type=\"A\"><li><code>updateTag</code></li>")
        );
        assert!(html.contains("<details class=\"fr-answer\"><summary>Answer</summary>"));
        assert!(html.contains("<strong>A, right:</strong> In an action."));
        assert!(html.contains("<strong>B, not this one:</strong> It invalidates nothing."));
    }

    #[test]
    fn error_cards_escape_the_message() {
        let card = error_card("exercises/x.toml:1:1: <b>");
        assert!(
            card.contains("&lt;b&gt;") && card.contains("role=\"alert\""),
            "{card}"
        );
    }
}
