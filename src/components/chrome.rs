//! The frame around every page: header, footer, the load-error view, and small helpers.

use std::sync::Arc;

use archive_core::{CivilDate, View};
use leptos::prelude::*;

use super::ThemeSwitch;
use crate::data::{LoadError, LoadedArchive, Shelf};
use crate::nav::{LanguageSwitch, Nav};
use crate::offline::OfflineBadge;

/// The loaded archive from context.
///
/// # Panics
/// Outside the `Reader` component, which provides it: a programming error, not a data one.
pub fn use_archive() -> Arc<LoadedArchive> {
    expect_context::<Arc<LoadedArchive>>()
}

/// The archive the views read, single-file or sharded, from context.
///
/// # Panics
/// Outside the `Reader` component, which provides it.
pub fn use_shelf() -> Shelf {
    expect_context::<Shelf>()
}

/// Sets the browser tab's title of page `number` of `pages` of a list or a search: `title —
/// archive` on the first, `title · Page 2 of 7 — archive` beyond it (the heading is the same on
/// every page; the tab says which one this is).
pub fn set_list_title(title: &str, number: usize, pages: usize, archive: &str) {
    if number > 1 {
        let ui = expect_context::<crate::nav::Nav>().ui_now();
        set_document_title(&format!("{title} · {}", (ui.page_of)(number, pages)), archive);
    } else {
        set_document_title(title, archive);
    }
}

/// Sets the browser tab's title to `page — archive`.
pub fn set_document_title(page: &str, archive: &str) {
    if crate::embed::mode() == crate::embed::Mode::Script {
        return; // The partner's page keeps its own title.
    }
    let title = if page.is_empty() { archive.to_owned() } else { format!("{page} — {archive}") };
    // Control characters (a NUL from `?q=%00`) have no place in a tab's title.
    let title: String = title.chars().filter(|c| !c.is_control()).collect();
    document().set_title(&title);
}

/// On a narrow screen, where the sidebar (sections and years, or a search's filters) comes
/// after the whole list, a link at the top of the list that moves focus to it. The fragment holds
/// the route, so the link moves focus itself rather than navigating.
#[component]
pub fn ToSidebar(label: &'static str) -> impl IntoView {
    // Opened in a new tab or copied, the link is this very view.
    let nav = expect_context::<crate::nav::Nav>();
    let here = nav.route.with_untracked(archive_core::Route::to_fragment);
    view! {
        <a class="to-sidebar" href=here on:click=|ev| {
            ev.prevent_default();
            if let Some(el) = document().get_element_by_id("sidebar") {
                let _ = el.set_attribute("tabindex", "-1");
                el.scroll_into_view();
                if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&el) {
                    let _ = el.focus();
                }
            }
        }>{label} <span aria-hidden="true">" ↓"</span></a>
    }
}

/// The site header: the archive's name linking to all news, and the language switch.
#[component]
pub fn Header() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let archive = use_context::<Shelf>();
    let name = move || match &archive {
        Some(a) => a.sections().title(nav.lang.get()).to_owned(),
        None => "Archive Browser".to_owned(),
    };
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main") {
                let _ = main.set_attribute("tabindex", "-1");
                if let Some(main) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&main) {
                    let _ = main.focus();
                }
            }
        }>{move || nav.ui().skip_to_content}</a>
        <header class="site-header">
            <a class="site-title" href=move || {
                nav.route.track();
                nav.href(View::AllNews)
            }>{name}</a>
            <div class="header-tools">
                <OfflineBadge />
                <LanguageSwitch />
                <ThemeSwitch />
            </div>
        </header>
    }
}

/// The site footer.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"Archive Browser"</p>
        </footer>
    }
}

/// A publication date as `<time>`, written out in the interface language, or "date unknown".
#[component]
pub fn DateText(date: Option<CivilDate>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    match date {
        Some(d) => {
            // In the interface's language, inside an article marked with its own.
            view! {
                <time datetime=d.to_string() lang=move || nav.lang.get()>
                    {move || d.to_long(nav.lang.get())}
                </time>
            }
            .into_any()
        }
        None => view! {
            <span class="undated" lang=move || nav.lang.get()>{move || nav.ui().undated}</span>
        }
        .into_any(),
    }
}

