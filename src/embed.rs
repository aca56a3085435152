//! Where the app runs: its own page, a partner's `<iframe>` (`?embed=1`), or a partner's element
//! (the script embed, `embed.js`, which calls [`mount_embed`]). The three differ in what the app
//! may touch:
//!
//! | | page | frame (`?embed=1`) | script (Shadow DOM in the partner's page) |
//! |---|---|---|---|
//! | site chrome (header, search, footer) | yes | no | no |
//! | routes | URL fragment | the frame's URL fragment | in memory (the partner's URL is theirs) |
//! | title, `<html lang>`, scrolling | the page's | the frame's | never the partner's |
//! | service worker, stored theme | yes | no (third-party storage is often blocked) | no |
//! | height | the page | posted to the partner (`embed-host.js`) | the element grows |
//!
//! Article links open inside the embed, or with `links=new-tab` (`?links=new-tab`,
//! `data-links="new-tab"`) the full app in a new tab. A wasm instance runs one of these modes;
//! the script embed mounts one element per page. docs/embedding.md has the partner's side.

use std::cell::RefCell;

use archive_core::{Route, View};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::nav::{navigate, Nav};

/// How the app is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The app's own page.
    Page,
    /// A partner's `<iframe>` of the app's page with `?embed=1`.
    Frame,
    /// Mounted by `embed.js` into a partner's element.
    Script,
}

/// Where article links open in an embed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// In the embed itself.
    Inside,
    /// The full app, in a new tab.
    NewTab,
}

struct State {
    mode: Mode,
    links: Links,
    /// Script mode: the element the app is mounted in (inside the partner's shadow root).
    root: Option<web_sys::HtmlElement>,
    /// The full app's address, without fragment (new-tab links, share).
    app_url: Option<String>,
    /// Script mode: the bundle address from the options.
    bundle: Option<String>,
    /// Script mode: the first route, from the options.
    initial: Option<Route>,
    /// Script mode: the routes to go back to, most recent last.
    back: Vec<Route>,
}

thread_local! {
    static STATE: RefCell<State> = const {
        RefCell::new(State {
            mode: Mode::Page,
            links: Links::Inside,
            root: None,
            app_url: None,
            bundle: None,
            initial: None,
            back: Vec::new(),
        })
    };
}

/// The mode this instance runs in.
pub fn mode() -> Mode {
    STATE.with_borrow(|s| s.mode)
}

/// Whether the app is embedded in a partner's page (frame or script).
pub fn is_embedded() -> bool {
    mode() != Mode::Page
}

/// The `links` option `value` (`inside`, `new-tab` and its spellings), or `None` for one it is
/// not.
fn links_option(value: &str) -> Option<Links> {
    match value.trim().to_ascii_lowercase().as_str() {
        "new-tab" | "newtab" | "_blank" | "tab" => Some(Links::NewTab),
        "inside" => Some(Links::Inside),
        _ => None,
    }
}

/// The `links` option given as `written` (`links=…` in a frame's address, `data-links="…"` on a
/// script embed's element), `inside` when none; one it does not understand is named in the
/// partner's console, as a misspelt option would otherwise change nothing, silently.
fn links_given(value: Option<String>, written: &str, embed: &str) -> Links {
    let Some(value) = value else { return Links::Inside };
    links_option(&value).unwrap_or_else(|| {
        leptos::logging::warn!(
            "Archive Browser embed: {written} is not understood (inside or new-tab); links open inside the {embed}"
        );
        Links::Inside
    })
}

/// The query parameters that configure a frame embed, dropped from the full app's address.
const FRAME_PARAMS: [&str; 3] = ["embed", "links", "theme"];

