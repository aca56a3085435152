//! Search over a sharded archive: which index chunks a query needs, then ranked retrieval from
//! their impact postings, filters and facet counts from the doc table.
//!
//! The query language and ranking are those of [`crate::search`] (BM25F with the same weights;
//! here the term-frequency part comes precomputed and quantised, see [`super::files`]), with
//! one difference that the data forces: phrases, `-"phrases"` and `tag:`/`person:`/`place:`
//! filters need the article text or lists, which the index does not hold. They are matched as
//! their words (a superset) and each shown result is checked with [`ShardedArchive::verify`]
//! once its article is loaded; [`ShardHits::unchecked`] says when that is the case, so a view
//! can mark the count as at most.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::{Need, ShardedArchive};
use crate::model::Article;
use crate::search::analyze::{fold, Analyzer};
use crate::search::index::{
    best_per_doc, field_matches, idf, impact_unit, intersect_into, order_top, Phrase, Scored,
    SectionClause,
};
use crate::search::query::{Clause, Field, ParsedQuery};
use crate::search::{Dimension, FacetCounts, Filters, Hit, Sort};
use crate::shard::DocRow;

/// The result of [`ShardedArchive::search`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShardHits {
    /// The matching articles that pass the filters, in the sort order asked for (`pos` is the
    /// doc number).
    pub hits: Vec<Hit>,
    /// Every article the query text matches before the filters (for facet counts), doc order.
    pub candidates: Vec<Hit>,
    /// Whether some clause could only be approximated (see the module docs): each hit must be
    /// checked with [`ShardedArchive::verify`] when shown.
    pub unchecked: bool,
}

/// A query being run over a sharded archive (borrowing the archive, the analyser and the query).
#[derive(Debug)]
pub struct ShardSearch<'a> {
    archive: &'a ShardedArchive,
    analyzer: &'a Analyzer,
    query: &'a ParsedQuery,
}

/// The most index chunks the word being typed may fetch for its prefix matches.
pub const TYPING_CHUNKS: usize = 2;

/// The first `n` characters of `s`.
fn chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

impl<'a> ShardSearch<'a> {
    /// Prepares `query` over `archive`.
    pub fn new(
        archive: &'a ShardedArchive,
        analyzer: &'a Analyzer,
        query: &'a ParsedQuery,
    ) -> Self {
        Self { archive, analyzer, query }
    }

    /// The index of the last word clause, which is also a prefix while the reader types.
    fn open_last(&self) -> Option<usize> {
        if !self.query.as_you_type() {
            return None;
        }
        self.query.clauses.iter().rposition(|c| matches!(c, Clause::Word(_)))
    }

    /// The chunk range a prefix may have terms in: from the prefix less three characters
    /// (a stem can be shorter than the words it stands for: `выбор` for `выборами`) to the
    /// last string starting with it. For the word still being typed (`typing`), at most
    /// [`TYPING_CHUNKS`] chunks and only from three characters on: every keystroke is a query,
    /// and a short prefix would fetch a large part of the dictionary for a word about to be
    /// finished; the finished word is matched by its stem anyway.
    fn prefix_chunks(&self, prefix: &str, typing: bool) -> std::ops::RangeInclusive<usize> {
        let n = prefix.chars().count();
        if typing && n < 3 {
            #[allow(clippy::reversed_empty_ranges)]
            return 1..=0;
        }
        let lo = chars(prefix, n.saturating_sub(3).max(2).min(n));
        let hi = format!("{prefix}\u{10FFFF}");
        let start = self.archive.chunk_of(lo).unwrap_or(0);
        let mut end = self.archive.chunk_of(&hi).unwrap_or(0);
        if typing {
            end = end.min(start + TYPING_CHUNKS - 1);
        }
        start..=end
    }

    /// Whether the word being typed is matched as a prefix only in part: before its third
    /// letter not at all, and then in at most [`TYPING_CHUNKS`] chunks of the terms that begin
    /// with it. Its results are then those of fewer words than begin with it (`пу` finds the
    /// word «пу», not the 24,000 articles with a word beginning so), which a page should say.
    pub fn typing_narrowed(&self) -> bool {
        let Some(Clause::Word(word)) = self.open_last().map(|i| &self.query.clauses[i]) else {
            return false;
        };
        self.prefix_chunks(word, true) != self.prefix_chunks(word, false)
    }

