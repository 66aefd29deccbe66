//! What a widget shows instead of itself when its data is unusable: the
//! reader learns it is broken, the author learns why, the page goes on.
//!
//! Plain DOM, not a Yew component: it never changes once shown, and every
//! component type compiles its own copy of Yew's lifecycle into the bundle.

use wasm_bindgen::JsValue;
use web_sys::Element;

/// Fills `root` with the card, `headline` for the reader and `message` for
/// the author; the same markup as the preprocessor's card for an exercise
/// that could not be built.
pub fn render(root: &Element, headline: &str, message: &str) -> Result<(), JsValue> {
    let document = root
        .owner_document()
        .ok_or("the widget is not in a document")?;
    let card = document.create_element("div")?;
    card.set_class_name("fr-error");
    card.set_attribute("role", "alert")?;
    let strong = document.create_element("strong")?;
    strong.set_text_content(Some(headline));
    let why = document.create_element("code")?;
    why.set_text_content(Some(message));
    card.append_child(&strong)?;
    card.insert_adjacent_text("beforeend", " ")?;
    card.append_child(&why)?;
    root.append_child(&card)?;
    Ok(())
}
