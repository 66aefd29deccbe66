//! Every answer key the book shows, checked against the cache engine.
//!
//! The exercises are loaded through the preprocessor's own catalog, exactly
//! as a book build loads them, so these tests read the data the reader sees.
//! Each test maps the exercise's ids or option texts to the engine once, then
//! builds the engine's scenario from the exercise's answer: change an answer
//! in `exercises/` and the matching test fails.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cache_engine::cases::{self, TailStep};
use cache_engine::invoicing::{ORG, Options, Tail};
use cache_engine::prelude::*;
use course_schema::{
    DecisionExercise, Exercise, OrderingExercise, ScenarioExercise, Slot, SortingExercise,
};
use mdbook_fresh_reads::Catalog;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the preprocessor lives in the workspace")
        .to_path_buf()
}

/// Exercise `id`, loaded the way the book build loads it.
fn exercise(id: &str) -> Exercise {
    let catalog = Catalog::scan(&root(), Path::new("exercises")).expect("exercises/ is readable");
    match catalog.props(id) {
        Some(Ok(props)) => props.exercise.clone(),
        Some(Err(errors)) => panic!("exercise `{id}` does not load: {errors:?}"),
        None => panic!("no exercise `{id}` under exercises/"),
    }
}

fn sorting(id: &str) -> SortingExercise {
    match exercise(id) {
        Exercise::Sorting(sorting) => sorting,
        other => panic!("`{id}` is a {:?} exercise, not sorting", other.kind()),
    }
}

fn ordering(id: &str) -> OrderingExercise {
    match exercise(id) {
        Exercise::Ordering(ordering) => ordering,
        other => panic!("`{id}` is a {:?} exercise, not ordering", other.kind()),
    }
}

fn decision(id: &str) -> DecisionExercise {
    match exercise(id) {
        Exercise::Decision(decision) => decision,
        other => panic!("`{id}` is a {:?} exercise, not decision", other.kind()),
    }
}

