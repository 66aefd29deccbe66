//! Structured fuzzing of the two loaders, run by `cargo xtask fuzz` (these
//! tests are ignored otherwise): the exercise loader, from a file to its
//! placeholder with its engine-computed fallback, and the scenario loader,
//! from a file through its checks to a run and a bounded exploration.
//!
//! Inputs are the repository's own files (the course's exercises and the
//! bad-input corpus; the engine's scenarios) with a handful of edits each:
//! values swapped for awkward ones (huge, negative, empty, invisible,
//! remote, nested), lines deleted, repeated or taken from another file,
//! stray brackets and bytes. A panic, an error without a place for a file
//! that has one, or an input taking over two seconds is a failure; the
//! input is saved under `target/fuzz/<target>/` to become a regression case.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cache_engine::prelude::*;
use mdbook_fresh_reads::Catalog;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// Values an edit puts in place of another.
const VALUES: &[&str] = &[
    "0",
    "-1",
    "1",
    "61",
    "31",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "18446744073709551615",
    "400000000000000000",
    "1e309",
    "nan",
    "-inf",
    "true",
    "\"\"",
    "\" \"",
    "\"\u{200B}\u{200B}\"",
    "\"![x](https://example.com/x.png)\"",
    "\"![x](//example.com/x.png)\"",
    "\"<script>alert(1)</script>\"",
    "\"{{#exercise x}}\"",
    "\"\\u0000\"",
    "\"café\"",
    "[]",
    "[[]]",
    "[1, \"a\"]",
    "{}",
    "{ a = 1 }",
    "{ after-polls = 4294967295 }",
    "{ after-polls = 31 }",
    "\"after-polls\"",
    "\"before-redirect\"",
    "\"never\"",
    "\"max\"",
    "\"expire-now\"",
    "\"development\"",
    "\"production\"",
    "\"decision\"",
    "\"race\"",
    "\"playground\"",
    "{ op = \"wait\", seconds = 18446744073709551615 }",
    "{ op = \"poll\", until = \"x\", every = 18446744073709551615, give_up_after = 4000000000 }",
    "{ op = \"visit\", path = \"/nowhere\" }",
    "{ kind = \"fetch\", revalidate = 18446744073709551615 }",
    "{ stale = 1, revalidate = 18446744073709551615, expire = 1 }",
];

/// Characters a stray edit drops into the text.
const STRAY: &[&str] = &[
    "[", "]", "{", "}", "\"", "'", "=", "\n", ".", "#", ",", "\u{feff}", "\0", "\\", "[[",
];

/// One edit: what, where (a line or a character, modulo the text's size),
/// and with what (an index into a table, modulo its size).
type Edit = (u8, usize, usize);

fn apply(seed: &str, seeds: &[String], edits: &[Edit]) -> String {
    let mut lines: Vec<String> = seed.lines().map(String::from).collect();
    for &(what, at, with) in edits {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let line = at % lines.len();
        match what % 7 {
            0 => {
                if let Some((key, _)) = lines[line].split_once(" = ") {
                    lines[line] = format!("{key} = {}", VALUES[with % VALUES.len()]);
                }
            }
            1 => {
                lines.remove(line);
            }
            2 => {
                let copy = lines[line].clone();
                lines.insert(line, copy);
            }
            3 => {
                let other: Vec<&str> = seeds[with % seeds.len()].lines().collect();
                if !other.is_empty() {
                    lines.insert(line, other[with % other.len()].to_string());
                }
            }
            4 => {
                let key = [
                    "poll_every",
                    "give_up_after",
                    "arrival",
                    "seed",
                    "every",
                    "seconds",
                ][with % 6];
                lines.insert(line, format!("{key} = {}", VALUES[at % VALUES.len()]));
            }
            5 => {
                let text = &mut lines[line];
                let mut cut = with % (text.len() + 1);
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                text.insert_str(cut, STRAY[at % STRAY.len()]);
            }
            _ => {
                let copy = lines[line].clone();
                for _ in 0..with % 64 {
                    lines.insert(line, copy.clone());
                }
            }
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .into()
}

/// The UTF-8 `.toml` files under `dirs`, recursively.
fn seeds(dirs: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending: Vec<PathBuf> = dirs.iter().map(|dir| workspace().join(dir)).collect();
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(fs::read_dir(&path).unwrap().flatten().map(|e| e.path()));
        } else if path.extension().is_some_and(|ext| ext == "toml")
            && let Ok(text) = fs::read_to_string(&path)
        {
            found.push(text);
        }
    }
    found.sort();
    found
}

