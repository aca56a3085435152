//! Reading one page text of the CSTO site's layout: the side list of teasers, the main
//! article's headline, date and body, and the page chrome around them.
//!
//! A page text is a stack of plain lines (see `corpus/csto-pages/README.md`): an optional side
//! list of teasers (dated `dd.mm.yyyy` blocks, undated blocks separated by two blank lines, or one
//! teaser per line), then the headline, then the date in one of several layouts, the body, a
//! sign-off and the navigation. Nothing is marked up, so the headline is found by these rules,
//! tried in order (the first that applies wins):
//!
//! 1. **Date anchors**, scanning from the top:
//!    A — the headline repeated with the date after a space (`Title` / `Title 02.12.2020`), or the
//!    repeat cut off by the page cap (then the date is lost); A′ — a single `Title 01.09.2023` line;
//!    C — a date glued to the body (`18.04.2024Held in…`, `11.12.202411 декабря…`) under the
//!    headline; B/D — a `dd.mm.yyyy` line (optionally followed by `Download document …`) right
//!    under the headline, with at most one blank line between them, where the headline is not
//!    itself the lead of a dated teaser; a news-agency dateline (`VIENNA, July17 – RIA Novosti…`)
//!    under a headline-like line.
//! 2. **A lead repeated later on the page** (a teaser block that repeats its own lead as the
//!    article): the second copy starts the body.
//! 3. **Side list, then headline**: the leading lines that are side-list lines — lines that
//!    also occur on another page (side lists are shared by pages crawled together), lines of a
//!    dated teaser, dates, list labels, and lines that another snapshot of the same page lacks —
//!    are skipped; of the rest, the headline is the first line that looks like one (no final full
//!    stop; among several in a row, the best match with the URL slug), or the first line when
//!    two blank lines or an image/dateline/glued date follow it. A page whose only headline-like
//!    line is its cut-off last line was cut inside its headline and has no main article; a page
//!    without any side list and without a headline is a content page whose title is derived
//!    from its first paragraph.
//!
//! Index pages (section roots, `?PAGEN_1=`, home-page tabs) are read as lists of teasers;
//! landing pages (a site's bare home page) are skipped.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

use archive_core::{Block, CivilDate, ClockTime};
use regex::Regex;

use super::csto;
use super::text::{
    collapse_ws, derive_title, ends_with_terminal, first_sentence, fix_homoglyphs, is_caps_heading,
    is_dash_line, is_title_like, month_number, opening_date, parse_dotted, script_matches,
    slug_match, split_dotted_prefix,
};
use super::url::{PageKind, PageUrl};

/// One page text to import, with where it came from.
#[derive(Debug, Clone)]
pub struct PageText {
    /// Where the text was read, for messages: `pages.jsonl:17` or `seed.txt`.
    pub origin: String,
    /// The page's identity: [`PageUrl::key`], or `txt:<path>` for a text without URL.
    pub key: String,
    /// The page address, when known.
    pub url: Option<PageUrl>,
    /// The page language (`en`, `ru`).
    pub lang: String,
    /// The page text as stored.
    pub text: String,
}

/// A non-blank line of a page, whitespace-collapsed and with look-alike letters repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The cleaned text.
    pub text: String,
    /// How many blank (or whitespace-only) lines precede it.
    pub gap: usize,
}

/// Splits a page text into non-blank [`Line`]s; returns them and the number of words whose
/// look-alike letters were repaired.
pub fn split_lines(text: &str, lang: &str) -> (Vec<Line>, usize) {
    let mut out = Vec::new();
    let mut gap = 0;
    let mut fixed = 0;
    for raw in text.lines() {
        let mut collapsed = collapse_ws(raw);
        if collapsed.is_empty() {
            gap += 1;
            continue;
        }
        if out.is_empty() {
            collapsed = csto::strip_logo(&collapsed).to_owned();
        }
        let (clean, n) = fix_homoglyphs(&collapsed, lang != "ru");
        fixed += n;
        out.push(Line { text: clean, gap });
        gap = 0;
    }
    (out, fixed)
}

/// Minimum length of a line cut off by the page cap for it to be matched as a prefix of a full one.
const MIN_PREFIX_MATCH: usize = 30;

/// What the importer knows across all page texts: which lines occur on several pages (the
/// shared side lists) and which lines each snapshot of a page has.
#[derive(Debug, Default)]
pub struct SharedLines {
    /// Line text → the pages (by key index) it occurs on.
    pages_of_line: HashMap<String, BTreeSet<usize>>,
    /// The last line of each text (possibly cut off), with its page.
    last_lines: Vec<(String, usize)>,
    /// Every line with its page, for prefix matches.
    all_lines: Vec<(String, usize)>,
    /// Page key → index.
    key_index: HashMap<String, usize>,
    /// Page key index → the line sets of its snapshots, in input order.
    snapshots: HashMap<usize, Vec<HashSet<String>>>,
}

impl SharedLines {
    /// Indexes all page texts. Call once with every input, before parsing any page.
    pub fn new(pages: &[PageText]) -> Self {
        let mut s = Self::default();
        for page in pages {
            let next = s.key_index.len();
            let k = *s.key_index.entry(page.key.clone()).or_insert(next);
            let (lines, _) = split_lines(&page.text, &page.lang);
            let mut set = HashSet::new();
            for line in &lines {
                s.pages_of_line.entry(line.text.clone()).or_default().insert(k);
                s.all_lines.push((line.text.clone(), k));
                set.insert(line.text.clone());
            }
            if let Some(last) = lines.last() {
                s.last_lines.push((last.text.clone(), k));
            }
            s.snapshots.entry(k).or_default().push(set);
        }
        s
    }

