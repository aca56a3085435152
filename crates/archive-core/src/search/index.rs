//! The inverted index and ranked retrieval.
//!
//! For every term (a stem, see [`super::analyze`]) the index keeps a postings list: the
//! articles that contain it and how often in each field (title, lead, body). A sorted list of
//! the folded words seen maps each word to its term, for prefix queries (`secur*`, and the last
//! word while typing).
//!
//! Ranking is BM25F (Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework: BM25
//! and Beyond", §3.1): per-field term frequencies are length-normalised and weighted (title 3,
//! lead 1.5, body 1), summed, then saturated with k1 = 1.2; b = 0.75 in every field; the IDF is
//! BM25's `ln(1 + (N − n + 0.5) / (n + 0.5))`. Equal scores are ordered newest first.

use std::collections::HashMap;

use super::analyze::{fold, tokenize, Analyzer};
use super::query::{Clause, Field, ParsedQuery};
use crate::archive::Archive;
use crate::model::Article;
use crate::CivilDate;

/// The fields scored, in posting order.
pub(crate) const FIELDS: usize = 3;
/// BM25F field weights: title, lead, body.
const WEIGHTS: [f32; FIELDS] = [3.0, 1.5, 1.0];
/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation.
const B: f32 = 0.75;

/// One article's occurrences of one term, per field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    pub(crate) doc: u32,
    pub(crate) tf: [u16; FIELDS],
}

/// An inverted index over the articles of one archive (positions as in [`Archive::articles`]).
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Sorted terms.
    pub(crate) terms: Vec<Box<str>>,
    /// Postings per term (parallel to `terms`), by ascending doc.
    pub(crate) postings: Vec<Vec<Posting>>,
    /// Sorted folded words and the term each stems to.
    pub(crate) words: Vec<(Box<str>, u32)>,
    /// Token counts per article and field.
    pub(crate) lengths: Vec<[u32; FIELDS]>,
    /// Mean token count per field.
    mean_lengths: [f32; FIELDS],
}

/// The text of an article's fields, as indexed: title, lead, body (blocks joined by newlines).
pub fn field_texts(article: &Article) -> [String; FIELDS] {
    let body: Vec<String> = article.body.iter().map(crate::Block::text).collect();
    [article.title.clone(), article.lead.clone().unwrap_or_default(), body.join("\n")]
}

impl SearchIndex {
    /// Indexes every article of `articles` (positions become doc numbers).
    pub fn build(articles: &[Article], analyzer: &Analyzer) -> Self {
        let mut term_ids: HashMap<String, u32> = HashMap::new();
        let mut word_terms: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<Vec<Posting>> = Vec::new();
        let mut lengths = Vec::with_capacity(articles.len());
        for (doc, article) in articles.iter().enumerate() {
            let doc = u32::try_from(doc).unwrap_or(u32::MAX);
            let mut counts: HashMap<u32, [u16; FIELDS]> = HashMap::new();
            let mut len = [0u32; FIELDS];
            for (field, text) in field_texts(article).iter().enumerate() {
                for token in tokenize(text) {
                    len[field] += 1;
                    let term = match word_terms.get(&token.folded) {
                        Some(&t) => t,
                        None => {
                            let stem = analyzer.term(&token.folded).into_owned();
                            let next = u32::try_from(term_ids.len()).unwrap_or(u32::MAX);
                            let t = *term_ids.entry(stem).or_insert_with(|| {
                                postings.push(Vec::new());
                                next
                            });
                            word_terms.insert(token.folded, t);
                            t
                        }
                    };
                    let c = &mut counts.entry(term).or_default()[field];
                    *c = c.saturating_add(1);
                }
            }
            for (term, tf) in counts {
                postings[term as usize].push(Posting { doc, tf });
            }
            lengths.push(len);
        }
        // Re-number terms in sorted order so prefix and exact lookups are binary searches.
        let mut order: Vec<(String, u32)> = term_ids.into_iter().collect();
        order.sort_unstable();
        let mut renumber = vec![0u32; order.len()];
        let mut sorted_postings = Vec::with_capacity(order.len());
        let mut terms = Vec::with_capacity(order.len());
        for (new, (term, old)) in order.into_iter().enumerate() {
            renumber[old as usize] = u32::try_from(new).unwrap_or(u32::MAX);
            let mut list = std::mem::take(&mut postings[old as usize]);
            list.sort_unstable_by_key(|p| p.doc);
            list.shrink_to_fit();
            sorted_postings.push(list);
            terms.push(term.into_boxed_str());
        }
        let mut words: Vec<(Box<str>, u32)> = word_terms
            .into_iter()
            .map(|(w, t)| (w.into_boxed_str(), renumber[t as usize]))
            .collect();
        words.sort_unstable();
        Self::from_parts(terms, sorted_postings, words, lengths)
    }

