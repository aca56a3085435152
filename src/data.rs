//! The app's one data boundary: where the bundle comes from and how it is fetched and read.
//! Components never fetch; they read the [`Shelf`] from context: a single-file archive
//! ([`LoadedArchive`], all in memory) or a sharded one ([`ShardStore`], fetched as views need it).
//!
//! The bundle is `archive.json` beside the page, or the address in the page's `?bundle=` query
//! parameter (relative to the page), so one build can show any bundle on the same host. A
//! sharded bundle is named by its manifest (`?bundle=big/manifest.json`); the file itself says
//! which form it is.

use std::collections::HashMap;
use std::sync::Arc;

use std::sync::OnceLock;

use archive_core::search::{Analyzer, SearchIndex};
use archive_core::shard::{ShardError, ShardedArchive, MANIFEST_FORMAT};
use archive_core::{load_bundle, Archive, BundleError, Problem};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

/// The bundle address used when the page names none.
pub const DEFAULT_BUNDLE: &str = "archive.json";

/// An archive ready for the views, with the problems found while loading it.
#[derive(Debug)]
pub struct LoadedArchive {
    /// The indexed archive.
    pub archive: Archive,
    /// Every problem the loader reported (errors: left out; warnings: kept).
    pub problems: Vec<Problem>,
    /// The address the bundle was read from, as resolved against the page.
    pub source: String,
    /// The text analyser (stemmers) used by search.
    pub analyzer: Analyzer,
    /// The search index, built on the first search.
    index: OnceLock<SearchIndex>,
    /// Set once the content hash is checked, when the articles are not those the bundle says
    /// it was published with: `(stated, actual)` content hashes (see [`check_published`]).
    pub altered: leptos::prelude::RwSignal<Option<(String, String)>>,
}

impl LoadedArchive {
    /// Wraps a loaded archive; the search index is built on first use.
    pub fn new(archive: Archive, problems: Vec<Problem>, source: String) -> Self {
        Self {
            archive,
            problems,
            source,
            analyzer: Analyzer::new(),
            index: OnceLock::new(),
            altered: leptos::prelude::RwSignal::new(None),
        }
    }

    /// The search index over the archive: the bundle's prebuilt one once it has arrived (see
    /// [`check_published`]), else one built here the first time it is asked for (a few
    /// milliseconds for hundreds of articles).
    pub fn search_index(&self) -> &SearchIndex {
        self.index.get_or_init(|| SearchIndex::build(self.archive.articles(), &self.analyzer))
    }
}

/// The archive the views read: whole in memory, or sharded and fetched piece by piece.
#[derive(Debug, Clone)]
pub enum Shelf {
    /// A single-file bundle.
    Single(Arc<LoadedArchive>),
    /// A sharded bundle (see [`crate::shards`]).
    Sharded(Arc<crate::shards::ShardStore>),
}

impl Shelf {
    /// The sections and archive metadata (the whole archive for a single file; an article-less
    /// one for a sharded bundle), for section titles, labels and the archive's name.
    pub fn sections(&self) -> &Archive {
        match self {
            Self::Single(l) => &l.archive,
            Self::Sharded(s) => &s.sections,
        }
    }

    /// The archive's sources (`source:` values) with their article counts, most articles first.
    pub fn sources(&self) -> Vec<(String, u32)> {
        self.value_counts(|a| a.source.as_deref(), |v| &v.source)
    }

    /// The archive's article languages (tags) with their article counts, most articles first.
    pub fn languages(&self) -> Vec<(String, u32)> {
        self.value_counts(|a| Some(a.lang.as_str()), |v| &v.lang)
    }

    /// The values of one field with their article counts, most articles first (then by value):
    /// counted over a single file's articles (`of` each), or as a sharded bundle's manifest
    /// lists them (`listed`).
    fn value_counts(
        &self,
        of: impl Fn(&archive_core::Article) -> Option<&str>,
        listed: impl Fn(&archive_core::shard::Values) -> &Vec<(String, u32)>,
    ) -> Vec<(String, u32)> {
        let mut values: Vec<(String, u32)> = match self {
            Self::Single(l) => {
                let mut counts: HashMap<&str, u32> = HashMap::new();
                for value in l.archive.articles().iter().filter_map(&of) {
                    *counts.entry(value).or_default() += 1;
                }
                counts.into_iter().map(|(s, n)| (s.to_owned(), n)).collect()
            }
            Self::Sharded(s) => listed(&s.archive().manifest().values).clone(),
        };
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        values
    }

