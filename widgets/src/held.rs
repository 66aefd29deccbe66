//! The widgets' state and effect hooks, named after Yew's and called as
//! `held::use_reducer` and `held::use_effect_with`: Yew's semantics, with
//! one copy of the hook machinery for every type held and every effect.
//!
//! Yew's hooks are generic over the state type (and an effect's over its
//! dependencies, closure and teardown), so each use compiled its own hook
//! state, dispatcher and bookkeeping into the bundle. Here the state lives
//! type-erased in one `use_mut_ref` slot and a change re-renders through
//! `use_force_update`; an effect is boxed and run by one `use_effect_with`
//! on a count of changes. Only a downcast, a comparison and a store are
//! compiled per type.

use std::any::Any;
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use yew::functional::{TearDown, use_force_update};
use yew::{Reducible, hook, use_mut_ref};

type Slot = Rc<RefCell<Option<Rc<dyn Any>>>>;
/// Asks Yew for the next render.
type Render = Rc<dyn Fn()>;

/// A value a widget keeps across renders. It derefs to the value this
/// render saw; `set` and `dispatch` change it and render again.
pub struct Held<T> {
    seen: Rc<T>,
    slot: Slot,
    render: Render,
}

impl<T> Clone for Held<T> {
    fn clone(&self) -> Self {
        Held {
            seen: self.seen.clone(),
            slot: self.slot.clone(),
            render: self.render.clone(),
        }
    }
}

impl<T> Deref for Held<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.seen
    }
}

#[hook]
fn use_slot() -> Slot {
    use_mut_ref(|| None)
}

#[hook]
fn use_render() -> Render {
    let update = use_force_update();
    Rc::new(move || update.force_update())
}

/// Yew's `use_reducer` (and `use_state`, which is one): `init` gives the
/// value of the first render; the handle `set`s a value or `dispatch`es an
/// action to a `Reducible` one.
#[hook]
pub fn use_reducer<T: 'static, F: FnOnce() -> T>(init: F) -> Held<T> {
    held(use_slot(), use_render(), init)
}

/// What `slot` holds, filled by `init` if it is empty; `render` asks for
/// the next render.
fn held<T: 'static>(slot: Slot, render: Render, init: impl FnOnce() -> T) -> Held<T> {
    let stored = slot
        .borrow_mut()
        .get_or_insert_with(|| Rc::new(init()))
        .clone();
    Held {
        seen: downcast(stored),
        slot,
        render,
    }
}

/// Each slot only ever holds the one type its hook call stores.
fn downcast<T: 'static>(stored: Rc<dyn Any>) -> Rc<T> {
    match stored.downcast() {
        Ok(value) => value,
        Err(_) => unreachable!("a held value changed type"),
    }
}

impl<T: 'static> Held<T> {
    /// Replaces the value and renders again.
    pub fn set(&self, value: T) {
        self.store(Rc::new(value));
    }

    fn store(&self, value: Rc<T>) {
        *self.slot.borrow_mut() = Some(value);
        (self.render)();
    }
}

impl<T: Reducible + 'static> Held<T> {
    /// Yew's reducer dispatch: the action applies to the latest value (not
    /// to the one this render saw), and an action that returns the same
    /// value renders nothing.
    pub fn dispatch(&self, action: T::Action) {
        let latest = self.slot.borrow().clone();
        let latest = latest.map_or_else(|| self.seen.clone(), downcast);
        let next = T::reduce(latest.clone(), action);
        if !Rc::ptr_eq(&latest, &next) {
            self.store(next);
        }
    }
}

/// Yew's `use_effect_with`: `effect` runs after the first render and after
/// every render whose `deps` differ from the last ones, and what it returns
/// tears down before the next run and when the widget goes.
#[hook]
pub fn use_effect_with<D, F, U>(deps: D, effect: F)
where
    D: PartialEq + 'static,
    F: FnOnce(&D) -> U + 'static,
    U: TearDown,
{
    let last = use_slot();
    let changes = use_mut_ref(|| 0u32);
    if changed(&last, &deps) {
        *changes.borrow_mut() += 1;
    }
    let deps = Rc::new(deps);
    *last.borrow_mut() = Some(deps.clone());
    let changes = *changes.borrow();
    use_boxed_effect(changes, boxed(deps, effect));
}

