//! Saved progress in localStorage. Storage that is missing, full, blocked or
//! holding something unreadable is treated as empty: losing a reader's
//! progress is better than breaking their page.

use crate::json::{FromJson, ToJson};

pub use course_schema::storage_key as key;

pub fn load<T: FromJson>(key: &str) -> Option<T> {
    forget_other_versions(key);
    let text = storage::get(key)?;
    match crate::json::parse(&text) {
        Ok(value) => Some(value),
        Err(_) => {
            clear(key);
            None
        }
    }
}

pub fn save(key: &str, value: &dyn ToJson) {
    storage::set(key, &crate::json::stringify(value));
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

/// Marks the exercise saved under `key` done, for the progress page and
/// the sidebar's marks (`theme/progress.js`). Done stays done through the
/// widget's own Reset; the progress page's "Reset all" forgets it.
pub fn done(key: &str) {
    storage::set(&format!("{key}:done"), "1");
}

pub fn clear(key: &str) {
    storage::remove(key);
}

/// Removes what the exercise saved under other versions: answers to its old
/// form that nothing will read again.
fn forget_other_versions(key: &str) {
    for old in other_versions(key, storage::keys().into_iter()) {
        storage::remove(&old);
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
mod storage {
    fn local() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    pub fn get(key: &str) -> Option<String> {
        local()?.get_item(key).ok().flatten()
    }

    pub fn set(key: &str, text: &str) {
        if let Some(local) = local() {
            let _ = local.set_item(key, text);
        }
    }

    pub fn remove(key: &str) {
        if let Some(local) = local() {
            let _ = local.remove_item(key);
        }
    }

    pub fn keys() -> Vec<String> {
        let Some(local) = local() else {
            return Vec::new();
        };
        let count = local.length().unwrap_or(0);
        (0..count)
            .filter_map(|at| local.key(at).ok().flatten())
            .collect()
    }
}

/// Off the web (server-side rendering in tests), storage of this thread
/// alone: a test saves progress the way a reader's earlier visit did, and
/// the widget finds it as it would in the page.
#[cfg(not(target_arch = "wasm32"))]
mod storage {
    use std::cell::RefCell;
    use std::collections::HashMap;

    thread_local! {
        static STORED: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }

    pub fn get(key: &str) -> Option<String> {
        STORED.with_borrow(|stored| stored.get(key).cloned())
    }

    pub fn set(key: &str, text: &str) {
        STORED.with_borrow_mut(|stored| stored.insert(key.to_string(), text.to_string()));
    }

    pub fn remove(key: &str) {
        STORED.with_borrow_mut(|stored| stored.remove(key));
    }

    pub fn keys() -> Vec<String> {
        STORED.with_borrow(|stored| stored.keys().cloned().collect())
    }
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
