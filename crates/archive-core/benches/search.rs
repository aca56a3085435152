//! Native benchmark of the search core (criterion): index build and a few queries on the 1TV 2022
//! set (5,437 Russian news leads), the English queries of the browser benchmark on
//! Reuters-21578 (21,578 newswire stories), and — with `ARCHIVE_BENCH_145K=1` — the index build
//! of the whole 1TV set (144,944 articles), the number compared with Pagefind's indexing time in
//! docs/benchmarks.md.
//!
//! The corpora are test data read from `../shared/corpus` beside the repository at run time (or
//! `$ARCHIVE_SHARED/corpus`); without them the benchmark says so and measures nothing.
//!
//!     cargo bench -p archive-core --bench search
//!     ARCHIVE_BENCH_145K=1 cargo bench -p archive-core --bench search

use std::hint::black_box;
use std::io::BufRead;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use archive_core::search::{
    facet_counts_of, highlight, order, snippet, Analyzer, Filters, ParsedQuery, SearchIndex, Sort,
};
use archive_core::{Archive, Bundle};
use criterion::{BatchSize, Criterion, SamplingMode};
use serde_json::{json, Value};

/// Where the shared corpora are.
fn corpus_root() -> PathBuf {
    std::env::var_os("ARCHIVE_SHARED")
        .map_or_else(
            || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
            PathBuf::from,
        )
        .join("corpus")
}

/// Where the 1TV corpus is.
fn corpus_dir() -> PathBuf {
    corpus_root().join("1tv-news-and-ru-state-media-index")
}

/// Reads a 1TV JSONL.gz file into an archive, as the benchmark's other engines see it: the
/// title, the date and the body as one paragraph. `None` when the file is not there.
fn load(file: &str) -> Option<Archive> {
    load_path(&corpus_dir().join(file), "ru")
}

/// Reads a JSON Lines file of `title`, `date_iso` and `body` (the 1TV and Reuters-21578 files
/// of the shared corpus) into an archive of `lang` articles. `None` when it is not there.
fn load_path(path: &std::path::Path, lang: &str) -> Option<Archive> {
    let reader =
        std::io::BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(path).ok()?));
    let mut articles = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.expect("corpus file reads");
        let row: Value = serde_json::from_str(&line).expect("corpus line is JSON");
        let date = row["date_iso"].as_str().and_then(|d| d.get(..10)).map(str::to_owned);
        // As the browser benchmark prepares them (bench/prepare.mjs): a missing title is empty.
        let title = row["title"].as_str().unwrap_or_default();
        let mut article = json!({"id": format!("a{i}"), "lang": lang, "title": title});
        if let Some(d) = date {
            article["date"] = json!(d);
        }
        if let Some(body) = row["body"].as_str() {
            article["body"] = json!([{"type": "paragraph", "text": body}]);
        }
        articles.push(article);
    }
    let bundle: Bundle = serde_json::from_value(json!({
        "format": "archive-browser-bundle", "version": 1,
        "archive": {"id": "bench", "title": {"ru": "1TV"}, "languages": ["ru"], "default_language": "ru"},
        "articles": articles,
    }))
    .expect("articles fit the model");
    Some(Archive::new(bundle))
}

/// Queries as the reader commits them (a trailing space: no as-you-type prefix on the last word).
const QUERIES: [(&str, &str); 7] = [
    ("word", "учения "),
    ("inflected", "президента "),
    ("two_words", "путин москва "),
    ("phrase", "\"специальной военной операции\" "),
    ("prefix", "мобилиз* "),
    // While typing (no trailing space): the last word is also a prefix.
    ("typing", "путин мо"),
    ("typing_one_letter", "путин м"),
];

fn bench_1tv_2022(c: &mut Criterion) {
    let Some(archive) = load("1tv_news_2022.jsonl.gz") else {
        eprintln!("skipped: {} is missing", corpus_dir().join("1tv_news_2022.jsonl.gz").display());
        return;
    };
    let analyzer = Analyzer::new();
    let mut group = c.benchmark_group("1tv_2022");
    group.sample_size(20);
    group.bench_function("build", |b| {
        b.iter(|| SearchIndex::build(black_box(archive.articles()), &analyzer));
    });
    let index = SearchIndex::build(archive.articles(), &analyzer);
    // Reading the shipped index (what the app does with `archive-bundle index`'s file).
    let bytes = index.to_bytes("bench");
    group.bench_function("index_from_bytes", |b| {
        b.iter(|| SearchIndex::from_bytes(black_box(&bytes)).map(|(i, _)| i.term_count()));
    });
    bench_queries(&mut group, &archive, &index, &analyzer);
    group.finish();
}

