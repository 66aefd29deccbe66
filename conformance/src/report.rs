//! The table on the terminal, and the report the book shows.

use std::fmt::Write;
use std::time::Duration;

use crate::Outcome;

fn cell(text: &str) -> String {
    html(text).replace('|', "\\|").replace('\n', " ")
}

/// Every step of every case: scenario, step, engine, Next.js, agree.
pub fn table(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for outcome in outcomes {
        let mark = if outcome.agrees() {
            "agree"
        } else {
            "DISAGREE"
        };
        let _ = writeln!(out, "\n== {} ({mark})", outcome.case.name);
        if let Some(failure) = &outcome.failure {
            let _ = writeln!(out, "   could not run: {failure}");
        }
        for row in &outcome.rows {
            let show = |o: &Option<crate::observe::Observation>| {
                o.as_ref()
                    .map_or("(no step)".to_string(), |o| o.to_string())
            };
            let _ = writeln!(
                out,
                "{:>3} {} {}  {}\n      engine:  {}\n      next.js: {}",
                row.step,
                if row.agrees() { "ok " } else { "XX " },
                row.actor,
                row.action,
                show(&row.engine),
                show(&row.next)
            );
        }
    }
    out
}

/// Markdown for the book's appendix.
pub fn render(outcomes: &[Outcome], took: Duration) -> String {
    let agree = outcomes.iter().filter(|o| o.agrees()).count();
    let steps: usize = outcomes.iter().map(|o| o.rows.len()).sum();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Run against `next@16.4.6` (`next build` and `next start` on 127.0.0.1) \
on {}: **{agree} of {} scenarios agree, {steps} steps compared** in {} s.\n",
        today(),
        outcomes.len(),
        took.as_secs()
    );
    // The class lets long texts wrap and wide tables scroll in their own box.
    let _ = writeln!(
        out,
        "<div class=\"fr-run\">\n\n| Scenario | Steps | Result |\n|---|---:|---|"
    );
    for outcome in outcomes {
        let result = match (&outcome.failure, outcome.agrees()) {
            (Some(failure), _) => format!("could not run: {}", cell(failure)),
            (None, true) => "agrees".into(),
            (None, false) => {
                let first = outcome.rows.iter().find(|r| !r.agrees());
                first.map_or("disagrees".into(), |r| {
                    format!("disagrees at step {} ({})", r.step, cell(&r.action))
                })
            }
        };
        let id = outcome.case.file_name();
        let _ = writeln!(
            out,
            "| <span id=\"{id}\"></span>[`{}`](#{id}-steps) | {} | {result} |",
            outcome.case.name,
            outcome.rows.len()
        );
    }
    let _ = writeln!(out, "\n### Each scenario, step by step\n");
    for outcome in outcomes {
        steps_of(&mut out, outcome);
    }
    let _ = writeln!(out, "</div>");
    out
}

/// One scenario's steps, folded: what the engine and the server each showed.
fn steps_of(out: &mut String, outcome: &Outcome) {
    let id = outcome.case.file_name();
    let _ = writeln!(
        out,
        "<details>\n<summary><code>{}</code>: {}</summary>\n\n<span id=\"{id}-steps\"></span>\n",
        outcome.case.name,
        html(&outcome.case.scenario.title)
    );
    let _ = writeln!(
        out,
        "| Step | Who | What | Engine | Next.js | |\n|---:|---|---|---|---|---|"
    );
    let show = |o: &Option<crate::observe::Observation>| {
        o.as_ref()
            .map_or("(no step)".to_string(), |o| cell(&o.to_string()))
    };
    for row in &outcome.rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            row.step,
            cell(&row.actor),
            cell(&row.action),
            show(&row.engine),
            show(&row.next),
            if row.agrees() { "same" } else { "**differs**" }
        );
    }
    let _ = writeln!(out, "\n</details>\n");
}

fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn today() -> String {
    std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}
