//! A page of a list of articles, as every list view (all news, a section, a month) shows it:
//! heading, count, the items with date, section and lead, and the pager.

use archive_core::{paginate, Archive, Article, View, PAGE_SIZE};
use leptos::prelude::*;

use super::{set_list_title, use_archive, use_shelf, DateText, ToSidebar};
use crate::nav::Nav;

/// The longest excerpt shown for an article without a lead, in characters.
const EXCERPT_CHARS: usize = 280;

/// The text under a title in a list: the lead, else the start of the body, cut at a word.
pub fn excerpt(article: &Article) -> Option<String> {
    let text = match article.lead.as_deref().filter(|l| !l.trim().is_empty()) {
        Some(lead) => lead.to_owned(),
        None => article.body.first()?.text(),
    };
    let text = text.trim();
    if text.chars().count() <= EXCERPT_CHARS {
        return Some(text.to_owned());
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let cut = cut.rfind(char::is_whitespace).map_or(cut.as_str(), |i| &cut[..i]).trim_end();
    Some(format!("{cut}…"))
}

/// One item of an article list: the article and its section as `(id, title)`.
#[derive(Debug, Clone)]
pub struct ListEntry {
    /// The article.
    pub article: Article,
    /// Its section's id and name in the interface language (with its parent's title when
    /// another section shares its title: [`Archive::section_name`]).
    pub section: Option<(String, String)>,
}

impl ListEntry {
    /// The entry for `article`, its section titled from `sections` in `lang`.
    pub fn new(article: &Article, sections: &Archive, lang: &str) -> Self {
        let section = article.section.clone().map(|id| {
            let name = sections.section_name(&id, lang);
            (id, name)
        });
        Self { article: article.clone(), section }
    }
}

/// A whole list page: `<h1>`, the count, the page's `items` and the pager. `number` is the
/// 1-based page shown of `pages`; `total` counts the whole list; `extra` goes between the
/// heading and the list (e.g. month links).
#[allow(clippy::too_many_arguments)]
pub fn list_view(
    title: String,
    archive_title: &str,
    view: View,
    number: usize,
    pages: usize,
    total: usize,
    items: Vec<ListEntry>,
    extra: Option<AnyView>,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    set_list_title(&title, number, pages, archive_title);
    // Beyond the first page, the count says which page this is too.
    let page_of = (number > 1).then(|| (nav.ui_now().page_of)(number, pages));
    let past_last = crate::nav::past_last_page(&nav, pages, total);
    crate::nav::show_page_in_url(&nav, number);
    let newer = (number > 1).then(|| nav.href_page(view.clone(), number - 1));
    let older = (number < pages).then(|| nav.href_page(view.clone(), number + 1));
    // What the sidebar holds: an archive without sections has only years there.
    let to_index = if use_shelf().sections().bundle().sections.is_empty() {
        nav.ui_now().by_year
    } else {
        nav.ui_now().to_index
    };
    view! {
        // The heading, focused on arrival, is described by the count: a reader who turned a
        // page hears which page they are on.
        <header class="list-head">
            <h1 aria-describedby="list-count">{title}</h1>
            <p class="count" id="list-count">
                {move || (nav.ui().articles)(total)}
                {page_of.map(|p| format!(" · {p}"))}
            </p>
            <ToSidebar label=to_index />
        </header>
        {past_last}
        // An empty list says so first; what `extra` offers (the nearest months) comes after.
        {if total == 0 {
            view! {
                <p class="empty">{move || nav.ui().empty_list}</p>
                {extra}
            }
                .into_any()
        } else {
            view! {
                {extra}
                <ArticleList items />
            }
                .into_any()
        }}
        <Pager number pages newer older newer_label=nav.ui_now().newer older_label=nav.ui_now().older />
    }
}

/// A whole list page of a single-file archive: `items` are archive positions in display order;
/// `view` is the list's own view, for the pager's links; `page` is the 1-based page the URL
/// asks for (clamped to the last). See [`list_view`].
#[component]
pub fn ListPage(
    /// The page heading.
    title: String,
    /// The list's view, for pager links.
    view: View,
    /// Archive positions, in display order.
    items: Vec<usize>,
    /// The 1-based page asked for.
    page: usize,
    /// Shown between the heading and the list (e.g. month links).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let loaded = use_archive();
    let archive = &loaded.archive;
    let lang = nav.lang.get_untracked();
    let shown = paginate(&items, page, PAGE_SIZE);
    let entries =
        shown.items.iter().map(|&p| ListEntry::new(archive.at(p), archive, lang)).collect();
    list_view(
        title,
        archive.title(lang),
        view,
        shown.number,
        shown.pages,
        shown.total,
        entries,
        children.map(|c| c().into_any()),
    )
}

/// The links between pages of a list: `<nav aria-label="Pages">` with links to the page before
/// (`newer`) and after (`older`) when they exist, to the first and the last page when they are
/// not those, and, from three pages on, a field to go to any page by its number (out of range,
/// the browser's own check says so; the page is the current route's, so lists and searches
/// alike). Nothing when there is one page.
#[component]
pub fn Pager(
    /// This page, 1-based.
    number: usize,
    /// How many pages there are.
    pages: usize,
    /// The link to the page before, if any.
    newer: Option<String>,
    /// The link to the page after, if any.
    older: Option<String>,
    /// The text of the link to the page before.
    newer_label: &'static str,
    /// The text of the link to the page after.
    older_label: &'static str,
    /// Whether `pages` is an upper bound (a sharded phrase search's): then there is no link to
    /// the last page and no field for a page's number, as reaching one would check every
    /// candidate on its shard.
    #[prop(optional)]
    open_ended: bool,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let ui = nav.ui_now();
    let at = move |n: usize| nav.route.with_untracked(|r| r.clone().with_page(n));
    (pages > 1).then(|| {
        let first = (number > 2).then(|| at(1).to_fragment());
        let last = (!open_ended && number + 1 < pages).then(|| at(pages).to_fragment());
        let field = NodeRef::<leptos::html::Input>::new();
        let jump = move |ev: web_sys::SubmitEvent| {
            ev.prevent_default();
            let Some(input) = field.get_untracked() else { return };
            if let Ok(n) = input.value().trim().parse::<usize>() {
                let n = n.clamp(1, pages);
                // Emptied, so the next number typed is not appended to this one (the field
                // stays when the list is kept on screen while the next page loads).
                input.set_value("");
                if n != number {
                    crate::nav::navigate(&nav, &at(n), false);
                }
            }
        };
        view! {
            <nav class="pager" aria-label=ui.pages>
                {first.map(|href| view! { <a class="first" href=href>{ui.first_page}</a> })}
                {newer.map(|href| view! { <a rel="prev" href=href>{newer_label}</a> })}
                <span>
                    {if open_ended { (ui.page_n)(number) } else { (ui.page_of)(number, pages) }}
                </span>
                {older.map(|href| view! { <a rel="next" href=href>{older_label}</a> })}
                {last.map(|href| view! { <a class="last" href=href>{ui.last_page}</a> })}
                {(pages > 2 && !open_ended).then(|| view! {
                    <form class="jump" on:submit=jump>
                        <label>
                            {ui.go_to_page} " "
                            <input
                                node_ref=field
                                type="number"
                                inputmode="numeric"
                                min="1"
                                max=pages.to_string()
                                required=true
                            />
                        </label>
                        <button type="submit">{ui.go}</button>
                    </form>
                })}
            </nav>
        }
    })
}

/// The `<ol class="article-list">` of `items`.
#[component]
pub fn ArticleList(items: Vec<ListEntry>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    view! {
        <ol class="article-list">
            <For each=move || items.clone() key=|e| e.article.id.clone() let:entry>
                {
                    let a = entry.article;
                    let section = entry.section.map(|(id, title)| {
                        view! {
                            <a class="section-link" href=nav.href(View::Section(id))>{title}</a>
                        }
                    });
                    let lead = excerpt(&a);
                    view! {
                        <li>
                            <article lang=a.lang.clone()>
                                <h2>
                                    <a href=nav.href(View::Article(a.id.clone()))>{a.title.clone()}</a>
                                </h2>
                                <p class="meta">
                                    <DateText date=a.date />
                                    {section}
                                    {a.source.clone().map(|s| view! { <span class="source">{s}</span> })}
                                </p>
                                {lead.map(|e| view! { <p class="lead">{e}</p> })}
                            </article>
                        </li>
                    }
                }
            </For>
        </ol>
    }
}
