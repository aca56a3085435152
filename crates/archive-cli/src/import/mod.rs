//! `archive-bundle import`: turning scraped material into a bundle.
//!
//! `import records` reads exports — JSON arrays, JSON Lines, CSV, each possibly gzipped — with a
//! field mapping (see [`records`]).
//!
//! `import pages` reads page texts of the CSTO site's layout — `.jsonl` files of
//! `{"url","lang","text"}` records (an extra `variant` field is accepted) and plain `.txt` page
//! texts — and writes one pretty-printed, deterministic bundle (format version 1). See
//! `docs/importing.md` for what is recognised and how.

mod assemble;
pub mod csto;
mod pages;
pub mod records;
mod report;
pub mod text;
pub mod url;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{anyhow, bail, Context, Result};
use archive_core::{load_bundle, Location, Problem, Severity, Timestamp};
use clap::Args;
use serde::Deserialize;

use self::assemble::{assemble, page_report, Meta, Parsed};
use self::pages::{parse_page, Outcome, PageText, SharedLines};
use self::report::Report;
use self::url::PageUrl;

/// Options of `archive-bundle import pages`.
#[derive(Debug, Args)]
pub struct PagesArgs {
    /// Page texts: `.jsonl` files of {"url","lang","text"} records (one per line; an extra
    /// "variant" field is allowed) and `.txt` files holding one page text each.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Where to write the bundle (`-` for standard output); a folder it names that is not there
    /// is made.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// The address of the page in the (single) `.txt` input. Without it a `.txt` page is matched
    /// to a `.jsonl` page with the same headline and language, else it gets an id from its headline.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// The language of the `.txt` input (`en`, `ru`). Default: from `--url`, else from the script
    /// of the text (mostly Cyrillic → `ru`).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// The bundle's `generated_at` (RFC 3339, e.g. 2025-01-01T00:00:00Z). Default: now. Fix it to
    /// make rebuilds byte-identical.
    #[arg(long, value_name = "RFC3339")]
    pub generated_at: Option<String>,

    /// Also write the import report as JSON, with one entry per page text.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

/// One record of a `.jsonl` page file.
#[derive(Debug, Deserialize)]
struct PageRecord {
    url: String,
    lang: String,
    text: String,
    #[serde(default)]
    #[allow(dead_code)]
    variant: Option<serde_json::Value>,
}

/// Reads a file as UTF-8 text; I/O failures keep their `std::io::Error` (exit code 2), bad
/// encoding is a data error (exit code 1).
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        anyhow!(
            "`{}` is not UTF-8 text: invalid byte at line {line}, column {column}",
            path.display()
        )
    })
}

fn read_jsonl(path: &Path, out: &mut Vec<PageText>) -> Result<usize> {
    let text = read_text(path)?;
    let name = path.display();
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let record: PageRecord = serde_json::from_str(line).map_err(|e| {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
            anyhow!(
                "{name}:{line_no}:{}: not a page record {{\"url\",\"lang\",\"text\"}}: {msg}",
                e.column()
            )
        })?;
        let url =
            PageUrl::parse(&record.url).with_context(|| format!("{name}:{line_no}: bad `url`"))?;
        if record.lang.trim().is_empty() {
            bail!("{name}:{line_no}: `lang` is empty");
        }
        out.push(PageText {
            origin: format!("{}:{line_no}", file_name(path)),
            key: url.key(),
            url: Some(url),
            lang: record.lang,
            text: record.text,
        });
        n += 1;
    }
    Ok(n)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Parses `--generated-at`, or takes the current time.
fn generated_at(arg: Option<&str>) -> Result<Timestamp> {
    match arg {
        Some(s) => Timestamp::from_str(s).map_err(|e| anyhow!("--generated-at: {e}")),
        None => Timestamp::from_str(&now_rfc3339()).map_err(|e| anyhow!("system clock: {e}")),
    }
}

/// The current UTC time as RFC 3339, from the system clock (days to civil date by Howard
/// Hinnant's `civil_from_days`, <http://howardhinnant.github.io/date_algorithms.html>).
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem / 60 % 60, rem % 60)
}

