//! The application being simulated: rows, cached reads and routes.

use std::collections::BTreeSet;

use crate::map::Map;

use serde::{Deserialize, Serialize};

use crate::profile::{CacheLife, Profile};

/// `next dev` or `next start`. Both cache the same way; in development a
/// request with `cache-control: no-cache` (a hard reload) recomputes.
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// `next dev`: nothing is prerendered, and a hard reload bypasses the cache.
    Development,
    /// `next build && next start`.
    #[default]
    Production,
}

/// How a read is cached.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CacheMode {
    /// A `'use cache'` function with `cacheTag(...)` and `cacheLife(profile)`.
    UseCache {
        /// The `cacheLife` profile.
        profile: Profile,
    },
    /// `fetch(url, { next: { tags, revalidate } })`. Without `revalidate` the
    /// fetch is not cached at all: under Cache Components a fetch with no
    /// cache option is computed on every request.
    Fetch {
        /// `next.revalidate`, in seconds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        revalidate: Option<u64>,
    },
    /// `cache: 'no-store'`: no entry, so nothing can invalidate it.
    NoStore,
}

impl Default for CacheMode {
    fn default() -> Self {
        CacheMode::UseCache {
            profile: Profile::Named(CacheLife::Max),
        }
    }
}

/// A cached read: the rows it reads, its tags and how it is cached.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Read {
    /// A name for the read, unique in the app.
    pub key: String,
    /// The committed rows its value is derived from.
    pub rows: Vec<String>,
    /// Every tag that could apply (reads are generous).
    #[serde(default)]
    pub tags: Vec<String>,
    /// How it is cached.
    #[serde(default)]
    pub cache: CacheMode,
}

impl Read {
    /// A `'use cache'` read with `cacheLife('max')`.
    pub fn new(key: &str, rows: &[&str], tags: &[String]) -> Read {
        Read {
            key: key.into(),
            rows: rows.iter().map(|row| row.to_string()).collect(),
            tags: tags.to_vec(),
            cache: CacheMode::default(),
        }
    }

    /// The same read, cached differently.
    pub fn cached(mut self, cache: CacheMode) -> Read {
        self.cache = cache;
        self
    }

    /// The read's value over these rows: their values joined by ` · `,
    /// leaving out missing rows; `(none)` when all are missing.
    pub fn value(&self, rows: &Map<String, String>) -> String {
        let values: Vec<&str> = self
            .rows
            .iter()
            .filter_map(|row| rows.get(row).map(String::as_str))
            .collect();
        if values.is_empty() {
            "(none)".into()
        } else {
            values.join(" · ")
        }
    }
}

/// A page (or route handler) pattern and the reads it renders, layouts included.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// `/invoices/[id]`, `/(marketing)/pricing`.
    pub pattern: String,
    /// Read keys; `[id]` in a key is replaced by the URL's segment.
    pub reads: Vec<String>,
    /// The page calls `cookies()` or `headers()`, so it renders dynamically.
    #[serde(default)]
    pub dynamic: bool,
}

/// The whole application.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct App {
    /// Development or production.
    #[serde(default)]
    pub mode: Mode,
    /// Committed rows at the start.
    #[serde(default)]
    pub rows: Map<String, String>,
    /// Cached reads.
    #[serde(default)]
    pub reads: Vec<Read>,
    /// Pages.
    #[serde(default)]
    pub routes: Vec<Route>,
    /// Paths rendered before the scenario starts, so their entries exist.
    #[serde(default)]
    pub warm: Vec<String>,
    /// `REVALIDATION_SECRET` as the host sees it; `None` when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revalidation_secret: Option<String>,
}

/// A read the mutation changes, with the narrowest of its tags.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Affected {
    /// The read's key.
    pub read: String,
    /// Its tag naming the fewest reads; `None` when it has no tag (use a path).
    pub narrowest_tag: Option<String>,
}

impl App {
    /// The read with this key.
    pub fn read(&self, key: &str) -> Option<&Read> {
        self.reads.iter().find(|read| read.key == key)
    }

    /// The route matching a URL path, and the read keys it renders there.
    ///
    /// ```
    /// # use cache_engine::prelude::*;
    /// let app = invoicing::app(&invoicing::Options::default());
    /// let (route, reads) = app.route_for("/users/u_bob").unwrap();
    /// assert_eq!(route.pattern, "/users/[id]");
    /// assert_eq!(reads, ["profile:u_bob", "my-orgs:u_bob"]);
    /// assert!(app.route_for("/users").is_none());
    /// ```
    pub fn route_for(&self, path: &str) -> Option<(&Route, Vec<String>)> {
        let wanted: Vec<&str> = segments(path).collect();
        self.routes.iter().find_map(|route| {
            let pattern: Vec<&str> = segments(&route.pattern)
                .filter(|segment| !is_group(segment))
                .collect();
            if pattern.len() != wanted.len() {
                return None;
            }
            let mut params = Vec::new();
            for (pat, seg) in pattern.iter().zip(&wanted) {
                if pat.starts_with('[') {
                    params.push((*pat, *seg));
                } else if pat != seg {
                    return None;
                }
            }
            let reads = route.reads.iter().map(|key| fill(key, &params)).collect();
            Some((route, reads))
        })
    }

