//! The search index as bytes: what `archive-bundle index` writes beside a bundle so the app
//! loads a ready index instead of building one.
//!
//! Format `ABIX` version 7, little-endian varints (LEB128, unsigned) throughout:
//!
//! ```text
//! "ABIX" u8:version=7
//! string:content_hash          the bundle's archive.content_hash the index was built from
//! varint:N                     articles (doc numbers 0..N, in bundle order)
//! varint:T                     terms, sorted
//! T × { front-coded term; varint:P; P × posting }
//!       posting = varint:doc delta (first: doc itself); u8:impact, 1 to 255 (the posting's
//!                 BM25F weight without the IDF, in 255ths: see `index::quantise_impact`)
//! varint:W                     folded words, sorted
//! W × { front-coded word; varint:term number }
//! ```
//!
//! A front-coded string is `varint:shared prefix bytes with the previous string;
//! varint:suffix length; suffix bytes` (UTF-8; a prefix never splits a character).
//! Decoding checks every length and number against what is left and what it indexes, so a
//! truncated or corrupted file gives an [`IndexError`], never a panic or a wrong index.

use super::index::{PostingTable, SearchIndex, StrTable};

/// The first bytes of an index file.
pub const MAGIC: &[u8; 4] = b"ABIX";
/// The format version this crate reads and writes. The version moves with the layout and with
/// the analyser's terms, since a file of other terms would miss words: version 2 gave *выборы*
/// its own term and dropped the possessive `'s` (`CSTO's` → `csto`); version 3 joins the cases
/// Snowball splits (*Лавров*/*Лаврова*, *Беларусь*/*Беларуси*, *Афганистан*/*Афганистане*);
/// version 4 indexes the dateline as body text; version 5 drops the elided articles of Catalan,
/// French and Italian (`l'Ajuntament` → `ajuntament`, [`super::analyze::ELIDED`]); version 6
/// stores each posting's impact instead of its field frequencies, and no token counts; version
/// 7 joins the cases of Russian nouns in `-ит`, `-ил`, `-ен` and `-ей` that Snowball splits
/// (*визит*/*визита*, *Сергей*/*Сергея*); version 8 (this one) keeps surnames in `-ев` apart
/// from the nouns Snowball stems them to (*Медведев* from *медведь*), and writes words that mix
/// Latin and Cyrillic look-alike letters in one script (`учeные` as `ученые`). Another version
/// is refused (the app then builds its own index).
pub const INDEX_VERSION: u8 = 8;

/// What every refusal of a file in another format version says after the version found (an
/// index, a chunk, a doc table: [`IndexError::Version`]; a sharded bundle's manifest): a reader
/// that meets it knows the file is well made but of another release of `archive-bundle`, so
/// fetching it again cannot help.
pub const UNSUPPORTED_VERSION: &str = "is not supported; this reader knows version";

/// Why index bytes could not be read (the search index, or a sharded bundle's doc table or
/// index chunk: the messages name no kind of file, as the caller names the file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    /// The bytes do not start with the file kind's magic (`ABIX` for the search index; the
    /// sharded form's binary files have their own, see `shard::files`).
    #[error("not an Archive Browser file of this kind (wrong header)")]
    Magic,
    /// A file of another format version than the one this reader knows.
    #[error("format version {found} is not supported; this reader knows version {known}")]
    Version {
        /// The version the file declares.
        found: u8,
        /// The version this reader reads.
        known: u8,
    },
    /// The bytes end early or hold an impossible value; `at` is the byte offset.
    #[error("damaged at byte {at}: {what}")]
    Corrupt {
        /// Byte offset of the fault.
        at: usize,
        /// What was wrong.
        what: &'static str,
    },
}

pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

pub(crate) fn put_front_coded(out: &mut Vec<u8>, prev: &str, s: &str) {
    let mut shared = prev.bytes().zip(s.bytes()).take_while(|(a, b)| a == b).count();
    while !s.is_char_boundary(shared) {
        shared -= 1;
    }
    put_varint(out, shared as u64);
    put_str(out, &s[shared..]);
}

