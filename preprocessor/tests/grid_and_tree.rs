//! The two-questions grid and the decision tree teach one method, so they
//! must give the same call for every case. The grid is read from the
//! chapters' Markdown (the main chapter and the reference page each print
//! one), the tree from `exercises/picking-the-call/which-call.toml` through
//! the preprocessor's own catalog, as a book build loads it.

use std::path::{Path, PathBuf};

use course_schema::{DecisionExercise, Exercise};
use mdbook_fresh_reads::Catalog;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the preprocessor lives in the workspace")
        .to_path_buf()
}

fn which_call() -> DecisionExercise {
    let catalog = Catalog::scan(&root(), Path::new("exercises")).expect("exercises/ is readable");
    match catalog.props("which-call") {
        Some(Ok(props)) => match &props.exercise {
            Exercise::Decision(tree) => tree.clone(),
            other => panic!("which-call is a {:?} exercise", other.kind()),
        },
        Some(Err(errors)) => panic!("which-call does not load: {errors:?}"),
        None => panic!("no exercise `which-call` under exercises/"),
    }
}

/// Text with its tags and the entities the Markdown renderer writes taken out.
fn plain(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The call a text names first: its first code span up to `(`
/// (`updateTag`, `revalidateTag`, `revalidatePath`, `router.refresh`).
fn call_named(text: &str) -> Option<String> {
    let (open, close) = if text.contains("<code>") {
        ("<code>", "</code>")
    } else {
        ("`", "`")
    };
    let start = text.find(open)? + open.len();
    let end = start + text[start..].find(close)?;
    let code = &text[start..end];
    Some(
        code.split('(')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string(),
    )
}

/// One cell of a grid: the row's and the column's headings, and the cell.
struct Cell {
    row: String,
    column: String,
    text: String,
}

/// The grid in `chapter`: the table whose rows are headed read-your-writes
/// and eventual.
fn grid(chapter: &str) -> Vec<Cell> {
    let path = root().join("src").join(chapter);
    let markdown = std::fs::read_to_string(&path).expect("the chapter is readable");
    let lines: Vec<&str> = markdown.lines().collect();
    let first_row = lines
        .iter()
        .position(|line| line.starts_with("| **read-your-writes**"))
        .unwrap_or_else(|| panic!("{}: no read-your-writes row", path.display()));
    let cells = |line: &str| -> Vec<String> {
        line.trim()
            .trim_matches('|')
            .split('|')
            .map(|cell| cell.trim().to_string())
            .collect()
    };
    // The header is two lines up, above the |---| line.
    let header = cells(lines[first_row - 2]);
    let mut grid = Vec::new();
    for line in &lines[first_row..] {
        if !line.starts_with('|') {
            break;
        }
        let row = cells(line);
        assert_eq!(row.len(), header.len(), "{}: {line}", path.display());
        for (column, text) in header.iter().zip(&row).skip(1) {
            grid.push(Cell {
                row: row[0].clone(),
                column: column.clone(),
                text: text.clone(),
            });
        }
    }
    assert_eq!(grid.len(), 4, "{}: a grid has four corners", path.display());
    grid
}

/// Walks the tree, at each question taking the one choice `fits` accepts;
/// returns the leaf's answer.
fn walk(tree: &DecisionExercise, fits: impl Fn(&str, &str) -> bool) -> String {
    let mut at = tree.start.clone();
    for _ in 0..=tree.nodes.len() {
        let node = tree
            .nodes
            .iter()
            .find(|node| node.id == at)
            .unwrap_or_else(|| panic!("the tree has no node `{at}`"));
        if let Some(answer) = &node.answer {
            return answer.0.clone();
        }
        let question = plain(&node.question.as_ref().expect("a question node").0);
        let fitting: Vec<_> = node
            .choices
            .iter()
            .filter(|choice| fits(&question, &plain(&choice.label.0)))
            .collect();
        assert_eq!(
            fitting.len(),
            1,
            "one choice of {question:?} should fit, {} do",
            fitting.len()
        );
        at = fitting[0].next.clone();
    }
    panic!("the tree loops")
}

/// The tree walked for a change made in `place` (the first question's
/// choice reads "In a {place}..."), by a tag or not.
fn tree_answer(tree: &DecisionExercise, place: &str, by_tag: bool) -> String {
    walk(tree, |question, label| {
        if question.starts_with("Where does the mutation run") {
            label.starts_with(&format!("In a {place}"))
        } else if question.contains("Does a tag") {
            label.starts_with(if by_tag { "Yes" } else { "No" })
        } else {
            panic!("the test does not know the question {question:?}")
        }
    })
}

fn check_grid_against_tree(chapter: &str) {
    let tree = which_call();
    let mut reached = Vec::new();
    for cell in grid(chapter) {
        // The row heading says where the change runs, the column whether a
        // tag names the reads.
        let place = if cell.row.contains("Server Action") {
            "Server Action"
        } else if cell.row.contains("route handler") {
            "route handler"
        } else {
            panic!("{chapter}: the row {:?} names no place", cell.row)
        };
        let by_tag = if cell.column.contains("tag") {
            true
        } else if cell.column.contains("path") {
            false
        } else {
            panic!(
                "{chapter}: the column {:?} is neither tag nor path",
                cell.column
            )
        };
        let leaf = tree_answer(&tree, place, by_tag);
        assert_eq!(
            call_named(&cell.text),
            call_named(&leaf),
            "{chapter}: the grid's cell ({}, {}) says {:?}, the tree reaches {:?}",
            cell.row,
            cell.column,
            cell.text,
            plain(&leaf)
        );
        reached.push(call_named(&leaf));
    }

    // The one branch outside the grid: client code with no server code to
    // invalidate. The grid's text says so, and names the same call.
    let client = walk(&tree, |question, label| {
        assert!(
            question.starts_with("Where does the mutation run"),
            "client code reaches a second question, {question:?}"
        );
        label.contains("client code")
    });
    assert_eq!(call_named(&client).as_deref(), Some("router.refresh"));
    assert!(
        !reached.contains(&Some("router.refresh".to_string())),
        "{chapter}: router.refresh() sits in a grid cell, but the tree reaches it only from client code"
    );
    reached.push(call_named(&client));

    // And every answer the tree gives is one of those cases.
    for node in &tree.nodes {
        if let Some(answer) = &node.answer {
            assert!(
                reached.contains(&call_named(&answer.0)),
                "{chapter}: the tree's answer {:?} is in no grid cell and not the client branch",
                plain(&answer.0)
            );
        }
    }
}

#[test]
fn the_main_chapters_grid_gives_the_trees_answer_for_every_case() {
    check_grid_against_tree("picking-the-call/index.md");
}

#[test]
fn the_reference_pages_grid_gives_the_trees_answer_for_every_case() {
    check_grid_against_tree("reference.md");
}
