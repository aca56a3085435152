//! The import report: what was read, recognised, removed, merged and written. Printed to
//! stderr as a summary and, with `--report FILE`, written as JSON with one entry per page text.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use archive_core::model::Article;
use serde::Serialize;

use super::assemble::Parsed;
use super::pages::{Outcome, PageStats};

/// One page text and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct PageReport {
    /// Where the text was read (`pages.jsonl:17`).
    pub origin: String,
    /// Its address, noise parameters removed.
    pub url: Option<String>,
    /// `article`, `index page`, `landing page, skipped` or `no article: <why>`.
    pub outcome: String,
    /// The headline/date layout of its main article (`A`–`E`).
    pub layout: Option<String>,
    /// The headline of its main article.
    pub title: Option<String>,
    /// How many teasers its side list or list gave.
    pub teasers: usize,
}

/// Counts of one import run. Field names are the JSON keys of `--report`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Page texts read per input file.
    pub inputs: BTreeMap<String, usize>,
    /// Page texts read in all.
    pub page_texts: usize,
    /// Distinct pages (after merging http/https, www, noise parameters).
    pub distinct_pages: usize,
    /// Landing pages skipped.
    pub landing_pages: usize,
    /// Index pages read as teaser lists.
    pub index_pages: usize,
    /// Page texts with a main article.
    pub article_pages: usize,
    /// Page texts of article pages without a readable main article, by reason.
    pub no_article: BTreeMap<String, usize>,
    /// Main articles per headline/date layout.
    pub layouts: BTreeMap<String, usize>,
    /// Main articles after merging copies of the same page.
    pub main_articles: usize,
    /// Extra copies of a page merged into one article.
    pub snapshots_merged: usize,
    /// Teasers read (with repeats).
    pub teasers_seen: usize,
    /// Distinct teasers after deduplication.
    pub teasers_distinct: usize,
    /// Distinct teasers that announce a main article of the archive.
    pub teasers_merged: usize,
    /// Of those, the ones that became the article's `lead`.
    pub teasers_merged_as_lead: usize,
    /// Distinct teasers kept as articles of their own.
    pub teasers_standalone: usize,
    /// Teasers dropped (no usable text for a title).
    pub teasers_dropped: usize,
    /// English–Russian twin pairs linked.
    pub twin_pairs: usize,
    /// Articles written.
    pub articles: usize,
    /// Articles with a date.
    pub dated: usize,
    /// Articles without a date.
    pub undated: usize,
    /// Articles per language.
    pub by_language: BTreeMap<String, usize>,
    /// Articles per section (`-` for none).
    pub by_section: BTreeMap<String, usize>,
    /// What was recognised and removed, summed over all page texts.
    pub removed: PageStats,
    /// One entry per page text, in input order.
    pub pages: Vec<PageReport>,
    /// The warnings `archive-bundle check` gives for the written bundle, one line each: its
    /// articles are kept.
    pub check_warnings: Vec<String>,
}

impl Report {
    /// Counts one parsed page.
    pub fn count_page(&mut self, p: &Parsed<'_>) {
        self.page_texts += 1;
        let s = &p.parsed.stats;
        let r = &mut self.removed;
        r.navigation_removed += s.navigation_removed;
        r.sign_offs += s.sign_offs;
        r.image_names_removed += s.image_names_removed;
        r.markup_removed += s.markup_removed;
        r.homoglyph_words += s.homoglyph_words;
        r.cut_lines_dropped += s.cut_lines_dropped;
        match &p.parsed.outcome {
            Outcome::Landing => self.landing_pages += 1,
            Outcome::Index => self.index_pages += 1,
            Outcome::Article(a) => {
                self.article_pages += 1;
                *self.layouts.entry(format!("{:?}", a.layout)).or_default() += 1;
            }
            Outcome::NoArticle(why) => *self.no_article.entry((*why).to_owned()).or_default() += 1,
        }
    }

    /// Counts the written articles.
    pub fn count_articles(&mut self, articles: &[Article]) {
        self.articles = articles.len();
        self.dated = articles.iter().filter(|a| a.date.is_some()).count();
        self.undated = self.articles - self.dated;
        for a in articles {
            *self.by_language.entry(a.lang.clone()).or_default() += 1;
            *self.by_section.entry(a.section.clone().unwrap_or_else(|| "-".into())).or_default() +=
                1;
        }
    }

    /// The human summary printed to stderr.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        let inputs: Vec<String> = self.inputs.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let join = |m: &BTreeMap<String, usize>| {
            m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
        };
        let r = &self.removed;
        let _ = writeln!(
            s,
            "read {} page texts ({}) of {} distinct pages",
            self.page_texts,
            inputs.join(", "),
            self.distinct_pages
        );
        let _ = writeln!(
            s,
            "pages: {} with a main article, {} index, {} landing (skipped), {} without a readable article",
            self.article_pages,
            self.index_pages,
            self.landing_pages,
            self.no_article.values().sum::<usize>()
        );
        for (why, n) in &self.no_article {
            let _ = writeln!(s, "  no article ({n}): {why}");
        }
        let _ = writeln!(s, "layouts: {}", join(&self.layouts));
        let _ = writeln!(
            s,
            "main articles: {} ({} extra copies of a page merged)",
            self.main_articles, self.snapshots_merged
        );
        let _ = writeln!(
            s,
            "teasers: {} seen, {} distinct, {} merged into articles ({} as lead), {} standalone, {} dropped",
            self.teasers_seen,
            self.teasers_distinct,
            self.teasers_merged,
            self.teasers_merged_as_lead,
            self.teasers_standalone,
            self.teasers_dropped
        );
        let _ = writeln!(
            s,
            "articles: {} ({} dated, {} undated); {}",
            self.articles,
            self.dated,
            self.undated,
            join(&self.by_language)
        );
        let _ = writeln!(s, "sections: {}", join(&self.by_section));
        let _ = writeln!(s, "twins: {} pair(s)", self.twin_pairs);
        let _ = writeln!(
            s,
            "removed: {} navigation lines, {} image file names, {} stray markup, {} cut-off headline lines; {} sign-offs kept; {} words with look-alike letters repaired",
            r.navigation_removed, r.image_names_removed, r.markup_removed, r.cut_lines_dropped, r.sign_offs, r.homoglyph_words
        );
        s
    }
}