/// A bounds-checked cursor over encoded bytes (shared with [`crate::shard`]'s formats).
pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn corrupt(&self, what: &'static str) -> IndexError {
        IndexError::Corrupt { at: self.at, what }
    }

    #[inline]
    pub(crate) fn byte(&mut self) -> Result<u8, IndexError> {
        match self.bytes.get(self.at) {
            Some(&b) => {
                self.at += 1;
                Ok(b)
            }
            None => Err(self.corrupt("unexpected end")),
        }
    }

    /// An unsigned LEB128 varint of at most 64 bits. A plain loop with a one-byte fast path:
    /// most doc gaps and counts are under 128, and at opt-level "z" an iterator here would be a
    /// call per byte.
    #[inline]
    pub(crate) fn varint(&mut self) -> Result<u64, IndexError> {
        let first = self.byte()?;
        if first & 0x80 == 0 {
            return Ok(u64::from(first));
        }
        let mut v = u64::from(first & 0x7f);
        let mut shift = 7;
        while shift < 64 {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
        }
        Err(self.corrupt("varint longer than 64 bits"))
    }

    /// A count of items that each take at least `min_bytes`, checked against what is left.
    pub(crate) fn count(&mut self, min_bytes: usize) -> Result<usize, IndexError> {
        let n = self.varint()?;
        let left = (self.bytes.len() - self.at) as u64;
        if n.saturating_mul(min_bytes as u64) > left {
            return Err(self.corrupt("count larger than the rest of the file"));
        }
        Ok(n as usize)
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], IndexError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| self.corrupt("unexpected end"))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    pub(crate) fn string(&mut self) -> Result<&'a str, IndexError> {
        let n = self.count(1)?;
        let raw = self.bytes(n)?;
        std::str::from_utf8(raw).map_err(|_| self.corrupt("string is not UTF-8"))
    }

    pub(crate) fn front_coded(&mut self, prev: &str) -> Result<String, IndexError> {
        let shared = self.varint()? as usize;
        if shared > prev.len() || !prev.is_char_boundary(shared) {
            return Err(self.corrupt("shared prefix longer than the previous string"));
        }
        let suffix = self.string()?;
        Ok(format!("{}{suffix}", &prev[..shared]))
    }

    /// The next doc number of a postings list: a gap from `doc` (the previous one; for the
    /// first posting, `first` is true and the gap is the doc itself), which must move forward
    /// and stay under `limit`.
    #[inline]
    pub(crate) fn doc_gap(&mut self, doc: u32, first: bool, limit: u32) -> Result<u32, IndexError> {
        let delta = self.u32("doc number too large")?;
        if !first && delta == 0 {
            return Err(self.corrupt("postings out of order"));
        }
        doc.checked_add(delta)
            .filter(|&d| d < limit)
            .ok_or_else(|| self.corrupt("doc number out of range"))
    }

    #[inline]
    pub(crate) fn u32(&mut self, what: &'static str) -> Result<u32, IndexError> {
        u32::try_from(self.varint()?).map_err(|_| self.corrupt(what))
    }
}

