//! The loader on whole bundles: what is fatal, what is skipped, what is only warned about, and
//! where each problem is said to be.

use archive_core::{load_bundle, BundleError, Location, Severity};
use serde_json::{json, Value};

fn bundle(articles: Value) -> String {
    json!({
        "format": "archive-browser-bundle",
        "version": 1,
        "archive": {
            "id": "t", "title": {"en": "T"}, "languages": ["en", "ru"], "default_language": "en"
        },
        "sections": [{"id": "news", "title": {"en": "News", "ru": "Новости"}}],
        "articles": articles,
    })
    .to_string()
}

fn good(id: &str, date: &str) -> Value {
    json!({"id": id, "lang": "en", "title": format!("Title {id}"), "date": date, "section": "news",
           "body": [{"type": "paragraph", "text": "Text."}]})
}

#[test]
fn a_clean_bundle_loads_without_problems() {
    let loaded =
        load_bundle(&bundle(json!([good("a", "2024-07-25"), good("b", "2024-07-26")]))).unwrap();
    assert_eq!(loaded.bundle.articles.len(), 2);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
}

#[test]
fn fatal_errors_say_what_and_where() {
    match load_bundle("{\"format\": \"archive-browser-bundle\",\n \"version\": 1,,}") {
        Err(BundleError::NotJson { line: 2, column, .. }) => assert!(column > 1),
        other => panic!("{other:?}"),
    }
    let e = load_bundle(r#"{"format": "something-else", "version": 1}"#).unwrap_err();
    assert!(e.to_string().contains("\"something-else\""), "{e}");
    let e = load_bundle(r#"{"version": 1}"#).unwrap_err();
    assert!(matches!(e, BundleError::WrongFormat { .. }), "{e}");
    let e = load_bundle(r#"{"format": "archive-browser-bundle", "version": 2}"#).unwrap_err();
    assert!(e.to_string().contains("version 2"), "{e}");
    let e = load_bundle(r#"{"format": "archive-browser-bundle", "version": 1}"#).unwrap_err();
    assert!(e.to_string().contains("archive"), "{e}");
    let e = load_bundle(
        r#"{"format": "archive-browser-bundle", "version": 1,
            "archive": {"id": "t", "title": {}, "languages": [], "default_language": 5}}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("default_language"), "{e}");
    let e = load_bundle(&bundle(json!({"not": "an array"}))).unwrap_err();
    assert!(matches!(e, BundleError::NotAnArray { field: "articles", .. }), "{e}");
    let e = load_bundle(r#"{"format": "archive-browser-bundle", "version": 1, "extra": true}"#)
        .unwrap_err();
    assert!(
        matches!(e, BundleError::Shape { line: 1, .. }) && e.to_string().contains("`extra`"),
        "{e}"
    );
    let e = load_bundle(r#"{"format": "archive-browser-bundle", "version": 1}"#).unwrap_err();
    assert_eq!(e.to_string(), "archive: the `archive` object is missing");
    assert!(matches!(load_bundle("[1, 2]"), Err(BundleError::Shape { .. })));
    assert!(load_bundle("").is_err());
}

#[test]
fn broken_articles_are_skipped_and_located_the_rest_kept() {
    let text = bundle(json!([
        good("a", "2024-07-25"),
        {"id": "b", "lang": "en", "date": "2024-07-25"},                      // no title
        good("a", "2024-07-27"),                                            // duplicate id
        {"id": "c", "lang": "en", "title": "C", "body": [{"type": "video"}]}, // unknown block
        {"id": "d/e", "lang": "en", "title": "D"},                            // not URL-safe
        {"id": "f", "lang": "en", "title": "F", "date": "2024-02-30"},        // impossible date
        {"id": "g", "lang": "en", "title": "   "},                            // blank title
        {"id": 7, "lang": "en", "title": "H"},                                // id not a string
        "not an object",
        good("z", "2023-01-01"),
    ]));
    let loaded = load_bundle(&text).unwrap();
    let ids: Vec<&str> = loaded.bundle.articles.iter().map(|a| a.id.as_str()).collect();
    // The impossible date loses only its date: the article is kept, with a warning.
    assert_eq!(ids, ["a", "f", "z"]);
    assert_eq!(loaded.bundle.articles[1].date, None);
    let date_warning = loaded
        .problems
        .iter()
        .find(|p| p.to_string().contains("articles[5] (id \"f\"), field `date`"));
    let date_warning = date_warning.expect("a problem about f's date");
    assert_eq!(date_warning.severity, Severity::Warning);
    assert!(
        date_warning.message.contains("2024-02-30")
            && date_warning.message.contains("kept without it")
    );
    let errors: Vec<String> = loaded
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 7, "{errors:#?}");
    let expect = [
        "articles[1] (id \"b\"), field `title`",
        "articles[2] (id \"a\"), field `id`: repeats an earlier article's id (articles[0])",
        "articles[3] (id \"c\"), field `body[0].type`",
        "articles[4] (id \"d/e\"), field `id`",
        "articles[6] (id \"g\"), field `title`: the title is empty",
        "articles[7], field `id`",
        "articles[8]",
    ];
    for (e, x) in errors.iter().zip(expect) {
        assert!(e.starts_with("error: ") && e.contains(x), "{e} should contain {x}");
    }
    assert!(errors[2].contains("unknown variant `video`"), "{}", errors[2]);
}

#[test]
fn doubtful_articles_are_kept_with_warnings() {
    let text = bundle(json!([
        {"id": "nodate", "lang": "en", "title": "No date", "body": [{"type": "paragraph", "text": "x"}]},
        {"id": "nosection", "lang": "en", "title": "Elsewhere", "date": "2020-01-01", "section": "sport",
         "body": [{"type": "paragraph", "text": "x"}]},
        {"id": "empty", "lang": "en", "title": "Empty", "date": "2020-01-01"},
        {"id": "de", "lang": "de", "title": "Deutsch", "date": "2020-01-01", "lead": "x", "twins": ["ghost", "de"]},
    ]));
    let loaded = load_bundle(&text).unwrap();
    assert_eq!(loaded.bundle.articles.len(), 4);
    assert_eq!(loaded.count(Severity::Error), 0);
    let fields: Vec<(usize, String)> = loaded
        .problems
        .iter()
        .map(|p| match &p.location {
            Location::Article { index, field, .. } => (*index, field.clone().unwrap_or_default()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        fields,
        [
            (0, "date".into()),
            (1, "section".into()),
            (2, "body".into()),
            (3, "lang".into()),
            (3, "twins".into()),
            (3, "twins".into()),
        ]
    );
}

#[test]
fn addresses_that_are_not_linked_are_warned_about() {
    let mut a = good("a", "2024-07-25");
    a["url"] = json!("javascript:alert(1)");
    a["body"] = json!([
        {"type": "paragraph", "text": "x"},
        {"type": "image", "src": "data:image/svg+xml,<svg onload=alert(2)>", "alt": "pic"},
        {"type": "document", "href": " JavaScript:alert(3)", "title": "Annex"},
        {"type": "image", "src": "img/ok.jpg", "alt": "fine"},
        {"type": "document", "href": "https://example.org/a.pdf", "title": "Fine"},
    ]);
    let loaded = load_bundle(&bundle(json!([a]))).unwrap();
    assert_eq!(loaded.bundle.articles.len(), 1, "kept");
    let got: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(
        got[0].contains("field `url`") && got[0].contains("\"javascript:alert(1)\""),
        "{}",
        got[0]
    );
    assert!(
        got[1].contains("field `body[1]`") && got[1].contains("the image \"data:"),
        "{}",
        got[1]
    );
    assert!(
        got[2].contains("field `body[2]`") && got[2].contains("the document link"),
        "{}",
        got[2]
    );
    assert!(got.iter().all(|p| p.starts_with("warning: articles[0] (id \"a\")")), "{got:#?}");
}

#[test]
fn sections_are_checked_too() {
    let text = json!({
        "format": "archive-browser-bundle", "version": 1,
        "archive": {"id": "t", "title": {"en": "T"}, "languages": ["en"], "default_language": "ru"},
        "sections": [
            {"id": "a", "title": {"en": "A"}},
            {"id": "a", "title": {"en": "Again"}},
            {"id": "b", "parent": "nowhere", "title": {"en": "B"}},
            {"title": {"en": "No id"}},
        ],
        "articles": [],
    })
    .to_string();
    let loaded = load_bundle(&text).unwrap();
    assert_eq!(loaded.bundle.sections.len(), 2);
    let text: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert!(text[0].contains("archive, field `default_language`"), "{text:?}");
    assert!(text.iter().any(|t| t.starts_with("error: sections[1] (id \"a\")")), "{text:?}");
    assert!(text.iter().any(|t| t.starts_with("error: sections[3], field `id`")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("sections[2] (id \"b\"), field `parent`")), "{text:?}");
    let order: Vec<usize> = loaded
        .problems
        .iter()
        .filter_map(|p| match p.location {
            Location::Section { index, .. } => Some(index),
            _ => None,
        })
        .collect();
    assert_eq!(order, [1, 2, 3], "problems in bundle order: {text:?}");
}

#[test]
fn a_loop_of_parents_is_cut_and_reported_so_its_sections_stay_listed() {
    let text = json!({
        "format": "archive-browser-bundle", "version": 1,
        "archive": {"id": "t", "title": {"en": "T"}, "languages": ["en"], "default_language": "en"},
        "sections": [
            {"id": "top", "title": {"en": "Top"}},
            {"id": "s1", "parent": "s3", "title": {"en": "One"}},
            {"id": "s2", "parent": "s1", "title": {"en": "Two"}},
            {"id": "s3", "parent": "s2", "title": {"en": "Three"}},
            {"id": "under", "parent": "s2", "title": {"en": "Under"}},
        ],
        "articles": [{"id": "x", "lang": "en", "title": "X", "lead": "x", "section": "s3"}],
    })
    .to_string();
    let loaded = load_bundle(&text).unwrap();
    let text: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    let looped: Vec<&String> = text.iter().filter(|t| t.contains("loop")).collect();
    assert_eq!(looped.len(), 1, "{text:?}");
    assert!(
        looped[0].starts_with("warning: sections[1] (id \"s1\"), field `parent`")
            && looped[0].contains("\"s1\" → \"s3\" → \"s2\" → \"s1\""),
        "{looped:?}"
    );
    let a = archive_core::Archive::new(loaded.bundle);
    let top: Vec<&str> = a.children(None).iter().map(|s| s.id.as_str()).collect();
    assert_eq!(top, ["top", "s1"]);
    // Every section is reachable from the top level, and s1 takes the whole former loop.
    let mut below: Vec<String> = a.subtree("s1").into_iter().collect();
    below.sort();
    assert_eq!(below, ["s1", "s2", "s3", "under"]);
    assert_eq!(a.in_subtree("s1").len(), 1);
}

#[test]
fn hostile_text_is_kept_verbatim_as_data() {
    let title = "<script>alert(1)</script> & <img src=x onerror=alert(2)>";
    let text = bundle(json!([{"id": "x", "lang": "en", "title": title, "date": "2024-01-01",
                              "lead": "\u{202e}reversed \u{0000} nul"}]));
    let loaded = load_bundle(&text).unwrap();
    assert_eq!(loaded.bundle.articles[0].title, title);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}", bundle(json!([])));
    assert!(load_bundle(&text).is_ok());
}

#[test]
fn a_language_that_is_no_tag_is_warned_about_once_and_its_articles_kept() {
    let mut b: Value = serde_json::from_str(&bundle(json!([good("a", "2024-07-25")]))).unwrap();
    b["archive"]["languages"] = json!(["en", "klingon"]);
    b["articles"][0]["lang"] = json!("klingon");
    let loaded = load_bundle(&b.to_string()).unwrap();
    assert_eq!(loaded.bundle.articles.len(), 1);
    let warnings: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("\"klingon\" is not a BCP 47 language tag"), "{warnings:?}");
    assert_eq!(
        loaded.problems[0].location,
        Location::Archive { field: "languages".into() },
        "{warnings:?}"
    );
}

#[test]
fn an_empty_file_or_a_page_in_its_place_is_named_as_such() {
    for empty in ["", "  \n\t", "\u{feff}"] {
        let e = load_bundle(empty).unwrap_err();
        assert!(matches!(e, BundleError::Empty), "{empty:?}: {e}");
        assert!(e.to_string().contains("the file is empty"));
    }
    for page in [
        "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head></html>",
        "\n  <html lang=\"en\"><body>index</body></html>",
    ] {
        let e = load_bundle(page).unwrap_err();
        assert!(e.to_string().starts_with("this is an HTML page, not a JSON bundle"), "{e}");
    }
    let e = load_bundle("<?xml version=\"1.0\"?><rss></rss>").unwrap_err();
    assert!(e.to_string().starts_with("this is markup (XML or HTML), not a JSON bundle"), "{e}");
}

#[test]
fn a_sharded_manifest_is_named_as_one_before_its_unknown_members() {
    let manifest = r#"{"format": "archive-browser-manifest", "version": 1, "archive": {}, "shards": {"count": 3}}"#;
    let e = load_bundle(manifest).unwrap_err();
    assert!(matches!(e, BundleError::WrongFormat { .. }), "{e}");
    let text = e.to_string();
    assert!(
        text.starts_with("not an Archive Browser bundle: `format` is \"archive-browser-manifest\"")
            && text.contains("this is a sharded archive's manifest"),
        "{text}"
    );
    // A bundle with a member the format does not have is still a shape error, located.
    let e = load_bundle(r#"{"format": "archive-browser-bundle", "extra": 1}"#).unwrap_err();
    assert!(matches!(e, BundleError::Shape { .. }), "{e}");
}

#[test]
fn a_problem_quoting_hostile_values_stays_one_plain_line() {
    let mut a = good("a", "2024-07-25");
    a["url"] = json!("ftp://x\nbundle.json: 190 articles usable, 0 errors, 0 warnings");
    let mut b = good("b", "2024-07-26");
    b["section"] = json!("gone\"\nerror: fake \u{1b}[2J\u{1b}[31m \u{202e}txt.exe\0");
    let loaded = load_bundle(&bundle(json!([a, b]))).unwrap();
    assert_eq!(loaded.problems.len(), 2, "{:?}", loaded.problems);
    for p in &loaded.problems {
        let line = p.to_string();
        assert!(!line.chars().any(|c| c.is_control() || c == '\u{202e}'), "{line:?}");
    }
    let section = loaded.problems[1].to_string();
    assert!(
        section.contains(r#"gone"\nerror: fake \u{1b}[2J\u{1b}[31m \u{202e}txt.exe\0"#),
        "{section}"
    );
    assert!(loaded.problems[0].to_string().contains(r"ftp://x\nbundle.json"));
}

#[test]
fn lists_written_as_null_are_refused_not_read_as_empty() {
    for field in ["articles", "sections"] {
        let mut b: Value = serde_json::from_str(&bundle(json!([good("a", "2024-07-25")]))).unwrap();
        b[field] = Value::Null;
        match load_bundle(&b.to_string()) {
            Err(e @ BundleError::NotAnArray { .. }) => {
                assert!(e.to_string().contains(&format!("`{field}` must be an array")), "{e}");
            }
            other => panic!("{field}: {other:?}"),
        }
    }
    // Left out, they are empty lists.
    let mut b: Value = serde_json::from_str(&bundle(json!([good("a", "2024-07-25")]))).unwrap();
    b.as_object_mut().unwrap().remove("sections");
    b["articles"][0].as_object_mut().unwrap().remove("section");
    assert!(load_bundle(&b.to_string()).is_ok());
}

#[test]
fn a_title_of_invisible_characters_is_empty() {
    let mut a = good("a", "2024-07-25");
    a["title"] = json!("\u{200b}\u{feff} \u{2060}");
    let loaded = load_bundle(&bundle(json!([a, good("b", "2024-07-26")]))).unwrap();
    assert_eq!(loaded.bundle.articles.len(), 1);
    assert_eq!(
        loaded.problems[0].to_string(),
        "error: articles[0] (id \"a\"), field `title`: the title is empty"
    );
}

#[test]
fn a_bundle_cut_short_says_it_ends_early() {
    let whole = bundle(json!([good("a", "2024-07-25")]));
    let e = load_bundle(&whole[..whole.len() / 2]).unwrap_err();
    assert!(matches!(e, BundleError::NotJson { line: 1, .. }), "{e:?}");
    assert!(e.to_string().contains("the text ends before the JSON does"), "{e}");
}

#[test]
fn a_twin_listed_again_and_again_is_kept_once_with_a_warning() {
    let mut a = good("a", "2024-07-25");
    a["twins"] = json!(vec!["b"; 5000]);
    let loaded = load_bundle(&bundle(json!([a, good("b", "2024-07-26")]))).unwrap();
    let a = loaded.bundle.articles.iter().find(|x| x.id == "a").unwrap();
    assert_eq!(a.twins, ["b"]);
    assert_eq!(
        loaded.problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["warning: articles[0] (id \"a\"), field `twins`: 4999 repeated twins left out (each twin is listed once)"]
    );
}

#[test]
fn every_bad_date_time_and_offset_is_dropped_and_named_and_the_article_kept() {
    let text = bundle(json!([
        {"id": "two", "lang": "en", "title": "Two", "date": "2020-02-30", "retrieved_at": "x"},
        {"id": "four", "lang": "en", "title": "Four", "date": "2024-01-01", "time": "25:00",
         "utc_offset": "+3", "retrieved_at": "yesterday"},
        // A fault beyond the dates is still the article's error, named as itself.
        {"id": "bad", "lang": "en", "title": "Bad", "date": "2020-02-30", "body": [{"type": "video"}]},
    ]));
    let loaded = load_bundle(&text).unwrap();
    let ids: Vec<&str> = loaded.bundle.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["two", "four"]);
    let said: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    let warned = |at: &str, field: &str| {
        loaded.problems.iter().any(|p| {
            p.severity == Severity::Warning
                && p.to_string().contains(&format!("{at}, field `{field}`"))
                && p.message.contains("kept without it")
        })
    };
    assert!(warned("articles[0] (id \"two\")", "date"), "{said:#?}");
    assert!(warned("articles[0] (id \"two\")", "retrieved_at"), "{said:#?}");
    for field in ["time", "utc_offset", "retrieved_at"] {
        assert!(warned("articles[1] (id \"four\")", field), "{field}: {said:#?}");
    }
    let four = &loaded.bundle.articles[1];
    assert_eq!(four.date.map(|d| d.to_string()).as_deref(), Some("2024-01-01"));
    assert!(four.time.is_none() && four.utc_offset.is_none() && four.retrieved_at.is_none());
    let errors: Vec<&String> = said.iter().filter(|s| s.starts_with("error")).collect();
    assert_eq!(errors.len(), 1, "{said:#?}");
    assert!(errors[0].contains("articles[2] (id \"bad\"), field `body[0].type`"), "{said:#?}");
}

#[test]
fn an_archive_whose_titles_are_all_blank_has_no_title() {
    for (title, warned) in [
        (json!({}), true),
        (json!({"en": ""}), true),
        (json!({"en": "  ", "ru": "\u{200b}"}), true),
        (json!({"en": "", "ru": "Архив"}), false),
    ] {
        let mut text: Value =
            serde_json::from_str(&bundle(json!([good("a", "2024-01-01")]))).unwrap();
        text["archive"]["title"] = title.clone();
        let loaded = load_bundle(&text.to_string()).unwrap();
        let said = loaded.problems.iter().any(|p| {
            p.severity == Severity::Warning
                && p.to_string() == "warning: archive, field `title`: the archive has no title"
        });
        assert_eq!(said, warned, "{title}");
        // A blank title is passed over for one that is given, in any language.
        let shown = archive_core::Archive::new(loaded.bundle).title("en").to_owned();
        assert_eq!(shown, if warned { "t" } else { "Архив" }, "{title}");
    }
}