    /// The first and last years with dated articles; `None` when none is dated.
    pub fn years(&self) -> Option<(u16, u16)> {
        let years: Vec<u16> = match self {
            Self::Single(l) => l.archive.months().iter().map(|(p, _)| p.year).collect(),
            Self::Sharded(s) => s.archive().manifest().months.iter().map(|m| m.0).collect(),
        };
        Some((*years.iter().min()?, *years.iter().max()?))
    }

    /// The text analysis the archive's search uses.
    pub fn analyzer(&self) -> &Analyzer {
        match self {
            Self::Single(l) => &l.analyzer,
            Self::Sharded(s) => &s.analyzer,
        }
    }
}

/// Why the archive could not be loaded at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The request did not complete (offline, blocked, CORS); holds the browser's message.
    Network {
        /// The bundle address.
        url: String,
        /// What the browser said.
        message: String,
        /// The bundle's origin when it is not the page's: the page's Content-Security-Policy
        /// (`connect-src 'self'`) and the other site's CORS rules may be what refused it.
        other_site: Option<String>,
    },
    /// The address is no web address (`?bundle=javascript:…`, `data:…`, `ftp:…`): there is
    /// nothing the app could fetch.
    NotWeb {
        /// The bundle address.
        url: String,
    },
    /// The server answered with an error status.
    Http {
        /// The bundle address.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// The status text the server sent (may be empty under HTTP/2).
        status_text: String,
    },
    /// The file arrived but is not a usable bundle.
    Bundle {
        /// The bundle address.
        url: String,
        /// What the loader found wrong.
        error: BundleError,
    },
    /// The file is a sharded bundle's manifest, but not a usable one.
    Manifest {
        /// The manifest address.
        url: String,
        /// What was wrong.
        error: ShardError,
    },
}

impl LoadError {
    /// What failed, in the interface language of `ui`. What the loader found wrong in a bundle
    /// or a manifest ([`LoadError::Bundle`], [`LoadError::Manifest`]) is in English, as
    /// `archive-bundle check` says it (see [`LoadError::detail_is_english`]).
    pub fn describe(&self, ui: &crate::i18n::Ui) -> String {
        match self {
            Self::Network { url, message, other_site } => {
                let mut text = (ui.fetch_failed)(url, message);
                if let Some(origin) = other_site {
                    text.push_str(&(ui.on_other_site)(origin));
                }
                text
            }
            Self::NotWeb { url } if url.starts_with("file:") => (ui.local_file)(url),
            Self::NotWeb { url } => (ui.not_web)(url),
            Self::Http { url, status, status_text } => (ui.http_status)(url, *status, status_text),
            Self::Bundle { url, error } => format!("{url}: {error}"),
            Self::Manifest { url, error } => format!("{url}: {error}"),
        }
    }

    /// Whether [`LoadError::describe`] is in English whatever the interface language: the
    /// loader's own findings, which name fields and values as the bundle format does.
    pub fn detail_is_english(&self) -> bool {
        matches!(self, Self::Bundle { .. } | Self::Manifest { .. })
    }
}

impl std::fmt::Display for LoadError {
    /// [`LoadError::describe`] in English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(crate::i18n::ui("en")))
    }
}

/// The bundle address for this page: `?bundle=` when given, else [`DEFAULT_BUNDLE`], resolved
/// against the page's address (so it keeps any subpath). In a script embed, the address the
/// partner's options name (see [`crate::embed`]).
pub fn bundle_url() -> String {
    if let Some(url) = crate::embed::bundle_override() {
        return url; // a script embed: the partner's data-bundle, resolved by embed.js
    }
    let Some(window) = web_sys::window() else { return DEFAULT_BUNDLE.into() };
    let href = window.location().href().unwrap_or_default();
    let named = bundle_param().unwrap_or_else(|| DEFAULT_BUNDLE.into());
    web_sys::Url::new_with_base(&named, &href).map(|u| u.href()).unwrap_or(named)
}

/// An address in an article (its `url`, an image's `src`, a document's `href`) as the page must
/// use it: when [`archive_core::safe_link`] lets it through, a relative one resolved against the
/// bundle's own address, as docs/bundle-format.md says, not against the page's (a bundle opened
/// with `?bundle=../data/a.json`, or in a partner's page by the script embed, has its pictures
/// beside it); `None` for an address the reader must neither load nor link.
pub fn article_address(address: &str) -> Option<String> {
    let safe = archive_core::safe_link(address)?;
    let base = bundle_url();
    Some(web_sys::Url::new_with_base(safe, &base).map_or_else(|_| safe.to_owned(), |u| u.href()))
}