/// Reads the page's own address: `?embed=1` (with `links=new-tab`, `theme=light|dark`) makes
/// this a frame embed. Called once, before the app mounts on its own page.
pub fn init_page() {
    let Some(window) = web_sys::window() else { return };
    let href = window.location().href().unwrap_or_default();
    let Ok(url) = web_sys::Url::new(&href) else { return };
    let params = url.search_params();
    // `?lang=ru` before the `#` (an address written by hand): the interface language lives in
    // the fragment, so it moves there, unless the fragment names one already.
    if let Some(lang) = params.get("lang") {
        params.delete("lang");
        let mut route = Route::from_fragment(&url.hash());
        if route.lang.is_none() && archive_core::model::is_language_tag(&lang) {
            route = route.with_lang(Some(lang));
        }
        url.set_hash(&route.to_fragment());
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
        }
    }
    let embed = params.get("embed").is_some_and(|v| !matches!(v.as_str(), "0" | "false" | "no"));
    if !embed {
        return;
    }
    let links = params.get("links");
    let links =
        links_given(links.clone(), &format!("links={}", links.unwrap_or_default()), "frame");
    let theme = params.get("theme").filter(|t| t == "light" || t == "dark");
    if let Some(v) = params.get("theme").filter(|_| theme.is_none()) {
        leptos::logging::warn!(
            "Archive Browser embed: theme={v} is not understood (light or dark); the reader's system setting is used"
        );
    }
    for p in FRAME_PARAMS {
        params.delete(p);
    }
    url.set_hash("");
    STATE.with_borrow_mut(|s| {
        s.mode = Mode::Frame;
        s.links = links;
        s.app_url = Some(url.href());
    });
    if let Some(html) = window.document().and_then(|d| d.document_element()) {
        let _ = html.class_list().add_2("ab-embed", "ab-frame");
        if let Some(theme) = theme {
            let _ = html.set_attribute("data-theme", &theme);
        }
    }
}

/// Mounts the app into `root` (an element in a partner's shadow root) as a script embed; called
/// by `embed.js` with the partner's options, all optional strings:
/// `{ view: "#/section/news", lang: "ru", links: "inside" | "new-tab", bundle: URL, app: URL }`.
/// A second call (a second element on the page) is refused: one script embed per page.
#[wasm_bindgen]
pub fn mount_embed(root: web_sys::HtmlElement, options: &JsValue) -> Result<(), JsValue> {
    if STATE.with_borrow(|s| s.mode == Mode::Script) {
        return Err(JsValue::from_str(
            "Archive Browser: one script embed per page (use iframes for more)",
        ));
    }
    let get = |key: &str| {
        js_sys::Reflect::get(options, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
            .filter(|v| !v.trim().is_empty())
    };
    let mut initial = Route::from_fragment(&get("view").unwrap_or_default());
    if let Some(lang) = get("lang") {
        initial = initial.with_lang(Some(lang));
    }
    let written = format!("data-links=\"{}\"", get("links").unwrap_or_default());
    let links = links_given(get("links"), &written, "embed");
    STATE.with_borrow_mut(|s| {
        s.mode = Mode::Script;
        s.links = links;
        s.root = Some(root.clone());
        s.app_url = get("app");
        s.bundle = get("bundle");
        s.initial = Some(initial);
    });
    root.set_text_content(None);
    leptos::mount::mount_to(root, crate::app::App).forget();
    Ok(())
}

/// Script mode: the bundle address the partner gave (absolute), instead of the page's query.
pub fn bundle_override() -> Option<String> {
    STATE.with_borrow(|s| if s.mode == Mode::Script { s.bundle.clone() } else { None })
}

/// Script mode: the route to start on (routes are not in the partner's URL).
pub fn initial_route() -> Option<Route> {
    STATE.with_borrow(|s| if s.mode == Mode::Script { s.initial.clone() } else { None })
}

/// Script mode: remembers `from` for Go back (unless `replace`). Returns false in other modes,
/// where the browser's history does this.
pub fn remember(from: Route, replace: bool) -> bool {
    STATE.with_borrow_mut(|s| {
        if s.mode != Mode::Script {
            return false;
        }
        if !replace {
            s.back.push(from);
        }
        true
    })
}

/// Script mode: the route to go back to, taken off the stack.
pub fn take_back() -> Option<Route> {
    STATE.with_borrow_mut(|s| if s.mode == Mode::Script { s.back.pop() } else { None })
}

/// The element that carries the app's `lang` and theme: `<html>` on the app's page and in a
/// frame, the mount element in a script embed (the partner's `<html>` is never touched).
pub fn root_element() -> Option<web_sys::Element> {
    if let Some(root) = STATE.with_borrow(|s| s.root.clone()) {
        return Some(root.into());
    }
    web_sys::window()?.document()?.document_element()
}

/// The first element matching `selector` in the app (the mount element in a script embed, the
/// document otherwise).
pub fn query(selector: &str) -> Option<web_sys::Element> {
    match STATE.with_borrow(|s| s.root.clone()) {
        Some(root) => root.query_selector(selector).ok().flatten(),
        None => document().query_selector(selector).ok().flatten(),
    }
}

/// Every element matching `selector` in the app's DOM (see [`query`]), in document order.
pub fn query_all(selector: &str) -> Vec<web_sys::Element> {
    let list = match STATE.with_borrow(|s| s.root.clone()) {
        Some(root) => root.query_selector_all(selector).ok(),
        None => document().query_selector_all(selector).ok(),
    };
    let Some(list) = list else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        .collect()
}

/// Puts the view at vertical offset `y`: the window's scroll on the app's page; in an embed
/// only brings the embed's top into view when it is above the viewport, for a view that starts
/// at its top (`y` 0): in a script embed itself, in a frame by asking the partner's page
/// (`archive-browser:top`, which embed-host.js answers), since a frame as tall as its content
/// has nothing to scroll, and *Older* at the foot of a long list left the reader at the foot of
/// the next one.
pub fn scroll_to(y: f64) {
    match STATE.with_borrow(|s| s.root.clone()) {
        Some(root) => {
            if root.get_bounding_client_rect().top() < 0.0 {
                root.scroll_into_view();
            }
        }
        None if mode() == Mode::Frame && y <= 0.0 => {
            if let Ok(Some(parent)) = window().parent() {
                let message = js_sys::Object::new();
                let _ =
                    js_sys::Reflect::set(&message, &"type".into(), &"archive-browser:top".into());
                let _ = parent.post_message(&message, "*");
            }
            window().scroll_to_with_x_and_y(0.0, y);
        }
        None => window().scroll_to_with_x_and_y(0.0, y),
    }
}

/// Focuses `el`, an HTML or an SVG element (a histogram bar is an SVG `<g>`, which web-sys
/// gives no `focus`), bringing it into view unless the app is embedded (an embed never moves
/// the partner's page).
pub fn focus(el: &web_sys::Element) {
    focus_with(el, is_embedded());
}

/// Focuses `el` as [`focus`] does, but never scrolls to it.
pub fn focus_in_place(el: &web_sys::Element) {
    focus_with(el, true);
}

fn focus_with(el: &web_sys::Element, prevent_scroll: bool) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(prevent_scroll);
    if let Ok(focus) = js_sys::Reflect::get(el, &"focus".into()) {
        if let Some(focus) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&focus) {
            let _ = focus.call1(el, &options);
        }
    }
}

