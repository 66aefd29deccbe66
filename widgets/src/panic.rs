//! What a reader sees when the bundle panics. With `panic = "abort"` a
//! panic traps the one Wasm instance every widget on the page shares, and
//! each widget is left with controls that do nothing. The hook runs before
//! the trap: it replaces every mounted widget on the page with an error card
//! saying what happened, so nobody clicks a dead button.

use std::panic::PanicHookInfo;
use std::sync::Once;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use crate::error_card;

/// The attribute a browser test puts on a placeholder to make `mount`
/// panic, which is how the hook is tested in the page. The preprocessor
/// never writes it, so no reader's page carries it.
pub const TEST_PANIC: &str = "data-fr-test-panic";

pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(on_panic)));
}

fn on_panic(info: &PanicHookInfo<'_>) {
    let what = info.payload_as_str().unwrap_or("a panic");
    let message = match info.location() {
        Some(at) => format!("{what} (at {}:{})", at.file(), at.line()),
        None => what.to_string(),
    };
    // Nothing is left to report a failure to.
    let _ = every_widget_to_a_card(&message);
}

fn every_widget_to_a_card(message: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("no document")?;
    let widgets = document.query_selector_all(".fr-widget[data-mounted]")?;
    for index in 0..widgets.length() {
        let Some(container) = widgets.item(index) else {
            continue;
        };
        let container: Element = container.unchecked_into();
        // A new root, so that the Yew app in the old one (and its
        // listeners) leaves the page with it.
        let root = document.create_element("div")?;
        root.set_class_name("fr-live");
        match container.query_selector(":scope > .fr-live")? {
            Some(old) => old.replace_with_with_node_1(&root)?,
            None => {
                container.append_child(&root)?;
            }
        }
        error_card::render(
            &root,
            "The exercises on this page stopped working; reload the page to start them again.",
            message,
        )?;
    }
    Ok(())
}
