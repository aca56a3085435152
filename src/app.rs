//! The app shell and the route table: which page answers which [`View`].

use std::sync::Arc;

use std::collections::HashMap;

use archive_core::{Route, View};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::{Footer, Header, LoadErrorView, SearchBox};
use crate::data::{self, Shelf};
use crate::embed;
use crate::i18n::{anywhere, has_ui, ui};
use crate::nav::{track_location, Nav};
use crate::offline::{KeepOffline, UpdatePrompt};
use crate::pages::{
    AllNewsPage, Announcer, ArticlePage, DatePage, LoadingBar, Missing, NotFoundPage, SearchPage,
    SectionPage, ShardedArticlePage, ShardedListPage, ShardedSearchPage,
};

/// The interface language the browser prefers, when it is one we have; else English.
fn browser_language() -> &'static str {
    let lang = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    ui(&lang).lang
}

/// How long the archive may load before the page says it is taking long.
const SLOW_LOAD: std::time::Duration = std::time::Duration::from_secs(15);

/// The whole app: reads the location, loads the bundle, and shows the view the URL names.
#[component]
pub fn App() -> impl IntoView {
    let fresh = StoredValue::new(None);
    let (route, set_route) = track_location(fresh);
    let fallback_lang = browser_language();
    // `?lang=` in a language the interface does not have is left to the browser's, and named
    // as not understood (`IgnoredInAddress`).
    let lang = Memo::new(move |_| {
        route
            .with(|r| r.lang.as_deref().filter(|l| has_ui(l)).map(|l| ui(l).lang))
            .unwrap_or(fallback_lang)
    });
    let nav = Nav {
        route,
        lang,
        set_route,
        typing: StoredValue::new(None),
        committed: StoredValue::new(None),
        fresh,
        trail: StoredValue::new(crate::nav::ResultTrail::load()),
        back_to_result: StoredValue::new(None),
    };
    provide_context(nav);
    // Another list shown: an article opened from it is not one of the last search's results.
    Effect::new(move |_| {
        if route.with(|r| matches!(r.view, View::AllNews | View::Section(_) | View::Date(_))) {
            crate::nav::ResultTrail::forget(&nav);
        }
    });
    embed::install(nav);
    let chrome = !embed::is_embedded();
    Effect::new(move |_| {
        if let Some(root) = embed::root_element() {
            let _ = root.set_attribute("lang", lang.get());
        }
    });

    let url = data::bundle_url();
    let fetched = RwSignal::new(None::<data::Fetched>);
    let archive = LocalResource::new(move || {
        data::load(url.clone(), move |progress| _ = fetched.try_set(Some(progress)))
    });

    view! {
        <UpdatePrompt />
        <Transition fallback=move || {
            // A download that stalls (a slow server, a dropped connection that never closes)
            // would say "Loading" for ever: after a while the page says so and offers a reload.
            let slow = RwSignal::new(false);
            set_timeout(move || _ = slow.try_set(true), SLOW_LOAD);
            view! {
                {chrome.then(|| view! {
                    <Header />
                })}
                <main id="main" class="status" role="status">
                    <p>{move || nav.ui().loading}</p>
                    <ArchiveProgress fetched />
                    {move || slow.get().then(|| view! {
                        <p class="slow-load">{nav.ui().slow_load}</p>
                        <button type="button" on:click=|_| _ = window().location().reload()>
                            {nav.ui().reload}
                        </button>
                    })}
                </main>
            }
        }>
            {move || {
                archive
                    .get()
                    .map(|result| match result {
                        Ok(shelf) => view! { <Reader shelf /> }.into_any(),
                        Err(error) => {
                            view! {
                                {chrome.then(|| view! {
                                    <Header />
                                })}
                                <LoadErrorView error retry=move || archive.refetch() />
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
        {chrome.then(|| view! {
            <Footer />
        })}
    }
}

/// How much of the archive's file has arrived: a bar and "The archive: 340 KB of 1.3 MB" (of
/// an unknown size: a bar that says nothing of the end, and the bytes so far). Shown after
/// 0.6 s (style/main.css), so a quick load shows none of it; not a live region (the page's
/// status says "Loading", once).
#[component]
fn ArchiveProgress(fetched: RwSignal<Option<data::Fetched>>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    move || {
        fetched.get().map(|data::Fetched { bytes, of }| {
            let size = anywhere(nav.lang.get()).size;
            #[allow(clippy::cast_precision_loss)] // sizes far below 2^52 bytes
            let text = (nav.ui().archive_arrived)(
                &size(bytes as f64),
                of.map(|of| size(of as f64)).as_deref(),
            );
            // Without a size, neither `max` nor `value`: a bar that only says it is busy.
            view! {
                <p class="fetch-progress">
                    <progress
                        max=of.map(|of| of.to_string())
                        value=of.map(|_| bytes.to_string())
                        aria-label=nav.ui().archive_loading
                    ></progress>
                    " "
                    <span>{text}</span>
                </p>
            }
        })
    }
}

/// The loaded archive: puts it in context and shows the page for the current route.
#[component]
fn Reader(shelf: Shelf) -> impl IntoView {
    let nav = expect_context::<Nav>();
    provide_context(shelf.clone());
    let sections = shelf.sections();
    crate::offline::name_in_manifest(sections.title(&sections.bundle().archive.default_language));
    // The facet panel names the archive's languages; the browser's names are asked for ahead.
    crate::i18n::name_languages_when_idle(
        nav.lang.get_untracked().to_owned(),
        sections.bundle().archive.languages.clone(),
    );
    let single = match &shelf {
        Shelf::Single(loaded) => {
            provide_context(Arc::clone(loaded));
            true
        }
        Shelf::Sharded(_) => false,
    };
    // Where the reader had scrolled on each view, so Back returns there, and (below) the link
    // each view was left by: kept across a reload of the page (see `Places`).
    let places = Places::load();
    let scrolled: StoredValue<HashMap<String, f64>> = StoredValue::new(places.scrolled);
    // (A script embed never moves the partner's page; see embed::scroll_to.)
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| {
        let y = window().scroll_y().unwrap_or(0.0);
        let key = nav.route.with_untracked(Route::to_fragment);
        scrolled.update_value(|m| {
            m.insert(key, y);
        });
    });
    on_cleanup(move || on_scroll.remove());
    let moves = [
        window_event_listener(leptos::ev::wheel, |_| reader_moved()),
        window_event_listener(leptos::ev::touchstart, |_| reader_moved()),
        window_event_listener(leptos::ev::pointerdown, |_| reader_moved()),
        window_event_listener(leptos::ev::keydown, |_| reader_moved()),
    ];
    on_cleanup(move || moves.into_iter().for_each(|m| m.remove()));
    let first = StoredValue::new(true);
    // The refinement control (facet value, histogram bar, sort) that last had focus, so that
    // refining a search keeps the reader's place instead of sending them back to the heading.
    let refining: StoredValue<Option<FocusKey>> = StoredValue::new(None);
    // The link in the page that last had focus, per view, so that coming back to a view (Back,
    // "Go back") puts focus on the link the reader left it by, where the scroll returns too.
    let left_by: StoredValue<HashMap<String, String>> = StoredValue::new(places.left_by);
    // A reload (or leaving the page) keeps them for this tab.
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| {
        let places = Places { scrolled: scrolled.get_value(), left_by: left_by.get_value() };
        places.save();
    });
    on_cleanup(move || on_hide.remove());
    let record = move |target: Option<web_sys::Element>| {
        refining.set_value(target.as_ref().and_then(FocusKey::of));
        let link =
            target.filter(|t| t.tag_name() == "A" && t.closest("#main").ok().flatten().is_some());
        if let Some((a, href)) = link.and_then(|a| a.get_attribute("href").map(|h| (a, h))) {
            let key = nav.route.with_untracked(Route::to_fragment);
            left_by.update_value(|m| _ = m.insert(key, LeftBy::of(&a, href)));
        }
    };
    let on_focus = window_event_listener(leptos::ev::focusin, move |ev| {
        record(ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()));
    });
    // A screen reader's browse mode activates a link with a click and leaves focus where it
    // was: the link clicked is recorded as if it had been focused, so that the next page puts
    // focus back on it (a filter) or Back returns to it.
    let on_click = window_event_listener(leptos::ev::click, move |ev| {
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let Some(link) = target.and_then(|t| t.closest("a[href], [role=\"link\"]").ok().flatten())
        else {
            return;
        };
        let focused = link.owner_document().and_then(|d| d.active_element());
        if focused.as_ref() != Some(&link) {
            record(Some(link));
        }
    });
    on_cleanup(move || {
        on_focus.remove();
        on_click.remove();
    });
    let searching = StoredValue::new(false);
    // The route before this one, to tell a change of the interface language alone.
    let last_route: StoredValue<Option<Route>> = StoredValue::new(None);
    // After a navigation, move focus to the new page's heading, as a page load would, so
    // keyboard and screen-reader users start at the new content; put the scroll where this view
    // was left, or at the top. Typing a search does neither; refining one keeps focus on the
    // control used, when the new page has it.
    Effect::new(move |_| {
        let key = nav.route.with(Route::to_fragment);
        let was_searching = searching.get_value();
        searching.set_value(nav.route.with(|r| matches!(r.view, View::Search(_))));
        // A route the reader did not type leaves typing behind (a later Back to a typed
        // search is a committed one).
        let typed = nav.is_typing();
        if !typed {
            nav.typing.set_value(None);
        }
        // Enter in the search box: focus stays there, as while typing.
        let committed =
            nav.route.with_untracked(|now| nav.committed.with_value(|c| c.as_ref() == Some(now)));
        nav.committed.set_value(None);
        // The language switch: the same view in the other language. Focus stays on the switch
        // (the reader sees it took), and the scroll where it was.
        let now = nav.route.get_untracked();
        let language_only = last_route.with_value(|last| {
            last.as_ref().is_some_and(|last| {
                last.lang != now.lang
                    && Route { lang: None, ..last.clone() } == Route { lang: None, ..now.clone() }
            })
        });
        last_route.set_value(Some(now));
        if first.get_value() || typed || committed || language_only {
            first.set_value(false);
            return;
        }
        // *Back to the results*: the result the reader was reading takes focus, in view.
        let back_to = nav.back_to_result.with_value(|b| {
            b.as_ref().filter(|(results, _)| *results == key).map(|(_, result)| result.clone())
        });
        nav.back_to_result.set_value(None);
        if let Some(result) = back_to {
            request_animation_frame(move || focus_link(result, HEADING_TRIES, true));
            return;
        }
        // Back or Forward returns to where the reader left the view; a link followed to a view
        // seen before starts it afresh, at the top and its heading.
        let returning = !nav.is_fresh();
        let y = scrolled.with_value(|m| m.get(&key).copied()).filter(|_| returning).unwrap_or(0.0);
        let link = left_by.with_value(|m| m.get(&key).cloned()).filter(|_| returning);
        // Refining a search keeps focus on the control used; Back and Forward to a search
        // return it to the link the reader left that search by, as for any view.
        let refined = (was_searching && searching.get_value() && !returning)
            .then(|| refining.get_value())
            .flatten();
        request_animation_frame(move || {
            if let Some(key) = refined {
                focus_refined(key, y, HEADING_TRIES, None);
                return;
            }
            if y > 0.0 && !embed::is_embedded() {
                restore_scroll(y, HEADING_TRIES, 0, None);
            } else {
                embed::scroll_to(y);
            }
            match link {
                Some(href) => focus_link(href, HEADING_TRIES, false),
                None => focus_heading(HEADING_TRIES),
            }
        });
    });
    // A sharded archive's search page stays while its search changes (its language in the
    // interface is the only thing that redraws it): it follows the route itself and keeps the
    // results shown until the next ones have arrived, instead of a "Searching…" page per
    // keystroke. Every other page is drawn anew for each route.
    let sharded_search = Memo::new(move |_| {
        nav.route.with(|r| (!single && matches!(r.view, View::Search(_))).then(|| r.lang.clone()))
    });
    // Its lists likewise: one page for every list view (all news, a section, a month), which
    // keeps the list shown until the next has arrived.
    let sharded_lists = Memo::new(move |_| {
        nav.route.with(|r| {
            let list = matches!(r.view, View::AllNews | View::Section(_) | View::Date(_));
            (!single && list).then(|| r.lang.clone())
        })
    });
    let chrome = !embed::is_embedded();
    // One live region for every view, so that it is on the page before anything is said in it.
    let announcer = Announcer::new();
    provide_context(announcer);
    // Only search views speak in it: any other view starts it empty.
    Effect::new(move |_| {
        if !nav.route.with(|r| matches!(r.view, View::Search(_))) {
            announcer.hush();
        }
    });
    view! {
        {chrome.then(|| view! {
            <Header />
            <SearchBox />
        })}
        {(!single).then(|| view! { <LoadingBar /> })}
        <main id="main">
            {announcer.region()}
            <crate::republish::RepublishedNote />
            <IgnoredInAddress />
            {move || match (sharded_search.get(), sharded_lists.get()) {
                (Some(_), _) => sharded_search_page(),
                (_, Some(_)) => sharded_list(),
                _ => page(single, nav.route.get().view),
            }}
        </main>
        {(chrome && single).then(|| view! {
            <KeepOffline />
        })}
    }
}

/// Where the reader was on each view of this tab (keyed by the view's fragment): the scroll
/// and the link the view was left by. Kept in `sessionStorage` when the page is hidden (a
/// reload, or leaving it), so that Back after reloading an article returns to the result the
/// reader opened, not to the results' heading. Not kept inside a partner's page (a script
/// embed: its storage is the partner's), nor when storage is refused.
#[derive(Default)]
struct Places {
    scrolled: HashMap<String, f64>,
    left_by: HashMap<String, String>,
}

impl Places {
    /// The most views kept: a long reading session does not grow the storage without end.
    const MOST: usize = 200;

    fn key() -> String {
        crate::nav::tab_key("places")
    }

    fn storage() -> Option<web_sys::Storage> {
        crate::nav::tab_storage()
    }

    /// What an earlier load of this page in this tab kept; nothing when there is none or it
    /// does not read.
    fn load() -> Self {
        Self::storage()
            .and_then(|s| s.get_item(&Self::key()).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .map(|(scrolled, left_by)| Self { scrolled, left_by })
            .unwrap_or_default()
    }

    fn save(mut self) {
        let Some(storage) = Self::storage() else { return };
        if self.scrolled.len() > Self::MOST {
            self.scrolled.clear();
        }
        if self.left_by.len() > Self::MOST {
            self.left_by.clear();
        }
        // As a pair: `[scrolled, left_by]`.
        if let Ok(json) = serde_json::to_string(&(&self.scrolled, &self.left_by)) {
            let _ = storage.set_item(&Self::key(), &json);
        }
    }
}

thread_local! {
    /// Wheel turns, touches, pointer presses and key presses in the page so far: what tells
    /// [`restore_scroll`] and [`focus_refined`] that the reader has taken over.
    static READER_MOVES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Counts a wheel turn, touch, pointer press or key press in [`READER_MOVES`].
fn reader_moved() {
    READER_MOVES.set(READER_MOVES.get().wrapping_add(1));
}

/// How many times, 100 ms apart, [`focus_heading`] looks for a heading still loading (10 s).
const HEADING_TRIES: u32 = 100;

/// The tries in a row (100 ms apart) that [`restore_scroll`] finds nothing arriving before it
/// stops: a page drawn may still be about to grow (a histogram names its years once laid out).
const SCROLL_CALM: u32 = 10;

/// Moves focus to the page's heading, as a page load would, so that keyboard and screen-reader
/// users start at the new content. A page still fetching its files (a sharded archive's
/// article or list) has no heading yet, or still shows the view it replaces: the heading is
/// looked for again every 100 ms, `tries` times at most, while focus has gone nowhere else
/// ([`focus_unclaimed`]).
fn focus_heading(tries: u32) {
    if !view_replaced() {
        if let Some(h1) = embed::query("main h1") {
            let _ = h1.set_attribute("tabindex", "-1");
            embed::focus_in_place(&h1);
            // Zoomed in far (400 %: a window 256 px high), the header alone fills the window:
            // the heading focused is then brought into it, or the reader sees none of the page.
            let below = web_sys::window()
                .and_then(|w| w.inner_height().ok()?.as_f64())
                .is_some_and(|height| h1.get_bounding_client_rect().bottom() > height);
            if below && !embed::is_embedded() {
                h1.scroll_into_view();
            }
            return;
        }
    }
    if tries > 0 && focus_unclaimed() {
        set_timeout(move || focus_heading(tries - 1), std::time::Duration::from_millis(100));
    }
}

/// Puts focus on the search refinement control `key` names (a facet value, a histogram bar, a
/// sort link) in the page of the refined search, and the scroll at `y`. A sharded archive keeps
/// the results it replaces shown, busy, until the new ones have arrived, and draws its facet
/// panel once their facets are counted: the control is looked for again every 100 ms while the
/// page is arriving, `tries` times at most, unless the reader presses a key or a pointer
/// meanwhile ([`READER_MOVES`] changed since `moves`). A page without it gets the heading's
/// focus.
fn focus_refined(key: FocusKey, y: f64, tries: u32, moves: Option<u32>) {
    let now_moves = READER_MOVES.get();
    if moves.is_some_and(|m| m != now_moves) {
        return;
    }
    let control = (!view_replaced()).then(|| key.find()).flatten();
    let Some(control) = control else {
        if tries > 0 && (view_replaced() || page_arriving()) {
            set_timeout(
                move || focus_refined(key, y, tries - 1, Some(now_moves)),
                std::time::Duration::from_millis(100),
            );
        } else {
            embed::scroll_to(y);
            focus_heading(0);
        }
        return;
    };
    if after_results(&control) {
        // One column (a phone, a page zoomed in): the filters come after the results, which is
        // what the reader chose a filter for. They are shown from the top; focus stays on the
        // control without scrolling back down to it, unless the reader moves by keyboard, for
        // whom a focus out of sight is lost (the browser shows keyboard focus:
        // `:focus-visible`).
        embed::focus_in_place(&control);
        embed::scroll_to(y);
        if control.matches(":focus-visible").unwrap_or(false) {
            reveal_in_middle(&control);
        }
    } else {
        embed::scroll_to(y);
        embed::focus(&control);
    }
}

/// Whether the page is still arriving: a sharded archive's view being replaced, a loading bar,
/// results whose cards are missing, a status line instead of a view, or facets still being
/// counted.
fn page_arriving() -> bool {
    view_replaced()
        || embed::query("main .loading-bar, main p.partial, main div.status, main .counting")
            .is_some()
}

/// Puts the scroll back at `y`, where the reader left this view, and again every 100 ms,
/// `tries` times at most, while the page is still arriving: a sharded archive draws a search's
/// results as their cards come, and until then the page is too short (the browser stops the
/// scroll at its end); it draws the histogram above them once the facets are counted, and
/// names its years once it is laid out, which moves them down. Stops after [`SCROLL_CALM`]
/// tries in a row found nothing arriving (`calm` counts them), or as soon as the reader
/// scrolls, touches or presses a key ([`READER_MOVES`] changed since `moves`). (Not when the
/// scroll moves: the browser's scroll anchoring moves it too, as content arrives above.)
fn restore_scroll(y: f64, tries: u32, calm: u32, moves: Option<u32>) {
    let now_moves = READER_MOVES.get();
    if moves.is_some_and(|m| m != now_moves) {
        return;
    }
    window().scroll_to_with_x_and_y(0.0, y);
    let calm = if page_arriving() { 0 } else { calm + 1 };
    if tries > 0 && calm < SCROLL_CALM {
        set_timeout(
            move || restore_scroll(y, tries - 1, calm, Some(now_moves)),
            std::time::Duration::from_millis(100),
        );
    }
}

/// Whether the view in the page is one being replaced: a sharded archive keeps a list or
/// results shown, marked `aria-busy`, until the next have arrived; their heading and links are
/// the old view's.
fn view_replaced() -> bool {
    embed::query("main [aria-busy=\"true\"]").is_some()
}

/// Whether focus has gone nowhere the reader chose since the route changed: it is on the
/// page's body, or still in the view being replaced (the pager link just clicked).
fn focus_unclaimed() -> bool {
    document().active_element().is_none_or(|a| {
        a.tag_name() == "BODY" || a.closest("main [aria-busy=\"true\"]").ok().flatten().is_some()
    })
}

/// The link a view was left by, as kept in [`Places`]: its `href`, and when other links of the
/// page before it have the same (an article's breadcrumb and its *Back to the section*), which
/// of them it is, after a unit separator: `#/section/news\u{1f}1`.
struct LeftBy;

impl LeftBy {
    const SEPARATOR: char = '\u{1f}';

    /// `a` (whose address is `href`) as kept.
    fn of(a: &web_sys::Element, href: String) -> String {
        let before = embed::query_all("#main a")
            .into_iter()
            .take_while(|other| other != a)
            .filter(|other| other.get_attribute("href").as_deref() == Some(&href))
            .count();
        if before == 0 {
            href
        } else {
            format!("{href}{}{before}", Self::SEPARATOR)
        }
    }

    /// The `href` and the place among its like of a link kept by [`LeftBy::of`].
    fn read(kept: &str) -> (&str, usize) {
        match kept.split_once(Self::SEPARATOR) {
            Some((href, n)) => (href, n.parse().unwrap_or(0)),
            None => (kept, 0),
        }
    }
}

/// Scrolls the window so that `el` is in its middle, its focus ring whole (not in an embed,
/// whose partner's page owns the scroll).
fn reveal_in_middle(el: &web_sys::Element) {
    if embed::is_embedded() {
        return;
    }
    let w = window();
    let height = w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    let top = el.get_bounding_client_rect().top();
    let y = w.scroll_y().unwrap_or(0.0) + top - height / 2.0;
    w.scroll_to_with_x_and_y(0.0, y.max(0.0));
}

/// Moves focus, without scrolling, to the link `href` names in the page (an address, or one of
/// several links to it as [`LeftBy`] keeps it): the one the reader left this view by, on coming
/// back to it; with `reveal`, the window is then scrolled to put it in
/// the middle (*Back to the results*: the result read). A page still fetching its files has no
/// such link yet: it is looked for again every 100 ms, `tries` times at most, while focus has
/// gone nowhere else; a page that no longer has it (a list that changed) gets the heading's
/// focus.
fn focus_link(href: String, tries: u32, reveal: bool) {
    let replaced = view_replaced();
    let links = if replaced { Vec::new() } else { embed::query_all("#main a") };
    let (address, nth) = LeftBy::read(&href);
    let same: Vec<web_sys::Element> =
        links.into_iter().filter(|a| a.get_attribute("href").as_deref() == Some(address)).collect();
    if let Some(link) = same.get(nth).or(same.first()).cloned() {
        // A facet value behind "More": the disclosure was open when the reader left by it.
        if let Ok(Some(closed)) = link.closest("details:not([open])") {
            let _ = closed.set_attribute("open", "");
        }
        embed::focus_in_place(&link);
        if reveal {
            reveal_in_middle(&link);
        }
        return;
    }
    let heading = !replaced && embed::query("main h1").is_some();
    // The result read is looked for while a sharded search's results are still arriving, under
    // their heading.
    let waiting = !heading || (reveal && page_arriving());
    if tries > 0 && focus_unclaimed() && waiting {
        set_timeout(
            move || focus_link(href, tries - 1, reveal),
            std::time::Duration::from_millis(100),
        );
    } else if heading {
        focus_heading(0);
    }
}

/// The parameters of the address that were not understood (`from=2024-13-01`, `page=abc`),
/// named above the view, which is shown without them: a reader who followed a mistyped or
/// mangled link learns why the view is not what it said. A search's parameters on a view that
/// is no search (`#/section/news?q=summit`) are named too, with a link to that search.
#[component]
fn IgnoredInAddress() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let ignored = Memo::new(move |_| {
        nav.route.with(|r| {
            let mut ignored = r.ignored.clone();
            if let Some(lang) = r.lang.as_ref().filter(|l| !has_ui(l)) {
                ignored.push(("lang".into(), lang.clone()));
            }
            ignored
        })
    });
    // A search's parameters on a list or an article: named, with the search they describe.
    let misplaced = Memo::new(move |_| {
        nav.route.with(|r| (r.misplaced.clone(), r.misplaced_search().map(|s| s.to_fragment())))
    });
    let written = |pairs: &[(String, String)]| {
        pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ")
    };
    view! {
        {move || {
            let ignored = ignored.get();
            (!ignored.is_empty()).then(|| {
                view! {
                    <p class="address-note" role="note">
                        {nav.ui().ignored_in_address} " " <code>{written(&ignored)}</code>
                    </p>
                }
            })
        }}
        {move || {
            let (pairs, search) = misplaced.get();
            search.map(|href| {
                view! {
                    <p class="address-note" role="note">
                        {nav.ui().search_only} " " <code>{written(&pairs)}</code> ". "
                        <a href=href>{nav.ui().search_with_them}</a>
                    </p>
                }
            })
        }}
    }
}

/// The page for `view`, from the single-file (`single`) or the sharded pages.
///
/// Each page is built by a function of its own that is never inlined. The browser compiles a
/// wasm function whole, on the main thread, on its first call; with every page inlined into
/// the route table, the first render of any page would compile all of them (see `index.html`
/// for wasm-opt's side of this).
fn page(single: bool, view: View) -> AnyView {
    match (single, view) {
        (true, View::AllNews) => all_news(),
        (true, View::Section(id)) => section(id),
        (true, View::Date(period)) => date(period),
        (true, View::Article(id)) => article(id),
        (true, View::Search(params)) => search(params),
        (false, View::AllNews | View::Section(_) | View::Date(_)) => sharded_list(),
        (false, View::Article(id)) => sharded_article(id),
        (false, View::Search(_)) => sharded_search_page(),
        (_, View::NotFound(path)) => not_found(path),
    }
}

#[inline(never)]
fn all_news() -> AnyView {
    view! { <AllNewsPage /> }.into_any()
}

#[inline(never)]
fn section(id: String) -> AnyView {
    view! { <SectionPage id /> }.into_any()
}

#[inline(never)]
fn date(period: archive_core::Period) -> AnyView {
    view! { <DatePage period /> }.into_any()
}

#[inline(never)]
fn article(id: String) -> AnyView {
    view! { <ArticlePage id /> }.into_any()
}

#[inline(never)]
fn search(params: archive_core::route::SearchParams) -> AnyView {
    view! { <SearchPage params /> }.into_any()
}

#[inline(never)]
fn sharded_list() -> AnyView {
    view! { <ShardedListPage /> }.into_any()
}

#[inline(never)]
fn sharded_article(id: String) -> AnyView {
    view! { <ShardedArticlePage id /> }.into_any()
}

#[inline(never)]
fn sharded_search_page() -> AnyView {
    view! { <ShardedSearchPage /> }.into_any()
}

#[inline(never)]
fn not_found(path: String) -> AnyView {
    view! { <NotFoundPage missing=Missing::Path(path) /> }.into_any()
}

/// Whether `control` is in the filter panel drawn after the results (one column, as on a
/// phone) rather than beside them.
fn after_results(control: &web_sys::Element) -> bool {
    let Some(panel) = control.closest("#sidebar").ok().flatten() else { return false };
    let Some(list) = embed::query(".search-page > .list") else { return false };
    panel.get_bounding_client_rect().top() >= list.get_bounding_client_rect().bottom() - 1.0
}

/// Where a search refinement control is, found again after the page re-renders: its `id`, or
/// the `id` of the nearest element that has one together with its tag and text.
#[derive(Debug, Clone, PartialEq)]
struct FocusKey {
    container: String,
    tag: String,
    text: Option<String>,
    /// For a filter chip, its place among the chips (*Clear all* the last): the chip removed
    /// is gone from the next page, where the one now in its place (or the last) takes focus.
    chip: Option<usize>,
}

impl FocusKey {
    /// The controls that refine a search: the facet panel, the histogram, the sort links and
    /// the filter chips.
    const REFINING: &'static str = "#sidebar, .histogram, nav.sort, nav.chips";

    /// The chips' links, in order.
    const CHIPS: &'static str = "nav.chips a";

    /// The key of `el` when it is a refinement control, else `None`.
    fn of(el: &web_sys::Element) -> Option<Self> {
        el.closest(Self::REFINING).ok().flatten()?;
        let tag = el.tag_name();
        let chip = el
            .matches(Self::CHIPS)
            .unwrap_or(false)
            .then(|| Self::chips().position(|c| c == *el))
            .flatten();
        if !el.id().is_empty() {
            return Some(Self { container: el.id(), tag, text: None, chip });
        }
        let container = el.closest("[id]").ok().flatten()?.id();
        Some(Self { container, tag, text: el.text_content().map(|t| t.trim().to_owned()), chip })
    }

    /// The chips' links in the current page, in order.
    fn chips() -> impl Iterator<Item = web_sys::Element> {
        embed::query_all(Self::CHIPS).into_iter()
    }

    /// The element this key names in the current page, when it is there. A histogram bar that
    /// is now empty (hidden from screen readers: a drag may begin on one) gives way to the
    /// chart's tab stop.
    fn find(&self) -> Option<web_sys::Element> {
        let container = embed::query(&format!("[id=\"{}\"]", self.container.replace('"', "")))?;
        if container.get_attribute("aria-hidden").as_deref() == Some("true") {
            let chart = container.closest(".histogram").ok()??;
            return chart.query_selector("[tabindex=\"0\"]").ok()?;
        }
        let Some(text) = &self.text else { return Some(container) };
        let all = container.query_selector_all(&self.tag).ok()?;
        let same = (0..all.length()).filter_map(|i| all.item(i)).find_map(|node| {
            let el = node.dyn_into::<web_sys::Element>().ok()?;
            el.text_content().is_some_and(|t| t.trim() == text).then_some(el)
        });
        same.or_else(|| {
            let at = self.chip?;
            let chips: Vec<web_sys::Element> = Self::chips().collect();
            chips.get(at).or(chips.last()).cloned()
        })
    }
}
