//! RSS and Atom feeds as records, read as a stream with `quick-xml`.
//!
//! Each `<item>` (RSS 2.0, RSS 1.0) or `<entry>` (Atom) becomes one [`Record`] whose fields the
//! default mapping reads, so a feed item goes through the same cleaning, dates, language,
//! duplicates and report as a JSON record:
//!
//! | field | RSS 2.0 / 1.0 | Atom |
//! |---|---|---|
//! | `id` | `guid` | `id` |
//! | `title` | `title` | `title` |
//! | `url` | `link`, else a permalink `guid` | `link` (`rel="alternate"` or none), else an `id` that is an address |
//! | `date` | `pubDate`, else `dc:date` | `published`, else `updated` |
//! | `body` | `content:encoded`, else `description` | `content`, else `summary` |
//! | `lead` | `description` when there is a `content:encoded` | `summary` when there is a `content` |
//! | `lang` | `dc:language`, else the channel's `language`, else `xml:lang` | `xml:lang` of the entry (or its title or content), else of the feed |
//! | `category` (→ section) | the first `category` or `dc:subject` | the first `category` (`label`, else `term`) |
//! | `tags` | the other categories | the same |
//! | `source` | `source` (the channel an item was taken from) | `source`'s `title` |
//! | `author` (→ source when there is no `source`) | `dc:creator`, `author` (`a@b.c (Name)` → Name) | `author`'s `name` |
//!
//! A `guid` or `id` that is an address gives the id its address would (`lenta.ru/news/…`,
//! scheme and `www.` dropped), as a record with only a URL gets.
//!
//! **Texts and entities.** The XML layer is decoded here (`&amp;` → `&`, CDATA as it is); what is
//! left is handed over as a record field and decoded by the cleaning once, as any record's text.
//! RSS texts are HTML-escaped text or HTML, as feeds write them (`&lt;p&gt;` in a description is a
//! paragraph). Atom says which: `type="text"` (the default) is plain text, escaped here so the
//! cleaning's decoding gives it back unchanged (`&amp;amp;` stays `&amp;`); `type="html"` is HTML;
//! `type="xhtml"` is inline markup, written back as HTML. Elements inside an RSS text (HTML written
//! without escaping) are kept as HTML too. A reference to an entity XML does not define
//! (`&nbsp;`, `&mdash;`) is read as the HTML entity when there is one, else kept as written.
//!
//! **Why quick-xml and not a feed crate.** `feed-rs` converts every date to UTC (the civil date as
//! published would be lost); `atom_syndication` rejects a whole feed for one date it cannot parse
//! and puts 1970-01-01 in for a missing `updated`; neither they nor `rss` stream a feed item by item
//! or say where in the file a parse error is. `quick-xml`, the XML parser `rss` and
//! `atom_syndication` are built on, does: one item is held at a time, dates reach
//! [`super::dates`] as printed, and every error names its line and byte.
//!
//! **Encoding**: as the XML declaration (or a byte-order mark) says, UTF-8 when it says nothing;
//! `windows-1251`, `koi8-r`, `iso-8859-1`, … are decoded (`encoding_rs`).

use std::io::BufRead;

use anyhow::anyhow;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use serde::Serialize;
use serde_json::{Map, Value};

use super::input::{stream_error, BadRecord, FileInfo, Record, Sink};

const NS_ATOM: &[u8] = b"http://www.w3.org/2005/Atom";
const NS_ATOM03: &[u8] = b"http://purl.org/atom/ns#";
const NS_RSS1: &[u8] = b"http://purl.org/rss/1.0/";
const NS_RDF: &[u8] = b"http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const NS_DC: &[u8] = b"http://purl.org/dc/elements/1.1/";
const NS_CONTENT: &[u8] = b"http://purl.org/rss/1.0/modules/content/";

/// HTML elements without an end tag, written back as `<br/>`.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// What was found out about a feed, for the report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FeedInfo {
    /// `rss 2.0` (or the version the root names), `rss 1.0` or `atom`.
    pub kind: String,
    /// The encoding the feed was decoded from (its XML declaration's, else UTF-8).
    pub encoding: String,
    /// The channel's or feed's title (cleaned as article titles are).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The channel's or feed's own address (its `link`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The channel's `language` or the feed's `xml:lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// The namespaces a feed element may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    /// No namespace (RSS 2.0).
    None,
    Atom,
    Rss1,
    Rdf,
    Dc,
    Content,
    Other,
}

