//! Scenario files that must be refused before they run, each with the place
//! and the reason; and scenarios past the explorer's budget, which it must
//! report rather than hang, overflow or exhaust memory on.

use cache_engine::check::{MAX_SECONDS, MAX_STEPS};
use cache_engine::explore::STATE_BUDGET;
use cache_engine::prelude::*;

/// A one-route app a case adds its mistake to.
const APP: &str = r#"
[app.rows]
"user:u1:name" = "Ada"
[[app.reads]]
key = "profile"
rows = ["user:u1:name"]
tags = ["user:u1"]
[[app.routes]]
pattern = "/settings"
reads = ["profile"]
"#;

fn scenario(text: &str) -> Scenario {
    toml::from_str(text).unwrap_or_else(|error| panic!("{error}\n{text}"))
}

/// The problems of `APP` plus `rest`, as `path: message` lines.
fn problems(rest: &str) -> Vec<String> {
    scenario(&format!("{APP}{rest}"))
        .problems()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn one_actor(steps: &str) -> String {
    format!("[[actors]]\nname = \"ada\"\ncontext = \"client\"\nsteps = [{steps}]\n")
}

#[test]
fn the_base_app_and_every_shipped_builder_pass() {
    assert_eq!(
        problems(&one_actor("{ op = \"visit\", path = \"/settings\" }")),
        Vec::<String>::new()
    );
    let options = race::RaceOptions {
        poll_every: race::MAX_POLL_EVERY,
        give_up_after: race::MAX_REFRESHES,
        arrival: race::Arrival::AfterPolls(race::MAX_REFRESHES),
        ..Default::default()
    };
    assert!(race::checkout_race(&options).problems().is_empty());
    // The largest race the controls allow explores within the budget, so
    // the widget's explorer never meets it.
    assert!(explore_within(&race::checkout_race(&options), STATE_BUDGET).is_ok());
    assert!(cases::demote_member().problems().is_empty());
}

#[test]
fn a_huge_wait_is_refused_and_the_clock_saturates_anyway() {
    let steps = "{ op = \"wait\", seconds = 18446744073709551615 }, { op = \"wait\", seconds = 18446744073709551615 }, { op = \"visit\", path = \"/settings\" }";
    assert_eq!(
        problems(&one_actor(steps))[0],
        format!(
            "actors[0].steps[0]: `seconds` is 18446744073709551615 seconds: at most {MAX_SECONDS} (ten years)"
        )
    );
    // Run anyway (a caller that skips the check): no overflow.
    let run = scenario(&format!("{APP}{}", one_actor(steps))).run();
    assert!(
        run.log()
            .iter()
            .any(|event| matches!(event, Event::Clock { now: u64::MAX }))
    );
}

#[test]
fn a_race_past_its_limits_runs_without_overflowing_the_clock() {
    // 50 waits of 4e17 seconds: past u64::MAX, which once panicked here.
    let options = race::RaceOptions {
        arrival: race::Arrival::Never,
        poll_every: 400_000_000_000_000_000,
        give_up_after: 50,
        ..Default::default()
    };
    assert!(!options.within_limits());
    let run = race::checkout_race(&options).run();
    assert_eq!(race::shown_after(&run), Some(PollEnd::GaveUp(50)));
}

#[test]
fn a_huge_poll_interval_or_give_up_limit_is_refused() {
    let found = problems(&one_actor(
        "{ op = \"visit\", path = \"/settings\" }, { op = \"poll\", until = \"Bob\", every = 9223372036854775807, give_up_after = 4000000000 }",
    ));
    assert_eq!(
        found[..2],
        [
            format!(
                "actors[0].steps[1]: `every` is 9223372036854775807 seconds: at most {MAX_SECONDS} (ten years)"
            ),
            "actors[0].steps[1]: `give_up_after` is 4000000000: from 1 to 30 refreshes".to_string(),
        ]
    );
}

#[test]
fn huge_profile_fetch_and_inline_expire_times_are_refused() {
    let text = r#"
[app.rows]
"a" = "1"
[[app.reads]]
key = "custom"
rows = ["a"]
cache = { kind = "use-cache", profile = { stale = 1, revalidate = 18446744073709551615, expire = 2 } }
[[app.reads]]
key = "fetched"
rows = ["a"]
cache = { kind = "fetch", revalidate = 18446744073709551615 }
[[app.routes]]
pattern = "/"
reads = ["custom", "fetched"]
[[actors]]
name = "job"
context = "job"
steps = [{ op = "revalidate-tag", tag = "t", profile = { expire = 18446744073709551615 } }]
"#;
    let found: Vec<String> = scenario(text)
        .problems()
        .iter()
        .map(ToString::to_string)
        .collect();
    let big = format!("18446744073709551615 seconds: at most {MAX_SECONDS} (ten years)");
    assert_eq!(
        found,
        [
            format!("app.reads[0].cache: `revalidate` is {big}"),
            format!("app.reads[1].cache: `revalidate` is {big}"),
            format!("actors[0].steps[0]: `expire` is {big}"),
        ]
    );
}

#[test]
fn unknown_actor_read_row_and_path_are_refused_with_their_place() {
    let text = r#"
schedule = ["ada", "bob"]
[app.rows]
"user:u1:name" = "Ada"
[[app.reads]]
key = "profile"
rows = ["user:u1:nmae"]
[[app.routes]]
pattern = "/settings"
reads = ["profil"]
[[actors]]
name = "ada"
context = "client"
steps = [{ op = "visit", path = "/setings" }]
"#;
    let found: Vec<String> = scenario(text)
        .problems()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "schedule[1]: `bob` is not an actor: expected one of `ada`",
            "app.reads[0].rows[0]: row `user:u1:nmae` is neither in `app.rows` nor written by any step",
            "app.routes[0].reads[0]: `profil` is not a read of the app: expected one of `profile`",
            "actors[0].steps[0]: no route matches `/setings`: the app's routes are `/settings`",
        ]
    );
}