/// The page's `?bundle=` as written (not resolved), when it names one.
pub fn bundle_param() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new(&href).ok()?.search_params().get("bundle").filter(|b| !b.trim().is_empty())
}

fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// How long a download may go without a byte arriving before it is given up as stalled (a
/// server that stopped answering, a connection dropped without being closed): the request is
/// aborted, and the view that needed the file says which one and offers to try again, instead
/// of loading for ever.
pub(crate) const STALLED: std::time::Duration = std::time::Duration::from_secs(20);

/// Resolves after `wait` (a timeout; at once where there is no window).
pub(crate) async fn sleep(wait: std::time::Duration) {
    let ms = i32::try_from(wait.as_millis()).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _| match web_sys::window() {
        Some(window) => {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
        None => {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Why a download was given up: nothing came for [`STALLED`].
fn stalled_message() -> String {
    format!(
        "nothing arrived for {} s: the server or the connection may have stalled",
        STALLED.as_secs()
    )
}

/// What `promise` settles to, or `None` when it has not settled within [`STALLED`].
async fn unless_stalled(promise: js_sys::Promise) -> Option<Result<JsValue, JsValue>> {
    let timer = Box::pin(sleep(STALLED));
    match futures::future::select(JsFuture::from(promise), timer).await {
        futures::future::Either::Left((settled, _)) => Some(settled),
        futures::future::Either::Right(_) => None,
    }
}

/// Fetches the bytes at `url`, read as they arrive: `arrived` is told how many have come so
/// far after each piece (for a progress bar that moves within a file).
///
/// # Errors
/// The browser's message when the request fails; `HTTP <status>` for a non-2xx answer; a
/// stall when no answer or no byte came for [`STALLED`] (the request is then aborted).
pub(crate) async fn fetch_bytes(url: &str, arrived: impl FnMut(u64)) -> Result<Vec<u8>, String> {
    fetch_bytes_with(url, None, arrived).await
}

/// [`fetch_bytes`] with the request's `cache` mode (`NoCache`: revalidated with the server).
///
/// # Errors
/// As [`fetch_bytes`].
pub(crate) async fn fetch_bytes_with(
    url: &str,
    cache: Option<web_sys::RequestCache>,
    mut arrived: impl FnMut(u64),
) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let controller = web_sys::AbortController::new().map_err(|e| js_message(&e))?;
    let stalled = || {
        controller.abort();
        stalled_message()
    };
    let init = RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    if let Some(cache) = cache {
        init.set_cache(cache);
    }
    let response: Response = unless_stalled(window.fetch_with_str_and_init(url, &init))
        .await
        .ok_or_else(stalled)?
        .map_err(|e| js_message(&e))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("HTTP {} {}", response.status(), response.status_text()));
    }
    read_body(&response, &stalled, &mut arrived).await
}

/// Reads `response`'s body piece by piece as it arrives: `arrived` is told how many bytes have
/// come so far after each piece.
///
/// # Errors
/// The browser's message when reading fails; what `stalled` says (having aborted the request,
/// if it can) when no piece came for [`STALLED`].
///
/// Not generic (its three callers share one copy in the wasm).
async fn read_body(
    response: &Response,
    stalled: &dyn Fn() -> String,
    arrived: &mut dyn FnMut(u64),
) -> Result<Vec<u8>, String> {
    let Some(body) = response.body() else { return Ok(Vec::new()) };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let Some(piece) = unless_stalled(reader.read()).await else { return Err(stalled()) };
        let piece = piece.map_err(|e| js_message(&e))?;
        if js_sys::Reflect::get(&piece, &"done".into()).is_ok_and(|done| done.is_truthy()) {
            return Ok(bytes);
        }
        let value = js_sys::Reflect::get(&piece, &"value".into()).map_err(|e| js_message(&e))?;
        let value: js_sys::Uint8Array = value.unchecked_into();
        let at = bytes.len();
        bytes.resize(at + value.length() as usize, 0);
        value.copy_to(&mut bytes[at..]);
        arrived(bytes.len() as u64);
    }
}