fn ns_of(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Bound(n) => match n.as_ref() {
            NS_ATOM | NS_ATOM03 => Ns::Atom,
            NS_RSS1 => Ns::Rss1,
            NS_RDF => Ns::Rdf,
            NS_DC => Ns::Dc,
            NS_CONTENT => Ns::Content,
            _ => Ns::Other,
        },
        // A prefix the feed forgot to declare: the usual ones are taken at their word.
        ResolveResult::Unknown(p) => match p.as_slice() {
            b"dc" => Ns::Dc,
            b"content" => Ns::Content,
            b"atom" => Ns::Atom,
            _ => Ns::Other,
        },
    }
}

/// An element start, decoded.
#[derive(Debug)]
struct El {
    ns: Ns,
    local: String,
    qname: String,
    attrs: Vec<(String, String)>,
    /// The line the start tag begins on.
    line: u64,
}

impl El {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    fn lang(&self) -> Option<String> {
        self.attr("xml:lang").map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned)
    }
}

/// One XML event, owned and decoded.
enum Ev {
    Start(El),
    End,
    /// Character data: text with its references resolved, or a CDATA section.
    Text(String),
    /// Declarations, comments, processing instructions, the doctype.
    Other,
    Eof,
}

/// Why reading stopped before the end of the feed.
enum Stop {
    /// Not a feed at all: an error even with `--keep-going`.
    NotAFeed(anyhow::Error),
    /// The rest cannot be read (not well-formed, truncated, wrongly encoded): a bad record.
    Broken { line: u64, what: String },
    /// The file or its gzip stream failed.
    Read(anyhow::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Rss,
    Atom,
}

/// An open element outside items.
struct Open {
    local: String,
    qname: String,
    line: u64,
    lang: Option<String>,
}

/// A text element's content: its text, and the markup when it held elements.
struct Content {
    text: String,
    markup: Option<String>,
}

impl Content {
    /// As HTML-ish text for the cleaning: the markup when there was any, else the text.
    fn html(self) -> String {
        self.markup.unwrap_or(self.text)
    }
}

/// An item as read.
#[derive(Default)]
struct Item {
    guid: Option<String>,
    guid_permalink: bool,
    title: Option<String>,
    link: Option<String>,
    /// Atom links: (rel, type, href).
    links: Vec<(String, String, String)>,
    date: Option<String>,
    date_fallback: Option<String>,
    description: Option<String>,
    content: Option<String>,
    categories: Vec<String>,
    authors: Vec<String>,
    source: Option<String>,
    /// The item's own language (attribute, `dc:language`).
    lang: Option<String>,
    /// A language named on its title, summary or content.
    text_lang: Option<String>,
}

struct FeedReader<R: BufRead> {
    r: NsReader<R>,
    buf: Vec<u8>,
    file: String,
    gzip: bool,
    /// Bytes before the reader's input (a byte-order mark skipped by the caller).
    offset: u64,
    /// The line the reader is on (1-based).
    line: u64,
    kind: Kind,
    open: Vec<Open>,
    info: FeedInfo,
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// Escapes text for HTML (or for the cleaning's one decoding to give it back).
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

fn escaped(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    escape(text, &mut s);
    s
}

/// Whether `s` is an http(s) address.
pub(super) fn is_address(s: &str) -> bool {
    let l = s.trim_start().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// `editor@example.org (Jane Doe)` → `Jane Doe`; anything else as it is.
fn rss_author(s: &str) -> String {
    let s = s.trim();
    if let (Some(open), true) = (s.find('('), s.ends_with(')')) {
        let name = s[open + 1..s.len() - 1].trim();
        if s[..open].contains('@') && !name.is_empty() {
            return name.to_owned();
        }
    }
    s.to_owned()
}

impl<R: BufRead> FeedReader<R> {
    fn new(reader: R, file: String, gzip: bool, offset: u64) -> Self {
        let mut r = NsReader::from_reader(reader);
        let config = r.config_mut();
        config.expand_empty_elements = true;
        config.trim_text(false);
        // `AT&T` written without escaping is common in feeds: kept as text.
        config.allow_dangling_amp = true;
        Self {
            r,
            buf: Vec::with_capacity(1 << 12),
            file,
            gzip,
            offset,
            line: 1,
            kind: Kind::Rss,
            open: Vec::new(),
            info: FeedInfo::default(),
        }
    }

    fn broken(&self, line: u64, what: String) -> Stop {
        Stop::Broken { line, what }
    }

    fn xml_error(&self, e: &quick_xml::Error) -> Stop {
        match e {
            quick_xml::Error::Io(io) => {
                Stop::Read(stream_error(&self.file, self.gzip, self.line, io))
            }
            other => {
                let at = self.r.error_position() + self.offset;
                let mut msg = other.to_string();
                if let quick_xml::Error::Syntax(_) = other {
                    msg.push_str(" (the file may be truncated)");
                }
                self.broken(self.line, format!("not well-formed XML at byte {at}: {msg}"))
            }
        }
    }

    /// Names the first byte that is not in the feed's encoding.
    fn encoding_error(&self, raw: &[u8], start: u64, line: u64) -> Stop {
        let enc = self.r.decoder().encoding().name();
        let (at, byte, line) = match std::str::from_utf8(raw) {
            Err(e) if enc == "UTF-8" => {
                let at = e.valid_up_to();
                (start + at as u64, raw.get(at).copied(), line + newlines(&raw[..at]))
            }
            _ => (start, None, line),
        };
        let byte = byte.map_or_else(String::new, |b| format!("invalid byte 0x{b:02X} "));
        self.broken(
            line,
            format!(
                "not {enc}: {byte}at byte offset {} in the file; expected {enc} text, as the \
                 XML declaration says (or, naming none, implies)",
                at + self.offset
            ),
        )
    }

    /// Reads the next event.
    fn next(&mut self) -> Result<Ev, Stop> {
        // The buffer is taken out while the event borrows it, so errors can be built from `self`.
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let before = self.r.buffer_position();
        let line = self.line;
        let decoder = self.r.decoder();
        let (ns, event) = match self.r.read_resolved_event_into(&mut buf) {
            Ok((res, ev)) => (ns_of(&res), ev),
            Err(e) => return Err(self.xml_error(&e)),
        };
        let ev = match event {
            Event::Start(e) | Event::Empty(e) => {
                self.line += newlines(&e);
                let raw: &[u8] = &e;
                let Ok(qname) = decoder.decode(e.name().as_ref()).map(|q| q.into_owned()) else {
                    return Err(self.encoding_error(raw, before + 1, line));
                };
                let Ok(local) = decoder.decode(e.local_name().as_ref()).map(|q| q.into_owned())
                else {
                    return Err(self.encoding_error(raw, before + 1, line));
                };
                let mut attrs = Vec::new();
                for a in e.attributes().with_checks(false).flatten() {
                    let Ok(key) = decoder.decode(a.key.as_ref()) else { continue };
                    let value = match a
                        .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, decoder)
                    {
                        Ok(v) => v.into_owned(),
                        Err(_) => match decoder.decode(&a.value) {
                            Ok(v) => html_escape::decode_html_entities(&v).into_owned(),
                            Err(_) => return Err(self.encoding_error(raw, before + 1, line)),
                        },
                    };
                    attrs.push((key.into_owned(), value));
                }
                Ev::Start(El { ns, local, qname, attrs, line })
            }
            Event::End(e) => {
                self.line += newlines(&e);
                Ev::End
            }
            Event::Text(t) => {
                self.line += newlines(&t);
                match t.xml10_content() {
                    Ok(s) => Ev::Text(s.into_owned()),
                    Err(_) => return Err(self.encoding_error(&t, before, line)),
                }
            }
            Event::CData(t) => {
                self.line += newlines(&t);
                match t.xml10_content() {
                    Ok(s) => Ev::Text(s.into_owned()),
                    Err(_) => return Err(self.encoding_error(&t, before + 9, line)),
                }
            }
            Event::GeneralRef(r) => {
                let Ok(name) = r.decode() else {
                    return Err(self.encoding_error(&r, before + 1, line));
                };
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => s.to_owned(),
                        // An HTML entity XML does not define (`&nbsp;`): read as HTML would.
                        None => {
                            html_escape::decode_html_entities(&format!("&{name};")).into_owned()
                        }
                    },
                    Err(e) => {
                        return Err(self.broken(
                            line,
                            format!("not well-formed XML at byte {}: {e}", before + self.offset),
                        ))
                    }
                };
                Ev::Text(text)
            }
            Event::Comment(t) | Event::DocType(t) => {
                self.line += newlines(&t);
                Ev::Other
            }
            Event::PI(t) => {
                self.line += newlines(&t);
                Ev::Other
            }
            Event::Decl(t) => {
                self.line += newlines(&t);
                Ev::Other
            }
            Event::Eof => Ev::Eof,
        };
        self.buf = buf;
        Ok(ev)
    }

