//! Which field of a record gives which part of an article.
//!
//! Every article member (`title`, `date`, `body`, …) is a [`Target`]. A mapping names, per
//! target, the source fields to read: given with `--map TARGET=FIELD` (repeatable), in a TOML
//! file (`[map]` table), or taken from the defaults, which try common field names in order
//! (`title`, `headline`, `name`, …). `FIELD` may be:
//!
//! - a field name (`headline`); for JSON records a dotted path reaches into objects (`meta.date`);
//! - several names joined by `+` (`summary+lead`): the first present one wins;
//! - a name ending in `*` (`article_full_text_*`): every field with that prefix, in the numeric
//!   order of their suffixes, values concatenated (long texts split into columns) — or, for a
//!   list target (`people=Name_*`), one item each;
//! - empty (`--map lead=`): the target is not read at all.
//!
//! Values that mean "nothing" in exports — `""`, `NA`, `N/A`, `null`, `None`, `-`, `—` — are
//! read as absent and counted.

use std::collections::BTreeMap;

use anyhow::{bail, Result};
use serde_json::{Map, Value};

/// An article member a source field can be mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// The record's own id (made URL-safe for the article id).
    Id,
    /// The headline.
    Title,
    /// The publication date (and time), as printed.
    Date,
    /// The body text (plain or HTML).
    Body,
    /// The lead / summary.
    Lead,
    /// The original address.
    Url,
    /// The language tag.
    Lang,
    /// The section (rubric) name.
    Section,
    /// The agency or outlet.
    Source,
    /// The dateline.
    Dateline,
    /// Topic tags (list).
    Tags,
    /// People (list).
    People,
    /// Places (list).
    Places,
}

impl Target {
    /// Every target, in the order of `--help`.
    pub const ALL: [Self; 13] = [
        Self::Id,
        Self::Title,
        Self::Date,
        Self::Body,
        Self::Lead,
        Self::Url,
        Self::Lang,
        Self::Section,
        Self::Source,
        Self::Dateline,
        Self::Tags,
        Self::People,
        Self::Places,
    ];

    /// The target's name on the command line and in TOML.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Title => "title",
            Self::Date => "date",
            Self::Body => "body",
            Self::Lead => "lead",
            Self::Url => "url",
            Self::Lang => "lang",
            Self::Section => "section",
            Self::Source => "source",
            Self::Dateline => "dateline",
            Self::Tags => "tags",
            Self::People => "people",
            Self::Places => "places",
        }
    }

    /// Whether the target holds a list of strings.
    pub const fn is_list(self) -> bool {
        matches!(self, Self::Tags | Self::People | Self::Places)
    }

    /// The field names tried, in order, when the mapping does not name this target.
    pub const fn defaults(self) -> &'static [&'static str] {
        match self {
            Self::Id => &["id", "guid", "uuid", "article_id", "doc_id"],
            Self::Title => &["title", "headline", "heading", "name", "subject"],
            Self::Date => &[
                "date",
                "published",
                "published_at",
                "pub_date",
                "pubDate",
                "date_published",
                "datetime",
                "created_at",
                "created",
                "raw_date",
            ],
            Self::Body => {
                &["body", "content", "text", "full_text", "article", "article_full_text_*"]
            }
            Self::Lead => {
                &["lead", "summary", "standfirst", "teaser", "description", "abstract", "excerpt"]
            }
            Self::Url => &["url", "link", "href", "permalink", "uri"],
            Self::Lang => &["lang", "language", "locale"],
            Self::Section => &["section", "category", "topics", "topic", "rubric", "cat"],
            Self::Source => &[
                "source",
                "edition",
                "agency",
                "outlet",
                "publisher",
                "author",
                "authors",
                "creator",
            ],
            Self::Dateline => &["dateline"],
            Self::Tags => &["tags", "keywords", "labels"],
            Self::People => &["people", "participants", "persons"],
            Self::Places => &["places", "location", "place", "geo"],
        }
    }

    /// Parses a target name.
    ///
    /// # Errors
    /// An unknown name, with the list of known ones.
    pub fn parse(name: &str) -> Result<Self> {
        let n = name.trim();
        Self::ALL.iter().copied().find(|t| t.name() == n).ok_or_else(|| {
            let known: Vec<&str> = Self::ALL.iter().map(|t| t.name()).collect();
            anyhow::anyhow!("unknown article field `{n}`; expected one of {}", known.join(", "))
        })
    }
}

