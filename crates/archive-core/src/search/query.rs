//! The search query language, parsed from what the reader types.
//!
//! | syntax | meaning |
//! |---|---|
//! | `word word` | every word must match (any inflection: stems are compared) |
//! | `"exact phrase"` | the words in this order, next to each other |
//! | `prefix*` | any word starting with `prefix` (as typed, folded) |
//! | `-word`, `-"phrase"` | no result contains it |
//! | `field:value`, `field:"two words"` | metadata filter: `source`, `section` (and the sections below it), `lang`, `tag`, `person`, `place` |
//! | `year:2020`, `year:2018-2020` | published in that year, or in those years (both ends included) |
//! | `-field:value` | no result has this value (`-source:TASS`) |
//!
//! The last word is also matched as a prefix while the reader is typing (see
//! [`ParsedQuery::as_you_type`]). Parsing never fails: an unclosed quote runs to the end, a
//! lone `-` or `*` is ignored, an unknown `field:` is searched as words.

use super::analyze::{fold, tokenize};

/// A metadata field a query can filter on with `field:value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The article's source (agency).
    Source,
    /// The section id or its title.
    Section,
    /// The article's language tag.
    Lang,
    /// A tag.
    Tag,
    /// A person.
    Person,
    /// A place.
    Place,
    /// The publication year, or an inclusive range of years (see [`Field::years`]).
    Year,
}

impl Field {
    /// Every field, in the order the query syntax lists them.
    pub const ALL: [Self; 7] =
        [Self::Source, Self::Section, Self::Lang, Self::Tag, Self::Person, Self::Place, Self::Year];

    /// The name used in queries and URLs (`source`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Source => "source",
            Self::Section => "section",
            Self::Lang => "lang",
            Self::Tag => "tag",
            Self::Person => "person",
            Self::Place => "place",
            Self::Year => "year",
        }
    }

    /// The years a `year:` value names, as an inclusive range `(first, last)`: `2020` →
    /// `(2020, 2020)`; `2018-2020`, `2018–2020`, `2018..2020` or, folded, `2018 2020` →
    /// `(2018, 2020)`, either way round. `None` for anything else (`year:last`, `year:20200`),
    /// which matches nothing.
    pub fn years(value: &str) -> Option<(u16, u16)> {
        let value = value.trim();
        let between = |c: char| matches!(c, '-' | '–' | '—' | '.' | ' ');
        if !value.chars().all(|c| c.is_ascii_digit() || between(c))
            || !value.starts_with(|c: char| c.is_ascii_digit())
            || !value.ends_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        let mut runs = value.split(between).filter(|run| !run.is_empty());
        let year =
            |run: Option<&str>| -> Option<u16> { run.filter(|r| r.len() == 4)?.parse().ok() };
        let first = year(runs.next())?;
        let last = match runs.next() {
            Some(run) => year(Some(run))?,
            None => first,
        };
        runs.next().is_none().then(|| (first.min(last), first.max(last)))
    }

    /// The field called `name` (case-insensitive), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

/// One clause of a query; all clauses must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A word, folded (see [`super::analyze`]); matches by stem.
    Word(String),
    /// A prefix of words, folded.
    Prefix(String),
    /// Consecutive words, folded.
    Phrase(Vec<String>),
    /// A word or phrase (folded tokens) that must not occur.
    Not(Vec<String>),
    /// A metadata filter: the field's value, folded, must equal this.
    Filter(Field, String),
    /// A negated metadata filter (`-source:TASS`): no result has this value.
    NotFilter(Field, String),
}

/// A `field:value` filter where it stands in the query text, so that a view can show it as a
/// chip and offer the same query without it ([`TypedFilter::remove_from`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedFilter {
    /// The field.
    pub field: Field,
    /// The value as typed (without its quotes, not folded).
    pub value: String,
    /// Whether it was typed negated (`-source:TASS`: results without this value).
    pub negated: bool,
    /// Its bytes in the query text: from the field's name to the end of the value (its
    /// closing quote included).
    pub span: std::ops::Range<usize>,
}

impl TypedFilter {
    /// `text` (the query this filter was parsed from) without the filter: the words on either
    /// side are joined by one space, and the ends are trimmed.
    pub fn remove_from(&self, text: &str) -> String {
        let before = text.get(..self.span.start).unwrap_or(text).trim_end();
        let after = text.get(self.span.end..).unwrap_or("").trim_start();
        match (before.is_empty(), after.is_empty()) {
            (true, _) => after.trim_end().to_owned(),
            (_, true) => before.trim_start().to_owned(),
            _ => format!("{} {}", before.trim_start(), after.trim_end()),
        }
    }
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// The clauses, in the order typed.
    pub clauses: Vec<Clause>,
    /// The [`Clause::Filter`]s and [`Clause::NotFilter`]s as typed, in the same order, with
    /// where each stands.
    pub typed_filters: Vec<TypedFilter>,
    /// Whether the text ended inside a word (no trailing space or quote): the last
    /// [`Clause::Word`] may be incomplete.
    pub open_last_word: bool,
}