/// The address of `fragment` in the full app (for sharing and new-tab links): the page's own
/// address, or in an embed the app's page without the embed options.
pub fn public_url(fragment: &str) -> String {
    let base = STATE.with_borrow(|s| s.app_url.clone()).unwrap_or_else(|| {
        let href = window().location().href().unwrap_or_default();
        href.split('#').next().unwrap_or_default().to_owned()
    });
    format!("{base}{fragment}")
}

/// Wires the embed to its host, once, from the app: link handling (frame and script) and, in a
/// frame, the height and theme conversation with `embed-host.js`. Nothing on the app's page.
pub fn install(nav: Nav) {
    let mode = mode();
    if mode == Mode::Page {
        return;
    }
    let on_click =
        Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
            on_link_click(&nav, mode, &ev);
        });
    let target: Option<web_sys::EventTarget> = match mode {
        Mode::Script => STATE.with_borrow(|s| s.root.clone()).map(Into::into),
        _ => web_sys::window().and_then(|w| w.document()).map(Into::into),
    };
    if let Some(target) = target {
        let _ = target.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        // A middle click opens a link in a new tab without a `click`.
        let _ =
            target.add_event_listener_with_callback("auxclick", on_click.as_ref().unchecked_ref());
    }
    on_click.forget();
    if mode == Mode::Frame {
        frame_conversation();
    }
}

/// A click on a fragment link inside an embed: article links to a new tab when asked, and in a
/// script embed every fragment link becomes an in-memory navigation. A middle click (or a
/// modified one, in a script embed) opens the view in the full app in a new tab: the link's own
/// address is the partner's page (script) or the frame's chrome-less page (frame).
fn on_link_click(nav: &Nav, mode: Mode, ev: &web_sys::MouseEvent) {
    let middle = ev.button() == 1;
    if ev.default_prevented() || !(ev.button() == 0 || middle) {
        return;
    }
    let Some(anchor) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
    else {
        return;
    };
    let href = anchor.get_attribute("href").unwrap_or_default();
    if !(href == "#" || href.starts_with("#/") || href.starts_with("#?")) {
        return;
    }
    let route = Route::from_fragment(&href);
    let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key();
    let new_tab =
        STATE.with_borrow(|s| s.links) == Links::NewTab && matches!(route.view, View::Article(_));
    if new_tab || middle || (modified && mode == Mode::Script) {
        ev.prevent_default();
        let _ = window().open_with_url_and_target_and_features(
            &public_url(&route.to_fragment()),
            "_blank",
            "noopener",
        );
    } else if mode == Mode::Script && !modified {
        ev.prevent_default();
        navigate(nav, &route, false);
    }
}

