//! `archive-bundle import records`: exports (JSON arrays, JSON Lines, CSV, each possibly
//! gzipped) into one bundle.
//!
//! The pipeline, per record in input order: read ([`input`]) → filter (`--where`) → map fields
//! ([`mapping`]) → clean texts and build body blocks ([`clean`], [`html`]) → read the date
//! ([`dates`]) → language (source, `--lang`, or [`lang`] detection) → id. Then, over all
//! articles: merge duplicates (same id, same URL, same body; the first read is kept), link twins
//! (a shared number in the address), collect sections, and write a bundle that
//! `archive_core::load_bundle` accepts without error. Every step is counted in the
//! [`report::RecordsReport`]. See `docs/importing.md`.

pub mod clean;
pub mod dates;
pub mod feed;
pub mod html;
pub mod input;
pub mod lang;
pub mod mapping;
pub mod report;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use archive_core::search::analyze::fold;
use archive_core::{ArchiveMeta, Article, Block, Bundle, Section, UtcOffset};
use clap::Args;
use regex::Regex;
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use self::clean::{chrome_rules, has_literal_n, BodyContext, Cleaner, LiteralN};
use self::dates::{parse_date, year_in_url, DateRead, Published};
use self::input::{read_file, BadRecord, Encoding, Format, Record, Sink};
use self::mapping::{Mapping, Read, Target};
use self::report::{DateProblem, IdChange, Merge, RecordsReport, Skipped, Uncertain};
use super::text::{derive_title, transliterate};

/// The default twin key: host (without `www.`/`en.`) and a trailing number of the address
/// (`kremlin.ru/events/president/news/76870` ↔ `en.kremlin.ru/…/speeches/76870`).
pub const DEFAULT_TWIN_KEY: &str =
    r"^(?:https?://)?(?:www\.|en\.|eng\.)?([^/?#]+)/(?:[^?#]*/)?(?:d/)?(\d{3,})/?(?:[?#].*)?$";

/// Options of `archive-bundle import records`.
#[derive(Debug, Args)]
pub struct RecordsArgs {
    /// Record files: JSON arrays (.json), JSON Lines (.jsonl, .ndjson) or CSV (.csv, .tsv), each
    /// possibly gzipped (detected by its magic bytes), or RSS/Atom feeds (.rss, .atom, .xml). Without a
    /// known extension the first byte decides: `[` JSON array, `{` JSON Lines, `<` feed, else CSV.
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    /// Read every file as this format instead of detecting it.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// The files' encoding. Latin-1 is never guessed: a file that is not UTF-8 is an error
    /// naming the line and byte offset unless `--encoding latin1` is given.
    #[arg(long, value_enum, default_value = "utf8")]
    pub encoding: Encoding,

    /// The CSV field delimiter (default `,`, or a tab for .tsv).
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<char>,

    /// Options shared with `import feed`.
    #[command(flatten)]
    pub opts: ImportOptions,
}

/// Options of `archive-bundle import feed`.
#[derive(Debug, Args)]
pub struct FeedArgs {
    /// RSS 2.0, RSS 1.0 or Atom feeds, each possibly gzipped (detected by its magic bytes). The
    /// encoding is the one their XML declaration names (UTF-8 when none).
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    /// Options shared with `import records`.
    #[command(flatten)]
    pub opts: ImportOptions,
}

/// Options shared by `import records` and `import feed`.
#[derive(Debug, Args)]
pub struct ImportOptions {
    /// Where to write the bundle (`-` for standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// Map an article field to source fields: TARGET=FIELD, e.g. `title=headline`,
    /// `body=article_full_text_*` (columns joined), `title=r+t` (first present), `lead=` (not
    /// read). Targets: id title date body lead url lang section source dateline tags people
    /// places. Repeatable; overrides the defaults and the --config file.
    #[arg(long = "map", value_name = "TARGET=FIELD")]
    pub map: Vec<String>,

    /// A TOML file with `[map]`, `[archive]`, `[chrome]` and `[options]` tables (see
    /// docs/importing.md); command-line options win over it.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Only records whose FIELD (a source field) matches REGEX; the others are counted and
    /// left out. Repeatable (all must match).
    #[arg(long = "where", value_name = "FIELD=REGEX")]
    pub filters: Vec<String>,

    /// The language of records that name none (instead of detecting it).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// The year of dates printed without one ("July 17"), when the address names none.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<u16>,

    /// The archive's id (default: the first input's file name, or its folder's for generic
    /// names like articles.jsonl.gz).
    #[arg(long, value_name = "ID")]
    pub archive_id: Option<String>,

    /// The archive's title in a language, LANG=TEXT; repeatable (default: the id).
    #[arg(long = "title", value_name = "LANG=TEXT")]
    pub titles: Vec<String>,

    /// The archive's default language (default: its most frequent).
    #[arg(long, value_name = "LANG")]
    pub default_language: Option<String>,

    /// The site the archive was taken from.
    #[arg(long, value_name = "URL")]
    pub source_url: Option<String>,

    /// The bundle's `generated_at` (RFC 3339). Default: now.
    #[arg(long, value_name = "RFC3339")]
    pub generated_at: Option<String>,

    /// Another chrome pattern (a regular expression) to remove from bodies and leads;
    /// repeatable. A named group `date` marks a publication date inside it.
    #[arg(long = "chrome", value_name = "REGEX")]
    pub chrome: Vec<String>,

    /// Do not apply the default chrome patterns.
    #[arg(long)]
    pub no_default_chrome: bool,

    /// Repair newlines written as a literal `n` in Russian text (auto: in rows showing it).
    #[arg(long, value_enum, default_value = "auto")]
    pub literal_n: LiteralN,

    /// Read bodies as Markdown (CommonMark): headings, lists, quotes, images and links become
    /// blocks as an HTML body's do. Without it, bodies that look like Markdown are counted in
    /// the report.
    #[arg(long)]
    pub markdown: bool,

    /// The regular expression whose capture groups, applied to an article's URL, make its
    /// twin key; articles of different languages with the same key are linked.
    #[arg(long, value_name = "REGEX")]
    pub twin_key: Option<String>,

    /// Do not link twins.
    #[arg(long)]
    pub no_twins: bool,

    /// Do not merge duplicates (same id, URL or body); same-id records then get distinct ids.
    #[arg(long)]
    pub no_merge: bool,

    /// Leave the titles a source cut at one length as they are. By default each that stops
    /// mid-sentence ends with "…", so that no reader takes "…с гендиректором Бор" for the
    /// whole title (see `titles_cut` in the report).
    #[arg(long)]
    pub keep_cut_titles: bool,

    /// The UTC offset of the clock times of SOURCE's articles (of every source's, without
    /// `SOURCE=`): `+03:00`, `Z`, or `none` to keep the times without one. It replaces what the
    /// source wrote, for a scraper that put `Z` on local times; the date and the time stay as
    /// written. Repeatable; SOURCE is an article's `source` as imported.
    #[arg(long = "utc-offset", value_name = "[SOURCE=]OFFSET")]
    pub utc_offset: Vec<String>,

    /// Import the good records and list the bad ones, instead of stopping at the first.
    #[arg(long)]
    pub keep_going: bool,

    /// Write the report as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// No progress bar and no summary (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
}

