//! Search on a small fixed corpus (ranking, filters, facets) and on real Russian news
//! (inflection recall and precision on 1TV 2022, read from ../shared at test time) and on real
//! Catalan news (elision, on Softcatalà's articles).

use std::io::BufRead;

use archive_core::search::{
    facet_counts, Analyzer, Field, Filters, ParsedQuery, SearchIndex, Sort,
};
use archive_core::{load_bundle, Archive};
use serde_json::{json, Value};

fn archive(articles: Value) -> Archive {
    let text = json!({
        "format": "archive-browser-bundle", "version": 1,
        "archive": {"id": "t", "title": {"en": "T"}, "languages": ["en", "ru"], "default_language": "en"},
        "sections": [{"id": "news", "title": {"en": "News", "ru": "Новости"}}, {"id": "media", "title": {"en": "Media"}}],
        "articles": articles,
    });
    let loaded = load_bundle(&text.to_string()).unwrap();
    assert_eq!(
        loaded.problems.iter().filter(|p| p.severity == archive_core::Severity::Error).count(),
        0
    );
    Archive::new(loaded.bundle)
}

fn p(text: &str) -> Value {
    json!([{"type": "paragraph", "text": text}])
}

fn fixed() -> Archive {
    archive(json!([
        {"id": "body", "lang": "en", "title": "Council meets", "date": "2024-05-01", "section": "news",
         "body": p("The council discussed joint exercises and other matters at length in Minsk.")},
        {"id": "title", "lang": "en", "title": "Joint exercises begin", "date": "2024-04-01", "section": "news",
         "source": "TASS", "body": p("Troops arrived in Minsk on Monday.")},
        {"id": "lead", "lang": "en", "title": "Week in review", "date": "2024-03-01", "section": "media",
         "lead": "Exercises dominated the week.", "body": p("Much else happened in Minsk too.")},
        {"id": "quote", "lang": "en", "title": "Interview", "date": "2019-05-05", "section": "media",
         "body": p("“We don’t accept it,” the Secretary General said. Do not panic.")},
        {"id": "tie-old", "lang": "en", "title": "Minsk", "date": "2020-01-01", "section": "media", "body": p("x")},
        {"id": "tie-new", "lang": "en", "title": "Minsk", "date": "2023-01-01", "section": "media", "body": p("x")},
        {"id": "ru", "lang": "ru", "title": "Учения ОДКБ в Минске", "date": "2024-06-01", "section": "news",
         "source": "ТАСС", "body": p("Учения «Взаимодействие» прошли в Минске (CSTO). Ёлки и зелёные ели.")},
        {"id": "ru-sci", "lang": "ru", "title": "Учёные обсудили безопасность", "date": "2024-06-02",
         "section": "news", "body": p("Ученые из стран ОДКБ собрались в Минске.")},
    ]))
}

fn ids(archive: &Archive, query: &str, filters: &Filters) -> Vec<String> {
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(archive.articles(), &analyzer);
    index
        .search(archive, &analyzer, &ParsedQuery::parse(query), filters, Sort::Relevance)
        .into_iter()
        .map(|h| archive.at(h.pos).id.clone())
        .collect()
}

#[test]
fn title_ranks_above_lead_above_body_and_ties_go_newest_first() {
    let a = fixed();
    assert_eq!(ids(&a, "exercise", &Filters::default()), ["title", "lead", "body"]);
    assert_eq!(ids(&a, "minsk", &Filters::default())[..2], ["tie-new", "tie-old"]);
}

#[test]
fn words_are_all_required_and_exclusions_remove() {
    let a = fixed();
    assert_eq!(ids(&a, "exercises minsk", &Filters::default()), ["title", "lead", "body"]);
    assert_eq!(ids(&a, "exercises -council", &Filters::default()), ["title", "lead"]);
    assert_eq!(ids(&a, "exercises -\"in review\"", &Filters::default()), ["title", "body"]);
    assert!(ids(&a, "exercises zanzibar", &Filters::default()).is_empty());
}

#[test]
fn a_phrase_with_an_apostrophe_matches_either_apostrophe() {
    let a = fixed();
    assert_eq!(ids(&a, "\"don't accept\"", &Filters::default()), ["quote"]);
    assert_eq!(ids(&a, "\"we don’t\"", &Filters::default()), ["quote"]);
    assert!(ids(&a, "\"do not accept\"", &Filters::default()).is_empty());
}

#[test]
fn phrases_need_adjacency() {
    let a = fixed();
    assert_eq!(ids(&a, "\"joint exercises\"", &Filters::default()), ["title", "body"]);
    assert!(ids(&a, "\"exercises joint\"", &Filters::default()).is_empty());
}

#[test]
fn the_dateline_is_searched_as_body_text() {
    let a = archive(json!([
        {"id": "datelined", "lang": "en", "title": "Talks on security", "date": "2012-07-17",
         "dateline": "VIENNA, July 17 – RIA Novosti", "body": p("The talks went on for a day.")},
        {"id": "named", "lang": "en", "title": "Vienna talks", "date": "2012-07-18",
         "body": p("The talks went on.")},
        {"id": "other", "lang": "ru", "title": "Переговоры", "date": "2012-07-19",
         "dateline": "ВЕНА, 17 июл – агентство РИА Новости", "body": p("Переговоры шли день.")},
    ]));
    // Named in the title, it ranks first; named only in the dateline, it is found all the same.
    assert_eq!(ids(&a, "vienna", &Filters::default()), ["named", "datelined"]);
    assert_eq!(ids(&a, "\"ria novosti\"", &Filters::default()), ["datelined"]);
    assert_eq!(ids(&a, "вена", &Filters::default()), ["other"]);
    assert_eq!(ids(&a, "\"риа новостей\"", &Filters::default()), ["other"]);
    // A phrase does not run from the dateline into the body.
    assert!(ids(&a, "\"novosti the talks\"", &Filters::default()).is_empty());
}

#[test]
fn prefixes_and_as_you_type() {
    let a = fixed();
    assert_eq!(ids(&a, "exer*", &Filters::default()), ["title", "lead", "body"]);
    assert_eq!(ids(&a, "exerc", &Filters::default()), ["title", "lead", "body"]);
    assert!(ids(&a, "exerc ", &Filters::default()).is_empty(), "a finished word is not a prefix");
}

