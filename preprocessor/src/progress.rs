//! The reader's progress across the book, from the placements this build
//! made: which exercises each chapter holds, in book order.
//!
//! `theme/progress.js` reads it from localStorage alone. Every chapter
//! carries the index (a JSON island), so that any page, `print.html`
//! included, can mark the chapters whose exercises are done in the
//! sidebar; the chapter with `{{#progress}}` on a line of its own gets the
//! list of every exercise, which the script fills in with each one's state.

use course_schema::{Exercise, Kind, Rich, WidgetProps, storage_key};
use serde::Serialize;

use crate::placeholder::escape;

/// The directive the progress page holds, on a line of its own.
pub const DIRECTIVE: &str = "{{#progress}}";

/// One chapter's exercises, in the order they appear in it.
#[derive(Serialize)]
pub struct Chapter {
    #[serde(skip)]
    pub name: String,
    /// The chapter's page, from the book's root (`picking-the-call/practice.html`).
    pub path: String,
    /// Each exercise's storage key (`course_schema::storage_key`), the key
    /// the widgets save under.
    pub keys: Vec<String>,
    #[serde(skip)]
    pub exercises: Vec<Placed>,
    /// The chapter's Markdown file, to put chapters in book order.
    #[serde(skip)]
    pub source: std::path::PathBuf,
}

pub struct Placed {
    pub id: String,
    pub kind: &'static str,
    pub title: String,
}

impl Chapter {
    pub fn new(name: &str, source: &std::path::Path) -> Chapter {
        let path = source.with_extension("html");
        Chapter {
            name: name.to_string(),
            // Forward slashes: this is a URL path, on every platform.
            path: path
                .components()
                .map(|part| part.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            keys: Vec::new(),
            exercises: Vec::new(),
            source: source.to_path_buf(),
        }
    }

    pub fn add(&mut self, props: &WidgetProps) {
        self.keys.push(storage_key(&props.id, &props.version));
        self.exercises.push(Placed {
            id: props.id.clone(),
            kind: kind_label(props.exercise.kind()),
            title: title(prompt(&props.exercise)),
        });
    }
}

/// A kind as the progress page names it.
fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Ordering => "Ordering",
        Kind::Sorting => "Sorting",
        Kind::Decision => "Decision tree",
        Kind::Scenario => "Scenario",
        Kind::Walkthrough => "Walkthrough",
        Kind::Race => "Race",
        Kind::Playground => "Playground",
    }
}

macro_rules! prompt_of_each_kind {
    ($($variant:ident($name:literal) => $type:ident,)*) => {
        fn prompt(exercise: &Exercise) -> &Rich {
            match exercise {
                $(Exercise::$variant(exercise) => &exercise.prompt,)*
            }
        }
    };
}

course_schema::for_each_kind!(prompt_of_each_kind);

