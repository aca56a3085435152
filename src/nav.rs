//! The location, as the app sees it: the current [`Route`] read from the URL fragment and kept
//! in step with it. The URL is the only source of view state: links are plain fragment links
//! (`href="#/article/…"`), the browser keeps the history, and a `hashchange` updates the signal.
//! See `archive_core::route` for the grammar and `docs/routing.md` for why fragments.

use archive_core::{Route, View};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::i18n::{ui, Ui, LANGUAGES};

/// The current route and the interface language, provided once in context by the app.
#[derive(Clone, Copy)]
pub struct Nav {
    /// The route the URL names now.
    pub route: ReadSignal<Route>,
    /// The interface language in effect: the URL's `lang`, else the browser's, else English.
    pub lang: Memo<&'static str>,
    /// Sets the route without a `hashchange` (after `history.replaceState`).
    pub set_route: WriteSignal<Route>,
    /// The route the reader's last keystroke in the search box navigated to, while it is
    /// still the route: that view keeps focus and scroll, and its search treats the last word
    /// as still being typed (a prefix). A route, not a flag, so that whichever of the page and
    /// the focus effect runs first after the change, both see it.
    pub typing: StoredValue<Option<Route>>,
    /// The search the reader committed with Enter in the search box, until the focus effect
    /// has seen it: focus stays in the box, where they may go on refining it, instead of moving
    /// to the results' heading (the count is announced by its live region).
    pub committed: StoredValue<Option<Route>>,
    /// The route last reached on a new history entry (a link followed, a search committed),
    /// while it is the route: such a view starts at its top and its heading. Any other arrival
    /// (Back, Forward) returns to where the reader left the view.
    pub fresh: StoredValue<Option<Route>>,
    /// The results of the search page the reader saw last, while no other list has been shown
    /// since: an article opened from them leads to the results before and after it.
    pub trail: StoredValue<Option<ResultTrail>>,
    /// The results the reader is going back to by *Back to the results* (their page's
    /// fragment), and the address of the result they were reading: there, that result takes
    /// focus and is brought into view, as Back would return them to it.
    pub back_to_result: StoredValue<Option<(String, String)>>,
}

/// One result of a [`ResultTrail`]: the article and the address it opens at.
#[derive(Clone, Debug, PartialEq)]
pub struct TrailStep {
    /// The article's id.
    pub id: String,
    /// Its title, as the result shows it.
    pub title: String,
    /// Its language.
    pub lang: String,
    /// The address (`#/article/…`) the result opens, with the search's words marked.
    pub href: String,
}

/// A page of search results in the order shown, for the article view's *Previous result* and
/// *Next result* (instead of the section's older and newer articles). Kept for the tab
/// (`sessionStorage`, per archive), so a reload keeps it; an article opened from a shared link
/// in another tab walks its section.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultTrail {
    /// The search page (its query, filters, sort and page number).
    pub search: Route,
    /// Its results, in order.
    pub steps: Vec<TrailStep>,
    /// How many pages the search has, once its page has said (its results may be drawn
    /// before or after that).
    pub pages: Option<usize>,
}

/// Where an article of a [`ResultTrail`] leads, each way: to a result, or to the search's page
/// before or after (the article is the first or last result of its page).
#[derive(Clone, Debug, PartialEq)]
pub enum TrailLink {
    /// The result before or after it.
    Result(TrailStep),
    /// The search's page before or after (its address).
    Page(String),
}

impl ResultTrail {
    /// Where the article `id` leads, `(previous, next)`, if it is one of the results.
    pub fn around(&self, id: &str) -> Option<(Option<TrailLink>, Option<TrailLink>)> {
        let at = self.steps.iter().position(|s| s.id == id)?;
        let page = |n: usize| TrailLink::Page(self.search.clone().with_page(n).to_fragment());
        let previous = match at.checked_sub(1) {
            Some(i) => Some(TrailLink::Result(self.steps[i].clone())),
            None => (self.search.page > 1).then(|| page(self.search.page - 1)),
        };
        let next = match self.steps.get(at + 1) {
            Some(step) => Some(TrailLink::Result(step.clone())),
            None => self
                .pages
                .is_some_and(|pages| self.search.page < pages)
                .then(|| page(self.search.page + 1)),
        };
        Some((previous, next))
    }

