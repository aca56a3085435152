//! `#/section/{id}` — the articles of one section and the sections below it, newest first.

use archive_core::{Archive, View};
use leptos::prelude::*;

use super::all_news::ArchiveIndex;
use super::{Missing, NotFoundPage};
use crate::components::{use_archive, ListPage};
use crate::nav::Nav;

/// One section's articles, its sub-sections' included; not-found when the archive has no such
/// section.
#[component]
pub fn SectionPage(id: String) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let loaded = use_archive();
    let archive = &loaded.archive;
    let items = archive.in_subtree(&id);
    if archive.section(&id).is_none() && items.is_empty() {
        return view! { <NotFoundPage missing=Missing::Section(id) /> }.into_any();
    }
    let lang = nav.lang.get_untracked();
    let title = archive.section_title(&id, lang).to_owned();
    let parent = section_crumbs(archive, &id);
    let page = nav.route.with_untracked(|r| r.page);
    view! {
        <div class="with-sidebar">
            <div class="list">
                {parent}
                <ListPage title view=View::Section(id) items page />
            </div>
            <ArchiveIndex />
        </div>
    }
    .into_any()
}

/// The link up to section `id`'s parent, when it has one.
pub fn section_crumbs(sections: &Archive, id: &str) -> Option<impl IntoView> {
    let nav = expect_context::<Nav>();
    let lang = nav.lang.get_untracked();
    sections.section(id).and_then(|s| s.parent.clone()).map(|p| {
        let title = sections.section_title(&p, lang).to_owned();
        view! {
            <p class="crumbs">
                <a href=nav.href(View::Section(p))>{title}</a>
            </p>
        }
    })
}
