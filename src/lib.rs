//! Archive Browser, the app: a Leptos client-side-rendered reader for news archive bundles.
//!
//! The logic lives in `archive-core`; this crate is the thin layer of views over it:
//! [`app`] holds the route table, [`pages`] one module per route, [`components`] the shared
//! pieces, [`data`] the one place that fetches (with [`shards`] for sharded bundles), [`nav`] the URL-fragment location and
//! [`i18n`] the interface text; [`offline`] the service worker's page side, [`embed`] how the
//! app behaves inside a partner's iframe or element.

pub mod app;
pub mod components;
pub mod data;
pub mod embed;
pub mod i18n;
pub mod nav;
pub mod offline;
pub mod pages;
pub mod republish;
pub mod shards;

use wasm_bindgen::JsCast;

/// Installs the panic hook and mounts [`app::App`] into the element `#app` (replacing the
/// static "loading" text there), or into `<body>` when the page has no such element.
///
/// Only on the app's own page, which `boot.js` loads (`<script data-js data-wasm>`); loaded by
/// `embed.js` into a partner's page, the module mounts nothing until [`embed::mount_embed`].
pub fn start() {
    console_error_panic_hook::set_once();
    let document = web_sys::window().and_then(|w| w.document());
    let own_page = document
        .as_ref()
        .and_then(|d| d.query_selector("script[data-js][data-wasm]").ok().flatten())
        .is_some();
    if !own_page {
        return;
    }
    embed::init_page();
    // The mount runs in a task of its own (a zero-delay timeout), not in the one that compiled
    // and instantiated the module: together they were one main-thread task of 55–76 ms on a
    // cold load (issue 6 counts tasks over 50 ms). Without a window, mount at once.
    let mount = move || {
        let target = document
            .and_then(|d| d.get_element_by_id("app"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        match target {
            Some(el) => {
                el.set_text_content(None);
                leptos::mount::mount_to(el, app::App).forget();
            }
            None => leptos::mount::mount_to_body(app::App),
        }
    };
    let later = wasm_bindgen::closure::Closure::once_into_js(mount.clone());
    let scheduled = web_sys::window()
        .is_some_and(|w| w.set_timeout_with_callback(later.unchecked_ref()).is_ok());
    if !scheduled {
        mount();
    }
}
