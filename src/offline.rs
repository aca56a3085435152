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
//! - [`OfflineBadge`] says when the browser is offline; [`KeepOffline`] what is kept on this
//!   device, and keeps the pictures of a list (a section, a year) offline on request.
//!
//! - [`name_in_manifest`]: an archive opened with `?bundle=` is installed as itself (its name, and
//!   it opens that archive), through a manifest the worker writes for it.
//!
//! Embeds do none of this: a partner's page is not offline anyway, and third-party contexts often
//! have no service workers or storage; the embed simply reads online.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

use archive_core::{Block, View};

use crate::data::LoadedArchive;
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

/// For an archive opened with `?bundle=`, points the page's manifest link at
/// `manifest.webmanifest?bundle=…&name=…`, which the service worker answers with the app's
/// manifest named after `title` and starting at `./?bundle=…` (the file on the server, written at
/// build time, names the built-in archive; a host without the worker ignores the query). For the
/// site's own `archive.json`, only when it is not the archive the build named (another was put
/// in its place: `<meta name="archive-name">`, which scripts/pwa.py writes), at
/// `manifest.webmanifest?name=…`. Does nothing in an embed.
pub fn name_in_manifest(title: &str) {
    if crate::embed::is_embedded() {
        return;
    }
    let bundle = crate::data::bundle_param();
    if bundle.is_none() {
        let built = document()
            .query_selector("meta[name=archive-name]")
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"));
        if built.is_none_or(|b| b.trim() == title.trim()) {
            return;
        }
    }
    let Some(link) = document().query_selector("link[rel=manifest]").ok().flatten() else {
        return;
    };
    let Ok(query) = web_sys::UrlSearchParams::new() else { return };
    if let Some(bundle) = &bundle {
        query.append("bundle", bundle);
    }
    query.append("name", title);
    let _ = link.set_attribute(
        "href",
        &format!("manifest.webmanifest?{}", String::from(query.to_string())),
    );
}

