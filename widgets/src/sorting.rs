//! Sort items into buckets: drag an item by its handle onto a bucket, press
//! one of its "move to" buttons, or lift it with the keyboard and move it
//! between buckets with the arrow keys. Items start in an "Unsorted" area;
//! Check marks each item and shows why it belongs where it does.

use std::rc::Rc;

use course_schema::SortingExercise;
use yew::prelude::*;

use crate::arrange::{self, Command, Key, Phase};
use crate::drag::{self, Aim, Drag};
use crate::held;
use crate::json::json_saved;
use crate::progress;
use crate::rich::rich;
use crate::states::states;

pub type SortingProps = crate::props::ExerciseProps<SortingExercise>;

/// What the reader has done, as saved between visits: every item by id in
/// the order shown, with its bucket (by index; `None` while unsorted).
#[derive(Clone, PartialEq, Debug)]
pub struct Saved {
    pub items: Vec<(String, Option<usize>)>,
    pub phase: Phase,
}

json_saved!(Saved { items, phase });

/// The exercise as indices: each item's right bucket and the starting order.
#[derive(PartialEq, Debug)]
pub struct Puzzle {
    ids: Vec<String>,
    /// Each item's text without markup, for the live region.
    names: Vec<String>,
    /// "Unsorted", then each bucket's label without markup.
    zones: Vec<String>,
    /// Each item's right bucket.
    home: Vec<usize>,
    /// The shuffled order of the unsorted items at the start.
    start: Vec<usize>,
}

/// Zone 0 is the unsorted area, zone `b + 1` is bucket `b`.
fn zone(place: Option<usize>) -> usize {
    place.map_or(0, |bucket| bucket + 1)
}

impl Puzzle {
    pub fn new(exercise: &SortingExercise, id: &str) -> Puzzle {
        let ids: Vec<String> = exercise.items.iter().map(|item| item.id.clone()).collect();
        let home = ids
            .iter()
            .map(|id| {
                exercise
                    .buckets
                    .iter()
                    .position(|bucket| bucket.items.contains(id))
                    .unwrap_or(usize::MAX)
            })
            .collect();
        let zones = std::iter::once("Unsorted".to_string())
            .chain(
                exercise
                    .buckets
                    .iter()
                    .map(|bucket| arrange::plain_text(&bucket.label.0)),
            )
            .collect();
        Puzzle {
            names: exercise
                .items
                .iter()
                .map(|item| arrange::plain_text(&item.text.0))
                .collect(),
            start: arrange::shuffle(exercise.seed, id, ids.len()),
            ids,
            zones,
            home,
        }
    }

    pub fn right(&self, place: &[Option<usize>]) -> usize {
        place
            .iter()
            .zip(&self.home)
            .filter(|(place, home)| **place == Some(**home))
            .count()
    }

    /// A saved arrangement if it names every item once, nothing else, and
    /// only buckets that exist.
    pub fn restore(
        &self,
        saved: &[(String, Option<usize>)],
    ) -> Option<(Vec<usize>, Vec<Option<usize>>)> {
        let mut place = vec![None; self.ids.len()];
        let mut seen = vec![false; self.ids.len()];
        let mut order = Vec::with_capacity(saved.len());
        for (id, bucket) in saved {
            let item = self.ids.iter().position(|known| known == id)?;
            if std::mem::replace(&mut seen[item], true)
                || bucket.is_some_and(|b| b >= self.zones.len() - 1)
            {
                return None;
            }
            place[item] = *bucket;
            order.push(item);
        }
        (order.len() == self.ids.len()).then_some((order, place))
    }

    fn name(&self, item: usize) -> String {
        format!("Item '{}'", self.names[item])
    }
}

/// A lifted item and where it was, so Escape can put it back.
#[derive(Clone, PartialEq)]
struct Lift {
    item: usize,
    order: Vec<usize>,
    place: Option<usize>,
}

#[derive(Clone, PartialEq)]
struct State {
    puzzle: Rc<Puzzle>,
    /// Every item in the order shown; each zone lists its own in this order.
    order: Vec<usize>,
    place: Vec<Option<usize>>,
    phase: Phase,
    lifted: Option<Lift>,
    /// The item that holds the widget's one Tab stop among its items.
    active: Option<usize>,
    message: String,
    /// A selector (under the widget) to focus after this change.
    focus: Option<String>,
    changes: u32,
}

