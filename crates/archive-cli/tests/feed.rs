//! `import feed` (and feeds given to `import records`): the hand-made RSS 2.0 and Atom
//! fixtures in `tests/fixtures/` (entities, HTML descriptions, a missing date, an RFC 822 date
//! whose civil date differs from UTC's, a repeated guid, Cyrillic), a feed made at test time
//! from 20 rows of the corpus (`../shared/corpus`, never copied into the repository) and checked
//! against those rows, and bad input: not XML, not a feed, truncated, a truncated gzip stream,
//! a byte that is not UTF-8.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use archive_core::{load_bundle, Article, Block, Bundle, Severity};
use serde_json::Value;

const GENERATED_AT: &str = "2026-11-30T00:00:00Z";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("feed");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

fn run(args: &[OsString]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive-bundle"))
        .args(args)
        .output()
        .expect("run archive-bundle")
}

struct Imported {
    bundle: Bundle,
    report: Value,
    stderr: String,
}

impl Imported {
    fn article(&self, id: &str) -> &Article {
        self.bundle
            .articles
            .iter()
            .find(|a| a.id == id)
            .unwrap_or_else(|| panic!("no article {id} in {:?}", self.ids()))
    }

    fn ids(&self) -> Vec<&str> {
        self.bundle.articles.iter().map(|a| a.id.as_str()).collect()
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

/// Runs `import <command> inputs… extra… -o tmp/<name>.json --report …`; it must succeed and
/// the bundle must load without error.
fn import(command: &str, name: &str, inputs: &[PathBuf], extra: &[&str]) -> Imported {
    let out = tmp(&format!("{name}.json"));
    let report = tmp(&format!("{name}.report.json"));
    let mut args: Vec<OsString> = vec!["import".into(), command.into()];
    args.extend(inputs.iter().map(|p| p.clone().into_os_string()));
    args.extend(extra.iter().map(OsString::from));
    args.extend(["--generated-at", GENERATED_AT, "-o"].map(OsString::from));
    args.push(out.clone().into_os_string());
    args.push("--report".into());
    args.push(report.clone().into_os_string());
    let o = run(&args);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "import {name} failed: {stderr}");
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
    Imported { bundle: loaded.bundle, report, stderr }
}

fn body_text(a: &Article) -> String {
    a.body.iter().map(Block::text).collect::<Vec<_>>().join("\n")
}

fn when(a: &Article) -> (String, String, String) {
    (
        a.date.map(|d| d.to_string()).unwrap_or_default(),
        a.time.map(|t| t.to_string()).unwrap_or_default(),
        a.utc_offset.map(|o| o.to_string()).unwrap_or_default(),
    )
}

fn triple(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.to_owned(), b.to_owned(), c.to_owned())
}

