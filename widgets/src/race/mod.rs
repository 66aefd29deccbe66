//! The checkout-race stepper: the engine runs the race with the reader's
//! what-ifs, and the widget steps through its steps lane by lane, with the
//! caption and the structured event log of each step. "Every interleaving"
//! runs the engine's explorer in the page; each outcome loads into the stepper.
//!
//! Saved: the options, the loaded interleaving and the current step.

pub mod model;
mod timeline;
mod view;

use std::rc::Rc;

use course_schema::RaceExercise;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::held;
use crate::progress;
use crate::rich::rich;
use crate::sim;
use crate::steps::Move;
use model::{OutcomeRow, Run, Saved, WhatIf};

pub type RaceProps = crate::props::ExerciseProps<RaceExercise>;

fn key_move(key: &str) -> Option<Move> {
    match key {
        "ArrowLeft" | "ArrowUp" => Some(Move::Previous),
        "ArrowRight" | "ArrowDown" => Some(Move::Next),
        "Home" => Some(Move::First),
        "End" => Some(Move::Last),
        _ => None,
    }
}

/// The explorer's result for one set of options.
#[derive(PartialEq)]
struct Explored {
    options: cache_engine::race::RaceOptions,
    interleavings: u64,
    rows: Vec<OutcomeRow>,
    /// How long the explorer took, for the bench; formatted by JavaScript,
    /// which keeps Rust's float printer out of the bundle.
    millis: String,
}

impl crate::live::Widget for RaceExercise {
    type Props = RaceProps;

    fn props(id: String, version: String, exercise: Self) -> RaceProps {
        RaceProps::new(id, version, exercise)
    }

    fn body(props: &RaceProps) -> impl yew::functional::Hook<Output = Html> + '_ {
        use_race(props)
    }
}