    /// Whether `line` of page `key` also occurs on another page — exactly, or as the cut-off
    /// beginning of a line there (or the other way round), for lines of 30 characters or more.
    pub fn on_other_page(&self, key: &str, line: &str, is_last: bool) -> bool {
        let Some(&k) = self.key_index.get(key) else {
            return false;
        };
        if self.pages_of_line.get(line).is_some_and(|set| set.iter().any(|&p| p != k)) {
            return true;
        }
        if line.chars().count() < MIN_PREFIX_MATCH {
            return false;
        }
        if is_last && self.all_lines.iter().any(|(l, p)| *p != k && l.starts_with(line)) {
            return true;
        }
        self.last_lines.iter().any(|(l, p)| {
            *p != k && l.chars().count() >= MIN_PREFIX_MATCH && line.starts_with(l.as_str())
        })
    }

    /// Whether another snapshot of the same page lacks `line` although it has a later line of
    /// this text (`later`): then `line` belongs to a side list that changed between snapshots.
    pub fn missing_from_sibling(
        &self,
        key: &str,
        snapshot: usize,
        line: &str,
        later: &[Line],
    ) -> bool {
        let Some(snaps) = self.key_index.get(key).and_then(|k| self.snapshots.get(k)) else {
            return false;
        };
        snaps.iter().enumerate().any(|(i, set)| {
            i != snapshot
                && !set.contains(line)
                && later.iter().any(|l| {
                    l.text.chars().count() >= 20
                        && !csto::is_navigation(&l.text)
                        && parse_dotted(&l.text).is_none()
                        && set.contains(&l.text)
                })
        })
    }
}

/// How a page laid out its headline and date (`corpus/csto-pages/README.md`, §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Layout {
    /// `Title` / `Title dd.mm.yyyy` (or only the second line, or the repeat cut off).
    A,
    /// `Title` / `dd.mm.yyyy` / `Body` on consecutive lines.
    B,
    /// `Title` / `dd.mm.yyyyBody…` (date glued to the body).
    C,
    /// `Title` / blank / `dd.mm.yyyy` / blank / `Body`.
    D,
    /// A headline without a date.
    E,
}

/// A teaser: the lead of an article, shown in a side list or an index page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Teaser {
    /// The date line above it, when the list was dated.
    pub date: Option<CivilDate>,
    /// Its paragraphs (a lead may run to two).
    pub paragraphs: Vec<String>,
    /// The headline shown with it (index pages only).
    pub title: Option<String>,
    /// The section of the index page it was listed on.
    pub section: Option<String>,
}

/// The main article of a page, before ids, teasers and twins are settled.
#[derive(Debug, Clone, PartialEq)]
pub struct MainArticle {
    /// The headline.
    pub title: String,
    /// Whether the headline was derived from the first paragraph (the page shows none).
    pub title_derived: bool,
    /// The printed date, or else the full date the text opens with (see `date_inferred`).
    pub date: Option<CivilDate>,
    /// Whether `date` was not printed but read from the text's first sentence.
    pub date_inferred: bool,
    /// The printed time (only "December 10, 2010, 16:15" style date lines give one).
    pub time: Option<ClockTime>,
    /// The agency, from the headline or the dateline.
    pub source: Option<String>,
    /// The dateline as printed.
    pub dateline: Option<String>,
    /// The standfirst under the headline.
    pub lead: Option<String>,
    /// The body blocks.
    pub body: Vec<Block>,
    /// Remarks for archivists (why no date, what was removed, …).
    pub notes: Vec<String>,
    /// The headline/date layout.
    pub layout: Layout,
}

#[cfg(test)]
impl MainArticle {
    /// The text of the first paragraph block, if the body starts with one.
    pub fn first_paragraph(&self) -> Option<&str> {
        self.body.iter().find_map(|b| match b {
            Block::Paragraph { text } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// Counts of what was recognised on a page, summed into the import report.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PageStats {
    /// Navigation lines removed ("Go back", "Back to the s", …).
    pub navigation_removed: usize,
    /// Sign-offs recognised (kept as the last paragraph).
    pub sign_offs: usize,
    /// Image file names removed ("IMG-…jpgIn the" split, bare `.jpg` caption lines).
    pub image_names_removed: usize,
    /// Stray markup removed ("p>").
    pub markup_removed: usize,
    /// Words whose look-alike letters were repaired.
    pub homoglyph_words: usize,
    /// Cut-off headline-like last lines dropped.
    pub cut_lines_dropped: usize,
}

/// What a page turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A site's bare home page: skipped.
    Landing,
    /// A list page: teasers only.
    Index,
    /// An article page with its main article.
    Article(Box<MainArticle>),
    /// An article page whose main article could not be read, and why.
    NoArticle(&'static str),
}

/// Why an article page has no main article: its text ends inside the headline.
pub const CUT_IN_HEADLINE: &str = "the page text is cut off inside the headline";

/// A parsed page.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedPage {
    /// Landing, index, article or none.
    pub outcome: Outcome,
    /// The teasers of its side list or list, in page order.
    pub teasers: Vec<Teaser>,
    /// What was recognised and removed.
    pub stats: PageStats,
}

fn is_date_line(line: &Line) -> bool {
    parse_dotted(&line.text).is_some()
}

/// A line that cannot be a headline: a date, navigation, a list label or a sign-off.
fn is_chrome(line: &Line) -> bool {
    is_date_line(line)
        || csto::is_navigation(&line.text)
        || csto::is_label(&line.text)
        || csto::is_sign_off(&line.text)
}

/// Where the headline and the body were found.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    /// Index of the headline line, `None` when the headline is derived.
    title: Option<usize>,
    /// The headline text when it differs from the line (date removed).
    title_text: Option<String>,
    /// Index of the first body line.
    body_start: usize,
    /// Text to read as the first body line (what followed a glued date or a date).
    body_prefix: Option<String>,
    /// The date as printed, `dd.mm.yyyy`.
    date: Option<String>,
    /// Why there is no date, when the layout says why.
    undated: Option<&'static str>,
    /// End of the side list (exclusive).
    side_end: usize,
    layout: Layout,
}

/// The page's lines plus what the rules need to know about the page.
struct Page<'a> {
    lines: Vec<Line>,
    page: &'a PageText,
    snapshot: usize,
    shared: &'a SharedLines,
    /// Whether the text reaches the page's end (navigation found).
    complete: bool,
}

