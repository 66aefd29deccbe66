//! Run a scenario file and print its event log as JSON lines; with
//! `--explore`, print the explorer's summary instead.
//!
//! `cargo run -p cache-engine --example replay -- engine/scenarios/checkout_race.toml [--explore]`

use std::process::ExitCode;
use std::time::Instant;

use cache_engine::explore;
use cache_engine::prelude::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let explore_flag = args.iter().any(|arg| arg == "--explore");
    let Some(path) = args.iter().find(|arg| !arg.starts_with("--")) else {
        eprintln!("usage: replay <scenario.toml> [--explore]");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let scenario: Scenario = match toml::from_str(&text) {
        Ok(scenario) => scenario,
        Err(error) => {
            eprintln!("{path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let problems = scenario.problems();
    if !problems.is_empty() {
        for problem in problems {
            eprintln!("{path}: {problem}");
        }
        return ExitCode::FAILURE;
    }
    if explore_flag {
        let started = Instant::now();
        let summary = match explore_within(&scenario, explore::STATE_BUDGET) {
            Ok(summary) => summary,
            Err(too_many) => {
                eprintln!("{path}: {too_many}");
                return ExitCode::FAILURE;
            }
        };
        let elapsed = started.elapsed();
        println!(
            "{}",
            serde_json::to_string_pretty(&summary).expect("summary serialises")
        );
        eprintln!(
            "{} interleavings, {} outcomes, explored in {:.2} ms",
            summary.interleavings,
            summary.outcomes.len(),
            elapsed.as_secs_f64() * 1000.0
        );
    } else {
        for event in scenario.run().log() {
            println!(
                "{}",
                serde_json::to_string(event).expect("events serialise")
            );
        }
    }
    ExitCode::SUCCESS
}
