//! Put steps in order: drag a step by its handle, lift it with the keyboard
//! and move it with the arrow keys, or use its Move up / Move down buttons.
//! Check marks every step in or out of place and shows why it goes where it
//! goes; a group of interchangeable steps is right in any order.

use std::rc::Rc;

use course_schema::{OrderingExercise, Slot};
use yew::prelude::*;

use crate::arrange::{self, Command, Key, Phase};
use crate::drag::{self, Aim, Drag};
use crate::held;
use crate::json::json_saved;
use crate::progress;
use crate::rich::rich;
use crate::states::states;

pub type OrderingProps = crate::props::ExerciseProps<OrderingExercise>;

/// What the reader has done, as saved between visits: the steps by id in
/// their current order, and the phase.
#[derive(Clone, PartialEq, Debug)]
pub struct Saved {
    pub order: Vec<String>,
    pub phase: Phase,
}

json_saved!(Saved { order, phase });

/// The exercise as positions: what Check compares, and where it starts.
#[derive(PartialEq, Debug)]
pub struct Puzzle {
    /// Each step's text without markup, for the live region.
    names: Vec<String>,
    ids: Vec<String>,
    /// The answer slot of each step (by step index).
    slot_of: Vec<usize>,
    /// One correct order: the answer with each group as written.
    solved: Vec<usize>,
    /// The shuffled starting order, never a correct one.
    start: Vec<usize>,
}

impl Puzzle {
    pub fn new(exercise: &OrderingExercise, id: &str) -> Puzzle {
        let ids: Vec<String> = exercise.steps.iter().map(|step| step.id.clone()).collect();
        let mut slot_of = vec![usize::MAX; ids.len()];
        let mut solved = Vec::new();
        for (slot, entry) in exercise.answer.iter().enumerate() {
            let members = match entry {
                Slot::One(id) => std::slice::from_ref(id),
                Slot::Group(ids) => ids.as_slice(),
            };
            for member in members {
                if let Some(step) = ids.iter().position(|id| id == member) {
                    slot_of[step] = slot;
                    solved.push(step);
                }
            }
        }
        let mut puzzle = Puzzle {
            names: exercise
                .steps
                .iter()
                .map(|step| arrange::plain_text(&step.text.0))
                .collect(),
            ids,
            slot_of,
            solved,
            start: Vec::new(),
        };
        let mut start = arrange::shuffle(exercise.seed, id, puzzle.ids.len());
        // Rotating a solved order by one puts a first-slot step last, which
        // is out of place whenever the answer has two slots or more.
        for _ in 0..start.len() {
            if !puzzle.correct(&start) {
                break;
            }
            start.rotate_left(1);
        }
        puzzle.start = start;
        puzzle
    }

    /// The steps `position`'s step is out of order with: those above it
    /// that the answer puts after it, then those below it that the answer
    /// puts before it. A step is graded by these order relations, not by
    /// the slot its position happens to have: a step after `redirect()`
    /// never runs, wherever the slots line up.
    pub fn crossed(&self, order: &[usize], position: usize) -> (Vec<usize>, Vec<usize>) {
        let slot = |step: usize| self.slot_of.get(step).copied().unwrap_or(usize::MAX);
        let Some(&step) = order.get(position) else {
            return (Vec::new(), Vec::new());
        };
        let (above, below) = order.split_at(position);
        let after_it = above
            .iter()
            .copied()
            .filter(|&other| slot(other) > slot(step));
        let before_it = below[1..]
            .iter()
            .copied()
            .filter(|&other| slot(other) < slot(step));
        (after_it.collect(), before_it.collect())
    }

    /// Whether the step at `position` of `order` is in place: in order with
    /// every other step.
    pub fn in_place(&self, order: &[usize], position: usize) -> bool {
        let (late, early) = self.crossed(order, position);
        position < order.len() && late.is_empty() && early.is_empty()
    }

    /// Why the step at `position` is out of place, in words true of where it
    /// is; `None` when it is in place.
    fn out_of_place(&self, order: &[usize], position: usize) -> Option<String> {
        let (late, early) = self.crossed(order, position);
        let names = |steps: &[usize]| {
            let quoted: Vec<String> = steps
                .iter()
                .map(|&step| format!("“{}”", self.names[step]))
                .collect();
            quoted.join(" and ")
        };
        let mut why = String::new();
        if !late.is_empty() {
            why = format!("It sits below {}, which must come after it.", names(&late));
        }
        if !early.is_empty() {
            if !why.is_empty() {
                why.push(' ');
            }
            why.push_str(&format!(
                "It sits above {}, which must come before it.",
                names(&early)
            ));
        }
        (!why.is_empty()).then_some(why)
    }

