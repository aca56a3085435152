//! `archive-bundle stats FILE`: what a bundle holds, counted — per section, year, language and
//! source; articles without date, section or body; twins; merged duplicates (from the
//! articles' importer notes, or from an import report); and a per-year histogram drawn with
//! block characters, scaled to the busiest year.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use archive_core::{load_bundle, Bundle};
use serde::Serialize;

use crate::import::read_text;
use crate::stdout::outln;

/// The counts of one bundle. Field names are the keys of `--json`.
#[derive(Debug, Default, Serialize)]
pub struct Stats {
    /// The archive id.
    pub archive: String,
    /// Articles usable (loaded without error).
    pub articles: usize,
    /// Sections declared.
    pub sections: usize,
    /// Articles per section title (`-` for none).
    pub by_section: BTreeMap<String, usize>,
    /// Articles per year (`-` for undated).
    pub by_year: BTreeMap<String, usize>,
    /// Articles per language.
    pub by_language: BTreeMap<String, usize>,
    /// Articles per source (`-` for none).
    pub by_source: BTreeMap<String, usize>,
    /// Articles without a date.
    pub without_date: usize,
    /// Articles without a section.
    pub without_section: usize,
    /// Articles without body blocks.
    pub without_body: usize,
    /// Articles with at least one twin.
    pub with_twins: usize,
    /// Duplicates merged on import, per reason (`same id`, `same url`, `same body`).
    pub merges: BTreeMap<String, usize>,
    /// Problems the loader reported (errors and warnings).
    pub problems: usize,
}

/// Counts `bundle`'s articles; `report` (an import report's JSON) supplies merges when given,
/// else the importer's notes on the articles do.
pub fn count(bundle: &Bundle, report: Option<&serde_json::Value>) -> Stats {
    let mut s = Stats {
        archive: bundle.archive.id.clone(),
        articles: bundle.articles.len(),
        sections: bundle.sections.len(),
        ..Stats::default()
    };
    let lang = bundle.archive.default_language.as_str();
    let section_title: BTreeMap<&str, String> = bundle
        .sections
        .iter()
        .map(|sec| {
            let t = archive_core::model::pick(&sec.title, lang, lang).unwrap_or(&sec.id);
            (sec.id.as_str(), format!("{t} ({})", sec.id))
        })
        .collect();
    for a in &bundle.articles {
        let section = match &a.section {
            Some(id) => section_title.get(id.as_str()).cloned().unwrap_or_else(|| id.clone()),
            None => {
                s.without_section += 1;
                "-".to_owned()
            }
        };
        *s.by_section.entry(section).or_default() += 1;
        let year = match a.date {
            Some(d) => d.year().to_string(),
            None => {
                s.without_date += 1;
                "-".to_owned()
            }
        };
        *s.by_year.entry(year).or_default() += 1;
        *s.by_language.entry(a.lang.clone()).or_default() += 1;
        *s.by_source.entry(a.source.clone().unwrap_or_else(|| "-".into())).or_default() += 1;
        if a.body.is_empty() {
            s.without_body += 1;
        }
        if !a.twins.is_empty() {
            s.with_twins += 1;
        }
        if report.is_none() {
            for n in &a.notes {
                if let Some(rest) = n.strip_prefix("merged with duplicate record ") {
                    let reason = rest.rsplit(": ").next().unwrap_or("?");
                    *s.merges.entry(reason.to_owned()).or_default() += 1;
                }
            }
        }
    }
    if let Some(merges) = report.and_then(|r| r.get("merges")).and_then(|m| m.as_array()) {
        for m in merges {
            let reason = m.get("reason").and_then(|r| r.as_str()).unwrap_or("?");
            *s.merges.entry(reason.to_owned()).or_default() += 1;
        }
    }
    s
}

/// The text form: tables of counts and the per-year histogram (bars of `█` up to 50 wide).
pub fn render(s: &Stats) -> String {
    let mut out = String::new();
    let merges: usize = s.merges.values().sum();
    let _ = writeln!(
        out,
        "{}: {} articles, {} sections, {} loader problems",
        s.archive, s.articles, s.sections, s.problems
    );
    let _ = writeln!(
        out,
        "without date: {}, without section: {}, without body: {}, with twins: {}",
        s.without_date, s.without_section, s.without_body, s.with_twins
    );
    let reasons: Vec<String> = s.merges.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let _ = writeln!(
        out,
        "merged duplicates: {merges}{}",
        if reasons.is_empty() { String::new() } else { format!(" ({})", reasons.join(", ")) }
    );
    for (name, map) in
        [("language", &s.by_language), ("source", &s.by_source), ("section", &s.by_section)]
    {
        let _ = writeln!(out, "\nby {name}:");
        let mut rows: Vec<(&String, &usize)> = map.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let width = rows.iter().map(|(_, n)| n.to_string().len()).max().unwrap_or(1);
        for (k, n) in rows.iter().take(40) {
            let _ = writeln!(out, "  {n:>width$}  {k}");
        }
        if rows.len() > 40 {
            let _ = writeln!(out, "  … {} more", rows.len() - 40);
        }
    }
    let _ = writeln!(out, "\nby year:");
    let max = s.by_year.values().copied().max().unwrap_or(0).max(1);
    let width = s.by_year.values().map(|n| n.to_string().len()).max().unwrap_or(1);
    for (year, n) in &s.by_year {
        let len = (n * 50).div_ceil(max);
        let _ = writeln!(out, "  {year:>4} {n:>width$} {}", "█".repeat(len));
    }
    out
}

/// Runs `stats`: loads the bundle as the app does and prints the counts to stdout.
///
/// # Errors
/// The file (or the report) cannot be read (exit code 2) or is not a usable bundle (1).
pub fn run(path: &Path, report: Option<&Path>, json: bool) -> Result<()> {
    let text = read_text(path)?;
    let loaded = load_bundle(&text)
        .with_context(|| format!("`{}` is not a usable bundle", path.display()))?;
    let report: Option<serde_json::Value> = match report {
        Some(p) => Some(
            serde_json::from_str(&read_text(p)?)
                .with_context(|| format!("`{}` is not a JSON report", p.display()))?,
        ),
        None => None,
    };
    let mut s = count(&loaded.bundle, report.as_ref());
    s.problems = loaded.problems.len();
    if json {
        outln!("{}", serde_json::to_string_pretty(&s).context("serialising the stats")?);
    } else {
        crate::stdout::write(format_args!("{}", render(&s)));
    }
    Ok(())
}
