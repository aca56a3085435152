//! Reading a bundle from JSON text with every problem located: the loader behind
//! `archive-bundle check` and the app.
//!
//! A bundle that is not JSON, not a bundle, of another version, or without usable archive
//! metadata cannot be read at all: [`load_bundle`] returns a [`BundleError`]. Anything smaller is
//! a [`Problem`] with a [`Severity`] and a [`Location`]:
//! - an **error** removes what it names from the result: an article that does not fit the model,
//!   has no id or title, has an id that is not URL-safe, or repeats an earlier id (the first
//!   stays); a section likewise;
//! - a **warning** keeps the article: no date, a date, time, offset or retrieval time that does
//!   not parse (the article is kept without it), a section or twin that does not exist, a
//!   language the archive does not declare, no body and no lead, an address (`url`, an image's
//!   `src`, a document's `href`) that is not http(s) or relative and so is not linked; an
//!   archive with no usable article.
//!
//! So a partly broken bundle still gives every good article, and the reader is told exactly what
//! was skipped and why.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::model::{
    is_language_tag, is_valid_id, safe_link, ArchiveMeta, Article, Block, Bundle, Section, FORMAT,
    VERSION,
};

/// How bad a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The item is kept; something about it is missing or dubious.
    Warning,
    /// The item was left out of the loaded archive.
    Error,
}

/// Where in a bundle a [`Problem`] is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "in", rename_all = "lowercase")]
pub enum Location {
    /// The archive metadata or the bundle's top level.
    Archive {
        /// The field, e.g. `"default_language"`.
        field: String,
    },
    /// A section, by its position in `sections` (0-based) and its id when it has one.
    Section {
        /// Position in the `sections` array, 0-based.
        index: usize,
        /// The section's id, when it could be read.
        id: Option<String>,
        /// The field at fault, e.g. `"parent"`; `None` for the section as a whole.
        field: Option<String>,
    },
    /// An article, by its position in `articles` (0-based) and its id when it has one.
    Article {
        /// Position in the `articles` array, 0-based.
        index: usize,
        /// The article's id, when it could be read.
        id: Option<String>,
        /// The field at fault, e.g. `"date"` or `"body[2].text"`; `None` for the whole article.
        field: Option<String>,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, index, id, field) = match self {
            Self::Archive { field } if field == "archive" => return f.write_str("archive"),
            Self::Archive { field } => return write!(f, "archive, field `{field}`"),
            Self::Section { index, id, field } => ("sections", index, id, field),
            Self::Article { index, id, field } => ("articles", index, id, field),
        };
        write!(f, "{kind}[{index}]")?;
        if let Some(id) = id {
            write!(f, " (id \"{}\")", id.escape_debug())?;
        }
        if let Some(field) = field {
            write!(f, ", field `{field}`")?;
        }
        Ok(())
    }
}

/// One thing wrong with a bundle that did not stop it from loading.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// Whether the item was kept (warning) or left out (error).
    pub severity: Severity,
    /// Where it is.
    pub location: Location,
    /// What is wrong, for people.
    pub message: String,
}

/// The problem on one line that only says what it says, `severity: location: message`, its
/// control and bidirectional characters escaped ([`crate::model::one_line`]).
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        f.write_str(&crate::model::one_line(&format!("{sev}: {}: {}", self.location, self.message)))
    }
}

