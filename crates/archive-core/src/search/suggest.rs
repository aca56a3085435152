//! "Did you mean": for a query word that no article has, the archive's word nearest to it; and
//! for a word few articles have, a spelling of it far more have ([`SearchIndex::commoner`]:
//! `Zelensky` in 13 of the Kremlin's and Ukraine's English releases, `Zelenskyy` in 721).
//!
//! The distance is the optimal string alignment distance (Damerau–Levenshtein restricted so no
//! substring is edited twice: Damerau 1964, "A technique for computer detection and correction
//! of spelling errors"; Boytsov 2011 names the variant), over characters of folded words: one
//! edit is a letter added, dropped, changed, or two neighbours swapped. A word of 4–7 letters
//! may be one edit away, a longer one two, a shorter one none (three-letter words have too many
//! neighbours to guess from). Among the nearest words the one in most articles wins, then the
//! one as long as the word typed, then the first met (in the single file, the first in
//! alphabetical order).

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
/// `word` within [`typo_budget`]: fewest edits, then most articles, then as many letters as
/// typed (a letter changed is likelier than one lost: `санкцыи` is `санкции`, not `санкци`, a
/// word of the same term), then first met. `None`
/// when none is near enough, or the word is too short to guess from.
pub(crate) fn nearest<'w>(
    word: &str,
    words: impl IntoIterator<Item = (&'w str, usize)>,
) -> Option<&'w str> {
    nearest_within(word, words, typo_budget(word.chars().count()))
}

/// Whether `other` may be a spelling of `word` (both folded) rather than another word: one is
/// the other with a letter added or dropped (`Zelensky`, `Zelenskyy`; `comission`), two
/// neighbours swapped (`buidling`), or an `s` for a `z` (`organisational`); not with one letter
/// changed for another, which mostly makes another word (`commuter`, `computer`; `starving`,
/// `starting`). Cheap: a test before the edit distance, which it does not replace.
fn a_spelling_of(word: &str, other: &str) -> bool {
    let (a, b) = (word.as_bytes(), other.as_bytes());
    if a.len() != b.len() {
        return true;
    }
    let Some(at) = a.iter().zip(b).position(|(x, y)| x != y) else { return false };
    let swapped =
        a.get(at + 1) == b.get(at) && a.get(at) == b.get(at + 1) && a[at + 2..] == b[at + 2..];
    let sz = matches!((a[at], b[at]), (b's', b'z') | (b'z', b's')) && a[at + 1..] == b[at + 1..];
    swapped || sz
}

/// For each plain word of `query` (once, and of [`COMMONER_LETTERS`] or more), the spelling
/// `spelling` gives it, as `(word, spelling)` pairs; words it gives none are left out.
pub(crate) fn commoner_words(
    query: &ParsedQuery,
    mut spelling: impl FnMut(&str) -> Option<String>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for clause in &query.clauses {
        let Clause::Word(word) = clause else { continue };
        if out.iter().any(|(w, _)| w == word) || word.chars().count() < COMMONER_LETTERS {
            continue;
        }
        if let Some(other) = spelling(word) {
            out.push((word.clone(), other));
        }
    }
    out
}

/// Among `words` of other terms than `word`'s (each with its term's article count), the
/// commoner spelling of `word`, whose term is in `df` articles (see
/// [`SearchIndex::commoner`]).
pub(crate) fn commoner_among<'w>(
    word: &str,
    df: usize,
    words: impl IntoIterator<Item = (&'w str, usize)>,
) -> Option<&'w str> {
    let least = (df * COMMONER_FACTOR).max(COMMONER_LEAST);
    let first = word.chars().next();
    let words = words
        .into_iter()
        .filter(|&(w, n)| n >= least && w.chars().next() == first && a_spelling_of(word, w));
    nearest_within(word, words, 1)
}

/// [`nearest`] within `max` edits.
fn nearest_within<'w>(
    word: &str,
    words: impl IntoIterator<Item = (&'w str, usize)>,
    max: usize,
) -> Option<&'w str> {
    let typed: Vec<char> = word.chars().collect();
    if max == 0 {
        return None;
    }
    // (Edits, articles, letters more or fewer than typed, the word.)
    let mut best: Option<(usize, usize, usize, &str)> = None;
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
        let off = chars.len().abs_diff(typed.len());
        let nearer = |(bd, bdf, boff, _): (usize, usize, usize, &str)| {
            (d, std::cmp::Reverse(df), off) < (bd, std::cmp::Reverse(bdf), boff)
        };
        if best.is_none_or(nearer) {
            best = Some((d, df, off, candidate));
        }
    }
    best.map(|(_, _, _, w)| w)
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

/// A spelling is offered for a word in `n` articles when it is in at least `COMMONER_FACTOR`
/// times as many…
pub const COMMONER_FACTOR: usize = 20;

/// …and in at least this many articles.
pub const COMMONER_LEAST: usize = 20;

