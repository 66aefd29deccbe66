//! What a reader sees when the bundle panics. With `panic = "abort"` a
//! panic traps the one Wasm instance every widget on the page shares, and
//! each widget is left with controls that do nothing. The hook runs before
//! the trap: it replaces every widget on the page with an error card saying
//! what happened, so nobody clicks a dead button, and `mount` shows the same
//! card for any placeholder the loader reaches afterwards.

use std::cell::OnceCell;
use std::panic::PanicHookInfo;
use std::sync::Once;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

use crate::error_card;

/// The attribute a browser test puts on a placeholder to make `mount`
/// panic, which is how the hook is tested in the page. The preprocessor
/// never writes it, so no reader's page carries it.
pub const TEST_PANIC: &str = "data-fr-test-panic";

const HEADLINE: &str =
    "The exercises on this page stopped working; reload the page to start them again.";

thread_local! {
    /// What the first panic said. Memory outlives the trap, so a later call
    /// into the instance (the loader's next `mount`, a timer Yew had queued)
    /// finds it; and if that call panics too, the cards keep the first cause.
    static PANICKED: OnceCell<&'static str> = const { OnceCell::new() };
}

/// Installs the hook, once, through Yew: the first `Renderer::render`
/// replaces a hook set with `std::panic::set_hook` by its own, which only
/// logs to the console.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| yew::set_custom_panic_hook(Box::new(on_panic)));
}

/// The first panic's message, once the instance has trapped.
pub fn panicked() -> Option<&'static str> {
    PANICKED.with(|first| first.get().copied())
}

fn on_panic(info: &PanicHookInfo<'_>) {
    let message = PANICKED.with(|first| {
        *first.get_or_init(|| {
            let what = info.payload_as_str().unwrap_or("a panic");
            let message = match info.location() {
                Some(at) => format!("{what} (at {}:{})", at.file(), at.line()),
                None => what.to_string(),
            };
            // Leaked: it is needed for the rest of the page's life.
            message.leak()
        })
    });
    // Nothing is left to report a failure to.
    let _ = every_widget_to_a_card(message);
}

fn every_widget_to_a_card(message: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("no document")?;
    // Every placeholder the loader mounts, whether or not it got that far.
    let widgets = document.query_selector_all(".fr-widget[data-widget]")?;
    for index in 0..widgets.length() {
        if let Some(container) = widgets.item(index) {
            to_a_card(&document, &container.unchecked_into(), message)?;
        }
    }
    Ok(())
}

/// Puts the card in `container`'s place for the widget, and marks it
/// mounted so CSS hides the static fallback.
pub fn to_a_card(document: &Document, container: &Element, message: &str) -> Result<(), JsValue> {
    // A new root, so that the Yew app in the old one (and its listeners)
    // leaves the page with it.
    let root = document.create_element("div")?;
    root.set_class_name("fr-live");
    match container.query_selector(":scope > .fr-live")? {
        Some(old) => old.replace_with_with_node_1(&root)?,
        None => {
            container.append_child(&root)?;
        }
    }
    error_card::render(&root, HEADLINE, message)?;
    container.set_attribute("data-mounted", "")
}
