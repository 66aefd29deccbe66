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
    let text = storage()?.get_item(key).ok().flatten()?;
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

/// Marks the exercise saved under `key` done, for the progress page and
/// the sidebar's marks (`theme/progress.js`). Done stays done through the
/// widget's own Reset; the progress page's "Reset all" forgets it.
pub fn done(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&format!("{key}:done"), "1");
    }
}

pub fn clear(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
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