impl Page<'_> {
    fn lang(&self) -> &str {
        &self.page.lang
    }

    fn title_like(&self, i: usize) -> bool {
        self.lines.get(i).is_some_and(|l| is_title_like(&l.text, self.lang()) && !is_chrome(l))
    }

    fn is_last(&self, i: usize) -> bool {
        i + 1 >= self.lines.len()
    }

    /// Whether line `i` is the lead of a dated teaser: walking up through lines separated by at
    /// most one blank line reaches a date line.
    fn in_dated_teaser(&self, i: usize) -> bool {
        let mut j = i;
        while j > 0 && self.lines[j].gap <= 1 {
            j -= 1;
            if is_date_line(&self.lines[j]) {
                return true;
            }
        }
        false
    }

    fn valid_title_line(&self, i: usize) -> bool {
        self.lines.get(i).is_some_and(|l| !is_chrome(l) && !is_dash_line(&l.text))
    }

    /// Rule 1: the first date (or dateline) anchor from the top.
    fn date_anchor(&self) -> Option<Found> {
        let n = self.lines.len();
        for k in 0..n {
            let line = &self.lines[k].text;
            // A: the headline repeated with the date, or the repeat cut off.
            if k + 1 < n && self.valid_title_line(k) && self.lines[k + 1].gap <= 1 {
                let next = &self.lines[k + 1].text;
                if let Some(rest) = next.strip_prefix(line.as_str()) {
                    if let Some(date) = rest.strip_prefix(' ').filter(|d| parse_dotted(d).is_some())
                    {
                        return Some(self.found(k, k + 2, None, Some(date), None, Layout::A));
                    }
                    let cut_date = rest.strip_prefix(' ').is_some_and(|d| {
                        d.len() < 10 && d.chars().all(|c| c.is_ascii_digit() || c == '.')
                    });
                    if self.is_last(k + 1) && (rest.is_empty() || cut_date) {
                        let why = "the date after the repeated headline was cut off with the page";
                        return Some(self.found(k, k + 2, None, None, Some(why), Layout::A));
                    }
                } else if self.is_last(k + 1)
                    && next.chars().count() >= 20
                    && line.starts_with(next.as_str())
                {
                    let why = "the date after the repeated headline was cut off with the page";
                    return Some(self.found(k, k + 2, None, None, Some(why), Layout::A));
                }
            }
            // A′: one line "Title dd.mm.yyyy".
            if let Some((head, tail)) = line.rsplit_once(' ') {
                if parse_dotted(tail).is_some()
                    && head.chars().count() >= 10
                    && is_title_like(head, self.lang())
                    && self.valid_title_line(k)
                {
                    let mut f = self.found(k, k + 1, None, Some(tail), None, Layout::A);
                    f.title_text = Some(head.to_owned());
                    return Some(f);
                }
            }
            if k == 0 || self.lines[k].gap > 2 || !self.valid_title_line(k - 1) {
                continue;
            }
            // C: date glued to the body.
            if let Some((date, rest)) = split_dotted_prefix(line) {
                let rest_start = rest.chars().next();
                if self.lines[k].gap <= 1 && rest_start.is_some_and(|c| !c.is_whitespace()) {
                    return Some(self.found(k - 1, k + 1, Some(rest), Some(date), None, Layout::C));
                }
                // B / D: a date line (possibly with "Download document …") under the headline.
                if self.lines[k].gap <= 1 && !self.in_dated_teaser(k - 1) {
                    let layout = if self.lines[k].gap == 0
                        && self.lines.get(k + 1).is_none_or(|l| l.gap == 0)
                    {
                        Layout::B
                    } else {
                        Layout::D
                    };
                    let rest = rest.trim();
                    let prefix = (!rest.is_empty()).then_some(rest);
                    return Some(self.found(k - 1, k + 1, prefix, Some(date), None, layout));
                }
                continue;
            }
            // A dateline under a headline.
            if csto::dateline(line).is_some() && self.title_like(k - 1) {
                return Some(self.found(k - 1, k, None, None, None, Layout::E));
            }
        }
        None
    }

    fn found(
        &self,
        title: usize,
        body_start: usize,
        body_prefix: Option<&str>,
        date: Option<&str>,
        undated: Option<&'static str>,
        layout: Layout,
    ) -> Found {
        Found {
            title: Some(title),
            title_text: None,
            body_start,
            body_prefix: body_prefix.map(str::to_owned),
            date: date.map(str::to_owned),
            undated,
            side_end: title,
            layout,
        }
    }

    /// Rule 2: a lead that occurs twice; the second copy starts the body.
    fn repeated_lead(&self) -> Option<Found> {
        let n = self.lines.len();
        for i in 0..n {
            let text = &self.lines[i].text;
            if text.chars().count() < 40 || is_chrome(&self.lines[i]) {
                continue;
            }
            if let Some(j) = (i + 2..n).find(|&j| self.lines[j].text == *text) {
                let title = (j - 1 > i && self.title_like(j - 1)).then_some(j - 1);
                return Some(Found {
                    title,
                    title_text: None,
                    body_start: j,
                    body_prefix: None,
                    date: None,
                    undated: None,
                    side_end: title.unwrap_or(j),
                    layout: Layout::E,
                });
            }
        }
        None
    }

    /// Whether line `i` belongs to the side list by what other pages and snapshots show.
    fn is_side_line(&self, i: usize) -> bool {
        let line = &self.lines[i];
        // The same headline may head two pages (a repeated title is repeated word for word);
        // a headline-like line set off by a blank line is a headline, not a teaser.
        if self.title_like(i) && !self.is_last(i) && self.lines[i + 1].gap >= 1 {
            return false;
        }
        self.shared.on_other_page(&self.page.key, &line.text, self.is_last(i))
            || self.shared.missing_from_sibling(
                &self.page.key,
                self.snapshot,
                &line.text,
                &self.lines[i + 1..],
            )
    }

    /// Whether line `i` shows that the body has begun (image glue, dateline, glued date).
    fn body_evidence(&self, i: usize) -> bool {
        self.lines.get(i).is_some_and(|l| {
            image_glue(&l.text).is_some()
                || csto::dateline(&l.text).is_some()
                || split_dotted_prefix(&l.text).is_some_and(|(_, r)| !r.starts_with(' '))
        })
    }

    /// Rule 3: side list, then headline. `Err` says why the page has no main article.
    fn after_side_list(&self) -> Result<Found, &'static str> {
        let n = self.lines.len();
        let mut p = 0;
        let mut dated_region = false;
        while p < n {
            let line = &self.lines[p];
            if is_date_line(line) {
                dated_region = true;
            } else if dated_region && line.gap <= 1 {
                // Still the lead of the dated teaser above.
            } else if csto::is_label(&line.text) || self.is_side_line(p) {
                dated_region = false;
            } else {
                break;
            }
            p += 1;
        }
        let found = |title: Option<usize>, body_start: usize| Found {
            title,
            title_text: None,
            body_start,
            body_prefix: None,
            date: None,
            undated: None,
            side_end: title.unwrap_or(body_start),
            layout: Layout::E,
        };
        if p >= n {
            return Err("the page text holds only the side list");
        }
        let has_side_list = p > 0;
        // An interview fragment without its headline.
        if is_dash_line(&self.lines[p].text) && self.lines[p].text.ends_with('?') {
            return Ok(found(None, p));
        }
        // A run of headline-like lines: the first, unless another matches the slug much better.
        let run: Vec<usize> =
            (p..n).take_while(|&i| self.title_like(i) && !self.is_last(i)).collect();
        if let Some(&first) = run.first() {
            let slug = self.page.url.as_ref().and_then(|u| match u.kind() {
                PageKind::Article { slug } => Some(slug),
                _ => None,
            });
            let best = slug.and_then(|slug| {
                let scored: Vec<(usize, f64)> =
                    run.iter().map(|&i| (i, slug_match(&self.lines[i].text, &slug))).collect();
                let top =
                    scored.iter().cloned().fold((first, 0.0), |a, b| if b.1 > a.1 { b } else { a });
                (top.1 >= 0.3 && top.0 != first).then_some(top.0)
            });
            let title = best.unwrap_or(first);
            return Ok(found(Some(title), title + 1));
        }
        let next_gap = self.lines.get(p + 1).map_or(0, |l| l.gap);
        if !self.is_last(p) && (next_gap >= 2 || self.body_evidence(p + 1)) {
            return Ok(found(Some(p), p + 1));
        }
        if let Some(t) = (p + 1..n).find(|&i| self.title_like(i) && !self.is_last(i)) {
            return Ok(found(Some(t), t + 1));
        }
        let news = self.page.url.as_ref().is_some_and(PageUrl::in_news_section);
        if self.title_like(n - 1) && !self.complete && (has_side_list || news) {
            return Err(CUT_IN_HEADLINE);
        }
        if has_side_list {
            return if n - p >= 2 {
                Ok(found(Some(p), p + 1))
            } else {
                Err("the page text ends after the side list")
            };
        }
        Ok(found(None, p))
    }
}

