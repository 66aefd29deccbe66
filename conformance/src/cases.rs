//! The scenarios the run covers: every file in `engine/scenarios/`, each
//! distinct outcome the race's explorer reports, the four calls from each
//! context, development mode, the practice cases' wrong options and the
//! revalidation endpoint sent another method than `POST`, and claims the
//! chapters make beside their cases.

use std::fs;
use std::path::Path;

use anyhow::{Context as _, Result};

use crate::{claims, practice};
use cache_engine::app::{Mode, PathKind};
use cache_engine::cases::{self as worked, JobCall};
use cache_engine::explore::explore;
use cache_engine::invoicing::Mutation;
use cache_engine::invoicing::{self, Tail};
use cache_engine::profile::Expiry;
use cache_engine::race::{self, Arrival, Fires, RaceOptions};
use cache_engine::script::{Actor, Context, Method, Op, Scenario};
use cache_engine::tags::{MAX_TAG_LENGTH, MAX_TAGS};
use course_schema::PlaygroundExercise;

/// One scenario to run on both sides.
pub struct Case {
    pub name: String,
    pub scenario: Scenario,
    /// Run under `next dev` rather than `next start`.
    pub dev: bool,
}

impl Case {
    /// Cases with the same routes share one `next build` (and `next dev`
    /// runs on the pages generated for it).
    pub fn build_key(&self) -> String {
        serde_json::to_string(&self.scenario.app.routes).unwrap_or_default()
    }

    pub fn file_name(&self) -> String {
        self.name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect()
    }
}

/// Every case, in a stable order.
pub fn all() -> Result<Vec<Case>> {
    let mut cases = files()?;
    cases.extend(explored());
    cases.extend(calls());
    cases.extend(development());
    cases.extend(redirects());
    cases.extend(presets()?);
    cases.extend(practice::distractors());
    cases.extend(endpoint_methods());
    cases.extend(path_patterns());
    cases.extend(tag_limits());
    cases.extend(claims::all());
    Ok(cases)
}

pub fn case(name: String, scenario: Scenario) -> Case {
    Case {
        dev: scenario.app.mode == Mode::Development,
        name,
        scenario,
    }
}

/// The race under each what-if the chapter discusses.
fn race_what_ifs() -> Vec<(&'static str, RaceOptions)> {
    let d = RaceOptions::default();
    vec![
        ("max", d),
        (
            "expire-now",
            RaceOptions {
                fires: Fires::ExpireNow,
                ..d
            },
        ),
        (
            "update-tag",
            RaceOptions {
                fires: Fires::UpdateTag,
                ..d
            },
        ),
        (
            "forgot",
            RaceOptions {
                fires: Fires::Nothing,
                ..d
            },
        ),
        (
            "webhook-first",
            RaceOptions {
                arrival: Arrival::BeforeRedirect,
                ..d
            },
        ),
    ]
}

/// Each distinct outcome the explorer reports, run in the interleaving it
/// gives for it (as "Load" does in the page).
fn explored() -> Vec<Case> {
    let mut cases = Vec::new();
    for (what_if, options) in race_what_ifs() {
        let scenario = race::checkout_race(&options);
        for (index, group) in explore(&scenario).outcomes.iter().enumerate() {
            let mut replay = scenario.clone();
            replay.schedule = group
                .schedule
                .iter()
                .map(|&actor| scenario.actors[actor].name.clone())
                .collect();
            cases.push(case(
                format!("race_{what_if}_outcome_{}", index + 1),
                replay,
            ));
        }
    }
    cases
}

