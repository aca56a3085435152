//! What the importer knows about the CSTO website (odkb-csto.org and its subdomains): its
//! navigation strings, press-office sign-offs, list labels, news agencies, datelines and the
//! names of its sections in English and Russian.
//!
//! Kept apart from the parsing rules so that another site of the same layout needs only a new
//! table like this one.

use std::sync::LazyLock;

use regex::Regex;

/// The navigation lines at the end of an English article page, in page order.
pub const NAVIGATION: [&str; 3] = ["Go back", "Back to the section", "Back to the all news"];

/// Whether `line` (whitespace-collapsed) is a navigation line, or the start of one cut off by the
/// page-length cap ("Back to the s", "Go b" — at least four characters).
pub fn is_navigation(line: &str) -> bool {
    NAVIGATION
        .iter()
        .any(|nav| *nav == line || (line.chars().count() >= 4 && nav.starts_with(line)))
}

/// The alt text of the site's logo, which a page text can start with when the logo image was
/// kept as text (one page of the corpus: "odkb On May 31, 2015, the joint exercises…").
const LOGO_ALT: &str = "odkb";

/// A page's first line without the logo's alt text ([`LOGO_ALT`]) run into its first sentence:
/// only when a capital letter follows, so that a line about "odkb" stays as it is.
pub fn strip_logo(first_line: &str) -> &str {
    match first_line.strip_prefix(LOGO_ALT).and_then(|rest| rest.strip_prefix(' ')) {
        Some(rest) if rest.chars().next().is_some_and(char::is_uppercase) => rest,
        _ => first_line,
    }
}

static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:The\s+)?CSTO\s+(?:[Pp]ress\s+[Ss]ecretary|[Ss]pokes(?:man|person|woman))\s+\p{Lu}\p{L}+\s+\p{Lu}[\p{L}-]+$|^Пресс-секретарь\s+ОДКБ\s+\p{Lu}\p{L}+\s+\p{Lu}[\p{L}-]+$",
    )
    .expect("static regex")
});

/// Whether `line` is a press-office sign-off such as "CSTO Press Secretary Vladimir
/// Zaynetdinov" or "CSTO spokesman Vladimir Zainetdinov" (the transliteration varies).
pub fn is_sign_off(line: &str) -> bool {
    SIGN_OFF.is_match(line)
}

/// Labels of the site's list pages that are neither headlines nor leads.
const LABELS: [&str; 6] = [
    "All Statements",
    "All CSTO News",
    "Authorized organs",
    "Sessions of the Collective Security Council",
    "Trainings of Collective Forces",
    "This page is being prepared",
];

/// Whether `line` is one of the site's list labels ("All CSTO News", "Authorized organs", …).
pub fn is_label(line: &str) -> bool {
    LABELS.contains(&line)
}

/// News agencies the site quotes, as a title prefix ("RIA Novosti News Agency: …") or in a
/// dateline; matched case-sensitively at a word start.
const AGENCIES: [&str; 16] = [
    "RIA Novosti",
    "TASS",
    "BelTA",
    "BELTA",
    "Sputnik",
    "Interfax",
    "Kazinform",
    "Kabar",
    "Armenpress",
    "MIR",
    "РИА Новости",
    "ТАСС",
    "БелТА",
    "Спутник",
    "Интерфакс",
    "Кабар",
];