static IMAGE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(\S+\.(?:jpe?g|png|gif|webp))(\S.*)$").expect("static regex")
});
static IMAGE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^.{1,200}\.(?:jpe?g|png|gif|webp)$").expect("static regex"));
static STRAY_MARKUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(?:</?p>|p>|<br\s*/?>)(?:\s|$)").expect("static regex"));
static DOWNLOAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{2}\.\d{2}\.\d{4}\s+)?Download document\b\s*(.*)$").expect("static regex")
});
static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^.{1,200}\.(?:pdf|docx?|xlsx?|rtf|zip|pptx?|odt)$").expect("static regex")
});
static DATE_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<m>[A-Z][a-z]+) (?P<d>\d{1,2}), (?P<y>\d{4})(?:, (?P<hh>\d{1,2}):(?P<mm>\d{2}))?(?:[ ,]+(?P<place>.*))?$")
        .expect("static regex")
});

/// Splits an image file name glued to text: `"IMG-20190301-WA0012.jpgIn the time"` →
/// `("IMG-20190301-WA0012.jpg", "In the time")`.
pub fn image_glue(line: &str) -> Option<(&str, &str)> {
    let caps = IMAGE_NAME.captures(line)?;
    Some((caps.get(1)?.as_str(), caps.get(2)?.as_str()))
}

