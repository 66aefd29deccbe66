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

/// Longest tag Next.js keeps, in UTF-16 units (JavaScript's `length`).
pub const MAX_TAG_LENGTH: usize = 256;
/// Most tags one `cacheTag()` call or `fetch` may carry before Next.js
/// drops the rest (see [`validate`] for the one it keeps past it).
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

/// Tags a cached read keeps, and the warnings Next.js prints for the rest,
/// as `validateTags` in Next.js 16.4.6 decides them: in order, a tag longer
/// than [`MAX_TAG_LENGTH`] UTF-16 units is set aside; once more than
/// [`MAX_TAGS`] are kept, the rest are named as dropped and none of them is
/// looked at again. (Its check comes after the push, so the first tag it
/// names as dropped is in fact kept: the model keeps it too.)
pub(crate) fn validate(tags: &[String], description: &str) -> (Vec<String>, Vec<String>) {
    let mut kept = Vec::new();
    let mut too_long = Vec::new();
    let mut warnings = Vec::new();
    for (index, tag) in tags.iter().enumerate() {
        if tag.encode_utf16().count() > MAX_TAG_LENGTH {
            too_long.push(tag.clone());
        } else {
            kept.push(tag.clone());
        }
        if kept.len() > MAX_TAGS {
            warnings.push(texts::too_many_tags(description, &tags[index..]));
            break;
        }
    }
    if !too_long.is_empty() {
        warnings.push(texts::invalid_tags(description, &too_long, MAX_TAG_LENGTH));
    }
    (kept, warnings)
}
