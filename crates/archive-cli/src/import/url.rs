//! Page addresses of the CSTO site: what kind of page a URL names (landing page, section list,
//! article), the article's slug, the sections its path files it under, and one canonical key
//! per page so that `http:`/`https:`, `www.` and cache-busting queries do not split a page in two.

use std::fmt;

use super::csto;
use super::text::{cut_bytes, slugify};

/// Query parameters that do not change which page a URL names (AJAX fragments, cache busting,
/// search highlighting, tracking). They are dropped from keys and from stored URLs.
const NOISE_PARAMS: [&str; 4] = ["bxajaxid", "clear_cache", "sphrase_id", "utm_source"];

/// Query parameters that make a page a list (a page of a section index or a tab of the home page).
const LIST_PARAMS: [&str; 3] = ["PAGEN_1", "c-tab", "gen-tab"];

/// Why a URL was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlError(String);

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UrlError {}

/// What a page is, judging by its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// A site's home page without a list tab (`/`, `jscsto…/en/`): an about text, no news.
    Landing,
    /// A list of teasers: a section root (`/news/news_odkb/`), a `?PAGEN_1=` page or a home-page tab.
    Index,
    /// One article, with its slug (the last path segment, or segment + `ELEMENT_ID`).
    Article {
        /// URL-safe, lower-case slug, e.g. `ria-novosti-odkb-obespokoena-…`.
        slug: String,
    },
}

/// A section as named by a URL path: id, parent id and its English and Russian names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionSpec {
    /// URL-safe id (`news_odkb`, `jscsto-news`).
    pub id: String,
    /// The enclosing section's id.
    pub parent: Option<String>,
    /// English name (the id itself for unknown segments).
    pub title_en: String,
    /// Russian name (the id itself for unknown segments).
    pub title_ru: String,
}