/// The size of `response`'s body as it will be read, in bytes, when the server says it: its
/// `Content-Length`, unless a `Content-Encoding` (gzip, br) makes that the compressed size.
/// A server on another site may not let the page see its `Content-Encoding`; the bytes read
/// may then pass the length given, and the caller must not trust it beyond that.
fn body_size(response: &Response) -> Option<u64> {
    let headers = response.headers();
    let encoded = headers.get("content-encoding").ok().flatten().is_some_and(|e| e != "identity");
    let length = headers.get("content-length").ok().flatten()?.trim().parse().ok()?;
    (!encoded && length > 0).then_some(length)
}

/// Checks the bundle against what it says it was published as, and fetches its prebuilt search
/// index, at once:
/// - the content hash of the sections and articles as loaded is compared with the bundle's
///   `content_hash`: when they differ, the bundle was edited or damaged after `archive-bundle
///   index` published it, and [`LoadedArchive::altered`] says so to the reader (as `archive-bundle
///   check` does to the archivist);
/// - the index is used when it was built from this very content (its hash is the hash of the
///   articles as loaded, same article count) and no article was skipped (the index numbers
///   articles as the bundle lists them). Otherwise, or on any failure, the console says why (a
///   warning) and the app builds its own index on the first search.
pub async fn check_published(loaded: Arc<LoadedArchive>) {
    let meta = &loaded.archive.bundle().archive;
    if meta.content_hash.is_none() && meta.search_index.is_none() {
        return;
    }
    let index_url = meta.search_index.as_ref().map(|reference| {
        web_sys::Url::new_with_base(&reference.href, &loaded.source)
            .map(|u| u.href())
            .unwrap_or_else(|_| reference.href.clone())
    });
    // The index files of earlier publications, kept offline, are dropped.
    crate::offline::prune_earlier(index_url.iter().cloned().collect());
    let skipped = loaded.problems.iter().any(|p| p.severity == archive_core::Severity::Error);
    if skipped && index_url.is_some() {
        leptos::logging::warn!(
            "search index not used: articles were skipped, so its numbering is off"
        );
    }
    let index_url = index_url.filter(|_| !skipped);
    let fetch_index = async {
        match &index_url {
            Some(url) => Some(fetch_bytes(url, |_| ()).await),
            None => None,
        }
    };
    let (actual, fetched) =
        futures::future::join(content_hash(loaded.archive.bundle()), fetch_index).await;
    if let (Some(stated), Some(actual)) = (&meta.content_hash, &actual) {
        if stated != actual {
            leptos::logging::warn!(
                "content_hash {stated} is not the hash of the articles loaded ({actual}): the \
                 bundle was edited or damaged after it was indexed"
            );
            leptos::prelude::Set::set(&loaded.altered, Some((stated.clone(), actual.clone())));
        }
    }
    let (Some(url), Some(fetched)) = (index_url, fetched) else { return };
    let bytes = match fetched {
        Ok(bytes) => bytes,
        Err(e) => {
            leptos::logging::warn!("search index {url} not loaded ({e}); building one instead");
            return;
        }
    };
    match SearchIndex::from_bytes(&bytes) {
        Ok((index, hash)) if index.article_count() == loaded.archive.articles().len() => {
            // The bundle's own `content_hash` is not enough: a bundle edited by hand after it
            // was indexed keeps it, and its old index would find the wrong articles.
            let fits = match &actual {
                Some(actual) => *actual == hash,
                None => Some(&hash) == meta.content_hash.as_ref(),
            };
            if fits {
                // A search that came first may have built one already; either is right.
                let _ = loaded.index.set(index);
            } else {
                leptos::logging::warn!(
                    "search index {url} was built for other content ({hash}): the bundle was \
                     edited after it was indexed; building one instead"
                );
            }
        }
        Ok(_) => leptos::logging::warn!("search index {url} is for another version of the bundle"),
        Err(e) => leptos::logging::warn!("search index {url}: {e}"),
    }
}

/// The content hash of `bundle`'s sections and articles, as `archive_core::hash::content_hash`
/// defines it (`sha256:` + hex of the SHA-256 of their compact JSON, [`content_json`]),
/// computed by the browser (`crypto.subtle.digest`), so the app carries no hash code. `None`
/// where the browser offers no digest (a page outside a secure context, such as plain `http://`
/// on another host).
pub async fn content_hash(bundle: &archive_core::Bundle) -> Option<String> {
    sha256(&content_json(bundle).await?).await
}