    /// Whether the hits themselves depend on the doc table: with filters (set outside the query
    /// or as `section:`, `source:`, `lang:`, `year:` clauses), oldest-first order (undated
    /// last) or no words at all (a filtered listing). Otherwise the doc table is needed only for
    /// the facet counts, which may come after the results.
    pub fn needs_docs(&self, filters: &Filters, sort: Sort) -> bool {
        let fields = self.query.clauses.iter().any(|c| {
            matches!(
                c,
                Clause::Filter(Field::Source | Field::Section | Field::Lang | Field::Year, _)
                    | Clause::NotFilter(
                        Field::Source | Field::Section | Field::Lang | Field::Year,
                        _
                    )
            )
        });
        let words = self
            .query
            .clauses
            .iter()
            .any(|c| matches!(c, Clause::Word(_) | Clause::Prefix(_) | Clause::Phrase(_)));
        let table = Filters { tag: None, person: None, ..filters.clone() };
        fields || !table.is_empty() || sort == Sort::Oldest || !words
    }

    /// Every file the query's hits need that is not loaded, to fetch all at once: the chunks of
    /// its terms, and the doc table when [`Self::needs_docs`] says so (facet counts always need
    /// it: [`ShardedArchive::facet_counts`]).
    pub fn needs(&self, filters: &Filters, sort: Sort) -> Vec<Need> {
        let mut out = Vec::new();
        let add_term = |out: &mut Vec<Need>, term: &str| {
            if self.archive.manifest.index.is_common(term) {
                return; // in no chunk: matched everywhere
            }
            if let Some(c) = self.archive.chunk_of(term) {
                out.push(Need::Chunk(c));
            }
        };
        let open = self.open_last();
        for (i, clause) in self.query.clauses.iter().enumerate() {
            match clause {
                Clause::Word(w) => {
                    add_term(&mut out, &self.analyzer.term(w));
                    if Some(i) == open {
                        out.extend(self.prefix_chunks(w, true).map(Need::Chunk));
                    }
                }
                Clause::Prefix(p) => out.extend(self.prefix_chunks(p, false).map(Need::Chunk)),
                Clause::Phrase(words) | Clause::Not(words) => {
                    for w in words {
                        add_term(&mut out, &self.analyzer.term(w));
                    }
                }
                Clause::Filter(..) | Clause::NotFilter(..) => {}
            }
        }
        if !self.archive.is_empty() && self.needs_docs(filters, sort) {
            out.push(Need::Docs);
        }
        out.sort_unstable();
        out.dedup();
        out.retain(|&n| !self.archive.has(n));
        out
    }

    /// Whether the word `w` stems to a common term (left out of the chunks).
    fn common(&self, w: &str) -> bool {
        self.archive.manifest.index.is_common(&self.analyzer.term(w))
    }

    /// How many articles have `term` (0 when absent or its chunk is not loaded).
    fn df(&self, term: &str) -> usize {
        self.archive
            .chunk_of(term)
            .and_then(|c| self.archive.chunk(c)?.term(term))
            .map_or(0, |entry| entry.docs.len())
    }

    /// The postings of `term` as (doc, score) by ascending doc, scored with the IDF of `df`
    /// articles (its own, or a union's: see [`Self::any_of`]); empty when absent.
    fn postings(&self, term: &str, df: Option<usize>) -> Vec<(u32, f32)> {
        let Some(entry) =
            self.archive.chunk_of(term).and_then(|c| self.archive.chunk(c)?.term(term))
        else {
            return Vec::new();
        };
        // The single-file index's weight of impact 1, so both forms score alike to the bit.
        let df = df.unwrap_or(entry.docs.len());
        let scale = impact_unit(idf(self.archive.len(), df));
        let mut out = Vec::with_capacity(entry.docs.len());
        for (i, &d) in entry.docs.iter().enumerate() {
            out.push((d, scale * f32::from(entry.impacts.get(i).copied().unwrap_or(0))));
        }
        out
    }

    /// Terms having a word that starts with `prefix`, in the chunks [`Self::prefix_chunks`]
    /// names.
    fn prefix_terms(&self, prefix: &str, typing: bool) -> Vec<String> {
        let mut out = Vec::new();
        for c in self.prefix_chunks(prefix, typing) {
            let Some(chunk) = self.archive.chunk(c) else { continue };
            for t in &chunk.terms {
                if t.term.starts_with(prefix) || t.words.iter().any(|w| w.starts_with(prefix)) {
                    out.push(t.term.to_string());
                }
            }
        }
        out
    }

