//! `archive-bundle shard` as a user runs it: the built-in archive (`public/archive.json`) cut
//! into small pieces, every file the manifest names checked on disk (size, content hash) and read
//! back through `archive_core::shard::ShardedArchive`; determinism, removal of a previous run's
//! files, and the exit codes. When `../shared` is beside the repository, also an import of the
//! real 1TV 2022 corpus (read at test time, written to the target directory only), whose month
//! table and id buckets are checked against the single-file reading.

use std::collections::{BTreeMap, HashSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use archive_core::shard::{id_bucket, FileSet, Lookup, Manifest, Need, ShardedArchive};
use archive_core::{load_bundle, Archive, Severity};
use sha2::{Digest, Sha256};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn builtin() -> PathBuf {
    repo_root().join("public/archive.json")
}

/// A fresh, empty `target/tmp/shard-<name>` folder.
fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("shard-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive-bundle"))
        .args(args)
        .output()
        .expect("run archive-bundle")
}

/// Runs `shard BUNDLE -o OUT EXTRA…`, which must succeed; returns its stderr (the summary).
fn shard(bundle: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args: Vec<&OsStr> = vec!["shard".as_ref(), bundle.as_os_str(), "-o".as_ref()];
    args.push(out.as_os_str());
    args.extend(extra.iter().map(OsStr::new));
    let o = run(&args);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "shard {} failed: {stderr}", bundle.display());
    assert!(stderr.starts_with("shard: "), "{stderr}");
    stderr
}

/// The small sizes: even 190 articles make many shards and chunks.
const SMALL: [&str; 4] = ["--shard-kib", "8", "--chunk-kib", "2"];

/// Every companion file the manifest names, with the reader's name for it and the set it belongs
/// to (`None` for the doc table, a file of its own).
fn named(m: &Manifest) -> Vec<(Need, String, Option<&'static str>)> {
    let mut out = Vec::new();
    type Set<'a> = (&'static str, &'a FileSet, fn(usize) -> Need);
    let sets: [Set<'_>; 4] = [
        ("shards", &m.shards.files, Need::Shard),
        ("cards", &m.cards.files, Need::Cards),
        ("ids", &m.ids, Need::Ids),
        ("index", &m.index.files, Need::Chunk),
    ];
    for (name, set, need) in sets {
        for n in 0..set.count as usize {
            out.push((need(n), set.href(n), Some(name)));
        }
    }
    out.push((Need::Docs, m.docs.href.clone(), None));
    out
}

