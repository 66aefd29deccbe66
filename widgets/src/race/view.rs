//! The stepper's parts, rendered from plain data so tests can render any state.

use cache_engine::prelude::*;
use cache_engine::race::{Arrival, MAX_POLL_EVERY, MAX_REFRESHES, RaceOptions};
use yew::prelude::*;

use super::model::{
    FIRES, Lane, OutcomeRow, READ, Run, WhatIf, arrival_kind, end_words, fires_code, fires_key,
    page_shows, row, webhook_status,
};
use crate::markup::Markup;
use crate::sim;

/// The four lanes after step `at` of `steps`.
pub fn lanes(steps: &[Step], at: usize) -> Html {
    let step = &steps[at];
    let active = Lane::of(step);
    let mut markup = Markup::default();
    markup.open(
        "ol",
        &[
            ("class", Some("fr-lanes")),
            ("aria-label", Some("What each part holds after this step")),
        ],
    );
    let value = [
        ("class", Some("fr-lane-value")),
        ("data-lane-value", Some("")),
    ];
    for lane in Lane::ALL {
        let now = lane == active;
        markup
            .open(
                "li",
                &[
                    ("class", Some("fr-lane")),
                    ("data-lane", Some(lane.key())),
                    ("aria-current", now.then_some("step")),
                ],
            )
            .element("h4", &[("class", Some("fr-lane-title"))], lane.title())
            .open("p", &value);
        match lane {
            Lane::Browser => {
                markup.text(&page_shows(step)).close("p");
                if let Some(page) = step.snapshot.pages.get("browser") {
                    markup
                        .open("p", &[("class", Some("fr-lane-note"))])
                        .element("code", &[], &page.path)
                        .close("p");
                }
            }
            Lane::Webhook => {
                markup
                    .element("code", &[], &webhook_status(steps, at))
                    .close("p");
            }
            Lane::Cache => {
                let queued = step.snapshot.pending.iter().any(|read| read == READ);
                sim::entry(&mut markup, step.snapshot.entry(READ), queued);
                markup.close("p");
            }
            Lane::Database => {
                markup
                    .element("code", &[], "org:acme:plan = ")
                    .text(&row(step))
                    .close("p");
            }
        }
        if now {
            markup
                .open("p", &[("class", Some("fr-lane-now"))])
                .element(
                    "span",
                    &[("class", Some("fr-lane-now-label"))],
                    "This step: ",
                )
                .element("code", &[], &step.action)
                .close("p");
        }
        markup.close("li");
    }
    markup.close("ol");
    markup.html()
}

/// The what-if controls.
pub fn what_ifs(id: &str, options: &RaceOptions, on_change: &Callback<WhatIf>) -> Html {
    let field = |suffix: &str| format!("fr-{id}-{suffix}");
    let emit = |make: fn(String) -> WhatIf| {
        on_change.reform(move |event: web_sys::Event| make(sim::value_of(&event)))
    };
    let kind = arrival_kind(options.arrival);
    let polls = match options.arrival {
        Arrival::AfterPolls(polls) => polls,
        _ => 1,
    };
    let mut arrivals = Markup::default();
    for (value, label) in [
        ("before-redirect", "before the redirect"),
        ("after-polls", "after some refreshes"),
        ("never", "never"),
    ] {
        arrivals.option(value, label, value == kind);
    }
    let mut fires = Markup::default();
    for choice in FIRES {
        fires.option(
            fires_key(choice),
            fires_code(choice),
            choice == options.fires,
        );
    }
    html! {
        <fieldset class="fr-what-if" data-fr-keys="arrows ends">
            <legend>{ "What if…" }</legend>
            <div class="fr-field">
                <label for={field("arrival")}>{ "The webhook arrives" }</label>
                <select id={field("arrival")} name="arrival" onchange={emit(WhatIf::Arrival)}>{ arrivals.html() }</select>
            </div>
            <div class="fr-field">
                <label for={field("polls")}>{ "Refreshes before it lands" }</label>
                <input id={field("polls")} name="polls" type="number" min="0" max={MAX_REFRESHES.to_string()}
                    value={polls.to_string()} disabled={kind != "after-polls"} onchange={emit(WhatIf::Polls)} />
            </div>
            <div class="fr-field">
                <label for={field("fires")}>{ "It fires" }</label>
                <select id={field("fires")} name="fires" onchange={emit(WhatIf::Fires)}>{ fires.html() }</select>
            </div>
            <div class="fr-field">
                <label for={field("interval")}>{ "Seconds between refreshes" }</label>
                <input id={field("interval")} name="interval" type="number" min="1" max={MAX_POLL_EVERY.to_string()}
                    value={options.poll_every.to_string()} onchange={emit(WhatIf::Interval)} />
            </div>
            <div class="fr-field">
                <label for={field("limit")}>{ "Refreshes before giving up" }</label>
                <input id={field("limit")} name="limit" type="number" min="1" max={MAX_REFRESHES.to_string()}
                    value={options.give_up_after.to_string()} onchange={emit(WhatIf::Limit)} />
            </div>
        </fieldset>
    }
}

