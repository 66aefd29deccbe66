//! The bench's figures from headless Chromium: how soon a page's widgets are
//! usable against a page without any, and the explorer's time in Wasm.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use course_tests::browser::Browser;
use static_server::Server;

use crate::bench::row;

const LOADS: usize = 7;
const EXPLORE_RUNS: usize = 11;
/// The race stepper's placeholder; its page is found in the built book.
const RACE: &str = "fr-checkout-race";

pub fn run(book: &Path) -> anyhow::Result<()> {
    let (widget_page, plain_page) = pages(book)?;
    let server = Server::start(book.to_path_buf(), 0, None)?;
    let mut browser = Browser::launch()?;

    println!("\nPage load in headless Chromium (median of {LOADS} warm loads)");
    let plain = median((0..LOADS).map(|_| plain_load(&mut browser, &server.url(&plain_page))))?;
    let mut loaded = Vec::new();
    let mut mounted = Vec::new();
    for _ in 0..LOADS {
        let (load, ready) = widget_load(&mut browser, &server.url(&widget_page))?;
        loaded.push(Ok(load));
        mounted.push(Ok(ready));
    }
    let (loaded, mounted) = (median(loaded.into_iter())?, median(mounted.into_iter())?);
    row("plain page", &plain_page);
    row("widget page", &widget_page);
    row("plain page: load event", &format!("{plain:.1} ms"));
    row("widget page: load event", &format!("{loaded:.1} ms"));
    row("widget page: widgets mounted", &format!("{mounted:.1} ms"));
    row(
        "widgets mounted / plain page load",
        &format!("{:.2}x", mounted / plain),
    );

    println!("\nExplorer on the checkout race in the page (Wasm, median of {EXPLORE_RUNS} runs)");
    let times = (0..EXPLORE_RUNS).map(|_| explore_once(&mut browser));
    row("time", &format!("{:.1} ms", median(times)?));
    Ok(())
}

/// The page holding the race stepper, and a chapter page with no widget.
fn pages(book: &Path) -> anyhow::Result<(String, String)> {
    let mut widget = None;
    let mut plain = None;
    for path in html_files(book)? {
        let name = path
            .strip_prefix(book)?
            .to_string_lossy()
            .replace('\\', "/");
        if ["print.html", "toc.html", "404.html", "index.html"].contains(&name.as_str()) {
            continue;
        }
        let html = fs::read_to_string(&path)?;
        if html.contains(&format!("id=\"{RACE}\"")) {
            widget.get_or_insert(name);
        } else if !html.contains("data-widget=") {
            plain.get_or_insert(name);
        }
    }
    match (widget, plain) {
        (Some(widget), Some(plain)) => Ok((widget, plain)),
        (None, _) => bail!("no page of the built book holds the race stepper"),
        (_, None) => bail!("every page of the built book has a widget"),
    }
}

fn html_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(html_files(&path)?);
        } else if path.extension().is_some_and(|ext| ext == "html") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn plain_load(browser: &mut Browser, url: &str) -> anyhow::Result<f64> {
    browser.goto(url)?;
    number(browser.wait_for(
        "performance.getEntriesByType('navigation')[0]?.loadEventEnd || 0",
        "the load event",
    )?)
}

/// The load event and the loader's `fresh-reads:mounted` mark, once every
/// placeholder shows its widget.
fn widget_load(browser: &mut Browser, url: &str) -> anyhow::Result<(f64, f64)> {
    browser.goto(url)?;
    browser.wait_for(
        "[...document.querySelectorAll('.fr-widget[data-widget]')]\
         .every(p => p.querySelector('.fr-live > *'))",
        "every widget to mount",
    )?;
    let load = number(browser.wait_for(
        "performance.getEntriesByType('navigation')[0]?.loadEventEnd || 0",
        "the load event",
    )?)?;
    let mounted = number(browser.wait_for(
        "performance.getEntriesByName('fresh-reads:mounted')[0]?.startTime || 0",
        "the loader's mark",
    )?)?;
    Ok((load, mounted))
}

/// One press of "Every interleaving" from a reset stepper; the widget
/// records how long the engine's explorer took in `data-millis`.
fn explore_once(browser: &mut Browser) -> anyhow::Result<f64> {
    let race = format!("#{RACE}");
    browser.click(&format!("{race} .fr-reset"))?;
    browser.wait_for(
        &format!("!document.querySelector('{race} .fr-explorer')"),
        "the explorer's table to clear",
    )?;
    browser.click(&format!("{race} .fr-explore"))?;
    let millis = browser.wait_for(
        &format!("document.querySelector('{race} .fr-explorer')?.dataset.millis"),
        "the explorer's table",
    )?;
    millis
        .as_str()
        .context("data-millis is not a string")?
        .parse()
        .context("data-millis is not a number")
}

fn number(value: serde_json::Value) -> anyhow::Result<f64> {
    value.as_f64().context("not a number")
}

fn median(samples: impl Iterator<Item = anyhow::Result<f64>>) -> anyhow::Result<f64> {
    let mut samples = samples.collect::<anyhow::Result<Vec<f64>>>()?;
    samples.sort_by(f64::total_cmp);
    Ok(samples[samples.len() / 2])
}