#[hook]
pub fn use_race(props: &RaceProps) -> Html {
    let preset = props.exercise.options;
    let key = props.storage_key.clone();
    let saved = {
        let key = key.clone();
        held::use_reducer(move || {
            progress::load::<Saved>(&key)
                .filter(|saved| saved.usable())
                .filter(|saved| {
                    saved.step
                        < model::run(&saved.options, saved.schedule.as_deref())
                            .steps
                            .len()
                })
                .unwrap_or_else(|| Saved::new(preset))
        })
    };
    // Run again on every render rather than memoised: a run takes
    // microseconds (the explorer makes 199 in a millisecond), and Yew's
    // `use_memo`, used nowhere else, would be one more subsystem in the
    // bundle (SIZE-HISTORY.md).
    let run = Rc::new(model::run(&saved.options, saved.schedule.as_deref()));
    let playing = held::use_reducer(|| false);
    let stage = use_node_ref();
    let explored = held::use_reducer(|| None::<Rc<Explored>>);
    let announcement = held::use_reducer(String::new);
    let count = run.steps.len();
    let at = saved.step.min(count.saturating_sub(1));

    let store = {
        let saved = saved.clone();
        move |next: Saved| {
            progress::keep(&key, &next, next == Saved::new(preset));
            saved.set(next);
        }
    };
    let go = {
        let store = store.clone();
        let key_done = props.storage_key.clone();
        let current = (*saved).clone();
        let announcement = announcement.clone();
        let run = run.clone();
        Callback::from(move |how: Move| {
            let step = how.from(current.step, count);
            if step + 1 == count {
                progress::done(&key_done);
            }
            if step != current.step {
                announcement.set(step_words(&run, step));
                store(Saved {
                    step,
                    ..current.clone()
                });
            }
        })
    };
    // Play: one step every 0.9 s until the last, then stop.
    {
        let go = go.clone();
        let playing = playing.clone();
        held::use_effect_with((*playing, at), move |(on, at)| {
            let mut timer = None;
            if *on && at + 1 >= count {
                playing.set(false);
            } else if *on {
                let next = wasm_bindgen::closure::Closure::once(move || go.emit(Move::Next));
                timer = web_sys::window().and_then(|window| {
                    window
                        .set_timeout_with_callback_and_timeout_and_arguments_0(
                            next.as_ref().unchecked_ref(),
                            900,
                        )
                        .ok()
                        .map(|handle| (window, handle, next))
                });
            }
            move || {
                if let Some((window, handle, _closure)) = timer {
                    window.clear_timeout_with_handle(handle);
                }
            }
        });
    }

    let on_key = {
        let go = go.clone();
        Callback::from(move |event: KeyboardEvent| {
            let plain = crate::keys::unmodified(&event);
            let in_control = event.target().is_some_and(|target| {
                target.has_type::<web_sys::HtmlInputElement>()
                    || target.has_type::<web_sys::HtmlSelectElement>()
            });
            if let Some(how) = key_move(&event.key()).filter(|_| plain && !in_control) {
                event.prevent_default();
                go.emit(how);
            }
        })
    };
    let on_scrub =
        go.reform(|event: InputEvent| Move::To(sim::value_of(&event).parse().unwrap_or_default()));
    let on_play = {
        let playing = playing.clone();
        let go = go.clone();
        let announcement = announcement.clone();
        move |_: MouseEvent| {
            let on = !*playing;
            if on && at + 1 >= count {
                go.emit(Move::First);
            }
            announcement.set(if on { "Playing." } else { "Paused." }.into());
            playing.set(on);
        }
    };
    let on_what_if = {
        let store = store.clone();
        let current = (*saved).clone();
        let announcement = announcement.clone();
        let playing = playing.clone();
        Callback::from(move |change: WhatIf| {
            if let Some(options) = model::apply(current.options, &change) {
                let run = model::run(&options, None);
                announcement.set(format!(
                    "Re-ran the race: {} steps; the page shows {}.",
                    run.steps.len(),
                    model::end_words(run.end)
                ));
                playing.set(false);
                store(Saved::new(options));
            }
        })
    };
    let on_explore = {
        let explored = explored.clone();
        let options = saved.options;
        let announcement = announcement.clone();
        move |_: MouseEvent| {
            let start = js_sys::Date::now();
            let exploration =
                cache_engine::explore::explore(&cache_engine::race::checkout_race(&options));
            let millis = js_sys::Number::from(js_sys::Date::now() - start)
                .to_fixed(1)
                .map(String::from)
                .unwrap_or_default();
            let rows = model::outcome_rows(&exploration);
            announcement.set(format!(
                "Explored {} interleavings: {} distinct outcomes.",
                exploration.interleavings,
                rows.len()
            ));
            explored.set(Some(Rc::new(Explored {
                options,
                interleavings: exploration.interleavings,
                rows,
                millis,
            })));
        }
    };
    // A Load button of the explorer's table (see `view::outcomes`): the
    // table is written anew with the loaded row pressed, so focus goes to
    // the stepper, whose arrow keys step through the loaded run.
    let on_load = {
        let store = store.clone();
        let options = saved.options;
        let announcement = announcement.clone();
        let explored = explored.clone();
        let stage = stage.clone();
        move |event: MouseEvent| {
            let Some(schedule) = crate::markup::picked(&event, "data-row")
                .and_then(|row| Some(explored.as_ref()?.rows.get(row)?.schedule.clone()))
            else {
                return;
            };
            let run = model::run(&options, Some(&schedule));
            announcement.set(format!(
                "Loaded an interleaving: {} steps; {}.",
                run.steps.len(),
                model::end_words(run.end)
            ));
            store(Saved {
                options,
                step: 0,
                schedule: Some(schedule),
            });
            if let Some(stage) = stage.cast::<web_sys::HtmlElement>() {
                let _ = stage.focus();
            }
        }
    };
    let on_default = {
        let options = saved.options;
        let store = store.clone();
        move |_: MouseEvent| store(Saved::new(options))
    };
    let on_reset = {
        let store = store.clone();
        let playing = playing.clone();
        let explored = explored.clone();
        let announcement = announcement.clone();
        move |_: MouseEvent| {
            playing.set(false);
            explored.set(None);
            announcement.set("Reset to the lesson's race.".into());
            store(Saved::new(preset));
        }
    };

    let id = &props.id;
    let step = &run.steps[at];
    let previous = go.reform(|_: MouseEvent| Move::Previous);
    let next = go.reform(|_: MouseEvent| Move::Next);
    let explorer = explored
        .as_ref()
        .filter(|explored| explored.options == saved.options);
    let prompt_id = format!("fr-{id}-prompt");
    html! {
        <section class="fr-race" aria-labelledby={prompt_id.clone()} data-step={at.to_string()}
            data-steps={count.to_string()}>
            <div class="fr-prompt" id={prompt_id}>{ rich(&props.exercise.prompt) }</div>
            { view::what_ifs(id, &saved.options, &on_what_if) }
            <div class="fr-race-stage" tabindex="0" role="group" data-fr-keys="arrows ends" ref={stage}
                aria-label="The race, one step at a time" aria-describedby={format!("fr-{id}-keys")}
                onkeydown={on_key}>
                <p class="fr-hint" id={format!("fr-{id}-keys")}>
                    { "With this box focused, the arrow keys step through the race and Home and End jump to its ends." }
                </p>
                <div class="fr-walk-nav fr-race-nav">
                    <button type="button" class="fr-button fr-previous" aria-disabled={(at == 0).then_some("true")}
                        onclick={previous}>{ "Previous" }</button>
                    <span class="fr-counter" aria-label={format!("Step {} of {count}", at + 1)}>
                        { at + 1 }{ " / " }{ count }
                    </span>
                    <button type="button" class="fr-button fr-primary fr-next"
                        aria-disabled={(at + 1 >= count).then_some("true")} onclick={next}>{ "Next" }</button>
                    <button type="button" class="fr-button fr-play" aria-pressed={if *playing { "true" } else { "false" }}
                        onclick={on_play}>{ if *playing { "Pause" } else { "Play" } }</button>
                    <input type="range" class="fr-scrub" min="0" max={count.saturating_sub(1).to_string()}
                        value={at.to_string()} aria-label="Step" aria-valuetext={format!("Step {} of {count}", at + 1)}
                        oninput={on_scrub} />
                </div>
                <p class="fr-race-caption">
                    <span class="fr-race-who">{ step.actor.clone() }{ ": " }</span>
                    <code class="fr-race-action">{ step.action.clone() }</code>
                    <br />
                    <span class="fr-caption-text">{ step.caption.clone() }</span>
                </p>
                { view::lanes(&run.steps, at) }
                <details class="fr-race-log" open=true>
                    <summary>{ "Event log of this step" }</summary>
                    { sim::log("Events of this step", &step.events) }
                </details>
            </div>
            { timeline::timeline(&run.steps, at, &go.reform(Move::To)) }
            <p class="fr-race-end">
                { "With these what-ifs: " }<strong>{ model::end_words(run.end) }</strong>
                if saved.schedule.is_some() {
                    { " (a loaded interleaving) " }
                    <button type="button" class="fr-button fr-default-order" onclick={on_default}>
                        { "Back to the lesson's order" }
                    </button>
                }
            </p>
            <div class="fr-actions">
                <button type="button" class="fr-button fr-explore" onclick={on_explore}>{ "Every interleaving" }</button>
                <button type="button" class="fr-button fr-reset" onclick={on_reset}>{ "Reset" }</button>
            </div>
            if let Some(explored) = explorer {
                <div class="fr-explorer" data-millis={explored.millis.clone()} onclick={on_load}>
                    { view::outcomes(&explored.rows, explored.interleavings, &model::run(&saved.options, None),
                        saved.schedule.as_deref()) }
                </div>
            }
            <p class="fr-status" role="status" aria-live="polite">{ (*announcement).clone() }</p>
        </section>
    }
}

