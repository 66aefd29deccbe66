//! What the ordering and sorting widgets share besides dragging: the phases
//! of an attempt, the seeded shuffle, the action buttons, focus, and the
//! plain-text names the live region speaks.

use course_schema::Rich;

use crate::json::{Error, FromJson, ToJson, Value, Writer, named};
use crate::markup::Markup;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Where an attempt stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Phase {
    /// The reader is arranging; nothing is marked.
    #[default]
    Working,
    /// Check marked every item; arranging waits for Try again.
    Checked,
    /// Show answer arranged everything correctly, with every reason.
    Shown,
}

impl FromJson for Phase {
    fn from_json(value: Value) -> Result<Self, Error> {
        named(
            value,
            "phase",
            &[Phase::Working, Phase::Checked, Phase::Shown],
            Phase::key,
        )
    }
}

impl ToJson for Phase {
    fn to_json(&self, out: &mut Writer) {
        out.text(self.key());
    }
}

impl Phase {
    fn key(self) -> &'static str {
        match self {
            Phase::Working => "working",
            Phase::Checked => "checked",
            Phase::Shown => "shown",
        }
    }

    /// The widget root's `data-result`: only a Check gives one.
    pub fn result(self, correct: bool) -> Option<&'static str> {
        (self == Phase::Checked).then_some(if correct { "correct" } else { "incorrect" })
    }
}

/// The buttons under an exercise.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Command {
    Check,
    TryAgain,
    Show,
    Reset,
}

pub fn actions(phase: Phase, correct: bool, on: &Callback<Command>) -> Html {
    let emit = |command: Command| {
        let on = on.clone();
        move |_: MouseEvent| on.emit(command)
    };
    html! {
        <div class="fr-actions">
            if phase == Phase::Working {
                <button type="button" class="fr-button fr-primary fr-check"
                    onclick={emit(Command::Check)}>{ "Check" }</button>
            }
            if phase == Phase::Checked && !correct {
                <button type="button" class="fr-button fr-primary fr-try"
                    onclick={emit(Command::TryAgain)}>{ "Try again" }</button>
            }
            if phase == Phase::Working || phase == Phase::Checked && !correct {
                <button type="button" class="fr-button fr-show"
                    onclick={emit(Command::Show)}>{ "Show answer" }</button>
            }
            <button type="button" class="fr-button fr-reset" onclick={emit(Command::Reset)}>{ "Reset" }</button>
        </div>
    }
}

/// Where focus goes from `at` in a list of `count` items for a key that
/// moves focus (no item lifted): one step along, or to an end.
pub fn roam(at: usize, count: usize, key: Key) -> usize {
    let last = count.saturating_sub(1);
    match key {
        Key::Step(by) => at.saturating_add_signed(by).min(last),
        Key::End(true) => last,
        _ => 0,
    }
}

/// An item's `tabindex`: the list is one Tab stop, the item focus was last
/// on (or the first, `active` being `None`), and the arrows move within it.
pub fn tab_stop(active: Option<usize>, item: usize, first: bool) -> &'static str {
    if active.map_or(first, |active| active == item) {
        "0"
    } else {
        "-1"
    }
}

/// An item's mark after Check: `state` (`right` or `wrong`), the mark in
/// words (`mark`, then the rich text `place` when it names one), a note on
/// where the item sits when it is out of place, and the item's reason.
pub fn verdict(
    state: &str,
    mark: &str,
    place: Option<&Rich>,
    note: Option<&str>,
    why: &Rich,
) -> Html {
    let mut markup = Markup::default();
    markup
        .open(
            "div",
            &[("class", Some("fr-why")), ("data-state", Some(state))],
        )
        .open("strong", &[])
        .text(mark);
    if let Some(place) = place {
        markup.trusted(&place.0);
    }
    markup.text(": ").close("strong");
    if let Some(note) = note {
        markup.element("p", &[("class", Some("fr-crossed"))], note);
    }
    markup.trusted(&why.0).close("div");
    markup.html()
}

/// A fixed shuffle of `0..count`, different for each exercise id and seed.
pub fn shuffle(seed: u64, id: &str, count: usize) -> Vec<usize> {
    // FNV-1a of the id, mixed with the seed, drives a splitmix64 stream.
    let mut state = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    }) ^ seed;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut order: Vec<usize> = (0..count).collect();
    for end in (1..count).rev() {
        let pick = (next() % (end as u64 + 1)) as usize;
        order.swap(end, pick);
    }
    order
}