/// Loads a built bundle's JSON as the app (and `check`) will, and returns its warnings: what the
/// publisher should know before publishing (an address that will not be linked, an article
/// without a date, …).
///
/// # Errors
/// The bundle does not load or has an error-severity problem: the importer built something the
/// app would refuse, which is a bug (`internal error: …`); nothing is written then.
pub(crate) fn check_built(json: &str) -> Result<Vec<Problem>> {
    let loaded = load_bundle(json)
        .map_err(|e| anyhow!("internal error: the built bundle does not load: {e}"))?;
    if let Some(p) = loaded.problems.iter().find(|p| p.severity == Severity::Error) {
        bail!("internal error: the built bundle has an error: {p}");
    }
    Ok(loaded.problems)
}

/// How many kinds of warning an import's summary names (the JSON report has every warning).
const WARNING_KINDS_NAMED: usize = 8;

/// The summary's lines for the built bundle's `warnings` ([`check_built`]), grouped by the field
/// they are about (`body[3].src` and `body[0].src` are one kind, `body[].src`): how many, and
/// the first as `check` prints it. Empty when there are none.
pub(crate) fn warnings_summary(warnings: &[Problem]) -> String {
    let mut kinds: Vec<(String, usize, &Problem)> = Vec::new();
    for w in warnings {
        let key = match &w.location {
            Location::Archive { field } => format!("archive {field}"),
            Location::Section { field, .. } => format!("section {}", field_kind(field.as_deref())),
            Location::Article { field, .. } => format!("article {}", field_kind(field.as_deref())),
        };
        match kinds.iter_mut().find(|(k, ..)| *k == key) {
            Some((_, n, _)) => *n += 1,
            None => kinds.push((key, 1, w)),
        }
    }
    let mut s = String::new();
    if warnings.is_empty() {
        return s;
    }
    let _ = writeln!(
        s,
        "check: {} warning(s), as `archive-bundle check` gives them (the articles are kept):",
        warnings.len()
    );
    for (_, n, first) in kinds.iter().take(WARNING_KINDS_NAMED) {
        let _ = writeln!(s, "  {n} like: {first}");
    }
    if kinds.len() > WARNING_KINDS_NAMED {
        let _ = writeln!(
            s,
            "  and {} other kinds, in the JSON report and `archive-bundle check`",
            kinds.len() - WARNING_KINDS_NAMED
        );
    }
    s
}

/// A problem's field without its positions (`body[3].src` → `body[].src`), `-` for none.
fn field_kind(field: Option<&str>) -> String {
    let Some(field) = field else { return "-".to_owned() };
    let mut kind = String::with_capacity(field.len());
    let mut in_index = false;
    for c in field.chars() {
        match c {
            '[' => {
                in_index = true;
                kind.push('[');
            }
            ']' => {
                in_index = false;
                kind.push(']');
            }
            _ if in_index => {}
            _ => kind.push(c),
        }
    }
    kind
}

/// Writes a built bundle to `output` (`-`: standard output) and, when asked, the import report
/// as pretty JSON to `report_path`, making the folders they name (as `index --out-dir` does).
///
/// # Errors
/// A file, its folder or standard output cannot be written (an I/O error: exit code 2).
pub(crate) fn write_outputs(
    output: &Path,
    json: &str,
    report_path: Option<&Path>,
    report: &impl serde::Serialize,
) -> Result<()> {
    if output.as_os_str() == "-" {
        use std::io::Write;
        std::io::stdout().write_all(json.as_bytes()).context("cannot write to standard output")?;
    } else {
        write_file(output, json.as_bytes())?;
    }
    if let Some(path) = report_path {
        let mut r = serde_json::to_string_pretty(report).context("serialising the report")?;
        r.push('\n');
        write_file(path, r.as_bytes())?;
    }
    Ok(())
}

/// Writes `bytes` to `path`, making its folder first when it is not there.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)
            .with_context(|| format!("cannot make the folder `{}`", dir.display()))?;
    }
    fs::write(path, bytes).with_context(|| format!("cannot write `{}`", path.display()))
}

