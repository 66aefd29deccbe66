//! Step through code one seam at a time: each step highlights its lines and
//! shows its caption; Previous / Next, the step list, and the arrow keys
//! (Left / Right, Home / End) move between steps.
//!
//! A walkthrough has no right or wrong answer, so the root carries
//! `data-result="complete"` once the reader has reached the last step (and
//! keeps it when they go back), and no `data-result` before. The current step
//! is saved.
//!
//! Syntax colouring comes from mdBook's own highlight.js (`window.hljs`),
//! asked once after mount for the whole code's HTML, which is then cut into
//! lines here (spans that cross a line break are closed and reopened), so
//! Yew keeps owning every node and re-renders only the line classes.

use std::rc::Rc;

use course_schema::{LineRange, WalkthroughExercise, parse_lines};
use yew::prelude::*;

use crate::held;
use crate::json::json_saved;
use crate::progress;
use crate::rich::rich;
use crate::states::states;
use crate::steps::Move;

pub struct WalkthroughProps {
    pub id: AttrValue,
    pub storage_key: AttrValue,
    pub exercise: Rc<WalkthroughExercise>,
    /// Each step's line ranges, parsed once.
    pub ranges: Rc<Vec<Vec<LineRange>>>,
}

/// As [`crate::props::ExerciseProps`]: the storage key holds the content
/// version, and the ranges come from the exercise.
impl PartialEq for WalkthroughProps {
    fn eq(&self, other: &Self) -> bool {
        self.storage_key == other.storage_key
    }
}

impl WalkthroughProps {
    pub fn new(id: String, version: String, exercise: WalkthroughExercise) -> Self {
        let storage_key = crate::progress::key(&id, &version);
        // The preprocessor refused unparsable ranges; should one slip
        // through, its step highlights nothing rather than failing.
        let ranges = exercise
            .steps
            .iter()
            .map(|step| parse_lines(&step.lines).unwrap_or_default())
            .collect();
        WalkthroughProps {
            id: id.into(),
            storage_key: storage_key.into(),
            exercise: Rc::new(exercise),
            ranges: Rc::new(ranges),
        }
    }
}

/// Where the reader is, as saved between visits.
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub struct Position {
    /// The current step, from 0.
    pub step: usize,
    /// Whether the reader has reached the last step at some point.
    pub complete: bool,
}

json_saved!(Position { step, complete });

impl Position {
    /// The position after `how`, kept within the `count` steps.
    pub fn after(self, how: Move, count: usize) -> Position {
        let step = how.from(self.step, count);
        Position {
            step,
            complete: self.complete || (count > 0 && step + 1 == count),
        }
    }

    /// A saved position is usable when its step exists.
    pub fn fits(self, count: usize) -> bool {
        self.step < count
    }
}

/// The arrow, Home and End keys' moves.
pub fn key_move(key: &str) -> Option<Move> {
    match key {
        "ArrowLeft" => Some(Move::Previous),
        "ArrowRight" => Some(Move::Next),
        "Home" => Some(Move::First),
        "End" => Some(Move::Last),
        _ => None,
    }
}

/// Whether 1-based `line` is in one of `ranges`.
pub fn highlighted(ranges: &[LineRange], line: usize) -> bool {
    ranges.iter().any(|range| range.contains(line))
}

/// The code as the preprocessor counted its lines.
pub fn code_lines(code: &str) -> Vec<&str> {
    code.trim_end_matches('\n').lines().collect()
}

/// "lines 3-5 and 9", "line 4".
pub fn describe_lines(ranges: &[LineRange]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|range| {
            if range.first == range.last {
                range.first.to_string()
            } else {
                format!("{}-{}", range.first, range.last)
            }
        })
        .collect();
    let single = ranges.len() == 1 && ranges[0].first == ranges[0].last;
    let noun = if single { "line" } else { "lines" };
    match parts.as_slice() {
        [] => "no lines".to_string(),
        [one] => format!("{noun} {one}"),
        [rest @ .., last] => format!("{noun} {} and {last}", rest.join(", ")),
    }
}

