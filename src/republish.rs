//! A new publication of the archive under a page that is open: the archivist re-ran
//! `archive-bundle shard` (which removes the files of the version before) or replaced the bundle.
//! The open page still reads the version it loaded, so a file it has not fetched yet is gone
//! (HTTP 404) or another's, and an article added since is "not found". When that happens the
//! page asks the server for the bundle (or manifest) again and compares it, byte for byte (by
//! SHA-256, computed by the browser), with the one it read; if they differ, [`RepublishedNote`]
//! tells the reader the archive was updated and offers a reload, instead of failing on for ever.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;

use crate::nav::Nav;

thread_local! {
    /// The bundle or manifest as this page read it: its address and the SHA-256 of its bytes
    /// (`None` until taken, or where the browser offers no digest).
    static READ_AS: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
    /// A check is running or has found the new publication: no second one.
    static CHECKING: Cell<bool> = const { Cell::new(false) };
    /// Raised once the server has another publication than the page's.
    static REPUBLISHED: RwSignal<bool> = RwSignal::new(false);
}

/// Notes the bytes of the bundle or manifest the page read from `url`, for [`check`] to compare
/// the server's with later. Returns at once: the digest is awaited in a task of its own, off
/// the way to the first view.
pub fn remember(url: &str, bytes: &[u8]) {
    let digest = crate::data::sha256(bytes);
    let url = url.to_owned();
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(hash) = digest.await {
            READ_AS.set(Some((url, hash)));
        }
    });
}

/// Whether the page learnt that the server has another publication of its archive.
pub fn republished() -> RwSignal<bool> {
    REPUBLISHED.with(|r| *r)
}

/// Asks the server for the bundle or manifest again (past the HTTP cache; the service worker
/// reads bundles network-first) and raises [`republished`] when its bytes are not the ones the
/// page read. Called when something the page's version names is missing; one check at a time,
/// none once the new publication is known. Offline, or on any failure, nothing is raised.
pub fn check() {
    let Some((url, hash)) = READ_AS.with_borrow(Clone::clone) else { return };
    if CHECKING.replace(true) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        // Revalidated with the server (the service worker reads bundles network-first).
        let fresh =
            crate::data::fetch_bytes_with(&url, Some(web_sys::RequestCache::NoCache), |_| ()).await;
        let changed = match fresh {
            Ok(bytes) => crate::data::sha256(&bytes).await.is_some_and(|now| now != hash),
            Err(_) => false,
        };
        if changed {
            republished().set(true);
        } else {
            CHECKING.set(false);
        }
    });
}

/// "This archive has been updated since this page opened it", with a reload, once
/// [`republished`] is raised; nothing before.
#[component]
pub fn RepublishedNote() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let raised = republished();
    move || {
        raised.get().then(|| {
            view! {
                <div class="republished" role="alert">
                    <p>{nav.ui().republished}</p>
                    <button type="button" on:click=|_| _ = window().location().reload()>
                        {nav.ui().reload}
                    </button>
                </div>
            }
        })
    }
}