#[test]
fn russian_inflections_yo_and_capitals() {
    let a = fixed();
    for q in ["учения", "учениях", "учений", "УЧЕНИЯ", "Учение"] {
        assert_eq!(ids(&a, q, &Filters::default()), ["ru"], "{q}");
    }
    assert_eq!(ids(&a, "ёлки", &Filters::default()), ["ru"]);
    assert_eq!(ids(&a, "елки", &Filters::default()), ["ru"]);
    assert_eq!(ids(&a, "ученые", &Filters::default()), ["ru-sci"]);
    assert_eq!(ids(&a, "учёные", &Filters::default()), ["ru-sci"]);
    // Mixed scripts in one query.
    assert_eq!(ids(&a, "ОДКБ минске", &Filters::default()), ["ru", "ru-sci"]);
    assert_eq!(ids(&a, "CSTO учения", &Filters::default()), ["ru"]);
}

#[test]
fn field_filters_and_facet_filters() {
    let a = fixed();
    assert_eq!(ids(&a, "source:tass", &Filters::default()), ["title"]);
    assert_eq!(ids(&a, "source:ТАСС", &Filters::default()), ["ru"]);
    assert_eq!(ids(&a, "minsk section:media", &Filters::default()), ["tie-new", "tie-old", "lead"]);
    assert_eq!(
        ids(&a, "minsk section:Media", &Filters::default()).len(),
        3,
        "section titles match too"
    );
    let media = Filters { section: Some("media".into()), ..Filters::default() };
    assert_eq!(ids(&a, "exercises", &media), ["lead"]);
    let spring = Filters {
        from: Some("2024-03-15".parse().unwrap()),
        to: Some("2024-05-01".parse().unwrap()),
        ..Filters::default()
    };
    assert_eq!(ids(&a, "exercises", &spring), ["title", "body"]);
    // A query with no words lists by date under the filters.
    assert_eq!(ids(&a, "", &media), ["lead", "tie-new", "tie-old", "quote"]);
}

#[test]
fn tags_people_and_places_match_by_their_words() {
    let a = archive(json!([
        {"id": "lavrov", "lang": "ru", "title": "Переговоры", "date": "2025-03-01",
         "people": ["ЛАВРОВ Сергей Викторович – Министр иностранных дел"],
         "places": ["Москва, Кремль"], "tags": ["Внешняя политика"]},
        {"id": "lavrova", "lang": "ru", "title": "Встреча", "date": "2025-03-02",
         "people": ["Лаврова Анна"], "places": ["Московская область"]},
    ]));
    let none = Filters::default();
    assert_eq!(ids(&a, "person:Лавров", &none), ["lavrov"]);
    assert_eq!(ids(&a, "person:\"Сергей Викторович\"", &none), ["lavrov"]);
    assert_eq!(ids(&a, "place:москва", &none), ["lavrov"]);
    assert_eq!(ids(&a, "place:Кремль", &none), ["lavrov"]);
    assert_eq!(ids(&a, "tag:политика", &none), ["lavrov"]);
    // Every word, whole, in any order (a name given first or last): not a word's beginning.
    assert_eq!(ids(&a, "person:\"Сергей Лавров\"", &none), ["lavrov"]);
    assert!(ids(&a, "person:Лав", &none).is_empty());
    assert!(ids(&a, "person:\"Сергей Лаврова\"", &none).is_empty());
    assert!(ids(&a, "place:Моск", &none).is_empty());
    // Excluded by its words too.
    assert_eq!(ids(&a, "-place:Москва", &none), ["lavrova"]);
}

#[test]
fn typed_years_filter_by_publication_year() {
    let a = fixed();
    let none = Filters::default();
    assert_eq!(ids(&a, "minsk year:2023", &none), ["tie-new"]);
    let mut all = ids(&a, "minsk", &none);
    all.retain(|id| id != "tie-new");
    assert_eq!(ids(&a, "minsk -year:2023", &none), all);
    // Both ends of a range are in it, written either way round and with any dash.
    for range in ["year:2019-2020", "year:2020..2019", "year:2019–2020"] {
        assert_eq!(ids(&a, range, &none), ["tie-old", "quote"], "{range}");
    }
    // Alone, a year lists its articles by date; a year with none, or no year, finds nothing.
    assert_eq!(ids(&a, "year:2024", &none).len(), 5);
    assert_eq!(ids(&a, "year:2021", &none), Vec::<String>::new());
    assert_eq!(ids(&a, "minsk year:last", &none), Vec::<String>::new());
    // With the year facet's filter, both hold.
    let y2023 = Filters { year: Some(2023), ..Filters::default() };
    assert_eq!(ids(&a, "minsk year:2020-2024", &y2023), ["tie-new"]);
    assert_eq!(ids(&a, "minsk year:2020", &y2023), Vec::<String>::new());
}

#[test]
fn year_values_name_a_year_or_a_range() {
    assert_eq!(Field::years("2020"), Some((2020, 2020)));
    assert_eq!(Field::years("2018-2020"), Some((2018, 2020)));
    assert_eq!(Field::years("2020-2018"), Some((2018, 2020)));
    assert_eq!(Field::years("2018..2020"), Some((2018, 2020)));
    assert_eq!(Field::years("2018—2020"), Some((2018, 2020)));
    for bad in ["", "20", "20200", "last", "2018-", "-2018", "2018-20", "２０２０"] {
        assert_eq!(Field::years(bad), None, "{bad}");
    }
}

