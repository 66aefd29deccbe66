//! `cacheLife` profiles and the second argument of `revalidateTag`.

use serde::{Deserialize, Serialize};

/// The built-in `cacheLife` profiles of Next.js 16.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CacheLife {
    /// 300 / 900 / never.
    Default,
    /// 30 / 1 / 60.
    Seconds,
    /// 300 / 60 / 3600.
    Minutes,
    /// 300 / 3600 / 86400.
    Hours,
    /// 300 / 86400 / 604800.
    Days,
    /// 300 / 604800 / 2592000.
    Weeks,
    /// 300 / 2592000 / 31536000: in practice, never on its own.
    Max,
}

/// Stale, revalidate and expire times in seconds; `None` is "never".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Times {
    /// How long the client router may reuse the value (not modelled beyond display).
    pub stale: u64,
    /// After this age a read is served stale and triggers a recompute.
    pub revalidate: Option<u64>,
    /// After this age a read blocks and recomputes.
    pub expire: Option<u64>,
}

impl CacheLife {
    /// The profile's times, from the Next.js 16 table.
    ///
    /// ```
    /// use cache_engine::profile::CacheLife;
    /// assert_eq!(CacheLife::Max.times().expire, Some(31_536_000));
    /// assert_eq!(CacheLife::Default.times().expire, None);
    /// ```
    pub fn times(self) -> Times {
        let (stale, revalidate, expire) = match self {
            CacheLife::Default => (300, 900, None),
            CacheLife::Seconds => (30, 1, Some(60)),
            CacheLife::Minutes => (300, 60, Some(3_600)),
            CacheLife::Hours => (300, 3_600, Some(86_400)),
            CacheLife::Days => (300, 86_400, Some(604_800)),
            CacheLife::Weeks => (300, 604_800, Some(2_592_000)),
            CacheLife::Max => (300, 2_592_000, Some(31_536_000)),
        };
        Times {
            stale,
            revalidate: Some(revalidate),
            expire,
        }
    }

    /// The name as written in code: `'max'`.
    pub fn name(self) -> &'static str {
        match self {
            CacheLife::Default => "default",
            CacheLife::Seconds => "seconds",
            CacheLife::Minutes => "minutes",
            CacheLife::Hours => "hours",
            CacheLife::Days => "days",
            CacheLife::Weeks => "weeks",
            CacheLife::Max => "max",
        }
    }
}

/// A cached read's lifetime: a built-in profile or custom times.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Profile {
    /// `cacheLife('max')`.
    Named(CacheLife),
    /// `cacheLife({ stale, revalidate, expire })`.
    Custom(Times),
}

impl Profile {
    /// The times this profile gives an entry.
    pub fn times(self) -> Times {
        match self {
            Profile::Named(life) => life.times(),
            Profile::Custom(times) => times,
        }
    }
}

/// The second argument of `revalidateTag`: only its `expire` is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Expiry {
    /// `revalidateTag(tag, 'max')`.
    Named(CacheLife),
    /// `revalidateTag(tag, { expire: 0 })`.
    Inline {
        /// Seconds until the tagged entries expire.
        expire: u64,
    },
}

impl Expiry {
    /// `{ expire: 0 }`: expire at once, like `updateTag`.
    pub const NOW: Expiry = Expiry::Inline { expire: 0 };
    /// `'max'`: stale now, expired in a year.
    pub const MAX: Expiry = Expiry::Named(CacheLife::Max);

    /// Seconds from the call until the entries expire; a profile that never
    /// expires leaves them stale but servable indefinitely.
    pub fn expire_after(self) -> Option<u64> {
        match self {
            Expiry::Named(life) => life.times().expire,
            Expiry::Inline { expire } => Some(expire),
        }
    }

    /// The argument as written in code: `'max'` or `{ expire: 0 }`.
    pub fn code(self) -> String {
        match self {
            Expiry::Named(life) => format!("'{}'", life.name()),
            Expiry::Inline { expire } => format!("{{ expire: {expire} }}"),
        }
    }
}
