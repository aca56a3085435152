//! `#/article/{id}` — one article, with the seed site's ways back (go back, back to the section,
//! back to all news), its other-language versions, its original link, its people, places and
//! tags (each a link to the search for the others that name it), and its neighbours: the
//! section's older and newer articles, or the previous and next result when it was opened from
//! search results ([`crate::nav::ResultTrail`]).

use archive_core::route::SearchParams;
use archive_core::search::{highlight, is_quote, Analyzer, ParsedQuery};
use archive_core::{Archive, Article, Route, View};
use leptos::prelude::*;

use super::search::marked;
use super::{Missing, NotFoundPage};
use crate::components::{blocks, set_document_title, use_archive, DateText, ShareCite, WaysBack};
use crate::data::article_address;
use crate::i18n::LANGUAGES;
use crate::nav::{Nav, TrailLink};

/// A search as the marks note names it: in `<q>` quotes, unless it brings its own (a phrase).
fn quoted(q: &str) -> AnyView {
    if q.contains(is_quote) {
        view! { <span class="query">{q.to_owned()}</span> }.into_any()
    } else {
        view! { <q>{q.to_owned()}</q> }.into_any()
    }
}

/// A publication time as a reader reads it: `11:00` (seconds only when not zero), with the
/// publisher's clock when the bundle names it: `11:00 UTC`, `14:00 UTC+03:00`. Never converted
/// to the reader's zone (the time is as published).
fn time_label(time: archive_core::ClockTime, offset: Option<archive_core::UtcOffset>) -> String {
    let mut label = time.to_string();
    if label.len() == 8 && label.ends_with(":00") {
        label.truncate(5);
    }
    match offset.map(|o| o.to_string()) {
        Some(z) if z == "Z" => label + " UTC",
        Some(o) => format!("{label} UTC{o}"),
        None => label,
    }
}

/// The name of a language in itself ("Русский"), or its tag when we have no name for it.
fn language_name(tag: &str) -> &str {
    LANGUAGES.iter().find(|(code, _)| *code == tag).map_or(tag, |(_, name)| name)
}

/// A link to another article: its id, language and, when known, its title.
#[derive(Debug, Clone)]
pub struct ArticleLink {
    /// The article's id.
    pub id: String,
    /// Its language.
    pub lang: String,
    /// Its title, when loaded (a sharded archive may not have it at hand).
    pub title: Option<String>,
}

impl ArticleLink {
    /// The link to `a`.
    pub fn to(a: &Article) -> Self {
        Self { id: a.id.clone(), lang: a.lang.clone(), title: Some(a.title.clone()) }
    }
}

/// One article; not-found when the archive has no article with `id`.
#[component]
pub fn ArticlePage(id: String) -> impl IntoView {
    let loaded = use_archive();
    let archive = &loaded.archive;
    let Some(pos) = archive.position(&id) else {
        // An article the bundle has but the loader left out is not "not found": say why.
        let skipped: Vec<String> = loaded
            .problems
            .iter()
            .filter(|p| {
                p.severity == archive_core::Severity::Error
                    && matches!(&p.location, archive_core::Location::Article { id: Some(i), .. } if *i == id)
            })
            .map(ToString::to_string)
            .collect();
        let missing =
            if skipped.is_empty() { Missing::Article(id) } else { Missing::Skipped(id, skipped) };
        return view! { <NotFoundPage missing /> }.into_any();
    };
    let twins = archive.twins(pos).into_iter().map(|t| ArticleLink::to(archive.at(t))).collect();
    let (previous, next) = archive.neighbours_in_section(pos);
    let link = |p: Option<usize>| p.map(|p| ArticleLink::to(archive.at(p)));
    let neighbours = (link(previous), link(next));
    article_view(archive.at(pos).clone(), archive, &loaded.analyzer, twins, neighbours)
}