/// `updateTag`, `revalidateTag` (with `'max'` and with one argument) and
/// `revalidatePath` from a Server Action, a Route Handler, a render and a
/// job's own process, on the race's app; a reader visits before and after.
fn calls() -> Vec<Case> {
    type MakeCall = fn(Option<Context>) -> Op;
    let calls: [(&str, MakeCall); 4] = [
        ("update-tag", |context| Op::UpdateTag {
            tag: "org:acme".into(),
            context,
        }),
        ("revalidate-tag-max", |context| Op::RevalidateTag {
            tag: "org:acme".into(),
            profile: Some(Expiry::MAX),
            context,
        }),
        ("revalidate-tag-one-argument", |context| Op::RevalidateTag {
            tag: "org:acme".into(),
            profile: None,
            context,
        }),
        ("revalidate-path", |context| Op::RevalidatePath {
            path: "/pricing".into(),
            kind: Some(PathKind::Page),
            context,
        }),
    ];
    let write = || Op::Write {
        row: race::PLAN_ROW.into(),
        value: "Pro".into(),
    };
    let visit = |path: &str| Op::Visit { path: path.into() };
    let mut cases = Vec::new();
    for (call, make) in calls {
        let contexts: [(&str, Actor); 4] = [
            (
                "action",
                Actor::new(
                    "caller",
                    Context::Action,
                    vec![visit("/pricing"), write(), make(None), Op::Respond],
                ),
            ),
            (
                "route-handler",
                Actor::new(
                    "caller",
                    Context::RouteHandler,
                    vec![write(), make(None), Op::Respond],
                ),
            ),
            (
                "render",
                Actor::new(
                    "caller",
                    Context::Client,
                    vec![visit("/checkout/success"), make(Some(Context::Render))],
                ),
            ),
            (
                "job",
                Actor::new("caller", Context::Job, vec![write(), make(None)]),
            ),
        ];
        for (context, caller) in contexts {
            let mut scenario = race::checkout_race(&RaceOptions::default());
            scenario.title = format!("{call} from a {context}");
            let reader = Actor::new(
                "reader",
                Context::Client,
                vec![visit("/pricing"), visit("/pricing"), visit("/pricing")],
            );
            scenario.actors = vec![reader, caller];
            let steps = scenario.actors[1].steps.len();
            scenario.schedule = std::iter::once("reader")
                .chain(std::iter::repeat_n("caller", steps))
                .chain(["reader", "reader"])
                .map(String::from)
                .collect();
            cases.push(case(format!("call_{call}_from_{context}"), scenario));
        }
    }
    cases
}

/// Every playground preset in the book, fired once on a fresh app as a
/// reader's first Fire does, then the mutation's page visited again.
fn presets() -> Result<Vec<Case>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../exercises");
    let mut files = Vec::new();
    collect_toml(&root, &mut files)?;
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path)?;
        let mut table: toml::Table =
            toml::from_str(&text).with_context(|| format!("{}", path.display()))?;
        if table.get("kind").and_then(|k| k.as_str()) != Some("playground") {
            continue;
        }
        table.remove("kind");
        let preset: PlaygroundExercise = table
            .try_into()
            .with_context(|| format!("{}", path.display()))?;
        let tail = Tail {
            calls: None,
            write_after_return: preset.write_after_return,
            redirect_before_invalidate: preset.redirect_before_invalidate,
        };
        let mut scenario = invoicing::fired(&preset.app_options(), preset.mutation, tail);
        let again = affected_page(preset.mutation);
        scenario.actors[1]
            .steps
            .push(Op::Visit { path: again.into() });
        scenario.schedule.push(scenario.actors[1].name.clone());
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        cases.push(case(format!("preset_{name}"), scenario));
    }
    Ok(cases)
}

/// The page a reader looks at after firing the mutation.
fn affected_page(mutation: Mutation) -> &'static str {
    mutation.page().unwrap_or(match mutation {
        Mutation::NightlyJob | Mutation::NightlyJobDirect => "/dashboard",
        Mutation::FooterChange => "/about",
        Mutation::MapsWidgetSave => "/map",
        _ => "/invoices/inv_1",
    })
}

fn collect_toml(folder: &Path, into: &mut Vec<std::path::PathBuf>) -> Result<()> {
    for entry in fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_toml(&path, into)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            into.push(path);
        }
    }
    Ok(())
}

