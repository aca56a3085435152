//! The not-found view: an unknown article, section or path, said plainly, with a way back.

use archive_core::View;
use leptos::prelude::*;

use crate::components::{set_document_title, use_shelf};
use crate::nav::Nav;

/// What the URL asked for that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// An article id.
    Article(String),
    /// A section id.
    Section(String),
    /// A path no view answers to.
    Path(String),
    /// An article id the bundle has, on an article the loader left out, with what it found
    /// wrong (the problems' lines, in English as `archive-bundle check` words them).
    Skipped(String, Vec<String>),
}

/// "Page not found", saying what was looked for.
#[component]
pub fn NotFoundPage(missing: Missing) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let shelf = use_shelf();
    let ui = nav.ui_now();
    if let Missing::Skipped(id, problems) = missing {
        set_document_title(ui.article_skipped, shelf.sections().title(nav.lang.get_untracked()));
        let lines = problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view();
        return view! {
            <div class="not-found">
                <h1>{ui.article_skipped}</h1>
                <p>{ui.article_skipped_why}</p>
                <ul class="problem-errors" lang="en">{lines}</ul>
                <p>
                    <code>{id}</code>
                </p>
                <p>
                    <a href=nav.href(View::AllNews)>{ui.back_to_all}</a>
                </p>
            </div>
        }
        .into_any();
    }
    set_document_title(ui.not_found, shelf.sections().title(nav.lang.get_untracked()));
    // An article or a section added since this page read the archive is not in its copy:
    // find out whether the server has a newer one.
    if matches!(missing, Missing::Article(_) | Missing::Section(_)) {
        crate::republish::check();
    }
    let (message, what) = match missing {
        Missing::Article(id) => (ui.no_article, id),
        Missing::Section(id) => (ui.no_section, id),
        Missing::Path(path) | Missing::Skipped(path, _) => (ui.no_path, path),
    };
    view! {
        <div class="not-found">
            <h1>{ui.not_found}</h1>
            <p>{message}</p>
            <p>
                <code>{what}</code>
            </p>
            <p>
                <a href=nav.href(View::AllNews)>{ui.back_to_all}</a>
            </p>
        </div>
    }
    .into_any()
}
