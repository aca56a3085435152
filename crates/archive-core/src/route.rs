//! The URL codec: every view the reader can share, to and from the URL fragment.
//!
//! Archive Browser keeps its routes in the fragment (`#/article/abc?lang=ru`) rather than the
//! path. A static host answers every request for the page itself, so a reload or a shared link
//! to any view works with no rewrite rules, under any subpath, from a `file://` folder and
//! inside an iframe; links are fragment-relative, so they keep the subpath and the page's own
//! query (e.g. `?bundle=…`). `docs/routing.md` weighs this against the alternatives.
//!
//! Grammar (segments and values are percent-encoded UTF-8, RFC 3986):
//!
//! | fragment | view |
//! |---|---|
//! | empty, `#`, `#/` | all news |
//! | `#/section/{id}` | one section |
//! | `#/date/{yyyy}`, `#/date/{yyyy}/{mm}` | a year or a month |
//! | `#/article/{id}` | one article |
//! | `#/search` | search results |
//! | anything else | not found |
//!
//! followed by an optional `?page=N&hl=…&lang=xx` (`hl`: a search query whose words an article
//! marks, set on links from search results; `lang`: the interface language), and for a search
//! `q` (the query as typed), `section`, `language` (of the articles), `source`, `tag`, `person`,
//! `year`, `month`, `from`, `to` (`YYYY-MM-DD`) and `sort` (`newest`, `oldest`). [`Route::from_fragment`] never fails: what it cannot
//! read becomes [`View::NotFound`] (a bad path) or the default (a bad parameter).

use std::fmt::Write as _;

use crate::archive::Period;
use crate::model::is_language_tag;
use crate::search::{Filters, Sort};

/// Which view a URL names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum View {
    /// All news, newest first.
    AllNews,
    /// The articles of one section.
    Section(String),
    /// The articles of a year or a month.
    Date(Period),
    /// One article.
    Article(String),
    /// Search results for a query and filters.
    Search(SearchParams),
    /// A path no view answers to; holds the decoded path for the message.
    NotFound(String),
}

/// What a search view shows: the query text as typed, the filters and the order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SearchParams {
    /// The query as typed (see [`crate::search::query`] for its syntax).
    pub q: String,
    /// Facet and date filters.
    pub filters: Filters,
    /// Result order.
    pub sort: Sort,
}

impl SearchParams {
    /// Whether there is anything to search for or filter by.
    pub fn is_empty(&self) -> bool {
        self.q.trim().is_empty() && self.filters.is_empty()
    }

    /// Reads the parameters from decoded `key=value` pairs, skipping unknown keys and listing
    /// in `ignored` the values that do not parse (`year=abc`, a month without a year, an empty
    /// date). A date range given backwards (`from` after `to`) is read the right way round.
    fn from_pairs(pairs: &[(String, String)], ignored: &mut Vec<(String, String)>) -> Self {
        let mut p = Self::default();
        let text = |v: &str| Some(v.to_owned()).filter(|v| !v.is_empty());
        for (key, value) in pairs {
            let f = &mut p.filters;
            match key.as_str() {
                "q" => p.q.clone_from(value),
                "section" => f.section = text(value),
                "language" => f.lang = Some(value.clone()).filter(|v| is_language_tag(v)),
                "source" => f.source = text(value),
                "tag" => f.tag = text(value),
                "person" => f.person = text(value),
                "year" => f.year = year(value),
                "month" => f.month = month(value),
                "from" => f.from = value.parse().ok(),
                "to" => f.to = value.parse().ok(),
                "sort" => {
                    p.sort = match value.as_str() {
                        "newest" => Sort::Newest,
                        "oldest" => Sort::Oldest,
                        _ => Sort::Relevance,
                    }
                }
                _ => {}
            }
            // The keys whose values are checked: read, or not understood.
            let understood = match key.as_str() {
                "language" => f.lang.is_some(),
                "year" => f.year.is_some(),
                "month" => f.month.is_some(),
                "from" => f.from.is_some(),
                "to" => f.to.is_some(),
                "sort" => p.sort != Sort::Relevance || value == "relevance",
                _ => true,
            };
            // An empty value (`year=`, as a form leaves it) is no filter, not a mistake.
            if !understood && !value.is_empty() {
                ignored.push((key.clone(), value.clone()));
            }
        }
        if p.filters.year.is_none() && p.filters.month.take().is_some() {
            let written = pairs.iter().rev().find(|(k, _)| k == "month");
            ignored.extend(written.cloned());
        }
        if let (Some(from), Some(to)) = (p.filters.from, p.filters.to) {
            if from > to {
                (p.filters.from, p.filters.to) = (Some(to), Some(from));
            }
        }
        p
    }

