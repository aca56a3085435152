//! Civil dates and times as an article was published.
//!
//! An archive shows the date a newsroom printed, not an instant converted into the reader's
//! time zone: "02.12.2020" in Moscow stays 2 December 2020 for a reader in Los Angeles. So the
//! bundle stores a [`CivilDate`] (proleptic Gregorian year, month, day), an optional
//! [`ClockTime`] and an optional [`UtcOffset`], each as the text ISO 8601 gives it, and nothing
//! here ever consults a clock or a time zone database.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a date, time or offset string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not of the expected shape (e.g. `YYYY-MM-DD`).
    #[error("'{text}' is not a {expected}")]
    Shape {
        /// The rejected text.
        text: String,
        /// What was expected, for people: "date YYYY-MM-DD".
        expected: &'static str,
    },
    /// The shape is right but a field is out of range (month 13, 31 April, 25:00).
    #[error("'{text}' is out of range: {why}")]
    Range {
        /// The rejected text.
        text: String,
        /// Which field is wrong.
        why: &'static str,
    },
}

/// A calendar date as published: year, month (1–12) and day (1–31, valid for the month).
///
/// Ordered chronologically. Serialised as ISO 8601 `YYYY-MM-DD` (years 0001–9999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    year: u16,
    month: u8,
    day: u8,
}

/// Whether `year` is a leap year in the proleptic Gregorian calendar.
pub const fn is_leap_year(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` (1–12) of `year`; 0 for a month outside 1–12.
pub const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl CivilDate {
    /// Builds a date, checking that the day exists (e.g. no 29 February 2023).
    ///
    /// # Errors
    /// [`DateError::Range`] when the year is 0 or above 9999, the month outside 1–12 or the day
    /// outside the month.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        let text = || format!("{year:04}-{month:02}-{day:02}");
        if !(1..=9999).contains(&year) {
            return Err(DateError::Range { text: text(), why: "year must be 1–9999" });
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::Range { text: text(), why: "month must be 1–12" });
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Range { text: text(), why: "no such day in that month" });
        }
        Ok(Self { year, month, day })
    }

    /// The year, 1–9999.
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub const fn day(self) -> u8 {
        self.day
    }

    /// The date as the site printed it in the CSTO layout, `dd.mm.yyyy`.
    pub fn to_dotted(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    /// The date written out for readers of `lang` ("2 December 2020", "2 декабря 2020 г.").
    /// Languages without their own month names fall back to English.
    pub fn to_long(self, lang: &str) -> String {
        let m = usize::from(self.month - 1);
        match lang {
            "ru" => format!("{} {} {} г.", self.day, MONTHS_RU_GENITIVE[m], self.year),
            _ => format!("{} {} {}", self.day, MONTHS_EN[m], self.year),
        }
    }
}

/// English month names, January first.
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Russian month names in the nominative case ("май"), as a month heading uses them.
pub const MONTHS_RU: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// Russian month names in the genitive case ("8 мая"), as a date uses them.
pub const MONTHS_RU_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Parses exactly `n` ASCII digits.
fn digits<T: FromStr>(s: &str, n: usize) -> Option<T> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

impl FromStr for CivilDate {
    type Err = DateError;

    /// Parses ISO 8601 `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let shape = || DateError::Shape { text: s.to_owned(), expected: "date YYYY-MM-DD" };
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(shape());
        };
        let (Some(y), Some(m), Some(d)) = (digits(y, 4), digits(m, 2), digits(d, 2)) else {
            return Err(shape());
        };
        Self::new(y, m, d)
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A wall-clock time of publication: hour 0–23, minute 0–59, optional second 0–59.
///
/// Serialised as `HH:MM` or `HH:MM:SS`, as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    hour: u8,
    minute: u8,
    second: Option<u8>,
}

impl ClockTime {
    /// Builds a time.
    ///
    /// # Errors
    /// [`DateError::Range`] when a field is out of range.
    pub fn new(hour: u8, minute: u8, second: Option<u8>) -> Result<Self, DateError> {
        if hour > 23 || minute > 59 || second.is_some_and(|s| s > 59) {
            let text = format!("{hour:02}:{minute:02}:{:02}", second.unwrap_or(0));
            return Err(DateError::Range {
                text,
                why: "hour must be 0–23, minute and second 0–59",
            });
        }
        Ok(Self { hour, minute, second })
    }

    /// The hour, 0–23.
    pub const fn hour(self) -> u8 {
        self.hour
    }

    /// The minute, 0–59.
    pub const fn minute(self) -> u8 {
        self.minute
    }

    /// The second, when the source gave one.
    pub const fn second(self) -> Option<u8> {
        self.second
    }
}

