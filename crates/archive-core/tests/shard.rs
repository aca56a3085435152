//! The sharded form: written from the built-in archive in small pieces, read back piece by
//! piece, it must give every article, every id and the same search answers as the single file.
#![cfg(feature = "hash")]

use std::collections::{BTreeSet, HashMap};

use archive_core::search::{facet_counts_of, Analyzer, Filters, ParsedQuery, SearchIndex, Sort};
use archive_core::shard::write::{write, ShardSet, Sizes};
use archive_core::shard::{Lookup, Need, ShardError, ShardSearch, ShardedArchive};
use archive_core::{load_bundle, Archive, CivilDate};

fn archive() -> Archive {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/archive.json"))
            .expect("public/archive.json");
    Archive::new(load_bundle(&text).expect("the built-in archive loads").bundle)
}

/// Small pieces, so that even 190 articles make many shards, buckets and chunks.
fn small() -> Sizes {
    Sizes {
        shard_bytes: 8 * 1024,
        chunk_bytes: 2 * 1024,
        ids_per_bucket: 16,
        cards_per_file: 8,
        ..Sizes::default()
    }
}

fn open(set: &ShardSet) -> ShardedArchive {
    ShardedArchive::from_manifest(&serde_json::to_string(&set.manifest).unwrap()).unwrap()
}

fn bytes<'a>(set: &'a ShardSet, s: &ShardedArchive, need: Need) -> &'a [u8] {
    let href = s.file(need).0;
    &set.files.iter().find(|(h, _)| *h == href).expect("the file the manifest names").1
}

fn load(set: &ShardSet, s: &mut ShardedArchive, needs: &[Need]) {
    for &n in needs {
        let b = bytes(set, s, n).to_vec();
        s.insert(n, &b).unwrap();
    }
}

fn load_all(set: &ShardSet) -> ShardedArchive {
    let mut s = open(set);
    let m = s.manifest().clone();
    let mut all: Vec<Need> = (0..m.shards.files.count as usize).map(Need::Shard).collect();
    all.extend((0..m.ids.count as usize).map(Need::Ids));
    all.extend((0..m.cards.files.count as usize).map(Need::Cards));
    all.extend((0..m.index.files.count as usize).map(Need::Chunk));
    all.push(Need::Docs);
    load(set, &mut s, &all);
    s
}

#[test]
fn the_pieces_hold_every_article_in_reading_order() {
    let a = archive();
    let set = write(&a, small());
    let m = &set.manifest;
    assert!(m.shards.files.count > 5 && m.ids.count > 5 && m.index.files.count > 5, "many pieces");
    assert!(m.shards.firsts[1] <= 20, "the first shard holds at most the first page");
    assert_eq!(m.articles as usize, a.articles().len());
    let s = load_all(&set);
    for (doc, &pos) in a.all().iter().enumerate() {
        assert_eq!(s.article(doc as u32), Some(a.at(pos)), "doc {doc}");
        assert_eq!(s.lookup(&a.at(pos).id), Lookup::Doc(doc as u32));
    }
    assert_eq!(s.lookup("no-such-article"), Lookup::Missing);
    // Months and sections agree with the single-file reading.
    assert_eq!(s.months(), a.months());
    let mut counts: Vec<(&str, usize)> = s.section_counts();
    counts.retain(|c| c.1 > 0);
    let mut want = a.section_counts();
    want.retain(|c| c.1 > 0);
    assert_eq!(counts, want);
    for (period, _) in a.months() {
        let range = s.period_range(period);
        let docs: Vec<usize> = range.map(|d| a.all()[d as usize]).collect();
        assert_eq!(docs, a.in_period(period), "{period:?}");
    }
    for section in &a.bundle().sections {
        let docs: Vec<usize> =
            s.in_subtree(&section.id).unwrap().into_iter().map(|d| a.all()[d as usize]).collect();
        assert_eq!(docs, a.in_subtree(&section.id), "section {}", section.id);
    }
    // Previous and next in a section (same language) agree for every article.
    for (doc, &pos) in a.all().iter().enumerate() {
        let (older, newer) = s.neighbours_in_section(doc as u32).unwrap();
        let as_pos = |d: Option<u32>| d.map(|d| a.all()[d as usize]);
        assert_eq!((as_pos(older), as_pos(newer)), a.neighbours_in_section(pos), "doc {doc}");
    }
}