fn scenario_exercise(id: &str) -> ScenarioExercise {
    match exercise(id) {
        Exercise::Scenario(scenario) => scenario,
        other => panic!("`{id}` is a {:?} exercise, not scenario", other.kind()),
    }
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// Rendered HTML as plain text.
fn plain(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode(text.trim())
}

/// The first code span of rendered HTML, as plain text.
fn first_code(html: &str) -> Option<String> {
    let start = html.find("<code>")? + "<code>".len();
    let end = start + html[start..].find("</code>")?;
    Some(decode(&html[start..end]))
}

/// The call a text names: its first code span up to the opening parenthesis
/// (`updateTag`, `revalidateTag`, `revalidatePath`, `router.refresh`).
fn call_named(html: &str) -> Option<String> {
    let code = first_code(html)?;
    Some(
        code.split('(')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string(),
    )
}

// ---------------------------------------------------------------------------
// Sorting: an admin removes a member.

/// The exercise's item ids, as the engine's tags: the course's `lib/tags.ts`
/// helpers, with the app's admin (Ada), removed member (Carol) and an invoice.
fn sorting_item_tag(id: &str) -> String {
    match id {
        "org-all" => org_tags::all(ORG),
        "removed-user" => user_tags::all("u_carol"),
        "admin-user" => user_tags::all("u_ada"),
        "invoice-list" => invoice_tags::list(ORG),
        "invoice-record" => invoice_tags::record(ORG, "inv_1"),
        other => panic!("sorting item `{other}` has no engine tag: add it to sorting_item_tag"),
    }
}

fn bucket_tags(exercise: &SortingExercise, label: &str) -> BTreeSet<String> {
    let bucket = exercise
        .buckets
        .iter()
        .find(|bucket| plain(&bucket.label.0) == label)
        .unwrap_or_else(|| panic!("no bucket labelled {label:?}"));
    bucket.items.iter().map(|id| sorting_item_tag(id)).collect()
}

/// The warm app, and the tags of the cached reads whose value removing Carol
/// changes (the mutation run with no invalidation, values compared).
fn remove_member_changes() -> BTreeSet<String> {
    let mut playground = Playground::new(&Options::default());
    let before = playground.snapshot();
    let nothing = Tail {
        calls: Some(Vec::new()),
        ..Tail::default()
    };
    let report = playground.perform(Mutation::RemoveMember, nothing);
    assert!(report.errors().is_empty(), "{:?}", report.errors());
    let after = playground.snapshot();
    assert_ne!(before.rows, after.rows, "removing a member changed no row");
    let app = playground.app();
    let changed: BTreeSet<String> = before
        .entries
        .iter()
        .filter(|entry| {
            let read = app
                .read(&entry.read)
                .expect("every entry is a read of the app");
            read.value(&before.rows) != read.value(&after.rows)
        })
        .flat_map(|entry| entry.tags.clone())
        .collect();
    changed
}

#[test]
fn sorting_remove_member_must_fire_is_what_the_mutation_changes_in_the_engine() {
    let exercise = sorting("sorting-remove-member");
    assert_eq!(exercise.buckets.len(), 2, "expected two buckets");
    let must_fire = bucket_tags(&exercise, "Must fire");
    let leave_alone = bucket_tags(&exercise, "Leave alone");

    let changed = remove_member_changes();
    assert_eq!(
        must_fire, changed,
        "\"Must fire\" should be the tags of the cached reads whose value removing the member changes"
    );
    // The engine's own narrowest covering set says the same.
    let app = invoicing::app(&Options::default());
    assert_eq!(
        must_fire,
        app.must_fire(&Mutation::RemoveMember.changed_rows())
    );

    // "Leave alone" is exactly the rest.
    let every: BTreeSet<String> = exercise
        .items
        .iter()
        .map(|item| sorting_item_tag(&item.id))
        .collect();
    let rest: BTreeSet<String> = every.difference(&must_fire).cloned().collect();
    assert_eq!(
        leave_alone, rest,
        "\"Leave alone\" should be every other item"
    );
    // And each of them names a read that is really cached, just not changed.
    let warm = Playground::new(&Options::default()).snapshot();
    for tag in &leave_alone {
        assert!(
            warm.entries.iter().any(|entry| entry.tags.contains(tag)),
            "{tag} names no cached read in the engine's app"
        );
    }
}

#[test]
fn sorting_remove_member_firing_the_must_fire_bucket_leaves_nothing_stale() {
    let must_fire = bucket_tags(&sorting("sorting-remove-member"), "Must fire");
    let fire = |tags: &BTreeSet<String>| {
        let mut playground = Playground::new(&Options::default());
        let calls = tags
            .iter()
            .map(|tag| Op::UpdateTag {
                tag: tag.clone(),
                context: None,
            })
            .collect();
        let tail = Tail {
            calls: Some(calls),
            ..Tail::default()
        };
        let report = playground.perform(Mutation::RemoveMember, tail);
        assert!(report.errors().is_empty(), "{:?}", report.errors());
        let last = &report.steps.last().unwrap().snapshot;
        let app = playground.app();
        last.entries
            .iter()
            .filter(|entry| {
                entry.state == EntryState::Fresh
                    && app.read(&entry.read).unwrap().value(&last.rows) != entry.value
            })
            .map(|entry| entry.read.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(fire(&must_fire), Vec::<String>::new());
    // Each tag of the bucket is needed: leave one out and a read stays stale.
    for tag in &must_fire {
        let mut fewer = must_fire.clone();
        fewer.remove(tag);
        assert!(
            !fire(&fewer).is_empty(),
            "without {tag} nothing stays stale: it does not belong in \"Must fire\""
        );
    }
}

// ---------------------------------------------------------------------------
// Practice cases: the decision tree, the correct option and the engine.

/// Where a mutation runs: the decision tree's first question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Where {
    ServerAction,
    RouteHandlerOrJob,
    ClientCode,
}

/// What the engine shows for one option of a practice case.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Shows {
    /// No error, the watcher's last view matches the committed rows, and no
    /// entry is left stale for good.
    Fresh,
    /// The call throws this error, and the watcher's view stays old.
    Throws(String),
    /// No error, but the watcher's last view is old.
    Old,
    /// The engine's app has nothing to show this option on.
    NotModelled,
}

/// One option of a practice case: the text that identifies it in the
/// exercise, the engine ops that replace the case's invalidation call, ops
/// appended to the same actor's script, and what the engine shows.
struct Variant {
    text: &'static str,
    calls: Vec<Op>,
    then: Vec<Op>,
    shows: Shows,
}

fn variant(text: &'static str, calls: Vec<Op>, shows: Shows) -> Variant {
    Variant {
        text,
        calls,
        then: Vec::new(),
        shows,
    }
}

struct PracticeCase {
    exercise: &'static str,
    /// The case's facts, which pick the path through the decision tree.
    runs_in: Where,
    tag_names_the_reads: bool,
    /// The engine's scenario of the case (engine/scenarios/practice_*.toml).
    scenario: fn() -> Scenario,
    /// The actor whose script holds the invalidation call.
    invalidator: &'static str,
    /// The person whose last view must be fresh.
    watcher: &'static str,
    options: Vec<Variant>,
}

fn update(tag: String) -> Op {
    Op::UpdateTag { tag, context: None }
}
fn revalidate_max(tag: String) -> Op {
    Op::RevalidateTag {
        tag,
        profile: Some(Expiry::MAX),
        context: None,
    }
}
fn revalidate_path(path: &str, kind: Option<PathKind>) -> Op {
    Op::RevalidatePath {
        path: path.into(),
        kind,
        context: None,
    }
}

fn practice_cases() -> Vec<PracticeCase> {
    let carol = || user_tags::all("u_carol");
    vec![
        PracticeCase {
            exercise: "practice-settings-form",
            runs_in: Where::ServerAction,
            tag_names_the_reads: true,
            scenario: cases::practice_display_name_action,
            invalidator: "carol",
            watcher: "carol",
            options: vec![
                variant(
                    "updateTag(userTags.all(userId))",
                    vec![update(carol())],
                    Shows::Fresh,
                ),
                variant(
                    "revalidateTag(userTags.all(userId), 'max')",
                    vec![revalidate_max(carol())],
                    Shows::Old,
                ),
                Variant {
                    text: "router.refresh()",
                    calls: Vec::new(),
                    then: vec![Op::Refresh],
                    shows: Shows::Old,
                },
                // The engine's app has no /settings page.
                variant(
                    "revalidatePath('/settings')",
                    Vec::new(),
                    Shows::NotModelled,
                ),
            ],
        },
        PracticeCase {
            exercise: "practice-identity-webhook",
            runs_in: Where::RouteHandlerOrJob,
            tag_names_the_reads: true,
            scenario: cases::practice_display_name_webhook,
            invalidator: "idp-webhook",
            watcher: "carol",
            options: vec![
                variant(
                    "updateTag(userTags.all(userId))",
                    vec![update(carol())],
                    Shows::Throws(texts::UPDATE_TAG_OUTSIDE_ACTION.into()),
                ),
                variant(
                    "revalidateTag(userTags.all(userId), 'max')",
                    vec![revalidate_max(carol())],
                    Shows::Fresh,
                ),
                variant("Nothing", Vec::new(), Shows::Old),
            ],
        },
        PracticeCase {
            exercise: "practice-map-pin",
            runs_in: Where::ClientCode,
            tag_names_the_reads: false,
            scenario: cases::practice_maps_widget,
            invalidator: "ada",
            watcher: "ada",
            options: vec![
                // The pin has no tag; whatever tag the callback names, the
                // call throws before it looks: in the browser, `next/cache`
                // has only stand-ins for the server functions.
                variant(
                    "updateTag(...)",
                    vec![update(org_tags::all(ORG))],
                    Shows::Throws(texts::server_only("updateTag")),
                ),
                variant(
                    "revalidatePath('/map')",
                    vec![revalidate_path("/map", None)],
                    Shows::Throws(texts::server_only("revalidatePath")),
                ),
                variant("router.refresh()", vec![Op::Refresh], Shows::Fresh),
            ],
        },
        PracticeCase {
            exercise: "practice-marketing-footer",
            runs_in: Where::ServerAction,
            tag_names_the_reads: false,
            scenario: cases::practice_footer,
            invalidator: "ada",
            watcher: "visitor",
            options: vec![
                variant(
                    "revalidateTag(orgTags.all(orgId), 'max')",
                    vec![revalidate_max(org_tags::all(ORG))],
                    Shows::Old,
                ),
                variant(
                    "revalidatePath('/(marketing)', 'layout')",
                    vec![revalidate_path("/(marketing)", Some(PathKind::Layout))],
                    Shows::Fresh,
                ),
                variant(
                    "revalidatePath('/')",
                    vec![revalidate_path("/", None)],
                    Shows::Old,
                ),
            ],
        },
    ]
}

fn is_invalidation(op: &Op) -> bool {
    matches!(
        op,
        Op::UpdateTag { .. } | Op::RevalidateTag { .. } | Op::RevalidatePath { .. } | Op::Refresh
    )
}

/// The call an engine op makes, named as the book names it.
fn op_call(op: &Op) -> &'static str {
    match op {
        Op::UpdateTag { .. } => "updateTag",
        Op::RevalidateTag { .. } => "revalidateTag",
        Op::RevalidatePath { .. } => "revalidatePath",
        Op::Refresh => "router.refresh",
        other => panic!("{other:?} is not an invalidation call"),
    }
}

