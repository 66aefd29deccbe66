//! The playground's parts, rendered from plain data.

use cache_engine::invoicing::Report;
use cache_engine::prelude::{Event, Mutation, Op, Snapshot};
use yew::prelude::{Callback, Html, MouseEvent, html};

use super::Toggle;
use super::model::{Action, CallKind, PAGES, PATHS, PEOPLE, Toggles, site_key, site_label, tags};
use crate::sim;

fn checkbox(
    id: String,
    label: impl Into<Html>,
    on: bool,
    toggle: Toggle,
    on_toggle: &Callback<(Toggle, bool)>,
) -> Html {
    let onchange = on_toggle.reform(move |event: web_sys::Event| (toggle, sim::checked(&event)));
    html! {
        <label class="fr-check" for={id.clone()}>
            <input type="checkbox" id={id} checked={on} {onchange} />
            { label.into() }
        </label>
    }
}

/// The app's toggles: changing one starts the playground again.
pub fn app_toggles(
    id: &str,
    toggles: &Toggles,
    no_store: &str,
    on_toggle: &Callback<(Toggle, bool)>,
) -> Html {
    // The read a preset made no-store, else the one the chapter names.
    let no_store_label = html! {
        <>
            { "The " }<code>{ toggles.no_store.as_deref().unwrap_or(no_store).to_string() }</code>
            { " read is fetched with cache: 'no-store'" }
        </>
    };
    let field = |suffix: &str| format!("fr-{id}-{suffix}");
    html! {
        <fieldset class="fr-app-toggles">
            <legend>{ "The app (changing these starts again)" }</legend>
            { checkbox(field("dev"), "Development mode (next dev)", toggles.development, Toggle::Development, on_toggle) }
            { checkbox(field("no-store"), no_store_label,
                toggles.no_store.is_some(), Toggle::NoStore, on_toggle) }
            { checkbox(field("cookies"), "The marketing pages call cookies()", toggles.cookies, Toggle::Cookies, on_toggle) }
            { checkbox(field("mistyped"), "The invoice list's tag is typed by hand: org:acme:invoice",
                toggles.mistyped, Toggle::Mistyped, on_toggle) }
            { checkbox(field("secret"), "REVALIDATION_SECRET is set on the host", toggles.secret_on_host,
                Toggle::SecretOnHost, on_toggle) }
        </fieldset>
    }
}