/// A Server Action writes, calls `revalidateTag(tag, 'max')` and redirects:
/// to a page rendered per request, and to a prerendered one.
fn redirects() -> Vec<Case> {
    let mut cases = Vec::new();
    for (name, per_request) in [("per-request", true), ("prerendered", false)] {
        let mut scenario = race::checkout_race(&RaceOptions::default());
        scenario.title = format!("redirect after revalidateTag 'max' to a {name} page");
        scenario.app_mut().routes[1].dynamic = per_request;
        scenario.app_mut().warm.push("/checkout/success".into());
        let visit = |path: &str| Op::Visit { path: path.into() };
        scenario.actors = vec![
            Actor::new(
                "buyer",
                Context::Action,
                vec![
                    visit("/pricing"),
                    Op::Write {
                        row: race::PLAN_ROW.into(),
                        value: "Pro".into(),
                    },
                    Op::RevalidateTag {
                        tag: "org:acme".into(),
                        profile: Some(Expiry::MAX),
                        context: None,
                    },
                    Op::Redirect {
                        path: "/checkout/success".into(),
                    },
                ],
            ),
            Actor::new(
                "visitor",
                Context::Client,
                vec![visit("/checkout/success"), visit("/checkout/success")],
            ),
        ];
        scenario.schedule = Vec::new();
        cases.push(case(format!("redirect_max_to_{name}_page"), scenario));
    }
    cases
}

/// `next dev`: cached reads are cached as in production; a hard reload
/// (`cache-control: no-cache`) recomputes them.
fn development() -> Vec<Case> {
    let mut cases = Vec::new();
    for (what_if, options) in [
        ("max", RaceOptions::default()),
        (
            "forgot",
            RaceOptions {
                fires: Fires::Nothing,
                ..RaceOptions::default()
            },
        ),
    ] {
        let mut scenario = race::checkout_race(&options);
        scenario.app_mut().mode = Mode::Development;
        cases.push(case(format!("dev_race_{what_if}"), scenario.clone()));
        scenario.actors[0].steps.push(Op::HardReload);
        cases.push(case(
            format!("dev_race_{what_if}_then_hard_reload"),
            scenario.clone(),
        ));
        let mut production = scenario;
        production.app_mut().mode = Mode::Production;
        cases.push(case(format!("race_{what_if}_then_hard_reload"), production));
    }
    cases
}

fn files() -> Result<Vec<Case>> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/scenarios");
    let mut files: Vec<_> = fs::read_dir(&folder)
        .with_context(|| format!("read {}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path)?;
            let scenario: Scenario =
                toml::from_str(&text).with_context(|| format!("{}", path.display()))?;
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(case(name, scenario))
        })
        .collect()
}

/// Worked case 4's job sends `GET` or `OPTIONS` to the POST-only endpoint
/// instead of its `POST`: Next.js answers without running the handler, and
/// the morning's visitor sees yesterday's summary.
fn endpoint_methods() -> Vec<Case> {
    [Method::Get, Method::Options]
        .into_iter()
        .map(|method| {
            let mut scenario = worked::nightly_job(JobCall::Endpoint);
            scenario.actors[0].steps[1] = Op::RequestRevalidate { method };
            case(
                format!("endpoint_{}", method.name().to_lowercase()),
                scenario,
            )
        })
        .collect()
}