/// Why a bundle could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// The text is not JSON (or not UTF-8 JSON); line and column are 1-based.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    NotJson {
        /// 1-based line of the fault.
        line: usize,
        /// 1-based column of the fault.
        column: usize,
        /// serde_json's description.
        message: String,
    },
    /// The text is JSON, but its top level is not a bundle's: not an object, or a field the
    /// format does not have (line and column 1-based).
    #[error("not a bundle at line {line}, column {column}: {message}")]
    Shape {
        /// 1-based line of the fault.
        line: usize,
        /// 1-based column of the fault.
        column: usize,
        /// serde_json's description.
        message: String,
    },
    /// The file is empty (or only white space): a failed upload or an interrupted copy.
    #[error("the file is empty (0 bytes, or only white space), not a bundle")]
    Empty,
    /// The file is markup, not JSON: most often an HTML page a host sends in place of a file
    /// it does not have (a "not found" page, or a single-page app's fallback `index.html`).
    #[error(
        "this is {kind}, not a JSON bundle: the server may have sent a page in place of a \
         missing file — check the address"
    )]
    Markup {
        /// `an HTML page`, or `markup (XML or HTML)`.
        kind: &'static str,
    },
    /// The JSON is an object without a `format` field naming this format.
    #[error(
        "not an Archive Browser bundle: `format` is {found}, expected \"{FORMAT}\"{}",
        manifest_hint(found)
    )]
    WrongFormat {
        /// What `format` held, as JSON (`missing` when absent).
        found: String,
    },
    /// A bundle of a version this reader does not know.
    #[error("bundle version {found} is not supported; this reader knows version {VERSION}")]
    UnsupportedVersion {
        /// What `version` held, as JSON (`missing` when absent).
        found: String,
    },
    /// The `archive` object is missing or unusable.
    #[error("{location}: {message}")]
    Archive {
        /// Which field.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// `sections` or `articles` is not an array.
    #[error("`{field}` must be an array: {message}")]
    NotAnArray {
        /// `sections` or `articles`.
        field: &'static str,
        /// What was found.
        message: String,
    },
}

/// A bundle as loaded: the usable part plus every problem found.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The bundle with the erroneous sections and articles left out.
    pub bundle: Bundle,
    /// Every problem, in bundle order (archive, then sections, then articles).
    pub problems: Vec<Problem>,
}

impl Loaded {
    /// The number of problems of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.problems.iter().filter(|p| p.severity == severity).count()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope<'a> {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
    #[serde(borrow)]
    archive: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "present")]
    sections: Option<&'a RawValue>,
    #[serde(borrow, default, deserialize_with = "present")]
    articles: Option<&'a RawValue>,
}

/// A member that is there, `null` included (an `Option` would read `null` as left out: a list
/// may be left out, meaning empty, but not written as `null`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<&'de RawValue>, D::Error> {
    <&RawValue>::deserialize(d).map(Some)
}

/// What to do with a sharded archive's manifest where a bundle is wanted (`found` as JSON).
fn manifest_hint(found: &str) -> &'static str {
    if found.trim_matches('"') == crate::shard::MANIFEST_FORMAT {
        " (this is a sharded archive's manifest, which the app reads and `archive-bundle check` \
         checks with its files; count, index or shard the single-file bundle it was made from)"
    } else {
        ""
    }
}

/// The top level's `format` alone, other members ignored: read when the envelope is refused,
/// so that another format (a sharded archive's manifest) is named as such rather than by its
/// first member the bundle format does not have.
#[derive(Deserialize)]
struct FormatProbe {
    format: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct IdProbe {
    id: Option<serde_json::Value>,
}

/// What a JSON text that ends too early most likely is (serde_json's `Eof` category): said
/// after the parser's own words, for a bundle and for each file of a sharded one.
pub(crate) const CUT_SHORT: &str = "the text ends before the JSON does (a file cut short, as by \
                                    an interrupted download or copy)";

fn json_error(e: &serde_json::Error) -> BundleError {
    let message = e.to_string();
    // serde_json appends " at line L column C"; we report those separately.
    let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        serde_json::error::Category::Data => BundleError::Shape { line, column, message },
        serde_json::error::Category::Eof => {
            BundleError::NotJson { line, column, message: format!("{message}: {CUT_SHORT}") }
        }
        _ => BundleError::NotJson { line, column, message },
    }
}

/// Deserialises `raw` into `T`, reporting the path of the faulty field (`body[2].type`).
fn parse_located<'a, T: Deserialize<'a>>(raw: &'a RawValue) -> Result<T, (Option<String>, String)> {
    let mut de = serde_json::Deserializer::from_str(raw.get());
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        let message = inner.split(" at line ").next().unwrap_or(&inner).to_owned();
        // A missing field is reported at its parent's path; name the field itself.
        let missing = message.strip_prefix("missing field `").and_then(|m| m.split('`').next());
        let field = match (path.as_str(), missing) {
            (".", Some(name)) => Some(name.to_owned()),
            (".", None) => None,
            (parent, Some(name)) => Some(format!("{parent}.{name}")),
            (path, None) => Some(path.to_owned()),
        };
        (field, message)
    })
}