    pub fn placed(&self, order: &[usize]) -> usize {
        (0..order.len())
            .filter(|&position| self.in_place(order, position))
            .count()
    }

    pub fn correct(&self, order: &[usize]) -> bool {
        self.placed(order) == self.ids.len()
    }

    /// A saved order if it names every step once and nothing else.
    pub fn restore(&self, saved: &[String]) -> Option<Vec<usize>> {
        let order: Vec<usize> = saved
            .iter()
            .map(|id| self.ids.iter().position(|known| known == id))
            .collect::<Option<_>>()?;
        let mut seen = vec![false; self.ids.len()];
        for &step in &order {
            if std::mem::replace(&mut seen[step], true) {
                return None;
            }
        }
        (order.len() == self.ids.len()).then_some(order)
    }

    fn name(&self, step: usize) -> String {
        format!("Step '{}'", self.names[step])
    }
}

/// The widget's state: the order and phase, a lifted step, and what to say
/// and focus after the latest change.
#[derive(Clone, PartialEq)]
struct State {
    puzzle: Rc<Puzzle>,
    order: Vec<usize>,
    phase: Phase,
    /// The lifted step and the position it was lifted from.
    lifted: Option<(usize, usize)>,
    /// The step that holds the list's one Tab stop.
    active: Option<usize>,
    message: String,
    /// A selector (under the widget) to focus after this change.
    focus: Option<String>,
    /// Counts changes, so the same focus request is honoured twice.
    changes: u32,
}

enum Action {
    Key(usize, Key),
    /// A Move up / Move down button: the step, by how much, which button.
    Nudge(usize, isize, &'static str),
    /// A pointer drop: the step and its new position.
    Place(usize, usize),
    Command(Command),
}

fn move_step(order: &mut Vec<usize>, from: usize, to: usize) {
    let step = order.remove(from);
    order.insert(to, step);
}

fn item(step: usize) -> String {
    format!("[data-fr-item=\"{step}\"]")
}

impl State {
    fn new(puzzle: Rc<Puzzle>, saved: Option<Saved>) -> State {
        let (order, phase) = saved
            .and_then(|saved| Some((puzzle.restore(&saved.order)?, saved.phase)))
            .unwrap_or_else(|| (puzzle.start.clone(), Phase::Working));
        State {
            puzzle,
            order,
            phase,
            lifted: None,
            active: None,
            message: String::new(),
            focus: None,
            changes: 0,
        }
    }

    fn position(&self, step: usize) -> usize {
        self.order.iter().position(|&s| s == step).unwrap_or(0)
    }

    /// Moves `step` to `to` (clamped) and says where it went.
    fn shift(&mut self, step: usize, to: isize, verb: &str) {
        let last = self.order.len().saturating_sub(1);
        let from = self.position(step);
        let to = to.clamp(0, last as isize) as usize;
        move_step(&mut self.order, from, to);
        let name = self.puzzle.name(step);
        self.message = match (from == to, verb) {
            (true, "moved to") if to == 0 => format!("{name} is already first."),
            (true, "moved to") => format!("{name} is already last."),
            _ => format!("{name} {verb} position {} of {}.", to + 1, last + 1),
        };
    }

