//! Facet counts that follow the query: for each dimension, how many results each value has
//! when every *other* filter is applied (disjunctive faceting), so choosing a section still
//! shows how many results the other sections hold. Also the per-month histogram of results for
//! the date brush, computed without the date filters (range, year, month) so the reader can
//! widen them again.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::analyze::Analyzer;
use super::index::{Dimension, Filters, Hit, SearchIndex};
use super::query::ParsedQuery;
use crate::archive::Archive;

/// Counts per facet value, each list sorted by count (descending) then value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// Section ids.
    pub sections: Vec<(String, usize)>,
    /// Years, newest first.
    pub years: Vec<(u16, usize)>,
    /// Months (1–12) of the selected year, January first; empty without a year filter.
    pub months: Vec<(u8, usize)>,
    /// Article languages.
    pub langs: Vec<(String, usize)>,
    /// Sources.
    pub sources: Vec<(String, usize)>,
    /// Tags.
    pub tags: Vec<(String, usize)>,
    /// People.
    pub people: Vec<(String, usize)>,
    /// Results per (year, month), ignoring the date filters (range, year, month), oldest first:
    /// every month from the
    /// first to the last with a result, empty months included (0), so bars stand on a time axis.
    pub histogram: Vec<((u16, u8), usize)>,
    /// How many articles matched, all filters applied.
    pub total: usize,
    /// Matches with no date, counted as the years are (every filter but the date's): what the
    /// year facet and the histogram leave out.
    pub undated: usize,
    /// Matches filed under no section, counted as the sections are: what the section facet
    /// leaves out.
    pub unsectioned: usize,
}

fn ranked(map: FxHashMap<&str, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = map.into_iter().map(|(k, n)| (k.to_owned(), n)).collect();
    v.sort_unstable_by(most_first);
    v
}

/// The order of a facet's values: the most results first, then by value (a total order, so
/// the unstable sort gives one answer; one function, so the wasm carries one sort for every
/// facet of either archive form).
pub(crate) fn most_first(a: &(String, usize), b: &(String, usize)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
}

/// The section facet's values as choosing one filters: each section counts the results filed
/// under it and under every section below it, since a chosen section takes its sub-sections
/// ([`super::widen_section_filter`]), as its page lists them. `own` are the results filed under
/// each section itself ([`FacetCounts::sections`]); a section above them is listed too, though
/// nothing is filed under it directly. Most results first, as every facet (`most_first`).
/// Parent links are followed as `sections` has them (the loader has cut their loops); a section
/// that is its own parent, or a parent the archive does not define, ends the walk.
pub fn section_totals(own: &[(String, usize)], sections: &Archive) -> Vec<(String, usize)> {
    let mut totals: FxHashMap<&str, usize> = FxHashMap::default();
    for (id, n) in own {
        let mut at = Some(id.as_str());
        // At most one step per section: a loop the loader missed cannot hold the page.
        let mut steps = sections.bundle().sections.len() + 1;
        while let Some(s) = at {
            *totals.entry(s).or_default() += n;
            steps -= 1;
            at = sections
                .section(s)
                .and_then(|x| x.parent.as_deref())
                .filter(|p| *p != s && steps > 0);
        }
    }
    ranked(totals)
}

/// The months from the first to the last key of `counts`, with zeros for months not in it.
pub(crate) fn continuous(counts: &BTreeMap<(u16, u8), usize>) -> Vec<((u16, u8), usize)> {
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = first;
    while at <= last {
        out.push((at, counts.get(&at).copied().unwrap_or(0)));
        at = if at.1 == 12 { (at.0 + 1, 1) } else { (at.0, at.1 + 1) };
    }
    out
}

/// Counts the facets of `query` under `filters` (see the module docs).
pub fn facet_counts(
    index: &SearchIndex,
    archive: &Archive,
    analyzer: &Analyzer,
    query: &ParsedQuery,
    filters: &Filters,
) -> FacetCounts {
    let candidates = index.candidates(archive, analyzer, query);
    facet_counts_of(&candidates, archive, filters)
}

/// Counts the facets of `candidates` — every article the query text matches, *before* the
/// filters, as [`SearchIndex::candidates`] returns them — under `filters`. A view
/// that also shows the results filters the same candidates itself, so the index is searched once.
pub fn facet_counts_of(candidates: &[Hit], archive: &Archive, filters: &Filters) -> FacetCounts {
    // The histogram ignores every date filter (year, month, range), so it can be widened again.
    let no_range = Filters { from: None, to: None, year: None, month: None, ..filters.clone() };
    let unfiltered = filters.is_empty();
    // Values are counted borrowed from the articles and copied once each at the end.
    let mut sections = FxHashMap::default();
    let mut years: BTreeMap<u16, usize> = BTreeMap::new();
    let mut months: BTreeMap<u8, usize> = BTreeMap::new();
    let mut langs = FxHashMap::default();
    let mut sources = FxHashMap::default();
    let mut tags = FxHashMap::default();
    let mut people = FxHashMap::default();
    let mut histogram: BTreeMap<(u16, u8), usize> = BTreeMap::new();
    let (mut total, mut undated, mut unsectioned) = (0, 0, 0);
    for hit in candidates {
        let a = archive.at(hit.pos);
        // No filters (most searches): every check passes, and none is run.
        let ok = |d| unfiltered || filters.accepts_except(a, Some(d));
        if unfiltered || filters.accepts(a) {
            total += 1;
        }
        if ok(Dimension::Section) {
            match &a.section {
                Some(s) => *sections.entry(s.as_str()).or_default() += 1,
                None => unsectioned += 1,
            }
        }
        if a.date.is_none() && ok(Dimension::Year) {
            undated += 1;
        }
        if let Some(d) = a.date {
            if ok(Dimension::Year) {
                *years.entry(d.year()).or_default() += 1;
            }
            if filters.year.is_some() && ok(Dimension::Month) {
                *months.entry(d.month()).or_default() += 1;
            }
            if unfiltered || no_range.accepts(a) {
                *histogram.entry((d.year(), d.month())).or_default() += 1;
            }
        }
        if ok(Dimension::Lang) {
            *langs.entry(a.lang.as_str()).or_default() += 1;
        }
        if ok(Dimension::Source) {
            if let Some(s) = &a.source {
                *sources.entry(s.as_str()).or_default() += 1;
            }
        }
        if ok(Dimension::Tag) {
            for t in &a.tags {
                *tags.entry(t.as_str()).or_default() += 1;
            }
        }
        if ok(Dimension::Person) {
            for p in &a.people {
                *people.entry(p.as_str()).or_default() += 1;
            }
        }
    }
    FacetCounts {
        sections: ranked(sections),
        years: years.into_iter().rev().collect(),
        months: months.into_iter().collect(),
        langs: ranked(langs),
        sources: ranked(sources),
        tags: ranked(tags),
        people: ranked(people),
        histogram: continuous(&histogram),
        total,
        undated,
        unsectioned,
    }
}