/// The case's scenario with its invalidation call replaced by `variant`'s.
fn with_variant(case: &PracticeCase, variant: &Variant) -> Scenario {
    let mut scenario = (case.scenario)();
    let actor = scenario
        .actor(case.invalidator)
        .unwrap_or_else(|| panic!("{}: no actor {}", case.exercise, case.invalidator));
    let steps = &mut scenario.actors[actor].steps;
    let at = steps
        .iter()
        .position(is_invalidation)
        .unwrap_or_else(|| panic!("{}: {} makes no call", case.exercise, case.invalidator));
    steps.retain(|op| !is_invalidation(op));
    steps.splice(at..at, variant.calls.iter().cloned());
    steps.extend(variant.then.iter().cloned());
    scenario
}

/// What the engine shows when the case runs with `variant`'s call.
fn shown(case: &PracticeCase, variant: &Variant) -> Shows {
    let run = with_variant(case, variant).run();
    let errors: Vec<String> = run
        .log()
        .into_iter()
        .filter_map(|event| match event {
            Event::Error { message, .. } => Some(message.clone()),
            _ => None,
        })
        .collect();
    let snapshot = run.snapshot();
    let app = &run.scenario().app;
    let page = run
        .page(case.watcher)
        .unwrap_or_else(|| panic!("{}: {} saw no page", case.exercise, case.watcher));
    let fresh_view = page.values.iter().all(|(read, value)| {
        app.read(read)
            .is_some_and(|read| read.value(&snapshot.rows) == *value)
    });
    let stale_for_good = run.state().world.stale_for_good(app);
    match (errors.as_slice(), fresh_view) {
        ([], true) if stale_for_good.is_empty() => Shows::Fresh,
        ([], _) => Shows::Old,
        ([error], false) => Shows::Throws(error.clone()),
        _ => panic!(
            "{}: {:?}: errors {errors:?}, fresh view {fresh_view}",
            case.exercise, variant.text
        ),
    }
}