    /// Records that the search page `search` has drawn `steps` (its results, in order): the
    /// trail's pages are kept when it is the same page.
    pub fn drawn(nav: &Nav, search: Route, steps: Vec<TrailStep>) {
        nav.trail.update_value(|t| match t {
            Some(t) if t.search == search => t.steps = steps,
            _ => *t = Some(Self { search, steps, pages: None }),
        });
        nav.trail.with_value(|t| Self::save(t.as_ref()));
    }

    /// Records that the search page `search` has `pages` pages.
    pub fn paged(nav: &Nav, search: Route, pages: usize) {
        nav.trail.update_value(|t| match t {
            Some(t) if t.search == search => t.pages = Some(pages),
            _ => *t = Some(Self { search, steps: Vec::new(), pages: Some(pages) }),
        });
        nav.trail.with_value(|t| Self::save(t.as_ref()));
    }

    /// Forgets the trail (another list was shown), here and in the tab's storage.
    pub fn forget(nav: &Nav) {
        if nav.trail.with_value(Option::is_some) {
            nav.trail.set_value(None);
            Self::save(None);
        }
    }

    /// The trail an earlier load of this page kept in this tab (a reload, or Back into the
    /// app from another site), so its articles still lead to their results; `None` when there
    /// is none, it does not read, or the app is embedded (the partner's page owns the storage).
    pub fn load() -> Option<Self> {
        let json = Self::storage()?.get_item(&Self::key()).ok()??;
        let (search, steps, pages): Saved = serde_json::from_str(&json).ok()?;
        let steps = steps
            .into_iter()
            .map(|(id, title, lang, href)| TrailStep { id, title, lang, href })
            .collect();
        Some(Self { search: Route::from_fragment(&search), steps, pages })
    }

    /// Keeps `trail` in the tab's storage (or removes what was kept, for `None`).
    fn save(trail: Option<&Self>) {
        let Some(storage) = Self::storage() else { return };
        let Some(t) = trail else {
            let _ = storage.remove_item(&Self::key());
            return;
        };
        let steps = t
            .steps
            .iter()
            .map(|s| (s.id.clone(), s.title.clone(), s.lang.clone(), s.href.clone()))
            .collect();
        let saved: Saved = (t.search.to_fragment(), steps, t.pages);
        if let Ok(json) = serde_json::to_string(&saved) {
            let _ = storage.set_item(&Self::key(), &json);
        }
    }

    fn key() -> String {
        tab_key("trail")
    }

    fn storage() -> Option<web_sys::Storage> {
        tab_storage()
    }
}

/// The key under which the tab's storage keeps `what` for this archive: per address before the
/// fragment, as `?bundle=` names another archive (`archive-browser:places:?bundle=x.json`).
pub fn tab_key(what: &str) -> String {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    format!("archive-browser:{what}:{search}")
}

/// The tab's storage (`sessionStorage`), which a reload keeps; `None` when the browser has
/// none or refuses it, or the app is embedded (the partner's page owns its storage).
pub fn tab_storage() -> Option<web_sys::Storage> {
    if crate::embed::is_embedded() {
        return None;
    }
    web_sys::window()?.session_storage().ok()?
}

/// A [`ResultTrail`] as kept in storage: the search's address, each step as `(id, title,
/// lang, href)`, and the pages.
type Saved = (String, Vec<(String, String, String, String)>, Option<usize>);

impl Nav {
    /// Whether the route now was reached on a new history entry ([`Nav::fresh`]). Not tracked.
    pub fn is_fresh(&self) -> bool {
        self.route.with_untracked(|now| self.fresh.with_value(|f| f.as_ref() == Some(now)))
    }

    /// Whether the route now is one the reader reached by typing in the search box. Not
    /// tracked.
    pub fn is_typing(&self) -> bool {
        self.route.with_untracked(|now| self.typing.with_value(|t| t.as_ref() == Some(now)))
    }

