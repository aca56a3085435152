//! "Did you mean": for a query word that no article has, the archive's word nearest to it.
//!
//! The distance is the optimal string alignment distance (Damerau–Levenshtein restricted so no
//! substring is edited twice: Damerau 1964, "A technique for computer detection and correction
//! of spelling errors"; Boytsov 2011 names the variant), over characters of folded words: one
//! edit is a letter added, dropped, changed, or two neighbours swapped. A word of 4–7 letters
//! may be one edit away, a longer one two, a shorter one none (three-letter words have too many
//! neighbours to guess from). Among the nearest words the one in most articles wins, then the
//! first met (in the single file, the first in alphabetical order).

use std::ops::ControlFlow;

use super::analyze::{try_for_each_token, Analyzer};
use super::index::{for_each_piece, SearchIndex};
use super::query::{Clause, ParsedQuery};
use crate::archive::Archive;

/// The most edits a word of `letters` characters may be from a suggestion.
pub fn typo_budget(letters: usize) -> usize {
    match letters {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The optimal string alignment distance between `a` and `b` (see the module docs), or `None`
/// when it is over `max`. Costs O(|a| · |b|) time and O(|b|) memory for three rows.
pub fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let n = b.len();
    let mut before: Vec<usize> = vec![0; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut row: Vec<usize> = vec![0; n + 1];
    for i in 1..=a.len() {
        row[0] = i;
        let mut best = row[0];
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
            best = best.min(d);
        }
        if best > max {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    Some(prev[n]).filter(|&d| d <= max)
}

/// The word of `words` (each with the number of articles that have it) nearest to the folded
/// `word` within [`typo_budget`]: fewest edits, then most articles, then first met. `None`
/// when none is near enough, or the word is too short to guess from.
pub(crate) fn nearest<'w>(
    word: &str,
    words: impl IntoIterator<Item = (&'w str, usize)>,
) -> Option<&'w str> {
    let typed: Vec<char> = word.chars().collect();
    let max = typo_budget(typed.len());
    if max == 0 {
        return None;
    }
    let mut best: Option<(usize, usize, &str)> = None;
    let mut chars: Vec<char> = Vec::new();
    for (candidate, df) in words {
        // Bytes: a Cyrillic letter is two, so this only skips the hopeless.
        if candidate.len().abs_diff(word.len()) > 2 * max + 2 {
            continue;
        }
        chars.clear();
        chars.extend(candidate.chars());
        let limit = best.map_or(max, |b| b.0);
        let Some(d) = edit_distance(&typed, &chars, limit) else { continue };
        if best.is_none_or(|(bd, bdf, _)| d < bd || (d == bd && df > bdf)) {
            best = Some((d, df, candidate));
        }
    }
    best.map(|(_, _, w)| w)
}

/// The plain words of `query` (not phrases, prefixes or exclusions) whose term `known` says no
/// article has, once each.
pub(crate) fn unknown_words<'q>(
    query: &'q ParsedQuery,
    analyzer: &Analyzer,
    known: impl Fn(&str) -> bool,
) -> Vec<&'q str> {
    let mut out: Vec<&str> = Vec::new();
    for clause in &query.clauses {
        if let Clause::Word(word) = clause {
            if !out.contains(&word.as_str()) && !known(&analyzer.term(word)) {
                out.push(word);
            }
        }
    }
    out
}

impl SearchIndex {
    /// Corrections for the words of `query` that no article has, as `(word, suggestion)` pairs
    /// of folded words: for each plain word (not a phrase, prefix or exclusion) whose term is in
    /// no article, the archive's nearest word (see the module docs). Words with no near word
    /// are left out; an empty list means nothing to suggest. Scans every word of the archive
    /// once per unknown word: meant for a search that found nothing.
    pub fn suggest(&self, query: &ParsedQuery, analyzer: &Analyzer) -> Vec<(String, String)> {
        unknown_words(query, analyzer, |t| self.has_term(t))
            .into_iter()
            .filter_map(|word| {
                let words = self
                    .words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| (w, self.postings.list(self.word_terms[i] as usize).len()));
                nearest(word, words).map(|w| (word.to_owned(), w.to_owned()))
            })
            .collect()
    }
}