    fn apply(&mut self, action: Action) {
        let working = self.phase == Phase::Working;
        match action {
            Action::Key(step, key) if working => {
                self.focus = Some(item(step));
                self.active = Some(step);
                let lifted = self.lifted.filter(|&(s, _)| s == step);
                match (key, lifted) {
                    (Key::Step(_) | Key::End(_), None) => {
                        let to = arrange::roam(self.position(step), self.order.len(), key);
                        self.active = Some(self.order[to]);
                        self.focus = Some(item(self.order[to]));
                    }
                    (Key::Toggle, None) => {
                        let from = self.position(step);
                        self.lifted = Some((step, from));
                        self.message = format!(
                            "{} lifted, position {} of {}. Arrow keys move it, Space or Enter drops it, Escape cancels.",
                            self.puzzle.name(step),
                            from + 1,
                            self.order.len()
                        );
                    }
                    (Key::Toggle, Some(_)) => {
                        self.lifted = None;
                        let to = self.position(step) as isize;
                        self.shift(step, to, "dropped at");
                    }
                    (Key::Cancel, Some((_, from))) => {
                        self.lifted = None;
                        self.shift(step, from as isize, "put back at");
                    }
                    (Key::Step(by), Some(_)) => {
                        self.shift(step, self.position(step) as isize + by, "moved to");
                    }
                    (Key::End(last), Some(_)) => {
                        let to = if last { isize::MAX } else { 0 };
                        self.shift(step, to, "moved to");
                    }
                    _ => {}
                }
            }
            Action::Nudge(step, by, button) if working => {
                self.lifted = None;
                self.active = Some(step);
                self.focus = Some(format!("{} .{button}", item(step)));
                self.shift(step, self.position(step) as isize + by, "moved to");
            }
            Action::Place(step, to) if working => {
                self.lifted = None;
                self.active = Some(step);
                self.focus = Some(item(step));
                self.shift(step, to as isize, "dropped at");
            }
            Action::Command(command) => {
                self.lifted = None;
                let count = self.order.len();
                match command {
                    Command::Check => {
                        self.phase = Phase::Checked;
                        let placed = self.puzzle.placed(&self.order);
                        self.message = if placed == count {
                            format!("Check: {placed} of {count} in place. Correct, well done.")
                        } else {
                            format!(
                                "Check: {placed} of {count} in place. The marks and reasons are under each step."
                            )
                        };
                        self.focus = Some(".fr-status".into());
                    }
                    Command::TryAgain => {
                        self.phase = Phase::Working;
                        self.message = "Marks cleared: reorder the steps and check again.".into();
                        self.focus = Some("[data-fr-item]".into());
                    }
                    Command::Show => {
                        self.phase = Phase::Shown;
                        self.order = self.puzzle.solved.clone();
                        self.message =
                            "Answer shown: the steps are in a correct order, each with its reason."
                                .into();
                        self.focus = Some(".fr-status".into());
                    }
                    Command::Reset => {
                        self.phase = Phase::Working;
                        self.order = self.puzzle.start.clone();
                        self.message = "Reset: the steps are back in their starting order.".into();
                        self.focus = Some("[data-fr-item]".into());
                    }
                }
            }
            _ => {}
        }
    }

    fn saved(&self) -> Option<Saved> {
        (self.order != self.puzzle.start || self.phase != Phase::Working).then(|| Saved {
            order: self
                .order
                .iter()
                .map(|&step| self.puzzle.ids[step].clone())
                .collect(),
            phase: self.phase,
        })
    }
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

impl crate::live::Widget for OrderingExercise {
    type Props = OrderingProps;

    fn props(id: String, version: String, exercise: Self) -> OrderingProps {
        OrderingProps::new(id, version, exercise)
    }