/// The pages, each with its cached reads and what the chosen person sees.
pub fn pages(
    id: &str,
    snapshot: &Snapshot,
    person: &'static str,
    on_person: Callback<web_sys::Event>,
    on_visit: &Callback<(&'static str, bool)>,
) -> Html {
    let people = PEOPLE.map(|(value, label)| {
        html! { <option {value} selected={value == person}>{ person_label(snapshot, value, label) }</option> }
    });
    let seen = snapshot.pages.get(person);
    let cards = PAGES.iter().map(|page| {
        let path = page.path;
        let onclick = on_visit.reform(move |_: MouseEvent| (path, false));
        let on_hard = on_visit.reform(move |_: MouseEvent| (path, true));
        let here = seen.filter(|view| view.path == path);
        let reads = page.reads.iter().map(|read| {
            let queued = snapshot.pending.iter().any(|pending| pending == read);
            let shown = here.and_then(|view| view.value(read));
            html! {
                <li data-read={*read}>
                    <code>{ *read }</code>{ " " }
                    { sim::entry(snapshot.entry(read), queued) }
                    if let Some(shown) = shown {
                        <span class="fr-page-shows">{ "on screen: " }<strong>{ shown }</strong></span>
                    }
                </li>
            }
        });
        let verb = if here.is_some() { "Refresh" } else { "Visit" };
        html! {
            <li class="fr-page" data-path={path}>
                <h4 class="fr-page-title">{ page.title }</h4>
                <p class="fr-page-path"><code>{ path }</code></p>
                <ul class="fr-page-reads">{ for reads }</ul>
                if let Some(notice) = here.and_then(|view| view.notice.clone()) {
                    <p class="fr-page-notice">{ notice }</p>
                }
                <p class="fr-page-buttons">
                    <button type="button" class="fr-button fr-visit" {onclick}>
                        { verb }<span class="fr-sr">{ " " }{ path }</span>
                    </button>
                    // Only the open page can be reloaded, as in a browser.
                    if here.is_some() {
                        <button type="button" class="fr-button fr-hard-reload" onclick={on_hard}>
                            { "Hard reload" }<span class="fr-sr">{ " " }{ path }</span>
                        </button>
                    }
                </p>
            </li>
        }
    });
    let person_id = format!("fr-{id}-person");
    html! {
        <div class="fr-pages-box">
            <p class="fr-person">
                <label for={person_id.clone()}>{ "Visit pages as " }</label>
                <select id={person_id} data-fr-keys="arrows ends" onchange={on_person}>{ for people }</select>
            </p>
            <ul class="fr-pages" aria-label="The app's pages">{ for cards }</ul>
        </div>
    }
}

/// A person as the members rows have them now ("Carol (admin)"), or, for
/// someone in no row, their name and that they are not in the org.
fn person_label(snapshot: &Snapshot, who: &str, name: &str) -> String {
    if who == "visitor" {
        return name.to_string();
    }
    snapshot
        .rows
        .get(format!("org:acme:member:u_{who}").as_str())
        .cloned()
        .unwrap_or_else(|| format!("{name} (not in the org)"))
}

/// The committed database rows: what the prompts mean by "the row says".
pub fn rows(snapshot: &Snapshot) -> Html {
    let rows = snapshot.rows.iter().map(|(row, value)| {
        html! { <li data-row={row.clone()}><code>{ row.clone() }</code>{ " = " }<span class="fr-row-value">{ value.clone() }</span></li> }
    });
    html! {
        <details class="fr-db" open=true>
            <summary>{ "The database (committed rows)" }</summary>
            <ul class="fr-db-rows">{ for rows }</ul>
        </details>
    }
}

pub struct Sites<'a> {
    pub site: Mutation,
    pub calls: CallKind,
    pub targets: &'a [String],
    pub toggles: &'a Toggles,
    pub on_site: Callback<web_sys::Event>,
    pub on_calls: Callback<web_sys::Event>,
    pub on_target: Callback<(String, bool)>,
    pub on_toggle: Callback<(Toggle, bool)>,
}

