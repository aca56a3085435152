//! `archive-bundle index`: the committed search index is what the CLI builds from the committed
//! bundle, it loads and answers like a freshly built one, and bad input fails clearly.

use std::path::{Path, PathBuf};
use std::process::Command;

use archive_core::search::{Analyzer, Filters, ParsedQuery, SearchIndex, Sort};
use archive_core::{load_bundle, Archive};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_archive-bundle"))
}

/// A new folder for one test, removed when the test ends (passed or failed).
fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(&format!("archive-index-test-{name}-")).tempdir().unwrap()
}

#[test]
fn the_committed_index_is_a_fresh_build_of_the_committed_bundle() {
    let committed = std::fs::read_to_string(repo().join("public/archive.json")).unwrap();
    let committed_bundle = load_bundle(&committed).unwrap().bundle;
    let reference = committed_bundle.archive.search_index.clone().expect(
        "public/archive.json names no search index: run scripts/build-archive.sh and commit public/",
    );
    let committed_index = std::fs::read(repo().join("public").join(&reference.href))
        .unwrap_or_else(|e| {
            panic!("public/{}: {e} — run scripts/build-archive.sh", reference.href)
        });

    let tmp = temp_dir("fresh");
    let dir = tmp.path();
    let bundle = dir.join("archive.json");
    std::fs::write(&bundle, &committed).unwrap();
    let out =
        bin().arg("index").arg(&bundle).arg("--out-dir").arg(dir.join("index")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rewritten = load_bundle(&std::fs::read_to_string(&bundle).unwrap()).unwrap().bundle;
    assert_eq!(
        rewritten.archive.search_index.as_ref(),
        Some(&reference),
        "run scripts/build-archive.sh"
    );
    assert_eq!(std::fs::read(dir.join(&reference.href)).unwrap(), committed_index);
    assert_eq!(reference.bytes, committed_index.len() as u64);

    // It loads, belongs to this bundle, and answers as an index built in memory does.
    let (index, hash) = SearchIndex::from_bytes(&committed_index).unwrap();
    assert_eq!(Some(hash), committed_bundle.archive.content_hash);
    let archive = Archive::new(committed_bundle);
    let analyzer = Analyzer::new();
    let built = SearchIndex::build(archive.articles(), &analyzer);
    for q in ["CSTO", "Secretary General", "заседания", "secur*", "\"collective security\""]
    {
        let q = ParsedQuery::parse(q);
        let run = |i: &SearchIndex| {
            i.search(&archive, &analyzer, &q, &Filters::default(), Sort::Relevance)
        };
        assert_eq!(run(&index), run(&built));
        assert!(!run(&index).is_empty());
    }
}

#[test]
fn a_second_run_replaces_the_old_index() {
    let tmp = temp_dir("replace");
    let dir = tmp.path();
    let bundle = dir.join("b.json");
    let text = std::fs::read_to_string(repo().join("public/archive.json")).unwrap();
    std::fs::write(&bundle, &text).unwrap();
    std::fs::write(dir.join("b.index.0000000000000000.bin"), b"stale").unwrap();
    let out = bin().arg("index").arg(&bundle).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.starts_with("b.index."))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_ne!(files[0], "b.index.0000000000000000.bin");
}

#[test]
fn bad_bundles_and_paths_fail_with_the_reason() {
    let tmp = temp_dir("bad");
    let dir = tmp.path();
    let broken = dir.join("broken.json");
    std::fs::write(
        &broken,
        r#"{"format": "archive-browser-bundle", "version": 1,
            "archive": {"id": "t", "title": {"en": "T"}, "languages": ["en"], "default_language": "en"},
            "articles": [{"id": "a", "lang": "en", "title": "A"}, {"id": "a", "lang": "en", "title": "B"}]}"#,
    )
    .unwrap();
    let out = bin().arg("index").arg(&broken).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("articles[1]") && err.contains("fix every error first"), "{err}");

    let out = bin().arg("index").arg(dir.join("missing.json")).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));

    let ok = dir.join("ok.json");
    std::fs::write(&ok, std::fs::read_to_string(repo().join("public/archive.json")).unwrap())
        .unwrap();
    let out =
        bin().arg("index").arg(&ok).arg("--out-dir").arg(std::env::temp_dir()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("must be inside the bundle's folder"));
}

#[test]
fn an_edit_after_indexing_is_found_by_check_and_mended_by_index() {
    let tmp = temp_dir("edited");
    let dir = tmp.path();
    let bundle = dir.join("b.json");
    std::fs::write(&bundle, std::fs::read_to_string(repo().join("public/archive.json")).unwrap())
        .unwrap();
    let out = bin().arg("index").arg(&bundle).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let check = || {
        let out = bin().arg("check").arg(&bundle).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let clean = check();
    assert!(!clean.contains("content_hash") && !clean.contains("search_index"), "{clean}");

    // A title edited by hand, the hash and index left as they were.
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&bundle).unwrap()).unwrap();
    value["articles"][0]["title"] = "Edited by hand".into();
    std::fs::write(&bundle, serde_json::to_string(&value).unwrap()).unwrap();
    let edited = check();
    assert!(
        edited.contains("field `content_hash`: sha256:")
            && edited.contains("the bundle was edited after it was indexed"),
        "{edited}"
    );
    assert!(edited.contains("field `search_index`:") && edited.contains("built for other content"));

    // The index named but gone.
    let href = value["archive"]["search_index"]["href"].as_str().unwrap().to_owned();
    std::fs::remove_file(dir.join(&href)).unwrap();
    assert!(check().contains("cannot be read"));
    // Said even while an article is in error (the hashes are then not compared: the content
    // differs by design), so mending the error brings no new warning.
    let mut broken = value.clone();
    broken["articles"][1]["body"] = "not a list of blocks".into();
    std::fs::write(&bundle, serde_json::to_string(&broken).unwrap()).unwrap();
    let out = bin().arg("check").arg(&bundle).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let with_error = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(with_error.contains("cannot be read"), "{with_error}");
    assert!(!with_error.contains("field `content_hash`"), "{with_error}");
    std::fs::write(&bundle, serde_json::to_string(&value).unwrap()).unwrap();

    // `index` recomputes the hash and says the old one was stale; then all is clean again.
    let out = bin().arg("index").arg(&bundle).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("was stale"));
    let mended = check();
    assert!(!mended.contains("content_hash") && !mended.contains("search_index"), "{mended}");

    // Indexed again after another edit: the index it replaces is removed, and said.
    let before: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&bundle).unwrap()).unwrap();
    let old = dir.join(before["archive"]["search_index"]["href"].as_str().unwrap());
    assert!(old.exists());
    let mut again = before.clone();
    again["articles"][0]["title"] = "Edited again".into();
    std::fs::write(&bundle, serde_json::to_string(&again).unwrap()).unwrap();
    let out = bin().arg("index").arg(&bundle).output().unwrap();
    assert!(out.status.success());
    assert!(!old.exists());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains(&format!("removed the old index {}", old.display())), "{said}");
}
