//! The server's state: the clock, the committed rows, the data cache and
//! the queue of background recomputes.

use crate::map::Map;

use serde::{Deserialize, Serialize};

use crate::app::{App, CacheMode, Mode, Route, implicit_tags};
use crate::event::{Event, ReadOutcome, WarningKind};
use crate::profile::Times;
use crate::tags;

/// How a cache entry would answer a read right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryState {
    /// Served as it is.
    Fresh,
    /// Served once more while a recompute runs.
    Stale,
    /// The next read blocks and recomputes.
    Expired,
}

/// One entry of the data cache.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Entry {
    /// The cached value.
    pub value: String,
    /// The tags Next.js kept (explicit ones, after the limits).
    pub tags: Vec<String>,
    /// The implicit path tags of the render that created it.
    pub implicit_tags: Vec<String>,
    /// When it was computed.
    pub created: u64,
    /// Its profile's times.
    pub times: Times,
    /// Marked stale by an invalidation.
    pub marked_stale: bool,
    /// Expiry set by an invalidation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_at: Option<u64>,
}

impl Entry {
    /// The entry's state at `now`.
    pub fn state(&self, now: u64) -> EntryState {
        let age = now.saturating_sub(self.created);
        let expired = self.expire_at.is_some_and(|at| now >= at)
            || self.times.expire.is_some_and(|expire| age >= expire);
        if expired {
            EntryState::Expired
        } else if self.marked_stale || self.times.revalidate.is_some_and(|r| age >= r) {
            EntryState::Stale
        } else {
            EntryState::Fresh
        }
    }

    fn carries(&self, tag: &str) -> bool {
        self.tags
            .iter()
            .chain(&self.implicit_tags)
            .any(|t| t == tag)
    }
}

/// The server side of a scenario.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct World {
    /// Virtual seconds.
    pub clock: u64,
    /// Committed rows.
    pub rows: Map<String, String>,
    /// The data cache, by read key.
    pub entries: Map<String, Entry>,
    /// Reads whose stale entry is waiting for its background recompute.
    pub pending: Vec<String>,
}

/// Where a read runs: the route decides whether a plain fetch is cached and
/// which implicit tags a new entry gets.
pub(crate) struct RenderSite<'a> {
    pub route: &'a Route,
    pub path: &'a str,
    pub actor: &'a str,
    /// Tags this render treats as expired (a redirect carries the tags its
    /// action queued).
    pub revalidated: &'a [String],
    /// The request carried `cache-control: no-cache`.
    pub no_cache: bool,
}

impl World {
    /// The committed rows of `app`, nothing cached yet.
    pub fn new(app: &App) -> World {
        World {
            rows: app.rows.clone(),
            ..World::default()
        }
    }