    /// The file ended with elements still open.
    fn truncated(&self) -> Stop {
        let what = match self.open.last() {
            Some(o) => {
                let closing: Vec<String> =
                    self.open.iter().rev().map(|o| format!("</{}>", o.qname)).collect();
                format!(
                    "the file ends inside <{}> (opened at line {}): it is truncated; expected {}",
                    o.qname,
                    o.line,
                    closing.join("")
                )
            }
            None => "the file ends early: it is truncated".to_owned(),
        };
        self.broken(self.line, what)
    }

    /// The language in scope: the innermost `xml:lang` of the open elements.
    fn inherited_lang(&self) -> Option<String> {
        self.open.iter().rev().find_map(|o| o.lang.clone())
    }

    /// Reads the content of the element just started, up to its end tag.
    fn content(&mut self) -> Result<Content, Stop> {
        let mut text = String::new();
        let mut markup = String::new();
        let mut nested = false;
        let mut stack: Vec<(String, bool)> = Vec::new();
        loop {
            match self.next()? {
                Ev::Text(t) => {
                    text.push_str(&t);
                    escape(&t, &mut markup);
                }
                Ev::Start(el) => {
                    nested = true;
                    let void = VOID.contains(&el.local.to_ascii_lowercase().as_str());
                    markup.push('<');
                    markup.push_str(&el.local);
                    for (k, v) in &el.attrs {
                        if k == "xmlns" || k.starts_with("xmlns:") {
                            continue;
                        }
                        markup.push(' ');
                        markup.push_str(k);
                        markup.push_str("=\"");
                        escape(v, &mut markup);
                        markup.push('"');
                    }
                    markup.push_str(if void { "/>" } else { ">" });
                    stack.push((el.local, void));
                }
                Ev::End => match stack.pop() {
                    None => break,
                    Some((_, true)) => {}
                    Some((name, false)) => {
                        markup.push_str("</");
                        markup.push_str(&name);
                        markup.push('>');
                    }
                },
                Ev::Eof => return Err(self.truncated()),
                Ev::Other => {}
            }
        }
        Ok(Content { text, markup: nested.then_some(markup) })
    }

