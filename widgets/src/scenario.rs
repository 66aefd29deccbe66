//! Decide, then reveal: the reader picks one option and Checks it. A right
//! choice reveals every option's reason; a wrong one says so with its own
//! reason and offers Try again before Show answer gives the rest away, as
//! the ordering and sorting widgets do.

use course_schema::ScenarioExercise;
use yew::prelude::*;

use crate::held;
use crate::json::json_saved;
use crate::progress;
use crate::rich::rich;
use crate::states::states;

pub type ScenarioProps = crate::props::ExerciseProps<ScenarioExercise>;

/// What the reader has done, as saved between visits.
#[derive(Clone, Copy, PartialEq, Default, Debug)]
pub struct Answer {
    pub choice: Option<usize>,
    /// Every option's reason is shown (a right Check, or Show answer).
    pub revealed: bool,
    /// A wrong choice was checked and nothing else revealed yet.
    pub missed: bool,
}

json_saved!(Answer {
    choice,
    revealed,
    missed
});

fn letter(index: usize) -> char {
    char::from(b'A' + index as u8)
}

impl Answer {
    fn result(self, exercise: &ScenarioExercise) -> Option<bool> {
        let choice = self.choice?;
        (self.revealed || self.missed).then(|| {
            exercise
                .options
                .get(choice)
                .is_some_and(|option| option.correct)
        })
    }

    fn announcement(self, exercise: &ScenarioExercise) -> String {
        let right = exercise
            .options
            .iter()
            .position(|option| option.correct)
            .map_or('?', letter);
        match (self.revealed, self.choice) {
            (false, Some(choice)) if self.missed => format!(
                "Not quite: option {} is not the right one; its reason is shown below it. Try again, or show the answer.",
                letter(choice)
            ),
            (false, _) => String::new(),
            (true, None) => format!(
                "Answer shown: option {right} is right. Each option's reason is shown below it."
            ),
            (true, Some(choice)) if self.result(exercise) == Some(true) => {
                format!(
                    "Correct: option {} is right. Each option's reason is shown below it.",
                    letter(choice)
                )
            }
            (true, Some(choice)) => format!(
                "Not quite: you chose {}, the right option is {right}. Each option's reason is shown below it.",
                letter(choice)
            ),
        }
    }
}

impl crate::live::Widget for ScenarioExercise {
    type Props = ScenarioProps;

    fn props(id: String, version: String, exercise: Self) -> ScenarioProps {
        ScenarioProps::new(id, version, exercise)
    }

    fn body(props: &ScenarioProps) -> impl yew::functional::Hook<Output = Html> + '_ {
        use_scenario(props)
    }
}

#[hook]
pub fn use_scenario(props: &ScenarioProps) -> Html {
    let exercise = &props.exercise;
    let key = props.storage_key.clone();
    let answer = {
        let key = key.clone();
        let count = exercise.options.len();
        held::use_reducer(move || {
            progress::load::<Answer>(&key)
                .filter(|saved| saved.choice.is_none_or(|choice| choice < count))
                .unwrap_or_default()
        })
    };
    let status_ref = use_node_ref();
    let options_ref = use_node_ref();
    // Reset and Try again focus an option (the chosen one, else the first)
    // once the options are enabled again, in the render after: focusing it
    // in the click handler found it still disabled, and focus fell to
    // whichever button took the clicked one's place.
    let returns = held::use_reducer(|| 0u32);
    {
        let options_ref = options_ref.clone();
        held::use_effect_with(*returns, move |returns| {
            if *returns > 0 {
                focus_option(&options_ref);
            }
        });
    }

    let update = {
        let answer = answer.clone();
        let key = key.clone();
        move |next: Answer| {
            progress::keep(&key, &next, next == Answer::default());
            answer.set(next);
        }
    };
    let choose = |index: usize| {
        let update = update.clone();
        let current = *answer;
        Callback::from(move |_: Event| {
            update(Answer {
                choice: Some(index),
                ..current
            })
        })
    };
    let reveal = {
        let update = update.clone();
        let current = *answer;
        let status_ref = status_ref.clone();
        let right = current.choice.is_some()
            && current.choice == exercise.options.iter().position(|option| option.correct);
        let key = key.clone();
        move |check: bool| {
            update(Answer {
                revealed: !check || right,
                missed: check && !right,
                ..current
            });
            if check && right {
                progress::done(&key);
            }
            focus(&status_ref);
        }
    };
    let try_again = {
        let update = update.clone();
        let current = *answer;
        let returns = returns.clone();
        move |_: MouseEvent| {
            update(Answer {
                missed: false,
                ..current
            });
            returns.set(returns.wrapping_add(1));
        }
    };
    let reset = {
        let update = update.clone();
        let returns = returns.clone();
        move |_: MouseEvent| {
            update(Answer::default());
            returns.set(returns.wrapping_add(1));
        }
    };

    let current = *answer;
    let result = current
        .result(exercise)
        .map(|correct| if correct { "correct" } else { "incorrect" });
    let name = format!("fr-{}-choice", props.id);
    let options = exercise.options.iter().enumerate().map(|(index, option)| {
        let chosen = current.choice == Some(index);
        let verdict = (current.revealed || current.missed && chosen).then(|| {
            let (class, label) = if option.correct {
                ("right", "Right")
            } else {
                ("wrong", "Not this one")
            };
            // The reader's own choice is said in words, not by its border
            // alone.
            html! {
                <div class="fr-why" data-state={class}>
                    <strong>{ label }if chosen { <span class="fr-your-choice">{ " (your choice)" }</span> }{ ": " }</strong>
                    { rich(&option.why) }
                </div>
            }
        });
        html! {
            <div class="fr-option" data-state={states(&[(chosen, "chosen")])}>
                <label>
                    <input type="radio" name={name.clone()} value={index.to_string()}
                        checked={chosen} disabled={current.revealed || current.missed} onchange={choose(index)} />
                    <span class="fr-letter" aria-hidden="true">{ letter(index) }</span>
                    <span class="fr-option-text">{ rich(&option.text) }</span>
                </label>
                { for verdict }
            </div>
        }
    });

    html! {
        <section class="fr-scenario" data-result={result} aria-labelledby={format!("fr-{}-prompt", props.id)}>
            <div class="fr-prompt" id={format!("fr-{}-prompt", props.id)}>{ rich(&exercise.prompt) }</div>
            <div class="fr-options" role="radiogroup" data-fr-keys="arrows" ref={options_ref}
                aria-labelledby={format!("fr-{}-prompt", props.id)}>
                { for options }
            </div>
            <div class="fr-actions">
                if current.missed {
                    <button type="button" class="fr-button fr-primary fr-try" onclick={try_again}>{ "Try again" }</button>
                } else if !current.revealed {
                    <button type="button" class="fr-button fr-primary" disabled={current.choice.is_none()}
                        onclick={{ let reveal = reveal.clone(); move |_: MouseEvent| reveal(true) }}>{ "Check" }</button>
                }
                if !current.revealed {
                    <button type="button" class="fr-button fr-show" onclick={move |_: MouseEvent| reveal(false)}>{ "Show answer" }</button>
                }
                <button type="button" class="fr-button fr-reset" onclick={reset}>{ "Reset" }</button>
            </div>
            <p class="fr-status" role="status" aria-live="polite" tabindex="-1" ref={status_ref}>
                { current.announcement(exercise) }
            </p>
        </section>
    }
}

