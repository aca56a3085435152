//! The data boundary for sharded bundles: fetches the files a view needs (see
//! [`archive_core::shard`]), hands their bytes to the pure [`ShardedArchive`], and shows what is
//! loading.
//!
//! Each file is fetched at most once: a view that needs a file another view is already fetching
//! waits for that same request (coalescing), and every file a view needs is requested at once,
//! so a slow link pays one round trip per view, not one per file. Files are content-hashed, so
//! the browser and the service worker may keep them; nothing here blocks input: bytes are
//! handed over between awaits, a shard at a time.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use archive_core::search::Analyzer;
use archive_core::shard::{Need, ShardError, ShardedArchive};
use archive_core::Archive;
use futures::channel::oneshot;
use leptos::prelude::*;

/// Values of the doc table decoded per task (four per row): about 10 ms in the browser.
const DOCS_STEP: usize = 400_000;

/// What is wrong with a file, without its name (the caller gives its whole address).
fn reason(error: ShardError) -> String {
    match error {
        ShardError::File { message, .. } => message,
        ShardError::Binary { error, .. } => error.to_string(),
        other => other.to_string(),
    }
}

/// Resolves in a later task (a zero-delay timeout), so that what the browser has queued (input,
/// rendering) runs first.
pub(crate) async fn next_task() {
    crate::data::sleep(std::time::Duration::ZERO).await;
}

/// What is being fetched right now: files and bytes asked for and done (bytes as the manifest
/// gives the sizes). All zero when nothing is loading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files asked for since loading last went idle.
    pub files: usize,
    /// Of those, files done (loaded or failed).
    pub done: usize,
    /// Bytes asked for.
    pub bytes: u64,
    /// Bytes done.
    pub done_bytes: u64,
}

/// Those waiting for one file: each is told how its fetch ended (`Err`: why it failed).
type Waiters = Vec<oneshot::Sender<Result<(), String>>>;

/// A sharded archive being read: the pure reader, where its files are, and what is in flight.
#[derive(Debug)]
pub struct ShardStore {
    archive: Mutex<ShardedArchive>,
    /// The sections and archive metadata (an article-less [`Archive`]), for labels and titles.
    pub sections: Archive,
    /// The manifest's address, which the files' addresses are relative to.
    pub source: String,
    /// The text analyser used by search.
    pub analyzer: Analyzer,
    /// Waiters per file in flight.
    waiting: Mutex<HashMap<Need, Waiters>>,
    /// What is loading, for the progress bar.
    pub progress: RwSignal<Progress>,
    /// Bumped whenever a file arrives.
    pub arrived: RwSignal<u64>,
}

impl ShardStore {
    /// Wraps a reader made from the manifest at `source`, and has the service worker drop
    /// the kept files of the archive's earlier publications.
    pub fn new(archive: ShardedArchive, source: String) -> Self {
        let m = archive.manifest();
        let templates = [
            &m.shards.files.href,
            &m.cards.files.href,
            &m.ids.href,
            &m.index.files.href,
            &m.docs.href,
        ];
        // (`{n}` comes back percent-encoded from the URL parser.)
        let current = templates
            .iter()
            .filter_map(|href| web_sys::Url::new_with_base(href, &source).ok())
            .map(|u| u.href().replace("%7Bn%7D", "{n}"))
            .collect();
        crate::offline::prune_earlier(current);
        Self {
            sections: archive.sections().clone(),
            archive: Mutex::new(archive),
            source,
            analyzer: Analyzer::new(),
            waiting: Mutex::new(HashMap::new()),
            progress: RwSignal::new(Progress::default()),
            arrived: RwSignal::new(0),
        }
    }

    /// The reader, for a synchronous look (never held across an await).
    pub fn archive(&self) -> MutexGuard<'_, ShardedArchive> {
        // Single-threaded and never held across an await, so never poisoned in practice; a
        // poisoned lock still holds consistent data (inserts are all-or-nothing).
        self.archive.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn url(&self, href: &str) -> String {
        web_sys::Url::new_with_base(href, &self.source).map(|u| u.href()).unwrap_or(href.into())
    }