/// The SHA-256 of `bytes` as `sha256:<hex>` ([`archive_core::hash::written`]), computed by the
/// browser (`crypto.subtle.digest`); `None` where it offers none (outside a secure context).
/// The digest starts at the call (the browser takes its copy of the bytes then): the caller may
/// go on with its work, or drop the bytes, before awaiting it.
pub(crate) fn sha256(bytes: &[u8]) -> impl std::future::Future<Output = Option<String>> {
    let digest = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.subtle().digest_with_str_and_u8_array("SHA-256", bytes).ok());
    async move {
        let digest = JsFuture::from(digest?).await.ok()?;
        Some(archive_core::hash::written(&js_sys::Uint8Array::new(&digest).to_vec()))
    }
}

/// The compact JSON of `bundle`'s `[sections, articles]`, byte for byte as serde_json writes
/// the pair (what the content hash is taken of), written an article at a time and yielding to
/// the browser every [`HASH_BATCH`] articles: a bundle of thousands of articles would otherwise
/// hold the main thread for a long task. `None` only if serialising fails (it cannot for these
/// types).
pub async fn content_json(bundle: &archive_core::Bundle) -> Option<Vec<u8>> {
    let mut json = vec![b'['];
    serde_json::to_writer(&mut json, &bundle.sections).ok()?;
    json.extend_from_slice(b",[");
    for (i, article) in bundle.articles.iter().enumerate() {
        if i > 0 {
            json.push(b',');
            if i % HASH_BATCH == 0 {
                crate::shards::next_task().await;
            }
        }
        serde_json::to_writer(&mut json, article).ok()?;
    }
    json.extend_from_slice(b"]]");
    Some(json)
}

/// Articles written between two yields while [`content_json`] writes a bundle's JSON.
const HASH_BATCH: usize = 500;

/// The origin of `url` (`https://other.example`) when it is not this page's and the page is
/// the app's own (whose CSP is ours), else `None`.
fn other_origin(url: &str) -> Option<String> {
    if crate::embed::mode() == crate::embed::Mode::Script {
        return None;
    }
    let page = web_sys::window()?.location().origin().ok()?;
    let origin = web_sys::Url::new(url).ok()?.origin();
    // `javascript:` and `data:` addresses have the opaque origin "null": not another site.
    (origin != page && origin != "null").then_some(origin)
}

/// How much of the archive's file has arrived, for the progress bar shown while it loads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// Bytes read so far (as served, after any compression is undone).
    pub bytes: u64,
    /// The file's whole size in bytes, when the server says it: its `Content-Length`, unless
    /// the file is sent compressed.
    pub of: Option<u64>,
}