/// The mutation site, its calls and its targets, and the tail's order.
pub fn sites(id: &str, sites: Sites<'_>) -> Html {
    let field = |suffix: &str| format!("fr-{id}-{suffix}");
    let options = Mutation::ALL.map(|site| {
        let value = site_key(site);
        html! { <option {value} selected={site == sites.site}>{ site_label(site) }</option> }
    });
    let kinds = CallKind::ALL.map(|kind| {
        html! { <option value={kind.key()} selected={kind == sites.calls}>{ kind.label() }</option> }
    });
    let choices: Vec<(String, Option<&str>)> = if sites.calls.takes_tags() {
        tags().into_iter().map(|tag| (tag, None)).collect()
    } else if sites.calls == CallKind::RevalidatePath {
        PATHS
            .iter()
            .map(|(path, kind)| (path.to_string(), kind.map(|kind| kind.name())))
            .collect()
    } else {
        Vec::new()
    };
    let boxes = choices
        .into_iter()
        .enumerate()
        .map(|(index, (target, kind))| {
            let on = sites.targets.contains(&target);
            let value = target.clone();
            let onchange = sites
                .on_target
                .reform(move |event: web_sys::Event| (value.clone(), sim::checked(&event)));
            let box_id = format!("fr-{id}-target-{index}");
            html! {
                <label class="fr-check" for={box_id.clone()}>
                    <input type="checkbox" id={box_id} checked={on} {onchange} />
                    <code>{ target }</code>
                    if let Some(kind) = kind { { ", " }<code>{ kind }</code> }
                </label>
            }
        });
    let what = if sites.calls.takes_tags() {
        "Tags (from the tag helpers)"
    } else {
        "Paths"
    };
    let recommended = sites
        .site
        .recommended()
        .iter()
        .map(Op::code)
        .collect::<Vec<_>>()
        .join("; ");
    let on_toggle = &sites.on_toggle;
    html! {
        <fieldset class="fr-sites" data-fr-keys="arrows ends">
            <legend>{ "Fire a mutation site" }</legend>
            <p>
                <label for={field("site")}>{ "Site " }</label>
                <select id={field("site")} onchange={sites.on_site}>{ for options }</select>
            </p>
            <p>
                <label for={field("calls")}>{ "Its invalidation " }</label>
                <select id={field("calls")} onchange={sites.on_calls}>{ for kinds }</select>
            </p>
            if sites.calls == CallKind::Recommended {
                <p class="fr-recommended">{ "Recommended: " }<code>{ if recommended.is_empty() { "nothing (router.refresh() in the client)".to_string() } else { recommended } }</code></p>
            }
            if sites.calls.takes_tags() || sites.calls == CallKind::RevalidatePath {
                <div class="fr-targets" role="group" aria-label={what}>{ for boxes }</div>
            }
            { checkbox(field("after-return"), "Hand the write to a queue: it commits after the action returns",
                sites.toggles.after_return, Toggle::AfterReturn, on_toggle) }
            { checkbox(field("redirect-first"), "redirect() before the invalidation calls",
                sites.toggles.redirect_first, Toggle::RedirectFirst, on_toggle) }
        </fieldset>
    }
}

/// What the last action did.
pub fn report(last: Option<(&Action, &Report)>) -> Html {
    let Some((action, report)) = last else {
        return html! {
            <div class="fr-report"><p>{ "Nothing done yet: every page has been rendered once, so the cache is warm." }</p></div>
        };
    };
    let title = match action {
        Action::Visit {
            who,
            path,
            hard: false,
        } => format!("{who} opened {path}"),
        Action::Visit { who, path, .. } => format!("{who} hard-reloaded {path}"),
        Action::Fire { site, .. } => site_label(*site).to_string(),
    };
    let reads: Vec<Html> = report
        .reads()
        .into_iter()
        .filter_map(|event| match event {
            Event::Read {
                actor,
                read,
                outcome,
                value,
            } => Some(html! {
                <tr data-outcome={sim::outcome_word(*outcome)}>
                    <td data-label="Who">{ actor.clone() }</td><td data-label="Read"><code>{ read.clone() }</code></td>
                    <td class="fr-outcome" data-label="Cache">{ sim::outcome_word(*outcome) }</td>
                    <td data-label="Value">{ value.clone() }</td>
                </tr>
            }),
            _ => None,
        })
        .collect();
    // One log in the order things happened: reads, writes, commits and
    // invalidations together, as the prompts ask the reader to follow them.
    let events = report.steps.iter().flat_map(|step| &step.events);
    html! {
        <div class="fr-report">
            <h4>{ "Last action: " }{ title }</h4>
            if reads.is_empty() {
                <p class="fr-reads-none">{ "No reads: this action read nothing from the cache." }</p>
            } else {
                <table class="fr-reads fr-reflow">
                    <caption>{ "Reads" }</caption>
                    <thead><tr><th scope="col">{ "Who" }</th><th scope="col">{ "Read" }</th>
                        <th scope="col">{ "Cache" }</th><th scope="col">{ "Value" }</th></tr></thead>
                    <tbody>{ for reads }</tbody>
                </table>
            }
            <p class="fr-log-title">{ "What happened, in order" }</p>
            { sim::log("What happened, in order", events) }
        </div>
    }
}