    /// The interface strings for the current language, tracked: for reactive closures that
    /// must follow a language switch.
    pub fn ui(&self) -> &'static Ui {
        ui(self.lang.get())
    }

    /// The interface strings for the current language, not tracked: for page bodies, which the
    /// route table rebuilds on every route change (the language is part of the route).
    pub fn ui_now(&self) -> &'static Ui {
        ui(self.lang.get_untracked())
    }

    /// A link (`#/…`) to `view`, keeping the reader's chosen language. Not tracked (see
    /// [`Nav::ui_now`]); wrap it in a closure that tracks `route` where it must follow changes.
    pub fn href(&self, view: View) -> String {
        self.href_page(view, 1)
    }

    /// A link to `view` on page `page`, keeping the reader's chosen language. Not tracked.
    pub fn href_page(&self, view: View, page: usize) -> String {
        let lang = self.route.with_untracked(|r| r.lang.clone());
        Route::view(view).with_page(page).with_lang(lang).to_fragment()
    }
}

/// Goes to `route`: a new history entry (a committed search, a click), or with `replace` the
/// current entry rewritten (each keystroke of a search), so Back skips the keystrokes.
///
/// In a script embed (see [`crate::embed`]) routes live in memory, not in the partner's URL.
pub fn navigate(nav: &Nav, route: &Route, replace: bool) {
    if crate::embed::remember(nav.route.get_untracked(), replace) {
        nav.set_route.set(route.clone());
        return;
    }
    let fragment = route.to_fragment();
    let window = window();
    if replace {
        if let Ok(history) = window.history() {
            // replaceState fires no hashchange: update the signal ourselves.
            if history
                .replace_state_with_url(&JsValue::from(history_depth()), "", Some(&fragment))
                .is_ok()
            {
                nav.set_route.set(route.clone());
                return;
            }
        }
    }
    let _ = window.location().set_hash(&fragment);
}

/// Makes the address say what a list shows: its page `number` when the one asked for does not
/// exist (`?page=999` shows the last page, `?page=-3` the first), in the canonical form of the
/// route ([`Route::to_fragment`]). Rewrites the current history entry, adds none, and leaves the
/// route signal as it is, so nothing is drawn again. A script embed keeps routes in memory and
/// has no address to fix.
pub fn show_page_in_url(nav: &Nav, number: usize) {
    if crate::embed::mode() == crate::embed::Mode::Script {
        return;
    }
    let fixed = nav.route.with_untracked(|r| r.clone().with_page(number)).to_fragment();
    let window = window();
    if window.location().hash().ok().is_some_and(|h| h != fixed) {
        if let Ok(history) = window.history() {
            let depth = JsValue::from(history_depth());
            let _ = history.replace_state_with_url(&depth, "", Some(&fixed));
        }
    }
}

/// A note for a list or results shown on their last page, `pages`, because the address asked
/// for one past it (`page=999`): the address is corrected without a word otherwise. Nothing
/// when there is nothing to show (`total` 0: the view says so itself).
pub fn past_last_page(nav: &Nav, pages: usize, total: usize) -> Option<impl IntoView> {
    let asked = nav.route.with_untracked(|r| r.page);
    (asked > pages && total > 0).then(|| {
        view! { <p class="address-note" role="note">{(nav.ui_now().past_last_page)(pages)}</p> }
    })
}

/// The route in the window's current URL fragment.
pub fn current_route() -> Route {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    Route::from_fragment(&hash)
}

/// Goes back one view: the browser's history when there is any, else `fallback` (a fragment,
/// e.g. the section of an article opened in a new tab). In a script embed, the embed's own
/// history, never the partner page's.
pub fn go_back(nav: &Nav, fallback: &str) {
    if crate::embed::mode() == crate::embed::Mode::Script {
        let back = crate::embed::take_back().unwrap_or_else(|| Route::from_fragment(fallback));
        nav.set_route.set(back);
        return;
    }
    // Only back within the archive: a link opened in a new tab, or arriving from another
    // site, has nothing of ours to go back to, so go up to the fallback instead.
    match window().history().ok().filter(|_| history_depth() > 0) {
        Some(h) => {
            let _ = h.back();
        }
        None => {
            let _ = window().location().set_hash(fallback);
        }
    }
}

/// How many entries of this tab's history the reader went through inside the app before the
/// current one, as stamped in `history.state` (0: arrived here from elsewhere, or a new tab).
fn history_depth() -> u32 {
    let state = window().history().ok().and_then(|h| h.state().ok());
    state.and_then(|s| s.as_f64()).map_or(0, |d| d.max(0.0) as u32)
}

