//! A decision tree, one question at a time: the reader answers each
//! question, sees the path so far as a breadcrumb, and ends at a leaf that
//! names the answer (for this course, the call to make) and why.
//!
//! A tree has no right or wrong answer, so the root carries
//! `data-result="answered"` once a leaf is reached, and no `data-result`
//! before. The path taken is saved; a saved path that no longer follows the
//! tree (an edited tree under the same version, or a hand-edited value) is
//! discarded and the reader starts fresh.

use course_schema::{DecisionExercise, DecisionNode, Rich};
use yew::prelude::*;

use crate::held;
use crate::json::json_saved;
use crate::markup::Markup;
use crate::progress;
use crate::rich::rich;

pub type DecisionProps = crate::props::ExerciseProps<DecisionExercise>;

/// One answered question: the question's node id and the index of the
/// choice taken there.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Taken {
    pub node: String,
    pub choice: usize,
}

json_saved!(Taken { node, choice });

/// The path the reader has taken from the start, as saved between visits.
#[derive(Clone, PartialEq, Eq, Default, Debug)]
pub struct Walk {
    pub steps: Vec<Taken>,
}

json_saved!(Walk { steps });

fn node<'a>(tree: &'a DecisionExercise, id: &str) -> Option<&'a DecisionNode> {
    tree.nodes.iter().find(|node| node.id == id)
}

fn is_leaf(node: &DecisionNode) -> bool {
    node.answer.is_some()
}

impl Walk {
    /// The node the reader is at: the start, or where the last choice led.
    pub fn current<'a>(&self, tree: &'a DecisionExercise) -> Option<&'a DecisionNode> {
        match self.steps.last() {
            None => node(tree, &tree.start),
            Some(last) => {
                let from = node(tree, &last.node)?;
                node(tree, &from.choices.get(last.choice)?.next)
            }
        }
    }

    /// Whether this path starts at the start and each step follows a choice
    /// of the question it names to the next step's question.
    pub fn follows(&self, tree: &DecisionExercise) -> bool {
        // Choosing never revisits a question (see `choose`), so a longer
        // path cannot follow the tree: refused before walking it.
        if self.steps.len() > tree.nodes.len() {
            return false;
        }
        let mut expected = tree.start.as_str();
        for step in &self.steps {
            let Some(question) = node(tree, &step.node) else {
                return false;
            };
            if step.node != expected || is_leaf(question) {
                return false;
            }
            let Some(choice) = question.choices.get(step.choice) else {
                return false;
            };
            expected = &choice.next;
        }
        node(tree, expected).is_some()
    }

    /// The path after taking choice `index` at the current question; the
    /// same path when there is no such choice. A choice that leads back to a
    /// question already on the path cuts the path back to it, as if the
    /// reader had gone back: a path never holds a question twice, so it
    /// stays as short as the tree, however often the reader loops.
    pub fn choose(&self, tree: &DecisionExercise, index: usize) -> Walk {
        let mut next = self.clone();
        if let Some(at) = self.current(tree)
            && !is_leaf(at)
            && let Some(choice) = at.choices.get(index)
        {
            next.steps.push(Taken {
                node: at.id.clone(),
                choice: index,
            });
            if let Some(again) = next.steps.iter().position(|step| step.node == choice.next) {
                next.steps.truncate(again);
            }
        }
        next
    }

    pub fn back(&self) -> Walk {
        let mut previous = self.clone();
        previous.steps.pop();
        previous
    }

    pub fn answered(&self, tree: &DecisionExercise) -> bool {
        self.current(tree).is_some_and(is_leaf)
    }

    /// Every (question, choice) pair on the path, to mark it in the figure.
    fn taken(&self) -> Vec<(&str, usize)> {
        self.steps
            .iter()
            .map(|step| (step.node.as_str(), step.choice))
            .collect()
    }
}