/// Reduces an agency's name as printed to the name itself: "RIA Novosti News Agency" →
/// "RIA Novosti", "агентство РИА Новости" → "РИА Новости".
pub fn agency_name(printed: &str) -> String {
    let mut s = printed.trim();
    for prefix in ["агентство ", "Агентство ", "информагентство ", "News Agency ", "the "]
    {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    for suffix in [" News Agency", " news agency", " Agency", " agency", " агентство"] {
        s = s.strip_suffix(suffix).unwrap_or(s);
    }
    s.trim().to_owned()
}

fn names_agency(s: &str) -> bool {
    let lower = s.to_lowercase();
    AGENCIES.iter().any(|a| s.contains(a)) || lower.contains("agency") || lower.contains("агентств")
}

/// The agency a headline names in front of a colon, as in "RIA Novosti News Agency: The CSTO is
/// concerned…" → "RIA Novosti". Only a prefix of at most six words that names an agency counts.
pub fn agency_in_title(title: &str) -> Option<String> {
    let (head, rest) = title.split_once(':')?;
    (!rest.trim().is_empty() && head.split_whitespace().count() <= 6 && names_agency(head))
        .then(|| agency_name(head))
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<city>\p{Lu}[\p{Lu} .\-]{1,30}), (?P<when>[^–—\-]{1,25}?)\s*[–—-]\s*(?P<agency>[^.]{2,60})\.\s*(?P<rest>.*)$",
    )
    .expect("static regex")
});

/// A dateline opening an article body: "VIENNA, July17 – RIA Novosti News Agency. The
/// Collective…".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The dateline as printed, without its final full stop: "VIENNA, July17 – RIA Novosti News Agency".
    pub text: String,
    /// The date part as printed ("July17", "17 июл"); never turned into a date, as it has no year.
    pub when: String,
    /// The agency, reduced by [`agency_name`]: "RIA Novosti".
    pub source: String,
    /// The text after the dateline, possibly empty.
    pub rest: String,
}

/// Recognises a dateline at the start of a (whitespace-collapsed) line: a city in capitals, a
/// comma, a date, a dash, an agency and a full stop. The agency part must name a news agency
/// (see [`AGENCIES`]), so "CSTO, the CIS and the SCO - …" is not taken for one.
pub fn dateline(line: &str) -> Option<Dateline> {
    let caps = DATELINE.captures(line)?;
    let agency = caps.name("agency")?.as_str().trim();
    let city = caps.name("city")?.as_str();
    if !names_agency(agency) || city.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    let rest = caps.name("rest").map_or("", |m| m.as_str());
    let text = line[..line.len() - rest.len()].trim_end().trim_end_matches('.').to_owned();
    Some(Dateline {
        text,
        when: caps.name("when").map_or("", |m| m.as_str()).trim().to_owned(),
        source: agency_name(agency),
        rest: rest.to_owned(),
    })
}

/// The English and Russian names of a section of the main site, by its URL path segment.
pub fn section_title(segment: &str) -> Option<(&'static str, &'static str)> {
    Some(match segment {
        "news" => ("News", "Новости"),
        "news_odkb" => ("CSTO news", "Новости ОДКБ"),
        "smi" => ("Media about the CSTO", "СМИ об ОДКБ"),
        "speech" => ("Speeches", "Выступления"),
        "presscenter" => ("Press centre", "Пресс-центр"),
        "documents" => ("Documents", "Документы"),
        "statements" => ("Statements", "Заявления"),
        "international_org" => ("International organisations", "Международные организации"),
        "osce" => ("OSCE", "ОБСЕ"),
        "sco" => ("SCO", "ШОС"),
        "un" => ("UN", "ООН"),
        "training" => ("Trainings", "Учения"),
        "csto_collective_forces" => ("CSTO Collective Forces", "Коллективные силы ОДКБ"),
        "session" => {
            ("Collective Security Council sessions", "Сессии Совета коллективной безопасности")
        }
        "authorized_organs" => ("Statutory bodies", "Уставные органы"),
        "permanent_council" => ("Permanent Council", "Постоянный совет"),
        "chairmanship" => ("Chairmanship", "Председательство"),
        "priorities_kyrgyzstan" => {
            ("Priorities of Kyrgyzstan's chairmanship", "Приоритеты председательства Кыргызстана")
        }
        "75-letie-pobedy" => ("75th anniversary of the Victory", "75-летие Победы"),
        "25years" => ("25 years of the CSTO", "25 лет ОДКБ"),
        "novosti" => ("News", "Новости"),
        _ => return None,
    })
}

