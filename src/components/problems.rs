//! The report of what the loader skipped or doubted, so a partly broken bundle never hides its
//! losses: errors (skipped items) are listed openly in a region above the list, with the
//! warnings behind a disclosure; a bundle with warnings only gets a quiet "notes" disclosure
//! after the list ([`ArchiveNotes`]), out of a reader's way. The loader writes
//! its problems in English, and the lists say so (`lang="en"`) in a Russian interface too, so
//! that a screen reader reads them with English rules.

use archive_core::Severity;
use leptos::prelude::*;

use super::use_archive;
use crate::nav::Nav;

/// Says when the archive is not what it was published as (see
/// [`crate::data::LoadedArchive::altered`]), then lists the loader's problems; shows nothing
/// when there are none.
#[component]
pub fn ProblemsRegion() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let loaded = use_archive();
    let altered = loaded.altered;
    view! {
        {move || altered.get().map(|(stated, actual)| view! {
            <div class="altered" role="note">
                <p>{move || nav.ui().altered}</p>
                <p class="hashes" lang="en">
                    "content_hash " <code>{stated}</code> ", found " <code>{actual}</code>
                </p>
            </div>
        })}
        {problem_lists(false)}
    }
}

/// The loader's warnings when it skipped nothing (undated or body-less articles, say): they
/// concern the archivist more than the reader, so they wait after the list, behind a quiet
/// disclosure. Nothing when there are errors ([`ProblemsRegion`] lists both) or no warnings.
#[component]
pub fn ArchiveNotes() -> impl IntoView {
    problem_lists(true)
}

/// The loader's problems: errors openly, warnings behind a disclosure (`notes`: the warnings of
/// a bundle without errors only; else only a bundle with errors).
fn problem_lists(notes: bool) -> Option<AnyView> {
    let nav = expect_context::<Nav>();
    let loaded = use_archive();
    let (errors, warnings): (Vec<_>, Vec<_>) = loaded
        .problems
        .iter()
        .map(|p| (p.severity, p.to_string()))
        .partition(|(s, _)| *s == Severity::Error);
    if errors.is_empty() && warnings.is_empty() || notes != errors.is_empty() {
        return None;
    }
    if errors.is_empty() {
        let n = warnings.len();
        let items = warnings.into_iter().map(|(_, text)| view! { <li>{text}</li> }).collect_view();
        return Some(
            view! {
                <details class="archive-notes">
                    <summary>{move || (nav.ui().notes)(n)}</summary>
                    <ul class="problem-warnings" lang="en">{items}</ul>
                </details>
            }
            .into_any(),
        );
    }
    let n_errors = errors.len();
    let n_warnings = warnings.len();
    let item = |(_, text): (Severity, String)| view! { <li>{text}</li> };
    let errors = errors.into_iter().map(item).collect_view();
    let warnings = warnings.into_iter().map(item).collect_view();
    Some(view! {
        <section class="problems" role="region" aria-label=move || nav.ui().problems>
            <h2>{move || nav.ui().problems}</h2>
            {(n_errors > 0)
                .then(|| {
                    view! {
                        <p>{move || (nav.ui().skipped)(n_errors)}</p>
                        <ul class="problem-errors" lang="en">{errors}</ul>
                    }
                })}
            {(n_warnings > 0)
                .then(|| {
                    view! {
                        <details>
                            <summary>
                                {move || (nav.ui().warnings)(n_warnings)} " — " {move || nav.ui().show_warnings}
                            </summary>
                            <ul class="problem-warnings" lang="en">{warnings}</ul>
                        </details>
                    }
                })}
        </section>
    }
    .into_any())
}