#[test]
fn negated_field_filters_remove_what_they_name() {
    let a = fixed();
    let none = Filters::default();
    // Articles with no source at all are kept: they are not from TASS.
    assert_eq!(ids(&a, "exercises -source:tass", &none), ["lead", "body"]);
    let mut news = ids(&a, "minsk -section:media", &none);
    news.sort();
    assert_eq!(news, ["body", "title"]);
    assert_eq!(ids(&a, "одкб -lang:ru", &none), Vec::<String>::new());
    // Alone, a negated filter lists everything else by date.
    assert_eq!(ids(&a, "-section:news", &none), ["lead", "tie-new", "tie-old", "quote"]);
    // For every query and field: `q -f` is `q` without what `q f` finds.
    for q in ["minsk", "exercises", "учения", ""] {
        for f in ["source:tass", "source:ТАСС", "section:news", "section:Media", "lang:ru"] {
            let all = ids(&a, q, &none);
            let with = ids(&a, &format!("{q} {f}"), &none);
            let without = ids(&a, &format!("{q} -{f}"), &none);
            let want: Vec<String> = all.iter().filter(|i| !with.contains(i)).cloned().collect();
            assert_eq!(without, want, "{q} -{f}");
        }
    }
}

#[test]
fn facets_follow_the_query_and_count_other_dimensions_disjunctively() {
    let a = fixed();
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let q = ParsedQuery::parse("minsk");
    let media = Filters { section: Some("media".into()), ..Filters::default() };
    let f = facet_counts(&index, &a, &analyzer, &q, &media);
    assert_eq!(f.total, 3);
    // Minsk in Latin letters is not Минск: the Russian articles do not count.
    assert_eq!(f.sections, [("media".to_owned(), 3), ("news".to_owned(), 2)]);
    assert_eq!(f.langs, [("en".to_owned(), 3)]);
    assert_eq!(f.years, [(2024, 1), (2023, 1), (2020, 1)]);
    assert!(f.months.is_empty());
    let in_2024 = Filters { year: Some(2024), ..Filters::default() };
    let f = facet_counts(&index, &a, &analyzer, &q, &in_2024);
    assert_eq!(f.months, [(3, 1), (4, 1), (5, 1)]);
    // With a year (and a month of it) chosen, the year facet still offers the other years.
    assert_eq!(f.years, [(2024, 3), (2023, 1), (2020, 1)]);
    let in_march = Filters { month: Some(3), ..in_2024.clone() };
    let march = facet_counts(&index, &a, &analyzer, &q, &in_march);
    assert_eq!(march.total, 1);
    assert_eq!(march.years, [(2024, 3), (2023, 1), (2020, 1)]);
    assert_eq!(march.months, [(3, 1), (4, 1), (5, 1)]);
    // The histogram ignores every date filter (the year, the month, a range), so the reader can
    // widen the period again from it: the same with a year, a month or none, from January 2020
    // to May 2024, gaps as zeros.
    let none = facet_counts(&index, &a, &analyzer, &q, &Filters::default());
    assert_eq!(f.histogram, none.histogram);
    assert_eq!(march.histogram, none.histogram);
    let f = none;
    assert_eq!(f.histogram.len(), 12 * 4 + 5);
    assert_eq!(f.histogram.iter().map(|b| b.1).sum::<usize>(), 5);
    assert_eq!((f.histogram[0], f.histogram[1]), (((2020, 1), 1), ((2020, 2), 0)));
}

/// The archive of the JSON Lines corpus file at `path` (under ../shared/corpus, read at test
/// time), each row made an article by `article` (its number, the row); `None` when the file is
/// missing or unreadable.
fn corpus(path: &str, article: impl Fn(usize, &Value) -> Value) -> Option<Archive> {
    let path = format!("{}/../../../shared/corpus/{path}", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::File::open(path).ok()?;
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let mut articles = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let row: Value = serde_json::from_str(&line.ok()?).ok()?;
        articles.push(article(i, &row));
    }
    Some(archive(Value::Array(articles)))
}

/// The 1TV 2022 set: 5,437 Russian news leads (test data only, never shipped).
fn one_tv_2022() -> Option<Archive> {
    corpus("1tv-news-and-ru-state-media-index/1tv_news_2022.jsonl.gz", |i, row| {
        let date = row["date_iso"].as_str().map(|d| d[..10].to_owned());
        json!({
            "id": format!("a{i}"), "lang": "ru", "title": row["title"], "date": date,
            "body": p(row["body"].as_str().unwrap_or_default()),
        })
    })
}

#[test]
fn russian_inflection_recall_and_precision_on_real_news() {
    let Some(a) = one_tv_2022() else {
        panic!(
            "../shared/corpus/1tv-news-and-ru-state-media-index/1tv_news_2022.jsonl.gz is missing"
        );
    };
    assert_eq!(a.articles().len(), 5437);
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    // Relevant: an article with any case form of the lemma (the benchmark's labels).
    let lemmas: [(&[&str], &[&str]); 9] = [
        // учение/учения, the military exercise — not учёные, the scientists.
        (
            &[
                "учение",
                "учения",
                "учений",
                "учению",
                "учением",
                "учении",
                "учениям",
                "учениями",
                "учениях",
            ],
            &["учения", "учениях", "учений", "Учение"],
        ),
        // выборы, the elections — not выбор, a choice.
        (
            &["выборы", "выборов", "выборам", "выборами", "выборах"],
            &["выборы", "Выборах", "выборов"],
        ),
        // Cases Snowball stems apart: a surname in -ов, nouns in -ан (the nouns in -сь, such as
        // Беларусь, which 1TV writes Белоруссия, are in the analyser's unit test).
        (&["лавров", "лаврова", "лаврову", "лавровым", "лаврове"], &["Лавров", "Лаврова"]),
        (
            &["афганистан", "афганистана", "афганистану", "афганистаном", "афганистане"],
            &["Афганистан", "Афганистане"],
        ),
        (
            &[
                "страна",
                "страны",
                "стране",
                "страну",
                "страной",
                "стран",
                "странам",
                "странами",
                "странах",
            ],
            &["страна", "стране", "странах"],
        ),
        // Nouns and names in -ит, -ил, -ен, -ей, whose nominative Snowball stems as a verb.
        (
            &[
                "саммит",
                "саммита",
                "саммиту",
                "саммитом",
                "саммите",
                "саммиты",
                "саммитов",
                "саммитам",
                "саммитами",
                "саммитах",
            ],
            &["саммит", "саммита", "саммитов"],
        ),
        (&["михаил", "михаила", "михаилу", "михаилом", "михаиле"], &["Михаил", "Михаила"]),
        (&["байден", "байдена", "байдену", "байденом", "байдене"], &["Байден", "Байдена"]),
        (&["сергей", "сергея", "сергею", "сергеем", "сергее"], &["Сергей", "Сергея"]),
    ];
    for (forms, queries) in lemmas {
        let relevant: std::collections::BTreeSet<usize> = (0..a.articles().len())
            .filter(|&i| {
                archive_core::search::index::field_texts(a.at(i)).iter().any(|t| {
                    archive_core::search::analyze::tokenize(t)
                        .iter()
                        .any(|tok| forms.contains(&tok.folded.as_str()))
                })
            })
            .collect();
        assert!(relevant.len() >= 10, "{forms:?}: {}", relevant.len());
        for q in queries {
            let found: std::collections::BTreeSet<usize> = index
                .search(&a, &analyzer, &ParsedQuery::parse(q), &Filters::default(), Sort::Relevance)
                .into_iter()
                .map(|h| h.pos)
                .collect();
            let hit = found.intersection(&relevant).count();
            let recall = hit as f64 / relevant.len() as f64;
            let precision = hit as f64 / found.len().max(1) as f64;
            assert!(recall == 1.0, "{q}: recall {recall:.3} ({hit}/{})", relevant.len());
            assert!(precision >= 0.95, "{q}: precision {precision:.3} ({hit}/{})", found.len());
        }
    }
}