    /// The scores of a disjunction of terms: each doc scores its best alternative, every
    /// alternative with the IDF of the most common one (as the single file's `union_unit`).
    fn any_of(&self, terms: &[String]) -> Vec<(u32, f32)> {
        if let [one] = terms {
            return self.postings(one, None);
        }
        let df = terms.iter().map(|t| self.df(t)).max();
        best_per_doc(terms.iter().map(|t| self.postings(t, df)).collect())
    }

    /// Runs the query with `filters` (see [`ShardedArchive::search`]).
    fn run(&self, filters: &Filters, sort: Sort, top: usize) -> ShardHits {
        let open = self.open_last();
        let mut scored: Option<Vec<(u32, f32)>> = None;
        let mut excluded: Vec<u32> = Vec::new();
        let mut unchecked = false;
        // (field, value, whether it must hold): `field:value` and `-field:value`.
        let mut field_filters: Vec<(Field, &str, bool)> = Vec::new();
        for (i, clause) in self.query.clauses.iter().enumerate() {
            let list = match clause {
                // A common word matches (nearly) everywhere: it neither filters nor ranks.
                Clause::Word(w) if self.common(w) => continue,
                Clause::Word(w) => {
                    let mut terms = vec![self.analyzer.term(w).into_owned()];
                    if Some(i) == open {
                        terms.extend(self.prefix_terms(w, true));
                        terms.sort_unstable();
                        terms.dedup();
                    }
                    self.any_of(&terms)
                }
                Clause::Prefix(p) => self.any_of(&self.prefix_terms(p, false)),
                Clause::Phrase(words) => {
                    unchecked = true;
                    let mut acc: Option<Vec<(u32, f32)>> = None;
                    for w in words.iter().filter(|w| !self.common(w)) {
                        acc = Some(intersect(acc, self.postings(&self.analyzer.term(w), None)));
                    }
                    match acc {
                        Some(list) => list,
                        None => continue, // only common words: checked on the articles
                    }
                }
                Clause::Not(words) => {
                    match words.as_slice() {
                        [w] if !self.common(w) => excluded.extend(
                            self.postings(&self.analyzer.term(w), None).iter().map(|p| p.0),
                        ),
                        _ => unchecked = true,
                    }
                    continue;
                }
                Clause::Filter(field, value) | Clause::NotFilter(field, value) => {
                    match field {
                        Field::Source | Field::Section | Field::Lang | Field::Year => {
                            let want = matches!(clause, Clause::Filter(..));
                            field_filters.push((*field, value, want));
                        }
                        Field::Tag | Field::Person | Field::Place => unchecked = true,
                    }
                    continue;
                }
            };
            scored = Some(intersect(scored, list));
        }
        excluded.sort_unstable();
        unchecked |= filters.tag.is_some() || filters.person.is_some();
        let rows = self.archive.docs().unwrap_or(&[]);
        let values = &self.archive.manifest.values;
        // Which value numbers each clause takes (for `section:`, the section named or one below
        // it), worked out once per value, not folded per doc.
        let takes: Vec<Vec<bool>> = field_filters
            .iter()
            .map(|&(field, value, _)| {
                let folded = |list: &[(String, u32)]| -> Vec<bool> {
                    list.iter().map(|(v, _)| fold(v) == value).collect()
                };
                match field {
                    Field::Section => {
                        let sections = self.archive.sections();
                        let clause = SectionClause::new(sections, value);
                        values.section.iter().map(|(id, _)| clause.takes(sections, id)).collect()
                    }
                    Field::Source => folded(&values.source),
                    Field::Lang => folded(&values.lang),
                    Field::Tag | Field::Person | Field::Place | Field::Year => Vec::new(),
                }
            })
            .collect();
        // The years each `year:` clause names (in rows, `yyyymmdd`), parsed once.
        let years: Vec<Option<(u32, u32)>> = field_filters
            .iter()
            .map(|&(field, value, _)| {
                let (first, last) = Field::years(value).filter(|_| field == Field::Year)?;
                Some((u32::from(first) * 10_000, u32::from(last) * 10_000 + 9_999))
            })
            .collect();
        let value_ok = |row: &DocRow| {
            field_filters.iter().zip(&takes).zip(&years).all(
                |((&(field, _, want), takes), years)| {
                    // Value numbers start at 1 for sections and sources (0: none), at 0 for languages.
                    let (number, base) = match field {
                        Field::Year => {
                            let holds = row.date != 0
                                && years.is_some_and(|(first, last)| {
                                    (first..=last).contains(&row.date)
                                });
                            return holds == want;
                        }
                        Field::Source => (row.source, 1),
                        Field::Lang => (row.lang, 0),
                        _ => (row.section, 1),
                    };
                    let holds = number
                        .checked_sub(base)
                        .and_then(|i| takes.get(i as usize))
                        .is_some_and(|&ok| ok);
                    holds == want
                },
            )
        };
        let keep = |doc: u32| {
            excluded.binary_search(&doc).is_err() && rows.get(doc as usize).is_none_or(&value_ok)
        };
        // Plain loops: at opt-level "z" an iterator chain here costs a call per doc, and a
        // common word at a million articles has a hundred thousand.
        let checked = !excluded.is_empty() || !field_filters.is_empty();
        let mut candidates: Vec<Hit> = Vec::new();
        match scored {
            Some(list) => {
                candidates.reserve(list.len());
                for (d, score) in list {
                    if !checked || keep(d) {
                        candidates.push(Hit { pos: d as usize, score });
                    }
                }
            }
            None => {
                for d in 0..self.archive.manifest.articles {
                    if !checked || keep(d) {
                        candidates.push(Hit { pos: d as usize, score: 0.0 });
                    }
                }
            }
        }
        let row_filter = RowFilter::new(self.archive, filters);
        let mut hits: Vec<Hit> = if row_filter.is_empty() {
            candidates.clone()
        } else {
            let mut hits = Vec::new();
            for h in &candidates {
                if rows.get(h.pos).is_none_or(|r| row_filter.accepts_except(r, None)) {
                    hits.push(*h);
                }
            }
            hits
        };
        // Hits that must be checked on their articles are checked in order until a page is
        // full, however far down that takes: all of them are ordered.
        let top = if unchecked { usize::MAX } else { top };
        match sort {
            // A page needs its first `top` hits in order, not all of a hundred thousand.
            Sort::Relevance => order_top(&mut hits, top, true, &|a, b| {
                b.score.total_cmp(&a.score).then_with(|| a.pos.cmp(&b.pos))
            }),
            Sort::Newest => hits.sort_unstable_by_key(|h| h.pos),
            Sort::Oldest => {
                let undated = |h: &Hit| rows.get(h.pos).is_some_and(|r| r.date == 0);
                hits.sort_unstable_by(|a, b| {
                    undated(a).cmp(&undated(b)).then_with(|| b.pos.cmp(&a.pos))
                });
            }
        }
        ShardHits { hits, candidates, unchecked }
    }
}