/// The TOML configuration file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default)]
    map: BTreeMap<String, String>,
    #[serde(default)]
    archive: ConfigArchive,
    #[serde(default)]
    chrome: BTreeMap<String, String>,
    #[serde(default)]
    options: ConfigOptions,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigArchive {
    id: Option<String>,
    #[serde(default)]
    title: BTreeMap<String, String>,
    default_language: Option<String>,
    source_url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigOptions {
    lang: Option<String>,
    year: Option<u16>,
    literal_n: Option<LiteralN>,
    markdown: Option<bool>,
    no_default_chrome: Option<bool>,
    twin_key: Option<String>,
    #[serde(default, rename = "where")]
    filters: Vec<String>,
    #[serde(default)]
    utc_offset: Vec<String>,
}

/// Everything the run needs, from the options and the config file.
struct Settings {
    mapping: Mapping,
    filters: Vec<(String, Regex)>,
    lang: Option<String>,
    year: Option<u16>,
    archive_id: String,
    titles: BTreeMap<String, String>,
    default_language: Option<String>,
    source_url: Option<String>,
    twin_key: Option<Regex>,
    offsets: OffsetRules,
}

/// `--utc-offset`: the UTC offset to give each source's clock times, in place of the one the
/// source wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct OffsetRules {
    /// Per source, as the articles' `source` has it: the offset, `None` for none.
    by_source: BTreeMap<String, Option<UtcOffset>>,
    /// For every other source, and articles without one, when given.
    others: Option<Option<UtcOffset>>,
}

impl OffsetRules {
    /// Reads `[SOURCE=]OFFSET` specs, OFFSET being `Z`, `±HH:MM` or `none`; a later spec for
    /// the same sources wins (the config's come first, then the command line's).
    ///
    /// # Errors
    /// An OFFSET that is none of those, or an empty SOURCE.
    fn parse<'a>(specs: impl IntoIterator<Item = &'a String>) -> Result<Self> {
        let mut rules = Self::default();
        for spec in specs {
            let (source, offset) = match spec.rsplit_once('=') {
                Some((source, offset)) => (Some(source.trim()), offset.trim()),
                None => (None, spec.trim()),
            };
            let offset = if offset.eq_ignore_ascii_case("none") {
                None
            } else {
                Some(offset.parse::<UtcOffset>().map_err(|e| {
                    anyhow!(
                        "--utc-offset `{spec}`: {e}; expected [SOURCE=]OFFSET, the OFFSET `Z`, \
                         ±HH:MM (such as +03:00) or `none`"
                    )
                })?)
            };
            match source {
                Some("") => bail!("--utc-offset `{spec}`: the source before `=` is empty"),
                Some(source) => _ = rules.by_source.insert(source.to_owned(), offset),
                None => rules.others = Some(offset),
            }
        }
        Ok(rules)
    }

    /// The offset to give the times of `source`'s articles, when one is set.
    fn of(&self, source: Option<&str>) -> Option<Option<UtcOffset>> {
        source.and_then(|s| self.by_source.get(s)).copied().or(self.others)
    }
}

/// An article being built, with what dedup needs.
struct Draft {
    article: Article,
    raw_id: Option<String>,
    origin: String,
    /// Its entry in `languages.uncertain` when its language is a detection whatlang does not
    /// call reliable.
    uncertain_lang: Option<usize>,
}

/// The archive id an input's name gives: the file's name before its first dot, or, when that
/// says nothing of the archive (`articles.jsonl`, `data.csv`), the name of the nearest folder
/// above it that does (`softcatala-articles-ca/raw/articles.json.gz` → `softcatala-articles-ca`);
/// the last name tried when none does, and `archive` when that is empty.
fn default_archive_id(path: &Path) -> String {
    const GENERIC: [&str; 19] = [
        "articles", "data", "export", "exports", "records", "items", "news", "feed", "rss", "atom",
        "index", "raw", "input", "inputs", "dump", "source", "sources", "files", "",
    ];
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let stem = name.split('.').next().unwrap_or("").to_owned();
    let mut base = stem;
    let mut above = path.parent();
    while GENERIC.contains(&base.to_lowercase().as_str()) {
        // `..` and `.` name no folder: the path is as given, not resolved.
        let Some(dir) = above.and_then(|p| p.file_name()) else { break };
        base = dir.to_string_lossy().into_owned();
        above = above.and_then(Path::parent);
    }
    let id = url_safe_id(&base);
    if id.is_empty() {
        "archive".to_owned()
    } else {
        id
    }
}

/// Makes a URL-safe id: Cyrillic transliterated, every run of other characters outside
/// `A-Z a-z 0-9 - _ . ~` turned into `-`, cut to 200 bytes. Case is kept.
pub fn url_safe_id(raw: &str) -> String {
    let t = transliterate(raw);
    let mut out = String::with_capacity(t.len());
    let mut dash = false;
    for c in t.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~') {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    super::text::cut_bytes(&out, 200).trim_start_matches(['-', '.']).to_owned()
}

fn settings(inputs: &[PathBuf], args: &ImportOptions) -> Result<(Settings, Cleaner)> {
    let config: Config = match &args.config {
        Some(path) => {
            let text = super::read_text(path)?;
            toml::from_str(&text)
                .with_context(|| format!("`{}` is not a valid config", path.display()))?
        }
        None => Config::default(),
    };
    let mut mapping = Mapping::default();
    for (target, fields) in &config.map {
        mapping.set(&format!("{target}={fields}")).context("config [map]")?;
    }
    for spec in &args.map {
        mapping.set(spec)?;
    }
    let mut filters = Vec::new();
    for spec in config.options.filters.iter().chain(&args.filters) {
        let (field, re) = spec
            .split_once('=')
            .ok_or_else(|| anyhow!("--where `{spec}`: expected FIELD=REGEX"))?;
        filters
            .push((field.to_owned(), Regex::new(re).with_context(|| format!("--where `{spec}`"))?));
    }
    let mut titles = config.archive.title.clone();
    for t in &args.titles {
        let (lang, text) = t.split_once('=').ok_or_else(|| {
            anyhow!("--title `{t}`: expected LANG=TEXT, such as --title \"en={t}\"")
        })?;
        titles.insert(lang.trim().to_owned(), text.trim().to_owned());
    }
    let archive_id = args
        .archive_id
        .clone()
        .or(config.archive.id.clone())
        .unwrap_or_else(|| default_archive_id(&inputs[0]));
    if !archive_core::model::is_valid_id(&archive_id) {
        bail!("--archive-id `{archive_id}`: not a URL-safe id (letters, digits, - _ . ~)");
    }
    let twin_key = if args.no_twins {
        None
    } else {
        let re = args
            .twin_key
            .clone()
            .or(config.options.twin_key.clone())
            .unwrap_or_else(|| DEFAULT_TWIN_KEY.to_owned());
        Some(Regex::new(&re).context("--twin-key")?)
    };
    let mut custom: Vec<(String, String)> =
        config.chrome.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (i, c) in args.chrome.iter().enumerate() {
        custom.push((format!("custom-{}", i + 1), c.clone()));
    }
    let no_defaults = args.no_default_chrome || config.options.no_default_chrome.unwrap_or(false);
    let source_url = args.source_url.clone().or(config.archive.source_url.clone());
    let cleaner = Cleaner {
        base: source_url.as_deref().and_then(|u| url::Url::parse(u).ok()),
        chrome: chrome_rules(no_defaults, &custom)?,
        literal_n: if args.literal_n == LiteralN::Off {
            LiteralN::Off
        } else {
            config.options.literal_n.unwrap_or(LiteralN::Auto)
        },
        markdown: args.markdown || config.options.markdown.unwrap_or(false),
        counts: clean::CleanCounts::default(),
    };
    Ok((
        Settings {
            mapping,
            filters,
            lang: args.lang.clone().or(config.options.lang),
            year: args.year.or(config.options.year),
            archive_id,
            titles,
            default_language: args.default_language.clone().or(config.archive.default_language),
            source_url,
            twin_key,
            offsets: OffsetRules::parse(config.options.utc_offset.iter().chain(&args.utc_offset))?,
        },
        cleaner,
    ))
}

