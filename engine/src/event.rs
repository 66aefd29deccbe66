//! The structured log: one event per thing that happened, in order.

use serde::{Deserialize, Serialize};

/// What a read got from the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum ReadOutcome {
    /// A valid entry: no work.
    Hit,
    /// A stale entry: its old value was served and a recompute queued.
    Stale,
    /// No entry: the read blocked and computed one.
    Miss,
    /// An expired entry: the read blocked and recomputed it.
    Expired,
    /// Not cached at all (`no-store`, development mode, an uncached fetch).
    Uncached,
}

/// The invalidation call behind an `invalidate` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
pub enum Call {
    /// `updateTag(tag)`.
    #[serde(rename = "updateTag")]
    UpdateTag,
    /// `revalidateTag(tag, profile)`.
    #[serde(rename = "revalidateTag")]
    RevalidateTag,
    /// `revalidatePath(path, type?)`.
    #[serde(rename = "revalidatePath")]
    RevalidatePath,
}

impl Call {
    /// The function's name in code.
    pub fn name(self) -> &'static str {
        match self {
            Call::UpdateTag => "updateTag",
            Call::RevalidateTag => "revalidateTag",
            Call::RevalidatePath => "revalidatePath",
        }
    }
}

/// Why a warning was logged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// An invalidation matched no entry.
    ZeroMatched,
    /// A read's tag was too long, or one too many.
    DroppedTag,
    /// `revalidateTag` with one argument.
    Deprecation,
    /// `revalidatePath` on a dynamic pattern without `type`.
    DynamicPathWithoutType,
}

/// How a render came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum RenderCause {
    /// A navigation.
    Visit,
    /// `router.refresh()`.
    Refresh,
    /// A reload with `cache-control: no-cache`.
    HardReload,
    /// `redirect()` inside the action's response.
    Redirect,
    /// A Server Action's response re-rendering the current page.
    ActionResponse,
    /// Rendered before the scenario starts.
    Warm,
}

/// One entry of the log.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// A route rendered for an actor.
    Render {
        /// Whose page.
        actor: String,
        /// The URL.
        path: String,
        /// Why.
        cause: RenderCause,
    },
    /// A cached read inside a render.
    Read {
        /// Whose render.
        actor: String,
        /// The read's key.
        read: String,
        /// What the cache did.
        outcome: ReadOutcome,
        /// The value the page got.
        value: String,
    },
    /// A queued background recompute ran and stored a fresh value.
    Recompute {
        /// The read's key.
        read: String,
        /// The new value.
        value: String,
    },
    /// A transaction began.
    Begin {
        /// Whose.
        actor: String,
    },
    /// A row was written (or removed, with no value).
    Write {
        /// Who wrote.
        actor: String,
        /// The row.
        row: String,
        /// The new value; absent for a removal.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<String>,
        /// Inside an open transaction, so not yet visible.
        in_transaction: bool,
    },
    /// A transaction committed its rows.
    Commit {
        /// Whose.
        actor: String,
        /// The rows it made visible.
        rows: Vec<String>,
    },
    /// A transaction rolled back.
    Rollback {
        /// Whose.
        actor: String,
        /// The rows it discarded.
        rows: Vec<String>,
    },
    /// An invalidation call returned: Next.js only queued it on the
    /// request; it is applied when the action or handler ends.
    Queued {
        /// Which call.
        call: Call,
        /// The tag, for the tag calls.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tag: Option<String>,
        /// The path, for `revalidatePath`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        path: Option<String>,
        /// The profile argument as written, for `revalidateTag`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        profile: Option<String>,
        /// Who called it.
        source: String,
    },
    /// A queued invalidation applied as its request ended, stamped with that
    /// moment: the log line the course asks every invalidation to emit.
    Invalidate {
        /// Which call.
        call: Call,
        /// The tag, for the tag calls.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tag: Option<String>,
        /// The path, for `revalidatePath`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        path: Option<String>,
        /// The profile argument as written, for `revalidateTag`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        profile: Option<String>,
        /// Who called it.
        source: String,
        /// How many entries it reached.
        matched: usize,
    },
    /// A warning (Next.js's or the model's own).
    Warning {
        /// Who caused it.
        source: String,
        /// Why.
        kind: WarningKind,
        /// The text.
        message: String,
    },
    /// A thrown error: the rest of that request does not run.
    Error {
        /// Who threw.
        source: String,
        /// The text.
        message: String,
    },
    /// `redirect(path)`: the action stops here.
    Redirect {
        /// Whose browser.
        actor: String,
        /// Where to.
        path: String,
    },
    /// A server request answered.
    Respond {
        /// Who answered.
        actor: String,
        /// HTTP status.
        status: u16,
    },
    /// A step that did not run because its request had ended.
    Skipped {
        /// Whose.
        actor: String,
        /// The step, as code.
        op: String,
    },
    /// Virtual time passed.
    Clock {
        /// The new time in seconds.
        now: u64,
    },
    /// The poll saw what it waited for and stopped.
    PollStopped {
        /// Whose page.
        actor: String,
        /// How many refreshes it took.
        polls: u32,
    },
    /// The poll reached its limit and gave up.
    GaveUp {
        /// Whose page.
        actor: String,
        /// How many refreshes it made.
        polls: u32,
    },
}
