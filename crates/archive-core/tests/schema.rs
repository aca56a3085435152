//! Keeps `docs/bundle.schema.json` and `docs/bundle-format.md` honest against the model and
//! the loader:
//! - the schema is a valid draft 2020-12 schema;
//! - the example bundle printed in the format document fits the schema and loads with no
//!   problem at all;
//! - bundles the loader refuses or skips articles of are refused by the schema too, and bundles
//!   it only warns about pass the schema;
//! - the schema's patterns for ids, dates, times, offsets and timestamps accept exactly what the
//!   model's parsers accept;
//! - the app's published archive (`public/archive.json`), when there is one, fits the schema.

use std::fs;
use std::path::{Path, PathBuf};

use archive_core::model::is_valid_id;
use archive_core::{
    load_bundle, Block, Bundle, CivilDate, ClockTime, Severity, Timestamp, UtcOffset,
};
use jsonschema::Validator;
use serde_json::{json, Value};

/// Marks the example bundle in the format document; the next ```json block is the example.
const EXAMPLE_MARKER: &str = "<!-- example-bundle -->";

fn workspace_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative)
}

fn read(relative: &str) -> String {
    let path = workspace_path(relative);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema() -> Value {
    serde_json::from_str(&read("docs/bundle.schema.json")).expect("the schema is JSON")
}

fn validator() -> Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

/// A validator for one definition of the schema, e.g. `civilDate`.
fn def_validator(name: &str) -> Validator {
    let schema = schema();
    assert!(schema["$defs"].get(name).is_some(), "no $defs/{name}");
    let sub = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": schema["$defs"],
        "$ref": format!("#/$defs/{name}"),
    });
    jsonschema::draft202012::new(&sub).expect("the definition compiles")
}

/// The schema's complaints about `instance`, with where each is.
fn schema_errors(v: &Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

/// The text of the example bundle in `docs/bundle-format.md`.
fn example_text() -> String {
    let doc = read("docs/bundle-format.md");
    let (_, after) = doc.split_once(EXAMPLE_MARKER).expect("the example marker is in the document");
    let (_, block) = after.split_once("```json\n").expect("a ```json block follows the marker");
    let (json, _) = block.split_once("\n```").expect("the ```json block is closed");
    json.to_owned()
}

fn example() -> Value {
    serde_json::from_str(&example_text()).expect("the example is JSON")
}

/// What the loader says about `bundle`: `Err` when it cannot read it at all, else its errors
/// (items skipped) and its warnings (items kept), each as printed.
fn loader_verdict(bundle: &Value) -> Result<(Vec<String>, Vec<String>), String> {
    let loaded = load_bundle(&bundle.to_string()).map_err(|e| e.to_string())?;
    let of =
        |s| loaded.problems.iter().filter(|p| p.severity == s).map(ToString::to_string).collect();
    Ok((of(Severity::Error), of(Severity::Warning)))
}

/// The example with `change` applied.
fn example_with(change: impl FnOnce(&mut Value)) -> Value {
    let mut bundle = example();
    change(&mut bundle);
    bundle
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("docs/bundle.schema.json is not a valid schema: {e} at {}", e.instance_path());
    }
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["properties"]["format"]["const"], archive_core::FORMAT);
    assert_eq!(schema["properties"]["version"]["const"], archive_core::VERSION);
}

#[test]
fn the_documented_example_fits_the_schema_and_loads_without_problems() {
    let bundle = example();
    let errors = schema_errors(&validator(), &bundle);
    assert!(errors.is_empty(), "the example does not fit the schema: {errors:#?}");

    let loaded = load_bundle(&example_text()).expect("the example loads");
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "the example has problems: {problems:#?}");

    // It shows what the document promises: 2 sections, 3 articles in two languages with
    // twins, and every kind of block.
    let b = &loaded.bundle;
    assert_eq!(b.sections.len(), 2);
    assert!(b.sections.iter().any(|s| s.parent.is_some()));
    assert_eq!(b.articles.len(), 3);
    for lang in ["en", "ru"] {
        assert!(b.articles.iter().any(|a| a.lang == lang), "no {lang} article");
    }
    for a in b.articles.iter().filter(|a| !a.twins.is_empty()) {
        for twin in &a.twins {
            let t = b.articles.iter().find(|t| &t.id == twin).expect("the twin exists");
            assert!(t.twins.contains(&a.id), "{} and {twin} are not mutual twins", a.id);
            assert_ne!(t.lang, a.lang);
        }
    }
    let kinds: Vec<&str> = b
        .articles
        .iter()
        .flat_map(|a| &a.body)
        .map(|block| match block {
            Block::Paragraph { .. } => "paragraph",
            Block::Heading { .. } => "heading",
            Block::Quote { .. } => "quote",
            Block::List { .. } => "list",
            Block::Image { .. } => "image",
            Block::Document { .. } => "document",
        })
        .collect();
    for kind in ["paragraph", "heading", "quote", "list", "image", "document"] {
        assert!(kinds.contains(&kind), "the example has no {kind} block");
    }
    // The model itself (not only the lenient loader) reads it.
    serde_json::from_value::<Bundle>(bundle).expect("the model reads the example");
}