/// Walks the decision tree by the case's facts; returns the leaf's answer.
fn walk(tree: &DecisionExercise, case: &PracticeCase) -> String {
    let mut at = tree.start.clone();
    for _ in 0..tree.nodes.len() {
        let node = tree
            .nodes
            .iter()
            .find(|node| node.id == at)
            .unwrap_or_else(|| panic!("the tree has no node `{at}`"));
        if let Some(answer) = &node.answer {
            return answer.0.clone();
        }
        let question = plain(&node.question.as_ref().expect("a question node").0);
        let fits = |label: &str| -> bool {
            if question.starts_with("Where does the mutation run") {
                match case.runs_in {
                    Where::ServerAction => label.starts_with("In a Server Action"),
                    Where::RouteHandlerOrJob => label.contains("route handler"),
                    Where::ClientCode => label.contains("client code"),
                }
            } else if question.contains("Does a tag") {
                label.starts_with(if case.tag_names_the_reads {
                    "Yes"
                } else {
                    "No"
                })
            } else {
                panic!("the test has no fact for the question {question:?}")
            }
        };
        let choices: Vec<_> = node
            .choices
            .iter()
            .filter(|choice| fits(&plain(&choice.label.0)))
            .collect();
        assert_eq!(
            choices.len(),
            1,
            "{}: one choice should fit {question:?}",
            case.exercise
        );
        at = choices[0].next.clone();
    }
    panic!("the tree loops")
}

