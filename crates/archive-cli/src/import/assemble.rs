//! From parsed pages to one archive: snapshots of the same page merged, teasers deduplicated
//! and merged into the articles they announce (or kept as articles of their own), stable ids,
//! twins, sections, and the bundle with its content hash.
//!
//! Every step is deterministic: pages are visited in input order, articles and sections are
//! written sorted by id, and ids depend only on page addresses and texts, so importing the same
//! inputs twice gives the same bytes (apart from `generated_at`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use archive_core::model::{ArchiveMeta, Article, Block, Bundle, Localized, Section};
use archive_core::{CivilDate, Timestamp, FORMAT, VERSION};
use sha2::{Digest, Sha256};

use super::pages::{MainArticle, Outcome, PageText, ParsedPage, Teaser};
use super::report::{PageReport, Report};
use super::text::{collapse_ws, cut_bytes, derive_title, opening_date, slugify};
use super::url::{PageKind, SectionSpec};

/// Longest article id, in bytes (`archive_core::model::is_valid_id`).
const MAX_ID: usize = 200;

/// Two texts are the same teaser/paragraph when equal, or when one is the cut-off beginning of
/// the other and the shorter has at least this many characters.
const MIN_SAME_PREFIX: usize = 50;

/// Hex digits of SHA-256 (FIPS 180-4) over `text`, the first `n`.
fn short_hash(text: &str, n: usize) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect::<String>().chars().take(n).collect()
}

/// Whether two texts are the same, allowing for one being cut off by the page cap.
pub fn same_text(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= MIN_SAME_PREFIX && long.starts_with(short)
}

/// A page parsed, with what assembly needs to know about its input.
pub struct Parsed<'a> {
    /// The input page text.
    pub page: &'a PageText,
    /// What the parser found.
    pub parsed: ParsedPage,
}

/// A group of equal teasers seen on one or more pages.
struct TeaserGroup {
    lang: String,
    paragraphs: Vec<String>,
    title: Option<String>,
    section: Option<String>,
    dates: Vec<CivilDate>,
    seen_on: Vec<String>,
}

impl TeaserGroup {
    fn text(&self) -> String {
        self.paragraphs.join("\n")
    }

    /// The most frequent date among the members, the earliest on a tie.
    fn date(&self) -> Option<CivilDate> {
        let mut counts: BTreeMap<CivilDate, usize> = BTreeMap::new();
        for d in &self.dates {
            *counts.entry(*d).or_default() += 1;
        }
        counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(d, _)| *d)
    }
}