/// Cuts highlighted HTML (text, entities, `<span …>` and `</span>`, as
/// highlight.js writes it) into lines, closing the spans open at each line
/// break and reopening them on the next line, so each line stands alone.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn split_highlighted(html: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(['<', '\n']) {
        line.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('\n') {
            line.extend(open.iter().map(|_| "</span>"));
            lines.push(std::mem::take(&mut line));
            line.extend(open.iter().copied());
            rest = &rest[1..];
        } else {
            let end = rest.find('>').map_or(rest.len(), |end| end + 1);
            let tag = &rest[..end];
            if tag.starts_with("</") {
                open.pop();
            } else if !tag.ends_with("/>") {
                open.push(tag);
            }
            line.push_str(tag);
            rest = &rest[end..];
        }
    }
    line.push_str(rest);
    lines.push(line);
    lines
}

/// The code's lines coloured by mdBook's highlight.js, when the page has it
/// and it knows the language; `None` leaves the code plain.
#[cfg(target_arch = "wasm32")]
fn colour(code: &str, language: &str) -> Option<Vec<String>> {
    use js_sys::{Function, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    let get = |target: &JsValue, name: &str| Reflect::get(target, &JsValue::from_str(name)).ok();
    let hljs = get(&web_sys::window()?.into(), "hljs").filter(JsValue::is_object)?;
    let known: Function = get(&hljs, "getLanguage")?.dyn_into().ok()?;
    if known.call1(&hljs, &language.into()).ok()?.is_falsy() {
        return None;
    }
    let highlight: Function = get(&hljs, "highlight")?.dyn_into().ok()?;
    // highlight.js 10.7 and later take (code, options); mdBook's 10.1 takes
    // (language, code, ignoreIllegals). `highlightElement` came with the change.
    let modern = get(&hljs, "highlightElement").is_some_and(|f| f.is_function());
    let result = if modern {
        let options = Object::new();
        Reflect::set(&options, &"language".into(), &language.into()).ok()?;
        Reflect::set(&options, &"ignoreIllegals".into(), &true.into()).ok()?;
        highlight.call2(&hljs, &code.into(), &options)
    } else {
        highlight.call3(&hljs, &language.into(), &code.into(), &true.into())
    }
    .ok()?;
    let html = get(&result, "value")?.as_string()?;
    Some(split_highlighted(&html))
}

#[cfg(not(target_arch = "wasm32"))]
fn colour(_code: &str, _language: &str) -> Option<Vec<String>> {
    None
}

impl crate::live::Widget for WalkthroughExercise {
    type Props = WalkthroughProps;

    fn props(id: String, version: String, exercise: Self) -> WalkthroughProps {
        WalkthroughProps::new(id, version, exercise)
    }

    fn body(props: &WalkthroughProps) -> impl yew::functional::Hook<Output = Html> + '_ {
        use_walkthrough(props)
    }
}

#[hook]
pub fn use_walkthrough(props: &WalkthroughProps) -> Html {
    let exercise = &props.exercise;
    let count = exercise.steps.len();
    let key = props.storage_key.clone();
    let position = {
        let key = key.clone();
        held::use_reducer(move || match progress::load::<Position>(&key) {
            Some(saved) if saved.fits(count) => saved,
            Some(_) => {
                progress::clear(&key);
                Position::default()
            }
            None => Position::default(),
        })
    };
    let coloured = held::use_reducer(|| None::<Rc<Vec<String>>>);
    {
        let coloured = coloured.clone();
        let exercise = exercise.clone();
        held::use_effect_with((), move |_| {
            let lines = code_lines(&exercise.code).len();
            let text = code_lines(&exercise.code).join("\n");
            if let Some(html) = colour(&text, &exercise.language)
                && html.len() == lines
            {
                coloured.set(Some(Rc::new(html)));
            }
        });
    }

    let on_reset = {
        let position = position.clone();
        let key = key.clone();
        Callback::from(move |_: MouseEvent| {
            progress::clear(&key);
            position.set(Position::default());
        })
    };
    let go = {
        let position = position.clone();
        Callback::from(move |how: Move| {
            let next = position.after(how, count);
            if next != *position {
                progress::keep(&key, &next, next == Position::default());
                if next.complete {
                    progress::done(&key);
                }
                position.set(next);
            }
        })
    };
    let on_key = {
        let go = go.clone();
        Callback::from(move |event: KeyboardEvent| {
            let plain = crate::keys::unmodified(&event);
            if let Some(how) = key_move(&event.key()).filter(|_| plain) {
                event.prevent_default();
                go.emit(how);
            }
        })
    };
    view(View {
        id: &props.id,
        exercise,
        ranges: &props.ranges,
        position: *position,
        coloured: coloured.as_deref().map(Vec::as_slice),
        on_move: go,
        on_key,
        on_reset,
    })
}

