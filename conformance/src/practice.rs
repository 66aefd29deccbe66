//! Each practice case's wrong options that the answer key gives a reason
//! for, run as written in the option: the reason must hold on the real
//! server as it does in the engine. Practice 3's wrong options call server
//! functions from browser code: they run in `next/cache` as a browser build
//! loads it.

use cache_engine::cases;
use cache_engine::profile::Expiry;
use cache_engine::script::{Op, Scenario};
use cache_engine::tags::{org_tags, user_tags};

use crate::cases::{Case, case};

/// `scenario` with step `step` of actor `actor` replaced by `ops`.
fn replaced(mut scenario: Scenario, actor: usize, step: usize, ops: Vec<Op>) -> Scenario {
    let steps = &mut scenario.actors[actor].steps;
    let removed = steps.splice(step..=step, ops.iter().cloned()).count();
    let name = scenario.actors[actor].name.clone();
    // The schedule names the actor once per step: keep it in step.
    for _ in ops.len()..removed {
        if let Some(at) = scenario.schedule.iter().rposition(|n| *n == name) {
            scenario.schedule.remove(at);
        }
    }
    scenario
}

fn revalidate_max(tag: String) -> Op {
    Op::RevalidateTag {
        tag,
        profile: Some(Expiry::MAX),
        context: None,
    }
}

pub fn distractors() -> Vec<Case> {
    let carol_tag = || user_tags::all("u_carol");
    let settings = cases::practice_display_name_action;
    let webhook = cases::practice_display_name_webhook;
    let map = cases::practice_maps_widget;
    let footer = cases::practice_footer;
    let mut refresh_instead = replaced(settings(), 0, 2, Vec::new());
    refresh_instead.actors[0].steps.push(Op::Refresh);
    vec![
        case(
            "practice_1_wrong_revalidate_tag_max".into(),
            replaced(settings(), 0, 2, vec![revalidate_max(carol_tag())]),
        ),
        case("practice_1_wrong_router_refresh".into(), refresh_instead),
        case(
            "practice_1_wrong_revalidate_path".into(),
            replaced(
                settings(),
                0,
                2,
                vec![Op::RevalidatePath {
                    path: "/users/u_carol".into(),
                    kind: None,
                    context: None,
                }],
            ),
        ),
        case(
            "practice_2_wrong_update_tag".into(),
            replaced(
                webhook(),
                0,
                1,
                vec![Op::UpdateTag {
                    tag: carol_tag(),
                    context: None,
                }],
            ),
        ),
        case(
            "practice_2_wrong_nothing".into(),
            replaced(webhook(), 0, 1, Vec::new()),
        ),
        case(
            "practice_3_wrong_update_tag".into(),
            replaced(
                map(),
                0,
                1,
                vec![Op::UpdateTag {
                    tag: "maps:pin".into(),
                    context: None,
                }],
            ),
        ),
        case(
            "practice_3_wrong_revalidate_path".into(),
            replaced(
                map(),
                0,
                1,
                vec![Op::RevalidatePath {
                    path: "/map".into(),
                    kind: None,
                    context: None,
                }],
            ),
        ),
        case(
            "practice_4_wrong_org_tag".into(),
            replaced(footer(), 0, 1, vec![revalidate_max(org_tags::all("acme"))]),
        ),
        case(
            "practice_4_wrong_home_path".into(),
            replaced(
                footer(),
                0,
                1,
                vec![Op::RevalidatePath {
                    path: "/".into(),
                    kind: None,
                    context: None,
                }],
            ),
        ),
    ]
}