#[cfg(feature = "hash")]
#[test]
fn the_example_content_hash_is_right() {
    let loaded = load_bundle(&example_text()).expect("the example loads");
    let b = &loaded.bundle;
    assert_eq!(
        b.archive.content_hash.as_deref(),
        Some(archive_core::hash::content_hash(&b.sections, &b.articles).as_str())
    );
}

#[test]
fn bad_bundles_are_refused_by_the_schema_and_the_loader() {
    let v = validator();
    // (what is wrong, the bad bundle, what the loader's message names)
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "unknown block type",
            example_with(|b| b["articles"][2]["body"][0] = json!({"type": "video", "text": "x"})),
            "field `body[0].type`: unknown variant `video`",
        ),
        (
            "block type in another case",
            example_with(|b| b["articles"][2]["body"][0]["type"] = json!("Paragraph")),
            "field `body[0].type`",
        ),
        (
            "block without its type",
            example_with(|b| b["articles"][2]["body"][0] = json!({"text": "x"})),
            "field `body[0].type`: missing field `type`",
        ),
        (
            "unknown member in a block",
            example_with(|b| b["articles"][2]["body"][0]["html"] = json!("<b>x</b>")),
            "field `body[0]`: unknown field `html`",
        ),
        (
            "heading without a level",
            example_with(|b| {
                b["articles"][0]["body"][1].as_object_mut().unwrap().remove("level");
            }),
            "field `body[1].level`: missing field `level`",
        ),
        (
            "heading level beyond a byte",
            example_with(|b| b["articles"][0]["body"][1]["level"] = json!(256)),
            "field `body[1]`",
        ),
        (
            "id with a slash",
            example_with(|b| b["articles"][2]["id"] = json!("en/2020-11-23")),
            "articles[2] (id \"en/2020-11-23\"), field `id`: not a URL-safe id",
        ),
        (
            "empty id",
            example_with(|b| b["articles"][2]["id"] = json!("")),
            "articles[2], field `id`: the id is empty",
        ),
        (
            "section id with a space",
            example_with(|b| b["sections"][0]["id"] = json!("all news")),
            "sections[0] (id \"all news\"), field `id`",
        ),
        (
            "blank title",
            example_with(|b| b["articles"][1]["title"] = json!(" \t ")),
            "field `title`: the title is empty",
        ),
        (
            "no title",
            example_with(|b| {
                b["articles"][1].as_object_mut().unwrap().remove("title");
            }),
            "field `title`: missing field `title`",
        ),
        (
            "tags as one string",
            example_with(|b| b["articles"][0]["tags"] = json!("one, two")),
            "field `tags`",
        ),
        (
            "article not an object",
            example_with(|b| b["articles"][1] = json!("text")),
            "articles[1]",
        ),
    ];
    for (what, bundle, located) in cases {
        assert!(!v.is_valid(&bundle), "{what}: the schema accepts it");
        let (errors, _) = loader_verdict(&bundle).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(
            errors.iter().any(|e| e.starts_with("error: ") && e.contains(located)),
            "{what}: the loader should report an error at {located}, got {errors:#?}"
        );
    }

    // Whole bundles the loader cannot read at all.
    let fatal: Vec<(&str, Value)> = vec![
        ("wrong version", example_with(|b| b["version"] = json!(2))),
        ("version as text", example_with(|b| b["version"] = json!("1"))),
        ("another format", example_with(|b| b["format"] = json!("archive-browser-manifest"))),
        (
            "no archive metadata",
            example_with(|b| {
                b.as_object_mut().unwrap().remove("archive");
            }),
        ),
        (
            "no default language",
            example_with(|b| {
                b["archive"].as_object_mut().unwrap().remove("default_language");
            }),
        ),
        ("bad generation time", example_with(|b| b["archive"]["generated_at"] = json!("today"))),
        ("articles not an array", example_with(|b| b["articles"] = json!({}))),
    ];
    for (what, bundle) in fatal {
        assert!(!v.is_valid(&bundle), "{what}: the schema accepts it");
        assert!(loader_verdict(&bundle).is_err(), "{what}: the loader reads it");
    }

    // An unknown top-level member: the model (`Bundle` denies unknown fields) and the schema
    // refuse it.
    let extra = example_with(|b| b["extra"] = json!(1));
    assert!(!v.is_valid(&extra));
    assert!(serde_json::from_value::<Bundle>(extra).is_err());
}

