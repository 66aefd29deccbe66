//! `cargo xtask conformance`: every scenario the course teaches, run by the
//! engine and by a real Next.js 16 server, compared read by read.

mod cases;
mod claims;
mod compare;
mod drive;
mod engine_side;
mod http;
mod next;
mod observe;
mod practice;
mod report;
mod stub;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::cases::Case;
use crate::compare::Row;
use crate::stub::Stub;

/// One case's result.
pub struct Outcome {
    pub case: Case,
    pub rows: Vec<Row>,
    pub failure: Option<String>,
}

impl Outcome {
    pub fn agrees(&self) -> bool {
        self.failure.is_none() && self.rows.iter().all(Row::agrees)
    }
}

fn work_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("conformance")
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("conformance: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<bool> {
    next::stop_servers_on_signal()?;
    let mut args = std::env::args().skip(1);
    let mut only = None;
    let mut report_path = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--only" => only = args.next(),
            "--report" => report_path = args.next().map(PathBuf::from),
            other => anyhow::bail!(
                "unknown argument {other}; usage: conformance [--only TEXT] [--report FILE]"
            ),
        }
    }
    let started = Instant::now();
    let dir = next::app_dir();
    let work = work_dir();
    fs::create_dir_all(&work)?;
    next::install(&dir)?;
    let mut all = cases::all()?;
    if let Some(only) = &only {
        all.retain(|case| case.name.contains(only.as_str()));
    }
    let mut builds: BTreeMap<String, Vec<Case>> = BTreeMap::new();
    for case in all {
        builds.entry(case.build_key()).or_default().push(case);
    }
    let mut outcomes = Vec::new();
    for (index, cases) in builds.into_values().enumerate() {
        let first = &cases[0];
        let stamp = next::stamp(&dir, &first.build_key())?;
        let dist = format!(".next-{stamp}");
        let stub = Stub::start(&first.scenario.app, 0)?;
        let env = write_env(&work, &format!("build-{index}"), first, &stub, &dist)?;
        next::generate_pages(&dir, &first.scenario.app)?;
        if dir.join(&dist).join("BUILD_ID").exists() {
            eprintln!("conformance: reusing {dist} for {} case(s)", cases.len());
        } else {
            eprintln!(
                "conformance: next build for {} case(s) ({})",
                cases.len(),
                first.name
            );
            next::build(&dir, &env, &work.join(format!("build-{index}.log")))?;
        }
        for case in cases {
            eprintln!("conformance: {}", case.name);
            let outcome = run_case(&dir, &work, &dist, case);
            outcomes.push(outcome);
        }
    }
    let report = report::render(&outcomes, started.elapsed());
    print!("{}", report::table(&outcomes));
    if let Some(path) = report_path {
        fs::write(&path, report).with_context(|| format!("write {}", path.display()))?;
    }
    let agree = outcomes.iter().filter(|o| o.agrees()).count();
    println!(
        "conformance: {agree} of {} scenarios agree with Next.js 16.4.6 ({} s)",
        outcomes.len(),
        started.elapsed().as_secs()
    );
    Ok(agree == outcomes.len())
}

fn write_env(work: &Path, name: &str, case: &Case, stub: &Stub, dist: &str) -> Result<next::Env> {
    let scenario_json = work.join(format!("{name}.json"));
    fs::write(&scenario_json, serde_json::to_string(&case.scenario)?)?;
    Ok(next::Env {
        dist: dist.into(),
        scenario_json,
        stub_url: stub.url(),
        secret: case.scenario.app.revalidation_secret.clone(),
    })
}

fn run_case(dir: &Path, work: &Path, dist: &str, case: Case) -> Outcome {
    match try_case(dir, work, dist, &case) {
        Ok(rows) => Outcome {
            case,
            rows,
            failure: None,
        },
        Err(error) => Outcome {
            case,
            rows: Vec::new(),
            failure: Some(format!("{error:#}")),
        },
    }
}

fn try_case(dir: &Path, work: &Path, dist: &str, case: &Case) -> Result<Vec<Row>> {
    let stub = Stub::start(&case.scenario.app, stub::RUN_GENERATIONS)?;
    let run_dist = if case.dev { ".next-dev" } else { ".next-run" };
    if case.dev {
        let _ = fs::remove_dir_all(dir.join(run_dist));
    } else {
        next::fresh_copy(dir, dist, run_dist)?;
    }
    let env = write_env(work, &case.file_name(), case, &stub, run_dist)?;
    let server = next::start(
        dir,
        &env,
        case.dev,
        &work.join(format!("{}.log", case.file_name())),
    )?;
    let action_id = next::action_id(server.port)?;
    let mut driver = drive::Driver::new(&case.scenario, &stub, &server, action_id, dir);
    driver.warm()?;
    let next_steps = driver.run()?;
    drop(server);
    let engine_steps = engine_side::run(&case.scenario);
    Ok(compare::pair(engine_steps, next_steps))
}