/// Parses an English date-and-place line such as "December 10, 2010, 16:15 Moscow, the Kremlin".
fn date_place(line: &str) -> Option<(CivilDate, Option<ClockTime>)> {
    let caps = DATE_PLACE.captures(line)?;
    let month = month_number(caps.name("m")?.as_str())?;
    let day: u8 = caps.name("d")?.as_str().parse().ok()?;
    let year: u16 = caps.name("y")?.as_str().parse().ok()?;
    let date = CivilDate::new(year, month, day).ok()?;
    let time = match (caps.name("hh"), caps.name("mm")) {
        (Some(h), Some(m)) => {
            ClockTime::new(h.as_str().parse().ok()?, m.as_str().parse().ok()?, None).ok()
        }
        _ => None,
    };
    Some((date, time))
}

/// What the body reader found besides the blocks.
#[derive(Debug, Default)]
struct Body {
    blocks: Vec<Block>,
    lead: Option<String>,
    dateline: Option<String>,
    dateline_when: Option<String>,
    source: Option<String>,
    date: Option<(CivilDate, Option<ClockTime>)>,
    notes: Vec<String>,
}

/// Reads body lines into blocks: dateline, date-and-place line, a headline repeated in the other
/// language, a standfirst, then paragraphs, lists, headings and document links.
fn read_body(
    lines: &[Line],
    lang: &str,
    dated: bool,
    complete: bool,
    stats: &mut PageStats,
) -> Body {
    let mut body = Body::default();
    let mut items: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        let mut line = line.clone();
        if STRAY_MARKUP.is_match(&line.text) {
            stats.markup_removed += 1;
            line.text = collapse_ws(&STRAY_MARKUP.replace_all(&line.text, " "));
        }
        if !line.text.is_empty() {
            items.push(line);
        }
    }
    // The opening lines.
    if let Some(first) = items.first() {
        if let Some(d) = csto::dateline(&first.text) {
            body.dateline = Some(d.text);
            body.dateline_when = Some(d.when);
            body.source = Some(d.source);
            if d.rest.is_empty() {
                items.remove(0);
            } else {
                items[0].text = d.rest;
            }
        }
    }
    if !dated {
        if let Some(pos) = items.iter().take(2).position(|l| date_place(&l.text).is_some()) {
            body.date = date_place(&items[pos].text);
            body.dateline.get_or_insert_with(|| items[pos].text.clone());
            items.remove(pos);
        }
    }
    if let Some(first) = items.first().filter(|_| body.dateline.is_none()) {
        if !script_matches(&first.text, lang)
            && is_title_like(&first.text, if lang == "ru" { "en" } else { "ru" })
        {
            body.notes.push(format!(
                "the page repeats the headline in another language: “{}”",
                first.text
            ));
            items.remove(0);
        }
    }
    if items.len() >= 2 {
        let first = &items[0].text;
        if is_title_like(first, lang)
            && first.chars().count() <= 200
            && first_sentence(first) == first.as_str()
            && !first.contains(". ")
            && !is_caps_heading(first)
            && DOWNLOAD.captures(first).is_none()
            && !csto::is_sign_off(first)
        {
            body.lead = Some(first.clone());
            items.remove(0);
        }
    }
    let mut i = 0;
    while i < items.len() {
        let mut text = items[i].text.clone();
        i += 1;
        // Image file names: a bare caption line, or glued to the text that follows.
        if IMAGE_LINE.is_match(&text) && !text.contains(". ") {
            stats.image_names_removed += 1;
            body.notes.push(format!("image file name “{text}” removed from the text"));
            continue;
        }
        if let Some((name, rest)) = image_glue(&text) {
            stats.image_names_removed += 1;
            body.notes.push(format!("image file name “{name}” removed from the text"));
            text = rest.to_owned();
        }
        if let Some(caps) = DOWNLOAD.captures(&text) {
            let mut name = caps.get(1).map_or("", |m| m.as_str()).trim().to_owned();
            if name.is_empty() {
                if let Some(next) = items.get(i).filter(|l| FILE_NAME.is_match(&l.text)) {
                    name = next.text.clone();
                    i += 1;
                }
            }
            let title = if name.is_empty() { "Download document".to_owned() } else { name };
            body.blocks.push(Block::Document { href: None, title });
            continue;
        }
        if let Some(item) = text.strip_prefix('•') {
            push_list_item(&mut body.blocks, item.trim());
            continue;
        }
        if let Some(item) = text.strip_prefix("- ") {
            let in_list = match body.blocks.last() {
                Some(Block::List { .. }) => true,
                Some(Block::Paragraph { text }) => text.ends_with(':'),
                _ => false,
            };
            if in_list {
                push_list_item(&mut body.blocks, item.trim());
                continue;
            }
        }
        if csto::is_sign_off(&text) {
            stats.sign_offs += 1;
        }
        if is_caps_heading(&text) && i < items.len() {
            body.blocks.push(Block::Heading { level: 2, text });
            continue;
        }
        body.blocks.push(Block::Paragraph { text });
    }
    if !complete {
        let last_text = body.blocks.last().map(Block::text);
        if last_text.is_some_and(|t| !ends_with_terminal(&t)) {
            body.notes.push(
                "the page text ends mid-sentence: the source keeps only the beginning of the page"
                    .into(),
            );
        }
    }
    body
}