/// The id of a raw item when it has a string one, for locating problems in it.
fn probe_id(raw: &RawValue) -> Option<String> {
    match serde_json::from_str::<IdProbe>(raw.get()).ok()?.id? {
        serde_json::Value::String(s) => Some(s),
        _ => None,
    }
}

fn raw_array<'a>(
    raw: Option<&'a RawValue>,
    field: &'static str,
) -> Result<Vec<&'a RawValue>, BundleError> {
    match raw {
        None => Ok(Vec::new()),
        Some(raw) => serde_json::from_str(raw.get()).map_err(|e| {
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            BundleError::NotAnArray { field, message }
        }),
    }
}

/// Reads a single-file bundle from JSON text.
///
/// Returns the usable bundle and the located problems (see the module docs for what is an error
/// and what a warning).
///
/// # Errors
/// [`BundleError`] when nothing can be used: the text is not JSON, `format` is not
/// `"archive-browser-bundle"`, `version` is not 1, `archive` is missing or malformed, or
/// `sections` / `articles` is not an array.
pub fn load_bundle(text: &str) -> Result<Loaded, BundleError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = text.trim_start();
    if start.is_empty() {
        return Err(BundleError::Empty);
    }
    if start.starts_with('<') {
        let head: String = start.chars().take(64).collect::<String>().to_ascii_lowercase();
        let html = ["<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<!--"]
            .iter()
            .any(|tag| head.starts_with(tag));
        return Err(BundleError::Markup {
            kind: if html { "an HTML page" } else { "markup (XML or HTML)" },
        });
    }
    let env: Envelope = serde_json::from_str(text).map_err(|e| {
        // Valid JSON of another shape (an array, a string): say so plainly rather than in
        // serde's words about the internal envelope type.
        match (e.classify(), text.trim_start().chars().next()) {
            (serde_json::error::Category::Data, Some(c)) if c != '{' => BundleError::Shape {
                line: 1,
                column: 1,
                message:
                    "the top level must be a JSON object with `format`, `version`, `archive`, \
                          `sections` and `articles`"
                        .into(),
            },
            // An object of another format: say which, before any member it has and we do not.
            (serde_json::error::Category::Data, _) => {
                match serde_json::from_str::<FormatProbe>(text).ok().and_then(|p| p.format) {
                    Some(f) if f.as_str() != Some(FORMAT) => {
                        BundleError::WrongFormat { found: f.to_string() }
                    }
                    _ => json_error(&e),
                }
            }
            _ => json_error(&e),
        }
    })?;
    let shown =
        |v: &Option<serde_json::Value>| v.as_ref().map_or("missing".into(), |v| v.to_string());
    if env.format.as_ref().and_then(|v| v.as_str()) != Some(FORMAT) {
        return Err(BundleError::WrongFormat { found: shown(&env.format) });
    }
    if env.version.as_ref().and_then(serde_json::Value::as_u64) != Some(u64::from(VERSION)) {
        return Err(BundleError::UnsupportedVersion { found: shown(&env.version) });
    }
    let archive_error = |field: Option<String>, message: String| BundleError::Archive {
        location: Location::Archive { field: field.unwrap_or_else(|| "archive".into()) },
        message,
    };
    let raw_archive =
        env.archive.ok_or_else(|| archive_error(None, "the `archive` object is missing".into()))?;
    let archive: ArchiveMeta = parse_located(raw_archive).map_err(|(f, m)| archive_error(f, m))?;

    let mut problems = Vec::new();
    check_archive(&archive, &mut problems);
    let sections = load_sections(raw_array(env.sections, "sections")?, &mut problems);
    let articles =
        load_articles(raw_array(env.articles, "articles")?, &archive, &sections, &mut problems);
    if articles.is_empty() {
        problems.push(Problem {
            severity: Severity::Warning,
            location: Location::Archive { field: "articles".into() },
            message: "the archive has no usable articles".into(),
        });
    }
    let bundle = Bundle { format: FORMAT.into(), version: VERSION, archive, sections, articles };
    Ok(Loaded { bundle, problems })
}