#[test]
fn an_article_opened_alone_finds_the_neighbours_its_shard_holds() {
    let a = archive();
    let set = write(&a, small());
    let mut found = 0;
    for (doc, &pos) in a.all().iter().enumerate() {
        // As an article opened by a link: its own shard, no doc table.
        let mut s = open(&set);
        let needs = s.missing_shards([doc as u32]);
        load(&set, &mut s, &needs);
        assert_eq!(s.neighbours_in_section(doc as u32), None, "no doc table");
        let (older, newer) = s.neighbours_loaded(doc as u32);
        let (want_older, want_newer) = a.neighbours_in_section(pos);
        let as_doc =
            |p: Option<usize>| p.map(|p| a.all().iter().position(|&q| q == p).unwrap() as u32);
        // Each side is the true neighbour when the shard holds it, else unknown.
        for (got, want) in [(older, as_doc(want_older)), (newer, as_doc(want_newer))] {
            match want {
                Some(w) if s.shard_of(w) == s.shard_of(doc as u32) => {
                    assert_eq!(got, Some(w), "doc {doc}");
                    found += 1;
                }
                _ => assert_eq!(got, None, "doc {doc}"),
            }
        }
    }
    assert!(found > 50, "most neighbours share a shard ({found})");
}

#[test]
fn the_same_input_writes_the_same_files() {
    let a = archive();
    assert_eq!(write(&a, small()), write(&a, small()));
}

#[test]
fn an_article_lookup_loads_one_bucket_and_one_shard() {
    let a = archive();
    let set = write(&a, small());
    let mut s = open(&set);
    let old = a.at(*a.all().last().unwrap()).id.clone();
    let Lookup::Needs(need @ Need::Ids(_)) = s.lookup(&old) else { panic!("needs its bucket") };
    load(&set, &mut s, &[need]);
    let Lookup::Doc(doc) = s.lookup(&old) else { panic!("found after the bucket") };
    let shards = s.missing_shards([doc]);
    assert_eq!(shards.len(), 1);
    load(&set, &mut s, &shards);
    assert_eq!(s.article(doc).unwrap().id, old);
    assert!(s.article(0).is_none(), "the first shard was not needed, nor loaded");
}

/// Search answers as sets of article ids.
fn ids(a: &Archive, hits: impl IntoIterator<Item = usize>, by_doc: bool) -> BTreeSet<String> {
    hits.into_iter().map(|p| a.at(if by_doc { a.all()[p] } else { p }).id.clone()).collect()
}

