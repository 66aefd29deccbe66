//! The one Yew component every placeholder mounts.
//!
//! Each component type compiles its own copy of Yew's mounting, scheduling
//! and lifecycle code into the bundle, so the seven widgets share one: its
//! props say which widget it is, and each widget's body is a hook run from
//! here. A mounted widget never changes kind, so every render of it calls
//! the same hooks in the same order, as Yew requires.

use course_schema::{
    DecisionExercise, Exercise, OrderingExercise, PlaygroundExercise, RaceExercise,
    ScenarioExercise, SortingExercise, WalkthroughExercise, WidgetProps,
};
use yew::functional::{Hook, HookContext};
use yew::prelude::*;

/// What each kind of exercise's widget gives `Live`: its props, built from
/// the page's, and its body, a hook.
pub trait Widget: Sized {
    type Props: PartialEq;

    fn props(id: String, version: String, exercise: Self) -> Self::Props;

    fn body(props: &Self::Props) -> impl Hook<Output = Html> + '_;
}

/// Which widget, as an enum of each kind's props, for every kind in the
/// schema's list (`course_schema::for_each_kind!`).
macro_rules! bodies {
    ($($variant:ident($name:literal) => $type:ident,)*) => {
        #[derive(PartialEq)]
        pub enum Body {
            $($variant(<$type as Widget>::Props),)*
        }

        $(
            impl From<<$type as Widget>::Props> for LiveProps {
                fn from(props: <$type as Widget>::Props) -> LiveProps {
                    LiveProps { body: Body::$variant(props) }
                }
            }
        )*

        impl From<WidgetProps> for LiveProps {
            fn from(props: WidgetProps) -> LiveProps {
                let (id, version) = (props.id, props.version);
                let body = match props.exercise {
                    $(Exercise::$variant(exercise) => Body::$variant(Widget::props(id, version, exercise)),)*
                };
                LiveProps { body }
            }
        }

        impl Hook for UseBody<'_> {
            type Output = Html;

            fn run(self, ctx: &mut HookContext) -> Html {
                #[cfg(debug_assertions)]
                use_same_kind(self.0).run(ctx);
                match self.0 {
                    $(Body::$variant(props) => <$type as Widget>::body(props).run(ctx),)*
                }
            }
        }
    };
}

course_schema::for_each_kind!(bodies);

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

/// Checks, in debug builds, the invariant `UseBody` relies on: the kind a
/// widget mounted as is the kind of every later render.
#[cfg(debug_assertions)]
#[hook]
fn use_same_kind(body: &Body) {
    let kind = std::mem::discriminant(body);
    let mounted = use_mut_ref(|| kind);
    debug_assert!(
        *mounted.borrow() == kind,
        "a mounted widget changed kind, so its hooks would run out of order"
    );
}