/// `section:` names a section by id or title and takes its sub-sections' articles too, as the
/// section's page lists them. Expected set from the bundle's section tree, walked down.
#[test]
fn a_section_clause_takes_the_sections_below_it() {
    let a = built_in();
    let mut below: std::collections::BTreeSet<&str> = ["session"].into();
    loop {
        let n = below.len();
        for s in &a.bundle().sections {
            if s.parent.as_deref().is_some_and(|p| below.contains(p)) {
                below.insert(&s.id);
            }
        }
        if below.len() == n {
            break;
        }
    }
    assert!(below.len() >= 3, "{below:?}");
    let mut expected: Vec<String> = a
        .articles()
        .iter()
        .filter(|x| x.section.as_deref().is_some_and(|s| below.contains(s)))
        .map(|x| x.id.clone())
        .collect();
    expected.sort();
    assert!(expected.iter().any(|id| a
        .articles()
        .iter()
        .any(|x| &x.id == id && x.section.as_deref() != Some("session"))));
    for q in ["section:session", "section:\"Collective Security Council sessions\""] {
        let mut got = ids(&a, q, &Filters::default());
        got.sort();
        assert_eq!(got, expected, "{q}");
    }
}

/// A search started on a parent section's page (`section=news`, whose articles are all in its
/// sub-sections) finds what the page lists once the filter is widened.
#[test]
fn a_parent_section_facet_filter_widens_to_its_sub_sections() {
    let a = built_in();
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let run = |q: &str, section: &str| {
        let mut query = ParsedQuery::parse(q);
        let mut filters = Filters { section: Some(section.into()), ..Filters::default() };
        archive_core::search::widen_section_filter(&mut query, &mut filters, &a);
        let mut got: Vec<String> = index
            .search(&a, &analyzer, &query, &filters, Sort::Newest)
            .into_iter()
            .map(|h| a.at(h.pos).id.clone())
            .collect();
        got.sort();
        got
    };
    let mut page: Vec<String> = a.in_subtree("news").iter().map(|&p| a.at(p).id.clone()).collect();
    page.sort();
    assert!(a.in_section("news").is_empty() && !page.is_empty());
    assert_eq!(run("", "news"), page);
    let mut typed = ids(&a, "csto section:news", &Filters::default());
    typed.sort();
    assert!(!typed.is_empty());
    assert_eq!(run("csto", "news"), typed);
    // A section without sub-sections keeps its exact facet filter.
    let leaf = Filters { section: Some("news_odkb".into()), ..Filters::default() };
    let mut query = ParsedQuery::parse("csto");
    let mut widened = leaf.clone();
    archive_core::search::widen_section_filter(&mut query, &mut widened, &a);
    assert_eq!((widened, query), (leaf, ParsedQuery::parse("csto")));
}

/// A section's facet count is what choosing it gives: the results under it and below it. The
/// built-in archive's parents (`news`) hold nothing of their own and are counted all the same.
#[test]
fn a_section_facet_counts_what_choosing_it_finds() {
    let a = built_in();
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    for q in ["", "csto", "session", "secretary general"] {
        let query = ParsedQuery::parse(q);
        let own = facet_counts(&index, &a, &analyzer, &query, &Filters::default()).sections;
        let totals = archive_core::search::section_totals(&own, &a);
        assert!(totals.len() > own.len(), "{q}: parents are listed");
        for (section, n) in &totals {
            let mut query = ParsedQuery::parse(q);
            let mut filters = Filters { section: Some(section.clone()), ..Filters::default() };
            archive_core::search::widen_section_filter(&mut query, &mut filters, &a);
            let found = index.search(&a, &analyzer, &query, &filters, Sort::Newest).len();
            assert_eq!(found, *n, "{q}: section {section}");
        }
        assert!(totals.windows(2).all(|w| w[0].1 >= w[1].1), "{q}: most first");
    }
}

/// `section:{id}` lists what the section's page lists, for every section of the built-in
/// archive, though four of them are titled "News": an id names one section. A title names every
/// section that has it.
#[test]
fn a_section_id_names_one_section_and_a_title_every_section_with_it() {
    let a = built_in();
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let page = |id: &str| sorted(a.in_subtree(id).iter().map(|&p| a.at(p).id.clone()).collect());
    for s in &a.bundle().sections {
        let got = sorted(ids(&a, &format!("section:{}", s.id), &Filters::default()));
        assert_eq!(got, page(&s.id), "section:{}", s.id);
    }
    let news: Vec<&str> = a
        .bundle()
        .sections
        .iter()
        .filter(|s| s.title.get("ru").is_some_and(|t| t == "Новости"))
        .map(|s| s.id.as_str())
        .collect();
    assert!(news.len() >= 2, "{news:?}");
    let mut all_news: Vec<String> = news.iter().flat_map(|id| page(id)).collect();
    all_news.sort();
    all_news.dedup();
    assert_eq!(sorted(ids(&a, "section:Новости", &Filters::default())), all_news);
    assert!(page("news").len() < all_news.len());
    // "News" is also the id `news` (ids fold too): the id wins.
    assert_eq!(sorted(ids(&a, "section:News", &Filters::default())), page("news"));
}

