//! The interface text in English and Russian.
//!
//! One [`Ui`] table per language, checked by the compiler: a string missing in one language is a
//! build error, not a blank button. Article text is never translated here; it is shown as the
//! bundle has it, with its own `lang` attribute.

/// The interface languages, in the order the switch shows them.
pub const LANGUAGES: [(&str, &str); 2] = [("en", "English"), ("ru", "Русский")];

/// Every interface string of one language.
#[allow(missing_docs)] // The field names say what each string is for.
#[derive(Debug)]
pub struct Ui {
    pub lang: &'static str,
    pub all_news: &'static str,
    pub sections: &'static str,
    pub by_month: &'static str,
    pub by_year: &'static str,
    pub loading: &'static str,
    /// While a list or an article of a sharded archive fetches its files (the archive is open).
    pub loading_page: &'static str,
    /// While a search of a sharded archive fetches the index chunks of its words.
    pub searching: &'static str,
    /// Before the parameters of the address that were not understood (`from=2024-13-01`).
    pub ignored_in_address: &'static str,
    /// Before the search parameters of an address that is no search (`#/section/x?q=summit`),
    /// which the view left out.
    pub search_only: &'static str,
    /// The link to the search those parameters describe.
    pub search_with_them: &'static str,
    /// When the address asks for a page past the last of a list or of results: the page shown
    /// is the last, numbered.
    pub past_last_page: fn(usize) -> String,
    /// A sharded archive's search whose doc table (facet counts, histogram) failed to load.
    pub filters_failed: &'static str,
    /// Above the facets when their counts are upper bounds (a phrase or tag not yet checked on
    /// every result's article).
    pub facets_at_most: &'static str,
    /// Under "Loading the archive…" when it takes long (a stalled download).
    pub slow_load: &'static str,
    /// Under "Loading the archive…": how much of its file has arrived, of how much when the
    /// server says (sizes as [`Anywhere::size`] writes them).
    pub archive_arrived: fn(&str, Option<&str>) -> String,
    /// The archive's progress bar's accessible name.
    pub archive_loading: &'static str,
    /// When the server has another publication of the archive than the one the page read.
    pub republished: &'static str,
    pub reload: &'static str,
    pub load_failed: &'static str,
    pub try_again: &'static str,
    pub not_found: &'static str,
    pub no_article: &'static str,
    /// The heading for an article the bundle has but the loader left out (its copy is broken).
    pub article_skipped: &'static str,
    /// Under [`Ui::article_skipped`], before what the loader found wrong with it.
    pub article_skipped_why: &'static str,
    pub no_section: &'static str,
    pub no_path: &'static str,
    /// Under [`Ui::no_path`] for a `date/…` address that is no year or month
    /// (`#/date/2024/13`, `#/date/2024/02/30`).
    pub date_paths: &'static str,
    /// The link to the whole year a wrong date address named.
    pub all_of_year: fn(u16) -> String,
    pub go_back: &'static str,
    pub back_to_section: &'static str,
    /// An article opened from search results: back to their page.
    pub back_to_results: &'static str,
    pub back_to_all: &'static str,
    pub original: &'static str,
    pub also_in: &'static str,
    pub in_this_section: &'static str,
    /// The pager of search results (in rank order, so no direction in time).
    pub previous: &'static str,
    pub next: &'static str,
    /// An article's neighbours in its section or in all news: the one published before it and
    /// the one after, named by their direction in time as the lists' pager is.
    pub older_article: &'static str,
    pub newer_article: &'static str,
    /// An article opened from search results: the results before and after it, or, at the
    /// page's ends, the results' page before and after; and what they are named as a group.
    pub previous_result: &'static str,
    pub next_result: &'static str,
    pub previous_results_page: &'static str,
    pub next_results_page: &'static str,
    pub in_these_results: &'static str,
    pub pages: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
    pub page_of: fn(usize, usize) -> String,
    /// The pager's page number when the number of pages is not known yet (an upper bound).
    pub page_n: fn(usize) -> String,
    /// The pager's link to page 1.
    pub first_page: &'static str,
    /// The pager's link to the last page.
    pub last_page: &'static str,
    /// The label of the pager's page-number field.
    pub go_to_page: &'static str,
    /// The button that goes to the page typed in that field.
    pub go: &'static str,
    pub articles: fn(usize) -> String,
    pub undated: &'static str,
    pub source: &'static str,
    pub empty_list: &'static str,
    pub problems: &'static str,
    /// Over an archive whose articles are not those it was published with (its content hash
    /// differs): edited or damaged since.
    pub altered: &'static str,
    pub skipped: fn(usize) -> String,
    pub warnings: fn(usize) -> String,
    pub show_warnings: &'static str,
    pub interface_language: &'static str,
    pub document: &'static str,
    pub archive_nav: &'static str,
    /// The link to the sidebar on a narrow screen, where it comes after the list.
    pub to_index: &'static str,
    pub whole_year: &'static str,
    /// Before the links to the nearest months with articles, on a year or month that has none.
    pub nearest_months: &'static str,
    pub search: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    /// The heading of the archive index's languages (each a list of its articles).
    pub by_language: &'static str,
    /// Heard before a language's name in the archive index (its link lists its articles).
    pub articles_in: &'static str,
    /// The name of the trail above an article (all news › its section).
    pub breadcrumb: &'static str,
    /// Heard after the name of a link that opens a new tab (the original article).
    pub opens_in_new_tab: &'static str,
    /// After a histogram bar's name and count, when the chosen date range covers it.
    pub bar_chosen: &'static str,
    /// … when the chosen range covers part of it (some months of a year's bar).
    pub bar_partly_chosen: &'static str,
    /// The search box's name and placeholder on a section's page, whose search stays in it.
    pub search_section: &'static str,
    /// … on a year's page.
    pub search_year: &'static str,
    /// … on a month's page.
    pub search_month: &'static str,
    pub search_button: &'static str,
    pub results: fn(usize) -> String,
    /// Before a result count that is an upper bound ("at most ").
    pub at_most: &'static str,
    /// The progress bar's label while files of a sharded archive load: files arrived, files
    /// asked for, and the sizes arrived and asked for (already written out).
    pub loading_parts: fn(usize, usize, &str, &str) -> String,
    /// The progress bar's accessible name (its changes are not announced: a search fetching
    /// forty files would otherwise say forty things).
    pub loading_files: &'static str,
    /// Shown over results computed before every part they need has arrived.
    pub partial: &'static str,
    /// Heading when a part of a sharded archive could not be loaded.
    pub part_failed: &'static str,
    /// Under [`Ui::part_failed`] when the browser is offline: why the part is not there.
    pub part_offline: &'static str,
    /// Under [`Ui::load_failed`] when the browser is offline: why the archive is not there.
    pub archive_offline: &'static str,
    /// Under [`Ui::load_failed`] when the bundle named by `?bundle=` is not on the server (404,
    /// 410): what to check.
    pub bundle_not_there: &'static str,
    /// In an embed, when the archive's file is not there (HTTP 404): what the partner who made
    /// the page should check.
    pub embed_bundle_not_there: &'static str,
    /// The link, after [`Ui::bundle_not_there`], to the page without `?bundle=`.
    pub default_archive: &'static str,
    /// A bundle the browser could not fetch: `(its address, the browser's words)`.
    pub fetch_failed: fn(&str, &str) -> String,
    /// After [`Ui::fetch_failed`] when the bundle is on another site than the page: `(its
    /// origin)`.
    pub on_other_site: fn(&str) -> String,
    /// A `?bundle=` naming a file on this device (`file:`), which a page may not read:
    /// `(the address)`.
    pub local_file: fn(&str) -> String,
    /// A `?bundle=` that is no web address (`javascript:`, `data:`, `ftp:`): `(the address)`.
    pub not_web: fn(&str) -> String,
    /// The server answered a bundle's request with an error: `(address, status code, status
    /// text)`.
    pub http_status: fn(&str, u16, &str) -> String,
    pub results_for: &'static str,
    pub no_results: &'static str,
    /// Said instead when the query holds nothing to search for (only punctuation or emoji).
    pub no_words: &'static str,
    pub try_instead: &'static str,
    /// Before the same search without one of its words each, when several found nothing
    /// together.
    pub fewer_words: &'static str,
    /// Before the sections whose name has the words searched for.
    pub sections_named: &'static str,
    /// Said when a typed `lang:` names no language of the archive: the tags it has.
    pub lang_values: fn(&str) -> String,
    /// Said when a typed `source:` names no source of the archive: the sources it has (the
    /// most frequent first, at most eight, then "…").
    pub source_values: fn(&str) -> String,
    /// In the empty state of a search filtered by a section id the archive lacks
    /// (`section=trainings`), before the archive's sections as `Label (id)` links.
    pub section_unknown: fn(&str) -> String,
    /// Said instead when the archive's articles name no source at all.
    pub no_sources: &'static str,
    /// Said when a typed `year:` names no year (`year:last`): how to write one, with the
    /// archive's first and last years.
    pub year_values: fn(u16, u16) -> String,
    /// A `year:` clause outside the archive's years: its first and last year.
    pub year_span: fn(u16, u16) -> String,
    /// Two `year:` clauses no year meets (an article has one year): the range that takes both.
    pub years_disjoint: fn(u16, u16) -> String,
    pub remove_filter: &'static str,
    pub clear_all: &'static str,
    pub filters: &'static str,
    pub active_filters: &'static str,
    pub f_section: &'static str,
    pub f_year: &'static str,
    pub f_month: &'static str,
    pub f_language: &'static str,
    pub f_source: &'static str,
    pub f_tag: &'static str,
    pub f_person: &'static str,
    pub f_place: &'static str,
    /// Put before a filter's value typed negated (`-source:TASS`: "Source: not TASS").
    pub not_value: &'static str,
    /// Above an article opened from a search: how many of the query's words are marked.
    pub marked_hits: fn(usize) -> String,
    /// The link that shows the article without the marks.
    pub unmark: &'static str,
    /// Said over results its last word found as a prefix, having found none as a word.
    pub widened: fn(&str) -> String,
    /// Above a sharded archive's results while the word being typed is matched as a prefix only
    /// in part: what was searched, and how to search every word that begins so.
    pub typing_narrowed: fn(&str) -> String,
    /// Over a file of a sharded archive written in a format version this app does not read:
    /// what the reader can still do, and what the publisher must do.
    pub stale_format: &'static str,
    /// A whole archive (its bundle or manifest) in a format version the app does not read.
    pub stale_bundle: &'static str,
    /// Above a sharded archive's results when words of the query are too common to be in its
    /// index (each in a quarter of the articles or more): those words, quoted and joined, how
    /// many they are, and whether they were the only words (then every article is listed).
    pub common_words: fn(&str, usize, bool) -> String,
    /// Before a search with its misspelt words corrected, when the search found nothing.
    pub did_you_mean: &'static str,
    /// Under the section facet: how many results are filed under no section.
    pub in_no_section: fn(usize) -> String,
    /// Under the year facet: how many results have no date.
    pub no_date: fn(usize) -> String,
    pub more_values: &'static str,
    pub f_dates: &'static str,
    pub sort: &'static str,
    pub by_relevance: &'static str,
    pub newest_first: &'static str,
    pub oldest_first: &'static str,
    pub histogram: &'static str,
    /// How to use the histogram, in three parts: the pointer's way, the keyboard's (hidden on
    /// a touch screen), the rest of the sentence.
    pub histogram_hint: [&'static str; 3],
    /// Announced while a range is brushed on the histogram, after the range and its count.
    pub brush_hint: &'static str,
    /// The histogram's caption and hint when its bars are years (results span over 15 years).
    pub histogram_years: &'static str,
    pub histogram_years_hint: [&'static str; 3],
    /// The histogram's scale, after its caption: the tallest bar's count, and whether the bars
    /// are years (else months).
    pub histogram_peak: fn(usize, bool) -> String,
    /// What the search box takes, with a source filter written with the archive's commonest
    /// source (none when its articles name none).
    pub search_hint: fn(Option<&str>) -> String,
    pub notes: fn(usize) -> String,
    pub skip_to_content: &'static str,
    pub about_this_copy: &'static str,
    /// In place of the text of an article the archive has only the title of (its source gave
    /// no lead and no body): whether the original's link follows.
    pub title_only: fn(bool) -> &'static str,
}

/// `n` written for readers of `lang`, its digits grouped by thousands as each language writes
/// them: `144,885` in English (from 1,000), `144 885` in Russian (from 10 000, with a
/// no-break space: four-digit numbers are written whole; Russian typography, as CLDR's `ru`).
pub fn count(lang: &str, n: usize) -> String {
    let digits = n.to_string();
    let (sep, from) = if lang == "ru" { ('\u{a0}', 10_000) } else { (',', 1_000) };
    if n < from {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

/// Russian plural form: `one` for 1, 21, 31…; `few` for 2–4, 22–24…; `many` otherwise
/// (CLDR plural rules for `ru`).
pub fn ru_plural(
    n: usize,
    one: &'static str,
    few: &'static str,
    many: &'static str,
) -> &'static str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => one,
        (2..=4, r) if !(12..=14).contains(&r) => few,
        _ => many,
    }
}

/// English text.
pub const EN: Ui = Ui {
    lang: "en",
    all_news: "All news",
    sections: "Sections",
    by_month: "By month",
    by_year: "By year",
    loading: "Loading the archive…",
    archive_arrived: |got, of| match of {
        Some(of) => format!("The archive: {got} of {of}"),
        None => format!("The archive: {got}"),
    },
    archive_loading: "Loading the archive",
    loading_page: "Loading this page…",
    searching: "Searching…",
    ignored_in_address: "Not understood in this address, so left out:",
    search_only: "Only a search uses these, so this page left them out:",
    search_with_them: "Search with them",
    past_last_page: |n| {
        format!(
            "The address asks for a page past the last: this is the last, page {}.",
            count("en", n)
        )
    },
    filters_failed: "The filters, their counts and the chart of these results could not be loaded.",
    facets_at_most: "These counts are upper bounds: results are checked for the phrase (or the \
                     tag) on their articles only as they are shown.",
    slow_load: "This is taking long: the server may be slow, or the connection may have stalled.",
    republished: "This archive has been updated since this page opened it. Reload the page to \
                  read the new version.",
    reload: "Reload",
    load_failed: "The archive could not be loaded",
    try_again: "Try again",
    not_found: "Page not found",
    no_article: "There is no article with this address in the archive.",
    article_skipped: "This article could not be shown",
    article_skipped_why: "The archive has an article with this address, but its copy is damaged, \
                          so it was left out:",
    no_section: "There is no section with this address in the archive.",
    no_path: "This address does not lead to any page of the archive.",
    date_paths: "A date's page is a year or a month of it (01 to 12), such as #/date/2024/02; \
                 there are no pages for days.",
    all_of_year: |y| format!("All of {y}"),
    go_back: "Go back",
    back_to_section: "Back to the section",
    back_to_results: "Back to the results",
    back_to_all: "Back to all news",
    original: "Original article",
    also_in: "This article in another language:",
    in_this_section: "In this section",
    previous: "Previous",
    next: "Next",
    older_article: "Older",
    newer_article: "Newer",
    previous_result: "Previous result",
    next_result: "Next result",
    previous_results_page: "Previous page of results",
    next_results_page: "Next page of results",
    in_these_results: "In these search results",
    pages: "Pages",
    newer: "Newer",
    older: "Older",
    page_of: |p, n| format!("Page {} of {}", count("en", p), count("en", n)),
    page_n: |p| format!("Page {}", count("en", p)),
    first_page: "First",
    last_page: "Last",
    go_to_page: "Go to page",
    go: "Go",
    articles: |n| format!("{} article{}", count("en", n), if n == 1 { "" } else { "s" }),
    undated: "Date unknown",
    source: "Source",
    empty_list: "There are no articles here.",
    problems: "Problems in this archive",
    altered: "This copy of the archive was changed after it was published: its articles are not \
              those its content hash was taken of. It may have been edited, or damaged on the way.",
    skipped: |n| {
        format!(
            "{n} article{} or section{} could not be shown:",
            if n == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" }
        )
    },
    warnings: |n| format!("{n} warning{}", if n == 1 { "" } else { "s" }),
    show_warnings: "Show the warnings",
    interface_language: "Interface language",
    document: "Document",
    archive_nav: "Archive",
    to_index: "Sections and years",
    whole_year: "Whole year",
    nearest_months: "Nearest months with articles:",
    search: "Search",
    search_label: "Search the archive",
    search_placeholder: "Search the archive",
    search_section: "Search this section",
    by_language: "By language",
    articles_in: "Articles in",
    breadcrumb: "Breadcrumb",
    opens_in_new_tab: " (opens in a new tab)",
    bar_chosen: "chosen",
    bar_partly_chosen: "partly chosen",
    search_year: "Search this year",
    search_month: "Search this month",
    search_button: "Search",
    results: |n| format!("{} result{}", count("en", n), if n == 1 { "" } else { "s" }),
    at_most: "at most ",
    loading_parts: |done, files, got, of| {
        let noun = if files == 1 { "file" } else { "files" };
        format!("Loading parts of the archive: {done} of {files} {noun} ({got} of {of})")
    },
    loading_files: "Files loading",
    partial: "Still loading: these results are not complete yet.",
    part_failed: "A part of the archive could not be loaded",
    part_offline: "You are offline, and this part of the archive was never opened on this device, \
                   so it is not saved here. It loads when you are back online.",
    archive_offline: "You are offline, and this archive was never opened on this device, so it \
                      is not saved here. It loads when you are back online.",
    bundle_not_there: "Check the file name after ?bundle= in the address: the file is looked \
                       for beside this page, and one wrong letter or folder is enough to miss \
                       it.",
    embed_bundle_not_there: "The archive this page embeds is not at the address the page \
                             names. Whoever made the page can check that address: data-bundle \
                             on the embed's element, or bundle= in the frame's address \
                             (relative to the archive's folder).",
    default_archive: "Open the archive this site shows by default",
    fetch_failed: |url, why| format!("{url} could not be fetched: {why}"),
    on_other_site: |origin| {
        format!(
            ". It is on another site ({origin}): this page may fetch only from its own site (its \
             Content-Security-Policy says connect-src 'self'), and the other site must allow it \
             too (CORS). Publish the bundle beside the app."
        )
    },
    local_file: |url| {
        format!(
            "{url} is a file on this device, which a page opened from a folder may not read: \
             serve the folder with any static server (python3 -m http.server) and open it from \
             there"
        )
    },
    not_web: |url| {
        format!(
            "{url} is not a web address: a bundle is a file on a web server (http or https), best \
             named relative to the page, as in ?bundle=my-archive.json"
        )
    },
    http_status: |url, status, text| format!("{url} answered HTTP {status} {text}"),
    results_for: "Results for",
    no_results: "Nothing matches this search.",
    no_words: "There is no word to search for here: type letters or digits.",
    try_instead: "Try removing a filter:",
    fewer_words: "No article has all of these words. Try fewer:",
    sections_named: "A section by this name:",
    lang_values: |tags| format!("lang: takes a language tag of this archive: {tags}."),
    source_values: |names| format!("source: the sources of this archive's articles are {names}."),
    section_unknown: |id| {
        format!("section={id}: this archive has no section with that id. Its sections (ids in brackets):")
    },
    no_sources: "source: this archive's articles name no source.",
    year_values: |first, last| {
        format!("year: takes a year, such as year:{last}, or years, such as year:{first}-{last}.")
    },
    year_span: |first, last| {
        if first == last {
            format!("year: all of this archive's articles are from {first}.")
        } else {
            format!("year: this archive's articles are from {first} to {last}.")
        }
    },
    years_disjoint: |a, b| {
        format!("year: an article has only one year; for the articles of {a} to {b}, write year:{a}-{b}.")
    },
    remove_filter: "Remove filter",
    clear_all: "Clear all",
    filters: "Filters",
    active_filters: "Active filters",
    f_section: "Section",
    f_year: "Year",
    f_month: "Month",
    f_language: "Language",
    f_source: "Source",
    f_tag: "Tag",
    f_person: "Person",
    f_place: "Place",
    not_value: "not",
    marked_hits: |n| format!("{n} match{} of your search marked:", if n == 1 { "" } else { "es" }),
    unmark: "Show without marks",
    widened: |w| format!("No article has the word “{w}”: these have words that begin with it."),
    stale_bundle: "This archive was written in a format version that this copy of the app does \
                   not read (trying again will not help). Its publisher needs to write it again \
                   with the archive-bundle that matches this app.",
    stale_format: "This archive was written by another version of archive-bundle than this \
                   app reads, so this part of it cannot be read here (trying again will not \
                   help). Its lists and articles may still open. Its publisher needs to write it \
                   again with archive-bundle shard from this release.",
    common_words: |words, n, alone| {
        format!(
            "{words} {}: too common to search for; {}.",
            if n == 1 {
                "is in a quarter of the articles or more"
            } else {
                "are each in a quarter of the articles or more"
            },
            if alone {
                "every article is listed"
            } else {
                "the results are those of the other words"
            }
        )
    },
    typing_narrowed: |w| {
        format!(
            "While you type, “{w}” is matched as a word and only some of the words that begin \
             with it: type on, or search for {w}* to find them all."
        )
    },
    did_you_mean: "Did you mean",
    in_no_section: |n| format!("{} in no section", count("en", n)),
    no_date: |n| format!("{} with no date", count("en", n)),
    more_values: "More",
    f_dates: "Dates",
    sort: "Sort",
    by_relevance: "Best match",
    newest_first: "Newest first",
    oldest_first: "Oldest first",
    histogram: "Results by month",
    brush_hint: "Enter chooses this period, Escape drops it.",
    histogram_hint: [
        "Drag across the bars",
        " (or Shift+arrows, then Enter)",
        " to choose a period; choose a bar for one month.",
    ],
    histogram_years: "Results by year",
    histogram_peak: |n, yearly| {
        format!(" (up to {} a {})", count("en", n), if yearly { "year" } else { "month" })
    },
    histogram_years_hint: [
        "Drag across the bars",
        " (or Shift+arrows, then Enter)",
        " to choose a period; choose a bar for one year.",
    ],
    search_hint: |source| {
        let source = source.map(|s| format!(", source:\"{s}\"")).unwrap_or_default();
        format!(
            "Type to search the whole archive: words, \"a phrase\", prefix*, -exclude{source}. \
             Press / to come back here."
        )
    },
    notes: |n| format!("{n} note{} on this archive's data", if n == 1 { "" } else { "s" }),
    skip_to_content: "Skip to content",
    about_this_copy: "About this copy",
    title_only: |original| {
        if original {
            "The archive holds only the title of this article: its source gave no text. The \
             original, linked below, may have it."
        } else {
            "The archive holds only the title of this article: its source gave no text."
        }
    },
};

/// Russian text.
pub const RU: Ui = Ui {
    lang: "ru",
    all_news: "Все новости",
    sections: "Разделы",
    by_month: "По месяцам",
    by_year: "По годам",
    loading: "Архив загружается…",
    archive_arrived: |got, of| match of {
        Some(of) => format!("Архив: {got} из {of}"),
        None => format!("Архив: {got}"),
    },
    archive_loading: "Загрузка архива",
    loading_page: "Страница загружается…",
    searching: "Идёт поиск…",
    ignored_in_address: "Не распознано в адресе и потому не учтено:",
    search_only: "Это параметры поиска, поэтому эта страница их не учла:",
    search_with_them: "Искать с ними",
    past_last_page: |n| {
        format!("В адресе страница после последней: показана последняя, {}-я.", count("ru", n))
    },
    filters_failed: "Не удалось загрузить фильтры, их счётчики и график этих результатов.",
    facets_at_most: "Эти числа — верхние границы: фраза (или метка) проверяется в тексте \
                     статей только по мере их показа.",
    slow_load: "Загрузка затянулась: сервер отвечает медленно или соединение прервалось.",
    republished: "Архив обновили после того, как эта страница его открыла. Перезагрузите \
                  страницу, чтобы читать новую версию.",
    reload: "Перезагрузить",
    load_failed: "Не удалось загрузить архив",
    try_again: "Попробовать снова",
    not_found: "Страница не найдена",
    no_article: "В архиве нет статьи с таким адресом.",
    article_skipped: "Эту статью нельзя показать",
    article_skipped_why: "В архиве есть статья с этим адресом, но её копия повреждена, поэтому \
                          она пропущена:",
    no_section: "В архиве нет раздела с таким адресом.",
    no_path: "По этому адресу в архиве ничего нет.",
    date_paths: "Страница даты — это год или его месяц (от 01 до 12), например #/date/2024/02; \
                 страниц отдельных дней нет.",
    all_of_year: |y| format!("Весь {y} год"),
    go_back: "Назад",
    back_to_section: "Вернуться в раздел",
    back_to_results: "К результатам поиска",
    back_to_all: "Вернуться ко всем новостям",
    original: "Оригинал статьи",
    also_in: "Эта статья на другом языке:",
    in_this_section: "В этом разделе",
    previous: "Предыдущая",
    next: "Следующая",
    older_article: "Более ранняя",
    newer_article: "Более новая",
    previous_result: "Предыдущий результат",
    next_result: "Следующий результат",
    previous_results_page: "Предыдущая страница результатов",
    next_results_page: "Следующая страница результатов",
    in_these_results: "В этих результатах поиска",
    pages: "Страницы",
    newer: "Более новые",
    older: "Более ранние",
    page_of: |p, n| format!("Страница {} из {}", count("ru", p), count("ru", n)),
    page_n: |p| format!("Страница {}", count("ru", p)),
    first_page: "Первая",
    last_page: "Последняя",
    go_to_page: "На страницу",
    go: "Перейти",
    articles: |n| format!("{} {}", count("ru", n), ru_plural(n, "статья", "статьи", "статей")),
    undated: "Дата неизвестна",
    source: "Источник",
    empty_list: "Здесь нет статей.",
    problems: "Проблемы в этом архиве",
    altered: "Эта копия архива изменена после публикации: её статьи не те, с которых снят её хеш \
              содержимого. Её могли отредактировать или повредить при передаче.",
    skipped: |n| {
        format!("Не удалось показать: {n} {}.", ru_plural(n, "запись", "записи", "записей"))
    },
    warnings: |n| {
        format!("{n} {}", ru_plural(n, "предупреждение", "предупреждения", "предупреждений"))
    },
    show_warnings: "Показать предупреждения",
    interface_language: "Язык интерфейса",
    document: "Документ",
    archive_nav: "Архив",
    to_index: "Разделы и годы",
    whole_year: "Весь год",
    nearest_months: "Ближайшие месяцы со статьями:",
    search: "Поиск",
    search_label: "Поиск по архиву",
    search_placeholder: "Поиск по архиву",
    search_section: "Поиск в этом разделе",
    by_language: "По языкам",
    articles_in: "Статьи на языке:",
    breadcrumb: "Навигационная цепочка",
    opens_in_new_tab: " (откроется в новой вкладке)",
    bar_chosen: "выбрано",
    bar_partly_chosen: "выбрано частично",
    search_year: "Поиск за этот год",
    search_month: "Поиск за этот месяц",
    search_button: "Найти",
    results: |n| {
        format!("{} {}", count("ru", n), ru_plural(n, "результат", "результата", "результатов"))
    },
    at_most: "не более ",
    loading_parts: |done, files, got, of| {
        format!("Загрузка частей архива: файлы {done} из {files} ({got} из {of})")
    },
    loading_files: "Загрузка файлов",
    partial: "Загрузка продолжается: результаты ещё не полные.",
    part_failed: "Не удалось загрузить часть архива",
    part_offline: "Нет связи с сетью, а эта часть архива на этом устройстве ещё не открывалась, \
                   поэтому её здесь нет. Она загрузится, когда связь появится.",
    archive_offline: "Нет связи с сетью, а этот архив на этом устройстве ещё не открывался, \
                      поэтому его здесь нет. Он загрузится, когда связь появится.",
    bundle_not_there: "Проверьте имя файла после ?bundle= в адресе: файл ищется рядом с этой \
                       страницей, и одной неверной буквы или папки достаточно, чтобы его не \
                       найти.",
    embed_bundle_not_there: "Архива, встроенного в эту страницу, нет по указанному ею адресу. \
                             Автор страницы может проверить этот адрес: data-bundle у элемента \
                             встраивания или bundle= в адресе фрейма (относительно папки архива).",
    default_archive: "Открыть архив, который этот сайт показывает по умолчанию",
    fetch_failed: |url, why| format!("Не удалось получить {url}: {why}"),
    on_other_site: |origin| {
        format!(
            ". Файл на другом сайте ({origin}): эта страница может загружать данные только со \
             своего сайта (её Content-Security-Policy разрешает connect-src 'self'), и другой \
             сайт тоже должен это разрешать (CORS). Опубликуйте архив рядом с приложением."
        )
    },
    local_file: |url| {
        format!(
            "{url} — файл на этом устройстве, а страница, открытая из папки, не может его \
             прочитать: раздайте папку любым статическим сервером (python3 -m http.server) и \
             откройте её оттуда"
        )
    },
    not_web: |url| {
        format!(
            "{url} — не веб-адрес: архив — это файл на веб-сервере (http или https), лучше всего \
             указанный относительно страницы, например ?bundle=my-archive.json"
        )
    },
    http_status: |url, status, text| format!("{url}: сервер ответил HTTP {status} {text}"),
    results_for: "Результаты по запросу",
    no_results: "По этому запросу ничего не найдено.",
    no_words: "Здесь нет слов для поиска: введите буквы или цифры.",
    try_instead: "Попробуйте убрать фильтр:",
    fewer_words: "Ни в одной статье нет всех этих слов. Попробуйте меньше:",
    sections_named: "Раздел с таким названием:",
    lang_values: |tags| format!("lang: принимает код языка этого архива: {tags}."),
    source_values: |names| format!("source: источники статей этого архива — {names}."),
    section_unknown: |id| {
        format!("section={id}: в этом архиве нет раздела с таким идентификатором. Его разделы (в скобках идентификаторы):")
    },
    no_sources: "source: у статей этого архива источник не указан.",
    year_values: |first, last| {
        format!(
            "year: принимает год, например year:{last}, или годы, например year:{first}-{last}."
        )
    },
    year_span: |first, last| {
        if first == last {
            format!("year: все статьи этого архива — {first} года.")
        } else {
            format!("year: статьи этого архива — с {first} по {last} год.")
        }
    },
    years_disjoint: |a, b| {
        format!("year: у статьи только один год; чтобы найти статьи {a}–{b} годов, напишите year:{a}-{b}.")
    },
    remove_filter: "Убрать фильтр",
    clear_all: "Сбросить всё",
    filters: "Фильтры",
    active_filters: "Выбранные фильтры",
    f_section: "Раздел",
    f_year: "Год",
    f_month: "Месяц",
    f_language: "Язык",
    f_source: "Источник",
    f_tag: "Тема",
    f_person: "Персона",
    f_place: "Место",
    not_value: "не",
    marked_hits: |n| {
        format!(
            "Отмечено {n} {} по запросу:",
            ru_plural(n, "совпадение", "совпадения", "совпадений")
        )
    },
    unmark: "Убрать отметки",
    widened: |w| {
        format!("Ни в одной статье нет слова «{w}»: здесь слова, которые с него начинаются.")
    },
    stale_bundle: "Этот архив записан в версии формата, которую эта копия приложения не \
                   читает (повторная попытка не поможет). Издателю архива нужно записать его \
                   заново той версией archive-bundle, что соответствует этому приложению.",
    stale_format: "Этот архив записан другой версией archive-bundle, чем та, которую читает \
                   это приложение, поэтому эту его часть здесь не прочитать (повторная попытка \
                   не поможет). Списки и статьи, возможно, откроются. Издателю архива нужно \
                   записать его заново командой archive-bundle shard из этой версии.",
    common_words: |words, n, alone| {
        format!(
            "{words} {}; {}.",
            if n == 1 {
                "встречается в четверти статей и чаще — слишком частое слово, в поиске не \
                 учитывается"
            } else {
                "встречаются в четверти статей и чаще — слишком частые слова, в поиске не \
                 учитываются"
            },
            if alone {
                "показаны все статьи"
            } else {
                "показаны результаты по остальным словам"
            }
        )
    },
    typing_narrowed: |w| {
        format!(
            "Пока вы печатаете, «{w}» ищется как слово и лишь часть слов, которые с него \
             начинаются: допечатайте слово или ищите {w}*, чтобы найти их все."
        )
    },
    did_you_mean: "Возможно, вы имели в виду",
    in_no_section: |n| format!("{} вне разделов", count("ru", n)),
    no_date: |n| format!("{} без даты", count("ru", n)),
    more_values: "Ещё",
    f_dates: "Даты",
    sort: "Порядок",
    by_relevance: "По релевантности",
    newest_first: "Сначала новые",
    oldest_first: "Сначала старые",
    histogram: "Результаты по месяцам",
    brush_hint: "Enter — выбрать этот период, Escape — отменить.",
    histogram_hint: [
        "Проведите по столбцам",
        " (или Shift+стрелки, затем Enter)",
        ", чтобы выбрать период; выберите столбец для одного месяца.",
    ],
    histogram_years: "Результаты по годам",
    histogram_peak: |n, yearly| {
        format!(" (до {} в {})", count("ru", n), if yearly { "год" } else { "месяц" })
    },
    histogram_years_hint: [
        "Проведите по столбцам",
        " (или Shift+стрелки, затем Enter)",
        ", чтобы выбрать период; выберите столбец для одного года.",
    ],
    search_hint: |source| {
        let source = source.map(|s| format!(", source:\"{s}\"")).unwrap_or_default();
        format!(
            "Ищите по всему архиву: слова, \"фраза\", начало*, -исключить{source}. Клавиша / \
             возвращает сюда."
        )
    },
    notes: |n| {
        format!("{n} {} о данных архива", ru_plural(n, "замечание", "замечания", "замечаний"))
    },
    skip_to_content: "Перейти к содержанию",
    about_this_copy: "Об этой копии",
    title_only: |original| {
        if original {
            "В архиве есть только заголовок этой статьи: источник не дал её текста. Он может \
             быть в оригинале, ссылка на который ниже."
        } else {
            "В архиве есть только заголовок этой статьи: источник не дал её текста."
        }
    },
};

impl Ui {
    /// `text` in this language's quotation marks: “…” in English, «…» in Russian.
    pub fn quote(&self, text: &str) -> String {
        let (open, close) = if self.lang == "ru" { ('«', '»') } else { ('“', '”') };
        format!("{open}{text}{close}")
    }

    /// A search query `q` as a heading names it: in this language's quotation marks, or as typed
    /// when it has quotes of its own (an "exact phrase"), which would otherwise show doubled.
    pub fn quote_query(&self, q: &str) -> String {
        if q.contains(['"', '“', '”', '«', '»', '„']) {
            q.to_owned()
        } else {
            self.quote(q)
        }
    }
}

/// Whether language tag `lang` (any case, any region) has primary language subtag `primary`.
fn speaks(lang: &str, primary: &str) -> bool {
    lang.split('-').next().is_some_and(|p| p.eq_ignore_ascii_case(primary))
}

/// Whether the interface has a table for language tag `lang` (English or Russian, any region):
/// `?lang=de` has none, so the browser's language is taken instead.
pub fn has_ui(lang: &str) -> bool {
    speaks(lang, "en") || speaks(lang, "ru")
}

/// The table for `lang`, English for anything but Russian.
pub fn ui(lang: &str) -> &'static Ui {
    if speaks(lang, "ru") {
        &RU
    } else {
        &EN
    }
}

/// A month heading, "July 2024" / "Июль 2024".
pub fn month_title(lang: &str, year: u16, month: u8) -> String {
    let m = usize::from(month.clamp(1, 12) - 1);
    if ui(lang).lang == "ru" {
        let name = archive_core::date::MONTHS_RU[m];
        let mut chars = name.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
        format!("{first}{} {year}", chars.as_str())
    } else {
        format!("{} {year}", archive_core::date::MONTHS_EN[m])
    }
}

/// The name of the language `tag` (a BCP 47 tag such as `ru`) in the interface language
/// `ui_lang`, capitalised as a label: "Russian" in English, "Английский" in Russian.
///
/// The names come from the browser's `Intl.DisplayNames` (ECMA-402), so the app carries no
/// table of its own. A tag the browser cannot name, or one it rejects as malformed, is shown
/// as written. Each name is asked for once per interface language: making an
/// `Intl.DisplayNames` costs about as much as drawing a result (a facet panel names each
/// language of the results on every redraw).
pub fn language_name(ui_lang: &str, tag: &str) -> String {
    // ICU names the empty tag "Root".
    if tag.trim().is_empty() {
        return tag.to_owned();
    }
    let ui_lang = ui(ui_lang).lang;
    let key = (ui_lang, tag.to_owned());
    if let Some(name) = LANGUAGE_NAMES.with_borrow(|names| names.get(&key).cloned()) {
        return name;
    }
    let options = js_sys::Object::new();
    // Setting a plain property on a fresh object cannot fail.
    let _ = js_sys::Reflect::set(&options, &"type".into(), &"language".into());
    let name = DisplayNames::new(ui_lang, &options).and_then(|names| names.of(tag));
    let name = match name {
        Ok(Some(name)) if !name.is_empty() => {
            let mut chars = name.chars();
            let first = chars.next().map(char::to_uppercase).into_iter().flatten();
            first.chain(chars).collect()
        }
        _ => tag.to_owned(),
    };
    LANGUAGE_NAMES.with_borrow_mut(|names| names.insert(key, name.clone()));
    name
}

/// Names `tags` in the interface language `ui_lang` ([`language_name`]) when the browser is
/// idle (`requestIdleCallback`; a second's timeout where there is none), so that no reader's
/// view pays for it: the first `Intl.DisplayNames` of a page loads the browser's locale data,
/// about 18 ms in Chromium, which made the first facet panel at a million articles one task
/// over 50 ms.
pub fn name_languages_when_idle(ui_lang: String, tags: Vec<String>) {
    use wasm_bindgen::JsCast;
    let work = move || {
        for tag in &tags {
            language_name(&ui_lang, tag);
        }
    };
    let window = web_sys::window();
    let idle = window
        .as_ref()
        .and_then(|w| js_sys::Reflect::get(w, &"requestIdleCallback".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match (window, idle) {
        (Some(window), Some(idle)) => {
            let callback = wasm_bindgen::closure::Closure::once_into_js(work);
            if idle.call1(&window, &callback).is_err() {
                leptos::logging::warn!("requestIdleCallback refused a callback");
            }
        }
        _ => leptos::prelude::set_timeout(work, std::time::Duration::from_secs(1)),
    }
}

/// Whether [`language_name`] has the name of `tag` in `ui_lang` at hand (asked for before, or
/// by [`name_languages_when_idle`]).
pub fn language_named(ui_lang: &str, tag: &str) -> bool {
    LANGUAGE_NAMES.with_borrow(|names| names.contains_key(&(ui(ui_lang).lang, tag.to_owned())))
}

thread_local! {
    /// [`language_name`]'s answers: (interface language, tag) → name. A handful of entries.
    static LANGUAGE_NAMES: std::cell::RefCell<std::collections::HashMap<(&'static str, String), String>> =
        std::cell::RefCell::default();
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Intl.DisplayNames`, bound here with `catch`: `of` throws a `RangeError` for a malformed
    /// tag, and js-sys binds it without.
    #[wasm_bindgen(js_namespace = Intl)]
    type DisplayNames;

    #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
    fn new(locales: &str, options: &js_sys::Object) -> Result<DisplayNames, wasm_bindgen::JsValue>;

    #[wasm_bindgen(method, catch)]
    fn of(this: &DisplayNames, code: &str) -> Result<Option<String>, wasm_bindgen::JsValue>;
}

/// The interface text of the "anywhere" features: offline and updates, theme, share and cite.
/// A table of its own, like [`Ui`], so a string missing in one language is a build error.
#[allow(missing_docs)] // The field names say what each string is for.
#[derive(Debug)]
pub struct Anywhere {
    pub update_ready: &'static str,
    pub update_now: &'static str,
    pub offline: &'static str,
    pub theme: &'static str,
    pub theme_system: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub share: &'static str,
    pub link: &'static str,
    pub citation: &'static str,
    pub copy: &'static str,
    /// The link's Copy button, as a screen reader names it.
    pub copy_link: &'static str,
    /// The citation's Copy button, as a screen reader names it.
    pub copy_citation: &'static str,
    /// Said when the link was copied.
    pub copied: &'static str,
    /// Said when the citation was copied (another text, so that it is said again).
    pub citation_copied: &'static str,
    pub copy_by_hand: &'static str,
    pub open_full: &'static str,
    pub offline_reading: &'static str,
    /// "Saved on this device: {size}" (size already written out).
    pub saved_here: fn(&str) -> String,
    /// The button: keep the `n` pictures of this view offline.
    pub keep_pictures: fn(usize) -> String,
    /// Progress: (done, total, size kept, failed).
    pub kept: fn(usize, usize, &str, usize) -> String,
    /// Bytes written out: "206 KB".
    pub size: fn(f64) -> String,
    /// A citation: (title, source, date, archive title, url, accessed date).
    pub cite: fn(&Citation) -> String,
}

/// What a citation is made of.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct Citation {
    pub title: String,
    pub source: Option<String>,
    /// The publication date; each language writes it its way.
    pub date: Option<archive_core::CivilDate>,
    pub archive: String,
    pub url: String,
    /// The day the reader opened it (in their time zone); each language writes it its way.
    pub accessed: Option<archive_core::CivilDate>,
    /// The address the article was first published at, when known.
    pub original: Option<String>,
}

/// A title as the English citation quotes it: quotation marks inside it become single ones
/// (it stands inside double ones), and it ends in a period unless it ends in `?`, `!` or `…`.
fn quoted_title(title: &str) -> String {
    // Straight quotation marks open and close in turn.
    let mut inside = false;
    let mut out: String = title
        .trim()
        .trim_end_matches('.')
        .chars()
        .map(|c| match c {
            '“' => '‘',
            '”' => '’',
            '"' => {
                inside = !inside;
                if inside {
                    '‘'
                } else {
                    '’'
                }
            }
            c => c,
        })
        .collect();
    if !out.ends_with(['?', '!', '…']) {
        out.push('.');
    }
    format!("“{out}”")
}

/// English "anywhere" text. The citation follows the common web-source pattern: source, "title",
/// date, archive, address, access date.
pub const EN_ANYWHERE: Anywhere = Anywhere {
    update_ready: "A new version of the archive is ready.",
    update_now: "Switch to the new version",
    offline: "Offline: reading the saved copy",
    theme: "Theme",
    theme_system: "System",
    theme_light: "Light",
    theme_dark: "Dark",
    share: "Share / cite",
    link: "Link",
    citation: "Citation",
    copy: "Copy",
    copy_link: "Copy the link",
    copy_citation: "Copy the citation",
    copied: "Link copied.",
    citation_copied: "Citation copied.",
    copy_by_hand: "Copying is not available here: the text is selected, copy it with Ctrl+C (⌘C).",
    open_full: "Open the full archive",
    offline_reading: "Offline reading",
    saved_here: |size| {
        format!(
            "Everything you have opened here reads offline, its pictures where you kept them. \
             Saved on this device: {size}."
        )
    },
    keep_pictures: |n| {
        format!("Keep the {n} picture{} of this list offline", if n == 1 { "" } else { "s" })
    },
    kept: |done, total, size, failed| {
        let mut s = format!(
            "{done} of {total} picture{} done: {} kept ({size})",
            if total == 1 { "" } else { "s" },
            done - failed.min(done)
        );
        if failed > 0 {
            s.push_str(&format!(
                "; {failed} could not be kept (missing, or their site does not allow it)"
            ));
        }
        s.push('.');
        s
    },
    size: |bytes| size_text(bytes, '.', ["bytes", "KB", "MB", "GB"]),
    cite: |c| {
        let mut s = String::new();
        if let Some(source) = &c.source {
            s.push_str(source);
            s.push_str(". ");
        }
        s.push_str(&quoted_title(&c.title));
        s.push(' ');
        if let Some(date) = c.date {
            s.push_str(&date.to_long("en"));
            s.push_str(". ");
        }
        let accessed = c.accessed.map(|d| d.to_long("en")).unwrap_or_default();
        s.push_str(&format!("{}. {} (accessed {accessed}).", c.archive, c.url));
        if let Some(original) = &c.original {
            s.push_str(&format!(" Original: {original}"));
        }
        s
    },
};

/// Russian "anywhere" text. The citation follows GOST R 7.0.100-2018 for a part of an
/// electronic resource: title / source // archive. — year. — day month (abbreviated as GOST
/// 7.0.12 abbreviates it). — URL: … (дата обращения: dd.mm.yyyy). — Текст : электронный.
pub const RU_ANYWHERE: Anywhere = Anywhere {
    update_ready: "Готова новая версия архива.",
    update_now: "Перейти на новую версию",
    offline: "Нет сети: показана сохранённая копия",
    theme: "Тема",
    theme_system: "Как в системе",
    theme_light: "Светлая",
    theme_dark: "Тёмная",
    share: "Поделиться / цитировать",
    link: "Ссылка",
    citation: "Библиографическая ссылка",
    copy: "Копировать",
    copy_link: "Копировать ссылку",
    copy_citation: "Копировать библиографическую ссылку",
    copied: "Ссылка скопирована.",
    citation_copied: "Библиографическая ссылка скопирована.",
    copy_by_hand:
        "Копирование здесь недоступно: текст выделен, скопируйте его с помощью Ctrl+C (⌘C).",
    open_full: "Открыть весь архив",
    offline_reading: "Чтение без сети",
    saved_here: |size| {
        format!(
            "Всё, что вы здесь открывали, доступно без сети, картинки — там, где вы их сохранили. \
             Сохранено на этом устройстве: {size}."
        )
    },
    keep_pictures: |n| {
        format!(
            "Сохранить для чтения без сети {n} {} этого списка",
            ru_plural(n, "иллюстрацию", "иллюстрации", "иллюстраций")
        )
    },
    kept: |done, total, size, failed| {
        let mut s =
            format!("Обработано {done} из {total}: сохранено {} ({size})", done - failed.min(done));
        if failed > 0 {
            s.push_str(&format!(
                "; не удалось сохранить: {failed} (их нет или их сайт этого не разрешает)"
            ));
        }
        s.push('.');
        s
    },
    size: |bytes| size_text(bytes, ',', ["байт", "КБ", "МБ", "ГБ"]),
    cite: |c| {
        // Parts joined by ". — ", without doubling a part's own closing period ("г.").
        let join = |s: &mut String, part: &str| {
            s.push_str(if s.ends_with('.') { " — " } else { ". — " });
            s.push_str(part);
        };
        let mut s = c.title.trim_end_matches('.').to_owned();
        if let Some(source) = &c.source {
            s.push_str(&format!(" / {source}"));
        }
        s.push_str(&format!(" // {}", c.archive));
        if let Some(date) = c.date {
            join(&mut s, &format!("{}.", date.year()));
            join(&mut s, &format!("{} {}", date.day(), GOST_MONTHS[usize::from(date.month()) - 1]));
        }
        // GOST writes the access date in figures: 01.12.2026.
        let accessed = c
            .accessed
            .map(|d| format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()))
            .unwrap_or_default();
        join(&mut s, &format!("URL: {} (дата обращения: {accessed}).", c.url));
        join(&mut s, "Текст : электронный.");
        if let Some(original) = &c.original {
            join(&mut s, &format!("Первоисточник: {original}"));
        }
        s
    },
};

/// The months in the genitive as GOST 7.0.12-2011 abbreviates them in a bibliographic record
/// ("20 февр."; the short names are written whole).
const GOST_MONTHS: [&str; 12] = [
    "янв.",
    "февр.",
    "марта",
    "апр.",
    "мая",
    "июня",
    "июля",
    "авг.",
    "сент.",
    "окт.",
    "нояб.",
    "дек.",
];

/// `bytes` in the largest unit that keeps the number at least 1, with one decimal below 10
/// after the language's decimal mark `point` ("820 bytes", "206 KB", "1.1 MB"; "1,1 МБ");
/// units of 1024.
fn size_text(bytes: f64, point: char, units: [&str; 4]) -> String {
    // Integer arithmetic only: formatting an f64 would pull float printing into the wasm.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // sizes are small, >= 0
    let mut tenths = (bytes.max(0.0) * 10.0).round() as u64;
    let mut unit = 0;
    while tenths >= 10_240 && unit < units.len() - 1 {
        tenths = (tenths + 512) / 1024;
        unit += 1;
    }
    if unit == 0 || tenths >= 100 {
        format!("{} {}", (tenths + 5) / 10, units[unit])
    } else {
        format!("{}{point}{} {}", tenths / 10, tenths % 10, units[unit])
    }
}

/// The "anywhere" table for `lang`, English for anything but Russian.
pub fn anywhere(lang: &str) -> &'static Anywhere {
    if ui(lang).lang == "ru" {
        &RU_ANYWHERE
    } else {
        &EN_ANYWHERE
    }
}

#[cfg(test)]
mod tests {
    // These run as wasm (the app's target) under wasm-bindgen-test, in Node.
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands_as_each_language_writes_them() {
        assert_eq!(
            [0, 999, 1_000, 36_592, 144_885, 1_000_000].map(|n| count("en", n)),
            ["0", "999", "1,000", "36,592", "144,885", "1,000,000"]
        );
        assert_eq!(
            [999, 9_999, 10_000, 144_885, 1_000_000].map(|n| count("ru", n)),
            ["999", "9999", "10\u{a0}000", "144\u{a0}885", "1\u{a0}000\u{a0}000"]
        );
        assert_eq!((ui("ru").results)(144_885), "144\u{a0}885 результатов");
        assert_eq!((ui("en").page_of)(2, 7_245), "Page 2 of 7,245");
    }

    #[test]
    fn an_archive_of_one_year_is_not_said_to_run_from_that_year_to_itself() {
        assert_eq!(
            (ui("en").year_span)(2025, 2025),
            "year: all of this archive's articles are from 2025."
        );
        assert_eq!((ui("ru").year_span)(2025, 2025), "year: все статьи этого архива — 2025 года.");
        assert_eq!(
            (ui("en").year_span)(2010, 2026),
            "year: this archive's articles are from 2010 to 2026."
        );
    }

    #[test]
    fn a_language_tag_picks_its_table_by_its_primary_subtag_in_any_case() {
        for (tag, table) in
            [("ru", "ru"), ("RU", "ru"), ("ru-RU", "ru"), ("en-GB", "en"), ("rue", "en")]
        {
            assert_eq!(ui(tag).lang, table, "{tag}");
        }
        assert!(has_ui("EN-gb") && has_ui("ru") && has_ui("Ru-by"));
        assert!(!has_ui("de") && !has_ui("rue") && !has_ui(""));
        assert_eq!(ui("ru").quote("учения"), "«учения»");
        assert_eq!(ui("en").quote("exercise"), "“exercise”");
        assert_eq!(ui("en").quote_query("military exercise"), "“military exercise”");
        assert_eq!(ui("ru").quote_query("\"военные учения\""), "\"военные учения\"");
        assert_eq!(ui("ru").quote_query("путин «учения»"), "путин «учения»");
    }

    #[test]
    fn russian_plurals() {
        let f = |n| ru_plural(n, "статья", "статьи", "статей");
        assert_eq!(
            [f(1), f(2), f(5), f(11), f(12), f(21), f(22), f(25), f(111)],
            [
                "статья",
                "статьи",
                "статей",
                "статей",
                "статей",
                "статья",
                "статьи",
                "статей",
                "статей"
            ]
        );
    }

    #[test]
    fn month_titles() {
        assert_eq!(month_title("en", 2024, 7), "July 2024");
        assert_eq!(month_title("ru", 2024, 7), "Июль 2024");
    }

    #[test]
    fn language_names() {
        assert_eq!(language_name("en", "ru"), "Russian");
        assert_eq!(language_name("en", "en"), "English");
        assert_eq!(language_name("ru", "en"), "Английский");
        assert_eq!(language_name("ru", "ru"), "Русский");
        // A malformed tag is shown as written, not thrown.
        assert_eq!(language_name("en", "en_US!"), "en_US!");
        assert_eq!(language_name("en", ""), "");
    }

    #[test]
    fn sizes() {
        assert_eq!((EN_ANYWHERE.size)(820.0), "820 bytes");
        assert_eq!((EN_ANYWHERE.size)(211_284.0), "206 KB");
        assert_eq!((EN_ANYWHERE.size)(1_153_434.0), "1.1 MB");
        assert_eq!((RU_ANYWHERE.size)(2048.0), "2,0 КБ");
        assert_eq!((RU_ANYWHERE.size)(1_153_434.0), "1,1 МБ");
    }

    #[test]
    fn citations() {
        let c = Citation {
            title: "The CSTO is concerned.".into(),
            source: Some("RIA Novosti".into()),
            date: archive_core::CivilDate::new(2020, 12, 2).ok(),
            archive: "CSTO news archive".into(),
            url: "https://example.org/archive/#/article/a".into(),
            accessed: archive_core::CivilDate::new(2026, 11, 30).ok(),
            original: None,
        };
        assert_eq!(
            (EN_ANYWHERE.cite)(&c),
            "RIA Novosti. “The CSTO is concerned.” 2 December 2020. CSTO news archive. \
             https://example.org/archive/#/article/a (accessed 30 November 2026)."
        );
        let c = Citation { source: None, ..c };
        assert_eq!(
            (RU_ANYWHERE.cite)(&c),
            "The CSTO is concerned // CSTO news archive. — 2020. — 2 дек. — URL: \
             https://example.org/archive/#/article/a (дата обращения: 30.11.2026). — Текст : \
             электронный."
        );
        let may = Citation { date: archive_core::CivilDate::new(2021, 5, 9).ok(), ..c.clone() };
        assert!((RU_ANYWHERE.cite)(&may).contains(" — 2021. — 9 мая. — URL: "));
        // The original address last; a title's own quotation marks turn single inside the
        // citation's, and its closing "…" or "?" takes no period after it.
        let c = Citation {
            title: "Head of the \"Rock-2024\" exercise and “Echelon”, a joint…".into(),
            date: archive_core::CivilDate::new(2024, 9, 5).ok(),
            original: Some("https://en.odkb-csto.org/news/1".into()),
            ..c
        };
        assert_eq!(
            (EN_ANYWHERE.cite)(&c),
            "“Head of the ‘Rock-2024’ exercise and ‘Echelon’, a joint…” 5 September 2024. \
             CSTO news archive. https://example.org/archive/#/article/a (accessed 30 November \
             2026). Original: https://en.odkb-csto.org/news/1"
        );
        assert!((RU_ANYWHERE.cite)(&c).ends_with(
            "(дата обращения: 30.11.2026). — Текст : электронный. — Первоисточник: \
             https://en.odkb-csto.org/news/1"
        ));
        assert_eq!(quoted_title("Is it over?"), "“Is it over?”");
    }
}
