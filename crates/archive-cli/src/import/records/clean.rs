//! Cleaning record texts into plain text and body blocks, every change counted.
//!
//! For each text, in this order (see `docs/importing.md`, "Cleaning"):
//!
//! 1. **Markup or not** is decided on the raw text: a body with real HTML tags (`<p>`, `<br>`,
//!    `<a href>`, …) goes to [`super::html`], whose parser decodes its entities; so does every
//!    body when they are Markdown (`--markdown`), once `pulldown-cmark` has written it as HTML
//!    (CommonMark); a plain body that looks like Markdown is counted; any other text
//!    has its HTML entities decoded here (`html-escape`). Either way **exactly once**:
//!    `&amp;lt;` becomes the text `&lt;`, and Reuters' `&lt;IBM>` becomes `<IBM>` — text, since
//!    the decision about markup was made before decoding.
//! 2. **Control characters** are removed (Reuters' `&#3;` end marker, `&#2;`), and zero-width
//!    spaces and byte-order marks; `\r\n` becomes `\n`.
//! 3. **Literal `n` newlines** (corus rows where newlines became the letter `n`) are repaired
//!    when enabled and the row shows the damage — see [`repair_literal_n`].
//! 4. **Unicode NFC**.
//! 5. **Site chrome** is cut by regular expressions ([`Chrome`]); defaults cover the corpus
//!    sources. A rule's named group `date` gives a publication date the source printed in the
//!    chrome (the Kremlin's "Дата публикации: …"), used only when the record has no date.
//! 6. For bodies: a **repeated title and lead** at the start are removed, a **leading dateline**
//!    (a date, a clock time and a known place) is moved to `dateline`, and the title again when
//!    the page prints it under the dateline (kremlin.ru); the text is split into
//!    **paragraphs**; **white space** is collapsed (no-break and other spaces become one space).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use anyhow::{Context, Result};
use regex::Regex;
use serde::Serialize;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::dates::{parse_date, DateRead, Published};
use crate::import::text::collapse_ws;
use archive_core::Block;

/// A site-chrome rule: text matching `re` is removed from bodies (and leads, when `lead`).
#[derive(Debug, Clone)]
pub struct Chrome {
    /// The rule's name in the report (`kremlin-ru-trailer`, `custom-1`).
    pub name: String,
    /// What to remove. A named group `date` marks a publication date inside the chrome.
    pub re: Regex,
    /// Whether the rule also applies to leads.
    pub lead: bool,
    /// Only for articles whose URL matches this (the defaults are scoped to their site).
    pub scope: Option<Regex>,
    /// Whether the pattern is anchored at the end (`\z` or `$`): then only the last 16 KiB of
    /// a text are searched, which keeps long texts fast.
    pub at_end: bool,
}

/// The URL scope of the kremlin.ru default rules.
const KREMLIN: &str = r"(?i)^(?:https?://)?(?:www\.|en\.)?kremlin\.ru/";

/// The default chrome rules, for the sources in the shared corpus (name, pattern, applies to
/// leads too, URL scope).
pub const DEFAULT_CHROME: [(&str, &str, bool, Option<&str>); 7] = [
    // kremlin.ru: every body starts with the section name "События" (Events).
    ("kremlin-ru-events", r"^\s*События\s+", true, Some(KREMLIN)),
    // kremlin.ru announcements: the calendar buttons.
    (
        "kremlin-ru-calendar",
        r"\s*Добавить в Календарь Календари Яндекс iCal Google\s*",
        false,
        Some(KREMLIN),
    ),
    // kremlin.ru: the trailer of geography, topics, people, rubrics, date and short link.
    (
        "kremlin-ru-trailer",
        r"\s*(?:География\s[^.!?<>]{0,600}?)?(?:Темы\s[^.!?<>]{0,600}?)?(?:Лица\s[^.!?<>]{0,600}?)?Статус материала\s+Опубликован в раздел(?:е|ах):[^\n]{0,400}?(?:Дата публикации:\s*(?P<date>\d{1,2}\s+\S+\s+\d{4}\s+года(?:,\s*\d{1,2}:\d{2})?))?\s*Ссылка на материал:\s*\S+\s+Текстовая версия\s*$",
        false,
        Some(KREMLIN),
    ),
    // en.kremlin.ru (other_sources_index summaries): the section name "Events" on its own line.
    ("kremlin-en-events", r"^\s*Events[ \t]*\n\s*", true, Some(KREMLIN)),
    // 1tv.ru: a "latest news" widget scraped instead of the text — another item's headline,
    // its lead and "Сегодня, 13:29" or "11 февраля, 22:05" (years 2000–2010 of the index).
    (
        "1tv-latest-news-widget",
        r"\A\s*[^\n]+\n[^\n]+\n\s*(?:Сегодня|Вчера|\d{1,2}\s+[а-я]+)(?:\s+\d{4})?,\s*\d{1,2}:\d{2}\s*\z",
        false,
        Some(r"(?i)^(?:https?://)?(?:www\.)?1tv\.ru/"),
    ),
    // Reuters-21578: the agency sign-off on the last line.
    ("reuters-signoff", r"(?i)\n[ \t]*REUTER[ \t]*\n?\s*\z", false, None),
    // The CSTO site's navigation at the end of a page.
    (
        "csto-navigation",
        r"(?:\s*(?:Go back|Back to the section|Back to the all news))+\s*\z",
        false,
        None,
    ),
];

