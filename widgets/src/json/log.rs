//! The engine's events as the structured log lines the course recommends:
//! `{"event":"invalidate","call":"revalidateTag",…}`, as serde_json writes
//! the engine's `Event` (internally tagged, kebab-case names, optional
//! fields left out when empty). `tests/log_lines.rs` holds every event of
//! the course's scenarios to that.

use cache_engine::event::{Call, Event, ReadOutcome, RenderCause, WarningKind};

use super::write::{ToJson, Writer};

impl ToJson for Event {
    fn to_json(&self, out: &mut Writer) {
        match self {
            Event::Render { actor, path, cause } => out.object(&[
                ("event", &"render"),
                ("actor", actor),
                ("path", path),
                ("cause", cause),
            ]),
            Event::Read {
                actor,
                read,
                outcome,
                value,
            } => out.object(&[
                ("event", &"read"),
                ("actor", actor),
                ("read", read),
                ("outcome", outcome),
                ("value", value),
            ]),
            Event::Recompute { read, value } => {
                out.object(&[("event", &"recompute"), ("read", read), ("value", value)]);
            }
            Event::Begin { actor } => out.object(&[("event", &"begin"), ("actor", actor)]),
            Event::Write {
                actor,
                row,
                value,
                in_transaction,
            } => out.object(&[
                ("event", &"write"),
                ("actor", actor),
                ("row", row),
                ("value", value),
                ("in_transaction", in_transaction),
            ]),
            Event::Commit { actor, rows } => {
                out.object(&[("event", &"commit"), ("actor", actor), ("rows", rows)]);
            }
            Event::Rollback { actor, rows } => {
                out.object(&[("event", &"rollback"), ("actor", actor), ("rows", rows)]);
            }
            Event::Queued {
                call,
                tag,
                path,
                profile,
                source,
            } => out.object(&[
                ("event", &"queued"),
                ("call", call),
                ("tag", tag),
                ("path", path),
                ("profile", profile),
                ("source", source),
            ]),
            Event::Invalidate {
                call,
                tag,
                path,
                profile,
                source,
                matched,
            } => out.object(&[
                ("event", &"invalidate"),
                ("call", call),
                ("tag", tag),
                ("path", path),
                ("profile", profile),
                ("source", source),
                ("matched", matched),
            ]),
            Event::Warning {
                source,
                kind,
                message,
            } => out.object(&[
                ("event", &"warning"),
                ("source", source),
                ("kind", kind),
                ("message", message),
            ]),
            Event::Error { source, message } => out.object(&[
                ("event", &"error"),
                ("source", source),
                ("message", message),
            ]),
            Event::Redirect { actor, path } => {
                out.object(&[("event", &"redirect"), ("actor", actor), ("path", path)]);
            }
            Event::Respond { actor, status } => {
                out.object(&[("event", &"respond"), ("actor", actor), ("status", status)]);
            }
            Event::Skipped { actor, op } => {
                out.object(&[("event", &"skipped"), ("actor", actor), ("op", op)]);
            }
            Event::Clock { now } => out.object(&[("event", &"clock"), ("now", now)]),
            Event::PollStopped { actor, polls } => {
                out.object(&[
                    ("event", &"poll-stopped"),
                    ("actor", actor),
                    ("polls", polls),
                ]);
            }
            Event::GaveUp { actor, polls } => {
                out.object(&[("event", &"gave-up"), ("actor", actor), ("polls", polls)]);
            }
        }
    }
}

/// Unit variants written as their names.
macro_rules! names {
    ($($type:ident { $($variant:ident => $name:literal),* $(,)? })*) => {$(
        impl ToJson for $type {
            fn to_json(&self, out: &mut Writer) {
                out.text(match self {
                    $($type::$variant => $name,)*
                });
            }
        }
    )*};
}

names! {
    ReadOutcome {
        Hit => "hit",
        Stale => "stale",
        Miss => "miss",
        Expired => "expired",
        Uncached => "uncached",
    }
    RenderCause {
        Visit => "visit",
        Refresh => "refresh",
        HardReload => "hard-reload",
        Redirect => "redirect",
        ActionResponse => "action-response",
        Warm => "warm",
    }
    WarningKind {
        ZeroMatched => "zero-matched",
        DroppedTag => "dropped-tag",
        Deprecation => "deprecation",
        DynamicPathWithoutType => "dynamic-path-without-type",
    }
}

/// `Call` names itself as code does.
impl ToJson for Call {
    fn to_json(&self, out: &mut Writer) {
        out.text(self.name());
    }
}