#[test]
fn search_over_the_needed_chunks_matches_the_single_file_index() {
    let a = archive();
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let set = write(&a, small());
    let full = load_all(&set);
    let queries = [
        "security",
        "collective security",
        "секретарь",
        "учения",
        "minsk -belarus",
        "exerc*",
        "sec",
        "Secretary General",
        "section:news_odkb",
        "section:session",
        "section:news",
        "section:Новости",
        "section:\"Collective Security Council sessions\"",
        "security -section:news_odkb",
        "-lang:ru",
        "source:\"RIA Novosti\"",
        "security -source:«РИА Новости»",
        "security year:2023",
        "year:2022-2023",
        "-year:2023",
        "",
    ];
    let filters = [
        Filters::default(),
        Filters { year: Some(2023), ..Filters::default() },
        Filters { lang: Some("ru".into()), ..Filters::default() },
        Filters {
            from: Some(CivilDate::new(2023, 3, 1).unwrap()),
            to: Some(CivilDate::new(2023, 9, 30).unwrap()),
            ..Filters::default()
        },
    ];
    let mut nonempty = 0;
    for q in queries {
        let query = ParsedQuery::parse(q);
        for f in &filters {
            // Only what the query names: a fresh reader given just those files answers the same.
            let mut s = open(&set);
            let needs = ShardSearch::new(&s, &analyzer, &query).needs(f, Sort::Newest);
            assert!(
                needs.len() < set.manifest.index.files.count as usize || q.is_empty(),
                "{q}: not every chunk"
            );
            let docs = needs.contains(&Need::Docs);
            assert_eq!(
                docs,
                !f.is_empty()
                    || q.is_empty()
                    || ["section:", "lang:", "source:", "year:"].iter().any(|f| q.contains(f)),
                "{q} {f:?}"
            );
            load(&set, &mut s, &needs);
            assert!(ShardSearch::new(&s, &analyzer, &query).needs(f, Sort::Newest).is_empty());
            let want = index.search(&a, &analyzer, &query, f, Sort::Newest);
            let got = s.search(&analyzer, &query, f, Sort::Newest);
            assert_eq!(got, full.search(&analyzer, &query, f, Sort::Newest), "{q}: needed = all");
            let want_ids = ids(&a, want.iter().map(|h| h.pos), false);
            assert_eq!(ids(&a, got.hits.iter().map(|h| h.pos), true), want_ids, "{q} {f:?}");
            // Newest first is doc order.
            assert!(got.hits.windows(2).all(|w| w[0].pos < w[1].pos));
            nonempty += usize::from(!want_ids.is_empty());
            // Facets from the doc table = facets from the articles (tags and people aside).
            if !docs {
                assert_eq!(s.facet_counts(&got.candidates, f), Default::default(), "not yet");
                load(&set, &mut s, &[Need::Docs]);
            }
            let candidates = index.candidates(&a, &analyzer, &query);
            let mut want_facets = facet_counts_of(&candidates, &a, f);
            want_facets.tags.clear();
            want_facets.people.clear();
            assert_eq!(s.facet_counts(&got.candidates, f), want_facets, "{q} {f:?}");
            // Counted a part at a time, last part first: the same counts.
            let mut tally = s.facet_tally();
            for part in got.candidates.rchunks(3) {
                s.tally(&mut tally, part, f);
            }
            assert_eq!(s.facets_of(tally), want_facets, "{q} {f:?}, in parts");
        }
        // Relevance: the same order, article by article. Both forms score a posting by the same
        // impact byte times the same IDF, and break ties newest first.
        let want = index.search(&a, &analyzer, &query, &Filters::default(), Sort::Relevance);
        let got = full.search(&analyzer, &query, &Filters::default(), Sort::Relevance);
        let order = |ids: Vec<&str>| ids.into_iter().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            order(got.hits.iter().map(|h| a.at(a.all()[h.pos]).id.as_str()).collect()),
            order(want.iter().map(|h| a.at(h.pos).id.as_str()).collect()),
            "{q}: relevance order"
        );
        // A page's worth in order is the same as the first hits of the whole order.
        let top = full.search_top(&analyzer, &query, &Filters::default(), Sort::Relevance, 5);
        assert_eq!(top.hits.len(), got.hits.len());
        let n = 5.min(got.hits.len());
        assert_eq!(top.hits[..n], got.hits[..n], "{q}: top 5");
        if let (Some(w), Some(g)) = (want.first(), got.hits.first()) {
            if w.score > 0.0 {
                let close = want.iter().take_while(|h| h.score >= w.score * 0.97).map(|h| h.pos);
                assert!(ids(&a, close, false).contains(&a.at(a.all()[g.pos]).id), "{q}: top hit");
            }
        }
    }
    assert!(nonempty > 10, "the queries find things");
}

#[test]
fn phrases_are_flagged_and_checked_on_the_article() {
    let a = archive();
    let analyzer = Analyzer::new();
    let s = load_all(&write(&a, small()));
    let query = ParsedQuery::parse("\"security council\"");
    let got = s.search(&analyzer, &query, &Filters::default(), Sort::Newest);
    assert!(got.unchecked);
    let index = SearchIndex::build(a.articles(), &analyzer);
    let want = index.search(&a, &analyzer, &query, &Filters::default(), Sort::Newest);
    let verified: Vec<usize> = got
        .hits
        .iter()
        .filter(|h| {
            s.verify(s.article(h.pos as u32).unwrap(), &analyzer, &query, &Filters::default())
        })
        .map(|h| a.all()[h.pos])
        .collect();
    assert_eq!(verified, want.iter().map(|h| h.pos).collect::<Vec<_>>());
    assert!(!verified.is_empty());
}

