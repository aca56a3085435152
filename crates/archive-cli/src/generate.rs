//! `archive-bundle generate`: big, realistic test archives made from real ones, for scale
//! benchmarks (a million articles) and end-to-end tests (a hundred thousand).
//!
//! Real text matters for those: the tokenizer, the stemmers, BM25 and the facets behave on
//! Russian and English news as they will in use, which a lorem-ipsum archive would not show.
//!
//! # Algorithm
//!
//! The inputs are checked single-file bundles; one with an error-severity problem is refused
//! with its problems listed (warnings are fine: those articles load). Their articles form one
//! pool of `S` sources. Generated article `i` (0-based, `i < N`) is:
//!
//! - a copy of source `random(0..S)`: title, lead, body, language, section, source, dateline,
//!   tags, people, places, time, UTC offset, retrieval time and notes as they are;
//! - with the id `g{i}-{source id}`, cut to [`MAX_ID_LEN`] bytes (unique, since `g{i}-` is);
//! - with probability ½, one more body block at the end: a random block of another random
//!   source of the same language that has a body, so no text is a verbatim duplicate;
//! - without `url` (a generated article was never published) and without `twins` (the twins'
//!   ids changed);
//! - dated in generation `g = i / S`: the source's month and day, the year moved back by
//!   `g × (span of the source years + 1)`, so each generation lies before the previous one and
//!   copies do not pile onto the same days. A 29 February that lands in a common year becomes
//!   the 28th. When the year would fall below [`MIN_YEAR`], the source's date is kept. An undated
//!   source gives an undated article.
//!
//! The archive metadata is the first input's, with `-generated` after the id and
//! ` (generated)` after each title; its languages are those of all inputs (then any language
//! only an article has); there is no `generated_at`, `content_hash` or `search_index`. The
//! sections are all inputs' sections, the first of each id kept.
//!
//! The bundle is written as it is generated, each article serialised straight into a buffered
//! file, so memory holds the inputs and one article, whatever `N`. Articles go one per line
//! (compact JSON) inside the `articles` array, so `head` and `wc -l` are useful on the output.
//! It is written to a `.partial` file beside the output and renamed when complete.
//!
//! # Determinism
//!
//! Every random choice comes from one ChaCha8 stream (`rand_chacha`) seeded with `--seed`
//! through `SeedableRng::seed_from_u64`, drawn in a fixed order, and no clock or hash-map order
//! reaches the output: the same inputs, in the same order, and seed give a byte-identical
//! bundle. `rand` promises value stability of `random_range` / `random_bool` within a minor
//! version only, so that holds for a given Cargo.lock.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use archive_core::date::days_in_month;
use archive_core::{load_bundle, ArchiveMeta, Article, CivilDate, Section, Severity, FORMAT};
use indicatif::ProgressBar;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::import::read_text;

/// The longest generated article id, in bytes (ids are ASCII).
pub const MAX_ID_LEN: usize = 120;

/// No generated date falls before this year: a source whose shifted year would keeps its date.
pub const MIN_YEAR: i64 = 1000;

/// How many error problems of a refused input are printed before "… and N more".
const SHOWN_PROBLEMS: usize = 50;

/// Options of `archive-bundle generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// A checked single-file bundle to take articles from (repeatable; the first gives the
    /// archive metadata).
    #[arg(long = "from", value_name = "BUNDLE", required = true)]
    pub from: Vec<PathBuf>,

    /// How many articles to write.
    #[arg(long, value_name = "N")]
    pub count: usize,

    /// Seed of the random choices: the same inputs and seed give the same bytes.
    #[arg(long, value_name = "S")]
    pub seed: u64,

    /// The bundle to write.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// No progress bar and no summary (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
}

/// The loaded inputs: the metadata and sections to write, and the source articles.
struct Sources {
    archive: ArchiveMeta,
    sections: Vec<Section>,
    articles: Vec<Article>,
    /// Per source article, the indices of the articles of its language that have a body.
    donors_of: Vec<usize>,
    donor_lists: Vec<Vec<usize>>,
    /// The whole years between generations: the span of the dated sources' years plus one.
    year_step: i64,
}