fn step_words(run: &Run, at: usize) -> String {
    let step = &run.steps[at];
    format!("Step {} of {}: {}.", at + 1, run.steps.len(), step.caption)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cache_engine::race::RaceOptions;
    use course_schema::Rich;

    #[test]
    fn home_moves_to_the_first_step() {
        assert_eq!(key_move("Home"), Some(Move::First));
    }

    #[tokio::test]
    async fn renders_the_first_step_with_four_lanes_and_the_controls() {
        let exercise = RaceExercise {
            prompt: Rich("<p>Step through the race.</p>".into()),
            options: RaceOptions::default(),
        };
        let props = RaceProps::new("race".into(), "v1".into(), exercise);
        let html = yew::LocalServerRenderer::<crate::live::Live>::with_props(props.into())
            .hydratable(false)
            .render()
            .await;
        let run = model::run(&RaceOptions::default(), None);
        assert!(html.contains(&format!("1 / {}", run.steps.len())), "{html}");
        assert_eq!(html.matches("class=\"fr-lane\"").count(), 4, "{html}");
        assert!(html.contains("data-lane=\"webhook\""), "{html}");
        assert!(html.contains(">Every interleaving</button>"), "{html}");
        assert!(html.contains("data-fr-keys=\"arrows ends\""), "{html}");
        assert!(html.contains(&run.steps[0].caption), "{html}");
    }
}
