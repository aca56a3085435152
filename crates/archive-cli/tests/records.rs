//! `import records` and `stats` on the real corpus (`../shared/corpus`, read at test time and
//! never copied into the repository): per archive the article count, how many are dated, the
//! merges, and fields of specific articles checked against their source record. Bad input
//! (not JSON, not UTF-8, truncated gzip, ragged CSV) is made here, in the target directory.
//!
//! Expected values were read off the source files: the comment above each names the record.
//! The full 145k-row 1TV file is imported only by the ignored test at the end (and by
//! `scripts/bench-import.sh`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use archive_core::{load_bundle, Article, Block, Bundle, Severity};
use serde_json::{json, Value};

const GENERATED_AT: &str = "2026-11-30T00:00:00Z";

fn corpus(path: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus").join(path);
    assert!(p.is_file(), "the corpus file is expected at {}", p.display());
    p
}

fn tmp(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive-bundle"))
        .args(args)
        .output()
        .expect("run archive-bundle")
}

struct Imported {
    bundle: Bundle,
    report: Value,
    out: PathBuf,
}

impl Imported {
    fn article(&self, id: &str) -> &Article {
        self.bundle
            .articles
            .iter()
            .find(|a| a.id == id)
            .unwrap_or_else(|| panic!("no article {id}"))
    }

    fn count(&self, key: &str) -> u64 {
        self.report[key].as_u64().unwrap_or_else(|| panic!("report.{key}: {}", self.report[key]))
    }

