//! The sharded form of a bundle, for archives too big to fetch whole: a small manifest plus
//! content-hashed files the reader fetches only when a view needs them.
//!
//! ```text
//! manifest.json              Manifest: archive metadata, sections, counts, the month table, and
//!                            where everything else is (the file a page is pointed at)
//! shards/<n>-<hash>.json     ArticleShard: a run of articles in reading order (newest first)
//! cards/<n>-<hash>.json      the list cards (title, date, section, source, excerpt) of 4
//!                            consecutive articles, for lists and search results
//! ids/<n>-<hash>.json        an id bucket: id → doc number, for the ids hashing to bucket n
//! docs.<hash>.bin            the doc table: section, language, source, date per doc (files.rs)
//! index/<n>-<hash>.bin       index chunk n: a sorted run of the term dictionary with impact
//!                            postings (files.rs); the manifest lists each chunk's first term
//! ```
//!
//! Each numbered set has one content hash ([`FileSet`]), so the manifest names no file one by
//! one and stays small however big the archive (Pagefind's metadata file grows with the page
//! count: 864 kB at 145,000 pages).
//!
//! Articles are numbered in reading order (newest date first, then latest time, then id;
//! undated last — [`crate::Archive::all`]), so a month is a contiguous run of doc numbers, a
//! page of all news is one or two card files, and a date filter is a range. Lists and search
//! results show cards, which come in small files so that twenty results scattered over the
//! years cost twenty small requests, not twenty article shards; an article page fetches the
//! article's shard. The layout follows
//! Pagefind's (a static index split so a query fetches only the chunks holding its terms), with
//! the article text sharded by date instead of per page. Written by `archive-bundle shard`
//! ([`mod@write`], feature `hash`); read by [`ShardedArchive`], which does no I/O: it says which
//! files a view needs, and is handed their bytes.

pub mod files;
mod search;
#[cfg(feature = "hash")]
pub mod write;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use self::files::{Chunk, ChunkTerm, DocRow, DocsDecoder};
pub use self::search::{FacetTally, ShardHits, ShardSearch, TYPING_CHUNKS};
use crate::archive::{Archive, Period};
use crate::model::{ArchiveMeta, Article, Bundle, Section, FORMAT};
use crate::search::IndexError;

/// The `format` of a manifest.
pub const MANIFEST_FORMAT: &str = "archive-browser-manifest";
/// The manifest version this crate reads and writes.
pub const MANIFEST_VERSION: u32 = 1;

/// The entry file of a sharded bundle (see the module docs). It stays small however big the
/// archive: each kind of file is a numbered set with one content hash ([`FileSet`]), so the
/// manifest holds no list of file names, only where each shard and chunk begins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`MANIFEST_FORMAT`].
    pub format: String,
    /// Always [`MANIFEST_VERSION`].
    pub version: u32,
    /// What the archive is (as in a single-file bundle; `search_index` unused).
    pub archive: ArchiveMeta,
    /// The sections, as in a single-file bundle.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// How many articles the archive holds (doc numbers are `0..articles`).
    pub articles: u32,
    /// The article shards, in doc order, covering `0..articles` without gaps.
    pub shards: Shards,
    /// The list cards, in files of a fixed number of articles.
    pub cards: Cards,
    /// Dated articles per month, newest month first, as `[year, month, count]`; the months are
    /// consecutive runs of doc numbers from 0 (see [`ShardedArchive::month_spans`]).
    #[serde(default)]
    pub months: Vec<(u16, u8, u32)>,
    /// The values the doc table numbers, with how many articles have each.
    pub values: Values,
    /// The id buckets: the id `i` is in bucket `id_bucket(i, ids.count)`.
    pub ids: FileSet,
    /// The doc table (format in [`files`]).
    pub docs: FileRef,
    /// The index chunks.
    pub index: Chunks,
}

/// A companion file: where it is (relative to the manifest) and how big.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRef {
    /// The file's address relative to the manifest; content-hashed, so cacheable forever.
    pub href: String,
    /// Its size in bytes (for progress).
    pub bytes: u64,
}

