//! The four invalidation calls, with the rules of where each may run.

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

/// What a successful call means for an action's response.
pub(crate) struct Invalidated {
    /// The response must carry a fresh render (`updateTag`, `{ expire: 0 }`,
    /// `revalidatePath`, the one-argument form); `'max'` does not.
    pub revalidates_page: bool,
}

/// A call that threw: the rest of the request does not run.
pub(crate) struct Thrown;

fn throw(caller: &Caller, message: String, log: &mut Vec<Event>) -> Result<Invalidated, Thrown> {
    log.push(Event::Error {
        source: caller.source.into(),
        message,
    });
    Err(Thrown)
}

/// The checks `revalidate()` in Next.js makes before touching the cache.
fn check_store(caller: &Caller, expression: &str, log: &mut Vec<Event>) -> Result<(), Thrown> {
    match caller.context {
        Context::Job | Context::Client => {
            throw(caller, texts::store_missing(expression), log).map(|_| ())
        }
        Context::Render => {
            throw(caller, texts::during_render(caller.route, expression), log).map(|_| ())
        }
        Context::Action | Context::RouteHandler => Ok(()),
    }
}

fn log_invalidate(
    caller: &Caller,
    call: Call,
    target: Target,
    profile: Option<String>,
    matched: usize,
    log: &mut Vec<Event>,
) {
    let (tag, path) = match target {
        Target::Tag(tag) => (Some(tag.to_string()), None),
        Target::Path(path) => (None, Some(path.to_string())),
    };
    let shown = tag.clone().or(path.clone()).unwrap_or_default();
    log.push(Event::Invalidate {
        call,
        tag,
        path,
        profile,
        source: caller.source.into(),
        matched,
    });
    if matched == 0 {
        log.push(Event::Warning {
            source: caller.source.into(),
            kind: WarningKind::ZeroMatched,
            message: texts::zero_matched(&shown),
        });
    }
}

enum Target<'a> {
    Tag(&'a str),
    Path(&'a str),
}

/// `updateTag(tag)`.
pub(crate) fn update_tag(
    world: &mut World,
    caller: &Caller,
    tag: &str,
    log: &mut Vec<Event>,
) -> Result<Invalidated, Thrown> {
    if caller.context != Context::Action && caller.context != Context::Render {
        return throw(caller, texts::UPDATE_TAG_OUTSIDE_ACTION.into(), log);
    }
    check_store(caller, &texts::expression("updateTag", tag), log)?;
    let matched = world.invalidate(tag, Some(0));
    log_invalidate(
        caller,
        Call::UpdateTag,
        Target::Tag(tag),
        None,
        matched,
        log,
    );
    Ok(Invalidated {
        revalidates_page: true,
    })
}

/// `revalidateTag(tag, profile)`; `None` is the one-argument form.
pub(crate) fn revalidate_tag(
    world: &mut World,
    caller: &Caller,
    tag: &str,
    profile: Option<Expiry>,
    log: &mut Vec<Event>,
) -> Result<Invalidated, Thrown> {
    if profile.is_none() {
        log.push(Event::Warning {
            source: caller.source.into(),
            kind: WarningKind::Deprecation,
            message: texts::REVALIDATE_TAG_SINGLE_ARG.into(),
        });
    }
    check_store(caller, &texts::expression("revalidateTag", tag), log)?;
    let expire_after = profile.map_or(Some(0), Expiry::expire_after);
    let matched = world.invalidate(tag, expire_after);
    log_invalidate(
        caller,
        Call::RevalidateTag,
        Target::Tag(tag),
        profile.map(Expiry::code),
        matched,
        log,
    );
    Ok(Invalidated {
        revalidates_page: expire_after == Some(0),
    })
}

/// `revalidatePath(path, type?)`.
pub(crate) fn revalidate_path(
    world: &mut World,
    caller: &Caller,
    path: &str,
    kind: Option<PathKind>,
    log: &mut Vec<Event>,
) -> Result<Invalidated, Thrown> {
    let ignored = kind.is_none() && is_dynamic(path);
    if ignored {
        log.push(Event::Warning {
            source: caller.source.into(),
            kind: WarningKind::DynamicPathWithoutType,
            message: texts::dynamic_path_without_type(path),
        });
    }
    check_store(caller, &texts::expression("revalidatePath", path), log)?;
    let matched = world.invalidate(&path_tag(path, kind), Some(0));
    if ignored {
        log.push(Event::Invalidate {
            call: Call::RevalidatePath,
            tag: None,
            path: Some(path.into()),
            profile: None,
            source: caller.source.into(),
            matched,
        });
    } else {
        log_invalidate(
            caller,
            Call::RevalidatePath,
            Target::Path(path),
            None,
            matched,
            log,
        );
    }
    Ok(Invalidated {
        revalidates_page: true,
    })
}
