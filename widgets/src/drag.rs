//! Pointer dragging, shared by the ordering and sorting widgets.
//!
//! Pointer events serve mouse, pen and touch alike (HTML5 drag events do not
//! fire on most touch screens). The drag handle captures the pointer on
//! `pointerdown`, so every move and the release come back to it wherever the
//! pointer goes; the handle is the only element with `touch-action: none`,
//! so a finger on the rest of an item still scrolls the page. Nothing moves
//! in the DOM while a drag is under way (the item only follows the pointer
//! with a transform), so the capture holds until the drop.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, PointerEvent};
use yew::prelude::*;

use crate::held::Held;

/// How far a pointer must travel before a press becomes a drag.
const SLOP: f64 = 4.0;

/// A drag under way: which item, which pointer, how far it has gone, and
/// where a drop now would put the item (a position or a zone).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Drag {
    pub item: usize,
    pointer: i32,
    start: (f64, f64),
    pub offset: (f64, f64),
    pub target: Option<usize>,
}

impl Drag {
    /// A drag from a `pointerdown` on a handle (primary button, finger or
    /// pen); the handle captures the pointer and its item takes the focus.
    pub fn start(event: &PointerEvent, item: usize) -> Option<Drag> {
        if !event.is_primary() || event.button() != 0 {
            return None;
        }
        // No text selection, no emulated mouse events.
        event.prevent_default();
        let handle: Element = event.target_dyn_into()?;
        let _ = handle.set_pointer_capture(event.pointer_id());
        if let Some(owner) = handle
            .closest("[data-fr-item]")
            .ok()
            .flatten()
            .and_then(|owner| owner.dyn_into::<HtmlElement>().ok())
        {
            let _ = owner.focus();
        }
        Some(Drag {
            item,
            pointer: event.pointer_id(),
            start: on_page(event),
            offset: (0.0, 0.0),
            target: None,
        })
    }

    /// The drag after its pointer moved to `event`, or `None` if `event`
    /// belongs to another pointer.
    pub fn follow(&self, event: &PointerEvent) -> Option<Drag> {
        self.owns(event).then(|| {
            let (x, y) = on_page(event);
            Drag {
                offset: (x - self.start.0, y - self.start.1),
                ..*self
            }
        })
    }

    pub fn owns(&self, event: &PointerEvent) -> bool {
        event.pointer_id() == self.pointer
    }

    /// Whether the pointer has gone far enough to count as a drag.
    pub fn moving(&self) -> bool {
        // Squared, so the bundle needs no `hypot`.
        let (x, y) = self.offset;
        x * x + y * y >= SLOP * SLOP
    }

    /// The inline style that makes the item follow the pointer: along the
    /// list only, or (`free`) in both directions.
    pub fn style(&self, free: bool) -> Option<String> {
        // Whole pixels (pointer positions are whole anyway): printing an
        // `f64` would pull Rust's float printer into the bundle.
        let (x, y) = (self.offset.0 as i32, self.offset.1 as i32);
        self.moving().then(|| {
            if free {
                format!("transform: translate({x}px, {y}px)")
            } else {
                format!("transform: translateY({y}px)")
            }
        })
    }
}

/// Where a drop lands.
#[derive(Clone, Copy)]
pub enum Aim {
    /// At a position in a list: among the items other than the one in
    /// position `from`, where the dragged item came from.
    Between { from: Option<usize> },
    /// In the zone under the pointer.
    Into,
}

/// The drag handle of `item`: a press starts a drag, each move aims it, and
/// the release sends the target to `drop`. (One function for both widgets,
/// so the bundle holds one copy of the four listeners.)
pub fn handle(
    title: &'static str,
    item: usize,
    drag: &Held<Option<Drag>>,
    root: &NodeRef,
    aim: Aim,
    drop: Callback<usize>,
) -> Html {
    let current = **drag;
    let onpointerdown = {
        let drag = drag.clone();
        move |event: PointerEvent| {
            if let Some(started) = Drag::start(&event, item) {
                drag.set(Some(started));
            }
        }
    };
    let onpointermove = {
        let (drag, root) = (drag.clone(), root.clone());
        move |event: PointerEvent| {
            let Some(mut moved) = current.and_then(|d| d.follow(&event)) else {
                return;
            };
            scroll_near_edge(point(&event).1);
            let targets = targets(&root);
            moved.target = match aim {
                Aim::Between { from } => {
                    let others: Vec<Rect> = targets
                        .into_iter()
                        .filter(|&(at, _)| Some(at) != from)
                        .map(|(_, rect)| rect)
                        .collect();
                    Some(insertion(&others, point(&event).1))
                }
                Aim::Into => zone_at(&targets, point(&event)),
            };
            drag.set(Some(moved));
        }
    };
    let onpointerup = {
        let drag = drag.clone();
        move |event: PointerEvent| {
            if let Some(done) = current.filter(|d| d.owns(&event)) {
                drag.set(None);
                if let (true, Some(to)) = (done.moving(), done.target) {
                    drop.emit(to);
                }
            }
        }
    };
    let onpointercancel = {
        let drag = drag.clone();
        move |_: PointerEvent| drag.set(None)
    };
    html! {
        <span class="fr-handle" aria-hidden="true" {title}
            {onpointerdown} {onpointermove} {onpointerup} {onpointercancel}>{ "⠿" }</span>
    }
}