impl ParsedQuery {
    /// Parses a query (see the module docs for the syntax).
    pub fn parse(text: &str) -> Self {
        let mut clauses = Vec::new();
        let mut typed_filters = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
            rest = &rest[start..];
            let chunk_start = text.len() - rest.len();
            let negated = rest.starts_with('-') && rest.len() > 1;
            if negated {
                rest = &rest[1..];
            }
            let (chunk, quoted, after) = next_chunk(rest);
            rest = after;
            if quoted {
                let words: Vec<String> = tokenize(chunk).into_iter().map(|t| t.folded).collect();
                match (negated, words.len()) {
                    (_, 0) => {}
                    (true, _) => clauses.push(Clause::Not(words)),
                    (false, 1) => clauses.extend(words.into_iter().map(Clause::Word)),
                    (false, _) => clauses.push(Clause::Phrase(words)),
                }
                continue;
            }
            if let Some((name, value)) = chunk.split_once(':') {
                if let Some(field) = Field::from_name(name) {
                    let (value, _, after) = if value.is_empty() && rest.starts_with(is_quote) {
                        next_chunk(rest)
                    } else {
                        (value, false, rest)
                    };
                    rest = after;
                    let folded = fold(value);
                    if !folded.is_empty() {
                        clauses.push(if negated {
                            Clause::NotFilter(field, folded)
                        } else {
                            Clause::Filter(field, folded)
                        });
                        let span = chunk_start..text.len() - rest.len();
                        let value = value.to_owned();
                        typed_filters.push(TypedFilter { field, value, negated, span });
                    }
                    continue;
                }
            }
            let prefix = chunk.ends_with('*');
            let words: Vec<String> = tokenize(chunk).into_iter().map(|t| t.folded).collect();
            let n = words.len();
            for (i, w) in words.into_iter().enumerate() {
                clauses.push(match (negated, prefix && i + 1 == n) {
                    (true, _) => Clause::Not(vec![w]),
                    (false, true) => Clause::Prefix(w),
                    (false, false) => Clause::Word(w),
                });
            }
        }
        let open_last_word = text.chars().last().is_some_and(char::is_alphanumeric)
            && matches!(clauses.last(), Some(Clause::Word(_)));
        Self { clauses, typed_filters, open_last_word }
    }

    /// The query as the reader is still typing it: the last word, when incomplete, becomes a
    /// prefix too (it matches its stem *or* any word it begins).
    pub fn as_you_type(&self) -> bool {
        self.open_last_word
    }

    /// Whether the query has nothing to search for (no positive clause).
    pub fn is_empty(&self) -> bool {
        !self.clauses.iter().any(|c| !matches!(c, Clause::Not(_) | Clause::NotFilter(..)))
    }
}

/// Whether `c` opens or closes a quoted phrase or value: `"`, `«…»`, `“…”`, `„…“`.
pub fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„')
}

