//! The not-found view: an unknown article, section or path, said plainly, with a way back.

use archive_core::{Period, View};
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
    let wrong_date = match &missing {
        Missing::Path(path) => date_year(path),
        _ => None,
    };
    let (heading, message, what, problems) = match missing {
        Missing::Article(id) => (ui.not_found, ui.no_article, id, Vec::new()),
        Missing::Section(id) => (ui.not_found, ui.no_section, id, Vec::new()),
        Missing::Path(path) => (ui.not_found, ui.no_path, path, Vec::new()),
        Missing::Skipped(id, problems) => {
            (ui.article_skipped, ui.article_skipped_why, id, problems)
        }
    };
    // A date address that is no year or month: say what one is, and offer its year.
    let date_hint = wrong_date.map(|(year, month)| {
        let lang = nav.lang.get_untracked();
        let month = month.map(|m| {
            let href = nav.href(View::Date(Period { year, month: Some(m) }));
            view! { <a href=href>{crate::i18n::month_title(lang, year, m)}</a> " · " }
        });
        let href = nav.href(View::Date(Period { year, month: None }));
        view! {
            <p>{ui.date_paths}</p>
            <p>
                {month}
                <a href=href>{(ui.all_of_year)(year)}</a>
            </p>
        }
    });
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
            {date_hint}
            <p>
                <a href=nav.href(View::AllNews)>{ui.back_to_all}</a>
            </p>
        </div>
    }
}

/// The year of a path that begins as a date's (`date/2024/13`, `/date/2024/02/30`) but is no
/// year or month page, when it names a year of four digits; with its month when the next
/// segment is one (`02` or `2`).
fn date_year(path: &str) -> Option<(u16, Option<u8>)> {
    let mut segments = path.trim_matches('/').split('/');
    if segments.next() != Some("date") {
        return None;
    }
    let year = segments.next()?;
    let year: u16 = (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
        .then(|| year.parse().ok())??;
    let month = segments
        .next()
        .filter(|m| (1..=2).contains(&m.len()) && m.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|m| m.parse::<u8>().ok())
        .filter(|m| (1..=12).contains(m));
    Some((year, month))
}