fn push_list_item(blocks: &mut Vec<Block>, item: &str) {
    if let Some(Block::List { items, .. }) = blocks.last_mut() {
        items.push(item.to_owned());
    } else {
        blocks.push(Block::List { ordered: false, items: vec![item.to_owned()] });
    }
}

/// Reads the teasers of a side list (`lines` is the part of the page above the headline).
///
/// With blank lines present, a teaser runs until two blank lines or a date line (its paragraphs
/// are separated by at most one blank line) and takes the date line above it; without blank
/// lines, every line is a teaser. Labels, navigation, sign-offs and fragments under 20
/// characters are skipped.
pub fn side_list_teasers(lines: &[Line]) -> Vec<Teaser> {
    let grouped = lines.iter().skip(1).any(|l| l.gap >= 1);
    let mut out: Vec<Teaser> = Vec::new();
    let mut current: Option<Teaser> = None;
    let mut pending_date: Option<CivilDate> = None;
    let flush = |t: Option<Teaser>, out: &mut Vec<Teaser>| {
        if let Some(t) = t {
            if t.paragraphs.iter().map(|p| p.chars().count()).sum::<usize>() >= 20 {
                out.push(t);
            }
        }
    };
    for line in lines {
        if csto::is_navigation(&line.text)
            || csto::is_label(&line.text)
            || csto::is_sign_off(&line.text)
        {
            continue;
        }
        if let Some(date) = parse_dotted(&line.text) {
            flush(current.take(), &mut out);
            pending_date = date.ok();
            continue;
        }
        match current.as_mut() {
            Some(t) if grouped && line.gap <= 1 => t.paragraphs.push(line.text.clone()),
            _ => {
                flush(current.take(), &mut out);
                current = Some(Teaser {
                    date: pending_date.take(),
                    paragraphs: vec![line.text.clone()],
                    title: None,
                    section: None,
                });
            }
        }
    }
    flush(current.take(), &mut out);
    out
}

