//! The bundle: the JSON contract between the `archive-bundle` CLI and the app.
//!
//! A bundle is one JSON object (documented in `docs/bundle-format.md`, schema in
//! `docs/bundle.schema.json`):
//!
//! ```json
//! { "format": "archive-browser-bundle", "version": 1,
//!   "archive": { … }, "sections": [ … ], "articles": [ … ] }
//! ```
//!
//! These types are the serde model of that object. Reading a bundle from text, with every
//! problem located, is [`crate::load`]'s work; these types alone accept only well-formed data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::{CivilDate, ClockTime, Timestamp, UtcOffset};

/// The value of the `format` field that marks a JSON file as an Archive Browser bundle.
pub const FORMAT: &str = "archive-browser-bundle";

/// The bundle format version this crate reads and writes. A reader refuses other versions.
pub const VERSION: u32 = 1;

/// A text in several languages, keyed by BCP 47 language tag (`"en"`, `"ru"`).
pub type Localized = BTreeMap<String, String>;

/// Picks the text for `lang`, else for `fallback`, else any text, passing over blank ones
/// ([`is_blank`]); `None` when there is none.
pub fn pick<'a>(text: &'a Localized, lang: &str, fallback: &str) -> Option<&'a str> {
    let given = |t: &&'a String| !is_blank(t);
    text.get(lang)
        .filter(given)
        .or_else(|| text.get(fallback).filter(given))
        .or_else(|| text.values().find(given))
        .map(String::as_str)
}

/// A whole single-file bundle (format version 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`] for bundles this crate writes.
    pub version: u32,
    /// What the archive is.
    pub archive: ArchiveMeta,
    /// The sections (rubrics) articles are filed under; a tree through [`Section::parent`].
    #[serde(default)]
    pub sections: Vec<Section>,
    /// The articles, in any order (readers sort them).
    #[serde(default)]
    pub articles: Vec<Article>,
}

/// Metadata of the archive as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchiveMeta {
    /// A short URL-safe identifier of the archive, e.g. `"csto"`.
    pub id: String,
    /// The archive's name per language.
    pub title: Localized,
    /// The languages of its articles, most important first.
    pub languages: Vec<String>,
    /// The language shown when the reader has not chosen one; one of `languages`.
    pub default_language: String,
    /// The site the archive was taken from, e.g. `"https://en.odkb-csto.org/"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// When the bundle was written (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_at: Option<Timestamp>,
    /// `sha256:` and the hex SHA-256 of the canonical JSON of `sections` and `articles`
    /// (see [`crate::hash`]); lets a reader tell two versions of an archive apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<String>,
    /// The prebuilt search index shipped beside the bundle, when `archive-bundle index` wrote
    /// one; readers without it (or with a stale one) build their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_index: Option<IndexRef>,
}

/// Where a bundle's prebuilt search index is (format: [`crate::search::store`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexRef {
    /// The index file's address relative to the bundle, content-hashed
    /// (`archive.index.0123456789abcdef.bin`), so it can be cached forever.
    pub href: String,
    /// Its format version ([`crate::search::store::INDEX_VERSION`]).
    pub version: u8,
    /// Its size in bytes, for progress and for deciding whether to fetch it.
    pub bytes: u64,
}

/// A section (rubric) of the site, such as "CSTO news".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// URL-safe identifier, unique among sections, e.g. `"news_odkb"`.
    pub id: String,
    /// The enclosing section's id, `None` at the top.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The section's name per language.
    pub title: Localized,
}

/// One article as published. (`Default` is an empty article, for building one field by field.)
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable URL-safe identifier (letters, digits, `-`, `_`, `.`, `~`), unique in the archive.
    pub id: String,
    /// The article's language (BCP 47 tag).
    pub lang: String,
    /// The headline, as plain text.
    pub title: String,
    /// The civil date printed with the article; `None` when the source gave none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<CivilDate>,
    /// The wall-clock time printed with the article, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<ClockTime>,
    /// The UTC offset of that clock, when known. Never used to shift the date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset: Option<UtcOffset>,
    /// The id of the section the article is filed under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The agency or outlet the text comes from, e.g. `"RIA Novosti"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The dateline, e.g. `"VIENNA, July17 – RIA Novosti"`, as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// The lead (standfirst, teaser), as plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// The body as structured blocks, in reading order. Never raw HTML.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Block>,
    /// Free-form topic tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// People named as the article's subjects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    /// Places named as the article's subjects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// The address the article was published at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Ids of the same article in other languages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub twins: Vec<String>,
    /// When the source was retrieved (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved_at: Option<Timestamp>,
    /// The importer's remarks for archivists, e.g. why the article has no date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Article {
    /// Whether the article has neither a lead nor any body block.
    pub fn is_empty(&self) -> bool {
        self.body.is_empty() && self.lead.as_deref().is_none_or(is_blank)
    }
}

/// Whether `text` shows nothing: only white space and invisible format characters (zero-width
/// spaces and joiners, the word joiner, the byte order mark, the soft hyphen, direction marks
/// and embeddings). A title of U+200B alone would be an invisible link.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || is_bidi_control(c)
            || matches!(c, '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
    })
}

