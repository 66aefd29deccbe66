//! One test per fact of the brief's "Facts the simulator and the prose must
//! get right", with Next.js's exact texts.

use cache_engine::prelude::*;

const TAG: &str = "org:acme";

/// One row, one `'max'` read tagged `org:acme` on a dynamic page `/p`
/// (pattern `/p`), and one on `/items/[id]`; both rendered before the start.
fn app(cache: CacheMode) -> App {
    App {
        rows: [("x".to_string(), "old".to_string())].into(),
        reads: vec![Read::new("r", &["x"], &[TAG.to_string()]).cached(cache)],
        routes: vec![
            Route {
                pattern: "/p".into(),
                reads: vec!["r".into()],
                dynamic: true,
            },
            Route {
                pattern: "/items/[id]".into(),
                reads: vec!["r".into()],
                dynamic: true,
            },
        ],
        warm: vec!["/p".into()],
        ..App::default()
    }
}

fn max() -> CacheMode {
    CacheMode::default()
}

fn write() -> Op {
    Op::Write {
        row: "x".into(),
        value: "new".into(),
    }
}

fn visit() -> Op {
    Op::Visit { path: "/p".into() }
}

/// `actor` runs `ops` in `context`; a `reader` then visits `/p` `reads` times.
fn run(app: App, context: Context, ops: Vec<Op>, reads: usize) -> Stepper {
    Scenario {
        title: String::new(),
        app: app.into(),
        actors: vec![
            Actor::new("actor", context, ops),
            Actor::new("reader", Context::Client, vec![visit(); reads]),
        ],
        schedule: Vec::new(),
    }
    .run()
}

fn reads(run: &Stepper, actor: &str) -> Vec<(ReadOutcome, String)> {
    run.log()
        .into_iter()
        .filter_map(|event| match event {
            Event::Read {
                actor: who,
                outcome,
                value,
                ..
            } if who == actor => Some((*outcome, value.clone())),
            _ => None,
        })
        .collect()
}

fn errors(run: &Stepper) -> Vec<String> {
    run.log()
        .into_iter()
        .filter_map(|event| match event {
            Event::Error { message, .. } => Some(message.clone()),
            _ => None,
        })
        .collect()
}

fn warnings(run: &Stepper) -> Vec<(WarningKind, String)> {
    run.log()
        .into_iter()
        .filter_map(|event| match event {
            Event::Warning { kind, message, .. } => Some((*kind, message.clone())),
            _ => None,
        })
        .collect()
}

fn matched(run: &Stepper) -> Vec<usize> {
    run.log()
        .into_iter()
        .filter_map(|event| match event {
            Event::Invalidate { matched, .. } => Some(*matched),
            _ => None,
        })
        .collect()
}

fn update_tag(context: Option<Context>) -> Op {
    Op::UpdateTag {
        tag: TAG.into(),
        context,
    }
}

fn revalidate(profile: Option<Expiry>) -> Op {
    Op::RevalidateTag {
        tag: TAG.into(),
        profile,
        context: None,
    }
}

const UPDATE_TAG_ERROR: &str = "updateTag can only be called from within a Server Action. \
To invalidate cache tags in Route Handlers or other contexts, use revalidateTag instead. \
See more info here: https://nextjs.org/docs/app/api-reference/functions/updateTag";

#[test]
fn update_tag_throws_in_a_route_handler_and_a_job_and_the_cache_stays_old() {
    for context in [Context::RouteHandler, Context::Job] {
        let run = run(app(max()), context, vec![write(), update_tag(None)], 1);
        assert_eq!(errors(&run), [UPDATE_TAG_ERROR]);
        assert!(UPDATE_TAG_ERROR.starts_with(
            "updateTag can only be called from within a Server Action. To invalidate cache tags in Route Handlers or other contexts, use revalidateTag instead."
        ));
        assert_eq!(
            reads(&run, "reader"),
            [(ReadOutcome::Hit, "old".to_string())]
        );
    }
}

