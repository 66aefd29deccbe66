//! The course's widgets: Yew components compiled into one Wasm bundle.
//!
//! The loader script calls [`mount`] once per placeholder the preprocessor
//! left in the page. Each mount is its own Yew app, so a widget whose props do
//! not parse shows an error card in its own box and the others carry on.

mod arrange;
mod decision;
mod drag;
mod error_card;
mod held;
pub mod json;
mod keys;
mod live;
mod markup;
mod ordering;
mod panic;
mod playground;
mod progress;
mod props;
mod race;
mod rich;
mod scenario;
mod sim;
mod sorting;
mod states;
mod steps;
mod walkthrough;

use course_schema::WidgetProps;
use wasm_bindgen::prelude::*;
use web_sys::Element;

pub use decision::DecisionProps;
pub use live::{Body, Live, LiveProps, Widget};
pub use ordering::OrderingProps;
pub use playground::PlaygroundProps;
pub use race::RaceProps;
pub use scenario::ScenarioProps;
pub use sorting::SortingProps;
pub use walkthrough::WalkthroughProps;

#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Mounts the widget described by `container`'s JSON island into a new child
/// of `container`, and marks the container so CSS hides the static fallback.
#[wasm_bindgen]
pub fn mount(container: Element) -> Result<(), JsValue> {
    let document = container
        .owner_document()
        .ok_or("the placeholder is not in a document")?;
    // After a panic the instance's state cannot be trusted: no new widget.
    if let Some(message) = panic::panicked() {
        return panic::to_a_card(&document, &container, message);
    }
    panic::install();
    if container.has_attribute(panic::TEST_PANIC) {
        panic!("a panic forced by a test");
    }
    let root = document.create_element("div")?;
    root.set_class_name("fr-live");
    container.append_child(&root)?;
    match read_props(&container) {
        Ok(props) => {
            yew::Renderer::<Live>::with_root_and_props(root, props.into()).render();
        }
        Err(message) => error_card::render(&root, "This exercise could not be shown.", &message)?,
    }
    container.set_attribute("data-mounted", "")?;
    Ok(())
}

fn read_props(container: &Element) -> Result<WidgetProps, String> {
    let island = container
        .query_selector(":scope > script[type='application/json']")
        .ok()
        .flatten()
        .ok_or("this widget has no props: the placeholder lacks its JSON island")?;
    let json = island.text_content().unwrap_or_default();
    let props: WidgetProps =
        json::parse(&json).map_err(|error| format!("this widget's props do not parse: {error}"))?;
    let declared = container.get_attribute("data-widget").unwrap_or_default();
    if declared != props.exercise.kind().name() {
        return Err(format!(
            "the placeholder says `{declared}` but its props describe a `{}` exercise",
            props.exercise.kind().name()
        ));
    }
    Ok(props)
}
