//! The inverted index and ranked retrieval.
//!
//! For every term (a stem, see [`super::analyze`]) the index keeps a postings list: the
//! articles that contain it, each with its impact, the term's weight in that article. A sorted
//! list of the folded words seen maps each word to its term, for prefix queries (`secur*`, and
//! the last word while typing).
//!
//! Ranking is BM25F (Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework: BM25
//! and Beyond", §3.1): per-field term frequencies are length-normalised and weighted (title 3,
//! lead 1.5, body 1), summed, then saturated with k1 = 1.2; b = 0.75 in every field; the IDF is
//! BM25's `ln(1 + (N − n + 0.5) / (n + 0.5))`. All but the IDF is computed when the index is
//! built and kept as a byte per posting (`quantise_impact`), so a query multiplies. Equal
//! scores are ordered newest first.

use std::cmp::Ordering;
use std::ops::ControlFlow;

use rustc_hash::FxHashMap;

use super::analyze::{fixed_prefix, fold, for_each_token, try_for_each_token_where, Analyzer};
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

/// One article's occurrences of one term, per field, while the index is built (8 bytes: a big
/// archive holds millions): title and lead counts saturate at 255, the body's at 65,535.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Occurrences {
    doc: u32,
    title: u8,
    lead: u8,
    body: u16,
}

impl Occurrences {
    /// `doc`'s term frequencies `tf` (title, lead, body), saturated to fit.
    fn new(doc: u32, tf: [u16; FIELDS]) -> Self {
        let small = |n: u16| u8::try_from(n).unwrap_or(u8::MAX);
        Self { doc, title: small(tf[0]), lead: small(tf[1]), body: tf[2] }
    }
}

/// BM25F's length normalisation of an archive: per article and field, the field's weight over
/// its length norm (`WEIGHTS[f] / (1 − b + b · len / mean)`). Used while building, to turn
/// term frequencies into [impacts](quantise_impact).
struct FieldNorms(Vec<[f32; FIELDS]>);

impl FieldNorms {
    /// The norms of articles whose token counts per field are `lengths`.
    fn new(lengths: &[[u32; FIELDS]]) -> Self {
        // Mean over the articles that have the field: most have no lead, and counting them would
        // make every real lead look long.
        let mut totals = [0u64; FIELDS];
        let mut present = [0u64; FIELDS];
        for len in lengths {
            for f in 0..FIELDS {
                totals[f] += u64::from(len[f]);
                present[f] += u64::from(len[f] > 0);
            }
        }
        let mean: [f32; FIELDS] =
            std::array::from_fn(|f| (totals[f] as f32 / present[f].max(1) as f32).max(1.0));
        Self(
            lengths
                .iter()
                .map(|len| {
                    std::array::from_fn(|f| WEIGHTS[f] / (1.0 - B + B * len[f] as f32 / mean[f]))
                })
                .collect(),
        )
    }

    /// The impact of `o` (its term's BM25F weight without the IDF), quantised.
    fn impact(&self, o: &Occurrences) -> u8 {
        let [title, lead, body] = self.0[o.doc as usize];
        let tf = title * f32::from(o.title) + lead * f32::from(o.lead) + body * f32::from(o.body);
        quantise_impact(tf / (K1 + tf))
    }
}

/// An impact — a posting's BM25F weight without its term's IDF, `tf / (k1 + tf)` with `tf`
/// the length-normalised, weighted sum of the field frequencies, so within (0, 1) — in one
/// byte: rounded to the nearest 255th, at least 1. A posting's score is then its term's IDF
/// times `impact / 255`, one multiplication, with no per-article table to read (the scattered
/// reads of one were most of a common word's query). Quantised impacts are Anh & Moffat's
/// ("Simplified similarity scoring using term ranks", SIGIR 2005), here uniform; the sharded
/// form's chunks hold the same bytes, so both forms rank alike.
pub(crate) fn quantise_impact(weight: f32) -> u8 {
    (weight * 255.0).round().clamp(1.0, 255.0) as u8
}

/// The weight of impact 1 in a term whose IDF is `idf`: a posting scores this times its impact.
#[inline(always)]
pub(crate) fn impact_unit(idf: f32) -> f32 {
    idf * (1.0 / 255.0)
}

/// Strings kept in one buffer, in the order pushed: a big archive's dictionary holds hundreds
/// of thousands of words, and one allocation each would cost more memory than their text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct StrTable {
    text: String,
    /// The end of each string in `text`, in bytes.
    ends: Vec<u32>,
}

impl StrTable {
    pub(crate) fn with_capacity(strings: usize) -> Self {
        Self { text: String::new(), ends: Vec::with_capacity(strings) }
    }

    pub(crate) fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// String `i` (panics past the end, like slice indexing).
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The first position whose string does not satisfy `before` (the table must be
    /// partitioned by it, as a sorted table is by `< x`).
    pub(crate) fn partition_point(&self, before: impl Fn(&str) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if before(self.get(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Every term's postings in one buffer, list after list: one allocation for the index instead
/// of one per term (a per-term `Vec` costs its header and the allocator's overhead, about
/// 1.2 MB over Reuters-21578's 37k terms). Docs and impacts are kept apart, 5 bytes a posting:
/// walking a list to intersect it reads its docs only.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct PostingTable {
    docs: Vec<u32>,
    impacts: Vec<u8>,
    /// The end of each list in `docs` and `impacts`.
    ends: Vec<u32>,
}

/// One term's postings: the docs that hold it, ascending, and its [impact](quantise_impact)
/// in each.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Postings<'a> {
    pub(crate) docs: &'a [u32],
    pub(crate) impacts: &'a [u8],
}

impl Postings<'_> {
    pub(crate) fn len(&self) -> usize {
        self.docs.len()
    }
}

impl PostingTable {
    pub(crate) fn with_capacity(lists: usize, postings: usize) -> Self {
        Self {
            docs: Vec::with_capacity(postings),
            impacts: Vec::with_capacity(postings),
            ends: Vec::with_capacity(lists),
        }
    }

    /// Appends a posting (a doc and its impact) to the list being written.
    pub(crate) fn push(&mut self, doc: u32, impact: u8) {
        self.docs.push(doc);
        self.impacts.push(impact);
    }

    /// Closes the list being written (the next push starts the next term's).
    pub(crate) fn end_list(&mut self) {
        self.ends.push(u32::try_from(self.docs.len()).unwrap_or(u32::MAX));
    }

    /// The number of lists.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The number of postings in all lists.
    pub(crate) fn total(&self) -> usize {
        self.docs.len()
    }

    /// Term `t`'s list.
    pub(crate) fn list(&self, t: usize) -> Postings<'_> {
        let start = if t == 0 { 0 } else { self.ends[t - 1] as usize };
        let end = self.ends[t] as usize;
        Postings { docs: &self.docs[start..end], impacts: &self.impacts[start..end] }
    }

    pub(crate) fn lists(&self) -> impl Iterator<Item = Postings<'_>> {
        (0..self.len()).map(|t| self.list(t))
    }