/// The article page's content for `a`: `sections` titles its section and names the archive;
/// `twins` are its other-language versions; `neighbours` the (older, newer) articles of its
/// section, which the results before and after it replace when it is one of the search
/// results the reader saw last ([`crate::nav::ResultTrail`]). When the route carries a search (`hl=`, from a result's link), the words it
/// matches are marked in the title, the lead and the body, as `analyzer` matches them.
pub fn article_view(
    a: Article,
    sections: &Archive,
    analyzer: &Analyzer,
    twins: Vec<ArticleLink>,
    neighbours: (Option<ArticleLink>, Option<ArticleLink>),
) -> AnyView {
    let nav = expect_context::<Nav>();
    let ui = nav.ui_now();
    let lang = nav.lang.get_untracked();
    let archive = sections;
    set_document_title(&a.title, archive.title(lang));

    let section = a.section.clone().map(|s| (archive.section_title(&s, lang).to_owned(), s));
    // All news › the section's ancestors › the section: four sections of the built-in archive
    // are called "News", each under another.
    let crumbs = section.clone().map(|(_, s)| {
        let mut chain = vec![s];
        while chain.len() < 8 {
            let parent = archive
                .section(chain.last().map_or("", String::as_str))
                .and_then(|x| x.parent.clone());
            match parent {
                Some(p) if !chain.contains(&p) && archive.section(&p).is_some() => chain.push(p),
                _ => break,
            }
        }
        let links = chain
            .into_iter()
            .rev()
            .map(|id| {
                let title = archive.section_title(&id, lang).to_owned();
                view! {
                    <span aria-hidden="true">" › "</span>
                    <a href=nav.href(View::Section(id))>{title}</a>
                }
            })
            .collect_view();
        view! {
            <nav class="crumbs" aria-label=ui.breadcrumb>
                <a href=nav.href(View::AllNews)>{ui.all_news}</a>
                {links}
            </nav>
        }
    });
    // Beside the title, where a reader comparing versions looks: the other languages by name
    // (each page has its own title), one short line that leaves the lead on a phone's first
    // screen.
    let twins = (!twins.is_empty()).then(|| {
        let links = twins
            .into_iter()
            .enumerate()
            .map(|(i, twin)| {
                let name = language_name(&twin.lang).to_owned();
                // Heard as "This article in another language: Русский", apart from the
                // interface's own language switch, which names the same language.
                view! {
                    {(i > 0).then_some(", ")}
                    <a href=nav.href(View::Article(twin.id.clone())) hreflang=twin.lang.clone()>
                        <span class="visually-hidden">{ui.also_in} " "</span>
                        <span lang=twin.lang.clone()>{name}</span>
                    </a>
                }
            })
            .collect_view();
        // (The lead-in is seen; each link says it, so it is not heard twice.)
        view! {
            <p class="twins">
                <span aria-hidden="true">{ui.also_in}</span>
                " "
                {links}
            </p>
        }
    });
    let original = a.url.as_deref().and_then(article_address).map(|url| {
        view! {
            <p class="original">
                <a href=url rel="noopener noreferrer external" target="_blank">
                    {ui.original}
                    <span class="visually-hidden">{ui.opens_in_new_tab}</span>
                </a>
            </p>
        }
    });
    let (older, newer) = neighbours;
    let neighbour = |n: Option<ArticleLink>, label: &'static str, rel: &'static str| {
        n.map(|n| {
            view! {
                <a rel=rel href=nav.href(View::Article(n.id.clone()))>
                    <span class="label">{label}</span>
                    {n.title.map(|t| view! { <span class="title" lang=n.lang.clone()>{t}</span> })}
                </a>
            }
        })
    };
    // Opened from search results: the results before and after it (at a page's ends, the
    // results' page before or after), in the order the reader saw them.
    let in_results = nav
        .trail
        .with_value(|t| t.as_ref().and_then(|t| t.around(&a.id)))
        .filter(|(previous, next)| previous.is_some() || next.is_some());
    let step = |link: Option<TrailLink>, label: &'static str, page: &'static str, rel| {
        link.map(|link| match link {
            TrailLink::Result(s) => view! {
                <a rel=rel href=s.href>
                    <span class="label">{label}</span>
                    <span class="title" lang=s.lang>{s.title}</span>
                </a>
            }
            .into_any(),
            TrailLink::Page(href) => view! {
                <a rel=rel href=href>
                    <span class="label">{page}</span>
                </a>
            }
            .into_any(),
        })
    };
    // Else its section's older and newer articles; in no section, all news'.
    let neighbours_in = if section.is_some() { ui.in_this_section } else { ui.all_news };
    let neighbours = match in_results {
        Some((previous, next)) => Some(
            view! {
                <nav class="neighbours" aria-label=ui.in_these_results>
                    {step(previous, ui.previous_result, ui.previous_results_page, "prev")}
                    {step(next, ui.next_result, ui.next_results_page, "next")}
                </nav>
            }
            .into_any(),
        ),
        None => (older.is_some() || newer.is_some()).then(|| {
            view! {
                <nav class="neighbours" aria-label=neighbours_in>
                    {neighbour(older, ui.older_article, "prev")}
                    {neighbour(newer, ui.newer_article, "next")}
                </nav>
            }
            .into_any()
        }),
    };
    // The search this article was opened from, its words marked as in the result's snippet.
    let route = nav.route.get_untracked();
    let query = route.highlight.as_deref().map(ParsedQuery::parse).filter(|q| !q.is_empty());
    let hits = std::cell::Cell::new(0usize);
    let text = |t: String| -> AnyView {
        match &query {
            Some(q) => {
                let parts = highlight(&t, q, analyzer);
                hits.set(hits.get() + parts.iter().filter(|p| p.hit).count());
                marked(parts).into_any()
            }
            None => t.into_any(),
        }
    };
    let title = text(a.title.clone());
    let lead = a.lead.clone().map(|l| view! { <p class="lead" lang=a.lang.clone()>{text(l)}</p> });
    // The dateline is searched as body text, so it is marked as the body is.
    let dateline =
        a.dateline.clone().map(|d| view! { <p class="dateline" lang=a.lang.clone()>{text(d)}</p> });
    let body = blocks(a.body.clone(), &text);
    // A title alone (news items that were only a video at the source): said, not a blank.
    let title_only = (a.lead.is_none() && a.body.is_empty()).then(|| {
        view! { <p class="title-only">{(ui.title_only)(original.is_some())}</p> }
    });
    let marks_note = route.highlight.clone().filter(|_| hits.get() > 0).map(|q| {
        let plain = Route { highlight: None, ..route.clone() }.to_fragment();
        view! {
            <p class="marks-note" role="note">
                {(ui.marked_hits)(hits.get())} " " {quoted(&q)} " · " <a href=plain>{ui.unmark}</a>
            </p>
        }
    });
    // Its people, places and tags, each a search for the articles that name it too (a value a
    // quote would break is shown unlinked).
    let route_lang = route.lang.clone();
    let about: Vec<(&'static str, &'static str, Vec<String>)> = [
        (ui.f_person, "person", &a.people),
        (ui.f_place, "place", &a.places),
        (ui.f_tag, "tag", &a.tags),
    ]
    .into_iter()
    .filter(|(_, _, values)| !values.is_empty())
    .map(|(label, field, values)| (label, field, values.clone()))
    .collect();
    let about = (!about.is_empty()).then(|| {
        let rows = about
            .into_iter()
            .map(|(label, field, values)| {
                let links = values
                    .into_iter()
                    .enumerate()
                    .map(|(i, value)| {
                        let href = (!value.contains('"')).then(|| {
                            let q = format!("{field}:\"{value}\"");
                            let params = SearchParams { q, ..SearchParams::default() };
                            Route::view(View::Search(params))
                                .with_lang(route_lang.clone())
                                .to_fragment()
                        });
                        view! {
                            {(i > 0).then_some(", ")}
                            {match href {
                                Some(href) => view! { <a href=href>{value}</a> }.into_any(),
                                None => value.into_any(),
                            }}
                        }
                    })
                    .collect_view();
                view! { <dt>{label}</dt> <dd lang=a.lang.clone()>{links}</dd> }
            })
            .collect_view();
        view! { <dl class="about-article">{rows}</dl> }
    });
    let section_href = section.as_ref().map(|(_, s)| nav.href(View::Section(s.clone())));
    let results_href = nav.trail.with_value(|t| {
        let t = t.as_ref()?;
        let step = t.steps.iter().find(|s| s.id == a.id)?;
        Some((t.search.to_fragment(), step.href.clone()))
    });
    // With no page to go back to (a link opened in a new tab), go up to the section.
    let fallback_href = section_href.clone().unwrap_or_else(|| nav.href(View::AllNews));
    view! {
        <article class="article">
            {crumbs}
            {marks_note}
            // The article's language on its own text only: the interface around it (crumbs,
            // labels, buttons) is in the reader's language.
            <h1 lang=a.lang.clone()>{title}</h1>
            <p class="meta">
                <DateText date=a.date />
                // A time without a date (the date did not parse) tells the reader nothing.
                {a.time.filter(|_| a.date.is_some()).map(|t| view! { " " <span class="time">{time_label(t, a.utc_offset)}</span> })}
                {a.source.clone().map(|s| view! { <span class="source">{ui.source} ": " {s}</span> })}
            </p>
            {twins}
            {dateline}
            {lead}
            <div class="article-body" lang=a.lang.clone()>{body}</div>
            {title_only}
            {about}
            {(!a.notes.is_empty())
                .then(|| {
                    // The archivist's remarks on this copy (cut off in the source, title taken
                    // from a teaser, no date printed…), so the reader knows what they are reading.
                    let notes = a.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view();
                    view! {
                        <aside class="copy-notes" aria-label=ui.about_this_copy>
                            <h2>{ui.about_this_copy}</h2>
                            // The importer's notes are English (docs/importing.md).
                            <ul lang="en">{notes}</ul>
                        </aside>
                    }
                })}
            {original}
            <ShareCite
                title=a.title.clone()
                source=a.source.clone()
                date=a.date
                archive=archive.title(lang).to_owned()
                original=a.url.as_deref().and_then(article_address)
            />
            {neighbours}
            <WaysBack fallback=fallback_href section=section_href results=results_href />
        </article>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    // These run as wasm (the app's target) under wasm-bindgen-test.
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::time_label;

    #[test]
    fn times_read_as_published() {
        // Literals that parse (a test: a failure here is the test failing).
        let t = |s: &str| s.parse().unwrap();
        let o = |s: &str| Some(s.parse().unwrap());
        assert_eq!(time_label(t("11:00:00"), o("Z")), "11:00 UTC");
        assert_eq!(time_label(t("11:00:30"), None), "11:00:30");
        assert_eq!(time_label(t("09:05"), o("+03:00")), "09:05 UTC+03:00");
        assert_eq!(time_label(t("23:59"), o("-05:30")), "23:59 UTC-05:30");
    }
}