#[test]
fn bad_dates_break_the_schema_but_the_loader_keeps_the_article_without_them() {
    let v = validator();
    let cases = [
        ("impossible date", "date", "2021-02-29"),
        ("date written the site's way", "date", "02.12.2020"),
        ("time of day 24:00", "time", "24:00"),
        ("offset without minutes", "utc_offset", "+3"),
        ("retrieval time without an offset", "retrieved_at", "2026-11-29T18:02:11"),
    ];
    for (what, field, value) in cases {
        let bundle = example_with(|b| b["articles"][0][field] = json!(value));
        assert!(!v.is_valid(&bundle), "{what}: the schema should refuse it");
        let loaded = load_bundle(&bundle.to_string()).expect("still a bundle");
        let kept = loaded.bundle.articles.iter().find(|a| a.id == "en-2020-12-02-council");
        assert!(kept.is_some(), "{what}: the article is kept");
        let at = format!("articles[0] (id \"en-2020-12-02-council\"), field `{field}`");
        let warning = loaded
            .problems
            .iter()
            .find(|p| p.to_string().contains(&at))
            .unwrap_or_else(|| panic!("{what}: no problem at {at}"));
        assert_eq!(warning.severity, Severity::Warning, "{what}");
        assert!(warning.message.contains("kept without it"), "{}", warning.message);
    }
}

#[test]
fn doubtful_bundles_fit_the_schema_and_load_with_warnings_only() {
    let v = validator();
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "no date",
            example_with(|b| {
                let a = b["articles"][2].as_object_mut().unwrap();
                a.remove("date");
            }),
            "field `date`: no date",
        ),
        (
            "null read as absent",
            example_with(|b| b["articles"][2]["date"] = Value::Null),
            "field `date`: no date",
        ),
        (
            "unknown section",
            example_with(|b| b["articles"][2]["section"] = json!("sport")),
            "field `section`",
        ),
        (
            "missing twin",
            example_with(|b| b["articles"][1]["twins"] = json!(["gone"])),
            "field `twins`: twin \"gone\"",
        ),
        (
            "undeclared language",
            example_with(|b| b["articles"][2]["lang"] = json!("de")),
            "field `lang`",
        ),
        (
            "neither body nor lead",
            example_with(|b| {
                let a = b["articles"][2].as_object_mut().unwrap();
                a.remove("body");
            }),
            "field `body`: no body and no lead",
        ),
        (
            "unknown parent section",
            example_with(|b| b["sections"][1]["parent"] = json!("world")),
            "sections[1] (id \"news_odkb\"), field `parent`",
        ),
        (
            "default language not declared",
            example_with(|b| b["archive"]["default_language"] = json!("de")),
            "archive, field `default_language`",
        ),
    ];
    for (what, bundle, located) in cases {
        let errors = schema_errors(&v, &bundle);
        assert!(errors.is_empty(), "{what}: the schema refuses it: {errors:#?}");
        let (errors, warnings) = loader_verdict(&bundle).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(errors.is_empty(), "{what}: {errors:#?}");
        assert!(
            warnings.iter().any(|w| w.starts_with("warning: ") && w.contains(located)),
            "{what}: the loader should warn at {located}, got {warnings:#?}"
        );
    }

    // Unknown members of the archive, a section or an article are ignored by both.
    let extra = example_with(|b| {
        b["archive"]["publisher"] = json!("x");
        b["sections"][0]["order"] = json!(1);
        b["articles"][0]["importance"] = json!(3);
    });
    assert!(v.is_valid(&extra));
    assert_eq!(loader_verdict(&extra), Ok((vec![], vec![])));
}