/// The case's facts, as its engine scenario has them: where the invalidating
/// actor runs, and whether the reads the change touches carry a tag.
fn check_facts_against_engine(case: &PracticeCase) {
    let scenario = (case.scenario)();
    let actor = &scenario.actors[scenario.actor(case.invalidator).unwrap()];
    let runs_in = match actor.context {
        Context::Action => Where::ServerAction,
        Context::RouteHandler | Context::Job => Where::RouteHandlerOrJob,
        Context::Client => Where::ClientCode,
        Context::Render => panic!("{}: a render is not a mutation site", case.exercise),
    };
    assert_eq!(runs_in, case.runs_in, "{}: where it runs", case.exercise);
    let app = &scenario.app;
    let before = &app.rows;
    let after = scenario.clone().run().snapshot().rows;
    let touched: Vec<&Read> = app
        .reads
        .iter()
        .filter(|read| read.value(before) != read.value(&after))
        .collect();
    assert!(
        !touched.is_empty(),
        "{}: the change touches no read",
        case.exercise
    );
    let tagged = touched.iter().all(|read| !read.tags.is_empty());
    assert_eq!(
        tagged,
        case.tag_names_the_reads,
        "{}: whether a tag names the touched reads {:?}",
        case.exercise,
        touched.iter().map(|read| &read.key).collect::<Vec<_>>()
    );
}

#[test]
fn practice_cases_agree_with_the_decision_tree_and_the_engine() {
    let tree = decision("which-call");
    for case in practice_cases() {
        check_facts_against_engine(&case);
        let exercise = scenario_exercise(case.exercise);
        let correct: Vec<_> = exercise
            .options
            .iter()
            .filter(|option| option.correct)
            .collect();
        assert_eq!(correct.len(), 1, "{}: one correct option", case.exercise);
        let correct = correct[0];

        // The tree, walked by the case's facts, names the same call.
        let leaf = walk(&tree, &case);
        assert_eq!(
            call_named(&leaf),
            call_named(&correct.text.0),
            "{}: the decision tree reaches {:?}, the exercise's answer is {:?}",
            case.exercise,
            plain(&leaf),
            plain(&correct.text.0)
        );

        // Every option is one the test knows, once.
        let mut used = BTreeSet::new();
        for option in &exercise.options {
            let text = plain(&option.text.0);
            let known: Vec<&Variant> = case
                .options
                .iter()
                .filter(|variant| text.contains(variant.text))
                .collect();
            assert_eq!(
                known.len(),
                1,
                "{}: option {text:?} should match one of the test's variants",
                case.exercise
            );
            let variant = known[0];
            assert!(
                used.insert(variant.text),
                "{}: two options match {:?}",
                case.exercise,
                variant.text
            );
            // The variant makes the call its option names.
            let calls: Vec<&Op> = variant.calls.iter().chain(&variant.then).collect();
            if let (Some(named), Some(op)) = (call_named(&option.text.0), calls.first()) {
                assert_eq!(named, op_call(op), "{}: {text:?}", case.exercise);
            }

            if variant.shows == Shows::NotModelled {
                assert!(
                    !option.correct,
                    "{}: the answer must be modelled",
                    case.exercise
                );
                continue;
            }
            let shows = shown(&case, variant);
            assert_eq!(
                shows, variant.shows,
                "{}: option {text:?} in the engine",
                case.exercise
            );
            if option.correct {
                assert_eq!(
                    shows,
                    Shows::Fresh,
                    "{}: the correct option {text:?} should leave {}'s next view fresh",
                    case.exercise,
                    case.watcher
                );
            } else {
                assert_ne!(
                    shows,
                    Shows::Fresh,
                    "{}: the engine shows the wrong option {text:?} working",
                    case.exercise
                );
            }
        }
        assert_eq!(
            used.len(),
            case.options.len(),
            "{}: a variant matches no option",
            case.exercise
        );
    }
}