impl FromStr for ClockTime {
    type Err = DateError;

    /// Parses `HH:MM` or `HH:MM:SS`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let shape = || DateError::Shape { text: s.to_owned(), expected: "time HH:MM or HH:MM:SS" };
        let parts: Vec<&str> = s.split(':').collect();
        let num = |p: &str| digits::<u8>(p, 2).ok_or_else(shape);
        let built = match parts.as_slice() {
            [h, m] => Self::new(num(h)?, num(m)?, None),
            [h, m, sec] => Self::new(num(h)?, num(m)?, Some(num(sec)?)),
            _ => return Err(shape()),
        };
        // Report the text as written, not as rebuilt from its fields.
        built.map_err(|e| match e {
            DateError::Range { why, .. } => DateError::Range { text: s.to_owned(), why },
            other => other,
        })
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)?;
        if let Some(s) = self.second {
            write!(f, ":{s:02}")?;
        }
        Ok(())
    }
}

/// The offset from UTC of the publisher's clock, in minutes east of Greenwich (−14:00…+14:00).
///
/// Serialised as `Z` (zero) or `±HH:MM`. It is kept to say which clock a [`ClockTime`] was read
/// from; dates are never shifted by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcOffset {
    minutes: i16,
    zulu: bool,
}

impl UtcOffset {
    /// Builds an offset of `minutes` east of UTC.
    ///
    /// # Errors
    /// [`DateError::Range`] beyond ±14:00.
    pub fn from_minutes(minutes: i16) -> Result<Self, DateError> {
        if minutes.abs() > 14 * 60 {
            return Err(DateError::Range {
                text: minutes.to_string(),
                why: "offset must be within ±14:00",
            });
        }
        Ok(Self { minutes, zulu: false })
    }

    /// UTC itself, written `Z`.
    pub const UTC: Self = Self { minutes: 0, zulu: true };

    /// Minutes east of UTC.
    pub const fn minutes(self) -> i16 {
        self.minutes
    }
}

impl FromStr for UtcOffset {
    type Err = DateError;

    /// Parses `Z` or `±HH:MM`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "Z" {
            return Ok(Self::UTC);
        }
        let shape = || DateError::Shape { text: s.to_owned(), expected: "UTC offset Z or ±HH:MM" };
        let (sign, rest) = match s.as_bytes().first() {
            Some(b'+') => (1, &s[1..]),
            Some(b'-') => (-1, &s[1..]),
            _ => return Err(shape()),
        };
        let (h, m) = rest.split_once(':').ok_or_else(shape)?;
        let (Some(h), Some(m)) = (digits::<i16>(h, 2), digits::<i16>(m, 2)) else {
            return Err(shape());
        };
        if m > 59 {
            return Err(DateError::Range { text: s.to_owned(), why: "minutes must be 0–59" });
        }
        Self::from_minutes(sign * (h * 60 + m)).map_err(|e| match e {
            // Quoted as written (`+14:01`), not as minutes.
            DateError::Range { why, .. } => DateError::Range { text: s.to_owned(), why },
            other => other,
        })
    }
}

impl fmt::Display for UtcOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.zulu {
            return f.write_str("Z");
        }
        let sign = if self.minutes < 0 { '-' } else { '+' };
        let m = self.minutes.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
    }
}

/// An instant as RFC 3339 writes it, `2026-11-30T04:57:00Z` or `…T07:57:00.250+03:00`: used for
/// when a bundle was generated and when a page was retrieved (not for publication dates).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// The civil date part.
    pub date: CivilDate,
    /// The time part (seconds always present in RFC 3339).
    pub time: ClockTime,
    /// Fractional-second digits as written (may be empty).
    pub fraction: String,
    /// The offset of the clock.
    pub offset: UtcOffset,
}

impl FromStr for Timestamp {
    type Err = DateError;

    /// Parses an RFC 3339 date-time (`T` or `t` or a space between date and time).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let shape = || DateError::Shape {
            text: s.to_owned(),
            expected: "timestamp YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)",
        };
        if s.len() < 20 || !s.is_char_boundary(10) || !s.is_char_boundary(11) {
            return Err(shape());
        }
        let (date, rest) = (&s[..10], &s[11..]);
        if !matches!(s.as_bytes()[10], b'T' | b't' | b' ') {
            return Err(shape());
        }
        let split = rest.find(['Z', 'z', '+', '-']).ok_or_else(shape)?;
        let (clock, offset) = rest.split_at(split);
        let (clock, fraction) = match clock.split_once('.') {
            Some((_, "")) => return Err(shape()),
            Some((clock, fraction)) => (clock, fraction),
            None => (clock, ""),
        };
        if !fraction.bytes().all(|b| b.is_ascii_digit()) || clock.len() != 8 {
            return Err(shape());
        }
        let offset = if offset.eq_ignore_ascii_case("z") { "Z" } else { offset };
        Ok(Self {
            date: date.parse()?,
            time: clock.parse()?,
            fraction: fraction.to_owned(),
            offset: offset.parse()?,
        })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.time;
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            self.date,
            t.hour(),
            t.minute(),
            t.second().unwrap_or(0)
        )?;
        if !self.fraction.is_empty() {
            write!(f, ".{}", self.fraction)?;
        }
        write!(f, "{}", self.offset)
    }
}

