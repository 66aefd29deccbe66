//! A decision tree, one question at a time.

use std::collections::{BTreeMap, BTreeSet};

use course_schema::{DecisionExercise, DecisionNode};

use super::{ExerciseKind, Problem, Step, block, inline, require_text};

impl ExerciseKind for DecisionExercise {
    fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        problems.extend(require_text(&self.prompt, &[Step::Key("prompt")], "prompt"));
        if self.nodes.is_empty() {
            problems.push(Problem::at(&[Step::Key("nodes")], "`nodes` is empty"));
            return problems;
        }
        let mut index = BTreeMap::new();
        for (at, node) in self.nodes.iter().enumerate() {
            if index.insert(node.id.as_str(), at).is_some() {
                problems.push(Problem::at(
                    &node_path(at),
                    format!("two nodes have the id `{}`", node.id),
                ));
            }
        }
        if !index.contains_key(self.start.as_str()) {
            problems.push(Problem::at(
                &[Step::Key("start")],
                format!("`start` names `{}`, which is not a node", self.start),
            ));
        }
        for (at, node) in self.nodes.iter().enumerate() {
            problems.extend(node_problems(node, at, &index));
        }
        if problems.is_empty() {
            problems.extend(reachability(self, &index));
        }
        if problems.is_empty()
            && let (depth, Some(at)) = self.figure_depth()
        {
            problems.push(Problem::at(
                &node_path(at),
                format!(
                    "the whole-tree figure would nest {depth} questions deep (this one is number {}): \
                     at most {}, so that it fits the page; split the tree into two exercises",
                    DecisionExercise::MAX_DEPTH + 1,
                    DecisionExercise::MAX_DEPTH
                ),
            ));
        }
        problems
    }

    fn render_markdown(&mut self) {
        block(&mut self.prompt);
        for node in &mut self.nodes {
            node.question.iter_mut().for_each(block);
            node.answer.iter_mut().for_each(inline);
            node.why.iter_mut().for_each(block);
            for choice in &mut node.choices {
                inline(&mut choice.label);
            }
        }
    }

    fn fallback(&self) -> String {
        let mut seen = BTreeSet::new();
        format!(
            "<div class=\"fr-prompt\">{}</div><div class=\"fr-tree\">{}</div>",
            self.prompt.0,
            tree_html(self, &self.start, &mut seen)
        )
    }
}

fn node_path(at: usize) -> [Step; 2] {
    [Step::Key("nodes"), Step::Index(at)]
}

fn node_problems(node: &DecisionNode, at: usize, index: &BTreeMap<&str, usize>) -> Vec<Problem> {
    let path = node_path(at);
    let mut problems = Vec::new();
    let is_leaf = node.answer.is_some();
    let is_question = node.question.is_some() || !node.choices.is_empty();
    match (is_question, is_leaf) {
        (true, true) => problems.push(Problem::at(
            &path,
            format!(
                "node `{}` has both a question and an answer: a node is one or the other",
                node.id
            ),
        )),
        (false, false) => problems.push(Problem::at(
            &path,
            format!(
                "node `{}` leads nowhere: give it a `question` with `choices`, or an `answer`",
                node.id
            ),
        )),
        (true, false) => {
            match &node.question {
                Some(question) => problems.extend(require_text(question, &path, "question")),
                None => problems.push(Problem::at(
                    &path,
                    format!("node `{}` has choices but no `question`", node.id),
                )),
            }
            if node.choices.len() < 2 {
                problems.push(Problem::at(
                    &path,
                    format!("question `{}` needs at least two choices", node.id),
                ));
            }
            if node.why.is_some() {
                problems.push(Problem::at(
                    &path,
                    "`why` belongs on an answer, not on a question",
                ));
            }
        }
        (false, true) => {
            if let Some(answer) = &node.answer {
                problems.extend(require_text(answer, &path, "answer"));
            }
            match &node.why {
                Some(why) => problems.extend(require_text(why, &path, "why")),
                None => problems.push(Problem::at(
                    &path,
                    format!("answer `{}` has no `why`", node.id),
                )),
            }
        }
    }
    for (choice_at, choice) in node.choices.iter().enumerate() {
        let choice_path = [
            Step::Key("nodes"),
            Step::Index(at),
            Step::Key("choices"),
            Step::Index(choice_at),
        ];
        problems.extend(require_text(&choice.label, &choice_path, "label"));
        if !index.contains_key(choice.next.as_str()) {
            problems.push(Problem::at(
                &choice_path,
                format!("choice leads to `{}`, which is not a node", choice.next),
            ));
        }
    }
    problems
}

/// Every node reachable from `start`, and no question that can only loop.
fn reachability(tree: &DecisionExercise, index: &BTreeMap<&str, usize>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut reached = BTreeSet::new();
    let mut pending = vec![tree.start.as_str()];
    while let Some(id) = pending.pop() {
        if reached.insert(id) {
            let node = &tree.nodes[index[id]];
            pending.extend(node.choices.iter().map(|choice| choice.next.as_str()));
        }
    }
    for (at, node) in tree.nodes.iter().enumerate() {
        if !reached.contains(node.id.as_str()) {
            problems.push(Problem::at(
                &node_path(at),
                format!("node `{}` is unreachable from `{}`", node.id, tree.start),
            ));
        }
    }
    // A node reaches an answer when it is one, or a choice leads to one that does.
    let mut ends = BTreeSet::new();
    loop {
        let before = ends.len();
        for node in &tree.nodes {
            if node.answer.is_some() || node.choices.iter().any(|c| ends.contains(c.next.as_str()))
            {
                ends.insert(node.id.as_str());
            }
        }
        if ends.len() == before {
            break;
        }
    }
    for (at, node) in tree.nodes.iter().enumerate() {
        if reached.contains(node.id.as_str()) && !ends.contains(node.id.as_str()) {
            problems.push(Problem::at(
                &node_path(at),
                format!(
                    "question `{}` leads nowhere: no path from it reaches an answer",
                    node.id
                ),
            ));
        }
    }
    problems
}

/// The tree as nested lists; a node met again (shared by two branches) is
/// named rather than repeated.
fn tree_html<'a>(tree: &'a DecisionExercise, id: &'a str, seen: &mut BTreeSet<&'a str>) -> String {
    let Some(node) = tree.nodes.iter().find(|node| node.id == id) else {
        return String::new();
    };
    if let Some(answer) = &node.answer {
        let why = node
            .why
            .as_ref()
            .map(|why| why.0.as_str())
            .unwrap_or_default();
        return format!("<strong class=\"fr-leaf\">{}</strong>{why}", answer.0);
    }
    if !seen.insert(id) {
        return "(as above)".to_string();
    }
    let choices: String = node
        .choices
        .iter()
        .map(|choice| {
            format!(
                "<li>{}: {}</li>",
                choice.label.0,
                tree_html(tree, &choice.next, seen)
            )
        })
        .collect();
    let question = node
        .question
        .as_ref()
        .map(|q| q.0.as_str())
        .unwrap_or_default();
    format!("{question}<ul>{choices}</ul>")
}