/// The value numbered `n` in `list`, where numbers start at `base` (0 = none when base is 1).
fn value_of(list: &[(String, u32)], n: u32, base: u32) -> Option<&str> {
    let i = n.checked_sub(base)? as usize;
    list.get(i).map(|(v, _)| v.as_str())
}

/// Intersects a running conjunction with one clause's (doc, score) list, adding scores; both
/// by ascending doc. The shorter list is walked, galloping through the longer.
fn intersect(acc: Option<Scored>, next: Scored) -> Scored {
    let Some(acc) = acc else { return next };
    let (mut short, long) = if acc.len() <= next.len() { (acc, next) } else { (next, acc) };
    intersect_into(&mut short, &long);
    short
}

impl ShardedArchive {
    /// Corrections for the words of `query` that no article has, as
    /// [`SearchIndex::suggest`](crate::search::SearchIndex::suggest) gives them, from the
    /// loaded chunks only: a word's nearest word among the words of the chunk its term would
    /// be in (which its search has fetched). A typo in a word's first letters may so land in
    /// another chunk and get no suggestion. Words whose chunk is not loaded, or that are
    /// common (in every chunk's stead), are left out.
    pub fn suggest(&self, query: &ParsedQuery, analyzer: &Analyzer) -> Vec<(String, String)> {
        let loaded = |term: &str| self.chunk_of(term).and_then(|n| self.chunk(n));
        let known = |term: &str| {
            self.manifest.index.is_common(term)
                || loaded(term).is_none_or(|c| c.term(term).is_some())
        };
        crate::search::suggest::unknown_words(query, analyzer, known)
            .into_iter()
            .filter_map(|word| {
                let chunk = loaded(&analyzer.term(word))?;
                let words = chunk
                    .terms
                    .iter()
                    .flat_map(|t| t.words.iter().map(move |w| (&**w, t.docs.len())));
                crate::search::suggest::nearest(word, words)
                    .map(|w| (word.to_owned(), w.to_owned()))
            })
            .collect()
    }

