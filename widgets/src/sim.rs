//! What the race stepper and the cache playground share: a cache entry's
//! state, the structured event log, and a few words for the engine's enums.

use cache_engine::prelude::{Event, ReadOutcome};
use cache_engine::snapshot::EntryView;
use cache_engine::world::EntryState;
use yew::prelude::*;

use crate::markup::Markup;

/// A cache entry as both widgets show it: its state as a word (never by
/// colour alone) and its value; a missing entry says so.
pub fn entry(markup: &mut Markup, entry: Option<&EntryView>, queued: bool) {
    let Some(entry) = entry else {
        markup.element(
            "span",
            &[("class", Some("fr-entry")), ("data-state", Some("none"))],
            "no entry",
        );
        return;
    };
    let state = state_word(entry.state);
    markup
        .open(
            "span",
            &[("class", Some("fr-entry")), ("data-state", Some(state))],
        )
        .element("span", &[("class", Some("fr-entry-state"))], state)
        .element("span", &[("class", Some("fr-entry-value"))], &entry.value);
    if queued {
        markup.element(
            "span",
            &[("class", Some("fr-entry-queued"))],
            "recompute queued",
        );
    }
    markup.close("span");
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
    let mut markup = Markup::default();
    write_log(&mut markup, label, events);
    markup.html()
}

/// [`log`], written into `markup`.
pub fn write_log<'a>(
    markup: &mut Markup,
    label: &str,
    events: impl IntoIterator<Item = &'a Event>,
) {
    markup.open(
        "ol",
        &[("class", Some("fr-log")), ("aria-label", Some(label))],
    );
    for event in events {
        let (class, mark) = match event {
            Event::Error { .. } => (Some("fr-log-error"), Some("error ")),
            Event::Warning { .. } => (Some("fr-log-warning"), Some("warning ")),
            Event::Invalidate { .. } => (Some("fr-log-invalidate"), None),
            _ => (None, None),
        };
        markup.open("li", &[("class", class)]);
        if let Some(mark) = mark {
            markup.element("strong", &[("class", Some("fr-log-mark"))], mark);
        }
        // A break opportunity after each comma and colon, so a narrow
        // column wraps a line between fields, or between the parts of a
        // tag (`org:acme:invoice`), rather than inside a word.
        markup.open("code", &[]);
        for piece in line(event).split_inclusive([',', ':']) {
            markup.text(piece).open("wbr", &[]);
        }
        markup.close("code").close("li");
    }
    markup.close("ol");
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
