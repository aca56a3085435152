//! `archive-bundle check FILE`: load a bundle the way the app does and list every problem,
//! then check what `archive-bundle index` published with it: that `content_hash` is the hash
//! of the sections and articles (an edit after publishing leaves it stale), and that the search
//! index it names is there, readable and built for this content.
//!
//! Output (stdout): one line per problem, as [`archive_core::Problem`] displays it —
//! `error: articles[3] (id "x"), field `title`: the title is empty` — then a summary line
//! `FILE: N articles usable, E errors, W warnings`. Values quoted from the bundle have their
//! control and bidirectional characters escaped (`\n`, `\u{1b}`), so every problem is one
//! line that says only what it says; output into a pipe closed early (`| head`) ends quietly.
//!
//! A sharded bundle's `manifest.json` is checked whole, as a static host serves it: every file
//! the manifest names is read from beside it, each is checked as the app would check it when a
//! view needs it ([`ShardedArchive::decode`]), each set's content hash is recomputed, and the
//! sets are checked against each other (the cards and the id buckets name the articles of the
//! shards). A file missing (a partial upload) or damaged is a line
//! `error: shards/3-….json: missing` and the summary counts them.

use std::path::Path;

use anyhow::{Context, Result};
use archive_core::search::SearchIndex;
use archive_core::shard::write::{short_hash, SetHash};
use archive_core::shard::{Decoded, FileSet, Need, ShardedArchive, MANIFEST_FORMAT};
use archive_core::{load_bundle, Loaded, Location, Problem, Severity};

use crate::import::read_text;
use crate::stdout::outln;

/// How a readable bundle fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No error-severity problem (warnings allowed).
    Valid,
    /// At least one article or section was left out.
    Invalid,
}

/// Checks the bundle at `path`, printing its problems and a summary to stdout.
///
/// # Errors
/// The file cannot be read (the chain holds the `std::io::Error`: exit code 2), is not UTF-8,
/// or cannot be used as a bundle at all (not JSON — with line and column —, another format or
/// version, unusable archive metadata): exit code 1.
pub fn run(path: &Path) -> Result<Verdict> {
    let text = read_text(path)?;
    // A sharded bundle's manifest says so within its first kilobyte, as the app reads it.
    let head = &text.as_bytes()[..text.len().min(1024)];
    if String::from_utf8_lossy(head).contains(MANIFEST_FORMAT) {
        return run_sharded(path, &text);
    }
    let loaded = load_bundle(&text)
        .with_context(|| format!("`{}` is not a usable bundle", path.display()))?;
    let mut problems = loaded.problems.clone();
    problems.extend(published_problems(path, &loaded));
    for problem in &problems {
        outln!("{problem}");
    }
    let count = |s: Severity| problems.iter().filter(|p| p.severity == s).count();
    let errors = count(Severity::Error);
    let warnings = count(Severity::Warning);
    outln!(
        "{}: {} article{} usable, {} error{}, {} warning{}",
        path.display(),
        loaded.bundle.articles.len(),
        if loaded.bundle.articles.len() == 1 { "" } else { "s" },
        errors,
        if errors == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" },
    );
    if let Some(note) = size_note(&text) {
        outln!("{note}");
    }
    Ok(if errors == 0 { Verdict::Valid } else { Verdict::Invalid })
}

/// The most a single-file bundle should weigh compressed, in bytes: every reader downloads all
/// of it before the first page shows, and 2 MB take about 10 s on a slow mobile link (1.6
/// Mbit/s, Lighthouse's "slow 4G").
pub const SINGLE_FILE_GZIP_MAX: usize = 2_000_000;

/// A note when the bundle `text` weighs more than [`SINGLE_FILE_GZIP_MAX`] compressed (as a
/// host serves it with gzip; one without sends it whole): `archive-bundle shard` serves the
/// first page from a few small files. Not a problem of the bundle, so not counted as one.
fn size_note(text: &str) -> Option<String> {
    use std::io::Write;
    if text.len() <= SINGLE_FILE_GZIP_MAX {
        return None;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes()).ok()?;
    let gzip = gz.finish().ok()?.len();
    let mb = |n: usize| format!("{}.{} MB", n / 1_000_000, n % 1_000_000 / 100_000);
    (gzip > SINGLE_FILE_GZIP_MAX).then(|| {
        format!(
            "note: the bundle is {} ({} gzip), which every reader downloads before the first \
             page shows (about {} s on a slow mobile link); `archive-bundle shard` serves the \
             first page from a few small files",
            mb(text.len()),
            mb(gzip),
            gzip * 8 / 1_600_000
        )
    })
}