    fn shrink_to_fit(&mut self) {
        self.docs.shrink_to_fit();
        self.impacts.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// An inverted index over the articles of one archive (positions as in [`Archive::articles`]).
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Sorted terms.
    pub(crate) terms: StrTable,
    /// Postings per term (parallel to `terms`), by ascending doc.
    pub(crate) postings: PostingTable,
    /// Sorted folded words…
    pub(crate) words: StrTable,
    /// …and the term each stems to (parallel to `words`).
    pub(crate) word_terms: Vec<u32>,
    /// The number of articles indexed (doc numbers are `0..articles`).
    pub(crate) articles: usize,
}

/// The text of an article's fields, as indexed: title, lead, body (the dateline, then the
/// blocks, joined by newlines). The dateline counts as body text: a reader looking for what
/// came from *Vienna* finds the article datelined "VIENNA, July 17" that names it nowhere else.
pub fn field_texts(article: &Article) -> [String; FIELDS] {
    let body: Vec<String> = article
        .dateline
        .iter()
        .cloned()
        .chain(article.body.iter().map(crate::Block::text))
        .collect();
    [article.title.clone(), article.lead.clone().unwrap_or_default(), body.join("\n")]
}

/// Calls `f` with the field number (0 title, 1 lead, 2 body) and each piece of an article's
/// text, in the order of [`field_texts`] and tokenised alike, without copying any of it.
pub(crate) fn for_each_piece(article: &Article, mut f: impl FnMut(usize, &str)) {
    f(0, &article.title);
    if let Some(lead) = &article.lead {
        f(1, lead);
    }
    if let Some(dateline) = &article.dateline {
        f(2, dateline);
    }
    for piece in article.body.iter().flat_map(crate::Block::pieces) {
        f(2, piece);
    }
}

impl SearchIndex {
    /// Indexes every article of `articles` (positions become doc numbers).
    pub fn build(articles: &[Article], analyzer: &Analyzer) -> Self {
        let mut term_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut word_terms: FxHashMap<String, u32> = FxHashMap::default();
        let mut postings: Vec<Vec<Occurrences>> = Vec::new();
        let mut lengths = Vec::with_capacity(articles.len());
        for (doc, article) in articles.iter().enumerate() {
            let doc = u32::try_from(doc).unwrap_or(u32::MAX);
            let mut counts: FxHashMap<u32, [u16; FIELDS]> = FxHashMap::default();
            let mut len = [0u32; FIELDS];
            for_each_piece(article, |field, text| {
                for_each_token(text, |_, folded| {
                    len[field] += 1;
                    let term = match word_terms.get(folded) {
                        Some(&t) => t,
                        None => {
                            let stem = analyzer.term(folded).into_owned();
                            let next = u32::try_from(term_ids.len()).unwrap_or(u32::MAX);
                            let t = *term_ids.entry(stem).or_insert_with(|| {
                                postings.push(Vec::new());
                                next
                            });
                            word_terms.insert(folded.to_owned(), t);
                            t
                        }
                    };
                    let c = &mut counts.entry(term).or_default()[field];
                    *c = c.saturating_add(1);
                });
            });
            for (term, tf) in counts {
                postings[term as usize].push(Occurrences::new(doc, tf));
            }
            lengths.push(len);
        }
        let norms = FieldNorms::new(&lengths);
        drop(lengths);
        // Re-number terms in sorted order so prefix and exact lookups are binary searches.
        let mut order: Vec<(String, u32)> = term_ids.into_iter().collect();
        order.sort_unstable();
        let mut renumber = vec![0u32; order.len()];
        let total = postings.iter().map(Vec::len).sum();
        let mut sorted_postings = PostingTable::with_capacity(order.len(), total);
        let mut terms = StrTable::with_capacity(order.len());
        for (new, (term, old)) in order.into_iter().enumerate() {
            renumber[old as usize] = u32::try_from(new).unwrap_or(u32::MAX);
            let mut list = std::mem::take(&mut postings[old as usize]);
            list.sort_unstable_by_key(|p| p.doc);
            for o in &list {
                sorted_postings.push(o.doc, norms.impact(o));
            }
            sorted_postings.end_list();
            terms.push(&term);
        }
        let mut sorted_words: Vec<(String, u32)> =
            word_terms.into_iter().map(|(w, t)| (w, renumber[t as usize])).collect();
        sorted_words.sort_unstable();
        let mut words = StrTable::with_capacity(sorted_words.len());
        let mut word_terms = Vec::with_capacity(sorted_words.len());
        for (w, t) in sorted_words {
            words.push(&w);
            word_terms.push(t);
        }
        Self::from_parts(terms, sorted_postings, words, word_terms, articles.len())
    }

    /// Assembles an index from its stored parts: `articles` is the number of articles indexed.
    pub(crate) fn from_parts(
        mut terms: StrTable,
        mut postings: PostingTable,
        mut words: StrTable,
        word_terms: Vec<u32>,
        articles: usize,
    ) -> Self {
        terms.shrink_to_fit();
        postings.shrink_to_fit();
        words.shrink_to_fit();
        Self { terms, postings, words, word_terms, articles }
    }

    /// The number of articles indexed.
    pub fn article_count(&self) -> usize {
        self.articles
    }

    /// The number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// Whether some article has `term`.
    pub fn has_term(&self, term: &str) -> bool {
        self.term(term).is_some()
    }

