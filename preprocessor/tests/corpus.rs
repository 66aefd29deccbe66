//! The bad-input corpus: every file in `tests/bad-exercises/` is an exercise
//! an author could plausibly write and must not get into the book. Each one
//! says on its first line what the author should be told:
//!
//! ```toml
//! # expect: 7:1: unknown field `wyh`, expected one of `text`, `correct`, `why`
//! ```
//!
//! (a file that is not text says it in a sibling `<name>.expect` file). Each
//! must fail to load, and the first error must read exactly so, position
//! included. Each is loaded in a child process with a time and memory limit,
//! so that a panic, a stack overflow or a hang fails its case, not the run.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use course_schema::Kind;

const CORPUS: &str = "tests/bad-exercises";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the preprocessor lives in the workspace")
        .to_path_buf()
}

/// Every exercise file of the corpus, relative to the workspace root.
fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join(CORPUS))
        .expect("the corpus folder")
        .map(|entry| entry.expect("a corpus entry").file_name())
        .map(|name| Path::new(CORPUS).join(name))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
}

/// The `line:column: message` a file expects.
fn expectation(file: &Path) -> String {
    let sidecar = root().join(file).with_extension("toml.expect");
    let text = match fs::read_to_string(&sidecar) {
        Ok(text) => text,
        Err(_) => fs::read_to_string(root().join(file)).unwrap_or_else(|error| {
            panic!(
                "{}: not UTF-8 ({error}): put its expectation in {}",
                file.display(),
                sidecar.display()
            )
        }),
    };
    let first = text.lines().next().unwrap_or_default();
    first
        .strip_prefix("# expect: ")
        .unwrap_or_else(|| {
            panic!(
                "{}: the first line must be `# expect: <line>:<column>: <message>`",
                file.display()
            )
        })
        .to_string()
}

/// How long one case may take, and how much memory (KiB of address space)
/// its process may map, before it counts as a hang or a runaway.
const TIME_LIMIT: Duration = Duration::from_secs(20);
const MEMORY_LIMIT_KB: u64 = 4_000_000;

/// The environment variables that make this test binary a child that loads
/// one file and prints what happened.
const CHILD_ROOT: &str = "FRESH_READS_CORPUS_ROOT";
const CHILD_FILE: &str = "FRESH_READS_CORPUS_FILE";
const RESULT: &str = "corpus-result: ";

/// The child's side: loads the file named in the environment and prints the
/// first error as `line:column: message` (nothing to do when run as an
/// ordinary test).
#[test]
fn corpus_child() {
    let (Some(root), Some(file)) = (std::env::var_os(CHILD_ROOT), std::env::var_os(CHILD_FILE))
    else {
        return;
    };
    let file = PathBuf::from(file);
    let id = file.file_stem().unwrap().to_string_lossy().into_owned();
    let actual = match mdbook_fresh_reads::load(Path::new(&root), &file, &id) {
        Ok(_) => "LOADED WITHOUT ERROR".to_string(),
        Err(errors) => {
            let first = errors.first().expect("a failure carries an error");
            assert_eq!(first.file, file, "errors name the file they are about");
            match first.position {
                Some((line, column)) => format!("{line}:{column}: {}", first.message),
                None => format!("(no position): {}", first.message),
            }
        }
    };
    println!("{RESULT}{}", actual.replace('\n', "\\n"));
}

/// Loads `root/file` in a child process with a time and memory limit: a
/// panic, a stack overflow, a hang or a runaway allocation is an outcome
/// like any other, not the end of the test run.
fn load_in_child(root: &Path, file: &Path) -> String {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KB}; exec \"$0\" \"$@\""))
        .arg(std::env::current_exe().expect("the test binary"))
        .args(["--exact", "corpus_child", "--nocapture", "--test-threads=1"])
        .env(CHILD_ROOT, root)
        .env(CHILD_FILE, file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("a child process");
    let started = Instant::now();
    while child.try_wait().expect("the child's status").is_none() {
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return format!("TIMED OUT after {} s", TIME_LIMIT.as_secs());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("the child's output");
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The harness prints `test corpus_child ... ` before the result.
    match stdout
        .lines()
        .find_map(|line| line.split_once(RESULT).map(|(_, result)| result))
    {
        Some(result) if output.status.success() => result.to_string(),
        _ => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let why = stderr
                .lines()
                .find(|line| {
                    line.contains("panicked")
                        || line.contains("overflow")
                        || line.contains("memory")
                })
                .unwrap_or("no message");
            format!("CRASHED ({}): {why}", output.status)
        }
    }
}

