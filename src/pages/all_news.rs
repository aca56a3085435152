//! `#/` — every article, newest first, with the archive's sections and years beside it.

use std::collections::HashMap;

use archive_core::route::SearchParams;
use archive_core::search::{Filters, Sort};
use archive_core::{Period, View};
use leptos::prelude::*;

use crate::components::{use_archive, use_shelf, ArchiveNotes, ListPage, ProblemsRegion};
use crate::data::Shelf;
use crate::nav::Nav;

/// All news, newest first.
#[component]
pub fn AllNewsPage() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let loaded = use_archive();
    let items = loaded.archive.all().to_vec();
    let page = nav.route.with_untracked(|r| r.page);
    view! {
        <ProblemsRegion />
        <div class="with-sidebar">
            <div class="list">
                <ListPage title=nav.ui_now().all_news.to_owned() view=View::AllNews items page />
            </div>
            <ArchiveIndex />
        </div>
        <ArchiveNotes />
    }
}

/// The list items of the sections under `parent` that hold articles (their own or their
/// descendants'), nested, with the count of the whole subtree; and that total. `depth` stops
/// runaway nesting (the loader already cuts parent cycles).
fn section_tree(
    archive: &archive_core::Archive,
    parent: Option<&str>,
    own: &HashMap<String, usize>,
    nav: &Nav,
    lang: &str,
    depth: usize,
) -> (Vec<AnyView>, usize) {
    let mut items = Vec::new();
    let mut total = 0;
    if depth > 8 {
        return (items, total);
    }
    for section in archive.children(parent) {
        let (children, below) = section_tree(archive, Some(&section.id), own, nav, lang, depth + 1);
        let n = own.get(section.id.as_str()).copied().unwrap_or(0) + below;
        total += n;
        if n == 0 {
            continue;
        }
        let title = archive.section_title(&section.id, lang).to_owned();
        let nested = (!children.is_empty()).then(|| view! { <ul>{children}</ul> });
        items.push(
            view! {
                <li>
                    <a
                        href=nav.href(View::Section(section.id.clone()))
                        aria-current=here(nav, View::Section(section.id.clone()))
                    >
                        {title}
                    </a>
                    " "
                    {article_count(lang, n)}
                    {nested}
                </li>
            }
            .into_any(),
        );
    }
    // Sections only articles name (not defined in the bundle) are listed at the top level.
    if parent.is_none() {
        let mut extra: Vec<(&str, usize)> = own
            .iter()
            .filter(|(id, n)| **n > 0 && archive.section(id).is_none())
            .map(|(id, n)| (id.as_str(), *n))
            .collect();
        extra.sort_unstable();
        for (id, n) in extra {
            total += n;
            items.push(
                view! {
                    <li>
                        <a
                            href=nav.href(View::Section(id.to_owned()))
                            aria-current=here(nav, View::Section(id.to_owned()))
                        >
                            {id.to_owned()}
                        </a>
                        " "
                        {article_count(lang, n)}
                    </li>
                }
                .into_any(),
            );
        }
    }
    (items, total)
}

/// An article count beside a link of the archive's index: the number as shown, and "60
/// articles" as heard (a bare "60" after a link's name says nothing).
pub(crate) fn article_count(lang: &str, n: usize) -> impl IntoView {
    view! {
        <span class="n">
            <span aria-hidden="true">{crate::i18n::count(lang, n)}</span>
            <span class="visually-hidden">{(crate::i18n::ui(lang).articles)(n)}</span>
        </span>
    }
}

/// `aria-current="page"` for a link of the archive's index to `view`, while it is the view
/// shown: the reader hears (and sees) where they are in it.
fn here(nav: &Nav, view: View) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    let route = nav.route;
    move || route.with(|r| r.view == view).then_some("page")
}

/// The sections and years of the archive, with article counts.
#[component]
pub fn ArchiveIndex() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let shelf = use_shelf();
    let archive = shelf.sections();
    let lang = nav.lang.get_untracked();
    let (own, months): (HashMap<String, usize>, _) = match &shelf {
        Shelf::Single(l) => (
            l.archive.section_counts().into_iter().map(|(id, n)| (id.to_owned(), n)).collect(),
            l.archive.months(),
        ),
        Shelf::Sharded(s) => {
            let a = s.archive();
            (a.section_counts().into_iter().map(|(id, n)| (id.to_owned(), n)).collect(), a.months())
        }
    };
    let sections = section_tree(archive, None, &own, &nav, lang, 0).0;
    // An archive without sections (or with no articles in any) shows no empty heading.
    let sections = (!sections.is_empty()).then(|| {
        view! {
            <h2>{move || nav.ui().sections}</h2>
            <ul>{sections}</ul>
        }
    });
    let mut years: Vec<(u16, usize)> = Vec::new();
    for (period, n) in months {
        match years.last_mut() {
            Some((y, total)) if *y == period.year => *total += n,
            _ => years.push((period.year, n)),
        }
    }
    let years: Vec<AnyView> = years
        .into_iter()
        .map(|(year, n)| {
            view! {
                <li>
                    <a
                        href=nav.href(View::Date(Period { year, month: None }))
                        aria-current=here(&nav, View::Date(Period { year, month: None }))
                    >
                        {year}
                    </a>
                    " "
                    {article_count(lang, n)}
                </li>
            }
            .into_any()
        })
        .collect();
    // An archive in several languages lists each one's articles, newest first (a search by
    // the language alone): a Russian reader of a mostly English archive finds the Russian.
    let languages = shelf.languages();
    let languages = (languages.len() > 1).then(|| {
        let links = languages
            .into_iter()
            .map(|(code, n)| {
                let params = SearchParams {
                    filters: Filters { lang: Some(code.clone()), ..Filters::default() },
                    sort: Sort::Newest,
                    ..SearchParams::default()
                };
                let name = crate::i18n::language_name(lang, &code);
                // Heard as "Articles in English", apart from the interface's switch to English.
                view! {
                    <li>
                        <a href=nav.href(View::Search(params))>
                            <span class="visually-hidden">{nav.ui_now().articles_in} " "</span>
                            {name}
                        </a>
                        " "
                        {article_count(lang, n as usize)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <h2>{move || nav.ui().by_language}</h2>
            <ul class="languages">{links}</ul>
        }
    });
    view! {
        <aside class="sidebar" id="sidebar" aria-label=move || nav.ui().archive_nav>
            {sections}
            {(!years.is_empty()).then(|| view! {
                <h2>{move || nav.ui().by_year}</h2>
                <ul class="years">{years}</ul>
            })}
            {languages}
        </aside>
    }
}