/// The explorer's table: one row per outcome, each loadable by the Load
/// button with its row's index (`data-row`); the row of the lesson's own
/// run (the one the chapter discusses) is marked.
pub fn outcomes(
    rows: &[OutcomeRow],
    interleavings: u64,
    lesson: &Run,
    loaded: Option<&[usize]>,
) -> Html {
    let mut markup = Markup::default();
    markup
        .open("table", &[("class", Some("fr-outcomes fr-reflow"))])
        .open("caption", &[])
        .element(
            "span",
            &[("class", Some("fr-interleavings"))],
            &interleavings.to_string(),
        )
        .text(&format!(" interleavings, {} distinct outcomes", rows.len()))
        .close("caption")
        .open("thead", &[])
        .open("tr", &[]);
    let headings = [
        "Interleavings",
        "The poll",
        "Page at the end",
        "Page reaches Pro",
        "Stale for good",
    ];
    for heading in headings {
        markup.element("th", &[("scope", Some("col"))], heading);
    }
    markup
        .open("th", &[("scope", Some("col"))])
        .element("span", &[("class", Some("fr-sr"))], "Load")
        .close("th")
        .close("tr")
        .close("thead")
        .open("tbody", &[]);
    for (index, row) in rows.iter().enumerate() {
        let current = loaded == Some(row.schedule.as_slice());
        let stale = if row.stale_for_good.is_empty() {
            "no".to_string()
        } else {
            row.stale_for_good.join(", ")
        };
        let is_lesson = row.is(lesson);
        let cell = |label| [("data-label", Some(label))];
        markup
            .open(
                "tr",
                &[
                    ("aria-current", current.then_some("true")),
                    ("data-count", Some(&row.count.to_string())),
                    ("data-state", is_lesson.then_some("lesson")),
                ],
            )
            .element(
                "td",
                &[("class", Some("fr-num")), ("data-label", Some(headings[0]))],
                &row.count.to_string(),
            )
            .open("td", &cell(headings[1]))
            .text(&end_words(row.end));
        if is_lesson {
            markup.element(
                "strong",
                &[("class", Some("fr-lesson-mark"))],
                " (the lesson's order)",
            );
        }
        markup
            .close("td")
            .element("td", &cell(headings[2]), &row.page)
            .element("td", &cell(headings[3]), row.reaches_pro())
            .element("td", &cell(headings[4]), &stale)
            .open("td", &[])
            .element(
                "button",
                &[
                    ("type", Some("button")),
                    ("class", Some("fr-button fr-load")),
                    ("aria-pressed", Some(if current { "true" } else { "false" })),
                    ("data-row", Some(&index.to_string())),
                ],
                "Load",
            )
            .close("td")
            .close("tr");
    }
    markup.close("tbody").close("table");
    markup.html()
}
