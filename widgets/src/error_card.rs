use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub message: AttrValue,
}

/// What a widget shows instead of itself when its data is unusable: the
/// reader learns it is broken, the author learns why, the page goes on.
#[function_component(ErrorCard)]
pub fn error_card(props: &Props) -> Html {
    html! {
        <div class="fr-error" role="alert">
            <strong>{ "This exercise could not be shown." }</strong>
            { " " }
            <code>{ props.message.clone() }</code>
        </div>
    }
}

/// Mounts an error card as the whole of a widget's app.
pub fn render(root: web_sys::Element, message: String) {
    yew::Renderer::<ErrorCard>::with_root_and_props(
        root,
        Props {
            message: message.into(),
        },
    )
    .render();
}
