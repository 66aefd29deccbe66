//! The table on the terminal, and the report the book shows.

use std::fmt::Write;
use std::time::Duration;

use crate::Outcome;

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
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
    let _ = writeln!(out, "| Scenario | Steps | Result |\n|---|---:|---|");
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
        let _ = writeln!(
            out,
            "| <span id=\"{}\"></span>`{}` | {} | {result} |",
            outcome.case.file_name(),
            outcome.case.name,
            outcome.rows.len()
        );
    }
    out
}

fn today() -> String {
    std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}
