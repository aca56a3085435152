//! The report of `import records`: what was read, cleaned, dated, detected, merged and linked,
//! and every record that could not be used. Printed to stderr as a summary and, with
//! `--report FILE`, written as JSON (field names below are its keys).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::clean::CleanCounts;
use super::input::{BadRecord, FileInfo};

/// A record kept out of the bundle for a reason other than bad input.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    /// `file:line`.
    pub origin: String,
    /// Why.
    pub why: String,
}

/// A date that was missing, odd or not usable, with what was done.
#[derive(Debug, Clone, Serialize)]
pub struct DateProblem {
    /// The article id.
    pub id: String,
    /// The date text as in the source (`null` when missing).
    pub value: Option<String>,
    /// What was done (`no date: …`, `time dropped: …`, `text after the date ignored: …`).
    pub what: String,
    /// Whether the article has a date all the same, found elsewhere than in its date field (the
    /// page's chrome, a dateline): a note, not a date lost.
    pub recovered: bool,
}

/// Dates: shapes read and problems.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DateReport {
    /// Dates read per shape (`iso`, `dotted`, `reuters`, `russian`, `english`, `month-day`).
    pub by_shape: BTreeMap<String, u64>,
    /// Articles whose date came from chrome the source printed (the Kremlin's "Дата
    /// публикации"), the record having none.
    pub from_chrome: u64,
    /// Articles whose date came from a dateline (in the body or the `dateline` field).
    pub from_dateline: u64,
    /// Articles whose clock time came from the dateline at the start of the body.
    pub times_from_dateline: u64,
    /// Articles without a date.
    pub undated: u64,
    /// Per source (`(no source)` for none), the midnight times dropped as "no time given" and the
    /// source's times in all: a source that gives `00:00` for one time in five or more.
    pub midnight_dropped: BTreeMap<String, (usize, usize)>,
    /// Per source (`(no source)` for none), the clock times given an offset by `--utc-offset`.
    pub offsets_set: BTreeMap<String, OffsetsSet>,
    /// Every problem, one entry per article.
    pub problems: Vec<DateProblem>,
}

/// The clock times of one source given an offset by `--utc-offset`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OffsetsSet {
    /// The offset given: `Z`, `±HH:MM`, or `none`.
    pub offset: String,
    /// How many of the source's times were given it.
    pub times: usize,
    /// What the source had written for them, with counts (`Z`, `±HH:MM`, or `none`).
    pub written: BTreeMap<String, usize>,
}

/// A language detection that whatlang did not call reliable.
#[derive(Debug, Clone, Serialize)]
pub struct Uncertain {
    /// The article id.
    pub id: String,
    /// The language used: the detection, or the run's main language (see `set_to_main`).
    pub lang: String,
    /// What whatlang detected.
    pub detected: String,
    /// whatlang's confidence, 0–1.
    pub confidence: f64,
}

/// Languages: where each article's came from.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LangReport {
    /// From the record's own language field.
    pub from_source: u64,
    /// From `--lang`.
    pub from_option: u64,
    /// Detected.
    pub detected: u64,
    /// Detections that were not reliable (kept, listed here).
    pub uncertain: Vec<Uncertain>,
    /// Articles where nothing could be detected: tagged `und` (undetermined).
    pub undetermined: Vec<String>,
    /// Uncertain detections other than the run's main language, given the main language.
    pub set_to_main: u64,
    /// Language values in records that are no language tag or name we know (`klingon`,
    /// `12`), as `id: value`: the article's language came from `--lang` or detection instead.
    pub unrecognised: Vec<String>,
}

/// One merge of a duplicate record into an earlier one.
#[derive(Debug, Clone, Serialize)]
pub struct Merge {
    /// The article kept.
    pub kept: String,
    /// The duplicate's own id (or `file:line` when it had none).
    pub merged: String,
    /// Where the duplicate was read.
    pub origin: String,
    /// `same id`, `same url` or `same body`.
    pub reason: String,
}

