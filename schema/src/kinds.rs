//! The fields of each kind of exercise, as written in its TOML file.
//!
//! Ids inside an exercise (`steps`, `items`, `nodes`) are short names an
//! author picks; they tie an answer key to what it names and never reach
//! the reader.

use serde::{Deserialize, Serialize};

use crate::Rich;

/// Put steps in order. Steps may be listed in any order in the file; the
/// widget shuffles them in a fixed order derived from `seed`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderingExercise {
    pub prompt: Rich,
    /// The correct order, by step id. An inner list is a group of steps that
    /// may come in any order among themselves.
    pub answer: Vec<Slot>,
    /// Seeds the starting shuffle (which is never the solved order).
    #[serde(default)]
    pub seed: u64,
    pub steps: Vec<OrderingStep>,
}

/// One place in an ordering answer: a step, or a group of interchangeable steps.
#[derive(Serialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Slot {
    One(String),
    Group(Vec<String>),
}

/// By hand rather than `untagged`: serde's untagged enums buffer their input,
/// which costs kilobytes of Wasm per type and loses the error's position.
impl<'de> Deserialize<'de> for Slot {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SlotVisitor;

        impl<'de> serde::de::Visitor<'de> for SlotVisitor {
            type Value = Slot;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a step id, or a list of step ids that may come in any order")
            }

            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<Slot, E> {
                Ok(Slot::One(id.to_string()))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Slot, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element()? {
                    ids.push(id);
                }
                Ok(Slot::Group(ids))
            }
        }

        deserializer.deserialize_any(SlotVisitor)
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderingStep {
    pub id: String,
    pub text: Rich,
    /// Why the step belongs where it does, shown after Check.
    pub why: Rich,
}

/// Sort items into two or more buckets.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SortingExercise {
    pub prompt: Rich,
    #[serde(default)]
    pub seed: u64,
    pub buckets: Vec<Bucket>,
    pub items: Vec<SortingItem>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Bucket {
    pub label: Rich,
    /// The ids of the items that belong here: each item in exactly one bucket.
    pub items: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SortingItem {
    pub id: String,
    pub text: Rich,
    /// Why the item belongs in its bucket, shown after Check.
    pub why: Rich,
}

/// Walk a decision tree one question at a time to an answer.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionExercise {
    pub prompt: Rich,
    /// The id of the first question.
    pub start: String,
    pub nodes: Vec<DecisionNode>,
}

impl DecisionExercise {
    /// The most questions nested in the whole-tree figure: the build refuses
    /// deeper trees, and the widget draws no deeper, so the figure always
    /// fits the page's stack (a few hundred levels overflow it).
    pub const MAX_DEPTH: usize = 32;

    /// How deep the whole-tree figure nests questions, and the index of the
    /// first node past [`Self::MAX_DEPTH`], if any. The figure walks the
    /// tree from `start` in choice order and names a question it meets
    /// again rather than repeating it; this walks it the same way, without
    /// recursion.
    pub fn figure_depth(&self) -> (usize, Option<usize>) {
        let index: cache_engine::map::Map<&str, usize> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(at, node)| (node.id.as_str(), at))
            .collect();
        let mut seen = vec![false; self.nodes.len()];
        let mut deepest = (0, None);
        let mut pending = vec![(self.start.as_str(), 1)];
        while let Some((id, depth)) = pending.pop() {
            let Some(&at) = index.get(id) else { continue };
            let node = &self.nodes[at];
            if node.answer.is_some() || std::mem::replace(&mut seen[at], true) {
                continue;
            }
            if depth > deepest.0 {
                deepest.0 = depth;
                if depth == Self::MAX_DEPTH + 1 {
                    deepest.1 = Some(at);
                }
            }
            pending.extend(
                node.choices
                    .iter()
                    .rev()
                    .map(|c| (c.next.as_str(), depth + 1)),
            );
        }
        deepest
    }
}

/// A question with choices, or (with `answer`) a leaf.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionNode {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<Rich>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// A leaf's answer (for this course, the call to make).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Rich>,
    /// A leaf's explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Rich>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub label: Rich,
    /// The id of the node this choice leads to.
    pub next: String,
}

/// Decide, then reveal: a situation, two to four options, one right answer,
/// and a reason for every option.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScenarioExercise {
    /// The situation the reader decides on.
    pub prompt: Rich,
    pub options: Vec<ScenarioOption>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScenarioOption {
    pub text: Rich,
    #[serde(default)]
    pub correct: bool,
    /// Why this option is right or wrong, shown after Reveal.
    pub why: Rich,
}

/// Step through a piece of code, one highlighted range at a time.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WalkthroughExercise {
    pub prompt: Rich,
    /// The code's language, for highlighting (`ts`, `tsx`, `rust`, …).
    pub language: String,
    pub code: String,
    pub steps: Vec<WalkthroughStep>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WalkthroughStep {
    /// 1-based line ranges to highlight, as written: `"3-5, 9"`.
    pub lines: String,
    pub caption: Rich,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_one_step_or_a_group() {
        let slots: Vec<Slot> = serde_json::from_str(r#"["write", ["list", "record"]]"#).unwrap();
        assert_eq!(
            slots,
            [
                Slot::One("write".into()),
                Slot::Group(vec!["list".into(), "record".into()])
            ]
        );
        assert_eq!(
            serde_json::to_string(&slots).unwrap(),
            r#"["write",["list","record"]]"#
        );
        let error = serde_json::from_str::<Slot>("3").unwrap_err().to_string();
        assert!(
            error.contains("a step id, or a list of step ids"),
            "{error}"
        );
    }
}