/// An English corpus of the shared folder (JSON lines of `title` and `body`) as an archive of
/// title and body: a record without a title gets a stand-in, as a bundle must have one (the
/// words are what these sets are for).
fn english(path: &str) -> Option<Archive> {
    corpus(path, |i, row| {
        let title = row["title"].as_str().filter(|t| !t.trim().is_empty()).unwrap_or("Untitled");
        json!({
            "id": format!("e{i}"), "lang": "en", "title": title,
            "body": p(row["body"].as_str().unwrap_or_default()),
        })
    })
}

/// Reuters-21578: 21,578 English newswire stories, 737 without a title (test data only).
fn reuters() -> Option<Archive> {
    english("reuters-21578/articles.jsonl.gz")
}

/// Kremlin and Ukrainian presidential press releases in English, 2021–2022 (1,796; test data
/// only).
fn press_releases() -> Option<Archive> {
    english("zelenskyy-putin-press-releases/articles.jsonl.gz")
}

/// A prefix's words share one IDF, their most common one's: a rare word that shares the prefix
/// does not come first. In 2021–2022 press releases `sanct*` means sanctions (hundreds of
/// articles); two about nature sanctuaries came first when each word had its own IDF.
#[test]
fn a_prefix_ranks_by_the_words_impacts_not_by_how_rare_each_word_is() {
    let Some(a) = press_releases() else { panic!("../shared/corpus press releases are missing") };
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let has = |pos: usize, stem: &str| {
        archive_core::search::index::field_texts(a.at(pos)).iter().any(|t| {
            archive_core::search::analyze::tokenize(t)
                .iter()
                .any(|tok| tok.folded.starts_with(stem))
        })
    };
    let hits = index.search_top(
        &a,
        &analyzer,
        &ParsedQuery::parse("sanct* "),
        &Filters::default(),
        Sort::Relevance,
        10,
    );
    let top: Vec<&str> = hits[..10].iter().map(|h| a.at(h.pos).title.as_str()).collect();
    assert!(hits[..10].iter().all(|h| has(h.pos, "sanction")), "{top:#?}");
    // The rare word is still found.
    assert!(hits.iter().any(|h| has(h.pos, "sanctuar")));
}

/// Phrase and snippet matching stem only the words that begin with a term's
/// [`fixed_prefix`](archive_core::search::analyze::fixed_prefix) (and skip, unfolded, those
/// that do not begin with its first character); that is right only if every word begins with
/// its term's fixed prefix. Checked on every distinct word of the built-in archive (English and
/// Russian), of 1TV 2022 (Russian news) and of Reuters-21578 (English news, where Porter2's
/// *dying* → `die` uses the whole slack).
#[test]
fn every_word_begins_with_its_terms_fixed_prefix() {
    use archive_core::search::analyze::{fixed_prefix, TERM_SLACK};
    let analyzer = Analyzer::new();
    let mut archives = vec![built_in()];
    archives.extend(one_tv_2022());
    archives.extend(reuters());
    assert_eq!(archives.len(), 3, "../shared/corpus 1TV 2022 or Reuters-21578 is missing");
    let mut words = std::collections::BTreeSet::new();
    for a in &archives {
        for article in a.articles() {
            for text in archive_core::search::index::field_texts(article) {
                words.extend(
                    archive_core::search::analyze::tokenize(&text).into_iter().map(|t| t.folded),
                );
            }
        }
    }
    assert!(words.len() > 70_000, "{} words", words.len());
    let mut slack_used = 0;
    for word in &words {
        let term = analyzer.term(word);
        assert_eq!(term.chars().next(), word.chars().next(), "{word:?} → {term:?}");
        assert!(word.starts_with(fixed_prefix(&term)), "{word:?} → {term:?}");
        let shared = word.chars().zip(term.chars()).take_while(|(a, b)| a == b).count();
        slack_used = slack_used.max(term.chars().count() - shared);
    }
    // The slack is no wider than the stemmers need.
    assert_eq!(slack_used, TERM_SLACK);
}

/// Phrases found through the index (candidates, then Shift-And over words folded only when
/// they could begin a term) are exactly the articles where a plain scan of every piece of text,
/// every word stemmed, finds the terms next to each other. On 1TV 2022 (Russian news).
#[test]
fn phrases_match_a_plain_scan_of_real_news() {
    let Some(a) = one_tv_2022() else { panic!("../shared/corpus 1TV 2022 is missing") };
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let terms = |text: &str| -> Vec<String> {
        archive_core::search::analyze::tokenize(text)
            .into_iter()
            .map(|t| analyzer.term(&t.folded).into_owned())
            .collect()
    };
    for phrase in ["специальной военной операции", "Владимир Путин", "в Москве", "чемпионата мира"]
    {
        let want_terms = terms(phrase);
        let holds = |text: &str| terms(text).windows(want_terms.len()).any(|w| w == want_terms);
        let mut want: Vec<usize> = (0..a.articles().len())
            .filter(|&p| {
                let art = a.at(p);
                holds(&art.title)
                    || art.lead.as_deref().is_some_and(holds)
                    || art.body.iter().flat_map(|b| b.pieces()).any(|t| holds(t))
            })
            .collect();
        want.sort_unstable();
        let query = ParsedQuery::parse(&format!("\"{phrase}\""));
        let mut got: Vec<usize> = index
            .search(&a, &analyzer, &query, &Filters::default(), Sort::Newest)
            .into_iter()
            .map(|h| h.pos)
            .collect();
        got.sort_unstable();
        assert!(!want.is_empty(), "{phrase}: found nowhere");
        assert_eq!(got, want, "{phrase}");
    }
}