/// An article whose id is not its record's own id as written.
#[derive(Debug, Clone, Serialize)]
pub struct IdChange {
    /// The record's id as written (or its address, when the id came from it).
    pub raw: String,
    /// The article's id.
    pub id: String,
    /// Where the record was read (`file:line`).
    pub origin: String,
    /// `url-safe`: rewritten to the characters an id may have (`x y` → `x-y`, Cyrillic
    /// transliterated); `unusable`: the record's id has no such character (`""`, `!!!`), so the
    /// id came from the address or a hash of the text; `taken`: an earlier article already had
    /// the id, so a hash of the record's own id was added (the first in input order keeps the
    /// plain id). Two reasons are joined: `url-safe, taken`.
    pub reason: &'static str,
}

/// The titles of one source that it cut at one length (see `mark_cut_titles`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct TitlesCut {
    /// The length, in characters (Unicode scalar values), the source cut its titles at.
    pub length: usize,
    /// Its titles that stop there (or one character short) without a sentence's closing mark:
    /// each ends with "…", unless `--keep-cut-titles`.
    pub marked: usize,
    /// Whether they were left as they are (`--keep-cut-titles`).
    pub kept: bool,
}

/// Twins linked.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TwinReport {
    /// Pairs of articles linked (a group of three languages counts three pairs).
    pub pairs: u64,
    /// Twin keys shared by several articles of one language: not linked.
    pub ambiguous: Vec<String>,
}

/// The whole report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RecordsReport {
    /// The files read.
    pub inputs: Vec<FileInfo>,
    /// Good records read in all.
    pub records_read: u64,
    /// Records (or file remainders) that could not be read; with `--keep-going` only.
    pub bad_records: Vec<BadRecord>,
    /// Records left out by `--where`.
    pub skipped_by_filter: u64,
    /// Records left out for having no title, lead or body.
    pub skipped: Vec<Skipped>,
    /// Articles written.
    pub articles: usize,
    /// Articles with a date.
    pub dated: usize,
    /// Articles without a date.
    pub undated: usize,
    /// Articles per language.
    pub by_language: BTreeMap<String, usize>,
    /// Articles per section id (`-` for none).
    pub by_section: BTreeMap<String, usize>,
    /// Articles per source (`-` for none).
    pub by_source: BTreeMap<String, usize>,
    /// Articles per year (`-` for undated).
    pub by_year: BTreeMap<String, usize>,
    /// Articles without a body (lead or title only).
    pub without_body: usize,
    /// Cleaning counts.
    pub cleaning: CleanCounts,
    /// Null-like values read as absent, per `target: value`.
    pub null_like_values: BTreeMap<String, u64>,
    /// Titles derived from the lead or body (the record had none), by article id.
    pub titles_derived: Vec<String>,
    /// Per source (`(no source)` for none), the titles it cut at one length.
    pub titles_cut: BTreeMap<String, TitlesCut>,
    /// Dates.
    pub dates: DateReport,
    /// Languages.
    pub languages: LangReport,
    /// Duplicate records merged, in input order.
    pub merges: Vec<Merge>,
    /// Records whose id was used by an earlier, different record (other address, title and
    /// body): kept as articles of their own with a suffixed id (`raw id (file:line)`).
    pub id_collisions: Vec<String>,
    /// Articles whose id differs from the record's id as written, in input order.
    pub ids_changed: Vec<IdChange>,
    /// Records with the body of an earlier article but another date (a recurring boilerplate
    /// text, a re-sent notice): kept apart, counted here…
    pub same_body_other_date: u64,
    /// …and each named, in input order: `raw id (file:line): the body of <earlier article's
    /// id>` (the raw id empty when the record had none).
    pub same_body_other_date_records: Vec<String>,
    /// Records with the body and date of an earlier article but another address and title
    /// (two pages of the source that share a text): kept apart, counted here…
    pub same_body_other_page: u64,
    /// …and each named as in `same_body_other_date_records`.
    pub same_body_other_page_records: Vec<String>,
    /// Twins.
    pub twins: TwinReport,
    /// Source fields present in records but not mapped to anything, with how many records had
    /// them.
    pub unmapped_fields: BTreeMap<String, u64>,
    /// The same fields, with how many records had something in them (not null, nor an empty
    /// string, list or object): what was left out.
    pub unmapped_fields_filled: BTreeMap<String, u64>,
    /// The warnings `archive-bundle check` gives for the written bundle, one line each (an
    /// address that will not be linked, …): its articles are kept.
    pub check_warnings: Vec<String>,
}

