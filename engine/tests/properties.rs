//! Properties over random scenarios: random writer scripts interleaved
//! with a reader's visits and refreshes.

use cache_engine::prelude::*;
use proptest::prelude::*;

const TAGS: [&str; 3] = ["t:a", "t:b", "t:all"];

fn app() -> App {
    let tags = |names: &[&str]| names.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    App {
        rows: [("a", "a0"), ("b", "b0")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .into(),
        reads: vec![
            Read::new("ra", &["a"], &tags(&["t:a", "t:all"])),
            Read::new("rb", &["b"], &tags(&["t:b", "t:all"])),
            Read::new("rab", &["a", "b"], &tags(&["t:all"])),
        ],
        routes: vec![Route {
            pattern: "/p".into(),
            reads: vec!["ra".into(), "rb".into(), "rab".into()],
            dynamic: true,
        }],
        warm: vec!["/p".into()],
        ..App::default()
    }
}

fn writer_op() -> impl Strategy<Value = Op> {
    let tag = prop::sample::select(TAGS.to_vec()).prop_map(String::from);
    prop_oneof![
        (prop::sample::select(vec!["a", "b"]), 1..9u32).prop_map(|(row, n)| Op::Write {
            row: row.into(),
            value: format!("{row}{n}"),
        }),
        tag.clone()
            .prop_map(|tag| Op::UpdateTag { tag, context: None }),
        tag.prop_map(|tag| Op::RevalidateTag {
            tag,
            profile: Some(Expiry::MAX),
            context: None,
        }),
        Just(Op::RevalidatePath {
            path: "/p".into(),
            kind: None,
            context: None,
        }),
        (0..3u64).prop_map(|seconds| Op::Wait { seconds }),
    ]
}

fn scenario(writer: Vec<Op>, reader: Vec<Op>, schedule: &[bool]) -> Scenario {
    let mut schedule: Vec<String> = schedule
        .iter()
        .map(|&w| if w { "writer" } else { "reader" }.to_string())
        .collect();
    schedule.truncate(writer.len() + reader.len());
    Scenario {
        title: String::new(),
        app: app().into(),
        actors: vec![
            Actor::new("writer", Context::Action, writer),
            Actor::new("reader", Context::Client, reader),
        ],
        schedule,
    }
}

fn reader_ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(
        prop_oneof![Just(Op::Visit { path: "/p".into() }), Just(Op::Refresh)],
        1..8,
    )
    .prop_map(|mut ops| {
        ops.insert(0, Op::Visit { path: "/p".into() });
        ops
    })
}

fn tagged(read: &str, tag: &str) -> bool {
    app()
        .read(read)
        .is_some_and(|r| r.tags.iter().any(|t| t == tag))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn after_update_tag_the_next_read_of_a_tagged_entry_is_fresh(
        writer in prop::collection::vec(writer_op(), 1..8),
        reader in reader_ops(),
        schedule in prop::collection::vec(any::<bool>(), 0..16),
    ) {
        let run = scenario(writer, reader, &schedule).run();
        let app = app();
        let mut expired: Vec<String> = Vec::new();
        for step in run.steps() {
            for event in &step.events {
                match event {
                    Event::Invalidate { call: Call::UpdateTag, tag: Some(tag), .. } => {
                        expired.extend(app.reads.iter().filter(|r| tagged(&r.key, tag)).map(|r| r.key.clone()));
                    }
                    Event::Read { read, value, .. } if expired.contains(read) => {
                        let fresh = app.read(read).unwrap().value(&step.snapshot.rows);
                        prop_assert_eq!(value, &fresh);
                        expired.retain(|key| key != read);
                    }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn after_revalidate_tag_max_an_entry_is_served_stale_at_most_once(
        writer in prop::collection::vec(writer_op(), 1..8),
        reader in reader_ops(),
        schedule in prop::collection::vec(any::<bool>(), 0..16),
    ) {
        let run = scenario(writer, reader, &schedule).run();
        let mut stale_serves: std::collections::BTreeMap<String, u32> = Default::default();
        for event in run.log() {
            match event {
                Event::Read { read, outcome: ReadOutcome::Stale, .. } => {
                    let count = stale_serves.entry(read.clone()).or_default();
                    *count += 1;
                    prop_assert!(*count <= 1, "{} served stale twice in a row", read);
                }
                Event::Recompute { read, .. } => { stale_serves.remove(read); }
                Event::Read { read, .. } => { stale_serves.remove(read); }
                _ => {}
            }
        }
    }

    #[test]
    fn router_refresh_never_invalidates_an_entry(
        writer in prop::collection::vec(writer_op(), 1..8),
        reader in reader_ops(),
        schedule in prop::collection::vec(any::<bool>(), 0..16),
    ) {
        let run = scenario(writer, reader, &schedule).run();
        let steps = run.steps();
        for pair in steps.windows(2) {
            let (before, after) = (&pair[0].snapshot, &pair[1].snapshot);
            if pair[1].action != "router.refresh()" {
                continue;
            }
            for entry in before.entries.iter().filter(|e| e.state == EntryState::Fresh) {
                prop_assert_eq!(Some(entry), after.entry(&entry.read));
            }
        }
    }

    #[test]
    fn a_rolled_back_transaction_never_changes_what_a_read_returns(
        writes in prop::collection::vec(writer_op(), 1..6),
        reader in reader_ops(),
        schedule in prop::collection::vec(any::<bool>(), 0..16),
    ) {
        let mut writer = vec![Op::Begin];
        writer.extend(writes.into_iter().filter(|op| matches!(op, Op::Write { .. })));
        writer.push(Op::Rollback);
        let run = scenario(writer, reader, &schedule).run();
        for event in run.log() {
            if let Event::Read { read, value, .. } = event {
                let initial = app().read(read).unwrap().value(&app().rows);
                prop_assert_eq!(value, &initial);
            }
        }
        prop_assert_eq!(run.snapshot().rows, app().rows);
    }

    #[test]
    fn stepping_back_then_forward_reproduces_the_same_snapshot(
        writer in prop::collection::vec(writer_op(), 1..8),
        reader in reader_ops(),
        schedule in prop::collection::vec(0..2usize, 1..16),
        back in 1..6usize,
    ) {
        let mut run = Stepper::new(scenario(writer, reader, &[]));
        for &actor in &schedule {
            run.step(actor);
        }
        let end = run.snapshot();
        let redone: Vec<usize> = schedule.iter().rev().take(back).rev().copied().collect();
        for _ in 0..redone.len() {
            run.back();
        }
        let mut replayed = run.clone();
        for _ in 0..redone.len() {
            run.forward();
        }
        prop_assert_eq!(&run.snapshot(), &end);
        for &actor in &redone {
            replayed.step(actor);
        }
        prop_assert_eq!(&replayed.snapshot(), &end);
    }
}