    /// Commoner spellings of the words of `query` that some articles have, as
    /// [`SearchIndex::commoner`](crate::search::SearchIndex::commoner) gives them, from the
    /// loaded chunks only: among the words of the chunk a word's term is in (which its search
    /// has fetched; a spelling one letter away mostly sorts beside it). Words whose chunk is
    /// not loaded, and common words, are left out.
    pub fn commoner(&self, query: &ParsedQuery, analyzer: &Analyzer) -> Vec<(String, String)> {
        crate::search::suggest::commoner_words(query, |word| {
            let term = analyzer.term(word);
            if self.manifest.index.is_common(&term) {
                return None;
            }
            let chunk = self.chunk(self.chunk_of(&term)?)?;
            let own = chunk.term(&term)?;
            let words = chunk
                .terms
                .iter()
                .filter(|t| !std::ptr::eq(*t, own))
                .flat_map(|t| t.words.iter().map(move |w| (&**w, t.docs.len())));
            crate::search::suggest::commoner_among(word, own.docs.len(), words).map(str::to_owned)
        })
    }

    /// Runs `query` under `filters`: every hit, in `sort` order. Needs the files
    /// [`ShardSearch::needs`] names; terms whose chunk is missing simply match nothing, and
    /// without the doc table no filter applies.
    pub fn search(
        &self,
        analyzer: &Analyzer,
        query: &ParsedQuery,
        filters: &Filters,
        sort: Sort,
    ) -> ShardHits {
        ShardSearch::new(self, analyzer, query).run(filters, sort, usize::MAX)
    }

    /// [`ShardedArchive::search`] for a page: every hit is returned, but by relevance only the
    /// first `top` are in order (the rest follow in no particular order), which for a common
    /// word at a million articles is a fraction of the cost of ordering them all. Date orders
    /// are doc order, cheap either way, and always complete; so are the hits of a search
    /// whose hits must be checked on their articles ([`ShardHits::unchecked`]), which a page
    /// checks in order until it is full.
    pub fn search_top(
        &self,
        analyzer: &Analyzer,
        query: &ParsedQuery,
        filters: &Filters,
        sort: Sort,
        top: usize,
    ) -> ShardHits {
        ShardSearch::new(self, analyzer, query).run(filters, sort, top)
    }

    /// Checks what the index cannot (phrases, `-"phrases"`, `tag:`/`person:`/`place:` clauses
    /// and the tag and person filters) on a loaded article.
    pub fn verify(
        &self,
        article: &Article,
        analyzer: &Analyzer,
        query: &ParsedQuery,
        filters: &Filters,
    ) -> bool {
        let has =
            |want: &Option<String>, list: &[String]| want.as_ref().is_none_or(|w| list.contains(w));
        has(&filters.tag, &article.tags)
            && has(&filters.person, &article.people)
            && query.clauses.iter().all(|c| match c {
                Clause::Phrase(words) => Phrase::new(words, analyzer).in_article(article),
                Clause::Not(words) => !Phrase::new(words, analyzer).in_article(article),
                Clause::Filter(field @ (Field::Tag | Field::Person | Field::Place), value) => {
                    field_matches(article, *field, value, self.sections())
                }
                Clause::NotFilter(field @ (Field::Tag | Field::Person | Field::Place), value) => {
                    !field_matches(article, *field, value, self.sections())
                }
                _ => true,
            })
    }

    /// Facet counts of `candidates` (from [`ShardHits::candidates`]) under `filters`, as
    /// [`crate::search::facet_counts_of`] counts them, from the doc table (tags and people are
    /// not in it and stay empty). Empty until the doc table is loaded. In one go: see
    /// [`FacetTally`] for counting a big result set a part at a time.
    pub fn facet_counts(&self, candidates: &[Hit], filters: &Filters) -> FacetCounts {
        let mut tally = self.facet_tally();
        self.tally(&mut tally, candidates, filters);
        self.facets_of(tally)
    }