#[test]
fn rss_fixture() {
    let r = import("feed", "rss", &[fixture("news.rss")], &[]);
    assert_eq!(r.report["records_read"], 5);
    assert_eq!(r.report["inputs"][0]["feed"]["kind"], "rss 2.0");
    assert_eq!(r.report["inputs"][0]["feed"]["encoding"], "UTF-8");
    assert!(r.stderr.contains("news.rss (rss 2.0: 5 records)"), "{}", r.stderr);
    // The channel's title and address stand in for --title and --source-url.
    assert_eq!(r.bundle.archive.title["ru"], "Новости & комментарии");
    assert_eq!(r.bundle.archive.source_url.as_deref(), Some("https://news.example.ru/"));
    assert_eq!(r.bundle.archive.languages, vec!["ru".to_owned(), "en".to_owned()]);

    // The repeated guid (line 50) is merged into the first item read (line 19).
    let minsk = "news.example.ru-politics-2025-06-24-minsk";
    assert_eq!(
        r.merges(),
        vec![triple(minsk, "news.example.ru/politics/2025/06/24/minsk", "same id")]
    );
    assert_eq!(r.bundle.articles.len(), 4);
    let a = r.article(minsk);
    // `&#171;итоги&#187; &amp; планы`: the XML references, decoded once.
    assert_eq!(a.title, "Переговоры в Минске: «итоги» & планы");
    // 01:30 at +03:00 is 22:30 UTC on the 23rd: the civil date stays the 24th.
    assert_eq!(when(a), triple("2025-06-24", "01:30:00", "+03:00"));
    assert_eq!(a.url.as_deref(), Some("https://news.example.ru/politics/2025/06/24/minsk/"));
    assert_eq!(a.lang, "ru");
    assert_eq!(a.source.as_deref(), Some("Иван Петров"));
    assert_eq!(a.section.as_deref(), Some("politika"));
    // The first category is the section; the others, and the duplicate's, are tags.
    assert_eq!(a.tags, vec!["Белоруссия".to_owned(), "Переговоры".to_owned()]);
    // The escaped HTML description is the lead (as text); content:encoded (CDATA) the body,
    // which loses its first paragraph for repeating the lead, and its script.
    assert_eq!(a.lead.as_deref(), Some("Стороны обсудили торговлю и транзит."));
    assert_eq!(
        a.body,
        vec![
            Block::Heading { level: 2, text: "Итоги".into() },
            Block::Paragraph {
                text: "Подписано три соглашения & меморандум.".into()
            },
            Block::List {
                ordered: false, items: vec!["Транзит".into(), "Энергетика".into()]
            },
        ]
    );
    assert!(a.notes.iter().any(|n| n.contains("news.rss:50): same id")), "{:?}", a.notes);

    // No pubDate: kept, undated, with a note; `&nbsp;&mdash;` read as HTML entities; the
    // description's `&amp;lt;` is text, not markup; `author` gives the name in brackets.
    let e = r.article("economy-1001");
    assert_eq!(e.date, None);
    assert_eq!(e.notes, vec!["no date: the record gives none".to_owned()]);
    assert_eq!(e.title, "Курс рубля — без изменений");
    assert_eq!(
        body_text(e),
        "Биржевые торги завершились без изменений курса. 5 < 6 и AT&T — текст, не разметка."
    );
    assert_eq!(e.source.as_deref(), Some("Отдел экономики"));
    assert_eq!(e.section.as_deref(), Some("ekonomika"));
    assert!(r.bundle.sections.iter().any(|s| s.id == "ekonomika" && s.title["ru"] == "Экономика"));

    // dc:language wins over the channel's; GMT is UTC.
    let w = r.article("weather-en-1");
    assert_eq!(w.lang, "en");
    assert_eq!(when(w), triple("2025-06-23", "18:00:00", "Z"));
    assert_eq!(body_text(w), "Sunny all week. The forecast says so.");

    // A date in words: reported, never guessed.
    let o = r.article("odd-date-7");
    assert_eq!(o.date, None);
    assert_eq!(r.report["dates"]["problems"].as_array().unwrap().len(), 2);
    assert_eq!(r.report["dates"]["by_shape"]["rfc822"], 3);
    assert_eq!(r.report["languages"]["from_source"], 5);
    assert!(r.report["unmapped_fields"].as_object().unwrap().is_empty());
}