    /// Skips the element just started.
    fn skip(&mut self) -> Result<(), Stop> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Ev::Start(_) => depth += 1,
                Ev::End if depth == 0 => return Ok(()),
                Ev::End => depth -= 1,
                Ev::Eof => return Err(self.truncated()),
                Ev::Text(_) | Ev::Other => {}
            }
        }
    }

    /// An Atom text construct (`title`, `summary`, `content`) as HTML-ish text for the
    /// cleaning; `None` for out-of-line or binary content.
    fn atom_text(&mut self, el: &El) -> Result<Option<String>, Stop> {
        if el.attr("src").is_some() {
            self.skip()?;
            return Ok(None);
        }
        let ty = el.attr("type").unwrap_or("text").trim().to_ascii_lowercase();
        let c = self.content()?;
        Ok(match ty.as_str() {
            "html" | "text/html" => Some(c.html()),
            "xhtml" | "application/xhtml+xml" => Some(c.markup.unwrap_or_else(|| escaped(&c.text))),
            t if t == "text" || t.starts_with("text/") => Some(escaped(&c.text)),
            _ => None,
        })
    }

    /// An Atom person (`author`): its name, else its email.
    fn person(&mut self) -> Result<Option<String>, Stop> {
        let mut name = None;
        let mut email = None;
        loop {
            match self.next()? {
                Ev::Start(el) => match el.local.as_str() {
                    "name" => name = Some(self.content()?.text),
                    "email" => email = Some(self.content()?.text),
                    _ => self.skip()?,
                },
                Ev::End => break,
                Ev::Eof => return Err(self.truncated()),
                Ev::Text(_) | Ev::Other => {}
            }
        }
        Ok(name.or(email).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()))
    }

    /// An Atom entry's `source`: the title of the feed it was taken from.
    fn atom_source(&mut self) -> Result<Option<String>, Stop> {
        let mut title = None;
        loop {
            match self.next()? {
                Ev::Start(el) if el.local == "title" => title = self.atom_text(&el)?,
                Ev::Start(_) => self.skip()?,
                Ev::End => break,
                Ev::Eof => return Err(self.truncated()),
                Ev::Text(_) | Ev::Other => {}
            }
        }
        Ok(title)
    }

    fn item_child(&mut self, it: &mut Item, c: El) -> Result<(), Stop> {
        let text = |c: Content| c.text.trim().to_owned();
        if it.text_lang.is_none() && matches!(c.local.as_str(), "title" | "summary" | "content") {
            it.text_lang = c.lang();
        }
        match (self.kind, c.ns, c.local.as_str()) {
            (_, Ns::Dc, "creator" | "contributor") => it.authors.push(text(self.content()?)),
            (_, Ns::Dc, "date") => it.date_fallback = Some(text(self.content()?)),
            (_, Ns::Dc, "language") => it.lang = Some(text(self.content()?)),
            (_, Ns::Dc, "subject") => it.categories.push(text(self.content()?)),
            (_, Ns::Content, "encoded") => it.content = Some(self.content()?.html()),
            (Kind::Rss, Ns::None | Ns::Rss1, name) => match name {
                "title" => it.title = Some(self.content()?.html()),
                "link" => it.link = Some(text(self.content()?)),
                "guid" => {
                    it.guid_permalink = !c
                        .attr("isPermaLink")
                        .is_some_and(|v| v.trim().eq_ignore_ascii_case("false"));
                    it.guid = Some(text(self.content()?));
                }
                "pubDate" => it.date = Some(text(self.content()?)),
                "description" => it.description = Some(self.content()?.html()),
                "category" => it.categories.push(text(self.content()?)),
                "author" => it.authors.push(rss_author(&self.content()?.text)),
                "source" => it.source = Some(text(self.content()?)),
                _ => self.skip()?,
            },
            (Kind::Atom, Ns::Atom | Ns::None, name) => match name {
                "id" => it.guid = Some(text(self.content()?)),
                "title" => it.title = self.atom_text(&c)?,
                "link" => {
                    let rel = c.attr("rel").unwrap_or("alternate").trim().to_owned();
                    let ty = c.attr("type").unwrap_or("").trim().to_owned();
                    if let Some(href) = c.attr("href").map(str::trim).filter(|h| !h.is_empty()) {
                        it.links.push((rel, ty, href.to_owned()));
                    }
                    self.skip()?;
                }
                "published" | "issued" => it.date = Some(text(self.content()?)),
                "updated" | "modified" => it.date_fallback = Some(text(self.content()?)),
                "summary" => it.description = self.atom_text(&c)?,
                "content" => it.content = self.atom_text(&c)?,
                "category" => {
                    let name = c.attr("label").or(c.attr("term")).map(str::trim).unwrap_or("");
                    if !name.is_empty() {
                        it.categories.push(name.to_owned());
                    }
                    self.skip()?;
                }
                "author" => {
                    if let Some(p) = self.person()? {
                        it.authors.push(p);
                    }
                }
                "source" => it.source = self.atom_source()?,
                _ => self.skip()?,
            },
            _ => self.skip()?,
        }
        Ok(())
    }

    /// Reads an item (or entry) just started, up to its end tag.
    fn item(&mut self, el: &El) -> Result<Map<String, Value>, Stop> {
        let mut it = Item { lang: el.lang(), ..Item::default() };
        let inherited = self.inherited_lang();
        self.open.push(Open {
            local: el.local.clone(),
            qname: el.qname.clone(),
            line: el.line,
            lang: None,
        });
        loop {
            match self.next()? {
                Ev::Start(c) => self.item_child(&mut it, c)?,
                Ev::End => break,
                Ev::Eof => return Err(self.truncated()),
                Ev::Text(_) | Ev::Other => {}
            }
        }
        self.open.pop();
        Ok(self.fields(it, inherited))
    }

    /// The record of an item.
    fn fields(&self, it: Item, inherited: Option<String>) -> Map<String, Value> {
        let mut m = Map::new();
        let mut put = |k: &str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
                m.insert(k.to_owned(), Value::String(v));
            }
        };
        let alternate = it
            .links
            .iter()
            .filter(|(rel, ..)| rel == "alternate")
            .min_by_key(|(_, ty, _)| !(ty.is_empty() || ty.contains("html")))
            .map(|(.., href)| href.clone());
        let guid = it.guid.filter(|g| !g.is_empty());
        let url = it
            .link
            .filter(|l| !l.is_empty())
            .or(alternate)
            .or_else(|| guid.clone().filter(|g| it.guid_permalink && is_address(g)));
        put("id", guid.map(|g| if is_address(&g) { super::url_key(&g) } else { g }));
        put("title", it.title);
        put("url", url);
        put("date", it.date.filter(|d| !d.is_empty()).or(it.date_fallback));
        let content = it.content.filter(|c| !c.trim().is_empty());
        let description = it.description.filter(|d| !d.trim().is_empty());
        match content {
            Some(body) => {
                if description.as_ref().is_some_and(|d| d.trim() != body.trim()) {
                    put("lead", description);
                }
                put("body", Some(body));
            }
            None => put("body", description),
        }
        let channel = self.info.language.clone().filter(|_| self.kind == Kind::Rss);
        put("lang", it.lang.or(it.text_lang).or(channel).or(inherited));
        put("source", it.source);
        let list = |items: Vec<String>| -> Value {
            Value::Array(items.into_iter().map(Value::String).collect())
        };
        let mut categories: Vec<String> = Vec::new();
        for c in it.categories {
            if !c.is_empty() && !categories.contains(&c) {
                categories.push(c);
            }
        }
        let mut categories = categories.into_iter();
        if let Some(first) = categories.next() {
            m.insert("category".to_owned(), Value::String(first));
        }
        let rest: Vec<String> = categories.collect();
        if !rest.is_empty() {
            m.insert("tags".to_owned(), list(rest));
        }
        let authors: Vec<String> = it.authors.into_iter().filter(|a| !a.is_empty()).collect();
        if !authors.is_empty() {
            m.insert("author".to_owned(), list(authors));
        }
        m
    }

    /// Reads channel or feed metadata, or descends into the element.
    fn start(&mut self, el: El, emit: &mut dyn FnMut(Record)) -> Result<(), Stop> {
        let item = match self.kind {
            Kind::Rss => el.local == "item" && matches!(el.ns, Ns::None | Ns::Rss1),
            Kind::Atom => el.local == "entry" && matches!(el.ns, Ns::Atom | Ns::None),
        };
        if item {
            let line = el.line;
            let fields = self.item(&el)?;
            emit(Record { line, fields });
            return Ok(());
        }
        let parent = self.open.last().map(|o| o.local.as_str()).unwrap_or("");
        let meta = match self.kind {
            Kind::Rss => parent == "channel",
            Kind::Atom => self.open.len() == 1,
        };
        if meta {
            match (self.kind, el.ns, el.local.as_str()) {
                (Kind::Rss, Ns::None | Ns::Rss1, "title") => {
                    let t = self.content()?.html();
                    self.info.title.get_or_insert(t);
                    return Ok(());
                }
                (Kind::Rss, Ns::None | Ns::Rss1, "link") => {
                    let t = self.content()?.text.trim().to_owned();
                    self.info.link.get_or_insert(t);
                    return Ok(());
                }
                (Kind::Rss, Ns::None, "language") | (Kind::Rss, Ns::Dc, "language") => {
                    let t = self.content()?.text.trim().to_owned();
                    self.info.language.get_or_insert(t);
                    return Ok(());
                }
                (Kind::Atom, Ns::Atom | Ns::None, "title") => {
                    if let Some(t) = self.atom_text(&el)? {
                        self.info.title.get_or_insert(t);
                    }
                    return Ok(());
                }
                (Kind::Atom, Ns::Atom | Ns::None, "link") => {
                    let rel = el.attr("rel").unwrap_or("alternate");
                    if rel == "alternate" && self.info.link.is_none() {
                        self.info.link = el.attr("href").map(|h| h.trim().to_owned());
                    }
                    return self.skip();
                }
                _ => {}
            }
        }
        self.open.push(Open { lang: el.lang(), local: el.local, qname: el.qname, line: el.line });
        Ok(())
    }

    fn run(&mut self, emit: &mut dyn FnMut(Record)) -> Result<(), Stop> {
        let root = loop {
            match self.next()? {
                Ev::Start(el) => break el,
                Ev::Text(t) if t.trim().is_empty() => {}
                Ev::Text(t) => {
                    let start: String = t.trim().chars().take(20).collect();
                    return Err(Stop::NotAFeed(anyhow!(
                        "{}:{}: not XML: the file starts with text ({start:?}…); expected an RSS \
                         or Atom feed",
                        self.file,
                        self.line
                    )));
                }
                Ev::Eof => {
                    return Err(Stop::NotAFeed(anyhow!(
                        "{}:{}: not a feed: the file has no XML element; expected <rss> (RSS \
                         2.0), <rdf:RDF> (RSS 1.0) or <feed> (Atom)",
                        self.file,
                        self.line
                    )))
                }
                Ev::End | Ev::Other => {}
            }
        };
        self.kind = match (root.ns, root.local.as_str()) {
            (Ns::None, "rss") => {
                self.info.kind = format!("rss {}", root.attr("version").unwrap_or("2.0").trim());
                Kind::Rss
            }
            (Ns::Rdf, "RDF") => {
                self.info.kind = "rss 1.0".to_owned();
                Kind::Rss
            }
            (Ns::Atom | Ns::None, "feed") => {
                self.info.kind = "atom".to_owned();
                Kind::Atom
            }
            _ => {
                return Err(Stop::NotAFeed(anyhow!(
                    "{}:{}: not a feed: the root element is <{}>; expected <rss> (RSS 2.0), \
                     <rdf:RDF> (RSS 1.0) or <feed> (Atom)",
                    self.file,
                    root.line,
                    root.qname
                )))
            }
        };
        if self.kind == Kind::Atom {
            self.info.language = root.lang();
        }
        self.open.push(Open {
            lang: root.lang(),
            local: root.local,
            qname: root.qname,
            line: root.line,
        });
        loop {
            match self.next()? {
                Ev::Start(el) => self.start(el, emit)?,
                Ev::End => {
                    self.open.pop();
                    if self.open.is_empty() {
                        return Ok(());
                    }
                }
                Ev::Eof => return Err(self.truncated()),
                Ev::Text(_) | Ev::Other => {}
            }
        }
    }
}