    /// An empty [`FacetTally`] for this archive's values.
    pub fn facet_tally(&self) -> FacetTally {
        let v = &self.manifest.values;
        FacetTally {
            sections: vec![0; v.section.len() + 1],
            langs: vec![0; v.lang.len()],
            sources: vec![0; v.source.len() + 1],
            ..FacetTally::default()
        }
    }

    /// Adds `candidates` to `tally`, counted under `filters` (the same for every part of one
    /// result set). Nothing until the doc table is loaded.
    pub fn tally(&self, tally: &mut FacetTally, candidates: &[Hit], filters: &Filters) {
        let Some(rows) = self.docs() else { return };
        let f = RowFilter::new(self, filters);
        let FacetTally { sections, langs, sources, by_month, months, total, undated, unsectioned } =
            tally;
        let unfiltered = f.is_empty();
        for h in candidates {
            let Some(r) = rows.get(h.pos) else { continue };
            let ok = if unfiltered { [true; 6] } else { f.flags(r) };
            // Every filter but dimension `d` (an index of `ok`) holds.
            let but = |d: usize| unfiltered || ok.iter().enumerate().all(|(i, &o)| o || i == d);
            *total += usize::from(unfiltered || ok.iter().all(|&o| o));
            if but(SECTION) {
                if r.section == 0 {
                    *unsectioned += 1;
                } else if let Some(c) = sections.get_mut(r.section as usize) {
                    *c += 1;
                }
            }
            if but(LANG) {
                if let Some(c) = langs.get_mut(r.lang as usize) {
                    *c += 1;
                }
            }
            if r.source > 0 && but(SOURCE) {
                if let Some(c) = sources.get_mut(r.source as usize) {
                    *c += 1;
                }
            }
            // The year facet ignores the month filter too (a month of the chosen year).
            let but_date =
                unfiltered || ok.iter().enumerate().all(|(i, &o)| o || i == YEAR || i == MONTH);
            if r.date == 0 && but_date {
                *undated += 1;
            }
            if r.date != 0 {
                // [year facet, histogram] per month; the month facet by month number. The
                // histogram ignores every date filter (year, month, range).
                let range = unfiltered
                    || ok
                        .iter()
                        .enumerate()
                        .all(|(i, &o)| o || i == YEAR || i == MONTH || i == RANGE);
                let year = but_date;
                if year || range {
                    let c = by_month.entry(r.date / 100).or_default();
                    c[0] += usize::from(year);
                    c[1] += usize::from(range);
                }
                if filters.year.is_some() && but(MONTH) {
                    if let Some(c) = months.get_mut((r.date / 100 % 100) as usize) {
                        *c += 1;
                    }
                }
            }
        }
    }

    /// The facet counts `tally` has added up, with the values named.
    pub fn facets_of(&self, tally: FacetTally) -> FacetCounts {
        let v = &self.manifest.values;
        let FacetTally { sections, langs, sources, by_month, months, total, undated, unsectioned } =
            tally;
        let mut years: BTreeMap<u16, usize> = BTreeMap::new();
        let mut histogram: BTreeMap<(u16, u8), usize> = BTreeMap::new();
        for (yyyymm, c) in by_month {
            let (y, m) = ((yyyymm / 100) as u16, (yyyymm % 100) as u8);
            if c[0] > 0 {
                *years.entry(y).or_default() += c[0];
            }
            if c[1] > 0 {
                histogram.insert((y, m), c[1]);
            }
        }
        let months: Vec<(u8, usize)> = (1..=12u8)
            .filter(|&m| months[m as usize] > 0)
            .map(|m| (m, months[m as usize]))
            .collect();
        let sections = counted(sections, &v.section, 1);
        let langs = counted(langs, &v.lang, 0);
        let sources = counted(sources, &v.source, 1);
        FacetCounts {
            sections,
            years: years.into_iter().rev().collect(),
            months,
            langs,
            sources,
            tags: Vec::new(),
            people: Vec::new(),
            histogram: crate::search::facets::continuous(&histogram),
            total,
            undated,
            unsectioned,
        }
    }
}

