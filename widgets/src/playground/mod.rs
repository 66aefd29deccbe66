//! The cache playground: the invoicing app in miniature, run by the engine.
//! The reader visits pages as a user and fires mutation sites with the calls
//! they choose; after each action the widget shows every read (hit, stale
//! served, miss), the pages' values, the invalidate lines with their match
//! counts, warnings and errors. Undo, Redo and Reset use the engine's
//! snapshots.
//!
//! Saved: the toggles and the actions performed (replayed on load).

pub mod model;
mod view;

use std::rc::Rc;

use cache_engine::prelude::Mutation;
use course_schema::PlaygroundExercise;
use yew::prelude::*;

use crate::held;
use crate::progress;
use crate::rich::rich;
use crate::sim;
use model::{Action, CallKind, PEOPLE, Session, Toggles};

pub type PlaygroundProps = crate::props::ExerciseProps<PlaygroundExercise>;

/// A toggle of the app or of the tail.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Toggle {
    Development,
    NoStore,
    Cookies,
    Mistyped,
    SecretOnHost,
    AfterReturn,
    RedirectFirst,
}

impl Toggle {
    /// Whether the toggle changes the app itself (the playground restarts).
    pub fn restarts(self) -> bool {
        !matches!(self, Toggle::AfterReturn | Toggle::RedirectFirst)
    }

    /// `no_store` is the read the no-store toggle turns on: the preset's,
    /// or the dashboard's summary when the preset names none.
    pub fn set(self, toggles: &mut Toggles, on: bool, no_store: &str) {
        match self {
            Toggle::Development => toggles.development = on,
            Toggle::NoStore => toggles.no_store = on.then(|| no_store.to_string()),
            Toggle::Cookies => toggles.cookies = on,
            Toggle::Mistyped => toggles.mistyped = on,
            Toggle::SecretOnHost => toggles.secret_on_host = on,
            Toggle::AfterReturn => toggles.after_return = on,
            Toggle::RedirectFirst => toggles.redirect_first = on,
        }
    }
}

/// The read the no-store toggle is about.
fn no_store_read(preset: &PlaygroundExercise) -> String {
    preset
        .no_store
        .clone()
        .unwrap_or_else(|| "summary".to_string())
}

/// What the reader has chosen but not done yet: who visits, which site
/// fires which calls. One state rather than four: every type a hook holds
/// compiles its own copy of Yew's hook code into the bundle.
#[derive(Clone, PartialEq)]
struct Form {
    person: &'static str,
    site: Mutation,
    calls: CallKind,
    targets: Vec<String>,
}

impl crate::live::Widget for PlaygroundExercise {
    type Props = PlaygroundProps;

    fn props(id: String, version: String, exercise: Self) -> PlaygroundProps {
        PlaygroundProps::new(id, version, exercise)
    }

    fn body(props: &PlaygroundProps) -> impl yew::functional::Hook<Output = Html> + '_ {
        use_playground(props)
    }
}