/// A numbered set of files: file `n` is at `href` with `{n}` replaced by `n`, e.g.
/// `shards/{n}-0123456789abcdef.json`. The 16 hex digits are the first of the SHA-256 of all the
/// set's files in order, so every name changes when any file does and each may be cached
/// forever; one hash for the set keeps the manifest small.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSet {
    /// The address template, relative to the manifest, with `{n}` for the file's number.
    pub href: String,
    /// How many files.
    pub count: u32,
    /// Their total size in bytes.
    pub bytes: u64,
}

impl FileSet {
    /// The address of file `n`, relative to the manifest.
    pub fn href(&self, n: usize) -> String {
        self.href.replace("{n}", &n.to_string())
    }

    /// The average size of one file, for progress.
    pub fn average(&self) -> u64 {
        self.bytes / u64::from(self.count.max(1))
    }
}

/// The article shards: shard `n` holds docs `firsts[n] .. firsts[n + 1]` (the last up to the
/// article count).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shards {
    /// The files.
    pub files: FileSet,
    /// The first doc number of each shard, ascending from 0.
    pub firsts: Vec<u32>,
}

/// The card files: file `n` holds the cards of docs `n × per_file ..` (`per_file` of them, fewer
/// in the last). A card is an article with only `id`, `lang`, `title`, `date`, `time`, `section`,
/// `source` and, as `lead`, the list excerpt ([`card`]); the file is an [`ArticleShard`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cards {
    /// The files.
    pub files: FileSet,
    /// Cards per file.
    pub per_file: u32,
}

/// The index chunks: chunk `n` holds every term from `firsts[n]` up to (not including)
/// `firsts[n + 1]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chunks {
    /// The files.
    pub files: FileSet,
    /// The smallest term of each chunk, ascending.
    pub firsts: Vec<String>,
    /// Terms too common to be worth their postings (in a quarter of the articles and at least
    /// 50,000: `write::common_df`), sorted, with their document frequencies: no chunk holds
    /// them, and a query matches them everywhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub common: Vec<(String, u32)>,
}

impl Chunks {
    /// Whether `term` is one of the common terms left out of the chunks.
    pub fn is_common(&self, term: &str) -> bool {
        self.common.binary_search_by(|(t, _)| t.as_str().cmp(term)).is_ok()
    }
}

/// The dated articles of one month: doc numbers `first..first + count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthSpan {
    /// The year.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
    /// The first (newest) doc number of the month.
    pub first: u32,
    /// How many articles are dated in it.
    pub count: u32,
}

/// The facet values the doc table refers to by number, each `[value, article count]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Values {
    /// Section ids articles are filed under (including ids the bundle does not define).
    pub section: Vec<(String, u32)>,
    /// Article languages.
    pub lang: Vec<(String, u32)>,
    /// Sources.
    pub source: Vec<(String, u32)>,
}

/// An article shard file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleShard {
    /// The doc number of its first article (checked against the manifest).
    pub first: u32,
    /// The articles, in doc order.
    pub articles: Vec<Article>,
}

/// The longest card excerpt, in characters (the app's lists show as much).
pub const EXCERPT_CHARS: usize = 280;

/// The card of `article` (see [`Cards`]): its id, language, title, date, time, section and
/// source, and as its lead the list excerpt — the lead, else the first body block, cut at a word
/// within [`EXCERPT_CHARS`] characters with "…".
pub fn card(article: &Article) -> Article {
    let text = match article.lead.as_deref().filter(|l| !l.trim().is_empty()) {
        Some(lead) => Some(lead.trim().to_owned()),
        None => article.body.first().map(|b| b.text().trim().to_owned()),
    };
    let excerpt = text.filter(|t| !t.is_empty()).map(|t| {
        if t.chars().count() <= EXCERPT_CHARS {
            return t;
        }
        let cut: String = t.chars().take(EXCERPT_CHARS).collect();
        let cut = cut.rfind(char::is_whitespace).map_or(cut.as_str(), |i| &cut[..i]).trim_end();
        format!("{cut}…")
    });
    Article {
        id: article.id.clone(),
        lang: article.lang.clone(),
        title: article.title.clone(),
        date: article.date,
        time: article.time,
        section: article.section.clone(),
        source: article.source.clone(),
        lead: excerpt,
        ..Article::default()
    }
}