    /// Makes sure every file in `needs` is loaded: requests those not loaded or in flight (all
    /// at once), waits for those in flight.
    ///
    /// # Errors
    /// The first failure: which file, and why (network, HTTP status, damaged content).
    pub async fn ensure(self: &Arc<Self>, needs: Vec<Need>) -> Result<(), String> {
        let mut receivers = Vec::new();
        for need in needs {
            if self.archive().has(need) {
                continue;
            }
            let (tx, rx) = oneshot::channel();
            receivers.push(rx);
            let first = {
                let mut waiting =
                    self.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                let list = waiting.entry(need).or_default();
                list.push(tx);
                list.len() == 1
            };
            if first {
                let this = self.clone();
                wasm_bindgen_futures::spawn_local(async move { this.fetch(need).await });
            }
        }
        for rx in futures::future::join_all(receivers).await {
            rx.unwrap_or_else(|_| Err("the request was dropped".into()))?;
        }
        Ok(())
    }

    /// Makes sure the cards of `docs` can be shown: their card files, or, offline, where a card
    /// file cannot be had, the articles' own shards (a card is made from its article). A list
    /// seen online may have been drawn from shards already loaded, so that its card files were
    /// never fetched, nor kept for offline reading; offline, its shards may still be there.
    /// (Online, a card file that fails is said, as any file that fails.)
    ///
    /// # Errors
    /// The card files' failure, when the shards cannot be had either (or the browser is online).
    pub async fn ensure_cards(self: &Arc<Self>, docs: &[u32]) -> Result<(), String> {
        let needs = self.archive().missing_cards(docs.iter().copied());
        let Err(error) = self.ensure(needs).await else { return Ok(()) };
        if web_sys::window().is_none_or(|w| w.navigator().on_line()) {
            return Err(error);
        }
        let shards = {
            let a = self.archive();
            a.missing_shards(docs.iter().copied().filter(|&d| a.card(d).is_none()))
        };
        match self.ensure(shards).await {
            Ok(()) => Ok(()),
            Err(_) => Err(error),
        }
    }

    /// Decodes the doc table a slice at a time, giving the main thread back between slices (a
    /// million rows would otherwise be one task of a few hundred milliseconds).
    async fn decode_docs(&self, data: Vec<u8>) -> Result<(), String> {
        let mut decoder = self.archive().start_docs(data).map_err(reason)?;
        while !decoder.step(DOCS_STEP).map_err(|e| e.to_string())? {
            next_task().await;
        }
        self.archive().finish_docs(decoder).map_err(reason)
    }

    /// Fetches one file, inserts it, and tells everyone waiting for it.
    async fn fetch(self: Arc<Self>, need: Need) {
        let (href, bytes) = {
            let a = self.archive();
            let (h, b) = a.file(need);
            (h.to_owned(), b)
        };
        self.progress.update(|p| {
            p.files += 1;
            p.bytes += bytes;
        });
        let url = self.url(&href);
        // Fetched while no worker controls the page (the first visit), a file would not be kept
        // for offline reading: hand it to the worker once it is there.
        let unseen = !crate::offline::controlled();
        // The bar moves as bytes arrive (at most the file's stated size; the rest when done).
        let credited = std::cell::Cell::new(0);
        let arrived = |so_far: u64| {
            let now = so_far.min(bytes);
            if now > credited.get() {
                self.progress.update(|p| p.done_bytes += now - credited.get());
                credited.set(now);
            }
        };
        // Every failure names the file by its whole address, whether it did not arrive or
        // arrived damaged.
        let fetched = crate::data::fetch_bytes(&url, arrived).await;
        let gone =
            matches!(&fetched, Err(e) if e.starts_with("HTTP 404") || e.starts_with("HTTP 410"));
        let came = fetched.is_ok();
        let result = match fetched {
            Ok(data) if need == Need::Docs => self.decode_docs(data).await,
            Ok(data) => self.archive().insert(need, &data).map_err(reason),
            Err(e) => Err(e),
        };
        // Gone, or not what the manifest says: perhaps the archive was published again.
        if gone || (came && result.is_err()) {
            crate::republish::check();
        }
        let result = result.map_err(|e| format!("{url}: {e}"));
        if let Err(e) = &result {
            leptos::logging::warn!("{e}");
        }
        self.progress.update(|p| {
            p.done += 1;
            p.done_bytes += bytes - credited.get();
            if p.done == p.files {
                *p = Progress::default();
            }
        });
        if result.is_ok() {
            self.arrived.update(|n| *n += 1);
            if unseen {
                crate::offline::keep_urls(vec![url]);
            }
        }
        let waiters = self
            .waiting
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&need)
            .unwrap_or_default();
        for tx in waiters {
            let _ = tx.send(result.clone());
        }
    }
}
