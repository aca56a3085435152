//! `archive-bundle index BUNDLE`: build the bundle's search index once, at publish time, and
//! ship it beside the bundle, so readers download a compact index instead of building one.
//!
//! Writes `<bundle stem>.index.<16 hex of its SHA-256>.bin` in the bundle's folder, or in
//! `--out-dir` (a content-hashed name: hosts and the service worker may cache it forever),
//! removes older `<stem>.index.*.bin` files there, and records the file, relative to the
//! bundle, in the bundle's `archive.search_index`. The index is tied to the bundle's
//! `content_hash`, which is computed from the sections and articles and written every time (a
//! stale one, left by an edit after the last run, is replaced and said so).

use std::path::Path;
use std::time::Instant;

use anyhow::{anyhow, bail, Context, Result};
use archive_core::search::store::INDEX_VERSION;
use archive_core::search::{Analyzer, SearchIndex};
use archive_core::{load_bundle, IndexRef, Severity};
use sha2::{Digest, Sha256};

/// Builds and writes the index of the bundle at `bundle_path`, and rewrites the bundle to
/// name it.
///
/// # Errors
/// The bundle cannot be read or written (I/O), is not a usable bundle, or has errors (the
/// index numbers articles as the bundle lists them, so every article must load).
pub fn run(bundle_path: &Path, out_dir: Option<&Path>) -> Result<()> {
    let started = Instant::now();
    let text = std::fs::read_to_string(bundle_path)
        .with_context(|| format!("reading {}", bundle_path.display()))?;
    let loaded = load_bundle(&text).map_err(|e| anyhow!("{}: {e}", bundle_path.display()))?;
    if let Some(p) = loaded.problems.iter().find(|p| p.severity == Severity::Error) {
        bail!(
            "{}: {}: {}\n(an index numbers articles as the bundle lists them: fix every error \
             first; `archive-bundle check` lists them)",
            bundle_path.display(),
            p.location,
            p.message
        );
    }
    let mut bundle = loaded.bundle;
    let hash = archive_core::hash::content_hash(&bundle.sections, &bundle.articles);
    if let Some(stale) = bundle.archive.content_hash.as_ref().filter(|h| **h != hash) {
        eprintln!("index: the bundle's content_hash {stale} was stale (edited since); now {hash}");
    }
    bundle.archive.content_hash = Some(hash.clone());

    let analyzer = Analyzer::new();
    let index = SearchIndex::build(&bundle.articles, &analyzer);
    let bytes = index.to_bytes(&hash);
    let digest = Sha256::digest(&bytes);
    let short: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    let bundle_dir =
        bundle_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let dir = out_dir.unwrap_or(bundle_dir);
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let stem = bundle_path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| anyhow!("{}: the bundle's file name is not UTF-8", bundle_path.display()))?;
    let name = format!("{stem}.index.{short}.bin");
    let path = dir.join(&name);

    // Old indexes of this bundle: superseded by the new one.
    let prefix = format!("{stem}.index.");
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if file.starts_with(&prefix) && file.ends_with(".bin") && file != name {
            std::fs::remove_file(entry.path())
                .with_context(|| format!("removing the old index {}", entry.path().display()))?;
            eprintln!("index: removed the old index {}", entry.path().display());
        }
    }
    std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    let href = relative_href(bundle_dir, dir, &name)?;
    bundle.archive.search_index =
        Some(IndexRef { href, version: INDEX_VERSION, bytes: bytes.len() as u64 });
    let mut json = serde_json::to_string_pretty(&bundle).context("serialising the bundle")?;
    json.push('\n');
    std::fs::write(bundle_path, json)
        .with_context(|| format!("writing {}", bundle_path.display()))?;
    eprintln!(
        "index: {} articles, {} terms, {} bytes -> {} ({} ms)",
        bundle.articles.len(),
        index.term_count(),
        bytes.len(),
        path.display(),
        started.elapsed().as_millis()
    );
    Ok(())
}

/// The address of `dir/name` relative to `from` (the bundle's folder), with `/` separators.
fn relative_href(from: &Path, dir: &Path, name: &str) -> Result<String> {
    let from =
        std::fs::canonicalize(from).with_context(|| format!("resolving {}", from.display()))?;
    let dir = std::fs::canonicalize(dir).with_context(|| format!("resolving {}", dir.display()))?;
    let rest = dir.strip_prefix(&from).map_err(|_| {
        anyhow!("--out-dir {} must be inside the bundle's folder {}", dir.display(), from.display())
    })?;
    let mut parts: Vec<String> =
        rest.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.push(name.to_owned());
    Ok(parts.join("/"))
}
