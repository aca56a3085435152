//! Reading record files as streams: JSON arrays, JSON Lines and CSV, each optionally gzipped,
//! in UTF-8 or (on request) Latin-1.
//!
//! Nothing is read into memory whole: a gzip stream is inflated as it is read (`flate2`), a JSON
//! array is walked element by element (a serde `SeqAccess` visitor over `serde_json`'s reader),
//! JSON Lines line by line, CSV row by row (`csv`). Each record reaches the caller as a JSON
//! object with the line it started on; a record that cannot be used is a [`BadRecord`] naming
//! the file, the line and what was expected.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use anyhow::{anyhow, Context, Result};
use serde::de::{DeserializeSeed, Error as _, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::{Map, Value};

/// The layout of a record file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One JSON array of objects.
    Json,
    /// One JSON object per line (JSON Lines, NDJSON).
    Jsonl,
    /// Comma-separated values with a header row (RFC 4180 quoting).
    Csv,
    /// An RSS 2.0, RSS 1.0 or Atom feed: one record per item or entry.
    Feed,
}

/// The character encoding of a record file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// UTF-8 (a leading byte-order mark is skipped). Invalid bytes are an error.
    Utf8,
    /// ISO-8859-1: every byte is the character of the same number. Never guessed.
    Latin1,
}

/// One record: a JSON object (CSV rows become objects of strings keyed by the header).
#[derive(Debug, Clone)]
pub struct Record {
    /// The 1-based line the record starts on (for a JSON array, the line where its element
    /// starts as near as the reader can tell: the line after the previous element).
    pub line: u64,
    /// The record's fields.
    pub fields: Map<String, Value>,
}

/// A record (or the rest of a file) that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct BadRecord {
    /// The file, as given on the command line.
    pub file: String,
    /// The 1-based line of the problem.
    pub line: u64,
    /// What was wrong and what was expected.
    pub what: String,
}

impl fmt::Display for BadRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.what)
    }
}

/// What was found out about a file while reading it.
#[derive(Debug, Clone, Serialize)]
pub struct FileInfo {
    /// The file, as given.
    pub file: String,
    /// Its layout.
    pub format: Format,
    /// Whether it was gzipped (by its magic bytes `1f 8b`).
    pub gzip: bool,
    /// The encoding it was read in.
    pub encoding: Encoding,
    /// Records read from it (good ones).
    pub records: u64,
    /// Records (or file remainders) that could not be read.
    pub bad: u64,
    /// For a feed: its kind, encoding, title, address and language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feed: Option<super::feed::FeedInfo>,
}

/// Counts the bytes read through it, for the progress bar.
pub struct Counting<R> {
    inner: R,
    on_read: Box<dyn FnMut(u64)>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        (self.on_read)(n as u64);
        Ok(n)
    }
}

/// Turns ISO-8859-1 bytes into UTF-8.
struct Latin1<R> {
    inner: R,
    pending: Vec<u8>,
    pos: usize,
}

impl<R: Read> Read for Latin1<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.pending.len() {
            let mut raw = [0u8; 8192];
            let n = self.inner.read(&mut raw)?;
            if n == 0 {
                return Ok(0);
            }
            self.pending.clear();
            self.pos = 0;
            for &b in &raw[..n] {
                let mut tmp = [0u8; 2];
                self.pending.extend_from_slice(char::from(b).encode_utf8(&mut tmp).as_bytes());
            }
        }
        let n = buf.len().min(self.pending.len() - self.pos);
        buf[..n].copy_from_slice(&self.pending[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Where the JSON reader is: lines passed, and the line of the first token after a mark.
#[derive(Default)]
struct LinePos {
    newlines: std::cell::Cell<u64>,
    /// Set to `None` before an element is read; the line of its first byte is stored here.
    start: std::cell::Cell<Option<u64>>,
}

/// Counts newlines passing through (serde_json's reader takes one byte at a time), so a JSON
/// array's elements can be given the line they start on.
struct LineCounting<R> {
    inner: R,
    pos: std::rc::Rc<LinePos>,
}

impl<R: Read> Read for LineCounting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            if b == b'\n' {
                self.pos.newlines.set(self.pos.newlines.get() + 1);
            } else if self.pos.start.get().is_none() && !b.is_ascii_whitespace() && b != b',' {
                self.pos.start.set(Some(self.pos.newlines.get() + 1));
            }
        }
        Ok(n)
    }
}

