//! Worked case 5, the checkout race, parameterised by its what-ifs.

use serde::{Deserialize, Serialize};

use crate::app::Read;
use crate::app::{App, Route};
use crate::profile::Expiry;
use crate::script::{Actor, Context, Op, Scenario};
use crate::tags::org_tags;

/// When the Stripe webhook lands.
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum Arrival {
    /// Before the browser is redirected back.
    BeforeRedirect,
    /// After the success page has refreshed this many times.
    AfterPolls(u32),
    /// Never (Stripe gave up, or the endpoint is misconfigured).
    Never,
}

/// What the webhook does after writing the plan.
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum Fires {
    /// `revalidateTag(orgTags.all(orgId), 'max')`: the course's answer.
    Max,
    /// `revalidateTag(orgTags.all(orgId), { expire: 0 })`.
    ExpireNow,
    /// `updateTag(orgTags.all(orgId))`: throws in a route handler.
    UpdateTag,
    /// Nothing: the forgotten invalidation.
    Nothing,
}

impl Fires {
    /// Every call the webhook can fire, in the order the controls offer them.
    pub const ALL: [Fires; 4] = [
        Fires::Max,
        Fires::ExpireNow,
        Fires::UpdateTag,
        Fires::Nothing,
    ];
}

/// The most seconds between refreshes: the stepper's control offers no more.
pub const MAX_POLL_EVERY: u64 = 60;
/// The most refreshes before the page gives up, and the latest refresh the
/// webhook may land after: past them the stepper's lanes and its explorer's
/// table stop fitting a page. The build refuses presets past these limits,
/// the controls offer no more, and saved options past them are discarded.
pub const MAX_REFRESHES: u32 = 30;

/// The race's what-ifs.
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json", derive(fresh_json::FromJson, fresh_json::ToJson))]
#[cfg_attr(feature = "arbitrary", derive(proptest_derive::Arbitrary))]
// A preset names only the what-ifs it changes; the rest are the lesson's.
#[serde(default, deny_unknown_fields)]
pub struct RaceOptions {
    /// When the webhook lands.
    pub arrival: Arrival,
    /// What it fires.
    pub fires: Fires,
    /// Seconds between the success page's refreshes.
    pub poll_every: u64,
    /// Refreshes before the page gives up.
    pub give_up_after: u32,
}

impl Default for RaceOptions {
    /// The brief's story: the webhook lands after the first refresh and fires `'max'`.
    fn default() -> Self {
        RaceOptions {
            arrival: Arrival::AfterPolls(1),
            fires: Fires::Max,
            poll_every: 2,
            give_up_after: 10,
        }
    }
}

impl RaceOptions {
    /// Whether every what-if is within the limits above (an interval and a
    /// give-up limit of at least 1).
    ///
    /// ```
    /// # use cache_engine::race::*;
    /// assert!(RaceOptions { poll_every: MAX_POLL_EVERY, give_up_after: MAX_REFRESHES, ..Default::default() }.within_limits());
    /// assert!(!RaceOptions { poll_every: MAX_POLL_EVERY + 1, ..Default::default() }.within_limits());
    /// ```
    pub fn within_limits(&self) -> bool {
        let polls = match self.arrival {
            Arrival::AfterPolls(polls) => polls,
            Arrival::BeforeRedirect | Arrival::Never => 0,
        };
        (1..=MAX_POLL_EVERY).contains(&self.poll_every)
            && (1..=MAX_REFRESHES).contains(&self.give_up_after)
            && polls <= MAX_REFRESHES
    }
}

/// The organisation in the race.
pub const ORG: &str = "acme";
/// The row the webhook writes.
pub const PLAN_ROW: &str = "org:acme:plan";

/// The checkout race as a scenario: actor 0 is the `browser` on the success
/// page, actor 1 the Stripe `webhook`; the schedule places the webhook.
///
/// ```
/// # use cache_engine::prelude::*;
/// // With 'max' the first refresh after the webhook still shows Free; the next shows Pro.
/// let run = race::checkout_race(&race::RaceOptions::default()).run();
/// assert_eq!(race::shown_after(&run), Some(PollEnd::Shown(3)));
///
/// // With { expire: 0 } the first refresh after the webhook shows Pro.
/// let options = race::RaceOptions { fires: race::Fires::ExpireNow, ..Default::default() };
/// let run = race::checkout_race(&options).run();
/// assert_eq!(race::shown_after(&run), Some(PollEnd::Shown(2)));
/// ```
pub fn checkout_race(options: &RaceOptions) -> Scenario {
    let tag = org_tags::all(ORG);
    let app = App {
        rows: [(PLAN_ROW.to_string(), "Free".to_string())].into(),
        reads: vec![Read::new(
            "entitlement",
            &[PLAN_ROW],
            std::slice::from_ref(&tag),
        )],
        routes: vec![
            Route {
                pattern: "/pricing".into(),
                reads: vec!["entitlement".into()],
                dynamic: true,
            },
            Route {
                pattern: "/checkout/success".into(),
                reads: vec!["entitlement".into()],
                dynamic: true,
            },
        ],
        warm: vec!["/pricing".into()],
        ..App::default()
    };
    let browser = Actor::new(
        "browser",
        Context::Client,
        vec![
            Op::Visit {
                path: "/checkout/success".into(),
            },
            Op::Poll {
                until: "Pro".into(),
                every: options.poll_every,
                give_up_after: options.give_up_after,
            },
        ],
    );
    let mut webhook_steps = vec![Op::Write {
        row: PLAN_ROW.into(),
        value: "Pro".into(),
    }];
    match options.fires {
        Fires::Max => webhook_steps.push(revalidate(&tag, Expiry::MAX)),
        Fires::ExpireNow => webhook_steps.push(revalidate(&tag, Expiry::NOW)),
        Fires::UpdateTag => webhook_steps.push(Op::UpdateTag { tag, context: None }),
        Fires::Nothing => {}
    }
    webhook_steps.push(Op::Respond);
    let webhook_len = webhook_steps.len();
    if options.arrival == Arrival::Never {
        webhook_steps.clear();
    }
    let webhook = Actor::new("webhook", Context::RouteHandler, webhook_steps);
    let schedule: Vec<&str> = match options.arrival {
        Arrival::BeforeRedirect => vec!["webhook"; webhook_len],
        Arrival::AfterPolls(polls) => {
            let mut schedule = vec!["browser"; polls as usize + 1];
            schedule.extend(vec!["webhook"; webhook_len]);
            schedule
        }
        Arrival::Never => Vec::new(),
    };
    Scenario {
        title: "The checkout race".into(),
        app: app.into(),
        actors: vec![browser, webhook],
        schedule: schedule.into_iter().map(String::from).collect(),
    }
}

fn revalidate(tag: &str, profile: Expiry) -> Op {
    Op::RevalidateTag {
        tag: tag.into(),
        profile: Some(profile),
        context: None,
    }
}

/// How the browser's poll ended in a run: after how many refreshes it
/// showed Pro, or gave up.
pub fn shown_after(run: &crate::stepper::Stepper) -> Option<crate::state::PollEnd> {
    let browser = run.scenario().actor("browser")?;
    run.state().actors[browser].poll_end
}
