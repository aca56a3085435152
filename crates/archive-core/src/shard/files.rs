//! The binary companion files of a sharded bundle: the doc table and the index chunks.
//!
//! Both are little-endian with unsigned LEB128 varints and front-coded strings, as
//! [`crate::search::store`] (ABIX) is, and decoding checks every length and number against what
//! is left, so a truncated or corrupted file is an [`IndexError`], never a panic.
//!
//! **Doc table** (`ABDT` version 1), one row per doc number (newest first):
//!
//! ```text
//! "ABDT" u8:version=1 varint:N
//! N × varint  section   (0 = none, else 1 + index into the manifest's values.section)
//! N × varint  language  (index into values.lang)
//! N × varint  source    (0 = none, else 1 + index into values.source)
//! N × varint  date      (first: yyyymmdd; then the previous row's yyyymmdd minus this one's;
//!                        undated rows come last and are stored as 0 = "the rest are undated")
//! ```
//!
//! **Index chunk** (`ABIC` version 6, the terms of the analyser as in `ABIX` version 7): a run
//! of the sorted term dictionary with its postings.
//!
//! ```text
//! "ABIC" u8:version=6 varint:N (articles in the archive)
//! varint:T
//! T × { front-coded term; varint:W; W × front-coded word (relative to the term);
//!       varint:P; P × { varint:doc delta (first: the doc); u8:impact } }
//! ```
//!
//! The words are the folded forms indexed under the term (for prefix queries). The impact is the
//! BM25F term-frequency part of the score, `tf / (k1 + tf)` with the weighted, length-normalised
//! `tf` of [`crate::search::index`], quantised to 1–255 (Anh & Moffat 2005, "Simplified
//! similarity scoring using term ranks", call this *impact* scoring): the reader multiplies it by
//! the IDF, which needs only the term's document frequency and the article count.

use crate::date::CivilDate;
use crate::search::store::{put_front_coded, put_varint, Reader};
use crate::search::IndexError;

/// The first bytes of a doc table.
pub const DOCS_MAGIC: &[u8; 4] = b"ABDT";
/// The first bytes of an index chunk.
pub const CHUNK_MAGIC: &[u8; 4] = b"ABIC";
/// The doc table format version this crate reads and writes.
pub const DOCS_VERSION: u8 = 1;
/// The index chunk format version this crate reads and writes. It moves with the analyser's
/// terms, as [`crate::search::store::INDEX_VERSION`] does: version 4 indexed the dateline;
/// version 5 drops the elided articles of Catalan, French and Italian (`l'Ajuntament` →
/// `ajuntament`), so a chunk of version 4 may hold `lajuntament`, which no query asks for now;
/// version 6 joins the Russian cases of `INDEX_VERSION` 7; version 7 (this one) has the terms
/// of `INDEX_VERSION` 8 (surnames in `-ев`, look-alike letters). (`INDEX_VERSION` 6 changed
/// only the single file's layout.)
pub const CHUNK_VERSION: u8 = 7;

/// One row of the doc table: what filters and facets need to know about an article without
/// loading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DocRow {
    /// 1 + the index of the article's section in the manifest's `values.section`; 0 = none.
    pub section: u32,
    /// The index of its language in `values.lang`.
    pub lang: u32,
    /// 1 + the index of its source in `values.source`; 0 = none.
    pub source: u32,
    /// Its date as `yyyymmdd` (e.g. 20240131); 0 when undated.
    pub date: u32,
}

impl DocRow {
    /// The date as a [`CivilDate`], when the row has a valid one.
    pub fn civil_date(&self) -> Option<CivilDate> {
        if self.date == 0 {
            return None;
        }
        let (y, m, d) = (self.date / 10_000, self.date / 100 % 100, self.date % 100);
        CivilDate::new(u16::try_from(y).ok()?, m as u8, d as u8).ok()
    }
}

/// Packs a date as `yyyymmdd`; 0 for none.
pub fn pack_date(date: Option<CivilDate>) -> u32 {
    date.map_or(0, |d| {
        u32::from(d.year()) * 10_000 + u32::from(d.month()) * 100 + u32::from(d.day())
    })
}