/// An error while decoding a gzip stream is bad input (exit code 1), not a failing disk: it is
/// turned into a plain message so it does not count as an I/O error.
pub(super) fn stream_error(file: &str, gzip: bool, line: u64, e: &io::Error) -> anyhow::Error {
    if gzip {
        anyhow!(
            "{file}:{line}: the gzip stream is truncated or corrupt ({e}); expected a complete \
             gzip file"
        )
    } else {
        anyhow::Error::new(io::Error::new(e.kind(), e.to_string()))
            .context(format!("{file}:{line}: cannot read"))
    }
}

/// `err`'s message without the `file:line: ` it starts with: a [`BadRecord`] is printed and
/// reported with its place already.
fn what_of(err: &anyhow::Error, file: &str, line: u64) -> String {
    let text = format!("{err:#}");
    text.strip_prefix(&format!("{file}:{line}: ")).map_or_else(|| text.clone(), str::to_owned)
}

/// Where a record goes, and whether bad ones stop the import.
pub struct Sink<'a> {
    /// Called for every good record.
    pub record: &'a mut dyn FnMut(Record),
    /// With `--keep-going` bad records are collected here and reading goes on; without it the
    /// first one is returned as the error.
    pub bad: Option<&'a mut Vec<BadRecord>>,
}

impl Sink<'_> {
    pub(super) fn bad(&mut self, info: &mut FileInfo, b: BadRecord) -> Result<()> {
        info.bad += 1;
        match &mut self.bad {
            Some(list) => {
                list.push(b);
                Ok(())
            }
            None => Err(anyhow!(
                "{b}; nothing was written (--keep-going skips bad records, lists them in the \
                 summary and the report, and writes the rest)"
            )),
        }
    }
}

fn file_format_from_name(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    match ext {
        "json" => Some(Format::Json),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "csv" | "tsv" => Some(Format::Csv),
        "rss" | "atom" | "xml" | "rdf" => Some(Format::Feed),
        _ => None,
    }
}

/// Reads one file, giving every record to `sink`. `on_bytes` is told how many raw (possibly
/// compressed) bytes were read, for a progress bar.
///
/// # Errors
/// The file cannot be opened (an `io::Error` in the chain: exit code 2); it is not what it
/// claims (a truncated gzip stream, not JSON, bad UTF-8, a ragged CSV row — named by file, line
/// and what was expected) and `sink.bad` is `None`.
pub fn read_file(
    path: &Path,
    forced: Option<Format>,
    encoding: Encoding,
    delimiter: Option<u8>,
    on_bytes: Box<dyn FnMut(u64)>,
    sink: &mut Sink<'_>,
) -> Result<FileInfo> {
    let name = path.display().to_string();
    let file = File::open(path).with_context(|| format!("cannot open `{name}`"))?;
    let mut raw = BufReader::new(Counting { inner: file, on_read: on_bytes });
    let magic = raw.fill_buf().with_context(|| format!("cannot read `{name}`"))?;
    let gzip = magic.starts_with(&[0x1f, 0x8b]);
    let inflated: Box<dyn Read> =
        if gzip { Box::new(flate2::bufread::MultiGzDecoder::new(raw)) } else { Box::new(raw) };
    let mut reader = BufReader::with_capacity(1 << 16, inflated);
    // Skip a byte-order mark, then look at the first byte that is not white space (the same
    // byte in Latin-1 and UTF-8: it is ASCII or it decides nothing).
    let mut bom = 0;
    let first = {
        let buf = reader.fill_buf().map_err(|e| stream_error(&name, gzip, 1, &e))?;
        if buf.starts_with(b"\xEF\xBB\xBF") {
            bom = 3;
        }
        reader.consume(bom);
        let buf = reader.fill_buf().map_err(|e| stream_error(&name, gzip, 1, &e))?;
        buf.iter().copied().find(|b| !b.is_ascii_whitespace())
    };
    let by_name = file_format_from_name(path);
    let format = match (forced, by_name, first) {
        (Some(f), _, _) => f,
        // A `.json` file of objects one per line is JSON Lines.
        (None, Some(Format::Json | Format::Jsonl), Some(b'[')) => Format::Json,
        (None, Some(Format::Json | Format::Jsonl), Some(b'{')) => Format::Jsonl,
        (None, Some(Format::Json | Format::Jsonl), Some(b)) => {
            return Err(anyhow!(
                "{name}:1: not JSON: the file starts with {:?}, expected `[` (a JSON array) or \
                 `{{` (JSON Lines)",
                char::from(b)
            ));
        }
        (None, Some(f), _) => f,
        (None, None, Some(b'[')) => Format::Json,
        (None, None, Some(b'{')) => Format::Jsonl,
        (None, None, Some(b'<')) => Format::Feed,
        (None, None, _) => Format::Csv,
    };
    // A feed names its own encoding in its XML declaration.
    let encoding = if format == Format::Feed { Encoding::Utf8 } else { encoding };
    let mut info =
        FileInfo { file: name.clone(), format, gzip, encoding, records: 0, bad: 0, feed: None };
    if first.is_none() {
        return Ok(info);
    }
    let mut reader: Box<dyn BufRead> = match encoding {
        Encoding::Utf8 => Box::new(reader),
        Encoding::Latin1 => Box::new(BufReader::with_capacity(
            1 << 16,
            Latin1 { inner: reader, pending: Vec::new(), pos: 0 },
        )),
    };
    match format {
        Format::Jsonl => read_jsonl(&mut reader, &mut info, sink)?,
        Format::Json => read_json_array(reader, &mut info, sink)?,
        Format::Csv => {
            let tsv = by_name == Some(Format::Csv) && name.to_lowercase().contains(".tsv");
            let delim = delimiter.unwrap_or(if tsv { b'\t' } else { b',' });
            read_csv(reader, delim, &mut info, sink)?;
        }
        Format::Feed => {
            if let Some(b) = first.filter(|&b| b != b'<') {
                return Err(anyhow!(
                    "{name}:1: not XML: the file starts with {:?}; expected an RSS or Atom feed \
                     (`<?xml …`, `<rss>` or `<feed>`)",
                    char::from(b)
                ));
            }
            super::feed::read_feed(reader, bom as u64, &mut info, sink)?;
        }
    }
    Ok(info)
}