fn teasers_match(a: &Teaser, b: &Teaser) -> bool {
    let (ta, tb) = (a.paragraphs.join("\n"), b.paragraphs.join("\n"));
    if same_text(&ta, &tb) {
        return true;
    }
    let one_in = |x: &Teaser, y: &Teaser| {
        x.paragraphs.len() == 1
            && y.paragraphs.len() > 1
            && y.paragraphs.iter().any(|p| same_text(p, &x.paragraphs[0]))
    };
    one_in(a, b) || one_in(b, a)
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Groups equal teasers (same language; equal, cut-off or one paragraph of a longer lead) with
/// union-find, keeping first-appearance order. The group's text is its longest member's.
fn group_teasers(all: &[(Teaser, String, String)]) -> Vec<TeaserGroup> {
    let n = all.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for i in 0..n {
        for j in i + 1..n {
            if all[i].1 == all[j].1 && teasers_match(&all[i].0, &all[j].0) {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if ri != rj {
                    parent[ri.max(rj)] = ri.min(rj);
                }
            }
        }
    }
    let mut order: Vec<usize> = Vec::new();
    let mut groups: HashMap<usize, TeaserGroup> = HashMap::new();
    for (i, (teaser, lang, url)) in all.iter().enumerate() {
        let root = find(&mut parent, i);
        let g = groups.entry(root).or_insert_with(|| {
            order.push(root);
            TeaserGroup {
                lang: lang.clone(),
                paragraphs: teaser.paragraphs.clone(),
                title: None,
                section: None,
                dates: Vec::new(),
                seen_on: Vec::new(),
            }
        });
        let longer =
            (teaser.paragraphs.len(), teaser.paragraphs.iter().map(String::len).sum::<usize>())
                > (g.paragraphs.len(), g.paragraphs.iter().map(String::len).sum::<usize>());
        if longer {
            g.paragraphs = teaser.paragraphs.clone();
        }
        g.title = g.title.take().or_else(|| teaser.title.clone());
        g.section = g.section.take().or_else(|| teaser.section.clone());
        g.dates.extend(teaser.date);
        if !g.seen_on.contains(url) {
            g.seen_on.push(url.clone());
        }
    }
    order.into_iter().filter_map(|r| groups.remove(&r)).collect()
}

/// A main article settled on one page key, before teasers are merged.
struct Settled {
    key: String,
    slug: Option<String>,
    article: Article,
}

/// How good a snapshot's main article is: a real headline first, then more body blocks, then
/// more text.
fn quality(a: &MainArticle) -> (bool, usize, usize) {
    (
        !a.title_derived,
        a.body.len(),
        a.body.iter().map(|b| b.text().len()).sum::<usize>()
            + a.lead.as_ref().map_or(0, String::len),
    )
}

/// The id of a page's main article: `<lang>-<slug>`, cut to 200 bytes.
fn article_id(lang: &str, slug: &str) -> String {
    cut_bytes(&format!("{lang}-{slug}"), MAX_ID).to_owned()
}

/// Everything the archive metadata needs from the caller.
pub struct Meta {
    /// When the bundle is written.
    pub generated_at: Timestamp,
}

/// Builds the bundle from the parsed pages and fills the report's counts.
pub fn assemble(pages: &[Parsed<'_>], meta: Meta, report: &mut Report) -> Bundle {
    let mut specs: BTreeMap<String, SectionSpec> = BTreeMap::new();
    // 1. Main articles by page key, best snapshot first.
    let mut by_key: BTreeMap<String, Vec<(usize, &MainArticle)>> = BTreeMap::new();
    for (i, p) in pages.iter().enumerate() {
        if let Some(url) = &p.page.url {
            for s in url.sections() {
                specs.entry(s.id.clone()).or_insert(s);
            }
        }
        report.count_page(p);
        if let Outcome::Article(a) = &p.parsed.outcome {
            by_key.entry(p.page.key.clone()).or_default().push((i, a));
        }
    }
    let mut settled: Vec<Settled> = Vec::new();
    for (key, versions) in &by_key {
        let Some(&(best_i, best)) =
            versions.iter().max_by(|a, b| quality(a.1).cmp(&quality(b.1)).then(b.0.cmp(&a.0)))
        else {
            continue;
        };
        report.snapshots_merged += versions.len() - 1;
        let page = pages[best_i].page;
        let mut notes = best.notes.clone();
        let mut date = best.date;
        let mut time = best.time;
        // A date another copy prints beats none, and one read from the first sentence.
        if date.is_none() || best.date_inferred {
            let printed = versions.iter().find(|(_, v)| v.date.is_some() && !v.date_inferred);
            if let Some(&(oi, other)) = printed {
                date = other.date;
                time = other.time;
                notes.retain(|n| {
                    !n.starts_with("no date:") && !n.starts_with("date taken from the first")
                });
                notes.push(format!(
                    "date taken from another copy of the same page ({})",
                    pages[oi].page.origin
                ));
            }
        }
        if versions.len() > 1 {
            notes.push(format!(
                "{} copies of this page were read; the fullest one is kept",
                versions.len()
            ));
        }
        let slug = page.url.as_ref().and_then(|u| match u.kind() {
            PageKind::Article { slug } => Some(slug),
            _ => None,
        });
        let id = article_id(&page.lang, slug.as_deref().unwrap_or(&slugify(&best.title)));
        if page.url.is_none() {
            notes
                .push("no URL was given for this text: the id is derived from the headline".into());
        }
        let section = page.url.as_ref().and_then(|u| u.sections().last().map(|s| s.id.clone()));
        let article = Article {
            id,
            lang: page.lang.clone(),
            title: best.title.clone(),
            date,
            time,
            utc_offset: None,
            section,
            source: best.source.clone(),
            dateline: best.dateline.clone(),
            lead: best.lead.clone(),
            body: best.body.clone(),
            tags: Vec::new(),
            people: Vec::new(),
            places: Vec::new(),
            url: page.url.as_ref().map(|u| u.clean.clone()),
            twins: Vec::new(),
            retrieved_at: None,
            notes,
        };
        settled.push(Settled { key: key.clone(), slug, article });
    }
    // Ids of different pages must differ: later keys (in key order) get a hash of their key.
    let mut seen_ids: BTreeSet<String> = BTreeSet::new();
    for s in &mut settled {
        if !seen_ids.insert(s.article.id.clone()) {
            let suffix = format!("-{}", short_hash(&s.key, 8));
            let base = cut_bytes(&s.article.id, MAX_ID - suffix.len()).to_owned();
            s.article.id = format!("{base}{suffix}");
            seen_ids.insert(s.article.id.clone());
        }
    }
    report.main_articles = settled.len();

    // 2. Teasers.
    let mut all: Vec<(Teaser, String, String)> = Vec::new();
    for p in pages {
        let url = p.page.url.as_ref().map_or_else(|| p.page.origin.clone(), |u| u.clean.clone());
        for t in &p.parsed.teasers {
            all.push((t.clone(), p.page.lang.clone(), url.clone()));
        }
    }
    report.teasers_seen = all.len();
    let groups = group_teasers(&all);
    report.teasers_distinct = groups.len();
    let mut standalone: Vec<Article> = Vec::new();
    for g in groups {
        let first = g.paragraphs.first().cloned().unwrap_or_default();
        let lead_hit = settled.iter().position(|s| {
            s.article.lang == g.lang
                && first_paragraph(&s.article).is_some_and(|p| same_text(p, &first))
        });
        if let Some(i) = lead_hit {
            let a = &mut settled[i].article;
            report.teasers_merged += 1;
            if a.lead.is_none() && lead_from_teaser(a, &g.paragraphs) {
                report.teasers_merged_as_lead += 1;
            }
            if a.date.is_none() {
                if let Some(d) = g.date() {
                    a.date = Some(d);
                    a.notes.retain(|n| !n.starts_with("no date:"));
                    a.notes.push(format!(
                        "date taken from a dated teaser of this article on {}",
                        g.seen_on[0]
                    ));
                }
            }
            continue;
        }
        let other_hit = settled.iter().any(|s| {
            let a = &s.article;
            a.lang == g.lang
                && (g.title.as_deref().is_some_and(|t| t == a.title)
                    || g.paragraphs.iter().any(|p| {
                        same_text(p, &a.title)
                            || a.lead.as_deref().is_some_and(|l| same_text(p, l))
                            || a.body.iter().take(5).any(
                                |b| matches!(b, Block::Paragraph { text } if same_text(p, text)),
                            )
                    }))
        });
        if other_hit {
            report.teasers_merged += 1;
            continue;
        }
        let (title, derived) = match &g.title {
            Some(t) => (t.clone(), false),
            None => (derive_title(&first), true),
        };
        if title.trim().is_empty() {
            report.teasers_dropped += 1;
            continue;
        }
        let printed = g.date();
        let text = g.text();
        // The id keeps the printed date (or none), so it stays the same whatever is inferred.
        let stamp = printed.map_or_else(|| "nodate".to_owned(), |d| d.to_string());
        let opening = if printed.is_none() { opening_date(&first) } else { None };
        let date = printed.or(opening.as_ref().map(|(d, _)| *d));
        let mut notes = Vec::new();
        if derived {
            notes.push("title derived from a teaser lead".to_owned());
        }
        let more = g.seen_on.len() - 1;
        notes.push(if more == 0 {
            format!("teaser seen on {}", g.seen_on[0])
        } else {
            format!("teaser seen on {} and {more} other page(s)", g.seen_on[0])
        });
        match (&printed, &opening) {
            (Some(_), _) => {}
            (None, Some((_, words))) => notes.push(format!(
                "date taken from the first sentence (“{words}”): the teaser was shown without one"
            )),
            (None, None) => notes.push("no date: the teaser was shown without one".to_owned()),
        }
        let distinct_dates: BTreeSet<_> = g.dates.iter().collect();
        if distinct_dates.len() > 1 {
            let list: Vec<String> = distinct_dates.iter().map(|d| d.to_string()).collect();
            notes.push(format!(
                "the teaser was shown with different dates ({}); the most frequent is kept",
                list.join(", ")
            ));
        }
        standalone.push(Article {
            id: format!("{}-{stamp}-{}", g.lang, short_hash(&collapse_ws(&text), 8)),
            lang: g.lang.clone(),
            title,
            date,
            time: None,
            utc_offset: None,
            section: g.section.clone(),
            source: None,
            dateline: None,
            lead: Some(g.paragraphs.join("\n\n")),
            body: Vec::new(),
            tags: Vec::new(),
            people: Vec::new(),
            places: Vec::new(),
            url: None,
            twins: Vec::new(),
            retrieved_at: None,
            notes,
        });
    }
    report.teasers_standalone = standalone.len();

    // 3. Twins: the same slug in English and Russian.
    let mut by_slug: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for (i, s) in settled.iter().enumerate() {
        if let Some(slug) = &s.slug {
            by_slug
                .entry(slug.as_str())
                .or_default()
                .entry(s.article.lang.as_str())
                .or_default()
                .push(i);
        }
    }
    let mut links: Vec<(usize, usize)> = Vec::new();
    for langs in by_slug.values() {
        if let (Some(en), Some(ru)) = (langs.get("en"), langs.get("ru")) {
            if en.len() == 1 && ru.len() == 1 {
                links.push((en[0], ru[0]));
            }
        }
    }
    for &(en, ru) in &links {
        let (en_id, ru_id) = (settled[en].article.id.clone(), settled[ru].article.id.clone());
        settled[en].article.twins.push(ru_id);
        settled[ru].article.twins.push(en_id);
    }
    report.twin_pairs = links.len();

    // 4. Articles, ids unique, sorted.
    let mut articles: Vec<Article> = settled.into_iter().map(|s| s.article).collect();
    let mut ids: BTreeSet<String> = articles.iter().map(|a| a.id.clone()).collect();
    for a in &mut standalone {
        let mut n = 8;
        let base = a.id.clone();
        while ids.contains(&a.id) {
            n += 4;
            let (head, _) = base.rsplit_once('-').unwrap_or((&base, ""));
            a.id = format!("{head}-{}", short_hash(&format!("{base}{n}"), n));
        }
        ids.insert(a.id.clone());
    }
    articles.extend(standalone);
    articles.sort_by(|a, b| a.id.cmp(&b.id));

    // 5. Sections used by articles, with their ancestors.
    let mut used: BTreeSet<String> = BTreeSet::new();
    for a in &articles {
        let mut next = a.section.clone();
        while let Some(id) = next {
            next = specs.get(&id).and_then(|s| s.parent.clone());
            used.insert(id);
        }
    }
    let sections: Vec<Section> = used
        .iter()
        .filter_map(|id| specs.get(id))
        .map(|s| Section {
            id: s.id.clone(),
            parent: s.parent.clone(),
            title: Localized::from([
                ("en".to_owned(), s.title_en.clone()),
                ("ru".to_owned(), s.title_ru.clone()),
            ]),
        })
        .collect();

    report.count_articles(&articles);
    let content_hash = archive_core::hash::content_hash(&sections, &articles);
    Bundle {
        format: FORMAT.into(),
        version: VERSION,
        archive: ArchiveMeta {
            id: "csto".into(),
            title: Localized::from([
                ("en".to_owned(), "CSTO news archive".to_owned()),
                ("ru".to_owned(), "Архив новостей ОДКБ".to_owned()),
            ]),
            languages: vec!["en".into(), "ru".into()],
            default_language: "en".into(),
            source_url: Some("https://en.odkb-csto.org/".into()),
            generated_at: Some(meta.generated_at),
            content_hash: Some(content_hash),
            search_index: None,
        },
        sections,
        articles,
    }
}

/// Makes `lead` (a teaser's paragraphs, which announce `a`) the article's lead, unless the
/// body says it already. The teaser repeats the body's start, whole or cut, and a reader would
/// see the same paragraph twice (six of the CSTO pages' articles did):
/// - the body's leading paragraphs that the lead repeats (each the same as the lead's paragraph
///   in its place, or a copy of it cut off where the page text ends) go, and the lead says them;
/// - a body that the lead repeats whole becomes the lead's paragraphs, and there is no lead;
/// - a teaser cut shorter than the body's first paragraph is no lead: the body says it whole.
///
/// Returns whether the teaser became the lead.
fn lead_from_teaser(a: &mut Article, lead: &[String]) -> bool {
    let mut repeated = 0;
    for (block, paragraph) in a.body.iter().zip(lead) {
        let Block::Paragraph { text } = block else { break };
        if text == paragraph || (paragraph.starts_with(text.as_str()) && same_text(text, paragraph))
        {
            repeated += 1;
        } else if repeated == 0 && text.starts_with(paragraph.as_str()) {
            return false; // the teaser is the cut one
        } else {
            break;
        }
    }
    if repeated > 0 && repeated == a.body.len() {
        a.body = lead.iter().map(|p| Block::Paragraph { text: p.clone() }).collect();
        return false;
    }
    a.body.drain(..repeated);
    a.lead = Some(lead.join("\n\n"));
    true
}

fn first_paragraph(a: &Article) -> Option<&str> {
    a.body.iter().find_map(|b| match b {
        Block::Paragraph { text } => Some(text.as_str()),
        _ => None,
    })
}

/// The report line for one page.
pub fn page_report(p: &Parsed<'_>) -> PageReport {
    let (outcome, layout, title) = match &p.parsed.outcome {
        Outcome::Landing => ("landing page, skipped".to_owned(), None, None),
        Outcome::Index => ("index page".to_owned(), None, None),
        Outcome::Article(a) => {
            ("article".to_owned(), Some(format!("{:?}", a.layout)), Some(a.title.clone()))
        }
        Outcome::NoArticle(why) => (format!("no article: {why}"), None, None),
    };
    PageReport {
        origin: p.page.origin.clone(),
        url: p.page.url.as_ref().map(|u| u.clean.clone()),
        outcome,
        layout,
        title,
        teasers: p.parsed.teasers.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_teaser_lead_is_said_once_not_again_by_the_body() {
        let para = |t: &str| Block::Paragraph { text: t.to_owned() };
        let one = "On 23 November, the CSTO Collective Security Council held its meeting in Minsk.";
        let two = "The heads of state held a detailed discussion of pressing security problems.";
        let three = "The leaders decided that Kazakhstan would take over the Chairmanship.";
        let with = |body: Vec<Block>| Article { body, ..Article::default() };
        let lead = [one.to_owned(), two.to_owned()];
        // The body's first two paragraphs are the teaser: they go, the lead says them.
        let mut a = with(vec![para(one), para(two), para(three)]);
        assert!(lead_from_teaser(&mut a, &lead));
        assert_eq!(
            (a.lead.as_deref(), &a.body[..]),
            (Some(&*format!("{one}\n\n{two}")), &[para(three)][..])
        );
        // A body that is only the teaser, cut where the page text ends: the teaser is the body.
        let mut a = with(vec![para(&one[..60])]);
        assert!(!lead_from_teaser(&mut a, &lead));
        assert_eq!((a.lead, a.body), (None, vec![para(one), para(two)]));
        // A teaser cut shorter than the body's paragraph: no lead, the body as it was.
        let mut a = with(vec![para(one), para(three)]);
        assert!(!lead_from_teaser(&mut a, &[one[..60].to_owned()]));
        assert_eq!((a.lead, a.body), (None, vec![para(one), para(three)]));
        // A body that starts otherwise (a picture): the lead is added, nothing goes.
        let picture = Block::Image { src: "a.jpg".into(), alt: "A".into(), caption: None };
        let mut a = with(vec![picture.clone(), para(one)]);
        assert!(lead_from_teaser(&mut a, &lead));
        assert_eq!(a.body, vec![picture, para(one)]);
    }

    #[test]
    fn same_text_allows_a_cut_off_copy() {
        let full = "Leaders of the CSTO states reviewed what the organization's work had achieved in 2010. The emphasis";
        assert!(same_text(full, &full[..60]));
        assert!(!same_text(full, &full[..30]), "too short a prefix to be sure");
        assert!(same_text("x", "x"));
    }

    #[test]
    fn teaser_groups_absorb_cut_copies_and_single_paragraphs() {
        let t = |ps: &[&str], d: Option<&str>| {
            (
                Teaser {
                    date: d.map(|d| d.parse().expect("date")),
                    paragraphs: ps.iter().map(|s| s.to_string()).collect(),
                    title: None,
                    section: None,
                },
                "en".to_owned(),
                "u".to_owned(),
            )
        };
        let a = "On 23 November, the CSTO Collective Security Council held its meeting in Minsk.";
        let b = "The heads of state held a detailed discussion of pressing international problems.";
        let groups = group_teasers(&[
            t(&[a], None),
            t(&[b], None),
            t(&[a, b], Some("2023-11-23")),
            t(&[a, b], Some("2023-11-23")),
            t(&[a, b], Some("2023-11-24")),
        ]);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].paragraphs.len(), 2);
        assert_eq!(groups[0].date().map(|d| d.to_string()).as_deref(), Some("2023-11-23"));
    }

    #[test]
    fn ids_fit_and_hashes_are_stable() {
        let long = "a".repeat(300);
        assert_eq!(article_id("en", &long).len(), 200);
        assert_eq!(short_hash("abc", 8), "ba7816bf", "SHA-256 of \"abc\" (FIPS 180-4 test vector)");
    }
}