/// Runs `generate`: loads the inputs, writes `args.count` articles to `args.output`, prints a
/// summary to stderr.
///
/// # Errors
/// An input cannot be read, or the output written (the chain holds the `std::io::Error`: exit
/// code 2); an input is not a usable bundle, has error-severity problems (listed on stderr), or
/// the inputs have no article (exit code 1).
pub fn run(args: &GenerateArgs) -> Result<()> {
    let start = Instant::now();
    let sources = load_sources(&args.from)?;
    let bar = crate::progress::bar(
        args.count as u64,
        args.quiet,
        "{spinner} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} articles ({eta})",
    );
    let partial = partial_path(&args.output);
    let written = write_file(&partial, &sources, args.count, args.seed, &bar)
        .and_then(|bytes| {
            fs::rename(&partial, &args.output)
                .with_context(|| format!("cannot write `{}`", args.output.display()))?;
            Ok(bytes)
        })
        .inspect_err(|_| {
            let _ = fs::remove_file(&partial);
        });
    bar.finish_and_clear();
    let bytes = written?;
    if !args.quiet {
        eprintln!(
            "generated {} articles from {} source articles into {}: {} bytes in {:.1} s",
            args.count,
            sources.articles.len(),
            args.output.display(),
            bytes,
            start.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// `DIR/.NAME.partial` for `DIR/NAME`: where the bundle is written until it is complete.
fn partial_path(output: &Path) -> PathBuf {
    let name = output.file_name().map_or_else(|| "bundle".into(), |n| n.to_string_lossy());
    output.with_file_name(format!(".{name}.partial"))
}

/// Loads every input; refuses one with error-severity problems, listing them on stderr.
fn load_sources(paths: &[PathBuf]) -> Result<Sources> {
    let mut archive: Option<ArchiveMeta> = None;
    let mut sections: Vec<Section> = Vec::new();
    let mut articles: Vec<Article> = Vec::new();
    for path in paths {
        let loaded = {
            let text = read_text(path)?;
            load_bundle(&text)
                .with_context(|| format!("`{}` is not a usable bundle", path.display()))?
        };
        let errors = loaded.count(Severity::Error);
        if errors > 0 {
            let errs = loaded.problems.iter().filter(|p| p.severity == Severity::Error);
            for problem in errs.clone().take(SHOWN_PROBLEMS) {
                eprintln!("{}: {problem}", path.display());
            }
            if errors > SHOWN_PROBLEMS {
                eprintln!("{}: … and {} more errors", path.display(), errors - SHOWN_PROBLEMS);
            }
            bail!(
                "`{}` has {errors} error{}: generate takes only bundles that `archive-bundle \
                 check` passes, so that no article is skipped silently",
                path.display(),
                if errors == 1 { "" } else { "s" }
            );
        }
        let bundle = loaded.bundle;
        match &mut archive {
            None => archive = Some(bundle.archive),
            Some(a) => {
                for lang in bundle.archive.languages {
                    if !a.languages.contains(&lang) {
                        a.languages.push(lang);
                    }
                }
            }
        }
        for s in bundle.sections {
            if !sections.iter().any(|t| t.id == s.id) {
                sections.push(s);
            }
        }
        articles.extend(bundle.articles);
    }
    let Some(mut archive) = archive else { bail!("no input bundle was given") };
    if articles.is_empty() {
        bail!("the inputs have no usable article to generate from");
    }
    archive.id.push_str("-generated");
    for title in archive.title.values_mut() {
        title.push_str(" (generated)");
    }
    for a in &articles {
        if !archive.languages.contains(&a.lang) {
            archive.languages.push(a.lang.clone());
        }
    }
    archive.generated_at = None;
    archive.content_hash = None;
    archive.search_index = None;

    // Donors by language, in source order: the position of the article's language in
    // `archive.languages` picks its list.
    let mut donor_lists: Vec<Vec<usize>> = vec![Vec::new(); archive.languages.len()];
    let mut donors_of = Vec::with_capacity(articles.len());
    for (i, a) in articles.iter().enumerate() {
        let l = archive.languages.iter().position(|l| *l == a.lang).unwrap_or_default();
        donors_of.push(l);
        if !a.body.is_empty() {
            donor_lists[l].push(i);
        }
    }
    let years = articles.iter().filter_map(|a| a.date).map(|d| i64::from(d.year()));
    let year_step = match (years.clone().min(), years.max()) {
        (Some(lo), Some(hi)) => hi - lo + 1,
        _ => 1,
    };
    Ok(Sources { archive, sections, articles, donors_of, donor_lists, year_step })
}

/// Writes the whole bundle to `path`; returns its size in bytes.
fn write_file(
    path: &Path,
    sources: &Sources,
    count: usize,
    seed: u64,
    bar: &ProgressBar,
) -> Result<u64> {
    let file = File::create(path).with_context(|| format!("cannot write `{}`", path.display()))?;
    let mut out = Counting { inner: BufWriter::with_capacity(1 << 20, file), bytes: 0 };
    write_bundle(&mut out, sources, count, seed, bar)
        .and_then(|()| out.flush())
        .and_then(|()| out.inner.get_ref().sync_all())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(out.bytes)
}

/// Serialises the bundle into `out`, one article at a time.
fn write_bundle(
    out: &mut impl Write,
    sources: &Sources,
    count: usize,
    seed: u64,
    bar: &ProgressBar,
) -> std::io::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    write!(out, "{{\"format\":")?;
    serde_json::to_writer(&mut *out, FORMAT)?;
    write!(out, ",\"version\":{},\n\"archive\":", archive_core::VERSION)?;
    serde_json::to_writer(&mut *out, &sources.archive)?;
    write!(out, ",\n\"sections\":")?;
    serde_json::to_writer(&mut *out, &sources.sections)?;
    write!(out, ",\n\"articles\":[")?;
    for i in 0..count {
        let article = generate_one(i, sources, &mut rng);
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &article)?;
        if i % 4096 == 4095 {
            bar.set_position(i as u64 + 1);
        }
    }
    bar.set_position(count as u64);
    out.write_all(b"\n]}\n")
}

/// Generated article `i` (see the module docs).
fn generate_one(i: usize, sources: &Sources, rng: &mut ChaCha8Rng) -> Article {
    let n = sources.articles.len();
    let s = rng.random_range(0..n);
    let src = &sources.articles[s];
    let mut a = src.clone();
    a.id = generated_id(i, &src.id);
    a.url = None;
    a.twins = Vec::new();
    if rng.random_bool(0.5) {
        let donors = &sources.donor_lists[sources.donors_of[s]];
        let pick = if donors.is_empty() { None } else { Some(rng.random_range(0..donors.len())) };
        // "Another" article: past the source itself to the next donor, when there is one.
        let d = pick.and_then(|j| match donors[j] {
            d if d != s => Some(d),
            _ if donors.len() > 1 => Some(donors[(j + 1) % donors.len()]),
            _ => None,
        });
        if let Some(d) = d {
            let body = &sources.articles[d].body;
            a.body.push(body[rng.random_range(0..body.len())].clone());
        }
    }
    let generation = (i / n) as i64;
    a.date = src.date.map(|d| shift_years(d, generation * sources.year_step));
    a
}

/// `g{i}-{source id}`, the source id cut so the whole is at most [`MAX_ID_LEN`] bytes.
fn generated_id(i: usize, source_id: &str) -> String {
    let mut id = format!("g{i}-");
    let room = MAX_ID_LEN.saturating_sub(id.len());
    // Valid ids are ASCII, so any byte is a character boundary; guard anyway.
    let mut end = room.min(source_id.len());
    while !source_id.is_char_boundary(end) {
        end -= 1;
    }
    id.push_str(&source_id[..end]);
    id
}

/// `date` moved back by `years`, the month and day kept (29 February → 28th in a common year);
/// `date` itself when the year would fall below [`MIN_YEAR`].
fn shift_years(date: CivilDate, years: i64) -> CivilDate {
    let year = i64::from(date.year()) - years;
    if years == 0 || year < MIN_YEAR {
        return date;
    }
    let Ok(year) = u16::try_from(year) else { return date };
    let day = date.day().min(days_in_month(year, date.month()));
    CivilDate::new(year, date.month(), day).unwrap_or(date)
}

/// A writer that counts the bytes written through it.
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> CivilDate {
        s.parse().unwrap()
    }

    #[test]
    fn years_move_back_by_whole_generations() {
        assert_eq!(shift_years(date("2022-03-08"), 0), date("2022-03-08"));
        assert_eq!(shift_years(date("2022-03-08"), 17), date("2005-03-08"));
        assert_eq!(shift_years(date("2024-02-29"), 1), date("2023-02-28"));
        assert_eq!(shift_years(date("2024-02-29"), 4), date("2020-02-29"));
        // Below year 1000 the source's date stays.
        assert_eq!(shift_years(date("2010-05-01"), 1011), date("2010-05-01"));
        assert_eq!(shift_years(date("2010-05-01"), 1010), date("1000-05-01"));
    }

    #[test]
    fn ids_are_prefixed_and_cut_to_120_bytes() {
        assert_eq!(generated_id(7, "csto-news-1"), "g7-csto-news-1");
        let long = "x".repeat(200);
        let id = generated_id(123_456, &long);
        assert_eq!(id.len(), MAX_ID_LEN);
        assert!(id.starts_with("g123456-xxx"));
        assert!(archive_core::model::is_valid_id(&id));
    }
}