fn passes(filters: &[(String, Regex)], fields: &Map<String, Value>) -> bool {
    filters.iter().all(|(field, re)| match fields.get(field) {
        Some(Value::String(s)) => re.is_match(s),
        Some(Value::Array(items)) => {
            items.iter().any(|i| i.as_str().is_some_and(|s| re.is_match(s)))
        }
        Some(Value::Number(n)) => re.is_match(&n.to_string()),
        Some(Value::Bool(b)) => re.is_match(&b.to_string()),
        _ => false,
    })
}

/// Normalises a language value from a source (`EN`, `eng`, `English`, `ru-RU` → `en`, …).
fn source_lang(raw: &str) -> Option<String> {
    let l = raw.trim().to_lowercase().replace('_', "-");
    let base = l.split('-').next().unwrap_or("");
    let named = match base {
        "english" | "eng" => "en",
        "russian" | "rus" | "русский" => "ru",
        "ukrainian" | "ukr" => "uk",
        "catalan" | "cat" | "català" => "ca",
        "spanish" | "spa" => "es",
        "french" | "fra" | "fre" => "fr",
        "german" | "deu" | "ger" => "de",
        _ => "",
    };
    if !named.is_empty() {
        return Some(named.to_owned());
    }
    archive_core::model::is_language_tag(&l).then_some(l)
}

/// The state of one run.
struct Run<'a> {
    s: &'a Settings,
    cleaner: Cleaner,
    report: RecordsReport,
    drafts: Vec<Draft>,
    used_fields: BTreeMap<String, u64>,
    all_fields: BTreeMap<String, u64>,
    /// Per field, the records where it holds something (not null, nor an empty string, list
    /// or object).
    filled_fields: BTreeMap<String, u64>,
}

fn text_of(r: Read) -> Option<String> {
    match r {
        Read::Text(t) => Some(t),
        Read::List(l) => Some(l.join(", ")),
        Read::Absent(_) => None,
    }
}