/// Restores a saved path, or starts fresh (and forgets the saved value)
/// when it does not follow the tree.
pub fn restore(key: &str, tree: &DecisionExercise) -> Walk {
    match progress::load::<Walk>(key) {
        Some(walk) if walk.follows(tree) => walk,
        Some(_) => {
            progress::clear(key);
            Walk::default()
        }
        None => Walk::default(),
    }
}

/// What the reader last did, for the live region.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Action {
    /// Nothing yet in this visit: nothing to announce.
    None,
    Chose,
    Back,
    StartOver,
}

/// The live region's words for the node reached: the new question or the
/// answer. HTML (labels may hold code), sanitised at build time.
fn announcement(walk: &Walk, tree: &DecisionExercise, action: Action) -> Html {
    let Some(at) = walk.current(tree) else {
        return Html::default();
    };
    let lead = match action {
        Action::None => return Html::default(),
        Action::Chose => "",
        Action::Back => "Back one step. ",
        Action::StartOver => "Started over. ",
    };
    match (&at.answer, &at.question) {
        (Some(answer), _) => html! {
            <>{ lead }{ "Answer: " }{ rich_inline(answer) }{ ". The explanation follows it." }</>
        },
        (None, Some(question)) => html! {
            <>{ lead }{ format!("Question {}: ", walk.steps.len() + 1) }{ rich_inline(question) }</>
        },
        (None, None) => Html::default(),
    }
}

impl crate::live::Widget for DecisionExercise {
    type Props = DecisionProps;

    fn props(id: String, version: String, exercise: Self) -> DecisionProps {
        DecisionProps::new(id, version, exercise)
    }

    fn body(props: &DecisionProps) -> impl yew::functional::Hook<Output = Html> + '_ {
        use_decision(props)
    }
}

#[hook]
pub fn use_decision(props: &DecisionProps) -> Html {
    let tree = &props.exercise;
    let key = props.storage_key.clone();
    let walk = {
        let key = key.clone();
        let tree = tree.clone();
        held::use_reducer(move || restore(&key, &tree))
    };
    let action = held::use_reducer(|| Action::None);
    let show_tree = held::use_reducer(|| false);
    let heading_ref = use_node_ref();
    // Focus moves once the new question is in the page, so a screen reader
    // reads the new heading, not the old one. Every step the reader takes
    // changes the path; opening the page (no action yet) moves nothing.
    {
        let heading_ref = heading_ref.clone();
        held::use_effect_with(((*walk).clone(), *action), move |(_, action)| {
            if *action != Action::None {
                focus(&heading_ref);
            }
        });
    }

    let go = {
        let walk = walk.clone();
        let action = action.clone();
        let tree = tree.clone();
        move |next: Walk, done: Action| {
            progress::keep(&key, &next, next == Walk::default());
            if next.answered(&tree) {
                progress::done(&key);
            }
            walk.set(next);
            action.set(done);
        }
    };
    let on_choose = {
        let go = go.clone();
        let walk = walk.clone();
        let tree = tree.clone();
        Callback::from(move |index: usize| go(walk.choose(&tree, index), Action::Chose))
    };
    let on_back = {
        let go = go.clone();
        let walk = walk.clone();
        Callback::from(move |_: MouseEvent| go(walk.back(), Action::Back))
    };
    let on_start_over = Callback::from(move |_: MouseEvent| go(Walk::default(), Action::StartOver));
    let on_toggle_tree = {
        let show_tree = show_tree.clone();
        Callback::from(move |_: MouseEvent| show_tree.set(!*show_tree))
    };
    view(View {
        id: &props.id,
        tree,
        walk: &walk,
        action: *action,
        show_tree: *show_tree,
        heading_ref,
        on_choose,
        on_back,
        on_start_over,
        on_toggle_tree,
    })
}

/// Everything the widget shows, from its state: the component wires the
/// callbacks, tests render any state directly.
struct View<'a> {
    id: &'a str,
    tree: &'a DecisionExercise,
    walk: &'a Walk,
    action: Action,
    show_tree: bool,
    heading_ref: NodeRef,
    on_choose: Callback<usize>,
    on_back: Callback<MouseEvent>,
    on_start_over: Callback<MouseEvent>,
    on_toggle_tree: Callback<MouseEvent>,
}

