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

/// "Page not found", saying what was looked for; for an article the loader left out, that it
/// is there but damaged, and why.
#[component]
pub fn NotFoundPage(missing: Missing) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let shelf = use_shelf();
    let ui = nav.ui_now();
    // An article or a section added since this page read the archive is not in its copy:
    // find out whether the server has a newer one.
    if matches!(missing, Missing::Article(_) | Missing::Section(_)) {
        crate::republish::check();
    }
    let (heading, message, what, problems) = match missing {
        Missing::Article(id) => (ui.not_found, ui.no_article, id, Vec::new()),
        Missing::Section(id) => (ui.not_found, ui.no_section, id, Vec::new()),
        Missing::Path(path) => (ui.not_found, ui.no_path, path, Vec::new()),
        Missing::Skipped(id, problems) => {
            (ui.article_skipped, ui.article_skipped_why, id, problems)
        }
    };
    set_document_title(heading, shelf.sections().title(nav.lang.get_untracked()));
    let problems = (!problems.is_empty()).then(|| {
        let lines = problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view();
        view! { <ul class="problem-errors" lang="en">{lines}</ul> }
    });
    view! {
        <div class="not-found">
            <h1>{heading}</h1>
            <p>{message}</p>
            {problems}
            <p>
                <code>{what}</code>
            </p>
            <p>
                <a href=nav.href(View::AllNews)>{ui.back_to_all}</a>
            </p>
        </div>
    }
}