/// Encodes a doc table (format in the module docs). Rows must be newest first, undated last.
pub fn encode_docs(rows: &[DocRow]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rows.len() * 4 + 16);
    out.extend_from_slice(DOCS_MAGIC);
    out.push(DOCS_VERSION);
    put_varint(&mut out, rows.len() as u64);
    for r in rows {
        put_varint(&mut out, u64::from(r.section));
    }
    for r in rows {
        put_varint(&mut out, u64::from(r.lang));
    }
    for r in rows {
        put_varint(&mut out, u64::from(r.source));
    }
    let mut prev: Option<u32> = None;
    for r in rows {
        match prev {
            None => put_varint(&mut out, u64::from(r.date)),
            Some(_) if r.date == 0 => put_varint(&mut out, 0),
            Some(p) => put_varint(&mut out, u64::from(p.saturating_sub(r.date)) + 1),
        }
        prev = Some(r.date);
    }
    out
}

fn header<'a>(bytes: &'a [u8], magic: &[u8; 4], known: u8) -> Result<Reader<'a>, IndexError> {
    if bytes.get(..4) != Some(magic.as_slice()) {
        return Err(IndexError::Magic);
    }
    let mut r = Reader { bytes, at: 4 };
    let version = r.byte()?;
    if version != known {
        return Err(IndexError::Version { found: version, known });
    }
    Ok(r)
}

/// Decodes a doc table; `values` are the lengths of the manifest's section, language and source
/// lists, against which every row is checked.
///
/// # Errors
/// [`IndexError`] for a wrong header, a truncated or corrupt file, or a value out of range.
pub fn decode_docs(bytes: &[u8], values: [usize; 3]) -> Result<Vec<DocRow>, IndexError> {
    let mut decoder = DocsDecoder::new(bytes.to_vec(), values)?;
    while !decoder.step(usize::MAX)? {}
    Ok(decoder.finish())
}

/// A doc table being decoded a slice at a time, so that a million rows need not be one long
/// task: [`DocsDecoder::step`] decodes up to a number of values and says whether it is done.
#[derive(Debug)]
pub struct DocsDecoder {
    bytes: Vec<u8>,
    at: usize,
    rows: Vec<DocRow>,
    /// The column being read: 0 section, 1 language, 2 source, 3 date.
    column: usize,
    /// The next row of that column.
    row: usize,
    prev: Option<u32>,
    limits: [usize; 3],
}

impl DocsDecoder {
    /// Starts decoding `bytes`; `values` are the lengths of the manifest's section, language and
    /// source lists, against which every row is checked.
    ///
    /// # Errors
    /// [`IndexError`] for a wrong header or a row count larger than the bytes can hold.
    pub fn new(bytes: Vec<u8>, values: [usize; 3]) -> Result<Self, IndexError> {
        let mut at = header(&bytes, DOCS_MAGIC, DOCS_VERSION)?.at;
        let n = varint32(&bytes, &mut at)
            .ok_or(IndexError::Corrupt { at, what: "bad row count" })? as usize;
        if n.saturating_mul(4) > bytes.len() - at {
            return Err(IndexError::Corrupt { at, what: "count larger than the rest of the file" });
        }
        let limits = [values[0], values[1].saturating_sub(1), values[2]];
        Ok(Self {
            bytes,
            at,
            rows: vec![DocRow::default(); n],
            column: 0,
            row: 0,
            prev: None,
            limits,
        })
    }