/// Reads the teasers of an index page: a headline-like line directly followed by a lead (on the
/// next line, or after one blank line when the lead is not headline-like itself) is one teaser
/// with its headline; any other line is a teaser on its own.
pub fn index_teasers(lines: &[Line], lang: &str, section: Option<&str>) -> Vec<Teaser> {
    let lines: Vec<&Line> = lines
        .iter()
        .filter(|l| {
            !csto::is_label(&l.text)
                && !csto::is_navigation(&l.text)
                && l.text.chars().count() >= 20
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let pair = lines.get(i + 1).filter(|next| {
            is_title_like(&line.text, lang)
                && (next.gap == 0 || (next.gap == 1 && !is_title_like(&next.text, lang)))
        });
        let (title, lead) = match pair {
            Some(next) => (Some(line.text.clone()), next.text.clone()),
            None => (None, line.text.clone()),
        };
        i += if pair.is_some() { 2 } else { 1 };
        out.push(Teaser {
            date: None,
            paragraphs: vec![lead],
            title,
            section: section.map(str::to_owned),
        });
    }
    out
}

/// Parses one page text. `snapshot` is the text's position among the texts of the same page
/// (see [`SharedLines::missing_from_sibling`]).
pub fn parse_page(page: &PageText, snapshot: usize, shared: &SharedLines) -> ParsedPage {
    let (mut lines, homoglyph_words) = split_lines(&page.text, &page.lang);
    let mut stats = PageStats { homoglyph_words, ..PageStats::default() };
    // Navigation at the end of the page.
    let mut complete = false;
    while lines.last().is_some_and(|l| csto::is_navigation(&l.text)) {
        lines.pop();
        stats.navigation_removed += 1;
        complete = true;
    }
    let kind = page.url.as_ref().map(PageUrl::kind);
    match kind {
        Some(PageKind::Landing) => {
            return ParsedPage { outcome: Outcome::Landing, teasers: Vec::new(), stats };
        }
        Some(PageKind::Index) => {
            let section = page.url.as_ref().and_then(|u| u.sections().last().map(|s| s.id.clone()));
            let teasers = index_teasers(&lines, &page.lang, section.as_deref());
            return ParsedPage { outcome: Outcome::Index, teasers, stats };
        }
        _ => {}
    }
    if lines.last().is_some_and(|l| csto::is_sign_off(&l.text)) {
        complete = true;
    }
    let p = Page { lines, page, snapshot, shared, complete };
    let found = p
        .date_anchor()
        .map(Ok)
        .or_else(|| p.repeated_lead().map(Ok))
        .unwrap_or_else(|| p.after_side_list());
    let found = match found {
        Ok(f) => f,
        Err(why) => {
            let mut side: &[Line] = &p.lines;
            // A cut-off headline-like last line is not a teaser.
            if why == CUT_IN_HEADLINE {
                side = &side[..side.len().saturating_sub(1)];
                stats.cut_lines_dropped += 1;
            }
            let teasers = side_list_teasers(side);
            return ParsedPage { outcome: Outcome::NoArticle(why), teasers, stats };
        }
    };
    let teasers = side_list_teasers(&p.lines[..found.side_end.min(p.lines.len())]);
    let article = build_article(&p, &found, &mut stats);
    let outcome = match article {
        Some(a) => Outcome::Article(Box::new(a)),
        None => Outcome::NoArticle("the page has no text after its side list"),
    };
    ParsedPage { outcome, teasers, stats }
}

fn build_article(p: &Page<'_>, found: &Found, stats: &mut PageStats) -> Option<MainArticle> {
    let lang = p.lang();
    let mut body_lines: Vec<Line> = p.lines.get(found.body_start..).unwrap_or_default().to_vec();
    if let Some(prefix) = &found.body_prefix {
        body_lines.insert(0, Line { text: prefix.clone(), gap: 0 });
    }
    let mut notes = Vec::new();
    let mut date = None;
    let mut undated = found.undated.map(str::to_owned);
    if let Some(d) = &found.date {
        match parse_dotted(d) {
            Some(Ok(civil)) => date = Some(civil),
            _ => undated = Some(format!("“{d}” is not a valid date")),
        }
    }
    let body = read_body(&body_lines, lang, date.is_some(), p.complete, stats);
    let mut time = None;
    if date.is_none() {
        if let Some((d, t)) = body.date {
            date = Some(d);
            time = t;
        }
    }
    let (title, title_derived) = match (found.title, &found.title_text) {
        (_, Some(text)) => (text.clone(), false),
        (Some(i), None) => (p.lines[i].text.clone(), false),
        (None, None) => {
            let first = body.lead.clone().or_else(|| body.blocks.first().map(Block::text))?;
            (derive_title(&first), true)
        }
    };
    if title.trim().is_empty() {
        return None;
    }
    if title_derived {
        notes.push("title derived from the first paragraph: the page shows no headline".to_owned());
    }
    let mut date_inferred = false;
    if date.is_none() {
        let why = match (&undated, &body.dateline_when) {
            (Some(why), _) => why.clone(),
            (None, Some(when)) => format!("the dateline gives “{when}” without a year"),
            (None, None) => "the page prints none".to_owned(),
        };
        // The day the text opens with ("On 16 February 2024, …"), said to be inferred.
        let first = body.lead.clone().or_else(|| body.blocks.first().map(Block::text));
        match first.as_deref().and_then(opening_date) {
            Some((d, words)) => {
                date = Some(d);
                date_inferred = true;
                notes.push(format!("date taken from the first sentence (“{words}”): {why}"));
            }
            None => notes.push(format!("no date: {why}")),
        }
    }
    notes.extend(body.notes);
    if body.blocks.is_empty() && body.lead.is_none() {
        notes.push("the page text ends before the article body".to_owned());
    }
    let source = body.source.or_else(|| csto::agency_in_title(&title));
    Some(MainArticle {
        title,
        title_derived,
        date,
        date_inferred,
        time,
        source,
        dateline: body.dateline,
        lead: body.lead,
        body: body.blocks,
        notes,
        layout: found.layout,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, text: &str) -> PageText {
        let url = PageUrl::parse(url).expect("test url");
        PageText {
            origin: "test".into(),
            key: url.key(),
            lang: url.lang().into(),
            url: Some(url),
            text: text.into(),
        }
    }

    fn parse_alone(p: &PageText) -> ParsedPage {
        parse_page(p, 0, &SharedLines::new(std::slice::from_ref(p)))
    }

    fn main(parsed: &ParsedPage) -> &MainArticle {
        match &parsed.outcome {
            Outcome::Article(a) => a,
            other => panic!("no main article: {other:?}"),
        }
    }

    const NEWS: &str = "https://en.odkb-csto.org/news/news_odkb/x-y/";

    #[test]
    fn layout_a_repeated_headline_with_date() {
        let p = page(NEWS, "\nA lead of another item.\n\n\nTitle here\n\nTitle here 02.12.2020\n\n On December 2, the Council met.\n\nGo back\n\nBack to the s");
        let parsed = parse_alone(&p);
        let a = main(&parsed);
        assert_eq!((a.title.as_str(), a.layout), ("Title here", Layout::A));
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2020-12-02"));
        assert_eq!(
            a.body,
            vec![Block::Paragraph { text: "On December 2, the Council met.".into() }]
        );
        assert_eq!(parsed.stats.navigation_removed, 2);
        assert_eq!(parsed.teasers.len(), 1);
    }

    #[test]
    fn layout_a_with_the_repeat_cut_off_keeps_no_date() {
        let p = page(NEWS, "Some headline of the article\n\nSome headline of the art");
        let a = main(&parse_alone(&p)).clone();
        assert_eq!(a.date, None);
        assert!(a.notes.iter().any(|n| n.contains("cut off")), "{:?}", a.notes);
    }

    #[test]
    fn layout_b_c_d() {
        let b = parse_alone(&page(NEWS, "Lead one.\nTitle B\n29.05.2017\nBody text."));
        assert_eq!((main(&b).title.as_str(), main(&b).layout), ("Title B", Layout::B));
        let c = parse_alone(&page(NEWS, "Lead one.\nTitle C\n18.04.2024Held in Moscow."));
        assert_eq!(main(&c).layout, Layout::C);
        assert_eq!(main(&c).first_paragraph(), Some("Held in Moscow."));
        let ru = parse_alone(&page(
            "https://odkb-csto.org/news/news_odkb/x/",
            "Заголовок встречи\n11.12.202411 декабря 2024 года состоялась встреча.",
        ));
        assert_eq!(main(&ru).first_paragraph(), Some("11 декабря 2024 года состоялась встреча."));
        assert_eq!(main(&ru).date.map(|d| d.to_string()).as_deref(), Some("2024-12-11"));
        let d = parse_alone(&page(
            NEWS,
            "05.12.2025\n\nA lead of a dated teaser.\n\n\nTitle D\n\n24.11.2025\n\nBody.",
        ));
        assert_eq!((main(&d).title.as_str(), main(&d).layout), ("Title D", Layout::D));
        assert_eq!(d.teasers[0].date.map(|x| x.to_string()).as_deref(), Some("2025-12-05"));
    }

    #[test]
    fn the_lead_of_a_dated_teaser_is_not_a_headline() {
        // Two-paragraph dated teaser followed by another date line one blank line below.
        let p = page(NEWS, "05.08.2022\n\nFirst paragraph.\nSecond paragraph without stop\n\n04.08.2022\n\nOther lead of the side list.\n\n\nReal title\n\nReal title 01.08.2022\n\nBody.");
        let parsed = parse_alone(&p);
        assert_eq!(main(&parsed).title, "Real title");
        assert_eq!(parsed.teasers.len(), 2);
        assert_eq!(parsed.teasers[0].paragraphs.len(), 2);
    }

    #[test]
    fn dateline_agency_and_navigation_like_the_seed() {
        let text = "\nA teaser lead.\n\n\nRIA Novosti News Agency: The CSTO is concerned\n\n\nVIENNA, July17 – RIA Novosti News Agency.\u{a0} The Organization is concerned.\n\"Quote,\" he said.\n\n\nGo back\n\nBack to the section\n\nBack to the all news";
        let parsed = parse_alone(&page("https://en.odkb-csto.org/news/smi/ria/", text));
        let a = main(&parsed);
        assert_eq!(a.title, "RIA Novosti News Agency: The CSTO is concerned");
        assert_eq!(a.source.as_deref(), Some("RIA Novosti"));
        assert_eq!(a.dateline.as_deref(), Some("VIENNA, July17 – RIA Novosti News Agency"));
        assert_eq!(a.first_paragraph(), Some("The Organization is concerned."));
        assert_eq!(a.date, None);
        assert!(a.notes.iter().any(|n| n.contains("July17")), "{:?}", a.notes);
        assert_eq!(parsed.stats.navigation_removed, 3);
        assert!(!a.notes.iter().any(|n| n.contains("mid-sentence")));
    }

    #[test]
    fn bullets_documents_headings_images_and_markup() {
        let text = "Title of page\n\n19.05.2021 Download document\nAnnex 2.pdf\nMay 19, 2021, Dushanbe\nHISTORY\nIMG-1.jpgIn the time frame.\nStated: p>\nPrinciples:\n    • one; \n    • two.\nFinal.";
        let parsed = parse_alone(&page("https://en.odkb-csto.org/documents/statements/z/", text));
        let a = main(&parsed);
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2021-05-19"));
        assert_eq!(a.body[0], Block::Document { href: None, title: "Annex 2.pdf".into() });
        assert_eq!(a.body[1], Block::Paragraph { text: "May 19, 2021, Dushanbe".into() });
        assert_eq!(a.body[2], Block::Heading { level: 2, text: "HISTORY".into() });
        assert_eq!(a.body[3], Block::Paragraph { text: "In the time frame.".into() });
        assert_eq!(a.body[4], Block::Paragraph { text: "Stated:".into() });
        assert_eq!(
            a.body[6],
            Block::List { ordered: false, items: vec!["one;".into(), "two.".into()] }
        );
        assert_eq!((parsed.stats.image_names_removed, parsed.stats.markup_removed), (1, 1));
    }

    #[test]
    fn index_pages_give_titled_teasers() {
        let text = "A headline of one item\nIts lead sentence, long enough.\nAnother headline of the list\n\nAll CSTO News";
        let parsed = parse_alone(&page("https://en.odkb-csto.org/news/news_odkb/", text));
        assert_eq!(parsed.outcome, Outcome::Index);
        assert_eq!(parsed.teasers.len(), 2);
        assert_eq!(parsed.teasers[0].title.as_deref(), Some("A headline of one item"));
        assert_eq!(parsed.teasers[0].section.as_deref(), Some("news_odkb"));
        assert_eq!(parsed.teasers[1].title, None);
    }

    #[test]
    fn a_page_cut_inside_its_headline_has_no_article() {
        let parsed = parse_alone(&page(NEWS, "A lead that ends with a stop.\nAnother lead that ends with one.\nCSTO member states consult on joint work in arms"));
        assert_eq!(parsed.outcome, Outcome::NoArticle(CUT_IN_HEADLINE));
        assert_eq!(parsed.teasers.len(), 2);
        assert_eq!(parsed.stats.cut_lines_dropped, 1);
    }

    #[test]
    fn sign_off_is_kept_and_closes_the_page() {
        let parsed = parse_alone(&page(NEWS, "Headline\n\n\nBody one.\n\nCSTO Press Secretary Vladimir Zaynetdinov\n\n\n\n                                         "));
        let a = main(&parsed);
        assert_eq!(
            a.body.last(),
            Some(&Block::Paragraph { text: "CSTO Press Secretary Vladimir Zaynetdinov".into() })
        );
        assert_eq!(parsed.stats.sign_offs, 1);
        assert!(!a.notes.iter().any(|n| n.contains("mid-sentence")));
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            "",
            "\n\n\n",
            "01.01.2020",
            "99.99.9999x",
            "• ",
            "- ",
            "Download document",
            "ю\u{0}\u{feff}",
            "a\nb\nc",
        ] {
            let _ = parse_alone(&page(NEWS, text));
            let _ = parse_alone(&page("https://en.odkb-csto.org/news/news_odkb/", text));
        }
    }
}