/// Everything the widget shows, from its state: the component wires the
/// callbacks, tests render any state directly.
struct View<'a> {
    id: &'a str,
    exercise: &'a WalkthroughExercise,
    ranges: &'a [Vec<LineRange>],
    position: Position,
    coloured: Option<&'a [String]>,
    on_move: Callback<Move>,
    on_key: Callback<KeyboardEvent>,
    on_reset: Callback<MouseEvent>,
}

fn view(view: View<'_>) -> Html {
    let View {
        id,
        exercise,
        ranges,
        position,
        ..
    } = view;
    let count = exercise.steps.len();
    let step = position.step.min(count.saturating_sub(1));
    let current: &[LineRange] = ranges.get(step).map_or(&[], Vec::as_slice);
    let prompt_id = format!("fr-{id}-prompt");
    let where_now = describe_lines(current);

    let code = code_lines(&exercise.code);
    let lines = code.iter().enumerate().map(|(index, text)| {
        let number = index + 1;
        let on = highlighted(current, number);
        let starts = on && !highlighted(current, number - 1);
        let ends = on && !highlighted(current, number + 1);
        let content = match view.coloured.and_then(|lines| lines.get(index)) {
            Some(html) => Html::from_html_unchecked(AttrValue::from(html.clone())),
            None => html! { { *text } },
        };
        html! {
            <span class="fr-line" data-state={states(&[(on, "on"), (starts, "range-start"), (ends, "range-end")])}
                aria-current={on.then_some("true")}>
                <span class="fr-line-number" aria-hidden="true">{ number }</span>
                if starts {
                    <span class="fr-sr">{ "Highlighted: " }</span>
                }
                <span class="fr-line-text">{ content }</span>
                if ends {
                    <span class="fr-sr">{ " End of highlight." }</span>
                }
            </span>
        }
    });

    let steps = exercise.steps.iter().enumerate().map(|(index, item)| {
        let onclick = view.on_move.reform(move |_: MouseEvent| Move::To(index));
        let is_current = index == step;
        html! {
            <li>
                <button type="button" class="fr-button fr-step"
                    aria-current={is_current.then_some("step")} {onclick}>
                    { format!("{}. Lines {}: {}", index + 1, item.lines, gist(&item.caption)) }
                </button>
            </li>
        }
    });

    let at_first = step == 0;
    let at_last = step + 1 >= count;
    let previous = view.on_move.reform(|_: MouseEvent| Move::Previous);
    let next = view.on_move.reform(|_: MouseEvent| Move::Next);
    let caption = exercise.steps.get(step).map(|item| rich(&item.caption));
    let title = format!("Step {} of {count}: {where_now}", step + 1);

    html! {
        <section class="fr-walkthrough" data-result={position.complete.then_some("complete")}
            aria-labelledby={prompt_id.clone()} data-fr-keys="arrows ends" onkeydown={view.on_key}>
            <div class="fr-prompt" id={prompt_id}>{ rich(&exercise.prompt) }</div>
            <div class="fr-code" tabindex="0" role="region"
                aria-label={format!("Code, {where_now} highlighted. Left and Right arrows change step.")}>
                <pre><code class="hljs" data-language={exercise.language.clone()}>{ for lines }</code></pre>
            </div>
            <div class="fr-walk-nav">
                <button type="button" class="fr-button" aria-disabled={at_first.then_some("true")}
                    onclick={previous}>{ "Previous" }</button>
                <span class="fr-counter">{ format!("{} / {count}", step + 1) }</span>
                <button type="button" class="fr-button fr-primary" aria-disabled={at_last.then_some("true")}
                    onclick={next}>{ "Next" }</button>
            </div>
            <div class="fr-caption" role="status" aria-live="polite" aria-atomic="true">
                <p class="fr-caption-title"><strong>{ title }</strong></p>
                { for caption }
            </div>
            <ol class="fr-steps" aria-label="Every step of the walkthrough">{ for steps }</ol>
            <div class="fr-actions">
                <button type="button" class="fr-button fr-reset" onclick={view.on_reset}>{ "Reset" }</button>
            </div>
        </section>
    }
}