    /// Appends the parameters to `out` as `key=value` pairs, `sep` first (`?` then `&`).
    fn write(&self, out: &mut String, sep: &mut char) {
        let mut pair = |out: &mut String, key: &str, value: &str| {
            out.push(*sep);
            out.push_str(key);
            out.push('=');
            encode_into(out, value);
            *sep = '&';
        };
        let f = &self.filters;
        if !self.q.is_empty() {
            pair(out, "q", &self.q);
        }
        let texts = [
            ("section", &f.section),
            ("language", &f.lang),
            ("source", &f.source),
            ("tag", &f.tag),
            ("person", &f.person),
        ];
        for (key, value) in texts {
            if let Some(v) = value {
                pair(out, key, v);
            }
        }
        if let Some(y) = f.year {
            pair(out, "year", &format!("{y:04}"));
            if let Some(m) = f.month {
                pair(out, "month", &format!("{m:02}"));
            }
        }
        if let Some(d) = f.from {
            pair(out, "from", &d.to_string());
        }
        if let Some(d) = f.to {
            pair(out, "to", &d.to_string());
        }
        match self.sort {
            Sort::Relevance => {}
            Sort::Newest => pair(out, "sort", "newest"),
            Sort::Oldest => pair(out, "sort", "oldest"),
        }
    }
}

/// A whole shareable view state: the view plus its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Route {
    /// The view.
    pub view: View,
    /// The page of a list view, 1-based.
    pub page: usize,
    /// The interface language the reader chose (`None`: the archive's or browser's default).
    pub lang: Option<String>,
    /// A search query whose words the view marks (`hl=`): an article opened from a result
    /// shows where the query matched. `None` or empty: nothing marked.
    pub highlight: Option<String>,
    /// Parameters of the address that were read but not understood, `(key, value)` as
    /// written: a known key whose value is no value of it (`from=2024-13-01`, `sort=random`,
    /// `page=abc`, `month=07` without a year). The view is shown without them and says so.
    /// Unknown keys (`utm_source=…`, added by mail and chat apps) are not listed. Never
    /// written back: [`Route::to_fragment`] gives the route as understood.
    pub ignored: Vec<(String, String)>,
    /// Search parameters (`q`, the filters, `sort`) on a view that is no search, `(key,
    /// value)` as written: `#/section/news?q=summit`. The view is shown without them, says so,
    /// and offers the search they describe ([`Route::misplaced_search`]). Never written back.
    pub misplaced: Vec<(String, String)>,
}

/// The keys of a search's parameters ([`SearchParams`]).
const SEARCH_KEYS: [&str; 11] =
    ["q", "section", "language", "source", "tag", "person", "year", "month", "from", "to", "sort"];

impl Default for Route {
    fn default() -> Self {
        Self::view(View::AllNews)
    }
}

impl Route {
    /// A route to `view` on its first page in the default language.
    pub fn view(view: View) -> Self {
        Self {
            view,
            page: 1,
            lang: None,
            highlight: None,
            ignored: Vec::new(),
            misplaced: Vec::new(),
        }
    }

    /// The same route marking the words of the search query `q` (none when `q` is blank).
    #[must_use]
    pub fn with_highlight(mut self, q: &str) -> Self {
        self.highlight = Some(q.to_owned()).filter(|q| !q.trim().is_empty());
        self
    }

    /// The same route on page `page`.
    #[must_use]
    pub fn with_page(mut self, page: usize) -> Self {
        self.page = page.max(1);
        self
    }

    /// The same route in interface language `lang`.
    #[must_use]
    pub fn with_lang(mut self, lang: Option<String>) -> Self {
        self.lang = lang;
        self
    }