/// Focuses the chosen option, or the first when none is chosen.
fn focus_option(options: &NodeRef) {
    use wasm_bindgen::JsCast;
    let Some(root) = options.cast::<web_sys::Element>() else {
        return;
    };
    let pick = root
        .query_selector("input:checked")
        .ok()
        .flatten()
        .or_else(|| root.query_selector("input").ok().flatten());
    if let Some(input) = pick.and_then(|input| input.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = input.focus();
    }
}

fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use course_schema::{Rich, ScenarioOption};

    fn exercise() -> ScenarioExercise {
        let option = |text: &str, correct, why: &str| ScenarioOption {
            text: Rich(format!("<code>{text}</code>")),
            correct,
            why: Rich(format!("<p>{why}</p>")),
        };
        ScenarioExercise {
            prompt: Rich("<p>A webhook marks an invoice paid.</p>".into()),
            options: vec![
                option("updateTag", false, "It throws in a route handler."),
                option("revalidateTag", true, "Nobody is waiting."),
            ],
        }
    }

    async fn render() -> String {
        let props = ScenarioProps::new("paid".into(), "v1".into(), exercise());
        yew::LocalServerRenderer::<crate::live::Live>::with_props(props.into())
            .hydratable(false)
            .render()
            .await
    }

    #[tokio::test]
    async fn fresh_widget_offers_every_option_and_no_verdict() {
        let html = render().await;
        assert_eq!(html.matches("type=\"radio\"").count(), 2, "{html}");
        assert!(html.contains("name=\"fr-paid-choice\""), "{html}");
        assert!(html.contains("<code>revalidateTag</code>"), "{html}");
        assert!(
            html.contains(">Check</button>") && html.contains(">Show answer</button>"),
            "{html}"
        );
        assert!(!html.contains("data-result"), "{html}");
        assert!(
            !html.contains("fr-why"),
            "reasons stay hidden until Check: {html}"
        );
        assert!(
            html.contains("role=\"status\" aria-live=\"polite\""),
            "{html}"
        );
    }

    #[test]
    fn verdicts_and_announcements_follow_the_answer() {
        let exercise = exercise();
        let wrong = Answer {
            choice: Some(0),
            revealed: true,
            missed: false,
        };
        let right = Answer {
            choice: Some(1),
            revealed: true,
            missed: false,
        };
        let shown = Answer {
            choice: None,
            revealed: true,
            missed: false,
        };
        let missed = Answer {
            choice: Some(0),
            revealed: false,
            missed: true,
        };
        assert_eq!(missed.result(&exercise), Some(false), "a wrong Check");
        assert!(
            missed
                .announcement(&exercise)
                .starts_with("Not quite: option A is not the right one;"),
            "the right option stays hidden until Show answer"
        );
        assert_eq!(wrong.result(&exercise), Some(false));
        assert_eq!(right.result(&exercise), Some(true));
        assert_eq!(shown.result(&exercise), None, "Show answer is not a Check");
        assert_eq!(
            Answer {
                choice: Some(1),
                ..Answer::default()
            }
            .result(&exercise),
            None
        );
        assert!(
            wrong
                .announcement(&exercise)
                .starts_with("Not quite: you chose A, the right option is B.")
        );
        assert!(
            right
                .announcement(&exercise)
                .starts_with("Correct: option B is right.")
        );
        assert!(
            shown
                .announcement(&exercise)
                .starts_with("Answer shown: option B is right.")
        );
        assert_eq!(Answer::default().announcement(&exercise), "");
    }
}