/// A caption's first sentence, so that each step in the list says what it
/// shows and not only which lines.
fn gist(caption: &course_schema::Rich) -> String {
    let text = crate::arrange::plain_text(&caption.0);
    let end = text
        .char_indices()
        .find(|&(at, c)| c == '.' && text[at + 1..].starts_with(' '))
        .map_or(text.len(), |(at, _)| at + 1);
    text[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use course_schema::{Rich, WalkthroughStep};

    const CODE: &str = "const a = 1;\nconst b = 2;\n\nexport function f() {\n  return a + b;\n}\n";

    fn exercise() -> WalkthroughExercise {
        let step = |lines: &str, caption: &str| WalkthroughStep {
            lines: lines.into(),
            caption: Rich(format!("<p>{caption}</p>")),
        };
        WalkthroughExercise {
            prompt: Rich("<p>Read the code.</p>".into()),
            language: "ts".into(),
            code: CODE.into(),
            steps: vec![
                step("1-2", "Two constants."),
                step("4-6", "A function."),
                step("5, 1", "It adds them."),
            ],
        }
    }

    fn render(position: Position, coloured: Option<&[String]>) -> Html {
        let props = WalkthroughProps::new("walk".into(), "v1".into(), exercise());
        let exercise = exercise();
        view(View {
            id: "walk",
            exercise: &exercise,
            ranges: &props.ranges,
            position,
            coloured,
            on_move: Callback::noop(),
            on_key: Callback::noop(),
            on_reset: Callback::noop(),
        })
    }

    async fn to_string(html: Html) -> String {
        #[derive(Properties, PartialEq)]
        struct Wrap {
            html: Html,
        }
        #[function_component(Show)]
        fn show(props: &Wrap) -> Html {
            props.html.clone()
        }
        yew::LocalServerRenderer::<Show>::with_props(Wrap { html })
            .hydratable(false)
            .render()
            .await
    }

    #[tokio::test]
    async fn the_component_starts_at_step_one_without_storage() {
        let props = WalkthroughProps::new("walk".into(), "v1".into(), exercise());
        let html = yew::LocalServerRenderer::<crate::live::Live>::with_props(props.into())
            .hydratable(false)
            .render()
            .await;
        assert!(html.contains(">1 / 3<"), "{html}");
        assert!(html.contains("data-fr-keys=\"arrows ends\""), "{html}");
        assert!(!html.contains("data-result"), "{html}");
    }

    #[tokio::test]
    async fn the_first_step_highlights_its_lines_and_shows_its_caption() {
        let html = to_string(render(Position::default(), None)).await;
        assert_eq!(html.matches("class=\"fr-line\"").count(), 6, "{html}");
        assert_eq!(html.matches("data-state=\"on").count(), 2, "{html}");
        assert_eq!(html.matches("range-start").count(), 1, "{html}");
        assert_eq!(html.matches("range-end").count(), 1, "{html}");
        assert_eq!(html.matches("aria-current=\"true\"").count(), 2, "{html}");
        assert_eq!(html.matches("Highlighted: ").count(), 1, "{html}");
        assert!(html.contains("Step 1 of 3: lines 1-2"), "{html}");
        assert!(html.contains("<p>Two constants.</p>"), "{html}");
        assert!(!html.contains("<p>A function.</p>"), "{html}");
        assert!(html.contains(">1 / 3<"), "{html}");
        assert!(
            html.contains("aria-disabled=\"true\"") && html.contains(">Previous<"),
            "{html}"
        );
        assert_eq!(html.matches("aria-disabled").count(), 1, "{html}");
        assert!(
            html.contains("aria-current=\"step\""),
            "the step list marks the current step: {html}"
        );
        assert!(
            html.contains("<span class=\"fr-line-text\">const a = 1;</span>"),
            "plain text without highlight.js: {html}"
        );
        assert!(
            html.contains("aria-atomic=\"true\" class=\"fr-caption\"><p class=\"fr-caption-title\"><strong>Step 1 of 3: lines 1-2</strong>"),
            "{html}"
        );
    }

    #[tokio::test]
    async fn the_last_step_marks_the_walkthrough_complete() {
        let at_end = Position::default().after(Move::Last, 3);
        let html = to_string(render(at_end, None)).await;
        assert!(html.contains("data-result=\"complete\""), "{html}");
        assert!(html.contains(">3 / 3<"), "{html}");
        assert!(
            html.contains("<p class=\"fr-caption-title\"><strong>Step 3 of 3: lines 5 and 1</strong></p><p>It adds them.</p>"),
            "{html}"
        );
        assert_eq!(html.matches("data-state=\"on").count(), 2, "{html}");
        assert_eq!(
            html.matches("Highlighted: ").count(),
            2,
            "two separate ranges: {html}"
        );
        let back = at_end.after(Move::Previous, 3);
        let html = to_string(render(back, None)).await;
        assert!(
            html.contains("data-result=\"complete\""),
            "going back keeps it: {html}"
        );
    }

    #[tokio::test]
    async fn coloured_lines_replace_the_plain_ones() {
        let coloured: Vec<String> = code_lines(CODE)
            .iter()
            .map(|line| format!("<span class=\"hljs-keyword\">{line}</span>"))
            .collect();
        let html = to_string(render(Position::default(), Some(&coloured))).await;
        assert!(
            html.contains("<span class=\"fr-line-text\"><span class=\"hljs-keyword\">const a = 1;</span></span>"),
            "{html}"
        );
    }

    #[test]
    fn moves_stay_within_the_steps() {
        let start = Position::default();
        assert_eq!(start.after(Move::Previous, 3), start);
        let two = start.after(Move::Next, 3);
        assert_eq!(
            two,
            Position {
                step: 1,
                complete: false
            }
        );
        let three = two.after(Move::Next, 3);
        assert_eq!(
            three,
            Position {
                step: 2,
                complete: true
            }
        );
        assert_eq!(three.after(Move::Next, 3), three, "no step after the last");
        assert_eq!(three.after(Move::First, 3).step, 0);
        assert!(three.after(Move::First, 3).complete);
        assert_eq!(start.after(Move::To(9), 3).step, 2);
        assert_eq!(start.after(Move::To(1), 3).step, 1);
        assert_eq!(
            start.after(Move::Next, 1),
            Position {
                step: 0,
                complete: true
            },
            "one step is the last step"
        );
        assert!(start.fits(1) && !start.fits(0));
        assert!(
            !Position {
                step: 3,
                complete: false
            }
            .fits(3)
        );
        assert_eq!(key_move("ArrowRight"), Some(Move::Next));
        assert_eq!(key_move("ArrowLeft"), Some(Move::Previous));
        assert_eq!(key_move("Home"), Some(Move::First));
        assert_eq!(key_move("End"), Some(Move::Last));
        assert_eq!(key_move("ArrowDown"), None);
    }

    #[test]
    fn line_membership_and_descriptions() {
        let ranges = parse_lines("3-5, 9").unwrap();
        let on: Vec<usize> = (0..=10).filter(|&n| highlighted(&ranges, n)).collect();
        assert_eq!(on, [3, 4, 5, 9]);
        assert!(!highlighted(&[], 1));
        assert_eq!(describe_lines(&ranges), "lines 3-5 and 9");
        assert_eq!(describe_lines(&parse_lines("4").unwrap()), "line 4");
        assert_eq!(describe_lines(&parse_lines("2-3").unwrap()), "lines 2-3");
        assert_eq!(
            describe_lines(&parse_lines("1, 3, 7-8").unwrap()),
            "lines 1, 3 and 7-8"
        );
        assert_eq!(code_lines(CODE).len(), 6, "the trailing newline is no line");
        assert_eq!(code_lines("a\n\nb").len(), 3);
    }

    #[test]
    fn highlighted_html_is_cut_into_self_contained_lines() {
        let html = "<span class=\"hljs-keyword\">const</span> a = <span class=\"hljs-string\">`x\ny &amp; <span class=\"hljs-subst\">${b}</span>\nz`</span>;";
        assert_eq!(
            split_highlighted(html),
            [
                "<span class=\"hljs-keyword\">const</span> a = <span class=\"hljs-string\">`x</span>",
                "<span class=\"hljs-string\">y &amp; <span class=\"hljs-subst\">${b}</span></span>",
                "<span class=\"hljs-string\">z`</span>;",
            ]
        );
        assert_eq!(split_highlighted("a\n\nb"), ["a", "", "b"]);
        assert_eq!(split_highlighted(""), [""]);
    }

    #[test]
    fn saved_positions_read_back() {
        let saved = Position {
            step: 2,
            complete: true,
        };
        let text = crate::json::stringify(&saved);
        assert_eq!(text, r#"{"step":2,"complete":true}"#);
        assert_eq!(crate::json::parse::<Position>(&text).unwrap(), saved);
        assert!(crate::json::parse::<Position>(r#"{"step":-1}"#).is_err());
    }
}
