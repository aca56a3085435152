//! Language identification for records whose source gives no language, with `whatlang`
//! (trigram profiles, 69 languages; Cyrillic and Latin script detection first).

/// A detected language.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    /// BCP 47 tag: the ISO 639-1 code where one exists (`en`, `ru`, `ca`), else ISO 639-3.
    pub lang: String,
    /// whatlang's confidence, 0.0–1.0.
    pub confidence: f64,
    /// Whether whatlang calls the result reliable (clear margin over the runner-up, enough text).
    pub reliable: bool,
}

/// Detects the language of `text` (the first 2,000 characters are enough and keep it fast).
/// `None` when whatlang finds no language at all (no letters).
pub fn detect(text: &str) -> Option<Detected> {
    let end = text.char_indices().nth(2000).map_or(text.len(), |(i, _)| i);
    let info = whatlang::detect(&text[..end])?;
    Some(Detected {
        lang: bcp47(info.lang()).to_owned(),
        confidence: info.confidence(),
        reliable: info.is_reliable(),
    })
}

/// The writing system most of `text` is in (Latin, Cyrillic, …), from its first 2,000
/// characters; `None` when it has no letters.
pub fn script(text: &str) -> Option<whatlang::Script> {
    let end = text.char_indices().nth(2000).map_or(text.len(), |(i, _)| i);
    whatlang::detect_script(&text[..end])
}

/// The shortest BCP 47 tag of a whatlang language.
fn bcp47(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Rus => "ru",
        Ukr => "uk",
        Bel => "be",
        Cat => "ca",
        Spa => "es",
        Fra => "fr",
        Deu => "de",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Pol => "pl",
        Ces => "cs",
        Slk => "sk",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Bul => "bg",
        Mkd => "mk",
        Ron => "ro",
        Hun => "hu",
        Fin => "fi",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Est => "et",
        Lav => "lv",
        Lit => "lt",
        Tur => "tr",
        Ell => "el",
        Heb => "he",
        Ara => "ar",
        Pes => "fa",
        Hin => "hi",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Vie => "vi",
        Tha => "th",
        Ind => "id",
        Kat => "ka",
        Hye => "hy",
        Aze => "az",
        Uzb => "uz",
        Epo => "eo",
        Afr => "af",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_russian_and_catalan_are_told_apart() {
        let en =
            detect("The foreign ministers discussed the results of the year in Moscow.").unwrap();
        assert_eq!(en.lang, "en");
        let ru =
            detect("Министры иностранных дел подвели итоги года на встрече в Москве.").unwrap();
        assert_eq!(ru.lang, "ru");
        let ca = detect("L'associació Softcatalà presenta la primera versió pública en català del paquet ofimàtic.").unwrap();
        assert_eq!(ca.lang, "ca");
        assert!(detect("12345 !!!").is_none());
    }
}
