//! Saved progress in localStorage. Storage that is missing, full, blocked or
//! holding something unreadable is treated as empty: losing a reader's
//! progress is better than breaking their page.

use crate::json::{FromJson, ToJson};

/// Where an exercise's progress lives: its id, and its content's version so
/// that an edited exercise forgets answers given to its old form.
pub fn key(id: &str, version: &str) -> String {
    format!("fresh-reads:{id}:{version}")
}

pub fn load<T: FromJson>(key: &str) -> Option<T> {
    let storage = storage()?;
    forget_other_versions(&storage, key);
    let text = storage.get_item(key).ok().flatten()?;
    match crate::json::parse(&text) {
        Ok(value) => Some(value),
        Err(_) => {
            clear(key);
            None
        }
    }
}

pub fn save(key: &str, value: &dyn ToJson) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, &crate::json::stringify(value));
    }
}

/// Saves `value`, or forgets what was saved when it is the exercise's
/// starting state (nothing worth restoring).
pub fn keep(key: &str, value: &dyn ToJson, at_start: bool) {
    if at_start {
        clear(key);
    } else {
        save(key, value);
    }
}

pub fn clear(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Removes what the exercise saved under other versions: answers to its old
/// form that nothing will read again.
fn forget_other_versions(storage: &web_sys::Storage, key: &str) {
    let count = storage.length().unwrap_or(0);
    let keys = (0..count).filter_map(|at| storage.key(at).ok().flatten());
    for old in other_versions(key, keys) {
        let _ = storage.remove_item(&old);
    }
}

/// The keys among `keys` of the same exercise as `key` under another version.
fn other_versions(key: &str, keys: impl Iterator<Item = String>) -> Vec<String> {
    let Some((exercise, _)) = key.rsplit_once(':') else {
        return Vec::new();
    };
    keys.filter(|other| {
        other != key
            && other
                .strip_prefix(exercise)
                .and_then(|rest| rest.strip_prefix(':'))
                .is_some_and(|version| !version.contains(':'))
    })
    .collect()
}

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Off the web (server-side rendering in tests) there is no storage.
#[cfg(not(target_arch = "wasm32"))]
fn storage() -> Option<web_sys::Storage> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_versions_of_the_same_exercise_are_forgotten_and_nothing_else() {
        let keys = [
            "fresh-reads:race:v1",
            "fresh-reads:race:v2",
            "fresh-reads:race-2:v1",
            "fresh-reads:race:v0",
            "other-app:race:v0",
        ];
        let found = other_versions(&key("race", "v2"), keys.iter().map(|k| k.to_string()));
        assert_eq!(found, ["fresh-reads:race:v1", "fresh-reads:race:v0"]);
    }
}
