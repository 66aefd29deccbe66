//! The whole run as one picture: the four lanes across, the steps down,
//! each step's requests, writes and invalidations as arrows between lanes
//! and the value each read gave beside it. Drawn from the engine's steps,
//! as the lanes are; a step's row is clickable and the current one is
//! highlighted.
//!
//! Whole numbers only (user units of the `viewBox`, which scales the
//! picture to the column): printing a float would bring Rust's float
//! formatter into the bundle.

use cache_engine::prelude::{Event, ReadOutcome, Step};
use yew::prelude::{Callback, Html, MouseEvent, html};

use super::model::Lane;

const WIDTH: u32 = 360;
/// The first lane's x, and the distance between lanes.
const LEFT: u32 = 56;
const GAP: u32 = 88;
/// Below the lane titles.
const TOP: u32 = 26;
const ROW: u32 = 24;

fn x(lane: Lane) -> u32 {
    let index = Lane::ALL.iter().position(|&l| l == lane).unwrap_or(0);
    LEFT + GAP * index as u32
}

fn short(lane: Lane) -> &'static str {
    match lane {
        Lane::Browser => "Browser",
        Lane::Webhook => "Webhook",
        Lane::Cache => "Cache",
        Lane::Database => "Database",
    }
}

/// What an arrow stands for: its `data-kind`, for CSS and tests.
#[derive(Clone, Copy)]
enum Kind {
    Request,
    Write,
    Invalidate,
    Recompute,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Write => "write",
            Kind::Invalidate => "invalidate",
            Kind::Recompute => "recompute",
        }
    }
}

/// A horizontal arrow at height `y` from one lane to another, with a label
/// above its middle.
fn arrow(kind: Kind, from: Lane, to: Lane, y: u32, label: String) -> Html {
    let (x1, x2) = (x(from), x(to));
    // Stop short of the target lane's dot; the head points along the line.
    let (end, back) = if x2 > x1 {
        (x2 - 7, x2 - 13)
    } else {
        (x2 + 7, x2 + 13)
    };
    let head = format!("{end},{y} {back},{} {back},{}", y - 4, y + 4);
    let middle = (x1 + x2) / 2;
    html! {
        <g class="fr-tl-arrow" data-kind={kind.key()}>
            <line x1={x1.to_string()} y1={y.to_string()} x2={end.to_string()} y2={y.to_string()} />
            <polygon points={head} />
            <text x={middle.to_string()} y={(y - 4).to_string()} text-anchor="middle">{ label }</text>
        </g>
    }
}

/// The arrows of one step, from its events.
fn arrows(step: &Step, lane: Lane, y: u32) -> Vec<Html> {
    step.events
        .iter()
        .filter_map(|event| match event {
            Event::Read { value, outcome, .. } if lane == Lane::Browser => {
                let seen = match outcome {
                    ReadOutcome::Stale => format!("{value} (stale)"),
                    _ => value.clone(),
                };
                Some(arrow(Kind::Request, Lane::Browser, Lane::Cache, y, seen))
            }
            // A read made on the server alone (the page rendered before the
            // race): the cache fills from the database.
            Event::Read {
                value,
                outcome: ReadOutcome::Miss | ReadOutcome::Expired,
                ..
            } => Some(arrow(
                Kind::Recompute,
                Lane::Database,
                Lane::Cache,
                y,
                value.clone(),
            )),
            Event::Write {
                value: Some(value), ..
            } => Some(arrow(Kind::Write, lane, Lane::Database, y, value.clone())),
            Event::Invalidate { .. } => Some(arrow(
                Kind::Invalidate,
                lane,
                Lane::Cache,
                y,
                "invalidate".into(),
            )),
            Event::Recompute { value, .. } => Some(arrow(
                Kind::Recompute,
                Lane::Database,
                Lane::Cache,
                y,
                value.clone(),
            )),
            _ => None,
        })
        .collect()
}

pub fn timeline(steps: &[Step], at: usize, on_pick: &Callback<usize>) -> Html {
    let height = TOP + ROW * steps.len() as u32 + 6;
    let lanes = Lane::ALL.map(|lane| {
        let x = x(lane).to_string();
        html! {
            <g class="fr-tl-lane" data-lane={lane.key()}>
                <text x={x.clone()} y="14" text-anchor="middle">{ short(lane) }</text>
                <line x1={x.clone()} y1="20" x2={x} y2={height.to_string()} />
            </g>
        }
    });
    let rows = steps.iter().enumerate().map(|(index, step)| {
        let lane = Lane::of(step);
        let top = TOP + ROW * index as u32;
        let y = top + ROW / 2 + 4;
        let onclick = on_pick.reform(move |_: MouseEvent| index);
        let failed = step.events.iter().any(|event| matches!(event, Event::Error { .. }));
        html! {
            <g class="fr-tl-step" data-step={index.to_string()}
                data-state={(index == at).then_some("current")} {onclick}>
                <rect class="fr-tl-row" x="0" y={top.to_string()} width={WIDTH.to_string()} height={ROW.to_string()} rx="3" />
                <text class="fr-tl-number" x="4" y={(y + 4).to_string()}>{ index + 1 }</text>
                { for arrows(step, lane, y) }
                <circle class="fr-tl-dot" cx={x(lane).to_string()} cy={y.to_string()} r="5" />
                if failed {
                    <text class="fr-tl-error" x={(x(lane) + 9).to_string()} y={(y + 4).to_string()}>{ "threw" }</text>
                }
            </g>
        }
    });
    html! {
        <details class="fr-timeline-box" open=true>
            <summary>{ "The whole run as a timeline" }</summary>
            <p class="fr-hint">
                { "Lanes across, steps down: arrows are requests, writes and invalidations, with the value each read gave. Click or tap a step to go to it." }
            </p>
            // The lanes and the log say all this in words; the picture is
            // for sighted readers, and the stepper's keys move through it.
            <svg class="fr-timeline" viewBox={format!("0 0 {WIDTH} {height}")} aria-hidden="true"
                font-size="12" role="presentation">
                { for lanes }
                { for rows }
            </svg>
        </details>
    }
}
