//! Writing the sharded form of a bundle (see [`super`] for the layout): what
//! `archive-bundle shard` runs. Deterministic: the same bundle and sizes give the same files.

use std::collections::{BTreeMap, HashMap};

use sha2::{Digest, Sha256};

use super::files::{encode_docs, pack_date, Chunk, ChunkTerm, DocRow};
use super::{
    id_bucket, ArticleShard, Cards, Chunks, FileRef, FileSet, Manifest, Shards, Values,
    MANIFEST_FORMAT, MANIFEST_VERSION,
};
use crate::archive::{Archive, PAGE_SIZE};
use crate::search::{Analyzer, SearchIndex};

/// How big the files should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// Target bytes of an article shard (JSON); a shard is closed once it reaches this. The
    /// first shard holds just the first page of all news ([`PAGE_SIZE`] articles), so the first
    /// list needs as little as possible.
    pub shard_bytes: usize,
    /// Target bytes of an index chunk (estimated while writing: two bytes a posting); a chunk is
    /// closed after the term that reaches it, so a term with a long postings list makes its
    /// chunk that much bigger.
    pub chunk_bytes: usize,
    /// Ids per id bucket, on average.
    pub ids_per_bucket: usize,
    /// Cards per card file.
    pub cards_per_file: usize,
    /// The smallest document frequency at which a term found in a quarter of the articles is
    /// left out of the chunks as common ([`common_df`]).
    pub common_min: u64,
}

impl Default for Sizes {
    /// 128 KiB shards (about 35 KB gzipped), 24 KiB chunks (Pagefind's chunks are 22–27 kB),
    /// 1,024 ids per bucket, 4 cards per file (about 1.2 KB gzipped: a search result costs one
    /// small file, a page of a list five).
    fn default() -> Self {
        Self {
            shard_bytes: 128 * 1024,
            chunk_bytes: 24 * 1024,
            ids_per_bucket: 1024,
            cards_per_file: 4,
            common_min: 50_000,
        }
    }
}

/// A written sharded bundle: the manifest and every companion file, `(href, bytes)`.
#[derive(Debug, Clone, PartialEq)]
pub struct ShardSet {
    /// The manifest (write it as `manifest.json` beside the files).
    pub manifest: Manifest,
    /// The companion files, their hrefs relative to the manifest.
    pub files: Vec<(String, Vec<u8>)>,
}

/// The first 16 hex digits of the SHA-256 of `bytes`: the content part of a single file's name
/// (the doc table's).
pub fn short_hash(bytes: &[u8]) -> String {
    hex16(&Sha256::digest(bytes))
}

/// The content part of a numbered set's file names ([`FileSet`]): the first 16 hex digits of
/// the SHA-256 over each file's length (`u64`, little-endian) and bytes, in order, so that
/// moving a boundary between two files changes it. Fed one file at a time.
#[derive(Default)]
pub struct SetHash(Sha256);