    fn merges(&self) -> Vec<(String, String, String)> {
        self.report["merges"]
            .as_array()
            .expect("merges")
            .iter()
            .map(|m| {
                (
                    m["kept"].as_str().unwrap().to_owned(),
                    m["merged"].as_str().unwrap().to_owned(),
                    m["reason"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }
}

/// Imports `inputs` with `extra` options into `target/tmp/<name>.json`; the bundle must load
/// without error.
fn import(name: &str, inputs: &[PathBuf], extra: &[&str]) -> Imported {
    let out = tmp(&format!("{name}.json"));
    let report = tmp(&format!("{name}.report.json"));
    let mut args: Vec<std::ffi::OsString> = vec!["import".into(), "records".into()];
    args.extend(inputs.iter().map(|p| p.clone().into_os_string()));
    args.extend(extra.iter().map(std::ffi::OsString::from));
    args.extend(["--generated-at", GENERATED_AT, "-q", "-o"].map(std::ffi::OsString::from));
    args.push(out.clone().into_os_string());
    args.push("--report".into());
    args.push(report.clone().into_os_string());
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let o = run(&refs);
    assert!(o.status.success(), "import {name} failed: {}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&out).expect("bundle");
    let loaded = load_bundle(&text).expect("the bundle loads");
    let errors: Vec<String> = loaded
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    let report =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("report")).expect("JSON");
    Imported { bundle: loaded.bundle, report, out }
}

fn body_text(a: &Article) -> String {
    a.body.iter().map(Block::text).collect::<Vec<_>>().join("\n")
}

#[test]
fn zelenskyy_putin_press_releases() {
    let r = import("zp", &[corpus("zelenskyy-putin-press-releases/articles.jsonl.gz")], &[]);
    assert_eq!(r.count("records_read"), 1796);
    // kremlin-en-68079 and -68078 have the same body and date, but are two pages under two
    // titles (the 155th and the 126th brigade congratulated in the same words): kept apart,
    // and named.
    assert_eq!(r.merges(), vec![]);
    assert!(r.article("kremlin-en-68078").title.contains("126th"));
    assert!(r.article("kremlin-en-68079").title.contains("155th"));
    assert_eq!(r.count("same_body_other_page"), 1);
    let apart = r.report["same_body_other_page_records"][0].as_str().unwrap();
    assert!(apart.starts_with("kremlin-en-68078 (articles.jsonl.gz:"), "{apart}");
    assert!(apart.ends_with(": the body of kremlin-en-68079"), "{apart}");
    assert!(r.bundle.articles.iter().flat_map(|a| &a.notes).all(|n| !n.contains("/corpus/")));
    // The two Ukrainian joint statements share a body but not a date: kept apart.
    assert_eq!(r.count("same_body_other_date"), 1);
    // …and named, with the article whose body it has, both of which are in the bundle.
    let named = r.report["same_body_other_date_records"].as_array().unwrap();
    assert_eq!(named.len(), 1);
    let named = named[0].as_str().unwrap();
    let (record, earlier) = named.split_once(": the body of ").unwrap();
    assert!(record.contains("(articles.jsonl.gz:"), "{named}");
    let raw = record.split(' ').next().unwrap();
    assert!(r.bundle.articles.iter().any(|a| a.id == raw) && r.article(earlier).id == earlier);
    assert_ne!(raw, earlier);
    assert_eq!(r.bundle.articles.len(), 1796);
    assert_eq!(r.count("dated"), 1796);
    // The annual news conference: 176,484 characters in the source, one flattened paragraph.
    let k = r.article("kremlin-en-67438");
    assert_eq!(k.title, "Vladimir Putin's annual news conference");
    assert_eq!(k.date.unwrap().to_string(), "2021-12-23");
    assert_eq!(k.time.unwrap().to_string(), "16:10:00");
    assert_eq!(k.utc_offset.unwrap().to_string(), "Z");
    assert_eq!(k.places, vec!["Moscow".to_owned()]);
    let body = body_text(k);
    assert_eq!(body.chars().count(), 176_482, "the source's 176,484 less two trimmed spaces");
    assert!(body.starts_with("President of Russia Vladimir Putin: Good afternoon, colleagues."));
    assert!(body.ends_with("Happy New Year to all of you! I wish you all the best!"));
    // `location` NA is read as absent.
    assert!(r.article("kremlin-en-68699").places.is_empty());
    // The one empty headline gets a title derived from its text, with a note.
    let untitled = r.article(
        "president-ua-en-volodimir-zelenskij-ya-gotovij-piti-na-vse-yaksho-moya-hoda-73721",
    );
    assert!(!untitled.title.is_empty());
    assert!(untitled.notes.iter().any(|n| n.starts_with("title derived")));
}

#[test]
fn utc_offset_gives_a_sources_clock_times_the_offset_they_were_read_in() {
    // The scraper wrote `Z` after the Kremlin's Moscow times and the Ukrainian President's Kyiv
    // times (which change with summer time: no one offset).
    let input = corpus("zelenskyy-putin-press-releases/articles.jsonl.gz");
    let r = import(
        "zp-offsets",
        std::slice::from_ref(&input),
        &["--utc-offset", "en.kremlin.ru=+03:00", "--utc-offset", "none"],
    );
    let k = r.article("kremlin-en-67438");
    assert_eq!(k.date.unwrap().to_string(), "2021-12-23");
    assert_eq!(k.time.unwrap().to_string(), "16:10:00", "the time as written");
    assert_eq!(k.utc_offset.unwrap().to_string(), "+03:00");
    let timed = |source: &str| {
        r.bundle
            .articles
            .iter()
            .filter(|a| a.source.as_deref() == Some(source) && a.time.is_some())
            .collect::<Vec<_>>()
    };
    let (kremlin, kyiv) = (timed("en.kremlin.ru"), timed("president.gov.ua/en"));
    assert!(kremlin.len() > 500 && kyiv.len() > 500, "{} and {}", kremlin.len(), kyiv.len());
    assert!(kremlin.iter().all(|a| a.utc_offset.is_some_and(|o| o.to_string() == "+03:00")));
    assert!(kyiv.iter().all(|a| a.utc_offset.is_none()));
    assert!(r.bundle.articles.iter().filter(|a| a.time.is_none()).all(|a| a.utc_offset.is_none()));
    let set = &r.report["dates"]["offsets_set"];
    assert_eq!(
        set["en.kremlin.ru"],
        json!({ "offset": "+03:00", "times": kremlin.len(), "written": { "Z": kremlin.len() } })
    );
    assert_eq!(
        set["president.gov.ua/en"],
        json!({ "offset": "none", "times": kyiv.len(), "written": { "Z": kyiv.len() } })
    );

    // A misspelt source would change nothing: it is an error, naming the sources there are.
    let out = tmp("zp-offsets-bad.json");
    let _ = std::fs::remove_file(&out);
    let o = run(&[
        "import".as_ref(),
        "records".as_ref(),
        input.as_os_str(),
        "--utc-offset".as_ref(),
        "kremlin.ru=+03:00".as_ref(),
        "-q".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(
            "--utc-offset names a source no article has: kremlin.ru; the articles' sources are: \
             en.kremlin.ru, president.gov.ua/en. Nothing was written"
        ),
        "{stderr}"
    );
    assert!(!out.exists());
    // An offset that is none: said before anything is read.
    let o = run(&[
        "import".as_ref(),
        "records".as_ref(),
        input.as_os_str(),
        "--utc-offset".as_ref(),
        "+3".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("--utc-offset `+3`: "), "{stderr}");
    assert!(
        stderr.contains(
            "expected [SOURCE=]OFFSET, the OFFSET `Z`, ±HH:MM (such as +03:00) or `none`"
        ),
        "{stderr}"
    );
}

#[test]
fn kremlin_ru_2025_chrome_dates_and_datelines() {
    let r = import("kremlin-ru", &[corpus("kremlin-ru-2025/articles.jsonl.gz")], &[]);
    assert_eq!(r.bundle.articles.len(), 200);
    assert!(r.merges().is_empty());
    // Fields no target reads: in every record, but with something in only some, which is
    // what the import leaves out (27 lists of supplements; 173 are empty).
    assert_eq!(r.report["unmapped_fields"]["supplements"], 200);
    assert_eq!(r.report["unmapped_fields_filled"]["supplements"], 27);
    // 191 dated by the record; the 9 announcements by the "Дата публикации" the page prints.
    assert_eq!(r.count("dated"), 200);
    assert_eq!(r.report["dates"]["from_chrome"], 9);
    assert_eq!(r.report["cleaning"]["chrome_removed"]["kremlin-ru-trailer"], 200);
    // kremlin-ru-76870: "События Российско-китайские переговоры <lead> 8 мая 2025 года 10:10
    // Москва, Кремль Председатель КНР прибыл … Ссылка на материал: kremlin.ru/d/76870 Текстовая версия"
    let a = r.article("kremlin-ru-76870");
    assert_eq!(a.title, "Российско-китайские переговоры");
    assert_eq!(a.date.unwrap().to_string(), "2025-05-08");
    assert_eq!(a.time.unwrap().to_string(), "10:10");
    // The dateline dates the article as it is dated: its place is kept, not the date again
    // (the page shows the date above it).
    assert_eq!(a.dateline.as_deref(), Some("Москва, Кремль"));
    assert_eq!(r.report["cleaning"]["dateline_dates_dropped"], 191);
    assert_eq!(r.report["cleaning"]["datelines_from_body"], 191);
    let body = body_text(a);
    assert!(body.starts_with("Председатель КНР прибыл с официальным визитом"), "{body}");
    assert!(body.ends_with("межправительственных и межведомственных документов."), "{body}");
    assert_eq!(a.tags, vec!["Новости".to_owned()]);
    // kremlin-ru-76855 (announcement, no raw_date): "Дата публикации: 6 мая 2025 года, 16:10".
    let a = r.article("kremlin-ru-76855");
    assert_eq!(a.date.unwrap().to_string(), "2025-05-06");
    assert_eq!(a.time.unwrap().to_string(), "16:10");
    assert!(!body_text(a).contains("iCal"));
    // Section ids from the rubric names.
    assert!(r.bundle.sections.iter().any(|s| s.id == "anonsy" && s.title["ru"] == "Анонсы"));
    // kremlin-ru-76191 prints its headline again under the dateline: that copy goes too, and
    // no body begins with its title.
    assert!(body_text(r.article("kremlin-ru-76191")).starts_with("В.Путин: Ваше святейшество!"));
    let repeated: Vec<&str> = r
        .bundle
        .articles
        .iter()
        .filter(|a| body_text(a).starts_with(&a.title))
        .map(|a| a.id.as_str())
        .collect();
    assert!(repeated.is_empty(), "{repeated:?}");
}

#[test]
fn kremlin_twins_link_russian_and_english_by_the_shared_number() {
    let r = import(
        "kremlin-twins",
        &[
            corpus("kremlin-ru-2025/articles.jsonl.gz"),
            corpus("1tv-news-and-ru-state-media-index/other_sources_index.jsonl.gz"),
        ],
        &["--where", "source=^kremlin", "--archive-id", "kremlin"],
    );
    assert_eq!(r.count("skipped_by_filter"), 76_588 - 1_402);
    assert_eq!(r.bundle.articles.len(), 1_602);
    assert_eq!(r.report["twins"]["pairs"], 11);
    // kremlin-1348 is en.kremlin.ru/…/speeches/76290; kremlin.ru/…/news/76290 is kremlin-ru-76290.
    assert_eq!(r.article("kremlin-1348").twins, vec!["kremlin-ru-76290".to_owned()]);
    assert_eq!(r.article("kremlin-ru-76290").twins, vec!["kremlin-1348".to_owned()]);
    assert_eq!(r.bundle.archive.languages, vec!["en".to_owned(), "ru".to_owned()]);
}

#[test]
fn first_channel_2022() {
    let r = import(
        "1tv-2022",
        &[corpus("1tv-news-and-ru-state-media-index/1tv_news_2022.jsonl.gz")],
        &[],
    );
    assert_eq!(r.count("records_read"), 5_437);
    // Six "Время" editions share the boilerplate body of an earlier one on another date: not merged.
    assert!(r.merges().is_empty());
    assert_eq!(r.count("same_body_other_date"), 6);
    assert_eq!(r.bundle.articles.len(), 5_437);
    assert_eq!(r.count("dated"), 5_437);
    let a = r.article("1tv-2022-01-01-418958-sergey_shakurov_prinimaet_pozdravleniya_s_80_letiem");
    assert_eq!(a.title, "Сергей Шакуров принимает поздравления с 80-летием");
    assert_eq!(a.date.unwrap().to_string(), "2022-01-01");
    assert_eq!(body_text(a), "Его появление в кадре и на сцене всегда буря, бешеная энергетика, а еще характер, о котором тоже ходят легенды.");
    assert_eq!(a.section.as_deref(), Some("society-culture"));
    // A body starting with the word "События" is not Kremlin chrome.
    assert!(r.report["cleaning"]["chrome_removed"].get("kremlin-ru-events").is_none());
    // 1TV cut its titles at 100 characters: 520 are that long as written and end mid-sentence,
    // 36 more after the trailing space is trimmed. Each ends with "…" now.
    assert_eq!(r.report["titles_cut"]["1tv.ru"]["length"], 100);
    assert_eq!(r.report["titles_cut"]["1tv.ru"]["marked"], 556);
    let a = r.article("1tv-2022-01-04-419028-itogi_raboty_korporatsii_takticheskoe_raketnoe_vooruzhenie_vladimir_putin_obsudil_s_gendirektorom_borisom_obnosovym");
    assert!(a.title.ends_with("обсудил с гендиректором Бор…"), "{}", a.title);
    // Only those: no title of the source ends with "…" itself.
    let ellipsed = r.bundle.articles.iter().filter(|a| a.title.ends_with('…')).count();
    assert_eq!(ellipsed, 556);
}

#[test]
fn cut_titles_can_be_kept_as_the_source_wrote_them() {
    let src = tmp("cut-titles.jsonl");
    let mut lines = String::new();
    for i in 0..8 {
        // Six titles cut at 40 characters, one of them after a sentence's end, and two whole.
        let title = match i {
            0 => "A short title".to_owned(),
            1 => "Another one.".to_owned(),
            2 => format!("{:.<39}!", "Ends a sentence"),
            _ => format!("{:x<40}", format!("Cut title {i} ")),
        };
        let record =
            json!({"id": format!("t{i}"), "title": title, "body": "Text.", "date": "2024-01-01"});
        lines.push_str(&format!("{record}\n"));
    }
    std::fs::write(&src, lines).unwrap();
    let titles = |r: &Imported| -> Vec<String> {
        let mut t: Vec<(String, String)> =
            r.bundle.articles.iter().map(|a| (a.id.clone(), a.title.clone())).collect();
        t.sort();
        t.into_iter().map(|(_, title)| title).collect()
    };
    let marked = import("cut-titles", std::slice::from_ref(&src), &["--lang", "en"]);
    let got = titles(&marked);
    assert_eq!(got[0], "A short title");
    assert_eq!(got[1], "Another one.");
    assert!(got[2].ends_with('!'), "{}", got[2]);
    assert!(got[3..].iter().all(|t| t.ends_with("xx…") && t.chars().count() == 41), "{got:?}");
    assert_eq!(marked.report["titles_cut"]["(no source)"]["marked"], 5);
    let kept = import("cut-titles-kept", &[src], &["--lang", "en", "--keep-cut-titles"]);
    let got = titles(&kept);
    assert!(got[3..].iter().all(|t| t.ends_with("xx") && t.chars().count() == 40), "{got:?}");
    assert_eq!(kept.report["titles_cut"]["(no source)"]["kept"], true);
}

#[test]
fn other_sources_index_entities_decoded_once() {
    let r = import(
        "other",
        &[corpus("1tv-news-and-ru-state-media-index/other_sources_index.jsonl.gz")],
        &[],
    );
    assert_eq!(r.bundle.articles.len(), 76_588);
    assert_eq!(r.count("dated"), 76_588);
    assert!(r.merges().is_empty());
    // rt-8: "Smith &amp; Wesson gun maker hits record financials year after US shootings"
    assert_eq!(
        r.article("rt-8").title,
        "Smith & Wesson gun maker hits record financials year after US shootings"
    );
    // rt-1456: "Spain&#039;s King Juan Carlos to abdicate after 40 years on the throne"
    assert_eq!(
        r.article("rt-1456").title,
        "Spain's King Juan Carlos to abdicate after 40 years on the throne"
    );
    // mfa-920: "… secretary of state for foreign &amp; commonwealth affairs …"
    assert!(r.article("mfa-920").title.contains("foreign & commonwealth affairs"));
    assert_eq!(r.report["cleaning"]["entities_decoded"], 100);
    // kremlin-0's summary "Events\nPresident Vladimir Putin’s New Year Address to the Na" loses
    // the section name.
    assert_eq!(r.article("kremlin-0").lead, None, "the rest repeats the title");
    assert_eq!(r.report["cleaning"]["chrome_removed"]["kremlin-en-events"], 1_402);
}

#[test]
fn reuters_21578_dates_entities_and_signoffs() {
    let r = import("reuters", &[corpus("reuters-21578/articles.jsonl.gz")], &[]);
    assert_eq!(r.count("records_read"), 21_578);
    // reuters-12793 is an UNPROC item of control marks only.
    assert_eq!(
        r.report["skipped"][0]["origin"].as_str().unwrap().rsplit(':').next(),
        Some("12793")
    );
    let merges = r.merges();
    assert_eq!(merges.len(), 272);
    assert!(merges.iter().all(|(.., why)| why == "same body"));
    // reuters-491 "FORD &lt;F> INCREASES 2ND QTR OUTPUT PLANS -REPORT" and reuters-495 "FORD
    // INCREASES 2ND QTR OUTPUT PLANS, REPORT SAYS" carry one body on one day.
    assert!(merges.contains(&("reuters-491".into(), "reuters-495".into(), "same body".into())));
    // reuters-522 and reuters-8344 repeat a Fed notice on another day: kept apart.
    assert!(!merges.iter().any(|(_, m, _)| m == "reuters-8344"));
    assert_eq!(r.bundle.articles.len(), 21_578 - 1 - 272);
    assert_eq!(
        r.count("dated"),
        r.bundle.articles.len() as u64,
        "every Reuters item prints a date"
    );
    // The malformed "31-MAR-1987 605:12:19.12": the day is kept, the garbled time dropped.
    let a = r.article("reuters-17192");
    assert_eq!(a.date.unwrap().to_string(), "1987-03-31");
    assert_eq!(a.time, None);
    assert!(a.notes.iter().any(|n| n.contains("605:12:19.12")), "{:?}", a.notes);
    // The only other date remark: reuters-15370's "9-APR-1987 00:00:00.00    # date added by S
    // Finch as guesswork" keeps the date and reports the comment.
    let problems = r.report["dates"]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0]["id"], "reuters-15370");
    assert!(problems[0]["what"].as_str().unwrap().contains("guesswork"));
    // reuters-2: "STANDARD OIL &lt;SRD> TO FORM FINANCIAL UNIT", body ending "\n\n Reuter\n&#3;".
    let a = r.article("reuters-2");
    assert_eq!(a.title, "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT");
    assert_eq!(a.time.unwrap().to_string(), "15:02:20");
    assert_eq!(a.dateline.as_deref(), Some("CLEVELAND, Feb 26"));
    assert_eq!(a.body.len(), 3);
    let body = body_text(a);
    assert!(body.contains("British Petroleum Co Plc <BP>, which"));
    assert!(!body.contains("Reuter") && !body.contains('\u{3}'));
}

/// A line of reut2-017.sgm with its Latin-1 byte, made into a one-record JSON Lines file.
fn latin1_record() -> (PathBuf, String) {
    let mut sgm = Vec::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open(corpus("reuters-21578/raw/reut2-017.sgm.gz")).unwrap(),
    )
    .read_to_end(&mut sgm)
    .unwrap();
    let line = sgm
        .split(|&b| b == b'\n')
        .find(|l| std::str::from_utf8(l).is_err())
        .expect("reut2-017.sgm has a non-UTF-8 line")
        .iter()
        .copied()
        .filter(|&b| b != b'"' && b != b'\\' && b >= 0x20)
        .collect::<Vec<u8>>();
    let expected: String = line.iter().map(|&b| char::from(b)).collect();
    let path = tmp("reut2-017-line.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(b"{\"id\": \"reut2-017-line\", \"title\": \"").unwrap();
    f.write_all(&line).unwrap();
    f.write_all(b"\", \"date\": \"8-APR-1987 09:00:00.00\"}\n").unwrap();
    (path, expected)
}

#[test]
fn a_latin1_file_is_an_error_unless_latin1_is_asked_for() {
    let (path, expected) = latin1_record();
    let out = tmp("latin1.json");
    let o = run(&[
        "import".as_ref(),
        "records".as_ref(),
        path.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("reut2-017-line.jsonl:1: not UTF-8: invalid byte 0xFC"), "{err}");
    assert!(err.contains("byte offset") && err.contains("--encoding latin1"), "{err}");
    let r = import("latin1", &[path], &["--encoding", "latin1"]);
    let title = &r.article("reut2-017-line").title;
    assert!(expected.contains("growth.ü") && title.contains("growth.üside"), "{title}");
}

#[test]
fn softcatala_html_and_autolinks() {
    let r = import("softcatala", &[corpus("softcatala-articles-ca/articles.jsonl.gz")], &[]);
    assert_eq!(r.bundle.articles.len(), 623);
    assert_eq!(r.count("dated"), 623);
    assert!(r.merges().is_empty(), "the repeated title is two different articles");
    assert_eq!(r.bundle.archive.languages, vec!["ca".to_owned()]);
    // softcatala-12521: "(Font: <a href=\"http://www.vilaweb.com\">Vilaweb</a>)".
    let body = body_text(r.article("softcatala-12521"));
    assert!(body.contains("(Font: Vilaweb)") && !body.contains("<a"), "{body}");
    // softcatala-1223: "[1] <http://computers.sympatico.ca/…>" stays as text.
    assert!(body_text(r.article("softcatala-1223")).contains("<http://computers.sympatico.ca/"));
    // softcatala-815: "2002-02-13 00:00:00", where 388 of the 623 times are midnight: no
    // time was given, and the reader is shown none.
    let a = r.article("softcatala-815");
    assert_eq!((a.date.unwrap().to_string(), a.time), ("2002-02-13".into(), None));
    assert_eq!(r.report["dates"]["midnight_dropped"]["softcatala.org"], json!([388, 623]));
    // softcatala-16168: "2021-12-14 21:18:13" keeps its time.
    let a = r.article("softcatala-16168");
    assert_eq!(a.time.map(|t| t.to_string()).as_deref(), Some("21:18:13"));
    // The bodies are Markdown, read here as text: the report says so.
    let like = r.report["cleaning"]["markdown_like"].as_u64().unwrap();
    assert!(like > 500, "{like} bodies look like Markdown");
    assert!(body_text(r.article("softcatala-10018")).contains("## 395.091 visitants"));
}

#[test]
fn softcatala_markdown_bodies_become_blocks() {
    let r = import(
        "softcatala-md",
        &[corpus("softcatala-articles-ca/articles.jsonl.gz")],
        &["--markdown", "--source-url", "https://www.softcatala.org/"],
    );
    assert_eq!(r.bundle.articles.len(), 623);
    assert_eq!(r.report["cleaning"]["markdown_bodies"].as_u64(), Some(623));
    assert_eq!(r.report["cleaning"]["markdown_like"].as_u64(), Some(0));
    // No Markdown mark is left in any text: links keep their words, headings and lists are
    // blocks. Only the links that are not Markdown stay as written: an address with a space
    // (softcatala-1132: `[Vorbis](http://ca.wikipedia.org/wiki/Ogg Vorbis)`).
    let left: Vec<&str> = r
        .bundle
        .articles
        .iter()
        .filter(|a| {
            let body = body_text(a);
            body.contains("\n## ") || body.starts_with("## ") || body.contains("](http")
        })
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(left, ["softcatala-1132"]);
    let a = r.article("softcatala-10018");
    assert!(a.body.iter().any(
        |b| matches!(b, Block::Heading { text, .. } if text == "395.091 visitants únics mensuals")
    ));
    let body = body_text(a);
    assert!(body.contains("el traductor i el corrector"), "{body}");
    // softcatala-12521 had HTML inside its Markdown: "(Font: <a href=…>Vilaweb</a>)".
    assert!(body_text(r.article("softcatala-12521")).contains("(Font: Vilaweb)"));
    // Images and documents on the site's own paths (`/articles/x.jpg`) are made whole against
    // it: the app would read them against its own address.
    let resolved = r.report["cleaning"]["links_resolved"].as_u64().unwrap();
    assert!(resolved >= 39, "{resolved}");
    for a in &r.bundle.articles {
        for b in &a.body {
            if let Block::Image { src, .. } | Block::Document { href: Some(src), .. } = b {
                assert!(
                    src.starts_with("http://") || src.starts_with("https://"),
                    "{}: {src}",
                    a.id
                );
            }
        }
    }
    let blocks = &r.report["cleaning"]["blocks"];
    assert!(blocks["heading"].as_u64().unwrap_or(0) > 100, "{blocks}");
    assert!(blocks["list"].as_u64().unwrap_or(0) > 100, "{blocks}");
}

#[test]
fn corus_literal_n_rows_and_id_collisions() {
    let r = import("corus", &[corpus("corus-ru-news-samples/articles.jsonl")], &[]);
    assert_eq!(r.bundle.articles.len(), 74);
    assert!(r.merges().is_empty());
    // corus-ria-0…8 name both an ODS row and a different RIA JSON row: kept apart.
    assert_eq!(r.report["id_collisions"].as_array().unwrap().len(), 9);
    // Each of the nine is suffixed, said in the report and on the article.
    let changed = r.report["ids_changed"].as_array().unwrap();
    let taken: Vec<&serde_json::Value> =
        changed.iter().filter(|c| c["reason"] == "taken").collect();
    assert_eq!(taken.len(), 9);
    for c in taken {
        let id = c["id"].as_str().unwrap();
        assert!(id.starts_with(&format!("{}-", c["raw"].as_str().unwrap())), "{c}");
        assert!(r.article(id).notes.iter().any(|n| n.contains("was taken by an earlier article")));
    }
    // The RIA JSON and Lenta rows print no date.
    assert_eq!(r.count("dated"), 63);
    assert_eq!(r.report["cleaning"]["literal_n_rows"], 63);
    // corus-meduza-0: "…закон, который онnвступилnв силу…"; corus-gazeta-0: "…месяца.nnДля…".
    let m = body_text(r.article("corus-meduza-0"));
    assert!(!m.contains("онnвступил") && m.contains("он вступил в"), "{m}");
    let g = r.article("corus-gazeta-0");
    assert!(g.body.len() >= 3);
    assert!(g
        .body
        .iter()
        .any(|b| b.text().starts_with("Для установления средних цен на нефть марки Urals")));
    // corus-gazeta-1: "сообщаетnРИА «Новости»n.nВ природе" → one sentence, then a paragraph.
    let g1 = body_text(r.article("corus-gazeta-1"));
    assert!(g1.contains("сообщает РИА «Новости».\nВ природе"), "{g1}");
    // A RIA JSON row is lower-cased HTML: paragraphs, no tags.
    let ria = r
        .bundle
        .articles
        .iter()
        .find(|a| a.id.starts_with("corus-ria-0-"))
        .expect("the second corus-ria-0");
    assert!(body_text(ria).starts_with("москва, 31 янв - риа новости. большая часть"));
    assert_eq!(r.report["cleaning"]["html_bodies"], 10);
}

#[test]
fn stats_counts_and_draws_the_years() {
    let r = import("stats-zp", &[corpus("zelenskyy-putin-press-releases/articles.jsonl.gz")], &[]);
    let o = run(&["stats".as_ref(), r.out.as_os_str()]);
    assert!(o.status.success());
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("1796 articles"), "{s}");
    assert!(s.contains("merged duplicates: 0"), "{s}");
    assert!(s.contains("without date: 0"), "{s}");
    assert!(s.lines().any(|l| l.trim_start().starts_with("2022") && l.contains('█')), "{s}");
    assert!(s.contains("en.kremlin.ru") && s.contains("president.gov.ua/en"), "{s}");
    let o = run(&["stats".as_ref(), r.out.as_os_str(), "--json".as_ref()]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["by_source"]["en.kremlin.ru"], 816);
    // 7.8 MB of text (3.5 MB gzip) as one file: check says what sharding would spare, apart
    // from the problems it counts.
    let o = run(&["check".as_ref(), r.out.as_os_str()]);
    assert!(o.status.success());
    let s = String::from_utf8_lossy(&o.stdout);
    let summary = s.lines().find(|l| l.contains("articles usable")).unwrap();
    assert!(summary.ends_with("0 errors, 0 warnings"), "{s}");
    let note = s.lines().last().unwrap();
    assert!(note.starts_with("note: the bundle is 7.8 MB (3."), "{s}");
    assert!(note.ends_with("`archive-bundle shard` serves the first page from a few small files"));
    assert_eq!(
        v["by_year"]["2021"].as_u64().unwrap() + v["by_year"]["2022"].as_u64().unwrap(),
        1796
    );
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let p = tmp(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn import_err(path: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let out = tmp("bad-out.json");
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["import".as_ref(), "records".as_ref(), path.as_os_str()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    args.extend(["-o".as_ref(), out.as_os_str()]);
    let o = run(&args);
    (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn bad_input_names_file_line_and_expectation() {
    let (code, err) = import_err(&write("notjson.json", b"<html>oops</html>"), &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("notjson.json:1: not JSON"), "{err}");
    // A title without its language says how one is written.
    let one = write("one.jsonl", b"{\"id\": \"a\", \"title\": \"A\", \"lang\": \"en\"}\n");
    let (code, err) = import_err(&one, &["--title", "Kremlin"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("--title `Kremlin`: expected LANG=TEXT, such as --title \"en=Kremlin\""),
        "{err}"
    );

    let ragged =
        write("ragged.csv", b"id,title,date\n1,One,2020-01-01\n2,Two\n3,Three,2020-01-03\n");
    let (code, err) = import_err(&ragged, &[]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("ragged.csv:3: row has 2 fields, expected 3 as in the header row"),
        "{err}"
    );
    let r = import("ragged", &[ragged], &["--keep-going", "--lang", "en"]);
    assert_eq!(r.bundle.articles.len(), 2);
    assert_eq!(r.report["bad_records"][0]["line"], 3);

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..3000 {
        writeln!(gz, "{{\"id\": \"a{i}\", \"title\": \"Article number {i}\", \"lang\": \"en\"}}")
            .unwrap();
    }
    let bytes = gz.finish().unwrap();
    let cut = write("cut.jsonl.gz", &bytes[..bytes.len() * 2 / 3]);
    let (code, err) = import_err(&cut, &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("cut.jsonl.gz:") && err.contains("gzip stream is truncated"), "{err}");
    let r = import("cut", &[cut], &["--keep-going"]);
    let n = r.bundle.articles.len() as u64;
    assert!(n > 0 && n < 3000);
    assert_eq!(r.count("records_read"), n, "nothing dropped without a count");
    assert_eq!(r.report["bad_records"].as_array().unwrap().len(), 1);
    // The place is said once: the report's `what` does not repeat the file and line.
    let what = r.report["bad_records"][0]["what"].as_str().unwrap();
    assert!(what.starts_with("the gzip stream is truncated"), "{what}");

    // A quote left open takes the rows after it into its field: the bad row says which lines
    // went with it, so none is lost unsaid.
    let open = write(
        "open-quote.csv",
        b"id,title,date,body\na1,One,2024-01-01,Body one\na2,\"Broken title,2024-01-02,Two\n\
          a3,Three,2024-01-03,Three\na4,Four,2024-01-04,Body \"four\" here\na5,Five,2024-01-05,Five\n",
    );
    let r = import("open-quote", &[open], &["--keep-going", "--lang", "en"]);
    let ids: Vec<&str> = r.bundle.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    let bad = &r.report["bad_records"][0];
    assert_eq!(bad["line"], 3);
    assert!(
        bad["what"].as_str().unwrap().ends_with(
            "a quoted field runs from line 3 to line 5 (a quote left open takes the lines after \
             it into its field), so lines 4–5 are left out with this row"
        ),
        "{bad}"
    );

    // The summary names a file as it is named (not lower-cased with its format) and counts in
    // the singular for one.
    let upper = write("Upper.CSV", b"id,title,date\nu1,One,2020-01-01\n");
    let (code, err) = import_err(&upper, &["--lang", "en"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("read 1 record: ") && err.contains("Upper.CSV (csv: 1 record)"), "{err}");

    // Nothing to import is refused, not written as an empty archive: an empty export, and one
    // whose every record is bad.
    for (name, bytes) in [
        ("empty.jsonl", &b""[..]),
        ("empty.csv", b"id,title,date\n"),
        ("all-bad.jsonl", b"{\"id\": \"x\"\n"),
    ] {
        let out = tmp("bad-out.json");
        let _ = std::fs::remove_file(&out);
        let (code, err) = import_err(&write(name, bytes), &["--keep-going"]);
        assert_eq!(code, Some(1), "{name}: {err}");
        assert!(
            err.contains("no article to import (see the counts above): nothing written"),
            "{err}"
        );
        // The counts read whole: no empty list before or after a semicolon.
        assert!(
            err.contains("articles: 0 (0 dated, 0 undated, 0 without body)\n")
                && err.contains("dates: none read; "),
            "{err}"
        );
        assert!(!out.exists(), "{name}: nothing written");
    }

    let (code, err) = import_err(&tmp("does-not-exist.jsonl"), &[]);
    assert_eq!(code, Some(2), "{err}");
}

#[test]
fn csv_and_json_arrays_with_a_mapping() {
    // The raw Kremlin CSV: 93 columns, text split over article_full_text_1..10, Name_1..64.
    let r = import(
        "kremlin-raw-csv",
        &[corpus("kremlin-ru-2025/raw/kremlin_articles_ru_enhanced.csv.gz")],
        &[
            "--map",
            "date=raw_date",
            "--map",
            "people=Name_*",
            "--map",
            "lead=summary",
            "--lang",
            "ru",
        ],
    );
    assert_eq!(r.bundle.articles.len(), 200);
    assert_eq!(r.count("dated"), 200);
    assert_eq!(r.report["languages"]["from_option"], 200);
    // The 114,703-character text spans four columns; joined, its trailer is found and removed.
    assert_eq!(r.report["cleaning"]["chrome_removed"]["kremlin-ru-trailer"], 200);
    // A JSON array: Softcatalà's raw export, `content` as the body.
    let r = import(
        "softcatala-raw",
        &[corpus("softcatala-articles-ca/raw/articles.json.gz")],
        &["--lang", "ca"],
    );
    assert_eq!(r.bundle.articles.len(), 623);
    assert_eq!(r.report["inputs"][0]["format"], "json");
    // CSV with R's NA: putin.csv and zelenskyy.csv, language detected.
    let r = import(
        "zp-raw",
        &[
            corpus("zelenskyy-putin-press-releases/raw/putin.csv.gz"),
            corpus("zelenskyy-putin-press-releases/raw/zelenskyy.csv.gz"),
        ],
        &[],
    );
    assert_eq!(r.count("records_read"), 1796);
    assert_eq!(r.report["languages"]["detected"], 1796);
    assert_eq!(r.bundle.archive.default_language, "en");
    assert!(r.report["null_like_values"]["places: NA"].as_u64().unwrap() >= 500);
}

#[test]
#[ignore = "imports the 145k-row 1TV file (about a minute in debug builds); scripts/bench-import.sh times it"]
fn first_channel_full() {
    let r =
        import("1tv-full", &[corpus("1tv-news-and-ru-state-media-index/1tv_news.jsonl.gz")], &[]);
    assert_eq!(r.count("records_read"), 144_944);
    assert_eq!(r.count("dated"), r.bundle.articles.len() as u64);
}

#[test]
fn ids_rewritten_or_suffixed_are_reported() {
    let input = write(
        "ids.jsonl",
        concat!(
            r#"{"id": "x y", "title": "First", "date": "2024-01-02", "lang": "en", "body": "One."}"#,
            "\n",
            r#"{"id": "x-y", "title": "Second", "date": "2024-01-03", "lang": "en", "body": "Two."}"#,
            "\n",
            r#"{"id": "новости 1", "title": "Третья", "date": "2024-01-04", "lang": "ru", "body": "Три."}"#,
            "\n",
            r#"{"id": "plain", "title": "Fourth", "date": "2024-01-05", "lang": "en", "body": "Four."}"#,
            "\n",
            r#"{"id": "k", "title": "Fifth", "date": "2024-01-06", "lang": "klingon", "body": "The ministers of defence met in Minsk on Tuesday and agreed on a joint exercise for the autumn."}"#,
            "\n",
            r#"{"id": "x / y", "title": "Sixth", "date": "2024-01-07", "lang": "en", "body": "Six."}"#,
            "\n",
            r#"{"id": "!!!", "title": "Seventh", "date": "2024-01-08", "lang": "en", "body": "Seven."}"#,
            "\n",
        )
        .as_bytes(),
    );
    let r = import("ids", &[input], &[]);
    let changed: Vec<(String, String, String)> = r.report["ids_changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_owned();
            (s("raw"), s("id"), s("reason"))
        })
        .collect();
    assert_eq!(changed.len(), 5, "{changed:?}");
    // One entry per article, with both reasons when both apply; an id with no usable character
    // is made anew (an empty one counts as absent, like `NA`).
    assert_eq!((changed[3].0.as_str(), changed[3].2.as_str()), ("x / y", "url-safe, taken"));
    assert!(changed[3].1.starts_with("x-y-") && changed[3].1 != changed[1].1);
    assert_eq!((changed[4].0.as_str(), changed[4].2.as_str()), ("!!!", "unusable"));
    assert!(changed[4].1.starts_with("r-"), "{changed:?}");
    assert_eq!(changed[0], ("x y".into(), "x-y".into(), "url-safe".into()));
    // `x-y` as written is taken by the first record's rewritten id: the second is suffixed.
    assert_eq!((changed[1].0.as_str(), changed[1].2.as_str()), ("x-y", "taken"));
    assert!(changed[1].1.starts_with("x-y-"));
    assert_eq!((changed[2].0.as_str(), changed[2].1.as_str()), ("новости 1", "novosti-1"));
    assert!(r.article(&changed[1].1).notes.iter().any(|n| n.contains("`x-y` was taken")));
    assert!(r.article("plain").notes.iter().all(|n| !n.contains("taken")));
    // A language value that is no tag is reported, and the text's language is detected.
    assert_eq!(r.report["languages"]["unrecognised"], serde_json::json!(["k: klingon"]));
    assert_eq!(r.article("k").lang, "en");
}

#[test]
fn the_bundle_and_its_report_go_into_folders_made_for_them() {
    let input = write(
        "to-a-folder.jsonl",
        br#"{"id": "a", "title": "Title", "date": "2024-01-02", "lang": "en", "body": "Text."}
"#,
    );
    let _ = std::fs::remove_dir_all(tmp("made"));
    let r = import("made/for/it", &[input], &[]);
    assert_eq!(r.bundle.articles.len(), 1);
    assert!(r.out.starts_with(tmp("made/for")));
    assert!(tmp("made/for/it.report.json").is_file());
}

#[test]
fn a_map_to_a_field_no_record_has_is_an_error_and_nothing_is_written() {
    let input = write(
        "map-missing.jsonl",
        br#"{"id": "a", "headline": "Title", "date": "2024-01-02", "lang": "en", "body": "Text.", "section": ["first", "second"]}
"#,
    );
    let out = tmp("bad-out.json");
    let _ = std::fs::remove_file(&out);
    let (code, err) = import_err(
        &input,
        &["--map", "title=headlne", "--map", "lead=", "--map", "source=agency+headline"],
    );
    // The misspelt field is named, with the fields there are; an empty mapping (not read) and
    // one that found a field are not.
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("--map title=headlne: no record has this field; the records' fields are: body, date, headline, id, lang, section. Nothing was written"),
        "{err}"
    );
    assert!(!out.exists(), "no bundle written");
    // Spelt right, the same import works; a section given as a list is its first item.
    let r = import(
        "map-found",
        &[input],
        &["--map", "title=headline", "--map", "lead=", "--map", "source=agency+headline"],
    );
    assert_eq!(r.article("a").title, "Title");
    assert_eq!(r.article("a").section.as_deref(), Some("first"));
}

#[test]
fn short_texts_detected_with_little_confidence_take_the_main_language() {
    // The first 300 Reuters records without their `lang`: many are two-line notices.
    let mut text = String::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open(corpus("reuters-21578/articles.jsonl.gz")).unwrap(),
    )
    .read_to_string(&mut text)
    .unwrap();
    let mut lines = String::new();
    for line in text.lines().take(300) {
        let mut v: Value = serde_json::from_str(line).unwrap();
        v.as_object_mut().unwrap().remove("lang");
        lines.push_str(&v.to_string());
        lines.push('\n');
    }
    let r = import("reuters-nolang", &[write("reuters-nolang.jsonl", lines.as_bytes())], &[]);
    let l = &r.report["languages"];
    assert_eq!(l["detected"], 300);
    let set = l["set_to_main"].as_u64().unwrap();
    assert!(set >= 10, "{l}");
    let uncertain = l["uncertain"].as_array().unwrap();
    let moved: Vec<&Value> = uncertain.iter().filter(|u| u["detected"] != u["lang"]).collect();
    assert_eq!(moved.len() as u64, set);
    for u in moved {
        assert_eq!(u["lang"], "en", "{u}");
        let a = r.article(u["id"].as_str().unwrap());
        assert_eq!(a.lang, "en");
        assert!(a
            .notes
            .iter()
            .any(|n| n.contains("set to the archive's main language in this script, en")));
    }
}

#[test]
fn an_uncertain_guess_takes_the_main_language_of_its_own_script_only() {
    let rec = |id: &str, lang: Option<&str>, title: &str, body: &str| {
        let mut v =
            serde_json::json!({"id": id, "title": title, "date": "2024-01-02", "body": body});
        if let Some(l) = lang {
            v["lang"] = l.into();
        }
        v.to_string() + "\n"
    };
    let english = [
        rec("e1", Some("en"), "Council met", "The council met in Minsk on Tuesday."),
        rec("e2", Some("en"), "Talks held", "Talks were held in Moscow."),
        rec("e3", Some("en"), "Exercise", "The exercise ended."),
    ]
    .concat();
    let short_russian = [
        rec("r1", None, "Итоги", "Да, это так."),
        rec("r2", None, "Заседание", "Заседание прошло."),
    ]
    .concat();
    // No Russian article is sure of its language: the Cyrillic guesses stay Cyrillic.
    let r = import(
        "script-a",
        &[write("script-a.jsonl", (english.clone() + &short_russian).as_bytes())],
        &[],
    );
    for id in ["r1", "r2"] {
        assert_ne!(r.article(id).lang, "en", "{id}: {:?}", r.article(id).notes);
    }
    // With Russian articles of known language, the uncertain Cyrillic ones join them.
    let sure_russian = [
        rec("s1", Some("ru"), "Совет", "Совет собрался во вторник."),
        rec("s2", Some("ru"), "Переговоры", "Переговоры прошли в Москве."),
    ]
    .concat();
    let all = english + &sure_russian + &short_russian;
    let r = import("script-b", &[write("script-b.jsonl", all.as_bytes())], &[]);
    for id in ["r1", "r2"] {
        assert_eq!(r.article(id).lang, "ru", "{id}: {:?}", r.article(id).notes);
    }
}

#[test]
fn the_summary_names_what_it_left_out_and_two_inputs_of_one_name_apart() {
    // A bad record without --keep-going: the error says nothing was written, and how to go on.
    let bad = write("stop-here.jsonl", b"{\"id\": \"a\", \"title\": \"A\"}\n{\"id\": \"b\", \n");
    let (code, err) = import_err(&bad, &["--lang", "en"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("stop-here.jsonl:2:") && err.contains("nothing was written (--keep-going"),
        "{err}"
    );

    // Two inputs named alike, in two folders; one record with nothing to show.
    let (one, two) = (tmp("origins/one"), tmp("origins/two"));
    for dir in [&one, &two] {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(
        one.join("articles.jsonl"),
        "{\"id\": \"x1\", \"title\": \"One\", \"date\": \"2024-01-01\"}\n",
    )
    .unwrap();
    std::fs::write(
        two.join("articles.jsonl"),
        "{\"id\": \"x2\", \"title\": \"Two\", \"date\": \"2024-01-02\"}\n{\"id\": \"x3\", \"date\": \"2024-01-03\"}\n",
    )
    .unwrap();
    let out = tmp("origins.json");
    let args: Vec<std::ffi::OsString> = vec![
        "import".into(),
        "records".into(),
        one.join("articles.jsonl").into(),
        two.join("articles.jsonl").into(),
        "--lang".into(),
        "en".into(),
        "-o".into(),
        out.clone().into(),
    ];
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let o = run(&refs);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert!(
        summary.contains("left out (no title, lead or body): 1\n  two/articles.jsonl:2: "),
        "{summary}"
    );
    let bundle = load_bundle(&std::fs::read_to_string(&out).unwrap()).unwrap().bundle;
    assert_eq!(bundle.articles.len(), 2);
    // A file alone is named by its name only (no folder of the publisher's disk).
    let args = [&args[..2], &args[3..]].concat();
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let o = run(&refs);
    let summary =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert!(
        summary.contains("left out (no title, lead or body): 1\n  articles.jsonl:2: "),
        "{summary}"
    );
}

#[test]
fn the_summary_says_what_check_will_warn_of_by_kind() {
    // Two addresses the reader will not follow, two pictures without an address to read them
    // against, one article with no date: the bundle is written, with the warnings `check` gives.
    let input = write(
        "warned.jsonl",
        concat!(
            "{\"id\": \"a1\", \"title\": \"One\", \"date\": \"2024-01-01\", \"url\": \"javascript:alert(1)\", \"body\": \"Text one.\"}\n",
            "{\"id\": \"a2\", \"title\": \"Two\", \"date\": \"2024-01-02\", \"url\": \"data:text/html,x\", \"body\": \"Text two.\"}\n",
            "{\"id\": \"a3\", \"title\": \"Three\", \"body\": \"Text three.\"}\n",
        )
        .as_bytes(),
    );
    let out = tmp("warned.json");
    let report = tmp("warned.report.json");
    let args: Vec<std::ffi::OsString> = vec![
        "import".into(),
        "records".into(),
        input.into(),
        "--lang".into(),
        "en".into(),
        "-o".into(),
        out.clone().into(),
        "--report".into(),
        report.clone().into(),
    ];
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let o = run(&refs);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary = String::from_utf8_lossy(&o.stderr);
    assert!(summary.contains("check: 3 warning(s)"), "{summary}");
    assert!(
        summary.contains("  2 like: warning: articles[0] (id \"a1\"), field `url`: the address \"javascript:alert(1)\""),
        "{summary}"
    );
    assert!(
        summary.contains("  1 like: warning: articles[2] (id \"a3\"), field `date`"),
        "{summary}"
    );
    // The JSON report names each one; the articles are all kept.
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let warnings = report["check_warnings"].as_array().expect("check_warnings");
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings[1].as_str().unwrap().contains("\"data:text/html,x\""), "{warnings:?}");
    let bundle = load_bundle(&std::fs::read_to_string(&out).unwrap()).unwrap().bundle;
    assert_eq!(bundle.articles.len(), 3);
}