/// Fetches and reads the bundle at `url`: a single-file bundle, or a sharded bundle's manifest
/// (whose `format` says so within its first kilobyte, where `archive-bundle shard` writes it).
/// `arrived` is told how much of the file has come after each piece of it.
///
/// # Errors
/// [`LoadError`] when the request fails, the status is not 2xx, or the text is not a usable
/// bundle or manifest.
pub async fn load(url: String, mut arrived: impl FnMut(Fetched)) -> Result<Shelf, LoadError> {
    let scheme = web_sys::Url::new(&url).map(|u| u.protocol()).unwrap_or_default();
    if !matches!(scheme.as_str(), "http:" | "https:") {
        return Err(LoadError::NotWeb { url });
    }
    let other_site = other_origin(&url);
    let network = |e: JsValue| LoadError::Network {
        url: url.clone(),
        message: js_message(&e),
        other_site: other_site.clone(),
    };
    let window = web_sys::window().ok_or_else(|| network(JsValue::from_str("no window")))?;
    let init = RequestInit::new();
    // Revalidate with the server so a republished archive is seen on the next visit.
    init.set_cache(web_sys::RequestCache::NoCache);
    let request = Request::new_with_str_and_init(&url, &init).map_err(network)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(network)?
        .unchecked_into();
    if !response.ok() {
        return Err(LoadError::Http {
            url: url.clone(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    // Bytes, not `response.text()`: the browser would silently replace invalid UTF-8 with
    // U+FFFD, and `archive-bundle check` refuses such a file; the reader must be told too.
    // Read as they arrive, for the page's progress bar (a single-file archive of 20 MB takes a
    // while on a slow line).
    let size = body_size(&response);
    let bytes = read_body(&response, &stalled_message, &mut |got| {
        arrived(Fetched { bytes: got, of: size.filter(|&size| size >= got) });
    })
    .await
    .map_err(|message| network(JsValue::from_str(&message)))?;
    // Noted so that a new publication under the open page is recognised (see `republish`);
    // the digest runs while the bytes are read.
    crate::republish::remember(&url, &bytes);
    let shelf = read(url, bytes)?;
    if let Shelf::Sharded(_) = shelf {
        // The first view renders in a task of its own: a million-article manifest (101 KB)
        // takes a good part of a frame to read, and the render another.
        crate::shards::next_task().await;
    }
    Ok(shelf)
}

/// Reads fetched bundle bytes: a sharded bundle's manifest ([`read_manifest`]) or a single-file
/// bundle ([`read_bundle`]).
///
/// Not inlined, and neither are the two readers. Inlined into [`load`]'s future (by wasm-opt,
/// before `index.html` capped its one-caller inlining), they were part of one 55 KB wasm
/// function, which the browser compiled whole, on the main thread, when the page first polled
/// the future: about 12 ms of a cold start. Apart, only the reader used is compiled.
///
/// # Errors
/// [`LoadError::Bundle`] for bytes that are not UTF-8 or not a bundle,
/// [`LoadError::Manifest`] for a manifest that cannot be read.
#[inline(never)]
fn read(url: String, bytes: Vec<u8>) -> Result<Shelf, LoadError> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid.len() - valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
        let byte = e.as_bytes().get(valid.len()).copied().unwrap_or(0);
        let message = format!("not UTF-8 text: invalid byte 0x{byte:02X}");
        LoadError::Bundle {
            url: url.clone(),
            error: BundleError::NotJson { line, column, message },
        }
    })?;
    let head = &text.as_bytes()[..text.len().min(1024)];
    if String::from_utf8_lossy(head).contains(MANIFEST_FORMAT) {
        read_manifest(url, &text)
    } else {
        read_bundle(url, &text)
    }
}

/// Reads a sharded bundle's manifest (see [`read`]).
#[inline(never)]
fn read_manifest(url: String, text: &str) -> Result<Shelf, LoadError> {
    let archive = ShardedArchive::from_manifest(text)
        .map_err(|error| LoadError::Manifest { url: url.clone(), error })?;
    Ok(Shelf::Sharded(Arc::new(crate::shards::ShardStore::new(archive, url))))
}

/// Reads a single-file bundle and starts checking it and fetching its prebuilt search index
/// ([`check_published`]; see [`read`]).
#[inline(never)]
fn read_bundle(url: String, text: &str) -> Result<Shelf, LoadError> {
    let loaded =
        load_bundle(text).map_err(|error| LoadError::Bundle { url: url.clone(), error })?;
    let loaded = Arc::new(LoadedArchive::new(Archive::new(loaded.bundle), loaded.problems, url));
    wasm_bindgen_futures::spawn_local(check_published(loaded.clone()));
    Ok(Shelf::Single(loaded))
}

#[cfg(test)]
mod tests {
    // These run as wasm (the app's target) under wasm-bindgen-test, in Node, whose `Response`
    // is the browser's.
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// A response with `headers` (name, value) and a body of ten bytes.
    fn response(headers: &[(&str, &str)]) -> Response {
        let init = web_sys::ResponseInit::new();
        let map = web_sys::Headers::new().expect("headers");
        for (name, value) in headers {
            map.set(name, value).expect("a header");
        }
        init.set_headers(&map);
        Response::new_with_opt_str_and_init(Some("0123456789"), &init).expect("a response")
    }

    #[test]
    fn a_body_size_is_known_only_when_the_length_is_of_the_bytes_read() {
        assert_eq!(body_size(&response(&[("Content-Length", "10")])), Some(10));
        assert_eq!(
            body_size(&response(&[("Content-Length", "10"), ("Content-Encoding", "identity")])),
            Some(10)
        );
        // Compressed: the length is of what travelled, not of what the page reads.
        assert_eq!(
            body_size(&response(&[("Content-Length", "4"), ("Content-Encoding", "gzip")])),
            None
        );
        assert_eq!(body_size(&response(&[])), None);
        assert_eq!(body_size(&response(&[("Content-Length", "ten")])), None);
        assert_eq!(body_size(&response(&[("Content-Length", "0")])), None);
    }

    #[test]
    async fn a_body_is_read_whole_and_each_piece_counted() {
        let mut seen = Vec::new();
        let bytes = read_body(&response(&[]), &stalled_message, &mut |got| seen.push(got))
            .await
            .expect("read");
        assert_eq!(bytes, b"0123456789");
        assert_eq!(seen.last(), Some(&10));
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    }
}
