//! The loaded archive, indexed for the views: articles newest first, lookups by id, per-section
//! and per-month lists, neighbours in a section and pages of a list.
//!
//! Built once from a [`Bundle`] (`O(n log n)` for the sort, `O(n)` for the maps); every view
//! then asks it for slices of article positions, so nothing is re-sorted as the reader moves.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{pick, Article, Bundle, Section};

/// Articles shown on one page of a list.
pub const PAGE_SIZE: usize = 20;

/// A year and, optionally, a month (1–12): the period of a date view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// The year.
    pub year: u16,
    /// The month 1–12, or `None` for the whole year.
    pub month: Option<u8>,
}

impl Period {
    /// The months with articles nearest to this period that lie wholly outside it:
    /// `(earlier, later)`, each the month itself (never a year). `months` lists months with
    /// articles, in any order, as [`Archive::months`] gives them; a year period in it counts
    /// as its January. What a view of an empty period offers instead (`#/date/1999`).
    pub fn nearest_months(self, months: &[(Period, usize)]) -> (Option<Period>, Option<Period>) {
        let key = |p: Period| (p.year, p.month.unwrap_or(1));
        let start = (self.year, self.month.unwrap_or(1));
        let end = (self.year, self.month.unwrap_or(12));
        let mut earlier: Option<Period> = None;
        let mut later: Option<Period> = None;
        for &(p, n) in months {
            if n == 0 {
                continue;
            }
            let k = key(p);
            if k < start && earlier.is_none_or(|e| key(e) < k) {
                earlier = Some(p);
            }
            if k > end && later.is_none_or(|l| key(l) > k) {
                later = Some(p);
            }
        }
        (earlier, later)
    }
}

/// An archive ready for reading. Positions (`usize`) index [`Archive::articles`].
#[derive(Debug, Clone)]
pub struct Archive {
    bundle: Bundle,
    /// Positions of all articles, newest first; undated ones last, by id.
    newest_first: Vec<usize>,
    /// Each position's place in `newest_first` (its recency rank, 0 = newest).
    rank: Vec<u32>,
    by_id: HashMap<String, usize>,
    by_section: HashMap<String, Vec<usize>>,
    /// Per (year, month): positions, newest first. Months ascend in the map.
    by_month: BTreeMap<(u16, u8), Vec<usize>>,
    section_by_id: HashMap<String, usize>,
}

/// The reading order: newest date first, then latest time, then the greater id first in
/// [`natural_cmp`]'s order (sites mostly number their articles as they publish them:
/// `…-431923` before `…-431922`, and `…-100` before `…-99`, on one day); undated articles last.
fn newest_first(a: &Article, b: &Article) -> Ordering {
    b.date
        .is_some()
        .cmp(&a.date.is_some())
        .then_with(|| b.date.cmp(&a.date))
        .then_with(|| b.time.cmp(&a.time))
        .then_with(|| natural_cmp(&b.id, &a.id))
}

/// Natural sort order of two strings (as file managers sort names): each run of ASCII digits
/// compares by its value (`a-99` < `a-100`; leading zeros aside), every other byte as a byte.
/// Strings that compare equal so but differ (`a-07`, `a-7`) fall back to byte order, so the
/// order is total and agrees with `==`. `O(len)`; no allocation.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        let order = if x[i].is_ascii_digit() && y[j].is_ascii_digit() {
            let (run_x, run_y) = (digit_run(x, &mut i), digit_run(y, &mut j));
            run_x.len().cmp(&run_y.len()).then_with(|| run_x.cmp(run_y))
        } else {
            i += 1;
            j += 1;
            x[i - 1].cmp(&y[j - 1])
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    (x.len() - i).cmp(&(y.len() - j)).then_with(|| x.cmp(y))
}

/// The run of ASCII digits at `at` without its leading zeros; `at` moves past the run.
fn digit_run<'a>(s: &'a [u8], at: &mut usize) -> &'a [u8] {
    let start = *at;
    while s.get(*at).is_some_and(u8::is_ascii_digit) {
        *at += 1;
    }
    let run = &s[start..*at];
    let zeros = run.iter().take_while(|&&d| d == b'0').count();
    &run[zeros..]
}