    /// How many rows the table has.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Decodes up to `budget` more values (a row has four); `true` once the table is whole.
    ///
    /// # Errors
    /// [`IndexError`] for a truncated or corrupt table or a value out of range.
    pub fn step(&mut self, budget: usize) -> Result<bool, IndexError> {
        let whats = [
            "section number out of range",
            "language number out of range",
            "source number out of range",
        ];
        let corrupt = |at: usize, what: &'static str| IndexError::Corrupt { at, what };
        let mut left = budget;
        while self.column < 4 && left > 0 {
            let end = self.rows.len().min(self.row.saturating_add(left));
            let bytes = &self.bytes;
            let mut at = self.at;
            for row in &mut self.rows[self.row..end] {
                let x = varint32(bytes, &mut at).ok_or_else(|| corrupt(at, "bad varint"))?;
                match self.column {
                    0..=2 if x as usize > self.limits[self.column] => {
                        return Err(corrupt(at, whats[self.column]));
                    }
                    0 => row.section = x,
                    1 => row.lang = x,
                    2 => row.source = x,
                    _ => {
                        row.date = match self.prev {
                            None => x,
                            Some(0) if x != 0 => {
                                return Err(corrupt(at, "a dated row after the undated ones"));
                            }
                            Some(_) if x == 0 => 0,
                            Some(p) => p
                                .checked_sub(x - 1)
                                .filter(|&d| d > 0)
                                .ok_or_else(|| corrupt(at, "dates out of order"))?,
                        };
                        self.prev = Some(row.date);
                    }
                }
            }
            self.at = at;
            left -= end - self.row;
            self.row = end;
            if self.row == self.rows.len() {
                self.column += 1;
                self.row = 0;
            }
        }
        if self.column == 4 && self.at != self.bytes.len() {
            return Err(corrupt(self.at, "bytes after the end of the doc table"));
        }
        Ok(self.column == 4)
    }

    /// The rows, once [`DocsDecoder::step`] has said the table is whole.
    pub fn finish(self) -> Vec<DocRow> {
        self.rows
    }
}

/// An unsigned LEB128 varint of at most 32 bits at `*at`, which moves past it; `None` when the
/// bytes end first or the value does not fit.
#[inline(always)]
fn varint32(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v = 0u32;
    for shift in [0, 7, 14, 21, 28] {
        let b = *bytes.get(*at)?;
        *at += 1;
        if shift == 28 && b > 0x0f {
            return None;
        }
        v |= u32::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// One dictionary entry of an index chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkTerm {
    /// The term (a stem).
    pub term: Box<str>,
    /// The folded words indexed under it, sorted.
    pub words: Vec<Box<str>>,
    /// Doc numbers, ascending.
    pub docs: Vec<u32>,
    /// The impact of each posting (parallel to `docs`), 1–255.
    pub impacts: Vec<u8>,
}

/// A decoded index chunk: a sorted run of the dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chunk {
    /// The entries, sorted by term.
    pub terms: Vec<ChunkTerm>,
}

impl Chunk {
    /// The entry of `term`.
    pub fn term(&self, term: &str) -> Option<&ChunkTerm> {
        self.terms.binary_search_by(|t| (*t.term).cmp(term)).ok().map(|i| &self.terms[i])
    }