    /// Reads a route from a URL fragment, with or without the leading `#`.
    ///
    /// Two spellings that are no route are read as the reader meant them: a whole fragment
    /// percent-encoded once more (`#%2Fsection%2Fnews`, as some mail and chat apps rewrite
    /// links) is decoded first, and an in-page anchor such as the skip link's `#main` (a name
    /// with no `/`) is all news.
    pub fn from_fragment(fragment: &str) -> Self {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let decoded;
        let fragment = if fragment.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("%2F")) {
            decoded = decode(fragment, false);
            decoded.as_str()
        } else {
            fragment
        };
        let anchor = fragment.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && fragment.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if anchor {
            return Self::view(View::AllNews);
        }
        // No id, date or search path holds a `&`: one before any `?` begins the parameters
        // (`#/article/x&lang=ru`, a `?` mistyped or lost on the way).
        let (path, query) = fragment
            .split_once('?')
            .filter(|(path, _)| !path.contains('&'))
            .or_else(|| fragment.split_once('&'))
            .unwrap_or((fragment, ""));
        let mut ignored = Vec::new();
        // A value whose escapes are no UTF-8 (`q=%E0%A4%A`, a link cut or mangled on its way)
        // is not read as something else: its parameter is ignored, as written, and said.
        let pairs: Vec<(String, String)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .filter_map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let key = decode(key, true);
                match try_decode(value, true) {
                    Some(value) => Some((key, value)),
                    None => {
                        if SEARCH_KEYS.contains(&key.as_str())
                            || ["page", "lang", "hl"].contains(&key.as_str())
                        {
                            ignored.push((key, value.to_owned()));
                        }
                        None
                    }
                }
            })
            .collect();
        let mut misplaced = Vec::new();
        let view = match parse_path(path) {
            View::Search(_) => View::Search(SearchParams::from_pairs(&pairs, &mut ignored)),
            View::NotFound(path) => View::NotFound(path),
            other => {
                misplaced.extend(
                    pairs
                        .iter()
                        .filter(|(k, v)| SEARCH_KEYS.contains(&k.as_str()) && !v.is_empty())
                        .cloned(),
                );
                other
            }
        };
        let mut route = Self::view(view);
        route.misplaced = misplaced;
        for (key, value) in pairs {
            match key.as_str() {
                "page" | "lang" if value.is_empty() => {}
                "page" => match page_number(&value) {
                    Some(page) => route.page = page,
                    None => ignored.push((key, value)),
                },
                "lang" if is_language_tag(&value) => route.lang = Some(value),
                "lang" => ignored.push((key, value)),
                "hl" => route = route.with_highlight(&value),
                _ => {}
            }
        }
        route.ignored = ignored;
        route
    }

    /// The search that [`Route::misplaced`] describes, within this view: a section's search
    /// keeps the section, a year's or a month's its period (unless the parameters name
    /// another). `None` when nothing was misplaced.
    pub fn misplaced_search(&self) -> Option<Route> {
        if self.misplaced.is_empty() {
            return None;
        }
        let mut params = SearchParams::from_pairs(&self.misplaced, &mut Vec::new());
        let f = &mut params.filters;
        match &self.view {
            View::Section(id) if f.section.is_none() => f.section = Some(id.clone()),
            View::Date(p) if f.year.is_none() && f.from.is_none() && f.to.is_none() => {
                (f.year, f.month) = (Some(p.year), p.month);
            }
            _ => {}
        }
        Some(Route::view(View::Search(params)).with_lang(self.lang.clone()))
    }

    /// Writes the route as a fragment, `#/…`. Default parameters are left out, so each route has
    /// one canonical fragment: `Route::from_fragment(&r.to_fragment()) == r` for any route whose
    /// ids are non-empty, whose language tag is valid and whose date range runs forwards.
    pub fn to_fragment(&self) -> String {
        let mut out = String::from("#/");
        let mut sep = '?';
        match &self.view {
            View::AllNews => {}
            View::Section(id) => {
                out.push_str("section/");
                encode_into(&mut out, id);
            }
            View::Date(p) => {
                let _ = write!(out, "date/{:04}", p.year);
                if let Some(m) = p.month {
                    let _ = write!(out, "/{m:02}");
                }
            }
            View::Article(id) => {
                out.push_str("article/");
                encode_into(&mut out, id);
            }
            View::Search(params) => {
                out.push_str("search");
                params.write(&mut out, &mut sep);
            }
            View::NotFound(path) => {
                for (i, seg) in path.trim_start_matches('/').split('/').enumerate() {
                    if i > 0 {
                        out.push('/');
                    }
                    encode_into(&mut out, seg);
                }
            }
        }
        if self.page > 1 {
            let _ = write!(out, "{sep}page={}", self.page);
            sep = '&';
        }
        if let Some(q) = &self.highlight {
            out.push(sep);
            out.push_str("hl=");
            encode_into(&mut out, q);
            sep = '&';
        }
        if let Some(lang) = &self.lang {
            out.push(sep);
            out.push_str("lang=");
            encode_into(&mut out, lang);
        }
        out
    }
}

