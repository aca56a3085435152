//! The indexed archive: reading order, sections, months, neighbours and pages.

use std::cmp::Ordering;

use archive_core::{load_bundle, natural_cmp, paginate, Archive, Period};
use serde_json::json;

fn archive() -> Archive {
    let a = |id: &str, date: Option<&str>, time: Option<&str>, section: Option<&str>| {
        let mut v = json!({"id": id, "lang": "en", "title": id, "lead": "x"});
        if let Some(d) = date {
            v["date"] = json!(d);
        }
        if let Some(t) = time {
            v["time"] = json!(t);
        }
        if let Some(s) = section {
            v["section"] = json!(s);
        }
        v
    };
    let text = json!({
        "format": "archive-browser-bundle", "version": 1,
        "archive": {"id": "t", "title": {"en": "T", "ru": "Т"}, "languages": ["en"], "default_language": "en"},
        "sections": [
            {"id": "news", "title": {"en": "News", "ru": "Новости"}},
            {"id": "empty", "title": {"en": "E"}},
            {"id": "other", "parent": "news", "title": {"en": "Other"}},
            {"id": "deep", "parent": "other", "title": {"en": "Deep"}},
            {"id": "loop", "parent": "loop", "title": {"en": "Loop"}},
        ],
        "articles": [
            a("old", Some("2019-03-01"), None, Some("news")),
            a("undated-b", None, None, Some("news")),
            a("new-morning", Some("2024-07-25"), Some("09:00"), Some("news")),
            a("new-evening", Some("2024-07-25"), Some("18:30"), Some("news")),
            a("undated-a", None, None, None),
            a("mid", Some("2024-02-29"), None, Some("other")),
            a("same-day-b", Some("2024-07-20"), None, None),
            a("same-day-a", Some("2024-07-20"), None, None),
        ],
    });
    Archive::new(load_bundle(&text.to_string()).unwrap().bundle)
}

fn ids(archive: &Archive, positions: &[usize]) -> Vec<String> {
    positions.iter().map(|&p| archive.at(p).id.clone()).collect()
}

#[test]
fn newest_first_with_time_then_id_and_undated_last() {
    let a = archive();
    // On one day without times, and undated, the greater id first (a site numbering its
    // articles as it publishes them).
    assert_eq!(
        ids(&a, a.all()),
        [
            "new-evening",
            "new-morning",
            "same-day-b",
            "same-day-a",
            "mid",
            "old",
            "undated-b",
            "undated-a"
        ]
    );
}

#[test]
fn numbered_ids_of_one_day_go_by_number_not_by_text() {
    let article = |id: &str| json!({"id": id, "lang": "en", "title": id, "date": "2024-07-20"});
    let articles = ["news-99", "news-100", "news-9", "news-1000", "news-0100", "news-99a", "news"]
        .map(article);
    let text = json!({
        "format": "archive-browser-bundle", "version": 1,
        "archive": {"id": "t", "title": {"en": "T"}, "languages": ["en"], "default_language": "en"},
        "articles": articles,
    });
    let a = Archive::new(load_bundle(&text.to_string()).unwrap().bundle);
    // By text, `news-99` would come before `news-100` and `news-9` before both.
    assert_eq!(
        ids(&a, a.all()),
        ["news-1000", "news-100", "news-0100", "news-99a", "news-99", "news-9", "news"]
    );
}

#[test]
fn natural_order_is_total_and_agrees_with_equality() {
    let words =
        ["", "a", "a0", "a00", "a1", "a01", "a-1", "a9", "a10", "a10b", "a10-", "b", "9", "10"];
    for x in words {
        for y in words {
            let order = natural_cmp(x, y);
            assert_eq!(order == Ordering::Equal, x == y, "{x:?} vs {y:?}");
            assert_eq!(order, natural_cmp(y, x).reverse(), "{x:?} vs {y:?}");
            for z in words {
                if order == Ordering::Less && natural_cmp(y, z) == Ordering::Less {
                    assert_eq!(natural_cmp(x, z), Ordering::Less, "{x:?} < {y:?} < {z:?}");
                }
            }
        }
    }
    assert_eq!(natural_cmp("a9", "a10"), Ordering::Less);
    assert_eq!(natural_cmp("a-1", "a1"), Ordering::Less, "'-' is a byte below '1'");
    assert_eq!(natural_cmp("a10", "a10b"), Ordering::Less);
}