#[test]
fn update_tag_during_render_throws_a_different_error() {
    let ops = vec![visit(), update_tag(Some(Context::Render))];
    let run = run(app(max()), Context::Action, ops, 0);
    assert_eq!(
        errors(&run),
        [
            "Route \"/p\": `updateTag(\"org:acme\")` can't be called during render. \
Call it from a Server Action or Route Handler instead.\n\
Learn more: https://nextjs.org/docs/messages/revalidate-in-use-cache"
        ]
    );
}

#[test]
fn update_tag_in_an_action_expires_at_once_and_the_response_is_fresh() {
    let ops = vec![visit(), write(), update_tag(None), Op::Respond];
    let run = run(app(max()), Context::Action, ops, 0);
    assert_eq!(
        reads(&run, "actor"),
        [
            (ReadOutcome::Hit, "old".to_string()),
            (ReadOutcome::Expired, "new".to_string())
        ]
    );
    assert_eq!(matched(&run), [1]);
}

#[test]
fn revalidate_tag_max_serves_stale_once_then_fresh() {
    let run = run(
        app(max()),
        Context::RouteHandler,
        vec![write(), revalidate(Some(Expiry::MAX))],
        2,
    );
    assert_eq!(
        reads(&run, "reader"),
        [
            (ReadOutcome::Stale, "old".to_string()),
            (ReadOutcome::Hit, "new".to_string())
        ]
    );
    let recompute = run
        .steps()
        .into_iter()
        .find(|step| step.actor == "server" && step.action == "background recompute");
    assert_eq!(
        recompute.unwrap().caption,
        "background recompute stored new for r"
    );
}

#[test]
fn revalidate_tag_expires_at_now_plus_the_profiles_expire() {
    let profile = Some(Expiry::Inline { expire: 60 });
    for (wait, outcome) in [(59, ReadOutcome::Stale), (60, ReadOutcome::Expired)] {
        let ops = vec![write(), revalidate(profile), Op::Wait { seconds: wait }];
        let run = run(app(max()), Context::RouteHandler, ops, 1);
        assert_eq!(reads(&run, "reader")[0].0, outcome, "after {wait} s");
    }
    let ops = vec![
        write(),
        revalidate(Some(Expiry::MAX)),
        Op::Wait {
            seconds: 31_536_000,
        },
    ];
    let run = run(app(max()), Context::RouteHandler, ops, 1);
    assert_eq!(
        reads(&run, "reader"),
        [(ReadOutcome::Expired, "new".to_string())]
    );
}

#[test]
fn expire_zero_behaves_like_update_tag_even_from_a_route_handler() {
    let run = run(
        app(max()),
        Context::RouteHandler,
        vec![write(), revalidate(Some(Expiry::NOW))],
        1,
    );
    assert_eq!(
        reads(&run, "reader"),
        [(ReadOutcome::Expired, "new".to_string())]
    );
    assert!(errors(&run).is_empty());
}

#[test]
fn one_argument_revalidate_tag_warns_and_still_expires_at_once() {
    let run = run(
        app(max()),
        Context::RouteHandler,
        vec![write(), revalidate(None)],
        1,
    );
    assert_eq!(
        warnings(&run),
        [(
            WarningKind::Deprecation,
            "\"revalidateTag\" without the second argument is now deprecated, add second argument of \"max\" or use \"updateTag\". See more info here: https://nextjs.org/docs/messages/revalidate-tag-single-arg".to_string()
        )]
    );
    assert_eq!(
        reads(&run, "reader"),
        [(ReadOutcome::Expired, "new".to_string())]
    );
}