#[test]
fn date_orders_put_undated_last_both_ways() {
    let a = archive(json!([
        {"id": "mid", "lang": "en", "title": "Minsk", "date": "2022-01-01"},
        {"id": "none", "lang": "en", "title": "Minsk"},
        {"id": "old", "lang": "en", "title": "Minsk", "date": "2020-01-01"},
        {"id": "new", "lang": "en", "title": "Minsk", "date": "2024-01-01"},
    ]));
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let run = |sort| -> Vec<String> {
        index
            .search(&a, &analyzer, &ParsedQuery::parse("minsk"), &Filters::default(), sort)
            .into_iter()
            .map(|h| a.at(h.pos).id.clone())
            .collect()
    };
    assert_eq!(run(Sort::Newest), ["new", "mid", "old", "none"]);
    assert_eq!(run(Sort::Oldest), ["old", "mid", "new", "none"]);
    assert_eq!(run(Sort::Relevance), ["new", "mid", "old", "none"], "equal scores: newest first");
}

/// The built-in archive (190 articles, English and Russian).
fn built_in() -> Archive {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/archive.json"))
            .expect("public/archive.json");
    Archive::new(load_bundle(&text).expect("the built-in archive loads").bundle)
}

/// The reference the exactness tests compare with: per article, per field (title, lead, body),
/// its terms in order, from the analyser alone.
fn field_terms(a: &Archive, analyzer: &Analyzer) -> Vec<Vec<Vec<String>>> {
    a.articles()
        .iter()
        .map(|art| {
            archive_core::search::index::field_texts(art)
                .iter()
                .map(|t| analyzer.terms(t))
                .collect()
        })
        .collect()
}

#[test]
fn conjunctions_find_exactly_the_articles_holding_every_term() {
    // The reference: each article's terms, straight from the analyser, with no index at all.
    let a = built_in();
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let terms: Vec<std::collections::HashSet<String>> =
        field_terms(&a, &analyzer).into_iter().map(|f| f.into_iter().flatten().collect()).collect();
    // Rare with common, common with common, three words, Russian, a word no article has.
    for q in [
        "csto",
        "csto security",
        "security council meeting",
        "secretary general csto",
        "одкб",
        "одкб безопасности",
        "csto zzzunknown",
    ] {
        let want: Vec<String> = q.split(' ').map(|w| analyzer.term(w).into_owned()).collect();
        let expected: std::collections::BTreeSet<usize> = (0..a.articles().len())
            .filter(|&i| want.iter().all(|t| terms[i].contains(t)))
            .collect();
        let parsed = ParsedQuery::parse(&format!("{q} "));
        let found: std::collections::BTreeSet<usize> =
            index.candidates(&a, &analyzer, &parsed).iter().map(|h| h.pos).collect();
        assert_eq!(found, expected, "{q}");
        if !q.contains("zzz") {
            assert!(!expected.is_empty(), "{q} should find something");
        }
        // Each hit scores the sum of its words' scores, each word's as it scores alone.
        let alone: Vec<std::collections::HashMap<usize, f32>> = q
            .split(' ')
            .map(|w| {
                let parsed = ParsedQuery::parse(&format!("{w} "));
                index.candidates(&a, &analyzer, &parsed).iter().map(|h| (h.pos, h.score)).collect()
            })
            .collect();
        for hit in index.candidates(&a, &analyzer, &parsed) {
            let sum: f32 = alone.iter().map(|scores| scores[&hit.pos]).sum();
            assert!(
                (hit.score - sum).abs() <= sum * 1e-5,
                "{q}: {} scores {} for {sum}",
                hit.pos,
                hit.score
            );
        }
    }
}

#[test]
fn prefixes_union_every_word_they_start_and_score_the_best() {
    // "s*" starts most of the archive's words (the dense path); "secur*" a handful (the sorted
    // path). Each finds exactly the articles with a word starting so.
    let a = built_in();
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    for prefix in ["s", "secur", "безопас", "a"] {
        let expected: std::collections::BTreeSet<usize> = (0..a.articles().len())
            .filter(|&i| {
                archive_core::search::index::field_texts(a.at(i)).iter().any(|t| {
                    archive_core::search::analyze::tokenize(t)
                        .iter()
                        .any(|tok| tok.folded.starts_with(prefix))
                })
            })
            .collect();
        let hits = index.candidates(&a, &analyzer, &ParsedQuery::parse(&format!("{prefix}* ")));
        let found: std::collections::BTreeSet<usize> = hits.iter().map(|h| h.pos).collect();
        assert_eq!(found, expected, "{prefix}*");
        assert!(hits.iter().all(|h| h.score > 0.0), "{prefix}*: every hit is scored");
    }
}

#[test]
fn the_first_page_of_a_partial_order_is_the_first_page_of_the_full_one() {
    let a = built_in();
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let none = Filters::default();
    for q in ["csto", "security", "s*", "одкб", "-csto"] {
        let parsed = ParsedQuery::parse(q);
        for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
            let all = index.search(&a, &analyzer, &parsed, &none, sort);
            assert!(all.len() > 10, "{q}: {}", all.len());
            for top in [1, 10, 20].map(|t: usize| t.min(all.len())) {
                let page = index.search_top(&a, &analyzer, &parsed, &none, sort, top);
                assert_eq!(page.len(), all.len(), "{q} {sort:?}: the total");
                let ids = |h: &[archive_core::search::Hit]| -> Vec<usize> {
                    h.iter().map(|h| h.pos).collect()
                };
                assert_eq!(ids(&page[..top]), ids(&all[..top]), "{q} {sort:?} top {top}");
            }
        }
    }
}