/// The prompt's first sentence as plain text, cut at a word near 90
/// characters: enough to tell the exercises of a chapter apart.
fn title(prompt: &Rich) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in prompt.0.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = decode(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let sentence = match text.find(". ").or_else(|| text.find("? ")) {
        Some(end) => &text[..=end],
        None => text.as_str(),
    };
    if sentence.chars().count() <= 90 {
        return sentence.trim().to_string();
    }
    let mut cut = String::new();
    for word in sentence.split(' ') {
        if cut.chars().count() + word.chars().count() > 88 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    cut.push('…');
    cut
}

/// The entities pulldown-cmark writes in text.
fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The index every chapter carries, as one HTML block.
pub fn index(chapters: &[Chapter]) -> String {
    let with: Vec<&Chapter> = chapters
        .iter()
        .filter(|chapter| !chapter.keys.is_empty())
        .collect();
    let json = serde_json::to_string(&with).expect("the index always serialises");
    let json = json.replace('<', "\\u003c");
    format!("\n\n<script type=\"application/json\" class=\"fr-progress-index\">{json}</script>\n")
}

/// The progress page's list: every exercise by chapter, each linked to its
/// place, with a state the script fills in ("not started" without it).
pub fn list(chapters: &[Chapter]) -> String {
    let mut html = String::from(
        "\n\n<div class=\"fr-progress\">\
         <p class=\"fr-progress-summary\" role=\"status\" aria-live=\"polite\">\
         Your progress is kept in this browser only; without JavaScript it cannot be shown.</p>",
    );
    for chapter in chapters
        .iter()
        .filter(|chapter| !chapter.exercises.is_empty())
    {
        let path = escape(&chapter.path);
        html.push_str(&format!(
            "<section class=\"fr-progress-chapter\" data-path=\"{path}\">\
             <h2 class=\"fr-progress-title\"><a href=\"{path}\">{}</a></h2><ul>",
            escape(&chapter.name)
        ));
        for (placed, key) in chapter.exercises.iter().zip(&chapter.keys) {
            html.push_str(&format!(
                "<li class=\"fr-progress-item\" data-key=\"{key}\">\
                 <a href=\"{path}#fr-{id}\"><span class=\"fr-progress-kind\">{kind}:</span> {title}</a> \
                 <span class=\"fr-progress-state\" data-state=\"not-started\">not started</span></li>",
                key = escape(key),
                id = escape(&placed.id),
                kind = placed.kind,
                title = escape(&placed.title),
            ));
        }
        html.push_str("</ul></section>");
    }
    html.push_str(
        "<div class=\"fr-progress-actions\" hidden>\
         <button type=\"button\" class=\"fr-button fr-export\">Export progress to a file</button>\
         <label class=\"fr-button fr-import-label\">Import progress from a file\
         <input type=\"file\" class=\"fr-import\" accept=\".json,application/json\"></label>\
         <button type=\"button\" class=\"fr-button fr-reset-all\">Reset all</button>\
         <span class=\"fr-reset-confirm\" hidden>Forget every answer in this book? \
         <button type=\"button\" class=\"fr-button fr-reset-yes\">Yes, reset all</button> \
         <button type=\"button\" class=\"fr-button fr-reset-no\">Keep them</button></span>\
         </div></div>\n\n",
    );
    html
}

/// `content` with a line holding only the directive replaced by `list`.
pub fn place_list(content: &str, list: &str) -> Option<String> {
    let mut found = false;
    let lines: Vec<&str> = content
        .split('\n')
        .map(|line| {
            if line.trim() == DIRECTIVE {
                found = true;
                list
            } else {
                line
            }
        })
        .collect();
    found.then(|| lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_the_prompts_first_sentence_in_plain_text() {
        let prompt = Rich("<p>A <code>Stripe</code> webhook &amp; a job. Which call?</p>".into());
        assert_eq!(title(&prompt), "A Stripe webhook & a job.");
        let long = Rich(format!("<p>{}</p>", "word ".repeat(40)));
        let cut = title(&long);
        assert!(cut.ends_with('…') && cut.chars().count() <= 90, "{cut}");
    }

    #[test]
    fn the_list_replaces_only_a_line_of_its_own() {
        assert_eq!(
            place_list("# P\n\n{{#progress}}\n", "LIST").as_deref(),
            Some("# P\n\nLIST\n")
        );
        assert_eq!(place_list("`{{#progress}}` inline", "LIST"), None);
    }

    #[test]
    fn chapter_paths_are_urls_and_keys_are_storage_keys() {
        let mut chapter = Chapter::new(
            "Practice",
            std::path::Path::new("picking-the-call/practice.md"),
        );
        assert_eq!(chapter.path, "picking-the-call/practice.html");
        chapter.keys.push(storage_key("settings-form", "v1"));
        let empty = Chapter::new("Reference", std::path::Path::new("reference.md"));
        let json = index(&[chapter, empty]);
        assert!(
            json.contains(
                r#">[{"path":"picking-the-call/practice.html","keys":["fresh-reads:settings-form:v1"]}]<"#
            ),
            "only chapters with exercises: {json}"
        );
    }
}