    /// Every read whose rows include one of `changed`, each with the
    /// narrowest tag naming it: the must-fire set of a mutation.
    ///
    /// ```
    /// # use cache_engine::prelude::*;
    /// let app = invoicing::app(&invoicing::Options::default());
    /// let fire = app.must_fire(&invoicing::Mutation::RemoveMember.changed_rows());
    /// assert_eq!(fire, [org_tags::all("acme"), user_tags::all("u_carol")].into());
    /// ```
    pub fn affected_reads(&self, changed: &[String]) -> Vec<Affected> {
        self.reads
            .iter()
            .filter(|read| read.rows.iter().any(|row| changed.contains(row)))
            .map(|read| Affected {
                read: read.key.clone(),
                narrowest_tag: read
                    .tags
                    .iter()
                    .min_by_key(|tag| self.reads.iter().filter(|r| r.tags.contains(tag)).count())
                    .cloned(),
            })
            .collect()
    }

    /// The narrowest covering set of tags for a mutation of `changed`.
    pub fn must_fire(&self, changed: &[String]) -> BTreeSet<String> {
        self.affected_reads(changed)
            .into_iter()
            .filter_map(|affected| affected.narrowest_tag)
            .collect()
    }
}

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|segment| !segment.is_empty())
}

/// `key` with each `[param]` in it replaced by the URL segment it matched.
/// (Scanned by hand rather than by `str::replace`, whose substring searcher
/// would be the only one in the bundle.)
fn fill(key: &str, params: &[(&str, &str)]) -> String {
    let mut filled = String::new();
    let mut rest = key;
    while let Some(open) = rest.find('[') {
        let close = rest[open..]
            .find(']')
            .map_or(rest.len(), |at| open + at + 1);
        let param = &rest[open..close];
        let segment = params.iter().find(|(name, _)| *name == param);
        filled.push_str(&rest[..open]);
        filled.push_str(segment.map_or(param, |(_, segment)| segment));
        rest = &rest[close..];
    }
    filled + rest
}

fn is_group(segment: &str) -> bool {
    segment.starts_with('(') && segment.ends_with(')')
}

/// The prefix Next.js gives the implicit tags a render attaches.
pub const IMPLICIT_TAG_PREFIX: &str = "_N_T_";

/// The implicit tags a render of `pattern` at `path` attaches to the entries
/// it creates: each layout above the page, the page file, and the URL.
/// `revalidatePath` works by expiring one of them.
pub(crate) fn implicit_tags(pattern: &str, path: &str) -> Vec<String> {
    let mut tags = vec![format!("{IMPLICIT_TAG_PREFIX}/layout")];
    let mut prefix = String::new();
    for segment in segments(pattern) {
        prefix.push('/');
        prefix.push_str(segment);
        tags.push(format!("{IMPLICIT_TAG_PREFIX}{prefix}/layout"));
    }
    tags.push(format!("{IMPLICIT_TAG_PREFIX}{prefix}/page"));
    let url = path.trim_end_matches('/');
    tags.push(format!(
        "{IMPLICIT_TAG_PREFIX}{}",
        if url.is_empty() { "/" } else { url }
    ));
    tags
}

/// The tag `revalidatePath(path, type)` expires.
pub(crate) fn path_tag(path: &str, kind: Option<PathKind>) -> String {
    let trimmed = path.trim_end_matches('/');
    let mut tag = format!("{IMPLICIT_TAG_PREFIX}{trimmed}");
    match kind {
        Some(kind) => {
            if !tag.ends_with('/') {
                tag.push('/');
            }
            tag.push_str(kind.name());
        }
        None if trimmed.is_empty() => tag.push('/'),
        None => {}
    }
    tag
}

/// A path with a `[segment]` is a pattern, not a URL.
pub(crate) fn is_dynamic(path: &str) -> bool {
    segments(path).any(|segment| segment.starts_with('[') && segment.ends_with(']'))
}

/// The `type` argument of `revalidatePath`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PathKind {
    /// The pages of that file.
    Page,
    /// The layout and everything under it.
    Layout,
}

impl PathKind {
    /// `page` or `layout`.
    pub fn name(self) -> &'static str {
        match self {
            PathKind::Page => "page",
            PathKind::Layout => "layout",
        }
    }
}