/// Runs `import pages`: reads, parses, assembles, checks and writes the bundle, prints the
/// report to stderr.
///
/// # Errors
/// A file that cannot be read or written (the chain holds the `std::io::Error`), a malformed
/// record (named by file and line), a bad `--url`/`--lang`/`--generated-at`, or — a bug — a
/// bundle that does not pass the loader's checks.
pub fn run_pages(args: &PagesArgs) -> Result<()> {
    let generated_at = generated_at(args.generated_at.as_deref())?;
    let txt_count = args.inputs.iter().filter(|p| has_ext(p, "txt")).count();
    if (args.url.is_some() || args.lang.is_some()) && txt_count != 1 {
        bail!("--url and --lang describe one .txt input, but {txt_count} were given");
    }
    let txt_url = args.url.as_deref().map(PageUrl::parse).transpose().context("--url")?;
    let mut texts: Vec<PageText> = Vec::new();
    let mut report = Report::default();
    for path in &args.inputs {
        let n = if has_ext(path, "jsonl") {
            read_jsonl(path, &mut texts)?
        } else if has_ext(path, "txt") {
            let text = read_text(path)?;
            let lang = match (&args.lang, &txt_url) {
                (Some(l), _) => l.clone(),
                (None, Some(u)) => u.lang().to_owned(),
                (None, None) if text::mostly_cyrillic(&text) => "ru".to_owned(),
                (None, None) => "en".to_owned(),
            };
            let key =
                txt_url.as_ref().map_or_else(|| format!("txt:{}", path.display()), PageUrl::key);
            texts.push(PageText { origin: file_name(path), key, url: txt_url.clone(), lang, text });
            1
        } else {
            bail!("`{}`: unsupported input, expected a .jsonl or .txt file", path.display());
        };
        *report.inputs.entry(file_name(path)).or_default() += n;
    }
    let shared = SharedLines::new(&texts);
    let mut snapshot_of: HashMap<String, usize> = HashMap::new();
    let mut parsed: Vec<(PageText, pages::ParsedPage)> = Vec::with_capacity(texts.len());
    for page in texts {
        let snap = snapshot_of.entry(page.key.clone()).or_default();
        let p = parse_page(&page, *snap, &shared);
        *snap += 1;
        parsed.push((page, p));
    }
    match_untitled_txt(&mut parsed);
    report.distinct_pages =
        parsed.iter().map(|(p, _)| p.key.as_str()).collect::<std::collections::BTreeSet<_>>().len();
    let views: Vec<Parsed<'_>> =
        parsed.iter().map(|(page, p)| Parsed { page, parsed: p.clone() }).collect();
    report.pages = views.iter().map(page_report).collect();
    let bundle = assemble(&views, Meta { generated_at }, &mut report);
    if bundle.articles.is_empty() {
        eprint!("{}", report.summary());
        bail!("no article to import (see the counts above): nothing written");
    }
    let mut json = serde_json::to_string_pretty(&bundle).context("serialising the bundle")?;
    json.push('\n');
    // Never write a bundle the app would refuse; say what it will warn of.
    let warnings = check_built(&json)?;
    report.check_warnings = warnings.iter().map(ToString::to_string).collect();
    write_outputs(&args.output, &json, args.report.as_deref(), &report)?;
    eprint!("{}{}", report.summary(), warnings_summary(&warnings));
    if args.output.as_os_str() != "-" {
        eprintln!("wrote {} ({} bytes)", args.output.display(), json.len());
    }
    Ok(())
}

fn has_ext(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Gives a `.txt` page without URL the address of a `.jsonl` page whose main article has the
/// same headline in the same language, so both are read as one page.
fn match_untitled_txt(parsed: &mut [(PageText, pages::ParsedPage)]) {
    let title_of = |p: &pages::ParsedPage| match &p.outcome {
        Outcome::Article(a) if !a.title_derived => Some(text::collapse_ws(&a.title)),
        _ => None,
    };
    let known: Vec<(String, String, PageUrl)> = parsed
        .iter()
        .filter_map(|(page, p)| Some((title_of(p)?, page.lang.clone(), page.url.clone()?)))
        .collect();
    for (page, p) in parsed.iter_mut() {
        if page.url.is_some() {
            continue;
        }
        let Some(title) = title_of(p) else { continue };
        if let Some((_, _, url)) = known.iter().find(|(t, l, _)| *t == title && *l == page.lang) {
            page.key = url.key();
            page.url = Some(url.clone());
        }
    }
}