#[test]
fn sections_months_and_titles() {
    let a = archive();
    assert_eq!(ids(&a, a.in_section("news")), ["new-evening", "new-morning", "old", "undated-b"]);
    assert!(a.in_section("nope").is_empty());
    assert_eq!(a.section_title("news", "ru"), "Новости");
    assert_eq!(a.section_title("news", "fr"), "News");
    assert_eq!(a.section_title("other", "en"), "Other");
    assert_eq!(a.section_title("nowhere", "en"), "nowhere");
    assert_eq!(a.section_label("deep", "en"), "Other › Deep");
    assert_eq!(a.section_label("news", "en"), "News");
    assert_eq!(a.section_label("loop", "en"), "Loop");
    assert_eq!(
        a.section_counts(),
        [("news", 4), ("empty", 0), ("other", 1), ("deep", 0), ("loop", 0)]
    );
    assert_eq!(a.title("ru"), "Т");
    let july = Period { year: 2024, month: Some(7) };
    assert_eq!(
        ids(&a, &a.in_period(july)),
        ["new-evening", "new-morning", "same-day-b", "same-day-a"]
    );
    assert_eq!(ids(&a, &a.in_period(Period { year: 2024, month: None })).len(), 5);
    assert!(a.in_period(Period { year: 2000, month: None }).is_empty());
    let months: Vec<(u16, Option<u8>, usize)> =
        a.months().into_iter().map(|(p, n)| (p.year, p.month, n)).collect();
    assert_eq!(months, [(2024, Some(7), 4), (2024, Some(2), 1), (2019, Some(3), 1)]);
}

#[test]
fn an_empty_period_knows_the_nearest_months_with_articles() {
    let a = archive();
    let months = a.months();
    let m = |year, month| Period { year, month: Some(month) };
    let y = |year| Period { year, month: None };
    // Between two months of the archive, before all, after all, and inside a year it has.
    assert_eq!(y(2020).nearest_months(&months), (Some(m(2019, 3)), Some(m(2024, 2))));
    assert_eq!(y(1999).nearest_months(&months), (None, Some(m(2019, 3))));
    assert_eq!(y(2030).nearest_months(&months), (Some(m(2024, 7)), None));
    assert_eq!(m(2024, 5).nearest_months(&months), (Some(m(2024, 2)), Some(m(2024, 7))));
    // A year is left whole: its own months are neither earlier nor later.
    assert_eq!(y(2024).nearest_months(&months), (Some(m(2019, 3)), None));
    assert_eq!(y(2024).nearest_months(&[]), (None, None));
}

#[test]
fn a_shared_title_is_named_with_its_parent_where_it_is_shared() {
    let text = json!({
        "format": "archive-browser-bundle", "version": 1,
        "archive": {"id": "t", "title": {"en": "T"}, "languages": ["en", "ru"], "default_language": "en"},
        "sections": [
            {"id": "news", "title": {"en": "News", "ru": "Новости"}},
            {"id": "staff", "title": {"en": "Joint Staff", "ru": "Объединённый штаб"}},
            {"id": "staff-news", "parent": "staff", "title": {"en": "News", "ru": "Новости штаба"}},
            {"id": "reports", "parent": "staff", "title": {"en": "Reports"}},
        ],
        "articles": [],
    });
    let a = Archive::new(load_bundle(&text.to_string()).unwrap().bundle);
    assert_eq!(a.section_name("staff-news", "en"), "Joint Staff › News");
    assert_eq!(a.section_name("news", "en"), "News");
    assert_eq!(a.section_name("staff-news", "ru"), "Новости штаба");
    assert_eq!(a.section_name("reports", "en"), "Reports");
    // "Reports" has no Russian title: it falls back to English, shared with nothing.
    assert_eq!(a.section_name("reports", "ru"), "Reports");
    assert_eq!(a.section_name("nowhere", "en"), "nowhere");
}

