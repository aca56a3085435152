//! HTML bodies into the bundle's body blocks, with `scraper` (html5ever, the HTML5 parsing
//! algorithm): entities are decoded once by the parser, and nothing of the markup survives as
//! markup — every block holds plain text.
//!
//! | HTML | block |
//! |---|---|
//! | `p`, `div`, `section`, `article`, text between blocks, `br`-separated lines | paragraph |
//! | `h1`–`h6` | heading, level 2–6 (`h1` → 2: the title is rank 1) |
//! | `blockquote` | quote (`cite` from a `footer`/`cite` inside it) |
//! | `ul`, `ol` | list of its `li` texts |
//! | `img` with an http(s) or relative `src` | image (`alt`, its `figure`'s `figcaption` as caption) |
//! | `a` whose `href` ends in a document extension (`.pdf`, `.doc(x)`, `.xls(x)`, `.odt`, `.rtf`, `.zip`, `.ppt(x)`) | document; in the middle of a sentence, its words stay there and the document follows the paragraph |
//!
//! Other inline elements (`a`, `b`, `strong`, `span`, …) give their text. `script`, `style`,
//! `noscript`, `iframe`, `object`, `form`, `nav`, `button`, `svg`, `template` are dropped with
//! their content and counted; so are images and document links whose address is not safe
//! (`javascript:`, `data:` — see `archive_core::safe_link`), whose text (alt) is kept instead.

use std::sync::LazyLock;

use archive_core::{safe_link, Block};
use ego_tree::NodeRef;
use regex::Regex;
use scraper::{Html, Node};

const DROPPED: [&str; 10] =
    ["script", "style", "noscript", "iframe", "object", "form", "nav", "button", "svg", "template"];
const DOC_EXT: [&str; 11] =
    [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".rtf", ".zip", ".ppt", ".pptx"];
const BLOCKS: [&str; 17] = [
    "p", "div", "section", "article", "header", "footer", "main", "aside", "table", "tr", "td",
    "th", "tbody", "thead", "dl", "dd", "dt",
];

static TAG_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:<!--|</?[A-Za-z][A-Za-z0-9]{0,15}(?:[\s/>]|$))").expect("valid regex")
});

/// Escapes every `<` that does not open a tag or comment (`<http://…>` autolinks, `< a@b >`),
/// so the parser keeps it as text instead of swallowing what follows. A `<http:` would
/// otherwise start a bogus element.
fn escape_stray_lt(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains('<') {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len() + 16);
    for (i, part) in raw.split('<').enumerate() {
        if i > 0 {
            let head: String = part.chars().take(20).collect();
            let tagish = TAG_START.is_match(&format!("<{head}"))
                && !part.starts_with("http:")
                && !part.starts_with("https:")
                && !part.starts_with("mailto:");
            out.push_str(if tagish { "<" } else { "&lt;" });
        }
        out.push_str(part);
    }
    std::borrow::Cow::Owned(out)
}

/// The visible text of an HTML fragment, block boundaries as spaces (for titles and leads).
pub fn text_of(raw: &str) -> String {
    let (blocks, _) = blocks(raw);
    blocks.iter().map(Block::text).collect::<Vec<_>>().join(" ")
}

struct Walker {
    blocks: Vec<Block>,
    para: String,
    /// Documents linked from inside the paragraph being read: placed after it, so that the
    /// sentence they stand in stays whole.
    pending: Vec<Block>,
    dropped: u64,
}

impl Walker {
    fn flush(&mut self) {
        let t = self.para.trim();
        if !t.is_empty() {
            self.blocks.push(Block::Paragraph { text: t.to_owned() });
        }
        self.para.clear();
        self.blocks.append(&mut self.pending);
    }

