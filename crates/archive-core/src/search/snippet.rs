//! Snippets: the passage of a text that best shows why it matched, with the matching words
//! marked. The result is a list of plain-text parts, each flagged as a hit or not, so a view
//! wraps hits in `<mark>` around *text nodes* and never builds HTML from article text. Parts are
//! cut at token boundaries found by [`tokenize`](super::analyze::tokenize), so Cyrillic,
//! combining marks and emoji are never split.

use std::ops::{ControlFlow, Range};

use rustc_hash::FxHashMap;

use super::analyze::{fixed_prefix, try_for_each_token_where, Analyzer};
use super::query::{Clause, ParsedQuery};

/// A piece of text, marked when it matched the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The text as written.
    pub text: String,
    /// Whether it is a matching word.
    pub hit: bool,
}

/// A passage with its hits marked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The passage, in order.
    pub parts: Vec<Part>,
    /// Whether text was cut before the passage (show "…").
    pub cut_before: bool,
    /// Whether text was cut after it.
    pub cut_after: bool,
}

/// What makes a token a hit: its term is a query word's term, or it starts with a prefix, or
/// it is part of an occurrence of a query phrase (the phrase's terms on consecutive tokens).
///
/// Terms are compared by number: `terms` holds each distinct term of the query's words and
/// phrases once. A token is stemmed only when it begins with one of their [`fixed_prefix`]es
/// (a term begins as its token begins: [`Analyzer::term`]), and each distinct word once per text.
/// A token that begins otherwise than every term and prefix is not even folded, so a long body
/// costs a walk over its characters and a stem per distinct candidate word.
struct Matcher {
    /// The distinct terms of the query's words and phrases.
    terms: Vec<String>,
    /// Which of `terms` are a word's (a hit wherever it stands).
    words: Vec<bool>,
    /// The first character of each term (a handful: searched in a line).
    firsts: Vec<char>,
    /// The byte length of each term's [`fixed_prefix`].
    fixed: Vec<usize>,
    prefixes: Vec<String>,
    /// Each phrase's terms, in order, as numbers in `terms`.
    phrases: Vec<Vec<usize>>,
}

impl Matcher {
    fn new(query: &ParsedQuery, analyzer: &Analyzer) -> Self {
        let mut m = Self {
            terms: Vec::new(),
            words: Vec::new(),
            firsts: Vec::new(),
            fixed: Vec::new(),
            prefixes: Vec::new(),
            phrases: Vec::new(),
        };
        let last_word = query.clauses.iter().rposition(|c| matches!(c, Clause::Word(_)));
        for (i, clause) in query.clauses.iter().enumerate() {
            match clause {
                Clause::Word(w) => {
                    let id = m.number(&analyzer.term(w));
                    m.words[id] = true;
                    if query.open_last_word && Some(i) == last_word {
                        m.prefixes.push(w.clone());
                    }
                }
                Clause::Phrase(words) => {
                    let phrase = words.iter().map(|w| m.number(&analyzer.term(w))).collect();
                    m.phrases.push(phrase);
                }
                Clause::Prefix(p) => m.prefixes.push(p.clone()),
                Clause::Not(_) | Clause::Filter(..) | Clause::NotFilter(..) => {}
            }
        }
        m
    }

    /// The number of `term` in `terms`, added when new.
    fn number(&mut self, term: &str) -> usize {
        if let Some(id) = self.terms.iter().position(|t| t == term) {
            return id;
        }
        self.terms.push(term.to_owned());
        self.fixed.push(fixed_prefix(term).len());
        self.words.push(false);
        if let Some(c) = term.chars().next().filter(|c| !self.firsts.contains(c)) {
            self.firsts.push(c);
        }
        self.terms.len() - 1
    }

