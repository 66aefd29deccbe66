//! What the race stepper and the cache playground share: a cache entry's
//! state, the structured event log, and a few words for the engine's enums.

use cache_engine::prelude::{Event, ReadOutcome};
use cache_engine::snapshot::EntryView;
use cache_engine::world::EntryState;
use yew::prelude::*;

/// A cache entry as both widgets show it: its state as a word (never by
/// colour alone) and its value; a missing entry says so.
pub fn entry(entry: Option<&EntryView>, queued: bool) -> Html {
    let Some(entry) = entry else {
        return html! { <span class="fr-entry" data-state="none">{ "no entry" }</span> };
    };
    let state = state_word(entry.state);
    html! {
        <span class="fr-entry" data-state={state}>
            <span class="fr-entry-state">{ state }</span>
            <span class="fr-entry-value">{ entry.value.clone() }</span>
            if queued {
                <span class="fr-entry-queued">{ "recompute queued" }</span>
            }
        </span>
    }
}

pub fn state_word(state: EntryState) -> &'static str {
    match state {
        EntryState::Fresh => "fresh",
        EntryState::Stale => "stale",
        EntryState::Expired => "expired",
    }
}

/// How a read went, in the reader's words.
pub fn outcome_word(outcome: ReadOutcome) -> &'static str {
    match outcome {
        ReadOutcome::Hit => "hit",
        ReadOutcome::Stale => "stale served",
        ReadOutcome::Miss => "miss",
        ReadOutcome::Expired => "expired, recomputed",
        ReadOutcome::Uncached => "not cached",
    }
}

/// The structured log lines of `events`, as the course asks code to log
/// them; errors and warnings are marked by a word as well as a class.
pub fn log<'a>(label: &'static str, events: impl IntoIterator<Item = &'a Event>) -> Html {
    let lines = events.into_iter().map(|event| {
        let code = html! { <code>{ breakable(&line(event)) }</code> };
        let mark = |word: &'static str| html! { <strong class="fr-log-mark">{ word }</strong> };
        // Literal classes: one that varies would cost the bundle Yew's
        // class set (see `states`).
        match event {
            Event::Error { .. } => {
                html! { <li class="fr-log-error">{ mark("error ") }{ code }</li> }
            }
            Event::Warning { .. } => {
                html! { <li class="fr-log-warning">{ mark("warning ") }{ code }</li> }
            }
            Event::Invalidate { .. } => html! { <li class="fr-log-invalidate">{ code }</li> },
            _ => html! { <li>{ code }</li> },
        }
    });
    html! {
        <ol class="fr-log" aria-label={label}>{ for lines }</ol>
    }
}

/// A JSON line with a break opportunity after each comma and colon, so a
/// narrow column wraps it between fields, or between the parts of a tag
/// (`org:acme:invoice`), rather than inside a word.
fn breakable(line: &str) -> Html {
    line.split_inclusive([',', ':'])
        .map(|piece| html! { <>{ piece.to_string() }<wbr /></> })
        .collect()
}

/// One event as a JSON line.
pub fn line(event: &Event) -> String {
    crate::json::stringify(event)
}

/// The value of the `<input>` or `<select>` an event came from.
pub fn value_of(event: &Event_) -> String {
    use wasm_bindgen::JsCast;
    event
        .target()
        .and_then(|target| {
            if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
                Some(input.value())
            } else {
                target
                    .dyn_ref::<web_sys::HtmlSelectElement>()
                    .map(web_sys::HtmlSelectElement::value)
            }
        })
        .unwrap_or_default()
}

/// Whether the checkbox an event came from is checked.
pub fn checked(event: &Event_) -> bool {
    use wasm_bindgen::JsCast;
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|input| input.checked())
}

type Event_ = web_sys::Event;

#[cfg(test)]
mod tests {
    use super::*;
    use cache_engine::prelude::Call;

    #[test]
    fn an_invalidate_line_is_the_course_structured_log_line() {
        let event = Event::Invalidate {
            call: Call::RevalidateTag,
            tag: Some("org:acme".into()),
            path: None,
            profile: Some("'max'".into()),
            source: "webhook".into(),
            matched: 1,
        };
        assert_eq!(
            line(&event),
            r#"{"event":"invalidate","call":"revalidateTag","tag":"org:acme","profile":"'max'","source":"webhook","matched":1}"#
        );
    }
}