#[test]
fn revalidate_tag_without_a_request_context_throws_the_invariant() {
    let run = run(
        app(max()),
        Context::Job,
        vec![write(), revalidate(Some(Expiry::MAX))],
        1,
    );
    assert_eq!(
        errors(&run),
        ["Invariant: static generation store missing in revalidateTag(\"org:acme\")"]
    );
    assert_eq!(
        reads(&run, "reader"),
        [(ReadOutcome::Hit, "old".to_string())]
    );
}

#[test]
fn redirect_after_revalidate_tag_max_depends_on_the_destination() {
    let redirect = Op::Redirect { path: "/p".into() };
    let ops = vec![write(), revalidate(Some(Expiry::MAX)), redirect];
    // A page rendered per request: the redirect carries the queued tag, and
    // the acting user sees the new value at once.
    let per_request = run(app(max()), Context::Action, ops.clone(), 1);
    assert_eq!(
        reads(&per_request, "actor"),
        [(ReadOutcome::Expired, "new".to_string())]
    );
    // A prerendered page: the actor gets the old value, the next visitor
    // the new one.
    let mut prerendered = app(max());
    prerendered.routes[0].dynamic = false;
    let run = run(prerendered, Context::Action, ops, 1);
    assert_eq!(
        reads(&run, "actor"),
        [(ReadOutcome::Stale, "old".to_string())]
    );
    assert_eq!(
        reads(&run, "reader"),
        [(ReadOutcome::Hit, "new".to_string())]
    );
    // Without a redirect, 'max' asks for no fresh render in the response.
    let respond = vec![visit(), write(), revalidate(Some(Expiry::MAX)), Op::Respond];
    let responded = run_actor_only(respond);
    assert_eq!(
        reads(&responded, "actor").len(),
        1,
        "no fresh render in the response"
    );
}

fn run_actor_only(ops: Vec<Op>) -> Stepper {
    run(app(max()), Context::Action, ops, 0)
}

#[test]
fn revalidate_path_expires_at_once_by_url_and_by_pattern_with_type() {
    let by_url = Op::RevalidatePath {
        path: "/p".into(),
        kind: None,
        context: None,
    };
    let first = run(app(max()), Context::RouteHandler, vec![write(), by_url], 1);
    assert_eq!(
        reads(&first, "reader"),
        [(ReadOutcome::Expired, "new".to_string())]
    );

    let mut warm_items = app(max());
    warm_items.warm = vec!["/items/1".into()];
    let by_pattern = Op::RevalidatePath {
        path: "/items/[id]".into(),
        kind: Some(PathKind::Page),
        context: None,
    };
    let run = run(warm_items, Context::Action, vec![write(), by_pattern], 1);
    assert_eq!(matched(&run), [1]);
    assert_eq!(
        reads(&run, "reader"),
        [(ReadOutcome::Expired, "new".to_string())]
    );
}

#[test]
fn revalidate_path_on_a_dynamic_pattern_without_type_only_warns() {
    let mut warm_items = app(max());
    warm_items.warm = vec!["/items/1".into()];
    let op = Op::RevalidatePath {
        path: "/items/[id]".into(),
        kind: None,
        context: None,
    };
    let run = run(warm_items, Context::Action, vec![write(), op], 1);
    assert_eq!(
        warnings(&run),
        [(
            WarningKind::DynamicPathWithoutType,
            "Warning: a dynamic page path \"/items/[id]\" was passed to \"revalidatePath\", but the \"type\" parameter is missing. This has no effect by default, see more info here https://nextjs.org/docs/app/api-reference/functions/revalidatePath".to_string()
        )]
    );
    assert_eq!(matched(&run), [0]);
    assert_eq!(
        reads(&run, "reader"),
        [(ReadOutcome::Hit, "old".to_string())]
    );
}

#[test]
fn revalidate_path_layout_of_a_route_group_reaches_every_page_under_it() {
    let run = cases::practice_footer().run();
    assert_eq!(matched(&run), [2]);
    let visitor = reads(&run, "visitor");
    assert!(
        visitor
            .iter()
            .any(|(_, value)| value == "© Acme Invoicing · new address")
    );
    assert_eq!(
        run.page("visitor").unwrap().value("footer"),
        Some("© Acme Invoicing · new address")
    );
}