/// In a frame: posts the document's height to the partner page whenever it changes, and takes
/// the partner's `--ab-*` theme properties from `embed-host.js`.
fn frame_conversation() {
    let window = window();
    let parent = match window.parent() {
        Ok(Some(parent)) if parent != window => parent,
        _ => return,
    };
    let Some(html) = document().document_element() else { return };
    let first = std::rc::Rc::new(std::cell::Cell::new(true));
    // The height last posted, in CSS pixels.
    let said = std::rc::Rc::new(std::cell::Cell::new(0.0));
    let html_for_timer = html.clone();
    let said_for_timer = said.clone();
    let post = {
        let html = html.clone();
        let parent = parent.clone();
        move || {
            let height = html.get_bounding_client_rect().height().ceil();
            said.set(height);
            let message = js_sys::Object::new();
            let _ =
                js_sys::Reflect::set(&message, &"type".into(), &"archive-browser:height".into());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            // The first message of this document asks embed-host.js for the partner's theme.
            let _ = js_sys::Reflect::set(&message, &"first".into(), &first.replace(false).into());
            // The height is no secret: any embedding page may read it.
            let _ = parent.post_message(&message, "*");
        }
    };
    let observed = Closure::<dyn FnMut()>::new(post.clone());
    if let Ok(observer) = web_sys::ResizeObserver::new(observed.as_ref().unchecked_ref()) {
        observer.observe(&html);
    }
    observed.forget();
    // A cross-origin frame out of the partner's view is not rendered, so its ResizeObserver
    // says nothing until it is scrolled to: the frames below the first screen of a page with
    // several stayed at the browser's 150 px, and then jumped. Its timers run, and reading the
    // height lays it out: twice a second, a height that changed is posted.
    let _ = set_interval_with_handle(
        move || {
            let height = html_for_timer.get_bounding_client_rect().height().ceil();
            if (height - said_for_timer.get()).abs() >= 1.0 {
                post();
            }
        },
        std::time::Duration::from_millis(500),
    );

    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            // (A cross-origin parent is no `instanceof Window` here: compare the objects.)
            let parent: &JsValue = parent.as_ref();
            let from_parent = ev.source().is_some_and(|s| JsValue::from(s) == *parent);
            if !from_parent {
                return;
            }
            let data = ev.data();
            let kind = js_sys::Reflect::get(&data, &"type".into()).ok().and_then(|v| v.as_string());
            if kind.as_deref() != Some("archive-browser:theme") {
                return;
            }
            let Ok(theme) = js_sys::Reflect::get(&data, &"theme".into()) else { return };
            apply_theme(&theme);
        });
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
}

/// Whether `name` is one of our theme properties: `--ab-` and lowercase letters, digits, dashes.
fn theme_property(name: &str) -> bool {
    name.strip_prefix("--ab-").is_some_and(|rest| {
        !rest.is_empty()
            && rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    })
}

/// Sets the partner's `--ab-*` custom properties on `<html>` (through the CSSOM, which the CSP
/// allows; the values are parsed by the browser as CSS values, never as markup or script).
fn apply_theme(theme: &JsValue) {
    let Some(html) = document().document_element() else { return };
    let Ok(html) = html.dyn_into::<web_sys::HtmlElement>() else { return };
    let style = html.style();
    let Ok(names) = js_sys::Reflect::own_keys(theme) else { return };
    for name in names.iter().filter_map(|n| n.as_string()) {
        let value =
            js_sys::Reflect::get(theme, &JsValue::from_str(&name)).ok().and_then(|v| v.as_string());
        if let Some(value) = value.filter(|v| v.len() <= 200 && theme_property(&name)) {
            let _ = style.set_property(&name, &value);
        }
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn link_options() {
        let given = |v: &str| links_given(Some(v.to_owned()), v, "frame");
        assert_eq!(given("new-tab"), Links::NewTab);
        assert_eq!(given(" New-Tab "), Links::NewTab);
        assert_eq!(given("inside"), Links::Inside);
        assert_eq!(given("whatever"), Links::Inside);
        assert_eq!(links_given(None, "", "frame"), Links::Inside);
        assert_eq!(links_option("whatever"), None);
    }

    #[test]
    fn only_our_theme_properties() {
        assert!(theme_property("--ab-accent"));
        assert!(theme_property("--ab-font"));
        assert!(!theme_property("--ab-"));
        assert!(!theme_property("--other"));
        assert!(!theme_property("--ab-x;color:red"));
        assert!(!theme_property("color"));
    }
}