/// `text` on one line that only says what it says: every control character (line breaks,
/// terminal escapes, NUL) and every bidirectional formatting character written as an escape
/// (`\n`, `\u{1b}`, `\u{202e}`), so that a value quoted from a hostile bundle cannot start a
/// line of its own, colour or clear a terminal, or reorder what a reader sees.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `c` is a bidirectional formatting character (Unicode's `Bidi_Control` less the
/// Arabic letter mark): the direction marks, embeddings, overrides and isolates, which reorder
/// the text around them without showing themselves.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A block of an article body. Every text is plain text: readers render it as text nodes.
///
/// Serialised with a `type` tag: `{"type": "paragraph", "text": "…"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph.
    Paragraph {
        /// Its text.
        text: String,
    },
    /// A sub-heading inside the body.
    Heading {
        /// Rank 2–6 (the title is rank 1).
        level: u8,
        /// Its text.
        text: String,
    },
    /// A quotation set apart from the text.
    Quote {
        /// The quoted words.
        text: String,
        /// Who said it, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    /// A bulleted or numbered list.
    List {
        /// Numbered (`true`) or bulleted.
        #[serde(default)]
        ordered: bool,
        /// The items' texts.
        items: Vec<String>,
    },
    /// A picture.
    Image {
        /// Its address (absolute, or relative to the bundle).
        src: String,
        /// Text that replaces the picture for people who cannot see it.
        alt: String,
        /// A caption shown under it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
    /// A link to a document (a statement's PDF, a DOCX annex).
    Document {
        /// Its address, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        href: Option<String>,
        /// Its name as printed, e.g. `"Annex 2.pdf"`.
        title: String,
    },
}

impl Block {
    /// The block's text for reading, excerpts and search (list items joined by newlines).
    pub fn text(&self) -> String {
        self.pieces().join("\n")
    }

    /// [`Block::text`] without copying: the one text of the block, or a list's items.
    pub fn pieces(&self) -> &[String] {
        match self {
            Self::Paragraph { text } | Self::Heading { text, .. } | Self::Quote { text, .. } => {
                std::slice::from_ref(text)
            }
            Self::List { items, .. } => items,
            Self::Image { alt, caption, .. } => {
                std::slice::from_ref(caption.as_ref().unwrap_or(alt))
            }
            Self::Document { title, .. } => std::slice::from_ref(title),
        }
    }
}

/// Whether `id` is a valid article or section id: non-empty, at most 200 bytes, only ASCII
/// letters, digits and the URL-unreserved marks `-`, `_`, `.`, `~` (RFC 3986 §2.3), so it can
/// stand in a URL and a file name unescaped.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
}

/// Whether `tag` is a well-formed BCP 47 language tag as archives use them (RFC 5646 §2.1): a
/// primary language subtag of 2–3 ASCII letters (an ISO 639 code; the 4–8 letter forms are
/// reserved or unassigned), then up to 35 bytes in all of `-`-separated subtags of 1–8 ASCII
/// letters or digits. `en`, `ru`, `zh-Hant-TW`, `und` pass; `klingon`, `english`, `e`, `en_US`
/// do not. Case is not checked (tags are case-insensitive).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && tag.len() <= 35
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Returns `url` when it is safe to put in a link or an image address: `http:` or `https:`
/// (any case), or a relative reference with no scheme. `javascript:`, `data:`, `vbscript:` and
/// every other scheme give `None`, so bundle text can never become script through a URL.
/// Leading and trailing ASCII whitespace and control characters are ignored for the check, as
/// browsers ignore them (WHATWG URL, "basic URL parser").
pub fn safe_link(url: &str) -> Option<&str> {
    let trimmed = url.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
    if trimmed.is_empty() || trimmed.chars().any(|c| c.is_ascii_control()) {
        return None;
    }
    let scheme_end = trimmed.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if trimmed.as_bytes()[i] == b':' => {
            let scheme = &trimmed[..i];
            (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
                .then_some(trimmed)
        }
        _ => Some(trimmed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_link_allows_web_and_relative_addresses_only() {
        assert_eq!(
            safe_link("https://en.odkb-csto.org/news/"),
            Some("https://en.odkb-csto.org/news/")
        );
        assert_eq!(safe_link(" HTTP://x.org "), Some("HTTP://x.org"));
        assert_eq!(safe_link("img/a.jpg"), Some("img/a.jpg"));
        assert_eq!(safe_link("/a/b?c=d:e"), Some("/a/b?c=d:e"));
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "",
            "\u{1}javascript:x",
        ] {
            assert_eq!(safe_link(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn language_tags_are_well_formed() {
        for good in ["en", "ru", "RU", "pt-BR", "zh-Hant", "zh-Hant-TW", "und", "fil", "de-CH-1996"]
        {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in
            ["klingon", "english", "e", "en_US", "", "en-", "en--us", "12", "ru-абв", "<b>", "ру"]
        {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn ids_are_url_safe() {
        assert!(is_valid_id("en-ria-novosti_1.2~x"));
        for bad in ["", "a/b", "a b", "новости", "a?b", &"x".repeat(201)] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