/// The source fields chosen for each target. Targets not named use [`Target::defaults`].
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    explicit: BTreeMap<Target, Vec<String>>,
}

/// Strings that stand for "no value" in exports (R's `NA`, corus' edition `-`).
pub const NULL_LIKE: [&str; 7] = ["", "NA", "N/A", "null", "None", "-", "—"];

/// A value read from a record for a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// Absent (no field, `null`, or a null-like string — the latter named for the report).
    Absent(Option<String>),
    /// One text.
    Text(String),
    /// Several texts (a list field, or a glob over several fields).
    List(Vec<String>),
}

impl Mapping {
    /// Sets `TARGET=FIELD` (see the module docs for `FIELD`).
    ///
    /// # Errors
    /// No `=`, or an unknown target.
    pub fn set(&mut self, spec: &str) -> Result<()> {
        let Some((target, fields)) = spec.split_once('=') else {
            bail!("--map `{spec}`: expected TARGET=FIELD, e.g. title=headline");
        };
        let target = Target::parse(target)?;
        let fields: Vec<String> =
            fields.split('+').map(str::trim).filter(|f| !f.is_empty()).map(str::to_owned).collect();
        self.explicit.insert(target, fields);
        Ok(())
    }

    /// The mappings given with `--map` (or in a config), as `(target, field patterns)`.
    pub fn explicit(&self) -> impl Iterator<Item = (Target, &[String])> {
        self.explicit.iter().map(|(t, f)| (*t, f.as_slice()))
    }

    /// The field patterns used for `target`.
    pub fn fields(&self, target: Target) -> Vec<String> {
        match self.explicit.get(&target) {
            Some(f) => f.clone(),
            None => target.defaults().iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Every field name (or glob prefix) the mapping may read, to tell unmapped fields apart.
    pub fn all_patterns(&self) -> Vec<String> {
        Target::ALL.iter().flat_map(|t| self.fields(*t)).collect()
    }

    /// Reads `target` from `record`, marking the fields it used in `used`.
    pub fn read(
        &self,
        record: &Map<String, Value>,
        target: Target,
        used: &mut Vec<String>,
    ) -> Read {
        let mut null_like = None;
        for pattern in self.fields(target) {
            if let Some(prefix) = pattern.strip_suffix('*') {
                let mut parts: Vec<(u64, &String, &Value)> = record
                    .iter()
                    .filter_map(|(k, v)| {
                        let rest = k.strip_prefix(prefix)?;
                        let n = if rest.is_empty() { 0 } else { rest.parse().ok()? };
                        Some((n, k, v))
                    })
                    .collect();
                parts.sort_by_key(|(n, ..)| *n);
                let mut texts = Vec::new();
                for (_, k, v) in parts {
                    used.push(k.clone());
                    match value_texts(v) {
                        Ok(t) => texts.extend(t),
                        Err(Some(n)) => null_like = Some(n),
                        Err(None) => {}
                    }
                }
                if texts.is_empty() {
                    continue;
                }
                return if target.is_list() {
                    Read::List(texts)
                } else {
                    Read::Text(texts.concat())
                };
            }
            let Some(v) = lookup(record, &pattern) else { continue };
            used.push(pattern.clone());
            match value_texts(v) {
                Ok(t) if target.is_list() || matches!(v, Value::Array(_)) => {
                    // A list where one value is wanted: joined, except a section (its first
                    // item is the section; "a, b" would make a section of its own).
                    return if target.is_list() || target == Target::Section {
                        Read::List(t)
                    } else {
                        Read::Text(t.join(", "))
                    };
                }
                Ok(mut t) => return Read::Text(t.pop().unwrap_or_default()),
                Err(n) => {
                    if n.is_some() {
                        null_like = n;
                    }
                }
            }
        }
        Read::Absent(null_like)
    }
}

/// A field by name, or by a dotted path into nested objects.
fn lookup<'a>(record: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    if let Some(v) = record.get(name) {
        return Some(v);
    }
    let mut parts = name.split('.');
    let mut v = record.get(parts.next()?)?;
    for p in parts {
        v = v.as_object()?.get(p)?;
    }
    Some(v)
}