    /// The tokens of `text` with what each matched, in one pass that folds into one reused
    /// buffer only the tokens that begin as a term or a prefix begins.
    fn scan(&self, text: &str, analyzer: &Analyzer) -> Scanned {
        // Each distinct candidate word's term number, looked up once.
        let mut seen: FxHashMap<String, Option<usize>> = FxHashMap::default();
        // Each distinct word a prefix matched, numbered after the terms.
        let mut prefixed: FxHashMap<String, usize> = FxHashMap::default();
        let (mut spans, mut ids, mut keys) = (Vec::new(), Vec::new(), Vec::new());
        let wanted = |c: char| {
            self.firsts.contains(&c)
                || self.prefixes.iter().any(|p| p.chars().next().is_none_or(|first| first == c))
        };
        let mut buf = String::new();
        let _ = try_for_each_token_where(text, wanted, &mut buf, |span, folded| {
            spans.push(span);
            let Some(folded) = folded else {
                ids.push(None);
                keys.push(None);
                return ControlFlow::<()>::Continue(());
            };
            let could_be_term = self
                .terms
                .iter()
                .zip(&self.fixed)
                .any(|(t, &n)| folded.as_bytes().starts_with(&t.as_bytes()[..n]));
            let id = if could_be_term {
                match seen.get(folded) {
                    Some(&id) => id,
                    None => {
                        let term = analyzer.term(folded);
                        let id = self.terms.iter().position(|t| *t == *term);
                        seen.insert(folded.to_owned(), id);
                        id
                    }
                }
            } else {
                None
            };
            let key = match id.filter(|&id| self.words[id]) {
                Some(id) => Some(id),
                None if self.prefixes.iter().any(|p| folded.starts_with(p.as_str())) => {
                    let next = self.terms.len() + prefixed.len();
                    Some(match prefixed.get(folded) {
                        Some(&n) => n,
                        None => {
                            prefixed.insert(folded.to_owned(), next);
                            next
                        }
                    })
                }
                None => None,
            };
            ids.push(id);
            keys.push(key);
            ControlFlow::Continue(())
        });
        let mut hits: Vec<Option<usize>> =
            keys.iter().enumerate().map(|(i, key)| key.map(|_| i)).collect();
        for phrase in self.phrases.iter().filter(|p| !p.is_empty()) {
            for start in 0..ids.len().saturating_sub(phrase.len() - 1) {
                let window = &ids[start..start + phrase.len()];
                if window.iter().zip(phrase).all(|(t, p)| *t == Some(*p)) {
                    for at in start..start + phrase.len() {
                        hits[at] = Some(start);
                        keys[at] = ids[at];
                    }
                }
            }
        }
        Scanned { spans, hits, keys }
    }
}

/// The tokens of a text as a snippet needs them: where each stands and what it matched.
struct Scanned {
    /// Each token's byte range in the text.
    spans: Vec<Range<usize>>,
    /// For each token, the hit it belongs to (`None`: no hit). The tokens of one occurrence of
    /// a phrase share a number, so they are marked as one; every other hit has its own.
    hits: Vec<Option<usize>>,
    /// For each token, what it matched, to count the distinct matches in a passage: its term's
    /// number, or (past the terms) a number per distinct word a prefix matched.
    keys: Vec<Option<usize>>,
}

/// Splits `text[range]` into parts, marking the hit tokens: the tokens of one hit (a phrase
/// occurrence) in one part, with the text between them.
fn mark(text: &str, scanned: &Scanned, start: usize, end: usize) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut at = start;
    let mut last_hit = None;
    for (span, &hit) in scanned.spans.iter().zip(&scanned.hits) {
        if span.start < start || span.end > end {
            continue;
        }
        let Some(hit) = hit else { continue };
        let gap = &text[at..span.start];
        match parts.last_mut() {
            // The next word of the same phrase occurrence: one mark.
            Some(last) if last.hit && last_hit == Some(hit) => {
                last.text.push_str(gap);
                last.text.push_str(&text[span.clone()]);
            }
            _ => {
                if !gap.is_empty() {
                    parts.push(Part { text: gap.to_owned(), hit: false });
                }
                parts.push(Part { text: text[span.clone()].to_owned(), hit: true });
            }
        }
        last_hit = Some(hit);
        at = span.end;
    }
    if at < end {
        parts.push(Part { text: text[at..end].to_owned(), hit: false });
    }
    parts
}

/// The whole of `text` (a title, say) with its hits marked.
pub fn highlight(text: &str, query: &ParsedQuery, analyzer: &Analyzer) -> Vec<Part> {
    let scanned = Matcher::new(query, analyzer).scan(text, analyzer);
    mark(text, &scanned, 0, text.len())
}

