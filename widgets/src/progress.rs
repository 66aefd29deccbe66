//! Saved progress in localStorage. Storage that is missing, full, blocked or
//! holding something unreadable is treated as empty: losing a reader's
//! progress is better than breaking their page.

use crate::json::{FromJson, ToJson};

pub use course_schema::storage_key as key;

pub fn load<T: FromJson>(key: &str) -> Option<T> {
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

pub fn clear(key: &str) {
    storage::remove(key);
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
}
