//! Publication dates as sources print them, read into the bundle's civil date, clock time and
//! UTC offset — never converted between zones, never guessed.
//!
//! Recognised (each at the start of the text, case-insensitive month names):
//!
//! | shape | example | kind |
//! |---|---|---|
//! | ISO 8601 / RFC 3339 | `2022-06-24T17:30:00Z`, `2020-12-02T00:30+03:00`, `2021-10-24` | `iso` |
//! | ISO with a space | `2002-02-13 00:00:00` | `iso` |
//! | dotted | `02.12.2020`, `02.12.2020 10:15` | `dotted` |
//! | Reuters | `26-FEB-1987 15:01:01.79` | `reuters` |
//! | Russian | `8 мая 2025 года`, `8 мая 2025 г., 10:10` | `russian` |
//! | English | `8 May 2025`, `May 8, 2025`, `April 1, 2025, 19:00` | `english` |
//! | RFC 822 / 2822 (RSS `pubDate`) | `Tue, 24 Jun 2025 01:30:00 +0300`, `24 Jun 25 17:30 GMT` | `rfc822` |
//! | month and day only | `July 17`, `July17`, `26 июля` | needs a year from context |
//!
//! RFC 822 dates keep the printed clock and offset: `+0300` → `+03:00`; `GMT`, `UT`, `UTC`, `Z`
//! → `Z`; the US zones `EST` … `PDT` by RFC 822's table; `-0000` (RFC 2822: "no offset known")
//! and any other zone name give no offset (the name is left over and reported). The weekday is
//! not checked; a two-digit year is read as RFC 2822 says (00–49 → 20xx, 50–99 → 19xx).
//!
//! Reuters times may end in a one- to three-letter wire code (`00:02:59.13RM`), which is dropped.
//! Text glued to the date (`18.04.2024Held in Moscow`) is left over and reported by the caller.
//! Fractions of a second are dropped (the bundle's clock time has none). A time that is not a
//! valid clock time (Reuters' `605:12:19.12`) is dropped and the date kept: the day is printed
//! unambiguously, only the time is garbled.

use std::sync::LazyLock;

use archive_core::{CivilDate, ClockTime, UtcOffset};
use regex::Regex;

/// A publication date as read: the civil date, and the clock and offset when printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// The civil date printed.
    pub date: CivilDate,
    /// The wall-clock time printed, if any.
    pub time: Option<ClockTime>,
    /// The UTC offset printed with the time (`Z`, `+03:00`), if any.
    pub offset: Option<UtcOffset>,
}

/// What [`parse_date`] made of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateRead {
    /// A full date. `kind` names the shape (`iso`, `dotted`, `reuters`, `russian`, `english`);
    /// `rest` is the text after the date (empty when the whole text was the date); `time_dropped`
    /// holds a printed time that was not a valid clock time.
    Full {
        /// The date, time and offset.
        published: Published,
        /// Which shape matched.
        kind: &'static str,
        /// Byte length of the date's text at the start of the input.
        len: usize,
        /// A garbled time that was dropped, as printed.
        time_dropped: Option<String>,
    },
    /// Month and day without a year (`July 17`, `26 июля`).
    MonthDay {
        /// Month 1–12.
        month: u8,
        /// Day 1–31.
        day: u8,
        /// Byte length of the text read.
        len: usize,
    },
    /// The text has the shape of a date but names a day that does not exist (`31.02.2020`).
    Impossible(String),
    /// No date at the start of the text.
    None,
}

const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Russian month names in the genitive ("8 мая") and nominative ("май 2025").
const MONTHS_RU: [(&str, &str); 12] = [
    ("января", "январь"),
    ("февраля", "февраль"),
    ("марта", "март"),
    ("апреля", "апрель"),
    ("мая", "май"),
    ("июня", "июнь"),
    ("июля", "июль"),
    ("августа", "август"),
    ("сентября", "сентябрь"),
    ("октября", "октябрь"),
    ("ноября", "ноябрь"),
    ("декабря", "декабрь"),
];

