//! Markup with no listener and nothing to focus, written as HTML text and
//! handed to Yew as one raw node.
//!
//! Why: every element `html!` builds is code in the bundle (a tag, its
//! attributes, its children, each a Yew node built and reconciled), and the
//! views that only show the engine's state, element after element, were
//! the largest of it. Written as text they cost a fraction of that (the
//! race's timeline, 2 KB less as SVG text). Yew replaces a raw node whole
//! when its text changes, so only markup nobody interacts with is written
//! here: no listener, no form control, nothing focusable.
//!
//! A button written here is clicked through one listener on the box that
//! holds the markup, which finds the button by a data attribute
//! ([`picked`]); the markup is replaced after the click, so the handler
//! says where focus goes next.
//!
//! Tests read what is written with `into_string`.

use yew::prelude::{AttrValue, Html, MouseEvent, TargetCast};

/// HTML text being written. Text and attribute values are escaped; tag and
/// attribute names are the caller's literals.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    /// `<tag name="value" …>`; an attribute whose value is `None` is left out.
    pub fn open(&mut self, tag: &str, attributes: &[(&str, Option<&str>)]) -> &mut Markup {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attributes {
            if let Some(value) = value {
                self.0.push(' ');
                self.0.push_str(name);
                self.0.push_str("=\"");
                self.escaped(value);
                self.0.push('"');
            }
        }
        self.0.push('>');
        self
    }

    pub fn close(&mut self, tag: &str) -> &mut Markup {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Markup {
        self.escaped(text);
        self
    }

    /// HTML the build sanitised (`course_schema::Rich`), as it is.
    pub fn trusted(&mut self, html: &str) -> &mut Markup {
        self.0.push_str(html);
        self
    }

    /// A select's `<option>`. A select keeps focus while its options are
    /// written anew, and picks the one marked selected.
    pub fn option(&mut self, value: &str, label: &str, selected: bool) -> &mut Markup {
        self.element(
            "option",
            &[("value", Some(value)), ("selected", selected.then_some(""))],
            label,
        )
    }

    /// An element holding only `text`.
    pub fn element(
        &mut self,
        tag: &str,
        attributes: &[(&str, Option<&str>)],
        text: &str,
    ) -> &mut Markup {
        self.open(tag, attributes).text(text).close(tag)
    }

    #[cfg(test)]
    pub fn into_string(self) -> String {
        self.0
    }

    fn escaped(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                _ => self.0.push(c),
            }
        }
    }

    /// The markup as Yew's raw node. It is parsed inside a `div`, so table
    /// parts must come within their table.
    pub fn html(self) -> Html {
        Html::from_html_unchecked(AttrValue::from(self.0))
    }
}

/// The number in `attribute` (`data-step`, `data-row`) of the element a
/// click landed in, or of its nearest ancestor that has one.
pub fn picked(event: &MouseEvent, attribute: &str) -> Option<usize> {
    event
        .target_dyn_into::<web_sys::Element>()?
        .closest(&format!("[{attribute}]"))
        .ok()??
        .get_attribute(attribute)?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_values_are_escaped_and_absent_attributes_left_out() {
        let mut markup = Markup::default();
        markup
            .open("p", &[("class", Some("a\"b")), ("hidden", None)])
            .text("x < y & \"z\" > w")
            .close("p");
        assert_eq!(
            markup.0,
            "<p class=\"a&quot;b\">x &lt; y &amp; &quot;z&quot; &gt; w</p>"
        );
    }
}
