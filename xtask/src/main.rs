//! `cargo xtask`: the one entry point for building, serving, testing and
//! measuring the course. Nothing needs installing by hand but rustup.

mod bench;
mod bench_browser;
mod book;
mod budget;
mod bundle;
mod command;
mod conformance;
mod layout;
mod lint;
mod lz_cost;
mod names;
mod schema;
mod serve;
mod setup;
mod test;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

const USAGE: &str = "\
usage: cargo xtask <command>

  build                  build the widgets to Wasm and the book into book/
  serve [--port N]       build, serve on 127.0.0.1 (default port 3000), rebuild on change
  test                   fmt, clippy, unit tests, mdbook test, browser tests
  bench                  print bundle sizes and build-time figures
  schema                 write exercises/exercise.schema.json (for editors) from the types
  fuzz [--seconds N]     fuzz the exercise and scenario loaders, N seconds each (default 600)
  conformance [--only T] run every scenario against real Next.js 16.4.6 and the engine,
                         compare them read by read, and write src/conformance-report.md
                         (with --only, a partial run: target/conformance-report.md)
";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            if let Some(note) = setup::low_disk(&workspace_root().join("target")) {
                eprintln!("note: {note}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> anyhow::Result<()> {
    let root = workspace_root();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["build"] => {
            setup::wasm_target()?;
            bundle::build(&root)?;
            book::build(&root, mdbook_fresh_reads::OnError::Fail)
        }
        ["serve", rest @ ..] => serve::run(&root, port(rest)?),
        ["test"] => test::run(&root),
        ["bench"] => bench::run(&root),
        ["schema"] => schema::write(&root),
        ["fuzz", rest @ ..] => fuzz(&root, rest),
        ["conformance", rest @ ..] => {
            // The book shows the last full run; a partial one goes under target/.
            let report = if rest.is_empty() {
                root.join("src/conformance-report.md")
            } else {
                root.join("target/conformance-report.md")
            };
            conformance::run(&root, &report, rest)
        }
        ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            Ok(())
        }
        _ => bail!("unknown command {args:?}\n\n{USAGE}"),
    }
}

/// The fuzz targets are ignored tests of the preprocessor (see its
/// `tests/fuzz.rs`); both run at once, one per core.
fn fuzz(root: &Path, args: &[&str]) -> anyhow::Result<()> {
    let seconds = match args {
        [] => "600",
        ["--seconds", seconds] if seconds.parse::<u64>().is_ok() => seconds,
        _ => bail!("unexpected arguments {args:?}\n\n{USAGE}"),
    };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    command::run_with(
        std::process::Command::new(cargo)
            .args(["test", "-p", "mdbook-fresh-reads", "--test", "fuzz", "--"])
            .args(["--ignored", "--nocapture", "--test-threads=2"])
            .env("FRESH_READS_FUZZ_SECONDS", seconds)
            .current_dir(root),
    )
}

fn port(args: &[&str]) -> anyhow::Result<u16> {
    match args {
        [] => Ok(3000),
        ["--port", port] => port
            .parse()
            .with_context(|| format!("`{port}` is not a port number")),
        _ => bail!("unexpected arguments {args:?}\n\n{USAGE}"),
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}