#[test]
fn router_refresh_re_renders_but_invalidates_nothing() {
    let scenario = Scenario {
        title: String::new(),
        app: app(max()).into(),
        actors: vec![
            Actor::new("writer", Context::Action, vec![write()]),
            Actor::new("reader", Context::Client, vec![visit(), Op::Refresh]),
        ],
        schedule: Vec::new(),
    };
    let run = scenario.run();
    assert_eq!(
        reads(&run, "reader"),
        [
            (ReadOutcome::Hit, "old".to_string()),
            (ReadOutcome::Hit, "old".to_string())
        ]
    );
    assert_eq!(
        run.steps().last().unwrap().caption,
        "refresh re-rendered; a refresh expires nothing, so r was served from its entry: the page shows old"
    );
}

#[test]
fn redirect_ends_the_action_so_later_calls_never_run() {
    let ops = vec![
        write(),
        Op::Redirect { path: "/p".into() },
        update_tag(None),
    ];
    let run = run(app(max()), Context::Action, ops, 0);
    assert!(matched(&run).is_empty());
    assert!(run.log().iter().any(
        |event| matches!(event, Event::Skipped { op, .. } if op == "updateTag(\"org:acme\")")
    ));
    assert_eq!(
        reads(&run, "actor"),
        [(ReadOutcome::Hit, "old".to_string())]
    );
}

#[test]
fn cache_life_profiles_match_the_table() {
    let table = [
        (CacheLife::Default, 300, 900, None),
        (CacheLife::Seconds, 30, 1, Some(60)),
        (CacheLife::Minutes, 300, 60, Some(3_600)),
        (CacheLife::Hours, 300, 3_600, Some(86_400)),
        (CacheLife::Days, 300, 86_400, Some(604_800)),
        (CacheLife::Weeks, 300, 604_800, Some(2_592_000)),
        (CacheLife::Max, 300, 2_592_000, Some(31_536_000)),
    ];
    for (life, stale, revalidate, expire) in table {
        let times = life.times();
        assert_eq!(
            (times.stale, times.revalidate, times.expire),
            (stale, Some(revalidate), expire),
            "{life:?}"
        );
    }
}

#[test]
fn a_time_based_profile_goes_stale_then_expires_on_its_own() {
    let seconds = CacheMode::UseCache {
        profile: Profile::Named(CacheLife::Seconds),
    };
    for (wait, outcome) in [
        (0, ReadOutcome::Hit),
        (1, ReadOutcome::Stale),
        (60, ReadOutcome::Expired),
    ] {
        let run = run(
            app(seconds.clone()),
            Context::Client,
            vec![Op::Wait { seconds: wait }],
            1,
        );
        assert_eq!(reads(&run, "reader")[0].0, outcome, "after {wait} s");
    }
}

/// As Next.js 16.4.6 does it (the conformance run's `tags_too_many`): the
/// warning names every tag from the 129th on as dropped, but the 129th is
/// kept, and the tags after it are never checked.
#[test]
fn past_the_tag_count_limit_the_rest_are_dropped_but_the_first_of_them_is_kept() {
    let long = "t".repeat(257);
    let mut tags: Vec<String> = (1..=130).map(|i| format!("tag-{i}")).collect();
    tags.push(long.clone());
    let mut app = app(max());
    app.reads[0].tags = tags;
    let update = |tag: &str| Op::UpdateTag {
        tag: tag.into(),
        context: None,
    };
    let ops = vec![
        write(),
        update("tag-130"),
        update("tag-129"),
        update("tag-128"),
    ];
    let run = run(app, Context::Action, ops, 0);
    assert_eq!(
        warnings(&run)[..1],
        [(
            WarningKind::DroppedTag,
            format!(
                "Warning: exceeded max tag count for `cacheTag()`, dropped tags: tag-129, tag-130, {long}"
            )
        )]
    );
    assert_eq!(matched(&run), [0, 1, 1]);
}