fn check_archive(archive: &ArchiveMeta, problems: &mut Vec<Problem>) {
    let mut warn = |field: &str, message: String| {
        problems.push(Problem {
            severity: Severity::Warning,
            location: Location::Archive { field: field.into() },
            message,
        });
    };
    if archive.languages.is_empty() {
        warn("languages", "no languages are declared".into());
    } else if !archive.languages.contains(&archive.default_language) {
        warn(
            "default_language",
            format!("\"{}\" is not one of `languages`", archive.default_language),
        );
    }
    for tag in archive.languages.iter().filter(|t| !is_language_tag(t)) {
        warn(
            "languages",
            format!(
                "\"{tag}\" is not a BCP 47 language tag (a 2–3 letter ISO 639 code such as \
                 \"en\" or \"ru\", then optional subtags): its articles are searched \
                 without stemming, and browsers cannot choose fonts or hyphenation for them"
            ),
        );
    }
    if archive.title.values().all(|t| crate::model::is_blank(t)) {
        warn("title", "the archive has no title".into());
    }
    if !is_valid_id(&archive.id) {
        warn("id", "not a URL-safe id (1–200 letters, digits, - _ . ~)".into());
    }
}

fn load_sections(raw: Vec<&RawValue>, all_problems: &mut Vec<Problem>) -> Vec<Section> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let mut sections: Vec<(usize, Section)> = Vec::with_capacity(raw.len());
    for (index, raw) in raw.into_iter().enumerate() {
        let mut problem = |id: Option<String>, field: Option<&str>, message: String| {
            let location = Location::Section { index, id, field: field.map(Into::into) };
            problems.push(Problem { severity: Severity::Error, location, message });
        };
        let section: Section = match parse_located(raw) {
            Ok(s) => s,
            Err((field, message)) => {
                problem(probe_id(raw), field.as_deref(), message);
                continue;
            }
        };
        let id = Some(section.id.clone());
        if !is_valid_id(&section.id) {
            problem(id, Some("id"), "not a URL-safe id (1–200 letters, digits, - _ . ~)".into());
        } else if !seen.insert(section.id.clone()) {
            problem(id, Some("id"), "repeats an earlier section's id; this one is skipped".into());
        } else {
            sections.push((index, section));
        }
    }
    for (index, s) in &sections {
        if let Some(parent) = &s.parent {
            if !seen.contains(parent) || parent == &s.id {
                problems.push(parent_warning(
                    *index,
                    &s.id,
                    format!("parent \"{parent}\" is not another section of this archive"),
                ));
            }
        }
    }
    cut_parent_cycles(&mut sections, &mut problems);
    // Keep bundle order: a section's warning after an earlier section's error, not after all.
    let keyed = problems.into_iter().map(|p| {
        let index = match p.location {
            Location::Section { index, .. } => index,
            _ => 0,
        };
        (index, p)
    });
    all_problems.extend(in_bundle_order(keyed.collect()));
    sections.into_iter().map(|(_, s)| s).collect()
}

/// Problems by the bundle position each is about (`(index, problem)`), those about one
/// position in the order they were found.
fn in_bundle_order(problems: Vec<(usize, Problem)>) -> impl Iterator<Item = Problem> {
    let mut keyed: Vec<(usize, usize, Problem)> =
        problems.into_iter().enumerate().map(|(found, (index, p))| (index, found, p)).collect();
    keyed.sort_unstable_by_key(|&(index, found, _)| (index, found));
    keyed.into_iter().map(|(_, _, p)| p)
}

/// A warning about the `parent` of section `id`, `index`th in the bundle.
fn parent_warning(index: usize, id: &str, message: String) -> Problem {
    Problem {
        severity: Severity::Warning,
        location: Location::Section {
            index,
            id: Some(id.to_owned()),
            field: Some("parent".into()),
        },
        message,
    }
}

