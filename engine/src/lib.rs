//! A deterministic model of Next.js 16 caching and invalidation: the engine
//! behind Fresh Reads' race stepper and cache playground.
//!
//! The model: a virtual clock, rows with transactions, a data cache of
//! tagged reads with `cacheLife` profiles, routes, and actors (browsers,
//! Server Actions, route handlers, jobs) whose steps interleave. The four
//! calls behave as in Next.js 16, with its error and warning texts, and
//! every step yields structured events and a snapshot.
//!
//! ```
//! # use cache_engine::prelude::*;
//! // A webhook may not call updateTag: it throws, and the page stays Free.
//! let options = race::RaceOptions { fires: race::Fires::UpdateTag, ..Default::default() };
//! let run = race::checkout_race(&options).run();
//! assert!(run.log().iter().any(|event| matches!(event,
//!     Event::Error { message, .. } if message.starts_with(texts::UPDATE_TAG_OUTSIDE_ACTION))));
//! assert_eq!(race::shown_after(&run), Some(PollEnd::GaveUp(10)));
//! ```

pub mod app;
mod calls;
pub mod caption;
pub mod cases;
pub mod check;
pub mod event;
pub mod explore;
pub mod invoicing;
pub mod map;
pub mod profile;
pub mod race;
pub mod script;
pub mod snapshot;
pub mod state;
pub mod stepper;
pub mod tags;
pub mod texts;
pub mod world;

/// Everything a chapter sample or a widget needs, in one import.
pub mod prelude {
    pub use crate::app::{App, CacheMode, Mode, PathKind, Read, Route};
    pub use crate::cases;
    pub use crate::event::{Call, Event, ReadOutcome, RenderCause, WarningKind};
    pub use crate::explore::{Exploration, Outcome, TooManyStates, explore, explore_within};
    pub use crate::invoicing::{self, Mutation, Playground};
    pub use crate::map::Map;
    pub use crate::profile::{CacheLife, Expiry, Profile};
    pub use crate::race;
    pub use crate::script::{Actor, Context, Op, Scenario};
    pub use crate::snapshot::Snapshot;
    pub use crate::state::{PageView, PollEnd};
    pub use crate::stepper::{Step, Stepper};
    pub use crate::tags::{invoice_tags, org_tags, user_tags};
    pub use crate::texts;
    pub use crate::world::EntryState;
}