/// Near the top or bottom of the screen a drag scrolls the page, so that an
/// item reaches a bucket or a place below the fold. The drag measures in
/// page coordinates (`on_page`), so the item stays under the pointer as
/// the page moves.
fn scroll_near_edge(y: f64) {
    const EDGE: f64 = 56.0;
    let Some(window) = web_sys::window() else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|height| height.as_f64())
        .unwrap_or(0.0);
    let by = if y < EDGE {
        y - EDGE
    } else if y > height - EDGE {
        y - (height - EDGE)
    } else {
        return;
    };
    window.scroll_by_with_x_and_y(0.0, by);
}

/// Where the pointer is on the page, scrolling included.
fn on_page(event: &PointerEvent) -> (f64, f64) {
    (f64::from(event.page_x()), f64::from(event.page_y()))
}

pub fn point(event: &PointerEvent) -> (f64, f64) {
    (f64::from(event.client_x()), f64::from(event.client_y()))
}

/// A box in viewport pixels.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    pub fn contains(&self, (x, y): (f64, f64)) -> bool {
        (self.left..=self.right).contains(&x) && (self.top..=self.bottom).contains(&y)
    }

    pub fn middle(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

/// Every element under `root` that marks a drop target with
/// `data-fr-drop="<n>"`, with its `n` and its box, in document order.
pub fn targets(root: &NodeRef) -> Vec<(usize, Rect)> {
    let Some(root) = root.cast::<Element>() else {
        return Vec::new();
    };
    let Ok(list) = root.query_selector_all("[data-fr-drop]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|index| list.item(index)?.dyn_into::<Element>().ok())
        .filter_map(|element| {
            let value = element.get_attribute("data-fr-drop")?.parse().ok()?;
            let rect = element.get_bounding_client_rect();
            Some((
                value,
                Rect {
                    left: rect.left(),
                    top: rect.top(),
                    right: rect.right(),
                    bottom: rect.bottom(),
                },
            ))
        })
        .collect()
}

/// Where an item dropped at height `y` lands in a list: the number of the
/// other items (their boxes in order) whose middle lies above `y`.
pub fn insertion(others: &[Rect], y: f64) -> usize {
    others.iter().filter(|rect| rect.middle() < y).count()
}

/// The zone under the point, if any.
pub fn zone_at(zones: &[(usize, Rect)], at: (f64, f64)) -> Option<usize> {
    zones
        .iter()
        .find(|(_, rect)| rect.contains(at))
        .map(|(zone, _)| *zone)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(top: f64) -> Rect {
        Rect {
            left: 0.0,
            top,
            right: 100.0,
            bottom: top + 40.0,
        }
    }

    #[test]
    fn an_item_lands_after_the_items_whose_middle_it_passed() {
        let others = [row(0.0), row(50.0), row(100.0)];
        assert_eq!(insertion(&others, -30.0), 0);
        assert_eq!(insertion(&others, 19.0), 0);
        assert_eq!(insertion(&others, 21.0), 1);
        assert_eq!(insertion(&others, 75.0), 2);
        assert_eq!(insertion(&others, 500.0), 3);
    }

    #[test]
    fn a_point_finds_the_zone_it_is_in() {
        let zones = [(0, row(0.0)), (1, row(50.0))];
        assert_eq!(zone_at(&zones, (10.0, 60.0)), Some(1));
        assert_eq!(zone_at(&zones, (10.0, 45.0)), None, "between zones");
        assert_eq!(zone_at(&zones, (150.0, 10.0)), None, "beside them");
    }
}
