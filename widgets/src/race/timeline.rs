//! The whole run as one picture: the four lanes across, the steps down,
//! each step's requests, writes and invalidations as arrows between lanes
//! and the value each read gave beside it. Drawn from the engine's steps,
//! as the lanes are; a step's row is clickable and the current one is
//! highlighted.
//!
//! Whole numbers only (user units of the `viewBox`, which scales the
//! picture to the column): printing a float would bring Rust's float
//! formatter into the bundle.
//!
//! The picture is written as SVG text and clicks are handled once, on its
//! box, by the step the click landed in: built element by element with
//! `html!`, with a listener per step, it cost the bundle about 2 KB gzip.

use std::fmt::Write;

use cache_engine::prelude::{Event, ReadOutcome, Step};
use yew::prelude::{AttrValue, Callback, Html, MouseEvent, html};

use super::model::Lane;
use crate::markup;

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
fn arrow(svg: &mut String, kind: Kind, from: Lane, to: Lane, y: u32, label: &str) {
    let (x1, x2) = (x(from), x(to));
    // Stop short of the target lane's dot; the head points along the line.
    let (end, back) = if x2 > x1 {
        (x2 - 7, x2 - 13)
    } else {
        (x2 + 7, x2 + 13)
    };
    let _ = write!(
        svg,
        "<g class=\"fr-tl-arrow\" data-kind=\"{}\"><line x1=\"{x1}\" y1=\"{y}\" x2=\"{end}\" y2=\"{y}\"/>\
         <polygon points=\"{end},{y} {back},{} {back},{}\"/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">",
        kind.key(),
        y - 4,
        y + 4,
        (x1 + x2) / 2,
        y - 4,
    );
    escape(svg, label);
    svg.push_str("</text></g>");
}

/// `text` as SVG character data.
fn escape(svg: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => svg.push_str("&amp;"),
            '<' => svg.push_str("&lt;"),
            _ => svg.push(c),
        }
    }
}

/// The arrows of one step, from its events.
fn arrows(svg: &mut String, step: &Step, lane: Lane, y: u32) {
    for event in &step.events {
        match event {
            Event::Read { value, outcome, .. } if lane == Lane::Browser => {
                let seen = match outcome {
                    ReadOutcome::Stale => format!("{value} (stale)"),
                    _ => value.clone(),
                };
                arrow(svg, Kind::Request, Lane::Browser, Lane::Cache, y, &seen);
            }
            // A read made on the server alone (the page rendered before the
            // race): the cache fills from the database.
            Event::Read {
                value,
                outcome: ReadOutcome::Miss | ReadOutcome::Expired,
                ..
            }
            | Event::Recompute { value, .. } => {
                arrow(svg, Kind::Recompute, Lane::Database, Lane::Cache, y, value);
            }
            Event::Write {
                value: Some(value), ..
            } => arrow(svg, Kind::Write, lane, Lane::Database, y, value),
            Event::Invalidate { .. } => {
                arrow(svg, Kind::Invalidate, lane, Lane::Cache, y, "invalidate");
            }
            _ => {}
        }
    }
}

/// The picture as SVG text: the lanes, then one group per step.
fn svg(steps: &[Step], at: usize) -> String {
    let height = TOP + ROW * steps.len() as u32 + 6;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"fr-timeline\" viewBox=\"0 0 {WIDTH} {height}\" aria-hidden=\"true\" \
         font-size=\"12\" role=\"presentation\">"
    );
    for lane in Lane::ALL {
        let x = x(lane);
        let _ = write!(
            svg,
            "<g class=\"fr-tl-lane\" data-lane=\"{}\"><text x=\"{x}\" y=\"14\" text-anchor=\"middle\">{}</text>\
             <line x1=\"{x}\" y1=\"20\" x2=\"{x}\" y2=\"{height}\"/></g>",
            lane.key(),
            short(lane)
        );
    }
    for (index, step) in steps.iter().enumerate() {
        let lane = Lane::of(step);
        let top = TOP + ROW * index as u32;
        let y = top + ROW / 2 + 4;
        let current = if index == at {
            " data-state=\"current\""
        } else {
            ""
        };
        let _ = write!(
            svg,
            "<g class=\"fr-tl-step\" data-step=\"{index}\"{current}>\
             <rect class=\"fr-tl-row\" x=\"0\" y=\"{top}\" width=\"{WIDTH}\" height=\"{ROW}\" rx=\"3\"/>\
             <text class=\"fr-tl-number\" x=\"4\" y=\"{}\">{}</text>",
            y + 4,
            index + 1
        );
        arrows(&mut svg, step, lane, y);
        let _ = write!(
            svg,
            "<circle class=\"fr-tl-dot\" cx=\"{}\" cy=\"{y}\" r=\"5\"/>",
            x(lane)
        );
        if step
            .events
            .iter()
            .any(|event| matches!(event, Event::Error { .. }))
        {
            let _ = write!(
                svg,
                "<text class=\"fr-tl-error\" x=\"{}\" y=\"{}\">threw</text>",
                x(lane) + 9,
                y + 4
            );
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

pub fn timeline(steps: &[Step], at: usize, on_pick: &Callback<usize>) -> Html {
    let on_pick = on_pick.clone();
    let onclick = move |event: MouseEvent| {
        if let Some(step) = markup::picked(&event, "data-step") {
            on_pick.emit(step);
        }
    };
    html! {
        <details class="fr-timeline-box" open=true>
            <summary>{ "The whole run as a timeline" }</summary>
            <p class="fr-hint">
                { "Lanes across, steps down: arrows are requests, writes and invalidations, with the value each read gave. Click or tap a step to go to it." }
            </p>
            // The lanes and the log say all this in words; the picture is
            // for sighted readers, and the stepper's keys move through it.
            <div class="fr-timeline-picture" {onclick}>
                { Html::from_html_unchecked(AttrValue::from(svg(steps, at))) }
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_is_a_group_with_its_arrows_and_labels_are_escaped() {
        let run = super::super::model::run(&Default::default(), None);
        let at = run.steps.len() - 1;
        let svg = svg(&run.steps, at);
        assert_eq!(svg.matches("class=\"fr-tl-step\"").count(), run.steps.len());
        assert_eq!(svg.matches("data-state=\"current\"").count(), 1);
        assert!(svg.contains(&format!("data-step=\"{at}\" data-state=\"current\"")));
        assert!(svg.contains("data-kind=\"request\""), "{svg}");
        let mut text = String::new();
        escape(&mut text, "a < b & c");
        assert_eq!(text, "a &lt; b &amp; c");
    }
}