/// Builds the chrome rules: the defaults (unless `no_defaults`) and `custom` patterns named
/// `custom-1`, `custom-2`, … or by a `NAME=` prefix when given as `NAME=REGEX` in TOML.
///
/// # Errors
/// A custom pattern that is not a valid regular expression.
pub fn chrome_rules(no_defaults: bool, custom: &[(String, String)]) -> Result<Vec<Chrome>> {
    let mut rules = Vec::new();
    if !no_defaults {
        for (name, re, lead, scope) in DEFAULT_CHROME {
            rules.push(Chrome {
                name: name.to_owned(),
                at_end: ends_anchored(re),
                re: Regex::new(re)?,
                lead,
                scope: scope.map(Regex::new).transpose()?,
            });
        }
    }
    for (name, re) in custom {
        let at_end = ends_anchored(re);
        let re = Regex::new(re).with_context(|| format!("chrome pattern `{name}`"))?;
        rules.push(Chrome { name: name.clone(), re, lead: true, scope: None, at_end });
    }
    Ok(rules)
}

fn ends_anchored(re: &str) -> bool {
    (re.ends_with("\\z") || re.ends_with('$')) && !re.ends_with("\\$") && !re.contains("(?m")
}

/// Bytes searched from the end of a text by rules anchored at its end.
const TAIL: usize = 16 * 1024;

/// What cleaning did, summed over all records. Field names are the JSON keys of the report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CleanCounts {
    /// Texts (titles, leads, bodies, …) in which HTML entities were decoded.
    pub entities_decoded: u64,
    /// Bodies read as HTML (Markdown ones included, written as HTML first).
    pub html_bodies: u64,
    /// Bodies read as Markdown (`--markdown`).
    pub markdown_bodies: u64,
    /// Relative image and document addresses made whole against the article's address, else
    /// the site's (`--source-url`): the app would read them against its own.
    pub links_resolved: u64,
    /// Relative image and document addresses kept as written: neither the article nor the run
    /// gives an address to read them against.
    pub links_unresolved: u64,
    /// WordPress `[caption]…[/caption]` shortcodes read as a figure: the picture they hold, with
    /// their words as its caption (or, with no picture, their words as text).
    pub captions: u64,
    /// Bodies read as plain text or HTML that look like Markdown (`[text](https://…)` links, `![…](…)`
    /// images, `## ` headings): the report says to pass `--markdown`.
    pub markdown_like: u64,
    /// HTML elements dropped with their content (`script`, `style`, `nav`, …) or links and
    /// images with unsafe addresses.
    pub html_dropped: u64,
    /// Titles or leads that held markup, reduced to their text.
    pub markup_in_short_texts: u64,
    /// Body blocks written, by type.
    pub blocks: BTreeMap<String, u64>,
    /// Control and zero-width characters removed.
    pub control_chars_removed: u64,
    /// Texts changed by Unicode NFC.
    pub nfc_normalised: u64,
    /// Texts whose white space was collapsed or trimmed.
    pub whitespace_normalised: u64,
    /// Chrome removed, per rule.
    pub chrome_removed: BTreeMap<String, u64>,
    /// Records whose body started with their title, which was removed.
    pub title_repeated_in_body: u64,
    /// Records whose body started with their lead, which was removed from the body.
    pub lead_repeated_in_body: u64,
    /// Leads dropped because they only repeat the start of the title.
    pub lead_repeats_title: u64,
    /// Leading datelines moved from the body to `dateline`.
    pub datelines_from_body: u64,
    /// Of those, the ones whose date (and time) was the article's own: only their place is
    /// kept (the page shows the date above it; "8 мая 2025 года 10:10 Москва, Кремль" under
    /// "8 мая 2025 г. 10:10" read as the date twice).
    pub dateline_dates_dropped: u64,
    /// Records with the literal-`n` damage repaired.
    pub literal_n_rows: u64,
    /// Literal `n`s turned into paragraph breaks.
    pub literal_n_breaks: u64,
    /// Literal `n`s turned into a space or removed inside a sentence.
    pub literal_n_joins: u64,
}

/// When to repair newlines written as a literal `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LiteralN {
    /// In rows that show the damage (a Latin `n` between Cyrillic letters or after a
    /// sentence end before a Cyrillic capital).
    Auto,
    /// Never.
    Off,
}

/// The cleaner: rules and counts.
#[derive(Debug)]
pub struct Cleaner {
    /// Chrome rules in order.
    pub chrome: Vec<Chrome>,
    /// Literal-`n` repair.
    pub literal_n: LiteralN,
    /// Whether bodies are Markdown (`--markdown`).
    pub markdown: bool,
    /// The site's address (`--source-url`): what a relative image or document address of an
    /// article without an address of its own is read against.
    pub base: Option<url::Url>,
    /// What was done.
    pub counts: CleanCounts,
}

/// What a body became.
#[derive(Debug, Default)]
pub struct CleanBody {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// A leading dateline moved out of the body, as printed.
    pub dateline: Option<String>,
    /// The date (and time) read from that dateline.
    pub dateline_date: Option<Published>,
    /// What the dateline says besides its date and time (its place), if anything.
    pub dateline_place: Option<String>,
    /// A publication date found inside removed chrome, as printed.
    pub chrome_date: Option<String>,
}

