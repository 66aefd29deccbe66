//! The stepper's parts, rendered from plain data so tests can render any state.

use cache_engine::prelude::*;
use cache_engine::race::{Arrival, MAX_POLL_EVERY, MAX_REFRESHES, RaceOptions};
use yew::prelude::*;

use super::model::{
    FIRES, Lane, OutcomeRow, READ, Run, WhatIf, arrival_kind, end_words, fires_code, fires_key,
    page_shows, row, webhook_status,
};
use crate::sim;

/// The four lanes after step `at` of `steps`.
pub fn lanes(steps: &[Step], at: usize) -> Html {
    let step = &steps[at];
    let active = Lane::of(step);
    let lanes = Lane::ALL.into_iter().map(|lane| {
        let now = (lane == active).then(|| step.action.clone());
        let body = match lane {
            Lane::Browser => {
                let path = step
                    .snapshot
                    .pages
                    .get("browser")
                    .map(|page| page.path.clone());
                html! {
                    <>
                        <p class="fr-lane-value" data-lane-value="">{ page_shows(step) }</p>
                        if let Some(path) = path { <p class="fr-lane-note"><code>{ path }</code></p> }
                    </>
                }
            }
            Lane::Webhook => html! {
                <p class="fr-lane-value" data-lane-value=""><code>{ webhook_status(steps, at) }</code></p>
            },
            Lane::Cache => {
                let queued = step.snapshot.pending.iter().any(|read| read == READ);
                html! {
                    <p class="fr-lane-value" data-lane-value="">{ sim::entry(step.snapshot.entry(READ), queued) }</p>
                }
            }
            Lane::Database => html! {
                <p class="fr-lane-value" data-lane-value=""><code>{ "org:acme:plan = " }</code>{ row(step) }</p>
            },
        };
        html! {
            <li class="fr-lane" data-lane={lane.key()}
                aria-current={now.is_some().then_some("step")}>
                <h4 class="fr-lane-title">{ lane.title() }</h4>
                { body }
                if let Some(action) = now {
                    <p class="fr-lane-now"><span class="fr-lane-now-label">{ "This step: " }</span><code>{ action }</code></p>
                }
            </li>
        }
    });
    html! { <ol class="fr-lanes" aria-label="What each part holds after this step">{ for lanes }</ol> }
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
    let arrivals = [
        ("before-redirect", "before the redirect"),
        ("after-polls", "after some refreshes"),
        ("never", "never"),
    ]
    .map(|(value, label)| html! { <option {value} selected={value == kind}>{ label }</option> });
    let fires = FIRES.map(|fires| {
        let value = fires_key(fires);
        html! { <option {value} selected={fires == options.fires}>{ fires_code(fires) }</option> }
    });
    html! {
        <fieldset class="fr-what-if" data-fr-keys="arrows ends">
            <legend>{ "What if…" }</legend>
            <div class="fr-field">
                <label for={field("arrival")}>{ "The webhook arrives" }</label>
                <select id={field("arrival")} name="arrival" onchange={emit(WhatIf::Arrival)}>{ for arrivals }</select>
            </div>
            <div class="fr-field">
                <label for={field("polls")}>{ "Refreshes before it lands" }</label>
                <input id={field("polls")} name="polls" type="number" min="0" max={MAX_REFRESHES.to_string()}
                    value={polls.to_string()} disabled={kind != "after-polls"} onchange={emit(WhatIf::Polls)} />
            </div>
            <div class="fr-field">
                <label for={field("fires")}>{ "It fires" }</label>
                <select id={field("fires")} name="fires" onchange={emit(WhatIf::Fires)}>{ for fires }</select>
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

/// The explorer's table: one row per outcome, each loadable; the row of
/// the lesson's own run (the one the chapter discusses) is marked.
pub fn outcomes(
    rows: &[OutcomeRow],
    interleavings: u64,
    lesson: &Run,
    loaded: Option<&[usize]>,
    on_load: &Callback<Vec<usize>>,
) -> Html {
    let body = rows.iter().map(|row| {
        let schedule = row.schedule.clone();
        let onclick = on_load.reform(move |_: MouseEvent| schedule.clone());
        let current = loaded == Some(row.schedule.as_slice());
        let stale = if row.stale_for_good.is_empty() {
            "no".to_string()
        } else {
            row.stale_for_good.join(", ")
        };
        let is_lesson = row.is(lesson);
        html! {
            <tr aria-current={current.then_some("true")} data-count={row.count.to_string()}
                data-state={is_lesson.then_some("lesson")}>
                <td class="fr-num" data-label="Interleavings">{ row.count }</td>
                <td data-label="The poll">
                    { end_words(row.end) }
                    if is_lesson {
                        <strong class="fr-lesson-mark">{ " (the lesson's order)" }</strong>
                    }
                </td>
                <td data-label="Page at the end">{ row.page.clone() }</td>
                <td data-label="Page reaches Pro">{ row.reaches_pro() }</td>
                <td data-label="Stale for good">{ stale }</td>
                <td><button type="button" class="fr-button fr-load" aria-pressed={if current { "true" } else { "false" }}
                    {onclick}>{ "Load" }</button></td>
            </tr>
        }
    });
    html! {
        <table class="fr-outcomes fr-reflow">
            <caption>
                <span class="fr-interleavings">{ interleavings }</span>{ " interleavings, " }
                { rows.len() }{ " distinct outcomes" }
            </caption>
            <thead><tr>
                <th scope="col">{ "Interleavings" }</th><th scope="col">{ "The poll" }</th>
                <th scope="col">{ "Page at the end" }</th><th scope="col">{ "Page reaches Pro" }</th>
                <th scope="col">{ "Stale for good" }</th><th scope="col"><span class="fr-sr">{ "Load" }</span></th>
            </tr></thead>
            <tbody>{ for body }</tbody>
        </table>
    }
}