/// Describes the first invalid UTF-8 byte of `bytes` for an error message.
fn utf8_problem(bytes: &[u8], e: &std::str::Utf8Error, line_offset: u64) -> String {
    let at = e.valid_up_to();
    let byte = bytes.get(at).copied().unwrap_or(0);
    let column = String::from_utf8_lossy(&bytes[..at]).chars().count() + 1;
    format!(
        "not UTF-8: invalid byte 0x{byte:02X} at column {column} (byte offset {} in the \
         file); expected UTF-8 text — if the file is Latin-1, pass --encoding latin1",
        line_offset + at as u64,
    )
}

fn read_jsonl(reader: &mut impl BufRead, info: &mut FileInfo, sink: &mut Sink<'_>) -> Result<()> {
    let mut line_no = 0u64;
    let mut offset = 0u64;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = match reader.read_until(b'\n', &mut buf) {
            Ok(n) => n,
            Err(e) => {
                let err = stream_error(&info.file, info.gzip, line_no + 1, &e);
                if sink.bad.is_some() {
                    let what = what_of(&err, &info.file, line_no + 1);
                    let b = BadRecord {
                        file: info.file.clone(),
                        line: line_no + 1,
                        what: format!("{what}; the rest of the file is lost"),
                    };
                    return sink.bad(info, b);
                }
                return Err(err);
            }
        };
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        let start = offset;
        offset += n as u64;
        let text = match std::str::from_utf8(&buf) {
            Ok(t) => t,
            Err(e) => {
                let what = utf8_problem(&buf, &e, start);
                sink.bad(info, BadRecord { file: info.file.clone(), line: line_no, what })?;
                continue;
            }
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(fields)) => {
                info.records += 1;
                (sink.record)(Record { line: line_no, fields });
            }
            Ok(other) => {
                let what = format!("expected a JSON object, found {}", kind_of(&other));
                sink.bad(info, BadRecord { file: info.file.clone(), line: line_no, what })?;
            }
            Err(e) => {
                let msg = e.to_string();
                let msg = msg.split(" at line ").next().unwrap_or(&msg);
                let what = format!(
                    "column {}: not a JSON object: {msg}; expected one JSON object per line",
                    e.column()
                );
                sink.bad(info, BadRecord { file: info.file.clone(), line: line_no, what })?;
            }
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Walks a JSON array element by element.
struct Elements<'a, 'b> {
    info: &'a mut FileInfo,
    sink: &'a mut Sink<'b>,
    pos: std::rc::Rc<LinePos>,
    stop: &'a mut Option<anyhow::Error>,
}

impl<'de> Visitor<'de> for Elements<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            self.pos.start.set(None);
            let Some(v) = seq.next_element::<Value>()? else { return Ok(()) };
            let line = self.pos.start.get().unwrap_or(self.pos.newlines.get() + 1);
            match v {
                Value::Object(fields) => {
                    self.info.records += 1;
                    (self.sink.record)(Record { line, fields });
                }
                other => {
                    let b = BadRecord {
                        file: self.info.file.clone(),
                        line,
                        what: format!(
                            "element {} is {}, expected a JSON object",
                            self.info.records + self.info.bad + 1,
                            kind_of(&other)
                        ),
                    };
                    if let Err(e) = self.sink.bad(self.info, b) {
                        *self.stop = Some(e);
                        return Err(A::Error::custom("stopped"));
                    }
                }
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for Elements<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

fn read_json_array(reader: impl Read, info: &mut FileInfo, sink: &mut Sink<'_>) -> Result<()> {
    let pos = std::rc::Rc::new(LinePos::default());
    // `[` is read before the first element's mark.
    pos.start.set(Some(1));
    let counted = LineCounting { inner: reader, pos: pos.clone() };
    let mut de = serde_json::Deserializer::from_reader(counted);
    let mut stop = None;
    let result = Elements { info, sink, pos, stop: &mut stop }.deserialize(&mut de);
    let result = result.and_then(|()| de.end());
    if let Some(e) = stop {
        return Err(e);
    }
    match result {
        Ok(()) => Ok(()),
        Err(e) => {
            let what = if e.is_io() {
                format!("the stream is truncated or corrupt ({e}); the rest of the file is lost")
            } else {
                let msg = e.to_string();
                let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
                format!(
                    "column {}: not JSON: {msg}; expected a JSON array of objects; the rest of \
                     the file is lost",
                    e.column()
                )
            };
            let line = e.line().max(1) as u64;
            sink.bad(info, BadRecord { file: info.file.clone(), line, what })
        }
    }
}

fn read_csv(
    reader: impl Read,
    delimiter: u8,
    info: &mut FileInfo,
    sink: &mut Sink<'_>,
) -> Result<()> {
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(reader);
    let headers = match csv.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(csv_error(info, &e, 1)),
    };
    let mut names = Vec::with_capacity(headers.len());
    for (i, h) in headers.iter().enumerate() {
        match std::str::from_utf8(h) {
            Ok(s) => names.push(s.trim_start_matches('\u{feff}').trim().to_owned()),
            Err(e) => {
                return Err(anyhow!(
                    "{}:1: header field {}: {}",
                    info.file,
                    i + 1,
                    utf8_problem(h, &e, 0)
                ))
            }
        }
    }
    let mut row = csv::ByteRecord::new();
    loop {
        let line = csv.position().line();
        match csv.read_byte_record(&mut row) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(e) => {
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                let err = csv_error(info, &e, line);
                let what = what_of(&err, &info.file, line);
                if fatal {
                    if sink.bad.is_some() {
                        let b = BadRecord {
                            file: info.file.clone(),
                            line,
                            what: format!("{what}; the rest of the file is lost"),
                        };
                        return sink.bad(info, b);
                    }
                    return Err(err);
                }
                sink.bad(info, BadRecord { file: info.file.clone(), line, what })?;
                continue;
            }
        }
        let line = row.position().map_or(line, csv::Position::line);
        if row.len() != names.len() {
            let mut what = format!(
                "row has {} fields, expected {} as in the header row",
                row.len(),
                names.len()
            );
            // A quote left open takes the lines after it into its field, up to the next quote
            // or the end: say which lines went with the row, so none is lost unsaid.
            let last = csv.position().line().saturating_sub(1).max(line);
            if last > line && row.iter().any(|f| f.contains(&b'\n')) {
                let lost = if last == line + 1 {
                    format!("line {last} is")
                } else {
                    format!("lines {}–{last} are", line + 1)
                };
                what.push_str(&format!(
                    "; a quoted field runs from line {line} to line {last} (a quote left open \
                     takes the lines after it into its field), so {lost} left out with this row"
                ));
            }
            sink.bad(info, BadRecord { file: info.file.clone(), line, what })?;
            continue;
        }
        let mut fields = Map::new();
        let mut bad = None;
        for (name, value) in names.iter().zip(row.iter()) {
            match std::str::from_utf8(value) {
                Ok(s) => {
                    fields.insert(name.clone(), Value::String(s.to_owned()));
                }
                Err(e) => {
                    let off = row.position().map_or(0, csv::Position::byte);
                    bad = Some(format!("field `{name}`: {}", utf8_problem(value, &e, off)));
                    break;
                }
            }
        }
        match bad {
            Some(what) => sink.bad(info, BadRecord { file: info.file.clone(), line, what })?,
            None => {
                info.records += 1;
                (sink.record)(Record { line, fields });
            }
        }
    }
}