#[test]
fn phrases_find_exactly_the_articles_with_the_terms_in_a_row() {
    // The reference: each piece's terms from the analyser, searched for the phrase's terms as
    // a window. Phrases of common words, Russian inflected forms, one long phrase, one absent.
    let a = built_in();
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    // Per article, the terms of each piece a phrase must stand in: the title, the lead, each
    // paragraph or list item.
    let fields: Vec<Vec<Vec<String>>> = a
        .articles()
        .iter()
        .map(|art| {
            let body = art.body.iter().flat_map(|b| b.pieces()).map(String::as_str);
            [art.title.as_str(), art.lead.as_deref().unwrap_or("")]
                .into_iter()
                .chain(body)
                .map(|t| analyzer.terms(t))
                .collect()
        })
        .collect();
    for phrase in [
        "secretary general",
        "collective security treaty organization",
        "of the",
        "ОДКБ",
        "государств членов",
        "security secretary",
    ] {
        let want = analyzer.terms(phrase);
        let expected: std::collections::BTreeSet<usize> = (0..fields.len())
            .filter(|&i| fields[i].iter().any(|f| f.windows(want.len()).any(|w| w == want)))
            .collect();
        let found = |q: &str| -> std::collections::BTreeSet<usize> {
            index.candidates(&a, &analyzer, &ParsedQuery::parse(q)).iter().map(|h| h.pos).collect()
        };
        assert_eq!(expected.is_empty(), phrase == "security secretary", "{phrase}: {expected:?}");
        assert_eq!(found(&format!("\"{phrase}\"")), expected, "\"{phrase}\"");
        // And its exclusion keeps exactly the others.
        let others: std::collections::BTreeSet<usize> =
            (0..fields.len()).filter(|i| !expected.contains(i)).collect();
        if want.len() > 1 {
            assert_eq!(found(&format!("-\"{phrase}\"")), others, "-\"{phrase}\"");
        }
    }
}

#[test]
fn a_phrase_does_not_run_from_one_field_or_paragraph_into_the_next() {
    let a = archive(json!([
        {"id": "split", "lang": "en", "title": "Talks in Minsk", "lead": "Security council met.",
         "body": p("Nothing else.")},
        {"id": "whole", "lang": "en", "title": "Minsk security", "body": p("Council.")},
        {"id": "paras", "lang": "en", "title": "Other", "body": json!([
            {"type": "paragraph", "text": "It was held in Minsk"},
            {"type": "paragraph", "text": "Security was tight."}])},
    ]));
    // Title "…Minsk" + lead "Security…" is no phrase, nor the end of one paragraph and the
    // start of the next.
    assert_eq!(ids(&a, "\"minsk security\"", &Filters::default()), ["whole"]);
}

#[test]
fn while_typing_the_last_word_is_its_term_or_any_word_it_begins() {
    // Reference: per article its terms and its folded words, from the analyser alone.
    let a = built_in();
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let mut terms = Vec::new();
    let mut words = Vec::new();
    for art in a.articles() {
        let mut t = std::collections::HashSet::new();
        let mut w = std::collections::HashSet::new();
        for text in archive_core::search::index::field_texts(art) {
            for tok in archive_core::search::analyze::tokenize(&text) {
                t.insert(analyzer.term(&tok.folded).into_owned());
                w.insert(tok.folded);
            }
        }
        terms.push(t);
        words.push(w);
    }
    // A word in one article: with a one-letter last word, the union of hundreds of
    // terms is galloped for that doc; after a common word, it is looked up doc by doc.
    let rare = words
        .iter()
        .flatten()
        .filter(|w| w.len() >= 6 && w.chars().all(char::is_alphabetic))
        .map(|w| w.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .find(|w| {
            let t = analyzer.term(w);
            terms.iter().filter(|ts| ts.contains(t.as_ref())).count() == 1
        })
        .expect("a word in one article");
    for q in [format!("{rare} s"), format!("{rare} a"), "csto s".into(), "security co".into()] {
        let (first, last) = q.split_once(' ').unwrap();
        let first = analyzer.term(first).into_owned();
        let last_term = analyzer.term(last).into_owned();
        let expected: std::collections::BTreeSet<usize> = (0..terms.len())
            .filter(|&i| {
                terms[i].contains(&first)
                    && (terms[i].contains(&last_term)
                        || words[i].iter().any(|w| w.starts_with(last)))
            })
            .collect();
        let found: std::collections::BTreeSet<usize> = index
            .candidates(&a, &analyzer, &ParsedQuery::parse(&q))
            .iter()
            .map(|h| h.pos)
            .collect();
        assert_eq!(found, expected, "{q}");
        assert!(!expected.is_empty(), "{q}");
    }
}

#[test]
fn a_possessive_is_found_by_the_plain_word_and_excluded_with_it() {
    let a = archive(json!([
        {"id": "poss", "lang": "en", "title": "The CSTO’s joint exercises", "date": "2024-01-01"},
        {"id": "plain", "lang": "en", "title": "CSTO exercises", "date": "2023-01-01"},
        {"id": "other", "lang": "en", "title": "Joint exercises", "date": "2022-01-01"},
    ]));
    let none = Filters::default();
    let mut found = ids(&a, "csto ", &none);
    found.sort();
    assert_eq!(found, ["plain", "poss"]);
    assert_eq!(ids(&a, "exercises -csto", &none), ["other"]);
    assert_eq!(ids(&a, "\"csto's joint\"", &none), ["poss"]);
}

/// "Did you mean": a misspelt word gets the archive's nearest word, and the corrected query
/// finds what the misspelt one did not.
#[test]
fn a_misspelt_word_is_offered_the_nearest_word_of_the_archive() {
    let a = built_in();
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let found = |q: &str| {
        index
            .search(&a, &analyzer, &ParsedQuery::parse(q), &Filters::default(), Sort::Relevance)
            .len()
    };
    for (typed, want) in [
        ("secretery general", "secretary general"),
        ("Afganistan", "Afghanistan"),
        ("сикретарь ОДКБ", "секретарь ОДКБ"),
        ("peacekeeping secretery -exercise", "peacekeeping secretary -exercise"),
    ] {
        assert_eq!(found(typed), 0, "{typed}");
        let fixes = index.suggest(&ParsedQuery::parse(typed), &analyzer);
        let corrected = archive_core::search::corrected_query(typed, &fixes);
        assert_eq!(corrected, want, "{typed}: {fixes:?}");
        assert!(found(&corrected) > 0, "{corrected}");
    }
    // Words the archive has, short words and words far from every other get nothing.
    for q in ["secretary", "CSTO", "xqz", "zzzzzzzzzzqqq", "\"secretery general\""] {
        assert_eq!(index.suggest(&ParsedQuery::parse(q), &analyzer), [], "{q}");
    }
}

/// The year facet plus the undated, and the section facet plus the unfiled, add up to the
/// result count: a reader can see where every result went.
#[test]
fn facets_account_for_every_result() {
    let a = built_in();
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let mut seen_undated = false;
    for q in ["csto", "secretary general", "ОДКБ", "exercise"] {
        let f = facet_counts(&index, &a, &analyzer, &ParsedQuery::parse(q), &Filters::default());
        let years: usize = f.years.iter().map(|y| y.1).sum();
        let sections: usize = f.sections.iter().map(|s| s.1).sum();
        assert_eq!(years + f.undated, f.total, "{q}");
        assert_eq!(sections + f.unsectioned, f.total, "{q}");
        seen_undated |= f.undated > 0;
    }
    assert!(seen_undated);
    // A year filter leaves the undated out of the results, not out of the year facet's note.
    let year = Filters { year: Some(2024), ..Filters::default() };
    let all = facet_counts(&index, &a, &analyzer, &ParsedQuery::parse("csto"), &Filters::default());
    let f = facet_counts(&index, &a, &analyzer, &ParsedQuery::parse("csto"), &year);
    assert_eq!(f.undated, all.undated);
    assert_eq!(f.total, all.years.iter().find(|y| y.0 == 2024).map_or(0, |y| y.1));
}

#[test]
fn a_section_clause_takes_sections_however_deep() {
    // 500 sections, each the parent of the next; one article in the deepest.
    let sections: Vec<Value> = (0..500)
        .map(|i| {
            let mut s = json!({"id": format!("c{i}"), "title": {"en": format!("C{i}")}});
            if i > 0 {
                s["parent"] = json!(format!("c{}", i - 1));
            }
            s
        })
        .collect();
    let bundle = json!({
        "format": "archive-browser-bundle", "version": 1,
        "archive": {"id": "t", "title": {"en": "T"}, "languages": ["en"], "default_language": "en"},
        "sections": sections,
        "articles": [{"id": "deep", "lang": "en", "title": "Deep news", "date": "2024-01-01",
                      "section": "c499", "lead": "Lead."}],
    });
    let loaded = load_bundle(&bundle.to_string()).unwrap();
    let a = Archive::new(loaded.bundle);
    let none = Filters::default();
    for top in ["c0", "c100", "c498", "c499"] {
        assert_eq!(ids(&a, &format!("news section:{top}"), &none), ["deep"], "{top}");
        assert!(ids(&a, &format!("news -section:{top}"), &none).is_empty(), "{top}");
    }
}

/// Softcatalà's news: 623 Catalan articles, read from ../shared at test time.
fn softcatala() -> Option<Archive> {
    corpus("softcatala-articles-ca/articles.jsonl.gz", |i, row| {
        json!({
            "id": format!("a{i}"), "lang": "en", "title": row["title"],
            "body": p(row["body"].as_str().unwrap_or_default()),
        })
    })
}

#[test]
fn an_elided_article_does_not_hide_its_word_in_catalan_news() {
    let a = softcatala().expect("../shared/corpus/softcatala-articles-ca is missing");
    for word in ["ajuntament", "intel·ligència", "associació", "usuari"] {
        // A plain scan: the articles where the word stands alone or after `l'` or `d'`, in any case.
        let holds = |text: &str| {
            text.to_lowercase()
                .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '·')))
                .map(|w| {
                    ["l'", "d'", "l’", "d’"].iter().fold(w, |w, e| w.strip_prefix(e).unwrap_or(w))
                })
                .any(|w| w == word)
        };
        let want: Vec<&str> = a
            .articles()
            .iter()
            .filter(|x| holds(&x.title) || x.body.iter().any(|b| holds(&b.text())))
            .map(|x| x.id.as_str())
            .collect();
        let got = ids(&a, word, &Filters::default());
        let missed: Vec<_> = want.iter().filter(|id| !got.iter().any(|g| g == *id)).collect();
        assert!(missed.is_empty(), "{word}: {} of {} missed: {missed:?}", missed.len(), want.len());
        assert!(want.len() >= 5, "{word}: {} articles", want.len());
    }
}

