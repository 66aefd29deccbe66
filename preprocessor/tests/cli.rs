//! The preprocessor as the stock `mdbook` CLI runs it: JSON in on stdin,
//! the book out on stdout, errors on stderr with a failing exit code.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};
use tempfile::TempDir;

/// A book with one chapter and the given exercise files, in a scratch folder
/// removed when the returned handle is dropped.
fn fixture(name: &str, chapter: &str, exercises: &[(&str, &str)]) -> TempDir {
    let root = tempfile::Builder::new()
        .prefix(&format!("fresh-reads-cli-{name}-"))
        .tempdir()
        .unwrap();
    let path = root.path();
    std::fs::create_dir_all(path.join("exercises")).unwrap();
    std::fs::create_dir_all(path.join("src")).unwrap();
    std::fs::write(path.join("src/chapter.md"), chapter).unwrap();
    for (file, text) in exercises {
        std::fs::write(path.join("exercises").join(file), text).unwrap();
    }
    root
}

fn run(root: &Path, chapter: &str) -> (bool, Value, String) {
    let input = json!([
        {
            "root": root,
            "config": { "book": { "src": "src" } },
            "renderer": "html",
            "mdbook_version": "0.5.4"
        },
        {
            "items": [{ "Chapter": {
                "name": "Chapter", "content": chapter, "number": null, "sub_items": [],
                "path": "chapter.md", "source_path": "chapter.md", "parent_names": []
            }}]
        }
    ]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_mdbook-fresh-reads"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let book = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.success(),
        book,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const GOOD: &str = r#"
kind = "scenario"
prompt = "Which call?"
[[options]]
text = "`updateTag`"
correct = true
why = "In an action."
[[options]]
text = "`router.refresh()`"
why = "It invalidates nothing."
"#;

#[test]
fn supports_every_renderer() {
    for renderer in ["html", "test", "markdown"] {
        let status = Command::new(env!("CARGO_BIN_EXE_mdbook-fresh-reads"))
            .args(["supports", renderer])
            .status()
            .unwrap();
        assert!(status.success(), "{renderer}");
    }
}

#[test]
fn replaces_a_directive_with_a_placeholder() {
    let chapter = "# Chapter\n\n{{#exercise pick}}\n";
    let root = fixture("good", chapter, &[("pick.toml", GOOD)]);
    let (ok, book, stderr) = run(root.path(), chapter);
    assert!(ok, "{stderr}");
    let content = book["items"][0]["Chapter"]["content"].as_str().unwrap();
    assert!(
        content.contains("data-widget=\"scenario\" data-exercise=\"pick\""),
        "{content}"
    );
    assert!(content.contains("<code>updateTag</code>"), "{content}");
    assert!(!content.contains("{{#exercise"), "{content}");
}

#[test]
fn an_unknown_id_fails_naming_the_chapter_the_directive_and_the_file() {
    let chapter = "{{#exercise missing-one}}\n";
    let root = fixture("unknown", chapter, &[]);
    let (ok, _, stderr) = run(root.path(), chapter);
    assert!(!ok);
    assert!(
        stderr.contains(
            "src/chapter.md:1:1: `{{#exercise missing-one}}`: no exercise has this id: expected a file exercises/missing-one.toml"
        ),
        "{stderr}"
    );
}

#[test]
fn an_unreadable_file_fails_naming_the_file_once() {
    let chapter = "{{#exercise broken}}\n";
    let root = fixture("unreadable", chapter, &[("broken.toml", "")]);
    std::fs::write(
        root.path().join("exercises/broken.toml"),
        [0xff, 0xfe, 0x00],
    )
    .unwrap();
    let (ok, _, stderr) = run(root.path(), chapter);
    assert!(!ok);
    let error = "exercises/broken.toml:1:1: the file is not UTF-8 text (byte 0xFF here)";
    assert_eq!(stderr.matches(error).count(), 1, "{stderr}");
    assert!(!stderr.contains("{{#exercise broken}}"), "{stderr}");
}

#[test]
fn a_malformed_file_fails_with_its_line_and_column() {
    let chapter = "{{#exercise typo}}\n";
    let bad = GOOD.replace(
        "why = \"It invalidates nothing.\"",
        "wyh = \"It invalidates nothing.\"",
    );
    let root = fixture("malformed", chapter, &[("typo.toml", &bad)]);
    let (ok, _, stderr) = run(root.path(), chapter);
    assert!(!ok);
    assert!(stderr.contains("exercises/typo.toml:10:1: unknown field `wyh`, expected one of `text`, `correct`, `why`"), "{stderr}");
}

/// The errors a chapter gets, one per line of the report, without the
/// `error:` line mdBook's runner adds.
fn chapter_errors(name: &str, chapter: &str, exercises: &[(&str, &str)]) -> Vec<String> {
    let root = fixture(name, chapter, exercises);
    let (ok, _, stderr) = run(root.path(), chapter);
    assert!(!ok, "{name}: the build passed");
    stderr
        .lines()
        .map(|line| line.trim_start_matches("error: ").to_string())
        .filter(|line| !line.is_empty())
        .collect()
}

#[test]
fn malformed_directives_are_reported_at_their_line_and_column() {
    let chapter = "# Typos\n\n{{#Exercise pick}}\n\n{{ #exercise pick }}\n\n{{#excercise pick}}\n\n\
                   {{#exercise first}\n\nText.\n\n{{#exercise pick}}\n\n{{#exercise}}\n\n{{#exercise a b}}\n\n\
                   {{#exercise last";
    let typo = "not a directive: write `{{#exercise <id>}}`, with `#exercise` in lowercase right after the braces";
    let unclosed =
        "this directive is not closed: end it with `}}` on the same line, right after the id";
    assert_eq!(
        chapter_errors("typos", chapter, &[("pick.toml", GOOD)]),
        [
            format!("src/chapter.md:3:1: `{{{{#Exercise pick}}}}`: {typo}"),
            format!("src/chapter.md:5:1: `{{{{ #exercise pick }}}}`: {typo}"),
            format!("src/chapter.md:7:1: `{{{{#excercise pick}}}}`: {typo}"),
            format!("src/chapter.md:9:1: `{{{{#exercise first`: {unclosed}"),
            "src/chapter.md:15:1: `{{#exercise}}`: names no exercise: write `{{#exercise <id>}}`"
                .to_string(),
            "src/chapter.md:17:1: `{{#exercise a b}}`: expected one exercise id, found 2 words: a b"
                .to_string(),
            format!("src/chapter.md:19:1: `{{{{#exercise last`: {unclosed}"),
        ]
    );
}

#[test]
fn placing_twice_names_both_places() {
    let chapter = "{{#exercise pick}}\n\nAgain:\n\n  {{#exercise pick}}\n";
    assert_eq!(
        chapter_errors("twice", chapter, &[("pick.toml", GOOD)]),
        [
            "src/chapter.md:5:3: `{{#exercise pick}}`: exercise `pick` is already placed at src/chapter.md:1:1; an exercise may appear once in the book"
        ]
    );
}

#[test]
fn directives_in_comments_pre_or_escaped_are_left_alone_and_do_not_count_as_placed() {
    let chapter = "<!-- {{#exercise pick}} -->\n\n<pre><code>{{#exercise pick}}</code></pre>\n\n\
                   Write \\{{#exercise pick}} to place it.\n";
    assert_eq!(
        chapter_errors("hidden", chapter, &[("pick.toml", GOOD)]),
        [
            "exercises/pick.toml: no chapter places this exercise: add `{{#exercise pick}}` to a chapter, or remove the file"
        ]
    );
    let root = fixture(
        "hidden-placed",
        &format!("{chapter}\n{{{{#exercise pick}}}}\n"),
        &[("pick.toml", GOOD)],
    );
    let (ok, book, stderr) = run(root.path(), &format!("{chapter}\n{{{{#exercise pick}}}}\n"));
    assert!(ok, "{stderr}");
    let content = book["items"][0]["Chapter"]["content"].as_str().unwrap();
    assert!(content.starts_with(chapter), "{content}");
    assert_eq!(
        content.matches("data-exercise=\"pick\"").count(),
        1,
        "{content}"
    );
}

#[test]
fn file_names_that_cannot_be_ids_are_refused_at_the_file() {
    let chapter = "{{#exercise pick}}\n";
    let mut errors = chapter_errors(
        "names",
        chapter,
        &[
            ("pick.toml", GOOD),
            ("my exercise.toml", GOOD),
            ("v1.2.toml", GOOD),
            ("café.toml", GOOD),
            ("Shout.TOML", GOOD),
        ],
    );
    errors.sort();
    let rule = "which may use only lowercase letters a-z, digits, `-` and `_`";
    assert_eq!(
        errors,
        [
            "exercises/Shout.TOML: the file name ends in `.TOML`: exercise files end in `.toml` (rename it to `Shout.toml`)".to_string(),
            format!("exercises/café.toml: `café.toml` cannot be placed: the name without `.toml` is the exercise's id, {rule} (`café` is not one)"),
            format!("exercises/my exercise.toml: `my exercise.toml` cannot be placed: the name without `.toml` is the exercise's id, {rule} (`my exercise` is not one)"),
            format!("exercises/v1.2.toml: `v1.2.toml` cannot be placed: the name without `.toml` is the exercise's id, {rule} (`v1.2` is not one)"),
        ]
    );
}