/// What is wrong with the content hash and the search index of a bundle loaded from `path`:
/// warnings at `archive.content_hash` and `archive.search_index` (the app falls back to
/// building its own index, so nothing is lost, but a stale index would give wrong results).
/// When articles were left out, the hashes are not compared (the content then differs by
/// design), but an index file that cannot be read or used is still said, so that mending the
/// errors brings no new warning.
fn published_problems(path: &Path, loaded: &Loaded) -> Vec<Problem> {
    let mut out = Vec::new();
    let skipped = loaded.count(Severity::Error) > 0;
    let meta = &loaded.bundle.archive;
    let mut warn = |field: &str, message: String| {
        out.push(Problem {
            severity: Severity::Warning,
            location: Location::Archive { field: field.into() },
            message,
        });
    };
    let actual = archive_core::hash::content_hash(&loaded.bundle.sections, &loaded.bundle.articles);
    if let Some(stated) = meta.content_hash.as_ref().filter(|h| !skipped && **h != actual) {
        warn(
            "content_hash",
            format!(
                "{stated} is not the hash of the sections and articles ({actual}): the bundle \
                 was edited after it was indexed; run `archive-bundle index` again"
            ),
        );
    }
    let Some(reference) = &meta.search_index else { return out };
    if reference.href.contains("://") || reference.href.starts_with('/') {
        return out; // Not beside the bundle: only the app can fetch it.
    }
    let file = path.parent().unwrap_or(Path::new("")).join(&reference.href);
    let field = "search_index";
    match std::fs::read(&file) {
        Err(e) => warn(
            field,
            format!("{} cannot be read ({e}); the app will build its own index", file.display()),
        ),
        Ok(bytes) => match SearchIndex::from_bytes(&bytes) {
            Err(e) => warn(
                field,
                format!(
                    "{} is not a usable index ({e}); the app will build its own",
                    file.display()
                ),
            ),
            Ok(_) if skipped => {}
            Ok((index, hash)) => {
                if hash != actual {
                    warn(
                        field,
                        format!(
                            "{} was built for other content ({hash}, not {actual}); run \
                             `archive-bundle index` again",
                            file.display()
                        ),
                    );
                } else if index.article_count() != loaded.bundle.articles.len() {
                    warn(
                        field,
                        format!(
                            "{} numbers {} articles, the bundle has {}; run `archive-bundle \
                             index` again",
                            file.display(),
                            index.article_count(),
                            loaded.bundle.articles.len()
                        ),
                    );
                }
            }
        },
    }
    out
}