impl Run<'_> {
    fn read(&mut self, fields: &Map<String, Value>, t: Target, used: &mut Vec<String>) -> Read {
        let r = self.s.mapping.read(fields, t, used);
        if let Read::Absent(Some(v)) = &r {
            *self.report.null_like_values.entry(format!("{}: {v}", t.name())).or_default() += 1;
        }
        r
    }

    fn list(
        &mut self,
        fields: &Map<String, Value>,
        t: Target,
        used: &mut Vec<String>,
    ) -> Vec<String> {
        let items = match self.read(fields, t, used) {
            Read::Text(s) => vec![s],
            Read::List(l) => l,
            Read::Absent(_) => Vec::new(),
        };
        let mut out: Vec<String> = Vec::new();
        for i in items {
            let c = self.cleaner.line(&i);
            if !c.is_empty() && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// Turns one record into a draft article (or a skip).
    fn record(&mut self, file: &str, rec: Record) {
        let origin = format!("{file}:{}", rec.line);
        let fields = &rec.fields;
        if !passes(&self.s.filters, fields) {
            self.report.skipped_by_filter += 1;
            return;
        }
        for (k, v) in fields {
            *self.all_fields.entry(k.clone()).or_default() += 1;
            let filled = match v {
                Value::Null => false,
                Value::String(t) => !t.trim().is_empty(),
                Value::Array(a) => !a.is_empty(),
                Value::Object(o) => !o.is_empty(),
                Value::Bool(_) | Value::Number(_) => true,
            };
            if filled {
                *self.filled_fields.entry(k.clone()).or_default() += 1;
            }
        }
        let mut used = Vec::new();
        let raw_id = text_of(self.read(fields, Target::Id, &mut used)).map(|s| s.trim().to_owned());
        let title_raw = text_of(self.read(fields, Target::Title, &mut used));
        let date_raw = text_of(self.read(fields, Target::Date, &mut used));
        let body_raw = text_of(self.read(fields, Target::Body, &mut used));
        let lead_raw = text_of(self.read(fields, Target::Lead, &mut used));
        let url = text_of(self.read(fields, Target::Url, &mut used)).map(|u| u.trim().to_owned());
        let lang_raw = text_of(self.read(fields, Target::Lang, &mut used));
        let section_raw = match self.read(fields, Target::Section, &mut used) {
            Read::Text(t) => Some(t),
            Read::List(l) => l.into_iter().next(),
            Read::Absent(_) => None,
        };
        let source_raw = text_of(self.read(fields, Target::Source, &mut used));
        let dateline_raw = text_of(self.read(fields, Target::Dateline, &mut used));
        let tags = self.list(fields, Target::Tags, &mut used);
        let people = self.list(fields, Target::People, &mut used);
        let places = self.list(fields, Target::Places, &mut used);
        for u in used {
            *self.used_fields.entry(u).or_default() += 1;
        }

        let literal_n_row = body_raw.as_deref().is_some_and(has_literal_n);
        let mut title = title_raw.as_deref().map(|t| self.cleaner.line(t)).unwrap_or_default();
        let mut lead = lead_raw.as_deref().and_then(|l| self.cleaner.lead(l, url.as_deref()));
        if let Some(l) = &lead {
            let l_cmp = l.trim_end_matches(['…', '.', ' ']);
            if !title.is_empty() && title.starts_with(l_cmp) {
                lead = None;
                self.cleaner.counts.lead_repeats_title += 1;
            }
        }
        let body = match &body_raw {
            Some(b) => {
                let ctx = BodyContext {
                    title: &title,
                    lead: lead.as_deref(),
                    places: &places,
                    url: url.as_deref(),
                };
                self.cleaner.body(b, &ctx, literal_n_row)
            }
            None => clean::CleanBody::default(),
        };
        let mut notes = Vec::new();
        let provisional_id = raw_id.clone().unwrap_or_else(|| origin.clone());
        if title.is_empty() {
            let from = lead.clone().or_else(|| body.blocks.first().map(Block::text));
            match from {
                Some(text) if !derive_title(&text).is_empty() => {
                    title = derive_title(&text);
                    notes.push("title derived from the text: the source has none".to_owned());
                    self.report.titles_derived.push(provisional_id.clone());
                }
                _ => {
                    self.report
                        .skipped
                        .push(Skipped { origin, why: "no title, lead or body".to_owned() });
                    return;
                }
            }
        }

        // The date.
        let mut dateline = dateline_raw
            .as_deref()
            .map(|d| self.cleaner.line(d))
            .map(|d| d.trim_end_matches([' ', '-', '–', '—']).to_owned())
            .filter(|d| !d.is_empty());
        let year_context = url.as_deref().and_then(year_in_url).or(self.s.year);
        let mut published: Option<Published> = None;
        let mut problem: Option<String> = None;
        let date_text = date_raw.as_deref().map(|d| self.cleaner.line(d)).filter(|d| !d.is_empty());
        match date_text.as_deref().map(parse_date) {
            None => problem = Some("no date: the record gives none".to_owned()),
            Some(DateRead::Full { published: p, kind, len, time_dropped }) => {
                published = Some(p);
                *self.report.dates.by_shape.entry(kind.to_owned()).or_default() += 1;
                let text = date_text.as_deref().unwrap_or("");
                let rest = text.trim_start()[len..].trim();
                if let Some(t) = time_dropped {
                    problem =
                        Some(format!("time dropped: “{t}” is not a clock time; the date is kept"));
                } else if !rest.is_empty() {
                    problem = Some(format!("text after the date ignored: “{rest}”"));
                }
            }
            Some(DateRead::MonthDay { month, day, .. }) => match year_context {
                Some(y) => match archive_core::CivilDate::new(y, month, day) {
                    Ok(d) => {
                        published = Some(Published { date: d, time: None, offset: None });
                        *self.report.dates.by_shape.entry("month-day".to_owned()).or_default() += 1;
                        problem = Some(format!("year {y} taken from the address or --year"));
                    }
                    Err(e) => problem = Some(format!("no date: {e}")),
                },
                None => {
                    problem = Some(format!(
                        "no date: “{}” gives no year, and neither the address nor --year does",
                        date_text.as_deref().unwrap_or("")
                    ));
                }
            },
            Some(DateRead::Impossible(t)) => {
                problem = Some(format!("no date: “{t}” is not a valid date"))
            }
            Some(DateRead::None) => {
                problem = Some(format!(
                    "no date: “{}” is not a date in a known form",
                    date_text.as_deref().unwrap_or("")
                ));
            }
        }
        // The date found outside the record's date field: a note, not a date lost.
        let mut recovered = false;
        if published.is_none() {
            if let Some(d) = body.chrome_date.as_deref() {
                if let DateRead::Full { published: p, .. } = parse_date(d) {
                    published = Some(p);
                    self.report.dates.from_chrome += 1;
                    recovered = true;
                    problem = Some(format!(
                        "date “{d}” taken from the page's chrome (the record has none)"
                    ));
                }
            }
        }
        if published.is_none() {
            if let Some(p) = body.dateline_date {
                published = Some(p);
                self.report.dates.from_dateline += 1;
                recovered = true;
                problem = Some("date taken from the dateline at the start of the body".to_owned());
            }
        }
        if published.is_none() {
            if let Some(dl) = &dateline {
                if let Some(p) = date_in_dateline(dl, year_context) {
                    published = Some(p);
                    self.report.dates.from_dateline += 1;
                    recovered = true;
                    problem = Some(format!("date taken from the dateline “{dl}”"));
                }
            }
        }
        if let (Some(p), Some(dp)) = (&mut published, body.dateline_date) {
            if p.time.is_none() && p.date == dp.date && dp.time.is_some() {
                p.time = dp.time;
                self.report.dates.times_from_dateline += 1;
            }
        }
        if dateline.is_none() {
            // A dateline moved out of the body that dates the article as it is dated: only its
            // place, as the page shows the date above it.
            let own_date = body.dateline_date.is_some_and(|d| {
                published.as_ref().is_some_and(|p| p.date == d.date && p.time == d.time)
            });
            dateline = if own_date {
                self.cleaner.counts.dateline_dates_dropped += 1;
                body.dateline_place.clone()
            } else {
                body.dateline.clone()
            };
        }

        let section = section_raw.map(|s| self.cleaner.line(&s)).filter(|s| !s.is_empty());
        let source = source_raw.map(|s| self.cleaner.line(&s)).filter(|s| !s.is_empty());
        let uncertain_before = self.report.languages.uncertain.len();
        let lang = self.language(
            lang_raw.as_deref(),
            &title,
            lead.as_deref(),
            &body.blocks,
            &provisional_id,
        );
        let lead = lead.filter(|l| !l.is_empty());
        if let Some(p) = &problem {
            self.report.dates.problems.push(DateProblem {
                id: provisional_id.clone(),
                value: date_raw.clone(),
                what: p.clone(),
                recovered,
            });
            notes.push(p.clone());
        }
        let article = Article {
            id: String::new(),
            lang,
            title,
            date: published.map(|p| p.date),
            time: published.and_then(|p| p.time),
            utc_offset: published.and_then(|p| p.offset),
            section,
            source,
            dateline,
            lead,
            body: body.blocks,
            tags,
            people,
            places,
            url: url.filter(|u| !u.is_empty()),
            twins: Vec::new(),
            retrieved_at: None,
            notes,
        };
        let uncertain_lang =
            (self.report.languages.uncertain.len() > uncertain_before).then_some(uncertain_before);
        self.drafts.push(Draft { article, raw_id, origin, uncertain_lang });
    }

    fn language(
        &mut self,
        raw: Option<&str>,
        title: &str,
        lead: Option<&str>,
        body: &[Block],
        id: &str,
    ) -> String {
        if let Some(raw) = raw.filter(|r| !r.trim().is_empty()) {
            if let Some(l) = source_lang(raw) {
                self.report.languages.from_source += 1;
                return l;
            }
            self.report.languages.unrecognised.push(format!("{id}: {}", raw.trim()));
        }
        if let Some(l) = &self.s.lang {
            self.report.languages.from_option += 1;
            return l.clone();
        }
        let mut sample = String::from(title);
        if let Some(l) = lead {
            sample.push(' ');
            sample.push_str(l);
        }
        for b in body.iter().take(5) {
            sample.push(' ');
            sample.push_str(&b.text());
        }
        match lang::detect(&sample) {
            Some(d) => {
                self.report.languages.detected += 1;
                if !d.reliable {
                    self.report.languages.uncertain.push(Uncertain {
                        id: id.to_owned(),
                        lang: d.lang.clone(),
                        detected: d.lang.clone(),
                        confidence: (d.confidence * 1000.0).round() / 1000.0,
                    });
                }
                d.lang
            }
            None => {
                self.report.languages.undetermined.push(id.to_owned());
                "und".to_owned()
            }
        }
    }
}

/// A date inside a dateline ("SALVADOR, Feb 26", "VIENNA, July17 – RIA Novosti"): tried after
/// each comma; a month and day take the year from the context.
fn date_in_dateline(dateline: &str, year: Option<u16>) -> Option<Published> {
    let mut starts = vec![0];
    starts.extend(dateline.match_indices(',').map(|(i, _)| i + 1));
    for s in starts {
        match parse_date(&dateline[s..]) {
            DateRead::Full { published, .. } => return Some(published),
            DateRead::MonthDay { month, day, .. } => {
                let date = archive_core::CivilDate::new(year?, month, day).ok()?;
                return Some(Published { date, time: None, offset: None });
            }
            _ => {}
        }
    }
    None
}

/// The key two records share when they are the same page: the address without scheme,
/// `www.`, fragment and trailing slash, host lower-cased.
fn url_key(url: &str) -> String {
    let u = url.trim();
    let u = u.split_once("://").map_or(u, |(_, r)| r);
    let u = u.split('#').next().unwrap_or(u);
    let (host, path) = u.split_once('/').unwrap_or((u, ""));
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    format!("{host}/{}", path.trim_end_matches('/'))
}

fn body_key(a: &Article) -> Option<[u8; 32]> {
    let mut h = Sha256::new();
    let mut len = 0;
    for b in &a.body {
        let t = b.text();
        len += t.chars().count();
        h.update(t.as_bytes());
        h.update(b"\n");
    }
    (len >= 20).then(|| h.finalize().into())
}

fn absorb(kept: &mut Article, dup: Article) {
    if kept.date.is_none() && dup.date.is_some() {
        kept.date = dup.date;
        kept.time = dup.time;
        kept.utc_offset = dup.utc_offset;
    }
    kept.section = kept.section.take().or(dup.section);
    kept.source = kept.source.take().or(dup.source);
    kept.dateline = kept.dateline.take().or(dup.dateline);
    kept.lead = kept.lead.take().or(dup.lead);
    kept.url = kept.url.take().or(dup.url);
    if kept.body.is_empty() {
        kept.body = dup.body;
    }
    for (mine, theirs) in
        [(&mut kept.tags, dup.tags), (&mut kept.people, dup.people), (&mut kept.places, dup.places)]
    {
        for t in theirs {
            if !mine.contains(&t) {
                mine.push(t);
            }
        }
    }
}

/// Gives the articles whose language was an unreliable detection the run's main language in
/// their writing system (the most common one among the other articles whose text is in the same
/// script), when that differs: a short text is more likely in the archive's language than in the
/// one whatlang guessed with little confidence (Norwegian or Shona for a two-line English
/// notice), but a Cyrillic text never becomes English. With no such language (no other article
/// in that script), the guess stays. Each changed article gets a note, and its entry in
/// `languages.uncertain` says which language was used.
fn settle_uncertain_languages(drafts: &mut [Draft], report: &mut RecordsReport) {
    // Most runs have no uncertain guess: then no script is detected at all.
    if report.languages.uncertain.is_empty() {
        return;
    }
    // The writing system of each article's title, lead and first block.
    let scripts: Vec<Option<whatlang::Script>> = drafts
        .iter()
        .map(|d| {
            let a = &d.article;
            let first = a.body.first().map(|b| b.text());
            let parts = [Some(a.title.as_str()), a.lead.as_deref(), first.as_deref()];
            lang::script(&parts.into_iter().flatten().collect::<Vec<_>>().join(" "))
        })
        .collect();
    // Per script, how many sure articles each language has (in tag order, for ties).
    let mut sure: HashMap<whatlang::Script, BTreeMap<&str, usize>> = HashMap::new();
    for (d, script) in drafts.iter().zip(&scripts) {
        if let (None, Some(script), false) = (d.uncertain_lang, script, d.article.lang == "und") {
            *sure.entry(*script).or_default().entry(d.article.lang.as_str()).or_default() += 1;
        }
    }
    // The most common language of each script, the first in tag order on a tie.
    let main: HashMap<whatlang::Script, String> = sure
        .into_iter()
        .filter_map(|(script, langs)| {
            let (lang, _) = langs.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))?;
            Some((script, lang.to_owned()))
        })
        .collect();
    for (d, script) in drafts.iter_mut().zip(scripts) {
        let Some(u) = d.uncertain_lang.map(|i| &mut report.languages.uncertain[i]) else {
            continue;
        };
        let Some(main) = script.and_then(|s| main.get(&s)) else { continue };
        if d.article.lang != *main {
            d.article.notes.push(format!(
                "language detected as {} with low confidence ({}); set to the archive's main \
                 language in this script, {main}",
                u.detected, u.confidence
            ));
            d.article.lang.clone_from(main);
            u.lang.clone_from(main);
            report.languages.set_to_main += 1;
        }
    }
}