/// What the body knows about its record, to recognise repeats and datelines.
#[derive(Debug, Default)]
pub struct BodyContext<'a> {
    /// The cleaned title.
    pub title: &'a str,
    /// The cleaned lead.
    pub lead: Option<&'a str>,
    /// Places named by the record (a dateline's place).
    pub places: &'a [String],
    /// The record's URL (chrome rules may be scoped to a site).
    pub url: Option<&'a str>,
}

static CONTROL_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&#0*([0-9]{1,3});").expect("valid regex"));

static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)</?(?:p|br|div|span|a|b|i|u|em|strong|ul|ol|li|h[1-6]|blockquote|img|table|tr|td|th|figure|figcaption|section|article|pre|sup|sub|hr|font|center|small|big|iframe|script|style|emph)(?:\s[^<>]*)?/?>",
    )
    .expect("valid regex")
});

/// Whether `raw` holds HTML markup (real tags, not escaped ones).
pub fn has_markup(raw: &str) -> bool {
    raw.contains('<') && MARKUP.is_match(raw)
}

/// Markdown's marks that plain text does not make: an inline link or image to a web or
/// relative address (`[text](https://…)`, `![](/img.png)`), or an ATX heading line (`## Title`).
static MARKDOWN_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)\]\((?:https?://|/)[^)\s]*\)|^#{1,6} \S").expect("valid regex")
});

/// Whether a plain body `raw` looks like Markdown ([`MARKDOWN_LIKE`]).
pub fn looks_like_markdown(raw: &str) -> bool {
    MARKDOWN_LIKE.is_match(raw)
}

/// A WordPress caption shortcode, `[caption id="…" align="…" width="…"]` + a picture (an `img`,
/// perhaps in a link) + its caption's words + `[/caption]` (WordPress' `img_caption_shortcode`).
/// In an HTML body, or in a Markdown one once written as HTML.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?s)\[caption\b[^\]]*\]\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)?(.*?)\[/caption\]",
    )
    .expect("valid regex")
});

/// `raw` with each WordPress caption shortcode ([`CAPTION`]) made a `figure` whose `figcaption`
/// is the caption's words, so the HTML reader gives an image with its caption; a shortcode
/// with no picture leaves its words. Returns the text and how many shortcodes were read.
fn wordpress_captions(raw: &str) -> (std::borrow::Cow<'_, str>, u64) {
    if !raw.contains("[/caption]") {
        return (std::borrow::Cow::Borrowed(raw), 0);
    }
    let mut n = 0;
    let out = CAPTION.replace_all(raw, |c: &regex::Captures<'_>| {
        n += 1;
        let words = c.get(2).map_or("", |m| m.as_str());
        match c.get(1) {
            Some(picture) => {
                format!("<figure>{}<figcaption>{words}</figcaption></figure>", picture.as_str())
            }
            None => words.to_owned(),
        }
    });
    (out, n)
}

/// A Markdown body written as HTML (CommonMark, by `pulldown-cmark`), for [`super::html`]:
/// paragraphs, headings, lists, quotes, images and links become blocks as an HTML body's do.
/// HTML inside the Markdown passes through, as CommonMark says.
fn markdown_to_html(raw: &str) -> String {
    let mut html = String::with_capacity(raw.len() + raw.len() / 4);
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(raw));
    html
}

fn in_scope(rule: &Chrome, url: Option<&str>) -> bool {
    match &rule.scope {
        None => true,
        Some(re) => url.is_some_and(|u| re.is_match(u)),
    }
}

fn is_removed_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
}