enum Action {
    Key(usize, Key),
    /// A "move to" button: the item and the zone.
    MoveTo(usize, usize),
    /// A pointer drop: the item and the zone.
    Place(usize, usize),
    Command(Command),
}

impl State {
    fn new(puzzle: Rc<Puzzle>, saved: Option<Saved>) -> State {
        let fresh = || {
            (
                puzzle.start.clone(),
                vec![None; puzzle.ids.len()],
                Phase::Working,
            )
        };
        let (order, place, phase) = saved
            .and_then(|saved| {
                let (order, place) = puzzle.restore(&saved.items)?;
                Some((order, place, saved.phase))
            })
            .unwrap_or_else(fresh);
        State {
            puzzle,
            order,
            place,
            phase,
            lifted: None,
            active: None,
            message: String::new(),
            focus: None,
            changes: 0,
        }
    }

    fn zone_of(&self, item: usize) -> usize {
        zone(self.place[item])
    }

    /// Every item in the order the page shows them: zone by zone.
    fn shown(&self) -> Vec<usize> {
        (0..self.puzzle.zones.len())
            .flat_map(|zone| {
                self.order
                    .iter()
                    .copied()
                    .filter(move |&item| self.zone_of(item) == zone)
            })
            .collect()
    }

    /// Puts `item` last in `to` (clamped to the zones there are).
    fn move_to(&mut self, item: usize, to: usize) -> usize {
        let to = to.min(self.puzzle.zones.len().saturating_sub(1));
        if to != self.zone_of(item) {
            self.place[item] = to.checked_sub(1);
            self.order.retain(|&other| other != item);
            self.order.push(item);
        }
        to
    }

    fn say(&mut self, item: usize, verb: &str) {
        self.message = format!(
            "{} {verb} {}.",
            self.puzzle.name(item),
            self.puzzle.zones[self.zone_of(item)]
        );
    }

    fn apply(&mut self, action: Action) {
        let working = self.phase == Phase::Working;
        let last = self.puzzle.zones.len().saturating_sub(1);
        match action {
            Action::Key(item, key) if working => {
                self.focus = Some(item_selector(item));
                self.active = Some(item);
                let lifted = self.lifted.as_ref().filter(|lift| lift.item == item);
                match (key, lifted) {
                    (Key::Step(_) | Key::End(_), None) => {
                        let shown = self.shown();
                        let at = shown.iter().position(|&i| i == item).unwrap_or(0);
                        let to = shown[arrange::roam(at, shown.len(), key)];
                        self.active = Some(to);
                        self.focus = Some(item_selector(to));
                    }
                    (Key::Toggle, None) => {
                        self.lifted = Some(Lift {
                            item,
                            order: self.order.clone(),
                            place: self.place[item],
                        });
                        self.say(item, "lifted, in");
                        self.message.push_str(
                            " Arrow keys move it between the buckets, Space or Enter drops it, Escape cancels.",
                        );
                    }
                    (Key::Toggle, Some(_)) => {
                        self.lifted = None;
                        self.say(item, "dropped in");
                    }
                    (Key::Cancel, Some(lift)) => {
                        let lift = lift.clone();
                        self.lifted = None;
                        self.order = lift.order;
                        self.place[item] = lift.place;
                        self.say(item, "put back in");
                    }
                    (Key::Step(by), Some(_)) => {
                        let from = self.zone_of(item);
                        let to = from.saturating_add_signed(by);
                        if self.move_to(item, to) == from {
                            self.say(item, "stays in");
                        } else {
                            self.say(item, "moved to");
                        }
                    }
                    (Key::End(end), Some(_)) => {
                        self.move_to(item, if end { last } else { 0 });
                        self.say(item, "moved to");
                    }
                    _ => {}
                }
            }
            Action::MoveTo(item, to) if working => {
                self.lifted = None;
                self.active = Some(item);
                self.focus = Some(item_selector(item));
                self.move_to(item, to);
                self.say(item, "moved to");
            }
            Action::Place(item, to) if working => {
                self.lifted = None;
                self.active = Some(item);
                self.focus = Some(item_selector(item));
                self.move_to(item, to);
                self.say(item, "dropped in");
            }
            Action::Command(command) => {
                self.lifted = None;
                let count = self.order.len();
                match command {
                    Command::Check => {
                        self.phase = Phase::Checked;
                        let right = self.puzzle.right(&self.place);
                        self.message = if right == count {
                            format!(
                                "Check: {right} of {count} sorted correctly. Correct, well done."
                            )
                        } else {
                            format!(
                                "Check: {right} of {count} sorted correctly. The marks and reasons are under each item."
                            )
                        };
                        self.focus = Some(".fr-status".into());
                    }
                    Command::TryAgain => {
                        self.phase = Phase::Working;
                        self.message = "Marks cleared: move the items and check again.".into();
                        self.focus = Some("[data-fr-item]".into());
                    }
                    Command::Show => {
                        self.phase = Phase::Shown;
                        self.place = self.puzzle.home.iter().map(|&home| Some(home)).collect();
                        self.message =
                            "Answer shown: every item is in its bucket, each with its reason."
                                .into();
                        self.focus = Some(".fr-status".into());
                    }
                    Command::Reset => {
                        self.phase = Phase::Working;
                        self.order = self.puzzle.start.clone();
                        self.place = vec![None; count];
                        self.message = "Reset: every item is unsorted again.".into();
                        self.focus = Some("[data-fr-item]".into());
                    }
                }
            }
            _ => {}
        }
    }