/// How many merges the summary names one by one (the report names every one).
const MERGES_NAMED: usize = 5;

impl RecordsReport {
    /// The human summary for stderr.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        let join = |m: &BTreeMap<String, usize>| {
            m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
        };
        let files: Vec<String> = self
            .inputs
            .iter()
            .map(|f| {
                // (The format's name in lower case, not the file's: `Kremlin.CSV` stays so.)
                let format = f
                    .feed
                    .as_ref()
                    .map_or_else(|| format!("{:?}", f.format), |d| d.kind.clone())
                    .to_lowercase();
                format!(
                    "{} ({format}{}: {}{})",
                    f.file,
                    if f.gzip { ", gzip" } else { "" },
                    records(f.records),
                    if f.bad > 0 { format!(", {} bad", f.bad) } else { String::new() }
                )
            })
            .collect();
        let _ = writeln!(s, "read {}: {}", records(self.records_read), files.join("; "));
        if !self.bad_records.is_empty() {
            let _ = writeln!(s, "bad records ({}), not imported:", self.bad_records.len());
            for b in self.bad_records.iter().take(20) {
                let _ = writeln!(s, "  {b}");
            }
            if self.bad_records.len() > 20 {
                let _ = writeln!(s, "  … {} more in the JSON report", self.bad_records.len() - 20);
            }
        }
        if self.skipped_by_filter > 0 {
            let _ = writeln!(s, "left out by --where: {}", self.skipped_by_filter);
        }
        if !self.skipped.is_empty() {
            let _ = writeln!(s, "left out (no title, lead or body): {}", self.skipped.len());
            for k in self.skipped.iter().take(5) {
                let _ = writeln!(s, "  {}: {}", k.origin, k.why);
            }
            if self.skipped.len() > 5 {
                let _ = writeln!(s, "  … {} more in the JSON report", self.skipped.len() - 5);
            }
        }
        let _ = writeln!(
            s,
            "articles: {} ({} dated, {} undated, {} without body){}",
            self.articles,
            self.dated,
            self.undated,
            self.without_body,
            if self.by_language.is_empty() {
                String::new()
            } else {
                format!("; {}", join(&self.by_language))
            }
        );
        let d = &self.dates;
        let shapes: Vec<String> = d.by_shape.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let recovered = d.problems.iter().filter(|p| p.recovered).count();
        let _ = writeln!(
            s,
            "dates: {}; {} from page chrome, {} from a dateline, {} times from a dateline; {} problem(s)",
            if shapes.is_empty() { "none read".to_owned() } else { shapes.join(", ") },
            d.from_chrome,
            d.from_dateline,
            d.times_from_dateline,
            d.problems.len() - recovered,
        );
        for (source, (dropped, timed)) in &d.midnight_dropped {
            let _ = writeln!(
                s,
                "  times of 00:00 dropped as no time given: {source} {dropped} of {timed} times"
            );
        }
        for (source, set) in &d.offsets_set {
            let written: Vec<String> =
                set.written.iter().map(|(offset, n)| format!("{offset} {n}")).collect();
            let _ = writeln!(
                s,
                "  UTC offset set by --utc-offset: {source} {} on {} times (the source wrote {})",
                set.offset,
                set.times,
                written.join(", ")
            );
        }
        let problems: Vec<&DateProblem> = d.problems.iter().filter(|p| !p.recovered).collect();
        for p in problems.iter().take(5) {
            let _ = writeln!(s, "  {}: {}", p.id, p.what);
        }
        if problems.len() > 5 {
            let _ = writeln!(s, "  … {} more in the JSON report", problems.len() - 5);
        }
        let l = &self.languages;
        let _ = writeln!(
            s,
            "languages: {} from the source, {} from --lang, {} detected ({} uncertain, {} of them set to the main language; {} undetermined)",
            l.from_source,
            l.from_option,
            l.detected,
            l.uncertain.len(),
            l.set_to_main,
            l.undetermined.len()
        );
        if let Some(first) = l.unrecognised.first() {
            let _ = writeln!(
                s,
                "  {} language value(s) not a language tag, ignored (e.g. {first})",
                l.unrecognised.len()
            );
        }
        let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
        for m in &self.merges {
            *reasons.entry(m.reason.as_str()).or_default() += 1;
        }
        let reasons: Vec<String> = reasons.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let _ = writeln!(
            s,
            "merged duplicates: {}{}; {} with an earlier article's body but another date kept apart",
            self.merges.len(),
            if reasons.is_empty() { String::new() } else { format!(" ({})", reasons.join(", ")) },
            self.same_body_other_date
        );
        if let Some(first) = self.same_body_other_date_records.first() {
            let _ = writeln!(s, "  e.g. {first} (all in the report)");
        }
        // Each merge named, up to a handful: the reader of the summary sees what became one.
        for m in self.merges.iter().take(MERGES_NAMED) {
            let _ = writeln!(s, "  {} merged into {} ({})", m.merged, m.kept, m.reason);
        }
        if self.merges.len() > MERGES_NAMED {
            let _ =
                writeln!(s, "  … {} more (all in the report)", self.merges.len() - MERGES_NAMED);
        }
        if self.same_body_other_page > 0 {
            let _ = writeln!(
                s,
                "{} with an earlier article's body and date but another address and title kept apart",
                self.same_body_other_page
            );
            if let Some(first) = self.same_body_other_page_records.first() {
                let _ = writeln!(s, "  e.g. {first} (all in the report)");
            }
        }
        if !self.id_collisions.is_empty() {
            let _ = writeln!(
                s,
                "id collisions (different records with one id, kept apart): {}",
                self.id_collisions.len()
            );
        }
        if !self.ids_changed.is_empty() {
            let example = |reason: &str| {
                let of: Vec<&IdChange> =
                    self.ids_changed.iter().filter(|c| c.reason == reason).collect();
                of.first()
                    .map(|c| format!("{} (e.g. `{}` → `{}`, {})", of.len(), c.raw, c.id, c.origin))
            };
            let parts: Vec<String> = [
                example("url-safe").map(|e| format!("{e} rewritten to be URL-safe")),
                example("unusable").map(|e| format!("{e} with no usable character, made anew")),
                example("taken")
                    .map(|e| format!("{e} suffixed because an earlier article had the id")),
                example("url-safe, taken")
                    .map(|e| format!("{e} rewritten, then suffixed because the rewrite was taken")),
                example("unusable, taken").map(|e| format!("{e} made anew, then suffixed")),
            ]
            .into_iter()
            .flatten()
            .collect();
            let _ = writeln!(s, "ids changed: {}", parts.join("; "));
        }
        let _ = writeln!(
            s,
            "twins: {} pair(s){}",
            self.twins.pairs,
            if self.twins.ambiguous.is_empty() {
                String::new()
            } else {
                format!(", {} ambiguous key(s) not linked", self.twins.ambiguous.len())
            }
        );
        let c = &self.cleaning;
        let chrome: Vec<String> =
            c.chrome_removed.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let _ = writeln!(
            s,
            "cleaning: entities decoded in {} texts, {} HTML bodies ({} elements dropped){}, {} control chars removed, {} texts NFC-normalised, {} texts with white space normalised",
            c.entities_decoded,
            c.html_bodies,
            c.html_dropped,
            if c.markdown_bodies > 0 { format!(" of which {} Markdown", c.markdown_bodies) } else { String::new() },
            c.control_chars_removed,
            c.nfc_normalised,
            c.whitespace_normalised
        );
        if c.links_resolved + c.links_unresolved > 0 {
            let _ = writeln!(
                s,
                "  relative image and document addresses: {} made whole against the article's or the site's address, {} kept as written{}",
                c.links_resolved,
                c.links_unresolved,
                if c.links_unresolved > 0 { " (nothing to read them against: pass --source-url)" } else { "" }
            );
        }
        if c.captions > 0 {
            let _ = writeln!(
                s,
                "  {} WordPress [caption] shortcodes read as pictures with their captions",
                c.captions
            );
        }
        if c.markdown_like > 0 {
            let _ = writeln!(
                s,
                "  {} bodies look like Markdown ([text](https://…) links, ![](…) images, ## headings) and were read as plain text: pass --markdown to read them as Markdown",
                c.markdown_like
            );
        }
        let _ = writeln!(
            s,
            "  chrome removed: {}; repeated title {} / lead {} removed from bodies, {} leads repeating the title dropped, {} datelines moved out of bodies",
            if chrome.is_empty() { "none".to_owned() } else { chrome.join(", ") },
            c.title_repeated_in_body,
            c.lead_repeated_in_body,
            c.lead_repeats_title,
            c.datelines_from_body
        );
        if c.literal_n_rows > 0 {
            let _ = writeln!(
                s,
                "  literal-n newlines repaired in {} rows: {} paragraph breaks, {} joins",
                c.literal_n_rows, c.literal_n_breaks, c.literal_n_joins
            );
        }
        if !self.titles_derived.is_empty() {
            let first: Vec<&str> = self.titles_derived.iter().take(5).map(String::as_str).collect();
            let _ = writeln!(
                s,
                "  titles derived from the text: {} ({}{})",
                self.titles_derived.len(),
                first.join(", "),
                if self.titles_derived.len() > 5 { ", … in the JSON report" } else { "" }
            );
        }
        for (source, cut) in &self.titles_cut {
            let _ = writeln!(
                s,
                "  titles cut by the source at {} characters: {source} {}, {}",
                cut.length,
                cut.marked,
                if cut.kept {
                    "left as they are (--keep-cut-titles)"
                } else {
                    "each ended with “…”"
                }
            );
        }
        if !self.null_like_values.is_empty() {
            let n: Vec<String> =
                self.null_like_values.iter().map(|(k, v)| format!("{k} ×{v}")).collect();
            let _ = writeln!(s, "  null-like values read as absent: {}", n.join(", "));
        }
        if !self.unmapped_fields.is_empty() {
            // What each left out: `supplements` is in every record, but holds something in 27.
            let n: Vec<String> = self
                .unmapped_fields
                .keys()
                .map(|k| match self.unmapped_fields_filled.get(k).copied().unwrap_or(0) {
                    0 => format!("{k} (always empty)"),
                    n => format!("{k} ({n} with a value)"),
                })
                .collect();
            let _ = writeln!(s, "unmapped source fields (ignored): {}", n.join(", "));
        }
        s
    }
}