    fn body(props: &OrderingProps) -> impl yew::functional::Hook<Output = Html> + '_ {
        use_ordering(props)
    }
}

#[hook]
pub fn use_ordering(props: &OrderingProps) -> Html {
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
        let done = state.phase == Phase::Checked && state.puzzle.correct(&state.order);
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
    let correct = puzzle.correct(&state.order);
    let count = state.order.len();
    let command = {
        let state = state.clone();
        Callback::from(move |command| state.dispatch(Action::Command(command)))
    };
    let current = *drag;
    let from = current.map(|d| state.position(d.item));
    let hint_id = format!("fr-{}-hint", props.id);
    let active = state.active;

    let steps = state.order.iter().enumerate().map(|(position, &step)| {
        let lifted = state.lifted.is_some_and(|(s, _)| s == step);
        let dragged = current.filter(|d| d.item == step && d.moving());
        let drop_mark = match (current.filter(Drag::moving).and_then(|d| d.target), from) {
            (Some(target), Some(from)) if target == position && target < from => "drop-above",
            (Some(target), Some(from)) if target == position && target > from => "drop-below",
            _ => "",
        };
        let crossed = (!working)
            .then(|| puzzle.out_of_place(&state.order, position))
            .flatten();
        let in_place = crossed.is_none();
        let verdict = (!working).then(|| {
            let (state, mark) = if in_place {
                ("right", "In place")
            } else {
                ("wrong", "Out of place")
            };
            arrange::verdict(state, mark, None, crossed.as_deref(), &exercise.steps[step].why)
        });
        let onkeydown = {
            let state = state.clone();
            move |event: KeyboardEvent| {
                if let Some(key) = arrange::item_key(&event, lifted) {
                    state.dispatch(Action::Key(step, key));
                }
            }
        };
        let nudge = |by: isize, class: &'static str| {
            let state = state.clone();
            move |_: MouseEvent| state.dispatch(Action::Nudge(step, by, class))
        };
        let place = {
            let state = state.clone();
            Callback::from(move |to| state.dispatch(Action::Place(step, to)))
        };
        let state = states(&[
            (lifted, "lifted"),
            (dragged.is_some(), "dragging"),
            (!drop_mark.is_empty(), drop_mark),
            (!working && in_place, "in-place"),
            (!working && !in_place, "out-of-place"),
        ]);
        html! {
            <li key={puzzle.ids[step].clone()} class="fr-step" data-state={state} data-fr-item={step.to_string()}
                data-fr-drop={position.to_string()} style={dragged.and_then(|d| d.style(false))}
                tabindex={working.then(|| arrange::tab_stop(active, step, position == 0))}
                data-fr-keys={working.then_some(arrange::ITEM_KEYS)}
                aria-describedby={working.then(|| hint_id.clone())} {onkeydown}>
                if working {
                    { drag::handle("Drag to reorder", step, &drag, &root, Aim::Between { from }, place) }
                }
                <span class="fr-position" aria-hidden="true">{ position + 1 }</span>
                <div class="fr-step-text">{ rich(&exercise.steps[step].text) }</div>
                if working {
                    <span class="fr-moves">
                        <button type="button" class="fr-button fr-up" tabindex="-1" aria-label="Move up" title="Move up"
                            aria-disabled={(position == 0).then_some("true")} onclick={nudge(-1, "fr-up")}>{ "↑" }</button>
                        <button type="button" class="fr-button fr-down" tabindex="-1" aria-label="Move down" title="Move down"
                            aria-disabled={(position + 1 == count).then_some("true")} onclick={nudge(1, "fr-down")}>{ "↓" }</button>
                    </span>
                }
                { for verdict }
            </li>
        }
    });

