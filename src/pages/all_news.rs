//! `#/` — every article, newest first, with the archive's sections and years beside it.

use archive_core::{Period, View};
use leptos::prelude::*;

use crate::components::{use_archive, ListPage, ProblemsRegion};
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
    }
}

/// The sections and years of the archive, with article counts.
#[component]
pub fn ArchiveIndex() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let loaded = use_archive();
    let archive = &loaded.archive;
    let lang = nav.lang.get_untracked();
    let sections = archive
        .section_counts()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(id, n)| {
            let title = archive.section_title(id, lang).to_owned();
            view! {
                <li>
                    <a href=nav.href(View::Section(id.to_owned()))>{title}</a>
                    " "
                    <span class="n">{n}</span>
                </li>
            }
        })
        .collect_view();
    let mut years: Vec<(u16, usize)> = Vec::new();
    for (period, n) in archive.months() {
        match years.last_mut() {
            Some((y, total)) if *y == period.year => *total += n,
            _ => years.push((period.year, n)),
        }
    }
    let years = years
        .into_iter()
        .map(|(year, n)| {
            view! {
                <li>
                    <a href=nav.href(View::Date(Period { year, month: None }))>{year}</a>
                    " "
                    <span class="n">{n}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <aside class="sidebar" aria-label=move || nav.ui().archive_nav>
            <h2>{move || nav.ui().sections}</h2>
            <ul>{sections}</ul>
            <h2>{move || nav.ui().by_month}</h2>
            <ul class="years">{years}</ul>
        </aside>
    }
}