/// The bucket of an id among `buckets`: FNV-1a (64-bit) of its UTF-8 bytes, modulo `buckets`
/// (Fowler, Noll & Vo; the same on every platform, unlike the standard library's hasher).
pub fn id_bucket(id: &str, buckets: usize) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % buckets.max(1) as u64) as usize
}

/// Why a manifest or one of its files cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    /// The manifest is not JSON or not a manifest's shape.
    #[error("not a usable manifest at line {line}, column {column}: {message}")]
    Manifest {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// The manifest parses but contradicts itself.
    #[error("manifest inconsistent: {0}")]
    Inconsistent(String),
    /// An article shard or id bucket is not the JSON it should be.
    #[error("{href}: {message}")]
    File {
        /// The file's address as the manifest gives it.
        href: String,
        /// What was wrong (with line and column for JSON faults).
        message: String,
    },
    /// A binary file (doc table, index chunk) is damaged.
    #[error("{href}: {error}")]
    Binary {
        /// The file's address as the manifest gives it.
        href: String,
        /// What was wrong.
        error: IndexError,
    },
}

/// A file of the sharded bundle that a view needs and the reader does not have yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Need {
    /// Article shard number `n` (an index into [`Manifest::shards`]).
    Shard(usize),
    /// Card file `n` (see [`Cards`]).
    Cards(usize),
    /// Id bucket `n`.
    Ids(usize),
    /// The doc table.
    Docs,
    /// Index chunk `n`.
    Chunk(usize),
}

/// A companion file read and checked against the manifest ([`ShardedArchive::decode`]).
#[derive(Debug)]
pub enum Decoded {
    /// An article shard's articles, or a card file's cards, in doc order.
    Articles(Vec<Article>),
    /// An id bucket: article id → doc number.
    Ids(HashMap<String, u32>),
    /// The doc table, one row per doc.
    Docs(Vec<DocRow>),
    /// An index chunk.
    Chunk(Chunk),
}

/// What an article lookup by id found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// The article's doc number.
    Doc(u32),
    /// The archive has no article with that id.
    Missing,
    /// The id's bucket must be loaded first.
    Needs(Need),
}

/// A sharded archive as far as it has been loaded. Pure: it names the files a view needs
/// ([`Need`]) and takes their bytes ([`ShardedArchive::insert`]); fetching is the caller's.
#[derive(Debug)]
pub struct ShardedArchive {
    manifest: Manifest,
    /// The sections (and metadata) as an article-less [`Archive`], for the section tree.
    skeleton: Archive,
    shards: Vec<Option<Vec<Article>>>,
    /// The loaded card files by number: sparse, since a million-article archive has 250,000
    /// card files and a reader loads a few dozen (a slot per file cost 8 ms to lay out).
    cards: HashMap<usize, Vec<Article>>,
    ids: Vec<Option<HashMap<String, u32>>>,
    docs: Option<Vec<DocRow>>,
    chunks: Vec<Option<Chunk>>,
}