    /// Read `key` through the cache, as a render at `site` would.
    pub(crate) fn read(
        &mut self,
        app: &App,
        key: &str,
        site: &RenderSite,
        log: &mut Vec<Event>,
    ) -> String {
        let Some(read) = app.read(key) else {
            log.push(Event::Error {
                source: site.actor.into(),
                message: format!("no read named {}", crate::texts::Quoted(key)),
            });
            return String::new();
        };
        let fresh_value = read.value(&self.rows);
        // Under Cache Components a fetch is cached only when it asks to be;
        // one with no cache option is a dynamic hole, computed per request.
        let cached = match read.cache {
            CacheMode::UseCache { .. } => true,
            CacheMode::Fetch { revalidate } => revalidate.is_some(),
            CacheMode::NoStore => false,
        };
        // `next dev` caches as `next start` does, except for a request that
        // asks for no cache (a hard reload, DevTools' "Disable cache"): that
        // one recomputes and stores what it computed.
        let bypass = app.mode == Mode::Development && site.no_cache;
        let (outcome, value) = if !cached {
            (ReadOutcome::Uncached, fresh_value)
        } else {
            let state = self.entries.get(key).map(|entry| {
                if bypass || site.revalidated.iter().any(|tag| entry.carries(tag)) {
                    EntryState::Expired
                } else {
                    entry.state(self.clock)
                }
            });
            match state {
                Some(EntryState::Fresh) => (ReadOutcome::Hit, self.entries[key].value.clone()),
                Some(EntryState::Stale) => {
                    if !self.pending.iter().any(|queued| queued == key) {
                        self.pending.push(key.into());
                    }
                    (ReadOutcome::Stale, self.entries[key].value.clone())
                }
                state => {
                    let times = match read.cache {
                        CacheMode::UseCache { profile } => profile.times(),
                        _ => Times {
                            stale: 0,
                            revalidate: match read.cache {
                                CacheMode::Fetch { revalidate } => revalidate,
                                _ => None,
                            },
                            expire: None,
                        },
                    };
                    let description = match read.cache {
                        CacheMode::UseCache { .. } => "`cacheTag()`".to_string(),
                        _ => read.key.clone(),
                    };
                    let (kept, warnings) = tags::validate(&read.tags, &description);
                    for message in warnings {
                        log.push(Event::Warning {
                            source: site.actor.into(),
                            kind: WarningKind::DroppedTag,
                            message,
                        });
                    }
                    self.entries.insert(
                        key.into(),
                        Entry {
                            value: fresh_value.clone(),
                            tags: kept,
                            implicit_tags: implicit_tags(&site.route.pattern, site.path),
                            created: self.clock,
                            times,
                            marked_stale: false,
                            expire_at: None,
                        },
                    );
                    let outcome = if state.is_some() {
                        ReadOutcome::Expired
                    } else {
                        ReadOutcome::Miss
                    };
                    (outcome, fresh_value)
                }
            }
        };
        log.push(Event::Read {
            actor: site.actor.into(),
            read: key.into(),
            outcome,
            value: value.clone(),
        });
        value
    }

    /// Run the oldest queued recompute, if any.
    pub(crate) fn recompute_next(&mut self, app: &App, log: &mut Vec<Event>) -> bool {
        if self.pending.is_empty() {
            return false;
        }
        let key = self.pending.remove(0);
        if let (Some(read), Some(entry)) = (app.read(&key), self.entries.get_mut(&key)) {
            entry.value = read.value(&self.rows);
            entry.created = self.clock;
            entry.marked_stale = false;
            entry.expire_at = None;
            log.push(Event::Recompute {
                read: key,
                value: entry.value.clone(),
            });
        }
        true
    }

    /// Mark every entry carrying `tag` stale, expiring `expire_after` seconds
    /// from now (`Some(0)`: at once). Returns how many it reached.
    pub(crate) fn invalidate(&mut self, tag: &str, expire_after: Option<u64>) -> usize {
        let now = self.clock;
        let mut matched = 0;
        for entry in self.entries.values_mut().filter(|entry| entry.carries(tag)) {
            matched += 1;
            entry.marked_stale = true;
            if let Some(after) = expire_after {
                // A year-long profile near the end of time must not wrap.
                let at = now.saturating_add(after);
                entry.expire_at = Some(entry.expire_at.map_or(at, |old| old.min(at)));
            }
        }
        matched
    }

    /// Entries that will be served as valid although the committed rows say
    /// otherwise: stale for good, until something invalidates them again.
    ///
    /// ```
    /// # use cache_engine::prelude::*;
    /// let trap = cases::ordering_exercise(&cases::ORDERING_TRAP);
    /// let summary = explore(&trap);
    /// assert!(summary.any_stale_for_good());
    /// ```
    pub fn stale_for_good(&self, app: &App) -> Vec<String> {
        self.entries
            .iter()
            .filter(|(key, entry)| {
                entry.state(self.clock) == EntryState::Fresh
                    && app
                        .read(key)
                        .is_some_and(|read| read.value(&self.rows) != entry.value)
            })
            .map(|(key, _)| key.clone())
            .collect()
    }
}