/// The next chunk of `s` (which starts at a non-space): a quoted string (without its quotes;
/// unclosed runs to the end) or a run of non-space characters. Returns (chunk, quoted, rest).
/// `field:"two words"` (any of the quotes) is returned as `field:` with the quote left in
/// `rest`.
fn next_chunk(s: &str) -> (&str, bool, &str) {
    if s.starts_with(is_quote) {
        let open = s.chars().next().map_or(1, char::len_utf8);
        let inner = &s[open..];
        return match inner.find(is_quote) {
            Some(end) => {
                let close = inner[end..].chars().next().map_or(1, char::len_utf8);
                (&inner[..end], true, &inner[end + close..])
            }
            None => (inner, true, ""),
        };
    }
    let end = s.find(|c: char| c.is_whitespace()).unwrap_or(s.len());
    let colon_quote = s[..end]
        .char_indices()
        .zip(s[..end].chars().skip(1))
        .find(|&((_, c), next)| c == ':' && is_quote(next))
        .map(|((i, _), _)| i + 1);
    let end = colon_quote.unwrap_or(end);
    (&s[..end], false, &s[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(q: &str) -> Vec<Clause> {
        ParsedQuery::parse(q).clauses
    }
    fn w(s: &str) -> Clause {
        Clause::Word(s.into())
    }

    #[test]
    fn words_phrases_prefixes_exclusions() {
        assert_eq!(p("CSTO учения"), [w("csto"), w("учения")]);
        assert_eq!(
            p("\"collective security\" council"),
            [Clause::Phrase(vec!["collective".into(), "security".into()]), w("council")]
        );
        assert_eq!(
            p("«Нерушимое братство»"),
            [Clause::Phrase(vec!["нерушимое".into(), "братство".into()])]
        );
        assert_eq!(
            p("secur* -nato -\"cold war\""),
            [
                Clause::Prefix("secur".into()),
                Clause::Not(vec!["nato".into()]),
                Clause::Not(vec!["cold".into(), "war".into()]),
            ]
        );
    }

    #[test]
    fn field_filters() {
        assert_eq!(
            p("source:TASS учения"),
            [Clause::Filter(Field::Source, "tass".into()), w("учения")]
        );
        assert_eq!(
            p("source:\"RIA Novosti\" x"),
            [Clause::Filter(Field::Source, "ria novosti".into()), w("x")]
        );
        assert_eq!(p("LANG:ru"), [Clause::Filter(Field::Lang, "ru".into())]);
        // Any quotes the phrases take: «…», “…”, „…“.
        for q in ["source:«РИА Новости» x", "source:“РИА Новости” x", "source:„РИА Новости“ x"]
        {
            assert_eq!(p(q), [Clause::Filter(Field::Source, "риа новости".into()), w("x")], "{q}");
        }
        assert_eq!(p("foo:bar"), [w("foo"), w("bar")]);
        assert_eq!(
            p("-source:TASS -lang:\"ru\""),
            [
                Clause::NotFilter(Field::Source, "tass".into()),
                Clause::NotFilter(Field::Lang, "ru".into())
            ]
        );
        assert!(ParsedQuery::parse("-source:TASS").is_empty());
    }

    #[test]
    fn typed_filters_know_where_they_stand() {
        let text = "учения  source:\"RIA Novosti\" ОДКБ lang:ru";
        let q = ParsedQuery::parse(text);
        let typed: Vec<_> = q
            .typed_filters
            .iter()
            .map(|f| (f.field, f.value.as_str(), &text[f.span.clone()]))
            .collect();
        assert_eq!(
            typed,
            [
                (Field::Source, "RIA Novosti", "source:\"RIA Novosti\""),
                (Field::Lang, "ru", "lang:ru"),
            ]
        );
        assert_eq!(q.typed_filters[0].remove_from(text), "учения ОДКБ lang:ru");
        assert_eq!(q.typed_filters[1].remove_from(text), "учения  source:\"RIA Novosti\" ОДКБ");
        // Alone, at the start, with a Cyrillic value; a negated or empty one is not a filter.
        let q = ParsedQuery::parse("  section:Новости");
        assert_eq!(q.typed_filters[0].value, "Новости");
        assert_eq!(q.typed_filters[0].remove_from("  section:Новости"), "");
        let q = ParsedQuery::parse("source:TASS x");
        assert_eq!(q.typed_filters[0].remove_from("source:TASS x"), "x");
        assert!(ParsedQuery::parse("source: x").typed_filters.is_empty());
        // A negated one is a filter too, and its span takes the minus.
        let text = "x -source:«РИА Новости» y";
        let q = ParsedQuery::parse(text);
        assert!(q.typed_filters[0].negated);
        assert_eq!(&text[q.typed_filters[0].span.clone()], "-source:«РИА Новости»");
        assert_eq!(q.typed_filters[0].remove_from(text), "x y");
        // One entry per filter clause, in the same order.
        let q = ParsedQuery::parse("tag:a x tag:\"b c\"");
        let filters = q
            .clauses
            .iter()
            .filter(|c| matches!(c, Clause::Filter(..) | Clause::NotFilter(..)))
            .count();
        assert_eq!(filters, q.typed_filters.len());
    }

    #[test]
    fn apostrophes_and_odd_input() {
        assert_eq!(
            p("O'Neil's \"don't stop\""),
            [w("oneil"), Clause::Phrase(vec!["dont".into(), "stop".into()])]
        );
        assert_eq!(
            p("\"unclosed phrase"),
            [Clause::Phrase(vec!["unclosed".into(), "phrase".into()])]
        );
        assert_eq!(p("- * \"\" -"), []);
        assert_eq!(p("100% & +x #tag"), [w("100"), w("x"), w("tag")]);
        assert!(ParsedQuery::parse("-only").is_empty());
        assert!(ParsedQuery::parse("").is_empty());
    }

    #[test]
    fn the_last_word_is_open_while_typing() {
        assert!(ParsedQuery::parse("учен").as_you_type());
        assert!(!ParsedQuery::parse("учен ").as_you_type());
        assert!(!ParsedQuery::parse("\"учен\"").as_you_type());
        assert!(!ParsedQuery::parse("учен*").as_you_type());
    }
}
