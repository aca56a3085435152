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

/// What makes a token a hit: its term is a query word's term, or it starts with a prefix, or
/// it is part of an occurrence of a query phrase (the phrase's terms on consecutive tokens).
struct Matcher {
    terms: HashSet<String>,
    prefixes: Vec<String>,
    /// Each phrase's terms, in order.
    phrases: Vec<Vec<String>>,
}

impl Matcher {
    fn new(query: &ParsedQuery, analyzer: &Analyzer) -> Self {
        let mut terms = HashSet::new();
        let mut prefixes = Vec::new();
        let mut phrases = Vec::new();
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
                    phrases.push(words.iter().map(|w| analyzer.term(w).into_owned()).collect());
                }
                Clause::Prefix(p) => prefixes.push(p.clone()),
                Clause::Not(_) | Clause::Filter(..) | Clause::NotFilter(..) => {}
            }
        }
        Self { terms, prefixes, phrases }
    }

    /// For each token, the hit it belongs to (`None`: no hit). The tokens of one occurrence of
    /// a phrase share a number, so they are marked as one; every other hit has its own.
    fn hits(&self, tokens: &[Token], analyzer: &Analyzer) -> Vec<Option<usize>> {
        let terms: Vec<_> = tokens.iter().map(|t| analyzer.term(&t.folded)).collect();
        let mut hits: Vec<Option<usize>> = tokens
            .iter()
            .zip(&terms)
            .enumerate()
            .map(|(i, (t, term))| {
                let hit = self.prefixes.iter().any(|p| t.folded.starts_with(p.as_str()))
                    || self.terms.contains(term.as_ref());
                hit.then_some(i)
            })
            .collect();
        for phrase in self.phrases.iter().filter(|p| !p.is_empty()) {
            for start in 0..terms.len().saturating_sub(phrase.len() - 1) {
                let window = &terms[start..start + phrase.len()];
                if window.iter().zip(phrase).all(|(t, p)| t.as_ref() == p.as_str()) {
                    for hit in &mut hits[start..start + phrase.len()] {
                        *hit = Some(start);
                    }
                }
            }
        }
        hits
    }
}

/// Splits `text[range]` into parts, marking the hit tokens: the tokens of one hit (a phrase
/// occurrence) in one part, with the text between them.
fn mark(
    text: &str,
    tokens: &[Token],
    hits: &[Option<usize>],
    start: usize,
    end: usize,
) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut at = start;
    let mut last_hit = None;
    for (t, &hit) in tokens.iter().zip(hits) {
        if t.span.start < start || t.span.end > end {
            continue;
        }
        let Some(hit) = hit else { continue };
        let gap = &text[at..t.span.start];
        match parts.last_mut() {
            // The next word of the same phrase occurrence: one mark.
            Some(last) if last.hit && last_hit == Some(hit) => {
                last.text.push_str(gap);
                last.text.push_str(&text[t.span.clone()]);
            }
            _ => {
                if !gap.is_empty() {
                    parts.push(Part { text: gap.to_owned(), hit: false });
                }
                parts.push(Part { text: text[t.span.clone()].to_owned(), hit: true });
            }
        }
        last_hit = Some(hit);
        at = t.span.end;
    }
    if at < end {
        parts.push(Part { text: text[at..end].to_owned(), hit: false });
    }
    parts
}

/// The whole of `text` (a title, say) with its hits marked.
pub fn highlight(text: &str, query: &ParsedQuery, analyzer: &Analyzer) -> Vec<Part> {
    let matcher = Matcher::new(query, analyzer);
    let tokens = tokenize(text);
    let hits = matcher.hits(&tokens, analyzer);
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
    let marks = matcher.hits(&tokens, analyzer);
    let hits: Vec<bool> = marks.iter().map(Option::is_some).collect();
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
    let mut parts = mark(text, &tokens, &marks, start, end);
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