/// Registers the service worker and raises `ready` when a new deployment is waiting.
fn register(ready: RwSignal<bool>) {
    if crate::embed::is_embedded() {
        return;
    }
    let Some(container) = container() else { return };
    // The first visit's fetches are handed to the worker from the Resource Timing entries,
    // which browsers cap at 250 by default: a sharded archive's page can fetch more files.
    if let Some(performance) = window().performance() {
        performance.set_resource_timing_buffer_size(5000);
    }
    let had_controller = container.controller().is_some();
    let on_change = {
        Closure::<dyn FnMut()>::new(move || {
            if ACCEPTED.get() {
                let _ = window().location().reload();
            } else if had_controller {
                // Another tab switched to the new deployment; this one still runs the old code.
                ready.set(true);
            } else if let Some(container) = self::container() {
                // The first worker has just taken this page over: from now on it sees every
                // fetch; hand it again what the page fetched before (files fetched after the
                // first hand-over and before this moment would otherwise be missed offline).
                leptos::task::spawn_local(async move { keep_bundle(&container).await });
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
        // A stand-in `register` (a test harness's, an extension's) may resolve to nothing.
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
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

/// Whether a service worker controls this page (sees its fetches, and so keeps the data).
pub fn controlled() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}

/// Asks the worker to keep `urls` (data fetched while no worker controlled the page), once
/// there is an active worker; nothing without service workers.
pub fn keep_urls(urls: Vec<String>) {
    post_list("keep", "urls", urls);
}

/// Asks the worker to drop the kept files of earlier publications of the archive: `current`
/// are the content-hashed addresses the page's bundle or manifest names (absolute; a numbered
/// set's with `{n}` for the number), and a kept file of the same shape with another hash is of
/// a version no longer named. Nothing without service workers.
pub fn prune_earlier(current: Vec<String>) {
    if !current.is_empty() {
        post_list("prune", "current", current);
    }
}

/// Sends the worker the message `kind` with `list` as its member `field`, once there is an
/// active worker. Nothing embedded (the worker, if any, is the partner's, not ours) or without
/// service workers.
fn post_list(kind: &'static str, field: &'static str, list: Vec<String>) {
    if crate::embed::is_embedded() {
        return;
    }
    let Some(container) = container() else { return };
    let list: js_sys::Array = list.iter().map(|u| JsValue::from_str(u)).collect();
    leptos::task::spawn_local(
        async move { post_when_active(&container, kind, field, &list).await },
    );
}

/// Posts the message `kind`, with `value` as its member `field`, to the active worker once
/// there is one.
async fn post_when_active(
    container: &ServiceWorkerContainer,
    kind: &str,
    field: &str,
    value: &JsValue,
) {
    let Ok(ready) = container.ready() else { return };
    let Ok(registration) = JsFuture::from(ready).await else { return };
    let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else { return };
    let Some(active) = registration.active() else { return };
    let m = message(kind);
    let _ = js_sys::Reflect::set(&m, &field.into(), value);
    let _ = active.post_message(&m);
}

/// The first visit read the bundle before the worker existed: ask the worker to keep it (and
/// the search index, if it was read).
async fn keep_bundle(container: &ServiceWorkerContainer) {
    post_when_active(container, "keep", "urls", &fetched_so_far()).await;
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
        {move || {
            ready.get().then(|| view! {
            <div class="update-prompt" role="status">
                <p>{move || text().update_ready}</p>
                <button type="button" on:click=|_| switch_to_new_version()>
                    {move || text().update_now}
                </button>
            </div>
            })
        }}
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
        {move || {
            (!online.get()).then(|| view! {
                <p class="offline-badge" role="status">{move || anywhere(nav.lang.get()).offline}</p>
            })
        }}
    }
}

/// The pictures of the articles a list view shows (all news, a section with its sub-sections, a
/// year or a month), as absolute addresses; none on other views.
fn pictures_of(view: &View, loaded: &LoadedArchive) -> Vec<String> {
    let archive = &loaded.archive;
    let positions: Vec<usize> = match view {
        View::AllNews => archive.all().to_vec(),
        View::Section(id) => archive.in_subtree(id),
        View::Date(period) => archive.in_period(*period),
        _ => Vec::new(),
    };
    // Resolved as the article shows them (against the bundle's address), so that the pictures
    // kept are the ones the page asks for.
    let mut urls: Vec<String> = positions
        .into_iter()
        .flat_map(|pos| archive.at(pos).body.iter())
        .filter_map(|block| match block {
            Block::Image { src, .. } => crate::data::article_address(src),
            _ => None,
        })
        .collect();
    urls.sort_unstable();
    urls.dedup();
    urls
}

/// How much this site stores on the device (the Storage API's estimate), into `space`.
fn measure(space: RwSignal<Option<f64>>) {
    let storage = window().navigator().storage();
    let Ok(promise) = storage.estimate() else { return };
    leptos::task::spawn_local(async move {
        if let Ok(estimate) = JsFuture::from(promise).await {
            let usage =
                js_sys::Reflect::get(&estimate, &"usage".into()).ok().and_then(|u| u.as_f64());
            space.set(usage);
        }
    });
}

/// What "keep offline" has done so far: pictures done and in all, bytes kept, failures.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Kept {
    done: usize,
    total: usize,
    bytes: f64,
    failed: usize,
}

/// Sends `urls` to the worker to keep, following its progress reports into `progress`.
fn keep_pictures(
    urls: Vec<String>,
    progress: RwSignal<Option<Kept>>,
    space: RwSignal<Option<f64>>,
) {
    let Some(worker) = container().and_then(|c| c.controller()) else { return };
    let Ok(channel) = web_sys::MessageChannel::new() else { return };
    progress.set(Some(Kept { done: 0, total: urls.len(), bytes: 0.0, failed: 0 }));
    let on_report =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            let number = |key: &str| {
                js_sys::Reflect::get(&data, &key.into())
                    .ok()
                    .and_then(|v| v.as_f64())
                    .unwrap_or(0.0)
            };
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // small counts
            let kept = Kept {
                done: number("done") as usize,
                total: number("total") as usize,
                bytes: number("bytes"),
                failed: number("failed") as usize,
            };
            progress.set(Some(kept));
            if kept.done >= kept.total {
                measure(space);
            }
        });
    channel.port1().set_onmessage(Some(on_report.as_ref().unchecked_ref()));
    on_report.forget();
    let m = message("keep-pictures");
    let list: js_sys::Array = urls.iter().map(|u| JsValue::from_str(u)).collect();
    let _ = js_sys::Reflect::set(&m, &"urls".into(), &list);
    let _ = worker.post_message_with_transferable(&m, &js_sys::Array::of1(&channel.port2()));
}

/// "Offline reading": what the site keeps on this device, and on a list view with pictures a
/// button that keeps them offline too, with progress and the space they take. Only where a
/// service worker controls the page (the app's own page, after the first visit).
#[component]
pub fn KeepOffline() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let loaded = expect_context::<std::sync::Arc<LoadedArchive>>();
    let controlled = container().and_then(|c| c.controller()).is_some();
    let space = RwSignal::new(None::<f64>);
    let progress = RwSignal::new(None::<Kept>);
    if controlled {
        measure(space);
    }
    let pictures = Memo::new(move |_| nav.route.with(|r| pictures_of(&r.view, &loaded)));
    // A new view starts afresh.
    Effect::new(move |_| {
        nav.route.track();
        progress.set(None);
    });
    let text = move || anywhere(nav.lang.get());
    controlled.then(|| {
        view! {
            <section class="keep-offline" aria-label=move || text().offline_reading>
                <p>
                    {move || space.get().map(|bytes| (text().saved_here)(&(text().size)(bytes)))}
                </p>
                {move || {
                    let n = pictures.with(Vec::len);
                    (n > 0 && progress.get().is_none())
                        .then(|| {
                            view! {
                                <button type="button" on:click=move |_| keep_pictures(pictures.get_untracked(), progress, space)>
                                    {move || (text().keep_pictures)(n)}
                                </button>
                            }
                        })
                }}
                {move || {
                    progress
                        .get()
                        .map(|k| {
                            let max = k.total.max(1).to_string();
                            view! {
                                <progress max=max value=k.done.to_string()></progress>
                                <p role="status">{move || (text().kept)(k.done, k.total, &(text().size)(k.bytes), k.failed)}</p>
                            }
                        })
                }}
            </section>
        }
    })
}