#[test]
fn neighbours_in_publication_order() {
    let a = archive();
    let pos = |id| a.position(id).unwrap();
    let names = |(p, n): (Option<usize>, Option<usize>)| {
        (p.map(|p| a.at(p).id.clone()), n.map(|n| a.at(n).id.clone()))
    };
    assert_eq!(
        names(a.neighbours_in_section(pos("new-morning"))),
        (Some("old".into()), Some("new-evening".into()))
    );
    assert_eq!(
        names(a.neighbours_in_section(pos("new-evening"))),
        (Some("new-morning".into()), None)
    );
    assert_eq!(names(a.neighbours_in_section(pos("undated-b"))), (None, Some("old".into())));
    // In no section: the neighbours in all news, whatever their sections.
    assert_eq!(names(a.neighbours_in_section(pos("undated-a"))), (None, Some("undated-b".into())));
    assert_eq!(
        names(a.neighbours_in_section(pos("same-day-a"))),
        (Some("mid".into()), Some("same-day-b".into()))
    );
}

#[test]
fn pages_are_clamped() {
    let list: Vec<usize> = (0..45).collect();
    let p = paginate(&list, 3, 20);
    assert_eq!((p.items, p.number, p.pages, p.total), (&list[40..45], 3, 3, 45));
    assert_eq!(paginate(&list, 99, 20).number, 3);
    assert_eq!(paginate(&list, 0, 20).items, &list[0..20]);
    let empty = paginate(&[], 1, 20);
    assert_eq!((empty.items.len(), empty.pages), (0, 1));
}

#[test]
fn section_trees() {
    let a = archive();
    let ids =
        |v: Vec<&archive_core::Section>| v.into_iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(a.children(None)), ["news", "empty", "loop"]);
    assert_eq!(ids(a.children(Some("news"))), ["other"]);
    assert_eq!(ids(a.children(Some("loop"))), Vec::<String>::new());
    let mut sub: Vec<String> = a.subtree("news").into_iter().collect();
    sub.sort();
    assert_eq!(sub, ["deep", "news", "other"]);
    // The parent lists its own articles and its children's, newest first.
    assert_eq!(
        ids_of(&a, &a.in_subtree("news")),
        ["new-evening", "new-morning", "mid", "old", "undated-b"]
    );
    assert_eq!(ids_of(&a, &a.in_subtree("other")), ["mid"]);
}

fn ids_of(archive: &Archive, positions: &[usize]) -> Vec<String> {
    positions.iter().map(|&p| archive.at(p).id.clone()).collect()
}

#[test]
fn neighbours_are_in_the_reader_s_language() {
    let a = |id: &str, lang: &str, date: &str| json!({"id": id, "lang": lang, "title": id, "lead": "x", "date": date, "section": "news"});
    let text = json!({
        "format": "archive-browser-bundle", "version": 1,
        "archive": {"id": "t", "title": {"en": "T"}, "languages": ["en", "ru"], "default_language": "en"},
        "sections": [{"id": "news", "title": {"en": "News"}}],
        "articles": [
            a("en-1", "en", "2024-01-01"),
            a("ru-1", "ru", "2024-01-02"),
            a("en-2", "en", "2024-01-03"),
            a("ru-2", "ru", "2024-01-04"),
        ],
    });
    let a = Archive::new(load_bundle(&text.to_string()).unwrap().bundle);
    let around = |id| {
        let (p, n) = a.neighbours_in_section(a.position(id).unwrap());
        (p.map(|p| a.at(p).id.as_str()), n.map(|n| a.at(n).id.as_str()))
    };
    assert_eq!(around("en-1"), (None, Some("en-2")));
    assert_eq!(around("en-2"), (Some("en-1"), None));
    assert_eq!(around("ru-1"), (None, Some("ru-2")));
    assert_eq!(around("ru-2"), (Some("ru-1"), None));
}