impl Cleaner {
    /// Decodes entities (once), removes control characters, and normalises to NFC.
    fn basic(&mut self, raw: &str) -> String {
        // Numeric references to control characters (Reuters' `&#3;`) are not decoded by
        // html-escape; they are removed here and counted with the control characters.
        let raw = if raw.contains("&#") {
            let mut n = 0;
            let r = CONTROL_REF.replace_all(raw, |c: &regex::Captures<'_>| {
                let v: u32 = c[1].parse().unwrap_or(0);
                if v < 32 && v != 9 && v != 10 && v != 13 || v == 127 {
                    n += 1;
                    String::new()
                } else {
                    c[0].to_owned()
                }
            });
            self.counts.control_chars_removed += n;
            r
        } else {
            std::borrow::Cow::Borrowed(raw)
        };
        let raw = raw.as_ref();
        let decoded = html_escape::decode_html_entities(raw);
        if decoded.len() != raw.len() || decoded != raw {
            self.counts.entities_decoded += 1;
        }
        self.scrub(&decoded)
    }

    /// Removes control characters and normalises to NFC (for text already decoded).
    pub fn scrub(&mut self, text: &str) -> String {
        let mut s = text.replace("\r\n", "\n");
        if s.chars().any(is_removed_char) {
            let before = s.chars().count();
            s.retain(|c| !is_removed_char(c));
            self.counts.control_chars_removed += (before - s.chars().count()) as u64;
        }
        if is_nfc_quick(s.chars()) != IsNormalized::Yes {
            let n: String = s.nfc().collect();
            if n != s {
                self.counts.nfc_normalised += 1;
                s = n;
            }
        }
        s
    }

    fn collapse(&mut self, s: &str) -> String {
        let c = collapse_ws(s);
        if c != s {
            self.counts.whitespace_normalised += 1;
        }
        c
    }

    /// A one-line text (title, section, source, tag, …): markup reduced to its text,
    /// entities decoded once, controls removed, NFC, white space collapsed.
    pub fn line(&mut self, raw: &str) -> String {
        if has_markup(raw) {
            self.counts.markup_in_short_texts += 1;
            let text = super::html::text_of(raw);
            let s = self.scrub(&text);
            return self.collapse(&s);
        }
        let s = self.basic(raw);
        self.collapse(&s)
    }

    /// A lead: like [`Self::line`], with the chrome rules that apply to leads; `None` when
    /// nothing is left.
    pub fn lead(&mut self, raw: &str, url: Option<&str>) -> Option<String> {
        let mut s = if has_markup(raw) {
            self.counts.markup_in_short_texts += 1;
            let t = super::html::text_of(raw);
            self.scrub(&t)
        } else {
            self.basic(raw)
        };
        for i in 0..self.chrome.len() {
            if !self.chrome[i].lead || !in_scope(&self.chrome[i], url) {
                continue;
            }
            if let Some(m) = self.chrome[i].re.find(&s) {
                let name = self.chrome[i].name.clone();
                s.replace_range(m.range(), " ");
                *self.counts.chrome_removed.entry(name).or_default() += 1;
            }
        }
        let s = self.collapse(&s);
        (!s.is_empty()).then_some(s)
    }

    /// Applies the chrome rules to a body text; returns a date found in removed chrome.
    fn cut_chrome(&mut self, s: &mut String, url: Option<&str>) -> Option<String> {
        let mut date = None;
        for rule in &self.chrome {
            if !in_scope(rule, url) {
                continue;
            }
            let mut from = 0;
            if rule.at_end && s.len() > TAIL {
                from = s.len() - TAIL;
                while !s.is_char_boundary(from) {
                    from += 1;
                }
            }
            let Some(caps) = rule.re.captures(&s[from..]) else { continue };
            let Some(whole) = caps.get(0) else { continue };
            if whole.as_str().is_empty() {
                continue;
            }
            if date.is_none() {
                date = caps.name("date").map(|m| m.as_str().to_owned());
            }
            let range = from + whole.start()..from + whole.end();
            // Keep a separator where text on both sides remains.
            let sep = if range.start > 0 && range.end < s.len() { " " } else { "" };
            s.replace_range(range, sep);
            *self.counts.chrome_removed.entry(rule.name.clone()).or_default() += 1;
        }
        date
    }

    /// Cleans a body (plain text or HTML) into blocks. `literal_n_row` says whether the
    /// record's texts show the literal-`n` damage.
    pub fn body(&mut self, raw: &str, ctx: &BodyContext<'_>, literal_n_row: bool) -> CleanBody {
        let url = ctx.url;
        let mut out = CleanBody::default();
        let markdown = self.markdown.then(|| markdown_to_html(raw));
        if markdown.is_some() {
            self.counts.markdown_bodies += 1;
        } else if looks_like_markdown(raw) {
            self.counts.markdown_like += 1;
        }
        if let Some(raw) = markdown.as_deref().or(has_markup(raw).then_some(raw)) {
            self.counts.html_bodies += 1;
            let (raw, captions) = wordpress_captions(raw);
            self.counts.captions += captions;
            let (blocks, dropped) = super::html::blocks(&raw);
            self.counts.html_dropped += dropped;
            let mut kept = Vec::with_capacity(blocks.len());
            for mut b in blocks {
                self.clean_block(&mut b, &mut out, url);
                if !block_is_empty(&b) {
                    kept.push(b);
                }
            }
            if let Some(Block::Paragraph { text }) = kept.first_mut() {
                let mut t = std::mem::take(text);
                self.strip_header(&mut t, ctx, &mut out);
                *text = t;
                if text.is_empty() {
                    kept.remove(0);
                }
            }
            out.blocks = kept;
        } else {
            let mut s = self.basic(raw);
            if literal_n_row && self.literal_n == LiteralN::Auto {
                let (fixed, breaks, joins) = repair_literal_n(&s);
                self.counts.literal_n_rows += 1;
                self.counts.literal_n_breaks += breaks;
                self.counts.literal_n_joins += joins;
                s = fixed;
            }
            out.chrome_date = self.cut_chrome(&mut s, url);
            self.strip_header(&mut s, ctx, &mut out);
            for p in paragraphs(&s) {
                let text = self.collapse(&p);
                if !text.is_empty() {
                    out.blocks.push(Block::Paragraph { text });
                }
            }
        }
        for b in &out.blocks {
            let kind = match b {
                Block::Paragraph { .. } => "paragraph",
                Block::Heading { .. } => "heading",
                Block::Quote { .. } => "quote",
                Block::List { .. } => "list",
                Block::Image { .. } => "image",
                Block::Document { .. } => "document",
            };
            *self.counts.blocks.entry(kind.to_owned()).or_default() += 1;
        }
        out
    }

    fn clean_block(&mut self, b: &mut Block, out: &mut CleanBody, url: Option<&str>) {
        let mut fix = |this: &mut Self, t: &mut String, chrome: bool| {
            let mut s = this.scrub(t);
            if chrome {
                if let Some(d) = this.cut_chrome(&mut s, url) {
                    out.chrome_date.get_or_insert(d);
                }
            }
            *t = this.collapse(&s);
        };
        match b {
            Block::Paragraph { text } | Block::Heading { text, .. } => fix(self, text, true),
            Block::Quote { text, cite } => {
                fix(self, text, true);
                if let Some(c) = cite {
                    fix(self, c, false);
                }
            }
            Block::List { items, .. } => {
                for i in items.iter_mut() {
                    fix(self, i, false);
                }
                items.retain(|i| !i.is_empty());
            }
            Block::Image { alt, caption, src } => {
                fix(self, alt, false);
                if let Some(c) = caption {
                    fix(self, c, false);
                }
                self.resolve(src, url);
            }
            Block::Document { title, href } => {
                fix(self, title, false);
                if let Some(h) = href {
                    self.resolve(h, url);
                }
            }
        }
    }

    /// Makes a relative address (`/img/a.jpg`, `a.pdf`, `//cdn/x.png`) whole against the
    /// article's address `url`, else the site's ([`Cleaner::base`]), when that gives a web
    /// address; else it stays as written, counted. An address with a scheme is left alone.
    fn resolve(&mut self, link: &mut String, url: Option<&str>) {
        if link.is_empty() || url::Url::parse(link).is_ok() {
            return;
        }
        let own = url.and_then(|u| url::Url::parse(u).ok());
        let whole = own
            .as_ref()
            .or(self.base.as_ref())
            .and_then(|b| b.join(link).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"));
        match whole {
            Some(u) => {
                *link = u.into();
                self.counts.links_resolved += 1;
            }
            None => self.counts.links_unresolved += 1,
        }
    }

    /// Removes a repeated title and lead at the start of a body and moves a leading dateline
    /// out of it (and a title repeated after that dateline).
    fn strip_header(&mut self, s: &mut String, ctx: &BodyContext<'_>, out: &mut CleanBody) {
        let title = ctx.title.trim();
        let title_stripped = strip_title(s, title);
        if title_stripped {
            self.counts.title_repeated_in_body += 1;
        }
        if let Some(lead) = ctx.lead.map(str::trim).filter(|l| l.chars().count() >= 20) {
            if let Some(rest) = strip_prefix_ws(s.trim_start(), lead) {
                if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                    *s = rest.trim_start().to_owned();
                    self.counts.lead_repeated_in_body += 1;
                }
            }
        }
        // A leading dateline: a full date, optionally a clock time, then optionally a place of
        // the record ("8 мая 2025 года 10:10 Москва, Кремль").
        let start = s.trim_start();
        if let DateRead::Full { published, len, time_dropped: None, .. } = parse_date(start) {
            let mut end = len;
            let rest = &start[len..];
            let after_ws = rest.trim_start();
            let mut matched_place = false;
            for place in ctx.places {
                if !place.is_empty() && after_ws.starts_with(place.as_str()) {
                    end = start.len() - after_ws.len() + place.len();
                    matched_place = true;
                    break;
                }
            }
            let boundary = start[end..].is_empty() || start[end..].starts_with(char::is_whitespace);
            // Only a dateline with a time or a place, so a sentence opening with a date stays.
            if boundary && (matched_place || published.time.is_some()) {
                out.dateline = Some(collapse_ws(&start[..end]));
                out.dateline_date = Some(published);
                out.dateline_place =
                    Some(collapse_ws(start[len..end].trim())).filter(|p| !p.is_empty());
                *s = start[end..].trim_start().to_owned();
                self.counts.datelines_from_body += 1;
                // Pages that print the headline again under the dateline (kremlin.ru: title,
                // summary, dateline, title, text).
                if strip_title(s, title) && !title_stripped {
                    self.counts.title_repeated_in_body += 1;
                }
            }
        }
    }
}