impl Archive {
    /// Indexes a bundle (normally one returned by [`crate::load::load_bundle`], whose ids are
    /// unique; should two articles share an id, lookups find the first).
    pub fn new(bundle: Bundle) -> Self {
        let arts = &bundle.articles;
        let mut order: Vec<usize> = (0..arts.len()).collect();
        // Ties (two articles with one id) keep bundle order.
        order.sort_unstable_by(|&a, &b| newest_first(&arts[a], &arts[b]).then(a.cmp(&b)));
        let mut by_id = HashMap::with_capacity(arts.len());
        let mut by_section: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_month: BTreeMap<(u16, u8), Vec<usize>> = BTreeMap::new();
        for &i in &order {
            let a = &arts[i];
            by_id.entry(a.id.clone()).or_insert(i);
            if let Some(s) = &a.section {
                by_section.entry(s.clone()).or_default().push(i);
            }
            if let Some(d) = a.date {
                by_month.entry((d.year(), d.month())).or_default().push(i);
            }
        }
        let section_by_id =
            bundle.sections.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        let mut rank = vec![0u32; order.len()];
        for (r, &pos) in order.iter().enumerate() {
            rank[pos] = u32::try_from(r).unwrap_or(u32::MAX);
        }
        Self { bundle, newest_first: order, rank, by_id, by_section, by_month, section_by_id }
    }

    /// The bundle behind the archive.
    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    /// All articles, in bundle order (index them with the positions the other methods return).
    pub fn articles(&self) -> &[Article] {
        &self.bundle.articles
    }

    /// The article at `pos`.
    ///
    /// # Panics
    /// When `pos` is not a position this archive returned.
    pub fn at(&self, pos: usize) -> &Article {
        &self.bundle.articles[pos]
    }