fn parse_path(path: &str) -> View {
    let trimmed = path.trim_matches('/');
    let segments: Vec<String> = if trimmed.is_empty() {
        Vec::new()
    } else {
        trimmed.split('/').map(|s| decode(s, false)).collect()
    };
    let seg: Vec<&str> = segments.iter().map(String::as_str).collect();
    match seg.as_slice() {
        [] => View::AllNews,
        ["section", id] if !id.is_empty() => View::Section((*id).to_owned()),
        ["article", id] if !id.is_empty() => View::Article((*id).to_owned()),
        ["search"] => View::Search(SearchParams::default()),
        ["date", y] => {
            year(y).map_or_else(|| not_found(&seg), |year| View::Date(Period { year, month: None }))
        }
        ["date", y, m] => match (year(y), month(m)) {
            (Some(year), Some(month)) => View::Date(Period { year, month: Some(month) }),
            _ => not_found(&seg),
        },
        _ => not_found(&seg),
    }
}

fn not_found(seg: &[&str]) -> View {
    View::NotFound(format!("/{}", seg.join("/")))
}

fn year(s: &str) -> Option<u16> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|&y| y >= 1)
}

/// A `page=` value: its number, at least 1 (`page=0` is the first); digits too many for a
/// number are the last page (the view then shows the nearest page it has, as for
/// `page=999`); anything else (`abc`, `-1`, empty) is no page number.
fn page_number(s: &str) -> Option<usize> {
    match s.parse::<usize>() {
        Ok(p) => Some(p.max(1)),
        Err(_) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => Some(usize::MAX),
        Err(_) => None,
    }
}

/// A month, `01`–`12` (or `1`–`9`, as people write it).
fn month(s: &str) -> Option<u8> {
    ((1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|m| (1..=12).contains(m))
}

/// Percent-encodes `s` into `out`, leaving only RFC 3986 unreserved characters
/// (`A–Z a–z 0–9 - . _ ~`) as they are; everything else is its UTF-8 bytes as `%XX`.
pub fn encode_into(out: &mut String, s: &str) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// Percent-encodes `s` (see [`encode_into`]).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(&mut out, s);
    out
}