impl SearchIndex {
    /// Encodes the index (format above). `content_hash` ties it to the bundle it indexes.
    pub fn to_bytes(&self, content_hash: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.postings.total() * 3 + 1024);
        out.extend_from_slice(MAGIC);
        out.push(INDEX_VERSION);
        put_str(&mut out, content_hash);
        put_varint(&mut out, self.articles as u64);
        put_varint(&mut out, self.terms.len() as u64);
        let mut prev: &str = "";
        for (term, list) in self.terms.iter().zip(self.postings.lists()) {
            put_front_coded(&mut out, prev, term);
            prev = term;
            put_varint(&mut out, list.len() as u64);
            let mut last = 0u32;
            for (&doc, &impact) in list.docs.iter().zip(list.impacts) {
                put_varint(&mut out, u64::from(doc - last));
                last = doc;
                out.push(impact);
            }
        }
        put_varint(&mut out, self.words.len() as u64);
        let mut prev: &str = "";
        for (word, term) in self.words.iter().zip(&self.word_terms) {
            put_front_coded(&mut out, prev, word);
            prev = word;
            put_varint(&mut out, u64::from(*term));
        }
        out
    }

    /// Decodes an index written by [`SearchIndex::to_bytes`]; returns it with the content hash
    /// it was built for. Compare that, and [`SearchIndex::article_count`], with the bundle's
    /// before use.
    ///
    /// # Errors
    /// [`IndexError`] for another format or version, or bytes that are truncated or corrupt.
    pub fn from_bytes(bytes: &[u8]) -> Result<(Self, String), IndexError> {
        if bytes.get(..4) != Some(MAGIC.as_slice()) {
            return Err(IndexError::Magic);
        }
        let mut r = Reader { bytes, at: 4 };
        let version = r.byte()?;
        if version != INDEX_VERSION {
            return Err(IndexError::Version { found: version, known: INDEX_VERSION });
        }
        let hash = r.string()?.to_owned();
        let n = r.u32("too many articles")? as usize;
        let t = r.count(3)?;
        let mut terms = StrTable::with_capacity(t);
        let mut postings = PostingTable::with_capacity(t, 0);
        let mut prev = String::new();
        for _ in 0..t {
            let term = r.front_coded(&prev)?;
            if !terms.is_empty() && term <= prev {
                return Err(r.corrupt("terms out of order"));
            }
            let p = r.count(2)?;
            let mut doc = 0u32;
            let limit = u32::try_from(n).unwrap_or(u32::MAX);
            for i in 0..p {
                doc = r.doc_gap(doc, i == 0, limit)?;
                let impact = r.byte()?;
                if impact == 0 {
                    return Err(r.corrupt("impact 0"));
                }
                postings.push(doc, impact);
            }
            postings.end_list();
            terms.push(&term);
            prev = term;
        }
        let w = r.count(2)?;
        let mut words = StrTable::with_capacity(w);
        let mut word_terms = Vec::with_capacity(w);
        let mut prev = String::new();
        for _ in 0..w {
            let word = r.front_coded(&prev)?;
            if !words.is_empty() && word <= prev {
                return Err(r.corrupt("words out of order"));
            }
            let term = r.u32("term number too large")?;
            if term as usize >= terms.len() {
                return Err(r.corrupt("word points past the last term"));
            }
            words.push(&word);
            word_terms.push(term);
            prev = word;
        }
        if r.at != bytes.len() {
            return Err(r.corrupt("bytes after the end of the index"));
        }
        Ok((Self::from_parts(terms, postings, words, word_terms, n), hash))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Analyzer, Filters, ParsedQuery, Sort};
    use crate::{load_bundle, Archive};

    fn archive() -> Archive {
        let text = serde_json::json!({
            "format": "archive-browser-bundle", "version": 1,
            "archive": {"id": "t", "title": {"en": "T"}, "languages": ["en", "ru"], "default_language": "en"},
            "articles": [
                {"id": "a", "lang": "en", "title": "Joint exercises", "date": "2024-01-01",
                 "body": [{"type": "paragraph", "text": "Security exercises in Minsk."}]},
                {"id": "b", "lang": "ru", "title": "Учения ОДКБ", "lead": "Учениях участвуют войска.", "date": "2024-02-01"},
                {"id": "c", "lang": "en", "title": "Élan — naïve café", "date": "2023-01-01"},
            ],
        });
        Archive::new(load_bundle(&text.to_string()).unwrap().bundle)
    }

    #[test]
    fn round_trips_and_answers_the_same() {
        let a = archive();
        let analyzer = Analyzer::new();
        let index = SearchIndex::build(a.articles(), &analyzer);
        let bytes = index.to_bytes("sha256:x");
        let (back, hash) = SearchIndex::from_bytes(&bytes).unwrap();
        assert_eq!(hash, "sha256:x");
        assert_eq!(back.to_bytes("sha256:x"), bytes);
        for q in ["exercises", "учения", "cafe", "secu", "\"joint exercises\"", "e*"] {
            let q = ParsedQuery::parse(q);
            let run =
                |i: &SearchIndex| i.search(&a, &analyzer, &q, &Filters::default(), Sort::Relevance);
            assert_eq!(run(&back), run(&index));
        }
    }

    #[test]
    fn every_truncation_and_bad_header_is_an_error() {
        let a = archive();
        let bytes = SearchIndex::build(a.articles(), &Analyzer::new()).to_bytes("h");
        for cut in 0..bytes.len() {
            assert!(SearchIndex::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(SearchIndex::from_bytes(&longer), Err(IndexError::Corrupt { .. })));
        assert_eq!(SearchIndex::from_bytes(b"{\"format\"").unwrap_err(), IndexError::Magic);
        // The version before this one (its terms join *Медведев* to *медведь*).
        let mut v7 = bytes.clone();
        v7[4] = 7;
        let old = SearchIndex::from_bytes(&v7).unwrap_err();
        assert_eq!(old, IndexError::Version { found: 7, known: INDEX_VERSION });
        assert_eq!(
            old.to_string(),
            "format version 7 is not supported; this reader knows version 8"
        );
        assert!(old.to_string().contains(UNSUPPORTED_VERSION));
    }

    #[test]
    fn an_impact_of_0_is_refused() {
        // One term, "a", in article 0 of 1, with the impact given (none is written below 1).
        let bytes = |impact| {
            let mut postings = PostingTable::with_capacity(1, 1);
            postings.push(0, impact);
            postings.end_list();
            let mut terms = StrTable::with_capacity(1);
            terms.push("a");
            let mut words = StrTable::with_capacity(1);
            words.push("a");
            SearchIndex::from_parts(terms, postings, words, vec![0], 1).to_bytes("h")
        };
        assert!(SearchIndex::from_bytes(&bytes(1)).is_ok());
        let e = SearchIndex::from_bytes(&bytes(0)).unwrap_err();
        assert!(matches!(e, IndexError::Corrupt { what: "impact 0", .. }), "{e:?}");
    }

    #[test]
    fn flipped_bytes_never_panic() {
        let a = archive();
        let bytes = SearchIndex::build(a.articles(), &Analyzer::new()).to_bytes("h");
        for i in 5..bytes.len() {
            for flip in [0x01u8, 0x80, 0xff] {
                let mut b = bytes.clone();
                b[i] ^= flip;
                let _ = SearchIndex::from_bytes(&b);
            }
        }
    }
}
