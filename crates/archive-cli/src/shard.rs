//! `archive-bundle shard BUNDLE --out-dir DIR`: write a bundle in the sharded form (a manifest,
//! article shards, id buckets, a doc table and index chunks; see `archive_core::shard` and
//! docs/bundle-format.md) for archives too big to fetch whole.
//!
//! `DIR/manifest.json` is the file to point the app at (`?bundle=DIR/manifest.json`). Files a
//! previous run wrote there (`shards/`, `cards/`, `ids/`, `index/`, `docs.*.bin`) and the new manifest
//! does not name are removed, so a republished folder holds only what it uses.

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use anyhow::{anyhow, bail, Context, Result};
use archive_core::shard::write::{write, Sizes};
use archive_core::{load_bundle, Archive, Severity};

/// Options of `archive-bundle shard`.
#[derive(Debug, clap::Args)]
pub struct ShardArgs {
    /// The bundle (JSON) to split.
    pub bundle: std::path::PathBuf,
    /// The folder to write `manifest.json` and its files into (created if needed).
    #[arg(long, short = 'o')]
    pub out_dir: std::path::PathBuf,
    /// Target size of an article shard, in KiB.
    #[arg(long, default_value_t = 128)]
    pub shard_kib: usize,
    /// Target size of an index chunk, in KiB.
    #[arg(long, default_value_t = 24)]
    pub chunk_kib: usize,
    /// List cards per card file (more: fewer requests for a page of a list; fewer: fewer bytes
    /// for search results, which are scattered).
    #[arg(long, default_value_t = 4)]
    pub cards_per_file: usize,
}

/// Splits the bundle and writes the sharded form.
///
/// # Errors
/// The bundle cannot be read (I/O), is not usable, or has errors (every article must load, or
/// the doc numbers would not be the bundle's); a file cannot be written.
pub fn run(args: &ShardArgs) -> Result<()> {
    let started = Instant::now();
    let path = &args.bundle;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let loaded = load_bundle(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    drop(text);
    if let Some(p) = loaded.problems.iter().find(|p| p.severity == Severity::Error) {
        bail!(
            "{}: {}: {}\n(fix every error first, so no article is lost; `archive-bundle check` \
             lists them)",
            path.display(),
            p.location,
            p.message
        );
    }
    if args.shard_kib == 0 || args.chunk_kib == 0 || args.cards_per_file == 0 {
        bail!("--shard-kib, --chunk-kib and --cards-per-file must be at least 1");
    }
    let archive = Archive::new(loaded.bundle);
    let sizes = Sizes {
        shard_bytes: args.shard_kib * 1024,
        chunk_bytes: args.chunk_kib * 1024,
        cards_per_file: args.cards_per_file,
        ..Sizes::default()
    };
    let set = write(&archive, sizes);
    let dir = &args.out_dir;
    for sub in ["shards", "cards", "ids", "index"] {
        std::fs::create_dir_all(dir.join(sub))
            .with_context(|| format!("creating {}", dir.join(sub).display()))?;
    }
    let mut total = 0u64;
    for (href, bytes) in &set.files {
        let p = dir.join(href);
        // A file of that name holds that content, unless an interrupted run left it short or
        // something damaged it: compare, and write (through a temporary file and a rename, so
        // a reader never sees half a file) whatever differs.
        let same = std::fs::metadata(&p).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(&p).is_ok_and(|b| b == *bytes);
        if !same {
            let tmp = p.with_extension("partial");
            std::fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
            std::fs::rename(&tmp, &p).with_context(|| format!("writing {}", p.display()))?;
        }
        total += bytes.len() as u64;
    }
    let mut json = serde_json::to_string(&set.manifest).context("serialising the manifest")?;
    json.push('\n');
    let manifest = dir.join("manifest.json");
    std::fs::write(&manifest, &json).with_context(|| format!("writing {}", manifest.display()))?;
    let removed = remove_stale(dir, &set.files.iter().map(|(h, _)| h.as_str()).collect())?;
    let m = &set.manifest;
    eprintln!(
        "shard: {} articles -> {} ({} B manifest; {} shards, {} card files, {} id buckets, {} \
         index chunks, doc table {} B; {} B in all{}) in {} ms",
        m.articles,
        manifest.display(),
        json.len(),
        m.shards.files.count,
        m.cards.files.count,
        m.ids.count,
        m.index.files.count,
        m.docs.bytes,
        total + json.len() as u64,
        if removed > 0 { format!("; {removed} stale files removed") } else { String::new() },
        started.elapsed().as_millis()
    );
    Ok(())
}

/// Removes files of an earlier run that `keep` (hrefs) does not name; returns how many.
fn remove_stale(dir: &Path, keep: &HashSet<&str>) -> Result<usize> {
    let mut removed = 0;
    let mut consider = |href: String, path: &Path| -> Result<()> {
        if !keep.contains(href.as_str()) {
            std::fs::remove_file(path).with_context(|| format!("removing {}", path.display()))?;
            removed += 1;
        }
        Ok(())
    };
    for sub in ["shards", "cards", "ids", "index"] {
        for entry in std::fs::read_dir(dir.join(sub))? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            consider(format!("{sub}/{name}"), &entry.path())?;
        }
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("docs.") && name.ends_with(".bin") {
            consider(name, &entry.path())?;
        }
    }
    Ok(removed)
}
