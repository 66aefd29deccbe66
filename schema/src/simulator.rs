//! The simulator exercises: the checkout-race stepper and the cache
//! playground. Both carry a preset only; every state the reader sees is
//! computed by the cache engine in the page.

use cache_engine::prelude::{Mode, Mutation};
use cache_engine::race::RaceOptions;
use serde::{Deserialize, Serialize};

use crate::Rich;

/// The checkout race, stepped: the preset is the engine's own what-ifs.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RaceExercise {
    pub prompt: Rich,
    /// When the webhook lands, what it fires, the poll interval and the
    /// give-up limit; the lesson's story when left out.
    #[serde(default)]
    pub options: RaceOptions,
}

/// The cache playground on the invoicing app, opened on a preset.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlaygroundExercise {
    pub prompt: Rich,
    /// `development` or `production`.
    #[serde(default)]
    pub mode: Mode,
    /// A read fetched with `cache: 'no-store'`, by key (`"summary"`).
    #[serde(default)]
    pub no_store: Option<String>,
    /// The `(marketing)` pages call `cookies()`.
    #[serde(default)]
    pub marketing_uses_cookies: bool,
    /// The invoice list read carries a hand-typed tag.
    #[serde(default)]
    pub mistyped_list_tag: bool,
    /// `REVALIDATION_SECRET` is set on the host.
    #[serde(default = "yes")]
    pub secret_on_host: bool,
    /// Invalidate inside the transaction, with a concurrent read.
    #[serde(default)]
    pub write_after_return: bool,
    /// `redirect()` before the invalidation calls.
    #[serde(default)]
    pub redirect_before_invalidate: bool,
    /// The mutation site selected at first.
    #[serde(default = "first_site")]
    pub mutation: Mutation,
}

fn yes() -> bool {
    true
}

fn first_site() -> Mutation {
    Mutation::EditInvoice
}

impl PlaygroundExercise {
    /// A preset that sets nothing but its prompt: every field at the
    /// default a TOML file gets when it leaves the field out.
    pub fn new(prompt: Rich) -> PlaygroundExercise {
        PlaygroundExercise {
            prompt,
            mode: Mode::default(),
            no_store: None,
            marketing_uses_cookies: false,
            mistyped_list_tag: false,
            secret_on_host: yes(),
            write_after_return: false,
            redirect_before_invalidate: false,
            mutation: first_site(),
        }
    }

    /// The engine's app options of this preset.
    pub fn app_options(&self) -> cache_engine::invoicing::Options {
        cache_engine::invoicing::Options {
            mode: self.mode,
            no_store: self.no_store.clone(),
            marketing_uses_cookies: self.marketing_uses_cookies,
            mistyped_list_tag: self.mistyped_list_tag,
            secret_on_host: self.secret_on_host,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_has_the_defaults_of_a_preset_that_names_nothing() {
        let read: PlaygroundExercise = serde_json::from_str(r#"{"prompt": "p"}"#).unwrap();
        assert_eq!(read, PlaygroundExercise::new(Rich("p".into())));
    }
}
