//! The course's `lib/tags.ts`, in Rust: the one place tag strings are built,
//! so a read and the write that invalidates it cannot drift apart.
//!
//! ```
//! use cache_engine::tags::{invoice_tags, org_tags, user_tags};
//! assert_eq!(invoice_tags::list("acme"), "org:acme:invoices");
//! assert_eq!(invoice_tags::record("acme", "inv_1"), "org:acme:invoice:inv_1");
//! assert_eq!(org_tags::all("acme"), "org:acme");
//! assert_eq!(user_tags::all("u_carol"), "user:u_carol");
//! ```

use crate::texts;

/// Longest tag Next.js keeps, in characters.
pub const MAX_TAG_LENGTH: usize = 256;
/// Most tags Next.js keeps on one entry.
pub const MAX_TAGS: usize = 128;

/// `invoiceTags` in `lib/tags.ts`.
pub mod invoice_tags {
    /// `invoiceTags.list(orgId)`: the org's invoice list read.
    pub fn list(org_id: &str) -> String {
        format!("org:{org_id}:invoices")
    }
    /// `invoiceTags.record(orgId, id)`: one invoice's detail read.
    pub fn record(org_id: &str, id: &str) -> String {
        format!("org:{org_id}:invoice:{id}")
    }
}

/// `orgTags` in `lib/tags.ts`.
pub mod org_tags {
    /// `orgTags.all(orgId)`: membership, entitlement, the analytics summary;
    /// the invoice detail reads carry it too (generous reads).
    pub fn all(org_id: &str) -> String {
        format!("org:{org_id}")
    }
}

/// `userTags` in `lib/tags.ts`.
pub mod user_tags {
    /// `userTags.all(userId)`: one user's own reads.
    pub fn all(user_id: &str) -> String {
        format!("user:{user_id}")
    }
}

/// Tags a cached read keeps, and the warnings Next.js prints for the rest.
pub(crate) fn validate(tags: &[String], description: &str) -> (Vec<String>, Vec<String>) {
    let (kept, too_long): (Vec<String>, Vec<String>) = tags
        .iter()
        .cloned()
        .partition(|tag| tag.chars().count() <= MAX_TAG_LENGTH);
    let mut warnings = Vec::new();
    let mut kept = kept;
    if kept.len() > MAX_TAGS {
        let dropped = kept.split_off(MAX_TAGS);
        warnings.push(texts::too_many_tags(description, &dropped));
    }
    if !too_long.is_empty() {
        warnings.push(texts::invalid_tags(description, &too_long, MAX_TAG_LENGTH));
    }
    (kept, warnings)
}
