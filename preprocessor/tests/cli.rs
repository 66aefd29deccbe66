//! The preprocessor as the stock `mdbook` CLI runs it: JSON in on stdin,
//! the book out on stdout, errors on stderr with a failing exit code.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

fn fixture(name: &str, chapter: &str, exercises: &[(&str, &str)]) -> PathBuf {
    let root = std::env::temp_dir().join(format!("fresh-reads-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("exercises")).unwrap();
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(root.join("src/chapter.md"), chapter).unwrap();
    for (file, text) in exercises {
        std::fs::write(root.join("exercises").join(file), text).unwrap();
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
    let (ok, book, stderr) = run(&root, chapter);
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
    let (ok, _, stderr) = run(&root, chapter);
    assert!(!ok);
    assert!(
        stderr.contains(
            "src/chapter.md: `{{#exercise missing-one}}`: no exercise has this id: expected a file exercises/missing-one.toml"
        ),
        "{stderr}"
    );
}

#[test]
fn an_unreadable_file_fails_naming_the_chapter_the_directive_and_the_file() {
    let chapter = "{{#exercise broken}}\n";
    let root = fixture("unreadable", chapter, &[("broken.toml", "")]);
    std::fs::write(root.join("exercises/broken.toml"), [0xff, 0xfe, 0x00]).unwrap();
    let (ok, _, stderr) = run(&root, chapter);
    assert!(!ok);
    assert!(
        stderr.contains(
            "src/chapter.md: `{{#exercise broken}}`: exercises/broken.toml:1:1: the file is not UTF-8 text (byte 0xFF here)"
        ),
        "{stderr}"
    );
}

#[test]
fn a_malformed_file_fails_with_its_line_and_column() {
    let chapter = "{{#exercise typo}}\n";
    let bad = GOOD.replace(
        "why = \"It invalidates nothing.\"",
        "wyh = \"It invalidates nothing.\"",
    );
    let root = fixture("malformed", chapter, &[("typo.toml", &bad)]);
    let (ok, _, stderr) = run(&root, chapter);
    assert!(!ok);
    assert!(stderr.contains("exercises/typo.toml:10:1: unknown field `wyh`, expected one of `text`, `correct`, `why`"), "{stderr}");
}
