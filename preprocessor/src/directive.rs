//! Finding `{{#exercise <id>}}` directives in a chapter: outside code, HTML
//! comments and raw `<pre>`, and not after a backslash. What looks like a
//! directive but is not one (a typo, a missing brace, no id) is reported at
//! its line and column rather than left to vanish.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::placeholder::error_card;

const OPEN: &str = "{{#exercise";
const CLOSE: &str = "}}";

/// A directive refused: its text, its 1-based line and column in the
/// chapter, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub directive: String,
    pub line: usize,
    pub column: usize,
    pub why: String,
}

/// What `place` is told about a directive: its id and where it is.
pub struct Site<'a> {
    pub id: &'a str,
    pub line: usize,
    pub column: usize,
}

/// Replaces every directive in prose with what `place` makes of its id. A
/// directive `place` refuses, or a malformed one, becomes an error card in
/// the page and is returned so the caller can report it. `\{{#exercise x}}`
/// is left as it is: mdBook's `links` preprocessor, which runs after this
/// one, removes the backslash, as it does for its own directives.
pub fn expand(
    content: &str,
    mut place: impl FnMut(Site<'_>) -> Result<String, String>,
) -> (String, Vec<Refused>) {
    let skipped = skipped_ranges(content);
    let mut out = String::with_capacity(content.len());
    let mut refused = Vec::new();
    let mut rest = 0;
    let mut from = 0;
    while let Some(found) = content[from..].find("{{") {
        let start = from + found;
        from = start + 2;
        if content[..start].ends_with('\\') || skipped.iter().any(|range| range.contains(&start)) {
            continue;
        }
        let Some((end, parsed)) = parse(&content[start..]) else {
            continue;
        };
        let end = start + end;
        let directive = &content[start..end];
        let (line, column) = line_and_column(content, start);
        let placed = parsed.and_then(|id| place(Site { id, line, column }));
        out.push_str(&content[rest..start]);
        match placed {
            Ok(html) => out.push_str(&html),
            Err(why) => {
                out.push_str(&error_card(&format!("{directive}: {why}")));
                refused.push(Refused {
                    directive: directive.to_string(),
                    line,
                    column,
                    why,
                });
            }
        }
        rest = end;
        from = end;
    }
    out.push_str(&content[rest..]);
    (out, refused)
}

/// Reads what starts at a `{{`: `None` when it is not ours (another
/// preprocessor's `{{#include}}`, a template's `{{ name }}`); otherwise how
/// far it goes and its id, or why it is not a directive.
fn parse(text: &str) -> Option<(usize, Result<&str, String>)> {
    let line_end = text.find('\n').unwrap_or(text.len());
    let line = &text[..line_end];
    let after_braces = line[2..].trim_start();
    let hashed = after_braces.strip_prefix('#').unwrap_or(after_braces);
    let word_len = hashed
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(hashed.len());
    let word = &hashed[..word_len];
    if !(line.starts_with(OPEN) && word == "exercise") {
        if !looks_like_exercise(word) {
            return None;
        }
        // A typo'd directive: report up to its `}}`, or the line's end.
        let end = line.find(CLOSE).map_or(line_end, |at| at + CLOSE.len());
        return Some((
            end,
            Err(
                "not a directive: write `{{#exercise <id>}}`, with `#exercise` in lowercase right after the braces"
                    .to_string(),
            ),
        ));
    }
    let args_start = OPEN.len();
    let args_len = line[args_start..]
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ' | '\t')))
        .unwrap_or(line.len() - args_start);
    let args_end = args_start + args_len;
    if !line[args_end..].starts_with(CLOSE) {
        return Some((args_end, Err(not_closed())));
    }
    let end = args_end + CLOSE.len();
    let args: Vec<&str> = line[args_start..args_end].split_whitespace().collect();
    let parsed = match args.as_slice() {
        [] => Err("names no exercise: write `{{#exercise <id>}}`".to_string()),
        [id] => Ok(*id),
        more => Err(format!(
            "expected one exercise id, found {} words: {}",
            more.len(),
            more.join(" ")
        )),
    };
    Some((end, parsed))
}

fn not_closed() -> String {
    "this directive is not closed: end it with `}}` on the same line, right after the id"
        .to_string()
}

/// Whether a word is `exercise` in another case or with a slip of one or
/// two letters (`Exercise`, `excercise`, `exercize`).
fn looks_like_exercise(word: &str) -> bool {
    let word = word.to_lowercase();
    word.len() <= 12 && edit_distance(&word, "exercise") <= 2
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// 1-based line and column (in characters) of byte `offset`.
pub fn line_and_column(content: &str, offset: usize) -> (usize, usize) {
    let before = &content[..offset];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Byte ranges where a directive is only text: code blocks and code spans,
/// HTML comments, and raw `<pre>` elements.
fn skipped_ranges(content: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in Parser::new_ext(content, Options::all()).into_offset_iter() {
        match event {
            Event::Code(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block_start.take() {
                    ranges.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    let code = ranges.clone();
    let outside_code = |at: &usize| !code.iter().any(|range| range.contains(at));
    for (open, close) in [("<!--", "-->"), ("<pre", "</pre>")] {
        let mut from = 0;
        while let Some(found) = content[from..].find(open) {
            let start = from + found;
            let end = content[start..]
                .find(close)
                .map_or(content.len(), |at| start + at + close.len());
            if outside_code(&start) {
                ranges.push(start..end);
            }
            from = end.max(start + open.len());
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand_ok(content: &str) -> String {
        let (out, refused) = expand(content, |site| Ok(format!("<W {}>", site.id)));
        assert!(refused.is_empty(), "{refused:?}");
        out
    }

    /// `line:column: directive: why` of each refused directive.
    fn refusals(content: &str) -> Vec<String> {
        let (_, refused) = expand(content, |site| Ok(format!("<W {}>", site.id)));
        refused
            .iter()
            .map(|r| format!("{}:{}: {}: {}", r.line, r.column, r.directive, r.why))
            .collect()
    }

    #[test]
    fn replaces_directives_in_prose() {
        assert_eq!(
            expand_ok("Before\n\n{{#exercise pick-a-call}}\n\nAfter {{#exercise b_2 }}."),
            "Before\n\n<W pick-a-call>\n\nAfter <W b_2>."
        );
    }

    #[test]
    fn leaves_directives_in_code_comments_pre_and_escaped_alone() {
        let content = "```md\n{{#exercise a}}\n```\n\nand `{{#exercise b}}` inline\n\n    {{#exercise c}}\n\n\
                       <!-- {{#exercise d}} -->\n\nText <!-- old:\n{{#exercise e}}\n--> more\n\n\
                       <pre><code>{{#exercise f}}</code></pre>\n\nWrite \\{{#exercise g}} to place g.\n\n\
                       {{#include other.md}} and {{ title }}\n";
        assert_eq!(expand_ok(content), content);
    }

    #[test]
    fn typos_unclosed_and_one_brace_directives_are_reported_where_they_are() {
        let content = "# T\n\n{{#Exercise x}}\n\n{{ #exercise x }}\n\n{{#excercise x}}\n\n\
                       {{#exercise first}\n\nSome text.\n\n{{#exercise second}}\n\n{{#exercise}}\n\n\
                       {{#exercise a b}}\n\n{{#exercise last";
        assert_eq!(
            refusals(content),
            [
                "3:1: {{#Exercise x}}: not a directive: write `{{#exercise <id>}}`, with `#exercise` in lowercase right after the braces",
                "5:1: {{ #exercise x }}: not a directive: write `{{#exercise <id>}}`, with `#exercise` in lowercase right after the braces",
                "7:1: {{#excercise x}}: not a directive: write `{{#exercise <id>}}`, with `#exercise` in lowercase right after the braces",
                "9:1: {{#exercise first: this directive is not closed: end it with `}}` on the same line, right after the id",
                "15:1: {{#exercise}}: names no exercise: write `{{#exercise <id>}}`",
                "17:1: {{#exercise a b}}: expected one exercise id, found 2 words: a b",
                "19:1: {{#exercise last: this directive is not closed: end it with `}}` on the same line, right after the id",
            ]
        );
        // The directive after the one-brace one is still placed.
        let (out, _) = expand(content, |site| Ok(format!("<W {}>", site.id)));
        assert!(out.contains("<W second>"), "{out}");
    }

    #[test]
    fn a_refused_directive_becomes_a_card_and_is_reported() {
        let (out, refused) = expand("x {{#exercise gone}} y", |_| Err("no such exercise".into()));
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].directive, "{{#exercise gone}}");
        assert_eq!((refused[0].line, refused[0].column), (1, 3));
        assert!(out.contains("fr-error"), "{out}");
        assert!(out.starts_with("x ") && out.ends_with(" y"), "{out}");
    }
}
