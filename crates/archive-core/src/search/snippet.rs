//! Snippets: the passage of a text that best shows why it matched, with the matching words
//! marked. The result is a list of plain-text parts, each flagged as a hit or not, so a view
//! wraps hits in `<mark>` around *text nodes* and never builds HTML from article text. Parts are
//! cut at token boundaries found by [`tokenize`], so Cyrillic, combining marks and emoji are
//! never split.

use std::collections::HashSet;

use super::analyze::{tokenize, Analyzer, Token};
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

/// What makes a token a hit: its term is a query word's term, or it starts with a prefix.
struct Matcher {
    terms: HashSet<String>,
    prefixes: Vec<String>,
}

impl Matcher {
    fn new(query: &ParsedQuery, analyzer: &Analyzer) -> Self {
        let mut terms = HashSet::new();
        let mut prefixes = Vec::new();
        let last_word = query.clauses.iter().rposition(|c| matches!(c, Clause::Word(_)));
        for (i, clause) in query.clauses.iter().enumerate() {
            match clause {
                Clause::Word(w) => {
                    terms.insert(analyzer.term(w).into_owned());
                    if query.open_last_word && Some(i) == last_word {
                        prefixes.push(w.clone());
                    }
                }
                Clause::Phrase(words) => {
                    terms.extend(words.iter().map(|w| analyzer.term(w).into_owned()))
                }
                Clause::Prefix(p) => prefixes.push(p.clone()),
                Clause::Not(_) | Clause::Filter(..) | Clause::NotFilter(..) => {}
            }
        }
        Self { terms, prefixes }
    }

    fn is_hit(&self, token: &Token, analyzer: &Analyzer) -> bool {
        self.prefixes.iter().any(|p| token.folded.starts_with(p.as_str()))
            || self.terms.contains(analyzer.term(&token.folded).as_ref())
    }
}

/// Splits `text[range]` into parts, marking the hit tokens.
fn mark(text: &str, tokens: &[Token], hits: &[bool], start: usize, end: usize) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut push = |s: &str, hit: bool| {
        if s.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(last) if last.hit == hit && !hit => last.text.push_str(s),
            _ => parts.push(Part { text: s.to_owned(), hit }),
        }
    };
    let mut at = start;
    for (t, &hit) in tokens.iter().zip(hits) {
        if t.span.start < start || t.span.end > end {
            continue;
        }
        if hit {
            push(&text[at..t.span.start], false);
            push(&text[t.span.clone()], true);
            at = t.span.end;
        }
    }
    push(&text[at..end], false);
    parts
}

/// The whole of `text` (a title, say) with its hits marked.
pub fn highlight(text: &str, query: &ParsedQuery, analyzer: &Analyzer) -> Vec<Part> {
    let matcher = Matcher::new(query, analyzer);
    let tokens = tokenize(text);
    let hits: Vec<bool> = tokens.iter().map(|t| matcher.is_hit(t, analyzer)).collect();
    mark(text, &tokens, &hits, 0, text.len())
}

/// The window of at most `words` tokens of `text` with the most distinct matched terms (then
/// the most hits, then the earliest), extended to whole tokens, with hits marked. Without a hit
/// it is the start of the text.
pub fn snippet(text: &str, query: &ParsedQuery, analyzer: &Analyzer, words: usize) -> Snippet {
    let words = words.max(1);
    let matcher = Matcher::new(query, analyzer);
    let tokens = tokenize(text);
    if tokens.is_empty() {
        return Snippet::default();
    }
    let hits: Vec<bool> = tokens.iter().map(|t| matcher.is_hit(t, analyzer)).collect();
    let mut best = (0usize, 0usize, 0usize); // (distinct, hits, start)
    if hits.iter().any(|&h| h) {
        for start in (0..tokens.len()).filter(|&i| hits[i]) {
            let end = (start + words).min(tokens.len());
            let window = start..end;
            let distinct: HashSet<&str> =
                window.clone().filter(|&i| hits[i]).map(|i| tokens[i].folded.as_str()).collect();
            let n = window.filter(|&i| hits[i]).count();
            if (distinct.len(), n) > (best.0, best.1) {
                // Start a few words before the first hit for context.
                best = (distinct.len(), n, start.saturating_sub(words / 4));
            }
        }
    }
    let first = best.2;
    let last = (first + words).min(tokens.len()) - 1;
    let start = if first == 0 { 0 } else { tokens[first].span.start };
    let end = if last + 1 == tokens.len() { text.len() } else { tokens[last].span.end };
    let mut parts = mark(text, &tokens, &hits, start, end);
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
    fn no_hit_gives_the_start() {
        let a = Analyzer::new();
        let s = snippet("one two three four", &ParsedQuery::parse("zzz"), &a, 2);
        assert_eq!(shown(&s.parts), "one two");
        assert!(!s.cut_before && s.cut_after);
    }
}