/// Removes `title` (at least 8 characters) from the start of `s` when it stands there as a
/// whole (followed by white space or nothing), comparing with white space collapsed. Whether it
/// did.
fn strip_title(s: &mut String, title: &str) -> bool {
    if title.chars().count() < 8 {
        return false;
    }
    match strip_prefix_ws(s.trim_start(), title) {
        Some(rest) if rest.is_empty() || rest.starts_with(char::is_whitespace) => {
            *s = rest.trim_start().to_owned();
            true
        }
        _ => false,
    }
}

/// `text` without the prefix `prefix`, comparing with white space collapsed on both sides.
fn strip_prefix_ws<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let mut t = text.char_indices().peekable();
    let mut p = prefix.chars().peekable();
    loop {
        let Some(&pc) = p.peek() else {
            let at = t.peek().map_or(text.len(), |&(i, _)| i);
            return Some(&text[at..]);
        };
        let &(_, tc) = t.peek()?;
        if pc.is_whitespace() && tc.is_whitespace() {
            while p.peek().is_some_and(|c| c.is_whitespace()) {
                p.next();
            }
            while t.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                t.next();
            }
        } else if pc == tc {
            p.next();
            t.next();
        } else {
            return None;
        }
    }
}

fn block_is_empty(b: &Block) -> bool {
    match b {
        Block::Paragraph { text } | Block::Heading { text, .. } | Block::Quote { text, .. } => {
            text.is_empty()
        }
        Block::List { items, .. } => items.is_empty(),
        Block::Image { src, .. } => src.is_empty(),
        Block::Document { title, .. } => title.is_empty(),
    }
}