/// Facet counts being added up ([`ShardedArchive::facet_tally`], [`ShardedArchive::tally`],
/// [`ShardedArchive::facets_of`]): a result set of a million-article archive can hold 100,000
/// candidates and more, and a caller that must not hold the browser's main thread counts them
/// a part per task. The parts may come in any order; the counts are the same.
#[derive(Debug, Clone, Default)]
pub struct FacetTally {
    /// By section number (from 1; 0 unused).
    sections: Vec<usize>,
    /// By language number (from 0).
    langs: Vec<usize>,
    /// By source number (from 1; 0 unused).
    sources: Vec<usize>,
    /// By month (yyyymm): [year facet, histogram]; ordered once at the end.
    by_month: FxHashMap<u32, [usize; 2]>,
    /// By month number, for the month facet of a chosen year.
    months: [usize; 13],
    total: usize,
    undated: usize,
    unsectioned: usize,
}

/// The values counted by number (`counts[n]` for value number `n`, numbered from `base`), with
/// their names, by count (descending) then name; values with no count left out.
fn counted(counts: Vec<usize>, list: &[(String, u32)], base: u32) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = counts
        .into_iter()
        .enumerate()
        .filter(|&(_, c)| c > 0)
        .filter_map(|(n, c)| Some((value_of(list, n as u32, base)?.to_owned(), c)))
        .collect();
    out.sort_unstable_by(crate::search::facets::most_first);
    out
}

/// The index of each filtered dimension in [`RowFilter::flags`].
const SECTION: usize = 0;
const LANG: usize = 1;
const SOURCE: usize = 2;
const YEAR: usize = 3;
const MONTH: usize = 4;
/// The date range (`from`, `to`).
const RANGE: usize = 5;

/// [`Filters`] as numbers of the doc table, looked up once: a million rows are then tested
/// with integer comparisons.
#[derive(Debug, Clone, Copy)]
struct RowFilter {
    /// The wanted value number, `Some(None)` for a value the archive does not have.
    section: Option<Option<u32>>,
    lang: Option<Option<u32>>,
    source: Option<Option<u32>>,
    year: Option<u32>,
    month: Option<u32>,
    /// `yyyymmdd` bounds, inclusive; 0 for none.
    from: u32,
    to: u32,
}

impl RowFilter {
    fn new(archive: &ShardedArchive, filters: &Filters) -> Self {
        let v = &archive.manifest.values;
        let number = |want: &Option<String>, list: &[(String, u32)], base: u32| {
            want.as_ref().map(|w| list.iter().position(|(x, _)| x == w).map(|i| i as u32 + base))
        };
        Self {
            section: number(&filters.section, &v.section, 1),
            lang: number(&filters.lang, &v.lang, 0),
            source: number(&filters.source, &v.source, 1),
            year: filters.year.map(u32::from),
            month: filters.month.map(u32::from),
            from: super::files::pack_date(filters.from),
            to: super::files::pack_date(filters.to),
        }
    }

    /// Whether no filter is set (every row passes).
    fn is_empty(&self) -> bool {
        self.section.is_none()
            && self.lang.is_none()
            && self.source.is_none()
            && self.year.is_none()
            && self.month.is_none()
            && self.from == 0
            && self.to == 0
    }

    /// Whether `row` passes each dimension's filter (indexed by [`SECTION`] … [`RANGE`]).
    #[inline]
    fn flags(&self, row: &DocRow) -> [bool; 6] {
        let is = |want: Option<Option<u32>>, have: u32| want.is_none_or(|w| w == Some(have));
        let dated = row.date != 0;
        [
            is(self.section, row.section),
            is(self.lang, row.lang),
            is(self.source, row.source),
            self.year.is_none_or(|y| dated && row.date / 10_000 == y),
            self.month.is_none_or(|m| dated && row.date / 100 % 100 == m),
            (self.from == 0 || (dated && row.date >= self.from))
                && (self.to == 0 || (dated && row.date <= self.to)),
        ]
    }

    /// Whether `row` passes every filter except `skip`'s.
    fn accepts_except(&self, row: &DocRow, skip: Option<Dimension>) -> bool {
        let skip = skip.map(|d| match d {
            Dimension::Section => SECTION,
            Dimension::Lang => LANG,
            Dimension::Source => SOURCE,
            Dimension::Year => YEAR,
            Dimension::Month => MONTH,
            Dimension::Tag | Dimension::Person => usize::MAX,
        });
        self.flags(row).iter().enumerate().all(|(i, &o)| o || Some(i) == skip)
    }
}