#[test]
fn damaged_pieces_are_refused_with_their_name() {
    let a = archive();
    let set = write(&a, small());
    let mut s = open(&set);
    // Another shard's bytes where shard 1 was expected.
    let other = bytes(&set, &s, Need::Shard(2)).to_vec();
    let err = s.insert(Need::Shard(1), &other).unwrap_err();
    let href = s.file(Need::Shard(1)).0;
    assert!(matches!(&err, ShardError::File { href: h, .. } if *h == href), "{err}");
    assert!(s.insert(Need::Shard(1), b"{\"first\": 20, \"articles\": [{}]}").is_err());
    // A file cut short (an interrupted download or copy) is said to be one.
    let card = bytes(&set, &s, Need::Cards(0)).to_vec();
    let err = s.insert(Need::Cards(0), &card[..card.len() / 2]).unwrap_err().to_string();
    assert!(err.contains("EOF while parsing") && err.contains("a file cut short"), "{err}");
    // Cut inside a character (a Cyrillic letter's two bytes): said to be cut short too.
    let cut = card.iter().rposition(|&b| b >= 0xC0).expect("a multi-byte character") + 1;
    let err = s.insert(Need::Cards(0), &card[..cut]).unwrap_err().to_string();
    assert!(err.contains("ends inside a character") && err.contains("a file cut short"), "{err}");
    let manifest = serde_json::to_string(&set.manifest).unwrap();
    let err = ShardedArchive::from_manifest(&manifest[..manifest.len() / 2]).unwrap_err();
    assert!(err.to_string().contains("a file cut short"), "{err}");
    assert!(s.insert(Need::Docs, b"ABDT\x01").is_err());
    assert!(s.insert(Need::Chunk(0), b"not a chunk").is_err());
    assert!(s.insert(Need::Ids(0), b"{\"x\": 99999}").is_err(), "a doc past the end");
    assert!(!s.has(Need::Shard(1)) && !s.has(Need::Docs) && !s.has(Need::Ids(0)));

    let mut m: HashMap<String, serde_json::Value> =
        serde_json::from_value(serde_json::to_value(&set.manifest).unwrap()).unwrap();
    m.insert("articles".into(), 5.into());
    let err = ShardedArchive::from_manifest(&serde_json::to_string(&m).unwrap()).unwrap_err();
    assert!(err.to_string().contains("do not split 0..5"), "{err}");
    let err = ShardedArchive::from_manifest("{\"format\": 1").unwrap_err();
    assert!(matches!(err, ShardError::Manifest { line: 1, .. }), "{err}");
    let single =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/archive.json"))
            .unwrap();
    assert!(ShardedArchive::from_manifest(&single).is_err(), "a single-file bundle is no manifest");
}

#[test]
fn lists_need_only_small_card_files() {
    let a = archive();
    let set = write(&a, small());
    let mut s = open(&set);
    let docs: Vec<u32> = (20..40).collect();
    let needs = s.missing_cards(docs.iter().copied());
    assert_eq!(needs, [Need::Cards(2), Need::Cards(3), Need::Cards(4)], "8 cards a file");
    load(&set, &mut s, &needs);
    assert!(s.missing_cards(docs.iter().copied()).is_empty());
    for d in docs {
        let full = a.at(a.all()[d as usize]);
        let c = s.card(d).unwrap();
        assert_eq!(c, &archive_core::shard::card(full));
        assert!(c.body.is_empty() && c.url.is_none());
        assert!(c.lead.as_ref().is_none_or(|l| l.chars().count() <= 281), "an excerpt");
        assert!(s.article(d).is_none(), "no article shard was fetched");
    }
    // A long lead is cut at a word, with an ellipsis.
    let long = a.articles().iter().find(|x| x.lead.as_ref().is_some_and(|l| l.len() > 600));
    if let Some(x) = long {
        let lead = archive_core::shard::card(x).lead.unwrap();
        assert!(
            lead.ends_with('…') && x.lead.as_ref().unwrap().starts_with(lead.trim_end_matches('…'))
        );
    }
}

#[test]
fn a_word_being_typed_fetches_few_chunks() {
    let a = archive();
    let analyzer = Analyzer::new();
    let set = write(&a, small());
    let s = open(&set);
    let chunks = |q: &str| {
        let query = ParsedQuery::parse(q);
        let needs =
            ShardSearch::new(&s, &analyzer, &query).needs(&Filters::default(), Sort::Relevance);
        needs.iter().filter(|n| matches!(n, Need::Chunk(_))).count()
    };
    // Two letters typed: only the chunk of the word itself, no prefix expansion.
    assert!(chunks("co") <= 1);
    // From three letters on, the prefix's first chunks, capped…
    assert!(chunks("col") <= 1 + archive_core::shard::TYPING_CHUNKS);
    // …while an explicit prefix query fetches every chunk its words may be in.
    assert!(chunks("c*") > 1 + archive_core::shard::TYPING_CHUNKS, "{}", chunks("c*"));
    // What is narrowed so is said: two letters, or a prefix over more chunks than fetched.
    let narrowed =
        |q: &str| ShardSearch::new(&s, &analyzer, &ParsedQuery::parse(q)).typing_narrowed();
    assert!(narrowed("co"));
    assert!(narrowed("security co"));
    let full = |p: &str| {
        let query = ParsedQuery::parse(&format!("{p}*"));
        let needs =
            ShardSearch::new(&s, &analyzer, &query).needs(&Filters::default(), Sort::Relevance);
        needs.iter().filter(|n| matches!(n, Need::Chunk(_))).count()
    };
    assert_eq!(narrowed("col"), full("col") > archive_core::shard::TYPING_CHUNKS, "col");
    // A finished word, an explicit prefix, or a word typed whose prefix fits: nothing to say.
    assert!(!narrowed("co "));
    assert!(!narrowed("co*"));
    let fits = ["collective", "csto", "secretary", "minsk"].into_iter().find(|w| full(w) <= 1);
    let fits = fits.expect("a word whose prefix has one chunk");
    assert!(!narrowed(fits), "{fits}");
}