/// The least letters a word must have to be offered a commoner spelling, one edit away: a
/// shorter word's neighbours are mostly other words (`голод` and `город`, *hunger* and *city*;
/// `Kant` and `want`), not its spellings. Tried on every word of 1TV 2022, Reuters-21578 and
/// the press releases that fewer than 20 articles have: with 5 letters and two edits for the
/// long ones, about half of the offers were other words (`analysed` → `analysts`); with 8
/// and one edit, what is left is mostly misspellings and variants (`acquisiton`,
/// `Zelensky`).
pub const COMMONER_LETTERS: usize = 8;

impl SearchIndex {
    /// Commoner spellings of the plain words of `query` (not phrases, prefixes or exclusions)
    /// that some articles have, as `(word, spelling)` pairs of folded words: for a word of
    /// [`COMMONER_LETTERS`] or more whose term is in `n` articles, the nearest word one edit
    /// away (ties broken as [`Self::suggest`] breaks them) that begins with the same letter,
    /// belongs to another term, and whose term is in at least `COMMONER_FACTOR · n` and
    /// [`COMMONER_LEAST`] articles. Words with none are left out. Scans every word of the
    /// archive once per word of the query: meant for a search that found few.
    pub fn commoner(&self, query: &ParsedQuery, analyzer: &Analyzer) -> Vec<(String, String)> {
        commoner_words(query, |word| {
            let own = self.term(&analyzer.term(word))?;
            let words = self.words.iter().enumerate().filter_map(move |(i, w)| {
                let term = self.word_terms[i] as usize;
                (term != own).then(|| (w, self.postings.list(term).len()))
            });
            commoner_among(word, self.postings.list(own).len(), words).map(str::to_owned)
        })
    }

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

/// The keys of the US QWERTY layout and, at the same place, the Russian ЙЦУКЕН layout (ГОСТ
/// 6431-90, as Windows, macOS and Linux ship it): what a word typed with the wrong layout
/// switched on reads as. Shift's second row too, but not `"` and `:` (Э and Ж), which the
/// query language reads as a phrase and a filter.
const LAYOUT_PAIRS: &[(char, char)] = &[
    ('q', 'й'),
    ('w', 'ц'),
    ('e', 'у'),
    ('r', 'к'),
    ('t', 'е'),
    ('y', 'н'),
    ('u', 'г'),
    ('i', 'ш'),
    ('o', 'щ'),
    ('p', 'з'),
    ('[', 'х'),
    (']', 'ъ'),
    ('a', 'ф'),
    ('s', 'ы'),
    ('d', 'в'),
    ('f', 'а'),
    ('g', 'п'),
    ('h', 'р'),
    ('j', 'о'),
    ('k', 'л'),
    ('l', 'д'),
    (';', 'ж'),
    ('\'', 'э'),
    ('z', 'я'),
    ('x', 'ч'),
    ('c', 'с'),
    ('v', 'м'),
    ('b', 'и'),
    ('n', 'т'),
    ('m', 'ь'),
    (',', 'б'),
    ('.', 'ю'),
    ('`', 'ё'),
    ('Q', 'Й'),
    ('W', 'Ц'),
    ('E', 'У'),
    ('R', 'К'),
    ('T', 'Е'),
    ('Y', 'Н'),
    ('U', 'Г'),
    ('I', 'Ш'),
    ('O', 'Щ'),
    ('P', 'З'),
    ('{', 'Х'),
    ('}', 'Ъ'),
    ('A', 'Ф'),
    ('S', 'Ы'),
    ('D', 'В'),
    ('F', 'А'),
    ('G', 'П'),
    ('H', 'Р'),
    ('J', 'О'),
    ('K', 'Л'),
    ('L', 'Д'),
    ('~', 'Ё'),
    ('Z', 'Я'),
    ('X', 'Ч'),
    ('C', 'С'),
    ('V', 'М'),
    ('B', 'И'),
    ('N', 'Т'),
    ('M', 'Ь'),
    ('<', 'Б'),
    ('>', 'Ю'),
];

/// Languages written in Cyrillic unless their tag names another script (CLDR's likely
/// scripts): an archive with one of them may be searched with the Latin layout left on.
const CYRILLIC_LANGUAGES: &[&str] = &[
    "ab", "av", "ba", "be", "bg", "ce", "cv", "kk", "kv", "ky", "mk", "mn", "os", "ru", "sah",
    "sr", "tg", "tt", "tyv", "udm", "uk",
];

/// Whether the BCP 47 tag `lang` is written in Cyrillic: a `Cyrl` script subtag, or a language
/// of [`CYRILLIC_LANGUAGES`] with no other script named (`sr-Latn` is Latin).
fn in_cyrillic(lang: &str) -> bool {
    let mut subtags = lang.split(['-', '_']);
    let primary = subtags.next().unwrap_or("").to_ascii_lowercase();
    let script = subtags.find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()));
    match script {
        Some(script) => script.eq_ignore_ascii_case("cyrl"),
        None => CYRILLIC_LANGUAGES.contains(&primary.as_str()),
    }
}

