//! JSON in the bundle: `fresh-json`, whose impls for the course's types are
//! derived from their serde attributes, and the widgets' own saved state,
//! declared once with [`json_saved!`].

pub use fresh_json::{
    Error, Fields, FromJson, Object, ToJson, Value, Writer, named, parse, stringify, unknown,
    variant,
};

/// Saved state: `FromJson` and `ToJson` from one list of its fields. A
/// field that is `None` is left out, and read back as `None`.
macro_rules! json_saved {
    ($type:ident { $($field:ident),* $(,)? }) => {
        fresh_json::json_struct!($type { $($field),* });
        fresh_json::json_fields!($type { $($field),* });
    };
}

pub(crate) use json_saved;

#[cfg(test)]
mod tests {
    use std::fmt::Debug;

    use cache_engine::invoicing::Mutation;
    use cache_engine::race::{Arrival, Fires, RaceOptions};

    use super::*;
    use crate::arrange::Phase;
    use crate::playground::model::{Action, CallKind, Toggles};

    /// What the widgets save is read back as it was, by the same code
    /// that reads it from localStorage on the next visit.
    fn round_trip<T: ToJson + FromJson + PartialEq + Debug>(saved: T) {
        let text = stringify(&saved);
        let read: T = parse(&text).unwrap_or_else(|error| panic!("{text}: {error}"));
        assert_eq!(read, saved, "{text}");
    }

    #[test]
    fn every_saved_state_reads_back() {
        round_trip(crate::ordering::Saved {
            order: vec!["b".into(), "a".into()],
            phase: Phase::Checked,
        });
        round_trip(crate::sorting::Saved {
            items: vec![("x".into(), Some(1)), ("y".into(), None)],
            phase: Phase::Shown,
        });
        round_trip(crate::scenario::Answer {
            choice: Some(2),
            revealed: true,
            missed: false,
        });
        for (arrival, fires, schedule) in [
            (
                Arrival::AfterPolls(3),
                Fires::ExpireNow,
                Some(vec![0, 1, 1]),
            ),
            (Arrival::BeforeRedirect, Fires::UpdateTag, None),
            (Arrival::Never, Fires::Nothing, Some(vec![])),
        ] {
            round_trip(crate::race::model::Saved {
                options: RaceOptions {
                    arrival,
                    fires,
                    poll_every: 5,
                    give_up_after: 4,
                },
                step: 7,
                schedule,
            });
        }
        round_trip(crate::playground::model::Saved {
            toggles: Toggles {
                development: true,
                no_store: Some("summary".into()),
                cookies: false,
                mistyped: true,
                secret_on_host: false,
                after_return: true,
                redirect_first: false,
            },
            actions: vec![
                Action::Visit {
                    who: "ada".into(),
                    path: "/invoices".into(),
                },
                Action::Fire {
                    site: Mutation::NightlyJobDirect,
                    calls: CallKind::RevalidateNow,
                    targets: vec!["invoices:acme".into()],
                    after_return: false,
                    redirect_first: true,
                },
            ],
            at: 1,
        });
    }

    #[test]
    fn corrupt_saved_state_says_where() {
        let error = parse::<crate::playground::model::Saved>(
            r#"{"toggles": {}, "actions": [{"fire": {"site": "nowhere"}}], "at": 0}"#,
        )
        .unwrap_err();
        assert_eq!(error.to_string(), "toggles: missing field `development`");
        let error = parse::<Vec<Action>>(
            r#"[{"visit": {"who": "ada", "path": "/"}}, {"fire": {"site": "nowhere"}}]"#,
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "[1].fire.site: unknown variant `nowhere`, expected one of `edit-invoice`, \
             `demote-member`, `remove-member`, `stripe-webhook`, `nightly-job`, \
             `nightly-job-direct`, `footer-change`, `maps-widget-save`"
        );
        let error = parse::<crate::race::model::Saved>(
            r#"{"options": {"arrival": {"after-polls": "two"}}, "step": 0}"#,
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "options.arrival.after-polls: expected a whole number from 0, found the text \"two\""
        );
    }
}