/// Every file in `dir` and its sub-folders, by path relative to `dir` (with `/`), with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![(dir.to_path_buf(), String::new())];
    while let Some((path, prefix)) = todo.pop() {
        for entry in std::fs::read_dir(&path).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                todo.push((entry.path(), format!("{name}/")));
            } else {
                out.insert(name, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    out
}

/// The content part of a file name: what follows the last `-` or `.` before the extension
/// (`shards/shard-<hash>.json`, `docs.<hash>.bin`, …).
fn hash_part(href: &str) -> &str {
    let name = href.rsplit('/').next().unwrap();
    let stem = name.rsplit_once('.').expect("an extension").0;
    stem.rsplit(['-', '.']).next().unwrap()
}

/// The first 16 hex digits of the SHA-256 of `bytes`.
fn short_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Opens `dir/manifest.json`, checks that every file it names is there, that each set's name
/// carries the hash of its files (each file's length and bytes, in order) and the doc table's the
/// hash of its bytes, and that the stated sizes add up; hands every file to the reader, which must
/// take it.
fn open_all(dir: &Path) -> ShardedArchive {
    let text = std::fs::read_to_string(dir.join("manifest.json")).expect("manifest.json");
    let mut s = ShardedArchive::from_manifest(&text).expect("a consistent manifest");
    let mut sets: BTreeMap<&str, (Sha256, u64, String)> = BTreeMap::new();
    for (need, href, set) in named(s.manifest()) {
        let b = std::fs::read(dir.join(&href)).unwrap_or_else(|e| panic!("{href}: {e}"));
        let hash = hash_part(&href).to_owned();
        assert_eq!(hash.len(), 16, "{href}");
        match set {
            Some(name) => {
                let (hasher, bytes, set_hash) =
                    sets.entry(name).or_insert_with(|| (Sha256::new(), 0, hash.clone()));
                assert_eq!(hash, *set_hash, "{href}: one hash for the set");
                hasher.update((b.len() as u64).to_le_bytes());
                hasher.update(&b);
                *bytes += b.len() as u64;
            }
            None => {
                assert_eq!(b.len() as u64, s.manifest().docs.bytes, "{href}: the stated size");
                assert_eq!(hash, short_sha256(&b), "{href}: the name is its content hash");
                assert_eq!(s.file(need), (href.clone(), b.len() as u64));
            }
        }
        s.insert(need, &b).unwrap_or_else(|e| panic!("{href}: {e}"));
    }
    let m = s.manifest();
    let stated = |name: &str| match name {
        "shards" => m.shards.files.bytes,
        "cards" => m.cards.files.bytes,
        "ids" => m.ids.bytes,
        _ => m.index.files.bytes,
    };
    for (name, (hasher, bytes, hash)) in sets {
        let digest: String = hasher.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
        assert_eq!(digest, hash, "{name}: the set's hash is of its files");
        assert_eq!(bytes, stated(name), "{name}: the stated total size");
    }
    s
}

/// The articles of the sharded form are the archive's, in reading order (doc `d` is
/// `archive.all()[d]`), each the same as in the bundle.
fn assert_same_articles(s: &ShardedArchive, archive: &Archive) {
    assert_eq!(s.len(), archive.articles().len());
    for (doc, &pos) in archive.all().iter().enumerate() {
        let a = s.article(doc as u32).unwrap_or_else(|| panic!("doc {doc} is in no shard"));
        assert_eq!(a, archive.at(pos), "doc {doc}");
    }
    let sharded: HashSet<&str> =
        (0..s.len() as u32).map(|d| s.article(d).unwrap().id.as_str()).collect();
    let bundle: HashSet<&str> = archive.articles().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(sharded, bundle);
}

fn load(path: &Path) -> Archive {
    let text = std::fs::read_to_string(path).unwrap();
    let loaded = load_bundle(&text).expect("the bundle loads");
    assert!(!loaded.problems.iter().any(|p| p.severity == Severity::Error), "{}", path.display());
    Archive::new(loaded.bundle)
}

#[test]
fn the_builtin_archive_in_small_pieces_reads_back_whole() {
    let dir = tmp("small");
    let out = dir.join("out");
    let summary = shard(&builtin(), &out, &SMALL);
    let s = open_all(&out);
    let m = s.manifest();
    assert_eq!(m.articles, 190);
    assert!(m.shards.files.count > 5 && m.index.files.count > 5, "many pieces: {summary}");
    assert!(m.shards.firsts[1] <= 20, "the first shard holds at most the first page");
    // Nothing but the manifest and the files it names.
    let on_disk = files(&out);
    assert_eq!(on_disk.len(), named(m).len() + 1, "{:?}", on_disk.keys());
    assert!(on_disk.contains_key("manifest.json"));
    let summary_counts = format!(
        "190 articles -> {} ({} B manifest; {} shards, {} card files, {} id buckets, {} index \
         chunks, doc table {} B;",
        out.join("manifest.json").display(),
        on_disk["manifest.json"].len(),
        m.shards.files.count,
        m.cards.files.count,
        m.ids.count,
        m.index.files.count,
        m.docs.bytes
    );
    assert!(summary.contains(&summary_counts), "{summary}\nwanted: {summary_counts}");
    let total: usize = on_disk.values().map(Vec::len).sum();
    assert!(summary.contains(&format!("; {total} B in all)")), "{summary}");

    let archive = load(&builtin());
    assert_same_articles(&s, &archive);
    for &pos in archive.all() {
        let id = &archive.at(pos).id;
        assert!(matches!(s.lookup(id), Lookup::Doc(d) if s.article(d).unwrap().id == *id), "{id}");
    }
    assert_eq!(s.months(), archive.months());
}

#[test]
fn check_reads_a_sharded_bundle_whole_and_names_each_missing_or_damaged_file() {
    let out = tmp("check").join("out");
    shard(&builtin(), &out, &SMALL);
    let manifest = out.join("manifest.json");
    let m: Manifest = serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    let check = || {
        let o = run(&[OsStr::new("check"), manifest.as_os_str()]);
        (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let all = named(&m).len() + 1;
    let (code, stdout) = check();
    assert_eq!(code, Some(0), "{stdout}");
    let summary =
        format!("{}: sharded bundle of 190 articles in {all} files, 0 errors", manifest.display());
    assert_eq!(stdout.trim_end(), summary);

    // A partial upload: a shard that is not there.
    let shard1 = m.shards.files.href(1);
    let kept = std::fs::read(out.join(&shard1)).unwrap();
    std::fs::remove_file(out.join(&shard1)).unwrap();
    let (code, stdout) = check();
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.lines().any(|l| l == format!("error: {shard1}: missing")), "{stdout}");
    assert!(
        stdout.ends_with("in {all} files, 1 error\n".replace("{all}", &all.to_string()).as_str()),
        "{stdout}"
    );
    std::fs::write(out.join(&shard1), &kept).unwrap();

    // A card file edited by hand: its set's hash no longer matches, and the card names another
    // article than its shard does.
    let cards0 = m.cards.files.href(0);
    let text = std::fs::read_to_string(out.join(&cards0)).unwrap();
    let card: serde_json::Value = serde_json::from_str(&text).unwrap();
    let id = card["articles"][0]["id"].as_str().unwrap().to_owned();
    std::fs::write(out.join(&cards0), text.replacen(&format!("\"{id}\""), "\"someone-else\"", 1))
        .unwrap();
    let (code, stdout) = check();
    assert_eq!(code, Some(1), "{stdout}");
    let wanted = format!("error: {cards0}: doc 0's card is someone-else, its article {id}");
    assert!(stdout.lines().any(|l| l == wanted), "{stdout}");
    assert!(
        stdout.lines().any(|l| l
            .starts_with(&format!("error: {}: the files' content hash is", m.cards.files.href))),
        "{stdout}"
    );
    std::fs::write(out.join(&cards0), &text).unwrap();

    // An index chunk cut short.
    let chunk0 = m.index.files.href(0);
    let bytes = std::fs::read(out.join(&chunk0)).unwrap();
    std::fs::write(out.join(&chunk0), &bytes[..bytes.len() / 2]).unwrap();
    let (code, stdout) = check();
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with(&format!("error: {chunk0}: "))), "{stdout}");
}