/// The month number of an English (full or three-letter, optional dot) or Russian month name.
pub fn month_number(name: &str) -> Option<u8> {
    let n = name.trim_end_matches('.').to_lowercase();
    let pos = MONTHS_EN
        .iter()
        .position(|m| *m == n || (n.len() >= 3 && m.starts_with(&n) && n.len() <= 4))
        .or_else(|| MONTHS_RU.iter().position(|(g, nom)| *g == n || *nom == n))
        .or_else(|| {
            // Russian abbreviations: "янв", "авг", "сент".
            let len = n.chars().count();
            ((3..=4).contains(&len))
                .then(|| MONTHS_RU.iter().position(|(g, _)| g.starts_with(&n)))?
        })?;
    u8::try_from(pos + 1).ok()
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s?([Zz]|[+-]\d{2}:?\d{2})?)?",
    )
    .expect("valid regex")
});
static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\b)?")
        .expect("valid regex")
});
static REUTERS: LazyLock<Regex> = LazyLock::new(|| {
    // The whole field: a time, then wire codes (`02:17:09.88T C`), which are dropped.
    Regex::new(r"^(\d{1,2})-([A-Za-z]{3})-(\d{4})(?:\s+(\S+?))?(?:[A-Z]{1,3})?(?:\s+[A-Z]{1,3}){0,4}\s*$|^(\d{1,2})-([A-Za-z]{3})-(\d{4})(?:\s+(\S+))?")
        .expect("valid regex")
});
static REUTERS_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$").expect("valid regex"));
static RFC822: LazyLock<Regex> = LazyLock::new(|| {
    // An optional weekday, day, month, year, and a time with an optional zone. Without a
    // weekday or a time this is an ordinary English date, left to DAY_MONTH_YEAR.
    Regex::new(
        r"(?i)^((?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?(?:,\s*|\s+)|(?:пн|вт|ср|чт|пт|сб|вс),?\s+)?(\d{1,2})\s+([a-zа-яё]{3,9}\.?)\s+(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{2}:?\d{2}|gmt|utc|ut|z|[ecmp][sd]t)\b)?)?",
    )
    .expect("valid regex")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(\d{1,2})\s*([a-zа-яё]{3,9}\.?)\s+(\d{4})(?:\s*(?:года|г\.)(?:\s|$|,))?(?:,?\s*(?:в\s+)?(\d{1,2}):(\d{2})\b)?",
    )
    .expect("valid regex")
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([a-z]{3,9}\.?)\s*(\d{1,2}),?\s+(\d{4})\b(?:,?\s*(\d{1,2}):(\d{2})\b)?")
        .expect("valid regex")
});
static MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^([a-z]{3,9}\.?)\s*(\d{1,2})\b").expect("valid regex"));
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(\d{1,2})\s+([a-zа-яё]{3,9}\.?)(?:\s|$|[,.;])").expect("valid regex")
});

fn num<T: std::str::FromStr>(caps: &regex::Captures<'_>, i: usize) -> Option<T> {
    caps.get(i).and_then(|m| m.as_str().parse().ok())
}

fn time_of(caps: &regex::Captures<'_>, h: usize, m: usize, s: Option<usize>) -> Option<ClockTime> {
    let hour = num::<u8>(caps, h)?;
    let minute = num::<u8>(caps, m)?;
    let second = s.and_then(|s| num::<u8>(caps, s));
    ClockTime::new(hour, minute, second).ok()
}

fn full(
    date: Result<CivilDate, archive_core::DateError>,
    time: Option<ClockTime>,
    offset: Option<UtcOffset>,
    kind: &'static str,
    len: usize,
    text: &str,
) -> DateRead {
    match date {
        Ok(date) => DateRead::Full {
            published: Published { date, time, offset },
            kind,
            len,
            time_dropped: None,
        },
        Err(_) => DateRead::Impossible(text[..len].to_owned()),
    }
}