#[test]
fn a_suggestion_is_shown_as_the_articles_write_it() {
    let a = softcatala().expect("../shared/corpus/softcatala-articles-ca is missing");
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let fixes = index.suggest(&ParsedQuery::parse("tradducció"), &analyzer);
    assert_eq!(fixes, [("tradduccio".to_owned(), "traduccio".to_owned())]);
    assert_eq!(index.as_written(&a, "traduccio").as_deref(), Some("traducció"));
    assert_eq!(index.as_written(&a, "paisos").as_deref(), Some("països"));
    // Capitals are the sentence's, not the word's; a word the index lacks has no spelling.
    assert_eq!(index.as_written(&a, "softcatala").as_deref(), Some("softcatalà"));
    assert_eq!(index.as_written(&a, "tradduccio"), None);
}

/// A word few articles have is offered the spelling far more have: the Ukrainian releases
/// write *Zelenskyy* (721 articles), a few Kremlin ones *Zelensky* (13). A word that is itself
/// the common spelling, a short word, and a word with no such neighbour are offered nothing.
#[test]
fn a_rare_spelling_is_offered_the_common_one() {
    let Some(a) = press_releases() else { panic!("../shared/corpus press releases are missing") };
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let offer = |q: &str| index.commoner(&ParsedQuery::parse(q), &analyzer);
    let count =
        |q: &str| index.candidates(&a, &analyzer, &ParsedQuery::parse(&format!("{q} "))).len();
    assert!(count("zelensky") > 0 && count("zelensky") * 20 <= count("zelenskyy"));
    assert_eq!(offer("Zelensky meeting"), [("zelensky".to_owned(), "zelenskyy".to_owned())]);
    assert_eq!(offer("zelenskyy"), []);
    assert_eq!(offer("sanctions"), []);
    assert_eq!(offer("Biden"), [], "a short word");
    assert_eq!(offer("acquisiton"), [], "no article has it: a misspelling is `suggest`'s");
    assert_eq!(offer("\"zelensky said\" -zelensky zelensky*"), [], "phrases, exclusions, prefixes");
}