/// The names of the CSTO subdomains that are sites of their own, by host label.
pub fn subsite_title(label: &str) -> Option<(&'static str, &'static str)> {
    Some(match label {
        "jscsto" => ("CSTO Joint Staff", "Объединённый штаб ОДКБ"),
        "kkc" => (
            "CSTO Consultative Coordination Centre for Computer Incident Response",
            "Консультационный координационный центр ОДКБ по реагированию на компьютерные инциденты",
        ),
        "kschs" => (
            "CSTO Coordination Council for Emergency Situations",
            "Координационный совет ОДКБ по чрезвычайным ситуациям",
        ),
        _ => return None,
    })
}

/// Names of sections below a subdomain site, by path segment.
pub fn subsection_title(segment: &str) -> Option<(&'static str, &'static str)> {
    Some(match segment {
        "news" | "novosti" => ("News", "Новости"),
        "voennaya-sostavlyauschaya-odkb" => {
            ("Military component of the CSTO", "Военная составляющая ОДКБ")
        }
        _ => return None,
    })
}

/// Sections whose pages are news items: such a page always has a headline, so when none is
/// found the page was cut off before it.
pub fn is_news_section(segment: &str) -> bool {
    matches!(segment, "news" | "news_odkb" | "smi" | "speech" | "presscenter" | "novosti")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logo_alt_text_before_the_first_sentence() {
        assert_eq!(
            strip_logo("odkb On May 31, 2015, the exercises"),
            "On May 31, 2015, the exercises"
        );
        assert_eq!(strip_logo("odkb-csto.org reports"), "odkb-csto.org reports");
        assert_eq!(
            strip_logo("odkb is the Russian abbreviation"),
            "odkb is the Russian abbreviation"
        );
        assert_eq!(strip_logo("On May 31"), "On May 31");
    }

    #[test]
    fn navigation_and_its_cut_off_prefixes() {
        for line in
            ["Go back", "Back to the section", "Back to the all news", "Back to the s", "Go b"]
        {
            assert!(is_navigation(line), "{line}");
        }
        assert!(!is_navigation("Go"), "too short to be sure");
        assert!(!is_navigation("Going back to the talks"));
    }

    #[test]
    fn sign_offs_in_both_transliterations() {
        assert!(is_sign_off("CSTO Press Secretary Vladimir Zaynetdinov"));
        assert!(is_sign_off("The CSTO Press Secretary Vladimir Zaynetdinov"));
        assert!(is_sign_off("CSTO spokesman Vladimir Zainetdinov"));
        assert!(!is_sign_off("CSTO Press Secretary Vladimir Zaynetdinov said on Monday that"));
    }

    #[test]
    fn datelines_of_the_seed_and_the_russian_pages() {
        let d =
            dateline("VIENNA, July17 – RIA Novosti News Agency. The Collective Security Treaty")
                .expect("seed dateline");
        assert_eq!(d.text, "VIENNA, July17 – RIA Novosti News Agency");
        assert_eq!(d.when, "July17");
        assert_eq!(d.source, "RIA Novosti");
        assert_eq!(d.rest, "The Collective Security Treaty");
        let r = dateline("ВЕНА, 17 июл – агентство РИА Новости. Организация Договора").expect("ru");
        assert_eq!((r.source.as_str(), r.when.as_str()), ("РИА Новости", "17 июл"));
        let u = dateline("ООН, 26 июля - РИА Новости. Резолюцию").expect("ru on an en page");
        assert_eq!(u.text, "ООН, 26 июля - РИА Новости");
        assert!(dateline("CSTO, the CIS and the SCO - the leading organizations. More").is_none());
        assert!(dateline("MOSCOW. The CSTO held a session").is_none());
    }

    #[test]
    fn agencies_named_in_headlines() {
        assert_eq!(
            agency_in_title("RIA Novosti News Agency: The CSTO is concerned").as_deref(),
            Some("RIA Novosti")
        );
        assert_eq!(
            agency_in_title("РИА Новости: в ОДКБ встревожены").as_deref(),
            Some("РИА Новости")
        );
        assert_eq!(agency_in_title("Announcement: Bishkek to host meetings"), None);
        assert_eq!(agency_in_title("CSTO Collective Rapid Reaction Forces: one line-up"), None);
    }
}