#[test]
fn an_unknown_field_is_refused_not_ignored() {
    let text = format!("{APP}[[actors]]\nname = \"ada\"\ncontext = \"client\"\nstep = []\n");
    let error = toml::from_str::<Scenario>(&text).unwrap_err();
    assert!(
        error
            .message()
            .starts_with("unknown field `step`, expected one of"),
        "{error}"
    );
}

#[test]
fn a_very_long_actor_is_refused_before_it_can_overflow_the_explorers_stack() {
    let steps = vec!["{ op = \"refresh\" }"; 50_000].join(", ");
    let found = problems(&one_actor(&steps));
    assert_eq!(
        found,
        [format!(
            "actors: 50000 steps in all (a poll counts as its refreshes): at most {MAX_STEPS}"
        )]
    );
}

/// `actors` actors, each writing its own row `writes` times.
fn writers(actors: usize, writes: usize) -> Scenario {
    let mut text = String::from("[app.rows]\n");
    for actor in 0..actors {
        text.push_str(&format!("\"r{actor}\" = \"0\"\n"));
    }
    for actor in 0..actors {
        let steps =
            vec![format!("{{ op = \"write\", row = \"r{actor}\", value = \"1\" }}"); writes];
        text.push_str(&format!(
            "[[actors]]\nname = \"w{actor}\"\ncontext = \"job\"\nsteps = [{}]\n",
            steps.join(", ")
        ));
    }
    scenario(&text)
}

#[test]
fn the_explorer_reports_a_scenario_past_its_budget_instead_of_hanging() {
    let scenario = writers(8, 3);
    assert!(scenario.problems().is_empty(), "{:?}", scenario.problems());
    let too_many = explore_within(&scenario, STATE_BUDGET).unwrap_err();
    assert!(too_many.explored > STATE_BUDGET);
    assert!(
        too_many.to_string().starts_with(&format!(
            "too many interleavings to enumerate: {} states explored",
            too_many.explored
        )),
        "{too_many}"
    );
}

#[test]
fn interleaving_counts_saturate_instead_of_overflowing() {
    // Two actors of 40 steps: C(80, 40), about 1.1e23 interleavings.
    let summary = explore_within(&writers(2, 40), STATE_BUDGET).unwrap();
    assert_eq!(summary.interleavings, u64::MAX);
}
