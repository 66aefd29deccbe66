use course_schema::Rich;
use yew::{AttrValue, Html};

/// Build-time sanitised HTML (see [`Rich`]) into the page.
pub fn rich(text: &Rich) -> Html {
    Html::from_html_unchecked(AttrValue::from(text.0.clone()))
}