/// Splits a plain text into paragraph texts (not yet collapsed).
///
/// Hard-wrapped text (four lines or more, nearly all at most 80 characters, like Reuters'
/// fixed-width bodies) starts a paragraph at a blank line or an indented line and joins the
/// other lines with a space; any other text makes each non-blank line a paragraph.
pub fn paragraphs(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let non_blank: Vec<&&str> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    let short = non_blank.iter().filter(|l| l.chars().count() <= 80).count();
    let hard_wrapped = non_blank.len() >= 4 && short * 10 >= non_blank.len() * 9;
    if !hard_wrapped {
        return non_blank.iter().map(|l| (**l).to_owned()).collect();
    }
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for line in lines {
        let starts_new = line.trim().is_empty() || line.starts_with([' ', '\t']);
        if starts_new && !cur.trim().is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if !line.trim().is_empty() {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(line.trim());
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

fn is_cyr(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
}

static LITERAL_N_EVIDENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[а-яё]n[а-яё]|[а-яё][.!?»]n[А-ЯЁ«—]|[.!?]nn[А-ЯЁ«—\x22]").expect("valid regex")
});

/// Whether a text shows the literal-`n` damage: a Latin `n` between Cyrillic lower-case
/// letters, or between a sentence end and a Cyrillic capital — neither occurs in Russian text.
pub fn has_literal_n(text: &str) -> bool {
    LITERAL_N_EVIDENCE.is_match(text)
}

/// Turns newlines written as a literal `n` back into breaks, for a text known to be damaged.
/// Returns the text, the paragraph breaks made and the in-sentence joins.
///
/// A run of `n`s counts only where neither neighbour is a Latin letter (so English words stay)
/// and at least one is Cyrillic or punctuation. Then:
/// - two or more `n`s → a paragraph break;
/// - one `n` before `. , ; : ) ! ?` → removed (`»n.` → `».`);
/// - one `n` after a sentence end (`. ! ? … :`), or after a closing quote before a capital →
///   a paragraph break;
/// - any other single `n` (a line wrapped inside a sentence, `онnвступил`) → a space.
///
/// Known limit: an `n` glued to a Latin word (`The Timesn.`) is left as it is.
pub fn repair_literal_n(text: &str) -> (String, u64, u64) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let (mut breaks, mut joins) = (0u64, 0u64);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != 'n' {
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j] == 'n' {
            j += 1;
        }
        let prev = i.checked_sub(1).map(|k| chars[k]);
        let next = chars.get(j).copied();
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        let anchor = |c: Option<char>| {
            c.is_some_and(|c| {
                is_cyr(c) || (c.is_ascii_punctuation() && c != '_') || "«»—–…“”".contains(c)
            })
        };
        let run = j - i;
        if latin(prev)
            || latin(next)
            || !(anchor(prev) || anchor(next))
            || prev.is_none()
            || run > 3
        {
            out.extend(&chars[i..j]);
            i = j;
            continue;
        }
        let prev_c = prev.unwrap_or(' ');
        let before_prev = i.checked_sub(2).map_or(' ', |k| chars[k]);
        let next_c = next.unwrap_or(' ');
        if run >= 2 {
            out.push_str("\n\n");
            breaks += 1;
        } else if matches!(next_c, '.' | ',' | ';' | ':' | ')' | '!' | '?') {
            joins += 1;
        } else if matches!(prev_c, '.' | '!' | '?' | '…' | ':')
            || (matches!(prev_c, '»' | '"' | '”')
                && (matches!(before_prev, '.' | '!' | '?' | '…') || next_c.is_uppercase()))
        {
            out.push_str("\n\n");
            breaks += 1;
        } else {
            out.push(' ');
            joins += 1;
        }
        i = j;
    }
    (out, breaks, joins)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaner() -> Cleaner {
        Cleaner {
            chrome: chrome_rules(false, &[]).unwrap(),
            literal_n: LiteralN::Auto,
            markdown: false,
            base: None,
            counts: CleanCounts::default(),
        }
    }

    #[test]
    fn relative_addresses_are_made_whole_against_the_article_then_the_site() {
        let raw = "<p>Text.</p><img src=\"/articles/a.jpg\" alt=\"A\"><p><a href=\"doc/b.pdf\">B</a></p>\
                   <img src=\"https://cdn.example.org/c.png\"><img src=\"//cdn.example.org/d.png\">";
        let srcs = |c: &mut Cleaner, url: Option<&str>| -> Vec<String> {
            let ctx = BodyContext { title: "T", lead: None, places: &[], url };
            c.body(raw, &ctx, false)
                .blocks
                .into_iter()
                .filter_map(|b| match b {
                    Block::Image { src, .. } => Some(src),
                    Block::Document { href, .. } => href,
                    _ => None,
                })
                .collect()
        };
        let base = url::Url::parse("https://www.softcatala.org/").ok();
        let mut c = Cleaner { base, ..cleaner() };
        assert_eq!(
            srcs(&mut c, None),
            [
                "https://www.softcatala.org/articles/a.jpg",
                "https://www.softcatala.org/doc/b.pdf",
                "https://cdn.example.org/c.png",
                "https://cdn.example.org/d.png"
            ]
        );
        // The article's own address comes first.
        assert_eq!(
            srcs(&mut c, Some("https://news.example.org/2024/05/story/"))[..2],
            [
                "https://news.example.org/articles/a.jpg",
                "https://news.example.org/2024/05/story/doc/b.pdf"
            ]
        );
        assert_eq!((c.counts.links_resolved, c.counts.links_unresolved), (6, 0));
        // With nothing to read them against, they stay as written, counted.
        let mut c = cleaner();
        assert_eq!(srcs(&mut c, None)[..2], ["/articles/a.jpg", "doc/b.pdf"]);
        assert_eq!((c.counts.links_resolved, c.counts.links_unresolved), (0, 3));
    }

    #[test]
    fn markdown_bodies_become_blocks_and_plain_ones_that_look_like_it_are_counted() {
        let raw = "Un cop acabat el 2016, el [traductor](https://www.softcatala.org/traductor/) \
                   &amp; el corrector.\n\n## 395.091 visitants\n\n* Un reproductor\n* Un editor\n\n\
                   ![](https://example.org/a.png)\n\n> Citació\n\n<b>HTML</b> &ilg; *èmfasi*";
        let ctx = BodyContext { title: "T", lead: None, places: &[], url: None };
        let mut c = cleaner();
        let plain = c.body(raw, &ctx, false);
        assert_eq!((c.counts.markdown_like, c.counts.markdown_bodies), (1, 0));
        assert!(
            matches!(&plain.blocks[0], Block::Paragraph { text } if text.contains("[traductor](https://"))
        );
        let mut c = Cleaner { markdown: true, ..cleaner() };
        let md = c.body(raw, &ctx, false);
        assert_eq!((c.counts.markdown_like, c.counts.markdown_bodies), (0, 1));
        assert_eq!(
            md.blocks,
            [
                Block::Paragraph {
                    text: "Un cop acabat el 2016, el traductor & el corrector.".into()
                },
                Block::Heading { level: 2, text: "395.091 visitants".into() },
                Block::List {
                    ordered: false,
                    items: vec!["Un reproductor".into(), "Un editor".into()]
                },
                Block::Image {
                    src: "https://example.org/a.png".into(),
                    alt: String::new(),
                    caption: None
                },
                Block::Quote { text: "Citació".into(), cite: None },
                Block::Paragraph { text: "HTML &ilg; èmfasi".into() },
            ]
        );
        // A body with none of Markdown's marks is not counted.
        let mut c = cleaner();
        c.body("Un text * amb [claudàtors] i # coixinet.", &ctx, false);
        assert_eq!(c.counts.markdown_like, 0);
    }

    #[test]
    fn wordpress_caption_shortcodes_become_pictures_with_their_captions() {
        let ctx = BodyContext { title: "T", lead: None, places: &[], url: None };
        // Softcatalà's shape: in the middle of a Markdown paragraph.
        let md = "la franja del 10%. [caption id=\"attachment_12522\" align=\"aligncenter\" \
                  width=\"595\"]![](https://example.org/fig1.gif) Figura 1: Usuaris d'Internet[/caption] \
                  Cal afegir que…";
        let mut c = Cleaner { markdown: true, ..cleaner() };
        let out = c.body(md, &ctx, false);
        assert_eq!(
            out.blocks,
            [
                Block::Paragraph { text: "la franja del 10%.".into() },
                Block::Image {
                    src: "https://example.org/fig1.gif".into(),
                    alt: String::new(),
                    caption: Some("Figura 1: Usuaris d'Internet".into())
                },
                Block::Paragraph { text: "Cal afegir que…".into() },
            ]
        );
        assert_eq!(c.counts.captions, 1);
        // An HTML body (a WordPress export): a linked picture, then one with no picture.
        let html = "<p>Before.</p>[caption id=\"a\" width=\"300\"]<a href=\"https://example.org/big.jpg\">\
                    <img src=\"https://example.org/small.jpg\" alt=\"IRC\" /></a> (5)[/caption]\
                    <p>[caption align=\"alignleft\"]Only words[/caption]</p>";
        let mut c = cleaner();
        let out = c.body(html, &ctx, false);
        assert_eq!(
            out.blocks,
            [
                Block::Paragraph { text: "Before.".into() },
                Block::Image {
                    src: "https://example.org/small.jpg".into(),
                    alt: "IRC".into(),
                    caption: Some("(5)".into())
                },
                Block::Paragraph { text: "Only words".into() },
            ]
        );
        assert_eq!(c.counts.captions, 2);
        // Square brackets that are no shortcode are text.
        let mut c = cleaner();
        let out = c.body("<p>[caption] is a word here, and so is [/captions].</p>", &ctx, false);
        assert_eq!(
            out.blocks,
            [Block::Paragraph { text: "[caption] is a word here, and so is [/captions].".into() }]
        );
        assert_eq!(c.counts.captions, 0);
    }

    #[test]
    fn entities_are_decoded_exactly_once() {
        let mut c = cleaner();
        assert_eq!(c.line("Smith &amp; Wesson"), "Smith & Wesson");
        assert_eq!(c.line("&amp;lt;b&amp;gt;"), "&lt;b&gt;");
        assert_eq!(c.line("STANDARD OIL &lt;SRD> TO FORM"), "STANDARD OIL <SRD> TO FORM");
        assert_eq!(c.line("Spain&#039;s King"), "Spain's King");
        assert_eq!(c.counts.entities_decoded, 4);
    }

    #[test]
    fn reuters_body_loses_control_marks_and_signoff_and_keeps_paragraphs() {
        let mut c = cleaner();
        let raw = "Standard Oil Co and BP North America\nInc said they plan to form a venture to manage the money market\nborrowing and investment activities of both companies.\n    BP North America is a subsidiary of British Petroleum Co\nPlc &lt;BP>, which also owns a 55 pct interest in Standard Oil.\n\n Reuter\n&#3;";
        let body = c.body(raw, &BodyContext::default(), false);
        assert_eq!(body.blocks.len(), 2, "{:?}", body.blocks);
        assert!(
            matches!(&body.blocks[1], Block::Paragraph { text } if text.ends_with("Plc <BP>, which also owns a 55 pct interest in Standard Oil."))
        );
        assert_eq!(c.counts.chrome_removed["reuters-signoff"], 1);
        assert_eq!(c.counts.control_chars_removed, 1);
    }

    #[test]
    fn kremlin_header_and_trailer_are_cut_and_the_dateline_kept() {
        let mut c = cleaner();
        let raw = "События Российско-китайские переговоры В Кремле началась беседа. 8 мая 2025 года 10:10 Москва, Кремль Председатель КНР прибыл. География Китай Темы Внешняя политика Лица Си Цзиньпин Статус материала Опубликован в разделе: Новости Дата публикации: 8 мая 2025 года, 10:10 Ссылка на материал: kremlin.ru/d/76870 Текстовая версия";
        let places = vec!["Москва, Кремль".to_owned()];
        let ctx = BodyContext {
            title: "Российско-китайские переговоры",
            lead: Some("В Кремле началась беседа."),
            places: &places,
            url: Some("http://kremlin.ru/events/president/news/76870"),
        };
        let body = c.body(raw, &ctx, false);
        assert_eq!(body.blocks, vec![Block::Paragraph { text: "Председатель КНР прибыл.".into() }]);
        assert_eq!(body.dateline.as_deref(), Some("8 мая 2025 года 10:10 Москва, Кремль"));
        assert_eq!(body.chrome_date.as_deref(), Some("8 мая 2025 года, 10:10"));
    }

    #[test]
    fn the_1tv_latest_news_widget_is_not_a_body() {
        let mut c = cleaner();
        let widget = "Минздрав: закрыть больничный теперь можно через мессенджер Max\nЛечащий врач может дистанционно проверить состояние здоровья пациента.\nСегодня, 13:29";
        let ctx = BodyContext {
            url: Some("https://www.1tv.ru/news/2000-03-08/288283-x"),
            ..Default::default()
        };
        assert!(c.body(widget, &ctx, false).blocks.is_empty());
        // Elsewhere, or as a real text, it stays.
        assert_eq!(c.body(widget, &BodyContext::default(), false).blocks.len(), 3);
        assert_eq!(c.body("Один.\nДва.", &ctx, false).blocks.len(), 2);
    }

    #[test]
    fn literal_n_becomes_breaks_and_spaces() {
        let t = "Закон вступил.nnДля этого онnвступилnв силу, сообщаетnРИА «Новости»n.nВ природе The Timesn.";
        assert!(has_literal_n(t));
        let (fixed, breaks, joins) = repair_literal_n(t);
        assert_eq!(
            fixed,
            "Закон вступил.\n\nДля этого он вступил в силу, сообщает РИА «Новости».\n\nВ природе The Timesn."
        );
        assert_eq!((breaks, joins), (2, 4));
        assert!(!has_literal_n("Он вступил в силу. London is big."));
    }

    #[test]
    fn html_bodies_become_blocks() {
        let mut c = cleaner();
        let raw = "<p>Один &amp;lt;два&amp;gt;</p><h2>Итоги</h2><ul><li>а</li><li>б</li></ul><blockquote>Цитата</blockquote><p><a href=\"/f/plan.pdf\">План</a></p><img src=\"a.jpg\" alt=\"Фото\"><script>x()</script>";
        let body = c.body(raw, &BodyContext::default(), false);
        assert_eq!(
            body.blocks,
            vec![
                Block::Paragraph { text: "Один &lt;два&gt;".into() },
                Block::Heading { level: 2, text: "Итоги".into() },
                Block::List { ordered: false, items: vec!["а".into(), "б".into()] },
                Block::Quote { text: "Цитата".into(), cite: None },
                Block::Document { href: Some("/f/plan.pdf".into()), title: "План".into() },
                Block::Image { src: "a.jpg".into(), alt: "Фото".into(), caption: None },
            ]
        );
        assert_eq!(c.counts.html_dropped, 1);
        // A document linked in the middle of a sentence leaves the sentence whole and follows
        // it; one ending the paragraph ends it.
        let body = c.body(
            "<p>Llegiu l'<a href=\"/f/article.pdf\">article</a> publicat ahir. <a href=\"x.zip\">Tot</a></p><p>Després.</p>",
            &BodyContext::default(),
            false,
        );
        assert_eq!(
            body.blocks,
            vec![
                Block::Paragraph { text: "Llegiu l'article publicat ahir.".into() },
                Block::Document { href: Some("/f/article.pdf".into()), title: "article".into() },
                Block::Document { href: Some("x.zip".into()), title: "Tot".into() },
                Block::Paragraph { text: "Després.".into() },
            ]
        );
        // A `<` that opens no tag stays text.
        let body = c.body(
            "<p>Font: <a href=\"http://x.cat\">Vilaweb</a> <http://www.softcatala.org/> < a@b.es ></p>",
            &BodyContext::default(),
            false,
        );
        assert_eq!(
            body.blocks,
            vec![Block::Paragraph {
                text: "Font: Vilaweb <http://www.softcatala.org/> < a@b.es >".into()
            }]
        );
    }
}