/// Gives ids, merges duplicates (first read kept), and returns the articles.
/// A source whose times are midnight this often or more (one in five) gives no clock time:
/// its `00:00` is a date written as a date-time (Softcatalà: 388 of 623), not news at midnight
/// (about one in 1,440 of a source's times, for news spread over the day).
const MIDNIGHT_SHARE: usize = 5;

/// Drops the clock time `00:00` (or `00:00:00`) from the articles of every source whose times
/// are midnight in at least one in [`MIDNIGHT_SHARE`], and ten or more of them: there it means
/// that no time was given, and a reader would see a time the source never printed. Counted per
/// source in `dates.midnight_dropped`.
fn drop_midnight_times(articles: &mut [Article], report: &mut RecordsReport) {
    let midnight = |a: &Article| {
        a.time.is_some_and(|t| matches!(t.to_string().as_str(), "00:00" | "00:00:00"))
    };
    // Per source: (articles with a time, of them at midnight).
    let mut per_source: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for a in articles.iter().filter(|a| a.time.is_some()) {
        let entry = per_source.entry(a.source.clone().unwrap_or_default()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(midnight(a));
    }
    for (source, (timed, at_midnight)) in per_source {
        if at_midnight < 10 || at_midnight * MIDNIGHT_SHARE < timed {
            continue;
        }
        for a in articles.iter_mut() {
            if a.source.as_deref().unwrap_or_default() == source && midnight(a) {
                a.time = None;
                a.utc_offset = None;
            }
        }
        let name = if source.is_empty() { "(no source)".to_owned() } else { source };
        report.dates.midnight_dropped.insert(name, (at_midnight, timed));
    }
}

/// Gives the clock times of the sources `rules` names the offset set for them (`--utc-offset`),
/// whatever the source wrote; articles without a time keep none. Counted per source in
/// `dates.offsets_set`, with the offsets the source had written.
///
/// # Errors
/// A source named that no article has (a misspelt name would otherwise change nothing,
/// silently): nothing is written.
fn set_utc_offsets(
    articles: &mut [Article],
    rules: &OffsetRules,
    report: &mut RecordsReport,
) -> Result<()> {
    let sources: BTreeSet<&str> = articles.iter().filter_map(|a| a.source.as_deref()).collect();
    let unknown: Vec<&str> =
        rules.by_source.keys().map(String::as_str).filter(|name| !sources.contains(name)).collect();
    if !unknown.is_empty() {
        bail!(
            "--utc-offset names {} no article has: {}; the articles' sources are: {}. Nothing \
             was written",
            if unknown.len() == 1 { "a source" } else { "sources" },
            unknown.join(", "),
            if sources.is_empty() {
                "(none)".to_owned()
            } else {
                sources.into_iter().collect::<Vec<_>>().join(", ")
            }
        );
    }
    // As the report writes an offset: `Z`, `±HH:MM`, or `none`.
    let named = |o: Option<UtcOffset>| o.map_or_else(|| "none".to_owned(), |o| o.to_string());
    for a in articles.iter_mut().filter(|a| a.time.is_some()) {
        let Some(offset) = rules.of(a.source.as_deref()) else { continue };
        let name = a.source.clone().unwrap_or_else(|| "(no source)".to_owned());
        let set = report.dates.offsets_set.entry(name).or_insert_with(|| report::OffsetsSet {
            offset: named(offset),
            ..report::OffsetsSet::default()
        });
        set.times += 1;
        *set.written.entry(named(a.utc_offset)).or_default() += 1;
        a.utc_offset = offset;
    }
    Ok(())
}

/// A source whose longest titles are this share of its articles or more (one in a hundred),
/// five at least, cut its titles at that length: titles written whole have one longest, or a
/// handful (1TV: 7,788 of 144,944 at exactly 100 characters, none longer; the Russian MFA:
/// 18,027 of 22,231 at 120).
const CUT_TITLE_SHARE: usize = 100;

/// Finds the sources that cut their titles at one length (see [`CUT_TITLE_SHARE`]) and, unless
/// `keep`, ends each title of theirs that stops at that length, or one character short of it
/// (a cut after a space, trimmed), without a sentence's closing mark with "…". Counted per
/// source in `titles_cut`.
fn mark_cut_titles(articles: &mut [Article], keep: bool, report: &mut RecordsReport) {
    let length = |a: &Article| a.title.chars().count();
    // Per source: (articles, longest title, titles of that length).
    let mut per_source: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for a in articles.iter() {
        let entry = per_source.entry(a.source.as_deref().unwrap_or_default()).or_default();
        let n = length(a);
        entry.0 += 1;
        match n.cmp(&entry.1) {
            std::cmp::Ordering::Greater => (entry.1, entry.2) = (n, 1),
            std::cmp::Ordering::Equal => entry.2 += 1,
            std::cmp::Ordering::Less => {}
        }
    }
    let cut: BTreeMap<String, usize> = per_source
        .into_iter()
        .filter(|&(_, (all, _, longest))| longest >= 5 && longest * CUT_TITLE_SHARE >= all)
        .map(|(source, (_, at, _))| (source.to_owned(), at))
        .collect();
    let ends_whole = |t: &str| t.ends_with(['.', '!', '?', '…', '»', '"', '”', ')', ']']);
    for a in articles.iter_mut() {
        let source = a.source.as_deref().unwrap_or_default();
        let Some(&at) = cut.get(source) else { continue };
        if length(a) + 1 < at || ends_whole(&a.title) {
            continue;
        }
        let name = if source.is_empty() { "(no source)" } else { source };
        let entry = report.titles_cut.entry(name.to_owned()).or_default();
        entry.length = at;
        entry.marked += 1;
        entry.kept = keep;
        if !keep {
            a.title.push('…');
        }
    }
}

fn finish(drafts: Vec<Draft>, merge: bool, report: &mut RecordsReport) -> Vec<Article> {
    let mut out: Vec<Article> = Vec::with_capacity(drafts.len());
    let mut by_raw: HashMap<String, usize> = HashMap::new();
    let mut by_url: HashMap<String, usize> = HashMap::new();
    let mut by_body: HashMap<[u8; 32], Vec<usize>> = HashMap::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for d in drafts {
        let Draft { mut article, raw_id, origin, .. } = d;
        let ukey = article.url.as_deref().map(url_key);
        let bkey = body_key(&article);
        if merge {
            // The same id is a duplicate only when the records also agree on the address, the
            // title or the body; otherwise two sources reused an id (a collision, kept apart).
            let same_id = raw_id.as_ref().and_then(|r| by_raw.get(r)).copied();
            let same_id = same_id.filter(|&i| {
                let k = &out[i];
                let same = (ukey.is_some() && k.url.as_deref().map(url_key) == ukey)
                    || k.title == article.title
                    || (bkey.is_some() && body_key(k) == bkey);
                if !same {
                    report
                        .id_collisions
                        .push(format!("{} ({origin})", raw_id.as_deref().unwrap_or("")));
                }
                same
            });
            let hit = same_id
                .map(|i| (i, "same id"))
                .or_else(|| ukey.as_ref().and_then(|u| by_url.get(u).map(|&i| (i, "same url"))))
                .or_else(|| {
                    let same = by_body.get(&bkey?)?;
                    let same_day: Vec<usize> =
                        same.iter().copied().filter(|&i| out[i].date == article.date).collect();
                    // Two pages of the source (both with an address, not the same) under two
                    // titles are two articles that share a text (two brigades congratulated
                    // in the same words), not one article scraped twice.
                    let one_page = |k: &Article| {
                        k.url.is_none()
                            || article.url.is_none()
                            || fold(&k.title) == fold(&article.title)
                    };
                    let hit = same_day.iter().copied().find(|&i| one_page(&out[i]));
                    if let (None, Some(&i)) = (hit, same_day.first()) {
                        report.same_body_other_page += 1;
                        report.same_body_other_page_records.push(format!(
                            "{} ({origin}): the body of {}",
                            raw_id.as_deref().unwrap_or(""),
                            out[i].id
                        ));
                        return None;
                    }
                    if hit.is_none() {
                        report.same_body_other_date += 1;
                        let earlier = same.first().map_or("", |&i| out[i].id.as_str());
                        report.same_body_other_date_records.push(format!(
                            "{} ({origin}): the body of {earlier}",
                            raw_id.as_deref().unwrap_or("")
                        ));
                    }
                    hit.map(|i| (i, "same body"))
                });
            if let Some((i, reason)) = hit {
                let merged = raw_id.clone().unwrap_or_else(|| origin.clone());
                let kept = &mut out[i];
                kept.notes
                    .push(format!("merged with duplicate record {merged} ({origin}): {reason}"));
                report.merges.push(Merge {
                    kept: kept.id.clone(),
                    merged,
                    origin,
                    reason: reason.to_owned(),
                });
                absorb(kept, article);
                continue;
            }
        }
        // What the id is made from, as written: the record's id, else its address.
        let mut written: Option<String> = None;
        let base = match &raw_id {
            Some(r) if !url_safe_id(r).is_empty() => {
                written = Some(r.clone());
                url_safe_id(r)
            }
            _ => match &article.url {
                Some(u) if !url_safe_id(&url_key(u)).is_empty() => url_safe_id(&url_key(u)),
                _ => {
                    let mut h = Sha256::new();
                    h.update(article.title.as_bytes());
                    h.update(article.date.map(|d| d.to_string()).unwrap_or_default().as_bytes());
                    for b in &article.body {
                        h.update(b.text().as_bytes());
                    }
                    let hex: String =
                        h.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect();
                    format!("r-{hex}")
                }
            },
        };
        let rewritten = written.as_ref().is_some_and(|w| *w != base);
        let mut id = base.clone();
        let taken = ids.contains_key(&id);
        if taken {
            let mut h = Sha256::new();
            h.update(raw_id.as_deref().unwrap_or(&origin).as_bytes());
            let hex: String = h.finalize().iter().take(4).map(|b| format!("{b:02x}")).collect();
            id = format!("{}-{hex}", super::text::cut_bytes(&base, 190));
            let mut n = 2;
            while ids.contains_key(&id) {
                id = format!("{}-{hex}-{n}", super::text::cut_bytes(&base, 185));
                n += 1;
            }
            article.notes.push(format!(
                "id `{base}` was taken by an earlier article, so this one is `{id}`"
            ));
        }
        // One entry per article whose id is not its record's id as written.
        let unusable = raw_id.is_some() && written.is_none();
        let reason = match (unusable, rewritten, taken) {
            (true, _, true) => Some("unusable, taken"),
            (true, _, false) => Some("unusable"),
            (false, true, true) => Some("url-safe, taken"),
            (false, true, false) => Some("url-safe"),
            (false, false, true) => Some("taken"),
            (false, false, false) => None,
        };
        if let Some(reason) = reason {
            let raw = raw_id.clone().or_else(|| written.clone()).unwrap_or_else(|| base.clone());
            report.ids_changed.push(IdChange {
                raw,
                id: id.clone(),
                origin: origin.clone(),
                reason,
            });
        }
        article.id = id.clone();
        let idx = out.len();
        ids.insert(id, idx);
        if let Some(r) = raw_id {
            by_raw.entry(r).or_insert(idx);
        }
        if let Some(u) = ukey {
            by_url.entry(u).or_insert(idx);
        }
        if let Some(b) = bkey {
            by_body.entry(b).or_default().push(idx);
        }
        out.push(article);
    }
    out
}

/// Links articles of different languages whose URLs give the same twin key.
fn link_twins(articles: &mut [Article], key: &Regex, report: &mut RecordsReport) {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        let Some(url) = &a.url else { continue };
        let Some(c) = key.captures(url) else { continue };
        let k: Vec<&str> = c.iter().skip(1).flatten().map(|m| m.as_str()).collect();
        if k.is_empty() {
            continue;
        }
        groups.entry(k.join("|").to_lowercase()).or_default().push(i);
    }
    for (k, members) in groups {
        let mut langs: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in &members {
            *langs.entry(articles[i].lang.as_str()).or_default() += 1;
        }
        if langs.len() < 2 {
            continue;
        }
        if langs.values().any(|&n| n > 1) {
            report.twins.ambiguous.push(k);
            continue;
        }
        let ids: Vec<String> = members.iter().map(|&i| articles[i].id.clone()).collect();
        let n = members.len() as u64;
        report.twins.pairs += n * (n - 1) / 2;
        for &i in &members {
            let me = articles[i].id.clone();
            for id in &ids {
                if *id != me && !articles[i].twins.contains(id) {
                    articles[i].twins.push(id.clone());
                }
            }
        }
    }
}