/// Runs `check` on edited seeds until the time given by
/// `FRESH_READS_FUZZ_SECONDS` (10 by default) is up; prints how many
/// inputs it tried.
fn fuzz(target: &str, seeds: Vec<String>, check: impl Fn(&str) -> Result<(), String>) {
    let seconds: u64 = std::env::var("FRESH_READS_FUZZ_SECONDS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(10);
    let out = workspace().join("target/fuzz").join(target);
    fs::create_dir_all(&out).unwrap();
    let current = out.join("current.toml");
    let started = Instant::now();
    let rng_seed = started.elapsed().as_nanos() as u64 ^ u64::from(std::process::id());
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&rng_seed.to_le_bytes());
    let config = Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    };
    let mut seeder = TestRunner::new_with_rng(
        config.clone(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let strategy = (
        0..seeds.len(),
        prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..8),
    );
    let tried = std::cell::Cell::new(0u64);
    while started.elapsed() < Duration::from_secs(seconds) {
        // A runner runs its cases once: a fresh one per batch.
        let mut runner = TestRunner::new_with_rng(config.clone(), seeder.new_rng());
        let result = runner.run(&strategy, |(seed, edits)| {
            tried.set(tried.get() + 1);
            let text = apply(&seeds[seed], &seeds, &edits);
            // Kept in case the process dies (a stack overflow aborts).
            fs::write(&current, &text).unwrap();
            let one = Instant::now();
            let outcome = catch_unwind(AssertUnwindSafe(|| check(&text)))
                .unwrap_or_else(|_| Err("panicked".into()));
            if one.elapsed() > Duration::from_secs(2) {
                return Err(TestCaseError::fail(format!("took {:?}", one.elapsed())));
            }
            outcome.map_err(|why| {
                fs::write(out.join(format!("crash-{}.toml", tried.get())), &text).unwrap();
                TestCaseError::fail(why)
            })
        });
        if let Err(failure) = result {
            panic!(
                "fuzz {target}: {failure} (inputs saved in {})",
                out.display()
            );
        }
    }
    let _ = fs::remove_file(&current);
    println!(
        "fuzz {target}: {} inputs in {:.0} s, no crash (rng seed {rng_seed})",
        tried.get(),
        started.elapsed().as_secs_f64()
    );
}

#[test]
#[ignore = "a fuzz run: `cargo xtask fuzz`"]
fn fuzz_exercise_loader() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-exercise");
    fs::create_dir_all(root.join("exercises")).unwrap();
    fuzz(
        "exercise-loader",
        seeds(&["exercises", "tests/bad-exercises"]),
        |text| {
            fs::write(root.join("exercises/fuzz.toml"), text).unwrap();
            let catalog =
                Catalog::scan(&root, Path::new("exercises")).map_err(|e| e.to_string())?;
            let html = match catalog.placeholder("fuzz") {
                Ok(html) => html,
                Err(_) => {
                    let errors = catalog
                        .errors()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>();
                    if let Some(crash) = errors.iter().find(|e| e.contains("crashed")) {
                        return Err(crash.clone());
                    }
                    return Ok(());
                }
            };
            if html.contains("example.com") && html.contains("<img") {
                return Err("a remote image got into the page".into());
            }
            Ok(())
        },
    );
}

#[test]
#[ignore = "a fuzz run: `cargo xtask fuzz`"]
fn fuzz_scenario_loader() {
    fuzz("scenario-loader", seeds(&["engine/scenarios"]), |text| {
        let Ok(scenario) = toml::from_str::<Scenario>(text) else {
            return Ok(());
        };
        if !scenario.problems().is_empty() {
            return Ok(());
        }
        let _ = explore_within(&scenario, 2_000);
        let run = scenario.run();
        let _ = run.log().len();
        Ok(())
    });
}