#[test]
fn atom_fixture() {
    let r = import("feed", "atom", &[fixture("news.atom")], &[]);
    assert_eq!(r.report["records_read"], 4);
    assert_eq!(r.report["inputs"][0]["feed"]["kind"], "atom");
    assert_eq!(r.report["inputs"][0]["feed"]["title"], "Press office & briefings");
    assert_eq!(r.bundle.archive.title["en"], "Press office & briefings");
    assert_eq!(r.bundle.archive.source_url.as_deref(), Some("https://press.example.org/"));

    let id = "tag-press.example.org-2025-briefing-204";
    // statement-9 has briefing 204's address: merged into it.
    assert_eq!(r.merges(), vec![triple(id, "tag:press.example.org,2025:statement-9", "same url")]);
    let a = r.article(id);
    // type="text": `&amp;amp;` is the text `&amp;`, kept as written.
    assert_eq!(a.title, "Q&A: 5 < 6, and &amp; stays as written");
    assert_eq!(when(a), triple("2025-06-24", "01:30:00", "+03:00"));
    assert_eq!(a.url.as_deref(), Some("https://press.example.org/briefings/204"));
    assert_eq!(a.source.as_deref(), Some("Jane Doe"));
    assert_eq!(a.section.as_deref(), Some("briefings"));
    assert_eq!(a.tags, vec!["trade".to_owned()]);
    // type="html" summary → lead; type="xhtml" content → blocks.
    assert_eq!(a.lead.as_deref(), Some("The spokesperson answered questions."));
    assert_eq!(
        a.body,
        vec![
            Block::Paragraph {
                text: "The spokesperson answered questions on trade & transit.".into()
            },
            Block::Quote { text: "We expect progress.".into(), cite: None },
            Block::Paragraph { text: "Full text:".into() },
            Block::Document {
                href: Some("https://press.example.org/briefings/204.pdf".into()),
                title: "PDF".into(),
            },
            Block::Paragraph { text: "End.".into() },
        ]
    );
    // The Russian entry: xml:lang, only <updated>, 22:45 at −04:00 (the 24th in UTC) stays the 23rd;
    // the shared number 204 links it to the English briefing.
    let ru = r.article("tag-press.example.org-2025-briefing-204-ru");
    assert_eq!(ru.lang, "ru");
    assert_eq!(when(ru), triple("2025-06-23", "22:45:00", "-04:00"));
    assert_eq!(ru.twins, vec![id.to_owned()]);
    assert_eq!(a.twins, vec![ru.id.clone()]);
    // An id that is an address gives the id the address would; out-of-line content: the
    // summary is the body; <source> names the feed it came from.
    let v = r.article("press.example.org-video-12");
    assert_eq!(when(v), triple("2025-06-20", "", ""));
    assert_eq!(body_text(v), "Recordings of the week's briefings.");
    assert_eq!(v.source.as_deref(), Some("Press office video"));
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm), for the weekday.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2022-06-24T17:30:00Z` → `Fri, 24 Jun 2022 17:30:00 GMT`.
fn rfc822(iso: &str) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    assert!(iso.len() == 20 && iso.ends_with('Z'), "{iso}");
    let (y, m, d): (i64, i64, i64) =
        (iso[0..4].parse().unwrap(), iso[5..7].parse().unwrap(), iso[8..10].parse().unwrap());
    let wd = DAYS[days_from_civil(y, m, d).rem_euclid(7) as usize];
    format!("{wd}, {d:02} {} {y} {} GMT", MONTHS[(m - 1) as usize], &iso[11..19])
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// 20 rows of the Zelenskyy–Putin press releases (the first 10 of each site), as JSON Lines and
/// as a gzipped RSS 2.0 feed of the same items, both in the target directory.
fn corpus_rows() -> (Vec<Value>, PathBuf, PathBuf) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/zelenskyy-putin-press-releases/articles.jsonl.gz");
    assert!(src.is_file(), "the corpus file is expected at {}", src.display());
    let gz = flate2::read::MultiGzDecoder::new(std::fs::File::open(&src).unwrap());
    let (mut kremlin, mut ukraine) = (Vec::new(), Vec::new());
    for line in BufReader::new(gz).lines() {
        let row: Value = serde_json::from_str(&line.unwrap()).unwrap();
        let id = row["id"].as_str().unwrap();
        let list = if id.starts_with("kremlin") { &mut kremlin } else { &mut ukraine };
        if list.len() < 10 {
            list.push(row);
        }
        if kremlin.len() == 10 && ukraine.len() == 10 {
            break;
        }
    }
    let rows: Vec<Value> = kremlin.into_iter().chain(ukraine).collect();
    let jsonl = tmp("zp20.jsonl");
    let mut f = std::fs::File::create(&jsonl).unwrap();
    for row in &rows {
        writeln!(f, "{row}").unwrap();
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n\
         <title>Press releases</title>\n<link>http://en.kremlin.ru/</link>\n",
    );
    for row in &rows {
        let s = |k: &str| row[k].as_str().map(xml_escape);
        xml.push_str("<item>\n");
        xml.push_str(&format!("<title>{}</title>\n", s("title").unwrap()));
        xml.push_str(&format!("<link>{}</link>\n", s("url").unwrap()));
        xml.push_str(&format!("<guid isPermaLink=\"false\">{}</guid>\n", s("id").unwrap()));
        xml.push_str(&format!("<pubDate>{}</pubDate>\n", rfc822(row["date"].as_str().unwrap())));
        xml.push_str(&format!(
            "<source url=\"{}\">{}</source>\n",
            s("url").unwrap(),
            s("source").unwrap()
        ));
        if let Some(lead) = s("summary") {
            xml.push_str(&format!("<description>{lead}</description>\n"));
        }
        xml.push_str(&format!("<content:encoded>{}</content:encoded>\n", s("body").unwrap()));
        xml.push_str("</item>\n");
    }
    xml.push_str("</channel>\n</rss>\n");
    let feed = tmp("zp20.rss.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&feed).unwrap(),
        flate2::Compression::default(),
    );
    gz.write_all(xml.as_bytes()).unwrap();
    gz.finish().unwrap();
    (rows, jsonl, feed)
}

#[test]
fn a_feed_made_from_corpus_rows_imports_as_the_rows_do() {
    let (rows, jsonl, feed) = corpus_rows();
    let f = import("feed", "zp20-feed", std::slice::from_ref(&feed), &["--archive-id", "zp20"]);
    assert_eq!(f.report["inputs"][0]["gzip"], true);
    assert_eq!(f.bundle.articles.len(), 20);
    assert_eq!(f.report["dated"], 20);
    // Each item against its source row: title, address, date and clock as published.
    for row in &rows {
        let id = row["id"].as_str().unwrap();
        let a = f.article(id);
        let title: String =
            row["title"].as_str().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(a.title, title, "{id}");
        assert_eq!(a.url.as_deref(), row["url"].as_str(), "{id}");
        let iso = row["date"].as_str().unwrap();
        assert_eq!(when(a), triple(&iso[..10], &iso[11..19], "Z"), "{id}");
        assert_eq!(a.source.as_deref(), row["source"].as_str(), "{id}");
        assert_eq!(a.lang, "en", "{id}");
    }
    // And against `import records` of the same rows: the same texts, dates and ids.
    let r = import("records", "zp20-records", &[jsonl], &["--archive-id", "zp20"]);
    assert_eq!(r.ids(), f.ids());
    for (a, b) in f.bundle.articles.iter().zip(&r.bundle.articles) {
        assert_eq!(
            (&a.title, &a.lead, &a.body, when(a), &a.url, &a.source),
            (&b.title, &b.lead, &b.body, when(b), &b.url, &b.source),
            "{}",
            a.id
        );
    }
    // `import records` reads the feed too (by its `<`).
    let both = import("records", "zp20-both", &[feed], &["--archive-id", "zp20"]);
    assert_eq!(both.ids(), f.ids());
}

/// Runs `import feed FILE -o …` expecting failure; returns (exit code, stderr).
fn fails(file: &Path, extra: &[&str]) -> (i32, String) {
    let mut args: Vec<OsString> = vec!["import".into(), "feed".into(), file.into()];
    args.extend(extra.iter().map(OsString::from));
    args.extend(["-o".into(), tmp("bad-out.json").into_os_string()]);
    let o = run(&args);
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn bad_feeds_name_the_file_line_and_byte() {
    let rss = std::fs::read(fixture("news.rss")).unwrap();

    let json = tmp("not-xml.rss");
    std::fs::write(&json, b"{\"title\": \"x\"}\n").unwrap();
    let (code, err) = fails(&json, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("not-xml.rss:1: not XML: the file starts with '{'"), "{err}");

    let html = tmp("page.xml");
    std::fs::write(&html, b"<!DOCTYPE html>\n<html><body><p>hi</p></body></html>\n").unwrap();
    let (code, err) = fails(&html, &["--keep-going"]);
    assert_eq!(code, 1, "not a feed is an error even with --keep-going");
    assert!(err.contains("page.xml:2: not a feed: the root element is <html>"), "{err}");

    // Cut inside a tag: the parser's error, its line and byte.
    let cut = tmp("cut-tag.rss");
    std::fs::write(&cut, &rss[..1800]).unwrap();
    let (code, err) = fails(&cut, &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("cut-tag.rss:33: not well-formed XML at byte 1794: syntax error"),
        "{err}"
    );

    // Cut between tags: the element left open. With --keep-going the items before are kept
    // and the rest is one bad record.
    let lines: Vec<&[u8]> = rss.split_inclusive(|&b| b == b'\n').collect();
    let cut = tmp("cut-item.rss");
    std::fs::write(&cut, lines[..40].concat()).unwrap();
    let (code, err) = fails(&cut, &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "cut-item.rss:41: the file ends inside <item> (opened at line 34): it is truncated; \
             expected </item></channel></rss>"
        ),
        "{err}"
    );
    let r = import("feed", "cut-item", &[cut], &["--keep-going"]);
    assert_eq!(r.report["records_read"], 1);
    let bad = &r.report["bad_records"][0];
    assert_eq!(bad["line"], 41);
    assert!(bad["what"].as_str().unwrap().ends_with("the rest of the file is lost"), "{bad}");

    // A truncated gzip stream.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&rss).unwrap();
    let gz = gz.finish().unwrap();
    let cut = tmp("cut.rss.gz");
    std::fs::write(&cut, &gz[..gz.len() / 2]).unwrap();
    let (code, err) = fails(&cut, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("the gzip stream is truncated or corrupt"), "{err}");

    // A Latin-1 byte in a feed that declares UTF-8: line and byte offset.
    let text = String::from_utf8(rss.clone()).unwrap();
    let at = text.find("Тестовая лента").unwrap();
    let mut bytes = text.as_bytes()[..at].to_vec();
    bytes.extend_from_slice(b"Caf\xE9");
    bytes.extend_from_slice(&text.as_bytes()[at + "Тестовая лента".len()..]);
    let latin = tmp("latin.rss");
    std::fs::write(&latin, &bytes).unwrap();
    let (code, err) = fails(&latin, &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!(
            "latin.rss:11: not UTF-8: invalid byte 0xE9 at byte offset {} in the file",
            at + 3
        )),
        "{err}"
    );

    // A mismatched end tag.
    let mis = tmp("mismatch.rss");
    std::fs::write(&mis, text.replacen("</title>", "</titel>", 1)).unwrap();
    let (code, err) = fails(&mis, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("mismatch.rss:9: not well-formed XML at byte"), "{err}");
    assert!(err.contains("expected `</title>`, but `</titel>` was found"), "{err}");

    // A missing file: exit code 2.
    let (code, err) = fails(&tmp("missing.rss"), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot open"), "{err}");
}

#[test]
fn a_windows_1251_feed_is_decoded_as_it_declares() {
    let text = std::fs::read_to_string(fixture("news.rss"))
        .unwrap()
        .replace("encoding=\"UTF-8\"", "encoding=\"windows-1251\"")
        // Characters windows-1251 lacks, as character references.
        .replace('°', "&#176;");
    let mut bytes = Vec::new();
    for c in text.chars() {
        let b = match c {
            '\u{0}'..='\u{7f}' => c as u8,
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            'ё' => 0xB8,
            'Ё' => 0xA8,
            '«' => 0xAB,
            '»' => 0xBB,
            '—' => 0x97,
            _ => panic!("{c:?} is not in the test's windows-1251 table"),
        };
        bytes.push(b);
    }
    let path = tmp("cp1251.rss");
    std::fs::write(&path, bytes).unwrap();
    let r = import("feed", "cp1251", &[path], &[]);
    assert_eq!(r.report["inputs"][0]["feed"]["encoding"], "windows-1251");
    assert_eq!(r.bundle.archive.title["ru"], "Новости & комментарии");
    assert_eq!(
        r.article("news.example.ru-politics-2025-06-24-minsk").title,
        "Переговоры в Минске: «итоги» & планы"
    );
}