#[test]
fn common_terms_are_left_out_and_match_everywhere() {
    let a = archive();
    let analyzer = Analyzer::new();
    // As in a big archive: terms in a quarter of the articles are common.
    let set = write(&a, Sizes { common_min: 1, ..small() });
    let common = &set.manifest.index.common;
    assert!(common.iter().any(|(t, _)| t == "the"), "{common:?}");
    assert!(common.iter().all(|&(_, df)| df as usize * 4 >= a.articles().len()));
    let s = load_all(&set);
    let plain = write(&a, small());
    assert!(plain.manifest.index.common.is_empty(), "a small archive keeps every term");
    let full = load_all(&plain);
    let run = |s: &ShardedArchive, q: &str| {
        let hits = s.search(&analyzer, &ParsedQuery::parse(q), &Filters::default(), Sort::Newest);
        hits.hits.iter().map(|h| h.pos).collect::<Vec<_>>()
    };
    // "the exercises" is "exercises": the common word neither filters nor is fetched.
    assert!(!common.iter().any(|(t, _)| t == "exercis"));
    let want = run(&full, "exercises ");
    assert!(!want.is_empty() && want.len() < 40);
    assert_eq!(run(&s, "the exercises "), want);
    let query = ParsedQuery::parse("the exercises ");
    let fresh = open(&set);
    let needs =
        ShardSearch::new(&fresh, &analyzer, &query).needs(&Filters::default(), Sort::Newest);
    assert_eq!(needs.len(), 1, "one chunk, for exercises: {needs:?}");
    // A phrase with a common word is still checked whole on the articles shown.
    let phrase = ParsedQuery::parse("\"the collective security\"");
    let got = s.search(&analyzer, &phrase, &Filters::default(), Sort::Newest);
    assert!(got.unchecked);
    let verified: Vec<usize> = got
        .hits
        .iter()
        .filter(|h| {
            s.verify(s.article(h.pos as u32).unwrap(), &analyzer, &phrase, &Filters::default())
        })
        .map(|h| h.pos)
        .collect();
    let exact = full.search(&analyzer, &phrase, &Filters::default(), Sort::Newest);
    let exact: Vec<usize> = exact
        .hits
        .iter()
        .filter(|h| {
            full.verify(
                full.article(h.pos as u32).unwrap(),
                &analyzer,
                &phrase,
                &Filters::default(),
            )
        })
        .map(|h| h.pos)
        .collect();
    assert_eq!(verified, exact);
    assert!(!exact.is_empty());
}

/// "Did you mean" over a sharded archive: from the chunks the search fetched, the same word
/// the single file suggests when the typo keeps the word's first letters.
#[test]
fn a_misspelt_word_is_offered_a_word_of_its_chunk() {
    let a = archive();
    let analyzer = Analyzer::new();
    let index = SearchIndex::build(a.articles(), &analyzer);
    let set = write(&a, small());
    for typed in ["secretery general", "сикретарь ОДКБ", "Afganistan"] {
        let query = ParsedQuery::parse(typed);
        let mut s = open(&set);
        // Nothing is loaded: nothing to suggest from.
        assert_eq!(s.suggest(&query, &analyzer), [], "{typed}");
        let needs =
            ShardSearch::new(&s, &analyzer, &query).needs(&Filters::default(), Sort::Relevance);
        load(&set, &mut s, &needs);
        assert_eq!(s.suggest(&query, &analyzer), index.suggest(&query, &analyzer), "{typed}");
        assert!(!s.suggest(&query, &analyzer).is_empty(), "{typed}");
    }
}