    fn saved(&self) -> Option<Saved> {
        let untouched = self.order == self.puzzle.start
            && self.place.iter().all(Option::is_none)
            && self.phase == Phase::Working;
        (!untouched).then(|| Saved {
            items: self
                .order
                .iter()
                .map(|&item| (self.puzzle.ids[item].clone(), self.place[item]))
                .collect(),
            phase: self.phase,
        })
    }
}

fn item_selector(item: usize) -> String {
    format!("[data-fr-item=\"{item}\"]")
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.focus = None;
        next.changes = next.changes.wrapping_add(1);
        next.apply(action);
        Rc::new(next)
    }
}

impl crate::live::Widget for SortingExercise {
    type Props = SortingProps;

    fn props(id: String, version: String, exercise: Self) -> SortingProps {
        SortingProps::new(id, version, exercise)
    }

    fn body(props: &SortingProps) -> impl yew::functional::Hook<Output = Html> + '_ {
        use_sorting(props)
    }
}

#[hook]
pub fn use_sorting(props: &SortingProps) -> Html {
    let exercise = &props.exercise;
    let state = {
        let (exercise, id, key) = (
            exercise.clone(),
            props.id.clone(),
            props.storage_key.clone(),
        );
        held::use_reducer(move || {
            let puzzle = Rc::new(Puzzle::new(&exercise, &id));
            State::new(puzzle, progress::load::<Saved>(&key))
        })
    };
    let drag = held::use_reducer(|| None::<Drag>);
    let root = use_node_ref();

    {
        let key = props.storage_key.clone();
        let done =
            state.phase == Phase::Checked && state.puzzle.right(&state.place) == state.order.len();
        // `done` is not a dependency: it changes only with the phase, which
        // the saved state holds.
        held::use_effect_with(state.saved(), move |saved| {
            match saved {
                Some(saved) => progress::save(&key, saved),
                None => progress::clear(&key),
            }
            if done {
                progress::done(&key);
            }
        });
    }
    {
        let (root, focus) = (root.clone(), state.focus.clone());
        held::use_effect_with(state.changes, move |_| {
            if let Some(selector) = focus {
                arrange::focus_in(&root, &selector);
            }
        });
    }

    let puzzle = &state.puzzle;
    let working = state.phase == Phase::Working;
    let count = state.order.len();
    let correct = puzzle.right(&state.place) == count;
    let command = {
        let state = state.clone();
        Callback::from(move |command| state.dispatch(Action::Command(command)))
    };
    let current = *drag;
    let over = current
        .filter(Drag::moving)
        .and_then(|d| d.target.filter(|&to| to != state.zone_of(d.item)));
    let hint_id = format!("fr-{}-hint", props.id);
    let state_active = state.active;
    let first_shown = state.shown().first().copied().unwrap_or(0);
    let label = |zone: usize| -> Html {
        match zone.checked_sub(1) {
            Some(bucket) => rich(&exercise.buckets[bucket].label),
            None => html! { "Unsorted" },
        }
    };

    let render_item = |item: usize| -> Html {
        let here = state.zone_of(item);
        let lifted = state.lifted.as_ref().is_some_and(|lift| lift.item == item);
        let dragged = current.filter(|d| d.item == item && d.moving());
        let right = state.place[item] == Some(puzzle.home[item]);
        let verdict = (!working).then(|| {
            let home = exercise
                .buckets
                .get(puzzle.home[item])
                .map(|bucket| &bucket.label);
            let (state, mark, place) = match (right, here) {
                (true, _) => ("right", "Right bucket", None),
                (false, 0) => ("wrong", "Not sorted: it belongs in ", home),
                (false, _) => ("wrong", "Belongs in ", home),
            };
            arrange::verdict(state, mark, place, None, &exercise.items[item].why)
        });
        let onkeydown = {
            let state = state.clone();
            move |event: KeyboardEvent| {
                if let Some(key) = arrange::item_key(&event, lifted) {
                    state.dispatch(Action::Key(item, key));
                }
            }
        };
        let moves = (1..puzzle.zones.len()).filter(|&to| to != here).map(|to| {
            let state = state.clone();
            html! {
                <button type="button" class="fr-button fr-to" tabindex="-1" data-fr-to={to.to_string()}
                    aria-label={format!("Move to {}", puzzle.zones[to])}
                    onclick={move |_: MouseEvent| state.dispatch(Action::MoveTo(item, to))}>
                    { label(to) }
                </button>
            }
        });
        let place = {
            let state = state.clone();
            Callback::from(move |to| {
                if to != here {
                    state.dispatch(Action::Place(item, to));
                }
            })
        };
        let state = states(&[
            (lifted, "lifted"),
            (dragged.is_some(), "dragging"),
            (!working && right, "in-place"),
            (!working && !right, "out-of-place"),
        ]);
        html! {
            <li key={puzzle.ids[item].clone()} class="fr-item" data-state={state} data-fr-item={item.to_string()}
                style={dragged.and_then(|d| d.style(true))}
                tabindex={working.then(|| arrange::tab_stop(state_active, item, item == first_shown))}
                data-fr-keys={working.then_some(arrange::ITEM_KEYS)}
                aria-describedby={working.then(|| hint_id.clone())} {onkeydown}>
                if working {
                    { drag::handle("Drag to a bucket", item, &drag, &root, Aim::Into, place) }
                }
                <span class="fr-item-text">{ rich(&exercise.items[item].text) }</span>
                if working {
                    <span class="fr-move-to">
                        <span class="fr-move-label" aria-hidden="true">{ "Move to" }</span>
                        { for moves }
                    </span>
                }
                { for verdict }
            </li>
        }
    };

    let zones = (0..puzzle.zones.len()).map(|zone| {
        let items: Vec<usize> = state
            .order
            .iter()
            .copied()
            .filter(|&item| state.zone_of(item) == zone)
            .collect();
        if zone == 0 && items.is_empty() && !working {
            // Nothing left to sort and nothing to drop: no empty box.
            return Html::default();
        }
        let label_id = format!("fr-{}-zone-{zone}", props.id);
        let state = states(&[(zone == 0, "unsorted"), (over == Some(zone), "over")]);
        html! {
            <div class="fr-zone" data-state={state} data-fr-drop={zone.to_string()}>
                <p class="fr-zone-label" id={label_id.clone()}>{ label(zone) }</p>
                if items.is_empty() {
                    <p class="fr-empty">{ if zone == 0 { "Every item is sorted." } else { "Nothing here yet." } }</p>
                } else {
                    <ul class="fr-items" aria-labelledby={label_id}>
                        { for items.into_iter().map(render_item) }
                    </ul>
                }
            </div>
        }
    });

    let prompt_id = format!("fr-{}-prompt", props.id);
    html! {
        <section class="fr-sorting" data-result={state.phase.result(correct)}
            aria-labelledby={prompt_id.clone()} ref={root.clone()}>
            <div class="fr-prompt" id={prompt_id}>{ rich(&exercise.prompt) }</div>
            if working {
                <p class="fr-hint" id={hint_id.clone()}>
                    { "Drag an item by its handle onto a bucket or press one of its buttons. By keyboard, the arrow keys go from item to item; Space lifts the focused item, the arrow keys move it between buckets and Space drops it (Escape cancels)." }
                </p>
            }
            <div class="fr-zones">{ for zones }</div>
            // The verdict comes before the buttons, so that from it, where
            // Check sends focus, Try again is one Tab away.
            <p class="fr-status" role="status" aria-live="polite" tabindex="-1">{ state.message.clone() }</p>
            { arrange::actions(state.phase, correct, &command) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use course_schema::{Bucket, Rich, SortingItem};

    fn exercise() -> SortingExercise {
        let item = |id: &str| SortingItem {
            id: id.into(),
            text: Rich(format!("<code>{id}</code>")),
            why: Rich(format!("<p>Why {id}.</p>")),
        };
        SortingExercise {
            prompt: Rich("<p>Which tags must the action fire?</p>".into()),
            seed: 1,
            buckets: vec![
                Bucket {
                    label: Rich("Must fire".into()),
                    items: vec!["org".into(), "removed".into()],
                },
                Bucket {
                    label: Rich("Leave alone".into()),
                    items: vec!["list".into(), "admin".into()],
                },
            ],
            items: ["list", "org", "admin", "removed"].map(item).to_vec(),
        }
    }

    fn saved(items: &[(&str, Option<usize>)], phase: Phase) -> Saved {
        Saved {
            items: items
                .iter()
                .map(|(id, bucket)| (id.to_string(), *bucket))
                .collect(),
            phase,
        }
    }

    #[test]
    fn saved_arrangements_that_do_not_fit_are_refused() {
        let puzzle = Puzzle::new(&exercise(), "fan-out");
        let good = saved(
            &[
                ("org", Some(0)),
                ("list", None),
                ("admin", Some(1)),
                ("removed", None),
            ],
            Phase::Working,
        );
        let (order, place) = puzzle.restore(&good.items).unwrap();
        assert_eq!(order, vec![1, 0, 2, 3]);
        assert_eq!(place, vec![None, Some(0), Some(1), None]);
        for bad in [
            saved(&[("org", Some(0))], Phase::Working),
            saved(
                &[
                    ("org", Some(2)),
                    ("list", None),
                    ("admin", None),
                    ("removed", None),
                ],
                Phase::Working,
            ),
            saved(
                &[
                    ("org", None),
                    ("org", None),
                    ("admin", None),
                    ("removed", None),
                ],
                Phase::Working,
            ),
            saved(
                &[
                    ("who", None),
                    ("list", None),
                    ("admin", None),
                    ("removed", None),
                ],
                Phase::Working,
            ),
            // The largest bucket number there is: no wrap-around to bucket 0.
            saved(
                &[
                    ("org", Some(usize::MAX)),
                    ("list", None),
                    ("admin", None),
                    ("removed", None),
                ],
                Phase::Working,
            ),
        ] {
            assert!(puzzle.restore(&bad.items).is_none(), "{bad:?}");
            let state = State::new(Rc::new(Puzzle::new(&exercise(), "fan-out")), Some(bad));
            assert_eq!(state.saved(), None, "starts fresh");
        }
    }

    #[test]
    fn keys_and_buttons_move_items_between_zones() {
        let puzzle = Rc::new(Puzzle::new(&exercise(), "fan-out"));
        let mut state = State::new(puzzle.clone(), None);
        let org = 1;
        state.apply(Action::Key(org, Key::Toggle));
        assert_eq!(
            state.message,
            "Item 'org' lifted, in Unsorted. Arrow keys move it between the buckets, Space or Enter drops it, Escape cancels."
        );
        state.apply(Action::Key(org, Key::Step(1)));
        assert_eq!(state.message, "Item 'org' moved to Must fire.");
        state.apply(Action::Key(org, Key::Step(1)));
        state.apply(Action::Key(org, Key::Step(1)));
        assert_eq!(state.message, "Item 'org' stays in Leave alone.");
        state.apply(Action::Key(org, Key::Cancel));
        assert_eq!(state.message, "Item 'org' put back in Unsorted.");
        assert_eq!(state.order, puzzle.start, "Escape restores the order too");
        state.apply(Action::Key(org, Key::Toggle));
        state.apply(Action::Key(org, Key::End(true)));
        state.apply(Action::Key(org, Key::Step(-1)));
        state.apply(Action::Key(org, Key::Toggle));
        assert_eq!(state.message, "Item 'org' dropped in Must fire.");
        assert_eq!(state.place[org], Some(0));
        assert_eq!(*state.order.last().unwrap(), org);

        state.apply(Action::MoveTo(0, 2));
        assert_eq!(state.message, "Item 'list' moved to Leave alone.");
        assert_eq!(state.focus.as_deref(), Some("[data-fr-item=\"0\"]"));
        state.apply(Action::Place(2, 1));
        assert_eq!(state.message, "Item 'admin' dropped in Must fire.");
        state.apply(Action::Command(Command::Check));
        assert_eq!(
            state.message,
            "Check: 2 of 4 sorted correctly. The marks and reasons are under each item."
        );
        assert_eq!(
            state.phase.result(puzzle.right(&state.place) == 4),
            Some("incorrect")
        );
        state.apply(Action::MoveTo(2, 2));
        assert_eq!(state.place[2], Some(0), "checked items stay put");
        state.apply(Action::Command(Command::TryAgain));
        state.apply(Action::MoveTo(2, 2));
        state.apply(Action::MoveTo(3, 1));
        state.apply(Action::Command(Command::Check));
        assert_eq!(
            state.message,
            "Check: 4 of 4 sorted correctly. Correct, well done."
        );
        state.apply(Action::Command(Command::Reset));
        assert_eq!(state.saved(), None);
    }

    async fn render(initial: Option<Saved>) -> String {
        let props = SortingProps::new("fan-out".into(), "v1".into(), exercise());
        // Where a reader left off, as the widget finds it on a later visit.
        if let Some(saved) = initial {
            crate::progress::save(&props.storage_key, &saved);
        }
        yew::LocalServerRenderer::<crate::live::Live>::with_props(props.into())
            .hydratable(false)
            .render()
            .await
    }

    #[tokio::test]
    async fn a_fresh_widget_has_every_item_unsorted() {
        let html = render(None).await;
        assert_eq!(html.matches("class=\"fr-item\"").count(), 4, "{html}");
        assert_eq!(html.matches("aria-label=\"Move to Must fire\"").count(), 4);
        assert_eq!(html.matches("Nothing here yet.").count(), 2);
        assert!(html.contains("data-fr-drop=\"0\"") && html.contains("data-fr-drop=\"2\""));
        assert!(!html.contains("data-result") && !html.contains("fr-why"));
    }

    #[tokio::test]
    async fn a_checked_attempt_says_where_each_item_belongs() {
        let html = render(Some(saved(
            &[
                ("org", Some(0)),
                ("list", Some(0)),
                ("admin", Some(1)),
                ("removed", None),
            ],
            Phase::Checked,
        )))
        .await;
        assert!(html.contains("data-result=\"incorrect\""), "{html}");
        assert_eq!(html.matches("<strong>Right bucket: </strong>").count(), 2);
        assert!(html.contains("<strong>Belongs in Leave alone: </strong><p>Why list.</p>"));
        assert!(html.contains("<strong>Not sorted: it belongs in Must fire: </strong>"));
        assert!(html.contains(">Try again</button>") && !html.contains("fr-handle"));
        assert!(!html.contains("Every item is sorted."));
    }

    #[tokio::test]
    async fn a_correct_check_has_a_correct_result() {
        let html = render(Some(saved(
            &[
                ("org", Some(0)),
                ("list", Some(1)),
                ("admin", Some(1)),
                ("removed", Some(0)),
            ],
            Phase::Checked,
        )))
        .await;
        assert!(html.contains("data-result=\"correct\""), "{html}");
        assert!(!html.contains("unsorted"), "no empty unsorted box");
        assert_eq!(html.matches("Right bucket").count(), 4);
    }
}