fn view(view: View<'_>) -> Html {
    let View {
        id,
        tree,
        walk,
        action,
        show_tree,
        heading_ref,
        ..
    } = view;
    let prompt_id = format!("fr-{id}-prompt");
    let figure_id = format!("fr-{id}-tree");
    let answered = walk.answered(tree);

    let breadcrumb = (!walk.steps.is_empty()).then(|| {
        let mut crumbs = Markup::default();
        crumbs.open("ol", &[]);
        for step in &walk.steps {
            let Some(question) = node(tree, &step.node) else {
                continue;
            };
            let Some(choice) = question.choices.get(step.choice) else {
                continue;
            };
            crumbs
                .open("li", &[("class", Some("fr-crumb"))])
                .open("span", &[("class", Some("fr-crumb-question"))])
                .trusted(question.question.as_ref().map_or("", inline))
                .close("span")
                .element("span", &[("class", Some("fr-sr"))], " Your choice: ")
                .open("span", &[("class", Some("fr-crumb-choice"))])
                .trusted(inline(&choice.label))
                .close("span")
                .close("li");
        }
        crumbs.close("ol");
        html! {
            <nav class="fr-crumbs" aria-label="Your path so far">{ crumbs.html() }</nav>
        }
    });

    let here = match walk.current(tree) {
        Some(at) if is_leaf(at) => html! {
            <div class="fr-answer-box">
                <h3 class="fr-answer" tabindex="-1" ref={heading_ref}>
                    <span class="fr-answer-label">{ "Answer: " }</span>
                    { at.answer.as_ref().map(rich_inline).unwrap_or_default() }
                </h3>
                <div class="fr-answer-why">{ at.why.as_ref().map(rich).unwrap_or_default() }</div>
            </div>
        },
        Some(at) => {
            let question_id = format!("fr-{id}-question");
            let choices = at.choices.iter().enumerate().map(|(index, choice)| {
                let onclick = view.on_choose.reform(move |_: MouseEvent| index);
                html! {
                    <li>
                        <button type="button" class="fr-button fr-choice" {onclick}>
                            { rich_inline(&choice.label) }
                        </button>
                    </li>
                }
            });
            html! {
                <div class="fr-node" role="group" aria-labelledby={question_id.clone()}>
                    <h3 class="fr-question" id={question_id} tabindex="-1" ref={heading_ref}>
                        <span class="fr-question-number">{ format!("Question {}", walk.steps.len() + 1) }</span>
                        <span class="fr-question-text">
                            { at.question.as_ref().map(rich_inline).unwrap_or_default() }
                        </span>
                    </h3>
                    <ul class="fr-choices">{ for choices }</ul>
                </div>
            }
        }
        // Only reachable with a tree the preprocessor would have refused.
        None => html! { <p class="fr-error">{ "This tree has no node to start from." }</p> },
    };

    // The figure's element is always there, empty and hidden while closed:
    // adding and removing it shifted the section's children, and Yew then
    // rebuilt the ones before it, the toggle with focus on it included.
    let figure = {
        let taken = walk.taken();
        html! {
            <figure class="fr-tree-figure" id={figure_id.clone()} hidden={!show_tree}>
                if show_tree {
                    <figcaption>
                        { "The whole tree" }
                        if !walk.steps.is_empty() {
                            { ", with your path marked" }
                        }
                    </figcaption>
                    { whole_tree(tree, &taken).html() }
                }
            </figure>
        }
    };

    html! {
        <section class="fr-decision" data-result={answered.then_some("answered")}
            aria-labelledby={prompt_id.clone()}>
            <div class="fr-prompt" id={prompt_id}>{ rich(&tree.prompt) }</div>
            { for breadcrumb }
            { here }
            <div class="fr-actions">
                <button type="button" class="fr-button" disabled={walk.steps.is_empty()}
                    onclick={view.on_back}>{ "Back" }</button>
                <button type="button" class="fr-button" disabled={walk.steps.is_empty()}
                    onclick={view.on_start_over}>{ "Start over" }</button>
                <button type="button" class="fr-button fr-tree-toggle" aria-expanded={show_tree.to_string()}
                    aria-controls={figure_id} onclick={view.on_toggle_tree}>
                    { if show_tree { "Hide whole tree" } else { "Show whole tree" } }
                </button>
            </div>
            { figure }
            <p class="fr-status" role="status" aria-live="polite">
                { announcement(walk, tree, action) }
            </p>
        </section>
    }
}