/// Reads a date at the start of `text` (leading white space skipped; `len` counts from the
/// start of the trimmed text). See the module docs for the shapes.
pub fn parse_date(text: &str) -> DateRead {
    let s = text.trim_start();
    if let Some(c) = ISO.captures(s) {
        let len = c.get(0).map_or(0, |m| m.end());
        let date = CivilDate::new(
            num(&c, 1).unwrap_or(0),
            num(&c, 2).unwrap_or(0),
            num(&c, 3).unwrap_or(0),
        );
        let time = if c.get(4).is_some() { time_of(&c, 4, 5, Some(6)) } else { None };
        if c.get(4).is_some() && time.is_none() {
            return DateRead::Impossible(s[..len].to_owned());
        }
        let offset = c.get(7).and_then(|m| {
            let o = m.as_str();
            if o.eq_ignore_ascii_case("z") {
                return Some(UtcOffset::UTC);
            }
            let o = if o.len() == 5 { format!("{}:{}", &o[..3], &o[3..]) } else { o.to_owned() };
            o.parse().ok()
        });
        return full(date, time, offset, "iso", len, s);
    }
    if let Some(c) = DOTTED.captures(s) {
        let len = c.get(0).map_or(0, |m| m.end());
        let date = CivilDate::new(
            num(&c, 3).unwrap_or(0),
            num(&c, 2).unwrap_or(0),
            num(&c, 1).unwrap_or(0),
        );
        let time = if c.get(4).is_some() { time_of(&c, 4, 5, Some(6)) } else { None };
        return full(date, time, None, "dotted", len, s);
    }
    if let Some(c) = REUTERS.captures(s) {
        // Groups 1–4 for the whole-field form, 5–8 for a date followed by other text.
        let k = if c.get(1).is_some() { 0 } else { 4 };
        if let Some(month) = c.get(k + 2).and_then(|m| month_number(m.as_str())) {
            let len = c.get(0).map_or(0, |m| m.end());
            let date =
                CivilDate::new(num(&c, k + 3).unwrap_or(0), month, num(&c, k + 1).unwrap_or(0));
            let (time, dropped) = match c.get(k + 4) {
                None => (None, None),
                Some(t) => match REUTERS_TIME.captures(t.as_str()) {
                    Some(tc) => match time_of(&tc, 1, 2, Some(3)) {
                        Some(time) => (Some(time), None),
                        None => (None, Some(t.as_str().to_owned())),
                    },
                    None => (None, Some(t.as_str().to_owned())),
                },
            };
            return match date {
                Ok(date) => DateRead::Full {
                    published: Published { date, time, offset: None },
                    kind: "reuters",
                    len,
                    time_dropped: dropped,
                },
                Err(_) => DateRead::Impossible(s[..len].to_owned()),
            };
        }
    }
    if let Some(r) = rfc822(s) {
        return r;
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(s) {
        if let Some(month) = c.get(2).and_then(|m| month_number(m.as_str())) {
            let len = c.get(0).map_or(0, |m| m.end());
            let kind = if c[2].chars().next().is_some_and(|ch| ch.is_ascii()) {
                "english"
            } else {
                "russian"
            };
            let date = CivilDate::new(num(&c, 3).unwrap_or(0), month, num(&c, 1).unwrap_or(0));
            let time = if c.get(4).is_some() { time_of(&c, 4, 5, None) } else { None };
            return full(date, time, None, kind, len, s);
        }
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(s) {
        if let Some(month) = c.get(1).and_then(|m| month_number(m.as_str())) {
            let len = c.get(0).map_or(0, |m| m.end());
            let date = CivilDate::new(num(&c, 3).unwrap_or(0), month, num(&c, 2).unwrap_or(0));
            let time = if c.get(4).is_some() { time_of(&c, 4, 5, None) } else { None };
            return full(date, time, None, "english", len, s);
        }
    }
    let month_day = MONTH_DAY
        .captures(s)
        .and_then(|c| Some((month_number(c.get(1)?.as_str())?, num::<u8>(&c, 2)?, c[0].len())))
        .or_else(|| {
            DAY_MONTH.captures(s).and_then(|c| {
                Some((
                    month_number(c.get(2)?.as_str())?,
                    num::<u8>(&c, 1)?,
                    c[1].len() + 1 + c[2].len(),
                ))
            })
        });
    if let Some((month, day, len)) = month_day {
        if (1..=31).contains(&day) {
            return DateRead::MonthDay { month, day, len };
        }
    }
    DateRead::None
}

/// An RFC 822 zone: a numeric offset, a name for UTC, or one of RFC 822's US zones.
fn rfc822_zone(zone: &str) -> Option<UtcOffset> {
    let z = zone.to_ascii_uppercase();
    let hours = match z.as_str() {
        "GMT" | "UT" | "UTC" | "Z" => return Some(UtcOffset::UTC),
        // RFC 2822: "-0000" says the offset is not known.
        "-0000" | "-00:00" => return None,
        "EDT" => -4,
        "EST" | "CDT" => -5,
        "CST" | "MDT" => -6,
        "MST" | "PDT" => -7,
        "PST" => -8,
        _ => {
            let digits = z.replace(':', "");
            let sign: i16 = if digits.starts_with('-') { -1 } else { 1 };
            let h: i16 = digits.get(1..3)?.parse().ok()?;
            let m: i16 = digits.get(3..5)?.parse().ok()?;
            return if m < 60 { UtcOffset::from_minutes(sign * (h * 60 + m)).ok() } else { None };
        }
    };
    UtcOffset::from_minutes(hours * 60).ok()
}

/// Reads an RFC 822 / 2822 date (`Tue, 24 Jun 2025 01:30:00 +0300`): `None` when the text is
/// not one (no weekday and no time: an ordinary English date), or names no month.
fn rfc822(s: &str) -> Option<DateRead> {
    let c = RFC822.captures(s)?;
    if c.get(1).is_none() && c.get(5).is_none() {
        return None;
    }
    let month = month_number(c.get(3)?.as_str())?;
    let year_text = c.get(4)?.as_str();
    let mut year: u16 = year_text.parse().ok()?;
    if year_text.len() == 2 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    let len = c.get(0).map_or(0, |m| m.end());
    let date = CivilDate::new(year, month, num(&c, 2).unwrap_or(0));
    let time = if c.get(5).is_some() { time_of(&c, 5, 6, Some(7)) } else { None };
    if c.get(5).is_some() && time.is_none() {
        return Some(DateRead::Impossible(s[..len].to_owned()));
    }
    let offset = c.get(8).and_then(|z| rfc822_zone(z.as_str()));
    Some(full(date, time, offset, "rfc822", len, s))
}

static URL_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[/_=.-])((?:19|20)\d{2})(?:[/_.-]|$)").expect("valid regex")
});