/// The texts of a value: a string, a number or a boolean gives one; an array gives its
/// non-null-like scalar items; an object gives nothing. `Err(Some(s))` for a null-like string
/// `s`, `Err(None)` for null or nothing usable.
fn value_texts(v: &Value) -> Result<Vec<String>, Option<String>> {
    let scalar = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    };
    match v {
        Value::Array(items) => {
            let t: Vec<String> = items
                .iter()
                .filter_map(scalar)
                .filter(|s| !NULL_LIKE.contains(&s.trim()))
                .collect();
            if t.is_empty() {
                Err(None)
            } else {
                Ok(t)
            }
        }
        other => match scalar(other) {
            Some(s) if NULL_LIKE.contains(&s.trim()) => {
                Err(if s.trim().is_empty() { None } else { Some(s.trim().to_owned()) })
            }
            Some(s) => Ok(vec![s]),
            None => Err(None),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rec(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn defaults_find_common_names_and_skip_null_like_values() {
        let m = Mapping::default();
        let r = rec(json!({"headline": "H", "link": "http://x", "location": "NA", "summary": ""}));
        let mut used = Vec::new();
        assert_eq!(m.read(&r, Target::Title, &mut used), Read::Text("H".into()));
        assert_eq!(m.read(&r, Target::Url, &mut used), Read::Text("http://x".into()));
        assert_eq!(m.read(&r, Target::Places, &mut used), Read::Absent(Some("NA".into())));
        assert_eq!(m.read(&r, Target::Lead, &mut used), Read::Absent(None));
    }

    #[test]
    fn explicit_globs_and_alternatives() {
        let mut m = Mapping::default();
        m.set("body=part_*").unwrap();
        m.set("people=Name_*").unwrap();
        m.set("title=t+r").unwrap();
        m.set("lead=").unwrap();
        let r =
            rec(json!({"part_10": "c", "part_2": "b", "part_1": "a", "Name_2": "Y", "Name_1": "X",
                           "r": "R", "summary": "S"}));
        let mut used = Vec::new();
        assert_eq!(m.read(&r, Target::Body, &mut used), Read::Text("abc".into()));
        assert_eq!(m.read(&r, Target::People, &mut used), Read::List(vec!["X".into(), "Y".into()]));
        assert_eq!(m.read(&r, Target::Title, &mut used), Read::Text("R".into()));
        assert_eq!(m.read(&r, Target::Lead, &mut used), Read::Absent(None));
        assert!(m.set("colour=x").is_err());
    }

    #[test]
    fn a_section_given_as_a_list_stays_a_list() {
        // The importer takes its first item; other one-value targets join theirs.
        let d = Mapping::default();
        let mut used = Vec::new();
        let r = rec(json!({"section": ["a", "b"], "title": ["x", "y"]}));
        assert_eq!(
            d.read(&r, Target::Section, &mut used),
            Read::List(vec!["a".into(), "b".into()])
        );
        assert_eq!(d.read(&r, Target::Title, &mut used), Read::Text("x, y".into()));
    }
}