/// The language a section name is written in: Russian for Cyrillic, else `fallback`.
fn section_lang(name: &str, fallback: &str) -> String {
    if super::text::mostly_cyrillic(name) {
        "ru".to_owned()
    } else if fallback == "ru" || fallback == "und" {
        "en".to_owned()
    } else {
        fallback.to_owned()
    }
}

/// Runs `import records`.
///
/// # Errors
/// Bad options or config; a file that cannot be read (exit code 2) or is not what it claims
/// (exit code 1) without `--keep-going`; the output cannot be written (2); or — a bug — the
/// bundle would not load.
pub fn run(args: &RecordsArgs) -> Result<()> {
    let delimiter = match args.delimiter {
        None => None,
        Some(c) if c.is_ascii() => Some(c as u8),
        Some(c) => bail!("--delimiter `{c}`: expected one ASCII character"),
    };
    import(&args.inputs, args.format, args.encoding, delimiter, &args.opts)
}

/// Runs `import feed`: `import records` with every input read as a feed.
///
/// # Errors
/// As [`run`].
pub fn run_feed(args: &FeedArgs) -> Result<()> {
    import(&args.inputs, Some(Format::Feed), Encoding::Utf8, None, &args.opts)
}

fn import(
    inputs: &[PathBuf],
    format: Option<Format>,
    encoding: Encoding,
    delimiter: Option<u8>,
    args: &ImportOptions,
) -> Result<()> {
    let (s, cleaner) = settings(inputs, args)?;
    let generated_at = super::generated_at(args.generated_at.as_deref())?;
    let mut run = Run {
        s: &s,
        cleaner,
        report: RecordsReport::default(),
        drafts: Vec::new(),
        used_fields: BTreeMap::new(),
        all_fields: BTreeMap::new(),
        filled_fields: BTreeMap::new(),
    };
    let total: u64 = inputs.iter().filter_map(|p| fs::metadata(p).ok()).map(|m| m.len()).sum();
    let bar = crate::progress::bar(
        total,
        args.quiet,
        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta}) {msg}",
    );
    let mut bad: Vec<BadRecord> = Vec::new();
    for path in inputs {
        let name = path.display().to_string();
        // Origins (`file:line`) go into articles' notes, which readers see: the file's name,
        // never the publisher's local path (the report's `inputs` has the paths); with its
        // folder's name when another input has the same name (two `articles.jsonl.gz`).
        let base = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
        let file = base(path).map_or_else(
            || name.clone(),
            |n| {
                let twice =
                    inputs.iter().filter(|p| base(p).as_deref() == Some(n.as_str())).count() > 1;
                match path.parent().and_then(Path::file_name).filter(|_| twice) {
                    Some(folder) => format!("{}/{n}", folder.to_string_lossy()),
                    None => n,
                }
            },
        );
        let b = bar.clone();
        let on_bytes: Box<dyn FnMut(u64)> = Box::new(move |n| b.inc(n));
        let mut count = 0u64;
        let info = {
            let bar2 = bar.clone();
            let mut push = |r: Record| {
                count += 1;
                if count % 2000 == 0 {
                    bar2.set_message(format!("{count} records from {name}"));
                }
                run.record(&file, r);
            };
            let mut sink = Sink {
                record: &mut push,
                bad: if args.keep_going { Some(&mut bad) } else { None },
            };
            read_file(path, format, encoding, delimiter, on_bytes, &mut sink)
        };
        let info = match info {
            Ok(i) => i,
            Err(e) => {
                bar.finish_and_clear();
                return Err(e);
            }
        };
        run.report.records_read += info.records;
        run.report.inputs.push(info);
    }
    bar.finish_and_clear();
    run.report.bad_records = bad;
    // A feed's own title and address stand in for --title and --source-url.
    let mut feed_meta = None;
    for f in run.report.inputs.iter_mut().filter_map(|i| i.feed.as_mut()) {
        f.title = f.title.as_deref().map(|t| run.cleaner.line(t)).filter(|t| !t.is_empty());
        if feed_meta.is_none() {
            let link = f.link.clone().filter(|l| feed::is_address(l));
            feed_meta = Some((f.title.clone(), f.language.as_deref().and_then(source_lang), link));
        }
    }

    let Run { cleaner, mut report, mut drafts, used_fields, all_fields, filled_fields, .. } = run;
    report.cleaning = cleaner.counts;
    let patterns = s.mapping.all_patterns();
    for (k, &n) in &all_fields {
        let mapped = used_fields.contains_key(k)
            || patterns
                .iter()
                .any(|p| p == k || p.strip_suffix('*').is_some_and(|pre| k.starts_with(pre)));
        if !mapped {
            report.unmapped_fields.insert(k.clone(), n);
            let filled = filled_fields.get(k).copied().unwrap_or(0);
            report.unmapped_fields_filled.insert(k.clone(), filled);
        }
    }
    // A --map whose fields no record has: most often a misspelt field name. Nothing is
    // written: the bundle would have silently gone without what the archivist asked for (a
    // misspelt title field turns every title into the body's first sentence).
    let mut missing = Vec::new();
    for (target, fields) in s.mapping.explicit() {
        let found = fields.iter().any(|p| match p.strip_suffix('*') {
            Some(pre) => used_fields.keys().any(|k| k.starts_with(pre)),
            None => used_fields.contains_key(p),
        });
        if !fields.is_empty() && !found {
            missing.push(format!("{}={}", target.name(), fields.join("+")));
        }
    }
    if !missing.is_empty() {
        bail!(
            "--map {}: no record has {}; the records' fields are: {}. Nothing was written",
            missing.join(", --map "),
            if missing.len() == 1 { "this field" } else { "these fields" },
            if all_fields.is_empty() {
                "(none)".to_owned()
            } else {
                all_fields.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
            }
        );
    }
    settle_uncertain_languages(&mut drafts, &mut report);
    let mut articles = finish(drafts, !args.no_merge, &mut report);
    drop_midnight_times(&mut articles, &mut report);
    set_utc_offsets(&mut articles, &s.offsets, &mut report)?;
    mark_cut_titles(&mut articles, args.keep_cut_titles, &mut report);
    if let Some(key) = &s.twin_key {
        link_twins(&mut articles, key, &mut report);
    }
    articles.sort_by(|a, b| a.id.cmp(&b.id));

    // Languages, sections, counts.
    let mut lang_count: BTreeMap<String, usize> = BTreeMap::new();
    for a in &articles {
        *lang_count.entry(a.lang.clone()).or_default() += 1;
    }
    let mut languages: Vec<(String, usize)> = lang_count.clone().into_iter().collect();
    languages.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let languages: Vec<String> = languages.into_iter().map(|(l, _)| l).collect();
    let default_language = s
        .default_language
        .clone()
        .or_else(|| languages.first().cloned())
        .unwrap_or_else(|| "en".to_owned());
    let mut sections: BTreeMap<String, Section> = BTreeMap::new();
    for a in &mut articles {
        if let Some(name) = a.section.take() {
            let mut id = url_safe_id(&name).to_lowercase();
            if id.is_empty() {
                id = "section".to_owned();
            }
            let lang = section_lang(&name, &a.lang);
            let sec = sections.entry(id.clone()).or_insert_with(|| Section {
                id: id.clone(),
                parent: None,
                title: BTreeMap::new(),
            });
            sec.title.entry(lang).or_insert(name);
            a.section = Some(id);
        }
    }
    report.articles = articles.len();
    report.dated = articles.iter().filter(|a| a.date.is_some()).count();
    report.undated = report.articles - report.dated;
    report.dates.undated = report.undated as u64;
    report.by_language = lang_count;
    report.without_body = articles.iter().filter(|a| a.body.is_empty()).count();
    for a in &articles {
        *report.by_section.entry(a.section.clone().unwrap_or_else(|| "-".into())).or_default() += 1;
        *report.by_source.entry(a.source.clone().unwrap_or_else(|| "-".into())).or_default() += 1;
        let year = a.date.map_or_else(|| "-".to_owned(), |d| d.year().to_string());
        *report.by_year.entry(year).or_default() += 1;
    }
    // Ids in the report are final ids where the record had a raw id equal to it; others stay
    // as read (raw id or file:line).
    let sections: Vec<Section> = sections.into_values().collect();
    let mut titles = s.titles.clone();
    let (feed_title, feed_lang, feed_link) = feed_meta.unwrap_or_default();
    if titles.is_empty() {
        match feed_title {
            Some(t) => titles.insert(feed_lang.unwrap_or_else(|| default_language.clone()), t),
            None => titles.insert(default_language.clone(), s.archive_id.clone()),
        };
    }
    let mut languages = languages;
    if !languages.contains(&default_language) {
        languages.push(default_language.clone());
    }
    if articles.is_empty() {
        // An empty archive is never what was meant (an empty export, every record bad, a
        // mapping that finds no title): refused, with the counts that say why.
        if !args.quiet {
            eprint!("{}", report.summary());
        }
        bail!("no article to import (see the counts above): nothing written");
    }
    let content_hash = archive_core::hash::content_hash(&sections, &articles);
    let bundle = Bundle {
        format: archive_core::FORMAT.to_owned(),
        version: archive_core::VERSION,
        archive: ArchiveMeta {
            id: s.archive_id.clone(),
            title: titles,
            languages,
            default_language,
            source_url: s.source_url.clone().or(feed_link),
            generated_at: Some(generated_at),
            content_hash: Some(content_hash),
            search_index: None,
        },
        sections,
        articles,
    };
    let mut json = serde_json::to_string_pretty(&bundle).context("serialising the bundle")?;
    json.push('\n');
    drop(bundle);
    // Never write a bundle the app would refuse; say what it will warn of.
    let warnings = super::check_built(&json)?;
    report.check_warnings = warnings.iter().map(ToString::to_string).collect();
    super::write_outputs(&args.output, &json, args.report.as_deref(), &report)?;
    if !args.quiet {
        eprint!("{}{}", report.summary(), super::warnings_summary(&warnings));
        if args.output.as_os_str() != "-" {
            eprintln!("wrote {} ({} bytes)", args.output.display(), json.len());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_archive_id_is_the_nearest_name_that_says_which_archive() {
        let id = |p: &str| default_archive_id(Path::new(p));
        assert_eq!(id("corpus/reuters-21578/reuters.jsonl.gz"), "reuters");
        assert_eq!(id("corpus/reuters-21578/articles.jsonl.gz"), "reuters-21578");
        assert_eq!(
            id("corpus/softcatala-articles-ca/raw/articles.json.gz"),
            "softcatala-articles-ca"
        );
        assert_eq!(id("Новости/Data/export.csv"), "Novosti");
        assert_eq!(id("raw/data.csv"), "raw");
        assert_eq!(id("articles.jsonl"), "articles");
    }

    #[test]
    fn ids_are_url_safe_and_keep_case() {
        assert_eq!(url_safe_id("1tv:2022-01-01/418953-vypusk"), "1tv-2022-01-01-418953-vypusk");
        assert_eq!(url_safe_id("kremlin-en-68700"), "kremlin-en-68700");
        assert_eq!(url_safe_id("Новости"), "Novosti");
    }

    #[test]
    fn language_values_are_tags_or_known_names() {
        let l = |raw| source_lang(raw);
        assert_eq!(l("EN"), Some("en".into()));
        assert_eq!(l("Russian"), Some("ru".into()));
        assert_eq!(l("ru_RU"), Some("ru-ru".into()));
        assert_eq!(l("zh-Hant-TW"), Some("zh-hant-tw".into()));
        assert_eq!(l("fil"), Some("fil".into()));
        // No primary subtag of 2–3 letters: not a language tag.
        for bad in ["klingon", "12", "e", "english language", "x-private", "", "en--us"] {
            assert_eq!(l(bad), None, "{bad}");
        }
    }

    #[test]
    fn url_keys_ignore_scheme_www_and_trailing_slash() {
        assert_eq!(url_key("https://www.Example.org/a/b/"), url_key("http://example.org/a/b"));
        assert_ne!(url_key("http://example.org/a"), url_key("http://example.org/b"));
    }

    #[test]
    fn the_default_twin_key_pairs_kremlin_addresses() {
        let re = Regex::new(DEFAULT_TWIN_KEY).unwrap();
        let key = |u: &str| {
            re.captures(u).map(|c| {
                c.iter().skip(1).flatten().map(|m| m.as_str()).collect::<Vec<_>>().join("|")
            })
        };
        assert_eq!(
            key("http://kremlin.ru/events/president/news/76870").as_deref(),
            Some("kremlin.ru|76870")
        );
        assert_eq!(
            key("http://en.kremlin.ru/events/president/transcripts/speeches/76870").as_deref(),
            Some("kremlin.ru|76870")
        );
        assert_eq!(key("https://www.1tv.ru/news/2022-01-01/418953-slug"), None);
    }

    #[test]
    fn datelines_give_dates_with_a_year_from_context() {
        let p = date_in_dateline("SALVADOR, Feb 26", Some(1987)).unwrap();
        assert_eq!(p.date.to_string(), "1987-02-26");
        assert!(date_in_dateline("SALVADOR, Feb 26", None).is_none());
        assert!(date_in_dateline("VIENNA, July17 – RIA Novosti", Some(2019)).is_some());
    }
}