/// Reads a feed from `reader` (already inflated; `offset` bytes, a byte-order mark, were skipped
/// before it), giving each item to `sink` and the feed's metadata to `info.feed`.
///
/// # Errors
/// The file is not a feed (never skipped, even with `--keep-going`); it is not well-formed,
/// truncated or wrongly encoded and `sink.bad` is `None` (with it, the items read so far are
/// kept and the rest of the file is one bad record); it cannot be read.
pub fn read_feed<R: BufRead>(
    reader: R,
    offset: u64,
    info: &mut FileInfo,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    let mut f = FeedReader::new(reader, info.file.clone(), info.gzip, offset);
    let mut count = 0u64;
    let result = {
        let record = &mut *sink.record;
        let mut emit = |r: Record| {
            count += 1;
            record(r);
        };
        f.run(&mut emit)
    };
    info.records += count;
    f.info.encoding = f.r.decoder().encoding().name().to_owned();
    let line = f.line;
    info.feed = Some(f.info);
    let keep_going = sink.bad.is_some();
    let lost = |what: String| {
        if keep_going {
            format!("{what}; the rest of the file is lost")
        } else {
            what
        }
    };
    match result {
        Ok(()) => Ok(()),
        Err(Stop::NotAFeed(e)) => Err(e),
        Err(Stop::Broken { line, what }) => {
            let b = BadRecord { file: info.file.clone(), line, what: lost(what) };
            sink.bad(info, b)
        }
        Err(Stop::Read(e)) if keep_going => {
            let b = BadRecord { file: info.file.clone(), line, what: lost(format!("{e:#}")) };
            sink.bad(info, b)
        }
        Err(Stop::Read(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::super::input::{Encoding, Format};
    use super::*;

    /// Reads `xml` as a feed: the records and the feed's metadata, or the error.
    fn read(xml: &str) -> (anyhow::Result<FeedInfo>, Vec<Record>) {
        let mut records = Vec::new();
        let mut push = |r: Record| records.push(r);
        let mut info = FileInfo {
            file: "t.xml".into(),
            format: Format::Feed,
            gzip: false,
            encoding: Encoding::Utf8,
            records: 0,
            bad: 0,
            feed: None,
        };
        let result = {
            let mut sink = Sink { record: &mut push, bad: None };
            read_feed(xml.as_bytes(), 0, &mut info, &mut sink)
        };
        (result.map(|()| info.feed.unwrap_or_default()), records)
    }

    fn field<'a>(r: &'a Record, k: &str) -> Option<&'a str> {
        r.fields.get(k).and_then(Value::as_str)
    }

    #[test]
    fn rss_1_0_items_are_siblings_of_the_channel() {
        let (info, recs) = read(
            r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://e.org/"><title>E</title><link>https://e.org/</link>
    <dc:language>de</dc:language></channel>
  <item rdf:about="https://e.org/1"><title>Eins</title><link>https://e.org/1</link>
    <dc:date>2004-03-01T12:00:00+01:00</dc:date><dc:subject>Politik</dc:subject></item>
</rdf:RDF>"#,
        );
        let info = info.unwrap();
        assert_eq!((info.kind.as_str(), info.language.as_deref()), ("rss 1.0", Some("de")));
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].line, 6);
        assert_eq!(field(&recs[0], "date"), Some("2004-03-01T12:00:00+01:00"));
        assert_eq!(field(&recs[0], "category"), Some("Politik"));
        assert_eq!(field(&recs[0], "lang"), Some("de"));
        assert_eq!(field(&recs[0], "url"), Some("https://e.org/1"));
    }

    #[test]
    fn lenient_where_feeds_commonly_break_the_rules() {
        // An undeclared dc: prefix, a bare `&`, an HTML entity XML does not define, a permalink
        // guid without a link, unescaped HTML inside a description.
        let (info, recs) = read(
            "<rss version=\"2.0\"><channel><item><title>AT&T&nbsp;news</title>\
             <guid>https://www.e.org/a/1</guid><dc:creator>Ann</dc:creator>\
             <description>Intro <b>bold</b><br/>next</description></item></channel></rss>",
        );
        assert_eq!(info.unwrap().kind, "rss 2.0");
        let r = &recs[0];
        assert_eq!(field(r, "title"), Some("AT&T\u{a0}news"));
        assert_eq!(field(r, "id"), Some("e.org/a/1"));
        assert_eq!(field(r, "url"), Some("https://www.e.org/a/1"));
        assert_eq!(r.fields["author"], serde_json::json!(["Ann"]));
        assert_eq!(field(r, "body"), Some("Intro <b>bold</b><br/>next"));
        assert_eq!(field(r, "lead"), None);
    }

    #[test]
    fn atom_texts_by_type() {
        let (_, recs) = read(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry>
  <title type="text">a &amp;lt; b</title><id>urn:x:1</id>
  <summary type="html">&lt;p&gt;S&lt;/p&gt;</summary>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>1 &lt; 2 &amp;amp;</p></div></content>
  <updated>2020-01-02T03:04:05Z</updated></entry></feed>"#,
        );
        let r = &recs[0];
        // Escaped so that the cleaning's one decoding gives back `a &lt; b`.
        assert_eq!(field(r, "title"), Some("a &amp;lt; b"));
        assert_eq!(field(r, "lead"), Some("<p>S</p>"));
        assert_eq!(field(r, "body"), Some("<div><p>1 &lt; 2 &amp;amp;</p></div>"));
        assert_eq!(field(r, "date"), Some("2020-01-02T03:04:05Z"));
        assert_eq!(field(r, "id"), Some("urn:x:1"));
    }

    #[test]
    fn rss_authors_give_the_name_in_brackets() {
        assert_eq!(rss_author("desk@e.org (The Desk)"), "The Desk");
        assert_eq!(rss_author("desk@e.org"), "desk@e.org");
        assert_eq!(rss_author("Ann (guest)"), "Ann (guest)");
    }
}