/// A year printed in an address (`/news/2022-01-01/…`, `/2019/05/…`), for dates printed
/// without one. `None` when the address names no year or two different ones.
pub fn year_in_url(url: &str) -> Option<u16> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |i| &path[i..]);
    let mut years = URL_YEAR.captures_iter(path).filter_map(|c| c[1].parse::<u16>().ok());
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_of(s: &str) -> (String, Option<String>, Option<String>, &'static str, usize) {
        match parse_date(s) {
            DateRead::Full { published: p, kind, len, .. } => (
                p.date.to_string(),
                p.time.map(|t| t.to_string()),
                p.offset.map(|o| o.to_string()),
                kind,
                len,
            ),
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn iso_keeps_the_civil_date_and_the_printed_clock() {
        assert_eq!(
            full_of("2022-06-24T17:30:00Z"),
            ("2022-06-24".into(), Some("17:30:00".into()), Some("Z".into()), "iso", 20)
        );
        // 00:30 at +03:00 stays 2 December: nothing is converted.
        assert_eq!(
            full_of("2020-12-02T00:30+03:00"),
            ("2020-12-02".into(), Some("00:30".into()), Some("+03:00".into()), "iso", 22)
        );
        assert_eq!(full_of("2002-02-13 00:00:00").1, Some("00:00:00".into()));
        assert_eq!(full_of("2021-10-24").0, "2021-10-24");
        assert_eq!(full_of("2021-10-24T10:00:00.250+0300").2, Some("+03:00".into()));
    }

    #[test]
    fn dotted_russian_english_and_reuters_dates() {
        assert_eq!(full_of("02.12.2020").0, "2020-12-02");
        assert_eq!(full_of("8 мая 2025 года").0, "2025-05-08");
        let (d, t, _, kind, _) = full_of("8 мая 2025 года 10:10 Москва, Кремль");
        assert_eq!((d.as_str(), t.as_deref(), kind), ("2025-05-08", Some("10:10"), "russian"));
        assert_eq!(full_of("6 мая 2025 года, 16:10").1, Some("16:10".into()));
        assert_eq!(full_of("May 19, 2021").0, "2021-05-19");
        assert_eq!(full_of("April 1, 2025, 19:00").1, Some("19:00".into()));
        assert_eq!(full_of("8 May 2025").0, "2025-05-08");
        let (d, t, _, kind, _) = full_of("26-FEB-1987 15:01:01.79");
        assert_eq!((d.as_str(), t.as_deref(), kind), ("1987-02-26", Some("15:01:01"), "reuters"));
        let (_, t, _, _, len) = full_of("27-MAR-1987 02:17:09.88T C");
        assert_eq!((t.as_deref(), len), (Some("02:17:09"), 26));
    }

    #[test]
    fn a_garbled_reuters_time_is_dropped_and_the_date_kept() {
        match parse_date("31-MAR-1987 605:12:19.12") {
            DateRead::Full { published, time_dropped, .. } => {
                assert_eq!(published.date.to_string(), "1987-03-31");
                assert_eq!(published.time, None);
                assert_eq!(time_dropped.as_deref(), Some("605:12:19.12"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn glued_text_is_left_over_and_impossible_days_are_named() {
        let (d, _, _, _, len) = full_of("18.04.2024Held in Moscow");
        assert_eq!((d.as_str(), len), ("2024-04-18", 10));
        assert_eq!(parse_date("31.02.2020"), DateRead::Impossible("31.02.2020".into()));
        assert_eq!(parse_date("yesterday"), DateRead::None);
        assert_eq!(parse_date(""), DateRead::None);
    }

    #[test]
    fn rfc822_keeps_the_civil_date_and_offset_as_printed() {
        // 01:30 at +03:00 is 22:30 UTC the day before: the date stays 24 June.
        assert_eq!(
            full_of("Tue, 24 Jun 2025 01:30:00 +0300"),
            ("2025-06-24".into(), Some("01:30:00".into()), Some("+03:00".into()), "rfc822", 31)
        );
        assert_eq!(full_of("Fri, 24 Jun 2022 17:30:00 GMT").2, Some("Z".into()));
        assert_eq!(full_of("24 Jun 2022 17:30 EDT").2, Some("-04:00".into()));
        assert_eq!(full_of("Mon, 02 Jan 06 15:04:05 -0700").0, "2006-01-02");
        assert_eq!(full_of("Thu, 01 Jan 98 00:00:00 -0000").0, "1998-01-01");
        assert_eq!(full_of("Thu, 01 Jan 98 00:00:00 -0000").2, None);
        // A zone that is not RFC 822's is left over, never guessed.
        let (d, t, o, kind, len) = full_of("Sat, 21 Jun 2025 10:00:00 MSK");
        assert_eq!(
            (d.as_str(), t.as_deref(), o, kind),
            ("2025-06-21", Some("10:00:00"), None, "rfc822")
        );
        assert_eq!(&"Sat, 21 Jun 2025 10:00:00 MSK"[len..], " MSK");
        assert_eq!(full_of("Tue, 24 Jun 2025").0, "2025-06-24");
        assert!(matches!(parse_date("Mon, 31 Feb 2025 10:00:00 +0000"), DateRead::Impossible(_)));
        // Without weekday or time: the English shape, as before.
        assert_eq!(full_of("8 May 2025").3, "english");
        assert_eq!(full_of("8 мая 2025 года 10:10 Москва").3, "russian");
    }

    #[test]
    fn month_and_day_need_a_year() {
        assert_eq!(parse_date("July17 – RIA"), DateRead::MonthDay { month: 7, day: 17, len: 6 });
        assert_eq!(parse_date("July 17"), DateRead::MonthDay { month: 7, day: 17, len: 7 });
        assert_eq!(parse_date("26 июля"), DateRead::MonthDay { month: 7, day: 26, len: 11 });
        assert_eq!(parse_date("10 авг – РИА"), DateRead::MonthDay { month: 8, day: 10, len: 9 });
        assert_eq!(year_in_url("https://www.1tv.ru/news/2022-01-01/418953-x"), Some(2022));
        assert_eq!(year_in_url("http://kremlin.ru/events/president/news/76870"), None);
    }
}
