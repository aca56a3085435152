//! `archive-bundle generate` as a user runs it: big test archives made from the committed
//! built-in archive (`public/archive.json`) and, when `../shared` is beside the repository, from
//! an import of the real 1TV 2022 corpus (read at test time, written to the target directory,
//! never into the repository).

use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use archive_core::model::is_valid_id;
use archive_core::{load_bundle, Article, Bundle, Severity};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn builtin() -> PathBuf {
    repo_root().join("public/archive.json")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn tmp(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

fn run<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive-bundle"))
        .args(args)
        .output()
        .expect("run archive-bundle")
}

/// Runs `generate` from `inputs` into `target/tmp/<name>.json`; it must succeed. Returns the
/// output's path.
fn generate(name: &str, inputs: &[PathBuf], count: usize, seed: u64) -> PathBuf {
    let out = tmp(&format!("{name}.json"));
    let mut args: Vec<OsString> = vec!["generate".into()];
    for input in inputs {
        args.push("--from".into());
        args.push(input.clone().into_os_string());
    }
    args.extend(
        ["--count", &count.to_string(), "--seed", &seed.to_string(), "-q", "-o"]
            .map(OsString::from),
    );
    args.push(out.clone().into_os_string());
    let o = run(&args);
    assert!(o.status.success(), "generate {name} failed: {}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty(), "-q prints nothing: {}", String::from_utf8_lossy(&o.stderr));
    out
}

/// Loads a bundle that must have no error-severity problem.
fn load(path: &Path) -> Bundle {
    let text = std::fs::read_to_string(path).expect("bundle");
    let loaded = load_bundle(&text).expect("the bundle loads");
    let errors: Vec<String> = loaded
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    loaded.bundle
}

/// The source id in a generated id `g{i}-{source id}`, and `i`.
fn split_id(id: &str) -> (usize, &str) {
    let (g, rest) = id.split_once('-').expect("g{i}-…");
    (g.strip_prefix('g').expect("g prefix").parse().expect("i"), rest)
}

/// The span of the dated articles' years plus one: the years between generations.
fn year_step(articles: &[Article]) -> i64 {
    let years: Vec<i64> = articles.iter().filter_map(|a| a.date).map(|d| d.year().into()).collect();
    years.iter().max().unwrap() - years.iter().min().unwrap() + 1
}

#[test]
fn five_hundred_from_the_builtin_archive() {
    let source = load(&builtin());
    let out = generate("gen-500", &[builtin()], 500, 1);

    let check = run(&["check".as_ref(), out.as_os_str()]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains(": 500 articles usable, 0 errors, "), "{stdout}");

    let b = load(&out);
    assert_eq!(b.articles.len(), 500);
    assert_eq!(b.archive.id, "csto-generated");
    assert_eq!(b.archive.title["en"], "CSTO news archive (generated)");
    assert_eq!(b.archive.languages, source.archive.languages);
    assert_eq!(b.archive.default_language, source.archive.default_language);
    assert_eq!(b.archive.source_url, source.archive.source_url);
    assert!(b.archive.generated_at.is_none());
    assert!(b.archive.content_hash.is_none());
    assert!(b.archive.search_index.is_none());
    assert_eq!(b.sections, source.sections);

    let by_id: HashMap<&str, &Article> =
        source.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let n = source.articles.len();
    let step = year_step(&source.articles);
    let mut ids = HashSet::new();
    let (mut mixed, mut undated, mut shifted) = (0, 0, 0);
    for (pos, a) in b.articles.iter().enumerate() {
        assert!(is_valid_id(&a.id) && a.id.len() <= 120, "{}", a.id);
        assert!(ids.insert(a.id.as_str()), "repeated id {}", a.id);
        let (i, src_id) = split_id(&a.id);
        assert_eq!(i, pos, "articles are written in order");
        let src = by_id[src_id];
        assert_eq!(
            (&a.lang, &a.title, &a.lead, &a.section, &a.source, &a.dateline),
            (&src.lang, &src.title, &src.lead, &src.section, &src.source, &src.dateline)
        );
        assert_eq!(
            (&a.tags, &a.people, &a.time, &a.utc_offset),
            (&src.tags, &src.people, &src.time, &src.utc_offset)
        );
        assert!(a.url.is_none() && a.twins.is_empty(), "{}", a.id);
        // The source's body, perhaps with one block of another article of its language.
        assert_eq!(a.body[..src.body.len()], src.body[..], "{}", a.id);
        match a.body.len() - src.body.len() {
            0 => {}
            1 => {
                mixed += 1;
                let block = a.body.last().unwrap();
                assert!(
                    source
                        .articles
                        .iter()
                        .any(|d| d.id != src.id && d.lang == src.lang && d.body.contains(block)),
                    "{}: the added block comes from another article of its language",
                    a.id
                );
            }
            more => panic!("{}: {more} blocks added", a.id),
        }
        // Dates: undated stays undated; generation g moves the year back by g × step.
        let g = (i / n) as i64;
        match (src.date, a.date) {
            (None, None) => undated += 1,
            (Some(s), Some(d)) => {
                assert_eq!(i64::from(d.year()), i64::from(s.year()) - g * step, "{}", a.id);
                assert_eq!(d.month(), s.month());
                if !(s.month() == 2 && s.day() == 29) {
                    assert_eq!(d.day(), s.day());
                }
                if g >= 1 {
                    shifted += 1;
                }
            }
            (s, d) => panic!("{}: source date {s:?}, generated {d:?}", a.id),
        }
    }
    // About half get a block (of those whose language has other bodies: all here).
    assert!((180..=320).contains(&mixed), "{mixed} of 500 mixed");
    assert!(undated > 100, "{undated} undated");
    assert!(shifted > 50, "{shifted} dated articles of generation ≥ 1");
}

#[test]
fn the_same_seed_gives_the_same_bytes_another_seed_others() {
    let a = std::fs::read(generate("gen-seed-1a", &[builtin()], 300, 7)).unwrap();
    let b = std::fs::read(generate("gen-seed-1b", &[builtin()], 300, 7)).unwrap();
    let c = std::fs::read(generate("gen-seed-2", &[builtin()], 300, 8)).unwrap();
    assert!(a == b, "same inputs and seed, different bytes");
    assert!(a != c, "another seed, the same bytes");
}

#[test]
fn several_inputs_unite_languages_and_sections() {
    let extra = tmp("gen-extra-input.json");
    std::fs::write(
        &extra,
        r#"{"format": "archive-browser-bundle", "version": 1,
            "archive": {"id": "extra", "title": {"de": "Extra"}, "languages": ["de"],
                        "default_language": "de"},
            "sections": [{"id": "news", "title": {"de": "Nicht diese"}},
                         {"id": "extra-only", "title": {"de": "Nur hier"}}],
            "articles": [{"id": "de-1", "lang": "de", "title": "Eins", "section": "extra-only",
                          "date": "2000-02-29",
                          "body": [{"type": "paragraph", "text": "Ein Satz."}]}]}"#,
    )
    .unwrap();
    let source = load(&builtin());
    let b = load(&generate("gen-two", &[builtin(), extra], 2000, 3));
    assert_eq!(b.articles.len(), 2000);
    assert_eq!(b.archive.id, "csto-generated");
    assert_eq!(b.archive.languages, ["en", "ru", "de"]);
    assert_eq!(b.sections.len(), source.sections.len() + 1);
    let news = b.sections.iter().find(|s| s.id == "news").unwrap();
    assert_eq!(news.title, source.sections.iter().find(|s| s.id == "news").unwrap().title);
    let de: Vec<&Article> = b.articles.iter().filter(|a| a.lang == "de").collect();
    assert!(!de.is_empty());
    for a in de {
        // The only German article has no other German article to take a block from.
        assert_eq!(a.body.len(), 1, "{}", a.id);
        let d = a.date.unwrap();
        assert_eq!((d.month(), d.day() == 29 || d.day() == 28), (2, true), "{}", a.id);
    }
}

#[test]
fn an_input_with_errors_is_refused_with_its_problems() {
    let out = tmp("gen-never-written.json");
    let o = run(&[
        "generate".as_ref(),
        "--from".as_ref(),
        fixture("broken-bundle.json").as_os_str(),
        "--count".as_ref(),
        "10".as_ref(),
        "--seed".as_ref(),
        "1".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("error: articles[1] (id \"no-title\"), field `title`: the title is empty")
            && stderr.contains("broken-bundle.json` has 3 errors"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written on bad input");
}

#[test]
fn a_missing_input_exits_2() {
    let out = tmp("gen-never-written-2.json");
    let o = run(&[
        "generate".as_ref(),
        "--from".as_ref(),
        fixture("no-such-bundle.json").as_os_str(),
        "--count".as_ref(),
        "10".as_ref(),
        "--seed".as_ref(),
        "1".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("cannot read") && stderr.contains("no-such-bundle.json"), "{stderr}");
    assert!(!out.exists());
}

/// 20,000 articles from the real 1TV 2022 index (5,437 articles, all of 2022): four
/// generations, 2022 back to 2019.
#[test]
fn twenty_thousand_from_the_1tv_2022_corpus() {
    let input = repo_root()
        .join("../shared/corpus/1tv-news-and-ru-state-media-index/1tv_news_2022.jsonl.gz");
    if !input.is_file() {
        eprintln!(
            "skipped: the corpus is not at {} (../shared beside the repository)",
            input.display()
        );
        return;
    }
    let imported = tmp("gen-1tv-2022-source.json");
    let o = run(&[
        "import".as_ref(),
        "records".as_ref(),
        input.as_os_str(),
        "--generated-at".as_ref(),
        "2026-11-30T00:00:00Z".as_ref(),
        "-q".as_ref(),
        "-o".as_ref(),
        imported.as_os_str(),
    ]);
    assert!(o.status.success(), "import failed: {}", String::from_utf8_lossy(&o.stderr));
    let b = load(&generate("gen-1tv-20k", &[imported], 20_000, 1));
    assert_eq!(b.articles.len(), 20_000);
    assert_eq!(b.archive.languages, ["ru"]);
    let ids: HashSet<&str> = b.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 20_000);
    let mut per_year: HashMap<u16, usize> = HashMap::new();
    for a in &b.articles {
        *per_year.entry(a.date.expect("every source is dated").year()).or_default() += 1;
    }
    let mut years: Vec<_> = per_year.into_iter().collect();
    years.sort_unstable();
    // Generation g = i / 5437: 5437 articles in each of 2022, 2021, 2020, the rest in 2019.
    assert_eq!(years, [(2019, 20_000 - 3 * 5437), (2020, 5437), (2021, 5437), (2022, 5437)]);
}