#[test]
fn the_same_bundle_and_sizes_give_the_same_files() {
    let dir = tmp("same");
    let (a, b) = (dir.join("a"), dir.join("b"));
    shard(&builtin(), &a, &SMALL);
    shard(&builtin(), &b, &SMALL);
    let first = files(&a);
    assert_eq!(first, files(&b));
    // A second run into the same folder changes nothing and removes nothing.
    let summary = shard(&builtin(), &a, &SMALL);
    assert!(!summary.contains("stale"), "{summary}");
    assert_eq!(files(&a), first);
}

#[test]
fn a_run_with_other_sizes_removes_the_files_of_the_first() {
    let dir = tmp("resize");
    let out = dir.join("out");
    shard(&builtin(), &out, &SMALL);
    let first = files(&out);
    // A file the command did not write stays.
    std::fs::write(out.join("README.txt"), "published by hand").unwrap();

    let summary = shard(&builtin(), &out, &["--shard-kib", "64", "--chunk-kib", "16"]);
    let s = open_all(&out);
    let now: HashSet<String> = named(s.manifest()).into_iter().map(|(_, href, _)| href).collect();
    let on_disk = files(&out);
    assert_eq!(on_disk.len(), now.len() + 2, "the manifest, README.txt and the named files");
    assert!(on_disk.contains_key("README.txt"));
    let stale = first.keys().filter(|f| *f != "manifest.json" && !now.contains(*f)).count();
    assert!(stale > 20, "the small pieces differ from the big ones: {stale}");
    assert!(summary.contains(&format!("; {stale} stale files removed)")), "{summary}");
    assert!(first.len() > on_disk.len(), "{} files, then {}", first.len(), on_disk.len());
    assert_same_articles(&s, &load(&builtin()));
}