/// Checks the sharded bundle whose manifest (`text`) is at `path`: see the module docs. One
/// line per problem (`error: HREF: what`), then `PATH: sharded bundle of N articles in F files,
/// E errors`.
///
/// # Errors
/// The manifest is not a usable one (exit code 1).
fn run_sharded(path: &Path, text: &str) -> Result<Verdict> {
    let archive = ShardedArchive::from_manifest(text)
        .with_context(|| format!("`{}` is not a usable manifest", path.display()))?;
    let dir = path.parent().unwrap_or(Path::new(""));
    let m = archive.manifest();
    let mut errors = 0usize;
    let mut error = |href: &str, what: String| {
        errors += 1;
        // Names and ids come from the manifest and its files, which may be hostile.
        outln!("{}", archive_core::model::one_line(&format!("error: {href}: {what}")));
    };
    // Each numbered set, with the reader's name for its file `n`; shards first (the others
    // are checked against them).
    type Set<'a> = (&'a FileSet, fn(usize) -> Need);
    let sets: [Set<'_>; 4] = [
        (&m.shards.files, Need::Shard),
        (&m.cards.files, Need::Cards),
        (&m.ids, Need::Ids),
        (&m.index.files, Need::Chunk),
    ];
    // The id of each doc, from the shards; then what the cards and buckets say of it.
    let mut ids: Vec<Option<String>> = vec![None; m.articles as usize];
    let mut files = 1; // the manifest
    for (set, need) in sets {
        let mut hasher = SetHash::default();
        let mut whole = true;
        for n in 0..set.count as usize {
            files += 1;
            let href = set.href(n);
            let Some(bytes) = read_beside(dir, &href, &mut error) else {
                whole = false;
                continue;
            };
            hasher.add(&bytes);
            match archive.decode(need(n), &bytes) {
                Err(e) => {
                    whole = false;
                    error(&href, without_href(&e.to_string(), &href));
                }
                Ok(decoded) => {
                    cross_check(&archive, need(n), decoded, &mut ids, &href, &mut error);
                }
            }
        }
        let hash = hasher.finish();
        if whole && set.count > 0 && !set.href.contains(&format!("-{hash}.")) {
            error(
                &set.href,
                format!(
                    "the files' content hash is {hash}, not the one in their names: they are \
                     not the files the manifest was written with"
                ),
            );
        }
    }
    files += 1;
    if let Some(bytes) = read_beside(dir, &m.docs.href, &mut error) {
        let hash = short_hash(&bytes);
        if !m.docs.href.contains(&hash) {
            error(&m.docs.href, format!("its content hash is {hash}, not the one in its name"));
        }
        if let Err(e) = archive.decode(Need::Docs, &bytes) {
            error(&m.docs.href, without_href(&e.to_string(), &m.docs.href));
        }
    }
    outln!(
        "{}: sharded bundle of {} article{} in {files} files, {errors} error{}",
        path.display(),
        m.articles,
        if m.articles == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
    );
    Ok(if errors == 0 { Verdict::Valid } else { Verdict::Invalid })
}

/// The bytes of the file at `href` beside the manifest in `dir`; `None` (and an error said)
/// when it cannot be read.
fn read_beside(dir: &Path, href: &str, error: &mut impl FnMut(&str, String)) -> Option<Vec<u8>> {
    match std::fs::read(dir.join(href)) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            error(href, "missing".into());
            None
        }
        Err(e) => {
            error(href, format!("cannot be read: {e}"));
            None
        }
    }
}

/// A reader's error without the file's address it starts with (the line names it already).
fn without_href(message: &str, href: &str) -> String {
    message.strip_prefix(&format!("{href}: ")).unwrap_or(message).to_owned()
}

/// Checks what a decoded file says of the articles against the others: a shard gives each
/// doc its id; a card file and an id bucket must agree with it (the shards come first).
fn cross_check(
    archive: &ShardedArchive,
    need: Need,
    decoded: Decoded,
    ids: &mut [Option<String>],
    href: &str,
    error: &mut impl FnMut(&str, String),
) {
    let buckets = archive.manifest().ids.count as usize;
    match (need, decoded) {
        (Need::Shard(n), Decoded::Articles(articles)) => {
            for (doc, article) in archive.shard_docs(n).zip(articles) {
                ids[doc as usize] = Some(article.id);
            }
        }
        (Need::Cards(n), Decoded::Articles(cards)) => {
            let first = n * archive.manifest().cards.per_file as usize;
            for (doc, card) in (first..).zip(&cards) {
                if let Some(Some(id)) = ids.get(doc).filter(|id| id.as_deref() != Some(&card.id)) {
                    error(href, format!("doc {doc}'s card is {}, its article {id}", card.id));
                    return;
                }
            }
        }
        (Need::Ids(n), Decoded::Ids(map)) => {
            for (id, &doc) in &map {
                if ids.get(doc as usize).and_then(Option::as_deref).is_some_and(|a| a != id) {
                    error(href, format!("puts {id} at doc {doc}, which is another article"));
                    return;
                }
                if archive_core::shard::id_bucket(id, buckets) != n {
                    error(href, format!("holds {id}, which belongs in another bucket"));
                    return;
                }
            }
            // (Counted only when every shard was read: a missing one is said already.)
            let listed = ids
                .iter()
                .flatten()
                .filter(|id| archive_core::shard::id_bucket(id, buckets) == n)
                .count();
            if ids.iter().all(Option::is_some) && listed != map.len() {
                error(
                    href,
                    format!("holds {} ids, the shards have {listed} for this bucket", map.len()),
                );
            }
        }
        _ => {}
    }
}
