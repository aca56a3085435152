//! The search box, on every view: typing searches as you type (rewriting the current history
//! entry, so Back skips keystrokes), Enter commits, `/` anywhere focuses it. It lives outside
//! the route table so the field keeps focus and caret while the results below change.

use archive_core::route::SearchParams;
use archive_core::search::Filters;
use archive_core::{Route, View};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::nav::{navigate, Nav};

/// The search parameters a query typed on `view` starts from: a search keeps its filters, a
/// section or month view becomes a filter, other views start afresh.
pub fn search_from(view: &View, q: String) -> SearchParams {
    let filters = match view {
        View::Search(p) => p.filters.clone(),
        View::Section(id) => Filters { section: Some(id.clone()), ..Filters::default() },
        View::Date(p) => Filters { year: Some(p.year), month: p.month, ..Filters::default() },
        _ => Filters::default(),
    };
    let sort = match view {
        View::Search(p) => p.sort,
        _ => Default::default(),
    };
    SearchParams { q, filters, sort }
}

/// Whether the reader's main pointer is a finger (`(pointer: coarse)`): a phone or tablet, whose
/// keyboard is on the screen.
fn touch_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(pointer: coarse)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The route the address shows at this moment. `navigate` changes the window's fragment at once,
/// but the route signal follows on `hashchange`, a task later, and fast typing can outrun it
/// (the second keystroke would then push a second history entry). In a script embed, routes
/// live in memory and the signal is the route.
fn route_now(nav: &Nav) -> Route {
    if crate::embed::mode() == crate::embed::Mode::Script {
        nav.route.get_untracked()
    } else {
        crate::nav::current_route()
    }
}

/// Whether a key event comes from a place where `/` is text, not a shortcut.
fn typing_in_a_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| {
        matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || e.has_attribute("contenteditable")
    })
}

/// The search form.
#[component]
pub fn SearchBox() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    let shortcut = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "/"
            && !ev.ctrl_key()
            && !ev.meta_key()
            && !ev.alt_key()
            && !typing_in_a_field(&ev)
        {
            ev.prevent_default();
            if let Some(field) = input.get_untracked() {
                let _ = field.focus();
                field.select();
            }
        }
    });
    on_cleanup(move || shortcut.remove());
    let current_q = move || match &nav.route.get().view {
        View::Search(p) => p.q.clone(),
        _ => String::new(),
    };
    let go = move |q: String, replace: bool| {
        let current = route_now(&nav);
        let route = Route::view(View::Search(search_from(&current.view, q)))
            .with_lang(current.lang.clone());
        if route != current {
            nav.typing.set_value(Some(route.clone()));
            navigate(&nav, &route, replace);
        }
        route
    };
    // The address the last keystroke wrote: typing rewrites the history entry only while the
    // address is still that one. A committed search (Enter, a link, a facet, Back) keeps its
    // entry, and the next keystroke starts a new one, so Back returns to it.
    let drafted: StoredValue<Option<String>> = StoredValue::new(None);
    let on_input = move |ev: web_sys::Event| {
        let now = route_now(&nav);
        let drafting = drafted.with_value(|d| d.as_deref() == Some(now.to_fragment().as_str()));
        let q = event_target_value(&ev);
        // The first keystroke on another view or on a committed search makes a new entry (Back
        // returns to it); later ones rewrite it. Emptying the box (Escape, or deleting it all)
        // makes a new entry too, so that Back brings the search back.
        let replace = matches!(now.view, View::Search(_)) && drafting && !q.trim().is_empty();
        let route = go(q, replace);
        drafted.set_value(Some(route.to_fragment()));
    };
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        drafted.set_value(None);
        if let Some(field) = input.get_untracked() {
            let route = go(field.value(), false);
            if touch_screen() {
                // On a touch screen the on-screen keyboard would keep covering the results:
                // focus leaves the box for the results' heading, and the keyboard closes.
                let _ = field.blur();
            } else {
                // Focus stays in the box (see `Nav::committed`).
                nav.committed.set_value(Some(route.clone()));
            }
            // The page shows this search as typed, its last word also a prefix: Enter shows it
            // complete, as a link or a reload shows it (no new history entry; the address is
            // already this search's).
            if nav.route.with_untracked(|r| *r == route) {
                nav.typing.set_value(None);
                nav.set_route.set(route);
            }
        }
    };
    // A section's or a period's page searches within it (`search_from`): the box says so, by
    // its name and its placeholder, before the results' filter chip does.
    let scope = move || {
        let ui = nav.ui();
        // (A search keeps its section, year or month too, as typing in the box goes on.)
        let (section, year, month) = nav.route.with(|r| match &r.view {
            View::Section(_) => (true, false, false),
            View::Date(p) => (false, true, p.month.is_some()),
            View::Search(p) => {
                (p.filters.section.is_some(), p.filters.year.is_some(), p.filters.month.is_some())
            }
            _ => (false, false, false),
        });
        match (section, year, month) {
            (true, _, _) => (ui.search_section, ui.search_section),
            (_, _, true) => (ui.search_month, ui.search_month),
            (_, true, _) => (ui.search_year, ui.search_year),
            _ => (ui.search_label, ui.search_placeholder),
        }
    };
    view! {
        <form class="search-box" role="search" on:submit=on_submit>
            <label for="q" class="visually-hidden">{move || scope().0}</label>
            <input
                id="q"
                node_ref=input
                type="search"
                name="q"
                autocomplete="off"
                spellcheck="false"
                placeholder=move || scope().1
                aria-keyshortcuts="/"
                prop:value=current_q
                on:input=on_input
            />
            <button type="submit">{move || nav.ui().search_button}</button>
        </form>
    }
}