/// `text` retyped in the other keyboard layout (US QWERTY ↔ Russian ЙЦУКЕН, key for key, as
/// ГОСТ 6431-90 lays them out, Shift included but for `"` and `:`) for an archive in
/// `languages` (BCP 47 tags): `cfyrwbb` → `санкции`, `jlr,` → `одкб`, `ыгььше` → `summit`.
/// Latin turns Cyrillic when the text has no Cyrillic letter and a language is written in
/// Cyrillic; Cyrillic turns Latin when the text has no Latin letter and a language is not. A
/// piece with a `:` (a filter such as `source:TASS`) and every character without a pair
/// (digits, spaces, `-`, `*`, quotes) stay as they are. `None` when nothing would change, the
/// text mixes both scripts (then it was not typed with one wrong layout), or no language of
/// the archive is written in the other script.
pub fn layout_swapped(text: &str, languages: &[String]) -> Option<String> {
    let latin = text.chars().any(|c| c.is_ascii_alphabetic());
    let cyrillic = text.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'));
    let to_cyrillic = match (latin, cyrillic) {
        (true, false) => true,
        (false, true) => false,
        _ => return None,
    };
    if !languages.iter().any(|l| in_cyrillic(l) == to_cyrillic) {
        return None;
    }
    let swap = |c: char| {
        let pair = if to_cyrillic {
            LAYOUT_PAIRS.iter().find(|p| p.0 == c).map(|p| p.1)
        } else {
            LAYOUT_PAIRS.iter().find(|p| p.1 == c).map(|p| p.0)
        };
        pair.unwrap_or(c)
    };
    let mut out = String::with_capacity(text.len() * 2);
    for (i, piece) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if piece.contains(':') {
            out.push_str(piece);
        } else {
            out.extend(piece.chars().map(swap));
        }
    }
    (out != text).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str, max: usize) -> Option<usize> {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        edit_distance(&a, &b, max)
    }

    #[test]
    fn a_spelling_differs_by_a_letter_more_or_less_a_swap_or_s_for_z() {
        assert!(a_spelling_of("zelensky", "zelenskyy"));
        assert!(a_spelling_of("comission", "commission"));
        assert!(a_spelling_of("buidling", "building"));
        assert!(a_spelling_of("organisational", "organizational"));
        assert!(!a_spelling_of("commuter", "computer"), "a letter changed");
        assert!(!a_spelling_of("голод", "город"));
        assert!(!a_spelling_of("zelensky", "zelensky"), "the same word");
        assert!(!a_spelling_of("abcs", "abzt"), "s for z, and another change");
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
    fn the_nearest_word_has_most_articles_then_the_length_typed() {
        let words = [("санкци", 40), ("санкции", 40), ("санкциям", 40)];
        assert_eq!(nearest("санкцыи", words), Some("санкции"));
        assert_eq!(nearest("санкцыи", [("санкци", 41), ("санкции", 40)]), Some("санкци"));
        assert_eq!(nearest("санкцыи", [("санкцией", 90), ("санкции", 40)]), Some("санкции"));
        assert_eq!(nearest("абв", words), None, "too short to guess from");
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

    #[test]
    fn a_query_typed_in_the_wrong_layout_is_retyped_in_the_other() {
        let both = ["ru".to_owned(), "en-GB".to_owned()];
        let swapped = |t: &str| layout_swapped(t, &both);
        assert_eq!(swapped("cfyrwbb").as_deref(), Some("санкции"));
        assert_eq!(swapped("jlr,").as_deref(), Some("одкб"));
        assert_eq!(swapped("Ghtpbltyn hjccbb").as_deref(), Some("Президент россии"));
        assert_eq!(swapped("[jhjij 'nj `k").as_deref(), Some("хорошо это ёл"));
        assert_eq!(swapped("ыгььше").as_deref(), Some("summit"));
        assert_eq!(swapped("ЫГЬЬШЕ").as_deref(), Some("SUMMIT"));
        // Filters, exclusions, prefixes, phrases and digits keep their syntax.
        assert_eq!(
            swapped("source:TASS -ujkjd vj,bkbp* \"cfyrwbb\" 2024").as_deref(),
            Some("source:TASS -голов мобилиз* \"санкции\" 2024")
        );
        // Both scripts, or none: not a wrong layout.
        assert_eq!(swapped("путин putin"), None);
        assert_eq!(swapped("2024 -*"), None);
        assert_eq!(swapped(""), None);
        // Only towards a script the archive is written in.
        let ru = ["ru-RU".to_owned()];
        assert_eq!(layout_swapped("genby", &ru).as_deref(), Some("путин"));
        assert_eq!(layout_swapped("мобилизацыя", &ru), None);
        let en = ["en".to_owned(), "sr-Latn".to_owned()];
        assert_eq!(layout_swapped("ыгььше", &en).as_deref(), Some("summit"));
        assert_eq!(layout_swapped("genby", &en), None);
        assert_eq!(layout_swapped("genby", &["uz-Cyrl".to_owned()]).as_deref(), Some("путин"));
    }
}
