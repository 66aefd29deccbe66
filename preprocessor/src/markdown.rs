//! Markdown fields of exercises, rendered at build time.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

/// Renders Markdown to HTML that is safe to put in the page: raw HTML is
/// shown as text, and links may only go to the web, to mail, or within the
/// book.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out.trim_end().to_string()
}

/// Like [`render`], without the paragraph around a single line of text, for
/// short fields such as option labels.
pub fn render_inline(markdown: &str) -> String {
    let html = render(markdown);
    match html
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// The first image in `markdown` served from another host (an absolute or
/// scheme-relative URL), if any.
pub fn remote_image(markdown: &str) -> Option<String> {
    if !markdown.contains("![") && !markdown.contains("]:") {
        return None;
    }
    Parser::new_ext(markdown, Options::empty()).find_map(|event| match event {
        Event::Start(Tag::Image { dest_url, .. }) => {
            let url = dest_url.trim();
            let remote = url.starts_with("//") || url.contains(':');
            remote.then(|| url.to_string())
        }
        _ => None,
    })
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(scheme, _)| scheme);
    let is_scheme = scheme.is_some_and(|scheme| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    match scheme {
        Some("http" | "https" | "mailto") => url,
        _ if is_scheme => CowStr::Borrowed("#"),
        _ => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        assert_eq!(
            render("Call `updateTag` *now*."),
            "<p>Call <code>updateTag</code> <em>now</em>.</p>"
        );
        assert_eq!(
            render_inline("`revalidateTag(tag, 'max')`"),
            "<code>revalidateTag(tag, 'max')</code>"
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = render("<script>alert(1)</script>\n\nand <img src=x onerror=alert(1)> inline");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn script_urls_are_neutralised() {
        let html = render(
            "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](https://nextjs.org) [w](ch-b.md#grid)",
        );
        assert!(!html.to_ascii_lowercase().contains("javascript"), "{html}");
        assert!(html.contains("href=\"https://nextjs.org\""), "{html}");
        assert!(html.contains("href=\"ch-b.md#grid\""), "{html}");
    }

    #[test]
    fn code_blocks_keep_their_language() {
        let html = render("```ts\nupdateTag(t)\n```");
        assert!(html.contains("class=\"language-ts\""), "{html}");
    }
}