    /// The position of `term` in the dictionary, when some article has it.
    pub(crate) fn term(&self, term: &str) -> Option<usize> {
        let at = self.terms.partition_point(|t| t < term);
        (at < self.terms.len() && self.terms.get(at) == term).then_some(at)
    }

    /// Terms of all words starting with `prefix` (folded), deduplicated.
    fn prefix_terms(&self, prefix: &str) -> Vec<usize> {
        let start = self.words.partition_point(|w| w < prefix);
        let mut out: Vec<usize> = (start..self.words.len())
            .take_while(|&i| self.words.get(i).starts_with(prefix))
            .map(|i| self.word_terms[i] as usize)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    pub(crate) fn idf(&self, df: usize) -> f32 {
        idf(self.articles, df)
    }

    /// The weight of impact 1 in every term of a union (a prefix's terms): one IDF for them
    /// all, its most common term's, so a rare word that shares the prefix does not outrank the
    /// word most articles mean by it (`sanct*`: *sanctuaries* above *sanctions*). The terms
    /// are alternatives of one clause, as a prefix query's terms are one query's (Lucene scores
    /// them alike, with a constant score); here their impacts still rank them.
    fn union_unit(&self, terms: &[usize]) -> f32 {
        let df = terms.iter().map(|&t| self.postings.list(t).len()).max().unwrap_or(0);
        impact_unit(self.idf(df))
    }

    /// What one clause matches: a single term's postings as stored, or the union of several
    /// terms (a prefix) scored at each doc's best alternative.
    fn clause_list(&self, terms: &[usize]) -> ClauseList<'_> {
        match *terms {
            [t] => {
                let list = self.postings.list(t);
                ClauseList::Term(list, impact_unit(self.idf(list.len())))
            }
            _ => {
                let total = terms.iter().map(|&t| self.postings.list(t).len()).sum();
                ClauseList::Union(terms.to_vec(), total)
            }
        }
    }

    /// Docs matching any of `terms` (holding `total` postings in all), each scored by its best
    /// term, by ascending doc.
    fn union(&self, terms: &[usize], total: usize) -> Scored {
        let n = self.articles;
        let unit = self.union_unit(terms);
        if total > n / 8 {
            // Dense: one slot per article beats sorting this many pairs (a short prefix while
            // typing can match most of the archive). Weights are positive; 0 is "not seen".
            let mut best = vec![0.0f32; n];
            for &t in terms {
                let list = self.postings.list(t);
                for (&doc, &impact) in list.docs.iter().zip(list.impacts) {
                    let slot = &mut best[doc as usize];
                    *slot = slot.max(unit * f32::from(impact));
                }
            }
            let mut out = Vec::new();
            for (doc, &w) in best.iter().enumerate() {
                if w > 0.0 {
                    out.push((doc as u32, w));
                }
            }
            out
        } else {
            let lists = terms.iter().map(|&t| scored(self.postings.list(t), unit)).collect();
            best_per_doc(lists)
        }
    }