    /// The position of the article with `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The article with `id`.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.position(id).map(|p| self.at(p))
    }

    /// The recency rank of the article at `pos`: 0 for the newest, in the order of
    /// [`Archive::all`]. Comparing ranks is how lists and search ties order by date cheaply.
    pub fn rank(&self, pos: usize) -> u32 {
        self.rank.get(pos).copied().unwrap_or(u32::MAX)
    }

    /// Every article, newest first.
    pub fn all(&self) -> &[usize] {
        &self.newest_first
    }

    /// The section with `id`.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.section_by_id.get(id).map(|&i| &self.bundle.sections[i])
    }

    /// A section's title in `lang`, falling back to the archive's default language, then to the
    /// id itself (for a section articles name but the bundle does not define).
    pub fn section_title<'a>(&'a self, id: &'a str, lang: &str) -> &'a str {
        self.section(id)
            .and_then(|s| pick(&s.title, lang, &self.bundle.archive.default_language))
            .unwrap_or(id)
    }

    /// A section's title prefixed by its parent's ("25 years of the CSTO › News"), to tell
    /// apart sections that share a title under different parents; just the title at the top.
    pub fn section_label(&self, id: &str, lang: &str) -> String {
        match self
            .section(id)
            .and_then(|s| s.parent.as_deref())
            .filter(|p| *p != id && self.section(p).is_some())
        {
            Some(parent) => {
                format!("{} › {}", self.section_title(parent, lang), self.section_title(id, lang))
            }
            None => self.section_title(id, lang).to_owned(),
        }
    }

    /// The name to show for section `id` where nothing around says which part of the archive it
    /// belongs to (a list card, a search result): its title, or its [`Archive::section_label`]
    /// when another section has the same title in `lang` (the CSTO archive has four sections
    /// titled "News").
    pub fn section_name(&self, id: &str, lang: &str) -> String {
        let title = self.section_title(id, lang);
        let shared = self
            .bundle
            .sections
            .iter()
            .any(|s| s.id != id && self.section_title(&s.id, lang) == title);
        if shared {
            self.section_label(id, lang)
        } else {
            title.to_owned()
        }
    }

    /// The archive's title in `lang` (falling back as [`Archive::section_title`] does).
    pub fn title(&self, lang: &str) -> &str {
        let meta = &self.bundle.archive;
        pick(&meta.title, lang, &meta.default_language).unwrap_or(&meta.id)
    }

    /// The articles filed under section `id` (not its sub-sections), newest first.
    pub fn in_section(&self, id: &str) -> &[usize] {
        self.by_section.get(id).map_or(&[], Vec::as_slice)
    }

    /// The sections directly under `parent` (`None`: the top level, which also holds sections
    /// whose parent does not exist), in bundle order.
    pub fn children(&self, parent: Option<&str>) -> Vec<&Section> {
        self.bundle
            .sections
            .iter()
            .filter(|s| match (parent, s.parent.as_deref()) {
                (None, None) => true,
                (None, Some(p)) => p == s.id || self.section(p).is_none(),
                (Some(want), Some(p)) => p == want && p != s.id,
                (Some(_), None) => false,
            })
            .collect()
    }

    /// The ids of section `id` and every section below it (cycles in `parent` are cut).
    pub fn subtree(&self, id: &str) -> HashSet<String> {
        let mut seen: HashSet<String> = HashSet::from([id.to_owned()]);
        let mut queue = vec![id.to_owned()];
        while let Some(next) = queue.pop() {
            for child in self.children(Some(&next)) {
                if seen.insert(child.id.clone()) {
                    queue.push(child.id.clone());
                }
            }
        }
        seen
    }

    /// The articles filed under section `id` or any section below it, newest first.
    pub fn in_subtree(&self, id: &str) -> Vec<usize> {
        let ids = self.subtree(id);
        if ids.len() == 1 {
            return self.in_section(id).to_vec();
        }
        let articles = &self.bundle.articles;
        self.newest_first
            .iter()
            .copied()
            .filter(|&p| articles[p].section.as_ref().is_some_and(|s| ids.contains(s)))
            .collect()
    }

    /// Sections that have articles or are defined, with their article counts, in bundle order
    /// first and then any section only articles name, by id.
    pub fn section_counts(&self) -> Vec<(&str, usize)> {
        let mut out: Vec<(&str, usize)> = self
            .bundle
            .sections
            .iter()
            .map(|s| (s.id.as_str(), self.in_section(&s.id).len()))
            .collect();
        let mut extra: Vec<(&str, usize)> = self
            .by_section
            .iter()
            .filter(|(id, _)| !self.section_by_id.contains_key(*id))
            .map(|(id, v)| (id.as_str(), v.len()))
            .collect();
        extra.sort_unstable();
        out.extend(extra);
        out
    }

    /// The articles dated within `period`, newest first.
    pub fn in_period(&self, period: Period) -> Vec<usize> {
        let months = match period.month {
            Some(m) => m..=m,
            None => 1..=12,
        };
        // Months ascend in the map; walk them backwards for newest first.
        self.by_month
            .range((period.year, *months.start())..=(period.year, *months.end()))
            .rev()
            .flat_map(|(_, v)| v.iter().copied())
            .collect()
    }

    /// Every (year, month) with articles and how many, newest first.
    pub fn months(&self) -> Vec<(Period, usize)> {
        self.by_month
            .iter()
            .rev()
            .map(|(&(year, month), v)| (Period { year, month: Some(month) }, v.len()))
            .collect()
    }

    /// The articles of the same language just before and just after the one at `pos` in its
    /// section, in publication order: `(previous = older, next = newer)`. An article in no
    /// section has its neighbours in all news (an archive without sections still reads on).
    pub fn neighbours_in_section(&self, pos: usize) -> (Option<usize>, Option<usize>) {
        let article = self.at(pos);
        // Its place in the list: its recency rank in all news (no scan of the whole archive).
        let (list, at) = match &article.section {
            Some(section) => {
                let list = self.in_section(section);
                (list, list.iter().position(|&p| p == pos))
            }
            None => (self.all(), usize::try_from(self.rank(pos)).ok()),
        };
        let Some(i) = at.filter(|&i| list.get(i).is_some()) else { return (None, None) };
        // Previous and next in the reader's language: a bilingual section interleaves both.
        let same = |p: &&usize| self.at(**p).lang == article.lang;
        // `list` is newest first: the older article comes after, the newer before.
        (list[i + 1..].iter().find(same).copied(), list[..i].iter().rev().find(same).copied())
    }

    /// The twins of the article at `pos` that exist in this archive, as positions.
    pub fn twins(&self, pos: usize) -> Vec<usize> {
        self.at(pos).twins.iter().filter_map(|id| self.position(id)).filter(|&p| p != pos).collect()
    }
}

/// One page of a list: the slice to show and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<'a> {
    /// The items on this page.
    pub items: &'a [usize],
    /// This page's number, 1-based, clamped to `1..=pages`.
    pub number: usize,
    /// How many pages the list has (at least 1, even when empty).
    pub pages: usize,
    /// How many items the whole list has.
    pub total: usize,
}

/// Cuts page `number` (1-based; 0 counts as 1, past the end as the last) of `size` items from
/// `list`.
pub fn paginate(list: &[usize], number: usize, size: usize) -> Page<'_> {
    let size = size.max(1);
    let pages = list.len().div_ceil(size).max(1);
    let number = number.clamp(1, pages);
    let start = (number - 1) * size;
    let end = (start + size).min(list.len());
    Page { items: &list[start.min(end)..end], number, pages, total: list.len() }
}