/// Decodes `%XX` escapes (and, in query values when `plus_is_space`, `+` as a space, as HTML
/// forms write it). A `%` not followed by two hex digits stays as it is; byte sequences that are
/// not UTF-8 become U+FFFD. Never fails.
pub fn decode(s: &str, plus_is_space: bool) -> String {
    let bytes = decode_bytes(s, plus_is_space);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// [`decode`], or `None` when the escapes decode to bytes that are not UTF-8 (a link cut in
/// the middle of a character's escapes: `%E0%A4%A`).
pub fn try_decode(s: &str, plus_is_space: bool) -> Option<String> {
    String::from_utf8(decode_bytes(s, plus_is_space)).ok()
}

/// The bytes `%XX` escapes (and `+`, see [`decode`]) stand for.
fn decode_bytes(s: &str, plus_is_space: bool) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| h << 4 | l),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(byte), _) => {
                out.push(byte);
                i += 3;
            }
            (None, b'+') if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            (None, b) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    char::from(b).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(f: &str) -> Route {
        Route::from_fragment(f)
    }

    #[test]
    fn reads_every_view() {
        assert_eq!(r("").view, View::AllNews);
        assert_eq!(r("#").view, View::AllNews);
        assert_eq!(r("#/").view, View::AllNews);
        assert_eq!(r("#/section/news_odkb").view, View::Section("news_odkb".into()));
        assert_eq!(r("#/article/abc-1").view, View::Article("abc-1".into()));
        assert_eq!(r("#/date/2024").view, View::Date(Period { year: 2024, month: None }));
        assert_eq!(r("#/date/2024/07").view, View::Date(Period { year: 2024, month: Some(7) }));
        assert_eq!(r("/article/abc-1/").view, View::Article("abc-1".into()));
    }

    #[test]
    fn unknown_paths_are_not_found_with_the_path() {
        assert_eq!(r("#/nope").view, View::NotFound("/nope".into()));
        assert_eq!(r("#/date/2024/13").view, View::NotFound("/date/2024/13".into()));
        assert_eq!(r("#/date/24").view, View::NotFound("/date/24".into()));
        assert_eq!(r("#/article/").view, View::NotFound("/article".into()));
        assert_eq!(r("#/article/a/b").view, View::NotFound("/article/a/b".into()));
        assert_eq!(r("#/%3Cscript%3E").view, View::NotFound("/<script>".into()));
    }

    #[test]
    fn parameters_are_read_leniently() {
        let route = r("#/section/x?page=3&lang=ru");
        assert_eq!((route.page, route.lang.as_deref()), (3, Some("ru")));
        assert_eq!(r("#/?page=0").page, 1);
        assert_eq!(r("#/?page=-2").page, 1);
        assert_eq!(r("#/?page=abc").page, 1);
        assert_eq!(r("#/?page=999999999999999999999").page, usize::MAX);
        assert_eq!(r("#/date/2024/1").view, View::Date(Period { year: 2024, month: Some(1) }));
        assert_eq!(r("#/date/2024/123").view, View::NotFound("/date/2024/123".into()));
        assert_eq!(r("#/?lang=%3Cb%3E").lang, None);
        assert_eq!(r("#/?unknown=1&&page=2").page, 2);
        assert_eq!(r("#/article/x?hl=%D1%83%D1%87+x").highlight.as_deref(), Some("уч x"));
        assert_eq!(r("#/article/x?hl=").highlight, None);
        assert_eq!(r("#/article/x?hl=+").highlight, None);
        // A `&` for the `?`: the parameters are read all the same.
        let route = r("#/article/abc-1&lang=ru");
        assert_eq!(
            (route.view, route.lang.as_deref()),
            (View::Article("abc-1".into()), Some("ru"))
        );
        let route = r("#/search&q=x&page=2");
        assert_eq!((route.view, route.page), (r("#/search?q=x").view, 2));
        // A `?` after it is part of a value: that page number is not read, and said.
        let route = r("#/section/news&page=2?lang=ru");
        assert_eq!((route.view, route.page), (View::Section("news".into()), 1));
        assert_eq!(route.ignored, [("page".to_owned(), "2?lang=ru".to_owned())]);
    }

    #[test]
    fn a_fragment_encoded_twice_or_an_anchor_is_read_as_meant() {
        assert_eq!(r("#%2Fsection%2Fnews_odkb").view, View::Section("news_odkb".into()));
        assert_eq!(r("%2fsearch%3Fq%3D%D0%BE%D0%B4%D0%BA%D0%B1").view, r("#/search?q=одкб").view);
        assert_eq!(r("#main").view, View::AllNews);
        assert_eq!(r("#top-of-page").view, View::AllNews);
        // Not anchors: a path without its leading slash is still a path.
        assert_eq!(r("#section/news").view, View::Section("news".into()));
        assert!(matches!(r("#/nowhere").view, View::NotFound(_)));
        assert!(matches!(r("#nowhere/else").view, View::NotFound(_)));
    }

    #[test]
    fn decodes_percent_escapes_and_cyrillic() {
        assert_eq!(
            r("#/article/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8").view,
            View::Article("новости".into())
        );
        assert_eq!(r("#/article/новости").view, View::Article("новости".into()));
        assert_eq!(decode("100%", false), "100%");
        assert_eq!(decode("%zz%4", false), "%zz%4");
        assert_eq!(decode("a+b", true), "a b");
        assert_eq!(decode("a+b", false), "a+b");
        assert_eq!(decode("%FF", false), "\u{FFFD}");
    }

    #[test]
    fn round_trips_and_is_canonical() {
        let routes = [
            Route::default(),
            Route::view(View::Section("news_odkb".into())).with_page(2),
            Route::view(View::Article("a b&c#d?e%f+g/h".into())).with_lang(Some("ru".into())),
            Route::view(View::Article("Ёлка-🎄".into())),
            Route::view(View::Date(Period { year: 2020, month: Some(12) }))
                .with_page(4)
                .with_lang(Some("en".into())),
            Route::view(View::Date(Period { year: 1987, month: None })),
            Route::view(View::NotFound("/what/is this".into())),
            Route::view(View::Article("x".into()))
                .with_highlight("«учения» a&b+c=d %20 #1 🙂")
                .with_lang(Some("ru".into())),
        ];
        for route in routes {
            let f = route.to_fragment();
            assert_eq!(Route::from_fragment(&f), route, "{f}");
        }
        assert_eq!(Route::default().to_fragment(), "#/");
        assert_eq!(
            Route::view(View::Date(Period { year: 2020, month: Some(2) }))
                .with_page(2)
                .to_fragment(),
            "#/date/2020/02?page=2"
        );
    }

    #[test]
    fn search_state_round_trips_any_text() {
        let hard = [
            "",
            "учения",
            "100% & +1 #2",
            "\"exact phrase\" -not secur*",
            "a=b&c=d?e",
            "Ёлка 🎄 e\u{301}",
            "  spaces  ",
            "%",
            "%%20",
            "+",
            "&",
            "#",
            "'",
            "source:\"RIA Novosti\"",
            "\u{202e}",
            "a/b\\c",
        ];
        for q in hard {
            let params = SearchParams {
                q: q.into(),
                filters: Filters {
                    section: Some("news_odkb".into()),
                    year: Some(2024),
                    month: Some(7),
                    lang: Some("ru".into()),
                    source: Some(format!("ТАСС & {q}")),
                    tag: Some(q.to_owned()).filter(|t| !t.is_empty()),
                    person: None,
                    from: Some("2024-07-01".parse().unwrap()),
                    to: Some("2024-07-31".parse().unwrap()),
                },
                sort: Sort::Newest,
            };
            let route = Route::view(View::Search(params)).with_page(3).with_lang(Some("en".into()));
            let f = route.to_fragment();
            assert!(!f[1..].contains('#'), "{f}");
            assert_eq!(Route::from_fragment(&f), route, "{f}");
        }
        assert_eq!(
            Route::view(View::Search(SearchParams { q: "a b".into(), ..Default::default() }))
                .to_fragment(),
            "#/search?q=a%20b"
        );
    }

    #[test]
    fn search_parameters_are_read_leniently() {
        let p = |f: &str| match Route::from_fragment(f).view {
            View::Search(p) => p,
            other => panic!("{other:?}"),
        };
        assert_eq!(p("#/search").q, "");
        assert_eq!(p("#/search?q=a+b").q, "a b");
        assert_eq!(p("#/search?q=%D1%83%D1%87%D0%B5%D0%BD%D0%B8%D1%8F").q, "учения");
        let odd = p("#/search?year=abc&month=07&from=2024-02-30&sort=random&language=<b>");
        assert_eq!(odd.filters, Filters::default());
        assert_eq!(odd.sort, Sort::Relevance);
        assert_eq!(p("#/search?month=07").filters.month, None, "a month needs a year");
        let back = p("#/search?from=2025-01-01&to=2024-01-01").filters;
        assert_eq!((back.from, back.to), ("2024-01-01".parse().ok(), "2025-01-01".parse().ok()));
    }

    #[test]
    fn parameters_not_understood_are_listed_as_written_and_not_written_back() {
        let ignored = |f: &str| Route::from_fragment(f).ignored;
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        assert_eq!(
            ignored(
                "#/search?q=x&year=abc&from=2024-13-01&to=2024-02-30&sort=random&language=%3Cb%3E"
            ),
            [
                pair("year", "abc"),
                pair("from", "2024-13-01"),
                pair("to", "2024-02-30"),
                pair("sort", "random"),
                pair("language", "<b>")
            ]
        );
        assert_eq!(ignored("#/search?month=7"), [pair("month", "7")], "a month needs a year");
        assert_eq!(ignored("#/search?year=2024&month=13"), [pair("month", "13")]);
        assert_eq!(ignored("#/?page=abc&lang=%3Cb%3E"), [pair("page", "abc"), pair("lang", "<b>")]);
        assert_eq!(ignored("#/?page=-1"), [pair("page", "-1")]);
        // Escapes that are no UTF-8 (a link cut mid-character): not read as something else
        // (the lossy `�%A` searched the word `a`), listed as written.
        let cut = Route::from_fragment("#/search?q=%E0%A4%A&section=news");
        assert_eq!(cut.ignored, [pair("q", "%E0%A4%A")]);
        let View::Search(params) = &cut.view else { panic!("{cut:?}") };
        assert_eq!((params.q.as_str(), params.filters.section.as_deref()), ("", Some("news")));
        assert_eq!(ignored("#/search?q=x&hl=%FF"), [pair("hl", "%FF")]);
        assert_eq!(ignored("#/search?q=x&utm_source=%FF"), [], "an unknown key is not listed");
        // Understood, empty or unknown: nothing listed.
        for fine in [
            "#/search?q=a&year=2024&month=07&from=2024-07-01&to=2024-07-31&sort=relevance",
            "#/search?q=&year=&month=&from=&sort=&language=&page=&lang=",
            "#/?page=999999999999999999999999&utm_source=newsletter&fbclid=x",
            "#/search?sort=oldest&language=ru&lang=en",
        ] {
            assert_eq!(ignored(fine), [], "{fine}");
        }
        // The route as understood is what is written back.
        let route = Route::from_fragment("#/search?q=a&from=2024-13-01&page=2");
        assert_eq!(route.to_fragment(), "#/search?q=a&page=2");
    }

    #[test]
    fn search_parameters_on_another_view_are_named_and_offered_as_its_search() {
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        let route = Route::from_fragment("#/section/news?q=summit&year=2024&page=2&utm_source=x");
        assert_eq!(route.view, View::Section("news".into()));
        assert_eq!(route.misplaced, [pair("q", "summit"), pair("year", "2024")]);
        assert_eq!(route.to_fragment(), "#/section/news?page=2");
        assert_eq!(
            route.misplaced_search().map(|r| r.to_fragment()).as_deref(),
            Some("#/search?q=summit&section=news&year=2024")
        );
        // A month's search keeps the month; a range of its own replaces it.
        let month =
            Route::from_fragment("#/date/2022/03?q=%D1%83%D1%87%D0%B5%D0%BD%D0%B8%D1%8F&lang=ru");
        assert_eq!(
            month.misplaced_search().map(|r| r.to_fragment()).as_deref(),
            Some("#/search?q=%D1%83%D1%87%D0%B5%D0%BD%D0%B8%D1%8F&year=2022&month=03&lang=ru")
        );
        let range = Route::from_fragment("#/date/2022?from=2021-01-01&to=2021-12-31");
        assert_eq!(
            range.misplaced_search().map(|r| r.to_fragment()).as_deref(),
            Some("#/search?from=2021-01-01&to=2021-12-31")
        );
        // All news and an article too; empty values, a search and a bad path name nothing.
        assert_eq!(
            Route::from_fragment("#/?from=2022-01-01").misplaced,
            [pair("from", "2022-01-01")]
        );
        assert_eq!(Route::from_fragment("#/article/a?q=x&hl=x").misplaced, [pair("q", "x")]);
        for none in
            ["#/?q=&year=", "#/search?q=x&year=2024", "#/nope?q=x", "#/?page=2&lang=ru&hl=x"]
        {
            assert_eq!(Route::from_fragment(none).misplaced, [], "{none}");
            assert_eq!(Route::from_fragment(none).misplaced_search(), None, "{none}");
        }
    }
}
