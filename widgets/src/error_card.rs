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
