//! A wasm binding of archive-core's search for the side-by-side benchmark (`bench/run.mjs`,
//! `scripts/bench-search.sh`) and nothing else: the app does not use it.
//!
//! JS loads articles once ([`Bench::new`]), builds the index timed on its side
//! ([`Bench::build`], which returns the index's heap), then runs queries ([`Bench::search`],
//! [`Bench::search_all`]). [`Bench::index_bytes`] and [`Bench::load_index`] measure the
//! index as the CLI ships it. Queries are parsed with `ParsedQuery::parse` and searched with no
//! filters, by relevance, exactly as the app does.

mod alloc;

use archive_core::search::{Analyzer, Filters, ParsedQuery, SearchIndex, Sort};
use archive_core::{load_bundle, Archive, Article, Bundle};
use wasm_bindgen::prelude::*;

#[global_allocator]
static GLOBAL: alloc::Counting = alloc::Counting;

/// Articles, the analyser and (after [`Bench::build`]) the index.
#[wasm_bindgen]
pub struct Bench {
    archive: Archive,
    analyzer: Analyzer,
    index: Option<SearchIndex>,
    /// Heap held by the index (bytes) and live allocations it added, from the last build.
    index_heap: (usize, usize),
    /// Most heap live during the last build beyond what was live before it.
    build_peak: usize,
}

fn bundle_of(articles: Vec<Article>) -> Result<Bundle, JsError> {
    let mut bundle: Bundle = serde_json::from_value(serde_json::json!({
        "format": archive_core::FORMAT, "version": archive_core::VERSION,
        "archive": {"id": "bench", "title": {"en": "Benchmark"}, "languages": ["en", "ru"],
                    "default_language": "en"},
    }))
    .map_err(|e| JsError::new(&e.to_string()))?;
    bundle.articles = articles;
    Ok(bundle)
}

#[wasm_bindgen]
impl Bench {
    /// Reads a JSON array of articles in the bundle model (`id`, `lang`, `title`, `date`,
    /// `body` blocks, …) or a whole bundle JSON text (then through the app's own loader).
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Result<Bench, JsError> {
        let bundle = if json.trim_start().starts_with('[') {
            let articles: Vec<Article> =
                serde_json::from_str(json).map_err(|e| JsError::new(&e.to_string()))?;
            bundle_of(articles)?
        } else {
            load_bundle(json).map_err(|e| JsError::new(&e.to_string()))?.bundle
        };
        Ok(Bench {
            archive: Archive::new(bundle),
            analyzer: Analyzer::new(),
            index: None,
            index_heap: (0, 0),
            build_peak: 0,
        })
    }

    /// The number of articles.
    pub fn len(&self) -> usize {
        self.archive.articles().len()
    }

    /// Whether there are no articles.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Builds (or rebuilds) the index; returns the heap it holds in bytes.
    pub fn build(&mut self) -> f64 {
        self.index = None;
        let (before, count) = (alloc::live_bytes(), alloc::live_count());
        alloc::reset_peak();
        let index = SearchIndex::build(self.archive.articles(), &self.analyzer);
        self.index_heap =
            (alloc::live_bytes().saturating_sub(before), alloc::live_count().saturating_sub(count));
        self.build_peak = alloc::peak_bytes().saturating_sub(before);
        self.index = Some(index);
        self.index_heap.0 as f64
    }

    /// Heap held by the index from the last build, in bytes (dlmalloc footprint).
    pub fn index_heap_bytes(&self) -> f64 {
        self.index_heap.0 as f64
    }

    /// Allocations the index holds.
    pub fn index_allocations(&self) -> f64 {
        self.index_heap.1 as f64
    }

    /// The most heap the last build had live at once, beyond what was live before it.
    pub fn build_peak_bytes(&self) -> f64 {
        self.build_peak as f64
    }

    /// The index as bytes (ABIX, `SearchIndex::to_bytes`, as `archive-bundle index` writes it
    /// beside a bundle), with an empty content hash; empty before [`Bench::build`].
    pub fn index_bytes(&self) -> Vec<u8> {
        self.index.as_ref().map_or_else(Vec::new, |i| i.to_bytes(""))
    }

    /// Replaces the index with one decoded from `bytes` (what the app does with a prebuilt
    /// index); returns the heap it holds in bytes.
    pub fn load_index(&mut self, bytes: &[u8]) -> Result<f64, JsError> {
        self.index = None;
        let before = alloc::live_bytes();
        let (index, _hash) =
            SearchIndex::from_bytes(bytes).map_err(|e| JsError::new(&e.to_string()))?;
        let heap = alloc::live_bytes().saturating_sub(before);
        self.index = Some(index);
        Ok(heap as f64)
    }

    /// The number of distinct terms in the index.
    pub fn term_count(&self) -> usize {
        self.index.as_ref().map_or(0, SearchIndex::term_count)
    }

    /// Every hit of `query`, the first `top` in rank order (as the app asks for a page).
    fn hits(&self, query: &str, top: usize) -> Vec<archive_core::search::Hit> {
        let Some(index) = &self.index else { return Vec::new() };
        let parsed = ParsedQuery::parse(query);
        let (a, analyzer, none) = (&self.archive, &self.analyzer, &Filters::default());
        index.search_top(a, analyzer, &parsed, none, Sort::Relevance, top)
    }

    /// Runs `query`: the total number of hits, then the positions of the best `n`, in order.
    pub fn search(&self, query: &str, n: usize) -> Vec<u32> {
        let hits = self.hits(query, n);
        let mut out = Vec::with_capacity(n.min(hits.len()) + 1);
        out.push(u32::try_from(hits.len()).unwrap_or(u32::MAX));
        out.extend(hits.iter().take(n).map(|h| u32::try_from(h.pos).unwrap_or(u32::MAX)));
        out
    }

    /// Runs `query`: the positions of every hit, in rank order.
    pub fn search_all(&self, query: &str) -> Vec<u32> {
        self.hits(query, usize::MAX)
            .iter()
            .map(|h| u32::try_from(h.pos).unwrap_or(u32::MAX))
            .collect()
    }

    /// The id of the article at `pos`.
    pub fn id(&self, pos: u32) -> String {
        self.archive.articles().get(pos as usize).map(|a| a.id.clone()).unwrap_or_default()
    }
}

/// Bytes live on the wasm heap now (dlmalloc footprint).
#[wasm_bindgen]
pub fn heap_live_bytes() -> f64 {
    alloc::live_bytes() as f64
}