    /// Encodes the chunk for an archive of `articles` articles (format in the module docs).
    pub fn encode(&self, articles: u32) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(CHUNK_MAGIC);
        out.push(CHUNK_VERSION);
        put_varint(&mut out, u64::from(articles));
        put_varint(&mut out, self.terms.len() as u64);
        let mut prev: &str = "";
        for t in &self.terms {
            put_front_coded(&mut out, prev, &t.term);
            prev = &t.term;
            put_varint(&mut out, t.words.len() as u64);
            for w in &t.words {
                put_front_coded(&mut out, &t.term, w);
            }
            put_varint(&mut out, t.docs.len() as u64);
            let mut last = 0;
            for (&doc, &impact) in t.docs.iter().zip(&t.impacts) {
                put_varint(&mut out, u64::from(doc - last));
                last = doc;
                out.push(impact);
            }
        }
        out
    }

    /// Decodes a chunk; `articles` is the manifest's count, which doc numbers must stay under.
    ///
    /// # Errors
    /// [`IndexError`] for a wrong header, another article count, a truncated or corrupt file.
    pub fn decode(bytes: &[u8], articles: u32) -> Result<Self, IndexError> {
        let mut r = header(bytes, CHUNK_MAGIC, CHUNK_VERSION)?;
        if r.u32("article count too large")? != articles {
            return Err(r.corrupt("index chunk is for an archive of another size"));
        }
        let t = r.count(3)?;
        let mut terms: Vec<ChunkTerm> = Vec::with_capacity(t);
        let mut prev = String::new();
        for _ in 0..t {
            let term = r.front_coded(&prev)?;
            if !terms.is_empty() && term <= prev {
                return Err(r.corrupt("terms out of order"));
            }
            let w = r.count(2)?;
            let mut words = Vec::with_capacity(w);
            for _ in 0..w {
                words.push(r.front_coded(&term)?.into_boxed_str());
            }
            let p = r.count(2)?;
            let mut docs = Vec::with_capacity(p);
            let mut impacts = Vec::with_capacity(p);
            let mut doc = 0u32;
            for i in 0..p {
                doc = r.doc_gap(doc, i == 0, articles)?;
                docs.push(doc);
                impacts.push(r.byte()?);
            }
            prev.clone_from(&term);
            terms.push(ChunkTerm { term: term.into_boxed_str(), words, docs, impacts });
        }
        if r.at != bytes.len() {
            return Err(r.corrupt("bytes after the end of the chunk"));
        }
        Ok(Self { terms })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<DocRow> {
        vec![
            DocRow { section: 1, lang: 0, source: 0, date: 20_240_301 },
            DocRow { section: 0, lang: 1, source: 2, date: 20_240_301 },
            DocRow { section: 2, lang: 0, source: 1, date: 20_231_231 },
            DocRow { section: 2, lang: 0, source: 1, date: 0 },
        ]
    }

    #[test]
    fn doc_table_round_trips_and_rejects_damage() {
        let bytes = encode_docs(&rows());
        assert_eq!(decode_docs(&bytes, [2, 2, 2]).unwrap(), rows());
        assert_eq!(rows()[2].civil_date().unwrap().to_string(), "2023-12-31");
        assert!(rows()[3].civil_date().is_none());
        for cut in 0..bytes.len() {
            assert!(decode_docs(&bytes[..cut], [2, 2, 2]).is_err(), "cut at {cut}");
        }
        // A section number past the manifest's list is refused, not looked up.
        assert!(decode_docs(&bytes, [1, 2, 2]).is_err());
        // A step at a time, any budget: the same rows, and the same refusals.
        for budget in [1, 3, 5, 1000] {
            let mut d = DocsDecoder::new(bytes.clone(), [2, 2, 2]).unwrap();
            let mut steps = 0;
            while !d.step(budget).unwrap() {
                steps += 1;
            }
            assert_eq!(d.finish(), rows(), "budget {budget}");
            assert!(steps >= 16 / budget.min(16) - 1, "budget {budget}: {steps} steps");
        }
        let mut d = DocsDecoder::new(bytes[..bytes.len() - 1].to_vec(), [2, 2, 2]).unwrap();
        assert!((0..100).try_for_each(|_| d.step(2).map(|_| ())).is_err(), "a cut table");
    }

    #[test]
    fn chunk_round_trips_and_rejects_damage() {
        let chunk = Chunk {
            terms: vec![
                ChunkTerm {
                    term: "secur".into(),
                    words: vec!["secure".into(), "security".into()],
                    docs: vec![0, 5, 9],
                    impacts: vec![200, 3, 255],
                },
                ChunkTerm {
                    term: "учен".into(),
                    words: vec!["учения".into()],
                    docs: vec![2],
                    impacts: vec![90],
                },
            ],
        };
        let bytes = chunk.encode(10);
        assert_eq!(Chunk::decode(&bytes, 10).unwrap(), chunk);
        assert!(Chunk::decode(&bytes, 11).is_err(), "another archive's chunk");
        for cut in 0..bytes.len() {
            assert!(Chunk::decode(&bytes[..cut], 10).is_err(), "cut at {cut}");
        }
        for i in 5..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0xff;
            let _ = Chunk::decode(&b, 10); // never panics
        }
        assert_eq!(chunk.term("учен").unwrap().docs, [2]);
    }
}
