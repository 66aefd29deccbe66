//! Finding `{{#exercise <id>}}` directives in a chapter, outside code.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::placeholder::error_card;

const OPEN: &str = "{{#exercise";
const CLOSE: &str = "}}";

/// Replaces every directive outside code with what `place` makes of its id.
/// A directive `place` refuses becomes an error card in the page; the
/// directive's text and the reason are returned so the caller can report them.
pub fn expand(
    content: &str,
    mut place: impl FnMut(&str) -> Result<String, String>,
) -> (String, Vec<(String, String)>) {
    let code = code_ranges(content);
    let mut out = String::with_capacity(content.len());
    let mut errors = Vec::new();
    let mut rest = 0;
    while let Some(found) = content[rest..].find(OPEN) {
        let start = rest + found;
        let Some(close) = content[start..].find(CLOSE) else {
            break;
        };
        let end = start + close + CLOSE.len();
        out.push_str(&content[rest..start]);
        rest = end;
        let directive = &content[start..end];
        if code.iter().any(|range| range.contains(&start)) {
            out.push_str(directive);
            continue;
        }
        let id = directive[OPEN.len()..directive.len() - CLOSE.len()].trim();
        let placed = if is_id(id) {
            place(id)
        } else {
            Err("expected one exercise id (letters, digits, `-` and `_`)".to_string())
        };
        match placed {
            Ok(html) => out.push_str(&html),
            Err(why) => {
                out.push_str(&error_card(&format!("{directive}: {why}")));
                errors.push((directive.to_string(), why));
            }
        }
    }
    out.push_str(&content[rest..]);
    (out, errors)
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Byte ranges of code blocks and code spans, where directives are only text.
fn code_ranges(content: &str) -> Vec<Range<usize>> {
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
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand_ok(content: &str) -> String {
        let (out, errors) = expand(content, |id| Ok(format!("<W {id}>")));
        assert!(errors.is_empty(), "{errors:?}");
        out
    }

    #[test]
    fn replaces_directives_in_prose() {
        assert_eq!(
            expand_ok("Before\n\n{{#exercise pick-a-call}}\n\nAfter {{#exercise b_2 }}."),
            "Before\n\n<W pick-a-call>\n\nAfter <W b_2>."
        );
    }

    #[test]
    fn leaves_directives_in_code_alone() {
        let content =
            "```md\n{{#exercise a}}\n```\n\nand `{{#exercise b}}` inline\n\n    {{#exercise c}}\n";
        assert_eq!(expand_ok(content), content);
    }

    #[test]
    fn a_refused_directive_becomes_a_card_and_is_reported() {
        let (out, errors) = expand("x {{#exercise gone}} y {{#exercise two words}}", |_| {
            Err("no such exercise".into())
        });
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].0, "{{#exercise gone}}");
        assert!(errors[1].1.contains("one exercise id"), "{errors:?}");
        assert!(out.contains("fr-error"), "{out}");
        assert!(out.starts_with("x ") && out.contains(" y "), "{out}");
    }
}
