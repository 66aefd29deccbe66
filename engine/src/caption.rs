//! One human sentence per step, built from the step's events.

use crate::event::{Event, ReadOutcome, RenderCause};

/// The caption of a step: its events, in words, joined by `; `.
///
/// ```
/// # use cache_engine::prelude::*;
/// let run = race::checkout_race(&race::RaceOptions::default()).run();
/// assert_eq!(
///     run.steps()[2].caption,
///     "t=2 s; refresh re-rendered; a refresh expires nothing, so entitlement was served from its entry: the page shows Free"
/// );
/// ```
pub fn caption(events: &[Event]) -> String {
    let mut parts = Vec::new();
    let mut cause = None;
    for event in events {
        let part = match event {
            Event::Clock { now } => format!("t={now} s"),
            Event::Render {
                actor,
                path,
                cause: why,
            } => {
                cause = Some(*why);
                match why {
                    RenderCause::Visit => format!("{actor} opened {path}"),
                    RenderCause::Refresh => "refresh re-rendered".into(),
                    RenderCause::HardReload => "a hard reload re-rendered".into(),
                    RenderCause::Redirect => {
                        format!("redirect rendered {path} in the same response")
                    }
                    RenderCause::ActionResponse => {
                        format!("the action's response re-rendered {path}")
                    }
                    RenderCause::Warm => format!("{path} was rendered earlier"),
                }
            }
            Event::Read {
                read,
                outcome,
                value,
                ..
            } => {
                match outcome {
                    // A refresh is where readers expect new data, so its
                    // caption says why the entry answered anyway.
                    ReadOutcome::Hit if cause == Some(RenderCause::Refresh) => format!(
                        "a refresh expires nothing, so {read} was served from its entry: the page shows {value}"
                    ),
                    ReadOutcome::Hit => {
                        format!("{read} was served from its entry: the page shows {value}")
                    }
                    ReadOutcome::Stale => format!(
                        "the read of {read} was stale, so the page got the old value {value} and a recompute was queued"
                    ),
                    ReadOutcome::Miss => {
                        format!("{read} had no entry, so it was computed: the page says {value}")
                    }
                    ReadOutcome::Expired => {
                        format!(
                            "{read} had expired, so the read blocked and recomputed: the page now says {value}"
                        )
                    }
                    ReadOutcome::Uncached => {
                        format!("{read} is not cached, so it was fetched: the page says {value}")
                    }
                }
            }
            Event::Recompute { read, value } => {
                format!("background recompute stored {value} for {read}")
            }
            Event::Begin { actor } => format!("{actor} began a transaction"),
            Event::Write {
                actor,
                row,
                value,
                in_transaction,
            } => {
                let what = match value {
                    Some(value) => format!("{actor} wrote {row} = {value}"),
                    None => format!("{actor} removed {row}"),
                };
                if *in_transaction {
                    format!("{what} (uncommitted)")
                } else {
                    what
                }
            }
            Event::Commit { rows, .. } => {
                format!("the transaction committed {}", plural(rows.len(), "row"))
            }
            Event::Rollback { .. } => "the transaction rolled back".into(),
            Event::Queued {
                call, tag, path, ..
            } => {
                let target = tag.as_deref().or(path.as_deref()).unwrap_or_default();
                format!("{}({target}) queued until the request ends", call.name())
            }
            Event::Invalidate {
                call,
                tag,
                path,
                profile,
                matched,
                ..
            } => {
                let target = tag.as_deref().or(path.as_deref()).unwrap_or_default();
                let effect = if profile.as_deref().is_some_and(|p| p != "{ expire: 0 }") {
                    "marked stale"
                } else {
                    "expired"
                };
                format!(
                    "{}({target}) {effect} {}",
                    call.name(),
                    plural(*matched, "entry")
                )
            }
            Event::Warning { message, .. } => format!("warning: {}", first_sentence(message)),
            Event::Error { source, message } => {
                format!("{source} threw: {}", first_sentence(message))
            }
            Event::Redirect { .. } => continue,
            Event::Respond { actor, status } => format!("{actor} answered {status}"),
            Event::Skipped { op, .. } => format!("{op} never ran"),
            Event::PollStopped { polls, .. } => {
                format!("polling stops after {}", plural(*polls as usize, "refresh"))
            }
            Event::GaveUp { polls, .. } => format!(
                "the page gives up after {}",
                plural(*polls as usize, "refresh")
            ),
        };
        parts.push(part);
    }
    parts.join("; ")
}

/// `count` and `noun`, in the plural unless the count is one.
pub fn plural(count: usize, noun: &str) -> String {
    match (count, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "entry") => format!("{count} entries"),
        (_, "refresh") => format!("{count} refreshes"),
        _ => format!("{count} {noun}s"),
    }
}

fn first_sentence(message: &str) -> &str {
    let line = message.lines().next().unwrap_or_default();
    match line.as_bytes().windows(2).position(|pair| pair == b". ") {
        Some(end) => &line[..=end],
        None => line,
    }
}