/// The text of build-time HTML, for the live region and for labels.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_entities(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The five entities pulldown-cmark writes, decoded in one pass: a `&` of
/// anything else stays as it is. (One pass, not a `str::replace` for each,
/// keeps core's substring searcher out of the bundle.)
fn decode_entities(text: &str) -> String {
    const ENTITIES: [(&str, char); 5] = [
        ("lt;", '<'),
        ("gt;", '>'),
        ("quot;", '"'),
        ("#39;", '\''),
        ("amp;", '&'),
    ];
    let mut pieces = text.split('&');
    let mut decoded = String::from(pieces.next().unwrap_or_default());
    for piece in pieces {
        let entity = ENTITIES
            .iter()
            .find_map(|(name, c)| Some((*c, piece.strip_prefix(name)?)));
        let (c, rest) = entity.unwrap_or(('&', piece));
        decoded.push(c);
        decoded.push_str(rest);
    }
    decoded
}

/// Focuses the first element under `root` that matches `selector`.
pub fn focus_in(root: &NodeRef, selector: &str) {
    if let Some(element) = root
        .cast::<Element>()
        .and_then(|root| root.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// The keys a focused item handles, for the loader (see `data-fr-keys`):
/// all the hint mentions, lifted or not (an arrow on an item that is not
/// lifted moves focus along the list, so it must not turn the page).
pub const ITEM_KEYS: &str = "arrows ends select";

/// What a key does to a focused item.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Key {
    /// Space or Enter: lift, or drop when lifted.
    Toggle,
    Cancel,
    /// Up or Left (-1), Down or Right (+1): moves a lifted item, or focus
    /// to the next item when none is lifted.
    Step(isize),
    /// Home (`false`) or End (`true`), likewise.
    End(bool),
}

/// The meaning of `key` for an item, or `None` when the item lets it pass.
pub fn key(key: &str, lifted: bool) -> Option<Key> {
    match (key, lifted) {
        (" " | "Enter", _) => Some(Key::Toggle),
        ("Escape", true) => Some(Key::Cancel),
        ("ArrowUp" | "ArrowLeft", _) => Some(Key::Step(-1)),
        ("ArrowDown" | "ArrowRight", _) => Some(Key::Step(1)),
        ("Home", _) => Some(Key::End(false)),
        ("End", _) => Some(Key::End(true)),
        _ => None,
    }
}

/// `key` for a keydown on an item itself (`data-fr-item`); keys on the
/// buttons inside an item are the buttons' own.
pub fn item_key(event: &KeyboardEvent, lifted: bool) -> Option<Key> {
    let on_item = event
        .target_dyn_into::<Element>()
        .is_some_and(|target| target.has_attribute("data-fr-item"));
    let found = key(&event.key(), lifted).filter(|_| on_item)?;
    event.prevent_default();
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shuffle_is_fixed_per_id_and_seed() {
        let a = shuffle(7, "ordering-transaction", 6);
        assert_eq!(a, shuffle(7, "ordering-transaction", 6));
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..6).collect::<Vec<_>>(), "a permutation");
        assert!(
            (0..20).any(|seed| shuffle(seed, "ordering-transaction", 6) != a),
            "the seed changes it"
        );
        assert!(shuffle(1, "x", 0).is_empty());
        assert_eq!(shuffle(1, "x", 1), vec![0]);
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        assert_eq!(
            plain_text("<p>Call <code>updateTag(a &amp; b)</code>\n  &lt;now&gt;</p>"),
            "Call updateTag(a & b) <now>"
        );
        assert_eq!(plain_text("it&#39;s &quot;done&quot;"), "it's \"done\"");
        assert_eq!(
            plain_text("&amp;lt; is how &lt; is written; R&D &copy; stay"),
            "&lt; is how < is written; R&D &copy; stay"
        );
    }

    #[test]
    fn keys_lift_move_and_drop_only_as_they_should() {
        assert_eq!(key(" ", false), Some(Key::Toggle));
        assert_eq!(key("Enter", true), Some(Key::Toggle));
        assert_eq!(
            key("ArrowRight", false),
            Some(Key::Step(1)),
            "arrows move along the list, never turn the page"
        );
        assert_eq!(key("ArrowDown", true), Some(Key::Step(1)));
        assert_eq!(key("ArrowLeft", true), Some(Key::Step(-1)));
        assert_eq!(key("End", true), Some(Key::End(true)));
        assert_eq!(key("Escape", false), None);
        assert_eq!(key("Escape", true), Some(Key::Cancel));
        assert_eq!(key("s", true), None, "search still opens");
    }

    #[test]
    fn only_a_check_sets_a_result() {
        assert_eq!(Phase::Checked.result(true), Some("correct"));
        assert_eq!(Phase::Checked.result(false), Some("incorrect"));
        assert_eq!(Phase::Shown.result(true), None);
        assert_eq!(Phase::Working.result(true), None);
    }
}