/// A parsed `http(s)` page address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageUrl {
    /// The address as given, minus noise parameters (see [`NOISE_PARAMS`]).
    pub clean: String,
    /// Lower-case host without `www.`.
    pub host: String,
    /// Non-empty path segments, percent-decoded.
    pub segments: Vec<String>,
    /// Query parameters other than noise, in order.
    pub query: Vec<(String, String)>,
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl PageUrl {
    /// Parses an absolute `http://` or `https://` URL.
    ///
    /// # Errors
    /// [`UrlError`] when the scheme is not http(s) or the host is empty.
    pub fn parse(url: &str) -> Result<Self, UrlError> {
        let url = url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| UrlError(format!("`{url}` is not an http(s) URL")))?;
        let (before_frag, _) = rest.split_once('#').unwrap_or((rest, ""));
        let (before_query, query) = before_frag.split_once('?').unwrap_or((before_frag, ""));
        let (host, path) = before_query.split_once('/').unwrap_or((before_query, ""));
        let host = host.to_ascii_lowercase();
        if host.is_empty() {
            return Err(UrlError(format!("`{url}` has no host")));
        }
        let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
        let segments = path.split('/').filter(|s| !s.is_empty()).map(percent_decode).collect();
        let mut kept = Vec::new();
        let mut kept_raw = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            if NOISE_PARAMS.contains(&k) {
                continue;
            }
            kept.push((percent_decode(k), percent_decode(v)));
            kept_raw.push(pair);
        }
        let scheme_len = url.len() - rest.len();
        let mut clean = format!("{}{}", &url[..scheme_len], before_query);
        if !kept_raw.is_empty() {
            clean.push('?');
            clean.push_str(&kept_raw.join("&"));
        }
        Ok(Self { clean, host, segments, query: kept })
    }

    /// The key that identifies the page whatever the scheme, `www.`, trailing slash or noise
    /// parameters: `en.odkb-csto.org/news/smi/ria-novosti-…?ELEMENT_ID=1`.
    pub fn key(&self) -> String {
        let mut key = format!("{}/{}", self.host, self.segments.join("/"));
        if !self.query.is_empty() {
            let mut q: Vec<String> = self.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
            q.sort();
            key.push('?');
            key.push_str(&q.join("&"));
        }
        key
    }

    fn is_main_site(&self) -> bool {
        matches!(self.host.as_str(), "odkb-csto.org" | "en.odkb-csto.org")
    }

    /// The label of a subdomain site (`jscsto` for `jscsto.odkb-csto.org`), `None` on the main site.
    fn subsite(&self) -> Option<&str> {
        if self.is_main_site() {
            None
        } else {
            self.host.split('.').next()
        }
    }

    /// The page language by the site's rule: `en` when the host starts with `en.` or the path
    /// with `/en/`, `ru` otherwise.
    pub fn lang(&self) -> &'static str {
        if self.host.starts_with("en.") || self.segments.first().is_some_and(|s| s == "en") {
            "en"
        } else {
            "ru"
        }
    }

    /// Path segments below the site root (a subdomain's leading `en` removed).
    fn site_segments(&self) -> &[String] {
        match (self.subsite(), self.segments.first()) {
            (Some(_), Some(first)) if first == "en" => &self.segments[1..],
            _ => &self.segments,
        }
    }

    fn element_id(&self) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == "ELEMENT_ID").map(|(_, v)| v.as_str())
    }

    /// What the page is: landing page, list page or article (see [`PageKind`]).
    pub fn kind(&self) -> PageKind {
        if self.query.iter().any(|(k, _)| LIST_PARAMS.contains(&k.as_str())) {
            return PageKind::Index;
        }
        let segs = self.site_segments();
        let element = self.element_id();
        match (segs.last(), element) {
            (None, None) => PageKind::Landing,
            (None, Some(id)) => PageKind::Article { slug: slugify(&format!("element-{id}")) },
            (Some(last), Some(id)) => PageKind::Article { slug: slugify(&format!("{last}-{id}")) },
            (Some(last), None) => {
                let known = if self.subsite().is_some() {
                    csto::subsection_title(&last.to_lowercase()).is_some()
                } else {
                    csto::section_title(&last.to_lowercase()).is_some()
                };
                if known {
                    PageKind::Index
                } else {
                    let base = last.strip_suffix(".php").or_else(|| last.strip_suffix(".html"));
                    PageKind::Article { slug: slugify(base.unwrap_or(last)) }
                }
            }
        }
    }

    /// The sections the page is filed under, outermost first. On a subdomain the site itself is
    /// the outermost section (`jscsto`), and deeper sections are prefixed with their parent's id
    /// (`jscsto-news`) so they cannot collide with the main site's; on the main site known
    /// segments keep their own id (`news_odkb`) and unknown deeper ones get the parent prefix.
    pub fn sections(&self) -> Vec<SectionSpec> {
        let segs = self.site_segments();
        let section_segs: &[String] = match self.kind() {
            PageKind::Article { .. } if self.element_id().is_none() => {
                &segs[..segs.len().saturating_sub(1)]
            }
            _ => segs,
        };
        let mut out: Vec<SectionSpec> = Vec::new();
        if let Some(label) = self.subsite() {
            let id = slugify(label);
            let (en, ru) = csto::subsite_title(&id).unwrap_or((label, label));
            out.push(SectionSpec { id, parent: None, title_en: en.into(), title_ru: ru.into() });
        }
        for seg in section_segs {
            let seg_id = slugify(seg);
            if seg_id.is_empty() {
                continue;
            }
            let parent = out.last().map(|s| s.id.clone());
            let (id, titles) = match (&parent, self.subsite()) {
                (_, Some(_)) => (
                    format!("{}-{seg_id}", parent.as_deref().unwrap_or_default()),
                    csto::subsection_title(&seg_id),
                ),
                (None, None) => (seg_id.clone(), csto::section_title(&seg_id)),
                (Some(p), None) => match csto::section_title(&seg_id) {
                    Some(t) if seg_id != "news" && seg_id != "novosti" => (seg_id.clone(), Some(t)),
                    t => (format!("{p}-{seg_id}"), t),
                },
            };
            let id = cut_bytes(&id, 200).to_owned();
            // An unknown segment is titled by its own words ("2010" below the sessions, "The
            // brotherhood of war 2018"), not by its prefixed id ("session-2010").
            let (en, ru) = titles.map_or_else(
                || (segment_title(&seg_id), segment_title(&seg_id)),
                |(e, r)| (e.into(), r.into()),
            );
            out.push(SectionSpec { id, parent, title_en: en, title_ru: ru });
        }
        out
    }

    /// Whether the page sits in a news section (see [`csto::is_news_section`]).
    pub fn in_news_section(&self) -> bool {
        self.site_segments().iter().any(|s| csto::is_news_section(&s.to_lowercase()))
    }
}