    /// Assembles an index from its stored parts, computing the mean field lengths.
    pub(crate) fn from_parts(
        terms: Vec<Box<str>>,
        postings: Vec<Vec<Posting>>,
        words: Vec<(Box<str>, u32)>,
        lengths: Vec<[u32; FIELDS]>,
    ) -> Self {
        // Mean over the articles that have the field: most have no lead, and counting them would
        // make every real lead look long.
        let mut totals = [0u64; FIELDS];
        let mut present = [0u64; FIELDS];
        for len in &lengths {
            for f in 0..FIELDS {
                totals[f] += u64::from(len[f]);
                present[f] += u64::from(len[f] > 0);
            }
        }
        let mut mean_lengths = [1.0f32; FIELDS];
        for f in 0..FIELDS {
            mean_lengths[f] = (totals[f] as f32 / present[f].max(1) as f32).max(1.0);
        }
        Self { terms, postings, words, lengths, mean_lengths }
    }

    /// The number of articles indexed.
    pub fn article_count(&self) -> usize {
        self.lengths.len()
    }

    /// The number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    fn term(&self, term: &str) -> Option<usize> {
        self.terms.binary_search_by(|t| (**t).cmp(term)).ok()
    }

    /// Terms of all words starting with `prefix` (folded), deduplicated.
    fn prefix_terms(&self, prefix: &str) -> Vec<usize> {
        let start = self.words.partition_point(|(w, _)| **w < *prefix);
        let mut out: Vec<usize> = self.words[start..]
            .iter()
            .take_while(|(w, _)| w.starts_with(prefix))
            .map(|&(_, t)| t as usize)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// BM25F weight of one posting of a term with document frequency `df`.
    pub(crate) fn weight(&self, p: &Posting, idf: f32) -> f32 {
        let len = &self.lengths[p.doc as usize];
        let mut tf = 0.0;
        for f in 0..FIELDS {
            if p.tf[f] > 0 {
                let norm = 1.0 - B + B * len[f] as f32 / self.mean_lengths[f];
                tf += WEIGHTS[f] * f32::from(p.tf[f]) / norm;
            }
        }
        idf * tf / (K1 + tf)
    }

    pub(crate) fn idf(&self, df: usize) -> f32 {
        let n = self.lengths.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// Scores of every doc matching any of `terms` (a disjunction: one clause's alternatives),
    /// each doc counting its best alternative.
    fn clause_scores(&self, terms: &[usize]) -> HashMap<u32, f32> {
        let mut scores: HashMap<u32, f32> = HashMap::new();
        for &t in terms {
            let list = &self.postings[t];
            let idf = self.idf(list.len());
            for p in list {
                let w = self.weight(p, idf);
                let s = scores.entry(p.doc).or_insert(0.0);
                *s = s.max(w);
            }
        }
        scores
    }

    /// The terms a positive text clause may match, or `None` for clauses that are not text.
    fn clause_terms(
        &self,
        clause: &Clause,
        open_last: bool,
        analyzer: &Analyzer,
    ) -> Option<Vec<usize>> {
        match clause {
            Clause::Word(w) => {
                let mut terms: Vec<usize> = self.term(&analyzer.term(w)).into_iter().collect();
                if open_last {
                    terms.extend(self.prefix_terms(w));
                    terms.sort_unstable();
                    terms.dedup();
                }
                Some(terms)
            }
            Clause::Prefix(p) => Some(self.prefix_terms(p)),
            Clause::Phrase(_) | Clause::Not(_) | Clause::Filter(..) => None,
        }
    }
}

/// Filters a reader sets outside the query text (facets, dates); each `None` is no filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filters {
    /// Section id.
    pub section: Option<String>,
    /// Publication year.
    pub year: Option<u16>,
    /// Publication month (with `year`).
    pub month: Option<u8>,
    /// Article language.
    pub lang: Option<String>,
    /// Source, as written in the bundle.
    pub source: Option<String>,
    /// A tag, as written in the bundle.
    pub tag: Option<String>,
    /// A person, as written in the bundle.
    pub person: Option<String>,
    /// Earliest publication date, inclusive.
    pub from: Option<CivilDate>,
    /// Latest publication date, inclusive.
    pub to: Option<CivilDate>,
}