/// Writes `depth` into the current history entry's state (keeping its URL).
fn stamp_depth(depth: u32) {
    if let Ok(h) = window().history() {
        let _ = h.replace_state(&JsValue::from(depth), "");
    }
}

/// Stamps a history entry the app just arrived at: a traversal (Back/Forward) finds its stamp,
/// a new entry (a link followed) gets one more than the entry it came from.
/// Returns the entry's depth, and whether it is new.
fn on_arrival(previous: u32) -> (u32, bool) {
    let stamped = window().history().ok().and_then(|h| h.state().ok()).and_then(|s| s.as_f64());
    match stamped {
        Some(d) => (d.max(0.0) as u32, false),
        None => {
            stamp_depth(previous + 1);
            (previous + 1, true)
        }
    }
}

/// Creates the route signal and keeps it in step with the URL fragment (in a script embed: the
/// route the partner chose, then in-memory navigation only).
///
/// `fresh` is told the route of each arrival on a new history entry (see [`Nav::fresh`]).
pub fn track_location(
    fresh: StoredValue<Option<Route>>,
) -> (ReadSignal<Route>, WriteSignal<Route>) {
    if let Some(initial) = crate::embed::initial_route() {
        return signal(initial);
    }
    let (route, set_route) = signal(current_route());
    if window().history().ok().and_then(|h| h.state().ok()).and_then(|s| s.as_f64()).is_none() {
        stamp_depth(0);
    }
    let depth = StoredValue::new(history_depth());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let (now, new_entry) = on_arrival(depth.get_value());
        depth.set_value(now);
        let next = current_route();
        fresh.set_value(new_entry.then(|| next.clone()));
        if route.get_untracked() != next {
            set_route.set(next);
        }
    });
    on_cleanup(move || handle.remove());
    (route, set_route)
}

/// The language switch: one link per interface language, to the same view in that language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let nav = expect_context::<Nav>();
    view! {
        <nav class="lang-switch" aria-label=move || nav.ui().interface_language>
            {LANGUAGES
                .iter()
                .map(|&(code, name)| {
                    let href = move || nav.route.get().with_lang(Some(code.to_owned())).to_fragment();
                    let current = move || (nav.lang.get() == code).then_some("true");
                    view! {
                        <a href=href hreflang=code lang=code aria-current=current>
                            {name}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    // These run as wasm (the app's target) under wasm-bindgen-test.
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// A trail of results `ids` on page `page` of a search for "summit", of `pages` pages.
    fn trail(ids: &[&str], page: usize, pages: Option<usize>) -> ResultTrail {
        let search = Route::from_fragment("#/search?q=summit").with_page(page);
        let steps = ids
            .iter()
            .map(|id| TrailStep {
                id: (*id).to_owned(),
                title: format!("Title {id}"),
                lang: "en".to_owned(),
                href: format!("#/article/{id}?hl=summit"),
            })
            .collect();
        ResultTrail { search, steps, pages }
    }

    fn result(t: &ResultTrail, id: &str) -> Option<TrailLink> {
        t.steps.iter().find(|s| s.id == id).cloned().map(TrailLink::Result)
    }

    #[test]
    fn an_article_leads_to_the_results_beside_it_and_at_a_pages_ends_to_the_next_page() {
        let t = trail(&["a", "b", "c"], 2, Some(3));
        assert_eq!(t.around("b"), Some((result(&t, "a"), result(&t, "c"))));
        let page = |n| {
            Some(TrailLink::Page(format!(
                "#/search?q=summit{}",
                if n > 1 { format!("&page={n}") } else { String::new() }
            )))
        };
        assert_eq!(t.around("a"), Some((page(1), result(&t, "b"))));
        assert_eq!(t.around("c"), Some((result(&t, "b"), page(3))));
        // Not one of them: no trail to follow.
        assert_eq!(t.around("z"), None);
        // The first page has none before; the last page none after; nor has a search whose
        // number of pages is not known yet.
        let first = trail(&["a", "b"], 1, Some(1));
        assert_eq!(first.around("a"), Some((None, result(&first, "b"))));
        assert_eq!(first.around("b"), Some((result(&first, "a"), None)));
        let unknown = trail(&["a"], 1, None);
        assert_eq!(unknown.around("a"), Some((None, None)));
    }
}