#[test]
fn an_over_long_tag_is_dropped_with_a_warning_and_never_matches() {
    let long = "t".repeat(257);
    let mut app = app(max());
    app.reads[0].tags = vec!["org:acme".into(), long.clone()];
    let ops = vec![
        write(),
        Op::UpdateTag {
            tag: long.clone(),
            context: None,
        },
    ];
    let run = run(app, Context::Action, ops, 0);
    assert_eq!(
        warnings(&run)[0],
        (
            WarningKind::DroppedTag,
            format!(
                "Warning: invalid tags passed to `cacheTag()`: \ntag: \"{long}\" exceeded max length of 256"
            )
        )
    );
    assert_eq!(matched(&run), [0]);
}

#[test]
fn no_store_leaves_no_entry_so_invalidation_matches_nothing() {
    let run = run(
        app(CacheMode::NoStore),
        Context::Action,
        vec![write(), update_tag(None)],
        1,
    );
    assert_eq!(matched(&run), [0]);
    assert_eq!(
        warnings(&run),
        [(
            WarningKind::ZeroMatched,
            "no cached entry carries \"org:acme\": nothing was invalidated".to_string()
        )]
    );
    assert_eq!(
        reads(&run, "reader"),
        [(ReadOutcome::Uncached, "new".to_string())]
    );
}

#[test]
fn development_mode_caches_too_until_a_hard_reload() {
    let mut dev = app(max());
    dev.mode = Mode::Development;
    let forgot = vec![write()];
    let run_dev = run(dev.clone(), Context::RouteHandler, forgot.clone(), 1);
    let run_prod = run(app(max()), Context::RouteHandler, forgot, 1);
    for run in [&run_dev, &run_prod] {
        assert_eq!(
            reads(run, "reader"),
            [(ReadOutcome::Hit, "old".to_string())]
        );
    }
    // A hard reload (cache-control: no-cache) recomputes under next dev only.
    let scenario = |app: App| Scenario {
        title: String::new(),
        app: app.into(),
        actors: vec![
            Actor::new("actor", Context::RouteHandler, vec![write()]),
            Actor::new("reader", Context::Client, vec![visit(), Op::HardReload]),
        ],
        schedule: Vec::new(),
    };
    assert_eq!(
        reads(&scenario(dev).run(), "reader"),
        [
            (ReadOutcome::Hit, "old".to_string()),
            (ReadOutcome::Expired, "new".to_string())
        ]
    );
    assert_eq!(
        reads(&scenario(app(max())).run(), "reader"),
        [
            (ReadOutcome::Hit, "old".to_string()),
            (ReadOutcome::Hit, "old".to_string())
        ]
    );
}

#[test]
fn a_plain_fetch_is_not_cached_under_cache_components() {
    for dynamic in [false, true] {
        let mut app = app(CacheMode::Fetch { revalidate: None });
        app.routes[0].dynamic = dynamic;
        let run = run(app, Context::Client, Vec::new(), 1);
        assert_eq!(
            reads(&run, "reader")[0].0,
            ReadOutcome::Uncached,
            "dynamic: {dynamic}"
        );
    }
    let run = run(
        app(CacheMode::Fetch {
            revalidate: Some(60),
        }),
        Context::Client,
        Vec::new(),
        1,
    );
    assert_eq!(reads(&run, "reader")[0].0, ReadOutcome::Hit);
}