    /// Keeps the docs of `acc` that one of `terms` holds, adding the best term's weight: the
    /// union is never built. With few docs in `acc` each term's list is galloped through;
    /// otherwise every posting is looked up in a table of `acc`'s docs and scored only on a
    /// hit (the last word of "путин м" while typing matches a fifth of a big archive).
    fn narrow_union(&self, terms: &[usize], total: usize, acc: &mut Scored) {
        let mut best = vec![0.0f32; acc.len()];
        let unit = self.union_unit(terms);
        if acc.len().saturating_mul(terms.len()) < total / 4 {
            for &t in terms {
                let list = self.postings.list(t);
                let mut at = 0;
                for (i, &(doc, _)) in acc.iter().enumerate() {
                    at = gallop(list.docs, at, doc, |&d| d);
                    match list.docs.get(at) {
                        Some(&d) if d == doc => {
                            best[i] = best[i].max(unit * f32::from(list.impacts[at]));
                        }
                        Some(_) => {}
                        None => break,
                    }
                }
            }
        } else {
            let mut slot = vec![u32::MAX; self.articles];
            for (i, &(doc, _)) in acc.iter().enumerate() {
                slot[doc as usize] = i as u32;
            }
            for &t in terms {
                let list = self.postings.list(t);
                for (&doc, &impact) in list.docs.iter().zip(list.impacts) {
                    let i = slot[doc as usize];
                    if i != u32::MAX {
                        let b = &mut best[i as usize];
                        *b = b.max(unit * f32::from(impact));
                    }
                }
            }
        }
        let mut i = 0;
        acc.retain_mut(|(_, score)| {
            let b = best[i];
            i += 1;
            *score += b;
            b > 0.0
        });
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
            Clause::Phrase(_) | Clause::Not(_) | Clause::Filter(..) | Clause::NotFilter(..) => None,
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
    /// Skipping the year skips the month too: a month filter means a month of that year, so the
    /// year facet still offers the other years.
    pub fn accepts_except(&self, article: &Article, skip: Option<Dimension>) -> bool {
        let on = |d: Dimension| {
            skip != Some(d) && !(d == Dimension::Month && skip == Some(Dimension::Year))
        };
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

/// A `section:` clause resolved against the archive's sections: the section whose id its
/// value is, or, when no id is, every section with the value as a title in some language
/// (several sections may share a title, such as the "News" of each sub-site). It takes those
/// sections and the ones below them, as a section's page lists its sub-sections' articles.
pub(crate) struct SectionClause<'v> {
    /// The value, folded.
    value: &'v str,
    /// The ids of the sections it names.
    named: Vec<String>,
}

impl<'v> SectionClause<'v> {
    /// Resolves `value` (folded) against `archive`'s sections.
    pub(crate) fn new(archive: &Archive, value: &'v str) -> Self {
        let sections = &archive.bundle().sections;
        let ids = |keep: &dyn Fn(&crate::Section) -> bool| -> Vec<String> {
            sections.iter().filter(|s| keep(s)).map(|s| s.id.clone()).collect()
        };
        let mut named = ids(&|s| fold(&s.id) == value);
        if named.is_empty() {
            named = ids(&|s| s.title.values().any(|t| fold(t) == value));
        }
        Self { value, named }
    }

    /// Whether it takes articles of section `id`: a section it names or one below it, however
    /// deep (walking up at most as many levels as there are sections: a bundle's sections
    /// cannot loop, but a bound costs nothing), or a section the bundle does not define whose
    /// id is the value.
    pub(crate) fn takes(&self, archive: &Archive, id: &str) -> bool {
        if archive.section(id).is_none() {
            return fold(id) == self.value;
        }
        let mut next = Some(id);
        for _ in 0..=archive.bundle().sections.len() {
            let Some(id) = next else { return false };
            if self.named.iter().any(|n| n == id) {
                return true;
            }
            next = archive.section(id).and_then(|s| s.parent.as_deref());
        }
        false
    }
}

/// Widens a facet section filter (`section=news`) that names a section with sub-sections: it
/// moves into `query` as a `section:` clause, which takes the sections below it too, as the
/// section's page lists them. The facet filter alone matches one section
/// exactly, so a search started on a parent section's page (whose articles are all filed in its
/// sub-sections) would find nothing. A section without sub-sections is left as it is.
pub fn widen_section_filter(query: &mut ParsedQuery, filters: &mut Filters, sections: &Archive) {
    let Some(id) = filters.section.as_deref() else { return };
    if sections.children(Some(id)).is_empty() {
        return;
    }
    query.clauses.push(Clause::Filter(Field::Section, fold(id)));
    filters.section = None;
}

/// Whether a query's metadata clause holds for `article` (values compared folded). A source
/// or language is matched whole; a tag, person or place by its words, in any order: sources
/// name people and places at length ("ЛАВРОВ Сергей Викторович – Министр иностранных дел…",
/// "Москва, Кремль"), where `person:Лавров`, `person:"Сергей Лавров"` and `place:Москва`
/// mean them.
pub(crate) fn field_matches(
    article: &Article,
    field: Field,
    value: &str,
    archive: &Archive,
) -> bool {
    let any = |values: &[String]| values.iter().any(|v| has_words(&fold(v), value));
    match field {
        Field::Source => article.source.as_deref().is_some_and(|s| fold(s) == value),
        Field::Section => article
            .section
            .as_deref()
            .is_some_and(|s| SectionClause::new(archive, value).takes(archive, s)),
        Field::Lang => fold(&article.lang) == value,
        Field::Tag => any(&article.tags),
        Field::Person => any(&article.people),
        Field::Place => any(&article.places),
        Field::Year => Field::years(value)
            .zip(article.date)
            .is_some_and(|((first, last), date)| (first..=last).contains(&date.year())),
    }
}

/// Whether the folded `words` (words with single spaces between them, as [`fold`] writes
/// them) hold every word of the folded `wanted`, whole, in any order (a name is written
/// surname first or last).
fn has_words(words: &str, wanted: &str) -> bool {
    let mut wanted = wanted.split(' ').filter(|w| !w.is_empty()).peekable();
    wanted.peek().is_some() && wanted.all(|w| words.split(' ').any(|have| have == w))
}

/// A phrase to look for in article text: consecutive tokens whose terms are the phrase's
/// words' terms, in one piece of text (the title, the lead, or one block of the body: a
/// paragraph, a heading, a quote, a list item, a caption). Found with Shift-And (Baeza-Yates &
/// Gonnet 1992, "A new approach to text searching"): one bit per phrase word, shifted along the
/// tokens, so each token costs a shift, an OR and an AND. A word that does not begin as a
/// phrase term begins is not even folded, and one that does is stemmed only if it begins with a
/// term's [`fixed_prefix`] (stemming rewrites only the end of a word: see [`Analyzer::term`]),
/// each distinct word once per phrase, not once per occurrence.
pub(crate) struct Phrase<'a> {
    analyzer: &'a Analyzer,
    /// The words' terms, in order.
    terms: Vec<String>,
    /// The first character of each term (a handful: searched in a line).
    firsts: Vec<char>,
    /// The byte length of each term's [`fixed_prefix`].
    fixed: Vec<usize>,
    /// Folded word → the phrase positions whose term it has (bit i = word i).
    masks: FxHashMap<String, u128>,
    /// The folded token being read (one buffer for every text checked).
    buf: String,
}

impl<'a> Phrase<'a> {
    /// The most words a phrase is matched by (bits of the Shift-And state); the rest of a
    /// longer phrase is ignored.
    const MAX_WORDS: usize = 128;

    /// The phrase of the folded `words`.
    pub(crate) fn new(words: &[String], analyzer: &'a Analyzer) -> Self {
        let terms: Vec<String> =
            words.iter().take(Self::MAX_WORDS).map(|w| analyzer.term(w).into_owned()).collect();
        // Deduplicated by hand: a sort of chars would be one more sort in the wasm (3 KB).
        let mut firsts = Vec::new();
        for c in terms.iter().filter_map(|t| t.chars().next()) {
            if !firsts.contains(&c) {
                firsts.push(c);
            }
        }
        let fixed = terms.iter().map(|t| fixed_prefix(t).len()).collect();
        Self { analyzer, terms, firsts, fixed, masks: FxHashMap::default(), buf: String::new() }
    }