#[test]
fn what_the_schema_cannot_see_the_loader_still_catches() {
    // Unique ids are beyond JSON Schema: a repeated id fits the schema, and the loader skips
    // the later article.
    let bundle = example_with(|b| b["articles"][2]["id"] = b["articles"][0]["id"].clone());
    assert!(validator().is_valid(&bundle));
    let (errors, _) = loader_verdict(&bundle).unwrap();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("articles[2] (id \"en-2020-12-02-council\"), field `id`: repeats"));
}

#[test]
fn value_patterns_accept_exactly_what_the_parsers_accept() {
    fn agree(def: &str, samples: &[String], parses: impl Fn(&str) -> bool) {
        let v = def_validator(def);
        for s in samples {
            assert_eq!(
                v.is_valid(&json!(s)),
                parses(s),
                "$defs/{def} and the parser disagree on {s:?}"
            );
        }
    }
    let strings = |xs: &[&str]| xs.iter().map(|&x| x.to_owned()).collect::<Vec<_>>();

    let mut dates = Vec::new();
    for y in ["0000", "0001", "0004", "0100", "0400", "1900", "2000", "2023", "2024", "9999"] {
        for m in 0..=13 {
            for d in 0..=32 {
                dates.push(format!("{y}-{m:02}-{d:02}"));
            }
        }
    }
    dates.extend(strings(&[
        "2024-1-01",
        "24-01-01",
        "2024/01/01",
        "2024-01-01T00:00",
        "",
        "２０２４-01-01",
        " 2024-01-01",
        "2024-01-01\n",
        "+2024-01-01",
        "12024-01-01",
    ]));
    agree("civilDate", &dates, |s| s.parse::<CivilDate>().is_ok());

    let mut times = Vec::new();
    for h in 0..=25 {
        for m in [0, 59, 60] {
            times.push(format!("{h:02}:{m:02}"));
            for s in [0, 59, 60] {
                times.push(format!("{h:02}:{m:02}:{s:02}"));
            }
        }
    }
    times.extend(strings(&["1:00", "01:0", "01:00:0", "01:00:00:00", "0100", "01:00 ", ""]));
    agree("clockTime", &times, |s| s.parse::<ClockTime>().is_ok());

    let offsets = strings(&[
        "Z", "z", "+00:00", "-00:00", "+03:00", "-05:30", "+13:59", "+14:00", "-14:00", "+14:01",
        "-14:30", "+03:60", "+3", "03:00", "+0300", "+03", "UTC", "",
    ]);
    agree("utcOffset", &offsets, |s| s.parse::<UtcOffset>().is_ok());

    let timestamps = strings(&[
        "2026-11-30T04:57:00Z",
        "2026-11-30t04:57:00z",
        "2026-11-30 04:57:00+03:00",
        "2022-06-24T17:30:00.25+03:00",
        "2022-06-24T17:30:00.123456789-14:00",
        "2026-11-30T04:57:00+14:01",
        "2026-11-30T04:57:60Z",
        "2026-11-30T24:00:00Z",
        "2026-02-30T04:57:00Z",
        "2026-11-30",
        "2026-11-30T04:57Z",
        "2026-11-30T04:57:00",
        "2026-11-30T04:57:00+3",
        "2026-11-30T04:57:00.x5Z",
        "2026-11-30_04:57:00Z",
    ]);
    agree("timestamp", &timestamps, |s| s.parse::<Timestamp>().is_ok());

    let ids = strings(&[
        "a",
        "en-ria-novosti_1.2~x",
        "0",
        "",
        "a/b",
        "a b",
        "новости",
        "a?b",
        "a#b",
        "a%20b",
        "a:b",
        "a\u{0}b",
        &"x".repeat(200),
        &"x".repeat(201),
    ]);
    agree("id", &ids, is_valid_id);
}

#[test]
fn the_published_archive_fits_the_schema() {
    let path = workspace_path("public/archive.json");
    let Ok(text) = fs::read_to_string(&path) else {
        eprintln!("{} is absent; nothing to check", path.display());
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let bundle: Value = serde_json::from_str(text).expect("public/archive.json is JSON");
    let errors = schema_errors(&validator(), &bundle);
    assert!(
        errors.is_empty(),
        "{} does not fit docs/bundle.schema.json ({} problems), first ones: {:#?}",
        path.display(),
        errors.len(),
        &errors[..errors.len().min(20)]
    );
}
