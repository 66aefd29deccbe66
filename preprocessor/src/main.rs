//! `mdbook-fresh-reads`: the preprocessor as a command, for the stock mdBook
//! CLI (`book.toml` runs it with `cargo run`).

use std::io;
use std::process::ExitCode;

use mdbook_fresh_reads::FreshReads;
use mdbook_preprocessor::Preprocessor;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("supports") {
        // Every renderer: the HTML one shows widgets, and `mdbook test` needs
        // directives gone before rustdoc reads the chapter.
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let (ctx, book) = mdbook_preprocessor::parse_input(io::stdin())?;
    let book = FreshReads::default().run(&ctx, book)?;
    serde_json::to_writer(io::stdout(), &book)?;
    Ok(())
}