/// Cuts every loop of `parent` links between sections (`a` under `b`, `b` under `a`), which
/// would leave its sections under no top-level section and so out of every section list: the
/// first section of the loop in bundle order loses its parent and stands at the top, with a
/// warning naming the loop. (A section that is its own parent is reported above and shown at
/// the top level as it is.)
fn cut_parent_cycles(sections: &mut [(usize, Section)], problems: &mut Vec<Problem>) {
    let at: HashMap<String, usize> =
        sections.iter().enumerate().map(|(i, (_, s))| (s.id.clone(), i)).collect();
    for start in 0..sections.len() {
        // Walk up from `start`; a loop through it comes back to it within len steps.
        let mut path = vec![start];
        let mut next = start;
        let looped = loop {
            let parent = sections[next].1.parent.as_deref();
            match parent.and_then(|p| at.get(p)).copied() {
                Some(up) if up == start && path.len() > 1 => break true,
                Some(up) if up != next && path.len() <= sections.len() => {
                    path.push(up);
                    next = up;
                }
                _ => break false,
            }
        };
        if looped {
            let names: Vec<String> =
                path.iter().chain([&start]).map(|&i| format!("\"{}\"", sections[i].1.id)).collect();
            let (index, section) = &mut sections[start];
            let parent = section.parent.take().unwrap_or_default();
            problems.push(parent_warning(
                *index,
                &section.id,
                format!(
                    "parent \"{parent}\" closes a loop of sections ({}): shown at the top level",
                    names.join(" → ")
                ),
            ));
        }
    }
}

/// The article in `raw` without its faulty date, time, offset and retrieval time (the members
/// whose absence the model allows), removed one after another as parsing meets them, starting
/// with `first` (the field and message of the first fault); with each one removed, as `(field,
/// message)`.
///
/// # Errors
/// The first fault in another member, as `(field, message)` (`first` itself when it is one).
fn without_bad_dates(
    raw: &RawValue,
    first: Fault,
) -> Result<(Article, Vec<(String, String)>), Fault> {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(raw.get()) else {
        return Err(first);
    };
    let mut removed = Vec::new();
    let mut fault = first;
    loop {
        let name = match &fault.0 {
            Some(f) if matches!(f.as_str(), "date" | "time" | "utc_offset" | "retrieved_at") => {
                f.clone()
            }
            _ => return Err(fault),
        };
        // Each turn removes a member, so this ends within four turns.
        if value.as_object_mut().and_then(|o| o.remove(&name)).is_none() {
            return Err(fault);
        }
        removed.push((name, fault.1));
        let Ok(again) = serde_json::value::to_raw_value(&value) else {
            return Err((None, "the article could not be read again".into()));
        };
        match parse_located::<Article>(&again) {
            Ok(article) => return Ok((article, removed)),
            Err(next) => fault = next,
        }
    }
}

/// Where a member failed to parse (its path, when known) and why.
type Fault = (Option<String>, String);