    let prompt_id = format!("fr-{}-prompt", props.id);
    html! {
        <section class="fr-ordering" data-result={state.phase.result(correct)}
            aria-labelledby={prompt_id.clone()} ref={root.clone()}>
            <div class="fr-prompt" id={prompt_id.clone()}>{ rich(&exercise.prompt) }</div>
            if working {
                <p class="fr-hint" id={hint_id.clone()}>
                    { "Drag a step by its handle or use its arrow buttons. By keyboard, the arrow keys go from step to step; Space lifts the focused step, the arrow keys move it and Space drops it (Escape cancels)." }
                </p>
            }
            <ol class="fr-steps" aria-labelledby={prompt_id}>{ for steps }</ol>
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
    use course_schema::{OrderingStep, Rich};

    fn exercise() -> OrderingExercise {
        let step = |id: &str, text: &str| OrderingStep {
            id: id.into(),
            text: Rich(format!("<p>{text}</p>")),
            why: Rich(format!("<p>Why {id}.</p>")),
        };
        OrderingExercise {
            prompt: Rich("<p>Order the tail of the action.</p>".into()),
            answer: vec![
                Slot::One("write".into()),
                Slot::One("commit".into()),
                Slot::Group(vec!["list".into(), "record".into()]),
                Slot::One("redirect".into()),
            ],
            seed: 3,
            steps: vec![
                step("redirect", "Redirect"),
                step("list", "<code>updateTag(list)</code>"),
                step("write", "Write"),
                step("record", "<code>updateTag(record)</code>"),
                step("commit", "The transaction commits"),
            ],
        }
    }

    fn order(puzzle: &Puzzle, ids: &[&str]) -> Vec<usize> {
        puzzle
            .restore(&ids.iter().map(|id| id.to_string()).collect::<Vec<_>>())
            .unwrap()
    }

    #[test]
    fn either_order_of_a_group_is_correct() {
        let puzzle = Puzzle::new(&exercise(), "tail");
        let one = order(&puzzle, &["write", "commit", "list", "record", "redirect"]);
        let other = order(&puzzle, &["write", "commit", "record", "list", "redirect"]);
        assert!(puzzle.correct(&one) && puzzle.correct(&other));
        let early = order(&puzzle, &["write", "list", "commit", "record", "redirect"]);
        assert!(!puzzle.correct(&early));
        assert_eq!(puzzle.placed(&early), 3);
        assert!(
            !puzzle.in_place(&early, 1),
            "an updateTag before the commit"
        );
        assert!(
            !puzzle.in_place(&early, 2),
            "the commit in the group's place"
        );
        assert!(puzzle.in_place(&early, 3), "either group member fits there");
        assert!(puzzle.correct(&puzzle.solved));
    }

    #[test]
    fn a_step_after_the_redirect_is_never_in_place() {
        let puzzle = Puzzle::new(&exercise(), "tail");
        let late = order(&puzzle, &["write", "commit", "redirect", "record", "list"]);
        assert_eq!(puzzle.placed(&late), 2, "only the write and the commit");
        assert!(
            !puzzle.in_place(&late, 3),
            "the record tag after the redirect"
        );
        assert_eq!(
            puzzle.out_of_place(&late, 3).as_deref(),
            Some("It sits below “Redirect”, which must come after it.")
        );
        assert_eq!(
            puzzle.out_of_place(&late, 2).as_deref(),
            Some(
                "It sits above “updateTag(record)” and “updateTag(list)”, which must come before it."
            )
        );
        assert_eq!(puzzle.out_of_place(&late, 1), None);
    }

    #[test]
    fn the_start_is_fixed_and_never_solved() {
        let a = Puzzle::new(&exercise(), "tail");
        assert_eq!(a.start, Puzzle::new(&exercise(), "tail").start);
        for seed in 0..200 {
            let mut exercise = exercise();
            exercise.seed = seed;
            let puzzle = Puzzle::new(&exercise, "tail");
            assert!(!puzzle.correct(&puzzle.start), "seed {seed}");
            assert_eq!(puzzle.start.len(), 5);
        }
        // Two steps have only one wrong order: it must be the one chosen.
        let mut two = exercise();
        two.steps.truncate(2);
        two.answer = vec![Slot::One("list".into()), Slot::One("redirect".into())];
        for seed in 0..20 {
            two.seed = seed;
            let puzzle = Puzzle::new(&two, "two");
            assert_eq!(puzzle.start, vec![0, 1], "redirect first, seed {seed}");
        }
    }

    #[test]
    fn saved_orders_that_do_not_fit_are_refused() {
        let puzzle = Puzzle::new(&exercise(), "tail");
        let ids = |ids: &[&str]| ids.iter().map(|id| id.to_string()).collect::<Vec<_>>();
        assert!(
            puzzle
                .restore(&ids(&["write", "commit", "list", "record", "redirect"]))
                .is_some()
        );
        assert!(
            puzzle
                .restore(&ids(&["write", "commit", "list", "record"]))
                .is_none(),
            "a step missing"
        );
        assert!(
            puzzle
                .restore(&ids(&["write", "commit", "list", "list", "redirect"]))
                .is_none(),
            "a step twice"
        );
        assert!(
            puzzle
                .restore(&ids(&["write", "commit", "list", "record", "gone"]))
                .is_none(),
            "an unknown step"
        );
        let state = State::new(
            Rc::new(puzzle),
            Some(Saved {
                order: ids(&["nope"]),
                phase: Phase::Checked,
            }),
        );
        assert_eq!(state.phase, Phase::Working, "stale progress starts fresh");
        assert_eq!(state.saved(), None);
    }

    #[test]
    fn the_keyboard_lifts_moves_drops_and_cancels() {
        let puzzle = Rc::new(Puzzle::new(&exercise(), "tail"));
        let mut state = State::new(puzzle.clone(), None);
        state.order = order(&puzzle, &["write", "list", "commit", "record", "redirect"]);
        let commit = 4;
        state.apply(Action::Key(commit, Key::Toggle));
        assert_eq!(
            state.message,
            "Step 'The transaction commits' lifted, position 3 of 5. Arrow keys move it, Space or Enter drops it, Escape cancels."
        );
        state.apply(Action::Key(commit, Key::Step(-1)));
        assert_eq!(
            state.message,
            "Step 'The transaction commits' moved to position 2 of 5."
        );
        assert_eq!(state.focus.as_deref(), Some("[data-fr-item=\"4\"]"));
        state.apply(Action::Key(commit, Key::Toggle));
        assert_eq!(
            state.message,
            "Step 'The transaction commits' dropped at position 2 of 5."
        );
        assert!(puzzle.correct(&state.order));

        state.apply(Action::Key(commit, Key::Toggle));
        state.apply(Action::Key(commit, Key::End(true)));
        assert_eq!(state.position(commit), 4);
        state.apply(Action::Key(commit, Key::Step(1)));
        assert_eq!(
            state.message,
            "Step 'The transaction commits' is already last."
        );
        state.apply(Action::Key(commit, Key::Cancel));
        assert_eq!(
            state.message,
            "Step 'The transaction commits' put back at position 2 of 5."
        );
        assert!(puzzle.correct(&state.order) && state.lifted.is_none());

        state.apply(Action::Key(commit, Key::Step(1)));
        assert!(puzzle.correct(&state.order), "arrows do nothing unlifted");
        state.apply(Action::Nudge(2, -1, "fr-up"));
        assert_eq!(state.message, "Step 'Write' is already first.");
        state.apply(Action::Nudge(2, 1, "fr-down"));
        assert_eq!(state.message, "Step 'Write' moved to position 2 of 5.");
        assert_eq!(
            state.focus.as_deref(),
            Some("[data-fr-item=\"2\"] .fr-down")
        );
        state.apply(Action::Command(Command::Check));
        assert_eq!(
            state.message,
            "Check: 3 of 5 in place. The marks and reasons are under each step."
        );
        state.apply(Action::Nudge(2, -1, "fr-up"));
        assert_eq!(state.position(2), 1, "checked steps stay put");
        state.apply(Action::Command(Command::Show));
        assert!(puzzle.correct(&state.order) && state.phase == Phase::Shown);
        state.apply(Action::Command(Command::Reset));
        assert_eq!(state.order, puzzle.start);
        assert_eq!(state.saved(), None, "a reset forgets the progress");
    }

    async fn render(initial: Option<Saved>) -> String {
        let props = OrderingProps::new("tail".into(), "v1".into(), exercise());
        // Where a reader left off, as the widget finds it on a later visit.
        if let Some(saved) = initial {
            crate::progress::save(&props.storage_key, &saved);
        }
        yew::LocalServerRenderer::<crate::live::Live>::with_props(props.into())
            .hydratable(false)
            .render()
            .await
    }

    fn saved(ids: &[&str], phase: Phase) -> Option<Saved> {
        Some(Saved {
            order: ids.iter().map(|id| id.to_string()).collect(),
            phase,
        })
    }

    #[tokio::test]
    async fn a_fresh_widget_is_shuffled_and_unmarked() {
        let html = render(None).await;
        assert_eq!(html.matches("class=\"fr-step\"").count(), 5, "{html}");
        assert_eq!(
            html.matches("tabindex=\"0\"").count(),
            1,
            "the list is one Tab stop: {html}"
        );
        assert_eq!(
            html.matches("data-fr-keys=\"arrows ends select\"").count(),
            5,
            "every item keeps the keys its hint names"
        );
        assert_eq!(html.matches(">Move").count(), 0, "icon buttons");
        assert_eq!(html.matches("aria-label=\"Move up\"").count(), 5);
        assert_eq!(html.matches("class=\"fr-handle\"").count(), 5, "{html}");
        assert!(html.contains(">Check</button>") && html.contains(">Show answer</button>"));
        assert!(
            !html.contains("data-result") && !html.contains("fr-why"),
            "{html}"
        );
        assert!(html.contains("role=\"status\" aria-live=\"polite\""));
    }

    #[tokio::test]
    async fn a_checked_attempt_marks_every_step_and_freezes_them() {
        let html = render(saved(
            &["write", "list", "commit", "record", "redirect"],
            Phase::Checked,
        ))
        .await;
        assert!(html.contains("data-result=\"incorrect\""), "{html}");
        assert_eq!(html.matches("<strong>In place: </strong>").count(), 3);
        assert_eq!(html.matches("<strong>Out of place: </strong>").count(), 2);
        assert!(html.contains("<p>Why commit.</p>"));
        assert!(!html.contains("fr-handle") && !html.contains("tabindex=\"0\""));
        assert!(html.contains(">Try again</button>") && !html.contains(">Check</button>"));
    }

    #[tokio::test]
    async fn a_correct_check_in_the_other_group_order_leaves_only_reset() {
        let html = render(saved(
            &["write", "commit", "record", "list", "redirect"],
            Phase::Checked,
        ))
        .await;
        assert!(html.contains("data-result=\"correct\""), "{html}");
        assert_eq!(html.matches("In place: ").count(), 5);
        assert!(html.contains(">Reset</button>") && !html.contains(">Try again</button>"));
    }
}