/// The window of at most `words` tokens of `text` with the most distinct matched terms (then
/// the most hits, then the earliest), extended to whole tokens, with hits marked. Without a hit
/// it is the start of the text.
pub fn snippet(text: &str, query: &ParsedQuery, analyzer: &Analyzer, words: usize) -> Snippet {
    let words = words.max(1);
    let scanned = Matcher::new(query, analyzer).scan(text, analyzer);
    let (spans, keys) = (&scanned.spans, &scanned.keys);
    if spans.is_empty() {
        return Snippet::default();
    }
    let mut best = (0usize, 0usize, 0usize); // (distinct, hits, start)
    let mut distinct: Vec<usize> = Vec::new();
    for start in (0..spans.len()).filter(|&i| keys[i].is_some()) {
        let end = (start + words).min(spans.len());
        distinct.clear();
        let mut n = 0;
        for key in keys[start..end].iter().flatten() {
            n += 1;
            if !distinct.contains(key) {
                distinct.push(*key);
            }
        }
        if (distinct.len(), n) > (best.0, best.1) {
            // Start a few words before the first hit for context.
            best = (distinct.len(), n, start.saturating_sub(words / 4));
        }
    }
    let first = best.2;
    let last = (first + words).min(spans.len()) - 1;
    let start = if first == 0 { 0 } else { spans[first].start };
    let end = if last + 1 == spans.len() { text.len() } else { spans[last].end };
    let mut parts = mark(text, &scanned, start, end);
    if let Some(p) = parts.first_mut().filter(|p| !p.hit) {
        p.text = p.text.trim_start().to_owned();
    }
    if let Some(p) = parts.last_mut().filter(|p| !p.hit) {
        p.text = p.text.trim_end().to_owned();
    }
    parts.retain(|p| !p.text.is_empty());
    Snippet { parts, cut_before: start > 0, cut_after: end < text.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(parts: &[Part]) -> String {
        parts.iter().map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() }).collect()
    }

    #[test]
    fn marks_inflected_hits_in_cyrillic_with_emoji() {
        let a = Analyzer::new();
        let q = ParsedQuery::parse("учения");
        assert_eq!(
            shown(&highlight("🎄 Об учениях ОДКБ: учение 🎄", &q, &a)),
            "🎄 Об [учениях] ОДКБ: [учение] 🎄"
        );
    }

    #[test]
    fn combining_marks_stay_with_their_letters() {
        let a = Analyzer::new();
        let q = ParsedQuery::parse("ecole");
        assert_eq!(shown(&highlight("une e\u{301}cole!", &q, &a)), "une [e\u{301}cole]!");
    }

    #[test]
    fn picks_the_window_with_most_distinct_terms() {
        let a = Analyzer::new();
        let text =
            "Security was discussed. Many unrelated words follow here and there for a while. \
                    Collective security treaty members met.";
        let s = snippet(text, &ParsedQuery::parse("collective security"), &a, 6);
        assert_eq!(shown(&s.parts), "while. [Collective] [security] treaty members met.");
        assert!(s.cut_before && !s.cut_after);
    }

    #[test]
    fn distinct_means_distinct_terms_not_spellings() {
        // "Oils oil" is one term twice; "Oil prices" is both of the query's terms.
        let a = Analyzer::new();
        let text = "Oils oil. Nothing about it here for a while. Oil prices rose.";
        let s = snippet(text, &ParsedQuery::parse("oil prices"), &a, 2);
        assert_eq!(shown(&s.parts), "[Oil] [prices]");
        assert!(s.cut_before && s.cut_after);
    }

    #[test]
    fn a_long_text_marks_every_inflection_in_its_passage() {
        // Each distinct word is stemmed once per text: the repeats are marked all the same.
        let a = Analyzer::new();
        let text = "Учения начались. Об учениях ОДКБ сообщили; учение завершено. ".repeat(200);
        let s = snippet(&text, &ParsedQuery::parse("учения"), &a, 8);
        assert_eq!(
            shown(&s.parts),
            "[Учения] начались. Об [учениях] ОДКБ сообщили; [учение] завершено"
        );
    }

    #[test]
    fn prefixes_and_the_open_last_word_are_marked() {
        let a = Analyzer::new();
        assert_eq!(
            shown(&highlight("Secretariat secures", &ParsedQuery::parse("secr*"), &a)),
            "[Secretariat] secures"
        );
        assert_eq!(
            shown(&highlight("Secretariat secures", &ParsedQuery::parse("secu"), &a)),
            "Secretariat [secures]"
        );
    }

    #[test]
    fn a_phrase_is_marked_where_it_occurs_as_one_mark() {
        let a = Analyzer::new();
        let text = "Joint exercises began; the exercises were joint, and more joint exercise.";
        let q = ParsedQuery::parse("\"joint exercises\"");
        assert_eq!(
            shown(&highlight(text, &q, &a)),
            "[Joint exercises] began; the exercises were joint, and more [joint exercise]."
        );
        // The words in the other order are no occurrence; a word beside the phrase still is.
        assert_eq!(shown(&highlight(text, &ParsedQuery::parse("\"exercises joint\""), &a)), text);
        assert_eq!(
            shown(&highlight(
                "Учения «Взаимодействие» начались",
                &ParsedQuery::parse("«учения взаимодействие» начались"),
                &a
            )),
            "[Учения «Взаимодействие]» [начались]"
        );
    }

    #[test]
    fn no_hit_gives_the_start() {
        let a = Analyzer::new();
        let s = snippet("one two three four", &ParsedQuery::parse("zzz"), &a, 2);
        assert_eq!(shown(&s.parts), "one two");
        assert!(!s.cut_before && s.cut_after);
    }
}