#[test]
fn practice_identity_webhook_serves_the_old_name_once_then_the_new_one() {
    // The correct option's why: "The next reader gets the old name once and
    // starts the recompute; everyone after that sees the new one."
    let run = cases::practice_display_name_webhook().run();
    let seen: Vec<String> = run
        .log()
        .into_iter()
        .filter_map(|event| match event {
            Event::Read {
                actor, read, value, ..
            } if actor == "carol" && read == "profile:u_carol" => Some(value.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(seen, ["Carol", "Caz"]);
}

// ---------------------------------------------------------------------------
// Ordering: an action edits an invoice and its line items.

/// The exercise's step ids, as the engine's tail steps.
fn tail_step(id: &str) -> TailStep {
    match id {
        "write" => TailStep::Update,
        "commit" => TailStep::Commit,
        "list-tag" => TailStep::UpdateListTag,
        "record-tag" => TailStep::UpdateRecordTag,
        "redirect" => TailStep::Redirect,
        other => panic!("ordering step `{other}` has no engine op: add it to tail_step"),
    }
}

fn permutations(items: &[String]) -> Vec<Vec<String>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut all = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut tail in permutations(&rest) {
            tail.insert(0, first.clone());
            all.push(tail);
        }
    }
    all
}

/// Every order the exercise's checker accepts, as engine steps.
fn accepted_orders(exercise: &OrderingExercise) -> Vec<Vec<TailStep>> {
    let mut orders: Vec<Vec<String>> = vec![Vec::new()];
    for slot in &exercise.answer {
        let choices = match slot {
            Slot::One(id) => vec![vec![id.clone()]],
            Slot::Group(ids) => permutations(ids),
        };
        orders = orders
            .iter()
            .flat_map(|order| {
                choices.iter().map(move |choice| {
                    let mut longer = order.clone();
                    longer.extend(choice.iter().cloned());
                    longer
                })
            })
            .collect();
    }
    orders
        .iter()
        .map(|order| order.iter().map(|id| tail_step(id)).collect())
        .collect()
}

fn is_tag_step(step: &TailStep) -> bool {
    matches!(step, TailStep::UpdateListTag | TailStep::UpdateRecordTag)
}

#[test]
fn ordering_transaction_accepted_orders_leave_every_read_fresh() {
    let exercise = ordering("ordering-transaction");
    let orders = accepted_orders(&exercise);
    for order in &orders {
        let scenario = cases::ordering_exercise(order);
        // Whatever moment the visitor's reads land at, nothing stays stale.
        let summary = explore(&scenario);
        assert!(
            !summary.any_stale_for_good(),
            "{order:?} leaves a read stale: {:?}",
            summary
                .outcomes
                .iter()
                .map(|group| &group.outcome.stale_for_good)
                .collect::<Vec<_>>()
        );
        // And the editor lands on the new invoice (read-your-writes).
        let run = scenario.run();
        assert_eq!(
            run.page("ada")
                .and_then(|page| page.value("invoice-detail:inv_1")),
            Some("€120 unpaid · 1 × design, 1 × review"),
            "{order:?}"
        );
    }
    // Both orders of the two interchangeable updateTag steps, and no other.
    assert_eq!(orders.len(), 2, "{orders:?}");
    for expected in [cases::ORDERING_CORRECT, cases::ORDERING_CORRECT_SWAPPED] {
        assert!(
            orders.contains(&expected.to_vec()),
            "{orders:?} lacks {expected:?}"
        );
    }
}

#[test]
fn ordering_transaction_tags_before_the_commit_are_safe_a_handed_off_write_is_not() {
    let exercise = ordering("ordering-transaction");
    let correct = accepted_orders(&exercise).remove(0);
    // The old trap, built from the answer: the updateTag steps moved above
    // the commit. Next.js 16 applies them when the action returns, after
    // the commit, so no interleaving leaves a read stale.
    let tags: Vec<TailStep> = correct.iter().copied().filter(is_tag_step).collect();
    assert!(!tags.is_empty(), "the answer has no updateTag step");
    let mut inside: Vec<TailStep> = correct
        .iter()
        .copied()
        .filter(|s| !is_tag_step(s))
        .collect();
    let commit = inside
        .iter()
        .position(|step| *step == TailStep::Commit)
        .expect("the answer has a commit");
    inside.splice(commit..commit, tags);
    assert_ne!(inside, correct);
    assert!(
        !explore(&cases::ordering_exercise(&inside)).any_stale_for_good(),
        "{inside:?}: a read stays stale"
    );

    // What does go wrong: the same calls with the write handed to a queue,
    // so the rows change after the action returned.
    let handed_off: Vec<TailStep> = correct
        .iter()
        .map(|step| match step {
            TailStep::Update => TailStep::HandOff,
            other => *other,
        })
        .filter(|step| *step != TailStep::Commit)
        .collect();
    assert!(
        explore(&cases::ordering_exercise(&handed_off)).any_stale_for_good(),
        "{handed_off:?}: no interleaving leaves a read stale"
    );
}