/// A title for a path segment no table names: its words (`_` and `-` read as spaces), the
/// first letter a capital ("the_brotherhood_of_war_2018" → "The brotherhood of war 2018").
fn segment_title(segment: &str) -> String {
    let words = segment.replace(['_', '-'], " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> PageUrl {
        PageUrl::parse(s).expect("test URL")
    }

    #[test]
    fn scheme_www_slash_and_noise_do_not_change_the_key() {
        let a = url("http://www.odkb-csto.org/news/smi/ria-novosti-odkb/");
        let b = url("https://odkb-csto.org/news/smi/ria-novosti-odkb?clear_cache=Y");
        assert_eq!(a.key(), b.key());
        assert_eq!(b.clean, "https://odkb-csto.org/news/smi/ria-novosti-odkb");
        assert!(PageUrl::parse("ftp://x/").is_err());
        assert!(PageUrl::parse("https:///x").is_err());
    }

    #[test]
    fn kinds_follow_the_site_layout() {
        assert_eq!(url("https://en.odkb-csto.org/news/news_odkb/").kind(), PageKind::Index);
        assert_eq!(url("https://en.odkb-csto.org/?gen-tab=press").kind(), PageKind::Index);
        assert_eq!(url("https://en.odkb-csto.org/session/?PAGEN_1=2").kind(), PageKind::Index);
        assert_eq!(url("http://kkc.odkb-csto.org/en/").kind(), PageKind::Landing);
        assert_eq!(
            url("https://en.odkb-csto.org/chairmanship/?ELEMENT_ID=22782").kind(),
            PageKind::Article { slug: "chairmanship-22782".into() }
        );
        assert_eq!(
            url(
                "https://jscsto.odkb-csto.org/en/voennaya-sostavlyauschaya-odkb/control-forces.php"
            )
            .kind(),
            PageKind::Article { slug: "control-forces".into() }
        );
        // %20 and spaces become dashes.
        assert_eq!(
            url("https://en.odkb-csto.org/documents/statements/zayavlenie-19.05.2021%20-%203/")
                .kind(),
            PageKind::Article { slug: "zayavlenie-19.05.2021-3".into() }
        );
    }

    #[test]
    fn languages_by_host_and_path() {
        assert_eq!(url("https://en.odkb-csto.org/news/x/").lang(), "en");
        assert_eq!(url("https://jscsto.odkb-csto.org/en/news/x/").lang(), "en");
        assert_eq!(url("https://www.odkb-csto.org/news/x/").lang(), "ru");
    }

    #[test]
    fn sections_with_parents_and_names() {
        let s = url("https://en.odkb-csto.org/news/news_odkb/plan2019/").sections();
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].id.as_str(), s[0].parent.as_deref()), ("news", None));
        assert_eq!((s[1].id.as_str(), s[1].parent.as_deref()), ("news_odkb", Some("news")));
        assert_eq!((s[1].title_en.as_str(), s[1].title_ru.as_str()), ("CSTO news", "Новости ОДКБ"));
        let j =
            url("https://jscsto.odkb-csto.org/en/news/obedinennomu-shtaba-odkb-20-let/").sections();
        let ids: Vec<&str> = j.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["jscsto", "jscsto-news"]);
        let u = url("https://en.odkb-csto.org/session/2010/session2010/").sections();
        assert_eq!(u[1].id, "session-2010");
        assert_eq!(u[1].title_en, "2010", "unknown segments are titled by their segment");
        let t = url("https://en.odkb-csto.org/training/the_brotherhood_of_war_2018/x/").sections();
        assert_eq!(t[1].title_en, "The brotherhood of war 2018");
        assert_eq!(t[1].title_ru, "The brotherhood of war 2018");
        let n = url("https://en.odkb-csto.org/25years/news/chetvert_veka/").sections();
        assert_eq!(n[1].id, "25years-news", "a generic name below another section is prefixed");
    }
}
