//! The one Yew component every placeholder mounts.
//!
//! Each component type compiles its own copy of Yew's mounting, scheduling
//! and lifecycle code into the bundle, so the seven widgets share one: its
//! props say which widget it is, and each widget's body is a hook run from
//! here. A mounted widget never changes kind, so every render of it calls
//! the same hooks in the same order, as Yew requires.

use yew::functional::{Hook, HookContext};
use yew::prelude::*;

use crate::decision::{DecisionProps, use_decision};
use crate::ordering::{OrderingProps, use_ordering};
use crate::playground::{PlaygroundProps, use_playground};
use crate::race::{RaceProps, use_race};
use crate::scenario::{ScenarioProps, use_scenario};
use crate::sorting::{SortingProps, use_sorting};
use crate::walkthrough::{WalkthroughProps, use_walkthrough};

/// Which widget, as an enum of each one's props; `Body::from(props)` (or
/// `.into()`) picks the variant.
macro_rules! bodies {
    ($($widget:ident($props:ident) => $hook:ident,)*) => {
        #[derive(PartialEq)]
        pub enum Body {
            $($widget($props),)*
        }

        $(
            impl From<$props> for LiveProps {
                fn from(props: $props) -> LiveProps {
                    LiveProps { body: Body::$widget(props) }
                }
            }
        )*

        impl Hook for UseBody<'_> {
            type Output = Html;

            fn run(self, ctx: &mut HookContext) -> Html {
                match self.0 {
                    $(Body::$widget(props) => $hook(props).run(ctx),)*
                }
            }
        }
    };
}

bodies! {
    Ordering(OrderingProps) => use_ordering,
    Sorting(SortingProps) => use_sorting,
    Scenario(ScenarioProps) => use_scenario,
    Decision(DecisionProps) => use_decision,
    Race(RaceProps) => use_race,
    Playground(PlaygroundProps) => use_playground,
    Walkthrough(WalkthroughProps) => use_walkthrough,
}

#[derive(Properties, PartialEq)]
pub struct LiveProps {
    pub body: Body,
}

#[function_component(Live)]
pub fn live(props: &LiveProps) -> Html {
    use_body(&props.body)
}

/// The widget's body. Written by hand because the hook macros allow no hook
/// call inside a `match`; the invariant above is what makes it sound.
struct UseBody<'a>(&'a Body);

fn use_body(body: &Body) -> UseBody<'_> {
    UseBody(body)
}