#[hook]
pub fn use_playground(props: &PlaygroundProps) -> Html {
    let exercise = props.exercise.clone();
    let preset = Toggles::of(&exercise);
    let key = props.storage_key.clone();
    let session = {
        let key = key.clone();
        let preset = preset.clone();
        held::use_reducer(move || {
            progress::load::<model::Saved>(&key)
                .and_then(Session::replay)
                .map(Rc::new)
                .unwrap_or_else(|| {
                    progress::clear(&key);
                    Rc::new(Session::new(preset))
                })
        })
    };
    let form = held::use_reducer(|| Form {
        person: PEOPLE[0].0,
        site: exercise.mutation,
        calls: CallKind::Recommended,
        targets: Vec::new(),
    });
    let announcement = held::use_reducer(String::new);

    let store = {
        let session = session.clone();
        let preset = preset.clone();
        move |next: Session| {
            let saved = &next.saved;
            progress::keep(
                &key,
                saved,
                saved.actions.is_empty() && saved.toggles == preset,
            );
            // A playground has no right answer: trying an action is doing it.
            if !saved.actions.is_empty() {
                progress::done(&key);
            }
            session.set(Rc::new(next));
        }
    };
    let perform = {
        let store = store.clone();
        let session = session.clone();
        let announcement = announcement.clone();
        Callback::from(move |action: Action| {
            let mut next = (**session).clone();
            next.perform(action);
            if let Some((action, report)) = next.last() {
                announcement.set(model::describe(action, report));
            }
            store(next);
        })
    };
    let on_visit = {
        let perform = perform.clone();
        let person = form.person;
        Callback::from(move |path: &'static str| {
            perform.emit(Action::Visit {
                who: person.into(),
                path: path.into(),
            })
        })
    };
    let on_fire = {
        let perform = perform.clone();
        let toggles = session.saved.toggles.clone();
        let Form {
            site,
            calls,
            targets,
            ..
        } = (*form).clone();
        move |_: MouseEvent| {
            perform.emit(Action::Fire {
                site,
                calls,
                targets: targets.clone(),
                after_return: toggles.after_return,
                redirect_first: toggles.redirect_first,
            })
        }
    };
    let no_store = no_store_read(&props.exercise);
    let on_toggle = {
        let no_store = no_store.clone();
        let store = store.clone();
        let session = session.clone();
        let announcement = announcement.clone();
        Callback::from(move |(toggle, on): (Toggle, bool)| {
            let mut toggles = session.saved.toggles.clone();
            toggle.set(&mut toggles, on, &no_store);
            if toggle.restarts() {
                announcement.set(
                    "The app changed, so the playground started again with a warm cache.".into(),
                );
                store(Session::new(toggles));
            } else {
                let mut next = (**session).clone();
                next.saved.toggles = toggles;
                store(next);
            }
        })
    };
    let history = |undo: bool| {
        let store = store.clone();
        let session = session.clone();
        let announcement = announcement.clone();
        move |_: MouseEvent| {
            let mut next = (**session).clone();
            let moved = if undo { next.undo() } else { next.redo() };
            if moved {
                announcement.set(match next.last() {
                    Some((action, report)) => {
                        let verb = if undo {
                            "Undone; now after: "
                        } else {
                            "Redone: "
                        };
                        format!("{verb}{}", model::describe(action, report))
                    }
                    None => "Undone: back to the warm cache.".into(),
                });
                store(next);
            }
        }
    };
    let on_reset = {
        let store = store.clone();
        let announcement = announcement.clone();
        let preset = preset.clone();
        move |_: MouseEvent| {
            announcement.set("Reset: the preset app with a warm cache.".into());
            store(Session::new(preset.clone()));
        }
    };
    let edit = |change: fn(&mut Form, String)| {
        let form = form.clone();
        move |event: web_sys::Event| {
            let mut next = (*form).clone();
            change(&mut next, sim::value_of(&event));
            form.set(next);
        }
    };
    let on_person = edit(|form, value| {
        if let Some((name, _)) = PEOPLE.iter().find(|(name, _)| *name == value) {
            form.person = name;
        }
    });
    let on_site = edit(|form, value| {
        if let Some(found) = Mutation::ALL
            .into_iter()
            .find(|m| model::site_key(*m) == value)
        {
            form.site = found;
        }
    });
    let on_calls = edit(|form, value| {
        if let Some(kind) = CallKind::from_key(&value) {
            if kind.takes_tags() != form.calls.takes_tags() || kind == CallKind::RevalidatePath {
                form.targets.clear();
            }
            form.calls = kind;
        }
    });
    let on_target = {
        let form = form.clone();
        Callback::from(move |(target, on): (String, bool)| {
            let mut next = (*form).clone();
            next.targets.retain(|known| *known != target);
            if on {
                next.targets.push(target);
            }
            form.set(next);
        })
    };

    let id = &props.id;
    let saved = &session.saved;
    let snapshot = session.playground.snapshot();
    let prompt_id = format!("fr-{id}-prompt");
    let last = session.last();
    html! {
        <section class="fr-playground" aria-labelledby={prompt_id.clone()}
            data-actions={saved.at.to_string()}>
            <div class="fr-prompt" id={prompt_id}>{ rich(&exercise.prompt) }</div>
            { view::app_toggles(id, &saved.toggles, &no_store, &on_toggle) }
            { view::pages(id, &snapshot, form.person, on_person.into(), &on_visit) }
            { view::rows(&snapshot) }
            { view::sites(id, view::Sites {
                site: form.site, calls: form.calls, targets: &form.targets, toggles: &saved.toggles,
                on_site: on_site.into(), on_calls: on_calls.into(), on_target, on_toggle: on_toggle.clone(),
            }) }
            <div class="fr-actions">
                <button type="button" class="fr-button fr-primary fr-fire" onclick={on_fire}>{ "Fire" }</button>
                <button type="button" class="fr-button fr-undo" disabled={saved.at == 0}
                    onclick={history(true)}>{ "Undo" }</button>
                <button type="button" class="fr-button fr-redo" disabled={saved.at >= saved.actions.len()}
                    onclick={history(false)}>{ "Redo" }</button>
                <button type="button" class="fr-button fr-reset" onclick={on_reset}>{ "Reset" }</button>
            </div>
            { view::report(last) }
            <p class="fr-status" role="status" aria-live="polite">{ (*announcement).clone() }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cache_engine::prelude::Mode;
    use course_schema::Rich;

    async fn render(exercise: PlaygroundExercise) -> String {
        let props = PlaygroundProps::new("play".into(), "v1".into(), exercise);
        yew::LocalServerRenderer::<crate::live::Live>::with_props(props.into())
            .hydratable(false)
            .render()
            .await
    }

    #[tokio::test]
    async fn the_no_store_toggle_names_the_read_it_is_about() {
        let label = "read is fetched with cache: 'no-store'";
        let html = render(PlaygroundExercise::new(Rich("<p>Play.</p>".into()))).await;
        assert!(
            html.contains(&format!("<code>summary</code> {label}")),
            "{html}"
        );
        let exercise = PlaygroundExercise {
            no_store: Some("invoice-list".into()),
            ..PlaygroundExercise::new(Rich("<p>Play.</p>".into()))
        };
        let html = render(exercise).await;
        assert!(
            html.contains(&format!("<code>invoice-list</code> {label}")),
            "{html}"
        );
    }

    #[test]
    fn the_no_store_toggle_turns_on_the_presets_read() {
        let mut toggles = Toggles::of(&PlaygroundExercise::new(Rich::default()));
        Toggle::NoStore.set(&mut toggles, true, "invoice-list");
        assert_eq!(toggles.no_store.as_deref(), Some("invoice-list"));
        Toggle::NoStore.set(&mut toggles, false, "invoice-list");
        assert_eq!(toggles.no_store, None);
    }

    #[tokio::test]
    async fn renders_the_warm_app_with_every_site() {
        let exercise = PlaygroundExercise {
            mode: Mode::Production,
            mutation: Mutation::StripeWebhook,
            ..PlaygroundExercise::new(Rich("<p>Play.</p>".into()))
        };
        let html = render(exercise).await;
        assert_eq!(
            html.matches("<option value=\"edit-invoice\"").count(),
            1,
            "{html}"
        );
        assert!(html.contains("€100 unpaid · 1 × design"), "{html}");
        assert_eq!(
            html.matches("class=\"fr-page\"").count(),
            model::PAGES.len(),
            "{html}"
        );
        assert!(
            html.contains(">Undo</button>") && html.contains(">Reset</button>"),
            "{html}"
        );
    }
}