fn load_articles(
    raw: Vec<&RawValue>,
    archive: &ArchiveMeta,
    sections: &[Section],
    problems: &mut Vec<Problem>,
) -> Vec<Article> {
    let section_ids: HashSet<&str> = sections.iter().map(|s| s.id.as_str()).collect();
    // Each id kept, with the index in `articles` of the article that has it.
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(raw.len());
    let mut articles: Vec<(usize, Article)> = Vec::with_capacity(raw.len());
    let mut article_problems: Vec<(usize, Problem)> = Vec::new();
    for (index, raw) in raw.into_iter().enumerate() {
        let mut problem = |severity, id: Option<&str>, field: Option<&str>, message: String| {
            let location =
                Location::Article { index, id: id.map(Into::into), field: field.map(Into::into) };
            article_problems.push((index, Problem { severity, location, message }));
        };
        let mut date_warned = false;
        let article: Article = match parse_located(raw) {
            Ok(a) => a,
            Err(fault) => match without_bad_dates(raw, fault) {
                // Dates, times or offsets that do not parse: keep the article without them.
                Ok((a, removed)) => {
                    for (field, message) in removed {
                        let msg = format!("{message}; the article is kept without it");
                        date_warned |= field == "date";
                        problem(Severity::Warning, Some(&a.id), Some(&field), msg);
                    }
                    a
                }
                Err((field, message)) => {
                    problem(Severity::Error, probe_id(raw).as_deref(), field.as_deref(), message);
                    continue;
                }
            },
        };
        let id = Some(article.id.as_str());
        if article.id.trim().is_empty() {
            problem(Severity::Error, None, Some("id"), "the id is empty".into());
            continue;
        }
        if !is_valid_id(&article.id) {
            let msg = "not a URL-safe id (1–200 letters, digits, - _ . ~)".into();
            problem(Severity::Error, id, Some("id"), msg);
            continue;
        }
        if crate::model::is_blank(&article.title) {
            problem(Severity::Error, id, Some("title"), "the title is empty".into());
            continue;
        }
        if let Some(first) = seen.get(&article.id) {
            let msg =
                format!("repeats an earlier article's id (articles[{first}]); this one is skipped");
            problem(Severity::Error, id, Some("id"), msg);
            continue;
        }
        seen.insert(article.id.clone(), index);
        if article.date.is_none() && !date_warned {
            problem(
                Severity::Warning,
                id,
                Some("date"),
                "no date: listed after the dated articles".into(),
            );
        }
        if article.time.is_some() && article.date.is_none() {
            problem(Severity::Warning, id, Some("time"), "a time without a date".into());
        }
        if let Some(section) = &article.section {
            if !section_ids.contains(section.as_str()) {
                let msg = format!("section \"{section}\" is not a section of this archive");
                problem(Severity::Warning, id, Some("section"), msg);
            }
        }
        if !archive.languages.is_empty() && !archive.languages.contains(&article.lang) {
            let msg =
                format!("language \"{}\" is not one of the archive's languages", article.lang);
            problem(Severity::Warning, id, Some("lang"), msg);
        }
        // Addresses the reader cannot follow (`javascript:`, `data:`, another scheme): the app
        // leaves them out, so say which.
        let unsafe_link = |what: &str, url: &str| {
            let shown: String = url.chars().take(80).collect();
            format!(
                "{what} \"{shown}\" is not an http(s) or relative address: it is not linked or \
                 loaded"
            )
        };
        if let Some(url) = article.url.as_deref().filter(|u| safe_link(u).is_none()) {
            problem(Severity::Warning, id, Some("url"), unsafe_link("the address", url));
        }
        for (i, block) in article.body.iter().enumerate() {
            let (what, url) = match block {
                Block::Image { src, .. } => ("the image", Some(src.as_str())),
                Block::Document { href, .. } => ("the document link", href.as_deref()),
                _ => continue,
            };
            if let Some(url) = url.filter(|u| safe_link(u).is_none()) {
                let field = format!("body[{i}]");
                problem(Severity::Warning, id, Some(&field), unsafe_link(what, url));
            }
        }
        if article.is_empty() {
            problem(
                Severity::Warning,
                id,
                Some("body"),
                "no body and no lead: only the title can be shown".into(),
            );
        }
        articles.push((index, article));
    }
    // Twins are checked once every id is known, so a twin may come later in the file.
    for (index, article) in &mut articles {
        // A twin listed more than once is kept once.
        let listed = article.twins.len();
        let mut once = HashSet::new();
        article.twins.retain(|t| once.insert(t.clone()));
        if article.twins.len() < listed {
            let location = Location::Article {
                index: *index,
                id: Some(article.id.clone()),
                field: Some("twins".into()),
            };
            let message = format!(
                "{} repeated twin{} left out (each twin is listed once)",
                listed - article.twins.len(),
                if listed - article.twins.len() == 1 { "" } else { "s" }
            );
            article_problems
                .push((*index, Problem { severity: Severity::Warning, location, message }));
        }
        for twin in &article.twins {
            if !seen.contains_key(twin) || twin == &article.id {
                let location = Location::Article {
                    index: *index,
                    id: Some(article.id.clone()),
                    field: Some("twins".into()),
                };
                let message = format!("twin \"{twin}\" is not another article of this archive");
                article_problems
                    .push((*index, Problem { severity: Severity::Warning, location, message }));
            }
        }
    }
    problems.extend(in_bundle_order(article_problems));
    articles.into_iter().map(|(_, a)| a).collect()
}