/// The query list, each parsed and run for a first page of 10 (what the app and the browser
/// benchmark ask for).
fn bench_queries(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    archive: &Archive,
    index: &SearchIndex,
    analyzer: &Analyzer,
) {
    for (name, q) in QUERIES {
        group.sample_size(100);
        group.bench_function(format!("query_{name}"), |b| {
            b.iter(|| {
                let parsed = ParsedQuery::parse(black_box(q));
                let none = Filters::default();
                index.search_top(archive, analyzer, &parsed, &none, Sort::Relevance, 10)
            });
        });
    }
    // What the app's search page does per search: the matches, the facet counts over them,
    // then the first page of 20 in order.
    group.bench_function("page_with_facets", |b| {
        b.iter(|| {
            let parsed = ParsedQuery::parse(black_box("путин "));
            let none = Filters::default();
            let mut hits = index.candidates(archive, analyzer, &parsed);
            let facets = facet_counts_of(&hits, archive, &none);
            order(&mut hits, archive, Sort::Relevance, 20);
            (facets.total, hits.len())
        });
    });
}

/// The browser benchmark's English queries (bench/corpora.mjs), committed.
const QUERIES_EN: [&str; 22] = [
    "oil",
    "oil prices",
    "cocoa",
    "interest rates",
    "trade deficit",
    "opec",
    "wheat exports",
    "takeover bid",
    "\"money supply\"",
    "export*",
    "dollar yen",
    "japan",
    "merger",
    "earnings per share",
    "crude",
    "coffee quota",
    "federal reserve",
    "strike",
    "shipping",
    "gold",
    "bank england",
    "inflation",
];

fn bench_reuters(c: &mut Criterion) {
    let path = corpus_root().join("reuters-21578/articles.jsonl.gz");
    let Some(archive) = load_path(&path, "en") else {
        eprintln!("skipped: {} is missing", path.display());
        return;
    };
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(archive.articles(), &analyzer);
    let mut group = c.benchmark_group("reuters");
    group.sample_size(50);
    for q in QUERIES_EN {
        let committed = format!("{q} ");
        group.bench_function(format!("query {q}"), |b| {
            b.iter(|| {
                let parsed = ParsedQuery::parse(black_box(&committed));
                let none = Filters::default();
                index.search_top(&archive, &analyzer, &parsed, &none, Sort::Relevance, 10)
            });
        });
    }
    // What a results page draws besides the search: for each of its 20 results, the title
    // marked and the body's best passage (the whole body tokenised and matched). Two words
    // with long bodies, a phrase and a prefix.
    for q in ["oil prices", "\"money supply\"", "export*"] {
        let parsed = ParsedQuery::parse(&format!("{q} "));
        let none = Filters::default();
        let top = index.search_top(&archive, &analyzer, &parsed, &none, Sort::Relevance, 20);
        let texts: Vec<(String, String)> = top
            .iter()
            .map(|h| {
                let a = archive.at(h.pos);
                let body = a.body.iter().map(archive_core::Block::text).collect::<Vec<_>>();
                (a.title.clone(), body.join("\n"))
            })
            .collect();
        group.bench_function(format!("snippets {q}"), |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|(title, body)| {
                        highlight(title, &parsed, &analyzer).len()
                            + snippet(body, &parsed, &analyzer, 32).parts.len()
                    })
                    .sum::<usize>()
            });
        });
    }
    group.finish();
}

fn bench_1tv_all(c: &mut Criterion) {
    if std::env::var_os("ARCHIVE_BENCH_145K").is_none() {
        eprintln!("1tv_all: set ARCHIVE_BENCH_145K=1 to benchmark the 144,944-article build");
        return;
    }
    let file = "1tv_news.jsonl.gz";
    let started = Instant::now();
    let Some(archive) = load(file) else {
        eprintln!("skipped: {} is missing", corpus_dir().join(file).display());
        return;
    };
    let loaded = started.elapsed();
    let analyzer = Analyzer::new();
    let t = Instant::now();
    let index = SearchIndex::build(archive.articles(), &analyzer);
    let built = t.elapsed();
    // One line for scripts/bench-search.sh: reading and parsing the JSONL, then the build alone.
    println!(
        "1tv_all once: {} articles, {} terms; read+parse {:.2} s, build {:.2} s, total {:.2} s",
        archive.articles().len(),
        index.term_count(),
        loaded.as_secs_f64(),
        built.as_secs_f64(),
        (loaded + built).as_secs_f64()
    );
    let mut group = c.benchmark_group("1tv_all");
    bench_queries(&mut group, &archive, &index, &analyzer);
    drop(index);
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_millis(1)).measurement_time(Duration::from_secs(1));
    group.bench_function("build", |b| {
        b.iter_batched(
            || (),
            |()| SearchIndex::build(archive.articles(), &analyzer),
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench_1tv_2022(&mut c);
    bench_reuters(&mut c);
    bench_1tv_all(&mut c);
    c.final_summary();
}