/// The site's ways back from a view: *Go back* (the browser's history, else `fallback`, a
/// fragment: e.g. the section of an article opened in a new tab), *Back to the results* when
/// there are `results` (an article opened from a search: their page's link, where the result
/// read takes focus: [`Nav::back_to_result`]), *Back to the section* when there is `section`
/// (its link), and *Back to all news* (the seed site says "Back to the all news").
#[component]
pub fn WaysBack(
    fallback: String,
    section: Option<String>,
    /// The search results the page was opened from (their page's address), and the address of
    /// the result this page is (the results' link to it), if any.
    results: Option<(String, String)>,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let ui = nav.ui_now();
    let go_back = move |_| crate::nav::go_back(&nav, &fallback);
    let results = results.map(|(href, result)| {
        let back = href.clone();
        let to_result = move |_| nav.back_to_result.set_value(Some((back.clone(), result.clone())));
        view! { <a href=href on:click=to_result>{ui.back_to_results}</a> }
    });
    view! {
        <nav class="ways-back" aria-label=ui.go_back>
            <button type="button" on:click=go_back>{ui.go_back}</button>
            {results}
            {section.map(|href| view! { <a href=href>{ui.back_to_section}</a> })}
            <a href=nav.href(View::AllNews)>{ui.back_to_all}</a>
        </nav>
    }
}

/// This page's address without its `?bundle=` (keeping any other parameter, such as `lang=`),
/// at all news (`all_news`, a route fragment); `None` when the page names no bundle, or in an
/// embed (the partner's page chose the bundle).
fn without_bundle_param(all_news: &str) -> Option<String> {
    if crate::embed::is_embedded() {
        return None;
    }
    crate::data::bundle_param()?;
    let href = web_sys::window()?.location().href().ok()?;
    let url = web_sys::Url::new(&href).ok()?;
    url.search_params().delete("bundle");
    url.set_hash(all_news);
    Some(url.href())
}

/// `retry`, called by the page's Try again and, while the page shows it, a second after the
/// browser is back online (its `online` event): what a failed download offline promised ("it
/// will load when the connection is back"), without the reader pressing anything. (At once,
/// the fetch can still fail: the event may come before the service worker's network is back.)
pub fn retry_when_online(retry: impl Fn() + 'static) -> impl Fn() + Clone + 'static {
    let retry = std::rc::Rc::new(retry);
    // Gone with the view (the reader went elsewhere in that second): no retry then.
    let shown = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let (again, still) = (retry.clone(), shown.clone());
    let online = window_event_listener(leptos::ev::online, move |_| {
        let (again, still) = (again.clone(), still.clone());
        set_timeout(
            move || {
                if still.load(std::sync::atomic::Ordering::Relaxed) {
                    again();
                }
            },
            std::time::Duration::from_secs(1),
        );
    });
    on_cleanup(move || {
        shown.store(false, std::sync::atomic::Ordering::Relaxed);
        online.remove();
    });
    move || retry()
}

/// Shown instead of the archive when it could not be loaded: what failed, and a retry.
#[component]
pub fn LoadErrorView(error: LoadError, retry: impl Fn() + 'static) -> impl IntoView {
    let nav = expect_context::<Nav>();
    set_document_title(nav.ui_now().load_failed, "Archive Browser");
    // Offline, a bundle is there only if it was opened before on this device: say so, before
    // the browser's own words ("Failed to fetch").
    let offline = matches!(error, LoadError::Network { .. })
        && web_sys::window().is_some_and(|w| !w.navigator().on_line());
    // A bundle named by `?bundle=` that is not there: most often a typing slip in the address.
    let missing = matches!(error, LoadError::Http { status: 404 | 410, .. });
    let not_there = missing.then(|| without_bundle_param(&nav.href(View::AllNews))).flatten();
    // In an embed, no way out to another archive: what the page's maker should check.
    let embed_not_there = missing && crate::embed::is_embedded();
    // A bundle (or manifest) of a format version this app does not read: the same file comes
    // again, so no Try again; say who can mend it.
    let stale =
        error.describe(nav.ui_now()).contains(archive_core::search::store::UNSUPPORTED_VERSION);
    let retry = retry_when_online(retry);
    view! {
        <main id="main" class="load-error">
            // The alert inside the landmark, so `main` stays a landmark for screen readers.
            <div role="alert">
                <h1>{move || nav.ui().load_failed}</h1>
                {offline.then(|| view! { <p class="offline-part">{move || nav.ui().archive_offline}</p> })}
                {stale.then(|| view! { <p class="stale-format">{move || nav.ui().stale_bundle}</p> })}
                {embed_not_there.then(|| view! {
                    <p class="bundle-not-there">{move || nav.ui().embed_bundle_not_there}</p>
                })}
                {not_there.map(|href| view! {
                    <p class="bundle-not-there">
                        {move || nav.ui().bundle_not_there} " "
                        <a href=href>{move || nav.ui().default_archive}</a>
                    </p>
                })}
                {move || {
                    let ui = nav.ui();
                    let lang = (error.detail_is_english() && ui.lang != "en").then_some("en");
                    view! { <p class="reason" lang=lang>{error.describe(ui)}</p> }
                }}
            </div>
            {(!stale).then(|| view! {
                <button type="button" on:click=move |_| retry()>{move || nav.ui().try_again}</button>
            })}
        </main>
    }
}