/// A facet dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// [`Filters::section`].
    Section,
    /// [`Filters::year`].
    Year,
    /// [`Filters::month`].
    Month,
    /// [`Filters::lang`].
    Lang,
    /// [`Filters::source`].
    Source,
    /// [`Filters::tag`].
    Tag,
    /// [`Filters::person`].
    Person,
}

impl Filters {
    /// Whether `article` passes every filter except `skip`'s (for disjunctive facet counts).
    pub fn accepts_except(&self, article: &Article, skip: Option<Dimension>) -> bool {
        let on = |d: Dimension| skip != Some(d);
        let eq = |want: &Option<String>, have: Option<&String>| {
            want.as_ref().is_none_or(|w| have.is_some_and(|h| h == w))
        };
        let contains =
            |want: &Option<String>, have: &[String]| want.as_ref().is_none_or(|w| have.contains(w));
        (!on(Dimension::Section) || eq(&self.section, article.section.as_ref()))
            && (!on(Dimension::Lang) || eq(&self.lang, Some(&article.lang)))
            && (!on(Dimension::Source) || eq(&self.source, article.source.as_ref()))
            && (!on(Dimension::Tag) || contains(&self.tag, &article.tags))
            && (!on(Dimension::Person) || contains(&self.person, &article.people))
            && (!on(Dimension::Year)
                || self.year.is_none_or(|y| article.date.is_some_and(|d| d.year() == y)))
            && (!on(Dimension::Month)
                || self.month.is_none_or(|m| article.date.is_some_and(|d| d.month() == m)))
            && self.from.is_none_or(|f| article.date.is_some_and(|d| d >= f))
            && self.to.is_none_or(|t| article.date.is_some_and(|d| d <= t))
    }

    /// Whether `article` passes every filter.
    pub fn accepts(&self, article: &Article) -> bool {
        self.accepts_except(article, None)
    }

    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Whether a query's metadata clause holds for `article` (values compared folded).
pub(crate) fn field_matches(
    article: &Article,
    field: Field,
    value: &str,
    archive: &Archive,
) -> bool {
    let any = |values: &[String]| values.iter().any(|v| fold(v) == value);
    match field {
        Field::Source => article.source.as_deref().is_some_and(|s| fold(s) == value),
        Field::Section => article.section.as_deref().is_some_and(|s| {
            fold(s) == value
                || archive
                    .section(s)
                    .is_some_and(|sec| sec.title.values().any(|t| fold(t) == value))
        }),
        Field::Lang => fold(&article.lang) == value,
        Field::Tag => any(&article.tags),
        Field::Person => any(&article.people),
        Field::Place => any(&article.places),
    }
}

/// Whether the folded tokens of `article` contain `words` consecutively in one field.
pub(crate) fn contains_phrase(article: &Article, words: &[String], analyzer: &Analyzer) -> bool {
    let want: Vec<String> = words.iter().map(|w| analyzer.term(w).into_owned()).collect();
    field_texts(article).iter().any(|text| {
        let terms: Vec<String> =
            tokenize(text).iter().map(|t| analyzer.term(&t.folded).into_owned()).collect();
        terms.windows(want.len()).any(|w| w == want.as_slice())
    })
}

/// One search result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The article's position in the archive.
    pub pos: usize,
    /// Its BM25F score (0 for a query with no words, which lists by date).
    pub score: f32,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    /// By score, newest first on ties (the default when there are words to rank by).
    #[default]
    Relevance,
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
}