/// Each case's `line:column: message` against what it expects.
fn check(root: &Path, cases: &[(PathBuf, String)]) {
    let mut wrong = Vec::new();
    for (file, expected) in cases {
        let actual = load_in_child(root, file);
        if &actual != expected {
            wrong.push(format!(
                "{}\n  expected: {expected}\n  actual:   {actual}",
                file.display()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases did not fail as expected:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_bad_file_fails_with_its_expected_message() {
    let cases: Vec<(PathBuf, String)> = corpus()
        .into_iter()
        .map(|file| {
            let expected = expectation(&file);
            (file, expected)
        })
        .collect();
    check(&root(), &cases);
}

/// Cases that cannot live in the repository as files: a FIFO, a link to a
/// device, files too large or too deep to check in. Each is made here.
#[test]
fn generated_bad_inputs_fail_cleanly() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generated-bad-exercises");
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("exercises")).unwrap();
    let mut cases = Vec::new();
    let mut case = |name: &str, expected: &str| {
        cases.push((Path::new("exercises").join(name), expected.to_string()));
        root.join("exercises").join(name)
    };

    let fifo = case(
        "a-fifo.toml",
        "(no position): not a regular file (a FIFO, a device or a socket, or a link to one): \
         an exercise must be a plain text file",
    );
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let zero = case(
        "dev-zero.toml",
        "(no position): not a regular file (a FIFO, a device or a socket, or a link to one): \
         an exercise must be a plain text file",
    );
    std::os::unix::fs::symlink("/dev/zero", zero).unwrap();

    let big = case(
        "too-big.toml",
        "(no position): the file is 1048577 bytes: at most 1048576 (1 MB); split the exercise",
    );
    let mut text = String::from("kind = \"scenario\"\nprompt = \"\"\"\n");
    text.push_str(&"x".repeat(1_048_577 - text.len() - 4));
    text.push_str("\"\"\"\n");
    assert_eq!(text.len(), 1_048_577);
    fs::write(big, text).unwrap();

    let dotted = case(
        "dotted-key.toml",
        "2:1: nested too deeply (a dotted key or an array of hundreds of levels): \
         write the value with fewer levels",
    );
    let key = vec!["a"; 100_000].join(".");
    fs::write(dotted, format!("kind = \"scenario\"\n{key} = 1\n")).unwrap();

    for (questions, name) in [(400, "tree-400-deep.toml"), (8_000, "tree-8000-deep.toml")] {
        let line = 4 + 32 * 4;
        let file = case(
            name,
            &format!(
                "{line}:1: the whole-tree figure would nest {questions} questions deep (this one is number 33): \
                 at most 32, so that it fits the page; split the tree into two exercises"
            ),
        );
        fs::write(file, deep_tree(questions)).unwrap();
    }
    check(&root, &cases);
}

/// A decision tree `questions` deep: each question's "yes" leads one
/// deeper, its "no" to the answer.
fn deep_tree(questions: usize) -> String {
    let mut text = String::from("kind = \"decision\"\nprompt = \"Deep.\"\nstart = \"q0\"\n");
    for at in 0..questions {
        let next = if at + 1 == questions {
            "done".to_string()
        } else {
            format!("q{}", at + 1)
        };
        text.push_str(&format!(
            "[[nodes]]\nid = \"q{at}\"\nquestion = \"Again?\"\nchoices = [{{ label = \"Yes\", next = \"{next}\" }}, {{ label = \"No\", next = \"done\" }}]\n"
        ));
    }
    text.push_str("[[nodes]]\nid = \"done\"\nanswer = \"Done\"\nwhy = \"Because.\"\n");
    text
}

#[test]
fn the_corpus_is_large_and_covers_every_kind() {
    let files = corpus();
    assert!(
        files.len() >= 30,
        "the corpus has {} files; it should have at least 30",
        files.len()
    );
    let mut kinds = BTreeSet::new();
    for file in &files {
        let Ok(text) = fs::read_to_string(root().join(file)) else {
            continue;
        };
        for kind in Kind::ALL {
            if text
                .lines()
                .any(|line| line == format!("kind = \"{}\"", kind.name()))
            {
                kinds.insert(kind.name());
            }
        }
        // Kind-specific files are named after their kind, so the listing reads
        // as a coverage table.
        let name = file.file_name().unwrap().to_string_lossy();
        if let Some(kind) = Kind::ALL
            .iter()
            .find(|kind| name.starts_with(&format!("{}-", kind.name())))
        {
            assert!(
                text.contains(&format!("kind = \"{}\"", kind.name())),
                "{} is named after a kind it is not",
                file.display()
            );
        }
    }
    let missing: Vec<&str> = Kind::ALL
        .iter()
        .map(|kind| kind.name())
        .filter(|name| !kinds.contains(name))
        .collect();
    assert!(missing.is_empty(), "no bad file of kind {missing:?}");
    for kind in Kind::ALL {
        let named = files
            .iter()
            .filter(|file| {
                file.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("{}-", kind.name()))
            })
            .count();
        assert!(
            named >= 4,
            "only {named} bad files of kind `{}`; the kind's rules deserve at least 4",
            kind.name()
        );
    }
    assert!(
        files
            .iter()
            .any(|file| fs::read_to_string(root().join(file)).is_err()),
        "the corpus should hold a file that is not UTF-8"
    );
}