    fn walk(&mut self, node: NodeRef<'_, Node>) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => self.para.push_str(t),
                Node::Element(e) => {
                    let name = e.name();
                    if DROPPED.contains(&name) {
                        self.dropped += 1;
                        continue;
                    }
                    match name {
                        "br" => {
                            self.flush();
                        }
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            self.flush();
                            let level = name[1..].parse::<u8>().unwrap_or(2).clamp(2, 6);
                            let text = inline_text(child);
                            if !text.trim().is_empty() {
                                self.blocks.push(Block::Heading { level, text });
                            }
                        }
                        "ul" | "ol" => {
                            self.flush();
                            let items: Vec<String> = child
                                .children()
                                .filter(
                                    |c| matches!(c.value(), Node::Element(e) if e.name() == "li"),
                                )
                                .map(inline_text)
                                .filter(|t| !t.trim().is_empty())
                                .collect();
                            if !items.is_empty() {
                                self.blocks.push(Block::List { ordered: name == "ol", items });
                            }
                        }
                        "blockquote" => {
                            self.flush();
                            let cite = child
                                .descendants()
                                .find(|d| matches!(d.value(), Node::Element(e) if e.name() == "cite" || e.name() == "footer"))
                                .map(inline_text)
                                .filter(|t| !t.trim().is_empty());
                            let mut text = inline_text(child);
                            if let Some(c) = &cite {
                                if let Some(stripped) = text.trim_end().strip_suffix(c.trim()) {
                                    text = stripped.to_owned();
                                }
                            }
                            if !text.trim().is_empty() {
                                self.blocks.push(Block::Quote { text, cite });
                            }
                        }
                        "img" => {
                            let alt = e.attr("alt").unwrap_or("").to_owned();
                            match e.attr("src").and_then(safe_link) {
                                Some(src) => {
                                    self.flush();
                                    // The figure it stands in, perhaps inside a link.
                                    let caption = child
                                        .ancestors()
                                        .take(2)
                                        .find(|p| matches!(p.value(), Node::Element(e) if e.name() == "figure"))
                                        .and_then(|fig| {
                                            fig.descendants().find(|d| matches!(d.value(), Node::Element(e) if e.name() == "figcaption"))
                                        })
                                        .map(inline_text)
                                        .filter(|t| !t.trim().is_empty());
                                    self.blocks.push(Block::Image {
                                        src: src.to_owned(),
                                        alt,
                                        caption,
                                    });
                                }
                                None => {
                                    self.dropped += 1;
                                    self.para.push_str(&alt);
                                }
                            }
                        }
                        "figcaption" => {}
                        "a" => {
                            let href = e.attr("href").unwrap_or("");
                            let lower = href.to_lowercase();
                            let path = lower.split(['?', '#']).next().unwrap_or("");
                            let is_doc = DOC_EXT.iter().any(|x| path.ends_with(x));
                            if is_doc {
                                let title = inline_text(child);
                                let title = if title.trim().is_empty() {
                                    href.rsplit('/').next().unwrap_or(href).to_owned()
                                } else {
                                    title
                                };
                                match safe_link(href) {
                                    // In the middle of a sentence: its words stay in it, and the
                                    // document follows the paragraph. (At a paragraph's end, as
                                    // "Full text: PDF", the document ends the text itself.)
                                    Some(h) if text_follows(child) => {
                                        self.para.push_str(&title);
                                        self.pending.push(Block::Document {
                                            href: Some(h.to_owned()),
                                            title,
                                        });
                                    }
                                    Some(h) => {
                                        self.flush();
                                        self.blocks.push(Block::Document {
                                            href: Some(h.to_owned()),
                                            title,
                                        });
                                    }
                                    None => {
                                        self.dropped += 1;
                                        self.para.push_str(&title);
                                    }
                                }
                            } else {
                                self.walk(child);
                            }
                        }
                        "li" => {
                            self.flush();
                            self.walk(child);
                            self.flush();
                        }
                        n if BLOCKS.contains(&n) || n == "figure" || n == "pre" => {
                            self.flush();
                            self.walk(child);
                            self.flush();
                        }
                        _ => self.walk(child),
                    }
                }
                _ => {}
            }
        }
    }
}

/// Whether text follows `node` in its paragraph: a non-blank text or inline element among its
/// next siblings before a `br` or a block.
fn text_follows(node: NodeRef<'_, Node>) -> bool {
    for next in node.next_siblings() {
        match next.value() {
            Node::Text(t) if !t.trim().is_empty() => return true,
            Node::Element(e) if e.name() == "br" || BLOCKS.contains(&e.name()) => return false,
            Node::Element(e) if DROPPED.contains(&e.name()) => {}
            Node::Element(_) if !inline_text(next).trim().is_empty() => return true,
            _ => {}
        }
    }
    false
}

/// The text inside an element: inline content, `br` as a space, dropped elements left out.
fn inline_text(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    fn go(n: NodeRef<'_, Node>, out: &mut String) {
        for c in n.children() {
            match c.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if DROPPED.contains(&e.name()) => {}
                Node::Element(e) if e.name() == "br" => out.push(' '),
                Node::Element(e) if e.name() == "img" => out.push_str(e.attr("alt").unwrap_or("")),
                Node::Element(e) if BLOCKS.contains(&e.name()) || e.name() == "li" => {
                    out.push(' ');
                    go(c, out);
                    out.push(' ');
                }
                Node::Element(_) => go(c, out),
                _ => {}
            }
        }
    }
    go(node, &mut out);
    out
}

/// Parses an HTML fragment into blocks (texts not yet normalised); also returns how many
/// elements were dropped. Text outside elements that holds blank lines is split into
/// paragraphs there.
pub fn blocks(raw: &str) -> (Vec<Block>, u64) {
    let escaped = escape_stray_lt(raw);
    let html = Html::parse_fragment(&escaped);
    let mut w = Walker { blocks: Vec::new(), para: String::new(), pending: Vec::new(), dropped: 0 };
    w.walk(*html.root_element());
    w.flush();
    // Loose text with blank lines between tags: each blank-line-separated part is a paragraph.
    let mut out = Vec::with_capacity(w.blocks.len());
    for b in w.blocks {
        match b {
            Block::Paragraph { text } if text.contains("\n\n") || text.contains("\n \n") => {
                for part in text.split("\n\n").flat_map(|p| p.split("\n \n")) {
                    if !part.trim().is_empty() {
                        out.push(Block::Paragraph { text: part.to_owned() });
                    }
                }
            }
            other => out.push(other),
        }
    }
    (out, w.dropped)
}