impl SearchIndex {
    /// Runs `query` with `filters` over `archive` (which must be the archive this index was
    /// built from). Returns every hit in `sort` order; a query with no words lists every
    /// article that passes the filters, newest first.
    pub fn search(
        &self,
        archive: &Archive,
        analyzer: &Analyzer,
        query: &ParsedQuery,
        filters: &Filters,
        sort: Sort,
    ) -> Vec<Hit> {
        self.matches(archive, analyzer, query, |a| filters.accepts(a), sort)
    }

    /// Like [`SearchIndex::search`] with an arbitrary article predicate instead of filters.
    pub fn matches(
        &self,
        archive: &Archive,
        analyzer: &Analyzer,
        query: &ParsedQuery,
        keep: impl Fn(&Article) -> bool,
        sort: Sort,
    ) -> Vec<Hit> {
        let last_word = query.clauses.iter().rposition(|c| matches!(c, Clause::Word(_)));
        let mut scored: Option<HashMap<u32, f32>> = None;
        for (i, clause) in query.clauses.iter().enumerate() {
            let terms = match clause {
                Clause::Phrase(words) => {
                    // Candidates contain every word's stem; adjacency is checked below.
                    let mut acc: Option<HashMap<u32, f32>> = None;
                    for w in words {
                        let t = self
                            .clause_terms(&Clause::Word(w.clone()), false, analyzer)
                            .unwrap_or_default();
                        acc = Some(intersect(acc, self.clause_scores(&t)));
                    }
                    scored = Some(intersect(scored, acc.unwrap_or_default()));
                    continue;
                }
                other => {
                    self.clause_terms(other, query.open_last_word && Some(i) == last_word, analyzer)
                }
            };
            if let Some(terms) = terms {
                scored = Some(intersect(scored, self.clause_scores(&terms)));
            }
        }
        let articles = archive.articles();
        let passes = |pos: usize| {
            let a = &articles[pos];
            keep(a)
                && query.clauses.iter().all(|c| match c {
                    Clause::Filter(field, value) => field_matches(a, *field, value, archive),
                    Clause::Phrase(words) => contains_phrase(a, words, analyzer),
                    Clause::Not(words) if words.len() == 1 => {
                        let t = analyzer.term(&words[0]);
                        self.term(&t).is_none_or(|t| {
                            self.postings[t].binary_search_by_key(&(pos as u32), |p| p.doc).is_err()
                        })
                    }
                    Clause::Not(words) => !contains_phrase(a, words, analyzer),
                    _ => true,
                })
        };
        let mut hits: Vec<Hit> = match scored {
            Some(scores) => scores
                .into_iter()
                .filter(|&(doc, _)| passes(doc as usize))
                .map(|(doc, score)| Hit { pos: doc as usize, score })
                .collect(),
            None => archive
                .all()
                .iter()
                .copied()
                .filter(|&p| passes(p))
                .map(|pos| Hit { pos, score: 0.0 })
                .collect(),
        };
        // Ties and date orders compare precomputed recency ranks, not dates read per hit.
        let rank = |h: &Hit| archive.rank(h.pos);
        match sort {
            Sort::Relevance => {
                hits.sort_unstable_by(|a, b| {
                    b.score.total_cmp(&a.score).then_with(|| rank(a).cmp(&rank(b)))
                });
            }
            Sort::Newest => hits.sort_unstable_by_key(rank),
            Sort::Oldest => {
                let date = |h: &Hit| {
                    (articles[h.pos].date.is_none(), articles[h.pos].date, articles[h.pos].time)
                };
                hits.sort_unstable_by(|a, b| {
                    date(a).cmp(&date(b)).then_with(|| rank(b).cmp(&rank(a)))
                });
            }
        }
        hits
    }
}

/// Intersects a running conjunction with one clause's scores, adding scores.
fn intersect(acc: Option<HashMap<u32, f32>>, next: HashMap<u32, f32>) -> HashMap<u32, f32> {
    match acc {
        None => next,
        Some(mut acc) => {
            acc.retain(|doc, s| match next.get(doc) {
                Some(n) => {
                    *s += n;
                    true
                }
                None => false,
            });
            acc
        }
    }
}
