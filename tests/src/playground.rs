//! Reading and driving a cache playground in the page, by its exercise id:
//! shared by the playground's own tests and the chapters' preset tests.

use crate::browser::js_string;
use crate::page::Session;

/// Waits until the playground `id` has mounted.
pub fn wait_mounted(page: &mut Session, id: &str) {
    page.browser
        .wait_for(
            &format!(
                "document.querySelector('#fr-{id}[data-mounted] .fr-live > .fr-playground') !== null"
            ),
            &format!("the {id} playground to mount"),
        )
        .unwrap();
}

/// What the page card of `path` shows on screen for `read`.
pub fn on_screen(page: &mut Session, id: &str, path: &str, read: &str) -> String {
    page.eval_string(&format!(
        "document.querySelector('#fr-{id} .fr-page[data-path=\"{path}\"] li[data-read=\"{read}\"] .fr-page-shows strong')?.textContent ?? ''"
    ))
}

/// The cache entry's state word beside `read` on the page card of `path`.
pub fn entry_state(page: &mut Session, id: &str, path: &str, read: &str) -> String {
    page.eval_string(&format!(
        "document.querySelector('#fr-{id} .fr-page[data-path=\"{path}\"] li[data-read=\"{read}\"] .fr-entry').dataset.state"
    ))
}

/// Sets the `<select>` `#fr-<id>-<field>` as a reader's choice would.
pub fn select(page: &mut Session, id: &str, field: &str, value: &str) {
    page.browser
        .eval(&format!(
            "(() => {{ const c = document.querySelector('#fr-{id}-{field}'); c.value = {}; \
             c.dispatchEvent(new Event('change', {{ bubbles: true }})); }})()",
            js_string(value)
        ))
        .unwrap();
}

pub fn checked(page: &mut Session, id: &str, toggle: &str) -> bool {
    page.browser
        .eval(&format!(
            "document.querySelector('#fr-{id}-{toggle}').checked"
        ))
        .unwrap()
        .as_bool()
        .unwrap()
}

pub fn person(page: &mut Session, id: &str, who: &str) {
    select(page, id, "person", who);
}

pub fn fire(page: &mut Session, id: &str) {
    page.browser.click(&format!("#fr-{id} .fr-fire")).unwrap();
}

pub fn visit(page: &mut Session, id: &str, path: &str) {
    page.browser
        .click(&format!(
            "#fr-{id} .fr-page[data-path=\"{path}\"] .fr-visit"
        ))
        .unwrap();
}

/// The last action's log lines; `class` narrows them (`fr-log-error`,
/// `fr-log-warning`, `fr-log-invalidate`), `None` keeps every line.
pub fn log_texts(page: &mut Session, id: &str, class: Option<&str>) -> Vec<String> {
    let scope = class.map(|class| format!(".{class} ")).unwrap_or_default();
    let value = page
        .browser
        .eval(&format!(
            "[...document.querySelectorAll('#fr-{id} .fr-report .fr-log {scope}code')].map(c => c.textContent)"
        ))
        .unwrap();
    serde_json::from_value(value).unwrap()
}
