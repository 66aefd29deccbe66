//! The playground's parts, rendered from plain data.

use cache_engine::invoicing::Report;
use cache_engine::prelude::{Event, Mutation, Op, Snapshot};
use yew::prelude::{Callback, Html, MouseEvent, html};

use super::Toggle;
use super::model::{Action, CallKind, PAGES, PATHS, PEOPLE, Toggles, site_key, site_label, tags};
use crate::markup::Markup;
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
    on_visit: &Callback<&'static str>,
) -> Html {
    let mut people = Markup::default();
    for (value, label) in PEOPLE {
        people.option(
            value,
            &person_label(snapshot, value, label),
            value == person,
        );
    }
    let seen = snapshot.pages.get(person);
    let cards = PAGES.iter().map(|page| {
        let path = page.path;
        let onclick = on_visit.reform(move |_: MouseEvent| path);
        let here = seen.filter(|view| view.path == path);
        let mut reads = Markup::default();
        reads.open("ul", &[("class", Some("fr-page-reads"))]);
        for read in page.reads {
            let queued = snapshot.pending.iter().any(|pending| pending == read);
            reads
                .open("li", &[("data-read", Some(read))])
                .element("code", &[], read)
                .text(" ");
            sim::entry(&mut reads, snapshot.entry(read), queued);
            if let Some(shown) = here.and_then(|view| view.value(read)) {
                reads
                    .open("span", &[("class", Some("fr-page-shows"))])
                    .text("on screen: ")
                    .element("strong", &[], shown)
                    .close("span");
            }
            reads.close("li");
        }
        reads.close("ul");
        let verb = if here.is_some() { "Refresh" } else { "Visit" };
        html! {
            <li class="fr-page" data-path={path}>
                <h4 class="fr-page-title">{ page.title }</h4>
                <p class="fr-page-path"><code>{ path }</code></p>
                { reads.html() }
                if let Some(notice) = here.and_then(|view| view.notice.clone()) {
                    <p class="fr-page-notice">{ notice }</p>
                }
                <button type="button" class="fr-button fr-visit" {onclick}>
                    { verb }<span class="fr-sr">{ " " }{ path }</span>
                </button>
            </li>
        }
    });
    let person_id = format!("fr-{id}-person");
    html! {
        <div class="fr-pages-box">
            <p class="fr-person">
                <label for={person_id.clone()}>{ "Visit pages as " }</label>
                <select id={person_id} data-fr-keys="arrows ends" onchange={on_person}>{ people.html() }</select>
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
    let mut rows = Markup::default();
    rows.open("ul", &[("class", Some("fr-db-rows"))]);
    for (row, value) in snapshot.rows.iter() {
        rows.open("li", &[("data-row", Some(row))])
            .element("code", &[], row)
            .text(" = ")
            .element("span", &[("class", Some("fr-row-value"))], value)
            .close("li");
    }
    rows.close("ul");
    html! {
        <details class="fr-db" open=true>
            <summary>{ "The database (committed rows)" }</summary>
            { rows.html() }
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
    let mut options = Markup::default();
    for site in Mutation::ALL {
        options.option(site_key(site), site_label(site), site == sites.site);
    }
    let mut kinds = Markup::default();
    for kind in CallKind::ALL {
        kinds.option(kind.key(), kind.label(), kind == sites.calls);
    }
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
                <select id={field("site")} onchange={sites.on_site}>{ options.html() }</select>
            </p>
            <p>
                <label for={field("calls")}>{ "Its invalidation " }</label>
                <select id={field("calls")} onchange={sites.on_calls}>{ kinds.html() }</select>
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
    let mut markup = Markup::default();
    markup.open("div", &[("class", Some("fr-report"))]);
    match last {
        None => {
            markup.element(
                "p",
                &[],
                "Nothing done yet: every page has been rendered once, so the cache is warm.",
            );
        }
        Some((action, report)) => {
            let title = match action {
                Action::Visit { who, path } => format!("{who} opened {path}"),
                Action::Fire { site, .. } => site_label(*site).to_string(),
            };
            markup.element("h4", &[], &format!("Last action: {title}"));
            reads(&mut markup, report);
            markup.element(
                "p",
                &[("class", Some("fr-log-title"))],
                "What happened, in order",
            );
            // One log in the order things happened: reads, writes, commits
            // and invalidations together, as the prompts ask the reader to
            // follow them.
            sim::write_log(
                &mut markup,
                "What happened, in order",
                report.steps.iter().flat_map(|step| &step.events),
            );
        }
    }
    markup.close("div");
    markup.html()
}

/// The reads an action made, as a table, or a line saying it made none.
fn reads(markup: &mut Markup, report: &Report) {
    let reads: Vec<_> = report
        .reads()
        .into_iter()
        .filter_map(|event| match event {
            Event::Read {
                actor,
                read,
                outcome,
                value,
            } => Some((actor, read, sim::outcome_word(*outcome), value)),
            _ => None,
        })
        .collect();
    if reads.is_empty() {
        markup.element(
            "p",
            &[("class", Some("fr-reads-none"))],
            "No reads: this action read nothing from the cache.",
        );
        return;
    }
    markup
        .open("table", &[("class", Some("fr-reads fr-reflow"))])
        .element("caption", &[], "Reads")
        .open("thead", &[])
        .open("tr", &[]);
    for heading in ["Who", "Read", "Cache", "Value"] {
        markup.element("th", &[("scope", Some("col"))], heading);
    }
    markup.close("tr").close("thead").open("tbody", &[]);
    for (actor, read, outcome, value) in reads {
        markup
            .open("tr", &[("data-outcome", Some(outcome))])
            .element("td", &[("data-label", Some("Who"))], actor)
            .open("td", &[("data-label", Some("Read"))])
            .element("code", &[], read)
            .close("td")
            .element(
                "td",
                &[("class", Some("fr-outcome")), ("data-label", Some("Cache"))],
                outcome,
            )
            .element("td", &[("data-label", Some("Value"))], value)
            .close("tr");
    }
    markup.close("tbody").close("table");
}