macro_rules! serde_as_string {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    )*};
}
serde_as_string!(CivilDate, ClockTime, UtcOffset, Timestamp);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_dates() {
        let d: CivilDate = "2020-12-02".parse().unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2020, 12, 2));
        assert_eq!(d.to_string(), "2020-12-02");
        assert_eq!(d.to_dotted(), "02.12.2020");
    }

    #[test]
    fn rejects_impossible_dates_with_the_reason() {
        assert!(matches!("2023-02-29".parse::<CivilDate>(), Err(DateError::Range { .. })));
        assert!("2024-02-29".parse::<CivilDate>().is_ok());
        assert!(matches!("1900-02-29".parse::<CivilDate>(), Err(DateError::Range { .. })));
        assert!(matches!("2024-13-01".parse::<CivilDate>(), Err(DateError::Range { .. })));
        for bad in ["2024-1-01", "24-01-01", "2024/01/01", "2024-01-01T00:00", "", "２０２４-01-01"]
        {
            assert!(matches!(bad.parse::<CivilDate>(), Err(DateError::Shape { .. })), "{bad}");
        }
        let err = "2024-04-31".parse::<CivilDate>().unwrap_err().to_string();
        assert!(err.contains("2024-04-31") && err.contains("no such day"), "{err}");
    }

    #[test]
    fn orders_chronologically() {
        let a: CivilDate = "1999-12-31".parse().unwrap();
        let b: CivilDate = "2000-01-01".parse().unwrap();
        assert!(a < b);
    }

    #[test]
    fn long_form_in_english_and_russian() {
        let d: CivilDate = "2025-05-08".parse().unwrap();
        assert_eq!(d.to_long("en"), "8 May 2025");
        assert_eq!(d.to_long("ru"), "8 мая 2025 г.");
        assert_eq!(d.to_long("ca"), "8 May 2025");
    }

    #[test]
    fn times_and_offsets_round_trip() {
        for t in ["15:01", "15:01:01", "00:00:00", "23:59"] {
            assert_eq!(t.parse::<ClockTime>().unwrap().to_string(), t);
        }
        let err = "25:00".parse::<ClockTime>().unwrap_err().to_string();
        assert!(err.starts_with("'25:00' is out of range"), "{err}");
        assert!("605:12:19".parse::<ClockTime>().is_err());
        for o in ["Z", "+03:00", "-05:30", "+00:00"] {
            assert_eq!(o.parse::<UtcOffset>().unwrap().to_string(), o);
        }
        assert_eq!("-05:30".parse::<UtcOffset>().unwrap().minutes(), -330);
        assert!("+15:00".parse::<UtcOffset>().is_err());
        let beyond = "+14:01".parse::<UtcOffset>().unwrap_err().to_string();
        assert!(beyond.contains("'+14:01'") && beyond.contains("±14:00"), "{beyond}");
        assert!("03:00".parse::<UtcOffset>().is_err());
    }

    #[test]
    fn timestamps_follow_rfc_3339() {
        for t in ["2026-11-30T04:57:00Z", "2022-06-24T17:30:00.25+03:00"] {
            assert_eq!(t.parse::<Timestamp>().unwrap().to_string(), t);
        }
        assert_eq!(
            "2026-11-30t04:57:00z".parse::<Timestamp>().unwrap().to_string(),
            "2026-11-30T04:57:00Z"
        );
        for bad in
            ["2026-11-30", "2026-11-30T04:57Z", "2026-11-30T04:57:00", "2026-11-30T04:57:00+3"]
        {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
        }
    }

    #[test]
    fn serde_uses_the_iso_text() {
        let d: CivilDate = serde_json::from_str("\"2024-07-25\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2024-07-25\"");
        let e = serde_json::from_str::<CivilDate>("\"25.07.2024\"").unwrap_err().to_string();
        assert!(e.contains("25.07.2024"), "{e}");
    }
}