/// `n` records, in the singular for one.
fn records(n: u64) -> String {
    format!("{n} record{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_each_merge_up_to_a_handful_and_the_pages_kept_apart() {
        let mut report = RecordsReport::default();
        for i in 0..7 {
            report.merges.push(Merge {
                kept: format!("k{i}"),
                merged: format!("m{i}"),
                origin: format!("a.jsonl:{i}"),
                reason: "same body".to_owned(),
            });
        }
        report.same_body_other_page = 1;
        report.unmapped_fields.extend([("notes".to_owned(), 9), ("extra".to_owned(), 9)]);
        report.unmapped_fields_filled.insert("notes".to_owned(), 3);
        report.same_body_other_page_records.push("r2 (a.jsonl:9): the body of r1".to_owned());
        let s = report.summary();
        assert!(s.contains("merged duplicates: 7 (same body 7)"), "{s}");
        assert!(s.contains("  m0 merged into k0 (same body)\n"), "{s}");
        assert!(s.contains("  m4 merged into k4 (same body)\n"), "{s}");
        assert!(!s.contains("m5 merged"), "{s}");
        assert!(s.contains("  … 2 more (all in the report)"), "{s}");
        assert!(
            s.contains(
                "unmapped source fields (ignored): extra (always empty), notes (3 with a value)"
            ),
            "{s}"
        );
        assert!(s.contains(
            "1 with an earlier article's body and date but another address and title kept apart\n  e.g. r2 (a.jsonl:9): the body of r1 (all in the report)"
        ), "{s}");
    }
}