#[test]
fn uncommitted_and_rolled_back_writes_are_invisible() {
    let ops = vec![Op::Begin, write(), update_tag(None)];
    let scenario = Scenario {
        title: String::new(),
        app: app(max()).into(),
        actors: vec![
            Actor::new("actor", Context::Action, [ops, vec![Op::Rollback]].concat()),
            Actor::new("reader", Context::Client, vec![visit(), visit()]),
        ],
        schedule: ["actor", "actor", "actor", "reader", "actor", "reader"]
            .map(String::from)
            .to_vec(),
    };
    let run = scenario.run();
    // The queued updateTag is applied when the action ends, after the
    // rollback: the read in between is a hit, the one after recomputes.
    assert_eq!(
        reads(&run, "reader"),
        [
            (ReadOutcome::Hit, "old".to_string()),
            (ReadOutcome::Expired, "old".to_string())
        ]
    );
    assert_eq!(run.snapshot().rows["x"], "old");
}

#[test]
fn the_revalidation_endpoint_answers_401_without_the_secret_on_the_host() {
    let run = cases::nightly_job(cases::JobCall::EndpointWithoutSecretOnHost).run();
    assert_eq!(
        errors(&run),
        ["401 Unauthorized: invalid revalidation secret"]
    );
    assert!(matched(&run).is_empty());
    assert_eq!(
        run.page("ada").unwrap().value("summary"),
        Some("2 invoices, €350")
    );
}

#[test]
fn the_sorting_exercise_must_fire_set_is_what_the_engine_computes() {
    let app = invoicing::app(&invoicing::Options::default());
    let affected = app.affected_reads(&Mutation::RemoveMember.changed_rows());
    let keys: Vec<&str> = affected.iter().map(|a| a.read.as_str()).collect();
    assert_eq!(keys, ["members", "my-orgs:u_carol"]);
    let fire = app.must_fire(&Mutation::RemoveMember.changed_rows());
    assert_eq!(
        fire,
        [org_tags::all("acme"), user_tags::all("u_carol")].into()
    );
    for leave_alone in [
        invoice_tags::list("acme"),
        invoice_tags::record("acme", "inv_1"),
        user_tags::all("u_ada"),
    ] {
        assert!(!fire.contains(&leave_alone), "{leave_alone}");
    }
    let edit = app.must_fire(&Mutation::EditInvoice.changed_rows());
    assert_eq!(
        edit,
        [
            invoice_tags::list("acme"),
            invoice_tags::record("acme", "inv_1")
        ]
        .into()
    );
}

#[test]
fn the_ordering_exercise_accepts_both_correct_orders_and_catches_the_trap() {
    for order in [cases::ORDERING_CORRECT, cases::ORDERING_CORRECT_SWAPPED] {
        let summary = explore(&cases::ordering_exercise(&order));
        assert!(!summary.any_stale_for_good(), "{order:?}");
        assert!(
            summary
                .outcomes
                .iter()
                .all(|group| group.outcome.pages["ada"] == "€120 unpaid · 1 × design, 1 × review")
        );
    }
    let trap = explore(&cases::ordering_exercise(&cases::ORDERING_TRAP));
    let stale: Vec<&Outcome> = trap
        .outcomes
        .iter()
        .map(|g| &g.outcome)
        .filter(|o| !o.stale_for_good.is_empty())
        .collect();
    assert!(!stale.is_empty());
    assert!(
        stale
            .iter()
            .any(|o| o.stale_for_good == ["invoice-detail:inv_1"])
    );
    assert!(explore(&cases::ordering_exercise(&cases::REDIRECT_FIRST)).any_stale_for_good());
}

#[test]
fn invalidating_then_rolling_back_only_costs_a_recompute_of_the_old_value() {
    let order = [
        cases::TailStep::Update,
        cases::TailStep::UpdateListTag,
        cases::TailStep::UpdateRecordTag,
        cases::TailStep::Rollback,
    ];
    let summary = explore(&cases::ordering_exercise(&order));
    assert!(!summary.any_stale_for_good());
    assert!(
        summary
            .outcomes
            .iter()
            .all(|group| group.outcome.pages["visitor"] == "€100 unpaid · €250 paid")
    );
}
