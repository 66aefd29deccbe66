//! `cargo xtask bench`: figures, never assertions. Timings are medians of a
//! few runs on a shared, noisy machine; compare the ratio, not the seconds.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use cache_engine::prelude::{explore, race};
use mdbook_fresh_reads::OnError;
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use crate::{bench_browser, book, budget, bundle, setup};

const RUNS: usize = 5;
const EXPLORE_RUNS: usize = 21;

pub fn run(root: &Path) -> anyhow::Result<()> {
    setup::wasm_target()?;
    let built = bundle::build(root)?;
    bundle_sizes(root, &built)?;
    let book = book_build(root)?;
    explorer();
    setup::chromium()?;
    bench_browser::run(&book)
}

fn bundle_sizes(root: &Path, built: &bundle::Built) -> anyhow::Result<()> {
    println!("\nBundle (what a reader downloads on a page with widgets)");
    let mut total = (0, 0);
    for name in [
        format!("{}_bg.wasm", bundle::STEM),
        format!("{}.js", bundle::STEM),
    ] {
        let bytes =
            fs::read(bundle::out_dir(root).join(&name)).with_context(|| format!("no {name}"))?;
        let gzip = bundle::gzip_len(&bytes);
        total = (total.0 + bytes.len(), total.1 + gzip);
        row(
            &name,
            &format!("{:>9} raw {:>9} gzip", kb(bytes.len()), kb(gzip)),
        );
    }
    row(
        "total",
        &format!("{:>9} raw {:>9} gzip", kb(total.0), kb(total.1)),
    );
    row(
        "against mdbook-quiz (168 KB gzip)",
        &format!("{:.2}x", total.1 as f64 / budget::BUDGET as f64),
    );
    let bound = bundle::gzip_len(&built.bound);
    row(
        "wasm as wasm-bindgen wrote it",
        &format!("{:>9} raw {:>9} gzip", kb(built.bound.len()), kb(bound)),
    );
    row(
        "functions merged / laid out",
        &format!("{} / {}", built.tally.merged, built.tally.functions),
    );
    Ok(())
}

/// Times the book's build and leaves our build of it in the returned folder.
fn book_build(root: &Path) -> anyhow::Result<PathBuf> {
    println!("\nBook build, median of {RUNS} runs each, interleaved");
    let out = root.join("target").join("bench-book");
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        with.push(time_build(root, &out, true)?);
        without.push(time_build(root, &out, false)?);
    }
    let (with, without) = (median(with), median(without));
    row(
        "with the fresh-reads preprocessor",
        &format!("{:.1} ms", ms(with)),
    );
    row(
        "with it replaced by a no-op",
        &format!("{:.1} ms", ms(without)),
    );
    row("ratio", &format!("{:.2}x", ms(with) / ms(without)));
    time_build(root, &out, true)?;
    Ok(out)
}

fn explorer() {
    println!("\nExplorer on the checkout race (native, median of {EXPLORE_RUNS} runs)");
    let race = race::checkout_race(&race::RaceOptions::default());
    let mut times = Vec::new();
    let mut exploration = explore(&race);
    for _ in 0..EXPLORE_RUNS {
        let start = Instant::now();
        exploration = explore(&race);
        times.push(start.elapsed());
    }
    row("interleavings", &exploration.interleavings.to_string());
    row("distinct outcomes", &exploration.outcomes.len().to_string());
    row("time", &format!("{:.2} ms", ms(median(times))));
}

pub fn row(label: &str, figure: &str) {
    println!("  {label:<36} {figure}");
}

/// Stands in for our preprocessor under the same name, so the only
/// difference between the two builds is our work.
struct Passthrough;

impl Preprocessor for Passthrough {
    fn name(&self) -> &str {
        mdbook_fresh_reads::NAME
    }

    fn run(
        &self,
        _: &PreprocessorContext,
        book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        Ok(book)
    }
}

fn time_build(root: &Path, out: &Path, ours: bool) -> anyhow::Result<Duration> {
    let mut book = book::load(root, OnError::Fail)?;
    if !ours {
        book.with_preprocessor(Passthrough);
    }
    book.config.build.build_dir = out.to_path_buf();
    let start = Instant::now();
    book.build()?;
    Ok(start.elapsed())
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}