impl SearchIndex {
    /// How the articles write the folded word `folded`, lower-cased: `traducció` for
    /// `traduccio`, so that a suggestion reads as a word of the archive, not as a misspelling of
    /// its own. The first way met in the first articles of the word's term (at most
    /// [`Self::AS_WRITTEN_ARTICLES`], whose text `archive` holds: the archive this index was
    /// built from); `None` when the index has no such word or none of them writes it.
    pub fn as_written(&self, archive: &Archive, folded: &str) -> Option<String> {
        let at = self.words.partition_point(|w| w < folded);
        if at >= self.words.len() || self.words.get(at) != folded {
            return None;
        }
        let postings = self.postings.list(*self.word_terms.get(at)? as usize);
        postings.docs.iter().take(Self::AS_WRITTEN_ARTICLES).find_map(|&doc| {
            let article = archive.articles().get(doc as usize)?;
            let mut found = None;
            for_each_piece(article, |_, text| {
                if found.is_none() {
                    let _ = try_for_each_token(text, |span, word| {
                        if word == folded {
                            found = Some(text[span].to_lowercase());
                            ControlFlow::Break(())
                        } else {
                            ControlFlow::Continue(())
                        }
                    });
                }
            });
            found
        })
    }

    /// The most articles [`Self::as_written`] reads (a term's first articles may write another
    /// of its words: `traduccions` for `traducció`).
    pub const AS_WRITTEN_ARTICLES: usize = 16;
}

/// `text` with every word whose folded form is the first of a pair in `fixes` replaced by the
/// second, in the case the word was typed in (all capitals, a capital first, or as given);
/// the rest kept as typed: spaces, quotes, filters, other words.
pub fn corrected_query(text: &str, fixes: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    let _ = try_for_each_token(text, |span, folded| {
        if let Some((_, fix)) = fixes.iter().find(|(w, _)| w == folded) {
            out.push_str(&text[done..span.start]);
            out.push_str(&in_case_of(&text[span.clone()], fix));
            done = span.end;
        }
        ControlFlow::<()>::Continue(())
    });
    out.push_str(&text[done..]);
    out
}

/// `word` (lower case, as suggestions are) in the case of `typed`: all capitals when `typed` has
/// two letters or more and all are capitals (`NATO`, `ОДКБ`), a capital first when `typed`
/// begins with one (`Лукашенкоо` → `Лукашенко`), else as it is.
fn in_case_of(typed: &str, word: &str) -> String {
    let mut letters = typed.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.next().is_some_and(char::is_uppercase);
    let rest: Vec<char> = letters.collect();
    if first_upper && !rest.is_empty() && rest.iter().all(|c| c.is_uppercase()) {
        return word.to_uppercase();
    }
    if first_upper {
        let mut chars = word.chars();
        return chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect());
    }
    word.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str, max: usize) -> Option<usize> {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        edit_distance(&a, &b, max)
    }

    #[test]
    fn edits_count_as_one_each_and_a_swap_as_one() {
        assert_eq!(d("secretary", "secretary", 2), Some(0));
        assert_eq!(d("secretery", "secretary", 2), Some(1));
        assert_eq!(d("secertary", "secretary", 2), Some(1));
        assert_eq!(d("secrtary", "secretary", 2), Some(1));
        assert_eq!(d("афганистан", "афганистна", 2), Some(1));
        assert_eq!(d("сикретарь", "секретарь", 2), Some(1));
        assert_eq!(d("abc", "xyz", 2), None);
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("kitten", "sitting", 2), None);
        assert_eq!(d("", "ab", 2), Some(2));
    }

    #[test]
    fn the_corrected_query_keeps_everything_else_as_typed() {
        let fixes = [("secretery".to_owned(), "secretary".to_owned())];
        assert_eq!(
            corrected_query("Secretery  general source:TASS -x", &fixes),
            "Secretary  general source:TASS -x"
        );
        assert_eq!(corrected_query("nothing to fix", &fixes), "nothing to fix");
        // The corrected word keeps the case it was typed in.
        assert_eq!(corrected_query("secretery SECRETERY", &fixes), "secretary SECRETARY");
        let fixes = [("лукашенкоо".to_owned(), "лукашенко".to_owned())];
        assert_eq!(corrected_query("Лукашенкоо и Путин", &fixes), "Лукашенко и Путин");
        assert_eq!(corrected_query("«ЛУКАШЕНКОО»", &fixes), "«ЛУКАШЕНКО»");
    }
}