/// A Markdown block that is one paragraph, without the paragraph, so it can
/// sit in a heading or a button; anything longer as it is.
fn rich_inline(text: &Rich) -> Html {
    Html::from_html_unchecked(AttrValue::from(inline(text).to_string()))
}

/// Rich text of one paragraph without its `<p>`, to sit in a line; text of
/// several paragraphs as it is.
fn inline(text: &Rich) -> &str {
    let html = text.0.trim();
    html.strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
        .filter(|inner| !inner.as_bytes().windows(3).any(|tag| tag == b"<p>"))
        .unwrap_or(&text.0)
}

/// The tree below `id` as nested lists: each question, its choices, and
/// where each leads. A question met a second time (shared by two branches)
/// is named rather than repeated, which also ends any loop. It recurses once
/// per level, `depth` levels deep so far: never past the depth the build
/// allows, so a tree from elsewhere cannot overflow the page's stack.
fn tree_figure(
    markup: &mut Markup,
    tree: &DecisionExercise,
    id: &str,
    seen: &mut Vec<String>,
    taken: &[(&str, usize)],
    depth: usize,
) {
    let Some(at) = node(tree, id) else {
        return;
    };
    let again = [("class", Some("fr-tree-again"))];
    if depth > DecisionExercise::MAX_DEPTH {
        markup.element("span", &again, "…");
        return;
    }
    if let Some(answer) = &at.answer {
        markup
            .open("strong", &[("class", Some("fr-tree-leaf"))])
            .trusted(inline(answer))
            .close("strong");
        return;
    }
    let question = at.question.as_ref().map_or("", inline);
    if seen.iter().any(|done| done == id) {
        markup
            .open("span", &again)
            .trusted(question)
            .text(" (as above)")
            .close("span");
        return;
    }
    seen.push(id.to_string());
    markup
        .open("span", &[("class", Some("fr-tree-question"))])
        .trusted(question)
        .close("span")
        .open("ul", &[]);
    for (index, choice) in at.choices.iter().enumerate() {
        let on_path = taken.contains(&(id, index));
        markup.open(
            "li",
            &[
                ("class", Some("fr-tree-choice")),
                ("data-state", on_path.then_some("on-path")),
            ],
        );
        if on_path {
            markup.element("span", &[("class", Some("fr-sr"))], "Your path: ");
        }
        markup
            .open("span", &[("class", Some("fr-tree-label"))])
            .trusted(inline(&choice.label))
            .close("span")
            .text(" → ");
        tree_figure(markup, tree, &choice.next, seen, taken, depth + 1);
        markup.close("li");
    }
    markup.close("ul");
}

/// The whole tree, from its start, with the reader's path marked.
fn whole_tree(tree: &DecisionExercise, taken: &[(&str, usize)]) -> Markup {
    let mut markup = Markup::default();
    markup
        .open("ul", &[("class", Some("fr-tree-root"))])
        .open("li", &[]);
    tree_figure(&mut markup, tree, &tree.start, &mut Vec::new(), taken, 1);
    markup.close("li").close("ul");
    markup
}

fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use course_schema::{Choice, Rich};

    fn question(id: &str, text: &str, choices: &[(&str, &str)]) -> DecisionNode {
        DecisionNode {
            id: id.into(),
            question: Some(Rich(format!("<p>{text}</p>"))),
            choices: choices
                .iter()
                .map(|(label, next)| Choice {
                    label: Rich((*label).into()),
                    next: (*next).into(),
                })
                .collect(),
            answer: None,
            why: None,
        }
    }

    fn leaf(id: &str, answer: &str) -> DecisionNode {
        DecisionNode {
            id: id.into(),
            question: None,
            choices: vec![],
            answer: Some(Rich(format!("<code>{answer}</code>"))),
            why: Some(Rich(format!("<p>Because {answer}.</p>"))),
        }
    }

    fn tree() -> DecisionExercise {
        DecisionExercise {
            prompt: Rich("<p>Which call?</p>".into()),
            start: "where".into(),
            nodes: vec![
                question(
                    "where",
                    "Where does it run?",
                    &[
                        ("In an action", "action-tag"),
                        ("In a webhook", "server-tag"),
                    ],
                ),
                question(
                    "action-tag",
                    "Does a tag name it?",
                    &[("Yes", "update"), ("No", "path")],
                ),
                question(
                    "server-tag",
                    "Does a tag name it, there?",
                    &[("Yes", "revalidate"), ("No", "path")],
                ),
                leaf("update", "updateTag"),
                leaf("revalidate", "revalidateTag"),
                leaf("path", "revalidatePath"),
            ],
        }
    }

    fn walk(steps: &[(&str, usize)]) -> Walk {
        Walk {
            steps: steps
                .iter()
                .map(|(node, choice)| Taken {
                    node: (*node).into(),
                    choice: *choice,
                })
                .collect(),
        }
    }

    fn render(walk: &Walk, action: Action, show_tree: bool) -> Html {
        let tree = tree();
        view(View {
            id: "which",
            tree: &tree,
            walk,
            action,
            show_tree,
            heading_ref: NodeRef::default(),
            on_choose: Callback::noop(),
            on_back: Callback::noop(),
            on_start_over: Callback::noop(),
            on_toggle_tree: Callback::noop(),
        })
    }

    #[tokio::test]
    async fn the_component_renders_a_fresh_tree_without_storage() {
        let props = DecisionProps::new("which".into(), "v1".into(), tree());
        let html = yew::LocalServerRenderer::<crate::live::Live>::with_props(props.into())
            .hydratable(false)
            .render()
            .await;
        assert!(html.contains("Question 1"), "{html}");
        assert!(html.contains("id=\"fr-which-prompt\""), "{html}");
    }

    #[tokio::test]
    async fn fresh_tree_asks_the_first_question_with_its_choices() {
        let html = render_html(render(&Walk::default(), Action::None, false)).await;
        assert!(html.contains("Question 1"), "{html}");
        assert!(html.contains("Where does it run?"), "{html}");
        assert!(
            !html.contains("<p>Where does it run?</p>"),
            "a one-paragraph question is unwrapped into the heading: {html}"
        );
        assert_eq!(html.matches("fr-choice\"").count(), 2, "{html}");
        assert!(html.contains(">In an action"), "{html}");
        assert!(!html.contains("data-result"), "{html}");
        assert!(!html.contains("fr-crumbs"), "no path yet: {html}");
        assert!(
            html.contains("aria-expanded=\"false\"") && html.contains(">Show whole tree<"),
            "{html}"
        );
        assert!(
            html.contains("role=\"status\" aria-live=\"polite\""),
            "{html}"
        );
        assert!(
            html.contains("disabled") && html.contains(">Back<"),
            "Back is off at the start: {html}"
        );
    }

    #[tokio::test]
    async fn midway_the_breadcrumb_names_each_question_and_choice() {
        let html = render_html(render(&walk(&[("where", 1)]), Action::Chose, false)).await;
        assert!(html.contains("aria-label=\"Your path so far\""), "{html}");
        assert_eq!(html.matches("class=\"fr-crumb\"").count(), 1, "{html}");
        assert!(
            html.contains("Where does it run?</span>")
                && html
                    .contains("Your choice: </span><span class=\"fr-crumb-choice\">In a webhook"),
            "{html}"
        );
        assert!(html.contains("Question 2"), "{html}");
        assert!(html.contains("Does a tag name it, there?"), "{html}");
        assert!(!html.contains("data-result"), "{html}");
        assert!(
            !html.contains("disabled"),
            "Back and Start over work now: {html}"
        );
        assert!(
            html.contains("class=\"fr-status\">Question 2: Does a tag name it, there?</p>"),
            "{html}"
        );
    }

    #[tokio::test]
    async fn a_leaf_names_the_answer_and_marks_the_root_answered() {
        let done = walk(&[("where", 0), ("action-tag", 0)]);
        let html = render_html(render(&done, Action::Chose, false)).await;
        assert!(html.contains("data-result=\"answered\""), "{html}");
        assert!(
            html.contains("Answer: </span><code>updateTag</code></h3>"),
            "{html}"
        );
        assert!(html.contains("<p>Because updateTag.</p>"), "{html}");
        assert!(!html.contains("fr-choice"), "no choices at a leaf: {html}");
        assert_eq!(html.matches("class=\"fr-crumb\"").count(), 2, "{html}");
    }

    #[tokio::test]
    async fn show_whole_tree_adds_the_figure() {
        let html = render_html(render(&walk(&[("where", 0)]), Action::None, true)).await;
        assert!(
            html.contains("aria-expanded=\"true\"") && html.contains(">Hide whole tree<"),
            "{html}"
        );
        assert!(
            html.contains("<figure id=\"fr-which-tree\" class=\"fr-tree-figure\">"),
            "{html}"
        );
        assert!(html.contains("with your path marked"), "{html}");
        assert_eq!(html.matches("data-state=\"on-path\"").count(), 1, "{html}");
    }

    #[test]
    fn paths_follow_the_tree() {
        let tree = tree();
        assert!(Walk::default().follows(&tree));
        assert!(walk(&[("where", 0)]).follows(&tree));
        assert!(walk(&[("where", 0), ("action-tag", 1)]).follows(&tree));
        assert!(walk(&[("where", 1), ("server-tag", 0)]).follows(&tree));
        assert!(
            !walk(&[("action-tag", 0)]).follows(&tree),
            "must begin at the start"
        );
        assert!(!walk(&[("where", 2)]).follows(&tree), "no such choice");
        assert!(
            !walk(&[("where", 0), ("server-tag", 0)]).follows(&tree),
            "a step must be where the previous choice led"
        );
        assert!(
            !walk(&[("where", 0), ("gone", 0)]).follows(&tree),
            "an id that no longer exists"
        );
        assert!(
            !walk(&[("where", 0), ("action-tag", 0), ("update", 0)]).follows(&tree),
            "nothing after a leaf"
        );
        let mut broken = tree.clone();
        broken.nodes.retain(|node| node.id != "update");
        assert!(
            !walk(&[("where", 0), ("action-tag", 0)]).follows(&broken),
            "the last choice must lead to a node that exists"
        );
        let long = Walk {
            steps: vec![
                Taken {
                    node: "where".into(),
                    choice: 0
                };
                tree.nodes.len() + 1
            ],
        };
        assert!(!long.follows(&tree));
    }

    #[test]
    fn choosing_going_back_and_answering() {
        let tree = tree();
        let start = Walk::default();
        assert_eq!(start.current(&tree).unwrap().id, "where");
        let one = start.choose(&tree, 1);
        assert_eq!(one, walk(&[("where", 1)]));
        assert_eq!(one.current(&tree).unwrap().id, "server-tag");
        assert!(!one.answered(&tree));
        let two = one.choose(&tree, 1);
        assert_eq!(two.current(&tree).unwrap().id, "path");
        assert!(two.answered(&tree));
        assert_eq!(two.choose(&tree, 0), two, "a leaf has no choices");
        assert_eq!(one.choose(&tree, 5), one, "no such choice");
        assert_eq!(two.back(), one);
        assert_eq!(start.back(), start);
        assert_eq!(two.taken(), [("where", 1), ("server-tag", 1)]);
    }

    #[test]
    fn saved_paths_read_back_and_corrupt_ones_do_not() {
        let saved = walk(&[("where", 0), ("action-tag", 1)]);
        let text = crate::json::stringify(&saved);
        assert_eq!(
            text,
            r#"{"steps":[{"node":"where","choice":0},{"node":"action-tag","choice":1}]}"#
        );
        assert_eq!(crate::json::parse::<Walk>(&text).unwrap(), saved);
        assert!(crate::json::parse::<Walk>(r#"{"steps":[{"node":1}]}"#).is_err());
        assert!(crate::json::parse::<Walk>(r#"{"steps":"where"}"#).is_err());
    }

    async fn render_html(html: Html) -> String {
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
    async fn announcements_name_the_new_question_or_the_answer() {
        let tree = tree();
        let one = walk(&[("where", 0)]);
        let html = render_html(announcement(&one, &tree, Action::Chose)).await;
        assert_eq!(html, "Question 2: Does a tag name it?");
        let html = render_html(announcement(&one, &tree, Action::Back)).await;
        assert_eq!(html, "Back one step. Question 2: Does a tag name it?");
        let done = walk(&[("where", 0), ("action-tag", 0)]);
        let html = render_html(announcement(&done, &tree, Action::Chose)).await;
        assert_eq!(
            html,
            "Answer: <code>updateTag</code>. The explanation follows it."
        );
        let html = render_html(announcement(&Walk::default(), &tree, Action::StartOver)).await;
        assert_eq!(html, "Started over. Question 1: Where does it run?");
        let html = render_html(announcement(&done, &tree, Action::None)).await;
        assert_eq!(html, "", "nothing is announced before the reader acts");
    }

    #[tokio::test]
    async fn the_whole_tree_figure_marks_the_path_and_names_shared_nodes() {
        let tree = tree();
        let done = walk(&[("where", 1), ("server-tag", 1)]);
        let taken = done.taken();
        let html = whole_tree(&tree, &taken).into_string();
        for text in [
            "Where does it run?",
            "Does a tag name it?",
            "Does a tag name it, there?",
            "<code>updateTag</code>",
            "<code>revalidateTag</code>",
        ] {
            assert!(html.contains(text), "{text} missing: {html}");
        }
        assert_eq!(
            html.matches("<code>revalidatePath</code>").count(),
            2,
            "a leaf shared by two branches shows under each: {html}"
        );
        assert_eq!(html.matches("data-state=\"on-path\"").count(), 2, "{html}");
        assert_eq!(html.matches("Your path: ").count(), 2, "{html}");
    }

    #[test]
    fn looping_back_any_number_of_times_keeps_a_path_that_restores() {
        let mut tree = tree();
        // "No" at the second question leads back to the first.
        tree.nodes[1].choices[1].next = "where".into();
        let mut path = Walk::default();
        for _ in 0..1_000 {
            path = path.choose(&tree, 0).choose(&tree, 1);
        }
        assert_eq!(path, Walk::default(), "each loop ends where it began");
        let midway = path.choose(&tree, 0);
        assert!(midway.follows(&tree));
        assert_eq!(midway.choose(&tree, 1).choose(&tree, 0), midway);
    }

    #[tokio::test]
    async fn a_tree_deeper_than_the_limit_draws_no_deeper() {
        let depth = 3 * DecisionExercise::MAX_DEPTH;
        let mut nodes: Vec<DecisionNode> = (0..depth)
            .map(|at| {
                let next = format!("q{}", at + 1);
                question(
                    &format!("q{at}"),
                    "Again?",
                    &[("Yes", &next), ("No", "end")],
                )
            })
            .collect();
        nodes.push(leaf(&format!("q{depth}"), "done"));
        nodes.push(leaf("end", "stop"));
        let tree = DecisionExercise {
            prompt: Rich("<p>Deep</p>".into()),
            start: "q0".into(),
            nodes,
        };
        let html = whole_tree(&tree, &[]).into_string();
        assert_eq!(
            html.matches("<ul>").count(),
            DecisionExercise::MAX_DEPTH,
            "{html}"
        );
        assert!(html.contains("…"), "{html}");
    }
}
