//! The four invalidation calls, with the rules of where each may run.

use serde::{Deserialize, Serialize};

use crate::app::{PathKind, is_dynamic, path_tag};
use crate::event::{Call, Event, WarningKind};
use crate::profile::Expiry;
use crate::script::Context;
use crate::texts;
use crate::world::World;

/// Who is calling, from where: what the error texts need.
pub(crate) struct Caller<'a> {
    pub context: Context,
    pub source: &'a str,
    /// The route being rendered, named in the during-render error.
    pub route: &'a str,
}

/// A call Next.js accepted: it is queued on the request (its work store's
/// pending tags) and applied when the Server Action or Route Handler ends,
/// stamped with that moment.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Pending {
    /// Which call.
    pub call: Call,
    /// The tag as called, for the tag calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The path as called, for `revalidatePath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The profile argument as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Who called it.
    pub source: String,
    /// The cache tag it reaches (a path's implicit tag for `revalidatePath`).
    pub target: String,
    /// Expire this many seconds after it is applied (`Some(0)`: at once);
    /// `None` marks stale only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_after: Option<u64>,
    /// An action's response must carry a fresh render (`updateTag`,
    /// `{ expire: 0 }`, `revalidatePath`, the one-argument form); `'max'`
    /// does not.
    pub revalidates_page: bool,
    /// `revalidatePath` on a dynamic pattern without `type`: logged with no
    /// tag, as it reaches nothing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pattern_without_type: bool,
}

/// A call that threw: the rest of the request does not run.
pub(crate) struct Thrown;

fn throw<T>(caller: &Caller, message: String, log: &mut Vec<Event>) -> Result<T, Thrown> {
    log.push(Event::Error {
        source: caller.source.into(),
        message,
    });
    Err(Thrown)
}

/// In the browser, `next/cache` exports stand-ins that throw at once.
fn in_browser(caller: &Caller, name: &str, log: &mut Vec<Event>) -> Result<(), Thrown> {
    if caller.context == Context::Client {
        return throw(caller, texts::server_only(name), log);
    }
    Ok(())
}

/// The checks `revalidate()` in Next.js makes before touching the cache.
fn check_store(caller: &Caller, expression: &str, log: &mut Vec<Event>) -> Result<(), Thrown> {
    match caller.context {
        Context::Job | Context::Client => throw(caller, texts::store_missing(expression), log),
        Context::Render => throw(caller, texts::during_render(caller.route, expression), log),
        Context::Action | Context::RouteHandler => Ok(()),
    }
}

fn queue(pending: Pending, log: &mut Vec<Event>) -> Result<Pending, Thrown> {
    log.push(Event::Queued {
        call: pending.call,
        tag: pending.tag.clone(),
        path: pending.path.clone(),
        profile: pending.profile.clone(),
        source: pending.source.clone(),
    });
    Ok(pending)
}

/// Apply a queued call to the cache, as the request ends.
pub(crate) fn apply(world: &mut World, pending: &Pending, log: &mut Vec<Event>) {
    let matched = world.invalidate(&pending.target, pending.expire_after);
    log.push(Event::Invalidate {
        call: pending.call,
        tag: pending.tag.clone(),
        path: pending.path.clone(),
        profile: pending.profile.clone(),
        source: pending.source.clone(),
        matched,
    });
    if matched == 0 && !pending.pattern_without_type {
        let shown = pending.tag.as_deref().or(pending.path.as_deref());
        log.push(Event::Warning {
            source: pending.source.clone(),
            kind: WarningKind::ZeroMatched,
            message: texts::zero_matched(shown.unwrap_or_default()),
        });
    }
}

/// `updateTag(tag)`.
pub(crate) fn update_tag(
    caller: &Caller,
    tag: &str,
    log: &mut Vec<Event>,
) -> Result<Pending, Thrown> {
    in_browser(caller, "updateTag", log)?;
    if caller.context != Context::Action && caller.context != Context::Render {
        return throw(caller, texts::UPDATE_TAG_OUTSIDE_ACTION.into(), log);
    }
    check_store(caller, &texts::expression("updateTag", tag), log)?;
    queue(
        Pending {
            call: Call::UpdateTag,
            tag: Some(tag.into()),
            path: None,
            profile: None,
            source: caller.source.into(),
            target: tag.into(),
            expire_after: Some(0),
            revalidates_page: true,
            pattern_without_type: false,
        },
        log,
    )
}

/// `revalidateTag(tag, profile)`; `None` is the one-argument form.
pub(crate) fn revalidate_tag(
    caller: &Caller,
    tag: &str,
    profile: Option<Expiry>,
    log: &mut Vec<Event>,
) -> Result<Pending, Thrown> {
    in_browser(caller, "revalidateTag", log)?;
    if profile.is_none() {
        log.push(Event::Warning {
            source: caller.source.into(),
            kind: WarningKind::Deprecation,
            message: texts::REVALIDATE_TAG_SINGLE_ARG.into(),
        });
    }
    check_store(caller, &texts::expression("revalidateTag", tag), log)?;
    let expire_after = profile.map_or(Some(0), Expiry::expire_after);
    queue(
        Pending {
            call: Call::RevalidateTag,
            tag: Some(tag.into()),
            path: None,
            profile: profile.map(Expiry::code),
            source: caller.source.into(),
            target: tag.into(),
            expire_after,
            revalidates_page: expire_after == Some(0),
            pattern_without_type: false,
        },
        log,
    )
}

/// `revalidatePath(path, type?)`.
pub(crate) fn revalidate_path(
    caller: &Caller,
    path: &str,
    kind: Option<PathKind>,
    log: &mut Vec<Event>,
) -> Result<Pending, Thrown> {
    in_browser(caller, "revalidatePath", log)?;
    let ignored = kind.is_none() && is_dynamic(path);
    if ignored {
        log.push(Event::Warning {
            source: caller.source.into(),
            kind: WarningKind::DynamicPathWithoutType,
            message: texts::dynamic_path_without_type(path),
        });
    }
    check_store(caller, &texts::expression("revalidatePath", path), log)?;
    queue(
        Pending {
            call: Call::RevalidatePath,
            tag: None,
            path: Some(path.into()),
            profile: None,
            source: caller.source.into(),
            target: path_tag(path, kind),
            expire_after: Some(0),
            revalidates_page: true,
            pattern_without_type: ignored,
        },
        log,
    )
}