/// `revalidatePath` given a dynamic route pattern, without and with its
/// type: without one Next.js warns and nothing is expired.
fn path_patterns() -> Vec<Case> {
    [("without_type", None), ("with_type", Some(PathKind::Page))]
        .into_iter()
        .map(|(name, kind)| {
            let mut scenario = worked::practice_display_name_action();
            scenario.title = format!(
                "revalidatePath on a dynamic pattern {}",
                name.replace('_', " ")
            );
            let visit = || Op::Visit {
                path: "/invoices/inv_1".into(),
            };
            scenario.actors = vec![
                Actor::new(
                    "ada",
                    Context::Action,
                    vec![
                        visit(),
                        Op::Write {
                            row: "invoice:inv_1".into(),
                            value: "€120 unpaid".into(),
                        },
                        Op::RevalidatePath {
                            path: "/invoices/[id]".into(),
                            kind,
                            context: None,
                        },
                        Op::Respond,
                    ],
                ),
                Actor::new("visitor", Context::Client, vec![visit()]),
            ];
            scenario.schedule = Vec::new();
            case(format!("revalidate_path_pattern_{name}"), scenario)
        })
        .collect()
}

/// A cached read with a tag over the length limit, and one with more tags
/// than the count limit: Next.js warns as it stores the entry, and an
/// `updateTag` of the probed tag then shows whether the entry kept it (the
/// over-long one: no; the first past the count: yes, in 16.4.6).
fn tag_limits() -> Vec<Case> {
    let long = "x".repeat(MAX_TAG_LENGTH + 1);
    let many: Vec<String> = (0..=MAX_TAGS + 1).map(|n| format!("t{n}")).collect();
    let first_past = many[MAX_TAGS].clone();
    [
        ("long", vec!["org:acme".to_string(), long.clone()], long),
        ("many", many, first_past),
    ]
    .into_iter()
    .map(|(name, tags, probe)| {
        let mut scenario = race::checkout_race(&RaceOptions::default());
        scenario.title = format!("a cached read with too {name} tags");
        // Computed during the run, where its warning can be seen.
        scenario.app_mut().warm.clear();
        if let Some(read) = scenario
            .app_mut()
            .reads
            .iter_mut()
            .find(|r| r.key == "entitlement")
        {
            read.tags = tags;
        }
        let visit = || Op::Visit {
            path: "/checkout/success".into(),
        };
        scenario.actors = vec![
            Actor::new("reader", Context::Client, vec![visit(), visit()]),
            Actor::new(
                "admin",
                Context::Action,
                vec![
                    Op::Write {
                        row: race::PLAN_ROW.into(),
                        value: "Pro".into(),
                    },
                    Op::UpdateTag {
                        tag: probe,
                        context: None,
                    },
                    Op::Respond,
                ],
            ),
        ];
        scenario.schedule = ["reader", "admin", "admin", "admin", "reader"]
            .map(String::from)
            .to_vec();
        case(format!("tags_too_{name}"), scenario)
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const APPENDIX: &str = "how-the-model-was-checked.md#";

    fn chapter_anchors(folder: &Path, into: &mut Vec<(String, String)>) {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                chapter_anchors(&path, into);
            } else if path.extension().is_some_and(|ext| ext == "md") {
                let text = fs::read_to_string(&path).unwrap();
                for (_, rest) in text
                    .match_indices(APPENDIX)
                    .map(|(at, _)| text.split_at(at))
                {
                    let anchor = &rest[APPENDIX.len()..];
                    let end = anchor.find(')').unwrap_or(anchor.len());
                    into.push((path.display().to_string(), anchor[..end].to_string()));
                }
            }
        }
    }

    /// A chapter's link to "its run" must name a case the run covers and a
    /// row of the report the book shows, or it would be a dead promise.
    #[test]
    fn every_chapter_link_reaches_a_case_and_its_row() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut links = Vec::new();
        chapter_anchors(&root.join("src"), &mut links);
        assert!(links.len() > 20, "chapters link to their runs: {links:?}");
        let names: Vec<String> = all().unwrap().iter().map(Case::file_name).collect();
        let report = fs::read_to_string(root.join("src/conformance-report.md")).unwrap();
        for (file, anchor) in links {
            assert!(
                names.contains(&anchor),
                "{file}: #{anchor} is no case of the run"
            );
            assert!(
                report.contains(&format!("<span id=\"{anchor}\">")),
                "{file}: #{anchor} has no row in src/conformance-report.md"
            );
        }
    }
}