    /// Whether `article` holds the phrase (an empty phrase is everywhere).
    pub(crate) fn in_article(&mut self, article: &Article) -> bool {
        let Some(goal) = self.terms.len().checked_sub(1).map(|last| 1u128 << last) else {
            return true;
        };
        let Self { analyzer, terms, firsts, fixed, masks, buf } = self;
        // The phrase positions whose term `folded` has, each distinct word stemmed once, and
        // only if it begins as a term's word must.
        let mut mask = |folded: &str| -> u128 {
            if !terms
                .iter()
                .zip(&*fixed)
                .any(|(t, &n)| folded.as_bytes().starts_with(&t.as_bytes()[..n]))
            {
                return 0;
            }
            if let Some(&m) = masks.get(folded) {
                return m;
            }
            let term = analyzer.term(folded);
            let m = terms
                .iter()
                .enumerate()
                .filter(|(_, t)| **t == *term)
                .fold(0u128, |m, (i, _)| m | 1 << i);
            // Bounded: a phrase checked over a whole archive meets every word of it.
            if masks.len() < 1 << 16 {
                masks.insert(folded.to_owned(), m);
            }
            m
        };
        let mut found = false;
        for_each_piece(article, |_, text| {
            if found {
                return;
            }
            // A phrase stands in one piece: the title, the lead, a paragraph or a list item.
            // A word that begins otherwise than every term is not even folded (a term begins
            // as its word does: see `Analyzer::term`).
            let mut state = 0u128;
            found = try_for_each_token_where(
                text,
                |c| firsts.contains(&c),
                buf,
                |_, folded| {
                    state = ((state << 1) | 1) & folded.map_or(0, &mut mask);
                    if state & goal == 0 {
                        ControlFlow::Continue(())
                    } else {
                        ControlFlow::Break(())
                    }
                },
            )
            .is_break();
        });
        found
    }
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

/// BM25's IDF of a term found in `df` of `articles` articles: `ln(1 + (N − n + 0.5) / (n + 0.5))`.
pub(crate) fn idf(articles: usize, df: usize) -> f32 {
    let (n, df) = (articles as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Docs with their scores, by ascending doc.
pub(crate) type Scored = Vec<(u32, f32)>;

/// The union of `lists` (a disjunction's terms' scored postings, each by ascending doc, a doc at
/// most once in each) as one entry per doc at its best score, by ascending doc. The lists are
/// merged two by two, so each entry moves about log₂(lists) times: sorting them all together
/// was most of a prefix query's time (`export*` on Reuters-21578).
pub(crate) fn best_per_doc(mut lists: Vec<Scored>) -> Scored {
    while lists.len() > 1 {
        let mut merged = Vec::with_capacity(lists.len().div_ceil(2));
        let mut pairs = lists.into_iter();
        while let Some(a) = pairs.next() {
            merged.push(match pairs.next() {
                Some(b) => merge_best(&a, &b),
                None => a,
            });
        }
        lists = merged;
    }
    lists.pop().unwrap_or_default()
}

/// Two lists by ascending doc as one, a doc in both at the better of its scores.
fn merge_best(a: &[(u32, f32)], b: &[(u32, f32)]) -> Scored {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(&(da, sa)), Some(&(db, sb))) = (a.get(i), b.get(j)) {
        out.push(match da.cmp(&db) {
            Ordering::Less => (da, sa),
            Ordering::Greater => (db, sb),
            Ordering::Equal => (da, sa.max(sb)),
        });
        i += usize::from(da <= db);
        j += usize::from(db <= da);
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

// The loops below that a query runs per posting are written out with indices where they keep
// or drop items in place: at opt-level "z" (the app's), `retain_mut`'s closure is left a call
// per item. Lists are built by collecting from slices, which writes in place: `push` too is a
// call per item there.

/// A term's postings scored: `unit` is the weight of impact 1 ([`impact_unit`]).
fn scored(list: Postings<'_>, unit: f32) -> Scored {
    // Collected from slices, so written in place: a `push` per posting is a call at opt-level
    // "z", three times the cost.
    list.docs
        .iter()
        .zip(list.impacts)
        .map(|(&doc, &impact)| (doc, unit * f32::from(impact)))
        .collect()
}

/// The docs one positive clause matches, as [`SearchIndex::clause_list`] finds them.
enum ClauseList<'a> {
    /// One term's postings (by ascending doc) and the weight of impact 1 in it: scored only
    /// where the conjunction reaches them.
    Term(Postings<'a>, f32),
    /// Several terms' union (a prefix) and how many postings they hold in all (at least as
    /// many as the docs they match): scored when it comes first, else only where the
    /// conjunction reaches it.
    Union(Vec<usize>, usize),
}

impl ClauseList<'_> {
    fn len(&self) -> usize {
        match self {
            Self::Term(list, _) => list.len(),
            Self::Union(_, total) => *total,
        }
    }

    fn into_scored(self, index: &SearchIndex) -> Scored {
        match self {
            Self::Term(list, unit) => scored(list, unit),
            Self::Union(terms, total) => index.union(&terms, total),
        }
    }

    /// Keeps the docs of `acc` this clause matches too, adding its score to theirs.
    fn narrow(&self, index: &SearchIndex, acc: &mut Scored) {
        match self {
            Self::Term(list, unit) => Narrowing::choose(acc.len(), list.len(), index.articles).run(
                acc,
                *list,
                *unit,
                index.articles,
            ),
            Self::Union(terms, total) => index.narrow_union(terms, *total, acc),
        }
    }
}

/// How a conjunction's docs so far are narrowed by one term's postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Narrowing {
    /// [`narrow_by_table`]: the two lists hold a good part of the archive between them.
    Table,
    /// [`narrow_by_merge`]: lists of like length.
    Merge,
    /// [`narrow_by_gallop`]: a list much longer than the docs so far.
    Gallop,
}

impl Narrowing {
    /// The way for `acc` docs so far and a list of `list` docs, in an archive of `articles`.
    fn choose(acc: usize, list: usize, articles: usize) -> Self {
        if acc.saturating_add(list).saturating_mul(8) >= articles {
            Self::Table
        } else if list <= acc.saturating_mul(8) {
            Self::Merge
        } else {
            Self::Gallop
        }
    }

    /// Narrows `acc` by `list` this way; `unit` is the weight of the list's impact 1.
    fn run(self, acc: &mut Scored, list: Postings<'_>, unit: f32, articles: usize) {
        match self {
            Self::Table => narrow_by_table(acc, list, unit, articles),
            Self::Merge => narrow_by_merge(acc, list, unit),
            Self::Gallop => narrow_by_gallop(acc, list, unit),
        }
    }
}

/// Keeps the docs of `acc` that `list` holds, adding `unit` times their impact: the list's
/// impacts are spread into a table by doc (of `articles` slots, one byte each), then `acc`'s
/// docs look theirs up. For two lists that hold a good part of the archive between them
/// (путин москва at 145,000 articles: 13,300 and 17,700 docs): neither pass has a step that
/// waits on the one before, as a merge's every step does.
fn narrow_by_table(acc: &mut Scored, list: Postings<'_>, unit: f32, articles: usize) {
    let mut table = vec![0u8; articles];
    // Slices, not `Vec`s: at opt-level "z" a `Vec`'s indexing is a call.
    let by_doc = table.as_mut_slice();
    for i in 0..list.len() {
        by_doc[list.docs[i] as usize] = list.impacts[i];
    }
    let docs = acc.as_mut_slice();
    let mut kept = 0;
    for i in 0..docs.len() {
        let (doc, score) = docs[i];
        let impact = by_doc[doc as usize];
        if impact != 0 {
            docs[kept] = (doc, score + unit * f32::from(impact));
            kept += 1;
        }
    }
    acc.truncate(kept);
}

/// [`narrow_by_table`] by merging: each step moves past the smaller doc of the two, with no
/// branch to mispredict but the rare match (a gallop's searches cost more than the few steps
/// between two docs of lists of like length).
fn narrow_by_merge(acc: &mut Scored, list: Postings<'_>, unit: f32) {
    let docs = acc.as_mut_slice();
    let (mut i, mut j, mut kept) = (0, 0, 0);
    while i < docs.len() && j < list.len() {
        let (a, score) = docs[i];
        let d = list.docs[j];
        if a == d {
            docs[kept] = (a, score + unit * f32::from(list.impacts[j]));
            kept += 1;
        }
        i += usize::from(a <= d);
        j += usize::from(d <= a);
    }
    acc.truncate(kept);
}

/// [`narrow_by_table`] by galloping through a list much longer than `acc`.
fn narrow_by_gallop(acc: &mut Scored, list: Postings<'_>, unit: f32) {
    let docs = acc.as_mut_slice();
    let (mut at, mut kept) = (0, 0);
    for i in 0..docs.len() {
        let (doc, score) = docs[i];
        at = gallop(list.docs, at, doc, |&d| d);
        if at == list.len() {
            break;
        }
        if list.docs[at] == doc {
            docs[kept] = (doc, score + unit * f32::from(list.impacts[at]));
            kept += 1;
        }
    }
    acc.truncate(kept);
}

/// The first position at or after `from` in `list` (sorted by `key`) whose key is at least
/// `doc`: exponential then binary search (Bentley & Yao 1976), so walking a long list for the
/// docs of a short one costs O(short · log(long / short)), not O(long).
fn gallop<T>(list: &[T], from: usize, doc: u32, key: impl Fn(&T) -> u32) -> usize {
    let mut lo = from;
    let mut step = 1;
    while lo + step < list.len() && key(&list[lo + step]) < doc {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step + 1).min(list.len());
    lo + list[lo.min(hi)..hi].partition_point(|x| key(x) < doc)
}

/// Keeps the docs of `acc` that `other` holds too, adding `other`'s scores; both by ascending
/// doc.
pub(crate) fn intersect_into(acc: &mut Scored, other: &[(u32, f32)]) {
    let mut at = 0;
    acc.retain_mut(|(doc, score)| {
        at = gallop(other, at, *doc, |p| p.0);
        match other.get(at) {
            Some(&(d, s)) if d == *doc => {
                *score += s;
                true
            }
            _ => false,
        }
    });
}

/// Orders `hits` so that the first `top` are the best in order (`cmp` puts better first) and the
/// rest follow in no particular order: selecting the first page of a common word's thousands
/// of hits costs a fraction of sorting them all. The order is a `dyn` function so that the
/// selection and sorting code exists once in the wasm, not once per order. `by_score` says that
/// `cmp` puts higher scores first before anything else: a hit scoring below the worst kept is
/// then passed over without calling it (most hits of a common word).
pub(crate) fn order_top(
    hits: &mut [Hit],
    top: usize,
    by_score: bool,
    cmp: &dyn Fn(&Hit, &Hit) -> Ordering,
) {
    if top == 0 {
        return;
    }
    if top <= 64 && top * 16 <= hits.len() {
        // The first pages of a long list: one pass keeping the best `top` in order, where most
        // hits lose one comparison (a score) against the worst kept. (An insertion costs up
        // to `top` moves, so deeper pages select instead.)
        let mut best: Vec<usize> = Vec::with_capacity(top + 1);
        // The worst kept score once `top` are kept (by score only): most hits are passed over
        // on comparing with it, a local, not with a hit looked up through `best`.
        let mut floor = f32::NEG_INFINITY;
        for (i, hit) in hits.iter().enumerate() {
            if best.len() == top {
                if by_score && hit.score < floor {
                    continue;
                }
                if cmp(hit, &hits[best[top - 1]]) != Ordering::Less {
                    continue;
                }
                best.pop();
            }
            let at = best.partition_point(|&j| cmp(&hits[j], hit) == Ordering::Less);
            best.insert(at, i);
            if best.len() == top {
                floor = hits[best[top - 1]].score;
            }
        }
        // Move them to the front: swap the kept ones from behind with the others in front,
        // then write them in order.
        let chosen: Vec<Hit> = best.iter().map(|&j| hits[j]).collect();
        let mut kept_in_front = vec![false; top];
        let mut behind = Vec::new();
        for &j in &best {
            match kept_in_front.get_mut(j) {
                Some(slot) => *slot = true,
                None => behind.push(j),
            }
        }
        let free = (0..top).filter(|&i| !kept_in_front[i]);
        for (i, j) in free.zip(behind) {
            hits.swap(i, j);
        }
        hits[..top].copy_from_slice(&chosen);
    } else if top < hits.len() {
        hits.select_nth_unstable_by(top - 1, &cmp);
        hits[..top].sort_unstable_by(cmp);
    } else {
        hits.sort_unstable_by(cmp);
    }
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
        self.search_top(archive, analyzer, query, filters, sort, usize::MAX)
    }

    /// [`SearchIndex::search`] for a page: every hit is returned (their number is the total),
    /// but only the first `top` are in `sort` order; the rest follow in no particular order.
    pub fn search_top(
        &self,
        archive: &Archive,
        analyzer: &Analyzer,
        query: &ParsedQuery,
        filters: &Filters,
        sort: Sort,
        top: usize,
    ) -> Vec<Hit> {
        let mut hits = self.candidates(archive, analyzer, query);
        if !filters.is_empty() {
            hits.retain(|h| filters.accepts(archive.at(h.pos)));
        }
        order(&mut hits, archive, sort, top);
        hits
    }

    /// Every article the query text matches, before any [`Filters`], by ascending position:
    /// what facet counts start from ([`super::facets::facet_counts_of`]). Words, prefixes and
    /// phrases must all match (phrases word by word, then checked in the text); `-word`,
    /// `field:value` and `-field:value` clauses are applied. A query with no words matches every article.
    pub fn candidates(
        &self,
        archive: &Archive,
        analyzer: &Analyzer,
        query: &ParsedQuery,
    ) -> Vec<Hit> {
        let last_word = query.clauses.iter().rposition(|c| matches!(c, Clause::Word(_)));
        let mut lists = Vec::new();
        for (i, clause) in query.clauses.iter().enumerate() {
            match clause {
                Clause::Phrase(phrase) => {
                    // Candidates contain every word's stem; adjacency is checked below.
                    for w in phrase {
                        let terms = self.term(&analyzer.term(w));
                        lists.push(self.clause_list(terms.as_slice()));
                    }
                }
                Clause::Word(_) | Clause::Prefix(_) => {
                    let open = query.open_last_word && Some(i) == last_word;
                    let terms = self.clause_terms(clause, open, analyzer).unwrap_or_default();
                    lists.push(self.clause_list(&terms));
                }
                Clause::Not(_) | Clause::Filter(..) | Clause::NotFilter(..) => {}
            }
        }
        // The shortest list first: every other clause is then only looked up at its docs.
        lists.sort_unstable_by_key(ClauseList::len);
        let mut lists = lists.into_iter();
        let scored: Option<Scored> = lists.next().map(|first| {
            // A word with others: its docs are narrowed unscored, and it is scored only at the
            // docs all of them share (путин москва at 145,000 articles: 1,200 of 13,600), since
            // a posting's weight costs more than a step of the walk.
            let (mut acc, unscored) = match first {
                ClauseList::Term(postings, unit) if lists.len() > 0 => {
                    (postings.docs.iter().map(|&doc| (doc, 0.0)).collect(), Some((postings, unit)))
                }
                first => (first.into_scored(self), None),
            };
            for list in lists {
                if acc.is_empty() {
                    break;
                }
                list.narrow(self, &mut acc);
            }
            if let Some((postings, unit)) = unscored {
                let mut at = 0;
                for (doc, score) in &mut acc {
                    at = gallop(postings.docs, at, *doc, |&d| d);
                    if let Some(&impact) = postings.impacts.get(at) {
                        *score += unit * f32::from(impact);
                    }
                }
            }
            acc
        });
        let articles = archive.articles();
        // (field, value, whether it must hold): `field:value` and `-field:value`.
        let fields: Vec<(Field, &str, bool)> = query
            .clauses
            .iter()
            .filter_map(|c| match c {
                Clause::Filter(field, value) => Some((*field, value.as_str(), true)),
                Clause::NotFilter(field, value) => Some((*field, value.as_str(), false)),
                _ => None,
            })
            .collect();
        let excluded: Vec<&[u32]> = query
            .clauses
            .iter()
            .filter_map(|c| match c {
                Clause::Not(w) if w.len() == 1 => {
                    self.term(&analyzer.term(&w[0])).map(|t| self.postings.list(t).docs)
                }
                _ => None,
            })
            .collect();
        // Phrases to find (true) or to be absent (false, `-"two words"`): checked in the text,
        // last, as they cost the most.
        let mut phrases: Vec<(bool, Phrase<'_>)> = query
            .clauses
            .iter()
            .filter_map(|c| match c {
                Clause::Phrase(words) => Some((true, Phrase::new(words, analyzer))),
                Clause::Not(words) if words.len() > 1 => {
                    Some((false, Phrase::new(words, analyzer)))
                }
                _ => None,
            })
            .collect();
        let checked = !(fields.is_empty() && excluded.is_empty() && phrases.is_empty());
        // `section:` clauses resolved once, not per article.
        let sections: Vec<Option<SectionClause<'_>>> = fields
            .iter()
            .map(|&(field, value, _)| {
                (field == Field::Section).then(|| SectionClause::new(archive, value))
            })
            .collect();
        let mut passes = |pos: usize| {
            let a = &articles[pos];
            let doc = pos as u32;
            fields.iter().zip(&sections).all(|(&(field, value, want), section)| {
                let holds = match section {
                    Some(clause) => a.section.as_deref().is_some_and(|s| clause.takes(archive, s)),
                    None => field_matches(a, field, value, archive),
                };
                holds == want
            }) && excluded.iter().all(|docs| docs.binary_search(&doc).is_err())
                && phrases.iter_mut().all(|(want, phrase)| phrase.in_article(a) == *want)
        };
        let mut hits: Vec<Hit> = match scored {
            Some(scored) => {
                scored.into_iter().map(|(doc, score)| Hit { pos: doc as usize, score }).collect()
            }
            None => (0..articles.len()).map(|pos| Hit { pos, score: 0.0 }).collect(),
        };
        if checked {
            hits.retain(|h| passes(h.pos));
        }
        hits
    }
}

/// Puts the first `top` of `hits` in `sort` order; the rest follow in no particular order
/// (selection, then sorting only those, as a page needs). Relevance ties and the newest-first
/// order compare precomputed recency ranks, not dates read per hit.
pub fn order(hits: &mut [Hit], archive: &Archive, sort: Sort, top: usize) {
    let rank = |h: &Hit| archive.rank(h.pos);
    match sort {
        Sort::Relevance => order_top(hits, top, true, &|a, b| {
            b.score.total_cmp(&a.score).then_with(|| rank(a).cmp(&rank(b)))
        }),
        Sort::Newest => order_top(hits, top, false, &|a, b| rank(a).cmp(&rank(b))),
        Sort::Oldest => {
            let articles = archive.articles();
            let date = |h: &Hit| {
                (articles[h.pos].date.is_none(), articles[h.pos].date, articles[h.pos].time)
            };
            order_top(hits, top, false, &|a, b| {
                date(a).cmp(&date(b)).then_with(|| rank(b).cmp(&rank(a)))
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hits with scores from a fixed linear congruential sequence, many of them tied.
    fn hits(n: usize) -> Vec<Hit> {
        let mut x = 12345u32;
        (0..n)
            .map(|pos| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                Hit { pos, score: ((x >> 16) % 50) as f32 }
            })
            .collect()
    }

    fn by_score(a: &Hit, b: &Hit) -> Ordering {
        b.score.total_cmp(&a.score).then(a.pos.cmp(&b.pos))
    }

    #[test]
    fn a_union_keeps_each_doc_once_at_its_best_score_in_doc_order() {
        // Lists from a fixed sequence: overlapping docs, scores that tie and differ.
        let mut x = 7u32;
        let mut next = || {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            x >> 16
        };
        for k in [0, 1, 2, 3, 5, 8] {
            let lists: Vec<Scored> = (0..k)
                .map(|_| {
                    let mut docs: Vec<u32> = (0..next() % 40).map(|_| next() % 60).collect();
                    docs.sort_unstable();
                    docs.dedup();
                    docs.into_iter().map(|d| (d, (next() % 5) as f32)).collect()
                })
                .collect();
            let mut want = std::collections::BTreeMap::<u32, f32>::new();
            for &(d, s) in lists.iter().flatten() {
                let best = want.entry(d).or_insert(s);
                *best = best.max(s);
            }
            let want: Scored = want.into_iter().collect();
            assert_eq!(best_per_doc(lists), want, "{k} lists");
        }
    }

    #[test]
    fn an_impact_is_the_weight_to_the_nearest_255th_at_least_1_and_in_order() {
        let mut last = 0u8;
        for i in 0..=10_000u16 {
            let w = f32::from(i) / 10_000.0;
            let q = quantise_impact(w);
            assert!(q >= 1 && q >= last, "{w} kept as {q} after {last}");
            assert!((f32::from(q) - w * 255.0).abs() <= 0.5 + 1e-3 || q == 1, "{w} kept as {q}");
            last = q;
        }
        assert_eq!(quantise_impact(1.0), 255);
        assert_eq!(quantise_impact(0.0), 1);
    }

    #[test]
    fn an_impact_weighs_title_above_lead_above_body_more_above_once_short_above_long() {
        // Token counts (title, lead, body): the first article at the mean of each field.
        let norms = FieldNorms::new(&[[5, 20, 300], [5, 20, 100], [5, 20, 500]]);
        let impact = |doc, tf| norms.impact(&Occurrences::new(doc, tf));
        // BM25F at the mean length: tf / (1.2 + tf) with tf the field's weight, 3, 1.5 or 1.
        assert_eq!(impact(0, [1, 0, 0]), quantise_impact(3.0 / 4.2));
        assert_eq!(impact(0, [0, 1, 0]), quantise_impact(1.5 / 2.7));
        assert_eq!(impact(0, [0, 0, 1]), quantise_impact(1.0 / 2.2));
        assert!(impact(0, [1, 0, 0]) > impact(0, [0, 1, 0]));
        assert!(impact(0, [0, 1, 0]) > impact(0, [0, 0, 1]));
        assert!(impact(0, [0, 0, 3]) > impact(0, [0, 0, 1]));
        assert!(impact(1, [0, 0, 1]) > impact(0, [0, 0, 1]));
        assert!(impact(0, [0, 0, 1]) > impact(2, [0, 0, 1]));
        assert!(impact(0, [1, 1, 1]) > impact(0, [1, 0, 0]));
    }

    #[test]
    fn a_partial_order_puts_the_best_first_in_order_and_keeps_every_hit() {
        for n in [0, 1, 5, 40, 300, 2000] {
            let mut all = hits(n);
            all.sort_unstable_by(by_score);
            // Every path: the one-pass selection (top × 16 ≤ n), select-and-sort, a full sort.
            // With and without passing over the hits that score below the worst kept.
            for (top, by) in
                [1, 3, 10, 20, 100, n, n + 1].into_iter().flat_map(|t| [(t, true), (t, false)])
            {
                let mut part = hits(n);
                order_top(&mut part, top, by, &by_score);
                let k = top.min(n);
                assert_eq!(part[..k], all[..k], "n {n}, top {top}, by score {by}");
                let mut rest: Vec<usize> = part.iter().map(|h| h.pos).collect();
                rest.sort_unstable();
                assert_eq!(rest, (0..n).collect::<Vec<_>>(), "n {n}, top {top}: every hit kept");
            }
        }
    }

    #[test]
    fn every_way_of_narrowing_keeps_the_docs_of_both_with_the_scores_added() {
        // Lists from a fixed sequence over 300 docs: sparse and dense, with and without overlap.
        let mut x = 99u32;
        let mut next = move || {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            x >> 16
        };
        for (a_len, b_len) in [(0, 5), (5, 0), (3, 200), (200, 3), (40, 60), (150, 150), (1, 1)] {
            let mut pick = |n: usize| {
                let mut docs: Vec<u32> = (0..n).map(|_| next() % 300).collect();
                docs.sort_unstable();
                docs.dedup();
                docs
            };
            let acc: Scored = pick(a_len).into_iter().map(|d| (d, (d % 7) as f32)).collect();
            let docs = pick(b_len);
            let impacts: Vec<u8> = docs.iter().map(|&d| (d % 255 + 1) as u8).collect();
            let list = Postings { docs: &docs, impacts: &impacts };
            let want: Scored = acc
                .iter()
                .filter_map(|&(d, s)| {
                    let at = docs.binary_search(&d).ok()?;
                    Some((d, s + 0.5 * f32::from(impacts[at])))
                })
                .collect();
            for way in [Narrowing::Table, Narrowing::Merge, Narrowing::Gallop] {
                let mut got = acc.clone();
                way.run(&mut got, list, 0.5, 300);
                assert_eq!(got, want, "{way:?}: {a_len} and {b_len} docs");
            }
        }
        // Each way is the one chosen somewhere.
        assert_eq!(Narrowing::choose(10_000, 20_000, 145_000), Narrowing::Table);
        assert_eq!(Narrowing::choose(100, 700, 145_000), Narrowing::Merge);
        assert_eq!(Narrowing::choose(100, 9_000, 145_000), Narrowing::Gallop);
    }

    #[test]
    fn galloping_finds_the_first_position_not_below() {
        let list: Vec<u32> = (0..200).map(|i| i * 3).collect();
        for from in [0, 1, 7, 100, 199, 200] {
            for doc in [0, 1, 2, 3, 299, 300, 597, 598, 1000] {
                let want = from.max(list.partition_point(|&d| d < doc));
                assert_eq!(gallop(&list, from, doc, |&d| d), want, "from {from}, doc {doc}");
            }
        }
    }
}