/// The effect on `deps`, boxed with its teardown, as Yew's effect hook runs
/// it: the outer call is the effect, the one it returns the teardown.
fn boxed<D: 'static, U: TearDown>(deps: Rc<D>, effect: impl FnOnce(&D) -> U + 'static) -> Effect {
    Box::new(move || {
        let undo = effect(&deps);
        Box::new(move || undo.tear_down())
    })
}

/// Whether `deps` differ from what `last` holds (or it holds nothing yet).
fn changed<D: PartialEq + 'static>(last: &Slot, deps: &D) -> bool {
    let last = last.borrow();
    last.as_ref().and_then(|last| last.downcast_ref::<D>()) != Some(deps)
}

type Effect = Box<dyn FnOnce() -> Box<dyn FnOnce()>>;

#[hook]
fn use_boxed_effect(changes: u32, effect: Effect) {
    yew::use_effect_with(changes, move |_| effect());
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// A slot as a hook call keeps it, and a render that counts itself.
    fn hook() -> (Slot, Render, Rc<Cell<u32>>) {
        let renders = Rc::new(Cell::new(0));
        let count = renders.clone();
        let render = Rc::new(move || count.set(count.get() + 1));
        (Rc::new(RefCell::new(None)), render, renders)
    }

    struct Count(u32);

    impl Reducible for Count {
        type Action = Option<u32>;

        fn reduce(self: Rc<Self>, add: Option<u32>) -> Rc<Self> {
            match add {
                Some(add) => Rc::new(Count(self.0 + add)),
                None => self,
            }
        }
    }

    #[test]
    fn the_first_render_initialises_and_later_ones_see_what_was_set() {
        let (slot, render, renders) = hook();
        let first = held(slot.clone(), render.clone(), || 1);
        let second = held(slot.clone(), render.clone(), || unreachable!());
        assert_eq!((*first, *second, renders.get()), (1, 1, 0));
        first.set(2);
        assert_eq!(renders.get(), 1);
        // A render's value stays what that render saw; the next render sees
        // the new one.
        assert_eq!(*first, 1);
        assert_eq!(*held(slot, render, || 0), 2);
    }

    #[test]
    fn dispatch_applies_to_the_latest_value_and_skips_a_render_for_no_change() {
        let (slot, render, renders) = hook();
        let stale = held(slot.clone(), render.clone(), || Count(0));
        // Two actions before any re-render, through the same handle: the
        // second must not undo the first.
        stale.dispatch(Some(2));
        stale.dispatch(Some(3));
        assert_eq!(renders.get(), 2);
        stale.dispatch(None);
        assert_eq!(renders.get(), 2);
        assert_eq!(held(slot, render, || Count(0)).0, 5);
    }

    #[test]
    fn an_effect_runs_again_only_when_its_dependencies_change() {
        let (last, _, _) = hook();
        assert!(changed(&last, &(1, "a")));
        *last.borrow_mut() = Some(Rc::new((1, "a")));
        assert!(!changed(&last, &(1, "a")));
        assert!(changed(&last, &(2, "a")));
    }

    #[test]
    fn an_effect_sees_its_dependencies_and_tears_down_once_when_told() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let (seen, undone) = (log.clone(), log.clone());
        let effect = boxed(Rc::new(7), move |deps: &i32| {
            seen.borrow_mut().push(format!("ran on {deps}"));
            move || undone.borrow_mut().push("torn down".to_string())
        });
        assert!(log.borrow().is_empty(), "boxing runs nothing");
        let teardown = effect();
        assert_eq!(*log.borrow(), ["ran on 7"]);
        teardown();
        assert_eq!(*log.borrow(), ["ran on 7", "torn down"]);
    }
}