impl ShardedArchive {
    /// Reads a manifest and checks that it is consistent (shards cover every doc in order,
    /// months lie within the archive, chunks are sorted, at least one id bucket).
    ///
    /// # Errors
    /// [`ShardError::Manifest`] for text that is not a manifest; [`ShardError::Inconsistent`]
    /// for one that contradicts itself.
    pub fn from_manifest(text: &str) -> Result<Self, ShardError> {
        let manifest: Manifest = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| {
                let message = e.to_string();
                let mut message = message.split(" at line ").next().unwrap_or(&message).to_owned();
                if e.classify() == serde_json::error::Category::Eof {
                    message = format!("{message}: {}", crate::load::CUT_SHORT);
                }
                ShardError::Manifest { line: e.line(), column: e.column(), message }
            })?;
        let bad = |m: String| Err(ShardError::Inconsistent(m));
        if manifest.format != MANIFEST_FORMAT {
            return bad(format!("`format` is {:?}, expected {MANIFEST_FORMAT:?}", manifest.format));
        }
        if manifest.version != MANIFEST_VERSION {
            return bad(format!(
                "version {} {} {MANIFEST_VERSION}",
                manifest.version,
                crate::search::store::UNSUPPORTED_VERSION
            ));
        }
        let n = manifest.articles;
        let sets = [
            ("shards", &manifest.shards.files),
            ("cards", &manifest.cards.files),
            ("ids", &manifest.ids),
            ("index", &manifest.index.files),
        ];
        for (name, set) in sets {
            if set.count > 0 && !set.href.contains("{n}") {
                return bad(format!("`{name}.href` has no {{n}} for the file number"));
            }
        }
        let firsts = &manifest.shards.firsts;
        if firsts.len() != manifest.shards.files.count as usize
            || (n > 0 && firsts.first() != Some(&0))
            || firsts.windows(2).any(|w| w[0] >= w[1])
            || firsts.last().is_some_and(|&f| f >= n)
        {
            return bad(format!(
                "the {} shards' first docs do not split 0..{n} in order",
                manifest.shards.files.count
            ));
        }
        let months: u64 = manifest.months.iter().map(|m| u64::from(m.2)).sum();
        if months > u64::from(n) {
            return bad(format!("the months hold {months} articles, more than the {n} there are"));
        }
        if let Some(m) = manifest.months.iter().find(|m| !(1..=12).contains(&m.1)) {
            return bad(format!("month {}-{:02} is not a month", m.0, m.1));
        }
        let c = &manifest.cards;
        let (files, per) = (u64::from(c.files.count), u64::from(c.per_file));
        if n > 0 && (per == 0 || files * per < u64::from(n) || (files - 1) * per >= u64::from(n)) {
            return bad(format!(
                "{} card files of {} do not cover {n} articles",
                c.files.count, c.per_file
            ));
        }
        if manifest.ids.count == 0 && n > 0 {
            return bad("no id buckets".into());
        }
        let chunks = &manifest.index;
        if chunks.firsts.len() != chunks.files.count as usize
            || chunks.firsts.windows(2).any(|w| w[0] >= w[1])
        {
            return bad("index chunks are not sorted by their first term, one per file".into());
        }
        if manifest.values.lang.is_empty() && manifest.articles > 0 {
            return bad("no article languages".into());
        }
        let skeleton = Archive::new(Bundle {
            format: FORMAT.into(),
            version: crate::model::VERSION,
            archive: manifest.archive.clone(),
            sections: manifest.sections.clone(),
            articles: Vec::new(),
        });
        Ok(Self {
            shards: vec![None; manifest.shards.files.count as usize],
            cards: HashMap::new(),
            ids: vec![None; manifest.ids.count as usize],
            chunks: vec![None; manifest.index.files.count as usize],
            docs: None,
            skeleton,
            manifest,
        })
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The sections and archive metadata, as an [`Archive`] without articles (for the section
    /// tree, titles and labels).
    pub fn sections(&self) -> &Archive {
        &self.skeleton
    }

    /// How many articles the archive holds.
    pub fn len(&self) -> usize {
        self.manifest.articles as usize
    }

    /// Whether the archive has no articles.
    pub fn is_empty(&self) -> bool {
        self.manifest.articles == 0
    }

    /// The address of a needed file, relative to the manifest, and its expected size (for
    /// progress: the average of its set, but the doc table's own).
    pub fn file(&self, need: Need) -> (String, u64) {
        let m = &self.manifest;
        let of = |set: &FileSet, n: usize| (set.href(n), set.average());
        match need {
            Need::Shard(n) => of(&m.shards.files, n),
            Need::Cards(n) => of(&m.cards.files, n),
            Need::Ids(n) => of(&m.ids, n),
            Need::Docs => (m.docs.href.clone(), m.docs.bytes),
            Need::Chunk(n) => of(&m.index.files, n),
        }
    }

    /// The doc numbers shard `n` holds.
    pub fn shard_docs(&self, n: usize) -> std::ops::Range<u32> {
        let firsts = &self.manifest.shards.firsts;
        let end = firsts.get(n + 1).copied().unwrap_or(self.manifest.articles);
        firsts.get(n).copied().unwrap_or(end)..end
    }

    /// Whether `need` has been inserted.
    pub fn has(&self, need: Need) -> bool {
        match need {
            Need::Shard(n) => self.shards.get(n).is_some_and(Option::is_some),
            Need::Cards(n) => self.cards.contains_key(&n),
            Need::Ids(n) => self.ids.get(n).is_some_and(Option::is_some),
            Need::Docs => self.docs.is_some(),
            Need::Chunk(n) => self.chunks.get(n).is_some_and(Option::is_some),
        }
    }

    /// Takes the bytes of a file the reader asked for.
    ///
    /// # Errors
    /// [`ShardError::File`] or [`ShardError::Binary`] when the bytes are not that file (wrong
    /// JSON, another shard's articles, a damaged table or chunk); nothing is kept then.
    pub fn insert(&mut self, need: Need, bytes: &[u8]) -> Result<(), ShardError> {
        match (need, self.decode(need, bytes)?) {
            (Need::Shard(n), Decoded::Articles(articles)) => self.shards[n] = Some(articles),
            (Need::Cards(n), Decoded::Articles(cards)) => _ = self.cards.insert(n, cards),
            (Need::Ids(n), Decoded::Ids(map)) => self.ids[n] = Some(map),
            (Need::Docs, Decoded::Docs(rows)) => self.docs = Some(rows),
            (Need::Chunk(n), Decoded::Chunk(chunk)) => self.chunks[n] = Some(chunk),
            // `decode` gives each kind of file its own kind of content.
            _ => {}
        }
        Ok(())
    }

    /// Reads the bytes of the file `need` names and checks them against the manifest, without
    /// keeping them ([`ShardedArchive::insert`] keeps them): what `archive-bundle check` runs
    /// on every file of a sharded bundle.
    ///
    /// # Errors
    /// As [`ShardedArchive::insert`].
    pub fn decode(&self, need: Need, bytes: &[u8]) -> Result<Decoded, ShardError> {
        let href = self.file(need).0;
        let json_err = |e: serde_json::Error| ShardError::File {
            href: href.clone(),
            message: match e.classify() {
                serde_json::error::Category::Eof => format!("{e}: {}", crate::load::CUT_SHORT),
                _ => format!("{e}"),
            },
        };
        // JSON files are read as text (one serde_json reader for every file, the manifest's
        // too, keeps the wasm smaller than text and byte readers side by side).
        let text = || {
            std::str::from_utf8(bytes).map_err(|e| ShardError::File {
                href: href.clone(),
                // No error length: the text ends inside a character, as a file cut short does.
                message: match e.error_len() {
                    None => format!(
                        "the text ends inside a character at byte {}: {}",
                        e.valid_up_to(),
                        crate::load::CUT_SHORT
                    ),
                    Some(_) => format!("not UTF-8 text: invalid byte at {}", e.valid_up_to()),
                },
            })
        };
        let binary = |error: IndexError| ShardError::Binary { href: href.clone(), error };
        Ok(match need {
            Need::Shard(n) => {
                let shard: ArticleShard = serde_json::from_str(text()?).map_err(json_err)?;
                let want = self.shard_docs(n);
                if shard.first != want.start || shard.articles.len() != want.len() {
                    return Err(ShardError::File {
                        href,
                        message: format!(
                            "holds docs {}..{}, the manifest says {}..{}",
                            shard.first,
                            shard.first as usize + shard.articles.len(),
                            want.start,
                            want.end
                        ),
                    });
                }
                Decoded::Articles(shard.articles)
            }
            Need::Cards(n) => {
                let file: ArticleShard = serde_json::from_str(text()?).map_err(json_err)?;
                let per = self.manifest.cards.per_file;
                let first = n as u32 * per;
                let count = per.min(self.manifest.articles.saturating_sub(first));
                if file.first != first || file.articles.len() != count as usize {
                    return Err(ShardError::File {
                        href,
                        message: format!(
                            "holds cards {}..{}, expected {first}..{}",
                            file.first,
                            file.first as usize + file.articles.len(),
                            first + count
                        ),
                    });
                }
                Decoded::Articles(file.articles)
            }
            Need::Ids(_) => {
                let map: HashMap<String, u32> = serde_json::from_str(text()?).map_err(json_err)?;
                if let Some((id, _)) = map.iter().find(|(_, &d)| d >= self.manifest.articles) {
                    return Err(ShardError::File {
                        href,
                        message: format!("id {id} points past the last article"),
                    });
                }
                Decoded::Ids(map)
            }
            Need::Docs => {
                let mut decoder = self.start_docs(bytes.to_vec())?;
                while !decoder.step(usize::MAX).map_err(binary)? {}
                Decoded::Docs(decoder.finish())
            }
            Need::Chunk(_) => {
                Decoded::Chunk(Chunk::decode(bytes, self.manifest.articles).map_err(binary)?)
            }
        })
    }

    /// Starts decoding the doc table's `bytes` a step at a time ([`DocsDecoder::step`]), for a
    /// caller that keeps the main thread free between steps; [`ShardedArchive::finish_docs`]
    /// then takes the result. ([`ShardedArchive::insert`] does both at once.)
    ///
    /// # Errors
    /// [`ShardError::Binary`] for a wrong header or an impossible row count;
    /// [`ShardError::File`] for a table of another archive size.
    pub fn start_docs(&self, bytes: Vec<u8>) -> Result<DocsDecoder, ShardError> {
        let href = self.manifest.docs.href.clone();
        let v = &self.manifest.values;
        let decoder = DocsDecoder::new(bytes, [v.section.len(), v.lang.len(), v.source.len()])
            .map_err(|error| ShardError::Binary { href: href.clone(), error })?;
        if decoder.len() != self.len() {
            return Err(ShardError::File {
                href,
                message: format!("{} rows for {} articles", decoder.len(), self.len()),
            });
        }
        Ok(decoder)
    }

    /// Keeps the doc table a [`DocsDecoder`] from [`ShardedArchive::start_docs`] has decoded.
    ///
    /// # Errors
    /// [`ShardError::Binary`] when the decoder has not finished (its last step said so, or
    /// failed).
    pub fn finish_docs(&mut self, mut decoder: DocsDecoder) -> Result<(), ShardError> {
        let href = self.manifest.docs.href.clone();
        if !decoder.step(0).map_err(|error| ShardError::Binary { href: href.clone(), error })? {
            return Err(ShardError::Binary {
                href,
                error: IndexError::Corrupt {
                    at: 0,
                    what: "the doc table was not decoded to its end",
                },
            });
        }
        self.docs = Some(decoder.finish());
        Ok(())
    }

    /// The shard holding doc `doc`.
    pub fn shard_of(&self, doc: u32) -> usize {
        self.manifest.shards.firsts.partition_point(|&f| f <= doc).saturating_sub(1)
    }

    /// The shards not loaded yet that hold any of `docs`, in order, without repeats.
    pub fn missing_shards(&self, docs: impl IntoIterator<Item = u32>) -> Vec<Need> {
        let mut out: Vec<Need> = docs
            .into_iter()
            .map(|d| self.shard_of(d))
            .filter(|&s| self.shards[s].is_none())
            .map(Need::Shard)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The article numbered `doc`, when its shard is loaded.
    pub fn article(&self, doc: u32) -> Option<&Article> {
        let s = self.shard_of(doc);
        let first = *self.manifest.shards.firsts.get(s)?;
        self.shards[s].as_ref()?.get(doc.checked_sub(first)? as usize)
    }

    /// The card of doc `doc` (the whole article when its shard is loaded), when loaded: enough
    /// for a list or a search result.
    pub fn card(&self, doc: u32) -> Option<&Article> {
        self.article(doc).or_else(|| {
            let per = self.manifest.cards.per_file.max(1);
            self.cards.get(&((doc / per) as usize))?.get((doc % per) as usize)
        })
    }

    /// The card files not loaded yet for `docs` whose articles are not loaded either.
    pub fn missing_cards(&self, docs: impl IntoIterator<Item = u32>) -> Vec<Need> {
        let per = self.manifest.cards.per_file.max(1);
        let mut out: Vec<Need> = docs
            .into_iter()
            .filter(|&d| self.card(d).is_none())
            .map(|d| Need::Cards((d / per) as usize))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The doc number of the article with `id`.
    pub fn lookup(&self, id: &str) -> Lookup {
        if self.manifest.ids.count == 0 {
            return Lookup::Missing;
        }
        let b = id_bucket(id, self.manifest.ids.count as usize);
        match &self.ids[b] {
            None => Lookup::Needs(Need::Ids(b)),
            Some(map) => map.get(id).map_or(Lookup::Missing, |&d| Lookup::Doc(d)),
        }
    }

    /// The doc table, once loaded.
    pub fn docs(&self) -> Option<&[DocRow]> {
        self.docs.as_deref()
    }

    /// Every (year, month) with articles and how many, newest first.
    pub fn months(&self) -> Vec<(Period, usize)> {
        self.manifest
            .months
            .iter()
            .map(|&(year, month, n)| (Period { year, month: Some(month) }, n as usize))
            .collect()
    }

    /// The months with their doc numbers: each month's articles follow the previous month's,
    /// from doc 0 (the dated articles come first, newest month first).
    pub fn month_spans(&self) -> impl Iterator<Item = MonthSpan> + '_ {
        self.manifest.months.iter().scan(0u32, |first, &(year, month, count)| {
            let span = MonthSpan { year, month, first: *first, count };
            *first = first.saturating_add(count);
            Some(span)
        })
    }

    /// The doc numbers dated within `period`: a contiguous range.
    pub fn period_range(&self, period: Period) -> std::ops::Range<u32> {
        let spans = self
            .month_spans()
            .filter(|m| m.year == period.year && period.month.is_none_or(|want| want == m.month));
        let (mut lo, mut hi) = (u32::MAX, 0);
        for m in spans {
            lo = lo.min(m.first);
            hi = hi.max(m.first + m.count);
        }
        if lo >= hi {
            0..0
        } else {
            lo..hi
        }
    }

    /// Section ids with their own article counts, as [`Archive::section_counts`] gives them.
    pub fn section_counts(&self) -> Vec<(&str, usize)> {
        self.manifest.values.section.iter().map(|(id, n)| (id.as_str(), *n as usize)).collect()
    }

    /// The doc numbers of the articles under section `id` or below it, newest first; `None`
    /// until the doc table is loaded.
    pub fn in_subtree(&self, id: &str) -> Option<Vec<u32>> {
        let docs = self.docs.as_ref()?;
        let ids = self.skeleton.subtree(id);
        let wanted: Vec<bool> =
            self.manifest.values.section.iter().map(|(s, _)| ids.contains(s)).collect();
        Some(
            docs.iter()
                .enumerate()
                .filter(|(_, r)| r.section > 0 && wanted[r.section as usize - 1])
                .map(|(d, _)| d as u32)
                .collect(),
        )
    }

    /// [`Self::neighbours_in_section`] without the doc table, from the article shards loaded
    /// (an article opened by a link has its own shard, which holds its nearest neighbours by
    /// date): each side is the nearest doc of the same section and language met before a doc
    /// whose shard is not loaded, and `None` when there is none, or none known yet.
    pub fn neighbours_loaded(&self, doc: u32) -> (Option<u32>, Option<u32>) {
        let Some(article) = self.article(doc) else { return (None, None) };
        // An article in no section has its neighbours in all news.
        let section = article.section.as_deref();
        // The first loaded doc of the same section and language, stopping at an unloaded one.
        let find = |docs: &mut dyn Iterator<Item = u32>| {
            for d in docs {
                let other = self.article(d)?;
                let filed = section.is_none() || other.section.as_deref() == section;
                if filed && other.lang == article.lang {
                    return Some(d);
                }
            }
            None
        };
        let len = u32::try_from(self.len()).unwrap_or(u32::MAX);
        (find(&mut (doc + 1..len)), find(&mut (0..doc).rev()))
    }

    /// The articles of the same language just before and after `doc` in its section, or in all
    /// news when it has none (`(older, newer)`), as doc numbers; `None` until the doc table is
    /// loaded.
    pub fn neighbours_in_section(&self, doc: u32) -> Option<(Option<u32>, Option<u32>)> {
        let docs = self.docs.as_ref()?;
        let row = docs.get(doc as usize)?;
        let (section, lang) = (row.section, row.lang);
        let same =
            |d: &usize| (section == 0 || docs[*d].section == section) && docs[*d].lang == lang;
        let older = (doc as usize + 1..docs.len()).find(same).map(|d| d as u32);
        let newer = (0..doc as usize).rev().find(same).map(|d| d as u32);
        Some((older, newer))
    }

    /// The loaded chunk `n`.
    pub(crate) fn chunk(&self, n: usize) -> Option<&Chunk> {
        self.chunks.get(n)?.as_ref()
    }

    /// The chunk that would hold `term`.
    pub(crate) fn chunk_of(&self, term: &str) -> Option<usize> {
        let i = self.manifest.index.firsts.partition_point(|f| **f <= *term);
        i.checked_sub(1)
    }
}