impl SetHash {
    /// Adds the next file of the set.
    pub fn add(&mut self, bytes: &[u8]) {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    /// The 16 hex digits.
    pub fn finish(self) -> String {
        hex16(&self.0.finalize())
    }
}

fn hex16(digest: &[u8]) -> String {
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Names one file `{prefix}{hash}.{ext}` and adds it to `files`.
fn file(files: &mut Vec<(String, Vec<u8>)>, prefix: &str, ext: &str, bytes: Vec<u8>) -> FileRef {
    let href = format!("{prefix}{}.{ext}", short_hash(&bytes));
    let out = FileRef { href: href.clone(), bytes: bytes.len() as u64 };
    files.push((href, bytes));
    out
}

/// Names a set of files `{prefix}{n}-{hash}.{ext}`, one hash for the set (over each file's
/// length and bytes, so moving a boundary between two files changes it), and adds them to
/// `files`.
fn file_set(
    files: &mut Vec<(String, Vec<u8>)>,
    prefix: &str,
    ext: &str,
    contents: Vec<Vec<u8>>,
) -> FileSet {
    let mut hasher = SetHash::default();
    for c in &contents {
        hasher.add(c);
    }
    let hash = hasher.finish();
    let set = FileSet {
        href: format!("{prefix}{{n}}-{hash}.{ext}"),
        count: contents.len() as u32,
        bytes: contents.iter().map(|c| c.len() as u64).sum(),
    };
    for (n, c) in contents.into_iter().enumerate() {
        files.push((set.href(n), c));
    }
    set
}

/// The document frequency from which a term is left out of the index chunks as common: in at
/// least a quarter of the articles and in at least `min` (50,000 by default). Such a term (`на`,
/// `и`, `the` in a big archive) barely ranks (its IDF is under 1.4) and barely filters, yet its
/// postings would be the biggest chunk a query fetches: 1.09 MB for `на` at a million articles.
/// Small archives keep every term.
pub fn common_df(articles: u32, min: u64) -> u64 {
    (u64::from(articles) / 4).max(min).max(1)
}

/// Splits `archive` into the sharded form.
pub fn write(archive: &Archive, sizes: Sizes) -> ShardSet {
    let order = archive.all();
    let n = u32::try_from(order.len()).unwrap_or(u32::MAX);
    let mut files = Vec::new();

    // Article shards, in reading order.
    let mut firsts = Vec::new();
    let mut shard_files = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    let mut pending = Vec::new();
    let mut flush = |start: usize, pending: &mut Vec<crate::model::Article>| {
        let shard = ArticleShard { first: start as u32, articles: std::mem::take(pending) };
        firsts.push(shard.first);
        shard_files.push(serde_json::to_vec(&shard).unwrap_or_default());
    };
    for (doc, &pos) in order.iter().enumerate() {
        let article = archive.at(pos);
        bytes += serde_json::to_vec(article).map_or(0, |v| v.len() + 1);
        pending.push(article.clone());
        let first_page = start == 0 && pending.len() >= PAGE_SIZE;
        if bytes >= sizes.shard_bytes || first_page {
            flush(start, &mut pending);
            start = doc + 1;
            bytes = 0;
        }
    }
    if !pending.is_empty() {
        flush(start, &mut pending);
    }
    let shards = Shards { files: file_set(&mut files, "shards/", "json", shard_files), firsts };

    // Cards: fixed runs of docs, one hash for the set.
    let per_file = sizes.cards_per_file.max(1);
    let card_files: Vec<Vec<u8>> = order
        .chunks(per_file)
        .enumerate()
        .map(|(n, run)| {
            let file = ArticleShard {
                first: (n * per_file) as u32,
                articles: run.iter().map(|&p| super::card(archive.at(p))).collect(),
            };
            serde_json::to_vec(&file).unwrap_or_default()
        })
        .collect();
    let cards = Cards {
        files: file_set(&mut files, "cards/", "json", card_files),
        per_file: per_file as u32,
    };

    // Months, facet values and the doc table.
    let mut months: Vec<(u16, u8, u32)> = Vec::new();
    let mut section_ids: Vec<String> =
        archive.bundle().sections.iter().map(|s| s.id.clone()).collect();
    let mut extra: Vec<String> = order
        .iter()
        .filter_map(|&p| archive.at(p).section.clone())
        .filter(|s| archive.section(s).is_none())
        .collect();
    extra.sort_unstable();
    extra.dedup();
    section_ids.extend(extra);
    let counted = |key: fn(&crate::model::Article) -> Option<&str>| {
        let mut c: HashMap<&str, u32> = HashMap::new();
        for &p in order {
            if let Some(v) = key(archive.at(p)) {
                *c.entry(v).or_default() += 1;
            }
        }
        let mut v: Vec<(String, u32)> = c.into_iter().map(|(k, n)| (k.to_owned(), n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    };
    let lang = counted(|a| Some(a.lang.as_str()));
    let source = counted(|a| a.source.as_deref());
    let section_count = counted(|a| a.section.as_deref());
    let section_n: HashMap<&str, u32> =
        section_count.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    let section: Vec<(String, u32)> = section_ids
        .into_iter()
        .map(|id| {
            let n = section_n.get(id.as_str()).copied().unwrap_or(0);
            (id, n)
        })
        .collect();
    let number = |list: &[(String, u32)]| -> HashMap<String, u32> {
        list.iter().enumerate().map(|(i, (v, _))| (v.clone(), i as u32)).collect()
    };
    let (sec_no, lang_no, src_no) = (number(&section), number(&lang), number(&source));
    let mut rows = Vec::with_capacity(order.len());
    for &pos in order {
        let a = archive.at(pos);
        rows.push(DocRow {
            section: a.section.as_ref().and_then(|s| sec_no.get(s)).map_or(0, |i| i + 1),
            lang: lang_no.get(&a.lang).copied().unwrap_or(0),
            source: a.source.as_ref().and_then(|s| src_no.get(s)).map_or(0, |i| i + 1),
            date: pack_date(a.date),
        });
        if let Some(d) = a.date {
            match months.last_mut() {
                Some(m) if m.0 == d.year() && m.1 == d.month() => m.2 += 1,
                _ => months.push((d.year(), d.month(), 1)),
            }
        }
    }
    let docs = file(&mut files, "docs.", "bin", encode_docs(&rows));

    // Id buckets.
    let buckets = order.len().div_ceil(sizes.ids_per_bucket.max(1)).max(1);
    let mut maps: Vec<BTreeMap<&str, u32>> = vec![BTreeMap::new(); buckets];
    for (doc, &pos) in order.iter().enumerate() {
        let id = archive.at(pos).id.as_str();
        maps[id_bucket(id, buckets)].insert(id, doc as u32);
    }
    let buckets = maps.iter().map(|m| serde_json::to_vec(m).unwrap_or_default()).collect();
    let ids = file_set(&mut files, "ids/", "json", buckets);

    // The index: impacts per posting, postings renumbered to doc order, cut into chunks.
    let index = SearchIndex::build(archive.articles(), &Analyzer::new());
    let mut words: Vec<Vec<Box<str>>> = vec![Vec::new(); index.terms.len()];
    for (w, &t) in index.words.iter().zip(&index.word_terms) {
        words[t as usize].push(w.into());
    }
    let mut chunk_files = Vec::new();
    let mut chunk_firsts = Vec::new();
    let mut chunk = Chunk::default();
    let mut chunk_size = 0;
    let mut flush_chunk = |chunk: &mut Chunk| {
        let c = std::mem::take(chunk);
        chunk_firsts.push(c.terms[0].term.to_string());
        chunk_files.push(c.encode(n));
    };
    let common_at = common_df(n, sizes.common_min);
    let mut common = Vec::new();
    for (t, term) in index.terms.iter().enumerate() {
        let list = index.postings.list(t);
        let df = list.len();
        if df as u64 >= common_at {
            common.push((term.to_owned(), df as u32));
            continue;
        }
        let mut postings: Vec<(u32, u8)> = (list.docs.iter().zip(list.impacts))
            .map(|(&doc, &impact)| (archive.rank(doc as usize), impact))
            .collect();
        postings.sort_unstable_by_key(|p| p.0);
        chunk_size += term.len() + words[t].iter().map(|w| w.len() + 2).sum::<usize>();
        chunk_size += postings.len() * 2 + 4;
        chunk.terms.push(ChunkTerm {
            term: term.into(),
            words: std::mem::take(&mut words[t]),
            docs: postings.iter().map(|p| p.0).collect(),
            impacts: postings.iter().map(|p| p.1).collect(),
        });
        if chunk_size >= sizes.chunk_bytes {
            flush_chunk(&mut chunk);
            chunk_size = 0;
        }
    }
    if !chunk.terms.is_empty() {
        flush_chunk(&mut chunk);
    }
    let chunks = Chunks {
        files: file_set(&mut files, "index/", "bin", chunk_files),
        firsts: chunk_firsts,
        common,
    };

    let mut meta = archive.bundle().archive.clone();
    meta.search_index = None;
    if meta.content_hash.is_none() {
        meta.content_hash =
            Some(crate::hash::content_hash(&archive.bundle().sections, archive.articles()));
    }
    let manifest = Manifest {
        format: MANIFEST_FORMAT.into(),
        version: MANIFEST_VERSION,
        archive: meta,
        sections: archive.bundle().sections.clone(),
        articles: n,
        shards,
        cards,
        months,
        values: Values { section, lang, source },
        ids,
        docs,
        index: chunks,
    };
    ShardSet { manifest, files }
}
