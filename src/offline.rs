//! Offline reading and updates, the page's side of the service worker (`sw.js`, written at
//! build time by `scripts/pwa.py` from `scripts/sw-template.js`).
//!
//! - Registers `sw.js` beside the page (scope: the page's folder, so any subpath works), with
//!   `updateViaCache: "none"` so update checks always reach the server; checks again when the
//!   tab comes back into view and every half hour.
//! - A new deployment installs beside the running one and waits. [`UpdatePrompt`] then tells the
//!   reader; on their word the waiting worker takes over and the page reloads into the new
//!   build, whose files all come from that build's cache. Nothing of the new build runs in the
//!   old page, and nothing of the old in the new. A tab that did not ask (another tab did) is
//!   told the same way, and its button simply reloads.
//! - Asks the worker to keep the bundle this page read before the worker controlled it.
//! - [`OfflineBadge`] says when the browser is offline.
//!
//! Embeds do none of this: a partner's page is not offline anyway, and third-party contexts often
//! have no service workers or storage; the embed simply reads online.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

use crate::i18n::anywhere;
use crate::nav::Nav;

/// How often an open tab asks the server for a new `sw.js`, in milliseconds.
const UPDATE_CHECK_MS: i32 = 30 * 60 * 1000;

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// The reader chose to switch: the next controller change reloads the page.
    static ACCEPTED: Cell<bool> = const { Cell::new(false) };
}

/// The service-worker container, when this context has one (secure context, not sandboxed).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    // A getter that may throw (sandboxed or storage-blocked contexts): read it through Reflect.
    let value = js_sys::Reflect::get(&navigator, &"serviceWorker".into()).ok()?;
    value.dyn_into::<ServiceWorkerContainer>().ok()
}

fn message(kind: &str) -> js_sys::Object {
    let m = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&m, &"type".into(), &kind.into());
    m
}

/// Registers the service worker and raises `ready` when a new deployment is waiting.
fn register(ready: RwSignal<bool>) {
    if crate::embed::is_embedded() {
        return;
    }
    let Some(container) = container() else { return };
    let had_controller = container.controller().is_some();
    let on_change = {
        Closure::<dyn FnMut()>::new(move || {
            if ACCEPTED.get() {
                let _ = window().location().reload();
            } else if had_controller {
                // Another tab switched to the new deployment; this one still runs the old code.
                ready.set(true);
            }
        })
    };
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();

    let options = web_sys::RegistrationOptions::new();
    options.set_scope("./");
    options.set_update_via_cache(web_sys::ServiceWorkerUpdateViaCache::None);
    let promise = container.register_with_options("sw.js", &options);
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(promise).await else {
            // No worker (private mode, storage off, a host without sw.js): the app reads online.
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        REGISTRATION.set(Some(registration.clone()));
        watch(&registration, &container, ready);
        keep_bundle(&container).await;
    });
}

/// Raises `ready` when a worker is waiting behind a controlling one, now or later.
fn watch(
    registration: &ServiceWorkerRegistration,
    container: &ServiceWorkerContainer,
    ready: RwSignal<bool>,
) {
    if registration.waiting().is_some() && container.controller().is_some() {
        ready.set(true);
    }
    // A worker already installing (the browser checked on navigation, before this code ran) is
    // followed as well as any found later.
    if let Some(worker) = registration.installing() {
        follow(&worker, container, ready);
    }
    let on_found = {
        let registration = registration.clone();
        let container = container.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(worker) = registration.installing() {
                follow(&worker, &container, ready);
            }
        })
    };
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();

    let check = Closure::<dyn FnMut()>::new(check_for_update);
    let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(
        check.as_ref().unchecked_ref(),
        UPDATE_CHECK_MS,
    );
    check.forget();
    let on_visible = Closure::<dyn FnMut()>::new(|| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            check_for_update();
        }
    });
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    on_visible.forget();
}

/// Raises `ready` once `worker` has installed behind a controlling worker.
fn follow(
    worker: &web_sys::ServiceWorker,
    container: &ServiceWorkerContainer,
    ready: RwSignal<bool>,
) {
    let container = container.clone();
    let state_of = worker.clone();
    let on_state = Closure::<dyn FnMut()>::new(move || {
        if state_of.state() == ServiceWorkerState::Installed && container.controller().is_some() {
            ready.set(true);
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    on_state.forget();
}

/// Asks the server for a new `sw.js` (quietly: offline it simply fails).
pub fn check_for_update() {
    let Some(registration) = REGISTRATION.with_borrow(Clone::clone) else { return };
    if let Ok(promise) = registration.update() {
        leptos::task::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// The addresses of everything this page has fetched so far (the Resource Timing entries); the
/// worker keeps the data among them (bundles, the search index) and ignores the rest.
fn fetched_so_far() -> js_sys::Array {
    let urls = js_sys::Array::new();
    urls.push(&crate::data::bundle_url().into());
    if let Some(performance) = window().performance() {
        for entry in performance.get_entries_by_type("resource").iter() {
            if let Ok(entry) = entry.dyn_into::<web_sys::PerformanceEntry>() {
                urls.push(&entry.name().into());
            }
        }
    }
    urls
}

/// The first visit read the bundle before the worker existed: ask the worker to keep it (and
/// the search index, if it was read).
async fn keep_bundle(container: &ServiceWorkerContainer) {
    let Ok(ready) = container.ready() else { return };
    let Ok(registration) = JsFuture::from(ready).await else { return };
    let registration: ServiceWorkerRegistration = registration.unchecked_into();
    let Some(active) = registration.active() else { return };
    let m = message("keep");
    let _ = js_sys::Reflect::set(&m, &"urls".into(), &fetched_so_far());
    let _ = active.post_message(&m);
}

/// Switches to the waiting deployment: the waiting worker takes over, then the page reloads
/// (see the `controllerchange` handler). With nothing waiting (another tab switched), reloads.
fn switch_to_new_version() {
    ACCEPTED.set(true);
    let waiting =
        REGISTRATION.with_borrow(|r| r.as_ref().and_then(ServiceWorkerRegistration::waiting));
    match waiting {
        Some(worker) => {
            let _ = worker.post_message(&message("skip-waiting"));
        }
        None => {
            let _ = window().location().reload();
        }
    }
}

/// Registers the service worker (on the app's own page) and, when a new deployment is ready,
/// shows a banner with the button that switches to it.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let ready = RwSignal::new(false);
    register(ready);
    let text = move || anywhere(nav.lang.get());
    view! {
        <Show when=move || ready.get()>
            <div class="update-prompt" role="status">
                <p>{move || text().update_ready}</p>
                <button type="button" on:click=|_| switch_to_new_version()>
                    {move || text().update_now}
                </button>
            </div>
        </Show>
    }
}

/// "Offline" while the browser has no network, nothing otherwise.
#[component]
pub fn OfflineBadge() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let online = RwSignal::new(window().navigator().on_line());
    let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    view! {
        <Show when=move || !online.get()>
            <p class="offline-badge" role="status">{move || anywhere(nav.lang.get()).offline}</p>
        </Show>
    }
}