#[test]
fn bad_bundles_sizes_and_paths_fail_with_the_reason() {
    let dir = tmp("bad");
    let broken = dir.join("broken.json");
    std::fs::write(
        &broken,
        r#"{"format": "archive-browser-bundle", "version": 1,
            "archive": {"id": "t", "title": {"en": "T"}, "languages": ["en"], "default_language": "en"},
            "articles": [{"id": "a", "lang": "en", "title": "A"}, {"id": "a", "lang": "en", "title": "B"}]}"#,
    )
    .unwrap();
    let out = dir.join("out");
    let o = run(&["shard".as_ref(), broken.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("articles[1] (id \"a\")")
            && err.contains("repeats an earlier article's id")
            && err.contains("fix every error first"),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written for a bundle with errors");

    let missing = dir.join("no-such-bundle.json");
    let o = run(&["shard".as_ref(), missing.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("reading") && err.contains("no-such-bundle.json"), "{err}");

    for size in ["--shard-kib", "--chunk-kib", "--cards-per-file"] {
        let o = run(&[
            "shard".as_ref(),
            builtin().as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
            size.as_ref(),
            "0".as_ref(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{size} 0");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("--shard-kib, --chunk-kib and --cards-per-file must be at least 1"),
            "{err}"
        );
        assert!(!out.exists());
    }
}

/// The 1TV 2022 index (5,437 articles, all of 2022), imported and sharded with the default sizes.
#[test]
fn the_1tv_2022_corpus_sharded_agrees_with_the_bundle() {
    let input = repo_root()
        .join("../shared/corpus/1tv-news-and-ru-state-media-index/1tv_news_2022.jsonl.gz");
    if !input.is_file() {
        eprintln!(
            "skipped: the corpus is not at {} (../shared beside the repository)",
            input.display()
        );
        return;
    }
    let dir = tmp("1tv-2022");
    let bundle = dir.join("1tv-2022.json");
    let o = run(&[
        "import".as_ref(),
        "records".as_ref(),
        input.as_os_str(),
        "--generated-at".as_ref(),
        "2026-11-30T00:00:00Z".as_ref(),
        "-q".as_ref(),
        "-o".as_ref(),
        bundle.as_os_str(),
    ]);
    assert!(o.status.success(), "import failed: {}", String::from_utf8_lossy(&o.stderr));
    let out = dir.join("sharded");
    let summary = shard(&bundle, &out, &[]);
    let s = open_all(&out);
    let archive = load(&bundle);
    assert_eq!(s.len(), 5_437, "{summary}");
    assert!(s.manifest().ids.count > 1, "several id buckets: {summary}");
    assert_same_articles(&s, &archive);

    // The month table is the bundle's, and each month's run of docs is dated in that month.
    assert_eq!(s.months(), archive.months());
    assert_eq!(s.months().len(), 12);
    for m in s.month_spans() {
        for doc in m.first..m.first + m.count {
            let date = s.article(doc).unwrap().date.expect("dated");
            assert_eq!((date.year(), date.month()), (m.year, m.month), "doc {doc}");
        }
    }

    // Every id bucket maps each of its ids to the doc whose shard article has that id.
    let buckets = s.manifest().ids.clone();
    let mut seen = 0;
    for b in 0..buckets.count as usize {
        let href = buckets.href(b);
        let map: BTreeMap<String, u32> =
            serde_json::from_slice(&std::fs::read(out.join(&href)).unwrap()).unwrap();
        assert!(!map.is_empty(), "{href}");
        for (id, doc) in &map {
            assert_eq!(id_bucket(id, buckets.count as usize), b, "{id} is in its own bucket");
            assert_eq!(&s.article(*doc).unwrap().id, id, "{href}: {id} → doc {doc}");
            assert_eq!(s.lookup(id), Lookup::Doc(*doc));
        }
        seen += map.len();
    }
    assert_eq!(seen, s.len(), "every article's id is in one bucket");
}