fn csv_error(info: &FileInfo, e: &csv::Error, line: u64) -> anyhow::Error {
    match e.kind() {
        csv::ErrorKind::Io(io) => stream_error(&info.file, info.gzip, line, io),
        _ => anyhow!("{}:{line}: not CSV: {e}", info.file),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(
        bytes: &[u8],
        name: &str,
        enc: Encoding,
        keep: bool,
    ) -> (Result<FileInfo>, Vec<Record>, Vec<BadRecord>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut records = Vec::new();
        let mut bad = Vec::new();
        let mut push = |r: Record| records.push(r);
        let result = {
            let mut sink =
                Sink { record: &mut push, bad: if keep { Some(&mut bad) } else { None } };
            read_file(&path, None, enc, None, Box::new(|_| {}), &mut sink)
        };
        (result, records, bad)
    }

    #[test]
    fn json_array_elements_stream_with_their_lines() {
        let (info, recs, _) =
            read(b"[\n{\"a\": 1},\n{\"a\": 2}\n]\n", "x.json", Encoding::Utf8, false);
        assert_eq!(info.unwrap().records, 2);
        assert_eq!(recs.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 3]);
    }

    #[test]
    fn jsonl_bad_lines_are_listed_with_keep_going() {
        let (info, recs, bad) = read(
            b"{\"a\":1}\nnot json\n[1]\n{\"a\":\xE9}\n{\"a\":2}\n",
            "x.jsonl",
            Encoding::Utf8,
            true,
        );
        assert_eq!(info.unwrap().bad, 3);
        assert_eq!(recs.len(), 2);
        assert_eq!(bad.iter().map(|b| b.line).collect::<Vec<_>>(), vec![2, 3, 4]);
        assert!(bad[2].what.contains("0xE9"), "{}", bad[2].what);
        assert!(bad[2].what.contains("byte offset 26"), "{}", bad[2].what);
    }

    #[test]
    fn latin1_is_decoded_only_when_asked() {
        let bytes = b"{\"t\":\"caf\xE9\"}\n";
        let (r, ..) = read(bytes, "l.jsonl", Encoding::Utf8, false);
        assert!(r.unwrap_err().to_string().contains("l.jsonl:1: not UTF-8"));
        let (_, recs, _) = read(bytes, "l.jsonl", Encoding::Latin1, false);
        assert_eq!(recs[0].fields["t"], "café");
    }

    #[test]
    fn ragged_csv_rows_name_line_and_expected_width() {
        let (r, ..) = read(b"a,b,c\n1,2,3\n4,5\n", "r.csv", Encoding::Utf8, false);
        let msg = r.unwrap_err().to_string();
        assert!(msg.contains("r.csv:3: row has 2 fields, expected 3"), "{msg}");
    }

    #[test]
    fn truncated_gzip_is_reported_not_panicked() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        for i in 0..2000 {
            writeln!(gz, "{{\"id\": \"{i}\", \"title\": \"t{i}\"}}").unwrap();
        }
        let bytes = gz.finish().unwrap();
        let cut = &bytes[..bytes.len() / 2];
        let (r, ..) = read(cut, "t.jsonl.gz", Encoding::Utf8, false);
        let msg = format!("{:#}", r.unwrap_err());
        assert!(msg.contains("gzip stream is truncated"), "{msg}");
        let (r, recs, bad) = read(cut, "t.jsonl.gz", Encoding::Utf8, true);
        assert!(r.is_ok());
        assert!(!recs.is_empty());
        assert_eq!(bad.len(), 1);
    }

    #[test]
    fn a_json_file_that_is_not_json_is_named() {
        let (r, ..) = read(b"<html></html>", "n.json", Encoding::Utf8, false);
        let msg = r.unwrap_err().to_string();
        assert!(msg.contains("n.json:1: not JSON"), "{msg}");
    }
}
