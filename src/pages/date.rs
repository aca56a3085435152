//! `#/date/{yyyy}` and `#/date/{yyyy}/{mm}` — what was published in a year or a month.

use archive_core::{Period, View};
use leptos::prelude::*;

use super::all_news::ArchiveIndex;
use crate::components::{use_archive, ListPage};
use crate::i18n::month_title;
use crate::nav::Nav;

/// A year's or a month's articles, newest first, with links to the year's months.
#[component]
pub fn DatePage(period: Period) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let loaded = use_archive();
    let archive = &loaded.archive;
    let lang = nav.lang.get_untracked();
    let title = match period.month {
        Some(m) => month_title(lang, period.year, m),
        None => period.year.to_string(),
    };
    let items = archive.in_period(period);
    let page = nav.route.with_untracked(|r| r.page);
    let months = months_nav(period, archive.months());
    view! {
        <div class="with-sidebar">
            <div class="list">
                <ListPage title view=View::Date(period) items page>
                    {months}
                </ListPage>
            </div>
            <ArchiveIndex />
        </div>
    }
}

/// The links to the whole year and to each month of `period`'s year that has articles
/// (`months`: every month of the archive with its count, as [`archive_core::Archive::months`]
/// gives them), the current one marked; on a period with no articles, also the nearest months
/// that have some.
pub fn months_nav(period: Period, months: Vec<(Period, usize)>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let lang = nav.lang.get_untracked();
    let year_view = View::Date(Period { year: period.year, month: None });
    let whole_year = period.month.is_some().then(|| {
        view! {
            <li>
                <a href=nav.href(year_view.clone())>{nav.ui_now().whole_year}</a>
            </li>
        }
    });
    // A period with no articles (`#/date/1999`) offers the months around it.
    let empty = !months
        .iter()
        .any(|(p, _)| p.year == period.year && period.month.is_none_or(|m| p.month == Some(m)));
    // (An archive with no dated article has no month to offer: no label then.)
    let nearest = empty
        .then(|| period.nearest_months(&months))
        .filter(|(earlier, later)| earlier.is_some() || later.is_some())
        .map(|(earlier, later)| {
        let link =
            |p: Period, text: String| view! { <li><a href=nav.href(View::Date(p))>{text}</a></li> };
        let month = |p: Period| month_title(lang, p.year, p.month.unwrap_or(1));
        view! {
            <nav class="nearest" aria-labelledby="nearest-months">
                <p id="nearest-months">{nav.ui_now().nearest_months}</p>
                <ul>
                    {earlier.map(|p| link(p, format!("← {}", month(p))))}
                    {later.map(|p| link(p, format!("{} →", month(p))))}
                </ul>
            </nav>
        }
    });
    let mut months: Vec<(Period, usize)> =
        months.into_iter().filter(|(p, _)| p.year == period.year).collect();
    months.reverse();
    // A year with no articles has no month links, and no whole year to go back to.
    let year_has_articles = !months.is_empty();
    let months = months
        .into_iter()
        .map(|(p, n)| {
            let current = (p == period).then_some("page");
            let label = month_title(lang, p.year, p.month.unwrap_or(1));
            view! {
                <li>
                    <a href=nav.href(View::Date(p)) aria-current=current>{label}</a>
                    " "
                    {super::all_news::article_count(lang, n)}
                </li>
            }
        })
        .collect_view();
    let months = year_has_articles.then(|| {
        view! {
            <nav class="months" aria-label=nav.ui_now().by_month>
                <ul>{whole_year} {months}</ul>
            </nav>
        }
    });
    view! { {months} {nearest} }
}
